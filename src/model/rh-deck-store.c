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
#include "rh-search-query.h"
#include "rh-study-queue.h"

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

/* A card's review state beside it, columns 11 to 17 after CARD_COLUMNS. */
#define CARD_REVIEW_COLUMNS \
  ", rs.state, rs.due, rs.last_review, rs.stability, rs.difficulty, rs.reps, rs.lapses"

/**
 * rh_deck_store_dup_card_with_review:
 *
 * The card and its review state (rh_card_get_review()) in one query, as
 * the card browser shows them.
 *
 * Returns: (transfer full) (nullable): a new object for the card's row
 */
RhCard *
rh_deck_store_dup_card_with_review (RhDatabase  *database,
                                    gint64       row_id,
                                    GError     **error)
{
  g_autoptr(RhStatement) stmt = NULL;
  g_autoptr(RhCard) card = NULL;
  RhCardReview review = { 0 };
  int rc;

  g_return_val_if_fail (RH_IS_DATABASE (database), NULL);

  if (!(stmt = rh_database_prepare (database,
                                    "SELECT " CARD_COLUMNS CARD_REVIEW_COLUMNS
                                    " FROM cards c JOIN topics t ON t.id = c.topic_id"
                                    " LEFT JOIN review_state rs ON rs.card_id = c.id WHERE c.id = ?;",
                                    error)))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, row_id);
  if ((rc = sqlite3_step (stmt)) != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        g_set_error (error, RH_DATABASE_ERROR, RH_DATABASE_ERROR_NOT_FOUND,
                     _("There is no card “%s”"), "");
      else
        rh_database_set_error (database, error, rc);
      return NULL;
    }

  if (!(card = card_from_row (database, stmt, error)))
    return NULL;

  review.status = rh_card_status_decide (sqlite3_column_int (stmt, 11), rh_card_get_suspended (card),
                                       rh_card_get_tags (card));
  review.due = sqlite3_column_int64 (stmt, 12);
  review.last_review = sqlite3_column_int64 (stmt, 13);
  review.stability = sqlite3_column_double (stmt, 14);
  review.difficulty = sqlite3_column_double (stmt, 15);
  review.reps = MAX (0, sqlite3_column_int (stmt, 16));
  review.lapses = MAX (0, sqlite3_column_int (stmt, 17));
  rh_card_set_review (card, &review);

  return g_steal_pointer (&card);
}

/* bm25() costs FTS5 about 2.5 µs a card (it reads each card's lengths),
 * so a search that matches a large part of a big deck (100 ms for 40,000
 * cards) is ranked more cheaply: cards with every word in the front
 * first, then the rest, each in the order they were added. */
#define MAX_RANKED 2000

/* A statement being written, and its parameters in order: ?1 is the
 * first. The text varies with the search, so these are not cached. */
typedef struct
{
  GString   *sql;
  GPtrArray *binds;  /* GVariant: string, int64 or double */
} Query;

static void
query_clear (Query *query)
{
  g_string_free (query->sql, TRUE);
  g_ptr_array_unref (query->binds);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Query, query_clear)

static void
query_init (Query *query)
{
  query->sql = g_string_new (NULL);
  query->binds = g_ptr_array_new_with_free_func ((GDestroyNotify)g_variant_unref);
}

/* Adds a parameter; returns its number for "?%u". */
static guint
query_bind (Query    *query,
            GVariant *value)
{
  g_ptr_array_add (query->binds, g_variant_ref_sink (value));

  return query->binds->len;
}

static GArray *
query_ids (RhDatabase  *database,
           const char  *sql,
           GPtrArray   *binds,
           GError     **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = rh_database_prepare_uncached (database, sql, error)))
    return NULL;

  for (guint i = 0; binds != NULL && i < binds->len; i++)
    {
      GVariant *value = g_ptr_array_index (binds, i);

      if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
        sqlite3_bind_text (stmt, i + 1, g_variant_get_string (value, NULL), -1, SQLITE_STATIC);
      else if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT64))
        sqlite3_bind_int64 (stmt, i + 1, g_variant_get_int64 (value));
      else
        sqlite3_bind_double (stmt, i + 1, g_variant_get_double (value));
    }

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
  g_autoptr(GPtrArray) binds = g_ptr_array_new_with_free_func ((GDestroyNotify)g_variant_unref);
  g_autoptr(GArray) front = NULL;
  g_autoptr(GArray) rest = g_array_sized_new (FALSE, FALSE, sizeof (gint64), ids->len);
  guint n_first = 0;

  g_ptr_array_add (binds, g_variant_ref_sink (g_variant_new_take_string (g_strdup_printf ("front : (%s)", match))));
  if (!(front = query_ids (database, "SELECT rowid FROM cards_fts WHERE cards_fts MATCH ?1 ORDER BY rowid;",
                           binds, error)))
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

