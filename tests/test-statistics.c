/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "rh-card-operation.h"
#include "rh-fsrs.h"
#include "rh-interview-template.h"
#include "rh-scheduler.h"
#include "rh-statistics.h"
#include "rh-test-utils.h"

/* A hand-built log in Berlin, around the start of summer time (Sunday
 * 2026-03-29, 02:00 CET → 03:00 CEST), with the 04:00 rollover. "Now" is
 * Tuesday 2026-03-31 10:00 CEST. Cards, in deck order: go-0..2 (ids 1–3)
 * in Go::Runtime, syn-0..1 (4–5) in Go::Syntax, redis-0..1 (6–7) in
 * Redis; redis-1 is suspended.
 *
 *   #  local time              study day  card  state before  rating  time
 *   1  03-31 03:30 CEST        03-30      1     new           Good    10 s
 *   2  03-31 09:00             03-31      2     new           Good    20 s
 *   3  03-31 09:30             03-31      1     review        Again    5 s
 *   4  03-29 03:30 CEST        03-28      6     learning      Good     4 s
 *   5  03-29 04:30 CEST        03-29      6     review        Good     6 s
 *   6  03-28 23:00 CET         03-28      7     relearning    Hard     8 s
 *   7  03-25 12:00 CET         03-25      4     review        Good    30 s
 */

typedef struct
{
  GTimeZone       *tz;
  RhClock         *clock;
  RhDatabase      *db;
  RhStudySettings *settings;
  RhStatistics    *statistics;
} Fixture;

static gint64
local_time (GTimeZone *tz,
            int        month,
            int        day,
            int        hour,
            int        minute)
{
  g_autoptr(GDateTime) dt = g_date_time_new (tz, 2026, month, day, hour, minute, 0);

  return g_date_time_to_unix (dt);
}

static void
log_answer (Fixture *f,
            gint64   card_id,
            gint64   at,
            int      rating,
            int      state_before,
            gint64   duration_ms)
{
  g_autofree char *sql = g_strdup_printf ("INSERT INTO review_log (card_id, reviewed_at, rating, duration_ms,"
                                          " state_before, step_before, due_before, reps_before, lapses_before,"
                                          " state_after, step_after, due_after)"
                                          " VALUES (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", %d, %" G_GINT64_FORMAT
                                          ", %d, 0, 0, 0, 0, 2, 0, 0);",
                                          card_id, at, rating, duration_ms, state_before);

  rh_test_exec (f->db, sql);
}

static void
set_state (Fixture *f,
           gint64   card_id,
           int      state,
           gint64   due,
           double   stability,
           gint64   last_review)
{
  g_autofree char *sql = g_strdup_printf ("UPDATE review_state SET state = %d, due = %" G_GINT64_FORMAT
                                          ", stability = %.17g, difficulty = 5, last_review = %" G_GINT64_FORMAT
                                          ", reps = 1 WHERE card_id = %" G_GINT64_FORMAT ";",
                                          state, due, stability, last_review, card_id);

  rh_test_exec (f->db, sql);
}

static gint64
add_session (Fixture    *f,
             const char *template_id,
             const char *state,
             gint64      ended_at)
{
  g_autoptr(RhInterviewTemplate) template = rh_interview_template_new_builtin (template_id);
  g_autofree char *json = rh_interview_template_to_json (template);
  g_autoptr(GError) error = NULL;
  g_autoptr(RhStatement) stmt = rh_database_prepare (f->db,
                                                     "INSERT INTO interview_sessions (template, seed, plan, state,"
                                                     " started_at, ended_at, saved_at, total_seconds)"
                                                     " VALUES (?1, 1, '[]', ?2, ?3 - 600, ?3, ?3, 600);",
                                                     &error);

  g_assert_no_error (error);
  sqlite3_bind_text (stmt, 1, json, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, state, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, ended_at);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);

  return rh_database_last_insert_id (f->db);
}

static void
add_answer (Fixture *f,
            gint64   session_id,
            int      position,
            gint64   card_id,
            int      rating,
            gboolean skipped)
{
  g_autofree char *value = skipped ? g_strdup ("NULL") : g_strdup_printf ("%d", rating);
  g_autofree char *sql = g_strdup_printf ("INSERT INTO interview_answers (session_id, position, question_index,"
                                          " card_id, title, topic, kind, budget_seconds, spent_ms, rating, skipped,"
                                          " answered_at)"
                                          " VALUES (%" G_GINT64_FORMAT ", %d, %d, %" G_GINT64_FORMAT
                                          ", 'Q', 'T', 'concept', 60, 1000, %s, %d, 0);",
                                          session_id, position, position, card_id,
                                          value, skipped);

  rh_test_exec (f->db, sql);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *runtime = rh_test_make_deck (3, "Go::Runtime", "go");
  g_autofree char *syntax = rh_test_make_deck (2, "Go::Syntax", "syn");
  g_autofree char *redis = rh_test_make_deck (2, "Redis", "redis");
  GTimeZone *tz;
  gint64 now, today, a, b, c;

  f->tz = tz = g_time_zone_new_identifier ("Europe/Berlin");
  g_assert_nonnull (tz);
  now = local_time (tz, 3, 31, 10, 0);
  today = local_time (tz, 3, 31, 4, 0);
  f->clock = rh_clock_new_fake (now * G_USEC_PER_SEC, tz);
  f->db = rh_test_open_database (":memory:", f->clock);
  rh_test_import (f->db, runtime, NULL);
  rh_test_import (f->db, syntax, NULL);
  rh_test_import (f->db, redis, NULL);
  f->settings = rh_study_settings_new ();
  f->statistics = rh_statistics_new (f->db, f->settings);

  if (data != NULL)
    return;

  log_answer (f, 1, local_time (tz, 3, 31, 3, 30), 3, 0, 10000);
  log_answer (f, 2, local_time (tz, 3, 31, 9, 0), 3, 0, 20000);
  log_answer (f, 1, local_time (tz, 3, 31, 9, 30), 1, 2, 5000);
  log_answer (f, 6, local_time (tz, 3, 29, 3, 30), 3, 1, 4000);
  log_answer (f, 6, local_time (tz, 3, 29, 4, 30), 3, 2, 6000);
  log_answer (f, 7, local_time (tz, 3, 28, 23, 0), 2, 3, 8000);
  log_answer (f, 4, local_time (tz, 3, 25, 12, 0), 3, 2, 30000);

  /* Stability 0.5 (< 1 d), 2 and 3 (1–7 d), 40 (30–90 d), 400 (≥ 1 y). */
  set_state (f, 1, 3, now - 60, 0.5, local_time (tz, 3, 31, 9, 30));
  set_state (f, 2, 1, now + 600, 2, local_time (tz, 3, 31, 9, 0));
  /* 6 d 22 h since (a short night between): R = 0.833. */
  set_state (f, 4, 2, local_time (tz, 4, 3, 4, 0), 3, local_time (tz, 3, 25, 12, 0));
  set_state (f, 5, 2, now - 2 * 86400, 400, local_time (tz, 3, 1, 12, 0));
  set_state (f, 6, 2, local_time (tz, 4, 10, 4, 0), 40, local_time (tz, 3, 29, 4, 30));
  set_state (f, 7, 2, today, 5, local_time (tz, 3, 28, 23, 0));
  rh_test_exec (f->db, "UPDATE cards SET suspended = 1 WHERE id = 7;");

  /* Scores: (66.7 + 0) / 2 = 33; (100 + 0 + 33.3) / 3 = 44. */
  a = add_session (f, RH_INTERVIEW_TEMPLATE_FUNDAMENTALS, "finished", local_time (tz, 3, 20, 18, 0));
  add_answer (f, a, 0, 1, 3, FALSE);
  add_answer (f, a, 1, 6, 1, FALSE);
  b = add_session (f, RH_INTERVIEW_TEMPLATE_PROJECT, "finished", local_time (tz, 3, 30, 18, 0));
  add_answer (f, b, 0, 2, 4, FALSE);
  add_answer (f, b, 1, 4, 0, TRUE);
  add_answer (f, b, 2, 6, 2, FALSE);
  c = add_session (f, RH_INTERVIEW_TEMPLATE_PROJECT, "abandoned", local_time (tz, 3, 30, 19, 0));
  add_answer (f, c, 0, 2, 1, FALSE);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_assert_finalize_object (f->statistics);
  g_assert_finalize_object (f->settings);
  g_assert_finalize_object (f->db);
  g_assert_finalize_object (f->clock);
  g_time_zone_unref (f->tz);
}

