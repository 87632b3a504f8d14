/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <gtksourceview/gtksource.h>

#include "rh-interview-report.h"
#include "rh-interview-page-private.h"
#include "rh-markdown-view.h"
#include "rh-test-interview-widget.h"
#include "rh-test-utils.h"
#include "rh-test-widget-utils.h"


static void
activate (GtkWidget  *page,
          const char *action)
{
  g_assert_true (gtk_widget_activate_action_variant (page, action, NULL));
}

/* gtk_widget_activate_action() builds the parameter and frees it. */
static void
rate (GtkWidget *page,
      RhRating   rating)
{
  g_assert_true (gtk_widget_activate_action (page, "interview.rate", "i", rating));
}

static void
test_two_questions (RhTestWidgetFixture *f,
                    gconstpointer           data)
{
  g_autoptr(GListModel) history = NULL;
  g_autoptr(GError) error = NULL;
  GtkWindow *window;
  GtkWidget *page;
  RhInterview *interview;


  window = GTK_WINDOW (gtk_window_new ());
  page = rh_interview_page_new (f->scheduler);
  gtk_window_set_child (window, page);
  gtk_window_present (window);

  g_assert_cmpstr (rh_interview_page_get_page (RH_INTERVIEW_PAGE (page)), ==, "setup");
  g_assert_true (rh_interview_page_select_template (RH_INTERVIEW_PAGE (page), "custom"));
  rh_interview_page_set_topics (RH_INTERVIEW_PAGE (page), "Two");

  activate (page, "interview.start");
  interview = rh_interview_page_get_interview (RH_INTERVIEW_PAGE (page));
  g_assert_nonnull (interview);
  g_assert_cmpstr (rh_interview_page_get_page (RH_INTERVIEW_PAGE (page)), ==, "running");
  g_assert_cmpuint (rh_interview_get_n_questions (interview), ==, 2);
  g_assert_cmpint (rh_interview_get_state (interview), ==, RH_INTERVIEW_STATE_ASKING);

  /* The first answer runs 30 s over its minute. */
  rh_clock_advance (f->clock, 90 * G_USEC_PER_SEC);
  g_assert_true (rh_interview_get_overtime (interview));
  activate (page, "interview.reveal");
  g_assert_cmpint (rh_interview_get_state (interview), ==, RH_INTERVIEW_STATE_REVEALED);
  rate (page, RH_RATING_GOOD);

  /* Pausing stops the question f->clock. */
  rh_clock_advance (f->clock, 10 * G_USEC_PER_SEC);
  activate (page, "interview.pause");
  g_assert_cmpint (rh_interview_get_state (interview), ==, RH_INTERVIEW_STATE_PAUSED);
  rh_clock_advance (f->clock, 600 * G_USEC_PER_SEC);
  activate (page, "interview.pause");
  g_assert_cmpint (rh_interview_get_question_elapsed (interview), ==, 10);

  activate (page, "interview.reveal");
  rate (page, RH_RATING_AGAIN);

  /* Finished: the report is shown and the answers count toward FSRS. */
  g_assert_null (rh_interview_page_get_interview (RH_INTERVIEW_PAGE (page)));
  g_assert_cmpstr (rh_interview_page_get_page (RH_INTERVIEW_PAGE (page)), ==, "report");
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT count(*) FROM interview_answers;"), ==, 2);
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT count(*) FROM interview_answers WHERE overtime;"), ==, 1);
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT count(*) FROM review_log WHERE source = 'interview';"), ==, 2);

  history = rh_interview_report_list_history (f->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (history), ==, 1);

  /* The Again answer can be tried again at once. */
  activate (page, "interview.retry-weak");
  interview = rh_interview_page_get_interview (RH_INTERVIEW_PAGE (page));
  g_assert_nonnull (interview);
  g_assert_cmpuint (rh_interview_get_n_questions (interview), ==, 1);
  activate (page, "interview.skip");
  g_assert_cmpstr (rh_interview_page_get_page (RH_INTERVIEW_PAGE (page)), ==, "report");

  activate (page, "interview.new");
  g_assert_cmpstr (rh_interview_page_get_page (RH_INTERVIEW_PAGE (page)), ==, "setup");

  rh_test_destroy_window (window, page);
  g_clear_object (&history);
}

