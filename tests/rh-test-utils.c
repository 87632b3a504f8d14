/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "rh-scheduler.h"
#include "rh-test-utils.h"

/* Returns the path of a new file in @dir. */
char *
rh_test_write_file (const char *dir,
                    const char *name,
                    const char *contents)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);

  return path;
}

char *
rh_test_read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);

  return contents;
}

RhDatabase *
rh_test_open_database (const char *path,
                       RhClock    *clock)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RhClock) fake = NULL;
  RhDatabase *database;

  if (clock == NULL)
    clock = fake = rh_clock_new_fake (RH_TEST_NOW_US, NULL);

  database = rh_database_new_with_clock (path, clock, &error);
  g_assert_no_error (error);
  g_assert_nonnull (database);

  return database;
}

RhDeck *
rh_test_parse_deck (const char *json)
{
  g_autoptr(GError) error = NULL;
  RhDeck *deck = rh_deck_new_from_data (json, strlen (json), "test.json", &error);

  g_assert_no_error (error);
  g_assert_nonnull (deck);

  return deck;
}

void
rh_test_import (RhDatabase     *database,
                const char     *json,
                RhImportResult *result)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RhDeck) deck = rh_test_parse_deck (json);
  RhImportResult ignored;

  rh_deck_store_import_deck (database, deck, result ? result : &ignored, &error);
  g_assert_no_error (error);
}

/* A deck of @n_cards cards "<prefix>-<i>" in @topic. */
char *
rh_test_make_deck (guint       n_cards,
                   const char *topic,
                   const char *id_prefix)
{
  GString *json = g_string_new ("{\"rehearse_deck\": 1, \"cards\": [");

  for (guint i = 0; i < n_cards; i++)
    g_string_append_printf (json,
                            "%s{\"id\": \"%s-%u\", \"topic\": \"%s\", \"front\": \"Question %u\","
                            " \"back\": \"Answer %u\"}",
                            i ? ", " : "", id_prefix, i, topic, i, i);

  g_string_append (json, "]}");

  return g_string_free (json, FALSE);
}

gint64
rh_test_query_int (RhDatabase *database,
                   const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RhStatement) stmt = rh_database_prepare (database, sql, &error);

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);

  return sqlite3_column_int64 (stmt, 0);
}

void
rh_test_exec (RhDatabase *database,
              const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RhStatement) stmt = rh_database_prepare (database, sql, &error);

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
}

/* A ::changed handler that counts emissions, each of which must be about
 * cards. */
void
rh_test_count_card_changes_cb (RhDatabase       *database,
                               RhDatabaseChange  changes,
                               guint            *emissions)
{
  g_assert_true (changes & RH_DATABASE_CHANGE_CARDS);
  (*emissions)++;
}

/* Removes a temporary folder and the files in it (no subfolders). */
void
rh_test_remove_dir (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle && (name = g_dir_read_name (handle)))
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_remove (path);
    }
  g_rmdir (dir);
}

/* An ::items-changed handler: pass the record as user data. */
void
rh_test_record_items_changed (GListModel         *model,
                              guint               position,
                              guint               removed,
                              guint               added,
                              RhTestItemsChanged *record)
{
  record->position = position;
  record->removed = removed;
  record->added = added;
  record->emissions++;
}

char *
rh_test_checksum_file (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));

  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *)contents, length);
}

void
rh_test_make_answered_database (const char *path,
                                guint       n_cards,
                                guint       n_answered)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RhDatabase) db = rh_test_open_database (path, NULL);
  g_autoptr(RhStudySettings) settings = rh_study_settings_new ();
  g_autoptr(RhScheduler) scheduler = rh_scheduler_new (db, settings);
  g_autofree char *deck = rh_test_make_deck (n_cards, "Redis", "redis");

  rh_test_import (db, deck, NULL);
  for (gint64 id = 1; id <= n_answered; id++)
    {
      rh_scheduler_answer (scheduler, id, RH_RATING_GOOD, 1000, RH_REVIEW_SOURCE_STUDY, NULL, &error);
      g_assert_no_error (error);
    }

  g_assert_finalize_object (g_steal_pointer (&scheduler));
  g_assert_finalize_object (g_steal_pointer (&db));
}

gint64
rh_test_query_file_int (const char *path,
                        const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return value;
}

void
rh_test_damage_page (const char *path,
                     gint64      pageno)
{
  FILE *file = fopen (path, "r+b");

  g_assert_nonnull (file);
  g_assert_cmpint (fseek (file, (pageno - 1) * 4096, SEEK_SET), ==, 0);
  for (guint i = 0; i < 64; i++)
    fputc (0xa5, file);
  g_assert_cmpint (fclose (file), ==, 0);
}

char *
rh_test_dump_rows (RhDatabase *database,
                   const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RhStatement) stmt = rh_database_prepare (database, sql, &error);
  GString *dump = g_string_new (NULL);

  g_assert_no_error (error);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int c = 0; c < sqlite3_column_count (stmt); c++)
        g_string_append_printf (dump, "%s|", (const char *)sqlite3_column_text (stmt, c));
      g_string_append_c (dump, '\n');
    }

  return g_string_free (dump, FALSE);
}
