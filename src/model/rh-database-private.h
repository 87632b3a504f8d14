/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* For the model's stores only: the SQLite types and the statement,
 * transaction and error helpers over the connection. No public header and
 * no widget includes this, so no view can reach SQL (the layering test
 * checks it). */

#include <sqlite3.h>

#include "rh-database.h"

G_BEGIN_DECLS

/* A cached statement that resets itself when it goes out of scope, so no
 * read transaction is left open behind the caller's back. */
typedef sqlite3_stmt RhStatement;
void rh_statement_release (RhStatement *stmt);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RhStatement, rh_statement_release)

RhStatement   *rh_database_prepare           (RhDatabase       *self,
                                              const char       *sql,
                                              GError          **error);
RhStatement   *rh_database_prepare_uncached  (RhDatabase       *self,
                                              const char       *sql,
                                              GError          **error);
gboolean       rh_database_set_error         (RhDatabase       *self,
                                              GError          **error,
                                              int               rc);
gboolean       rh_database_step_done         (RhDatabase       *self,
                                              RhStatement      *stmt,
                                              GError          **error);
/* Prepares @sql, runs it to the end and frees it: for a statement run
 * once, such as a rebuild's. */
gboolean       rh_database_run_uncached      (RhDatabase       *self,
                                              const char       *sql,
                                              GError          **error);
gint64         rh_database_last_insert_id    (RhDatabase       *self);
int            rh_database_get_n_changes     (RhDatabase       *self);

/* Every write starts with this: it waits for the check started on open
 * and refuses once the file is known to be damaged. */
gboolean       rh_database_ensure_writable   (RhDatabase       *self,
                                              GError          **error);
void           rh_database_mark_damaged      (RhDatabase       *self,
                                              const char       *detail);

gboolean       rh_database_begin             (RhDatabase       *self,
                                              GError          **error);
gboolean       rh_database_commit            (RhDatabase       *self,
                                              RhDatabaseChange  changes,
                                              GError          **error);
void           rh_database_rollback          (RhDatabase       *self);
/* Announces a change written outside rh_database_commit(). */
void           rh_database_emit_changed      (RhDatabase       *self,
                                              RhDatabaseChange  changes);

RhDatabase    *rh_database_new_sibling       (RhDatabase       *other,
                                              GError          **error);

/* For bulk writes: the caller fills review_state and cards_fts itself. */
gboolean       rh_database_suspend_card_triggers (RhDatabase   *self,
                                                  GError      **error);
gboolean       rh_database_resume_card_triggers  (RhDatabase   *self,
                                                  GError      **error);

/* Small settings kept in the file; set inside a transaction. */
char          *rh_database_dup_meta          (RhDatabase       *self,
                                              const char       *key);
gboolean       rh_database_set_meta          (RhDatabase       *self,
                                              const char       *key,
                                              const char       *value,
                                              GError          **error);

/* Counts each topic's own cards again, from nothing: after a repair has
 * copied rows past the triggers that keep topic_counts. One statement. */
#define RH_DATABASE_RECOUNT_TOPICS                                              \
  "INSERT OR REPLACE INTO topic_counts (topic_id, cards, active, new)"          \
  "  SELECT t.id, count(c.id), coalesce(sum(c.suspended = 0), 0),"              \
  "    coalesce(sum(c.suspended = 0 AND rs.state = 0), 0)"                      \
  "  FROM topics t LEFT JOIN cards c ON c.topic_id = t.id"                      \
  "  LEFT JOIN review_state rs ON rs.card_id = c.id GROUP BY t.id;"

/* review_days (see rh-database-schema.c) counts each study day's answers
 * per topic, the days cut by the key in meta: "ROLLOVER ZONE", as
 * rh_study_day() reads it. Filling it again from nothing is these two
 * statements, in the caller's transaction. */
#define RH_DATABASE_REVIEW_DAYS_KEY "review_days"
#define RH_DATABASE_CLEAR_REVIEW_DAYS "DELETE FROM review_days;"
#define RH_DATABASE_FILL_REVIEW_DAYS                                            \
  "INSERT INTO review_days (day, topic_id, n_new, n_learning, n_review,"       \
  "  n_relearning, n_passed, duration_ms)"                                     \
  "  SELECT rh_study_day (r.reviewed_at, m.value), c.topic_id,"                \
  "    sum (r.state_before = 0), sum (r.state_before = 1),"                    \
  "    sum (r.state_before = 2), sum (r.state_before = 3),"                    \
  "    sum (r.state_before = 2 AND r.rating > 1), sum (max (r.duration_ms, 0))" \
  "  FROM meta m CROSS JOIN review_log r CROSS JOIN cards c ON c.id = r.card_id" \
  "  WHERE m.key = 'review_days' AND r.state_before BETWEEN 0 AND 3"           \
  "  GROUP BY 1, 2;"

/* review_state_ready (schema 10): each studied card by topic and by the
 * last second its retrievability is still at least a desired retention,
 * for the Statistics page's readiness. FACTOR is an SQL expression for
 * that retention's elapsed ratio (rh_fsrs_elapsed_ratio()), spelt so
 * that it evaluates to exactly that double. A card is ready at NOW when
 * max (NOW - last_review, 0) <= FACTOR * 86400.0 * max (stability, 0.001);
 * last_review and NOW are whole seconds, so that is NOW <= the value
 * below, which takes the product's integer part. A NULL stability or
 * last_review makes it NULL, never ready. The index holds one retention:
 * another is the index built again (rh_statistics_store_prepare_readiness()). */
#define RH_DATABASE_READY_UNTIL(factor)                                         \
  "last_review + CAST (" factor " * 86400.0 * max (stability, 0.001) AS INTEGER)"
/* As sqlite_schema keeps it: without the semicolon. */
#define RH_DATABASE_READY_INDEX(factor)                                         \
  "CREATE INDEX review_state_ready ON review_state"                             \
  " (topic_id, " RH_DATABASE_READY_UNTIL (factor) ") WHERE state IN (1, 2, 3)"
/* The factor of the default desired retention, 0.9: 1 exactly (FSRS's
 * curve is scaled so that R (S, S) = 0.9). */
#define RH_DATABASE_READY_DEFAULT_FACTOR "(1 * 1.0 / 1)"

char          *rh_database_dup_study_day_key (RhDatabase       *self,
                                              guint             rollover_hour);

gboolean       rh_database_ensure_due_counts (RhDatabase       *self,
                                              GError          **error);
gboolean       rh_database_changed_under     (RhDatabase       *self,
                                              gint64            topic_id);
GHashTable    *rh_database_get_changed_cards (RhDatabase       *self);
guint64        rh_database_get_n_queries     (RhDatabase       *self);

G_END_DECLS
