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

/* Counts every card of each topic's subtree, as the sidebar did before
 * it kept counters, and checks that the counters say the same. */
static void
assert_counts_match_scan (RhDatabase *db,
                          gint64      now)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  RhStatement *stmt;
  gint64 root = 0;

  g_ptr_array_add (paths, g_strdup (""));
  g_array_append_val (ids, root);
  stmt = rh_database_prepare (db, "SELECT id, path FROM topics ORDER BY id;", &error);
  g_assert_no_error (error);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
      g_ptr_array_add (paths, g_strdup ((const char *)sqlite3_column_text (stmt, 1)));
    }
  rh_statement_release (stmt);

  /* Picking a topic's next card goes by the topic kept beside its state. */
  g_assert_cmpint (rh_test_query_int (db, "SELECT count(*) FROM review_state rs JOIN cards c ON c.id = rs.card_id"
                                          " WHERE rs.topic_id IS NOT c.topic_id;"), ==, 0);

  for (guint i = 0; i < paths->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_autoptr(RhTopic) topic = rh_deck_store_dup_topic (db, g_ptr_array_index (paths, i), &error);
      g_autofree char *subtree = NULL;
      g_autofree char *total = NULL;
      g_autofree char *fresh = NULL;
      g_autofree char *due = NULL;

      g_assert_no_error (error);
      subtree = id == 0 ? g_strdup ("1")
                        : g_strdup_printf ("c.topic_id IN (SELECT descendant_id FROM topic_closure"
                                           " WHERE ancestor_id = %" G_GINT64_FORMAT ")", id);
      total = g_strdup_printf ("SELECT count(*) FROM cards c WHERE %s;", subtree);
      fresh = g_strdup_printf ("SELECT count(*) FROM cards c JOIN review_state rs ON rs.card_id = c.id"
                               " WHERE %s AND c.suspended = 0 AND rs.state = 0;", subtree);
      due = g_strdup_printf ("SELECT count(*) FROM cards c JOIN review_state rs ON rs.card_id = c.id"
                             " WHERE %s AND c.suspended = 0 AND rs.state <> 0 AND rs.due <= %" G_GINT64_FORMAT ";",
                             subtree, now);

      g_assert_cmpint (rh_topic_get_total_count (topic), ==, rh_test_query_int (db, total));
      g_assert_cmpint (rh_topic_get_new_count (topic), ==, rh_test_query_int (db, fresh));
      g_assert_cmpint (rh_topic_get_due_count (topic), ==, rh_test_query_int (db, due));
    }
}

static void
set_due (RhDatabase *db,
         const char *uid,
         int         state,
         gint64      due)
{
  g_autofree char *sql = g_strdup_printf ("UPDATE review_state SET state = %d, due = %" G_GINT64_FORMAT
                                          " WHERE card_id = (SELECT id FROM cards WHERE uid = '%s');",
                                          state, due, uid);
  rh_test_exec (db, sql);
}

/* The counters move in the transaction of every kind of change, and with
 * the clock in both directions. */
