/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "rh-card.h"
#include "rh-deck-store.h"

G_BEGIN_DECLS

#define RH_TYPE_CARD_CELL (rh_card_cell_get_type ())

G_DECLARE_FINAL_TYPE (RhCardCell, rh_card_cell, RH, CARD_CELL, GtkWidget)

/* One cell of the card browser: @column's value of a card, kept up to
 * date as the card changes; the question with what is searched in bold. */
GtkWidget  *rh_card_cell_new        (RhCardSort  column);
RhCard     *rh_card_cell_get_card   (RhCardCell *self);
void        rh_card_cell_set_card   (RhCardCell *self,
                                     RhCard     *card);
void        rh_card_cell_set_search (RhCardCell *self,
                                     const char *search);
const char *rh_card_cell_get_text   (RhCardCell *self);

G_END_DECLS
