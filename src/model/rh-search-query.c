/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rh-search-query"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "rh-search-private.h"
#include "rh-search-query.h"
#include "rh-topic.h"

/* More than anyone types would only make the query too large for SQLite
 * (its expression tree has at most 1000 levels) or slow. */
#define MAX_ITEMS 32

struct _RhSearchQuery
{
  GObject   parent_instance;

  /* Owned */
  GStrv     phrases;
  GArray   *terms;    /* RhSearchTerm */
};

G_DEFINE_FINAL_TYPE (RhSearchQuery, rh_search_query, G_TYPE_OBJECT)

G_DEFINE_QUARK (rh-search-query-error-quark, rh_search_query_error)

static const char * const filter_names[] = {
  "topic", "tag", "kind", "is", "prop", "added", "rated", NULL
};

static const char * const kind_names[] = {
  "concept", "coding", "design", "behavioral", "troubleshooting", NULL
};

/* In the order of RhSearchState. */
static const char * const state_names[] = {
  "new", "learning", "review", "due", "suspended", "leech", NULL
};

/* In the order of RhSearchProperty. */
static const char * const property_names[] = {
  "lapses", "reviews", "interval", "stability", "difficulty", "due", NULL
};

/* Longer first, so that "<=" is not read as "<". */
static const struct { const char *text; RhSearchOperator op; } operators[] = {
  { "<=", RH_SEARCH_OPERATOR_LESS_OR_EQUAL },
  { ">=", RH_SEARCH_OPERATOR_GREATER_OR_EQUAL },
  { "!=", RH_SEARCH_OPERATOR_NOT_EQUAL },
  { "<", RH_SEARCH_OPERATOR_LESS },
  { ">", RH_SEARCH_OPERATOR_GREATER },
  { "=", RH_SEARCH_OPERATOR_EQUAL },
};

/* What the splitting gives: a word or quoted phrase, or a term, which
 * ends the phrase before it. */
typedef struct
{
  char         *text;
  gboolean      quoted;
  gboolean      is_term;
  RhSearchTerm  term;
} Item;

static void
clear_term (gpointer data)
{
  g_free (((RhSearchTerm *)data)->text);
}

static void
clear_item (gpointer data)
{
  Item *item = data;

  g_free (item->text);
  clear_term (&item->term);
}

static int
find_name (const char * const *names,
           const char         *name,
           gssize              length)
{
  for (int i = 0; names[i]; i++)
    if (length < 0 ? g_ascii_strcasecmp (names[i], name) == 0
                   : strlen (names[i]) == (gsize)length && strncmp (names[i], name, length) == 0)
      return i;

  return -1;
}

/* The length of the filter name at @word ("tag" in "tag:redis"), when
 * @word has the shape of a filter: lowercase ASCII letters, a colon and a
 * value that starts with neither another colon nor a slash; 0 otherwise. */
static gsize
filter_name_length (const char *word,
                    const char *end)
{
  const char *p = word;

  while (p < end && *p >= 'a' && *p <= 'z')
    p++;

  if (p == word || p + 1 >= end || *p != ':' || p[1] == ':' || p[1] == '/')
    return 0;

  return p - word;
}

static gboolean
parse_whole_number (const char *text,
                    gboolean    negative_ok,
                    double     *number)
{
  gint64 value;

  if (!g_ascii_string_to_signed (text, 10, negative_ok ? -1000000 : 0, 1000000, &value, NULL))
    return FALSE;

  *number = (double)value;
  return TRUE;
}

