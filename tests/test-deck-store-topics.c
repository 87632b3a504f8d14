/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Renaming, moving and deleting topics (rh-deck-store-topics.c). */
#include "config.h"

#include "rh-interview-template-store.h"
#include "rh-test-utils.h"
#include "rh-topic-model.h"

static const char topics_deck[] =
  "{\"rehearse_deck\": 1, \"cards\": ["
  " {\"id\": \"g1\", \"topic\": \"Go::Runtime::GC\", \"front\": \"q\", \"back\": \"a\"},"
  " {\"id\": \"g2\", \"topic\": \"Go::Runtime\", \"front\": \"q\", \"back\": \"a\"},"
  " {\"id\": \"g3\", \"topic\": \"Go::Syntax\", \"front\": \"q\", \"back\": \"a\"},"
  " {\"id\": \"g4\", \"topic\": \"Go\", \"front\": \"q\", \"back\": \"a\"},"
  " {\"id\": \"r1\", \"topic\": \"Redis\", \"front\": \"q\", \"back\": \"a\"}"
  "]}";

typedef struct
{
  RhClock    *clock;
  RhDatabase *db;
  guint       topic_changes;
  guint       interview_changes;
} Fixture;

static void
changed_cb (RhDatabase       *database,
            RhDatabaseChange  changes,
            Fixture          *f)
{
  if (changes & RH_DATABASE_CHANGE_TOPICS)
    f->topic_changes++;
  if (changes & RH_DATABASE_CHANGE_INTERVIEWS)
    f->interview_changes++;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *sql = NULL;

  f->clock = rh_clock_new_fake (RH_TEST_NOW_US, NULL);
  f->db = rh_test_open_database (":memory:", f->clock);
  rh_test_import (f->db, topics_deck, NULL);

  /* g1 is due now, g2 tomorrow; r1 is suspended. */
  sql = g_strdup_printf ("UPDATE review_state SET state = 2, due = %lld"
                         " WHERE card_id = (SELECT id FROM cards WHERE uid = 'g1');",
                         (long long)(RH_TEST_NOW_US / G_USEC_PER_SEC));
  rh_test_exec (f->db, sql);
  g_free (sql);
  sql = g_strdup_printf ("UPDATE review_state SET state = 2, due = %lld"
                         " WHERE card_id = (SELECT id FROM cards WHERE uid = 'g2');",
                         (long long)(RH_TEST_NOW_US / G_USEC_PER_SEC + 86400));
  rh_test_exec (f->db, sql);
  rh_test_exec (f->db, "UPDATE cards SET suspended = 1 WHERE uid = 'r1';");

  g_signal_connect (f->db, "changed", G_CALLBACK (changed_cb), f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_signal_handlers_disconnect_by_data (f->db, f);
  g_assert_finalize_object (f->db);
  g_assert_finalize_object (f->clock);
}

static RhTopic *
dup_topic (Fixture    *f,
           const char *path)
{
  g_autoptr(GError) error = NULL;
  RhTopic *topic = rh_deck_store_dup_topic (f->db, path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (topic);

  return topic;
}

static void
assert_counts (Fixture    *f,
               const char *path,
               guint       total,
               guint       new_count,
               guint       due)
{
  g_autoptr(RhTopic) topic = dup_topic (f, path);

  g_assert_cmpuint (rh_topic_get_total_count (topic), ==, total);
  g_assert_cmpuint (rh_topic_get_new_count (topic), ==, new_count);
  g_assert_cmpuint (rh_topic_get_due_count (topic), ==, due);
}

static char *
dup_card_topic (Fixture    *f,
                const char *uid)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RhCard) card = rh_deck_store_dup_card_by_uid (f->db, uid, &error);

  g_assert_no_error (error);
  return g_strdup (rh_card_get_topic (card));
}

/* Every stored fact about the tree agrees with parent_id: paths are the
 * parent's path and the name, the closure is exactly what the parents
 * make, and every topic has its counters. */
