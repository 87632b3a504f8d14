/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "rh-database-private.h"
#include "rh-database-schema-private.h"
#include "rh-search-tokenizer-private.h"

/* The schema, as the migrations that build it one version at a time.
 * rh-database.c runs them; this file only spells them. */

/* The per-row triggers that a bulk write turns off (see
 * rh_database_suspend_card_triggers()), spelled once for the migrations
 * that made them and for putting them back. */
/* As made by 4 → 5; version 1 made it without the topic. */
#define CARDS_REVIEW_STATE_TRIGGER                                                      \
  "CREATE TRIGGER cards_review_state AFTER INSERT ON cards BEGIN"                       \
  "  INSERT INTO review_state (card_id, topic_id) VALUES (new.id, new.topic_id);"       \
  "END;"
#define CARDS_FTS_INSERT_TRIGGER                                                        \
  "CREATE TRIGGER cards_fts_insert AFTER INSERT ON cards BEGIN"                         \
  "  INSERT INTO cards_fts (rowid, front, back, tags)"                                  \
  "    VALUES (new.id, rh_plain_text (new.front), rh_plain_text (new.back), new.tags);" \
  "END;"
/* As made by 4 → 5. */
#define TOPIC_COUNTS_CARD_INSERT_TRIGGER                                                \
  "CREATE TRIGGER topic_counts_card_insert AFTER INSERT ON cards BEGIN"                 \
  "  UPDATE topic_counts SET cards = cards + 1, active = active + (new.suspended = 0),"  \
  "    new = new + (new.suspended = 0) WHERE topic_id = new.topic_id;"                  \
  "END;"
/* As made by 3 → 4. */
#define CARDS_FTS_DELETE_TRIGGER                                                        \
  "CREATE TRIGGER cards_fts_delete AFTER DELETE ON cards BEGIN"                         \
  "  DELETE FROM cards_fts WHERE rowid = old.id;"                                       \
  "END;"
#define CARDS_FTS_UPDATE_TRIGGER                                                        \
  "CREATE TRIGGER cards_fts_update AFTER UPDATE OF front, back, tags ON cards BEGIN"    \
  "  UPDATE cards_fts SET front = rh_plain_text (new.front), back = rh_plain_text (new.back),"  \
  "    tags = new.tags WHERE rowid = new.id;"                                           \
  "END;"

/* review_days, kept per answer: the key its days are cut by, one log
 * row's counts (as the columns after day and topic_id), and a card's
 * answers grouped by day. */
#define DAYS_KEY "(SELECT value FROM meta WHERE key = 'review_days')"
#define DAYS_ROW(r)                                                                     \
  r ".state_before = 0, " r ".state_before = 1, " r ".state_before = 2, "                \
  r ".state_before = 3, " r ".state_before = 2 AND " r ".rating > 1, max (" r ".duration_ms, 0)"
#define DAYS_ADD_CONFLICT                                                               \
  " ON CONFLICT (day, topic_id) DO UPDATE SET n_new = n_new + excluded.n_new,"          \
  "  n_learning = n_learning + excluded.n_learning, n_review = n_review + excluded.n_review," \
  "  n_relearning = n_relearning + excluded.n_relearning, n_passed = n_passed + excluded.n_passed," \
  "  duration_ms = duration_ms + excluded.duration_ms;"
#define DAYS_COLUMNS "(day, topic_id, n_new, n_learning, n_review, n_relearning, n_passed, duration_ms)"
#define DAYS_EMPTY "n_new + n_learning + n_review + n_relearning = 0"
/* One answer, r ("new" or "old"), added to or taken from its day. */
#define DAYS_ADD_ROW(r)                                                                 \
  "INSERT INTO review_days " DAYS_COLUMNS                                               \
  "  SELECT rh_study_day (" r ".reviewed_at, " DAYS_KEY "), c.topic_id, " DAYS_ROW (r)   \
  "  FROM cards c WHERE c.id = " r ".card_id AND " r ".state_before BETWEEN 0 AND 3"    \
  DAYS_ADD_CONFLICT
