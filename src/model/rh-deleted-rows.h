/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "rh-database.h"

G_BEGIN_DECLS

#define RH_TYPE_DELETED_ROWS (rh_deleted_rows_get_type ())

G_DECLARE_FINAL_TYPE (RhDeletedRows, rh_deleted_rows, RH, DELETED_ROWS, GObject)

/* What a store's delete took out of the database, every column of every
 * row, ids included, so that undo puts back exactly that. A view keeps it
 * for as long as it offers Undo. */

gboolean rh_deleted_rows_restore     (RhDeletedRows  *self,
                                      GError        **error);
/* Rows taken, for tests and summaries. */
guint    rh_deleted_rows_get_n_rows  (RhDeletedRows  *self);

G_END_DECLS
