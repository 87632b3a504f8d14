/* SPDX-License-Identifier: GPL-3.0-or-later */
/* RhInterview: the state machine, its timing and follow-up chains. */
#include "config.h"

#include "rh-test-interview.h"

typedef RhTestInterviewFixture Fixture;

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *counter)
{
  (*counter)++;
}

static void
test_flow_timing (Fixture       *f,
                  gconstpointer  data)
{
  static const char * const uids[] = { "go-x", "go-c", "redis-0", NULL };
  g_autoptr(RhInterviewTemplate) template = rh_test_drill_template (100, 10, 0);
  g_autoptr(RhInterview) interview = rh_test_interview_for (f, template, uids);
  g_autoptr(GError) error = NULL;
  RhInterviewState state;
  guint n_overtime = 0, n_warning = 0, n_elapsed = 0, n_card = 0;
  gint64 session_id;

  g_signal_connect (interview, "notify::overtime", G_CALLBACK (count_notify_cb), &n_overtime);
  g_signal_connect (interview, "notify::warning", G_CALLBACK (count_notify_cb), &n_warning);
  g_signal_connect (interview, "notify::question-elapsed", G_CALLBACK (count_notify_cb), &n_elapsed);
  g_signal_connect (interview, "notify::current-card", G_CALLBACK (count_notify_cb), &n_card);

  g_assert_cmpint (rh_interview_get_state (interview), ==, RH_INTERVIEW_STATE_NOT_STARTED);
  g_assert_cmpuint (rh_interview_get_n_questions (interview), ==, 3);
  g_assert_null (rh_interview_get_current_card (interview));
  g_assert_cmpint (rh_interview_get_session_id (interview), ==, 0);
  g_assert_cmpuint (rh_interview_get_total_budget (interview), ==, 600);
  g_assert_cmpuint (rh_interview_get_question_budget (interview), ==, 0);
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT count(*) FROM interview_sessions;"), ==, 0);

  /* Answering before the start is a programming error. */
  g_test_expect_message ("rh-interview", G_LOG_LEVEL_CRITICAL, "*is_running*");
  g_assert_false (rh_interview_rate (interview, RH_RATING_GOOD, NULL, NULL));
  g_test_assert_expected_messages ();

  rh_test_start (interview);
  session_id = rh_interview_get_session_id (interview);
  g_assert_cmpint (session_id, >, 0);
  g_assert_cmpint (rh_interview_store_find_unfinished (f->db, NULL), ==, session_id);
  g_object_get (interview, "state", &state, NULL);
  g_assert_cmpint (state, ==, RH_INTERVIEW_STATE_ASKING);
  rh_test_assert_question (interview, "go-x", 0, 0);
  g_assert_cmpuint (n_card, ==, 1);
  g_assert_cmpuint (rh_interview_get_question_budget (interview), ==, 120);
  g_assert_cmpint (rh_interview_get_question_remaining (interview), ==, 120);

  /* The warning starts at 80% of the budget (96 s of 120). */
  rh_test_advance (f, 95);
  g_assert_cmpint (rh_interview_get_question_elapsed (interview), ==, 95);
  g_assert_cmpuint (n_elapsed, ==, 1);
  g_assert_false (rh_interview_get_warning (interview));
  rh_test_advance (f, 1);
  g_assert_true (rh_interview_get_warning (interview));
  g_assert_cmpuint (n_warning, ==, 1);
  rh_test_advance (f, 24);
  g_assert_true (rh_interview_get_warning (interview));
  g_assert_false (rh_interview_get_overtime (interview));
  g_assert_cmpint (rh_interview_get_question_remaining (interview), ==, 0);

  /* Over time: the question stays until it is answered. */
  rh_test_advance (f, 1);
  g_assert_true (rh_interview_get_overtime (interview));
  g_assert_false (rh_interview_get_warning (interview));
  g_assert_cmpuint (n_overtime, ==, 1);
  g_assert_cmpuint (n_warning, ==, 2);
  g_assert_cmpint (rh_interview_get_question_remaining (interview), ==, -1);
  g_assert_cmpstr (rh_test_current_uid (interview), ==, "go-x");

  g_assert_true (rh_interview_reveal (interview, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rh_interview_get_state (interview), ==, RH_INTERVIEW_STATE_REVEALED);

  /* Paused time counts nowhere. */
  g_assert_true (rh_interview_pause (interview, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rh_interview_get_state (interview), ==, RH_INTERVIEW_STATE_PAUSED);
  n_elapsed = 0;
  rh_test_advance (f, 1000);
  g_assert_cmpuint (n_elapsed, ==, 0);
  g_assert_cmpint (rh_interview_get_question_elapsed (interview), ==, 121);
  g_assert_cmpint (rh_interview_get_total_elapsed (interview), ==, 121);
  g_assert_true (rh_interview_get_overtime (interview));
  g_assert_true (rh_interview_resume (interview, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rh_interview_get_state (interview), ==, RH_INTERVIEW_STATE_REVEALED);
  rh_test_advance (f, 4);

  rh_interview_set_notes (interview, "draft");
  g_assert_true (rh_interview_rate (interview, RH_RATING_GOOD, "forgot fsync", &error));
  g_assert_no_error (error);
  g_assert_cmpint (rh_interview_get_state (interview), ==, RH_INTERVIEW_STATE_ASKING);
  rh_test_assert_question (interview, "go-c", 1, 0);
  g_assert_cmpstr (rh_interview_get_notes (interview), ==, "");
  /* No `seconds` of its own: the template's. */
  g_assert_cmpuint (rh_interview_get_question_budget (interview), ==, 100);
  g_assert_cmpint (rh_interview_get_question_elapsed (interview), ==, 0);
  g_assert_false (rh_interview_get_overtime (interview));
  g_assert_false (rh_interview_get_warning (interview));
  g_assert_cmpuint (rh_interview_get_n_answered (interview), ==, 1);
  g_assert_cmpint (rh_interview_get_total_elapsed (interview), ==, 125);

  rh_test_advance (f, 50);
  rh_test_skip (interview);
  rh_test_assert_question (interview, "redis-0", 2, 0);
  g_assert_cmpuint (rh_interview_get_question_budget (interview), ==, 180);

  /* The total budget runs out too. */
  g_assert_false (rh_interview_get_total_overtime (interview));
  rh_test_advance (f, 500);
  g_assert_true (rh_interview_get_total_overtime (interview));
  g_assert_cmpint (rh_interview_get_total_remaining (interview), ==, 600 - 675);
  g_assert_true (rh_interview_get_overtime (interview));

  rh_test_rate (interview, RH_RATING_AGAIN);
  g_assert_cmpint (rh_interview_get_state (interview), ==, RH_INTERVIEW_STATE_FINISHED);
  g_assert_null (rh_interview_get_current_card (interview));
  g_assert_cmpuint (rh_interview_get_n_answered (interview), ==, 3);
  g_assert_cmpuint (rh_interview_get_question_budget (interview), ==, 0);
  g_assert_false (rh_interview_get_overtime (interview));
  g_assert_cmpint (rh_interview_get_total_elapsed (interview), ==, 675);

  /* Every answer was written as it was given. */
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT count(*) FROM interview_answers;"), ==, 3);
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT count(*) FROM interview_answers WHERE position = 0 AND rating = 3"
                                             " AND spent_ms = 125000 AND budget_seconds = 120 AND overtime = 1"
                                             " AND skipped = 0 AND notes = 'forgot fsync' AND depth = 0;"), ==, 1);
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT count(*) FROM interview_answers WHERE position = 1 AND rating IS NULL"
                                             " AND skipped = 1 AND spent_ms = 50000 AND budget_seconds = 100 AND overtime = 0;"), ==, 1);
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT count(*) FROM interview_answers WHERE position = 2 AND rating = 1"
                                             " AND spent_ms = 500000 AND overtime = 1;"), ==, 1);
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT count(*) FROM interview_sessions WHERE state = 'finished'"
                                             " AND elapsed_ms = 675000 AND paused_ms = 1000000 AND total_seconds = 600"
                                             " AND ended_at IS NOT NULL;"), ==, 1);
  g_assert_cmpint (rh_interview_store_find_unfinished (f->db, NULL), ==, 0);

  g_assert_finalize_object (g_steal_pointer (&interview));
}

