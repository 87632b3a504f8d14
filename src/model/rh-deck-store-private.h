/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rh-card.h"
#include "rh-database-private.h"

G_BEGIN_DECLS

/* Shared by rh-deck-store.c (cards), rh-deck-store-topics.c (topics) and
 * rh-deck-store-import.c (importing decks) only. */

/* Runs a "SELECT id … WHERE … = ?" query: the row id, 0 and no error when
 * there is no such row, -1 on error. */
gint64 rh_deck_store_lookup_id         (RhDatabase          *database,
                                        const char          *sql,
                                        const char          *key,
                                        GError             **error);
/* The row of the topic at @path: 0 and no error when there is none, -1
 * on error. */
gint64 rh_deck_store_lookup_topic_id   (RhDatabase          *database,
                                        const char          *path,
                                        GError             **error);
/* Tags as stored: one per line. */
char  *rh_deck_store_join_tags         (const char * const  *tags);
/* Binds a card's content as ?2 topic id, ?3 front, ?4 back, ?5 tags, ?6
 * kind and ?7 seconds (NULL when unset), the order every card statement
 * uses. */
void   rh_deck_store_bind_card_content (RhStatement         *stmt,
                                        gint64               topic_id,
                                        const char          *front,
                                        const char          *back,
                                        const char          *tags,
                                        RhCardKind           kind,
                                        guint                seconds);

/* The query plan of a search, one step a line; for tests. */
char  *rh_deck_store_explain_query     (RhDatabase          *database,
                                        const char          *topic_path,
                                        const char          *search,
                                        GError             **error);

G_END_DECLS
