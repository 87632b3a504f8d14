/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rh-card.h"
#include "rh-database.h"
#include "rh-fsrs.h"

G_BEGIN_DECLS

/* One question as it was asked. Owned by the report, read-only. */
typedef struct
{
  gint64      answer_id;
  guint       position;        /* order asked, from 0 */
  guint       question_index;  /* the planned question; follow-ups share their root's */
  gint64      card_id;         /* 0 when the card was deleted since */
  char       *title;
  char       *topic;
  RhCardKind  kind;
  guint       depth;           /* 0 for a planned question, 1… for follow-ups */
  gint64      parent_id;       /* the answer this follows up, 0 for none */
  guint       budget_seconds;
  gint64      spent_ms;
  RhRating    rating;          /* 0 when skipped */
  gboolean    skipped;
  gboolean    overtime;        /* spent more than the budget */
  char       *notes;
  gint64      answered_at;     /* Unix seconds */
} RhInterviewAnswer;

#define RH_TYPE_INTERVIEW_REPORT (rh_interview_report_get_type ())

G_DECLARE_FINAL_TYPE (RhInterviewReport, rh_interview_report, RH, INTERVIEW_REPORT, GObject)

/* What a session asked and how it went, read from the database.
 *
 * Score: the mean over the questions asked (follow-ups included) of
 * Again = 0, Hard = 33⅓, Good = 66⅔, Easy = 100, a skipped question
 * counting as Again, rounded to an integer 0–100; -1 when nothing was
 * asked.
 *
 * Weakest topics: the topics (a card's full topic path) with at least one
 * weak answer by rh_interview_answer_is_weak(), none when every answer was
 * good; ordered by mean rating over all their answers (skipped = Again),
 * lowest first; ties go to the topic with more time over budget, then to
 * the one asked first.
 *
 * Properties (read-only):
 *   "session-id"              int64
 *   "template-id", "template-name"   string
 *   "finished"                boolean: FALSE while unfinished or when discarded
 *   "abandoned"               boolean: discarded when found unfinished
 *   "started-at", "ended-at"  int64 Unix seconds; ended-at 0 while unfinished
 *   "total-elapsed"           int64 seconds, pauses excluded
 *   "total-budget"            int64 seconds
 *   "overtime"                boolean: total-elapsed > total-budget
 *   "score"                   int -1–100
 *   "n-answers"               uint: questions asked, follow-ups included
 *   "n-planned"               uint: planned questions
 *   "counts-toward-schedule"  boolean */

RhInterviewReport       *rh_interview_report_load            (RhDatabase        *database,
                                                              gint64             session_id,
                                                              GError           **error);
/* Finished sessions, newest first. */
GListModel              *rh_interview_report_list_history    (RhDatabase        *database,
                                                              GError           **error);

gint64                   rh_interview_report_get_session_id  (RhInterviewReport *self);
const char              *rh_interview_report_get_template_id (RhInterviewReport *self);
const char              *rh_interview_report_get_template_name (RhInterviewReport *self);
gboolean                 rh_interview_report_get_finished    (RhInterviewReport *self);
gboolean                 rh_interview_report_get_abandoned   (RhInterviewReport *self);
gint64                   rh_interview_report_get_started_at  (RhInterviewReport *self);
gint64                   rh_interview_report_get_ended_at    (RhInterviewReport *self);
gint64                   rh_interview_report_get_total_elapsed (RhInterviewReport *self);
gint64                   rh_interview_report_get_total_budget (RhInterviewReport *self);
gboolean                 rh_interview_report_get_overtime    (RhInterviewReport *self);
int                      rh_interview_report_get_score       (RhInterviewReport *self);
guint                    rh_interview_report_get_n_planned   (RhInterviewReport *self);
gboolean                 rh_interview_report_get_counts_toward_schedule (RhInterviewReport *self);
guint                    rh_interview_report_get_n_answers   (RhInterviewReport *self);
const RhInterviewAnswer *rh_interview_report_get_answer      (RhInterviewReport *self,
                                                              guint              index);
const char * const      *rh_interview_report_get_weakest_topics (RhInterviewReport *self);

/* The one rule for a weak answer: rated Again or Hard, or skipped, on a
 * card that still exists. Retry Weak Questions asks exactly these. */
gboolean                 rh_interview_answer_is_weak         (const RhInterviewAnswer *answer);
guint                    rh_interview_report_count_weak      (RhInterviewReport *self);

/* The score formula, for one answer: 0–100. */
double                   rh_interview_report_rating_score    (RhRating           rating,
                                                              gboolean           skipped);

G_END_DECLS
