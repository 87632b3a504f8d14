/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "rh-card-list.h"
#include "rh-card-operation.h"
#include "rh-clock.h"
#include "rh-interview-store-card.h"
#include "rh-scheduler.h"
#include "rh-study-settings.h"
#include "rh-test-utils.h"

/* a links b, c, d; e links b; c links b. */
static const char deck_json[] =
  "{\"rehearse_deck\": 1, \"cards\": ["
  " {\"id\": \"a\", \"topic\": \"Net::TCP\", \"front\": \"Handshake alpha\", \"back\": \"SYN\", \"tags\": [\"net\"],"
  "  \"follow_ups\": [\"b\", \"c\", \"d\"]},"
  " {\"id\": \"b\", \"topic\": \"Net::TCP\", \"front\": \"Teardown beta\", \"back\": \"FIN\", \"tags\": [\"net\", \"hard\"]},"
  " {\"id\": \"c\", \"topic\": \"Net::UDP\", \"front\": \"Datagram gamma\", \"back\": \"no ack\", \"follow_ups\": [\"b\"]},"
  " {\"id\": \"d\", \"topic\": \"Redis\", \"front\": \"Persistence delta\", \"back\": \"RDB\", \"kind\": \"design\"},"
  " {\"id\": \"e\", \"topic\": \"Redis\", \"front\": \"Eviction epsilon\", \"back\": \"LRU\", \"follow_ups\": [\"b\"]}"
  "]}";

typedef struct
{
  RhClock     *clock;
  RhDatabase  *db;
  RhScheduler *scheduler;
} Fixture;

static gint64
card_id (Fixture    *f,
         const char *uid)
{
  g_autofree char *sql = g_strdup_printf ("SELECT coalesce ((SELECT id FROM cards WHERE uid = '%s'), 0);", uid);

  return rh_test_query_int (f->db, sql);
}

static void
answer (Fixture    *f,
        const char *uid,
        RhRating    rating)
{
  g_autoptr(GError) error = NULL;

  rh_scheduler_answer (f->scheduler, card_id (f, uid), rating, 4200, RH_REVIEW_SOURCE_STUDY, NULL, &error);
  g_assert_no_error (error);
  rh_clock_advance (f->clock, 3 * G_TIME_SPAN_DAY);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(RhStudySettings) settings = rh_study_settings_new ();

  f->clock = rh_clock_new_fake (RH_TEST_NOW_US, NULL);
  f->db = rh_test_open_database (":memory:", f->clock);
  f->scheduler = rh_scheduler_new (f->db, settings);
  rh_test_import (f->db, deck_json, NULL);

  answer (f, "b", RH_RATING_GOOD);
  answer (f, "b", RH_RATING_AGAIN);
  answer (f, "d", RH_RATING_EASY);
  answer (f, "a", RH_RATING_HARD);
  answer (f, "b", RH_RATING_GOOD);

  /* An interview that asked b. */
  rh_test_exec (f->db,
                "INSERT INTO interview_sessions (id, template, seed, plan, state, started_at, saved_at, total_seconds)"
                "  VALUES (1, '{}', 7, '[]', 'finished', 1772366400, 1772366500, 600);");
  rh_test_exec (f->db,
                "INSERT INTO interview_answers (session_id, position, question_index, card_id, title, topic, kind,"
                "  budget_seconds, spent_ms, rating, answered_at)"
                "  VALUES (1, 0, 0, (SELECT id FROM cards WHERE uid = 'b'), 'Teardown beta', 'Net::TCP', 'concept',"
                "  120, 90000, 3, 1772366450);");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_assert_finalize_object (f->scheduler);
  g_assert_finalize_object (f->db);
  g_assert_finalize_object (f->clock);
}

/* Every row of @sql as text, each value quoted as SQLite holds it (a
 * real to its last bit), one row a line. */
static void
dump_query (RhDatabase *db,
            GString    *out,
            const char *sql)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = rh_database_prepare_uncached (db, sql, &error);

  g_assert_no_error (error);
  g_string_append_printf (out, "-- %s\n", sql);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        switch (sqlite3_column_type (stmt, i))
          {
          case SQLITE_NULL:
            g_string_append (out, "NULL|");
            break;
          case SQLITE_INTEGER:
            g_string_append_printf (out, "%lld|", (long long)sqlite3_column_int64 (stmt, i));
            break;
          case SQLITE_FLOAT:
            g_string_append_printf (out, "%a|", sqlite3_column_double (stmt, i));
            break;
          default:
            g_string_append_printf (out, "'%s'|", (const char *)sqlite3_column_text (stmt, i));
          }
      g_string_append_c (out, '\n');
    }
  sqlite3_finalize (stmt);
}

