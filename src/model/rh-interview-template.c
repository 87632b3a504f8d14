/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rh-interview-template"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "rh-interview-template-private.h"

/* RhInterviewTemplate itself: its properties, its kind mix and the JSON
 * snapshot a session keeps. A template only describes an interview;
 * RhInterview picks the cards. The built-ins are defined in
 * rh-interview-template-builtin.c, custom ones are rows of
 * interview_templates (rh-interview-template-store.c). */
struct _RhInterviewTemplate
{
  GObject    parent_instance;

  /* Owned */
  char      *id;
  char      *name;
  char      *description;
  GStrv      topics;
  GPtrArray *parts;          /* RhInterviewPart */

  gint64     row_id;
  guint      n_questions;
  guint      question_seconds;
  guint      total_minutes;
  guint      follow_up_depth;
  guint      counts_toward_schedule : 1;
  guint      auto_advance : 1;
};

G_DEFINE_FINAL_TYPE (RhInterviewTemplate, rh_interview_template, G_TYPE_OBJECT)

G_DEFINE_BOXED_TYPE (RhInterviewPart, rh_interview_part, rh_interview_part_copy, rh_interview_part_free)

enum {
  PROP_0,
  PROP_ID,
  PROP_ROW_ID,
  PROP_BUILTIN,
  PROP_NAME,
  PROP_DESCRIPTION,
  PROP_TOPICS,
  PROP_N_QUESTIONS,
  PROP_QUESTION_SECONDS,
  PROP_TOTAL_MINUTES,
  PROP_FOLLOW_UP_DEPTH,
  PROP_COUNTS_TOWARD_SCHEDULE,
  PROP_AUTO_ADVANCE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define MAX_QUESTIONS        100
#define MIN_QUESTION_SECONDS 10
#define MAX_QUESTION_SECONDS 7200
#define MAX_TOTAL_MINUTES    600
#define MAX_FOLLOW_UP_DEPTH  10

#define CUSTOM_ID_PREFIX "custom-"

#define SNAPSHOT_VERSION 1

static GStrv
dup_topics (const char * const *topics)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; topics && topics[i]; i++)
    if (*topics[i] != '\0')
      g_strv_builder_add (builder, topics[i]);

  return g_strv_builder_end (builder);
}

static void
rh_interview_template_finalize (GObject *object)
{
  RhInterviewTemplate *self = (RhInterviewTemplate *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->topics, g_strfreev);
  g_clear_pointer (&self->parts, g_ptr_array_unref);

  G_OBJECT_CLASS (rh_interview_template_parent_class)->finalize (object);
}

