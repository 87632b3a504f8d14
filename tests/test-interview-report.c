/* SPDX-License-Identifier: GPL-3.0-or-later */
/* RhInterviewReport: reports, history and retrying the weak answers. */
#include "config.h"

#include "rh-test-interview.h"

typedef RhTestInterviewFixture Fixture;

#define DAY (G_GINT64_CONSTANT (86400))

static void
test_report (Fixture       *f,
             gconstpointer  data)
{
  static const char * const uids[] = { "redis-0", "mysql-0", "net-0", "os-0", "mysql-1", NULL };
  static const RhRating ratings[] = { RH_RATING_EASY, RH_RATING_HARD, RH_RATING_HARD, RH_RATING_HARD, RH_RATING_GOOD };
  static const guint seconds[] = { 60, 200, 190, 230, 100 };
  static const char * const later_uids[] = { "go-x", NULL };
  static const RhRating later_ratings[] = { RH_RATING_GOOD };
  static const guint later_seconds[] = { 30 };
  static const char * const weakest[] = { "操作系统::进程与线程", "网络::TCP", "MySQL::索引", NULL };
  g_autoptr(RhInterviewTemplate) template = rh_test_drill_template (100, 10, 0);
  g_autoptr(RhInterview) interview = rh_test_interview_for (f, template, uids);
  g_autoptr(RhInterview) later = rh_test_interview_for (f, template, later_uids);
  g_autoptr(RhInterview) unfinished = rh_test_interview_for (f, template, later_uids);
  g_autoptr(RhInterviewReport) report = NULL;
  g_autoptr(RhInterviewReport) reopened = NULL;
  g_autoptr(RhInterviewReport) newest = NULL;
  g_autoptr(GListModel) history = NULL;
  g_autoptr(GError) error = NULL;
  const RhInterviewAnswer *answer;
  gint64 started = rh_clock_get_now_seconds (f->clock);

  rh_test_run_interview (f, interview, ratings, seconds, G_N_ELEMENTS (ratings));

  report = rh_interview_dup_report (interview, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rh_interview_report_get_session_id (report), ==, rh_interview_get_session_id (interview));
  g_assert_cmpstr (rh_interview_report_get_template_name (report), ==, "Drill");
  g_assert_true (rh_interview_report_get_finished (report));
  g_assert_cmpint (rh_interview_report_get_started_at (report), ==, started);
  g_assert_cmpint (rh_interview_report_get_ended_at (report), ==, started + 780);
  g_assert_cmpint (rh_interview_report_get_total_elapsed (report), ==, 780);
  g_assert_cmpint (rh_interview_report_get_total_budget (report), ==, 600);
  g_assert_true (rh_interview_report_get_overtime (report));
  g_assert_cmpuint (rh_interview_report_get_n_answers (report), ==, 5);
  g_assert_cmpuint (rh_interview_report_get_n_planned (report), ==, 5);

  /* (100 + 33⅓ × 3 + 66⅔) / 5 */
  g_assert_cmpint (rh_interview_report_get_score (report), ==, 53);
  g_assert_cmpfloat (rh_interview_report_rating_score (RH_RATING_AGAIN, FALSE), ==, 0.0);
  g_assert_cmpfloat (rh_interview_report_rating_score (RH_RATING_EASY, FALSE), ==, 100.0);
  g_assert_cmpfloat (rh_interview_report_rating_score (RH_RATING_EASY, TRUE), ==, 0.0);

  /* Operating systems and TCP tie on Hard; more time over budget is weaker.
   * Redis, answered Easy, had nothing weak. */
  g_assert_true (g_strv_equal (rh_interview_report_get_weakest_topics (report), weakest));

  answer = rh_interview_report_get_answer (report, 1);
  g_assert_cmpuint (answer->position, ==, 1);
  g_assert_cmpint (answer->card_id, ==, rh_test_card_id (f, "mysql-0"));
  g_assert_cmpstr (answer->title, ==, "mysql-0 question");
  g_assert_cmpstr (answer->topic, ==, "MySQL::索引");
  g_assert_cmpint (answer->kind, ==, RH_CARD_KIND_CONCEPT);
  g_assert_cmpuint (answer->budget_seconds, ==, 180);
  g_assert_cmpint (answer->spent_ms, ==, 200000);
  g_assert_cmpint (answer->rating, ==, RH_RATING_HARD);
  g_assert_true (answer->overtime);
  g_assert_false (answer->skipped);
  g_assert_cmpuint (answer->depth, ==, 0);
  g_assert_cmpint (answer->parent_id, ==, 0);
  g_assert_false (rh_interview_report_get_answer (report, 4)->overtime);

  /* A later session, and one that is not finished. */
  rh_test_advance (f, DAY);
  rh_test_run_interview (f, later, later_ratings, later_seconds, 1);
  rh_test_start (unfinished);

  history = rh_interview_report_list_history (f->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (history), ==, 2);
  newest = g_list_model_get_item (history, 0);
  g_assert_cmpint (rh_interview_report_get_session_id (newest), ==, rh_interview_get_session_id (later));
  g_assert_cmpint (rh_interview_report_get_score (newest), ==, 67);
  g_assert_cmpint (rh_interview_report_get_total_elapsed (newest), ==, 30);

  reopened = rh_interview_report_load (f->db, rh_interview_get_session_id (interview), &error);
  g_assert_no_error (error);
  g_assert_cmpint (rh_interview_report_get_score (reopened), ==, 53);
  g_assert_cmpuint (rh_interview_report_get_n_answers (reopened), ==, 5);

  g_assert_null (rh_interview_report_load (f->db, 9999, &error));
  g_assert_error (error, RH_DATABASE_ERROR, RH_DATABASE_ERROR_NOT_FOUND);

  g_assert_true (rh_interview_end (unfinished, NULL));
  g_assert_finalize_object (g_steal_pointer (&history));
  g_assert_finalize_object (g_steal_pointer (&newest));
  g_assert_finalize_object (g_steal_pointer (&report));
  g_assert_finalize_object (g_steal_pointer (&reopened));
  g_assert_finalize_object (g_steal_pointer (&interview));
  g_assert_finalize_object (g_steal_pointer (&later));
  g_assert_finalize_object (g_steal_pointer (&unfinished));
}

