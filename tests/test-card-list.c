/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "rh-card-list.h"
#include "rh-test-utils.h"

static void
test_card_list_lazy (void)
{
  g_autoptr(RhDatabase) db = rh_test_open_database (":memory:", NULL);
  g_autoptr(RhCardList) list = NULL;
  g_autofree char *deck = rh_test_make_deck (5000, "Bulk", "bulk");
  RhCard *card, *again;
  guint64 queries;

  rh_test_import (db, deck, NULL);

  /* Nothing is read until a view asks, changes included. */
  queries = rh_database_get_n_queries (db);
  list = rh_card_list_new (db, NULL, NULL);
  rh_card_list_set_topic_path (list, "Bulk");
  rh_card_list_set_topic_path (list, "");
  rh_database_emit_changed (db, RH_DATABASE_CHANGE_CARDS);
  g_assert_cmpuint (rh_database_get_n_queries (db), ==, queries);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 5000);
  g_assert_cmpuint (rh_database_get_n_queries (db) - queries, ==, 1);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (list)) == RH_TYPE_CARD);
  g_assert_cmpuint (rh_card_list_get_n_materialized (list), ==, 0);

  card = g_list_model_get_item (G_LIST_MODEL (list), 4321);
  g_assert_cmpstr (rh_card_get_uid (card), ==, "bulk-4321");
  g_assert_cmpuint (rh_card_list_get_n_materialized (list), ==, 1);

  /* Asking again gives the same object while it is alive. */
  again = g_list_model_get_item (G_LIST_MODEL (list), 4321);
  g_assert_true (card == again);
  g_object_unref (again);

  g_assert_finalize_object (card);
  g_assert_cmpuint (rh_card_list_get_n_materialized (list), ==, 0);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), 5000));

  g_assert_finalize_object (g_steal_pointer (&list));
  g_assert_finalize_object (g_steal_pointer (&db));
}

static void
test_card_list_query (void)
{
  g_autoptr(RhDatabase) db = rh_test_open_database (":memory:", NULL);
  g_autoptr(RhCardList) list = NULL;
  const char *deck =
    "{\"rehearse_deck\": 1, \"cards\": ["
    " {\"id\": \"gmp\", \"topic\": \"Go::调度\", \"front\": \"讲讲 GMP 调度模型\", \"back\": \"G、M、P 三者…\", \"tags\": [\"runtime\"]},"
    " {\"id\": \"steal\", \"topic\": \"Go::调度\", \"front\": \"什么是 work stealing？\", \"back\": \"P 从别的 P 偷 G。\"},"
    " {\"id\": \"gc\", \"topic\": \"Go::内存\", \"front\": \"三色标记\", \"back\": \"Write barrier keeps 100% of reachable objects.\"},"
    " {\"id\": \"rdb\", \"topic\": \"Redis\", \"front\": \"RDB 和 AOF\", \"back\": \"快照与日志\", \"tags\": [\"persistence\"]}"
    "]}";

  rh_test_import (db, deck, NULL);
  list = rh_card_list_new (db, "Go", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);

  rh_card_list_set_topic_path (list, "Go::调度");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);

  /* Two Chinese characters: too short for trigrams, found all the same. */
  rh_card_list_set_topic_path (list, "");
  rh_card_list_set_search (list, "调度");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);

  /* Substring in the middle of a Chinese run, through the trigram index. */
  rh_card_list_set_search (list, "调度模型");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);

  /* Case-insensitive, in the back, and in tags. */
  rh_card_list_set_search (list, "WRITE barrier");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  rh_card_list_set_search (list, "persistence");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);

  /* Words are ANDed; FTS operators and LIKE wildcards are literal. */
  rh_card_list_set_search (list, "GMP 偷");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  rh_card_list_set_search (list, "100%");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  rh_card_list_set_search (list, "%");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  rh_card_list_set_search (list, "\"AND\" OR");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);

  rh_card_list_set_search (list, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 4);

  g_assert_finalize_object (g_steal_pointer (&list));
  g_assert_finalize_object (g_steal_pointer (&db));
}

