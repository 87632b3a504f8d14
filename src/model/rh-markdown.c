/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rh-markdown"

#include "config.h"

#include <md4c.h>
#include <string.h>

#include "rh-markdown-block-private.h"
#include "rh-markdown.h"

/* The renderer: md4c's events become RhMarkdownBlocks (rh-markdown-block.c)
 * of Pango markup, code and table cells. */

/* GitHub's dialect, but raw HTML is never passed through: a card is shown
 * in a GtkLabel, where HTML would either break the markup or be read as
 * Pango tags. With these flags md4c reports "<b>" as ordinary text. */
#define PARSER_FLAGS (MD_DIALECT_GITHUB | MD_FLAG_NOHTML)

/* How the plain text indents one list level */
#define INDENT_PLAIN  "    "

typedef struct
{
  gboolean ordered;
  guint    next_number;
  char     delimiter;
} List;

/* An inline span that is open in the current text block or cell, with
 * the tags that open and close it; both %NULL when it emitted nothing
 * (an image, a link that is not kept). */
typedef struct
{
  MD_SPANTYPE  type;
  char        *open;
  const char  *close;
} Span;

typedef struct
{
  const char      *source;
  gsize            source_len;
  GPtrArray       *blocks;

  /* Text block being built; NULL between blocks */
  GString         *markup;
  GString         *plain;
  guint            text_indent;     /* list levels the block sits in */
  char            *marker;          /* the list item's "•" or "1." when the block starts one */
  guint            heading_level;
  gboolean         line_open;       /* a line was started and may take inline content */
  gboolean         after_para;      /* the last thing was a paragraph: leave a blank line */

  /* Containers */
  GArray          *lists;           /* (element-type List) */
  guint            quote_depth;

  /* Leaf blocks with their own storage */
  GString         *code;
  guint            code_indent;     /* columns of indentation md4c sent as spaces */
  char            *language;
  RhMarkdownBlock *table;
  RhMarkdownRow   *row;
  gboolean         in_table_head;
  GString         *cell_markup;
  GString         *cell_plain;

  /* (element-type Span) innermost last. md4c 0.4.8 can leave spans out
   * of order or not at all (emphasis in a link target, a link left open
   * in a table cell), so the renderer closes them itself. */
  GArray          *spans;
  guint            open_anchors;
} Renderer;

/* The named entities people actually type. md4c reports any &name; it does
 * not know; one missing here is shown as typed, as CommonMark asks. */
