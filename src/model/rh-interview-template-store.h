/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rh-database.h"
#include "rh-deleted-rows.h"
#include "rh-interview-template.h"

G_BEGIN_DECLS

/* Custom interview templates in the database, rows of
 * interview_templates. save() creates the row (and gives the template its
 * "custom-<row id>" id) or updates it; a custom template has no kind mix.
 * list() and lookup() also give the built-ins, which are not stored. */

gboolean             rh_interview_template_store_save    (RhDatabase           *database,
                                                          RhInterviewTemplate  *template,
                                                          GError              **error);
gboolean             rh_interview_template_store_delete  (RhDatabase           *database,
                                                          gint64                row_id,
                                                          GError              **error);
/* The same, keeping the row for undo; %NULL with
 * %RH_DATABASE_ERROR_NOT_FOUND when there is no such template. */
RhDeletedRows       *rh_interview_template_store_delete_with_undo (RhDatabase  *database,
                                                                   gint64       row_id,
                                                                   GError     **error);
GListModel          *rh_interview_template_store_list    (RhDatabase           *database,
                                                          GError              **error);
RhInterviewTemplate *rh_interview_template_store_lookup  (RhDatabase           *database,
                                                          const char           *id,
                                                          GError              **error);

/* For rh_deck_store_rename_topic(), inside its transaction: templates
 * naming @path or a topic under it name it under @new_path. */
gboolean             rh_interview_template_store_rename_topic (RhDatabase  *database,
                                                               const char  *path,
                                                               const char  *new_path,
                                                               gboolean    *changed,
                                                               GError     **error);

G_END_DECLS
