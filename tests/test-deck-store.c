/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "rh-card-template.h"
#include "rh-search.h"
#include "rh-test-utils.h"

static void
test_topics_nest (void)
{
  g_autoptr(RhDatabase) db = rh_test_open_database (":memory:", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RhTopic) topic = NULL;
  gint64 id, again;

  g_assert_true (rh_database_begin (db, &error));
  id = rh_deck_store_ensure_topic (db, "Go::Runtime::GC", &error);
  g_assert_no_error (error);
  again = rh_deck_store_ensure_topic (db, "Go::Runtime::GC", &error);
  g_assert_cmpint (id, ==, again);
  g_assert_true (rh_database_commit (db, RH_DATABASE_CHANGE_TOPICS, &error));

  /* Every ancestor is a topic, and the closure has each pair. */
  g_assert_cmpint (rh_test_query_int (db, "SELECT count(*) FROM topics;"), ==, 3);
  g_assert_cmpint (rh_test_query_int (db, "SELECT count(*) FROM topic_closure;"), ==, 6);

  topic = rh_deck_store_dup_topic (db, "Go::Runtime", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rh_topic_get_name (topic), ==, "Runtime");
  g_assert_cmpuint (rh_topic_get_depth (topic), ==, 2);
  g_assert_true (rh_topic_get_has_children (topic));
  g_clear_object (&topic);

  topic = rh_deck_store_dup_topic (db, "Go::Nope", &error);
  g_assert_error (error, RH_DATABASE_ERROR, RH_DATABASE_ERROR_NOT_FOUND);
  g_assert_null (topic);

  g_assert_finalize_object (g_steal_pointer (&db));
}

static void
test_update_card (void)
{
  g_autoptr(RhClock) clock = rh_clock_new_fake (RH_TEST_NOW_US, NULL);
  g_autoptr(RhDatabase) db = rh_test_open_database (":memory:", clock);
  g_autofree char *deck = rh_test_make_deck (2, "Go", "go");
  g_autoptr(RhCard) card = NULL;
  g_autoptr(RhCard) stored = NULL;
  g_autoptr(GError) error = NULL;
  const char *tags[] = { "runtime", "gc", NULL };
  guint emissions = 0;

  rh_test_import (db, deck, NULL);
  rh_test_exec (db, "UPDATE review_state SET state = 2, due = 5 WHERE card_id = 1;");
  g_signal_connect (db, "changed", G_CALLBACK (rh_test_count_card_changes_cb), &emissions);

  card = rh_deck_store_dup_card_by_uid (db, "go-0", &error);
  rh_card_set_front (card, "What does **GOGC** do?");
  rh_card_set_back (card, "Sets the heap growth target.");
  rh_card_set_topic (card, " Go :: GC ");
  rh_card_set_tags (card, tags);
  rh_clock_advance (clock, 60 * G_USEC_PER_SEC);

  g_assert_true (rh_deck_store_update_card (db, card, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (emissions, ==, 1);
  g_assert_cmpstr (rh_card_get_topic (card), ==, "Go::GC");

  stored = rh_deck_store_dup_card_by_uid (db, "go-0", &error);
  g_assert_cmpstr (rh_card_get_front (stored), ==, "What does **GOGC** do?");
  g_assert_cmpstr (rh_card_get_back (stored), ==, "Sets the heap growth target.");
  g_assert_cmpstr (rh_card_get_topic (stored), ==, "Go::GC");
  g_assert_cmpstrv (rh_card_get_tags (stored), tags);
  g_assert_cmpint (rh_card_get_modified (stored), ==, RH_TEST_NOW_US / G_USEC_PER_SEC + 60);
  /* Review state is not the editor's business. */
  g_assert_cmpint (rh_test_query_int (db, "SELECT state FROM review_state WHERE card_id = 1;"), ==, 2);
  /* The FTS index follows the edit. */
  g_assert_cmpint (rh_test_query_int (db, "SELECT count(*) FROM cards_fts WHERE cards_fts MATCH 'GOGC';"), ==, 1);

  /* Empty text is refused and nothing changes. */
  rh_card_set_back (card, "  ");
  g_assert_false (rh_deck_store_update_card (db, card, &error));
  g_assert_error (error, RH_CARD_ERROR, RH_CARD_FIELD_BACK);
  g_clear_error (&error);
  rh_card_set_back (card, "ok");
  rh_card_set_topic (card, "::");
  g_assert_false (rh_deck_store_update_card (db, card, &error));
  g_assert_error (error, RH_CARD_ERROR, RH_CARD_FIELD_TOPIC);
  g_clear_error (&error);
  g_assert_cmpuint (emissions, ==, 1);

  g_clear_object (&card);
  g_clear_object (&stored);
  g_assert_finalize_object (g_steal_pointer (&db));
}

static void
test_suspend_card (void)
{
  g_autoptr(RhDatabase) db = rh_test_open_database (":memory:", NULL);
  g_autofree char *deck = rh_test_make_deck (3, "Go", "go");
  g_autoptr(RhTopic) topic = NULL;
  g_autoptr(GError) error = NULL;

  rh_test_import (db, deck, NULL);
  g_assert_true (rh_deck_store_set_card_suspended (db, 2, TRUE, &error));
  g_assert_no_error (error);

  topic = rh_deck_store_dup_topic (db, "Go", &error);
  g_assert_cmpuint (rh_topic_get_total_count (topic), ==, 3);
  g_assert_cmpuint (rh_topic_get_new_count (topic), ==, 2);

  g_assert_true (rh_deck_store_set_card_suspended (db, 2, FALSE, &error));
  g_assert_true (rh_deck_store_refresh_topic (db, topic, &error));
  g_assert_cmpuint (rh_topic_get_new_count (topic), ==, 3);

  g_clear_object (&topic);
  g_assert_finalize_object (g_steal_pointer (&db));
}

/* Cards whose Markdown has symbols their readers never see, and a few
 * whose text really has them. */
static const char search_deck[] =
  "{\"rehearse_deck\": 1, \"cards\": ["
  " {\"id\": \"quorum\", \"topic\": \"Dist\", \"front\": \"How do **quorum** reads stay fresh?\","
  "  \"back\": \"Pick `W + R > N`, so every read overlaps the last write.\"},"
  " {\"id\": \"sum\", \"topic\": \"Dist\", \"front\": \"What is W + R?\", \"back\": \"* W writes\\n* R reads\\n* N replicas\"},"
  " {\"id\": \"star\", \"topic\": \"SQL\", \"front\": \"Why avoid `SELECT *`?\", \"back\": \"It reads _every_ column.\"},"
  " {\"id\": \"tick\", \"topic\": \"Shell\", \"front\": \"Old command substitution\","
  "  \"back\": \"```sh\\necho `date`\\n```\"},"
  " {\"id\": \"index\", \"topic\": \"MySQL\", \"front\": \"什么是**联合索引**？\", \"back\": \"多列上的一个 B+ 树。\","
  "  \"tags\": [\"mysql\"]},"
  " {\"id\": \"tcp\", \"topic\": \"Net\", \"front\": \"Three-way handshake\", \"back\": \"SYN, SYN-ACK, ACK; then `TIME_WAIT` on close.\"}"
  "]}";

static char *
search_uids (RhDatabase *db,
             const char *search)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = rh_deck_store_query_card_ids (db, NULL, search, &error);
  g_autoptr(GString) uids = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(RhCard) card = rh_deck_store_dup_card (db, g_array_index (ids, gint64, i), &error);

      g_assert_no_error (error);
      g_string_append_printf (uids, "%s%s", uids->len ? " " : "", rh_card_get_uid (card));
    }

  return g_string_free (g_steal_pointer (&uids), FALSE);
}

