/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rh-study-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "rh-card-editor.h"
#include "rh-deck-store.h"
#include "rh-study-page.h"
#include "rh-markdown-view.h"
#include "rh-toasts.h"
#include "rh-button-names.h"

/* The study card: the question, the answer on demand, and the four grades,
 * each showing the interval it would give. Everything is an action of the
 * "card" group, so keys, buttons and tests drive it the same way. */
struct _RhStudyPage
{
  GtkWidget       parent_instance;

  /* Template widgets */
  GtkStack       *stack;
  GtkScrolledWindow *scroller;
  GtkLabel       *topic_label;
  GtkLabel       *progress_label;
  GtkLabel       *timer_label;
  RhMarkdownView *front_view;
  GtkWidget      *answer_box;
  RhMarkdownView *back_view;
  GtkWidget      *follow_up_box;
  GtkListBox     *follow_up_list;
  GtkStack       *bar_stack;
  GtkWidget      *reveal_button;
  GtkWidget      *grade_box;
  AdwStatusPage  *caught_up_page;
  RhCardEditor   *editor;
  AdwToastOverlay *toast_overlay;
  GtkWidget      *suspend_button;
  GtkWidget      *suspended_box;
  GtkWidget      *unsuspend_button;

  /* Owned */
  RhStudyQueue   *queue;
  RhCard         *card;          /* the card on screen */
  RhCard         *edited_card;   /* the card in the editor, kept if the queue moves on */
  GArray         *waiting_us;    /* gint64: time spent on each card waiting for its grade */
  GSignalGroup   *card_signals;
  GtkLabel       *interval_labels[4];
  GtkWidget      *grade_buttons[4];
  guint           timer_id;

  gint64          shown_at_us;
  guint           revealed : 1;
  guint           editing : 1;
  /* A deck is being written into the file: nothing here can be saved
   * before it is in, so grading and the other writes wait, visibly. */
  guint           importing : 1;
};

G_DEFINE_FINAL_TYPE (RhStudyPage, rh_study_page, GTK_TYPE_WIDGET)

enum { PROP_0, PROP_QUEUE, PROP_REVEALED, PROP_IMPORTING, N_PROPS };
static GParamSpec *properties[N_PROPS];

static const struct
{
  const char *label;
  const char *style;
} grades[4] = {
  { N_("Again"), "destructive-action" },
  { N_("Hard"), NULL },
  { N_("Good"), "suggested-action" },
  { N_("Easy"), NULL },
};

static void update (RhStudyPage *self);

static gint64
now_us (RhStudyPage *self)
{
  return rh_clock_get_now (rh_database_get_clock (rh_scheduler_get_database (rh_study_queue_get_scheduler (self->queue))));
}

static void
update_actions (RhStudyPage *self)
{
  gboolean has_card = self->card != NULL && !self->editing;
  gboolean writable = !self->importing;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "card.reveal", has_card && !self->revealed);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "card.primary", has_card && (!self->revealed || writable));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "card.grade", has_card && self->revealed && writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "card.edit", has_card && writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "card.suspend",
                                 has_card && writable && !rh_card_get_suspended (self->card));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "card.save-edit", self->editing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "card.cancel-edit", self->editing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "card.undo",
                                 !self->editing && writable && self->queue && rh_study_queue_get_can_undo (self->queue));
}

static void
update_timer (RhStudyPage *self)
{
  g_autofree char *text = NULL;
  gint64 seconds;

  if (self->card == NULL)
    return;

  seconds = MAX (0, (now_us (self) - self->shown_at_us) / G_USEC_PER_SEC);
  text = g_strdup_printf ("%" G_GINT64_FORMAT ":%02d", seconds / 60, (int)(seconds % 60));
  gtk_label_set_label (self->timer_label, text);

  /* Past the time an interviewer would give the question. */
  if (rh_card_get_seconds (self->card) > 0 && seconds > rh_card_get_seconds (self->card))
    gtk_widget_add_css_class (GTK_WIDGET (self->timer_label), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->timer_label), "warning");
}

