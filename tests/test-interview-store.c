/* SPDX-License-Identifier: GPL-3.0-or-later */
/* RhInterview persistence through rh-interview-store: what is written, resumed and discarded. */
#include "config.h"

#include "rh-interview-store.h"
#include "rh-interview-template-store.h"
#include "rh-test-interview.h"

typedef RhTestInterviewFixture Fixture;

static void
test_persist_resume (Fixture       *f,
                     gconstpointer  data)
{
  static const char * const uids[] = { "redis-0", "redis-1", "redis-2", "mysql-0", NULL };
  g_autoptr(RhInterviewTemplate) template = rh_test_drill_template (100, 10, 0);
  g_autoptr(RhInterview) interview = rh_test_interview_for (f, template, uids);
  g_autoptr(GError) error = NULL;
  gint64 session_id;

  rh_test_start (interview);
  session_id = rh_interview_get_session_id (interview);
  rh_test_advance (f, 60);
  g_assert_true (rh_interview_rate (interview, RH_RATING_GOOD, "a", &error));
  g_assert_no_error (error);
  rh_test_advance (f, 30);
  rh_test_rate (interview, RH_RATING_HARD);
  rh_interview_set_notes (interview, "typing");
  g_assert_true (rh_interview_reveal (interview, &error));
  g_assert_no_error (error);
  /* Saved while running every 15 s: at 20 s, not at 25 s. */
  rh_test_advance (f, 20);
  rh_test_advance (f, 5);
  g_assert_cmpint (rh_interview_get_question_elapsed (interview), ==, 25);

  /* The app goes away without a word, and comes back an hour later. */
  g_assert_finalize_object (g_steal_pointer (&interview));
  rh_test_interview_close_database (f);
  rh_test_advance (f, 3600);
  rh_test_interview_open_database (f);

  g_assert_cmpint (rh_interview_store_find_unfinished (f->db, &error), ==, session_id);
  g_assert_no_error (error);
  interview = rh_interview_restore (f->scheduler, session_id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (interview);
  g_assert_cmpint (rh_interview_get_session_id (interview), ==, session_id);
  g_assert_cmpint (rh_interview_get_state (interview), ==, RH_INTERVIEW_STATE_PAUSED);
  rh_test_assert_question (interview, "redis-2", 2, 0);
  g_assert_cmpuint (rh_interview_get_n_questions (interview), ==, 4);
  g_assert_cmpuint (rh_interview_get_n_answered (interview), ==, 2);
  g_assert_cmpuint (rh_interview_get_question_budget (interview), ==, 180);
  g_assert_cmpint (rh_interview_get_question_elapsed (interview), ==, 20);
  g_assert_cmpint (rh_interview_get_total_elapsed (interview), ==, 110);
  g_assert_cmpstr (rh_interview_get_notes (interview), ==, "typing");
  g_assert_cmpstr (rh_interview_template_get_name (rh_interview_get_template (interview)), ==, "Drill");

  rh_test_advance (f, 100);
  g_assert_cmpint (rh_interview_get_total_elapsed (interview), ==, 110);
  g_assert_true (rh_interview_resume (interview, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rh_interview_get_state (interview), ==, RH_INTERVIEW_STATE_REVEALED);
  rh_test_advance (f, 10);
  g_assert_cmpint (rh_interview_get_question_elapsed (interview), ==, 30);
  rh_test_rate (interview, RH_RATING_GOOD);
  rh_test_assert_question (interview, "mysql-0", 3, 0);
  rh_test_rate (interview, RH_RATING_EASY);
  g_assert_cmpint (rh_interview_get_state (interview), ==, RH_INTERVIEW_STATE_FINISHED);

  /* The answers from before the crash are intact. */
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT count(*) FROM interview_answers;"), ==, 4);
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT count(*) FROM interview_answers WHERE position = 0 AND rating = 3"
                                             " AND spent_ms = 60000 AND notes = 'a';"), ==, 1);
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT count(*) FROM interview_answers WHERE position = 1 AND rating = 2"
                                             " AND spent_ms = 30000;"), ==, 1);
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT count(*) FROM interview_answers WHERE position = 2 AND rating = 3"
                                             " AND spent_ms = 30000 AND notes = 'typing';"), ==, 1);
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT elapsed_ms FROM interview_sessions;"), ==, 120000);
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT paused_ms >= 3700000 FROM interview_sessions;"), ==, 1);
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT count(*) FROM review_log WHERE source = 'interview';"), ==, 4);
  g_assert_cmpint (rh_interview_store_find_unfinished (f->db, NULL), ==, 0);

  g_assert_null (rh_interview_restore (f->scheduler, session_id, &error));
  g_assert_error (error, RH_INTERVIEW_ERROR, RH_INTERVIEW_ERROR_CLOSED);

  g_assert_finalize_object (g_steal_pointer (&interview));
}

