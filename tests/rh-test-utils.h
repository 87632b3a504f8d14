/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rh-database-private.h"
#include "rh-database.h"
#include "rh-deck-store.h"
#include "rh-search-tokenizer-private.h"

G_BEGIN_DECLS

/* 2026-03-01 12:00:00 UTC, a fixed "now" for fake clocks. */
#define RH_TEST_NOW_US (G_GINT64_CONSTANT (1772366400) * G_USEC_PER_SEC)

/* SQL that takes what schema versions 10, 9 and 8 added away again, for tests
 * that make a file of an older version. */
#define RH_TEST_DROP_V10_OBJECTS                                               \
  " DROP INDEX review_state_ready;"

#define RH_TEST_DROP_V9_OBJECTS                                                \
  " DROP TRIGGER review_days_log_insert; DROP TRIGGER review_days_log_delete;"   \
  " DROP TRIGGER review_days_log_update; DROP TRIGGER review_days_card_delete;"  \
  " DROP TRIGGER review_days_card_topic; DROP TABLE review_days;"               \
  " DELETE FROM meta WHERE key = 'review_days';"

#define RH_TEST_DROP_V8_OBJECTS                                                \
  " DROP INDEX cards_modified; DROP INDEX review_state_due_at; DROP TABLE deleted_cards;"

#define RH_TEST_DROP_V7_OBJECTS                                                \
  " DROP INDEX cards_kind; DROP INDEX cards_created; DROP INDEX cards_suspended;" \
  " DROP INDEX review_state_lapses; DROP INDEX review_state_reps;"             \
  " DROP INDEX review_state_stability; DROP INDEX review_state_difficulty;"    \
  " DROP INDEX review_state_interval;"

/* SQL that puts back the trigram search index of schema versions 4 and 5
 * (keeping its text), for tests that make a file of an older version. The
 * connection needs rh_search_tokenizer_register() to drop the new one. */
#define RH_TEST_DROP_V6_OBJECTS                                                \
  " CREATE TEMP TABLE old_fts AS SELECT rowid AS id, front, back, tags FROM cards_fts;" \
  " DROP TRIGGER cards_fts_insert; DROP TRIGGER cards_fts_delete; DROP TRIGGER cards_fts_update;" \
  " DROP TABLE cards_fts;"                                                     \
  " CREATE VIRTUAL TABLE cards_fts USING fts5 (front, back, tags, tokenize = 'trigram');" \
  " INSERT INTO cards_fts (rowid, front, back, tags) SELECT id, front, back, tags FROM temp.old_fts;" \
  " DROP TABLE temp.old_fts;"                                                  \
  " CREATE TRIGGER cards_fts_insert AFTER INSERT ON cards BEGIN"               \
  "  INSERT INTO cards_fts (rowid, front, back, tags)"                         \
  "    VALUES (new.id, rh_plain_text (new.front), rh_plain_text (new.back), new.tags);" \
  " END;"                                                                      \
  " CREATE TRIGGER cards_fts_delete AFTER DELETE ON cards BEGIN"               \
  "  DELETE FROM cards_fts WHERE rowid = old.id;"                              \
  " END;"                                                                      \
  " CREATE TRIGGER cards_fts_update AFTER UPDATE OF front, back, tags ON cards BEGIN" \
  "  UPDATE cards_fts SET front = rh_plain_text (new.front), back = rh_plain_text (new.back)," \
  "    tags = new.tags WHERE rowid = new.id;"                                  \
  " END;"

/* SQL that takes what schema version 5 added away again, for tests that
 * make a file of an older version. */
#define RH_TEST_DROP_V5_OBJECTS                                                \
  " DROP TRIGGER topic_counts_topic; DROP TRIGGER topic_counts_card_insert;"   \
  " DROP TRIGGER topic_counts_card_delete; DROP TRIGGER topic_counts_card_update;" \
  " DROP TRIGGER topic_counts_state; DROP TABLE topic_counts;"                 \
  " DROP TRIGGER review_state_topic; DROP INDEX review_state_topic_due;"       \
  " ALTER TABLE review_state DROP COLUMN topic_id; DROP TRIGGER cards_review_state;" \
  " CREATE TRIGGER cards_review_state AFTER INSERT ON cards BEGIN"             \
  "  INSERT INTO review_state (card_id) VALUES (new.id);"                      \
  " END;"

char       *rh_test_write_file      (const char  *dir,
                                     const char  *name,
                                     const char  *contents);
char       *rh_test_read_file       (const char  *path);
RhDatabase *rh_test_open_database   (const char  *path,
                                     RhClock     *clock);
RhDeck     *rh_test_parse_deck      (const char  *json);
void        rh_test_import          (RhDatabase  *database,
                                     const char  *json,
                                     RhImportResult *result);
char       *rh_test_make_deck       (guint        n_cards,
                                     const char  *topic,
                                     const char  *id_prefix);
gint64      rh_test_query_int       (RhDatabase  *database,
                                     const char  *sql);
void        rh_test_remove_dir      (const char  *dir);
/* Every column of every row @sql returns, as text, to compare bit for bit. */
char       *rh_test_dump_rows       (RhDatabase  *database,
                                     const char  *sql);
char       *rh_test_checksum_file   (const char  *path);
/* A file with @n_cards cards of topic Redis, cards 1 to @n_answered
 * answered once. */
void        rh_test_make_answered_database (const char *path,
                                            guint       n_cards,
                                            guint       n_answered);
/* Reads one integer through a read-only connection of its own. */
gint64      rh_test_query_file_int  (const char  *path,
                                     const char  *sql);
/* Scribbles over the start of page @pageno in place, as a bad sector
 * would, also under an open connection. */
void        rh_test_damage_page     (const char  *path,
                                     gint64       pageno);
void        rh_test_exec            (RhDatabase  *database,
                                     const char  *sql);
void        rh_test_count_card_changes_cb (RhDatabase       *database,
                                           RhDatabaseChange  changes,
                                           guint            *emissions);

/* What the last ::items-changed said, and how often it came. */
typedef struct
{
  guint position;
  guint removed;
  guint added;
  guint emissions;
} RhTestItemsChanged;

void        rh_test_record_items_changed (GListModel         *model,
                                          guint               position,
                                          guint               removed,
                                          guint               added,
                                          RhTestItemsChanged *record);

G_END_DECLS
