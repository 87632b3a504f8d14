/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rh-database-check"

#include "config.h"

#include <glib/gi18n.h>

#include "rh-database-check.h"
#include "rh-database-check-private.h"
#include "rh-database-private.h"
#include "rh-search-tokenizer-private.h"

/* Check Database: SQLite's integrity_check plus the search index's own
 * check, reported in words, and a repaired copy written to a new file.
 * The checked file is only ever opened read-only, except for the search
 * index check, which SQLite runs as a write that changes nothing and
 * which is rolled back. */
struct _RhDatabaseCheck
{
  GObject    parent_instance;

  /* Owned */
  char      *path;
  GPtrArray *details;        /* SQLite's lines, the first few */
  gint64     n_cards;        /* -1 when unreadable */
  guint      n_problems;
  guint      index_damaged : 1;
  guint      header_damaged : 1;
};

G_DEFINE_FINAL_TYPE (RhDatabaseCheck, rh_database_check, G_TYPE_OBJECT)

/* The tables a repair copies, parents before children. */
static const struct {
  const char *name;
  gboolean    has_rowid;
} tables[] = {
  { "meta", FALSE },
  { "topics", TRUE },
  { "topic_closure", FALSE },
  { "cards", TRUE },
  { "follow_ups", FALSE },
  { "review_state", TRUE },
  { "review_log", TRUE },
  { "interview_templates", TRUE },
  { "interview_sessions", TRUE },
  { "interview_answers", TRUE },
  { "deleted_cards", FALSE },
};

#define MAX_DETAILS 5

struct _RhIntegrityCheck
{
  GMutex        mutex;
  GCond         cond;
  char         *path;
  GCancellable *cancellable;
  GSourceFunc   done;
  gpointer      user_data;
  char         *problem;
  gboolean      finished;
  gboolean      abandoned;
  GTask        *pending;   /* until it runs; under mutex */
};

static gboolean
is_damage (int rc)
{
  return (rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB;
}

static int
progress_cb (void *data)
{
  return g_cancellable_is_cancelled (data);
}

/* Never SQLITE_OPEN_CREATE: a checked file must exist. */
static int
open_connection (const char    *path,
                 int            flags,
                 GCancellable  *cancellable,
                 sqlite3      **db)
{
  int rc = sqlite3_open_v2 (path, db, flags, NULL);

  sqlite3_extended_result_codes (*db, TRUE);
  /* The search index cannot be read, nor checked, without its tokenizer. */
  if (rc == SQLITE_OK)
    rc = rh_search_tokenizer_register (*db);
  sqlite3_busy_timeout (*db, 2000);
  if (cancellable != NULL)
    sqlite3_progress_handler (*db, 1000, progress_cb, cancellable);

  return rc;
}

static sqlite3 *
open_read_only (const char   *path,
                GCancellable *cancellable)
{
  sqlite3 *db = NULL;

  open_connection (path, SQLITE_OPEN_READONLY, cancellable, &db);

  return db;
}

static int
query_int (sqlite3    *db,
           const char *sql,
           gint64     *out)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if ((rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL)) == SQLITE_OK)
    {
      if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          *out = sqlite3_column_int64 (stmt, 0);
          rc = SQLITE_OK;
        }
    }
  sqlite3_finalize (stmt);

  return rc;
}

/* Adds each line that is not "ok" to @problems; an error that stops the
 * check is a problem too, unless it is an interruption. */
static int
run_integrity_check (sqlite3   *db,
                     GPtrArray *problems)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if ((rc = sqlite3_prepare_v2 (db, "PRAGMA integrity_check(100);", -1, &stmt, NULL)) == SQLITE_OK)
    {
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          const char *line = (const char *)sqlite3_column_text (stmt, 0);

          g_auto(GStrv) lines = NULL;

          if (line == NULL || g_str_equal (line, "ok"))
            continue;

          /* "*** in database main ***" heads a row; it names no problem. */
          lines = g_strsplit (line, "\n", -1);
          for (guint i = 0; lines[i] != NULL; i++)
            if (*lines[i] != '\0' && !g_str_has_prefix (lines[i], "***"))
              g_ptr_array_add (problems, g_utf8_make_valid (lines[i], -1));
        }
      if (rc == SQLITE_DONE)
        rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_OK && rc != SQLITE_INTERRUPT)
    g_ptr_array_add (problems, g_utf8_make_valid (sqlite3_errmsg (db), -1));

  return rc;
}

/* The background check */

