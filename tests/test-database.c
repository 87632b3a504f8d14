/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "rh-scheduler.h"
#include "rh-statistics-store.h"
#include "rh-test-utils.h"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("rehearse-db-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "rehearse.db", NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  rh_test_remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

/* Writes through a plain SQLite connection, as another program would. */
static void
raw_exec (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (rh_search_tokenizer_register (db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s", message);
  sqlite3_close (db);
}

static void
test_create_memory (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(RhDatabase) db = rh_test_open_database (":memory:", NULL);

  g_assert_null (rh_database_get_path (db));
  g_assert_cmpint (rh_test_query_int (db, "PRAGMA user_version;"), ==, RH_DATABASE_SCHEMA_VERSION);
  g_assert_cmpint (rh_test_query_int (db, "PRAGMA application_id;"), ==, RH_DATABASE_APPLICATION_ID);
  g_assert_cmpint (rh_test_query_int (db, "PRAGMA foreign_keys;"), ==, 1);
  g_assert_cmpuint (rh_deck_store_count_cards (db), ==, 0);

  g_assert_finalize_object (g_steal_pointer (&db));
}

static void
test_create_file (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(RhDatabase) db = rh_test_open_database (f->path, NULL);
  g_autoptr(GError) error = NULL;
  RhStatement *stmt;

  g_assert_cmpstr (rh_database_get_path (db), ==, f->path);
  g_assert_true (g_file_test (f->path, G_FILE_TEST_EXISTS));

  stmt = rh_database_prepare (db, "PRAGMA journal_mode;", &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *)sqlite3_column_text (stmt, 0), ==, "wal");
  rh_statement_release (stmt);

  /* NORMAL */
  g_assert_cmpint (rh_test_query_int (db, "PRAGMA synchronous;"), ==, 1);
  /* Every table the schema promises. */
  g_assert_cmpint (rh_test_query_int (db,
                                      "SELECT count(*) FROM sqlite_schema WHERE name IN"
                                      " ('topics', 'topic_closure', 'cards', 'follow_ups', 'review_state',"
                                      "  'review_log', 'cards_fts', 'meta');"), ==, 8);

  g_assert_finalize_object (g_steal_pointer (&db));
}

static void
test_reopen (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(RhDatabase) db = rh_test_open_database (f->path, NULL);
  g_autofree char *deck = rh_test_make_deck (5, "Go::Runtime", "go");
  g_autoptr(RhCard) card = NULL;
  g_autoptr(GError) error = NULL;

  rh_test_import (db, deck, NULL);
  g_assert_finalize_object (g_steal_pointer (&db));

  db = rh_test_open_database (f->path, NULL);
  g_assert_cmpuint (rh_deck_store_count_cards (db), ==, 5);
  card = rh_deck_store_dup_card_by_uid (db, "go-3", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rh_card_get_topic (card), ==, "Go::Runtime");
  g_assert_cmpstr (rh_card_get_front (card), ==, "Question 3");

  g_clear_object (&card);
  g_assert_finalize_object (g_steal_pointer (&db));
}

static void
test_migrate_from_1 (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(RhDatabase) db = rh_test_open_database (f->path, NULL);
  g_autofree char *deck = rh_test_make_deck (3, "Go", "go");

  rh_test_import (db, deck, NULL);
  g_assert_finalize_object (g_steal_pointer (&db));

  /* What version 1 of the schema left on disk. */
  raw_exec (f->path, "DROP INDEX review_log_time; DROP TABLE interview_answers; DROP TABLE interview_sessions;"
                     " DROP TABLE interview_templates;" RH_TEST_DROP_V10_OBJECTS RH_TEST_DROP_V9_OBJECTS RH_TEST_DROP_V8_OBJECTS RH_TEST_DROP_V7_OBJECTS RH_TEST_DROP_V6_OBJECTS RH_TEST_DROP_V5_OBJECTS
                     " PRAGMA user_version = 1;");

  db = rh_test_open_database (f->path, NULL);
  g_assert_cmpint (rh_test_query_int (db, "PRAGMA user_version;"), ==, RH_DATABASE_SCHEMA_VERSION);
  g_assert_cmpint (rh_test_query_int (db, "SELECT count(*) FROM sqlite_schema WHERE name = 'review_log_time';"), ==, 1);
  g_assert_cmpuint (rh_deck_store_count_cards (db), ==, 3);

  g_assert_finalize_object (g_steal_pointer (&db));
}

/* Version 3 indexed the Markdown source, where every list matched “*”;
 * version 4 indexes the text a reader sees. */
static void
test_migrate_from_3 (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(RhDatabase) db = rh_test_open_database (f->path, NULL);
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  const char *deck =
    "{\"rehearse_deck\": 1, \"cards\": ["
    " {\"id\": \"list\", \"topic\": \"Net\", \"front\": \"Name the **steps**\", \"back\": \"* SYN\\n* ACK\"},"
    " {\"id\": \"code\", \"topic\": \"Net\", \"front\": \"Which state?\", \"back\": \"`TIME_WAIT`, for 2 MSL\"}"
    "]}";

  rh_test_import (db, deck, NULL);
  g_assert_finalize_object (g_steal_pointer (&db));

  raw_exec (f->path,
            RH_TEST_DROP_V10_OBJECTS RH_TEST_DROP_V9_OBJECTS RH_TEST_DROP_V8_OBJECTS RH_TEST_DROP_V7_OBJECTS
            " DROP TRIGGER cards_fts_insert; DROP TRIGGER cards_fts_delete; DROP TRIGGER cards_fts_update;"
            " DROP TABLE cards_fts;"
            " CREATE VIRTUAL TABLE cards_fts USING fts5 ("
            "  front, back, tags, content = 'cards', content_rowid = 'id', tokenize = 'trigram');"
            " CREATE TRIGGER cards_fts_insert AFTER INSERT ON cards BEGIN"
            "  INSERT INTO cards_fts (rowid, front, back, tags) VALUES (new.id, new.front, new.back, new.tags);"
            " END;"
            " CREATE TRIGGER cards_fts_delete AFTER DELETE ON cards BEGIN"
            "  INSERT INTO cards_fts (cards_fts, rowid, front, back, tags)"
            "    VALUES ('delete', old.id, old.front, old.back, old.tags);"
            " END;"
            " CREATE TRIGGER cards_fts_update AFTER UPDATE OF front, back, tags ON cards BEGIN"
            "  INSERT INTO cards_fts (cards_fts, rowid, front, back, tags)"
            "    VALUES ('delete', old.id, old.front, old.back, old.tags);"
            "  INSERT INTO cards_fts (rowid, front, back, tags) VALUES (new.id, new.front, new.back, new.tags);"
            " END;"
            " INSERT INTO cards_fts (cards_fts) VALUES ('rebuild');"
            RH_TEST_DROP_V5_OBJECTS
            " PRAGMA user_version = 3;");

  db = rh_test_open_database (f->path, NULL);
  g_assert_cmpint (rh_test_query_int (db, "PRAGMA user_version;"), ==, RH_DATABASE_SCHEMA_VERSION);

  ids = rh_deck_store_query_card_ids (db, NULL, "*", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 0);
  g_clear_pointer (&ids, g_array_unref);

  ids = rh_deck_store_query_card_ids (db, NULL, "steps syn", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 1);
  g_clear_pointer (&ids, g_array_unref);

  ids = rh_deck_store_query_card_ids (db, NULL, "TIME_WAIT, for", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 1);
  g_clear_pointer (&ids, g_array_unref);

  g_assert_cmpint (rh_test_query_int (db, "SELECT count(*) FROM cards_fts WHERE back LIKE '%`%';"), ==, 0);

  g_assert_finalize_object (g_steal_pointer (&db));
}

/* Version 5 keeps each topic's counts: a version-4 file gets them counted
 * once, then kept by every change. */
static void
test_migrate_from_4 (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(RhDatabase) db = NULL;
  g_autoptr(RhTopic) topic = NULL;
  g_autoptr(GError) error = NULL;

  rh_test_make_answered_database (f->path, 5, 2);
  raw_exec (f->path, RH_TEST_DROP_V10_OBJECTS RH_TEST_DROP_V9_OBJECTS RH_TEST_DROP_V8_OBJECTS RH_TEST_DROP_V7_OBJECTS RH_TEST_DROP_V6_OBJECTS RH_TEST_DROP_V5_OBJECTS " PRAGMA user_version = 4;");

  db = rh_test_open_database (f->path, NULL);
  g_assert_cmpint (rh_test_query_int (db, "PRAGMA user_version;"), ==, RH_DATABASE_SCHEMA_VERSION);
  g_assert_cmpint (rh_test_query_int (db, "SELECT cards FROM topic_counts;"), ==, 5);
  g_assert_cmpint (rh_test_query_int (db, "SELECT count(*) FROM review_state WHERE topic_id IS NULL;"), ==, 0);

  topic = rh_deck_store_dup_topic (db, "Redis", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rh_topic_get_total_count (topic), ==, 5);
  g_assert_cmpuint (rh_topic_get_new_count (topic), ==, 3);

  g_assert_finalize_object (g_steal_pointer (&db));
}

/* Version 6 indexes words and pairs of CJK characters instead of
 * trigrams: a version-5 file gets its index rebuilt, and short Chinese
 * words, English words and symbols are found through it. */
static void
test_migrate_from_5 (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(RhDatabase) db = rh_test_open_database (f->path, NULL);
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  const char *deck =
    "{\"rehearse_deck\": 1, \"cards\": ["
    " {\"id\": \"gmp\", \"topic\": \"Go\", \"front\": \"讲讲 **GMP** 调度器\", \"back\": \"goroutine 与线程\"},"
    " {\"id\": \"tcp\", \"topic\": \"Net\", \"front\": \"Which state?\", \"back\": \"`TIME_WAIT`, for 2 MSL\"}"
    "]}";
  const char * const searches[] = { "调度", "调", "gorout", "TIME_WAIT", "gmp 线程" };

  rh_test_import (db, deck, NULL);
  g_assert_finalize_object (g_steal_pointer (&db));

  raw_exec (f->path, RH_TEST_DROP_V10_OBJECTS RH_TEST_DROP_V9_OBJECTS RH_TEST_DROP_V8_OBJECTS RH_TEST_DROP_V7_OBJECTS RH_TEST_DROP_V6_OBJECTS " PRAGMA user_version = 5;");

  db = rh_test_open_database (f->path, NULL);
  g_assert_cmpint (rh_test_query_int (db, "PRAGMA user_version;"), ==, RH_DATABASE_SCHEMA_VERSION);
  g_assert_cmpint (rh_test_query_int (db, "SELECT count(*) FROM sqlite_schema WHERE name = 'cards_fts'"
                                          " AND sql LIKE '%rh_cjk%';"), ==, 1);
  g_assert_cmpint (rh_test_query_int (db, "SELECT count(*) FROM cards_fts;"), ==, 2);
  rh_test_exec (db, "INSERT INTO cards_fts (cards_fts) VALUES ('integrity-check');");

  for (guint i = 0; i < G_N_ELEMENTS (searches); i++)
    {
      ids = rh_deck_store_query_card_ids (db, NULL, searches[i], &error);
      g_assert_no_error (error);
      g_assert_cmpuint (ids->len, ==, 1);
      g_clear_pointer (&ids, g_array_unref);
    }

  /* The triggers keep the new index as cards change. */
  rh_test_exec (db, "UPDATE cards SET front = '索引' WHERE uid = 'gmp';");
  ids = rh_deck_store_query_card_ids (db, NULL, "调度", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 0);
  g_clear_pointer (&ids, g_array_unref);
  rh_test_exec (db, "INSERT INTO cards_fts (cards_fts) VALUES ('integrity-check');");

  g_assert_finalize_object (g_steal_pointer (&db));
}

/* Version 7 indexes what the search's filters look at: a version-6 file
 * gets the indexes, and its cards stay as they were. */
static void
test_migrate_from_6 (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(RhDatabase) db = rh_test_open_database (f->path, NULL);
  g_autofree char *deck = rh_test_make_deck (3, "Go", "go");

  rh_test_import (db, deck, NULL);
  rh_test_exec (db, "UPDATE cards SET suspended = 1 WHERE uid = 'go-1';");
  g_assert_finalize_object (g_steal_pointer (&db));

  raw_exec (f->path, RH_TEST_DROP_V10_OBJECTS RH_TEST_DROP_V9_OBJECTS RH_TEST_DROP_V8_OBJECTS RH_TEST_DROP_V7_OBJECTS " PRAGMA user_version = 6;");

  db = rh_test_open_database (f->path, NULL);
  g_assert_cmpint (rh_test_query_int (db, "PRAGMA user_version;"), ==, RH_DATABASE_SCHEMA_VERSION);
  g_assert_cmpint (rh_test_query_int (db, "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name IN"
                                          " ('cards_kind', 'cards_created', 'cards_suspended', 'review_state_lapses',"
                                          "  'review_state_reps', 'review_state_stability', 'review_state_difficulty',"
                                          "  'review_state_interval');"), ==, 8);
  g_assert_cmpint (rh_test_query_int (db, "SELECT count(*) FROM cards INDEXED BY cards_suspended"
                                          " WHERE suspended <> 0;"), ==, 1);
  g_assert_cmpuint (rh_deck_store_count_cards (db), ==, 3);

  g_assert_finalize_object (g_steal_pointer (&db));
}

/* Version 9 counts each study day's answers per topic: a version-8 file
 * gets them counted from its log, cut at the clock's rollover and zone,
 * and kept from then on. */
static void
test_migrate_from_8 (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(RhDatabase) db = NULL;
  g_autoptr(RhStudySettings) settings = rh_study_settings_new ();
  g_autoptr(RhScheduler) scheduler = NULL;
  g_autoptr(GError) error = NULL;

  rh_test_make_answered_database (f->path, 4, 3);
  raw_exec (f->path, RH_TEST_DROP_V10_OBJECTS RH_TEST_DROP_V9_OBJECTS " PRAGMA user_version = 8;");

  db = rh_test_open_database (f->path, NULL);
  g_assert_cmpint (rh_test_query_int (db, "PRAGMA user_version;"), ==, RH_DATABASE_SCHEMA_VERSION);
  g_assert_cmpint (rh_test_query_int (db, "SELECT value = '4 UTC' FROM meta WHERE key = 'review_days';"), ==, 1);
  /* The three answers of the fake clock's day, all of new cards. */
  g_assert_cmpint (rh_test_query_int (db, "SELECT count(*) FROM review_days;"), ==, 1);
  g_assert_cmpint (rh_test_query_int (db, "SELECT n_new FROM review_days WHERE day ="
                                          " rh_study_day (1772366400, '4 UTC');"), ==, 3);
  g_assert_cmpint (rh_test_query_int (db, "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger'"
                                          " AND name LIKE 'review_days_%';"), ==, 5);

  scheduler = rh_scheduler_new (db, settings);
  rh_scheduler_answer (scheduler, 4, RH_RATING_GOOD, 1000, RH_REVIEW_SOURCE_STUDY, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rh_test_query_int (db, "SELECT n_new FROM review_days;"), ==, 4);
  g_assert_cmpint (rh_test_query_int (db, "SELECT duration_ms FROM review_days;"), ==, 4000);

  g_assert_finalize_object (g_steal_pointer (&scheduler));
  g_assert_finalize_object (g_steal_pointer (&db));
}

/* Version 10 indexes each studied card by the last second it is ready:
 * a version-9 file gets the index, for the default retention, and the
 * readiness figures read through it. */
static void
test_migrate_from_9 (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(RhDatabase) db = NULL;
  g_autoptr(GArray) topics = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now;

  rh_test_make_answered_database (f->path, 4, 3);
  raw_exec (f->path, RH_TEST_DROP_V10_OBJECTS " PRAGMA user_version = 9;");

  db = rh_test_open_database (f->path, NULL);
  g_assert_cmpint (rh_test_query_int (db, "PRAGMA user_version;"), ==, RH_DATABASE_SCHEMA_VERSION);
  g_assert_cmpint (rh_test_query_int (db, "SELECT count(*) FROM sqlite_schema WHERE type = 'index'"
                                          " AND name = 'review_state_ready' AND sql = '"
                                          RH_DATABASE_READY_INDEX (RH_DATABASE_READY_DEFAULT_FACTOR) "';"), ==, 1);
  g_assert_cmpint (rh_test_query_int (db, "SELECT count(*) FROM review_state INDEXED BY review_state_ready"
                                          " WHERE state IN (1, 2, 3);"), ==, 3);

  /* Already built for the default retention: nothing to do. */
  g_assert_true (rh_statistics_store_prepare_readiness (db, 0.9, &error));
  g_assert_no_error (error);
  now = rh_test_query_int (db, "SELECT max(last_review) FROM review_state;");
  topics = rh_statistics_store_readiness (db, "", now, 0.9, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (topics->len, ==, 1);
  g_assert_cmpuint (g_array_index (topics, RhStatisticsTopic, 0).n_cards, ==, 4);
  g_assert_cmpuint (g_array_index (topics, RhStatisticsTopic, 0).n_ready, ==, 3);

  g_assert_finalize_object (g_steal_pointer (&db));
}

static void
test_empty_file (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(RhDatabase) db = NULL;

  /* An empty file is a new database, as SQLite sees it too. */
  g_assert_true (g_file_set_contents (f->path, "", 0, NULL));
  db = rh_test_open_database (f->path, NULL);
  g_assert_cmpint (rh_test_query_int (db, "PRAGMA user_version;"), ==, RH_DATABASE_SCHEMA_VERSION);

  g_assert_finalize_object (g_steal_pointer (&db));
}

static void
assert_refused (const char      *path,
                RhDatabaseError  code,
                const char      *message_part)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RhDatabase) db = NULL;
  g_autofree char *before = rh_test_checksum_file (path);
  g_autofree char *after = NULL;
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);

  db = rh_database_new (path, &error);
  g_assert_null (db);
  g_assert_error (error, RH_DATABASE_ERROR, (int)code);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, message_part));

  after = rh_test_checksum_file (path);
  g_assert_cmpstr (before, ==, after);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
}

