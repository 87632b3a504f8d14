/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rh-deck-store"

#include "config.h"

#include "rh-database-private.h"
#include "rh-deck-store.h"

/* What Card info reads of a card's past: its review log. */

/**
 * rh_deck_store_list_card_reviews:
 *
 * Returns: (transfer full) (element-type RhCardReviewEntry) (nullable):
 *   every answer of the card, the latest first
 */
GArray *
rh_deck_store_list_card_reviews (RhDatabase  *database,
                                 gint64       row_id,
                                 GError     **error)
{
  g_autoptr(RhStatement) stmt = NULL;
  g_autoptr(GArray) entries = g_array_new (FALSE, TRUE, sizeof (RhCardReviewEntry));
  int rc;

  g_return_val_if_fail (RH_IS_DATABASE (database), NULL);

  if (!(stmt = rh_database_prepare (database,
                                    "SELECT reviewed_at, rating, duration_ms, due_after - reviewed_at,"
                                    "  source = 'interview'"
                                    " FROM review_log WHERE card_id = ? ORDER BY reviewed_at DESC, id DESC;",
                                    error)))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, row_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RhCardReviewEntry entry = {
        .reviewed_at = sqlite3_column_int64 (stmt, 0),
        .rating = sqlite3_column_int (stmt, 1),
        .duration_ms = sqlite3_column_int64 (stmt, 2),
        .interval = MAX (0, sqlite3_column_int64 (stmt, 3)),
        .interview = sqlite3_column_int (stmt, 4),
      };

      g_array_append_val (entries, entry);
    }

  if (rc != SQLITE_DONE)
    {
      rh_database_set_error (database, error, rc);
      return NULL;
    }

  return g_steal_pointer (&entries);
}