static void
integrity_check_clear (gpointer data)
{
  RhIntegrityCheck *check = data;

  g_mutex_clear (&check->mutex);
  g_cond_clear (&check->cond);
  g_free (check->path);
  g_free (check->problem);
  g_clear_object (&check->cancellable);
}

static void
integrity_check_release (gpointer data)
{
  g_atomic_rc_box_release_full (data, integrity_check_clear);
}

static void
integrity_check_thread (GTask        *task,
                        gpointer      source_object,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  RhIntegrityCheck *check = task_data;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  sqlite3 *db = open_read_only (check->path, check->cancellable);
  int rc = run_integrity_check (db, problems);

  sqlite3_close (db);

  g_mutex_lock (&check->mutex);
  if (problems->len > 0)
    check->problem = g_strdup (problems->pdata[0]);
  else if (rc == SQLITE_INTERRUPT)
    check->problem = g_strdup (_("the check was interrupted"));
  check->finished = TRUE;
  g_cond_broadcast (&check->cond);
  g_mutex_unlock (&check->mutex);

  g_task_return_boolean (task, TRUE);
}

static void
integrity_check_done_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  RhIntegrityCheck *check = user_data;

  if (!check->abandoned && check->done != NULL)
    check->done (check->user_data);

  integrity_check_release (check);
}

RhIntegrityCheck *
rh_integrity_check_new (const char  *path,
                        GSourceFunc  done,
                        gpointer     user_data)
{
  GTask *task;
  RhIntegrityCheck *check = g_atomic_rc_box_new0 (RhIntegrityCheck);

  g_mutex_init (&check->mutex);
  g_cond_init (&check->cond);
  check->path = g_strdup (path);
  check->cancellable = g_cancellable_new ();
  check->done = done;
  check->user_data = user_data;

  /* Made here, so that @done runs in this thread's main context. */
  task = g_task_new (NULL, check->cancellable, integrity_check_done_cb, g_atomic_rc_box_acquire (check));
  g_task_set_source_tag (task, rh_integrity_check_start);
  g_task_set_task_data (task, g_atomic_rc_box_acquire (check), integrity_check_release);
  check->pending = task;

  return check;
}

void
rh_integrity_check_run (RhIntegrityCheck *check)
{
  g_autoptr(GTask) task = NULL;

  g_mutex_lock (&check->mutex);
  task = g_steal_pointer (&check->pending);
  g_mutex_unlock (&check->mutex);

  if (task != NULL)
    g_task_run_in_thread (task, integrity_check_thread);
}

RhIntegrityCheck *
rh_integrity_check_start (const char  *path,
                          GSourceFunc  done,
                          gpointer     user_data)
{
  RhIntegrityCheck *check = rh_integrity_check_new (path, done, user_data);

  rh_integrity_check_run (check);

  return check;
}

gboolean
rh_integrity_check_wait (RhIntegrityCheck  *check,
                         char             **problem)
{
  gboolean sound;

  rh_integrity_check_run (check);

  g_mutex_lock (&check->mutex);
  while (!check->finished)
    g_cond_wait (&check->cond, &check->mutex);
  sound = check->problem == NULL;
  if (problem != NULL)
    *problem = g_strdup (check->problem);
  g_mutex_unlock (&check->mutex);

  return sound;
}

void
rh_integrity_check_free (RhIntegrityCheck *check)
{
  if (check == NULL)
    return;

  check->abandoned = TRUE;
  g_cancellable_cancel (check->cancellable);
  rh_integrity_check_wait (check, NULL);
  integrity_check_release (check);
}

/* The report */

static void
rh_database_check_finalize (GObject *object)
{
  RhDatabaseCheck *self = (RhDatabaseCheck *)object;

  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->details, g_ptr_array_unref);

  G_OBJECT_CLASS (rh_database_check_parent_class)->finalize (object);
}

static void
rh_database_check_class_init (RhDatabaseCheckClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rh_database_check_finalize;
}

static void
rh_database_check_init (RhDatabaseCheck *self)
{
  self->details = g_ptr_array_new_with_free_func (g_free);
  self->n_cards = -1;
}

static void
add_detail (RhDatabaseCheck *self,
            const char      *line)
{
  if (self->details->len < MAX_DETAILS)
    g_ptr_array_add (self->details, g_strdup (line));
}

static gboolean
check_exists (const char  *path,
              GError     **error)
{
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, RH_DATABASE_ERROR, RH_DATABASE_ERROR_NOT_FOUND,
                   _("“%s” does not exist."), path);
      return FALSE;
    }

  return TRUE;
}

