/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Each Statistics chart's query on 100k cards and 1M answers:
 *
 *   bench-statistics CACHE_DIR
 *
 * prints "KEY MILLISECONDS" lines, medians of ROUNDS. The database is made
 * once and kept in CACHE_DIR: 20 top-level topics of 5 children, every
 * card answered ten times over the last year in time order, 200 finished
 * mock interviews of 10 questions. */
#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>

#include "rh-database-private.h"
#include "rh-deck-store.h"
#include "rh-scheduler.h"
#include "rh-statistics.h"
#include "rh-statistics-store.h"
#include "rh-study-settings.h"

#define BENCH_NOW_US (G_GINT64_CONSTANT (1772366400) * G_USEC_PER_SEC)
#define N_CARDS 100000
#define N_ANSWERS 1000000
#define N_TOP 20
#define N_CHILDREN 5
#define ROUNDS 7
#define ROLLOVER 4

static void
exec (RhDatabase *db,
      const char *sql)
{
  g_autoptr(GError) error = NULL;
  RhStatement *stmt;

  if (!(stmt = rh_database_prepare_uncached (db, sql, &error)) || !rh_database_step_done (db, stmt, &error))
    g_error ("%s: %s", sql, error->message);
  sqlite3_finalize (stmt);
}

static void
make_database (const char *path)
{
  g_autoptr(GString) json = g_string_new ("{\"rehearse_deck\": 1, \"cards\": [");
  g_autoptr(RhClock) clock = rh_clock_new_fake (BENCH_NOW_US, NULL);
  g_autoptr(RhDatabase) db = NULL;
  g_autoptr(RhDeck) deck = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = g_strconcat (path, ".part", NULL);
  g_autofree char *sql = NULL;
  gint64 now = BENCH_NOW_US / G_USEC_PER_SEC;

  for (guint i = 0; i < N_CARDS; i++)
    {
      guint leaf = (guint)((guint64)i * N_TOP * N_CHILDREN / N_CARDS);

      g_string_append_printf (json,
                              "%s{\"id\": \"c%u\", \"topic\": \"T%u::S%u\", \"front\": \"Question %u\","
                              " \"back\": \"Answer %u\"}",
                              i ? "," : "", i, leaf / N_CHILDREN, leaf % N_CHILDREN, i, i);
    }
  g_string_append (json, "]}");

  g_unlink (tmp);
  if (!(deck = rh_deck_new_from_data (json->str, json->len, "bench.json", &error)) ||
      !(db = rh_database_new_with_clock (tmp, clock, &error)) ||
      !rh_deck_store_import_deck (db, deck, NULL, &error) ||
      !rh_database_begin (db, &error))
    g_error ("Cannot make %s: %s", path, error->message);

  /* Answers spread over the year, written in time order as a log is. */
  sql = g_strdup_printf ("WITH RECURSIVE n (i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < %d - 1)"
                         " INSERT INTO review_log (card_id, reviewed_at, rating, duration_ms, state_before,"
                         "  step_before, due_before, reps_before, lapses_before, state_after, step_after, due_after)"
                         " SELECT i %% %d + 1, %" G_GINT64_FORMAT " - (i * 7919) %% (365 * 86400),"
                         "  CASE WHEN i %% 10 = 0 THEN 1 ELSE 3 END, 5000 + i %% 20000,"
                         "  CASE WHEN i < %d THEN 0 ELSE 1 + i %% 3 END, 0, 0, 0, 0, 2, 0, 0"
                         " FROM n ORDER BY 2;",
                         N_ANSWERS, N_CARDS, now, N_CARDS);
  exec (db, sql);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("UPDATE review_state SET state = 2, step = 0, reps = 10,"
                         "  stability = 1 + card_id %% 400, difficulty = 5,"
                         "  last_review = %" G_GINT64_FORMAT " - card_id %% (60 * 86400),"
                         "  due = %" G_GINT64_FORMAT " + (card_id * 7919) %% (60 * 86400) - 20 * 86400"
                         " WHERE card_id %% 10 <> 0;",
                         now, now);
  exec (db, sql);
  g_clear_pointer (&sql, g_free);

  exec (db, "WITH RECURSIVE n (i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 199)"
            " INSERT INTO interview_sessions (template, seed, plan, state, started_at, ended_at, saved_at,"
            "  total_seconds)"
            " SELECT '{\"id\": \"fundamentals\", \"name\": \"Fundamentals\"}', i, '[]', 'finished',"
            "  1772366400 - i * 86400, 1772366400 - i * 86400 + 1800, 1772366400, 1800 FROM n;");
  exec (db, "WITH RECURSIVE n (i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 1999)"
            " INSERT INTO interview_answers (session_id, position, question_index, card_id, title, topic, kind,"
            "  budget_seconds, spent_ms, rating, answered_at)"
            " SELECT i / 10 + 1, i % 10, i % 10, (i * 48271) % 100000 + 1, 'Q', 'T', 'concept', 60, 1000,"
            "  1 + i % 4, 0 FROM n;");
  exec (db, "ANALYZE;");
  if (!rh_database_commit (db, RH_DATABASE_CHANGE_REVIEWS, &error))
    g_error ("Cannot commit %s: %s", path, error->message);

  g_clear_object (&db);
  if (g_rename (tmp, path) != 0)
    g_error ("Cannot rename %s: %s", tmp, g_strerror (errno));
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return x < y ? -1 : x > y;
}

