/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rh-statistics-page"

#include "config.h"

#include <glib/gi18n.h>

#include "rh-bar-chart.h"
#include "rh-clock.h"
#include "rh-heatmap.h"
#include "rh-statistics-format.h"
#include "rh-statistics-page.h"

struct _RhStatisticsPage
{
  GtkWidget     parent_instance;

  /* Template widgets */
  GtkStack     *stack;
  AdwStatusPage *empty_page;
  GtkLabel     *summary_label;
  RhHeatmap    *heatmap;
  GtkLabel     *day_label;
  RhBarChart   *reviews_chart;
  RhBarChart   *time_chart;
  RhBarChart   *forecast_chart;
  GtkLabel     *forecast_empty;
  RhBarChart   *retention_chart;
  GtkLabel     *retention_empty;
  RhBarChart   *stability_chart;
  GtkLabel     *memory_empty;
  RhBarChart   *retrievability_chart;
  GtkListBox   *readiness_list;
  GtkLabel     *readiness_empty;
  RhBarChart   *interviews_chart;
  GtkLabel     *interviews_empty;

  /* Owned */
  RhStatistics *statistics;
  GTimeZone    *tz;

  guint         update_id;
};

G_DEFINE_FINAL_TYPE (RhStatisticsPage, rh_statistics_page, GTK_TYPE_WIDGET)

enum { PROP_0, PROP_STATISTICS, PROP_PERIOD, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { OPEN_TOPIC, N_SIGNALS };
static guint signals[N_SIGNALS];

/* New, learning, review, relearning: the palette is the same in light and
 * dark, and these four stay apart for the colour-blind too. */
static const char * const kind_colors[] = { "blue_3", "orange_3", "green_4", "red_3" };
static const char * const round_colors[] = { "blue_3", "purple_3", "green_4", "orange_3", "red_3", "brown_3" };

static char *
short_date (gint64     at,
            GTimeZone *tz)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (at);
  g_autoptr(GDateTime) local = utc ? g_date_time_to_timezone (utc, tz) : NULL;

  /* Translators: a chart's first or last day, as strftime() writes it: "31 Mar". */
  return local ? g_date_time_format (local, _("%-d %b")) : g_strdup ("");
}

static char *
n_days_text (guint n)
{
  return g_strdup_printf (ngettext ("%u day", "%u days", n), n);
}

static char *
n_reviews_text (guint n)
{
  return g_strdup_printf (ngettext ("%u review", "%u reviews", n), n);
}

static char *
n_cards_text (guint n)
{
  return g_strdup_printf (ngettext ("%u card", "%u cards", n), n);
}

static void
set_first_last_labels (RhBarChart *chart,
                       const char *first,
                       const char *last)
{
  const char *labels[] = { first, last, NULL };

  rh_bar_chart_set_labels (chart, labels);
}

/* The scale fits the highest bar, and says how many it holds. */
static void
set_count_maximum (RhBarChart *chart)
{
  g_autofree char *label = g_strdup_printf ("%.0f", rh_bar_chart_get_scale_maximum (chart));

  rh_bar_chart_set_maximum (chart, 0, label);
}

