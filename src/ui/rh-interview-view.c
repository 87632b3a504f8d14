/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rh-interview-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "rh-interview-report.h"
#include "rh-interview-template.h"
#include "rh-interview-view.h"
#include "rh-markdown-view.h"
#include "rh-topic.h"

/* The Interview page: choose a round, answer against the clock, read the
 * report. The model keeps time; this view only ticks it and shows it. */
struct _RhInterviewView
{
  GtkWidget          parent_instance;

  /* Template widgets */
  GtkStack          *stack;
  AdwPreferencesGroup *resume_group;
  AdwActionRow      *resume_row;
  AdwComboRow       *template_row;
  AdwEntryRow       *topics_row;
  GtkAdjustment     *questions_adjustment;
  GtkAdjustment     *seconds_adjustment;
  GtkAdjustment     *minutes_adjustment;
  GtkAdjustment     *depth_adjustment;
  GtkWidget         *questions_spin;
  GtkWidget         *seconds_spin;
  GtkWidget         *minutes_spin;
  GtkWidget         *depth_spin;
  GtkSwitch         *schedule_switch;
  GtkWidget         *save_template_button;
  GtkWidget         *history_group;
  GtkListBox        *history_list;
  GtkLabel          *position_label;
  GtkLabel          *topic_label;
  GtkLabel          *countdown_label;
  GtkLabel          *total_label;
  GtkStack          *question_stack;
  GtkScrolledWindow *question_scroller;
  RhMarkdownView    *front_view;
  GtkWidget         *answer_box;
  RhMarkdownView    *back_view;
  GtkTextView       *notes_view;
  GtkButton         *pause_button;
  GtkStack          *bar_stack;
  GtkWidget         *rate_box;
  GtkLabel          *report_title;
  GtkLabel          *report_summary;
  GtkWidget         *weak_group;
  GtkLabel          *weak_label;
  GtkListBox        *answers_list;

  /* Owned */
  RhScheduler       *scheduler;
  RhInterview       *interview;
  RhInterviewReport *report;
  GListStore        *templates;
  RhCard            *shown_card;
  guint              tick_id;

  gint64             unfinished_id;
  guint              was_overtime : 1;
  guint              syncing_notes : 1;
};

G_DEFINE_FINAL_TYPE (RhInterviewView, rh_interview_view, GTK_TYPE_WIDGET)

enum { PROP_0, PROP_SCHEDULER, PROP_INTERVIEW, N_PROPS };
static GParamSpec *properties[N_PROPS];

#define TICK_MS 250

static const char * const rating_labels[] = {
  NULL, N_("_Again"), N_("_Hard"), N_("_Good"), N_("_Easy"),
};

static void update_running (RhInterviewView *self);
static void set_interview (RhInterviewView *self,
                           RhInterview     *interview);

static RhDatabase *
get_database (RhInterviewView *self)
{
  return rh_scheduler_get_database (self->scheduler);
}

/* "4:05", or "1:02:03" past an hour. */
static char *
format_clock (gint64 seconds)
{
  seconds = ABS (seconds);

  if (seconds >= 3600)
    return g_strdup_printf ("%d:%02d:%02d", (int)(seconds / 3600), (int)(seconds / 60 % 60), (int)(seconds % 60));

  return g_strdup_printf ("%d:%02d", (int)(seconds / 60), (int)(seconds % 60));
}

static const char *
rating_name (RhRating rating)
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
      return _("Skipped");
    }
}

static void
show_toast (RhInterviewView *self,
            const char      *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  AdwToast *toast = adw_toast_new (message);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

static RhInterviewTemplate *
get_selected_template (RhInterviewView *self)
{
  return adw_combo_row_get_selected_item (self->template_row);
}

static void
update_actions (RhInterviewView *self)
{
  RhInterviewState state = self->interview ? rh_interview_get_state (self->interview)
                                           : RH_INTERVIEW_STATE_FINISHED;
  gboolean running = state == RH_INTERVIEW_STATE_ASKING || state == RH_INTERVIEW_STATE_REVEALED;
  gboolean in_session = running || state == RH_INTERVIEW_STATE_PAUSED;
  RhInterviewTemplate *template = get_selected_template (self);
  gboolean has_weak = self->report && rh_interview_report_count_weak (self->report) > 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "interview.start", !in_session && template != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "interview.save-template",
                                 !in_session && template && !rh_interview_template_get_builtin (template));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "interview.reveal", state == RH_INTERVIEW_STATE_ASKING);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "interview.rate", running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "interview.skip", running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "interview.pause", in_session);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "interview.end", in_session);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "interview.resume-session", !in_session && self->unfinished_id > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "interview.discard-session", !in_session && self->unfinished_id > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "interview.retry-weak", self->report != NULL && has_weak);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "interview.new", !in_session);
}

