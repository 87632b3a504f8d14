/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rh-heatmap"

#include "config.h"

#include "rh-chart-colors.h"
#include "rh-heatmap.h"
#include "rh-statistics.h"
#include "rh-statistics-format.h"

struct _RhHeatmap
{
  GtkWidget  parent_instance;

  /* Owned */
  GArray    *days;        /* RhStatisticsDay */
  GTimeZone *tz;
  char      *description;

  guint      first_row;   /* weekday of the first day, Monday 0 */
  guint      most;        /* answers on the busiest day */
  int        selected;
};

G_DEFINE_FINAL_TYPE (RhHeatmap, rh_heatmap, GTK_TYPE_WIDGET)

enum { PROP_0, PROP_SELECTED, N_PROPS };
static GParamSpec *properties[N_PROPS];

#define MAX_CELL 20
#define GAP 2

static guint
n_columns (RhHeatmap *self)
{
  return (self->first_row + self->days->len + 6) / 7;
}

static float
cell_size (RhHeatmap *self,
           int        width)
{
  guint columns = MAX (n_columns (self), 1);
  float size = (float)(width + GAP) / columns - GAP;

  return CLAMP (size, 1.0f, (float)MAX_CELL);
}

static int
day_at (RhHeatmap *self,
        double     x,
        double     y)
{
  float size = cell_size (self, gtk_widget_get_width (GTK_WIDGET (self)));
  int column = (int)(x / (size + GAP));
  int row = (int)(y / (size + GAP));
  int index;

  if (x < 0 || y < 0 || row >= 7)
    return -1;
  index = column * 7 + row - (int)self->first_row;

  return index >= 0 && index < (int)self->days->len ? index : -1;
}

static void
motion_cb (RhHeatmap                *self,
           double                    x,
           double                    y,
           GtkEventControllerMotion *controller)
{
  int index = day_at (self, x, y);

  if (index >= 0)
    rh_heatmap_set_selected (self, index);
}

static void
pressed_cb (RhHeatmap       *self,
            int              n_press,
            double           x,
            double           y,
            GtkGestureClick *gesture)
{
  int index = day_at (self, x, y);

  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (index >= 0)
    rh_heatmap_set_selected (self, index);
}

static void
focus_changed_cb (RhHeatmap               *self,
                  GtkEventControllerFocus *controller)
{
  /* The picked day is outlined while the keys move it. */
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
query_tooltip_cb (RhHeatmap  *self,
                  int         x,
                  int         y,
                  gboolean    keyboard,
                  GtkTooltip *tooltip)
{
  g_autofree char *text = NULL;
  int index = keyboard ? self->selected : day_at (self, x, y);

  if (index < 0)
    return FALSE;

  text = rh_statistics_format_day (&g_array_index (self->days, RhStatisticsDay, index), self->tz);
  gtk_tooltip_set_text (tooltip, text);

  return TRUE;
}

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  RhHeatmap *self = RH_HEATMAP (widget);
  int delta = g_variant_get_int32 (param);
  int n = (int)self->days->len;

  if (n == 0)
    return;

  rh_heatmap_set_selected (self, CLAMP (self->selected + delta, 0, n - 1));
}

static void
end_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  RhHeatmap *self = RH_HEATMAP (widget);

  if (self->days->len > 0)
    rh_heatmap_set_selected (self, g_variant_get_boolean (param) ? (int)self->days->len - 1 : 0);
}

static GtkSizeRequestMode
rh_heatmap_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
rh_heatmap_measure (GtkWidget      *widget,
                    GtkOrientation  orientation,
                    int             for_size,
                    int            *minimum,
                    int            *natural,
                    int            *minimum_baseline,
                    int            *natural_baseline)
{
  RhHeatmap *self = RH_HEATMAP (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = (int)MIN (n_columns (self) * (1 + GAP), 120);
      *natural = (int)(n_columns (self) * (MAX_CELL + GAP));
    }
  else
    {
      float size = cell_size (self, for_size < 0 ? (int)(n_columns (self) * (MAX_CELL + GAP)) : for_size);

      *minimum = *natural = (int)(7 * (size + GAP));
    }
}

static void
rh_heatmap_snapshot (GtkWidget   *widget,
                     GtkSnapshot *snapshot)
{
  RhHeatmap *self = RH_HEATMAP (widget);
  float size = cell_size (self, gtk_widget_get_width (widget));
  GdkRGBA empty, accent, fg;

  rh_chart_colors_get_foreground (widget, &fg);
  empty = fg;
  empty.alpha *= 0.1f;
  rh_chart_colors_lookup (widget, "accent_bg_color", &accent);

  for (guint i = 0; i < self->days->len; i++)
    {
      const RhStatisticsDay *day = &g_array_index (self->days, RhStatisticsDay, i);
      guint position = self->first_row + i;
      float x = (position / 7) * (size + GAP);
      float y = (position % 7) * (size + GAP);
      guint n = rh_statistics_day_get_n_reviews (day);
      graphene_rect_t cell = GRAPHENE_RECT_INIT (x, y, size, size);
      GdkRGBA color = accent;

      if (n == 0)
        color = empty;
      else
        /* Four shades, by share of the busiest day. */
        color.alpha = 0.25f + 0.75f * (float)((n * 4 + self->most - 1) / self->most) / 4.0f;

      gtk_snapshot_append_color (snapshot, &color, &cell);

      if ((int)i == self->selected && gtk_widget_has_focus (widget))
        {
          GskRoundedRect outline;
          float widths[4] = { 2, 2, 2, 2 };
          GdkRGBA colors[4] = { fg, fg, fg, fg };

          gsk_rounded_rect_init_from_rect (&outline, &GRAPHENE_RECT_INIT (x - 1, y - 1, size + 2, size + 2), 0);
          gtk_snapshot_append_border (snapshot, &outline, widths, colors);
        }
    }
}

