/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "rh-test-utils.h"

static const char valid_deck[] =
  "{\n"
  "  \"rehearse_deck\": 1,\n"
  "  \"name\": \"Backend\",\n"
  "  \"language\": \"zh-CN\",\n"
  "  \"description\": \"Test deck\",\n"
  "  \"x-extra\": {\"ignored\": true},\n"
  "  \"cards\": [\n"
  "    {\"id\": \"redis-rdb\", \"topic\": \" Redis :: Persistence \", \"front\": \"RDB?\","
  "     \"back\": \"A snapshot.\", \"tags\": [\"redis\", \" db \"], \"kind\": \"concept\","
  "     \"seconds\": 180, \"follow_ups\": [\"redis-aof\"], \"unknown\": 5},\n"
  "    {\"id\": \"redis-aof\", \"topic\": \"Redis::Persistence\", \"front\": \"AOF?\","
  "     \"back\": \"An append-only log.\", \"kind\": \"design\", \"seconds\": null}\n"
  "  ]\n"
  "}\n";

static void
test_parse_valid (void)
{
  g_autoptr(RhDeck) deck = rh_test_parse_deck (valid_deck);
  RhCard *card;

  g_assert_cmpstr (rh_deck_get_name (deck), ==, "Backend");
  g_assert_cmpstr (rh_deck_get_language (deck), ==, "zh-CN");
  g_assert_cmpstr (rh_deck_get_description (deck), ==, "Test deck");
  g_assert_cmpuint (rh_deck_get_n_cards (deck), ==, 2);

  card = rh_deck_get_card (deck, 0);
  g_assert_cmpstr (rh_card_get_uid (card), ==, "redis-rdb");
  /* Topic segments are trimmed. */
  g_assert_cmpstr (rh_card_get_topic (card), ==, "Redis::Persistence");
  g_assert_cmpstr (rh_card_get_front (card), ==, "RDB?");
  g_assert_cmpstr (rh_card_get_back (card), ==, "A snapshot.");
  g_assert_cmpstrv (rh_card_get_tags (card), ((const char *[]) { "redis", "db", NULL }));
  g_assert_cmpint (rh_card_get_kind (card), ==, RH_CARD_KIND_CONCEPT);
  g_assert_cmpuint (rh_card_get_seconds (card), ==, 180);
  g_assert_cmpstrv (rh_card_get_follow_ups (card), ((const char *[]) { "redis-aof", NULL }));

  card = rh_deck_lookup_card (deck, "redis-aof", NULL);
  g_assert_nonnull (card);
  g_assert_cmpint (rh_card_get_kind (card), ==, RH_CARD_KIND_DESIGN);
  g_assert_cmpuint (rh_card_get_seconds (card), ==, 0);
  g_assert_null (rh_card_get_tags (card));

  g_assert_finalize_object (g_steal_pointer (&deck));
}

typedef struct
{
  const char  *name;
  const char  *json;
  RhDeckError  code;
  const char  *message_parts[4];
} ErrorCase;

#define CARD(rest) "{\"rehearse_deck\": 1, \"cards\": [" rest "]}"
#define GOOD "{\"id\": \"a\", \"topic\": \"T\", \"front\": \"q\", \"back\": \"a\"}"

