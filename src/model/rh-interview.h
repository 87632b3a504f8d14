/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "rh-card.h"
#include "rh-interview-report.h"
#include "rh-interview-store.h"
#include "rh-interview-template.h"
#include "rh-scheduler.h"

G_BEGIN_DECLS

typedef enum
{
  RH_INTERVIEW_STATE_NOT_STARTED,
  RH_INTERVIEW_STATE_ASKING,
  RH_INTERVIEW_STATE_REVEALED,
  RH_INTERVIEW_STATE_PAUSED,
  RH_INTERVIEW_STATE_FINISHED,
} RhInterviewState;

#define RH_TYPE_INTERVIEW_STATE (rh_interview_state_get_type ())
GType rh_interview_state_get_type (void) G_GNUC_CONST;

#define RH_INTERVIEW_ERROR (rh_interview_error_quark ())

typedef enum
{
  RH_INTERVIEW_ERROR_NO_QUESTIONS,   /* no card fits the template */
  RH_INTERVIEW_ERROR_NOT_FOUND,      /* no such session */
  RH_INTERVIEW_ERROR_CLOSED,         /* the session is finished or discarded */
} RhInterviewError;

GQuark rh_interview_error_quark (void);

#define RH_TYPE_INTERVIEW (rh_interview_get_type ())

G_DECLARE_FINAL_TYPE (RhInterview, rh_interview, RH, INTERVIEW, GObject)

/* A timed mock interview over the cards of a template.
 *
 * Flow (state → call → state):
 *   NOT_STARTED  start()          ASKING (first question)
 *   ASKING       reveal()         REVEALED (the reference answer)
 *   ASKING/REVEALED  rate()       ASKING the next question, or FINISHED
 *   ASKING/REVEALED  skip()       likewise; a skipped question is not rated
 *   ASKING/REVEALED  pause()      PAUSED; resume() goes back
 *   any but FINISHED  end()       FINISHED (the question being asked is
 *                                 kept as skipped)
 * Calls in another state are programming errors (g_return_val_if_fail).
 * rate() and skip() move on at once; there is no separate "next". A
 * question may run over its budget; it never moves on by itself unless
 * the template's auto-advance is set, in which case a tick after the
 * budget is out skips it.
 *
 * Follow-ups: after a question rated Good or Easy, the next question may
 * be one of its follow-ups (chosen by RhInterviewPlanner), as long as the
 * chain is shallower than the template's follow-up depth. Again, Hard or
 * a skip ends the chain and the next planned question comes. Follow-ups
 * share their root's question index and do not count as planned
 * questions, but their time counts.
 *
 * The questions are chosen at construction, seeded, and budgeted by
 * RhInterviewPlanner (see "Question choice" and "Budgets" there).
 *
 * Every change is written by the store (rh-interview-store.h) as it
 * happens: the session row at start(), the question being asked at every
 * call and, while running, at most every 15 s from tick(); each answer
 * when given. With counts-toward-schedule each rating is also an FSRS
 * review (source "interview", the measured time as its duration, dated by
 * the wall clock) in a transaction of its own, undone if the answer cannot
 * be saved. Call pause() when the view goes away: a session that is not
 * finished is found by rh_interview_store_find_unfinished() and comes back
 * with rh_interview_restore() paused where it was last saved, the time the
 * app was closed not counted.
 *
 * Timing: elapsed times are read from the database clock's monotonic time
 * when asked, paused time excluded, so setting the wall clock moves no
 * countdown; dates (started, answered, ended) are wall-clock time. Only
 * amounts are saved, so they carry over a restart. Nothing runs by
 * itself: the view calls tick() (say every 200 ms while running) to get
 * notifications; a fake clock's "now" notification ticks too, so tests
 * move the clock.
 *
 * Properties (G_PARAM_EXPLICIT_NOTIFY; read-only but for "notes"):
 *   "scheduler"           RhScheduler (construct-only)
 *   "template"            RhInterviewTemplate (construct-only)
 *   "seed"                uint64
 *   "session-id"          int64, 0 until started
 *   "state"               RhInterviewState
 *   "current-card"        RhCard, nullable: the question being asked
 *   "question-index"      uint: the planned question (from 0); follow-ups
 *                         share their root's
 *   "n-questions"         uint: planned questions
 *   "n-answered"          uint: questions answered or skipped so far
 *   "follow-up-depth"     uint: 0 for a planned question, 1… for follow-ups
 *   "question-budget"     uint seconds
 *   "question-elapsed"    int64 seconds
 *   "question-remaining"  int64 seconds, negative when over time
 *   "total-budget"        uint seconds
 *   "total-elapsed"       int64 seconds
 *   "total-remaining"     int64 seconds, negative when over time
 *   "overtime"            boolean: the question ran over its budget
 *   "warning"             boolean: in the last 20% of the budget, not over
 *   "total-overtime"      boolean
 *   "notes"               string (read-write): the current question's notes,
 *                         cleared when the next question comes */

