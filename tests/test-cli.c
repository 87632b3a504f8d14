/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <sys/wait.h>

#include "rh-test-utils.h"

/* Runs the real binary, as a user would from a shell. */
typedef struct
{
  char *dir;
  char *db;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = g_dir_make_tmp ("rehearse-cli-XXXXXX", NULL);
  f->db = g_build_filename (f->dir, "cli.db", NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  rh_test_remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->db);
}

static int
run (const char * const  *args,
     char               **out,
     char               **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *binary = g_getenv ("REHEARSE_BINARY");
  int status = 0;

  g_assert_nonnull (binary);
  g_ptr_array_add (argv, (gpointer)binary);
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (gpointer)args[i]);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **)argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, out, err, &status, &error);
  g_assert_no_error (error);

  /* Under build-aux/dev.sh test-sanitize the binary is sanitized too; its
   * report goes to stderr and must fail the test, even one that expects a
   * non-zero exit. */
  if (strstr (*err, "Sanitizer") != NULL)
    g_printerr ("%s", *err);
  g_assert_null (strstr (*err, "Sanitizer"));

  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

static char *
checksum_file (const char *path)
{
  g_autofree char *contents = rh_test_read_file (path);

  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, contents, -1);
}

static void
test_version (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run ((const char *[]) { "--version", NULL }, &out, &err), ==, 0);
  g_assert_cmpstr (out, ==, "rehearse " PACKAGE_VERSION "\n");
}