static void
update (Fixture          *f,
        RhStatisticsPart  expected)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (rh_statistics_update (f->statistics, &error), ==, expected);
  g_assert_no_error (error);
  g_assert_cmpuint (rh_statistics_get_stale (f->statistics), ==, 0);
}

static const RhStatisticsDay *
day_of (Fixture *f,
        int      month,
        int      day)
{
  guint n_days;
  const RhStatisticsDay *days = rh_statistics_get_days (f->statistics, &n_days);
  gint64 start = local_time (f->tz, month, day, 4, 0);

  for (guint i = 0; i < n_days; i++)
    if (days[i].start == start)
      return &days[i];

  g_assert_not_reached ();
}

static void
test_activity (Fixture       *f,
               gconstpointer  data)
{
  const RhStatisticsDay *days, *day;
  guint n_days, total = 0;

  update (f, RH_STATISTICS_PART_ALL);

  days = rh_statistics_get_days (f->statistics, &n_days);
  g_assert_cmpuint (n_days, ==, 30);
  g_assert_cmpint (days[0].start, ==, local_time (f->tz, 3, 2, 4, 0));
  g_assert_cmpint (days[29].start, ==, local_time (f->tz, 3, 31, 4, 0));
  /* The day of the change is 23 hours long. */
  g_assert_cmpint (days[27].start - days[26].start, ==, 23 * 3600);
  g_assert_cmpint (days[28].start - days[27].start, ==, 24 * 3600);

  for (guint i = 0; i < n_days; i++)
    total += rh_statistics_day_get_n_reviews (&days[i]);
  g_assert_cmpuint (total, ==, 7);

  /* Today: before 04:00 belongs to yesterday. */
  day = &days[29];
  g_assert_cmpuint (rh_statistics_day_get_n_reviews (day), ==, 2);
  g_assert_cmpuint (day->reviews[RH_CARD_STATE_NEW], ==, 1);
  g_assert_cmpuint (day->reviews[RH_CARD_STATE_REVIEW], ==, 1);
  g_assert_cmpuint (day->passed, ==, 0);
  g_assert_cmpint (day->duration_ms, ==, 25000);

  day = day_of (f, 3, 30);
  g_assert_cmpuint (day->reviews[RH_CARD_STATE_NEW], ==, 1);
  g_assert_cmpint (day->duration_ms, ==, 10000);

  /* 03:30 summer time on the day of the change is still the 28th. */
  day = day_of (f, 3, 29);
  g_assert_cmpuint (rh_statistics_day_get_n_reviews (day), ==, 1);
  g_assert_cmpuint (day->reviews[RH_CARD_STATE_REVIEW], ==, 1);
  g_assert_cmpuint (day->passed, ==, 1);
  day = day_of (f, 3, 28);
  g_assert_cmpuint (rh_statistics_day_get_n_reviews (day), ==, 2);
  g_assert_cmpuint (day->reviews[RH_CARD_STATE_LEARNING], ==, 1);
  g_assert_cmpuint (day->reviews[RH_CARD_STATE_RELEARNING], ==, 1);
  g_assert_cmpint (day->duration_ms, ==, 12000);

  day = day_of (f, 3, 25);
  g_assert_cmpuint (day->reviews[RH_CARD_STATE_REVIEW], ==, 1);
  g_assert_cmpuint (day->passed, ==, 1);
  g_assert_cmpint (day->duration_ms, ==, 30000);
  g_assert_cmpuint (rh_statistics_day_get_n_reviews (day_of (f, 3, 26)), ==, 0);

  g_assert_cmpuint (rh_statistics_get_current_streak (f->statistics), ==, 4);
  g_assert_cmpuint (rh_statistics_get_longest_streak (f->statistics), ==, 4);
}

static void
test_weeks (Fixture       *f,
            gconstpointer  data)
{
  const RhStatisticsWeek *weeks;
  guint n_weeks;

  update (f, RH_STATISTICS_PART_ALL);

  /* 30 days: four whole weeks back from today and two days before. */
  weeks = rh_statistics_get_weeks (f->statistics, &n_weeks);
  g_assert_cmpuint (n_weeks, ==, 5);
  /* 03-25 … 03-31: #3 Again, #5 and #7 Good. */
  g_assert_cmpuint (weeks[4].n_reviews, ==, 3);
  g_assert_cmpuint (weeks[4].n_passed, ==, 2);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpuint (weeks[i].n_reviews, ==, 0);
}

static void
test_periods (Fixture       *f,
              gconstpointer  data)
{
  const RhStatisticsDay *days;
  guint n_days;

  rh_statistics_set_period (f->statistics, RH_STATISTICS_PERIOD_YEAR);
  update (f, RH_STATISTICS_PART_ALL);
  days = rh_statistics_get_days (f->statistics, &n_days);
  g_assert_cmpuint (n_days, ==, 365);
  g_assert_cmpint (days[0].start, ==, local_time (f->tz, 3, 31, 4, 0) - 364 * 86400);

  /* From the study day of the first answer. */
  rh_statistics_set_period (f->statistics, RH_STATISTICS_PERIOD_ALL);
  g_assert_cmpuint (rh_statistics_get_stale (f->statistics), ==,
                    RH_STATISTICS_PART_ACTIVITY | RH_STATISTICS_PART_INTERVIEWS);
  update (f, RH_STATISTICS_PART_ACTIVITY | RH_STATISTICS_PART_INTERVIEWS);
  days = rh_statistics_get_days (f->statistics, &n_days);
  g_assert_cmpuint (n_days, ==, 7);
  g_assert_cmpint (days[0].start, ==, local_time (f->tz, 3, 25, 4, 0));
  g_assert_cmpuint (rh_statistics_get_interviews (f->statistics)->len, ==, 2);
}

