/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rh-card-column-sorter"

#include "config.h"

#include "rh-card-column-sorter.h"

struct _RhCardColumnSorter
{
  GtkSorter  parent_instance;

  RhCardSort column;
};

G_DEFINE_FINAL_TYPE (RhCardColumnSorter, rh_card_column_sorter, GTK_TYPE_SORTER)

/* Set on the probes: the first column asked. */
typedef struct
{
  RhCardSort first;
} Probe;

#define PROBE_KEY "rh-card-column-sorter-probe"

static GtkOrdering
rh_card_column_sorter_compare (GtkSorter *sorter,
                               gpointer   item1,
                               gpointer   item2)
{
  RhCardColumnSorter *self = RH_CARD_COLUMN_SORTER (sorter);
  Probe *probe = g_object_get_data (item1, PROBE_KEY);

  if (probe != NULL && probe->first == RH_CARD_SORT_DEFAULT)
    probe->first = self->column;

  return GTK_ORDERING_SMALLER;
}

static GtkSorterOrder
rh_card_column_sorter_get_order (GtkSorter *sorter)
{
  return GTK_SORTER_ORDER_PARTIAL;
}

static void
rh_card_column_sorter_class_init (RhCardColumnSorterClass *klass)
{
  GtkSorterClass *sorter_class = GTK_SORTER_CLASS (klass);

  sorter_class->compare = rh_card_column_sorter_compare;
  sorter_class->get_order = rh_card_column_sorter_get_order;
}

static void
rh_card_column_sorter_init (RhCardColumnSorter *self)
{
}

/**
 * rh_card_column_sorter_new:
 *
 * Returns: (transfer full): the sorter of @column
 */
GtkSorter *
rh_card_column_sorter_new (RhCardSort column)
{
  RhCardColumnSorter *self = g_object_new (RH_TYPE_CARD_COLUMN_SORTER, NULL);

  self->column = column;

  return GTK_SORTER (self);
}

/**
 * rh_card_column_sorter_read:
 * @view_sorter: a GtkColumnView's sorter, over columns with these sorters
 * @descending: (out): whether the view sorts that column the other way
 *
 * Returns: the column the view sorts by, or %RH_CARD_SORT_DEFAULT
 */
RhCardSort
rh_card_column_sorter_read (GtkSorter *view_sorter,
                            gboolean  *descending)
{
  g_autoptr(GObject) a = g_object_new (G_TYPE_OBJECT, NULL);
  g_autoptr(GObject) b = g_object_new (G_TYPE_OBJECT, NULL);
  Probe probe = { RH_CARD_SORT_DEFAULT };
  GtkOrdering ordering;

  g_return_val_if_fail (GTK_IS_SORTER (view_sorter), RH_CARD_SORT_DEFAULT);

  g_object_set_data (a, PROBE_KEY, &probe);
  ordering = gtk_sorter_compare (view_sorter, a, b);
  *descending = probe.first != RH_CARD_SORT_DEFAULT && ordering == GTK_ORDERING_LARGER;

  return probe.first;
}
