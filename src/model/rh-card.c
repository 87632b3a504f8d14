/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rh-card"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rh-card.h"
#include "rh-topic.h"

struct _RhCard
{
  GObject     parent_instance;

  /* Owned */
  char       *uid;
  char       *topic;
  char       *front;
  char       *back;
  GStrv       tags;
  GStrv       follow_ups;

  gint64      row_id;
  gint64      created;
  gint64      modified;
  RhCardKind  kind;
  guint       seconds;
  RhCardReview review;  /* as read with the card; all zero when not */
  guint       suspended : 1;
};

G_DEFINE_FINAL_TYPE (RhCard, rh_card, G_TYPE_OBJECT)

G_DEFINE_QUARK (rh-card-error-quark, rh_card_error)

G_DEFINE_ENUM_TYPE (RhCardKind, rh_card_kind,
  G_DEFINE_ENUM_VALUE (RH_CARD_KIND_CONCEPT, "concept"),
  G_DEFINE_ENUM_VALUE (RH_CARD_KIND_CODING, "coding"),
  G_DEFINE_ENUM_VALUE (RH_CARD_KIND_DESIGN, "design"),
  G_DEFINE_ENUM_VALUE (RH_CARD_KIND_BEHAVIORAL, "behavioral"),
  G_DEFINE_ENUM_VALUE (RH_CARD_KIND_TROUBLESHOOTING, "troubleshooting"))

enum {
  PROP_0,
  PROP_ROW_ID,
  PROP_UID,
  PROP_TOPIC,
  PROP_FRONT,
  PROP_BACK,
  PROP_TAGS,
  PROP_KIND,
  PROP_SECONDS,
  PROP_FOLLOW_UPS,
  PROP_CREATED,
  PROP_MODIFIED,
  PROP_SUSPENDED,
  PROP_TITLE,
  PROP_REVIEW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The on-disk and JSON names, indexed by RhCardKind. */
static const char * const kind_names[] = {
  "concept", "coding", "design", "behavioral", "troubleshooting",
};

static gboolean
strv_equal0 (const char * const *a,
             const char * const *b)
{
  static const char * const empty[] = { NULL };

  return g_strv_equal (a ? a : empty, b ? b : empty);
}

static gboolean
set_string (RhCard     *self,
            char      **field,
            const char *value,
            guint       prop_id)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);

  return TRUE;
}