/* The FTS5 string for a tag, whole words: "tags : "redis"". */
static char *
dup_tag_match (const char *tag)
{
  GString *match = g_string_new ("tags : \"");

  for (const char *p = tag; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (match, '"');
      g_string_append_c (match, *p);
    }
  g_string_append_c (match, '"');

  return g_string_free (match, FALSE);
}

/* " AND @id IN (…)": the cards with @tag, found in the index's tags column
 * and then compared whole; a tag of symbols only, which the index cannot
 * find, is compared in every card's tags. */
static void
append_tag (Query      *query,
            const char *tag)
{
  guint tag_at = query_bind (query, g_variant_new_string (tag));

  if (rh_search_is_symbols_only_len (tag, -1))
    g_string_append_printf (query->sql, "SELECT rowid FROM cards_fts WHERE rh_search_has_tag (tags, ?%u)", tag_at);
  else
    {
      guint match_at = query_bind (query, g_variant_new_take_string (dup_tag_match (tag)));

      g_string_append_printf (query->sql,
                              "SELECT rowid FROM cards_fts WHERE cards_fts MATCH ?%u AND rh_search_has_tag (tags, ?%u)",
                              match_at, tag_at);
    }
}

/* The cards whose text has @phrase, for an excluded word. */
static void
append_phrase (Query      *query,
               const char *phrase)
{
  g_autofree char *match = rh_search_dup_match (phrase);
  g_autofree char *literal = rh_search_dup_literal (phrase);
  guint match_at;

  /* Excluded words have a letter or digit (rh-search-query.c). */
  g_assert (match != NULL);
  match_at = query_bind (query, g_variant_new_string (match));
  g_string_append_printf (query->sql, "SELECT rowid FROM cards_fts WHERE cards_fts MATCH ?%u", match_at);
  if (literal != NULL)
    {
      guint at = query_bind (query, g_variant_new_string (literal));

      g_string_append_printf (query->sql, " AND (rh_search_contains (front, ?%u) OR rh_search_contains (back, ?%u)"
                                          " OR rh_search_contains (tags, ?%u))", at, at, at);
    }
}

/* One or two ranges of review_state @column for @op @number, each a
 * "SELECT card_id" on an index of that column, joined by UNION ALL; for
 * days (@day_starts), @number counts study days from today. */
