/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>

#include "rh-preferences-window.h"
#include "rh-test-utils.h"

static GtkWidget *
find_entry_row (GtkWidget  *widget,
                const char *title_start)
{
  if (ADW_IS_ENTRY_ROW (widget) &&
      g_str_has_prefix (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title_start))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_entry_row (child, title_start);

      if (found)
        return found;
    }

  return NULL;
}

static GtkWidget *
find_error_label (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "error"))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_error_label (child);

      if (found)
        return found;
    }

  return NULL;
}

/* Invalid steps are refused with the whole message below the rows, not
 * in a toast that cuts it off; valid ones are stored and clear it. */
static void
test_steps_error (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *stored = NULL;
  GtkWidget *window, *row, *label;

  window = g_object_ref_sink (rh_preferences_window_new (NULL, settings));
  gtk_window_present (GTK_WINDOW (window));

  row = find_entry_row (window, "Learning Steps");
  label = find_error_label (window);
  g_assert_nonnull (row);
  g_assert_nonnull (label);
  g_assert_false (gtk_widget_get_visible (label));

  gtk_editable_set_text (GTK_EDITABLE (row), "1m 10x");
  g_signal_emit_by_name (row, "apply");
  g_assert_true (gtk_widget_get_visible (label));
  g_assert_true (g_str_has_prefix (gtk_label_get_label (GTK_LABEL (label)), "Learning steps: "));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (label)), "10x"));
  g_assert_true (gtk_label_get_wrap (GTK_LABEL (label)));
  g_assert_cmpint (gtk_label_get_ellipsize (GTK_LABEL (label)), ==, PANGO_ELLIPSIZE_NONE);
  stored = g_settings_get_string (settings, "learning-steps");
  g_assert_cmpstr (stored, ==, "1m 10m");
  g_clear_pointer (&stored, g_free);

  gtk_editable_set_text (GTK_EDITABLE (row), "2m 20m");
  g_signal_emit_by_name (row, "apply");
  g_assert_false (gtk_widget_get_visible (label));
  stored = g_settings_get_string (settings, "learning-steps");
  g_assert_cmpstr (stored, ==, "2m 20m");

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

static GtkWidget *
find_action_row (GtkWidget  *widget,
                 const char *title)
{
  if (ADW_IS_ACTION_ROW (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_action_row (child, title);

      if (found)
        return found;
    }

  return NULL;
}

/* The leech threshold is a spin button on its row, bound to its key both
 * ways. */
static void
test_leech_threshold (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  GtkWidget *window, *row, *spin;

  window = g_object_ref_sink (rh_preferences_window_new (NULL, settings));
  gtk_window_present (GTK_WINDOW (window));

  row = find_action_row (window, "_Leech Threshold");
  g_assert_nonnull (row);
  g_assert_true (adw_preferences_row_get_use_underline (ADW_PREFERENCES_ROW (row)));
  spin = adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row));
  g_assert_true (GTK_IS_SPIN_BUTTON (spin));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (spin)), ==, 8);

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 5);
  g_assert_cmpuint (g_settings_get_uint (settings, "leech-threshold"), ==, 5);
  g_settings_set_uint (settings, "leech-threshold", 0);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (spin)), ==, 0);
  g_settings_reset (settings, "leech-threshold");

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/preferences-window/steps-error", test_steps_error);
  g_test_add_func ("/preferences-window/leech-threshold", test_leech_threshold);

  return g_test_run ();
}
