/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rh-interview-store"

#include "config.h"

#include "rh-database-private.h"
#include "rh-interview-store-card.h"

/* What Card info reads of the interviews that asked a card. */

/**
 * rh_interview_store_list_card_answers:
 *
 * Returns: (transfer full) (element-type RhInterviewCardAnswer) (nullable):
 *   each time an interview asked the card, the latest first
 */
GArray *
rh_interview_store_list_card_answers (RhDatabase  *database,
                                      gint64       card_id,
                                      GError     **error)
{
  g_autoptr(RhStatement) stmt = NULL;
  g_autoptr(GArray) answers = g_array_new (FALSE, TRUE, sizeof (RhInterviewCardAnswer));
  int rc;

  g_return_val_if_fail (RH_IS_DATABASE (database), NULL);

  if (!(stmt = rh_database_prepare (database,
                                    "SELECT s.id, s.started_at, coalesce (a.rating, 0), a.spent_ms, a.skipped, a.overtime"
                                    " FROM interview_answers a JOIN interview_sessions s ON s.id = a.session_id"
                                    " WHERE a.card_id = ? ORDER BY s.started_at DESC, a.position;",
                                    error)))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, card_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RhInterviewCardAnswer answer = {
        .session_id = sqlite3_column_int64 (stmt, 0),
        .started_at = sqlite3_column_int64 (stmt, 1),
        .rating = sqlite3_column_int (stmt, 2),
        .spent_ms = sqlite3_column_int64 (stmt, 3),
        .skipped = sqlite3_column_int (stmt, 4),
        .overtime = sqlite3_column_int (stmt, 5),
      };

      g_array_append_val (answers, answer);
    }

  if (rc != SQLITE_DONE)
    {
      rh_database_set_error (database, error, rc);
      return NULL;
    }

  return g_steal_pointer (&answers);
}
