/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "rh-deck-store-private.h"
#include "rh-scheduler.h"
#include "rh-search-query.h"
#include "rh-search.h"
#include "rh-test-utils.h"

#define MINUTE (G_GINT64_CONSTANT (60) * G_USEC_PER_SEC)
#define DAY (G_GINT64_CONSTANT (86400) * G_USEC_PER_SEC)

/* The query as one line: phrases in brackets, then each term. */
static char *
describe (const char *search)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RhSearchQuery) query = rh_search_query_new (search, &error);
  const char * const ops[] = { "<", "<=", "=", ">=", ">", "!=" };
  const char * const types[] = { "text", "topic", "tag", "kind", "is", "prop", "added", "rated" };
  const char * const states[] = { "new", "learning", "review", "due", "suspended", "leech" };
  const char * const properties[] = { "lapses", "reviews", "interval", "stability", "difficulty", "due" };
  const char * const *phrases;
  GString *out = g_string_new (NULL);

  g_assert_no_error (error);
  phrases = rh_search_query_get_phrases (query);
  for (guint i = 0; phrases[i]; i++)
    g_string_append_printf (out, "%s[%s]", out->len ? " " : "", phrases[i]);

  for (guint i = 0; i < rh_search_query_get_n_terms (query); i++)
    {
      const RhSearchTerm *term = rh_search_query_get_term (query, i);

      g_string_append_printf (out, "%s%s%s:", out->len ? " " : "", term->negated ? "-" : "", types[term->type]);
      switch (term->type)
        {
        case RH_SEARCH_TERM_STATE:
          g_string_append (out, states[term->state]);
          break;
        case RH_SEARCH_TERM_PROPERTY:
          g_string_append_printf (out, "%s%s%g", properties[term->property], ops[term->op], term->number);
          break;
        case RH_SEARCH_TERM_ADDED:
        case RH_SEARCH_TERM_RATED:
          g_string_append_printf (out, "%u", term->days);
          break;
        default:
          g_string_append_printf (out, "{%s}", term->text);
        }
    }

  return g_string_free (out, FALSE);
}

