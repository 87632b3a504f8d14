/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "rh-database.h"

G_BEGIN_DECLS

/* Completion from the deck for the entries that name a topic or tags: the
 * card editor's, and the card browser's Move and Add Tag dialogs. Calling
 * again reads the deck again (for an editor that opens another card). */

/* Topic paths, matched anywhere and ignoring case: “调度” finds “Go::调度”.
 * The topics table is small: it is read now. */
void rh_entry_complete_topics (GtkEntry   *entry,
                               RhDatabase *database);
typedef enum
{
  RH_ENTRY_TAGS_ONE      = 0,
  /* A comma-separated list: completes the tag after the last comma. */
  RH_ENTRY_TAGS_MANY     = 1 << 0,
  /* Read at once, for a dialog that asks for a tag and nothing else. */
  RH_ENTRY_TAGS_READ_NOW = 1 << 1,
} RhEntryTags;

/* Tags are in every card: they are read on a worker, when the entry
 * first takes focus unless %RH_ENTRY_TAGS_READ_NOW. */
void rh_entry_complete_tags   (GtkEntry    *entry,
                               RhDatabase  *database,
                               RhEntryTags  flags);

G_END_DECLS
