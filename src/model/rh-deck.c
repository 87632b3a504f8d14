/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rh-deck"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "rh-deck-private.h"
#include "rh-json-check.h"
#include "rh-json-stream.h"
#include "rh-topic.h"

/* A deck file in memory: parsed and fully validated, or built for export.
 * Validation never touches a database; the importer only adds the check
 * that follow-ups outside the file exist in the database.
 *
 * A file is read as a stream (rh-json-stream.c): each card is checked as
 * it is read, then kept as one packed block of its strings, and an RhCard
 * is only made when asked for. An import of a large file never holds the
 * whole JSON tree, nor an object per card. */
struct _RhDeck
{
  GObject     parent_instance;

  /* Owned */
  char       *source_name;
  char       *name;
  char       *language;
  char       *description;
  GPtrArray  *cards;    /* RhCard, or NULL until asked for when parsed */
  GHashTable *by_uid;   /* uid → position + 1 */
  GArray     *entries;  /* DeckEntry, one per card of a parsed deck */
  GPtrArray  *renamed;  /* old uid, new uid, …; NULL for none */
};

/* A parsed card, checked, packed into one block of strings: uid, topic,
 * front and back, then the tags and the follow-ups, each list ended by an
 * empty string. Until the card is checked, @uid is borrowed from the
 * card's JSON so that errors can name it. */
typedef struct
{
  char       *block;
  const char *uid;
  RhCardKind  kind;
  guint       seconds;
} DeckEntry;

G_DEFINE_FINAL_TYPE (RhDeck, rh_deck, G_TYPE_OBJECT)

G_DEFINE_QUARK (rh-deck-error-quark, rh_deck_error)

static void
clear_card (gpointer card)
{
  g_clear_object (&card);
}

static void
rh_deck_finalize (GObject *object)
{
  RhDeck *self = (RhDeck *)object;

  g_clear_pointer (&self->source_name, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->language, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->cards, g_ptr_array_unref);
  g_clear_pointer (&self->by_uid, g_hash_table_unref);
  g_clear_pointer (&self->entries, g_array_unref);
  g_clear_pointer (&self->renamed, g_ptr_array_unref);

  G_OBJECT_CLASS (rh_deck_parent_class)->finalize (object);
}

static void
rh_deck_class_init (RhDeckClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rh_deck_finalize;
}

static void
rh_deck_init (RhDeck *self)
{
  self->cards = g_ptr_array_new_with_free_func (clear_card);
  self->by_uid = g_hash_table_new (g_str_hash, g_str_equal);
}

static const char *
json_type_name (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return "null";
  if (JSON_NODE_HOLDS_OBJECT (node))
    return _("an object");
  if (JSON_NODE_HOLDS_ARRAY (node))
    return _("an array");

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return _("a string");
    case G_TYPE_BOOLEAN:
      return _("a boolean");
    case G_TYPE_INT64:
      return _("a number");
    case G_TYPE_DOUBLE:
      return _("a fractional number");
    default:
      return _("a value");
    }
}

static gboolean
node_is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
node_is_int (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64;
}

static gboolean
is_blank_n (const char *data,
            gsize       length)
{
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isspace (data[i]))
      return FALSE;

  return TRUE;
}

/* The checker refuses what would make json-glib store invalid UTF-8; this
 * is the last guard before a string reaches a card or the database. */
static gboolean
is_text (const char *str)
{
  return g_utf8_validate (str, -1, NULL);
}

static gboolean
is_valid_id (const char *id)
{
  g_autofree char *problem = rh_card_field_problem (RH_CARD_FIELD_UID, id);

  return problem == NULL;
}

static void
append_card_name (GString    *where,
                  guint       position,
                  const char *uid)
{
  if (uid != NULL)
    /* Translators: the card's index in the deck followed by its id */
    g_string_append_printf (where, _("cards[%u] (id “%s”)"), position, uid);
  else
    g_string_append_printf (where, "cards[%u]", position);
}

static void
replace_string (char       **field,
                const char  *value)
{
  if (*field != value)
    {
      g_free (*field);
      *field = g_strdup (value);
    }
}

static gboolean
set_deck_error (RhDeck      *self,
                GError     **error,
                RhDeckError  code,
                const char  *format,
                ...) G_GNUC_PRINTF (4, 5);

static gboolean
set_deck_error (RhDeck      *self,
                GError     **error,
                RhDeckError  code,
                const char  *format,
                ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  /* Translators: a file name, then what is wrong with it */
  g_set_error (error, RH_DECK_ERROR, code, _("%s: %s"), self->source_name, message);

  return FALSE;
}

