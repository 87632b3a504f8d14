/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rh-deck-store"

#include "config.h"

#include <glib/gi18n.h>

#include "rh-database-private.h"
#include "rh-deck-private.h"
#include "rh-deck-store.h"
#include "rh-search.h"

/* Set to the built-in deck's checksum once it is imported, so that an
 * unchanged deck is not merged again at every start. */
#define BUILTIN_CHECKSUM_KEY "builtin_deck_sha256"

/* Runs a "SELECT id … WHERE … = ?" query: the row id, 0 and no error when
 * there is no such row, -1 on error. */
static gint64
lookup_id (RhDatabase  *database,
           const char  *sql,
           const char  *key,
           GError     **error)
{
  g_autoptr(RhStatement) stmt = NULL;
  int rc;

  if (!(stmt = rh_database_prepare (database, sql, error)))
    return -1;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return sqlite3_column_int64 (stmt, 0);
  if (rc != SQLITE_DONE)
    {
      rh_database_set_error (database, error, rc);
      return -1;
    }

  return 0;
}

static gint64
lookup_topic_id (RhDatabase  *database,
                 const char  *path,
                 GError     **error)
{
  return lookup_id (database, "SELECT id FROM topics WHERE path = ?;", path, error);
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

      if ((id = lookup_topic_id (database, prefix->str, error)) < 0)
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

/* Due means due now. */
static gboolean
ensure_due_counts (RhDatabase  *database,
                   GError     **error)
{
  RhClock *clock = rh_database_get_clock (database);

  return rh_database_ensure_due_counts (database, rh_clock_get_now_seconds (clock), error);
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
  g_autoptr(RhStatement) stmt = NULL;
  g_autoptr(GPtrArray) topics = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 parent_id = 0;
  int rc;

  g_return_val_if_fail (RH_IS_DATABASE (database), NULL);
  g_return_val_if_fail (parent_path != NULL, NULL);

  if (*parent_path != '\0')
    {
      if ((parent_id = lookup_topic_id (database, parent_path, error)) < 0)
        return NULL;
      if (parent_id == 0)
        return g_steal_pointer (&topics);
    }

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

static char **
split_tags (const char *tags)
{
  if (tags == NULL || *tags == '\0')
    return NULL;

  return g_strsplit (tags, "\n", -1);
}

static char *
join_tags (const char * const *tags)
{
  return tags ? g_strjoinv ("\n", (char **)tags) : g_strdup ("");
}

static GStrv
dup_follow_ups (RhDatabase  *database,
                gint64       row_id,
                GError     **error)
{
  g_autoptr(RhStatement) stmt = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  int rc;

  if (!(stmt = rh_database_prepare (database,
                                    "SELECT f.uid FROM follow_ups fu JOIN cards f ON f.id = fu.follow_up_id"
                                    " WHERE fu.card_id = ? ORDER BY fu.position;",
                                    error)))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, row_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *)sqlite3_column_text (stmt, 0));

  if (rc != SQLITE_DONE)
    {
      rh_database_set_error (database, error, rc);
      return NULL;
    }

  return g_strv_builder_end (builder);
}

#define CARD_COLUMNS \
  "c.id, c.uid, t.path, c.front, c.back, c.tags, c.kind, c.seconds, c.created, c.modified, c.suspended"

static RhCard *
card_from_row (RhDatabase    *database,
               sqlite3_stmt  *stmt,
               GError       **error)
{
  g_autoptr(RhCard) card = rh_card_new ((const char *)sqlite3_column_text (stmt, 1));
  g_auto(GStrv) tags = split_tags ((const char *)sqlite3_column_text (stmt, 5));
  g_auto(GStrv) follow_ups = NULL;
  RhCardKind kind = RH_CARD_KIND_CONCEPT;

  rh_card_set_row_id (card, sqlite3_column_int64 (stmt, 0));
  rh_card_set_topic (card, (const char *)sqlite3_column_text (stmt, 2));
  rh_card_set_front (card, (const char *)sqlite3_column_text (stmt, 3));
  rh_card_set_back (card, (const char *)sqlite3_column_text (stmt, 4));
  rh_card_set_tags (card, (const char * const *)tags);
  rh_card_kind_from_string ((const char *)sqlite3_column_text (stmt, 6), &kind);
  rh_card_set_kind (card, kind);
  rh_card_set_seconds (card, MAX (0, sqlite3_column_int (stmt, 7)));
  rh_card_set_created (card, sqlite3_column_int64 (stmt, 8));
  rh_card_set_modified (card, sqlite3_column_int64 (stmt, 9));
  rh_card_set_suspended (card, sqlite3_column_int (stmt, 10));

  if (!(follow_ups = dup_follow_ups (database, rh_card_get_row_id (card), error)))
    return NULL;
  rh_card_set_follow_ups (card, (const char * const *)follow_ups);

  return g_steal_pointer (&card);
}

