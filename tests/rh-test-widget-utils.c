/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>

#include "rh-test-widget-utils.h"

/**
 * rh_test_find_widget:
 * @action_name: (nullable): with one, only a #GtkActionable triggering it
 *
 * Returns: (transfer none) (nullable): the first widget of @type below
 *   @root (or @root itself), depth first
 */
GtkWidget *
rh_test_find_widget (GtkWidget  *root,
                     GType       type,
                     const char *action_name)
{
  if (g_type_is_a (G_OBJECT_TYPE (root), type) &&
      (action_name == NULL ||
       (GTK_IS_ACTIONABLE (root) &&
        g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)), action_name) == 0)))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = rh_test_find_widget (child, type, action_name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

GtkWidget *
rh_test_find_label (GtkWidget  *root,
                    const char *text)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_mapped (root) &&
      g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = rh_test_find_label (child, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

GtkWidget *
rh_test_find_button (GtkWidget  *root,
                     const char *label)
{
  if (GTK_IS_BUTTON (root) && gtk_widget_get_mapped (root) &&
      g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = rh_test_find_button (child, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

void
rh_test_settle (void)
{
  gint64 until = g_get_monotonic_time () + 300 * 1000;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
}

void
rh_test_wait_mapped (GtkWidget *widget)
{
  /* Long enough for any machine; a window that never maps fails below. */
  gint64 until = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (!gtk_widget_get_mapped (widget) && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);

  g_assert_true (gtk_widget_get_mapped (widget));
  rh_test_settle ();
}

void
rh_test_wait_until (gboolean (*done) (gpointer),
                    gpointer   data)
{
  gint64 until = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (!done (data) && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);

  g_assert_true (done (data));
}

GtkWidget *
rh_test_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (window))
        return window;
    }

  return NULL;
}

void
rh_test_respond (const char *response,
                 const char *text)
{
  GtkWidget *dialog;

  rh_test_settle ();
  dialog = rh_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  if (text != NULL)
    gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (ADW_MESSAGE_DIALOG (dialog))), text);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), response);
  gtk_window_close (GTK_WINDOW (dialog));
  rh_test_settle ();
  g_assert_null (rh_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
}

static GtkWidget *
find_nth (GtkWidget *root,
          GType      type,
          guint     *n)
{
  if (g_type_is_a (G_OBJECT_TYPE (root), type) && (*n)-- == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_nth (child, type, n);

      if (found != NULL)
        return found;
    }

  return NULL;
}

GtkWidget *
rh_test_find_nth (GtkWidget *root,
                  GType      type,
                  guint      n)
{
  GtkWidget *found = find_nth (root, type, &n);

  g_assert_nonnull (found);
  return found;
}

guint
rh_test_count_rows_titled (GtkWidget  *widget,
                           const char *part)
{
  guint n = 0;

  if (ADW_IS_ACTION_ROW (widget) &&
      strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), part) != NULL)
    return 1;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    n += rh_test_count_rows_titled (child, part);

  return n;
}

guint
rh_test_count_rows (GtkListBox *list)
{
  guint n = 0;

  while (gtk_list_box_get_row_at_index (list, n) != NULL)
    n++;

  return n;
}

/* Destroys @window and checks that it and @widget (nullable), a widget
 * in it, are freed: a leak or a reference cycle fails the test. */
void
rh_test_destroy_window (GtkWindow *window,
                        GtkWidget *widget)
{
  g_object_ref (window);
  if (widget != NULL)
    g_object_ref (widget);

  gtk_window_destroy (window);

  g_assert_finalize_object (window);
  if (widget != NULL)
    g_assert_finalize_object (widget);
}