static void
test_card_list_items_changed (void)
{
  g_autoptr(RhDatabase) db = rh_test_open_database (":memory:", NULL);
  g_autoptr(RhCardList) list = NULL;
  g_autofree char *first = rh_test_make_deck (10, "Go", "go");
  g_autofree char *more = rh_test_make_deck (3, "Go::GC", "gc");
  g_autofree char *other = rh_test_make_deck (3, "Redis", "redis");
  RhTestItemsChanged record = { 0 };
  g_autoptr(GString) edited = NULL;
  RhCard *held;

  rh_test_import (db, first, NULL);
  list = rh_card_list_new (db, "Go", NULL);
  g_signal_connect (list, "items-changed", G_CALLBACK (rh_test_record_items_changed), &record);
  held = g_list_model_get_item (G_LIST_MODEL (list), 2);

  rh_test_import (db, more, NULL);
  g_assert_cmpuint (record.emissions, ==, 1);
  g_assert_cmpuint (record.position, ==, 10);
  g_assert_cmpuint (record.removed, ==, 0);
  g_assert_cmpuint (record.added, ==, 3);

  /* Cards outside the topic do not disturb the list. */
  rh_test_import (db, other, NULL);
  g_assert_cmpuint (record.emissions, ==, 1);

  /* An edited card is updated in place, with no items-changed. */
  edited = g_string_new (first);
  g_string_replace (edited, "Question 2\"", "Question two\"", 1);
  rh_test_import (db, edited->str, NULL);
  g_assert_cmpuint (record.emissions, ==, 1);
  g_assert_cmpstr (rh_card_get_front (held), ==, "Question two");

  /* Moving a card out of the subtree removes exactly its row. */
  g_string_replace (edited, "\"id\": \"go-5\", \"topic\": \"Go\"", "\"id\": \"go-5\", \"topic\": \"Redis\"", 1);
  rh_test_import (db, edited->str, NULL);
  g_assert_cmpuint (record.emissions, ==, 2);
  g_assert_cmpuint (record.position, ==, 5);
  g_assert_cmpuint (record.removed, ==, 1);
  g_assert_cmpuint (record.added, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 12);

  g_assert_finalize_object (held);
  g_assert_finalize_object (g_steal_pointer (&list));
  g_assert_finalize_object (g_steal_pointer (&db));
}

/* A list model has an item at every position, even when a card cannot be
 * read any more (a damaged file, or another process deleted it): one that
 * says so stands in. */
static void
test_card_list_unreadable (void)
{
  g_autoptr(RhDatabase) db = rh_test_open_database (":memory:", NULL);
  g_autofree char *deck = rh_test_make_deck (30, "Bulk", "bulk");
  g_autoptr(RhCardList) list = NULL;
  g_autoptr(RhCard) card = NULL;

  rh_test_import (db, deck, NULL);
  list = rh_card_list_new (db, NULL, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 30);

  /* Behind the list's back, so it still holds the row id. */
  rh_test_exec (db, "DELETE FROM cards WHERE uid = 'bulk-25';");

  g_test_expect_message ("rh-card-list", G_LOG_LEVEL_WARNING, "Cannot read card *");
  card = g_list_model_get_item (G_LIST_MODEL (list), 25);
  g_test_assert_expected_messages ();
  g_assert_nonnull (card);
  g_assert_true (RH_IS_CARD (card));
  g_assert_cmpstr (rh_card_get_front (card), ==, "This card cannot be read");

  g_clear_object (&card);
  g_assert_finalize_object (g_steal_pointer (&list));
  g_assert_finalize_object (g_steal_pointer (&db));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/card-list/lazy", test_card_list_lazy);
  g_test_add_func ("/card-list/query", test_card_list_query);
  g_test_add_func ("/card-list/items-changed", test_card_list_items_changed);
  g_test_add_func ("/card-list/unreadable", test_card_list_unreadable);

  return g_test_run ();
}