static void
show_activity (RhStatisticsPage *self)
{
  guint n_days, n_reviews = 0, n_active = 0, most = 0;
  guint kinds[RH_STATISTICS_N_KINDS] = { 0 };
  gint64 total_ms = 0, most_ms = 0;
  const RhStatisticsDay *days = rh_statistics_get_days (self->statistics, &n_days);
  const RhStatisticsDay *today = n_days > 0 ? &days[n_days - 1] : NULL;
  g_autofree double *reviews = g_new0 (double, (gsize)n_days * RH_STATISTICS_N_KINDS + 1);
  g_autofree double *minutes = g_new0 (double, (gsize)n_days + 1);
  g_autofree char *period = n_days_text (n_days);
  g_autofree char *current = n_days_text (rh_statistics_get_current_streak (self->statistics));
  g_autofree char *longest = n_days_text (rh_statistics_get_longest_streak (self->statistics));
  g_autofree char *today_reviews = n_reviews_text (today ? rh_statistics_day_get_n_reviews (today) : 0);
  g_autofree char *today_time = rh_statistics_format_duration (today ? today->duration_ms : 0);
  g_autofree char *summary = NULL;
  g_autofree char *description = NULL;
  g_autofree char *total_text = NULL;
  g_autofree char *total_time = NULL;
  g_autofree char *most_time = NULL;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  guint today_new = today ? today->reviews[0] : 0;

  for (guint i = 0; i < n_days; i++)
    {
      guint n = rh_statistics_day_get_n_reviews (&days[i]);

      for (guint k = 0; k < RH_STATISTICS_N_KINDS; k++)
        {
          reviews[i * RH_STATISTICS_N_KINDS + k] = days[i].reviews[k];
          kinds[k] += days[i].reviews[k];
        }
      minutes[i] = days[i].duration_ms / 60000.0;
      n_reviews += n;
      n_active += n > 0;
      most = MAX (most, n);
      total_ms += days[i].duration_ms;
      most_ms = MAX (most_ms, days[i].duration_ms);
    }

  /* Translators: streaks in days, then today's reviews, new cards and time. */
  summary = g_strdup_printf (ngettext ("Current streak: %s. Longest: %s. Today: %s, %u new card, %s.",
                                       "Current streak: %s. Longest: %s. Today: %s, %u new cards, %s.",
                                       today_new),
                             current, longest, today_reviews, today_new, today_time);
  gtk_label_set_label (self->summary_label, summary);

  total_text = n_reviews_text (n_reviews);
  /* Translators: "7 reviews" on "5 days" in the last "30 days". */
  description = g_strdup_printf (_("%s on %u of the last %s. %s"), total_text, n_active, period, summary);
  rh_heatmap_set_days (self->heatmap, days, n_days, self->tz);
  rh_heatmap_set_description (self->heatmap, description);
  g_clear_pointer (&description, g_free);

  if (n_days > 0)
    {
      first = short_date (days[0].start, self->tz);
      last = short_date (days[n_days - 1].start, self->tz);
    }

  rh_bar_chart_set_values (self->reviews_chart, n_days, reviews);
  set_first_last_labels (self->reviews_chart, first, last);
  g_clear_pointer (&description, g_free);
  {
    g_autofree char *most_label = g_strdup_printf ("%u", most);

    rh_bar_chart_set_maximum (self->reviews_chart, 0, most > 0 ? most_label : NULL);
  }
  /* Translators: "7 reviews" in "30 days": then counts by kind, and the most on one day. */
  description = g_strdup_printf (_("%s in %s: %u new, %u learning, %u review, %u relearning. Most on one day: %u."),
                                 total_text, period, kinds[0], kinds[1], kinds[2], kinds[3], most);
  rh_bar_chart_set_description (self->reviews_chart, description);
  g_clear_pointer (&description, g_free);

  total_time = rh_statistics_format_duration (total_ms);
  most_time = rh_statistics_format_duration (most_ms);
  rh_bar_chart_set_values (self->time_chart, n_days, minutes);
  set_first_last_labels (self->time_chart, first, last);
  rh_bar_chart_set_maximum (self->time_chart, 0, most_ms > 0 ? most_time : NULL);
  /* Translators: time spent in "30 days", then the most on one day. */
  description = g_strdup_printf (_("%s in %s. Most on one day: %s."), total_time, period, most_time);
  rh_bar_chart_set_description (self->time_chart, description);
}

