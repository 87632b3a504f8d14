/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rh-statistics-store"

#include "config.h"

#include <math.h>
#include <string.h>

#include "rh-database-private.h"
#include "rh-fsrs.h"
#include "rh-interview-report.h"
#include "rh-interview-template.h"
#include "rh-statistics-store.h"

/* Each query reads an index range: review_days by day for every card, or
 * by (topic_id, day) for a topic; review_state (state, due) or (topic_id,
 * state, due).
 * Study days are cut in C, from the day starts the caller computed with
 * the clock, so a DST change or the rollover hour is one rule, the
 * scheduler's. */

const double rh_statistics_stability_bins[RH_STATISTICS_N_STABILITY_BINS] = {
  0, 1, 7, 30, 90, 365,
};

const double rh_statistics_retrievability_bins[RH_STATISTICS_N_RETRIEVABILITY_BINS] = {
  0, 0.5, 0.6, 0.7, 0.8, 0.9,
};

/* The scope's topic id, or 0 for every card; -1 when the topic is gone. */
static gint64
scope_id (RhDatabase  *database,
          const char  *topic_path,
          GError     **error)
{
  g_autoptr(RhStatement) stmt = NULL;
  int rc;

  if (topic_path == NULL || *topic_path == '\0')
    return 0;

  if (!(stmt = rh_database_prepare (database, "SELECT id FROM topics WHERE path = ?;", error)))
    return -2;
  sqlite3_bind_text (stmt, 1, topic_path, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return sqlite3_column_int64 (stmt, 0);
  if (rc == SQLITE_DONE)
    return -1;

  rh_database_set_error (database, error, rc);
  return -2;
}

/**
 * rh_statistics_store_first_review:
 *
 * Returns: when the scope's first answer was given, 0 if never, -1 on
 *   error
 */
gint64
rh_statistics_store_first_review (RhDatabase  *database,
                                  const char  *topic_path,
                                  GError     **error)
{
  g_autoptr(RhStatement) stmt = NULL;
  gint64 scope;
  int rc;

  g_return_val_if_fail (RH_IS_DATABASE (database), -1);

  if ((scope = scope_id (database, topic_path, error)) < -1)
    return -1;
  if (scope < 0)
    return 0;

  if (scope == 0)
    stmt = rh_database_prepare (database, "SELECT min(reviewed_at) FROM review_log;", error);
  else
    stmt = rh_database_prepare (database,
                                "SELECT min((SELECT min(r.reviewed_at) FROM review_log r WHERE r.card_id = c.id))"
                                " FROM topic_closure tc CROSS JOIN cards c ON c.topic_id = tc.descendant_id"
                                " WHERE tc.ancestor_id = ?1;",
                                error);
  if (stmt == NULL)
    return -1;
  if (scope > 0)
    sqlite3_bind_int64 (stmt, 1, scope);

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      rh_database_set_error (database, error, rc);
      return -1;
    }

  return sqlite3_column_int64 (stmt, 0);
}

static guint
find_day (const RhStatisticsDay *days,
          guint                  n_days,
          gint64                 at)
{
  guint lo = 0, hi = n_days;

  /* The last day starting at or before @at. */
  while (hi - lo > 1)
    {
      guint mid = lo + (hi - lo) / 2;

      if (days[mid].start <= at)
        lo = mid;
      else
        hi = mid;
    }

  return lo;
}

/* Whether review_days cuts days at @rollover_hour in the clock's zone. */
static gboolean
days_match (RhDatabase *database,
            guint       rollover_hour)
{
  g_autofree char *wanted = rh_database_dup_study_day_key (database, rollover_hour);
  g_autofree char *key = rh_database_dup_meta (database, RH_DATABASE_REVIEW_DAYS_KEY);

  return g_strcmp0 (key, wanted) == 0;
}

/**
 * rh_statistics_store_prepare_days:
 * @rollover_hour: the hour study days start at
 *
 * Makes review_days cut study days at @rollover_hour in the clock's time
 * zone, filling it again if it cut them otherwise (after the rollover or
 * the time zone changed): one pass over the log, in one transaction.
 *
 * Returns: whether review_days now counts those days; when not (the file
 *   is busy or read-only), rh_statistics_store_add_days() reads the log
 */
gboolean
rh_statistics_store_prepare_days (RhDatabase  *database,
                                  guint        rollover_hour,
                                  GError     **error)
{
  g_autofree char *wanted = NULL;

  g_return_val_if_fail (RH_IS_DATABASE (database), FALSE);

  if (days_match (database, rollover_hour))
    return TRUE;

  wanted = rh_database_dup_study_day_key (database, rollover_hour);
  g_debug ("Counting study days again, as “%s”", wanted);

  if (!rh_database_begin (database, error))
    return FALSE;

  if (!rh_database_set_meta (database, RH_DATABASE_REVIEW_DAYS_KEY, wanted, error) ||
      !rh_database_run_uncached (database, RH_DATABASE_CLEAR_REVIEW_DAYS, error) ||
      !rh_database_run_uncached (database, RH_DATABASE_FILL_REVIEW_DAYS, error))
    {
      rh_database_rollback (database);
      return FALSE;
    }

  /* The same answers, so no change to announce. */
  return rh_database_commit (database, 0, error);
}

