/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rh-card-row"

#include "config.h"

#include <glib/gi18n.h>

#include "rh-card-row.h"
#include "rh-list-row.h"
#include "rh-search.h"

/* A row of the card list: the question's first line, with what is being
 * searched for in bold, then where the card lives and what kind of
 * question it is. */
struct _RhCardRow
{
  GtkWidget  parent_instance;

  /* Template widgets */
  GtkLabel  *title_label;
  GtkLabel  *details_label;
  GtkWidget *unsuspend_button;

  /* Owned */
  RhCard       *card;
  char         *search;
  GSignalGroup *card_signals;
};

G_DEFINE_FINAL_TYPE (RhCardRow, rh_card_row, GTK_TYPE_WIDGET)

enum { PROP_0, PROP_CARD, PROP_SEARCH, N_PROPS };
static GParamSpec *properties[N_PROPS];

static const char *
kind_label (RhCardKind kind)
{
  switch (kind)
    {
    case RH_CARD_KIND_CODING:
      return _("Coding");
    case RH_CARD_KIND_DESIGN:
      return _("System design");
    case RH_CARD_KIND_BEHAVIORAL:
      return _("Behavioral");
    case RH_CARD_KIND_TROUBLESHOOTING:
      return _("Troubleshooting");
    case RH_CARD_KIND_CONCEPT:
    default:
      return _("Concept");
    }
}

static void
update (RhCardRow *self)
{
  g_autofree char *title = NULL;
  g_autofree char *markup = NULL;
  g_autoptr(GString) details = g_string_new (NULL);

  if (self->card == NULL)
    {
      gtk_label_set_label (self->title_label, "");
      gtk_label_set_label (self->details_label, "");
      gtk_widget_set_visible (self->unsuspend_button, FALSE);
      return;
    }

  gtk_widget_set_visible (self->unsuspend_button, rh_card_get_suspended (self->card));
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->unsuspend_button),
                                          g_variant_new_int64 (rh_card_get_row_id (self->card)));

  title = rh_card_dup_title (self->card);
  markup = rh_search_markup (title, self->search);
  gtk_label_set_markup (self->title_label, markup);

  g_string_append (details, rh_card_get_topic (self->card));
  g_string_append (details, " · ");
  g_string_append (details, kind_label (rh_card_get_kind (self->card)));
  if (rh_card_get_seconds (self->card) > 0)
    {
      guint minutes = (rh_card_get_seconds (self->card) + 59) / 60;

      g_string_append (details, " · ");
      /* Translators: the suggested time to answer a card */
      g_string_append_printf (details, g_dngettext (GETTEXT_PACKAGE, "%u min", "%u min", minutes), minutes);
    }
  if (rh_card_get_suspended (self->card))
    {
      g_string_append (details, " · ");
      g_string_append (details, _("Suspended"));
    }

  gtk_label_set_label (self->details_label, details->str);

  /* Screen readers hear the card on the focused list row, not as two
   * loose labels. */
  rh_list_row_describe (GTK_WIDGET (self), title, details->str);
}

static void
card_notify_cb (RhCardRow  *self,
                GParamSpec *pspec,
                RhCard     *card)
{
  update (self);
}

static void
rh_card_row_dispose (GObject *object)
{
  RhCardRow *self = (RhCardRow *)object;

  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), RH_TYPE_CARD_ROW);
  /* The template's root box is not bound to a field, so it is not
   * unparented by the call above. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  g_clear_object (&self->card_signals);
  g_clear_object (&self->card);

  G_OBJECT_CLASS (rh_card_row_parent_class)->dispose (object);
}

static void
rh_card_row_finalize (GObject *object)
{
  RhCardRow *self = (RhCardRow *)object;

  g_free (self->search);

  G_OBJECT_CLASS (rh_card_row_parent_class)->finalize (object);
}

static void
rh_card_row_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  RhCardRow *self = RH_CARD_ROW (object);

  switch (prop_id)
    {
    case PROP_CARD:
      g_value_set_object (value, self->card);
      break;

    case PROP_SEARCH:
      g_value_set_string (value, self->search);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rh_card_row_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  RhCardRow *self = RH_CARD_ROW (object);

  switch (prop_id)
    {
    case PROP_CARD:
      rh_card_row_set_card (self, g_value_get_object (value));
      break;

    case PROP_SEARCH:
      rh_card_row_set_search (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rh_card_row_class_init (RhCardRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rh_card_row_dispose;
  object_class->finalize = rh_card_row_finalize;
  object_class->get_property = rh_card_row_get_property;
  object_class->set_property = rh_card_row_set_property;

  properties[PROP_CARD] =
    g_param_spec_object ("card", NULL, NULL, RH_TYPE_CARD,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SEARCH] =
    g_param_spec_string ("search", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/rh-card-row.ui");
  gtk_widget_class_bind_template_child (widget_class, RhCardRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, RhCardRow, details_label);
  gtk_widget_class_bind_template_child (widget_class, RhCardRow, unsuspend_button);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
rh_card_row_init (RhCardRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->card_signals = g_signal_group_new (RH_TYPE_CARD);
  g_signal_group_connect_object (self->card_signals, "notify", G_CALLBACK (card_notify_cb),
                                 self, G_CONNECT_SWAPPED);
}

GtkWidget *
rh_card_row_new (void)
{
  return g_object_new (RH_TYPE_CARD_ROW, NULL);
}

/**
 * rh_card_row_get_card:
 *
 * Returns: (transfer none) (nullable): the card shown
 */
RhCard *
rh_card_row_get_card (RhCardRow *self)
{
  g_return_val_if_fail (RH_IS_CARD_ROW (self), NULL);
  return self->card;
}

void
rh_card_row_set_card (RhCardRow *self,
                      RhCard    *card)
{
  g_return_if_fail (RH_IS_CARD_ROW (self));
  g_return_if_fail (!card || RH_IS_CARD (card));

  if (!g_set_object (&self->card, card))
    return;

  g_signal_group_set_target (self->card_signals, card);

  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CARD]);
}

/**
 * rh_card_row_get_search:
 *
 * Returns: (transfer none) (nullable): what the title highlights
 */
const char *
rh_card_row_get_search (RhCardRow *self)
{
  g_return_val_if_fail (RH_IS_CARD_ROW (self), NULL);
  return self->search;
}

/* @search: (nullable): what the list is searching for, as typed */
void
rh_card_row_set_search (RhCardRow  *self,
                        const char *search)
{
  g_return_if_fail (RH_IS_CARD_ROW (self));

  if (g_strcmp0 (self->search, search) == 0)
    return;

  g_free (self->search);
  self->search = g_strdup (search);
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH]);
}
