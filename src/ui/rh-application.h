/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "rh-database.h"
#include "rh-study-settings.h"

G_BEGIN_DECLS

#define RH_TYPE_APPLICATION (rh_application_get_type ())

G_DECLARE_FINAL_TYPE (RhApplication, rh_application, RH, APPLICATION, AdwApplication)

RhApplication *rh_application_new          (void);
RhDatabase    *rh_application_get_database (RhApplication *self);
RhStudySettings *rh_application_get_study_settings (RhApplication *self);

G_END_DECLS