static void
test_scope (Fixture       *f,
            gconstpointer  data)
{
  guint n_days, overdue;
  const guint *forecast;

  rh_statistics_set_topic_path (f->statistics, "Go");
  update (f, RH_STATISTICS_PART_ALL);
  rh_statistics_get_days (f->statistics, &n_days);
  g_assert_cmpuint (rh_statistics_day_get_n_reviews (day_of (f, 3, 31)), ==, 2);
  g_assert_cmpuint (rh_statistics_day_get_n_reviews (day_of (f, 3, 30)), ==, 1);
  g_assert_cmpuint (rh_statistics_day_get_n_reviews (day_of (f, 3, 28)), ==, 0);
  g_assert_cmpuint (rh_statistics_day_get_n_reviews (day_of (f, 3, 25)), ==, 1);
  g_assert_cmpuint (rh_statistics_get_current_streak (f->statistics), ==, 2);
  forecast = rh_statistics_get_forecast (f->statistics, &overdue);
  g_assert_cmpuint (overdue, ==, 2);
  g_assert_cmpuint (forecast[0], ==, 1);
  g_assert_cmpuint (forecast[3], ==, 1);
  g_assert_cmpuint (forecast[10], ==, 0);
  g_assert_cmpuint (rh_statistics_get_memory (f->statistics)->n_cards, ==, 4);

  /* Its children, when the topic has some: Syntax 1 of 2, Runtime 2 of 3. */
  g_assert_cmpuint (rh_statistics_get_readiness (f->statistics)->len, ==, 2);
  g_assert_cmpstr (g_array_index (rh_statistics_get_readiness (f->statistics), RhStatisticsTopic, 0).path,
                   ==, "Go::Syntax");

  /* Interviews scored over the topic's answers only. */
  g_assert_cmpuint (rh_statistics_get_interviews (f->statistics)->len, ==, 2);
  g_assert_cmpint (g_array_index (rh_statistics_get_interviews (f->statistics), RhStatisticsInterview, 0).score,
                   ==, 67);
  g_assert_cmpint (g_array_index (rh_statistics_get_interviews (f->statistics), RhStatisticsInterview, 1).score,
                   ==, 50);

  rh_statistics_set_topic_path (f->statistics, "Redis");
  update (f, RH_STATISTICS_PART_ALL);
  /* Nothing yesterday nor today. */
  g_assert_cmpuint (rh_statistics_get_current_streak (f->statistics), ==, 0);
  g_assert_cmpuint (rh_statistics_get_longest_streak (f->statistics), ==, 2);
  /* A topic without children is its own row. */
  g_assert_cmpuint (rh_statistics_get_readiness (f->statistics)->len, ==, 1);
  g_assert_cmpstr (g_array_index (rh_statistics_get_readiness (f->statistics), RhStatisticsTopic, 0).path,
                   ==, "Redis");

  rh_statistics_set_topic_path (f->statistics, "Gone");
  update (f, RH_STATISTICS_PART_ALL);
  rh_statistics_get_days (f->statistics, &n_days);
  g_assert_cmpuint (n_days, ==, 30);
  g_assert_cmpuint (rh_statistics_get_longest_streak (f->statistics), ==, 0);
  g_assert_cmpuint (rh_statistics_get_readiness (f->statistics)->len, ==, 0);
}

static void
test_forecast (Fixture       *f,
               gconstpointer  data)
{
  const guint *forecast;
  guint overdue, total = 0;

  update (f, RH_STATISTICS_PART_ALL);

  forecast = rh_statistics_get_forecast (f->statistics, &overdue);
  /* Cards 1 and 5; card 7 is suspended. */
  g_assert_cmpuint (overdue, ==, 2);
  g_assert_cmpuint (forecast[0], ==, 1);
  g_assert_cmpuint (forecast[3], ==, 1);
  g_assert_cmpuint (forecast[10], ==, 1);
  for (guint i = 0; i < RH_STATISTICS_FORECAST_DAYS; i++)
    total += forecast[i];
  g_assert_cmpuint (total, ==, 3);

  /* Ten minutes on, card 2 is due: the minute's change moves it. */
  rh_clock_advance (f->clock, 601 * G_USEC_PER_SEC);
  rh_database_emit_changed (f->db, RH_DATABASE_CHANGE_DUE);
  g_assert_cmpuint (rh_statistics_get_stale (f->statistics), ==, RH_STATISTICS_PART_FORECAST);
  update (f, RH_STATISTICS_PART_FORECAST);
  forecast = rh_statistics_get_forecast (f->statistics, &overdue);
  g_assert_cmpuint (overdue, ==, 3);
  g_assert_cmpuint (forecast[0], ==, 0);
}

static void
test_memory (Fixture       *f,
             gconstpointer  data)
{
  const RhStatisticsMemory *memory;

  update (f, RH_STATISTICS_PART_ALL);

  memory = rh_statistics_get_memory (f->statistics);
  g_assert_cmpuint (memory->n_cards, ==, 5);
  g_assert_cmpuint (memory->stability[0], ==, 1);
  g_assert_cmpuint (memory->stability[1], ==, 2);
  g_assert_cmpuint (memory->stability[2], ==, 0);
  g_assert_cmpuint (memory->stability[3], ==, 1);
  g_assert_cmpuint (memory->stability[4], ==, 0);
  g_assert_cmpuint (memory->stability[5], ==, 1);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpuint (memory->retrievability[i], ==, 0);
  g_assert_cmpuint (memory->retrievability[4], ==, 1);
  g_assert_cmpuint (memory->retrievability[5], ==, 4);
  g_assert_cmpuint (memory->n_recalled, ==, 4);

  /* At 80 % desired retention card 4 (R = 0.833) is recalled too. */
  rh_study_settings_set_desired_retention (f->settings, 0.8);
  g_assert_cmpuint (rh_statistics_get_stale (f->statistics), ==,
                    RH_STATISTICS_PART_MEMORY | RH_STATISTICS_PART_READINESS);
  update (f, RH_STATISTICS_PART_MEMORY | RH_STATISTICS_PART_READINESS);
  g_assert_cmpuint (rh_statistics_get_memory (f->statistics)->n_recalled, ==, 5);
}