static void
test_persist_discard (Fixture       *f,
                      gconstpointer  data)
{
  static const char * const uids[] = { "redis-0", "redis-1", NULL };
  g_autoptr(RhInterviewTemplate) template = rh_test_drill_template (100, 10, 0);
  g_autoptr(RhInterview) interview = rh_test_interview_for (f, template, uids);
  g_autoptr(RhInterviewReport) report = NULL;
  g_autoptr(GListModel) history = NULL;
  g_autoptr(GError) error = NULL;
  gint64 session_id;

  rh_test_start (interview);
  session_id = rh_interview_get_session_id (interview);
  rh_test_advance (f, 30);
  rh_test_rate (interview, RH_RATING_GOOD);
  g_assert_finalize_object (g_steal_pointer (&interview));

  g_assert_cmpint (rh_interview_store_find_unfinished (f->db, NULL), ==, session_id);
  g_assert_true (rh_interview_store_discard (f->db, session_id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rh_interview_store_find_unfinished (f->db, NULL), ==, 0);

  /* Nothing answered is lost. */
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT count(*) FROM interview_sessions WHERE state = 'abandoned';"), ==, 1);
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT count(*) FROM interview_answers WHERE rating = 3;"), ==, 1);
  report = rh_interview_report_load (f->db, session_id, &error);
  g_assert_no_error (error);
  g_assert_true (rh_interview_report_get_abandoned (report));
  g_assert_false (rh_interview_report_get_finished (report));
  g_assert_cmpuint (rh_interview_report_get_n_answers (report), ==, 1);

  history = rh_interview_report_list_history (f->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (history), ==, 0);

  g_assert_null (rh_interview_restore (f->scheduler, session_id, &error));
  g_assert_error (error, RH_INTERVIEW_ERROR, RH_INTERVIEW_ERROR_CLOSED);
  g_clear_error (&error);
  g_assert_false (rh_interview_store_discard (f->db, session_id, &error));
  g_assert_error (error, RH_INTERVIEW_ERROR, RH_INTERVIEW_ERROR_NOT_FOUND);

  g_assert_finalize_object (g_steal_pointer (&report));
  g_assert_finalize_object (g_steal_pointer (&history));
}

static char *
review_state_dump (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RhStatement) stmt = NULL;

  stmt = rh_database_prepare (f->db,
                              "SELECT group_concat(card_id || ':' || state || ':' || reps || ':' || due"
                              "  || ':' || coalesce(stability, '-'), ',') FROM review_state;",
                              &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);

  return g_strdup ((const char *)sqlite3_column_text (stmt, 0));
}