static const struct
{
  const char *name;
  gunichar    ch;
} entities[] = {
  { "amp", 0x26 }, { "lt", 0x3C }, { "gt", 0x3E }, { "quot", 0x22 }, { "apos", 0x27 },
  { "nbsp", 0xA0 }, { "ensp", 0x2002 }, { "emsp", 0x2003 }, { "thinsp", 0x2009 },
  { "shy", 0xAD }, { "zwnj", 0x200C }, { "zwj", 0x200D }, { "Tab", 0x09 }, { "NewLine", 0x0A },
  { "copy", 0xA9 }, { "reg", 0xAE }, { "trade", 0x2122 }, { "sect", 0xA7 }, { "para", 0xB6 },
  { "hellip", 0x2026 }, { "mdash", 0x2014 }, { "ndash", 0x2013 }, { "minus", 0x2212 },
  { "lsquo", 0x2018 }, { "rsquo", 0x2019 }, { "ldquo", 0x201C }, { "rdquo", 0x201D },
  { "laquo", 0xAB }, { "raquo", 0xBB }, { "bull", 0x2022 }, { "middot", 0xB7 },
  { "dagger", 0x2020 }, { "Dagger", 0x2021 }, { "prime", 0x2032 }, { "Prime", 0x2033 },
  { "times", 0xD7 }, { "divide", 0xF7 }, { "plusmn", 0xB1 }, { "deg", 0xB0 }, { "micro", 0xB5 },
  { "frac12", 0xBD }, { "frac14", 0xBC }, { "frac34", 0xBE }, { "sup2", 0xB2 }, { "sup3", 0xB3 },
  { "le", 0x2264 }, { "ge", 0x2265 }, { "ne", 0x2260 }, { "asymp", 0x2248 }, { "equiv", 0x2261 },
  { "infin", 0x221E }, { "sum", 0x2211 }, { "prod", 0x220F }, { "radic", 0x221A },
  { "isin", 0x2208 }, { "notin", 0x2209 }, { "forall", 0x2200 }, { "exist", 0x2203 },
  { "empty", 0x2205 }, { "and", 0x2227 }, { "or", 0x2228 }, { "not", 0xAC },
  { "cap", 0x2229 }, { "cup", 0x222A }, { "sub", 0x2282 }, { "sup", 0x2283 },
  { "lceil", 0x2308 }, { "rceil", 0x2309 }, { "lfloor", 0x230A }, { "rfloor", 0x230B },
  { "larr", 0x2190 }, { "uarr", 0x2191 }, { "rarr", 0x2192 }, { "darr", 0x2193 },
  { "harr", 0x2194 }, { "lArr", 0x21D0 }, { "rArr", 0x21D2 }, { "hArr", 0x21D4 },
  { "euro", 0x20AC }, { "pound", 0xA3 }, { "yen", 0xA5 }, { "cent", 0xA2 },
  { "alpha", 0x3B1 }, { "beta", 0x3B2 }, { "gamma", 0x3B3 }, { "delta", 0x3B4 },
  { "epsilon", 0x3B5 }, { "theta", 0x3B8 }, { "lambda", 0x3BB }, { "mu", 0x3BC },
  { "pi", 0x3C0 }, { "sigma", 0x3C3 }, { "tau", 0x3C4 }, { "phi", 0x3C6 }, { "omega", 0x3C9 },
  { "Gamma", 0x393 }, { "Delta", 0x394 }, { "Theta", 0x398 }, { "Lambda", 0x39B },
  { "Pi", 0x3A0 }, { "Sigma", 0x3A3 }, { "Phi", 0x3A6 }, { "Omega", 0x3A9 },
  { "check", 0x2713 }, { "cross", 0x2717 },
};

static const char * const bullets[] = { "•", "◦", "▪" };

/* Appends the character an entity stands for, or returns FALSE when the
 * entity is unknown and should be shown as written. */
static gboolean
decode_entity (const char *text,
               gsize       size,
               GString    *out)
{
  gunichar ch = 0;

  if (size < 3 || text[0] != '&' || text[size - 1] != ';')
    return FALSE;

  if (text[1] == '#')
    {
      gboolean hex = size > 3 && (text[2] == 'x' || text[2] == 'X');
      gsize i;

      /* md4c caps these at 7 digits, so this cannot overflow */
      for (i = hex ? 3 : 2; i < size - 1; i++)
        {
          int digit = hex ? g_ascii_xdigit_value (text[i]) : g_ascii_digit_value (text[i]);

          if (digit < 0)
            return FALSE;
          ch = ch * (hex ? 16 : 10) + (gunichar)digit;
        }

      /* CommonMark: NUL and invalid code points become U+FFFD */
      if (ch == 0 || !g_unichar_validate (ch))
        ch = 0xFFFD;
    }
  else
    {
      gsize len = size - 2;
      gsize i;

      for (i = 0; i < G_N_ELEMENTS (entities); i++)
        if (strlen (entities[i].name) == len && memcmp (entities[i].name, text + 1, len) == 0)
          break;

      if (i == G_N_ELEMENTS (entities))
        return FALSE;
      ch = entities[i].ch;
    }

  g_string_append_unichar (out, ch);

  return TRUE;
}

/* Attributes (link targets, titles, info strings) come with their
 * entities still encoded and, when empty, without substring arrays. */