static gboolean
timer_tick_cb (gpointer data)
{
  update_timer (RH_STUDY_PAGE (data));

  return G_SOURCE_CONTINUE;
}

static char *
dup_topic_text (RhCard *card)
{
  g_auto(GStrv) parts = rh_topic_path_split (rh_card_get_topic (card));

  return g_strjoinv (" › ", parts);
}

static void
update_progress (RhStudyPage *self)
{
  g_autofree char *progress = NULL;

  /* Translators: cards left today, e.g. "2 learning · 15 review · 20 new" */
  progress = g_strdup_printf (_("%u learning · %u review · %u new"),
                              rh_study_queue_get_n_learning (self->queue),
                              rh_study_queue_get_n_review (self->queue),
                              rh_study_queue_get_n_new (self->queue));
  gtk_label_set_label (self->progress_label, progress);
}

static void
update_intervals (RhStudyPage *self)
{
  g_autoptr(GError) error = NULL;
  gint64 intervals[4];

  if (self->card == NULL || !self->revealed)
    return;

  if (!rh_scheduler_preview (rh_study_queue_get_scheduler (self->queue),
                             rh_card_get_row_id (self->card), intervals, &error))
    {
      g_warning ("Cannot preview intervals: %s", error->message);
      return;
    }

  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *text = rh_scheduler_format_interval (intervals[i]);
      /* Translators: what a grade button does, for screen readers: the
       * card comes back in %s ("10 min", "3 d"); %d is its key, 1-4 */
      g_autofree char *description = g_strdup_printf (_("Next review in %s, key %d"), text, i + 1);

      gtk_label_set_label (self->interval_labels[i], text);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->grade_buttons[i]),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                      -1);
    }
}

static void
update_follow_ups (RhStudyPage *self)
{
  RhDatabase *database = rh_scheduler_get_database (rh_study_queue_get_scheduler (self->queue));
  const char * const *follow_ups = self->card ? rh_card_get_follow_ups (self->card) : NULL;
  GtkWidget *row;
  gboolean any = FALSE;

  while ((row = gtk_widget_get_first_child (GTK_WIDGET (self->follow_up_list))))
    gtk_list_box_remove (self->follow_up_list, row);

  for (guint i = 0; follow_ups && follow_ups[i]; i++)
    {
      g_autoptr(RhCard) next = rh_deck_store_dup_card_by_uid (database, follow_ups[i], NULL);
      g_autofree char *title = NULL;

      if (next == NULL)
        continue;

      title = rh_card_dup_title (next);
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "card.open-follow-up");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", follow_ups[i]);
      gtk_list_box_append (self->follow_up_list, row);
      any = TRUE;
    }

  gtk_widget_set_visible (self->follow_up_box, any);
}

static void
update_caught_up (RhStudyPage *self)
{
  RhDatabase *database = rh_scheduler_get_database (rh_study_queue_get_scheduler (self->queue));
  g_autoptr(RhTopic) topic = rh_deck_store_dup_topic (database, rh_study_queue_get_topic_path (self->queue), NULL);
  g_autofree char *description = NULL;
  gint64 next_due = rh_study_queue_get_next_due (self->queue);
  gint64 now = now_us (self) / G_USEC_PER_SEC;
  guint waiting = topic ? rh_topic_get_new_count (topic) : 0;

  if (next_due > 0)
    {
      g_autofree char *wait = rh_scheduler_format_interval (MAX (next_due - now, 1));

      /* Translators: %s is a short interval such as "3 h" or "2 d" */
      description = g_strdup_printf (_("You have studied everything due in this topic. The next card is due in %s."),
                                     wait);
    }
  else
    description = g_strdup (_("You have studied everything due in this topic for today."));

  /* New cards held back only by the daily limit are worth a word. */
  if (waiting > 0)
    {
      g_autofree char *limit = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "%u new card waits for another day; the daily limit is in Preferences.",
                                                             "%u new cards wait for another day; the daily limit is in Preferences.",
                                                             waiting),
                                                waiting);
      g_autofree char *both = g_strconcat (description, "\n", limit, NULL);

      g_free (description);
      description = g_steal_pointer (&both);
    }

  adw_status_page_set_description (self->caught_up_page, description);
}

