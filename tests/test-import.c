/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "rh-test-utils.h"

static const char deck_v1[] =
  "{\"rehearse_deck\": 1, \"name\": \"v1\", \"cards\": ["
  " {\"id\": \"tcp-handshake\", \"topic\": \"Net::TCP\", \"front\": \"Why three?\", \"back\": \"Sync both ISNs.\","
  "  \"tags\": [\"tcp\"], \"kind\": \"concept\", \"seconds\": 120, \"follow_ups\": [\"tcp-syn-flood\"]},"
  " {\"id\": \"tcp-syn-flood\", \"topic\": \"Net::TCP\", \"front\": \"SYN flood?\", \"back\": \"SYN cookies.\"},"
  " {\"id\": \"redis-rdb\", \"topic\": \"Redis\", \"front\": \"RDB?\", \"back\": \"Snapshots.\"}"
  "]}";

/* v2 edits one card's text, relinks one, keeps one, and adds one. */
static const char deck_v2[] =
  "{\"rehearse_deck\": 1, \"name\": \"v2\", \"cards\": ["
  " {\"id\": \"tcp-handshake\", \"topic\": \"Net::TCP\", \"front\": \"Why three?\", \"back\": \"Sync both ISNs.\","
  "  \"tags\": [\"tcp\"], \"kind\": \"concept\", \"seconds\": 120, \"follow_ups\": [\"tcp-syn-flood\", \"tcp-time-wait\"]},"
  " {\"id\": \"tcp-syn-flood\", \"topic\": \"Net::TCP\", \"front\": \"SYN flood?\", \"back\": \"SYN cookies, backlog.\"},"
  " {\"id\": \"redis-rdb\", \"topic\": \"Redis\", \"front\": \"RDB?\", \"back\": \"Snapshots.\"},"
  " {\"id\": \"tcp-time-wait\", \"topic\": \"Net::TCP\", \"front\": \"TIME_WAIT?\", \"back\": \"2MSL.\"}"
  "]}";

static void
test_import_new (void)
{
  g_autoptr(RhDatabase) db = rh_test_open_database (":memory:", NULL);
  g_autoptr(RhCard) card = NULL;
  g_autoptr(GError) error = NULL;
  RhImportResult result;

  rh_test_import (db, deck_v1, &result);
  g_assert_cmpuint (result.added, ==, 3);
  g_assert_cmpuint (result.updated, ==, 0);
  g_assert_cmpuint (result.unchanged, ==, 0);

  card = rh_deck_store_dup_card_by_uid (db, "tcp-handshake", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rh_card_get_topic (card), ==, "Net::TCP");
  g_assert_cmpstrv (rh_card_get_tags (card), ((const char *[]) { "tcp", NULL }));
  g_assert_cmpuint (rh_card_get_seconds (card), ==, 120);
  g_assert_cmpstrv (rh_card_get_follow_ups (card), ((const char *[]) { "tcp-syn-flood", NULL }));
  g_assert_cmpint (rh_card_get_created (card), ==, RH_TEST_NOW_US / G_USEC_PER_SEC);

  /* Every new card starts new, with a review state row. */
  g_assert_cmpint (rh_test_query_int (db, "SELECT count(*) FROM review_state WHERE state = 0;"), ==, 3);

  g_clear_object (&card);
  g_assert_finalize_object (g_steal_pointer (&db));
}

