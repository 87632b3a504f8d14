/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>

#include "rh-interview.h"
#include "rh-interview-report-view.h"
#include "rh-test-interview-widget.h"
#include "rh-test-utils.h"
#include "rh-test-widget-utils.h"


/* A finished session over both cards, every question skipped. */
static RhInterviewReport *
skip_everything (RhTestWidgetFixture *f)
{
  g_autoptr(RhInterview) interview = rh_test_widget_start_interview (f);
  g_autoptr(GError) error = NULL;
  RhInterviewReport *report;

  g_assert_true (rh_interview_skip (interview, &error));
  g_assert_true (rh_interview_skip (interview, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rh_interview_get_state (interview), ==, RH_INTERVIEW_STATE_FINISHED);

  report = rh_interview_dup_report (interview, &error);
  g_assert_no_error (error);
  g_assert_finalize_object (g_steal_pointer (&interview));
  return report;
}

static void
test_all_skipped (RhTestWidgetFixture *f,
                  gconstpointer           data)
{
  g_autoptr(RhInterviewReport) report = NULL;
  GtkWindow *window;
  GtkWidget *view;
  GtkListBox *answers;
  GtkWidget *row;

  report = skip_everything (f);

  /* The one rule the page enables Retry Weak Questions by. */
  g_assert_cmpuint (rh_interview_report_count_weak (report), ==, 2);

  window = GTK_WINDOW (gtk_window_new ());
  view = rh_interview_report_view_new ();
  gtk_window_set_child (window, view);
  rh_interview_report_view_set_report (RH_INTERVIEW_REPORT_VIEW (view), report);
  gtk_window_present (window);
  g_assert_true (rh_interview_report_view_get_report (RH_INTERVIEW_REPORT_VIEW (view)) == report);

  /* Its buttons are the page's actions. */
  g_assert_nonnull (rh_test_find_widget (view, GTK_TYPE_BUTTON, "interview.retry-weak"));
  g_assert_nonnull (rh_test_find_widget (view, GTK_TYPE_BUTTON, "interview.new"));

  /* A row per question asked, each shown as skipped. */
  row = rh_test_find_widget (view, ADW_TYPE_ACTION_ROW, NULL);
  g_assert_nonnull (row);
  answers = GTK_LIST_BOX (gtk_widget_get_parent (row));
  g_assert_cmpuint (rh_test_count_rows (answers), ==, 2);
  for (guint i = 0; i < 2; i++)
    g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (ADW_ACTION_ROW (gtk_list_box_get_row_at_index (answers, i))),
                                     "Skipped"));

  rh_interview_report_view_set_report (RH_INTERVIEW_REPORT_VIEW (view), NULL);
  g_assert_cmpuint (rh_test_count_rows (answers), ==, 0);

  rh_test_destroy_window (window, view);
  g_assert_finalize_object (g_steal_pointer (&report));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/interview-report-view/all-skipped", RhTestWidgetFixture, NULL,
              rh_test_widget_setup, test_all_skipped, rh_test_widget_teardown);

  return g_test_run ();
}