static char *
dump_database (Fixture *f)
{
  static const char * const queries[] = {
    "SELECT * FROM cards ORDER BY id",
    "SELECT * FROM review_state ORDER BY card_id",
    "SELECT * FROM review_log ORDER BY id",
    "SELECT * FROM follow_ups ORDER BY card_id, position",
    "SELECT * FROM interview_answers ORDER BY id",
    "SELECT * FROM topics ORDER BY id",
    "SELECT * FROM topic_counts ORDER BY topic_id",
    "SELECT * FROM deleted_cards ORDER BY uid",
    "SELECT rowid, * FROM cards_fts ORDER BY rowid",
    "SELECT topic_id, sum(n) FROM temp.due_counts GROUP BY topic_id HAVING sum(n) <> 0 ORDER BY topic_id",
  };
  GString *out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) found = NULL;

  g_assert_true (rh_database_ensure_due_counts (f->db, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    dump_query (f->db, out, queries[i]);

  /* The search finds what it found. */
  found = rh_deck_store_query_card_ids (f->db, NULL, "beta OR delta", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < found->len; i++)
    g_string_append_printf (out, "found %lld\n", (long long)g_array_index (found, gint64, i));
  g_array_unref (g_steal_pointer (&found));
  found = rh_deck_store_query_card_ids (f->db, NULL, "tag:hard", &error);
  g_assert_no_error (error);
  g_string_append_printf (out, "tag:hard %u\n", found->len);

  return g_string_free (out, FALSE);
}

static void
apply (RhCardOperation *operation)
{
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (operation);
  g_assert_true (rh_card_operation_apply (operation, &error));
  g_assert_no_error (error);
  g_assert_true (rh_card_operation_get_applied (operation));
}

static void
undo (RhCardOperation *operation)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (rh_card_operation_undo (operation, &error));
  g_assert_no_error (error);
  g_assert_false (rh_card_operation_get_applied (operation));
}

static void
test_delete_undo (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *before = dump_database (f);
  g_autofree char *after = NULL;
  g_autofree char *title = NULL;
  g_autoptr(RhCardOperation) operation = NULL;
  gint64 ids[] = { card_id (f, "b"), card_id (f, "d") };
  gint64 b = ids[0], a = card_id (f, "a"), c = card_id (f, "c");

  g_assert_cmpint (rh_test_query_int (f->db, "SELECT count(*) FROM review_log;"), ==, 5);

  operation = rh_card_operation_new_delete (f->db, ids, G_N_ELEMENTS (ids));
  g_assert_true (rh_card_operation_has_reviews (operation));
  apply (operation);
  title = rh_card_operation_dup_title (operation);
  g_assert_cmpstr (title, ==, "2 cards deleted");

  /* Gone with their history, out of every list that kept its order. */
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT count(*) FROM cards;"), ==, 3);
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT count(*) FROM review_log;"), ==, 1);
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT count(*) FROM follow_ups;"), ==, 1);
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT count(*) FROM follow_ups f LEFT JOIN cards c"
                                             " ON c.id = f.follow_up_id WHERE c.id IS NULL;"), ==, 0);
  {
    g_autofree char *sql = g_strdup_printf ("SELECT follow_up_id FROM follow_ups WHERE card_id = %lld"
                                            " AND position = 0;", (long long)a);
    g_assert_cmpint (rh_test_query_int (f->db, sql), ==, c);
  }
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT count(*) FROM interview_answers WHERE card_id IS NULL;"), ==, 1);
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT count(*) FROM deleted_cards WHERE uid IN ('b', 'd');"), ==, 2);
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT sum(cards) FROM topic_counts;"), ==, 3);
  g_assert_null (rh_deck_store_dup_card (f->db, b, NULL));

  /* Back bit for bit, and again after a second round. */
  undo (operation);
  after = dump_database (f);
  g_assert_cmpstr (before, ==, after);

  apply (operation);
  undo (operation);
  g_clear_pointer (&after, g_free);
  after = dump_database (f);
  g_assert_cmpstr (before, ==, after);
}