/* Setting the wall clock moves no countdown; what is a date stays on the
 * wall clock. */
static void
test_flow_wall_clock_step (Fixture       *f,
                           gconstpointer  data)
{
  static const char * const uids[] = { "redis-0", "redis-1", NULL };
  g_autoptr(RhInterviewTemplate) template = rh_test_drill_template (100, 10, 0);
  g_autoptr(RhInterview) interview = NULL;
  g_autofree char *answer_sql = NULL;
  g_autofree char *review_sql = NULL;
  gint64 wall;

  /* Auto-advance would skip a question whose budget looks spent. */
  rh_interview_template_set_auto_advance (template, TRUE);
  interview = rh_test_interview_for (f, template, uids);

  rh_test_start (interview);
  rh_test_advance (f, 30);

  rh_clock_step_wall (f->clock, 2 * 3600 * (gint64)G_USEC_PER_SEC);
  rh_test_assert_question (interview, "redis-0", 0, 0);
  g_assert_cmpint (rh_interview_get_question_elapsed (interview), ==, 30);
  g_assert_cmpint (rh_interview_get_total_elapsed (interview), ==, 30);
  g_assert_cmpint (rh_interview_get_question_remaining (interview), ==, 180 - 30);
  g_assert_cmpint (rh_interview_get_total_remaining (interview), ==, 600 - 30);
  g_assert_false (rh_interview_get_overtime (interview));
  g_assert_false (rh_interview_get_total_overtime (interview));

  rh_clock_step_wall (f->clock, -3600 * (gint64)G_USEC_PER_SEC);
  rh_test_assert_question (interview, "redis-0", 0, 0);
  g_assert_cmpint (rh_interview_get_question_elapsed (interview), ==, 30);
  g_assert_cmpint (rh_interview_get_total_elapsed (interview), ==, 30);
  g_assert_cmpint (rh_interview_get_question_remaining (interview), ==, 180 - 30);
  g_assert_cmpint (rh_interview_get_total_remaining (interview), ==, 600 - 30);

  rh_test_rate (interview, RH_RATING_GOOD);
  rh_test_assert_question (interview, "redis-1", 1, 0);
  g_assert_cmpint (rh_interview_get_total_elapsed (interview), ==, 30);

  /* The answer and its review are dated by the wall clock, an hour on. */
  wall = rh_clock_get_now_seconds (f->clock);
  g_assert_cmpint (wall, ==, RH_TEST_NOW_US / G_USEC_PER_SEC + 30 + 3600);
  answer_sql = g_strdup_printf ("SELECT count(*) FROM interview_answers WHERE spent_ms = 30000"
                                " AND overtime = 0 AND answered_at = %" G_GINT64_FORMAT ";", wall);
  g_assert_cmpint (rh_test_query_int (f->db, answer_sql), ==, 1);
  review_sql = g_strdup_printf ("SELECT count(*) FROM review_log WHERE source = 'interview'"
                                " AND duration_ms = 30000 AND reviewed_at = %" G_GINT64_FORMAT ";", wall);
  g_assert_cmpint (rh_test_query_int (f->db, review_sql), ==, 1);
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT elapsed_ms FROM interview_sessions;"), ==, 30000);

  g_assert_true (rh_interview_end (interview, NULL));
  g_assert_finalize_object (g_steal_pointer (&interview));
}