static void
rh_interview_template_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  RhInterviewTemplate *self = RH_INTERVIEW_TEMPLATE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_ROW_ID:
      g_value_set_int64 (value, self->row_id);
      break;

    case PROP_BUILTIN:
      g_value_set_boolean (value, rh_interview_template_get_builtin (self));
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;

    case PROP_TOPICS:
      g_value_set_boxed (value, self->topics);
      break;

    case PROP_N_QUESTIONS:
      g_value_set_uint (value, self->n_questions);
      break;

    case PROP_QUESTION_SECONDS:
      g_value_set_uint (value, self->question_seconds);
      break;

    case PROP_TOTAL_MINUTES:
      g_value_set_uint (value, self->total_minutes);
      break;

    case PROP_FOLLOW_UP_DEPTH:
      g_value_set_uint (value, self->follow_up_depth);
      break;

    case PROP_COUNTS_TOWARD_SCHEDULE:
      g_value_set_boolean (value, self->counts_toward_schedule);
      break;

    case PROP_AUTO_ADVANCE:
      g_value_set_boolean (value, self->auto_advance);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rh_interview_template_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  RhInterviewTemplate *self = RH_INTERVIEW_TEMPLATE (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_dup_string (value);
      break;

    case PROP_NAME:
      rh_interview_template_set_name (self, g_value_get_string (value));
      break;

    case PROP_DESCRIPTION:
      rh_interview_template_set_description (self, g_value_get_string (value));
      break;

    case PROP_TOPICS:
      rh_interview_template_set_topics (self, g_value_get_boxed (value));
      break;

    case PROP_N_QUESTIONS:
      rh_interview_template_set_n_questions (self, g_value_get_uint (value));
      break;

    case PROP_QUESTION_SECONDS:
      rh_interview_template_set_question_seconds (self, g_value_get_uint (value));
      break;

    case PROP_TOTAL_MINUTES:
      rh_interview_template_set_total_minutes (self, g_value_get_uint (value));
      break;

    case PROP_FOLLOW_UP_DEPTH:
      rh_interview_template_set_follow_up_depth (self, g_value_get_uint (value));
      break;

    case PROP_COUNTS_TOWARD_SCHEDULE:
      rh_interview_template_set_counts_toward_schedule (self, g_value_get_boolean (value));
      break;

    case PROP_AUTO_ADVANCE:
      rh_interview_template_set_auto_advance (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rh_interview_template_class_init (RhInterviewTemplateClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rh_interview_template_finalize;
  object_class->get_property = rh_interview_template_get_property;
  object_class->set_property = rh_interview_template_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_ROW_ID] =
    g_param_spec_int64 ("row-id", NULL, NULL, 0, G_MAXINT64, 0,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_BUILTIN] =
    g_param_spec_boolean ("builtin", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_TOPICS] =
    g_param_spec_boxed ("topics", NULL, NULL, G_TYPE_STRV,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_N_QUESTIONS] =
    g_param_spec_uint ("n-questions", NULL, NULL, 1, MAX_QUESTIONS, 8,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_QUESTION_SECONDS] =
    g_param_spec_uint ("question-seconds", NULL, NULL, MIN_QUESTION_SECONDS, MAX_QUESTION_SECONDS, 300,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_TOTAL_MINUTES] =
    g_param_spec_uint ("total-minutes", NULL, NULL, 1, MAX_TOTAL_MINUTES, 45,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_FOLLOW_UP_DEPTH] =
    g_param_spec_uint ("follow-up-depth", NULL, NULL, 0, MAX_FOLLOW_UP_DEPTH, 0,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_COUNTS_TOWARD_SCHEDULE] =
    g_param_spec_boolean ("counts-toward-schedule", NULL, NULL, TRUE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_AUTO_ADVANCE] =
    g_param_spec_boolean ("auto-advance", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rh_interview_template_init (RhInterviewTemplate *self)
{
  self->name = g_strdup ("");
  self->description = g_strdup ("");
  self->topics = g_new0 (char *, 1);
  self->parts = g_ptr_array_new_with_free_func ((GDestroyNotify)rh_interview_part_free);
  self->n_questions = 8;
  self->question_seconds = 300;
  self->total_minutes = 45;
  self->counts_toward_schedule = TRUE;
}

RhInterviewPart *
rh_interview_part_copy (const RhInterviewPart *part)
{
  RhInterviewPart *copy;

  g_return_val_if_fail (part != NULL, NULL);

  copy = g_new0 (RhInterviewPart, 1);
  *copy = *part;
  copy->topics = dup_topics ((const char * const *)part->topics);

  return copy;
}

void
rh_interview_part_free (RhInterviewPart *part)
{
  if (part == NULL)
    return;

  g_strfreev (part->topics);
  g_free (part);
}

/**
 * rh_interview_template_new:
 * @id: a stable id, see the "id" property
 *
 * Returns: (transfer full): a template with the defaults
 */
RhInterviewTemplate *
rh_interview_template_new (const char *id,
                           const char *name)
{
  g_return_val_if_fail (id != NULL && *id != '\0', NULL);

  return g_object_new (RH_TYPE_INTERVIEW_TEMPLATE,
                       "id", id,
                       "name", name ? name : "",
                       NULL);
}

/**
 * rh_interview_template_new_custom:
 *
 * Returns: (transfer full): an unsaved custom template with the defaults:
 *   all topics, 8 questions of 5 minutes, 45 minutes, no follow-ups
 */
RhInterviewTemplate *
rh_interview_template_new_custom (void)
{
  return rh_interview_template_new ("custom", _("Custom Interview"));
}

/**
 * rh_interview_template_copy:
 * @id: (nullable): the copy's id, %NULL to keep @self's
 *
 * Returns: (transfer full): a copy, not bound to a database row
 */
RhInterviewTemplate *
rh_interview_template_copy (RhInterviewTemplate *self,
                            const char          *id)
{
  RhInterviewTemplate *copy;

  g_return_val_if_fail (RH_IS_INTERVIEW_TEMPLATE (self), NULL);

  copy = rh_interview_template_new (id ? id : self->id, self->name);
  rh_interview_template_set_description (copy, self->description);
  rh_interview_template_set_topics (copy, (const char * const *)self->topics);
  copy->n_questions = self->n_questions;
  copy->question_seconds = self->question_seconds;
  copy->total_minutes = self->total_minutes;
  copy->follow_up_depth = self->follow_up_depth;
  copy->counts_toward_schedule = self->counts_toward_schedule;
  copy->auto_advance = self->auto_advance;
  for (guint i = 0; i < self->parts->len; i++)
    g_ptr_array_add (copy->parts, rh_interview_part_copy (g_ptr_array_index (self->parts, i)));

  if (id == NULL)
    copy->row_id = self->row_id;

  return copy;
}

const char *
rh_interview_template_get_id (RhInterviewTemplate *self)
{
  g_return_val_if_fail (RH_IS_INTERVIEW_TEMPLATE (self), NULL);
  return self->id;
}

gint64
rh_interview_template_get_row_id (RhInterviewTemplate *self)
{
  g_return_val_if_fail (RH_IS_INTERVIEW_TEMPLATE (self), 0);
  return self->row_id;
}

gboolean
rh_interview_template_get_builtin (RhInterviewTemplate *self)
{
  g_return_val_if_fail (RH_IS_INTERVIEW_TEMPLATE (self), FALSE);
  return rh_interview_template_is_builtin_id (self->id);
}

const char *
rh_interview_template_get_name (RhInterviewTemplate *self)
{
  g_return_val_if_fail (RH_IS_INTERVIEW_TEMPLATE (self), NULL);
  return self->name;
}

void
rh_interview_template_set_name (RhInterviewTemplate *self,
                                const char          *name)
{
  g_return_if_fail (RH_IS_INTERVIEW_TEMPLATE (self));

  if (name == NULL)
    name = "";

  if (g_strcmp0 (self->name, name) == 0)
    return;

  g_free (self->name);
  self->name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

const char *
rh_interview_template_get_description (RhInterviewTemplate *self)
{
  g_return_val_if_fail (RH_IS_INTERVIEW_TEMPLATE (self), NULL);
  return self->description;
}

void
rh_interview_template_set_description (RhInterviewTemplate *self,
                                       const char          *description)
{
  g_return_if_fail (RH_IS_INTERVIEW_TEMPLATE (self));

  if (description == NULL)
    description = "";

  if (g_strcmp0 (self->description, description) == 0)
    return;

  g_free (self->description);
  self->description = g_strdup (description);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
}

/**
 * rh_interview_template_get_topics:
 *
 * Returns: (transfer none): topic paths, empty for all topics
 */
const char * const *
rh_interview_template_get_topics (RhInterviewTemplate *self)
{
  g_return_val_if_fail (RH_IS_INTERVIEW_TEMPLATE (self), NULL);
  return (const char * const *)self->topics;
}

/* Empty paths are dropped; %NULL means all topics. */
void
rh_interview_template_set_topics (RhInterviewTemplate *self,
                                  const char * const  *topics)
{
  g_auto(GStrv) cleaned = NULL;

  g_return_if_fail (RH_IS_INTERVIEW_TEMPLATE (self));

  cleaned = dup_topics (topics);
  if (g_strv_equal ((const char * const *)cleaned, (const char * const *)self->topics))
    return;

  g_strfreev (self->topics);
  self->topics = g_steal_pointer (&cleaned);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOPICS]);
}

guint
rh_interview_template_get_n_questions (RhInterviewTemplate *self)
{
  g_return_val_if_fail (RH_IS_INTERVIEW_TEMPLATE (self), 0);
  return self->n_questions;
}

void
rh_interview_template_set_n_questions (RhInterviewTemplate *self,
                                       guint                n_questions)
{
  g_return_if_fail (RH_IS_INTERVIEW_TEMPLATE (self));
  g_return_if_fail (self->parts->len == 0);

  n_questions = CLAMP (n_questions, 1, MAX_QUESTIONS);
  if (self->n_questions == n_questions)
    return;

  self->n_questions = n_questions;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_QUESTIONS]);
}

