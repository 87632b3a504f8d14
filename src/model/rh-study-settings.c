/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rh-study-settings"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <math.h>

#include "rh-study-settings.h"

/* The study preferences, kept apart from GSettings so that the model and
 * its tests need no schema: the application binds the keys to these
 * properties. Steps are parsed once, when set, so the scheduler reads
 * plain arrays. */
struct _RhStudySettings
{
  GObject  parent_instance;

  /* Owned */
  char    *learning_steps;
  char    *relearning_steps;
  GArray  *learning_seconds;     /* guint, never empty */
  GArray  *relearning_seconds;   /* guint, may be empty */

  double   desired_retention;
  guint    new_per_day;
  guint    reviews_per_day;
  guint    day_rollover_hour;
  guint    maximum_interval;
  guint    leech_threshold;
};

G_DEFINE_FINAL_TYPE (RhStudySettings, rh_study_settings, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DESIRED_RETENTION,
  PROP_NEW_PER_DAY,
  PROP_REVIEWS_PER_DAY,
  PROP_LEARNING_STEPS,
  PROP_RELEARNING_STEPS,
  PROP_DAY_ROLLOVER_HOUR,
  PROP_MAXIMUM_INTERVAL,
  PROP_LEECH_THRESHOLD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define MIN_RETENTION 0.70
#define MAX_RETENTION 0.99
#define DEFAULT_RETENTION 0.90
#define MAX_NEW_PER_DAY 9999
#define DEFAULT_NEW_PER_DAY 20
#define MAX_REVIEWS_PER_DAY 99999
#define DEFAULT_REVIEWS_PER_DAY 200
#define DEFAULT_LEARNING_STEPS "1m 10m"
#define DEFAULT_RELEARNING_STEPS "10m"
#define MAX_ROLLOVER_HOUR 23
#define DEFAULT_ROLLOVER_HOUR 4
#define MAX_LEECH_THRESHOLD 99
#define DEFAULT_LEECH_THRESHOLD 8
#define MIN_MAXIMUM_INTERVAL 1
#define MAX_MAXIMUM_INTERVAL 36500

#define MAX_STEP_SECONDS (30 * 24 * 60 * 60)

static gboolean
text_is_blank (const char *text)
{
  for (; text && *text; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;

  return TRUE;
}

/* Relearning steps may be empty: a forgotten card then goes straight back
 * to review with a one-day interval. */
static gboolean
set_steps (RhStudySettings  *self,
           char            **text_field,
           GArray          **seconds_field,
           const char       *text,
           gboolean          allow_empty,
           guint             prop_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) seconds = NULL;

  if (g_strcmp0 (*text_field, text) == 0)
    return FALSE;

  if (allow_empty && text_is_blank (text))
    seconds = g_array_new (FALSE, FALSE, sizeof (guint));
  else if (!rh_study_settings_parse_steps (text, &seconds, &error))
    {
      g_warning ("Ignoring %s “%s”: %s", properties[prop_id]->name, text ? text : "", error->message);
      return FALSE;
    }

  g_free (*text_field);
  *text_field = g_strdup (text ? text : "");
  g_clear_pointer (seconds_field, g_array_unref);
  *seconds_field = g_steal_pointer (&seconds);

  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);

  return TRUE;
}

static void
rh_study_settings_finalize (GObject *object)
{
  RhStudySettings *self = (RhStudySettings *)object;

  g_clear_pointer (&self->learning_steps, g_free);
  g_clear_pointer (&self->relearning_steps, g_free);
  g_clear_pointer (&self->learning_seconds, g_array_unref);
  g_clear_pointer (&self->relearning_seconds, g_array_unref);

  G_OBJECT_CLASS (rh_study_settings_parent_class)->finalize (object);
}

