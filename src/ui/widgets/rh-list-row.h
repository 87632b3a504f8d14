/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Names the list row (CSS "row") that holds @child, the element that has
 * the focus in a GtkListView, so screen readers hear the item there rather
 * than on the widgets inside it. Does nothing before @child is in a row. */
void rh_list_row_describe (GtkWidget  *child,
                           const char *label,
                           const char *description);

G_END_DECLS
