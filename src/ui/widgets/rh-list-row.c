/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rh-list-row"

#include "config.h"

#include "rh-list-row.h"

void
rh_list_row_describe (GtkWidget  *child,
                      const char *label,
                      const char *description)
{
  g_return_if_fail (GTK_IS_WIDGET (child));

  for (GtkWidget *row = gtk_widget_get_parent (child); row != NULL; row = gtk_widget_get_parent (row))
    if (g_strcmp0 (gtk_widget_get_css_name (row), "row") == 0)
      {
        gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                        GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                        -1);
        return;
      }
}
