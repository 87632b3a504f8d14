/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rh-chart-colors"

#include "config.h"

#include "rh-chart-colors.h"

/* GTK 4.8 has no gtk_widget_get_color(): the style context is the way to
 * the theme's colours here. */
void
rh_chart_colors_get_foreground (GtkWidget *widget,
                                GdkRGBA   *color)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (color != NULL);

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), color);
}

/**
 * rh_chart_colors_lookup:
 * @name: a colour libadwaita names ("accent_bg_color", "blue_3")
 *
 * The named colour, or the foreground when the theme has none by that
 * name (a custom theme).
 */
void
rh_chart_colors_lookup (GtkWidget  *widget,
                        const char *name,
                        GdkRGBA    *color)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (name != NULL && color != NULL);

  if (!gtk_style_context_lookup_color (gtk_widget_get_style_context (widget), name, color))
    rh_chart_colors_get_foreground (widget, color);
}