static void
add_to_day (RhStatisticsDay *days,
            guint            n_days,
            gint64           at,
            const guint      reviews[RH_STATISTICS_N_KINDS],
            guint            passed,
            gint64           duration_ms)
{
  RhStatisticsDay *day = &days[find_day (days, n_days, at)];

  for (guint i = 0; i < RH_STATISTICS_N_KINDS; i++)
    day->reviews[i] += reviews[i];
  day->passed += passed;
  day->duration_ms += duration_ms;
}

/* From review_days: a row per topic and study day. */
static gboolean
add_days_counted (RhDatabase       *database,
                  gint64            scope,
                  guint             n_days,
                  RhStatisticsDay  *days,
                  gint64            end,
                  GError          **error)
{
  g_autoptr(RhStatement) stmt = NULL;
  int rc;

  if (scope == 0)
    stmt = rh_database_prepare (database,
                                "SELECT day, n_new, n_learning, n_review, n_relearning, n_passed, duration_ms"
                                " FROM review_days WHERE day >= ?1 AND day < ?2;",
                                error);
  else
    stmt = rh_database_prepare (database,
                                "SELECT d.day, d.n_new, d.n_learning, d.n_review, d.n_relearning, d.n_passed,"
                                "  d.duration_ms"
                                " FROM topic_closure tc CROSS JOIN review_days d INDEXED BY review_days_topic"
                                "  ON d.topic_id = tc.descendant_id"
                                " WHERE tc.ancestor_id = ?3 AND d.day >= ?1 AND d.day < ?2;",
                                error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, days[0].start);
  sqlite3_bind_int64 (stmt, 2, end);
  if (scope > 0)
    sqlite3_bind_int64 (stmt, 3, scope);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint reviews[RH_STATISTICS_N_KINDS];

      for (guint i = 0; i < RH_STATISTICS_N_KINDS; i++)
        reviews[i] = (guint)sqlite3_column_int64 (stmt, 1 + i);
      add_to_day (days, n_days, sqlite3_column_int64 (stmt, 0), reviews,
                  (guint)sqlite3_column_int64 (stmt, 5), sqlite3_column_int64 (stmt, 6));
    }

  if (rc != SQLITE_DONE)
    return rh_database_set_error (database, error, rc);

  return TRUE;
}

/* From the log itself, when review_days cuts days otherwise. */
static gboolean
add_days_logged (RhDatabase       *database,
                 gint64            scope,
                 guint             n_days,
                 RhStatisticsDay  *days,
                 gint64            end,
                 GError          **error)
{
  g_autoptr(RhStatement) stmt = NULL;
  int rc;

  /* Every card: the log is written in time order, so the period is the
   * rows from the first answer in it on, read in order of the table
   * rather than looked up one by one from the time index (twice as fast
   * over a year). No row before that one can be in the period. */
  if (scope == 0)
    stmt = rh_database_prepare (database,
                                "SELECT reviewed_at, state_before, rating, duration_ms FROM review_log"
                                " WHERE id >= (SELECT min(id) FROM review_log INDEXED BY review_log_time"
                                "  WHERE reviewed_at >= ?1)"
                                " AND +reviewed_at >= ?1 AND +reviewed_at < ?2;",
                                error);
  else
    stmt = rh_database_prepare (database,
                                "SELECT r.reviewed_at, r.state_before, r.rating, r.duration_ms"
                                " FROM topic_closure tc CROSS JOIN cards c ON c.topic_id = tc.descendant_id"
                                " CROSS JOIN review_log r ON r.card_id = c.id"
                                " WHERE tc.ancestor_id = ?3 AND r.reviewed_at >= ?1 AND r.reviewed_at < ?2;",
                                error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, days[0].start);
  sqlite3_bind_int64 (stmt, 2, end);
  if (scope > 0)
    sqlite3_bind_int64 (stmt, 3, scope);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint reviews[RH_STATISTICS_N_KINDS] = { 0 };
      int state = sqlite3_column_int (stmt, 1);

      if (state < 0 || state >= RH_STATISTICS_N_KINDS)
        continue;
      reviews[state] = 1;
      add_to_day (days, n_days, sqlite3_column_int64 (stmt, 0), reviews,
                  state == 2 && sqlite3_column_int (stmt, 2) > RH_RATING_AGAIN,
                  MAX (sqlite3_column_int64 (stmt, 3), 0));
    }

  if (rc != SQLITE_DONE)
    return rh_database_set_error (database, error, rc);

  return TRUE;
}

/**
 * rh_statistics_store_add_days:
 * @rollover_hour: the hour the study days start at
 * @days: (array length=n_days): study days in order, with their start set
 * @end: the end of the last day
 *
 * Adds each answer given from the first day's start to @end to its day:
 * from review_days when it cuts days as @days do (see
 * rh_statistics_store_prepare_days()), else from the log.
 */
