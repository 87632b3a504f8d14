/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "rh-interview.h"
#include "rh-scheduler.h"

G_BEGIN_DECLS

#define RH_TYPE_INTERVIEW_PAGE (rh_interview_page_get_type ())

G_DECLARE_FINAL_TYPE (RhInterviewPage, rh_interview_page, RH, INTERVIEW_PAGE, GtkWidget)

GtkWidget   *rh_interview_page_new             (RhScheduler     *scheduler);
RhInterview *rh_interview_page_get_interview   (RhInterviewPage *self);
const char  *rh_interview_page_get_page        (RhInterviewPage *self);
gboolean     rh_interview_page_select_template (RhInterviewPage *self,
                                                const char      *id);
void         rh_interview_page_set_topics      (RhInterviewPage *self,
                                                const char      *topics);

G_END_DECLS