static void
test_readiness (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GArray *topics;
  const RhStatisticsTopic *go, *redis;

  /* A topic with no cards has nothing to be ready in: no row. */
  g_assert_cmpint (rh_deck_store_ensure_topic (f->db, "Empty", &error), >, 0);
  g_assert_no_error (error);
  update (f, RH_STATISTICS_PART_ALL);

  topics = rh_statistics_get_readiness (f->statistics);
  g_assert_cmpuint (topics->len, ==, 2);
  /* Least ready first: Go 3 of 5, Redis 1 of 1. */
  go = &g_array_index (topics, RhStatisticsTopic, 0);
  redis = &g_array_index (topics, RhStatisticsTopic, 1);
  g_assert_cmpstr (go->path, ==, "Go");
  g_assert_cmpstr (go->name, ==, "Go");
  g_assert_cmpuint (go->n_cards, ==, 5);
  g_assert_cmpuint (go->n_new, ==, 1);
  g_assert_cmpuint (go->n_ready, ==, 3);
  /* Good, Easy and a skip (as Again), abandoned interviews included. */
  g_assert_cmpuint (go->n_interview_answers, ==, 4);
  g_assert_cmpfloat_with_epsilon (go->interview_rating, (3 + 4 + 1 + 1) / 4.0, 1e-9);
  g_assert_cmpstr (redis->path, ==, "Redis");
  g_assert_cmpuint (redis->n_cards, ==, 1);
  g_assert_cmpuint (redis->n_new, ==, 0);
  g_assert_cmpuint (redis->n_ready, ==, 1);
  g_assert_cmpuint (redis->n_interview_answers, ==, 2);
  g_assert_cmpfloat_with_epsilon (redis->interview_rating, 1.5, 1e-9);
}

static void
test_interviews (Fixture       *f,
                 gconstpointer  data)
{
  GArray *interviews;
  const RhStatisticsInterview *first, *second;

  update (f, RH_STATISTICS_PART_ALL);

  /* Finished ones only, oldest first. */
  interviews = rh_statistics_get_interviews (f->statistics);
  g_assert_cmpuint (interviews->len, ==, 2);
  first = &g_array_index (interviews, RhStatisticsInterview, 0);
  second = &g_array_index (interviews, RhStatisticsInterview, 1);
  g_assert_cmpint (first->ended_at, ==, local_time (f->tz, 3, 20, 18, 0));
  g_assert_cmpstr (first->template_id, ==, RH_INTERVIEW_TEMPLATE_FUNDAMENTALS);
  g_assert_cmpstr (first->template_name, ==, "Fundamentals");
  g_assert_cmpint (first->score, ==, 33);
  g_assert_cmpuint (first->n_answers, ==, 2);
  g_assert_cmpstr (second->template_id, ==, RH_INTERVIEW_TEMPLATE_PROJECT);
  g_assert_cmpint (second->score, ==, 44);
  g_assert_cmpuint (second->n_answers, ==, 3);
}

/* A new answer makes stale what it can reach, and re-reads only the last
 * days of the log. */
static void
test_answer (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(RhScheduler) scheduler = rh_scheduler_new (f->db, f->settings);
  g_autoptr(GError) error = NULL;
  const RhStatisticsDay *today;
  guint n_days;

  update (f, RH_STATISTICS_PART_ALL);

  /* An answer left behind in an older day is not seen again… */
  log_answer (f, 3, local_time (f->tz, 3, 10, 12, 0), 3, 0, 1000);

  rh_scheduler_answer (scheduler, 3, RH_RATING_GOOD, 7000, RH_REVIEW_SOURCE_STUDY, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rh_statistics_get_stale (f->statistics), ==,
                    RH_STATISTICS_PART_ACTIVITY | RH_STATISTICS_PART_FORECAST
                    | RH_STATISTICS_PART_MEMORY | RH_STATISTICS_PART_READINESS);
  update (f, RH_STATISTICS_PART_ACTIVITY | RH_STATISTICS_PART_FORECAST
             | RH_STATISTICS_PART_MEMORY | RH_STATISTICS_PART_READINESS);

  rh_statistics_get_days (f->statistics, &n_days);
  today = day_of (f, 3, 31);
  g_assert_cmpuint (rh_statistics_day_get_n_reviews (today), ==, 3);
  g_assert_cmpuint (today->reviews[RH_CARD_STATE_NEW], ==, 2);
  g_assert_cmpint (today->duration_ms, ==, 32000);
  g_assert_cmpuint (rh_statistics_day_get_n_reviews (day_of (f, 3, 30)), ==, 1);
  /* … which shows the older days were kept, not read again. */
  g_assert_cmpuint (rh_statistics_day_get_n_reviews (day_of (f, 3, 10)), ==, 0);
  g_assert_cmpuint (g_array_index (rh_statistics_get_readiness (f->statistics), RhStatisticsTopic, 0).n_new,
                    ==, 0);

  /* Nothing stale, nothing read. */
  update (f, 0);

  /* A new study day reads everything again. */
  rh_clock_advance (f->clock, G_GINT64_CONSTANT (18) * 3600 * G_USEC_PER_SEC);
  g_assert_cmpuint (rh_statistics_get_stale (f->statistics), ==, RH_STATISTICS_PART_ALL);
  update (f, RH_STATISTICS_PART_ALL);
  rh_statistics_get_days (f->statistics, &n_days);
  g_assert_cmpuint (n_days, ==, 30);
  g_assert_cmpuint (rh_statistics_day_get_n_reviews (day_of (f, 3, 10)), ==, 1);
  /* Today has no answer yet: the streak ends yesterday. */
  g_assert_cmpuint (rh_statistics_get_current_streak (f->statistics), ==, 4);

  g_assert_finalize_object (g_steal_pointer (&scheduler));
}

static const RhStatisticsTopic *
readiness_of (GArray     *topics,
              const char *path)
{
  for (guint i = 0; i < topics->len; i++)
    if (g_str_equal (g_array_index (topics, RhStatisticsTopic, i).path, path))
      return &g_array_index (topics, RhStatisticsTopic, i);

  g_assert_not_reached ();
}

