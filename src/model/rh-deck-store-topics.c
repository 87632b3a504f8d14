/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rh-deck-store"

#include "config.h"

#include <glib/gi18n.h>

#include "rh-database-private.h"
#include "rh-deck-store-private.h"
#include "rh-deck-store.h"

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
