/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rh-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "rh-preferences-window.h"
#include "rh-study-settings.h"

/* Edits the GSettings keys directly; RhApplication binds them to the
 * RhStudySettings the scheduler reads. */
struct _RhPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Template widgets */
  GtkAdjustment        *retention_adjustment;
  GtkAdjustment        *new_adjustment;
  GtkAdjustment        *reviews_adjustment;
  GtkAdjustment        *rollover_adjustment;
  GtkAdjustment        *leech_adjustment;
  AdwEntryRow          *learning_row;
  AdwEntryRow          *relearning_row;
  GtkLabel             *steps_error_label;
  AdwComboRow          *style_row;

  /* Owned */
  GSettings            *settings;
};

G_DEFINE_FINAL_TYPE (RhPreferencesWindow, rh_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static const char * const styles[] = { "follow", "light", "dark" };

static gboolean
style_get_mapping (GValue   *value,
                   GVariant *variant,
                   gpointer  user_data)
{
  const char *style = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
    if (g_str_equal (style, styles[i]))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }

  return FALSE;
}

static GVariant *
style_set_mapping (const GValue       *value,
                   const GVariantType *expected_type,
                   gpointer            user_data)
{
  guint selected = g_value_get_uint (value);

  if (selected >= G_N_ELEMENTS (styles))
    return NULL;

  return g_variant_new_string (styles[selected]);
}

static void
steps_apply_cb (RhPreferencesWindow *self,
                AdwEntryRow         *row)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) seconds = NULL;
  const char *key = row == self->learning_row ? "learning-steps" : "relearning-steps";
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  g_autofree char *message = NULL;

  /* No relearning steps is allowed: a forgotten card goes straight back
   * to review tomorrow. Learning needs at least one. */
  if ((row == self->relearning_row && *trimmed == '\0') ||
      rh_study_settings_parse_steps (text, &seconds, &error))
    {
      gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
      gtk_widget_set_visible (GTK_WIDGET (self->steps_error_label), FALSE);
      g_settings_set_string (self->settings, key, text);
      return;
    }

  /* Translators: %s says what is wrong with the steps typed, e.g.
   * "“1x” is not a duration such as 30s, 10m, 2h or 1d" */
  message = row == self->learning_row ? g_strdup_printf (_("Learning steps: %s"), error->message)
                                      : g_strdup_printf (_("Relearning steps: %s"), error->message);
  gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  gtk_label_set_label (self->steps_error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->steps_error_label), TRUE);

}

static void
rh_preferences_window_dispose (GObject *object)
{
  RhPreferencesWindow *self = (RhPreferencesWindow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), RH_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (rh_preferences_window_parent_class)->dispose (object);
}

static void
rh_preferences_window_class_init (RhPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rh_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/rh-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RhPreferencesWindow, retention_adjustment);
  gtk_widget_class_bind_template_child (widget_class, RhPreferencesWindow, new_adjustment);
  gtk_widget_class_bind_template_child (widget_class, RhPreferencesWindow, reviews_adjustment);
  gtk_widget_class_bind_template_child (widget_class, RhPreferencesWindow, rollover_adjustment);
  gtk_widget_class_bind_template_child (widget_class, RhPreferencesWindow, leech_adjustment);
  gtk_widget_class_bind_template_child (widget_class, RhPreferencesWindow, learning_row);
  gtk_widget_class_bind_template_child (widget_class, RhPreferencesWindow, relearning_row);
  gtk_widget_class_bind_template_child (widget_class, RhPreferencesWindow, steps_error_label);
  gtk_widget_class_bind_template_child (widget_class, RhPreferencesWindow, style_row);
  gtk_widget_class_bind_template_callback (widget_class, steps_apply_cb);
}

static void
rh_preferences_window_init (RhPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * rh_preferences_window_new:
 *
 * Returns: (transfer full): the preferences window for @settings
 */
GtkWidget *
rh_preferences_window_new (GtkWindow *parent,
                           GSettings *settings)
{
  RhPreferencesWindow *self;
  g_autofree char *learning = NULL;
  g_autofree char *relearning = NULL;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (RH_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "modal", TRUE,
                       NULL);
  self->settings = g_object_ref (settings);

  g_settings_bind (settings, "desired-retention", self->retention_adjustment, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "new-per-day", self->new_adjustment, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "reviews-per-day", self->reviews_adjustment, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "day-rollover-hour", self->rollover_adjustment, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "leech-threshold", self->leech_adjustment, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (settings, "style", self->style_row, "selected", G_SETTINGS_BIND_DEFAULT,
                                style_get_mapping, style_set_mapping, NULL, NULL);

  learning = g_settings_get_string (settings, "learning-steps");
  relearning = g_settings_get_string (settings, "relearning-steps");
  gtk_editable_set_text (GTK_EDITABLE (self->learning_row), learning);
  gtk_editable_set_text (GTK_EDITABLE (self->relearning_row), relearning);

  return GTK_WIDGET (self);
}