static void
test_import_export (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *deck = rh_test_make_deck (4, "Test::GC", "gc");
  g_autofree char *deck_path = rh_test_write_file (f->dir, "deck.json", deck);
  g_autofree char *export_path = g_build_filename (f->dir, "out.json", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *exported = NULL;
  g_autoptr(RhDeck) parsed = NULL;

  g_assert_cmpint (run ((const char *[]) { "--db", f->db, "--import", deck_path, NULL }, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "4 added, 0 updated, 0 unchanged"));
  g_assert_cmpuint (strlen (out), ==, strchr (out, '\n') - out + 1);
  /* Progress is for terminals: a pipe gets nothing on stderr. */
  g_assert_cmpstr (err, ==, "");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Again: nothing new. */
  g_assert_cmpint (run ((const char *[]) { "--db", f->db, "--import", deck_path, NULL }, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "0 added, 0 updated, 4 unchanged"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run ((const char *[]) { "--db", f->db, "--export", export_path, "--topic", "Test", NULL },
                        &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "Exported 4 cards"));
  exported = rh_test_read_file (export_path);
  parsed = rh_test_parse_deck (exported);
  g_assert_cmpuint (rh_deck_get_n_cards (parsed), ==, 4);
}

static void
test_import_bad (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *good = rh_test_make_deck (2, "Go", "go");
  g_autofree char *good_path = rh_test_write_file (f->dir, "good.json", good);
  g_autofree char *bad_path = rh_test_write_file (f->dir, "bad.json",
                                                  "{\"rehearse_deck\": 1,\n \"cards\": [\n  {\"id\": \"x\",}\n]}");
  g_autofree char *dangling_path = rh_test_write_file (f->dir, "dangling.json",
                                                       "{\"rehearse_deck\": 1, \"cards\": [{\"id\": \"a\", \"topic\": \"T\","
                                                       " \"front\": \"q\", \"back\": \"a\", \"follow_ups\": [\"nowhere\"]}]}");
  g_autofree char *db_wal = g_strconcat (f->db, "-wal", NULL);
  g_autofree char *db_shm = g_strconcat (f->db, "-shm", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  /* No database yet: a bad deck does not create one. */
  g_assert_cmpint (run ((const char *[]) { "--db", f->db, "--import", bad_path, NULL }, &out, &err), !=, 0);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, "bad.json: line 3, column 14: cards[0] (id “x”): trailing comma"));
  g_assert_cmpuint (strlen (err), ==, strchr (err, '\n') - err + 1);
  g_assert_false (g_file_test (f->db, G_FILE_TEST_EXISTS));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Well-formed, but a follow-up names a card that exists nowhere: that
   * needs a database to find out, and the one opened for it goes again. */
  g_assert_cmpint (run ((const char *[]) { "--db", f->db, "--import", dangling_path, NULL }, &out, &err), !=, 0);
  g_assert_nonnull (strstr (err, "“follow_ups” names “nowhere”"));
  g_assert_false (g_file_test (f->db, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (db_wal, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (db_shm, G_FILE_TEST_EXISTS));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run ((const char *[]) { "--db", f->db, "--import", good_path, NULL }, &out, &err), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  before = checksum_file (f->db);

  /* An existing database stays, unchanged. */
  g_assert_cmpint (run ((const char *[]) { "--db", f->db, "--import", dangling_path, NULL }, &out, &err), !=, 0);
  after = checksum_file (f->db);
  g_assert_cmpstr (before, ==, after);
  g_clear_pointer (&after, g_free);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run ((const char *[]) { "--db", f->db, "--import", bad_path, NULL }, &out, &err), !=, 0);
  after = checksum_file (f->db);
  g_assert_cmpstr (before, ==, after);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run ((const char *[]) { "--db", f->db, "--import", "/nonexistent.json", NULL }, &out, &err), !=, 0);
  g_assert_nonnull (strstr (err, "/nonexistent.json: cannot read the file"));
}

static void
test_bad_database (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *not_db = rh_test_write_file (f->dir, "notes.db", "these are my notes, not a database\n");
  g_autofree char *export_path = g_build_filename (f->dir, "out.json", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *contents = NULL;

  g_assert_cmpint (run ((const char *[]) { "--db", not_db, "--export", export_path, NULL }, &out, &err), !=, 0);
  g_assert_nonnull (strstr (err, "is not a Rehearse database"));
  contents = rh_test_read_file (not_db);
  g_assert_cmpstr (contents, ==, "these are my notes, not a database\n");
  g_assert_false (g_file_test (export_path, G_FILE_TEST_EXISTS));
}

/* Runs @script under sh in a mount namespace of its own, where it may
 * mount a tiny or read-only file system, with $REHEARSE set to the binary
 * and $1… to @args. Returns FALSE, having skipped the test, where this
 * system allows no such namespace. */
static gboolean
run_in_namespace (const char          *script,
                  const char * const  *args,
                  char               **out)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) envp = g_environ_setenv (g_get_environ (), "REHEARSE", g_getenv ("REHEARSE_BINARY"), TRUE);
  int status = 0;

  g_ptr_array_add (argv, (gpointer)"unshare");
  g_ptr_array_add (argv, (gpointer)"--user");
  g_ptr_array_add (argv, (gpointer)"--map-root-user");
  g_ptr_array_add (argv, (gpointer)"--mount");
  g_ptr_array_add (argv, (gpointer)"sh");
  g_ptr_array_add (argv, (gpointer)"-c");
  g_ptr_array_add (argv, (gpointer)script);
  g_ptr_array_add (argv, (gpointer)"sh");
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (gpointer)args[i]);
  g_ptr_array_add (argv, NULL);

  if (!g_spawn_sync (NULL, (char **)argv->pdata, envp, G_SPAWN_SEARCH_PATH, NULL, NULL, out, &err, &status, &error) ||
      !WIFEXITED (status) || WEXITSTATUS (status) == 99)
    {
      g_test_skip ("no mount namespace here");
      g_clear_pointer (out, g_free);
      return FALSE;
    }

  g_test_message ("namespace stderr: %s", err);
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);

  return TRUE;
}

/* A tmpfs of $1 KiB on $2, filled to the last byte. */
#define MOUNT_FULL_DISK \
  "mount -t tmpfs -o size=$1k tmpfs \"$2\" || exit 99\n" \
  "cat /dev/zero > \"$2/filler\" 2>/dev/null\n"

