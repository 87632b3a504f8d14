/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rh-markdown"

#include "config.h"

#include "rh-markdown-block-private.h"

/* RhMarkdownBlock: what a block holds and how a view reads it. The
 * renderer (rh-markdown.c) fills blocks through
 * rh-markdown-block-private.h; once rendered they do not change. */

struct _RhMarkdownBlock
{
  RhMarkdownBlockKind kind;
  guint      indent;
  guint      quote_depth;
  guint      heading_level;
  char      *plain;

  /* TEXT */
  char      *markup;
  char      *marker;

  /* CODE */
  char      *code;
  char      *language;

  /* TABLE */
  guint      n_columns;
  GPtrArray *rows;         /* (element-type RhMarkdownRow) */
  float     *xaligns;      /* n_columns entries */
};

G_DEFINE_BOXED_TYPE (RhMarkdownBlock, rh_markdown_block, rh_markdown_block_ref, rh_markdown_block_unref)

static RhMarkdownBlock *
block_new (RhMarkdownBlockKind kind,
           guint               indent,
           guint               quote_depth)
{
  RhMarkdownBlock *block = g_atomic_rc_box_new0 (RhMarkdownBlock);

  block->kind = kind;
  block->indent = indent;
  block->quote_depth = quote_depth;

  return block;
}

static void
rh_markdown_block_clear (RhMarkdownBlock *block)
{
  g_free (block->plain);
  g_free (block->markup);
  g_free (block->marker);
  g_free (block->code);
  g_free (block->language);
  g_clear_pointer (&block->rows, g_ptr_array_unref);
  g_free (block->xaligns);
}

/**
 * rh_markdown_block_ref:
 * @block: a block
 *
 * Returns: (transfer full): @block
 */
RhMarkdownBlock *
rh_markdown_block_ref (RhMarkdownBlock *block)
{
  g_return_val_if_fail (block != NULL, NULL);

  return g_atomic_rc_box_acquire (block);
}

/**
 * rh_markdown_block_unref:
 * @block: (transfer full): a block
 */
void
rh_markdown_block_unref (RhMarkdownBlock *block)
{
  g_return_if_fail (block != NULL);

  g_atomic_rc_box_release_full (block, (GDestroyNotify)rh_markdown_block_clear);
}

RhMarkdownBlockKind
rh_markdown_block_get_kind (const RhMarkdownBlock *block)
{
  g_return_val_if_fail (block != NULL, RH_MARKDOWN_BLOCK_TEXT);

  return block->kind;
}

/**
 * rh_markdown_block_get_indent:
 * @block: a block
 *
 * Returns: how many list levels the block is nested in (for a list
 *   item's own block, the levels around its list)
 */
guint
rh_markdown_block_get_indent (const RhMarkdownBlock *block)
{
  g_return_val_if_fail (block != NULL, 0);

  return block->indent;
}

/**
 * rh_markdown_block_get_quote_depth:
 * @block: a block
 *
 * Returns: how many blockquotes the block is in, 0 for none
 */
guint
rh_markdown_block_get_quote_depth (const RhMarkdownBlock *block)
{
  g_return_val_if_fail (block != NULL, 0);

  return block->quote_depth;
}

/**
 * rh_markdown_block_get_plain_text:
 * @block: a block
 *
 * The block's text without formatting: entities decoded, nothing escaped,
 * table cells separated by tabs and rows by newlines, %NULL for a rule.
 *
 * Returns: (nullable): the plain text
 */
const char *
rh_markdown_block_get_plain_text (const RhMarkdownBlock *block)
{
  g_return_val_if_fail (block != NULL, NULL);

  return block->plain;
}

/**
 * rh_markdown_block_get_markup:
 * @block: a block
 *
 * Returns: (nullable): valid Pango markup (with GtkLabel's <a>) for a
 *   %RH_MARKDOWN_BLOCK_TEXT block, %NULL for other kinds
 */
const char *
rh_markdown_block_get_markup (const RhMarkdownBlock *block)
{
  g_return_val_if_fail (block != NULL, NULL);

  return block->markup;
}

