/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "rh-search-tokenizer-private.h"
#include "rh-test-utils.h"

/* What users of the app type, over the real built-in deck, with the cards
 * a reader of the deck expects to find: chosen by reading the cards, not
 * by running the search. */
static const struct {
  const char *search;
  const char *expected; /* each must be among the results */
  const char *first;    /* (nullable): the first result is one of these */
} relevance[] = {
  /* One Chinese character: every tree, however it is written. */
  { "树", "mysql-bplus-why mysql-bplus-capacity algo-trie algo-segment-tree algo-binary-tree-apps redis-skiplist-vs-rbtree", NULL },
  { "锁", "os-mutex-vs-spinlock redis-distributed-lock dist-etcd-lock mysql-lock-on-index", NULL },
  /* Two characters, also inside longer words (联合索引, 覆盖索引). */
  { "索引", "mysql-index-classification mysql-covering-index mysql-leftmost-prefix mysql-clustered-vs-secondary", NULL },
  { "调度", "go-gmp-model go-gmp-why-p go-sched-find-runnable go-sched-syscall-handoff", NULL },
  { "幂等", "dist-idempotency dist-payment-notify-idempotent dist-kafka-idempotent-producer dist-idempotent-consume-pitfalls",
    "dist-idempotency" },
  { "选举", "dist-raft-election", NULL },
  /* Three and four characters. */
  { "持久化", "redis-persistence redis-hybrid-persistence redis-not-primary-db",
    "redis-persistence redis-hybrid-persistence" },
  { "零拷贝", "net-io-zero-copy", "net-io-zero-copy" },
  { "红黑树", "redis-skiplist-vs-rbtree mysql-bplus-why", NULL },
  { "三次握手", "net-tcp-three-way-handshake net-tcp-why-three-handshakes",
    "net-tcp-three-way-handshake net-tcp-why-three-handshakes" },
  { "联合索引", "mysql-leftmost-prefix mysql-composite-vs-unique", "mysql-leftmost-prefix mysql-composite-vs-unique" },
  /* English words and names, in any case. */
  { "goroutine", "go-goroutine-vs-thread go-goroutine-switch go-goroutine-leak go-gmp-model", NULL },
  { "gorout", "go-goroutine-vs-thread go-goroutine-switch go-goroutine-leak", NULL },
  { "epoll", "net-io-select-poll-epoll net-io-epoll-internals net-io-epoll-lt-et go-netpoller-epoll-et",
    "net-io-select-poll-epoll net-io-epoll-internals net-io-epoll-lt-et go-netpoller-epoll-et" },
  { "mutex", "go-mutex-impl go-mutex-starvation os-mutex-vs-spinlock os-futex", NULL },
  { "GMP", "go-gmp-model go-gmp-why-p", "go-gmp-model go-gmp-why-p" },
  { "fsync", "redis-aof-fsync os-page-cache", NULL },
  /* Symbols inside a word. */
  { "TIME_WAIT", "net-tcp-time-wait ops-time-wait net-http-go-client-time-wait",
    "net-tcp-time-wait ops-time-wait" },
  { "CLOSE_WAIT", "ops-close-wait", "ops-close-wait" },
  { "B+树", "mysql-bplus-why mysql-bplus-capacity redis-skiplist-vs-rbtree", NULL },
  /* Several words, in two scripts. */
  { "redis 持久化", "redis-persistence redis-hybrid-persistence redis-not-primary-db",
    "redis-persistence redis-hybrid-persistence" },
  { "goroutine 泄漏", "go-goroutine-leak go-leak-prevention go-pprof-find-leak",
    "go-goroutine-leak go-leak-prevention" },
  { "raft 选举", "dist-raft-election", "dist-raft-election" },
};

/* The tokens rh_cjk gives for @text, as "token@start-end" in order (each
 * one position after the last). */
static int
collect_token (void       *data,
               int         tflags,
               const char *token,
               int         n_token,
               int         start,
               int         end)
{
  GString *tokens = data;

  g_assert_cmpint (tflags, ==, 0);
  g_assert_cmpint (start, <=, end);
  g_string_append_printf (tokens, "%s%.*s@%d-%d", tokens->len ? " " : "", n_token, token, start, end);

  return SQLITE_OK;
}