#define DAYS_ROW_WHERE(r)                                                               \
  " WHERE day = rh_study_day (" r ".reviewed_at, " DAYS_KEY ")"                         \
  " AND topic_id = (SELECT topic_id FROM cards WHERE id = " r ".card_id)"
#define DAYS_TAKE_ROW(r)                                                                \
  "UPDATE review_days SET n_new = n_new - (" r ".state_before = 0),"                   \
  "  n_learning = n_learning - (" r ".state_before = 1),"                               \
  "  n_review = n_review - (" r ".state_before = 2),"                                   \
  "  n_relearning = n_relearning - (" r ".state_before = 3),"                           \
  "  n_passed = n_passed - (" r ".state_before = 2 AND " r ".rating > 1),"              \
  "  duration_ms = duration_ms - max (" r ".duration_ms, 0)"                            \
  DAYS_ROW_WHERE (r) " AND " r ".state_before BETWEEN 0 AND 3;"                         \
  "DELETE FROM review_days" DAYS_ROW_WHERE (r) " AND " DAYS_EMPTY ";"
/* Every answer of card @card, by day. */
#define DAYS_OF_CARD(card)                                                              \
  "(SELECT rh_study_day (reviewed_at, " DAYS_KEY ") AS day, sum (state_before = 0) AS n_new," \
  "  sum (state_before = 1) AS n_learning, sum (state_before = 2) AS n_review,"         \
  "  sum (state_before = 3) AS n_relearning, sum (state_before = 2 AND rating > 1) AS n_passed," \
  "  sum (max (duration_ms, 0)) AS duration_ms"                                         \
  "  FROM review_log WHERE card_id = " card " AND state_before BETWEEN 0 AND 3 GROUP BY 1)"
#define DAYS_ADD_CARD(topic, card)                                                      \
  "INSERT INTO review_days " DAYS_COLUMNS                                               \
  "  SELECT g.day, " topic ", g.n_new, g.n_learning, g.n_review, g.n_relearning, g.n_passed," \
  "  g.duration_ms FROM " DAYS_OF_CARD (card) " AS g WHERE true"                        \
  DAYS_ADD_CONFLICT
#define DAYS_TAKE_CARD(topic, card)                                                     \
  "UPDATE review_days SET n_new = review_days.n_new - g.n_new,"                         \
  "  n_learning = review_days.n_learning - g.n_learning,"                               \
  "  n_review = review_days.n_review - g.n_review,"                                     \
  "  n_relearning = review_days.n_relearning - g.n_relearning,"                         \
  "  n_passed = review_days.n_passed - g.n_passed,"                                     \
  "  duration_ms = review_days.duration_ms - g.duration_ms"                             \
  "  FROM " DAYS_OF_CARD (card) " AS g"                                                 \
  "  WHERE review_days.day = g.day AND review_days.topic_id = " topic ";"               \
  "DELETE FROM review_days WHERE topic_id = " topic " AND " DAYS_EMPTY                  \
  "  AND day IN (SELECT rh_study_day (reviewed_at, " DAYS_KEY ") FROM review_log"       \
  "   WHERE card_id = " card ");"

/* Each entry moves the schema from version i to i + 1 and runs in one
 * transaction together with the user_version bump. */
