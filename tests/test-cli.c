/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

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
  g_assert_nonnull (strstr (err, "bad.json: line 3, column 14: trailing comma"));
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

  g_assert_cmpint (run ((const char *[]) { "--no-such-option", NULL }, &out, &err), !=, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/cli/version", test_version);
  ADD ("/cli/import-export", test_import_export);
  ADD ("/cli/import-bad", test_import_bad);
  ADD ("/cli/bad-database", test_bad_database);
  ADD ("/cli/bad-usage", test_bad_usage);
#undef ADD

  return g_test_run ();
}