static void
count_interview_changes_cb (RhDatabase       *db,
                            RhDatabaseChange  changes,
                            guint            *count_out)
{
  if (changes & RH_DATABASE_CHANGE_INTERVIEWS)
    (*count_out)++;
}

/* History views learn about a finished session from ::changed. */
static void
test_flow_announces (Fixture       *f,
                     gconstpointer  data)
{
  static const char * const uids[] = { "redis-0", NULL };
  g_autoptr(RhInterviewTemplate) template = rh_test_drill_template (100, 10, 0);
  g_autoptr(RhInterview) interview = rh_test_interview_for (f, template, uids);
  guint changes = 0;
  gulong handler;

  handler = g_signal_connect (f->db, "changed", G_CALLBACK (count_interview_changes_cb), &changes);

  rh_test_start (interview);
  g_assert_cmpuint (changes, ==, 1);
  rh_test_advance (f, 40);
  rh_test_rate (interview, RH_RATING_GOOD);
  g_assert_cmpint (rh_interview_get_state (interview), ==, RH_INTERVIEW_STATE_FINISHED);
  g_assert_cmpuint (changes, ==, 2);

  g_signal_handler_disconnect (f->db, handler);
  g_assert_finalize_object (g_steal_pointer (&interview));
}

static void
test_flow_end_early (Fixture       *f,
                     gconstpointer  data)
{
  static const char * const uids[] = { "redis-0", "redis-1", "redis-2", NULL };
  g_autoptr(RhInterviewTemplate) template = rh_test_drill_template (100, 10, 0);
  g_autoptr(RhInterview) unstarted = rh_test_interview_for (f, template, uids);
  g_autoptr(RhInterview) interview = rh_test_interview_for (f, template, uids);
  g_autoptr(RhInterviewReport) report = NULL;
  g_autoptr(GError) error = NULL;

  /* Ending before the start leaves nothing behind. */
  g_assert_true (rh_interview_end (unstarted, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rh_interview_get_state (unstarted), ==, RH_INTERVIEW_STATE_FINISHED);
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT count(*) FROM interview_sessions;"), ==, 0);

  rh_test_start (interview);
  rh_test_advance (f, 40);
  rh_test_rate (interview, RH_RATING_GOOD);
  rh_test_advance (f, 30);
  g_assert_true (rh_interview_end (interview, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rh_interview_get_state (interview), ==, RH_INTERVIEW_STATE_FINISHED);

  /* The question being asked is kept, as skipped; redis-2 was never asked. */
  report = rh_interview_dup_report (interview, &error);
  g_assert_no_error (error);
  g_assert_true (rh_interview_report_get_finished (report));
  g_assert_cmpuint (rh_interview_report_get_n_planned (report), ==, 3);
  g_assert_cmpuint (rh_interview_report_get_n_answers (report), ==, 2);
  g_assert_true (rh_interview_report_get_answer (report, 1)->skipped);
  g_assert_cmpint (rh_interview_report_get_answer (report, 1)->spent_ms, ==, 30000);
  g_assert_cmpint (rh_interview_report_get_total_elapsed (report), ==, 70);

  g_assert_finalize_object (g_steal_pointer (&report));
  g_assert_finalize_object (g_steal_pointer (&unstarted));
  g_assert_finalize_object (g_steal_pointer (&interview));
}

static void
test_flow_auto_advance (Fixture       *f,
                        gconstpointer  data)
{
  static const char * const uids[] = { "go-x", "redis-0", NULL };
  g_autoptr(RhInterviewTemplate) template = rh_test_drill_template (100, 10, 0);
  g_autoptr(RhInterview) interview = NULL;

  rh_interview_template_set_auto_advance (template, TRUE);
  interview = rh_test_interview_for (f, template, uids);

  rh_test_start (interview);
  rh_test_advance (f, 119);
  g_assert_cmpstr (rh_test_current_uid (interview), ==, "go-x");
  rh_test_advance (f, 1);
  rh_test_assert_question (interview, "redis-0", 1, 0);
  g_assert_cmpint (rh_interview_get_question_elapsed (interview), ==, 0);

  /* A late tick: the time is still what was spent. */
  rh_test_advance (f, 200);
  g_assert_cmpint (rh_interview_get_state (interview), ==, RH_INTERVIEW_STATE_FINISHED);
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT count(*) FROM interview_answers WHERE skipped = 1;"), ==, 2);
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT count(*) FROM interview_answers WHERE position = 0"
                                             " AND spent_ms = 120000 AND overtime = 0;"), ==, 1);
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT count(*) FROM interview_answers WHERE position = 1"
                                             " AND spent_ms = 200000 AND overtime = 1;"), ==, 1);

  g_assert_finalize_object (g_steal_pointer (&interview));
}

