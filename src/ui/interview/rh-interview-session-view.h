/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "rh-interview.h"

G_BEGIN_DECLS

#define RH_TYPE_INTERVIEW_SESSION_VIEW (rh_interview_session_view_get_type ())

G_DECLARE_FINAL_TYPE (RhInterviewSessionView, rh_interview_session_view, RH, INTERVIEW_SESSION_VIEW, GtkWidget)

GtkWidget   *rh_interview_session_view_new           (void);
RhInterview *rh_interview_session_view_get_interview (RhInterviewSessionView *self);
void         rh_interview_session_view_set_interview (RhInterviewSessionView *self,
                                                      RhInterview            *interview);
void         rh_interview_session_view_add_toast     (RhInterviewSessionView *self,
                                                      AdwToast               *toast);

G_END_DECLS
