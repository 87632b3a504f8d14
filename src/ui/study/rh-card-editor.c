/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rh-card-editor"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <gtksourceview/gtksource.h>

#include "rh-card-editor.h"
#include "rh-topic.h"

/* The fields of a card that a user edits in place of the card: topic,
 * tags, and the question and answer as Markdown source. Saving and
 * cancelling are the card view's actions (card.save-edit, card.cancel-edit). */
struct _RhCardEditor
{
  GtkWidget      parent_instance;

  /* Template widgets */
  AdwEntryRow   *topic_row;
  AdwEntryRow   *tags_row;
  GtkSourceView *front_view;
  GtkSourceView *back_view;
  GtkLabel      *error_label;

  /* Owned */
  char          *loaded;        /* the fields as loaded, to tell an edit */
};

G_DEFINE_FINAL_TYPE (RhCardEditor, rh_card_editor, GTK_TYPE_WIDGET)

static char *
dup_text (GtkSourceView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
set_text (GtkSourceView *view,
          const char    *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), text ? text : "", -1);
}

static void
setup_markdown (GtkSourceView *view)
{
  GtkSourceBuffer *buffer = GTK_SOURCE_BUFFER (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)));
  GtkSourceLanguageManager *languages = gtk_source_language_manager_get_default ();
  AdwStyleManager *style = adw_style_manager_get_default ();
  GtkSourceStyleSchemeManager *schemes = gtk_source_style_scheme_manager_get_default ();

  gtk_source_buffer_set_language (buffer, gtk_source_language_manager_get_language (languages, "markdown"));
  gtk_source_buffer_set_style_scheme (buffer,
                                      gtk_source_style_scheme_manager_get_scheme (schemes,
                                                                                  adw_style_manager_get_dark (style)
                                                                                  ? "Adwaita-dark" : "Adwaita"));
}

/* All the fields in one string, to compare with what was loaded. */
static char *
dup_fields (RhCardEditor *self)
{
  g_autofree char *front = dup_text (self->front_view);
  g_autofree char *back = dup_text (self->back_view);

  return g_strjoin ("\x1f", gtk_editable_get_text (GTK_EDITABLE (self->topic_row)),
                    gtk_editable_get_text (GTK_EDITABLE (self->tags_row)), front, back, NULL);
}

static void
rh_card_editor_finalize (GObject *object)
{
  RhCardEditor *self = (RhCardEditor *)object;

  g_free (self->loaded);

  G_OBJECT_CLASS (rh_card_editor_parent_class)->finalize (object);
}

static void
rh_card_editor_dispose (GObject *object)
{
  RhCardEditor *self = (RhCardEditor *)object;
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), RH_TYPE_CARD_EDITOR);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (rh_card_editor_parent_class)->dispose (object);
}

static void
rh_card_editor_class_init (RhCardEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rh_card_editor_dispose;
  object_class->finalize = rh_card_editor_finalize;

  g_type_ensure (GTK_SOURCE_TYPE_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/rh-card-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, RhCardEditor, topic_row);
  gtk_widget_class_bind_template_child (widget_class, RhCardEditor, tags_row);
  gtk_widget_class_bind_template_child (widget_class, RhCardEditor, front_view);
  gtk_widget_class_bind_template_child (widget_class, RhCardEditor, back_view);
  gtk_widget_class_bind_template_child (widget_class, RhCardEditor, error_label);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
rh_card_editor_init (RhCardEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  setup_markdown (self->front_view);
  setup_markdown (self->back_view);
}

GtkWidget *
rh_card_editor_new (void)
{
  return g_object_new (RH_TYPE_CARD_EDITOR, NULL);
}

/* Fills the fields from @card. */
void
rh_card_editor_load (RhCardEditor *self,
                     RhCard       *card)
{
  const char * const *tags;
  g_autofree char *joined = NULL;

  g_return_if_fail (RH_IS_CARD_EDITOR (self));
  g_return_if_fail (RH_IS_CARD (card));

  tags = rh_card_get_tags (card);
  joined = tags ? g_strjoinv (", ", (char **)tags) : g_strdup ("");

  gtk_editable_set_text (GTK_EDITABLE (self->topic_row), rh_card_get_topic (card));
  gtk_editable_set_text (GTK_EDITABLE (self->tags_row), joined);
  set_text (self->front_view, rh_card_get_front (card));
  set_text (self->back_view, rh_card_get_back (card));
  rh_card_editor_set_error (self, NULL);

  g_free (self->loaded);
  self->loaded = dup_fields (self);
}

/* Whether a field differs from what was loaded. */
gboolean
rh_card_editor_get_modified (RhCardEditor *self)
{
  g_autofree char *fields = NULL;

  g_return_val_if_fail (RH_IS_CARD_EDITOR (self), FALSE);

  fields = dup_fields (self);

  return g_strcmp0 (fields, self->loaded) != 0;
}

/**
 * rh_card_editor_apply:
 *
 * Copies the fields into @card after checking them; @card is unchanged
 * when they are not valid.
 */
gboolean
rh_card_editor_apply (RhCardEditor  *self,
                      RhCard        *card,
                      GError       **error)
{
  g_autofree char *topic = NULL;
  g_autofree char *front = dup_text (self->front_view);
  g_autofree char *back = dup_text (self->back_view);
  g_autofree char *trimmed_front = g_strdup (front);
  g_autofree char *trimmed_back = g_strdup (back);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) parts = NULL;
  g_auto(GStrv) tags = NULL;

  g_return_val_if_fail (RH_IS_CARD_EDITOR (self), FALSE);
  g_return_val_if_fail (RH_IS_CARD (card), FALSE);

  if (!(topic = rh_topic_path_normalize (gtk_editable_get_text (GTK_EDITABLE (self->topic_row)), error)))
    return FALSE;

  if (*g_strstrip (trimmed_front) == '\0' || *g_strstrip (trimmed_back) == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("A card needs both a question and an answer"));
      return FALSE;
    }

  parts = g_strsplit (gtk_editable_get_text (GTK_EDITABLE (self->tags_row)), ",", -1);
  for (guint i = 0; parts[i]; i++)
    {
      g_strstrip (parts[i]);
      if (*parts[i] != '\0')
        g_strv_builder_add (builder, parts[i]);
    }
  tags = g_strv_builder_end (builder);

  g_object_freeze_notify (G_OBJECT (card));
  rh_card_set_topic (card, topic);
  rh_card_set_tags (card, tags[0] ? (const char * const *)tags : NULL);
  rh_card_set_front (card, front);
  rh_card_set_back (card, back);
  g_object_thaw_notify (G_OBJECT (card));

  return TRUE;
}

/* Shows why the last save failed, or hides the message for %NULL. */
void
rh_card_editor_set_error (RhCardEditor *self,
                          const char   *message)
{
  g_return_if_fail (RH_IS_CARD_EDITOR (self));

  gtk_label_set_label (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

void
rh_card_editor_focus (RhCardEditor *self)
{
  g_return_if_fail (RH_IS_CARD_EDITOR (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->front_view));
}
