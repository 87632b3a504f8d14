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
  const char *label_key;
  GPtrArray  *path;        /* member names and "[N]" positions down to here */
  GPtrArray  *labels;      /* for each, the label_key text of the object it leads to, or "" */
  GStrv       error_path;
  GStrv       error_labels;
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
      g_ptr_array_add (c->path, NULL);
      g_ptr_array_add (c->labels, NULL);
      c->error_path = g_strdupv ((char **)c->path->pdata);
      c->error_labels = g_strdupv ((char **)c->labels->pdata);
      g_ptr_array_remove_index (c->path, c->path->len - 1);
      g_ptr_array_remove_index (c->labels, c->labels->len - 1);
    }
  else
    g_free (message);

  return FALSE;
}

/* Names the character at @p in valid UTF-8 whatever the bytes are, so a
 * message about broken input is never broken itself. */
static char *
describe_char (const char *p,
               const char *end)
{
  gunichar ch;

  if (p >= end)
    return g_strdup (_("the end of the file"));

  ch = g_utf8_get_char_validated (p, end - p);
  if (ch == (gunichar)-1 || ch == (gunichar)-2)
    return g_strdup_printf (_("the byte \\x%02X"), (guchar)*p);
  if (ch < 0x20 || ch == 0x7F)
    return g_strdup_printf (_("control character U+%04X"), ch);

  return g_strdup_printf ("“%.*s”", (int)(g_utf8_next_char (p) - p), p);
}

static char *
describe_here (Checker *c)
{
  return describe_char (c->p, c->end);
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

/* Whether the digits of a whole number fit in 64 bits: json-glib 1.6
 * silently wraps larger ones (to -1 for 2^64 - 1). */
static gboolean
fits_in_int64 (const char *digits,
               gsize       n_digits,
               gboolean    negative)
{
  const char *limit = negative ? "9223372036854775808" : "9223372036854775807";

  if (n_digits != 19)
    return n_digits < 19;

  return memcmp (digits, limit, 19) <= 0;
}

static gboolean
check_number (Checker *c)
{
  const char *start = c->p;
  const char *digits;
  gboolean negative = FALSE;
  gboolean whole = TRUE;

  if (*c->p == '-')
    {
      negative = TRUE;
      c->p++;
    }

  if (c->p >= c->end || !is_digit (*c->p))
    return unexpected (c, _("a digit"));

  digits = c->p;
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
      whole = FALSE;
      c->p++;
      if (c->p >= c->end || !is_digit (*c->p))
        return unexpected (c, _("a digit"));
      while (c->p < c->end && is_digit (*c->p))
        c->p++;
    }

  if (c->p < c->end && (*c->p == 'e' || *c->p == 'E'))
    {
      whole = FALSE;
      c->p++;
      if (c->p < c->end && (*c->p == '+' || *c->p == '-'))
        c->p++;
      if (c->p >= c->end || !is_digit (*c->p))
        return unexpected (c, _("a digit"));
      while (c->p < c->end && is_digit (*c->p))
        c->p++;
    }

  if (whole && !fits_in_int64 (digits, c->p - digits, negative))
    return fail (c, start, g_strdup (negative
                                     ? _("the number is too small: whole numbers must be at least -9223372036854775808")
                                     : _("the number is too large: whole numbers must be at most 9223372036854775807")));

  return TRUE;
}

static gboolean
read_hex4 (const char *p,
           const char *end,
           gunichar   *out)
{
  gunichar value = 0;

  if (end - p < 4)
    return FALSE;

  for (guint i = 0; i < 4; i++)
    {
      if (!g_ascii_isxdigit (p[i]))
        return FALSE;
      value = value * 16 + g_ascii_xdigit_value (p[i]);
    }

  *out = value;

  return TRUE;
}

/* Reads the "\uXXXX" at c->p (after the backslash and the u), and a second
 * one when the first is a high surrogate. U+0000 and unpaired surrogates
 * are refused: json-glib would cut the string at the first and store
 * invalid UTF-8 for the second. */
static gboolean
check_unicode_escape (Checker  *c,
                      GString  *decoded)
{
  const char *escape = c->p - 2;
  gunichar ch, low;

  if (!read_hex4 (c->p, c->end, &ch))
    {
      while (c->p < c->end && g_ascii_isxdigit (*c->p))
        c->p++;
      return fail (c, c->p, g_strdup (_("“\\u” must be followed by four hexadecimal digits")));
    }
  c->p += 4;

  if (ch == 0)
    return fail (c, escape, g_strdup (_("“\\u0000” (U+0000, the null character) is not allowed in text")));

  if (ch >= 0xD800 && ch <= 0xDBFF &&
      c->end - c->p >= 6 && c->p[0] == '\\' && c->p[1] == 'u' &&
      read_hex4 (c->p + 2, c->end, &low) && low >= 0xDC00 && low <= 0xDFFF)
    {
      ch = 0x10000 + ((ch - 0xD800) << 10) + (low - 0xDC00);
      c->p += 6;
    }
  else if (ch >= 0xD800 && ch <= 0xDFFF)
    /* Translators: %.6s is the escape as written, like \ud800 */
    return fail (c, escape, g_strdup_printf (_("“%.6s” is half of a UTF-16 surrogate pair without the other half; write the character itself"),
                                             escape));

  if (decoded)
    g_string_append_unichar (decoded, ch);

  return TRUE;
}