static char *
attribute_to_string (const MD_ATTRIBUTE *attr)
{
  GString *str = g_string_new (NULL);

  if (attr->size == 0 || attr->substr_offsets == NULL)
    return g_string_free (str, FALSE);

  for (guint i = 0; attr->substr_offsets[i] < attr->size; i++)
    {
      const char *text = attr->text + attr->substr_offsets[i];
      gsize len = attr->substr_offsets[i + 1] - attr->substr_offsets[i];

      switch (attr->substr_types[i])
        {
        case MD_TEXT_ENTITY:
          if (!decode_entity (text, len, str))
            g_string_append_len (str, text, len);
          break;

        case MD_TEXT_NULLCHAR:
          g_string_append_unichar (str, 0xFFFD);
          break;

        default:
          g_string_append_len (str, text, len);
          break;
        }
    }

  return g_string_free (str, FALSE);
}

static gboolean
href_is_allowed (const char *href)
{
  return g_ascii_strncasecmp (href, "http://", 7) == 0 ||
         g_ascii_strncasecmp (href, "https://", 8) == 0 ||
         g_ascii_strncasecmp (href, "mailto:", 7) == 0;
}

static void
append_escaped (GString    *markup,
                GString    *plain,
                const char *text,
                gsize       len)
{
  g_autofree char *escaped = g_markup_escape_text (text, len);

  g_string_append (markup, escaped);
  g_string_append_len (plain, text, len);
}

static void
append_both (GString    *markup,
             GString    *plain,
             const char *markup_text,
             const char *plain_text)
{
  g_string_append (markup, markup_text);
  g_string_append (plain, plain_text);
}

static void
add_block (Renderer        *r,
           RhMarkdownBlock *block)
{
  g_ptr_array_add (r->blocks, block);
}

static void
span_clear (gpointer data)
{
  Span *span = data;

  g_free (span->open);
}

/* Ends every open span in @markup, innermost first: a block or cell
 * must not end with an open tag, whatever md4c sent. */
static void
close_spans (Renderer *r,
             GString  *markup)
{
  for (guint i = r->spans->len; i > 0; i--)
    {
      Span *span = &g_array_index (r->spans, Span, i - 1);

      if (span->close != NULL)
        g_string_append (markup, span->close);
    }

  g_array_set_size (r->spans, 0);
  r->open_anchors = 0;
}

static void
flush_text (Renderer *r)
{
  if (r->markup == NULL)
    return;

  close_spans (r, r->markup);

  /* Nothing visible, e.g. an image without alt text; an empty list
   * item still shows its marker */
  if (r->plain->len == 0 && r->marker == NULL)
    {
      g_string_free (g_steal_pointer (&r->markup), TRUE);
      g_string_free (g_steal_pointer (&r->plain), TRUE);
    }
  else
    {
      g_autoptr(GString) plain = g_string_new (NULL);

      if (r->quote_depth > 0)
        g_string_append (r->markup, "</i>");

      /* The plain text keeps the list's shape: indentation, then the marker */
      for (guint i = 0; i < r->text_indent; i++)
        g_string_append (plain, INDENT_PLAIN);
      if (r->marker != NULL)
        g_string_append_printf (plain, "%s ", r->marker);
      g_string_append_len (plain, r->plain->str, r->plain->len);
      g_string_free (g_steal_pointer (&r->plain), TRUE);

      add_block (r, rh_markdown_block_new_text (r->text_indent, r->quote_depth, r->heading_level,
                                                g_steal_pointer (&r->marker),
                                                g_string_free (g_steal_pointer (&r->markup), FALSE),
                                                g_string_free (g_steal_pointer (&plain), FALSE)));
    }

  g_clear_pointer (&r->marker, g_free);

  r->line_open = FALSE;
  r->after_para = FALSE;
  r->heading_level = 0;
}

static gboolean
at_top_level (Renderer *r)
{
  return r->lists->len == 0 && r->quote_depth == 0;
}

/* Starts a new line in the text block: with @item_of, a new block for
 * an item of that list, its marker apart so that the view can hang the
 * item's text beside it; with %NULL a paragraph or continuation line. */
