/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <gtksourceview/gtksource.h>

#include "rh-interview-report.h"
#include "rh-interview-template-store.h"
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

/* A round's name is what its owner typed, so it is never markup. */
static void
test_resume_row_plain_text (RhTestWidgetFixture *f,
                            gconstpointer           data)
{
  g_autoptr(RhInterviewTemplate) template = rh_interview_template_new_custom ();
  const char * const topics[] = { "Two", NULL };
  g_autoptr(RhInterview) interview = NULL;
  g_autoptr(GError) error = NULL;
  GtkWindow *window;
  GtkWidget *page;

  rh_interview_template_set_name (template, "R&D <b>drill");
  rh_interview_template_set_topics (template, topics);
  interview = rh_interview_new (f->scheduler, template, &error);
  g_assert_no_error (error);
  g_assert_true (rh_interview_start (interview, &error));
  g_clear_object (&interview);

  window = GTK_WINDOW (gtk_window_new ());
  page = rh_interview_page_new (f->scheduler);
  gtk_window_set_child (window, page);
  gtk_window_present (window);
  rh_test_settle ();

  g_assert_nonnull (rh_test_find_label (page, "R&D <b>drill was interrupted"));

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

/* Every column of every row an interview keeps, to compare bit for bit. */
static char *
dump_interviews (RhDatabase *db)
{
  g_autoptr(GString) dump = g_string_new (NULL);
  static const char * const tables[] = { "interview_sessions", "interview_answers", "interview_templates", "review_log" };

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM %s ORDER BY rowid;", tables[i]);
      g_autofree char *rows = rh_test_dump_rows (db, sql);

      g_string_append (dump, rows);
    }

  return g_string_free (g_steal_pointer (&dump), FALSE);
}

static void
click (GtkWidget *button)
{
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_mapped (button));
  g_signal_emit_by_name (button, "clicked");
  rh_test_settle ();
}

/* A past interview and a saved template are deleted from the setup page
 * with a button each, and the toast's Undo puts back exactly what went. */
static void
test_delete_and_undo (RhTestWidgetFixture *f,
                      gconstpointer        data)
{
  g_autoptr(RhInterviewTemplate) custom = rh_interview_template_new_custom ();
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *id = NULL;
  GtkWindow *window;
  GtkWidget *page;
  GtkWidget *delete;

  rh_interview_template_set_name (custom, "Two sprint");
  g_assert_true (rh_interview_template_store_save (f->db, custom, &error));
  g_assert_no_error (error);
  id = g_strdup (rh_interview_template_get_id (custom));

  window = GTK_WINDOW (gtk_window_new ());
  page = rh_interview_page_new (f->scheduler);
  gtk_window_set_child (window, page);
  gtk_window_present (window);

  rh_interview_page_select_template (RH_INTERVIEW_PAGE (page), "custom");
  rh_interview_page_set_topics (RH_INTERVIEW_PAGE (page), "Two");
  activate (page, "interview.start");
  rate (page, RH_RATING_GOOD);
  rate (page, RH_RATING_AGAIN);
  activate (page, "interview.new");
  rh_test_settle ();
  before = dump_interviews (f->db);

  /* The history row's own button deletes the session and its answers;
   * the reviews its ratings gave stay in the cards' history. */
  delete = rh_test_find_widget (page, GTK_TYPE_BUTTON, "interview.delete-session");
  click (delete);
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT count(*) FROM interview_sessions;"), ==, 0);
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT count(*) FROM interview_answers;"), ==, 0);
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT count(*) FROM review_log WHERE source = 'interview';"), ==, 2);
  g_assert_null (rh_test_find_widget (page, GTK_TYPE_BUTTON, "interview.delete-session"));
  g_assert_nonnull (rh_test_find_label (page, "Interview deleted"));

  click (rh_test_find_button (page, "Undo"));
  after = dump_interviews (f->db);
  g_assert_cmpstr (after, ==, before);
  g_assert_nonnull (rh_test_find_widget (page, GTK_TYPE_BUTTON, "interview.delete-session"));
  /* Undo was spent with its toast. */
  g_assert_false (gtk_widget_activate_action (page, "interview.undo-delete", NULL) &&
                  rh_test_query_int (f->db, "SELECT count(*) FROM interview_sessions;") != 1);
  g_clear_pointer (&after, g_free);

  /* A saved template has a delete button; a built-in one has none. */
  g_assert_true (rh_interview_page_select_template (RH_INTERVIEW_PAGE (page), RH_INTERVIEW_TEMPLATE_FUNDAMENTALS));
  rh_test_settle ();
  g_assert_false (gtk_widget_get_visible (rh_test_find_widget (page, GTK_TYPE_BUTTON, "interview.delete-template")));
  rh_interview_setup_view_reload_templates (RH_INTERVIEW_PAGE (page)->setup_view, id);
  rh_test_settle ();
  g_assert_true (gtk_widget_get_visible (rh_test_find_widget (page, GTK_TYPE_BUTTON, "interview.delete-template")));

  click (rh_test_find_widget (page, GTK_TYPE_BUTTON, "interview.delete-template"));
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT count(*) FROM interview_templates;"), ==, 0);
  g_assert_false (rh_interview_page_select_template (RH_INTERVIEW_PAGE (page), id));
  g_assert_nonnull (rh_test_find_label (page, "Template “Two sprint” deleted"));

  click (rh_test_find_button (page, "Undo"));
  after = dump_interviews (f->db);
  g_assert_cmpstr (after, ==, before);
  /* The template is back and chosen again. */
  g_assert_cmpstr (rh_interview_template_get_id (rh_interview_setup_view_get_template (RH_INTERVIEW_PAGE (page)->setup_view)), ==, id);

  rh_test_destroy_window (window, page);
}