static void
show_retention (RhStatisticsPage *self)
{
  guint n_weeks, n_reviews = 0, n_passed = 0;
  const RhStatisticsWeek *weeks = rh_statistics_get_weeks (self->statistics, &n_weeks);
  double desired = rh_study_settings_get_desired_retention (rh_statistics_get_settings (self->statistics));
  g_autofree double *values = g_new0 (double, (gsize)n_weeks + 1);
  g_autofree char *desired_text = rh_statistics_format_percent (desired);
  g_autoptr(GString) description = g_string_new (NULL);
  g_autofree char *first = NULL;

  for (guint i = 0; i < n_weeks; i++)
    {
      values[i] = weeks[i].n_reviews > 0 ? (double)weeks[i].n_passed / weeks[i].n_reviews : 0;
      n_reviews += weeks[i].n_reviews;
      n_passed += weeks[i].n_passed;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->retention_chart), n_reviews > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->retention_empty), n_reviews == 0);

  rh_bar_chart_set_values (self->retention_chart, n_weeks, values);
  rh_bar_chart_set_maximum (self->retention_chart, 1.0, _("100%"));
  rh_bar_chart_set_target (self->retention_chart, desired);
  first = n_weeks > 1 ? g_strdup_printf (ngettext ("%u week ago", "%u weeks ago", n_weeks - 1), n_weeks - 1)
                      : g_strdup ("");
  set_first_last_labels (self->retention_chart, first, _("This week"));

  if (n_reviews > 0)
    {
      g_autofree char *overall = rh_statistics_format_percent ((double)n_passed / n_reviews);

      if (n_weeks > 0 && weeks[n_weeks - 1].n_reviews > 0)
        {
          g_autofree char *week = rh_statistics_format_percent ((double)weeks[n_weeks - 1].n_passed
                                                                / weeks[n_weeks - 1].n_reviews);

          g_string_append_printf (description,
                                  /* Translators: a percentage; two counts of answers; the
                                   * desired retention; this week's percentage. */
                                  _("%s over the period (%u of %u review answers not Again); desired %s. This week: %s."),
                                  overall, n_passed, n_reviews, desired_text, week);
        }
      else
        {
          /* Translators: a percentage; "3 reviews"; the desired retention. */
          g_string_append_printf (description, _("%s over the period (%u of %u review answers not Again); desired %s."),
                                  overall, n_passed, n_reviews, desired_text);
        }
    }
  rh_bar_chart_set_description (self->retention_chart, description->str);
}

static void
show_forecast (RhStatisticsPage *self)
{
  guint overdue, total = 0, most = 0;
  const guint *forecast = rh_statistics_get_forecast (self->statistics, &overdue);
  double values[2 * (RH_STATISTICS_FORECAST_DAYS + 1)] = { 0 };
  g_autofree char *most_label = NULL;
  g_autofree char *description = NULL;
  g_autofree char *last = NULL;
  g_autofree char *total_text = NULL;
  g_autofree char *overdue_text = n_cards_text (overdue);
  g_autofree char *today_text = n_cards_text (forecast[0]);
  g_autofree char *tomorrow_text = n_cards_text (forecast[1]);
  values[0] = overdue;
  most = overdue;
  for (guint i = 0; i < RH_STATISTICS_FORECAST_DAYS; i++)
    {
      values[2 * (i + 1) + 1] = forecast[i];
      total += forecast[i];
      most = MAX (most, forecast[i]);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->forecast_chart), total + overdue > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->forecast_empty), total + overdue == 0);

  rh_bar_chart_set_values (self->forecast_chart, RH_STATISTICS_FORECAST_DAYS + 1, values);
  most_label = g_strdup_printf ("%u", most);
  rh_bar_chart_set_maximum (self->forecast_chart, 0, most > 0 ? most_label : NULL);
  last = g_strdup_printf (ngettext ("In %u day", "In %u days", RH_STATISTICS_FORECAST_DAYS - 1),
                          RH_STATISTICS_FORECAST_DAYS - 1);
  set_first_last_labels (self->forecast_chart, _("Overdue"), last);

  total_text = n_cards_text (total);
  /* Translators: card counts: overdue now, due in the next 30 days, later today, tomorrow. */
  description = g_strdup_printf (_("%s overdue now; %s due in the next 30 days, %s later today, %s tomorrow."),
                                 overdue_text, total_text, today_text, tomorrow_text);
  rh_bar_chart_set_description (self->forecast_chart, description);
}