static RhCard *
dup_card_where (RhDatabase   *database,
                const char   *sql,
                gint64        row_id,
                const char   *uid,
                GError      **error)
{
  g_autoptr(RhStatement) stmt = NULL;
  int rc;

  if (!(stmt = rh_database_prepare (database, sql, error)))
    return NULL;

  if (uid != NULL)
    sqlite3_bind_text (stmt, 1, uid, -1, SQLITE_STATIC);
  else
    sqlite3_bind_int64 (stmt, 1, row_id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return card_from_row (database, stmt, error);

  if (rc == SQLITE_DONE)
    g_set_error (error, RH_DATABASE_ERROR, RH_DATABASE_ERROR_NOT_FOUND,
                 _("There is no card “%s”"), uid ? uid : "");
  else
    rh_database_set_error (database, error, rc);

  return NULL;
}

/**
 * rh_deck_store_dup_card:
 *
 * Returns: (transfer full) (nullable): a new object for the card's row
 */
RhCard *
rh_deck_store_dup_card (RhDatabase  *database,
                        gint64       row_id,
                        GError     **error)
{
  g_return_val_if_fail (RH_IS_DATABASE (database), NULL);

  return dup_card_where (database,
                         "SELECT " CARD_COLUMNS " FROM cards c JOIN topics t ON t.id = c.topic_id"
                         " WHERE c.id = ?;",
                         row_id, NULL, error);
}

/**
 * rh_deck_store_dup_card_by_uid:
 *
 * Returns: (transfer full) (nullable): the card with the stable id @uid
 */
RhCard *
rh_deck_store_dup_card_by_uid (RhDatabase  *database,
                               const char  *uid,
                               GError     **error)
{
  g_return_val_if_fail (RH_IS_DATABASE (database), NULL);
  g_return_val_if_fail (uid != NULL, NULL);

  return dup_card_where (database,
                         "SELECT " CARD_COLUMNS " FROM cards c JOIN topics t ON t.id = c.topic_id"
                         " WHERE c.uid = ?;",
                         0, uid, error);
}

/**
 * rh_deck_store_query_card_ids:
 * @topic_path: (nullable): a topic whose subtree to list, "" or %NULL for all
 * @search: (nullable): what the user typed, read as rh-search.h describes:
 *   every phrase must appear in the plain text of the front or back, or in
 *   the tags, ignoring case
 *
 * Phrases of three or more characters use the trigram full-text index;
 * shorter ones (a two-character Chinese word is common) fall back to a
 * substring match over the same plain text, both sides case-folded with
 * rh_casefold() (LIKE would fold ASCII only).
 *
 * Returns: (transfer full) (element-type gint64) (nullable): row ids in
 *   the order the cards were added
 */
GArray *
rh_deck_store_query_card_ids (RhDatabase  *database,
                              const char  *topic_path,
                              const char  *search,
                              GError     **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT c.id FROM cards c");
  g_autoptr(GString) match = g_string_new (NULL);
  g_autoptr(GPtrArray) folded = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_auto(GStrv) phrases = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean by_topic = topic_path != NULL && *topic_path != '\0';
  int rc, param = 1;

  g_return_val_if_fail (RH_IS_DATABASE (database), NULL);

  if (by_topic)
    g_string_append (sql, " JOIN topic_closure tc ON tc.descendant_id = c.topic_id"
                          " AND tc.ancestor_id = (SELECT id FROM topics WHERE path = ?)");
  g_string_append (sql, " WHERE 1");

  phrases = rh_search_split_phrases (search);
  for (guint i = 0; phrases[i]; i++)
    {
      if (g_utf8_strlen (phrases[i], -1) >= 3)
        {
          /* An FTS5 string: every character inside is literal. */
          g_autoptr(GString) quoted = g_string_new (phrases[i]);

          g_string_replace (quoted, "\"", "\"\"", 0);
          g_string_append_printf (match, "%s\"%s\"", match->len ? " " : "", quoted->str);
        }
      else
        {
          g_ptr_array_add (folded, g_utf8_casefold (phrases[i], -1));
          g_string_append (sql, " AND c.id IN (SELECT rowid FROM cards_fts WHERE instr (rh_casefold (front), ?) > 0"
                                " OR instr (rh_casefold (back), ?) > 0 OR instr (rh_casefold (tags), ?) > 0)");
        }
    }

  if (match->len > 0)
    g_string_append (sql, " AND c.id IN (SELECT rowid FROM cards_fts WHERE cards_fts MATCH ?)");
  g_string_append (sql, " ORDER BY c.id;");

  /* The text varies with the search, so this one is not cached. */
  if (!(stmt = rh_database_prepare_uncached (database, sql->str, error)))
    return NULL;

  if (by_topic)
    sqlite3_bind_text (stmt, param++, topic_path, -1, SQLITE_STATIC);
  for (guint i = 0; i < folded->len; i++)
    for (guint j = 0; j < 3; j++)
      sqlite3_bind_text (stmt, param++, g_ptr_array_index (folded, i), -1, SQLITE_STATIC);
  if (match->len > 0)
    sqlite3_bind_text (stmt, param++, match->str, -1, SQLITE_STATIC);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }

  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      rh_database_set_error (database, error, rc);
      return NULL;
    }

  return g_steal_pointer (&ids);
}