/**
 * rh_markdown_block_get_marker:
 * @block: a block
 *
 * A %RH_MARKDOWN_BLOCK_TEXT block that starts a list item has the item's
 * marker apart from its text, so that wrapped lines can hang beside it:
 * "•", "◦" or "▪" by depth, or the number and its delimiter ("3.", "1)").
 * Such a block's get_indent() is the number of lists around the item's list.
 *
 * Returns: (nullable): the marker, %NULL for a block that starts no item
 */
const char *
rh_markdown_block_get_marker (const RhMarkdownBlock *block)
{
  g_return_val_if_fail (block != NULL, NULL);

  return block->marker;
}

/**
 * rh_markdown_block_get_heading_level:
 * @block: a block
 *
 * Returns: 1 to 6 when the block is a top-level heading, 0 otherwise
 */
guint
rh_markdown_block_get_heading_level (const RhMarkdownBlock *block)
{
  g_return_val_if_fail (block != NULL, 0);

  return block->heading_level;
}

/**
 * rh_markdown_block_get_code:
 * @block: a block
 *
 * Returns: (nullable): the unescaped code of a %RH_MARKDOWN_BLOCK_CODE
 *   block without its final newline, %NULL for other kinds
 */
const char *
rh_markdown_block_get_code (const RhMarkdownBlock *block)
{
  g_return_val_if_fail (block != NULL, NULL);

  return block->code;
}

/**
 * rh_markdown_block_get_language:
 * @block: a block
 *
 * Returns: (nullable): the first word of a code fence's info string, as
 *   written ("go", "SQL"), or %NULL
 */
const char *
rh_markdown_block_get_language (const RhMarkdownBlock *block)
{
  g_return_val_if_fail (block != NULL, NULL);

  return block->language;
}

/**
 * rh_markdown_block_get_n_rows:
 * @block: a block
 *
 * Returns: the number of rows of a table, header included; 0 for other kinds
 */
guint
rh_markdown_block_get_n_rows (const RhMarkdownBlock *block)
{
  g_return_val_if_fail (block != NULL, 0);

  return block->rows != NULL ? block->rows->len : 0;
}

/**
 * rh_markdown_block_get_n_columns:
 * @block: a block
 *
 * Returns: the number of cells in every row of a table; 0 for other kinds
 */
guint
rh_markdown_block_get_n_columns (const RhMarkdownBlock *block)
{
  g_return_val_if_fail (block != NULL, 0);

  return block->n_columns;
}

gboolean
rh_markdown_block_row_is_header (const RhMarkdownBlock *block,
                                 guint                  row)
{
  g_return_val_if_fail (block != NULL, FALSE);
  g_return_val_if_fail (row < rh_markdown_block_get_n_rows (block), FALSE);

  return ((RhMarkdownRow *)g_ptr_array_index (block->rows, row))->header;
}

/**
 * rh_markdown_block_get_cell:
 * @block: a %RH_MARKDOWN_BLOCK_TABLE block
 * @row: a row, 0 being the header
 * @column: a column
 *
 * Returns: the cell's Pango markup, possibly empty
 */
const char *
rh_markdown_block_get_cell (const RhMarkdownBlock *block,
                            guint                  row,
                            guint                  column)
{
  RhMarkdownRow *r;

  g_return_val_if_fail (block != NULL, NULL);
  g_return_val_if_fail (row < rh_markdown_block_get_n_rows (block), NULL);
  g_return_val_if_fail (column < block->n_columns, NULL);

  r = g_ptr_array_index (block->rows, row);

  return g_ptr_array_index (r->cells, column);
}

/**
 * rh_markdown_block_get_column_xalign:
 * @block: a %RH_MARKDOWN_BLOCK_TABLE block
 * @column: a column
 *
 * Returns: the column's alignment from the delimiter row (`:-`, `:-:`,
 *   `-:`) as a GtkLabel xalign: 0.0, 0.5 or 1.0
 */