static void
assert_tree_consistent (Fixture *f)
{
  g_assert_cmpint (rh_test_query_int (f->db,
                                      "SELECT count(*) FROM topics t LEFT JOIN topics p ON p.id = t.parent_id"
                                      " WHERE t.path IS NOT (CASE WHEN p.id IS NULL THEN t.name"
                                      "                      ELSE p.path || '::' || t.name END);"),
                   ==, 0);
  g_assert_cmpint (rh_test_query_int (f->db,
                                      "WITH RECURSIVE anc (a, d) AS ("
                                      "  SELECT id, id FROM topics"
                                      "  UNION SELECT t.parent_id, anc.d FROM anc JOIN topics t ON t.id = anc.a"
                                      "  WHERE t.parent_id IS NOT NULL)"
                                      " SELECT (SELECT count(*) FROM (SELECT a, d FROM anc"
                                      "          EXCEPT SELECT ancestor_id, descendant_id FROM topic_closure))"
                                      "      + (SELECT count(*) FROM (SELECT ancestor_id, descendant_id FROM topic_closure"
                                      "          EXCEPT SELECT a, d FROM anc));"),
                   ==, 0);
  g_assert_cmpint (rh_test_query_int (f->db,
                                      "SELECT (SELECT count(*) FROM topics)"
                                      "     - (SELECT count(*) FROM topic_counts n JOIN topics t ON t.id = n.topic_id);"),
                   ==, 0);
  /* Each topic's own counters are its own cards. */
  g_assert_cmpint (rh_test_query_int (f->db,
                                      "SELECT count(*) FROM topic_counts n WHERE n.cards <>"
                                      " (SELECT count(*) FROM cards c WHERE c.topic_id = n.topic_id);"),
                   ==, 0);
}