/* The memory and forecast as moved by answers are those read afresh. */
static void
assert_memory_and_forecast_read (Fixture *f)
{
  gint64 now = rh_clock_get_now_seconds (f->clock);
  gint64 bounds[RH_STATISTICS_FORECAST_DAYS + 1];
  guint due[RH_STATISTICS_FORECAST_DAYS], overdue, kept_overdue;
  const guint *kept_due = rh_statistics_get_forecast (f->statistics, &kept_overdue);
  RhStatisticsMemory memory;
  g_autoptr(GError) error = NULL;

  g_assert_true (rh_statistics_store_memory (f->db, "", now, rh_study_settings_get_desired_retention (f->settings),
                                             &memory, &error));
  g_assert_no_error (error);
  g_assert_cmpmem (&memory, sizeof memory, rh_statistics_get_memory (f->statistics), sizeof memory);

  for (int i = 0; i <= RH_STATISTICS_FORECAST_DAYS; i++)
    bounds[i] = rh_clock_get_study_day_start (f->clock, now, 4, i);
  g_assert_true (rh_statistics_store_forecast (f->db, "", now, bounds, RH_STATISTICS_FORECAST_DAYS,
                                               &overdue, due, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (overdue, ==, kept_overdue);
  g_assert_cmpmem (due, sizeof due, kept_due, sizeof due);
}

/* An answer moves the memory and forecast by its card alone, and reads
 * again the readiness of its card's topic, and only that: a change nobody
 * announced to Go stays unseen until a full read. */
static void
test_answer_moves (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(RhScheduler) scheduler = rh_scheduler_new (f->db, f->settings);
  g_autoptr(GArray) full = NULL;
  g_autoptr(GError) error = NULL;
  gint64 log_id = 0;
  GArray *topics;

  /* The fixture wrote its rows unannounced: announce them, as unknown. */
  rh_database_emit_changed (f->db, RH_DATABASE_CHANGE_REVIEWS);
  update (f, RH_STATISTICS_PART_ALL);
  topics = rh_statistics_get_readiness (f->statistics);
  g_assert_cmpuint (readiness_of (topics, "Go")->n_new, ==, 1);
  g_assert_cmpuint (readiness_of (topics, "Redis")->n_ready, ==, 1);

  rh_test_exec (f->db, "UPDATE topic_counts SET new = new + 5 WHERE topic_id ="
                       " (SELECT id FROM topics WHERE path = 'Go::Syntax');");
  /* Redis's card 6, due in ten days, answered Again. */
  rh_scheduler_answer (scheduler, 6, RH_RATING_AGAIN, 1000, RH_REVIEW_SOURCE_STUDY, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (rh_statistics_get_stale (f->statistics) & RH_STATISTICS_PART_READINESS);
  update (f, RH_STATISTICS_PART_ACTIVITY | RH_STATISTICS_PART_FORECAST
             | RH_STATISTICS_PART_MEMORY | RH_STATISTICS_PART_READINESS);

  topics = rh_statistics_get_readiness (f->statistics);
  full = rh_statistics_store_readiness (f->db, "", rh_clock_get_now_seconds (f->clock),
                                        rh_study_settings_get_desired_retention (f->settings), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (readiness_of (topics, "Redis")->n_ready, ==, readiness_of (full, "Redis")->n_ready);
  g_assert_cmpuint (readiness_of (topics, "Redis")->n_cards, ==, readiness_of (full, "Redis")->n_cards);
  g_assert_cmpuint (readiness_of (topics, "Redis")->n_interview_answers, ==, 2);
  /* Still sorted, least ready first. */
  g_assert_cmpstr (g_array_index (topics, RhStatisticsTopic, 0).path, ==,
                   g_array_index (full, RhStatisticsTopic, 0).path);
  g_assert_cmpuint (readiness_of (topics, "Go")->n_new, ==, 1);
  g_assert_cmpuint (readiness_of (full, "Go")->n_new, ==, 6);

  assert_memory_and_forecast_read (f);

  /* Two more answers, one twice, then an undo, which reads everything. */
  rh_scheduler_answer (scheduler, 3, RH_RATING_GOOD, 1000, RH_REVIEW_SOURCE_STUDY, NULL, &error);
  g_assert_no_error (error);
  rh_scheduler_answer (scheduler, 3, RH_RATING_EASY, 1000, RH_REVIEW_SOURCE_STUDY, &log_id, &error);
  g_assert_no_error (error);
  update (f, RH_STATISTICS_PART_ACTIVITY | RH_STATISTICS_PART_FORECAST
             | RH_STATISTICS_PART_MEMORY | RH_STATISTICS_PART_READINESS);
  assert_memory_and_forecast_read (f);
  g_assert_true (rh_scheduler_undo (scheduler, log_id, &error));
  g_assert_no_error (error);
  update (f, RH_STATISTICS_PART_ACTIVITY | RH_STATISTICS_PART_FORECAST
             | RH_STATISTICS_PART_MEMORY | RH_STATISTICS_PART_READINESS);
  assert_memory_and_forecast_read (f);

  /* Anything else reads every row. */
  rh_database_emit_changed (f->db, RH_DATABASE_CHANGE_INTERVIEWS);
  update (f, RH_STATISTICS_PART_INTERVIEWS | RH_STATISTICS_PART_READINESS);
  g_assert_cmpuint (readiness_of (rh_statistics_get_readiness (f->statistics), "Go")->n_new, ==, 5);

  g_assert_finalize_object (g_steal_pointer (&scheduler));
}

static void
test_interview_change (Fixture       *f,
                       gconstpointer  data)
{
  update (f, RH_STATISTICS_PART_ALL);

  rh_database_emit_changed (f->db, RH_DATABASE_CHANGE_INTERVIEWS);
  g_assert_cmpuint (rh_statistics_get_stale (f->statistics), ==,
                    RH_STATISTICS_PART_INTERVIEWS | RH_STATISTICS_PART_READINESS);
  rh_database_emit_changed (f->db, RH_DATABASE_CHANGE_CARDS);
  g_assert_cmpuint (rh_statistics_get_stale (f->statistics), ==, RH_STATISTICS_PART_ALL);
  update (f, RH_STATISTICS_PART_ALL);
}

static void
test_empty (Fixture       *f,
            gconstpointer  data)
{
  guint n_days, overdue;

  update (f, RH_STATISTICS_PART_ALL);

  rh_statistics_get_days (f->statistics, &n_days);
  g_assert_cmpuint (n_days, ==, 30);
  g_assert_cmpuint (rh_statistics_get_current_streak (f->statistics), ==, 0);
  rh_statistics_get_forecast (f->statistics, &overdue);
  g_assert_cmpuint (overdue, ==, 0);
  g_assert_cmpuint (rh_statistics_get_memory (f->statistics)->n_cards, ==, 0);
  g_assert_cmpuint (rh_statistics_get_interviews (f->statistics)->len, ==, 0);
  /* Every card new: nothing ready yet. */
  g_assert_cmpuint (rh_statistics_get_readiness (f->statistics)->len, ==, 2);
  g_assert_cmpuint (g_array_index (rh_statistics_get_readiness (f->statistics), RhStatisticsTopic, 0).n_new,
                    ==, 5);

  /* The whole history of an empty log is today. */
  rh_statistics_set_period (f->statistics, RH_STATISTICS_PERIOD_ALL);
  update (f, RH_STATISTICS_PART_ACTIVITY | RH_STATISTICS_PART_INTERVIEWS);
  rh_statistics_get_days (f->statistics, &n_days);
  g_assert_cmpuint (n_days, ==, 1);
}

/* review_days against the log it counts, grouped directly: the rows that
 * differ either way. */
#define DAYS_GROUPED                                                                    \
  "SELECT rh_study_day (r.reviewed_at, (SELECT value FROM meta WHERE key = 'review_days')),"  \
  "  c.topic_id, sum (r.state_before = 0), sum (r.state_before = 1), sum (r.state_before = 2),"  \
  "  sum (r.state_before = 3), sum (r.state_before = 2 AND r.rating > 1), sum (max (r.duration_ms, 0))"  \
  " FROM review_log r JOIN cards c ON c.id = r.card_id GROUP BY 1, 2"
#define DAYS_KEPT                                                                       \
  "SELECT day, topic_id, n_new, n_learning, n_review, n_relearning, n_passed, duration_ms FROM review_days"

static void
assert_days_kept (Fixture *f)
{
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT count(*) FROM (" DAYS_KEPT " EXCEPT " DAYS_GROUPED ");"), ==, 0);
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT count(*) FROM (" DAYS_GROUPED " EXCEPT " DAYS_KEPT ");"), ==, 0);
  /* No empty day is left behind. */
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT count(*) FROM review_days"
                                             " WHERE n_new + n_learning + n_review + n_relearning = 0;"), ==, 0);
}

static gint64
n_day_rows (Fixture *f)
{
  return rh_test_query_int (f->db, "SELECT count(*) FROM review_days;");
}

static void
apply_operation (RhCardOperation *operation,
                 gboolean         undo)
{
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (operation);
  if (undo)
    g_assert_true (rh_card_operation_undo (operation, &error));
  else
    g_assert_true (rh_card_operation_apply (operation, &error));
  g_assert_no_error (error);
}

/* The per-day counts stay those of the log through every write that
 * touches it: an answer and its undo, a card deleted and restored, cards
 * moved and moved back, an import that moves a card and one that merges
 * a renamed card into another. */
static void
test_days_kept (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(RhScheduler) scheduler = rh_scheduler_new (f->db, f->settings);
  g_autoptr(RhCardOperation) delete = NULL;
  g_autoptr(RhCardOperation) move = NULL;
  g_autoptr(GError) error = NULL;
  gint64 ids[] = { 6, 4 };
  gint64 log_id = 0, n_rows;

  /* The migration's key: the 04:00 rollover in the clock's zone. */
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT value = '4 Europe/Berlin' FROM meta"
                                             " WHERE key = 'review_days';"), ==, 1);
  assert_days_kept (f);
  n_rows = n_day_rows (f);
  g_assert_cmpint (n_rows, ==, 5);

  rh_scheduler_answer (scheduler, 3, RH_RATING_GOOD, 7000, RH_REVIEW_SOURCE_STUDY, &log_id, &error);
  g_assert_no_error (error);
  assert_days_kept (f);
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT n_new FROM review_days WHERE topic_id ="
                                             " (SELECT topic_id FROM cards WHERE id = 3)"
                                             " ORDER BY day DESC LIMIT 1;"), ==, 2);
  g_assert_true (rh_scheduler_undo (scheduler, log_id, &error));
  g_assert_no_error (error);
  assert_days_kept (f);
  g_assert_cmpint (n_day_rows (f), ==, n_rows);

  /* Cards 6 and 4 hold three answers on three days; card 7 shares one. */
  delete = rh_card_operation_new_delete (f->db, ids, G_N_ELEMENTS (ids));
  apply_operation (delete, FALSE);
  assert_days_kept (f);
  g_assert_cmpint (n_day_rows (f), ==, n_rows - 2);
  apply_operation (delete, TRUE);
  assert_days_kept (f);
  g_assert_cmpint (n_day_rows (f), ==, n_rows);

  move = rh_card_operation_new_move (f->db, ids, G_N_ELEMENTS (ids), "Go::Runtime");
  apply_operation (move, FALSE);
  assert_days_kept (f);
  /* Go::Syntax had card 4's answer only; Redis keeps card 7's. */
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT count(*) FROM review_days WHERE topic_id ="
                                             " (SELECT id FROM topics WHERE path = 'Go::Syntax');"), ==, 0);
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT count(*) FROM review_days WHERE topic_id ="
                                             " (SELECT id FROM topics WHERE path = 'Redis');"), ==, 1);
  apply_operation (move, TRUE);
  assert_days_kept (f);
  g_assert_cmpint (n_day_rows (f), ==, n_rows);

  /* An import that moves go-0 to Redis, then one that merges syn-0 into
   * syn-1 (ids 4 and 5), taking its answer along. */
  rh_test_import (f->db,
                  "{\"rehearse_deck\": 1, \"cards\": [{\"id\": \"go-0\", \"topic\": \"Redis\","
                  " \"front\": \"Question 0\", \"back\": \"Answer 0\"}]}",
                  NULL);
  assert_days_kept (f);
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT sum (n_new) FROM review_days WHERE topic_id ="
                                             " (SELECT id FROM topics WHERE path = 'Redis');"), ==, 1);
  rh_test_import (f->db,
                  "{\"rehearse_deck\": 1, \"renamed\": {\"syn-0\": \"syn-1\"}, \"cards\": ["
                  " {\"id\": \"syn-1\", \"topic\": \"Go::Syntax\", \"front\": \"Question 1\","
                  " \"back\": \"Answer 1\"}]}",
                  NULL);
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT count(*) FROM review_log WHERE card_id = 5;"), ==, 1);
  assert_days_kept (f);

  /* Another rollover cuts the days again, once; answers then follow it. */
  g_assert_true (rh_statistics_store_prepare_days (f->db, 6, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT value = '6 Europe/Berlin' FROM meta"
                                             " WHERE key = 'review_days';"), ==, 1);
  assert_days_kept (f);
  rh_scheduler_answer (scheduler, 2, RH_RATING_AGAIN, 1000, RH_REVIEW_SOURCE_STUDY, NULL, &error);
  g_assert_no_error (error);
  assert_days_kept (f);

  g_assert_finalize_object (g_steal_pointer (&delete));
  g_assert_finalize_object (g_steal_pointer (&move));
  g_assert_finalize_object (g_steal_pointer (&scheduler));
}