/* @expected lists the cards found, the best match first. */
#define assert_search(db, search, expected) \
  G_STMT_START { \
    g_autofree char *found_ = search_uids ((db), (search)); \
    g_assert_cmpstr (found_, ==, (expected)); \
  } G_STMT_END

/* The text a reader sees is searched, every character literally. */
static void
test_search_plain_text (void)
{
  g_autoptr(RhDatabase) db = rh_test_open_database (":memory:", NULL);

  rh_test_import (db, search_deck, NULL);

  /* Markdown's emphasis, list and code markers are not text. */
  assert_search (db, "*", "star");
  assert_search (db, "`", "tick");
  assert_search (db, "_", "tcp");
  /* Operators are literal and keep their words together. */
  assert_search (db, "W + R > N", "quorum");
  /* The best match first: “sum” has it in its front. */
  assert_search (db, "W + R", "sum quorum");
  assert_search (db, "> N", "quorum");
  assert_search (db, "NEAR", "");
  assert_search (db, "quorum AND", "");
  assert_search (db, "NOT quorum", "");
  assert_search (db, "TIME_WAIT", "tcp");
  /* Two Chinese characters, below the trigram size, inside a longer word. */
  assert_search (db, "索引", "index");
  assert_search (db, "联合索引", "index");
  assert_search (db, "B+", "index");
  /* Every word must appear, in any order and any case; tags count. */
  assert_search (db, "ack HANDSHAKE", "tcp");
  assert_search (db, "handshake quorum", "");
  assert_search (db, "MYSQL 索引", "index");
  /* Quotes make a phrase; a lone quote is just a character. */
  assert_search (db, "\"every read\"", "quorum");
  assert_search (db, "\"read every\"", "");
  assert_search (db, "\"", "");
  /* An edit is searched as it reads. */
  rh_test_exec (db, "UPDATE cards SET front = '**Bold** claim' WHERE uid = 'star';");
  assert_search (db, "*", "");
  assert_search (db, "bold claim", "star");
  rh_test_exec (db, "DELETE FROM cards WHERE uid = 'tick';");
  assert_search (db, "`", "");
  assert_search (db, "substitution", "");

  g_assert_finalize_object (g_steal_pointer (&db));
}