/* Reads an optional top-level string. */
static gboolean
read_deck_string (RhDeck      *self,
                  JsonObject  *root,
                  const char  *member,
                  char       **out,
                  GError     **error)
{
  JsonNode *node = json_object_get_member (root, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (!node_is_string (node))
    return set_deck_error (self, error, RH_DECK_ERROR_WRONG_TYPE,
                           _("“%s” must be a string, not %s"), member, json_type_name (node));

  if (!is_text (json_node_get_string (node)))
    return set_deck_error (self, error, RH_DECK_ERROR_ENCODING,
                           _("“%s” is not valid UTF-8 text"), member);

  g_free (*out);
  *out = g_strdup (json_node_get_string (node));

  return TRUE;
}

/* Reads an optional array of strings, without duplicates: tags, which
 * are trimmed, or follow-up ids, kept as written; each item as
 * rh_card_field_problem() says for @field. */
static gboolean
read_string_list (RhDeck      *self,
                  JsonObject  *object,
                  guint        position,
                  const char  *member,
                  RhCardField  field,
                  GStrv       *out,
                  GError     **error)
{
  gboolean ids = field == RH_CARD_FIELD_FOLLOW_UPS;
  g_autoptr(GPtrArray) values = NULL;
  g_autoptr(GHashTable) seen = NULL;
  JsonNode *node = json_object_get_member (object, member);
  JsonArray *array;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_autofree char *problem =
        g_strdup_printf (_("must be an array of strings, not %s"), json_type_name (node));
      rh_deck_set_card_error (self, error, RH_DECK_ERROR_WRONG_TYPE, position, member, problem);
      return FALSE;
    }

  array = json_node_get_array (node);
  values = g_ptr_array_new_full (json_array_get_length (array) + 1, g_free);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autofree char *value = NULL;
      g_autofree char *rule = NULL;
      gboolean twice = FALSE;

      if (!node_is_string (element))
        {
          g_autofree char *problem =
            g_strdup_printf (_("item %u must be a string, not %s"), i, json_type_name (element));
          rh_deck_set_card_error (self, error, RH_DECK_ERROR_WRONG_TYPE, position, member, problem);
          return FALSE;
        }

      if (!is_text (json_node_get_string (element)))
        {
          g_autofree char *problem = g_strdup_printf (_("item %u is not valid UTF-8 text"), i);
          rh_deck_set_card_error (self, error, RH_DECK_ERROR_ENCODING, position, member, problem);
          return FALSE;
        }

      value = g_strdup (json_node_get_string (element));
      if (!ids)
        g_strstrip (value);

      if ((rule = rh_card_field_problem (field, value)) != NULL)
        {
          /* Translators: “item 2 must not be empty”; the %s is one of the rules for a field */
          g_autofree char *item_problem = g_strdup_printf (_("item %u %s"), i, rule);
          rh_deck_set_card_error (self, error, RH_DECK_ERROR_INVALID_VALUE, position, member, item_problem);
          return FALSE;
        }

      /* Lists are short: a hash only pays off for long ones. */
      if (seen == NULL && values->len < 16)
        {
          for (guint j = 0; j < values->len && !twice; j++)
            twice = strcmp (g_ptr_array_index (values, j), value) == 0;
        }
      else
        {
          if (seen == NULL)
            {
              seen = g_hash_table_new (g_str_hash, g_str_equal);
              for (guint j = 0; j < values->len; j++)
                g_hash_table_add (seen, g_ptr_array_index (values, j));
            }
          twice = !g_hash_table_add (seen, value);
        }

      if (twice)
        {
          g_autofree char *problem = g_strdup_printf (_("“%s” is listed twice"), value);
          rh_deck_set_card_error (self, error, RH_DECK_ERROR_INVALID_VALUE, position, member, problem);
          return FALSE;
        }

      g_ptr_array_add (values, g_steal_pointer (&value));
    }

  g_ptr_array_add (values, NULL);
  *out = (GStrv)g_ptr_array_free (g_steal_pointer (&values), FALSE);

  return TRUE;
}

static gboolean
read_card_string (RhDeck      *self,
                  JsonObject  *object,
                  guint        position,
                  const char  *member,
                  RhCardField  field,
                  const char **out,
                  GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);
  g_autofree char *rule = NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      rh_deck_set_card_error (self, error, RH_DECK_ERROR_MISSING_FIELD, position, member,
                              _("is missing"));
      return FALSE;
    }

  if (!node_is_string (node))
    {
      g_autofree char *problem =
        g_strdup_printf (_("must be a string, not %s"), json_type_name (node));
      rh_deck_set_card_error (self, error, RH_DECK_ERROR_WRONG_TYPE, position, member, problem);
      return FALSE;
    }

  if (!is_text (json_node_get_string (node)))
    {
      rh_deck_set_card_error (self, error, RH_DECK_ERROR_ENCODING, position, member,
                              _("is not valid UTF-8 text"));
      return FALSE;
    }

  if ((rule = rh_card_field_problem (field, json_node_get_string (node))))
    {
      rh_deck_set_card_error (self, error, RH_DECK_ERROR_INVALID_VALUE, position, member, rule);
      return FALSE;
    }

  *out = json_node_get_string (node);

  return TRUE;
}

