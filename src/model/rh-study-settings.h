/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define RH_TYPE_STUDY_SETTINGS (rh_study_settings_get_type ())

G_DECLARE_FINAL_TYPE (RhStudySettings, rh_study_settings, RH, STUDY_SETTINGS, GObject)

/* The study preferences as the model sees them. The UI binds GSettings keys
 * to these properties; the scheduler only ever reads this object.
 *
 * Properties (all G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY):
 *   "desired-retention"  double, 0.70–0.99, default 0.90
 *   "new-per-day"        uint,   0–9999,    default 20
 *   "reviews-per-day"    uint,   0–99999,   default 200
 *   "learning-steps"     string, default "1m 10m"   (see rh_study_settings_parse_steps)
 *   "relearning-steps"   string, default "10m"
 *   "day-rollover-hour"  uint,   0–23,      default 4
 *   "maximum-interval"   uint,   days, 1–36500, default 36500
 *   "leech-threshold"    uint,   lapses, 0–99, default 8: a card forgotten
 *                        this many times (and every half as many again)
 *                        is suspended and tagged “leech”; 0 never
 * Setting an invalid steps string is refused with a g_warning and keeps the old value.
 */

RhStudySettings *rh_study_settings_new                  (void);
double           rh_study_settings_get_desired_retention (RhStudySettings *self);
void             rh_study_settings_set_desired_retention (RhStudySettings *self,
                                                          double           retention);
guint            rh_study_settings_get_new_per_day       (RhStudySettings *self);
void             rh_study_settings_set_new_per_day       (RhStudySettings *self,
                                                          guint            n);
guint            rh_study_settings_get_reviews_per_day   (RhStudySettings *self);
void             rh_study_settings_set_reviews_per_day   (RhStudySettings *self,
                                                          guint            n);
const char      *rh_study_settings_get_learning_steps    (RhStudySettings *self);
void             rh_study_settings_set_learning_steps    (RhStudySettings *self,
                                                          const char      *steps);
const char      *rh_study_settings_get_relearning_steps  (RhStudySettings *self);
void             rh_study_settings_set_relearning_steps  (RhStudySettings *self,
                                                          const char      *steps);
guint            rh_study_settings_get_day_rollover_hour (RhStudySettings *self);
void             rh_study_settings_set_day_rollover_hour (RhStudySettings *self,
                                                          guint            hour);
guint            rh_study_settings_get_maximum_interval  (RhStudySettings *self);
void             rh_study_settings_set_maximum_interval  (RhStudySettings *self,
                                                          guint            days);
guint            rh_study_settings_get_leech_threshold   (RhStudySettings *self);
void             rh_study_settings_set_leech_threshold   (RhStudySettings *self,
                                                          guint            lapses);

/* Parsed steps in seconds; never empty for learning (at least one step). */
const guint     *rh_study_settings_get_learning_step_seconds   (RhStudySettings *self,
                                                                guint           *n_steps);
const guint     *rh_study_settings_get_relearning_step_seconds (RhStudySettings *self,
                                                                guint           *n_steps);

/* "1m 10m", "30s 5m 1h 1d": whitespace-separated numbers with s/m/h/d;
 * a bare number means minutes. Each step 1 s – 30 d. Returns FALSE with a
 * G_IO_ERROR_INVALID_DATA message a user can act on. */
gboolean         rh_study_settings_parse_steps           (const char  *text,
                                                          GArray     **seconds,
                                                          GError     **error);

G_END_DECLS
