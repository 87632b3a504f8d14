/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rh-database"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "rh-database-check-private.h"
#include "rh-database-private.h"
#include "rh-database-schema-private.h"
#include "rh-markdown.h"
#include "rh-search-private.h"
#include "rh-search-tokenizer-private.h"

/* What a ::changed emission announces: the topics whose own counts
 * changed (NULL when unknown), and their ancestors once asked for. */
typedef struct
{
  GHashTable *topics;
  GHashTable *ancestors;
  GHashTable *cards;
} Announcement;

/* More cards than this in one write are "every card" to a reader. */
#define MAX_TOUCHED_CARDS 64

/* The connection: one SQLite file, opened once, with every statement
 * prepared and cached. Writes go through rh_database_begin()/commit() and
 * announce themselves with ::changed so that models can refresh. The
 * stores (rh-deck-store.c and others) keep their own SQL. */
struct _RhDatabase
{
  GObject     parent_instance;

  /* Owned */
  sqlite3    *db;
  char       *path;
  RhClock    *clock;
  GHashTable *statements;   /* SQL text → sqlite3_stmt */
  RhIntegrityCheck *check;  /* until the first write has waited for it */
  char       *damage;       /* why nothing more is written, or NULL */

  guint64     n_queries;    /* statements run, triggers not counted */
  gboolean    defer_check;  /* the check waits for rh_database_start_check() */
  gint64      due_cutoff;   /* what temp.due_counts counts up to */

  /* What rh_study_day() last read of a review_days key (see
   * rh-database-private.h), and the study day it last answered. */
  char       *days_key;
  GTimeZone  *days_tz;
  guint       days_rollover;
  gint64      days_start;
  gint64      days_end;

  /* Topics whose own counts (topic_counts, temp.due_counts) changed since
   * the last announcement, and what the one being emitted announces. */
  GHashTable   *touched;
  Announcement *announcement;
  /* Cards whose review_state rows changed, the same way. */
  GHashTable   *touched_cards;

  /* Shared by a connection and its siblings: how many siblings are in a
   * write transaction (an import on a worker). */
  gint         *siblings_writing;

  guint       touched_all : 1;  /* topics came or went, or unknown */
  guint       touched_all_cards : 1;
  guint       counting : 1;     /* making the due counts is no change */
  guint       follows_clock : 1;
  guint       due_ready : 1;
  guint       in_transaction : 1;
  guint       read_only : 1;
  guint       sibling : 1;      /* trusts the check of the connection it came from */
};

G_DEFINE_FINAL_TYPE (RhDatabase, rh_database, G_TYPE_OBJECT)

/* A write waits this long for another process's, then says the file is in
 * use; opening waits longer. */
#define BUSY_TIMEOUT_MS 5000
#define OPEN_BUSY_TIMEOUT_MS 60000

G_DEFINE_QUARK (rh-database-error-quark, rh_database_error)

G_DEFINE_FLAGS_TYPE (RhDatabaseChange, rh_database_change,
  G_DEFINE_ENUM_VALUE (RH_DATABASE_CHANGE_TOPICS, "topics"),
  G_DEFINE_ENUM_VALUE (RH_DATABASE_CHANGE_CARDS, "cards"),
  G_DEFINE_ENUM_VALUE (RH_DATABASE_CHANGE_REVIEWS, "reviews"),
  G_DEFINE_ENUM_VALUE (RH_DATABASE_CHANGE_INTERVIEWS, "interviews"),
  G_DEFINE_ENUM_VALUE (RH_DATABASE_CHANGE_DUE, "due"))

