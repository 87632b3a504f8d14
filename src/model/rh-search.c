/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rh-search"

#include "config.h"

#include <string.h>

#include "rh-search.h"

/* More words than anyone types would only make the query too large for
 * SQLite (its expression tree has at most 1000 levels) or slow. */
#define MAX_PHRASES 32

typedef struct
{
  char     *text;
  gboolean  quoted;
} Word;

static void
clear_word (gpointer data)
{
  g_free (((Word *)data)->text);
}

static gboolean
is_symbols_only (const char *word)
{
  for (const char *p = word; *p; p = g_utf8_next_char (p))
    if (g_unichar_isalnum (g_utf8_get_char (p)))
      return FALSE;

  return TRUE;
}

/* Splits at white space, keeping a paired "…" together. */
static GArray *
split_words (const char *search)
{
  GArray *words = g_array_new (FALSE, TRUE, sizeof (Word));
  const char *p = search;

  g_array_set_clear_func (words, clear_word);

  while (*p)
    {
      const char *start, *end, *close;
      Word word = { NULL, FALSE };

      if (g_unichar_isspace (g_utf8_get_char (p)))
        {
          p = g_utf8_next_char (p);
          continue;
        }

      if (*p == '"' && (close = strchr (p + 1, '"')) != NULL)
        {
          start = p + 1;
          end = close;
          p = close + 1;
          word.quoted = TRUE;
        }
      else
        {
          start = p;
          while (*p && !g_unichar_isspace (g_utf8_get_char (p)))
            p = g_utf8_next_char (p);
          end = p;
        }

      if (end > start)
        {
          word.text = g_strndup (start, end - start);
          g_array_append_val (words, word);
        }
    }

  return words;
}

/**
 * rh_search_split_phrases:
 * @search: (nullable): what the user typed
 *
 * The phrases a card must all contain, as described at the top of
 * rh-search.h. Each is matched literally and ignoring case.
 *
 * Returns: (transfer full): the phrases, empty when @search is blank
 */
GStrv
rh_search_split_phrases (const char *search)
{
  g_autoptr(GStrvBuilder) phrases = g_strv_builder_new ();
  g_autoptr(GArray) words = NULL;
  g_autoptr(GString) phrase = g_string_new (NULL);
  gboolean glue = FALSE;
  guint n_phrases = 0;

  if (search == NULL || !g_utf8_validate (search, -1, NULL))
    return g_strv_builder_end (phrases);

  words = split_words (search);
  for (guint i = 0; i < words->len; i++)
    {
      const Word *word = &g_array_index (words, Word, i);
      gboolean symbols = !word->quoted && is_symbols_only (word->text);

      if (phrase->len > 0 && (symbols || glue))
        g_string_append_c (phrase, ' ');
      else if (phrase->len > 0)
        {
          g_strv_builder_add (phrases, phrase->str);
          g_string_truncate (phrase, 0);
          if (++n_phrases == MAX_PHRASES)
            break;
        }
      g_string_append (phrase, word->text);
      glue = symbols;
    }

  if (phrase->len > 0 && n_phrases < MAX_PHRASES)
    g_strv_builder_add (phrases, phrase->str);

  return g_strv_builder_end (phrases);
}

/**
 * rh_search_markup:
 * @text: plain text, such as a card's title
 * @search: (nullable): what the user typed
 *
 * @text as Pango markup with every phrase of @search it contains in bold,
 * found the way the search finds it (literally, ignoring case).
 *
 * Returns: (transfer full): escaped markup
 */
char *
rh_search_markup (const char *text,
                  const char *search)
{
  g_auto(GStrv) phrases = rh_search_split_phrases (search);
  g_autoptr(GString) folded = g_string_new (NULL);
  g_autoptr(GArray) origin = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_autofree gboolean *marked = NULL;
  g_autoptr(GString) markup = g_string_new (NULL);
  gsize length;

  g_return_val_if_fail (text != NULL, NULL);

  if (phrases[0] == NULL || !g_utf8_validate (text, -1, NULL))
    return g_markup_escape_text (text, -1);

  /* Fold each character on its own, remembering which byte of @text each
   * folded byte came from, so a match maps back onto @text. */
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      g_autofree char *fold = g_utf8_casefold (p, g_utf8_next_char (p) - p);
      gsize offset = p - text;

      g_string_append (folded, fold);
      for (gsize i = 0; fold[i]; i++)
        g_array_append_val (origin, offset);
    }
  length = strlen (text);
  g_array_append_val (origin, length);

  marked = g_new0 (gboolean, length + 1);
  for (guint i = 0; phrases[i]; i++)
    {
      g_autofree char *needle = g_utf8_casefold (phrases[i], -1);
      gsize needle_len = strlen (needle);

      for (const char *hit = strstr (folded->str, needle); hit; hit = strstr (hit + 1, needle))
        {
          gsize from = g_array_index (origin, gsize, hit - folded->str);
          gsize to = g_array_index (origin, gsize, hit - folded->str + needle_len);

          /* A match ending inside a folded character covers all of it. */
          if (hit - folded->str + needle_len < folded->len &&
              to == g_array_index (origin, gsize, hit - folded->str + needle_len - 1))
            to = g_utf8_next_char (text + to) - text;

          for (gsize b = from; b < to; b++)
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
