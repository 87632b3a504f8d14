/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rh-deck-store"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rh-database-private.h"
#include "rh-deck-store-private.h"
#include "rh-deck-store.h"
#include "rh-interview-template-store.h"

/* The topic tree: paths, parents, the closure table and the counts read
 * from topic_counts and temp.due_counts. */

gint64
rh_deck_store_lookup_topic_id (RhDatabase  *database,
                               const char  *path,
                               GError     **error)
{
  return rh_deck_store_lookup_id (database, "SELECT id FROM topics WHERE path = ?;", path, error);
}

/**
 * rh_deck_store_ensure_topic:
 * @path: a normalized topic path
 *
 * Creates the topic and its missing ancestors. Call inside a transaction.
 *
 * Returns: the topic's row id, or -1 on error
 */
gint64
rh_deck_store_ensure_topic (RhDatabase  *database,
                            const char  *path,
                            GError     **error)
{
  g_auto(GStrv) parts = NULL;
  g_autoptr(GString) prefix = g_string_new (NULL);
  gint64 parent_id = 0;

  g_return_val_if_fail (RH_IS_DATABASE (database), -1);
  g_return_val_if_fail (path != NULL && *path != '\0', -1);

  parts = rh_topic_path_split (path);
  for (guint i = 0; parts[i]; i++)
    {
      gint64 id;

      if (i > 0)
        g_string_append (prefix, RH_TOPIC_SEPARATOR);
      g_string_append (prefix, parts[i]);

      if ((id = rh_deck_store_lookup_topic_id (database, prefix->str, error)) < 0)
        return -1;

      if (id == 0)
        {
          g_autoptr(RhStatement) insert = NULL;
          g_autoptr(RhStatement) closure = NULL;
          int rc;

          if (!(insert = rh_database_prepare (database,
                                              "INSERT INTO topics (parent_id, name, path) VALUES (?, ?, ?);",
                                              error)))
            return -1;

          if (parent_id > 0)
            sqlite3_bind_int64 (insert, 1, parent_id);
          sqlite3_bind_text (insert, 2, parts[i], -1, SQLITE_STATIC);
          sqlite3_bind_text (insert, 3, prefix->str, -1, SQLITE_STATIC);
          if ((rc = sqlite3_step (insert)) != SQLITE_DONE)
            {
              rh_database_set_error (database, error, rc);
              return -1;
            }
          id = rh_database_last_insert_id (database);

          if (!(closure = rh_database_prepare (database,
                                               "INSERT INTO topic_closure (ancestor_id, descendant_id)"
                                               " SELECT ancestor_id, ?1 FROM topic_closure WHERE descendant_id = ?2"
                                               " UNION ALL SELECT ?1, ?1;",
                                               error)))
            return -1;

          sqlite3_bind_int64 (closure, 1, id);
          sqlite3_bind_int64 (closure, 2, parent_id);
          if ((rc = sqlite3_step (closure)) != SQLITE_DONE)
            {
              rh_database_set_error (database, error, rc);
              return -1;
            }
        }

      parent_id = id;
    }

  return parent_id;
}

/* Subtree counts, summed from each topic's own counters (topic_counts,
 * temp.due_counts): a few rows per topic, however many cards. New and due
 * leave suspended cards out. */
#define TOPIC_COUNTS_SQL(where)                                                         \
  "SELECT t.id, t.path,"                                                                \
  "  EXISTS (SELECT 1 FROM topics k WHERE k.parent_id = t.id),"                         \
  "  sum(n.cards), sum(n.new), coalesce(sum(d.n), 0)"                                   \
  " FROM topics t"                                                                      \
  " JOIN topic_closure tc ON tc.ancestor_id = t.id"                                     \
  " JOIN topic_counts n ON n.topic_id = tc.descendant_id"                               \
  " LEFT JOIN temp.due_counts d ON d.topic_id = tc.descendant_id"                       \
  " WHERE " where                                                                       \
  " GROUP BY t.id ORDER BY t.id;"

static const char root_counts_sql[] =
  "SELECT coalesce(sum(cards), 0), coalesce(sum(new), 0),"
  "  (SELECT coalesce(sum(n), 0) FROM temp.due_counts),"
  "  EXISTS (SELECT 1 FROM topics)"
  " FROM topic_counts;";

/* Due means due by the clock's last minute. */
static gboolean
ensure_due_counts (RhDatabase  *database,
                   GError     **error)
{
  return rh_database_ensure_due_counts (database, error);
}

