/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "rh-statistics-store.h"

G_BEGIN_DECLS

/* The words the Statistics page shows and reads out, in one place so the
 * charts and their descriptions agree. */
char *rh_statistics_format_duration (gint64                 ms);
char *rh_statistics_format_date     (gint64                 at,
                                     GTimeZone             *tz);
char *rh_statistics_format_day      (const RhStatisticsDay *day,
                                     GTimeZone             *tz);
char *rh_statistics_format_percent  (double                 fraction);

G_END_DECLS
