/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rh-interview-setup-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "rh-interview-format.h"
#include "rh-interview-report.h"
#include "rh-interview-setup-view.h"
#include "rh-interview-template-store.h"
#include "rh-topic.h"

/* Choosing a round: the templates, their fields, the interrupted session
 * to resume and the past ones. Its buttons and rows are the page's
 * "interview.*" actions. */
struct _RhInterviewSetupView
{
  GtkWidget            parent_instance;

  /* Template widgets */
  AdwPreferencesGroup *resume_group;
  AdwActionRow        *resume_row;
  GtkDropDown         *template_dropdown;
  GtkLabel            *template_description;
  AdwEntryRow         *topics_row;
  GtkAdjustment       *questions_adjustment;
  GtkAdjustment       *seconds_adjustment;
  GtkAdjustment       *minutes_adjustment;
  GtkAdjustment       *depth_adjustment;
  GtkWidget           *questions_spin;
  GtkWidget           *seconds_spin;
  GtkWidget           *minutes_spin;
  GtkWidget           *depth_spin;
  GtkSwitch           *schedule_switch;
  GtkWidget           *save_template_button;
  GtkWidget           *delete_template_button;
  GtkWidget           *history_group;
  GtkListBox          *history_list;

  /* Owned */
  RhDatabase          *database;
  GListModel          *history;
  GSignalGroup        *history_signals;
  GListStore          *templates;

  gint64               unfinished_id;
};

G_DEFINE_FINAL_TYPE (RhInterviewSetupView, rh_interview_setup_view, GTK_TYPE_WIDGET)

enum { PROP_0, PROP_DATABASE, PROP_HISTORY, PROP_UNFINISHED_ID, PROP_TEMPLATE, N_PROPS };
static GParamSpec *properties[N_PROPS];

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

static GtkWidget *
create_history_row (gpointer item,
                    gpointer user_data)
{
  RhInterviewReport *report = item;
  g_autoptr(GDateTime) started = g_date_time_new_from_unix_local (rh_interview_report_get_started_at (report));
  g_autofree char *date = g_date_time_format (started, "%x %H:%M");
  g_autofree char *spent = rh_interview_format_clock (rh_interview_report_get_total_elapsed (report));
  g_autofree char *budget = rh_interview_format_clock (rh_interview_report_get_total_budget (report));
  g_autofree char *subtitle = NULL;
  GtkWidget *row;
  GtkWidget *delete;

  /* Translators: a past interview: date, score out of 100, time taken and time allowed */
  subtitle = g_strdup_printf (_("%s · score %d · %s of %s"), date,
                              MAX (rh_interview_report_get_score (report), 0), spent, budget);

  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), rh_interview_report_get_template_name (report));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  delete = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_valign (delete, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (delete, "flat");
  gtk_widget_set_tooltip_text (delete, _("Delete Interview"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (delete), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Delete Interview"), -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (delete), "interview.delete-session");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (delete), "x", rh_interview_report_get_session_id (report));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), delete);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "interview.open-report");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "x", rh_interview_report_get_session_id (report));

  return row;
}

static void
update_history_visible (RhInterviewSetupView *self)
{
  gtk_widget_set_visible (self->history_group,
                          self->history != NULL && g_list_model_get_n_items (self->history) > 0);
}

static void
update_unfinished (RhInterviewSetupView *self)
{
  g_autoptr(RhInterviewReport) report = NULL;

  if (self->unfinished_id > 0 && self->database != NULL &&
      (report = rh_interview_report_load (self->database, self->unfinished_id, NULL)))
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
}

static void
history_items_changed_cb (RhInterviewSetupView *self,
                          guint                 position,
                          guint                 removed,
                          guint                 added,
                          GListModel           *model)
{
  update_history_visible (self);
}

/* The fields follow the chosen round; only custom ones are edited. */
static void
template_selected_cb (RhInterviewSetupView *self,
                      GParamSpec           *pspec,
                      GtkDropDown          *dropdown)
{
  RhInterviewTemplate *template = rh_interview_setup_view_get_template (self);
  const char * const *topics;
  const char *description;
  g_autofree char *joined = NULL;
  gboolean custom;

  if (template == NULL)
    return;

  custom = !rh_interview_template_get_builtin (template);
  topics = rh_interview_template_get_topics (template);
  joined = topics ? g_strjoinv (", ", (char **)topics) : g_strdup ("");

  description = rh_interview_template_get_description (template);
  gtk_label_set_label (self->template_description, description);
  gtk_widget_set_visible (GTK_WIDGET (self->template_description), description && *description);
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
  /* Only a saved one can be deleted; a new custom round is not stored yet. */
  gtk_widget_set_visible (self->delete_template_button,
                          custom && rh_interview_template_get_row_id (template) > 0);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEMPLATE]);
}