/* Words in any script, however many and however separated. */
static void
test_search_unicode (void)
{
  static const char unicode_deck[] =
    "{\"rehearse_deck\": 1, \"cards\": ["
    " {\"id\": \"aof\", \"topic\": \"Redis\", \"front\": \"Redis AOF rewrite\", \"back\": \"fsync\"},"
    " {\"id\": \"de\", \"topic\": \"DE\", \"front\": \"äb und ÖL\", \"back\": \"Straße\"},"
    " {\"id\": \"el\", \"topic\": \"EL\", \"front\": \"Τι είναι ΑΒ;\", \"back\": \"ωμ\"},"
    " {\"id\": \"ru\", \"topic\": \"RU\", \"front\": \"Что такое ЖЯ?\", \"back\": \"юэ\"}"
    "]}";
  g_autoptr(RhDatabase) db = rh_test_open_database (":memory:", NULL);
  g_autoptr(GString) many = g_string_new (NULL);

  rh_test_import (db, unicode_deck, NULL);

  /* The ideographic space separates words, as an input method types it. */
  assert_search (db, "redis\u3000aof", "aof");
  assert_search (db, "\u3000AOF\u00a0fsync\u2003", "aof");
  /* Short words fold case in every script, not only ASCII. */
  assert_search (db, "ÄB", "de");
  assert_search (db, "öl", "de");
  assert_search (db, "αβ", "el");
  assert_search (db, "ΩΜ", "el");
  assert_search (db, "жя", "ru");
  assert_search (db, "ЮЭ", "ru");
  /* Words are found from their start, and folded as SQLite folds them
   * (“ẞ” is “ß”, not “ss”). */
  assert_search (db, "SS", "");
  assert_search (db, "STRAẞE", "de");
  assert_search (db, "str", "de");
  /* A search longer than anyone types still answers, without an error. */
  for (guint i = 0; i < 1500; i++)
    g_string_append_printf (many, "%s%c", i ? " " : "", 'a' + i % 26);
  assert_search (db, many->str, "");
  g_string_truncate (many, 0);
  for (guint i = 0; i < 1500; i++)
    g_string_append (many, "re ");
  assert_search (db, many->str, "aof");
  g_string_truncate (many, 0);
  for (guint i = 0; i < 1500; i++)
    g_string_append (many, "redis ");
  assert_search (db, many->str, "aof");
  g_string_truncate (many, 0);
  for (guint i = 0; i < 1500; i++)
    g_string_append (many, "Redis + ");
  assert_search (db, many->str, "");
  g_string_truncate (many, 0);
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (many, 'a' + i % 26);
  assert_search (db, many->str, "");
  /* The words beyond the first 32 are ignored. */
  {
    g_auto(GStrv) phrases = NULL;

    g_string_truncate (many, 0);
    for (guint i = 0; i < 40; i++)
      g_string_append_printf (many, "w%u ", i);
    phrases = rh_search_split_phrases (many->str);
    g_assert_cmpuint (g_strv_length (phrases), ==, 32);
    g_assert_cmpstr (phrases[31], ==, "w31");
  }

  g_assert_finalize_object (g_steal_pointer (&db));
}