static void
test_topic_counts_follow_changes (void)
{
  g_autoptr(RhClock) clock = rh_clock_new_fake (RH_TEST_NOW_US, NULL);
  g_autoptr(RhDatabase) db = rh_test_open_database (":memory:", clock);
  g_autoptr(GError) error = NULL;
  gint64 now = RH_TEST_NOW_US / G_USEC_PER_SEC;
  gint64 minute = 60 * G_USEC_PER_SEC;

  rh_test_import (db, counts_deck, NULL);
  set_due (db, "g1", 2, now - 10);
  set_due (db, "r2", 1, now + 90);
  assert_counts_match_scan (db, now);

  /* Answered, forgotten, due later, due earlier. */
  set_due (db, "g2", 2, now);
  set_due (db, "g1", 3, now + 600);
  set_due (db, "g3", 2, now + 30);
  set_due (db, "g1", 0, 0);
  assert_counts_match_scan (db, now);

  /* Suspended and back, moved between topics, deleted. */
  g_assert_true (rh_deck_store_set_card_suspended (db, rh_test_query_int (db, "SELECT id FROM cards WHERE uid = 'g2';"),
                                                   TRUE, &error));
  g_assert_no_error (error);
  assert_counts_match_scan (db, now);
  rh_test_exec (db, "UPDATE cards SET topic_id = (SELECT id FROM topics WHERE path = 'Redis') WHERE uid = 'g2';");
  assert_counts_match_scan (db, now);
  rh_test_exec (db, "UPDATE cards SET suspended = 0 WHERE uid = 'g2';");
  rh_test_exec (db, "UPDATE cards SET topic_id = (SELECT id FROM topics WHERE path = 'Go::Runtime::GC') WHERE uid = 'r1';");
  assert_counts_match_scan (db, now);
  rh_test_exec (db, "DELETE FROM cards WHERE uid IN ('g2', 'r1');");
  assert_counts_match_scan (db, now);

  /* The clock passes r2 and g3, then is set back before them. */
  rh_clock_advance (clock, 2 * minute);
  assert_counts_match_scan (db, now + 120);
  rh_clock_step_wall (clock, -5 * minute);
  assert_counts_match_scan (db, now - 180);

  /* A write taken back leaves the counts as they were. */
  g_assert_true (rh_database_begin (db, &error));
  g_assert_no_error (error);
  rh_test_exec (db, "UPDATE review_state SET state = 2, due = 0;");
  rh_test_exec (db, "UPDATE cards SET suspended = 1 WHERE uid = 'g3';");
  rh_database_rollback (db);
  assert_counts_match_scan (db, now - 180);

  /* More cards, into old and new topics. */
  rh_test_import (db, "{\"rehearse_deck\": 1, \"cards\": ["
                      " {\"id\": \"n1\", \"topic\": \"Go::Runtime\", \"front\": \"q\", \"back\": \"a\"},"
                      " {\"id\": \"n3\", \"topic\": \"Go::Runtime\", \"front\": \"q\", \"back\": \"a\"},"
                      " {\"id\": \"n2\", \"topic\": \"Kafka::Log\", \"front\": \"q\", \"back\": \"a\"}]}",
                  NULL);
  assert_counts_match_scan (db, now - 180);

  /* Counted afresh, as on a new connection (a rollback drops them): a
   * topic with a suspended due card beside one not suspended, and a topic
   * with none suspended. */
  set_due (db, "n1", 2, now - 600);
  set_due (db, "n3", 1, now - 600);
  set_due (db, "n2", 3, now - 600);
  rh_test_exec (db, "UPDATE cards SET suspended = 1 WHERE uid = 'n1';");
  g_assert_true (rh_database_begin (db, &error));
  g_assert_no_error (error);
  rh_database_rollback (db);
  assert_counts_match_scan (db, now - 180);

  g_assert_finalize_object (g_steal_pointer (&db));
}

/* The sidebar reads the counters, never the cards: a count written into
 * them is what it shows. */
static void
test_topic_counts_from_counters (void)
{
  g_autoptr(RhDatabase) db = rh_test_open_database (":memory:", NULL);
  g_autoptr(RhTopicModel) top = NULL;
  guint64 queries;
  RhTopic *go;

  rh_test_import (db, counts_deck, NULL);
  top = rh_topic_model_new (db, "");
  go = get_topic (G_LIST_MODEL (top), 0);
  g_assert_cmpuint (rh_topic_get_total_count (go), ==, 4);

  rh_test_exec (db, "UPDATE topic_counts SET cards = 1000, new = 700"
                    " WHERE topic_id = (SELECT id FROM topics WHERE path = 'Go::Runtime::GC');");
  rh_test_exec (db, "INSERT INTO temp.due_counts VALUES ((SELECT id FROM topics WHERE path = 'Go::Syntax'), 30);");

  /* One statement for the parent's counts, one for the children's. */
  queries = rh_database_get_n_queries (db);
  rh_topic_model_refresh (top);
  g_assert_cmpuint (rh_database_get_n_queries (db) - queries, <=, 2);

  g_assert_cmpuint (rh_topic_get_total_count (go), ==, 1003);
  g_assert_cmpuint (rh_topic_get_new_count (go), ==, 703);
  g_assert_cmpuint (rh_topic_get_due_count (go), ==, 30);
  g_assert_cmpuint (rh_topic_get_total_count (rh_topic_model_get_parent (top)), ==, 1005);

  g_assert_finalize_object (g_steal_pointer (&top));
  g_assert_finalize_object (g_steal_pointer (&db));
}

