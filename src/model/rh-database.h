/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

#include "rh-card.h"
#include "rh-clock.h"
#include "rh-deck.h"
#include "rh-topic.h"

G_BEGIN_DECLS

/* The schema this build writes; a file with a higher user_version was
 * written by a newer Rehearse and is refused untouched. */
#define RH_DATABASE_SCHEMA_VERSION 3

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
} RhDatabaseChange;

#define RH_TYPE_DATABASE_CHANGE (rh_database_change_get_type ())
GType rh_database_change_get_type (void) G_GNUC_CONST;

typedef struct
{
  guint added;
  guint updated;
  guint unchanged;
} RhImportResult;

/* A cached statement that resets itself when it goes out of scope, so no
 * read transaction is left open behind the caller's back. */
typedef sqlite3_stmt RhStatement;
void rh_statement_release (RhStatement *stmt);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RhStatement, rh_statement_release)

#define RH_TYPE_DATABASE (rh_database_get_type ())

G_DECLARE_FINAL_TYPE (RhDatabase, rh_database, RH, DATABASE, GObject)

char          *rh_database_dup_default_path  (void);
RhDatabase    *rh_database_new               (const char       *path,
                                              GError          **error);
RhDatabase    *rh_database_new_with_clock    (const char       *path,
                                              RhClock          *clock,
                                              GError          **error);
const char    *rh_database_get_path          (RhDatabase       *self);
RhClock       *rh_database_get_clock         (RhDatabase       *self);

/* For the model's own modules: statements are cached and reset. */
RhStatement   *rh_database_prepare           (RhDatabase       *self,
                                              const char       *sql,
                                              GError          **error);
gboolean       rh_database_set_error         (RhDatabase       *self,
                                              GError          **error,
                                              int               rc);
gboolean       rh_database_step_done         (RhDatabase       *self,
                                              RhStatement      *stmt,
                                              GError          **error);
gboolean       rh_database_begin             (RhDatabase       *self,
                                              GError          **error);
gboolean       rh_database_commit            (RhDatabase       *self,
                                              RhDatabaseChange  changes,
                                              GError          **error);
void           rh_database_rollback          (RhDatabase       *self);
void           rh_database_emit_changed      (RhDatabase       *self,
                                              RhDatabaseChange  changes);

char          *rh_database_dup_meta          (RhDatabase       *self,
                                              const char       *key);
gboolean       rh_database_set_meta          (RhDatabase       *self,
                                              const char       *key,
                                              const char       *value,
                                              GError          **error);

gint64         rh_database_ensure_topic      (RhDatabase       *self,
                                              const char       *path,
                                              GError          **error);
RhTopic       *rh_database_dup_topic         (RhDatabase       *self,
                                              const char       *path,
                                              GError          **error);
gboolean       rh_database_refresh_topic     (RhDatabase       *self,
                                              RhTopic          *topic,
                                              GError          **error);
GPtrArray     *rh_database_list_topics       (RhDatabase       *self,
                                              const char       *parent_path,
                                              GError          **error);

RhCard        *rh_database_dup_card          (RhDatabase       *self,
                                              gint64            row_id,
                                              GError          **error);
RhCard        *rh_database_dup_card_by_uid   (RhDatabase       *self,
                                              const char       *uid,
                                              GError          **error);
GArray        *rh_database_query_card_ids    (RhDatabase       *self,
                                              const char       *topic_path,
                                              const char       *search,
                                              GError          **error);
guint          rh_database_count_cards       (RhDatabase       *self);
gboolean       rh_database_update_card       (RhDatabase       *self,
                                              RhCard           *card,
                                              GError          **error);
gboolean       rh_database_set_card_suspended (RhDatabase      *self,
                                              gint64            row_id,
                                              gboolean          suspended,
                                              GError          **error);

gboolean       rh_database_import_deck       (RhDatabase       *self,
                                              RhDeck           *deck,
                                              RhImportResult   *result,
                                              GError          **error);
gboolean       rh_database_import_builtin    (RhDatabase       *self,
                                              GBytes           *deck_json,
                                              RhImportResult   *result,
                                              GError          **error);
RhDeck        *rh_database_export_deck       (RhDatabase       *self,
                                              const char       *topic_path,
                                              GError          **error);

G_END_DECLS