static void
show_card (RhStudyPage *self)
{
  g_autofree char *topic = dup_topic_text (self->card);

  gtk_label_set_label (self->topic_label, topic);
  rh_markdown_view_set_markdown (self->front_view, rh_card_get_front (self->card));
  rh_markdown_view_set_markdown (self->back_view, rh_card_get_back (self->card));
  gtk_widget_set_visible (self->answer_box, self->revealed);
  /* Opened from the Cards page, a suspended card says so and offers the way back. */
  gtk_widget_set_visible (self->suspended_box, rh_card_get_suspended (self->card));
  gtk_widget_set_visible (self->suspend_button, !rh_card_get_suspended (self->card));
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->unsuspend_button),
                                          g_variant_new_int64 (rh_card_get_row_id (self->card)));
  gtk_stack_set_visible_child_name (self->bar_stack,
                                    !self->revealed ? "reveal" : self->importing ? "importing" : "grade");
  update_follow_ups (self);
  update_intervals (self);
  update_timer (self);
}

static void
update (RhStudyPage *self)
{
  if (self->queue == NULL)
    return;

  update_progress (self);

  if (self->editing)
    gtk_stack_set_visible_child_name (self->stack, "edit");
  else if (self->card != NULL)
    {
      show_card (self);
      gtk_stack_set_visible_child_name (self->stack, "card");
    }
  else if (rh_study_queue_get_n_cards (self->queue) == 0)
    gtk_stack_set_visible_child_name (self->stack, "empty");
  else
    {
      update_caught_up (self);
      gtk_stack_set_visible_child_name (self->stack, "caught-up");
    }

  if (self->card != NULL && !self->editing && self->timer_id == 0)
    self->timer_id = g_timeout_add_seconds (1, timer_tick_cb, self);
  else if ((self->card == NULL || self->editing) && self->timer_id != 0)
    g_clear_handle_id (&self->timer_id, g_source_remove);

  update_actions (self);
}

static void
card_notify_cb (RhStudyPage *self,
                GParamSpec *pspec,
                RhCard     *card)
{
  update (self);
}

static void
set_card (RhStudyPage *self,
          RhCard     *card)
{
  if (!g_set_object (&self->card, card))
    return;

  g_signal_group_set_target (self->card_signals, card);

  /* A new card starts hidden, its clock from now, scrolled to the top; one
   * back from a follow-up has its answer seen, and its clock goes on. */
  self->revealed = FALSE;
  self->shown_at_us = now_us (self);
  if (card != NULL && rh_study_queue_get_current_returned (self->queue))
    {
      guint n_waiting = rh_study_queue_get_n_waiting (self->queue);

      self->revealed = TRUE;
      if (self->waiting_us->len > n_waiting)
        self->shown_at_us -= g_array_index (self->waiting_us, gint64, n_waiting);
    }
  if (self->waiting_us->len > rh_study_queue_get_n_waiting (self->queue))
    g_array_set_size (self->waiting_us, rh_study_queue_get_n_waiting (self->queue));
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVEALED]);
}

static void
queue_notify_cb (RhStudyPage   *self,
                 GParamSpec   *pspec,
                 RhStudyQueue *queue)
{
  set_card (self, rh_study_queue_get_current_card (queue));
  update (self);
}

static void
show_toast (RhStudyPage *self,
            AdwToast   *toast)
{
  rh_toasts_add (self->toast_overlay, toast);
}

static void
show_error (RhStudyPage   *self,
            const GError *error)
{
  AdwToast *toast = adw_toast_new (error->message);

  adw_toast_set_timeout (toast, 0);
  show_toast (self, toast);
}

static void
reveal (RhStudyPage *self)
{
  if (self->card == NULL || self->revealed)
    return;

  self->revealed = TRUE;
  update (self);
  gtk_widget_grab_focus (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVEALED]);
}