/* Reads and checks cards[@position] from its JSON into @fields. */
static gboolean
read_card_fields (RhDeck            *self,
                  JsonObject        *object,
                  guint              position,
                  RhDeckCardFields  *fields,
                  GError           **error)
{
  JsonNode *member;
  const char *topic_text;

  if (!read_card_string (self, object, position, "id", RH_CARD_FIELD_UID, &fields->uid, error))
    return FALSE;

  /* From here on, errors can name the card by its id. */
  g_array_append_val (self->entries, ((DeckEntry) { .uid = fields->uid }));

  if (g_hash_table_contains (self->by_uid, fields->uid))
    {
      guint first = GPOINTER_TO_UINT (g_hash_table_lookup (self->by_uid, fields->uid)) - 1;
      g_autofree char *problem =
        g_strdup_printf (_("is the same as the id of cards[%u]; ids must be unique"), first);

      rh_deck_set_card_error (self, error, RH_DECK_ERROR_DUPLICATE_ID, position, "id", problem);
      return FALSE;
    }

  if (!read_card_string (self, object, position, "topic", RH_CARD_FIELD_TOPIC, &topic_text, error) ||
      !read_card_string (self, object, position, "front", RH_CARD_FIELD_FRONT, &fields->front, error) ||
      !read_card_string (self, object, position, "back", RH_CARD_FIELD_BACK, &fields->back, error))
    return FALSE;

  /* rh_card_field_problem() accepted it. */
  fields->owned_topic = rh_topic_path_normalize (topic_text, NULL);
  g_assert (fields->owned_topic != NULL);
  fields->topic = fields->owned_topic;

  if (!read_string_list (self, object, position, "tags", RH_CARD_FIELD_TAGS, &fields->tags, error))
    return FALSE;

  fields->kind = RH_CARD_KIND_CONCEPT;
  member = json_object_get_member (object, "kind");
  if (member != NULL && !JSON_NODE_HOLDS_NULL (member))
    {
      if (!node_is_string (member))
        {
          g_autofree char *problem =
            g_strdup_printf (_("must be a string, not %s"), json_type_name (member));
          rh_deck_set_card_error (self, error, RH_DECK_ERROR_WRONG_TYPE, position, "kind", problem);
          return FALSE;
        }

      if (!is_text (json_node_get_string (member)) ||
          !rh_card_kind_from_string (json_node_get_string (member), &fields->kind))
        {
          g_autofree char *shown = g_utf8_make_valid (json_node_get_string (member), -1);
          g_autofree char *problem =
            g_strdup_printf (_("“%s” is not one of concept, coding, design, behavioral, troubleshooting"),
                             shown);
          rh_deck_set_card_error (self, error, RH_DECK_ERROR_INVALID_VALUE, position, "kind", problem);
          return FALSE;
        }
    }

  fields->seconds = 0;
  member = json_object_get_member (object, "seconds");
  if (member != NULL && !JSON_NODE_HOLDS_NULL (member))
    {
      g_autofree char *rule = NULL;
      gint64 seconds;

      if (!node_is_int (member))
        {
          g_autofree char *problem =
            g_strdup_printf (_("must be a whole number, not %s"), json_type_name (member));
          rh_deck_set_card_error (self, error, RH_DECK_ERROR_WRONG_TYPE, position, "seconds", problem);
          return FALSE;
        }

      seconds = json_node_get_int (member);
      if ((rule = rh_card_seconds_problem (seconds)))
        {
          rh_deck_set_card_error (self, error, RH_DECK_ERROR_INVALID_VALUE, position, "seconds", rule);
          return FALSE;
        }

      fields->seconds = (guint)seconds;
    }

  if (!read_string_list (self, object, position, "follow_ups", RH_CARD_FIELD_FOLLOW_UPS, &fields->follow_ups, error))
    return FALSE;

  if (fields->follow_ups != NULL &&
      g_strv_contains ((const char * const *)fields->follow_ups, fields->uid))
    {
      rh_deck_set_card_error (self, error, RH_DECK_ERROR_INVALID_VALUE, position, "follow_ups",
                              _("must not name the card itself"));
      return FALSE;
    }

  return TRUE;
}

static gsize
strv_block_length (const char * const *strv)
{
  gsize length = 1;

  for (guint i = 0; strv && strv[i]; i++)
    length += strlen (strv[i]) + 1;

  return length;
}

static char *
append_block_string (char       *to,
                     const char *str)
{
  gsize length = strlen (str) + 1;

  memcpy (to, str, length);

  return to + length;
}

static char *
append_block_strv (char               *to,
                   const char * const *strv)
{
  for (guint i = 0; strv && strv[i]; i++)
    to = append_block_string (to, strv[i]);
  *to = '\0';

  return to + 1;
}

/* Packs a checked card's strings into @entry's block; the tags go in as
 * the database stores them, joined by newlines (a tag is a single line). */
static void
pack_entry (DeckEntry              *entry,
            const RhDeckCardFields *fields)
{
  g_autofree char *tags = fields->tags ? g_strjoinv ("\n", fields->tags) : g_strdup ("");
  const char *strings[] = { fields->uid, fields->topic, fields->front, fields->back, tags };
  gsize length = strv_block_length ((const char * const *)fields->follow_ups);
  char *at;

  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    length += strlen (strings[i]) + 1;

  at = entry->block = g_malloc (length);
  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    at = append_block_string (at, strings[i]);
  append_block_strv (at, (const char * const *)fields->follow_ups);

  entry->uid = entry->block;
  entry->kind = fields->kind;
  entry->seconds = fields->seconds;
}

static const char *
next_block_string (const char *at)
{
  return at + strlen (at) + 1;
}

