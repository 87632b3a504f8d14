/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rh-cards-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "rh-card-list.h"
#include "rh-card-row.h"
#include "rh-cards-page.h"
#include "rh-deck-store.h"
#include "rh-toasts.h"

struct _RhCardsPage
{
  AdwBin           parent_instance;

  /* Template widgets */
  GtkSearchBar    *search_bar;
  GtkSearchEntry  *search_entry;
  GtkLabel        *count_label;
  GtkStack        *content_stack;
  GtkListView     *list_view;
  AdwStatusPage   *empty_page;
  GtkWidget       *empty_import_button;

  /* Owned */
  RhDatabase      *database;
  RhCardList      *card_list;
  RhTopic         *topic;

  /* Mapped once: until then the list reads nothing, so that a window
   * opening on the Study page waits for no deck's list of cards. */
  guint            shown : 1;
};

G_DEFINE_FINAL_TYPE (RhCardsPage, rh_cards_page, ADW_TYPE_BIN)

enum { PROP_0, PROP_DATABASE, PROP_TOPIC, PROP_SEARCH_MODE, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void
show_empty (RhCardsPage *self,
            const char  *icon_name,
            const char  *title,
            const char  *description,
            gboolean     offer_import)
{
  adw_status_page_set_icon_name (self->empty_page, icon_name);
  adw_status_page_set_title (self->empty_page, title);
  adw_status_page_set_description (self->empty_page, description);
  gtk_widget_set_visible (self->empty_import_button, offer_import);
  gtk_stack_set_visible_child_name (self->content_stack, "empty");
}

/* While searching, how many cards match, under the entry. */
static void
update_count (RhCardsPage *self)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->card_list));
  const char *search_error = rh_card_list_get_search_error (self->card_list);
  g_autofree char *text = NULL;

  if (*rh_card_list_get_search (self->card_list) == '\0')
    {
      gtk_widget_set_visible (GTK_WIDGET (self->count_label), FALSE);
      return;
    }

  /* A filter it cannot read: what is wrong, in place of the count. */
  if (search_error != NULL)
    {
      gtk_label_set_label (self->count_label, search_error);
      gtk_widget_remove_css_class (GTK_WIDGET (self->count_label), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (self->count_label), "error");
      gtk_widget_set_visible (GTK_WIDGET (self->count_label), TRUE);
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->count_label), "error");
  gtk_widget_add_css_class (GTK_WIDGET (self->count_label), "dim-label");

  /* Translators: how many cards match the search */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u card", "%u cards", n_items), n_items);
  gtk_label_set_label (self->count_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->count_label), TRUE);
}

static void
update_content (RhCardsPage *self)
{
  if (!self->shown)
    return;

  update_count (self);

  if (g_list_model_get_n_items (G_LIST_MODEL (self->card_list)) > 0)
    gtk_stack_set_visible_child_name (self->content_stack, "cards");
  else if (rh_card_list_get_search_error (self->card_list) != NULL)
    show_empty (self, "edit-find-symbolic", _("Search Not Understood"),
                _("The message under the search field says why"), FALSE);
  else if (*rh_card_list_get_search (self->card_list) != '\0')
    show_empty (self, "edit-find-symbolic", _("No Results Found"), _("Try a different search"), FALSE);
  else if (rh_deck_store_count_cards (self->database) == 0)
    show_empty (self, APP_ID "-symbolic", _("No Cards Yet"),
                _("Import a deck in JSON format, or drop one on this window"), TRUE);
  else
    show_empty (self, "view-list-symbolic", _("No Cards in This Topic"), NULL, FALSE);
}

/* A new search or topic starts at the top with fresh rows. GTK 4.8's list
 * view also loses its place when most rows change at once, and shows
 * nothing until scrolled; a new selection model resets it. */
static void
restart_list (RhCardsPage *self)
{
  g_autoptr(GtkNoSelection) selection = NULL;

  if (!self->shown)
    return;

  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->card_list)));

  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
}

