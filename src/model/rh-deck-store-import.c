/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rh-deck-store"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rh-database-private.h"
#include "rh-deck-private.h"
#include "rh-deck-store-private.h"
#include "rh-deck-store.h"
#include "rh-markdown.h"

/* Importing decks into the database: checked first, then written in one
 * transaction (all or nothing), on the caller's thread or a worker's.
 * Reading and editing single cards and topics is in rh-deck-store.c. */

/* Set to the built-in deck's checksum once it is imported, so that an
 * unchanged deck is not merged again at every start. */
#define BUILTIN_CHECKSUM_KEY "builtin_deck_sha256"

static gint64
lookup_card_id (RhDatabase  *database,
                const char  *uid,
                GError     **error)
{
  return rh_deck_store_lookup_id (database, "SELECT id FROM cards WHERE uid = ?;", uid, error);
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

static gboolean
strings_equal (sqlite3_stmt *stmt,
               int           column,
               const char   *text)
{
  const char *stored = (const char *)sqlite3_column_text (stmt, column);

  return stored != NULL && strcmp (stored, text) == 0;
}

/* Every card already stored, in one pass: which of the deck's cards are
 * stored (@card_ids) and, for each of those, whether its content changed
 * (@content_changed), its searchable text among it (@reindex), or only
 * its links (@links_changed), so that re-importing asks nothing per card
 * and an unchanged card writes nothing. A LEFT JOIN, so that no stored
 * card is taken for a new one. */
static gboolean
compare_stored_cards (ImportRun    *run,
                      RhDeck       *deck,
                      gint64       *card_ids,
                      CardOutcome  *outcomes,
                      gboolean     *content_changed,
                      gboolean     *reindex,
                      gboolean     *links_changed,
                      GError      **error)
{
  g_auto(RhDeckCardFields) card = { 0 };
  g_autoptr(RhStatement) stmt = NULL;
  int rc;

  /* Positions are in the text so that links compare equal only in their
   * order, however group_concat() walks them. */
  if (!(stmt = rh_database_prepare (run->database,
                                    "SELECT c.uid, c.id, t.path, c.front, c.back, c.tags, c.kind, c.seconds,"
                                    "  coalesce ((SELECT group_concat (fu.position || ' ' || f.uid, char (10))"
                                    "             FROM follow_ups fu JOIN cards f ON f.id = fu.follow_up_id"
                                    "             WHERE fu.card_id = c.id), '')"
                                    " FROM cards c LEFT JOIN topics t ON t.id = c.topic_id;",
                                    error)))
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gboolean text_same, content_same;
      guint position;

      if (!rh_deck_find_card (deck, (const char *)sqlite3_column_text (stmt, 0), &position))
        continue;

      card_ids[position] = sqlite3_column_int64 (stmt, 1);
      rh_deck_read_card_fields (deck, position, &card);
      format_links (run->links, (const char * const *)card.follow_ups);

      text_same = strings_equal (stmt, 3, card.front) && strings_equal (stmt, 4, card.back) &&
                  strings_equal (stmt, 5, card.tags_joined);
      content_same = text_same && strings_equal (stmt, 2, card.topic) &&
                     strings_equal (stmt, 6, rh_card_kind_to_string (card.kind)) &&
                     (card.seconds > 0 ? sqlite3_column_type (stmt, 7) == SQLITE_INTEGER &&
                                           sqlite3_column_int64 (stmt, 7) == card.seconds
                                       : sqlite3_column_type (stmt, 7) == SQLITE_NULL);

      content_changed[position] = !content_same;
      reindex[position] = !text_same;
      links_changed[position] = !strings_equal (stmt, 8, run->links->str);
      outcomes[position] = content_changed[position] || links_changed[position] ? CARD_UPDATED : CARD_UNCHANGED;
    }

  return rc == SQLITE_DONE || rh_database_set_error (run->database, error, rc);
}

/* Writes the new content of a stored card that compare_stored_cards()
 * found changed. The search index is left to the caller (the triggers are
 * suspended): when the text changed (@reindex), the card's old index row
 * goes in temp.import_changed for the caller to delete. Review state
 * lives in other tables and is kept. */