/* A list written by append_block_strv(), as a new GStrv (NULL when empty),
 * and where the block goes on after it. */
static GStrv
read_block_strv (const char  *at,
                 const char **end)
{
  g_autoptr(GStrvBuilder) builder = NULL;

  if (*at == '\0')
    {
      *end = at + 1;
      return NULL;
    }

  builder = g_strv_builder_new ();
  for (; *at != '\0'; at = next_block_string (at))
    g_strv_builder_add (builder, at);
  *end = at + 1;

  return g_strv_builder_end (builder);
}

static void
unpack_entry (const DeckEntry  *entry,
              RhDeckCardFields *fields)
{
  const char *at = entry->block;

  fields->uid = at;
  fields->topic = at = next_block_string (at);
  fields->front = at = next_block_string (at);
  fields->back = at = next_block_string (at);
  fields->tags_joined = at = next_block_string (at);
  fields->tags = *fields->tags_joined != '\0' ? g_strsplit (fields->tags_joined, "\n", -1) : NULL;
  at = next_block_string (at);
  fields->follow_ups = read_block_strv (at, &at);
  fields->kind = entry->kind;
  fields->seconds = entry->seconds;
}

static void
clear_entry (gpointer data)
{
  g_clear_pointer (&((DeckEntry *)data)->block, g_free);
}

static gboolean
read_card (RhDeck     *self,
           JsonNode   *node,
           guint       position,
           GError    **error)
{
  g_auto(RhDeckCardFields) fields = { 0 };
  DeckEntry *entry;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autofree char *problem =
        g_strdup_printf (_("must be an object, not %s"), json_type_name (node));
      rh_deck_set_card_error (self, error, RH_DECK_ERROR_WRONG_TYPE, position, NULL, problem);
      return FALSE;
    }

  if (!read_card_fields (self, json_node_get_object (node), position, &fields, error))
    return FALSE;

  entry = &g_array_index (self->entries, DeckEntry, position);
  pack_entry (entry, &fields);
  g_ptr_array_add (self->cards, NULL);
  g_hash_table_insert (self->by_uid, (gpointer)entry->uid, GUINT_TO_POINTER (position + 1));

  return TRUE;
}

/* "renamed": {"old-id": "new-id", …}, the cards an earlier edition of
 * the deck had under another id (merged or renamed). check_renamed()
 * checks the new ids once every card is read. */
static gboolean
read_renamed (RhDeck      *self,
              JsonObject  *root,
              GError     **error)
{
  JsonNode *node = json_object_get_member (root, "renamed");
  g_autoptr(GList) names = NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return set_deck_error (self, error, RH_DECK_ERROR_WRONG_TYPE,
                           _("“renamed” must be an object of old card ids to new ones, not %s"),
                           json_type_name (node));

  names = json_object_get_members (json_node_get_object (node));
  for (GList *l = names; l != NULL; l = l->next)
    {
      const char *old_uid = l->data;
      JsonNode *value = json_object_get_member (json_node_get_object (node), old_uid);
      const char *new_uid;
      g_autofree char *problem = NULL;

      if (!node_is_string (value))
        return set_deck_error (self, error, RH_DECK_ERROR_WRONG_TYPE,
                               _("“renamed”: “%s” must be renamed to a card id, a string, not %s"),
                               old_uid, json_type_name (value));

      new_uid = json_node_get_string (value);
      if ((problem = rh_card_field_problem (RH_CARD_FIELD_UID, old_uid)) != NULL ||
          (problem = rh_card_field_problem (RH_CARD_FIELD_UID, new_uid)) != NULL)
        return set_deck_error (self, error, RH_DECK_ERROR_INVALID_VALUE,
                               /* Translators: the old id, the new id, then what is wrong with one of them */
                               _("“renamed”: “%s” → “%s”: an id %s"), old_uid, new_uid, problem);

      if (strcmp (old_uid, new_uid) == 0)
        return set_deck_error (self, error, RH_DECK_ERROR_INVALID_VALUE,
                               _("“renamed”: “%s” is renamed to itself"), old_uid);

      if (self->renamed == NULL)
        self->renamed = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (self->renamed, g_strdup (old_uid));
      g_ptr_array_add (self->renamed, g_strdup (new_uid));
    }

  return TRUE;
}

/* A renamed card is not in the deck under its old id, and its new id is:
 * the import moves the card's history there. */
static gboolean
check_renamed (RhDeck  *self,
               GError **error)
{
  for (guint i = 0; self->renamed != NULL && i < self->renamed->len; i += 2)
    {
      const char *old_uid = g_ptr_array_index (self->renamed, i);
      const char *new_uid = g_ptr_array_index (self->renamed, i + 1);

      if (g_hash_table_contains (self->by_uid, old_uid))
        return set_deck_error (self, error, RH_DECK_ERROR_INVALID_VALUE,
                               _("“renamed”: “%s” is renamed to “%s”, but a card of this deck still has the id “%s”"),
                               old_uid, new_uid, old_uid);

      if (!g_hash_table_contains (self->by_uid, new_uid))
        return set_deck_error (self, error, RH_DECK_ERROR_INVALID_VALUE,
                               _("“renamed”: “%s” is renamed to “%s”, which is not a card of this deck"),
                               old_uid, new_uid);
    }

  return TRUE;
}

