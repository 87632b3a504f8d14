/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rh-database-private.h"
#include "rh-deleted-rows.h"

G_BEGIN_DECLS

/* For the stores that delete with undo. @changes is what a restore
 * announces. */
RhDeletedRows *rh_deleted_rows_new  (RhDatabase        *database,
                                     RhDatabaseChange   changes);
/* Inside the store's transaction: keeps the rows of @table matching
 * @where (SQL with ?1 bound to @key), then deletes them. A restore puts
 * tables back in the reverse order they were taken, so take what points
 * at a row before the row itself. Returns how many rows went, -1 on
 * error. */
int            rh_deleted_rows_take (RhDeletedRows     *self,
                                     const char        *table,
                                     const char        *where,
                                     gint64             key,
                                     GError           **error);

G_END_DECLS