static void
test_quit_keeps_session (RhTestWidgetFixture *f,
                         gconstpointer           data)
{
  GtkWindow *window;
  GtkWidget *page;


  window = GTK_WINDOW (gtk_window_new ());
  page = rh_interview_page_new (f->scheduler);
  gtk_window_set_child (window, page);
  rh_interview_page_select_template (RH_INTERVIEW_PAGE (page), "custom");
  rh_interview_page_set_topics (RH_INTERVIEW_PAGE (page), "Two");
  activate (page, "interview.start");
  rh_clock_advance (f->clock, 20 * G_USEC_PER_SEC);

  /* Closing the window mid-question leaves a session to resume. */
  rh_test_destroy_window (window, page);
  g_assert_cmpint (rh_interview_store_find_unfinished (f->db, NULL), >, 0);

  window = GTK_WINDOW (gtk_window_new ());
  page = rh_interview_page_new (f->scheduler);
  gtk_window_set_child (window, page);
  activate (page, "interview.resume-session");
  g_assert_cmpstr (rh_interview_page_get_page (RH_INTERVIEW_PAGE (page)), ==, "running");
  g_assert_cmpint (rh_interview_get_state (rh_interview_page_get_interview (RH_INTERVIEW_PAGE (page))),
                   ==, RH_INTERVIEW_STATE_PAUSED);
  g_assert_cmpint (rh_interview_get_question_elapsed (rh_interview_page_get_interview (RH_INTERVIEW_PAGE (page))),
                   ==, 20);

  rh_test_destroy_window (window, page);
}

static gboolean
is_sensitive (GtkWidget  *page,
              const char *action)
{
  GtkWidget *button = rh_test_find_widget (page, GTK_TYPE_BUTTON, action);

  g_assert_nonnull (button);
  return gtk_widget_get_sensitive (button);
}

static void
test_all_skipped (RhTestWidgetFixture *f,
                  gconstpointer           data)
{
  g_autoptr(GListModel) history = NULL;
  g_autoptr(GError) error = NULL;
  GtkWindow *window;
  GtkWidget *page;
  GtkListBox *history_list;
  GtkWidget *report_scroller, *back;
  RhInterview *interview;
  gint64 session_id;


  window = GTK_WINDOW (gtk_window_new ());
  page = rh_interview_page_new (f->scheduler);
  gtk_window_set_child (window, page);
  gtk_window_present (window);

  rh_interview_page_select_template (RH_INTERVIEW_PAGE (page), "custom");
  rh_interview_page_set_topics (RH_INTERVIEW_PAGE (page), "Two");
  activate (page, "interview.start");
  session_id = rh_interview_get_session_id (rh_interview_page_get_interview (RH_INTERVIEW_PAGE (page)));
  activate (page, "interview.skip");
  activate (page, "interview.skip");

  /* Nothing answered: every question is weak, so Retry Weak is offered. */
  g_assert_cmpstr (rh_interview_page_get_page (RH_INTERVIEW_PAGE (page)), ==, "report");
  g_assert_true (is_sensitive (page, "interview.retry-weak"));
  activate (page, "interview.retry-weak");
  interview = rh_interview_page_get_interview (RH_INTERVIEW_PAGE (page));
  g_assert_nonnull (interview);
  g_assert_cmpuint (rh_interview_get_n_questions (interview), ==, 2);

  /* All answered Good: nothing weak is left to retry. */
  rate (page, RH_RATING_GOOD);
  rate (page, RH_RATING_GOOD);
  g_assert_cmpstr (rh_interview_page_get_page (RH_INTERVIEW_PAGE (page)), ==, "report");
  g_assert_false (is_sensitive (page, "interview.retry-weak"));
  /* A report just finished has New Interview, not Back. */
  g_assert_false (is_sensitive (page, "interview.back"));
  g_assert_false (gtk_widget_get_visible (rh_test_find_widget (page, GTK_TYPE_BUTTON, "interview.back")));

  /* Back on the setup page, a row per finished session, each opening its report. */
  activate (page, "interview.new");
  history = rh_interview_report_list_history (f->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (history), ==, 2);
  history_list = GTK_LIST_BOX (gtk_widget_get_ancestor (rh_test_find_widget (page, GTK_TYPE_WIDGET,
                                                                             "interview.open-report"),
                                                        GTK_TYPE_LIST_BOX));
  g_assert_cmpuint (rh_test_count_rows (history_list), ==, 2);

  g_assert_true (gtk_widget_activate_action (page, "interview.open-report", "x", session_id));
  g_assert_cmpstr (rh_interview_page_get_page (RH_INTERVIEW_PAGE (page)), ==, "report");
  g_assert_true (is_sensitive (page, "interview.retry-weak"));

  /* Opened from History: at its title, with a way back to History. */
  report_scroller = gtk_widget_get_ancestor (rh_test_find_widget (page, GTK_TYPE_BUTTON, "interview.retry-weak"),
                                             GTK_TYPE_SCROLLED_WINDOW);
  g_assert_cmpfloat (gtk_adjustment_get_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (report_scroller))), ==, 0);
  back = rh_test_find_widget (page, GTK_TYPE_BUTTON, "interview.back");
  g_assert_true (gtk_widget_get_visible (back));
  g_assert_true (is_sensitive (page, "interview.back"));
  activate (page, "interview.back");
  g_assert_cmpstr (rh_interview_page_get_page (RH_INTERVIEW_PAGE (page)), ==, "setup");
  g_assert_false (is_sensitive (page, "interview.back"));

  rh_test_destroy_window (window, page);
  g_clear_object (&history);
}