static void
test_merge_keeps_reviews (void)
{
  g_autoptr(RhClock) clock = rh_clock_new_fake (RH_TEST_NOW_US, NULL);
  g_autoptr(RhDatabase) db = rh_test_open_database (":memory:", clock);
  g_autoptr(RhCard) card = NULL;
  g_autoptr(GError) error = NULL;
  RhImportResult result;

  rh_test_import (db, deck_v1, &result);

  /* Study a card: its state and log must survive any re-import. */
  rh_test_exec (db, "UPDATE review_state SET state = 2, stability = 12.5, difficulty = 4.25, due = 1800000000,"
                    " last_review = 1772366400, reps = 3, lapses = 1"
                    " WHERE card_id = (SELECT id FROM cards WHERE uid = 'tcp-syn-flood');");
  rh_test_exec (db, "INSERT INTO review_log (card_id, reviewed_at, rating, state_before, step_before, due_before,"
                    " reps_before, lapses_before, state_after, step_after, due_after)"
                    " SELECT id, 1772366400, 3, 0, 0, 0, 0, 0, 2, 0, 1800000000 FROM cards WHERE uid = 'tcp-syn-flood';");

  rh_clock_advance (clock, G_GINT64_CONSTANT (3600) * G_USEC_PER_SEC);
  rh_test_import (db, deck_v2, &result);
  g_assert_cmpuint (result.added, ==, 1);
  g_assert_cmpuint (result.updated, ==, 2);
  g_assert_cmpuint (result.unchanged, ==, 1);

  card = rh_deck_store_dup_card_by_uid (db, "tcp-syn-flood", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rh_card_get_back (card), ==, "SYN cookies, backlog.");
  g_assert_cmpint (rh_card_get_modified (card), ==, RH_TEST_NOW_US / G_USEC_PER_SEC + 3600);
  g_assert_cmpint (rh_card_get_created (card), ==, RH_TEST_NOW_US / G_USEC_PER_SEC);
  g_clear_object (&card);

  card = rh_deck_store_dup_card_by_uid (db, "tcp-handshake", &error);
  g_assert_cmpstrv (rh_card_get_follow_ups (card), ((const char *[]) { "tcp-syn-flood", "tcp-time-wait", NULL }));
  g_clear_object (&card);

  g_assert_cmpint (rh_test_query_int (db,
                                      "SELECT state = 2 AND stability = 12.5 AND difficulty = 4.25 AND due = 1800000000"
                                      " AND reps = 3 AND lapses = 1 FROM review_state"
                                      " WHERE card_id = (SELECT id FROM cards WHERE uid = 'tcp-syn-flood');"), ==, 1);
  g_assert_cmpint (rh_test_query_int (db, "SELECT count(*) FROM review_log;"), ==, 1);

  /* Importing the old deck again does not delete the card it lacks. */
  rh_test_import (db, deck_v1, &result);
  g_assert_cmpuint (rh_deck_store_count_cards (db), ==, 4);
  g_assert_cmpuint (result.updated, ==, 2);

  g_assert_finalize_object (g_steal_pointer (&db));
}

static void
test_follow_up_into_database (void)
{
  g_autoptr(RhDatabase) db = rh_test_open_database (":memory:", NULL);
  g_autoptr(RhDeck) deck = NULL;
  g_autoptr(GError) error = NULL;
  RhImportResult result;
  const char *extra =
    "{\"rehearse_deck\": 1, \"cards\": [{\"id\": \"tcp-close-wait\", \"topic\": \"Net::TCP\","
    " \"front\": \"CLOSE_WAIT?\", \"back\": \"Peer closed, we did not.\", \"follow_ups\": [\"redis-rdb\"]}]}";

  /* Unknown in an empty database... */
  deck = rh_test_parse_deck (extra);
  g_assert_false (rh_deck_store_import_deck (db, deck, &result, &error));
  g_assert_error (error, RH_DECK_ERROR, RH_DECK_ERROR_UNKNOWN_FOLLOW_UP);
  g_assert_nonnull (strstr (error->message, "test.json: cards[0] (id “tcp-close-wait”): “follow_ups”"));
  g_assert_nonnull (strstr (error->message, "“redis-rdb”"));
  g_assert_cmpuint (rh_deck_store_count_cards (db), ==, 0);
  g_assert_cmpint (rh_test_query_int (db, "SELECT count(*) FROM topics;"), ==, 0);
  g_clear_error (&error);

  /* ...but fine once the target is stored. */
  rh_test_import (db, deck_v1, NULL);
  g_assert_true (rh_deck_store_import_deck (db, deck, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.added, ==, 1);

  g_clear_object (&deck);
  g_assert_finalize_object (g_steal_pointer (&db));
}

/* Re-importing compares every stored card in one pass: a change to any
 * one field, or to the order of its links, is an update; the rest are
 * unchanged and not written at all. The topic counters kept during the
 * bulk write equal a full recount. */
static void
test_reimport_sees_each_change (void)
{
  static const char * const fields[] = {
    "\"topic\": \"T\"", "\"front\": \"F\"", "\"back\": \"B\"", "\"tags\": [\"x\", \"y\"]",
    "\"kind\": \"concept\"", "\"seconds\": 60", "\"follow_ups\": [\"a\", \"b\"]",
  };
  static const char * const changed[] = {
    "\"topic\": \"T::U\"", "\"front\": \"F!\"", "\"back\": \"B!\"", "\"tags\": [\"y\", \"x\"]",
    "\"kind\": \"design\"", "\"seconds\": 61", "\"follow_ups\": [\"b\", \"a\"]",
  };
  g_autoptr(RhDatabase) db = rh_test_open_database (":memory:", NULL);
  RhImportResult result;

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autoptr(GString) before = g_string_new ("{\"rehearse_deck\": 1, \"cards\": ["
                                                "{\"id\": \"a\", \"topic\": \"T\", \"front\": \"a\", \"back\": \"a\"},"
                                                "{\"id\": \"b\", \"topic\": \"T\", \"front\": \"b\", \"back\": \"b\"},"
                                                "{\"id\": \"c\"");
      g_autoptr(GString) after = NULL;

      for (guint j = 0; j < G_N_ELEMENTS (fields); j++)
        g_string_append_printf (before, ", %s", fields[j]);
      g_string_append (before, "}]}");

      after = g_string_new (before->str);
      g_string_replace (after, fields[i], changed[i], 1);

      rh_test_import (db, before->str, NULL);
      rh_test_import (db, after->str, &result);
      g_assert_cmpuint (result.added, ==, 0);
      g_assert_cmpuint (result.updated, ==, 1);
      g_assert_cmpuint (result.unchanged, ==, 2);

      rh_test_import (db, after->str, &result);
      g_assert_cmpuint (result.updated, ==, 0);
      g_assert_cmpuint (result.unchanged, ==, 3);
    }

  g_assert_cmpint (rh_test_query_int (db, "SELECT count(*) FROM topic_counts tc WHERE cards <>"
                                          " (SELECT count(*) FROM cards WHERE topic_id = tc.topic_id) OR new <>"
                                          " (SELECT count(*) FROM cards c JOIN review_state rs ON rs.card_id = c.id"
                                          "  WHERE c.topic_id = tc.topic_id AND rs.state = 0 AND c.suspended = 0);"),
                   ==, 0);
  g_assert_cmpint (rh_test_query_int (db, "SELECT sum(cards) FROM topic_counts;"), ==, 3);

  /* More cards than one insert statement takes: each keeps its own id. */
  {
    g_autofree char *many = rh_test_make_deck (100, "Many", "many");

    rh_test_import (db, many, NULL);
  }
  g_assert_cmpint (rh_test_query_int (db, "SELECT sum(cards) FROM topic_counts;"), ==, 103);

  /* The index rows written in bulk are what the triggers would write. */
  rh_test_exec (db, "INSERT INTO cards_fts (cards_fts) VALUES ('integrity-check');");
  g_assert_cmpint (rh_test_query_int (db, "SELECT count(*) FROM cards c LEFT JOIN cards_fts f ON f.rowid = c.id"
                                          " WHERE f.front IS NOT rh_plain_text (c.front)"
                                          " OR f.back IS NOT rh_plain_text (c.back) OR f.tags IS NOT c.tags;"),
                   ==, 0);
  g_assert_cmpint (rh_test_query_int (db, "SELECT count(*) FROM cards_fts;"), ==, 103);

  g_assert_finalize_object (g_steal_pointer (&db));
}

