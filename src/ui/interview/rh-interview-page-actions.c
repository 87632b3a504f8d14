/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rh-interview-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "rh-interview-page-private.h"
#include "rh-interview-template-store.h"
#include "rh-button-names.h"
#include "rh-interview-store.h"
#include "rh-toasts.h"

/* The "interview.*" actions: the setup, session and report views trigger
 * them by name, and the page's keys are bound to them. */

void
_rh_interview_page_update_actions (RhInterviewPage *self)
{
  RhInterviewState state = self->interview ? rh_interview_get_state (self->interview)
                                           : RH_INTERVIEW_STATE_FINISHED;
  gboolean running = state == RH_INTERVIEW_STATE_ASKING || state == RH_INTERVIEW_STATE_REVEALED;
  gboolean in_session = running || state == RH_INTERVIEW_STATE_PAUSED;
  RhInterviewTemplate *template = rh_interview_setup_view_get_template (self->setup_view);
  gboolean unfinished = rh_interview_setup_view_get_unfinished_id (self->setup_view) > 0;
  RhInterviewReport *report = rh_interview_report_view_get_report (self->report_view);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "interview.start", !in_session && template != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "interview.save-template",
                                 !in_session && template && !rh_interview_template_get_builtin (template));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "interview.reveal", state == RH_INTERVIEW_STATE_ASKING);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "interview.rate", running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "interview.skip", running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "interview.pause", in_session);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "interview.end", in_session);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "interview.resume-session", !in_session && unfinished);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "interview.discard-session", !in_session && unfinished);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "interview.retry-weak",
                                 report != NULL && rh_interview_report_count_weak (report) > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "interview.new", !in_session);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "interview.delete-session", !in_session);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "interview.delete-template",
                                 !in_session && template && !rh_interview_template_get_builtin (template) &&
                                 rh_interview_template_get_row_id (template) > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "interview.undo-delete", !in_session && self->deleted != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "interview.back",
                                 self->report_from_history &&
                                 g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "report") == 0);
}

static void
start_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  RhInterviewPage *self = RH_INTERVIEW_PAGE (widget);
  g_autoptr(RhInterviewTemplate) template = rh_interview_setup_view_build_template (self->setup_view);
  g_autoptr(RhInterview) interview = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (template != NULL);

  if (!(interview = rh_interview_new (self->scheduler, template, &error)) ||
      !rh_interview_start (interview, &error))
    {
      _rh_interview_page_show_toast (self, error->message);
      return;
    }

  _rh_interview_page_set_interview (self, interview);
}

static void
save_template_response_cb (AdwMessageDialog *dialog,
                           const char       *response,
                           RhInterviewPage  *self)
{
  g_autoptr(RhInterviewTemplate) template = NULL;
  g_autoptr(GError) error = NULL;
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  if (!g_str_equal (response, "save") || *name == '\0')
    return;

  if (!(template = rh_interview_setup_view_build_template (self->setup_view)))
    return;

  rh_interview_template_set_name (template, name);
  if (!rh_interview_template_store_save (_rh_interview_page_get_database (self), template, &error))
    {
      _rh_interview_page_show_toast (self, error->message);
      return;
    }

  rh_interview_setup_view_reload_templates (self->setup_view, rh_interview_template_get_id (template));
  _rh_interview_page_show_toast (self, _("Template saved"));
}

static void
save_template_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  RhInterviewPage *self = RH_INTERVIEW_PAGE (widget);
  RhInterviewTemplate *selected = rh_interview_setup_view_get_template (self->setup_view);
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
                                    "cancel", _("Cancel"),
                                    "save", _("Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
  rh_button_names_drop_mnemonics (dialog);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  g_signal_connect_object (dialog, "response", G_CALLBACK (save_template_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
reveal_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RhInterviewPage *self = RH_INTERVIEW_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (!rh_interview_reveal (self->interview, &error))
    _rh_interview_page_show_toast (self, error->message);
}

static void
rate_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  RhInterviewPage *self = RH_INTERVIEW_PAGE (widget);
  g_autoptr(GError) error = NULL;
  int rating = g_variant_get_int32 (parameter);

  g_return_if_fail (rh_fsrs_rating_is_valid (rating));

  if (!rh_interview_rate (self->interview, (RhRating)rating, NULL, &error))
    _rh_interview_page_show_toast (self, error->message);
}

static void
skip_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  RhInterviewPage *self = RH_INTERVIEW_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (!rh_interview_skip (self->interview, &error))
    _rh_interview_page_show_toast (self, error->message);
}

