/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <gtksourceview/gtksource.h>

#include "rh-interview-session-view.h"
#include "rh-test-interview-widget.h"
#include "rh-test-utils.h"
#include "rh-test-widget-utils.h"


static char *
dup_text (GtkTextBuffer *buffer)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* The notes field and the interview's notes are one value, both ways. */
static void
test_notes (RhTestWidgetFixture *f,
            gconstpointer           data)
{
  g_autoptr(RhInterview) interview = rh_test_widget_start_interview (f);
  g_autoptr(GError) error = NULL;
  GtkWindow *window;
  GtkWidget *view;
  GtkTextBuffer *buffer;
  char *text;

  rh_interview_set_notes (interview, "restored");

  window = GTK_WINDOW (gtk_window_new ());
  view = rh_interview_session_view_new ();
  gtk_window_set_child (window, view);
  rh_interview_session_view_set_interview (RH_INTERVIEW_SESSION_VIEW (view), interview);
  gtk_window_present (window);
  g_assert_true (rh_interview_session_view_get_interview (RH_INTERVIEW_SESSION_VIEW (view)) == interview);

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (rh_test_find_widget (view, GTK_TYPE_TEXT_VIEW, NULL)));
  text = dup_text (buffer);
  g_assert_cmpstr (text, ==, "restored");
  g_free (text);

  gtk_text_buffer_set_text (buffer, "said 2MSL", -1);
  g_assert_cmpstr (rh_interview_get_notes (interview), ==, "said 2MSL");

  /* The next question starts with empty notes. */
  g_assert_true (rh_interview_skip (interview, &error));
  text = dup_text (buffer);
  g_assert_cmpstr (text, ==, "");
  g_free (text);

  /* Once let go, the interview no longer writes into the field. */
  rh_interview_session_view_set_interview (RH_INTERVIEW_SESSION_VIEW (view), NULL);
  rh_interview_set_notes (interview, "elsewhere");
  text = dup_text (buffer);
  g_assert_cmpstr (text, ==, "");
  g_free (text);

  rh_test_destroy_window (window, view);
  g_assert_finalize_object (g_steal_pointer (&interview));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  gtk_source_init ();

  g_test_add ("/interview-session-view/notes", RhTestWidgetFixture, NULL,
              rh_test_widget_setup, test_notes, rh_test_widget_teardown);

  return g_test_run ();
}
