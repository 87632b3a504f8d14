/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rh-interview-format"

#include "config.h"

#include "rh-interview-format.h"
#include "rh-topic.h"

/**
 * rh_interview_format_clock:
 *
 * "4:05", or "1:02:03" past an hour; the sign is the caller's.
 *
 * Returns: (transfer full): the time
 */
char *
rh_interview_format_clock (gint64 seconds)
{
  seconds = ABS (seconds);

  if (seconds >= 3600)
    return g_strdup_printf ("%d:%02d:%02d", (int)(seconds / 3600), (int)(seconds / 60 % 60), (int)(seconds % 60));

  return g_strdup_printf ("%d:%02d", (int)(seconds / 60), (int)(seconds % 60));
}

/**
 * rh_interview_format_topic:
 * @path: (nullable): a topic path, "Go::Runtime"
 *
 * Returns: (transfer full): the path as shown, "Go › Runtime"; "" for %NULL
 */
char *
rh_interview_format_topic (const char *path)
{
  g_auto(GStrv) parts = path ? rh_topic_path_split (path) : g_new0 (char *, 1);

  return g_strjoinv (" › ", parts);
}