static gboolean
set_cancelled (GError **error)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The check was cancelled."));
  return FALSE;
}

/* SQLite runs FTS5's own check as a write that changes nothing; it is
 * rolled back all the same, so no page of the file is ever written. */
static int
check_search_index (RhDatabaseCheck *self,
                    GCancellable    *cancellable)
{
  sqlite3 *db = NULL;
  int rc;

  rc = open_connection (self->path, SQLITE_OPEN_READWRITE, cancellable, &db);

  if (rc == SQLITE_OK &&
      (rc = sqlite3_exec (db, "BEGIN;", NULL, NULL, NULL)) == SQLITE_OK)
    {
      rc = sqlite3_exec (db, "INSERT INTO cards_fts (cards_fts) VALUES ('integrity-check');", NULL, NULL, NULL);
      if (is_damage (rc))
        {
          g_autofree char *line = g_utf8_make_valid (sqlite3_errmsg (db), -1);

          self->index_damaged = TRUE;
          self->n_problems++;
          add_detail (self, line);
        }
      sqlite3_exec (db, "ROLLBACK;", NULL, NULL, NULL);
    }
  else if (is_damage (rc))
    {
      self->index_damaged = TRUE;
    }
  sqlite3_close (db);

  return rc;
}

static void
check_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  GError *error = NULL;
  RhDatabaseCheck *check = rh_database_check_run (task_data, cancellable, &error);

  if (check == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, check, g_object_unref);
}

/**
 * rh_database_check_run:
 * @path: an existing database file; never created nor changed
 *
 * Returns: (transfer full) (nullable): the report, or %NULL when @path is
 *   missing, belongs to another program, or the check was cancelled
 */
RhDatabaseCheck *
rh_database_check_run (const char    *path,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(RhDatabaseCheck) self = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  gint64 application_id = 0;
  sqlite3 *db;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  if (!check_exists (path, error))
    return NULL;

  self = g_object_new (RH_TYPE_DATABASE_CHECK, NULL);
  self->path = g_strdup (path);

  db = open_read_only (path, cancellable);
  rc = query_int (db, "PRAGMA application_id;", &application_id);
  if (rc == SQLITE_OK && application_id != RH_DATABASE_APPLICATION_ID)
    {
      sqlite3_close (db);
      g_set_error (error, RH_DATABASE_ERROR, RH_DATABASE_ERROR_NOT_REHEARSE,
                   _("“%s” is not a Rehearse database, so it was not checked."), path);
      return NULL;
    }
  if (rc != SQLITE_OK)
    {
      g_autofree char *line = g_utf8_make_valid (sqlite3_errmsg (db), -1);

      sqlite3_close (db);
      if (rc == SQLITE_INTERRUPT)
        return set_cancelled (error), NULL;

      self->header_damaged = TRUE;
      self->n_problems = 1;
      add_detail (self, line);
      return g_steal_pointer (&self);
    }

  if (query_int (db, "SELECT count(*) FROM cards;", &self->n_cards) != SQLITE_OK)
    self->n_cards = -1;

  rc = run_integrity_check (db, problems);
  sqlite3_close (db);
  if (rc == SQLITE_INTERRUPT)
    return set_cancelled (error), NULL;

  self->n_problems = problems->len;
  for (guint i = 0; i < problems->len; i++)
    add_detail (self, problems->pdata[i]);

  if (check_search_index (self, cancellable) == SQLITE_INTERRUPT)
    return set_cancelled (error), NULL;

  return g_steal_pointer (&self);
}

void
rh_database_check_run_async (const char          *path,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, rh_database_check_run_async);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, check_thread);
}

/**
 * rh_database_check_run_finish:
 *
 * Returns: (transfer full) (nullable): the report
 */
RhDatabaseCheck *
rh_database_check_run_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

const char *
rh_database_check_get_path (RhDatabaseCheck *self)
{
  g_return_val_if_fail (RH_IS_DATABASE_CHECK (self), NULL);
  return self->path;
}

gboolean
rh_database_check_get_healthy (RhDatabaseCheck *self)
{
  g_return_val_if_fail (RH_IS_DATABASE_CHECK (self), FALSE);
  return self->n_problems == 0 && !self->index_damaged && !self->header_damaged;
}

