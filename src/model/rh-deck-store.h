/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rh-card.h"
#include "rh-database.h"
#include "rh-deck.h"
#include "rh-topic.h"

G_BEGIN_DECLS

/* The deck store owns the cards and their topics in an RhDatabase: the
 * topic tree and its counts, card reads and edits, search, and the import
 * and export of decks. It is not an object of its own; each function works
 * on the database it is given, and writes announce themselves through the
 * database's ::changed signal. Review state belongs to the scheduler.
 *
 * Search (rh_deck_store_query_card_ids()) reads what the user typed as
 * rh-search.h describes: it looks in the text a reader sees (front and back
 * with their Markdown rendered, plus the tags), ignoring case; every
 * word must appear, in any order, from the start of a word (anywhere in
 * Chinese, which has no spaces); nothing is an operator or a wildcard;
 * words of symbols only (“W + R > N”) and "quoted text" are phrases
 * matched as written; the best matches come first. The filters and
 * excluded words of rh-search-query.h narrow it, each on an index. */

/* The card browser's columns, as it sorts them. */
typedef enum
{
  RH_CARD_SORT_DEFAULT,
  RH_CARD_SORT_QUESTION,
  RH_CARD_SORT_TOPIC,
  RH_CARD_SORT_STATE,
  RH_CARD_SORT_DUE,
  RH_CARD_SORT_INTERVAL,
  RH_CARD_SORT_STABILITY,
  RH_CARD_SORT_DIFFICULTY,
  RH_CARD_SORT_REPS,
  RH_CARD_SORT_LAPSES,
  RH_CARD_SORT_MODIFIED,
} RhCardSort;

typedef struct
{
  guint added;
  guint updated;
  guint unchanged;
} RhImportResult;

/* An import writes the cards, then makes them searchable. */
typedef enum
{
  RH_IMPORT_STAGE_WRITING,
  RH_IMPORT_STAGE_INDEXING,
} RhImportStage;

/* Called with the cards done so far of @total in @stage. */
typedef void (*RhImportProgressFunc) (RhImportStage stage,
                                      guint         done,
                                      guint         total,
                                      gpointer      user_data);

gint64     rh_deck_store_ensure_topic       (RhDatabase      *database,
                                             const char      *path,
                                             GError         **error);
RhTopic   *rh_deck_store_dup_topic          (RhDatabase      *database,
                                             const char      *path,
                                             GError         **error);
gboolean   rh_deck_store_refresh_topic      (RhDatabase      *database,
                                             RhTopic         *topic,
                                             GError         **error);
GPtrArray *rh_deck_store_list_topics        (RhDatabase      *database,
                                             const char      *parent_path,
                                             GError         **error);
GPtrArray *rh_deck_store_list_topics_under  (RhDatabase      *database,
                                             gint64           parent_id,
                                             GError         **error);
gboolean   rh_deck_store_rename_topic       (RhDatabase      *database,
                                             const char      *path,
                                             const char      *new_path,
                                             GError         **error);
gboolean   rh_deck_store_check_rename_topic (RhDatabase      *database,
                                             const char      *path,
                                             const char      *new_path,
                                             GError         **error);
gboolean   rh_deck_store_delete_topic       (RhDatabase      *database,
                                             const char      *path,
                                             GError         **error);
gboolean   rh_deck_store_check_delete_topic (RhDatabase      *database,
                                             const char      *path,
                                             GError         **error);

RhCard    *rh_deck_store_dup_card           (RhDatabase      *database,
                                             gint64           row_id,
                                             GError         **error);
RhCard    *rh_deck_store_dup_card_by_uid    (RhDatabase      *database,
                                             const char      *uid,
                                             GError         **error);
GArray    *rh_deck_store_query_card_ids     (RhDatabase      *database,
                                             const char      *topic_path,
                                             const char      *search,
                                             GError         **error);
GArray    *rh_deck_store_query_card_ids_sorted (RhDatabase  *database,
                                                const char  *topic_path,
                                                const char  *search,
                                                RhCardSort   sort,
                                                gboolean     descending,
                                                GError     **error);
RhCard    *rh_deck_store_dup_card_with_review  (RhDatabase  *database,
                                                gint64       row_id,
                                                GError     **error);
GArray    *rh_deck_store_list_card_reviews     (RhDatabase  *database,
                                                gint64       row_id,
                                                GError     **error);
guint      rh_deck_store_count_cards        (RhDatabase      *database);

/* Writing single cards: rh-deck-store-edit.c */
gboolean   rh_deck_store_create_card        (RhDatabase      *database,
                                             RhCard          *card,
                                             GError         **error);
gboolean   rh_deck_store_update_card        (RhDatabase      *database,
                                             RhCard          *card,
                                             GError         **error);
gboolean   rh_deck_store_set_card_suspended (RhDatabase      *database,
                                             gint64           row_id,
                                             gboolean         suspended,
                                             GError         **error);
GStrv      rh_deck_store_dup_topic_paths    (RhDatabase      *database,
                                             GError         **error);
void       rh_deck_store_list_tags_async    (RhDatabase          *database,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
GStrv      rh_deck_store_list_tags_finish   (RhDatabase      *database,
                                             GAsyncResult    *result,
                                             GError         **error);

gboolean   rh_deck_store_check_new_deck     (RhDeck          *deck,
                                             RhDeck          *builtin,
                                             GError         **error);
gboolean   rh_deck_store_import_deck        (RhDatabase      *database,
                                             RhDeck          *deck,
                                             RhImportResult  *result,
                                             GError         **error);
gboolean   rh_deck_store_import_deck_full   (RhDatabase            *database,
                                             RhDeck                *deck,
                                             GCancellable          *cancellable,
                                             RhImportProgressFunc   progress,
                                             gpointer               user_data,
                                             RhImportResult        *result,
                                             GError               **error);
void       rh_deck_store_import_file_async  (RhDatabase            *database,
                                             GFile                 *file,
                                             GCancellable          *cancellable,
                                             RhImportProgressFunc   progress,
                                             gpointer               progress_data,
                                             GAsyncReadyCallback    callback,
                                             gpointer               user_data);
gboolean   rh_deck_store_import_file_finish (RhDatabase            *database,
                                             GAsyncResult          *res,
                                             RhImportResult        *result,
                                             GError               **error);
gboolean   rh_deck_store_import_builtin     (RhDatabase      *database,
                                             GBytes          *deck_json,
                                             RhImportResult  *result,
                                             GError         **error);
RhDeck    *rh_deck_store_export_deck        (RhDatabase      *database,
                                             const char      *topic_path,
                                             GError         **error);

G_END_DECLS
