/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "rh-card.h"
#include "rh-scheduler.h"

G_BEGIN_DECLS

#define RH_TYPE_STUDY_QUEUE (rh_study_queue_get_type ())

G_DECLARE_FINAL_TYPE (RhStudyQueue, rh_study_queue, RH, STUDY_QUEUE, GObject)

/* What to study next in a topic subtree ("" for all), today:
 *   1. learning/relearning cards that are due (oldest due first),
 *   2. review cards due by the end of today's study day, up to
 *      reviews-per-day minus the reviews answered today,
 *   3. new cards in deck order, up to new-per-day minus the new cards
 *      answered today,
 *   4. when nothing else is left, a learning card due within 20 minutes
 *      (learn ahead, as Anki does).
 * Suspended cards never appear. Each pick is an indexed query.
 *
 * Properties (read-only unless noted, G_PARAM_EXPLICIT_NOTIFY):
 *   "scheduler"     RhScheduler (construct-only)
 *   "topic-path"    string (read-write)
 *   "current-card"  RhCard, nullable: the card to show now
 *   "current-state" RhCardState of the current card (uint property)
 *   "n-learning", "n-review", "n-new"   uint: left today, current card included;
 *                   learning counts the cards due before the day ends or
 *                   soon enough to be learnt ahead
 *   "next-due"      int64 Unix seconds of the next card that will come due
 *                   in the subtree when nothing is due now; 0 if none
 *   "n-cards"       uint: non-suspended cards in the subtree (0 = empty topic)
 *   "can-undo"      boolean: this topic has an answer to undo (each topic
 *                   keeps its own)
 * It refreshes itself on database ::changed and settings notifications.
 *
 * Signals:
 *   "leech" (RhCard *card): an answer made @card a leech, so it was
 *                   suspended and tagged "leech" (undoing the answer
 *                   takes that back) */

/* The one rule for what is due now, which the counts above and the
 * search's is:due follow: learning and relearning cards due before
 * @learning_before (the end of the study day, or learn-ahead time from
 * @now when that is later), review cards due before @review_before (the
 * end of the study day). Suspended cards are never due. */
void          rh_study_queue_get_due_before   (RhClock       *clock,
                                               gint64         now,
                                               gint64        *learning_before,
                                               gint64        *review_before);

RhStudyQueue *rh_study_queue_new              (RhScheduler   *scheduler,
                                               const char    *topic_path);
RhScheduler  *rh_study_queue_get_scheduler    (RhStudyQueue  *self);
const char   *rh_study_queue_get_topic_path   (RhStudyQueue  *self);
void          rh_study_queue_set_topic_path   (RhStudyQueue  *self,
                                               const char    *topic_path);
RhCard       *rh_study_queue_get_current_card (RhStudyQueue  *self);
RhCardState   rh_study_queue_get_current_state (RhStudyQueue *self);
gboolean      rh_study_queue_get_current_returned (RhStudyQueue *self);
guint         rh_study_queue_get_n_waiting    (RhStudyQueue  *self);
guint         rh_study_queue_get_n_learning   (RhStudyQueue  *self);
guint         rh_study_queue_get_n_review     (RhStudyQueue  *self);
guint         rh_study_queue_get_n_new        (RhStudyQueue  *self);
guint         rh_study_queue_get_n_cards      (RhStudyQueue  *self);
gint64        rh_study_queue_get_next_due     (RhStudyQueue  *self);
gboolean      rh_study_queue_get_can_undo     (RhStudyQueue  *self);
void          rh_study_queue_refresh          (RhStudyQueue  *self);
/* Answers the current card (source = study) and moves on. */
gboolean      rh_study_queue_answer           (RhStudyQueue  *self,
                                               RhRating       rating,
                                               gint64         duration_ms,
                                               GError       **error);
/* Undoes this topic's last answer and makes that card current again. */
gboolean      rh_study_queue_undo             (RhStudyQueue  *self,
                                               RhRating      *rating,
                                               GError       **error);
/* Shows @card now, outside the queue order (e.g. an opened follow-up);
 * answering it schedules it as usual. */
void          rh_study_queue_show_card        (RhStudyQueue  *self,
                                               RhCard        *card);
/* Shows @follow_up now; the current card waits and comes back to be graded
 * once @follow_up is answered. */
void          rh_study_queue_open_follow_up   (RhStudyQueue  *self,
                                               RhCard        *follow_up);

G_END_DECLS