/* Setup: the fields follow the chosen round; only custom ones are edited. */
static void
template_selected_cb (RhInterviewView *self,
                      GParamSpec      *pspec,
                      AdwComboRow     *row)
{
  RhInterviewTemplate *template = get_selected_template (self);
  const char * const *topics;
  g_autofree char *joined = NULL;
  gboolean custom;

  if (template == NULL)
    return;

  custom = !rh_interview_template_get_builtin (template);
  topics = rh_interview_template_get_topics (template);
  joined = topics ? g_strjoinv (", ", (char **)topics) : g_strdup ("");

  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->template_row),
                               rh_interview_template_get_description (template));
  gtk_editable_set_text (GTK_EDITABLE (self->topics_row), joined);
  gtk_adjustment_set_value (self->questions_adjustment, rh_interview_template_get_n_questions (template));
  gtk_adjustment_set_value (self->seconds_adjustment, rh_interview_template_get_question_seconds (template));
  gtk_adjustment_set_value (self->minutes_adjustment, rh_interview_template_get_total_minutes (template));
  gtk_adjustment_set_value (self->depth_adjustment, rh_interview_template_get_follow_up_depth (template));
  gtk_switch_set_active (self->schedule_switch, rh_interview_template_get_counts_toward_schedule (template));

  /* A built-in round is a fixed mix of topics and kinds. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->topics_row), custom);
  gtk_widget_set_sensitive (self->questions_spin, custom);
  gtk_widget_set_sensitive (self->seconds_spin, custom);
  gtk_widget_set_sensitive (self->minutes_spin, custom);
  gtk_widget_set_sensitive (self->depth_spin, custom);
  gtk_widget_set_visible (self->save_template_button, custom);

  update_actions (self);
}

static void
load_templates (RhInterviewView *self,
                const char      *select_id)
{
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RhInterviewTemplate) custom = NULL;
  guint n, selected = 0;

  if (!(list = rh_interview_template_list (get_database (self), &error)))
    {
      g_warning ("Cannot list interview templates: %s", error->message);
      return;
    }

  g_list_store_remove_all (self->templates);
  n = g_list_model_get_n_items (list);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RhInterviewTemplate) template = g_list_model_get_item (list, i);

      if (select_id && g_strcmp0 (rh_interview_template_get_id (template), select_id) == 0)
        selected = i;
      g_list_store_append (self->templates, template);
    }

  /* Last, a fresh custom round to fill in. */
  custom = rh_interview_template_new_custom ();
  g_list_store_append (self->templates, custom);

  adw_combo_row_set_selected (self->template_row, selected);
  template_selected_cb (self, NULL, self->template_row);
}

static void
load_history (RhInterviewView *self)
{
  g_autoptr(GListModel) history = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *row;
  guint n;

  while ((row = gtk_widget_get_first_child (GTK_WIDGET (self->history_list))))
    gtk_list_box_remove (self->history_list, row);

  if (!(history = rh_interview_report_list_history (get_database (self), &error)))
    {
      g_warning ("Cannot list past interviews: %s", error->message);
      return;
    }

  n = g_list_model_get_n_items (history);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RhInterviewReport) report = g_list_model_get_item (history, i);
      g_autoptr(GDateTime) started = g_date_time_new_from_unix_local (rh_interview_report_get_started_at (report));
      g_autofree char *date = g_date_time_format (started, "%x %H:%M");
      g_autofree char *spent = format_clock (rh_interview_report_get_total_elapsed (report));
      g_autofree char *budget = format_clock (rh_interview_report_get_total_budget (report));
      g_autofree char *subtitle = NULL;

      /* Translators: a past interview: date, score out of 100, time taken and time allowed */
      subtitle = g_strdup_printf (_("%s · score %d · %s of %s"), date,
                                  MAX (rh_interview_report_get_score (report), 0), spent, budget);

      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), rh_interview_report_get_template_name (report));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "interview.open-report");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "x", rh_interview_report_get_session_id (report));
      gtk_list_box_append (self->history_list, row);
    }

  gtk_widget_set_visible (self->history_group, n > 0);
}

