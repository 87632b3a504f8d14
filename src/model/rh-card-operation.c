/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rh-card-operation"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "rh-card-operation.h"
#include "rh-card-review.h"
#include "rh-clock.h"
#include "rh-database-private.h"
#include "rh-deck-store-private.h"
#include "rh-deck-store.h"
#include "rh-topic.h"

/* Applying saves the rows it is about to change, column for column as
 * SQLite holds them (sqlite3_value copies), and undoing writes them back:
 * an undone delete gives back the same row ids, uids, review state,
 * review log rows, follow-up links at their positions and interview
 * answers' links, and the triggers rebuild the search index and counts
 * as the rows return. The cards an operation works on are kept in
 * temp.operation_ids for the statements of its one transaction. */

typedef struct
{
  char      *table;
  GStrv      columns;
  GPtrArray *values;  /* sqlite3_value *, columns × rows */
} SavedRows;

struct _RhCardOperation
{
  GObject              parent_instance;

  /* Owned */
  RhDatabase          *database;
  RhDatabase          *writer;     /* the connection writing now: database or a sibling */
  GArray              *ids;
  char                *argument;   /* topic path or tag */
  GPtrArray           *saved;      /* SavedRows, in the order to restore */

  RhCardOperationKind  kind;
  gint64               due;
  guint                n_cards;    /* that existed when applied */
  guint                applied : 1;
};

G_DEFINE_FINAL_TYPE (RhCardOperation, rh_card_operation, G_TYPE_OBJECT)

static void
saved_rows_free (SavedRows *rows)
{
  g_free (rows->table);
  g_strfreev (rows->columns);
  g_ptr_array_unref (rows->values);
  g_free (rows);
}

static guint
saved_rows_get_n_rows (SavedRows *rows)
{
  guint n_columns = g_strv_length (rows->columns);

  return n_columns ? rows->values->len / n_columns : 0;
}

static gboolean
run (RhDatabase  *database,
     const char  *sql,
     GError     **error)
{
  g_autoptr(RhStatement) stmt = NULL;

  if (!(stmt = rh_database_prepare (database, sql, error)))
    return FALSE;

  return rh_database_step_done (database, stmt, error);
}

