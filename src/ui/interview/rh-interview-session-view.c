/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rh-interview-session-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "rh-interview-format.h"
#include "rh-interview-session-view.h"
#include "rh-markdown-view.h"
#include "rh-toasts.h"

/* The interview under way: the question, its countdown and the whole
 * round's, the reference answer once revealed, notes, and the buttons,
 * which are the page's actions. The model keeps time; this view only
 * ticks it and shows it. */
struct _RhInterviewSessionView
{
  GtkWidget          parent_instance;

  /* Template widgets */
  GtkLabel          *position_label;
  GtkLabel          *topic_label;
  GtkLabel          *countdown_label;
  GtkLabel          *total_label;
  AdwToastOverlay   *toast_overlay;
  GtkStack          *question_stack;
  GtkScrolledWindow *question_scroller;
  RhMarkdownView    *front_view;
  GtkWidget         *answer_box;
  GtkWidget         *answer_separator;
  RhMarkdownView    *back_view;
  GtkTextView       *notes_view;
  GtkButton         *pause_button;
  GtkStack          *bar_stack;
  GtkWidget         *rate_box;

  /* Owned */
  RhInterview       *interview;
  GSignalGroup      *interview_signals;
  GBindingGroup     *interview_bindings;
  RhCard            *shown_card;
  guint              tick_id;

  guint              was_overtime : 1;
};

G_DEFINE_FINAL_TYPE (RhInterviewSessionView, rh_interview_session_view, GTK_TYPE_WIDGET)

enum { PROP_0, PROP_INTERVIEW, N_PROPS };
static GParamSpec *properties[N_PROPS];

#define TICK_MS 250

static const char * const rating_labels[] = {
  NULL, N_("Again"), N_("Hard"), N_("Good"), N_("Easy"),
};

static void
time_up (RhInterviewSessionView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GApplication *app = g_application_get_default ();

  gtk_widget_error_bell (GTK_WIDGET (self));

  /* When the window is in the background, the bell alone is easy to miss. */
  if (app != NULL && GTK_IS_WINDOW (root) && !gtk_window_is_active (GTK_WINDOW (root)))
    {
      g_autoptr(GNotification) notification = g_notification_new (_("Time is up"));
      RhCard *card = rh_interview_get_current_card (self->interview);
      g_autofree char *title = card ? rh_card_dup_title (card) : NULL;

      if (title != NULL)
        g_notification_set_body (notification, title);
      g_notification_set_default_action (notification, "app.activate");
      g_application_send_notification (app, "interview-time-up", notification);
    }
}

static void
set_css_class (GtkWidget  *widget,
               const char *css_class,
               gboolean    set)
{
  if (set)
    gtk_widget_add_css_class (widget, css_class);
  else
    gtk_widget_remove_css_class (widget, css_class);
}

static void
update_clock (RhInterviewSessionView *self)
{
  g_autofree char *countdown = NULL;
  g_autofree char *total = NULL;
  g_autofree char *total_budget = NULL;
  g_autofree char *total_text = NULL;
  gboolean overtime = rh_interview_get_overtime (self->interview);
  gboolean total_overtime = rh_interview_get_total_overtime (self->interview);

  countdown = rh_interview_format_clock (rh_interview_get_question_remaining (self->interview));
  if (overtime)
    {
      /* Over time the clock counts up, marked with a plus. */
      g_autofree char *up = g_strconcat ("+", countdown, NULL);
      gtk_label_set_label (self->countdown_label, up);
    }
  else
    gtk_label_set_label (self->countdown_label, countdown);

  set_css_class (GTK_WIDGET (self->countdown_label), "error", overtime);
  set_css_class (GTK_WIDGET (self->countdown_label), "warning", rh_interview_get_warning (self->interview));

  total = rh_interview_format_clock (rh_interview_get_total_remaining (self->interview));
  total_budget = rh_interview_format_clock (rh_interview_get_total_budget (self->interview));
  if (total_overtime)
    /* Translators: the whole interview has run over, e.g. "5:12 over 45:00" */
    total_text = g_strdup_printf (_("%s over %s"), total, total_budget);
  else
    /* Translators: time left for the whole interview, e.g. "32:10 left of 45:00" */
    total_text = g_strdup_printf (_("%s left of %s"), total, total_budget);
  set_css_class (GTK_WIDGET (self->total_label), "error", total_overtime);
  gtk_label_set_label (self->total_label, total_text);

  if (overtime && !self->was_overtime)
    time_up (self);
  self->was_overtime = overtime;
}