static void
rh_study_settings_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  RhStudySettings *self = RH_STUDY_SETTINGS (object);

  switch (prop_id)
    {
    case PROP_DESIRED_RETENTION:
      g_value_set_double (value, self->desired_retention);
      break;

    case PROP_NEW_PER_DAY:
      g_value_set_uint (value, self->new_per_day);
      break;

    case PROP_REVIEWS_PER_DAY:
      g_value_set_uint (value, self->reviews_per_day);
      break;

    case PROP_LEARNING_STEPS:
      g_value_set_string (value, self->learning_steps);
      break;

    case PROP_RELEARNING_STEPS:
      g_value_set_string (value, self->relearning_steps);
      break;

    case PROP_DAY_ROLLOVER_HOUR:
      g_value_set_uint (value, self->day_rollover_hour);
      break;

    case PROP_MAXIMUM_INTERVAL:
      g_value_set_uint (value, self->maximum_interval);
      break;

    case PROP_LEECH_THRESHOLD:
      g_value_set_uint (value, self->leech_threshold);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rh_study_settings_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  RhStudySettings *self = RH_STUDY_SETTINGS (object);

  switch (prop_id)
    {
    case PROP_DESIRED_RETENTION:
      rh_study_settings_set_desired_retention (self, g_value_get_double (value));
      break;

    case PROP_NEW_PER_DAY:
      rh_study_settings_set_new_per_day (self, g_value_get_uint (value));
      break;

    case PROP_REVIEWS_PER_DAY:
      rh_study_settings_set_reviews_per_day (self, g_value_get_uint (value));
      break;

    case PROP_LEARNING_STEPS:
      rh_study_settings_set_learning_steps (self, g_value_get_string (value));
      break;

    case PROP_RELEARNING_STEPS:
      rh_study_settings_set_relearning_steps (self, g_value_get_string (value));
      break;

    case PROP_DAY_ROLLOVER_HOUR:
      rh_study_settings_set_day_rollover_hour (self, g_value_get_uint (value));
      break;

    case PROP_MAXIMUM_INTERVAL:
      rh_study_settings_set_maximum_interval (self, g_value_get_uint (value));
      break;

    case PROP_LEECH_THRESHOLD:
      rh_study_settings_set_leech_threshold (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rh_study_settings_class_init (RhStudySettingsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rh_study_settings_finalize;
  object_class->get_property = rh_study_settings_get_property;
  object_class->set_property = rh_study_settings_set_property;

  properties[PROP_DESIRED_RETENTION] =
    g_param_spec_double ("desired-retention", NULL, NULL,
                         MIN_RETENTION, MAX_RETENTION, DEFAULT_RETENTION,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_NEW_PER_DAY] =
    g_param_spec_uint ("new-per-day", NULL, NULL,
                       0, MAX_NEW_PER_DAY, DEFAULT_NEW_PER_DAY,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_REVIEWS_PER_DAY] =
    g_param_spec_uint ("reviews-per-day", NULL, NULL,
                       0, MAX_REVIEWS_PER_DAY, DEFAULT_REVIEWS_PER_DAY,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_LEARNING_STEPS] =
    g_param_spec_string ("learning-steps", NULL, NULL, DEFAULT_LEARNING_STEPS,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_RELEARNING_STEPS] =
    g_param_spec_string ("relearning-steps", NULL, NULL, DEFAULT_RELEARNING_STEPS,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_DAY_ROLLOVER_HOUR] =
    g_param_spec_uint ("day-rollover-hour", NULL, NULL,
                       0, MAX_ROLLOVER_HOUR, DEFAULT_ROLLOVER_HOUR,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_MAXIMUM_INTERVAL] =
    g_param_spec_uint ("maximum-interval", NULL, NULL,
                       MIN_MAXIMUM_INTERVAL, MAX_MAXIMUM_INTERVAL, MAX_MAXIMUM_INTERVAL,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_LEECH_THRESHOLD] =
    g_param_spec_uint ("leech-threshold", NULL, NULL,
                       0, MAX_LEECH_THRESHOLD, DEFAULT_LEECH_THRESHOLD,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rh_study_settings_init (RhStudySettings *self)
{
  g_autoptr(GError) error = NULL;

  self->desired_retention = DEFAULT_RETENTION;
  self->new_per_day = DEFAULT_NEW_PER_DAY;
  self->reviews_per_day = DEFAULT_REVIEWS_PER_DAY;
  self->day_rollover_hour = DEFAULT_ROLLOVER_HOUR;
  self->maximum_interval = MAX_MAXIMUM_INTERVAL;
  self->leech_threshold = DEFAULT_LEECH_THRESHOLD;

  self->learning_steps = g_strdup (DEFAULT_LEARNING_STEPS);
  self->relearning_steps = g_strdup (DEFAULT_RELEARNING_STEPS);
  rh_study_settings_parse_steps (DEFAULT_LEARNING_STEPS, &self->learning_seconds, &error);
  g_assert_no_error (error);
  rh_study_settings_parse_steps (DEFAULT_RELEARNING_STEPS, &self->relearning_seconds, &error);
  g_assert_no_error (error);
}

/**
 * rh_study_settings_new:
 *
 * Returns: (transfer full): settings with the defaults
 */
RhStudySettings *
rh_study_settings_new (void)
{
  return g_object_new (RH_TYPE_STUDY_SETTINGS, NULL);
}

double
rh_study_settings_get_desired_retention (RhStudySettings *self)
{
  g_return_val_if_fail (RH_IS_STUDY_SETTINGS (self), DEFAULT_RETENTION);
  return self->desired_retention;
}

/* Clamped to 0.70–0.99; NaN is ignored. */
void
rh_study_settings_set_desired_retention (RhStudySettings *self,
                                         double           retention)
{
  g_return_if_fail (RH_IS_STUDY_SETTINGS (self));

  if (isnan (retention))
    return;

  retention = CLAMP (retention, MIN_RETENTION, MAX_RETENTION);
  if (self->desired_retention == retention)
    return;

  self->desired_retention = retention;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESIRED_RETENTION]);
}

guint
rh_study_settings_get_new_per_day (RhStudySettings *self)
{
  g_return_val_if_fail (RH_IS_STUDY_SETTINGS (self), DEFAULT_NEW_PER_DAY);
  return self->new_per_day;
}

void
rh_study_settings_set_new_per_day (RhStudySettings *self,
                                   guint            n)
{
  g_return_if_fail (RH_IS_STUDY_SETTINGS (self));

  n = MIN (n, MAX_NEW_PER_DAY);
  if (self->new_per_day == n)
    return;

  self->new_per_day = n;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NEW_PER_DAY]);
}

guint
rh_study_settings_get_reviews_per_day (RhStudySettings *self)
{
  g_return_val_if_fail (RH_IS_STUDY_SETTINGS (self), DEFAULT_REVIEWS_PER_DAY);
  return self->reviews_per_day;
}

void
rh_study_settings_set_reviews_per_day (RhStudySettings *self,
                                       guint            n)
{
  g_return_if_fail (RH_IS_STUDY_SETTINGS (self));

  n = MIN (n, MAX_REVIEWS_PER_DAY);
  if (self->reviews_per_day == n)
    return;

  self->reviews_per_day = n;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVIEWS_PER_DAY]);
}

