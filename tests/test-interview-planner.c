/* SPDX-License-Identifier: GPL-3.0-or-later */
/* RhInterviewPlanner: which questions a session asks. */
#include "config.h"

#include <string.h>

#include "rh-test-interview.h"

typedef RhTestInterviewFixture Fixture;

#define DAY (G_GINT64_CONSTANT (86400))

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
  g_autoptr(RhInterviewTemplate) template = rh_test_drill_template (100, 45, 0);
  g_autoptr(RhInterview) interview = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uids = NULL;

  rh_interview_template_set_topics (template, topics);
  rh_interview_template_set_n_questions (template, 10);

  /* Fewer cards than asked for: all of them, each once. */
  interview = rh_test_build_interview (f, template, 7);
  g_assert_cmpuint (rh_interview_get_n_questions (interview), ==, 6);
  assert_no_repeats (interview);
  for (guint i = 0; i < 6; i++)
    {
      g_autoptr(RhCard) card = rh_test_dup_planned (f, interview, i);

      g_assert_true (in_topics (rh_card_get_topic (card), topics));
    }
  g_assert_finalize_object (g_steal_pointer (&interview));

  g_assert_true (rh_deck_store_set_card_suspended (f->db, rh_test_card_id (f, "redis-1"), TRUE, &error));
  g_assert_no_error (error);
  interview = rh_test_build_interview (f, template, 7);
  g_assert_cmpuint (rh_interview_get_n_questions (interview), ==, 5);
  uids = rh_test_plan_uids (f, interview);
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
      g_autoptr(RhInterview) interview = rh_test_build_interview (f, template, seed);
      g_autoptr(GHashTable) areas_seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      guint n_coding = 0;

      g_assert_cmpuint (rh_interview_get_n_questions (interview), ==, 9);
      assert_no_repeats (interview);

      for (guint i = 0; i < 9; i++)
        {
          g_autoptr(RhCard) card = rh_test_dup_planned (f, interview, i);
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
  g_autoptr(RhInterviewTemplate) template = rh_test_drill_template (100, 45, 0);
  g_autoptr(GHashTable) plans = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  rh_interview_template_set_n_questions (template, 5);

  for (guint64 seed = 1; seed <= 10; seed++)
    {
      g_autoptr(RhInterview) first = rh_test_build_interview (f, template, seed);
      g_autoptr(RhInterview) second = rh_test_build_interview (f, template, seed);
      g_autofree char *a = rh_test_plan_uids (f, first);
      g_autofree char *b = rh_test_plan_uids (f, second);

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
  g_autoptr(RhInterviewTemplate) template = rh_test_drill_template (100, 45, 0);
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
      g_autoptr(RhInterview) interview = rh_test_build_interview (f, template, seed);

      for (guint i = 0; i < 3; i++)
        {
          g_autoptr(RhCard) card = rh_test_dup_planned (f, interview, i);
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
      g_autoptr(RhInterview) interview = rh_test_build_interview (f, template, seed);
      g_autofree char *uids = rh_test_plan_uids (f, interview);

      g_assert_cmpstr (uids, ==, "cache-7 cache-8");
      g_assert_finalize_object (g_steal_pointer (&interview));
    }
}

typedef struct
{
  guint planned;   /* seconds of the planned questions */
  guint all;       /* and of their follow-ups */
  guint deepest;
  guint n_design;
} GoodRun;

/* Answers every question Good, as far as the session goes. */
static GoodRun
run_good (RhInterview *interview)
{
  GoodRun run = { 0, };

  rh_test_start (interview);
  while (rh_interview_get_state (interview) != RH_INTERVIEW_STATE_FINISHED)
    {
      guint budget = rh_interview_get_question_budget (interview);
      guint depth = rh_interview_get_follow_up_depth (interview);

      if (depth == 0)
        run.planned += budget;
      run.all += budget;
      run.deepest = MAX (run.deepest, depth);
      if (rh_card_get_kind (rh_interview_get_current_card (interview)) == RH_CARD_KIND_DESIGN)
        run.n_design++;
      rh_test_rate (interview, RH_RATING_GOOD);
    }

  return run;
}

/* Each built-in round does what its description says: its budgets fit
 * its length, Project asks one design question, Deep Dive follows up
 * three deep. */
static void
test_builtin_rounds (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GBytes) bytes = g_resources_lookup_data (RESOURCE_PREFIX "/decks/builtin.json", 0, NULL);
  g_autoptr(GError) error = NULL;
  const char * const *ids = rh_interview_template_get_builtin_ids ();
  guint deep_dive_deepest = 0;

  g_assert_nonnull (bytes);
  g_assert_true (rh_deck_store_import_builtin (f->db, bytes, NULL, &error));
  g_assert_no_error (error);

  for (guint i = 0; ids[i]; i++)
    for (guint64 seed = 1; seed <= 6; seed++)
      {
        g_autoptr(RhInterviewTemplate) template = rh_interview_template_new_builtin (ids[i]);
        g_autoptr(RhInterview) interview = NULL;
        guint total = rh_interview_template_get_total_minutes (template) * 60;
        GoodRun run;

        rh_interview_template_set_counts_toward_schedule (template, FALSE);
        interview = rh_test_build_interview (f, template, seed);
        run = run_good (interview);

        g_test_message ("%s seed %" G_GUINT64_FORMAT ": planned %u s, with follow-ups %u s of %u, depth %u",
                        ids[i], seed, run.planned, run.all, total, run.deepest);
        g_assert_cmpuint (run.planned, <=, total);
        g_assert_cmpuint (run.all, <=, total);

        if (g_str_equal (ids[i], RH_INTERVIEW_TEMPLATE_PROJECT))
          g_assert_cmpuint (run.n_design, ==, 1);
        if (g_str_equal (ids[i], RH_INTERVIEW_TEMPLATE_DEEP_DIVE))
          {
            g_assert_cmpuint (run.n_design, ==, 1);
            g_assert_cmpuint (run.deepest, <=, rh_interview_template_get_follow_up_depth (template));
            deep_dive_deepest = MAX (deep_dive_deepest, run.deepest);
          }

        g_assert_finalize_object (g_steal_pointer (&interview));
      }

  g_assert_cmpuint (deep_dive_deepest, ==, 3);
}

