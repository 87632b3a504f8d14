/* SPDX-License-Identifier: GPL-3.0-or-later */
/* RhInterviewTemplate in the database: saved custom templates. */
#include "config.h"

#include "rh-interview-template-store.h"
#include "rh-test-interview.h"

typedef RhTestInterviewFixture Fixture;

static void
test_custom (Fixture       *f,
             gconstpointer  data)
{
  static const char * const topics[] = { "Redis", "Go::调度", NULL };
  g_autoptr(RhInterviewTemplate) custom = rh_interview_template_new_custom ();
  g_autoptr(RhInterviewTemplate) found = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  gint64 row_id;

  /* Custom templates are saved, listed after the built-ins, and deleted. */
  g_assert_false (rh_interview_template_get_builtin (custom));
  rh_interview_template_set_name (custom, "Redis sprint");
  rh_interview_template_set_topics (custom, topics);
  rh_interview_template_set_n_questions (custom, 4);
  rh_interview_template_set_question_seconds (custom, 90);
  rh_interview_template_set_total_minutes (custom, 12);
  rh_interview_template_set_follow_up_depth (custom, 2);
  rh_interview_template_set_counts_toward_schedule (custom, FALSE);
  g_assert_true (rh_interview_template_store_save (f->db, custom, &error));
  g_assert_no_error (error);
  row_id = rh_interview_template_get_row_id (custom);
  g_assert_cmpint (row_id, >, 0);
  id = g_strdup_printf ("custom-%" G_GINT64_FORMAT, row_id);
  g_assert_cmpstr (rh_interview_template_get_id (custom), ==, id);

  rh_interview_template_set_name (custom, "Redis and Go");
  g_assert_true (rh_interview_template_store_save (f->db, custom, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rh_interview_template_get_row_id (custom), ==, row_id);

  list = rh_interview_template_store_list (f->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 4);
  found = g_list_model_get_item (list, 3);
  g_assert_cmpstr (rh_interview_template_get_id (found), ==, id);
  g_assert_cmpstr (rh_interview_template_get_name (found), ==, "Redis and Go");
  g_assert_true (g_strv_equal (rh_interview_template_get_topics (found), topics));
  g_assert_cmpuint (rh_interview_template_get_n_questions (found), ==, 4);
  g_assert_cmpuint (rh_interview_template_get_question_seconds (found), ==, 90);
  g_assert_cmpuint (rh_interview_template_get_total_minutes (found), ==, 12);
  g_assert_cmpuint (rh_interview_template_get_follow_up_depth (found), ==, 2);
  g_assert_false (rh_interview_template_get_counts_toward_schedule (found));
  g_assert_false (rh_interview_template_get_auto_advance (found));
  g_clear_object (&found);
  g_assert_finalize_object (g_steal_pointer (&list));

  found = rh_interview_template_store_lookup (f->db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rh_interview_template_get_row_id (found), ==, row_id);
  g_clear_object (&found);

  g_assert_true (rh_interview_template_store_delete (f->db, row_id, &error));
  g_assert_no_error (error);
  list = rh_interview_template_store_list (f->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 3);
  g_assert_null (rh_interview_template_store_lookup (f->db, id, &error));
  g_assert_error (error, RH_DATABASE_ERROR, RH_DATABASE_ERROR_NOT_FOUND);

  g_assert_finalize_object (g_steal_pointer (&list));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(name, func) g_test_add (name, Fixture, NULL, rh_test_interview_setup, func, rh_test_interview_teardown)
  ADD ("/interview-template-store/custom", test_custom);
#undef ADD

  return g_test_run ();
}
