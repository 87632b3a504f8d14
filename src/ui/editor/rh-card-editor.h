/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "rh-card.h"
#include "rh-database.h"

G_BEGIN_DECLS

#define RH_TYPE_CARD_EDITOR (rh_card_editor_get_type ())

G_DECLARE_FINAL_TYPE (RhCardEditor, rh_card_editor, RH, CARD_EDITOR, GtkWidget)

GtkWidget  *rh_card_editor_new               (void);
RhDatabase *rh_card_editor_get_database      (RhCardEditor *self);
void        rh_card_editor_set_database      (RhCardEditor *self,
                                              RhDatabase   *database);
void        rh_card_editor_set_title         (RhCardEditor *self,
                                              const char   *title);
void        rh_card_editor_set_show_buttons  (RhCardEditor *self,
                                              gboolean      show_buttons);
void        rh_card_editor_load              (RhCardEditor *self,
                                              RhCard       *card);
gboolean    rh_card_editor_apply             (RhCardEditor *self,
                                              RhCard       *card,
                                              GError      **error);
gboolean    rh_card_editor_get_modified      (RhCardEditor *self);
const char *rh_card_editor_get_topic         (RhCardEditor *self);
void        rh_card_editor_show_error        (RhCardEditor *self,
                                              const GError *error);
void        rh_card_editor_set_error         (RhCardEditor *self,
                                              const char   *message);
void        rh_card_editor_focus             (RhCardEditor *self);
void        rh_card_editor_focus_first_empty (RhCardEditor *self);

G_END_DECLS