static void
begin_line (Renderer *r,
            List     *item_of)
{
  guint depth = r->lists->len;

  if (item_of != NULL)
    flush_text (r);

  if (r->markup == NULL)
    {
      r->markup = g_string_new (r->quote_depth > 0 ? "<i>" : NULL);
      r->plain = g_string_new (NULL);
      r->text_indent = item_of != NULL ? depth - 1 : depth;
      r->line_open = FALSE;
      r->after_para = FALSE;

      if (item_of != NULL && item_of->ordered)
        r->marker = g_strdup_printf ("%u%c", item_of->next_number++, item_of->delimiter);
      else if (item_of != NULL)
        r->marker = g_strdup (bullets[MIN (depth, G_N_ELEMENTS (bullets)) - 1]);
    }

  /* A paragraph opening a list item goes beside the item's marker */
  if (item_of == NULL && r->line_open)
    return;

  if (r->plain->len > 0)
    append_both (r->markup, r->plain,
                 r->after_para ? "\n\n" : "\n",
                 r->after_para ? "\n\n" : "\n");

  r->line_open = TRUE;
  r->after_para = FALSE;
}

/* Where inline content goes: the current table cell, or the text block
 * (opening a line if the content arrives outside any paragraph). */
static void
inline_target (Renderer  *r,
               GString  **markup,
               GString  **plain)
{
  if (r->cell_markup != NULL)
    {
      *markup = r->cell_markup;
      *plain = r->cell_plain;
      return;
    }

  if (r->markup == NULL || !r->line_open)
    begin_line (r, NULL);

  *markup = r->markup;
  *plain = r->plain;
}

static void
enter_heading (Renderer          *r,
               MD_BLOCK_H_DETAIL *detail)
{
  static const char * const openers[] = {
    "<span size=\"x-large\" weight=\"bold\">",
    "<span size=\"large\" weight=\"bold\">",
    "<span weight=\"bold\">",
  };

  if (at_top_level (r))
    {
      flush_text (r);
      r->heading_level = detail->level;
    }
  else if (r->markup != NULL)
    /* Inside a list item, text before the heading may have left spans
     * open (md4c sends no paragraph in a tight item): none crosses into
     * the heading's own tag. */
    close_spans (r, r->markup);

  begin_line (r, NULL);
  g_string_append (r->markup, openers[MIN (detail->level, G_N_ELEMENTS (openers)) - 1]);
}

static void
enter_code (Renderer             *r,
            MD_BLOCK_CODE_DETAIL *detail)
{
  g_autofree char *language = attribute_to_string (&detail->lang);

  flush_text (r);
  r->code = g_string_new (NULL);
  r->language = language[0] != '\0' ? g_steal_pointer (&language) : NULL;
}

static void
leave_code (Renderer *r)
{
  /* md4c ends every code line with \n; the last one would show as an
   * empty line at the bottom of the view. */
  if (r->code->len > 0 && r->code->str[r->code->len - 1] == '\n')
    g_string_truncate (r->code, r->code->len - 1);

  r->code_indent = 0;
  add_block (r, rh_markdown_block_new_code (r->lists->len, r->quote_depth,
                                            g_string_free (g_steal_pointer (&r->code), FALSE),
                                            g_steal_pointer (&r->language)));
}

static void
enter_table (Renderer              *r,
             MD_BLOCK_TABLE_DETAIL *detail)
{
  flush_text (r);
  r->table = rh_markdown_block_new_table (r->lists->len, r->quote_depth, detail->col_count);
}

static void
enter_cell (Renderer           *r,
            MD_BLOCK_TD_DETAIL *detail)
{
  guint column = r->row->cells->len;

  if (r->row->header && column < rh_markdown_block_get_n_columns (r->table))
    {
      switch (detail->align)
        {
        case MD_ALIGN_CENTER:
          rh_markdown_block_set_column_xalign (r->table, column, 0.5f);
          break;

        case MD_ALIGN_RIGHT:
          rh_markdown_block_set_column_xalign (r->table, column, 1.0f);
          break;

        case MD_ALIGN_DEFAULT:
        case MD_ALIGN_LEFT:
        default:
          rh_markdown_block_set_column_xalign (r->table, column, 0.0f);
          break;
        }
    }

  r->cell_markup = g_string_new (NULL);
  r->cell_plain = g_string_new (NULL);
}