static void
test_delete_unreviewed (Fixture       *f,
                        gconstpointer  data)
{
  gint64 ids[] = { card_id (f, "c"), card_id (f, "e") };
  g_autoptr(RhCardOperation) operation = rh_card_operation_new_delete (f->db, ids, G_N_ELEMENTS (ids));

  /* Nothing to lose: deleting does not need to ask. */
  g_assert_false (rh_card_operation_has_reviews (operation));
}

static void
test_suspend_undo (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *before = dump_database (f);
  g_autofree char *after = NULL;
  g_autofree char *title = NULL;
  gint64 ids[] = { card_id (f, "a"), card_id (f, "c"), card_id (f, "e"), 9999 };
  g_autoptr(RhCardOperation) suspend = rh_card_operation_new_suspend (f->db, ids, G_N_ELEMENTS (ids), TRUE);
  g_autoptr(RhCardOperation) unsuspend = NULL;

  apply (suspend);
  /* A card that is not there is not counted. */
  title = rh_card_operation_dup_title (suspend);
  g_assert_cmpstr (title, ==, "3 cards suspended");
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT count(*) FROM cards WHERE suspended;"), ==, 3);
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT sum(active) FROM topic_counts;"), ==, 2);

  unsuspend = rh_card_operation_new_suspend (f->db, ids, 2, FALSE);
  apply (unsuspend);
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT count(*) FROM cards WHERE suspended;"), ==, 1);
  undo (unsuspend);
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT count(*) FROM cards WHERE suspended;"), ==, 3);

  undo (suspend);
  after = dump_database (f);
  g_assert_cmpstr (before, ==, after);
}

static void
test_move_undo (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *title = NULL;
  gint64 ids[] = { card_id (f, "a"), card_id (f, "d") };
  g_autoptr(RhCardOperation) operation = rh_card_operation_new_move (f->db, ids, 2, " Projects :: Mine ");
  g_autoptr(GArray) moved = NULL;

  g_assert_null (rh_card_operation_new_move (f->db, ids, 2, ":::"));

  /* The topic is made on the way, and stays after an undo. */
  apply (operation);
  title = rh_card_operation_dup_title (operation);
  g_assert_cmpstr (title, ==, "2 cards moved to Projects::Mine");
  moved = rh_deck_store_query_card_ids (f->db, "Projects::Mine", NULL, NULL);
  g_assert_cmpuint (moved->len, ==, 2);
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT n.cards FROM topic_counts n JOIN topics t ON t.id = n.topic_id"
                                             " WHERE t.path = 'Projects::Mine';"), ==, 2);
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT count(*) FROM review_state rs JOIN cards c ON c.id = rs.card_id"
                                             " WHERE rs.topic_id <> c.topic_id;"), ==, 0);

  undo (operation);
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT count(*) FROM cards c JOIN topics t ON t.id = c.topic_id"
                                             " WHERE t.path = 'Projects::Mine';"), ==, 0);
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT n.cards FROM topic_counts n JOIN topics t ON t.id = n.topic_id"
                                             " WHERE t.path = 'Redis';"), ==, 2);
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT count(*) FROM review_state rs JOIN cards c ON c.id = rs.card_id"
                                             " WHERE rs.topic_id <> c.topic_id;"), ==, 0);
}

static void
test_tag_undo (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *before = dump_database (f);
  g_autofree char *after = NULL;
  g_autofree char *title = NULL;
  gint64 ids[] = { card_id (f, "a"), card_id (f, "b"), card_id (f, "c") };
  g_autoptr(RhCardOperation) add = rh_card_operation_new_tag (f->db, ids, 3, " hard ", TRUE);
  g_autoptr(RhCardOperation) remove = rh_card_operation_new_tag (f->db, ids, 3, "net", FALSE);
  g_autoptr(GArray) found = NULL;

  g_assert_null (rh_card_operation_new_tag (f->db, ids, 3, "  ", TRUE));

  apply (add);
  title = rh_card_operation_dup_title (add);
  g_assert_cmpstr (title, ==, "Tag “hard” added to 3 cards");
  found = rh_deck_store_query_card_ids (f->db, NULL, "tag:hard", NULL);
  g_assert_cmpuint (found->len, ==, 3);
  /* b had it: its tags are as they were. */
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT tags = 'net' || char (10) || 'hard' FROM cards WHERE uid = 'b';"),
                   ==, 1);

  apply (remove);
  g_clear_pointer (&found, g_array_unref);
  found = rh_deck_store_query_card_ids (f->db, NULL, "tag:net", NULL);
  g_assert_cmpuint (found->len, ==, 0);

  undo (remove);
  undo (add);
  after = dump_database (f);
  g_assert_cmpstr (before, ==, after);
}