static const ErrorCase error_cases[] = {
  { "empty", "", RH_DECK_ERROR_EMPTY, { "test.json", "empty" } },
  { "blank", "  \n\t ", RH_DECK_ERROR_EMPTY, { "test.json", "empty" } },
  { "not-utf8", "{\"a\": \"\xff\"}", RH_DECK_ERROR_ENCODING, { "test.json", "UTF-8", "offset 7" } },
  { "trailing-comma", "{\n  \"rehearse_deck\": 1,\n  \"cards\": [],\n}", RH_DECK_ERROR_SYNTAX,
    { "test.json", "line 4, column 1", "trailing comma" } },
  { "missing-comma", "{\"rehearse_deck\": 1\n \"cards\": []}", RH_DECK_ERROR_SYNTAX,
    { "line 2, column 2", "expected “,” or “}”" } },
  { "single-quotes", "{'rehearse_deck': 1}", RH_DECK_ERROR_SYNTAX, { "line 1, column 2" } },
  { "comment", "/* deck */ {\"rehearse_deck\": 1, \"cards\": []}", RH_DECK_ERROR_SYNTAX,
    { "line 1, column 1" } },
  { "leading-zero", "{\"rehearse_deck\": 01, \"cards\": []}", RH_DECK_ERROR_SYNTAX,
    { "line 1, column 20", "leading zeros" } },
  { "two-documents", "{\"rehearse_deck\": 1, \"cards\": []} {}", RH_DECK_ERROR_SYNTAX,
    { "line 1, column 35", "after the end" } },
  { "duplicate-key", "{\"rehearse_deck\": 1, \"cards\": [], \"cards\": []}", RH_DECK_ERROR_SYNTAX,
    { "line 1, column 35", "duplicate key" } },
  { "raw-control", "{\"rehearse_deck\": 1, \"name\": \"a\tb\", \"cards\": []}", RH_DECK_ERROR_SYNTAX,
    { "control characters" } },
  { "bad-escape", "{\"rehearse_deck\": 1, \"name\": \"\\x41\", \"cards\": []}", RH_DECK_ERROR_SYNTAX,
    { "invalid escape" } },
  { "unterminated", "{\"rehearse_deck\": 1, \"name\": \"abc", RH_DECK_ERROR_SYNTAX,
    { "unterminated string" } },
  { "chinese-column", "{\"name\": \"中文\",, \"rehearse_deck\": 1}", RH_DECK_ERROR_SYNTAX,
    { "line 1, column 15" } },
  { "top-array", "[1, 2]", RH_DECK_ERROR_NOT_A_DECK, { "not a Rehearse deck", "an array" } },
  { "no-version", "{\"cards\": []}", RH_DECK_ERROR_NOT_A_DECK, { "rehearse_deck" } },
  { "version-string", "{\"rehearse_deck\": \"1\", \"cards\": []}", RH_DECK_ERROR_WRONG_TYPE,
    { "“rehearse_deck” must be a whole number", "a string" } },
  { "version-newer", "{\"rehearse_deck\": 2, \"cards\": []}", RH_DECK_ERROR_VERSION,
    { "version 2 is newer", "update Rehearse" } },
  { "version-zero", "{\"rehearse_deck\": 0, \"cards\": []}", RH_DECK_ERROR_VERSION,
    { "unknown deck format version 0" } },
  { "name-type", "{\"rehearse_deck\": 1, \"name\": 5, \"cards\": []}", RH_DECK_ERROR_WRONG_TYPE,
    { "“name” must be a string" } },
  { "no-cards", "{\"rehearse_deck\": 1}", RH_DECK_ERROR_MISSING_FIELD, { "“cards”", "missing" } },
  { "cards-object", "{\"rehearse_deck\": 1, \"cards\": {}}", RH_DECK_ERROR_WRONG_TYPE,
    { "“cards” must be an array", "an object" } },
  { "card-string", CARD (GOOD ", \"x\""), RH_DECK_ERROR_WRONG_TYPE, { "cards[1]", "must be an object" } },
  { "missing-id", CARD ("{\"topic\": \"T\", \"front\": \"q\", \"back\": \"a\"}"),
    RH_DECK_ERROR_MISSING_FIELD, { "test.json", "cards[0]", "“id” is missing" } },
  { "missing-topic", CARD ("{\"id\": \"x\", \"front\": \"q\", \"back\": \"a\"}"),
    RH_DECK_ERROR_MISSING_FIELD, { "cards[0] (id “x”)", "“topic” is missing" } },
  { "missing-front", CARD (GOOD ", {\"id\": \"b\", \"topic\": \"T\", \"back\": \"a\"}"),
    RH_DECK_ERROR_MISSING_FIELD, { "cards[1] (id “b”)", "“front” is missing" } },
  { "missing-back", CARD ("{\"id\": \"b\", \"topic\": \"T\", \"front\": \"q\"}"),
    RH_DECK_ERROR_MISSING_FIELD, { "(id “b”)", "“back” is missing" } },
  { "empty-back", CARD ("{\"id\": \"b\", \"topic\": \"T\", \"front\": \"q\", \"back\": \"  \\n\"}"),
    RH_DECK_ERROR_INVALID_VALUE, { "(id “b”)", "“back” must not be empty" } },
  { "front-number", CARD ("{\"id\": \"b\", \"topic\": \"T\", \"front\": 3, \"back\": \"a\"}"),
    RH_DECK_ERROR_WRONG_TYPE, { "(id “b”)", "“front” must be a string, not a number" } },
  { "id-array", CARD ("{\"id\": [], \"topic\": \"T\", \"front\": \"q\", \"back\": \"a\"}"),
    RH_DECK_ERROR_WRONG_TYPE, { "cards[0]", "“id” must be a string, not an array" } },
  { "bad-topic", CARD ("{\"id\": \"b\", \"topic\": \"Go::::GC\", \"front\": \"q\", \"back\": \"a\"}"),
    RH_DECK_ERROR_INVALID_VALUE, { "(id “b”)", "“topic”", "Go::::GC" } },
  { "tags-string", CARD ("{\"id\": \"b\", \"topic\": \"T\", \"front\": \"q\", \"back\": \"a\", \"tags\": \"x\"}"),
    RH_DECK_ERROR_WRONG_TYPE, { "(id “b”)", "“tags” must be an array of strings" } },
  { "tags-number", CARD ("{\"id\": \"b\", \"topic\": \"T\", \"front\": \"q\", \"back\": \"a\", \"tags\": [\"x\", 2]}"),
    RH_DECK_ERROR_WRONG_TYPE, { "“tags” item 1 must be a string" } },
  { "kind-unknown", CARD ("{\"id\": \"b\", \"topic\": \"T\", \"front\": \"q\", \"back\": \"a\", \"kind\": \"trivia\"}"),
    RH_DECK_ERROR_INVALID_VALUE, { "(id “b”)", "“kind”", "“trivia” is not one of" } },
  { "seconds-string", CARD ("{\"id\": \"b\", \"topic\": \"T\", \"front\": \"q\", \"back\": \"a\", \"seconds\": \"60\"}"),
    RH_DECK_ERROR_WRONG_TYPE, { "“seconds” must be a whole number" } },
  { "seconds-fraction", CARD ("{\"id\": \"b\", \"topic\": \"T\", \"front\": \"q\", \"back\": \"a\", \"seconds\": 1.5}"),
    RH_DECK_ERROR_WRONG_TYPE, { "“seconds” must be a whole number" } },
  { "seconds-negative", CARD ("{\"id\": \"b\", \"topic\": \"T\", \"front\": \"q\", \"back\": \"a\", \"seconds\": -5}"),
    RH_DECK_ERROR_INVALID_VALUE, { "“seconds” must be between 1 and 86400, not -5" } },
  { "duplicate-id", CARD (GOOD ", " GOOD), RH_DECK_ERROR_DUPLICATE_ID,
    { "cards[1] (id “a”)", "same as the id of cards[0]" } },
  { "follow-up-self", CARD ("{\"id\": \"b\", \"topic\": \"T\", \"front\": \"q\", \"back\": \"a\", \"follow_ups\": [\"b\"]}"),
    RH_DECK_ERROR_INVALID_VALUE, { "(id “b”)", "“follow_ups”", "itself" } },
  { "follow-up-twice", CARD (GOOD ", {\"id\": \"b\", \"topic\": \"T\", \"front\": \"q\", \"back\": \"a\", \"follow_ups\": [\"a\", \"a\"]}"),
    RH_DECK_ERROR_INVALID_VALUE, { "“follow_ups”", "listed twice" } },
  /* Issue 10, defect 3: no escape may truncate text or store invalid UTF-8. */
  { "nul-escape", CARD ("{\"id\": \"b\", \"topic\": \"T\", \"front\": \"q\\u0000r\", \"back\": \"a\"}"),
    RH_DECK_ERROR_SYNTAX, { "line 1, column 69", "cards[0] (id “b”): “front”", "U+0000" } },
  { "nul-escape-in-id", CARD ("{\"id\": \"b\\u0000c\", \"topic\": \"T\", \"front\": \"q\", \"back\": \"a\"}"),
    RH_DECK_ERROR_SYNTAX, { "cards[0]: “id”", "U+0000" } },
  { "lone-high-surrogate", CARD (GOOD ", {\"id\": \"b\", \"topic\": \"T\", \"front\": \"q\", \"back\": \"\\ud800\"}"),
    RH_DECK_ERROR_SYNTAX, { "cards[1] (id “b”): “back”", "“\\ud800”", "surrogate" } },
  { "lone-low-surrogate", CARD ("{\"id\": \"b\", \"topic\": \"T\", \"front\": \"\\udc00x\", \"back\": \"a\"}"),
    RH_DECK_ERROR_SYNTAX, { "(id “b”): “front”", "“\\udc00”", "surrogate" } },
  { "mispaired-surrogate", CARD ("{\"id\": \"b\", \"topic\": \"T\", \"front\": \"\\uD83D\\u0041\", \"back\": \"a\"}"),
    RH_DECK_ERROR_SYNTAX, { "(id “b”): “front”", "“\\uD83D”", "surrogate" } },
  { "surrogate-in-tag", CARD ("{\"id\": \"b\", \"topic\": \"T\", \"front\": \"q\", \"back\": \"a\", \"tags\": [\"x\", \"\\ud800\"]}"),
    RH_DECK_ERROR_SYNTAX, { "(id “b”): “tags” item 1", "surrogate" } },
  { "surrogate-in-name", "{\"rehearse_deck\": 1, \"name\": \"\\ud800\", \"cards\": []}", RH_DECK_ERROR_SYNTAX,
    { "line 1, column 31", "“name”", "surrogate" } },
  /* Defect 4: the byte after a backslash is shown as valid UTF-8. */
  { "bad-escape-multibyte", "{\"rehearse_deck\": 1, \"name\": \"\\é\", \"cards\": []}", RH_DECK_ERROR_SYNTAX,
    { "invalid escape", "“é”" } },
  { "bad-escape-control", "{\"rehearse_deck\": 1, \"name\": \"\\\x01\", \"cards\": []}", RH_DECK_ERROR_SYNTAX,
    { "invalid escape", "U+0001" } },
  /* Defect 5: keys are compared decoded. */
  { "escaped-duplicate-key", CARD ("{\"id\": \"b\", \"topic\": \"T\", \"front\": \"q\", \"\\u0066ront\": \"r\", \"back\": \"a\"}"),
    RH_DECK_ERROR_SYNTAX, { "line 1, column 72", "(id “b”)", "duplicate key “front”" } },
  { "escaped-duplicate-top-key", "{\"rehearse_deck\": 1, \"cards\": [], \"card\\u0073\": []}", RH_DECK_ERROR_SYNTAX,
    { "duplicate key “cards”" } },
  /* Defect 10: card ids and follow-up ids follow one rule. */
  { "id-leading-space", CARD (GOOD ", {\"id\": \" b\", \"topic\": \"T\", \"front\": \"q\", \"back\": \"a\"}"),
    RH_DECK_ERROR_INVALID_VALUE, { "cards[1]", "“id”", "white space" } },
  { "id-trailing-space", CARD ("{\"id\": \"b\\u3000\", \"topic\": \"T\", \"front\": \"q\", \"back\": \"a\"}"),
    RH_DECK_ERROR_INVALID_VALUE, { "cards[0]", "“id”", "white space" } },
  { "follow-up-space", CARD (GOOD ", {\"id\": \"b\", \"topic\": \"T\", \"front\": \"q\", \"back\": \"a\", \"follow_ups\": [\"a \"]}"),
    RH_DECK_ERROR_INVALID_VALUE, { "(id “b”)", "“follow_ups” item 0", "white space" } },
  /* Issue 10, point 12: numbers beyond 64 bits. */
  { "seconds-overflow", CARD ("{\"id\": \"b\", \"topic\": \"T\", \"front\": \"q\", \"back\": \"a\", \"seconds\": 99999999999999999999}"),
    RH_DECK_ERROR_SYNTAX, { "(id “b”): “seconds”", "too large" } },
  { "seconds-underflow", CARD ("{\"id\": \"b\", \"topic\": \"T\", \"front\": \"q\", \"back\": \"a\", \"seconds\": -9223372036854775809}"),
    RH_DECK_ERROR_SYNTAX, { "(id “b”): “seconds”", "too small" } },
  { "seconds-int64-max", CARD ("{\"id\": \"b\", \"topic\": \"T\", \"front\": \"q\", \"back\": \"a\", \"seconds\": 9223372036854775807}"),
    RH_DECK_ERROR_INVALID_VALUE, { "“seconds” must be between 1 and 86400, not 9223372036854775807" } },
  { "version-overflow", "{\"rehearse_deck\": 18446744073709551615, \"cards\": []}", RH_DECK_ERROR_SYNTAX,
    { "“rehearse_deck”", "too large" } },
};