static void
rh_heatmap_finalize (GObject *object)
{
  RhHeatmap *self = (RhHeatmap *)object;

  g_clear_pointer (&self->days, g_array_unref);
  g_clear_pointer (&self->tz, g_time_zone_unref);
  g_clear_pointer (&self->description, g_free);

  G_OBJECT_CLASS (rh_heatmap_parent_class)->finalize (object);
}

static void
rh_heatmap_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  RhHeatmap *self = RH_HEATMAP (object);

  switch (prop_id)
    {
    case PROP_SELECTED:
      g_value_set_int (value, self->selected);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rh_heatmap_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  RhHeatmap *self = RH_HEATMAP (object);

  switch (prop_id)
    {
    case PROP_SELECTED:
      rh_heatmap_set_selected (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rh_heatmap_class_init (RhHeatmapClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = rh_heatmap_finalize;
  object_class->get_property = rh_heatmap_get_property;
  object_class->set_property = rh_heatmap_set_property;
  widget_class->get_request_mode = rh_heatmap_get_request_mode;
  widget_class->measure = rh_heatmap_measure;
  widget_class->snapshot = rh_heatmap_snapshot;

  properties[PROP_SELECTED] =
    g_param_spec_int ("selected", NULL, NULL, -1, G_MAXINT, -1,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Columns are weeks: left and right move by a week. */
  gtk_widget_class_install_action (widget_class, "heatmap.move", "i", move_action);
  gtk_widget_class_install_action (widget_class, "heatmap.end", "b", end_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, 0, "heatmap.move", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, 0, "heatmap.move", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "heatmap.move", "i", -7);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "heatmap.move", "i", 7);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Home, 0, "heatmap.end", "b", FALSE);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_End, 0, "heatmap.end", "b", TRUE);

  gtk_widget_class_set_css_name (widget_class, "heatmap");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
rh_heatmap_init (RhHeatmap *self)
{
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();

  self->days = g_array_new (FALSE, TRUE, sizeof (RhStatisticsDay));
  self->tz = g_time_zone_new_local ();
  self->selected = -1;

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect_object (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (motion, "motion", G_CALLBACK (motion_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
  g_signal_connect_object (click, "pressed", G_CALLBACK (pressed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  g_signal_connect_object (focus, "enter", G_CALLBACK (focus_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (focus, "leave", G_CALLBACK (focus_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), focus);
}

GtkWidget *
rh_heatmap_new (void)
{
  return g_object_new (RH_TYPE_HEATMAP, NULL);
}

/**
 * rh_heatmap_set_days:
 * @tz: the time zone the days are counted in
 *
 * Shows @days (copied) and picks the last one, today.
 */
void
rh_heatmap_set_days (RhHeatmap             *self,
                     const RhStatisticsDay *days,
                     guint                  n_days,
                     GTimeZone             *tz)
{
  g_return_if_fail (RH_IS_HEATMAP (self));
  g_return_if_fail (n_days == 0 || days != NULL);
  g_return_if_fail (tz != NULL);

  g_array_set_size (self->days, 0);
  g_array_append_vals (self->days, days, n_days);
  g_time_zone_unref (self->tz);
  self->tz = g_time_zone_ref (tz);

  self->most = 1;
  for (guint i = 0; i < n_days; i++)
    self->most = MAX (self->most, rh_statistics_day_get_n_reviews (&days[i]));

  self->first_row = 0;
  if (n_days > 0)
    {
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (days[0].start);
      g_autoptr(GDateTime) local = utc ? g_date_time_to_timezone (utc, tz) : NULL;

      self->first_row = local ? (guint)g_date_time_get_day_of_week (local) - 1 : 0;
    }

  gtk_widget_queue_resize (GTK_WIDGET (self));
  /* Notified even when the index stays, since the day behind it moved. */
  self->selected = -2;
  rh_heatmap_set_selected (self, (int)n_days - 1);
}

int
rh_heatmap_get_selected (RhHeatmap *self)
{
  g_return_val_if_fail (RH_IS_HEATMAP (self), -1);

  return self->selected;
}

void
rh_heatmap_set_selected (RhHeatmap *self,
                         int        selected)
{
  g_return_if_fail (RH_IS_HEATMAP (self));
  g_return_if_fail (selected >= -1 && selected < (int)self->days->len);

  if (self->selected == selected)
    return;

  self->selected = selected;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
}

/**
 * rh_heatmap_dup_selected_text:
 *
 * Returns: (transfer full) (nullable): the picked day's numbers in words
 */
char *
rh_heatmap_dup_selected_text (RhHeatmap *self)
{
  g_return_val_if_fail (RH_IS_HEATMAP (self), NULL);

  if (self->selected < 0)
    return NULL;

  return rh_statistics_format_day (&g_array_index (self->days, RhStatisticsDay, self->selected), self->tz);
}

void
rh_heatmap_set_description (RhHeatmap  *self,
                            const char *description)
{
  g_return_if_fail (RH_IS_HEATMAP (self));

  g_free (self->description);
  self->description = g_strdup (description);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
}

/* What assistive technologies read: GTK 4.8 cannot read it back. */
const char *
rh_heatmap_get_description (RhHeatmap *self)
{
  g_return_val_if_fail (RH_IS_HEATMAP (self), NULL);

  return self->description;
}
