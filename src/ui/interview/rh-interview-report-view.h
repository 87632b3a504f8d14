/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "rh-interview-report.h"

G_BEGIN_DECLS

#define RH_TYPE_INTERVIEW_REPORT_VIEW (rh_interview_report_view_get_type ())

G_DECLARE_FINAL_TYPE (RhInterviewReportView, rh_interview_report_view, RH, INTERVIEW_REPORT_VIEW, GtkWidget)

GtkWidget         *rh_interview_report_view_new        (void);
RhInterviewReport *rh_interview_report_view_get_report (RhInterviewReportView *self);
void               rh_interview_report_view_set_report (RhInterviewReportView *self,
                                                        RhInterviewReport     *report);
void               rh_interview_report_view_set_show_back (RhInterviewReportView *self,
                                                           gboolean               show_back);

G_END_DECLS