static void
test_parse_error (gconstpointer data)
{
  const ErrorCase *c = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RhDeck) deck = rh_deck_new_from_data (c->json, strlen (c->json), "test.json", &error);

  g_assert_null (deck);
  g_assert_error (error, RH_DECK_ERROR, (int)c->code);
  g_test_message ("%s", error->message);
  /* The message goes to a dialog: it must be text, whatever the input. */
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_true (g_str_has_prefix (error->message, "test.json: "));

  for (guint i = 0; i < G_N_ELEMENTS (c->message_parts) && c->message_parts[i]; i++)
    if (strstr (error->message, c->message_parts[i]) == NULL)
      g_error ("“%s” not in “%s”", c->message_parts[i], error->message);
}

/* Escapes that stand for real characters keep the text exactly. */
static void
test_parse_escapes (void)
{
  g_autoptr(RhDeck) deck =
    rh_test_parse_deck (CARD ("{\"id\": \"b\\u00e9\", \"topic\": \"T\", \"front\": \"\\ud83d\\ude00 \\\"q\\\"\\t\\\\\","
                              " \"back\": \"\\u4e2d\\n\\u002f\", \"follow_ups\": []}"));
  RhCard *card = rh_deck_get_card (deck, 0);

  g_assert_cmpstr (rh_card_get_uid (card), ==, "bé");
  g_assert_cmpstr (rh_card_get_front (card), ==, "😀 \"q\"\t\\");
  g_assert_cmpstr (rh_card_get_back (card), ==, "中\n/");
}