static void
load_unfinished (RhInterviewView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RhInterviewReport) report = NULL;

  self->unfinished_id = MAX (0, rh_interview_store_find_unfinished (get_database (self), &error));
  if (self->unfinished_id > 0 &&
      (report = rh_interview_report_load (get_database (self), self->unfinished_id, NULL)))
    {
      g_autoptr(GDateTime) started = g_date_time_new_from_unix_local (rh_interview_report_get_started_at (report));
      g_autofree char *date = g_date_time_format (started, "%x %H:%M");
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;

      /* Translators: %s is the name of an interview round, such as “Fundamentals” */
      title = g_strdup_printf (_("%s was interrupted"), rh_interview_report_get_template_name (report));
      subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "Started %s, %u question answered",
                                               "Started %s, %u questions answered",
                                               rh_interview_report_get_n_answers (report)),
                                  date, rh_interview_report_get_n_answers (report));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->resume_row), title);
      adw_action_row_set_subtitle (self->resume_row, subtitle);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->resume_group), self->unfinished_id > 0);
  update_actions (self);
}

static void
show_setup (RhInterviewView *self)
{
  load_unfinished (self);
  load_history (self);
  gtk_stack_set_visible_child_name (self->stack, "setup");
  update_actions (self);
}

static void
show_report (RhInterviewView   *self,
             RhInterviewReport *report)
{
  g_autofree char *spent = format_clock (rh_interview_report_get_total_elapsed (report));
  g_autofree char *budget = format_clock (rh_interview_report_get_total_budget (report));
  g_autofree char *summary = NULL;
  const char * const *weakest = rh_interview_report_get_weakest_topics (report);
  g_autoptr(GString) weak = g_string_new (NULL);
  GtkWidget *row;

  g_set_object (&self->report, report);

  gtk_label_set_label (self->report_title, rh_interview_report_get_template_name (report));
  if (rh_interview_report_get_score (report) >= 0)
    /* Translators: the report's summary: score out of 100, time taken, time allowed */
    summary = g_strdup_printf (_("Score %d of 100 · %s of %s"), rh_interview_report_get_score (report), spent, budget);
  else
    summary = g_strdup_printf (_("No questions answered · %s of %s"), spent, budget);
  gtk_label_set_label (self->report_summary, summary);
  if (rh_interview_report_get_overtime (report))
    gtk_widget_add_css_class (GTK_WIDGET (self->report_summary), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->report_summary), "error");

  /* The three weakest topics are where to study next. */
  for (guint i = 0; weakest && weakest[i] && i < 3; i++)
    {
      g_auto(GStrv) parts = rh_topic_path_split (weakest[i]);
      g_autofree char *shown = g_strjoinv (" › ", parts);

      if (weak->len)
        g_string_append (weak, "\n");
      g_string_append (weak, shown);
    }
  gtk_label_set_label (self->weak_label, weak->str);
  gtk_widget_set_visible (self->weak_group, weak->len > 0);

  while ((row = gtk_widget_get_first_child (GTK_WIDGET (self->answers_list))))
    gtk_list_box_remove (self->answers_list, row);

  for (guint i = 0; i < rh_interview_report_get_n_answers (report); i++)
    {
      const RhInterviewAnswer *answer = rh_interview_report_get_answer (report, i);
      g_autofree char *answer_spent = format_clock (answer->spent_ms / 1000);
      g_autofree char *answer_budget = format_clock (answer->budget_seconds);
      g_autofree char *title = NULL;
      g_autoptr(GString) subtitle = g_string_new (NULL);

      title = answer->depth > 0
              ? g_strdup_printf ("%*s↳ %s", (int)(answer->depth - 1) * 2, "", answer->title ? answer->title : "")
              : g_strdup (answer->title ? answer->title : "");

      /* Translators: one question in the report: rating, time taken, time allowed */
      g_string_append_printf (subtitle, _("%s · %s of %s"),
                              answer->skipped ? _("Skipped") : rating_name (answer->rating),
                              answer_spent, answer_budget);
      if (answer->notes && *answer->notes)
        g_string_append_printf (subtitle, "\n%s", answer->notes);

      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
      if (answer->overtime)
        {
          GtkWidget *icon = gtk_image_new_from_icon_name ("alarm-symbolic");

          gtk_widget_add_css_class (icon, "warning");
          gtk_widget_set_tooltip_text (icon, _("Over time"));
          gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Over time"), -1);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon);
        }
      gtk_list_box_append (self->answers_list, row);
    }

  gtk_stack_set_visible_child_name (self->stack, "report");
  update_actions (self);
}

