/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "rh-database.h"

G_BEGIN_DECLS

/* A question of a mock interview that asked a card, as Card info lists it. */
typedef struct
{
  gint64   session_id;
  gint64   started_at;   /* the interview's start, Unix seconds */
  int      rating;       /* RhRating; 0 when skipped */
  gint64   spent_ms;
  gboolean skipped;
  gboolean overtime;
} RhInterviewCardAnswer;

GArray *rh_interview_store_list_card_answers (RhDatabase  *database,
                                              gint64       card_id,
                                              GError     **error);

G_END_DECLS
