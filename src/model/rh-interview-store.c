/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rh-interview"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rh-database-private.h"
#include "rh-deleted-rows-private.h"
#include "rh-interview.h"
#include "rh-interview-store.h"

#define UNFINISHED_STATES "('asking', 'revealed', 'paused')"

/* The state column of a session row. */
static const char *
state_name (const RhInterviewProgress *progress)
{
  if (progress->finished)
    return "finished";
  if (progress->paused)
    return "paused";

  return progress->revealed ? "revealed" : "asking";
}

/* Steps a statement that returns one id. */
static gint64
step_id (RhDatabase   *database,
         RhStatement  *stmt,
         GError      **error)
{
  gint64 id;
  int rc;

  if ((rc = sqlite3_step (stmt)) != SQLITE_ROW)
    {
      rh_database_set_error (database, error, rc);
      return 0;
    }

  id = sqlite3_column_int64 (stmt, 0);
  if (!rh_database_step_done (database, stmt, error))
    return 0;

  return id;
}

/* Call inside a transaction. */
static gboolean
write_session (RhDatabase                 *database,
               gint64                      session_id,
               const RhInterviewQuestion  *question,
               const RhInterviewProgress  *progress,
               GError                    **error)
{
  g_autoptr(RhStatement) stmt = NULL;

  if (!(stmt = rh_database_prepare (database,
                                    "UPDATE interview_sessions SET state = ?2, saved_at = ?3, ended_at = ?4,"
                                    "  elapsed_ms = ?5, paused_ms = ?6, next_planned = ?7, current_card = ?8,"
                                    "  current_index = ?9, current_depth = ?10, current_parent = ?11,"
                                    "  current_seconds = ?12, current_elapsed_ms = ?13, current_notes = ?14,"
                                    "  current_revealed = ?15"
                                    " WHERE id = ?1;",
                                    error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, session_id);
  sqlite3_bind_text (stmt, 2, state_name (progress), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, progress->saved_at);
  if (progress->finished)
    sqlite3_bind_int64 (stmt, 4, progress->saved_at);
  sqlite3_bind_int64 (stmt, 5, progress->total_ms);
  sqlite3_bind_int64 (stmt, 6, MAX (progress->paused_ms, 0));
  sqlite3_bind_int (stmt, 7, question->next_planned);
  if (question->card != NULL)
    sqlite3_bind_int64 (stmt, 8, rh_card_get_row_id (question->card));
  sqlite3_bind_int (stmt, 9, question->index);
  sqlite3_bind_int (stmt, 10, question->depth);
  if (question->parent_answer_id > 0)
    sqlite3_bind_int64 (stmt, 11, question->parent_answer_id);
  sqlite3_bind_int (stmt, 12, question->budget);
  sqlite3_bind_int64 (stmt, 13, progress->question_ms);
  sqlite3_bind_text (stmt, 14, progress->notes ? progress->notes : "", -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 15, !!progress->revealed);

  return rh_database_step_done (database, stmt, error);
}

static gint64
insert_answer (RhDatabase               *database,
               gint64                    session_id,
               const RhInterviewAnswer  *answer,
               gint64                    review_log_id,
               GError                  **error)
{
  g_autoptr(RhStatement) stmt = NULL;

  if (!(stmt = rh_database_prepare (database,
                                    "INSERT INTO interview_answers (session_id, position, question_index, card_id,"
                                    "  title, topic, kind, depth, parent_id, budget_seconds, spent_ms, rating,"
                                    "  overtime, skipped, notes, answered_at, review_log_id)"
                                    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15,"
                                    "  ?16, ?17)"
                                    " RETURNING id;",
                                    error)))
    return 0;

  sqlite3_bind_int64 (stmt, 1, session_id);
  sqlite3_bind_int (stmt, 2, answer->position);
  sqlite3_bind_int (stmt, 3, answer->question_index);
  sqlite3_bind_int64 (stmt, 4, answer->card_id);
  sqlite3_bind_text (stmt, 5, answer->title, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, answer->topic, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, rh_card_kind_to_string (answer->kind), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 8, answer->depth);
  if (answer->parent_id > 0)
    sqlite3_bind_int64 (stmt, 9, answer->parent_id);
  sqlite3_bind_int (stmt, 10, answer->budget_seconds);
  sqlite3_bind_int64 (stmt, 11, answer->spent_ms);
  if (!answer->skipped)
    sqlite3_bind_int (stmt, 12, answer->rating);
  sqlite3_bind_int (stmt, 13, !!answer->overtime);
  sqlite3_bind_int (stmt, 14, !!answer->skipped);
  sqlite3_bind_text (stmt, 15, answer->notes ? answer->notes : "", -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 16, answer->answered_at);
  if (review_log_id > 0)
    sqlite3_bind_int64 (stmt, 17, review_log_id);

  return step_id (database, stmt, error);
}

static gboolean
load_answered (RhDatabase  *database,
               gint64       session_id,
               GArray      *card_ids,
               GError     **error)
{
  g_autoptr(RhStatement) stmt = NULL;
  int rc;

  if (!(stmt = rh_database_prepare (database,
                                    "SELECT card_id FROM interview_answers WHERE session_id = ? ORDER BY position;",
                                    error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, session_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      /* NULL, a deleted card, reads as 0. */
      gint64 card_id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (card_ids, card_id);
    }

  if (rc != SQLITE_DONE)
    return rh_database_set_error (database, error, rc);

  return TRUE;
}

void
rh_interview_store_clear_saved (RhInterviewSavedSession *saved)
{
  g_clear_pointer (&saved->template_json, g_free);
  g_clear_pointer (&saved->plan_json, g_free);
  g_clear_pointer (&saved->notes, g_free);
  g_clear_pointer (&saved->answered, g_array_unref);
  rh_interview_question_clear (&saved->question);
}

gint64
rh_interview_store_insert_session (RhDatabase                 *database,
                                   const char                 *template_json,
                                   guint64                     seed,
                                   const char                 *plan_json,
                                   guint                       total_seconds,
                                   const RhInterviewQuestion  *first,
                                   const RhInterviewProgress  *progress,
                                   GError                    **error)
{
  g_autoptr(RhStatement) stmt = NULL;
  gint64 session_id;

  g_return_val_if_fail (RH_IS_DATABASE (database), 0);
  g_return_val_if_fail (first != NULL && progress != NULL, 0);

  if (!rh_database_begin (database, error))
    return 0;

  if (!(stmt = rh_database_prepare (database,
                                    "INSERT INTO interview_sessions (template, seed, plan, state, started_at,"
                                    "  saved_at, total_seconds)"
                                    " VALUES (?1, ?2, ?3, 'asking', ?4, ?4, ?5) RETURNING id;",
                                    error)))
    goto failed;

  sqlite3_bind_text (stmt, 1, template_json, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, (gint64)seed);
  sqlite3_bind_text (stmt, 3, plan_json, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, progress->saved_at);
  sqlite3_bind_int (stmt, 5, total_seconds);
  if (!(session_id = step_id (database, stmt, error)))
    goto failed;
  rh_statement_release (g_steal_pointer (&stmt));

  if (!write_session (database, session_id, first, progress, error))
    goto failed;

  if (!rh_database_commit (database, RH_DATABASE_CHANGE_INTERVIEWS, error))
    return 0;

  return session_id;

failed:
  rh_database_rollback (database);
  return 0;
}

gboolean
rh_interview_store_save (RhDatabase                 *database,
                         gint64                      session_id,
                         const RhInterviewQuestion  *question,
                         const RhInterviewProgress  *progress,
                         GError                    **error)
{
  g_return_val_if_fail (RH_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (question != NULL && progress != NULL, FALSE);

  if (!rh_database_begin (database, error))
    return FALSE;

  if (!write_session (database, session_id, question, progress, error))
    {
      rh_database_rollback (database);
      return FALSE;
    }

  return rh_database_commit (database, 0, error);
}

gint64
rh_interview_store_commit_answer (RhDatabase                 *database,
                                  gint64                      session_id,
                                  const RhInterviewAnswer    *answer,
                                  gint64                      review_log_id,
                                  RhInterviewQuestion        *next,
                                  const RhInterviewProgress  *progress,
                                  GError                    **error)
{
  gint64 answer_id;

  g_return_val_if_fail (RH_IS_DATABASE (database), 0);
  g_return_val_if_fail (answer != NULL && next != NULL && progress != NULL, 0);

  if (!rh_database_begin (database, error))
    return 0;

  if (!(answer_id = insert_answer (database, session_id, answer, review_log_id, error)))
    goto failed;

  if (next->card != NULL && next->depth > 0)
    next->parent_answer_id = answer_id;

  if (!write_session (database, session_id, next, progress, error))
    goto failed;

  if (!rh_database_commit (database, RH_DATABASE_CHANGE_INTERVIEWS, error))
    return 0;

  return answer_id;

failed:
  rh_database_rollback (database);
  return 0;
}

gboolean
rh_interview_store_load (RhDatabase               *database,
                         gint64                    session_id,
                         RhInterviewSavedSession  *saved,
                         GError                  **error)
{
  g_autoptr(RhStatement) stmt = NULL;
  const char *state;
  int rc;

  g_return_val_if_fail (RH_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (saved != NULL, FALSE);

  memset (saved, 0, sizeof *saved);

  if (!(stmt = rh_database_prepare (database,
                                    "SELECT template, seed, plan, state, started_at, elapsed_ms, next_planned,"
                                    "  current_card, current_index, current_depth, current_parent,"
                                    "  current_seconds, current_elapsed_ms, current_notes, current_revealed"
                                    " FROM interview_sessions WHERE id = ?;",
                                    error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, session_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, RH_INTERVIEW_ERROR, RH_INTERVIEW_ERROR_NOT_FOUND,
                   _("This interview is no longer in the database"));
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    return rh_database_set_error (database, error, rc);

  state = (const char *)sqlite3_column_text (stmt, 3);
  if (g_strcmp0 (state, "finished") == 0 || g_strcmp0 (state, "abandoned") == 0)
    {
      g_set_error (error, RH_INTERVIEW_ERROR, RH_INTERVIEW_ERROR_CLOSED,
                   _("This interview is over and cannot be resumed"));
      return FALSE;
    }

  saved->template_json = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  saved->seed = (guint64)sqlite3_column_int64 (stmt, 1);
  saved->plan_json = g_strdup ((const char *)sqlite3_column_text (stmt, 2));
  saved->started_at = sqlite3_column_int64 (stmt, 4);
  saved->total_ms = MAX (sqlite3_column_int64 (stmt, 5), 0);
  saved->question.next_planned = MAX (sqlite3_column_int (stmt, 6), 0);
  saved->card_id = sqlite3_column_int64 (stmt, 7);
  saved->question.index = MAX (sqlite3_column_int (stmt, 8), 0);
  saved->question.depth = MAX (sqlite3_column_int (stmt, 9), 0);
  saved->question.parent_answer_id = sqlite3_column_int64 (stmt, 10);
  saved->question.budget = MAX (sqlite3_column_int (stmt, 11), 1);
  saved->question_ms = MAX (sqlite3_column_int64 (stmt, 12), 0);
  saved->notes = g_strdup ((const char *)sqlite3_column_text (stmt, 13));
  saved->revealed = sqlite3_column_int (stmt, 14);
  rh_statement_release (g_steal_pointer (&stmt));

  saved->answered = g_array_new (FALSE, FALSE, sizeof (gint64));

  return load_answered (database, session_id, saved->answered, error);
}

gint64
rh_interview_store_find_unfinished (RhDatabase  *database,
                                    GError     **error)
{
  g_autoptr(RhStatement) stmt = NULL;
  int rc;

  g_return_val_if_fail (RH_IS_DATABASE (database), -1);

  if (!(stmt = rh_database_prepare (database,
                                    "SELECT id FROM interview_sessions WHERE state IN " UNFINISHED_STATES
                                    " ORDER BY started_at DESC, id DESC LIMIT 1;",
                                    error)))
    return -1;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return sqlite3_column_int64 (stmt, 0);
  if (rc != SQLITE_DONE)
    {
      rh_database_set_error (database, error, rc);
      return -1;
    }

  return 0;
}

gboolean
rh_interview_store_discard (RhDatabase  *database,
                            gint64       session_id,
                            GError     **error)
{
  g_autoptr(RhStatement) stmt = NULL;
  gboolean found;
  int rc;

  g_return_val_if_fail (RH_IS_DATABASE (database), FALSE);

  if (!rh_database_begin (database, error))
    return FALSE;

  if (!(stmt = rh_database_prepare (database,
                                    "UPDATE interview_sessions SET state = 'abandoned', ended_at = ?2"
                                    " WHERE id = ?1 AND state IN " UNFINISHED_STATES " RETURNING id;",
                                    error)))
    goto failed;

  sqlite3_bind_int64 (stmt, 1, session_id);
  sqlite3_bind_int64 (stmt, 2, rh_clock_get_now_seconds (rh_database_get_clock (database)));
  rc = sqlite3_step (stmt);
  found = rc == SQLITE_ROW;
  if (found)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      rh_database_set_error (database, error, rc);
      goto failed;
    }
  rh_statement_release (g_steal_pointer (&stmt));

  if (!found)
    {
      g_set_error (error, RH_INTERVIEW_ERROR, RH_INTERVIEW_ERROR_NOT_FOUND,
                   _("There is no unfinished interview to discard"));
      goto failed;
    }

  return rh_database_commit (database, RH_DATABASE_CHANGE_INTERVIEWS, error);

failed:
  rh_database_rollback (database);
  return FALSE;
}

RhDeletedRows *
rh_interview_store_delete_session (RhDatabase  *database,
                                   gint64       session_id,
                                   GError     **error)
{
  g_autoptr(RhDeletedRows) deleted = NULL;
  int n;

  g_return_val_if_fail (RH_IS_DATABASE (database), NULL);

  if (!rh_database_begin (database, error))
    return NULL;

  deleted = rh_deleted_rows_new (database, RH_DATABASE_CHANGE_INTERVIEWS);
  /* Follow-ups point at the answers they follow: all go in one statement. */
  if (rh_deleted_rows_take (deleted, "interview_answers", "session_id = ?1", session_id, error) < 0 ||
      (n = rh_deleted_rows_take (deleted, "interview_sessions", "id = ?1", session_id, error)) < 0)
    goto failed;

  if (n == 0)
    {
      g_set_error_literal (error, RH_DATABASE_ERROR, RH_DATABASE_ERROR_NOT_FOUND,
                           _("This interview was already deleted"));
      goto failed;
    }

  if (!rh_database_commit (database, RH_DATABASE_CHANGE_INTERVIEWS, error))
    return NULL;

  return g_steal_pointer (&deleted);

failed:
  rh_database_rollback (database);
  return NULL;
}
