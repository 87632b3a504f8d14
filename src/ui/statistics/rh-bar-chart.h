/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define RH_TYPE_BAR_CHART (rh_bar_chart_get_type ())

G_DECLARE_FINAL_TYPE (RhBarChart, rh_bar_chart, RH, BAR_CHART, GtkWidget)

/* Bars, each a stack of series, drawn with the theme's named colours; an
 * image to assistive technologies, whose description says the figures. */

GtkWidget *rh_bar_chart_new             (void);
/* @colors: named colours of the theme ("blue_3", "accent_bg_color"), one
 * per series; @names: (nullable) the legend, one per series. */
void       rh_bar_chart_set_series      (RhBarChart          *self,
                                         guint                n_series,
                                         const char * const  *colors,
                                         const char * const  *names);
/* @values: n_bars × n_series, bar by bar. */
void       rh_bar_chart_set_values      (RhBarChart          *self,
                                         guint                n_bars,
                                         const double        *values);
/* The top of the scale, or 0 to fit the highest bar; its label. */
void       rh_bar_chart_set_maximum     (RhBarChart          *self,
                                         double               maximum,
                                         const char          *label);
/* A horizontal line at @value (on the scale), or < 0 for none. */
void       rh_bar_chart_set_target      (RhBarChart          *self,
                                         double               value);
/* One per bar, or two: the first and the last. */
void       rh_bar_chart_set_labels      (RhBarChart          *self,
                                         const char * const  *labels);
void       rh_bar_chart_set_description (RhBarChart          *self,
                                         const char          *description);
const char *rh_bar_chart_get_description (RhBarChart        *self);
double     rh_bar_chart_get_scale_maximum (RhBarChart        *self);

G_END_DECLS