static void
show_memory (RhStatisticsPage *self)
{
  const RhStatisticsMemory *memory = rh_statistics_get_memory (self->statistics);
  double desired = rh_study_settings_get_desired_retention (rh_statistics_get_settings (self->statistics));
  const char *stability_labels[] = {
    /* Translators: stability ranges, short, under a chart's bars: d days, mo months, y years. */
    C_("stability", "<1 d"), C_("stability", "1–7 d"), C_("stability", "7–30 d"),
    C_("stability", "1–3 mo"), C_("stability", "3–12 mo"), C_("stability", "≥1 y"), NULL,
  };
  const char *retrievability_labels[] = {
    C_("retrievability", "<50%"), C_("retrievability", "50%"), C_("retrievability", "60%"),
    C_("retrievability", "70%"), C_("retrievability", "80%"), C_("retrievability", "≥90%"), NULL,
  };
  double stability[RH_STATISTICS_N_STABILITY_BINS], retrievability[RH_STATISTICS_N_RETRIEVABILITY_BINS];
  g_autofree char *cards = n_cards_text (memory->n_cards);
  g_autofree char *desired_text = rh_statistics_format_percent (desired);
  g_autofree char *description = NULL;
  gboolean empty = memory->n_cards == 0;

  for (guint i = 0; i < RH_STATISTICS_N_STABILITY_BINS; i++)
    stability[i] = memory->stability[i];
  for (guint i = 0; i < RH_STATISTICS_N_RETRIEVABILITY_BINS; i++)
    retrievability[i] = memory->retrievability[i];

  gtk_widget_set_visible (GTK_WIDGET (self->stability_chart), !empty);
  gtk_widget_set_visible (GTK_WIDGET (self->retrievability_chart), !empty);
  gtk_widget_set_visible (GTK_WIDGET (self->memory_empty), empty);

  rh_bar_chart_set_values (self->stability_chart, RH_STATISTICS_N_STABILITY_BINS, stability);
  set_count_maximum (self->stability_chart);
  rh_bar_chart_set_labels (self->stability_chart, stability_labels);
  /* Translators: "5 cards", then how many in each stability range. */
  description = g_strdup_printf (_("%s: %u under a day, %u of 1 to 7 days, %u of 7 to 30 days, %u of 1 to 3 months, "
                                   "%u of 3 to 12 months, %u of a year or more."),
                                 cards, memory->stability[0], memory->stability[1], memory->stability[2],
                                 memory->stability[3], memory->stability[4], memory->stability[5]);
  rh_bar_chart_set_description (self->stability_chart, description);
  g_clear_pointer (&description, g_free);

  rh_bar_chart_set_values (self->retrievability_chart, RH_STATISTICS_N_RETRIEVABILITY_BINS, retrievability);
  set_count_maximum (self->retrievability_chart);
  rh_bar_chart_set_labels (self->retrievability_chart, retrievability_labels);
  /* Translators: "5 cards", how many in each range, then how many reach the desired retention. */
  description = g_strdup_printf (_("%s: %u under 50%%, %u of 50 to 60%%, %u of 60 to 70%%, %u of 70 to 80%%, "
                                   "%u of 80 to 90%%, %u of 90%% or more. %u at or above the desired %s."),
                                 cards, memory->retrievability[0], memory->retrievability[1],
                                 memory->retrievability[2], memory->retrievability[3], memory->retrievability[4],
                                 memory->retrievability[5], memory->n_recalled, desired_text);
  rh_bar_chart_set_description (self->retrievability_chart, description);
}

static GtkWidget *
readiness_row (const RhStatisticsTopic *topic)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *level = gtk_level_bar_new ();
  GtkWidget *arrow;
  double share = topic->n_cards > 0 ? (double)topic->n_ready / topic->n_cards : 0;
  g_autofree char *percent = rh_statistics_format_percent (share);
  g_autofree char *cards = n_cards_text (topic->n_cards);
  g_autoptr(GString) subtitle = g_string_new (NULL);

  /* Translators: a percentage of "12 cards", then how many are new. */
  g_string_printf (subtitle, _("%s of %s ready, %u new"), percent, cards, topic->n_new);
  if (topic->n_interview_answers > 0)
    {
      g_string_append (subtitle, ", ");
      /* Translators: the mean mock-interview rating, 1 (Again) to 4 (Easy). */
      g_string_append_printf (subtitle, _("interview rating %.1f of 4"), topic->interview_rating);
    }

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), topic->name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);

  gtk_level_bar_set_value (GTK_LEVEL_BAR (level), share);
  gtk_widget_set_valign (level, GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (level, 64, -1);
  /* The subtitle says it; the bar is a picture of it. */
  gtk_accessible_update_state (GTK_ACCESSIBLE (level), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), level);
  /* The row opens the topic; the arrow only shows that it does. */
  arrow = gtk_image_new_from_icon_name ("go-next-symbolic");
  gtk_accessible_update_state (GTK_ACCESSIBLE (arrow), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);

  g_object_set_data_full (G_OBJECT (row), "topic-path", g_strdup (topic->path), g_free);

  return row;
}

static void
show_readiness (RhStatisticsPage *self)
{
  GArray *topics = rh_statistics_get_readiness (self->statistics);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->readiness_list))))
    gtk_list_box_remove (self->readiness_list, child);

  for (guint i = 0; i < topics->len; i++)
    gtk_list_box_append (self->readiness_list,
                         readiness_row (&g_array_index (topics, RhStatisticsTopic, i)));

  gtk_widget_set_visible (GTK_WIDGET (self->readiness_list), topics->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->readiness_empty), topics->len == 0);
}

