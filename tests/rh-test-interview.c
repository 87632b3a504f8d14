/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "rh-test-interview.h"

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

  for (guint i = 0; i < rh_test_interview_n_cards (); i++)
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

void
rh_test_interview_open_database (RhTestInterviewFixture *f)
{
  f->db = rh_test_open_database (f->path, f->clock);
  f->scheduler = rh_scheduler_new (f->db, f->settings);
}

void
rh_test_interview_close_database (RhTestInterviewFixture *f)
{
  g_assert_finalize_object (g_steal_pointer (&f->scheduler));
  g_assert_finalize_object (g_steal_pointer (&f->db));
}

void
rh_test_interview_setup (RhTestInterviewFixture *f,
                         gconstpointer           data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *deck = make_deck ();

  f->dir = g_dir_make_tmp ("rehearse-interview-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "rehearse.db", NULL);
  f->clock = rh_clock_new_fake (RH_TEST_NOW_US, NULL);
  f->settings = rh_study_settings_new ();
  rh_test_interview_open_database (f);
  if (data == NULL)
    rh_test_import (f->db, deck, NULL);
}

void
rh_test_interview_teardown (RhTestInterviewFixture *f,
                            gconstpointer           data)
{
  rh_test_interview_close_database (f);
  g_assert_finalize_object (f->settings);
  g_assert_finalize_object (f->clock);
  rh_test_remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

gint64
rh_test_card_id (RhTestInterviewFixture *f,
                 const char             *uid)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM cards WHERE uid = '%s';", uid);

  return rh_test_query_int (f->db, sql);
}

void
rh_test_advance (RhTestInterviewFixture *f,
                 gint64                  seconds)
{
  rh_clock_advance (f->clock, seconds * G_USEC_PER_SEC);
}

RhInterviewTemplate *
rh_test_drill_template (guint question_seconds,
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
RhInterview *
rh_test_interview_for (RhTestInterviewFixture *f,
                       RhInterviewTemplate    *template,
                       const char * const     *uids)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  RhInterview *interview;

  for (guint i = 0; uids[i]; i++)
    {
      gint64 id = rh_test_card_id (f, uids[i]);
      g_array_append_val (ids, id);
    }

  interview = rh_interview_new_for_cards (f->scheduler, template, (gint64 *)(gpointer)ids->data, ids->len, &error);
  g_assert_no_error (error);
  g_assert_nonnull (interview);

  return interview;
}

const char *
rh_test_current_uid (RhInterview *interview)
{
  RhCard *card = rh_interview_get_current_card (interview);

  return card ? rh_card_get_uid (card) : NULL;
}

void
rh_test_start (RhInterview *interview)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (rh_interview_start (interview, &error));
  g_assert_no_error (error);
}

void
rh_test_rate (RhInterview *interview,
              RhRating     rating)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (rh_interview_rate (interview, rating, NULL, &error));
  g_assert_no_error (error);
}

void
rh_test_skip (RhInterview *interview)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (rh_interview_skip (interview, &error));
  g_assert_no_error (error);
}

void
rh_test_assert_question (RhInterview *interview,
                         const char  *uid,
                         guint        index,
                         guint        depth)
{
  g_assert_cmpstr (rh_test_current_uid (interview), ==, uid);
  g_assert_cmpuint (rh_interview_get_question_index (interview), ==, index);
  g_assert_cmpuint (rh_interview_get_follow_up_depth (interview), ==, depth);
}

char *
rh_test_plan_uids (RhTestInterviewFixture *f,
                   RhInterview            *interview)
{
  g_autoptr(GString) uids = g_string_new (NULL);
  const gint64 *plan;
  guint n;

  plan = rh_interview_get_plan (interview, &n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RhCard) card = rh_deck_store_dup_card (f->db, plan[i], NULL);

      g_assert_nonnull (card);
      g_string_append_printf (uids, "%s%s", i ? " " : "", rh_card_get_uid (card));
    }

  return g_string_free (g_steal_pointer (&uids), FALSE);
}

RhCard *
rh_test_dup_planned (RhTestInterviewFixture *f,
                     RhInterview            *interview,
                     guint                   index)
{
  g_autoptr(GError) error = NULL;
  const gint64 *plan;
  guint n;
  RhCard *card;

  plan = rh_interview_get_plan (interview, &n);
  g_assert_cmpuint (index, <, n);
  card = rh_deck_store_dup_card (f->db, plan[index], &error);
  g_assert_no_error (error);

  return card;
}

RhInterview *
rh_test_build_interview (RhTestInterviewFixture *f,
                         RhInterviewTemplate    *template,
                         guint64                 seed)
{
  g_autoptr(GError) error = NULL;
  RhInterview *interview = rh_interview_new_with_seed (f->scheduler, template, seed, &error);

  g_assert_no_error (error);
  g_assert_nonnull (interview);
  g_assert_cmpuint (rh_interview_get_seed (interview), ==, seed);

  return interview;
}

/* Answers each question of @interview with @ratings (0 = skip) after
 * spending @seconds on it. */
void
rh_test_run_interview (RhTestInterviewFixture *f,
                       RhInterview            *interview,
                       const RhRating         *ratings,
                       const guint            *seconds,
                       guint                   n)
{
  rh_test_start (interview);
  for (guint i = 0; i < n; i++)
    {
      rh_test_advance (f, seconds[i]);
      if (ratings[i] == 0)
        rh_test_skip (interview);
      else
        rh_test_rate (interview, ratings[i]);
    }
  g_assert_cmpint (rh_interview_get_state (interview), ==, RH_INTERVIEW_STATE_FINISHED);
}

guint
rh_test_interview_n_cards (void)
{
  return G_N_ELEMENTS (test_cards);
}
