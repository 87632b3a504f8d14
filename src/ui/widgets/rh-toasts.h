/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Shows @toast (transfer full) in @overlay. Its title is plain text, not
 * markup: it is escaped here. libadwaita 1.2 leaves a toast's close
 * button without a name, so screen readers call it "GtkImage"; this
 * names it. */
void rh_toasts_add (AdwToastOverlay *overlay,
                    AdwToast        *toast);

/* The innermost toast overlay shown under @root, or %NULL: pages keep
 * their own above their buttons, so toasts never cover them. */
AdwToastOverlay *rh_toasts_find_overlay (GtkWidget *root);

G_END_DECLS
