/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "rh-database.h"
#include "rh-statistics-store.h"
#include "rh-study-settings.h"

G_BEGIN_DECLS

typedef enum
{
  RH_STATISTICS_PERIOD_MONTH,   /* the last 30 study days */
  RH_STATISTICS_PERIOD_YEAR,    /* the last 365 */
  RH_STATISTICS_PERIOD_ALL,     /* since the first answer */
} RhStatisticsPeriod;

/* What a change can make stale; one query each, ACTIVITY feeding the
 * heatmap, the answers and time per day and the weekly retention. */
typedef enum /*< flags >*/
{
  RH_STATISTICS_PART_ACTIVITY   = 1 << 0,
  RH_STATISTICS_PART_FORECAST   = 1 << 1,
  RH_STATISTICS_PART_MEMORY     = 1 << 2,
  RH_STATISTICS_PART_READINESS  = 1 << 3,
  RH_STATISTICS_PART_INTERVIEWS = 1 << 4,
  RH_STATISTICS_PART_ALL        = (1 << 5) - 1,
} RhStatisticsPart;

#define RH_STATISTICS_FORECAST_DAYS 30

typedef struct
{
  guint n_reviews;     /* answers in review state */
  guint n_passed;      /* of which not Again */
} RhStatisticsWeek;

#define RH_TYPE_STATISTICS (rh_statistics_get_type ())

G_DECLARE_FINAL_TYPE (RhStatistics, rh_statistics, RH, STATISTICS, GObject)

/* The figures of the Statistics page for one scope and period, read from
 * the database when asked (rh_statistics_update()) and then kept: a
 * change marks only the parts it can reach stale (::stale), and a new
 * answer re-reads only the last two study days of the activity.
 *
 * Properties:
 *   "database"       RhDatabase, construct-only
 *   "settings"       RhStudySettings, construct-only: day rollover and
 *                    desired retention
 *   "topic-path"     string, "" for every card
 *   "period"         RhStatisticsPeriod
 *   "stale"          flags: the parts the next update will read
 * Signals:
 *   ::updated (RhStatisticsPart parts) after an update read @parts */

RhStatistics            *rh_statistics_new                (RhDatabase         *database,
                                                           RhStudySettings    *settings);
const char              *rh_statistics_get_topic_path     (RhStatistics       *self);
void                     rh_statistics_set_topic_path     (RhStatistics       *self,
                                                           const char         *topic_path);
RhStatisticsPeriod       rh_statistics_get_period         (RhStatistics       *self);
void                     rh_statistics_set_period         (RhStatistics       *self,
                                                           RhStatisticsPeriod  period);
RhStatisticsPart         rh_statistics_get_stale          (RhStatistics       *self);
RhStatisticsPart         rh_statistics_update             (RhStatistics       *self,
                                                           GError            **error);
RhStudySettings         *rh_statistics_get_settings       (RhStatistics       *self);

/* Activity: one entry per study day of the period, today last. */
const RhStatisticsDay   *rh_statistics_get_days           (RhStatistics       *self,
                                                           guint              *n_days);
guint                    rh_statistics_get_current_streak (RhStatistics       *self);
guint                    rh_statistics_get_longest_streak (RhStatistics       *self);
guint                    rh_statistics_day_get_n_reviews  (const RhStatisticsDay *day);
/* Whole weeks counted back from today, oldest first. */
const RhStatisticsWeek  *rh_statistics_get_weeks          (RhStatistics       *self,
                                                           guint              *n_weeks);

/* Forecast: cards due on each of the next 30 study days, today first. */
const guint             *rh_statistics_get_forecast       (RhStatistics       *self,
                                                           guint              *overdue);
const RhStatisticsMemory *rh_statistics_get_memory        (RhStatistics       *self);
/* (element-type RhStatisticsTopic), least ready first */
GArray                  *rh_statistics_get_readiness      (RhStatistics       *self);
/* (element-type RhStatisticsInterview), oldest first */
GArray                  *rh_statistics_get_interviews     (RhStatistics       *self);

G_END_DECLS
