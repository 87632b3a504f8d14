/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rh-search-tokenizer"

#include "config.h"

#include "rh-search-tokenizer-private.h"

/* Chinese and Japanese have no spaces between words, so a word tokenizer
 * would make a whole sentence one token. Pairs of characters, as Lucene's
 * CJK analyzer makes them, find any word of two or more characters as a
 * phrase of pairs, and a one-character word as the prefix of a pair; with
 * one token per character, the index is far smaller than trigrams. Text in
 * other scripts is cut into words, folded and indexed by unicode61, so
 * case and diacritics follow SQLite's rules. */

typedef struct
{
  fts5_tokenizer  unicode61;
  Fts5Tokenizer  *words;
} Tokenizer;

typedef int (*TokenFunc) (void       *context,
                          int         tflags,
                          const char *token,
                          int         n_token,
                          int         start,
                          int         end);

/* unicode61's tokens, with their offsets moved from the start of the
 * piece it was given to the start of the whole text. */
typedef struct
{
  void      *context;
  TokenFunc  token;
  int        offset;
} Shift;

static int
shifted_token (void       *data,
               int         tflags,
               const char *token,
               int         n_token,
               int         start,
               int         end)
{
  Shift *shift = data;

  return shift->token (shift->context, tflags, token, n_token,
                       start + shift->offset, end + shift->offset);
}

/* The character at @p, or (gunichar)-1 for a byte that does not start a
 * whole valid one; @next is where the following one starts. */
static gunichar
read_char (const char  *p,
           const char  *end,
           const char **next)
{
  gunichar c = g_utf8_get_char_validated (p, end - p);

  if (c == (gunichar)-1 || c == (gunichar)-2)
    {
      *next = p + 1;
      return (gunichar)-1;
    }

  *next = g_utf8_next_char (p);
  return c;
}

static int
tokenize_words (Tokenizer  *self,
                void       *context,
                int         flags,
                const char *text,
                const char *start,
                const char *end,
                TokenFunc   token)
{
  Shift shift = { context, token, start - text };

  if (end == start)
    return SQLITE_OK;

  return self->unicode61.xTokenize (self->words, &shift, flags, start, end - start, shifted_token);
}

/* The pair starting at each character of the run and the last character
 * alone; with @pairs_only, a run of two or more gives its pairs only. */
static int
tokenize_run (void       *context,
              const char *text,
              const char *start,
              const char *end,
              gboolean    pairs_only,
              TokenFunc   token)
{
  int rc = SQLITE_OK;

  for (const char *p = start, *q; p < end && rc == SQLITE_OK; p = q)
    {
      q = g_utf8_next_char (p);
      if (q < end)
        {
          const char *r = g_utf8_next_char (q);

          rc = token (context, 0, p, r - p, p - text, r - text);
        }
      else if (!pairs_only || p == start)
        rc = token (context, 0, p, q - p, p - text, q - text);
    }

  return rc;
}

static int
rh_cjk_tokenize (Fts5Tokenizer *tokenizer,
                 void          *context,
                 int            flags,
                 const char    *text,
                 int            length,
                 TokenFunc      token)
{
  Tokenizer *self = (Tokenizer *)tokenizer;
  const char *end = text + length;
  const char *words = text;
  const char *p = text;
  int rc = SQLITE_OK;

  while (p < end && rc == SQLITE_OK)
    {
      const char *run = p;
      const char *next;

      /* Most of a card is ASCII, which is never CJK. */
      if ((guchar)*p < 0x80)
        {
          p++;
          continue;
        }

      if (!rh_search_is_cjk (read_char (p, end, &next)))
        {
          p = next;
          continue;
        }

      while (p < end && rh_search_is_cjk (read_char (p, end, &next)))
        p = next;

      rc = tokenize_words (self, context, flags, text, words, run, token);
      if (rc == SQLITE_OK)
        rc = tokenize_run (context, text, run, p, (flags & FTS5_TOKENIZE_QUERY) && p == end, token);
      words = p;
    }

  if (rc == SQLITE_OK)
    rc = tokenize_words (self, context, flags, text, words, end, token);

  return rc;
}

/* Any arguments are unicode61's. */
static int
rh_cjk_create (void           *data,
               const char    **args,
               int             n_args,
               Fts5Tokenizer **out)
{
  fts5_api *api = data;
  Tokenizer *self = g_new0 (Tokenizer, 1);
  void *unicode61 = NULL;
  int rc;

  rc = api->xFindTokenizer (api, "unicode61", &unicode61, &self->unicode61);
  if (rc == SQLITE_OK)
    rc = self->unicode61.xCreate (unicode61, args, n_args, &self->words);

  if (rc != SQLITE_OK)
    {
      g_free (self);
      return rc;
    }

  *out = (Fts5Tokenizer *)self;
  return SQLITE_OK;
}

static void
rh_cjk_delete (Fts5Tokenizer *tokenizer)
{
  Tokenizer *self = (Tokenizer *)tokenizer;

  self->unicode61.xDelete (self->words);
  g_free (self);
}

/**
 * rh_search_is_cjk:
 *
 * Han, Hiragana, Katakana and Hangul letters, with the marks written
 * inside their words (々, ー), which Unicode counts as common to all.
 */
gboolean
rh_search_is_cjk (gunichar c)
{
  GUnicodeScript script;

  /* Before the first Hangul Jamo: Latin, Greek, Cyrillic and the rest. */
  if (c < 0x1100)
    return FALSE;

  /* CJK Unified Ideographs, every one of them Han: the common case. */
  if (c >= 0x4E00 && c <= 0x9FFF)
    return TRUE;

  if (c == 0x3005 || c == 0x3006 || c == 0x3007 || c == 0x303B || c == 0x30FC || c == 0xFF70)
    return TRUE;

  if (!g_unichar_isalnum (c))
    return FALSE;

  script = g_unichar_get_script (c);
  return script == G_UNICODE_SCRIPT_HAN || script == G_UNICODE_SCRIPT_HIRAGANA ||
         script == G_UNICODE_SCRIPT_KATAKANA || script == G_UNICODE_SCRIPT_HANGUL;
}

int
rh_search_tokenizer_register (sqlite3 *db)
{
  fts5_tokenizer tokenizer = { rh_cjk_create, rh_cjk_delete, rh_cjk_tokenize };
  fts5_api *api = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (db != NULL, SQLITE_MISUSE);

  if ((rc = sqlite3_prepare_v2 (db, "SELECT fts5 (?1);", -1, &stmt, NULL)) == SQLITE_OK)
    {
      sqlite3_bind_pointer (stmt, 1, &api, "fts5_api_ptr", NULL);
      sqlite3_step (stmt);
      rc = sqlite3_finalize (stmt);
    }

  if (rc == SQLITE_OK && (api == NULL || api->iVersion < 2))
    rc = SQLITE_ERROR;

  if (rc == SQLITE_OK)
    rc = api->xCreateTokenizer (api, RH_SEARCH_TOKENIZER, api, &tokenizer, NULL);

  return rc;
}
