/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rh-card.h"

G_BEGIN_DECLS

#define RH_DECK_FORMAT_VERSION 1

#define RH_DECK_ERROR (rh_deck_error_quark ())

typedef enum
{
  RH_DECK_ERROR_IO,
  RH_DECK_ERROR_EMPTY,
  RH_DECK_ERROR_ENCODING,
  RH_DECK_ERROR_SYNTAX,
  RH_DECK_ERROR_NOT_A_DECK,
  RH_DECK_ERROR_VERSION,
  RH_DECK_ERROR_WRONG_TYPE,
  RH_DECK_ERROR_MISSING_FIELD,
  RH_DECK_ERROR_INVALID_VALUE,
  RH_DECK_ERROR_DUPLICATE_ID,
  RH_DECK_ERROR_UNKNOWN_FOLLOW_UP,
} RhDeckError;

GQuark rh_deck_error_quark (void);

#define RH_TYPE_DECK (rh_deck_get_type ())

G_DECLARE_FINAL_TYPE (RhDeck, rh_deck, RH, DECK, GObject)

RhDeck     *rh_deck_new                 (void);
RhDeck     *rh_deck_new_from_data       (const char  *data,
                                         gsize        length,
                                         const char  *source_name,
                                         GError     **error);
RhDeck     *rh_deck_new_from_file       (GFile       *file,
                                         GError     **error);
const char *rh_deck_get_source_name     (RhDeck      *self);
const char *rh_deck_get_name            (RhDeck      *self);
void        rh_deck_set_name            (RhDeck      *self,
                                         const char  *name);
const char *rh_deck_get_language        (RhDeck      *self);
void        rh_deck_set_language        (RhDeck      *self,
                                         const char  *language);
const char *rh_deck_get_description     (RhDeck      *self);
void        rh_deck_set_description     (RhDeck      *self,
                                         const char  *description);
guint       rh_deck_get_n_cards         (RhDeck      *self);
RhCard     *rh_deck_get_card            (RhDeck      *self,
                                         guint        position);
RhCard     *rh_deck_lookup_card         (RhDeck      *self,
                                         const char  *uid,
                                         guint       *position);
void        rh_deck_add_card            (RhDeck      *self,
                                         RhCard      *card);
void        rh_deck_set_card_error      (RhDeck      *self,
                                         GError     **error,
                                         RhDeckError  code,
                                         guint        position,
                                         const char  *field,
                                         const char  *problem);
char       *rh_deck_to_json             (RhDeck      *self);
gboolean    rh_deck_save_to_file        (RhDeck      *self,
                                         GFile       *file,
                                         GError     **error);

G_END_DECLS