static void
test_all_or_nothing (void)
{
  g_autoptr(RhDatabase) db = rh_test_open_database (":memory:", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RhDeck) deck = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  RhImportResult result;
  /* 200 good cards, then one pointing nowhere: nothing may be written. */
  g_autofree char *good = rh_test_make_deck (200, "Bulk::Part", "bulk");
  g_autoptr(GString) json = g_string_new (good);

  rh_test_import (db, deck_v1, NULL);
  deck = rh_deck_store_export_deck (db, NULL, &error);
  before = rh_deck_to_json (deck);
  g_clear_object (&deck);

  g_string_truncate (json, json->len - 2);
  g_string_append (json, ", {\"id\": \"broken\", \"topic\": \"Bulk\", \"front\": \"q\", \"back\": \"a\","
                         " \"follow_ups\": [\"missing\"]}]}");
  deck = rh_test_parse_deck (json->str);
  g_assert_false (rh_deck_store_import_deck (db, deck, &result, &error));
  g_assert_error (error, RH_DECK_ERROR, RH_DECK_ERROR_UNKNOWN_FOLLOW_UP);
  g_assert_nonnull (strstr (error->message, "cards[200] (id “broken”)"));
  g_clear_object (&deck);
  g_clear_error (&error);

  deck = rh_deck_store_export_deck (db, NULL, &error);
  g_assert_no_error (error);
  after = rh_deck_to_json (deck);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (rh_test_query_int (db, "SELECT count(*) FROM topics WHERE path LIKE 'Bulk%';"), ==, 0);

  g_clear_object (&deck);
  g_assert_finalize_object (g_steal_pointer (&db));
}

static void
test_export_round_trip (void)
{
  g_autoptr(RhDatabase) db = rh_test_open_database (":memory:", NULL);
  g_autoptr(RhDatabase) empty = rh_test_open_database (":memory:", NULL);
  g_autoptr(RhDeck) exported = NULL;
  g_autoptr(RhDeck) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *json_again = NULL;
  RhImportResult result;

  rh_test_import (db, deck_v2, NULL);
  exported = rh_deck_store_export_deck (db, "", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rh_deck_get_n_cards (exported), ==, 4);
  json = rh_deck_to_json (exported);

  rh_test_import (empty, json, &result);
  g_assert_cmpuint (result.added, ==, 4);
  again = rh_deck_store_export_deck (empty, NULL, &error);
  g_assert_no_error (error);
  json_again = rh_deck_to_json (again);

  g_assert_cmpstr (json, ==, json_again);

  g_clear_object (&exported);
  g_clear_object (&again);
  g_assert_finalize_object (g_steal_pointer (&db));
  g_assert_finalize_object (g_steal_pointer (&empty));
}