/* Nesting far deeper than the checker allows is refused as such, by the
 * check and by the stream beside it, and naming the card does not hand the
 * file to json-glib's recursive parser (which ran out of stack). */
static void
test_parse_deep_nesting (void)
{
  const guint depth = 200000;
  g_autoptr(GString) json = g_string_new ("{\"rehearse_deck\": 1, \"cards\": [");
  g_autoptr(GError) error = NULL;
  g_autoptr(RhDeck) deck = NULL;

  for (guint i = 0; i < depth; i++)
    g_string_append_c (json, '[');
  for (guint i = 0; i < depth; i++)
    g_string_append_c (json, ']');
  g_string_append (json, "]}");

  deck = rh_deck_new_from_data (json->str, json->len, "deep.json", &error);
  g_assert_null (deck);
  g_assert_error (error, RH_DECK_ERROR, RH_DECK_ERROR_SYNTAX);
  g_assert_nonnull (strstr (error->message, "nested deeper than 256 levels"));
}

static void
test_missing_file (void)
{
  g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent/deck.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(RhDeck) deck = rh_deck_new_from_file (file, &error);

  g_assert_null (deck);
  g_assert_error (error, RH_DECK_ERROR, RH_DECK_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "/nonexistent/deck.json"));
}

static void
test_to_json_round_trip (void)
{
  g_autoptr(RhDeck) deck = rh_test_parse_deck (valid_deck);
  g_autofree char *json = rh_deck_to_json (deck);
  g_autoptr(RhDeck) again = rh_test_parse_deck (json);
  g_autofree char *json_again = rh_deck_to_json (again);

  g_assert_cmpstr (json, ==, json_again);
  g_assert_cmpuint (rh_deck_get_n_cards (again), ==, 2);
  for (guint i = 0; i < 2; i++)
    g_assert_true (rh_card_content_equal (rh_deck_get_card (deck, i), rh_deck_get_card (again, i)));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/deck/parse/valid", test_parse_valid);
  g_test_add_func ("/deck/parse/escapes", test_parse_escapes);
  g_test_add_func ("/deck/parse/deep-nesting", test_parse_deep_nesting);
  g_test_add_func ("/deck/parse/missing-file", test_missing_file);
  g_test_add_func ("/deck/to-json/round-trip", test_to_json_round_trip);

  for (guint i = 0; i < G_N_ELEMENTS (error_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/deck/parse/error/%s", error_cases[i].name);
      g_test_add_data_func (path, &error_cases[i], test_parse_error);
    }

  return g_test_run ();
}
