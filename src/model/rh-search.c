/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rh-search"

#include "config.h"

#include <string.h>

#include "rh-search.h"
#include "rh-search-private.h"
#include "rh-search-query.h"
#include "rh-search-tokenizer-private.h"

gboolean
rh_search_is_symbols_only_len (const char *word,
                               gssize      length)
{
  const char *end = length < 0 ? word + strlen (word) : word + length;

  for (const char *p = word; p < end; p = g_utf8_next_char (p))
    if (g_unichar_isalnum (g_utf8_get_char (p)))
      return FALSE;

  return TRUE;
}

static gboolean
is_symbols_only (const char *word)
{
  return rh_search_is_symbols_only_len (word, -1);
}

/**
 * rh_search_split_phrases:
 * @search: (nullable): what the user typed
 *
 * The phrases a card must all contain, as described at the top of
 * rh-search.h, without the filters and excluded words of
 * rh-search-query.h. Each is matched literally and ignoring case.
 *
 * Returns: (transfer full): the phrases, empty when @search is blank or
 *   has a filter that cannot be read
 */
GStrv
rh_search_split_phrases (const char *search)
{
  g_autoptr(RhSearchQuery) query = rh_search_query_new (search, NULL);

  if (query == NULL)
    return g_new0 (char *, 1);

  return g_strdupv ((GStrv)rh_search_query_get_phrases (query));
}

gboolean
rh_search_has_tag (const char *tags,
                   const char *tag)
{
  g_autofree char *folded_tag = NULL;
  g_auto(GStrv) list = NULL;

  g_return_val_if_fail (tags != NULL, FALSE);
  g_return_val_if_fail (tag != NULL, FALSE);

  folded_tag = g_utf8_casefold (tag, -1);
  list = g_strsplit (tags, "\n", -1);
  for (guint i = 0; list[i]; i++)
    {
      g_autofree char *folded = g_utf8_casefold (list[i], -1);

      if (strcmp (folded, folded_tag) == 0)
        return TRUE;
    }

  return FALSE;
}

/* Where a byte of folded text came from. */
typedef struct
{
  gsize    start;      /* the character of the text it folds */
  gsize    end;
  gboolean word_start; /* the index has a token starting there */
} Origin;

/* Appends @text to @out with each run of white space written as one space
 * between two letters or digits, and left out elsewhere; with @origins
 * (one per byte of @text), keeps one per byte of @out in @out_origins. */
static void
squeeze_spaces (const char   *text,
                const Origin *origins,
                GString      *out,
                GArray       *out_origins)
{
  const char *space = NULL;
  gboolean after_word = FALSE;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gboolean word;

      if (g_unichar_isspace (c))
        {
          if (space == NULL)
            space = p;
          continue;
        }

      word = g_unichar_isalnum (c);
      if (space != NULL && after_word && word)
        {
          g_string_append_c (out, ' ');
          if (out_origins != NULL)
            {
              Origin origin = { origins[space - text].start, origins[p - text].start, FALSE };
              g_array_append_val (out_origins, origin);
            }
        }
      space = NULL;
      after_word = word;

      g_string_append_len (out, p, g_utf8_next_char (p) - p);
      if (out_origins != NULL)
        g_array_append_vals (out_origins, origins + (p - text), g_utf8_next_char (p) - p);
    }
}

/* A token starts at @c when it is a letter or digit and not the second
 * one of a word: every CJK character starts one, as a pair or alone. */
static gboolean
starts_token (gunichar c,
              gunichar previous)
{
  return g_unichar_isalnum (c) &&
         (!g_unichar_isalnum (previous) || rh_search_is_cjk (c) || rh_search_is_cjk (previous));
}

/**
 * rh_search_fold:
 * @text: valid UTF-8
 *
 * Returns: (transfer full): @text as a literal phrase is compared with it
 */
char *
rh_search_fold (const char *text)
{
  g_autofree char *folded = NULL;
  GString *out;

  g_return_val_if_fail (text != NULL, NULL);

  folded = g_utf8_casefold (text, -1);
  out = g_string_sized_new (strlen (folded));
  squeeze_spaces (folded, NULL, out, NULL);

  return g_string_free (out, FALSE);
}

/* The length of the white space character at @p, 0 when it is none. */
static gsize
space_length (const char *p)
{
  if ((guchar)*p < 0x80)
    return g_ascii_isspace (*p) ? 1 : 0;

  return g_unichar_isspace (g_utf8_get_char (p)) ? (gsize)(g_utf8_next_char (p) - p) : 0;
}

/* Whether @text, folded and squeezed, starts with the ASCII @literal. */
static gboolean
ascii_match_at (const char *text,
                const char *literal)
{
  const char *t = text;
  const char *n = literal;
  gboolean after_word = FALSE;

  while (*n)
    {
      gsize space = space_length (t);

      if (*n == ' ' || space > 0)
        {
          /* Spaces count between two words only, and as one. */
          if (*n == ' ' ? space == 0 : after_word && g_ascii_isalnum (*n))
            return FALSE;
          while ((space = space_length (t)) > 0)
            t += space;
          if (*n == ' ')
            n++;
          continue;
        }

      /* A byte outside ASCII never equals one of @literal. */
      if (g_ascii_tolower (*t) != *n)
        return FALSE;
      after_word = g_ascii_isalnum (*n);
      t++;
      n++;
    }

  return TRUE;
}

