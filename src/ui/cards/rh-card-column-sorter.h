/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "rh-deck-store.h"

G_BEGIN_DECLS

#define RH_TYPE_CARD_COLUMN_SORTER (rh_card_column_sorter_get_type ())

G_DECLARE_FINAL_TYPE (RhCardColumnSorter, rh_card_column_sorter, RH, CARD_COLUMN_SORTER, GtkSorter)

/* The sorter of one column of the card browser. It never sorts: the card
 * list sorts in SQL. It only tells which column the user chose: GTK 4.8
 * cannot say which column a GtkColumnView sorts by (that is 4.10), so
 * rh_card_column_sorter_read() compares two probes with the view's
 * sorter, which asks its columns' sorters in order; the first asked is
 * the column, and the sign of the answer the direction. */
GtkSorter  *rh_card_column_sorter_new  (RhCardSort  column);
RhCardSort  rh_card_column_sorter_read (GtkSorter  *view_sorter,
                                        gboolean   *descending);

G_END_DECLS
