/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>

#include "rh-bar-chart.h"
#include "rh-heatmap.h"
#include "rh-interview-template.h"
#include "rh-scheduler.h"
#include "rh-statistics-page.h"
#include "rh-test-utils.h"
#include "rh-test-widget-utils.h"

/* A fresh database, a scripted study session and two interviews, and what
 * each chart tells a screen reader. The fake clock stands at Sunday
 * 2026-03-01 12:00 UTC. Cards: go-0..2 (ids 1–3) in Go, redis-0..1
 * (4–5) in Redis. */

typedef struct
{
  RhClock          *clock;
  RhDatabase       *db;
  RhStudySettings  *settings;
  RhScheduler      *scheduler;
  GtkWindow        *window;
  RhStatisticsPage *page;
} Fixture;

/* The charts in the page's order: answers, time, forecast, retention,
 * stability, retrievability, interviews. */
enum { REVIEWS, TIME, FORECAST, RETENTION, STABILITY, RETRIEVABILITY, INTERVIEWS, N_CHARTS };

static void
collect (GtkWidget *widget,
         GType      type,
         GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    g_ptr_array_add (found, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect (child, type, found);
}

static const char *
chart_description (Fixture *f,
                   guint    index)
{
  g_autoptr(GPtrArray) charts = g_ptr_array_new ();

  collect (GTK_WIDGET (f->page), RH_TYPE_BAR_CHART, charts);
  g_assert_cmpuint (charts->len, ==, N_CHARTS);

  return rh_bar_chart_get_description (g_ptr_array_index (charts, index));
}

static RhHeatmap *
heatmap (Fixture *f)
{
  return RH_HEATMAP (rh_test_find_widget (GTK_WIDGET (f->page), RH_TYPE_HEATMAP, NULL));
}

static void
answer (Fixture  *f,
        gint64    card_id,
        RhRating  rating,
        gint64    duration_ms)
{
  g_autoptr(GError) error = NULL;

  rh_scheduler_answer (f->scheduler, card_id, rating, duration_ms, RH_REVIEW_SOURCE_STUDY, NULL, &error);
  g_assert_no_error (error);
}

static void
add_interview (Fixture    *f,
               const char *template_id,
               gint64      ended_at,
               const char *answers_sql)
{
  g_autoptr(RhInterviewTemplate) template = rh_interview_template_new_builtin (template_id);
  g_autofree char *json = rh_interview_template_to_json (template);
  g_autoptr(GError) error = NULL;
  g_autoptr(RhStatement) stmt = rh_database_prepare (f->db,
                                                     "INSERT INTO interview_sessions (template, seed, plan, state,"
                                                     " started_at, ended_at, saved_at, total_seconds)"
                                                     " VALUES (?1, 1, '[]', 'finished', ?2 - 600, ?2, ?2, 600);",
                                                     &error);
  g_autofree char *sql = NULL;

  g_assert_no_error (error);
  sqlite3_bind_text (stmt, 1, json, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, ended_at);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);

  sql = g_strdup_printf ("INSERT INTO interview_answers (session_id, position, question_index, card_id, title,"
                         " topic, kind, budget_seconds, spent_ms, rating, skipped, answered_at)"
                         " SELECT %" G_GINT64_FORMAT ", column1, column1, column2, 'Q', 'T', 'concept', 60, 1000,"
                         " column3, column4, 0 FROM (VALUES %s);",
                         rh_database_last_insert_id (f->db), answers_sql);
  rh_test_exec (f->db, sql);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *go = rh_test_make_deck (3, "Go", "go");
  g_autofree char *redis = rh_test_make_deck (2, "Redis", "redis");
  gint64 now = RH_TEST_NOW_US / G_USEC_PER_SEC;

  f->clock = rh_clock_new_fake (RH_TEST_NOW_US, NULL);
  f->db = rh_test_open_database (":memory:", f->clock);
  rh_test_import (f->db, go, NULL);
  rh_test_import (f->db, redis, NULL);
  f->settings = rh_study_settings_new ();
  f->scheduler = rh_scheduler_new (f->db, f->settings);

  if (data == NULL)
    {
      answer (f, 1, RH_RATING_GOOD, 10000);
      answer (f, 2, RH_RATING_GOOD, 20000);
      answer (f, 4, RH_RATING_AGAIN, 5000);

      /* Good (67); Easy (100) and a skip (0). */
      add_interview (f, RH_INTERVIEW_TEMPLATE_FUNDAMENTALS, now - 2 * 86400, "(0, 1, 3, 0)");
      add_interview (f, RH_INTERVIEW_TEMPLATE_PROJECT, now - 86400, "(0, 2, 4, 0), (1, 4, NULL, 1)");
    }

  {
    g_autoptr(RhStatistics) statistics = rh_statistics_new (f->db, f->settings);

    f->page = g_object_ref_sink (RH_STATISTICS_PAGE (rh_statistics_page_new (statistics)));
  }
  /* Narrow as a phone: every chart still fits. */
  f->window = g_object_ref (GTK_WINDOW (gtk_window_new ()));
  gtk_window_set_default_size (f->window, 360, 600);
  gtk_window_set_child (f->window, GTK_WIDGET (f->page));
  gtk_window_present (f->window);
  rh_test_settle ();
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gtk_window_destroy (f->window);
  g_assert_finalize_object (f->window);
  g_assert_finalize_object (f->page);
  g_assert_finalize_object (f->scheduler);
  g_assert_finalize_object (f->settings);
  g_assert_finalize_object (f->db);
  g_assert_finalize_object (f->clock);
}

