/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rh-clock"

#include "config.h"

#include <gio/gio.h>

#include "rh-clock.h"

/* Everything that depends on the time of day (due dates, study days,
 * interview timers) asks a clock object, so tests can hand in a fake one
 * and move it instead of sleeping.
 *
 * A system clock wakes at every minute boundary and after the machine
 * resumes from suspend (logind's PrepareForSleep), and tells listeners
 * what changed, so views never poll. A fake clock tells them whenever it
 * is moved across a boundary. */
struct _RhClock
{
  GObject          parent_instance;

  /* Owned */
  GTimeZone       *tz;
  GCancellable    *cancellable;
  GDBusConnection *system_bus;

  gint64           fake_now_us;
  gint64           fake_monotonic_us;

  /* What was last announced, to tell what changed since. */
  gint64           last_minute;
  gint64           last_study_day;

  guint            timeout_id;
  guint            sleep_subscription;
  guint            day_rollover_hour;
  guint            fake : 1;
};

G_DEFINE_FINAL_TYPE (RhClock, rh_clock, G_TYPE_OBJECT)

enum { PROP_0, PROP_NOW, PROP_DAY_ROLLOVER_HOUR, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { DAY_CHANGED, MINUTE_CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

#define DEFAULT_ROLLOVER_HOUR 4

static gint64
minute_of (gint64 now_us)
{
  /* Floor division: times before 1970 are minutes too. */
  return now_us >= 0 ? now_us / (60 * G_USEC_PER_SEC) : (now_us + 1) / (60 * G_USEC_PER_SEC) - 1;
}

static gint64
study_day_of (RhClock *self,
              gint64   now_us)
{
  GDate date;

  rh_clock_get_study_date (self, now_us / G_USEC_PER_SEC, self->day_rollover_hour, &date);

  return g_date_valid (&date) ? g_date_get_julian (&date) : 0;
}

/* Emits what changed since the last call: first the study day, then the
 * minute, as listeners of the day also want the fresh minute. */
static void
announce (RhClock *self)
{
  gint64 now = rh_clock_get_now (self);
  gint64 minute = minute_of (now);
  gint64 study_day = study_day_of (self, now);
  gboolean day_changed = study_day != self->last_study_day;
  gboolean minute_changed = minute != self->last_minute;

  self->last_minute = minute;
  self->last_study_day = study_day;

  if (day_changed)
    g_signal_emit (self, signals[DAY_CHANGED], 0);
  if (minute_changed || day_changed)
    g_signal_emit (self, signals[MINUTE_CHANGED], 0);
}

static gboolean timeout_cb (gpointer data);

static void
schedule_timeout (RhClock *self)
{
  gint64 now = g_get_real_time ();
  gint64 into_minute = now - minute_of (now) * 60 * G_USEC_PER_SEC;
  /* A little past the boundary, so the new minute has begun when we look. */
  guint ms = (guint)((60 * G_USEC_PER_SEC - into_minute) / 1000) + 50;

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->timeout_id = g_timeout_add_full (G_PRIORITY_DEFAULT, ms, timeout_cb, self, NULL);
}

static gboolean
timeout_cb (gpointer data)
{
  RhClock *self = data;

  self->timeout_id = 0;
  announce (self);
  schedule_timeout (self);

  return G_SOURCE_REMOVE;
}

/* A monotonic timeout does not count suspended time: after a resume,
 * look at once and aim at the next real minute again. */
static void
prepare_for_sleep_cb (GDBusConnection *connection,
                      const char      *sender_name,
                      const char      *object_path,
                      const char      *interface_name,
                      const char      *signal_name,
                      GVariant        *parameters,
                      gpointer         user_data)
{
  RhClock *self = user_data;
  gboolean going_to_sleep = FALSE;

  if (!g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(b)")))
    return;

  g_variant_get (parameters, "(b)", &going_to_sleep);
  if (going_to_sleep)
    return;

  g_debug ("Resumed from suspend");
  announce (self);
  schedule_timeout (self);
}

static void
system_bus_ready_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  GDBusConnection *bus = g_bus_get_finish (result, &error);
  RhClock *self;

  /* Cancelled when the clock was disposed: @user_data is gone. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (bus == NULL)
    {
      /* No system bus (a container, a test): minutes still come. */
      g_debug ("No system bus, suspend is not followed: %s", error->message);
      return;
    }

  self = user_data;

  self->system_bus = bus;
  self->sleep_subscription =
    g_dbus_connection_signal_subscribe (bus, "org.freedesktop.login1",
                                        "org.freedesktop.login1.Manager", "PrepareForSleep",
                                        "/org/freedesktop/login1", NULL,
                                        G_DBUS_SIGNAL_FLAGS_NONE,
                                        prepare_for_sleep_cb, self, NULL);
}

static void
rh_clock_dispose (GObject *object)
{
  RhClock *self = (RhClock *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (self->sleep_subscription != 0)
    g_dbus_connection_signal_unsubscribe (self->system_bus, self->sleep_subscription);
  self->sleep_subscription = 0;
  g_clear_object (&self->system_bus);

  G_OBJECT_CLASS (rh_clock_parent_class)->dispose (object);
}

static void
rh_clock_finalize (GObject *object)
{
  RhClock *self = (RhClock *)object;

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->tz, g_time_zone_unref);

  G_OBJECT_CLASS (rh_clock_parent_class)->finalize (object);
}

static void
rh_clock_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  RhClock *self = RH_CLOCK (object);