static void
leave_cell (Renderer *r)
{
  close_spans (r, r->cell_markup);
  g_ptr_array_add (r->row->cells, g_string_free (g_steal_pointer (&r->cell_markup), FALSE));
  g_ptr_array_add (r->row->plain_cells, g_string_free (g_steal_pointer (&r->cell_plain), FALSE));
}

static void
leave_row (Renderer *r)
{
  rh_markdown_block_add_row (r->table, g_steal_pointer (&r->row));
}

static void
leave_table (Renderer *r)
{
  RhMarkdownBlock *block = g_steal_pointer (&r->table);

  rh_markdown_block_finish_table (block);
  add_block (r, block);
}

static gboolean
is_blank (const char *text,
          gsize       size)
{
  for (gsize i = 0; i < size; i++)
    if (text[i] != ' ')
      return FALSE;

  return TRUE;
}

static gboolean
in_source (Renderer   *r,
           const char *text)
{
  return (guintptr)text >= (guintptr)r->source &&
         (guintptr)text < (guintptr)r->source + r->source_len;
}

/* md4c sends a code line's indentation as @columns synthetic spaces, so
 * tabs would be lost (gofmt indents with tabs, Makefiles need them).
 * Take the indentation back from the source instead: the last @columns
 * columns of whitespace before @content, with tab stops of 4 as md4c
 * counts them. */
static void
append_code_indent (Renderer   *r,
                    const char *content,
                    guint       columns)
{
  const char *line_start = content;
  const char *p;
  guint column = 0;
  guint content_column;
  guint target;

  while (line_start > r->source && line_start[-1] != '\n' && line_start[-1] != '\r')
    line_start--;

  for (p = line_start; p < content; p++)
    column = *p == '\t' ? (column / 4 + 1) * 4 : column + 1;
  content_column = column;

  if (content_column < columns)
    goto fallback;
  target = content_column - columns;

  column = 0;
  for (p = line_start; p < content && column < target; p++)
    column = *p == '\t' ? (column / 4 + 1) * 4 : column + 1;

  for (const char *q = p; q < content; q++)
    if (*q != ' ' && *q != '\t')
      goto fallback;

  /* A tab that straddles the code's left edge counts as spaces for the part inside */
  for (; column > target; column--)
    g_string_append_c (r->code, ' ');
  g_string_append_len (r->code, p, content - p);
  return;

fallback:
  for (guint i = 0; i < columns; i++)
    g_string_append_c (r->code, ' ');
}

static void
append_code (Renderer      *r,
             MD_TEXTTYPE    type,
             const MD_CHAR *text,
             MD_SIZE        size)
{
  gboolean synthetic = !in_source (r, text);

  if (type == MD_TEXT_NULLCHAR)
    {
      g_string_append_unichar (r->code, 0xFFFD);
      return;
    }

  if (synthetic && is_blank (text, size))
    {
      r->code_indent += size;
      return;
    }

  /* Indentation followed by a synthetic newline is trailing space on an
   * otherwise blank line: not worth keeping */
  if (r->code_indent > 0 && !synthetic)
    append_code_indent (r, text, r->code_indent);
  r->code_indent = 0;

  g_string_append_len (r->code, text, size);
}

