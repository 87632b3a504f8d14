/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rh-bar-chart"

#include "config.h"

#include "rh-bar-chart.h"
#include "rh-chart-colors.h"

struct _RhBarChart
{
  GtkWidget  parent_instance;

  /* Owned */
  GStrv      colors;
  GStrv      names;
  GStrv      labels;
  GArray    *values;     /* double, n_bars × n_series */
  char      *maximum_label;
  char      *description;

  guint      n_series;
  guint      n_bars;
  double     maximum;
  double     target;
};

G_DEFINE_FINAL_TYPE (RhBarChart, rh_bar_chart, GTK_TYPE_WIDGET)

#define PLOT_HEIGHT 120
#define SPACING 4

static double
bar_total (RhBarChart *self,
           guint       bar)
{
  double total = 0;

  for (guint s = 0; s < self->n_series; s++)
    total += g_array_index (self->values, double, bar * self->n_series + s);

  return total;
}

static double
scale_maximum (RhBarChart *self)
{
  double top = 0;

  if (self->maximum > 0)
    return self->maximum;

  for (guint i = 0; i < self->n_bars; i++)
    top = MAX (top, bar_total (self, i));

  return top > 0 ? top : 1;
}

static int
text_height (RhBarChart *self)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), "0");
  int height;

  pango_layout_get_pixel_size (layout, NULL, &height);

  return height;
}

static void
append_text (RhBarChart  *self,
             GtkSnapshot *snapshot,
             const char  *text,
             float        x,
             float        y,
             float        align,   /* 0 left of x, 0.5 centred, 1 right */
             float        max_width,
             const GdkRGBA *color)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  int width;

  pango_layout_get_pixel_size (layout, &width, NULL);
  if (max_width > 0 && width > max_width)
    return;

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x - align * width, y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static void
rh_bar_chart_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  RhBarChart *self = RH_BAR_CHART (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* Bars get thin rather than the page wide: 360 px phones. */
      *minimum = 120;
      *natural = 480;
    }
  else
    {
      int line = text_height (self);
      int height = PLOT_HEIGHT + 2 * (line + SPACING);

      if (self->names != NULL)
        height += line + SPACING;
      *minimum = *natural = height;
    }
}

static void
rh_bar_chart_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  RhBarChart *self = RH_BAR_CHART (widget);
  float width = gtk_widget_get_width (widget);
  float line = text_height (self);
  float top = line + SPACING, plot_height = PLOT_HEIGHT;
  double maximum = scale_maximum (self);
  GdkRGBA fg, faint, dim;
  float slot, bar_width, x;

  rh_chart_colors_get_foreground (widget, &fg);
  faint = fg;
  faint.alpha *= 0.15f;
  dim = fg;
  dim.alpha *= 0.7f;

  /* The legend, one swatch and name per series. */
  if (self->names != NULL)
    {
      x = 0;
      for (guint s = 0; s < self->n_series && self->names[s] != NULL; s++)
        {
          g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, self->names[s]);
          GdkRGBA color;
          int name_width;

          pango_layout_get_pixel_size (layout, &name_width, NULL);
          if (x + line + 4 + name_width > width)
            break;
          rh_chart_colors_lookup (widget, self->colors[s], &color);
          gtk_snapshot_append_color (snapshot, &color,
                                     &GRAPHENE_RECT_INIT (x, line * 0.2f, line * 0.6f, line * 0.6f));
          append_text (self, snapshot, self->names[s], x + line * 0.6f + 4, 0, 0, 0, &dim);
          x += line * 0.6f + 4 + name_width + 12;
        }
      top += line + SPACING;
    }

  /* The scale's top, a faint line with its value above it. */
  if (self->maximum_label != NULL)
    append_text (self, snapshot, self->maximum_label, width, top - line - SPACING / 2.0f, 1, 0, &dim);
  gtk_snapshot_append_color (snapshot, &faint, &GRAPHENE_RECT_INIT (0, top, width, 1));
  gtk_snapshot_append_color (snapshot, &faint, &GRAPHENE_RECT_INIT (0, top + plot_height, width, 1));

  if (self->n_bars > 0)
    {
      slot = width / self->n_bars;
      bar_width = MIN (MAX (slot * 0.75f, MIN (slot, 1.0f)), 64.0f);

      for (guint i = 0; i < self->n_bars; i++)
        {
          float y = top + plot_height;

          x = i * slot + (slot - bar_width) / 2;
          for (guint s = 0; s < self->n_series; s++)
            {
              double value = g_array_index (self->values, double, i * self->n_series + s);
              float h = (float)(MIN (value, maximum) / maximum * plot_height);
              GdkRGBA color;

              if (h <= 0)
                continue;
              /* A value too small to see still shows. */
              h = MAX (h, 1.0f);
              rh_chart_colors_lookup (widget, self->colors[s], &color);
              gtk_snapshot_append_color (snapshot, &color, &GRAPHENE_RECT_INIT (x, y - h, bar_width, h));
              y -= h;
            }
        }

      if (self->target >= 0)
        {
          float y = top + plot_height - (float)(MIN (self->target, maximum) / maximum * plot_height);
          GdkRGBA color;

          rh_chart_colors_lookup (widget, "accent_color", &color);
          gtk_snapshot_append_color (snapshot, &color, &GRAPHENE_RECT_INIT (0, y - 1, width, 2));
        }

      /* Labels under their bars, or the first and last at the ends. */
      if (self->labels != NULL)
        {
          guint n = g_strv_length (self->labels);
          float y = top + plot_height + SPACING;

          if (n == self->n_bars)
            for (guint i = 0; i < n; i++)
              append_text (self, snapshot, self->labels[i], (i + 0.5f) * slot, y, 0.5f, slot, &dim);
          else if (n == 2)
            {
              append_text (self, snapshot, self->labels[0], 0, y, 0, width / 2, &dim);
              append_text (self, snapshot, self->labels[1], width, y, 1, width / 2, &dim);
            }
        }
    }
}

