/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rh-card-template"

#include "config.h"

#include <glib/gi18n.h>

#include "rh-card-template.h"

G_DEFINE_ENUM_TYPE (RhCardTemplate, rh_card_template,
  G_DEFINE_ENUM_VALUE (RH_CARD_TEMPLATE_BLANK, "blank"),
  G_DEFINE_ENUM_VALUE (RH_CARD_TEMPLATE_PROJECT, "project"))

/* The tag every project card gets, in the deck's language: tags are
 * searched as written (tag:project). */
#define PROJECT_TAG "project"

/**
 * rh_card_template_get_name:
 *
 * Returns: the template's name, translated, for a menu
 */
const char *
rh_card_template_get_name (RhCardTemplate template_)
{
  switch (template_)
    {
    case RH_CARD_TEMPLATE_BLANK:
      return C_("card template", "Blank");
    case RH_CARD_TEMPLATE_PROJECT:
      return C_("card template", "My Project");
    default:
      g_return_val_if_reached (NULL);
    }
}

/* The sections interviewers probe in a project round (项目面), in the
 * order they usually ask; each a heading with a hint to replace. One
 * string per section, so that a translator sees each on its own. */
static char *
dup_project_back (void)
{
  const struct { const char *heading; const char *hint; } sections[] = {
    /* Translators: the sections of a project card's answer, shown as Markdown headings */
    { N_("Background"), N_("What the product or system was, who used it, and your role in the team.") },
    { N_("Architecture"), N_("The main components and how requests flow between them. Draw it:") },
    { N_("Hard Problems"), N_("The hardest problem you solved, why it was hard, and how you found the cause.") },
    { N_("Trade-offs"), N_("The options you weighed, what you chose and what it cost.") },
    { N_("Results"), N_("What changed, in numbers: latency, cost, incidents, users.") },
    { N_("Retrospective"), N_("What you would do differently today, and what you learned.") },
  };
  GString *back = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      g_string_append_printf (back, "%s## %s\n\n%s\n", i > 0 ? "\n" : "",
                              _(sections[i].heading), _(sections[i].hint));

      /* A diagram in text survives export and reads in any editor. */
      if (i == 1)
        g_string_append (back, "\n```\nclient → gateway → service → database\n```\n");
    }

  return g_string_free (back, FALSE);
}

/**
 * rh_card_template_apply:
 *
 * Fills @card's front, back, kind and tags as @template_ starts a card,
 * in the language of the user interface. The blank template clears them.
 */
void
rh_card_template_apply (RhCardTemplate  template_,
                        RhCard         *card)
{
  static const char * const project_tags[] = { PROJECT_TAG, NULL };
  g_autofree char *back = NULL;

  g_return_if_fail (RH_IS_CARD (card));

  g_object_freeze_notify (G_OBJECT (card));

  switch (template_)
    {
    case RH_CARD_TEMPLATE_BLANK:
      rh_card_set_front (card, "");
      rh_card_set_back (card, "");
      rh_card_set_kind (card, RH_CARD_KIND_CONCEPT);
      rh_card_set_tags (card, NULL);
      rh_card_set_seconds (card, 0);
      break;

    case RH_CARD_TEMPLATE_PROJECT:
      back = dup_project_back ();
      rh_card_set_front (card, _("Walk me through your project: …"));
      rh_card_set_back (card, back);
      rh_card_set_kind (card, RH_CARD_KIND_BEHAVIORAL);
      rh_card_set_tags (card, project_tags);
      /* A project story is told in about five minutes. */
      rh_card_set_seconds (card, 300);
      break;

    default:
      g_return_if_reached ();
    }

  g_object_thaw_notify (G_OBJECT (card));
}
