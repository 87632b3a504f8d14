/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "rh-study-queue.h"

G_BEGIN_DECLS

#define RH_TYPE_CARD_VIEW (rh_card_view_get_type ())

G_DECLARE_FINAL_TYPE (RhCardView, rh_card_view, RH, CARD_VIEW, GtkWidget)

GtkWidget    *rh_card_view_new          (RhStudyQueue *queue);
RhStudyQueue *rh_card_view_get_queue    (RhCardView   *self);
gboolean      rh_card_view_get_revealed (RhCardView   *self);
const char   *rh_card_view_get_page     (RhCardView   *self);

G_END_DECLS
