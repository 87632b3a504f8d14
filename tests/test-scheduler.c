/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "rh-scheduler.h"
#include "rh-test-utils.h"

#define DAY (G_GINT64_CONSTANT (86400))

typedef struct
{
  GTimeZone       *tz;
  RhClock         *clock;
  RhDatabase      *db;
  RhStudySettings *settings;
  RhScheduler     *scheduler;
} Fixture;

static gint64
local_time (GTimeZone *tz,
            int        year,
            int        month,
            int        day,
            int        hour,
            int        minute)
{
  g_autoptr(GDateTime) dt = g_date_time_new (tz, year, month, day, hour, minute, 0);

  g_assert_nonnull (dt);

  return g_date_time_to_unix (dt);
}

static gint64
utc_time (int year,
          int month,
          int day,
          int hour,
          int minute)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc (year, month, day, hour, minute, 0);

  return g_date_time_to_unix (dt);
}

/* @data: the time zone identifier, "Asia/Shanghai" when NULL. */
static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *deck = rh_test_make_deck (4, "Go::Runtime", "go");
  const char *zone = data ? data : "Asia/Shanghai";

  f->tz = g_time_zone_new_identifier (zone);
  g_assert_nonnull (f->tz);

  /* 2026-03-02 10:00 local: the middle of a study day. */
  f->clock = rh_clock_new_fake (local_time (f->tz, 2026, 3, 2, 10, 0) * G_USEC_PER_SEC, f->tz);
  f->db = rh_test_open_database (":memory:", f->clock);
  rh_test_import (f->db, deck, NULL);
  f->settings = rh_study_settings_new ();
  f->scheduler = rh_scheduler_new (f->db, f->settings);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_assert_finalize_object (f->scheduler);
  g_assert_finalize_object (f->settings);
  g_assert_finalize_object (f->db);
  g_assert_finalize_object (f->clock);
  g_time_zone_unref (f->tz);
}

static gint64
now (Fixture *f)
{
  return rh_clock_get_now_seconds (f->clock);
}

static void
set_now (Fixture *f,
         gint64   seconds)
{
  rh_clock_set_now (f->clock, seconds * G_USEC_PER_SEC);
}

static gint64
card_id (Fixture    *f,
         const char *uid)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM cards WHERE uid = '%s';", uid);

  return rh_test_query_int (f->db, sql);
}

static RhReviewState
get_state (Fixture *f,
           gint64   id)
{
  g_autoptr(GError) error = NULL;
  RhReviewState state;

  g_assert_true (rh_scheduler_get_state (f->scheduler, id, &state, &error));
  g_assert_no_error (error);

  return state;
}

static gint64
answer (Fixture  *f,
        gint64    id,
        RhRating  rating)
{
  g_autoptr(GError) error = NULL;
  gint64 log_id = 0;

  g_assert_true (rh_scheduler_answer (f->scheduler, id, rating, 1000, RH_REVIEW_SOURCE_STUDY, &log_id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (log_id, >, 0);

  return log_id;
}

static void
undo (Fixture *f,
      gint64   log_id)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (rh_scheduler_undo (f->scheduler, log_id, &error));
  g_assert_no_error (error);
}

static void
get_params (Fixture      *f,
            RhFsrsParams *p)
{
  rh_fsrs_params_init_default (p);
  p->desired_retention = rh_study_settings_get_desired_retention (f->settings);
  p->maximum_interval = rh_study_settings_get_maximum_interval (f->settings);
}

/* Puts a card in review, last reviewed @elapsed_days study days ago at the
 * same time of day, and due now. */
static void
put_review (Fixture *f,
            gint64   id,
            double   stability,
            double   difficulty,
            int      elapsed_days,
            guint    reps)
{
  g_autofree char *sql = NULL;
  char s[G_ASCII_DTOSTR_BUF_SIZE], d[G_ASCII_DTOSTR_BUF_SIZE];
  g_autoptr(GDateTime) at = g_date_time_new_from_unix_utc (now (f));
  g_autoptr(GDateTime) local = g_date_time_to_timezone (at, f->tz);
  g_autoptr(GDateTime) last = g_date_time_add_days (local, -elapsed_days);

  sql = g_strdup_printf ("UPDATE review_state SET state = 2, step = 0, stability = %s, difficulty = %s,"
                         " due = %" G_GINT64_FORMAT ", last_review = %" G_GINT64_FORMAT ", reps = %u"
                         " WHERE card_id = %" G_GINT64_FORMAT ";",
                         g_ascii_dtostr (s, sizeof s, stability),
                         g_ascii_dtostr (d, sizeof d, difficulty),
                         rh_scheduler_get_day_start (f->scheduler, now (f)),
                         g_date_time_to_unix (last), reps, id);
  rh_test_exec (f->db, sql);
}

/* Every column of a review_state row, exactly (%a prints doubles without
 * rounding), NULLs included. */
static char *
dup_row (Fixture *f,
         gint64   id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RhStatement) stmt = NULL;
  GString *row = g_string_new (NULL);

  stmt = rh_database_prepare (f->db,
                              "SELECT state, step, stability, difficulty, due, last_review, reps, lapses"
                              " FROM review_state WHERE card_id = ?;",
                              &error);
  g_assert_no_error (error);
  sqlite3_bind_int64 (stmt, 1, id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);

  for (int i = 0; i < sqlite3_column_count (stmt); i++)
    {
      switch (sqlite3_column_type (stmt, i))
        {
        case SQLITE_NULL:
          g_string_append (row, "NULL|");
          break;

        case SQLITE_INTEGER:
          g_string_append_printf (row, "i%" G_GINT64_FORMAT "|", (gint64)sqlite3_column_int64 (stmt, i));
          break;

        case SQLITE_FLOAT:
          g_string_append_printf (row, "f%a|", sqlite3_column_double (stmt, i));
          break;

        default:
          g_assert_not_reached ();
        }
    }

  return g_string_free (row, FALSE);
}

static double
query_double (Fixture    *f,
              const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RhStatement) stmt = rh_database_prepare (f->db, sql, &error);

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);

  return sqlite3_column_double (stmt, 0);
}

static int
days_until (Fixture *f,
            gint64   due)
{
  return (int)(rh_scheduler_get_day_number (f->scheduler, due) - rh_scheduler_get_day_number (f->scheduler, now (f)));
}

/* The interval rh_scheduler should give, computed with rh_fsrs_* alone. */
static int
expected_interval (Fixture *f,
                   double   stability,
                   int      elapsed_days,
                   gint64   id,
                   guint    reps_after)
{
  RhFsrsParams p;

  get_params (f, &p);

  return rh_fsrs_fuzz_interval (rh_fsrs_next_interval (&p, stability), elapsed_days,
                                p.maximum_interval, rh_scheduler_get_fuzz_seed (id, reps_after));
}

/* Settings */

