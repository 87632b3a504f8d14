/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sys/wait.h>

#include "rh-scheduler.h"
#include "rh-study-settings.h"
#include "rh-test-utils.h"

/* kill -9 in the middle of an import or a study session, many times over:
 * afterwards the file passes SQLite's integrity check and holds either all
 * of each write or none of it. The delays are random, from the test's
 * seed (printed by --verbose, replayed with --seed). */

#define N_KILLS 25

typedef struct
{
  char *dir;
  char *db;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = g_dir_make_tmp ("rehearse-crash-XXXXXX", NULL);
  f->db = g_build_filename (f->dir, "crash.db", NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  rh_test_remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->db);
}

static void
assert_intact (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  g_autoptr(RhDatabase) database = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (rh_search_tokenizer_register (db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check;", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *)sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);

  /* The search index agrees with the cards. */
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO cards_fts (cards_fts) VALUES ('integrity-check');",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  /* Every answer wrote its state and its log row together. */
  g_assert_cmpint (rh_test_query_file_int (path, "SELECT count(*) FROM review_state s WHERE reps !="
                                        " (SELECT count(*) FROM review_log l WHERE l.card_id = s.card_id);"), ==, 0);

  /* And Rehearse opens it again. */
  database = rh_test_open_database (path, NULL);
  g_assert_finalize_object (g_steal_pointer (&database));
}

/* Spawns @argv with its standard output on a pipe. */
static GPid
spawn (const char * const *argv,
       int                *out_fd)
{
  g_autoptr(GError) error = NULL;
  GPid pid = 0;

  g_spawn_async_with_pipes (NULL, (char **)argv, NULL,
                            G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDERR_TO_DEV_NULL,
                            NULL, NULL, &pid, NULL, out_fd, NULL, &error);
  g_assert_no_error (error);

  return pid;
}

/* Kills @pid after @delay_us unless it ended first; returns its output. */
static char *
kill_after (GPid  pid,
            int   out_fd,
            guint delay_us,
            int  *status)
{
  g_autoptr(GIOChannel) channel = g_io_channel_unix_new (out_fd);
  char *out = NULL;

  g_usleep (delay_us);
  kill (pid, SIGKILL);
  g_io_channel_set_close_on_unref (channel, TRUE);
  g_io_channel_read_to_end (channel, &out, NULL, NULL);
  g_assert_cmpint (waitpid (pid, status, 0), ==, pid);
  g_spawn_close_pid (pid);

  return out;
}

static char *
card_digest (const char *path)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT " cards, %" G_GINT64_FORMAT " bytes, %" G_GINT64_FORMAT " logs",
                          rh_test_query_file_int (path, "SELECT count(*) FROM cards;"),
                          rh_test_query_file_int (path, "SELECT total (length (front) + length (back)) FROM cards;"),
                          rh_test_query_file_int (path, "SELECT count(*) FROM review_log;"));
}

static void
copy_file (const char *from,
           const char *to)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (from, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (to, contents, length, NULL));
}

/* A deck that adds @n_new cards and rewrites every card of the base deck. */
static char *
make_big_deck (guint n_base,
               guint n_new)
{
  GString *json = g_string_new ("{\"rehearse_deck\": 1, \"cards\": [");

  for (guint i = 0; i < n_base + n_new; i++)
    {
      g_string_append_printf (json,
                              "%s{\"id\": \"crash-%u\", \"topic\": \"Crash::Part %u\", \"front\": \"New question %u\","
                              " \"back\": \"A longer new answer %u, with more words in it\", \"tags\": [\"t%u\"]",
                              i ? ",\n" : "", i, i % 50, i, i, i % 7);
      if (i % 10 == 9)
        g_string_append_printf (json, ", \"follow_ups\": [\"crash-%u\"]", i - 1);
      g_string_append_c (json, '}');
    }

  g_string_append (json, "]}\n");

  return g_string_free (json, FALSE);
}

