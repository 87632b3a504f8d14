/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "rh-study-queue.h"

G_BEGIN_DECLS

#define RH_TYPE_STUDY_PAGE (rh_study_page_get_type ())

G_DECLARE_FINAL_TYPE (RhStudyPage, rh_study_page, RH, STUDY_PAGE, GtkWidget)

GtkWidget    *rh_study_page_new          (RhStudyQueue *queue);
RhStudyQueue *rh_study_page_get_queue    (RhStudyPage   *self);
gboolean      rh_study_page_get_revealed (RhStudyPage   *self);
gboolean      rh_study_page_get_importing (RhStudyPage  *self);
void          rh_study_page_set_importing (RhStudyPage  *self,
                                           gboolean      importing);
const char   *rh_study_page_get_screen     (RhStudyPage   *self);
AdwToast     *rh_study_page_undo         (RhStudyPage   *self,
                                          GError       **error);

G_END_DECLS
