/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rh-deck-store"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rh-database-private.h"
#include "rh-deck-store-private.h"
#include "rh-deck-store.h"
#include "rh-search.h"
#include "rh-search-private.h"

/* Runs a "SELECT id … WHERE … = ?" query: the row id, 0 and no error when
 * there is no such row, -1 on error. */
gint64
rh_deck_store_lookup_id (RhDatabase  *database,
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
      if ((parent_id = lookup_topic_id (database, parent_path, error)) < 0)
        return NULL;
      if (parent_id == 0)
        return g_ptr_array_new_with_free_func (g_object_unref);
    }

  return rh_deck_store_list_topics_under (database, parent_id, error);
}

static char **
split_tags (const char *tags)
{
  if (tags == NULL || *tags == '\0')
    return NULL;

  return g_strsplit (tags, "\n", -1);
}

char *
rh_deck_store_join_tags (const char * const *tags)
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

/* How much a word counts where it is found, for bm25(): the front is the
 * question a card answers, the tags are the few words its author chose to
 * file it under, the back mentions much in passing. */
#define RANK_WEIGHTS "4.0, 1.0, 2.0" /* front, back, tags */

/* bm25() costs FTS5 about 2.5 µs a card (it reads each card's lengths),
 * so a search that matches a large part of a big deck (100 ms for 40,000
 * cards) is ranked more cheaply: cards with every word in the front
 * first, then the rest, each in the order they were added. */
#define MAX_RANKED 2000

static GArray *
query_ids (RhDatabase  *database,
           const char  *sql,
           const char  *topic_path,
           const char  *match,
           GPtrArray   *literals,
           GError     **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  /* The text varies with the search, so these are not cached. */
  if (!(stmt = rh_database_prepare_uncached (database, sql, error)))
    return NULL;

  if (topic_path != NULL)
    sqlite3_bind_text (stmt, 1, topic_path, -1, SQLITE_STATIC);
  if (match != NULL)
    sqlite3_bind_text (stmt, 2, match, -1, SQLITE_STATIC);
  for (guint i = 0; literals != NULL && i < literals->len; i++)
    sqlite3_bind_text (stmt, i + 3, g_ptr_array_index (literals, i), -1, SQLITE_STATIC);

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

/* Moves the cards of @ids (in row id order) whose front matches @match
 * (an FTS5 query) before the others, keeping the order within each part. */
static gboolean
put_front_matches_first (RhDatabase  *database,
                         GArray      *ids,
                         const char  *match,
                         GError     **error)
{
  g_autofree char *in_front = g_strdup_printf ("front : (%s)", match);
  g_autoptr(GArray) front = NULL;
  g_autoptr(GArray) rest = g_array_sized_new (FALSE, FALSE, sizeof (gint64), ids->len);
  guint n_first = 0;

  if (!(front = query_ids (database, "SELECT rowid FROM cards_fts WHERE cards_fts MATCH ?2 ORDER BY rowid;",
                           NULL, in_front, NULL, error)))
    return FALSE;

  /* Both in row id order: one walk over each. */
  for (guint i = 0, j = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);

      while (j < front->len && g_array_index (front, gint64, j) < id)
        j++;
      if (j < front->len && g_array_index (front, gint64, j) == id)
        g_array_index (ids, gint64, n_first++) = id;
      else
        g_array_append_val (rest, id);
    }
  memcpy (&g_array_index (ids, gint64, n_first), rest->data, rest->len * sizeof (gint64));

  return TRUE;
}

/**
 * rh_deck_store_query_card_ids:
 * @topic_path: (nullable): a topic whose subtree to list, "" or %NULL for all
 * @search: (nullable): what the user typed, read as rh-search.h describes:
 *   every phrase must appear in the plain text of the front or back, or in
 *   the tags
 *
 * Every phrase with a letter or digit is looked up in the full-text index
 * (words, and pairs of CJK characters, see rh-search-tokenizer.c). Where
 * a phrase has characters the index skips (“TIME_WAIT”, “B+树”), the
 * cards it finds are also checked for the phrase as written; a phrase of
 * symbols only (“*”) is looked for in every card's text.
 *
 * Returns: (transfer full) (element-type gint64) (nullable): row ids, the
 *   best matches first (bm25, then the order the cards were added; see
 *   MAX_RANKED), or in the order the cards were added without a search
 */
GArray *
rh_deck_store_query_card_ids (RhDatabase  *database,
                              const char  *topic_path,
                              const char  *search,
                              GError     **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GString) match = g_string_new (NULL);
  g_autoptr(GPtrArray) literals = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) ids = NULL;
  g_auto(GStrv) phrases = NULL;
  gboolean by_topic = topic_path != NULL && *topic_path != '\0';
  gsize order_at;

  g_return_val_if_fail (RH_IS_DATABASE (database), NULL);

  phrases = rh_search_split_phrases (search);
  for (guint i = 0; phrases[i]; i++)
    {
      g_autofree char *phrase_match = rh_search_dup_match (phrases[i]);
      char *literal = rh_search_dup_literal (phrases[i]);

      if (phrase_match != NULL)
        g_string_append_printf (match, "%s%s", match->len ? " " : "", phrase_match);
      if (literal != NULL)
        g_ptr_array_add (literals, literal);
    }

  /* ?1 the topic, ?2 the index's query, ?3… the literal phrases. Cards
   * and their index rows are kept in step by triggers. */
  if (phrases[0] == NULL)
    g_string_append (sql, "SELECT id FROM cards c WHERE 1");
  else
    g_string_append (sql, "SELECT rowid FROM cards_fts WHERE 1");
  if (by_topic)
    g_string_append_printf (sql, " AND %s IN (SELECT c.id FROM cards c"
                                 " JOIN topic_closure tc ON tc.descendant_id = c.topic_id"
                                 " AND tc.ancestor_id = (SELECT id FROM topics WHERE path = ?1))",
                            phrases[0] == NULL ? "id" : "rowid");
  if (match->len > 0)
    g_string_append (sql, " AND cards_fts MATCH ?2");
  for (guint i = 0; i < literals->len; i++)
    g_string_append_printf (sql, " AND (rh_search_contains (front, ?%u) OR rh_search_contains (back, ?%u)"
                                 " OR rh_search_contains (tags, ?%u))",
                            i + 3, i + 3, i + 3);
  order_at = sql->len;
  g_string_append (sql, phrases[0] == NULL ? " ORDER BY id;" : " ORDER BY rowid;");

  if (!(ids = query_ids (database, sql->str, by_topic ? topic_path : NULL,
                         match->len > 0 ? match->str : NULL, literals, error)))
    return NULL;

  if (match->len == 0 || ids->len < 2)
    return g_steal_pointer (&ids);

  if (ids->len > MAX_RANKED)
    return put_front_matches_first (database, ids, match->str, error) ? g_steal_pointer (&ids) : NULL;

  g_string_truncate (sql, order_at);
  g_string_append (sql, " ORDER BY bm25 (cards_fts, " RANK_WEIGHTS "), rowid;");
  g_clear_pointer (&ids, g_array_unref);

  return query_ids (database, sql->str, by_topic ? topic_path : NULL, match->str, literals, error);
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
void
rh_deck_store_bind_card_content (RhStatement *stmt,
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