guint
rh_interview_template_get_question_seconds (RhInterviewTemplate *self)
{
  g_return_val_if_fail (RH_IS_INTERVIEW_TEMPLATE (self), 0);
  return self->question_seconds;
}

void
rh_interview_template_set_question_seconds (RhInterviewTemplate *self,
                                            guint                seconds)
{
  g_return_if_fail (RH_IS_INTERVIEW_TEMPLATE (self));

  seconds = CLAMP (seconds, MIN_QUESTION_SECONDS, MAX_QUESTION_SECONDS);
  if (self->question_seconds == seconds)
    return;

  self->question_seconds = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUESTION_SECONDS]);
}

guint
rh_interview_template_get_total_minutes (RhInterviewTemplate *self)
{
  g_return_val_if_fail (RH_IS_INTERVIEW_TEMPLATE (self), 0);
  return self->total_minutes;
}

void
rh_interview_template_set_total_minutes (RhInterviewTemplate *self,
                                         guint                minutes)
{
  g_return_if_fail (RH_IS_INTERVIEW_TEMPLATE (self));

  minutes = CLAMP (minutes, 1, MAX_TOTAL_MINUTES);
  if (self->total_minutes == minutes)
    return;

  self->total_minutes = minutes;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOTAL_MINUTES]);
}

