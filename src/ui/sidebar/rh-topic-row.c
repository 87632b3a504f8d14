/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rh-topic-row"

#include "config.h"

#include <glib/gi18n.h>

#include "rh-list-row.h"
#include "rh-topic-row.h"

/* A sidebar row: the topic's name with its due and new counts, which
 * follow the topic object as the model refreshes it. */
struct _RhTopicRow
{
  GtkWidget  parent_instance;

  /* Template widgets */
  GtkLabel  *name_label;
  GtkLabel  *due_label;
  GtkLabel  *new_label;

  /* Owned */
  RhTopic      *topic;
  GSignalGroup *topic_signals;
};

G_DEFINE_FINAL_TYPE (RhTopicRow, rh_topic_row, GTK_TYPE_WIDGET)

enum { PROP_0, PROP_TOPIC, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void
update_counts (RhTopicRow *self)
{
  g_autofree char *due = NULL;
  g_autofree char *new_count = NULL;
  g_autofree char *counts = NULL;
  guint n_due = 0, n_new = 0;

  if (self->topic != NULL)
    {
      n_due = rh_topic_get_due_count (self->topic);
      n_new = rh_topic_get_new_count (self->topic);
      counts = rh_topic_dup_counts_text (self->topic);
    }

  due = g_strdup_printf ("%u", n_due);
  new_count = g_strdup_printf ("%u", n_new);

  gtk_label_set_label (self->due_label, due);
  gtk_widget_set_visible (GTK_WIDGET (self->due_label), n_due > 0);
  gtk_label_set_label (self->new_label, new_count);
  gtk_widget_set_visible (GTK_WIDGET (self->new_label), n_new > 0);

  /* The bare numbers say what they count on hover, in the header's words. */
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), counts);

  /* Screen readers hear the counts on the focused list row, not on this
   * inner widget. */
  if (self->topic != NULL)
    rh_list_row_describe (GTK_WIDGET (self), rh_topic_get_name (self->topic), counts);
}

static void
topic_notify_cb (RhTopicRow *self,
                 GParamSpec *pspec,
                 RhTopic    *topic)
{
  update_counts (self);
}

static void
rh_topic_row_dispose (GObject *object)
{
  RhTopicRow *self = (RhTopicRow *)object;

  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), RH_TYPE_TOPIC_ROW);
  /* The template's root box is not bound to a field, so it is not
   * unparented by the call above. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  g_clear_object (&self->topic_signals);
  g_clear_object (&self->topic);

  G_OBJECT_CLASS (rh_topic_row_parent_class)->dispose (object);
}

static void
rh_topic_row_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  RhTopicRow *self = RH_TOPIC_ROW (object);

  switch (prop_id)
    {
    case PROP_TOPIC:
      g_value_set_object (value, self->topic);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rh_topic_row_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  RhTopicRow *self = RH_TOPIC_ROW (object);

  switch (prop_id)
    {
    case PROP_TOPIC:
      rh_topic_row_set_topic (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rh_topic_row_class_init (RhTopicRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rh_topic_row_dispose;
  object_class->get_property = rh_topic_row_get_property;
  object_class->set_property = rh_topic_row_set_property;

  properties[PROP_TOPIC] =
    g_param_spec_object ("topic", NULL, NULL, RH_TYPE_TOPIC,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The list row around it carries the name and the counts. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_PRESENTATION);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/rh-topic-row.ui");
  gtk_widget_class_bind_template_child (widget_class, RhTopicRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, RhTopicRow, due_label);
  gtk_widget_class_bind_template_child (widget_class, RhTopicRow, new_label);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
rh_topic_row_init (RhTopicRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->topic_signals = g_signal_group_new (RH_TYPE_TOPIC);
  g_signal_group_connect_object (self->topic_signals, "notify", G_CALLBACK (topic_notify_cb),
                                 self, G_CONNECT_SWAPPED);
}

GtkWidget *
rh_topic_row_new (void)
{
  return g_object_new (RH_TYPE_TOPIC_ROW, NULL);
}

/**
 * rh_topic_row_get_topic:
 *
 * Returns: (transfer none) (nullable): the topic shown
 */
RhTopic *
rh_topic_row_get_topic (RhTopicRow *self)
{
  g_return_val_if_fail (RH_IS_TOPIC_ROW (self), NULL);
  return self->topic;
}

void
rh_topic_row_set_topic (RhTopicRow *self,
                        RhTopic    *topic)
{
  g_return_if_fail (RH_IS_TOPIC_ROW (self));
  g_return_if_fail (!topic || RH_IS_TOPIC (topic));

  if (!g_set_object (&self->topic, topic))
    return;

  g_signal_group_set_target (self->topic_signals, topic);

  if (topic != NULL)
    gtk_label_set_label (self->name_label, rh_topic_get_name (topic));

  update_counts (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOPIC]);
}