static void
grade (RhStudyPage *self,
       RhRating    rating)
{
  g_autoptr(GError) error = NULL;
  gint64 duration_ms;

  if (self->card == NULL || !self->revealed)
    return;

  duration_ms = MAX (0, (now_us (self) - self->shown_at_us) / 1000);
  if (!rh_study_queue_answer (self->queue, rating, duration_ms, &error))
    {
      show_error (self, error);
      return;
    }

  gtk_widget_grab_focus (GTK_WIDGET (self));
}

static void
reveal_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  reveal (RH_STUDY_PAGE (widget));
}

/* Space and Enter: show the answer, then "Good", as in Anki. */
static void
primary_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  RhStudyPage *self = RH_STUDY_PAGE (widget);

  if (self->revealed)
    grade (self, RH_RATING_GOOD);
  else
    reveal (self);
}

static void
grade_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  int rating = g_variant_get_int32 (parameter);

  g_return_if_fail (rh_fsrs_rating_is_valid (rating));

  grade (RH_STUDY_PAGE (widget), (RhRating)rating);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  RhStudyPage *self = RH_STUDY_PAGE (widget);
  g_autoptr(GError) error = NULL;
  AdwToast *toast;

  if ((toast = rh_study_page_undo (self, &error)))
    show_toast (self, toast);
  else
    show_error (self, error);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  RhStudyPage *self = RH_STUDY_PAGE (widget);

  if (self->card == NULL)
    return;

  g_set_object (&self->edited_card, self->card);
  rh_card_editor_load (self->editor, self->card);
  self->editing = TRUE;
  update (self);
  rh_card_editor_focus (self->editor);
}

static void
stop_editing (RhStudyPage *self)
{
  g_clear_object (&self->edited_card);
  self->editing = FALSE;
  update (self);
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

static void
save_edit_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  RhStudyPage *self = RH_STUDY_PAGE (widget);
  RhDatabase *database = rh_scheduler_get_database (rh_study_queue_get_scheduler (self->queue));
  g_autoptr(GError) error = NULL;
  g_autoptr(RhCard) edited = NULL;

  if (self->edited_card == NULL)
    return;

  /* Edit a copy so that a failed save leaves the shown card as stored. */
  edited = rh_card_new (rh_card_get_uid (self->edited_card));
  rh_card_update_from (edited, self->edited_card);

  if (!rh_card_editor_apply (self->editor, edited, &error) ||
      !rh_deck_store_update_card (database, edited, &error))
    {
      rh_card_editor_show_error (self->editor, error);
      return;
    }

  rh_card_update_from (self->edited_card, edited);
  stop_editing (self);
  show_toast (self, adw_toast_new (_("Card saved")));
}

static void
discard_response_cb (RhStudyPage      *self,
                     const char       *response,
                     AdwMessageDialog *dialog)
{
  if (g_strcmp0 (response, "discard") == 0 && self->editing)
    stop_editing (self);
  else if (self->editing)
    rh_card_editor_focus (self->editor);
}