static void
show_interviews (RhStatisticsPage *self)
{
  GArray *interviews = rh_statistics_get_interviews (self->statistics);
  g_autoptr(GPtrArray) rounds = g_ptr_array_new ();
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GPtrArray) colors = g_ptr_array_new ();
  g_autoptr(GString) description = g_string_new (NULL);
  g_autofree double *values = NULL;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->interviews_chart), interviews->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->interviews_empty), interviews->len == 0);

  /* A series per round, in the order they were first taken. */
  for (guint i = 0; i < interviews->len; i++)
    {
      const RhStatisticsInterview *interview = &g_array_index (interviews, RhStatisticsInterview, i);
      guint index;

      if (!g_ptr_array_find_with_equal_func (rounds, interview->template_id, g_str_equal, &index))
        {
          g_ptr_array_add (rounds, interview->template_id);
          g_ptr_array_add (names, interview->template_name);
          g_ptr_array_add (colors, (gpointer)round_colors[(rounds->len - 1) % G_N_ELEMENTS (round_colors)]);
        }
    }
  if (rounds->len == 0)
    {
      g_ptr_array_add (names, (gpointer)"");
      g_ptr_array_add (colors, (gpointer)round_colors[0]);
    }

  rh_bar_chart_set_series (self->interviews_chart, MAX (rounds->len, 1),
                           (const char * const *)colors->pdata, (const char * const *)names->pdata);
  values = g_new0 (double, (gsize)interviews->len * MAX (rounds->len, 1) + 1);

  for (guint i = 0; i < interviews->len; i++)
    {
      const RhStatisticsInterview *interview = &g_array_index (interviews, RhStatisticsInterview, i);
      g_autofree char *date = rh_statistics_format_date (interview->ended_at, self->tz);
      guint index = 0;

      g_ptr_array_find_with_equal_func (rounds, interview->template_id, g_str_equal, &index);
      /* Drawn a little above 0, so that a score of 0 still shows. */
      values[i * rounds->len + index] = MAX (interview->score, 1);

      if (description->len > 0)
        g_string_append (description, "; ");
      /* Translators: a round's name, its score out of 100, and the date. */
      g_string_append_printf (description, _("%s %d on %s"), interview->template_name, interview->score, date);
    }
  if (description->len > 0)
    g_string_append_c (description, '.');

  rh_bar_chart_set_values (self->interviews_chart, interviews->len, values);
  rh_bar_chart_set_maximum (self->interviews_chart, 100, "100");
  if (interviews->len > 0)
    {
      first = short_date (g_array_index (interviews, RhStatisticsInterview, 0).ended_at, self->tz);
      last = short_date (g_array_index (interviews, RhStatisticsInterview, interviews->len - 1).ended_at, self->tz);
    }
  set_first_last_labels (self->interviews_chart, first, last);
  rh_bar_chart_set_description (self->interviews_chart, description->str);
}

static gboolean
has_anything (RhStatisticsPage *self)
{
  guint n_days, overdue;
  const RhStatisticsDay *days = rh_statistics_get_days (self->statistics, &n_days);

  rh_statistics_get_forecast (self->statistics, &overdue);
  for (guint i = 0; i < n_days; i++)
    if (rh_statistics_day_get_n_reviews (&days[i]) > 0)
      return TRUE;

  return overdue > 0 || rh_statistics_get_memory (self->statistics)->n_cards > 0
         || rh_statistics_get_interviews (self->statistics)->len > 0;
}

static void
update (RhStatisticsPage *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_handle_id (&self->update_id, g_source_remove);

  if (rh_statistics_get_stale (self->statistics) == 0)
    return;

  if (rh_statistics_update (self->statistics, &error) == 0 && error != NULL)
    {
      adw_status_page_set_title (self->empty_page, _("Could Not Read the Statistics"));
      adw_status_page_set_description (self->empty_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "empty");
    }
}

static gboolean
update_idle_cb (gpointer data)
{
  RhStatisticsPage *self = data;

  self->update_id = 0;
  update (self);

  return G_SOURCE_REMOVE;
}

