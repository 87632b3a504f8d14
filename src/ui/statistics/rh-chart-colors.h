/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Colours for the charts, from the widget's style so that they follow the
 * light or dark theme. */
void rh_chart_colors_lookup         (GtkWidget  *widget,
                                     const char *name,
                                     GdkRGBA    *color);
void rh_chart_colors_get_foreground (GtkWidget  *widget,
                                     GdkRGBA    *color);

G_END_DECLS