static void
test_schedule_counts (Fixture       *f,
                      gconstpointer  data)
{
  static const char * const uids[] = { "redis-0", "redis-1", NULL };
  g_autoptr(RhInterviewTemplate) template = rh_test_drill_template (100, 10, 0);
  g_autoptr(RhInterview) interview = rh_test_interview_for (f, template, uids);
  g_autoptr(GError) error = NULL;
  RhReviewState state;

  rh_test_start (interview);
  rh_test_advance (f, 42);
  rh_test_rate (interview, RH_RATING_GOOD);
  rh_test_advance (f, 10);
  rh_test_rate (interview, RH_RATING_AGAIN);

  g_assert_cmpint (rh_test_query_int (f->db, "SELECT count(*) FROM review_log WHERE source = 'interview';"), ==, 2);
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT count(*) FROM review_log;"), ==, 2);
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT duration_ms FROM review_log WHERE rating = 3;"), ==, 42000);
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT duration_ms FROM review_log WHERE rating = 1;"), ==, 10000);
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT count(*) FROM interview_answers a JOIN review_log l ON l.id = a.review_log_id"
                                             " WHERE l.card_id = a.card_id AND l.rating = a.rating;"), ==, 2);

  g_assert_true (rh_scheduler_get_state (f->scheduler, rh_test_card_id (f, "redis-0"), &state, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (state.reps, ==, 1);
  g_assert_cmpint (state.state, !=, RH_CARD_STATE_NEW);

  g_assert_finalize_object (g_steal_pointer (&interview));
}

static void
test_schedule_cram (Fixture       *f,
                    gconstpointer  data)
{
  static const char * const uids[] = { "redis-0", "redis-1", NULL };
  g_autoptr(RhInterviewTemplate) template = rh_test_drill_template (100, 10, 0);
  g_autoptr(RhInterview) interview = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  rh_interview_template_set_counts_toward_schedule (template, FALSE);
  interview = rh_test_interview_for (f, template, uids);
  before = review_state_dump (f);

  rh_test_start (interview);
  rh_test_advance (f, 42);
  rh_test_rate (interview, RH_RATING_EASY);
  rh_test_advance (f, 10);
  rh_test_rate (interview, RH_RATING_AGAIN);
  g_assert_cmpint (rh_interview_get_state (interview), ==, RH_INTERVIEW_STATE_FINISHED);

  after = review_state_dump (f);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT count(*) FROM review_log;"), ==, 0);
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT count(*) FROM interview_answers WHERE review_log_id IS NULL;"), ==, 2);

  g_assert_finalize_object (g_steal_pointer (&interview));
}

static void
test_migrate_from_2 (Fixture       *f,
                     gconstpointer  data)
{
  sqlite3 *raw = NULL;

  rh_test_interview_close_database (f);

  /* What version 2 of the schema left on disk. */
  g_assert_cmpint (sqlite3_open (f->path, &raw), ==, SQLITE_OK);
  g_assert_cmpint (rh_search_tokenizer_register (raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw,
                                 "DROP TABLE interview_answers; DROP TABLE interview_sessions;"
                                 " DROP TABLE interview_templates;" RH_TEST_DROP_V10_OBJECTS RH_TEST_DROP_V9_OBJECTS RH_TEST_DROP_V8_OBJECTS RH_TEST_DROP_V7_OBJECTS RH_TEST_DROP_V6_OBJECTS RH_TEST_DROP_V5_OBJECTS
                                 " PRAGMA user_version = 2;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (raw);

  rh_test_interview_open_database (f);
  g_assert_cmpint (rh_test_query_int (f->db, "PRAGMA user_version;"), ==, RH_DATABASE_SCHEMA_VERSION);
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT count(*) FROM sqlite_schema WHERE name IN"
                                             " ('interview_templates', 'interview_sessions', 'interview_answers');"), ==, 3);
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT count(*) FROM cards;"), ==, rh_test_interview_n_cards ());
}

/* Every column of every row of @table, exactly (%a for doubles). */
static char *
dump_table (Fixture    *f,
            const char *table)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RhStatement) stmt = NULL;
  g_autofree char *sql = g_strdup_printf ("SELECT * FROM %s ORDER BY rowid;", table);
  GString *dump = g_string_new (NULL);

  stmt = rh_database_prepare (f->db, sql, &error);
  g_assert_no_error (error);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        switch (sqlite3_column_type (stmt, i))
          {
          case SQLITE_NULL:
            g_string_append (dump, "NULL|");
            break;
          case SQLITE_INTEGER:
            g_string_append_printf (dump, "i%lld|", (long long)sqlite3_column_int64 (stmt, i));
            break;
          case SQLITE_FLOAT:
            g_string_append_printf (dump, "f%a|", sqlite3_column_double (stmt, i));
            break;
          default:
            g_string_append_printf (dump, "t%s|", (const char *)sqlite3_column_text (stmt, i));
          }
      g_string_append_c (dump, '\n');
    }

  return g_string_free (dump, FALSE);
}

/* A past session goes with its answers, and its reviews stay; undo puts
 * back the same rows with the same ids. */