static void
pause_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  RhInterviewPage *self = RH_INTERVIEW_PAGE (widget);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (rh_interview_get_state (self->interview) == RH_INTERVIEW_STATE_PAUSED)
    ok = rh_interview_resume (self->interview, &error);
  else
    ok = rh_interview_pause (self->interview, &error);

  if (!ok)
    _rh_interview_page_show_toast (self, error->message);
}

static void
end_response_cb (AdwMessageDialog *dialog,
                 const char       *response,
                 RhInterviewPage  *self)
{
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "end") || self->interview == NULL)
    return;

  if (!rh_interview_end (self->interview, &error))
    _rh_interview_page_show_toast (self, error->message);
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
                                    "cancel", _("Keep Going"),
                                    "end", _("End Interview"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "end", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  rh_button_names_drop_mnemonics (dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (end_response_cb), widget, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
resume_session_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  RhInterviewPage *self = RH_INTERVIEW_PAGE (widget);
  g_autoptr(RhInterview) interview = NULL;
  g_autoptr(GError) error = NULL;
  gint64 session_id = rh_interview_setup_view_get_unfinished_id (self->setup_view);

  if (!(interview = rh_interview_restore (self->scheduler, session_id, &error)))
    {
      _rh_interview_page_show_toast (self, error->message);
      _rh_interview_page_load_unfinished (self);
      return;
    }

  rh_interview_setup_view_set_unfinished_id (self->setup_view, 0);
  _rh_interview_page_set_interview (self, interview);
}

static void
discard_session_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  RhInterviewPage *self = RH_INTERVIEW_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (!rh_interview_store_discard (_rh_interview_page_get_database (self),
                             rh_interview_setup_view_get_unfinished_id (self->setup_view), &error))
    _rh_interview_page_show_toast (self, error->message);

  _rh_interview_page_load_unfinished (self);
}

/* The toast of the last delete went: so did its Undo. */
static void
undo_toast_dismissed_cb (RhInterviewPage *self,
                         AdwToast        *toast)
{
  if (self->undo_toast != toast)
    return;

  g_clear_weak_pointer (&self->undo_toast);
  g_clear_object (&self->deleted);
  g_clear_pointer (&self->deleted_template_id, g_free);
  _rh_interview_page_update_actions (self);
}

/* Deleting asks nothing: the toast offers Undo until it goes. */
static void
offer_undo (RhInterviewPage *self,
            RhDeletedRows   *deleted,
            const char      *template_id,
            const char      *title)
{
  AdwToast *toast;

  if (self->undo_toast != NULL)
    adw_toast_dismiss (self->undo_toast);

  g_set_object (&self->deleted, deleted);
  g_free (self->deleted_template_id);
  self->deleted_template_id = g_strdup (template_id);

  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("Undo"));
  adw_toast_set_action_name (toast, "interview.undo-delete");
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (undo_toast_dismissed_cb), self, G_CONNECT_SWAPPED);
  g_set_weak_pointer (&self->undo_toast, toast);
  rh_toasts_add (self->toast_overlay, toast);
  _rh_interview_page_update_actions (self);
}

static void
delete_session_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  RhInterviewPage *self = RH_INTERVIEW_PAGE (widget);
  RhDatabase *database = _rh_interview_page_get_database (self);
  gint64 session_id = g_variant_get_int64 (parameter);
  g_autoptr(RhDeletedRows) deleted = NULL;
  g_autoptr(GError) error = NULL;

  if (!(deleted = rh_interview_store_delete_session (database, session_id, &error)))
    {
      _rh_interview_page_show_toast (self, error->message);
      return;
    }

  _rh_interview_page_load_history (self);
  offer_undo (self, deleted, NULL, _("Interview deleted"));
}

