/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "rh-card.h"
#include "rh-card-editor.h"
#include "rh-database.h"

G_BEGIN_DECLS

#define RH_TYPE_CARD_EDITOR_WINDOW (rh_card_editor_window_get_type ())

G_DECLARE_FINAL_TYPE (RhCardEditorWindow, rh_card_editor_window, RH, CARD_EDITOR_WINDOW, AdwWindow)

RhCardEditorWindow *rh_card_editor_window_new          (GtkWindow          *parent,
                                                        RhDatabase         *database,
                                                        const char         *topic_path);
RhCardEditorWindow *rh_card_editor_window_new_for_card (GtkWindow          *parent,
                                                        RhDatabase         *database,
                                                        RhCard             *card);
RhCardEditor       *rh_card_editor_window_get_editor   (RhCardEditorWindow *self);
RhCard             *rh_card_editor_window_get_card     (RhCardEditorWindow *self);

G_END_DECLS