gboolean
rh_statistics_store_add_days (RhDatabase       *database,
                              const char       *topic_path,
                              guint             rollover_hour,
                              guint             n_days,
                              RhStatisticsDay  *days,
                              gint64            end,
                              GError          **error)
{
  gint64 scope;

  g_return_val_if_fail (RH_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (n_days == 0 || days != NULL, FALSE);

  if (n_days == 0)
    return TRUE;
  if ((scope = scope_id (database, topic_path, error)) < -1)
    return FALSE;
  if (scope < 0)
    return TRUE;

  if (days_match (database, rollover_hour))
    return add_days_counted (database, scope, n_days, days, end, error);

  return add_days_logged (database, scope, n_days, days, end, error);
}

/* A card due at @at counted in the forecast (@sign 1) or taken out (-1). */
static void
add_due (gint64        now,
         const gint64 *bounds,
         guint         n_days,
         guint        *overdue,
         guint        *due,
         gint64        at,
         int           sign)
{
  guint lo = 0, hi = n_days;

  if (at <= now)
    {
      *overdue += sign;
      return;
    }
  if (n_days == 0 || at >= bounds[n_days])
    return;

  while (hi - lo > 1)
    {
      guint mid = lo + (hi - lo) / 2;

      if (bounds[mid] <= at)
        lo = mid;
      else
        hi = mid;
    }
  due[lo] += sign;
}

/**
 * rh_statistics_store_forecast:
 * @bounds: (array): @n_days + 1 day starts; the first is today's
 * @overdue: (out): cards due at @now or before
 * @due: (array length=n_days) (out caller-allocates): cards falling due
 *   on each day after @now
 *
 * What the schedule says is coming: active cards that are not new.
 */
gboolean
rh_statistics_store_forecast (RhDatabase    *database,
                              const char    *topic_path,
                              gint64         now,
                              const gint64  *bounds,
                              guint          n_days,
                              guint         *overdue,
                              guint         *due,
                              GError       **error)
{
  g_autoptr(RhStatement) stmt = NULL;
  gint64 scope;
  int rc;

  g_return_val_if_fail (RH_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (bounds != NULL && overdue != NULL && (n_days == 0 || due != NULL), FALSE);

  *overdue = 0;
  memset (due, 0, n_days * sizeof (guint));

  if ((scope = scope_id (database, topic_path, error)) < -1)
    return FALSE;
  if (scope < 0)
    return TRUE;

  /* Binned here, off the (state, due) index alone: grouping by due in
   * SQL sorted every card (each review card may fall due at its own
   * time). Suspended cards are the few in their index. */
  if (scope == 0)
    stmt = rh_database_prepare (database,
                                "SELECT rs.due FROM review_state rs"
                                " WHERE rs.state IN (1, 2, 3) AND rs.due < ?1"
                                " AND rs.card_id NOT IN (SELECT id FROM cards WHERE suspended <> 0);",
                                error);
  else
    stmt = rh_database_prepare (database,
                                "SELECT rs.due FROM topic_closure tc"
                                " CROSS JOIN review_state rs ON rs.topic_id = tc.descendant_id"
                                " WHERE tc.ancestor_id = ?2 AND rs.state IN (1, 2, 3) AND rs.due < ?1"
                                " AND rs.card_id NOT IN (SELECT id FROM cards WHERE suspended <> 0);",
                                error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, bounds[n_days]);
  if (scope > 0)
    sqlite3_bind_int64 (stmt, 2, scope);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    add_due (now, bounds, n_days, overdue, due, sqlite3_column_int64 (stmt, 0), 1);

  if (rc != SQLITE_DONE)
    return rh_database_set_error (database, error, rc);

  return TRUE;
}

/* The bins' bounds as elapsed days per day of stability, highest
 * retrievability first, so a query compares instead of raising powers. */
static void
retrievability_ratios (double  desired_retention,
                       double *ratios,
                       double *desired)
{
  RhFsrsParams params;

  rh_fsrs_params_init_default (&params);
  for (guint i = 1; i < RH_STATISTICS_N_RETRIEVABILITY_BINS; i++)
    ratios[i] = rh_fsrs_elapsed_ratio (&params, rh_statistics_retrievability_bins[i]);
  *desired = rh_fsrs_elapsed_ratio (&params, desired_retention);
}

/* One card's part of @memory, added (@sign 1) or taken away (-1). */
static void
add_memory (RhStatisticsMemory *memory,
            const double       *ratios,
            double              desired,
            gint64              now,
            double              stability,
            gint64              last_review,
            int                 sign)
{
  gint64 elapsed = MAX (now - last_review, 0);
  double x = elapsed / (86400.0 * MAX (stability, RH_FSRS_MIN_STABILITY));
  guint s_bin = 0, r_bin = 0;

  while (s_bin + 1 < RH_STATISTICS_N_STABILITY_BINS && stability >= rh_statistics_stability_bins[s_bin + 1])
    s_bin++;
  for (guint i = 1; i < RH_STATISTICS_N_RETRIEVABILITY_BINS; i++)
    r_bin += x <= ratios[i];

  memory->n_cards += sign;
  memory->stability[s_bin] += sign;
  memory->retrievability[r_bin] += sign;
  memory->n_recalled += (x <= desired) * sign;
}

/**
 * rh_statistics_store_memory:
 * @memory: (out caller-allocates): the distributions
 *
 * Stability and retrievability now of every active card that has been
 * answered, retrievability by the forgetting curve of rh-fsrs.c over the
 * time since the last answer.
 */
gboolean
rh_statistics_store_memory (RhDatabase          *database,
                            const char          *topic_path,
                            gint64               now,
                            double               desired_retention,
                            RhStatisticsMemory  *memory,
                            GError             **error)
{
  g_autoptr(RhStatement) stmt = NULL;
  double ratios[RH_STATISTICS_N_RETRIEVABILITY_BINS] = { 0 };
  double desired;
  gint64 scope;
  int rc;

  g_return_val_if_fail (RH_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (memory != NULL, FALSE);

  memset (memory, 0, sizeof *memory);
  if ((scope = scope_id (database, topic_path, error)) < -1)
    return FALSE;
  if (scope < 0)
    return TRUE;

  retrievability_ratios (desired_retention, ratios, &desired);

  /* The bins are counted here: SQLite would evaluate the expression
   * once per bin and card. A table scan reads the rows in order. */
#define MEMORY_WHERE                                                            \
  " AND rs.stability IS NOT NULL AND rs.last_review IS NOT NULL"              \
  " AND rs.card_id NOT IN (SELECT id FROM cards WHERE suspended <> 0);"
  if (scope == 0)
    stmt = rh_database_prepare (database,
                                "SELECT rs.stability, rs.last_review FROM review_state rs"
                                " WHERE +rs.state IN (1, 2, 3)" MEMORY_WHERE,
                                error);
  else
    stmt = rh_database_prepare (database,
                                "SELECT rs.stability, rs.last_review"
                                " FROM topic_closure tc CROSS JOIN review_state rs ON rs.topic_id = tc.descendant_id"
                                " WHERE tc.ancestor_id = ?1 AND rs.state IN (1, 2, 3)" MEMORY_WHERE,
                                error);
#undef MEMORY_WHERE
  if (stmt == NULL)
    return FALSE;

  if (scope > 0)
    sqlite3_bind_int64 (stmt, 1, scope);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    add_memory (memory, ratios, desired, now, sqlite3_column_double (stmt, 0), sqlite3_column_int64 (stmt, 1), 1);

  if (rc != SQLITE_DONE)
    return rh_database_set_error (database, error, rc);

  return TRUE;
}

/**
 * rh_statistics_store_last_answer:
 *
 * Returns: the newest review_log row, 0 for none, -1 on error
 */
gint64
rh_statistics_store_last_answer (RhDatabase  *database,
                                 GError     **error)
{
  g_autoptr(RhStatement) stmt = NULL;
  int rc;

  g_return_val_if_fail (RH_IS_DATABASE (database), -1);

  if (!(stmt = rh_database_prepare (database, "SELECT coalesce (max(id), 0) FROM review_log;", error)))
    return -1;
  if ((rc = sqlite3_step (stmt)) != SQLITE_ROW)
    {
      rh_database_set_error (database, error, rc);
      return -1;
    }

  return sqlite3_column_int64 (stmt, 0);
}

/**
 * rh_statistics_store_add_answers:
 * @after_log_id: the newest log row already counted; on success, the
 *   newest now
 * @cards: (element-type gint64): the cards whose review state changed
 * @memory: (inout) (nullable): rh_statistics_store_memory() at @now
 * @overdue: (inout) (nullable): rh_statistics_store_forecast() at @now,
 *   with @bounds and @due
 *
 * Moves the memory and the forecast by the answers given after
 * @after_log_id to @cards, each from the state it was answered in (the
 * log keeps it) to the one it left, as they were at @now: the same
 * figures as reading every card again at @now, reading only those rows.
 *
 * Returns: whether the answers explain every change: %FALSE (and the
 *   figures untouched) when one of @cards changed without an answer (an
 *   undo, a reset), and they need reading again
 */
gboolean
rh_statistics_store_add_answers (RhDatabase          *database,
                                 const char          *topic_path,
                                 gint64              *after_log_id,
                                 GHashTable          *cards,
                                 gint64               now,
                                 double               desired_retention,
                                 RhStatisticsMemory  *memory,
                                 const gint64        *bounds,
                                 guint                n_days,
                                 guint               *overdue,
                                 guint               *due,
                                 GError             **error)
{
  g_autoptr(RhStatement) stmt = NULL;
  g_autoptr(GHashTable) answered = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (gint64));
  double ratios[RH_STATISTICS_N_RETRIEVABILITY_BINS] = { 0 };
  RhStatisticsMemory moved = { 0 };
  g_autofree guint *moved_due = overdue ? g_memdup2 (due, n_days * sizeof (guint)) : NULL;
  guint moved_overdue = overdue ? *overdue : 0;
  gint64 newest = *after_log_id;
  gint64 scope;
  GHashTableIter iter;
  gpointer key;
  int rc;

  g_return_val_if_fail (RH_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (after_log_id != NULL && cards != NULL, FALSE);
  g_return_val_if_fail (memory != NULL || overdue != NULL, FALSE);
  g_return_val_if_fail (overdue == NULL || (bounds != NULL && (n_days == 0 || due != NULL)), FALSE);

  if ((scope = scope_id (database, topic_path, error)) < -1)
    return FALSE;

  if (memory != NULL)
    {
      moved = *memory;
      retrievability_ratios (desired_retention, ratios, &desired_retention);
    }

  /* The card's answers after the last one counted, oldest first, from
   * its index; each starts where the one before it left the card. */
  if (!(stmt = rh_database_prepare (database,
                                    "SELECT l.id, l.reviewed_at, l.state_before, l.stability_before,"
                                    "  l.last_review_before, l.due_before, l.state_after, l.stability_after,"
                                    "  l.due_after, c.suspended,"
                                    "  ?3 = 0 OR c.topic_id IN (SELECT descendant_id FROM topic_closure"
                                    "   WHERE ancestor_id = ?3)"
                                    " FROM cards c CROSS JOIN review_log l INDEXED BY review_log_card"
                                    "  ON l.card_id = c.id"
                                    " WHERE c.id = ?1 AND l.id > ?2 ORDER BY l.id;",
                                    error)))
    return FALSE;

  g_hash_table_iter_init (&iter, cards);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      gboolean any = FALSE;

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, *(gint64 *)key);
      sqlite3_bind_int64 (stmt, 2, *after_log_id);
      sqlite3_bind_int64 (stmt, 3, MAX (scope, 0));

      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          int before = sqlite3_column_int (stmt, 2);
          int after = sqlite3_column_int (stmt, 6);

          any = TRUE;
          newest = MAX (newest, sqlite3_column_int64 (stmt, 0));
          /* Out of the scope, or suspended: never counted either way. */
          if (scope < 0 || sqlite3_column_int (stmt, 9) != 0 || sqlite3_column_int (stmt, 10) == 0)
            continue;

          if (before >= 1 && before <= 3)
            {
              if (memory != NULL && sqlite3_column_type (stmt, 3) != SQLITE_NULL
                  && sqlite3_column_type (stmt, 4) != SQLITE_NULL)
                add_memory (&moved, ratios, desired_retention, now, sqlite3_column_double (stmt, 3),
                            sqlite3_column_int64 (stmt, 4), -1);
              if (overdue != NULL)
                add_due (now, bounds, n_days, &moved_overdue, moved_due, sqlite3_column_int64 (stmt, 5), -1);
            }
          if (after >= 1 && after <= 3)
            {
              if (memory != NULL && sqlite3_column_type (stmt, 7) != SQLITE_NULL)
                add_memory (&moved, ratios, desired_retention, now, sqlite3_column_double (stmt, 7),
                            sqlite3_column_int64 (stmt, 1), 1);
              if (overdue != NULL)
                add_due (now, bounds, n_days, &moved_overdue, moved_due, sqlite3_column_int64 (stmt, 8), 1);
            }
        }
      if (rc != SQLITE_DONE)
        return rh_database_set_error (database, error, rc);
      if (!any)
        return FALSE;
    }

  if (memory != NULL)
    *memory = moved;
  if (overdue != NULL)
    {
      *overdue = moved_overdue;
      if (n_days > 0)
        memcpy (due, moved_due, n_days * sizeof (guint));
    }
  *after_log_id = newest;

  return TRUE;
}

