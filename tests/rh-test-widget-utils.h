/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Template children are private: tests find them as a user would, by
 * type and by the action they trigger. */
GtkWidget *rh_test_find_widget (GtkWidget  *root,
                                GType       type,
                                const char *action_name);
/* The first mapped button labelled @label, as a user sees it. */
GtkWidget *rh_test_find_button (GtkWidget  *root,
                                const char *label);
/* The first mapped label showing @text, as a user sees it. */
GtkWidget *rh_test_find_label  (GtkWidget  *root,
                                const char *text);
guint      rh_test_count_rows  (GtkListBox *list);
/* Lets GTK lay out and draw a few frames. */
void       rh_test_settle      (void);
/* Runs the main loop until @widget is mapped: a loaded machine (or a
 * sanitizer build) can take longer than one settle to show a window. */
void       rh_test_wait_mapped (GtkWidget *widget);
void       rh_test_destroy_window (GtkWindow *window,
                                   GtkWidget *widget);

G_END_DECLS
