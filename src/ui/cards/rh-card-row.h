/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "rh-card.h"

G_BEGIN_DECLS

#define RH_TYPE_CARD_ROW (rh_card_row_get_type ())

G_DECLARE_FINAL_TYPE (RhCardRow, rh_card_row, RH, CARD_ROW, GtkWidget)

GtkWidget  *rh_card_row_new        (void);
RhCard     *rh_card_row_get_card   (RhCardRow  *self);
void        rh_card_row_set_card   (RhCardRow  *self,
                                    RhCard     *card);
const char *rh_card_row_get_search (RhCardRow  *self);
void        rh_card_row_set_search (RhCardRow  *self,
                                    const char *search);

G_END_DECLS
