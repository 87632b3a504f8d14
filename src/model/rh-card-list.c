/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rh-card-list"

#include "config.h"

#include <glib/gi18n.h>

#include "rh-card-list.h"
#include "rh-deck-store.h"
#include "rh-search-query.h"

/* The cards of a query (a topic subtree, optionally filtered by a search)
 * as a GListModel. Only row ids are held; a card object is made when a
 * view asks for it and lives as long as the view keeps it, so a deck of
 * 100,000 cards costs an array of 100,000 integers, not 100,000 objects;
 * and the ids are read only when a view first asks for the items, so a
 * list that is never shown reads nothing. */
struct _RhCardList
{
  GObject     parent_instance;

  /* Owned */
  RhDatabase *database;
  char       *topic_path;
  char       *search;
  char       *search_error;  /* what is wrong with the search, or NULL */
  GArray     *ids;
  RhCardSort  sort;

  /* Borrowed: row id → card, dropped by a weak ref when the card dies */
  GHashTable *alive;

  guint       loaded : 1;
  guint       descending : 1;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RhCardList, rh_card_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum { PROP_0, PROP_DATABASE, PROP_TOPIC_PATH, PROP_SEARCH, PROP_SEARCH_ERROR, PROP_N_ITEMS, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void
card_finalized_cb (gpointer  data,
                   GObject  *where_the_object_was)
{
  RhCardList *self = data;
  GHashTableIter iter;
  gpointer value;

  /* The row id cannot be read from a dead object, so look for the pointer. */
  g_hash_table_iter_init (&iter, self->alive);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (value == (gpointer)where_the_object_was)
      {
        g_hash_table_iter_remove (&iter);
        break;
      }
}

static void
database_changed_cb (RhCardList       *self,
                     RhDatabaseChange  changes,
                     RhDatabase       *database)
{
  if (changes & (RH_DATABASE_CHANGE_CARDS | RH_DATABASE_CHANGE_TOPICS))
    rh_card_list_refresh (self);
}

static GType
rh_card_list_get_item_type (GListModel *model)
{
  return RH_TYPE_CARD;
}

static void
set_search_error (RhCardList *self,
                  const char *message)
{
  if (g_strcmp0 (self->search_error, message) == 0)
    return;

  g_free (self->search_error);
  self->search_error = g_strdup (message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH_ERROR]);
}

/* The ids of the query; a search that cannot be read lists nothing and
 * says why in :search-error. %NULL when the database fails. */
static GArray *
query_ids (RhCardList *self)
{
  g_autoptr(GError) error = NULL;
  GArray *ids;

  if (!(ids = rh_deck_store_query_card_ids_sorted (self->database, self->topic_path, self->search,
                                                   self->sort, self->descending, &error)))
    {
      if (!g_error_matches (error, RH_SEARCH_QUERY_ERROR, error->code))
        {
          g_warning ("Cannot list cards: %s", error->message);
          return NULL;
        }
      set_search_error (self, error->message);
      return g_array_new (FALSE, FALSE, sizeof (gint64));
    }

  set_search_error (self, NULL);

  return ids;
}

static void
ensure_loaded (RhCardList *self)
{
  GArray *ids;

  if (self->loaded)
    return;

  /* Filled inside whoever asked, without ::items-changed. */
  self->loaded = TRUE;
  if (!(ids = query_ids (self)))
    return;

  g_array_unref (self->ids);
  self->ids = ids;
}

static guint
rh_card_list_get_n_items (GListModel *model)
{
  RhCardList *self = RH_CARD_LIST (model);

  ensure_loaded (self);

  return self->ids->len;
}

static gpointer
rh_card_list_get_item (GListModel *model,
                       guint       position)
{
  RhCardList *self = RH_CARD_LIST (model);
  g_autoptr(GError) error = NULL;
  RhCard *card;
  gint64 id;

  ensure_loaded (self);

  if (position >= self->ids->len)
    return NULL;

  id = g_array_index (self->ids, gint64, position);
  card = g_hash_table_lookup (self->alive, &id);
  if (card != NULL)
    return g_object_ref (card);

  /* A list model has an item at every position, so a card that cannot
   * be read (a damaged file) stands in as one that says so. */
  if (!(card = rh_deck_store_dup_card_with_review (self->database, id, &error)))
    {
      RhCard *unreadable = rh_card_new ("");

      g_warning ("Cannot read card %" G_GINT64_FORMAT ": %s", id, error->message);
      rh_card_set_row_id (unreadable, id);
      rh_card_set_front (unreadable, _("This card cannot be read"));
      return unreadable;
    }

  g_hash_table_insert (self->alive, g_memdup2 (&id, sizeof id), card);
  g_object_weak_ref (G_OBJECT (card), card_finalized_cb, self);

  return card;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = rh_card_list_get_item_type;
  iface->get_n_items = rh_card_list_get_n_items;
  iface->get_item = rh_card_list_get_item;
}

static void
rh_card_list_dispose (GObject *object)
{
  RhCardList *self = (RhCardList *)object;
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->alive);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_object_weak_unref (value, card_finalized_cb, self);
  g_hash_table_remove_all (self->alive);