const char *
rh_study_settings_get_learning_steps (RhStudySettings *self)
{
  g_return_val_if_fail (RH_IS_STUDY_SETTINGS (self), NULL);
  return self->learning_steps;
}

/* An invalid or empty string is refused with a warning. */
void
rh_study_settings_set_learning_steps (RhStudySettings *self,
                                      const char      *steps)
{
  g_return_if_fail (RH_IS_STUDY_SETTINGS (self));

  set_steps (self, &self->learning_steps, &self->learning_seconds, steps,
             FALSE, PROP_LEARNING_STEPS);
}

const char *
rh_study_settings_get_relearning_steps (RhStudySettings *self)
{
  g_return_val_if_fail (RH_IS_STUDY_SETTINGS (self), NULL);
  return self->relearning_steps;
}

/* An empty string means no relearning steps; an invalid one is refused
 * with a warning. */
void
rh_study_settings_set_relearning_steps (RhStudySettings *self,
                                        const char      *steps)
{
  g_return_if_fail (RH_IS_STUDY_SETTINGS (self));

  set_steps (self, &self->relearning_steps, &self->relearning_seconds, steps,
             TRUE, PROP_RELEARNING_STEPS);
}

guint
rh_study_settings_get_day_rollover_hour (RhStudySettings *self)
{
  g_return_val_if_fail (RH_IS_STUDY_SETTINGS (self), DEFAULT_ROLLOVER_HOUR);
  return self->day_rollover_hour;
}

void
rh_study_settings_set_day_rollover_hour (RhStudySettings *self,
                                         guint            hour)
{
  g_return_if_fail (RH_IS_STUDY_SETTINGS (self));

  hour = MIN (hour, MAX_ROLLOVER_HOUR);
  if (self->day_rollover_hour == hour)
    return;

  self->day_rollover_hour = hour;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DAY_ROLLOVER_HOUR]);
}

guint
rh_study_settings_get_maximum_interval (RhStudySettings *self)
{
  g_return_val_if_fail (RH_IS_STUDY_SETTINGS (self), MAX_MAXIMUM_INTERVAL);
  return self->maximum_interval;
}

void
rh_study_settings_set_maximum_interval (RhStudySettings *self,
                                        guint            days)
{
  g_return_if_fail (RH_IS_STUDY_SETTINGS (self));

  days = CLAMP (days, MIN_MAXIMUM_INTERVAL, MAX_MAXIMUM_INTERVAL);
  if (self->maximum_interval == days)
    return;

  self->maximum_interval = days;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAXIMUM_INTERVAL]);
}