typedef gboolean (*Measure) (RhDatabase  *db,
                             RhClock     *clock,
                             const char  *topic,
                             int          n_days,
                             GError     **error);

/* The period's study days, as RhStatistics cuts them, then the log. */
static gboolean
measure_activity (RhDatabase  *db,
                  RhClock     *clock,
                  const char  *topic,
                  int          n_days,
                  GError     **error)
{
  gint64 now = rh_clock_get_now_seconds (clock);
  gint64 end = rh_clock_get_study_day_start (clock, now, ROLLOVER, 1);
  g_autoptr(GArray) days = g_array_new (FALSE, TRUE, sizeof (RhStatisticsDay));

  for (gint64 at = rh_clock_get_study_day_start (clock, now, ROLLOVER, -(n_days - 1)); at < end;
       at = rh_clock_get_study_day_start (clock, at, ROLLOVER, 1))
    {
      RhStatisticsDay day = { .start = at };

      g_array_append_val (days, day);
    }

  return rh_statistics_store_add_days (db, topic, ROLLOVER, days->len, (RhStatisticsDay *)(gpointer)days->data, end, error);
}

static gboolean
measure_forecast (RhDatabase  *db,
                  RhClock     *clock,
                  const char  *topic,
                  int          n_days,
                  GError     **error)
{
  gint64 now = rh_clock_get_now_seconds (clock);
  gint64 bounds[RH_STATISTICS_FORECAST_DAYS + 1];
  guint due[RH_STATISTICS_FORECAST_DAYS], overdue;

  for (int i = 0; i <= RH_STATISTICS_FORECAST_DAYS; i++)
    bounds[i] = rh_clock_get_study_day_start (clock, now, ROLLOVER, i);

  return rh_statistics_store_forecast (db, topic, now, bounds, RH_STATISTICS_FORECAST_DAYS, &overdue, due, error);
}

static gboolean
measure_memory (RhDatabase  *db,
                RhClock     *clock,
                const char  *topic,
                int          n_days,
                GError     **error)
{
  RhStatisticsMemory memory;

  return rh_statistics_store_memory (db, topic, rh_clock_get_now_seconds (clock), 0.9, &memory, error);
}

static gboolean
measure_readiness (RhDatabase  *db,
                   RhClock     *clock,
                   const char  *topic,
                   int          n_days,
                   GError     **error)
{
  g_autoptr(GArray) topics = rh_statistics_store_readiness (db, topic, rh_clock_get_now_seconds (clock), 0.9, error);

  return topics != NULL;
}

static gboolean
measure_interviews (RhDatabase  *db,
                    RhClock     *clock,
                    const char  *topic,
                    int          n_days,
                    GError     **error)
{
  g_autoptr(GArray) interviews = rh_statistics_store_interviews (db, topic, G_MININT64, error);

  return interviews != NULL;
}