static void
test_search_phrases (void)
{
  const struct { const char *search; const char *phrases; } cases[] = {
    { "", "" },
    { "  tcp   handshake ", "tcp|handshake" },
    { "W + R > N", "W + R > N" },
    { "* foo bar", "* foo|bar" },
    { "\"a b\" c", "a b|c" },
    { "\"C++\" +", "C++ +" },
    { "say \"hi", "say|\"hi" },
    { "调度 模型", "调度|模型" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(GStrv) phrases = rh_search_split_phrases (cases[i].search);
      g_autofree char *joined = g_strjoinv ("|", phrases);

      g_assert_cmpstr (joined, ==, cases[i].phrases);
    }
}

static void
test_search_markup (void)
{
  const struct { const char *text; const char *search; const char *markup; } cases[] = {
    { "Three-way handshake", "HAND three", "<b>Three</b>-way <b>hand</b>shake" },
    { "a < b & c", "<", "a <b>&lt;</b> b &amp; c" },
    { "Is W + R > N enough?", "w + r > n", "Is <b>W + R &gt; N</b> enough?" },
    { "什么是联合索引？", "索引", "什么是联合<b>索引</b>？" },
    { "Straße", "STRASSE", "<b>Straße</b>" },
    /* From the start of a word, as the index finds them. */
    { "RWMutex or Mutex", "mutex", "RWMutex or <b>Mutex</b>" },
    { "goroutine 泄漏", "GOROUT 漏", "<b>gorout</b>ine 泄<b>漏</b>" },
    /* Spaces next to symbols do not count, between words they do. */
    { "InnoDB 的 B+ 树", "B+树", "InnoDB 的 <b>B+ 树</b>" },
    { "every  read, or every reader", "\"every read\"", "<b>every  read</b>, or <b>every read</b>er" },
    { "no match", "zzz", "no match" },
    { "<i>", "", "&lt;i&gt;" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *markup = rh_search_markup (cases[i].text, cases[i].search);

      g_assert_cmpstr (markup, ==, cases[i].markup);
    }
}

/* Past the cards bm25 ranks, those with every word in the front come
 * first, then the rest, each in the order they were added. */
static void
test_search_many (void)
{
  g_autoptr(RhDatabase) db = rh_test_open_database (":memory:", NULL);
  g_autofree char *deck = rh_test_make_deck (2100, "Go", "go");
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  gint64 moved;

  rh_test_import (db, deck, NULL);
  moved = rh_test_query_int (db, "SELECT id FROM cards WHERE uid = 'go-2050';");
  rh_test_exec (db, "UPDATE cards SET front = 'Answer first' WHERE uid = 'go-2050';");

  ids = rh_deck_store_query_card_ids (db, NULL, "answ", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 2100);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, moved);
  for (guint i = 2; i < ids->len; i++)
    g_assert_cmpint (g_array_index (ids, gint64, i - 1), <, g_array_index (ids, gint64, i));
  g_clear_pointer (&ids, g_array_unref);

  /* Within a topic, and checked as written. */
  ids = rh_deck_store_query_card_ids (db, "Go", "\"answer 20\"", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 111); /* 20, 200…209, 2000…2099: the last word may go on */
  g_clear_pointer (&ids, g_array_unref);

  g_assert_finalize_object (g_steal_pointer (&db));
}

/* The index rows the import writes in bulk agree with the cards, and the
 * per-row triggers are back afterwards for edits. */
static void
assert_index_sound (RhDatabase *db)
{
  rh_test_exec (db, "INSERT INTO cards_fts (cards_fts, rank) VALUES ('integrity-check', 0);");
  g_assert_cmpint (rh_test_query_int (db, "SELECT count(*) FROM cards_fts;"), ==,
                   rh_test_query_int (db, "SELECT count(*) FROM cards;"));
  g_assert_cmpint (rh_test_query_int (db, "SELECT count(*) FROM cards c JOIN cards_fts f ON f.rowid = c.id"
                                          " WHERE f.front IS NOT rh_plain_text (c.front)"
                                          "  OR f.back IS NOT rh_plain_text (c.back) OR f.tags IS NOT c.tags;"),
                   ==, 0);
  g_assert_cmpint (rh_test_query_int (db, "SELECT count(*) FROM review_state;"), ==,
                   rh_test_query_int (db, "SELECT count(*) FROM cards;"));
  g_assert_cmpint (rh_test_query_int (db, "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND name IN"
                                       " ('cards_review_state', 'cards_fts_insert', 'cards_fts_update', 'cards_fts_delete');"), ==, 4);
}

static void
test_search_after_import (void)
{
  g_autoptr(RhDatabase) db = rh_test_open_database (":memory:", NULL);
  g_autoptr(RhCard) card = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) edited = g_string_new (search_deck);
  RhImportResult result;

  rh_test_import (db, search_deck, NULL);
  assert_index_sound (db);
  assert_search (db, "TIME_WAIT", "tcp");
  assert_search (db, "索引", "index");
  assert_search (db, "联合索引", "index");
  assert_search (db, "handshake", "tcp");
  assert_search (db, "quorum", "quorum");

  /* An edit goes through the triggers again. */
  card = rh_deck_store_dup_card_by_uid (db, "quorum", &error);
  g_assert_no_error (error);
  rh_card_set_back (card, "Overlap with the last write, or a TIME_WAIT.");
  g_assert_true (rh_deck_store_update_card (db, card, &error));
  g_assert_no_error (error);
  assert_index_sound (db);
  assert_search (db, "TIME_WAIT", "tcp quorum");
  assert_search (db, "W + R > N", "");

  /* Re-importing puts the text back, changes one card, and adds one. */
  g_string_replace (edited, "多列上的一个 B+ 树。", "多列上的一个 B+ 树，最左前缀。", 1);
  g_string_truncate (edited, edited->len - 2);
  g_string_append (edited, ", {\"id\": \"close-wait\", \"topic\": \"Net\", \"front\": \"CLOSE_WAIT 堆积\","
                           " \"back\": \"Not TIME_WAIT: the app never calls **close**.\"}]}");
  rh_test_import (db, edited->str, &result);
  g_assert_cmpuint (result.added, ==, 1);
  g_assert_cmpuint (result.updated, ==, 2);
  assert_index_sound (db);
  assert_search (db, "TIME_WAIT", "tcp close-wait");
  assert_search (db, "W + R > N", "quorum");
  assert_search (db, "最左前缀", "index");
  assert_search (db, "堆积", "close-wait");
  assert_search (db, "close", "close-wait tcp");

  /* Unchanged, nothing is written again. */
  rh_test_import (db, edited->str, &result);
  g_assert_cmpuint (result.unchanged, ==, 7);
  assert_index_sound (db);
  assert_search (db, "联合索引", "index");

  g_clear_object (&card);
  g_assert_finalize_object (g_steal_pointer (&db));
}

