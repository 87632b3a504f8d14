/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* One block of rendered Markdown, as rh_markdown_render() gives them: a
 * paragraph, heading, list or quote of Pango markup, a code block, a rule
 * or a table. Blocks are immutable and reference counted; rh-markdown.h
 * says what each kind holds. */

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
const char          *rh_markdown_block_get_marker        (const RhMarkdownBlock *block);
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

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RhMarkdownBlock, rh_markdown_block_unref)

G_END_DECLS