  g_clear_object (&self->database);

  G_OBJECT_CLASS (rh_card_list_parent_class)->dispose (object);
}

static void
rh_card_list_finalize (GObject *object)
{
  RhCardList *self = (RhCardList *)object;

  g_clear_pointer (&self->topic_path, g_free);
  g_clear_pointer (&self->search, g_free);
  g_clear_pointer (&self->search_error, g_free);
  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_pointer (&self->alive, g_hash_table_unref);

  G_OBJECT_CLASS (rh_card_list_parent_class)->finalize (object);
}

static void
rh_card_list_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  RhCardList *self = RH_CARD_LIST (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      g_value_set_object (value, self->database);
      break;

    case PROP_TOPIC_PATH:
      g_value_set_string (value, self->topic_path);
      break;

    case PROP_SEARCH:
      g_value_set_string (value, self->search);
      break;

    case PROP_SEARCH_ERROR:
      g_value_set_string (value, rh_card_list_get_search_error (self));
      break;

    case PROP_N_ITEMS:
      g_value_set_uint (value, g_list_model_get_n_items (G_LIST_MODEL (self)));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rh_card_list_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  RhCardList *self = RH_CARD_LIST (object);

  switch (prop_id)
    {
    case PROP_TOPIC_PATH:
      rh_card_list_set_topic_path (self, g_value_get_string (value));
      break;

    case PROP_SEARCH:
      rh_card_list_set_search (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rh_card_list_class_init (RhCardListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rh_card_list_dispose;
  object_class->finalize = rh_card_list_finalize;
  object_class->get_property = rh_card_list_get_property;
  object_class->set_property = rh_card_list_set_property;

  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL, RH_TYPE_DATABASE,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_TOPIC_PATH] =
    g_param_spec_string ("topic-path", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SEARCH] =
    g_param_spec_string ("search", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /* Why the search lists nothing: a filter it cannot read, in words for
   * the user; NULL when the search is fine. Known once the list is read. */
  properties[PROP_SEARCH_ERROR] =
    g_param_spec_string ("search-error", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rh_card_list_init (RhCardList *self)
{
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->alive = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}

/**
 * rh_card_list_new:
 * @topic_path: (nullable): the subtree to list; "" or %NULL for all cards
 * @search: (nullable): words to search for
 *
 * Returns: (transfer full): the list
 */
RhCardList *
rh_card_list_new (RhDatabase *database,
                  const char *topic_path,
                  const char *search)
{
  RhCardList *self;

  g_return_val_if_fail (RH_IS_DATABASE (database), NULL);

  self = g_object_new (RH_TYPE_CARD_LIST, NULL);
  self->database = g_object_ref (database);
  self->topic_path = g_strdup (topic_path ? topic_path : "");
  self->search = g_strdup (search ? search : "");

  g_signal_connect_object (database, "changed",
                           G_CALLBACK (database_changed_cb), self,
                           G_CONNECT_SWAPPED);

  return self;
}

/**
 * rh_card_list_get_database:
 *
 * Returns: (transfer none): the database
 */
RhDatabase *
rh_card_list_get_database (RhCardList *self)
{
  g_return_val_if_fail (RH_IS_CARD_LIST (self), NULL);
  return self->database;
}

const char *
rh_card_list_get_topic_path (RhCardList *self)
{
  g_return_val_if_fail (RH_IS_CARD_LIST (self), NULL);
  return self->topic_path;
}

void
rh_card_list_set_topic_path (RhCardList *self,
                             const char *topic_path)
{
  g_return_if_fail (RH_IS_CARD_LIST (self));

  if (topic_path == NULL)
    topic_path = "";

  if (g_strcmp0 (self->topic_path, topic_path) == 0)
    return;

  g_free (self->topic_path);
  self->topic_path = g_strdup (topic_path);
  rh_card_list_refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOPIC_PATH]);
}

const char *
rh_card_list_get_search (RhCardList *self)
{
  g_return_val_if_fail (RH_IS_CARD_LIST (self), NULL);
  return self->search;
}

void
rh_card_list_set_search (RhCardList *self,
                         const char *search)
{
  g_return_if_fail (RH_IS_CARD_LIST (self));

  if (search == NULL)
    search = "";

  if (g_strcmp0 (self->search, search) == 0)
    return;

  g_free (self->search);
  self->search = g_strdup (search);
  rh_card_list_refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH]);
}

/**
 * rh_card_list_get_search_error:
 *
 * Returns: (nullable): why the search cannot be read (“is:nope” is not
 *   one of …), or %NULL; reading it reads the list if it was not yet
 */
const char *
rh_card_list_get_search_error (RhCardList *self)
{
  g_return_val_if_fail (RH_IS_CARD_LIST (self), NULL);

  ensure_loaded (self);

  return self->search_error;
}

/**
 * rh_card_list_refresh:
 *
 * Re-runs the query and emits ::items-changed for the range that differs.
 * Cards that views still hold are updated in place.
 */
void
rh_card_list_refresh (RhCardList *self)
{
  g_autoptr(GArray) fresh = NULL;
  GHashTableIter iter;
  gpointer value;
  guint old_len, new_len, prefix = 0, suffix = 0;

  g_return_if_fail (RH_IS_CARD_LIST (self));

  /* Not asked for yet: read when it is. */
  if (!self->loaded)
    return;

  if (!(fresh = query_ids (self)))
    return;

  g_hash_table_iter_init (&iter, self->alive);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      g_autoptr(RhCard) current = rh_deck_store_dup_card_with_review (self->database, rh_card_get_row_id (value), NULL);

      if (current != NULL)
        rh_card_update_from (value, current);
    }

  old_len = self->ids->len;
  new_len = fresh->len;

  while (prefix < old_len && prefix < new_len &&
         g_array_index (self->ids, gint64, prefix) == g_array_index (fresh, gint64, prefix))
    prefix++;
  while (suffix < old_len - prefix && suffix < new_len - prefix &&
         g_array_index (self->ids, gint64, old_len - 1 - suffix) ==
         g_array_index (fresh, gint64, new_len - 1 - suffix))
    suffix++;

  g_array_unref (self->ids);
  self->ids = g_steal_pointer (&fresh);

  if (old_len != new_len || prefix + suffix < old_len)
    {
      g_list_model_items_changed (G_LIST_MODEL (self), prefix,
                                  old_len - prefix - suffix,
                                  new_len - prefix - suffix);
      if (old_len != new_len)
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
    }
}

