/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "rh-database.h"

G_BEGIN_DECLS

/* What the sidebar asks before it renames, moves or deletes a topic:
 * each dialog checks what is typed with the deck store's rules as it is
 * typed, saying why a name cannot be used, and hands what was chosen to
 * @func, which writes it (@new_path is %NULL for a delete). @func is not
 * called when the dialog is cancelled or @parent went away. */
typedef void (*RhTopicDialogFunc) (GtkWindow  *parent,
                                   const char *path,
                                   const char *new_path);

/* Rename (a new last segment) or, with @move, move (a new parent). */
GtkWidget *rh_topic_dialogs_ask_rename (GtkWindow         *parent,
                                        RhDatabase        *database,
                                        const char        *path,
                                        gboolean           move,
                                        RhTopicDialogFunc  func);
/* A topic holding cards gets a dialog saying why it cannot be deleted. */
GtkWidget *rh_topic_dialogs_ask_delete (GtkWindow         *parent,
                                        RhDatabase        *database,
                                        const char        *path,
                                        RhTopicDialogFunc  func);

G_END_DECLS
