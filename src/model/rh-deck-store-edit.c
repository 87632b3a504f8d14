/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rh-deck-store"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rh-database-private.h"
#include "rh-deck-store-private.h"
#include "rh-deck-store.h"

/* Writing single cards from the app: a new card, an edit, suspending; and
 * what the editor completes from (topics, tags). Each write is one
 * transaction. Reading cards is in rh-deck-store.c, decks in
 * rh-deck-store-import.c. */

/* A card written in the app is named "user-" and a random UUID: built-in
 * and imported ids are chosen by people and never look like that, and a
 * UUID is not reused, so it stays the card's own through export and
 * import on another machine. */
#define USER_UID_PREFIX "user-"

static gboolean
run_step (RhDatabase   *database,
          RhStatement  *stmt,
          GError      **error)
{
  int rc;

  if ((rc = sqlite3_step (stmt)) != SQLITE_DONE)
    return rh_database_set_error (database, error, rc);

  return TRUE;
}

/* Checks @card as an imported card is checked and gives its normalized
 * topic. */
static char *
check_card (RhCard  *card,
            GError **error)
{
  if (!rh_card_check (card, error))
    return NULL;

  /* rh_card_check() accepted the path. */
  return rh_topic_path_normalize (rh_card_get_topic (card), error);
}

/* Replaces the follow-ups of @card_id with @follow_ups, in order; each
 * must name a stored card other than @card_id itself. Call inside a
 * transaction. */
static gboolean
write_follow_ups (RhDatabase          *database,
                  gint64               card_id,
                  const char * const  *follow_ups,
                  GError             **error)
{
  g_autoptr(RhStatement) clear = NULL;

  if (!(clear = rh_database_prepare (database, "DELETE FROM follow_ups WHERE card_id = ?;", error)))
    return FALSE;
  sqlite3_bind_int64 (clear, 1, card_id);
  if (!run_step (database, clear, error))
    return FALSE;

  for (guint i = 0; follow_ups && follow_ups[i]; i++)
    {
      g_autoptr(RhStatement) insert = NULL;

      if (!(insert = rh_database_prepare (database,
                                          "INSERT INTO follow_ups (card_id, position, follow_up_id)"
                                          " SELECT ?1, ?2, id FROM cards WHERE uid = ?3 AND id <> ?1;",
                                          error)))
        return FALSE;

      sqlite3_bind_int64 (insert, 1, card_id);
      sqlite3_bind_int (insert, 2, i);
      sqlite3_bind_text (insert, 3, follow_ups[i], -1, SQLITE_STATIC);
      if (!run_step (database, insert, error))
        return FALSE;

      /* No dangling link: a card deleted meanwhile is not linked to. */
      if (rh_database_get_n_changes (database) == 0)
        {
          g_set_error (error, RH_CARD_ERROR, RH_CARD_FIELD_FOLLOW_UPS,
                       _("“%s” is not a card in this deck"), follow_ups[i]);
          return FALSE;
        }
    }

  return TRUE;
}

/**
 * rh_deck_store_create_card:
 * @card: a card written in the app, with an empty uid and no row id
 *
 * Saves a new card in one transaction: checks it as the deck reader
 * checks an imported card, gives it a uid of its own, creates its topic
 * if new and stores its follow-ups in order. The search index and the
 * topic counts follow from the database's triggers. On success @card's
 * row id, uid, topic (normalized), created and modified time are set.
 *
 * Returns: %FALSE with an %RH_CARD_ERROR naming the field (its code is
 *   the #RhCardField) when @card is not valid, or another error; the
 *   database is then unchanged
 */