enum { PROP_0, PROP_PATH, PROP_CLOCK, PROP_DAMAGED, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static const char *
display_path (RhDatabase *self)
{
  return self->path ? self->path : ":memory:";
}

void
rh_statement_release (RhStatement *stmt)
{
  if (stmt != NULL)
    sqlite3_reset (stmt);
}

/* rh_plain_text(markdown): what a reader sees of a card's front or back,
 * for the search index's triggers. */
static void
plain_text_function (sqlite3_context  *context,
                     int               argc,
                     sqlite3_value   **argv)
{
  const char *markdown = (const char *)sqlite3_value_text (argv[0]);

  if (markdown == NULL)
    sqlite3_result_null (context);
  else
    sqlite3_result_text (context, rh_markdown_to_plain_text (markdown), -1, g_free);
}

/* rh_search_contains(text, literal): whether @text has a phrase of a
 * search as written (rh-search-private.h), its case folded as GLib folds
 * it in every script, which the index's own folding does not quite do. */
static void
search_contains_function (sqlite3_context  *context,
                          int               argc,
                          sqlite3_value   **argv)
{
  const char *text = (const char *)sqlite3_value_text (argv[0]);
  const char *literal = (const char *)sqlite3_value_text (argv[1]);

  /* Text in the database is valid UTF-8 (imports and edits check it) */
  if (text == NULL || literal == NULL)
    sqlite3_result_null (context);
  else
    sqlite3_result_int (context, rh_search_contains (text, literal));
}

/* rh_search_has_tag(tags, tag): whether the newline-joined @tags has
 * @tag, ignoring case (rh-search-private.h). */
static void
search_has_tag_function (sqlite3_context  *context,
                         int               argc,
                         sqlite3_value   **argv)
{
  const char *tags = (const char *)sqlite3_value_text (argv[0]);
  const char *tag = (const char *)sqlite3_value_text (argv[1]);

  if (tags == NULL || tag == NULL)
    sqlite3_result_null (context);
  else
    sqlite3_result_int (context, rh_search_has_tag (tags, tag));
}

/* rh_study_day(at, key): the first second of the study day holding @at,
 * as the review_days key "ROLLOVER ZONE" cuts days. The log is read and
 * written in time order, so the last day answered is usually the next. */
static void
study_day_function (sqlite3_context  *context,
                    int               argc,
                    sqlite3_value   **argv)
{
  RhDatabase *self = sqlite3_user_data (context);
  const char *key = (const char *)sqlite3_value_text (argv[1]);
  gint64 at = sqlite3_value_int64 (argv[0]);

  if (key == NULL || sqlite3_value_type (argv[0]) == SQLITE_NULL)
    {
      sqlite3_result_null (context);
      return;
    }

  if (g_strcmp0 (key, self->days_key) != 0)
    {
      GTimeZone *clock_tz = rh_clock_get_timezone (self->clock);
      const char *zone = strchr (key, ' ');

      g_free (self->days_key);
      self->days_key = g_strdup (key);
      self->days_rollover = MIN ((guint)g_ascii_strtoull (key, NULL, 10), 23);
      g_clear_pointer (&self->days_tz, g_time_zone_unref);
      zone = zone ? zone + 1 : "UTC";
      if (g_strcmp0 (zone, g_time_zone_get_identifier (clock_tz)) == 0)
        self->days_tz = g_time_zone_ref (clock_tz);
      else if (!(self->days_tz = g_time_zone_new_identifier (zone)))
        self->days_tz = g_time_zone_new_utc ();
      self->days_start = self->days_end = 0;
    }

  if (at < self->days_start || at >= self->days_end)
    {
      self->days_start = rh_study_day_start_in_zone (self->days_tz, at, self->days_rollover, 0);
      self->days_end = rh_study_day_start_in_zone (self->days_tz, self->days_start, self->days_rollover, 1);
      /* A time GDateTime cannot hold is its own day. */
      if (self->days_end <= at)
        {
          sqlite3_result_int64 (context, at);
          self->days_start = self->days_end = 0;
          return;
        }
    }

  sqlite3_result_int64 (context, self->days_start);
}

/* rh_study_day_key(): the review_days key of this connection's clock, for
 * the migration that first fills the table. */
static void
study_day_key_function (sqlite3_context  *context,
                        int               argc,
                        sqlite3_value   **argv)
{
  RhDatabase *self = sqlite3_user_data (context);

  sqlite3_result_text (context,
                       rh_database_dup_study_day_key (self, rh_clock_get_day_rollover_hour (self->clock)),
                       -1, g_free);
}

static int
exec (RhDatabase *self,
      const char *sql)
{
  return sqlite3_exec (self->db, sql, NULL, NULL, NULL);
}

static void
set_damaged_error (RhDatabase  *self,
                   GError     **error)
{
  g_set_error (error, RH_DATABASE_ERROR, RH_DATABASE_ERROR_CORRUPT,
               _("“%s” is damaged (%s). Rehearse will not write to it: restore it from a backup, or save a repaired copy with Check Database (rehearse --check --repair-to NEW-FILE)."),
               display_path (self), self->damage ? self->damage : _("unknown damage"));
}

/**
 * rh_database_set_error:
 * @rc: an SQLite result code
 *
 * Sets @error to a message a user can act on for @rc.
 *
 * Returns: %FALSE, so callers can `return rh_database_set_error (…)`
 */
gboolean
rh_database_set_error (RhDatabase  *self,
                       GError     **error,
                       int          rc)
{
  const char *detail = sqlite3_errstr (rc);

  g_return_val_if_fail (RH_IS_DATABASE (self), FALSE);

  if (self->db != NULL && sqlite3_errcode (self->db) == rc)
    detail = sqlite3_errmsg (self->db);

  /* SQLite calls some writes that found the disk full an I/O error. */
  if ((rc & 0xff) == SQLITE_IOERR && self->db != NULL && sqlite3_system_errno (self->db) == ENOSPC)
    rc = SQLITE_FULL;

  switch (rc & 0xff)
    {
    case SQLITE_FULL:
      g_set_error (error, RH_DATABASE_ERROR, RH_DATABASE_ERROR_FULL,
                   _("The disk is full, so the change to “%s” was not saved. Free some space and try again."),
                   display_path (self));
      break;

    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      rh_database_mark_damaged (self, detail);
      set_damaged_error (self, error);
      break;

    case SQLITE_READONLY:
    case SQLITE_PERM:
      g_set_error (error, RH_DATABASE_ERROR, RH_DATABASE_ERROR_READ_ONLY,
                   _("“%s” cannot be written (%s). Check the file’s permissions."),
                   display_path (self), detail);
      break;

    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, RH_DATABASE_ERROR, RH_DATABASE_ERROR_BUSY,
                   _("“%s” is in use by another program. Close it and try again."),
                   display_path (self));
      break;

    case SQLITE_CANTOPEN:
      g_set_error (error, RH_DATABASE_ERROR, RH_DATABASE_ERROR_OPEN,
                   _("“%s” cannot be opened (%s). Check that its folder exists and is writable."),
                   display_path (self), detail);
      break;

    default:
      g_set_error (error, RH_DATABASE_ERROR, RH_DATABASE_ERROR_FAILED,
                   _("Database error in “%s”: %s"), display_path (self), detail);
      break;
    }

  return FALSE;
}

/* Runs every migration from @from_version inside the caller's transaction. */
static int
migrate (RhDatabase *self,
         gint64      from_version)
{
  for (gint64 version = from_version; version < RH_DATABASE_SCHEMA_VERSION; version++)
    {
      g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %" G_GINT64_FORMAT ";", version + 1);
      int rc;

      g_debug ("Migrating %s from schema %" G_GINT64_FORMAT, display_path (self), version);

      if ((rc = exec (self, rh_database_migrations[version])) != SQLITE_OK ||
          (rc = exec (self, bump)) != SQLITE_OK)
        return rc;
    }

  return SQLITE_OK;
}

/* What the file says it is, read before anything is written. */
typedef struct
{
  gint64 application_id;
  gint64 user_version;
  gint64 n_objects;
} FileHeader;

static int
read_header (RhDatabase *self,
             FileHeader *header)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  *header = (FileHeader) { 0, 0, 0 };

  /* One statement, so one read transaction: a process creating the same
   * file cannot commit between the three. */
  rc = sqlite3_prepare_v2 (self->db,
                           "SELECT (SELECT application_id FROM pragma_application_id),"
                           " (SELECT user_version FROM pragma_user_version),"
                           " (SELECT count(*) FROM sqlite_schema);",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      header->application_id = sqlite3_column_int64 (stmt, 0);
      header->user_version = sqlite3_column_int64 (stmt, 1);
      header->n_objects = sqlite3_column_int64 (stmt, 2);
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);

  return rc;
}

static gboolean
header_read_failed (RhDatabase  *self,
                    int          rc,
                    GError     **error)
{
  if ((rc & 0xff) == SQLITE_NOTADB)
    {
      g_set_error (error, RH_DATABASE_ERROR, RH_DATABASE_ERROR_NOT_REHEARSE,
                   _("“%s” is not a Rehearse database, or it is damaged. Rehearse did not change it."),
                   display_path (self));
      return FALSE;
    }

  return rh_database_set_error (self, error, rc);
}

/* A file is ours when it carries our application id and a schema version,
 * or when it is empty: anything else belongs to someone else. */
static gboolean
check_header (RhDatabase        *self,
              const FileHeader  *header,
              GError           **error)
{
  gboolean empty = header->user_version == 0 && header->n_objects == 0 &&
                   (header->application_id == 0 || header->application_id == RH_DATABASE_APPLICATION_ID);
  gboolean ours = header->application_id == RH_DATABASE_APPLICATION_ID && header->user_version > 0;

  if (!empty && !ours)
    {
      g_set_error (error, RH_DATABASE_ERROR, RH_DATABASE_ERROR_NOT_REHEARSE,
                   _("“%s” is an SQLite database of another program, not a Rehearse database. Rehearse did not change it."),
                   display_path (self));
      return FALSE;
    }

  if (header->user_version > RH_DATABASE_SCHEMA_VERSION)
    {
      g_set_error (error, RH_DATABASE_ERROR, RH_DATABASE_ERROR_NEWER,
                   _("“%s” was written by a newer version of Rehearse (database version %d, this version knows up to %d). Update Rehearse to open it; the file was not changed."),
                   display_path (self), (int)MIN (header->user_version, G_MAXINT), RH_DATABASE_SCHEMA_VERSION);
      return FALSE;
    }

  return TRUE;
}

