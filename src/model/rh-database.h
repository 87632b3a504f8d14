/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rh-clock.h"

G_BEGIN_DECLS

/* The schema this build writes; a file with a higher user_version was
 * written by a newer Rehearse and is refused untouched. */
#define RH_DATABASE_SCHEMA_VERSION 10

/* PRAGMA application_id: "Rhrs" */
#define RH_DATABASE_APPLICATION_ID 0x52687273

#define RH_DATABASE_ERROR (rh_database_error_quark ())

typedef enum
{
  RH_DATABASE_ERROR_OPEN,
  RH_DATABASE_ERROR_NOT_REHEARSE,
  RH_DATABASE_ERROR_CORRUPT,
  RH_DATABASE_ERROR_NEWER,
  RH_DATABASE_ERROR_FULL,
  RH_DATABASE_ERROR_READ_ONLY,
  RH_DATABASE_ERROR_BUSY,
  RH_DATABASE_ERROR_NOT_FOUND,
  RH_DATABASE_ERROR_FAILED,
} RhDatabaseError;

GQuark rh_database_error_quark (void);

typedef enum /*< flags >*/
{
  RH_DATABASE_CHANGE_TOPICS  = 1 << 0,
  RH_DATABASE_CHANGE_CARDS   = 1 << 1,
  RH_DATABASE_CHANGE_REVIEWS = 1 << 2,
  RH_DATABASE_CHANGE_INTERVIEWS = 1 << 3,
  /* Nothing written: due counts moved with the clock. */
  RH_DATABASE_CHANGE_DUE     = 1 << 4,
} RhDatabaseChange;

#define RH_TYPE_DATABASE_CHANGE (rh_database_change_get_type ())
GType rh_database_change_get_type (void) G_GNUC_CONST;

#define RH_TYPE_DATABASE (rh_database_get_type ())

G_DECLARE_FINAL_TYPE (RhDatabase, rh_database, RH, DATABASE, GObject)

char          *rh_database_dup_default_path  (void);
RhDatabase    *rh_database_new               (const char       *path,
                                              GError          **error);
RhDatabase    *rh_database_new_with_clock    (const char       *path,
                                              RhClock          *clock,
                                              GError          **error);
RhDatabase    *rh_database_new_read_only     (const char       *path,
                                              GError          **error);

typedef enum
{
  RH_DATABASE_OPEN_NONE        = 0,
  /* The check of the whole file waits for rh_database_start_check() or
   * the first write, so that a window can show first. */
  RH_DATABASE_OPEN_DEFER_CHECK = 1 << 0,
} RhDatabaseOpenFlags;

RhDatabase    *rh_database_new_full          (const char       *path,
                                              RhClock          *clock,
                                              RhDatabaseOpenFlags flags,
                                              GError          **error);
void           rh_database_start_check       (RhDatabase       *self);
void           rh_database_remove_files      (const char       *path);
void           rh_database_set_busy_timeout  (RhDatabase       *self,
                                              guint             milliseconds);
const char    *rh_database_get_path          (RhDatabase       *self);
RhClock       *rh_database_get_clock         (RhDatabase       *self);
gboolean       rh_database_get_damaged       (RhDatabase       *self);
const char    *rh_database_get_damage        (RhDatabase       *self);

/* Statements and transactions are in rh-database-private.h, for the
 * model's stores only; the cards and topics are in rh-deck-store.h. */

G_END_DECLS
