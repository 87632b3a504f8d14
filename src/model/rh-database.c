/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rh-database"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rh-database.h"

/* The deck store: one SQLite file, opened once, with every statement
 * prepared and cached. Writes go through rh_database_begin()/commit() and
 * announce themselves with ::changed so that models can refresh. */
struct _RhDatabase
{
  GObject     parent_instance;

  /* Owned */
  sqlite3    *db;
  char       *path;
  RhClock    *clock;
  GHashTable *statements;   /* SQL text → sqlite3_stmt */

  guint       in_transaction : 1;
};

G_DEFINE_FINAL_TYPE (RhDatabase, rh_database, G_TYPE_OBJECT)

G_DEFINE_QUARK (rh-database-error-quark, rh_database_error)

G_DEFINE_FLAGS_TYPE (RhDatabaseChange, rh_database_change,
  G_DEFINE_ENUM_VALUE (RH_DATABASE_CHANGE_TOPICS, "topics"),
  G_DEFINE_ENUM_VALUE (RH_DATABASE_CHANGE_CARDS, "cards"),
  G_DEFINE_ENUM_VALUE (RH_DATABASE_CHANGE_REVIEWS, "reviews"),
  G_DEFINE_ENUM_VALUE (RH_DATABASE_CHANGE_INTERVIEWS, "interviews"))