/* Each row highlights what the list is searching for. */
static void
setup_row_cb (RhCardsPage              *self,
              GtkListItem              *item,
              GtkSignalListItemFactory *factory)
{
  GtkWidget *row = rh_card_row_new ();

  g_object_bind_property (self->card_list, "search", row, "search", G_BINDING_SYNC_CREATE);
  gtk_list_item_set_child (item, row);
}

static void
bind_row_cb (RhCardsPage              *self,
             GtkListItem              *item,
             GtkSignalListItemFactory *factory)
{
  rh_card_row_set_card (RH_CARD_ROW (gtk_list_item_get_child (item)), gtk_list_item_get_item (item));
}

static void
unbind_row_cb (RhCardsPage              *self,
               GtkListItem              *item,
               GtkSignalListItemFactory *factory)
{
  rh_card_row_set_card (RH_CARD_ROW (gtk_list_item_get_child (item)), NULL);
}

static void
items_changed_cb (RhCardsPage *self,
                  guint        position,
                  guint        removed,
                  guint        added,
                  GListModel  *model)
{
  update_content (self);
}

static void
search_changed_cb (RhCardsPage    *self,
                   GtkSearchEntry *entry)
{
  rh_card_list_set_search (self->card_list, gtk_editable_get_text (GTK_EDITABLE (entry)));
  restart_list (self);
  update_content (self);
}

static void
stop_search_cb (RhCardsPage    *self,
                GtkSearchEntry *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  rh_cards_page_set_search_mode (self, FALSE);
}

static void
search_mode_cb (RhCardsPage  *self,
                GParamSpec   *pspec,
                GtkSearchBar *search_bar)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH_MODE]);
}

/* A card picked here is studied right away. */
static void
activate_cb (RhCardsPage *self,
             guint        position,
             GtkListView *view)
{
  g_autoptr(RhCard) card = g_list_model_get_item (G_LIST_MODEL (self->card_list), position);

  if (card != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.study-card", "x", rh_card_get_row_id (card));
}

static void
unsuspend_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  RhCardsPage *self = RH_CARDS_PAGE (widget);
  g_autoptr(GError) error = NULL;

  GtkWidget *overlay;

  /* The list hears the change and updates the row. */
  if (rh_deck_store_set_card_suspended (self->database, g_variant_get_int64 (parameter), FALSE, &error))
    return;

  if ((overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY)))
    rh_toasts_add (ADW_TOAST_OVERLAY (overlay), adw_toast_new (error->message));
  else
    g_warning ("Cannot unsuspend card: %s", error->message);
}