gboolean
rh_deck_store_create_card (RhDatabase  *database,
                           RhCard      *card,
                           GError     **error)
{
  g_autoptr(RhStatement) stmt = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *uid = NULL;
  g_autofree char *tags = NULL;
  g_autofree char *topic = NULL;
  gint64 now, topic_id, row_id;

  g_return_val_if_fail (RH_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (RH_IS_CARD (card), FALSE);
  g_return_val_if_fail (rh_card_get_row_id (card) == 0, FALSE);

  if (!(topic = check_card (card, error)))
    return FALSE;

  uuid = g_uuid_string_random ();
  uid = g_strconcat (USER_UID_PREFIX, uuid, NULL);
  now = rh_clock_get_now_seconds (rh_database_get_clock (database));
  tags = rh_deck_store_join_tags (rh_card_get_tags (card));

  if (!rh_database_begin (database, error))
    return FALSE;

  if ((topic_id = rh_deck_store_ensure_topic (database, topic, error)) < 0 ||
      !(stmt = rh_database_prepare (database,
                                    "INSERT INTO cards (uid, topic_id, front, back, tags, kind, seconds, created, modified)"
                                    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8);",
                                    error)))
    goto failed;

  sqlite3_bind_text (stmt, 1, uid, -1, SQLITE_STATIC);
  rh_deck_store_bind_card_content (stmt, topic_id, rh_card_get_front (card), rh_card_get_back (card), tags,
                                   rh_card_get_kind (card), rh_card_get_seconds (card));
  sqlite3_bind_int64 (stmt, 8, now);
  if (!run_step (database, stmt, error))
    goto failed;
  row_id = rh_database_last_insert_id (database);
  rh_statement_release (g_steal_pointer (&stmt));

  if (!write_follow_ups (database, row_id, rh_card_get_follow_ups (card), error))
    goto failed;

  if (!rh_database_commit (database, RH_DATABASE_CHANGE_CARDS | RH_DATABASE_CHANGE_TOPICS, error))
    return FALSE;

  g_object_freeze_notify (G_OBJECT (card));
  rh_card_set_uid (card, uid);
  rh_card_set_row_id (card, row_id);
  rh_card_set_topic (card, topic);
  rh_card_set_created (card, now);
  rh_card_set_modified (card, now);
  g_object_thaw_notify (G_OBJECT (card));

  return TRUE;

failed:
  rh_database_rollback (database);
  return FALSE;
}

/**
 * rh_deck_store_update_card:
 * @card: a card read from this database, with edited topic, front, back,
 *   tags, kind, seconds or follow-ups
 *
 * Saves an edit made in the app, checked as rh_deck_store_create_card()
 * checks a new card. The topic is created if new; review state is
 * untouched. On success @card's modified time is updated too.
 */
gboolean
rh_deck_store_update_card (RhDatabase  *database,
                           RhCard      *card,
                           GError     **error)
{
  g_autoptr(RhStatement) stmt = NULL;
  g_autofree char *tags = NULL;
  g_autofree char *topic = NULL;
  gint64 now, topic_id;

  g_return_val_if_fail (RH_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (RH_IS_CARD (card), FALSE);
  g_return_val_if_fail (rh_card_get_row_id (card) > 0, FALSE);

  if (!(topic = check_card (card, error)))
    return FALSE;

  now = rh_clock_get_now_seconds (rh_database_get_clock (database));
  tags = rh_deck_store_join_tags (rh_card_get_tags (card));

  if (!rh_database_begin (database, error))
    return FALSE;

  if ((topic_id = rh_deck_store_ensure_topic (database, topic, error)) < 0 ||
      !(stmt = rh_database_prepare (database,
                                    "UPDATE cards SET topic_id = ?2, front = ?3, back = ?4, tags = ?5, kind = ?6,"
                                    " seconds = ?7, modified = ?8 WHERE id = ?1;",
                                    error)))
    goto failed;

  sqlite3_bind_int64 (stmt, 1, rh_card_get_row_id (card));
  rh_deck_store_bind_card_content (stmt, topic_id, rh_card_get_front (card), rh_card_get_back (card), tags,
                                   rh_card_get_kind (card), rh_card_get_seconds (card));
  sqlite3_bind_int64 (stmt, 8, now);

  if (!run_step (database, stmt, error))
    goto failed;

  if (rh_database_get_n_changes (database) == 0)
    {
      g_set_error (error, RH_DATABASE_ERROR, RH_DATABASE_ERROR_NOT_FOUND,
                   _("There is no card “%s”"), rh_card_get_uid (card));
      goto failed;
    }

  rh_statement_release (g_steal_pointer (&stmt));

  if (!write_follow_ups (database, rh_card_get_row_id (card), rh_card_get_follow_ups (card), error))
    goto failed;

  if (!rh_database_commit (database, RH_DATABASE_CHANGE_CARDS | RH_DATABASE_CHANGE_TOPICS, error))
    return FALSE;

  rh_card_set_topic (card, topic);
  rh_card_set_modified (card, now);

  return TRUE;

failed:
  rh_database_rollback (database);
  return FALSE;
}

/* Suspended cards are kept, with their history, but never studied. */
gboolean
rh_deck_store_set_card_suspended (RhDatabase  *database,
                                  gint64       row_id,
                                  gboolean     suspended,
                                  GError     **error)
{
  g_autoptr(RhStatement) stmt = NULL;

  g_return_val_if_fail (RH_IS_DATABASE (database), FALSE);

  if (!rh_database_begin (database, error))
    return FALSE;

  if (!(stmt = rh_database_prepare (database, "UPDATE cards SET suspended = ?2 WHERE id = ?1;", error)))
    goto failed;

  sqlite3_bind_int64 (stmt, 1, row_id);
  sqlite3_bind_int (stmt, 2, !!suspended);
  if (!run_step (database, stmt, error))
    goto failed;
  rh_statement_release (g_steal_pointer (&stmt));

  return rh_database_commit (database, RH_DATABASE_CHANGE_CARDS, error);

failed:
  rh_database_rollback (database);
  return FALSE;
}

/**
 * rh_deck_store_dup_topic_paths:
 *
 * Every topic's path, sorted, for completing a topic. The topics table has
 * one row per topic, however many cards, so this is quick enough for the
 * main thread.
 *
 * Returns: (transfer full) (nullable): the paths
 */
GStrv
rh_deck_store_dup_topic_paths (RhDatabase  *database,
                               GError     **error)
{
  g_autoptr(RhStatement) stmt = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  int rc;

  g_return_val_if_fail (RH_IS_DATABASE (database), NULL);

  if (!(stmt = rh_database_prepare (database, "SELECT path FROM topics ORDER BY path;", error)))
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *)sqlite3_column_text (stmt, 0));

  if (rc != SQLITE_DONE)
    {
      rh_database_set_error (database, error, rc);
      return NULL;
    }

  return g_strv_builder_end (builder);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  return strcmp (*(const char * const *)a, *(const char * const *)b);
}

