/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define RH_TYPE_CLOCK (rh_clock_get_type ())

G_DECLARE_FINAL_TYPE (RhClock, rh_clock, RH, CLOCK, GObject)

/* Signals: ::day-changed when a study day begins (local time passes
 * "day-rollover-hour"), then ::minute-changed at every new minute. A system
 * clock emits them at the boundaries and after a resume from suspend; a
 * fake clock when it is moved across one. */

RhClock   *rh_clock_new           (void);
RhClock   *rh_clock_new_fake      (gint64   now_us,
                                   GTimeZone *tz);
gboolean   rh_clock_is_fake       (RhClock *self);
gint64     rh_clock_get_now       (RhClock *self);
gint64     rh_clock_get_now_seconds (RhClock *self);
gint64     rh_clock_get_monotonic (RhClock *self);
GTimeZone *rh_clock_get_timezone  (RhClock *self);
GDateTime *rh_clock_dup_now_local (RhClock *self);
void       rh_clock_get_study_date (RhClock *self,
                                    gint64   at,
                                    guint    rollover_hour,
                                    GDate   *date);
gint64     rh_clock_get_study_day_start (RhClock *self,
                                         gint64   at,
                                         guint    rollover_hour,
                                         int      n_days);
void       rh_study_date_in_zone  (GTimeZone *tz,
                                   gint64     at,
                                   guint      rollover_hour,
                                   GDate     *date);
gint64     rh_study_day_start_in_zone (GTimeZone *tz,
                                       gint64     at,
                                       guint      rollover_hour,
                                       int        n_days);
guint      rh_clock_get_day_rollover_hour (RhClock *self);
void       rh_clock_set_day_rollover_hour (RhClock *self,
                                           guint    hour);
void       rh_clock_set_now       (RhClock *self,
                                   gint64   now_us);
void       rh_clock_advance       (RhClock *self,
                                   gint64   delta_us);
void       rh_clock_step_wall     (RhClock *self,
                                   gint64   delta_us);

G_END_DECLS
