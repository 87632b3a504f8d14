/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "rh-clock.h"
#include "rh-test-utils.h"

#define MINUTE_US (G_GINT64_CONSTANT (60) * G_USEC_PER_SEC)
#define HOUR_US (60 * MINUTE_US)

typedef struct
{
  guint days;
  guint minutes;
  /* ::day-changed must come before the ::minute-changed it goes with. */
  guint minutes_when_day_changed;
} Record;

static void
day_changed_cb (RhClock *clock,
                Record  *record)
{
  record->days++;
  record->minutes_when_day_changed = record->minutes;
}

static void
minute_changed_cb (RhClock *clock,
                   Record  *record)
{
  record->minutes++;
}

static RhClock *
watched_clock (gint64      now_us,
               const char *zone,
               Record     *record)
{
  g_autoptr(GTimeZone) tz = zone ? g_time_zone_new_identifier (zone) : NULL;
  RhClock *clock = rh_clock_new_fake (now_us, tz);

  g_signal_connect (clock, "day-changed", G_CALLBACK (day_changed_cb), record);
  g_signal_connect (clock, "minute-changed", G_CALLBACK (minute_changed_cb), record);

  return clock;
}

static void
test_minutes (void)
{
  Record record = { 0 };
  /* 12:00:00 UTC */
  g_autoptr(RhClock) clock = watched_clock (RH_TEST_NOW_US, NULL, &record);

  rh_clock_advance (clock, 30 * G_USEC_PER_SEC);
  g_assert_cmpuint (record.minutes, ==, 0);
  rh_clock_advance (clock, 29 * G_USEC_PER_SEC);
  g_assert_cmpuint (record.minutes, ==, 0);
  rh_clock_advance (clock, 1 * G_USEC_PER_SEC);
  g_assert_cmpuint (record.minutes, ==, 1);

  /* A jump of many minutes is one change: listeners recompute anyway. */
  rh_clock_advance (clock, 10 * MINUTE_US);
  g_assert_cmpuint (record.minutes, ==, 2);

  /* Back across a minute is a change too. */
  rh_clock_set_now (clock, RH_TEST_NOW_US);
  g_assert_cmpuint (record.minutes, ==, 3);
  g_assert_cmpuint (record.days, ==, 0);

  g_assert_finalize_object (g_steal_pointer (&clock));
}

static void
test_study_day (void)
{
  Record record = { 0 };
  /* 2026-03-01 12:00 UTC is 20:00 in Shanghai. */
  g_autoptr(RhClock) clock = watched_clock (RH_TEST_NOW_US, "Asia/Shanghai", &record);
  GDate date;

  g_assert_cmpuint (rh_clock_get_day_rollover_hour (clock), ==, 4);

  /* Midnight is not the end of a study day ... */
  rh_clock_advance (clock, 5 * HOUR_US);
  g_assert_cmpuint (record.days, ==, 0);
  rh_clock_get_study_date (clock, rh_clock_get_now_seconds (clock), 4, &date);
  g_assert_cmpuint (g_date_get_day (&date), ==, 1);
  g_assert_cmpuint (g_date_get_month (&date), ==, 3);

  /* ... 03:59 still belongs to it ... */
  rh_clock_advance (clock, 2 * HOUR_US + 59 * MINUTE_US);
  g_assert_cmpuint (record.days, ==, 0);

  /* ... and 04:00 begins the next one, before its minute is announced. */
  rh_clock_advance (clock, MINUTE_US);
  g_assert_cmpuint (record.days, ==, 1);
  g_assert_cmpuint (record.minutes_when_day_changed + 1, ==, record.minutes);
  rh_clock_get_study_date (clock, rh_clock_get_now_seconds (clock), 4, &date);
  g_assert_cmpuint (g_date_get_day (&date), ==, 2);

  /* Moving the rollover later puts now back into yesterday's study day. */
  rh_clock_set_day_rollover_hour (clock, 6);
  g_assert_cmpuint (record.days, ==, 2);
  rh_clock_set_day_rollover_hour (clock, 6);
  g_assert_cmpuint (record.days, ==, 2);

  g_assert_finalize_object (g_steal_pointer (&clock));
}

/* A wall-clock step moves dates, never durations. */
static void
test_wall_step (void)
{
  Record record = { 0 };
  g_autoptr(RhClock) clock = watched_clock (RH_TEST_NOW_US, NULL, &record);
  gint64 mono = rh_clock_get_monotonic (clock);

  rh_clock_advance (clock, 30 * G_USEC_PER_SEC);
  g_assert_cmpint (rh_clock_get_monotonic (clock) - mono, ==, 30 * G_USEC_PER_SEC);

  rh_clock_step_wall (clock, 2 * HOUR_US);
  g_assert_cmpint (rh_clock_get_now (clock), ==, RH_TEST_NOW_US + 2 * HOUR_US + 30 * G_USEC_PER_SEC);
  g_assert_cmpint (rh_clock_get_monotonic (clock) - mono, ==, 30 * G_USEC_PER_SEC);
  g_assert_cmpuint (record.minutes, ==, 1);

  /* Into the next study day (12:00 + 16 h = 04:00 UTC). */
  rh_clock_step_wall (clock, 14 * HOUR_US);
  g_assert_cmpuint (record.days, ==, 1);
  g_assert_cmpint (rh_clock_get_monotonic (clock) - mono, ==, 30 * G_USEC_PER_SEC);

  g_assert_finalize_object (g_steal_pointer (&clock));
}

/* The system clock is finalized cleanly even with its minute timer and
 * bus request still pending. */
static void
test_system_clock (void)
{
  g_autoptr(RhClock) clock = rh_clock_new ();
  gint64 before = g_get_real_time ();
  gint64 mono = g_get_monotonic_time ();

  g_assert_false (rh_clock_is_fake (clock));
  g_assert_cmpint (rh_clock_get_now (clock), >=, before);
  g_assert_cmpint (rh_clock_get_monotonic (clock), >=, mono);

  g_assert_finalize_object (g_steal_pointer (&clock));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/clock/minutes", test_minutes);
  g_test_add_func ("/clock/study-day", test_study_day);
  g_test_add_func ("/clock/wall-step", test_wall_step);
  g_test_add_func ("/clock/system", test_system_clock);

  return g_test_run ();
}
