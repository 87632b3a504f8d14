/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "rh-deleted-rows.h"
#include "rh-interview-page.h"
#include "rh-interview-report-view.h"
#include "rh-interview-session-view.h"
#include "rh-interview-setup-view.h"

G_BEGIN_DECLS

/* The Interview page: choose a round, answer against the clock, read the
 * report, each a view of its own. The page holds the interview under way
 * and the "interview.*" actions that the views' buttons and the keys
 * trigger. */
struct _RhInterviewPage
{
  GtkWidget               parent_instance;

  /* Template widgets */
  AdwToastOverlay        *toast_overlay;
  GtkStack               *stack;
  RhInterviewSetupView   *setup_view;
  RhInterviewSessionView *session_view;
  RhInterviewReportView  *report_view;

  /* Owned */
  RhScheduler            *scheduler;
  RhInterview            *interview;
  GSignalGroup           *interview_signals;
  /* What the last delete took, while its toast offers Undo. */
  RhDeletedRows          *deleted;
  char                   *deleted_template_id;
  AdwToast               *undo_toast;

  guint                   report_from_history : 1;
};

/* rh-interview-page.c */
RhDatabase *_rh_interview_page_get_database     (RhInterviewPage   *self);
void        _rh_interview_page_show_toast       (RhInterviewPage   *self,
                                                 const char        *message);
void        _rh_interview_page_set_interview    (RhInterviewPage   *self,
                                                 RhInterview       *interview);
void        _rh_interview_page_load_unfinished  (RhInterviewPage   *self);
void        _rh_interview_page_load_history     (RhInterviewPage   *self);
void        _rh_interview_page_show_setup       (RhInterviewPage   *self);
void        _rh_interview_page_show_report      (RhInterviewPage   *self,
                                                 RhInterviewReport *report,
                                                 gboolean           from_history);

/* rh-interview-page-actions.c */
void        _rh_interview_page_class_actions_init (GtkWidgetClass  *widget_class);
void        _rh_interview_page_update_actions   (RhInterviewPage   *self);

G_END_DECLS
