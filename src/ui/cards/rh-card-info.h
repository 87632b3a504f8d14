/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "rh-database.h"

G_BEGIN_DECLS

#define RH_TYPE_CARD_INFO (rh_card_info_get_type ())

G_DECLARE_FINAL_TYPE (RhCardInfo, rh_card_info, RH, CARD_INFO, AdwWindow)

/* Card info: a card's memory (state, due, stability, difficulty,
 * retrievability), its review history and the interviews that asked it.
 * Edit and Study Now activate "win.edit-card" and "win.study-card" (row
 * id) on the window it belongs to, then close. */
GtkWidget *rh_card_info_new        (RhDatabase *database,
                                    gint64      card_id);
gint64     rh_card_info_get_card_id (RhCardInfo *self);

G_END_DECLS
