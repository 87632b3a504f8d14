/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rh-fsrs"

#include "config.h"

#include <math.h>

#include "rh-fsrs.h"

/* FSRS-6 (Free Spaced Repetition Scheduler): a memory model with two
 * numbers per card, stability S (days until recall probability falls to
 * 90%) and difficulty D (1..10). Everything here is a pure function of its
 * arguments, so the scheduler can be replayed from the review log and
 * tested against published values. */

static const double default_weights[RH_FSRS_N_WEIGHTS] = {
  0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722,
  0.1666, 0.796, 1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425,
  0.0912, 0.0658, 0.1542,
};

#define DEFAULT_DESIRED_RETENTION 0.9
#define DEFAULT_MAXIMUM_INTERVAL 36500

/* Fuzz spreads cards that were learnt together over neighbouring days,
 * more widely for long intervals but by a shrinking share of them. */
typedef struct
{
  double start;
  double end;
  double factor;
} FuzzRange;

static const FuzzRange fuzz_ranges[] = {
  { 2.5, 7.0, 0.15 },
  { 7.0, 20.0, 0.10 },
  { 20.0, INFINITY, 0.05 },
};

static double
clamp_stability (double s)
{
  /* Also catches NaN from degenerate weights. */
  if (!(s >= RH_FSRS_MIN_STABILITY))
    return RH_FSRS_MIN_STABILITY;

  return MIN (s, RH_FSRS_MAX_STABILITY);
}

static double
clamp_difficulty (double d)
{
  if (!(d >= RH_FSRS_MIN_DIFFICULTY))
    return RH_FSRS_MIN_DIFFICULTY;

  return MIN (d, RH_FSRS_MAX_DIFFICULTY);
}

static double
decay (const RhFsrsParams *p)
{
  return -p->w[20];
}

/* Chosen so that R(S, S) = 0.9 whatever the decay. */
static double
factor (const RhFsrsParams *p)
{
  return pow (0.9, 1.0 / decay (p)) - 1.0;
}

/* Not clamped: mean reversion needs the raw D0(Easy). */
static double
initial_difficulty (const RhFsrsParams *p,
                    int                 grade)
{
  return p->w[4] - exp (p->w[5] * (grade - 1)) + 1.0;
}

static double
next_difficulty (const RhFsrsParams *p,
                 double              d,
                 int                 grade)
{
  double delta = -p->w[6] * (grade - 3);
  /* Linear damping: the closer to 10, the smaller the step. */
  double damped = d + delta * (10.0 - d) / 9.0;
  double reverted = p->w[7] * initial_difficulty (p, RH_RATING_EASY)
                    + (1.0 - p->w[7]) * damped;

  return clamp_difficulty (reverted);
}

static double
recall_stability (const RhFsrsParams *p,
                  double              s,
                  double              d,
                  double              r,
                  int                 grade)
{
  double hard_penalty = grade == RH_RATING_HARD ? p->w[15] : 1.0;
  double easy_bonus = grade == RH_RATING_EASY ? p->w[16] : 1.0;

  return s * (1.0 + exp (p->w[8])
                    * (11.0 - d)
                    * pow (s, -p->w[9])
                    * (exp (p->w[10] * (1.0 - r)) - 1.0)
                    * hard_penalty
                    * easy_bonus);
}

static double
lapse_stability (const RhFsrsParams *p,
                 double              s,
                 double              d,
                 double              r)
{
  double forget = p->w[11]
                  * pow (d, -p->w[12])
                  * (pow (s + 1.0, p->w[13]) - 1.0)
                  * exp (p->w[14] * (1.0 - r));
  /* A lapse must not leave the card more stable than a same-day Again. */
  double ceiling = s / exp (p->w[17] * p->w[18]);

  return MIN (forget, ceiling);
}

static double
same_day_stability (const RhFsrsParams *p,
                    double              s,
                    int                 grade)
{
  double growth = exp (p->w[17] * (grade - 3 + p->w[18])) * pow (s, -p->w[19]);

  /* Remembering the card again the same day must not make it weaker. */
  if (grade >= RH_RATING_HARD)
    growth = MAX (growth, 1.0);

  return s * growth;
}

/* splitmix64 (Steele, Lea and Flood): one step is enough to turn any seed,
 * even a small card id, into well-spread bits, and it keeps no state. */
static double
seed_to_unit (guint64 seed)
{
  guint64 z = seed + G_GUINT64_CONSTANT (0x9E3779B97F4A7C15);

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  z ^= z >> 31;

  /* The top 53 bits fill a double's mantissa exactly: [0, 1). */
  return (double) (z >> 11) * (1.0 / 9007199254740992.0);
}

/**
 * rh_fsrs_params_init_default:
 * @p: parameters to fill
 *
 * Sets the published FSRS-6 default weights, a desired retention of 90%
 * and a maximum interval of 100 years.
 */
void
rh_fsrs_params_init_default (RhFsrsParams *p)
{
  g_return_if_fail (p != NULL);

  for (guint i = 0; i < RH_FSRS_N_WEIGHTS; i++)
    p->w[i] = default_weights[i];
  p->desired_retention = DEFAULT_DESIRED_RETENTION;
  p->maximum_interval = DEFAULT_MAXIMUM_INTERVAL;
}

gboolean
rh_fsrs_rating_is_valid (int rating)
{
  return rating >= RH_RATING_AGAIN && rating <= RH_RATING_EASY;
}

/**
 * rh_fsrs_retrievability:
 * @p: the parameters
 * @elapsed_days: days since the last review; negative counts as 0
 * @stability: the card's stability
 *
 * Returns: the probability of recalling the card now, in (0, 1]
 */
