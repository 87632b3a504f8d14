/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "rh-card-list.h"
#include "rh-database.h"
#include "rh-topic.h"

G_BEGIN_DECLS

#define RH_TYPE_CARDS_PAGE (rh_cards_page_get_type ())

G_DECLARE_FINAL_TYPE (RhCardsPage, rh_cards_page, RH, CARDS_PAGE, AdwBin)

/* The Cards page: a browser of the selected topic's cards, searchable,
 * sortable by column, with bulk operations on the selection ("cards.*"
 * actions) and their undo. Activating a row opens its Card info. */
GtkWidget  *rh_cards_page_new             (RhDatabase  *database);
RhTopic    *rh_cards_page_get_topic       (RhCardsPage *self);
void        rh_cards_page_set_topic       (RhCardsPage *self,
                                           RhTopic     *topic);
gboolean    rh_cards_page_get_search_mode (RhCardsPage *self);
void        rh_cards_page_set_search_mode (RhCardsPage *self,
                                           gboolean     search_mode);
void        rh_cards_page_start_search    (RhCardsPage *self);
RhCardList *rh_cards_page_get_card_list   (RhCardsPage *self);
/* Whether "cards.undo" has an operation to undo now. */
gboolean    rh_cards_page_get_can_undo    (RhCardsPage *self);

G_END_DECLS