/**
 * rh_study_settings_get_learning_step_seconds:
 * @n_steps: (out): the number of steps, at least 1
 *
 * Returns: (transfer none) (array length=n_steps): the learning steps
 */
const guint *
rh_study_settings_get_learning_step_seconds (RhStudySettings *self,
                                             guint           *n_steps)
{
  g_return_val_if_fail (RH_IS_STUDY_SETTINGS (self), NULL);
  g_return_val_if_fail (n_steps != NULL, NULL);

  *n_steps = self->learning_seconds->len;
  return (const guint *)(gpointer)self->learning_seconds->data;
}

/**
 * rh_study_settings_get_relearning_step_seconds:
 * @n_steps: (out): the number of steps, possibly 0
 *
 * Returns: (transfer none) (array length=n_steps): the relearning steps
 */
const guint *
rh_study_settings_get_relearning_step_seconds (RhStudySettings *self,
                                               guint           *n_steps)
{
  g_return_val_if_fail (RH_IS_STUDY_SETTINGS (self), NULL);
  g_return_val_if_fail (n_steps != NULL, NULL);

  *n_steps = self->relearning_seconds->len;
  return (const guint *)(gpointer)self->relearning_seconds->data;
}

/**
 * rh_study_settings_parse_steps:
 * @text: steps such as "1m 10m" or "30s 5m 1h 1d"
 * @seconds: (out) (transfer full) (element-type guint): the steps in seconds
 *
 * Returns: %TRUE if @text is a valid, non-empty list of steps
 */
gboolean
rh_study_settings_parse_steps (const char  *text,
                               GArray     **seconds,
                               GError     **error)
{
  g_autoptr(GArray) steps = g_array_new (FALSE, FALSE, sizeof (guint));
  g_auto(GStrv) tokens = NULL;

  g_return_val_if_fail (seconds != NULL, FALSE);

  tokens = g_strsplit_set (text ? text : "", " \t\n\r", -1);
  for (guint i = 0; tokens[i]; i++)
    {
      const char *token = tokens[i];
      const char *unit;
      guint64 value = 0, multiplier;
      guint step;

      if (*token == '\0')
        continue;

      for (unit = token; g_ascii_isdigit (*unit); unit++)
        {
          value = value * 10 + (guint64)(*unit - '0');
          /* Anything this large is too long whatever its unit. */
          value = MIN (value, G_GUINT64_CONSTANT (1) << 40);
        }

      if (unit == token)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       /* Translators: %s is what the user typed, e.g. “m10” */
                       _("“%s” is not a step: write a number followed by s, m, h or d, such as “10m”"),
                       token);
          return FALSE;
        }

      if (unit[0] == '\0' || g_strcmp0 (unit, "m") == 0)
        multiplier = 60;
      else if (g_strcmp0 (unit, "s") == 0)
        multiplier = 1;
      else if (g_strcmp0 (unit, "h") == 0)
        multiplier = 60 * 60;
      else if (g_strcmp0 (unit, "d") == 0)
        multiplier = 24 * 60 * 60;
      else
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       /* Translators: %s is what the user typed, e.g. “10x” */
                       _("“%s” has an unknown unit: use s (seconds), m (minutes), h (hours) or d (days)"),
                       token);
          return FALSE;
        }

      if (value == 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("“%s” is zero: each step must be at least one second"),
                       token);
          return FALSE;
        }

      if (value * multiplier > MAX_STEP_SECONDS)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("“%s” is too long: each step can be at most 30 days"),
                       token);
          return FALSE;
        }

      step = (guint)(value * multiplier);
      g_array_append_val (steps, step);
    }

  if (steps->len == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("Enter at least one step, such as “1m 10m”"));
      return FALSE;
    }

  *seconds = g_steal_pointer (&steps);

  return TRUE;
}

guint
rh_study_settings_get_leech_threshold (RhStudySettings *self)
{
  g_return_val_if_fail (RH_IS_STUDY_SETTINGS (self), DEFAULT_LEECH_THRESHOLD);
  return self->leech_threshold;
}

/* 0 turns leeches off; above 99 is clamped. */
void
rh_study_settings_set_leech_threshold (RhStudySettings *self,
                                       guint            lapses)
{
  g_return_if_fail (RH_IS_STUDY_SETTINGS (self));

  lapses = MIN (lapses, MAX_LEECH_THRESHOLD);
  if (self->leech_threshold == lapses)
    return;

  self->leech_threshold = lapses;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LEECH_THRESHOLD]);
}
