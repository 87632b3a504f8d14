/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* For the files of RhInterviewTemplate only (the object, its built-ins and
 * its store): what they need of each other beyond the public API. */

#include "rh-interview-template.h"

G_BEGIN_DECLS

/* rh-interview-template-builtin.c */
gboolean  rh_interview_template_is_builtin_id     (const char          *id);
/* A built-in's name and description, translated in this version. */
void      rh_interview_template_set_builtin_text  (RhInterviewTemplate *self);

/* rh-interview-template.c */
gint64    rh_interview_template_parse_custom_id   (const char          *id);
/* Sets "row-id" and makes "id" "custom-<row id>". */
void      rh_interview_template_bind_row          (RhInterviewTemplate *self,
                                                   gint64               row_id);

G_END_DECLS