enum { PROP_0, PROP_PATH, PROP_CLOCK, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

#define BUILTIN_CHECKSUM_KEY "builtin_deck_sha256"

/* Each entry moves the schema from version i to i + 1 and runs in one
 * transaction together with the user_version bump. */
static const char * const migrations[] = {
  /* 0 → 1 */
  "PRAGMA application_id = 1382576755;" /* RH_DATABASE_APPLICATION_ID */
  "CREATE TABLE meta ("
  "  key   TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL"
  ") WITHOUT ROWID;"
  "CREATE TABLE topics ("
  "  id        INTEGER PRIMARY KEY,"
  "  parent_id INTEGER REFERENCES topics (id),"
  "  name      TEXT NOT NULL,"
  "  path      TEXT NOT NULL UNIQUE"
  ");"
  "CREATE INDEX topics_parent ON topics (parent_id);"
  /* Every (ancestor, descendant) pair, itself included, so subtree counts
   * are one join instead of a recursive walk. */
  "CREATE TABLE topic_closure ("
  "  ancestor_id   INTEGER NOT NULL REFERENCES topics (id),"
  "  descendant_id INTEGER NOT NULL REFERENCES topics (id),"
  "  PRIMARY KEY (ancestor_id, descendant_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX topic_closure_descendant ON topic_closure (descendant_id, ancestor_id);"
  "CREATE TABLE cards ("
  "  id        INTEGER PRIMARY KEY,"
  "  uid       TEXT NOT NULL UNIQUE,"
  "  topic_id  INTEGER NOT NULL REFERENCES topics (id),"
  "  front     TEXT NOT NULL,"
  "  back      TEXT NOT NULL,"
  "  tags      TEXT NOT NULL DEFAULT '',"
  "  kind      TEXT NOT NULL DEFAULT 'concept'"
  "            CHECK (kind IN ('concept', 'coding', 'design', 'behavioral', 'troubleshooting')),"
  "  seconds   INTEGER CHECK (seconds IS NULL OR seconds > 0),"
  "  created   INTEGER NOT NULL,"
  "  modified  INTEGER NOT NULL,"
  "  suspended INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE INDEX cards_topic ON cards (topic_id);"
  "CREATE TABLE follow_ups ("
  "  card_id      INTEGER NOT NULL REFERENCES cards (id) ON DELETE CASCADE,"
  "  position     INTEGER NOT NULL,"
  "  follow_up_id INTEGER NOT NULL REFERENCES cards (id) ON DELETE CASCADE,"
  "  PRIMARY KEY (card_id, position)"
  ") WITHOUT ROWID;"
  "CREATE INDEX follow_ups_target ON follow_ups (follow_up_id);"
  /* state: 0 new, 1 learning, 2 review, 3 relearning; times in Unix seconds. */
  "CREATE TABLE review_state ("
  "  card_id     INTEGER PRIMARY KEY REFERENCES cards (id) ON DELETE CASCADE,"
  "  state       INTEGER NOT NULL DEFAULT 0 CHECK (state BETWEEN 0 AND 3),"
  "  step        INTEGER NOT NULL DEFAULT 0,"
  "  stability   REAL,"
  "  difficulty  REAL,"
  "  due         INTEGER NOT NULL DEFAULT 0,"
  "  last_review INTEGER,"
  "  reps        INTEGER NOT NULL DEFAULT 0,"
  "  lapses      INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE INDEX review_state_due ON review_state (state, due);"
  /* Enough of the state before each answer to undo it exactly. */
  "CREATE TABLE review_log ("
  "  id                 INTEGER PRIMARY KEY,"
  "  card_id            INTEGER NOT NULL REFERENCES cards (id) ON DELETE CASCADE,"
  "  reviewed_at        INTEGER NOT NULL,"
  "  rating             INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),"
  "  duration_ms        INTEGER NOT NULL DEFAULT 0,"
  "  source             TEXT NOT NULL DEFAULT 'study' CHECK (source IN ('study', 'interview')),"
  "  state_before       INTEGER NOT NULL,"
  "  step_before        INTEGER NOT NULL,"
  "  stability_before   REAL,"
  "  difficulty_before  REAL,"
  "  due_before         INTEGER NOT NULL,"
  "  last_review_before INTEGER,"
  "  reps_before        INTEGER NOT NULL,"
  "  lapses_before      INTEGER NOT NULL,"
  "  state_after        INTEGER NOT NULL,"
  "  step_after         INTEGER NOT NULL,"
  "  stability_after    REAL,"
  "  difficulty_after   REAL,"
  "  due_after          INTEGER NOT NULL"
  ");"
  "CREATE INDEX review_log_card ON review_log (card_id, reviewed_at);"
  "CREATE TRIGGER cards_review_state AFTER INSERT ON cards BEGIN"
  "  INSERT INTO review_state (card_id) VALUES (new.id);"
  "END;"
  /* Trigram tokens make substring search work for Chinese, which has no
   * spaces between words. */
  "CREATE VIRTUAL TABLE cards_fts USING fts5 ("
  "  front, back, tags, content = 'cards', content_rowid = 'id', tokenize = 'trigram'"
  ");"
  "CREATE TRIGGER cards_fts_insert AFTER INSERT ON cards BEGIN"
  "  INSERT INTO cards_fts (rowid, front, back, tags) VALUES (new.id, new.front, new.back, new.tags);"
  "END;"
  "CREATE TRIGGER cards_fts_delete AFTER DELETE ON cards BEGIN"
  "  INSERT INTO cards_fts (cards_fts, rowid, front, back, tags)"
  "    VALUES ('delete', old.id, old.front, old.back, old.tags);"
  "END;"
  "CREATE TRIGGER cards_fts_update AFTER UPDATE OF front, back, tags ON cards BEGIN"
  "  INSERT INTO cards_fts (cards_fts, rowid, front, back, tags)"
  "    VALUES ('delete', old.id, old.front, old.back, old.tags);"
  "  INSERT INTO cards_fts (rowid, front, back, tags) VALUES (new.id, new.front, new.back, new.tags);"
  "END;",

  /* 1 → 2: today's answers are counted for the daily limits at every pick. */
  "CREATE INDEX review_log_time ON review_log (reviewed_at);",

  /* 2 → 3: mock interviews. Times in Unix seconds, durations in ms. */
  "CREATE TABLE interview_templates ("
  "  id                     INTEGER PRIMARY KEY,"
  "  name                   TEXT NOT NULL,"
  "  topics                 TEXT NOT NULL DEFAULT '',"
  "  n_questions            INTEGER NOT NULL CHECK (n_questions > 0),"
  "  question_seconds       INTEGER NOT NULL CHECK (question_seconds > 0),"
  "  total_minutes          INTEGER NOT NULL CHECK (total_minutes > 0),"
  "  follow_up_depth        INTEGER NOT NULL DEFAULT 0 CHECK (follow_up_depth >= 0),"
  "  counts_toward_schedule INTEGER NOT NULL DEFAULT 1,"
  "  auto_advance           INTEGER NOT NULL DEFAULT 0,"
  "  modified               INTEGER NOT NULL"
  ");"
  /* A session keeps a JSON snapshot of its template and its plan, so its
   * report survives template edits; the current_* columns say where it
   * was when last saved, so that it can be resumed after a crash. */
  "CREATE TABLE interview_sessions ("
  "  id                 INTEGER PRIMARY KEY,"
  "  template           TEXT NOT NULL,"
  "  seed               INTEGER NOT NULL,"
  "  plan               TEXT NOT NULL,"
  "  state              TEXT NOT NULL"
  "                     CHECK (state IN ('asking', 'revealed', 'paused', 'finished', 'abandoned')),"
  "  started_at         INTEGER NOT NULL,"
  "  ended_at           INTEGER,"
  "  saved_at           INTEGER NOT NULL,"
  "  elapsed_ms         INTEGER NOT NULL DEFAULT 0,"
  "  paused_ms          INTEGER NOT NULL DEFAULT 0,"
  "  total_seconds      INTEGER NOT NULL,"
  "  next_planned       INTEGER NOT NULL DEFAULT 0,"
  "  current_card       INTEGER,"
  "  current_index      INTEGER NOT NULL DEFAULT 0,"
  "  current_depth      INTEGER NOT NULL DEFAULT 0,"
  "  current_parent     INTEGER,"
  "  current_seconds    INTEGER NOT NULL DEFAULT 0,"
  "  current_elapsed_ms INTEGER NOT NULL DEFAULT 0,"
  "  current_notes      TEXT NOT NULL DEFAULT '',"
  "  current_revealed   INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE INDEX interview_sessions_state ON interview_sessions (state, started_at);"
  /* One row per question asked, written when it is answered or skipped.
   * The title, topic and kind are as asked, in case the card changes. */
  "CREATE TABLE interview_answers ("
  "  id             INTEGER PRIMARY KEY,"
  "  session_id     INTEGER NOT NULL REFERENCES interview_sessions (id) ON DELETE CASCADE,"
  "  position       INTEGER NOT NULL,"
  "  question_index INTEGER NOT NULL,"
  "  card_id        INTEGER REFERENCES cards (id) ON DELETE SET NULL,"
  "  title          TEXT NOT NULL,"
  "  topic          TEXT NOT NULL,"
  "  kind           TEXT NOT NULL,"
  "  depth          INTEGER NOT NULL DEFAULT 0,"
  "  parent_id      INTEGER REFERENCES interview_answers (id),"
  "  budget_seconds INTEGER NOT NULL,"
  "  spent_ms       INTEGER NOT NULL,"
  "  rating         INTEGER CHECK (rating BETWEEN 1 AND 4),"
  "  overtime       INTEGER NOT NULL DEFAULT 0,"
  "  skipped        INTEGER NOT NULL DEFAULT 0,"
  "  notes          TEXT NOT NULL DEFAULT '',"
  "  answered_at    INTEGER NOT NULL,"
  "  review_log_id  INTEGER,"
  "  UNIQUE (session_id, position),"
  "  CHECK (skipped = 1 OR rating IS NOT NULL)"
  ");"
  "CREATE INDEX interview_answers_card ON interview_answers (card_id);"
  "CREATE INDEX interview_answers_parent ON interview_answers (parent_id);",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == RH_DATABASE_SCHEMA_VERSION);
G_STATIC_ASSERT (RH_DATABASE_APPLICATION_ID == 1382576755);

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

static int
exec (RhDatabase *self,
      const char *sql)
{
  return sqlite3_exec (self->db, sql, NULL, NULL, NULL);
}

/* Runs a pragma that returns one integer. */
static int
query_int (RhDatabase *self,
           const char *sql,
           gint64     *out)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          *out = sqlite3_column_int64 (stmt, 0);
          rc = SQLITE_OK;
        }
    }

  sqlite3_finalize (stmt);

  return rc;
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

  switch (rc & 0xff)
    {
    case SQLITE_FULL:
      g_set_error (error, RH_DATABASE_ERROR, RH_DATABASE_ERROR_FULL,
                   _("The disk is full, so the change to “%s” was not saved. Free some space and try again."),
                   display_path (self));
      break;

    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, RH_DATABASE_ERROR, RH_DATABASE_ERROR_CORRUPT,
                   _("“%s” is damaged (%s). Rehearse left it untouched; restore it from a backup."),
                   display_path (self), detail);
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

static gboolean
migrate (RhDatabase  *self,
         gint64       from_version,
         GError     **error)
{
  for (gint64 version = from_version; version < RH_DATABASE_SCHEMA_VERSION; version++)
    {
      g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %" G_GINT64_FORMAT ";", version + 1);
      int rc;

      g_debug ("Migrating %s from schema %" G_GINT64_FORMAT, display_path (self), version);

      if ((rc = exec (self, "BEGIN IMMEDIATE;")) != SQLITE_OK)
        return rh_database_set_error (self, error, rc);

      if ((rc = exec (self, migrations[version])) != SQLITE_OK ||
          (rc = exec (self, bump)) != SQLITE_OK ||
          (rc = exec (self, "COMMIT;")) != SQLITE_OK)
        {
          rh_database_set_error (self, error, rc);
          exec (self, "ROLLBACK;");
          return FALSE;
        }
    }

  return TRUE;
}

