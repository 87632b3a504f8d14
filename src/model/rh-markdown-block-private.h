/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* For the renderer (rh-markdown.c) only: building blocks. Each
 * constructor takes the list depth and quote depth the block sits in;
 * the char * arguments are taken (a text block's marker may be %NULL). */

#include "rh-markdown-block.h"

G_BEGIN_DECLS

/* A table row while the renderer fills it, cell by cell. */
typedef struct
{
  gboolean   header;
  GPtrArray *cells;        /* (element-type utf8): markup */
  GPtrArray *plain_cells;  /* (element-type utf8) */
} RhMarkdownRow;

RhMarkdownRow   *rh_markdown_row_new                 (gboolean          header);
void             rh_markdown_row_free                (RhMarkdownRow    *row);

RhMarkdownBlock *rh_markdown_block_new_text          (guint             indent,
                                                      guint             quote_depth,
                                                      guint             heading_level,
                                                      char             *marker,
                                                      char             *markup,
                                                      char             *plain);
RhMarkdownBlock *rh_markdown_block_new_code          (guint             indent,
                                                      guint             quote_depth,
                                                      char             *code,
                                                      char             *language);
RhMarkdownBlock *rh_markdown_block_new_rule          (guint             indent,
                                                      guint             quote_depth);
/* An empty table; rows are added, then the table is finished. */
RhMarkdownBlock *rh_markdown_block_new_table         (guint             indent,
                                                      guint             quote_depth,
                                                      guint             n_columns);
void             rh_markdown_block_set_column_xalign (RhMarkdownBlock  *table,
                                                      guint             column,
                                                      float             xalign);
/* Takes @row, padded to n_columns cells. */
void             rh_markdown_block_add_row           (RhMarkdownBlock  *table,
                                                      RhMarkdownRow    *row);
/* Sets the table's plain text from its rows. */
void             rh_markdown_block_finish_table      (RhMarkdownBlock  *table);

G_END_DECLS
