/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The values match the `rating` column of the review log. */
typedef enum
{
  RH_RATING_AGAIN = 1,
  RH_RATING_HARD,
  RH_RATING_GOOD,
  RH_RATING_EASY,
} RhRating;

#define RH_FSRS_N_WEIGHTS 21

#define RH_FSRS_MIN_STABILITY 0.001
#define RH_FSRS_MAX_STABILITY 36500.0
#define RH_FSRS_MIN_DIFFICULTY 1.0
#define RH_FSRS_MAX_DIFFICULTY 10.0

typedef struct
{
  double stability;   /* days until retrievability falls to 90% */
  double difficulty;  /* 1 (easiest) to 10 (hardest) */
} RhMemoryState;

typedef struct
{
  double w[RH_FSRS_N_WEIGHTS];
  double desired_retention;
  int    maximum_interval;   /* days */
} RhFsrsParams;

void    rh_fsrs_params_init_default (RhFsrsParams        *p);
gboolean rh_fsrs_rating_is_valid    (int                  rating);
void    rh_fsrs_next_state          (const RhFsrsParams  *p,
                                     const RhMemoryState *prev,
                                     double               elapsed_days,
                                     RhRating             rating,
                                     RhMemoryState       *out);
double  rh_fsrs_retrievability      (const RhFsrsParams  *p,
                                     double               elapsed_days,
                                     double               stability);
/* Elapsed days per day of stability at which retrievability falls to
 * @retention: R(t, S) >= retention exactly when t <= S * this. */
double  rh_fsrs_elapsed_ratio       (const RhFsrsParams  *p,
                                     double               retention);
int     rh_fsrs_next_interval       (const RhFsrsParams  *p,
                                     double               stability);
int     rh_fsrs_fuzz_interval       (int                  interval,
                                     int                  elapsed_days,
                                     int                  maximum_interval,
                                     guint64              seed);

G_END_DECLS