/* Escape and Cancel: typed edits are not thrown away without asking. */
static void
cancel_edit_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  RhStudyPage *self = RH_STUDY_PAGE (widget);
  AdwMessageDialog *dialog;

  if (!rh_card_editor_get_modified (self->editor))
    {
      stop_editing (self);
      return;
    }

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                                       _("Discard Changes?"),
                                                       _("The changes to this card have not been saved.")));
  adw_message_dialog_add_responses (dialog,
                                    "keep", _("Keep Editing"),
                                    "discard", _("Discard"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "keep");
  adw_message_dialog_set_close_response (dialog, "keep");
  rh_button_names_drop_mnemonics (GTK_WIDGET (dialog));
  g_signal_connect_object (dialog, "response", G_CALLBACK (discard_response_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
suspend_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  RhStudyPage *self = RH_STUDY_PAGE (widget);
  RhDatabase *database = rh_scheduler_get_database (rh_study_queue_get_scheduler (self->queue));
  g_autoptr(GError) error = NULL;
  AdwToast *toast;
  gint64 row_id;

  if (self->card == NULL)
    return;

  row_id = rh_card_get_row_id (self->card);
  if (rh_card_get_suspended (self->card))
    return;

  if (!rh_deck_store_set_card_suspended (database, row_id, TRUE, &error))
    {
      show_error (self, error);
      return;
    }
  /* Shown as suspended until the queue moves on, or for good when the
   * card was opened from the Cards page. */
  if (self->card != NULL && rh_card_get_row_id (self->card) == row_id)
    rh_card_set_suspended (self->card, TRUE);

  toast = adw_toast_new (_("Card suspended"));
  adw_toast_set_button_label (toast, _("Undo"));
  adw_toast_set_action_name (toast, "card.unsuspend");
  adw_toast_set_action_target_value (toast, g_variant_new_int64 (row_id));
  show_toast (self, toast);
}

static void
unsuspend_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  RhStudyPage *self = RH_STUDY_PAGE (widget);
  RhDatabase *database = rh_scheduler_get_database (rh_study_queue_get_scheduler (self->queue));
  g_autoptr(GError) error = NULL;
  gint64 row_id = g_variant_get_int64 (parameter);

  if (!rh_deck_store_set_card_suspended (database, row_id, FALSE, &error))
    {
      show_error (self, error);
      return;
    }

  if (self->card != NULL && rh_card_get_row_id (self->card) == row_id)
    rh_card_set_suspended (self->card, FALSE);
  show_toast (self, adw_toast_new (_("Card unsuspended")));
}

static void
open_follow_up_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  RhStudyPage *self = RH_STUDY_PAGE (widget);
  RhDatabase *database = rh_scheduler_get_database (rh_study_queue_get_scheduler (self->queue));
  g_autoptr(GError) error = NULL;
  g_autoptr(RhCard) card = rh_deck_store_dup_card_by_uid (database, g_variant_get_string (parameter, NULL), &error);

  if (card == NULL)
    {
      show_error (self, error);
      return;
    }

  /* The card on screen waits for its grade until the follow-up is answered. */
  if (self->card != NULL)
    {
      gint64 elapsed = now_us (self) - self->shown_at_us;

      g_array_set_size (self->waiting_us, rh_study_queue_get_n_waiting (self->queue));
      g_array_append_val (self->waiting_us, elapsed);
      rh_study_queue_open_follow_up (self->queue, card);
    }
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

/* As Anki says it: the card leaves the queue until it is unsuspended. */
static void
leech_cb (RhStudyPage  *self,
          RhCard       *card,
          RhStudyQueue *queue)
{
  g_autofree char *title = rh_card_dup_title (card);
  /* Translators: %s is a card's question; “leech” is the tag, keep it as is */
  g_autofree char *text = g_strdup_printf (_("“%s” is a leech: suspended and tagged “leech”"), title);
  AdwToast *toast = adw_toast_new (text);

  adw_toast_set_timeout (toast, 10);
  show_toast (self, toast);
}

static void
rh_study_page_set_queue (RhStudyPage   *self,
                        RhStudyQueue *queue)
{
  g_assert (self->queue == NULL);

  self->queue = g_object_ref (queue);
  rh_card_editor_set_database (self->editor, rh_scheduler_get_database (rh_study_queue_get_scheduler (queue)));
  g_signal_connect_object (queue, "notify", G_CALLBACK (queue_notify_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (queue, "leech", G_CALLBACK (leech_cb), self, G_CONNECT_SWAPPED);
  queue_notify_cb (self, NULL, queue);
}

static void
rh_study_page_dispose (GObject *object)
{
  RhStudyPage *self = (RhStudyPage *)object;
  GtkWidget *child;

  g_clear_handle_id (&self->timer_id, g_source_remove);

  g_clear_object (&self->card_signals);
  g_clear_object (&self->card);
  g_clear_object (&self->edited_card);
  g_clear_pointer (&self->waiting_us, g_array_unref);

  gtk_widget_dispose_template (GTK_WIDGET (self), RH_TYPE_STUDY_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);

  g_clear_object (&self->queue);

  G_OBJECT_CLASS (rh_study_page_parent_class)->dispose (object);
}

static void
rh_study_page_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  RhStudyPage *self = RH_STUDY_PAGE (object);

  switch (prop_id)
    {
    case PROP_QUEUE:
      g_value_set_object (value, self->queue);
      break;

    case PROP_REVEALED:
      g_value_set_boolean (value, self->revealed);
      break;

    case PROP_IMPORTING:
      g_value_set_boolean (value, self->importing);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rh_study_page_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  RhStudyPage *self = RH_STUDY_PAGE (object);

  switch (prop_id)
    {
    case PROP_QUEUE:
      rh_study_page_set_queue (self, g_value_get_object (value));
      break;

    case PROP_IMPORTING:
      rh_study_page_set_importing (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rh_study_page_class_init (RhStudyPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rh_study_page_dispose;
  object_class->get_property = rh_study_page_get_property;
  object_class->set_property = rh_study_page_set_property;

  properties[PROP_QUEUE] =
    g_param_spec_object ("queue", NULL, NULL, RH_TYPE_STUDY_QUEUE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_REVEALED] =
    g_param_spec_boolean ("revealed", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_IMPORTING] =
    g_param_spec_boolean ("importing", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (RH_TYPE_MARKDOWN_VIEW);
  g_type_ensure (RH_TYPE_CARD_EDITOR);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/rh-study-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RhStudyPage, stack);
  gtk_widget_class_bind_template_child (widget_class, RhStudyPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, RhStudyPage, topic_label);
  gtk_widget_class_bind_template_child (widget_class, RhStudyPage, progress_label);
  gtk_widget_class_bind_template_child (widget_class, RhStudyPage, timer_label);
  gtk_widget_class_bind_template_child (widget_class, RhStudyPage, front_view);
  gtk_widget_class_bind_template_child (widget_class, RhStudyPage, answer_box);
  gtk_widget_class_bind_template_child (widget_class, RhStudyPage, back_view);
  gtk_widget_class_bind_template_child (widget_class, RhStudyPage, follow_up_box);
  gtk_widget_class_bind_template_child (widget_class, RhStudyPage, follow_up_list);
  gtk_widget_class_bind_template_child (widget_class, RhStudyPage, bar_stack);
  gtk_widget_class_bind_template_child (widget_class, RhStudyPage, reveal_button);
  gtk_widget_class_bind_template_child (widget_class, RhStudyPage, grade_box);
  gtk_widget_class_bind_template_child (widget_class, RhStudyPage, caught_up_page);
  gtk_widget_class_bind_template_child (widget_class, RhStudyPage, editor);
  gtk_widget_class_bind_template_child (widget_class, RhStudyPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RhStudyPage, suspend_button);
  gtk_widget_class_bind_template_child (widget_class, RhStudyPage, suspended_box);
  gtk_widget_class_bind_template_child (widget_class, RhStudyPage, unsuspend_button);

  gtk_widget_class_install_action (widget_class, "card.reveal", NULL, reveal_action);
  gtk_widget_class_install_action (widget_class, "card.primary", NULL, primary_action);
  gtk_widget_class_install_action (widget_class, "card.grade", "i", grade_action);
  gtk_widget_class_install_action (widget_class, "card.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "card.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "card.save-edit", NULL, save_edit_action);
  gtk_widget_class_install_action (widget_class, "card.cancel-edit", NULL, cancel_edit_action);
  gtk_widget_class_install_action (widget_class, "card.suspend", NULL, suspend_action);
  gtk_widget_class_install_action (widget_class, "card.unsuspend", "x", unsuspend_action);
  gtk_widget_class_install_action (widget_class, "card.open-follow-up", "s", open_follow_up_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, 0, "card.primary", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, 0, "card.primary", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, 0, "card.primary", NULL);
  for (int i = 0; i < 4; i++)
    {
      gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, 0, "card.grade", "i", i + 1);
      gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_1 + i, 0, "card.grade", "i", i + 1);
    }
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "card.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, 0, "card.edit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_at, GDK_SHIFT_MASK, "card.suspend", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_at, 0, "card.suspend", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "card.cancel-edit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "card.save-edit", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
rh_study_page_init (RhStudyPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->waiting_us = g_array_new (FALSE, FALSE, sizeof (gint64));

  /* Follows the card on screen: an edit elsewhere redraws it. */
  self->card_signals = g_signal_group_new (RH_TYPE_CARD);
  g_signal_group_connect_object (self->card_signals, "notify", G_CALLBACK (card_notify_cb),
                                 self, G_CONNECT_SWAPPED);

  for (int i = 0; i < 4; i++)
    {
      GtkWidget *button = gtk_button_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
      GtkWidget *name = gtk_label_new (_(grades[i].label));
      GtkWidget *interval = gtk_label_new (NULL);
      g_autofree char *tooltip = g_strdup_printf (_("Key %d"), i + 1);

      gtk_widget_add_css_class (interval, "interval");
      gtk_box_append (GTK_BOX (box), name);
      gtk_box_append (GTK_BOX (box), interval);
      gtk_button_set_child (GTK_BUTTON (button), box);
      gtk_widget_add_css_class (button, "grade-button");
      if (grades[i].style)
        gtk_widget_add_css_class (button, grades[i].style);
      gtk_widget_set_tooltip_text (button, tooltip);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "card.grade");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "i", i + 1);
      gtk_box_append (GTK_BOX (self->grade_box), button);

      self->interval_labels[i] = GTK_LABEL (interval);
      self->grade_buttons[i] = button;
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _(grades[i].label),
                                      -1);
    }

  update_actions (self);
}

/**
 * rh_study_page_new:
 *
 * Returns: (transfer floating): a card view studying @queue
 */
GtkWidget *
rh_study_page_new (RhStudyQueue *queue)
{
  g_return_val_if_fail (RH_IS_STUDY_QUEUE (queue), NULL);

  return g_object_new (RH_TYPE_STUDY_PAGE, "queue", queue, NULL);
}

/**
 * rh_study_page_get_queue:
 *
 * Returns: (transfer none): the queue
 */
RhStudyQueue *
rh_study_page_get_queue (RhStudyPage *self)
{
  g_return_val_if_fail (RH_IS_STUDY_PAGE (self), NULL);
  return self->queue;
}

gboolean
rh_study_page_get_revealed (RhStudyPage *self)
{
  g_return_val_if_fail (RH_IS_STUDY_PAGE (self), FALSE);
  return self->revealed;
}

/* "card", "caught-up", "empty" or "edit". */
const char *
rh_study_page_get_screen (RhStudyPage *self)
{
  g_return_val_if_fail (RH_IS_STUDY_PAGE (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

/**
 * rh_study_page_undo:
 *
 * Undoes the topic's last answer, from wherever the user is in the window.
 *
 * Returns: (transfer full) (nullable): a toast saying what was undone, or
 *   %NULL with @error set
 */
AdwToast *
rh_study_page_undo (RhStudyPage  *self,
                    GError      **error)
{
  g_autofree char *title = NULL;
  g_autofree char *text = NULL;
  RhRating rating = RH_RATING_GOOD;
  RhCard *card;

  g_return_val_if_fail (RH_IS_STUDY_PAGE (self), NULL);

  if (!rh_study_queue_undo (self->queue, &rating, error))
    return NULL;

  card = rh_study_queue_get_current_card (self->queue);
  title = card ? rh_card_dup_title (card) : g_strdup ("");
  /* Translators: the first %s is a grade ("Good"), the second a card's question */
  text = g_strdup_printf (_("Undid “%s” on “%s”"), _(grades[rating - 1].label), title);

  return adw_toast_new (text);
}

/**
 * rh_study_page_set_importing:
 *
 * While a deck is being imported, the file cannot take an answer: grading,
 * undo, editing and suspending wait, the revealed answer says why, and the
 * card stays as it is until they can be done.
 */
void
rh_study_page_set_importing (RhStudyPage *self,
                             gboolean     importing)
{
  g_return_if_fail (RH_IS_STUDY_PAGE (self));

  importing = !!importing;
  if (self->importing == importing)
    return;

  self->importing = importing;
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IMPORTING]);
}

gboolean
rh_study_page_get_importing (RhStudyPage *self)
{
  g_return_val_if_fail (RH_IS_STUDY_PAGE (self), FALSE);

  return self->importing;
}