static void
test_follow_ups_chain (Fixture       *f,
                       gconstpointer  data)
{
  static const char * const uids[] = { "go-a", "redis-0", NULL };
  g_autoptr(RhInterviewTemplate) template = rh_test_drill_template (100, 45, 2);
  g_autoptr(RhInterview) interview = rh_test_interview_for (f, template, uids);
  gint64 parent;

  rh_test_start (interview);
  rh_test_assert_question (interview, "go-a", 0, 0);
  rh_test_rate (interview, RH_RATING_GOOD);
  /* The first follow-up, same planned question. */
  rh_test_assert_question (interview, "go-b", 0, 1);
  g_assert_cmpuint (rh_interview_get_n_questions (interview), ==, 2);
  rh_test_advance (f, 10);
  rh_test_rate (interview, RH_RATING_EASY);
  rh_test_assert_question (interview, "go-c", 0, 2);
  g_assert_cmpuint (rh_interview_get_question_budget (interview), ==, 100);
  rh_test_rate (interview, RH_RATING_GOOD);
  /* The depth limit: on to the next planned question. */
  rh_test_assert_question (interview, "redis-0", 1, 0);
  rh_test_rate (interview, RH_RATING_GOOD);
  g_assert_cmpint (rh_interview_get_state (interview), ==, RH_INTERVIEW_STATE_FINISHED);

  /* Each follow-up points at the answer it follows. */
  parent = rh_test_query_int (f->db, "SELECT id FROM interview_answers WHERE position = 0;");
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT parent_id FROM interview_answers WHERE position = 1;"), ==, parent);
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT parent_id FROM interview_answers WHERE position = 2;"), ==,
                   rh_test_query_int (f->db, "SELECT id FROM interview_answers WHERE position = 1;"));
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT count(*) FROM interview_answers WHERE position = 3 AND parent_id IS NULL"
                                             " AND depth = 0 AND question_index = 1;"), ==, 1);
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT count(*) FROM interview_answers WHERE depth = 2 AND question_index = 0"
                                             " AND budget_seconds = 100;"), ==, 1);

  g_assert_finalize_object (g_steal_pointer (&interview));
}

