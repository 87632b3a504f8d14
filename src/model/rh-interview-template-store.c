/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rh-interview-template"

#include "config.h"

#include <glib/gi18n.h>

#include "rh-database-private.h"
#include "rh-deleted-rows-private.h"
#include "rh-interview-template-private.h"
#include "rh-interview-template-store.h"
#include "rh-topic.h"

/* The SQL of custom interview templates: one row of interview_templates
 * each, read back into an RhInterviewTemplate. The built-ins are not
 * stored, but listed and looked up with them. */

#define CUSTOM_COLUMNS \
  "id, name, topics, n_questions, question_seconds, total_minutes, follow_up_depth," \
  " counts_toward_schedule, auto_advance"

/* The stored form of the topics: one path a line, as cards store tags. */
static char *
join_topics (RhInterviewTemplate *template)
{
  return g_strjoinv ("\n", (char **)rh_interview_template_get_topics (template));
}

static void
set_topics_text (RhInterviewTemplate *template,
                 const char          *text)
{
  g_auto(GStrv) topics = g_strsplit (text ? text : "", "\n", -1);

  rh_interview_template_set_topics (template, (const char * const *)topics);
}

/* Negative counts in a damaged row read as 0, and the setters bring every
 * value into its range. */
static guint
column_count (sqlite3_stmt *stmt,
              int           column)
{
  return MAX (sqlite3_column_int (stmt, column), 0);
}

static RhInterviewTemplate *
custom_from_row (sqlite3_stmt *stmt)
{
  RhInterviewTemplate *template = rh_interview_template_new ("custom", (const char *)sqlite3_column_text (stmt, 1));

  rh_interview_template_bind_row (template, sqlite3_column_int64 (stmt, 0));
  set_topics_text (template, (const char *)sqlite3_column_text (stmt, 2));
  rh_interview_template_set_n_questions (template, column_count (stmt, 3));
  rh_interview_template_set_question_seconds (template, column_count (stmt, 4));
  rh_interview_template_set_total_minutes (template, column_count (stmt, 5));
  rh_interview_template_set_follow_up_depth (template, column_count (stmt, 6));
  rh_interview_template_set_counts_toward_schedule (template, sqlite3_column_int (stmt, 7));
  rh_interview_template_set_auto_advance (template, sqlite3_column_int (stmt, 8));

  return template;
}

gboolean
rh_interview_template_store_save (RhDatabase           *database,
                                  RhInterviewTemplate  *template,
                                  GError              **error)
{
  g_autoptr(RhStatement) stmt = NULL;
  g_autofree char *topics = NULL;
  gint64 old_row_id, row_id;
  int rc;

  g_return_val_if_fail (RH_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (RH_IS_INTERVIEW_TEMPLATE (template), FALSE);
  g_return_val_if_fail (!rh_interview_template_get_builtin (template), FALSE);
  g_return_val_if_fail (rh_interview_template_get_n_parts (template) == 0, FALSE);

  old_row_id = rh_interview_template_get_row_id (template);

  if (!rh_database_begin (database, error))
    return FALSE;

  if (old_row_id == 0)
    stmt = rh_database_prepare (database,
                                "INSERT INTO interview_templates (name, topics, n_questions, question_seconds,"
                                "  total_minutes, follow_up_depth, counts_toward_schedule, auto_advance, modified)"
                                " VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) RETURNING id;",
                                error);
  else
    stmt = rh_database_prepare (database,
                                "UPDATE interview_templates SET name = ?2, topics = ?3, n_questions = ?4,"
                                "  question_seconds = ?5, total_minutes = ?6, follow_up_depth = ?7,"
                                "  counts_toward_schedule = ?8, auto_advance = ?9, modified = ?10"
                                " WHERE id = ?1 RETURNING id;",
                                error);
  if (stmt == NULL)
    goto failed;

  topics = join_topics (template);
  sqlite3_bind_int64 (stmt, 1, old_row_id);
  sqlite3_bind_text (stmt, 2, rh_interview_template_get_name (template), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, topics, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 4, rh_interview_template_get_n_questions (template));
  sqlite3_bind_int (stmt, 5, rh_interview_template_get_question_seconds (template));
  sqlite3_bind_int (stmt, 6, rh_interview_template_get_total_minutes (template));
  sqlite3_bind_int (stmt, 7, rh_interview_template_get_follow_up_depth (template));
  sqlite3_bind_int (stmt, 8, rh_interview_template_get_counts_toward_schedule (template));
  sqlite3_bind_int (stmt, 9, rh_interview_template_get_auto_advance (template));
  sqlite3_bind_int64 (stmt, 10, rh_clock_get_now_seconds (rh_database_get_clock (database)));

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, RH_DATABASE_ERROR, RH_DATABASE_ERROR_NOT_FOUND,
                   _("The interview template “%s” was deleted"),
                   rh_interview_template_get_name (template));
      goto failed;
    }
  if (rc != SQLITE_ROW)
    {
      rh_database_set_error (database, error, rc);
      goto failed;
    }
  row_id = sqlite3_column_int64 (stmt, 0);
  if ((rc = sqlite3_step (stmt)) != SQLITE_DONE)
    {
      rh_database_set_error (database, error, rc);
      goto failed;
    }
  rh_statement_release (g_steal_pointer (&stmt));

  if (!rh_database_commit (database, RH_DATABASE_CHANGE_INTERVIEWS, error))
    return FALSE;

  /* The id names the row from now on. */
  rh_interview_template_bind_row (template, row_id);

  return TRUE;