static void
set_strv (RhCard             *self,
          GStrv              *field,
          const char * const *value,
          guint               prop_id)
{
  if (strv_equal0 ((const char * const *)*field, value))
    return;

  g_strfreev (*field);
  *field = g_strdupv ((char **)value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
rh_card_finalize (GObject *object)
{
  RhCard *self = (RhCard *)object;

  g_clear_pointer (&self->uid, g_free);
  g_clear_pointer (&self->topic, g_free);
  g_clear_pointer (&self->front, g_free);
  g_clear_pointer (&self->back, g_free);
  g_clear_pointer (&self->tags, g_strfreev);
  g_clear_pointer (&self->follow_ups, g_strfreev);

  G_OBJECT_CLASS (rh_card_parent_class)->finalize (object);
}

static void
rh_card_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  RhCard *self = RH_CARD (object);

  switch (prop_id)
    {
    case PROP_ROW_ID:
      g_value_set_int64 (value, self->row_id);
      break;

    case PROP_UID:
      g_value_set_string (value, self->uid);
      break;

    case PROP_TOPIC:
      g_value_set_string (value, self->topic);
      break;

    case PROP_FRONT:
      g_value_set_string (value, self->front);
      break;

    case PROP_BACK:
      g_value_set_string (value, self->back);
      break;

    case PROP_TAGS:
      g_value_set_boxed (value, self->tags);
      break;

    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;

    case PROP_SECONDS:
      g_value_set_uint (value, self->seconds);
      break;

    case PROP_FOLLOW_UPS:
      g_value_set_boxed (value, self->follow_ups);
      break;

    case PROP_CREATED:
      g_value_set_int64 (value, self->created);
      break;

    case PROP_MODIFIED:
      g_value_set_int64 (value, self->modified);
      break;

    case PROP_SUSPENDED:
      g_value_set_boolean (value, self->suspended);
      break;

    case PROP_REVIEW:
      g_value_set_boxed (value, &self->review);
      break;

    case PROP_TITLE:
      g_value_take_string (value, rh_card_dup_title (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rh_card_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  RhCard *self = RH_CARD (object);

  switch (prop_id)
    {
    case PROP_ROW_ID:
      rh_card_set_row_id (self, g_value_get_int64 (value));
      break;

    case PROP_UID:
      rh_card_set_uid (self, g_value_get_string (value));
      break;

    case PROP_TOPIC:
      rh_card_set_topic (self, g_value_get_string (value));
      break;

    case PROP_FRONT:
      rh_card_set_front (self, g_value_get_string (value));
      break;

    case PROP_BACK:
      rh_card_set_back (self, g_value_get_string (value));
      break;

    case PROP_TAGS:
      rh_card_set_tags (self, g_value_get_boxed (value));
      break;

    case PROP_KIND:
      rh_card_set_kind (self, g_value_get_enum (value));
      break;

    case PROP_SECONDS:
      rh_card_set_seconds (self, g_value_get_uint (value));
      break;

    case PROP_FOLLOW_UPS:
      rh_card_set_follow_ups (self, g_value_get_boxed (value));
      break;

    case PROP_CREATED:
      rh_card_set_created (self, g_value_get_int64 (value));
      break;

    case PROP_MODIFIED:
      rh_card_set_modified (self, g_value_get_int64 (value));
      break;

    case PROP_SUSPENDED:
      rh_card_set_suspended (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rh_card_class_init (RhCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = rh_card_finalize;
  object_class->get_property = rh_card_get_property;
  object_class->set_property = rh_card_set_property;

  properties[PROP_ROW_ID] =
    g_param_spec_int64 ("row-id", NULL, NULL, 0, G_MAXINT64, 0, rw);
  properties[PROP_UID] =
    g_param_spec_string ("uid", NULL, NULL, NULL, rw);
  properties[PROP_TOPIC] =
    g_param_spec_string ("topic", NULL, NULL, NULL, rw);
  properties[PROP_FRONT] =
    g_param_spec_string ("front", NULL, NULL, NULL, rw);
  properties[PROP_BACK] =
    g_param_spec_string ("back", NULL, NULL, NULL, rw);
  properties[PROP_TAGS] =
    g_param_spec_boxed ("tags", NULL, NULL, G_TYPE_STRV, rw);
  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, RH_TYPE_CARD_KIND, RH_CARD_KIND_CONCEPT, rw);
  properties[PROP_SECONDS] =
    g_param_spec_uint ("seconds", NULL, NULL, 0, G_MAXUINT, 0, rw);
  properties[PROP_FOLLOW_UPS] =
    g_param_spec_boxed ("follow-ups", NULL, NULL, G_TYPE_STRV, rw);
  properties[PROP_CREATED] =
    g_param_spec_int64 ("created", NULL, NULL, 0, G_MAXINT64, 0, rw);
  properties[PROP_MODIFIED] =
    g_param_spec_int64 ("modified", NULL, NULL, 0, G_MAXINT64, 0, rw);
  properties[PROP_SUSPENDED] =
    g_param_spec_boolean ("suspended", NULL, NULL, FALSE, rw);
  /* Derived from the front; notified with it. */
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* Read-only, set by the store that reads the card with its state. */
  properties[PROP_REVIEW] =
    g_param_spec_boxed ("review", NULL, NULL, RH_TYPE_CARD_REVIEW,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rh_card_init (RhCard *self)
{
  self->kind = RH_CARD_KIND_CONCEPT;
}

const char *
rh_card_kind_to_string (RhCardKind kind)
{
  g_return_val_if_fail (kind < G_N_ELEMENTS (kind_names), NULL);

  return kind_names[kind];
}

gboolean
rh_card_kind_from_string (const char *str,
                          RhCardKind *kind)
{
  g_return_val_if_fail (kind != NULL, FALSE);

  for (guint i = 0; str && i < G_N_ELEMENTS (kind_names); i++)
    {
      if (strcmp (str, kind_names[i]) == 0)
        {
          *kind = (RhCardKind)i;
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * rh_card_new:
 * @uid: the card's stable id
 *
 * Returns: (transfer full): a new card
 */
RhCard *
rh_card_new (const char *uid)
{
  g_return_val_if_fail (uid != NULL, NULL);

  return g_object_new (RH_TYPE_CARD, "uid", uid, NULL);
}

gint64
rh_card_get_row_id (RhCard *self)
{
  g_return_val_if_fail (RH_IS_CARD (self), 0);
  return self->row_id;
}

void
rh_card_set_row_id (RhCard *self,
                    gint64  row_id)
{
  g_return_if_fail (RH_IS_CARD (self));

  if (self->row_id == row_id)
    return;

  self->row_id = row_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROW_ID]);
}

const char *
rh_card_get_uid (RhCard *self)
{
  g_return_val_if_fail (RH_IS_CARD (self), NULL);
  return self->uid;
}

/* A card written in the app gets its uid when it is first saved. */
void
rh_card_set_uid (RhCard     *self,
                 const char *uid)
{
  g_return_if_fail (RH_IS_CARD (self));
  g_return_if_fail (uid != NULL);

  set_string (self, &self->uid, uid, PROP_UID);
}

const char *
rh_card_get_topic (RhCard *self)
{
  g_return_val_if_fail (RH_IS_CARD (self), NULL);
  return self->topic;
}

void
rh_card_set_topic (RhCard     *self,
                   const char *topic)
{
  g_return_if_fail (RH_IS_CARD (self));
  set_string (self, &self->topic, topic, PROP_TOPIC);
}

const char *
rh_card_get_front (RhCard *self)
{
  g_return_val_if_fail (RH_IS_CARD (self), NULL);
  return self->front;
}

void
rh_card_set_front (RhCard     *self,
                   const char *front)
{
  g_return_if_fail (RH_IS_CARD (self));

  if (set_string (self, &self->front, front, PROP_FRONT))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

const char *
rh_card_get_back (RhCard *self)
{
  g_return_val_if_fail (RH_IS_CARD (self), NULL);
  return self->back;
}

void
rh_card_set_back (RhCard     *self,
                  const char *back)
{
  g_return_if_fail (RH_IS_CARD (self));
  set_string (self, &self->back, back, PROP_BACK);
}

/**
 * rh_card_get_tags:
 *
 * Returns: (transfer none) (nullable): the tags
 */
const char * const *
rh_card_get_tags (RhCard *self)
{
  g_return_val_if_fail (RH_IS_CARD (self), NULL);
  return (const char * const *)self->tags;
}

void
rh_card_set_tags (RhCard             *self,
                  const char * const *tags)
{
  g_return_if_fail (RH_IS_CARD (self));
  set_strv (self, &self->tags, tags, PROP_TAGS);
}

RhCardKind
rh_card_get_kind (RhCard *self)
{
  g_return_val_if_fail (RH_IS_CARD (self), RH_CARD_KIND_CONCEPT);
  return self->kind;
}

void
rh_card_set_kind (RhCard     *self,
                  RhCardKind  kind)
{
  g_return_if_fail (RH_IS_CARD (self));
  g_return_if_fail (kind < G_N_ELEMENTS (kind_names));

  if (self->kind == kind)
    return;

  self->kind = kind;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
}

/* Suggested answer time; 0 when the deck does not say. */
guint
rh_card_get_seconds (RhCard *self)
{
  g_return_val_if_fail (RH_IS_CARD (self), 0);
  return self->seconds;
}

void
rh_card_set_seconds (RhCard *self,
                     guint   seconds)
{
  g_return_if_fail (RH_IS_CARD (self));

  if (self->seconds == seconds)
    return;

  self->seconds = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SECONDS]);
}

/**
 * rh_card_get_follow_ups:
 *
 * Returns: (transfer none) (nullable): the ids of the follow-up cards, in order
 */
const char * const *
rh_card_get_follow_ups (RhCard *self)
{
  g_return_val_if_fail (RH_IS_CARD (self), NULL);
  return (const char * const *)self->follow_ups;
}

void
rh_card_set_follow_ups (RhCard             *self,
                        const char * const *follow_ups)
{
  g_return_if_fail (RH_IS_CARD (self));
  set_strv (self, &self->follow_ups, follow_ups, PROP_FOLLOW_UPS);
}

gint64
rh_card_get_created (RhCard *self)
{
  g_return_val_if_fail (RH_IS_CARD (self), 0);
  return self->created;
}

void
rh_card_set_created (RhCard *self,
                     gint64  created)
{
  g_return_if_fail (RH_IS_CARD (self));

  if (self->created == created)
    return;

  self->created = created;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CREATED]);
}

gint64
rh_card_get_modified (RhCard *self)
{
  g_return_val_if_fail (RH_IS_CARD (self), 0);
  return self->modified;
}

void
rh_card_set_modified (RhCard *self,
                      gint64  modified)
{
  g_return_if_fail (RH_IS_CARD (self));

  if (self->modified == modified)
    return;

  self->modified = modified;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

gboolean
rh_card_get_suspended (RhCard *self)
{
  g_return_val_if_fail (RH_IS_CARD (self), FALSE);
  return self->suspended;
}

void
rh_card_set_suspended (RhCard   *self,
                       gboolean  suspended)
{
  g_return_if_fail (RH_IS_CARD (self));

  suspended = !!suspended;
  if (self->suspended == suspended)
    return;

  self->suspended = suspended;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUSPENDED]);
}

/**
 * rh_card_dup_title:
 *
 * The first non-empty line of the front without its Markdown markers, for
 * lists where the whole question does not fit.
 *
 * Returns: (transfer full): the title
 */
char *
rh_card_dup_title (RhCard *self)
{
  g_auto(GStrv) lines = NULL;

  g_return_val_if_fail (RH_IS_CARD (self), NULL);

  if (self->front == NULL)
    return g_strdup ("");

  lines = g_strsplit (self->front, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      GString *str;
      const char *line = g_strstrip (lines[i]);

      if (*line == '\0' || g_str_has_prefix (line, "```"))
        continue;

      while (*line == '#' || *line == '>' || *line == '-' || *line == '*' || *line == ' ')
        line++;

      str = g_string_new (line);
      g_string_replace (str, "**", "", 0);
      g_string_replace (str, "`", "", 0);

      return g_string_free (str, FALSE);
    }

  return g_strdup ("");
}

/* Whether the fields a deck file carries are the same. */
gboolean
rh_card_content_equal (RhCard *a,
                       RhCard *b)
{
  g_return_val_if_fail (RH_IS_CARD (a), FALSE);
  g_return_val_if_fail (RH_IS_CARD (b), FALSE);

  return g_strcmp0 (a->uid, b->uid) == 0 &&
         g_strcmp0 (a->topic, b->topic) == 0 &&
         g_strcmp0 (a->front, b->front) == 0 &&
         g_strcmp0 (a->back, b->back) == 0 &&
         strv_equal0 ((const char * const *)a->tags, (const char * const *)b->tags) &&
         a->kind == b->kind &&
         a->seconds == b->seconds &&
         strv_equal0 ((const char * const *)a->follow_ups, (const char * const *)b->follow_ups);
}

/* Copies every field but the uid, notifying only what changed. */
void
rh_card_update_from (RhCard *self,
                     RhCard *other)
{
  g_return_if_fail (RH_IS_CARD (self));
  g_return_if_fail (RH_IS_CARD (other));

  g_object_freeze_notify (G_OBJECT (self));
  rh_card_set_row_id (self, other->row_id);
  rh_card_set_topic (self, other->topic);
  rh_card_set_front (self, other->front);
  rh_card_set_back (self, other->back);
  rh_card_set_tags (self, (const char * const *)other->tags);
  rh_card_set_kind (self, other->kind);
  rh_card_set_seconds (self, other->seconds);
  rh_card_set_follow_ups (self, (const char * const *)other->follow_ups);
  rh_card_set_created (self, other->created);
  rh_card_set_modified (self, other->modified);
  rh_card_set_suspended (self, other->suspended);
  rh_card_set_review (self, &other->review);
  g_object_thaw_notify (G_OBJECT (self));
}

static gboolean
is_blank (const char *text)
{
  for (; text && *text; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;

  return TRUE;
}

/**
 * rh_card_field_problem:
 * @field: the field @value is for; for %RH_CARD_FIELD_TAGS and
 *   %RH_CARD_FIELD_FOLLOW_UPS, one item of the list
 * @value: (nullable): the value as it would be stored
 *
 * The one rule for a card's text fields, used by the deck reader and by
 * rh_card_check() alike, so that what a deck may hold and what the editor
 * may save never drift apart. Ids (a card's and the follow-ups that name
 * one) are kept exactly as written, so they must not have white space at
 * either end; tags are single lines.
 *
 * Returns: (transfer full) (nullable): what is wrong, as a phrase that
 *   follows the field's name (“must not be empty”), or %NULL
 */
char *
rh_card_field_problem (RhCardField  field,
                       const char  *value)
{
  const char *last;

  if (value == NULL)
    value = "";

  if (!g_utf8_validate (value, -1, NULL))
    return g_strdup (_("is not valid UTF-8 text"));

  switch (field)
    {
    case RH_CARD_FIELD_UID:
    case RH_CARD_FIELD_FOLLOW_UPS:
      if (*value == '\0')
        return g_strdup (_("must not be empty"));
      if (strchr (value, '\n') != NULL || strlen (value) > 200)
        return g_strdup (_("must be a single line of at most 200 bytes"));
      last = g_utf8_find_prev_char (value, value + strlen (value));
      if (g_unichar_isspace (g_utf8_get_char (value)) || g_unichar_isspace (g_utf8_get_char (last)))
        return g_strdup (_("must not begin or end with white space"));
      return NULL;

    case RH_CARD_FIELD_TOPIC:
      {
        g_autofree char *normalized = NULL;

        if (is_blank (value))
          return g_strdup (_("must not be empty"));
        if (!(normalized = rh_topic_path_normalize (value, NULL)))
          return g_strdup_printf (_("“%s” is not a valid topic path: use names separated by “::”, like “Redis::Persistence”"),
                                  value);
        return NULL;
      }

    case RH_CARD_FIELD_FRONT:
    case RH_CARD_FIELD_BACK:
      return is_blank (value) ? g_strdup (_("must not be empty")) : NULL;

    case RH_CARD_FIELD_TAGS:
      if (is_blank (value) || strchr (value, '\n') != NULL)
        return g_strdup (_("must be a non-empty single line"));
      return NULL;

    case RH_CARD_FIELD_NONE:
    case RH_CARD_FIELD_KIND:
    case RH_CARD_FIELD_SECONDS:
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * rh_card_seconds_problem:
 * @seconds: suggested seconds (a card without a suggestion has 0, which
 *   is no value and not checked)
 *
 * Returns: (transfer full) (nullable): what is wrong with @seconds, or %NULL
 */
char *
rh_card_seconds_problem (gint64 seconds)
{
  g_autofree char *number = NULL;

  if (seconds >= 1 && seconds <= RH_CARD_MAX_SECONDS)
    return NULL;

  number = g_strdup_printf ("%" G_GINT64_FORMAT, seconds);

  return g_strdup_printf (_("must be between 1 and %d, not %s"), RH_CARD_MAX_SECONDS, number);
}

static gboolean
set_problem (GError      **error,
             RhCardField   field,
             char         *problem)
{
  g_set_error_literal (error, RH_CARD_ERROR, field, problem);
  g_free (problem);

  return FALSE;
}

/* The items of a tag or follow-up list, each once. */
static gboolean
check_list (const char * const  *items,
            RhCardField          field,
            GError             **error)
{
  for (guint i = 0; items && items[i]; i++)
    {
      char *problem;

      if ((problem = rh_card_field_problem (field, items[i])))
        return set_problem (error, field, problem);

      for (guint j = 0; j < i; j++)
        if (strcmp (items[i], items[j]) == 0)
          return set_problem (error, field, g_strdup_printf (_("“%s” is listed twice"), items[i]));
    }

  return TRUE;
}

/**
 * rh_card_check:
 *
 * Checks @self as the deck reader checks an imported card (see
 * rh_card_field_problem()), uid aside when it is still empty.
 *
 * Returns: %FALSE with an %RH_CARD_ERROR whose code is the #RhCardField at
 *   fault and whose message says what is wrong with it, to be shown beside
 *   the field
 */
gboolean
rh_card_check (RhCard  *self,
               GError **error)
{
  char *problem;

  g_return_val_if_fail (RH_IS_CARD (self), FALSE);

  if (self->uid != NULL && *self->uid != '\0' &&
      (problem = rh_card_field_problem (RH_CARD_FIELD_UID, self->uid)))
    return set_problem (error, RH_CARD_FIELD_UID, problem);

  if ((problem = rh_card_field_problem (RH_CARD_FIELD_TOPIC, self->topic)))
    return set_problem (error, RH_CARD_FIELD_TOPIC, problem);

  if ((problem = rh_card_field_problem (RH_CARD_FIELD_FRONT, self->front)))
    return set_problem (error, RH_CARD_FIELD_FRONT, problem);

  if ((problem = rh_card_field_problem (RH_CARD_FIELD_BACK, self->back)))
    return set_problem (error, RH_CARD_FIELD_BACK, problem);

  if (!check_list ((const char * const *)self->tags, RH_CARD_FIELD_TAGS, error))
    return FALSE;

  if (self->kind >= G_N_ELEMENTS (kind_names))
    return set_problem (error, RH_CARD_FIELD_KIND,
                        g_strdup (_("must be one of concept, coding, design, behavioral, troubleshooting")));

  if (self->seconds != 0 && (problem = rh_card_seconds_problem (self->seconds)))
    return set_problem (error, RH_CARD_FIELD_SECONDS, problem);

  if (!check_list ((const char * const *)self->follow_ups, RH_CARD_FIELD_FOLLOW_UPS, error))
    return FALSE;

  if (self->uid != NULL && *self->uid != '\0' && self->follow_ups != NULL &&
      g_strv_contains ((const char * const *)self->follow_ups, self->uid))
    return set_problem (error, RH_CARD_FIELD_FOLLOW_UPS, g_strdup (_("must not name the card itself")));

  return TRUE;
}

/**
 * rh_card_get_review:
 *
 * Returns: (transfer none): the review state read with the card (all zero
 *   for a card made otherwise)
 */
const RhCardReview *
rh_card_get_review (RhCard *self)
{
  g_return_val_if_fail (RH_IS_CARD (self), NULL);

  return &self->review;
}

void
rh_card_set_review (RhCard             *self,
                    const RhCardReview *review)
{
  g_return_if_fail (RH_IS_CARD (self));
  g_return_if_fail (review != NULL);

  if (rh_card_review_equal (&self->review, review))
    return;

  self->review = *review;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVIEW]);
}