double
rh_fsrs_retrievability (const RhFsrsParams *p,
                        double              elapsed_days,
                        double              stability)
{
  double t;

  g_return_val_if_fail (p != NULL, 0.0);

  t = MAX (elapsed_days, 0.0);

  return pow (1.0 + factor (p) * t / clamp_stability (stability), decay (p));
}

/**
 * rh_fsrs_elapsed_ratio:
 * @p: the parameters
 * @retention: a retrievability in (0, 1]
 *
 * The inverse of rh_fsrs_retrievability() per unit of stability, so that a
 * query can compare elapsed time with stability instead of computing a
 * power for every card.
 *
 * Returns: t / S at which R(t, S) = @retention
 */
double
rh_fsrs_elapsed_ratio (const RhFsrsParams *p,
                       double              retention)
{
  g_return_val_if_fail (p != NULL, 0.0);
  g_return_val_if_fail (retention > 0.0 && retention <= 1.0, 0.0);

  return (pow (retention, 1.0 / decay (p)) - 1.0) / factor (p);
}

/**
 * rh_fsrs_next_state:
 * @p: the parameters
 * @prev: (nullable): the state before this review, %NULL for a new card
 * @elapsed_days: days since the last review, ignored for a new card
 * @rating: the answer
 * @out: (out caller-allocates): the state after this review
 *
 * Stability is updated from the old difficulty, then difficulty is
 * updated. A review less than a day after the previous one (elapsed 0,
 * as the scheduler counts days) uses the short-term formula, since the
 * forgetting curve says almost nothing over a few hours.
 */
void
rh_fsrs_next_state (const RhFsrsParams  *p,
                    const RhMemoryState *prev,
                    double               elapsed_days,
                    RhRating             rating,
                    RhMemoryState       *out)
{
  /* RhRating may be unsigned: grade - 3 must be able to go negative. */
  int grade = (int) rating;
  double s, d, new_s;

  g_return_if_fail (p != NULL);
  g_return_if_fail (out != NULL);
  g_return_if_fail (rh_fsrs_rating_is_valid (grade));

  if (prev == NULL)
    {
      out->stability = clamp_stability (p->w[grade - 1]);
      out->difficulty = clamp_difficulty (initial_difficulty (p, grade));
      return;
    }

  s = clamp_stability (prev->stability);
  d = clamp_difficulty (prev->difficulty);

  if (elapsed_days < 1.0)
    {
      new_s = same_day_stability (p, s, grade);
    }
  else
    {
      double r = rh_fsrs_retrievability (p, elapsed_days, s);

      if (grade == RH_RATING_AGAIN)
        new_s = lapse_stability (p, s, d, r);
      else
        new_s = recall_stability (p, s, d, r, grade);
    }

  out->stability = clamp_stability (new_s);
  out->difficulty = next_difficulty (p, d, grade);
}

/**
 * rh_fsrs_next_interval:
 * @p: the parameters
 * @stability: the card's stability after the review
 *
 * Returns: the number of days until recall probability falls to the
 *   desired retention, rounded and clamped to [1, maximum interval]
 */
int
rh_fsrs_next_interval (const RhFsrsParams *p,
                       double              stability)
{
  double days;
  int max_ivl;

  g_return_val_if_fail (p != NULL, 1);
  g_return_val_if_fail (p->desired_retention > 0.0 && p->desired_retention < 1.0, 1);

  max_ivl = MAX (p->maximum_interval, 1);
  days = clamp_stability (stability) / factor (p)
         * (pow (p->desired_retention, 1.0 / decay (p)) - 1.0);
  days = round (days);

  if (!(days >= 1.0))
    return 1;
  if (days >= max_ivl)
    return max_ivl;

  return (int) days;
}

/**
 * rh_fsrs_fuzz_interval:
 * @interval: the unfuzzed interval, in days
 * @elapsed_days: days between the previous review and this one
 * @maximum_interval: the largest interval allowed
 * @seed: the source of randomness, e.g. derived from the card and review
 *
 * Intervals of 1 or 2 days are returned unchanged (the fuzz starts at
 * 2.5 days, so with whole days it applies from 3). Otherwise the result is
 * drawn from interval ± (1 day + 15% of the part between 2.5 and 7 days +
 * 10% of the part between 7 and 20 + 5% of the part above 20), never
 * below 2 days, never beyond @maximum_interval, and, when the interval is
 * longer than @elapsed_days, never sooner than the day after
 * @elapsed_days, so a card is not shown again before it was last overdue.
 *
 * The same arguments always give the same result.
 *
 * Returns: the fuzzed interval, in days
 */
int
rh_fsrs_fuzz_interval (int     interval,
                       int     elapsed_days,
                       int     maximum_interval,
                       guint64 seed)
{
  double ivl, delta;
  int lo, hi, fuzzed;

  g_return_val_if_fail (maximum_interval >= 1, interval);

  if (interval < 3)
    return interval;

  ivl = MIN (interval, maximum_interval);
  delta = 1.0;
  for (guint i = 0; i < G_N_ELEMENTS (fuzz_ranges); i++)
    delta += fuzz_ranges[i].factor
             * MAX (MIN (ivl, fuzz_ranges[i].end) - fuzz_ranges[i].start, 0.0);

  lo = MAX (2, (int) round (ivl - delta));
  /* Compared as doubles so a huge maximum cannot overflow the int. */
  hi = (int) MIN (round (ivl + delta), (double) maximum_interval);
  if (ivl > elapsed_days)
    lo = MAX (lo, MAX (elapsed_days, 0) + 1);
  lo = MIN (lo, hi);

  fuzzed = lo + (int) floor (seed_to_unit (seed) * (hi - lo + 1));

  return MIN (fuzzed, hi);
}