/* Text written with escapes reaches the database and comes back exactly. */
static void
test_export_escapes (void)
{
  g_autoptr(RhDatabase) db = rh_test_open_database (":memory:", NULL);
  g_autoptr(RhDeck) deck = NULL;
  g_autoptr(RhDeck) again = NULL;
  g_autoptr(RhCard) card = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  const char *escaped =
    "{\"rehearse_deck\": 1, \"cards\": ["
    " {\"id\": \"b\", \"topic\": \"T\", \"front\": \"\\ud83d\\ude00\\u4e2d\\\"\", \"back\": \"a\\tb\\\\\"},"
    " {\"id\": \"\\u0061\", \"topic\": \"T\", \"front\": \"q\", \"back\": \"a\", \"follow_ups\": [\"b\"]}]}";

  rh_test_import (db, escaped, NULL);
  card = rh_deck_store_dup_card_by_uid (db, "b", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rh_card_get_front (card), ==, "😀中\"");
  g_assert_cmpstr (rh_card_get_back (card), ==, "a\tb\\");
  g_clear_object (&card);

  deck = rh_deck_store_export_deck (db, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (rh_card_get_follow_ups (rh_deck_lookup_card (deck, "a", NULL)),
                    ((const char *[]) { "b", NULL }));
  json = rh_deck_to_json (deck);
  again = rh_test_parse_deck (json);
  g_assert_true (rh_card_content_equal (rh_deck_lookup_card (deck, "b", NULL),
                                        rh_deck_lookup_card (again, "b", NULL)));

  g_clear_object (&deck);
  g_clear_object (&again);
  g_assert_finalize_object (g_steal_pointer (&db));
}

static void
test_export_subtree (void)
{
  g_autoptr(RhDatabase) db = rh_test_open_database (":memory:", NULL);
  g_autoptr(RhDeck) deck = NULL;
  g_autoptr(GError) error = NULL;
  const char *links =
    "{\"rehearse_deck\": 1, \"cards\": ["
    " {\"id\": \"a\", \"topic\": \"Go::Runtime::GC\", \"front\": \"q\", \"back\": \"a\", \"follow_ups\": [\"b\", \"c\"]},"
    " {\"id\": \"b\", \"topic\": \"Go::Runtime\", \"front\": \"q\", \"back\": \"a\"},"
    " {\"id\": \"c\", \"topic\": \"Redis\", \"front\": \"q\", \"back\": \"a\"}]}";

  rh_test_import (db, links, NULL);

  deck = rh_deck_store_export_deck (db, "Go::Runtime", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rh_deck_get_n_cards (deck), ==, 2);
  g_assert_cmpstr (rh_deck_get_name (deck), ==, "Go::Runtime");
  /* The link to a card outside the subtree is dropped so the file imports alone. */
  g_assert_cmpstrv (rh_card_get_follow_ups (rh_deck_lookup_card (deck, "a", NULL)),
                    ((const char *[]) { "b", NULL }));
  g_clear_object (&deck);

  deck = rh_deck_store_export_deck (db, "Go::Runtime::GC", &error);
  g_assert_cmpuint (rh_deck_get_n_cards (deck), ==, 1);
  g_clear_object (&deck);

  deck = rh_deck_store_export_deck (db, "Nope", &error);
  g_assert_null (deck);
  g_assert_error (error, RH_DATABASE_ERROR, RH_DATABASE_ERROR_NOT_FOUND);

  g_assert_finalize_object (g_steal_pointer (&db));
}

static void
test_export_file (void)
{
  g_autoptr(RhDatabase) db = rh_test_open_database (":memory:", NULL);
  g_autoptr(RhDeck) deck = NULL;
  g_autoptr(RhDeck) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "export.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) bad = g_file_new_for_path ("/nonexistent/dir/export.json");

  rh_test_import (db, deck_v1, NULL);
  deck = rh_deck_store_export_deck (db, NULL, &error);
  g_assert_true (rh_deck_save_to_file (deck, file, &error));
  g_assert_no_error (error);

  loaded = rh_deck_new_from_file (file, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rh_deck_get_n_cards (loaded), ==, 3);

  g_assert_false (rh_deck_save_to_file (deck, bad, &error));
  g_assert_error (error, RH_DECK_ERROR, RH_DECK_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "/nonexistent/dir/export.json"));

  g_clear_object (&deck);
  g_clear_object (&loaded);
  g_assert_finalize_object (g_steal_pointer (&db));
}