static void
rh_bar_chart_finalize (GObject *object)
{
  RhBarChart *self = (RhBarChart *)object;

  g_clear_pointer (&self->colors, g_strfreev);
  g_clear_pointer (&self->names, g_strfreev);
  g_clear_pointer (&self->labels, g_strfreev);
  g_clear_pointer (&self->values, g_array_unref);
  g_clear_pointer (&self->maximum_label, g_free);
  g_clear_pointer (&self->description, g_free);

  G_OBJECT_CLASS (rh_bar_chart_parent_class)->finalize (object);
}

static void
rh_bar_chart_class_init (RhBarChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = rh_bar_chart_finalize;
  widget_class->measure = rh_bar_chart_measure;
  widget_class->snapshot = rh_bar_chart_snapshot;

  gtk_widget_class_set_css_name (widget_class, "barchart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
rh_bar_chart_init (RhBarChart *self)
{
  self->values = g_array_new (FALSE, TRUE, sizeof (double));
  self->target = -1;
}

GtkWidget *
rh_bar_chart_new (void)
{
  return g_object_new (RH_TYPE_BAR_CHART, NULL);
}

void
rh_bar_chart_set_series (RhBarChart         *self,
                         guint               n_series,
                         const char * const *colors,
                         const char * const *names)
{
  g_autoptr(GStrvBuilder) color_builder = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) name_builder = g_strv_builder_new ();

  g_return_if_fail (RH_IS_BAR_CHART (self));
  g_return_if_fail (n_series > 0 && colors != NULL);

  for (guint s = 0; s < n_series; s++)
    {
      g_strv_builder_add (color_builder, colors[s]);
      if (names != NULL)
        g_strv_builder_add (name_builder, names[s]);
    }

  g_strfreev (self->colors);
  self->colors = g_strv_builder_end (color_builder);
  g_strfreev (self->names);
  self->names = names != NULL ? g_strv_builder_end (name_builder) : NULL;
  self->n_series = n_series;
  g_array_set_size (self->values, 0);
  self->n_bars = 0;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
rh_bar_chart_set_values (RhBarChart   *self,
                         guint         n_bars,
                         const double *values)
{
  g_return_if_fail (RH_IS_BAR_CHART (self));
  g_return_if_fail (self->n_series > 0);
  g_return_if_fail (n_bars == 0 || values != NULL);

  g_array_set_size (self->values, 0);
  g_array_append_vals (self->values, values, n_bars * self->n_series);
  self->n_bars = n_bars;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
rh_bar_chart_set_maximum (RhBarChart *self,
                          double      maximum,
                          const char *label)
{
  g_return_if_fail (RH_IS_BAR_CHART (self));

  self->maximum = maximum;
  g_free (self->maximum_label);
  self->maximum_label = g_strdup (label);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
rh_bar_chart_set_target (RhBarChart *self,
                         double      value)
{
  g_return_if_fail (RH_IS_BAR_CHART (self));

  self->target = value;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
rh_bar_chart_set_labels (RhBarChart         *self,
                         const char * const *labels)
{
  g_return_if_fail (RH_IS_BAR_CHART (self));

  g_strfreev (self->labels);
  self->labels = g_strdupv ((char **)labels);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
rh_bar_chart_set_description (RhBarChart *self,
                              const char *description)
{
  g_return_if_fail (RH_IS_BAR_CHART (self));

  g_free (self->description);
  self->description = g_strdup (description);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
}

/* What assistive technologies read: GTK 4.8 cannot read it back. */
const char *
rh_bar_chart_get_description (RhBarChart *self)
{
  g_return_val_if_fail (RH_IS_BAR_CHART (self), NULL);

  return self->description;
}

/* The value at the top of the plot: the fixed maximum or the highest bar. */
double
rh_bar_chart_get_scale_maximum (RhBarChart *self)
{
  g_return_val_if_fail (RH_IS_BAR_CHART (self), 1);

  return scale_maximum (self);
}
