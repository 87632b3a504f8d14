/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "rh-scheduler.h"
#include "rh-test-utils.h"

/* Damaged files are made by flipping bits of a real database at seeded
 * random offsets, page headers included; each case prints its seed, and
 * REHEARSE_DAMAGE_SEED=N runs that one case alone. */
#define N_CASES 300
#define PAGE_SIZE 4096

typedef struct
{
  char   *dir;
  char   *path;       /* the healthy database */
  char   *contents;   /* its bytes */
  gsize   length;
} Fixture;

static void
answer_card (RhDatabase *db,
             gint64      card_id,
             GError    **error)
{
  g_autoptr(RhStudySettings) settings = rh_study_settings_new ();
  g_autoptr(RhScheduler) scheduler = rh_scheduler_new (db, settings);

  rh_scheduler_answer (scheduler, card_id, RH_RATING_GOOD, 1000, RH_REVIEW_SOURCE_STUDY, NULL, error);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("rehearse-damage-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "rehearse.db", NULL);
  rh_test_make_answered_database (f->path, 150, 20);

  /* Closing the last connection folded the log into the file. */
  g_assert_true (g_file_get_contents (f->path, &f->contents, &f->length, NULL));
  g_assert_cmpuint (f->length % PAGE_SIZE, ==, 0);
  g_assert_cmpuint (f->length / PAGE_SIZE, >, 20);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  rh_test_remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->path);
  g_free (f->contents);
}

/* What SQLite itself says of the file, read from a copy so that the file
 * under test is not opened before Rehearse opens it. */
static gboolean
integrity_ok (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
      sqlite3_prepare_v2 (db, "PRAGMA integrity_check(1);", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    ok = g_strcmp0 ((const char *)sqlite3_column_text (stmt, 0), "ok") == 0;

  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return ok;
}

static void
write_file (const char *path,
            const char *contents,
            gsize       length)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
}

/* Flips one to three bits; half of them in the first 12 bytes of a page,
 * where a b-tree page keeps its header. */
static char *
make_damaged (const Fixture *f,
              guint32        seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  char *contents = g_memdup2 (f->contents, f->length);
  guint n_pages = f->length / PAGE_SIZE;
  guint n_flips = g_rand_int_range (rand, 1, 4);

  for (guint i = 0; i < n_flips; i++)
    {
      guint page = g_rand_int_range (rand, 0, n_pages);
      guint start = page == 0 ? 100 : 0;
      guint offset;
      guint bit = g_rand_int_range (rand, 0, 8);

      if (g_rand_boolean (rand))
        offset = page * PAGE_SIZE + start + g_rand_int_range (rand, 0, 12);
      else
        offset = page * PAGE_SIZE + g_rand_int_range (rand, 0, PAGE_SIZE);

      contents[offset] ^= 1 << bit;
      g_test_message ("seed %u: bit %u of byte %u (page %u)", seed, bit, offset, page + 1);
    }

  return contents;
}

static gboolean
is_refusal (const GError *error)
{
  return g_error_matches (error, RH_DATABASE_ERROR, RH_DATABASE_ERROR_CORRUPT) ||
         g_error_matches (error, RH_DATABASE_ERROR, RH_DATABASE_ERROR_NOT_REHEARSE);
}

/* Returns: whether SQLite found the case damaged. */
static gboolean
run_case (const Fixture *f,
          guint32        seed)
{
  g_autofree char *contents = make_damaged (f, seed);
  g_autofree char *path = g_build_filename (f->dir, "case.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *copy = g_build_filename (f->dir, "case-copy.db", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *deck = rh_test_make_deck (3, "Kafka", "kafka");
  g_autoptr(RhDeck) parsed = rh_test_parse_deck (deck);
  g_autoptr(RhClock) clock = rh_clock_new_fake (RH_TEST_NOW_US, NULL);
  g_autoptr(GError) open_error = NULL;
  g_autoptr(GError) import_error = NULL;
  g_autoptr(GError) answer_error = NULL;
  g_autoptr(RhDatabase) db = NULL;
  RhImportResult result;
  gboolean damaged;

  write_file (copy, contents, f->length);
  damaged = !integrity_ok (copy);
  rh_database_remove_files (copy);

  write_file (path, contents, f->length);
  before = rh_test_checksum_file (path);

  if ((db = rh_database_new_with_clock (path, clock, &open_error)))
    {
      rh_deck_store_import_deck (db, parsed, &result, &import_error);
      answer_card (db, 5, &answer_error);
      g_assert_finalize_object (g_steal_pointer (&db));
    }

  if (damaged)
    {
      g_test_message ("seed %u: damaged; open: %s; import: %s; answer: %s", seed,
                      open_error ? open_error->message : "ok",
                      import_error ? import_error->message : "ok",
                      answer_error ? answer_error->message : "ok");

      if (open_error != NULL)
        g_assert_true (is_refusal (open_error));
      else
        {
          g_assert_true (is_refusal (import_error));
          g_assert_true (is_refusal (answer_error));
          g_assert_true (g_utf8_validate (import_error->message, -1, NULL));
          g_assert_nonnull (strstr (import_error->message, path));
        }

      /* Not one byte written, and no log left that would change it. */
      after = rh_test_checksum_file (path);
      g_assert_cmpstr (before, ==, after);
      if (g_file_test (wal, G_FILE_TEST_EXISTS))
        {
          g_autofree char *log = rh_test_read_file (wal);
          g_assert_cmpstr (log, ==, "");
        }
    }

  rh_database_remove_files (path);

  return damaged;
}

static void
test_flipped_bits (Fixture       *f,
                   gconstpointer  data)
{
  const char *only = g_getenv ("REHEARSE_DAMAGE_SEED");
  guint n_damaged = 0;

  if (only != NULL)
    {
      run_case (f, (guint32)g_ascii_strtoull (only, NULL, 10));
      return;
    }

  for (guint32 seed = 1; seed <= N_CASES; seed++)
    n_damaged += run_case (f, seed);

  /* Most flips land where SQLite cannot see them (inside a text, in
   * free space); enough must not, or this test tests nothing. */
  g_test_message ("%u of %u cases were damaged", n_damaged, N_CASES);
  g_assert_cmpuint (n_damaged, >=, N_CASES / 10);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/database-damage/flipped-bits", Fixture, NULL, fixture_setup, test_flipped_bits, fixture_teardown);

  return g_test_run ();
}