static void
test_forget_undo (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *before = dump_database (f);
  g_autofree char *after = NULL;
  gint64 ids[] = { card_id (f, "b"), card_id (f, "d") };
  g_autoptr(RhCardOperation) operation = rh_card_operation_new_forget (f->db, ids, 2);
  g_autoptr(GArray) found = NULL;

  apply (operation);
  /* New again, the log kept. */
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT count(*) FROM review_state WHERE state = 0 AND reps = 0"
                                             " AND stability IS NULL;"), ==, 4);
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT count(*) FROM review_log;"), ==, 5);
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT sum(new) FROM topic_counts;"), ==, 4);
  found = rh_deck_store_query_card_ids (f->db, NULL, "is:new", NULL);
  g_assert_cmpuint (found->len, ==, 4);

  undo (operation);
  after = dump_database (f);
  g_assert_cmpstr (before, ==, after);
}

static void
test_reschedule_undo (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *before = dump_database (f);
  g_autofree char *after = NULL;
  gint64 due = RH_TEST_NOW_US / G_USEC_PER_SEC + 30 * 86400;
  gint64 ids[] = { card_id (f, "b"), card_id (f, "c") };
  g_autoptr(RhCardOperation) operation = rh_card_operation_new_reschedule (f->db, ids, 2, due);
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM review_state WHERE due = %lld;", (long long)due);

  apply (operation);
  /* c was never studied and stays new. */
  g_assert_cmpint (rh_test_query_int (f->db, sql), ==, 1);
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT state FROM review_state rs JOIN cards c ON c.id = rs.card_id"
                                             " WHERE c.uid = 'c';"), ==, 0);

  undo (operation);
  after = dump_database (f);
  g_assert_cmpstr (before, ==, after);
}

static void
test_builtin_tombstone (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GBytes) first = g_bytes_new_static (deck_json, sizeof deck_json - 1);
  g_autofree char *changed_json = g_strdup (deck_json);
  g_autoptr(GBytes) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RhCardOperation) operation = NULL;
  RhImportResult result;
  gint64 ids[1];

  g_assert_true (rh_deck_store_import_builtin (f->db, first, &result, &error));
  g_assert_no_error (error);

  ids[0] = card_id (f, "c");
  operation = rh_card_operation_new_delete (f->db, ids, 1);
  apply (operation);

  /* An update of the built-in deck (c's text changed, too) leaves it out,
   * and a's link to it. */
  *strstr (changed_json, "no ack") = 'N';
  second = g_bytes_new (changed_json, strlen (changed_json));
  g_assert_true (rh_deck_store_import_builtin (f->db, second, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (card_id (f, "c"), ==, 0);
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT count(*) FROM follow_ups f LEFT JOIN cards c"
                                             " ON c.id = f.follow_up_id WHERE c.id IS NULL;"), ==, 0);

  /* A deck the user imports brings it back. */
  rh_test_import (f->db, changed_json, &result);
  g_assert_cmpuint (result.added, ==, 1);
  g_assert_cmpint (card_id (f, "c"), >, 0);
}

static void
test_builtin_undo_tombstone (Fixture       *f,
                             gconstpointer  data)
{
  gint64 ids[1] = { card_id (f, "e") };
  g_autoptr(RhCardOperation) operation = rh_card_operation_new_delete (f->db, ids, 1);

  apply (operation);
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT count(*) FROM deleted_cards;"), ==, 1);
  undo (operation);
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT count(*) FROM deleted_cards;"), ==, 0);
}