/* A committed answer-like write: the card's state and due time. */
static void
write_due (RhDatabase *db,
           const char *uid,
           int         state,
           gint64      due)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (rh_database_begin (db, &error));
  g_assert_no_error (error);
  set_due (db, uid, state, due);
  g_assert_true (rh_database_commit (db, RH_DATABASE_CHANGE_REVIEWS, &error));
  g_assert_no_error (error);
}

/* GtkTreeListModel makes a child model for every row it shows, only to
 * see whether the row can expand: such a model reads nothing until its
 * items are asked for, and nothing at changes before that. */
static void
test_topic_children_lazy (void)
{
  g_autoptr(RhClock) clock = rh_clock_new_fake (RH_TEST_NOW_US, NULL);
  g_autoptr(RhDatabase) db = rh_test_open_database (":memory:", clock);
  g_autoptr(RhTopicModel) top = NULL;
  g_autoptr(GListModel) children = NULL;
  gint64 now = RH_TEST_NOW_US / G_USEC_PER_SEC;
  guint64 queries;
  RhTopic *go;

  rh_test_import (db, counts_deck, NULL);
  top = rh_topic_model_new (db, "");
  go = get_topic (G_LIST_MODEL (top), 0);

  queries = rh_database_get_n_queries (db);
  children = rh_topic_model_create_children (go, db);
  g_assert_nonnull (children);
  g_assert_cmpuint (rh_database_get_n_queries (db), ==, queries);

  write_due (db, "g1", 2, now - 60);
  queries = rh_database_get_n_queries (db);
  g_object_unref (rh_topic_model_create_children (go, db));
  g_assert_cmpuint (rh_database_get_n_queries (db), ==, queries);

  /* Asked, it reads once, with what changed before. */
  g_assert_cmpuint (g_list_model_get_n_items (children), ==, 2);
  g_assert_cmpuint (rh_database_get_n_queries (db) - queries, ==, 1);
  g_assert_cmpuint (rh_topic_get_due_count (get_topic (children, 0)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (children), ==, 2);
  g_assert_cmpuint (rh_database_get_n_queries (db) - queries, ==, 1);

  g_assert_finalize_object (g_steal_pointer (&children));
  g_assert_finalize_object (g_steal_pointer (&top));
  g_assert_finalize_object (g_steal_pointer (&db));
}

/* An answer reads again only the models of the answered card's topic and
 * its ancestors; a minute reads only those of the topics where a card
 * fell due, and nothing when none did. */
static void
test_topic_refresh_reached (void)
{
  g_autoptr(RhClock) clock = rh_clock_new_fake (RH_TEST_NOW_US, NULL);
  g_autoptr(RhDatabase) db = rh_test_open_database (":memory:", clock);
  g_autoptr(RhTopicModel) top = NULL;
  g_autoptr(GListModel) go_children = NULL;
  g_autoptr(GListModel) redis_children = NULL;
  gint64 now = RH_TEST_NOW_US / G_USEC_PER_SEC;
  gint64 minute = 60 * G_USEC_PER_SEC;
  guint64 queries, redis_only, with_go, edit, quiet;
  RhTopic *go, *redis, *cluster;

  rh_test_import (db, counts_deck, NULL);
  top = rh_topic_model_new (db, "");
  go = get_topic (G_LIST_MODEL (top), 0);
  redis = get_topic (G_LIST_MODEL (top), 1);
  redis_children = rh_topic_model_create_children (redis, db);
  cluster = get_topic (redis_children, 0);

  /* What an answer in Redis::Cluster reads with the Redis rows open... */
  queries = rh_database_get_n_queries (db);
  write_due (db, "r2", 2, now - 60);
  redis_only = rh_database_get_n_queries (db) - queries;
  g_assert_cmpuint (rh_topic_get_due_count (cluster), ==, 1);
  g_assert_cmpuint (rh_topic_get_due_count (redis), ==, 1);
  g_assert_cmpuint (rh_topic_get_due_count (rh_topic_model_get_parent (top)), ==, 1);

  /* ... is all it reads with the Go rows open too. */
  go_children = rh_topic_model_create_children (go, db);
  g_assert_cmpuint (g_list_model_get_n_items (go_children), ==, 2);
  queries = rh_database_get_n_queries (db);
  write_due (db, "r2", 2, now + 90);
  with_go = rh_database_get_n_queries (db) - queries;
  g_assert_cmpuint (with_go, ==, redis_only);
  g_assert_cmpuint (rh_topic_get_due_count (cluster), ==, 0);

  /* An answer in Go reads the Go models, and an edit that moves no count
   * reads nothing. */
  write_due (db, "g1", 2, now - 60);
  g_assert_cmpuint (rh_topic_get_due_count (get_topic (go_children, 0)), ==, 1);
  g_assert_cmpuint (rh_topic_get_due_count (go), ==, 1);
  queries = rh_database_get_n_queries (db);
  {
    g_autoptr(GError) error = NULL;

    g_assert_true (rh_database_begin (db, &error));
    rh_test_exec (db, "UPDATE cards SET front = 'changed' WHERE uid = 'g3';");
    g_assert_true (rh_database_commit (db, RH_DATABASE_CHANGE_CARDS, &error));
    g_assert_no_error (error);
  }
  edit = rh_database_get_n_queries (db) - queries;
  /* BEGIN, UPDATE, COMMIT: the write's own. */
  g_assert_cmpuint (edit, ==, 3);

  /* A minute in which nothing falls due moves the counts (a savepoint
   * around two statements), and no model reads. */
  queries = rh_database_get_n_queries (db);
  rh_clock_advance (clock, minute);
  quiet = rh_database_get_n_queries (db) - queries;
  g_assert_cmpuint (quiet, <=, 4);

  /* r2 falls due in the next: the Redis models read as after the answer
   * in Redis::Cluster, the Go ones not. */
  queries = rh_database_get_n_queries (db);
  rh_clock_advance (clock, minute);
  g_assert_cmpuint (rh_topic_get_due_count (cluster), ==, 1);
  g_assert_cmpuint (rh_topic_get_due_count (redis), ==, 1);
  g_assert_cmpuint (rh_topic_get_due_count (rh_topic_model_get_parent (top)), ==, 2);
  g_assert_cmpuint (rh_database_get_n_queries (db) - queries, ==, quiet + redis_only - edit);

  g_assert_finalize_object (g_steal_pointer (&go_children));
  g_assert_finalize_object (g_steal_pointer (&redis_children));
  g_assert_finalize_object (g_steal_pointer (&top));
  g_assert_finalize_object (g_steal_pointer (&db));
}

/* Another connection's write (an import on a worker) passes this
 * connection's temp triggers: announced, every count is read afresh. */
static void
test_topic_counts_other_connection (void)
{
  g_autoptr(RhClock) clock = rh_clock_new_fake (RH_TEST_NOW_US, NULL);
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "other.db", NULL);
  g_autoptr(RhDatabase) db = NULL;
  g_autoptr(RhDatabase) worker = NULL;
  g_autoptr(RhTopicModel) top = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now = RH_TEST_NOW_US / G_USEC_PER_SEC;
  RhTopic *redis;

  g_mkdir_with_parents (g_get_user_data_dir (), 0700);
  db = rh_test_open_database (path, clock);
  rh_test_import (db, counts_deck, NULL);
  top = rh_topic_model_new (db, "");
  redis = get_topic (G_LIST_MODEL (top), 1);
  g_assert_cmpuint (rh_topic_get_due_count (redis), ==, 0);

  worker = rh_database_new_sibling (db, &error);
  g_assert_no_error (error);
  write_due (worker, "r2", 2, now - 60);
  g_assert_cmpuint (rh_topic_get_due_count (redis), ==, 0);

  rh_database_emit_changed (db, RH_DATABASE_CHANGE_CARDS);
  g_assert_cmpuint (rh_topic_get_due_count (redis), ==, 1);
  g_assert_cmpuint (rh_topic_get_due_count (rh_topic_model_get_parent (top)), ==, 1);

  g_assert_finalize_object (g_steal_pointer (&worker));
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
  g_test_add_func ("/topic-model/counts-follow-changes", test_topic_counts_follow_changes);
  g_test_add_func ("/topic-model/counts-from-counters", test_topic_counts_from_counters);
  g_test_add_func ("/topic-model/children-lazy", test_topic_children_lazy);
  g_test_add_func ("/topic-model/refresh-reached", test_topic_refresh_reached);
  g_test_add_func ("/topic-model/counts-other-connection", test_topic_counts_other_connection);

  return g_test_run ();
}