static void
clear_topic (gpointer data)
{
  RhStatisticsTopic *topic = data;

  g_free (topic->name);
  g_free (topic->path);
}

static int
compare_topics (gconstpointer a,
                gconstpointer b)
{
  const RhStatisticsTopic *x = a, *y = b;
  /* Least ready first: compare the shares without dividing. */
  guint64 lhs = (guint64)x->n_ready * MAX (y->n_cards, 1);
  guint64 rhs = (guint64)y->n_ready * MAX (x->n_cards, 1);

  if (x->n_cards == 0 || y->n_cards == 0)
    return (x->n_cards == 0) - (y->n_cards == 0);
  if (lhs != rhs)
    return lhs < rhs ? -1 : 1;
  if (x->n_cards != y->n_cards)
    return x->n_cards > y->n_cards ? -1 : 1;

  return g_strcmp0 (x->path, y->path);
}

/* The elapsed ratio @desired as SQL that evaluates to exactly that
 * double: an integer over a power of two, so that no decimal is parsed.
 * NULL when it cannot be spelt so. */
static char *
dup_ready_factor (double desired)
{
  double mantissa;
  gint64 numerator;
  int exponent, shift;

  if (!isfinite (desired) || desired <= 0.0)
    return NULL;

  mantissa = frexp (desired, &exponent);
  numerator = (gint64)ldexp (mantissa, 53);
  shift = 53 - exponent;
  while (shift > 0 && numerator % 2 == 0)
    {
      numerator /= 2;
      shift--;
    }
  if (shift < 0 || shift > 62)
    return NULL;

  return g_strdup_printf ("(%lld * 1.0 / %lld)", (long long)numerator, (long long)(G_GINT64_CONSTANT (1) << shift));
}

