/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "rh-interview.h"
#include "rh-scheduler.h"

G_BEGIN_DECLS

#define RH_TYPE_INTERVIEW_VIEW (rh_interview_view_get_type ())

G_DECLARE_FINAL_TYPE (RhInterviewView, rh_interview_view, RH, INTERVIEW_VIEW, GtkWidget)

GtkWidget   *rh_interview_view_new           (RhScheduler     *scheduler);
RhInterview *rh_interview_view_get_interview (RhInterviewView *self);
const char  *rh_interview_view_get_page      (RhInterviewView *self);
gboolean     rh_interview_view_select_template (RhInterviewView *self,
                                                const char      *id);
void         rh_interview_view_set_topics    (RhInterviewView *self,
                                              const char      *topics);

G_END_DECLS