static RhTopic *
topic_from_row (sqlite3_stmt *stmt)
{
  RhTopic *topic = rh_topic_new (sqlite3_column_int64 (stmt, 0),
                                 (const char *)sqlite3_column_text (stmt, 1));

  rh_topic_set_has_children (topic, sqlite3_column_int (stmt, 2));
  rh_topic_set_counts (topic,
                       sqlite3_column_int (stmt, 3),
                       sqlite3_column_int (stmt, 4),
                       sqlite3_column_int (stmt, 5));

  return topic;
}

static gboolean
refresh_root (RhDatabase  *database,
              RhTopic     *root,
              GError     **error)
{
  g_autoptr(RhStatement) stmt = NULL;
  int rc;

  if (!ensure_due_counts (database, error) ||
      !(stmt = rh_database_prepare (database, root_counts_sql, error)))
    return FALSE;

  if ((rc = sqlite3_step (stmt)) != SQLITE_ROW)
    return rh_database_set_error (database, error, rc);

  rh_topic_set_counts (root,
                       sqlite3_column_int (stmt, 0),
                       sqlite3_column_int (stmt, 1),
                       sqlite3_column_int (stmt, 2));
  rh_topic_set_has_children (root, sqlite3_column_int (stmt, 3));

  return TRUE;
}

/**
 * rh_deck_store_dup_topic:
 * @path: a topic path, or "" for the root of all topics
 *
 * Returns: (transfer full) (nullable): the topic with its counts
 */