/* A long answer that wraps into many lines at any width. */
static char *
long_deck (void)
{
  g_autoptr(GString) back = g_string_new (NULL);

  for (guint i = 0; i < 8; i++)
    g_string_append (back, "**同步手段**：把 `pthread_mutex_t` 放在共享内存中，并设置属性"
                           " PTHREAD_PROCESS_SHARED；进程崩溃会导致锁永远无法释放，可以使用"
                           " robust mutex，下一个加锁者会得到 EOWNERDEAD。\\n\\n");

  return g_strdup_printf ("{\"rehearse_deck\": 1, \"cards\": ["
                          " {\"id\": \"long\", \"topic\": \"Long\", \"front\": \"多个进程通过共享内存通信时，怎么做同步？\","
                          "  \"back\": \"%s\", \"seconds\": 60}]}", back->str);
}

/* Every visible child of @box lies below the one before it, inside @box. */
static void
assert_stacked (GtkWidget *box)
{
  double bottom = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (box); child; child = gtk_widget_get_next_sibling (child))
    {
      graphene_rect_t bounds;

      if (!gtk_widget_get_visible (child))
        continue;

      g_assert_true (gtk_widget_compute_bounds (child, box, &bounds));
      g_assert_cmpfloat (bounds.origin.y, >=, bottom);
      bottom = bounds.origin.y + bounds.size.height;
    }
  g_assert_cmpfloat (bottom, <=, gtk_widget_get_height (box));
}

/* Question, answer and notes come one after another, and all of them can
 * be scrolled to, at the default size and on a phone: notes typed in a
 * first question were drawn over the answer once shown. */
static void
test_layout (RhTestWidgetFixture *f,
             gconstpointer        data)
{
  static const int sizes[][2] = { { 1000, 700 }, { 360, 640 } };
  g_autofree char *deck = long_deck ();

  rh_test_import (f->db, deck, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autoptr(GError) error = NULL;
      GtkWindow *window;
      GtkWidget *page, *notes, *front, *back = NULL, *scroller;
      RhInterview *interview;
      GtkAdjustment *vadjustment;
      graphene_rect_t bounds;

      window = GTK_WINDOW (gtk_window_new ());
      gtk_window_set_default_size (window, sizes[i][0], sizes[i][1]);
      page = rh_interview_page_new (f->scheduler);
      gtk_window_set_child (window, page);
      gtk_window_present (window);
      rh_test_settle ();

      g_assert_true (rh_interview_page_select_template (RH_INTERVIEW_PAGE (page), "custom"));
      rh_interview_page_set_topics (RH_INTERVIEW_PAGE (page), "Long");
      activate (page, "interview.start");
      interview = rh_interview_page_get_interview (RH_INTERVIEW_PAGE (page));
      g_assert_nonnull (interview);
      rh_test_settle ();

      notes = rh_test_find_widget (page, GTK_TYPE_TEXT_VIEW, NULL);
      gtk_widget_grab_focus (notes);
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (notes)), "said mutex\nmissed robust", -1);
      rh_test_settle ();
      activate (page, "interview.reveal");
      rh_test_settle ();

      /* The question's markdown view, then the answer's. */
      front = rh_test_find_widget (page, RH_TYPE_MARKDOWN_VIEW, NULL);
      scroller = gtk_widget_get_ancestor (front, GTK_TYPE_SCROLLED_WINDOW);
      for (GtkWidget *child = gtk_widget_get_next_sibling (front); child && !back; child = gtk_widget_get_next_sibling (child))
        back = rh_test_find_widget (child, RH_TYPE_MARKDOWN_VIEW, NULL);
      g_assert_nonnull (back);
      g_assert_cmpstr (rh_markdown_view_get_markdown (RH_MARKDOWN_VIEW (back)), !=, NULL);
      g_assert_true (g_str_has_prefix (rh_markdown_view_get_markdown (RH_MARKDOWN_VIEW (back)), "**同步手段**"));
      g_assert_true (gtk_widget_get_mapped (back));
      /* Each box from the answer up to what scrolls. */
      for (GtkWidget *box = back; box != gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scroller));
           box = gtk_widget_get_parent (box))
        assert_stacked (box);

      /* The notes, the last thing, can be scrolled to. */
      vadjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
      g_assert_true (gtk_widget_compute_bounds (notes, gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scroller)), &bounds));
      g_assert_cmpfloat (gtk_adjustment_get_upper (vadjustment), >=, bounds.origin.y + bounds.size.height);

      g_assert_true (rh_interview_end (interview, &error));
      g_assert_no_error (error);
      rh_test_destroy_window (window, page);
    }
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
  g_test_add ("/interview-page/layout", RhTestWidgetFixture, NULL,
              rh_test_widget_setup, test_layout, rh_test_widget_teardown);
  g_test_add ("/interview-page/toast-above-buttons", RhTestWidgetFixture, NULL,
              rh_test_widget_setup, test_toast_above_buttons, rh_test_widget_teardown);
  g_test_add ("/interview-page/resume-row-plain-text", RhTestWidgetFixture, NULL,
              rh_test_widget_setup, test_resume_row_plain_text, rh_test_widget_teardown);
  g_test_add ("/interview-page/delete-and-undo", RhTestWidgetFixture, NULL,
              rh_test_widget_setup, test_delete_and_undo, rh_test_widget_teardown);
  g_test_add ("/interview-page/all-skipped", RhTestWidgetFixture, NULL,
              rh_test_widget_setup, test_all_skipped, rh_test_widget_teardown);

  return g_test_run ();
}