static int
enter_block_cb (MD_BLOCKTYPE  type,
                void         *detail,
                void         *user_data)
{
  Renderer *r = user_data;

  switch (type)
    {
    case MD_BLOCK_QUOTE:
      flush_text (r);
      r->quote_depth++;
      break;

    case MD_BLOCK_UL:
    case MD_BLOCK_OL:
      {
        List list = { 0, };

        if (type == MD_BLOCK_OL)
          {
            MD_BLOCK_OL_DETAIL *ol = detail;

            list.ordered = TRUE;
            list.next_number = ol->start;
            list.delimiter = ol->mark_delimiter;
          }
        g_array_append_val (r->lists, list);
      }
      break;

    case MD_BLOCK_LI:
      {
        MD_BLOCK_LI_DETAIL *li = detail;

        begin_line (r, &g_array_index (r->lists, List, r->lists->len - 1));
        if (li->is_task)
          append_both (r->markup, r->plain,
                       li->task_mark == ' ' ? "☐ " : "☑ ",
                       li->task_mark == ' ' ? "[ ] " : "[x] ");
      }
      break;

    case MD_BLOCK_HR:
      flush_text (r);
      add_block (r, rh_markdown_block_new_rule (r->lists->len, r->quote_depth));
      break;

    case MD_BLOCK_H:
      enter_heading (r, detail);
      break;

    case MD_BLOCK_CODE:
      enter_code (r, detail);
      break;

    case MD_BLOCK_P:
      if (at_top_level (r))
        flush_text (r);
      begin_line (r, NULL);
      break;

    case MD_BLOCK_TABLE:
      enter_table (r, detail);
      break;

    case MD_BLOCK_THEAD:
      r->in_table_head = TRUE;
      break;

    case MD_BLOCK_TR:
      r->row = rh_markdown_row_new (r->in_table_head);
      break;

    case MD_BLOCK_TH:
    case MD_BLOCK_TD:
      enter_cell (r, detail);
      break;

    case MD_BLOCK_DOC:
    case MD_BLOCK_HTML:    /* not produced with MD_FLAG_NOHTML */
    case MD_BLOCK_TBODY:
    default:
      break;
    }

  return 0;
}

static int
leave_block_cb (MD_BLOCKTYPE  type,
                void         *detail,
                void         *user_data)
{
  Renderer *r = user_data;

  switch (type)
    {
    case MD_BLOCK_QUOTE:
      flush_text (r);
      r->quote_depth--;
      break;

    case MD_BLOCK_UL:
    case MD_BLOCK_OL:
      g_array_set_size (r->lists, r->lists->len - 1);
      r->line_open = FALSE;
      break;

    case MD_BLOCK_LI:
      /* What follows in the outer item is a block of its own */
      flush_text (r);
      break;

    case MD_BLOCK_H:
      close_spans (r, r->markup);
      g_string_append (r->markup, "</span>");
      r->line_open = FALSE;
      r->after_para = TRUE;
      break;

    case MD_BLOCK_P:
      if (r->markup != NULL)
        close_spans (r, r->markup);
      r->line_open = FALSE;
      r->after_para = TRUE;
      break;

    case MD_BLOCK_CODE:
      leave_code (r);
      break;

    case MD_BLOCK_TABLE:
      leave_table (r);
      break;

    case MD_BLOCK_THEAD:
      r->in_table_head = FALSE;
      break;

    case MD_BLOCK_TR:
      leave_row (r);
      break;

    case MD_BLOCK_TH:
    case MD_BLOCK_TD:
      leave_cell (r);
      break;

    case MD_BLOCK_DOC:
    case MD_BLOCK_HR:
    case MD_BLOCK_HTML:
    case MD_BLOCK_TBODY:
    default:
      break;
    }

  /* Top-level paragraphs, headings and lists each get their own block */
  if (at_top_level (r))
    flush_text (r);

  return 0;
}

