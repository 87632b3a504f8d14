/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rh-database.h"
#include "rh-deck-store.h"

G_BEGIN_DECLS

#define RH_TYPE_CARD_LIST (rh_card_list_get_type ())

G_DECLARE_FINAL_TYPE (RhCardList, rh_card_list, RH, CARD_LIST, GObject)

RhCardList *rh_card_list_new                  (RhDatabase *database,
                                               const char *topic_path,
                                               const char *search);
RhDatabase *rh_card_list_get_database         (RhCardList *self);
const char *rh_card_list_get_topic_path       (RhCardList *self);
void        rh_card_list_set_topic_path       (RhCardList *self,
                                               const char *topic_path);
const char *rh_card_list_get_search           (RhCardList *self);
void        rh_card_list_set_search           (RhCardList *self,
                                               const char *search);
const char *rh_card_list_get_search_error     (RhCardList *self);
void        rh_card_list_refresh              (RhCardList *self);
guint       rh_card_list_get_n_materialized   (RhCardList *self);
void        rh_card_list_set_sort             (RhCardList *self,
                                               RhCardSort  sort,
                                               gboolean    descending);
RhCardSort  rh_card_list_get_sort             (RhCardList *self,
                                               gboolean   *descending);
gint64      rh_card_list_get_id               (RhCardList *self,
                                               guint       position);

G_END_DECLS