static void
test_refuse_newer (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(RhDatabase) db = rh_test_open_database (f->path, NULL);

  g_assert_finalize_object (g_steal_pointer (&db));
  raw_exec (f->path, "PRAGMA journal_mode = DELETE; PRAGMA user_version = 99;");

  assert_refused (f->path, RH_DATABASE_ERROR_NEWER, "newer version of Rehearse");
}

static void
test_refuse_foreign (Fixture       *f,
                     gconstpointer  data)
{
  raw_exec (f->path, "CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('x');");

  assert_refused (f->path, RH_DATABASE_ERROR_NOT_REHEARSE, "another program");
}

/* Our mark but no schema version: tables of another program, which a
 * migration from 0 would have built on. */
static void
test_refuse_foreign_with_our_id (Fixture       *f,
                                 gconstpointer  data)
{
  raw_exec (f->path, "PRAGMA application_id = 1382576755; CREATE TABLE contacts (name TEXT);"
                     " INSERT INTO contacts VALUES ('x');");

  assert_refused (f->path, RH_DATABASE_ERROR_NOT_REHEARSE, "another program");
}

static void
damaged_cb (RhDatabase *db,
            GParamSpec *pspec,
            guint      *notified)
{
  (*notified)++;
}

/* Damage found by any statement, after the check on open passed, stops
 * every later write. */
