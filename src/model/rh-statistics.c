/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rh-statistics"

#include "config.h"

#include <string.h>

#include "rh-clock.h"
#include "rh-database-private.h"
#include "rh-statistics.h"

struct _RhStatistics
{
  GObject             parent_instance;

  /* Owned */
  RhDatabase         *database;
  RhStudySettings    *settings;
  char               *topic_path;
  GArray             *days;         /* RhStatisticsDay, today last */
  GArray             *weeks;        /* RhStatisticsWeek, oldest first */
  GArray             *readiness;    /* RhStatisticsTopic */
  GArray             *interviews;   /* RhStatisticsInterview */

  RhStatisticsMemory  memory;
  guint               forecast[RH_STATISTICS_FORECAST_DAYS];
  guint               overdue;
  guint               current_streak;
  guint               longest_streak;

  RhStatisticsPeriod  period;
  RhStatisticsPart    stale;
  /* Cards answered since the last update, and the stale parts that
   * only they changed: memory and forecast move by those answers, and
   * the readiness rows holding them are read again. */
  GHashTable         *answered;
  RhStatisticsPart    partial;
  /* What memory and forecast were read at, and the log row they count up
   * to. */
  gint64              memory_now;
  gint64              memory_log_id;
  gint64              forecast_now;
  gint64              forecast_log_id;
  gint64              forecast_bounds[RH_STATISTICS_FORECAST_DAYS + 1];

  /* Only the last study days' answers changed since the last update. */
  guint               recent_only : 1;
};

G_DEFINE_FINAL_TYPE (RhStatistics, rh_statistics, G_TYPE_OBJECT)

enum { PROP_0, PROP_DATABASE, PROP_SETTINGS, PROP_TOPIC_PATH, PROP_PERIOD, PROP_STALE, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { UPDATED, N_SIGNALS };
static guint signals[N_SIGNALS];

#define PERIOD_MONTH_DAYS 30
#define PERIOD_YEAR_DAYS 365
/* A new answer re-reads these: today, and yesterday for a session that
 * ran past the rollover. */
#define RECENT_DAYS 2

static void
mark_stale (RhStatistics     *self,
            RhStatisticsPart  parts,
            gboolean          recent_only)
{
  gboolean was_recent = self->recent_only;

  /* Recent-only holds while every activity change so far was recent. */
  if (parts & RH_STATISTICS_PART_ACTIVITY)
    self->recent_only = (!(self->stale & RH_STATISTICS_PART_ACTIVITY) || was_recent) && recent_only;
  self->partial &= ~parts;

  if ((self->stale | parts) == self->stale)
    return;

  self->stale |= parts;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STALE]);
}

/* Answers to @cards make @parts stale for those cards only, unless they
 * were stale for everything already. */
static void
mark_answered (RhStatistics     *self,
               RhStatisticsPart  parts,
               GHashTable       *cards)
{
  RhStatisticsPart fresh = parts & ~self->stale;
  GHashTableIter iter;
  gpointer key;

  if (self->partial == 0)
    g_hash_table_remove_all (self->answered);
  self->partial |= fresh;
  if (self->partial != 0)
    {
      g_hash_table_iter_init (&iter, cards);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        g_hash_table_add (self->answered, g_memdup2 (key, sizeof (gint64)));
    }

  if (fresh == 0)
    return;
  self->stale |= fresh;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STALE]);
}

static guint
clock_rollover (RhStatistics *self)
{
  return rh_study_settings_get_day_rollover_hour (self->settings);
}

static gint64
now_seconds (RhStatistics *self)
{
  return rh_clock_get_now_seconds (rh_database_get_clock (self->database));
}

static gint64
day_start (RhStatistics *self,
           gint64        at,
           int           n_days)
{
  return rh_clock_get_study_day_start (rh_database_get_clock (self->database), at,
                                       clock_rollover (self), n_days);
}

