/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "rh-fsrs.h"

/* Reference values come from the published FSRS-6 test vectors for the
 * default weights; they pin every formula, including the signs that an
 * unsigned enum would silently flip. */

static void
assert_state (const RhMemoryState *state,
              double               stability,
              double               difficulty,
              double               epsilon)
{
  g_assert_cmpfloat_with_epsilon (state->stability, stability, epsilon);
  g_assert_cmpfloat_with_epsilon (state->difficulty, difficulty, epsilon);
}

static void
test_defaults (void)
{
  RhFsrsParams p;

  rh_fsrs_params_init_default (&p);

  g_assert_cmpfloat (p.w[0], ==, 0.212);
  g_assert_cmpfloat (p.w[8], ==, 1.8722);
  g_assert_cmpfloat (p.w[20], ==, 0.1542);
  g_assert_cmpfloat (p.desired_retention, ==, 0.9);
  g_assert_cmpint (p.maximum_interval, ==, 36500);
}

static void
test_first_review (void)
{
  static const double stability[] = { 0.212, 1.2931, 2.3065, 8.2956 };
  static const double difficulty[] = { 6.4133, 5.11217071, 2.11810397, 1.0 };
  RhFsrsParams p;

  rh_fsrs_params_init_default (&p);

  for (int rating = RH_RATING_AGAIN; rating <= RH_RATING_EASY; rating++)
    {
      RhMemoryState out;

      /* The elapsed days of a new card's first review are ignored. */
      rh_fsrs_next_state (&p, NULL, 42.0, (RhRating) rating, &out);
      assert_state (&out, stability[rating - 1], difficulty[rating - 1], 1e-6);
    }
}

static void
test_review_sequence (void)
{
  static const RhRating ratings[] = {
    RH_RATING_AGAIN, RH_RATING_GOOD, RH_RATING_GOOD,
    RH_RATING_GOOD, RH_RATING_GOOD, RH_RATING_GOOD,
  };
  static const double elapsed[] = { 0, 0, 1, 3, 8, 21 };
  RhFsrsParams p;
  RhMemoryState state;

  rh_fsrs_params_init_default (&p);

  rh_fsrs_next_state (&p, NULL, elapsed[0], ratings[0], &state);
  for (guint i = 1; i < G_N_ELEMENTS (ratings); i++)
    {
      RhMemoryState prev = state;

      rh_fsrs_next_state (&p, &prev, elapsed[i], ratings[i], &state);
    }

  assert_state (&state, 53.62691, 6.3574867, 1e-4);
}

static void
test_review_after_ten_days (void)
{
  static const double stability[] = {
    1.39198697, 23.24687511, 32.02672948, 51.25386165,
  };
  static const double difficulty[] = {
    8.34176237, 6.66599536, 4.99022837, 3.31446137,
  };
  const RhMemoryState prev = { 10.0, 5.0 };
  RhFsrsParams p;

  rh_fsrs_params_init_default (&p);

  for (int rating = RH_RATING_AGAIN; rating <= RH_RATING_EASY; rating++)
    {
      RhMemoryState out;

      rh_fsrs_next_state (&p, &prev, 10.0, (RhRating) rating, &out);
      assert_state (&out, stability[rating - 1], difficulty[rating - 1], 1e-6);
    }
}

static void
test_difficulty_direction (void)
{
  const RhMemoryState prev = { 5.0, 5.0 };
  RhFsrsParams p;
  RhMemoryState again, good, easy;

  rh_fsrs_params_init_default (&p);

  rh_fsrs_next_state (&p, &prev, 3.0, RH_RATING_AGAIN, &again);
  rh_fsrs_next_state (&p, &prev, 3.0, RH_RATING_GOOD, &good);
  rh_fsrs_next_state (&p, &prev, 3.0, RH_RATING_EASY, &easy);

  g_assert_cmpfloat (again.difficulty, >, prev.difficulty);
  g_assert_cmpfloat (easy.difficulty, <, prev.difficulty);
  g_assert_cmpfloat (again.stability, <, prev.stability);
  g_assert_cmpfloat (good.stability, >, prev.stability);
  g_assert_cmpfloat (easy.stability, >, good.stability);
}