static void
append_property (Query             *query,
                 RhClock           *clock,
                 const char        *where,
                 const char        *column,
                 RhSearchOperator   op,
                 double             number,
                 gboolean           whole_days,
                 gboolean           day_starts)
{
  /* Below @low or above @high, or from @low to @high; for whole days of
   * an interval, n days are (n - 1, n] × 86400 seconds. */
  GVariant *low, *high;
  const char *ranges[2] = { NULL, NULL };

  if (day_starts)
    {
      gint64 now = rh_clock_get_now_seconds (clock);
      guint hour = rh_clock_get_day_rollover_hour (clock);
      int n = (int)number;

      low = g_variant_new_int64 (rh_clock_get_study_day_start (clock, now, hour, n));
      high = g_variant_new_int64 (rh_clock_get_study_day_start (clock, now, hour, n + 1));
    }
  else if (whole_days)
    {
      low = g_variant_new_int64 (((gint64)number - 1) * 86400);
      high = g_variant_new_int64 ((gint64)number * 86400);
    }
  else
    {
      low = g_variant_new_double (number);
      high = g_variant_new_double (number);
    }
  g_variant_ref_sink (low);
  g_variant_ref_sink (high);

  /* With day starts: below the low one is before that day, from it to the
   * high one is that day. For intervals: above low is more than n - 1
   * days. For plain numbers low = high = the number. */
  if (day_starts)
    switch (op)
      {
      case RH_SEARCH_OPERATOR_LESS:             ranges[0] = "%s < ?L"; break;
      case RH_SEARCH_OPERATOR_LESS_OR_EQUAL:    ranges[0] = "%s < ?H"; break;
      case RH_SEARCH_OPERATOR_EQUAL:            ranges[0] = "%s >= ?L AND %s < ?H"; break;
      case RH_SEARCH_OPERATOR_GREATER_OR_EQUAL: ranges[0] = "%s >= ?L"; break;
      case RH_SEARCH_OPERATOR_GREATER:          ranges[0] = "%s >= ?H"; break;
      case RH_SEARCH_OPERATOR_NOT_EQUAL:        ranges[0] = "%s < ?L"; ranges[1] = "%s >= ?H"; break;
      default: g_assert_not_reached ();
      }
  else if (whole_days)
    switch (op)
      {
      case RH_SEARCH_OPERATOR_LESS:             ranges[0] = "%s <= ?L"; break;
      case RH_SEARCH_OPERATOR_LESS_OR_EQUAL:    ranges[0] = "%s <= ?H"; break;
      case RH_SEARCH_OPERATOR_EQUAL:            ranges[0] = "%s > ?L AND %s <= ?H"; break;
      case RH_SEARCH_OPERATOR_GREATER_OR_EQUAL: ranges[0] = "%s > ?L"; break;
      case RH_SEARCH_OPERATOR_GREATER:          ranges[0] = "%s > ?H"; break;
      case RH_SEARCH_OPERATOR_NOT_EQUAL:        ranges[0] = "%s <= ?L"; ranges[1] = "%s > ?H"; break;
      default: g_assert_not_reached ();
      }
  else
    switch (op)
      {
      case RH_SEARCH_OPERATOR_LESS:             ranges[0] = "%s < ?L"; break;
      case RH_SEARCH_OPERATOR_LESS_OR_EQUAL:    ranges[0] = "%s <= ?L"; break;
      case RH_SEARCH_OPERATOR_EQUAL:            ranges[0] = "%s = ?L"; break;
      case RH_SEARCH_OPERATOR_GREATER_OR_EQUAL: ranges[0] = "%s >= ?L"; break;
      case RH_SEARCH_OPERATOR_GREATER:          ranges[0] = "%s > ?L"; break;
      case RH_SEARCH_OPERATOR_NOT_EQUAL:        ranges[0] = "%s < ?L"; ranges[1] = "%s > ?L"; break;
      default: g_assert_not_reached ();
      }

  for (guint r = 0; r < G_N_ELEMENTS (ranges) && ranges[r]; r++)
    {
      if (r > 0)
        g_string_append (query->sql, " UNION ALL ");
      g_string_append_printf (query->sql, "SELECT card_id FROM review_state WHERE %s", where);
      for (const char *p = ranges[r]; *p; p++)
        {
          if (*p == '%' && p[1] == 's')
            {
              g_string_append (query->sql, column);
              p++;
            }
          else if (*p == '?' && (p[1] == 'L' || p[1] == 'H'))
            {
              g_string_append_printf (query->sql, "?%u", query_bind (query, p[1] == 'L' ? low : high));
              p++;
            }
          else
            g_string_append_c (query->sql, *p);
        }
    }

  g_variant_unref (low);
  g_variant_unref (high);
}

static void
append_topic (Query      *query,
              const char *path)
{
  g_string_append_printf (query->sql, "SELECT c.id FROM cards c"
                                      " JOIN topic_closure tc ON tc.descendant_id = c.topic_id"
                                      " AND tc.ancestor_id = (SELECT id FROM topics WHERE path = ?%u)",
                          query_bind (query, g_variant_new_string (path)));
}

/* " AND [NOT] @id IN (…)" for @term, each (but a tag of symbols only) on
 * an index, as the schema's version 7 made them. */
