/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "rh-database.h"
#include "rh-topic.h"

G_BEGIN_DECLS

#define RH_TYPE_CARDS_PAGE (rh_cards_page_get_type ())

G_DECLARE_FINAL_TYPE (RhCardsPage, rh_cards_page, RH, CARDS_PAGE, AdwBin)

/* The Cards page: the cards of the selected topic, searchable. Activating
 * a card activates "win.study-card" with its row id. */
GtkWidget  *rh_cards_page_new             (RhDatabase  *database);
RhTopic    *rh_cards_page_get_topic       (RhCardsPage *self);
void        rh_cards_page_set_topic       (RhCardsPage *self,
                                           RhTopic     *topic);
gboolean    rh_cards_page_get_search_mode (RhCardsPage *self);
void        rh_cards_page_set_search_mode (RhCardsPage *self,
                                           gboolean     search_mode);
void        rh_cards_page_start_search    (RhCardsPage *self);

G_END_DECLS