/* Creates or upgrades the schema in one transaction. BEGIN IMMEDIATE makes
 * a second process creating the same file wait for the first, and the
 * header is read again under that lock, so the loser finds the schema
 * made and has nothing left to do. */
static gboolean
upgrade_schema (RhDatabase  *self,
                GError     **error)
{
  FileHeader header;
  int rc;

  if ((rc = exec (self, "BEGIN IMMEDIATE;")) != SQLITE_OK)
    return rh_database_set_error (self, error, rc);

  if ((rc = read_header (self, &header)) != SQLITE_OK)
    {
      exec (self, "ROLLBACK;");
      return header_read_failed (self, rc, error);
    }

  /* start_check() has already checked a file that needs migrating. */
  if (!check_header (self, &header, error))
    {
      exec (self, "ROLLBACK;");
      return FALSE;
    }

  if ((rc = migrate (self, header.user_version)) != SQLITE_OK ||
      (rc = exec (self, "COMMIT;")) != SQLITE_OK)
    {
      rh_database_set_error (self, error, rc);
      exec (self, "ROLLBACK;");
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_done_cb (gpointer user_data)
{
  RhDatabase *self = user_data;
  g_autofree char *problem = NULL;

  if (!rh_integrity_check_wait (self->check, &problem))
    rh_database_mark_damaged (self, problem);

  return G_SOURCE_REMOVE;
}

/* A full integrity check of a large file takes seconds, so it runs on a
 * worker thread and the first write waits for it. A file about to change
 * on open (a migration, or a switch to WAL, which rewrites the header) is
 * checked before that. */
static gboolean
start_check (RhDatabase  *self,
             gint64       user_version,
             gint64       n_objects,
             GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean wal = FALSE;

  if (self->path == NULL || n_objects == 0 || self->sibling)
    return TRUE;

  self->check = rh_integrity_check_new (self->path, check_done_cb, self);
  if (!self->defer_check)
    rh_integrity_check_run (self->check);

  if (sqlite3_prepare_v2 (self->db, "PRAGMA journal_mode;", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    wal = g_strcmp0 ((const char *)sqlite3_column_text (stmt, 0), "wal") == 0;
  sqlite3_finalize (stmt);

  if (wal && user_version == RH_DATABASE_SCHEMA_VERSION)
    return TRUE;

  return rh_database_ensure_writable (self, error);
}

/* Everything here reads before it writes: a foreign, damaged or newer file
 * is refused before the first byte of it could change. */
/* Counts the statements run, for tests that check how many a refresh
 * takes; a trigger's statements come with "--" and are left out. */
static int
trace_cb (unsigned int  type,
          void         *data,
          void         *stmt,
          void         *sql)
{
  RhDatabase *self = data;

  if (type == SQLITE_TRACE_STMT && !g_str_has_prefix (sql, "--"))
    self->n_queries++;

  return 0;
}

/* Which topics' counts a write moves, as the triggers write them: the
 * rows of topic_counts and temp.due_counts are keyed by topic. */
static void
update_cb (void          *data,
           int            op,
           const char    *db_name,
           const char    *table,
           sqlite3_int64  row_id)
{
  RhDatabase *self = data;

  if (strcmp (table, "review_state") == 0 && !self->touched_all_cards)
    {
      if (g_hash_table_size (self->touched_cards) >= MAX_TOUCHED_CARDS)
        self->touched_all_cards = TRUE;
      else
        g_hash_table_add (self->touched_cards, g_memdup2 (&row_id, sizeof row_id));
    }

  if (self->touched_all || self->counting)
    return;

  if (strcmp (table, "topics") == 0)
    self->touched_all = TRUE;
  else if (strcmp (table, "topic_counts") == 0 || strcmp (table, "due_counts") == 0)
    g_hash_table_add (self->touched, g_memdup2 (&row_id, sizeof row_id));
}

/* Emits ::changed; @known when the touched topics are all it changed
 * (a write of this connection), not when another connection wrote. */
static void
announce (RhDatabase       *self,
          RhDatabaseChange  changes,
          gboolean          known)
{
  Announcement announcement = { NULL, NULL, NULL };
  Announcement *outer = self->announcement;

  if (known && !self->touched_all_cards)
    announcement.cards = g_steal_pointer (&self->touched_cards);
  else
    g_hash_table_remove_all (self->touched_cards);
  if (self->touched_cards == NULL)
    self->touched_cards = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->touched_all_cards = FALSE;

  if (known && !self->touched_all)
    announcement.topics = g_steal_pointer (&self->touched);
  else
    g_hash_table_remove_all (self->touched);
  if (self->touched == NULL)
    self->touched = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->touched_all = FALSE;

  /* A handler may write and announce again, inside this one. */
  self->announcement = &announcement;
  g_signal_emit (self, signals[CHANGED], 0, changes);
  self->announcement = outer;

  g_clear_pointer (&announcement.topics, g_hash_table_unref);
  g_clear_pointer (&announcement.ancestors, g_hash_table_unref);
  g_clear_pointer (&announcement.cards, g_hash_table_unref);
}

/* A rollback may take the temp due counts back with it: they are made
 * again when next asked. */
static void
rollback_cb (void *data)
{
  RhDatabase *self = data;

  self->due_ready = FALSE;
}

/* Due counts per topic's own cards (not suspended, answered, due by
 * due_cutoff), in the connection's temp schema: temp triggers keep them
 * in the transaction of each change, and moving the cutoff only counts
 * the cards whose due time it passes. */
static const char due_counts_sql[] =
  "DROP TABLE IF EXISTS temp.due_counts;"
  "DROP TABLE IF EXISTS temp.due_cutoff;"
  "DROP TRIGGER IF EXISTS temp.due_counts_state;"
  "DROP TRIGGER IF EXISTS temp.due_counts_card_update;"
  "DROP TRIGGER IF EXISTS temp.due_counts_card_delete;"
  "CREATE TEMP TABLE due_counts (topic_id INTEGER PRIMARY KEY, n INTEGER NOT NULL);"
  "CREATE TEMP TABLE due_cutoff (value INTEGER NOT NULL);"
  "INSERT INTO temp.due_cutoff VALUES (-9223372036854775808);"
  "CREATE TEMP TRIGGER due_counts_state AFTER UPDATE OF state, due ON main.review_state BEGIN"
  "  INSERT INTO due_counts (topic_id, n)"
  "    SELECT c.topic_id, (new.state <> 0 AND new.due <= k.value) - (old.state <> 0 AND old.due <= k.value)"
  "    FROM main.cards c, temp.due_cutoff k WHERE c.id = new.card_id AND c.suspended = 0"
  "    ON CONFLICT (topic_id) DO UPDATE SET n = n + excluded.n;"
  "END;"
  "CREATE TEMP TRIGGER due_counts_card_update AFTER UPDATE OF topic_id, suspended ON main.cards BEGIN"
  "  INSERT INTO due_counts (topic_id, n)"
  "    SELECT old.topic_id, -1 FROM main.review_state rs, temp.due_cutoff k"
  "    WHERE rs.card_id = old.id AND old.suspended = 0 AND rs.state <> 0 AND rs.due <= k.value"
  "    ON CONFLICT (topic_id) DO UPDATE SET n = n + excluded.n;"
  "  INSERT INTO due_counts (topic_id, n)"
  "    SELECT new.topic_id, 1 FROM main.review_state rs, temp.due_cutoff k"
  "    WHERE rs.card_id = new.id AND new.suspended = 0 AND rs.state <> 0 AND rs.due <= k.value"
  "    ON CONFLICT (topic_id) DO UPDATE SET n = n + excluded.n;"
  "END;"
  "CREATE TEMP TRIGGER due_counts_card_delete BEFORE DELETE ON main.cards BEGIN"
  "  UPDATE due_counts SET n = n - 1 WHERE topic_id = old.topic_id AND EXISTS ("
  "    SELECT 1 FROM main.review_state rs, temp.due_cutoff k"
  "    WHERE rs.card_id = old.id AND old.suspended = 0 AND rs.state <> 0 AND rs.due <= k.value);"
  "END;";

/* The first count, topic by topic on the covering (topic_id, state, due)
 * index, so it reads index entries instead of the due cards' rows; only a
 * topic holding suspended cards (fewer active than cards) looks at each
 * card. */
static const char * const due_fill_sql[] = {
  "INSERT INTO temp.due_counts (topic_id, n)"
  "  SELECT n.topic_id, count(*) FROM main.topic_counts n CROSS JOIN main.review_state rs"
  "  ON rs.topic_id = n.topic_id"
  "  WHERE n.active = n.cards AND rs.state IN (1, 2, 3) AND rs.due <= ?1"
  "  GROUP BY n.topic_id;",
  "INSERT INTO temp.due_counts (topic_id, n)"
  "  SELECT n.topic_id, count(*) FROM main.topic_counts n CROSS JOIN main.review_state rs"
  "  ON rs.topic_id = n.topic_id JOIN main.cards c ON c.id = rs.card_id"
  "  WHERE n.active <> n.cards AND rs.state IN (1, 2, 3) AND rs.due <= ?1 AND c.suspended = 0"
  "  GROUP BY n.topic_id;",
};

/* Cards whose due time lies between the old cutoff and the new one, in
 * either direction (the wall clock can be set back). */
static const char due_move_sql[] =
  "INSERT INTO temp.due_counts (topic_id, n)"
  "  SELECT c.topic_id, ?3 * count(*) FROM main.review_state rs JOIN main.cards c ON c.id = rs.card_id"
  "  WHERE rs.state IN (1, 2, 3) AND rs.due > ?1 AND rs.due <= ?2 AND c.suspended = 0"
  "  GROUP BY c.topic_id"
  "  ON CONFLICT (topic_id) DO UPDATE SET n = n + excluded.n;";

static gboolean
open_database (RhDatabase  *self,
               const char  *uri,
               int          flags,
               GError     **error)
{
  FileHeader header;
  int rc;

  rc = sqlite3_open_v2 (uri, &self->db, flags | SQLITE_OPEN_URI, NULL);
  if (rc != SQLITE_OK)
    return rh_database_set_error (self, error, rc);

  sqlite3_extended_result_codes (self->db, TRUE);
  /* Before the trace: registering runs a statement no caller asked for. */
  if ((rc = rh_search_tokenizer_register (self->db)) != SQLITE_OK)
    return rh_database_set_error (self, error, rc);
  sqlite3_trace_v2 (self->db, SQLITE_TRACE_STMT, trace_cb, self);
  sqlite3_rollback_hook (self->db, rollback_cb, self);
  sqlite3_update_hook (self->db, update_cb, self);
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);

  rc = sqlite3_create_function (self->db, "rh_plain_text", 1,
                                SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                                NULL, plain_text_function, NULL, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_create_function (self->db, "rh_search_contains", 2,
                                  SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                                  NULL, search_contains_function, NULL, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_create_function (self->db, "rh_search_has_tag", 2,
                                  SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                                  NULL, search_has_tag_function, NULL, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_create_function (self->db, "rh_study_day", 2,
                                  SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                                  self, study_day_function, NULL, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_create_function (self->db, "rh_study_day_key", 0,
                                  SQLITE_UTF8 | SQLITE_INNOCUOUS,
                                  self, study_day_key_function, NULL, NULL);
  if (rc != SQLITE_OK)
    return rh_database_set_error (self, error, rc);

  if ((rc = read_header (self, &header)) != SQLITE_OK)
    return header_read_failed (self, rc, error);

  if (!check_header (self, &header, error))
    return FALSE;

  if (self->read_only)
    {
      /* Upgrading the schema would be a write. */
      if (header.user_version < RH_DATABASE_SCHEMA_VERSION)
        {
          g_set_error (error, RH_DATABASE_ERROR, RH_DATABASE_ERROR_READ_ONLY,
                       _("“%s” was written by an older version of Rehearse and cannot be read until it is upgraded, which needs permission to write it."),
                       display_path (self));
          return FALSE;
        }

      return TRUE;
    }

  if (sqlite3_db_readonly (self->db, "main") == 1)
    return rh_database_set_error (self, error, SQLITE_READONLY);

  /* A damaged file of the current schema still opens, to be read and
   * checked but never written, so the window can say what happened. */
  if (!start_check (self, header.user_version, header.n_objects, error))
    {
      if (self->damage == NULL || header.user_version != RH_DATABASE_SCHEMA_VERSION)
        return FALSE;

      g_clear_error (error);
      return TRUE;
    }

  if ((rc = exec (self, "PRAGMA foreign_keys = ON;")) != SQLITE_OK)
    return rh_database_set_error (self, error, rc);

  /* Another process making or upgrading the same file, or writing to it
   * for a while, is waited for: opening has nothing better to do. */
  sqlite3_busy_timeout (self->db, OPEN_BUSY_TIMEOUT_MS);
  if (header.user_version < RH_DATABASE_SCHEMA_VERSION && !upgrade_schema (self, error))
    return FALSE;
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);

  if ((rc = exec (self, "PRAGMA journal_mode = WAL;")) != SQLITE_OK ||
      (rc = exec (self, "PRAGMA synchronous = NORMAL;")) != SQLITE_OK)
    return rh_database_set_error (self, error, rc);

  return TRUE;
}

/* SQLite's URI for the file, so that parameters such as mode=ro can
 * follow; the path is escaped, so '?' and '#' in a name stay literal. */
static char *
dup_uri (RhDatabase  *self,
         const char  *parameters,
         GError     **error)
{
  g_autofree char *absolute = g_canonicalize_filename (self->path, NULL);
  g_autofree char *uri = g_filename_to_uri (absolute, NULL, error);

  if (uri == NULL)
    return NULL;

  return parameters ? g_strconcat (uri, "?", parameters, NULL) : g_steal_pointer (&uri);
}

static void
close_connection (RhDatabase *self)
{
  g_hash_table_remove_all (self->statements);
  if (self->db != NULL)
    sqlite3_close (self->db);
  self->db = NULL;
}

static void
finalize_statement (gpointer data)
{
  sqlite3_finalize (data);
}

static void
rh_database_finalize (GObject *object)
{
  RhDatabase *self = (RhDatabase *)object;

  g_clear_pointer (&self->check, rh_integrity_check_free);

  /* Statements must be finalized before the connection can close. */
  close_connection (self);
  g_clear_pointer (&self->statements, g_hash_table_unref);

  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->damage, g_free);
  g_clear_pointer (&self->days_key, g_free);
  g_clear_pointer (&self->days_tz, g_time_zone_unref);
  g_clear_pointer (&self->touched, g_hash_table_unref);
  g_clear_pointer (&self->touched_cards, g_hash_table_unref);
  g_clear_pointer (&self->siblings_writing, g_atomic_rc_box_release);
  g_clear_object (&self->clock);

  G_OBJECT_CLASS (rh_database_parent_class)->finalize (object);
}

static void
rh_database_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  RhDatabase *self = RH_DATABASE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    case PROP_CLOCK:
      g_value_set_object (value, self->clock);
      break;

    case PROP_DAMAGED:
      g_value_set_boolean (value, rh_database_get_damaged (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rh_database_class_init (RhDatabaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rh_database_finalize;
  object_class->get_property = rh_database_get_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_CLOCK] =
    g_param_spec_object ("clock", NULL, NULL, RH_TYPE_CLOCK,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  /* Set once damage is found; from then on every write is refused. */
  properties[PROP_DAMAGED] =
    g_param_spec_boolean ("damaged", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RhDatabase::changed:
   * @changes: what kind of rows changed
   *
   * Emitted after a write is committed, and when due counts moved with
   * the clock (%RH_DATABASE_CHANGE_DUE). During the emission,
   * rh_database_changed_under() says which topics it concerns.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, RH_TYPE_DATABASE_CHANGE);
}

static void
rh_database_init (RhDatabase *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_statement);
  self->touched = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->touched_cards = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->siblings_writing = g_atomic_rc_box_new0 (gint);
}

/**
 * rh_database_remove_files:
 * @path: a database file that is not open
 *
 * Removes the file with SQLite's side files, for a database that was made
 * for something that then failed.
 */
void
rh_database_remove_files (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat (path, suffixes[i], NULL);

      /* On a read-only file system even a missing file "cannot" go. */
      if (!g_file_test (name, G_FILE_TEST_EXISTS))
        continue;

      if (g_unlink (name) != 0 && errno != ENOENT)
        g_warning ("Cannot remove %s: %s", name, g_strerror (errno));
    }
}

/**
 * rh_database_dup_default_path:
 *
 * Returns: (transfer full): `$XDG_DATA_HOME/rehearse/rehearse.db`
 */
char *
rh_database_dup_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "rehearse", "rehearse.db", NULL);
}

/**
 * rh_database_new:
 * @path: the file, or ":memory:"
 *
 * Returns: (transfer full) (nullable): the database, migrated to the
 *   current schema
 */
RhDatabase *
rh_database_new (const char  *path,
                 GError     **error)
{
  g_autoptr(RhClock) clock = rh_clock_new ();

  return rh_database_new_with_clock (path, clock, error);
}

/**
 * rh_database_new_with_clock:
 * @clock: the clock that due dates and timestamps follow
 *
 * Returns: (transfer full) (nullable): the database
 */
RhDatabase *
rh_database_new_with_clock (const char  *path,
                            RhClock     *clock,
                            GError     **error)
{
  return rh_database_new_full (path, clock, RH_DATABASE_OPEN_NONE, error);
}

/**
 * rh_database_new_full:
 * @flags: %RH_DATABASE_OPEN_DEFER_CHECK to start the background check of
 *   the file only at rh_database_start_check() or the first write; a file
 *   that changes on open (a migration) is checked before that anyway
 *
 * Returns: (transfer full) (nullable): the database
 */
RhDatabase *
rh_database_new_full (const char           *path,
                      RhClock              *clock,
                      RhDatabaseOpenFlags   flags,
                      GError              **error)
{
  g_autoptr(RhDatabase) self = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *uri = NULL;
  gboolean existed;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (RH_IS_CLOCK (clock), NULL);

  self = g_object_new (RH_TYPE_DATABASE, NULL);
  self->path = g_strcmp0 (path, ":memory:") == 0 ? NULL : g_strdup (path);
  self->clock = g_object_ref (clock);
  self->defer_check = (flags & RH_DATABASE_OPEN_DEFER_CHECK) != 0;

  if (self->path == NULL)
    return open_database (self, ":memory:", SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, error)
             ? g_steal_pointer (&self) : NULL;

  existed = g_file_test (self->path, G_FILE_TEST_EXISTS);
  if (!(uri = dup_uri (self, NULL, error)))
    return NULL;

  if (open_database (self, uri, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, &local_error))
    return g_steal_pointer (&self);

  /* A file this call made and could not finish (a full disk, say) is
   * not left behind half-made. */
  if (!existed)
    {
      close_connection (self);
      rh_database_remove_files (self->path);

      if (g_error_matches (local_error, RH_DATABASE_ERROR, RH_DATABASE_ERROR_FULL))
        {
          g_clear_error (&local_error);
          g_set_error (&local_error, RH_DATABASE_ERROR, RH_DATABASE_ERROR_FULL,
                       _("The disk is full, so “%s” could not be created. Free some space and try again."),
                       self->path);
        }
    }

  g_propagate_error (error, g_steal_pointer (&local_error));

  return NULL;
}

/**
 * rh_database_new_sibling:
 * @other: an open database on a file
 *
 * Another connection to @other's file with @other's clock, for a worker
 * thread. It waits for @other's integrity check, if one is running, and is
 * refused when @other is damaged, instead of checking the file again; call
 * it where @other lives, then use the result in one thread only.
 *
 * Returns: (transfer full) (nullable): the connection
 */
RhDatabase *
rh_database_new_sibling (RhDatabase  *other,
                         GError     **error)
{
  g_autoptr(RhDatabase) self = NULL;
  g_autofree char *uri = NULL;

  g_return_val_if_fail (RH_IS_DATABASE (other), NULL);
  g_return_val_if_fail (other->path != NULL, NULL);

  if (other->read_only)
    {
      rh_database_set_error (other, error, SQLITE_READONLY);
      return NULL;
    }

  if (!rh_database_ensure_writable (other, error))
    return NULL;

  self = g_object_new (RH_TYPE_DATABASE, NULL);
  self->path = g_strdup (other->path);
  self->clock = g_object_ref (other->clock);
  self->sibling = TRUE;
  g_atomic_rc_box_release (self->siblings_writing);
  self->siblings_writing = g_atomic_rc_box_acquire (other->siblings_writing);

  if (!(uri = dup_uri (self, NULL, error)) ||
      !open_database (self, uri, SQLITE_OPEN_READWRITE, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * rh_database_new_read_only:
 * @path: an existing database file
 *
 * Opens @path for reading only, for commands that never write: nothing is
 * created, migrated or merged. A file this process may not write is read
 * as immutable when no other connection has a write-ahead log open, so no
 * side files appear beside it.
 *
 * Returns: (transfer full) (nullable): the database; writes to it fail
 *   with %RH_DATABASE_ERROR_READ_ONLY
 */
RhDatabase *
rh_database_new_read_only (const char  *path,
                           GError     **error)
{
  g_autoptr(RhDatabase) self = NULL;
  g_autoptr(RhClock) clock = NULL;
  g_autofree char *wal = NULL;
  g_autofree char *uri = NULL;
  gboolean immutable;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, RH_DATABASE_ERROR, RH_DATABASE_ERROR_OPEN,
                   _("“%s” does not exist."), path);
      return NULL;
    }

  clock = rh_clock_new ();
  self = g_object_new (RH_TYPE_DATABASE, NULL);
  self->path = g_strdup (path);
  self->clock = g_object_ref (clock);
  self->read_only = TRUE;

  wal = g_strconcat (path, "-wal", NULL);
  immutable = g_access (path, W_OK) != 0 && !g_file_test (wal, G_FILE_TEST_EXISTS);

  if (!(uri = dup_uri (self, immutable ? "immutable=1" : "mode=ro", error)) ||
      !open_database (self, uri, SQLITE_OPEN_READONLY, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * rh_database_set_busy_timeout:
 * @milliseconds: how long a write waits for another process's write
 *
 * The window waits a few seconds and then says the file is in use; a
 * command, which nobody watches frame by frame, can wait longer.
 */
void
rh_database_set_busy_timeout (RhDatabase *self,
                              guint       milliseconds)
{
  g_return_if_fail (RH_IS_DATABASE (self));

  sqlite3_busy_timeout (self->db, (int)MIN (milliseconds, G_MAXINT));
}

/* The file's path, or %NULL for an in-memory database. */
const char *
rh_database_get_path (RhDatabase *self)
{
  g_return_val_if_fail (RH_IS_DATABASE (self), NULL);
  return self->path;
}

/**
 * rh_database_get_clock:
 *
 * Returns: (transfer none): the clock
 */
RhClock *
rh_database_get_clock (RhDatabase *self)
{
  g_return_val_if_fail (RH_IS_DATABASE (self), NULL);
  return self->clock;
}

/* Whether damage was found: then nothing more is written this session. */
gboolean
rh_database_get_damaged (RhDatabase *self)
{
  g_return_val_if_fail (RH_IS_DATABASE (self), FALSE);
  return self->damage != NULL;
}

/**
 * rh_database_get_damage:
 *
 * Returns: (nullable): what SQLite said of the damage, or %NULL
 */
const char *
rh_database_get_damage (RhDatabase *self)
{
  g_return_val_if_fail (RH_IS_DATABASE (self), NULL);
  return self->damage;
}

/* From now on no write reaches the file; not even closing checkpoints
 * the write-ahead log into it. */
void
rh_database_mark_damaged (RhDatabase *self,
                          const char *detail)
{
  g_return_if_fail (RH_IS_DATABASE (self));

  if (self->damage != NULL)
    return;

  self->damage = g_utf8_make_valid (detail ? detail : "", -1);
  if (self->db != NULL)
    sqlite3_db_config (self->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DAMAGED]);
}

/**
 * rh_database_start_check:
 *
 * Starts the background check of the file that %RH_DATABASE_OPEN_DEFER_CHECK
 * held back; does nothing when it runs or ran already.
 */
void
rh_database_start_check (RhDatabase *self)
{
  g_return_if_fail (RH_IS_DATABASE (self));

  if (self->check != NULL)
    rh_integrity_check_run (self->check);
}

/* Waits for the check started on open (starting it if it was deferred);
 * refuses once damage is known. */
gboolean
rh_database_ensure_writable (RhDatabase  *self,
                             GError     **error)
{
  g_return_val_if_fail (RH_IS_DATABASE (self), FALSE);

  if (self->check != NULL && self->damage == NULL)
    {
      g_autofree char *problem = NULL;

      if (!rh_integrity_check_wait (self->check, &problem))
        rh_database_mark_damaged (self, problem);
    }

  if (self->damage != NULL)
    {
      set_damaged_error (self, error);
      return FALSE;
    }

  return TRUE;
}

/**
 * rh_database_prepare:
 * @sql: SQL text; each distinct text is prepared once and kept
 *
 * Returns: (transfer none) (nullable): the cached statement, reset and
 *   unbound; release it with rh_statement_release() or g_autoptr(RhStatement)
 */
RhStatement *
rh_database_prepare (RhDatabase  *self,
                     const char  *sql,
                     GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (RH_IS_DATABASE (self), NULL);
  g_return_val_if_fail (sql != NULL, NULL);

  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      rh_database_set_error (self, error, rc);
      return NULL;
    }

  g_hash_table_insert (self->statements, g_strdup (sql), stmt);

  return stmt;
}

/**
 * rh_database_prepare_uncached:
 * @sql: SQL text that varies from call to call, so caching it would only
 *   fill the cache
 *
 * Returns: (transfer full) (nullable): a new statement; free it with
 *   sqlite3_finalize(), not rh_statement_release()
 */
RhStatement *
rh_database_prepare_uncached (RhDatabase  *self,
                              const char  *sql,
                              GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (RH_IS_DATABASE (self), NULL);
  g_return_val_if_fail (sql != NULL, NULL);

  rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      rh_database_set_error (self, error, rc);
      return NULL;
    }

  return stmt;
}

/* The row id of the last INSERT on this connection. */
gint64
rh_database_last_insert_id (RhDatabase *self)
{
  g_return_val_if_fail (RH_IS_DATABASE (self), 0);

  return sqlite3_last_insert_rowid (self->db);
}

/* How many rows the last INSERT, UPDATE or DELETE changed. */
int
rh_database_get_n_changes (RhDatabase *self)
{
  g_return_val_if_fail (RH_IS_DATABASE (self), 0);

  return sqlite3_changes (self->db);
}

/**
 * rh_database_step_done:
 * @stmt: a write, or a statement whose rows are not wanted
 *
 * Runs @stmt to the end.
 */
gboolean
rh_database_step_done (RhDatabase   *self,
                       RhStatement  *stmt,
                       GError      **error)
{
  int rc;

  g_return_val_if_fail (RH_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (stmt != NULL, FALSE);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    ;

  if (rc != SQLITE_DONE)
    return rh_database_set_error (self, error, rc);

  return TRUE;
}

gboolean
rh_database_run_uncached (RhDatabase  *self,
                          const char  *sql,
                          GError     **error)
{
  RhStatement *stmt;
  gboolean done;

  g_return_val_if_fail (RH_IS_DATABASE (self), FALSE);

  if (!(stmt = rh_database_prepare_uncached (self, sql, error)))
    return FALSE;

  done = rh_database_step_done (self, stmt, error);
  sqlite3_finalize (stmt);

  return done;
}

/* Starts a write transaction; IMMEDIATE so that a busy file fails here,
 * before any work, rather than at the first write. */
gboolean
rh_database_begin (RhDatabase  *self,
                   GError     **error)
{
  int rc;

  g_return_val_if_fail (RH_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (!self->in_transaction, FALSE);

  if (self->read_only)
    return rh_database_set_error (self, error, SQLITE_READONLY);

  if (!rh_database_ensure_writable (self, error))
    return FALSE;

  /* A sibling writing (an import, a bulk edit) holds the file until done:
   * say so at once instead of waiting for it with the window frozen,
   * and fail the write before anything of it is done. A sibling itself
   * waits for this connection's writes, which are short. */
  if (self->sibling)
    g_atomic_int_inc (self->siblings_writing);
  else if (g_atomic_int_get (self->siblings_writing) > 0)
    {
      g_set_error (error, RH_DATABASE_ERROR, RH_DATABASE_ERROR_BUSY,
                   _("The deck is busy with another change; try again when it is done"));
      return FALSE;
    }

  if ((rc = exec (self, "BEGIN IMMEDIATE;")) != SQLITE_OK)
    {
      if (self->sibling)
        g_atomic_int_dec_and_test (self->siblings_writing);
      return rh_database_set_error (self, error, rc);
    }

  self->in_transaction = TRUE;

  return TRUE;
}

static void
end_transaction (RhDatabase *self)
{
  self->in_transaction = FALSE;
  if (self->sibling)
    g_atomic_int_dec_and_test (self->siblings_writing);
}

/**
 * rh_database_commit:
 * @changes: what the transaction changed, for ::changed; 0 for nothing
 *
 * Commits; on failure the transaction is rolled back, so nothing of it is
 * kept.
 */
gboolean
rh_database_commit (RhDatabase        *self,
                    RhDatabaseChange   changes,
                    GError           **error)
{
  int rc;

  g_return_val_if_fail (RH_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (self->in_transaction, FALSE);

  if ((rc = exec (self, "COMMIT;")) != SQLITE_OK)
    {
      rh_database_set_error (self, error, rc);
      rh_database_rollback (self);
      return FALSE;
    }

  end_transaction (self);

  if (changes != 0)
    announce (self, changes, TRUE);

  return TRUE;
}

void
rh_database_rollback (RhDatabase *self)
{
  g_return_if_fail (RH_IS_DATABASE (self));

  if (!self->in_transaction)
    return;

  if (sqlite3_get_autocommit (self->db) == 0)
    exec (self, "ROLLBACK;");

  end_transaction (self);
}

void
rh_database_emit_changed (RhDatabase       *self,
                          RhDatabaseChange  changes)
{
  g_return_if_fail (RH_IS_DATABASE (self));

  /* Written elsewhere (another connection, or past the triggers): the
   * temp due counts are counted again, and every topic may have moved. */
  self->due_ready = FALSE;
  announce (self, changes, FALSE);
}

/**
 * rh_database_suspend_card_triggers:
 *
 * Drops the per-row triggers that fill review_state, the topic counts and
 * the search index on inserts and updates of cards, inside the caller's
 * transaction: FTS5
 * flushes its pending data at the end of every statement, so a bulk write
 * fills both in one statement each instead, then calls
 * rh_database_resume_card_triggers() before committing. A rollback, or a
 * crash, brings the triggers back with everything else.
 */
gboolean
rh_database_suspend_card_triggers (RhDatabase  *self,
                                   GError     **error)
{
  int rc;

  g_return_val_if_fail (RH_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (self->in_transaction, FALSE);

  if ((rc = exec (self, rh_database_card_triggers_drop)) != SQLITE_OK)
    return rh_database_set_error (self, error, rc);

  return TRUE;
}

gboolean
rh_database_resume_card_triggers (RhDatabase  *self,
                                  GError     **error)
{
  int rc;

  g_return_val_if_fail (RH_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (self->in_transaction, FALSE);

  if ((rc = exec (self, rh_database_card_triggers_create)) != SQLITE_OK)
    return rh_database_set_error (self, error, rc);

  return TRUE;
}

/**
 * rh_database_dup_study_day_key:
 * @rollover_hour: the hour study days start at
 *
 * Returns: (transfer full): the review_days key that cuts study days at
 *   @rollover_hour in the clock's time zone
 */
char *
rh_database_dup_study_day_key (RhDatabase *self,
                               guint       rollover_hour)
{
  const char *zone;

  g_return_val_if_fail (RH_IS_DATABASE (self), NULL);

  zone = g_time_zone_get_identifier (rh_clock_get_timezone (self->clock));

  return g_strdup_printf ("%u %s", rollover_hour, zone ? zone : "UTC");
}

/**
 * rh_database_dup_meta:
 *
 * Returns: (transfer full) (nullable): the value stored for @key
 */
char *
rh_database_dup_meta (RhDatabase *self,
                      const char *key)
{
  g_autoptr(RhStatement) stmt = NULL;

  g_return_val_if_fail (RH_IS_DATABASE (self), NULL);

  if (!(stmt = rh_database_prepare (self, "SELECT value FROM meta WHERE key = ?;", NULL)))
    return NULL;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;

  return g_strdup ((const char *)sqlite3_column_text (stmt, 0));
}

/* Call inside a transaction. */
gboolean
rh_database_set_meta (RhDatabase  *self,
                      const char  *key,
                      const char  *value,
                      GError     **error)
{
  g_autoptr(RhStatement) stmt = NULL;
  int rc;

  g_return_val_if_fail (RH_IS_DATABASE (self), FALSE);

  if (!(stmt = rh_database_prepare (self, "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?);", error)))
    return FALSE;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
  if ((rc = sqlite3_step (stmt)) != SQLITE_DONE)
    return rh_database_set_error (self, error, rc);

  return TRUE;
}

/* Brings temp.due_counts to the cards due by @cutoff: the first time by
 * counting each topic's due cards on an index, then only the cards whose
 * due time lies between the last cutoff and @cutoff. */
static gboolean
move_due_counts (RhDatabase  *self,
                 gint64       cutoff,
                 GError     **error)
{
  g_autoptr(RhStatement) move = NULL;
  g_autoptr(RhStatement) fill = NULL;
  g_autoptr(RhStatement) set = NULL;
  gint64 from;
  int rc;

  if (cutoff == self->due_cutoff)
    return TRUE;

  from = self->due_cutoff;
  if (from == G_MININT64)
    {
      if (!(move = rh_database_prepare (self, due_fill_sql[0], error)) ||
          !(fill = rh_database_prepare (self, due_fill_sql[1], error)))
        return FALSE;
      sqlite3_bind_int64 (move, 1, cutoff);
      sqlite3_bind_int64 (fill, 1, cutoff);
    }
  else
    {
      if (!(move = rh_database_prepare (self, due_move_sql, error)))
        return FALSE;
      sqlite3_bind_int64 (move, 1, MIN (from, cutoff));
      sqlite3_bind_int64 (move, 2, MAX (from, cutoff));
      sqlite3_bind_int (move, 3, cutoff > from ? 1 : -1);
    }

  if (!(set = rh_database_prepare (self, "UPDATE temp.due_cutoff SET value = ?1;", error)))
    return FALSE;
  sqlite3_bind_int64 (set, 1, cutoff);

  if ((rc = exec (self, "SAVEPOINT due_counts;")) != SQLITE_OK)
    return rh_database_set_error (self, error, rc);
  if (!rh_database_step_done (self, move, error) ||
      (fill != NULL && !rh_database_step_done (self, fill, error)) ||
      !rh_database_step_done (self, set, error))
    {
      /* One of the two without the other would count wrong from now on. */
      exec (self, "ROLLBACK TO due_counts; RELEASE due_counts;");
      self->due_ready = FALSE;
      return FALSE;
    }
  if ((rc = exec (self, "RELEASE due_counts;")) != SQLITE_OK)
    return rh_database_set_error (self, error, rc);

  self->due_cutoff = cutoff;

  return TRUE;
}

/* Due counts move once a minute, with the clock's announcement, so that
 * every reader between two minutes sees the same counts, and each move is
 * announced with the topics it moved. */
static void
minute_changed_cb (RhDatabase *self,
                   RhClock    *clock)
{
  g_autoptr(GError) error = NULL;

  if (!self->due_ready)
    return;

  if (!move_due_counts (self, rh_clock_get_now_seconds (clock), &error))
    {
      g_warning ("Cannot move the due counts: %s", error->message);
      announce (self, RH_DATABASE_CHANGE_DUE, FALSE);
      return;
    }

  if (self->touched_all || g_hash_table_size (self->touched) > 0)
    announce (self, RH_DATABASE_CHANGE_DUE, TRUE);
}

/**
 * rh_database_ensure_due_counts:
 *
 * Makes temp.due_counts (topic_id, n), each topic's own cards due now,
 * unless they are there. From then on they follow the clock's minutes and
 * every write, and ::changed says when they moved.
 *
 * Returns: %TRUE if temp.due_counts can be read
 */
gboolean
rh_database_ensure_due_counts (RhDatabase  *self,
                               GError     **error)
{
  gboolean ok;
  int rc;

  g_return_val_if_fail (RH_IS_DATABASE (self), FALSE);

  if (self->due_ready)
    return TRUE;

  if ((rc = exec (self, due_counts_sql)) != SQLITE_OK)
    return rh_database_set_error (self, error, rc);
  self->due_ready = TRUE;
  self->due_cutoff = G_MININT64;

  /* Counting is no change to announce. */
  self->counting = TRUE;
  ok = move_due_counts (self, rh_clock_get_now_seconds (self->clock), error);
  self->counting = FALSE;
  if (!ok)
    return FALSE;

  if (!self->follows_clock)
    {
      g_signal_connect_object (self->clock, "minute-changed",
                               G_CALLBACK (minute_changed_cb), self, G_CONNECT_SWAPPED);
      self->follows_clock = TRUE;
    }

  return TRUE;
}

/**
 * rh_database_get_changed_cards:
 *
 * The cards whose review state the ::changed being emitted changed (an
 * answer, its undo), so that a reader of a few cards' figures can read
 * those again instead of every card.
 *
 * Returns: (transfer none) (nullable): a set of card ids (gint64 *),
 *   %NULL outside an emission, for a change made elsewhere, or when too
 *   many cards changed to list
 */
GHashTable *
rh_database_get_changed_cards (RhDatabase *self)
{
  g_return_val_if_fail (RH_IS_DATABASE (self), NULL);

  return self->announcement ? self->announcement->cards : NULL;
}

/**
 * rh_database_changed_under:
 * @topic_id: a topic's row, or 0 for all topics
 *
 * Whether the ::changed being emitted may have changed the counts of
 * @topic_id's subtree, so that a view of a topic the change did not reach
 * need not read anything. Outside an emission, and for a change made
 * elsewhere, always %TRUE.
 */
gboolean
rh_database_changed_under (RhDatabase *self,
                           gint64      topic_id)
{
  Announcement *announcement;
  g_autoptr(RhStatement) stmt = NULL;
  g_autoptr(GString) ids = NULL;
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer key;
  int rc;

  g_return_val_if_fail (RH_IS_DATABASE (self), TRUE);

  if ((announcement = self->announcement) == NULL || announcement->topics == NULL)
    return TRUE;
  if (g_hash_table_size (announcement->topics) == 0)
    return FALSE;
  if (topic_id == 0)
    return TRUE;

  if (announcement->ancestors == NULL)
    {
      /* One statement for all the views asking about this change. */
      ids = g_string_new ("[");
      g_hash_table_iter_init (&iter, announcement->topics);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        g_string_append_printf (ids, "%s%" G_GINT64_FORMAT, ids->len > 1 ? "," : "", *(gint64 *)key);
      g_string_append_c (ids, ']');

      if (!(stmt = rh_database_prepare (self,
                                        "SELECT DISTINCT ancestor_id FROM topic_closure"
                                        " WHERE descendant_id IN (SELECT value FROM json_each (?1));",
                                        &error)))
        {
          g_warning ("Cannot read the changed topics: %s", error->message);
          return TRUE;
        }

      sqlite3_bind_text (stmt, 1, ids->str, -1, SQLITE_STATIC);
      announcement->ancestors = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gint64 ancestor = sqlite3_column_int64 (stmt, 0);

          g_hash_table_add (announcement->ancestors, g_memdup2 (&ancestor, sizeof ancestor));
        }
      if (rc != SQLITE_DONE)
        {
          g_warning ("Cannot read the changed topics: %s", sqlite3_errmsg (self->db));
          /* Everything, then. */
          g_clear_pointer (&announcement->topics, g_hash_table_unref);
          return TRUE;
        }
    }

  return g_hash_table_contains (announcement->ancestors, &topic_id);
}

/**
 * rh_database_get_n_queries:
 *
 * Returns: how many statements this connection has run, for tests
 */
guint64
rh_database_get_n_queries (RhDatabase *self)
{
  g_return_val_if_fail (RH_IS_DATABASE (self), 0);
  return self->n_queries;
}