static void
statistics_updated_cb (RhStatisticsPage *self,
                       guint             parts,
                       RhStatistics     *statistics)
{
  if (parts & RH_STATISTICS_PART_ACTIVITY)
    {
      show_activity (self);
      show_retention (self);
    }
  if (parts & RH_STATISTICS_PART_FORECAST)
    show_forecast (self);
  if (parts & RH_STATISTICS_PART_MEMORY)
    show_memory (self);
  if (parts & RH_STATISTICS_PART_READINESS)
    show_readiness (self);
  if (parts & RH_STATISTICS_PART_INTERVIEWS)
    show_interviews (self);

  gtk_stack_set_visible_child_name (self->stack, has_anything (self) ? "charts" : "empty");
}

static void
statistics_notify_stale_cb (RhStatisticsPage *self,
                            GParamSpec       *pspec,
                            RhStatistics     *statistics)
{
  /* Only what is on screen is read; a hidden page waits to be shown.
   * Changes that come together are read once. */
  if (rh_statistics_get_stale (statistics) != 0 && gtk_widget_get_mapped (GTK_WIDGET (self))
      && self->update_id == 0)
    self->update_id = g_idle_add (update_idle_cb, self);
}

static void
statistics_notify_period_cb (RhStatisticsPage *self,
                             GParamSpec       *pspec,
                             RhStatistics     *statistics)
{
  /* The action's state follows; the toggle buttons with it. */
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PERIOD]);
}

static void
heatmap_notify_selected_cb (RhStatisticsPage *self,
                            GParamSpec       *pspec,
                            RhHeatmap        *heatmap)
{
  g_autofree char *text = rh_heatmap_dup_selected_text (heatmap);

  gtk_label_set_label (self->day_label, text ? text : "");
}

static void
readiness_row_activated_cb (RhStatisticsPage *self,
                            GtkListBoxRow    *row,
                            GtkListBox       *list)
{
  const char *path = g_object_get_data (G_OBJECT (row), "topic-path");

  if (path != NULL)
    g_signal_emit (self, signals[OPEN_TOPIC], 0, path);
}

static void
rh_statistics_page_map (GtkWidget *widget)
{
  RhStatisticsPage *self = RH_STATISTICS_PAGE (widget);

  GTK_WIDGET_CLASS (rh_statistics_page_parent_class)->map (widget);

  update (self);
}