static void
test_parse (void)
{
  const struct { const char *search; const char *expected; } cases[] = {
    { "", "" },
    { "redis 持久化", "[redis] [持久化]" },
    { "W + R > N", "[W + R > N]" },
    { "\"three-way handshake\" ack", "[three-way handshake] [ack]" },
    /* Filters, each value as the model keeps it. */
    { "topic:Redis::持久化", "topic:{Redis::持久化}" },
    { "topic:\"Redis :: 持久化\" aof", "[aof] topic:{Redis::持久化}" },
    { "tag:redis", "tag:{redis}" },
    { "tag:\"two words\"", "tag:{two words}" },
    { "kind:coding kind:Design", "kind:{coding} kind:{design}" },
    { "is:new is:learning is:review is:due is:suspended is:LEECH",
      "is:new is:learning is:review is:due is:suspended is:leech" },
    { "prop:lapses>3 prop:reviews<=10 prop:interval=7", "prop:lapses>3 prop:reviews<=10 prop:interval=7" },
    { "prop:stability>=2.5 prop:difficulty<5 prop:due!=-1", "prop:stability>=2.5 prop:difficulty<5 prop:due!=-1" },
    { "added:7 rated:1", "added:7 rated:1" },
    /* Leaving out words, phrases and filters. */
    { "redis -aof", "[redis] -text:{aof}" },
    { "-\"append only\" redis", "[redis] -text:{append only}" },
    { "-tag:redis -is:suspended", "-tag:{redis} -is:suspended" },
    /* A "-" before symbols, or alone, is text. */
    { "a -> b", "[a -> b]" },
    { "x - y", "[x - y]" },
    /* Colons that are no filter. */
    { "http://x", "[http://x]" },
    { "12:30", "[12:30]" },
    { "TIME_WAIT:", "[TIME_WAIT:]" },
    { "Redis::持久化", "[Redis::持久化]" },
    { "std::move", "[std::move]" },
    { "tag:", "[tag:]" },
    { "Tag:redis", "[Tag:redis]" },
    { "\"foo:bar\"", "[foo:bar]" },
    /* A filter ends the phrase before it. */
    { "W + kind:coding R", "[W +] [R] kind:{coding}" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *found = describe (cases[i].search);

      g_test_message ("%s", cases[i].search);
      g_assert_cmpstr (found, ==, cases[i].expected);
    }
}

static void
test_parse_errors (void)
{
  const struct { const char *search; RhSearchQueryError code; const char *message; } cases[] = {
    { "foo:bar", RH_SEARCH_QUERY_ERROR_UNKNOWN_FILTER, "“foo:bar” is not a filter" },
    { "redis -foo:bar", RH_SEARCH_QUERY_ERROR_UNKNOWN_FILTER, "“-foo:bar” is not a filter" },
    { "is:nope", RH_SEARCH_QUERY_ERROR_INVALID_VALUE,
      "“is:nope” is not one of new, learning, review, due, suspended, leech" },
    { "kind:poem", RH_SEARCH_QUERY_ERROR_INVALID_VALUE,
      "“kind:poem” is not one of concept, coding, design, behavioral, troubleshooting" },
    { "prop:lapses>x", RH_SEARCH_QUERY_ERROR_INVALID_VALUE, "“prop:lapses>x”: “x” is not a whole number" },
    { "prop:lapses>-1", RH_SEARCH_QUERY_ERROR_INVALID_VALUE, "“prop:lapses>-1”: “-1” is not a whole number" },
    { "prop:stability>", RH_SEARCH_QUERY_ERROR_INVALID_VALUE, "“prop:stability>”: “” is not a number" },
    { "prop:lapses", RH_SEARCH_QUERY_ERROR_INVALID_VALUE, "“prop:lapses” needs a comparison" },
    { "prop:ease>2", RH_SEARCH_QUERY_ERROR_INVALID_VALUE, "“prop:ease>2” is not a property" },
    { "added:-1", RH_SEARCH_QUERY_ERROR_INVALID_VALUE, "“added:-1” needs a whole number of days, 1 or more" },
    { "added:0", RH_SEARCH_QUERY_ERROR_INVALID_VALUE, "“added:0” needs a whole number of days" },
    { "rated:x", RH_SEARCH_QUERY_ERROR_INVALID_VALUE, "“rated:x” needs a whole number of days" },
    { "topic:a::::b", RH_SEARCH_QUERY_ERROR_INVALID_VALUE, "“topic:a::::b” is not a topic" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RhSearchQuery) query = rh_search_query_new (cases[i].search, &error);

      g_test_message ("%s", cases[i].search);
      g_assert_null (query);
      g_assert_error (error, RH_SEARCH_QUERY_ERROR, (int)cases[i].code);
      g_assert_true (g_str_has_prefix (error->message, cases[i].message));
    }
}

/* Only the first 32 phrases and terms count, together. */
static void
test_parse_limit (void)
{
  g_autoptr(GString) search = g_string_new (NULL);
  g_autoptr(RhSearchQuery) query = NULL;
  guint n_phrases;

  for (guint i = 0; i < 20; i++)
    g_string_append_printf (search, "word%u tag:t%u ", i, i);
  query = rh_search_query_new (search->str, NULL);
  n_phrases = g_strv_length ((GStrv)rh_search_query_get_phrases (query));
  g_assert_cmpuint (n_phrases, ==, 16);
  g_assert_cmpuint (rh_search_query_get_n_terms (query), ==, 16);
}

/* Highlighting shows the words, not the filters. */
static void
test_markup (void)
{
  g_autofree char *markup = rh_search_markup ("Redis keeps data", "tag:redis data");
  g_autofree char *invalid = rh_search_markup ("Redis keeps data", "data is:nope");

  g_assert_cmpstr (markup, ==, "Redis keeps <b>data</b>");
  g_assert_cmpstr (invalid, ==, "Redis keeps data");
}

typedef struct
{
  RhClock         *clock;
  RhDatabase      *db;
  RhStudySettings *settings;
  RhScheduler     *scheduler;
} Fixture;

static const char deck[] =
  "{\"rehearse_deck\": 1, \"cards\": ["
  " {\"id\": \"aof\", \"topic\": \"Redis::持久化\", \"front\": \"What is AOF?\", \"back\": \"An append only file.\","
  "  \"tags\": [\"redis\", \"Persistence\"]},"
  " {\"id\": \"rdb\", \"topic\": \"Redis::持久化\", \"front\": \"What is RDB?\", \"back\": \"A snapshot.\","
  "  \"tags\": [\"redis\"], \"kind\": \"coding\"},"
  " {\"id\": \"lock\", \"topic\": \"Redis::Lock\", \"front\": \"A lock in Redis\", \"back\": \"SET NX PX.\","
  "  \"tags\": [\"redis-lock\", \"leech\"], \"kind\": \"design\"},"
  " {\"id\": \"gmp\", \"topic\": \"Go\", \"front\": \"The GMP model\", \"back\": \"See http://x at 12:30, TIME_WAIT: no.\","
  "  \"tags\": [\"go\"]},"
  " {\"id\": \"chan\", \"topic\": \"Go\", \"front\": \"A channel\", \"back\": \"A typed append only queue.\","
  "  \"kind\": \"behavioral\"},"
  " {\"id\": \"tcp\", \"topic\": \"Net\", \"front\": \"Three-way handshake\", \"back\": \"SYN, SYN-ACK, ACK.\","
  "  \"kind\": \"troubleshooting\"}"
  "]}";

static gint64
card_id (Fixture    *f,
         const char *uid)
{
  g_autoptr(RhCard) card = rh_deck_store_dup_card_by_uid (f->db, uid, NULL);

  g_assert_nonnull (card);
  return rh_card_get_row_id (card);
}

static void
answer (Fixture    *f,
        const char *uid,
        RhRating    rating)
{
  g_autoptr(GError) error = NULL;

  rh_scheduler_answer (f->scheduler, card_id (f, uid), rating, 1000, RH_REVIEW_SOURCE_STUDY, NULL, &error);
  g_assert_no_error (error);
}

/* Ten days ago all six cards came; since then:
 *   aof   new
 *   rdb   learning, answered Good today: due in 10 minutes
 *   lock  review, graduated ten days ago, then forgotten today (Again):
 *         relearning with one lapse
 *   gmp   review, answered Easy ten days ago and Good today: due in days
 *   chan  learning like rdb, but suspended
 *   tcp   review, answered Easy ten days ago: due today, ten days later
 * and a card "new-today" came today. */
static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_utc ();

  f->clock = rh_clock_new_fake (RH_TEST_NOW_US - 10 * DAY, tz);
  f->db = rh_test_open_database (":memory:", f->clock);
  f->settings = rh_study_settings_new ();
  f->scheduler = rh_scheduler_new (f->db, f->settings);
  rh_test_import (f->db, deck, NULL);

  answer (f, "lock", RH_RATING_GOOD);
  answer (f, "gmp", RH_RATING_EASY);
  answer (f, "tcp", RH_RATING_EASY);
  rh_clock_advance (f->clock, 10 * MINUTE);
  answer (f, "lock", RH_RATING_GOOD);

  rh_clock_advance (f->clock, 10 * DAY - 10 * MINUTE);
  answer (f, "rdb", RH_RATING_GOOD);
  answer (f, "chan", RH_RATING_GOOD);
  answer (f, "lock", RH_RATING_AGAIN);
  answer (f, "gmp", RH_RATING_GOOD);
  g_assert_true (rh_deck_store_set_card_suspended (f->db, card_id (f, "chan"), TRUE, NULL));
  rh_test_import (f->db,
                  "{\"rehearse_deck\": 1, \"cards\": [{\"id\": \"new-today\", \"topic\": \"Go\","
                  " \"front\": \"Today's card\", \"back\": \"Fresh.\"}]}",
                  NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_assert_finalize_object (f->scheduler);
  g_assert_finalize_object (f->settings);
  g_assert_finalize_object (f->db);
  g_assert_finalize_object (f->clock);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *)a, *(const char * const *)b);
}