static void
update_card (RhInterviewSessionView *self)
{
  RhCard *card = rh_interview_get_current_card (self->interview);
  g_autofree char *topic = NULL;

  if (card == self->shown_card)
    return;

  g_set_object (&self->shown_card, card);
  topic = rh_interview_format_topic (card ? rh_card_get_topic (card) : NULL);
  gtk_label_set_label (self->topic_label, topic);
  rh_markdown_view_set_markdown (self->front_view, card ? rh_card_get_front (card) : NULL);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->question_scroller), 0);

  /* A question restored over time already rang. */
  self->was_overtime = rh_interview_get_overtime (self->interview);
}

static void
update (RhInterviewSessionView *self)
{
  RhInterviewState state;
  gboolean revealed;
  g_autofree char *position = NULL;

  if (self->interview == NULL)
    return;

  /* A finished interview is the page's to take away. */
  state = rh_interview_get_state (self->interview);
  if (state == RH_INTERVIEW_STATE_FINISHED)
    return;

  revealed = state == RH_INTERVIEW_STATE_REVEALED;
  update_card (self);

  if (rh_interview_get_follow_up_depth (self->interview) > 0)
    /* Translators: e.g. "Question 3 of 9 · follow-up 2" */
    position = g_strdup_printf (_("Question %u of %u · follow-up %u"),
                                rh_interview_get_question_index (self->interview) + 1,
                                rh_interview_get_n_questions (self->interview),
                                rh_interview_get_follow_up_depth (self->interview));
  else
    position = g_strdup_printf (_("Question %u of %u"),
                                rh_interview_get_question_index (self->interview) + 1,
                                rh_interview_get_n_questions (self->interview));
  gtk_label_set_label (self->position_label, position);

  /* The answer is built when shown, in a box that stays visible. */
  rh_markdown_view_set_markdown (self->back_view,
                                 revealed && self->shown_card ? rh_card_get_back (self->shown_card) : NULL);
  gtk_widget_set_visible (self->answer_separator, revealed);
  gtk_widget_set_margin_top (self->answer_box, revealed ? 18 : 0);
  gtk_stack_set_visible_child_name (self->bar_stack, revealed ? "rate" : "reveal");
  gtk_stack_set_visible_child_name (self->question_stack, state == RH_INTERVIEW_STATE_PAUSED ? "paused" : "question");
  gtk_button_set_icon_name (self->pause_button,
                            state == RH_INTERVIEW_STATE_PAUSED ? "media-playback-start-symbolic"
                                                               : "media-playback-pause-symbolic");

  update_clock (self);
}

/* The notes are bound as they are; nothing else can hold them. */
static gboolean
notes_to_text (GBinding     *binding,
               const GValue *from_value,
               GValue       *to_value,
               gpointer      user_data)
{
  const char *notes = g_value_get_string (from_value);

  g_value_set_string (to_value, notes ? notes : "");
  return TRUE;
}

static void
interview_notify_cb (RhInterviewSessionView *self,
                     GParamSpec             *pspec,
                     RhInterview            *interview)
{
  /* Notes typed here come back as a notification: nothing to redraw. */
  if (g_strcmp0 (pspec->name, "notes") == 0)
    return;

  update (self);
}

static gboolean
tick_cb (gpointer data)
{
  RhInterviewSessionView *self = data;

  if (self->interview != NULL)
    rh_interview_tick (self->interview);

  return G_SOURCE_CONTINUE;
}

static void
rh_interview_session_view_dispose (GObject *object)
{
  RhInterviewSessionView *self = (RhInterviewSessionView *)object;
  GtkWidget *child;

  rh_interview_session_view_set_interview (self, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), RH_TYPE_INTERVIEW_SESSION_VIEW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);

  g_clear_object (&self->interview_bindings);
  g_clear_object (&self->interview_signals);

  G_OBJECT_CLASS (rh_interview_session_view_parent_class)->dispose (object);
}