static gboolean
update_card (ImportRun               *run,
             const RhDeckCardFields  *card,
             gint64                   card_id,
             gboolean                 reindex,
             GError                 **error)
{
  g_autoptr(RhStatement) write = NULL;
  gint64 topic_id;
  int rc;

  if ((topic_id = import_topic_id (run, card->topic, error)) < 0)
    return FALSE;

  if (reindex && !run_sql (run->database, "INSERT INTO temp.import_changed (id) VALUES (?);", card_id, error))
    return FALSE;

  if (!(write = rh_database_prepare (run->database,
                                     "UPDATE cards SET topic_id = ?2, front = ?3, back = ?4, tags = ?5, kind = ?6,"
                                     " seconds = ?7, modified = ?8 WHERE id = ?1;",
                                     error)))
    return FALSE;

  sqlite3_bind_int64 (write, 1, card_id);
  rh_deck_store_bind_card_content (write, topic_id, card->front, card->back, card->tags_joined,
                                   card->kind, card->seconds);
  sqlite3_bind_int64 (write, 8, run->now);

  if ((rc = sqlite3_step (write)) != SQLITE_DONE)
    return rh_database_set_error (run->database, error, rc);

  return TRUE;
}

/* Cards new to the database go in this many to a statement: a statement's
 * own cost, paid for every card before, was a good part of writing a
 * large deck. */
#define INSERT_BATCH 32

/* What a new card's row needs: the deck's own strings, which live as long
 * as the deck, and a copy of the joined tags when they were made for the
 * RhDeckCardFields (a deck built card by card keeps no joined tags). */
typedef struct
{
  guint       position;
  gint64      topic_id;
  const char *uid;
  const char *front;
  const char *back;
  const char *tags;
  char       *owned_tags;
  RhCardKind  kind;
  guint       seconds;
} NewCard;

typedef struct
{
  NewCard cards[INSERT_BATCH];
  guint   n;
} InsertBatch;