static gboolean
parse_property (const char    *whole,
                const char    *value,
                RhSearchTerm  *term,
                GError       **error)
{
  const char *p = value;
  const char *number;
  int property;
  gboolean parsed;

  while (*p >= 'a' && *p <= 'z')
    p++;

  if ((property = find_name (property_names, value, p - value)) < 0)
    {
      g_set_error (error, RH_SEARCH_QUERY_ERROR, RH_SEARCH_QUERY_ERROR_INVALID_VALUE,
                   /* Translators: the filter's names stay in English */
                   _("“%s” is not a property: use lapses, reviews, interval, stability, difficulty or due, "
                     "as in prop:lapses>3"), whole);
      return FALSE;
    }
  term->property = property;

  number = NULL;
  for (guint i = 0; i < G_N_ELEMENTS (operators); i++)
    if (g_str_has_prefix (p, operators[i].text))
      {
        term->op = operators[i].op;
        number = p + strlen (operators[i].text);
        break;
      }

  if (number == NULL)
    {
      g_set_error (error, RH_SEARCH_QUERY_ERROR, RH_SEARCH_QUERY_ERROR_INVALID_VALUE,
                   _("“%s” needs a comparison: <, <=, =, >=, > or != and a number, as in prop:lapses>3"),
                   whole);
      return FALSE;
    }

  if (property == RH_SEARCH_PROPERTY_STABILITY || property == RH_SEARCH_PROPERTY_DIFFICULTY)
    {
      char *end = NULL;

      term->number = g_ascii_strtod (number, &end);
      parsed = *number != '\0' && end != NULL && *end == '\0' && isfinite (term->number) &&
               !g_ascii_isspace (*number);
      if (!parsed)
        {
          g_set_error (error, RH_SEARCH_QUERY_ERROR, RH_SEARCH_QUERY_ERROR_INVALID_VALUE,
                       _("“%s”: “%s” is not a number"), whole, number);
          return FALSE;
        }
      return TRUE;
    }

  if (!parse_whole_number (number, property == RH_SEARCH_PROPERTY_DUE, &term->number))
    {
      g_set_error (error, RH_SEARCH_QUERY_ERROR, RH_SEARCH_QUERY_ERROR_INVALID_VALUE,
                   property == RH_SEARCH_PROPERTY_DUE
                   ? _("“%s”: “%s” is not a whole number of days")
                   : _("“%s”: “%s” is not a whole number, 0 or more"),
                   whole, number);
      return FALSE;
    }

  return TRUE;
}

/* Reads the filter @name with @value into @term. @whole is the filter as
 * typed, for the messages. */
static gboolean
parse_filter (const char    *whole,
              const char    *name,
              const char    *value,
              RhSearchTerm  *term,
              GError       **error)
{
  int found;

  switch (find_name (filter_names, name, -1))
    {
    case 0:
      term->type = RH_SEARCH_TERM_TOPIC;
      if (!(term->text = rh_topic_path_normalize (value, NULL)))
        {
          g_set_error (error, RH_SEARCH_QUERY_ERROR, RH_SEARCH_QUERY_ERROR_INVALID_VALUE,
                       _("“%s” is not a topic: use names separated by “::”, like topic:Redis::Persistence"),
                       whole);
          return FALSE;
        }
      return TRUE;

    case 1:
      term->type = RH_SEARCH_TERM_TAG;
      term->text = g_strdup (value);
      return TRUE;

    case 2:
      term->type = RH_SEARCH_TERM_KIND;
      if ((found = find_name (kind_names, value, -1)) < 0)
        {
          g_set_error (error, RH_SEARCH_QUERY_ERROR, RH_SEARCH_QUERY_ERROR_INVALID_VALUE,
                       /* Translators: the kinds stay in English */
                       _("“%s” is not one of concept, coding, design, behavioral, troubleshooting"), whole);
          return FALSE;
        }
      term->text = g_strdup (kind_names[found]);
      return TRUE;

    case 3:
      term->type = RH_SEARCH_TERM_STATE;
      if ((found = find_name (state_names, value, -1)) < 0)
        {
          g_set_error (error, RH_SEARCH_QUERY_ERROR, RH_SEARCH_QUERY_ERROR_INVALID_VALUE,
                       /* Translators: the states stay in English */
                       _("“%s” is not one of new, learning, review, due, suspended, leech"), whole);
          return FALSE;
        }
      term->state = found;
      return TRUE;

    case 4:
      term->type = RH_SEARCH_TERM_PROPERTY;
      return parse_property (whole, value, term, error);

    case 5:
    case 6:
      {
        guint64 days;

        term->type = *name == 'a' ? RH_SEARCH_TERM_ADDED : RH_SEARCH_TERM_RATED;
        if (!g_ascii_string_to_unsigned (value, 10, 1, 36500, &days, NULL))
          {
            g_set_error (error, RH_SEARCH_QUERY_ERROR, RH_SEARCH_QUERY_ERROR_INVALID_VALUE,
                         _("“%s” needs a whole number of days, 1 or more (1 is today)"), whole);
            return FALSE;
          }
        term->days = (guint)days;
        return TRUE;
      }

    default:
      g_set_error (error, RH_SEARCH_QUERY_ERROR, RH_SEARCH_QUERY_ERROR_UNKNOWN_FILTER,
                   /* Translators: the filter's names stay in English */
                   _("“%s” is not a filter: use topic:, tag:, kind:, is:, prop:, added: or rated:, "
                     "or put it in quotes to find the text"), whole);
      return FALSE;
    }
}

