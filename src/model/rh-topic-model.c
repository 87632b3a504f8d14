/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rh-topic-model"

#include "config.h"

#include "rh-database-private.h"
#include "rh-deck-store.h"
#include "rh-topic-model.h"

/* The children of one topic, with live counts. A tree is built by handing
 * rh_topic_model_create_children() to GtkTreeListModel, which asks for a
 * child model per expanded row, so only what is shown is queried: a child
 * model reads nothing until its items are asked for (GtkTreeListModel also
 * makes one just to see whether a row can expand), and after a change only
 * the models of the topics it reached read again. */
struct _RhTopicModel
{
  GObject     parent_instance;

  /* Owned */
  RhDatabase *database;
  RhTopic    *parent;
  GPtrArray  *topics;

  /* The parent is the row of the model above, which keeps its counts. */
  guint       parent_shared : 1;
  guint       loaded : 1;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RhTopicModel, rh_topic_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum { PROP_0, PROP_DATABASE, PROP_PARENT, PROP_N_ITEMS, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void
database_changed_cb (RhTopicModel     *self,
                     RhDatabaseChange  changes,
                     RhDatabase       *database)
{
  /* Not read yet: it reads what is there when first asked. Interview
   * sessions and templates do not move any count. */
  if (!self->loaded || changes == RH_DATABASE_CHANGE_INTERVIEWS)
    return;

  if (rh_database_changed_under (database, rh_topic_get_row_id (self->parent)))
    rh_topic_model_refresh (self);
}

static void
ensure_loaded (RhTopicModel *self)
{
  if (!self->loaded)
    rh_topic_model_refresh (self);
}

/* Puts @kept back in @fresh at @position with the fresh counts, so that
 * views showing @kept stay bound to the same object. */
static void
keep_topic (GPtrArray *fresh,
            guint      position,
            RhTopic   *kept)
{
  RhTopic *counted = g_ptr_array_index (fresh, position);

  rh_topic_set_has_children (kept, rh_topic_get_has_children (counted));
  rh_topic_set_counts (kept,
                       rh_topic_get_total_count (counted),
                       rh_topic_get_new_count (counted),
                       rh_topic_get_due_count (counted));

  g_ptr_array_index (fresh, position) = g_object_ref (kept);
  g_object_unref (counted);
}

static GType
rh_topic_model_get_item_type (GListModel *model)
{
  return RH_TYPE_TOPIC;
}

static guint
rh_topic_model_get_n_items (GListModel *model)
{
  RhTopicModel *self = RH_TOPIC_MODEL (model);

  ensure_loaded (self);

  return self->topics->len;
}

static gpointer
rh_topic_model_get_item (GListModel *model,
                         guint       position)
{
  RhTopicModel *self = RH_TOPIC_MODEL (model);

  ensure_loaded (self);

  if (position >= self->topics->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->topics, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = rh_topic_model_get_item_type;
  iface->get_n_items = rh_topic_model_get_n_items;
  iface->get_item = rh_topic_model_get_item;
}

static void
rh_topic_model_dispose (GObject *object)
{
  RhTopicModel *self = (RhTopicModel *)object;

  g_clear_object (&self->database);
  g_clear_object (&self->parent);

  G_OBJECT_CLASS (rh_topic_model_parent_class)->dispose (object);
}

static void
rh_topic_model_finalize (GObject *object)
{
  RhTopicModel *self = (RhTopicModel *)object;

  g_clear_pointer (&self->topics, g_ptr_array_unref);

  G_OBJECT_CLASS (rh_topic_model_parent_class)->finalize (object);
}

static void
rh_topic_model_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  RhTopicModel *self = RH_TOPIC_MODEL (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      g_value_set_object (value, self->database);
      break;

    case PROP_PARENT:
      g_value_set_object (value, self->parent);
      break;

    case PROP_N_ITEMS:
      g_value_set_uint (value, g_list_model_get_n_items (G_LIST_MODEL (self)));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rh_topic_model_class_init (RhTopicModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rh_topic_model_dispose;
  object_class->finalize = rh_topic_model_finalize;
  object_class->get_property = rh_topic_model_get_property;

  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL, RH_TYPE_DATABASE,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_PARENT] =
    g_param_spec_object ("parent", NULL, NULL, RH_TYPE_TOPIC,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rh_topic_model_init (RhTopicModel *self)
{
  self->topics = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * rh_topic_model_new:
 * @parent_path: "" for the top-level topics
 *
 * Returns: (transfer full): the children of @parent_path
 */
static RhTopicModel *
topic_model_new (RhDatabase *database,
                 RhTopic    *parent,
                 gboolean    parent_shared)
{
  RhTopicModel *self = g_object_new (RH_TYPE_TOPIC_MODEL, NULL);

  self->database = g_object_ref (database);
  self->parent = parent;
  self->parent_shared = parent_shared;

  /* Due counts moving with the clock come as a change too. */
  g_signal_connect_object (database, "changed",
                           G_CALLBACK (database_changed_cb), self,
                           G_CONNECT_SWAPPED);

  return self;
}

RhTopicModel *
rh_topic_model_new (RhDatabase *database,
                    const char *parent_path)
{
  g_autoptr(GError) error = NULL;
  RhTopicModel *self;
  RhTopic *parent = NULL;

  g_return_val_if_fail (RH_IS_DATABASE (database), NULL);
  g_return_val_if_fail (parent_path != NULL, NULL);

  /* A topic that is not there (yet) lists nothing. */
  if (*parent_path != '\0' && !(parent = rh_deck_store_dup_topic (database, parent_path, &error)) &&
      !g_error_matches (error, RH_DATABASE_ERROR, RH_DATABASE_ERROR_NOT_FOUND))
    g_warning ("Cannot read topic “%s”: %s", parent_path, error->message);
  if (parent == NULL)
    parent = rh_topic_new (0, parent_path);

  self = topic_model_new (database, parent, FALSE);
  rh_topic_model_refresh (self);

  return self;
}

/**
 * rh_topic_model_get_database:
 *
 * Returns: (transfer none): the database
 */
RhDatabase *
rh_topic_model_get_database (RhTopicModel *self)
{
  g_return_val_if_fail (RH_IS_TOPIC_MODEL (self), NULL);
  return self->database;
}

/**
 * rh_topic_model_get_parent:
 *
 * The topic whose children this model lists, with its counts kept as
 * current as the children's: for the top level, "All Topics".
 *
 * Returns: (transfer none): the parent topic
 */
RhTopic *
rh_topic_model_get_parent (RhTopicModel *self)
{
  g_return_val_if_fail (RH_IS_TOPIC_MODEL (self), NULL);
  return self->parent;
}

/**
 * rh_topic_model_refresh:
 *
 * Re-reads the children and their counts. Topics still present keep their
 * objects (their count properties change), so views keep their rows and
 * selection; only real insertions and removals emit ::items-changed.
 * Runs on every database change, and is public for a change of the day.
 */
void
rh_topic_model_refresh (RhTopicModel *self)
{
  g_autoptr(GPtrArray) fresh = NULL;
  g_autoptr(GError) error = NULL;
  gint64 parent_id;
  guint old_len, new_len, prefix = 0, suffix = 0;
  gboolean first;

  g_return_if_fail (RH_IS_TOPIC_MODEL (self));

  parent_id = rh_topic_get_row_id (self->parent);
  if (!self->parent_shared && !rh_deck_store_refresh_topic (self->database, self->parent, &error))
    {
      g_warning ("Cannot read topics: %s", error->message);
      return;
    }

  /* A topic not found has no children (a row id of 0 is the top level). */
  if (parent_id == 0 && !rh_topic_is_root (self->parent))
    fresh = g_ptr_array_new_with_free_func (g_object_unref);
  else if (!(fresh = rh_deck_store_list_topics_under (self->database, parent_id, &error)))
    {
      g_warning ("Cannot read topics: %s", error->message);
      return;
    }

  /* The first read fills the model, inside whoever asked for its items. */
  first = !self->loaded;
  self->loaded = TRUE;
  if (first)
    {
      g_ptr_array_unref (self->topics);
      self->topics = g_steal_pointer (&fresh);
      return;
    }

  old_len = self->topics->len;
  new_len = fresh->len;

  /* A renamed or moved topic keeps its row but is a new item: its path
   * and name are fixed in the object. So is one that gained its first
   * subtopic or lost its last: GtkTreeListModel asks whether a row can
   * expand only once, when it is added. */
#define SAME(i, j) (rh_topic_get_row_id (g_ptr_array_index (self->topics, i)) ==             \
                    rh_topic_get_row_id (g_ptr_array_index (fresh, j)) &&                     \
                    g_strcmp0 (rh_topic_get_path (g_ptr_array_index (self->topics, i)),       \
                               rh_topic_get_path (g_ptr_array_index (fresh, j))) == 0 &&     \
                    rh_topic_get_has_children (g_ptr_array_index (self->topics, i)) ==        \
                    rh_topic_get_has_children (g_ptr_array_index (fresh, j)))

  while (prefix < old_len && prefix < new_len && SAME (prefix, prefix))
    prefix++;
  while (suffix < old_len - prefix && suffix < new_len - prefix &&
         SAME (old_len - 1 - suffix, new_len - 1 - suffix))
    suffix++;

#undef SAME

  for (guint i = 0; i < prefix; i++)
    keep_topic (fresh, i, g_ptr_array_index (self->topics, i));
  for (guint i = 0; i < suffix; i++)
    keep_topic (fresh, new_len - 1 - i, g_ptr_array_index (self->topics, old_len - 1 - i));

  g_ptr_array_unref (self->topics);
  self->topics = g_steal_pointer (&fresh);

  if (old_len != new_len || prefix + suffix < old_len)
    {
      g_list_model_items_changed (G_LIST_MODEL (self), prefix,
                                  old_len - prefix - suffix,
                                  new_len - prefix - suffix);
      if (old_len != new_len)
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
    }
}

/**
 * rh_topic_model_create_children:
 * @item: (type RhTopic): a topic
 * @user_data: the #RhDatabase
 *
 * A `GtkTreeListModelCreateModelFunc`.
 *
 * Returns: (transfer full) (nullable): the children of @item, or %NULL for
 *   a leaf and for the root, whose children are shown beside it
 */
GListModel *
rh_topic_model_create_children (gpointer item,
                                gpointer user_data)
{
  RhTopic *topic = item;

  g_return_val_if_fail (RH_IS_TOPIC (topic), NULL);
  g_return_val_if_fail (RH_IS_DATABASE (user_data), NULL);

  if (rh_topic_is_root (topic) || !rh_topic_get_has_children (topic))
    return NULL;

  return G_LIST_MODEL (topic_model_new (user_data, g_object_ref (topic), TRUE));
}