/* Each column sorts the list in SQL, both ways, ties by row id. */
static void
test_sort (Fixture       *f,
           gconstpointer  data)
{
  static const struct {
    RhCardSort  sort;
    const char *order;   /* ascending */
  } cases[] = {
    { RH_CARD_SORT_DEFAULT, "abcde" },
    { RH_CARD_SORT_QUESTION, "ceadb" },
    { RH_CARD_SORT_TOPIC, "abcde" },
    { RH_CARD_SORT_STATE, "ceabd" },
    { RH_CARD_SORT_DUE, "ceabd" },
    { RH_CARD_SORT_INTERVAL, "ceabd" },
    { RH_CARD_SORT_STABILITY, "ceabd" },
    { RH_CARD_SORT_DIFFICULTY, "cedab" },
    { RH_CARD_SORT_REPS, "ceadb" },
    { RH_CARD_SORT_LAPSES, "cdeab" },
    { RH_CARD_SORT_MODIFIED, "dabce" },
  };
  gint64 ids[] = { card_id (f, "e") };
  g_autoptr(RhCardOperation) touch = rh_card_operation_new_tag (f->db, ids, 1, "x", TRUE);
  g_autoptr(RhCardOperation) leech = NULL;
  gint64 d = card_id (f, "d");

  rh_clock_advance (f->clock, G_TIME_SPAN_DAY);
  apply (touch);
  ids[0] = d;
  leech = rh_card_operation_new_tag (f->db, ids, 1, RH_CARD_LEECH_TAG, TRUE);
  apply (leech);
  /* d was changed first, e last; a lapsed once, b twice; d a leech. */
  rh_test_exec (f->db, "UPDATE cards SET modified = 0 WHERE uid = 'd';");
  rh_test_exec (f->db, "UPDATE review_state SET lapses = 1 WHERE card_id = (SELECT id FROM cards WHERE uid = 'a');");
  rh_test_exec (f->db, "UPDATE review_state SET lapses = 2 WHERE card_id = (SELECT id FROM cards WHERE uid = 'b');");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    for (int descending = 0; descending <= 1; descending++)
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(GArray) sorted = rh_deck_store_query_card_ids_sorted (f->db, NULL, NULL, cases[i].sort,
                                                                        descending, &error);
        g_autoptr(GString) order = g_string_new (NULL);

        /* The default order has no other way round. */
        if (descending && cases[i].sort == RH_CARD_SORT_DEFAULT)
          continue;
        g_assert_no_error (error);
        for (guint k = 0; k < sorted->len; k++)
          {
            g_autofree char *sql = g_strdup_printf ("SELECT unicode (uid) FROM cards WHERE id = %lld;",
                                                    (long long)g_array_index (sorted, gint64, k));
            g_string_append_c (order, (char)rh_test_query_int (f->db, sql));
          }
        if (descending)
          g_strreverse (order->str);
        g_assert_cmpstr (order->str, ==, cases[i].order);
      }
}