static int
enter_span_cb (MD_SPANTYPE  type,
               void        *detail,
               void        *user_data)
{
  Renderer *r = user_data;
  Span span = { type, NULL, NULL };
  GString *markup;
  GString *plain;

  inline_target (r, &markup, &plain);

  switch (type)
    {
    case MD_SPAN_EM:
      span.open = g_strdup ("<i>");
      span.close = "</i>";
      break;

    case MD_SPAN_STRONG:
      span.open = g_strdup ("<b>");
      span.close = "</b>";
      break;

    case MD_SPAN_DEL:
      span.open = g_strdup ("<s>");
      span.close = "</s>";
      break;

    case MD_SPAN_CODE:
      span.open = g_strdup ("<tt>");
      span.close = "</tt>";
      break;

    case MD_SPAN_A:
      {
        MD_SPAN_A_DETAIL *a = detail;
        g_autofree char *href = attribute_to_string (&a->href);
        g_autofree char *title = attribute_to_string (&a->title);

        /* GtkLabel cannot nest links; the inner one keeps its text */
        if (href_is_allowed (href) && r->open_anchors == 0)
          {
            if (title[0] != '\0')
              span.open = g_markup_printf_escaped ("<a href=\"%s\" title=\"%s\">", href, title);
            else
              span.open = g_markup_printf_escaped ("<a href=\"%s\">", href);
            span.close = "</a>";
            r->open_anchors++;
          }
      }
      break;

    case MD_SPAN_IMG:           /* a label cannot show it: the alt text follows */
    case MD_SPAN_LATEXMATH:
    case MD_SPAN_LATEXMATH_DISPLAY:
    case MD_SPAN_WIKILINK:
    case MD_SPAN_U:
    default:
      break;
    }

  if (span.open != NULL)
    g_string_append (markup, span.open);
  g_array_append_val (r->spans, span);

  return 0;
}

/* Closes the innermost open span of @type. One opened inside it is closed
 * first and opened again after, so tags always nest; a span that is not
 * open (already closed at the end of its block) is ignored. */
static int
leave_span_cb (MD_SPANTYPE  type,
               void        *detail,
               void        *user_data)
{
  Renderer *r = user_data;
  GString *markup;
  GString *plain;
  guint index;

  for (index = r->spans->len; index > 0; index--)
    if (g_array_index (r->spans, Span, index - 1).type == type)
      break;

  if (index-- == 0)
    return 0;

  inline_target (r, &markup, &plain);

  for (guint i = r->spans->len; i > index; i--)
    {
      Span *span = &g_array_index (r->spans, Span, i - 1);

      if (span->close != NULL)
        g_string_append (markup, span->close);
    }

  if (type == MD_SPAN_A && g_array_index (r->spans, Span, index).close != NULL)
    r->open_anchors--;
  g_array_remove_index (r->spans, index);

  for (guint i = index; i < r->spans->len; i++)
    {
      Span *span = &g_array_index (r->spans, Span, i);

      if (span->open != NULL)
        g_string_append (markup, span->open);
    }

  return 0;
}

static int
text_cb (MD_TEXTTYPE    type,
         const MD_CHAR *text,
         MD_SIZE        size,
         void          *user_data)
{
  Renderer *r = user_data;
  GString *markup;
  GString *plain;

  if (r->code != NULL)
    {
      append_code (r, type, text, size);
      return 0;
    }

  inline_target (r, &markup, &plain);

  switch (type)
    {
    case MD_TEXT_NULLCHAR:
      append_both (markup, plain, "\uFFFD", "\uFFFD");
      break;

    case MD_TEXT_BR:
      append_both (markup, plain, "\n", "\n");
      break;

    case MD_TEXT_SOFTBR:
      append_both (markup, plain, " ", " ");
      break;

    case MD_TEXT_ENTITY:
      {
        g_autoptr(GString) decoded = g_string_new (NULL);

        if (decode_entity (text, size, decoded))
          append_escaped (markup, plain, decoded->str, decoded->len);
        else
          append_escaped (markup, plain, text, size);
      }
      break;

    case MD_TEXT_NORMAL:
    case MD_TEXT_CODE:
    case MD_TEXT_HTML:          /* not produced with MD_FLAG_NOHTML; literal if it ever is */
    case MD_TEXT_LATEXMATH:
    default:
      append_escaped (markup, plain, text, size);
      break;
    }

  return 0;
}

