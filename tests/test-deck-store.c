/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

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
  g_assert_error (error, RH_DATABASE_ERROR, RH_DATABASE_ERROR_FAILED);
  g_clear_error (&error);
  rh_card_set_back (card, "ok");
  rh_card_set_topic (card, "::");
  g_assert_false (rh_deck_store_update_card (db, card, &error));
  g_assert_nonnull (error);
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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/deck-store/topics/nest", test_topics_nest);
  g_test_add_func ("/deck-store/cards/update", test_update_card);
  g_test_add_func ("/deck-store/cards/suspend", test_suspend_card);

  return g_test_run ();
}
