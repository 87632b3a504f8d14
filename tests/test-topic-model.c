/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "rh-test-utils.h"
#include "rh-topic-model.h"

static RhTopic *
get_topic (GListModel *model,
           guint       position)
{
  RhTopic *topic = g_list_model_get_item (model, position);

  /* The model keeps its own reference. */
  g_object_unref (topic);

  return topic;
}

static const char counts_deck[] =
  "{\"rehearse_deck\": 1, \"cards\": ["
  " {\"id\": \"g1\", \"topic\": \"Go::Runtime::GC\", \"front\": \"q\", \"back\": \"a\"},"
  " {\"id\": \"g2\", \"topic\": \"Go::Runtime\", \"front\": \"q\", \"back\": \"a\"},"
  " {\"id\": \"g3\", \"topic\": \"Go::Syntax\", \"front\": \"q\", \"back\": \"a\"},"
  " {\"id\": \"g4\", \"topic\": \"Go\", \"front\": \"q\", \"back\": \"a\"},"
  " {\"id\": \"r1\", \"topic\": \"Redis\", \"front\": \"q\", \"back\": \"a\"},"
  " {\"id\": \"r2\", \"topic\": \"Redis::Cluster\", \"front\": \"q\", \"back\": \"a\"}"
  "]}";

static void
test_topic_counts (void)
{
  g_autoptr(RhClock) clock = rh_clock_new_fake (RH_TEST_NOW_US, NULL);
  g_autoptr(RhDatabase) db = rh_test_open_database (":memory:", clock);
  g_autoptr(RhTopicModel) top = NULL;
  g_autoptr(GListModel) children = NULL;
  gint64 now = RH_TEST_NOW_US / G_USEC_PER_SEC;
  g_autofree char *sql = NULL;
  g_autofree char *counts = NULL;
  RhTopic *go, *redis, *root, *runtime;

  rh_test_import (db, counts_deck, NULL);

  /* g1 reviewed and due now, g2 reviewed and due tomorrow, r1 suspended. */
  sql = g_strdup_printf ("UPDATE review_state SET state = 2, due = %" G_GINT64_FORMAT
                         " WHERE card_id = (SELECT id FROM cards WHERE uid = 'g1');", now);
  rh_test_exec (db, sql);
  g_free (sql);
  sql = g_strdup_printf ("UPDATE review_state SET state = 2, due = %" G_GINT64_FORMAT
                         " WHERE card_id = (SELECT id FROM cards WHERE uid = 'g2');", now + 86400);
  rh_test_exec (db, sql);
  rh_test_exec (db, "UPDATE cards SET suspended = 1 WHERE uid = 'r1';");

  top = rh_topic_model_new (db, "");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (top)), ==, 2);

  root = rh_topic_model_get_parent (top);
  g_assert_true (rh_topic_is_root (root));
  g_assert_cmpuint (rh_topic_get_total_count (root), ==, 6);
  g_assert_cmpuint (rh_topic_get_new_count (root), ==, 3);
  g_assert_cmpuint (rh_topic_get_due_count (root), ==, 1);
  /* The header and the sidebar say it in the same words. */
  counts = rh_topic_dup_counts_text (root);
  g_assert_cmpstr (counts, ==, "6 cards · 1 due · 3 new");

  /* Counts cover the whole subtree, in deck order. */
  go = get_topic (G_LIST_MODEL (top), 0);
  g_assert_cmpstr (rh_topic_get_path (go), ==, "Go");
  g_assert_true (rh_topic_get_has_children (go));
  g_assert_cmpuint (rh_topic_get_total_count (go), ==, 4);
  g_assert_cmpuint (rh_topic_get_new_count (go), ==, 2);
  g_assert_cmpuint (rh_topic_get_due_count (go), ==, 1);

  redis = get_topic (G_LIST_MODEL (top), 1);
  g_assert_cmpuint (rh_topic_get_total_count (redis), ==, 2);
  g_assert_cmpuint (rh_topic_get_new_count (redis), ==, 1);

  children = rh_topic_model_create_children (go, db);
  g_assert_nonnull (children);
  g_assert_cmpuint (g_list_model_get_n_items (children), ==, 2);
  runtime = get_topic (children, 0);
  g_assert_cmpstr (rh_topic_get_name (runtime), ==, "Runtime");
  g_assert_cmpuint (rh_topic_get_total_count (runtime), ==, 2);
  g_assert_cmpuint (rh_topic_get_due_count (runtime), ==, 1);

  /* Leaves and the root have no child model. */
  g_assert_null (rh_topic_model_create_children (root, db));

  /* A day later g2 is due too; counts follow the clock alone, nothing
   * written, without new objects. */
  rh_clock_advance (clock, G_GINT64_CONSTANT (86400) * G_USEC_PER_SEC);
  g_assert_true (get_topic (G_LIST_MODEL (top), 0) == go);
  g_assert_cmpuint (rh_topic_get_due_count (go), ==, 2);
  g_assert_cmpuint (rh_topic_get_due_count (runtime), ==, 2);
  g_assert_cmpuint (rh_topic_get_due_count (root), ==, 2);

  g_assert_finalize_object (g_steal_pointer (&children));
  g_assert_finalize_object (g_steal_pointer (&top));
  g_assert_finalize_object (g_steal_pointer (&db));
}

static void
test_topic_items_changed (void)
{
  g_autoptr(RhDatabase) db = rh_test_open_database (":memory:", NULL);
  g_autoptr(RhTopicModel) top = NULL;
  g_autofree char *mysql = rh_test_make_deck (3, "MySQL::Index", "mysql");
  RhTestItemsChanged record = { 0 };
  RhTopic *go;

  rh_test_import (db, counts_deck, NULL);
  top = rh_topic_model_new (db, "");
  go = get_topic (G_LIST_MODEL (top), 0);
  g_signal_connect (top, "items-changed", G_CALLBACK (rh_test_record_items_changed), &record);

  /* A new top-level topic is appended after the existing two. */
  rh_test_import (db, mysql, NULL);
  g_assert_cmpuint (record.emissions, ==, 1);
  g_assert_cmpuint (record.position, ==, 2);
  g_assert_cmpuint (record.removed, ==, 0);
  g_assert_cmpuint (record.added, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (top)), ==, 3);
  g_assert_cmpstr (rh_topic_get_path (get_topic (G_LIST_MODEL (top), 2)), ==, "MySQL");
  g_assert_true (get_topic (G_LIST_MODEL (top), 0) == go);

  /* Count-only changes keep the list as it is. */
  rh_test_exec (db, "UPDATE cards SET suspended = 1;");
  rh_database_emit_changed (db, RH_DATABASE_CHANGE_CARDS);
  g_assert_cmpuint (record.emissions, ==, 1);
  g_assert_cmpuint (rh_topic_get_new_count (go), ==, 0);

  g_assert_finalize_object (g_steal_pointer (&top));
  g_assert_finalize_object (g_steal_pointer (&db));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/topic-model/counts", test_topic_counts);
  g_test_add_func ("/topic-model/items-changed", test_topic_items_changed);

  return g_test_run ();
}