/* The list sorts without reading a card; a search keeps its filter. */
static void
test_sort_list (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(RhCardList) list = rh_card_list_new (f->db, NULL, "net");
  g_autoptr(RhCard) first = NULL;
  gboolean descending;

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  rh_card_list_set_sort (list, RH_CARD_SORT_REPS, TRUE);
  g_assert_cmpint (rh_card_list_get_sort (list, &descending), ==, RH_CARD_SORT_REPS);
  g_assert_true (descending);
  g_assert_cmpuint (rh_card_list_get_n_materialized (list), ==, 0);
  g_assert_cmpint (rh_card_list_get_id (list, 0), ==, card_id (f, "b"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);

  /* Cards come with their review state. */
  first = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_cmpint (rh_card_get_review (first)->status, ==, RH_CARD_STATUS_LEARNING);
  g_assert_cmpuint (rh_card_get_review (first)->reps, ==, 3);
  g_assert_cmpuint (rh_card_get_review (first)->lapses, ==, 0);
  g_assert_cmpfloat (rh_card_get_review (first)->stability, >, 0);
  g_assert_cmpint (rh_card_review_get_interval (rh_card_get_review (first)), >, 0);
  g_assert_cmpfloat (rh_card_review_get_retrievability (rh_card_get_review (first),
                                                         rh_card_get_review (first)->last_review), ==, 1.0);
  g_clear_object (&first);

  rh_card_list_set_sort (list, RH_CARD_SORT_DEFAULT, TRUE);
  g_assert_cmpint (rh_card_list_get_sort (list, &descending), ==, RH_CARD_SORT_DEFAULT);
  g_assert_false (descending);
  g_assert_finalize_object (g_steal_pointer (&list));
}

/* Card info's reads: the review log latest first, and the interviews. */
static void
test_card_info_reads (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) reviews = rh_deck_store_list_card_reviews (f->db, card_id (f, "b"), &error);
  g_autoptr(GArray) answers = NULL;
  g_autoptr(GArray) none = NULL;
  static const int ratings[] = { RH_RATING_GOOD, RH_RATING_AGAIN, RH_RATING_GOOD };

  g_assert_no_error (error);
  g_assert_cmpuint (reviews->len, ==, 3);
  for (guint i = 0; i < reviews->len; i++)
    {
      const RhCardReviewEntry *entry = &g_array_index (reviews, RhCardReviewEntry, i);

      g_assert_cmpint (entry->rating, ==, ratings[i]);
      g_assert_cmpint (entry->duration_ms, ==, 4200);
      g_assert_false (entry->interview);
      g_assert_cmpint (entry->interval, >, 0);
      if (i > 0)
        g_assert_cmpint (entry->reviewed_at, <, g_array_index (reviews, RhCardReviewEntry, i - 1).reviewed_at);
    }

  answers = rh_interview_store_list_card_answers (f->db, card_id (f, "b"), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (answers->len, ==, 1);
  g_assert_cmpint (g_array_index (answers, RhInterviewCardAnswer, 0).rating, ==, RH_RATING_GOOD);
  g_assert_cmpint (g_array_index (answers, RhInterviewCardAnswer, 0).spent_ms, ==, 90000);
  g_assert_cmpint (g_array_index (answers, RhInterviewCardAnswer, 0).started_at, ==, 1772366400);
  g_assert_false (g_array_index (answers, RhInterviewCardAnswer, 0).skipped);

  none = rh_deck_store_list_card_reviews (f->db, card_id (f, "c"), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (none->len, ==, 0);
}

static void
async_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *result;
}

/* Over a file the operation runs on a second connection in a thread, and
 * the window's connection announces it when it is done. */
static void
test_async_file (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "async.db", NULL);
  g_autoptr(RhDatabase) db = NULL;
  g_autoptr(RhCardOperation) operation = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *deck = rh_test_make_deck (500, "Bulk", "bulk");
  g_autoptr(GArray) ids = NULL;
  guint emissions = 0;

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  db = rh_test_open_database (path, f->clock);
  rh_test_import (db, deck, NULL);
  ids = rh_deck_store_query_card_ids (db, NULL, NULL, &error);
  g_assert_no_error (error);
  g_signal_connect (db, "changed", G_CALLBACK (rh_test_count_card_changes_cb), &emissions);

  operation = rh_card_operation_new_suspend (db, (gint64 *)ids->data, ids->len, TRUE);
  rh_card_operation_apply_async (operation, NULL, async_done_cb, &result);
  g_assert_true (rh_card_operation_apply_finish (operation, wait_for (&result), &error));
  g_assert_no_error (error);
  g_assert_true (rh_card_operation_get_applied (operation));
  g_assert_cmpuint (emissions, ==, 1);
  g_assert_cmpint (rh_test_query_int (db, "SELECT count(*) FROM cards WHERE suspended;"), ==, 500);
  g_assert_cmpint (rh_test_query_int (db, "SELECT sum(active) FROM topic_counts;"), ==, 0);

  g_clear_object (&result);
  rh_card_operation_undo_async (operation, NULL, async_done_cb, &result);
  g_assert_true (rh_card_operation_undo_finish (operation, wait_for (&result), &error));
  g_assert_no_error (error);
  g_assert_false (rh_card_operation_get_applied (operation));
  g_assert_cmpuint (emissions, ==, 2);
  g_assert_cmpint (rh_test_query_int (db, "SELECT count(*) FROM cards WHERE suspended;"), ==, 0);

  /* The result holds the operation, which holds the database. */
  g_clear_object (&result);
  /* The worker thread lets go of its task a moment after it returns. */
  while (G_OBJECT (operation)->ref_count > 1)
    {
      g_main_context_iteration (NULL, FALSE);
      g_thread_yield ();
    }
  g_assert_finalize_object (g_steal_pointer (&operation));
  g_assert_finalize_object (g_steal_pointer (&db));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/card-operation/delete/undo", test_delete_undo);
  ADD ("/card-operation/delete/unreviewed", test_delete_unreviewed);
  ADD ("/card-operation/suspend/undo", test_suspend_undo);
  ADD ("/card-operation/move/undo", test_move_undo);
  ADD ("/card-operation/tag/undo", test_tag_undo);
  ADD ("/card-operation/forget/undo", test_forget_undo);
  ADD ("/card-operation/reschedule/undo", test_reschedule_undo);
  ADD ("/card-operation/builtin/tombstone", test_builtin_tombstone);
  ADD ("/card-operation/builtin/undo-tombstone", test_builtin_undo_tombstone);
  ADD ("/card-operation/sort/store", test_sort);
  ADD ("/card-operation/sort/list", test_sort_list);
  ADD ("/card-operation/async/file", test_async_file);
  ADD ("/card-info/reads", test_card_info_reads);
#undef ADD

  return g_test_run ();
}