/* The factor of @desired when review_state_ready holds the cards for it,
 * else NULL. */
static char *
dup_ready_factor_indexed (RhDatabase *database,
                          double      desired)
{
  g_autofree char *factor = dup_ready_factor (desired);
  g_autofree char *wanted = NULL;
  g_autoptr(RhStatement) stmt = NULL;

  if (factor == NULL)
    return NULL;

  wanted = g_strdup_printf (RH_DATABASE_READY_INDEX ("%s"), factor);
  if (!(stmt = rh_database_prepare (database,
                                    "SELECT 1 FROM sqlite_schema"
                                    " WHERE type = 'index' AND name = 'review_state_ready' AND sql = ?1;",
                                    NULL)))
    return NULL;
  sqlite3_bind_text (stmt, 1, wanted, -1, SQLITE_STATIC);

  return sqlite3_step (stmt) == SQLITE_ROW ? g_steal_pointer (&factor) : NULL;
}

/**
 * rh_statistics_store_prepare_readiness:
 * @desired_retention: the retention readiness is counted at
 *
 * Makes the index of the cards' ready times hold them for
 * @desired_retention, building it again if it held another (after the
 * preference changed): one pass over the studied cards, in one
 * transaction.
 *
 * Returns: whether the index now holds them; when not (the file is busy
 *   or read-only), rh_statistics_store_readiness() reads every card
 */
