/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How the deck store asks the search index for one phrase of
 * rh_search_split_phrases(), as rh-search.h describes the rules. */

/* The FTS5 string for @phrase, its last word a prefix ("gorout" finds
 * goroutine); %NULL for a phrase of symbols only, which the index cannot
 * find. */
char  *rh_search_dup_match   (const char *phrase);

/* What the text must also contain literally, as rh_search_fold() writes
 * it, when @phrase has characters the index skips (symbols, spaces);
 * %NULL when the index alone decides. */
char  *rh_search_dup_literal (const char *phrase);

/* @text with its case folded as GLib folds it (in every script, "ẞ" to
 * "ss") and each run of white space written as one space, or left out
 * next to a symbol or at either end: "B+ 树" and "B+树" are the same. */
char     *rh_search_fold     (const char *text);

/* Whether rh_search_fold (@text) contains @literal, which
 * rh_search_dup_literal() wrote; without folding all of @text when
 * @literal is ASCII (a character outside ASCII that folds into it, such
 * as the Kelvin sign, is not found then). */
gboolean  rh_search_contains (const char *text,
                              const char *literal);

/* Whether @word (@length bytes, or up to its nul when negative) has no
 * letter or digit: the index cannot find it. */
gboolean  rh_search_is_symbols_only_len (const char *word,
                                         gssize      length);

/* Whether @tags (joined with newlines, as cards.tags keeps them) has
 * @tag, ignoring case as GLib folds it. */
gboolean  rh_search_has_tag  (const char *tags,
                              const char *tag);

G_END_DECLS
