/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "rh-database-check.h"
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

  f->dir = g_dir_make_tmp ("rehearse-check-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "rehearse.db", NULL);
  rh_test_make_answered_database (f->path, GPOINTER_TO_UINT (data), 10);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  rh_test_remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static RhDatabaseCheck *
check (const char *path)
{
  g_autoptr(GError) error = NULL;
  RhDatabaseCheck *report = rh_database_check_run (path, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);

  return report;
}

static void
test_healthy (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *before = rh_test_checksum_file (f->path);
  g_autofree char *after = NULL;
  g_autofree char *summary = NULL;
  g_autoptr(RhDatabaseCheck) report = check (f->path);

  g_assert_true (rh_database_check_get_healthy (report));
  g_assert_cmpuint (rh_database_check_get_n_problems (report), ==, 0);
  summary = rh_database_check_dup_summary (report);
  g_assert_cmpstr (summary, ==, "No problems found in “rehearse.db” (12 cards).");

  after = rh_test_checksum_file (f->path);
  g_assert_cmpstr (before, ==, after);

  g_assert_finalize_object (g_steal_pointer (&report));
}

static void
test_damaged_table (Fixture       *f,
                    gconstpointer  data)
{
  gint64 leaf = rh_test_query_file_int (f->path, "SELECT pageno FROM dbstat WHERE name = 'review_log' AND pagetype = 'leaf' LIMIT 1;");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *report_text = NULL;
  g_autoptr(RhDatabaseCheck) report = NULL;

  rh_test_damage_page (f->path, leaf);
  before = rh_test_checksum_file (f->path);
  report = check (f->path);

  g_assert_false (rh_database_check_get_healthy (report));
  g_assert_cmpuint (rh_database_check_get_n_problems (report), >, 0);
  summary = rh_database_check_dup_summary (report);
  g_assert_true (g_str_has_prefix (summary, "“rehearse.db” is damaged: "));
  g_assert_nonnull (strstr (summary, "in its tables"));
  g_assert_nonnull (rh_database_check_get_details (report)[0]);
  report_text = rh_database_check_dup_report (report);
  g_test_message ("%s", report_text);
  g_assert_true (g_utf8_validate (report_text, -1, NULL));
  g_assert_nonnull (strstr (report_text, rh_database_check_get_details (report)[0]));

  after = rh_test_checksum_file (f->path);
  g_assert_cmpstr (before, ==, after);

  g_assert_finalize_object (g_steal_pointer (&report));
}

/* SQLite's integrity_check does not look inside the search index. */
static void
test_damaged_index (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *summary = NULL;
  g_autoptr(RhDatabaseCheck) report = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM cards_fts_docsize WHERE id = 3;", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  before = rh_test_checksum_file (f->path);
  report = check (f->path);

  g_assert_false (rh_database_check_get_healthy (report));
  summary = rh_database_check_dup_summary (report);
  g_assert_cmpstr (summary, ==, "“rehearse.db” is damaged: its search index does not match its cards.");

  after = rh_test_checksum_file (f->path);
  g_assert_cmpstr (before, ==, after);

  g_assert_finalize_object (g_steal_pointer (&report));
}

static void
test_missing (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "missing.db", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_null (rh_database_check_run (path, NULL, &error));
  g_assert_error (error, RH_DATABASE_ERROR, RH_DATABASE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
test_repair (Fixture       *f,
             gconstpointer  data)
{
  gint64 leaf = rh_test_query_file_int (f->path, "SELECT max(pageno) FROM dbstat WHERE name = 'cards' AND pagetype = 'leaf';");
  g_autofree char *copy = g_build_filename (f->dir, "repaired.db", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *text = NULL;
  g_autoptr(RhDatabaseCheck) report = NULL;
  g_autoptr(RhDatabaseCheck) verify = NULL;
  g_autoptr(RhDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  RhRepairResult result;

  /* The last leaf: the answered cards 1–10 are in the first. */
  rh_test_damage_page (f->path, leaf);
  before = rh_test_checksum_file (f->path);
  report = check (f->path);
  g_assert_false (rh_database_check_get_healthy (report));

  g_assert_true (rh_database_check_repair (report, copy, NULL, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (result.cards_recovered, >, 10);
  g_assert_cmpint (result.cards_recovered, <, 400);
  g_assert_cmpint (result.cards_total, >=, result.cards_recovered);
  g_assert_cmpint (result.reviews_recovered, ==, 10);
  g_assert_cmpint (result.reviews_total, ==, 10);
  text = rh_repair_result_format (&result, copy);
  g_test_message ("%s", text);
  g_assert_true (g_str_has_prefix (text, "Saved "));
  g_assert_nonnull (strstr (text, "“repaired.db”"));

  /* The original is as it was. */
  after = rh_test_checksum_file (f->path);
  g_assert_cmpstr (before, ==, after);

  /* The copy is sound, opens, and has the cards with their history. */
  verify = check (copy);
  g_assert_true (rh_database_check_get_healthy (verify));
  db = rh_test_open_database (copy, NULL);
  g_assert_cmpuint (rh_deck_store_count_cards (db), ==, result.cards_recovered);
  g_assert_cmpint (rh_test_query_int (db, "SELECT count(*) FROM review_log;"), ==, 10);
  g_assert_cmpint (rh_test_query_int (db, "SELECT reps FROM review_state WHERE card_id = 3;"), ==, 1);
  g_assert_cmpint (rh_test_query_int (db, "SELECT count(*) FROM cards_fts WHERE cards_fts MATCH 'Question 3';"), >=, 1);
  g_assert_false (rh_database_get_damaged (db));
  /* Counted again after the copy, answered cards not as new. */
  g_assert_cmpint (rh_test_query_int (db, "SELECT sum(cards) FROM topic_counts;"), ==, result.cards_recovered);
  g_assert_cmpint (rh_test_query_int (db, "SELECT sum(new) FROM topic_counts;"), ==,
                   rh_test_query_int (db, "SELECT count(*) FROM review_state WHERE state = 0;"));
  g_assert_cmpint (rh_test_query_int (db, "SELECT count(*) FROM review_state WHERE state = 0;"), ==,
                   result.cards_recovered - 10);

  g_assert_finalize_object (g_steal_pointer (&db));
  g_assert_finalize_object (g_steal_pointer (&verify));
  g_assert_finalize_object (g_steal_pointer (&report));
}

static void
test_repair_refuses_existing (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(RhDatabaseCheck) report = check (f->path);
  g_autofree char *before = rh_test_checksum_file (f->path);
  g_autofree char *after = NULL;
  g_autofree char *other = rh_test_write_file (f->dir, "other.db", "keep me");
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (rh_database_check_repair (report, f->path, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, f->path));
  g_clear_error (&error);

  g_assert_false (rh_database_check_repair (report, other, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);

  after = rh_test_checksum_file (f->path);
  g_assert_cmpstr (before, ==, after);
  contents = rh_test_read_file (other);
  g_assert_cmpstr (contents, ==, "keep me");

  g_assert_finalize_object (g_steal_pointer (&report));
}

/* The index of ready cards as a retention other than the default built
 * it: the file is sound, and a repaired copy is too, its index built for
 * the default retention again, holding the same cards. */
static void
test_ready_index (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *copy = g_build_filename (f->dir, "repaired.db", NULL);
  g_autoptr(RhDatabaseCheck) report = NULL;
  g_autoptr(RhDatabaseCheck) verify = NULL;
  g_autoptr(RhDatabase) db = rh_test_open_database (f->path, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (rh_statistics_store_prepare_readiness (db, 0.85, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rh_test_query_int (db, "SELECT count(*) FROM sqlite_schema WHERE name = 'review_state_ready'"
                                          " AND sql = '" RH_DATABASE_READY_INDEX (RH_DATABASE_READY_DEFAULT_FACTOR) "';"), ==, 0);
  g_assert_finalize_object (g_steal_pointer (&db));

  report = check (f->path);
  g_assert_true (rh_database_check_get_healthy (report));
  g_assert_true (rh_database_check_repair (report, copy, NULL, NULL, &error));
  g_assert_no_error (error);

  verify = check (copy);
  g_assert_true (rh_database_check_get_healthy (verify));
  db = rh_test_open_database (copy, NULL);
  g_assert_cmpint (rh_test_query_int (db, "SELECT count(*) FROM sqlite_schema WHERE name = 'review_state_ready'"
                                          " AND sql = '" RH_DATABASE_READY_INDEX (RH_DATABASE_READY_DEFAULT_FACTOR) "';"), ==, 1);
  g_assert_cmpint (rh_test_query_int (db, "SELECT count(*) FROM review_state INDEXED BY review_state_ready"
                                          " WHERE state IN (1, 2, 3);"), ==, 10);

  g_assert_finalize_object (g_steal_pointer (&db));
  g_assert_finalize_object (g_steal_pointer (&verify));
  g_assert_finalize_object (g_steal_pointer (&report));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(name, n_cards, func) \
  g_test_add (name, Fixture, GUINT_TO_POINTER (n_cards), fixture_setup, func, fixture_teardown)
  ADD ("/database-check/healthy", 12, test_healthy);
  ADD ("/database-check/damaged-table", 12, test_damaged_table);
  ADD ("/database-check/damaged-index", 12, test_damaged_index);
  ADD ("/database-check/missing", 12, test_missing);
  ADD ("/database-check/repair", 400, test_repair);
  ADD ("/database-check/repair-refuses-existing", 12, test_repair_refuses_existing);
  ADD ("/database-check/ready-index", 12, test_ready_index);
#undef ADD

  return g_test_run ();
}