/* A card written in the app: one transaction, its own uid, a new topic
 * with its counts, the search index and the follow-ups in order. */
static void
test_create_card (void)
{
  g_autoptr(RhClock) clock = rh_clock_new_fake (RH_TEST_NOW_US, NULL);
  g_autoptr(RhDatabase) db = rh_test_open_database (":memory:", clock);
  g_autofree char *deck = rh_test_make_deck (2, "Go", "go");
  g_autoptr(RhCard) card = rh_card_new ("");
  g_autoptr(RhCard) other = rh_card_new ("");
  g_autoptr(RhCard) stored = NULL;
  g_autoptr(RhTopic) topic = NULL;
  g_autoptr(GArray) found = NULL;
  g_autoptr(GError) error = NULL;
  const char *tags[] = { "runtime", "project", NULL };
  const char *follow_ups[] = { "go-1", "go-0", NULL };
  guint emissions = 0;

  rh_test_import (db, deck, NULL);
  g_signal_connect (db, "changed", G_CALLBACK (rh_test_count_card_changes_cb), &emissions);
  rh_clock_advance (clock, 60 * G_USEC_PER_SEC);

  rh_card_set_topic (card, " Go :: 调度 ");
  rh_card_set_front (card, "How does the **scheduler** preempt a goroutine?");
  rh_card_set_back (card, "With async preemption signals since Go 1.14.");
  rh_card_set_tags (card, tags);
  rh_card_set_kind (card, RH_CARD_KIND_DESIGN);
  rh_card_set_seconds (card, 240);
  rh_card_set_follow_ups (card, follow_ups);

  g_assert_true (rh_deck_store_create_card (db, card, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (emissions, ==, 1);
  g_assert_cmpint (rh_card_get_row_id (card), ==, 3);
  g_assert_true (g_str_has_prefix (rh_card_get_uid (card), "user-"));
  g_assert_true (g_uuid_string_is_valid (rh_card_get_uid (card) + strlen ("user-")));
  g_assert_cmpstr (rh_card_get_topic (card), ==, "Go::调度");
  g_assert_cmpint (rh_card_get_created (card), ==, RH_TEST_NOW_US / G_USEC_PER_SEC + 60);
  g_assert_cmpint (rh_card_get_modified (card), ==, rh_card_get_created (card));

  stored = rh_deck_store_dup_card (db, rh_card_get_row_id (card), &error);
  g_assert_no_error (error);
  g_assert_true (rh_card_content_equal (stored, card));
  g_assert_cmpstrv (rh_card_get_follow_ups (stored), follow_ups);
  g_assert_cmpint (rh_card_get_kind (stored), ==, RH_CARD_KIND_DESIGN);
  g_assert_cmpuint (rh_card_get_seconds (stored), ==, 240);
  g_assert_cmpint (rh_test_query_int (db, "SELECT state FROM review_state WHERE card_id = 3;"), ==, 0);

  /* The new topic nests under the old one and both count the card. */
  topic = rh_deck_store_dup_topic (db, "Go::调度", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rh_topic_get_total_count (topic), ==, 1);
  g_assert_cmpuint (rh_topic_get_new_count (topic), ==, 1);
  g_clear_object (&topic);
  topic = rh_deck_store_dup_topic (db, "Go", &error);
  g_assert_cmpuint (rh_topic_get_total_count (topic), ==, 3);
  g_assert_cmpuint (rh_topic_get_new_count (topic), ==, 3);
  g_assert_true (rh_topic_get_has_children (topic));
  g_clear_object (&topic);
  topic = rh_deck_store_dup_topic (db, "", &error);
  g_assert_cmpuint (rh_topic_get_total_count (topic), ==, 3);

  /* Search finds it by its text and its tags. */
  found = rh_deck_store_query_card_ids (db, NULL, "scheduler preempt", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpint (g_array_index (found, gint64, 0), ==, 3);
  g_clear_pointer (&found, g_array_unref);
  found = rh_deck_store_query_card_ids (db, "Go", "project", &error);
  g_assert_cmpuint (found->len, ==, 1);

  /* Every new card has a uid of its own. */
  rh_card_set_topic (other, "Go");
  rh_card_set_front (other, "Second");
  rh_card_set_back (other, "Answer");
  g_assert_true (rh_deck_store_create_card (db, other, &error));
  g_assert_cmpstr (rh_card_get_uid (other), !=, rh_card_get_uid (card));
  g_clear_object (&stored);
  stored = rh_deck_store_dup_card (db, rh_card_get_row_id (other), &error);
  g_assert_true (rh_card_get_follow_ups (stored) == NULL || rh_card_get_follow_ups (stored)[0] == NULL);

  g_clear_object (&topic);
  g_clear_object (&stored);
  g_assert_finalize_object (g_steal_pointer (&card));
  g_assert_finalize_object (g_steal_pointer (&other));
  g_assert_finalize_object (g_steal_pointer (&db));
}

/* A card refused names the field at fault and leaves the database as it
 * was, even after its new topic was written in the transaction. */
static void
test_create_card_invalid (void)
{
  g_autoptr(RhDatabase) db = rh_test_open_database (":memory:", NULL);
  g_autofree char *deck = rh_test_make_deck (2, "Go", "go");
  g_autoptr(GError) error = NULL;
  const char *twice[] = { "go", "go", NULL };
  const char *blank_tag[] = { " ", NULL };
  const char *unknown[] = { "go-0", "nope", NULL };
  const char *padded[] = { " go-0", NULL };
  struct {
    const char         *topic;
    const char         *front;
    const char         *back;
    const char * const *tags;
    guint               seconds;
    const char * const *follow_ups;
    RhCardField         field;
  } cases[] = {
    { "New::Topic", " \n", "Answer", NULL, 0, NULL, RH_CARD_FIELD_FRONT },
    { "New::Topic", "Question", "", NULL, 0, NULL, RH_CARD_FIELD_BACK },
    { "", "Question", "Answer", NULL, 0, NULL, RH_CARD_FIELD_TOPIC },
    { "New::::Topic", "Question", "Answer", NULL, 0, NULL, RH_CARD_FIELD_TOPIC },
    { "New::Topic", "Question", "Answer", twice, 0, NULL, RH_CARD_FIELD_TAGS },
    { "New::Topic", "Question", "Answer", blank_tag, 0, NULL, RH_CARD_FIELD_TAGS },
    { "New::Topic", "Question", "Answer", NULL, RH_CARD_MAX_SECONDS + 1, NULL, RH_CARD_FIELD_SECONDS },
    { "New::Topic", "Question", "Answer", NULL, 0, padded, RH_CARD_FIELD_FOLLOW_UPS },
    /* Only found inside the transaction, after the topic is made. */
    { "New::Topic", "Question", "Answer", NULL, 0, unknown, RH_CARD_FIELD_FOLLOW_UPS },
  };
  guint emissions = 0;

  rh_test_import (db, deck, NULL);
  g_signal_connect (db, "changed", G_CALLBACK (rh_test_count_card_changes_cb), &emissions);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(RhCard) card = rh_card_new ("");

      rh_card_set_topic (card, cases[i].topic);
      rh_card_set_front (card, cases[i].front);
      rh_card_set_back (card, cases[i].back);
      rh_card_set_tags (card, cases[i].tags);
      rh_card_set_seconds (card, cases[i].seconds);
      rh_card_set_follow_ups (card, cases[i].follow_ups);

      g_assert_false (rh_deck_store_create_card (db, card, &error));
      g_assert_error (error, RH_CARD_ERROR, (int)cases[i].field);
      g_assert_true (g_utf8_validate (error->message, -1, NULL) && *error->message != '\0');
      g_clear_error (&error);

      g_assert_cmpint (rh_card_get_row_id (card), ==, 0);
      g_assert_cmpstr (rh_card_get_uid (card), ==, "");
    }

  g_assert_cmpuint (emissions, ==, 0);
  g_assert_cmpint (rh_test_query_int (db, "SELECT count(*) FROM cards;"), ==, 2);
  g_assert_cmpint (rh_test_query_int (db, "SELECT count(*) FROM topics;"), ==, 1);
  g_assert_cmpint (rh_test_query_int (db, "SELECT count(*) FROM topic_closure;"), ==, 1);
  g_assert_cmpint (rh_test_query_int (db, "SELECT count(*) FROM follow_ups;"), ==, 0);
  g_assert_cmpint (rh_test_query_int (db, "SELECT count(*) FROM cards_fts;"), ==, 2);
  g_assert_cmpint (rh_test_query_int (db, "SELECT sum(cards) FROM topic_counts;"), ==, 2);

  g_assert_finalize_object (g_steal_pointer (&db));
}

/* The deck reader and the editor follow one rule. */
static void
test_card_field_rule (void)
{
  g_autoptr(RhCard) card = rh_card_new ("a");
  g_autoptr(GError) error = NULL;
  g_autofree char *problem = NULL;
  const char *self_link[] = { "a", NULL };

  problem = rh_card_field_problem (RH_CARD_FIELD_UID, " a");
  g_assert_cmpstr (problem, ==, "must not begin or end with white space");
  g_clear_pointer (&problem, g_free);
  problem = rh_card_field_problem (RH_CARD_FIELD_FRONT, "\t");
  g_assert_cmpstr (problem, ==, "must not be empty");
  g_clear_pointer (&problem, g_free);
  g_assert_null (rh_card_field_problem (RH_CARD_FIELD_TOPIC, "Go :: 调度"));
  g_assert_null (rh_card_seconds_problem (RH_CARD_MAX_SECONDS));
  problem = rh_card_seconds_problem (0);
  g_assert_cmpstr (problem, ==, "must be between 1 and 86400, not 0");

  rh_card_set_topic (card, "Go");
  rh_card_set_front (card, "Q");
  rh_card_set_back (card, "A");
  g_assert_true (rh_card_check (card, &error));
  g_assert_no_error (error);
  rh_card_set_follow_ups (card, self_link);
  g_assert_false (rh_card_check (card, &error));
  g_assert_error (error, RH_CARD_ERROR, RH_CARD_FIELD_FOLLOW_UPS);
  g_assert_cmpstr (error->message, ==, "must not name the card itself");

  g_assert_finalize_object (g_steal_pointer (&card));
}

/* An edit saves follow-ups in their new order, and refuses a link to a
 * card that is not there, keeping the old list. */
static void
test_update_follow_ups (void)
{
  g_autoptr(RhDatabase) db = rh_test_open_database (":memory:", NULL);
  g_autofree char *deck = rh_test_make_deck (4, "Go", "go");
  g_autoptr(RhCard) card = NULL;
  g_autoptr(RhCard) stored = NULL;
  g_autoptr(GError) error = NULL;
  const char *first[] = { "go-1", "go-2", "go-3", NULL };
  const char *reordered[] = { "go-3", "go-1", NULL };
  const char *dangling[] = { "go-2", "gone", NULL };

  rh_test_import (db, deck, NULL);
  card = rh_deck_store_dup_card_by_uid (db, "go-0", &error);

  rh_card_set_follow_ups (card, first);
  rh_card_set_kind (card, RH_CARD_KIND_CODING);
  rh_card_set_seconds (card, 300);
  g_assert_true (rh_deck_store_update_card (db, card, &error));
  g_assert_no_error (error);
  stored = rh_deck_store_dup_card_by_uid (db, "go-0", &error);
  g_assert_cmpstrv (rh_card_get_follow_ups (stored), first);
  g_assert_cmpint (rh_card_get_kind (stored), ==, RH_CARD_KIND_CODING);
  g_assert_cmpuint (rh_card_get_seconds (stored), ==, 300);
  g_clear_object (&stored);

  rh_card_set_follow_ups (card, reordered);
  g_assert_true (rh_deck_store_update_card (db, card, &error));
  stored = rh_deck_store_dup_card_by_uid (db, "go-0", &error);
  g_assert_cmpstrv (rh_card_get_follow_ups (stored), reordered);
  g_clear_object (&stored);

  rh_card_set_follow_ups (card, dangling);
  rh_card_set_front (card, "Changed");
  g_assert_false (rh_deck_store_update_card (db, card, &error));
  g_assert_error (error, RH_CARD_ERROR, RH_CARD_FIELD_FOLLOW_UPS);
  g_clear_error (&error);
  stored = rh_deck_store_dup_card_by_uid (db, "go-0", &error);
  g_assert_cmpstrv (rh_card_get_follow_ups (stored), reordered);
  g_assert_cmpstr (rh_card_get_front (stored), ==, "Question 0");
  g_clear_object (&stored);

  rh_card_set_follow_ups (card, NULL);
  g_assert_true (rh_deck_store_update_card (db, card, &error));
  g_assert_cmpint (rh_test_query_int (db, "SELECT count(*) FROM follow_ups;"), ==, 0);

  g_clear_object (&card);
  g_assert_finalize_object (g_steal_pointer (&db));
}

/* The My Project template: Markdown to edit, with the sections
 * interviewers probe, saved like any card. */
static void
test_project_template (void)
{
  g_autoptr(RhDatabase) db = rh_test_open_database (":memory:", NULL);
  g_autoptr(RhCard) card = rh_card_new ("");
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) found = NULL;
  const char *sections[] = { "## Background", "## Architecture", "## Hard Problems", "## Trade-offs",
                             "## Results", "## Retrospective" };
  const char *back;

  rh_card_set_topic (card, "项目面");
  rh_card_template_apply (RH_CARD_TEMPLATE_PROJECT, card);
  g_assert_cmpstr (rh_card_get_front (card), ==, "Walk me through your project: …");
  g_assert_cmpint (rh_card_get_kind (card), ==, RH_CARD_KIND_BEHAVIORAL);
  g_assert_cmpstr (rh_card_get_tags (card)[0], ==, "project");
  g_assert_cmpstr (rh_card_get_topic (card), ==, "项目面");

  /* In the order they are asked. */
  back = rh_card_get_back (card);
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      const char *at = strstr (back, sections[i]);

      g_assert_nonnull (at);
      back = at;
    }

  g_assert_true (rh_deck_store_create_card (db, card, &error));
  g_assert_no_error (error);
  found = rh_deck_store_query_card_ids (db, NULL, "tag:project", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);

  rh_card_template_apply (RH_CARD_TEMPLATE_BLANK, card);
  g_assert_cmpstr (rh_card_get_front (card), ==, "");
  g_assert_null (rh_card_get_tags (card));

  g_assert_finalize_object (g_steal_pointer (&card));
  g_assert_finalize_object (g_steal_pointer (&db));
}

