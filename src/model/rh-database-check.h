/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* What a repair saved, out of what the damaged file still claimed to hold
 * (-1 when even the count could not be read). */
typedef struct
{
  gint64 cards_recovered;
  gint64 cards_total;
  gint64 reviews_recovered;
  gint64 reviews_total;
} RhRepairResult;

#define RH_TYPE_DATABASE_CHECK (rh_database_check_get_type ())

G_DECLARE_FINAL_TYPE (RhDatabaseCheck, rh_database_check, RH, DATABASE_CHECK, GObject)

RhDatabaseCheck    *rh_database_check_run           (const char           *path,
                                                     GCancellable         *cancellable,
                                                     GError              **error);
void                rh_database_check_run_async     (const char           *path,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
RhDatabaseCheck    *rh_database_check_run_finish    (GAsyncResult         *result,
                                                     GError              **error);

const char         *rh_database_check_get_path      (RhDatabaseCheck      *self);
gboolean            rh_database_check_get_healthy   (RhDatabaseCheck      *self);
guint               rh_database_check_get_n_problems (RhDatabaseCheck     *self);
const char * const *rh_database_check_get_details   (RhDatabaseCheck      *self);
char               *rh_database_check_dup_summary   (RhDatabaseCheck      *self);
char               *rh_database_check_dup_report    (RhDatabaseCheck      *self);

gboolean            rh_database_check_repair        (RhDatabaseCheck      *self,
                                                     const char           *destination,
                                                     GCancellable         *cancellable,
                                                     RhRepairResult       *result,
                                                     GError              **error);
void                rh_database_check_repair_async  (RhDatabaseCheck      *self,
                                                     const char           *destination,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
gboolean            rh_database_check_repair_finish (RhDatabaseCheck      *self,
                                                     GAsyncResult         *result,
                                                     RhRepairResult       *repair,
                                                     GError              **error);
char               *rh_repair_result_format         (const RhRepairResult *result,
                                                     const char           *destination);

G_END_DECLS
