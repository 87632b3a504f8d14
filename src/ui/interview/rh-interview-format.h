/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Text the interview views share, so the setup, session and report pages
 * show times and topics the same way. */

char *rh_interview_format_clock (gint64      seconds);
char *rh_interview_format_topic (const char *path);

G_END_DECLS