static void
test_settings_defaults (void)
{
  g_autoptr(RhStudySettings) settings = rh_study_settings_new ();
  const guint *steps;
  guint n_steps;

  g_assert_cmpfloat (rh_study_settings_get_desired_retention (settings), ==, 0.9);
  g_assert_cmpuint (rh_study_settings_get_new_per_day (settings), ==, 20);
  g_assert_cmpuint (rh_study_settings_get_reviews_per_day (settings), ==, 200);
  g_assert_cmpstr (rh_study_settings_get_learning_steps (settings), ==, "1m 10m");
  g_assert_cmpstr (rh_study_settings_get_relearning_steps (settings), ==, "10m");
  g_assert_cmpuint (rh_study_settings_get_day_rollover_hour (settings), ==, 4);
  g_assert_cmpuint (rh_study_settings_get_maximum_interval (settings), ==, 36500);
  g_assert_cmpuint (rh_study_settings_get_leech_threshold (settings), ==, 8);

  steps = rh_study_settings_get_learning_step_seconds (settings, &n_steps);
  g_assert_cmpuint (n_steps, ==, 2);
  g_assert_cmpuint (steps[0], ==, 60);
  g_assert_cmpuint (steps[1], ==, 600);

  steps = rh_study_settings_get_relearning_step_seconds (settings, &n_steps);
  g_assert_cmpuint (n_steps, ==, 1);
  g_assert_cmpuint (steps[0], ==, 600);

  g_assert_finalize_object (g_steal_pointer (&settings));
}

static void
assert_steps (const char  *text,
              const guint *expected,
              guint        n_expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) seconds = NULL;

  g_assert_true (rh_study_settings_parse_steps (text, &seconds, &error));
  g_assert_no_error (error);
  g_assert_cmpmem (seconds->data, seconds->len * sizeof (guint), expected, n_expected * sizeof (guint));
}