static void
rh_interview_setup_view_dispose (GObject *object)
{
  RhInterviewSetupView *self = (RhInterviewSetupView *)object;
  GtkWidget *child;

  if (self->history_list != NULL)
    gtk_list_box_bind_model (self->history_list, NULL, NULL, NULL, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), RH_TYPE_INTERVIEW_SETUP_VIEW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);

  g_clear_object (&self->history_signals);
  g_clear_object (&self->history);
  g_clear_object (&self->templates);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (rh_interview_setup_view_parent_class)->dispose (object);
}

static void
rh_interview_setup_view_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  RhInterviewSetupView *self = RH_INTERVIEW_SETUP_VIEW (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      g_value_set_object (value, self->database);
      break;

    case PROP_HISTORY:
      g_value_set_object (value, self->history);
      break;

    case PROP_UNFINISHED_ID:
      g_value_set_int64 (value, self->unfinished_id);
      break;

    case PROP_TEMPLATE:
      g_value_set_object (value, rh_interview_setup_view_get_template (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rh_interview_setup_view_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  RhInterviewSetupView *self = RH_INTERVIEW_SETUP_VIEW (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      rh_interview_setup_view_set_database (self, g_value_get_object (value));
      break;

    case PROP_HISTORY:
      rh_interview_setup_view_set_history (self, g_value_get_object (value));
      break;

    case PROP_UNFINISHED_ID:
      rh_interview_setup_view_set_unfinished_id (self, g_value_get_int64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rh_interview_setup_view_class_init (RhInterviewSetupViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rh_interview_setup_view_dispose;
  object_class->get_property = rh_interview_setup_view_get_property;
  object_class->set_property = rh_interview_setup_view_set_property;

  /* Where the templates come from and custom ones are saved. */
  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL, RH_TYPE_DATABASE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /* RhInterviewReport items, as rh_interview_report_list_history() gives them. */
  properties[PROP_HISTORY] =
    g_param_spec_object ("history", NULL, NULL, G_TYPE_LIST_MODEL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /* The interrupted session offered for resuming; 0 for none. */
  properties[PROP_UNFINISHED_ID] =
    g_param_spec_int64 ("unfinished-id", NULL, NULL, 0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /* The chosen round, as listed (build_template() applies the fields). */
  properties[PROP_TEMPLATE] =
    g_param_spec_object ("template", NULL, NULL, RH_TYPE_INTERVIEW_TEMPLATE,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/rh-interview-setup-view.ui");
  gtk_widget_class_bind_template_child (widget_class, RhInterviewSetupView, resume_group);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewSetupView, resume_row);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewSetupView, template_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewSetupView, template_description);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewSetupView, topics_row);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewSetupView, questions_adjustment);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewSetupView, seconds_adjustment);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewSetupView, minutes_adjustment);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewSetupView, depth_adjustment);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewSetupView, questions_spin);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewSetupView, seconds_spin);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewSetupView, minutes_spin);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewSetupView, depth_spin);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewSetupView, schedule_switch);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewSetupView, save_template_button);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewSetupView, delete_template_button);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewSetupView, history_group);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewSetupView, history_list);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
rh_interview_setup_view_init (RhInterviewSetupView *self)
{
  g_autoptr(GtkExpression) name = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->templates = g_list_store_new (RH_TYPE_INTERVIEW_TEMPLATE);
  name = gtk_property_expression_new (RH_TYPE_INTERVIEW_TEMPLATE, NULL, "name");
  gtk_drop_down_set_expression (self->template_dropdown, name);
  gtk_drop_down_set_model (self->template_dropdown, G_LIST_MODEL (self->templates));
  g_signal_connect_object (self->template_dropdown, "notify::selected", G_CALLBACK (template_selected_cb),
                           self, G_CONNECT_SWAPPED);

  /* GTK 4.8 names the drop-down's button "GtkToggleButton" over AT-SPI. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->template_dropdown));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_TOGGLE_BUTTON (child))
      gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Round"), -1);

  self->history_signals = g_signal_group_new (G_TYPE_LIST_MODEL);
  g_signal_group_connect_object (self->history_signals, "items-changed",
                                 G_CALLBACK (history_items_changed_cb), self, G_CONNECT_SWAPPED);
  update_history_visible (self);
}

/**
 * rh_interview_setup_view_new:
 *
 * Returns: (transfer floating): a setup page without templates until it has a database
 */
GtkWidget *
rh_interview_setup_view_new (void)
{
  return g_object_new (RH_TYPE_INTERVIEW_SETUP_VIEW, NULL);
}

/**
 * rh_interview_setup_view_get_database:
 *
 * Returns: (transfer none) (nullable): where the templates come from
 */
RhDatabase *
rh_interview_setup_view_get_database (RhInterviewSetupView *self)
{
  g_return_val_if_fail (RH_IS_INTERVIEW_SETUP_VIEW (self), NULL);
  return self->database;
}

/* Lists the templates of @database, the first one chosen. */
void
rh_interview_setup_view_set_database (RhInterviewSetupView *self,
                                      RhDatabase           *database)
{
  g_return_if_fail (RH_IS_INTERVIEW_SETUP_VIEW (self));
  g_return_if_fail (!database || RH_IS_DATABASE (database));

  if (!g_set_object (&self->database, database))
    return;

  if (database != NULL)
    rh_interview_setup_view_reload_templates (self, NULL);
  else
    g_list_store_remove_all (self->templates);
  update_unfinished (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATABASE]);
}

