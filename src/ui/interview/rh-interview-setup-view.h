/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "rh-database.h"
#include "rh-interview-template.h"

G_BEGIN_DECLS

#define RH_TYPE_INTERVIEW_SETUP_VIEW (rh_interview_setup_view_get_type ())

G_DECLARE_FINAL_TYPE (RhInterviewSetupView, rh_interview_setup_view, RH, INTERVIEW_SETUP_VIEW, GtkWidget)

GtkWidget           *rh_interview_setup_view_new                (void);
RhDatabase          *rh_interview_setup_view_get_database       (RhInterviewSetupView *self);
void                 rh_interview_setup_view_set_database       (RhInterviewSetupView *self,
                                                                 RhDatabase           *database);
GListModel          *rh_interview_setup_view_get_history        (RhInterviewSetupView *self);
void                 rh_interview_setup_view_set_history        (RhInterviewSetupView *self,
                                                                 GListModel           *history);
gint64               rh_interview_setup_view_get_unfinished_id  (RhInterviewSetupView *self);
void                 rh_interview_setup_view_set_unfinished_id  (RhInterviewSetupView *self,
                                                                 gint64                session_id);
RhInterviewTemplate *rh_interview_setup_view_get_template       (RhInterviewSetupView *self);
void                 rh_interview_setup_view_reload_templates   (RhInterviewSetupView *self,
                                                                 const char           *select_id);
gboolean             rh_interview_setup_view_select_template    (RhInterviewSetupView *self,
                                                                 const char           *id);
void                 rh_interview_setup_view_set_topics         (RhInterviewSetupView *self,
                                                                 const char           *topics);
RhInterviewTemplate *rh_interview_setup_view_build_template     (RhInterviewSetupView *self);

G_END_DECLS