static void
tags_listed_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GStrv *out = user_data;
  g_autoptr(GError) error = NULL;

  *out = rh_deck_store_list_tags_finish (RH_DATABASE (object), result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (*out);
}

/* What the editor completes from: topic paths, and tags read on a worker
 * thread for a database file. */
static void
test_completions (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "completions.db", NULL);
  g_autoptr(RhDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) paths = NULL;
  g_auto(GStrv) tags = NULL;
  const char *expected_paths[] = { "Go", "Go::GC", "Redis", NULL };
  const char *expected_tags[] = { "db", "gc", "redis", NULL };

  g_assert_no_errno (g_mkdir_with_parents (g_get_user_data_dir (), 0700));
  db = rh_test_open_database (path, NULL);
  rh_test_import (db,
                  "{\"rehearse_deck\": 1, \"cards\": ["
                  " {\"id\": \"a\", \"topic\": \"Redis\", \"front\": \"Q\", \"back\": \"A\", \"tags\": [\"redis\", \"db\"]},"
                  " {\"id\": \"b\", \"topic\": \"Go::GC\", \"front\": \"Q\", \"back\": \"A\", \"tags\": [\"gc\"]},"
                  " {\"id\": \"c\", \"topic\": \"Go\", \"front\": \"Q\", \"back\": \"A\", \"tags\": [\"db\"]},"
                  " {\"id\": \"d\", \"topic\": \"Go\", \"front\": \"Q\", \"back\": \"A\"}"
                  "]}", NULL);

  paths = rh_deck_store_dup_topic_paths (db, &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (paths, expected_paths);

  rh_deck_store_list_tags_async (db, NULL, tags_listed_cb, &tags);
  while (tags == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstrv (tags, expected_tags);

  /* The worker thread lets go of its task (and so of the database) after
   * the result is delivered here. */
  while (G_OBJECT (db)->ref_count > 1)
    g_thread_yield ();

  g_assert_finalize_object (g_steal_pointer (&db));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/deck-store/topics/nest", test_topics_nest);
  g_test_add_func ("/deck-store/cards/update", test_update_card);
  g_test_add_func ("/deck-store/cards/suspend", test_suspend_card);
  g_test_add_func ("/deck-store/cards/create", test_create_card);
  g_test_add_func ("/deck-store/cards/create-invalid", test_create_card_invalid);
  g_test_add_func ("/deck-store/cards/field-rule", test_card_field_rule);
  g_test_add_func ("/deck-store/cards/update-follow-ups", test_update_follow_ups);
  g_test_add_func ("/deck-store/completions", test_completions);
  g_test_add_func ("/deck-store/cards/project-template", test_project_template);
  g_test_add_func ("/deck-store/search/plain-text", test_search_plain_text);
  g_test_add_func ("/deck-store/search/unicode", test_search_unicode);
  g_test_add_func ("/deck-store/search/phrases", test_search_phrases);
  g_test_add_func ("/deck-store/search/markup", test_search_markup);
  g_test_add_func ("/deck-store/search/after-import", test_search_after_import);
  g_test_add_func ("/deck-store/search/many", test_search_many);

  return g_test_run ();
}