static void
test_follow_ups_weak_stops (Fixture       *f,
                            gconstpointer  data)
{
  static const char * const uids[] = { "go-a", "redis-0", NULL };
  g_autoptr(RhInterviewTemplate) template = rh_test_drill_template (100, 45, 3);
  g_autoptr(RhInterview) hard = rh_test_interview_for (f, template, uids);
  g_autoptr(RhInterview) skipped = rh_test_interview_for (f, template, uids);
  g_autoptr(RhInterview) again = rh_test_interview_for (f, template, uids);

  rh_test_start (hard);
  rh_test_rate (hard, RH_RATING_HARD);
  rh_test_assert_question (hard, "redis-0", 1, 0);
  g_assert_true (rh_interview_end (hard, NULL));

  rh_test_start (again);
  rh_test_rate (again, RH_RATING_AGAIN);
  rh_test_assert_question (again, "redis-0", 1, 0);
  g_assert_true (rh_interview_end (again, NULL));

  /* A skipped follow-up ends the chain too. */
  rh_test_start (skipped);
  rh_test_rate (skipped, RH_RATING_GOOD);
  rh_test_assert_question (skipped, "go-b", 0, 1);
  rh_test_skip (skipped);
  rh_test_assert_question (skipped, "redis-0", 1, 0);
  g_assert_true (rh_interview_end (skipped, NULL));

  g_assert_finalize_object (g_steal_pointer (&hard));
  g_assert_finalize_object (g_steal_pointer (&again));
  g_assert_finalize_object (g_steal_pointer (&skipped));
}