failed:
  rh_database_rollback (database);
  return FALSE;
}

/* Sessions keep their own snapshot, so their reports stay whole. */
gboolean
rh_interview_template_store_delete (RhDatabase  *database,
                                    gint64       row_id,
                                    GError     **error)
{
  g_autoptr(RhStatement) stmt = NULL;
  int rc;

  g_return_val_if_fail (RH_IS_DATABASE (database), FALSE);

  if (!rh_database_begin (database, error))
    return FALSE;

  if (!(stmt = rh_database_prepare (database, "DELETE FROM interview_templates WHERE id = ?;", error)))
    goto failed;

  sqlite3_bind_int64 (stmt, 1, row_id);
  if ((rc = sqlite3_step (stmt)) != SQLITE_DONE)
    {
      rh_database_set_error (database, error, rc);
      goto failed;
    }
  rh_statement_release (g_steal_pointer (&stmt));

  return rh_database_commit (database, RH_DATABASE_CHANGE_INTERVIEWS, error);

failed:
  rh_database_rollback (database);
  return FALSE;
}

RhDeletedRows *
rh_interview_template_store_delete_with_undo (RhDatabase  *database,
                                              gint64       row_id,
                                              GError     **error)
{
  g_autoptr(RhDeletedRows) deleted = NULL;
  int n;

  g_return_val_if_fail (RH_IS_DATABASE (database), NULL);

  if (!rh_database_begin (database, error))
    return NULL;

  deleted = rh_deleted_rows_new (database, RH_DATABASE_CHANGE_INTERVIEWS);
  if ((n = rh_deleted_rows_take (deleted, "interview_templates", "id = ?1", row_id, error)) < 0)
    goto failed;
  if (n == 0)
    {
      g_set_error_literal (error, RH_DATABASE_ERROR, RH_DATABASE_ERROR_NOT_FOUND,
                           _("This interview template was already deleted"));
      goto failed;
    }

  if (!rh_database_commit (database, RH_DATABASE_CHANGE_INTERVIEWS, error))
    return NULL;

  return g_steal_pointer (&deleted);

failed:
  rh_database_rollback (database);
  return NULL;
}

/**
 * rh_interview_template_store_list:
 *
 * Returns: (transfer full) (nullable): a #GListModel of
 *   #RhInterviewTemplate: the built-ins, then the custom templates in the
 *   order they were created
 */