/* Tags live in each card's row, so listing them reads every card. */
static GStrv
dup_tags (RhDatabase  *database,
          GError     **error)
{
  g_autoptr(RhStatement) stmt = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char **sorted = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint n;
  int rc;

  if (!(stmt = rh_database_prepare (database, "SELECT DISTINCT tags FROM cards WHERE tags <> '';", error)))
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_auto(GStrv) tags = g_strsplit ((const char *)sqlite3_column_text (stmt, 0), "\n", -1);

      for (guint i = 0; tags[i]; i++)
        if (!g_hash_table_contains (seen, tags[i]))
          g_hash_table_add (seen, g_strdup (tags[i]));
    }

  if (rc != SQLITE_DONE)
    {
      rh_database_set_error (database, error, rc);
      return NULL;
    }

  sorted = (char **)g_hash_table_get_keys_as_array (seen, &n);
  g_qsort_with_data (sorted, n, sizeof (char *), compare_strings, NULL);
  for (guint i = 0; i < n; i++)
    g_strv_builder_add (builder, sorted[i]);

  return g_strv_builder_end (builder);
}

static void
list_tags_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  RhDatabase *worker = task_data;
  g_autoptr(GError) error = NULL;
  GStrv tags;

  if (g_task_return_error_if_cancelled (task))
    return;

  if (!(tags = dup_tags (worker, &error)))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, tags, (GDestroyNotify)g_strfreev);
}

/**
 * rh_deck_store_list_tags_async:
 *
 * Lists every distinct tag, sorted, for completing tags. Tags are kept in
 * each card's row (no table of their own), so this reads every card: on
 * a worker thread with a sibling connection, never blocking the window
 * at 100,000 cards. A database in memory has no sibling and is read on
 * the caller's thread.
 */
void
rh_deck_store_list_tags_async (RhDatabase          *database,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  RhDatabase *worker;

  g_return_if_fail (RH_IS_DATABASE (database));

  task = g_task_new (database, cancellable, callback, user_data);
  g_task_set_source_tag (task, rh_deck_store_list_tags_async);

  if (rh_database_get_path (database) == NULL)
    {
      g_task_set_task_data (task, g_object_ref (database), g_object_unref);
      list_tags_thread (task, database, database, cancellable);
      return;
    }

  if (!(worker = rh_database_new_sibling (database, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_set_task_data (task, worker, g_object_unref);
  g_task_run_in_thread (task, list_tags_thread);
}

/**
 * rh_deck_store_list_tags_finish:
 *
 * Returns: (transfer full) (nullable): the tags, sorted
 */
GStrv
rh_deck_store_list_tags_finish (RhDatabase    *database,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (RH_IS_DATABASE (database), NULL);
  g_return_val_if_fail (g_task_is_valid (result, database), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
