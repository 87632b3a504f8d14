/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "rh-statistics-store.h"

G_BEGIN_DECLS

#define RH_TYPE_HEATMAP (rh_heatmap_get_type ())

G_DECLARE_FINAL_TYPE (RhHeatmap, rh_heatmap, RH, HEATMAP, GtkWidget)

/* One cell per study day, a column per week, shaded by answers. The
 * pointer or the arrow keys pick a day ("selected", today at first), its
 * numbers in the tooltip and in rh_heatmap_dup_selected_text().
 *
 * Properties:
 *   "selected"  int: the picked day's index, -1 without days */

GtkWidget *rh_heatmap_new               (void);
void       rh_heatmap_set_days          (RhHeatmap             *self,
                                         const RhStatisticsDay *days,
                                         guint                  n_days,
                                         GTimeZone             *tz);
int        rh_heatmap_get_selected      (RhHeatmap             *self);
void       rh_heatmap_set_selected      (RhHeatmap             *self,
                                         int                    selected);
char      *rh_heatmap_dup_selected_text (RhHeatmap             *self);
void       rh_heatmap_set_description   (RhHeatmap             *self,
                                         const char            *description);
const char *rh_heatmap_get_description  (RhHeatmap             *self);

G_END_DECLS