static void
test_retry_weak (Fixture       *f,
                 gconstpointer  data)
{
  static const char * const uids[] = { "redis-0", "mysql-0", "net-0", "os-0", "algo-0", NULL };
  static const RhRating ratings[] = { RH_RATING_AGAIN, RH_RATING_GOOD, RH_RATING_EASY, RH_RATING_HARD, 0 };
  static const guint seconds[] = { 60, 60, 60, 60, 60 };
  static const RhRating all_good[] = { RH_RATING_GOOD, RH_RATING_GOOD, RH_RATING_GOOD };
  g_autoptr(RhInterviewTemplate) template = rh_test_drill_template (100, 45, 0);
  g_autoptr(RhInterview) interview = NULL;
  g_autoptr(RhInterview) retry = NULL;
  g_autoptr(RhInterview) none = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *plan = NULL;

  rh_interview_template_set_counts_toward_schedule (template, FALSE);
  interview = rh_test_interview_for (f, template, uids);
  rh_test_run_interview (f, interview, ratings, seconds, G_N_ELEMENTS (ratings));

  retry = rh_interview_new_retry (f->scheduler, rh_interview_get_session_id (interview), &error);
  g_assert_no_error (error);
  g_assert_nonnull (retry);
  plan = rh_test_plan_uids (f, retry);
  /* Again, Hard and the skipped one. */
  g_assert_cmpstr (plan, ==, "redis-0 os-0 algo-0");
  g_assert_cmpstr (rh_interview_template_get_name (rh_interview_get_template (retry)), ==, "Retry: Drill");
  g_assert_cmpuint (rh_interview_template_get_follow_up_depth (rh_interview_get_template (retry)), ==, 0);
  g_assert_false (rh_interview_template_get_counts_toward_schedule (rh_interview_get_template (retry)));
  g_assert_cmpuint (rh_interview_get_total_budget (retry), ==, 1260);

  /* Retried with the budgets they had. */
  rh_test_run_interview (f, retry, all_good, seconds, 3);
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT count(*) FROM review_log;"), ==, 0);

  none = rh_interview_new_retry (f->scheduler, rh_interview_get_session_id (retry), &error);
  g_assert_error (error, RH_INTERVIEW_ERROR, RH_INTERVIEW_ERROR_NO_QUESTIONS);
  g_assert_null (none);

  g_assert_finalize_object (g_steal_pointer (&interview));
  g_assert_finalize_object (g_steal_pointer (&retry));
}

/* Every question skipped: the report and the retry agree that all were
 * weak, so Retry Weak Questions has something to ask. */
