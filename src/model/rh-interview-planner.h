/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "rh-card.h"
#include "rh-interview-report.h"
#include "rh-interview-template.h"
#include "rh-scheduler.h"

G_BEGIN_DECLS

/* A question of a session: the one being asked, or the one that comes
 * next (card NULL when nothing does). */
typedef struct
{
  RhCard *card;              /* owned */
  guint   index;             /* the planned question; follow-ups share their root's */
  guint   depth;             /* 0 for a planned question, 1… for follow-ups */
  gint64  parent_answer_id;  /* the answer a follow-up follows, 0 for none */
  guint   budget;            /* seconds */
  guint   next_planned;      /* where the plan goes on after this question */
} RhInterviewQuestion;

void rh_interview_question_clear (RhInterviewQuestion *question);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RhInterviewQuestion, rh_interview_question_clear)

#define RH_TYPE_INTERVIEW_PLANNER (rh_interview_planner_get_type ())

G_DECLARE_FINAL_TYPE (RhInterviewPlanner, rh_interview_planner, RH, INTERVIEW_PLANNER, GObject)

/* Chooses the questions of a session and what comes after each.
 *
 * Question choice (rh_interview_planner_choose(), seeded): for each part
 * of the template's kind mix (or its topics, any kind, without one),
 * candidates are the non-suspended cards of the part's topic subtrees and
 * kinds not already chosen. Each gets a score, the highest picked first:
 *   weakness  1 − R, R the FSRS retrievability now (new cards: 0.4)
 *   + 0.5     when due by the end of today's study day (not new cards)
 *   + jitter  0–0.2, a hash of the seed and the card id
 * so due and forgotten cards come first, then new ones, then well-known
 * ones; equal cards are ordered by the seed. With several topics the part
 * takes the best card of each topic in turn (topic order from the seed),
 * so the areas are mixed. The plan is kept with the session as JSON.
 *
 * A part that needs follow-ups takes, in that order, roots whose chain
 * can reach the template's follow-up depth, then shallower ones when the
 * deck has too few. The chain each planned question is expected to have
 * (every answer rated Good) is kept for it: no later question takes those
 * cards.
 *
 * Follow-ups (rh_interview_planner_next() with @follow): of the current
 * card's follow-ups that are not suspended, were not asked in this
 * session and are not planned for later, the first of those whose own
 * chain goes deepest, as long as the chain is shallower than the
 * template's follow-up depth; otherwise the next planned question that
 * can still be asked. A design card is never the follow-up of a card of
 * another kind: design questions are the ones the template plans.
 *
 * Budgets: a question's budget is the part's fixed seconds, else the
 * card's `seconds`, else the template's question-seconds; follow-ups use
 * their card's, else the template's. The total budget is total-minutes.
 * When the planned questions and their expected follow-ups add up to
 * more, the budgets that are not fixed (follow-ups' too) are scaled by
 * one factor, (total − fixed) / (the rest), each kept at one minute or
 * more (or its own length when shorter); fixed budgets are what the
 * template promises and are kept. */

RhInterviewPlanner *rh_interview_planner_new            (RhScheduler                *scheduler,
                                                         RhInterviewTemplate        *template,
                                                         guint64                     seed);

/* Fills the plan from the template; %RH_INTERVIEW_ERROR_NO_QUESTIONS when
 * no card fits. */
gboolean            rh_interview_planner_choose         (RhInterviewPlanner         *self,
                                                         GError                    **error);
/* Plans @card_ids in this order with the fixed budgets @seconds (nullable,
 * 0 = none), leaving out suspended, missing and repeated cards. */
gboolean            rh_interview_planner_add_cards      (RhInterviewPlanner         *self,
                                                         const gint64               *card_ids,
                                                         const guint                *seconds,
                                                         guint                       n_cards,
                                                         GError                    **error);
/* Plans the weak answers of @report (rh_interview_answer_is_weak()), in
 * order, with the budgets they had, and sizes the template to them (the
 * session's own snapshot). %RH_INTERVIEW_ERROR_NO_QUESTIONS when nothing
 * was weak. */
gboolean            rh_interview_planner_add_weak       (RhInterviewPlanner         *self,
                                                         RhInterviewReport          *report,
                                                         GError                    **error);
/* Comes back to a saved session: its @plan_json, the cards of its
 * answers (0 for deleted ones) and the question it was on, @card_id with
 * the rest of @question (its card NULL). When that card cannot be asked
 * any more, @question becomes the next planned one and *@moved_on is set;
 * %RH_INTERVIEW_ERROR_NO_QUESTIONS when there is none. */
gboolean            rh_interview_planner_restore        (RhInterviewPlanner         *self,
                                                         const char                 *plan_json,
                                                         const gint64               *answered,
                                                         guint                       n_answered,
                                                         gint64                      card_id,
                                                         RhInterviewQuestion        *question,
                                                         gboolean                   *moved_on,
                                                         GError                    **error);
/* The plan as saved with the session. */
char               *rh_interview_planner_dup_plan_json  (RhInterviewPlanner         *self);

const gint64       *rh_interview_planner_get_plan       (RhInterviewPlanner         *self,
                                                         guint                      *n_cards);
guint               rh_interview_planner_get_n_planned  (RhInterviewPlanner         *self);
guint               rh_interview_planner_get_total_budget (RhInterviewPlanner       *self);

/* Asked cards are not asked again as follow-ups or planned questions. */
void                rh_interview_planner_mark_asked     (RhInterviewPlanner         *self,
                                                         gint64                      card_id);
/* What comes after @current; @follow: whether its chain goes on (rated
 * Good or better). A follow-up's parent_answer_id is left 0 for the
 * caller, which knows the answer it follows. */
gboolean            rh_interview_planner_next           (RhInterviewPlanner         *self,
                                                         const RhInterviewQuestion  *current,
                                                         gboolean                    follow,
                                                         RhInterviewQuestion        *next,
                                                         GError                    **error);

G_END_DECLS