static void
test_corrupt_during_session (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(RhDatabase) db = rh_test_open_database (f->path, NULL);
  g_autofree char *deck = rh_test_make_deck (300, "Redis", "redis");
  g_autofree char *more = rh_test_make_deck (2, "Kafka", "kafka");
  g_autoptr(RhDeck) parsed = rh_test_parse_deck (more);
  g_autoptr(GError) error = NULL;
  g_autoptr(RhCard) card = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  RhImportResult result;
  gint64 root;
  guint notified = 0;

  rh_test_import (db, deck, NULL);
  g_assert_finalize_object (g_steal_pointer (&db));

  db = rh_test_open_database (f->path, NULL);
  g_signal_connect (db, "notify::damaged", G_CALLBACK (damaged_cb), &notified);
  g_assert_true (rh_database_ensure_writable (db, &error));
  g_assert_no_error (error);
  g_assert_false (rh_database_get_damaged (db));

  /* Behind the connection's back, as a failing disk would. */
  root = rh_test_query_int (db, "SELECT rootpage FROM sqlite_schema WHERE name = 'cards';");
  rh_test_damage_page (f->path, root);
  before = rh_test_checksum_file (f->path);

  card = rh_deck_store_dup_card_by_uid (db, "redis-250", &error);
  g_assert_null (card);
  g_assert_error (error, RH_DATABASE_ERROR, RH_DATABASE_ERROR_CORRUPT);
  g_clear_error (&error);
  g_assert_true (rh_database_get_damaged (db));
  g_assert_cmpuint (notified, ==, 1);

  g_assert_false (rh_deck_store_import_deck (db, parsed, &result, &error));
  g_assert_error (error, RH_DATABASE_ERROR, RH_DATABASE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, f->path));
  g_assert_nonnull (strstr (error->message, "will not write"));
  g_assert_cmpuint (notified, ==, 1);

  g_assert_finalize_object (g_steal_pointer (&db));
  after = rh_test_checksum_file (f->path);
  g_assert_cmpstr (before, ==, after);
}

