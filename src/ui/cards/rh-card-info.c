/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rh-card-info"

#include "config.h"

#include <glib/gi18n.h>

#include "rh-card-info.h"
#include "rh-clock.h"
#include "rh-deck-store.h"
#include "rh-fsrs.h"
#include "rh-interview-store-card.h"
#include "rh-scheduler.h"

struct _RhCardInfo
{
  AdwWindow             parent_instance;

  /* Template widgets */
  GtkLabel             *question_label;
  AdwPreferencesGroup  *memory_group;
  AdwPreferencesGroup  *history_group;
  AdwPreferencesGroup  *interviews_group;

  /* Owned */
  RhDatabase           *database;

  gint64                card_id;
};

G_DEFINE_FINAL_TYPE (RhCardInfo, rh_card_info, ADW_TYPE_WINDOW)

#define NO_VALUE "—"

static const char *
rating_label (int rating)
{
  switch (rating)
    {
    case RH_RATING_AGAIN:
      return _("Again");
    case RH_RATING_HARD:
      return _("Hard");
    case RH_RATING_GOOD:
      return _("Good");
    case RH_RATING_EASY:
      return _("Easy");
    default:
      return NO_VALUE;
    }
}

static char *
format_time (gint64 seconds)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_local (seconds);

  return time ? g_date_time_format (time, "%x %H:%M") : g_strdup (NO_VALUE);
}

static char *
format_seconds (gint64 ms)
{
  guint seconds = (guint)MIN ((ms + 500) / 1000, G_MAXUINT);

  /* Translators: how long an answer took */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u second", "%u seconds", seconds), seconds);
}

static void
add_row (AdwPreferencesGroup *group,
         const char          *title,
         const char          *value)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label = gtk_label_new (value);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  /* Read as one: “Stability, 12 days”. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, value, -1);
  adw_preferences_group_add (group, row);
}

static void
add_entry_row (AdwPreferencesGroup *group,
               const char          *title,
               const char          *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_preferences_group_add (group, row);
}

static void
fill_memory (RhCardInfo *self,
             RhCard     *card)
{
  const RhCardReview *review = rh_card_get_review (card);
  gint64 now = rh_clock_get_now_seconds (rh_database_get_clock (self->database));
  double retrievability = rh_card_review_get_retrievability (review, now);
  g_autofree char *due = review->last_review ? format_time (review->due) : g_strdup (NO_VALUE);
  g_autofree char *stability = review->stability > 0
                               ? rh_scheduler_format_interval ((gint64)(review->stability * 86400))
                               : g_strdup (NO_VALUE);
  g_autofree char *difficulty = review->difficulty > 0 ? g_strdup_printf ("%.1f", review->difficulty)
                                                       : g_strdup (NO_VALUE);
  /* Translators: a card's retrievability, the chance it is remembered now */
  g_autofree char *recall = retrievability >= 0 ? g_strdup_printf (_("%.0f%%"), retrievability * 100)
                                                : g_strdup (NO_VALUE);
  g_autofree char *reps = g_strdup_printf ("%u", review->reps);
  g_autofree char *lapses = g_strdup_printf ("%u", review->lapses);

  add_row (self->memory_group, _("State"), rh_card_status_get_label (review->status));
  add_row (self->memory_group, _("Topic"), rh_card_get_topic (card));
  add_row (self->memory_group, _("Due"), due);
  add_row (self->memory_group, _("Stability"), stability);
  add_row (self->memory_group, _("Difficulty"), difficulty);
  add_row (self->memory_group, _("Retrievability"), recall);
  add_row (self->memory_group, _("Reviews"), reps);
  add_row (self->memory_group, _("Lapses"), lapses);
}