static void
delete_template_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  RhInterviewPage *self = RH_INTERVIEW_PAGE (widget);
  RhInterviewTemplate *selected = rh_interview_setup_view_get_template (self->setup_view);
  g_autoptr(RhInterviewTemplate) template = selected ? g_object_ref (selected) : NULL;
  g_autoptr(RhDeletedRows) deleted = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  g_return_if_fail (template != NULL);

  if (!(deleted = rh_interview_template_store_delete_with_undo (_rh_interview_page_get_database (self),
                                                                 rh_interview_template_get_row_id (template),
                                                                 &error)))
    {
      _rh_interview_page_show_toast (self, error->message);
      return;
    }

  rh_interview_setup_view_reload_templates (self->setup_view, NULL);
  /* Translators: %s is the name the user gave an interview template */
  title = g_strdup_printf (_("Template “%s” deleted"), rh_interview_template_get_name (template));
  offer_undo (self, deleted, rh_interview_template_get_id (template), title);
}

static void
undo_delete_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  RhInterviewPage *self = RH_INTERVIEW_PAGE (widget);
  g_autoptr(RhDeletedRows) deleted = g_steal_pointer (&self->deleted);
  g_autofree char *template_id = g_steal_pointer (&self->deleted_template_id);
  g_autoptr(GError) error = NULL;

  g_return_if_fail (deleted != NULL);

  if (!rh_deleted_rows_restore (deleted, &error))
    _rh_interview_page_show_toast (self, error->message);
  else if (template_id != NULL)
    rh_interview_setup_view_reload_templates (self->setup_view, template_id);
  else
    _rh_interview_page_load_history (self);

  _rh_interview_page_update_actions (self);
}

static void
open_report_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  RhInterviewPage *self = RH_INTERVIEW_PAGE (widget);
  g_autoptr(RhInterviewReport) report = NULL;
  g_autoptr(GError) error = NULL;

  if (!(report = rh_interview_report_load (_rh_interview_page_get_database (self), g_variant_get_int64 (parameter), &error)))
    {
      _rh_interview_page_show_toast (self, error->message);
      return;
    }

  _rh_interview_page_show_report (self, report, TRUE);
}

static void
retry_weak_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  RhInterviewPage *self = RH_INTERVIEW_PAGE (widget);
  RhInterviewReport *report = rh_interview_report_view_get_report (self->report_view);
  g_autoptr(RhInterview) interview = NULL;
  g_autoptr(GError) error = NULL;

  if (!(interview = rh_interview_new_retry (self->scheduler,
                                            rh_interview_report_get_session_id (report), &error)) ||
      !rh_interview_start (interview, &error))
    {
      _rh_interview_page_show_toast (self, error->message);
      return;
    }

  _rh_interview_page_set_interview (self, interview);
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  RhInterviewPage *self = RH_INTERVIEW_PAGE (widget);

  self->report_from_history = FALSE;
  rh_interview_report_view_set_report (self->report_view, NULL);
  _rh_interview_page_show_setup (self);
}

void
_rh_interview_page_class_actions_init (GtkWidgetClass *widget_class)
{
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
  gtk_widget_class_install_action (widget_class, "interview.delete-session", "x", delete_session_action);
  gtk_widget_class_install_action (widget_class, "interview.delete-template", NULL, delete_template_action);
  gtk_widget_class_install_action (widget_class, "interview.undo-delete", NULL, undo_delete_action);
  /* Back from a report opened from History is the setup page too. */
  gtk_widget_class_install_action (widget_class, "interview.back", NULL, new_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, 0, "interview.reveal", NULL);
  for (int i = 0; i < 4; i++)
    {
      gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, 0, "interview.rate", "i", i + 1);
      gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_1 + i, 0, "interview.rate", "i", i + 1);
    }
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, 0, "interview.pause", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, 0, "interview.skip", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "interview.end", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "interview.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "interview.back", NULL);
}
