/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* For the deck store: a card's fields read straight from a parsed deck,
 * without an RhCard per card. */

#include "rh-deck.h"

G_BEGIN_DECLS

typedef struct
{
  /* Borrowed from the deck */
  const char *uid;
  const char *topic;     /* normalized */
  const char *front;
  const char *back;
  RhCardKind  kind;
  guint       seconds;   /* 0 when unset */

  /* Owned */
  GStrv       tags;      /* trimmed; NULL for none */
  const char *tags_joined; /* as stored: joined by newlines, "" for none */
  GStrv       follow_ups;
  char       *owned_topic;
  char       *owned_tags_joined;
} RhDeckCardFields;

void     rh_deck_card_fields_clear   (RhDeckCardFields *fields);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RhDeckCardFields, rh_deck_card_fields_clear)

void     rh_deck_read_card_fields    (RhDeck           *self,
                                      guint             position,
                                      RhDeckCardFields *fields);
GStrv    rh_deck_dup_card_follow_ups (RhDeck           *self,
                                      guint             position);
gboolean rh_deck_contains_card       (RhDeck           *self,
                                      const char       *uid);
gboolean rh_deck_find_card           (RhDeck           *self,
                                      const char       *uid,
                                      guint            *position);

guint       rh_deck_get_n_renamed     (RhDeck           *self);
const char *rh_deck_get_renamed       (RhDeck           *self,
                                       guint             index,
                                       const char      **new_uid);

G_END_DECLS
