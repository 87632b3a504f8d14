/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  guint  line;     /* 1-based */
  guint  column;   /* 1-based, in characters */
  char  *message;  /* what is wrong */
  GStrv  path;     /* member names and "[N]" array positions around it, from the root */
  GStrv  labels;   /* as long as path: the label_key text of the object path[i] leads to, or "" */
} RhJsonProblem;

gboolean rh_json_check         (const char    *data,
                                gsize          length,
                                const char    *label_key,
                                RhJsonProblem *problem);
void     rh_json_problem_clear (RhJsonProblem *problem);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RhJsonProblem, rh_json_problem_clear)

G_END_DECLS