/* The figures are the same whether read from review_days or, while it
 * cuts days at another hour, from the log. */
static void
test_days_either_way (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GArray) counted = NULL;
  guint n_days;
  const RhStatisticsDay *days;

  rh_statistics_set_period (f->statistics, RH_STATISTICS_PERIOD_ALL);
  update (f, RH_STATISTICS_PART_ALL);
  days = rh_statistics_get_days (f->statistics, &n_days);
  counted = g_array_new (FALSE, FALSE, sizeof (RhStatisticsDay));
  g_array_append_vals (counted, days, n_days);

  /* Cut at 06:00 now, so the days at 04:00 come from the log. */
  rh_test_exec (f->db, "UPDATE meta SET value = '6 Europe/Berlin' WHERE key = 'review_days';");
  for (guint i = 0; i < n_days; i++)
    {
      RhStatisticsDay day = { .start = days[i].start };
      gint64 end = i + 1 < n_days ? days[i + 1].start : local_time (f->tz, 4, 1, 4, 0);
      g_autoptr(GError) error = NULL;

      g_assert_true (rh_statistics_store_add_days (f->db, "", 4, 1, &day, end, &error));
      g_assert_no_error (error);
      g_assert_cmpmem (&day, sizeof day, &g_array_index (counted, RhStatisticsDay, i), sizeof day);
    }
}

static double
elapsed_ratio (double retention)
{
  RhFsrsParams params;

  rh_fsrs_params_init_default (&params);

  return rh_fsrs_elapsed_ratio (&params, retention);
}