static void
rh_cards_page_constructed (GObject *object)
{
  RhCardsPage *self = (RhCardsPage *)object;
  g_autoptr(GtkListItemFactory) factory = NULL;

  G_OBJECT_CLASS (rh_cards_page_parent_class)->constructed (object);

  g_assert (RH_IS_DATABASE (self->database));

  self->card_list = rh_card_list_new (self->database, "", NULL);
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect_object (factory, "setup", G_CALLBACK (setup_row_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_row_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (factory, "unbind", G_CALLBACK (unbind_row_cb), self, G_CONNECT_SWAPPED);
  gtk_list_view_set_factory (self->list_view, factory);
  restart_list (self);
  g_signal_connect_object (self->card_list, "items-changed", G_CALLBACK (items_changed_cb),
                           self, G_CONNECT_SWAPPED);

  update_content (self);
}

/* The first time the page shows, its list is read and shown. */
static void
rh_cards_page_map (GtkWidget *widget)
{
  RhCardsPage *self = RH_CARDS_PAGE (widget);

  if (!self->shown)
    {
      self->shown = TRUE;
      restart_list (self);
      update_content (self);
    }

  GTK_WIDGET_CLASS (rh_cards_page_parent_class)->map (widget);
}

static void
rh_cards_page_dispose (GObject *object)
{
  RhCardsPage *self = (RhCardsPage *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), RH_TYPE_CARDS_PAGE);
  g_clear_object (&self->card_list);
  g_clear_object (&self->topic);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (rh_cards_page_parent_class)->dispose (object);
}

static void
rh_cards_page_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  RhCardsPage *self = RH_CARDS_PAGE (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      g_value_set_object (value, self->database);
      break;

    case PROP_TOPIC:
      g_value_set_object (value, self->topic);
      break;

    case PROP_SEARCH_MODE:
      g_value_set_boolean (value, rh_cards_page_get_search_mode (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rh_cards_page_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  RhCardsPage *self = RH_CARDS_PAGE (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      self->database = g_value_dup_object (value);
      break;

    case PROP_TOPIC:
      rh_cards_page_set_topic (self, g_value_get_object (value));
      break;

    case PROP_SEARCH_MODE:
      rh_cards_page_set_search_mode (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rh_cards_page_class_init (RhCardsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = rh_cards_page_constructed;
  object_class->dispose = rh_cards_page_dispose;
  object_class->get_property = rh_cards_page_get_property;
  object_class->set_property = rh_cards_page_set_property;

  widget_class->map = rh_cards_page_map;

  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL, RH_TYPE_DATABASE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_TOPIC] =
    g_param_spec_object ("topic", NULL, NULL, RH_TYPE_TOPIC,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SEARCH_MODE] =
    g_param_spec_boolean ("search-mode", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/rh-cards-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RhCardsPage, search_bar);
  gtk_widget_class_bind_template_child (widget_class, RhCardsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, RhCardsPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, RhCardsPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, RhCardsPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, RhCardsPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, RhCardsPage, empty_import_button);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_mode_cb);
  gtk_widget_class_bind_template_callback (widget_class, activate_cb);

  gtk_widget_class_install_action (widget_class, "cards.unsuspend", "x", unsuspend_action);
}

static void
rh_cards_page_init (RhCardsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* Typing anywhere over the list starts a search. */
  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self->content_stack));
}

/**
 * rh_cards_page_new:
 *
 * Returns: (transfer floating): the Cards page over @database
 */
GtkWidget *
rh_cards_page_new (RhDatabase *database)
{
  g_return_val_if_fail (RH_IS_DATABASE (database), NULL);

  return g_object_new (RH_TYPE_CARDS_PAGE, "database", database, NULL);
}

/**
 * rh_cards_page_get_topic:
 *
 * Returns: (transfer none) (nullable): the topic whose cards are listed
 */
RhTopic *
rh_cards_page_get_topic (RhCardsPage *self)
{
  g_return_val_if_fail (RH_IS_CARDS_PAGE (self), NULL);

  return self->topic;
}

/* @topic: (nullable): lists every card when %NULL */
void
rh_cards_page_set_topic (RhCardsPage *self,
                         RhTopic     *topic)
{
  g_return_if_fail (RH_IS_CARDS_PAGE (self));
  g_return_if_fail (topic == NULL || RH_IS_TOPIC (topic));

  if (!g_set_object (&self->topic, topic))
    return;

  rh_card_list_set_topic_path (self->card_list, topic ? rh_topic_get_path (topic) : "");
  restart_list (self);
  update_content (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOPIC]);
}

gboolean
rh_cards_page_get_search_mode (RhCardsPage *self)
{
  g_return_val_if_fail (RH_IS_CARDS_PAGE (self), FALSE);

  return gtk_search_bar_get_search_mode (self->search_bar);
}

void
rh_cards_page_set_search_mode (RhCardsPage *self,
                               gboolean     search_mode)
{
  g_return_if_fail (RH_IS_CARDS_PAGE (self));

  /* The bar notifies, and search_mode_cb passes it on. */
  gtk_search_bar_set_search_mode (self->search_bar, search_mode);
}

/* Opens the search bar with the keyboard in its entry. */
void
rh_cards_page_start_search (RhCardsPage *self)
{
  g_return_if_fail (RH_IS_CARDS_PAGE (self));

  rh_cards_page_set_search_mode (self, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}