/* The uids found, sorted, so that ranking does not matter here. */
static char *
search_uids (RhDatabase *db,
             const char *search)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = rh_deck_store_query_card_ids (db, NULL, search, &error);
  g_autoptr(GPtrArray) uids = g_ptr_array_new_with_free_func (g_free);

  g_assert_no_error (error);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(RhCard) card = rh_deck_store_dup_card (db, g_array_index (ids, gint64, i), &error);

      g_assert_no_error (error);
      g_ptr_array_add (uids, g_strdup (rh_card_get_uid (card)));
    }
  g_ptr_array_sort (uids, compare_strings);
  g_ptr_array_add (uids, NULL);

  return g_strjoinv (" ", (char **)uids->pdata);
}

static void
test_results (Fixture       *f,
              gconstpointer  data)
{
  const struct { const char *search; const char *expected; } cases[] = {
    { "", "aof chan gmp lock new-today rdb tcp" },
    { "topic:Redis", "aof lock rdb" },
    { "topic:\"Redis :: 持久化\"", "aof rdb" },
    { "topic:redis", "" },
    { "topic:Nope", "" },
    { "tag:redis", "aof rdb" },
    { "tag:REDIS", "aof rdb" },
    { "tag:persistence", "aof" },
    { "tag:redis-lock", "lock" },
    { "tag:lock", "" },
    { "kind:concept", "aof gmp new-today" },
    { "kind:coding", "rdb" },
    { "kind:troubleshooting", "tcp" },
    { "is:new", "aof new-today" },
    { "is:learning", "chan lock rdb" },
    { "is:review", "gmp tcp" },
    { "is:due", "lock rdb tcp" },
    { "is:suspended", "chan" },
    { "is:leech", "lock" },
    { "prop:lapses>0", "lock" },
    { "prop:lapses=0", "aof chan gmp new-today rdb tcp" },
    { "prop:reviews>=2", "gmp lock" },
    { "prop:reviews!=1", "aof gmp lock new-today" },
    { "prop:due<0", "" },
    { "prop:due=0", "chan lock rdb tcp" },
    { "prop:due<=0", "chan lock rdb tcp" },
    { "prop:due!=0", "gmp" },
    { "prop:due>0", "gmp" },
    { "prop:interval>5", "gmp tcp" },
    { "prop:interval=10", "tcp" },
    { "prop:interval>10", "gmp" },
    { "prop:interval<10", "" },
    { "prop:stability>0", "chan gmp lock rdb tcp" },
    { "prop:difficulty>=1", "chan gmp lock rdb tcp" },
    { "added:1", "new-today" },
    { "added:11", "aof chan gmp lock new-today rdb tcp" },
    { "rated:1", "chan gmp lock rdb" },
    { "rated:11", "chan gmp lock rdb tcp" },
    /* Words, left-out words and filters together. */
    { "append", "aof chan" },
    { "append -queue", "aof" },
    { "-\"append only\"", "gmp lock new-today rdb tcp" },
    { "append tag:redis", "aof" },
    { "kind:concept -is:new", "gmp" },
    { "is:learning -is:suspended topic:Redis", "lock rdb" },
    { "-tag:redis -kind:concept", "chan lock tcp" },
    /* Colons that are words find text. */
    { "http://x", "gmp" },
    { "12:30", "gmp" },
    { "TIME_WAIT:", "gmp" },
    { "SYN-ACK", "tcp" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *found = search_uids (f->db, cases[i].search);

      g_test_message ("%s", cases[i].search);
      g_assert_cmpstr (found, ==, cases[i].expected);
    }
}

/* is:due is what the study queue counts: its learning cards due today,
 * also after the minute they fall due, and reviews due by the day's end. */
static void
test_due_follows_clock (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *later = NULL;
  g_autofree char *tomorrow = NULL;

  rh_clock_advance (f->clock, 30 * MINUTE);
  later = search_uids (f->db, "is:due");
  g_assert_cmpstr (later, ==, "lock rdb tcp");

  rh_clock_advance (f->clock, 41 * DAY);
  tomorrow = search_uids (f->db, "is:due");
  g_assert_cmpstr (tomorrow, ==, "gmp lock rdb tcp");
}

/* A search that cannot be read says so instead of listing nothing. */
static void
test_results_error (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = rh_deck_store_query_card_ids (f->db, NULL, "redis is:nope", &error);

  g_assert_null (ids);
  g_assert_error (error, RH_SEARCH_QUERY_ERROR, RH_SEARCH_QUERY_ERROR_INVALID_VALUE);
}

/* No filter reads every card, nor every row of review_state or the
 * review log: each reads an index (or the small partial index of
 * suspended cards). */
static void
test_plans (Fixture       *f,
            gconstpointer  data)
{
  const char * const searches[] = {
    "topic:Redis", "tag:redis", "kind:coding", "is:new", "is:learning", "is:review", "is:due",
    "is:suspended", "is:leech", "prop:lapses>3", "prop:lapses!=0", "prop:reviews<2", "prop:interval>=7",
    "prop:interval!=1", "prop:stability>2.5", "prop:difficulty<=5", "prop:due=0", "prop:due!=0",
    "added:7", "rated:1", "redis -aof", "redis -tag:redis", "kind:coding is:due topic:Go",
  };

  for (guint i = 0; i < G_N_ELEMENTS (searches); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *plan = rh_deck_store_explain_query (f->db, NULL, searches[i], &error);
      g_auto(GStrv) steps = NULL;

      g_assert_no_error (error);
      g_test_message ("%s:\n%s", searches[i], plan);
      steps = g_strsplit (plan, "\n", -1);
      for (guint s = 0; steps[s]; s++)
        if (g_str_has_prefix (steps[s], "SCAN "))
          g_assert_true (strstr (steps[s], "VIRTUAL TABLE INDEX") != NULL ||
                         strstr (steps[s], "USING COVERING INDEX cards_suspended") != NULL);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/search-query/parse", test_parse);
  g_test_add_func ("/search-query/parse/errors", test_parse_errors);
  g_test_add_func ("/search-query/parse/limit", test_parse_limit);
  g_test_add_func ("/search-query/markup", test_markup);
  g_test_add ("/search-query/results", Fixture, NULL, fixture_setup, test_results, fixture_teardown);
  g_test_add ("/search-query/results/due", Fixture, NULL, fixture_setup, test_due_follows_clock, fixture_teardown);
  g_test_add ("/search-query/results/error", Fixture, NULL, fixture_setup, test_results_error, fixture_teardown);
  g_test_add ("/search-query/plans", Fixture, NULL, fixture_setup, test_plans, fixture_teardown);

  return g_test_run ();
}