static void
rh_statistics_page_constructed (GObject *object)
{
  RhStatisticsPage *self = (RhStatisticsPage *)object;
  RhDatabase *database = NULL;
  const char *kind_names[] = { _("New"), _("Learning"), _("Review"), _("Relearning") };
  const char *time_color[] = { "purple_3" };
  const char *retention_color[] = { "green_4" };
  const char *forecast_colors[] = { "red_3", "blue_3" };
  const char *forecast_names[] = { _("Overdue"), _("Due") };
  const char *memory_color[] = { "accent_bg_color" };

  G_OBJECT_CLASS (rh_statistics_page_parent_class)->constructed (object);

  g_assert (RH_IS_STATISTICS (self->statistics));

  g_object_get (self->statistics, "database", &database, NULL);
  self->tz = g_time_zone_ref (rh_clock_get_timezone (rh_database_get_clock (database)));
  g_object_unref (database);

  rh_bar_chart_set_series (self->reviews_chart, RH_STATISTICS_N_KINDS, kind_colors, kind_names);
  rh_bar_chart_set_series (self->time_chart, 1, time_color, NULL);
  rh_bar_chart_set_series (self->forecast_chart, 2, forecast_colors, forecast_names);
  rh_bar_chart_set_series (self->retention_chart, 1, retention_color, NULL);
  rh_bar_chart_set_series (self->stability_chart, 1, memory_color, NULL);
  rh_bar_chart_set_series (self->retrievability_chart, 1, memory_color, NULL);

  g_signal_connect_object (self->statistics, "updated", G_CALLBACK (statistics_updated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->statistics, "notify::stale", G_CALLBACK (statistics_notify_stale_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->statistics, "notify::period", G_CALLBACK (statistics_notify_period_cb), self,
                           G_CONNECT_SWAPPED);
}

static void
rh_statistics_page_dispose (GObject *object)
{
  RhStatisticsPage *self = (RhStatisticsPage *)object;

  g_clear_handle_id (&self->update_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), RH_TYPE_STATISTICS_PAGE);
  g_clear_object (&self->statistics);
  g_clear_pointer (&self->tz, g_time_zone_unref);

  G_OBJECT_CLASS (rh_statistics_page_parent_class)->dispose (object);
}

static void
rh_statistics_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  RhStatisticsPage *self = RH_STATISTICS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STATISTICS:
      g_value_set_object (value, self->statistics);
      break;
    case PROP_PERIOD:
      g_value_set_int (value, self->statistics ? (int)rh_statistics_get_period (self->statistics) : 0);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rh_statistics_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  RhStatisticsPage *self = RH_STATISTICS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STATISTICS:
      self->statistics = g_value_dup_object (value);
      break;
    case PROP_PERIOD:
      /* The statistics notify "period", which notifies ours. */
      rh_statistics_set_period (self->statistics, (RhStatisticsPeriod)g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rh_statistics_page_class_init (RhStatisticsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = rh_statistics_page_constructed;
  object_class->dispose = rh_statistics_page_dispose;
  object_class->get_property = rh_statistics_page_get_property;
  object_class->set_property = rh_statistics_page_set_property;
  widget_class->map = rh_statistics_page_map;

  properties[PROP_STATISTICS] =
    g_param_spec_object ("statistics", NULL, NULL, RH_TYPE_STATISTICS,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_PERIOD] =
    g_param_spec_int ("period", NULL, NULL, RH_STATISTICS_PERIOD_MONTH, RH_STATISTICS_PERIOD_ALL,
                      RH_STATISTICS_PERIOD_MONTH,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[OPEN_TOPIC] =
    g_signal_new ("open-topic", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (RH_TYPE_BAR_CHART);
  g_type_ensure (RH_TYPE_HEATMAP);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/rehearse/Rehearse/ui/rh-statistics-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RhStatisticsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, RhStatisticsPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, RhStatisticsPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, RhStatisticsPage, heatmap);
  gtk_widget_class_bind_template_child (widget_class, RhStatisticsPage, day_label);
  gtk_widget_class_bind_template_child (widget_class, RhStatisticsPage, reviews_chart);
  gtk_widget_class_bind_template_child (widget_class, RhStatisticsPage, time_chart);
  gtk_widget_class_bind_template_child (widget_class, RhStatisticsPage, forecast_chart);
  gtk_widget_class_bind_template_child (widget_class, RhStatisticsPage, forecast_empty);
  gtk_widget_class_bind_template_child (widget_class, RhStatisticsPage, retention_chart);
  gtk_widget_class_bind_template_child (widget_class, RhStatisticsPage, retention_empty);
  gtk_widget_class_bind_template_child (widget_class, RhStatisticsPage, stability_chart);
  gtk_widget_class_bind_template_child (widget_class, RhStatisticsPage, memory_empty);
  gtk_widget_class_bind_template_child (widget_class, RhStatisticsPage, retrievability_chart);
  gtk_widget_class_bind_template_child (widget_class, RhStatisticsPage, readiness_list);
  gtk_widget_class_bind_template_child (widget_class, RhStatisticsPage, readiness_empty);
  gtk_widget_class_bind_template_child (widget_class, RhStatisticsPage, interviews_chart);
  gtk_widget_class_bind_template_child (widget_class, RhStatisticsPage, interviews_empty);
  gtk_widget_class_bind_template_callback (widget_class, heatmap_notify_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, readiness_row_activated_cb);

  gtk_widget_class_install_property_action (widget_class, "statistics.period", "period");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
rh_statistics_page_init (RhStatisticsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * rh_statistics_page_new:
 *
 * Returns: (transfer full): a page showing @statistics
 */
GtkWidget *
rh_statistics_page_new (RhStatistics *statistics)
{
  g_return_val_if_fail (RH_IS_STATISTICS (statistics), NULL);

  return g_object_new (RH_TYPE_STATISTICS_PAGE, "statistics", statistics, NULL);
}

RhStatistics *
rh_statistics_page_get_statistics (RhStatisticsPage *self)
{
  g_return_val_if_fail (RH_IS_STATISTICS_PAGE (self), NULL);

  return self->statistics;
}

void
rh_statistics_page_set_topic_path (RhStatisticsPage *self,
                                   const char       *topic_path)
{
  g_return_if_fail (RH_IS_STATISTICS_PAGE (self));

  rh_statistics_set_topic_path (self->statistics, topic_path);
}