static void
insert_batch_clear (InsertBatch *batch)
{
  for (guint k = 0; k < batch->n; k++)
    g_free (batch->cards[k].owned_tags);
  batch->n = 0;
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (InsertBatch, insert_batch_clear)

static gboolean
flush_inserts (ImportRun    *run,
               InsertBatch  *batch,
               gint64       *card_ids,
               GError      **error)
{
  g_autoptr(RhStatement) insert = NULL;
  g_autoptr(GString) sql = NULL;
  gint64 last;
  int rc;

  if (batch->n == 0)
    return TRUE;

  sql = g_string_new ("INSERT INTO cards (uid, topic_id, front, back, tags, kind, seconds, created, modified) VALUES ");
  for (guint k = 0; k < batch->n; k++)
    g_string_append (sql, k > 0 ? ", (?, ?, ?, ?, ?, ?, ?, ?, ?)" : "(?, ?, ?, ?, ?, ?, ?, ?, ?)");
  g_string_append_c (sql, ';');

  if (!(insert = rh_database_prepare (run->database, sql->str, error)))
    return FALSE;

  /* The strings are the deck's own and outlive the statement. */
  for (guint k = 0; k < batch->n; k++)
    {
      const NewCard *card = &batch->cards[k];
      int base = (int)k * 9;

      sqlite3_bind_text (insert, base + 1, card->uid, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (insert, base + 2, card->topic_id);
      sqlite3_bind_text (insert, base + 3, card->front, -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, base + 4, card->back, -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, base + 5, card->tags, -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, base + 6, rh_card_kind_to_string (card->kind), -1, SQLITE_STATIC);
      if (card->seconds > 0)
        sqlite3_bind_int (insert, base + 7, card->seconds);
      sqlite3_bind_int64 (insert, base + 8, run->now);
      sqlite3_bind_int64 (insert, base + 9, run->now);
    }

  if ((rc = sqlite3_step (insert)) != SQLITE_DONE)
    return rh_database_set_error (run->database, error, rc);

  /* Rows without a given id get the largest id so far plus one, one after
   * another, so the batch's ids are consecutive. */
  last = rh_database_last_insert_id (run->database);
  for (guint k = 0; k < batch->n; k++)
    card_ids[batch->cards[k].position] = last - (gint64)(batch->n - 1 - k);
  insert_batch_clear (batch);

  return TRUE;
}

/* Adds cards[@position] to @batch, writing the batch once it is full. */
static gboolean
batch_insert (ImportRun               *run,
              RhDeck                  *deck,
              InsertBatch             *batch,
              guint                    position,
              const RhDeckCardFields  *card,
              gint64                  *card_ids,
              GError                 **error)
{
  gint64 topic_id;

  if ((topic_id = import_topic_id (run, card->topic, error)) < 0)
    return FALSE;

  batch->cards[batch->n] = (NewCard) {
    .position = position,
    .topic_id = topic_id,
    .uid = card->uid,
    .front = card->front,
    .back = card->back,
    .owned_tags = g_strdup (card->owned_tags_joined),
    .kind = card->kind,
    .seconds = card->seconds,
  };
  batch->cards[batch->n].tags = batch->cards[batch->n].owned_tags ? batch->cards[batch->n].owned_tags
                                                                  : card->tags_joined;
  batch->n++;

  return batch->n < INSERT_BATCH || flush_inserts (run, batch, card_ids, error);
}

/* Replaces the links of a card whose links changed, or adds them. */
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

/* The plain text of the cards to index, rendered on a second thread while
 * the cards are written: Markdown rendering is about a tenth of a large
 * import's work. The deck is only read meanwhile, never changed. */
typedef struct
{
  RhDeck         *deck;
  const gboolean *wanted;   /* positions to render */
  guint           n_cards;
  char          **texts;    /* front and back of each position */
  GThread        *thread;
  GMutex          mutex;
  GCond           cond;
  guint           done;     /* positions rendered, under mutex */
  int             stop;     /* atomic */
} PlainTexts;

/* Wakes a waiting writer this often. */
#define PLAIN_TEXTS_BATCH 256

static gpointer
render_plain_texts (gpointer data)
{
  PlainTexts *plain = data;
  g_auto(RhDeckCardFields) card = { 0 };

  for (guint i = 0; i < plain->n_cards && !g_atomic_int_get (&plain->stop); i++)
    {
      if (plain->wanted[i])
        {
          rh_deck_read_card_fields (plain->deck, i, &card);
          plain->texts[2 * i] = rh_markdown_to_plain_text (card.front);
          plain->texts[2 * i + 1] = rh_markdown_to_plain_text (card.back);
        }

      if ((i + 1) % PLAIN_TEXTS_BATCH == 0 || i + 1 == plain->n_cards)
        {
          g_mutex_lock (&plain->mutex);
          plain->done = i + 1;
          g_cond_broadcast (&plain->cond);
          g_mutex_unlock (&plain->mutex);
        }
    }

  return NULL;
}

static void
plain_texts_start (PlainTexts     *plain,
                   RhDeck         *deck,
                   const gboolean *wanted)
{
  plain->deck = deck;
  plain->wanted = wanted;
  plain->n_cards = rh_deck_get_n_cards (deck);
  plain->texts = g_new0 (char *, 2 * (gsize)plain->n_cards + 1);
  g_mutex_init (&plain->mutex);
  g_cond_init (&plain->cond);

  if (!(plain->thread = g_thread_try_new ("rh-plain-text", render_plain_texts, plain, NULL)))
    render_plain_texts (plain);
}

/* The front and back of @position, once rendered; the caller takes them. */
static void
plain_texts_take (PlainTexts  *plain,
                  guint        position,
                  char       **front,
                  char       **back)
{
  g_mutex_lock (&plain->mutex);
  while (plain->done <= position)
    g_cond_wait (&plain->cond, &plain->mutex);
  g_mutex_unlock (&plain->mutex);

  *front = g_steal_pointer (&plain->texts[2 * position]);
  *back = g_steal_pointer (&plain->texts[2 * position + 1]);
}

static void
plain_texts_clear (PlainTexts *plain)
{
  if (plain->texts == NULL)
    return;

  g_atomic_int_set (&plain->stop, TRUE);
  if (plain->thread != NULL)
    g_thread_join (g_steal_pointer (&plain->thread));

  for (gsize i = 0; i < 2 * (gsize)plain->n_cards; i++)
    g_free (plain->texts[i]);
  g_clear_pointer (&plain->texts, g_free);
  g_mutex_clear (&plain->mutex);
  g_cond_clear (&plain->cond);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PlainTexts, plain_texts_clear)

/* FTS5 gathers new index entries in memory and writes them out as a new
 * segment whenever they pass "hashsize" bytes (1 MB by default), merging
 * segments as they pile up. A large import with room for 32 MB writes
 * fewer, larger segments and spends about a quarter less time on the
 * index; afterwards the default comes back. The option is not in FTS5's
 * documentation, so a SQLite without it only makes the import slower. */
#define IMPORT_FTS_HASHSIZE (32 * 1024 * 1024)
#define DEFAULT_FTS_HASHSIZE (1024 * 1024)

static void
set_fts_hashsize (RhDatabase *database,
                  gint64      bytes)
{
  g_autoptr(GError) error = NULL;

  if (!run_sql (database, "INSERT INTO cards_fts (cards_fts, rank) VALUES ('hashsize', ?);", bytes, &error))
    g_debug ("Cannot set the search index's hashsize: %s", error->message);
}

/* The index rows of the cards @reindex marks, one statement each: FTS5
 * keeps its pending data across plain statements (unlike the savepoint of
 * a trigger), so this is as fast as one INSERT … SELECT. */
static gboolean
report_progress (RhImportStage         stage,
                 guint                 done,
                 guint                 total,
                 GCancellable         *cancellable,
                 RhImportProgressFunc  progress,
                 gpointer              user_data,
                 GError              **error)
{
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  if (progress != NULL)
    progress (stage, done, total, user_data);

  return TRUE;
}

static gboolean
index_cards (ImportRun             *run,
             RhDeck                *deck,
             PlainTexts            *plain,
             const gint64          *card_ids,
             const gboolean        *reindex,
             guint                  n_index,
             GCancellable          *cancellable,
             RhImportProgressFunc   progress,
             gpointer               user_data,
             GError               **error)
{
  g_auto(RhDeckCardFields) card = { 0 };
  g_autoptr(RhStatement) insert = NULL;
  guint n_cards = rh_deck_get_n_cards (deck);
  guint n_indexed = 0;
  gboolean large;
  int rc;

  if (!(insert = rh_database_prepare (run->database,
                                      "INSERT INTO cards_fts (rowid, front, back, tags) VALUES (?, ?, ?, ?);",
                                      error)))
    return FALSE;

  /* Not worth a segment of its own for a few cards. */
  large = n_cards >= PROGRESS_EVERY;
  if (large)
    set_fts_hashsize (run->database, IMPORT_FTS_HASHSIZE);

  for (guint i = 0; i < n_cards; i++)
    {
      g_autofree char *front = NULL;
      g_autofree char *back = NULL;

      if (!reindex[i])
        continue;

      if (n_indexed % PROGRESS_EVERY == 0 &&
          !report_progress (RH_IMPORT_STAGE_INDEXING, n_indexed, n_index, cancellable, progress, user_data, error))
        return FALSE;
      n_indexed++;

      plain_texts_take (plain, i, &front, &back);
      rh_deck_read_card_fields (deck, i, &card);

      sqlite3_bind_int64 (insert, 1, card_ids[i]);
      sqlite3_bind_text (insert, 2, front, -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 3, back, -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 4, card.tags_joined, -1, SQLITE_STATIC);
      rc = sqlite3_step (insert);
      sqlite3_reset (insert);
      if (rc != SQLITE_DONE)
        return rh_database_set_error (run->database, error, rc);
    }

  /* Before the commit, which writes the entries still gathered. */
  if (large)
    set_fts_hashsize (run->database, DEFAULT_FTS_HASHSIZE);

  return TRUE;
}


/* Runs @sql with ?1 the old card's row id and ?2 the new one's. */
static gboolean
run_rename_sql (RhDatabase  *database,
                const char  *sql,
                gint64       old_id,
                gint64       new_id,
                GError     **error)
{
  g_autoptr(RhStatement) stmt = NULL;

  if (!(stmt = rh_database_prepare (database, sql, error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, old_id);
  sqlite3_bind_int64 (stmt, 2, new_id);

  return rh_database_step_done (database, stmt, error);
}

/* Both cards are stored: the old one's review log, interview answers and
 * the links to it join the new card, which keeps the review state of the
 * one reviewed last; then the old card goes. */
static gboolean
merge_renamed_card (RhDatabase  *database,
                    gint64       old_id,
                    gint64       new_id,
                    GError     **error)
{
  static const char * const statements[] = {
    "UPDATE review_state"
    "  SET (state, step, stability, difficulty, due, last_review, reps, lapses) ="
    "    (SELECT state, step, stability, difficulty, due, last_review, reps, lapses"
    "       FROM review_state WHERE card_id = ?1)"
    "  WHERE card_id = ?2"
    "    AND (SELECT last_review FROM review_state WHERE card_id = ?1) > coalesce (last_review, -1);",
    "UPDATE review_log SET card_id = ?2 WHERE card_id = ?1;",
    "UPDATE interview_answers SET card_id = ?2 WHERE card_id = ?1;",
    "UPDATE interview_sessions SET current_card = ?2 WHERE current_card = ?1;",
    "UPDATE follow_ups SET follow_up_id = ?2 WHERE follow_up_id = ?1;",
    /* The new card as its own follow-up, or twice in one card's list */
    "DELETE FROM follow_ups WHERE card_id = ?2 AND follow_up_id = ?2;",
    "DELETE FROM follow_ups WHERE follow_up_id = ?2 AND EXISTS ("
    "  SELECT 1 FROM follow_ups AS earlier WHERE earlier.card_id = follow_ups.card_id"
    "    AND earlier.follow_up_id = ?2 AND earlier.position < follow_ups.position);",
    "DELETE FROM cards WHERE id = ?1;",
  };

  for (guint i = 0; i < G_N_ELEMENTS (statements); i++)
    if (!run_rename_sql (database, statements[i], old_id, new_id, error))
      return FALSE;

  return TRUE;
}

/* The deck's “renamed”, before its cards are compared with the stored
 * ones: a stored card under an old id takes the new one (the same row, so
 * everything keyed by it stays), or merges into the stored new card. A
 * database without the old card is left alone. Returns how many cards
 * moved, or -1 on error. */
static gint64
apply_renamed (RhDatabase  *database,
               RhDeck      *deck,
               GError     **error)
{
  gint64 moved = 0;

  for (guint i = 0; i < rh_deck_get_n_renamed (deck); i++)
    {
      const char *new_uid;
      const char *old_uid = rh_deck_get_renamed (deck, i, &new_uid);
      gint64 old_id, new_id = 0;

      if ((old_id = lookup_card_id (database, old_uid, error)) < 0 ||
          (old_id > 0 && (new_id = lookup_card_id (database, new_uid, error)) < 0))
        return -1;

      if (old_id == 0)
        continue;

      if (new_id == 0)
        {
          g_autoptr(RhStatement) stmt = NULL;

          if (!(stmt = rh_database_prepare (database, "UPDATE cards SET uid = ?2 WHERE id = ?1;", error)))
            return -1;
          sqlite3_bind_int64 (stmt, 1, old_id);
          sqlite3_bind_text (stmt, 2, new_uid, -1, SQLITE_STATIC);
          if (!rh_database_step_done (database, stmt, error))
            return -1;
        }
      else if (!merge_renamed_card (database, old_id, new_id, error))
        return -1;

      moved++;
    }

  return moved;
}

/* A card_ids[] entry for a card of the built-in deck that the user
 * deleted (deleted_cards): neither written nor linked to. */
#define DELETED_CARD (-1)

static gboolean
skip_deleted_cards (RhDatabase   *database,
                    RhDeck       *deck,
                    gint64       *card_ids,
                    CardOutcome  *outcomes,
                    GError      **error)
{
  g_autoptr(RhStatement) stmt = NULL;
  int rc;

  if (!(stmt = rh_database_prepare (database,
                                    "SELECT uid FROM deleted_cards WHERE uid NOT IN (SELECT uid FROM cards);",
                                    error)))
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint position;

      if (rh_deck_find_card (deck, (const char *)sqlite3_column_text (stmt, 0), &position) &&
          card_ids[position] == 0)
        {
          card_ids[position] = DELETED_CARD;
          outcomes[position] = CARD_UNCHANGED;
        }
    }

  return rc == SQLITE_DONE || rh_database_set_error (database, error, rc);
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
  g_autofree gboolean *content_changed = NULL;
  g_autofree gboolean *reindex = NULL;
  g_auto(PlainTexts) plain = { 0 };
  g_auto(InsertBatch) batch = { .n = 0 };
  g_autoptr(GHashTable) topic_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GString) links = g_string_new (NULL);
  RhImportResult counts = { 0, 0, 0 };
  ImportRun run = {
    database, rh_clock_get_now_seconds (rh_database_get_clock (database)), topic_ids, links,
  };
  guint n_cards = rh_deck_get_n_cards (deck);
  gint64 max_id_before = 0;
  gint64 n_renamed = 0;
  guint n_index = 0;

  if (!check_follow_ups (database, deck, NULL, error))
    return FALSE;

  if (!report_progress (RH_IMPORT_STAGE_WRITING, 0, n_cards, cancellable, progress, user_data, error))
    return FALSE;

  if (!rh_database_begin (database, error))
    return FALSE;

  outcomes = g_new0 (CardOutcome, MAX (n_cards, 1));
  card_ids = g_new0 (gint64, MAX (n_cards, 1));
  links_changed = g_new0 (gboolean, MAX (n_cards, 1));
  content_changed = g_new0 (gboolean, MAX (n_cards, 1));
  reindex = g_new0 (gboolean, MAX (n_cards, 1));

  /* With the card triggers on: a merged card's delete keeps the counts. */
  if ((n_renamed = apply_renamed (database, deck, error)) < 0)
    goto failed;

  if (!rh_database_suspend_card_triggers (database, error) ||
      !run_sql (database, "CREATE TEMP TABLE IF NOT EXISTS import_changed (id INTEGER PRIMARY KEY);", 0, error) ||
      !run_sql (database, "DELETE FROM temp.import_changed;", 0, error) ||
      (max_id_before = query_max_card_id (database, error)) < 0 ||
      !compare_stored_cards (&run, deck, card_ids, outcomes, content_changed, reindex, links_changed, error))
    goto failed;

  /* The built-in deck does not bring back a card the user deleted. */
  if (checksum != NULL && !skip_deleted_cards (database, deck, card_ids, outcomes, error))
    goto failed;

  /* Every card new to the database is indexed, and written as added. */
  for (guint i = 0; i < n_cards; i++)
    if (card_ids[i] == 0)
      {
        outcomes[i] = CARD_ADDED;
        reindex[i] = TRUE;
      }

  for (guint i = 0; i < n_cards; i++)
    n_index += !!reindex[i];
  plain_texts_start (&plain, deck, reindex);

  /* Cards first, so that links can point at cards later in the file. */
  for (guint i = 0; i < n_cards; i++)
    {
      if (i % PROGRESS_EVERY == 0 && i > 0 &&
          !report_progress (RH_IMPORT_STAGE_WRITING, i, n_cards, cancellable, progress, user_data, error))
        goto failed;

      if ((card_ids[i] != 0 && !content_changed[i]) || card_ids[i] == DELETED_CARD)
        continue;

      rh_deck_read_card_fields (deck, i, &card);
      if (card_ids[i] != 0)
        {
          if (!update_card (&run, &card, card_ids[i], reindex[i], error))
            goto failed;
          continue;
        }

      links_changed[i] = card.follow_ups != NULL && card.follow_ups[0] != NULL;
      if (!batch_insert (&run, deck, &batch, i, &card, card_ids, error))
        goto failed;
    }

  if (!flush_inserts (&run, &batch, card_ids, error))
    goto failed;

  for (guint i = 0; i < n_cards; i++)
    {
      if (!links_changed[i])
        continue;

      rh_deck_read_card_fields (deck, i, &card);
      if (!write_follow_ups (&run, &card, card_ids[i], outcomes[i], error))
        goto failed;
    }

  if (!report_progress (RH_IMPORT_STAGE_WRITING, n_cards, n_cards, cancellable, progress, user_data, error))
    goto failed;

  /* What the suspended triggers would have done, in one statement each.
   * Added cards are new and not suspended. */
  if (!run_sql (database, "INSERT INTO review_state (card_id, topic_id) SELECT id, topic_id FROM cards WHERE id > ?;",
                max_id_before, error) ||
      !run_sql (database,
                "UPDATE topic_counts SET cards = cards + added.n, active = active + added.n, new = new + added.n"
                " FROM (SELECT topic_id, count(*) AS n FROM cards WHERE id > ? GROUP BY topic_id) AS added"
                " WHERE topic_counts.topic_id = added.topic_id;",
                max_id_before, error) ||
      !run_sql (database, "DELETE FROM cards_fts WHERE rowid IN (SELECT id FROM temp.import_changed);",
                0, error) ||
      !index_cards (&run, deck, &plain, card_ids, reindex, n_index, cancellable, progress, user_data, error) ||
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
                           counts.added + counts.updated + n_renamed > 0
                             ? RH_DATABASE_CHANGE_TOPICS | RH_DATABASE_CHANGE_CARDS
                             : 0,
                           error))
    return FALSE;

  if (progress != NULL)
    progress (RH_IMPORT_STAGE_INDEXING, n_index, n_index, user_data);

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
  GTask         *task;
  RhImportStage  stage;
  guint          done;
  guint          total;
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
    import->progress (report->stage, report->done, report->total, import->progress_data);

  return G_SOURCE_REMOVE;
}

/* Called on the worker: hands the numbers to the caller's thread. */
static void
worker_progress_cb (RhImportStage stage,
                    guint         done,
                    guint         total,
                    gpointer      user_data)
{
  GTask *task = user_data;
  ImportTask *import = g_task_get_task_data (task);
  ImportProgress *report;

  if (import->progress == NULL)
    return;

  report = g_new0 (ImportProgress, 1);
  report->task = g_object_ref (task);
  report->stage = stage;
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

