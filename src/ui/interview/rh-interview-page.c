/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rh-interview-page"

#include "config.h"

#include <adwaita.h>

#include "rh-interview-page-private.h"
#include "rh-toasts.h"

/* The struct is in rh-interview-page-private.h, the actions in
 * rh-interview-page-actions.c. */

G_DEFINE_FINAL_TYPE (RhInterviewPage, rh_interview_page, GTK_TYPE_WIDGET)

enum { PROP_0, PROP_SCHEDULER, PROP_INTERVIEW, N_PROPS };
static GParamSpec *properties[N_PROPS];

RhDatabase *
_rh_interview_page_get_database (RhInterviewPage *self)
{
  return rh_scheduler_get_database (self->scheduler);
}

void
_rh_interview_page_show_toast (RhInterviewPage *self,
                               const char      *message)
{
  AdwToast *toast = adw_toast_new (message);

  /* A toast must not cover Show Answer and the ratings. */
  if (gtk_stack_get_visible_child (self->stack) == GTK_WIDGET (self->session_view))
    rh_interview_session_view_add_toast (self->session_view, toast);
  else
    rh_toasts_add (self->toast_overlay, toast);
}

void
_rh_interview_page_load_history (RhInterviewPage *self)
{
  g_autoptr(GListModel) history = NULL;
  g_autoptr(GError) error = NULL;

  if (!(history = rh_interview_report_list_history (_rh_interview_page_get_database (self), &error)))
    g_warning ("Cannot list past interviews: %s", error->message);

  rh_interview_setup_view_set_history (self->setup_view, history);
}

void
_rh_interview_page_load_unfinished (RhInterviewPage *self)
{
  g_autoptr(GError) error = NULL;

  rh_interview_setup_view_set_unfinished_id (self->setup_view,
                                             rh_interview_store_find_unfinished (_rh_interview_page_get_database (self), &error));
  _rh_interview_page_update_actions (self);
}

void
_rh_interview_page_show_setup (RhInterviewPage *self)
{
  _rh_interview_page_load_unfinished (self);
  _rh_interview_page_load_history (self);
  gtk_stack_set_visible_child_name (self->stack, "setup");
  _rh_interview_page_update_actions (self);
}

void
_rh_interview_page_show_report (RhInterviewPage   *self,
                                RhInterviewReport *report,
                                gboolean           from_history)
{
  self->report_from_history = from_history;
  rh_interview_report_view_set_report (self->report_view, report);
  rh_interview_report_view_set_show_back (self->report_view, from_history);
  gtk_stack_set_visible_child_name (self->stack, "report");
  _rh_interview_page_update_actions (self);
  /* Focus left on a button below would scroll the report past its title,
   * and the page's keys (Escape, Alt+Left) must reach it. */
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

static void
interview_state_cb (RhInterviewPage *self,
                    GParamSpec      *pspec,
                    RhInterview     *interview)
{
  g_autoptr(RhInterviewReport) report = NULL;
  g_autoptr(GError) error = NULL;

  if (rh_interview_get_state (interview) != RH_INTERVIEW_STATE_FINISHED)
    {
      _rh_interview_page_update_actions (self);
      return;
    }

  report = rh_interview_dup_report (interview, &error);
  _rh_interview_page_set_interview (self, NULL);
  if (report == NULL)
    {
      _rh_interview_page_show_toast (self, error->message);
      _rh_interview_page_show_setup (self);
      return;
    }

  _rh_interview_page_load_history (self);
  _rh_interview_page_show_report (self, report, FALSE);
}

static void
template_changed_cb (RhInterviewPage      *self,
                     GParamSpec           *pspec,
                     RhInterviewSetupView *setup_view)
{
  _rh_interview_page_update_actions (self);
}

void
_rh_interview_page_set_interview (RhInterviewPage *self,
                                  RhInterview     *interview)
{
  if (!g_set_object (&self->interview, interview))
    return;

  g_signal_group_set_target (self->interview_signals, interview);
  rh_interview_session_view_set_interview (self->session_view, interview);

  if (interview != NULL)
    {
      rh_interview_report_view_set_report (self->report_view, NULL);
      gtk_stack_set_visible_child_name (self->stack, "running");
      _rh_interview_page_update_actions (self);
      gtk_widget_grab_focus (GTK_WIDGET (self));
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INTERVIEW]);
}