static void
append_term (Query              *query,
             RhDatabase         *database,
             const char         *id,
             const RhSearchTerm *term)
{
  RhClock *clock = rh_database_get_clock (database);
  gint64 now = rh_clock_get_now_seconds (clock);
  guint hour = rh_clock_get_day_rollover_hour (clock);

  g_string_append_printf (query->sql, " AND %s%s IN (", term->negated ? "NOT " : "", id);

  switch (term->type)
    {
    case RH_SEARCH_TERM_TEXT:
      append_phrase (query, term->text);
      break;

    case RH_SEARCH_TERM_TOPIC:
      append_topic (query, term->text);
      break;

    case RH_SEARCH_TERM_TAG:
      append_tag (query, term->text);
      break;

    case RH_SEARCH_TERM_KIND:
      g_string_append_printf (query->sql, "SELECT id FROM cards WHERE kind = ?%u",
                              query_bind (query, g_variant_new_string (term->text)));
      break;

    case RH_SEARCH_TERM_STATE:
      switch (term->state)
        {
        case RH_SEARCH_STATE_NEW:
          g_string_append (query->sql, "SELECT card_id FROM review_state WHERE state = 0");
          break;
        case RH_SEARCH_STATE_LEARNING:
          g_string_append (query->sql, "SELECT card_id FROM review_state WHERE state IN (1, 3)");
          break;
        case RH_SEARCH_STATE_REVIEW:
          g_string_append (query->sql, "SELECT card_id FROM review_state WHERE state = 2");
          break;
        case RH_SEARCH_STATE_DUE:
          {
            gint64 learning_before, review_before;

            /* As the study queue counts them, on the (state, due) index;
             * suspended cards are the few of a partial index. */
            rh_study_queue_get_due_before (clock, now, &learning_before, &review_before);
            g_string_append_printf (query->sql,
                                    "SELECT card_id FROM review_state WHERE state IN (1, 3) AND due < ?%u"
                                    " UNION ALL SELECT card_id FROM review_state WHERE state = 2 AND due < ?%u"
                                    " EXCEPT SELECT id FROM cards WHERE suspended <> 0",
                                    query_bind (query, g_variant_new_int64 (learning_before)),
                                    query_bind (query, g_variant_new_int64 (review_before)));
          }
          break;
        case RH_SEARCH_STATE_SUSPENDED:
          g_string_append (query->sql, "SELECT id FROM cards WHERE suspended <> 0");
          break;
        case RH_SEARCH_STATE_LEECH:
          append_tag (query, "leech");
          break;
        default:
          g_assert_not_reached ();
        }
      break;

    case RH_SEARCH_TERM_PROPERTY:
      switch (term->property)
        {
        case RH_SEARCH_PROPERTY_LAPSES:
          append_property (query, clock, "", "lapses", term->op, term->number, FALSE, FALSE);
          break;
        case RH_SEARCH_PROPERTY_REVIEWS:
          append_property (query, clock, "", "reps", term->op, term->number, FALSE, FALSE);
          break;
        case RH_SEARCH_PROPERTY_STABILITY:
          append_property (query, clock, "", "stability", term->op, term->number, FALSE, FALSE);
          break;
        case RH_SEARCH_PROPERTY_DIFFICULTY:
          append_property (query, clock, "", "difficulty", term->op, term->number, FALSE, FALSE);
          break;
        case RH_SEARCH_PROPERTY_INTERVAL:
          /* The expression of the review_state_interval index. */
          append_property (query, clock, "state = 2 AND ", "due - last_review",
                           term->op, term->number, TRUE, FALSE);
          break;
        case RH_SEARCH_PROPERTY_DUE:
          append_property (query, clock, "state IN (1, 2, 3) AND ", "due",
                           term->op, term->number, FALSE, TRUE);
          break;
        default:
          g_assert_not_reached ();
        }
      break;

    case RH_SEARCH_TERM_ADDED:
      g_string_append_printf (query->sql, "SELECT id FROM cards WHERE created >= ?%u",
                              query_bind (query, g_variant_new_int64 (
                                rh_clock_get_study_day_start (clock, now, hour, 1 - (int)term->days))));
      break;

    case RH_SEARCH_TERM_RATED:
      g_string_append_printf (query->sql, "SELECT card_id FROM review_log WHERE reviewed_at >= ?%u",
                              query_bind (query, g_variant_new_int64 (
                                rh_clock_get_study_day_start (clock, now, hour, 1 - (int)term->days))));
      break;

    default:
      g_assert_not_reached ();
    }

  g_string_append_c (query->sql, ')');
}

/* Writes the query for @search in @topic_path into @query, without its
 * ORDER BY; @match: (out): the index's query of the phrases, or %NULL. */