static void
test_descriptions (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_cmpstr (rh_heatmap_get_description (heatmap (f)), ==,
                   "3 reviews on 1 of the last 30 days. Current streak: 1 day. Longest: 1 day. "
                   "Today: 3 reviews, 3 new cards, 35 s.");
  g_assert_cmpstr (chart_description (f, REVIEWS), ==,
                   "3 reviews in 30 days: 3 new, 0 learning, 0 review, 0 relearning. Most on one day: 3.");
  g_assert_cmpstr (chart_description (f, TIME), ==, "35 s in 30 days. Most on one day: 35 s.");
  /* Learning steps of 1 and 10 minutes: all three come back today. */
  g_assert_cmpstr (chart_description (f, FORECAST), ==,
                   "0 cards overdue now; 3 cards due in the next 30 days, 3 cards later today, 0 cards tomorrow.");
  /* No card has come back for review yet. */
  g_assert_cmpstr (chart_description (f, RETENTION), ==, "");
  g_assert_nonnull (rh_test_find_label (GTK_WIDGET (f->page),
                                        "True retention shows once cards come back for review."));
  /* Again gives 0.21 days, Good 2.3. */
  g_assert_cmpstr (chart_description (f, STABILITY), ==,
                   "3 cards: 1 under a day, 2 of 1 to 7 days, 0 of 7 to 30 days, 0 of 1 to 3 months, "
                   "0 of 3 to 12 months, 0 of a year or more.");
  g_assert_cmpstr (chart_description (f, RETRIEVABILITY), ==,
                   "3 cards: 0 under 50%, 0 of 50 to 60%, 0 of 60 to 70%, 0 of 70 to 80%, 0 of 80 to 90%, "
                   "3 of 90% or more. 3 at or above the desired 90%.");
  g_assert_cmpstr (chart_description (f, INTERVIEWS), ==,
                   "Fundamentals 67 on Fri 27 Feb 2026; Project 50 on Sat 28 Feb 2026.");

  /* Readiness: Redis 1 of 2 ready, Go 2 of 3, least ready first. */
  g_assert_nonnull (rh_test_find_label (GTK_WIDGET (f->page), "50% of 2 cards ready, 1 new, interview rating 1.0 of 4"));
  g_assert_nonnull (rh_test_find_label (GTK_WIDGET (f->page), "67% of 3 cards ready, 1 new, interview rating 3.5 of 4"));
}

static gboolean
description_is (Fixture    *f,
                const char *expected)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (g_strcmp0 (rh_heatmap_get_description (heatmap (f)), expected) != 0
         && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  return g_strcmp0 (rh_heatmap_get_description (heatmap (f)), expected) == 0;
}

/* The page follows the answers while shown, and catches up when shown
 * again. */
