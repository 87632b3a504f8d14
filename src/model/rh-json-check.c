/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rh-json-check"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rh-json-check.h"

/* A strict RFC 8259 syntax check run before json-glib parses a deck.
 * json-glib 1.6 accepts single quotes, comments, leading zeros, raw control
 * characters, trailing garbage after the first value and duplicate keys,
 * and reports empty input as success with no root; a deck written that way
 * would behave differently in any other tool, so it is refused here with
 * the line and column of the first problem. */

#define MAX_DEPTH 256

typedef struct
{
  const char *p;
  const char *end;
  const char *line_start;
  guint       line;
  const char *error_at;
  char       *message;
} Checker;

static gboolean check_value (Checker *c, guint depth);

static gboolean
fail (Checker    *c,
      const char *at,
      char       *message)
{
  if (c->message == NULL)
    {
      c->error_at = at;
      c->message = message;
    }
  else
    g_free (message);

  return FALSE;
}

static char *
describe_here (Checker *c)
{
  gunichar ch;

  if (c->p >= c->end)
    return g_strdup (_("the end of the file"));

  ch = g_utf8_get_char (c->p);
  if (ch < 0x20)
    return g_strdup_printf (_("control character U+%04X"), ch);

  return g_strdup_printf ("“%.*s”", (int)(g_utf8_next_char (c->p) - c->p), c->p);
}

static gboolean
unexpected (Checker    *c,
            const char *expected)
{
  g_autofree char *here = describe_here (c);

  /* Translators: the first %s is what was found, the second what the parser wanted */
  return fail (c, c->p, g_strdup_printf (_("unexpected %s, expected %s"), here, expected));
}

static void
skip_ws (Checker *c)
{
  while (c->p < c->end)
    {
      if (*c->p == '\n')
        {
          c->line++;
          c->line_start = c->p + 1;
        }
      else if (*c->p != ' ' && *c->p != '\t' && *c->p != '\r')
        return;
      c->p++;
    }
}

static gboolean
is_digit (char ch)
{
  return ch >= '0' && ch <= '9';
}

static gboolean
check_literal (Checker    *c,
               const char *word)
{
  gsize len = strlen (word);

  if ((gsize)(c->end - c->p) >= len && memcmp (c->p, word, len) == 0)
    {
      c->p += len;
      return TRUE;
    }

  return unexpected (c, _("a value"));
}

static gboolean
check_number (Checker *c)
{
  if (*c->p == '-')
    c->p++;

  if (c->p >= c->end || !is_digit (*c->p))
    return unexpected (c, _("a digit"));

  if (*c->p == '0')
    {
      c->p++;
      if (c->p < c->end && is_digit (*c->p))
        return fail (c, c->p, g_strdup (_("numbers must not have leading zeros")));
    }
  else
    while (c->p < c->end && is_digit (*c->p))
      c->p++;

  if (c->p < c->end && *c->p == '.')
    {
      c->p++;
      if (c->p >= c->end || !is_digit (*c->p))
        return unexpected (c, _("a digit"));
      while (c->p < c->end && is_digit (*c->p))
        c->p++;
    }

  if (c->p < c->end && (*c->p == 'e' || *c->p == 'E'))
    {
      c->p++;
      if (c->p < c->end && (*c->p == '+' || *c->p == '-'))
        c->p++;
      if (c->p >= c->end || !is_digit (*c->p))
        return unexpected (c, _("a digit"));
      while (c->p < c->end && is_digit (*c->p))
        c->p++;
    }

  return TRUE;
}

/* On success and when @out is not %NULL, stores the raw bytes between the
 * quotes, which is enough to compare keys for duplicates. */
static gboolean
check_string (Checker  *c,
              GString **out)
{
  const char *start;

  if (c->p >= c->end || *c->p != '"')
    return unexpected (c, _("a string in double quotes"));

  start = ++c->p;
  while (c->p < c->end)
    {
      guchar ch = (guchar)*c->p;

      if (ch == '"')
        {
          if (out)
            *out = g_string_new_len (start, c->p - start);
          c->p++;
          return TRUE;
        }

      if (ch < 0x20)
        return fail (c, c->p, g_strdup (_("control characters must be escaped inside strings")));

      if (ch == '\\')
        {
          c->p++;
          if (c->p >= c->end)
            break;

          switch (*c->p)
            {
            case '"': case '\\': case '/': case 'b':
            case 'f': case 'n': case 'r': case 't':
              c->p++;
              break;

            case 'u':
              c->p++;
              for (guint i = 0; i < 4; i++, c->p++)
                if (c->p >= c->end || !g_ascii_isxdigit (*c->p))
                  return fail (c, c->p, g_strdup (_("“\\u” must be followed by four hexadecimal digits")));
              break;

            default:
              return fail (c, c->p - 1, g_strdup_printf (_("invalid escape “\\%c”"), *c->p));
            }
          continue;
        }

      c->p++;
    }

  return fail (c, c->p, g_strdup (_("unterminated string")));
}

