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
} RhTestInterviewFixture;

void         rh_test_interview_setup    (RhTestInterviewFixture *f,
                                         gconstpointer           data);
void         rh_test_interview_teardown (RhTestInterviewFixture *f,
                                         gconstpointer           data);
RhInterview *rh_test_interview_start    (RhTestInterviewFixture *f);

G_END_DECLS