GListModel *
rh_interview_template_store_list (RhDatabase  *database,
                                  GError     **error)
{
  g_autoptr(GListStore) store = g_list_store_new (RH_TYPE_INTERVIEW_TEMPLATE);
  g_autoptr(RhStatement) stmt = NULL;
  const char * const *builtin_ids = rh_interview_template_get_builtin_ids ();
  int rc;

  g_return_val_if_fail (RH_IS_DATABASE (database), NULL);

  for (guint i = 0; builtin_ids[i]; i++)
    {
      g_autoptr(RhInterviewTemplate) builtin = rh_interview_template_new_builtin (builtin_ids[i]);

      g_list_store_append (store, builtin);
    }

  if (!(stmt = rh_database_prepare (database,
                                    "SELECT " CUSTOM_COLUMNS " FROM interview_templates ORDER BY id;",
                                    error)))
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(RhInterviewTemplate) custom = custom_from_row (stmt);

      g_list_store_append (store, custom);
    }

  if (rc != SQLITE_DONE)
    {
      rh_database_set_error (database, error, rc);
      return NULL;
    }

  return G_LIST_MODEL (g_steal_pointer (&store));
}

/**
 * rh_interview_template_store_lookup:
 * @id: a built-in id or "custom-<row id>"
 *
 * Returns: (transfer full) (nullable): the template
 */
RhInterviewTemplate *
rh_interview_template_store_lookup (RhDatabase  *database,
                                    const char  *id,
                                    GError     **error)
{
  g_autoptr(RhStatement) stmt = NULL;
  gint64 row_id;
  int rc;

  g_return_val_if_fail (RH_IS_DATABASE (database), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  if (rh_interview_template_is_builtin_id (id))
    return rh_interview_template_new_builtin (id);

  if ((row_id = rh_interview_template_parse_custom_id (id)) > 0)
    {
      if (!(stmt = rh_database_prepare (database,
                                        "SELECT " CUSTOM_COLUMNS " FROM interview_templates WHERE id = ?;",
                                        error)))
        return NULL;

      sqlite3_bind_int64 (stmt, 1, row_id);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        return custom_from_row (stmt);
      if (rc != SQLITE_DONE)
        {
          rh_database_set_error (database, error, rc);
          return NULL;
        }
    }

  g_set_error (error, RH_DATABASE_ERROR, RH_DATABASE_ERROR_NOT_FOUND,
               _("There is no interview template “%s”"), id);
  return NULL;
}

/**
 * rh_interview_template_store_rename_topic:
 * @changed: (out): set to whether a template changed
 *
 * Call inside a transaction.
 */
gboolean
rh_interview_template_store_rename_topic (RhDatabase  *database,
                                          const char  *path,
                                          const char  *new_path,
                                          gboolean    *changed,
                                          GError     **error)
{
  g_autoptr(RhStatement) select = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  g_return_val_if_fail (RH_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (path != NULL && new_path != NULL, FALSE);
  g_return_val_if_fail (changed != NULL, FALSE);

  *changed = FALSE;

  /* Few templates; the paths are rewritten here, a line at a time. */
  if (!(select = rh_database_prepare (database, "SELECT id, topics FROM interview_templates;", error)))
    return FALSE;

  while ((rc = sqlite3_step (select)) == SQLITE_ROW)
    {
      g_auto(GStrv) topics = g_strsplit ((const char *)sqlite3_column_text (select, 1), "\n", -1);
      gboolean any = FALSE;
      gint64 id;

      for (guint i = 0; topics[i]; i++)
        {
          char *renamed = rh_topic_path_rebase (topics[i], path, new_path);

          if (renamed != NULL)
            {
              g_free (topics[i]);
              topics[i] = renamed;
              any = TRUE;
            }
        }

      if (!any)
        continue;

      id = sqlite3_column_int64 (select, 0);
      g_array_append_val (ids, id);
      g_ptr_array_add (rows, g_strjoinv ("\n", topics));
    }
  if (rc != SQLITE_DONE)
    return rh_database_set_error (database, error, rc);
  rh_statement_release (g_steal_pointer (&select));

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(RhStatement) update = NULL;

      if (!(update = rh_database_prepare (database, "UPDATE interview_templates SET topics = ?2 WHERE id = ?1;", error)))
        return FALSE;

      sqlite3_bind_int64 (update, 1, g_array_index (ids, gint64, i));
      sqlite3_bind_text (update, 2, g_ptr_array_index (rows, i), -1, SQLITE_STATIC);
      if ((rc = sqlite3_step (update)) != SQLITE_DONE)
        return rh_database_set_error (database, error, rc);
    }

  *changed = ids->len > 0;

  return TRUE;
}
