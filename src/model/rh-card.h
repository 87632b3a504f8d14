/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "rh-card-review.h"

G_BEGIN_DECLS

typedef enum
{
  RH_CARD_KIND_CONCEPT,
  RH_CARD_KIND_CODING,
  RH_CARD_KIND_DESIGN,
  RH_CARD_KIND_BEHAVIORAL,
  RH_CARD_KIND_TROUBLESHOOTING,
} RhCardKind;

#define RH_TYPE_CARD_KIND (rh_card_kind_get_type ())
GType       rh_card_kind_get_type     (void) G_GNUC_CONST;
const char *rh_card_kind_to_string    (RhCardKind  kind);
gboolean    rh_card_kind_from_string  (const char *str,
                                       RhCardKind *kind);

/* The fields of a card, to say which one is wrong. An RH_CARD_ERROR's
 * code is the RhCardField at fault. */
typedef enum
{
  RH_CARD_FIELD_NONE,
  RH_CARD_FIELD_UID,
  RH_CARD_FIELD_TOPIC,
  RH_CARD_FIELD_FRONT,
  RH_CARD_FIELD_BACK,
  RH_CARD_FIELD_TAGS,
  RH_CARD_FIELD_KIND,
  RH_CARD_FIELD_SECONDS,
  RH_CARD_FIELD_FOLLOW_UPS,
} RhCardField;

#define RH_CARD_ERROR (rh_card_error_quark ())
GQuark      rh_card_error_quark       (void);

/* The longest a card may suggest to spend on it: a day. */
#define RH_CARD_MAX_SECONDS (24 * 60 * 60)

char       *rh_card_field_problem     (RhCardField  field,
                                       const char  *value);
char       *rh_card_seconds_problem   (gint64       seconds);

#define RH_TYPE_CARD (rh_card_get_type ())

G_DECLARE_FINAL_TYPE (RhCard, rh_card, RH, CARD, GObject)

RhCard             *rh_card_new            (const char         *uid);
gint64              rh_card_get_row_id     (RhCard             *self);
void                rh_card_set_row_id     (RhCard             *self,
                                            gint64              row_id);
const char         *rh_card_get_uid        (RhCard             *self);
void                rh_card_set_uid        (RhCard             *self,
                                            const char         *uid);
const char         *rh_card_get_topic      (RhCard             *self);
void                rh_card_set_topic      (RhCard             *self,
                                            const char         *topic);
const char         *rh_card_get_front      (RhCard             *self);
void                rh_card_set_front      (RhCard             *self,
                                            const char         *front);
const char         *rh_card_get_back       (RhCard             *self);
void                rh_card_set_back       (RhCard             *self,
                                            const char         *back);
const char * const *rh_card_get_tags       (RhCard             *self);
void                rh_card_set_tags       (RhCard             *self,
                                            const char * const *tags);
RhCardKind          rh_card_get_kind       (RhCard             *self);
void                rh_card_set_kind       (RhCard             *self,
                                            RhCardKind          kind);
guint               rh_card_get_seconds    (RhCard             *self);
void                rh_card_set_seconds    (RhCard             *self,
                                            guint               seconds);
const char * const *rh_card_get_follow_ups (RhCard             *self);
void                rh_card_set_follow_ups (RhCard             *self,
                                            const char * const *follow_ups);
gint64              rh_card_get_created    (RhCard             *self);
void                rh_card_set_created    (RhCard             *self,
                                            gint64              created);
gint64              rh_card_get_modified   (RhCard             *self);
void                rh_card_set_modified   (RhCard             *self,
                                            gint64              modified);
gboolean            rh_card_get_suspended  (RhCard             *self);
void                rh_card_set_suspended  (RhCard             *self,
                                            gboolean            suspended);
char               *rh_card_dup_title      (RhCard             *self);
gboolean            rh_card_content_equal  (RhCard             *a,
                                            RhCard             *b);
void                rh_card_update_from    (RhCard             *self,
                                            RhCard             *other);
gboolean            rh_card_check          (RhCard             *self,
                                            GError            **error);
const RhCardReview *rh_card_get_review     (RhCard             *self);
void                rh_card_set_review     (RhCard             *self,
                                            const RhCardReview *review);

G_END_DECLS
