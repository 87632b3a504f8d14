/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/*
 * Card fronts and backs are written in Markdown (GitHub dialect: tables,
 * strikethrough, task lists and bare URL autolinks; raw HTML is shown as
 * literal text). rh_markdown_render() turns it into a flat list of blocks
 * that a view lays out top to bottom, without knowing any Markdown:
 *
 * - %RH_MARKDOWN_BLOCK_TEXT: Pango markup for a GtkLabel (use-markup).
 *   It uses <b>, <i>, <s>, <tt>, <span size weight> and <a href title>;
 *   <a> is understood by GtkLabel, not by pango_parse_markup(). Every
 *   character of the source is escaped, so the markup is always valid.
 *   A top-level paragraph or heading is one block; a top-level list is
 *   one block with one line per item ("•", "◦", "▪" by depth, or "1."),
 *   nested items indented with fixed-width spaces; a blockquote is one
 *   block, in italics, with get_quote_depth() > 0.
 * - %RH_MARKDOWN_BLOCK_CODE: fenced or indented code, raw (not escaped),
 *   without its final newline, plus the fence's language ("go", "sql") or
 *   %NULL, ready for a GtkSourceView buffer.
 * - %RH_MARKDOWN_BLOCK_RULE: a horizontal rule (a GtkSeparator).
 * - %RH_MARKDOWN_BLOCK_TABLE: rows of cells, each cell Pango markup like a
 *   TEXT block; the first row is the header. Every row has n_columns cells.
 *
 * A code block, rule, table or quote inside a list item splits the list's
 * text around it; get_indent() says how many list levels the block sits in,
 * so the view can indent it (about 1.5 em per level, the width of the
 * in-text indentation).
 *
 * Links are kept only for http:, https: and mailto: targets (decks are
 * shared files; a file: or custom-scheme link would let a deck launch
 * things); other links show their text only. Images show their alt text.
 */

typedef enum
{
  RH_MARKDOWN_BLOCK_TEXT,
  RH_MARKDOWN_BLOCK_CODE,
  RH_MARKDOWN_BLOCK_RULE,
  RH_MARKDOWN_BLOCK_TABLE,
} RhMarkdownBlockKind;

#define RH_TYPE_MARKDOWN_BLOCK (rh_markdown_block_get_type ())

typedef struct _RhMarkdownBlock RhMarkdownBlock;

GType                rh_markdown_block_get_type          (void) G_GNUC_CONST;

RhMarkdownBlock     *rh_markdown_block_ref               (RhMarkdownBlock       *block);
void                 rh_markdown_block_unref             (RhMarkdownBlock       *block);

RhMarkdownBlockKind  rh_markdown_block_get_kind          (const RhMarkdownBlock *block);
guint                rh_markdown_block_get_indent        (const RhMarkdownBlock *block);
guint                rh_markdown_block_get_quote_depth   (const RhMarkdownBlock *block);
const char          *rh_markdown_block_get_plain_text    (const RhMarkdownBlock *block);

/* TEXT */
const char          *rh_markdown_block_get_markup        (const RhMarkdownBlock *block);
guint                rh_markdown_block_get_heading_level (const RhMarkdownBlock *block);

/* CODE */
const char          *rh_markdown_block_get_code          (const RhMarkdownBlock *block);
const char          *rh_markdown_block_get_language      (const RhMarkdownBlock *block);

/* TABLE */
guint                rh_markdown_block_get_n_rows        (const RhMarkdownBlock *block);
guint                rh_markdown_block_get_n_columns     (const RhMarkdownBlock *block);
gboolean             rh_markdown_block_row_is_header     (const RhMarkdownBlock *block,
                                                          guint                  row);
const char          *rh_markdown_block_get_cell          (const RhMarkdownBlock *block,
                                                          guint                  row,
                                                          guint                  column);
float                rh_markdown_block_get_column_xalign (const RhMarkdownBlock *block,
                                                          guint                  column);

GPtrArray           *rh_markdown_render                  (const char            *markdown);
char                *rh_markdown_to_plain_text           (const char            *markdown);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RhMarkdownBlock, rh_markdown_block_unref)

G_END_DECLS