static void
count_streaks (RhStatistics *self)
{
  const RhStatisticsDay *days = (const RhStatisticsDay *)(gpointer)self->days->data;
  guint n = self->days->len;
  guint run = 0;
  guint i;

  self->longest_streak = 0;
  for (i = 0; i < n; i++)
    {
      run = rh_statistics_day_get_n_reviews (&days[i]) > 0 ? run + 1 : 0;
      self->longest_streak = MAX (self->longest_streak, run);
    }

  /* A streak lives until a whole day passes without answers: today
   * counts once answered, and does not break it before. */
  self->current_streak = 0;
  i = n;
  if (i > 0 && rh_statistics_day_get_n_reviews (&days[i - 1]) == 0)
    i--;
  while (i > 0 && rh_statistics_day_get_n_reviews (&days[i - 1]) > 0)
    {
      self->current_streak++;
      i--;
    }
}

static void
count_weeks (RhStatistics *self)
{
  const RhStatisticsDay *days = (const RhStatisticsDay *)(gpointer)self->days->data;
  guint n = self->days->len;
  guint n_weeks = (n + 6) / 7;

  g_array_set_size (self->weeks, 0);
  g_array_set_size (self->weeks, n_weeks);
  for (guint i = 0; i < n; i++)
    {
      /* Week 0 holds the oldest days; the newest week ends today. */
      guint back = (n - 1 - i) / 7;
      RhStatisticsWeek *week = &g_array_index (self->weeks, RhStatisticsWeek, n_weeks - 1 - back);

      week->n_reviews += days[i].reviews[2];
      week->n_passed += days[i].passed;
    }
}

static gboolean
read_activity (RhStatistics  *self,
               gint64         now,
               GError       **error)
{
  gint64 today = day_start (self, now, 0);
  gint64 end = day_start (self, now, 1);
  g_autoptr(GError) local_error = NULL;
  guint first;

  if (self->recent_only && self->days->len >= RECENT_DAYS
      && g_array_index (self->days, RhStatisticsDay, self->days->len - 1).start == today)
    {
      first = self->days->len - RECENT_DAYS;
    }
  else
    {
      gint64 start;

      if (self->period == RH_STATISTICS_PERIOD_MONTH)
        start = day_start (self, now, -(PERIOD_MONTH_DAYS - 1));
      else if (self->period == RH_STATISTICS_PERIOD_YEAR)
        start = day_start (self, now, -(PERIOD_YEAR_DAYS - 1));
      else
        {
          gint64 first_review = rh_statistics_store_first_review (self->database, self->topic_path, error);

          if (first_review < 0)
            return FALSE;
          start = first_review > 0 && first_review < today ? day_start (self, first_review, 0) : today;
        }

      /* Study days as the settings cut them now; once per rollover or
       * time zone, a pass over the log. Until it can be written (an
       * import holds the file), the log is read instead. */
      if (!rh_statistics_store_prepare_days (self->database, clock_rollover (self), &local_error))
        g_debug ("Study days not counted yet: %s", local_error->message);

      /* Day by day, since the clock knows how long each one is. */
      g_array_set_size (self->days, 0);
      for (gint64 at = start; at < end; at = day_start (self, at, 1))
        {
          RhStatisticsDay day = { .start = at };

          g_array_append_val (self->days, day);
        }
      first = 0;
    }

  for (guint i = first; i < self->days->len; i++)
    {
      RhStatisticsDay *day = &g_array_index (self->days, RhStatisticsDay, i);
      gint64 start = day->start;

      memset (day, 0, sizeof *day);
      day->start = start;
    }

  if (!rh_statistics_store_add_days (self->database, self->topic_path, clock_rollover (self),
                                     self->days->len - first,
                                     &g_array_index (self->days, RhStatisticsDay, first), end, error))
    return FALSE;

  count_streaks (self);
  count_weeks (self);

  return TRUE;
}

