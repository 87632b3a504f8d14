/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "rh-database.h"

G_BEGIN_DECLS

/* The queries behind the Statistics page, one per chart, each over the
 * cards of @topic_path and its subtopics ("" for every card). Times are
 * Unix seconds; the caller says where study days start (RhStatistics asks
 * the clock), so these never decide what a day is. */

/* Answers are counted by the card's state before them, as review_state
 * numbers them: new, learning, review, relearning. */
#define RH_STATISTICS_N_KINDS 4

typedef struct
{
  gint64 start;                           /* the study day's first second */
  guint  reviews[RH_STATISTICS_N_KINDS];  /* answers, by state before */
  guint  passed;                          /* answers in review state not Again */
  gint64 duration_ms;                     /* time spent answering */
} RhStatisticsDay;

/* Stability in days: < 1, 1–7, 7–30, 30–90, 90–365, ≥ 365. */
#define RH_STATISTICS_N_STABILITY_BINS 6
/* Retrievability now: < 50 %, 50–60, 60–70, 70–80, 80–90, ≥ 90 %. */
#define RH_STATISTICS_N_RETRIEVABILITY_BINS 6

typedef struct
{
  guint n_cards;       /* active cards with a memory state (not new) */
  guint stability[RH_STATISTICS_N_STABILITY_BINS];
  guint retrievability[RH_STATISTICS_N_RETRIEVABILITY_BINS];
  guint n_recalled;    /* retrievability ≥ the desired retention */
} RhStatisticsMemory;

typedef struct
{
  char   *name;
  char   *path;
  guint   n_cards;               /* active cards in the subtree */
  guint   n_new;
  guint   n_ready;               /* retrievability ≥ the desired retention */
  guint   n_interview_answers;   /* mock-interview answers on its cards */
  double  interview_rating;      /* their mean, 1–4 (skipped = Again) */
  gint64  topic_id;
} RhStatisticsTopic;

typedef struct
{
  gint64  session_id;
  gint64  ended_at;
  char   *template_id;
  char   *template_name;
  int     score;                 /* 0–100, as the interview report scores */
  guint   n_answers;
} RhStatisticsInterview;

/* Lower bound of each bin, in days / as a retrievability. */
extern const double rh_statistics_stability_bins[RH_STATISTICS_N_STABILITY_BINS];
extern const double rh_statistics_retrievability_bins[RH_STATISTICS_N_RETRIEVABILITY_BINS];

gint64    rh_statistics_store_first_review (RhDatabase          *database,
                                            const char          *topic_path,
                                            GError             **error);
gboolean  rh_statistics_store_prepare_days (RhDatabase          *database,
                                            guint                rollover_hour,
                                            GError             **error);
gboolean  rh_statistics_store_add_days     (RhDatabase          *database,
                                            const char          *topic_path,
                                            guint                rollover_hour,
                                            guint                n_days,
                                            RhStatisticsDay     *days,
                                            gint64               end,
                                            GError             **error);
gboolean  rh_statistics_store_forecast     (RhDatabase          *database,
                                            const char          *topic_path,
                                            gint64               now,
                                            const gint64        *bounds,
                                            guint                n_days,
                                            guint               *overdue,
                                            guint               *due,
                                            GError             **error);
gboolean  rh_statistics_store_memory       (RhDatabase          *database,
                                            const char          *topic_path,
                                            gint64               now,
                                            double               desired_retention,
                                            RhStatisticsMemory  *memory,
                                            GError             **error);
gboolean  rh_statistics_store_prepare_readiness (RhDatabase     *database,
                                                 double          desired_retention,
                                                 GError        **error);
GArray   *rh_statistics_store_readiness    (RhDatabase          *database,
                                            const char          *topic_path,
                                            gint64               now,
                                            double               desired_retention,
                                            GError             **error);
gint64    rh_statistics_store_last_answer  (RhDatabase          *database,
                                            GError             **error);
gboolean  rh_statistics_store_add_answers  (RhDatabase          *database,
                                            const char          *topic_path,
                                            gint64              *after_log_id,
                                            GHashTable          *cards,
                                            gint64               now,
                                            double               desired_retention,
                                            RhStatisticsMemory  *memory,
                                            const gint64        *bounds,
                                            guint                n_days,
                                            guint               *overdue,
                                            guint               *due,
                                            GError             **error);
gboolean  rh_statistics_store_update_readiness (RhDatabase      *database,
                                                GArray          *topics,
                                                GHashTable      *cards,
                                                gint64           now,
                                                double           desired_retention,
                                                GError         **error);
GArray   *rh_statistics_store_interviews   (RhDatabase          *database,
                                            const char          *topic_path,
                                            gint64               since,
                                            GError             **error);

G_END_DECLS