/**
 * rh_interview_setup_view_get_history:
 *
 * Returns: (transfer none) (nullable): the past sessions shown
 */
GListModel *
rh_interview_setup_view_get_history (RhInterviewSetupView *self)
{
  g_return_val_if_fail (RH_IS_INTERVIEW_SETUP_VIEW (self), NULL);
  return self->history;
}

/* @history: (nullable): RhInterviewReport items, a row each. */
void
rh_interview_setup_view_set_history (RhInterviewSetupView *self,
                                     GListModel           *history)
{
  g_return_if_fail (RH_IS_INTERVIEW_SETUP_VIEW (self));
  g_return_if_fail (!history || G_IS_LIST_MODEL (history));

  if (!g_set_object (&self->history, history))
    return;

  gtk_list_box_bind_model (self->history_list, history, create_history_row, NULL, NULL);
  g_signal_group_set_target (self->history_signals, history);
  update_history_visible (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HISTORY]);
}

gint64
rh_interview_setup_view_get_unfinished_id (RhInterviewSetupView *self)
{
  g_return_val_if_fail (RH_IS_INTERVIEW_SETUP_VIEW (self), 0);
  return self->unfinished_id;
}

/* Offers session @session_id for resuming or discarding; 0 for none. */
void
rh_interview_setup_view_set_unfinished_id (RhInterviewSetupView *self,
                                           gint64                session_id)
{
  g_return_if_fail (RH_IS_INTERVIEW_SETUP_VIEW (self));

  session_id = MAX (session_id, 0);
  if (self->unfinished_id == session_id)
    return;

  self->unfinished_id = session_id;
  update_unfinished (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNFINISHED_ID]);
}

/**
 * rh_interview_setup_view_get_template:
 *
 * Returns: (transfer none) (nullable): the chosen round, as listed
 */
RhInterviewTemplate *
rh_interview_setup_view_get_template (RhInterviewSetupView *self)
{
  g_return_val_if_fail (RH_IS_INTERVIEW_SETUP_VIEW (self), NULL);
  return gtk_drop_down_get_selected_item (self->template_dropdown);
}

/* Lists the templates again, choosing @select_id (nullable), else the first. */
void
rh_interview_setup_view_reload_templates (RhInterviewSetupView *self,
                                          const char           *select_id)
{
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RhInterviewTemplate) custom = NULL;
  guint n, selected = 0;

  g_return_if_fail (RH_IS_INTERVIEW_SETUP_VIEW (self));
  g_return_if_fail (self->database != NULL);

  if (!(list = rh_interview_template_store_list (self->database, &error)))
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

  gtk_drop_down_set_selected (self->template_dropdown, selected);
  template_selected_cb (self, NULL, self->template_dropdown);
}

/* Chooses a round by template id; FALSE if there is none. */
gboolean
rh_interview_setup_view_select_template (RhInterviewSetupView *self,
                                         const char           *id)
{
  guint n;

  g_return_val_if_fail (RH_IS_INTERVIEW_SETUP_VIEW (self), FALSE);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->templates));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RhInterviewTemplate) template = g_list_model_get_item (G_LIST_MODEL (self->templates), i);

      if (g_strcmp0 (rh_interview_template_get_id (template), id) == 0)
        {
          gtk_drop_down_set_selected (self->template_dropdown, i);
          return TRUE;
        }
    }

  return FALSE;
}

/* Fills the topics of a custom round, "Go::Runtime, Redis". */
void
rh_interview_setup_view_set_topics (RhInterviewSetupView *self,
                                    const char           *topics)
{
  g_return_if_fail (RH_IS_INTERVIEW_SETUP_VIEW (self));

  gtk_editable_set_text (GTK_EDITABLE (self->topics_row), topics ? topics : "");
}

/**
 * rh_interview_setup_view_build_template:
 *
 * The chosen round as it will run: a built-in as it is (only whether it
 * counts toward the schedule is the user's), a custom one from the fields.
 *
 * Returns: (transfer full) (nullable): a copy of the chosen template, %NULL with none
 */
RhInterviewTemplate *
rh_interview_setup_view_build_template (RhInterviewSetupView *self)
{
  RhInterviewTemplate *selected;
  RhInterviewTemplate *template;

  g_return_val_if_fail (RH_IS_INTERVIEW_SETUP_VIEW (self), NULL);

  if (!(selected = rh_interview_setup_view_get_template (self)))
    return NULL;

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