gboolean
rh_statistics_store_prepare_readiness (RhDatabase  *database,
                                       double       desired_retention,
                                       GError     **error)
{
  double ratios[RH_STATISTICS_N_RETRIEVABILITY_BINS] = { 0 };
  g_autofree char *factor = NULL;
  g_autofree char *sql = NULL;
  double desired;

  g_return_val_if_fail (RH_IS_DATABASE (database), FALSE);

  retrievability_ratios (desired_retention, ratios, &desired);
  if ((factor = dup_ready_factor_indexed (database, desired)) != NULL)
    return TRUE;
  if ((factor = dup_ready_factor (desired)) == NULL)
    {
      g_set_error (error, RH_DATABASE_ERROR, RH_DATABASE_ERROR_FAILED,
                   "No index for a desired retention of %g", desired_retention);
      return FALSE;
    }

  g_debug ("Indexing ready cards again, for a retention of %g", desired_retention);
  sql = g_strdup_printf (RH_DATABASE_READY_INDEX ("%s") ";", factor);

  if (!rh_database_begin (database, error))
    return FALSE;
  if (!rh_database_run_uncached (database, "DROP INDEX IF EXISTS review_state_ready;", error) ||
      !rh_database_run_uncached (database, sql, error))
    {
      rh_database_rollback (database);
      return FALSE;
    }

  /* The same cards, so no change to announce. */
  return rh_database_commit (database, 0, error);
}

#define READINESS_SHOWN                                                         \
  "WITH shown (id, name, path) AS ("                                            \
  "  SELECT id, name, path FROM topics"                                         \
  "  WHERE ?4 = 0 AND ((?1 = 0 AND parent_id IS NULL) OR parent_id = ?1)"       \
  "  UNION ALL SELECT id, name, path FROM topics WHERE id = ?4"                 \
  "  OR (?4 = 0 AND id = ?1 AND NOT EXISTS (SELECT 1 FROM topics WHERE parent_id = ?1))),"

/* Ready cards per topic of their own, in one pass over the scope's
 * (topic_id, state, due) index, working out each card's retrievability:
 * when review_state_ready holds another retention. */
static const char readiness_scanned[] =
  READINESS_SHOWN
  " ready (topic_id, n) AS MATERIALIZED ("
  "  SELECT rs.topic_id, count(*) FROM review_state rs INDEXED BY review_state_topic_due"
  "  WHERE (?5 = 0 OR rs.topic_id IN (SELECT descendant_id FROM topic_closure"
  "   WHERE ancestor_id = ?5))"
  "  AND rs.state IN (1, 2, 3) AND rs.stability IS NOT NULL AND rs.last_review IS NOT NULL"
  "  AND max(?2 - rs.last_review, 0) <= ?3 * 86400.0 * max(rs.stability, 0.001)"
  "  AND rs.card_id NOT IN (SELECT id FROM cards WHERE suspended <> 0)"
  "  GROUP BY rs.topic_id),";

/* The same counts from review_state_ready: per topic of the scope, the
 * range of its cards still ready at ?2, less the few suspended ones
 * among them. %s is the factor, twice, as the index spells it. */
static const char readiness_indexed[] =
  READINESS_SHOWN
  " held (topic_id, n) AS MATERIALIZED ("
  "  SELECT rs.topic_id, count(*) FROM cards c INDEXED BY cards_suspended"
  "  CROSS JOIN review_state rs ON rs.card_id = c.id"
  "  WHERE c.suspended <> 0 AND rs.state IN (1, 2, 3) AND " RH_DATABASE_READY_UNTIL ("%1$s") " >= ?2"
  "  GROUP BY rs.topic_id),"
  " ready (topic_id, n) AS MATERIALIZED ("
  "  SELECT t.id, (SELECT count(*) FROM review_state rs INDEXED BY review_state_ready"
  "   WHERE rs.topic_id = t.id AND rs.state IN (1, 2, 3) AND " RH_DATABASE_READY_UNTIL ("%1$s") " >= ?2)"
  "  - coalesce((SELECT h.n FROM held h WHERE h.topic_id = t.id), 0)"
  "  FROM topics t WHERE ?5 = 0 OR t.id IN (SELECT descendant_id FROM topic_closure WHERE ancestor_id = ?5)),";

#undef READINESS_SHOWN

/* The readiness rows of the scope's children, or of @only alone; @factor
 * is what dup_ready_factor_indexed() found, if anything. */
