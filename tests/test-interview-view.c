/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <gtksourceview/gtksource.h>

#include "rh-interview-report.h"
#include "rh-interview-view.h"
#include "rh-test-utils.h"

static const char deck[] =
  "{\"rehearse_deck\": 1, \"cards\": ["
  " {\"id\": \"two-a\", \"topic\": \"Two::A\", \"front\": \"TIME_WAIT 是什么？\", \"back\": \"主动关闭方等待 2MSL。\", \"seconds\": 60},"
  " {\"id\": \"two-b\", \"topic\": \"Two::B\", \"front\": \"epoll 的 ET 和 LT？\", \"back\": \"边沿触发只通知一次。\", \"seconds\": 60}"
  "]}";

static void
activate (GtkWidget  *view,
          const char *action,
          GVariant   *parameter)
{
  g_assert_true (gtk_widget_activate_action_variant (view, action, parameter));
}

static void
test_two_questions (void)
{
  g_autoptr(RhClock) clock = rh_clock_new_fake (RH_TEST_NOW_US, NULL);
  g_autoptr(RhDatabase) db = rh_test_open_database (":memory:", clock);
  g_autoptr(RhStudySettings) settings = rh_study_settings_new ();
  g_autoptr(RhScheduler) scheduler = NULL;
  g_autoptr(GListModel) history = NULL;
  g_autoptr(GError) error = NULL;
  GtkWindow *window;
  GtkWidget *view;
  RhInterview *interview;

  rh_test_import (db, deck, NULL);
  scheduler = rh_scheduler_new (db, settings);

  window = GTK_WINDOW (gtk_window_new ());
  view = rh_interview_view_new (scheduler);
  gtk_window_set_child (window, view);
  gtk_window_present (window);

  g_assert_cmpstr (rh_interview_view_get_page (RH_INTERVIEW_VIEW (view)), ==, "setup");
  g_assert_true (rh_interview_view_select_template (RH_INTERVIEW_VIEW (view), "custom"));
  rh_interview_view_set_topics (RH_INTERVIEW_VIEW (view), "Two");

  activate (view, "interview.start", NULL);
  interview = rh_interview_view_get_interview (RH_INTERVIEW_VIEW (view));
  g_assert_nonnull (interview);
  g_assert_cmpstr (rh_interview_view_get_page (RH_INTERVIEW_VIEW (view)), ==, "running");
  g_assert_cmpuint (rh_interview_get_n_questions (interview), ==, 2);
  g_assert_cmpint (rh_interview_get_state (interview), ==, RH_INTERVIEW_STATE_ASKING);

  /* The first answer runs 30 s over its minute. */
  rh_clock_advance (clock, 90 * G_USEC_PER_SEC);
  g_assert_true (rh_interview_get_overtime (interview));
  activate (view, "interview.reveal", NULL);
  g_assert_cmpint (rh_interview_get_state (interview), ==, RH_INTERVIEW_STATE_REVEALED);
  activate (view, "interview.rate", g_variant_new_int32 (RH_RATING_GOOD));

  /* Pausing stops the question clock. */
  rh_clock_advance (clock, 10 * G_USEC_PER_SEC);
  activate (view, "interview.pause", NULL);
  g_assert_cmpint (rh_interview_get_state (interview), ==, RH_INTERVIEW_STATE_PAUSED);
  rh_clock_advance (clock, 600 * G_USEC_PER_SEC);
  activate (view, "interview.pause", NULL);
  g_assert_cmpint (rh_interview_get_question_elapsed (interview), ==, 10);

  activate (view, "interview.reveal", NULL);
  activate (view, "interview.rate", g_variant_new_int32 (RH_RATING_AGAIN));

  /* Finished: the report is shown and the answers count toward FSRS. */
  g_assert_null (rh_interview_view_get_interview (RH_INTERVIEW_VIEW (view)));
  g_assert_cmpstr (rh_interview_view_get_page (RH_INTERVIEW_VIEW (view)), ==, "report");
  g_assert_cmpint (rh_test_query_int (db, "SELECT count(*) FROM interview_answers;"), ==, 2);
  g_assert_cmpint (rh_test_query_int (db, "SELECT count(*) FROM interview_answers WHERE overtime;"), ==, 1);
  g_assert_cmpint (rh_test_query_int (db, "SELECT count(*) FROM review_log WHERE source = 'interview';"), ==, 2);

  history = rh_interview_report_list_history (db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (history), ==, 1);

  /* The Again answer can be tried again at once. */
  activate (view, "interview.retry-weak", NULL);
  interview = rh_interview_view_get_interview (RH_INTERVIEW_VIEW (view));
  g_assert_nonnull (interview);
  g_assert_cmpuint (rh_interview_get_n_questions (interview), ==, 1);
  activate (view, "interview.skip", NULL);
  g_assert_cmpstr (rh_interview_view_get_page (RH_INTERVIEW_VIEW (view)), ==, "report");

  activate (view, "interview.new", NULL);
  g_assert_cmpstr (rh_interview_view_get_page (RH_INTERVIEW_VIEW (view)), ==, "setup");

  gtk_window_destroy (window);
  g_clear_object (&history);
  g_assert_finalize_object (g_steal_pointer (&scheduler));
  g_assert_finalize_object (g_steal_pointer (&db));
}

static void
test_quit_keeps_session (void)
{
  g_autoptr(RhClock) clock = rh_clock_new_fake (RH_TEST_NOW_US, NULL);
  g_autoptr(RhDatabase) db = rh_test_open_database (":memory:", clock);
  g_autoptr(RhStudySettings) settings = rh_study_settings_new ();
  g_autoptr(RhScheduler) scheduler = NULL;
  GtkWindow *window;
  GtkWidget *view;

  rh_test_import (db, deck, NULL);
  scheduler = rh_scheduler_new (db, settings);

  window = GTK_WINDOW (gtk_window_new ());
  view = rh_interview_view_new (scheduler);
  gtk_window_set_child (window, view);
  rh_interview_view_select_template (RH_INTERVIEW_VIEW (view), "custom");
  rh_interview_view_set_topics (RH_INTERVIEW_VIEW (view), "Two");
  activate (view, "interview.start", NULL);
  rh_clock_advance (clock, 20 * G_USEC_PER_SEC);

  /* Closing the window mid-question leaves a session to resume. */
  gtk_window_destroy (window);
  g_assert_cmpint (rh_interview_store_find_unfinished (db, NULL), >, 0);

  window = GTK_WINDOW (gtk_window_new ());
  view = rh_interview_view_new (scheduler);
  gtk_window_set_child (window, view);
  activate (view, "interview.resume-session", NULL);
  g_assert_cmpstr (rh_interview_view_get_page (RH_INTERVIEW_VIEW (view)), ==, "running");
  g_assert_cmpint (rh_interview_get_state (rh_interview_view_get_interview (RH_INTERVIEW_VIEW (view))),
                   ==, RH_INTERVIEW_STATE_PAUSED);
  g_assert_cmpint (rh_interview_get_question_elapsed (rh_interview_view_get_interview (RH_INTERVIEW_VIEW (view))),
                   ==, 20);

  gtk_window_destroy (window);
  g_assert_finalize_object (g_steal_pointer (&scheduler));
  g_assert_finalize_object (g_steal_pointer (&db));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  gtk_source_init ();

  g_test_add_func ("/interview-view/two-questions", test_two_questions);
  g_test_add_func ("/interview-view/quit-keeps-session", test_quit_keeps_session);

  return g_test_run ();
}
