/* SPDX-License-Identifier: GPL-3.0-or-later */
/* RhInterviewTemplate: built-ins and snapshots. Saved custom templates are
 * tested in test-interview-template-store.c. */
#include "config.h"

#include "rh-interview-template.h"

static void
test_builtins (void)
{
  const char * const *builtins = rh_interview_template_get_builtin_ids ();
  g_autoptr(RhInterviewTemplate) deep = NULL;

  g_assert_cmpuint (g_strv_length ((char **)builtins), ==, 3);
  for (guint i = 0; builtins[i]; i++)
    {
      g_autoptr(RhInterviewTemplate) builtin = rh_interview_template_new_builtin (builtins[i]);

      g_assert_true (rh_interview_template_get_builtin (builtin));
      g_assert_cmpstr (rh_interview_template_get_id (builtin), ==, builtins[i]);
      g_assert_cmpstr (rh_interview_template_get_name (builtin), !=, "");
      g_assert_cmpstr (rh_interview_template_get_description (builtin), !=, "");
      g_assert_true (rh_interview_template_get_counts_toward_schedule (builtin));
      g_assert_cmpuint (rh_interview_template_get_n_parts (builtin), ==, 2);
    }
  g_assert_null (rh_interview_template_new_builtin ("nope"));

  deep = rh_interview_template_new_builtin (RH_INTERVIEW_TEMPLATE_DEEP_DIVE);
  g_assert_cmpuint (rh_interview_template_get_n_questions (deep), ==, 5);
  g_assert_cmpuint (rh_interview_template_get_total_minutes (deep), ==, 60);
  g_assert_cmpuint (rh_interview_template_get_follow_up_depth (deep), ==, 3);
  g_assert_cmpuint (rh_interview_template_get_part (deep, 1)->seconds, ==, 1200);
  g_assert_cmpuint (rh_interview_template_get_part (deep, 1)->kinds, ==, RH_INTERVIEW_KIND (RH_CARD_KIND_DESIGN));

  g_assert_finalize_object (g_steal_pointer (&deep));
}

static void
test_snapshot (void)
{
  g_autoptr(RhInterviewTemplate) deep = rh_interview_template_new_builtin (RH_INTERVIEW_TEMPLATE_DEEP_DIVE);
  g_autoptr(RhInterviewTemplate) parsed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;

  /* A snapshot reads back whole. */
  json = rh_interview_template_to_json (deep);
  parsed = rh_interview_template_new_from_json (json, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rh_interview_template_get_name (parsed), ==, rh_interview_template_get_name (deep));
  g_assert_cmpuint (rh_interview_template_get_n_parts (parsed), ==, 2);
  g_assert_cmpuint (rh_interview_template_get_n_questions (parsed), ==, 5);
  g_assert_true (rh_interview_template_get_part (parsed, 0)->needs_follow_ups);
  g_assert_cmpstr (rh_interview_template_get_part (parsed, 1)->topics[0], ==, "系统设计");
  g_assert_true (g_strv_equal (rh_interview_template_get_topics (parsed), rh_interview_template_get_topics (deep)));
  g_assert_null (rh_interview_template_new_from_json ("[]", &error));
  g_assert_error (error, RH_DATABASE_ERROR, RH_DATABASE_ERROR_CORRUPT);
  g_clear_error (&error);

  g_assert_finalize_object (g_steal_pointer (&parsed));
  g_assert_finalize_object (g_steal_pointer (&deep));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/interview-template/builtins", test_builtins);
  g_test_add_func ("/interview-template/snapshot", test_snapshot);

  return g_test_run ();
}