static void
test_follow_ups_no_repeats (Fixture       *f,
                            gconstpointer  data)
{
  static const char * const uids[] = { "go-a", "go-b", "redis-0", NULL };
  g_autoptr(RhInterviewTemplate) template = rh_test_drill_template (100, 45, 5);
  g_autoptr(RhInterview) interview = rh_test_interview_for (f, template, uids);
  g_autoptr(GError) error = NULL;

  /* go-x stands in for go-b, which is planned for later. */
  rh_test_start (interview);
  rh_test_rate (interview, RH_RATING_GOOD);
  rh_test_assert_question (interview, "go-x", 0, 1);
  rh_test_rate (interview, RH_RATING_GOOD);
  rh_test_assert_question (interview, "go-b", 1, 0);
  rh_test_rate (interview, RH_RATING_GOOD);
  rh_test_assert_question (interview, "go-c", 1, 1);
  rh_test_rate (interview, RH_RATING_GOOD);
  rh_test_assert_question (interview, "go-d", 1, 2);
  /* go-d leads back to go-a, asked already: the chain ends there. */
  rh_test_rate (interview, RH_RATING_EASY);
  rh_test_assert_question (interview, "redis-0", 2, 0);
  rh_test_rate (interview, RH_RATING_GOOD);
  g_assert_cmpint (rh_interview_get_state (interview), ==, RH_INTERVIEW_STATE_FINISHED);

  g_assert_cmpint (rh_test_query_int (f->db, "SELECT count(*) FROM interview_answers;"), ==, 6);
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT count(DISTINCT card_id) FROM interview_answers;"), ==, 6);

  /* Suspended follow-ups are passed over. */
  g_assert_true (rh_deck_store_set_card_suspended (f->db, rh_test_card_id (f, "go-b"), TRUE, &error));
  g_assert_no_error (error);
  {
    static const char * const again_uids[] = { "go-a", NULL };
    g_autoptr(RhInterview) again = rh_test_interview_for (f, template, again_uids);

    rh_test_start (again);
    rh_test_rate (again, RH_RATING_GOOD);
    rh_test_assert_question (again, "go-x", 0, 1);
    g_assert_true (rh_interview_end (again, NULL));
    g_assert_finalize_object (g_steal_pointer (&again));
  }

  g_assert_finalize_object (g_steal_pointer (&interview));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(name, func) g_test_add (name, Fixture, NULL, rh_test_interview_setup, func, rh_test_interview_teardown)
  ADD ("/interview/flow/announces", test_flow_announces);
  ADD ("/interview/flow/timing", test_flow_timing);
  ADD ("/interview/flow/end-early", test_flow_end_early);
  ADD ("/interview/flow/auto-advance", test_flow_auto_advance);
  ADD ("/interview/flow/wall-clock-step", test_flow_wall_clock_step);
  ADD ("/interview/follow-ups/chain", test_follow_ups_chain);
  ADD ("/interview/follow-ups/weak-stops", test_follow_ups_weak_stops);
  ADD ("/interview/follow-ups/no-repeats", test_follow_ups_no_repeats);
#undef ADD

  return g_test_run ();
}
