/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "rh-interview.h"
#include "rh-test-utils.h"

#define DAY (G_GINT64_CONSTANT (86400))

typedef struct
{
  char            *dir;
  char            *path;
  RhClock         *clock;
  RhDatabase      *db;
  RhStudySettings *settings;
  RhScheduler     *scheduler;
} Fixture;

typedef struct
{
  const char *id;
  const char *topic;
  const char *kind;
  guint       seconds;      /* 0: none */
  const char *follow_ups;   /* JSON list items */
} TestCard;

/* go-a → go-b → go-c → go-d → go-a is a chain that loops back; go-a also
 * leads to go-x. go-c has no time of its own. */
static const TestCard test_cards[] = {
  { "go-a", "Go::调度", "concept", 240, "\"go-b\", \"go-x\"" },
  { "go-b", "Go::调度", "concept", 240, "\"go-c\"" },
  { "go-c", "Go::调度", "concept", 0, "\"go-d\"" },
  { "go-d", "Go::调度", "concept", 240, "\"go-a\"" },
  { "go-x", "Go::调度", "concept", 120, "" },
  { "redis-0", "Redis::持久化", "concept", 180, "" },
  { "redis-1", "Redis::持久化", "concept", 180, "" },
  { "redis-2", "Redis::持久化", "concept", 180, "" },
  { "mysql-0", "MySQL::索引", "concept", 180, "" },
  { "mysql-1", "MySQL::索引", "concept", 180, "" },
  { "mysql-2", "MySQL::索引", "concept", 180, "" },
  { "net-0", "网络::TCP", "concept", 180, "" },
  { "net-1", "网络::TCP", "concept", 180, "" },
  { "net-2", "网络::TCP", "troubleshooting", 300, "" },
  { "os-0", "操作系统::进程与线程", "concept", 180, "" },
  { "os-1", "操作系统::进程与线程", "concept", 180, "" },
  { "os-2", "操作系统::进程与线程", "concept", 180, "" },
  { "algo-0", "算法::经典题", "coding", 900, "" },
  { "algo-1", "算法::经典题", "coding", 1200, "" },
  { "algo-2", "算法::经典题", "concept", 300, "" },
  { "design-0", "系统设计::案例", "design", 1200, "\"design-1\"" },
  { "design-1", "系统设计::案例", "concept", 300, "" },
  { "bq-0", "项目面::项目", "behavioral", 300, "" },
  { "bq-1", "项目面::项目", "behavioral", 300, "" },
  { "bq-2", "项目面::项目", "design", 1200, "" },
};

static char *
make_deck (void)
{
  GString *json = g_string_new ("{\"rehearse_deck\": 1, \"cards\": [");

  for (guint i = 0; i < G_N_ELEMENTS (test_cards); i++)
    {
      const TestCard *card = &test_cards[i];

      g_string_append_printf (json,
                              "%s{\"id\": \"%s\", \"topic\": \"%s\", \"kind\": \"%s\","
                              " \"front\": \"%s question\", \"back\": \"%s answer\","
                              " \"follow_ups\": [%s]",
                              i ? ", " : "", card->id, card->topic, card->kind,
                              card->id, card->id, card->follow_ups);
      if (card->seconds > 0)
        g_string_append_printf (json, ", \"seconds\": %u", card->seconds);
      g_string_append_c (json, '}');
    }

  g_string_append (json, "]}");

  return g_string_free (json, FALSE);
}

static void
open_database (Fixture *f)
{
  f->db = rh_test_open_database (f->path, f->clock);
  f->scheduler = rh_scheduler_new (f->db, f->settings);
}

static void
close_database (Fixture *f)
{
  g_assert_finalize_object (g_steal_pointer (&f->scheduler));
  g_assert_finalize_object (g_steal_pointer (&f->db));
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *deck = make_deck ();

  f->dir = g_dir_make_tmp ("rehearse-interview-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "rehearse.db", NULL);
  f->clock = rh_clock_new_fake (RH_TEST_NOW_US, NULL);
  f->settings = rh_study_settings_new ();
  open_database (f);
  if (data == NULL)
    rh_test_import (f->db, deck, NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  close_database (f);
  g_assert_finalize_object (f->settings);
  g_assert_finalize_object (f->clock);
  rh_test_remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static gint64
card_id (Fixture    *f,
         const char *uid)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM cards WHERE uid = '%s';", uid);

  return rh_test_query_int (f->db, sql);
}

static gint64
count (Fixture    *f,
       const char *sql)
{
  return rh_test_query_int (f->db, sql);
}

static void
advance (Fixture *f,
         gint64   seconds)
{
  rh_clock_advance (f->clock, seconds * G_USEC_PER_SEC);
}

static RhInterviewTemplate *
drill_template (guint question_seconds,
                guint total_minutes,
                guint depth)
{
  RhInterviewTemplate *template = rh_interview_template_new_custom ();

  rh_interview_template_set_name (template, "Drill");
  rh_interview_template_set_question_seconds (template, question_seconds);
  rh_interview_template_set_total_minutes (template, total_minutes);
  rh_interview_template_set_follow_up_depth (template, depth);

  return template;
}

/* A session asking @uids (NULL-terminated) in order. */
static RhInterview *
interview_for (Fixture             *f,
               RhInterviewTemplate *template,
               const char * const  *uids)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  RhInterview *interview;

  for (guint i = 0; uids[i]; i++)
    {
      gint64 id = card_id (f, uids[i]);
      g_array_append_val (ids, id);
    }

  interview = rh_interview_new_for_cards (f->scheduler, template, (gint64 *)(gpointer)ids->data, ids->len, &error);
  g_assert_no_error (error);
  g_assert_nonnull (interview);

  return interview;
}

static const char *
current_uid (RhInterview *interview)
{
  RhCard *card = rh_interview_get_current_card (interview);

  return card ? rh_card_get_uid (card) : NULL;
}

static void
start (RhInterview *interview)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (rh_interview_start (interview, &error));
  g_assert_no_error (error);
}

static void
rate (RhInterview *interview,
      RhRating     rating)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (rh_interview_rate (interview, rating, NULL, &error));
  g_assert_no_error (error);
}

static void
skip (RhInterview *interview)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (rh_interview_skip (interview, &error));
  g_assert_no_error (error);
}

static void
assert_question (RhInterview *interview,
                 const char  *uid,
                 guint        index,
                 guint        depth)
{
  g_assert_cmpstr (current_uid (interview), ==, uid);
  g_assert_cmpuint (rh_interview_get_question_index (interview), ==, index);
  g_assert_cmpuint (rh_interview_get_follow_up_depth (interview), ==, depth);
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *counter)
{
  (*counter)++;
}

static char *
plan_uids (Fixture     *f,
           RhInterview *interview)
{
  g_autoptr(GString) uids = g_string_new (NULL);
  const gint64 *plan;
  guint n;

  plan = rh_interview_get_plan (interview, &n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RhCard) card = rh_database_dup_card (f->db, plan[i], NULL);

      g_assert_nonnull (card);
      g_string_append_printf (uids, "%s%s", i ? " " : "", rh_card_get_uid (card));
    }

  return g_string_free (g_steal_pointer (&uids), FALSE);
}

static RhCard *
dup_planned (Fixture     *f,
             RhInterview *interview,
             guint        index)
{
  g_autoptr(GError) error = NULL;
  const gint64 *plan;
  guint n;
  RhCard *card;

  plan = rh_interview_get_plan (interview, &n);
  g_assert_cmpuint (index, <, n);
  card = rh_database_dup_card (f->db, plan[index], &error);
  g_assert_no_error (error);

  return card;
}

