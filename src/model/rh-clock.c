/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rh-clock"

#include "config.h"

#include "rh-clock.h"

/* Everything that depends on the time of day (due dates, study days,
 * interview timers) asks a clock object, so tests can hand in a fake one
 * and move it instead of sleeping. */
struct _RhClock
{
  GObject    parent_instance;

  /* Owned */
  GTimeZone *tz;

  gint64     fake_now_us;
  gint64     fake_monotonic_us;
  guint      fake : 1;
};

G_DEFINE_FINAL_TYPE (RhClock, rh_clock, G_TYPE_OBJECT)

enum { PROP_0, PROP_NOW, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void
rh_clock_finalize (GObject *object)
{
  RhClock *self = (RhClock *)object;

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

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rh_clock_class_init (RhClockClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rh_clock_finalize;
  object_class->get_property = rh_clock_get_property;

  /* Notified only when a fake clock is moved. */
  properties[PROP_NOW] =
    g_param_spec_int64 ("now", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rh_clock_init (RhClock *self)
{
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
  self->fake_now_us = now_us;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOW]);
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

  self->fake_now_us += delta_us;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOW]);
}