static GArray *
read_readiness (RhDatabase  *database,
                gint64       scope,
                gint64       only,
                gint64       now,
                double       desired,
                const char  *factor,
                GError     **error)
{
  g_autoptr(GArray) topics = g_array_new (FALSE, TRUE, sizeof (RhStatisticsTopic));
  g_autoptr(RhStatement) stmt = NULL;
  g_autofree char *ready = NULL;
  g_autofree char *sql = NULL;
  int rc;

  g_array_set_clear_func (topics, clear_topic);

  ready = factor != NULL ? g_strdup_printf (readiness_indexed, factor) : g_strdup (readiness_scanned);
  /* Counts come from topic_counts, the ratings from the few interview
   * answers. */
  sql = g_strconcat (ready,
                     /* The interview answers, a few thousand, once per topic of their card. */
                     " rated (topic_id, n, total) AS MATERIALIZED ("
                     "  SELECT c.topic_id, count(*), sum(CASE WHEN a.skipped THEN 1 ELSE a.rating END)"
                     "  FROM interview_answers a CROSS JOIN cards c ON c.id = a.card_id GROUP BY c.topic_id)"
                     " SELECT t.name, t.path,"
                     "  (SELECT coalesce(sum(n.active), 0) FROM topic_closure tc"
                     "   CROSS JOIN topic_counts n ON n.topic_id = tc.descendant_id WHERE tc.ancestor_id = t.id),"
                     "  (SELECT coalesce(sum(n.new), 0) FROM topic_closure tc"
                     "   CROSS JOIN topic_counts n ON n.topic_id = tc.descendant_id WHERE tc.ancestor_id = t.id),"
                     "  (SELECT coalesce(sum(r.n), 0) FROM topic_closure tc"
                     "   CROSS JOIN ready r ON r.topic_id = tc.descendant_id WHERE tc.ancestor_id = t.id),"
                     "  (SELECT coalesce(sum(r.n), 0) FROM topic_closure tc"
                     "   CROSS JOIN rated r ON r.topic_id = tc.descendant_id WHERE tc.ancestor_id = t.id),"
                     "  (SELECT sum(r.total) * 1.0 / sum(r.n) FROM topic_closure tc"
                     "   CROSS JOIN rated r ON r.topic_id = tc.descendant_id WHERE tc.ancestor_id = t.id),"
                     "  t.id"
                     " FROM shown t;",
                     NULL);
  if (!(stmt = rh_database_prepare (database, sql, error)))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, scope);
  sqlite3_bind_int64 (stmt, 2, now);
  sqlite3_bind_double (stmt, 3, desired);
  sqlite3_bind_int64 (stmt, 4, only);
  sqlite3_bind_int64 (stmt, 5, only > 0 ? only : scope);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RhStatisticsTopic topic = {
        .name = g_strdup ((const char *)sqlite3_column_text (stmt, 0)),
        .path = g_strdup ((const char *)sqlite3_column_text (stmt, 1)),
        .n_cards = (guint)sqlite3_column_int64 (stmt, 2),
        .n_new = (guint)sqlite3_column_int64 (stmt, 3),
        .n_ready = (guint)sqlite3_column_int64 (stmt, 4),
        .n_interview_answers = (guint)sqlite3_column_int64 (stmt, 5),
        .interview_rating = sqlite3_column_double (stmt, 6),
        .topic_id = sqlite3_column_int64 (stmt, 7),
      };

      g_array_append_val (topics, topic);
    }
  if (rc != SQLITE_DONE)
    {
      rh_database_set_error (database, error, rc);
      return NULL;
    }

  return g_steal_pointer (&topics);
}

/**
 * rh_statistics_store_readiness:
 *
 * For each child of the scope (the top-level topics for every card; the
 * topic itself when it has none): its active cards, how many are new, how
 * many are ready (retrievability now ≥ @desired_retention), and the mean
 * mock-interview rating on them. Least ready first.
 *
 * Returns: (transfer full) (element-type RhStatisticsTopic): the topics
 */
GArray *
rh_statistics_store_readiness (RhDatabase  *database,
                               const char  *topic_path,
                               gint64       now,
                               double       desired_retention,
                               GError     **error)
{
  double ratios[RH_STATISTICS_N_RETRIEVABILITY_BINS] = { 0 };
  g_autofree char *factor = NULL;
  double desired;
  GArray *topics;
  gint64 scope;

  g_return_val_if_fail (RH_IS_DATABASE (database), NULL);

  if ((scope = scope_id (database, topic_path, error)) < -1)
    return NULL;
  if (scope < 0)
    {
      topics = g_array_new (FALSE, TRUE, sizeof (RhStatisticsTopic));
      g_array_set_clear_func (topics, clear_topic);
      return topics;
    }

  retrievability_ratios (desired_retention, ratios, &desired);
  factor = dup_ready_factor_indexed (database, desired);
  if (!(topics = read_readiness (database, scope, 0, now, desired, factor, error)))
    return NULL;

  /* A topic with no card to study (empty, or all suspended) has nothing
   * to be ready in: “0% of 0 cards” says nothing. */
  for (guint i = topics->len; i > 0; i--)
    if (g_array_index (topics, RhStatisticsTopic, i - 1).n_cards == 0)
      g_array_remove_index (topics, i - 1);

  g_array_sort (topics, compare_topics);

  return topics;
}

/**
 * rh_statistics_store_update_readiness:
 * @topics: (element-type RhStatisticsTopic): rows of
 *   rh_statistics_store_readiness()
 * @cards: (element-type gint64): the cards whose review state changed
 *
 * Reads again only the rows holding one of @cards, as after an answer,
 * and sorts the rows again.
 */