static void
time_up (RhInterviewView *self)
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
notes_changed_cb (RhInterviewView *self,
                  GtkTextBuffer   *buffer)
{
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  if (self->syncing_notes || self->interview == NULL)
    return;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  rh_interview_set_notes (self->interview, text);
}

static void
update_clock (RhInterviewView *self)
{
  g_autofree char *countdown = NULL;
  g_autofree char *total = NULL;
  g_autofree char *total_budget = NULL;
  g_autofree char *total_text = NULL;
  gint64 remaining = rh_interview_get_question_remaining (self->interview);
  gint64 total_remaining = rh_interview_get_total_remaining (self->interview);
  gboolean overtime = rh_interview_get_overtime (self->interview);

  countdown = format_clock (remaining);
  if (overtime)
    {
      /* Over time the clock counts up, marked with a plus. */
      g_autofree char *up = g_strconcat ("+", countdown, NULL);
      gtk_label_set_label (self->countdown_label, up);
    }
  else
    gtk_label_set_label (self->countdown_label, countdown);

  if (overtime)
    gtk_widget_add_css_class (GTK_WIDGET (self->countdown_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->countdown_label), "error");
  if (rh_interview_get_warning (self->interview))
    gtk_widget_add_css_class (GTK_WIDGET (self->countdown_label), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->countdown_label), "warning");

  total = format_clock (total_remaining);
  total_budget = format_clock (rh_interview_get_total_budget (self->interview));
  if (rh_interview_get_total_overtime (self->interview))
    {
      /* Translators: the whole interview has run over, e.g. "5:12 over 45:00" */
      total_text = g_strdup_printf (_("%s over %s"), total, total_budget);
      gtk_widget_add_css_class (GTK_WIDGET (self->total_label), "error");
    }
  else
    {
      /* Translators: time left for the whole interview, e.g. "32:10 left of 45:00" */
      total_text = g_strdup_printf (_("%s left of %s"), total, total_budget);
      gtk_widget_remove_css_class (GTK_WIDGET (self->total_label), "error");
    }
  gtk_label_set_label (self->total_label, total_text);

  if (overtime && !self->was_overtime)
    time_up (self);
  self->was_overtime = overtime;
}