float
rh_markdown_block_get_column_xalign (const RhMarkdownBlock *block,
                                     guint                  column)
{
  g_return_val_if_fail (block != NULL, 0.0f);
  g_return_val_if_fail (column < block->n_columns, 0.0f);

  return block->xaligns[column];
}

RhMarkdownRow *
rh_markdown_row_new (gboolean header)
{
  RhMarkdownRow *row = g_new0 (RhMarkdownRow, 1);

  row->header = header;
  row->cells = g_ptr_array_new_with_free_func (g_free);
  row->plain_cells = g_ptr_array_new_with_free_func (g_free);

  return row;
}

void
rh_markdown_row_free (RhMarkdownRow *row)
{
  g_ptr_array_unref (row->cells);
  g_ptr_array_unref (row->plain_cells);
  g_free (row);
}

RhMarkdownBlock *
rh_markdown_block_new_text (guint  indent,
                            guint  quote_depth,
                            guint  heading_level,
                            char  *marker,
                            char  *markup,
                            char  *plain)
{
  RhMarkdownBlock *block = block_new (RH_MARKDOWN_BLOCK_TEXT, indent, quote_depth);

  block->heading_level = heading_level;
  block->marker = marker;
  block->markup = markup;
  block->plain = plain;

  return block;
}

RhMarkdownBlock *
rh_markdown_block_new_code (guint  indent,
                            guint  quote_depth,
                            char  *code,
                            char  *language)
{
  RhMarkdownBlock *block = block_new (RH_MARKDOWN_BLOCK_CODE, indent, quote_depth);

  block->code = code;
  block->plain = g_strdup (code);
  block->language = language;

  return block;
}

RhMarkdownBlock *
rh_markdown_block_new_rule (guint indent,
                            guint quote_depth)
{
  return block_new (RH_MARKDOWN_BLOCK_RULE, indent, quote_depth);
}

RhMarkdownBlock *
rh_markdown_block_new_table (guint indent,
                             guint quote_depth,
                             guint n_columns)
{
  RhMarkdownBlock *block = block_new (RH_MARKDOWN_BLOCK_TABLE, indent, quote_depth);

  block->n_columns = n_columns;
  block->rows = g_ptr_array_new_with_free_func ((GDestroyNotify)rh_markdown_row_free);
  block->xaligns = g_new0 (float, MAX (n_columns, 1));

  return block;
}

void
rh_markdown_block_set_column_xalign (RhMarkdownBlock *table,
                                     guint            column,
                                     float            xalign)
{
  g_return_if_fail (table != NULL && table->kind == RH_MARKDOWN_BLOCK_TABLE);
  g_return_if_fail (column < table->n_columns);

  table->xaligns[column] = xalign;
}

void
rh_markdown_block_add_row (RhMarkdownBlock *table,
                           RhMarkdownRow   *row)
{
  g_return_if_fail (table != NULL && table->kind == RH_MARKDOWN_BLOCK_TABLE);
  g_return_if_fail (row != NULL);

  /* md4c pads short rows and drops extra cells; keep the promise of
   * exactly n_columns cells even if that ever changes. */
  while (row->cells->len < table->n_columns)
    {
      g_ptr_array_add (row->cells, g_strdup (""));
      g_ptr_array_add (row->plain_cells, g_strdup (""));
    }

  g_ptr_array_add (table->rows, row);
}

void
rh_markdown_block_finish_table (RhMarkdownBlock *table)
{
  GString *plain;

  g_return_if_fail (table != NULL && table->kind == RH_MARKDOWN_BLOCK_TABLE);

  plain = g_string_new (NULL);
  for (guint i = 0; i < table->rows->len; i++)
    {
      RhMarkdownRow *row = g_ptr_array_index (table->rows, i);

      if (i > 0)
        g_string_append_c (plain, '\n');

      for (guint j = 0; j < row->plain_cells->len; j++)
        {
          if (j > 0)
            g_string_append_c (plain, '\t');
          g_string_append (plain, g_ptr_array_index (row->plain_cells, j));
        }
    }

  g_free (table->plain);
  table->plain = g_string_free (plain, FALSE);
}