RhTopic *
rh_deck_store_dup_topic (RhDatabase  *database,
                         const char  *path,
                         GError     **error)
{
  g_autoptr(RhStatement) stmt = NULL;
  g_autoptr(RhTopic) root = NULL;
  int rc;

  g_return_val_if_fail (RH_IS_DATABASE (database), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  if (*path == '\0')
    {
      root = rh_topic_new (0, "");
      if (!refresh_root (database, root, error))
        return NULL;
      return g_steal_pointer (&root);
    }

  if (!ensure_due_counts (database, error) ||
      !(stmt = rh_database_prepare (database, TOPIC_COUNTS_SQL ("t.path = ?1"), error)))
    return NULL;

  sqlite3_bind_text (stmt, 1, path, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return topic_from_row (stmt);

  if (rc == SQLITE_DONE)
    g_set_error (error, RH_DATABASE_ERROR, RH_DATABASE_ERROR_NOT_FOUND,
                 _("There is no topic “%s”"), path);
  else
    rh_database_set_error (database, error, rc);

  return NULL;
}

/* Updates the counts of a topic object in place. */
gboolean
rh_deck_store_refresh_topic (RhDatabase  *database,
                             RhTopic     *topic,
                             GError     **error)
{
  g_autoptr(RhTopic) fresh = NULL;

  g_return_val_if_fail (RH_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (RH_IS_TOPIC (topic), FALSE);

  if (rh_topic_is_root (topic))
    return refresh_root (database, topic, error);

  if (!(fresh = rh_deck_store_dup_topic (database, rh_topic_get_path (topic), error)))
    return FALSE;

  rh_topic_set_has_children (topic, rh_topic_get_has_children (fresh));
  rh_topic_set_counts (topic,
                       rh_topic_get_total_count (fresh),
                       rh_topic_get_new_count (fresh),
                       rh_topic_get_due_count (fresh));

  return TRUE;
}

/**
 * rh_deck_store_list_topics_under:
 * @parent_id: a topic's row, or 0 for the top level
 *
 * Returns: (transfer full) (element-type RhTopic) (nullable): the children
 *   of @parent_id with their counts, in the order they were created; one
 *   statement
 */
GPtrArray *
rh_deck_store_list_topics_under (RhDatabase  *database,
                                 gint64       parent_id,
                                 GError     **error)
{
  g_autoptr(RhStatement) stmt = NULL;
  g_autoptr(GPtrArray) topics = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  g_return_val_if_fail (RH_IS_DATABASE (database), NULL);
  g_return_val_if_fail (parent_id >= 0, NULL);

  if (!ensure_due_counts (database, error) ||
      !(stmt = rh_database_prepare (database, TOPIC_COUNTS_SQL ("t.parent_id IS ?1"), error)))
    return NULL;

  if (parent_id > 0)
    sqlite3_bind_int64 (stmt, 1, parent_id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (topics, topic_from_row (stmt));

  if (rc != SQLITE_DONE)
    {
      rh_database_set_error (database, error, rc);
      return NULL;
    }

  return g_steal_pointer (&topics);
}

/**
 * rh_deck_store_list_topics:
 * @parent_path: "" for the top level
 *
 * Returns: (transfer full) (element-type RhTopic) (nullable): the children
 *   of @parent_path with their counts, in the order they were created
 */
GPtrArray *
rh_deck_store_list_topics (RhDatabase  *database,
                           const char  *parent_path,
                           GError     **error)
{
  gint64 parent_id = 0;

  g_return_val_if_fail (RH_IS_DATABASE (database), NULL);
  g_return_val_if_fail (parent_path != NULL, NULL);

  if (*parent_path != '\0')
    {
      if ((parent_id = rh_deck_store_lookup_topic_id (database, parent_path, error)) < 0)
        return NULL;
      if (parent_id == 0)
        return g_ptr_array_new_with_free_func (g_object_unref);
    }

  return rh_deck_store_list_topics_under (database, parent_id, error);
}

/* The rows of @topic_id's subtree, itself included. */
static GArray *
dup_subtree_ids (RhDatabase  *database,
                 gint64       topic_id,
                 GError     **error)
{
  g_autoptr(RhStatement) stmt = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  if (!(stmt = rh_database_prepare (database,
                                    "SELECT descendant_id FROM topic_closure WHERE ancestor_id = ?1;",
                                    error)))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, topic_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  if (rc != SQLITE_DONE)
    {
      rh_database_set_error (database, error, rc);
      return NULL;
    }

  return g_steal_pointer (&ids);
}

/* Runs one statement that binds @id as ?1 and @text as ?2 (when not NULL). */
static gboolean
run_with_id (RhDatabase  *database,
             const char  *sql,
             gint64       id,
             const char  *text,
             GError     **error)
{
  g_autoptr(RhStatement) stmt = NULL;
  int rc;

  if (!(stmt = rh_database_prepare (database, sql, error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  if (text != NULL)
    sqlite3_bind_text (stmt, 2, text, -1, SQLITE_STATIC);
  if ((rc = sqlite3_step (stmt)) != SQLITE_DONE)
    return rh_database_set_error (database, error, rc);

  return TRUE;
}

/* The existing topic at @path, or an error a user can read. */
static gint64
find_topic (RhDatabase  *database,
            const char  *path,
            GError     **error)
{
  gint64 id = rh_deck_store_lookup_topic_id (database, path, error);

  if (id == 0)
    {
      g_set_error (error, RH_DATABASE_ERROR, RH_DATABASE_ERROR_NOT_FOUND,
                   _("There is no topic “%s”"), path);
      return -1;
    }

  return id;
}

/* The rules of a rename, for rh_deck_store_rename_topic() and the dialogs
 * that ask for one: @topic_id and @normalized are set when it may go on;
 * @normalized is @path when there is nothing to do. */
static gboolean
check_rename (RhDatabase  *database,
              const char  *path,
              const char  *new_path,
              gint64      *topic_id,
              char       **normalized,
              GError     **error)
{
  g_autofree char *checked = NULL;
  gint64 existing;

  if (!(checked = rh_topic_path_normalize (new_path, error)))
    return FALSE;
  if (*checked == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("A topic needs a name"));
      return FALSE;
    }
  if ((*topic_id = find_topic (database, path, error)) < 0)
    return FALSE;
  if (strcmp (checked, path) != 0)
    {
      if (rh_topic_path_is_under (checked, path))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("“%s” cannot be moved into itself"), path);
          return FALSE;
        }
      if ((existing = rh_deck_store_lookup_topic_id (database, checked, error)) < 0)
        return FALSE;
      if (existing > 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                       _("There is already a topic “%s”: choose another name"), checked);
          return FALSE;
        }
    }

  *normalized = g_steal_pointer (&checked);
  return TRUE;
}

/**
 * rh_deck_store_check_rename_topic:
 *
 * Whether rh_deck_store_rename_topic() would accept @new_path for @path,
 * with the same error when not; writes nothing.
 */
gboolean
rh_deck_store_check_rename_topic (RhDatabase  *database,
                                  const char  *path,
                                  const char  *new_path,
                                  GError     **error)
{
  g_autofree char *normalized = NULL;
  gint64 topic_id;

  g_return_val_if_fail (RH_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (path != NULL && *path != '\0', FALSE);
  g_return_val_if_fail (new_path != NULL, FALSE);

  return check_rename (database, path, new_path, &topic_id, &normalized, error);
}

/**
 * rh_deck_store_rename_topic:
 * @path: an existing topic
 * @new_path: where it goes: a new last segment renames it, a new parent
 *   moves it (missing parents are created)
 *
 * Renames or moves a topic with everything under it, in one transaction:
 * the topics keep their rows, so their cards, counts and review state
 * follow without being touched; their paths, the moved topic's parent and
 * name, and the closure rows linking the subtree to its ancestors change.
 * Saved interview templates naming a topic of the subtree name it by its
 * new path.
 *
 * It never merges two topics: a @new_path that exists is refused
 * (%G_IO_ERROR_EXISTS), as is a move under the topic itself
 * (%G_IO_ERROR_INVALID_ARGUMENT). Renaming to the same path does nothing.
 *
 * Returns: whether the topic is at @new_path now
 */
gboolean
rh_deck_store_rename_topic (RhDatabase  *database,
                            const char  *path,
                            const char  *new_path,
                            GError     **error)
{
  g_autofree char *normalized = NULL;
  g_autofree char *parent_path = NULL;
  g_autofree char *name = NULL;
  g_autoptr(RhStatement) stmt = NULL;
  RhDatabaseChange changes = RH_DATABASE_CHANGE_TOPICS | RH_DATABASE_CHANGE_CARDS;
  gboolean templates_changed = FALSE;
  gint64 topic_id, parent_id = 0;
  int rc;

  g_return_val_if_fail (RH_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (path != NULL && *path != '\0', FALSE);
  g_return_val_if_fail (new_path != NULL, FALSE);

  if (!check_rename (database, path, new_path, &topic_id, &normalized, error))
    return FALSE;
  if (strcmp (normalized, path) == 0)
    return TRUE;

  parent_path = rh_topic_path_dup_parent (normalized);
  name = g_strdup (normalized + (*parent_path ? strlen (parent_path) + strlen (RH_TOPIC_SEPARATOR) : 0));

  if (!rh_database_begin (database, error))
    return FALSE;

  /* Not under @path (refused above), so nothing of the subtree is made. */
  if (*parent_path != '\0' && (parent_id = rh_deck_store_ensure_topic (database, parent_path, error)) < 0)
    goto failed;

  /* Cut the subtree from its old ancestors, then hang it under the new
   * parent's: pairs inside the subtree stay as they are. */
  if (!run_with_id (database,
                    "DELETE FROM topic_closure"
                    " WHERE descendant_id IN (SELECT descendant_id FROM topic_closure WHERE ancestor_id = ?1)"
                    "   AND ancestor_id NOT IN (SELECT descendant_id FROM topic_closure WHERE ancestor_id = ?1);",
                    topic_id, NULL, error))
    goto failed;

  if (parent_id > 0)
    {
      if (!(stmt = rh_database_prepare (database,
                                        "INSERT INTO topic_closure (ancestor_id, descendant_id)"
                                        " SELECT a.ancestor_id, s.descendant_id"
                                        " FROM topic_closure a, topic_closure s"
                                        " WHERE a.descendant_id = ?2 AND s.ancestor_id = ?1;",
                                        error)))
        goto failed;
      sqlite3_bind_int64 (stmt, 1, topic_id);
      sqlite3_bind_int64 (stmt, 2, parent_id);
      if ((rc = sqlite3_step (stmt)) != SQLITE_DONE)
        {
          rh_database_set_error (database, error, rc);
          goto failed;
        }
      rh_statement_release (g_steal_pointer (&stmt));
    }

  /* No path under @normalized exists (its topic does not), so no two
   * rows clash while they change. */
  if (!(stmt = rh_database_prepare (database,
                                    "UPDATE topics SET path = ?2 || substr (path, length (?3) + 1)"
                                    " WHERE id IN (SELECT descendant_id FROM topic_closure WHERE ancestor_id = ?1);",
                                    error)))
    goto failed;
  sqlite3_bind_int64 (stmt, 1, topic_id);
  sqlite3_bind_text (stmt, 2, normalized, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, path, -1, SQLITE_STATIC);
  if ((rc = sqlite3_step (stmt)) != SQLITE_DONE)
    {
      rh_database_set_error (database, error, rc);
      goto failed;
    }
  rh_statement_release (g_steal_pointer (&stmt));

  if (!(stmt = rh_database_prepare (database, "UPDATE topics SET parent_id = ?2, name = ?3 WHERE id = ?1;", error)))
    goto failed;
  sqlite3_bind_int64 (stmt, 1, topic_id);
  if (parent_id > 0)
    sqlite3_bind_int64 (stmt, 2, parent_id);
  sqlite3_bind_text (stmt, 3, name, -1, SQLITE_STATIC);
  if ((rc = sqlite3_step (stmt)) != SQLITE_DONE)
    {
      rh_database_set_error (database, error, rc);
      goto failed;
    }
  rh_statement_release (g_steal_pointer (&stmt));

  if (!rh_interview_template_store_rename_topic (database, path, normalized, &templates_changed, error))
    goto failed;
  if (templates_changed)
    changes |= RH_DATABASE_CHANGE_INTERVIEWS;

  return rh_database_commit (database, changes, error);

failed:
  rh_database_rollback (database);
  return FALSE;
}

/* The rules of a delete: the topic's row when it may go, else -1. */
static gint64
check_delete (RhDatabase  *database,
              const char  *path,
              GError     **error)
{
  g_autoptr(RhStatement) stmt = NULL;
  gint64 topic_id;
  guint n_cards;
  int rc;

  if ((topic_id = find_topic (database, path, error)) < 0)
    return -1;

  if (!(stmt = rh_database_prepare (database,
                                    "SELECT coalesce (sum (n.cards), 0) FROM topic_closure tc"
                                    " JOIN topic_counts n ON n.topic_id = tc.descendant_id"
                                    " WHERE tc.ancestor_id = ?1;",
                                    error)))
    return -1;
  sqlite3_bind_int64 (stmt, 1, topic_id);
  if ((rc = sqlite3_step (stmt)) != SQLITE_ROW)
    {
      rh_database_set_error (database, error, rc);
      return -1;
    }
  n_cards = sqlite3_column_int (stmt, 0);
  rh_statement_release (g_steal_pointer (&stmt));

  if (n_cards > 0)
    {
      /* Translators: %1$s is a topic path, %2$u a number of cards */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_EMPTY,
                   g_dngettext (GETTEXT_PACKAGE,
                                "“%1$s” still holds %2$u card: move or delete it first",
                                "“%1$s” still holds %2$u cards: move or delete them first",
                                n_cards),
                   path, n_cards);
      return -1;
    }

  return topic_id;
}

/**
 * rh_deck_store_check_delete_topic:
 *
 * Whether rh_deck_store_delete_topic() would delete @path, with the same
 * error when not; writes nothing.
 */
gboolean
rh_deck_store_check_delete_topic (RhDatabase  *database,
                                  const char  *path,
                                  GError     **error)
{
  g_return_val_if_fail (RH_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (path != NULL && *path != '\0', FALSE);

  return check_delete (database, path, error) > 0;
}

/**
 * rh_deck_store_delete_topic:
 * @path: an existing topic
 *
 * Deletes a topic and its subtopics, in one transaction, when none of them
 * holds a card; otherwise says how many cards are in the way
 * (%G_IO_ERROR_NOT_EMPTY) and changes nothing.
 *
 * Returns: whether the topic is gone
 */
gboolean
rh_deck_store_delete_topic (RhDatabase  *database,
                            const char  *path,
                            GError     **error)
{
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GString) json = NULL;
  gint64 topic_id;

  g_return_val_if_fail (RH_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (path != NULL && *path != '\0', FALSE);

  if ((topic_id = check_delete (database, path, error)) < 0)
    return FALSE;

  if (!rh_database_begin (database, error))
    return FALSE;

  if (!(ids = dup_subtree_ids (database, topic_id, error)))
    goto failed;

  json = g_string_new ("[");
  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (json, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", g_array_index (ids, gint64, i));
  g_string_append_c (json, ']');

  /* Whatever points at a topic goes before it. */
  if (!run_with_id (database,
                    "DELETE FROM topic_closure WHERE descendant_id IN (SELECT value FROM json_each (?2));",
                    0, json->str, error) ||
      !run_with_id (database,
                    "DELETE FROM topic_counts WHERE topic_id IN (SELECT value FROM json_each (?2));",
                    0, json->str, error) ||
      !run_with_id (database,
                    "DELETE FROM topics WHERE id IN (SELECT value FROM json_each (?2));",
                    0, json->str, error))
    goto failed;

  return rh_database_commit (database, RH_DATABASE_CHANGE_TOPICS, error);

failed:
  rh_database_rollback (database);
  return FALSE;
}
