/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rh-database.h"
#include "rh-topic.h"

G_BEGIN_DECLS

#define RH_TYPE_TOPIC_MODEL (rh_topic_model_get_type ())

G_DECLARE_FINAL_TYPE (RhTopicModel, rh_topic_model, RH, TOPIC_MODEL, GObject)

RhTopicModel *rh_topic_model_new               (RhDatabase   *database,
                                                const char   *parent_path);
RhDatabase   *rh_topic_model_get_database      (RhTopicModel *self);
RhTopic      *rh_topic_model_get_parent        (RhTopicModel *self);
void          rh_topic_model_refresh           (RhTopicModel *self);
GListModel   *rh_topic_model_create_children   (gpointer      item,
                                                gpointer      user_data);

G_END_DECLS
