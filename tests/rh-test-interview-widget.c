/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "rh-test-interview-widget.h"
#include "rh-test-utils.h"

static const char deck[] =
  "{\"rehearse_deck\": 1, \"cards\": ["
  " {\"id\": \"two-a\", \"topic\": \"Two::A\", \"front\": \"TIME_WAIT 是什么？\", \"back\": \"主动关闭方等待 2MSL。\", \"seconds\": 60},"
  " {\"id\": \"two-b\", \"topic\": \"Two::B\", \"front\": \"epoll 的 ET 和 LT？\", \"back\": \"边沿触发只通知一次。\", \"seconds\": 60}"
  "]}";

void
rh_test_widget_setup (RhTestWidgetFixture *f,
                         gconstpointer           data)
{
  f->clock = rh_clock_new_fake (RH_TEST_NOW_US, NULL);
  f->db = rh_test_open_database (":memory:", f->clock);
  f->settings = rh_study_settings_new ();
  rh_test_import (f->db, deck, NULL);
  f->scheduler = rh_scheduler_new (f->db, f->settings);
}

/* Whatever a test built must be gone by now. */
void
rh_test_widget_teardown (RhTestWidgetFixture *f,
                            gconstpointer           data)
{
  g_assert_finalize_object (f->scheduler);
  g_assert_finalize_object (f->settings);
  g_assert_finalize_object (f->db);
  g_assert_finalize_object (f->clock);
}

/**
 * rh_test_widget_start_interview:
 *
 * Returns: (transfer full): a custom round over both cards, started
 */
RhInterview *
rh_test_widget_start_interview (RhTestWidgetFixture *f)
{
  g_autoptr(RhInterviewTemplate) template = rh_interview_template_new_custom ();
  const char * const topics[] = { "Two", NULL };
  g_autoptr(RhInterview) interview = NULL;
  g_autoptr(GError) error = NULL;

  rh_interview_template_set_topics (template, topics);
  interview = rh_interview_new (f->scheduler, template, &error);
  g_assert_no_error (error);
  g_assert_true (rh_interview_start (interview, &error));
  g_assert_no_error (error);

  return g_steal_pointer (&interview);
}