static gboolean
read_forecast (RhStatistics  *self,
               gint64         now,
               GError       **error)
{
  gint64 *bounds = self->forecast_bounds;

  if ((self->partial & RH_STATISTICS_PART_FORECAST)
      && rh_statistics_store_add_answers (self->database, self->topic_path, &self->forecast_log_id,
                                          self->answered, self->forecast_now, 0, NULL, bounds,
                                          RH_STATISTICS_FORECAST_DAYS, &self->overdue, self->forecast, error))
    return TRUE;
  if (error != NULL && *error != NULL)
    return FALSE;

  if ((self->forecast_log_id = rh_statistics_store_last_answer (self->database, error)) < 0)
    return FALSE;
  self->forecast_now = now;
  for (int i = 0; i <= RH_STATISTICS_FORECAST_DAYS; i++)
    bounds[i] = day_start (self, now, i);

  return rh_statistics_store_forecast (self->database, self->topic_path, now, bounds,
                                       RH_STATISTICS_FORECAST_DAYS, &self->overdue, self->forecast, error);
}

static gboolean
read_memory (RhStatistics  *self,
             gint64         now,
             double         retention,
             GError       **error)
{
  if ((self->partial & RH_STATISTICS_PART_MEMORY)
      && rh_statistics_store_add_answers (self->database, self->topic_path, &self->memory_log_id,
                                          self->answered, self->memory_now, retention, &self->memory,
                                          NULL, 0, NULL, NULL, error))
    return TRUE;
  if (error != NULL && *error != NULL)
    return FALSE;

  if ((self->memory_log_id = rh_statistics_store_last_answer (self->database, error)) < 0)
    return FALSE;
  self->memory_now = now;

  return rh_statistics_store_memory (self->database, self->topic_path, now, retention, &self->memory, error);
}

static void
database_changed_cb (RhStatistics     *self,
                     RhDatabaseChange  changes,
                     RhDatabase       *database)
{
  RhStatisticsPart parts = 0;

  if (changes & (RH_DATABASE_CHANGE_CARDS | RH_DATABASE_CHANGE_TOPICS))
    {
      /* Deleted cards take their answers with them. */
      mark_stale (self, RH_STATISTICS_PART_ALL, FALSE);
      return;
    }

  if (changes & RH_DATABASE_CHANGE_REVIEWS)
    {
      GHashTable *cards = rh_database_get_changed_cards (database);

      RhStatisticsPart answered = RH_STATISTICS_PART_FORECAST | RH_STATISTICS_PART_MEMORY;

      parts |= RH_STATISTICS_PART_ACTIVITY;
      /* An answer moves its card's part of the memory and forecast and
       * its topic's readiness, not the others'; interview ratings move
       * every topic's. */
      if (!(changes & RH_DATABASE_CHANGE_INTERVIEWS))
        answered |= RH_STATISTICS_PART_READINESS;
      if (cards != NULL)
        mark_answered (self, answered, cards);
      else
        parts |= answered | RH_STATISTICS_PART_READINESS;
    }
  if (changes & RH_DATABASE_CHANGE_INTERVIEWS)
    parts |= RH_STATISTICS_PART_INTERVIEWS | RH_STATISTICS_PART_READINESS;
  if (changes & RH_DATABASE_CHANGE_DUE)
    parts |= RH_STATISTICS_PART_FORECAST;

  if (parts != 0)
    mark_stale (self, parts, TRUE);
}

static void
day_changed_cb (RhStatistics *self,
                RhClock      *clock)
{
  mark_stale (self, RH_STATISTICS_PART_ALL, FALSE);
}

static void
settings_notify_cb (RhStatistics *self,
                    GParamSpec   *pspec,
                    GObject      *settings)
{
  if (g_strcmp0 (pspec->name, "day-rollover-hour") == 0)
    mark_stale (self, RH_STATISTICS_PART_ALL, FALSE);
  else if (g_strcmp0 (pspec->name, "desired-retention") == 0)
    mark_stale (self, RH_STATISTICS_PART_MEMORY | RH_STATISTICS_PART_READINESS, FALSE);
}

