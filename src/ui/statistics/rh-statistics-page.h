/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "rh-statistics.h"

G_BEGIN_DECLS

#define RH_TYPE_STATISTICS_PAGE (rh_statistics_page_get_type ())

G_DECLARE_FINAL_TYPE (RhStatisticsPage, rh_statistics_page, RH, STATISTICS_PAGE, GtkWidget)

/* The Statistics page: RhStatistics' figures as charts, each with a
 * description that says them in words. It reads what went stale when it
 * is shown, and while shown, when a change arrives.
 *
 * Properties:
 *   "statistics"  RhStatistics, construct-only
 *   "period"      int, an RhStatisticsPeriod (the "statistics.period"
 *                 action)
 * Signals:
 *   ::open-topic (const char *path): a readiness row was activated */

GtkWidget    *rh_statistics_page_new            (RhStatistics     *statistics);
RhStatistics *rh_statistics_page_get_statistics (RhStatisticsPage *self);
void          rh_statistics_page_set_topic_path (RhStatisticsPage *self,
                                                 const char       *topic_path);

G_END_DECLS