  switch (prop_id)
    {
    case PROP_NOW:
      g_value_set_int64 (value, rh_clock_get_now (self));
      break;

    case PROP_DAY_ROLLOVER_HOUR:
      g_value_set_uint (value, self->day_rollover_hour);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rh_clock_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  RhClock *self = RH_CLOCK (object);

  switch (prop_id)
    {
    case PROP_DAY_ROLLOVER_HOUR:
      rh_clock_set_day_rollover_hour (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rh_clock_class_init (RhClockClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rh_clock_dispose;
  object_class->finalize = rh_clock_finalize;
  object_class->get_property = rh_clock_get_property;
  object_class->set_property = rh_clock_set_property;

  /* Notified only when a fake clock is moved. */
  properties[PROP_NOW] =
    g_param_spec_int64 ("now", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /* The local hour at which ::day-changed fires; the scheduler binds it to
   * the study settings. */
  properties[PROP_DAY_ROLLOVER_HOUR] =
    g_param_spec_uint ("day-rollover-hour", NULL, NULL,
                       0, 23, DEFAULT_ROLLOVER_HOUR,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A new study day began (at the rollover hour, or found after a resume
   * or a move of the clock). */
  signals[DAY_CHANGED] =
    g_signal_new ("day-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* A new minute began; also after ::day-changed. */
  signals[MINUTE_CHANGED] =
    g_signal_new ("minute-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
rh_clock_init (RhClock *self)
{
  self->day_rollover_hour = DEFAULT_ROLLOVER_HOUR;
  self->cancellable = g_cancellable_new ();
}

static void
remember_now (RhClock *self)
{
  gint64 now = rh_clock_get_now (self);

  self->last_minute = minute_of (now);
  self->last_study_day = study_day_of (self, now);
}

/**
 * rh_clock_new:
 *
 * Returns: (transfer full): a clock that follows the system time and zone
 */
RhClock *
rh_clock_new (void)
{
  RhClock *self = g_object_new (RH_TYPE_CLOCK, NULL);

  self->tz = g_time_zone_new_local ();
  remember_now (self);
  schedule_timeout (self);
  /* No reference: dispose cancels the request instead. */
  g_bus_get (G_BUS_TYPE_SYSTEM, self->cancellable, system_bus_ready_cb, self);

  return self;
}

/**
 * rh_clock_new_fake:
 * @now_us: the initial time, in microseconds since the epoch
 * @tz: (nullable): the time zone, UTC when %NULL
 *
 * Returns: (transfer full): a clock that only moves when told to
 */
RhClock *
rh_clock_new_fake (gint64     now_us,
                   GTimeZone *tz)
{
  RhClock *self = g_object_new (RH_TYPE_CLOCK, NULL);

  self->fake = TRUE;
  self->fake_now_us = now_us;
  self->tz = tz ? g_time_zone_ref (tz) : g_time_zone_new_utc ();
  remember_now (self);

  return self;
}

gboolean
rh_clock_is_fake (RhClock *self)
{
  g_return_val_if_fail (RH_IS_CLOCK (self), FALSE);

  return self->fake;
}

/* Microseconds since the epoch. */
gint64
rh_clock_get_now (RhClock *self)
{
  g_return_val_if_fail (RH_IS_CLOCK (self), 0);

  return self->fake ? self->fake_now_us : g_get_real_time ();
}

/* Microseconds from an arbitrary start that never jumps: for measuring
 * how long something took, unmoved when the wall clock is set. */
gint64
rh_clock_get_monotonic (RhClock *self)
{
  g_return_val_if_fail (RH_IS_CLOCK (self), 0);

  return self->fake ? self->fake_monotonic_us : g_get_monotonic_time ();
}

gint64
rh_clock_get_now_seconds (RhClock *self)
{
  return rh_clock_get_now (self) / G_USEC_PER_SEC;
}

GTimeZone *
rh_clock_get_timezone (RhClock *self)
{
  g_return_val_if_fail (RH_IS_CLOCK (self), NULL);

  return self->tz;
}

guint
rh_clock_get_day_rollover_hour (RhClock *self)
{
  g_return_val_if_fail (RH_IS_CLOCK (self), DEFAULT_ROLLOVER_HOUR);

  return self->day_rollover_hour;
}

/* Moving the rollover can start a new study day at once. */
void
rh_clock_set_day_rollover_hour (RhClock *self,
                                guint    hour)
{
  g_return_if_fail (RH_IS_CLOCK (self));
  g_return_if_fail (hour < 24);

  if (self->day_rollover_hour == hour)
    return;

  self->day_rollover_hour = hour;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DAY_ROLLOVER_HOUR]);
  announce (self);
}

/**
 * rh_clock_get_study_date:
 * @at: Unix seconds
 * @rollover_hour: the local hour at which a study day begins
 * @date: (out caller-allocates): the calendar date of the study day
 *
 * The one rule for study days: before the rollover hour, local time still
 * belongs to the previous day.
 */
void
rh_clock_get_study_date (RhClock *self,
                         gint64   at,
                         guint    rollover_hour,
                         GDate   *date)
{
  g_return_if_fail (RH_IS_CLOCK (self));
  g_return_if_fail (date != NULL);

  rh_study_date_in_zone (self->tz, at, rollover_hour, date);
}

/**
 * rh_study_date_in_zone:
 * @tz: the time zone
 *
 * rh_clock_get_study_date() in a time zone given instead of a clock's,
 * for what keeps study days of its own (review_days).
 */
void
rh_study_date_in_zone (GTimeZone *tz,
                       gint64     at,
                       guint      rollover_hour,
                       GDate     *date)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  g_return_if_fail (tz != NULL);
  g_return_if_fail (date != NULL);

  g_date_clear (date, 1);
  if (!(utc = g_date_time_new_from_unix_utc (at)))
    return;

  local = g_date_time_to_timezone (utc, tz);
  g_date_set_dmy (date,
                  g_date_time_get_day_of_month (local),
                  g_date_time_get_month (local),
                  g_date_time_get_year (local));

  if ((guint)g_date_time_get_hour (local) < rollover_hour)
    g_date_subtract_days (date, 1);
}

/**
 * rh_clock_get_study_day_start:
 * @at: Unix seconds
 * @rollover_hour: the local hour at which a study day begins
 * @n_days: how many study days after the one containing @at (negative:
 *   before)
 *
 * The start of a study day, as rh_clock_get_study_date() counts them.
 * GDateTime resolves a rollover hour that a DST change skips to the first
 * valid time after it.
 *
 * Returns: Unix seconds
 */
gint64
rh_clock_get_study_day_start (RhClock *self,
                              gint64   at,
                              guint    rollover_hour,
                              int      n_days)
{
  g_return_val_if_fail (RH_IS_CLOCK (self), 0);

  return rh_study_day_start_in_zone (self->tz, at, rollover_hour, n_days);
}

/**
 * rh_study_day_start_in_zone:
 * @tz: the time zone
 *
 * rh_clock_get_study_day_start() in a time zone given instead of a
 * clock's.
 *
 * Returns: Unix seconds
 */
gint64
rh_study_day_start_in_zone (GTimeZone *tz,
                            gint64     at,
                            guint      rollover_hour,
                            int        n_days)
{
  g_autoptr(GDateTime) start = NULL;
  GDate date;

  g_return_val_if_fail (tz != NULL, 0);

  rh_study_date_in_zone (tz, at, rollover_hour, &date);
  if (!g_date_valid (&date))
    return at;
  if (n_days > 0)
    g_date_add_days (&date, (guint)n_days);
  else if (n_days < 0)
    g_date_subtract_days (&date, (guint)-n_days);

  start = g_date_time_new (tz, g_date_get_year (&date), g_date_get_month (&date),
                           g_date_get_day (&date), rollover_hour, 0, 0);
  g_assert (start != NULL);

  return g_date_time_to_unix (start);
}

/**
 * rh_clock_dup_now_local:
 *
 * Returns: (transfer full): the current time in the clock's time zone
 */
GDateTime *
rh_clock_dup_now_local (RhClock *self)
{
  g_autoptr(GDateTime) seconds = NULL;
  g_autoptr(GDateTime) utc = NULL;
  gint64 now;

  g_return_val_if_fail (RH_IS_CLOCK (self), NULL);

  now = rh_clock_get_now (self);
  seconds = g_date_time_new_from_unix_utc (now / G_USEC_PER_SEC);
  utc = g_date_time_add (seconds, now % G_USEC_PER_SEC);

  return g_date_time_to_timezone (utc, self->tz);
}

static void
move_fake (RhClock *self,
           gint64   now_us)
{
  self->fake_now_us = now_us;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOW]);
  announce (self);
}

void
rh_clock_set_now (RhClock *self,
                  gint64   now_us)
{
  g_return_if_fail (RH_IS_CLOCK (self));
  g_return_if_fail (self->fake);

  if (self->fake_now_us == now_us)
    return;

  /* Setting a fake clock means that much time passed. */
  self->fake_monotonic_us += now_us - self->fake_now_us;
  move_fake (self, now_us);
}

void
rh_clock_advance (RhClock *self,
                  gint64   delta_us)
{
  g_return_if_fail (RH_IS_CLOCK (self));
  g_return_if_fail (self->fake);

  rh_clock_set_now (self, self->fake_now_us + delta_us);
}

/* Sets the wall clock of a fake clock without time passing, as when the
 * user or NTP changes the system time. */
void
rh_clock_step_wall (RhClock *self,
                    gint64   delta_us)
{
  g_return_if_fail (RH_IS_CLOCK (self));
  g_return_if_fail (self->fake);

  if (delta_us == 0)
    return;

  move_fake (self, self->fake_now_us + delta_us);
}