static void
test_state_clamped (void)
{
  const RhMemoryState hardest = { 0.001, 10.0 };
  const RhMemoryState easiest = { 36500.0, 1.0 };
  RhFsrsParams p;
  RhMemoryState out;

  rh_fsrs_params_init_default (&p);

  rh_fsrs_next_state (&p, &hardest, 0.0, RH_RATING_AGAIN, &out);
  g_assert_cmpfloat (out.stability, >=, RH_FSRS_MIN_STABILITY);
  /* At 10 the damping stops the step and mean reversion pulls back
   * towards the unclamped D0(Easy) = -4.7717 (a clamped 1 would give
   * 9.991). */
  g_assert_cmpfloat_with_epsilon (out.difficulty, 9.98522837, 1e-6);

  rh_fsrs_next_state (&p, &easiest, 36500.0, RH_RATING_EASY, &out);
  g_assert_cmpfloat (out.stability, ==, RH_FSRS_MAX_STABILITY);
  g_assert_cmpfloat (out.difficulty, ==, RH_FSRS_MIN_DIFFICULTY);
}

static void
test_lapse_ceiling (void)
{
  /* A barely learnt card forgotten after a long gap: the lapse formula
   * alone (0.01227) would make it more stable than it was. */
  const RhMemoryState prev = { 0.01, 5.0 };
  RhFsrsParams p;
  RhMemoryState out;

  rh_fsrs_params_init_default (&p);

  rh_fsrs_next_state (&p, &prev, 100.0, RH_RATING_AGAIN, &out);
  g_assert_cmpfloat_with_epsilon (out.stability, 0.01 / exp (p.w[17] * p.w[18]), 1e-12);
  g_assert_cmpfloat (out.stability, <, prev.stability);
}

static void
test_same_day (void)
{
  static const double stabilities[] = { 0.01, 0.212, 1.0, 2.3065, 10.0, 365.0, 10000.0 };
  RhFsrsParams p;

  rh_fsrs_params_init_default (&p);

  for (guint i = 0; i < G_N_ELEMENTS (stabilities); i++)
    {
      const RhMemoryState prev = { stabilities[i], 5.0 };

      for (int rating = RH_RATING_HARD; rating <= RH_RATING_EASY; rating++)
        {
          RhMemoryState out;

          rh_fsrs_next_state (&p, &prev, 0.0, (RhRating) rating, &out);
          g_assert_cmpfloat (out.stability, >=, prev.stability);
        }
    }
}

static void
test_same_day_formula (void)
{
  const RhMemoryState prev = { 0.212, 6.4133 };
  RhFsrsParams p;
  RhMemoryState again, good;

  rh_fsrs_params_init_default (&p);

  rh_fsrs_next_state (&p, &prev, 0.0, RH_RATING_GOOD, &good);
  g_assert_cmpfloat_with_epsilon (good.stability, 0.24668919, 1e-6);
  g_assert_cmpfloat_with_epsilon (good.difficulty, 6.40211507, 1e-6);

  /* Forgetting a card an hour later does weaken it, for S > 1. */
  {
    const RhMemoryState stable = { 10.0, 5.0 };

    rh_fsrs_next_state (&p, &stable, 0.0, RH_RATING_AGAIN, &again);
    g_assert_cmpfloat (again.stability, <, stable.stability);
  }
}