guint
rh_interview_template_get_follow_up_depth (RhInterviewTemplate *self)
{
  g_return_val_if_fail (RH_IS_INTERVIEW_TEMPLATE (self), 0);
  return self->follow_up_depth;
}

void
rh_interview_template_set_follow_up_depth (RhInterviewTemplate *self,
                                           guint                depth)
{
  g_return_if_fail (RH_IS_INTERVIEW_TEMPLATE (self));

  depth = MIN (depth, MAX_FOLLOW_UP_DEPTH);
  if (self->follow_up_depth == depth)
    return;

  self->follow_up_depth = depth;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLLOW_UP_DEPTH]);
}

gboolean
rh_interview_template_get_counts_toward_schedule (RhInterviewTemplate *self)
{
  g_return_val_if_fail (RH_IS_INTERVIEW_TEMPLATE (self), FALSE);
  return self->counts_toward_schedule;
}

void
rh_interview_template_set_counts_toward_schedule (RhInterviewTemplate *self,
                                                  gboolean             counts)
{
  g_return_if_fail (RH_IS_INTERVIEW_TEMPLATE (self));

  counts = !!counts;
  if (self->counts_toward_schedule == counts)
    return;

  self->counts_toward_schedule = counts;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNTS_TOWARD_SCHEDULE]);
}

gboolean
rh_interview_template_get_auto_advance (RhInterviewTemplate *self)
{
  g_return_val_if_fail (RH_IS_INTERVIEW_TEMPLATE (self), FALSE);
  return self->auto_advance;
}

void
rh_interview_template_set_auto_advance (RhInterviewTemplate *self,
                                        gboolean             auto_advance)
{
  g_return_if_fail (RH_IS_INTERVIEW_TEMPLATE (self));

  auto_advance = !!auto_advance;
  if (self->auto_advance == auto_advance)
    return;

  self->auto_advance = auto_advance;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTO_ADVANCE]);
}