static void
test_follows_answers (Fixture       *f,
                      gconstpointer  data)
{
  answer (f, 3, RH_RATING_GOOD, 7000);
  g_assert_true (description_is (f, "4 reviews on 1 of the last 30 days. Current streak: 1 day. Longest: 1 day. "
                                    "Today: 4 reviews, 4 new cards, 42 s."));
  g_assert_cmpstr (chart_description (f, TIME), ==, "42 s in 30 days. Most on one day: 42 s.");

  /* Hidden, it reads nothing. */
  gtk_widget_set_visible (GTK_WIDGET (f->page), FALSE);
  answer (f, 5, RH_RATING_GOOD, 1000);
  rh_test_settle ();
  g_assert_cmpuint (rh_statistics_get_stale (rh_statistics_page_get_statistics (f->page)), !=, 0);
  gtk_widget_set_visible (GTK_WIDGET (f->page), TRUE);
  g_assert_true (description_is (f, "5 reviews on 1 of the last 30 days. Current streak: 1 day. Longest: 1 day. "
                                    "Today: 5 reviews, 5 new cards, 43 s."));
}

static void
test_period (Fixture       *f,
             gconstpointer  data)
{
  gtk_widget_activate_action (GTK_WIDGET (f->page), "statistics.period", "i", RH_STATISTICS_PERIOD_YEAR);
  g_assert_cmpint (rh_statistics_get_period (rh_statistics_page_get_statistics (f->page)), ==,
                   RH_STATISTICS_PERIOD_YEAR);
  g_assert_true (description_is (f, "3 reviews on 1 of the last 365 days. Current streak: 1 day. Longest: 1 day. "
                                    "Today: 3 reviews, 3 new cards, 35 s."));
  g_assert_cmpstr (chart_description (f, REVIEWS), ==,
                   "3 reviews in 365 days: 3 new, 0 learning, 0 review, 0 relearning. Most on one day: 3.");

  /* The day under the keyboard is read out beside the heatmap. */
  gtk_widget_grab_focus (GTK_WIDGET (heatmap (f)));
  g_assert_nonnull (rh_test_find_label (GTK_WIDGET (f->page), "Sun 1 Mar 2026: 3 reviews, 3 new, 35 s"));
  gtk_widget_activate_action (GTK_WIDGET (heatmap (f)), "heatmap.move", "i", -1);
  g_assert_nonnull (rh_test_find_label (GTK_WIDGET (f->page), "Sat 28 Feb 2026: no reviews"));
}

static void
open_topic_cb (RhStatisticsPage *page,
               const char       *path,
               char            **opened)
{
  g_free (*opened);
  *opened = g_strdup (path);
}

static void
test_open_topic (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *opened = NULL;
  GtkListBox *list = GTK_LIST_BOX (rh_test_find_widget (GTK_WIDGET (f->page), GTK_TYPE_LIST_BOX, NULL));

  g_signal_connect (f->page, "open-topic", G_CALLBACK (open_topic_cb), &opened);
  g_assert_cmpuint (rh_test_count_rows (list), ==, 2);
  g_signal_emit_by_name (list, "row-activated", gtk_list_box_get_row_at_index (list, 0));
  g_assert_cmpstr (opened, ==, "Redis");
}

static void
test_empty (Fixture       *f,
            gconstpointer  data)
{
  GtkWidget *status = rh_test_find_widget (GTK_WIDGET (f->page), ADW_TYPE_STATUS_PAGE, NULL);

  g_assert_true (gtk_widget_get_mapped (status));
  g_assert_cmpstr (adw_status_page_get_description (ADW_STATUS_PAGE (status)), ==,
                   "Study a few cards to see your progress here");

  /* The first answer brings the charts. */
  answer (f, 1, RH_RATING_GOOD, 1000);
  g_assert_true (description_is (f, "1 review on 1 of the last 30 days. Current streak: 1 day. Longest: 1 day. "
                                    "Today: 1 review, 1 new card, 1 s."));
  rh_test_settle ();
  g_assert_false (gtk_widget_get_mapped (status));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func, data) \
  g_test_add ("/statistics-page/" path, Fixture, data, fixture_setup, func, fixture_teardown)
  ADD ("descriptions", test_descriptions, NULL);
  ADD ("follows-answers", test_follows_answers, NULL);
  ADD ("period", test_period, NULL);
  ADD ("open-topic", test_open_topic, NULL);
  ADD ("empty", test_empty, "empty");
#undef ADD

  return g_test_run ();
}
