/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rh-statistics-format"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "rh-statistics.h"
#include "rh-statistics-format.h"

/* "45 s", "12 min", "2 h 5 min": time spent, rounded down. */
char *
rh_statistics_format_duration (gint64 ms)
{
  gint64 seconds = MAX (ms, 0) / 1000;

  if (seconds < 60)
    return g_strdup_printf (C_("time spent", "%u s"), (guint)seconds);
  if (seconds < 3600)
    return g_strdup_printf (C_("time spent", "%u min"), (guint)(seconds / 60));

  return g_strdup_printf (C_("time spent", "%u h %u min"), (guint)(seconds / 3600), (guint)(seconds % 3600 / 60));
}

/* The calendar date of a study day that starts at @at. */
char *
rh_statistics_format_date (gint64     at,
                           GTimeZone *tz)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (at);
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    return g_strdup ("");
  local = g_date_time_to_timezone (utc, tz);

  /* Translators: a day in the statistics, as strftime() writes it:
   * "Tue 31 Mar 2026". */
  return g_date_time_format (local, _("%a %-d %b %Y"));
}

char *
rh_statistics_format_day (const RhStatisticsDay *day,
                          GTimeZone             *tz)
{
  g_autofree char *date = rh_statistics_format_date (day->start, tz);
  g_autofree char *reviews = NULL;
  g_autofree char *time = rh_statistics_format_duration (day->duration_ms);
  guint n = rh_statistics_day_get_n_reviews (day);
  guint n_new = day->reviews[0];

  if (n == 0)
    /* Translators: %s is a date. */
    return g_strdup_printf (_("%s: no reviews"), date);

  reviews = g_strdup_printf (ngettext ("%u review", "%u reviews", n), n);

  /* Translators: a date; "3 reviews"; new cards among them; time spent. */
  return g_strdup_printf (ngettext ("%s: %s, %u new, %s", "%s: %s, %u new, %s", n_new),
                          date, reviews, n_new, time);
}

char *
rh_statistics_format_percent (double fraction)
{
  /* Translators: a percentage; keep the %% */
  return g_strdup_printf (_("%d%%"), (int)lround (fraction * 100));
}