const char * const rh_database_migrations[RH_DATABASE_SCHEMA_VERSION] = {
  /* 0 → 1 */
  "PRAGMA application_id = 1382576755;" /* RH_DATABASE_APPLICATION_ID */
  "CREATE TABLE meta ("
  "  key   TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL"
  ") WITHOUT ROWID;"
  "CREATE TABLE topics ("
  "  id        INTEGER PRIMARY KEY,"
  "  parent_id INTEGER REFERENCES topics (id),"
  "  name      TEXT NOT NULL,"
  "  path      TEXT NOT NULL UNIQUE"
  ");"
  "CREATE INDEX topics_parent ON topics (parent_id);"
  /* Every (ancestor, descendant) pair, itself included, so subtree counts
   * are one join instead of a recursive walk. */
  "CREATE TABLE topic_closure ("
  "  ancestor_id   INTEGER NOT NULL REFERENCES topics (id),"
  "  descendant_id INTEGER NOT NULL REFERENCES topics (id),"
  "  PRIMARY KEY (ancestor_id, descendant_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX topic_closure_descendant ON topic_closure (descendant_id, ancestor_id);"
  "CREATE TABLE cards ("
  "  id        INTEGER PRIMARY KEY,"
  "  uid       TEXT NOT NULL UNIQUE,"
  "  topic_id  INTEGER NOT NULL REFERENCES topics (id),"
  "  front     TEXT NOT NULL,"
  "  back      TEXT NOT NULL,"
  "  tags      TEXT NOT NULL DEFAULT '',"
  "  kind      TEXT NOT NULL DEFAULT 'concept'"
  "            CHECK (kind IN ('concept', 'coding', 'design', 'behavioral', 'troubleshooting')),"
  "  seconds   INTEGER CHECK (seconds IS NULL OR seconds > 0),"
  "  created   INTEGER NOT NULL,"
  "  modified  INTEGER NOT NULL,"
  "  suspended INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE INDEX cards_topic ON cards (topic_id);"
  "CREATE TABLE follow_ups ("
  "  card_id      INTEGER NOT NULL REFERENCES cards (id) ON DELETE CASCADE,"
  "  position     INTEGER NOT NULL,"
  "  follow_up_id INTEGER NOT NULL REFERENCES cards (id) ON DELETE CASCADE,"
  "  PRIMARY KEY (card_id, position)"
  ") WITHOUT ROWID;"
  "CREATE INDEX follow_ups_target ON follow_ups (follow_up_id);"
  /* state: 0 new, 1 learning, 2 review, 3 relearning; times in Unix seconds. */
  "CREATE TABLE review_state ("
  "  card_id     INTEGER PRIMARY KEY REFERENCES cards (id) ON DELETE CASCADE,"
  "  state       INTEGER NOT NULL DEFAULT 0 CHECK (state BETWEEN 0 AND 3),"
  "  step        INTEGER NOT NULL DEFAULT 0,"
  "  stability   REAL,"
  "  difficulty  REAL,"
  "  due         INTEGER NOT NULL DEFAULT 0,"
  "  last_review INTEGER,"
  "  reps        INTEGER NOT NULL DEFAULT 0,"
  "  lapses      INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE INDEX review_state_due ON review_state (state, due);"
  /* Enough of the state before each answer to undo it exactly. */
  "CREATE TABLE review_log ("
  "  id                 INTEGER PRIMARY KEY,"
  "  card_id            INTEGER NOT NULL REFERENCES cards (id) ON DELETE CASCADE,"
  "  reviewed_at        INTEGER NOT NULL,"
  "  rating             INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),"
  "  duration_ms        INTEGER NOT NULL DEFAULT 0,"
  "  source             TEXT NOT NULL DEFAULT 'study' CHECK (source IN ('study', 'interview')),"
  "  state_before       INTEGER NOT NULL,"
  "  step_before        INTEGER NOT NULL,"
  "  stability_before   REAL,"
  "  difficulty_before  REAL,"
  "  due_before         INTEGER NOT NULL,"
  "  last_review_before INTEGER,"
  "  reps_before        INTEGER NOT NULL,"
  "  lapses_before      INTEGER NOT NULL,"
  "  state_after        INTEGER NOT NULL,"
  "  step_after         INTEGER NOT NULL,"
  "  stability_after    REAL,"
  "  difficulty_after   REAL,"
  "  due_after          INTEGER NOT NULL"
  ");"
  "CREATE INDEX review_log_card ON review_log (card_id, reviewed_at);"
  "CREATE TRIGGER cards_review_state AFTER INSERT ON cards BEGIN"
  "  INSERT INTO review_state (card_id) VALUES (new.id);"
  "END;"
  /* Trigram tokens make substring search work for Chinese, which has no
   * spaces between words. */
  "CREATE VIRTUAL TABLE cards_fts USING fts5 ("
  "  front, back, tags, content = 'cards', content_rowid = 'id', tokenize = 'trigram'"
  ");"
  "CREATE TRIGGER cards_fts_insert AFTER INSERT ON cards BEGIN"
  "  INSERT INTO cards_fts (rowid, front, back, tags) VALUES (new.id, new.front, new.back, new.tags);"
  "END;"
  "CREATE TRIGGER cards_fts_delete AFTER DELETE ON cards BEGIN"
  "  INSERT INTO cards_fts (cards_fts, rowid, front, back, tags)"
  "    VALUES ('delete', old.id, old.front, old.back, old.tags);"
  "END;"
  "CREATE TRIGGER cards_fts_update AFTER UPDATE OF front, back, tags ON cards BEGIN"
  "  INSERT INTO cards_fts (cards_fts, rowid, front, back, tags)"
  "    VALUES ('delete', old.id, old.front, old.back, old.tags);"
  "  INSERT INTO cards_fts (rowid, front, back, tags) VALUES (new.id, new.front, new.back, new.tags);"
  "END;",

  /* 1 → 2: today's answers are counted for the daily limits at every pick. */
  "CREATE INDEX review_log_time ON review_log (reviewed_at);",

  /* 2 → 3: mock interviews. Times in Unix seconds, durations in ms. */
  "CREATE TABLE interview_templates ("
  "  id                     INTEGER PRIMARY KEY,"
  "  name                   TEXT NOT NULL,"
  "  topics                 TEXT NOT NULL DEFAULT '',"
  "  n_questions            INTEGER NOT NULL CHECK (n_questions > 0),"
  "  question_seconds       INTEGER NOT NULL CHECK (question_seconds > 0),"
  "  total_minutes          INTEGER NOT NULL CHECK (total_minutes > 0),"
  "  follow_up_depth        INTEGER NOT NULL DEFAULT 0 CHECK (follow_up_depth >= 0),"
  "  counts_toward_schedule INTEGER NOT NULL DEFAULT 1,"
  "  auto_advance           INTEGER NOT NULL DEFAULT 0,"
  "  modified               INTEGER NOT NULL"
  ");"
  /* A session keeps a JSON snapshot of its template and its plan, so its
   * report survives template edits; the current_* columns say where it
   * was when last saved, so that it can be resumed after a crash. */
  "CREATE TABLE interview_sessions ("
  "  id                 INTEGER PRIMARY KEY,"
  "  template           TEXT NOT NULL,"
  "  seed               INTEGER NOT NULL,"
  "  plan               TEXT NOT NULL,"
  "  state              TEXT NOT NULL"
  "                     CHECK (state IN ('asking', 'revealed', 'paused', 'finished', 'abandoned')),"
  "  started_at         INTEGER NOT NULL,"
  "  ended_at           INTEGER,"
  "  saved_at           INTEGER NOT NULL,"
  "  elapsed_ms         INTEGER NOT NULL DEFAULT 0,"
  "  paused_ms          INTEGER NOT NULL DEFAULT 0,"
  "  total_seconds      INTEGER NOT NULL,"
  "  next_planned       INTEGER NOT NULL DEFAULT 0,"
  "  current_card       INTEGER,"
  "  current_index      INTEGER NOT NULL DEFAULT 0,"
  "  current_depth      INTEGER NOT NULL DEFAULT 0,"
  "  current_parent     INTEGER,"
  "  current_seconds    INTEGER NOT NULL DEFAULT 0,"
  "  current_elapsed_ms INTEGER NOT NULL DEFAULT 0,"
  "  current_notes      TEXT NOT NULL DEFAULT '',"
  "  current_revealed   INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE INDEX interview_sessions_state ON interview_sessions (state, started_at);"
  /* One row per question asked, written when it is answered or skipped.
   * The title, topic and kind are as asked, in case the card changes. */
  "CREATE TABLE interview_answers ("
  "  id             INTEGER PRIMARY KEY,"
  "  session_id     INTEGER NOT NULL REFERENCES interview_sessions (id) ON DELETE CASCADE,"
  "  position       INTEGER NOT NULL,"
  "  question_index INTEGER NOT NULL,"
  "  card_id        INTEGER REFERENCES cards (id) ON DELETE SET NULL,"
  "  title          TEXT NOT NULL,"
  "  topic          TEXT NOT NULL,"
  "  kind           TEXT NOT NULL,"
  "  depth          INTEGER NOT NULL DEFAULT 0,"
  "  parent_id      INTEGER REFERENCES interview_answers (id),"
  "  budget_seconds INTEGER NOT NULL,"
  "  spent_ms       INTEGER NOT NULL,"
  "  rating         INTEGER CHECK (rating BETWEEN 1 AND 4),"
  "  overtime       INTEGER NOT NULL DEFAULT 0,"
  "  skipped        INTEGER NOT NULL DEFAULT 0,"
  "  notes          TEXT NOT NULL DEFAULT '',"
  "  answered_at    INTEGER NOT NULL,"
  "  review_log_id  INTEGER,"
  "  UNIQUE (session_id, position),"
  "  CHECK (skipped = 1 OR rating IS NOT NULL)"
  ");"
  "CREATE INDEX interview_answers_card ON interview_answers (card_id);"
  "CREATE INDEX interview_answers_parent ON interview_answers (parent_id);",

  /* 3 → 4: search the text a reader sees, not the Markdown source (where
   * every list matched “*”). The index keeps its own copy of the plain
   * text, written by rh_plain_text(), which each connection registers;
   * a tool without it can read the file but not change cards. */
  "DROP TRIGGER cards_fts_insert;"
  "DROP TRIGGER cards_fts_delete;"
  "DROP TRIGGER cards_fts_update;"
  "DROP TABLE cards_fts;"
  "CREATE VIRTUAL TABLE cards_fts USING fts5 (front, back, tags, tokenize = 'trigram');"
  "INSERT INTO cards_fts (rowid, front, back, tags)"
  "  SELECT id, rh_plain_text (front), rh_plain_text (back), tags FROM cards;"
  CARDS_FTS_INSERT_TRIGGER
  CARDS_FTS_DELETE_TRIGGER
  CARDS_FTS_UPDATE_TRIGGER,

  /* 4 → 5: topic counts. Each topic's own cards, kept by triggers in the
   * same transaction as the change, so the sidebar sums a few rows per
   * topic instead of counting every card. Due counts move with the clock
   * and are kept per connection (rh_database_ensure_due_counts()). */
  "CREATE TABLE topic_counts ("
  "  topic_id INTEGER PRIMARY KEY REFERENCES topics (id) ON DELETE CASCADE,"
  "  cards    INTEGER NOT NULL DEFAULT 0,"
  "  active   INTEGER NOT NULL DEFAULT 0," /* not suspended */
  "  new      INTEGER NOT NULL DEFAULT 0"  /* not suspended, never answered */
  ");"
  "CREATE TRIGGER topic_counts_topic AFTER INSERT ON topics BEGIN"
  "  INSERT INTO topic_counts (topic_id) VALUES (new.id);"
  "END;"
  /* A card's review_state row starts new (cards_review_state); a repair,
   * which replaces those rows, recounts with RH_DATABASE_RECOUNT_TOPICS. */
  TOPIC_COUNTS_CARD_INSERT_TRIGGER
  /* Before, while the review_state row is still there. */
  "CREATE TRIGGER topic_counts_card_delete BEFORE DELETE ON cards BEGIN"
  "  UPDATE topic_counts SET cards = cards - 1, active = active - (old.suspended = 0),"
  "    new = new - (old.suspended = 0 AND (SELECT state FROM review_state WHERE card_id = old.id) IS 0)"
  "    WHERE topic_id = old.topic_id;"
  "END;"
  "CREATE TRIGGER topic_counts_card_update AFTER UPDATE OF topic_id, suspended ON cards"
  "  WHEN old.topic_id <> new.topic_id OR old.suspended <> new.suspended BEGIN"
  "  UPDATE topic_counts SET cards = cards - 1, active = active - (old.suspended = 0),"
  "    new = new - (old.suspended = 0 AND (SELECT state FROM review_state WHERE card_id = old.id) IS 0)"
  "    WHERE topic_id = old.topic_id;"
  "  UPDATE topic_counts SET cards = cards + 1, active = active + (new.suspended = 0),"
  "    new = new + (new.suspended = 0 AND (SELECT state FROM review_state WHERE card_id = new.id) IS 0)"
  "    WHERE topic_id = new.topic_id;"
  "END;"
  "CREATE TRIGGER topic_counts_state AFTER UPDATE OF state ON review_state"
  "  WHEN (old.state = 0) <> (new.state = 0) BEGIN"
  "  UPDATE topic_counts SET new = new + (new.state = 0) - (old.state = 0)"
  "    WHERE topic_id = (SELECT topic_id FROM cards WHERE id = new.card_id AND suspended = 0);"
  "END;"
  RH_DATABASE_RECOUNT_TOPICS
  /* Each card's topic beside its state, so that picking the next card of
   * a topic walks that topic's part of an index, not the whole deck's. */
  "ALTER TABLE review_state ADD COLUMN topic_id INTEGER;"
  "UPDATE review_state SET topic_id = (SELECT topic_id FROM cards WHERE id = card_id);"
  "CREATE INDEX review_state_topic_due ON review_state (topic_id, state, due);"
  "DROP TRIGGER cards_review_state;"
  CARDS_REVIEW_STATE_TRIGGER
  "CREATE TRIGGER review_state_topic AFTER UPDATE OF topic_id ON cards BEGIN"
  "  UPDATE review_state SET topic_id = new.topic_id WHERE card_id = new.id;"
  "END;",

  /* 5 → 6: an index of words and pairs of CJK characters (rh_cjk, see
   * rh-search-tokenizer.c) instead of trigrams: it answers one- and
   * two-character Chinese words too, ranks, and is a fraction of the size.
   * Diacritics are kept, so every letter stays as literal as it was. Each
   * connection registers the tokenizer; a tool without it can read the
   * cards but not search or change them. */
  "DROP TRIGGER cards_fts_insert;"
  "DROP TRIGGER cards_fts_delete;"
  "DROP TRIGGER cards_fts_update;"
  "DROP TABLE cards_fts;"
  "CREATE VIRTUAL TABLE cards_fts USING fts5 ("
  "  front, back, tags, tokenize = '" RH_SEARCH_TOKENIZER " remove_diacritics 0'"
  ");"
  "INSERT INTO cards_fts (rowid, front, back, tags)"
  "  SELECT id, rh_plain_text (front), rh_plain_text (back), tags FROM cards;"
  CARDS_FTS_INSERT_TRIGGER
  CARDS_FTS_DELETE_TRIGGER
  CARDS_FTS_UPDATE_TRIGGER,

  /* 6 → 7: the search's filters (rh-search-query.h), each on an index so
   * that none reads every card: kind:, added:, is:suspended (a partial
   * index of the few suspended cards) and prop:. A prop:interval is the
   * time from the last review to the due one, of cards in review. */
  "CREATE INDEX cards_kind ON cards (kind);"
  "CREATE INDEX cards_created ON cards (created);"
  "CREATE INDEX cards_suspended ON cards (suspended) WHERE suspended <> 0;"
  "CREATE INDEX review_state_lapses ON review_state (lapses);"
  "CREATE INDEX review_state_reps ON review_state (reps);"
  "CREATE INDEX review_state_stability ON review_state (stability);"
  "CREATE INDEX review_state_difficulty ON review_state (difficulty);"
  "CREATE INDEX review_state_interval ON review_state (state, due - last_review);",

  /* 7 → 8: the card browser and deleting cards. The browser sorts by the
   * time a card is due or was changed on an index; a deleted card leaves
   * its uid, so that the next merge of the built-in deck does not bring it
   * back (an import the user chooses may). */
  "CREATE INDEX cards_modified ON cards (modified);"
  "CREATE INDEX review_state_due_at ON review_state (due);"
  "CREATE TABLE deleted_cards ("
  "  uid        TEXT PRIMARY KEY,"
  "  deleted_at INTEGER NOT NULL"
  ") WITHOUT ROWID;",

  /* 8 → 9: the Statistics page's activity. Each study day's answers per
   * topic (of the card now), counted by the state before them as
   * review_state numbers them, kept by triggers in the transaction of
   * every answer, undo, card deletion, restore, merge and move, so a year
   * is a few rows per topic and day instead of every answer. Days are cut
   * by the key in meta (the rollover hour and time zone); when the page
   * asks for others, rh_statistics_store_prepare_days() fills the table
   * again. The key starts as the migrating connection's clock has it. */
  "CREATE TABLE review_days ("
  "  day          INTEGER NOT NULL," /* the study day's first second */
  "  topic_id     INTEGER NOT NULL REFERENCES topics (id) ON DELETE CASCADE,"
  "  n_new        INTEGER NOT NULL DEFAULT 0,"
  "  n_learning   INTEGER NOT NULL DEFAULT 0,"
  "  n_review     INTEGER NOT NULL DEFAULT 0,"
  "  n_relearning INTEGER NOT NULL DEFAULT 0,"
  "  n_passed     INTEGER NOT NULL DEFAULT 0," /* in review, not Again */
  "  duration_ms  INTEGER NOT NULL DEFAULT 0,"
  "  PRIMARY KEY (day, topic_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX review_days_topic ON review_days (topic_id, day);"
  "INSERT OR REPLACE INTO meta (key, value) VALUES ('review_days', rh_study_day_key ());"
  RH_DATABASE_FILL_REVIEW_DAYS
  "CREATE TRIGGER review_days_log_insert AFTER INSERT ON review_log BEGIN "
  DAYS_ADD_ROW ("new")
  "END;"
  /* A deleted card's answers go in review_days_card_delete: by the time
   * its log rows go, the card is gone and they find no topic. */
  "CREATE TRIGGER review_days_log_delete AFTER DELETE ON review_log BEGIN "
  DAYS_TAKE_ROW ("old")
  "END;"
  "CREATE TRIGGER review_days_log_update"
  "  AFTER UPDATE OF card_id, reviewed_at, state_before, rating, duration_ms ON review_log BEGIN "
  DAYS_TAKE_ROW ("old")
  DAYS_ADD_ROW ("new")
  "END;"
  "CREATE TRIGGER review_days_card_delete BEFORE DELETE ON cards BEGIN "
  DAYS_TAKE_CARD ("old.topic_id", "old.id")
  "END;"
  "CREATE TRIGGER review_days_card_topic AFTER UPDATE OF topic_id ON cards"
  "  WHEN old.topic_id <> new.topic_id BEGIN "
  DAYS_TAKE_CARD ("old.topic_id", "new.id")
  DAYS_ADD_CARD ("new.topic_id", "new.id")
  "END;",

  /* 9 → 10: the Statistics page's readiness. Each studied card by topic
   * and by the last second it is still ready at the desired retention
   * (see RH_DATABASE_READY_UNTIL), so a topic's ready cards are one range
   * of an index, kept by SQLite through every write. It is built for the
   * default retention; rh_statistics_store_prepare_readiness() builds it
   * again for another. */
  RH_DATABASE_READY_INDEX (RH_DATABASE_READY_DEFAULT_FACTOR) ";",
};

G_STATIC_ASSERT (G_N_ELEMENTS (rh_database_migrations) == RH_DATABASE_SCHEMA_VERSION);
G_STATIC_ASSERT (RH_DATABASE_APPLICATION_ID == 1382576755);

const char rh_database_card_triggers_drop[] =
  "DROP TRIGGER cards_review_state;"
  "DROP TRIGGER topic_counts_card_insert;"
  "DROP TRIGGER cards_fts_insert;"
  "DROP TRIGGER cards_fts_update;";

const char rh_database_card_triggers_create[] =
  CARDS_REVIEW_STATE_TRIGGER
  TOPIC_COUNTS_CARD_INSERT_TRIGGER
  CARDS_FTS_INSERT_TRIGGER
  CARDS_FTS_UPDATE_TRIGGER;