/* How many card objects are alive; for tests of the lazy loading. */
guint
rh_card_list_get_n_materialized (RhCardList *self)
{
  g_return_val_if_fail (RH_IS_CARD_LIST (self), 0);
  return g_hash_table_size (self->alive);
}

/**
 * rh_card_list_set_sort:
 * @sort: a column, or %RH_CARD_SORT_DEFAULT for the order the cards were
 *   added (the best matches first while searching)
 *
 * Sorts the list in the database, without reading any card.
 */
void
rh_card_list_set_sort (RhCardList *self,
                       RhCardSort  sort,
                       gboolean    descending)
{
  g_return_if_fail (RH_IS_CARD_LIST (self));

  descending = !!descending && sort != RH_CARD_SORT_DEFAULT;
  if (self->sort == sort && self->descending == (guint)descending)
    return;

  self->sort = sort;
  self->descending = descending;
  rh_card_list_refresh (self);
}

RhCardSort
rh_card_list_get_sort (RhCardList *self,
                       gboolean   *descending)
{
  g_return_val_if_fail (RH_IS_CARD_LIST (self), RH_CARD_SORT_DEFAULT);

  if (descending)
    *descending = self->descending;

  return self->sort;
}

/* The row id at @position without reading the card; 0 past the end. */
gint64
rh_card_list_get_id (RhCardList *self,
                     guint       position)
{
  g_return_val_if_fail (RH_IS_CARD_LIST (self), 0);

  ensure_loaded (self);

  return position < self->ids->len ? g_array_index (self->ids, gint64, position) : 0;
}