/* Everything here reads before it writes: a foreign, damaged or newer file
 * is refused before the first byte of it could change. */
static gboolean
open_database (RhDatabase  *self,
               GError     **error)
{
  gint64 application_id = 0;
  gint64 user_version = 0;
  gint64 n_objects = 0;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  int rc;

  rc = sqlite3_open_v2 (self->path ? self->path : ":memory:", &self->db, flags, NULL);
  if (rc != SQLITE_OK)
    return rh_database_set_error (self, error, rc);

  sqlite3_extended_result_codes (self->db, TRUE);
  sqlite3_busy_timeout (self->db, 2000);

  if ((rc = query_int (self, "PRAGMA application_id;", &application_id)) != SQLITE_OK ||
      (rc = query_int (self, "PRAGMA user_version;", &user_version)) != SQLITE_OK ||
      (rc = query_int (self, "SELECT count(*) FROM sqlite_schema;", &n_objects)) != SQLITE_OK)
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

  if (application_id != RH_DATABASE_APPLICATION_ID &&
      !(application_id == 0 && user_version == 0 && n_objects == 0))
    {
      g_set_error (error, RH_DATABASE_ERROR, RH_DATABASE_ERROR_NOT_REHEARSE,
                   _("“%s” is an SQLite database of another program, not a Rehearse database. Rehearse did not change it."),
                   display_path (self));
      return FALSE;
    }

  if (user_version > RH_DATABASE_SCHEMA_VERSION)
    {
      g_set_error (error, RH_DATABASE_ERROR, RH_DATABASE_ERROR_NEWER,
                   _("“%s” was written by a newer version of Rehearse (database version %d, this version knows up to %d). Update Rehearse to open it; the file was not changed."),
                   display_path (self), (int)MIN (user_version, G_MAXINT), RH_DATABASE_SCHEMA_VERSION);
      return FALSE;
    }

  if (sqlite3_db_readonly (self->db, "main") == 1)
    return rh_database_set_error (self, error, SQLITE_READONLY);

  /* An existing database about to be migrated is checked first, so a
   * migration never builds on a damaged file. */
  if (user_version > 0 && user_version < RH_DATABASE_SCHEMA_VERSION)
    {
      gint64 ok = 0;
      sqlite3_stmt *stmt = NULL;

      rc = sqlite3_prepare_v2 (self->db, "PRAGMA quick_check(1);", -1, &stmt, NULL);
      if (rc == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
        ok = g_strcmp0 ((const char *)sqlite3_column_text (stmt, 0), "ok") == 0;
      sqlite3_finalize (stmt);

      if (!ok)
        return rh_database_set_error (self, error, SQLITE_CORRUPT);
    }

  if ((rc = exec (self, "PRAGMA foreign_keys = ON;")) != SQLITE_OK ||
      (rc = exec (self, "PRAGMA journal_mode = WAL;")) != SQLITE_OK ||
      (rc = exec (self, "PRAGMA synchronous = NORMAL;")) != SQLITE_OK)
    return rh_database_set_error (self, error, rc);

  return migrate (self, user_version, error);
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

  /* Statements must be finalized before the connection can close. */
  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    sqlite3_close (self->db);
  self->db = NULL;

  g_clear_pointer (&self->path, g_free);
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
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RhDatabase::changed:
   * @changes: what kind of rows changed
   *
   * Emitted after a write is committed.
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
  g_autoptr(RhDatabase) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (RH_IS_CLOCK (clock), NULL);

  self = g_object_new (RH_TYPE_DATABASE, NULL);
  self->path = g_strcmp0 (path, ":memory:") == 0 ? NULL : g_strdup (path);
  self->clock = g_object_ref (clock);

  if (!open_database (self, error))
    return NULL;

  return g_steal_pointer (&self);
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

/* Starts a write transaction; IMMEDIATE so that a busy file fails here,
 * before any work, rather than at the first write. */
gboolean
rh_database_begin (RhDatabase  *self,
                   GError     **error)
{
  int rc;

  g_return_val_if_fail (RH_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (!self->in_transaction, FALSE);

  if ((rc = exec (self, "BEGIN IMMEDIATE;")) != SQLITE_OK)
    return rh_database_set_error (self, error, rc);

  self->in_transaction = TRUE;

  return TRUE;
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

  self->in_transaction = FALSE;

  if (changes != 0)
    rh_database_emit_changed (self, changes);

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

  self->in_transaction = FALSE;
}

void
rh_database_emit_changed (RhDatabase       *self,
                          RhDatabaseChange  changes)
{
  g_return_if_fail (RH_IS_DATABASE (self));

  g_signal_emit (self, signals[CHANGED], 0, changes);
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

/* Runs a "SELECT id … WHERE … = ?" query: the row id, 0 and no error when
 * there is no such row, -1 on error. */
static gint64
lookup_id (RhDatabase  *self,
           const char  *sql,
           const char  *key,
           GError     **error)
{
  g_autoptr(RhStatement) stmt = NULL;
  int rc;

  if (!(stmt = rh_database_prepare (self, sql, error)))
    return -1;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return sqlite3_column_int64 (stmt, 0);
  if (rc != SQLITE_DONE)
    {
      rh_database_set_error (self, error, rc);
      return -1;
    }

  return 0;
}

static gint64
lookup_topic_id (RhDatabase  *self,
                 const char  *path,
                 GError     **error)
{
  return lookup_id (self, "SELECT id FROM topics WHERE path = ?;", path, error);
}

/**
 * rh_database_ensure_topic:
 * @path: a normalized topic path
 *
 * Creates the topic and its missing ancestors. Call inside a transaction.
 *
 * Returns: the topic's row id, or -1 on error
 */
gint64
rh_database_ensure_topic (RhDatabase  *self,
                          const char  *path,
                          GError     **error)
{
  g_auto(GStrv) parts = NULL;
  g_autoptr(GString) prefix = g_string_new (NULL);
  gint64 parent_id = 0;

  g_return_val_if_fail (RH_IS_DATABASE (self), -1);
  g_return_val_if_fail (path != NULL && *path != '\0', -1);

  parts = rh_topic_path_split (path);
  for (guint i = 0; parts[i]; i++)
    {
      gint64 id;

      if (i > 0)
        g_string_append (prefix, RH_TOPIC_SEPARATOR);
      g_string_append (prefix, parts[i]);

      if ((id = lookup_topic_id (self, prefix->str, error)) < 0)
        return -1;

      if (id == 0)
        {
          g_autoptr(RhStatement) insert = NULL;
          g_autoptr(RhStatement) closure = NULL;
          int rc;

          if (!(insert = rh_database_prepare (self,
                                              "INSERT INTO topics (parent_id, name, path) VALUES (?, ?, ?);",
                                              error)))
            return -1;

          if (parent_id > 0)
            sqlite3_bind_int64 (insert, 1, parent_id);
          sqlite3_bind_text (insert, 2, parts[i], -1, SQLITE_STATIC);
          sqlite3_bind_text (insert, 3, prefix->str, -1, SQLITE_STATIC);
          if ((rc = sqlite3_step (insert)) != SQLITE_DONE)
            {
              rh_database_set_error (self, error, rc);
              return -1;
            }
          id = sqlite3_last_insert_rowid (self->db);

          if (!(closure = rh_database_prepare (self,
                                               "INSERT INTO topic_closure (ancestor_id, descendant_id)"
                                               " SELECT ancestor_id, ?1 FROM topic_closure WHERE descendant_id = ?2"
                                               " UNION ALL SELECT ?1, ?1;",
                                               error)))
            return -1;

          sqlite3_bind_int64 (closure, 1, id);
          sqlite3_bind_int64 (closure, 2, parent_id);
          if ((rc = sqlite3_step (closure)) != SQLITE_DONE)
            {
              rh_database_set_error (self, error, rc);
              return -1;
            }
        }

      parent_id = id;
    }

  return parent_id;
}

/* Subtree counts; new and due leave suspended cards out. ?1 is the due
 * cutoff. */
#define TOPIC_COUNTS_SQL(where)                                                         \
  "SELECT t.id, t.path,"                                                                \
  "  EXISTS (SELECT 1 FROM topics k WHERE k.parent_id = t.id),"                         \
  "  count(c.id),"                                                                      \
  "  coalesce(sum(c.suspended = 0 AND rs.state = 0), 0),"                               \
  "  coalesce(sum(c.suspended = 0 AND rs.state <> 0 AND rs.due <= ?1), 0)"              \
  " FROM topics t"                                                                      \
  " JOIN topic_closure tc ON tc.ancestor_id = t.id"                                     \
  " LEFT JOIN cards c ON c.topic_id = tc.descendant_id"                                 \
  " LEFT JOIN review_state rs ON rs.card_id = c.id"                                     \
  " WHERE " where                                                                       \
  " GROUP BY t.id ORDER BY t.id;"

static const char root_counts_sql[] =
  "SELECT count(c.id),"
  "  coalesce(sum(c.suspended = 0 AND rs.state = 0), 0),"
  "  coalesce(sum(c.suspended = 0 AND rs.state <> 0 AND rs.due <= ?1), 0),"
  "  EXISTS (SELECT 1 FROM topics)"
  " FROM cards c JOIN review_state rs ON rs.card_id = c.id;";

static gint64
due_cutoff (RhDatabase *self)
{
  return rh_clock_get_now_seconds (self->clock);
}

static RhTopic *
topic_from_row (sqlite3_stmt *stmt)
{
  RhTopic *topic = rh_topic_new (sqlite3_column_int64 (stmt, 0),
                                 (const char *)sqlite3_column_text (stmt, 1));

  rh_topic_set_has_children (topic, sqlite3_column_int (stmt, 2));
  rh_topic_set_counts (topic,
                       sqlite3_column_int (stmt, 3),
                       sqlite3_column_int (stmt, 4),
                       sqlite3_column_int (stmt, 5));

  return topic;
}

static gboolean
refresh_root (RhDatabase  *self,
              RhTopic     *root,
              GError     **error)
{
  g_autoptr(RhStatement) stmt = NULL;
  int rc;

  if (!(stmt = rh_database_prepare (self, root_counts_sql, error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, due_cutoff (self));
  if ((rc = sqlite3_step (stmt)) != SQLITE_ROW)
    return rh_database_set_error (self, error, rc);

  rh_topic_set_counts (root,
                       sqlite3_column_int (stmt, 0),
                       sqlite3_column_int (stmt, 1),
                       sqlite3_column_int (stmt, 2));
  rh_topic_set_has_children (root, sqlite3_column_int (stmt, 3));

  return TRUE;
}

/**
 * rh_database_dup_topic:
 * @path: a topic path, or "" for the root of all topics
 *
 * Returns: (transfer full) (nullable): the topic with its counts
 */
RhTopic *
rh_database_dup_topic (RhDatabase  *self,
                       const char  *path,
                       GError     **error)
{
  g_autoptr(RhStatement) stmt = NULL;
  g_autoptr(RhTopic) root = NULL;
  int rc;

  g_return_val_if_fail (RH_IS_DATABASE (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  if (*path == '\0')
    {
      root = rh_topic_new (0, "");
      if (!refresh_root (self, root, error))
        return NULL;
      return g_steal_pointer (&root);
    }

  if (!(stmt = rh_database_prepare (self, TOPIC_COUNTS_SQL ("t.path = ?2"), error)))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, due_cutoff (self));
  sqlite3_bind_text (stmt, 2, path, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return topic_from_row (stmt);

  if (rc == SQLITE_DONE)
    g_set_error (error, RH_DATABASE_ERROR, RH_DATABASE_ERROR_NOT_FOUND,
                 _("There is no topic “%s”"), path);
  else
    rh_database_set_error (self, error, rc);

  return NULL;
}

/* Updates the counts of a topic object in place. */
gboolean
rh_database_refresh_topic (RhDatabase  *self,
                           RhTopic     *topic,
                           GError     **error)
{
  g_autoptr(RhTopic) fresh = NULL;

  g_return_val_if_fail (RH_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (RH_IS_TOPIC (topic), FALSE);

  if (rh_topic_is_root (topic))
    return refresh_root (self, topic, error);

  if (!(fresh = rh_database_dup_topic (self, rh_topic_get_path (topic), error)))
    return FALSE;

  rh_topic_set_has_children (topic, rh_topic_get_has_children (fresh));
  rh_topic_set_counts (topic,
                       rh_topic_get_total_count (fresh),
                       rh_topic_get_new_count (fresh),
                       rh_topic_get_due_count (fresh));

  return TRUE;
}

/**
 * rh_database_list_topics:
 * @parent_path: "" for the top level
 *
 * Returns: (transfer full) (element-type RhTopic) (nullable): the children
 *   of @parent_path with their counts, in the order they were created
 */
GPtrArray *
rh_database_list_topics (RhDatabase  *self,
                         const char  *parent_path,
                         GError     **error)
{
  g_autoptr(RhStatement) stmt = NULL;
  g_autoptr(GPtrArray) topics = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 parent_id = 0;
  int rc;

  g_return_val_if_fail (RH_IS_DATABASE (self), NULL);
  g_return_val_if_fail (parent_path != NULL, NULL);

  if (*parent_path != '\0')
    {
      if ((parent_id = lookup_topic_id (self, parent_path, error)) < 0)
        return NULL;
      if (parent_id == 0)
        return g_steal_pointer (&topics);
    }

  if (!(stmt = rh_database_prepare (self, TOPIC_COUNTS_SQL ("t.parent_id IS ?2"), error)))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, due_cutoff (self));
  if (parent_id > 0)
    sqlite3_bind_int64 (stmt, 2, parent_id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (topics, topic_from_row (stmt));

  if (rc != SQLITE_DONE)
    {
      rh_database_set_error (self, error, rc);
      return NULL;
    }

  return g_steal_pointer (&topics);
}

static char **
split_tags (const char *tags)
{
  if (tags == NULL || *tags == '\0')
    return NULL;

  return g_strsplit (tags, "\n", -1);
}

static char *
join_tags (RhCard *card)
{
  const char * const *tags = rh_card_get_tags (card);

  return tags ? g_strjoinv ("\n", (char **)tags) : g_strdup ("");
}

static GStrv
dup_follow_ups (RhDatabase  *self,
                gint64       row_id,
                GError     **error)
{
  g_autoptr(RhStatement) stmt = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  int rc;

  if (!(stmt = rh_database_prepare (self,
                                    "SELECT f.uid FROM follow_ups fu JOIN cards f ON f.id = fu.follow_up_id"
                                    " WHERE fu.card_id = ? ORDER BY fu.position;",
                                    error)))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, row_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *)sqlite3_column_text (stmt, 0));

  if (rc != SQLITE_DONE)
    {
      rh_database_set_error (self, error, rc);
      return NULL;
    }

  return g_strv_builder_end (builder);
}

#define CARD_COLUMNS \
  "c.id, c.uid, t.path, c.front, c.back, c.tags, c.kind, c.seconds, c.created, c.modified, c.suspended"

static RhCard *
card_from_row (RhDatabase    *self,
               sqlite3_stmt  *stmt,
               GError       **error)
{
  g_autoptr(RhCard) card = rh_card_new ((const char *)sqlite3_column_text (stmt, 1));
  g_auto(GStrv) tags = split_tags ((const char *)sqlite3_column_text (stmt, 5));
  g_auto(GStrv) follow_ups = NULL;
  RhCardKind kind = RH_CARD_KIND_CONCEPT;

  rh_card_set_row_id (card, sqlite3_column_int64 (stmt, 0));
  rh_card_set_topic (card, (const char *)sqlite3_column_text (stmt, 2));
  rh_card_set_front (card, (const char *)sqlite3_column_text (stmt, 3));
  rh_card_set_back (card, (const char *)sqlite3_column_text (stmt, 4));
  rh_card_set_tags (card, (const char * const *)tags);
  rh_card_kind_from_string ((const char *)sqlite3_column_text (stmt, 6), &kind);
  rh_card_set_kind (card, kind);
  rh_card_set_seconds (card, MAX (0, sqlite3_column_int (stmt, 7)));
  rh_card_set_created (card, sqlite3_column_int64 (stmt, 8));
  rh_card_set_modified (card, sqlite3_column_int64 (stmt, 9));
  rh_card_set_suspended (card, sqlite3_column_int (stmt, 10));

  if (!(follow_ups = dup_follow_ups (self, rh_card_get_row_id (card), error)))
    return NULL;
  rh_card_set_follow_ups (card, (const char * const *)follow_ups);

  return g_steal_pointer (&card);
}

static RhCard *
dup_card_where (RhDatabase   *self,
                const char   *sql,
                gint64        row_id,
                const char   *uid,
                GError      **error)
{
  g_autoptr(RhStatement) stmt = NULL;
  int rc;

  if (!(stmt = rh_database_prepare (self, sql, error)))
    return NULL;

  if (uid != NULL)
    sqlite3_bind_text (stmt, 1, uid, -1, SQLITE_STATIC);
  else
    sqlite3_bind_int64 (stmt, 1, row_id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return card_from_row (self, stmt, error);

  if (rc == SQLITE_DONE)
    g_set_error (error, RH_DATABASE_ERROR, RH_DATABASE_ERROR_NOT_FOUND,
                 _("There is no card “%s”"), uid ? uid : "");
  else
    rh_database_set_error (self, error, rc);

  return NULL;
}

/**
 * rh_database_dup_card:
 *
 * Returns: (transfer full) (nullable): a new object for the card's row
 */
RhCard *
rh_database_dup_card (RhDatabase  *self,
                      gint64       row_id,
                      GError     **error)
{
  g_return_val_if_fail (RH_IS_DATABASE (self), NULL);

  return dup_card_where (self,
                         "SELECT " CARD_COLUMNS " FROM cards c JOIN topics t ON t.id = c.topic_id"
                         " WHERE c.id = ?;",
                         row_id, NULL, error);
}

/**
 * rh_database_dup_card_by_uid:
 *
 * Returns: (transfer full) (nullable): the card with the stable id @uid
 */
RhCard *
rh_database_dup_card_by_uid (RhDatabase  *self,
                             const char  *uid,
                             GError     **error)
{
  g_return_val_if_fail (RH_IS_DATABASE (self), NULL);
  g_return_val_if_fail (uid != NULL, NULL);

  return dup_card_where (self,
                         "SELECT " CARD_COLUMNS " FROM cards c JOIN topics t ON t.id = c.topic_id"
                         " WHERE c.uid = ?;",
                         0, uid, error);
}

static void
append_like_pattern (GString    *pattern,
                     const char *term)
{
  g_string_append_c (pattern, '%');
  for (const char *p = term; *p; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (pattern, '\\');
      g_string_append_c (pattern, *p);
    }
  g_string_append_c (pattern, '%');
}

/**
 * rh_database_query_card_ids:
 * @topic_path: (nullable): a topic whose subtree to list, "" or %NULL for all
 * @search: (nullable): words that must all appear in the front, back or tags
 *
 * Words of three or more characters use the trigram full-text index;
 * shorter ones (a two-character Chinese word is common) fall back to a
 * substring match.
 *
 * Returns: (transfer full) (element-type gint64) (nullable): row ids in
 *   the order the cards were added
 */
GArray *
rh_database_query_card_ids (RhDatabase  *self,
                            const char  *topic_path,
                            const char  *search,
                            GError     **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT c.id FROM cards c");
  g_autoptr(GString) match = g_string_new (NULL);
  g_autoptr(GPtrArray) likes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_auto(GStrv) terms = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean by_topic = topic_path != NULL && *topic_path != '\0';
  int rc, param = 1;

  g_return_val_if_fail (RH_IS_DATABASE (self), NULL);

  if (by_topic)
    g_string_append (sql, " JOIN topic_closure tc ON tc.descendant_id = c.topic_id"
                          " AND tc.ancestor_id = (SELECT id FROM topics WHERE path = ?)");
  g_string_append (sql, " WHERE 1");

  terms = g_strsplit_set (search ? search : "", " \t\n", -1);
  for (guint i = 0; terms[i]; i++)
    {
      if (terms[i][0] == '\0')
        continue;

      if (g_utf8_strlen (terms[i], -1) >= 3)
        {
          g_autoptr(GString) quoted = g_string_new (terms[i]);

          g_string_replace (quoted, "\"", "\"\"", 0);
          g_string_append_printf (match, "%s\"%s\"", match->len ? " " : "", quoted->str);
        }
      else
        {
          GString *pattern = g_string_new (NULL);

          append_like_pattern (pattern, terms[i]);
          g_ptr_array_add (likes, g_string_free (pattern, FALSE));
          g_string_append (sql, " AND (c.front LIKE ? ESCAPE '\\' OR c.back LIKE ? ESCAPE '\\'"
                                " OR c.tags LIKE ? ESCAPE '\\')");
        }
    }

  if (match->len > 0)
    g_string_append (sql, " AND c.id IN (SELECT rowid FROM cards_fts WHERE cards_fts MATCH ?)");
  g_string_append (sql, " ORDER BY c.id;");

  /* The text varies with the search, so this one is not cached. */
  rc = sqlite3_prepare_v2 (self->db, sql->str, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      rh_database_set_error (self, error, rc);
      return NULL;
    }

  if (by_topic)
    sqlite3_bind_text (stmt, param++, topic_path, -1, SQLITE_STATIC);
  for (guint i = 0; i < likes->len; i++)
    for (guint j = 0; j < 3; j++)
      sqlite3_bind_text (stmt, param++, g_ptr_array_index (likes, i), -1, SQLITE_STATIC);
  if (match->len > 0)
    sqlite3_bind_text (stmt, param++, match->str, -1, SQLITE_STATIC);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }

  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      rh_database_set_error (self, error, rc);
      return NULL;
    }

  return g_steal_pointer (&ids);
}

guint
rh_database_count_cards (RhDatabase *self)
{
  g_autoptr(RhStatement) stmt = NULL;

  g_return_val_if_fail (RH_IS_DATABASE (self), 0);

  if (!(stmt = rh_database_prepare (self, "SELECT count(*) FROM cards;", NULL)) ||
      sqlite3_step (stmt) != SQLITE_ROW)
    return 0;

  return sqlite3_column_int (stmt, 0);
}

/* Binds a card's content as ?2 topic id, ?3 front, ?4 back, ?5 tags, ?6 kind
 * and ?7 seconds (NULL when unset), the order every card statement uses. */
static void
bind_card_content (RhStatement *stmt,
                   RhCard      *card,
                   gint64       topic_id,
                   const char  *tags)
{
  sqlite3_bind_int64 (stmt, 2, topic_id);
  sqlite3_bind_text (stmt, 3, rh_card_get_front (card), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, rh_card_get_back (card), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, tags, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, rh_card_kind_to_string (rh_card_get_kind (card)), -1, SQLITE_STATIC);
  if (rh_card_get_seconds (card) > 0)
    sqlite3_bind_int (stmt, 7, rh_card_get_seconds (card));
}

static gboolean
text_is_blank (const char *text)
{
  for (; text && *text; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;

  return TRUE;
}

/**
 * rh_database_update_card:
 * @card: a card read from this database, with edited topic, front, back,
 *   tags, kind or seconds
 *
 * Saves an edit made in the app. The topic is created if new; review state
 * is untouched. On success @card's modified time is updated too.
 */
gboolean
rh_database_update_card (RhDatabase  *self,
                         RhCard      *card,
                         GError     **error)
{
  g_autoptr(RhStatement) stmt = NULL;
  g_autofree char *tags = NULL;
  g_autofree char *topic = NULL;
  gint64 now, topic_id;
  int rc;

  g_return_val_if_fail (RH_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (RH_IS_CARD (card), FALSE);
  g_return_val_if_fail (rh_card_get_row_id (card) > 0, FALSE);

  if (!(topic = rh_topic_path_normalize (rh_card_get_topic (card) ? rh_card_get_topic (card) : "", error)))
    return FALSE;

  if (text_is_blank (rh_card_get_front (card)) || text_is_blank (rh_card_get_back (card)))
    {
      g_set_error (error, RH_DATABASE_ERROR, RH_DATABASE_ERROR_FAILED,
                   _("A card needs both a question and an answer"));
      return FALSE;
    }

  now = rh_clock_get_now_seconds (self->clock);
  tags = join_tags (card);

  if (!rh_database_begin (self, error))
    return FALSE;

  if ((topic_id = rh_database_ensure_topic (self, topic, error)) < 0 ||
      !(stmt = rh_database_prepare (self,
                                    "UPDATE cards SET topic_id = ?2, front = ?3, back = ?4, tags = ?5, kind = ?6,"
                                    " seconds = ?7, modified = ?8 WHERE id = ?1;",
                                    error)))
    goto failed;

  sqlite3_bind_int64 (stmt, 1, rh_card_get_row_id (card));
  bind_card_content (stmt, card, topic_id, tags);
  sqlite3_bind_int64 (stmt, 8, now);

  if ((rc = sqlite3_step (stmt)) != SQLITE_DONE)
    {
      rh_database_set_error (self, error, rc);
      goto failed;
    }

  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, RH_DATABASE_ERROR, RH_DATABASE_ERROR_NOT_FOUND,
                   _("There is no card “%s”"), rh_card_get_uid (card));
      goto failed;
    }

  rh_statement_release (g_steal_pointer (&stmt));

  if (!rh_database_commit (self, RH_DATABASE_CHANGE_CARDS | RH_DATABASE_CHANGE_TOPICS, error))
    return FALSE;

  rh_card_set_topic (card, topic);
  rh_card_set_modified (card, now);

  return TRUE;

failed:
  rh_database_rollback (self);
  return FALSE;
}

/* Suspended cards are kept, with their history, but never studied. */
gboolean
rh_database_set_card_suspended (RhDatabase  *self,
                                gint64       row_id,
                                gboolean     suspended,
                                GError     **error)
{
  g_autoptr(RhStatement) stmt = NULL;
  int rc;

  g_return_val_if_fail (RH_IS_DATABASE (self), FALSE);

  if (!rh_database_begin (self, error))
    return FALSE;

  if (!(stmt = rh_database_prepare (self, "UPDATE cards SET suspended = ?2 WHERE id = ?1;", error)))
    goto failed;

  sqlite3_bind_int64 (stmt, 1, row_id);
  sqlite3_bind_int (stmt, 2, !!suspended);
  if ((rc = sqlite3_step (stmt)) != SQLITE_DONE)
    {
      rh_database_set_error (self, error, rc);
      goto failed;
    }
  rh_statement_release (g_steal_pointer (&stmt));

  return rh_database_commit (self, RH_DATABASE_CHANGE_CARDS, error);

failed:
  rh_database_rollback (self);
  return FALSE;
}

static gint64
lookup_card_id (RhDatabase  *self,
                const char  *uid,
                GError     **error)
{
  return lookup_id (self, "SELECT id FROM cards WHERE uid = ?;", uid, error);
}

/* Follow-ups may point into the deck itself or at cards already stored. */
static gboolean
check_follow_ups (RhDatabase  *self,
                  RhDeck      *deck,
                  GError     **error)
{
  for (guint i = 0; i < rh_deck_get_n_cards (deck); i++)
    {
      const char * const *follow_ups = rh_card_get_follow_ups (rh_deck_get_card (deck, i));

      for (guint j = 0; follow_ups && follow_ups[j]; j++)
        {
          gint64 id;

          if (rh_deck_lookup_card (deck, follow_ups[j], NULL))
            continue;

          if ((id = lookup_card_id (self, follow_ups[j], error)) < 0)
            return FALSE;

          if (id == 0)
            {
              g_autofree char *problem =
                g_strdup_printf (_("names “%s”, which is neither in this deck nor in the database"),
                                 follow_ups[j]);
              rh_deck_set_card_error (deck, error, RH_DECK_ERROR_UNKNOWN_FOLLOW_UP, i, "follow_ups", problem);
              return FALSE;
            }
        }
    }

  return TRUE;
}

typedef enum { CARD_ADDED, CARD_UPDATED, CARD_UNCHANGED } CardOutcome;

static gboolean
write_card (RhDatabase   *self,
            RhCard       *card,
            gint64        now,
            CardOutcome  *outcome,
            GError      **error)
{
  g_autoptr(RhStatement) find = NULL;
  g_autoptr(RhStatement) write = NULL;
  g_autofree char *tags = join_tags (card);
  gint64 topic_id, card_id = 0;
  int rc;

  if ((topic_id = rh_database_ensure_topic (self, rh_card_get_topic (card), error)) < 0)
    return FALSE;

  if (!(find = rh_database_prepare (self,
                                    "SELECT id, topic_id = ?2 AND front = ?3 AND back = ?4 AND tags = ?5"
                                    "  AND kind = ?6 AND seconds IS ?7"
                                    " FROM cards WHERE uid = ?1;",
                                    error)))
    return FALSE;

  sqlite3_bind_text (find, 1, rh_card_get_uid (card), -1, SQLITE_STATIC);
  bind_card_content (find, card, topic_id, tags);

  rc = sqlite3_step (find);
  if (rc == SQLITE_ROW)
    {
      card_id = sqlite3_column_int64 (find, 0);
      if (sqlite3_column_int (find, 1))
        {
          *outcome = CARD_UNCHANGED;
          return TRUE;
        }
    }
  else if (rc != SQLITE_DONE)
    return rh_database_set_error (self, error, rc);

  if (card_id == 0)
    write = rh_database_prepare (self,
                                 "INSERT INTO cards (uid, topic_id, front, back, tags, kind, seconds, created, modified)"
                                 " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8);",
                                 error);
  else
    /* Only the content: review state lives in other tables and is kept. */
    write = rh_database_prepare (self,
                                 "UPDATE cards SET topic_id = ?2, front = ?3, back = ?4, tags = ?5, kind = ?6,"
                                 " seconds = ?7, modified = ?8 WHERE uid = ?1;",
                                 error);
  if (write == NULL)
    return FALSE;

  sqlite3_bind_text (write, 1, rh_card_get_uid (card), -1, SQLITE_STATIC);
  bind_card_content (write, card, topic_id, tags);
  sqlite3_bind_int64 (write, 8, now);

  if ((rc = sqlite3_step (write)) != SQLITE_DONE)
    return rh_database_set_error (self, error, rc);

  *outcome = card_id == 0 ? CARD_ADDED : CARD_UPDATED;

  return TRUE;
}

/* Replaces a card's follow-up links when they differ; sets @changed. */
static gboolean
write_follow_ups (RhDatabase  *self,
                  RhCard      *card,
                  gint64       now,
                  gboolean    *changed,
                  GError     **error)
{
  static const char * const empty[] = { NULL };
  g_auto(GStrv) current = NULL;
  const char * const *wanted = rh_card_get_follow_ups (card);
  gint64 card_id;
  int rc;

  if ((card_id = lookup_card_id (self, rh_card_get_uid (card), error)) <= 0)
    return card_id == 0 ? rh_database_set_error (self, error, SQLITE_CORRUPT) : FALSE;

  if (!(current = dup_follow_ups (self, card_id, error)))
    return FALSE;

  *changed = !g_strv_equal ((const char * const *)current, wanted ? wanted : empty);
  if (!*changed)
    return TRUE;

  {
    g_autoptr(RhStatement) clear = NULL;
    g_autoptr(RhStatement) touch = NULL;

    if (!(clear = rh_database_prepare (self, "DELETE FROM follow_ups WHERE card_id = ?;", error)))
      return FALSE;
    sqlite3_bind_int64 (clear, 1, card_id);
    if ((rc = sqlite3_step (clear)) != SQLITE_DONE)
      return rh_database_set_error (self, error, rc);

    if (!(touch = rh_database_prepare (self, "UPDATE cards SET modified = ? WHERE id = ?;", error)))
      return FALSE;
    sqlite3_bind_int64 (touch, 1, now);
    sqlite3_bind_int64 (touch, 2, card_id);
    if ((rc = sqlite3_step (touch)) != SQLITE_DONE)
      return rh_database_set_error (self, error, rc);
  }

  for (guint i = 0; wanted && wanted[i]; i++)
    {
      g_autoptr(RhStatement) insert = NULL;

      if (!(insert = rh_database_prepare (self,
                                          "INSERT INTO follow_ups (card_id, position, follow_up_id)"
                                          " SELECT ?1, ?2, id FROM cards WHERE uid = ?3;",
                                          error)))
        return FALSE;

      sqlite3_bind_int64 (insert, 1, card_id);
      sqlite3_bind_int (insert, 2, i);
      sqlite3_bind_text (insert, 3, wanted[i], -1, SQLITE_STATIC);
      if ((rc = sqlite3_step (insert)) != SQLITE_DONE)
        return rh_database_set_error (self, error, rc);
    }

  return TRUE;
}

static gboolean
import_deck (RhDatabase      *self,
             RhDeck          *deck,
             const char      *checksum,
             RhImportResult  *result,
             GError         **error)
{
  g_autofree CardOutcome *outcomes = NULL;
  RhImportResult counts = { 0, 0, 0 };
  gint64 now = rh_clock_get_now_seconds (self->clock);
  guint n_cards = rh_deck_get_n_cards (deck);

  if (!check_follow_ups (self, deck, error))
    return FALSE;

  if (!rh_database_begin (self, error))
    return FALSE;

  outcomes = g_new0 (CardOutcome, MAX (n_cards, 1));

  /* Cards first, so that links can point at cards later in the file. */
  for (guint i = 0; i < n_cards; i++)
    if (!write_card (self, rh_deck_get_card (deck, i), now, &outcomes[i], error))
      goto failed;

  for (guint i = 0; i < n_cards; i++)
    {
      gboolean changed = FALSE;

      if (!write_follow_ups (self, rh_deck_get_card (deck, i), now, &changed, error))
        goto failed;

      if (changed && outcomes[i] == CARD_UNCHANGED)
        outcomes[i] = CARD_UPDATED;
    }

  for (guint i = 0; i < n_cards; i++)
    {
      if (outcomes[i] == CARD_ADDED)
        counts.added++;
      else if (outcomes[i] == CARD_UPDATED)
        counts.updated++;
      else
        counts.unchanged++;
    }

  if (checksum != NULL && !rh_database_set_meta (self, BUILTIN_CHECKSUM_KEY, checksum, error))
    goto failed;

  if (!rh_database_commit (self,
                           counts.added + counts.updated > 0
                             ? RH_DATABASE_CHANGE_TOPICS | RH_DATABASE_CHANGE_CARDS
                             : 0,
                           error))
    return FALSE;

  if (result)
    *result = counts;

  return TRUE;

failed:
  rh_database_rollback (self);
  return FALSE;
}

/**
 * rh_database_import_deck:
 * @result: (out) (optional): how many cards were added, updated, unchanged
 *
 * Merges @deck by card id, in one transaction: the deck is imported
 * completely or not at all. Changed text is updated; review state and
 * history are never touched, and cards missing from the deck are kept.
 */
gboolean
rh_database_import_deck (RhDatabase      *self,
                         RhDeck          *deck,
                         RhImportResult  *result,
                         GError         **error)
{
  g_return_val_if_fail (RH_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (RH_IS_DECK (deck), FALSE);

  return import_deck (self, deck, NULL, result, error);
}

/**
 * rh_database_import_builtin:
 * @deck_json: the built-in deck shipped with the app
 *
 * Imports the built-in deck on first run, and merges it again only when an
 * update ships a different one, so that the work is not repeated at every
 * start.
 */
gboolean
rh_database_import_builtin (RhDatabase      *self,
                            GBytes          *deck_json,
                            RhImportResult  *result,
                            GError         **error)
{
  g_autofree char *checksum = NULL;
  g_autofree char *stored = NULL;
  g_autoptr(RhDeck) deck = NULL;
  gsize length;
  const char *data;

  g_return_val_if_fail (RH_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (deck_json != NULL, FALSE);

  if (result)
    *result = (RhImportResult) { 0, 0, 0 };

  checksum = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, deck_json);
  stored = rh_database_dup_meta (self, BUILTIN_CHECKSUM_KEY);
  if (g_strcmp0 (checksum, stored) == 0)
    return TRUE;

  data = g_bytes_get_data (deck_json, &length);
  if (!(deck = rh_deck_new_from_data (data, length, _("built-in deck"), error)))
    return FALSE;

  return import_deck (self, deck, checksum, result, error);
}

/**
 * rh_database_export_deck:
 * @topic_path: (nullable): the subtree to export, "" or %NULL for all
 *
 * Follow-up links to cards outside the exported subtree are left out, so
 * that the file imports on its own.
 *
 * Returns: (transfer full) (nullable): the deck
 */
RhDeck *
rh_database_export_deck (RhDatabase  *self,
                         const char  *topic_path,
                         GError     **error)
{
  g_autoptr(RhDeck) deck = rh_deck_new ();
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) cards = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) exported = g_hash_table_new (g_str_hash, g_str_equal);

  g_return_val_if_fail (RH_IS_DATABASE (self), NULL);

  if (topic_path != NULL && *topic_path != '\0')
    {
      gint64 id = lookup_topic_id (self, topic_path, error);

      if (id < 0)
        return NULL;
      if (id == 0)
        {
          g_set_error (error, RH_DATABASE_ERROR, RH_DATABASE_ERROR_NOT_FOUND,
                       _("There is no topic “%s”"), topic_path);
          return NULL;
        }
    }

  if (!(ids = rh_database_query_card_ids (self, topic_path, NULL, error)))
    return NULL;

  for (guint i = 0; i < ids->len; i++)
    {
      RhCard *card = rh_database_dup_card (self, g_array_index (ids, gint64, i), error);

      if (card == NULL)
        return NULL;

      g_ptr_array_add (cards, card);
      g_hash_table_add (exported, (gpointer)rh_card_get_uid (card));
    }

  for (guint i = 0; i < cards->len; i++)
    {
      RhCard *card = g_ptr_array_index (cards, i);
      const char * const *follow_ups = rh_card_get_follow_ups (card);
      g_autoptr(GStrvBuilder) kept = g_strv_builder_new ();
      g_auto(GStrv) strv = NULL;

      for (guint j = 0; follow_ups && follow_ups[j]; j++)
        if (g_hash_table_contains (exported, follow_ups[j]))
          g_strv_builder_add (kept, follow_ups[j]);

      strv = g_strv_builder_end (kept);
      rh_card_set_follow_ups (card, (const char * const *)strv);
      rh_deck_add_card (deck, card);
    }

  rh_deck_set_name (deck, topic_path && *topic_path ? topic_path : "Rehearse");

  return g_steal_pointer (&deck);
}
