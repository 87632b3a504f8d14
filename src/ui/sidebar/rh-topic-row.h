/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "rh-topic.h"

G_BEGIN_DECLS

#define RH_TYPE_TOPIC_ROW (rh_topic_row_get_type ())

G_DECLARE_FINAL_TYPE (RhTopicRow, rh_topic_row, RH, TOPIC_ROW, GtkWidget)

GtkWidget *rh_topic_row_new       (void);
RhTopic   *rh_topic_row_get_topic (RhTopicRow *self);
void       rh_topic_row_set_topic (RhTopicRow *self,
                                   RhTopic    *topic);

G_END_DECLS
