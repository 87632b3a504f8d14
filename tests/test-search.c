/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "rh-search-tokenizer-private.h"
#include "rh-test-utils.h"

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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/search/tokenizer/document", test_tokenizer_document);
  g_test_add_func ("/search/tokenizer/query", test_tokenizer_query);
  g_test_add_func ("/search/tokenizer/invalid", test_tokenizer_invalid);

  return g_test_run ();
}