static void
update_running (RhInterviewView *self)
{
  RhInterviewState state;
  RhCard *card;
  g_autofree char *position = NULL;

  if (self->interview == NULL)
    return;

  state = rh_interview_get_state (self->interview);
  if (state == RH_INTERVIEW_STATE_FINISHED)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RhInterviewReport) report = rh_interview_dup_report (self->interview, &error);

      set_interview (self, NULL);
      if (report == NULL)
        {
          show_toast (self, error->message);
          show_setup (self);
          return;
        }

      load_history (self);
      show_report (self, report);
      return;
    }

  card = rh_interview_get_current_card (self->interview);
  if (card != self->shown_card)
    {
      g_auto(GStrv) parts = NULL;
      g_autofree char *topic = NULL;

      g_set_object (&self->shown_card, card);
      parts = card ? rh_topic_path_split (rh_card_get_topic (card)) : g_new0 (char *, 1);
      topic = g_strjoinv (" › ", parts);
      gtk_label_set_label (self->topic_label, topic);
      rh_markdown_view_set_markdown (self->front_view, card ? rh_card_get_front (card) : NULL);
      rh_markdown_view_set_markdown (self->back_view, card ? rh_card_get_back (card) : NULL);
      gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->question_scroller), 0);

      self->syncing_notes = TRUE;
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes_view),
                                rh_interview_get_notes (self->interview) ? rh_interview_get_notes (self->interview) : "",
                                -1);
      self->syncing_notes = FALSE;
      self->was_overtime = rh_interview_get_overtime (self->interview);
    }

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

  gtk_widget_set_visible (self->answer_box, state == RH_INTERVIEW_STATE_REVEALED);
  gtk_stack_set_visible_child_name (self->bar_stack, state == RH_INTERVIEW_STATE_REVEALED ? "rate" : "reveal");
  gtk_stack_set_visible_child_name (self->question_stack, state == RH_INTERVIEW_STATE_PAUSED ? "paused" : "question");
  gtk_button_set_icon_name (self->pause_button,
                            state == RH_INTERVIEW_STATE_PAUSED ? "media-playback-start-symbolic"
                                                               : "media-playback-pause-symbolic");
  gtk_stack_set_visible_child_name (self->stack, "running");

  update_clock (self);
  update_actions (self);
}

static void
interview_notify_cb (RhInterviewView *self,
                     GParamSpec      *pspec,
                     RhInterview     *interview)
{
  /* Notes typed here come back as a notification: nothing to redraw. */
  if (g_strcmp0 (pspec->name, "notes") == 0)
    return;

  update_running (self);
}

static gboolean
tick_cb (gpointer data)
{
  RhInterviewView *self = data;

  if (self->interview != NULL)
    rh_interview_tick (self->interview);

  return G_SOURCE_CONTINUE;
}

static void
set_interview (RhInterviewView *self,
               RhInterview     *interview)
{
  if (self->interview == interview)
    return;

  if (self->interview != NULL)
    g_signal_handlers_disconnect_by_func (self->interview, interview_notify_cb, self);

  g_set_object (&self->interview, interview);
  g_clear_object (&self->shown_card);
  g_clear_handle_id (&self->tick_id, g_source_remove);
  self->was_overtime = FALSE;

  if (interview != NULL)
    {
      g_clear_object (&self->report);
      g_signal_connect_object (interview, "notify", G_CALLBACK (interview_notify_cb), self, G_CONNECT_SWAPPED);
      self->tick_id = g_timeout_add (TICK_MS, tick_cb, self);
      update_running (self);
      gtk_widget_grab_focus (GTK_WIDGET (self));
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INTERVIEW]);
}

static char **
split_topics (const char *text)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) parts = g_strsplit_set (text, ",，", -1);

  for (guint i = 0; parts[i]; i++)
    {
      g_autofree char *path = rh_topic_path_normalize (parts[i], NULL);

      if (path != NULL)
        g_strv_builder_add (builder, path);
    }

  return g_strv_builder_end (builder);
}

/* The chosen round as it will run: a built-in as it is (only whether it
 * counts toward the schedule is the user's), a custom one from the fields. */
static RhInterviewTemplate *
build_template (RhInterviewView *self)
{
  RhInterviewTemplate *selected = get_selected_template (self);
  RhInterviewTemplate *template;

  template = rh_interview_template_copy (selected, rh_interview_template_get_id (selected));

  if (!rh_interview_template_get_builtin (selected))
    {
      g_auto(GStrv) topics = split_topics (gtk_editable_get_text (GTK_EDITABLE (self->topics_row)));

      rh_interview_template_set_topics (template, (const char * const *)topics);
      rh_interview_template_set_n_questions (template, (guint)gtk_adjustment_get_value (self->questions_adjustment));
      rh_interview_template_set_question_seconds (template, (guint)gtk_adjustment_get_value (self->seconds_adjustment));
      rh_interview_template_set_total_minutes (template, (guint)gtk_adjustment_get_value (self->minutes_adjustment));
      rh_interview_template_set_follow_up_depth (template, (guint)gtk_adjustment_get_value (self->depth_adjustment));
    }

  rh_interview_template_set_counts_toward_schedule (template, gtk_switch_get_active (self->schedule_switch));

  return template;
}