static void
rh_interview_page_constructed (GObject *object)
{
  RhInterviewPage *self = (RhInterviewPage *)object;

  G_OBJECT_CLASS (rh_interview_page_parent_class)->constructed (object);

  g_assert (self->scheduler != NULL);

  rh_interview_setup_view_set_database (self->setup_view, _rh_interview_page_get_database (self));
  _rh_interview_page_show_setup (self);
}

static void
rh_interview_page_dispose (GObject *object)
{
  RhInterviewPage *self = (RhInterviewPage *)object;
  GtkWidget *child;

  /* Closing the window mid-interview pauses it; it can be resumed later. */
  if (self->interview != NULL)
    {
      RhInterviewState state = rh_interview_get_state (self->interview);

      if (state == RH_INTERVIEW_STATE_ASKING || state == RH_INTERVIEW_STATE_REVEALED)
        rh_interview_pause (self->interview, NULL);
    }
  if (self->interview_signals != NULL)
    _rh_interview_page_set_interview (self, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), RH_TYPE_INTERVIEW_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);

  g_clear_object (&self->interview_signals);
  g_clear_object (&self->scheduler);
  g_clear_object (&self->deleted);
  g_clear_pointer (&self->deleted_template_id, g_free);
  g_clear_weak_pointer (&self->undo_toast);

  G_OBJECT_CLASS (rh_interview_page_parent_class)->dispose (object);
}

static void
rh_interview_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  RhInterviewPage *self = RH_INTERVIEW_PAGE (object);

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
rh_interview_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  RhInterviewPage *self = RH_INTERVIEW_PAGE (object);

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
rh_interview_page_class_init (RhInterviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = rh_interview_page_constructed;
  object_class->dispose = rh_interview_page_dispose;
  object_class->get_property = rh_interview_page_get_property;
  object_class->set_property = rh_interview_page_set_property;

  properties[PROP_SCHEDULER] =
    g_param_spec_object ("scheduler", NULL, NULL, RH_TYPE_SCHEDULER,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_INTERVIEW] =
    g_param_spec_object ("interview", NULL, NULL, RH_TYPE_INTERVIEW,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (RH_TYPE_INTERVIEW_SETUP_VIEW);
  g_type_ensure (RH_TYPE_INTERVIEW_SESSION_VIEW);
  g_type_ensure (RH_TYPE_INTERVIEW_REPORT_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/rh-interview-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RhInterviewPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewPage, stack);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewPage, setup_view);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewPage, session_view);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewPage, report_view);

  _rh_interview_page_class_actions_init (widget_class);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
rh_interview_page_init (RhInterviewPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->interview_signals = g_signal_group_new (RH_TYPE_INTERVIEW);
  g_signal_group_connect_object (self->interview_signals, "notify::state",
                                 G_CALLBACK (interview_state_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (self->setup_view, "notify::template", G_CALLBACK (template_changed_cb),
                           self, G_CONNECT_SWAPPED);
}

/**
 * rh_interview_page_new:
 *
 * Returns: (transfer floating): the Interview page
 */
GtkWidget *
rh_interview_page_new (RhScheduler *scheduler)
{
  g_return_val_if_fail (RH_IS_SCHEDULER (scheduler), NULL);

  return g_object_new (RH_TYPE_INTERVIEW_PAGE, "scheduler", scheduler, NULL);
}

/**
 * rh_interview_page_get_interview:
 *
 * Returns: (transfer none) (nullable): the session under way
 */
RhInterview *
rh_interview_page_get_interview (RhInterviewPage *self)
{
  g_return_val_if_fail (RH_IS_INTERVIEW_PAGE (self), NULL);
  return self->interview;
}

/* "setup", "running" or "report". */
const char *
rh_interview_page_get_page (RhInterviewPage *self)
{
  g_return_val_if_fail (RH_IS_INTERVIEW_PAGE (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

/* Selects a round by template id; FALSE if there is none. */
gboolean
rh_interview_page_select_template (RhInterviewPage *self,
                                   const char      *id)
{
  g_return_val_if_fail (RH_IS_INTERVIEW_PAGE (self), FALSE);
  return rh_interview_setup_view_select_template (self->setup_view, id);
}

/* Fills the topics of a custom round, "Go::Runtime, Redis". */
void
rh_interview_page_set_topics (RhInterviewPage *self,
                              const char      *topics)
{
  g_return_if_fail (RH_IS_INTERVIEW_PAGE (self));
  rh_interview_setup_view_set_topics (self->setup_view, topics);
}
