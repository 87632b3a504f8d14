/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rh-card-cell"

#include "config.h"

#include <glib/gi18n.h>

#include "rh-card-cell.h"
#include "rh-scheduler.h"
#include "rh-search.h"

struct _RhCardCell
{
  GtkWidget     parent_instance;

  /* Owned */
  GtkWidget    *label;
  RhCard       *card;
  char         *search;
  GSignalGroup *card_signals;

  RhCardSort    column;
};

G_DEFINE_FINAL_TYPE (RhCardCell, rh_card_cell, GTK_TYPE_WIDGET)

/* What an empty value shows: nothing to translate. */
#define NO_VALUE "—"

/* A time today as its hour, another as its date. */
static char *
format_date (gint64 seconds)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_local (seconds);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  int year, month, day, now_year, now_month, now_day;

  if (time == NULL)
    return g_strdup (NO_VALUE);

  g_date_time_get_ymd (time, &year, &month, &day);
  g_date_time_get_ymd (now, &now_year, &now_month, &now_day);

  return g_date_time_format (time, year == now_year && month == now_month && day == now_day ? "%H:%M" : "%x");
}

static char *
dup_text (RhCardCell *self)
{
  const RhCardReview *review = rh_card_get_review (self->card);
  gint64 interval;

  switch (self->column)
    {
    case RH_CARD_SORT_QUESTION:
      return rh_card_dup_title (self->card);
    case RH_CARD_SORT_TOPIC:
      return g_strdup (rh_card_get_topic (self->card));
    case RH_CARD_SORT_STATE:
      return g_strdup (rh_card_status_get_label (review->status));
    case RH_CARD_SORT_DUE:
      return review->last_review == 0 ? g_strdup (NO_VALUE) : format_date (review->due);
    case RH_CARD_SORT_INTERVAL:
      interval = rh_card_review_get_interval (review);
      return interval > 0 ? rh_scheduler_format_interval (interval) : g_strdup (NO_VALUE);
    case RH_CARD_SORT_STABILITY:
      return review->stability > 0 ? rh_scheduler_format_interval ((gint64)(review->stability * 86400))
                                   : g_strdup (NO_VALUE);
    case RH_CARD_SORT_DIFFICULTY:
      return review->difficulty > 0 ? g_strdup_printf ("%.1f", review->difficulty) : g_strdup (NO_VALUE);
    case RH_CARD_SORT_REPS:
      return g_strdup_printf ("%u", review->reps);
    case RH_CARD_SORT_LAPSES:
      return g_strdup_printf ("%u", review->lapses);
    case RH_CARD_SORT_MODIFIED:
      return format_date (rh_card_get_modified (self->card));
    case RH_CARD_SORT_DEFAULT:
    default:
      g_return_val_if_reached (g_strdup (""));
    }
}

/* GTK 4.8 gives a column view's own cell and row widgets no accessible
 * name, so a screen reader reads their type names: the cell is named by
 * its value and the row by its question. */
static void
name_list_widgets (RhCardCell *self,
                   const char *text)
{
  GtkWidget *cell = gtk_widget_get_parent (GTK_WIDGET (self));
  GtkWidget *row;

  if (cell == NULL)
    return;

  gtk_accessible_update_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  row = gtk_widget_get_parent (cell);
  if (self->column == RH_CARD_SORT_QUESTION && row != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
}

static void
update (RhCardCell *self)
{
  g_autofree char *text = NULL;

  if (self->card == NULL)
    {
      gtk_label_set_label (GTK_LABEL (self->label), "");
      name_list_widgets (self, "");
      return;
    }

  text = dup_text (self);
  name_list_widgets (self, text);
  if (self->column == RH_CARD_SORT_QUESTION)
    {
      g_autofree char *markup = rh_search_markup (text, self->search);

      gtk_label_set_markup (GTK_LABEL (self->label), markup);
      /* The accessible name is the text, not its markup. */
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->label), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
    }
  else
    gtk_label_set_label (GTK_LABEL (self->label), text);
}

static void
card_notify_cb (RhCardCell *self,
                GParamSpec *pspec,
                RhCard     *card)
{
  update (self);
}

static void
rh_card_cell_dispose (GObject *object)
{
  RhCardCell *self = (RhCardCell *)object;

  g_clear_pointer (&self->label, gtk_widget_unparent);
  g_clear_object (&self->card_signals);
  g_clear_object (&self->card);

  G_OBJECT_CLASS (rh_card_cell_parent_class)->dispose (object);
}

static void
rh_card_cell_finalize (GObject *object)
{
  RhCardCell *self = (RhCardCell *)object;

  g_free (self->search);

  G_OBJECT_CLASS (rh_card_cell_parent_class)->finalize (object);
}

static void
rh_card_cell_class_init (RhCardCellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rh_card_cell_dispose;
  object_class->finalize = rh_card_cell_finalize;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  /* Only a frame for its label: the table cell around it is named. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_PRESENTATION);
}

static void
rh_card_cell_init (RhCardCell *self)
{
  self->label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (self->label), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (self->label), TRUE);
  /* Clear of the overlay scrollbar at the right, and of the next column. */
  gtk_widget_set_margin_end (self->label, 6);
  gtk_widget_set_parent (self->label, GTK_WIDGET (self));

  self->card_signals = g_signal_group_new (RH_TYPE_CARD);
  g_signal_group_connect_object (self->card_signals, "notify", G_CALLBACK (card_notify_cb), self,
                                 G_CONNECT_SWAPPED);
}

/**
 * rh_card_cell_new:
 * @column: what the cell shows
 *
 * Returns: (transfer floating): the cell
 */
GtkWidget *
rh_card_cell_new (RhCardSort column)
{
  RhCardCell *self;

  g_return_val_if_fail (column != RH_CARD_SORT_DEFAULT, NULL);

  self = g_object_new (RH_TYPE_CARD_CELL, NULL);
  self->column = column;
  /* Numbers line up on the right, and the question takes what is left. */
  if (column == RH_CARD_SORT_REPS || column == RH_CARD_SORT_LAPSES || column == RH_CARD_SORT_DIFFICULTY)
    gtk_label_set_xalign (GTK_LABEL (self->label), 1);
  gtk_widget_set_hexpand (GTK_WIDGET (self), column == RH_CARD_SORT_QUESTION);

  return GTK_WIDGET (self);
}

/**
 * rh_card_cell_get_card:
 *
 * Returns: (transfer none) (nullable): the card shown
 */
RhCard *
rh_card_cell_get_card (RhCardCell *self)
{
  g_return_val_if_fail (RH_IS_CARD_CELL (self), NULL);

  return self->card;
}

void
rh_card_cell_set_card (RhCardCell *self,
                       RhCard     *card)
{
  g_return_if_fail (RH_IS_CARD_CELL (self));

  if (!g_set_object (&self->card, card))
    return;

  g_signal_group_set_target (self->card_signals, card);
  update (self);
}

void
rh_card_cell_set_search (RhCardCell *self,
                         const char *search)
{
  g_return_if_fail (RH_IS_CARD_CELL (self));

  if (g_strcmp0 (self->search, search) == 0)
    return;

  g_free (self->search);
  self->search = g_strdup (search);
  if (self->column == RH_CARD_SORT_QUESTION)
    update (self);
}

/* What the cell shows, as plain text (markup for the question). */
const char *
rh_card_cell_get_text (RhCardCell *self)
{
  g_return_val_if_fail (RH_IS_CARD_CELL (self), NULL);

  return gtk_label_get_label (GTK_LABEL (self->label));
}
