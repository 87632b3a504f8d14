/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rh-interview.h"
#include "rh-test-utils.h"

G_BEGIN_DECLS

/* A database file with the test deck (unless the test data is non-NULL),
 * a fake clock at RH_TEST_NOW_US and a scheduler. */
typedef struct
{
  char            *dir;
  char            *path;
  RhClock         *clock;
  RhDatabase      *db;
  RhStudySettings *settings;
  RhScheduler     *scheduler;
} RhTestInterviewFixture;

void                 rh_test_interview_setup          (RhTestInterviewFixture *f,
                                                       gconstpointer           data);
void                 rh_test_interview_teardown       (RhTestInterviewFixture *f,
                                                       gconstpointer           data);
void                 rh_test_interview_open_database  (RhTestInterviewFixture *f);
void                 rh_test_interview_close_database (RhTestInterviewFixture *f);
/* How many cards the test deck has. */
guint                rh_test_interview_n_cards        (void);

gint64               rh_test_card_id                  (RhTestInterviewFixture *f,
                                                       const char             *uid);
void                 rh_test_advance                  (RhTestInterviewFixture *f,
                                                       gint64                  seconds);
RhInterviewTemplate *rh_test_drill_template           (guint                   question_seconds,
                                                       guint                   total_minutes,
                                                       guint                   depth);
/* A session asking @uids (NULL-terminated) in order. */
RhInterview         *rh_test_interview_for            (RhTestInterviewFixture *f,
                                                       RhInterviewTemplate    *template,
                                                       const char * const     *uids);
/* A session chosen with @seed. */
RhInterview         *rh_test_build_interview          (RhTestInterviewFixture *f,
                                                       RhInterviewTemplate    *template,
                                                       guint64                 seed);
/* Answers each question of @interview with @ratings (0 = skip) after
 * spending @seconds on it. */
void                 rh_test_run_interview            (RhTestInterviewFixture *f,
                                                       RhInterview            *interview,
                                                       const RhRating         *ratings,
                                                       const guint            *seconds,
                                                       guint                   n);

const char          *rh_test_current_uid              (RhInterview            *interview);
void                 rh_test_start                    (RhInterview            *interview);
void                 rh_test_rate                     (RhInterview            *interview,
                                                       RhRating                rating);
void                 rh_test_skip                     (RhInterview            *interview);
void                 rh_test_assert_question          (RhInterview            *interview,
                                                       const char             *uid,
                                                       guint                   index,
                                                       guint                   depth);
/* The planned cards' uids, space-separated. */
char                *rh_test_plan_uids                (RhTestInterviewFixture *f,
                                                       RhInterview            *interview);
RhCard              *rh_test_dup_planned              (RhTestInterviewFixture *f,
                                                       RhInterview            *interview,
                                                       guint                   index);

G_END_DECLS