/* Everything but the cards, which were read as they streamed by. */
static gboolean
read_deck (RhDeck     *self,
           JsonNode   *root_node,
           GError    **error)
{
  g_autofree char *version = NULL;
  JsonObject *root;
  JsonNode *node;

  if (!JSON_NODE_HOLDS_OBJECT (root_node))
    return set_deck_error (self, error, RH_DECK_ERROR_NOT_A_DECK,
                           _("not a Rehearse deck: the document is %s, not an object with “rehearse_deck” and “cards”"),
                           json_type_name (root_node));

  root = json_node_get_object (root_node);
  node = json_object_get_member (root, "rehearse_deck");
  if (node == NULL)
    return set_deck_error (self, error, RH_DECK_ERROR_NOT_A_DECK,
                           _("not a Rehearse deck: it has no “rehearse_deck” format version"));

  if (!node_is_int (node))
    return set_deck_error (self, error, RH_DECK_ERROR_WRONG_TYPE,
                           _("“rehearse_deck” must be a whole number, not %s"),
                           json_type_name (node));

  version = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));

  if (json_node_get_int (node) > RH_DECK_FORMAT_VERSION)
    return set_deck_error (self, error, RH_DECK_ERROR_VERSION,
                           _("deck format version %s is newer than this version of Rehearse understands (%d); update Rehearse to import it"),
                           version, RH_DECK_FORMAT_VERSION);

  if (json_node_get_int (node) != RH_DECK_FORMAT_VERSION)
    return set_deck_error (self, error, RH_DECK_ERROR_VERSION,
                           _("unknown deck format version %s"), version);

  if (!read_deck_string (self, root, "name", &self->name, error) ||
      !read_deck_string (self, root, "language", &self->language, error) ||
      !read_deck_string (self, root, "description", &self->description, error) ||
      !read_renamed (self, root, error))
    return FALSE;

  node = json_object_get_member (root, "cards");
  if (node == NULL)
    return set_deck_error (self, error, RH_DECK_ERROR_MISSING_FIELD,
                           _("the “cards” array is missing"));

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return set_deck_error (self, error, RH_DECK_ERROR_WRONG_TYPE,
                           _("“cards” must be an array, not %s"), json_type_name (node));

  return TRUE;
}

/* Whether brackets outside strings nest deeper than json-glib's recursive
 * parser can take: it would run out of stack. */
static gboolean
nests_too_deep (const char *data,
                gsize       length)
{
  gboolean in_string = FALSE;
  guint depth = 0;

  for (gsize i = 0; i < length; i++)
    {
      if (in_string)
        {
          if (data[i] == '\\')
            i++;
          else if (data[i] == '"')
            in_string = FALSE;
        }
      else if (data[i] == '"')
        in_string = TRUE;
      else if (data[i] == '[' || data[i] == '{')
        {
          if (++depth > 1000)
            return TRUE;
        }
      else if ((data[i] == ']' || data[i] == '}') && depth > 0)
        depth--;
    }

  return FALSE;
}

/* The id of cards[@position] when json-glib can read the file despite the
 * problem the checker found, so a syntax error can name the card too. */
static char *
peek_card_id (const char *data,
              gsize       length,
              guint       position)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *node;
  JsonArray *cards;
  JsonObject *card;

  if (nests_too_deep (data, length) ||
      !json_parser_load_from_data (parser, data, length, NULL) ||
      !(node = json_parser_get_root (parser)) || !JSON_NODE_HOLDS_OBJECT (node) ||
      !(node = json_object_get_member (json_node_get_object (node), "cards")) ||
      !JSON_NODE_HOLDS_ARRAY (node) ||
      position >= json_array_get_length (cards = json_node_get_array (node)) ||
      !JSON_NODE_HOLDS_OBJECT (node = json_array_get_element (cards, position)))
    return NULL;

  card = json_node_get_object (node);
  node = json_object_get_member (card, "id");
  if (node == NULL || !node_is_string (node) || !is_valid_id (json_node_get_string (node)))
    return NULL;

  return g_strdup (json_node_get_string (node));
}

/* Where a syntax error is, in the words schema errors use:
 * “cards[3] (id “x”): “tags” item 1”, or the top-level member. */
static char *
describe_path (const char          *data,
               gsize                length,
               const RhJsonProblem *problem)
{
  const char * const *path = (const char * const *)problem->path;
  g_autoptr(GString) where = NULL;
  g_autofree char *uid = NULL;
  guint position;

  if (path == NULL || path[0] == NULL)
    return NULL;

  if (strcmp (path[0], "cards") != 0 || path[1] == NULL || path[1][0] != '[')
    return g_strdup_printf ("“%s”", path[0]);

  /* The checker knows an id written before the problem; json-glib may
   * find one written after it. */
  position = (guint)g_ascii_strtoull (path[1] + 1, NULL, 10);
  if (g_strcmp0 (path[2], "id") != 0)
    uid = is_valid_id (problem->labels[1]) ? g_strdup (problem->labels[1])
                                           : peek_card_id (data, length, position);

  where = g_string_new (NULL);
  append_card_name (where, position, uid);
  if (path[2] == NULL)
    return g_string_free (g_steal_pointer (&where), FALSE);

  if (path[3] != NULL && path[3][0] == '[')
    /* Translators: a card, one of its fields and the position in that
     * field's list, as in cards[2] (id “x”): “tags” item 1 */
    return g_strdup_printf (_("%s: “%s” item %u"), where->str, path[2],
                            (guint)g_ascii_strtoull (path[3] + 1, NULL, 10));

  /* Translators: a card and one of its fields, as in cards[2] (id “x”): “back” */
  return g_strdup_printf (_("%s: “%s”"), where->str, path[2]);
}