static gboolean
build_query (RhDatabase     *database,
             const char     *topic_path,
             const char     *search,
             Query          *query,
             char          **match_out,
             GError        **error)
{
  g_autoptr(RhSearchQuery) parsed = NULL;
  g_autoptr(GString) match = g_string_new (NULL);
  g_autoptr(GPtrArray) literals = g_ptr_array_new_with_free_func (g_free);
  const char * const *phrases;
  const char *id;

  if (!(parsed = rh_search_query_new (search, error)))
    return FALSE;

  phrases = rh_search_query_get_phrases (parsed);
  for (guint i = 0; phrases[i]; i++)
    {
      g_autofree char *phrase_match = rh_search_dup_match (phrases[i]);
      char *literal = rh_search_dup_literal (phrases[i]);

      if (phrase_match != NULL)
        g_string_append_printf (match, "%s%s", match->len ? " " : "", phrase_match);
      if (literal != NULL)
        g_ptr_array_add (literals, literal);
    }

  /* Cards and their index rows are kept in step by triggers. */
  if (phrases[0] == NULL)
    {
      g_string_append (query->sql, "SELECT id FROM cards c WHERE 1");
      id = "id";
    }
  else
    {
      g_string_append (query->sql, "SELECT rowid FROM cards_fts WHERE 1");
      id = "rowid";
    }

  if (match->len > 0)
    g_string_append_printf (query->sql, " AND cards_fts MATCH ?%u",
                            query_bind (query, g_variant_new_string (match->str)));
  for (guint i = 0; i < literals->len; i++)
    {
      guint at = query_bind (query, g_variant_new_string (g_ptr_array_index (literals, i)));

      g_string_append_printf (query->sql, " AND (rh_search_contains (front, ?%u) OR rh_search_contains (back, ?%u)"
                                          " OR rh_search_contains (tags, ?%u))", at, at, at);
    }

  if (topic_path != NULL && *topic_path != '\0')
    {
      g_string_append_printf (query->sql, " AND %s IN (", id);
      append_topic (query, topic_path);
      g_string_append_c (query->sql, ')');
    }

  for (guint i = 0; i < rh_search_query_get_n_terms (parsed); i++)
    append_term (query, database, id, rh_search_query_get_term (parsed, i));

  *match_out = match->len > 0 ? g_strdup (match->str) : NULL;

  return TRUE;
}

/**
 * rh_deck_store_query_card_ids:
 * @topic_path: (nullable): a topic whose subtree to list, "" or %NULL for all
 * @search: (nullable): what the user typed, read as rh-search-query.h and
 *   rh-search.h describe: every phrase must appear in the plain text of
 *   the front or back, or in the tags, and every filter must hold
 *
 * Every phrase with a letter or digit is looked up in the full-text index
 * (words, and pairs of CJK characters, see rh-search-tokenizer.c). Where
 * a phrase has characters the index skips (“TIME_WAIT”, “B+树”), the
 * cards it finds are also checked for the phrase as written; a phrase of
 * symbols only (“*”) is looked for in every card's text. Each filter is
 * a set of row ids read from an index (see append_term()).
 *
 * Returns: (transfer full) (element-type gint64) (nullable): row ids, the
 *   best matches first (bm25, then the order the cards were added; see
 *   MAX_RANKED), or in the order the cards were added without words; %NULL
 *   with an RH_SEARCH_QUERY_ERROR when @search has a filter that cannot be
 *   read, whose message is for the user
 */
GArray *
rh_deck_store_query_card_ids (RhDatabase  *database,
                              const char  *topic_path,
                              const char  *search,
                              GError     **error)
{
  g_auto(Query) query = { NULL, NULL };
  g_autoptr(GArray) ids = NULL;
  g_autofree char *match = NULL;
  gboolean by_rowid;
  gsize order_at;

  g_return_val_if_fail (RH_IS_DATABASE (database), NULL);

  query_init (&query);
  if (!build_query (database, topic_path, search, &query, &match, error))
    return NULL;

  by_rowid = g_str_has_prefix (query.sql->str, "SELECT rowid");
  order_at = query.sql->len;
  g_string_append (query.sql, by_rowid ? " ORDER BY rowid;" : " ORDER BY id;");

  if (!(ids = query_ids (database, query.sql->str, query.binds, error)))
    return NULL;

  if (match == NULL || ids->len < 2)
    return g_steal_pointer (&ids);

  if (ids->len > MAX_RANKED)
    return put_front_matches_first (database, ids, match, error) ? g_steal_pointer (&ids) : NULL;

  g_string_truncate (query.sql, order_at);
  g_string_append (query.sql, " ORDER BY bm25 (cards_fts, " RANK_WEIGHTS "), rowid;");
  g_clear_pointer (&ids, g_array_unref);

  return query_ids (database, query.sql->str, query.binds, error);
}

/* The browser's order: RhCardStatus's, from the same rule as
 * rh_card_status_decide(). */
#define CARD_STATUS_ORDER                                                                  \
  "CASE WHEN instr (char (10) || c.tags || char (10), char (10) || '" RH_CARD_LEECH_TAG "' || char (10)) > 0" \
  " THEN 4 WHEN c.suspended <> 0 THEN 3 WHEN rs.state = 0 THEN 0 WHEN rs.state = 2 THEN 2 ELSE 1 END"

