/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* What the card browser shows as a card's state. A leech (tagged "leech")
 * is one whatever else it is; then a suspended card is suspended; the
 * rest are what the scheduler made them (relearning is learning). */
typedef enum
{
  RH_CARD_STATUS_NEW,
  RH_CARD_STATUS_LEARNING,
  RH_CARD_STATUS_REVIEW,
  RH_CARD_STATUS_SUSPENDED,
  RH_CARD_STATUS_LEECH,
} RhCardStatus;

/* The tag that marks a leech, as is:leech finds it. */
#define RH_CARD_LEECH_TAG "leech"

/* A card's review state as the browser and Card info show it, read with
 * the card. Times in Unix seconds, 0 when there is none. */
typedef struct
{
  RhCardStatus status;
  gint64      due;
  gint64      last_review;
  double      stability;   /* days; 0 before the first answer */
  double      difficulty;  /* 1–10; 0 before the first answer */
  guint       reps;
  guint       lapses;
} RhCardReview;

/* One answer from a card's review log, as Card info lists it. */
typedef struct
{
  gint64   reviewed_at;  /* Unix seconds */
  int      rating;       /* RhRating */
  gint64   duration_ms;
  gint64   interval;     /* seconds from the answer to the due time it set */
  gboolean interview;    /* answered in a mock interview, not in study */
} RhCardReviewEntry;

#define RH_TYPE_CARD_REVIEW (rh_card_review_get_type ())

GType         rh_card_review_get_type            (void) G_GNUC_CONST;
RhCardReview *rh_card_review_copy                (const RhCardReview *self);
void          rh_card_review_free                (RhCardReview       *self);
gboolean      rh_card_review_equal               (const RhCardReview *a,
                                                  const RhCardReview *b);
gint64        rh_card_review_get_interval        (const RhCardReview *self);
double        rh_card_review_get_retrievability  (const RhCardReview *self,
                                                  gint64              now);
RhCardStatus   rh_card_status_decide               (int                 scheduler_state,
                                                  gboolean            suspended,
                                                  const char * const *tags);
const char   *rh_card_status_get_label            (RhCardStatus         state);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RhCardReview, rh_card_review_free)

G_END_DECLS
