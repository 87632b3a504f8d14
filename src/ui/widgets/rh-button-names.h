/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* GTK 4.8 names a button with a mnemonic label twice over AT-SPI
 * ("Close Close"). libadwaita 1.2 gives every message dialog response
 * and toast button one, whatever its text; this makes each labelled
 * button under @root a plain one, so screen readers hear its name once. */
void rh_button_names_drop_mnemonics (GtkWidget *root);

G_END_DECLS