/**
 * rh_deck_new:
 *
 * Returns: (transfer full): an empty deck, to fill for export
 */
RhDeck *
rh_deck_new (void)
{
  RhDeck *self = g_object_new (RH_TYPE_DECK, NULL);

  self->source_name = g_strdup ("deck");

  return self;
}

/**
 * rh_deck_new_from_data:
 * @data: the file's bytes
 * @length: their length
 * @source_name: how errors name the file, e.g. its base name
 *
 * Parses and validates a whole deck. Errors are in %RH_DECK_ERROR and name
 * the file, the line and column of a syntax error, or the card and field
 * of a schema error.
 *
 * Returns: (transfer full) (nullable): the deck
 */
/* What reading the cards as they stream by keeps: the first problem. */
typedef struct
{
  RhDeck *deck;
  GError *error;
} CardStream;

static void
stream_card_cb (JsonNode *element,
                guint     position,
                gpointer  user_data)
{
  CardStream *stream = user_data;

  if (stream->error == NULL)
    read_card (stream->deck, element, position, &stream->error);
}

/* The encoding and the strict syntax check, which a large file runs on a
 * second thread while the stream is read: the stream's result only counts
 * if both pass. */
typedef struct
{
  const char    *data;
  gsize          length;
  const char    *invalid_at;   /* the first byte that is not UTF-8 */
  RhJsonProblem  problem;
  gboolean       ok;
} SyntaxCheck;

static gpointer
check_syntax_thread (gpointer data)
{
  SyntaxCheck *check = data;

  const char *end;

  if (!g_utf8_validate (check->data, check->length, &end))
    {
      check->invalid_at = end;
      return NULL;
    }

  check->ok = rh_json_check (check->data, check->length, "id", &check->problem);

  return NULL;
}

/* Below this a second thread costs more than it saves. */
#define THREADED_CHECK_BYTES (1024 * 1024)

RhDeck *
rh_deck_new_from_data (const char  *data,
                       gsize        length,
                       const char  *source_name,
                       GError     **error)
{
  g_autoptr(RhDeck) self = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GThread) thread = NULL;
  g_auto(RhJsonProblem) problem = { 0 };
  SyntaxCheck check = { data, length, NULL, { 0 }, FALSE };
  CardStream stream = { NULL, NULL };

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (source_name != NULL, NULL);

  self = g_object_new (RH_TYPE_DECK, NULL);
  self->source_name = g_utf8_make_valid (source_name, -1);

  if (is_blank_n (data, length))
    {
      set_deck_error (self, error, RH_DECK_ERROR_EMPTY, _("the file is empty"));
      return NULL;
    }

  if (length >= THREADED_CHECK_BYTES)
    thread = g_thread_try_new ("rh-deck-check", check_syntax_thread, &check, NULL);
  if (thread == NULL)
    check_syntax_thread (&check);

  self->entries = g_array_new (FALSE, FALSE, sizeof (DeckEntry));
  g_array_set_clear_func (self->entries, clear_entry);
  stream.deck = self;
  root = rh_json_stream_parse (data, length, "cards", stream_card_cb, &stream, &local_error);

  if (thread != NULL)
    g_thread_join (g_steal_pointer (&thread));
  problem = check.problem;

  if (check.invalid_at != NULL)
    {
      g_clear_error (&stream.error);
      set_deck_error (self, error, RH_DECK_ERROR_ENCODING,
                      _("the file is not valid UTF-8 text (first bad byte at offset %lu)"),
                      (unsigned long)(check.invalid_at - data));
      return NULL;
    }

  if (!check.ok)
    {
      g_autofree char *where = describe_path (data, length, &problem);

      g_clear_error (&stream.error);
      if (where != NULL)
        set_deck_error (self, error, RH_DECK_ERROR_SYNTAX, _("line %u, column %u: %s: %s"),
                        problem.line, problem.column, where, problem.message);
      else
        set_deck_error (self, error, RH_DECK_ERROR_SYNTAX, _("line %u, column %u: %s"),
                        problem.line, problem.column, problem.message);
      return NULL;
    }

  if (root == NULL)
    {
      /* Not reached for a document the checker accepted. */
      g_clear_error (&stream.error);
      set_deck_error (self, error, RH_DECK_ERROR_SYNTAX, "%s",
                      local_error ? local_error->message : _("the file is empty"));
      return NULL;
    }

  /* The deck's own fields come first, then the first card's problem. */
  if (!read_deck (self, root, error))
    {
      g_clear_error (&stream.error);
      return NULL;
    }

  if (stream.error != NULL)
    {
      g_propagate_error (error, stream.error);
      return NULL;
    }

  if (!check_renamed (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * rh_deck_new_from_file:
 *
 * Returns: (transfer full) (nullable): the deck
 */
RhDeck *
rh_deck_new_from_file (GFile   *file,
                       GError **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GMappedFile) mapped = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *name = NULL;
  gsize length = 0;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  name = g_file_get_parse_name (file);

  /* A local file is mapped rather than copied into a growing buffer: the
   * tree json-glib builds holds its own copy of every string anyway. */
  if (g_file_peek_path (file) != NULL &&
      (mapped = g_mapped_file_new (g_file_peek_path (file), FALSE, NULL)) != NULL)
    return rh_deck_new_from_data (g_mapped_file_get_length (mapped) > 0 ? g_mapped_file_get_contents (mapped) : "",
                                  g_mapped_file_get_length (mapped), name, error);

  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, &local_error))
    {
      g_set_error (error, RH_DECK_ERROR, RH_DECK_ERROR_IO,
                   _("%s: cannot read the file: %s"), name, local_error->message);
      return NULL;
    }

  return rh_deck_new_from_data (contents, length, name, error);
}

