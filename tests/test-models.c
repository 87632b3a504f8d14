/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "rh-card-list.h"
#include "rh-test-utils.h"
#include "rh-topic-model.h"

typedef struct
{
  guint position;
  guint removed;
  guint added;
  guint emissions;
} ItemsChanged;

static void
items_changed_cb (GListModel   *model,
                  guint         position,
                  guint         removed,
                  guint         added,
                  ItemsChanged *record)
{
  record->position = position;
  record->removed = removed;
  record->added = added;
  record->emissions++;
}

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
  ItemsChanged record = { 0 };
  RhTopic *go;

  rh_test_import (db, counts_deck, NULL);
  top = rh_topic_model_new (db, "");
  go = get_topic (G_LIST_MODEL (top), 0);
  g_signal_connect (top, "items-changed", G_CALLBACK (items_changed_cb), &record);

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

static void
test_card_list_lazy (void)
{
  g_autoptr(RhDatabase) db = rh_test_open_database (":memory:", NULL);
  g_autoptr(RhCardList) list = NULL;
  g_autofree char *deck = rh_test_make_deck (5000, "Bulk", "bulk");
  RhCard *card, *again;

  rh_test_import (db, deck, NULL);
  list = rh_card_list_new (db, NULL, NULL);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 5000);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (list)) == RH_TYPE_CARD);
  g_assert_cmpuint (rh_card_list_get_n_materialized (list), ==, 0);

  card = g_list_model_get_item (G_LIST_MODEL (list), 4321);
  g_assert_cmpstr (rh_card_get_uid (card), ==, "bulk-4321");
  g_assert_cmpuint (rh_card_list_get_n_materialized (list), ==, 1);

  /* Asking again gives the same object while it is alive. */
  again = g_list_model_get_item (G_LIST_MODEL (list), 4321);
  g_assert_true (card == again);
  g_object_unref (again);

  g_assert_finalize_object (card);
  g_assert_cmpuint (rh_card_list_get_n_materialized (list), ==, 0);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), 5000));

  g_assert_finalize_object (g_steal_pointer (&list));
  g_assert_finalize_object (g_steal_pointer (&db));
}

static void
test_card_list_query (void)
{
  g_autoptr(RhDatabase) db = rh_test_open_database (":memory:", NULL);
  g_autoptr(RhCardList) list = NULL;
  const char *deck =
    "{\"rehearse_deck\": 1, \"cards\": ["
    " {\"id\": \"gmp\", \"topic\": \"Go::调度\", \"front\": \"讲讲 GMP 调度模型\", \"back\": \"G、M、P 三者…\", \"tags\": [\"runtime\"]},"
    " {\"id\": \"steal\", \"topic\": \"Go::调度\", \"front\": \"什么是 work stealing？\", \"back\": \"P 从别的 P 偷 G。\"},"
    " {\"id\": \"gc\", \"topic\": \"Go::内存\", \"front\": \"三色标记\", \"back\": \"Write barrier keeps 100% of reachable objects.\"},"
    " {\"id\": \"rdb\", \"topic\": \"Redis\", \"front\": \"RDB 和 AOF\", \"back\": \"快照与日志\", \"tags\": [\"persistence\"]}"
    "]}";

  rh_test_import (db, deck, NULL);
  list = rh_card_list_new (db, "Go", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);

  rh_card_list_set_topic_path (list, "Go::调度");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);

  /* Two Chinese characters: too short for trigrams, found all the same. */
  rh_card_list_set_topic_path (list, "");
  rh_card_list_set_search (list, "调度");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);

  /* Substring in the middle of a Chinese run, through the trigram index. */
  rh_card_list_set_search (list, "调度模型");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);

  /* Case-insensitive, in the back, and in tags. */
  rh_card_list_set_search (list, "WRITE barrier");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  rh_card_list_set_search (list, "persistence");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);

  /* Words are ANDed; quotes and LIKE wildcards are literal. */
  rh_card_list_set_search (list, "GMP 偷");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  rh_card_list_set_search (list, "100%");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  rh_card_list_set_search (list, "%");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  rh_card_list_set_search (list, "\"AND\" OR");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);

  rh_card_list_set_search (list, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 4);

  g_assert_finalize_object (g_steal_pointer (&list));
  g_assert_finalize_object (g_steal_pointer (&db));
}

static void
test_card_list_items_changed (void)
{
  g_autoptr(RhDatabase) db = rh_test_open_database (":memory:", NULL);
  g_autoptr(RhCardList) list = NULL;
  g_autofree char *first = rh_test_make_deck (10, "Go", "go");
  g_autofree char *more = rh_test_make_deck (3, "Go::GC", "gc");
  g_autofree char *other = rh_test_make_deck (3, "Redis", "redis");
  ItemsChanged record = { 0 };
  g_autoptr(GString) edited = NULL;
  RhCard *held;

  rh_test_import (db, first, NULL);
  list = rh_card_list_new (db, "Go", NULL);
  g_signal_connect (list, "items-changed", G_CALLBACK (items_changed_cb), &record);
  held = g_list_model_get_item (G_LIST_MODEL (list), 2);

  rh_test_import (db, more, NULL);
  g_assert_cmpuint (record.emissions, ==, 1);
  g_assert_cmpuint (record.position, ==, 10);
  g_assert_cmpuint (record.removed, ==, 0);
  g_assert_cmpuint (record.added, ==, 3);

  /* Cards outside the topic do not disturb the list. */
  rh_test_import (db, other, NULL);
  g_assert_cmpuint (record.emissions, ==, 1);

  /* An edited card is updated in place, with no items-changed. */
  edited = g_string_new (first);
  g_string_replace (edited, "Question 2\"", "Question two\"", 1);
  rh_test_import (db, edited->str, NULL);
  g_assert_cmpuint (record.emissions, ==, 1);
  g_assert_cmpstr (rh_card_get_front (held), ==, "Question two");

  /* Moving a card out of the subtree removes exactly its row. */
  g_string_replace (edited, "\"id\": \"go-5\", \"topic\": \"Go\"", "\"id\": \"go-5\", \"topic\": \"Redis\"", 1);
  rh_test_import (db, edited->str, NULL);
  g_assert_cmpuint (record.emissions, ==, 2);
  g_assert_cmpuint (record.position, ==, 5);
  g_assert_cmpuint (record.removed, ==, 1);
  g_assert_cmpuint (record.added, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 12);

  g_assert_finalize_object (held);
  g_assert_finalize_object (g_steal_pointer (&list));
  g_assert_finalize_object (g_steal_pointer (&db));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/models/topics/counts", test_topic_counts);
  g_test_add_func ("/models/topics/items-changed", test_topic_items_changed);
  g_test_add_func ("/models/cards/lazy", test_card_list_lazy);
  g_test_add_func ("/models/cards/query", test_card_list_query);
  g_test_add_func ("/models/cards/items-changed", test_card_list_items_changed);

  return g_test_run ();
}