static void
renderer_clear (Renderer *r)
{
  g_clear_pointer (&r->blocks, g_ptr_array_unref);
  if (r->markup != NULL)
    g_string_free (r->markup, TRUE);
  if (r->plain != NULL)
    g_string_free (r->plain, TRUE);
  g_free (r->marker);
  g_clear_pointer (&r->lists, g_array_unref);
  if (r->code != NULL)
    g_string_free (r->code, TRUE);
  g_free (r->language);
  g_clear_pointer (&r->table, rh_markdown_block_unref);
  g_clear_pointer (&r->row, rh_markdown_row_free);
  if (r->cell_markup != NULL)
    g_string_free (r->cell_markup, TRUE);
  if (r->cell_plain != NULL)
    g_string_free (r->cell_plain, TRUE);
  g_clear_pointer (&r->spans, g_array_unref);
}

/**
 * rh_markdown_render:
 * @markdown: Markdown source; invalid UTF-8 is replaced with U+FFFD
 *
 * Parses @markdown into blocks in reading order. It never fails: Markdown
 * has no syntax errors, and anything that is not markup is shown as text.
 * Blank input gives an empty array.
 *
 * Returns: (transfer full) (element-type RhMarkdownBlock): the blocks
 */
GPtrArray *
rh_markdown_render (const char *markdown)
{
  g_autofree char *valid = NULL;
  Renderer r = { 0, };
  MD_PARSER parser = {
    .abi_version = 0,
    .flags = PARSER_FLAGS,
    .enter_block = enter_block_cb,
    .leave_block = leave_block_cb,
    .enter_span = enter_span_cb,
    .leave_span = leave_span_cb,
    .text = text_cb,
  };
  gsize length;
  GPtrArray *blocks;

  g_return_val_if_fail (markdown != NULL, NULL);

  /* md4c passes bytes through; markup must be UTF-8 */
  if (!g_utf8_validate (markdown, -1, NULL))
    markdown = valid = g_utf8_make_valid (markdown, -1);

  length = strlen (markdown);
  r.source = markdown;
  r.source_len = length;
  r.blocks = g_ptr_array_new_with_free_func ((GDestroyNotify)rh_markdown_block_unref);
  r.lists = g_array_new (FALSE, TRUE, sizeof (List));
  r.spans = g_array_new (FALSE, TRUE, sizeof (Span));
  g_array_set_clear_func (r.spans, span_clear);

  /* md_parse only fails when md4c runs out of memory (or the text does
   * not fit its 32-bit sizes): show the source as it is rather than
   * nothing at all. */
  if (length > G_MAXUINT32 ||
      md_parse (markdown, (MD_SIZE)length, &parser, &r) != 0)
    {
      RhMarkdownBlock *block;

      g_warning ("Could not parse Markdown of %" G_GSIZE_FORMAT " bytes", length);

      renderer_clear (&r);
      block = rh_markdown_block_new_text (0, 0, 0, NULL, g_markup_escape_text (markdown, length), g_strdup (markdown));
      blocks = g_ptr_array_new_with_free_func ((GDestroyNotify)rh_markdown_block_unref);
      g_ptr_array_add (blocks, block);

      return blocks;
    }

  flush_text (&r);
  blocks = g_steal_pointer (&r.blocks);
  renderer_clear (&r);

  return blocks;
}

/**
 * rh_markdown_to_plain_text:
 * @markdown: Markdown source
 *
 * The text a reader sees, without formatting, for accessible
 * descriptions, search and titles: blocks are separated by newlines,
 * list items keep their markers, code is included as written.
 *
 * Returns: (transfer full): the plain text, empty for blank input
 */
char *
rh_markdown_to_plain_text (const char *markdown)
{
  g_autoptr(GPtrArray) blocks = NULL;
  GString *text;

  g_return_val_if_fail (markdown != NULL, NULL);

  blocks = rh_markdown_render (markdown);
  text = g_string_new (NULL);

  for (guint i = 0; i < blocks->len; i++)
    {
      const char *plain = rh_markdown_block_get_plain_text (g_ptr_array_index (blocks, i));

      if (plain == NULL || plain[0] == '\0')
        continue;

      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, plain);
    }

  return g_string_free (text, FALSE);
}