/* On success and when @out is not %NULL, stores the decoded text, so that
 * keys are compared for duplicates as json-glib will see them. */
static gboolean
check_string (Checker  *c,
              GString **out)
{
  g_autoptr(GString) decoded = NULL;

  if (c->p >= c->end || *c->p != '"')
    return unexpected (c, _("a string in double quotes"));

  if (out)
    decoded = g_string_new (NULL);

  c->p++;
  while (c->p < c->end)
    {
      const char *run = c->p;
      guchar ch;

      while (c->p < c->end && *c->p != '"' && *c->p != '\\' && (guchar)*c->p >= 0x20)
        c->p++;
      if (decoded)
        g_string_append_len (decoded, run, c->p - run);
      if (c->p >= c->end)
        break;

      ch = (guchar)*c->p;
      if (ch == '"')
        {
          if (out)
            *out = g_steal_pointer (&decoded);
          c->p++;
          return TRUE;
        }

      if (ch < 0x20)
        return fail (c, c->p, g_strdup (_("control characters must be escaped inside strings")));

      /* A backslash. */
      c->p++;
      if (c->p >= c->end)
        break;

      switch (*c->p++)
        {
        case '"': if (decoded) g_string_append_c (decoded, '"'); break;
        case '\\': if (decoded) g_string_append_c (decoded, '\\'); break;
        case '/': if (decoded) g_string_append_c (decoded, '/'); break;
        case 'b': if (decoded) g_string_append_c (decoded, '\b'); break;
        case 'f': if (decoded) g_string_append_c (decoded, '\f'); break;
        case 'n': if (decoded) g_string_append_c (decoded, '\n'); break;
        case 'r': if (decoded) g_string_append_c (decoded, '\r'); break;
        case 't': if (decoded) g_string_append_c (decoded, '\t'); break;

        case 'u':
          if (!check_unicode_escape (c, decoded))
            return FALSE;
          break;

        default:
          {
            g_autofree char *what = describe_char (c->p - 1, c->end);
            /* Translators: %s names a character, like “x” or control character U+0001 */
            return fail (c, c->p - 2, g_strdup_printf (_("invalid escape: “\\” followed by %s"), what));
          }
        }
    }

  return fail (c, c->p, g_strdup (_("unterminated string")));
}

static void
push (Checker *c,
      char    *component)
{
  g_ptr_array_add (c->path, component);
  g_ptr_array_add (c->labels, g_strdup (""));
}

static void
pop (Checker *c)
{
  g_ptr_array_remove_index (c->path, c->path->len - 1);
  g_ptr_array_remove_index (c->labels, c->labels->len - 1);
}

static gboolean
check_object (Checker *c,
              guint    depth)
{
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint own = c->path->len;   /* the path entry that leads here, if any */

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
      const char *key_text;
      gboolean ok;

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
      key_text = g_string_free (key, FALSE);
      g_hash_table_add (keys, (char *)key_text);

      skip_ws (c);
      if (c->p >= c->end || *c->p != ':')
        return unexpected (c, "“:”");
      c->p++;

      skip_ws (c);
      push (c, g_strdup (key_text));
      if (c->label_key && strcmp (key_text, c->label_key) == 0 && c->p < c->end && *c->p == '"' && own > 0)
        {
          GString *label = NULL;

          if ((ok = check_string (c, &label)))
            {
              g_free (c->labels->pdata[own - 1]);
              c->labels->pdata[own - 1] = g_string_free (label, FALSE);
            }
        }
      else
        ok = check_value (c, depth + 1);
      pop (c);
      if (!ok)
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

  for (guint i = 0;; i++)
    {
      gboolean ok;

      push (c, g_strdup_printf ("[%u]", i));
      ok = check_value (c, depth + 1);
      pop (c);
      if (!ok)
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
 * @label_key: (nullable): a member whose text names its object, like "id"
 * @problem: (out caller-allocates): where and what the first problem is;
 *   clear it with rh_json_problem_clear()
 *
 * Also refuses what json-glib would not keep exactly: U+0000 and unpaired
 * surrogates in escapes, and whole numbers beyond 64 bits. Keys are
 * compared decoded, so "\u0066ront" duplicates "front".
 *
 * Returns: %TRUE when @data is exactly one valid JSON value
 */
gboolean
rh_json_check (const char    *data,
               gsize          length,
               const char    *label_key,
               RhJsonProblem *problem)
{
  g_autoptr(GPtrArray) path = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  Checker c = { data, data + length, data, 1, NULL, NULL, label_key, path, labels, NULL, NULL };

  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (problem != NULL, FALSE);

  *problem = (RhJsonProblem) { 0 };

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
  problem->line = 1;
  c.line_start = data;
  for (const char *q = data; q < c.error_at; q++)
    if (*q == '\n')
      {
        problem->line++;
        c.line_start = q + 1;
      }

  problem->column = (guint)g_utf8_strlen (c.line_start, c.error_at - c.line_start) + 1;
  problem->message = c.message;
  problem->path = c.error_path;
  problem->labels = c.error_labels;

  return FALSE;
}

void
rh_json_problem_clear (RhJsonProblem *problem)
{
  g_clear_pointer (&problem->message, g_free);
  g_clear_pointer (&problem->path, g_strfreev);
  g_clear_pointer (&problem->labels, g_strfreev);
}
