/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "rh-application.h"
#include "rh-database.h"
#include "rh-topic.h"

G_BEGIN_DECLS

#define RH_TYPE_WINDOW (rh_window_get_type ())

G_DECLARE_FINAL_TYPE (RhWindow, rh_window, RH, WINDOW, AdwApplicationWindow)

RhWindow   *rh_window_new               (RhApplication *application,
                                         RhDatabase    *database);
RhDatabase *rh_window_get_database      (RhWindow      *self);
RhTopic    *rh_window_get_selected_topic (RhWindow     *self);
gboolean    rh_window_select_topic      (RhWindow      *self,
                                         const char    *path);
gboolean    rh_window_import_file       (RhWindow      *self,
                                         GFile         *file);
gboolean    rh_window_get_importing     (RhWindow      *self);
gboolean    rh_window_export_file       (RhWindow      *self,
                                         GFile         *file);
GtkWidget  *rh_window_get_study_page    (RhWindow      *self);
void        rh_window_focus_content     (RhWindow      *self);
void        rh_window_set_page          (RhWindow      *self,
                                         const char    *name);

G_END_DECLS
