/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "rh-markdown-block.h"

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
 *   character of the source is escaped and every tag opened in a block
 *   is closed in it, in order, so the markup is always valid, whatever
 *   md4c reports.
 *   A top-level paragraph or heading is one block; every list item is a
 *   block of its own, its marker ("•", "◦", "▪" by depth, or "1.") apart
 *   in get_marker() so the view can hang wrapped lines beside it, with
 *   the item's paragraphs in its markup; a blockquote is one block, in
 *   italics, with get_quote_depth() > 0.
 * - %RH_MARKDOWN_BLOCK_CODE: fenced or indented code, raw (not escaped),
 *   without its final newline, plus the fence's language ("go", "sql") or
 *   %NULL, ready for a GtkSourceView buffer.
 * - %RH_MARKDOWN_BLOCK_RULE: a horizontal rule (a GtkSeparator).
 * - %RH_MARKDOWN_BLOCK_TABLE: rows of cells, each cell Pango markup like a
 *   TEXT block; the first row is the header. Every row has n_columns cells.
 *
 * A nested list, code block, rule, table or quote inside a list item
 * splits the item's text around it; get_indent() says how many list levels
 * a block sits in (for an item's own block, the levels around its list),
 * so the view can indent it by the width of a marker per level.
 *
 * Links are kept only for http:, https: and mailto: targets (decks are
 * shared files; a file: or custom-scheme link would let a deck launch
 * things); other links show their text only. Images show their alt text.
 */

GPtrArray           *rh_markdown_render                  (const char            *markdown);
char                *rh_markdown_to_plain_text           (const char            *markdown);

G_END_DECLS