static void
test_delete_session (Fixture       *f,
                     gconstpointer  data)
{
  static const char * const first_uids[] = { "redis-0", "redis-1", NULL };
  static const char * const second_uids[] = { "redis-2", NULL };
  static const RhRating ratings[] = { RH_RATING_GOOD, RH_RATING_AGAIN };
  static const guint seconds[] = { 30, 40 };
  g_autoptr(RhInterviewTemplate) template = rh_test_drill_template (100, 10, 0);
  g_autoptr(RhInterview) first = rh_test_interview_for (f, template, first_uids);
  g_autoptr(RhInterview) second = NULL;
  g_autoptr(RhDeletedRows) deleted = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sessions = NULL;
  g_autofree char *answers = NULL;
  g_autofree char *sessions_after = NULL;
  g_autofree char *answers_after = NULL;
  gint64 first_id;

  rh_test_run_interview (f, first, ratings, seconds, 2);
  second = rh_test_interview_for (f, template, second_uids);
  rh_test_run_interview (f, second, ratings, seconds, 1);
  first_id = rh_interview_get_session_id (first);
  sessions = dump_table (f, "interview_sessions");
  answers = dump_table (f, "interview_answers");
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT count(*) FROM interview_answers;"), ==, 3);

  deleted = rh_interview_store_delete_session (f->db, first_id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (deleted);
  g_assert_cmpuint (rh_deleted_rows_get_n_rows (deleted), ==, 3);
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT count(*) FROM interview_sessions;"), ==, 1);
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT count(*) FROM interview_answers;"), ==, 1);
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT count(*) FROM review_log;"), ==, 3);

  g_assert_null (rh_interview_store_delete_session (f->db, first_id, &error));
  g_assert_error (error, RH_DATABASE_ERROR, RH_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (rh_deleted_rows_restore (deleted, &error));
  g_assert_no_error (error);
  sessions_after = dump_table (f, "interview_sessions");
  answers_after = dump_table (f, "interview_answers");
  g_assert_cmpstr (sessions_after, ==, sessions);
  g_assert_cmpstr (answers_after, ==, answers);

  /* Once. */
  g_assert_false (rh_deleted_rows_restore (deleted, &error));
  g_assert_error (error, RH_DATABASE_ERROR, RH_DATABASE_ERROR_FAILED);
  g_clear_error (&error);

  g_assert_finalize_object (g_steal_pointer (&deleted));
  g_assert_finalize_object (g_steal_pointer (&first));
  g_assert_finalize_object (g_steal_pointer (&second));
}

/* A saved template's row comes back as it was, id included. */
static void
test_delete_template (Fixture       *f,
                      gconstpointer  data)
{
  static const char * const topics[] = { "Redis", "Go::调度", NULL };
  g_autoptr(RhInterviewTemplate) custom = rh_interview_template_new_custom ();
  g_autoptr(RhInterviewTemplate) other = rh_interview_template_new_custom ();
  g_autoptr(RhInterviewTemplate) found = NULL;
  g_autoptr(RhDeletedRows) deleted = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  rh_interview_template_set_name (custom, "Redis sprint");
  rh_interview_template_set_topics (custom, topics);
  g_assert_true (rh_interview_template_store_save (f->db, custom, &error));
  rh_interview_template_set_name (other, "Other");
  g_assert_true (rh_interview_template_store_save (f->db, other, &error));
  g_assert_no_error (error);
  before = dump_table (f, "interview_templates");

  deleted = rh_interview_template_store_delete_with_undo (f->db, rh_interview_template_get_row_id (custom), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rh_deleted_rows_get_n_rows (deleted), ==, 1);
  g_assert_null (rh_interview_template_store_lookup (f->db, rh_interview_template_get_id (custom), &error));
  g_assert_error (error, RH_DATABASE_ERROR, RH_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (rh_interview_template_store_delete_with_undo (f->db, rh_interview_template_get_row_id (custom), &error));
  g_assert_error (error, RH_DATABASE_ERROR, RH_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (rh_deleted_rows_restore (deleted, &error));
  g_assert_no_error (error);
  after = dump_table (f, "interview_templates");
  g_assert_cmpstr (after, ==, before);
  found = rh_interview_template_store_lookup (f->db, rh_interview_template_get_id (custom), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rh_interview_template_get_name (found), ==, "Redis sprint");

  g_assert_finalize_object (g_steal_pointer (&deleted));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(name, func) g_test_add (name, Fixture, NULL, rh_test_interview_setup, func, rh_test_interview_teardown)
  ADD ("/interview-store/resume", test_persist_resume);
  ADD ("/interview-store/discard", test_persist_discard);
  ADD ("/interview-store/schedule/counts", test_schedule_counts);
  ADD ("/interview-store/schedule/cram", test_schedule_cram);
  ADD ("/interview-store/migrate-from-2", test_migrate_from_2);
  ADD ("/interview-store/delete-session", test_delete_session);
  ADD ("/interview-store/delete-template", test_delete_template);
#undef ADD

  return g_test_run ();
}
