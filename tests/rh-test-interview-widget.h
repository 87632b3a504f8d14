/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rh-interview.h"

G_BEGIN_DECLS

/* The interview widget tests' world: two cards under "Two", a minute
 * each, in a database on a fake clock. */
typedef struct
{
  RhClock         *clock;
  RhDatabase      *db;
  RhStudySettings *settings;
  RhScheduler     *scheduler;
} RhTestWidgetFixture;

void         rh_test_widget_setup    (RhTestWidgetFixture *f,
                                         gconstpointer           data);
void         rh_test_widget_teardown (RhTestWidgetFixture *f,
                                         gconstpointer           data);
RhInterview *rh_test_widget_start_interview    (RhTestWidgetFixture *f);

G_END_DECLS