/* Splits at white space, keeping a paired "…" together, into words and
 * terms; %NULL on the first term that cannot be read. */
static GArray *
split_items (const char  *search,
             GError     **error)
{
  g_autoptr(GArray) items = g_array_new (FALSE, TRUE, sizeof (Item));
  const char *p = search;

  g_array_set_clear_func (items, clear_item);

  while (*p)
    {
      const char *start, *end, *close, *word;
      gboolean negated = FALSE;
      gsize name_length;
      Item item = { NULL, FALSE, FALSE, { 0, } };

      if (g_unichar_isspace (g_utf8_get_char (p)))
        {
          p = g_utf8_next_char (p);
          continue;
        }

      word = p;
      if (*p == '-' && p[1] != '\0' && !g_unichar_isspace (g_utf8_get_char (p + 1)))
        {
          negated = TRUE;
          p++;
        }

      if (*p == '"' && (close = strchr (p + 1, '"')) != NULL)
        {
          item.text = g_strndup (p + 1, close - p - 1);
          item.quoted = TRUE;
          p = close + 1;
          if (*item.text == '\0')
            {
              clear_item (&item);
              continue;
            }
          if (negated)
            {
              item.is_term = TRUE;
              item.term.type = RH_SEARCH_TERM_TEXT;
              item.term.negated = TRUE;
              item.term.text = g_steal_pointer (&item.text);
            }
          g_array_append_val (items, item);
          continue;
        }

      start = p;
      while (*p && !g_unichar_isspace (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      end = p;

      if ((name_length = filter_name_length (start, end)) > 0)
        {
          g_autofree char *name = g_strndup (start, name_length);
          g_autofree char *value = NULL;
          g_autofree char *whole = NULL;
          const char *value_start = start + name_length + 1;

          /* A quoted value may hold spaces. */
          if (*value_start == '"' && (close = strchr (value_start + 1, '"')) != NULL)
            {
              value = g_strndup (value_start + 1, close - value_start - 1);
              p = end = close + 1;
            }
          else
            value = g_strndup (value_start, end - value_start);

          whole = g_strndup (word, end - word);
          item.is_term = TRUE;
          item.term.negated = negated;
          if (!parse_filter (whole, name, value, &item.term, error))
            {
              clear_item (&item);
              return NULL;
            }
          g_array_append_val (items, item);
          continue;
        }

      /* A "-" before symbols only is text, as in "a -> b". */
      if (negated && !rh_search_is_symbols_only_len (start, end - start))
        {
          item.is_term = TRUE;
          item.term.type = RH_SEARCH_TERM_TEXT;
          item.term.negated = TRUE;
          item.term.text = g_strndup (start, end - start);
        }
      else
        item.text = g_strndup (word, end - word);
      g_array_append_val (items, item);
    }

  return g_steal_pointer (&items);
}

static void
rh_search_query_finalize (GObject *object)
{
  RhSearchQuery *self = (RhSearchQuery *)object;

  g_clear_pointer (&self->phrases, g_strfreev);
  g_clear_pointer (&self->terms, g_array_unref);

  G_OBJECT_CLASS (rh_search_query_parent_class)->finalize (object);
}

static void
rh_search_query_class_init (RhSearchQueryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rh_search_query_finalize;
}

static void
rh_search_query_init (RhSearchQuery *self)
{
  self->terms = g_array_new (FALSE, TRUE, sizeof (RhSearchTerm));
  g_array_set_clear_func (self->terms, clear_term);
}

/**
 * rh_search_query_new:
 * @search: (nullable): what the user typed
 *
 * Reads @search as rh-search-query.h describes. Invalid UTF-8 is an empty
 * search.
 *
 * Returns: (transfer full) (nullable): the query, or %NULL with
 *   RH_SEARCH_QUERY_ERROR when a filter cannot be read: its message names
 *   the filter as typed and says what it takes
 */
RhSearchQuery *
rh_search_query_new (const char  *search,
                     GError     **error)
{
  g_autoptr(RhSearchQuery) self = g_object_new (RH_TYPE_SEARCH_QUERY, NULL);
  g_autoptr(GStrvBuilder) phrases = g_strv_builder_new ();
  g_autoptr(GString) phrase = g_string_new (NULL);
  g_autoptr(GArray) items = NULL;
  gboolean glue = FALSE;
  guint n_items = 0;

  if (search == NULL || !g_utf8_validate (search, -1, NULL))
    search = "";

  if (!(items = split_items (search, error)))
    return NULL;

  for (guint i = 0; i < items->len && n_items < MAX_ITEMS; i++)
    {
      Item *item = &g_array_index (items, Item, i);
      gboolean symbols;

      if (item->is_term)
        {
          if (phrase->len > 0)
            {
              g_strv_builder_add (phrases, phrase->str);
              g_string_truncate (phrase, 0);
              if (++n_items == MAX_ITEMS)
                break;
            }
          g_array_append_val (self->terms, item->term);
          memset (&item->term, 0, sizeof item->term);
          n_items++;
          glue = FALSE;
          continue;
        }

      /* A word of symbols only joins the words around it into one phrase. */
      symbols = !item->quoted && rh_search_is_symbols_only_len (item->text, -1);
      if (phrase->len > 0 && (symbols || glue))
        g_string_append_c (phrase, ' ');
      else if (phrase->len > 0)
        {
          g_strv_builder_add (phrases, phrase->str);
          g_string_truncate (phrase, 0);
          if (++n_items == MAX_ITEMS)
            break;
        }
      g_string_append (phrase, item->text);
      glue = symbols;
    }

  if (phrase->len > 0 && n_items < MAX_ITEMS)
    g_strv_builder_add (phrases, phrase->str);

  self->phrases = g_strv_builder_end (phrases);

  return g_steal_pointer (&self);
}

/**
 * rh_search_query_get_phrases:
 *
 * Returns: (transfer none): the phrases every card must contain, as
 *   rh-search.h describes them
 */
const char * const *
rh_search_query_get_phrases (RhSearchQuery *self)
{
  g_return_val_if_fail (RH_IS_SEARCH_QUERY (self), NULL);

  return (const char * const *)self->phrases;
}

guint
rh_search_query_get_n_terms (RhSearchQuery *self)
{
  g_return_val_if_fail (RH_IS_SEARCH_QUERY (self), 0);

  return self->terms->len;
}

/**
 * rh_search_query_get_term:
 *
 * Returns: (transfer none): the term at @index, in the order typed
 */
const RhSearchTerm *
rh_search_query_get_term (RhSearchQuery *self,
                          guint          index)
{
  g_return_val_if_fail (RH_IS_SEARCH_QUERY (self), NULL);
  g_return_val_if_fail (index < self->terms->len, NULL);

  return &g_array_index (self->terms, RhSearchTerm, index);
}

/* Whether the query finds every card: no phrase and no term. */
gboolean
rh_search_query_is_empty (RhSearchQuery *self)
{
  g_return_val_if_fail (RH_IS_SEARCH_QUERY (self), TRUE);

  return self->phrases[0] == NULL && self->terms->len == 0;
}
