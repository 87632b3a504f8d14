/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/*
 * A search as typed in the Cards page, parsed once: the words and phrases
 * every card must contain (read as rh-search.h describes), and the terms
 * that exclude words or filter on what a card is.
 *
 * - “-word” and “-"a phrase"” leave out the cards that contain it. A “-”
 *   before a word of symbols only (“->”) is part of the text.
 * - A filter is “name:value” where the name is one of the lowercase names
 *   below, at the start of a word; “-name:value” leaves out what it finds.
 *   The value may be quoted: topic:"Go::Runtime". Anything else with a
 *   colon is a plain word: “TIME_WAIT:”, “12:30”, “Redis::持久化” (not
 *   lowercase letters before the colon), “std::move”, “http://x” (the
 *   value starts with another colon or a slash), “tag:” (no value). A
 *   lowercase name that is not a filter (“foo:bar”) is an error, so that
 *   a mistyped filter never just finds nothing; in quotes it is text.
 *
 *   topic:PATH   the topic and its subtopics, its path as topics are
 *                written (“Redis :: 持久化” is “Redis::持久化”)
 *   tag:TAG      has this tag, ignoring case
 *   kind:KIND    concept, coding, design, behavioral or troubleshooting
 *   is:STATE     new, learning (also relearning), review, due (what the
 *                study queue counts as due now, see rh-study-queue.h),
 *                suspended, or leech (has the tag “leech”)
 *   prop:NAME OP NUMBER  with OP one of < <= = >= > != and NAME one of
 *                lapses, reviews, interval (whole days from the last review
 *                to the due date, of cards in review), stability (days),
 *                difficulty (1 to 10) and due (study days from today: 0
 *                today, 1 tomorrow, -1 yesterday; answered cards only)
 *   added:N      created in the last N study days (1 = today)
 *   rated:N      answered in the last N study days (1 = today)
 *
 * - Only the first 32 phrases and terms count, together.
 */

#define RH_SEARCH_QUERY_ERROR (rh_search_query_error_quark ())

typedef enum
{
  RH_SEARCH_QUERY_ERROR_UNKNOWN_FILTER,
  RH_SEARCH_QUERY_ERROR_INVALID_VALUE,
} RhSearchQueryError;

typedef enum
{
  RH_SEARCH_TERM_TEXT,     /* text: a phrase, always excluded */
  RH_SEARCH_TERM_TOPIC,    /* text: a normalized topic path */
  RH_SEARCH_TERM_TAG,      /* text: the tag as typed */
  RH_SEARCH_TERM_KIND,     /* text: the kind as the cards table spells it */
  RH_SEARCH_TERM_STATE,    /* state */
  RH_SEARCH_TERM_PROPERTY, /* property, op, number */
  RH_SEARCH_TERM_ADDED,    /* days */
  RH_SEARCH_TERM_RATED,    /* days */
} RhSearchTermType;

typedef enum
{
  RH_SEARCH_STATE_NEW,
  RH_SEARCH_STATE_LEARNING,
  RH_SEARCH_STATE_REVIEW,
  RH_SEARCH_STATE_DUE,
  RH_SEARCH_STATE_SUSPENDED,
  RH_SEARCH_STATE_LEECH,
} RhSearchState;

typedef enum
{
  RH_SEARCH_PROPERTY_LAPSES,
  RH_SEARCH_PROPERTY_REVIEWS,
  RH_SEARCH_PROPERTY_INTERVAL,
  RH_SEARCH_PROPERTY_STABILITY,
  RH_SEARCH_PROPERTY_DIFFICULTY,
  RH_SEARCH_PROPERTY_DUE,
} RhSearchProperty;

typedef enum
{
  RH_SEARCH_OPERATOR_LESS,
  RH_SEARCH_OPERATOR_LESS_OR_EQUAL,
  RH_SEARCH_OPERATOR_EQUAL,
  RH_SEARCH_OPERATOR_GREATER_OR_EQUAL,
  RH_SEARCH_OPERATOR_GREATER,
  RH_SEARCH_OPERATOR_NOT_EQUAL,
} RhSearchOperator;

typedef struct
{
  RhSearchTermType  type;
  gboolean          negated;
  char             *text;
  RhSearchState     state;
  RhSearchProperty  property;
  RhSearchOperator  op;
  double            number;   /* a whole number but for stability and difficulty */
  guint             days;
} RhSearchTerm;

#define RH_TYPE_SEARCH_QUERY (rh_search_query_get_type ())

G_DECLARE_FINAL_TYPE (RhSearchQuery, rh_search_query, RH, SEARCH_QUERY, GObject)

GQuark               rh_search_query_error_quark (void);

RhSearchQuery       *rh_search_query_new         (const char     *search,
                                                  GError        **error);
const char * const  *rh_search_query_get_phrases (RhSearchQuery  *self);
guint                rh_search_query_get_n_terms (RhSearchQuery  *self);
const RhSearchTerm  *rh_search_query_get_term    (RhSearchQuery  *self,
                                                  guint           index);
gboolean             rh_search_query_is_empty    (RhSearchQuery  *self);

G_END_DECLS
