/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rh-card-review"

#include "config.h"

#include <glib/gi18n.h>

#include "rh-card-review.h"
#include "rh-fsrs.h"

G_DEFINE_BOXED_TYPE (RhCardReview, rh_card_review, rh_card_review_copy, rh_card_review_free)

RhCardReview *
rh_card_review_copy (const RhCardReview *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_memdup2 (self, sizeof *self);
}

void
rh_card_review_free (RhCardReview *self)
{
  g_free (self);
}

gboolean
rh_card_review_equal (const RhCardReview *a,
                      const RhCardReview *b)
{
  return a->status == b->status && a->due == b->due && a->last_review == b->last_review &&
         a->stability == b->stability && a->difficulty == b->difficulty &&
         a->reps == b->reps && a->lapses == b->lapses;
}

/* The time between the last answer and the due time, in seconds; 0 for
 * a card never answered. The same as prop:interval's. */
gint64
rh_card_review_get_interval (const RhCardReview *self)
{
  g_return_val_if_fail (self != NULL, 0);

  if (self->last_review == 0 || self->due < self->last_review)
    return 0;

  return self->due - self->last_review;
}

/* How likely the card is remembered at @now (Unix seconds), by FSRS from
 * its stability and the time since its last answer; -1 when it has never
 * been answered. */
double
rh_card_review_get_retrievability (const RhCardReview *self,
                                   gint64              now)
{
  RhFsrsParams params;
  double elapsed_days;

  g_return_val_if_fail (self != NULL, -1);

  if (self->last_review == 0 || self->stability <= 0)
    return -1;

  rh_fsrs_params_init_default (&params);
  elapsed_days = MAX (0, now - self->last_review) / 86400.0;

  return rh_fsrs_retrievability (&params, elapsed_days, self->stability);
}

/* @scheduler_state: review_state.state (0 new, 1 learning, 2 review,
 * 3 relearning) */
RhCardStatus
rh_card_status_decide (int                 scheduler_state,
                      gboolean            suspended,
                      const char * const *tags)
{
  if (tags != NULL && g_strv_contains (tags, RH_CARD_LEECH_TAG))
    return RH_CARD_STATUS_LEECH;
  if (suspended)
    return RH_CARD_STATUS_SUSPENDED;

  switch (scheduler_state)
    {
    case 0:
      return RH_CARD_STATUS_NEW;
    case 2:
      return RH_CARD_STATUS_REVIEW;
    default:
      return RH_CARD_STATUS_LEARNING;
    }
}

const char *
rh_card_status_get_label (RhCardStatus state)
{
  switch (state)
    {
    case RH_CARD_STATUS_NEW:
      /* Translators: a card's state in the card browser */
      return C_("card state", "New");
    case RH_CARD_STATUS_LEARNING:
      return C_("card state", "Learning");
    case RH_CARD_STATUS_REVIEW:
      return C_("card state", "Review");
    case RH_CARD_STATUS_SUSPENDED:
      return C_("card state", "Suspended");
    case RH_CARD_STATUS_LEECH:
      return C_("card state", "Leech");
    default:
      g_return_val_if_reached ("");
    }
}