static void
measure (const char *key,
         RhDatabase *db,
         RhClock    *clock,
         Measure     func,
         const char *topic,
         int         n_days)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;

  /* One untimed run: the pages in the cache, as on a shown page. */
  if (!func (db, clock, topic, n_days, &error))
    g_error ("%s: %s", key, error->message);

  for (guint i = 0; i < ROUNDS; i++)
    {
      gint64 start = g_get_monotonic_time ();
      double ms;

      if (!func (db, clock, topic, n_days, &error))
        g_error ("%s: %s", key, error->message);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (times, ms);
    }

  g_array_sort (times, compare_doubles);
  printf ("%s %.2f\n", key, g_array_index (times, double, times->len / 2));
}

/* The page after an answer: what the answer made stale, the activity
 * of the last two days only. */
static void
measure_after_answer (RhDatabase *db)
{
  g_autoptr(RhStudySettings) settings = rh_study_settings_new ();
  g_autoptr(RhScheduler) scheduler = rh_scheduler_new (db, settings);
  g_autoptr(RhStatistics) statistics = rh_statistics_new (db, settings);
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;

  rh_statistics_set_period (statistics, RH_STATISTICS_PERIOD_YEAR);
  if (!rh_statistics_update (statistics, &error) && error != NULL)
    g_error ("update: %s", error->message);

  for (guint i = 0; i < ROUNDS; i++)
    {
      gint64 start;
      double ms;

      if (!rh_scheduler_answer (scheduler, 1 + i * 10, RH_RATING_GOOD, 1000, RH_REVIEW_SOURCE_STUDY, NULL, &error))
        g_error ("answer: %s", error->message);
      start = g_get_monotonic_time ();
      if (!rh_statistics_update (statistics, &error))
        g_error ("update: %s", error ? error->message : "nothing stale");
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (times, ms);
    }

  g_array_sort (times, compare_doubles);
  printf ("after_answer %.2f\n", g_array_index (times, double, times->len / 2));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *path = NULL;
  g_autofree char *work = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(RhClock) clock = rh_clock_new_fake (BENCH_NOW_US, NULL);
  g_autoptr(RhDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;

  if (argc != 2)
    {
      fprintf (stderr, "Usage: %s CACHE_DIR\n", argv[0]);
      return EXIT_FAILURE;
    }

  g_mkdir_with_parents (argv[1], 0755);
  path = g_build_filename (argv[1], "statistics-100k.db", NULL);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      fprintf (stderr, "Making %s (once)…\n", path);
      make_database (path);
    }

  /* A copy, since the last measure answers cards. */
  work = g_strconcat (path, ".work", NULL);
  g_unlink (work);
  if (!g_file_get_contents (path, &contents, &len, &error) || !g_file_set_contents (work, contents, len, &error))
    g_error ("Cannot copy %s: %s", path, error->message);
  g_clear_pointer (&contents, g_free);

  if (!(db = rh_database_new_with_clock (work, clock, &error)))
    g_error ("Cannot open %s: %s", work, error->message);

  measure ("activity_month", db, clock, measure_activity, "", 30);
  measure ("activity_year", db, clock, measure_activity, "", 365);
  measure ("activity_year_topic", db, clock, measure_activity, "T3", 365);
  measure ("forecast", db, clock, measure_forecast, "", 0);
  measure ("forecast_topic", db, clock, measure_forecast, "T3", 0);
  measure ("memory", db, clock, measure_memory, "", 0);
  measure ("memory_topic", db, clock, measure_memory, "T3", 0);
  measure ("readiness", db, clock, measure_readiness, "", 0);
  measure ("readiness_topic", db, clock, measure_readiness, "T3", 0);
  measure ("interviews", db, clock, measure_interviews, "", 0);
  measure ("interviews_topic", db, clock, measure_interviews, "T3", 0);
  measure_after_answer (db);

  g_clear_object (&db);
  g_unlink (work);

  return EXIT_SUCCESS;
}