RhInterview      *rh_interview_new               (RhScheduler         *scheduler,
                                                  RhInterviewTemplate *template,
                                                  GError             **error);
RhInterview      *rh_interview_new_with_seed     (RhScheduler         *scheduler,
                                                  RhInterviewTemplate *template,
                                                  guint64              seed,
                                                  GError             **error);
/* Asks @card_ids (row ids) in this order; kinds and topics of @template
 * are not applied, suspended and missing cards are left out. */
RhInterview      *rh_interview_new_for_cards     (RhScheduler         *scheduler,
                                                  RhInterviewTemplate *template,
                                                  const gint64        *card_ids,
                                                  guint                n_cards,
                                                  GError             **error);
/* The weak answers of @session_id (rh_interview_answer_is_weak()), with the budgets they had,
 * no follow-ups, counting toward the schedule as that session did. */
RhInterview      *rh_interview_new_retry         (RhScheduler         *scheduler,
                                                  gint64               session_id,
                                                  GError             **error);

RhInterview      *rh_interview_restore           (RhScheduler         *scheduler,
                                                  gint64               session_id,
                                                  GError             **error);

RhScheduler      *rh_interview_get_scheduler     (RhInterview         *self);
RhInterviewTemplate *rh_interview_get_template   (RhInterview         *self);
guint64           rh_interview_get_seed          (RhInterview         *self);
gint64            rh_interview_get_session_id    (RhInterview         *self);
RhInterviewState  rh_interview_get_state         (RhInterview         *self);
RhCard           *rh_interview_get_current_card  (RhInterview         *self);
guint             rh_interview_get_question_index (RhInterview        *self);
guint             rh_interview_get_n_questions   (RhInterview         *self);
guint             rh_interview_get_n_answered    (RhInterview         *self);
guint             rh_interview_get_follow_up_depth (RhInterview       *self);
/* The planned cards, in order (row ids). */
const gint64     *rh_interview_get_plan          (RhInterview         *self,
                                                  guint               *n_cards);
guint             rh_interview_get_question_budget (RhInterview       *self);
gint64            rh_interview_get_question_elapsed (RhInterview      *self);
gint64            rh_interview_get_question_remaining (RhInterview    *self);
guint             rh_interview_get_total_budget  (RhInterview         *self);
gint64            rh_interview_get_total_elapsed (RhInterview         *self);
gint64            rh_interview_get_total_remaining (RhInterview       *self);
gboolean          rh_interview_get_overtime      (RhInterview         *self);
gboolean          rh_interview_get_warning       (RhInterview         *self);
gboolean          rh_interview_get_total_overtime (RhInterview        *self);
const char       *rh_interview_get_notes         (RhInterview         *self);
void              rh_interview_set_notes         (RhInterview         *self,
                                                  const char          *notes);

gboolean          rh_interview_start             (RhInterview         *self,
                                                  GError             **error);
gboolean          rh_interview_reveal            (RhInterview         *self,
                                                  GError             **error);
/* @notes: (nullable): replaces the notes; %NULL keeps those set. */
gboolean          rh_interview_rate              (RhInterview         *self,
                                                  RhRating             rating,
                                                  const char          *notes,
                                                  GError             **error);
gboolean          rh_interview_skip              (RhInterview         *self,
                                                  GError             **error);
gboolean          rh_interview_pause             (RhInterview         *self,
                                                  GError             **error);
gboolean          rh_interview_resume            (RhInterview         *self,
                                                  GError             **error);
gboolean          rh_interview_end               (RhInterview         *self,
                                                  GError             **error);
/* Notifies the timing properties that changed; see "Timing". */
void              rh_interview_tick              (RhInterview         *self);
/* The report of this session so far; only once started. */
RhInterviewReport *rh_interview_dup_report       (RhInterview         *self,
                                                  GError             **error);

G_END_DECLS