static void
test_flow_timing (Fixture       *f,
                  gconstpointer  data)
{
  static const char * const uids[] = { "go-x", "go-c", "redis-0", NULL };
  g_autoptr(RhInterviewTemplate) template = drill_template (100, 10, 0);
  g_autoptr(RhInterview) interview = interview_for (f, template, uids);
  g_autoptr(GError) error = NULL;
  RhInterviewState state;
  guint n_overtime = 0, n_warning = 0, n_elapsed = 0, n_card = 0;
  gint64 session_id;

  g_signal_connect (interview, "notify::overtime", G_CALLBACK (count_notify_cb), &n_overtime);
  g_signal_connect (interview, "notify::warning", G_CALLBACK (count_notify_cb), &n_warning);
  g_signal_connect (interview, "notify::question-elapsed", G_CALLBACK (count_notify_cb), &n_elapsed);
  g_signal_connect (interview, "notify::current-card", G_CALLBACK (count_notify_cb), &n_card);

  g_assert_cmpint (rh_interview_get_state (interview), ==, RH_INTERVIEW_STATE_NOT_STARTED);
  g_assert_cmpuint (rh_interview_get_n_questions (interview), ==, 3);
  g_assert_null (rh_interview_get_current_card (interview));
  g_assert_cmpint (rh_interview_get_session_id (interview), ==, 0);
  g_assert_cmpuint (rh_interview_get_total_budget (interview), ==, 600);
  g_assert_cmpuint (rh_interview_get_question_budget (interview), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM interview_sessions;"), ==, 0);

  /* Answering before the start is a programming error. */
  g_test_expect_message ("rh-interview", G_LOG_LEVEL_CRITICAL, "*is_running*");
  g_assert_false (rh_interview_rate (interview, RH_RATING_GOOD, NULL, NULL));
  g_test_assert_expected_messages ();

  start (interview);
  session_id = rh_interview_get_session_id (interview);
  g_assert_cmpint (session_id, >, 0);
  g_assert_cmpint (rh_interview_store_find_unfinished (f->db, NULL), ==, session_id);
  g_object_get (interview, "state", &state, NULL);
  g_assert_cmpint (state, ==, RH_INTERVIEW_STATE_ASKING);
  assert_question (interview, "go-x", 0, 0);
  g_assert_cmpuint (n_card, ==, 1);
  g_assert_cmpuint (rh_interview_get_question_budget (interview), ==, 120);
  g_assert_cmpint (rh_interview_get_question_remaining (interview), ==, 120);

  /* The warning starts at 80% of the budget (96 s of 120). */
  advance (f, 95);
  g_assert_cmpint (rh_interview_get_question_elapsed (interview), ==, 95);
  g_assert_cmpuint (n_elapsed, ==, 1);
  g_assert_false (rh_interview_get_warning (interview));
  advance (f, 1);
  g_assert_true (rh_interview_get_warning (interview));
  g_assert_cmpuint (n_warning, ==, 1);
  advance (f, 24);
  g_assert_true (rh_interview_get_warning (interview));
  g_assert_false (rh_interview_get_overtime (interview));
  g_assert_cmpint (rh_interview_get_question_remaining (interview), ==, 0);

  /* Over time: the question stays until it is answered. */
  advance (f, 1);
  g_assert_true (rh_interview_get_overtime (interview));
  g_assert_false (rh_interview_get_warning (interview));
  g_assert_cmpuint (n_overtime, ==, 1);
  g_assert_cmpuint (n_warning, ==, 2);
  g_assert_cmpint (rh_interview_get_question_remaining (interview), ==, -1);
  g_assert_cmpstr (current_uid (interview), ==, "go-x");

  g_assert_true (rh_interview_reveal (interview, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rh_interview_get_state (interview), ==, RH_INTERVIEW_STATE_REVEALED);

  /* Paused time counts nowhere. */
  g_assert_true (rh_interview_pause (interview, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rh_interview_get_state (interview), ==, RH_INTERVIEW_STATE_PAUSED);
  n_elapsed = 0;
  advance (f, 1000);
  g_assert_cmpuint (n_elapsed, ==, 0);
  g_assert_cmpint (rh_interview_get_question_elapsed (interview), ==, 121);
  g_assert_cmpint (rh_interview_get_total_elapsed (interview), ==, 121);
  g_assert_true (rh_interview_get_overtime (interview));
  g_assert_true (rh_interview_resume (interview, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rh_interview_get_state (interview), ==, RH_INTERVIEW_STATE_REVEALED);
  advance (f, 4);

  rh_interview_set_notes (interview, "draft");
  g_assert_true (rh_interview_rate (interview, RH_RATING_GOOD, "forgot fsync", &error));
  g_assert_no_error (error);
  g_assert_cmpint (rh_interview_get_state (interview), ==, RH_INTERVIEW_STATE_ASKING);
  assert_question (interview, "go-c", 1, 0);
  g_assert_cmpstr (rh_interview_get_notes (interview), ==, "");
  /* No `seconds` of its own: the template's. */
  g_assert_cmpuint (rh_interview_get_question_budget (interview), ==, 100);
  g_assert_cmpint (rh_interview_get_question_elapsed (interview), ==, 0);
  g_assert_false (rh_interview_get_overtime (interview));
  g_assert_false (rh_interview_get_warning (interview));
  g_assert_cmpuint (rh_interview_get_n_answered (interview), ==, 1);
  g_assert_cmpint (rh_interview_get_total_elapsed (interview), ==, 125);

  advance (f, 50);
  skip (interview);
  assert_question (interview, "redis-0", 2, 0);
  g_assert_cmpuint (rh_interview_get_question_budget (interview), ==, 180);

  /* The total budget runs out too. */
  g_assert_false (rh_interview_get_total_overtime (interview));
  advance (f, 500);
  g_assert_true (rh_interview_get_total_overtime (interview));
  g_assert_cmpint (rh_interview_get_total_remaining (interview), ==, 600 - 675);
  g_assert_true (rh_interview_get_overtime (interview));

  rate (interview, RH_RATING_AGAIN);
  g_assert_cmpint (rh_interview_get_state (interview), ==, RH_INTERVIEW_STATE_FINISHED);
  g_assert_null (rh_interview_get_current_card (interview));
  g_assert_cmpuint (rh_interview_get_n_answered (interview), ==, 3);
  g_assert_cmpuint (rh_interview_get_question_budget (interview), ==, 0);
  g_assert_false (rh_interview_get_overtime (interview));
  g_assert_cmpint (rh_interview_get_total_elapsed (interview), ==, 675);

  /* Every answer was written as it was given. */
  g_assert_cmpint (count (f, "SELECT count(*) FROM interview_answers;"), ==, 3);
  g_assert_cmpint (count (f, "SELECT count(*) FROM interview_answers WHERE position = 0 AND rating = 3"
                             " AND spent_ms = 125000 AND budget_seconds = 120 AND overtime = 1"
                             " AND skipped = 0 AND notes = 'forgot fsync' AND depth = 0;"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM interview_answers WHERE position = 1 AND rating IS NULL"
                             " AND skipped = 1 AND spent_ms = 50000 AND budget_seconds = 100 AND overtime = 0;"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM interview_answers WHERE position = 2 AND rating = 1"
                             " AND spent_ms = 500000 AND overtime = 1;"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM interview_sessions WHERE state = 'finished'"
                             " AND elapsed_ms = 675000 AND paused_ms = 1000000 AND total_seconds = 600"
                             " AND ended_at IS NOT NULL;"), ==, 1);
  g_assert_cmpint (rh_interview_store_find_unfinished (f->db, NULL), ==, 0);

  g_assert_finalize_object (g_steal_pointer (&interview));
}

/* Setting the wall clock moves no countdown; what is a date stays on the
 * wall clock. */
static void
test_flow_wall_clock_step (Fixture       *f,
                           gconstpointer  data)
{
  static const char * const uids[] = { "redis-0", "redis-1", NULL };
  g_autoptr(RhInterviewTemplate) template = drill_template (100, 10, 0);
  g_autoptr(RhInterview) interview = NULL;
  g_autofree char *answer_sql = NULL;
  g_autofree char *review_sql = NULL;
  gint64 wall;

  /* Auto-advance would skip a question whose budget looks spent. */
  rh_interview_template_set_auto_advance (template, TRUE);
  interview = interview_for (f, template, uids);

  start (interview);
  advance (f, 30);

  rh_clock_step_wall (f->clock, 2 * 3600 * (gint64)G_USEC_PER_SEC);
  assert_question (interview, "redis-0", 0, 0);
  g_assert_cmpint (rh_interview_get_question_elapsed (interview), ==, 30);
  g_assert_cmpint (rh_interview_get_total_elapsed (interview), ==, 30);
  g_assert_cmpint (rh_interview_get_question_remaining (interview), ==, 180 - 30);
  g_assert_cmpint (rh_interview_get_total_remaining (interview), ==, 600 - 30);
  g_assert_false (rh_interview_get_overtime (interview));
  g_assert_false (rh_interview_get_total_overtime (interview));

  rh_clock_step_wall (f->clock, -3600 * (gint64)G_USEC_PER_SEC);
  assert_question (interview, "redis-0", 0, 0);
  g_assert_cmpint (rh_interview_get_question_elapsed (interview), ==, 30);
  g_assert_cmpint (rh_interview_get_total_elapsed (interview), ==, 30);
  g_assert_cmpint (rh_interview_get_question_remaining (interview), ==, 180 - 30);
  g_assert_cmpint (rh_interview_get_total_remaining (interview), ==, 600 - 30);

  rate (interview, RH_RATING_GOOD);
  assert_question (interview, "redis-1", 1, 0);
  g_assert_cmpint (rh_interview_get_total_elapsed (interview), ==, 30);

  /* The answer and its review are dated by the wall clock, an hour on. */
  wall = rh_clock_get_now_seconds (f->clock);
  g_assert_cmpint (wall, ==, RH_TEST_NOW_US / G_USEC_PER_SEC + 30 + 3600);
  answer_sql = g_strdup_printf ("SELECT count(*) FROM interview_answers WHERE spent_ms = 30000"
                                " AND overtime = 0 AND answered_at = %" G_GINT64_FORMAT ";", wall);
  g_assert_cmpint (count (f, answer_sql), ==, 1);
  review_sql = g_strdup_printf ("SELECT count(*) FROM review_log WHERE source = 'interview'"
                                " AND duration_ms = 30000 AND reviewed_at = %" G_GINT64_FORMAT ";", wall);
  g_assert_cmpint (count (f, review_sql), ==, 1);
  g_assert_cmpint (count (f, "SELECT elapsed_ms FROM interview_sessions;"), ==, 30000);

  g_assert_true (rh_interview_end (interview, NULL));
  g_assert_finalize_object (g_steal_pointer (&interview));
}

static void
count_interview_changes_cb (RhDatabase       *db,
                            RhDatabaseChange  changes,
                            guint            *count_out)
{
  if (changes & RH_DATABASE_CHANGE_INTERVIEWS)
    (*count_out)++;
}

/* History views learn about a finished session from ::changed. */
static void
test_flow_announces (Fixture       *f,
                     gconstpointer  data)
{
  static const char * const uids[] = { "redis-0", NULL };
  g_autoptr(RhInterviewTemplate) template = drill_template (100, 10, 0);
  g_autoptr(RhInterview) interview = interview_for (f, template, uids);
  guint changes = 0;
  gulong handler;

  handler = g_signal_connect (f->db, "changed", G_CALLBACK (count_interview_changes_cb), &changes);

  start (interview);
  g_assert_cmpuint (changes, ==, 1);
  advance (f, 40);
  rate (interview, RH_RATING_GOOD);
  g_assert_cmpint (rh_interview_get_state (interview), ==, RH_INTERVIEW_STATE_FINISHED);
  g_assert_cmpuint (changes, ==, 2);

  g_signal_handler_disconnect (f->db, handler);
  g_assert_finalize_object (g_steal_pointer (&interview));
}

static void
test_flow_end_early (Fixture       *f,
                     gconstpointer  data)
{
  static const char * const uids[] = { "redis-0", "redis-1", "redis-2", NULL };
  g_autoptr(RhInterviewTemplate) template = drill_template (100, 10, 0);
  g_autoptr(RhInterview) unstarted = interview_for (f, template, uids);
  g_autoptr(RhInterview) interview = interview_for (f, template, uids);
  g_autoptr(RhInterviewReport) report = NULL;
  g_autoptr(GError) error = NULL;

  /* Ending before the start leaves nothing behind. */
  g_assert_true (rh_interview_end (unstarted, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rh_interview_get_state (unstarted), ==, RH_INTERVIEW_STATE_FINISHED);
  g_assert_cmpint (count (f, "SELECT count(*) FROM interview_sessions;"), ==, 0);

  start (interview);
  advance (f, 40);
  rate (interview, RH_RATING_GOOD);
  advance (f, 30);
  g_assert_true (rh_interview_end (interview, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rh_interview_get_state (interview), ==, RH_INTERVIEW_STATE_FINISHED);

  /* The question being asked is kept, as skipped; redis-2 was never asked. */
  report = rh_interview_dup_report (interview, &error);
  g_assert_no_error (error);
  g_assert_true (rh_interview_report_get_finished (report));
  g_assert_cmpuint (rh_interview_report_get_n_planned (report), ==, 3);
  g_assert_cmpuint (rh_interview_report_get_n_answers (report), ==, 2);
  g_assert_true (rh_interview_report_get_answer (report, 1)->skipped);
  g_assert_cmpint (rh_interview_report_get_answer (report, 1)->spent_ms, ==, 30000);
  g_assert_cmpint (rh_interview_report_get_total_elapsed (report), ==, 70);

  g_assert_finalize_object (g_steal_pointer (&report));
  g_assert_finalize_object (g_steal_pointer (&unstarted));
  g_assert_finalize_object (g_steal_pointer (&interview));
}

static void
test_flow_auto_advance (Fixture       *f,
                        gconstpointer  data)
{
  static const char * const uids[] = { "go-x", "redis-0", NULL };
  g_autoptr(RhInterviewTemplate) template = drill_template (100, 10, 0);
  g_autoptr(RhInterview) interview = NULL;

  rh_interview_template_set_auto_advance (template, TRUE);
  interview = interview_for (f, template, uids);

  start (interview);
  advance (f, 119);
  g_assert_cmpstr (current_uid (interview), ==, "go-x");
  advance (f, 1);
  assert_question (interview, "redis-0", 1, 0);
  g_assert_cmpint (rh_interview_get_question_elapsed (interview), ==, 0);

  /* A late tick: the time is still what was spent. */
  advance (f, 200);
  g_assert_cmpint (rh_interview_get_state (interview), ==, RH_INTERVIEW_STATE_FINISHED);
  g_assert_cmpint (count (f, "SELECT count(*) FROM interview_answers WHERE skipped = 1;"), ==, 2);
  g_assert_cmpint (count (f, "SELECT count(*) FROM interview_answers WHERE position = 0"
                             " AND spent_ms = 120000 AND overtime = 0;"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM interview_answers WHERE position = 1"
                             " AND spent_ms = 200000 AND overtime = 1;"), ==, 1);

  g_assert_finalize_object (g_steal_pointer (&interview));
}

static void
test_follow_ups_chain (Fixture       *f,
                       gconstpointer  data)
{
  static const char * const uids[] = { "go-a", "redis-0", NULL };
  g_autoptr(RhInterviewTemplate) template = drill_template (100, 45, 2);
  g_autoptr(RhInterview) interview = interview_for (f, template, uids);
  gint64 parent;

  start (interview);
  assert_question (interview, "go-a", 0, 0);
  rate (interview, RH_RATING_GOOD);
  /* The first follow-up, same planned question. */
  assert_question (interview, "go-b", 0, 1);
  g_assert_cmpuint (rh_interview_get_n_questions (interview), ==, 2);
  advance (f, 10);
  rate (interview, RH_RATING_EASY);
  assert_question (interview, "go-c", 0, 2);
  g_assert_cmpuint (rh_interview_get_question_budget (interview), ==, 100);
  rate (interview, RH_RATING_GOOD);
  /* The depth limit: on to the next planned question. */
  assert_question (interview, "redis-0", 1, 0);
  rate (interview, RH_RATING_GOOD);
  g_assert_cmpint (rh_interview_get_state (interview), ==, RH_INTERVIEW_STATE_FINISHED);

  /* Each follow-up points at the answer it follows. */
  parent = count (f, "SELECT id FROM interview_answers WHERE position = 0;");
  g_assert_cmpint (count (f, "SELECT parent_id FROM interview_answers WHERE position = 1;"), ==, parent);
  g_assert_cmpint (count (f, "SELECT parent_id FROM interview_answers WHERE position = 2;"), ==,
                   count (f, "SELECT id FROM interview_answers WHERE position = 1;"));
  g_assert_cmpint (count (f, "SELECT count(*) FROM interview_answers WHERE position = 3 AND parent_id IS NULL"
                             " AND depth = 0 AND question_index = 1;"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM interview_answers WHERE depth = 2 AND question_index = 0"
                             " AND budget_seconds = 100;"), ==, 1);

  g_assert_finalize_object (g_steal_pointer (&interview));
}

static void
test_follow_ups_weak_stops (Fixture       *f,
                            gconstpointer  data)
{
  static const char * const uids[] = { "go-a", "redis-0", NULL };
  g_autoptr(RhInterviewTemplate) template = drill_template (100, 45, 3);
  g_autoptr(RhInterview) hard = interview_for (f, template, uids);
  g_autoptr(RhInterview) skipped = interview_for (f, template, uids);
  g_autoptr(RhInterview) again = interview_for (f, template, uids);

  start (hard);
  rate (hard, RH_RATING_HARD);
  assert_question (hard, "redis-0", 1, 0);
  g_assert_true (rh_interview_end (hard, NULL));

  start (again);
  rate (again, RH_RATING_AGAIN);
  assert_question (again, "redis-0", 1, 0);
  g_assert_true (rh_interview_end (again, NULL));

  /* A skipped follow-up ends the chain too. */
  start (skipped);
  rate (skipped, RH_RATING_GOOD);
  assert_question (skipped, "go-b", 0, 1);
  skip (skipped);
  assert_question (skipped, "redis-0", 1, 0);
  g_assert_true (rh_interview_end (skipped, NULL));

  g_assert_finalize_object (g_steal_pointer (&hard));
  g_assert_finalize_object (g_steal_pointer (&again));
  g_assert_finalize_object (g_steal_pointer (&skipped));
}

static void
test_follow_ups_no_repeats (Fixture       *f,
                            gconstpointer  data)
{
  static const char * const uids[] = { "go-a", "go-b", "redis-0", NULL };
  g_autoptr(RhInterviewTemplate) template = drill_template (100, 45, 5);
  g_autoptr(RhInterview) interview = interview_for (f, template, uids);
  g_autoptr(GError) error = NULL;

  /* go-x stands in for go-b, which is planned for later. */
  start (interview);
  rate (interview, RH_RATING_GOOD);
  assert_question (interview, "go-x", 0, 1);
  rate (interview, RH_RATING_GOOD);
  assert_question (interview, "go-b", 1, 0);
  rate (interview, RH_RATING_GOOD);
  assert_question (interview, "go-c", 1, 1);
  rate (interview, RH_RATING_GOOD);
  assert_question (interview, "go-d", 1, 2);
  /* go-d leads back to go-a, asked already: the chain ends there. */
  rate (interview, RH_RATING_EASY);
  assert_question (interview, "redis-0", 2, 0);
  rate (interview, RH_RATING_GOOD);
  g_assert_cmpint (rh_interview_get_state (interview), ==, RH_INTERVIEW_STATE_FINISHED);

  g_assert_cmpint (count (f, "SELECT count(*) FROM interview_answers;"), ==, 6);
  g_assert_cmpint (count (f, "SELECT count(DISTINCT card_id) FROM interview_answers;"), ==, 6);

  /* Suspended follow-ups are passed over. */
  g_assert_true (rh_database_set_card_suspended (f->db, card_id (f, "go-b"), TRUE, &error));
  g_assert_no_error (error);
  {
    static const char * const again_uids[] = { "go-a", NULL };
    g_autoptr(RhInterview) again = interview_for (f, template, again_uids);

    start (again);
    rate (again, RH_RATING_GOOD);
    assert_question (again, "go-x", 0, 1);
    g_assert_true (rh_interview_end (again, NULL));
    g_assert_finalize_object (g_steal_pointer (&again));
  }

  g_assert_finalize_object (g_steal_pointer (&interview));
}

static RhInterview *
build (Fixture             *f,
       RhInterviewTemplate *template,
       guint64              seed)
{
  g_autoptr(GError) error = NULL;
  RhInterview *interview = rh_interview_new_with_seed (f->scheduler, template, seed, &error);

  g_assert_no_error (error);
  g_assert_nonnull (interview);
  g_assert_cmpuint (rh_interview_get_seed (interview), ==, seed);

  return interview;
}

static gboolean
in_topics (const char         *topic,
           const char * const *roots)
{
  for (guint i = 0; roots[i]; i++)
    {
      g_autofree char *prefix = g_strconcat (roots[i], "::", NULL);

      if (g_str_equal (topic, roots[i]) || g_str_has_prefix (topic, prefix))
        return TRUE;
    }

  return FALSE;
}

static void
assert_no_repeats (RhInterview *interview)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  const gint64 *plan;
  guint n;

  plan = rh_interview_get_plan (interview, &n);
  for (guint i = 0; i < n; i++)
    g_assert_true (g_hash_table_add (seen, (gpointer)&plan[i]));
}

static void
test_select_topics (Fixture       *f,
                    gconstpointer  data)
{
  static const char * const topics[] = { "Redis", "MySQL::索引", NULL };
  static const char * const nowhere[] = { "Nope", NULL };
  g_autoptr(RhInterviewTemplate) template = drill_template (100, 45, 0);
  g_autoptr(RhInterview) interview = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uids = NULL;

  rh_interview_template_set_topics (template, topics);
  rh_interview_template_set_n_questions (template, 10);

  /* Fewer cards than asked for: all of them, each once. */
  interview = build (f, template, 7);
  g_assert_cmpuint (rh_interview_get_n_questions (interview), ==, 6);
  assert_no_repeats (interview);
  for (guint i = 0; i < 6; i++)
    {
      g_autoptr(RhCard) card = dup_planned (f, interview, i);

      g_assert_true (in_topics (rh_card_get_topic (card), topics));
    }
  g_assert_finalize_object (g_steal_pointer (&interview));

  g_assert_true (rh_database_set_card_suspended (f->db, card_id (f, "redis-1"), TRUE, &error));
  g_assert_no_error (error);
  interview = build (f, template, 7);
  g_assert_cmpuint (rh_interview_get_n_questions (interview), ==, 5);
  uids = plan_uids (f, interview);
  g_assert_null (strstr (uids, "redis-1"));
  g_assert_finalize_object (g_steal_pointer (&interview));

  rh_interview_template_set_topics (template, nowhere);
  g_assert_null (rh_interview_new_with_seed (f->scheduler, template, 7, &error));
  g_assert_error (error, RH_INTERVIEW_ERROR, RH_INTERVIEW_ERROR_NO_QUESTIONS);
}

static void
test_select_fundamentals (Fixture       *f,
                          gconstpointer  data)
{
  static const char * const areas[] = { "Go", "Redis", "MySQL", "网络", "操作系统", NULL };
  g_autoptr(RhInterviewTemplate) template = rh_interview_template_new_builtin (RH_INTERVIEW_TEMPLATE_FUNDAMENTALS);

  for (guint64 seed = 1; seed <= 5; seed++)
    {
      g_autoptr(RhInterview) interview = build (f, template, seed);
      g_autoptr(GHashTable) areas_seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      guint n_coding = 0;

      g_assert_cmpuint (rh_interview_get_n_questions (interview), ==, 9);
      assert_no_repeats (interview);

      for (guint i = 0; i < 9; i++)
        {
          g_autoptr(RhCard) card = dup_planned (f, interview, i);
          g_auto(GStrv) parts = g_strsplit (rh_card_get_topic (card), "::", 2);

          if (rh_card_get_kind (card) == RH_CARD_KIND_CODING)
            {
              n_coding++;
              g_assert_cmpuint (i, ==, 8);
              g_assert_cmpstr (parts[0], ==, "算法");
            }
          else
            {
              g_assert_cmpint (rh_card_get_kind (card), ==, RH_CARD_KIND_CONCEPT);
              g_assert_true (g_strv_contains (areas, parts[0]));
              g_hash_table_add (areas_seen, g_strdup (parts[0]));
            }
        }

      /* Mixed: every area asked. */
      g_assert_cmpuint (n_coding, ==, 1);
      g_assert_cmpuint (g_hash_table_size (areas_seen), ==, 5);
      g_assert_finalize_object (g_steal_pointer (&interview));
    }
}

static void
test_select_seeded (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(RhInterviewTemplate) template = drill_template (100, 45, 0);
  g_autoptr(GHashTable) plans = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  rh_interview_template_set_n_questions (template, 5);

  for (guint64 seed = 1; seed <= 10; seed++)
    {
      g_autoptr(RhInterview) first = build (f, template, seed);
      g_autoptr(RhInterview) second = build (f, template, seed);
      g_autofree char *a = plan_uids (f, first);
      g_autofree char *b = plan_uids (f, second);

      g_assert_cmpstr (a, ==, b);
      g_hash_table_add (plans, g_steal_pointer (&a));
      g_assert_finalize_object (g_steal_pointer (&first));
      g_assert_finalize_object (g_steal_pointer (&second));
    }

  /* The seed does choose. */
  g_assert_cmpuint (g_hash_table_size (plans), >, 1);
}

static void
set_state (Fixture     *f,
           const char  *uid,
           RhCardState  state,
           double       stability,
           gint64       last_review,
           gint64       due)
{
  g_autofree char *sql = NULL;

  sql = g_strdup_printf ("UPDATE review_state SET state = %d, stability = %f, difficulty = 5.0,"
                         " due = %" G_GINT64_FORMAT ", last_review = %" G_GINT64_FORMAT ", reps = 3"
                         " WHERE card_id = (SELECT id FROM cards WHERE uid = '%s');",
                         state, stability, due, last_review, uid);
  rh_test_exec (f->db, sql);
}

static void
test_select_due_first (Fixture       *f,
                       gconstpointer  data)
{
  static const char * const topics[] = { "Cache", NULL };
  g_autofree char *deck = rh_test_make_deck (10, "Cache", "cache");
  g_autoptr(RhInterviewTemplate) template = drill_template (100, 45, 0);
  gint64 now = rh_clock_get_now_seconds (f->clock);

  rh_test_import (f->db, deck, NULL);
  rh_interview_template_set_topics (template, topics);

  /* 0–6 well known, 7–9 due and partly forgotten. */
  for (guint i = 0; i < 7; i++)
    {
      g_autofree char *uid = g_strdup_printf ("cache-%u", i);
      set_state (f, uid, RH_CARD_STATE_REVIEW, 100.0, now - DAY, now + 90 * DAY);
    }
  for (guint i = 7; i < 10; i++)
    {
      g_autofree char *uid = g_strdup_printf ("cache-%u", i);
      set_state (f, uid, RH_CARD_STATE_REVIEW, 5.0, now - 10 * DAY, now - DAY);
    }

  rh_interview_template_set_n_questions (template, 3);
  for (guint64 seed = 1; seed <= 5; seed++)
    {
      g_autoptr(RhInterview) interview = build (f, template, seed);

      for (guint i = 0; i < 3; i++)
        {
          g_autoptr(RhCard) card = dup_planned (f, interview, i);
          const char *uid = rh_card_get_uid (card);

          g_assert_true (g_str_equal (uid, "cache-7") || g_str_equal (uid, "cache-8") || g_str_equal (uid, "cache-9"));
        }
      g_assert_finalize_object (g_steal_pointer (&interview));
    }

  /* New cards come before well-known ones, after due ones. */
  set_state (f, "cache-8", RH_CARD_STATE_NEW, 0.0, 0, 0);
  rh_test_exec (f->db, "UPDATE review_state SET stability = NULL, difficulty = NULL, last_review = NULL"
                       " WHERE card_id = (SELECT id FROM cards WHERE uid = 'cache-8');");
  set_state (f, "cache-9", RH_CARD_STATE_REVIEW, 100.0, now - DAY, now + 90 * DAY);
  rh_interview_template_set_n_questions (template, 2);
  for (guint64 seed = 1; seed <= 5; seed++)
    {
      g_autoptr(RhInterview) interview = build (f, template, seed);
      g_autofree char *uids = plan_uids (f, interview);

      g_assert_cmpstr (uids, ==, "cache-7 cache-8");
      g_assert_finalize_object (g_steal_pointer (&interview));
    }
}

static void
test_persist_resume (Fixture       *f,
                     gconstpointer  data)
{
  static const char * const uids[] = { "redis-0", "redis-1", "redis-2", "mysql-0", NULL };
  g_autoptr(RhInterviewTemplate) template = drill_template (100, 10, 0);
  g_autoptr(RhInterview) interview = interview_for (f, template, uids);
  g_autoptr(GError) error = NULL;
  gint64 session_id;

  start (interview);
  session_id = rh_interview_get_session_id (interview);
  advance (f, 60);
  g_assert_true (rh_interview_rate (interview, RH_RATING_GOOD, "a", &error));
  g_assert_no_error (error);
  advance (f, 30);
  rate (interview, RH_RATING_HARD);
  rh_interview_set_notes (interview, "typing");
  g_assert_true (rh_interview_reveal (interview, &error));
  g_assert_no_error (error);
  /* Saved while running every 15 s: at 20 s, not at 25 s. */
  advance (f, 20);
  advance (f, 5);
  g_assert_cmpint (rh_interview_get_question_elapsed (interview), ==, 25);

  /* The app goes away without a word, and comes back an hour later. */
  g_assert_finalize_object (g_steal_pointer (&interview));
  close_database (f);
  advance (f, 3600);
  open_database (f);

  g_assert_cmpint (rh_interview_store_find_unfinished (f->db, &error), ==, session_id);
  g_assert_no_error (error);
  interview = rh_interview_restore (f->scheduler, session_id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (interview);
  g_assert_cmpint (rh_interview_get_session_id (interview), ==, session_id);
  g_assert_cmpint (rh_interview_get_state (interview), ==, RH_INTERVIEW_STATE_PAUSED);
  assert_question (interview, "redis-2", 2, 0);
  g_assert_cmpuint (rh_interview_get_n_questions (interview), ==, 4);
  g_assert_cmpuint (rh_interview_get_n_answered (interview), ==, 2);
  g_assert_cmpuint (rh_interview_get_question_budget (interview), ==, 180);
  g_assert_cmpint (rh_interview_get_question_elapsed (interview), ==, 20);
  g_assert_cmpint (rh_interview_get_total_elapsed (interview), ==, 110);
  g_assert_cmpstr (rh_interview_get_notes (interview), ==, "typing");
  g_assert_cmpstr (rh_interview_template_get_name (rh_interview_get_template (interview)), ==, "Drill");

  advance (f, 100);
  g_assert_cmpint (rh_interview_get_total_elapsed (interview), ==, 110);
  g_assert_true (rh_interview_resume (interview, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rh_interview_get_state (interview), ==, RH_INTERVIEW_STATE_REVEALED);
  advance (f, 10);
  g_assert_cmpint (rh_interview_get_question_elapsed (interview), ==, 30);
  rate (interview, RH_RATING_GOOD);
  assert_question (interview, "mysql-0", 3, 0);
  rate (interview, RH_RATING_EASY);
  g_assert_cmpint (rh_interview_get_state (interview), ==, RH_INTERVIEW_STATE_FINISHED);

  /* The answers from before the crash are intact. */
  g_assert_cmpint (count (f, "SELECT count(*) FROM interview_answers;"), ==, 4);
  g_assert_cmpint (count (f, "SELECT count(*) FROM interview_answers WHERE position = 0 AND rating = 3"
                             " AND spent_ms = 60000 AND notes = 'a';"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM interview_answers WHERE position = 1 AND rating = 2"
                             " AND spent_ms = 30000;"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM interview_answers WHERE position = 2 AND rating = 3"
                             " AND spent_ms = 30000 AND notes = 'typing';"), ==, 1);
  g_assert_cmpint (count (f, "SELECT elapsed_ms FROM interview_sessions;"), ==, 120000);
  g_assert_cmpint (count (f, "SELECT paused_ms >= 3700000 FROM interview_sessions;"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM review_log WHERE source = 'interview';"), ==, 4);
  g_assert_cmpint (rh_interview_store_find_unfinished (f->db, NULL), ==, 0);

  g_assert_null (rh_interview_restore (f->scheduler, session_id, &error));
  g_assert_error (error, RH_INTERVIEW_ERROR, RH_INTERVIEW_ERROR_CLOSED);

  g_assert_finalize_object (g_steal_pointer (&interview));
}

static void
test_persist_discard (Fixture       *f,
                      gconstpointer  data)
{
  static const char * const uids[] = { "redis-0", "redis-1", NULL };
  g_autoptr(RhInterviewTemplate) template = drill_template (100, 10, 0);
  g_autoptr(RhInterview) interview = interview_for (f, template, uids);
  g_autoptr(RhInterviewReport) report = NULL;
  g_autoptr(GListModel) history = NULL;
  g_autoptr(GError) error = NULL;
  gint64 session_id;

  start (interview);
  session_id = rh_interview_get_session_id (interview);
  advance (f, 30);
  rate (interview, RH_RATING_GOOD);
  g_assert_finalize_object (g_steal_pointer (&interview));

  g_assert_cmpint (rh_interview_store_find_unfinished (f->db, NULL), ==, session_id);
  g_assert_true (rh_interview_store_discard (f->db, session_id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rh_interview_store_find_unfinished (f->db, NULL), ==, 0);

  /* Nothing answered is lost. */
  g_assert_cmpint (count (f, "SELECT count(*) FROM interview_sessions WHERE state = 'abandoned';"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM interview_answers WHERE rating = 3;"), ==, 1);
  report = rh_interview_report_load (f->db, session_id, &error);
  g_assert_no_error (error);
  g_assert_true (rh_interview_report_get_abandoned (report));
  g_assert_false (rh_interview_report_get_finished (report));
  g_assert_cmpuint (rh_interview_report_get_n_answers (report), ==, 1);

  history = rh_interview_report_list_history (f->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (history), ==, 0);

  g_assert_null (rh_interview_restore (f->scheduler, session_id, &error));
  g_assert_error (error, RH_INTERVIEW_ERROR, RH_INTERVIEW_ERROR_CLOSED);
  g_clear_error (&error);
  g_assert_false (rh_interview_store_discard (f->db, session_id, &error));
  g_assert_error (error, RH_INTERVIEW_ERROR, RH_INTERVIEW_ERROR_NOT_FOUND);

  g_assert_finalize_object (g_steal_pointer (&report));
  g_assert_finalize_object (g_steal_pointer (&history));
}

static char *
review_state_dump (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RhStatement) stmt = NULL;

  stmt = rh_database_prepare (f->db,
                              "SELECT group_concat(card_id || ':' || state || ':' || reps || ':' || due"
                              "  || ':' || coalesce(stability, '-'), ',') FROM review_state;",
                              &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);

  return g_strdup ((const char *)sqlite3_column_text (stmt, 0));
}

static void
test_schedule_counts (Fixture       *f,
                      gconstpointer  data)
{
  static const char * const uids[] = { "redis-0", "redis-1", NULL };
  g_autoptr(RhInterviewTemplate) template = drill_template (100, 10, 0);
  g_autoptr(RhInterview) interview = interview_for (f, template, uids);
  g_autoptr(GError) error = NULL;
  RhReviewState state;

  start (interview);
  advance (f, 42);
  rate (interview, RH_RATING_GOOD);
  advance (f, 10);
  rate (interview, RH_RATING_AGAIN);

  g_assert_cmpint (count (f, "SELECT count(*) FROM review_log WHERE source = 'interview';"), ==, 2);
  g_assert_cmpint (count (f, "SELECT count(*) FROM review_log;"), ==, 2);
  g_assert_cmpint (count (f, "SELECT duration_ms FROM review_log WHERE rating = 3;"), ==, 42000);
  g_assert_cmpint (count (f, "SELECT duration_ms FROM review_log WHERE rating = 1;"), ==, 10000);
  g_assert_cmpint (count (f, "SELECT count(*) FROM interview_answers a JOIN review_log l ON l.id = a.review_log_id"
                             " WHERE l.card_id = a.card_id AND l.rating = a.rating;"), ==, 2);

  g_assert_true (rh_scheduler_get_state (f->scheduler, card_id (f, "redis-0"), &state, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (state.reps, ==, 1);
  g_assert_cmpint (state.state, !=, RH_CARD_STATE_NEW);

  g_assert_finalize_object (g_steal_pointer (&interview));
}

static void
test_schedule_cram (Fixture       *f,
                    gconstpointer  data)
{
  static const char * const uids[] = { "redis-0", "redis-1", NULL };
  g_autoptr(RhInterviewTemplate) template = drill_template (100, 10, 0);
  g_autoptr(RhInterview) interview = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  rh_interview_template_set_counts_toward_schedule (template, FALSE);
  interview = interview_for (f, template, uids);
  before = review_state_dump (f);

  start (interview);
  advance (f, 42);
  rate (interview, RH_RATING_EASY);
  advance (f, 10);
  rate (interview, RH_RATING_AGAIN);
  g_assert_cmpint (rh_interview_get_state (interview), ==, RH_INTERVIEW_STATE_FINISHED);

  after = review_state_dump (f);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (count (f, "SELECT count(*) FROM review_log;"), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM interview_answers WHERE review_log_id IS NULL;"), ==, 2);

  g_assert_finalize_object (g_steal_pointer (&interview));
}

/* Answers each question of @interview with @ratings (0 = skip) after
 * spending @seconds on it. */
static void
run (Fixture        *f,
     RhInterview    *interview,
     const RhRating *ratings,
     const guint    *seconds,
     guint           n)
{
  start (interview);
  for (guint i = 0; i < n; i++)
    {
      advance (f, seconds[i]);
      if (ratings[i] == 0)
        skip (interview);
      else
        rate (interview, ratings[i]);
    }
  g_assert_cmpint (rh_interview_get_state (interview), ==, RH_INTERVIEW_STATE_FINISHED);
}

static void
test_report (Fixture       *f,
             gconstpointer  data)
{
  static const char * const uids[] = { "redis-0", "mysql-0", "net-0", "os-0", "mysql-1", NULL };
  static const RhRating ratings[] = { RH_RATING_EASY, RH_RATING_HARD, RH_RATING_HARD, RH_RATING_HARD, RH_RATING_GOOD };
  static const guint seconds[] = { 60, 200, 190, 230, 100 };
  static const char * const later_uids[] = { "go-x", NULL };
  static const RhRating later_ratings[] = { RH_RATING_GOOD };
  static const guint later_seconds[] = { 30 };
  static const char * const weakest[] = { "操作系统::进程与线程", "网络::TCP", "MySQL::索引", "Redis::持久化", NULL };
  g_autoptr(RhInterviewTemplate) template = drill_template (100, 10, 0);
  g_autoptr(RhInterview) interview = interview_for (f, template, uids);
  g_autoptr(RhInterview) later = interview_for (f, template, later_uids);
  g_autoptr(RhInterview) unfinished = interview_for (f, template, later_uids);
  g_autoptr(RhInterviewReport) report = NULL;
  g_autoptr(RhInterviewReport) reopened = NULL;
  g_autoptr(RhInterviewReport) newest = NULL;
  g_autoptr(GListModel) history = NULL;
  g_autoptr(GError) error = NULL;
  const RhInterviewAnswer *answer;
  gint64 started = rh_clock_get_now_seconds (f->clock);

  run (f, interview, ratings, seconds, G_N_ELEMENTS (ratings));

  report = rh_interview_dup_report (interview, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rh_interview_report_get_session_id (report), ==, rh_interview_get_session_id (interview));
  g_assert_cmpstr (rh_interview_report_get_template_name (report), ==, "Drill");
  g_assert_true (rh_interview_report_get_finished (report));
  g_assert_cmpint (rh_interview_report_get_started_at (report), ==, started);
  g_assert_cmpint (rh_interview_report_get_ended_at (report), ==, started + 780);
  g_assert_cmpint (rh_interview_report_get_total_elapsed (report), ==, 780);
  g_assert_cmpint (rh_interview_report_get_total_budget (report), ==, 600);
  g_assert_true (rh_interview_report_get_overtime (report));
  g_assert_cmpuint (rh_interview_report_get_n_answers (report), ==, 5);
  g_assert_cmpuint (rh_interview_report_get_n_planned (report), ==, 5);

  /* (100 + 33⅓ × 3 + 66⅔) / 5 */
  g_assert_cmpint (rh_interview_report_get_score (report), ==, 53);
  g_assert_cmpfloat (rh_interview_report_rating_score (RH_RATING_AGAIN, FALSE), ==, 0.0);
  g_assert_cmpfloat (rh_interview_report_rating_score (RH_RATING_EASY, FALSE), ==, 100.0);
  g_assert_cmpfloat (rh_interview_report_rating_score (RH_RATING_EASY, TRUE), ==, 0.0);

  /* Operating systems and TCP tie on Hard; more time over budget is weaker. */
  g_assert_true (g_strv_equal (rh_interview_report_get_weakest_topics (report), weakest));

  answer = rh_interview_report_get_answer (report, 1);
  g_assert_cmpuint (answer->position, ==, 1);
  g_assert_cmpint (answer->card_id, ==, card_id (f, "mysql-0"));
  g_assert_cmpstr (answer->title, ==, "mysql-0 question");
  g_assert_cmpstr (answer->topic, ==, "MySQL::索引");
  g_assert_cmpint (answer->kind, ==, RH_CARD_KIND_CONCEPT);
  g_assert_cmpuint (answer->budget_seconds, ==, 180);
  g_assert_cmpint (answer->spent_ms, ==, 200000);
  g_assert_cmpint (answer->rating, ==, RH_RATING_HARD);
  g_assert_true (answer->overtime);
  g_assert_false (answer->skipped);
  g_assert_cmpuint (answer->depth, ==, 0);
  g_assert_cmpint (answer->parent_id, ==, 0);
  g_assert_false (rh_interview_report_get_answer (report, 4)->overtime);

  /* A later session, and one that is not finished. */
  advance (f, DAY);
  run (f, later, later_ratings, later_seconds, 1);
  start (unfinished);

  history = rh_interview_report_list_history (f->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (history), ==, 2);
  newest = g_list_model_get_item (history, 0);
  g_assert_cmpint (rh_interview_report_get_session_id (newest), ==, rh_interview_get_session_id (later));
  g_assert_cmpint (rh_interview_report_get_score (newest), ==, 67);
  g_assert_cmpint (rh_interview_report_get_total_elapsed (newest), ==, 30);

  reopened = rh_interview_report_load (f->db, rh_interview_get_session_id (interview), &error);
  g_assert_no_error (error);
  g_assert_cmpint (rh_interview_report_get_score (reopened), ==, 53);
  g_assert_cmpuint (rh_interview_report_get_n_answers (reopened), ==, 5);

  g_assert_null (rh_interview_report_load (f->db, 9999, &error));
  g_assert_error (error, RH_DATABASE_ERROR, RH_DATABASE_ERROR_NOT_FOUND);

  g_assert_true (rh_interview_end (unfinished, NULL));
  g_assert_finalize_object (g_steal_pointer (&history));
  g_assert_finalize_object (g_steal_pointer (&newest));
  g_assert_finalize_object (g_steal_pointer (&report));
  g_assert_finalize_object (g_steal_pointer (&reopened));
  g_assert_finalize_object (g_steal_pointer (&interview));
  g_assert_finalize_object (g_steal_pointer (&later));
  g_assert_finalize_object (g_steal_pointer (&unfinished));
}

static void
test_retry_weak (Fixture       *f,
                 gconstpointer  data)
{
  static const char * const uids[] = { "redis-0", "mysql-0", "net-0", "os-0", "algo-0", NULL };
  static const RhRating ratings[] = { RH_RATING_AGAIN, RH_RATING_GOOD, RH_RATING_EASY, RH_RATING_HARD, 0 };
  static const guint seconds[] = { 60, 60, 60, 60, 60 };
  static const RhRating all_good[] = { RH_RATING_GOOD, RH_RATING_GOOD, RH_RATING_GOOD };
  g_autoptr(RhInterviewTemplate) template = drill_template (100, 45, 0);
  g_autoptr(RhInterview) interview = NULL;
  g_autoptr(RhInterview) retry = NULL;
  g_autoptr(RhInterview) none = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *plan = NULL;

  rh_interview_template_set_counts_toward_schedule (template, FALSE);
  interview = interview_for (f, template, uids);
  run (f, interview, ratings, seconds, G_N_ELEMENTS (ratings));

  retry = rh_interview_new_retry (f->scheduler, rh_interview_get_session_id (interview), &error);
  g_assert_no_error (error);
  g_assert_nonnull (retry);
  plan = plan_uids (f, retry);
  /* Again, Hard and the skipped one. */
  g_assert_cmpstr (plan, ==, "redis-0 os-0 algo-0");
  g_assert_cmpstr (rh_interview_template_get_name (rh_interview_get_template (retry)), ==, "Retry: Drill");
  g_assert_cmpuint (rh_interview_template_get_follow_up_depth (rh_interview_get_template (retry)), ==, 0);
  g_assert_false (rh_interview_template_get_counts_toward_schedule (rh_interview_get_template (retry)));
  g_assert_cmpuint (rh_interview_get_total_budget (retry), ==, 1260);

  /* Retried with the budgets they had. */
  run (f, retry, all_good, seconds, 3);
  g_assert_cmpint (count (f, "SELECT count(*) FROM review_log;"), ==, 0);

  none = rh_interview_new_retry (f->scheduler, rh_interview_get_session_id (retry), &error);
  g_assert_error (error, RH_INTERVIEW_ERROR, RH_INTERVIEW_ERROR_NO_QUESTIONS);
  g_assert_null (none);

  g_assert_finalize_object (g_steal_pointer (&interview));
  g_assert_finalize_object (g_steal_pointer (&retry));
}

/* Every question skipped: the report and the retry agree that all were
 * weak, so Retry Weak Questions has something to ask. */
static void
test_retry_all_skipped (Fixture       *f,
                        gconstpointer  data)
{
  static const char * const uids[] = { "redis-0", "mysql-0", "net-0", NULL };
  static const RhRating skipped[] = { 0, 0, 0 };
  static const guint seconds[] = { 10, 10, 10 };
  g_autoptr(RhInterviewTemplate) template = drill_template (100, 45, 0);
  g_autoptr(RhInterview) interview = NULL;
  g_autoptr(RhInterview) retry = NULL;
  g_autoptr(RhInterviewReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *plan = NULL;

  interview = interview_for (f, template, uids);
  run (f, interview, skipped, seconds, G_N_ELEMENTS (skipped));

  report = rh_interview_dup_report (interview, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rh_interview_report_get_n_answers (report), ==, 3);
  g_assert_cmpuint (rh_interview_report_count_weak (report), ==, 3);
  for (guint i = 0; i < 3; i++)
    g_assert_true (rh_interview_answer_is_weak (rh_interview_report_get_answer (report, i)));

  retry = rh_interview_new_retry (f->scheduler, rh_interview_get_session_id (interview), &error);
  g_assert_no_error (error);
  plan = plan_uids (f, retry);
  g_assert_cmpstr (plan, ==, "redis-0 mysql-0 net-0");

  g_assert_finalize_object (g_steal_pointer (&report));
  g_assert_finalize_object (g_steal_pointer (&interview));
  g_assert_finalize_object (g_steal_pointer (&retry));
}

static void
test_templates (Fixture       *f,
                gconstpointer  data)
{
  static const char * const topics[] = { "Redis", "Go::调度", NULL };
  const char * const *builtins = rh_interview_template_get_builtin_ids ();
  g_autoptr(RhInterviewTemplate) custom = rh_interview_template_new_custom ();
  g_autoptr(RhInterviewTemplate) found = NULL;
  g_autoptr(RhInterviewTemplate) parsed = NULL;
  g_autoptr(RhInterviewTemplate) deep = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *id = NULL;
  gint64 row_id;

  g_assert_cmpuint (g_strv_length ((char **)builtins), ==, 3);
  for (guint i = 0; builtins[i]; i++)
    {
      g_autoptr(RhInterviewTemplate) builtin = rh_interview_template_new_builtin (builtins[i]);

      g_assert_true (rh_interview_template_get_builtin (builtin));
      g_assert_cmpstr (rh_interview_template_get_id (builtin), ==, builtins[i]);
      g_assert_cmpstr (rh_interview_template_get_name (builtin), !=, "");
      g_assert_cmpstr (rh_interview_template_get_description (builtin), !=, "");
      g_assert_true (rh_interview_template_get_counts_toward_schedule (builtin));
      g_assert_cmpuint (rh_interview_template_get_n_parts (builtin), ==, 2);
    }
  g_assert_null (rh_interview_template_new_builtin ("nope"));

  deep = rh_interview_template_new_builtin (RH_INTERVIEW_TEMPLATE_DEEP_DIVE);
  g_assert_cmpuint (rh_interview_template_get_n_questions (deep), ==, 5);
  g_assert_cmpuint (rh_interview_template_get_total_minutes (deep), ==, 60);
  g_assert_cmpuint (rh_interview_template_get_follow_up_depth (deep), ==, 3);
  g_assert_cmpuint (rh_interview_template_get_part (deep, 1)->seconds, ==, 1200);
  g_assert_cmpuint (rh_interview_template_get_part (deep, 1)->kinds, ==, RH_INTERVIEW_KIND (RH_CARD_KIND_DESIGN));

  /* A snapshot reads back whole. */
  json = rh_interview_template_to_json (deep);
  parsed = rh_interview_template_new_from_json (json, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rh_interview_template_get_name (parsed), ==, rh_interview_template_get_name (deep));
  g_assert_cmpuint (rh_interview_template_get_n_parts (parsed), ==, 2);
  g_assert_cmpuint (rh_interview_template_get_n_questions (parsed), ==, 5);
  g_assert_true (rh_interview_template_get_part (parsed, 0)->needs_follow_ups);
  g_assert_cmpstr (rh_interview_template_get_part (parsed, 1)->topics[0], ==, "系统设计");
  g_assert_true (g_strv_equal (rh_interview_template_get_topics (parsed), rh_interview_template_get_topics (deep)));
  g_assert_null (rh_interview_template_new_from_json ("[]", &error));
  g_assert_error (error, RH_DATABASE_ERROR, RH_DATABASE_ERROR_CORRUPT);
  g_clear_error (&error);

  /* Custom templates are saved, listed after the built-ins, and deleted. */
  g_assert_false (rh_interview_template_get_builtin (custom));
  rh_interview_template_set_name (custom, "Redis sprint");
  rh_interview_template_set_topics (custom, topics);
  rh_interview_template_set_n_questions (custom, 4);
  rh_interview_template_set_question_seconds (custom, 90);
  rh_interview_template_set_total_minutes (custom, 12);
  rh_interview_template_set_follow_up_depth (custom, 2);
  rh_interview_template_set_counts_toward_schedule (custom, FALSE);
  g_assert_true (rh_interview_template_save (custom, f->db, &error));
  g_assert_no_error (error);
  row_id = rh_interview_template_get_row_id (custom);
  g_assert_cmpint (row_id, >, 0);
  id = g_strdup_printf ("custom-%" G_GINT64_FORMAT, row_id);
  g_assert_cmpstr (rh_interview_template_get_id (custom), ==, id);

  rh_interview_template_set_name (custom, "Redis and Go");
  g_assert_true (rh_interview_template_save (custom, f->db, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rh_interview_template_get_row_id (custom), ==, row_id);

  list = rh_interview_template_list (f->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 4);
  found = g_list_model_get_item (list, 3);
  g_assert_cmpstr (rh_interview_template_get_id (found), ==, id);
  g_assert_cmpstr (rh_interview_template_get_name (found), ==, "Redis and Go");
  g_assert_true (g_strv_equal (rh_interview_template_get_topics (found), topics));
  g_assert_cmpuint (rh_interview_template_get_n_questions (found), ==, 4);
  g_assert_cmpuint (rh_interview_template_get_question_seconds (found), ==, 90);
  g_assert_cmpuint (rh_interview_template_get_total_minutes (found), ==, 12);
  g_assert_cmpuint (rh_interview_template_get_follow_up_depth (found), ==, 2);
  g_assert_false (rh_interview_template_get_counts_toward_schedule (found));
  g_assert_false (rh_interview_template_get_auto_advance (found));
  g_clear_object (&found);
  g_assert_finalize_object (g_steal_pointer (&list));

  found = rh_interview_template_lookup (f->db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rh_interview_template_get_row_id (found), ==, row_id);
  g_clear_object (&found);

  g_assert_true (rh_interview_template_delete (f->db, row_id, &error));
  g_assert_no_error (error);
  list = rh_interview_template_list (f->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 3);
  g_assert_null (rh_interview_template_lookup (f->db, id, &error));
  g_assert_error (error, RH_DATABASE_ERROR, RH_DATABASE_ERROR_NOT_FOUND);

  g_assert_finalize_object (g_steal_pointer (&list));
}

static void
test_builtin_deck (Fixture       *f,
                   gconstpointer  data)
{
  static const char * const fundamentals[] = { "Go", "Redis", "MySQL", "网络", "操作系统", NULL };
  static const char * const deep_dive[] = { "Go", "Redis", "MySQL", "网络", "操作系统", "分布式", NULL };
  static const char * const project[] = { "项目面", NULL };
  static const char * const project_design[] = { "项目面", "系统设计", NULL };
  static const char * const algorithms[] = { "算法", NULL };
  static const char * const design[] = { "系统设计", NULL };
  g_autoptr(GBytes) bytes = g_resources_lookup_data (RESOURCE_PREFIX "/decks/builtin.json", 0, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (bytes);
  g_assert_true (rh_database_import_builtin (f->db, bytes, NULL, &error));
  g_assert_no_error (error);

  for (guint64 seed = 1; seed <= 3; seed++)
    {
      g_autoptr(RhInterviewTemplate) template = NULL;
      g_autoptr(RhInterview) interview = NULL;

      /* Eight concept questions across the areas, then one coding. */
      template = rh_interview_template_new_builtin (RH_INTERVIEW_TEMPLATE_FUNDAMENTALS);
      interview = build (f, template, seed);
      g_assert_cmpuint (rh_interview_get_n_questions (interview), ==, 9);
      assert_no_repeats (interview);
      for (guint i = 0; i < 9; i++)
        {
          g_autoptr(RhCard) card = dup_planned (f, interview, i);

          g_assert_cmpint (rh_card_get_kind (card), ==, i < 8 ? RH_CARD_KIND_CONCEPT : RH_CARD_KIND_CODING);
          g_assert_true (in_topics (rh_card_get_topic (card), i < 8 ? fundamentals : algorithms));
        }
      g_assert_finalize_object (g_steal_pointer (&interview));
      g_clear_object (&template);

      template = rh_interview_template_new_builtin (RH_INTERVIEW_TEMPLATE_PROJECT);
      interview = build (f, template, seed);
      g_assert_cmpuint (rh_interview_get_n_questions (interview), ==, 6);
      assert_no_repeats (interview);
      for (guint i = 0; i < 6; i++)
        {
          g_autoptr(RhCard) card = dup_planned (f, interview, i);
          RhCardKind kind = rh_card_get_kind (card);

          if (i < 5)
            g_assert_true (kind == RH_CARD_KIND_BEHAVIORAL || kind == RH_CARD_KIND_DESIGN);
          else
            g_assert_cmpint (kind, ==, RH_CARD_KIND_DESIGN);
          g_assert_true (in_topics (rh_card_get_topic (card), i < 5 ? project : project_design));
        }
      g_assert_finalize_object (g_steal_pointer (&interview));
      g_clear_object (&template);

      /* Four chains to follow, then a twenty-minute design question. */
      template = rh_interview_template_new_builtin (RH_INTERVIEW_TEMPLATE_DEEP_DIVE);
      rh_interview_template_set_counts_toward_schedule (template, FALSE);
      interview = build (f, template, seed);
      g_assert_cmpuint (rh_interview_get_n_questions (interview), ==, 5);
      assert_no_repeats (interview);
      for (guint i = 0; i < 5; i++)
        {
          g_autoptr(RhCard) card = dup_planned (f, interview, i);
          RhCardKind kind = rh_card_get_kind (card);

          if (i < 4)
            {
              const char * const *follow_ups = rh_card_get_follow_ups (card);

              g_assert_true (kind == RH_CARD_KIND_CONCEPT || kind == RH_CARD_KIND_TROUBLESHOOTING);
              g_assert_true (follow_ups != NULL && follow_ups[0] != NULL);
            }
          else
            g_assert_cmpint (kind, ==, RH_CARD_KIND_DESIGN);
          g_assert_true (in_topics (rh_card_get_topic (card), i < 4 ? deep_dive : design));
        }

      start (interview);
      rate (interview, RH_RATING_GOOD);
      g_assert_cmpuint (rh_interview_get_follow_up_depth (interview), ==, 1);
      g_assert_cmpuint (rh_interview_get_question_index (interview), ==, 0);
      while (rh_interview_get_question_index (interview) < 4)
        skip (interview);
      g_assert_cmpuint (rh_interview_get_question_budget (interview), ==, 20 * 60);
      g_assert_cmpint (rh_card_get_kind (rh_interview_get_current_card (interview)), ==, RH_CARD_KIND_DESIGN);
      g_assert_true (rh_interview_end (interview, NULL));

      g_assert_finalize_object (g_steal_pointer (&interview));
    }
}

static void
test_migrate_from_2 (Fixture       *f,
                     gconstpointer  data)
{
  sqlite3 *raw = NULL;

  close_database (f);

  /* What version 2 of the schema left on disk. */
  g_assert_cmpint (sqlite3_open (f->path, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw,
                                 "DROP TABLE interview_answers; DROP TABLE interview_sessions;"
                                 " DROP TABLE interview_templates; PRAGMA user_version = 2;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (raw);

  open_database (f);
  g_assert_cmpint (count (f, "PRAGMA user_version;"), ==, 3);
  g_assert_cmpint (count (f, "SELECT count(*) FROM sqlite_schema WHERE name IN"
                             " ('interview_templates', 'interview_sessions', 'interview_answers');"), ==, 3);
  g_assert_cmpint (count (f, "SELECT count(*) FROM cards;"), ==, G_N_ELEMENTS (test_cards));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/interview/flow/announces", test_flow_announces);
  ADD ("/interview/flow/timing", test_flow_timing);
  ADD ("/interview/flow/end-early", test_flow_end_early);
  ADD ("/interview/flow/auto-advance", test_flow_auto_advance);
  ADD ("/interview/flow/wall-clock-step", test_flow_wall_clock_step);
  ADD ("/interview/follow-ups/chain", test_follow_ups_chain);
  ADD ("/interview/follow-ups/weak-stops", test_follow_ups_weak_stops);
  ADD ("/interview/follow-ups/no-repeats", test_follow_ups_no_repeats);
  ADD ("/interview/select/topics", test_select_topics);
  ADD ("/interview/select/fundamentals", test_select_fundamentals);
  ADD ("/interview/select/seeded", test_select_seeded);
  ADD ("/interview/select/due-first", test_select_due_first);
  ADD ("/interview/persist/resume", test_persist_resume);
  ADD ("/interview/persist/discard", test_persist_discard);
  ADD ("/interview/schedule/counts", test_schedule_counts);
  ADD ("/interview/schedule/cram", test_schedule_cram);
  ADD ("/interview/report", test_report);
  ADD ("/interview/retry-weak", test_retry_weak);
  ADD ("/interview/retry-all-skipped", test_retry_all_skipped);
  ADD ("/interview/templates", test_templates);
  ADD ("/interview/migrate-from-2", test_migrate_from_2);
  g_test_add ("/interview/builtin-deck", Fixture, "empty", fixture_setup, test_builtin_deck, fixture_teardown);
#undef ADD

  return g_test_run ();
}