guint
rh_deck_store_count_cards (RhDatabase *database)
{
  g_autoptr(RhStatement) stmt = NULL;

  g_return_val_if_fail (RH_IS_DATABASE (database), 0);

  if (!(stmt = rh_database_prepare (database, "SELECT count(*) FROM cards;", NULL)) ||
      sqlite3_step (stmt) != SQLITE_ROW)
    return 0;

  return sqlite3_column_int (stmt, 0);
}

/* Binds a card's content as ?2 topic id, ?3 front, ?4 back, ?5 tags, ?6 kind
 * and ?7 seconds (NULL when unset), the order every card statement uses. */
static void
bind_card_content (RhStatement *stmt,
                   gint64       topic_id,
                   const char  *front,
                   const char  *back,
                   const char  *tags,
                   RhCardKind   kind,
                   guint        seconds)
{
  sqlite3_bind_int64 (stmt, 2, topic_id);
  sqlite3_bind_text (stmt, 3, front, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, back, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, tags, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, rh_card_kind_to_string (kind), -1, SQLITE_STATIC);
  if (seconds > 0)
    sqlite3_bind_int (stmt, 7, seconds);
}

static gboolean
text_is_blank (const char *text)
{
  for (; text && *text; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;

  return TRUE;
}

/**
 * rh_deck_store_update_card:
 * @card: a card read from this database, with edited topic, front, back,
 *   tags, kind or seconds
 *
 * Saves an edit made in the app. The topic is created if new; review state
 * is untouched. On success @card's modified time is updated too.
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
  int rc;

  g_return_val_if_fail (RH_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (RH_IS_CARD (card), FALSE);
  g_return_val_if_fail (rh_card_get_row_id (card) > 0, FALSE);

  if (!(topic = rh_topic_path_normalize (rh_card_get_topic (card) ? rh_card_get_topic (card) : "", error)))
    return FALSE;

  if (text_is_blank (rh_card_get_front (card)) || text_is_blank (rh_card_get_back (card)))
    {
      g_set_error (error, RH_DATABASE_ERROR, RH_DATABASE_ERROR_FAILED,
                   _("A card needs both a question and an answer"));
      return FALSE;
    }

  now = rh_clock_get_now_seconds (rh_database_get_clock (database));
  tags = join_tags (rh_card_get_tags (card));

  if (!rh_database_begin (database, error))
    return FALSE;

  if ((topic_id = rh_deck_store_ensure_topic (database, topic, error)) < 0 ||
      !(stmt = rh_database_prepare (database,
                                    "UPDATE cards SET topic_id = ?2, front = ?3, back = ?4, tags = ?5, kind = ?6,"
                                    " seconds = ?7, modified = ?8 WHERE id = ?1;",
                                    error)))
    goto failed;

  sqlite3_bind_int64 (stmt, 1, rh_card_get_row_id (card));
  bind_card_content (stmt, topic_id, rh_card_get_front (card), rh_card_get_back (card), tags,
                     rh_card_get_kind (card), rh_card_get_seconds (card));
  sqlite3_bind_int64 (stmt, 8, now);

  if ((rc = sqlite3_step (stmt)) != SQLITE_DONE)
    {
      rh_database_set_error (database, error, rc);
      goto failed;
    }

  if (rh_database_get_n_changes (database) == 0)
    {
      g_set_error (error, RH_DATABASE_ERROR, RH_DATABASE_ERROR_NOT_FOUND,
                   _("There is no card “%s”"), rh_card_get_uid (card));
      goto failed;
    }

  rh_statement_release (g_steal_pointer (&stmt));

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
  int rc;

  g_return_val_if_fail (RH_IS_DATABASE (database), FALSE);

  if (!rh_database_begin (database, error))
    return FALSE;

  if (!(stmt = rh_database_prepare (database, "UPDATE cards SET suspended = ?2 WHERE id = ?1;", error)))
    goto failed;

  sqlite3_bind_int64 (stmt, 1, row_id);
  sqlite3_bind_int (stmt, 2, !!suspended);
  if ((rc = sqlite3_step (stmt)) != SQLITE_DONE)
    {
      rh_database_set_error (database, error, rc);
      goto failed;
    }
  rh_statement_release (g_steal_pointer (&stmt));

  return rh_database_commit (database, RH_DATABASE_CHANGE_CARDS, error);

failed:
  rh_database_rollback (database);
  return FALSE;
}

static gint64
lookup_card_id (RhDatabase  *database,
                const char  *uid,
                GError     **error)
{
  return lookup_id (database, "SELECT id FROM cards WHERE uid = ?;", uid, error);
}

/* Follow-ups may point into the deck itself, at cards already stored in
 * @database, or at cards of @also. */
static gboolean
check_follow_ups (RhDatabase  *database,
                  RhDeck      *deck,
                  RhDeck      *also,
                  GError     **error)
{
  for (guint i = 0; i < rh_deck_get_n_cards (deck); i++)
    {
      g_auto(GStrv) follow_ups = rh_deck_dup_card_follow_ups (deck, i);

      for (guint j = 0; follow_ups && follow_ups[j]; j++)
        {
          const char *follow_up = follow_ups[j];
          gint64 id = 0;

          if (rh_deck_contains_card (deck, follow_up) ||
              (also != NULL && rh_deck_contains_card (also, follow_up)))
            continue;

          if (database != NULL && (id = lookup_card_id (database, follow_up, error)) < 0)
            return FALSE;

          if (id == 0)
            {
              g_autofree char *problem =
                g_strdup_printf (_("names “%s”, which is neither in this deck nor in the database"),
                                 follow_up);
              rh_deck_set_card_error (deck, error, RH_DECK_ERROR_UNKNOWN_FOLLOW_UP, i, "follow_ups", problem);
              return FALSE;
            }
        }
    }

  return TRUE;
}

/**
 * rh_deck_store_check_new_deck:
 * @builtin: (nullable): the deck a new database starts with
 *
 * Checks what rh_deck_store_import_deck() would check, for a database that
 * does not exist yet and would start with @builtin, so that a deck that
 * would be refused never makes one.
 */
gboolean
rh_deck_store_check_new_deck (RhDeck  *deck,
                              RhDeck  *builtin,
                              GError **error)
{
  g_return_val_if_fail (RH_IS_DECK (deck), FALSE);
  g_return_val_if_fail (builtin == NULL || RH_IS_DECK (builtin), FALSE);

  return check_follow_ups (NULL, deck, builtin, error);
}

typedef enum { CARD_ADDED, CARD_UPDATED, CARD_UNCHANGED } CardOutcome;

/* What one import keeps between cards. */
typedef struct
{
  RhDatabase *database;
  gint64      now;
  GHashTable *topic_ids;   /* normalized path → row id */
  GHashTable *card_ids;    /* uid → row id of the cards stored before */
  GString    *links;
} ImportRun;

static gint64
import_topic_id (ImportRun   *run,
                 const char  *path,
                 GError     **error)
{
  gpointer found;
  gint64 id;

  if (g_hash_table_lookup_extended (run->topic_ids, path, NULL, &found))
    return *(gint64 *)found;

  if ((id = rh_deck_store_ensure_topic (run->database, path, error)) < 0)
    return -1;

  g_hash_table_insert (run->topic_ids, g_strdup (path), g_memdup2 (&id, sizeof id));

  return id;
}

/* Every card already stored, in one query, so that a card new to the
 * database costs one statement. */
static gboolean
read_card_ids (ImportRun  *run,
               GError    **error)
{
  g_autoptr(RhStatement) stmt = NULL;
  int rc;

  if (!(stmt = rh_database_prepare (run->database, "SELECT uid, id FROM cards;", error)))
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 1);

      g_hash_table_insert (run->card_ids, g_strdup ((const char *)sqlite3_column_text (stmt, 0)),
                           g_memdup2 (&id, sizeof id));
    }

  return rc == SQLITE_DONE || rh_database_set_error (run->database, error, rc);
}