static void
test_retrievability (void)
{
  RhFsrsParams p;

  rh_fsrs_params_init_default (&p);

  g_assert_cmpfloat_with_epsilon (rh_fsrs_retrievability (&p, 20.0, 10.0), 0.84588465, 1e-8);
  g_assert_cmpfloat_with_epsilon (rh_fsrs_retrievability (&p, 0.0, 10.0), 1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (rh_fsrs_retrievability (&p, 10.0, 10.0), 0.9, 1e-12);
  g_assert_cmpfloat_with_epsilon (rh_fsrs_retrievability (&p, 123.0, 123.0), 0.9, 1e-12);
  g_assert_cmpfloat (rh_fsrs_retrievability (&p, 30.0, 10.0), <,
                     rh_fsrs_retrievability (&p, 20.0, 10.0));
}

static void
test_elapsed_ratio (void)
{
  RhFsrsParams p;

  rh_fsrs_params_init_default (&p);

  g_assert_cmpfloat_with_epsilon (rh_fsrs_elapsed_ratio (&p, 0.9), 1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (rh_fsrs_elapsed_ratio (&p, 1.0), 0.0, 1e-12);
  /* The inverse of the forgetting curve. */
  g_assert_cmpfloat_with_epsilon (rh_fsrs_retrievability (&p, 10.0 * rh_fsrs_elapsed_ratio (&p, 0.8), 10.0),
                                  0.8, 1e-12);
  g_assert_cmpfloat (rh_fsrs_elapsed_ratio (&p, 0.5), >, rh_fsrs_elapsed_ratio (&p, 0.8));
}

static void
test_interval_equals_stability (void)
{
  static const double stabilities[] = { 1.0, 2.3065, 8.2956, 10.0, 53.62691, 365.25, 1000.4 };
  RhFsrsParams p;

  rh_fsrs_params_init_default (&p);

  for (guint i = 0; i < G_N_ELEMENTS (stabilities); i++)
    g_assert_cmpint (rh_fsrs_next_interval (&p, stabilities[i]), ==, (int) round (stabilities[i]));
}

static void
test_interval_clamped (void)
{
  RhFsrsParams p;

  rh_fsrs_params_init_default (&p);

  g_assert_cmpint (rh_fsrs_next_interval (&p, 0.001), ==, 1);
  g_assert_cmpint (rh_fsrs_next_interval (&p, 0.212), ==, 1);
  g_assert_cmpint (rh_fsrs_next_interval (&p, 36500.0), ==, 36500);
  g_assert_cmpint (rh_fsrs_next_interval (&p, 1e9), ==, 36500);

  p.maximum_interval = 30;
  g_assert_cmpint (rh_fsrs_next_interval (&p, 29.4), ==, 29);
  g_assert_cmpint (rh_fsrs_next_interval (&p, 100.0), ==, 30);
}

static void
test_interval_retention (void)
{
  RhFsrsParams p;
  int at_90, at_80, at_95;

  rh_fsrs_params_init_default (&p);
  at_90 = rh_fsrs_next_interval (&p, 50.0);

  p.desired_retention = 0.8;
  at_80 = rh_fsrs_next_interval (&p, 50.0);

  p.desired_retention = 0.95;
  at_95 = rh_fsrs_next_interval (&p, 50.0);

  /* Asking to remember more means reviewing sooner. */
  g_assert_cmpint (at_90, ==, 50);
  g_assert_cmpint (at_80, >, at_90);
  g_assert_cmpint (at_95, <, at_90);

  /* And the interval is where R falls to the desired retention. */
  p.desired_retention = 0.8;
  g_assert_cmpfloat_with_epsilon (rh_fsrs_retrievability (&p, at_80, 50.0), 0.8, 0.005);
}

static void
test_fuzz_short (void)
{
  for (guint64 seed = 0; seed < 100; seed++)
    {
      g_assert_cmpint (rh_fsrs_fuzz_interval (1, 0, 36500, seed), ==, 1);
      g_assert_cmpint (rh_fsrs_fuzz_interval (2, 1, 36500, seed), ==, 2);
    }
}

/* The result depends on the arguments alone, not on hidden state such as a
 * shared random generator: asked again in another order, interleaved with
 * other calls, every seed gives what it gave the first time. */
static void
test_fuzz_deterministic (void)
{
  static const int intervals[] = { 3, 5, 12, 50, 400 };
  int first[G_N_ELEMENTS (intervals)][50];

  for (guint i = 0; i < G_N_ELEMENTS (intervals); i++)
    for (guint64 seed = 0; seed < 50; seed++)
      first[i][seed] = rh_fsrs_fuzz_interval (intervals[i], 0, 36500, seed);

  for (guint64 seed = 50; seed-- > 0;)
    for (guint i = G_N_ELEMENTS (intervals); i-- > 0;)
      {
        (void) rh_fsrs_fuzz_interval (intervals[i] + 7, 1, 36500, seed * 31 + 5);
        g_assert_cmpint (rh_fsrs_fuzz_interval (intervals[i], 0, 36500, seed), ==, first[i][seed]);
      }
}

static void
test_fuzz_range (void)
{
  /* interval, elapsed, lowest and highest allowed result */
  static const struct { int ivl, elapsed, lo, hi; } cases[] = {
    { 3, 0, 2, 4 },        /* delta 1.075 */
    { 7, 0, 5, 9 },        /* delta 1.675 */
    { 10, 0, 8, 12 },      /* delta 1.975 */
    { 20, 0, 17, 23 },     /* delta 2.975 */
    { 100, 0, 93, 107 },   /* delta 6.975 */
    { 1000, 0, 948, 1052 }, /* delta 51.975 */
    { 10, 9, 10, 12 },     /* not before the day after the last gap */
    { 4, 30, 3, 5 },       /* a long-overdue card keeps the plain range */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      int seen_lo = G_MAXINT;
      int seen_hi = G_MININT;

      for (guint64 seed = 0; seed < 2000; seed++)
        {
          int fuzzed = rh_fsrs_fuzz_interval (cases[i].ivl, cases[i].elapsed, 36500, seed);

          g_assert_cmpint (fuzzed, >=, cases[i].lo);
          g_assert_cmpint (fuzzed, <=, cases[i].hi);
          seen_lo = MIN (seen_lo, fuzzed);
          seen_hi = MAX (seen_hi, fuzzed);
        }

      /* Every day of the range is reachable. */
      g_assert_cmpint (seen_lo, ==, cases[i].lo);
      g_assert_cmpint (seen_hi, ==, cases[i].hi);
    }
}

static void
test_fuzz_maximum (void)
{
  for (guint64 seed = 0; seed < 500; seed++)
    {
      g_assert_cmpint (rh_fsrs_fuzz_interval (36500, 0, 36500, seed), <=, 36500);
      g_assert_cmpint (rh_fsrs_fuzz_interval (100, 0, 100, seed), <=, 100);
      g_assert_cmpint (rh_fsrs_fuzz_interval (100, 0, 100, seed), >=, 93);
      /* An interval above the maximum is pulled back first. */
      g_assert_cmpint (rh_fsrs_fuzz_interval (500, 0, 30, seed), <=, 30);
      g_assert_cmpint (rh_fsrs_fuzz_interval (500, 0, 30, seed), >=, 27);
    }
}

static void
test_fuzz_seeds_differ (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

  for (guint64 seed = 0; seed < 200; seed++)
    g_hash_table_add (seen, GINT_TO_POINTER (rh_fsrs_fuzz_interval (100, 0, 36500, seed)));

  /* 15 possible days; consecutive seeds must not collapse onto a few. */
  g_assert_cmpuint (g_hash_table_size (seen), >=, 12);
}

static void
test_fuzz_pinned (void)
{
  /* splitmix64 of seeds 0..5 gives 0.8833, 0.5666, 0.5912, 0.1135,
   * 0.4315, 0.3868, spread over the 15 days from 93 to 107. */
  static const int expected[] = { 106, 101, 101, 94, 99, 98 };

  for (guint64 seed = 0; seed < G_N_ELEMENTS (expected); seed++)
    g_assert_cmpint (rh_fsrs_fuzz_interval (100, 0, 36500, seed), ==, expected[seed]);
}

static void
test_invalid_rating (void)
{
  RhFsrsParams p;
  RhMemoryState out = { -1.0, -1.0 };

  rh_fsrs_params_init_default (&p);

  g_assert_false (rh_fsrs_rating_is_valid (0));
  g_assert_false (rh_fsrs_rating_is_valid (5));
  g_assert_true (rh_fsrs_rating_is_valid (RH_RATING_EASY));

  g_test_expect_message ("rh-fsrs", G_LOG_LEVEL_CRITICAL, "*rh_fsrs_rating_is_valid*");
  rh_fsrs_next_state (&p, NULL, 0.0, (RhRating) 5, &out);
  g_test_assert_expected_messages ();

  g_assert_cmpfloat (out.stability, ==, -1.0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fsrs/defaults", test_defaults);
  g_test_add_func ("/fsrs/state/first-review", test_first_review);
  g_test_add_func ("/fsrs/state/review-sequence", test_review_sequence);
  g_test_add_func ("/fsrs/state/after-ten-days", test_review_after_ten_days);
  g_test_add_func ("/fsrs/state/direction", test_difficulty_direction);
  g_test_add_func ("/fsrs/state/clamped", test_state_clamped);
  g_test_add_func ("/fsrs/state/lapse-ceiling", test_lapse_ceiling);
  g_test_add_func ("/fsrs/state/same-day-never-lowers", test_same_day);
  g_test_add_func ("/fsrs/state/same-day-formula", test_same_day_formula);
  g_test_add_func ("/fsrs/state/invalid-rating", test_invalid_rating);
  g_test_add_func ("/fsrs/retrievability", test_retrievability);
  g_test_add_func ("/fsrs/retrievability/elapsed-ratio", test_elapsed_ratio);
  g_test_add_func ("/fsrs/interval/equals-stability", test_interval_equals_stability);
  g_test_add_func ("/fsrs/interval/clamped", test_interval_clamped);
  g_test_add_func ("/fsrs/interval/retention", test_interval_retention);
  g_test_add_func ("/fsrs/fuzz/short", test_fuzz_short);
  g_test_add_func ("/fsrs/fuzz/deterministic", test_fuzz_deterministic);
  g_test_add_func ("/fsrs/fuzz/range", test_fuzz_range);
  g_test_add_func ("/fsrs/fuzz/maximum", test_fuzz_maximum);
  g_test_add_func ("/fsrs/fuzz/seeds-differ", test_fuzz_seeds_differ);
  g_test_add_func ("/fsrs/fuzz/pinned", test_fuzz_pinned);

  return g_test_run ();
}
