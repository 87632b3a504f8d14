/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rh-topic"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rh-topic.h"

/* One node of the topic tree, with card counts for its whole subtree.
 * The root ("All topics") has the empty path. */
struct _RhTopic
{
  GObject  parent_instance;

  /* Owned */
  char    *path;
  char    *name;

  gint64   row_id;
  guint    depth;
  guint    total_count;
  guint    new_count;
  guint    due_count;
  guint    has_children : 1;
};

G_DEFINE_FINAL_TYPE (RhTopic, rh_topic, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ROW_ID,
  PROP_PATH,
  PROP_NAME,
  PROP_DEPTH,
  PROP_HAS_CHILDREN,
  PROP_TOTAL_COUNT,
  PROP_NEW_COUNT,
  PROP_DUE_COUNT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
rh_topic_finalize (GObject *object)
{
  RhTopic *self = (RhTopic *)object;

  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->name, g_free);

  G_OBJECT_CLASS (rh_topic_parent_class)->finalize (object);
}

static void
rh_topic_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  RhTopic *self = RH_TOPIC (object);

  switch (prop_id)
    {
    case PROP_ROW_ID:
      g_value_set_int64 (value, self->row_id);
      break;

    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_DEPTH:
      g_value_set_uint (value, self->depth);
      break;

    case PROP_HAS_CHILDREN:
      g_value_set_boolean (value, self->has_children);
      break;

    case PROP_TOTAL_COUNT:
      g_value_set_uint (value, self->total_count);
      break;

    case PROP_NEW_COUNT:
      g_value_set_uint (value, self->new_count);
      break;

    case PROP_DUE_COUNT:
      g_value_set_uint (value, self->due_count);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rh_topic_class_init (RhTopicClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = rh_topic_finalize;
  object_class->get_property = rh_topic_get_property;

  properties[PROP_ROW_ID] =
    g_param_spec_int64 ("row-id", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL, ro);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, ro);
  properties[PROP_DEPTH] =
    g_param_spec_uint ("depth", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_HAS_CHILDREN] =
    g_param_spec_boolean ("has-children", NULL, NULL, FALSE, ro);
  properties[PROP_TOTAL_COUNT] =
    g_param_spec_uint ("total-count", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_NEW_COUNT] =
    g_param_spec_uint ("new-count", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_DUE_COUNT] =
    g_param_spec_uint ("due-count", NULL, NULL, 0, G_MAXUINT, 0, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rh_topic_init (RhTopic *self)
{
}

/**
 * rh_topic_new:
 * @row_id: the database row, 0 for the root
 * @path: the normalized path, "" for the root
 *
 * Returns: (transfer full): a new topic
 */
RhTopic *
rh_topic_new (gint64      row_id,
              const char *path)
{
  RhTopic *self;
  const char *sep;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (RH_TYPE_TOPIC, NULL);
  self->row_id = row_id;
  self->path = g_strdup (path);

  if (*path == '\0')
    {
      self->name = g_strdup (_("All Topics"));
      return self;
    }

  self->depth = 1;
  for (const char *p = path; (p = strstr (p, RH_TOPIC_SEPARATOR)); p += strlen (RH_TOPIC_SEPARATOR))
    self->depth++;

  sep = g_strrstr (path, RH_TOPIC_SEPARATOR);
  self->name = g_strdup (sep ? sep + strlen (RH_TOPIC_SEPARATOR) : path);

  return self;
}

gint64
rh_topic_get_row_id (RhTopic *self)
{
  g_return_val_if_fail (RH_IS_TOPIC (self), 0);
  return self->row_id;
}

const char *
rh_topic_get_path (RhTopic *self)
{
  g_return_val_if_fail (RH_IS_TOPIC (self), NULL);
  return self->path;
}

const char *
rh_topic_get_name (RhTopic *self)
{
  g_return_val_if_fail (RH_IS_TOPIC (self), NULL);
  return self->name;
}

/* 0 for the root, 1 for a top-level topic. */
guint
rh_topic_get_depth (RhTopic *self)
{
  g_return_val_if_fail (RH_IS_TOPIC (self), 0);
  return self->depth;
}

gboolean
rh_topic_is_root (RhTopic *self)
{
  g_return_val_if_fail (RH_IS_TOPIC (self), FALSE);
  return self->path[0] == '\0';
}

gboolean
rh_topic_get_has_children (RhTopic *self)
{
  g_return_val_if_fail (RH_IS_TOPIC (self), FALSE);
  return self->has_children;
}

void
rh_topic_set_has_children (RhTopic  *self,
                           gboolean  has_children)
{
  g_return_if_fail (RH_IS_TOPIC (self));

  has_children = !!has_children;
  if (self->has_children == has_children)
    return;

  self->has_children = has_children;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_CHILDREN]);
}

