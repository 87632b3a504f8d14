/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define RH_TYPE_MARKDOWN_VIEW (rh_markdown_view_get_type ())

G_DECLARE_FINAL_TYPE (RhMarkdownView, rh_markdown_view, RH, MARKDOWN_VIEW, GtkWidget)

GtkWidget  *rh_markdown_view_new          (void);
const char *rh_markdown_view_get_markdown (RhMarkdownView *self);
void        rh_markdown_view_set_markdown (RhMarkdownView *self,
                                           const char     *markdown);
gboolean    rh_markdown_view_get_large    (RhMarkdownView *self);
void        rh_markdown_view_set_large    (RhMarkdownView *self,
                                           gboolean        large);
char       *rh_markdown_view_dup_text     (RhMarkdownView *self);

/* The GtkSourceLanguage id for a fence's info word ("go", "sh"), or NULL. */
const char *rh_markdown_view_language_id  (const char     *fence_language);

G_END_DECLS