gboolean
rh_statistics_store_update_readiness (RhDatabase  *database,
                                      GArray      *topics,
                                      GHashTable  *cards,
                                      gint64       now,
                                      double       desired_retention,
                                      GError     **error)
{
  double ratios[RH_STATISTICS_N_RETRIEVABILITY_BINS] = { 0 };
  g_autoptr(RhStatement) holds = NULL;
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree char *factor = NULL;
  double desired;
  GHashTableIter iter;
  gpointer key;

  g_return_val_if_fail (RH_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (topics != NULL && cards != NULL, FALSE);

  if (!(holds = rh_database_prepare (database,
                                     "SELECT 1 FROM cards c CROSS JOIN topic_closure tc"
                                     " ON tc.descendant_id = c.topic_id AND tc.ancestor_id = ?1"
                                     " WHERE c.id = ?2;",
                                     error)))
    return FALSE;

  for (guint i = 0; i < topics->len; i++)
    {
      gint64 topic_id = g_array_index (topics, RhStatisticsTopic, i).topic_id;

      g_hash_table_iter_init (&iter, cards);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        {
          int rc;

          sqlite3_reset (holds);
          sqlite3_bind_int64 (holds, 1, topic_id);
          sqlite3_bind_int64 (holds, 2, *(gint64 *)key);
          if ((rc = sqlite3_step (holds)) == SQLITE_ROW)
            {
              g_array_append_val (rows, i);
              break;
            }
          if (rc != SQLITE_DONE)
            return rh_database_set_error (database, error, rc);
        }
    }
  g_clear_pointer (&holds, rh_statement_release);

  retrievability_ratios (desired_retention, ratios, &desired);
  if (rows->len > 0)
    factor = dup_ready_factor_indexed (database, desired);
  for (guint i = 0; i < rows->len; i++)
    {
      RhStatisticsTopic *topic = &g_array_index (topics, RhStatisticsTopic, g_array_index (rows, guint, i));
      g_autoptr(GArray) fresh = read_readiness (database, -1, topic->topic_id, now, desired, factor, error);

      if (fresh == NULL)
        return FALSE;
      if (fresh->len != 1)
        continue;

      clear_topic (topic);
      *topic = g_array_index (fresh, RhStatisticsTopic, 0);
      /* Its strings are the row's now. */
      g_array_set_clear_func (fresh, NULL);
    }

  if (rows->len > 0)
    g_array_sort (topics, compare_topics);

  return TRUE;
}

static void
clear_interview (gpointer data)
{
  RhStatisticsInterview *interview = data;

  g_free (interview->template_id);
  g_free (interview->template_name);
}

/**
 * rh_statistics_store_interviews:
 * @since: the earliest end time counted
 *
 * Finished mock interviews, oldest first, each scored over its answers on
 * the scope's cards with the interview report's formula.
 *
 * Returns: (transfer full) (element-type RhStatisticsInterview): the
 *   interviews
 */
GArray *
rh_statistics_store_interviews (RhDatabase  *database,
                                const char  *topic_path,
                                gint64       since,
                                GError     **error)
{
  g_autoptr(GArray) interviews = g_array_new (FALSE, TRUE, sizeof (RhStatisticsInterview));
  g_autoptr(RhStatement) stmt = NULL;
  gint64 scope;
  int rc;

  g_return_val_if_fail (RH_IS_DATABASE (database), NULL);

  g_array_set_clear_func (interviews, clear_interview);
  if ((scope = scope_id (database, topic_path, error)) < -1)
    return NULL;
  if (scope < 0)
    return g_steal_pointer (&interviews);

  /* The same score as rh_interview_report_rating_score(): Again 0 … Easy
   * 100, a skipped question as Again. */
  if (!(stmt = rh_database_prepare (database,
                                    "SELECT s.id, s.ended_at, s.template,"
                                    "  avg(CASE WHEN a.skipped THEN 0.0 ELSE (a.rating - 1) * 100.0 / 3 END), count(*)"
                                    " FROM interview_sessions s CROSS JOIN interview_answers a ON a.session_id = s.id"
                                    " WHERE s.state = 'finished' AND s.ended_at >= ?1"
                                    " AND (?2 = 0 OR (SELECT topic_id FROM cards WHERE id = a.card_id)"
                                    "  IN (SELECT descendant_id FROM topic_closure WHERE ancestor_id = ?2))"
                                    " GROUP BY s.id ORDER BY s.ended_at, s.id;",
                                    error)))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, since);
  sqlite3_bind_int64 (stmt, 2, scope);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(RhInterviewTemplate) template = NULL;
      RhStatisticsInterview interview = {
        .session_id = sqlite3_column_int64 (stmt, 0),
        .ended_at = sqlite3_column_int64 (stmt, 1),
        .score = (int)lround (sqlite3_column_double (stmt, 3)),
        .n_answers = (guint)sqlite3_column_int64 (stmt, 4),
      };

      /* Its snapshot names the round; a built-in one in today's words. */
      template = rh_interview_template_new_from_json ((const char *)sqlite3_column_text (stmt, 2), NULL);
      interview.template_id = g_strdup (template ? rh_interview_template_get_id (template) : "");
      interview.template_name = g_strdup (template ? rh_interview_template_get_name (template) : "");
      g_array_append_val (interviews, interview);
    }
  if (rc != SQLITE_DONE)
    {
      rh_database_set_error (database, error, rc);
      return NULL;
    }

  return g_steal_pointer (&interviews);
}
