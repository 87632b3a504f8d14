/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Search on a large database, for build-aux/bench.sh:
 *
 *   bench-search DATABASE
 *
 * DATABASE is one that `rehearse --import` made from a generated deck.
 * Prints "NAME VALUE [RESULTS]" lines: the median time of
 * rh_deck_store_query_card_ids() for a few searches users type, and the
 * size and fill time of the search index against a trigram index of the
 * same text (the one schema 5 had), both built beside it in scratch files
 * removed afterwards. */
#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>

#include "rh-database-private.h"
#include "rh-deck-store.h"
#include "rh-search-tokenizer-private.h"

#define ROUNDS 11

static const struct {
  const char *name;
  const char *search;
} searches[] = {
  { "zh2", "调度" },      /* a two-character Chinese word */
  { "zh1", "锁" },        /* one character */
  { "en", "goroutine" },  /* an English word */
  { "symbol", "TIME_WAIT" }, /* a word the index cuts, checked as written */
};

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return (x > y) - (x < y);
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof (double), compare_doubles);
  return values[n / 2];
}

static void
die (const char *what,
     GError     *error)
{
  fprintf (stderr, "bench-search: %s: %s\n", what, error ? error->message : "failed");
  exit (EXIT_FAILURE);
}

static void
exec_sql (RhDatabase *db,
          const char *sql)
{
  g_autoptr(GError) error = NULL;
  RhStatement *stmt;

  if (!(stmt = rh_database_prepare_uncached (db, sql, &error)) || !rh_database_step_done (db, stmt, &error))
    die (sql, error);
  sqlite3_finalize (stmt);
}

static gint64
query_int (RhDatabase *db,
           const char *sql)
{
  g_autoptr(GError) error = NULL;
  RhStatement *stmt;
  gint64 value;

  if (!(stmt = rh_database_prepare_uncached (db, sql, &error)) || sqlite3_step (stmt) != SQLITE_ROW)
    die (sql, error);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return value;
}

/* Fills a new index of @tokenize in a scratch file: its fill time in ms,
 * and its size in @bytes. */
static double
build_index (RhDatabase *db,
             const char *dir,
             const char *name,
             const char *tokenize,
             gint64     *bytes)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *sql = NULL;
  gint64 start;
  double ms;

  sql = g_strdup_printf ("ATTACH '%s' AS scratch;", path);
  exec_sql (db, sql);
  g_free (sql);
  sql = g_strdup_printf ("CREATE VIRTUAL TABLE scratch.cards_fts USING fts5 (front, back, tags, tokenize = '%s');",
                         tokenize);
  exec_sql (db, sql);

  start = g_get_monotonic_time ();
  exec_sql (db, "INSERT INTO scratch.cards_fts (rowid, front, back, tags)"
                "  SELECT id, rh_plain_text (front), rh_plain_text (back), tags FROM main.cards;");
  ms = (g_get_monotonic_time () - start) / 1000.0;

  *bytes = query_int (db, "SELECT sum(pgsize) FROM dbstat ('scratch') WHERE name LIKE 'cards_fts%';");
  exec_sql (db, "DETACH scratch;");
  g_unlink (path);

  return ms;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(RhDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  gint64 index_bytes, trigram_bytes, ours_bytes;
  double ours_ms, trigram_ms;

  if (argc != 2)
    {
      fprintf (stderr, "Usage: %s DATABASE\n", argv[0]);
      return EXIT_FAILURE;
    }

  /* The check on open runs on a thread: let it finish first. */
  if (!(db = rh_database_new (argv[1], &error)) || !rh_database_ensure_writable (db, &error))
    die (argv[1], error);

  for (guint i = 0; i < G_N_ELEMENTS (searches); i++)
    {
      double times[ROUNDS];
      guint n_results = 0;

      /* Once to warm the page cache, as a second keystroke would find it. */
      for (guint round = 0; round <= ROUNDS; round++)
        {
          g_autoptr(GArray) ids = NULL;
          gint64 start = g_get_monotonic_time ();

          if (!(ids = rh_deck_store_query_card_ids (db, NULL, searches[i].search, &error)))
            die (searches[i].search, error);
          if (round > 0)
            times[round - 1] = (g_get_monotonic_time () - start) / 1000.0;
          n_results = ids->len;
        }

      printf ("%s %.1f %u\n", searches[i].name, median (times, ROUNDS), n_results);
    }

  index_bytes = query_int (db, "SELECT sum(pgsize) FROM dbstat ('main') WHERE name LIKE 'cards_fts%';");
  printf ("index_bytes %" G_GINT64_FORMAT "\n", index_bytes);
  printf ("database_bytes %" G_GINT64_FORMAT "\n", query_int (db, "SELECT sum(pgsize) FROM dbstat ('main');"));

  /* The same text in two fresh indexes, built the same way. */
  dir = g_path_get_dirname (argv[1]);
  ours_ms = build_index (db, dir, "bench-search-ours.db", RH_SEARCH_TOKENIZER " remove_diacritics 0", &ours_bytes);
  trigram_ms = build_index (db, dir, "bench-search-trigram.db", "trigram", &trigram_bytes);
  printf ("fresh_bytes %" G_GINT64_FORMAT "\n", ours_bytes);
  printf ("trigram_bytes %" G_GINT64_FORMAT "\n", trigram_bytes);
  printf ("fill_ms %.0f\n", ours_ms);
  printf ("trigram_fill_ms %.0f\n", trigram_ms);

  return EXIT_SUCCESS;
}