static void
fill_history (RhCardInfo *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) reviews = rh_deck_store_list_card_reviews (self->database, self->card_id, &error);
  g_autoptr(GArray) answers = NULL;

  if (reviews == NULL)
    g_warning ("Cannot read the review history: %s", error->message);
  else if (reviews->len == 0)
    adw_preferences_group_set_description (self->history_group, _("Not studied yet"));

  for (guint i = 0; reviews != NULL && i < reviews->len; i++)
    {
      const RhCardReviewEntry *entry = &g_array_index (reviews, RhCardReviewEntry, i);
      g_autofree char *when = format_time (entry->reviewed_at);
      g_autofree char *interval = rh_scheduler_format_interval (entry->interval);
      g_autofree char *took = format_seconds (entry->duration_ms);
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;

      /* Translators: %1$s is a date and time, %2$s a grade (Good) */
      title = g_strdup_printf (_("%1$s · %2$s"), when, rating_label (entry->rating));
      /* Translators: %1$s is the next interval (3 days), %2$s the time the
       * answer took, %3$s where it was given (Study or Interview) */
      subtitle = g_strdup_printf (_("Next in %1$s · took %2$s · %3$s"), interval, took,
                                  entry->interview ? _("Interview") : _("Study"));
      add_entry_row (self->history_group, title, subtitle);
    }

  g_clear_error (&error);
  if (!(answers = rh_interview_store_list_card_answers (self->database, self->card_id, &error)))
    g_warning ("Cannot read the interviews: %s", error->message);
  else if (answers->len == 0)
    adw_preferences_group_set_description (self->interviews_group, _("Not asked in an interview yet"));

  for (guint i = 0; answers != NULL && i < answers->len; i++)
    {
      const RhInterviewCardAnswer *answer = &g_array_index (answers, RhInterviewCardAnswer, i);
      g_autofree char *when = format_time (answer->started_at);
      g_autofree char *took = format_seconds (answer->spent_ms);
      g_autofree char *subtitle = NULL;

      if (answer->skipped)
        subtitle = g_strdup (_("Skipped"));
      else if (answer->overtime)
        /* Translators: %1$s is a grade (Good), %2$s the time the answer took */
        subtitle = g_strdup_printf (_("%1$s · took %2$s, over its time"), rating_label (answer->rating), took);
      else
        /* Translators: %1$s is a grade (Good), %2$s the time the answer took */
        subtitle = g_strdup_printf (_("%1$s · took %2$s"), rating_label (answer->rating), took);
      add_entry_row (self->interviews_group, when, subtitle);
    }
}

static void
activate_on_parent (RhCardInfo *self,
                    const char *action)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  if (parent != NULL)
    gtk_widget_activate_action (GTK_WIDGET (parent), action, "x", self->card_id);
  gtk_window_close (GTK_WINDOW (self));
}

static void
edit_clicked_cb (RhCardInfo *self,
                 GtkButton  *button)
{
  activate_on_parent (self, "win.edit-card");
}

static void
study_clicked_cb (RhCardInfo *self,
                  GtkButton  *button)
{
  activate_on_parent (self, "win.study-card");
}

static void
rh_card_info_dispose (GObject *object)
{
  RhCardInfo *self = (RhCardInfo *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), RH_TYPE_CARD_INFO);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (rh_card_info_parent_class)->dispose (object);
}

static void
rh_card_info_class_init (RhCardInfoClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rh_card_info_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/rh-card-info.ui");
  gtk_widget_class_bind_template_child (widget_class, RhCardInfo, question_label);
  gtk_widget_class_bind_template_child (widget_class, RhCardInfo, memory_group);
  gtk_widget_class_bind_template_child (widget_class, RhCardInfo, history_group);
  gtk_widget_class_bind_template_child (widget_class, RhCardInfo, interviews_group);
  gtk_widget_class_bind_template_callback (widget_class, edit_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, study_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rh_card_info_init (RhCardInfo *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * rh_card_info_new:
 *
 * Returns: (transfer floating): the window, not yet shown
 */
GtkWidget *
rh_card_info_new (RhDatabase *database,
                  gint64      card_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RhCard) card = NULL;
  g_autofree char *title = NULL;
  RhCardInfo *self;

  g_return_val_if_fail (RH_IS_DATABASE (database), NULL);

  self = g_object_new (RH_TYPE_CARD_INFO, NULL);
  self->database = g_object_ref (database);
  self->card_id = card_id;

  if (!(card = rh_deck_store_dup_card_with_review (database, card_id, &error)))
    {
      gtk_label_set_label (self->question_label, error->message);
      return GTK_WIDGET (self);
    }

  title = rh_card_dup_title (card);
  gtk_label_set_label (self->question_label, title);
  fill_memory (self, card);
  fill_history (self);

  return GTK_WIDGET (self);
}

gint64
rh_card_info_get_card_id (RhCardInfo *self)
{
  g_return_val_if_fail (RH_IS_CARD_INFO (self), 0);

  return self->card_id;
}