static void
test_retry_all_skipped (Fixture       *f,
                        gconstpointer  data)
{
  static const char * const uids[] = { "redis-0", "mysql-0", "net-0", NULL };
  static const RhRating skipped[] = { 0, 0, 0 };
  static const guint seconds[] = { 10, 10, 10 };
  g_autoptr(RhInterviewTemplate) template = rh_test_drill_template (100, 45, 0);
  g_autoptr(RhInterview) interview = NULL;
  g_autoptr(RhInterview) retry = NULL;
  g_autoptr(RhInterviewReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *plan = NULL;

  interview = rh_test_interview_for (f, template, uids);
  rh_test_run_interview (f, interview, skipped, seconds, G_N_ELEMENTS (skipped));

  report = rh_interview_dup_report (interview, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rh_interview_report_get_n_answers (report), ==, 3);
  g_assert_cmpuint (rh_interview_report_count_weak (report), ==, 3);
  for (guint i = 0; i < 3; i++)
    g_assert_true (rh_interview_answer_is_weak (rh_interview_report_get_answer (report, i)));

  retry = rh_interview_new_retry (f->scheduler, rh_interview_get_session_id (interview), &error);
  g_assert_no_error (error);
  plan = rh_test_plan_uids (f, retry);
  g_assert_cmpstr (plan, ==, "redis-0 mysql-0 net-0");

  g_assert_finalize_object (g_steal_pointer (&report));
  g_assert_finalize_object (g_steal_pointer (&interview));
  g_assert_finalize_object (g_steal_pointer (&retry));
}

/* Weakest Topics are the topics with a weak answer, and only those. */
static void
test_weakest_topics (Fixture       *f,
                     gconstpointer  data)
{
  static const char * const good_uids[] = { "redis-0", "mysql-0", "net-0", NULL };
  static const RhRating all_good[] = { RH_RATING_GOOD, RH_RATING_GOOD, RH_RATING_GOOD };
  static const char * const mixed_uids[] = { "redis-1", "redis-2", "mysql-1", "mysql-2", "net-1",
                                             "os-0", "algo-0", "algo-1", NULL };
  static const RhRating mixed[] = { RH_RATING_GOOD, RH_RATING_GOOD, RH_RATING_EASY, RH_RATING_HARD, 0,
                                    RH_RATING_EASY, RH_RATING_GOOD, RH_RATING_AGAIN };
  static const guint seconds[] = { 60, 60, 60, 60, 60, 60, 60, 60 };
  /* By mean rating: TCP skipped (1), algorithms Good and Again (2), MySQL
   * Easy and Hard (3). Redis ties MySQL but was all Good, so it is left
   * out, as is operating systems (Easy). */
  static const char * const weakest[] = { "网络::TCP", "算法::经典题", "MySQL::索引", NULL };
  g_autoptr(RhInterviewTemplate) template = rh_test_drill_template (100, 45, 0);
  g_autoptr(RhInterview) good = rh_test_interview_for (f, template, good_uids);
  g_autoptr(RhInterview) mixed_interview = rh_test_interview_for (f, template, mixed_uids);
  g_autoptr(RhInterviewReport) good_report = NULL;
  g_autoptr(RhInterviewReport) mixed_report = NULL;
  g_autoptr(GError) error = NULL;

  rh_test_run_interview (f, good, all_good, seconds, G_N_ELEMENTS (all_good));
  good_report = rh_interview_dup_report (good, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rh_interview_report_count_weak (good_report), ==, 0);
  g_assert_nonnull (rh_interview_report_get_weakest_topics (good_report));
  g_assert_cmpuint (g_strv_length ((GStrv)rh_interview_report_get_weakest_topics (good_report)), ==, 0);

  rh_test_run_interview (f, mixed_interview, mixed, seconds, G_N_ELEMENTS (mixed));
  mixed_report = rh_interview_dup_report (mixed_interview, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rh_interview_report_count_weak (mixed_report), ==, 3);
  g_assert_true (g_strv_equal (rh_interview_report_get_weakest_topics (mixed_report), weakest));

  g_assert_finalize_object (g_steal_pointer (&good_report));
  g_assert_finalize_object (g_steal_pointer (&mixed_report));
  g_assert_finalize_object (g_steal_pointer (&good));
  g_assert_finalize_object (g_steal_pointer (&mixed_interview));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(name, func) g_test_add (name, Fixture, NULL, rh_test_interview_setup, func, rh_test_interview_teardown)
  ADD ("/interview-report/report", test_report);
  ADD ("/interview-report/retry-weak", test_retry_weak);
  ADD ("/interview-report/retry-all-skipped", test_retry_all_skipped);
  ADD ("/interview-report/weakest-topics", test_weakest_topics);
#undef ADD

  return g_test_run ();
}
