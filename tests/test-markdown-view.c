/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>

#include "rh-markdown-view.h"
#include "rh-test-widget-utils.h"

static GtkWidget *
show (GtkWindow  **window,
      const char  *markdown)
{
  GtkWidget *view = rh_markdown_view_new ();

  *window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (*window, 600, 400);
  gtk_window_set_child (*window, view);
  rh_markdown_view_set_markdown (RH_MARKDOWN_VIEW (view), markdown);
  gtk_window_present (*window);

  while (gtk_widget_get_width (view) == 0 || g_main_context_pending (NULL))
    g_main_context_iteration (NULL, TRUE);

  return view;
}

/* A list item's text wraps beside its marker, never under it. */
static void
test_hanging_indent (void)
{
  GtkWindow *window;
  GtkWidget *view = show (&window, "- a long item that has to wrap, a long item that has to wrap, a long item that has to wrap, "
                                   "a long item that has to wrap, a long item that has to wrap\n  1. nested");
  GtkWidget *item = gtk_widget_get_first_child (view);
  GtkWidget *marker = gtk_widget_get_first_child (item);
  GtkWidget *text = gtk_widget_get_next_sibling (marker);
  GtkWidget *nested = gtk_widget_get_next_sibling (item);
  graphene_point_t origin = GRAPHENE_POINT_INIT (0, 0), point;

  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (marker)), ==, "•");
  g_assert_true (gtk_widget_compute_point (text, view, &origin, &point));
  g_assert_cmpfloat (point.x, >=, gtk_widget_get_width (marker));
  /* It does wrap: more than one line beside a one-line marker */
  g_assert_cmpint (gtk_widget_get_height (text), >, 2 * gtk_widget_get_height (marker) - 1);

  /* The nested item's marker sits in the outer item's text column */
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_widget_get_first_child (nested))), ==, "1.");
  g_assert_true (gtk_widget_compute_point (nested, view, &origin, &point));
  g_assert_cmpint (gtk_widget_get_margin_start (nested), >, 0);

  rh_test_destroy_window (window, view);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/markdown-view/hanging-indent", test_hanging_indent);

  return g_test_run ();
}
