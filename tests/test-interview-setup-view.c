/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>

#include "rh-interview.h"
#include "rh-interview-setup-view.h"
#include "rh-test-interview-widget.h"
#include "rh-test-utils.h"
#include "rh-test-widget-utils.h"


static void
finish_session (RhTestWidgetFixture *f)
{
  g_autoptr(RhInterview) interview = rh_test_widget_start_interview (f);
  g_autoptr(GError) error = NULL;

  g_assert_true (rh_interview_end (interview, &error));
  g_assert_no_error (error);
  g_assert_finalize_object (g_steal_pointer (&interview));
}

static GtkListBox *
find_history_list (GtkWidget *view)
{
  GtkWidget *row = rh_test_find_widget (view, GTK_TYPE_LIST_BOX_ROW, "interview.open-report");

  return row ? GTK_LIST_BOX (gtk_widget_get_parent (row)) : NULL;
}

static void
test_history (RhTestWidgetFixture *f,
              gconstpointer           data)
{
  g_autoptr(GListModel) history = NULL;
  g_autoptr(GListStore) store = NULL;
  g_autoptr(GError) error = NULL;
  GtkWindow *window;
  GtkWidget *view;
  GtkListBox *list;

  finish_session (f);
  finish_session (f);

  window = GTK_WINDOW (gtk_window_new ());
  view = rh_interview_setup_view_new ();
  rh_interview_setup_view_set_database (RH_INTERVIEW_SETUP_VIEW (view), f->db);
  gtk_window_set_child (window, view);
  gtk_window_present (window);
  g_assert_null (find_history_list (view));

  /* One row per finished session, from the bound model. */
  history = rh_interview_report_list_history (f->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (history), ==, 2);
  rh_interview_setup_view_set_history (RH_INTERVIEW_SETUP_VIEW (view), history);
  list = find_history_list (view);
  g_assert_nonnull (list);
  g_assert_cmpuint (rh_test_count_rows (list), ==, 2);
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_ancestor (GTK_WIDGET (list), ADW_TYPE_PREFERENCES_GROUP)));

  /* The rows follow the model as it changes; an empty history is hidden. */
  store = g_list_store_new (RH_TYPE_INTERVIEW_REPORT);
  rh_interview_setup_view_set_history (RH_INTERVIEW_SETUP_VIEW (view), G_LIST_MODEL (store));
  g_assert_cmpuint (rh_test_count_rows (list), ==, 0);
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_ancestor (GTK_WIDGET (list), ADW_TYPE_PREFERENCES_GROUP)));
  {
    g_autoptr(RhInterviewReport) report = g_list_model_get_item (history, 0);
    g_list_store_append (store, report);
  }
  g_assert_cmpuint (rh_test_count_rows (list), ==, 1);
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_ancestor (GTK_WIDGET (list), ADW_TYPE_PREFERENCES_GROUP)));

  rh_test_destroy_window (window, view);
  g_assert_finalize_object (g_steal_pointer (&store));
  g_assert_finalize_object (g_steal_pointer (&history));
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
test_template_fields (RhTestWidgetFixture *f,
                      gconstpointer           data)
{
  g_autoptr(RhInterviewTemplate) built = NULL;
  const char * const *topics;
  GtkWindow *window;
  GtkWidget *view;
  guint notified = 0;

  window = GTK_WINDOW (gtk_window_new ());
  view = rh_interview_setup_view_new ();
  g_assert_null (rh_interview_setup_view_build_template (RH_INTERVIEW_SETUP_VIEW (view)));
  g_signal_connect (view, "notify::template", G_CALLBACK (count_notify_cb), &notified);
  rh_interview_setup_view_set_database (RH_INTERVIEW_SETUP_VIEW (view), f->db);
  gtk_window_set_child (window, view);
  g_assert_cmpuint (notified, >, 0);

  /* A built-in runs as it is. */
  g_assert_true (rh_interview_setup_view_select_template (RH_INTERVIEW_SETUP_VIEW (view),
                                                          RH_INTERVIEW_TEMPLATE_FUNDAMENTALS));
  g_assert_cmpstr (rh_interview_template_get_id (rh_interview_setup_view_get_template (RH_INTERVIEW_SETUP_VIEW (view))),
                   ==, RH_INTERVIEW_TEMPLATE_FUNDAMENTALS);
  built = rh_interview_setup_view_build_template (RH_INTERVIEW_SETUP_VIEW (view));
  g_assert_true (rh_interview_template_get_builtin (built));
  g_clear_object (&built);

  /* A custom round takes its topics from the field. */
  notified = 0;
  g_assert_true (rh_interview_setup_view_select_template (RH_INTERVIEW_SETUP_VIEW (view), "custom"));
  g_assert_cmpuint (notified, ==, 1);
  rh_interview_setup_view_set_topics (RH_INTERVIEW_SETUP_VIEW (view), "Two::A, Two::B");
  built = rh_interview_setup_view_build_template (RH_INTERVIEW_SETUP_VIEW (view));
  g_assert_false (rh_interview_template_get_builtin (built));
  topics = rh_interview_template_get_topics (built);
  g_assert_cmpuint (g_strv_length ((char **)topics), ==, 2);
  g_assert_cmpstr (topics[0], ==, "Two::A");
  g_assert_cmpstr (topics[1], ==, "Two::B");

  g_assert_false (rh_interview_setup_view_select_template (RH_INTERVIEW_SETUP_VIEW (view), "no-such-round"));

  rh_test_destroy_window (window, view);
  g_assert_finalize_object (g_steal_pointer (&built));
}

/* The label on screen showing @text below @root, or NULL. */
/* Every round's name is shown whole, on a phone too. */
static void
test_round_names (RhTestWidgetFixture *f,
                  gconstpointer        data)
{
  static const char * const ids[] = { RH_INTERVIEW_TEMPLATE_FUNDAMENTALS, RH_INTERVIEW_TEMPLATE_PROJECT,
                                      RH_INTERVIEW_TEMPLATE_DEEP_DIVE, "custom" };
  GtkWindow *window;
  GtkWidget *view;

  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 360, 640);
  view = rh_interview_setup_view_new ();
  rh_interview_setup_view_set_database (RH_INTERVIEW_SETUP_VIEW (view), f->db);
  gtk_window_set_child (window, view);
  gtk_window_present (window);

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      GtkWidget *label;
      int natural;

      g_assert_true (rh_interview_setup_view_select_template (RH_INTERVIEW_SETUP_VIEW (view), ids[i]));
      rh_test_settle ();

      label = rh_test_find_label (view, rh_interview_template_get_name (rh_interview_setup_view_get_template (RH_INTERVIEW_SETUP_VIEW (view))));
      g_assert_nonnull (label);
      g_assert_cmpint (gtk_label_get_ellipsize (GTK_LABEL (label)), ==, PANGO_ELLIPSIZE_NONE);
      gtk_widget_measure (label, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
      g_assert_cmpint (gtk_widget_get_width (label), >=, natural);
    }

  rh_test_destroy_window (window, view);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/interview-setup-view/round-names", RhTestWidgetFixture, NULL,
              rh_test_widget_setup, test_round_names, rh_test_widget_teardown);
  g_test_add ("/interview-setup-view/history", RhTestWidgetFixture, NULL,
              rh_test_widget_setup, test_history, rh_test_widget_teardown);
  g_test_add ("/interview-setup-view/template-fields", RhTestWidgetFixture, NULL,
              rh_test_widget_setup, test_template_fields, rh_test_widget_teardown);

  return g_test_run ();
}