static void
start_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  RhInterviewView *self = RH_INTERVIEW_VIEW (widget);
  g_autoptr(RhInterviewTemplate) template = build_template (self);
  g_autoptr(RhInterview) interview = NULL;
  g_autoptr(GError) error = NULL;

  if (!(interview = rh_interview_new (self->scheduler, template, &error)) ||
      !rh_interview_start (interview, &error))
    {
      show_toast (self, error->message);
      return;
    }

  set_interview (self, interview);
}

static void
save_template_response_cb (AdwMessageDialog *dialog,
                           const char       *response,
                           RhInterviewView  *self)
{
  g_autoptr(RhInterviewTemplate) template = NULL;
  g_autoptr(GError) error = NULL;
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  if (!g_str_equal (response, "save") || *name == '\0')
    return;

  template = build_template (self);
  rh_interview_template_set_name (template, name);
  if (!rh_interview_template_save (template, get_database (self), &error))
    {
      show_toast (self, error->message);
      return;
    }

  load_templates (self, rh_interview_template_get_id (template));
  show_toast (self, _("Template saved"));
}

static void
save_template_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  RhInterviewView *self = RH_INTERVIEW_VIEW (widget);
  RhInterviewTemplate *selected = get_selected_template (self);
  GtkWidget *dialog, *entry;

  entry = gtk_entry_new ();
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  if (selected && rh_interview_template_get_row_id (selected) > 0)
    gtk_editable_set_text (GTK_EDITABLE (entry), rh_interview_template_get_name (selected));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Name"), -1);

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                   _("Save Interview Template"),
                                   _("Give this round a name to find it again in the list."));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  g_signal_connect_object (dialog, "response", G_CALLBACK (save_template_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
reveal_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RhInterviewView *self = RH_INTERVIEW_VIEW (widget);
  g_autoptr(GError) error = NULL;

  if (!rh_interview_reveal (self->interview, &error))
    show_toast (self, error->message);
}

static void
rate_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  RhInterviewView *self = RH_INTERVIEW_VIEW (widget);
  g_autoptr(GError) error = NULL;
  int rating = g_variant_get_int32 (parameter);

  g_return_if_fail (rh_fsrs_rating_is_valid (rating));

  if (!rh_interview_rate (self->interview, (RhRating)rating, NULL, &error))
    show_toast (self, error->message);
}

static void
skip_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  RhInterviewView *self = RH_INTERVIEW_VIEW (widget);
  g_autoptr(GError) error = NULL;

  if (!rh_interview_skip (self->interview, &error))
    show_toast (self, error->message);
}

static void
pause_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  RhInterviewView *self = RH_INTERVIEW_VIEW (widget);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (rh_interview_get_state (self->interview) == RH_INTERVIEW_STATE_PAUSED)
    ok = rh_interview_resume (self->interview, &error);
  else
    ok = rh_interview_pause (self->interview, &error);

  if (!ok)
    show_toast (self, error->message);
}

static void
end_response_cb (AdwMessageDialog *dialog,
                 const char       *response,
                 RhInterviewView  *self)
{
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "end") || self->interview == NULL)
    return;

  if (!rh_interview_end (self->interview, &error))
    show_toast (self, error->message);
}

static void
end_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                   _("End the Interview?"),
                                   _("The questions not asked yet are left out of the report."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Keep Going"),
                                    "end", _("_End Interview"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "end", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (end_response_cb), widget, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
resume_session_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  RhInterviewView *self = RH_INTERVIEW_VIEW (widget);
  g_autoptr(RhInterview) interview = NULL;
  g_autoptr(GError) error = NULL;

  if (!(interview = rh_interview_restore (self->scheduler, self->unfinished_id, &error)))
    {
      show_toast (self, error->message);
      load_unfinished (self);
      return;
    }

  self->unfinished_id = 0;
  set_interview (self, interview);
}

static void
discard_session_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  RhInterviewView *self = RH_INTERVIEW_VIEW (widget);
  g_autoptr(GError) error = NULL;

  if (!rh_interview_store_discard (get_database (self), self->unfinished_id, &error))
    show_toast (self, error->message);

  load_unfinished (self);
}

