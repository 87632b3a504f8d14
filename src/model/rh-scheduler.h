/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "rh-database.h"
#include "rh-fsrs.h"
#include "rh-study-settings.h"

G_BEGIN_DECLS

/* Matches review_state.state. */
typedef enum
{
  RH_CARD_STATE_NEW,
  RH_CARD_STATE_LEARNING,
  RH_CARD_STATE_REVIEW,
  RH_CARD_STATE_RELEARNING,
} RhCardState;

/* Matches review_log.source. */
typedef enum
{
  RH_REVIEW_SOURCE_STUDY,
  RH_REVIEW_SOURCE_INTERVIEW,
} RhReviewSource;

typedef struct
{
  RhCardState state;
  guint       step;          /* index into the (re)learning steps */
  double      stability;     /* 0 while new */
  double      difficulty;    /* 0 while new */
  gint64      due;           /* Unix seconds; 0 while new */
  gint64      last_review;   /* Unix seconds; 0 if never */
  guint       reps;
  guint       lapses;
} RhReviewState;

#define RH_TYPE_SCHEDULER (rh_scheduler_get_type ())

G_DECLARE_FINAL_TYPE (RhScheduler, rh_scheduler, RH, SCHEDULER, GObject)

/* Applies FSRS-6 plus (re)learning steps to review_state, following the
 * database's clock and the settings (read at each call, never cached).
 *
 * Study days roll over at settings' day-rollover-hour in the clock's time
 * zone; FSRS elapsed days are whole study days between the last review and
 * now (0 = same study day). A review card's due time is the start of the
 * study day it falls due on. Fuzz applies to review intervals (>= 3 days)
 * and is seeded from the card row id and its reps, so a preview and the
 * answer that follows agree. */

RhScheduler *rh_scheduler_new               (RhDatabase       *database,
                                             RhStudySettings  *settings);
RhDatabase  *rh_scheduler_get_database      (RhScheduler      *self);
RhStudySettings *rh_scheduler_get_settings  (RhScheduler      *self);

/* Study day helpers, in Unix seconds. */
gint64       rh_scheduler_get_day_start     (RhScheduler      *self,
                                             gint64            at);
gint64       rh_scheduler_get_day_number    (RhScheduler      *self,
                                             gint64            at);
gint64       rh_scheduler_get_day_start_after (RhScheduler    *self,
                                               gint64          at,
                                               int             n_days);
int          rh_scheduler_get_elapsed_days  (RhScheduler      *self,
                                             gint64            last_review,
                                             gint64            at);
/* The fuzz seed of the answer that brings @card_id to @reps repetitions. */
guint64      rh_scheduler_get_fuzz_seed     (gint64            card_id,
                                             guint             reps);

gboolean     rh_scheduler_get_state         (RhScheduler      *self,
                                             gint64            card_id,
                                             RhReviewState    *state,
                                             GError          **error);
/* The state answering @rating now would give, without writing anything. */
void         rh_scheduler_next_state        (RhScheduler         *self,
                                             gint64               card_id,
                                             const RhReviewState *current,
                                             RhRating             rating,
                                             RhReviewState       *next);
/* Seconds until due for each rating, index 0 = Again … 3 = Easy; an
 * outcome in review state counts whole study days (n × 86400). */
gboolean     rh_scheduler_preview           (RhScheduler      *self,
                                             gint64            card_id,
                                             gint64            intervals[4],
                                             GError          **error);
/* Writes the new state and a review_log row in one transaction and emits
 * ::changed (REVIEWS). @log_id: (out) (optional) the new log row. A lapse
 * that makes the card a leech (see "leech-threshold") also suspends it
 * and tags it "leech", in the same transaction (and CARDS);
 * rh_scheduler_get_answer_leech() says so. */
gboolean     rh_scheduler_answer            (RhScheduler      *self,
                                             gint64            card_id,
                                             RhRating          rating,
                                             gint64            duration_ms,
                                             RhReviewSource    source,
                                             gint64           *log_id,
                                             GError          **error);
/* Restores the exact state before @log_id and deletes that row, in one
 * transaction, with the leech marking it made. Only the newest log row of
 * its card can be undone. */
gboolean     rh_scheduler_undo              (RhScheduler      *self,
                                             gint64            log_id,
                                             GError          **error);
gboolean     rh_scheduler_get_answer_leech  (RhScheduler      *self,
                                             gint64            log_id);

/* "45 s", "10 min", "3 h", "5 d", "2 mo", "1.5 y": short, translatable. */
char        *rh_scheduler_format_interval   (gint64            seconds);

G_END_DECLS