static void
test_builtin (void)
{
  g_autoptr(RhDatabase) db = rh_test_open_database (":memory:", NULL);
  g_autoptr(GBytes) builtin = NULL;
  g_autoptr(GBytes) changed = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) edited = NULL;
  RhImportResult result;
  guint n_cards;

  builtin = g_resources_lookup_data (RESOURCE_PREFIX "/decks/builtin.json", 0, &error);
  g_assert_no_error (error);

  g_assert_true (rh_deck_store_import_builtin (db, builtin, &result, &error));
  g_assert_no_error (error);
  n_cards = result.added;
  g_assert_cmpuint (n_cards, >=, 3);
  g_assert_cmpuint (rh_deck_store_count_cards (db), ==, n_cards);

  /* Same bytes at the next start: nothing to do. */
  g_assert_true (rh_deck_store_import_builtin (db, builtin, &result, &error));
  g_assert_cmpuint (result.added + result.updated + result.unchanged, ==, 0);

  /* An update that ships a changed deck merges it, keeping reviews. */
  rh_test_exec (db, "UPDATE review_state SET state = 2, due = 1 WHERE card_id = 1;");
  edited = g_string_new_len (g_bytes_get_data (builtin, NULL), g_bytes_get_size (builtin));
  g_string_append (edited, "\n");
  changed = g_bytes_new (edited->str, edited->len);
  g_assert_true (rh_deck_store_import_builtin (db, changed, &result, &error));
  g_assert_cmpuint (result.unchanged, ==, n_cards);
  g_assert_cmpint (rh_test_query_int (db, "SELECT state FROM review_state WHERE card_id = 1;"), ==, 2);

  g_assert_finalize_object (g_steal_pointer (&db));
}

typedef struct
{
  GArray       *done;      /* cards written */
  guint         total;
  guint         cancel_at;
  GCancellable *cancellable;
  GArray       *indexed;   /* cards made searchable, after every card is written */
  guint         index_total;
} Progress;

static void
record_progress_cb (RhImportStage stage,
                    guint         done,
                    guint         total,
                    gpointer      user_data)
{
  Progress *progress = user_data;

  if (stage == RH_IMPORT_STAGE_INDEXING)
    {
      g_array_append_val (progress->indexed, done);
      progress->index_total = total;
      return;
    }

  g_assert_cmpuint (progress->indexed->len, ==, 0);
  g_array_append_val (progress->done, done);
  progress->total = total;
  if (progress->cancel_at > 0 && done >= progress->cancel_at)
    g_cancellable_cancel (progress->cancellable);
}

/* Cancelled halfway, an import leaves the file byte for byte as it was;
 * not cancelled, it reports cards written in order, ending at the total,
 * then cards made searchable the same way. */
/* Edition 1 of a deck has "tcp-wait" and "tcp-time-wait" (the same
 * question twice) and "tcp-close" linking to the first; edition 2 merges
 * them under "tcp-time-wait" and renames "redis-rdb" to "redis-snapshot". */
static const char renamed_v1[] =
  "{\"rehearse_deck\": 1, \"cards\": ["
  " {\"id\": \"tcp-wait\", \"topic\": \"Net::TCP\", \"front\": \"Why TIME_WAIT?\", \"back\": \"2MSL.\"},"
  " {\"id\": \"tcp-time-wait\", \"topic\": \"Net::TCP\", \"front\": \"TIME_WAIT?\", \"back\": \"Late segments.\"},"
  " {\"id\": \"tcp-close\", \"topic\": \"Net::TCP\", \"front\": \"Close?\", \"back\": \"FIN.\","
  "  \"follow_ups\": [\"tcp-wait\", \"tcp-time-wait\"]},"
  " {\"id\": \"redis-rdb\", \"topic\": \"Redis::Persistence\", \"front\": \"RDB?\", \"back\": \"Snapshots.\"}"
  "]}";

static const char renamed_v2[] =
  "{\"rehearse_deck\": 1,"
  " \"renamed\": {\"tcp-wait\": \"tcp-time-wait\", \"redis-rdb\": \"redis-snapshot\"},"
  " \"cards\": ["
  " {\"id\": \"tcp-time-wait\", \"topic\": \"Net::TCP\", \"front\": \"TIME_WAIT?\", \"back\": \"2MSL, late segments.\"},"
  " {\"id\": \"tcp-close\", \"topic\": \"Net::TCP\", \"front\": \"Close?\", \"back\": \"FIN.\","
  "  \"follow_ups\": [\"tcp-time-wait\"]},"
  " {\"id\": \"redis-snapshot\", \"topic\": \"Redis::Persistence\", \"front\": \"RDB?\", \"back\": \"Snapshots, fork.\"}"
  "]}";

