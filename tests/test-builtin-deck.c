/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "rh-markdown.h"
#include "rh-test-utils.h"

/* The built-in deck is what a new user studies on day one: these checks
 * hold it to the rules in the README through the real parser and importer. */

#define MIN_CARDS  300
#define MIN_CHAINS 30

static RhDeck *
load_builtin (GBytes **bytes_out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_resources_lookup_data (RESOURCE_PREFIX "/decks/builtin.json", 0, &error);
  RhDeck *deck;
  gsize length;
  const char *data;

  g_assert_no_error (error);
  data = g_bytes_get_data (bytes, &length);
  deck = rh_deck_new_from_data (data, length, "builtin.json", &error);
  g_assert_no_error (error);

  if (bytes_out)
    *bytes_out = g_steal_pointer (&bytes);

  return deck;
}

static void
test_imports (void)
{
  g_autoptr(RhDatabase) db = rh_test_open_database (":memory:", NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(RhDeck) deck = load_builtin (&bytes);
  g_autoptr(GError) error = NULL;
  RhImportResult result;

  g_assert_cmpstr (rh_deck_get_language (deck), ==, "zh-CN");
  g_assert_cmpuint (rh_deck_get_n_cards (deck), >=, MIN_CARDS);

  g_assert_true (rh_deck_store_import_builtin (db, bytes, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.added, ==, rh_deck_get_n_cards (deck));
  g_assert_cmpuint (rh_deck_store_count_cards (db), ==, rh_deck_get_n_cards (deck));

  /* Every card's topic is in the tree, two levels deep, under a parent. */
  for (guint i = 0; i < rh_deck_get_n_cards (deck); i++)
    {
      RhCard *card = rh_deck_get_card (deck, i);
      g_autoptr(RhTopic) topic = rh_deck_store_dup_topic (db, rh_card_get_topic (card), &error);
      g_autofree char *parent = rh_topic_path_dup_parent (rh_card_get_topic (card));
      g_autoptr(RhTopic) parent_topic = rh_deck_store_dup_topic (db, parent, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (rh_topic_get_depth (topic), ==, 2);
      g_assert_true (rh_topic_get_has_children (parent_topic));
    }

  g_assert_finalize_object (g_steal_pointer (&db));
}

static void
test_ids_and_links (void)
{
  g_autoptr(RhDeck) deck = load_builtin (NULL);
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < rh_deck_get_n_cards (deck); i++)
    {
      RhCard *card = rh_deck_get_card (deck, i);
      const char * const *follow_ups = rh_card_get_follow_ups (card);
      const char *uid = rh_card_get_uid (card);

      g_assert_true (g_hash_table_add (ids, (gpointer)uid));
      g_assert_true (g_regex_match_simple ("^[a-z0-9]+(-[a-z0-9]+)*$", uid, 0, 0));

      for (guint j = 0; follow_ups && follow_ups[j]; j++)
        if (rh_deck_lookup_card (deck, follow_ups[j], NULL) == NULL)
          g_error ("%s: follow-up “%s” is not in the deck", uid, follow_ups[j]);
    }
}

enum { WHITE, GREY, BLACK };

/* Depth-first: fails on a loop, returns the longest chain below @position
 * in levels (a card with no follow-ups is 0). */
static guint
chain_depth (RhDeck *deck,
             guint   position,
             guint8 *colour,
             guint  *depth)
{
  RhCard *card = rh_deck_get_card (deck, position);
  const char * const *follow_ups = rh_card_get_follow_ups (card);
  guint deepest = 0;

  if (colour[position] == GREY)
    g_error ("follow-up chain loops through “%s”", rh_card_get_uid (card));
  if (colour[position] == BLACK)
    return depth[position];

  colour[position] = GREY;
  for (guint j = 0; follow_ups && follow_ups[j]; j++)
    {
      guint next;

      rh_deck_lookup_card (deck, follow_ups[j], &next);
      deepest = MAX (deepest, chain_depth (deck, next, colour, depth) + 1);
    }
  colour[position] = BLACK;
  depth[position] = deepest;

  return deepest;
}

static void
test_chains (void)
{
  g_autoptr(RhDeck) deck = load_builtin (NULL);
  g_autoptr(GHashTable) followed = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = rh_deck_get_n_cards (deck);
  g_autofree guint8 *colour = g_new0 (guint8, n);
  g_autofree guint *depth = g_new0 (guint, n);
  guint chains = 0;

  for (guint i = 0; i < n; i++)
    {
      const char * const *follow_ups = rh_card_get_follow_ups (rh_deck_get_card (deck, i));

      for (guint j = 0; follow_ups && follow_ups[j]; j++)
        g_hash_table_add (followed, (gpointer)follow_ups[j]);
    }

  for (guint i = 0; i < n; i++)
    {
      RhCard *card = rh_deck_get_card (deck, i);
      guint levels = chain_depth (deck, i, colour, depth);

      /* A chain starts at a card nobody follows up on. */
      if (g_hash_table_contains (followed, rh_card_get_uid (card)) || levels == 0)
        continue;

      if (levels > 4)
        g_error ("the chain from “%s” is %u levels deep; keep chains to 2–4", rh_card_get_uid (card), levels);
      if (levels >= 2)
        chains++;
    }

  g_test_message ("%u deep-dive chains", chains);
  g_assert_cmpuint (chains, >=, MIN_CHAINS);
}

static const char * const placeholders[] = {
  "TODO", "TBD", "FIXME", "placeholder", "lorem ipsum", "待补充", "待完善", NULL
};

static void
test_content (void)
{
  g_autoptr(RhDeck) deck = load_builtin (NULL);

  for (guint i = 0; i < rh_deck_get_n_cards (deck); i++)
    {
      RhCard *card = rh_deck_get_card (deck, i);
      const char *uid = rh_card_get_uid (card);
      g_autofree char *lower = g_utf8_strdown (rh_card_get_back (card), -1);
      g_autoptr(GString) back = g_string_new (lower);
      g_autoptr(GPtrArray) blocks = rh_markdown_render (rh_card_get_back (card));
      guint seconds = rh_card_get_seconds (card);
      guint low = 0, high = 0;

      /* context.TODO() is Go API, not a note to self. */
      g_string_replace (back, "context.todo()", "", 0);

      for (guint j = 0; placeholders[j]; j++)
        {
          g_autofree char *needle = g_utf8_strdown (placeholders[j], -1);

          if (strstr (back->str, needle))
            g_error ("%s: the answer contains “%s”", uid, placeholders[j]);
        }

      /* An answer worth studying is more than a line. */
      if (g_utf8_strlen (rh_card_get_back (card), -1) < 80)
        g_error ("%s: the answer is too short to be useful", uid);
      if (g_strcmp0 (rh_card_get_front (card), rh_card_get_back (card)) == 0)
        g_error ("%s: the answer repeats the question", uid);

      /* Code is highlighted, so every code block names its language. */
      for (guint j = 0; j < blocks->len; j++)
        {
          RhMarkdownBlock *block = g_ptr_array_index (blocks, j);

          if (rh_markdown_block_get_kind (block) == RH_MARKDOWN_BLOCK_CODE &&
              rh_markdown_block_get_language (block) == NULL)
            g_error ("%s: a code block has no language", uid);
        }

      switch (rh_card_get_kind (card))
        {
        case RH_CARD_KIND_CONCEPT:
          low = 120, high = 300;
          break;
        case RH_CARD_KIND_CODING:
          low = 900, high = 1800;
          break;
        case RH_CARD_KIND_DESIGN:
          low = high = 1200;
          break;
        case RH_CARD_KIND_TROUBLESHOOTING:
        case RH_CARD_KIND_BEHAVIORAL:
          low = 180, high = 600;
          break;
        default:
          g_assert_not_reached ();
        }

      if (seconds < low || seconds > high)
        g_error ("%s: a %s card should take %u–%u seconds, not %u", uid,
                 rh_card_kind_to_string (rh_card_get_kind (card)), low, high, seconds);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/builtin-deck/imports", test_imports);
  g_test_add_func ("/builtin-deck/ids-and-links", test_ids_and_links);
  g_test_add_func ("/builtin-deck/chains", test_chains);
  g_test_add_func ("/builtin-deck/content", test_content);

  return g_test_run ();
}