/* A window opens the file with the check held back until it is on
 * screen: nothing is found before the check starts, the damage is found
 * once it has, and a write before it starts runs the check first and is
 * refused. The file is never written. */
static void
test_deferred_check (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(RhDatabase) db = rh_test_open_database (f->path, NULL);
  g_autofree char *deck = rh_test_make_deck (300, "Redis", "redis");
  g_autoptr(RhClock) clock = rh_clock_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 root;

  rh_test_import (db, deck, NULL);
  /* An index page: opening reads the schema and a few rows, not this. */
  root = rh_test_query_int (db, "SELECT rootpage FROM sqlite_schema WHERE name = 'cards_topic';");
  g_assert_finalize_object (g_steal_pointer (&db));
  rh_test_damage_page (f->path, root);
  before = rh_test_checksum_file (f->path);

  db = rh_database_new_full (f->path, clock, RH_DATABASE_OPEN_DEFER_CHECK, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 20; i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10 * 1000);
    }
  g_assert_false (rh_database_get_damaged (db));

  rh_database_start_check (db);
  while (!rh_database_get_damaged (db))
    g_main_context_iteration (NULL, TRUE);
  g_assert_finalize_object (g_steal_pointer (&db));

  /* A write before anyone starts the check waits for it. */
  db = rh_database_new_full (f->path, clock, RH_DATABASE_OPEN_DEFER_CHECK, &error);
  g_assert_no_error (error);
  g_assert_false (rh_database_ensure_writable (db, &error));
  g_assert_error (error, RH_DATABASE_ERROR, RH_DATABASE_ERROR_CORRUPT);
  g_assert_true (rh_database_get_damaged (db));
  g_assert_finalize_object (g_steal_pointer (&db));

  after = rh_test_checksum_file (f->path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_read_only (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RhDatabase) db = rh_test_open_database (f->path, NULL);
  g_autofree char *deck = rh_test_make_deck (3, "Redis", "redis");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *missing = g_build_filename (f->dir, "missing.db", NULL);

  rh_test_import (db, deck, NULL);
  g_assert_finalize_object (g_steal_pointer (&db));
  before = rh_test_checksum_file (f->path);

  db = rh_database_new_read_only (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rh_deck_store_count_cards (db), ==, 3);

  /* Nothing can be written through it. */
  g_assert_false (rh_deck_store_set_card_suspended (db, 1, TRUE, &error));
  g_assert_error (error, RH_DATABASE_ERROR, RH_DATABASE_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_finalize_object (g_steal_pointer (&db));

  after = rh_test_checksum_file (f->path);
  g_assert_cmpstr (before, ==, after);

  /* Reading never creates a file. */
  db = rh_database_new_read_only (missing, &error);
  g_assert_null (db);
  g_assert_error (error, RH_DATABASE_ERROR, RH_DATABASE_ERROR_OPEN);
  g_assert_nonnull (strstr (error->message, "does not exist"));
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  /* An old schema cannot be read without upgrading it, which is a write. */
  raw_exec (f->path, "PRAGMA user_version = 3;");
  g_clear_pointer (&before, g_free);
  before = rh_test_checksum_file (f->path);
  db = rh_database_new_read_only (f->path, &error);
  g_assert_null (db);
  g_assert_error (error, RH_DATABASE_ERROR, RH_DATABASE_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, "older version"));
  g_clear_pointer (&after, g_free);
  after = rh_test_checksum_file (f->path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_refuse_not_sqlite (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *contents = g_strnfill (8192, 'x');

  g_assert_true (g_file_set_contents (f->path, contents, -1, NULL));

  assert_refused (f->path, RH_DATABASE_ERROR_NOT_REHEARSE, "not a Rehearse database");
}

static void
test_refuse_corrupt (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(RhDatabase) db = rh_test_open_database (f->path, NULL);
  g_autofree char *deck = rh_test_make_deck (50, "Redis", "redis");
  g_autofree char *contents = NULL;
  gsize length = 0;

  rh_test_import (db, deck, NULL);
  g_assert_finalize_object (g_steal_pointer (&db));
  raw_exec (f->path, "PRAGMA journal_mode = DELETE;");

  /* Keep the 100-byte header, so the file still claims to be ours, and
   * scribble over the rest of the schema page. */
  g_assert_true (g_file_get_contents (f->path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 4096);
  memset (contents + 100, 0x5a, 4096 - 100);
  g_assert_true (g_file_set_contents (f->path, contents, length, NULL));

  assert_refused (f->path, RH_DATABASE_ERROR_CORRUPT, "damaged");
}

static void
test_missing_folder (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "no-such-folder", "x.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RhDatabase) db = rh_database_new (path, &error);

  g_assert_null (db);
  g_assert_error (error, RH_DATABASE_ERROR, RH_DATABASE_ERROR_OPEN);
  g_assert_nonnull (strstr (error->message, "no-such-folder"));
}

static void
test_rollback (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(RhDatabase) db = rh_test_open_database (":memory:", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (rh_database_begin (db, &error));
  rh_deck_store_ensure_topic (db, "Go", &error);
  g_assert_no_error (error);
  rh_database_rollback (db);

  g_assert_cmpint (rh_test_query_int (db, "SELECT count(*) FROM topics;"), ==, 0);

  g_assert_finalize_object (g_steal_pointer (&db));
}

static void
test_disk_full (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(RhDatabase) db = rh_test_open_database (f->path, NULL);
  g_autofree char *small = rh_test_make_deck (3, "Go", "go");
  g_autofree char *big = rh_test_make_deck (3000, "MySQL::Index", "mysql");
  g_autoptr(RhDeck) deck = rh_test_parse_deck (big);
  g_autoptr(GError) error = NULL;
  RhImportResult result;
  gint64 pages;

  rh_test_import (db, small, NULL);

  /* Cap the file just above its size: as good as a full disk. */
  pages = rh_test_query_int (db, "PRAGMA page_count;");
  g_autofree char *cap = g_strdup_printf ("PRAGMA max_page_count = %" G_GINT64_FORMAT ";", pages + 2);
  g_assert_cmpint (rh_test_query_int (db, cap), >=, pages);

  g_assert_false (rh_deck_store_import_deck (db, deck, &result, &error));
  g_assert_error (error, RH_DATABASE_ERROR, RH_DATABASE_ERROR_FULL);
  g_assert_nonnull (strstr (error->message, "disk is full"));

  /* All or nothing: the small deck is intact and none of the big one is in. */
  g_assert_cmpuint (rh_deck_store_count_cards (db), ==, 3);
  g_assert_cmpint (rh_test_query_int (db, "SELECT count(*) FROM topics;"), ==, 1);

  g_assert_finalize_object (g_steal_pointer (&db));
}

static void
test_changed_signal (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(RhDatabase) db = rh_test_open_database (":memory:", NULL);
  g_autofree char *deck = rh_test_make_deck (2, "Go", "go");
  guint emissions = 0;
  RhImportResult result;

  g_signal_connect (db, "changed", G_CALLBACK (rh_test_count_card_changes_cb), &emissions);

  rh_test_import (db, deck, &result);
  g_assert_cmpuint (emissions, ==, 1);

  /* Nothing changed: no signal. */
  rh_test_import (db, deck, &result);
  g_assert_cmpuint (result.unchanged, ==, 2);
  g_assert_cmpuint (emissions, ==, 1);

  g_assert_finalize_object (g_steal_pointer (&db));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/database/create/memory", test_create_memory);
  ADD ("/database/create/file", test_create_file);
  ADD ("/database/create/empty-file", test_empty_file);
  ADD ("/database/reopen", test_reopen);
  ADD ("/database/migrate/from-1", test_migrate_from_1);
  ADD ("/database/migrate/from-3", test_migrate_from_3);
  ADD ("/database/migrate/from-4", test_migrate_from_4);
  ADD ("/database/migrate/from-5", test_migrate_from_5);
  ADD ("/database/migrate/from-6", test_migrate_from_6);
  ADD ("/database/migrate/from-8", test_migrate_from_8);
  ADD ("/database/migrate/from-9", test_migrate_from_9);
  ADD ("/database/refuse/newer", test_refuse_newer);
  ADD ("/database/refuse/foreign", test_refuse_foreign);
  ADD ("/database/refuse/foreign-with-our-id", test_refuse_foreign_with_our_id);
  ADD ("/database/read-only", test_read_only);
  ADD ("/database/refuse/not-sqlite", test_refuse_not_sqlite);
  ADD ("/database/damage/during-session", test_corrupt_during_session);
  ADD ("/database/damage/deferred-check", test_deferred_check);
  ADD ("/database/refuse/corrupt", test_refuse_corrupt);
  ADD ("/database/refuse/missing-folder", test_missing_folder);
  ADD ("/database/transaction/rollback", test_rollback);
  ADD ("/database/transaction/disk-full", test_disk_full);
  ADD ("/database/changed-signal", test_changed_signal);
#undef ADD

  return g_test_run ();
}