static void
assert_bad_steps (const char *text,
                  const char *message_part)
{
  g_autoptr(GError) error = NULL;
  GArray *seconds = NULL;

  g_assert_false (rh_study_settings_parse_steps (text, &seconds, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_null (seconds);
  if (message_part != NULL && strstr (error->message, message_part) == NULL)
    g_error ("“%s”: “%s” does not mention “%s”", text, error->message, message_part);
}

static void
test_settings_parse_steps (void)
{
  static const guint default_steps[] = { 60, 600 };
  static const guint all_units[] = { 30, 300, 3600, 86400 };
  static const guint bare[] = { 15 * 60 };
  static const guint longest[] = { 30 * 86400, 1 };

  assert_steps ("1m 10m", default_steps, G_N_ELEMENTS (default_steps));
  assert_steps ("30s 5m 1h 1d", all_units, G_N_ELEMENTS (all_units));
  /* A bare number means minutes; any whitespace separates. */
  assert_steps ("  15 \t", bare, G_N_ELEMENTS (bare));
  assert_steps ("1\t10\n", default_steps, G_N_ELEMENTS (default_steps));
  assert_steps ("30d 1s", longest, G_N_ELEMENTS (longest));
  assert_steps ("43200m 1s", longest, G_N_ELEMENTS (longest));

  /* Empty */
  assert_bad_steps ("", "at least one");
  assert_bad_steps ("   ", "at least one");
  assert_bad_steps (NULL, "at least one");
  /* Bad unit or not a number */
  assert_bad_steps ("10x", "10x");
  assert_bad_steps ("1m 10min", "10min");
  assert_bad_steps ("m10", "m10");
  assert_bad_steps ("-5m", "-5m");
  assert_bad_steps ("1.5h", "1.5h");
  /* Zero */
  assert_bad_steps ("0", "zero");
  assert_bad_steps ("1m 0s", "0s");
  /* Too long */
  assert_bad_steps ("31d", "31d");
  assert_bad_steps ("43201m", "30 days");
  assert_bad_steps ("721h", "721h");
  assert_bad_steps ("99999999999999999999999d", "too long");
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
test_settings_clamp (void)
{
  g_autoptr(RhStudySettings) settings = rh_study_settings_new ();
  const guint *steps;
  guint n_steps, notified = 0;

  g_signal_connect (settings, "notify", G_CALLBACK (count_notify_cb), &notified);

  rh_study_settings_set_desired_retention (settings, 0.5);
  g_assert_cmpfloat (rh_study_settings_get_desired_retention (settings), ==, 0.70);
  rh_study_settings_set_desired_retention (settings, 1.5);
  g_assert_cmpfloat (rh_study_settings_get_desired_retention (settings), ==, 0.99);
  rh_study_settings_set_desired_retention (settings, NAN);
  g_assert_cmpfloat (rh_study_settings_get_desired_retention (settings), ==, 0.99);
  rh_study_settings_set_desired_retention (settings, 0.85);
  g_assert_cmpfloat (rh_study_settings_get_desired_retention (settings), ==, 0.85);
  g_assert_cmpuint (notified, ==, 3);

  rh_study_settings_set_new_per_day (settings, 100000);
  g_assert_cmpuint (rh_study_settings_get_new_per_day (settings), ==, 9999);
  rh_study_settings_set_reviews_per_day (settings, 1000000);
  g_assert_cmpuint (rh_study_settings_get_reviews_per_day (settings), ==, 99999);
  rh_study_settings_set_day_rollover_hour (settings, 24);
  g_assert_cmpuint (rh_study_settings_get_day_rollover_hour (settings), ==, 23);
  rh_study_settings_set_maximum_interval (settings, 0);
  g_assert_cmpuint (rh_study_settings_get_maximum_interval (settings), ==, 1);
  rh_study_settings_set_maximum_interval (settings, 100000);
  g_assert_cmpuint (rh_study_settings_get_maximum_interval (settings), ==, 36500);

  /* Setting the same value again notifies nothing. */
  notified = 0;
  rh_study_settings_set_new_per_day (settings, 9999);
  rh_study_settings_set_learning_steps (settings, "1m 10m");
  g_assert_cmpuint (notified, ==, 0);

  /* Properties go through the same setters. */
  g_object_set (settings, "new-per-day", 5, "learning-steps", "30s 2m 1h", NULL);
  g_assert_cmpuint (rh_study_settings_get_new_per_day (settings), ==, 5);
  steps = rh_study_settings_get_learning_step_seconds (settings, &n_steps);
  g_assert_cmpuint (n_steps, ==, 3);
  g_assert_cmpuint (steps[2], ==, 3600);
  g_assert_cmpuint (notified, ==, 2);

  /* A bad string is refused and the old value stays. */
  g_test_expect_message ("rh-study-settings", G_LOG_LEVEL_WARNING, "*learning-steps*10x*");
  rh_study_settings_set_learning_steps (settings, "1m 10x");
  g_test_assert_expected_messages ();
  g_assert_cmpstr (rh_study_settings_get_learning_steps (settings), ==, "30s 2m 1h");
  steps = rh_study_settings_get_learning_step_seconds (settings, &n_steps);
  g_assert_cmpuint (n_steps, ==, 3);

  /* Learning needs a step; relearning may have none. */
  g_test_expect_message ("rh-study-settings", G_LOG_LEVEL_WARNING, "*learning-steps*");
  rh_study_settings_set_learning_steps (settings, "");
  g_test_assert_expected_messages ();
  g_assert_cmpstr (rh_study_settings_get_learning_steps (settings), ==, "30s 2m 1h");

  rh_study_settings_set_relearning_steps (settings, "");
  g_assert_cmpstr (rh_study_settings_get_relearning_steps (settings), ==, "");
  rh_study_settings_get_relearning_step_seconds (settings, &n_steps);
  g_assert_cmpuint (n_steps, ==, 0);

  g_test_expect_message ("rh-study-settings", G_LOG_LEVEL_WARNING, "*relearning-steps*");
  rh_study_settings_set_relearning_steps (settings, "0m");
  g_test_assert_expected_messages ();
  g_assert_cmpstr (rh_study_settings_get_relearning_steps (settings), ==, "");

  g_assert_finalize_object (g_steal_pointer (&settings));
}

/* New cards */

static void
test_new_card (Fixture       *f,
               gconstpointer  data)
{
  RhFsrsParams p;
  gint64 t0 = now (f);

  get_params (f, &p);

  for (int rating = RH_RATING_AGAIN; rating <= RH_RATING_EASY; rating++)
    {
      g_autofree char *uid = g_strdup_printf ("go-%d", rating - 1);
      gint64 id = card_id (f, uid);
      RhMemoryState mem;
      RhReviewState state;

      answer (f, id, (RhRating)rating);
      state = get_state (f, id);
      rh_fsrs_next_state (&p, NULL, 0, (RhRating)rating, &mem);

      g_assert_cmpfloat (state.stability, ==, mem.stability);
      g_assert_cmpfloat (state.difficulty, ==, mem.difficulty);
      g_assert_cmpint (state.last_review, ==, t0);
      g_assert_cmpuint (state.reps, ==, 1);
      g_assert_cmpuint (state.lapses, ==, 0);

      switch (rating)
        {
        case RH_RATING_AGAIN:
          g_assert_cmpint (state.state, ==, RH_CARD_STATE_LEARNING);
          g_assert_cmpuint (state.step, ==, 0);
          g_assert_cmpint (state.due, ==, t0 + 60);
          break;

        case RH_RATING_HARD:
          /* Halfway between the first two steps. */
          g_assert_cmpint (state.state, ==, RH_CARD_STATE_LEARNING);
          g_assert_cmpuint (state.step, ==, 0);
          g_assert_cmpint (state.due, ==, t0 + 330);
          break;

        case RH_RATING_GOOD:
          g_assert_cmpint (state.state, ==, RH_CARD_STATE_LEARNING);
          g_assert_cmpuint (state.step, ==, 1);
          g_assert_cmpint (state.due, ==, t0 + 600);
          break;

        case RH_RATING_EASY:
          /* Straight to review, due at the start of a later study day. */
          g_assert_cmpint (state.state, ==, RH_CARD_STATE_REVIEW);
          g_assert_cmpuint (state.step, ==, 0);
          g_assert_cmpint (days_until (f, state.due), ==, expected_interval (f, mem.stability, 0, id, 1));
          g_assert_cmpint (days_until (f, state.due), >=, 3);
          g_assert_cmpint (state.due, ==, rh_scheduler_get_day_start (f->scheduler, state.due));
          break;

        default:
          g_assert_not_reached ();
        }
    }
}

static void
test_new_card_one_step (Fixture       *f,
                        gconstpointer  data)
{
  gint64 t0 = now (f);
  gint64 hard = card_id (f, "go-0");
  gint64 good = card_id (f, "go-1");
  RhReviewState state;

  rh_study_settings_set_learning_steps (f->settings, "10m");

  /* Hard waits half as long again as the only step. */
  answer (f, hard, RH_RATING_HARD);
  state = get_state (f, hard);
  g_assert_cmpint (state.state, ==, RH_CARD_STATE_LEARNING);
  g_assert_cmpint (state.due, ==, t0 + 900);

  /* Good graduates at once when there is only one step. */
  answer (f, good, RH_RATING_GOOD);
  state = get_state (f, good);
  g_assert_cmpint (state.state, ==, RH_CARD_STATE_REVIEW);
  g_assert_cmpint (days_until (f, state.due), ==, expected_interval (f, state.stability, 0, good, 1));
}

static void
test_learning_steps (Fixture       *f,
                     gconstpointer  data)
{
  gint64 id = card_id (f, "go-0");
  RhFsrsParams p;
  RhMemoryState mem, prev;
  RhReviewState state;

  get_params (f, &p);
  rh_study_settings_set_learning_steps (f->settings, "1m 10m 1h");

  answer (f, id, RH_RATING_GOOD);
  state = get_state (f, id);
  g_assert_cmpuint (state.step, ==, 1);
  g_assert_cmpint (state.due, ==, now (f) + 600);

  /* Hard at a later step repeats that step's delay. */
  set_now (f, state.due);
  answer (f, id, RH_RATING_HARD);
  state = get_state (f, id);
  g_assert_cmpint (state.state, ==, RH_CARD_STATE_LEARNING);
  g_assert_cmpuint (state.step, ==, 1);
  g_assert_cmpint (state.due, ==, now (f) + 600);

  /* Again goes back to the first step. */
  set_now (f, state.due);
  answer (f, id, RH_RATING_AGAIN);
  state = get_state (f, id);
  g_assert_cmpuint (state.step, ==, 0);
  g_assert_cmpint (state.due, ==, now (f) + 60);

  set_now (f, state.due);
  answer (f, id, RH_RATING_GOOD);
  set_now (f, now (f) + 600);
  answer (f, id, RH_RATING_GOOD);
  state = get_state (f, id);
  g_assert_cmpint (state.state, ==, RH_CARD_STATE_LEARNING);
  g_assert_cmpuint (state.step, ==, 2);
  g_assert_cmpint (state.due, ==, now (f) + 3600);
  g_assert_cmpuint (state.reps, ==, 5);

  /* Good past the last step graduates, the memory state following FSRS's
   * same-day formula throughout. */
  set_now (f, state.due);
  prev.stability = state.stability;
  prev.difficulty = state.difficulty;
  rh_fsrs_next_state (&p, &prev, 0, RH_RATING_GOOD, &mem);
  answer (f, id, RH_RATING_GOOD);
  state = get_state (f, id);
  g_assert_cmpint (state.state, ==, RH_CARD_STATE_REVIEW);
  g_assert_cmpuint (state.step, ==, 0);
  g_assert_cmpfloat (state.stability, ==, mem.stability);
  g_assert_cmpfloat (state.difficulty, ==, mem.difficulty);
  g_assert_cmpint (days_until (f, state.due), ==, expected_interval (f, mem.stability, 0, id, 6));
  g_assert_cmpint (days_until (f, state.due), >=, 1);
}

static void
test_learning_steps_shortened (Fixture       *f,
                               gconstpointer  data)
{
  gint64 id = card_id (f, "go-0");
  RhReviewState state;

  rh_study_settings_set_learning_steps (f->settings, "1m 10m 1h");
  answer (f, id, RH_RATING_GOOD);
  answer (f, id, RH_RATING_GOOD);
  g_assert_cmpuint (get_state (f, id).step, ==, 2);

  /* The card's step no longer exists: it counts as the last one. */
  rh_study_settings_set_learning_steps (f->settings, "1m 10m");
  answer (f, id, RH_RATING_HARD);
  state = get_state (f, id);
  g_assert_cmpuint (state.step, ==, 1);
  g_assert_cmpint (state.due, ==, now (f) + 600);

  answer (f, id, RH_RATING_GOOD);
  g_assert_cmpint (get_state (f, id).state, ==, RH_CARD_STATE_REVIEW);
}

/* Reviews */

static void
test_review_intervals (Fixture       *f,
                       gconstpointer  data)
{
  static const double stabilities[] = { 0.3, 1.0, 2.5, 5.0, 20.0, 100.0, 1000.0 };
  gint64 id = card_id (f, "go-0");
  RhFsrsParams p;

  get_params (f, &p);

  for (guint i = 0; i < G_N_ELEMENTS (stabilities); i++)
    {
      RhMemoryState prev = { stabilities[i], 5.0 };
      int elapsed = (int)MAX (1.0, round (stabilities[i]));
      int expected[4], got[4];
      gint64 intervals[4];
      g_autoptr(GError) error = NULL;

      put_review (f, id, prev.stability, prev.difficulty, elapsed, 7);
      g_assert_cmpint (rh_scheduler_get_elapsed_days (f->scheduler, get_state (f, id).last_review, now (f)),
                       ==, elapsed);

      for (int rating = RH_RATING_HARD; rating <= RH_RATING_EASY; rating++)
        {
          RhMemoryState mem;

          rh_fsrs_next_state (&p, &prev, elapsed, (RhRating)rating, &mem);
          expected[rating - 1] = expected_interval (f, mem.stability, elapsed, id, 8);
        }
      expected[1] = MIN (expected[1], expected[2]);
      expected[2] = MAX (expected[2], expected[1] + 1);
      expected[3] = MAX (expected[3], expected[2] + 1);

      g_assert_true (rh_scheduler_preview (f->scheduler, id, intervals, &error));
      g_assert_no_error (error);

      for (int rating = RH_RATING_HARD; rating <= RH_RATING_EASY; rating++)
        {
          RhMemoryState mem;
          RhReviewState state;
          gint64 log_id;

          rh_fsrs_next_state (&p, &prev, elapsed, (RhRating)rating, &mem);

          log_id = answer (f, id, (RhRating)rating);
          state = get_state (f, id);
          got[rating - 1] = days_until (f, state.due);

          g_assert_cmpint (state.state, ==, RH_CARD_STATE_REVIEW);
          g_assert_cmpfloat (state.stability, ==, mem.stability);
          g_assert_cmpfloat (state.difficulty, ==, mem.difficulty);
          g_assert_cmpint (got[rating - 1], ==, expected[rating - 1]);
          g_assert_cmpint (intervals[rating - 1], ==, got[rating - 1] * DAY);
          g_assert_cmpint (state.due, ==, rh_scheduler_get_day_start_after (f->scheduler, now (f), got[rating - 1]));
          g_assert_cmpuint (state.reps, ==, 8);

          undo (f, log_id);
        }

      /* Each button means something: Hard < Good < Easy, a day apart. */
      g_assert_cmpint (got[1], >=, 1);
      g_assert_cmpint (got[2], >=, got[1] + 1);
      g_assert_cmpint (got[3], >=, got[2] + 1);
    }
}

static void
test_review_maximum_interval (Fixture       *f,
                              gconstpointer  data)
{
  gint64 id = card_id (f, "go-0");
  gint64 intervals[4];
  g_autoptr(GError) error = NULL;

  rh_study_settings_set_maximum_interval (f->settings, 3);
  put_review (f, id, 100.0, 5.0, 3, 4);

  g_assert_true (rh_scheduler_preview (f->scheduler, id, intervals, &error));
  g_assert_no_error (error);
  g_assert_cmpint (intervals[1], <=, intervals[2]);
  g_assert_cmpint (intervals[2], <=, intervals[3]);
  g_assert_cmpint (intervals[3], ==, 3 * DAY);

  rh_study_settings_set_maximum_interval (f->settings, 1);
  g_assert_true (rh_scheduler_preview (f->scheduler, id, intervals, &error));
  for (int i = 1; i < 4; i++)
    g_assert_cmpint (intervals[i], ==, DAY);
}

static void
test_lapse (Fixture       *f,
            gconstpointer  data)
{
  gint64 id = card_id (f, "go-0");
  RhMemoryState prev = { 10.0, 5.0 }, mem;
  RhReviewState state;
  RhFsrsParams p;
  gint64 intervals[4];
  g_autoptr(GError) error = NULL;

  get_params (f, &p);
  put_review (f, id, prev.stability, prev.difficulty, 12, 3);

  answer (f, id, RH_RATING_AGAIN);
  state = get_state (f, id);
  rh_fsrs_next_state (&p, &prev, 12, RH_RATING_AGAIN, &mem);
  g_assert_cmpint (state.state, ==, RH_CARD_STATE_RELEARNING);
  g_assert_cmpuint (state.step, ==, 0);
  g_assert_cmpint (state.due, ==, now (f) + 600);
  g_assert_cmpuint (state.lapses, ==, 1);
  g_assert_cmpuint (state.reps, ==, 4);
  g_assert_cmpfloat (state.stability, ==, mem.stability);
  g_assert_cmpfloat (state.stability, <, prev.stability);

  /* One relearning step: Hard waits 1.5 × the step, Good goes back to review. */
  set_now (f, state.due);
  g_assert_true (rh_scheduler_preview (f->scheduler, id, intervals, &error));
  g_assert_no_error (error);
  g_assert_cmpint (intervals[0], ==, 600);
  g_assert_cmpint (intervals[1], ==, 900);
  g_assert_cmpint (intervals[2] % DAY, ==, 0);
  g_assert_cmpint (intervals[2], >=, DAY);

  prev = mem;
  rh_fsrs_next_state (&p, &prev, 0, RH_RATING_GOOD, &mem);
  answer (f, id, RH_RATING_GOOD);
  state = get_state (f, id);
  g_assert_cmpint (state.state, ==, RH_CARD_STATE_REVIEW);
  g_assert_cmpuint (state.lapses, ==, 1);
  g_assert_cmpfloat (state.stability, ==, mem.stability);
  g_assert_cmpint (days_until (f, state.due), ==, expected_interval (f, mem.stability, 0, id, 5));
  g_assert_cmpint (intervals[2], ==, days_until (f, state.due) * DAY);
}

static void
test_lapse_without_relearning (Fixture       *f,
                               gconstpointer  data)
{
  gint64 id = card_id (f, "go-0");
  RhReviewState state;

  rh_study_settings_set_relearning_steps (f->settings, "");
  put_review (f, id, 10.0, 5.0, 12, 3);

  answer (f, id, RH_RATING_AGAIN);
  state = get_state (f, id);
  g_assert_cmpint (state.state, ==, RH_CARD_STATE_REVIEW);
  g_assert_cmpuint (state.lapses, ==, 1);
  g_assert_cmpint (state.due, ==, rh_scheduler_get_day_start_after (f->scheduler, now (f), 1));
}

static void
test_preview_matches_answer (Fixture       *f,
                             gconstpointer  data)
{
  gint64 id = card_id (f, "go-0");
  const RhRating script[] = { RH_RATING_GOOD, RH_RATING_GOOD, RH_RATING_GOOD, RH_RATING_AGAIN, RH_RATING_HARD };

  for (guint i = 0; i < G_N_ELEMENTS (script); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 intervals[4];
      RhReviewState state;

      g_assert_true (rh_scheduler_preview (f->scheduler, id, intervals, &error));
      g_assert_no_error (error);

      for (int rating = RH_RATING_AGAIN; rating <= RH_RATING_EASY; rating++)
        {
          gint64 log_id = answer (f, id, (RhRating)rating);

          state = get_state (f, id);
          if (state.state == RH_CARD_STATE_REVIEW)
            g_assert_cmpint (intervals[rating - 1], ==, days_until (f, state.due) * DAY);
          else
            g_assert_cmpint (intervals[rating - 1], ==, state.due - now (f));
          undo (f, log_id);
        }

      answer (f, id, script[i]);
      set_now (f, MAX (get_state (f, id).due, now (f)) + 3600);
    }
}

static void
test_fuzz_deterministic (Fixture       *f,
                         gconstpointer  data)
{
  gint64 id = card_id (f, "go-0");
  gint64 first, log_id;
  gboolean spread = FALSE;

  put_review (f, id, 30.0, 5.0, 30, 6);

  log_id = answer (f, id, RH_RATING_GOOD);
  first = get_state (f, id).due;
  undo (f, log_id);

  /* The same answer to the same card gives the same day, every time. */
  for (int i = 0; i < 5; i++)
    {
      log_id = answer (f, id, RH_RATING_GOOD);
      g_assert_cmpint (get_state (f, id).due, ==, first);
      undo (f, log_id);
    }

  /* Other cards, or the same card at another repetition, spread out. */
  for (int reps = 0; reps < 20 && !spread; reps++)
    {
      put_review (f, id, 30.0, 5.0, 30, reps);
      log_id = answer (f, id, RH_RATING_GOOD);
      spread = get_state (f, id).due != first;
      undo (f, log_id);
    }
  g_assert_true (spread);
  g_assert_cmpuint (rh_scheduler_get_fuzz_seed (1, 2), !=, rh_scheduler_get_fuzz_seed (2, 2));
  g_assert_cmpuint (rh_scheduler_get_fuzz_seed (1, 2), !=, rh_scheduler_get_fuzz_seed (1, 3));
}

/* Study days */

static void
test_day_rollover (Fixture       *f,
                   gconstpointer  data)
{
  GTimeZone *tz = f->tz;
  gint64 mar1_4 = local_time (tz, 2026, 3, 1, 4, 0);
  gint64 mar2_4 = local_time (tz, 2026, 3, 2, 4, 0);
  gint64 day;
  g_autoptr(GDate) epoch = g_date_new_dmy (1, G_DATE_JANUARY, 1970);
  g_autoptr(GDate) mar2 = g_date_new_dmy (2, G_DATE_MARCH, 2026);

  /* Shanghai is UTC+8: 04:00 local is 20:00 UTC the day before. */
  g_assert_cmpint (mar2_4, ==, utc_time (2026, 3, 1, 20, 0));

  /* Before 04:00 the previous study day is still going on, across midnight. */
  g_assert_cmpint (rh_scheduler_get_day_start (f->scheduler, local_time (tz, 2026, 3, 1, 23, 59)), ==, mar1_4);
  g_assert_cmpint (rh_scheduler_get_day_start (f->scheduler, local_time (tz, 2026, 3, 2, 0, 1)), ==, mar1_4);
  g_assert_cmpint (rh_scheduler_get_day_start (f->scheduler, mar2_4 - 1), ==, mar1_4);
  g_assert_cmpint (rh_scheduler_get_day_start (f->scheduler, mar2_4), ==, mar2_4);
  g_assert_cmpint (rh_scheduler_get_day_start (f->scheduler, local_time (tz, 2026, 3, 2, 23, 0)), ==, mar2_4);
  g_assert_cmpint (rh_scheduler_get_day_start_after (f->scheduler, mar2_4 - 1, 1), ==, mar2_4);
  g_assert_cmpint (rh_scheduler_get_day_start_after (f->scheduler, mar2_4, -1), ==, mar1_4);

  /* Day numbers count local dates from the epoch. */
  day = rh_scheduler_get_day_number (f->scheduler, mar2_4);
  g_assert_cmpint (day, ==, (gint64)g_date_get_julian (mar2) - g_date_get_julian (epoch));
  g_assert_cmpint (rh_scheduler_get_day_number (f->scheduler, mar2_4 - 1), ==, day - 1);
  g_assert_cmpint (rh_scheduler_get_day_number (f->scheduler, local_time (tz, 2026, 3, 2, 0, 1)), ==, day - 1);
  g_assert_cmpint (rh_scheduler_get_day_number (f->scheduler, local_time (tz, 2026, 3, 3, 3, 59)), ==, day);
  g_assert_cmpint (rh_scheduler_get_day_number (f->scheduler, local_time (tz, 2026, 3, 3, 4, 0)), ==, day + 1);

  /* With the rollover at midnight, midnight separates the days. */
  rh_study_settings_set_day_rollover_hour (f->settings, 0);
  g_assert_cmpint (rh_scheduler_get_day_number (f->scheduler, local_time (tz, 2026, 3, 2, 0, 1)),
                   ==, rh_scheduler_get_day_number (f->scheduler, local_time (tz, 2026, 3, 1, 23, 59)) + 1);
  g_assert_cmpint (rh_scheduler_get_day_start (f->scheduler, local_time (tz, 2026, 3, 2, 3, 0)),
                   ==, local_time (tz, 2026, 3, 2, 0, 0));
}

static void
test_day_dst (Fixture       *f,
              gconstpointer  data)
{
  /* Europe/Berlin: 2026-03-29 02:00 CET → 03:00 CEST; 2026-10-25 03:00 CEST → 02:00 CET. */
  gint64 mar28_start = utc_time (2026, 3, 28, 3, 0);   /* 04:00 CET */
  gint64 mar29_start = utc_time (2026, 3, 29, 2, 0);   /* 04:00 CEST */
  gint64 oct25_start = utc_time (2026, 10, 25, 3, 0);  /* 04:00 CET */
  gint64 mar28_day;

  g_assert_cmpint (rh_scheduler_get_day_start (f->scheduler, utc_time (2026, 3, 28, 11, 0)), ==, mar28_start);
  g_assert_cmpint (rh_scheduler_get_day_start (f->scheduler, utc_time (2026, 3, 29, 10, 0)), ==, mar29_start);
  /* 03:59 CEST on the short day still belongs to the 28th. */
  g_assert_cmpint (rh_scheduler_get_day_start (f->scheduler, mar29_start - 60), ==, mar28_start);

  /* A study day of 23 hours is still one day. */
  g_assert_cmpint (rh_scheduler_get_day_start_after (f->scheduler, mar28_start, 1), ==, mar29_start);
  g_assert_cmpint (mar29_start - mar28_start, ==, 23 * 3600);
  mar28_day = rh_scheduler_get_day_number (f->scheduler, mar28_start);
  g_assert_cmpint (rh_scheduler_get_day_number (f->scheduler, mar29_start - 1), ==, mar28_day);
  g_assert_cmpint (rh_scheduler_get_day_number (f->scheduler, mar29_start), ==, mar28_day + 1);

  /* And one of 25 hours. */
  g_assert_cmpint (rh_scheduler_get_day_start_after (f->scheduler, utc_time (2026, 10, 24, 12, 0), 1),
                   ==, oct25_start);
  g_assert_cmpint (oct25_start - rh_scheduler_get_day_start (f->scheduler, utc_time (2026, 10, 24, 12, 0)),
                   ==, 25 * 3600);
  g_assert_cmpint (rh_scheduler_get_day_number (f->scheduler, oct25_start)
                   - rh_scheduler_get_day_number (f->scheduler, mar28_start), ==, 211);

  /* A review one day after the 28th is due at the start of the short day. */
  set_now (f, utc_time (2026, 3, 28, 11, 0));
  g_assert_cmpint (rh_scheduler_get_day_start_after (f->scheduler, now (f), 1), ==, mar29_start);

  /* A rollover hour that the change skips: the day starts at 03:00 CEST,
   * the first valid time after it. */
  rh_study_settings_set_day_rollover_hour (f->settings, 2);
  g_assert_cmpint (rh_scheduler_get_day_number (f->scheduler, utc_time (2026, 3, 29, 0, 30)),  /* 01:30 CET */
                   ==, mar28_day);
  g_assert_cmpint (rh_scheduler_get_day_number (f->scheduler, utc_time (2026, 3, 29, 1, 30)),  /* 03:30 CEST */
                   ==, mar28_day + 1);
  g_assert_cmpint (rh_scheduler_get_day_start (f->scheduler, utc_time (2026, 3, 29, 1, 30)), >, utc_time (2026, 3, 29, 0, 30));
  g_assert_cmpint (rh_scheduler_get_day_start (f->scheduler, utc_time (2026, 3, 29, 1, 30)), <=, utc_time (2026, 3, 29, 1, 30));
}

static void
test_elapsed_days (Fixture       *f,
                   gconstpointer  data)
{
  gint64 id = card_id (f, "go-0");
  gint64 last = local_time (f->tz, 2026, 3, 1, 23, 0);
  RhMemoryState prev = { 4.0, 6.0 }, mem;
  RhFsrsParams p;
  g_autofree char *sql = NULL;
  gint64 log_id;

  get_params (f, &p);
  sql = g_strdup_printf ("UPDATE review_state SET state = 2, stability = 4.0, difficulty = 6.0,"
                         " due = 0, last_review = %" G_GINT64_FORMAT ", reps = 3 WHERE card_id = %" G_GINT64_FORMAT ";",
                         last, id);
  rh_test_exec (f->db, sql);

  /* 23:00 and 03:00 the next night are the same study day. */
  set_now (f, local_time (f->tz, 2026, 3, 2, 3, 0));
  g_assert_cmpint (rh_scheduler_get_elapsed_days (f->scheduler, last, now (f)), ==, 0);
  rh_fsrs_next_state (&p, &prev, 0, RH_RATING_GOOD, &mem);
  log_id = answer (f, id, RH_RATING_GOOD);
  g_assert_cmpfloat (get_state (f, id).stability, ==, mem.stability);
  undo (f, log_id);

  /* After 04:00 it is one day later, whatever the hours. */
  set_now (f, local_time (f->tz, 2026, 3, 2, 4, 30));
  g_assert_cmpint (rh_scheduler_get_elapsed_days (f->scheduler, last, now (f)), ==, 1);
  rh_fsrs_next_state (&p, &prev, 1, RH_RATING_GOOD, &mem);
  answer (f, id, RH_RATING_GOOD);
  g_assert_cmpfloat (get_state (f, id).stability, ==, mem.stability);

  g_assert_cmpint (rh_scheduler_get_elapsed_days (f->scheduler, last, local_time (f->tz, 2026, 3, 11, 3, 0)), ==, 9);
  g_assert_cmpint (rh_scheduler_get_elapsed_days (f->scheduler, 0, now (f)), ==, 0);
  g_assert_cmpint (rh_scheduler_get_elapsed_days (f->scheduler, now (f) + DAY, now (f)), ==, 0);
}

/* Log and undo */

static void
test_review_log (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  gint64 id = card_id (f, "go-0");
  gint64 t0 = now (f), log_id = 0, log2 = 0;
  RhReviewState state;

  g_assert_true (rh_scheduler_answer (f->scheduler, id, RH_RATING_GOOD, 4321, RH_REVIEW_SOURCE_STUDY, &log_id, &error));
  g_assert_no_error (error);
  state = get_state (f, id);

  sql = g_strdup_printf ("SELECT card_id = %" G_GINT64_FORMAT " AND reviewed_at = %" G_GINT64_FORMAT
                         " AND rating = 3 AND duration_ms = 4321 AND source = 'study'"
                         " AND state_before = 0 AND step_before = 0 AND stability_before IS NULL"
                         " AND difficulty_before IS NULL AND due_before = 0 AND last_review_before IS NULL"
                         " AND reps_before = 0 AND lapses_before = 0"
                         " AND state_after = 1 AND step_after = 1 AND due_after = %" G_GINT64_FORMAT
                         " FROM review_log WHERE id = %" G_GINT64_FORMAT ";",
                         id, t0, t0 + 600, log_id);
  g_assert_cmpint (rh_test_query_int (f->db, sql), ==, 1);
  g_free (sql);
  sql = g_strdup_printf ("SELECT stability_after FROM review_log WHERE id = %" G_GINT64_FORMAT ";", log_id);
  g_assert_cmpfloat (query_double (f, sql), ==, state.stability);
  g_free (sql);
  sql = g_strdup_printf ("SELECT difficulty_after FROM review_log WHERE id = %" G_GINT64_FORMAT ";", log_id);
  g_assert_cmpfloat (query_double (f, sql), ==, state.difficulty);
  g_free (sql);

  /* An interview answer, ten minutes on: the before columns are the state
   * the first answer left. */
  set_now (f, t0 + 600);
  g_assert_true (rh_scheduler_answer (f->scheduler, id, RH_RATING_EASY, -5, RH_REVIEW_SOURCE_INTERVIEW, &log2, &error));
  g_assert_no_error (error);
  g_assert_cmpint (log2, >, log_id);

  sql = g_strdup_printf ("SELECT reviewed_at = %" G_GINT64_FORMAT " AND rating = 4 AND duration_ms = 0"
                         " AND source = 'interview' AND state_before = 1 AND step_before = 1"
                         " AND due_before = %" G_GINT64_FORMAT " AND last_review_before = %" G_GINT64_FORMAT
                         " AND reps_before = 1 AND state_after = 2 AND step_after = 0"
                         " AND due_after = (SELECT due FROM review_state WHERE card_id = l.card_id)"
                         " AND stability_after = (SELECT stability FROM review_state WHERE card_id = l.card_id)"
                         " FROM review_log l WHERE id = %" G_GINT64_FORMAT ";",
                         t0 + 600, t0 + 600, t0, log2);
  g_assert_cmpint (rh_test_query_int (f->db, sql), ==, 1);
  g_free (sql);
  sql = g_strdup_printf ("SELECT stability_before FROM review_log WHERE id = %" G_GINT64_FORMAT ";", log2);
  g_assert_cmpfloat (query_double (f, sql), ==, state.stability);

  g_assert_cmpint (rh_test_query_int (f->db, "SELECT count(*) FROM review_log;"), ==, 2);
  g_assert_cmpuint (get_state (f, id).reps, ==, 2);
}

static void
changed_cb (RhDatabase       *db,
            RhDatabaseChange  changes,
            guint            *count)
{
  g_assert_cmpint (changes, ==, RH_DATABASE_CHANGE_REVIEWS);
  (*count)++;
}

static void
test_undo_restores (Fixture       *f,
                    gconstpointer  data)
{
  gint64 id = card_id (f, "go-0");
  g_autofree char *original = dup_row (f, id);
  g_autofree char *review = NULL;
  guint changes = 0;

  g_signal_connect (f->db, "changed", G_CALLBACK (changed_cb), &changes);

  /* From new, NULLs included. */
  for (int rating = RH_RATING_AGAIN; rating <= RH_RATING_EASY; rating++)
    {
      g_autofree char *after = NULL;
      gint64 log_id = answer (f, id, (RhRating)rating);

      after = dup_row (f, id);
      g_assert_cmpstr (after, !=, original);
      undo (f, log_id);

      g_free (after);
      after = dup_row (f, id);
      g_assert_cmpstr (after, ==, original);
      g_assert_cmpint (rh_test_query_int (f->db, "SELECT count(*) FROM review_log;"), ==, 0);
    }
  g_assert_cmpuint (changes, ==, 8);

  /* From learning and from review, with odd doubles. */
  answer (f, id, RH_RATING_GOOD);
  review = dup_row (f, id);
  set_now (f, now (f) + 60);
  undo (f, answer (f, id, RH_RATING_AGAIN));
  {
    g_autofree char *after = dup_row (f, id);
    g_assert_cmpstr (after, ==, review);
  }
  g_clear_pointer (&review, g_free);

  put_review (f, id, 1.0 / 3.0, 7.123456789012345, 5, 9);
  review = dup_row (f, id);
  for (int rating = RH_RATING_AGAIN; rating <= RH_RATING_EASY; rating++)
    {
      g_autofree char *after = NULL;

      undo (f, answer (f, id, (RhRating)rating));
      after = dup_row (f, id);
      g_assert_cmpstr (after, ==, review);
    }
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT count(*) FROM review_log;"), ==, 1);
}

static void
test_undo_only_newest (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = card_id (f, "go-0");
  gint64 other = card_id (f, "go-1");
  g_autofree char *original = dup_row (f, id);
  g_autofree char *middle = NULL;
  g_autofree char *latest = NULL;
  g_autofree char *after = NULL;
  gint64 first, second;

  first = answer (f, id, RH_RATING_AGAIN);
  middle = dup_row (f, id);
  second = answer (f, id, RH_RATING_GOOD);
  /* Another card's answer does not count. */
  answer (f, other, RH_RATING_GOOD);
  latest = dup_row (f, id);

  g_assert_false (rh_scheduler_undo (f->scheduler, first, &error));
  g_assert_error (error, RH_DATABASE_ERROR, RH_DATABASE_ERROR_FAILED);
  g_clear_error (&error);
  after = dup_row (f, id);
  g_assert_cmpstr (after, ==, latest);
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT count(*) FROM review_log;"), ==, 3);

  undo (f, second);
  g_free (after);
  after = dup_row (f, id);
  g_assert_cmpstr (after, ==, middle);
  undo (f, first);
  g_free (after);
  after = dup_row (f, id);
  g_assert_cmpstr (after, ==, original);

  g_assert_false (rh_scheduler_undo (f->scheduler, first, &error));
  g_assert_error (error, RH_DATABASE_ERROR, RH_DATABASE_ERROR_NOT_FOUND);
}

static void
test_unknown_card (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  RhReviewState state;
  gint64 intervals[4];

  g_assert_false (rh_scheduler_get_state (f->scheduler, 999, &state, &error));
  g_assert_error (error, RH_DATABASE_ERROR, RH_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (rh_scheduler_preview (f->scheduler, 999, intervals, &error));
  g_assert_error (error, RH_DATABASE_ERROR, RH_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (rh_scheduler_answer (f->scheduler, 999, RH_RATING_GOOD, 0, RH_REVIEW_SOURCE_STUDY, NULL, &error));
  g_assert_error (error, RH_DATABASE_ERROR, RH_DATABASE_ERROR_NOT_FOUND);
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT count(*) FROM review_log;"), ==, 0);

  /* The failed transaction was rolled back: the next one works. */
  answer (f, card_id (f, "go-0"), RH_RATING_GOOD);
}

static void
assert_format (gint64      seconds,
               const char *expected)
{
  g_autofree char *text = rh_scheduler_format_interval (seconds);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_format_interval (void)
{
  assert_format (-5, "0 s");
  assert_format (0, "0 s");
  assert_format (45, "45 s");
  assert_format (59, "59 s");
  assert_format (60, "1 min");
  assert_format (330, "6 min");
  assert_format (600, "10 min");
  assert_format (3569, "59 min");
  assert_format (3599, "1 h");
  assert_format (3 * 3600, "3 h");
  assert_format (DAY - 60, "1 d");
  assert_format (DAY, "1 d");
  assert_format (5 * DAY, "5 d");
  assert_format (29 * DAY, "29 d");
  assert_format (30 * DAY, "1 mo");
  assert_format (46 * DAY, "1.5 mo");
  assert_format (61 * DAY, "2 mo");
  assert_format (364 * DAY, "12 mo");
  assert_format (365 * DAY, "1 y");
  assert_format (548 * DAY, "1.5 y");
  assert_format (36500 * DAY, "100 y");
}

/* A card's own row, as the leech marking could touch it. */
static char *
dup_card_row (Fixture *f,
              gint64   id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RhStatement) stmt = NULL;

  stmt = rh_database_prepare (f->db, "SELECT suspended, quote (tags), modified, front, back FROM cards WHERE id = ?;", &error);
  g_assert_no_error (error);
  sqlite3_bind_int64 (stmt, 1, id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);

  return g_strdup_printf ("%d|%s|%lld|%s|%s", sqlite3_column_int (stmt, 0),
                          (const char *)sqlite3_column_text (stmt, 1),
                          (long long)sqlite3_column_int64 (stmt, 2),
                          (const char *)sqlite3_column_text (stmt, 3),
                          (const char *)sqlite3_column_text (stmt, 4));
}

/* Whether is:leech (and tag:leech) find @id, through the search index. */
static gboolean
found_as_leech (Fixture *f,
                gint64   id)
{
  static const char * const searches[] = { "is:leech", "tag:leech" };
  gboolean found[2] = { FALSE, FALSE };

  for (guint s = 0; s < G_N_ELEMENTS (searches); s++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) ids = rh_deck_store_query_card_ids (f->db, "", searches[s], &error);

      g_assert_no_error (error);
      for (guint i = 0; i < ids->len; i++)
        found[s] |= g_array_index (ids, gint64, i) == id;
    }

  g_assert_cmpint (found[0], ==, found[1]);
  return found[0];
}

/* Puts @id in review, due now, forgotten @lapses times so far. */
static void
put_lapsed (Fixture *f,
            gint64   id,
            guint    lapses)
{
  g_autofree char *sql = g_strdup_printf ("UPDATE review_state SET lapses = %u WHERE card_id = %lld;",
                                          lapses, (long long)id);

  put_review (f, id, 20.0, 5.0, 20, lapses + 3);
  rh_test_exec (f->db, sql);
}

static void
count_card_changes_cb (RhDatabase       *database,
                       RhDatabaseChange  changes,
                       guint            *n)
{
  if (changes & RH_DATABASE_CHANGE_CARDS)
    (*n)++;
}

/* The eighth lapse (the leech threshold) suspends the card and tags it
 * "leech" with the answer; undoing the answer takes both back exactly. */
static void
test_leech (Fixture       *f,
            gconstpointer  data)
{
  gint64 id = card_id (f, "go-0");
  g_autofree char *card_before = NULL;
  g_autofree char *state_before = NULL;
  g_autofree char *card_after = NULL;
  g_autofree char *state_after = NULL;
  guint card_changes = 0;
  gint64 log_id;

  g_assert_cmpuint (rh_study_settings_get_leech_threshold (f->settings), ==, 8);
  g_signal_connect (f->db, "changed", G_CALLBACK (count_card_changes_cb), &card_changes);

  /* The seventh lapse is not one yet; nor is a pass. */
  put_lapsed (f, id, 6);
  log_id = answer (f, id, RH_RATING_AGAIN);
  g_assert_false (rh_scheduler_get_answer_leech (f->scheduler, log_id));
  put_lapsed (f, id, 7);
  log_id = answer (f, id, RH_RATING_GOOD);
  g_assert_false (rh_scheduler_get_answer_leech (f->scheduler, log_id));
  g_assert_cmpuint (card_changes, ==, 0);
  g_assert_false (found_as_leech (f, id));

  put_lapsed (f, id, 7);
  card_before = dup_card_row (f, id);
  state_before = dup_row (f, id);
  log_id = answer (f, id, RH_RATING_AGAIN);
  g_assert_true (rh_scheduler_get_answer_leech (f->scheduler, log_id));
  g_assert_cmpuint (get_state (f, id).lapses, ==, 8);
  card_after = dup_card_row (f, id);
  g_assert_cmpstr (card_after, ==, "1|'leech'|1772416800|Question 0|Answer 0");
  g_assert_cmpuint (card_changes, ==, 1);
  g_assert_true (found_as_leech (f, id));

  undo (f, log_id);
  g_assert_false (rh_scheduler_get_answer_leech (f->scheduler, log_id));
  g_clear_pointer (&card_after, g_free);
  card_after = dup_card_row (f, id);
  state_after = dup_row (f, id);
  g_assert_cmpstr (card_after, ==, card_before);
  g_assert_cmpstr (state_after, ==, state_before);
  g_assert_cmpuint (card_changes, ==, 2);
  g_assert_false (found_as_leech (f, id));

  g_signal_handlers_disconnect_by_data (f->db, &card_changes);
}

/* Tags already there stay first; a card tagged "leech" by hand is only
 * suspended, and keeps its tag on undo; every half threshold after the
 * first, a card is a leech again; 0 turns it off; interview answers that
 * count follow the same rule. */
static void
test_leech_cases (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 tagged = card_id (f, "go-1");
  gint64 manual = card_id (f, "go-2");
  gint64 other = card_id (f, "go-3");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 log_id;

  rh_test_exec (f->db, "UPDATE cards SET tags = 'redis' || char (10) || '持久化' WHERE uid = 'go-1';");
  put_lapsed (f, tagged, 7);
  before = dup_card_row (f, tagged);
  log_id = answer (f, tagged, RH_RATING_AGAIN);
  after = dup_card_row (f, tagged);
  g_assert_nonnull (strstr (after, "1|'redis\n持久化\nleech'|"));
  undo (f, log_id);
  g_clear_pointer (&after, g_free);
  after = dup_card_row (f, tagged);
  g_assert_cmpstr (after, ==, before);

  rh_test_exec (f->db, "UPDATE cards SET tags = 'Leech' WHERE uid = 'go-2';");
  put_lapsed (f, manual, 7);
  g_clear_pointer (&before, g_free);
  before = dup_card_row (f, manual);
  log_id = answer (f, manual, RH_RATING_AGAIN);
  g_assert_true (rh_scheduler_get_answer_leech (f->scheduler, log_id));
  g_clear_pointer (&after, g_free);
  after = dup_card_row (f, manual);
  g_assert_nonnull (strstr (after, "1|'Leech'|"));
  undo (f, log_id);
  g_clear_pointer (&after, g_free);
  after = dup_card_row (f, manual);
  g_assert_cmpstr (after, ==, before);

  /* 8, then 12, 16…: not 9 to 11. */
  put_lapsed (f, other, 9);
  log_id = answer (f, other, RH_RATING_AGAIN);
  g_assert_false (rh_scheduler_get_answer_leech (f->scheduler, log_id));
  put_lapsed (f, other, 11);
  log_id = answer (f, other, RH_RATING_AGAIN);
  g_assert_true (rh_scheduler_get_answer_leech (f->scheduler, log_id));
  undo (f, log_id);

  /* Already suspended and tagged: nothing to mark. */
  rh_test_exec (f->db, "UPDATE cards SET suspended = 1, tags = 'leech' WHERE uid = 'go-3';");
  put_lapsed (f, other, 7);
  log_id = answer (f, other, RH_RATING_AGAIN);
  g_assert_false (rh_scheduler_get_answer_leech (f->scheduler, log_id));
  undo (f, log_id);
  rh_test_exec (f->db, "UPDATE cards SET suspended = 0, tags = '' WHERE uid = 'go-3';");

  rh_study_settings_set_leech_threshold (f->settings, 0);
  put_lapsed (f, other, 7);
  log_id = answer (f, other, RH_RATING_AGAIN);
  g_assert_false (rh_scheduler_get_answer_leech (f->scheduler, log_id));
  undo (f, log_id);
  rh_study_settings_set_leech_threshold (f->settings, 4);

  put_lapsed (f, other, 3);
  g_assert_true (rh_scheduler_answer (f->scheduler, other, RH_RATING_AGAIN, 1000, RH_REVIEW_SOURCE_INTERVIEW,
                                      &log_id, &error));
  g_assert_no_error (error);
  g_assert_true (rh_scheduler_get_answer_leech (f->scheduler, log_id));
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT suspended FROM cards WHERE uid = 'go-3';"), ==, 1);
  undo (f, log_id);
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT suspended FROM cards WHERE uid = 'go-3';"), ==, 0);

  rh_study_settings_set_leech_threshold (f->settings, 500);
  g_assert_cmpuint (rh_study_settings_get_leech_threshold (f->settings), ==, 99);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func, data) \
  g_test_add ("/scheduler/" path, Fixture, data, fixture_setup, func, fixture_teardown)

  g_test_add_func ("/scheduler/settings/defaults", test_settings_defaults);
  g_test_add_func ("/scheduler/settings/parse-steps", test_settings_parse_steps);
  g_test_add_func ("/scheduler/settings/clamp", test_settings_clamp);
  ADD ("new/each-rating", test_new_card, NULL);
  ADD ("new/one-step", test_new_card_one_step, NULL);
  ADD ("learning/steps", test_learning_steps, NULL);
  ADD ("learning/steps-shortened", test_learning_steps_shortened, NULL);
  ADD ("review/intervals", test_review_intervals, NULL);
  ADD ("review/maximum-interval", test_review_maximum_interval, NULL);
  ADD ("review/lapse", test_lapse, NULL);
  ADD ("review/lapse-without-relearning", test_lapse_without_relearning, NULL);
  ADD ("preview/matches-answer", test_preview_matches_answer, NULL);
  ADD ("preview/matches-answer-berlin", test_preview_matches_answer, "Europe/Berlin");
  ADD ("fuzz/deterministic", test_fuzz_deterministic, NULL);
  ADD ("day/rollover", test_day_rollover, NULL);
  ADD ("day/dst", test_day_dst, "Europe/Berlin");
  ADD ("day/elapsed", test_elapsed_days, NULL);
  ADD ("log/columns", test_review_log, NULL);
  ADD ("undo/restores", test_undo_restores, NULL);
  ADD ("undo/only-newest", test_undo_only_newest, NULL);
  ADD ("leech/marked-and-undone", test_leech, NULL);
  ADD ("leech/cases", test_leech_cases, NULL);
  ADD ("errors/unknown-card", test_unknown_card, NULL);
  g_test_add_func ("/scheduler/format-interval", test_format_interval);

#undef ADD

  return g_test_run ();
}