static void
test_rename (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *topic = NULL;
  g_autoptr(RhTopic) renamed = NULL;
  gint64 runtime_id = rh_test_query_int (f->db, "SELECT id FROM topics WHERE path = 'Go::Runtime';");

  /* The due counts exist before, so they must follow the change. */
  assert_counts (f, "Go::Runtime", 2, 0, 1);

  g_assert_true (rh_deck_store_rename_topic (f->db, "Go::Runtime", " Go :: 运行时 ", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->topic_changes, ==, 1);
  g_assert_cmpuint (f->interview_changes, ==, 0);

  /* Same rows, new names; the cards follow. */
  renamed = dup_topic (f, "Go::运行时");
  g_assert_cmpint (rh_topic_get_row_id (renamed), ==, runtime_id);
  g_assert_cmpstr (rh_topic_get_name (renamed), ==, "运行时");
  assert_counts (f, "Go::运行时", 2, 0, 1);
  assert_counts (f, "Go::运行时::GC", 1, 0, 1);
  assert_counts (f, "Go", 4, 2, 1);
  topic = dup_card_topic (f, "g1");
  g_assert_cmpstr (topic, ==, "Go::运行时::GC");
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT count(*) FROM topics WHERE path LIKE 'Go::Runtime%';"), ==, 0);
  assert_tree_consistent (f);

  /* The same path again is nothing to do. */
  g_assert_true (rh_deck_store_rename_topic (f->db, "Go::运行时", "Go::运行时", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->topic_changes, ==, 1);
}

static void
test_move (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *topic = NULL;
  gint64 n_topics = rh_test_query_int (f->db, "SELECT count(*) FROM topics;");

  assert_counts (f, "Go", 4, 2, 1);
  assert_counts (f, "Redis", 1, 0, 0);

  /* Under another parent: its cards and subtopics leave Go's counts. */
  g_assert_true (rh_deck_store_rename_topic (f->db, "Go::Runtime", "Redis::Runtime", &error));
  g_assert_no_error (error);
  assert_counts (f, "Go", 2, 2, 0);
  assert_counts (f, "Redis", 3, 0, 1);
  assert_counts (f, "Redis::Runtime::GC", 1, 0, 1);
  assert_counts (f, "", 5, 2, 1);
  topic = dup_card_topic (f, "g2");
  g_assert_cmpstr (topic, ==, "Redis::Runtime");
  assert_tree_consistent (f);

  /* Up to the top level. */
  g_assert_true (rh_deck_store_rename_topic (f->db, "Redis::Runtime", "Runtime", &error));
  g_assert_no_error (error);
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT parent_id IS NULL FROM topics WHERE path = 'Runtime';"), ==, 1);
  assert_counts (f, "Redis", 1, 0, 0);
  assert_counts (f, "Runtime", 2, 0, 1);
  assert_tree_consistent (f);

  /* Into parents that do not exist yet: they are made. */
  g_assert_true (rh_deck_store_rename_topic (f->db, "Runtime", "Languages::Go::Runtime", &error));
  g_assert_no_error (error);
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT count(*) FROM topics;"), ==, n_topics + 2);
  assert_counts (f, "Languages", 2, 0, 1);
  assert_counts (f, "Languages::Go::Runtime::GC", 1, 0, 1);
  assert_tree_consistent (f);

  /* The due counts, made again from the cards, agree with the moved ones. */
  rh_test_exec (f->db, "BEGIN; ROLLBACK;");
  assert_counts (f, "Languages", 2, 0, 1);
  assert_counts (f, "Go", 2, 2, 0);
}

static void
test_rename_refused (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 n_topics = rh_test_query_int (f->db, "SELECT count(*) FROM topics;");
  gint64 n_closure = rh_test_query_int (f->db, "SELECT count(*) FROM topic_closure;");

  /* Into itself. */
  g_assert_false (rh_deck_store_rename_topic (f->db, "Go::Runtime", "Go::Runtime::GC::Deeper", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_cmpstr (error->message, ==, "“Go::Runtime” cannot be moved into itself");
  g_clear_error (&error);
  g_assert_false (rh_deck_store_rename_topic (f->db, "Go", "Go::Go", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  /* Onto a topic that exists: never merged. */
  g_assert_false (rh_deck_store_rename_topic (f->db, "Go::Runtime", "Go::Syntax", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_assert_cmpstr (error->message, ==, "There is already a topic “Go::Syntax”: choose another name");
  g_clear_error (&error);
  g_assert_false (rh_deck_store_rename_topic (f->db, "Go::Runtime::GC", "Go", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);

  /* Not a path, or no such topic. */
  g_assert_false (rh_deck_store_rename_topic (f->db, "Go::Runtime", "Go::::GC", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (rh_deck_store_rename_topic (f->db, "Go::Runtime", "", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (rh_deck_store_rename_topic (f->db, "Java", "Kotlin", &error));
  g_assert_error (error, RH_DATABASE_ERROR, RH_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Dialogs ask the same rules before they write. */
  g_assert_false (rh_deck_store_check_rename_topic (f->db, "Go::Runtime", "Go::Syntax", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_false (rh_deck_store_check_rename_topic (f->db, "Go", "Go::Runtime::Go", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_true (rh_deck_store_check_rename_topic (f->db, "Go::Runtime", "Java::Runtime", &error));
  g_assert_no_error (error);

  /* Nothing changed, nothing announced. */
  g_assert_cmpuint (f->topic_changes, ==, 0);
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT count(*) FROM topics;"), ==, n_topics);
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT count(*) FROM topic_closure;"), ==, n_closure);
  assert_counts (f, "Go::Runtime", 2, 0, 1);
  assert_tree_consistent (f);
}

static void
test_rename_templates (Fixture       *f,
                       gconstpointer  data)
{
  static const char * const topics[] = { "Go::Runtime", "Redis", "Go::Runtime::GC", "Go::Runtimes", NULL };
  static const char * const expected[] = { "Go::Core", "Redis", "Go::Core::GC", "Go::Runtimes", NULL };
  static const char * const others[] = { "Redis", NULL };
  g_autoptr(RhInterviewTemplate) custom = rh_interview_template_new_custom ();
  g_autoptr(RhInterviewTemplate) other = rh_interview_template_new_custom ();
  g_autoptr(RhInterviewTemplate) found = NULL;
  g_autoptr(GError) error = NULL;
  gint64 modified;

  rh_interview_template_set_name (custom, "Go");
  rh_interview_template_set_topics (custom, topics);
  g_assert_true (rh_interview_template_store_save (f->db, custom, &error));
  g_assert_no_error (error);
  rh_interview_template_set_name (other, "Redis");
  rh_interview_template_set_topics (other, others);
  g_assert_true (rh_interview_template_store_save (f->db, other, &error));
  g_assert_no_error (error);
  modified = rh_test_query_int (f->db, "SELECT total(modified) FROM interview_templates;");
  f->interview_changes = 0;

  g_assert_true (rh_deck_store_rename_topic (f->db, "Go::Runtime", "Go::Core", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->interview_changes, ==, 1);

  found = rh_interview_template_store_lookup (f->db, rh_interview_template_get_id (custom), &error);
  g_assert_no_error (error);
  g_assert_true (g_strv_equal (rh_interview_template_get_topics (found), expected));
  g_clear_object (&found);
  found = rh_interview_template_store_lookup (f->db, rh_interview_template_get_id (other), &error);
  g_assert_no_error (error);
  g_assert_true (g_strv_equal (rh_interview_template_get_topics (found), others));
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT total(modified) FROM interview_templates;"), ==, modified);

  /* A rename that names no template's topic leaves them alone. */
  f->interview_changes = 0;
  g_assert_true (rh_deck_store_rename_topic (f->db, "Go::Syntax", "Go::语法", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->interview_changes, ==, 0);
}

/* The sidebar's models show the new path and name after the change. */
static void
test_rename_model (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(RhTopicModel) top = rh_topic_model_new (f->db, "");
  g_autoptr(GListModel) children = NULL;
  g_autoptr(RhTopic) go = NULL;
  g_autoptr(RhTopic) golang = NULL;
  g_autoptr(RhTopic) redis = NULL;
  g_autoptr(GError) error = NULL;
  RhTestItemsChanged record = { 0 };

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (top)), ==, 2);
  go = g_list_model_get_item (G_LIST_MODEL (top), 0);
  redis = g_list_model_get_item (G_LIST_MODEL (top), 1);
  children = rh_topic_model_create_children (go, f->db);
  g_assert_cmpuint (g_list_model_get_n_items (children), ==, 2);
  g_signal_connect (top, "items-changed", G_CALLBACK (rh_test_record_items_changed), &record);

  g_assert_true (rh_deck_store_rename_topic (f->db, "Go", "Golang", &error));
  g_assert_no_error (error);

  /* A new item where Go was; Redis keeps its object. */
  g_assert_cmpuint (record.emissions, ==, 1);
  g_assert_cmpuint (record.position, ==, 0);
  g_assert_cmpuint (record.removed, ==, 1);
  g_assert_cmpuint (record.added, ==, 1);
  golang = g_list_model_get_item (G_LIST_MODEL (top), 0);
  g_assert_cmpstr (rh_topic_get_path (golang), ==, "Golang");
  g_assert_cmpstr (rh_topic_get_name (golang), ==, "Golang");
  g_assert_cmpuint (rh_topic_get_total_count (golang), ==, 4);
  g_assert_true (g_list_model_get_item (G_LIST_MODEL (top), 1) == redis);
  g_object_unref (redis);

  /* A move out of the top level removes the row. */
  g_assert_true (rh_deck_store_rename_topic (f->db, "Redis", "Golang::Redis", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (top)), ==, 1);
  g_assert_cmpuint (rh_topic_get_total_count (rh_topic_model_get_parent (top)), ==, 5);

  g_signal_handlers_disconnect_by_data (top, &record);
  g_assert_finalize_object (g_steal_pointer (&children));
  g_assert_finalize_object (g_steal_pointer (&top));
}

static void
test_delete (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 n_topics;

  /* An empty topic with empty subtopics goes with them. */
  rh_test_exec (f->db, "BEGIN;");
  g_assert_cmpint (rh_deck_store_ensure_topic (f->db, "Empty::A::B", &error), >, 0);
  g_assert_cmpint (rh_deck_store_ensure_topic (f->db, "Empty::C", &error), >, 0);
  g_assert_no_error (error);
  rh_test_exec (f->db, "COMMIT;");
  n_topics = rh_test_query_int (f->db, "SELECT count(*) FROM topics;");

  g_assert_true (rh_deck_store_check_delete_topic (f->db, "Empty::A", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->topic_changes, ==, 0);
  g_assert_true (rh_deck_store_delete_topic (f->db, "Empty::A", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->topic_changes, ==, 1);
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT count(*) FROM topics;"), ==, n_topics - 2);
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT count(*) FROM topics WHERE path LIKE 'Empty::A%';"), ==, 0);
  assert_tree_consistent (f);

  g_assert_true (rh_deck_store_delete_topic (f->db, "Empty", &error));
  g_assert_no_error (error);
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT count(*) FROM topics;"), ==, n_topics - 4);
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT count(*) FROM topic_closure WHERE ancestor_id NOT IN (SELECT id FROM topics);"), ==, 0);
  assert_tree_consistent (f);
  assert_counts (f, "", 5, 2, 1);

  /* A card anywhere in the subtree keeps it, and says how many. */
  g_assert_false (rh_deck_store_check_delete_topic (f->db, "Go::Runtime::GC", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_EMPTY);
  g_clear_error (&error);
  g_assert_false (rh_deck_store_delete_topic (f->db, "Go::Runtime", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_EMPTY);
  g_assert_cmpstr (error->message, ==, "“Go::Runtime” still holds 2 cards: move or delete them first");
  g_clear_error (&error);
  g_assert_false (rh_deck_store_delete_topic (f->db, "Redis", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_EMPTY);
  g_assert_cmpstr (error->message, ==, "“Redis” still holds 1 card: move or delete it first");
  g_clear_error (&error);
  g_assert_false (rh_deck_store_delete_topic (f->db, "Nope", &error));
  g_assert_error (error, RH_DATABASE_ERROR, RH_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpuint (f->topic_changes, ==, 2);
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT count(*) FROM topics;"), ==, n_topics - 4);

  /* A topic made after a delete starts with counters of its own. */
  rh_test_import (f->db,
                  "{\"rehearse_deck\": 1, \"cards\": ["
                  " {\"id\": \"n1\", \"topic\": \"Empty\", \"front\": \"q\", \"back\": \"a\"}]}",
                  NULL);
  assert_counts (f, "Empty", 1, 1, 0);
  assert_tree_consistent (f);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/deck-store-topics/rename", Fixture, NULL, fixture_setup, test_rename, fixture_teardown);
  g_test_add ("/deck-store-topics/move", Fixture, NULL, fixture_setup, test_move, fixture_teardown);
  g_test_add ("/deck-store-topics/rename-refused", Fixture, NULL, fixture_setup, test_rename_refused, fixture_teardown);
  g_test_add ("/deck-store-topics/rename-templates", Fixture, NULL, fixture_setup, test_rename_templates, fixture_teardown);
  g_test_add ("/deck-store-topics/rename-model", Fixture, NULL, fixture_setup, test_rename_model, fixture_teardown);
  g_test_add ("/deck-store-topics/delete", Fixture, NULL, fixture_setup, test_delete, fixture_teardown);

  return g_test_run ();
}