static gboolean
run_sql (RhDatabase  *database,
         const char  *sql,
         gint64       arg,
         GError     **error)
{
  g_autoptr(RhStatement) stmt = NULL;

  if (!(stmt = rh_database_prepare (database, sql, error)))
    return FALSE;

  if (sqlite3_bind_parameter_count (stmt) > 0)
    sqlite3_bind_int64 (stmt, 1, arg);

  return rh_database_step_done (database, stmt, error);
}

/* A card's links as "0 uid\n1 uid", the form the find query below
 * compares them in. */
static void
format_links (GString            *links,
              const char * const *follow_ups)
{
  g_string_truncate (links, 0);
  for (guint i = 0; follow_ups && follow_ups[i]; i++)
    g_string_append_printf (links, "%s%u %s", i > 0 ? "\n" : "", i, follow_ups[i]);
}

/* Writes the card's content, and says whether its follow-up links must be
 * written too (@links_changed) once every card is in. The search index is
 * left to the caller (the triggers are suspended), which fills it for every
 * id above the old maximum and for those in temp.import_changed. */
static gboolean
write_card (ImportRun               *run,
            const RhDeckCardFields  *card,
            gint64                  *card_id,
            CardOutcome             *outcome,
            gboolean                *links_changed,
            GError                 **error)
{
  RhDatabase *database = run->database;
  g_autoptr(RhStatement) write = NULL;
  g_autofree char *tags = join_tags ((const char * const *)card->tags);
  gint64 *stored = g_hash_table_lookup (run->card_ids, card->uid);
  gint64 topic_id;
  int rc;

  if ((topic_id = import_topic_id (run, card->topic, error)) < 0)
    return FALSE;

  *card_id = stored ? *stored : 0;
  *links_changed = FALSE;

  if (stored != NULL)
    {
      g_autoptr(RhStatement) find = NULL;

      /* Positions are in the text so that links compare equal only in
       * their order, however group_concat() walks them. */
      if (!(find = rh_database_prepare (database,
                                        "SELECT topic_id = ?2 AND front = ?3 AND back = ?4 AND tags = ?5"
                                        "  AND kind = ?6 AND seconds IS ?7,"
                                        "  front = ?3 AND back = ?4 AND tags = ?5,"
                                        "  coalesce ((SELECT group_concat (fu.position || ' ' || f.uid, char (10))"
                                        "             FROM follow_ups fu JOIN cards f ON f.id = fu.follow_up_id"
                                        "             WHERE fu.card_id = c.id), '') = ?8"
                                        " FROM cards c WHERE id = ?1;",
                                        error)))
        return FALSE;

      format_links (run->links, (const char * const *)card->follow_ups);
      sqlite3_bind_int64 (find, 1, *card_id);
      bind_card_content (find, topic_id, card->front, card->back, tags, card->kind, card->seconds);
      sqlite3_bind_text (find, 8, run->links->str, -1, SQLITE_STATIC);

      if ((rc = sqlite3_step (find)) != SQLITE_ROW)
        return rh_database_set_error (database, error, rc == SQLITE_DONE ? SQLITE_CORRUPT : rc);

      *links_changed = !sqlite3_column_int (find, 2);
      if (sqlite3_column_int (find, 0))
        {
          *outcome = *links_changed ? CARD_UPDATED : CARD_UNCHANGED;
          return TRUE;
        }

      /* Its index rows are rewritten after the loop. */
      if (!sqlite3_column_int (find, 1) &&
          !run_sql (database, "INSERT INTO temp.import_changed (id) VALUES (?);", *card_id, error))
        return FALSE;

      /* Only the content: review state lives in other tables and is kept. */
      write = rh_database_prepare (database,
                                   "UPDATE cards SET topic_id = ?2, front = ?3, back = ?4, tags = ?5, kind = ?6,"
                                   " seconds = ?7, modified = ?8 WHERE uid = ?1;",
                                   error);
    }
  else
    {
      *links_changed = card->follow_ups != NULL && card->follow_ups[0] != NULL;
      write = rh_database_prepare (database,
                                   "INSERT INTO cards (uid, topic_id, front, back, tags, kind, seconds, created, modified)"
                                   " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8);",
                                   error);
    }

  if (write == NULL)
    return FALSE;

  sqlite3_bind_text (write, 1, card->uid, -1, SQLITE_STATIC);
  bind_card_content (write, topic_id, card->front, card->back, tags, card->kind, card->seconds);
  sqlite3_bind_int64 (write, 8, run->now);

  if ((rc = sqlite3_step (write)) != SQLITE_DONE)
    return rh_database_set_error (database, error, rc);

  *outcome = stored != NULL ? CARD_UPDATED : CARD_ADDED;
  if (stored == NULL)
    *card_id = rh_database_last_insert_id (database);

  return TRUE;
}