/* The factor review_state_ready was built with, as its SQL spells it. */
static char *
dup_index_factor (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RhStatement) stmt = rh_database_prepare (f->db,
                                                     "SELECT sql FROM sqlite_schema"
                                                     " WHERE type = 'index' AND name = 'review_state_ready';",
                                                     &error);
  const char *sql, *start, *end;

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  sql = (const char *)sqlite3_column_text (stmt, 0);
  g_assert_nonnull ((start = strstr (sql, "CAST (")));
  g_assert_nonnull ((end = strstr (start, " * 86400.0")));

  return g_strndup (start + strlen ("CAST ("), end - start - strlen ("CAST ("));
}

/* The ready cards of a topic's subtree as readiness counted them before
 * schema 10: each studied card's retrievability worked out. */
static guint
n_ready_scanned (Fixture *f,
                 gint64   topic_id,
                 gint64   now,
                 double   desired)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RhStatement) stmt = rh_database_prepare (f->db,
                                                     "SELECT count(*) FROM review_state rs NOT INDEXED"
                                                     " WHERE rs.topic_id IN (SELECT descendant_id FROM topic_closure"
                                                     "  WHERE ancestor_id = ?1)"
                                                     " AND rs.state IN (1, 2, 3) AND rs.stability IS NOT NULL"
                                                     " AND rs.last_review IS NOT NULL"
                                                     " AND max(?2 - rs.last_review, 0) <= ?3 * 86400.0 * max(rs.stability, 0.001)"
                                                     " AND rs.card_id NOT IN (SELECT id FROM cards WHERE suspended <> 0);",
                                                     &error);

  g_assert_no_error (error);
  sqlite3_bind_int64 (stmt, 1, topic_id);
  sqlite3_bind_int64 (stmt, 2, now);
  sqlite3_bind_double (stmt, 3, desired);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);

  return (guint)sqlite3_column_int64 (stmt, 0);
}

/* Whether card @card_id is in review_state_ready's range of its topic's
 * cards still ready at @at: a seek on the stored keys. */
static gboolean
in_ready_range (Fixture    *f,
                const char *factor,
                gint64      topic_id,
                gint64      card_id,
                gint64      at)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM review_state rs INDEXED BY review_state_ready"
                                          " WHERE rs.topic_id = ?1 AND rs.state IN (1, 2, 3)"
                                          " AND " RH_DATABASE_READY_UNTIL ("%s") " >= ?2 AND rs.card_id = ?3;",
                                          factor);
  g_autoptr(GError) error = NULL;
  g_autoptr(RhStatement) stmt = rh_database_prepare (f->db, sql, &error);

  g_assert_no_error (error);
  sqlite3_bind_int64 (stmt, 1, topic_id);
  sqlite3_bind_int64 (stmt, 2, at);
  sqlite3_bind_int64 (stmt, 3, card_id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);

  return sqlite3_column_int64 (stmt, 0) != 0;
}

static void
assert_readiness_scanned (Fixture *f,
                          gint64   now,
                          double   retention)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) topics = rh_statistics_store_readiness (f->db, "", now, retention, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < topics->len; i++)
    {
      const RhStatisticsTopic *topic = &g_array_index (topics, RhStatisticsTopic, i);

      g_assert_cmpuint (topic->n_ready, ==, n_ready_scanned (f, topic->topic_id, now, elapsed_ratio (retention)));
    }
}

/* review_state_ready holds every studied card, and only those, at the
 * last second it is ready at @retention as worked out here from its
 * stability and last review; the readiness figures at that second and
 * the next are those of a scan of every card. */
static void
assert_ready_kept (Fixture *f,
                   double   retention)
{
  double desired = elapsed_ratio (retention);
  g_autofree char *factor = dup_index_factor (f);
  g_autofree char *exact = g_strdup_printf ("SELECT %s = ?1;", factor);
  g_autofree char *plan = g_strdup_printf ("EXPLAIN QUERY PLAN SELECT count(*) FROM review_state rs"
                                           " INDEXED BY review_state_ready WHERE rs.topic_id = 1"
                                           " AND rs.state IN (1, 2, 3) AND " RH_DATABASE_READY_UNTIL ("%s") " >= 0;",
                                           factor);
  g_autoptr(GError) error = NULL;
  g_autoptr(RhStatement) stmt = NULL;
  guint n_studied = 0;

  /* Built for this retention, its factor exactly the double. */
  stmt = rh_database_prepare (f->db, exact, &error);
  g_assert_no_error (error);
  sqlite3_bind_double (stmt, 1, desired);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int64 (stmt, 0), ==, 1);
  g_clear_pointer (&stmt, rh_statement_release);

  /* A range of the index, not a scan. */
  stmt = rh_database_prepare (f->db, plan, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_nonnull (strstr ((const char *)sqlite3_column_text (stmt, 3), "INDEX review_state_ready (topic_id=? AND <expr>>?)"));
  g_clear_pointer (&stmt, rh_statement_release);

  stmt = rh_database_prepare_uncached (f->db,
                                       "SELECT card_id, topic_id, state, stability, last_review FROM review_state;",
                                       &error);
  g_assert_no_error (error);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 card_id = sqlite3_column_int64 (stmt, 0);
      gint64 topic_id = sqlite3_column_int64 (stmt, 1);
      int state = sqlite3_column_int (stmt, 2);
      double stability = sqlite3_column_double (stmt, 3);
      gint64 last_review = sqlite3_column_int64 (stmt, 4);
      gint64 until;

      if (state == 0 || sqlite3_column_type (stmt, 3) == SQLITE_NULL || sqlite3_column_type (stmt, 4) == SQLITE_NULL)
        {
          g_assert_false (in_ready_range (f, factor, topic_id, card_id, G_MININT64));
          continue;
        }

      until = last_review + (gint64)(desired * 86400.0 * MAX (stability, 0.001));
      g_assert_true (in_ready_range (f, factor, topic_id, card_id, until));
      g_assert_false (in_ready_range (f, factor, topic_id, card_id, until + 1));
      assert_readiness_scanned (f, until, retention);
      assert_readiness_scanned (f, until + 1, retention);
      n_studied++;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  g_assert_cmpint (rh_test_query_int (f->db, "SELECT count(*) FROM review_state INDEXED BY review_state_ready"
                                             " WHERE state IN (1, 2, 3) AND stability IS NOT NULL"
                                             " AND last_review IS NOT NULL;"), ==, n_studied);
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT count(*) FROM pragma_integrity_check"
                                             " WHERE integrity_check <> 'ok';"), ==, 0);
}

/* The index of ready times follows every write to a card's memory: an
 * answer and its undo, forgetting, rescheduling, suspending, deleting
 * and restoring, imports that move a card and merge a renamed one; and
 * a new desired retention builds it again, once. */