static void
answer_card (RhDatabase *db,
             const char *uid,
             gint64      reviewed_at,
             int         reps)
{
  g_autofree char *state = g_strdup_printf (
    "UPDATE review_state SET state = 2, stability = 10.0, difficulty = 5.0, due = %" G_GINT64_FORMAT ","
    " last_review = %" G_GINT64_FORMAT ", reps = %d"
    " WHERE card_id = (SELECT id FROM cards WHERE uid = '%s');",
    reviewed_at + 86400, reviewed_at, reps, uid);
  g_autofree char *log = g_strdup_printf (
    "INSERT INTO review_log (card_id, reviewed_at, rating, state_before, step_before, due_before,"
    " reps_before, lapses_before, state_after, step_after, due_after)"
    " SELECT id, %" G_GINT64_FORMAT ", 3, 0, 0, 0, 0, 0, 2, 0, %" G_GINT64_FORMAT " FROM cards WHERE uid = '%s';",
    reviewed_at, reviewed_at + 86400, uid);

  rh_test_exec (db, state);
  rh_test_exec (db, log);
}

static gint64
card_row_id (RhDatabase *db,
             const char *uid)
{
  g_autofree char *sql = g_strdup_printf ("SELECT coalesce ((SELECT id FROM cards WHERE uid = '%s'), 0);", uid);

  return rh_test_query_int (db, sql);
}

/* A renamed card keeps its row, so its review state, log, interview
 * answers and the links to it; a merged one gives its history to the card
 * it merges into, which keeps the state of the card reviewed last. */
