/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Check Database…: checks @path off the main thread behind a dialog with
 * Cancel, reports in words and, for a damaged file, offers to save a
 * repaired copy to a new file. @parent may be %NULL when no window could
 * open; the application then stays until the last dialog closes. */
void rh_check_database_run (GtkWindow  *parent,
                            const char *path);

G_END_DECLS
