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
/* The @n-th widget of @type below @root, depth first; fails if none. */
GtkWidget *rh_test_find_nth    (GtkWidget  *root,
                                GType       type,
                                guint       n);
guint      rh_test_count_rows  (GtkListBox *list);
/* How many AdwActionRows below @widget have @part in their title. */
guint      rh_test_count_rows_titled (GtkWidget  *widget,
                                      const char *part);
/* Lets GTK lay out and draw a few frames. */
void       rh_test_settle      (void);
/* Runs the main loop until @widget is mapped: a loaded machine (or a
 * sanitizer build) can take longer than one settle to show a window. */
void       rh_test_wait_mapped (GtkWidget *widget);
/* Runs the main loop until @done (@data) holds, failing after a
 * deadline generous enough for a sanitizer build. */
void       rh_test_wait_until  (gboolean (*done) (gpointer),
                                gpointer    data);
/* The first visible toplevel of @type, or %NULL. */
GtkWidget *rh_test_find_toplevel (GType type);
/* Answers the open AdwMessageDialog with @response after typing @text
 * in its entry (nullable), and closes it as its button would. */
void       rh_test_respond     (const char *response,
                                const char *text);
void       rh_test_destroy_window (GtkWindow *window,
                                   GtkWidget *widget);

G_END_DECLS