static gboolean
run_int (RhDatabase  *database,
         const char  *sql,
         gint64       value,
         GError     **error)
{
  g_autoptr(RhStatement) stmt = NULL;

  if (!(stmt = rh_database_prepare (database, sql, error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, value);

  return rh_database_step_done (database, stmt, error);
}

/* Every row @sql (a SELECT of whole rows of @table) returns. */
static SavedRows *
save_rows (RhDatabase  *database,
           const char  *table,
           const char  *sql,
           GError     **error)
{
  g_autoptr(RhStatement) stmt = NULL;
  g_autoptr(GStrvBuilder) columns = g_strv_builder_new ();
  SavedRows *rows;
  int n_columns, rc;

  if (!(stmt = rh_database_prepare (database, sql, error)))
    return NULL;

  n_columns = sqlite3_column_count (stmt);
  for (int i = 0; i < n_columns; i++)
    g_strv_builder_add (columns, sqlite3_column_name (stmt, i));

  rows = g_new0 (SavedRows, 1);
  rows->table = g_strdup (table);
  rows->columns = g_strv_builder_end (columns);
  rows->values = g_ptr_array_new_with_free_func ((GDestroyNotify)sqlite3_value_free);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    for (int i = 0; i < n_columns; i++)
      g_ptr_array_add (rows->values, sqlite3_value_dup (sqlite3_column_value (stmt, i)));

  if (rc != SQLITE_DONE)
    {
      saved_rows_free (rows);
      rh_database_set_error (database, error, rc);
      return NULL;
    }

  return rows;
}

static gboolean
save (RhCardOperation  *self,
      const char       *table,
      const char       *sql,
      GError          **error)
{
  SavedRows *rows;

  if (!(rows = save_rows (self->writer, table, sql, error)))
    return FALSE;

  g_ptr_array_add (self->saved, rows);

  return TRUE;
}

/* Writes saved rows back: as new rows, or over the rows whose first
 * column (the key) matches. */
static gboolean
restore_rows (RhDatabase  *database,
              SavedRows   *rows,
              gboolean     insert,
              GError     **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  guint n_columns = g_strv_length (rows->columns);
  guint n_rows = saved_rows_get_n_rows (rows);
  g_autoptr(RhStatement) stmt = NULL;

  if (n_rows == 0)
    return TRUE;

  if (insert)
    {
      g_autofree char *names = g_strjoinv (", ", rows->columns);

      g_string_append_printf (sql, "INSERT INTO %s (%s) VALUES (?1", rows->table, names);
      for (guint i = 1; i < n_columns; i++)
        g_string_append_printf (sql, ", ?%u", i + 1);
      g_string_append (sql, ");");
    }
  else
    {
      g_string_append_printf (sql, "UPDATE %s SET ", rows->table);
      for (guint i = 1; i < n_columns; i++)
        g_string_append_printf (sql, "%s%s = ?%u", i > 1 ? ", " : "", rows->columns[i], i + 1);
      g_string_append_printf (sql, " WHERE %s = ?1;", rows->columns[0]);
    }

  if (!(stmt = rh_database_prepare (database, sql->str, error)))
    return FALSE;

  for (guint r = 0; r < n_rows; r++)
    {
      int rc;

      for (guint i = 0; i < n_columns; i++)
        sqlite3_bind_value (stmt, i + 1, g_ptr_array_index (rows->values, r * n_columns + i));

      if ((rc = sqlite3_step (stmt)) != SQLITE_DONE)
        return rh_database_set_error (database, error, rc);
      sqlite3_reset (stmt);
    }

  return TRUE;
}

/* The ids that still name a card go into temp.operation_ids. */
static gboolean
fill_ids (RhCardOperation  *self,
          GError          **error)
{
  g_autoptr(RhStatement) insert = NULL;
  g_autoptr(RhStatement) count = NULL;

  if (!run (self->writer, "CREATE TEMP TABLE IF NOT EXISTS operation_ids (id INTEGER PRIMARY KEY);", error) ||
      !run (self->writer, "DELETE FROM temp.operation_ids;", error))
    return FALSE;

  if (!(insert = rh_database_prepare (self->writer,
                                      "INSERT OR IGNORE INTO temp.operation_ids (id)"
                                      " SELECT id FROM main.cards WHERE id = ?;",
                                      error)))
    return FALSE;

  for (guint i = 0; i < self->ids->len; i++)
    {
      int rc;

      sqlite3_bind_int64 (insert, 1, g_array_index (self->ids, gint64, i));
      if ((rc = sqlite3_step (insert)) != SQLITE_DONE)
        return rh_database_set_error (self->writer, error, rc);
      sqlite3_reset (insert);
    }

  if (!(count = rh_database_prepare (self->writer, "SELECT count(*) FROM temp.operation_ids;", error)) ||
      sqlite3_step (count) != SQLITE_ROW)
    return rh_database_set_error (self->writer, error, SQLITE_ERROR);
  self->n_cards = sqlite3_column_int (count, 0);

  return TRUE;
}

static gboolean
change_tags (RhCardOperation  *self,
             gint64            now,
             GError          **error)
{
  g_autoptr(RhStatement) select = NULL;
  g_autoptr(RhStatement) update = NULL;
  gboolean add = self->kind == RH_CARD_OPERATION_ADD_TAG;
  int rc;

  if (!(select = rh_database_prepare (self->writer,
                                      "SELECT id, tags FROM cards WHERE id IN temp.operation_ids;",
                                      error)) ||
      !(update = rh_database_prepare (self->writer,
                                      "UPDATE cards SET tags = ?2, modified = ?3 WHERE id = ?1;",
                                      error)))
    return FALSE;

  while ((rc = sqlite3_step (select)) == SQLITE_ROW)
    {
      const char *stored = (const char *)sqlite3_column_text (select, 1);
      g_auto(GStrv) tags = stored && *stored ? g_strsplit (stored, "\n", -1) : g_new0 (char *, 1);
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) changed = NULL;
      g_autofree char *joined = NULL;
      gboolean has = g_strv_contains ((const char * const *)tags, self->argument);

      if (has == add)
        continue;

      for (guint i = 0; tags[i]; i++)
        if (!g_str_equal (tags[i], self->argument))
          g_strv_builder_add (builder, tags[i]);
      if (add)
        g_strv_builder_add (builder, self->argument);
      changed = g_strv_builder_end (builder);
      joined = rh_deck_store_join_tags ((const char * const *)changed);

      sqlite3_bind_int64 (update, 1, sqlite3_column_int64 (select, 0));
      sqlite3_bind_text (update, 2, joined, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (update, 3, now);
      if ((rc = sqlite3_step (update)) != SQLITE_DONE)
        return rh_database_set_error (self->writer, error, rc);
      sqlite3_reset (update);
    }

  return rc == SQLITE_DONE || rh_database_set_error (self->writer, error, rc);
}

/* Takes the deleted cards out of the other cards' follow-up lists, which
 * keep their order with positions counted again from 0. */
static gboolean
unlink_follow_ups (RhCardOperation  *self,
                   GError          **error)
{
  g_autoptr(RhStatement) select = NULL;
  g_autoptr(RhStatement) insert = NULL;
  g_autoptr(GArray) links = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  if (!(select = rh_database_prepare (self->writer,
                                      "SELECT card_id, follow_up_id FROM follow_ups"
                                      " WHERE card_id IN (SELECT card_id FROM follow_ups"
                                      "                   WHERE follow_up_id IN temp.operation_ids)"
                                      "   AND card_id NOT IN temp.operation_ids"
                                      "   AND follow_up_id NOT IN temp.operation_ids"
                                      " ORDER BY card_id, position;",
                                      error)))
    return FALSE;

  while ((rc = sqlite3_step (select)) == SQLITE_ROW)
    {
      gint64 pair[2] = { sqlite3_column_int64 (select, 0), sqlite3_column_int64 (select, 1) };

      g_array_append_vals (links, pair, 2);
    }
  if (rc != SQLITE_DONE)
    return rh_database_set_error (self->writer, error, rc);
  rh_statement_release (g_steal_pointer (&select));

  if (!run (self->writer,
            "DELETE FROM follow_ups WHERE card_id IN (SELECT card_id FROM follow_ups"
            "                                         WHERE follow_up_id IN temp.operation_ids);",
            error))
    return FALSE;

  if (!(insert = rh_database_prepare (self->writer,
                                      "INSERT INTO follow_ups (card_id, position, follow_up_id) VALUES (?, ?, ?);",
                                      error)))
    return FALSE;

  for (guint i = 0, position = 0; i < links->len; i += 2)
    {
      gint64 card_id = g_array_index (links, gint64, i);

      if (i > 0 && g_array_index (links, gint64, i - 2) != card_id)
        position = 0;

      sqlite3_bind_int64 (insert, 1, card_id);
      sqlite3_bind_int (insert, 2, position++);
      sqlite3_bind_int64 (insert, 3, g_array_index (links, gint64, i + 1));
      if ((rc = sqlite3_step (insert)) != SQLITE_DONE)
        return rh_database_set_error (self->writer, error, rc);
      sqlite3_reset (insert);
    }

  return TRUE;
}

static gboolean
apply_changes (RhCardOperation  *self,
               GError          **error)
{
  RhDatabase *database = self->writer;
  gint64 now = rh_clock_get_now_seconds (rh_database_get_clock (database));
  g_autoptr(RhStatement) stmt = NULL;

  switch (self->kind)
    {
    case RH_CARD_OPERATION_SUSPEND:
    case RH_CARD_OPERATION_UNSUSPEND:
      return save (self, "cards", "SELECT id, suspended FROM cards WHERE id IN temp.operation_ids;", error) &&
             run_int (database, "UPDATE cards SET suspended = ?1 WHERE id IN temp.operation_ids AND suspended <> ?1;",
                      self->kind == RH_CARD_OPERATION_SUSPEND, error);

    case RH_CARD_OPERATION_MOVE:
      {
        gint64 topic_id;

        if (!save (self, "cards", "SELECT id, topic_id, modified FROM cards WHERE id IN temp.operation_ids;", error) ||
            (topic_id = rh_deck_store_ensure_topic (database, self->argument, error)) < 0)
          return FALSE;

        if (!(stmt = rh_database_prepare (database,
                                          "UPDATE cards SET topic_id = ?1, modified = ?2"
                                          " WHERE id IN temp.operation_ids AND topic_id <> ?1;",
                                          error)))
          return FALSE;
        sqlite3_bind_int64 (stmt, 1, topic_id);
        sqlite3_bind_int64 (stmt, 2, now);
        return rh_database_step_done (database, stmt, error);
      }

    case RH_CARD_OPERATION_ADD_TAG:
    case RH_CARD_OPERATION_REMOVE_TAG:
      return save (self, "cards", "SELECT id, tags, modified FROM cards WHERE id IN temp.operation_ids;", error) &&
             change_tags (self, now, error);

    case RH_CARD_OPERATION_FORGET:
      return save (self, "review_state", "SELECT * FROM review_state WHERE card_id IN temp.operation_ids;", error) &&
             run (database,
                  "UPDATE review_state SET state = 0, step = 0, stability = NULL, difficulty = NULL, due = 0,"
                  "  last_review = NULL, reps = 0, lapses = 0 WHERE card_id IN temp.operation_ids;",
                  error);

    case RH_CARD_OPERATION_RESCHEDULE:
      /* A new card keeps its place among the new ones. */
      return save (self, "review_state", "SELECT * FROM review_state WHERE card_id IN temp.operation_ids;", error) &&
             run_int (database, "UPDATE review_state SET due = ?1 WHERE card_id IN temp.operation_ids AND state <> 0;",
                      self->due, error);

    case RH_CARD_OPERATION_DELETE:
      /* Saved in the order undo writes them back: the cards before what
       * points at them, and the lists that linked them whole. */
      if (!save (self, "cards", "SELECT * FROM cards WHERE id IN temp.operation_ids ORDER BY id;", error) ||
          !save (self, "review_state", "SELECT * FROM review_state WHERE card_id IN temp.operation_ids;", error) ||
          !save (self, "review_log", "SELECT * FROM review_log WHERE card_id IN temp.operation_ids ORDER BY id;", error) ||
          !save (self, "follow_ups",
                 "SELECT * FROM follow_ups WHERE card_id IN temp.operation_ids OR card_id IN"
                 " (SELECT card_id FROM follow_ups WHERE follow_up_id IN temp.operation_ids)"
                 " ORDER BY card_id, position;", error) ||
          !save (self, "interview_answers",
                 "SELECT id, card_id FROM interview_answers WHERE card_id IN temp.operation_ids;", error) ||
          !save (self, "deleted_cards",
                 "SELECT * FROM deleted_cards WHERE uid IN"
                 " (SELECT uid FROM cards WHERE id IN temp.operation_ids);", error))
        return FALSE;

      return unlink_follow_ups (self, error) &&
             run_int (database,
                      "INSERT OR REPLACE INTO deleted_cards (uid, deleted_at)"
                      " SELECT uid, ?1 FROM cards WHERE id IN temp.operation_ids;",
                      now, error) &&
             run (database, "DELETE FROM cards WHERE id IN temp.operation_ids;", error);

    default:
      g_assert_not_reached ();
    }
}

static RhDatabaseChange
changes_of (RhCardOperation *self)
{
  switch (self->kind)
    {
    case RH_CARD_OPERATION_FORGET:
    case RH_CARD_OPERATION_RESCHEDULE:
      return RH_DATABASE_CHANGE_CARDS | RH_DATABASE_CHANGE_REVIEWS;
    case RH_CARD_OPERATION_DELETE:
      return RH_DATABASE_CHANGE_TOPICS | RH_DATABASE_CHANGE_CARDS | RH_DATABASE_CHANGE_REVIEWS |
             RH_DATABASE_CHANGE_INTERVIEWS;
    case RH_CARD_OPERATION_MOVE:
      return RH_DATABASE_CHANGE_TOPICS | RH_DATABASE_CHANGE_CARDS;
    default:
      return RH_DATABASE_CHANGE_CARDS;
    }
}

static void
rh_card_operation_finalize (GObject *object)
{
  RhCardOperation *self = (RhCardOperation *)object;

  g_clear_object (&self->database);
  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_pointer (&self->argument, g_free);
  g_clear_pointer (&self->saved, g_ptr_array_unref);

  G_OBJECT_CLASS (rh_card_operation_parent_class)->finalize (object);
}

static void
rh_card_operation_class_init (RhCardOperationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rh_card_operation_finalize;
}

static void
rh_card_operation_init (RhCardOperation *self)
{
  self->saved = g_ptr_array_new_with_free_func ((GDestroyNotify)saved_rows_free);
}

static RhCardOperation *
operation_new (RhDatabase          *database,
               RhCardOperationKind  kind,
               const gint64        *ids,
               guint                n_ids)
{
  RhCardOperation *self;

  g_return_val_if_fail (RH_IS_DATABASE (database), NULL);
  g_return_val_if_fail (ids != NULL || n_ids == 0, NULL);

  self = g_object_new (RH_TYPE_CARD_OPERATION, NULL);
  self->database = g_object_ref (database);
  self->kind = kind;
  self->ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_ids);
  g_array_append_vals (self->ids, ids, n_ids);
  self->n_cards = n_ids;

  return self;
}

/**
 * rh_card_operation_new_suspend:
 * @ids: (array length=n_ids): card row ids
 *
 * Returns: (transfer full): an operation that suspends the cards (or
 *   unsuspends them when @suspended is %FALSE), not yet applied
 */
RhCardOperation *
rh_card_operation_new_suspend (RhDatabase   *database,
                               const gint64 *ids,
                               guint         n_ids,
                               gboolean      suspended)
{
  return operation_new (database, suspended ? RH_CARD_OPERATION_SUSPEND : RH_CARD_OPERATION_UNSUSPEND, ids, n_ids);
}

/**
 * rh_card_operation_new_move:
 * @topic_path: where the cards go; created when missing
 *
 * Returns: (transfer full) (nullable): the operation, or %NULL when
 *   @topic_path is not a topic path
 */
RhCardOperation *
rh_card_operation_new_move (RhDatabase   *database,
                            const gint64 *ids,
                            guint         n_ids,
                            const char   *topic_path)
{
  g_autofree char *path = NULL;
  RhCardOperation *self;

  g_return_val_if_fail (topic_path != NULL, NULL);

  if (!(path = rh_topic_path_normalize (topic_path, NULL)))
    return NULL;

  self = operation_new (database, RH_CARD_OPERATION_MOVE, ids, n_ids);
  self->argument = g_steal_pointer (&path);

  return self;
}

/**
 * rh_card_operation_new_tag:
 * @tag: a tag; surrounding space is dropped
 * @add: adds @tag to the cards that lack it, or removes it
 *
 * Returns: (transfer full) (nullable): the operation, or %NULL for an
 *   empty tag or one with a line break
 */
RhCardOperation *
rh_card_operation_new_tag (RhDatabase   *database,
                           const gint64 *ids,
                           guint         n_ids,
                           const char   *tag,
                           gboolean      add)
{
  g_autofree char *stripped = NULL;
  RhCardOperation *self;

  g_return_val_if_fail (tag != NULL, NULL);

  stripped = g_strstrip (g_strdup (tag));
  if (*stripped == '\0' || strchr (stripped, '\n') != NULL)
    return NULL;

  self = operation_new (database, add ? RH_CARD_OPERATION_ADD_TAG : RH_CARD_OPERATION_REMOVE_TAG, ids, n_ids);
  self->argument = g_steal_pointer (&stripped);

  return self;
}

/**
 * rh_card_operation_new_forget:
 *
 * Returns: (transfer full): an operation that makes the cards new again;
 *   their review log is kept
 */
RhCardOperation *
rh_card_operation_new_forget (RhDatabase   *database,
                              const gint64 *ids,
                              guint         n_ids)
{
  return operation_new (database, RH_CARD_OPERATION_FORGET, ids, n_ids);
}

/**
 * rh_card_operation_new_reschedule:
 * @due: when the cards are due, in Unix seconds
 *
 * Cards that were never studied stay new.
 *
 * Returns: (transfer full): the operation
 */
RhCardOperation *
rh_card_operation_new_reschedule (RhDatabase   *database,
                                  const gint64 *ids,
                                  guint         n_ids,
                                  gint64        due)
{
  RhCardOperation *self = operation_new (database, RH_CARD_OPERATION_RESCHEDULE, ids, n_ids);

  self->due = due;

  return self;
}

/**
 * rh_card_operation_new_delete:
 *
 * Deleting takes the cards out of other cards' follow-up lists (which keep
 * their order) and remembers their uids (deleted_cards), so that the next
 * merge of the built-in deck does not add them again.
 *
 * Returns: (transfer full): the operation
 */
RhCardOperation *
rh_card_operation_new_delete (RhDatabase   *database,
                              const gint64 *ids,
                              guint         n_ids)
{
  return operation_new (database, RH_CARD_OPERATION_DELETE, ids, n_ids);
}

RhCardOperationKind
rh_card_operation_get_kind (RhCardOperation *self)
{
  g_return_val_if_fail (RH_IS_CARD_OPERATION (self), 0);

  return self->kind;
}

/* How many cards it works on: once applied, those that existed. */
guint
rh_card_operation_get_n_cards (RhCardOperation *self)
{
  g_return_val_if_fail (RH_IS_CARD_OPERATION (self), 0);

  return self->n_cards;
}

gboolean
rh_card_operation_get_applied (RhCardOperation *self)
{
  g_return_val_if_fail (RH_IS_CARD_OPERATION (self), FALSE);

  return self->applied;
}

/* Whether any of the cards was ever answered: deleting those asks first. */
gboolean
rh_card_operation_has_reviews (RhCardOperation *self)
{
  g_autoptr(RhStatement) stmt = NULL;

  g_return_val_if_fail (RH_IS_CARD_OPERATION (self), FALSE);

  if (!(stmt = rh_database_prepare (self->database, "SELECT 1 FROM review_log WHERE card_id = ? LIMIT 1;", NULL)))
    return TRUE;

  for (guint i = 0; i < self->ids->len; i++)
    {
      int rc;

      sqlite3_bind_int64 (stmt, 1, g_array_index (self->ids, gint64, i));
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        return TRUE;
    }

  return FALSE;
}

/* Makes the change on @database in one transaction, saving what it
 * overwrites; announced on @database. */
static gboolean
apply_on (RhCardOperation  *self,
          RhDatabase       *database,
          GError          **error)
{
  g_ptr_array_set_size (self->saved, 0);
  self->writer = database;

  if (!rh_database_begin (database, error))
    return FALSE;

  if (!fill_ids (self, error) ||
      !apply_changes (self, error) ||
      !run (database, "DELETE FROM temp.operation_ids;", error))
    {
      rh_database_rollback (database);
      g_ptr_array_set_size (self->saved, 0);
      return FALSE;
    }

  if (!rh_database_commit (database, changes_of (self), error))
    {
      g_ptr_array_set_size (self->saved, 0);
      return FALSE;
    }

  return TRUE;
}

/**
 * rh_card_operation_apply:
 *
 * Makes the change in one transaction, saving what it overwrites.
 */
gboolean
rh_card_operation_apply (RhCardOperation  *self,
                         GError          **error)
{
  g_return_val_if_fail (RH_IS_CARD_OPERATION (self), FALSE);
  g_return_val_if_fail (!self->applied, FALSE);

  if (!apply_on (self, self->database, error))
    return FALSE;

  self->applied = TRUE;

  return TRUE;
}

/* Puts back the lists of links that a delete changed: those of the
 * deleted cards and of the cards that pointed at them. */
static gboolean
restore_follow_ups (RhDatabase  *database,
                    SavedRows   *rows,
                    GError     **error)
{
  g_autoptr(RhStatement) clear = NULL;
  guint n_columns = g_strv_length (rows->columns);

  g_assert (g_str_equal (rows->columns[0], "card_id"));

  if (!(clear = rh_database_prepare (database, "DELETE FROM follow_ups WHERE card_id = ?;", error)))
    return FALSE;

  for (guint r = 0; r < saved_rows_get_n_rows (rows); r++)
    {
      int rc;

      sqlite3_bind_value (clear, 1, g_ptr_array_index (rows->values, r * n_columns));
      if ((rc = sqlite3_step (clear)) != SQLITE_DONE)
        return rh_database_set_error (database, error, rc);
      sqlite3_reset (clear);
    }

  return restore_rows (database, rows, TRUE, error);
}

static gboolean
undo_on (RhCardOperation  *self,
         RhDatabase       *database,
         GError          **error)
{
  self->writer = database;

  if (!rh_database_begin (self->writer, error))
    return FALSE;

  for (guint i = 0; i < self->saved->len; i++)
    {
      SavedRows *rows = g_ptr_array_index (self->saved, i);
      gboolean deleted = self->kind == RH_CARD_OPERATION_DELETE;
      gboolean ok;

      if (!deleted || g_str_equal (rows->table, "review_state") || g_str_equal (rows->table, "interview_answers"))
        /* Rows that are still there (a card's review_state row came back
         * with it, new): overwritten. */
        ok = restore_rows (self->writer, rows, FALSE, error);
      else if (g_str_equal (rows->table, "follow_ups"))
        ok = restore_follow_ups (self->writer, rows, error);
      else if (g_str_equal (rows->table, "deleted_cards"))
        ok = TRUE;
      else
        ok = restore_rows (self->writer, rows, TRUE, error);

      if (!ok)
        goto failed;

      /* The tombstones go with the cards coming back, old ones return. */
      if (deleted && g_str_equal (rows->table, "cards"))
        {
          g_autoptr(RhStatement) stmt = NULL;
          guint n_columns = g_strv_length (rows->columns);
          guint uid_at = 0;

          while (rows->columns[uid_at] && !g_str_equal (rows->columns[uid_at], "uid"))
            uid_at++;
          g_assert (rows->columns[uid_at] != NULL);

          if (!(stmt = rh_database_prepare (self->writer, "DELETE FROM deleted_cards WHERE uid = ?;", error)))
            goto failed;
          for (guint r = 0; r < saved_rows_get_n_rows (rows); r++)
            {
              int rc;

              sqlite3_bind_value (stmt, 1, g_ptr_array_index (rows->values, r * n_columns + uid_at));
              if ((rc = sqlite3_step (stmt)) != SQLITE_DONE)
                {
                  rh_database_set_error (self->writer, error, rc);
                  goto failed;
                }
              sqlite3_reset (stmt);
            }
        }
    }

  if (self->kind == RH_CARD_OPERATION_DELETE)
    for (guint i = 0; i < self->saved->len; i++)
      {
        SavedRows *rows = g_ptr_array_index (self->saved, i);

        if (g_str_equal (rows->table, "deleted_cards") && !restore_rows (self->writer, rows, TRUE, error))
          goto failed;
      }

  return rh_database_commit (self->writer, changes_of (self), error);

failed:
  rh_database_rollback (self->writer);
  return FALSE;
}

/**
 * rh_card_operation_undo:
 *
 * Writes back what rh_card_operation_apply() changed, in one
 * transaction; the operation can then be applied again.
 */
gboolean
rh_card_operation_undo (RhCardOperation  *self,
                        GError          **error)
{
  g_return_val_if_fail (RH_IS_CARD_OPERATION (self), FALSE);
  g_return_val_if_fail (self->applied, FALSE);

  if (!undo_on (self, self->database, error))
    return FALSE;

  self->applied = FALSE;
  g_ptr_array_set_size (self->saved, 0);

  return TRUE;
}

/* An operation over a file runs on a second connection in a thread, so
 * that the window stays responsive while 100,000 cards change; the
 * database announces the change when it is done. */
typedef struct
{
  RhDatabase *worker;
  gboolean    undo;
} Work;

static void
work_free (gpointer data)
{
  Work *work = data;

  g_clear_object (&work->worker);
  g_free (work);
}

static void
work_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  RhCardOperation *self = source_object;
  Work *work = task_data;
  GError *error = NULL;

  if (work->undo ? undo_on (self, work->worker, &error) : apply_on (self, work->worker, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
run_async (RhCardOperation     *self,
           gboolean             undo,
           GCancellable        *cancellable,
           GAsyncReadyCallback  callback,
           gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GError) error = NULL;
  Work *work = g_new0 (Work, 1);

  work->undo = undo;
  g_task_set_task_data (task, work, work_free);
  g_task_set_source_tag (task, undo ? (gpointer)rh_card_operation_undo_async : (gpointer)rh_card_operation_apply_async);

  /* A database in memory has no second connection: done here. */
  if (rh_database_get_path (self->database) == NULL)
    {
      work->worker = g_object_ref (self->database);
      work_thread (task, self, work, cancellable);
      return;
    }

  if (!(work->worker = rh_database_new_sibling (self->database, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_run_in_thread (task, work_thread);
}

static gboolean
run_finish (RhCardOperation  *self,
            GAsyncResult     *result,
            GError          **error)
{
  Work *work = g_task_get_task_data (G_TASK (result));

  if (work->worker != self->database && rh_database_get_damaged (work->worker))
    rh_database_mark_damaged (self->database, rh_database_get_damage (work->worker));

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  self->applied = !work->undo;
  if (work->undo)
    g_ptr_array_set_size (self->saved, 0);

  /* The worker's connection announced it to nobody. */
  if (work->worker != self->database)
    rh_database_emit_changed (self->database, changes_of (self));

  return TRUE;
}

/**
 * rh_card_operation_apply_async:
 *
 * Applies the operation as rh_card_operation_apply() does, on a worker
 * thread with its own connection when the database is a file. Do not use
 * the operation until @callback runs.
 */
void
rh_card_operation_apply_async (RhCardOperation     *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (RH_IS_CARD_OPERATION (self));
  g_return_if_fail (!self->applied);

  run_async (self, FALSE, cancellable, callback, user_data);
}

gboolean
rh_card_operation_apply_finish (RhCardOperation  *self,
                                GAsyncResult     *result,
                                GError          **error)
{
  g_return_val_if_fail (RH_IS_CARD_OPERATION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return run_finish (self, result, error);
}

/**
 * rh_card_operation_undo_async:
 *
 * Undoes the operation as rh_card_operation_undo() does, on a worker
 * thread when the database is a file.
 */
void
rh_card_operation_undo_async (RhCardOperation     *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (RH_IS_CARD_OPERATION (self));
  g_return_if_fail (self->applied);

  run_async (self, TRUE, cancellable, callback, user_data);
}

gboolean
rh_card_operation_undo_finish (RhCardOperation  *self,
                               GAsyncResult     *result,
                               GError          **error)
{
  g_return_val_if_fail (RH_IS_CARD_OPERATION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return run_finish (self, result, error);
}

/**
 * rh_card_operation_dup_title:
 *
 * Returns: (transfer full): what was done, for a toast: “3 cards suspended”
 */
char *
rh_card_operation_dup_title (RhCardOperation *self)
{
  guint n;

  g_return_val_if_fail (RH_IS_CARD_OPERATION (self), NULL);

  n = self->n_cards;

  switch (self->kind)
    {
    case RH_CARD_OPERATION_SUSPEND:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u card suspended", "%u cards suspended", n), n);
    case RH_CARD_OPERATION_UNSUSPEND:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u card unsuspended", "%u cards unsuspended", n), n);
    case RH_CARD_OPERATION_MOVE:
      /* Translators: %1$u is a number of cards, %2$s a topic path */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%1$u card moved to %2$s", "%1$u cards moved to %2$s", n),
                              n, self->argument);
    case RH_CARD_OPERATION_ADD_TAG:
      /* Translators: %1$s is a tag, %2$u a number of cards */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Tag “%1$s” added to %2$u card",
                                           "Tag “%1$s” added to %2$u cards", n), self->argument, n);
    case RH_CARD_OPERATION_REMOVE_TAG:
      /* Translators: %1$s is a tag, %2$u a number of cards */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Tag “%1$s” removed from %2$u card",
                                           "Tag “%1$s” removed from %2$u cards", n), self->argument, n);
    case RH_CARD_OPERATION_FORGET:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u card reset to new", "%u cards reset to new", n), n);
    case RH_CARD_OPERATION_RESCHEDULE:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u card rescheduled", "%u cards rescheduled", n), n);
    case RH_CARD_OPERATION_DELETE:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u card deleted", "%u cards deleted", n), n);
    default:
      g_return_val_if_reached (NULL);
    }
}