/* Replaces the links of a card that write_card() found changed. */
static gboolean
write_follow_ups (ImportRun               *run,
                  const RhDeckCardFields  *card,
                  gint64                   card_id,
                  CardOutcome              outcome,
                  GError                 **error)
{
  RhDatabase *database = run->database;
  int rc;

  if (outcome != CARD_ADDED)
    {
      g_autoptr(RhStatement) touch = NULL;

      if (!run_sql (database, "DELETE FROM follow_ups WHERE card_id = ?;", card_id, error))
        return FALSE;

      if (!(touch = rh_database_prepare (database, "UPDATE cards SET modified = ? WHERE id = ?;", error)))
        return FALSE;
      sqlite3_bind_int64 (touch, 1, run->now);
      sqlite3_bind_int64 (touch, 2, card_id);
      if ((rc = sqlite3_step (touch)) != SQLITE_DONE)
        return rh_database_set_error (database, error, rc);
    }

  for (guint i = 0; card->follow_ups && card->follow_ups[i]; i++)
    {
      g_autoptr(RhStatement) insert = NULL;

      if (!(insert = rh_database_prepare (database,
                                          "INSERT INTO follow_ups (card_id, position, follow_up_id)"
                                          " SELECT ?1, ?2, id FROM cards WHERE uid = ?3;",
                                          error)))
        return FALSE;

      sqlite3_bind_int64 (insert, 1, card_id);
      sqlite3_bind_int (insert, 2, i);
      sqlite3_bind_text (insert, 3, card->follow_ups[i], -1, SQLITE_STATIC);
      if ((rc = sqlite3_step (insert)) != SQLITE_DONE)
        return rh_database_set_error (database, error, rc);
    }

  return TRUE;
}