static void
test_renamed_moves_history (void)
{
  g_autoptr(RhDatabase) db = rh_test_open_database (":memory:", NULL);
  g_autoptr(RhCard) card = NULL;
  g_autoptr(GError) error = NULL;
  RhImportResult result;
  gint64 rdb_id, time_wait_id;

  rh_test_import (db, renamed_v1, NULL);
  answer_card (db, "tcp-time-wait", 1772000000, 2);
  answer_card (db, "tcp-wait", 1772366400, 7);
  answer_card (db, "redis-rdb", 1772366400, 4);
  rh_test_exec (db, "INSERT INTO interview_sessions (id, template, seed, plan, state, started_at, saved_at,"
                    " total_seconds, current_card)"
                    " SELECT 1, '{}', 1, '[]', 'paused', 1772366400, 1772366400, 600, id FROM cards WHERE uid = 'tcp-wait';");
  rh_test_exec (db, "INSERT INTO interview_answers (session_id, position, question_index, card_id, title, topic,"
                    " kind, budget_seconds, spent_ms, rating, answered_at)"
                    " SELECT 1, 0, 0, id, 'Why TIME_WAIT?', 'Net::TCP', 'concept', 120, 1000, 3, 1772366400"
                    " FROM cards WHERE uid = 'tcp-wait';");
  rdb_id = card_row_id (db, "redis-rdb");
  time_wait_id = card_row_id (db, "tcp-time-wait");

  rh_test_import (db, renamed_v2, &result);
  g_assert_cmpuint (result.added, ==, 0);
  g_assert_cmpuint (result.updated, ==, 2);
  g_assert_cmpuint (result.unchanged, ==, 1);
  g_assert_cmpuint (rh_deck_store_count_cards (db), ==, 3);

  /* Renamed: the same row under the new id, with its new text. */
  g_assert_cmpint (card_row_id (db, "redis-rdb"), ==, 0);
  g_assert_cmpint (card_row_id (db, "redis-snapshot"), ==, rdb_id);
  card = rh_deck_store_dup_card_by_uid (db, "redis-snapshot", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rh_card_get_back (card), ==, "Snapshots, fork.");
  g_assert_cmpint (rh_test_query_int (db, "SELECT reps FROM review_state WHERE card_id ="
                                          " (SELECT id FROM cards WHERE uid = 'redis-snapshot');"), ==, 4);
  g_assert_cmpint (rh_test_query_int (db, "SELECT count(*) FROM review_log WHERE card_id ="
                                          " (SELECT id FROM cards WHERE uid = 'redis-snapshot');"), ==, 1);

  /* Merged: the old card is gone, its history joined the new one's, and
   * its later review decided the state. */
  g_assert_cmpint (card_row_id (db, "tcp-wait"), ==, 0);
  g_assert_cmpint (card_row_id (db, "tcp-time-wait"), ==, time_wait_id);
  g_assert_cmpint (rh_test_query_int (db, "SELECT count(*) FROM review_log;"), ==, 3);
  g_assert_cmpint (rh_test_query_int (db, "SELECT count(*) FROM review_log WHERE card_id ="
                                          " (SELECT id FROM cards WHERE uid = 'tcp-time-wait');"), ==, 2);
  g_assert_cmpint (rh_test_query_int (db, "SELECT reps FROM review_state WHERE card_id ="
                                          " (SELECT id FROM cards WHERE uid = 'tcp-time-wait');"), ==, 7);
  g_assert_cmpint (rh_test_query_int (db, "SELECT last_review FROM review_state WHERE card_id ="
                                          " (SELECT id FROM cards WHERE uid = 'tcp-time-wait');"), ==, 1772366400);
  g_assert_cmpint (rh_test_query_int (db, "SELECT count(*) FROM review_state;"), ==, 3);
  g_assert_cmpint (rh_test_query_int (db, "SELECT card_id FROM interview_answers;"), ==, time_wait_id);
  g_assert_cmpint (rh_test_query_int (db, "SELECT current_card FROM interview_sessions;"), ==, time_wait_id);

  /* The link to the old card now names the new one, once. */
  g_clear_object (&card);
  card = rh_deck_store_dup_card_by_uid (db, "tcp-close", &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (rh_card_get_follow_ups (card), ((const char *[]) { "tcp-time-wait", NULL }));
  g_assert_cmpint (rh_test_query_int (db, "SELECT count(*) FROM follow_ups;"), ==, 1);

  /* The counters the sidebar reads equal a recount. */
  g_assert_cmpint (rh_test_query_int (db, "SELECT sum (cards) FROM topic_counts;"), ==, 3);
  g_assert_cmpint (rh_test_query_int (db, "SELECT sum (new) FROM topic_counts;"), ==,
                   rh_test_query_int (db, "SELECT count(*) FROM review_state WHERE state = 0;"));

  /* Importing edition 2 again changes nothing. */
  rh_test_import (db, renamed_v2, &result);
  g_assert_cmpuint (result.unchanged, ==, 3);
  g_assert_cmpint (rh_test_query_int (db, "SELECT count(*) FROM review_log;"), ==, 3);

  g_clear_object (&card);
  g_assert_finalize_object (g_steal_pointer (&db));
}

/* A user who never had the old cards gets edition 2 as it is. */
static void
test_renamed_new_user (void)
{
  g_autoptr(RhDatabase) db = rh_test_open_database (":memory:", NULL);
  RhImportResult result;

  rh_test_import (db, renamed_v2, &result);
  g_assert_cmpuint (result.added, ==, 3);
  g_assert_cmpint (card_row_id (db, "tcp-wait"), ==, 0);
  g_assert_cmpint (card_row_id (db, "redis-rdb"), ==, 0);
  g_assert_cmpint (rh_test_query_int (db, "SELECT count(*) FROM review_log;"), ==, 0);

  g_assert_finalize_object (g_steal_pointer (&db));
}

static void
test_renamed_refused (void)
{
  static const struct
  {
    const char *json;
    int         code;
    const char *message;
  } cases[] = {
    { "{\"rehearse_deck\": 1, \"renamed\": {\"a\": \"b\"},"
      " \"cards\": [{\"id\": \"c\", \"topic\": \"T\", \"front\": \"q\", \"back\": \"a\"}]}",
      RH_DECK_ERROR_INVALID_VALUE, "“renamed”: “a” is renamed to “b”, which is not a card of this deck" },
    { "{\"rehearse_deck\": 1, \"renamed\": {\"a\": \"b\"}, \"cards\": ["
      " {\"id\": \"a\", \"topic\": \"T\", \"front\": \"q\", \"back\": \"a\"},"
      " {\"id\": \"b\", \"topic\": \"T\", \"front\": \"q\", \"back\": \"a\"}]}",
      RH_DECK_ERROR_INVALID_VALUE, "but a card of this deck still has the id “a”" },
    { "{\"rehearse_deck\": 1, \"renamed\": {\"b\": \"b\"},"
      " \"cards\": [{\"id\": \"b\", \"topic\": \"T\", \"front\": \"q\", \"back\": \"a\"}]}",
      RH_DECK_ERROR_INVALID_VALUE, "“b” is renamed to itself" },
    { "{\"rehearse_deck\": 1, \"renamed\": {\"a\": 2},"
      " \"cards\": [{\"id\": \"b\", \"topic\": \"T\", \"front\": \"q\", \"back\": \"a\"}]}",
      RH_DECK_ERROR_WRONG_TYPE, "“a” must be renamed to a card id, a string, not a number" },
    { "{\"rehearse_deck\": 1, \"renamed\": [\"a\", \"b\"],"
      " \"cards\": [{\"id\": \"b\", \"topic\": \"T\", \"front\": \"q\", \"back\": \"a\"}]}",
      RH_DECK_ERROR_WRONG_TYPE, "“renamed” must be an object" },
    { "{\"rehearse_deck\": 1, \"renamed\": {\" a\": \"b\"},"
      " \"cards\": [{\"id\": \"b\", \"topic\": \"T\", \"front\": \"q\", \"back\": \"a\"}]}",
      RH_DECK_ERROR_INVALID_VALUE, "must not begin or end with white space" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RhDeck) deck = rh_deck_new_from_data (cases[i].json, strlen (cases[i].json), "test.json", &error);

      g_assert_null (deck);
      g_assert_error (error, RH_DECK_ERROR, cases[i].code);
      if (strstr (error->message, cases[i].message) == NULL)
        g_error ("case %u: “%s” does not say “%s”", i, error->message, cases[i].message);
    }
}

static void
test_cancel_and_progress (void)
{
  g_autofree char *dir = g_dir_make_tmp ("rehearse-import-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "cancel.db", NULL);
  g_autofree char *big = rh_test_make_deck (3000, "Bulk::Part", "bulk");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GArray) done = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) indexed = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GError) error = NULL;
  g_autoptr(RhDeck) deck = rh_test_parse_deck (big);
  Progress progress = { done, 0, 1500, cancellable, indexed, 0 };
  RhDatabase *db;
  RhImportResult result;

  db = rh_test_open_database (path, NULL);
  rh_test_import (db, deck_v1, NULL);
  g_assert_finalize_object (db);
  before = rh_test_checksum_file (path);

  db = rh_test_open_database (path, NULL);
  g_assert_false (rh_deck_store_import_deck_full (db, deck, cancellable, record_progress_cb, &progress,
                                                  &result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_cmpuint (g_array_index (done, guint, done->len - 1), <, 3000);
  g_assert_cmpint (rh_test_query_int (db, "SELECT count(*) FROM cards;"), ==, 3);
  g_assert_cmpint (rh_test_query_int (db, "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND name IN"
                                       " ('cards_review_state', 'cards_fts_insert', 'cards_fts_update', 'cards_fts_delete');"), ==, 4);
  g_assert_finalize_object (db);
  after = rh_test_checksum_file (path);
  g_assert_cmpstr (before, ==, after);

  /* And the same connection can import after a Cancel. */
  db = rh_test_open_database (path, NULL);
  g_array_set_size (done, 0);
  g_array_set_size (indexed, 0);
  progress.cancel_at = 0;
  g_cancellable_reset (cancellable);
  g_assert_true (rh_deck_store_import_deck_full (db, deck, cancellable, record_progress_cb, &progress,
                                                 &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.added, ==, 3000);
  g_assert_cmpuint (progress.total, ==, 3000);
  g_assert_cmpuint (done->len, >=, 3);
  g_assert_cmpuint (g_array_index (done, guint, 0), ==, 0);
  for (guint i = 1; i < done->len; i++)
    g_assert_cmpuint (g_array_index (done, guint, i - 1), <=, g_array_index (done, guint, i));
  g_assert_cmpuint (g_array_index (done, guint, done->len - 1), ==, 3000);
  g_assert_cmpuint (progress.index_total, ==, 3000);
  g_assert_cmpuint (indexed->len, >=, 3);
  g_assert_cmpuint (g_array_index (indexed, guint, 0), ==, 0);
  for (guint i = 1; i < indexed->len; i++)
    g_assert_cmpuint (g_array_index (indexed, guint, i - 1), <=, g_array_index (indexed, guint, i));
  g_assert_cmpuint (g_array_index (indexed, guint, indexed->len - 1), ==, 3000);
  g_assert_cmpint (rh_test_query_int (db, "SELECT count(*) FROM cards_fts;"), ==, 3003);
  g_assert_finalize_object (db);

  rh_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/import/new", test_import_new);
  g_test_add_func ("/import/merge-keeps-reviews", test_merge_keeps_reviews);
  g_test_add_func ("/import/follow-up-into-database", test_follow_up_into_database);
  g_test_add_func ("/import/reimport-sees-each-change", test_reimport_sees_each_change);
  g_test_add_func ("/import/all-or-nothing", test_all_or_nothing);
  g_test_add_func ("/import/cancel-and-progress", test_cancel_and_progress);
  g_test_add_func ("/import/builtin", test_builtin);
  g_test_add_func ("/import/renamed/moves-history", test_renamed_moves_history);
  g_test_add_func ("/import/renamed/new-user", test_renamed_new_user);
  g_test_add_func ("/import/renamed/refused", test_renamed_refused);
  g_test_add_func ("/export/round-trip", test_export_round_trip);
  g_test_add_func ("/export/escapes", test_export_escapes);
  g_test_add_func ("/export/subtree", test_export_subtree);
  g_test_add_func ("/export/file", test_export_file);

  return g_test_run ();
}