static void
test_export_disk_full (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *deck = rh_test_make_deck (200, "Redis", "redis");
  g_autofree char *deck_path = rh_test_write_file (f->dir, "deck.json", deck);
  g_autofree char *disk = g_build_filename (f->dir, "disk", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run ((const char *[]) { "--db", f->db, "--import", deck_path, NULL }, &out, &err), ==, 0);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (g_mkdir (disk, 0700), ==, 0);

  /* An old export is on a disk that has since filled up. */
  if (!run_in_namespace (MOUNT_FULL_DISK
                         "rm \"$2/filler\"\n"
                         "printf 'old deck' > \"$2/deck.json\"\n"
                         "cat /dev/zero > \"$2/filler\" 2>/dev/null\n"
                         "\"$REHEARSE\" --db \"$3\" --export \"$2/deck.json\" 2>&1\n"
                         "echo \"exit $?\"\n"
                         "cat \"$2/deck.json\"; echo\n"
                         "ls -A \"$2\"\n",
                         (const char *[]) { "64", disk, f->db, NULL }, &out))
    return;

  g_test_message ("%s", out);
  g_assert_nonnull (strstr (out, "the disk is full"));
  g_assert_nonnull (strstr (out, "\nexit 1\nold deck\n"));
  /* No temporary file is left beside it. */
  g_assert_true (g_str_has_suffix (out, "\ndeck.json\nfiller\n"));
}

static void
test_create_disk_full (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *deck = rh_test_make_deck (2, "Redis", "redis");
  g_autofree char *deck_path = rh_test_write_file (f->dir, "deck.json", deck);
  g_autofree char *disk = g_build_filename (f->dir, "disk", NULL);
  g_autofree char *out = NULL;

  g_assert_cmpint (g_mkdir (disk, 0700), ==, 0);

  if (!run_in_namespace (MOUNT_FULL_DISK
                         "\"$REHEARSE\" --db \"$2/new.db\" --import \"$3\" 2>&1\n"
                         "echo \"exit $?\"\n"
                         "ls -A \"$2\"\n",
                         (const char *[]) { "64", disk, deck_path, NULL }, &out))
    return;

  g_test_message ("%s", out);
  g_assert_nonnull (strstr (out, "The disk is full, so “"));
  g_assert_nonnull (strstr (out, "new.db” could not be created"));
  g_assert_true (g_str_has_suffix (out, "\nexit 1\nfiller\n"));
}