/* How many problems SQLite named; at most about 100 are counted. */
guint
rh_database_check_get_n_problems (RhDatabaseCheck *self)
{
  g_return_val_if_fail (RH_IS_DATABASE_CHECK (self), 0);
  return self->n_problems;
}

/**
 * rh_database_check_get_details:
 *
 * Returns: (transfer none): SQLite's first few lines, %NULL-terminated
 */
const char * const *
rh_database_check_get_details (RhDatabaseCheck *self)
{
  g_return_val_if_fail (RH_IS_DATABASE_CHECK (self), NULL);

  if (self->details->len == 0 || self->details->pdata[self->details->len - 1] != NULL)
    g_ptr_array_add (self->details, NULL);

  return (const char * const *)self->details->pdata;
}

/* One translatable sentence: healthy or what is damaged. */
char *
rh_database_check_dup_summary (RhDatabaseCheck *self)
{
  g_autofree char *name = NULL;
  guint n_table;

  g_return_val_if_fail (RH_IS_DATABASE_CHECK (self), NULL);

  name = g_path_get_basename (self->path);
  n_table = self->n_problems - (self->index_damaged ? 1 : 0);

  if (rh_database_check_get_healthy (self))
    {
      if (self->n_cards < 0)
        return g_strdup_printf (_("No problems found in “%s”."), name);

      /* The count is printed as a long long: a G_GINT64_FORMAT would cut
       * the string xgettext sees. */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "No problems found in “%s” (%lld card).",
                                           "No problems found in “%s” (%lld cards).",
                                           (gulong)MIN (self->n_cards, G_MAXLONG)),
                              name, (long long)self->n_cards);
    }

  if (self->header_damaged)
    return g_strdup_printf (_("“%s” is damaged: its first page cannot be read."), name);

  if (n_table > 0 && self->index_damaged)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "“%s” is damaged: %u problem in its tables, and its search index does not match its cards.",
                                         "“%s” is damaged: %u problems in its tables, and its search index does not match its cards.",
                                         n_table),
                            name, n_table);

  if (n_table > 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "“%s” is damaged: %u problem in its tables.",
                                         "“%s” is damaged: %u problems in its tables.",
                                         n_table),
                            name, n_table);

  return g_strdup_printf (_("“%s” is damaged: its search index does not match its cards."), name);
}

/* The summary, then SQLite's first lines, one per line. */
char *
rh_database_check_dup_report (RhDatabaseCheck *self)
{
  g_autoptr(GString) report = NULL;
  g_autofree char *summary = NULL;
  const char * const *details;

  g_return_val_if_fail (RH_IS_DATABASE_CHECK (self), NULL);

  summary = rh_database_check_dup_summary (self);
  report = g_string_new (summary);
  details = rh_database_check_get_details (self);
  for (guint i = 0; details[i] != NULL; i++)
    g_string_append_printf (report, "\n  %s", details[i]);
  if (self->n_problems > self->details->len - 1)
    g_string_append_printf (report, "\n  …");

  return g_string_free (g_steal_pointer (&report), FALSE);
}

/* Repair */

static gboolean
remove_copy (const char *path)
{
  rh_database_remove_files (path);
  return FALSE;
}

/* Inserts the current row of @select (its column 0 is the rowid when
 * @skip_first) into @table of @copy. A row the copy refuses (a card whose
 * topic was lost) is skipped. */
static gboolean
insert_row (RhDatabase    *copy,
            sqlite3_stmt  *select,
            sqlite3_stmt **insert,
            const char    *table,
            int            first,
            gboolean      *inserted,
            GError       **error)
{
  int n_columns = sqlite3_column_count (select);
  int rc;

  if (*insert == NULL)
    {
      g_autoptr(GString) sql = g_string_new (NULL);
      gboolean replace = g_str_equal (table, "review_state") || g_str_equal (table, "meta");

      /* review_state rows are made by a trigger as each card goes in. */
      g_string_append_printf (sql, "INSERT %s INTO main.\"%s\" (", replace ? "OR REPLACE" : "", table);
      for (int i = first; i < n_columns; i++)
        g_string_append_printf (sql, "%s\"%s\"", i > first ? ", " : "", sqlite3_column_name (select, i));
      g_string_append (sql, ") VALUES (");
      for (int i = first; i < n_columns; i++)
        g_string_append (sql, i > first ? ", ?" : "?");
      g_string_append (sql, ");");

      if (!(*insert = rh_database_prepare_uncached (copy, sql->str, error)))
        return FALSE;
    }

  sqlite3_reset (*insert);
  for (int i = first; i < n_columns; i++)
    sqlite3_bind_value (*insert, i - first + 1, sqlite3_column_value (select, i));

  rc = sqlite3_step (*insert);
  *inserted = rc == SQLITE_DONE;
  sqlite3_reset (*insert);

  if (rc == SQLITE_DONE || (rc & 0xff) == SQLITE_CONSTRAINT)
    return TRUE;

  return rh_database_set_error (copy, error, rc);
}

