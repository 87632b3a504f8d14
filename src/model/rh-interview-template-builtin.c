/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rh-interview-template"

#include "config.h"

#include <glib/gi18n.h>

#include "rh-interview-template-private.h"

/* The built-in templates: Fundamentals, Project, Deep Dive and System
 * Design. Their kind mix, budgets and topics (those of the built-in deck)
 * are defined here. Their names and descriptions are always this
 * version's translation, also in a session's snapshot. */

static const char * const builtin_ids[] = {
  RH_INTERVIEW_TEMPLATE_FUNDAMENTALS,
  RH_INTERVIEW_TEMPLATE_PROJECT,
  RH_INTERVIEW_TEMPLATE_DEEP_DIVE,
  NULL
};

/* The topics of the built-in deck that a phone screen covers. */
static const char * const fundamentals_topics[] = { "Go", "Redis", "MySQL", "网络", "操作系统", NULL };
static const char * const algorithm_topics[] = { "算法", NULL };
static const char * const project_topics[] = { "项目面", NULL };
static const char * const project_design_topics[] = { "项目面", "系统设计", NULL };
static const char * const deep_dive_topics[] = { "Go", "Redis", "MySQL", "网络", "操作系统", "分布式", "存储", "云原生", "安全", NULL };
static const char * const design_topics[] = { "系统设计", NULL };

static void
add_part (RhInterviewTemplate *self,
          const char * const  *topics,
          guint                kinds,
          guint                n_questions,
          guint                seconds,
          gboolean             needs_follow_ups)
{
  RhInterviewPart part = { (char **)topics, kinds, n_questions, seconds, needs_follow_ups };

  rh_interview_template_add_part (self, &part);
}

static void
define_builtin (RhInterviewTemplate *self)
{
  const char *id = rh_interview_template_get_id (self);

  if (g_str_equal (id, RH_INTERVIEW_TEMPLATE_FUNDAMENTALS))
    {
      /* 8 concept questions across the five areas, then one coding. */
      rh_interview_template_set_topics (self, fundamentals_topics);
      rh_interview_template_set_question_seconds (self, 240);
      rh_interview_template_set_total_minutes (self, 45);
      rh_interview_template_set_follow_up_depth (self, 1);
      add_part (self, NULL, RH_INTERVIEW_KIND (RH_CARD_KIND_CONCEPT), 8, 0, FALSE);
      add_part (self, algorithm_topics, RH_INTERVIEW_KIND (RH_CARD_KIND_CODING), 1, 0, FALSE);
    }
  else if (g_str_equal (id, RH_INTERVIEW_TEMPLATE_PROJECT))
    {
      rh_interview_template_set_topics (self, project_topics);
      rh_interview_template_set_question_seconds (self, 300);
      rh_interview_template_set_total_minutes (self, 45);
      rh_interview_template_set_follow_up_depth (self, 1);
      /* The one design question is the last part's. */
      add_part (self, NULL,
                RH_INTERVIEW_KIND (RH_CARD_KIND_BEHAVIORAL) | RH_INTERVIEW_KIND (RH_CARD_KIND_TROUBLESHOOTING),
                5, 0, FALSE);
      add_part (self, project_design_topics, RH_INTERVIEW_KIND (RH_CARD_KIND_DESIGN), 1, 0, FALSE);
    }
  else if (g_str_equal (id, RH_INTERVIEW_TEMPLATE_DEEP_DIVE))
    {
      rh_interview_template_set_topics (self, deep_dive_topics);
      rh_interview_template_set_question_seconds (self, 240);
      rh_interview_template_set_total_minutes (self, 60);
      rh_interview_template_set_follow_up_depth (self, 3);
      add_part (self, NULL,
                RH_INTERVIEW_KIND (RH_CARD_KIND_CONCEPT) | RH_INTERVIEW_KIND (RH_CARD_KIND_TROUBLESHOOTING),
                4, 0, TRUE);
      add_part (self, design_topics, RH_INTERVIEW_KIND (RH_CARD_KIND_DESIGN), 1, 20 * 60, FALSE);
    }
  else
    g_assert_not_reached ();

  rh_interview_template_set_builtin_text (self);
}

/**
 * rh_interview_template_new_builtin:
 * @id: one of rh_interview_template_get_builtin_ids()
 *
 * Returns: (transfer full) (nullable): the built-in template, %NULL for an
 *   unknown id
 */
RhInterviewTemplate *
rh_interview_template_new_builtin (const char *id)
{
  RhInterviewTemplate *self;

  if (!rh_interview_template_is_builtin_id (id))
    return NULL;

  self = g_object_new (RH_TYPE_INTERVIEW_TEMPLATE, "id", id, NULL);
  define_builtin (self);

  return self;
}

/**
 * rh_interview_template_get_builtin_ids:
 *
 * Returns: (transfer none): the built-in ids, in menu order
 */
const char * const *
rh_interview_template_get_builtin_ids (void)
{
  return builtin_ids;
}

gboolean
rh_interview_template_is_builtin_id (const char *id)
{
  return id != NULL && g_strv_contains (builtin_ids, id);
}

void
rh_interview_template_set_builtin_text (RhInterviewTemplate *self)
{
  const char *id = rh_interview_template_get_id (self);
  const char *name = NULL;
  const char *description = NULL;

  if (g_str_equal (id, RH_INTERVIEW_TEMPLATE_FUNDAMENTALS))
    {
      name = _("Fundamentals");
      description = _("A phone screen: short questions on Go, Redis, MySQL, networking and operating systems, then one coding problem");
    }
  else if (g_str_equal (id, RH_INTERVIEW_TEMPLATE_PROJECT))
    {
      name = _("Project");
      description = _("Your projects, your decisions and how you work with others, with one design question");
    }
  else if (g_str_equal (id, RH_INTERVIEW_TEMPLATE_DEEP_DIVE))
    {
      name = _("Deep Dive and System Design");
      description = _("Four questions followed up three levels deep, then a twenty-minute system design");
    }
  else
    g_assert_not_reached ();

  rh_interview_template_set_name (self, name);
  rh_interview_template_set_description (self, description);
}
