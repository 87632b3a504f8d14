/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rh-interview-report-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "rh-interview-format.h"
#include "rh-interview-report-view.h"

/* How a session went: score and time, the weakest topics, every question.
 * New Interview and Retry Weak Questions are the page's actions. */
struct _RhInterviewReportView
{
  GtkWidget          parent_instance;

  /* Template widgets */
  GtkScrolledWindow *scroller;
  GtkWidget         *back_button;
  GtkLabel          *report_title;
  GtkLabel          *report_summary;
  GtkWidget         *weak_group;
  GtkLabel          *weak_label;
  GtkListBox        *answers_list;

  /* Owned */
  RhInterviewReport *report;
};

G_DEFINE_FINAL_TYPE (RhInterviewReportView, rh_interview_report_view, GTK_TYPE_WIDGET)

enum { PROP_0, PROP_REPORT, N_PROPS };
static GParamSpec *properties[N_PROPS];

static const char *
rating_name (RhRating rating)
{
  switch (rating)
    {
    case RH_RATING_AGAIN:
      return _("Again");
    case RH_RATING_HARD:
      return _("Hard");
    case RH_RATING_GOOD:
      return _("Good");
    case RH_RATING_EASY:
      return _("Easy");
    default:
      return _("Skipped");
    }
}

static GtkWidget *
create_answer_row (const RhInterviewAnswer *answer)
{
  g_autofree char *spent = rh_interview_format_clock (answer->spent_ms / 1000);
  g_autofree char *budget = rh_interview_format_clock (answer->budget_seconds);
  g_autofree char *title = NULL;
  g_autoptr(GString) subtitle = g_string_new (NULL);
  GtkWidget *row;

  title = answer->depth > 0
          ? g_strdup_printf ("%*s↳ %s", (int)(answer->depth - 1) * 2, "", answer->title ? answer->title : "")
          : g_strdup (answer->title ? answer->title : "");

  /* Translators: one question in the report: rating, time taken, time allowed */
  g_string_append_printf (subtitle, _("%s · %s of %s"),
                          answer->skipped ? _("Skipped") : rating_name (answer->rating),
                          spent, budget);
  if (answer->notes && *answer->notes)
    g_string_append_printf (subtitle, "\n%s", answer->notes);

  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
  if (answer->overtime)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("alarm-symbolic");

      gtk_widget_add_css_class (icon, "warning");
      gtk_widget_set_tooltip_text (icon, _("Over time"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Over time"), -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon);
    }

  return row;
}

static void
update_summary (RhInterviewReportView *self)
{
  RhInterviewReport *report = self->report;
  g_autofree char *spent = rh_interview_format_clock (rh_interview_report_get_total_elapsed (report));
  g_autofree char *budget = rh_interview_format_clock (rh_interview_report_get_total_budget (report));
  g_autofree char *summary = NULL;

  gtk_label_set_label (self->report_title, rh_interview_report_get_template_name (report));
  if (rh_interview_report_get_score (report) >= 0)
    /* Translators: the report's summary: score out of 100, time taken, time allowed */
    summary = g_strdup_printf (_("Score %d of 100 · %s of %s"), rh_interview_report_get_score (report), spent, budget);
  else
    summary = g_strdup_printf (_("No questions answered · %s of %s"), spent, budget);
  gtk_label_set_label (self->report_summary, summary);
  if (rh_interview_report_get_overtime (report))
    gtk_widget_add_css_class (GTK_WIDGET (self->report_summary), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->report_summary), "error");
}

static void
update_weak_topics (RhInterviewReportView *self)
{
  const char * const *weakest = rh_interview_report_get_weakest_topics (self->report);
  g_autoptr(GString) weak = g_string_new (NULL);

  /* The three weakest topics are where to study next. */
  for (guint i = 0; weakest && weakest[i] && i < 3; i++)
    {
      g_autofree char *shown = rh_interview_format_topic (weakest[i]);

      if (weak->len)
        g_string_append (weak, "\n");
      g_string_append (weak, shown);
    }
  gtk_label_set_label (self->weak_label, weak->str);
  gtk_widget_set_visible (self->weak_group, weak->len > 0);
}

static void
update_answers (RhInterviewReportView *self)
{
  GtkWidget *row;

  while ((row = gtk_widget_get_first_child (GTK_WIDGET (self->answers_list))))
    gtk_list_box_remove (self->answers_list, row);

  if (self->report == NULL)
    return;

  for (guint i = 0; i < rh_interview_report_get_n_answers (self->report); i++)
    gtk_list_box_append (self->answers_list, create_answer_row (rh_interview_report_get_answer (self->report, i)));
}

static void
rh_interview_report_view_dispose (GObject *object)
{
  RhInterviewReportView *self = (RhInterviewReportView *)object;
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), RH_TYPE_INTERVIEW_REPORT_VIEW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);

  g_clear_object (&self->report);

  G_OBJECT_CLASS (rh_interview_report_view_parent_class)->dispose (object);
}

static void
rh_interview_report_view_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  RhInterviewReportView *self = RH_INTERVIEW_REPORT_VIEW (object);

  switch (prop_id)
    {
    case PROP_REPORT:
      g_value_set_object (value, self->report);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rh_interview_report_view_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  RhInterviewReportView *self = RH_INTERVIEW_REPORT_VIEW (object);

  switch (prop_id)
    {
    case PROP_REPORT:
      rh_interview_report_view_set_report (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rh_interview_report_view_class_init (RhInterviewReportViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rh_interview_report_view_dispose;
  object_class->get_property = rh_interview_report_view_get_property;
  object_class->set_property = rh_interview_report_view_set_property;

  properties[PROP_REPORT] =
    g_param_spec_object ("report", NULL, NULL, RH_TYPE_INTERVIEW_REPORT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/rh-interview-report-view.ui");
  gtk_widget_class_bind_template_child (widget_class, RhInterviewReportView, scroller);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewReportView, back_button);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewReportView, report_title);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewReportView, report_summary);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewReportView, weak_group);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewReportView, weak_label);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewReportView, answers_list);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
rh_interview_report_view_init (RhInterviewReportView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * rh_interview_report_view_new:
 *
 * Returns: (transfer floating): an empty report page
 */
GtkWidget *
rh_interview_report_view_new (void)
{
  return g_object_new (RH_TYPE_INTERVIEW_REPORT_VIEW, NULL);
}

/**
 * rh_interview_report_view_get_report:
 *
 * Returns: (transfer none) (nullable): the report shown
 */
RhInterviewReport *
rh_interview_report_view_get_report (RhInterviewReportView *self)
{
  g_return_val_if_fail (RH_IS_INTERVIEW_REPORT_VIEW (self), NULL);
  return self->report;
}

/* @report: (nullable): a report is read once; with %NULL the list empties. */
void
rh_interview_report_view_set_report (RhInterviewReportView *self,
                                     RhInterviewReport     *report)
{
  g_return_if_fail (RH_IS_INTERVIEW_REPORT_VIEW (self));
  g_return_if_fail (!report || RH_IS_INTERVIEW_REPORT (report));

  if (!g_set_object (&self->report, report))
    return;

  if (report != NULL)
    {
      update_summary (self);
      update_weak_topics (self);
    }
  update_answers (self);
  /* Every report starts at its title. */
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPORT]);
}

/* A report opened from History offers the way back to it. */
void
rh_interview_report_view_set_show_back (RhInterviewReportView *self,
                                        gboolean               show_back)
{
  g_return_if_fail (RH_IS_INTERVIEW_REPORT_VIEW (self));
  gtk_widget_set_visible (self->back_button, show_back);
}