/* Copies what can be read of @table. A whole-table scan first; where it
 * hits damage, rows are walked by rowid from past the damage, skipping
 * further each time the same place fails. */
static gboolean
copy_table (sqlite3       *source,
            RhDatabase    *copy,
            const char    *table,
            gboolean       has_rowid,
            gint64        *n_copied,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *select = NULL;
  sqlite3_stmt *insert = NULL;
  gint64 next = G_MININT64;
  gint64 skip = 1;
  gboolean ok = TRUE;
  int rc;

  *n_copied = 0;

  if (has_rowid)
    sql = g_strdup_printf ("SELECT rowid, * FROM main.\"%s\" WHERE rowid >= ? ORDER BY rowid;", table);
  else
    sql = g_strdup_printf ("SELECT * FROM main.\"%s\";", table);

  /* A table the damaged file lost, or never had, has nothing to copy. */
  if (sqlite3_prepare_v2 (source, sql, -1, &select, NULL) != SQLITE_OK)
    return TRUE;

  while (ok)
    {
      gboolean progressed = FALSE;

      sqlite3_reset (select);
      if (has_rowid)
        sqlite3_bind_int64 (select, 1, next);

      while (ok && (rc = sqlite3_step (select)) == SQLITE_ROW)
        {
          gboolean inserted = FALSE;

          ok = insert_row (copy, select, &insert, table, has_rowid ? 1 : 0, &inserted, error);
          *n_copied += inserted;
          progressed = TRUE;
          if (has_rowid)
            {
              gint64 rowid = sqlite3_column_int64 (select, 0);

              if (rowid == G_MAXINT64)
                {
                  rc = SQLITE_DONE;
                  break;
                }
              next = rowid + 1;
            }
        }

      if (!ok || rc == SQLITE_DONE)
        break;

      if (rc == SQLITE_INTERRUPT || g_cancellable_is_cancelled (cancellable))
        {
          ok = set_cancelled (error);
          break;
        }

      if (!has_rowid || !is_damage (rc))
        break;

      skip = progressed ? 1 : skip * 2;
      if (next > G_MAXINT64 - skip)
        break;
      next += skip;
    }

  sqlite3_finalize (select);
  sqlite3_finalize (insert);

  return ok;
}

/**
 * rh_database_check_repair:
 * @destination: a new file; an existing one (the checked file too) is
 *   refused
 * @result: (out caller-allocates) (optional): what was saved
 *
 * Writes what can be read of the checked file into a new database at
 * @destination, and checks the copy. The checked file is opened
 * read-only.
 */