const char *
rh_deck_get_source_name (RhDeck *self)
{
  g_return_val_if_fail (RH_IS_DECK (self), NULL);
  return self->source_name;
}

const char *
rh_deck_get_name (RhDeck *self)
{
  g_return_val_if_fail (RH_IS_DECK (self), NULL);
  return self->name;
}

void
rh_deck_set_name (RhDeck     *self,
                  const char *name)
{
  g_return_if_fail (RH_IS_DECK (self));
  replace_string (&self->name, name);
}

const char *
rh_deck_get_language (RhDeck *self)
{
  g_return_val_if_fail (RH_IS_DECK (self), NULL);
  return self->language;
}

void
rh_deck_set_language (RhDeck     *self,
                      const char *language)
{
  g_return_if_fail (RH_IS_DECK (self));
  replace_string (&self->language, language);
}

const char *
rh_deck_get_description (RhDeck *self)
{
  g_return_val_if_fail (RH_IS_DECK (self), NULL);
  return self->description;
}

void
rh_deck_set_description (RhDeck     *self,
                         const char *description)
{
  g_return_if_fail (RH_IS_DECK (self));
  replace_string (&self->description, description);
}

guint
rh_deck_get_n_cards (RhDeck *self)
{
  g_return_val_if_fail (RH_IS_DECK (self), 0);
  return self->cards->len;
}

/**
 * rh_deck_get_card:
 *
 * Returns: (transfer none): the card at @position
 */
RhCard *
rh_deck_get_card (RhDeck *self,
                  guint   position)
{
  g_return_val_if_fail (RH_IS_DECK (self), NULL);
  g_return_val_if_fail (position < self->cards->len, NULL);

  if (g_ptr_array_index (self->cards, position) == NULL)
    {
      g_auto(RhDeckCardFields) fields = { 0 };
      RhCard *card;

      rh_deck_read_card_fields (self, position, &fields);
      card = rh_card_new (fields.uid);
      rh_card_set_topic (card, fields.topic);
      rh_card_set_front (card, fields.front);
      rh_card_set_back (card, fields.back);
      rh_card_set_tags (card, (const char * const *)fields.tags);
      rh_card_set_kind (card, fields.kind);
      rh_card_set_seconds (card, fields.seconds);
      rh_card_set_follow_ups (card, (const char * const *)fields.follow_ups);
      g_ptr_array_index (self->cards, position) = card;
    }

  return g_ptr_array_index (self->cards, position);
}

/**
 * rh_deck_lookup_card:
 * @position: (out) (optional): where the card is
 *
 * Returns: (transfer none) (nullable): the card with @uid
 */
RhCard *
rh_deck_lookup_card (RhDeck     *self,
                     const char *uid,
                     guint      *position)
{
  guint found;

  g_return_val_if_fail (RH_IS_DECK (self), NULL);
  g_return_val_if_fail (uid != NULL, NULL);

  found = GPOINTER_TO_UINT (g_hash_table_lookup (self->by_uid, uid));
  if (found == 0)
    return NULL;

  if (position)
    *position = found - 1;

  return rh_deck_get_card (self, found - 1);
}

gboolean
rh_deck_contains_card (RhDeck     *self,
                       const char *uid)
{
  g_return_val_if_fail (RH_IS_DECK (self), FALSE);

  return g_hash_table_contains (self->by_uid, uid);
}

/* Where the card with @uid is, without making an RhCard. */
gboolean
rh_deck_find_card (RhDeck     *self,
                   const char *uid,
                   guint      *position)
{
  guint found;

  g_return_val_if_fail (RH_IS_DECK (self), FALSE);

  found = GPOINTER_TO_UINT (g_hash_table_lookup (self->by_uid, uid));
  if (found == 0)
    return FALSE;

  *position = found - 1;

  return TRUE;
}

void
rh_deck_card_fields_clear (RhDeckCardFields *fields)
{
  g_clear_pointer (&fields->owned_topic, g_free);
  g_clear_pointer (&fields->owned_tags_joined, g_free);
  fields->tags_joined = NULL;
  g_clear_pointer (&fields->tags, g_strfreev);
  g_clear_pointer (&fields->follow_ups, g_strfreev);
}