static void
rh_interview_session_view_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  RhInterviewSessionView *self = RH_INTERVIEW_SESSION_VIEW (object);

  switch (prop_id)
    {
    case PROP_INTERVIEW:
      g_value_set_object (value, self->interview);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rh_interview_session_view_set_property (GObject      *object,
                                        guint         prop_id,
                                        const GValue *value,
                                        GParamSpec   *pspec)
{
  RhInterviewSessionView *self = RH_INTERVIEW_SESSION_VIEW (object);

  switch (prop_id)
    {
    case PROP_INTERVIEW:
      rh_interview_session_view_set_interview (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rh_interview_session_view_class_init (RhInterviewSessionViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rh_interview_session_view_dispose;
  object_class->get_property = rh_interview_session_view_get_property;
  object_class->set_property = rh_interview_session_view_set_property;

  properties[PROP_INTERVIEW] =
    g_param_spec_object ("interview", NULL, NULL, RH_TYPE_INTERVIEW,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (RH_TYPE_MARKDOWN_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/rh-interview-session-view.ui");
  gtk_widget_class_bind_template_child (widget_class, RhInterviewSessionView, position_label);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewSessionView, topic_label);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewSessionView, countdown_label);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewSessionView, total_label);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewSessionView, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewSessionView, question_stack);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewSessionView, question_scroller);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewSessionView, front_view);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewSessionView, answer_box);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewSessionView, answer_separator);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewSessionView, back_view);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewSessionView, notes_view);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewSessionView, pause_button);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewSessionView, bar_stack);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewSessionView, rate_box);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
rh_interview_session_view_init (RhInterviewSessionView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  for (int i = RH_RATING_AGAIN; i <= RH_RATING_EASY; i++)
    {
      GtkWidget *button = gtk_button_new_with_label (_(rating_labels[i]));
      g_autofree char *tooltip = g_strdup_printf (_("Key %d"), i);

      gtk_widget_set_tooltip_text (button, tooltip);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "interview.rate");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "i", i);
      if (i == RH_RATING_AGAIN)
        gtk_widget_add_css_class (button, "destructive-action");
      else if (i == RH_RATING_GOOD)
        gtk_widget_add_css_class (button, "suggested-action");
      gtk_box_append (GTK_BOX (self->rate_box), button);
    }

  self->interview_signals = g_signal_group_new (RH_TYPE_INTERVIEW);
  g_signal_group_connect_object (self->interview_signals, "notify",
                                 G_CALLBACK (interview_notify_cb), self, G_CONNECT_SWAPPED);

  self->interview_bindings = g_binding_group_new ();
  g_binding_group_bind_full (self->interview_bindings, "notes",
                             gtk_text_view_get_buffer (self->notes_view), "text",
                             G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL,
                             notes_to_text, NULL, NULL, NULL);
}

/**
 * rh_interview_session_view_new:
 *
 * Returns: (transfer floating): a page for a running interview
 */
GtkWidget *
rh_interview_session_view_new (void)
{
  return g_object_new (RH_TYPE_INTERVIEW_SESSION_VIEW, NULL);
}

/**
 * rh_interview_session_view_get_interview:
 *
 * Returns: (transfer none) (nullable): the interview shown
 */
RhInterview *
rh_interview_session_view_get_interview (RhInterviewSessionView *self)
{
  g_return_val_if_fail (RH_IS_INTERVIEW_SESSION_VIEW (self), NULL);
  return self->interview;
}

/* Shows @interview (nullable) and ticks its clock while it is shown here. */
void
rh_interview_session_view_set_interview (RhInterviewSessionView *self,
                                         RhInterview            *interview)
{
  g_return_if_fail (RH_IS_INTERVIEW_SESSION_VIEW (self));
  g_return_if_fail (!interview || RH_IS_INTERVIEW (interview));

  if (!g_set_object (&self->interview, interview))
    return;

  g_clear_object (&self->shown_card);
  g_clear_handle_id (&self->tick_id, g_source_remove);
  self->was_overtime = FALSE;

  g_signal_group_set_target (self->interview_signals, interview);
  g_binding_group_set_source (self->interview_bindings, interview);

  if (interview != NULL)
    {
      self->tick_id = g_timeout_add (TICK_MS, tick_cb, self);
      update (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INTERVIEW]);
}

/* Shows @toast (transfer full) over the question, clear of the buttons. */
void
rh_interview_session_view_add_toast (RhInterviewSessionView *self,
                                     AdwToast               *toast)
{
  g_return_if_fail (RH_IS_INTERVIEW_SESSION_VIEW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  rh_toasts_add (self->toast_overlay, toast);
}