guint
rh_topic_get_total_count (RhTopic *self)
{
  g_return_val_if_fail (RH_IS_TOPIC (self), 0);
  return self->total_count;
}

guint
rh_topic_get_new_count (RhTopic *self)
{
  g_return_val_if_fail (RH_IS_TOPIC (self), 0);
  return self->new_count;
}

/**
 * rh_topic_dup_counts_text:
 *
 * Returns: (transfer full): what the topic holds, in words, the same
 *   wherever it is shown
 */
char *
rh_topic_dup_counts_text (RhTopic *self)
{
  g_return_val_if_fail (RH_IS_TOPIC (self), NULL);

  /* Translators: what a topic holds, e.g. "40 cards · 3 due · 12 new";
   * "due" cards wait for review now, "new" ones were never studied */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u card · %u due · %u new",
                                       "%u cards · %u due · %u new",
                                       self->total_count),
                          self->total_count, self->due_count, self->new_count);
}

guint
rh_topic_get_due_count (RhTopic *self)
{
  g_return_val_if_fail (RH_IS_TOPIC (self), 0);
  return self->due_count;
}

void
rh_topic_set_counts (RhTopic *self,
                     guint    total,
                     guint    new_count,
                     guint    due)
{
  g_return_if_fail (RH_IS_TOPIC (self));

  g_object_freeze_notify (G_OBJECT (self));

  if (self->total_count != total)
    {
      self->total_count = total;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOTAL_COUNT]);
    }

  if (self->new_count != new_count)
    {
      self->new_count = new_count;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NEW_COUNT]);
    }

  if (self->due_count != due)
    {
      self->due_count = due;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DUE_COUNT]);
    }

  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * rh_topic_path_split:
 *
 * Returns: (transfer full): the segments of a normalized path
 */
char **
rh_topic_path_split (const char *path)
{
  g_return_val_if_fail (path != NULL, NULL);

  if (*path == '\0')
    return g_new0 (char *, 1);

  return g_strsplit (path, RH_TOPIC_SEPARATOR, -1);
}

/**
 * rh_topic_path_normalize:
 * @path: a path as a user or a deck wrote it, e.g. "Redis :: Persistence"
 *
 * Trims each segment and rejects empty ones.
 *
 * Returns: (transfer full) (nullable): the normalized path
 */
char *
rh_topic_path_normalize (const char  *path,
                         GError     **error)
{
  g_auto(GStrv) parts = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  parts = g_strsplit (path, RH_TOPIC_SEPARATOR, -1);
  for (guint i = 0; parts[i]; i++)
    {
      g_strstrip (parts[i]);
      if (parts[i][0] == '\0' || strchr (parts[i], '\n') != NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("“%s” is not a valid topic: use names separated by “::”, "
                         "like “Redis::Persistence”"), path);
          return NULL;
        }
    }

  return g_strjoinv (RH_TOPIC_SEPARATOR, parts);
}

/**
 * rh_topic_path_dup_parent:
 *
 * Returns: (transfer full): the parent's path, "" for a top-level topic
 */
char *
rh_topic_path_dup_parent (const char *path)
{
  const char *sep;

  g_return_val_if_fail (path != NULL, NULL);

  sep = g_strrstr (path, RH_TOPIC_SEPARATOR);

  return sep ? g_strndup (path, sep - path) : g_strdup ("");
}

/**
 * rh_topic_path_is_under:
 *
 * Returns: whether @path is @ancestor or a topic below it
 */
gboolean
rh_topic_path_is_under (const char *path,
                        const char *ancestor)
{
  gsize len;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (ancestor != NULL, FALSE);

  len = strlen (ancestor);

  return strncmp (path, ancestor, len) == 0 &&
         (path[len] == '\0' || g_str_has_prefix (path + len, RH_TOPIC_SEPARATOR));
}

/**
 * rh_topic_path_rebase:
 *
 * Where @path is once @ancestor is renamed to @new_ancestor.
 *
 * Returns: (transfer full) (nullable): the new path, or %NULL when @path
 *   is not under @ancestor
 */
char *
rh_topic_path_rebase (const char *path,
                      const char *ancestor,
                      const char *new_ancestor)
{
  g_return_val_if_fail (new_ancestor != NULL, NULL);

  if (!rh_topic_path_is_under (path, ancestor))
    return NULL;

  return g_strconcat (new_ancestor, path + strlen (ancestor), NULL);
}