/* The planned questions become the sum of the parts. */
void
rh_interview_template_add_part (RhInterviewTemplate   *self,
                                const RhInterviewPart *part)
{
  guint n = 0;

  g_return_if_fail (RH_IS_INTERVIEW_TEMPLATE (self));
  g_return_if_fail (part != NULL);
  g_return_if_fail (part->n_questions > 0);

  g_ptr_array_add (self->parts, rh_interview_part_copy (part));

  for (guint i = 0; i < self->parts->len; i++)
    n += ((RhInterviewPart *)g_ptr_array_index (self->parts, i))->n_questions;
  n = MIN (n, MAX_QUESTIONS);

  if (self->n_questions != n)
    {
      self->n_questions = n;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_QUESTIONS]);
    }
}

guint
rh_interview_template_get_n_parts (RhInterviewTemplate *self)
{
  g_return_val_if_fail (RH_IS_INTERVIEW_TEMPLATE (self), 0);
  return self->parts->len;
}

/**
 * rh_interview_template_get_part:
 *
 * Returns: (transfer none): the part
 */
const RhInterviewPart *
rh_interview_template_get_part (RhInterviewTemplate *self,
                                guint                index)
{
  g_return_val_if_fail (RH_IS_INTERVIEW_TEMPLATE (self), NULL);
  g_return_val_if_fail (index < self->parts->len, NULL);

  return g_ptr_array_index (self->parts, index);
}
static void
add_strv (JsonBuilder        *builder,
          const char         *member,
          const char * const *strv)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (guint i = 0; strv && strv[i]; i++)
    json_builder_add_string_value (builder, strv[i]);
  json_builder_end_array (builder);
}

static void
add_int (JsonBuilder *builder,
         const char  *member,
         gint64       value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_int_value (builder, value);
}

static void
add_bool (JsonBuilder *builder,
          const char  *member,
          gboolean     value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_boolean_value (builder, value);
}

/**
 * rh_interview_template_to_json:
 *
 * Returns: (transfer full): the template as a JSON object
 */
char *
rh_interview_template_to_json (RhInterviewTemplate *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (RH_IS_INTERVIEW_TEMPLATE (self), NULL);

  json_builder_begin_object (builder);
  add_int (builder, "version", SNAPSHOT_VERSION);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, self->id);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, self->name);
  add_strv (builder, "topics", (const char * const *)self->topics);
  add_int (builder, "n_questions", self->n_questions);
  add_int (builder, "question_seconds", self->question_seconds);
  add_int (builder, "total_minutes", self->total_minutes);
  add_int (builder, "follow_up_depth", self->follow_up_depth);
  add_bool (builder, "counts_toward_schedule", self->counts_toward_schedule);
  add_bool (builder, "auto_advance", self->auto_advance);

  json_builder_set_member_name (builder, "parts");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->parts->len; i++)
    {
      const RhInterviewPart *part = g_ptr_array_index (self->parts, i);

      json_builder_begin_object (builder);
      add_strv (builder, "topics", (const char * const *)part->topics);
      add_int (builder, "kinds", part->kinds);
      add_int (builder, "n_questions", part->n_questions);
      add_int (builder, "seconds", part->seconds);
      add_bool (builder, "needs_follow_ups", part->needs_follow_ups);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);

  return json_generator_to_data (generator, NULL);
}

static GStrv
read_strv (JsonObject *object,
           const char *member)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonNode *node = json_object_get_member (object, member);

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING)
            g_strv_builder_add (builder, json_node_get_string (element));
        }
    }

  return g_strv_builder_end (builder);
}

static guint
read_uint (JsonObject *object,
           const char *member,
           guint       min,
           guint       max,
           guint       fallback)
{
  gint64 value = json_object_get_int_member_with_default (object, member, fallback);

  return (guint)CLAMP (value, (gint64)min, (gint64)max);
}

/**
 * rh_interview_template_new_from_json:
 *
 * A built-in's name and description come from this version, translated;
 * everything else from @json, so a session is reported as it was asked.
 *
 * Returns: (transfer full) (nullable): the template
 */
