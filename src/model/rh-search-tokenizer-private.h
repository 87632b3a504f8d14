/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>
#include <glib.h>

G_BEGIN_DECLS

/* The FTS5 tokenizer of the search index, "rh_cjk": text in Chinese,
 * Japanese or Korean becomes overlapping pairs of characters (a run of n
 * characters gives n tokens: the pair starting at each character, the
 * last one alone), everything else goes to SQLite's unicode61, with its
 * arguments. In a query, a run that ends the string gives its pairs
 * only, so that a word is found at the start of a longer one. */
#define RH_SEARCH_TOKENIZER "rh_cjk"

/* Registers "rh_cjk" on @db; each connection that reads or writes the
 * search index needs it. Returns an SQLite result code. */
int       rh_search_tokenizer_register (sqlite3  *db);

/* Whether the tokenizer cuts @c's text into pairs of characters. */
gboolean  rh_search_is_cjk             (gunichar  c);

G_END_DECLS