gboolean
rh_search_contains (const char *text,
                    const char *literal)
{
  g_autofree char *folded = NULL;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (literal != NULL, FALSE);

  if (*literal == '\0')
    return TRUE;

  for (const char *p = literal; *p; p++)
    if ((guchar)*p >= 0x80)
      {
        folded = rh_search_fold (text);
        return strstr (folded, literal) != NULL;
      }

  for (const char *p = text; *p; p++)
    if (g_ascii_tolower (*p) == *literal && ascii_match_at (p, literal))
      return TRUE;

  return FALSE;
}

char *
rh_search_dup_match (const char *phrase)
{
  g_autoptr(GString) match = g_string_new ("\"");
  gunichar last = 0;
  gsize run = 0;

  g_return_val_if_fail (phrase != NULL, NULL);

  if (is_symbols_only (phrase))
    return NULL;

  /* An FTS5 string: every character inside is literal. */
  for (const char *p = phrase; *p; p = g_utf8_next_char (p))
    {
      last = g_utf8_get_char (p);
      run = rh_search_is_cjk (last) ? run + 1 : 0;
      if (last == '"')
        g_string_append_c (match, '"');
      g_string_append_unichar (match, last);
    }
  g_string_append_c (match, '"');

  /* The last word may be unfinished. A pair of CJK characters is a
   * whole token already; one alone is the start of a pair. */
  if (g_unichar_isalnum (last) && run < 2)
    g_string_append_c (match, '*');

  return g_string_free (g_steal_pointer (&match), FALSE);
}

char *
rh_search_dup_literal (const char *phrase)
{
  g_return_val_if_fail (phrase != NULL, NULL);

  for (const char *p = phrase; *p; p = g_utf8_next_char (p))
    if (!g_unichar_isalnum (g_utf8_get_char (p)))
      return rh_search_fold (phrase);

  return NULL;
}

/**
 * rh_search_markup:
 * @text: plain text, such as a card's title
 * @search: (nullable): what the user typed
 *
 * @text as Pango markup with every phrase of @search it contains in bold,
 * found the way the search finds it: ignoring case, from the start of a
 * word (anywhere in Chinese, Japanese and Korean), spaces next to symbols
 * not counting.
 *
 * Returns: (transfer full): escaped markup
 */
char *
rh_search_markup (const char *text,
                  const char *search)
{
  g_auto(GStrv) phrases = rh_search_split_phrases (search);
  g_autoptr(GString) folded = g_string_new (NULL);
  g_autoptr(GArray) origins = g_array_new (FALSE, FALSE, sizeof (Origin));
  g_autoptr(GString) squeezed = g_string_new (NULL);
  g_autoptr(GArray) squeezed_origins = g_array_new (FALSE, FALSE, sizeof (Origin));
  g_autofree gboolean *marked = NULL;
  g_autoptr(GString) markup = g_string_new (NULL);
  gunichar previous = 0;
  gsize length;

  g_return_val_if_fail (text != NULL, NULL);

  if (phrases[0] == NULL || !g_utf8_validate (text, -1, NULL))
    return g_markup_escape_text (text, -1);

  /* Fold each character on its own, remembering which character of @text
   * each folded byte came from, so a match maps back onto @text. */
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      g_autofree char *fold = g_utf8_casefold (p, g_utf8_next_char (p) - p);
      Origin origin = { p - text, g_utf8_next_char (p) - text, starts_token (c, previous) };

      g_string_append (folded, fold);
      for (gsize i = 0; fold[i]; i++)
        {
          g_array_append_val (origins, origin);
          origin.word_start = FALSE;
        }
      previous = c;
    }
  squeeze_spaces (folded->str, (const Origin *)(gpointer)origins->data, squeezed, squeezed_origins);

  length = strlen (text);
  marked = g_new0 (gboolean, length + 1);
  for (guint i = 0; phrases[i]; i++)
    {
      g_autofree char *needle = rh_search_fold (phrases[i]);
      gsize needle_len = strlen (needle);
      gsize first_word = 0;

      /* Where the needle's first word starts must be where one starts in
       * @text too; a needle of symbols only matches anywhere. */
      while (needle[first_word] && !g_unichar_isalnum (g_utf8_get_char (needle + first_word)))
        first_word = g_utf8_next_char (needle + first_word) - needle;

      if (needle_len == 0)
        continue;

      for (const char *hit = strstr (squeezed->str, needle); hit; hit = strstr (hit + 1, needle))
        {
          gsize at = hit - squeezed->str;
          const Origin *from = &g_array_index (squeezed_origins, Origin, at);
          const Origin *to = &g_array_index (squeezed_origins, Origin, at + needle_len - 1);

          if (needle[first_word] && !g_array_index (squeezed_origins, Origin, at + first_word).word_start)
            continue;

          for (gsize b = from->start; b < to->end; b++)
            marked[b] = TRUE;
        }
    }

  for (gsize start = 0; start < length;)
    {
      gsize end = start;
      g_autofree char *escaped = NULL;

      while (end < length && marked[end] == marked[start])
        end++;

      escaped = g_markup_escape_text (text + start, end - start);
      if (marked[start])
        g_string_append_printf (markup, "<b>%s</b>", escaped);
      else
        g_string_append (markup, escaped);
      start = end;
    }

  return g_string_free (g_steal_pointer (&markup), FALSE);
}
