/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Template children are private: tests find them as a user would, by
 * type and by the action they trigger. */
GtkWidget *rh_test_find_widget (GtkWidget  *root,
                                GType       type,
                                const char *action_name);
guint      rh_test_count_rows  (GtkListBox *list);
void       rh_test_destroy_window (GtkWindow *window,
                                   GtkWidget *widget);

/* Lets GTK lay out and draw a few frames. */
void       rh_test_settle      (void);

G_END_DECLS