/* Only the follow-ups of cards[@position], as rh_deck_read_card_fields()
 * would read them, for checks that need nothing else. */
GStrv
rh_deck_dup_card_follow_ups (RhDeck *self,
                             guint   position)
{
  g_auto(RhDeckCardFields) fields = { 0 };
  RhCard *card;

  g_return_val_if_fail (RH_IS_DECK (self), NULL);
  g_return_val_if_fail (position < self->cards->len, NULL);

  if ((card = g_ptr_array_index (self->cards, position)) != NULL)
    return g_strdupv ((char **)rh_card_get_follow_ups (card));

  unpack_entry (&g_array_index (self->entries, DeckEntry, position), &fields);

  return g_steal_pointer (&fields.follow_ups);
}

/* Fills @fields from the packed card without making an RhCard, or from
 * the card when there is one. The strings are the deck's, valid while it lives. */
void
rh_deck_read_card_fields (RhDeck           *self,
                          guint             position,
                          RhDeckCardFields *fields)
{
  RhCard *card;

  g_return_if_fail (RH_IS_DECK (self));
  g_return_if_fail (position < self->cards->len);

  rh_deck_card_fields_clear (fields);

  if ((card = g_ptr_array_index (self->cards, position)) != NULL)
    {
      *fields = (RhDeckCardFields) {
        .uid = rh_card_get_uid (card),
        .topic = rh_card_get_topic (card),
        .front = rh_card_get_front (card),
        .back = rh_card_get_back (card),
        .tags = g_strdupv ((char **)rh_card_get_tags (card)),
        .kind = rh_card_get_kind (card),
        .seconds = rh_card_get_seconds (card),
        .follow_ups = g_strdupv ((char **)rh_card_get_follow_ups (card)),
        .owned_tags_joined = rh_card_get_tags (card) ? g_strjoinv ("\n", (char **)rh_card_get_tags (card))
                                                     : g_strdup (""),
      };
      fields->tags_joined = fields->owned_tags_joined;
      return;
    }

  unpack_entry (&g_array_index (self->entries, DeckEntry, position), fields);
}

/**
 * rh_deck_get_n_renamed:
 *
 * Returns: how many cards the deck's “renamed” moves to a new id
 */
guint
rh_deck_get_n_renamed (RhDeck *self)
{
  g_return_val_if_fail (RH_IS_DECK (self), 0);

  return self->renamed != NULL ? self->renamed->len / 2 : 0;
}

/**
 * rh_deck_get_renamed:
 * @new_uid: (out): the id the card has in this deck
 *
 * Returns: the id the @index-th renamed card had before
 */
const char *
rh_deck_get_renamed (RhDeck      *self,
                     guint        index,
                     const char **new_uid)
{
  g_return_val_if_fail (RH_IS_DECK (self), NULL);
  g_return_val_if_fail (index < rh_deck_get_n_renamed (self), NULL);
  g_return_val_if_fail (new_uid != NULL, NULL);

  *new_uid = g_ptr_array_index (self->renamed, 2 * index + 1);

  return g_ptr_array_index (self->renamed, 2 * index);
}

void
rh_deck_add_card (RhDeck *self,
                  RhCard *card)
{
  g_return_if_fail (RH_IS_DECK (self));
  g_return_if_fail (RH_IS_CARD (card));
  g_return_if_fail (!g_hash_table_contains (self->by_uid, rh_card_get_uid (card)));

  g_ptr_array_add (self->cards, g_object_ref (card));
  g_hash_table_insert (self->by_uid, (gpointer)rh_card_get_uid (card),
                       GUINT_TO_POINTER (self->cards->len));
}

/**
 * rh_deck_set_card_error:
 * @field: (nullable): the JSON member at fault
 * @problem: what is wrong with it, e.g. "must not be empty"
 *
 * Sets @error to a message naming the file, the card's index and id, and
 * the field, in the form every deck error uses.
 */
void
rh_deck_set_card_error (RhDeck      *self,
                        GError     **error,
                        RhDeckError  code,
                        guint        position,
                        const char  *field,
                        const char  *problem)
{
  g_autoptr(GString) where = g_string_new (NULL);
  const char *uid = NULL;

  g_return_if_fail (RH_IS_DECK (self));

  if (position < self->cards->len && g_ptr_array_index (self->cards, position) != NULL)
    uid = rh_card_get_uid (g_ptr_array_index (self->cards, position));
  else if (self->entries != NULL && position < self->entries->len)
    uid = g_array_index (self->entries, DeckEntry, position).uid;

  append_card_name (where, position, uid);

  if (field != NULL)
    /* Translators: where in the deck, the field name, then what is wrong with it */
    g_set_error (error, RH_DECK_ERROR, code, _("%s: %s: “%s” %s"),
                 self->source_name, where->str, field, problem);
  else
    /* Translators: a file name, where in the deck, then what is wrong there */
    g_set_error (error, RH_DECK_ERROR, code, _("%s: %s: %s"),
                 self->source_name, where->str, problem);
}