static void
run_to_end (const char * const *argv)
{
  int status = 0;
  int fd;
  GPid pid = spawn (argv, &fd);
  g_autoptr(GIOChannel) channel = g_io_channel_unix_new (fd);
  g_autofree char *out = NULL;

  g_io_channel_set_close_on_unref (channel, TRUE);
  g_io_channel_read_to_end (channel, &out, NULL, NULL);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_spawn_close_pid (pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
}

static void
answer_some (const char *path,
             guint       n)
{
  g_autoptr(RhDatabase) database = rh_test_open_database (path, NULL);
  g_autoptr(RhStudySettings) settings = rh_study_settings_new ();
  g_autoptr(RhScheduler) scheduler = rh_scheduler_new (database, settings);

  for (guint i = 1; i <= n; i++)
    {
      g_autoptr(GError) error = NULL;

      rh_scheduler_answer (scheduler, i, RH_RATING_GOOD, 1000, RH_REVIEW_SOURCE_STUDY, NULL, &error);
      g_assert_no_error (error);
    }

  g_clear_object (&scheduler);
  g_assert_finalize_object (g_steal_pointer (&database));
}

/* Puts @snapshot back as @path, without the side files a kill left. */
static void
restore (const char *snapshot,
         const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_remove (wal);
  g_remove (shm);
  copy_file (snapshot, path);
}

static void
test_kill_import (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *base = rh_test_make_deck (300, "Crash", "crash");
  g_autofree char *base_path = rh_test_write_file (f->dir, "base.json", base);
  g_autofree char *big = make_big_deck (300, 6000);
  g_autofree char *big_path = rh_test_write_file (f->dir, "big.json", big);
  g_autofree char *snapshot = g_build_filename (f->dir, "snapshot.db", NULL);
  g_autofree char *reference = g_build_filename (f->dir, "reference.db", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  const char *binary = g_getenv ("REHEARSE_BINARY");
  gint64 started;
  guint full_us;
  guint n_done = 0;

  g_assert_nonnull (binary);

  /* A database with history, and what the big import makes of it. */
  run_to_end ((const char *[]) { binary, "--db", f->db, "--import", base_path, NULL });
  answer_some (f->db, 40);
  assert_intact (f->db);
  before = card_digest (f->db);
  copy_file (f->db, snapshot);

  restore (snapshot, reference);
  started = g_get_monotonic_time ();
  run_to_end ((const char *[]) { binary, "--db", reference, "--import", big_path, NULL });
  full_us = MAX (g_get_monotonic_time () - started, 1000);
  after = card_digest (reference);
  g_assert_cmpstr (before, !=, after);
  g_test_message ("before: %s; after: %s; a full import takes %u ms", before, after, full_us / 1000);

  for (guint i = 0; i < N_KILLS; i++)
    {
      /* Anywhere from start-up to just past the end of the import. */
      const char *argv[] = { binary, "--db", f->db, "--import", big_path, NULL };
      guint delay = g_test_rand_int_range (0, full_us + full_us / 10);
      g_autofree char *now = NULL;
      int status = 0;
      int fd;

      GPid pid = spawn (argv, &fd);

      g_free (kill_after (pid, fd, delay, &status));
      assert_intact (f->db);
      now = card_digest (f->db);
      g_test_message ("kill %u after %u ms: %s", i, delay / 1000, now);

      /* All of the import or none of it. */
      if (g_strcmp0 (now, after) == 0)
        {
          n_done++;
          restore (snapshot, f->db);
        }
      else
        g_assert_cmpstr (now, ==, before);
    }

  g_test_message ("%u of %d imports had finished when killed", n_done, N_KILLS);
  g_assert_cmpuint (n_done, <, N_KILLS);
}

/* The child of test_kill_study: answers cards until it is killed, and
 * prints how many answers were committed after each one. */
static int
study_until_killed (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RhDatabase) database = rh_database_new (path, &error);
  g_autoptr(RhStudySettings) settings = rh_study_settings_new ();
  g_autoptr(RhScheduler) scheduler = NULL;
  gint64 n_cards;

  if (database == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  scheduler = rh_scheduler_new (database, settings);
  n_cards = rh_test_query_int (database, "SELECT count(*) FROM cards;");

  for (guint i = 1; i < 1000000; i++)
    {
      gint64 card_id = 1 + (i * 7919) % n_cards;

      if (!rh_scheduler_answer (scheduler, card_id, 1 + i % 4, 1000, RH_REVIEW_SOURCE_STUDY, NULL, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }

      g_print ("%u\n", i);
      fflush (stdout);
    }

  return 0;
}

static void
test_kill_study (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *deck = rh_test_make_deck (200, "Crash", "crash");
  g_autoptr(RhDatabase) database = rh_test_open_database (f->db, NULL);
  g_autofree char *self = g_test_build_filename (G_TEST_BUILT, "test-crash", NULL);
  const char *argv[] = { self, "--study-until-killed", f->db, NULL };
  gint64 n_logs;

  rh_test_import (database, deck, NULL);
  g_assert_finalize_object (g_steal_pointer (&database));
  n_logs = rh_test_query_file_int (f->db, "SELECT count(*) FROM review_log;");

  for (guint i = 0; i < N_KILLS; i++)
    {
      guint delay = g_test_rand_int_range (50000, 400000);
      g_autofree char *out = NULL;
      g_auto(GStrv) lines = NULL;
      guint n_printed;
      gint64 now;
      int status = 0;
      int fd;

      GPid pid = spawn (argv, &fd);

      out = kill_after (pid, fd, delay, &status);
      g_assert_true (WIFSIGNALED (status));
      lines = g_strsplit (g_strchomp (out), "\n", -1);
      n_printed = *out ? g_strv_length (lines) : 0;

      assert_intact (f->db);
      now = rh_test_query_file_int (f->db, "SELECT count(*) FROM review_log;");
      g_test_message ("kill %u after %u ms: %u answers reported, %" G_GINT64_FORMAT " new log rows",
                      i, delay / 1000, n_printed, now - n_logs);

      /* Every reported answer is kept; at most one more was committed
       * before its line was printed. */
      g_assert_cmpint (now - n_logs, >=, n_printed);
      g_assert_cmpint (now - n_logs, <=, n_printed + 1);
      n_logs = now;
    }
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 3 && g_str_equal (argv[1], "--study-until-killed"))
    return study_until_killed (argv[2]);

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/crash/kill-import", test_kill_import);
  ADD ("/crash/kill-study", test_kill_study);
#undef ADD

  return g_test_run ();
}
