/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * What a search typed in the Cards page means, decided once for the deck
 * store's query and for the highlighting in the list:
 *
 * - It is matched against the text a reader sees (the front and back with
 *   their Markdown rendered to plain text) and the tags, ignoring case.
 * - Spaces separate words. A card matches when it contains every word, in
 *   any order. A word is found at the start of a word of the card, so it
 *   may be unfinished (“gorout” finds “goroutine”, “mutex” finds
 *   “sync.Mutex” but not “RWMutex”). Chinese, Japanese and Korean, which
 *   have no spaces, are found anywhere: “索引” finds “联合索引”, “树” every
 *   word with 树.
 * - Every character of a word is literal; there are no wildcards. Filters
 *   (“tag:redis”) and excluded words (“-aof”) are taken out first, as
 *   rh-search-query.h describes.
 * - A word made of symbols only (“+”, “>”, “*”, “`”) joins the words
 *   around it into one phrase, matched as written: “W + R > N” finds the
 *   cards containing exactly that, and “*” alone only cards whose text has
 *   an asterisk. Spaces next to a symbol do not count (“B+树” finds
 *   “B+ 树”); between two words, any run of them is one space.
 * - Text between double quotes is one phrase: “"three-way handshake"”. A
 *   quote without its closing partner is literal.
 * - Only the first 32 phrases count; the rest are ignored, so no search
 *   is too long to answer.
 * - The best matches come first (bm25: a word in the front counts more
 *   than in the tags, and there more than in the back).
 */

GStrv  rh_search_split_phrases (const char *search);
char  *rh_search_markup        (const char *text,
                                const char *search);

G_END_DECLS
