/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rh-deleted-rows"

#include "config.h"

#include <glib/gi18n.h>

#include "rh-deleted-rows-private.h"

/* The rows of one table, as SQLite values, so that every type and NULL
 * comes back as it was. */
typedef struct
{
  char      *table;
  GStrv      columns;
  GPtrArray *rows;       /* of GPtrArray of sqlite3_value */
} Taken;

struct _RhDeletedRows
{
  GObject           parent_instance;

  /* Owned */
  RhDatabase       *database;
  GPtrArray        *taken;     /* of Taken, in the order taken */

  RhDatabaseChange  changes;
  guint             restored : 1;
};

G_DEFINE_FINAL_TYPE (RhDeletedRows, rh_deleted_rows, G_TYPE_OBJECT)

static void
taken_free (gpointer data)
{
  Taken *taken = data;

  g_free (taken->table);
  g_strfreev (taken->columns);
  g_ptr_array_unref (taken->rows);
  g_free (taken);
}

static void
value_free (gpointer data)
{
  sqlite3_value_free (data);
}

/* One INSERT per row, with the columns as they were read. */
static gboolean
restore_table (RhDeletedRows  *self,
               Taken          *taken,
               GError        **error)
{
  g_autoptr(GString) sql = g_string_new ("INSERT INTO ");
  guint n_columns = g_strv_length (taken->columns);

  g_string_append_printf (sql, "\"%s\" (", taken->table);
  for (guint i = 0; i < n_columns; i++)
    g_string_append_printf (sql, "%s\"%s\"", i ? ", " : "", taken->columns[i]);
  g_string_append (sql, ") VALUES (");
  for (guint i = 0; i < n_columns; i++)
    g_string_append (sql, i ? ", ?" : "?");
  g_string_append (sql, ");");

  for (guint r = 0; r < taken->rows->len; r++)
    {
      g_autoptr(RhStatement) insert = NULL;
      GPtrArray *row = g_ptr_array_index (taken->rows, r);

      if (!(insert = rh_database_prepare (self->database, sql->str, error)))
        return FALSE;

      for (guint i = 0; i < n_columns; i++)
        sqlite3_bind_value (insert, i + 1, g_ptr_array_index (row, i));

      if (!rh_database_step_done (self->database, insert, error))
        return FALSE;
    }

  return TRUE;
}

static void
rh_deleted_rows_dispose (GObject *object)
{
  RhDeletedRows *self = (RhDeletedRows *)object;

  g_clear_object (&self->database);

  G_OBJECT_CLASS (rh_deleted_rows_parent_class)->dispose (object);
}

static void
rh_deleted_rows_finalize (GObject *object)
{
  RhDeletedRows *self = (RhDeletedRows *)object;

  g_clear_pointer (&self->taken, g_ptr_array_unref);

  G_OBJECT_CLASS (rh_deleted_rows_parent_class)->finalize (object);
}

static void
rh_deleted_rows_class_init (RhDeletedRowsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rh_deleted_rows_dispose;
  object_class->finalize = rh_deleted_rows_finalize;
}

static void
rh_deleted_rows_init (RhDeletedRows *self)
{
  self->taken = g_ptr_array_new_with_free_func (taken_free);
}

RhDeletedRows *
rh_deleted_rows_new (RhDatabase       *database,
                     RhDatabaseChange  changes)
{
  RhDeletedRows *self;

  g_return_val_if_fail (RH_IS_DATABASE (database), NULL);

  self = g_object_new (RH_TYPE_DELETED_ROWS, NULL);
  self->database = g_object_ref (database);
  self->changes = changes;

  return self;
}

int
rh_deleted_rows_take (RhDeletedRows  *self,
                      const char     *table,
                      const char     *where,
                      gint64          key,
                      GError        **error)
{
  g_autoptr(RhStatement) select = NULL;
  g_autoptr(RhStatement) delete = NULL;
  g_autofree char *select_sql = NULL;
  g_autofree char *delete_sql = NULL;
  Taken *taken;
  int n_columns, rc;

  g_return_val_if_fail (RH_IS_DELETED_ROWS (self), -1);
  g_return_val_if_fail (table != NULL && where != NULL, -1);

  select_sql = g_strdup_printf ("SELECT * FROM \"%s\" WHERE %s ORDER BY rowid;", table, where);
  if (!(select = rh_database_prepare (self->database, select_sql, error)))
    return -1;

  taken = g_new0 (Taken, 1);
  taken->table = g_strdup (table);
  taken->rows = g_ptr_array_new_with_free_func ((GDestroyNotify)g_ptr_array_unref);
  g_ptr_array_add (self->taken, taken);

  n_columns = sqlite3_column_count (select);
  taken->columns = g_new0 (char *, n_columns + 1);
  for (int i = 0; i < n_columns; i++)
    taken->columns[i] = g_strdup (sqlite3_column_name (select, i));

  sqlite3_bind_int64 (select, 1, key);
  while ((rc = sqlite3_step (select)) == SQLITE_ROW)
    {
      GPtrArray *row = g_ptr_array_new_full (n_columns, value_free);

      for (int i = 0; i < n_columns; i++)
        g_ptr_array_add (row, sqlite3_value_dup (sqlite3_column_value (select, i)));
      g_ptr_array_add (taken->rows, row);
    }
  if (rc != SQLITE_DONE)
    {
      rh_database_set_error (self->database, error, rc);
      return -1;
    }
  rh_statement_release (g_steal_pointer (&select));

  delete_sql = g_strdup_printf ("DELETE FROM \"%s\" WHERE %s;", table, where);
  if (!(delete = rh_database_prepare (self->database, delete_sql, error)))
    return -1;
  sqlite3_bind_int64 (delete, 1, key);
  if (!rh_database_step_done (self->database, delete, error))
    return -1;

  return taken->rows->len;
}

/**
 * rh_deleted_rows_restore:
 *
 * Puts every row back as it was, ids included, in one transaction, and
 * announces it. Fails, changing nothing, when a row's id has been used
 * again since or what it pointed at is gone. Only once.
 *
 * Returns: whether the rows are back
 */
gboolean
rh_deleted_rows_restore (RhDeletedRows  *self,
                         GError        **error)
{
  g_return_val_if_fail (RH_IS_DELETED_ROWS (self), FALSE);

  if (self->restored)
    {
      g_set_error_literal (error, RH_DATABASE_ERROR, RH_DATABASE_ERROR_FAILED,
                           _("This was already undone"));
      return FALSE;
    }

  if (!rh_database_begin (self->database, error))
    return FALSE;

  for (guint i = self->taken->len; i > 0; i--)
    if (!restore_table (self, g_ptr_array_index (self->taken, i - 1), error))
      {
        rh_database_rollback (self->database);
        return FALSE;
      }

  if (!rh_database_commit (self->database, self->changes, error))
    return FALSE;

  self->restored = TRUE;

  return TRUE;
}

guint
rh_deleted_rows_get_n_rows (RhDeletedRows *self)
{
  guint n = 0;

  g_return_val_if_fail (RH_IS_DELETED_ROWS (self), 0);

  for (guint i = 0; i < self->taken->len; i++)
    n += ((Taken *)g_ptr_array_index (self->taken, i))->rows->len;

  return n;
}