static void
open_report_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  RhInterviewView *self = RH_INTERVIEW_VIEW (widget);
  g_autoptr(RhInterviewReport) report = NULL;
  g_autoptr(GError) error = NULL;

  if (!(report = rh_interview_report_load (get_database (self), g_variant_get_int64 (parameter), &error)))
    {
      show_toast (self, error->message);
      return;
    }

  show_report (self, report);
}

static void
retry_weak_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  RhInterviewView *self = RH_INTERVIEW_VIEW (widget);
  g_autoptr(RhInterview) interview = NULL;
  g_autoptr(GError) error = NULL;

  if (!(interview = rh_interview_new_retry (self->scheduler,
                                            rh_interview_report_get_session_id (self->report), &error)) ||
      !rh_interview_start (interview, &error))
    {
      show_toast (self, error->message);
      return;
    }

  set_interview (self, interview);
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  RhInterviewView *self = RH_INTERVIEW_VIEW (widget);

  g_clear_object (&self->report);
  show_setup (self);
}

static void
rh_interview_view_constructed (GObject *object)
{
  RhInterviewView *self = (RhInterviewView *)object;

  G_OBJECT_CLASS (rh_interview_view_parent_class)->constructed (object);

  g_assert (self->scheduler != NULL);

  load_templates (self, NULL);
  show_setup (self);
}

static void
rh_interview_view_dispose (GObject *object)
{
  RhInterviewView *self = (RhInterviewView *)object;
  GtkWidget *child;

  /* Closing the window mid-interview pauses it; it can be resumed later. */
  if (self->interview != NULL)
    {
      RhInterviewState state = rh_interview_get_state (self->interview);

      if (state == RH_INTERVIEW_STATE_ASKING || state == RH_INTERVIEW_STATE_REVEALED)
        rh_interview_pause (self->interview, NULL);
    }
  set_interview (self, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), RH_TYPE_INTERVIEW_VIEW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);

  g_clear_object (&self->report);
  g_clear_object (&self->templates);
  g_clear_object (&self->scheduler);

  G_OBJECT_CLASS (rh_interview_view_parent_class)->dispose (object);
}