/* Toasts of a running interview show above its buttons, not over them. */
static void
test_toast_above_buttons (RhTestWidgetFixture *f,
                          gconstpointer        data)
{
  GtkWindow *window;
  GtkWidget *page, *question, *overlay, *reveal;
  guint n_children = 0;

  window = GTK_WINDOW (gtk_window_new ());
  page = rh_interview_page_new (f->scheduler);
  gtk_window_set_child (window, page);
  gtk_window_present (window);

  g_assert_true (rh_interview_page_select_template (RH_INTERVIEW_PAGE (page), "custom"));
  rh_interview_page_set_topics (RH_INTERVIEW_PAGE (page), "Two");
  activate (page, "interview.start");

  question = rh_test_find_widget (page, RH_TYPE_MARKDOWN_VIEW, NULL);
  reveal = rh_test_find_widget (page, GTK_TYPE_BUTTON, "interview.reveal");
  overlay = gtk_widget_get_ancestor (question, ADW_TYPE_TOAST_OVERLAY);
  g_assert_nonnull (overlay);
  g_assert_false (gtk_widget_is_ancestor (reveal, overlay));

  _rh_interview_page_show_toast (RH_INTERVIEW_PAGE (page), "Cannot save");
  for (GtkWidget *child = gtk_widget_get_first_child (overlay); child; child = gtk_widget_get_next_sibling (child))
    n_children++;
  /* The question, and the toast. */
  g_assert_cmpuint (n_children, ==, 2);

  rh_test_destroy_window (window, page);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  gtk_source_init ();

  g_test_add ("/interview-page/two-questions", RhTestWidgetFixture, NULL,
              rh_test_widget_setup, test_two_questions, rh_test_widget_teardown);
  g_test_add ("/interview-page/quit-keeps-session", RhTestWidgetFixture, NULL,
              rh_test_widget_setup, test_quit_keeps_session, rh_test_widget_teardown);
  g_test_add ("/interview-page/toast-above-buttons", RhTestWidgetFixture, NULL,
              rh_test_widget_setup, test_toast_above_buttons, rh_test_widget_teardown);
  g_test_add ("/interview-page/all-skipped", RhTestWidgetFixture, NULL,
              rh_test_widget_setup, test_all_skipped, rh_test_widget_teardown);

  return g_test_run ();
}