static char *
tokenize (const char *text,
          gssize      length,
          int         flags)
{
  const char *args[] = { "remove_diacritics", "0" };
  fts5_api *api = NULL;
  fts5_tokenizer tokenizer;
  Fts5Tokenizer *instance = NULL;
  void *context = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  GString *tokens = g_string_new (NULL);

  g_assert_cmpint (sqlite3_open (":memory:", &db), ==, SQLITE_OK);
  g_assert_cmpint (rh_search_tokenizer_register (db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT fts5 (?1);", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_pointer (stmt, 1, &api, "fts5_api_ptr", NULL);
  sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  g_assert_nonnull (api);

  g_assert_cmpint (api->xFindTokenizer (api, RH_SEARCH_TOKENIZER, &context, &tokenizer), ==, SQLITE_OK);
  g_assert_cmpint (tokenizer.xCreate (context, args, G_N_ELEMENTS (args), &instance), ==, SQLITE_OK);
  g_assert_cmpint (tokenizer.xTokenize (instance, tokens, flags, text, length < 0 ? (int)strlen (text) : (int)length,
                                        collect_token), ==, SQLITE_OK);
  tokenizer.xDelete (instance);
  sqlite3_close (db);

  return g_string_free (tokens, FALSE);
}

static void
test_tokenizer_document (void)
{
  const struct { const char *text; const char *tokens; } cases[] = {
    { "", "" },
    { "Hello, World", "hello@0-5 world@7-12" },
    { "TIME_WAIT 2MSL", "time@0-4 wait@5-9 2msl@10-14" },
    { "ÄB und Öl", "äb@0-3 und@4-7 öl@8-11" },
    /* Every character starts a token at its own position. */
    { "树", "树@0-3" },
    { "B+树的实现", "b@0-1 树的@2-8 的实@5-11 实现@8-14 现@11-14" },
    { "用Go写", "用@0-3 go@3-5 写@5-8" },
    /* Full-width punctuation and spaces end a run. */
    { "调度，GMP。模型\u3000索引", "调度@0-6 度@3-6 gmp@9-12 模型@15-21 型@18-21 索引@24-30 引@27-30" },
    /* Kana, with the marks inside words, and Hangul. */
    { "ひらがな", "ひら@0-6 らが@3-9 がな@6-12 な@9-12" },
    { "サーバー", "サー@0-6 ーバ@3-9 バー@6-12 ー@9-12" },
    { "人々", "人々@0-6 々@3-6" },
    { "한국어", "한국@0-6 국어@3-9 어@6-9" },
    /* Symbols separate words, but unicode61 counts emoji (outside the
     * Basic Multilingual Plane) as letters. */
    { "\U0001F642 go \u2603 x\u2603y \U0001F642go", "\U0001F642@0-4 go@5-7 x@12-13 y@16-17 \U0001F642go@18-24" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *tokens = tokenize (cases[i].text, -1, FTS5_TOKENIZE_DOCUMENT);

      g_assert_cmpstr (tokens, ==, cases[i].tokens);
    }
}

/* A run that ends the query gives its pairs only, so that 调度 is found
 * in 调度器; elsewhere a query is cut as a document is. */
static void
test_tokenizer_query (void)
{
  const struct { const char *text; const char *tokens; } cases[] = {
    { "调度", "调度@0-6" },
    { "联合索引", "联合@0-6 合索@3-9 索引@6-12" },
    { "树", "树@0-3" },
    { "调度 x", "调度@0-6 度@3-6 x@7-8" },
    { "B+树", "b@0-1 树@2-5" },
    { "goroutine 泄漏", "goroutine@0-9 泄漏@10-16" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *query = tokenize (cases[i].text, -1, FTS5_TOKENIZE_QUERY);
      g_autofree char *prefix = tokenize (cases[i].text, -1, FTS5_TOKENIZE_QUERY | FTS5_TOKENIZE_PREFIX);

      g_assert_cmpstr (query, ==, cases[i].tokens);
      g_assert_cmpstr (prefix, ==, cases[i].tokens);
    }

  /* Highlighting tokenizes as the document was. */
  {
    g_autofree char *aux = tokenize ("调度", -1, FTS5_TOKENIZE_AUX);

    g_assert_cmpstr (aux, ==, "调度@0-6 度@3-6");
  }
}

/* Bytes that are not UTF-8 are never read past the text or joined to a
 * run; whatever tokens come out lie inside the text. */
static void
test_tokenizer_invalid (void)
{
  const char * const cases[] = {
    "a\xff\xfe调度\xe8",
    "\xe8\xb0",           /* half a character at the end */
    "调\xe8\xb0度",
    "\xc0\xafx\xed\xa0\x80", /* overlong, surrogate */
    "\xf4\x90\x80\x80调",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *tokens = tokenize (cases[i], -1, FTS5_TOKENIZE_DOCUMENT);
      g_autofree char *query = tokenize (cases[i], -1, FTS5_TOKENIZE_QUERY);

      g_assert_nonnull (tokens);
      g_assert_nonnull (query);
    }

  {
    g_autofree char *tokens = tokenize ("a\xff\xfe调度\xe8", -1, FTS5_TOKENIZE_DOCUMENT);
    g_autofree char *cut = tokenize ("调度", 4, FTS5_TOKENIZE_DOCUMENT);
    g_autofree char *nul = tokenize ("调\0度", 7, FTS5_TOKENIZE_DOCUMENT);

    g_assert_nonnull (strstr (tokens, "调度@3-9 度@6-9"));
    g_assert_cmpstr (cut, ==, "调@0-3");
    g_assert_cmpstr (nul, ==, "调@0-3 度@4-7");
  }
}

static GPtrArray *
search_uids (RhDatabase *db,
             const char *search)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = rh_deck_store_query_card_ids (db, NULL, search, &error);
  GPtrArray *uids = g_ptr_array_new_with_free_func (g_free);

  g_assert_no_error (error);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(RhCard) card = rh_deck_store_dup_card (db, g_array_index (ids, gint64, i), &error);

      g_assert_no_error (error);
      g_ptr_array_add (uids, g_strdup (rh_card_get_uid (card)));
    }

  return uids;
}

static gboolean
contains (GPtrArray  *uids,
          const char *uid)
{
  return g_ptr_array_find_with_equal_func (uids, uid, g_str_equal, NULL);
}

/* Every query is run and described before any fails, so one run shows
 * all that changed. */
static void
test_relevance (void)
{
  g_autoptr(RhDatabase) db = rh_test_open_database (":memory:", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_resources_lookup_data (RESOURCE_PREFIX "/decks/builtin.json", 0, &error);
  g_autoptr(GString) failures = g_string_new (NULL);
  RhImportResult result;

  g_assert_no_error (error);
  g_assert_true (rh_deck_store_import_builtin (db, bytes, &result, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (relevance); i++)
    {
      g_autoptr(GPtrArray) uids = search_uids (db, relevance[i].search);
      g_auto(GStrv) expected = g_strsplit (relevance[i].expected, " ", -1);
      g_auto(GStrv) first = relevance[i].first ? g_strsplit (relevance[i].first, " ", -1) : NULL;

      g_test_message ("%s: %u results, first %s", relevance[i].search, uids->len,
                      uids->len ? (char *)uids->pdata[0] : "none");
      for (guint j = 0; expected[j]; j++)
        if (!contains (uids, expected[j]))
          g_string_append_printf (failures, "“%s” misses %s\n", relevance[i].search, expected[j]);
      if (first != NULL && (uids->len == 0 || !g_strv_contains ((const char * const *)first, uids->pdata[0])))
        g_string_append_printf (failures, "“%s” ranks %s first\n", relevance[i].search,
                                uids->len ? (char *)uids->pdata[0] : "nothing");
    }

  if (failures->len > 0)
    g_test_message ("%s", failures->str);
  g_assert_cmpstr (failures->str, ==, "");

  g_assert_finalize_object (g_steal_pointer (&db));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/search/tokenizer/document", test_tokenizer_document);
  g_test_add_func ("/search/tokenizer/query", test_tokenizer_query);
  g_test_add_func ("/search/tokenizer/invalid", test_tokenizer_invalid);
  g_test_add_func ("/search/relevance", test_relevance);

  return g_test_run ();
}