static void
test_ready_kept (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(RhScheduler) scheduler = rh_scheduler_new (f->db, f->settings);
  g_autoptr(RhCardOperation) forget = NULL;
  g_autoptr(RhCardOperation) reschedule = NULL;
  g_autoptr(RhCardOperation) suspend = NULL;
  g_autoptr(RhCardOperation) delete = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 ids[] = { 6, 4 }, forgotten[] = { 1, 5 }, suspended[] = { 5 };
  gint64 log_id = 0;

  /* As the migration built it: the default retention, factor 1. */
  before = dup_index_factor (f);
  g_assert_cmpstr (before, ==, RH_DATABASE_READY_DEFAULT_FACTOR);
  g_assert_cmpfloat (elapsed_ratio (0.9), ==, 1.0);
  assert_ready_kept (f, 0.9);
  update (f, RH_STATISTICS_PART_ALL);
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT count(*) FROM sqlite_schema WHERE name = 'review_state_ready';"), ==, 1);

  rh_scheduler_answer (scheduler, 3, RH_RATING_GOOD, 7000, RH_REVIEW_SOURCE_STUDY, &log_id, &error);
  g_assert_no_error (error);
  assert_ready_kept (f, 0.9);
  rh_scheduler_answer (scheduler, 4, RH_RATING_AGAIN, 7000, RH_REVIEW_SOURCE_STUDY, NULL, &error);
  g_assert_no_error (error);
  assert_ready_kept (f, 0.9);
  g_assert_true (rh_scheduler_undo (scheduler, log_id, &error));
  g_assert_no_error (error);
  assert_ready_kept (f, 0.9);

  forget = rh_card_operation_new_forget (f->db, forgotten, G_N_ELEMENTS (forgotten));
  apply_operation (forget, FALSE);
  assert_ready_kept (f, 0.9);
  apply_operation (forget, TRUE);
  assert_ready_kept (f, 0.9);

  reschedule = rh_card_operation_new_reschedule (f->db, ids, G_N_ELEMENTS (ids), local_time (f->tz, 5, 1, 4, 0));
  apply_operation (reschedule, FALSE);
  assert_ready_kept (f, 0.9);
  apply_operation (reschedule, TRUE);
  assert_ready_kept (f, 0.9);

  suspend = rh_card_operation_new_suspend (f->db, suspended, G_N_ELEMENTS (suspended), TRUE);
  apply_operation (suspend, FALSE);
  assert_ready_kept (f, 0.9);
  apply_operation (suspend, TRUE);
  assert_ready_kept (f, 0.9);

  delete = rh_card_operation_new_delete (f->db, ids, G_N_ELEMENTS (ids));
  apply_operation (delete, FALSE);
  assert_ready_kept (f, 0.9);
  apply_operation (delete, TRUE);
  assert_ready_kept (f, 0.9);

  /* An import that moves go-0 to Redis, then one that merges syn-0 into
   * syn-1, which takes syn-0's later review. */
  rh_test_import (f->db,
                  "{\"rehearse_deck\": 1, \"cards\": [{\"id\": \"go-0\", \"topic\": \"Redis\","
                  " \"front\": \"Question 0\", \"back\": \"Answer 0\"}]}",
                  NULL);
  assert_ready_kept (f, 0.9);
  rh_test_import (f->db,
                  "{\"rehearse_deck\": 1, \"renamed\": {\"syn-0\": \"syn-1\"}, \"cards\": ["
                  " {\"id\": \"syn-1\", \"topic\": \"Go::Syntax\", \"front\": \"Question 1\","
                  " \"back\": \"Answer 1\"}]}",
                  NULL);
  assert_ready_kept (f, 0.9);

  /* Another retention: the page's next read builds the index again. */
  update (f, RH_STATISTICS_PART_ALL);
  rh_study_settings_set_desired_retention (f->settings, 0.8);
  update (f, RH_STATISTICS_PART_MEMORY | RH_STATISTICS_PART_READINESS);
  after = dup_index_factor (f);
  g_assert_cmpstr (after, !=, before);
  assert_ready_kept (f, 0.8);
  rh_scheduler_answer (scheduler, 2, RH_RATING_HARD, 1000, RH_REVIEW_SOURCE_STUDY, NULL, &error);
  g_assert_no_error (error);
  assert_ready_kept (f, 0.8);

  /* Once: the same retention leaves it as it is. */
  g_assert_true (rh_statistics_store_prepare_readiness (f->db, 0.8, &error));
  g_assert_no_error (error);
  g_clear_pointer (&before, g_free);
  before = dup_index_factor (f);
  g_assert_cmpstr (before, ==, after);

  g_assert_finalize_object (g_steal_pointer (&forget));
  g_assert_finalize_object (g_steal_pointer (&reschedule));
  g_assert_finalize_object (g_steal_pointer (&suspend));
  g_assert_finalize_object (g_steal_pointer (&delete));
  g_assert_finalize_object (g_steal_pointer (&scheduler));
}

/* While the index holds another retention (the file could not be
 * written), readiness reads every card, to the same figures. */
static void
test_ready_either_way (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GArray) indexed = NULL;
  g_autoptr(GArray) scanned = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now = local_time (f->tz, 3, 31, 10, 0);

  indexed = rh_statistics_store_readiness (f->db, "", now, 0.9, &error);
  g_assert_no_error (error);
  g_assert_true (rh_statistics_store_prepare_readiness (f->db, 0.95, &error));
  g_assert_no_error (error);
  scanned = rh_statistics_store_readiness (f->db, "", now, 0.9, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (indexed->len, ==, scanned->len);
  for (guint i = 0; i < indexed->len; i++)
    {
      const RhStatisticsTopic *a = &g_array_index (indexed, RhStatisticsTopic, i);
      const RhStatisticsTopic *b = &g_array_index (scanned, RhStatisticsTopic, i);

      g_assert_cmpstr (a->path, ==, b->path);
      g_assert_cmpuint (a->n_cards, ==, b->n_cards);
      g_assert_cmpuint (a->n_ready, ==, b->n_ready);
    }
  /* Go 3 of 5 ready, Redis 1 of 1, as test_readiness pins them. */
  g_assert_cmpuint (g_array_index (scanned, RhStatisticsTopic, 0).n_ready, ==, 3);
  g_assert_cmpuint (g_array_index (scanned, RhStatisticsTopic, 1).n_ready, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func, data) \
  g_test_add ("/statistics/" path, Fixture, data, fixture_setup, func, fixture_teardown)
  ADD ("activity", test_activity, NULL);
  ADD ("weeks", test_weeks, NULL);
  ADD ("periods", test_periods, NULL);
  ADD ("scope", test_scope, NULL);
  ADD ("forecast", test_forecast, NULL);
  ADD ("memory", test_memory, NULL);
  ADD ("readiness", test_readiness, NULL);
  ADD ("interviews", test_interviews, NULL);
  ADD ("answer", test_answer, NULL);
  ADD ("answer-moves", test_answer_moves, NULL);
  ADD ("interview-change", test_interview_change, NULL);
  ADD ("empty", test_empty, "empty");
  ADD ("days/kept", test_days_kept, NULL);
  ADD ("days/either-way", test_days_either_way, NULL);
  ADD ("ready/kept", test_ready_kept, NULL);
  ADD ("ready/either-way", test_ready_either_way, NULL);
#undef ADD

  return g_test_run ();
}