RhInterviewTemplate *
rh_interview_template_new_from_json (const char  *json,
                                     GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(RhInterviewTemplate) self = NULL;
  g_auto(GStrv) topics = NULL;
  JsonObject *object;
  JsonNode *root, *parts;
  const char *id;

  g_return_val_if_fail (json != NULL, NULL);

  if (!json_parser_load_from_data (parser, json, -1, NULL) ||
      !(root = json_parser_get_root (parser)) || !JSON_NODE_HOLDS_OBJECT (root))
    goto corrupt;

  object = json_node_get_object (root);
  id = json_object_get_string_member_with_default (object, "id", NULL);
  if (id == NULL || *id == '\0')
    goto corrupt;

  self = rh_interview_template_new (id, json_object_get_string_member_with_default (object, "name", ""));
  self->row_id = rh_interview_template_parse_custom_id (id);
  topics = read_strv (object, "topics");
  rh_interview_template_set_topics (self, (const char * const *)topics);
  self->n_questions = read_uint (object, "n_questions", 1, MAX_QUESTIONS, 8);
  self->question_seconds = read_uint (object, "question_seconds", MIN_QUESTION_SECONDS, MAX_QUESTION_SECONDS, 300);
  self->total_minutes = read_uint (object, "total_minutes", 1, MAX_TOTAL_MINUTES, 45);
  self->follow_up_depth = read_uint (object, "follow_up_depth", 0, MAX_FOLLOW_UP_DEPTH, 0);
  self->counts_toward_schedule = json_object_get_boolean_member_with_default (object, "counts_toward_schedule", TRUE);
  self->auto_advance = json_object_get_boolean_member_with_default (object, "auto_advance", FALSE);

  parts = json_object_get_member (object, "parts");
  if (parts != NULL && JSON_NODE_HOLDS_ARRAY (parts))
    {
      JsonArray *array = json_node_get_array (parts);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          JsonObject *part_object;
          g_auto(GStrv) part_topics = NULL;
          RhInterviewPart part;

          if (!JSON_NODE_HOLDS_OBJECT (element))
            goto corrupt;

          part_object = json_node_get_object (element);
          part_topics = read_strv (part_object, "topics");
          part.topics = part_topics;
          part.kinds = read_uint (part_object, "kinds", 0, G_MAXUINT, 0);
          part.n_questions = read_uint (part_object, "n_questions", 1, MAX_QUESTIONS, 1);
          part.seconds = read_uint (part_object, "seconds", 0, MAX_QUESTION_SECONDS, 0);
          part.needs_follow_ups = json_object_get_boolean_member_with_default (part_object, "needs_follow_ups", FALSE);
          rh_interview_template_add_part (self, &part);
        }
    }

  if (rh_interview_template_is_builtin_id (id))
    rh_interview_template_set_builtin_text (self);

  return g_steal_pointer (&self);

corrupt:
  g_set_error (error, RH_DATABASE_ERROR, RH_DATABASE_ERROR_CORRUPT,
               _("An interview’s saved settings are damaged"));
  return NULL;
}

/* The row id in a "custom-<row id>" id, 0 for any other id. */
gint64
rh_interview_template_parse_custom_id (const char *id)
{
  guint64 row_id = 0;

  if (id == NULL || !g_str_has_prefix (id, CUSTOM_ID_PREFIX) ||
      !g_ascii_string_to_unsigned (id + strlen (CUSTOM_ID_PREFIX), 10, 1, G_MAXINT64, &row_id, NULL))
    return 0;

  return (gint64)row_id;
}

/* A saved template is bound to its row and named after it from now on;
 * the id is construct-only for everyone else. */
void
rh_interview_template_bind_row (RhInterviewTemplate *self,
                                gint64               row_id)
{
  g_return_if_fail (RH_IS_INTERVIEW_TEMPLATE (self));
  g_return_if_fail (row_id > 0);

  if (self->row_id == row_id)
    return;

  self->row_id = row_id;
  g_free (self->id);
  self->id = g_strdup_printf (CUSTOM_ID_PREFIX "%" G_GINT64_FORMAT, row_id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROW_ID]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}