static void
test_builtin_deck (Fixture       *f,
                   gconstpointer  data)
{
  static const char * const fundamentals[] = { "Go", "Redis", "MySQL", "网络", "操作系统", NULL };
  static const char * const deep_dive[] = { "Go", "Redis", "MySQL", "网络", "操作系统", "分布式", "存储", "云原生", "安全", NULL };
  static const char * const project[] = { "项目面", NULL };
  static const char * const project_design[] = { "项目面", "系统设计", NULL };
  static const char * const algorithms[] = { "算法", NULL };
  static const char * const design[] = { "系统设计", NULL };
  g_autoptr(GBytes) bytes = g_resources_lookup_data (RESOURCE_PREFIX "/decks/builtin.json", 0, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (bytes);
  g_assert_true (rh_deck_store_import_builtin (f->db, bytes, NULL, &error));
  g_assert_no_error (error);

  for (guint64 seed = 1; seed <= 3; seed++)
    {
      g_autoptr(RhInterviewTemplate) template = NULL;
      g_autoptr(RhInterview) interview = NULL;

      /* Eight concept questions across the areas, then one coding. */
      template = rh_interview_template_new_builtin (RH_INTERVIEW_TEMPLATE_FUNDAMENTALS);
      interview = rh_test_build_interview (f, template, seed);
      g_assert_cmpuint (rh_interview_get_n_questions (interview), ==, 9);
      assert_no_repeats (interview);
      for (guint i = 0; i < 9; i++)
        {
          g_autoptr(RhCard) card = rh_test_dup_planned (f, interview, i);

          g_assert_cmpint (rh_card_get_kind (card), ==, i < 8 ? RH_CARD_KIND_CONCEPT : RH_CARD_KIND_CODING);
          g_assert_true (in_topics (rh_card_get_topic (card), i < 8 ? fundamentals : algorithms));
        }
      g_assert_finalize_object (g_steal_pointer (&interview));
      g_clear_object (&template);

      template = rh_interview_template_new_builtin (RH_INTERVIEW_TEMPLATE_PROJECT);
      interview = rh_test_build_interview (f, template, seed);
      g_assert_cmpuint (rh_interview_get_n_questions (interview), ==, 6);
      assert_no_repeats (interview);
      for (guint i = 0; i < 6; i++)
        {
          g_autoptr(RhCard) card = rh_test_dup_planned (f, interview, i);
          RhCardKind kind = rh_card_get_kind (card);

          if (i < 5)
            g_assert_true (kind == RH_CARD_KIND_BEHAVIORAL || kind == RH_CARD_KIND_TROUBLESHOOTING);
          else
            g_assert_cmpint (kind, ==, RH_CARD_KIND_DESIGN);
          g_assert_true (in_topics (rh_card_get_topic (card), i < 5 ? project : project_design));
        }
      g_assert_finalize_object (g_steal_pointer (&interview));
      g_clear_object (&template);

      /* Four chains to follow, then a twenty-minute design question. */
      template = rh_interview_template_new_builtin (RH_INTERVIEW_TEMPLATE_DEEP_DIVE);
      rh_interview_template_set_counts_toward_schedule (template, FALSE);
      interview = rh_test_build_interview (f, template, seed);
      g_assert_cmpuint (rh_interview_get_n_questions (interview), ==, 5);
      assert_no_repeats (interview);
      for (guint i = 0; i < 5; i++)
        {
          g_autoptr(RhCard) card = rh_test_dup_planned (f, interview, i);
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

      rh_test_start (interview);
      rh_test_rate (interview, RH_RATING_GOOD);
      g_assert_cmpuint (rh_interview_get_follow_up_depth (interview), ==, 1);
      g_assert_cmpuint (rh_interview_get_question_index (interview), ==, 0);
      while (rh_interview_get_question_index (interview) < 4)
        rh_test_skip (interview);
      /* The design question's twenty minutes are fixed: only the others fit around it. */
      g_assert_cmpuint (rh_interview_get_question_budget (interview), ==, 20 * 60);
      g_assert_cmpint (rh_card_get_kind (rh_interview_get_current_card (interview)), ==, RH_CARD_KIND_DESIGN);
      g_assert_true (rh_interview_end (interview, NULL));

      g_assert_finalize_object (g_steal_pointer (&interview));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(name, func) g_test_add (name, Fixture, NULL, rh_test_interview_setup, func, rh_test_interview_teardown)
  ADD ("/interview-planner/select/topics", test_select_topics);
  ADD ("/interview-planner/select/fundamentals", test_select_fundamentals);
  ADD ("/interview-planner/select/seeded", test_select_seeded);
  ADD ("/interview-planner/select/due-first", test_select_due_first);
  g_test_add ("/interview-planner/builtin-deck", Fixture, "empty",
              rh_test_interview_setup, test_builtin_deck, rh_test_interview_teardown);
  g_test_add ("/interview-planner/builtin-rounds", Fixture, "empty",
              rh_test_interview_setup, test_builtin_rounds, rh_test_interview_teardown);
#undef ADD

  return g_test_run ();
}