/* Cards added from here on have greater ids: rows get max(id) + 1. */
static gint64
query_max_card_id (RhDatabase  *database,
                   GError     **error)
{
  g_autoptr(RhStatement) stmt = NULL;
  int rc;

  if (!(stmt = rh_database_prepare (database, "SELECT coalesce(max(id), 0) FROM cards;", error)))
    return -1;

  if ((rc = sqlite3_step (stmt)) != SQLITE_ROW)
    {
      rh_database_set_error (database, error, rc);
      return -1;
    }

  return sqlite3_column_int64 (stmt, 0);
}

/* Cancelling is checked, and progress reported, this often. */
#define PROGRESS_EVERY 1000

static gboolean
report_progress (guint                 done,
                 guint                 total,
                 GCancellable         *cancellable,
                 RhImportProgressFunc  progress,
                 gpointer              user_data,
                 GError              **error)
{
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  if (progress != NULL)
    progress (done, total, user_data);

  return TRUE;
}

static gboolean
import_deck (RhDatabase            *database,
             RhDeck                *deck,
             const char            *checksum,
             GCancellable          *cancellable,
             RhImportProgressFunc   progress,
             gpointer               user_data,
             RhImportResult        *result,
             GError               **error)
{
  g_auto(RhDeckCardFields) card = { 0 };
  g_autofree CardOutcome *outcomes = NULL;
  g_autofree gint64 *card_ids = NULL;
  g_autofree gboolean *links_changed = NULL;
  g_autoptr(GHashTable) topic_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) stored_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GString) links = g_string_new (NULL);
  RhImportResult counts = { 0, 0, 0 };
  ImportRun run = {
    database, rh_clock_get_now_seconds (rh_database_get_clock (database)), topic_ids, stored_ids, links,
  };
  guint n_cards = rh_deck_get_n_cards (deck);
  gint64 max_id_before = 0;

  if (!check_follow_ups (database, deck, NULL, error))
    return FALSE;

  if (!report_progress (0, n_cards, cancellable, progress, user_data, error))
    return FALSE;

  if (!rh_database_begin (database, error))
    return FALSE;

  outcomes = g_new0 (CardOutcome, MAX (n_cards, 1));
  card_ids = g_new0 (gint64, MAX (n_cards, 1));
  links_changed = g_new0 (gboolean, MAX (n_cards, 1));

  if (!rh_database_suspend_card_triggers (database, error) ||
      !run_sql (database, "CREATE TEMP TABLE IF NOT EXISTS import_changed (id INTEGER PRIMARY KEY);", 0, error) ||
      !run_sql (database, "DELETE FROM temp.import_changed;", 0, error) ||
      (max_id_before = query_max_card_id (database, error)) < 0 ||
      !read_card_ids (&run, error))
    goto failed;

  /* Cards first, so that links can point at cards later in the file. */
  for (guint i = 0; i < n_cards; i++)
    {
      if (i % PROGRESS_EVERY == 0 && i > 0 &&
          !report_progress (i, n_cards, cancellable, progress, user_data, error))
        goto failed;

      rh_deck_read_card_fields (deck, i, &card);
      if (!write_card (&run, &card, &card_ids[i], &outcomes[i], &links_changed[i], error))
        goto failed;
    }

  for (guint i = 0; i < n_cards; i++)
    {
      if (!links_changed[i])
        continue;

      rh_deck_read_card_fields (deck, i, &card);
      if (!write_follow_ups (&run, &card, card_ids[i], outcomes[i], error))
        goto failed;
    }

  /* All cards are written: what is left is the search index. */
  if (!report_progress (n_cards, n_cards, cancellable, progress, user_data, error))
    goto failed;

  /* What the suspended triggers would have done, in one statement each. */
  if (!run_sql (database, "INSERT INTO review_state (card_id, topic_id) SELECT id, topic_id FROM cards WHERE id > ?;",
                max_id_before, error) ||
      !run_sql (database, "DELETE FROM cards_fts WHERE rowid IN (SELECT id FROM temp.import_changed);",
                0, error) ||
      !run_sql (database,
                "INSERT INTO cards_fts (rowid, front, back, tags)"
                " SELECT id, rh_plain_text (front), rh_plain_text (back), tags FROM cards"
                " WHERE id > ?1 OR id IN (SELECT id FROM temp.import_changed);",
                max_id_before, error) ||
      !run_sql (database, "DELETE FROM temp.import_changed;", 0, error) ||
      !rh_database_resume_card_triggers (database, error))
    goto failed;

  for (guint i = 0; i < n_cards; i++)
    {
      if (outcomes[i] == CARD_ADDED)
        counts.added++;
      else if (outcomes[i] == CARD_UPDATED)
        counts.updated++;
      else
        counts.unchanged++;
    }

  if (checksum != NULL && !rh_database_set_meta (database, BUILTIN_CHECKSUM_KEY, checksum, error))
    goto failed;

  /* The last moment a Cancel can still leave the database unchanged. */
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto failed;

  if (!rh_database_commit (database,
                           counts.added + counts.updated > 0
                             ? RH_DATABASE_CHANGE_TOPICS | RH_DATABASE_CHANGE_CARDS
                             : 0,
                           error))
    return FALSE;

  if (progress != NULL)
    progress (n_cards, n_cards, user_data);

  if (result)
    *result = counts;

  return TRUE;