gboolean
rh_database_check_repair (RhDatabaseCheck  *self,
                          const char       *destination,
                          GCancellable     *cancellable,
                          RhRepairResult   *result,
                          GError          **error)
{
  g_autoptr(RhDatabase) copy = NULL;
  g_autoptr(RhDatabaseCheck) verify = NULL;
  RhRepairResult counts = { 0, -1, 0, -1 };
  sqlite3 *source;
  gboolean ok = TRUE;

  g_return_val_if_fail (RH_IS_DATABASE_CHECK (self), FALSE);
  g_return_val_if_fail (destination != NULL, FALSE);

  if (!check_exists (self->path, error))
    return FALSE;

  if (g_file_test (destination, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   _("“%s” already exists. Choose a new file for the repaired copy."), destination);
      return FALSE;
    }

  if (!(copy = rh_database_new (destination, error)))
    return remove_copy (destination);

  source = open_read_only (self->path, cancellable);
  query_int (source, "SELECT count(*) FROM cards;", &counts.cards_total);
  query_int (source, "SELECT count(*) FROM review_log;", &counts.reviews_total);

  if (!rh_database_begin (copy, error))
    ok = FALSE;

  for (guint i = 0; ok && i < G_N_ELEMENTS (tables); i++)
    {
      gint64 n = 0;

      ok = copy_table (source, copy, tables[i].name, tables[i].has_rowid, &n, cancellable, error);
      if (g_str_equal (tables[i].name, "cards"))
        counts.cards_recovered = n;
      else if (g_str_equal (tables[i].name, "review_log"))
        counts.reviews_recovered = n;
    }
  sqlite3_close (source);

  /* Damage can hide rows from count(*): never claim more were lost than
   * there were. */
  counts.cards_total = MAX (counts.cards_total, counts.cards_recovered);
  counts.reviews_total = MAX (counts.reviews_total, counts.reviews_recovered);

  if (ok)
    {
      /* The copied review_state rows replaced those the card triggers
       * counted, with whatever topic the damaged file said. */
      g_autoptr(RhStatement) recount = rh_database_prepare (copy, RH_DATABASE_RECOUNT_TOPICS, error);
      g_autoptr(RhStatement) retopic = NULL;
      g_autoptr(RhStatement) clear_days = NULL;
      g_autoptr(RhStatement) fill_days = NULL;

      /* review_days too, by the copied cards' topics. */
      ok = recount != NULL && rh_database_step_done (copy, recount, error) &&
           (retopic = rh_database_prepare (copy, "UPDATE review_state SET topic_id ="
                                                 " (SELECT topic_id FROM cards WHERE id = card_id);",
                                           error)) &&
           rh_database_step_done (copy, retopic, error) &&
           (clear_days = rh_database_prepare (copy, RH_DATABASE_CLEAR_REVIEW_DAYS, error)) &&
           rh_database_step_done (copy, clear_days, error) &&
           (fill_days = rh_database_prepare (copy, RH_DATABASE_FILL_REVIEW_DAYS, error)) &&
           rh_database_step_done (copy, fill_days, error);
    }

  if (!ok || !rh_database_commit (copy, 0, error))
    {
      rh_database_rollback (copy);
      g_clear_object (&copy);
      return remove_copy (destination);
    }
  g_clear_object (&copy);

  if (!(verify = rh_database_check_run (destination, cancellable, error)))
    return remove_copy (destination);

  if (!rh_database_check_get_healthy (verify))
    {
      g_autofree char *summary = rh_database_check_dup_summary (verify);

      g_set_error (error, RH_DATABASE_ERROR, RH_DATABASE_ERROR_FAILED,
                   _("The repaired copy did not pass its own check, so it was removed: %s"), summary);
      return remove_copy (destination);
    }

  if (result != NULL)
    *result = counts;

  return TRUE;
}

static void
repair_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GError *error = NULL;
  RhRepairResult *result = g_new0 (RhRepairResult, 1);

  if (rh_database_check_repair (source_object, task_data, cancellable, result, &error))
    g_task_return_pointer (task, result, g_free);
  else
    {
      g_free (result);
      g_task_return_error (task, error);
    }
}

void
rh_database_check_repair_async (RhDatabaseCheck     *self,
                                const char          *destination,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (RH_IS_DATABASE_CHECK (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rh_database_check_repair_async);
  g_task_set_task_data (task, g_strdup (destination), g_free);
  g_task_run_in_thread (task, repair_thread);
}

gboolean
rh_database_check_repair_finish (RhDatabaseCheck  *self,
                                 GAsyncResult     *result,
                                 RhRepairResult   *repair,
                                 GError          **error)
{
  g_autofree RhRepairResult *counts = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (!(counts = g_task_propagate_pointer (G_TASK (result), error)))
    return FALSE;

  if (repair != NULL)
    *repair = *counts;

  return TRUE;
}

/* "Saved 40 of 50 cards to “copy.db”. It holds 12 of 12 answers in the
 * review history." */
char *
rh_repair_result_format (const RhRepairResult *result,
                         const char           *destination)
{
  g_autofree char *name = g_path_get_basename (destination);
  g_autofree char *cards = NULL;
  g_autofree char *reviews = NULL;

  /* Two sentences, each with its own plural. */
  cards = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        "Saved %lld of %lld card to “%s”.",
                                        "Saved %lld of %lld cards to “%s”.",
                                        (gulong)MIN (result->cards_total, G_MAXLONG)),
                           (long long)result->cards_recovered, (long long)result->cards_total, name);
  reviews = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "It holds %lld of %lld answer in the review history.",
                                          "It holds %lld of %lld answers in the review history.",
                                          (gulong)MIN (result->reviews_total, G_MAXLONG)),
                             (long long)result->reviews_recovered, (long long)result->reviews_total);

  /* Translators: the two sentences above, in the order that reads best */
  return g_strdup_printf (C_("repaired copy", "%s %s"), cards, reviews);
}