static const char *
sort_expression (RhCardSort sort)
{
  switch (sort)
    {
    case RH_CARD_SORT_QUESTION:
      return "c.front";
    case RH_CARD_SORT_TOPIC:
      return "t.path";
    case RH_CARD_SORT_STATE:
      return CARD_STATUS_ORDER;
    case RH_CARD_SORT_DUE:
      return "rs.due";
    case RH_CARD_SORT_INTERVAL:
      return "(rs.due - rs.last_review)";
    case RH_CARD_SORT_STABILITY:
      return "rs.stability";
    case RH_CARD_SORT_DIFFICULTY:
      return "rs.difficulty";
    case RH_CARD_SORT_REPS:
      return "rs.reps";
    case RH_CARD_SORT_LAPSES:
      return "rs.lapses";
    case RH_CARD_SORT_MODIFIED:
      return "c.modified";
    case RH_CARD_SORT_DEFAULT:
    default:
      g_return_val_if_reached ("c.id");
    }
}

/**
 * rh_deck_store_query_card_ids_sorted:
 * @sort: the column to sort by; %RH_CARD_SORT_DEFAULT keeps
 *   rh_deck_store_query_card_ids()' order (relevance while searching)
 * @descending: the largest first
 *
 * The cards of rh_deck_store_query_card_ids(), sorted in SQL: the due
 * time, interval, stability, difficulty, reviews, lapses and modified
 * time on an index. Ties keep the order the cards were added.
 *
 * Returns: (transfer full) (element-type gint64) (nullable): row ids
 */
GArray *
rh_deck_store_query_card_ids_sorted (RhDatabase  *database,
                                     const char  *topic_path,
                                     const char  *search,
                                     RhCardSort   sort,
                                     gboolean     descending,
                                     GError     **error)
{
  g_auto(Query) query = { NULL, NULL };
  g_autoptr(GString) sql = NULL;
  g_autofree char *match = NULL;
  const char *direction = descending ? "DESC" : "ASC";
  gboolean everything;

  g_return_val_if_fail (RH_IS_DATABASE (database), NULL);

  query_init (&query);
  if (sort == RH_CARD_SORT_DEFAULT)
    return rh_deck_store_query_card_ids (database, topic_path, search, error);

  if (!build_query (database, topic_path, search, &query, &match, error))
    return NULL;

  /* Every card: the sort walks its index instead of a list of ids. */
  everything = (topic_path == NULL || *topic_path == '\0') && g_str_equal (query.sql->str, "SELECT id FROM cards c WHERE 1");

  sql = g_string_new ("SELECT c.id FROM cards c JOIN review_state rs ON rs.card_id = c.id");
  if (sort == RH_CARD_SORT_TOPIC)
    g_string_append (sql, " JOIN topics t ON t.id = c.topic_id");
  if (!everything)
    g_string_append_printf (sql, " WHERE c.id IN (%s)", query.sql->str);
  g_string_append_printf (sql, " ORDER BY %s %s, c.id %s;", sort_expression (sort), direction, direction);

  return query_ids (database, sql->str, query.binds, error);
}

/* The plan SQLite makes for the query of @search, one line per step, for
 * the tests that check each filter reads an index. */
char *
rh_deck_store_explain_query (RhDatabase  *database,
                             const char  *topic_path,
                             const char  *search,
                             GError     **error)
{
  g_auto(Query) query = { NULL, NULL };
  g_autoptr(GString) plan = g_string_new (NULL);
  g_autofree char *match = NULL;
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (RH_IS_DATABASE (database), NULL);

  query_init (&query);
  if (!build_query (database, topic_path, search, &query, &match, error))
    return NULL;

  sql = g_strdup_printf ("EXPLAIN QUERY PLAN %s ORDER BY %s;", query.sql->str,
                         g_str_has_prefix (query.sql->str, "SELECT rowid") ? "rowid" : "id");
  if (!(stmt = rh_database_prepare_uncached (database, sql, error)))
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_string_append_printf (plan, "%s\n", (const char *)sqlite3_column_text (stmt, 3));
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      rh_database_set_error (database, error, rc);
      return NULL;
    }

  return g_string_free (g_steal_pointer (&plan), FALSE);
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
      gint64 id = rh_deck_store_lookup_topic_id (database, topic_path, error);

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