static void
rh_statistics_constructed (GObject *object)
{
  RhStatistics *self = (RhStatistics *)object;

  G_OBJECT_CLASS (rh_statistics_parent_class)->constructed (object);

  g_assert (RH_IS_DATABASE (self->database));
  g_assert (RH_IS_STUDY_SETTINGS (self->settings));

  g_signal_connect_object (self->database, "changed", G_CALLBACK (database_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (rh_database_get_clock (self->database), "day-changed",
                           G_CALLBACK (day_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "notify", G_CALLBACK (settings_notify_cb), self, G_CONNECT_SWAPPED);
}

static void
rh_statistics_finalize (GObject *object)
{
  RhStatistics *self = (RhStatistics *)object;

  g_clear_object (&self->database);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->topic_path, g_free);
  g_clear_pointer (&self->days, g_array_unref);
  g_clear_pointer (&self->weeks, g_array_unref);
  g_clear_pointer (&self->readiness, g_array_unref);
  g_clear_pointer (&self->interviews, g_array_unref);
  g_clear_pointer (&self->answered, g_hash_table_unref);

  G_OBJECT_CLASS (rh_statistics_parent_class)->finalize (object);
}

static void
rh_statistics_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  RhStatistics *self = RH_STATISTICS (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      g_value_set_object (value, self->database);
      break;
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    case PROP_TOPIC_PATH:
      g_value_set_string (value, self->topic_path);
      break;
    case PROP_PERIOD:
      g_value_set_int (value, self->period);
      break;
    case PROP_STALE:
      g_value_set_uint (value, self->stale);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rh_statistics_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  RhStatistics *self = RH_STATISTICS (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      self->database = g_value_dup_object (value);
      break;
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    case PROP_TOPIC_PATH:
      rh_statistics_set_topic_path (self, g_value_get_string (value));
      break;
    case PROP_PERIOD:
      rh_statistics_set_period (self, (RhStatisticsPeriod)g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rh_statistics_class_init (RhStatisticsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = rh_statistics_constructed;
  object_class->finalize = rh_statistics_finalize;
  object_class->get_property = rh_statistics_get_property;
  object_class->set_property = rh_statistics_set_property;

  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL, RH_TYPE_DATABASE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, RH_TYPE_STUDY_SETTINGS,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_TOPIC_PATH] =
    g_param_spec_string ("topic-path", NULL, NULL, "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_PERIOD] =
    g_param_spec_int ("period", NULL, NULL, RH_STATISTICS_PERIOD_MONTH, RH_STATISTICS_PERIOD_ALL,
                      RH_STATISTICS_PERIOD_MONTH,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_STALE] =
    g_param_spec_uint ("stale", NULL, NULL, 0, RH_STATISTICS_PART_ALL, RH_STATISTICS_PART_ALL,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[UPDATED] =
    g_signal_new ("updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
rh_statistics_init (RhStatistics *self)
{
  self->topic_path = g_strdup ("");
  self->days = g_array_new (FALSE, TRUE, sizeof (RhStatisticsDay));
  self->weeks = g_array_new (FALSE, TRUE, sizeof (RhStatisticsWeek));
  self->readiness = g_array_new (FALSE, TRUE, sizeof (RhStatisticsTopic));
  self->interviews = g_array_new (FALSE, TRUE, sizeof (RhStatisticsInterview));
  self->answered = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->stale = RH_STATISTICS_PART_ALL;
}

/**
 * rh_statistics_new:
 *
 * Returns: (transfer full): figures for every card over the last month,
 *   all stale until the first rh_statistics_update()
 */
RhStatistics *
rh_statistics_new (RhDatabase      *database,
                   RhStudySettings *settings)
{
  g_return_val_if_fail (RH_IS_DATABASE (database), NULL);
  g_return_val_if_fail (RH_IS_STUDY_SETTINGS (settings), NULL);

  return g_object_new (RH_TYPE_STATISTICS, "database", database, "settings", settings, NULL);
}

const char *
rh_statistics_get_topic_path (RhStatistics *self)
{
  g_return_val_if_fail (RH_IS_STATISTICS (self), NULL);

  return self->topic_path;
}

void
rh_statistics_set_topic_path (RhStatistics *self,
                              const char   *topic_path)
{
  g_return_if_fail (RH_IS_STATISTICS (self));

  if (topic_path == NULL)
    topic_path = "";
  if (g_strcmp0 (self->topic_path, topic_path) == 0)
    return;

  g_free (self->topic_path);
  self->topic_path = g_strdup (topic_path);
  mark_stale (self, RH_STATISTICS_PART_ALL, FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOPIC_PATH]);
}

RhStatisticsPeriod
rh_statistics_get_period (RhStatistics *self)
{
  g_return_val_if_fail (RH_IS_STATISTICS (self), RH_STATISTICS_PERIOD_MONTH);

  return self->period;
}

void
rh_statistics_set_period (RhStatistics       *self,
                          RhStatisticsPeriod  period)
{
  g_return_if_fail (RH_IS_STATISTICS (self));
  g_return_if_fail (period <= RH_STATISTICS_PERIOD_ALL);

  if (self->period == period)
    return;

  self->period = period;
  /* The forecast and today's memory do not depend on the period. */
  mark_stale (self, RH_STATISTICS_PART_ACTIVITY | RH_STATISTICS_PART_INTERVIEWS, FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PERIOD]);
}

RhStatisticsPart
rh_statistics_get_stale (RhStatistics *self)
{
  g_return_val_if_fail (RH_IS_STATISTICS (self), 0);

  return self->stale;
}

RhStudySettings *
rh_statistics_get_settings (RhStatistics *self)
{
  g_return_val_if_fail (RH_IS_STATISTICS (self), NULL);

  return self->settings;
}

/**
 * rh_statistics_update:
 *
 * Reads the stale parts, one query each, and emits ::updated with them.
 * On error the parts stay stale.
 *
 * Returns: the parts read, 0 when none was stale or on error
 */
RhStatisticsPart
rh_statistics_update (RhStatistics  *self,
                      GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  RhStatisticsPart parts;
  gint64 now;
  double retention;

  g_return_val_if_fail (RH_IS_STATISTICS (self), 0);

  if ((parts = self->stale) == 0)
    return 0;

  now = now_seconds (self);
  retention = rh_study_settings_get_desired_retention (self->settings);

  if ((parts & RH_STATISTICS_PART_ACTIVITY) && !read_activity (self, now, error))
    return 0;
  if ((parts & RH_STATISTICS_PART_FORECAST) && !read_forecast (self, now, error))
    return 0;
  if ((parts & RH_STATISTICS_PART_MEMORY) && !read_memory (self, now, retention, error))
    return 0;
  /* The index of ready cards at this retention; once per retention, a
   * pass over the studied cards. Until it can be written, every card is
   * read instead. */
  if ((parts & RH_STATISTICS_PART_READINESS) &&
      !rh_statistics_store_prepare_readiness (self->database, retention, &local_error))
    {
      g_debug ("Ready cards not indexed yet: %s", local_error->message);
      g_clear_error (&local_error);
    }
  if ((parts & RH_STATISTICS_PART_READINESS) && (self->partial & RH_STATISTICS_PART_READINESS))
    {
      if (!rh_statistics_store_update_readiness (self->database, self->readiness, self->answered,
                                                 now, retention, error))
        return 0;
    }
  else if (parts & RH_STATISTICS_PART_READINESS)
    {
      GArray *readiness = rh_statistics_store_readiness (self->database, self->topic_path, now, retention, error);

      if (readiness == NULL)
        return 0;
      g_array_unref (self->readiness);
      self->readiness = readiness;
    }
  if (parts & RH_STATISTICS_PART_INTERVIEWS)
    {
      gint64 since = G_MININT64;
      GArray *interviews;

      /* From the period's first day, as the activity counts it. */
      if (self->period == RH_STATISTICS_PERIOD_MONTH)
        since = day_start (self, now, -(PERIOD_MONTH_DAYS - 1));
      else if (self->period == RH_STATISTICS_PERIOD_YEAR)
        since = day_start (self, now, -(PERIOD_YEAR_DAYS - 1));

      if (!(interviews = rh_statistics_store_interviews (self->database, self->topic_path, since, error)))
        return 0;
      g_array_unref (self->interviews);
      self->interviews = interviews;
    }

  self->stale = 0;
  self->recent_only = FALSE;
  self->partial = 0;
  g_hash_table_remove_all (self->answered);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STALE]);
  g_signal_emit (self, signals[UPDATED], 0, (guint)parts);

  return parts;
}

/**
 * rh_statistics_get_days:
 * @n_days: (out): how many
 *
 * Returns: (array length=n_days) (transfer none): the period's study days
 */
const RhStatisticsDay *
rh_statistics_get_days (RhStatistics *self,
                        guint        *n_days)
{
  g_return_val_if_fail (RH_IS_STATISTICS (self), NULL);
  g_return_val_if_fail (n_days != NULL, NULL);

  *n_days = self->days->len;

  return (const RhStatisticsDay *)(gpointer)self->days->data;
}

guint
rh_statistics_day_get_n_reviews (const RhStatisticsDay *day)
{
  guint n = 0;

  g_return_val_if_fail (day != NULL, 0);

  for (guint i = 0; i < RH_STATISTICS_N_KINDS; i++)
    n += day->reviews[i];

  return n;
}

/* Days in a row with answers, up to today (or yesterday, while today has
 * none yet), within the period. */
guint
rh_statistics_get_current_streak (RhStatistics *self)
{
  g_return_val_if_fail (RH_IS_STATISTICS (self), 0);

  return self->current_streak;
}

guint
rh_statistics_get_longest_streak (RhStatistics *self)
{
  g_return_val_if_fail (RH_IS_STATISTICS (self), 0);

  return self->longest_streak;
}

const RhStatisticsWeek *
rh_statistics_get_weeks (RhStatistics *self,
                         guint        *n_weeks)
{
  g_return_val_if_fail (RH_IS_STATISTICS (self), NULL);
  g_return_val_if_fail (n_weeks != NULL, NULL);

  *n_weeks = self->weeks->len;

  return (const RhStatisticsWeek *)(gpointer)self->weeks->data;
}

/**
 * rh_statistics_get_forecast:
 * @overdue: (out) (optional): cards due now or before
 *
 * Returns: (array fixed-size=30) (transfer none): cards falling due later
 *   on each study day, today first
 */
const guint *
rh_statistics_get_forecast (RhStatistics *self,
                            guint        *overdue)
{
  g_return_val_if_fail (RH_IS_STATISTICS (self), NULL);

  if (overdue != NULL)
    *overdue = self->overdue;

  return self->forecast;
}

const RhStatisticsMemory *
rh_statistics_get_memory (RhStatistics *self)
{
  g_return_val_if_fail (RH_IS_STATISTICS (self), NULL);

  return &self->memory;
}

/**
 * rh_statistics_get_readiness:
 *
 * Returns: (transfer none) (element-type RhStatisticsTopic): the topics
 */
GArray *
rh_statistics_get_readiness (RhStatistics *self)
{
  g_return_val_if_fail (RH_IS_STATISTICS (self), NULL);

  return self->readiness;
}

/**
 * rh_statistics_get_interviews:
 *
 * Returns: (transfer none) (element-type RhStatisticsInterview): the
 *   finished interviews of the period
 */
GArray *
rh_statistics_get_interviews (RhStatistics *self)
{
  g_return_val_if_fail (RH_IS_STATISTICS (self), NULL);

  return self->interviews;
}