static void
rh_interview_view_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  RhInterviewView *self = RH_INTERVIEW_VIEW (object);

  switch (prop_id)
    {
    case PROP_SCHEDULER:
      g_value_set_object (value, self->scheduler);
      break;

    case PROP_INTERVIEW:
      g_value_set_object (value, self->interview);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rh_interview_view_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  RhInterviewView *self = RH_INTERVIEW_VIEW (object);

  switch (prop_id)
    {
    case PROP_SCHEDULER:
      self->scheduler = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rh_interview_view_class_init (RhInterviewViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = rh_interview_view_constructed;
  object_class->dispose = rh_interview_view_dispose;
  object_class->get_property = rh_interview_view_get_property;
  object_class->set_property = rh_interview_view_set_property;

  properties[PROP_SCHEDULER] =
    g_param_spec_object ("scheduler", NULL, NULL, RH_TYPE_SCHEDULER,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_INTERVIEW] =
    g_param_spec_object ("interview", NULL, NULL, RH_TYPE_INTERVIEW,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (RH_TYPE_MARKDOWN_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/rh-interview-view.ui");
  gtk_widget_class_bind_template_child (widget_class, RhInterviewView, stack);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewView, resume_group);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewView, resume_row);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewView, template_row);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewView, topics_row);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewView, questions_adjustment);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewView, seconds_adjustment);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewView, minutes_adjustment);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewView, depth_adjustment);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewView, questions_spin);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewView, seconds_spin);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewView, minutes_spin);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewView, depth_spin);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewView, schedule_switch);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewView, save_template_button);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewView, history_group);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewView, history_list);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewView, position_label);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewView, topic_label);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewView, countdown_label);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewView, total_label);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewView, question_stack);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewView, question_scroller);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewView, front_view);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewView, answer_box);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewView, back_view);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewView, notes_view);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewView, pause_button);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewView, bar_stack);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewView, rate_box);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewView, report_title);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewView, report_summary);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewView, weak_group);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewView, weak_label);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewView, answers_list);

  gtk_widget_class_install_action (widget_class, "interview.start", NULL, start_action);
  gtk_widget_class_install_action (widget_class, "interview.save-template", NULL, save_template_action);
  gtk_widget_class_install_action (widget_class, "interview.reveal", NULL, reveal_action);
  gtk_widget_class_install_action (widget_class, "interview.rate", "i", rate_action);
  gtk_widget_class_install_action (widget_class, "interview.skip", NULL, skip_action);
  gtk_widget_class_install_action (widget_class, "interview.pause", NULL, pause_action);
  gtk_widget_class_install_action (widget_class, "interview.end", NULL, end_action);
  gtk_widget_class_install_action (widget_class, "interview.resume-session", NULL, resume_session_action);
  gtk_widget_class_install_action (widget_class, "interview.discard-session", NULL, discard_session_action);
  gtk_widget_class_install_action (widget_class, "interview.open-report", "x", open_report_action);
  gtk_widget_class_install_action (widget_class, "interview.retry-weak", NULL, retry_weak_action);
  gtk_widget_class_install_action (widget_class, "interview.new", NULL, new_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, 0, "interview.reveal", NULL);
  for (int i = 0; i < 4; i++)
    {
      gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, 0, "interview.rate", "i", i + 1);
      gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_1 + i, 0, "interview.rate", "i", i + 1);
    }
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, 0, "interview.pause", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, 0, "interview.skip", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "interview.end", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
rh_interview_view_init (RhInterviewView *self)
{
  g_autoptr(GtkExpression) name = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->templates = g_list_store_new (RH_TYPE_INTERVIEW_TEMPLATE);
  name = gtk_property_expression_new (RH_TYPE_INTERVIEW_TEMPLATE, NULL, "name");
  adw_combo_row_set_expression (self->template_row, name);
  adw_combo_row_set_model (self->template_row, G_LIST_MODEL (self->templates));
  g_signal_connect_object (self->template_row, "notify::selected", G_CALLBACK (template_selected_cb),
                           self, G_CONNECT_SWAPPED);

  for (int i = RH_RATING_AGAIN; i <= RH_RATING_EASY; i++)
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (_(rating_labels[i]));
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

  g_signal_connect_object (gtk_text_view_get_buffer (self->notes_view), "changed",
                           G_CALLBACK (notes_changed_cb), self, G_CONNECT_SWAPPED);
}

/**
 * rh_interview_view_new:
 *
 * Returns: (transfer floating): the Interview page
 */
GtkWidget *
rh_interview_view_new (RhScheduler *scheduler)
{
  g_return_val_if_fail (RH_IS_SCHEDULER (scheduler), NULL);

  return g_object_new (RH_TYPE_INTERVIEW_VIEW, "scheduler", scheduler, NULL);
}

/**
 * rh_interview_view_get_interview:
 *
 * Returns: (transfer none) (nullable): the session under way
 */
RhInterview *
rh_interview_view_get_interview (RhInterviewView *self)
{
  g_return_val_if_fail (RH_IS_INTERVIEW_VIEW (self), NULL);
  return self->interview;
}

/* "setup", "running" or "report". */
const char *
rh_interview_view_get_page (RhInterviewView *self)
{
  g_return_val_if_fail (RH_IS_INTERVIEW_VIEW (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

/* Selects a round by template id; FALSE if there is none. */
gboolean
rh_interview_view_select_template (RhInterviewView *self,
                                   const char      *id)
{
  guint n;

  g_return_val_if_fail (RH_IS_INTERVIEW_VIEW (self), FALSE);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->templates));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RhInterviewTemplate) template = g_list_model_get_item (G_LIST_MODEL (self->templates), i);

      if (g_strcmp0 (rh_interview_template_get_id (template), id) == 0)
        {
          adw_combo_row_set_selected (self->template_row, i);
          return TRUE;
        }
    }

  return FALSE;
}

/* Fills the topics of a custom round, "Go::Runtime, Redis". */
void
rh_interview_view_set_topics (RhInterviewView *self,
                              const char      *topics)
{
  g_return_if_fail (RH_IS_INTERVIEW_VIEW (self));

  gtk_editable_set_text (GTK_EDITABLE (self->topics_row), topics ? topics : "");
}