failed:
  rh_database_rollback (database);
  return FALSE;
}

/**
 * rh_deck_store_import_deck:
 * @result: (out) (optional): how many cards were added, updated, unchanged
 *
 * Merges @deck by card id, in one transaction: the deck is imported
 * completely or not at all. Changed text is updated; review state and
 * history are never touched, and cards missing from the deck are kept.
 */
gboolean
rh_deck_store_import_deck (RhDatabase      *database,
                           RhDeck          *deck,
                           RhImportResult  *result,
                           GError         **error)
{
  return rh_deck_store_import_deck_full (database, deck, NULL, NULL, NULL, result, error);
}

/**
 * rh_deck_store_import_deck_full:
 * @cancellable: (nullable): cancels the import; nothing of it is kept
 * @progress: (nullable) (scope call): called with the cards done of the
 *   total, in the calling thread, every few hundred cards and at the end
 * @result: (out) (optional): how many cards were added, updated, unchanged
 *
 * rh_deck_store_import_deck() that can be cancelled and reports progress,
 * for running on a worker thread with a connection of its own.
 */
gboolean
rh_deck_store_import_deck_full (RhDatabase            *database,
                                RhDeck                *deck,
                                GCancellable          *cancellable,
                                RhImportProgressFunc   progress,
                                gpointer               user_data,
                                RhImportResult        *result,
                                GError               **error)
{
  g_return_val_if_fail (RH_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (RH_IS_DECK (deck), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);

  return import_deck (database, deck, NULL, cancellable, progress, user_data, result, error);
}

/* One import from a file on a worker thread. */
typedef struct
{
  GFile                *file;
  RhDatabase           *worker;     /* a sibling of the task's database */
  RhImportProgressFunc  progress;
  gpointer              progress_data;
  GMainContext         *context;    /* where progress is reported */
  RhImportResult        result;
} ImportTask;

static void
import_task_free (gpointer data)
{
  ImportTask *import = data;

  g_clear_object (&import->file);
  g_clear_object (&import->worker);
  g_clear_pointer (&import->context, g_main_context_unref);
  g_free (import);
}

typedef struct
{
  GTask *task;
  guint  done;
  guint  total;
} ImportProgress;

static void
import_progress_free (gpointer data)
{
  ImportProgress *report = data;

  g_object_unref (report->task);
  g_free (report);
}

static gboolean
report_progress_cb (gpointer data)
{
  ImportProgress *report = data;
  ImportTask *import = g_task_get_task_data (report->task);

  if (!g_task_get_completed (report->task))
    import->progress (report->done, report->total, import->progress_data);

  return G_SOURCE_REMOVE;
}

/* Called on the worker: hands the numbers to the caller's thread. */
static void
worker_progress_cb (guint    done,
                    guint    total,
                    gpointer user_data)
{
  GTask *task = user_data;
  ImportTask *import = g_task_get_task_data (task);
  ImportProgress *report;

  if (import->progress == NULL)
    return;

  report = g_new0 (ImportProgress, 1);
  report->task = g_object_ref (task);
  report->done = done;
  report->total = total;
  g_main_context_invoke_full (import->context, G_PRIORITY_DEFAULT, report_progress_cb, report,
                              import_progress_free);
}

static void
import_file_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  ImportTask *import = task_data;
  g_autoptr(RhDeck) deck = NULL;
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;

  if (!(deck = rh_deck_new_from_file (import->file, &error)) ||
      !rh_deck_store_import_deck_full (import->worker, deck, cancellable, worker_progress_cb, task,
                                       &import->result, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

/**
 * rh_deck_store_import_file_async:
 * @file: a deck file
 * @cancellable: (nullable): cancels the import; nothing of it is kept
 * @progress: (nullable): called with the cards done of the total, in the
 *   thread-default main context of this call
 *
 * Reads and imports @file on a worker thread with a connection of its own
 * to @database's file, so that the caller's thread keeps reading
 * @database meanwhile; @database emits ::changed when the import is in.
 * A database in memory has no file to share, so it imports in this thread
 * (still reporting progress and finishing through @callback).
 */
void
rh_deck_store_import_file_async (RhDatabase           *database,
                                 GFile                *file,
                                 GCancellable         *cancellable,
                                 RhImportProgressFunc  progress,
                                 gpointer              progress_data,
                                 GAsyncReadyCallback   callback,
                                 gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  ImportTask *import;

  g_return_if_fail (RH_IS_DATABASE (database));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (database, cancellable, callback, user_data);
  g_task_set_source_tag (task, rh_deck_store_import_file_async);
  import = g_new0 (ImportTask, 1);
  import->file = g_object_ref (file);
  import->progress = progress;
  import->progress_data = progress_data;
  import->context = g_main_context_ref_thread_default ();
  g_task_set_task_data (task, import, import_task_free);

  if (rh_database_get_path (database) == NULL)
    {
      import->worker = g_object_ref (database);
      import_file_thread (task, database, import, cancellable);
      return;
    }

  if (!(import->worker = rh_database_new_sibling (database, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_run_in_thread (task, import_file_thread);
}

/**
 * rh_deck_store_import_file_finish:
 * @result: (out) (optional): how many cards were added, updated, unchanged
 *
 * Returns: whether the deck was imported
 */
gboolean
rh_deck_store_import_file_finish (RhDatabase      *database,
                                  GAsyncResult    *res,
                                  RhImportResult  *result,
                                  GError         **error)
{
  ImportTask *import;

  g_return_val_if_fail (RH_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (g_task_is_valid (res, database), FALSE);

  import = g_task_get_task_data (G_TASK (res));

  /* Damage the worker ran into is the file's: this connection stops too. */
  if (import->worker != NULL && import->worker != database && rh_database_get_damaged (import->worker))
    rh_database_mark_damaged (database, rh_database_get_damage (import->worker));

  if (!g_task_propagate_boolean (G_TASK (res), error))
    return FALSE;

  /* The worker's connection announced it to nobody. */
  if (import->worker != database && import->result.added + import->result.updated > 0)
    rh_database_emit_changed (database, RH_DATABASE_CHANGE_TOPICS | RH_DATABASE_CHANGE_CARDS);

  if (result)
    *result = import->result;

  return TRUE;
}

/**
 * rh_deck_store_import_builtin:
 * @deck_json: the built-in deck shipped with the app
 *
 * Imports the built-in deck on first run, and merges it again only when an
 * update ships a different one, so that the work is not repeated at every
 * start.
 */
gboolean
rh_deck_store_import_builtin (RhDatabase      *database,
                              GBytes          *deck_json,
                              RhImportResult  *result,
                              GError         **error)
{
  g_autofree char *checksum = NULL;
  g_autofree char *stored = NULL;
  g_autoptr(RhDeck) deck = NULL;
  gsize length;
  const char *data;

  g_return_val_if_fail (RH_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (deck_json != NULL, FALSE);

  if (result)
    *result = (RhImportResult) { 0, 0, 0 };

  checksum = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, deck_json);
  stored = rh_database_dup_meta (database, BUILTIN_CHECKSUM_KEY);
  if (g_strcmp0 (checksum, stored) == 0)
    return TRUE;

  data = g_bytes_get_data (deck_json, &length);
  if (!(deck = rh_deck_new_from_data (data, length, _("built-in deck"), error)))
    return FALSE;

  return import_deck (database, deck, checksum, NULL, NULL, NULL, result, error);
}

/**
 * rh_deck_store_export_deck:
 * @topic_path: (nullable): the subtree to export, "" or %NULL for all
 *
 * Follow-up links to cards outside the exported subtree are left out, so
 * that the file imports on its own.
 *
 * Returns: (transfer full) (nullable): the deck
 */
RhDeck *
rh_deck_store_export_deck (RhDatabase  *database,
                           const char  *topic_path,
                           GError     **error)
{
  g_autoptr(RhDeck) deck = rh_deck_new ();
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) cards = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) exported = g_hash_table_new (g_str_hash, g_str_equal);

  g_return_val_if_fail (RH_IS_DATABASE (database), NULL);

  if (topic_path != NULL && *topic_path != '\0')
    {
      gint64 id = lookup_topic_id (database, topic_path, error);

      if (id < 0)
        return NULL;
      if (id == 0)
        {
          g_set_error (error, RH_DATABASE_ERROR, RH_DATABASE_ERROR_NOT_FOUND,
                       _("There is no topic “%s”"), topic_path);
          return NULL;
        }
    }

  if (!(ids = rh_deck_store_query_card_ids (database, topic_path, NULL, error)))
    return NULL;

  for (guint i = 0; i < ids->len; i++)
    {
      RhCard *card = rh_deck_store_dup_card (database, g_array_index (ids, gint64, i), error);

      if (card == NULL)
        return NULL;

      g_ptr_array_add (cards, card);
      g_hash_table_add (exported, (gpointer)rh_card_get_uid (card));
    }

  for (guint i = 0; i < cards->len; i++)
    {
      RhCard *card = g_ptr_array_index (cards, i);
      const char * const *follow_ups = rh_card_get_follow_ups (card);
      g_autoptr(GStrvBuilder) kept = g_strv_builder_new ();
      g_auto(GStrv) strv = NULL;

      for (guint j = 0; follow_ups && follow_ups[j]; j++)
        if (g_hash_table_contains (exported, follow_ups[j]))
          g_strv_builder_add (kept, follow_ups[j]);

      strv = g_strv_builder_end (kept);
      rh_card_set_follow_ups (card, (const char * const *)strv);
      rh_deck_add_card (deck, card);
    }

  rh_deck_set_name (deck, topic_path && *topic_path ? topic_path : "Rehearse");

  return g_steal_pointer (&deck);
}