static void
test_export_read_only (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *deck = rh_test_make_deck (3, "Test::RO", "ro");
  g_autofree char *deck_path = rh_test_write_file (f->dir, "deck.json", deck);
  g_autofree char *export_path = g_build_filename (f->dir, "out.json", NULL);
  g_autofree char *ro_dir = g_build_filename (f->dir, "ro", NULL);
  g_autofree char *ro_db = g_build_filename (ro_dir, "cli.db", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *exported = NULL;
  g_autoptr(RhDeck) parsed = NULL;

  g_assert_cmpint (g_mkdir (ro_dir, 0700), ==, 0);
  g_assert_cmpint (run ((const char *[]) { "--db", ro_db, "--import", deck_path, NULL }, &out, &err), ==, 0);
  g_clear_pointer (&out, g_free);

  /* The database is on a read-only mount: exporting is only reading. */
  if (!run_in_namespace ("mount --bind \"$1\" \"$1\" && mount -o remount,bind,ro \"$1\" || exit 99\n"
                         "\"$REHEARSE\" --db \"$1/cli.db\" --export \"$2\" --topic Test 2>&1\n"
                         "echo \"exit $?\"\n"
                         "ls -A \"$1\"\n",
                         (const char *[]) { ro_dir, export_path, NULL }, &out))
    return;

  g_test_message ("%s", out);
  g_assert_nonnull (strstr (out, "Exported 3 cards"));
  g_assert_true (g_str_has_suffix (out, "\nexit 0\ncli.db\n"));
  exported = rh_test_read_file (export_path);
  parsed = rh_test_parse_deck (exported);
  g_assert_cmpuint (rh_deck_get_n_cards (parsed), ==, 3);
}

/* A deck that would be refused never touches the database, not even to
 * make it and remove it again: where no database could be made at all,
 * the deck's own problem is what the user hears. */
static void
test_import_bad_no_database (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *dangling = rh_test_write_file (f->dir, "dangling.json",
                                                  "{\"rehearse_deck\": 1, \"cards\": [{\"id\": \"a\", \"topic\": \"T\","
                                                  " \"front\": \"q\", \"back\": \"a\", \"follow_ups\": [\"nowhere\"]}]}");
  g_autofree char *ro_dir = g_build_filename (f->dir, "ro", NULL);
  g_autofree char *out = NULL;

  g_assert_cmpint (g_mkdir (ro_dir, 0700), ==, 0);

  if (!run_in_namespace ("mount --bind \"$1\" \"$1\" && mount -o remount,bind,ro \"$1\" || exit 99\n"
                         "\"$REHEARSE\" --db \"$1/new.db\" --import \"$2\" 2>&1\n"
                         "echo \"exit $?\"\n"
                         "ls -A \"$1\"\n",
                         (const char *[]) { ro_dir, dangling, NULL }, &out))
    return;

  g_test_message ("%s", out);
  g_assert_nonnull (strstr (out, "“follow_ups” names “nowhere”"));
  g_assert_true (g_str_has_suffix (out, "\nexit 1\n"));
}

/* A file of the previous Rehearse exports too: it is upgraded first, as
 * opening the window would. */
static void
test_export_older (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *deck = rh_test_make_deck (3, "Test::Old", "old");
  g_autofree char *deck_path = rh_test_write_file (f->dir, "deck.json", deck);
  g_autofree char *export_path = g_build_filename (f->dir, "out.json", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (run ((const char *[]) { "--db", f->db, "--import", deck_path, NULL }, &out, &err), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (sqlite3_open (f->db, &db), ==, SQLITE_OK);
  g_assert_cmpint (rh_search_tokenizer_register (db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, RH_TEST_DROP_V10_OBJECTS RH_TEST_DROP_V9_OBJECTS RH_TEST_DROP_V8_OBJECTS RH_TEST_DROP_V7_OBJECTS RH_TEST_DROP_V6_OBJECTS RH_TEST_DROP_V5_OBJECTS " PRAGMA user_version = 4;", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  g_assert_cmpint (run ((const char *[]) { "--db", f->db, "--export", export_path, "--topic", "Test", NULL },
                        &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "Exported 3 cards"));
  g_assert_cmpint (rh_test_query_file_int (f->db, "PRAGMA user_version;"), ==, RH_DATABASE_SCHEMA_VERSION);
}

/* Two first starts at once, as two terminals might: both succeed, and
 * the file is made once. */
static void
test_create_race (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *deck = rh_test_make_deck (2, "Redis", "redis");
  g_autofree char *deck_path = rh_test_write_file (f->dir, "deck.json", deck);
  const char *binary = g_getenv ("REHEARSE_BINARY");

  for (guint round = 0; round < 10; round++)
    {
      g_autofree char *db = g_strdup_printf ("%s/race-%u.db", f->dir, round);
      const char *argv[] = { binary, "--db", db, "--import", deck_path, NULL };
      GPid pids[2];
      int errs[2];

      for (guint i = 0; i < 2; i++)
        {
          g_autoptr(GError) error = NULL;

          g_spawn_async_with_pipes (NULL, (char **)argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL,
                                    NULL, NULL, &pids[i], NULL, NULL, &errs[i], &error);
          g_assert_no_error (error);
        }

      for (guint i = 0; i < 2; i++)
        {
          g_autoptr(GIOChannel) channel = g_io_channel_unix_new (errs[i]);
          g_autofree char *err = NULL;
          int status = 0;

          g_io_channel_set_close_on_unref (channel, TRUE);
          g_io_channel_read_to_end (channel, &err, NULL, NULL);
          g_assert_cmpint (waitpid (pids[i], &status, 0), ==, pids[i]);
          g_spawn_close_pid (pids[i]);

          if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
            g_error ("round %u, process %u: %s", round, i, err);
        }
    }
}

static void
test_check (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *deck = rh_test_make_deck (300, "Test::GC", "gc");
  g_autofree char *copy = g_build_filename (f->dir, "repaired.db", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "missing.db", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(RhDatabase) db = rh_test_open_database (f->db, NULL);

  rh_test_import (db, deck, NULL);
  g_assert_finalize_object (g_steal_pointer (&db));

  g_assert_cmpint (run ((const char *[]) { "--check", "--db", f->db, NULL }, &out, &err), ==, 0);
  g_assert_cmpstr (out, ==, "No problems found in “cli.db” (300 cards).\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  rh_test_damage_page (f->db, rh_test_query_file_int (f->db, "SELECT max(pageno) FROM dbstat"
                                                             " WHERE name = 'cards' AND pagetype = 'leaf';"));
  before = checksum_file (f->db);
  g_assert_cmpint (run ((const char *[]) { "--check", "--db", f->db, NULL }, &out, &err), ==, 1);
  g_assert_true (g_str_has_prefix (out, "“cli.db” is damaged: "));
  g_assert_nonnull (strstr (out, "will not write to this file"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run ((const char *[]) { "--check", "--db", f->db, "--repair-to", copy, NULL }, &out, &err), ==, 1);
  g_assert_nonnull (strstr (out, "is damaged"));
  g_assert_nonnull (strstr (out, "Saved "));
  g_assert_nonnull (strstr (out, "of 300 cards"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  after = checksum_file (f->db);
  g_assert_cmpstr (before, ==, after);

  /* The copy is sound; writing over it is refused. */
  g_assert_cmpint (run ((const char *[]) { "--check", "--db", copy, NULL }, &out, &err), ==, 0);
  g_assert_true (g_str_has_prefix (out, "No problems found in “repaired.db”"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run ((const char *[]) { "--check", "--db", f->db, "--repair-to", copy, NULL }, &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "already exists"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* A missing file is named, and not created. */
  g_assert_cmpint (run ((const char *[]) { "--check", "--db", missing, NULL }, &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, missing));
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
}

static void
test_bad_usage (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run ((const char *[]) { "--import", "a.json", "--export", "b.json", NULL }, &out, &err), !=, 0);
  g_assert_nonnull (strstr (err, "cannot be used together"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run ((const char *[]) { "--db", f->db, "--export", "x.json", "--topic", "::", NULL },
                        &out, &err), !=, 0);
  g_assert_nonnull (strstr (err, "not a valid topic"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run ((const char *[]) { "--repair-to", "x.db", NULL }, &out, &err), !=, 0);
  g_assert_nonnull (strstr (err, "only applies to --check"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run ((const char *[]) { "--no-such-option", NULL }, &out, &err), !=, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/cli/version", test_version);
  ADD ("/cli/check", test_check);
  ADD ("/cli/import-export", test_import_export);
  ADD ("/cli/import-bad", test_import_bad);
  ADD ("/cli/bad-database", test_bad_database);
  ADD ("/cli/bad-usage", test_bad_usage);
  ADD ("/cli/export-disk-full", test_export_disk_full);
  ADD ("/cli/create-disk-full", test_create_disk_full);
  ADD ("/cli/export-read-only", test_export_read_only);
  ADD ("/cli/export-older", test_export_older);
  ADD ("/cli/create-race", test_create_race);
  ADD ("/cli/import-bad-no-database", test_import_bad_no_database);
#undef ADD

  return g_test_run ();
}
