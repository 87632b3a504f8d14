/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rh-card.h"

G_BEGIN_DECLS

/* What a new card starts with: nothing, or the skeleton of a question
 * only the user can answer. The text is Markdown the user edits. */
typedef enum
{
  RH_CARD_TEMPLATE_BLANK,
  RH_CARD_TEMPLATE_PROJECT,
} RhCardTemplate;

#define RH_TYPE_CARD_TEMPLATE (rh_card_template_get_type ())
GType       rh_card_template_get_type  (void) G_GNUC_CONST;

const char *rh_card_template_get_name  (RhCardTemplate  template_);
void        rh_card_template_apply     (RhCardTemplate  template_,
                                        RhCard         *card);

G_END_DECLS
