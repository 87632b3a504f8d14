/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Topic paths nest with this separator: "Go::Runtime". */
#define RH_TOPIC_SEPARATOR "::"

#define RH_TYPE_TOPIC (rh_topic_get_type ())

G_DECLARE_FINAL_TYPE (RhTopic, rh_topic, RH, TOPIC, GObject)

RhTopic    *rh_topic_new               (gint64       row_id,
                                        const char  *path);
gint64      rh_topic_get_row_id        (RhTopic     *self);
const char *rh_topic_get_path          (RhTopic     *self);
const char *rh_topic_get_name          (RhTopic     *self);
guint       rh_topic_get_depth         (RhTopic     *self);
gboolean    rh_topic_is_root           (RhTopic     *self);
gboolean    rh_topic_get_has_children  (RhTopic     *self);
void        rh_topic_set_has_children  (RhTopic     *self,
                                        gboolean     has_children);
guint       rh_topic_get_total_count   (RhTopic     *self);
guint       rh_topic_get_new_count     (RhTopic     *self);
guint       rh_topic_get_due_count     (RhTopic     *self);
void        rh_topic_set_counts        (RhTopic     *self,
                                        guint        total,
                                        guint        new_count,
                                        guint        due);
/* "40 cards · 3 due · 12 new": how the header and the sidebar say it. */
char       *rh_topic_dup_counts_text   (RhTopic     *self);

char       *rh_topic_path_normalize    (const char  *path,
                                        GError     **error);
char       *rh_topic_path_dup_parent   (const char  *path);
char      **rh_topic_path_split        (const char  *path);
gboolean    rh_topic_path_is_under     (const char  *path,
                                        const char  *ancestor);
char       *rh_topic_path_rebase       (const char  *path,
                                        const char  *ancestor,
                                        const char  *new_ancestor);

G_END_DECLS
