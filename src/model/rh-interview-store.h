/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "rh-database.h"
#include "rh-deleted-rows.h"
#include "rh-interview-planner.h"
#include "rh-interview-report.h"

G_BEGIN_DECLS

/* Interview sessions and their answers in the database.
 *
 * A session row is written when the session starts; the question being
 * asked is saved with it (rh_interview_store_save()) as the session goes,
 * and each answer is committed when given, with where the session goes
 * next, in one transaction. A session that is not finished is found by
 * rh_interview_store_find_unfinished() and read back whole by
 * rh_interview_store_load(). Times are wall-clock Unix seconds (dates);
 * durations are amounts in ms, so they carry over a restart. */

/* Where a session is, as saved with its current question. */
typedef struct
{
  gboolean     finished;     /* no question left; sets the end date */
  gboolean     paused;
  gboolean     revealed;     /* the reference answer is shown, paused or not */
  const char  *notes;        /* of the current question */
  gint64       question_ms;  /* spent on the current question */
  gint64       total_ms;     /* active time, pauses excluded */
  gint64       paused_ms;
  gint64       saved_at;     /* Unix seconds */
} RhInterviewProgress;

/* An unfinished session as it was last saved. */
typedef struct
{
  char                *template_json;
  guint64              seed;
  char                *plan_json;
  gint64               started_at;   /* Unix seconds */
  gint64               total_ms;
  gint64               card_id;      /* the question being asked, 0 for none */
  RhInterviewQuestion  question;     /* its card NULL: see card_id */
  gint64               question_ms;
  char                *notes;
  gboolean             revealed;
  GArray              *answered;     /* gint64 card ids of the answers, in order; 0: deleted */
} RhInterviewSavedSession;

void      rh_interview_store_clear_saved     (RhInterviewSavedSession    *saved);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RhInterviewSavedSession, rh_interview_store_clear_saved)

/* Starts a session at @first; progress->saved_at is its start. Returns
 * its id, 0 on error. */
gint64    rh_interview_store_insert_session  (RhDatabase                 *database,
                                              const char                 *template_json,
                                              guint64                     seed,
                                              const char                 *plan_json,
                                              guint                       total_seconds,
                                              const RhInterviewQuestion  *first,
                                              const RhInterviewProgress  *progress,
                                              GError                    **error);
/* Saves the question being asked, @question, and @progress. */
gboolean  rh_interview_store_save            (RhDatabase                 *database,
                                              gint64                      session_id,
                                              const RhInterviewQuestion  *question,
                                              const RhInterviewProgress  *progress,
                                              GError                    **error);
/* Writes @answer (its answer_id ignored) and moves the session on to
 * @next (card NULL: finished). A follow-up in @next follows this answer:
 * its parent_answer_id is set here. Returns the answer's id, 0 on error
 * (then nothing is written). */
gint64    rh_interview_store_commit_answer   (RhDatabase                 *database,
                                              gint64                      session_id,
                                              const RhInterviewAnswer    *answer,
                                              gint64                      review_log_id,
                                              RhInterviewQuestion        *next,
                                              const RhInterviewProgress  *progress,
                                              GError                    **error);
/* %RH_INTERVIEW_ERROR_NOT_FOUND, or _CLOSED when it is over. */
gboolean  rh_interview_store_load            (RhDatabase                 *database,
                                              gint64                      session_id,
                                              RhInterviewSavedSession    *saved,
                                              GError                    **error);
/* Unfinished sessions: the newest one's id, 0 if none, -1 on error. */
gint64    rh_interview_store_find_unfinished (RhDatabase                 *database,
                                              GError                    **error);
/* Marks it abandoned; its answers stay, and its report can be loaded. */
gboolean  rh_interview_store_discard         (RhDatabase                 *database,
                                              gint64                      session_id,
                                              GError                    **error);
/* Deletes the session and its answers in one transaction; the reviews its
 * ratings gave stay in the cards' history. Returns what went, for undo,
 * %NULL with %RH_DATABASE_ERROR_NOT_FOUND when there is no such session. */
RhDeletedRows *rh_interview_store_delete_session (RhDatabase             *database,
                                                  gint64                  session_id,
                                                  GError                **error);

G_END_DECLS