static gboolean
check_object (Checker *c,
              guint    depth)
{
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  c->p++; /* { */
  skip_ws (c);

  if (c->p < c->end && *c->p == '}')
    {
      c->p++;
      return TRUE;
    }

  for (;;)
    {
      const char *key_at;
      GString *key = NULL;

      skip_ws (c);
      key_at = c->p;
      if (!check_string (c, &key))
        return FALSE;

      if (g_hash_table_contains (keys, key->str))
        {
          char *message = g_strdup_printf (_("duplicate key “%s”"), key->str);

          g_string_free (key, TRUE);
          return fail (c, key_at, message);
        }
      g_hash_table_add (keys, g_string_free (key, FALSE));

      skip_ws (c);
      if (c->p >= c->end || *c->p != ':')
        return unexpected (c, "“:”");
      c->p++;

      if (!check_value (c, depth + 1))
        return FALSE;

      skip_ws (c);
      if (c->p < c->end && *c->p == ',')
        {
          c->p++;
          skip_ws (c);
          if (c->p < c->end && *c->p == '}')
            return fail (c, c->p, g_strdup (_("trailing comma before “}”")));
          continue;
        }
      if (c->p < c->end && *c->p == '}')
        {
          c->p++;
          return TRUE;
        }

      return unexpected (c, _("“,” or “}”"));
    }
}

static gboolean
check_array (Checker *c,
             guint    depth)
{
  c->p++; /* [ */
  skip_ws (c);

  if (c->p < c->end && *c->p == ']')
    {
      c->p++;
      return TRUE;
    }

  for (;;)
    {
      if (!check_value (c, depth + 1))
        return FALSE;

      skip_ws (c);
      if (c->p < c->end && *c->p == ',')
        {
          c->p++;
          skip_ws (c);
          if (c->p < c->end && *c->p == ']')
            return fail (c, c->p, g_strdup (_("trailing comma before “]”")));
          continue;
        }
      if (c->p < c->end && *c->p == ']')
        {
          c->p++;
          return TRUE;
        }

      return unexpected (c, _("“,” or “]”"));
    }
}

static gboolean
check_value (Checker *c,
             guint    depth)
{
  if (depth > MAX_DEPTH)
    return fail (c, c->p, g_strdup_printf (_("nested deeper than %u levels"), MAX_DEPTH));

  skip_ws (c);
  if (c->p >= c->end)
    return unexpected (c, _("a value"));

  switch (*c->p)
    {
    case '{':
      return check_object (c, depth);
    case '[':
      return check_array (c, depth);
    case '"':
      return check_string (c, NULL);
    case 't':
      return check_literal (c, "true");
    case 'f':
      return check_literal (c, "false");
    case 'n':
      return check_literal (c, "null");
    default:
      if (*c->p == '-' || is_digit (*c->p))
        return check_number (c);
      return unexpected (c, _("a value"));
    }
}

/**
 * rh_json_check:
 * @data: UTF-8 text
 * @length: its length in bytes
 * @line: (out): the 1-based line of the first problem
 * @column: (out): the 1-based column, in characters
 * @message: (out) (transfer full): what is wrong
 *
 * Returns: %TRUE when @data is exactly one valid JSON value
 */
gboolean
rh_json_check (const char  *data,
               gsize        length,
               guint       *line,
               guint       *column,
               char       **message)
{
  Checker c = { data, data + length, data, 1, NULL, NULL };

  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  /* A byte order mark is tolerated, as editors on some systems write one. */
  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    c.p += 3, c.line_start += 3;

  skip_ws (&c);
  if (c.p >= c.end)
    fail (&c, c.p, g_strdup (_("the file is empty")));
  else if (check_value (&c, 0))
    {
      skip_ws (&c);
      if (c.p < c.end)
        {
          g_autofree char *here = describe_here (&c);
          fail (&c, c.p, g_strdup_printf (_("unexpected %s after the end of the document"), here));
        }
    }

  if (c.message == NULL)
    return TRUE;

  /* Recount the line up to the error, since error_at may precede c.p. */
  *line = 1;
  c.line_start = data;
  for (const char *q = data; q < c.error_at; q++)
    if (*q == '\n')
      {
        (*line)++;
        c.line_start = q + 1;
      }

  *column = (guint)g_utf8_strlen (c.line_start, c.error_at - c.line_start) + 1;
  *message = c.message;

  return FALSE;
}
