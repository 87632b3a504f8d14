/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rh-card.h"
#include "rh-database.h"

G_BEGIN_DECLS

/* Built-in template ids, stable across versions and languages. */
#define RH_INTERVIEW_TEMPLATE_FUNDAMENTALS "fundamentals"
#define RH_INTERVIEW_TEMPLATE_PROJECT      "project"
#define RH_INTERVIEW_TEMPLATE_DEEP_DIVE    "deep-dive"

/* A bit per RhCardKind, for RhInterviewPart.kinds; 0 means any kind. */
#define RH_INTERVIEW_KIND(kind) (1u << (kind))

/* One step of a template's kind mix: @n_questions questions of @kinds from
 * @topics, asked in this order after the parts before it. */
typedef struct
{
  char     **topics;            /* topic paths (subtrees); NULL or empty: the template's topics */
  guint      kinds;             /* RH_INTERVIEW_KIND() bits; 0: any kind */
  guint      n_questions;
  guint      seconds;           /* a fixed budget per question; 0: the card's, else the template's */
  gboolean   needs_follow_ups;  /* only cards that have follow-ups (deep dives) */
} RhInterviewPart;

#define RH_TYPE_INTERVIEW_PART (rh_interview_part_get_type ())
GType            rh_interview_part_get_type (void) G_GNUC_CONST;
RhInterviewPart *rh_interview_part_copy     (const RhInterviewPart *part);
void             rh_interview_part_free     (RhInterviewPart       *part);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RhInterviewPart, rh_interview_part_free)

#define RH_TYPE_INTERVIEW_TEMPLATE (rh_interview_template_get_type ())

G_DECLARE_FINAL_TYPE (RhInterviewTemplate, rh_interview_template, RH, INTERVIEW_TEMPLATE, GObject)

/* What a mock interview asks and how long it takes.
 *
 * Properties (G_PARAM_EXPLICIT_NOTIFY):
 *   "id"                      string (construct-only): "fundamentals", "project",
 *                             "deep-dive", "custom-<row id>" once saved, "retry"
 *   "row-id"                  int64 (read-only): the custom template's row, 0 otherwise
 *   "builtin"                 boolean (read-only)
 *   "name", "description"     string; translated for built-ins
 *   "topics"                  GStrv of topic paths (subtrees); empty = all topics
 *   "n-questions"             uint 1–100: planned questions, follow-ups not counted;
 *                             with a kind mix, the sum of its parts (read-only then)
 *   "question-seconds"        uint 10–7200: the budget of a card without `seconds`
 *   "total-minutes"           uint 1–600: the budget of the whole session
 *   "follow-up-depth"         uint 0–10: how deep follow-up chains go (0 = none)
 *   "counts-toward-schedule"  boolean, default TRUE: answers are FSRS reviews
 *                             (source "interview"); FALSE = a cram session
 *   "auto-advance"            boolean, default FALSE: a question whose budget
 *                             runs out is skipped at the next tick
 *
 * Without a kind mix, the questions come from "topics", any kind. */

RhInterviewTemplate *rh_interview_template_new              (const char            *id,
                                                             const char            *name);
RhInterviewTemplate *rh_interview_template_new_custom       (void);
RhInterviewTemplate *rh_interview_template_new_builtin      (const char            *id);
RhInterviewTemplate *rh_interview_template_copy             (RhInterviewTemplate   *self,
                                                             const char            *id);

const char          *rh_interview_template_get_id           (RhInterviewTemplate   *self);
gint64               rh_interview_template_get_row_id       (RhInterviewTemplate   *self);
gboolean             rh_interview_template_get_builtin      (RhInterviewTemplate   *self);
const char          *rh_interview_template_get_name         (RhInterviewTemplate   *self);
void                 rh_interview_template_set_name         (RhInterviewTemplate   *self,
                                                             const char            *name);
const char          *rh_interview_template_get_description  (RhInterviewTemplate   *self);
void                 rh_interview_template_set_description  (RhInterviewTemplate   *self,
                                                             const char            *description);
const char * const  *rh_interview_template_get_topics       (RhInterviewTemplate   *self);
void                 rh_interview_template_set_topics       (RhInterviewTemplate   *self,
                                                             const char * const    *topics);
guint                rh_interview_template_get_n_questions  (RhInterviewTemplate   *self);
void                 rh_interview_template_set_n_questions  (RhInterviewTemplate   *self,
                                                             guint                  n_questions);
guint                rh_interview_template_get_question_seconds (RhInterviewTemplate *self);
void                 rh_interview_template_set_question_seconds (RhInterviewTemplate *self,
                                                                 guint                seconds);
guint                rh_interview_template_get_total_minutes (RhInterviewTemplate  *self);
void                 rh_interview_template_set_total_minutes (RhInterviewTemplate  *self,
                                                              guint                 minutes);
guint                rh_interview_template_get_follow_up_depth (RhInterviewTemplate *self);
void                 rh_interview_template_set_follow_up_depth (RhInterviewTemplate *self,
                                                                guint                depth);
gboolean             rh_interview_template_get_counts_toward_schedule (RhInterviewTemplate *self);
void                 rh_interview_template_set_counts_toward_schedule (RhInterviewTemplate *self,
                                                                       gboolean             counts);
gboolean             rh_interview_template_get_auto_advance (RhInterviewTemplate   *self);
void                 rh_interview_template_set_auto_advance (RhInterviewTemplate   *self,
                                                             gboolean               auto_advance);

/* The kind mix; parts are copied. */
void                 rh_interview_template_add_part         (RhInterviewTemplate   *self,
                                                             const RhInterviewPart *part);
guint                rh_interview_template_get_n_parts      (RhInterviewTemplate   *self);
const RhInterviewPart *rh_interview_template_get_part       (RhInterviewTemplate   *self,
                                                             guint                  index);

/* The built-ins, in menu order (rh-interview-template-builtin.c). Custom
 * templates are saved with rh-interview-template-store.h. */
const char * const  *rh_interview_template_get_builtin_ids  (void);

/* The snapshot a session keeps, so later edits do not change its report. */
char                *rh_interview_template_to_json          (RhInterviewTemplate   *self);
RhInterviewTemplate *rh_interview_template_new_from_json    (const char            *json,
                                                             GError               **error);

G_END_DECLS
