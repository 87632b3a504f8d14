/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rh-card-editor"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <gtksourceview/gtksource.h>

#include "rh-card-editor.h"
#include "rh-deck-store.h"
#include "rh-entry-completion.h"
#include "rh-markdown-view.h"
#include "rh-topic.h"

/* Every field of a card a user writes: topic and tags (completed from the
 * deck), kind, suggested seconds, the question and answer as Markdown with
 * a preview drawn as the card is shown, and the follow-ups, found by
 * searching the deck. The same widget edits a card on the Study page and
 * writes one in the New Card window; saving and cancelling are its
 * container's actions (card.save-edit, card.cancel-edit). */
struct _RhCardEditor
{
  GtkWidget       parent_instance;

  /* Template widgets */
  GtkLabel       *title_label;
  AdwActionRow   *topic_row;
  GtkEntry       *topic_entry;
  AdwActionRow   *tags_row;
  GtkEntry       *tags_entry;
  AdwComboRow    *kind_row;
  AdwActionRow   *seconds_row;
  GtkSpinButton  *seconds_spin;
  GtkSourceView  *front_view;
  GtkSourceView  *back_view;
  GtkLabel       *front_error;
  GtkLabel       *back_error;
  RhMarkdownView *front_preview;
  RhMarkdownView *back_preview;
  GtkLabel       *no_follow_ups_label;
  GtkListBox     *follow_up_list;
  GtkLabel       *follow_ups_error;
  GtkSearchEntry *follow_up_search;
  GtkListBox     *result_list;
  GtkLabel       *error_label;
  GtkWidget      *button_box;
  GtkScrolledWindow *scroller;
  GtkBox         *columns_box;

  /* Owned */
  RhDatabase     *database;
  GPtrArray      *follow_ups;    /* RhCard, in the order they are asked */
  char           *loaded;        /* the fields as loaded, to tell an edit */
  char           *tags_subtitle;
  char           *seconds_subtitle;
  guint           orientation_id;
  gint64          row_id;        /* the card edited, 0 for a new one */
};

G_DEFINE_FINAL_TYPE (RhCardEditor, rh_card_editor, GTK_TYPE_WIDGET)

enum { PROP_0, PROP_DATABASE, N_PROPS };
static GParamSpec *properties[N_PROPS];

/* How many cards a follow-up search offers. */
#define MAX_RESULTS 8

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
update_scheme (GtkSourceView *view)
{
  GtkSourceBuffer *buffer = GTK_SOURCE_BUFFER (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)));
  GtkSourceStyleSchemeManager *schemes = gtk_source_style_scheme_manager_get_default ();
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());

  gtk_source_buffer_set_style_scheme (buffer,
                                      gtk_source_style_scheme_manager_get_scheme (schemes,
                                                                                  dark ? "Adwaita-dark" : "Adwaita"));
}

static void
setup_markdown (GtkSourceView *view)
{
  GtkSourceBuffer *buffer = GTK_SOURCE_BUFFER (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)));
  GtkSourceLanguageManager *languages = gtk_source_language_manager_get_default ();

  gtk_source_buffer_set_language (buffer, gtk_source_language_manager_get_language (languages, "markdown"));
  update_scheme (view);
}

/* Tags as typed: separated by commas, ASCII or full-width (a Chinese
 * input method types "，"), trimmed, empty ones dropped. */
static GStrv
parse_tags (const char *text)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GString) unified = g_string_new (text);
  g_auto(GStrv) parts = NULL;

  g_string_replace (unified, "，", ",", 0);
  g_string_replace (unified, "、", ",", 0);
  parts = g_strsplit (unified->str, ",", -1);
  for (guint i = 0; parts[i]; i++)
    {
      g_strstrip (parts[i]);
      if (*parts[i] != '\0')
        g_strv_builder_add (builder, parts[i]);
    }

  return g_strv_builder_end (builder);
}

static GStrv
dup_follow_up_uids (RhCardEditor *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < self->follow_ups->len; i++)
    g_strv_builder_add (builder, rh_card_get_uid (g_ptr_array_index (self->follow_ups, i)));

  return g_strv_builder_end (builder);
}

/* All the fields in one string, to compare with what was loaded. */
static char *
dup_fields (RhCardEditor *self)
{
  g_autofree char *front = dup_text (self->front_view);
  g_autofree char *back = dup_text (self->back_view);
  g_auto(GStrv) uids = dup_follow_up_uids (self);
  g_autofree char *follow_ups = g_strjoinv ("\n", uids);
  g_autofree char *kind = g_strdup_printf ("%u", adw_combo_row_get_selected (self->kind_row));
  g_autofree char *seconds = g_strdup_printf ("%d", gtk_spin_button_get_value_as_int (self->seconds_spin));

  return g_strjoin ("\x1f", gtk_editable_get_text (GTK_EDITABLE (self->topic_entry)),
                    gtk_editable_get_text (GTK_EDITABLE (self->tags_entry)),
                    kind, seconds, front, back, follow_ups, NULL);
}

/* The model's message follows a field's name (“must not be empty”);
 * shown on its own beside the field, it starts a sentence. */
static char *
dup_sentence (const char *message)
{
  g_autofree char *first = NULL;

  if (message == NULL || *message == '\0')
    return g_strdup (message);

  first = g_utf8_strup (message, g_utf8_next_char (message) - message);

  return g_strconcat (first, g_utf8_next_char (message), NULL);
}

static void
set_row_error (AdwActionRow *row,
               const char   *message,
               const char   *subtitle)
{
  g_autofree char *sentence = dup_sentence (message);

  adw_action_row_set_subtitle (row, sentence ? sentence : subtitle ? subtitle : "");
  if (message)
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
}

static void
set_label_error (GtkLabel   *label,
                 const char *message)
{
  g_autofree char *sentence = dup_sentence (message);

  gtk_label_set_label (label, sentence ? sentence : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
}

static void
clear_errors (RhCardEditor *self)
{
  set_row_error (self->topic_row, NULL, NULL);
  set_row_error (self->tags_row, NULL, self->tags_subtitle);
  set_row_error (self->seconds_row, NULL, self->seconds_subtitle);
  set_label_error (self->front_error, NULL);
  set_label_error (self->back_error, NULL);
  set_label_error (self->follow_ups_error, NULL);
  set_label_error (self->error_label, NULL);
}

/* Completions come from the deck as it is when a card is loaded. */
static void
load_completions (RhCardEditor *self)
{
  rh_entry_complete_topics (self->topic_entry, self->database);
  rh_entry_complete_tags (self->tags_entry, self->database, RH_ENTRY_TAGS_MANY);
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))))
    gtk_list_box_remove (list, child);
}

static GtkWidget *
new_icon_button (const char *icon_name,
                 const char *label,
                 const char *action_name,
                 guint       position)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_int32 (position));
  gtk_widget_add_css_class (button, "flat");

  return button;
}

static GtkWidget *
new_card_row (RhCard *card)
{
  g_autofree char *title = rh_card_dup_title (card);
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), rh_card_get_topic (card));
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);

  return row;
}

/* Rebuilt at each change: a card asks few follow-ups. */
static void
update_follow_up_list (RhCardEditor *self)
{
  clear_list (self->follow_up_list);

  for (guint i = 0; i < self->follow_ups->len; i++)
    {
      GtkWidget *row = new_card_row (g_ptr_array_index (self->follow_ups, i));
      GtkWidget *up = new_icon_button ("go-up-symbolic", _("Ask Earlier"), "editor.move-follow-up-up", i);
      GtkWidget *down = new_icon_button ("go-down-symbolic", _("Ask Later"), "editor.move-follow-up-down", i);
      GtkWidget *remove = new_icon_button ("list-remove-symbolic", _("Remove Follow-up"), "editor.remove-follow-up", i);

      gtk_widget_set_sensitive (up, i > 0);
      gtk_widget_set_sensitive (down, i + 1 < self->follow_ups->len);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), up);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), down);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      gtk_list_box_append (self->follow_up_list, row);
    }

  /* A boxed list draws nothing when empty; say so instead. */
  gtk_widget_set_visible (GTK_WIDGET (self->follow_up_list), self->follow_ups->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->no_follow_ups_label), self->follow_ups->len == 0);
}

static gboolean
is_follow_up (RhCardEditor *self,
              gint64        row_id)
{
  for (guint i = 0; i < self->follow_ups->len; i++)
    if (rh_card_get_row_id (g_ptr_array_index (self->follow_ups, i)) == row_id)
      return TRUE;

  return FALSE;
}

static gboolean
is_blank (const char *text)
{
  for (; *text; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;

  return TRUE;
}

static void
update_results (RhCardEditor *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->follow_up_search));
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  guint shown = 0;

  clear_list (self->result_list);
  set_label_error (self->follow_ups_error, NULL);

  if (self->database == NULL || is_blank (text))
    {
      gtk_widget_set_visible (GTK_WIDGET (self->result_list), FALSE);
      return;
    }

  /* An unknown filter says so where the user looks. */
  if (!(ids = rh_deck_store_query_card_ids (self->database, NULL, text, &error)))
    {
      set_label_error (self->follow_ups_error, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->result_list), FALSE);
      return;
    }

  for (guint i = 0; i < ids->len && shown < MAX_RESULTS; i++)
    {
      gint64 row_id = g_array_index (ids, gint64, i);
      g_autoptr(RhCard) card = NULL;
      GtkWidget *row;
      GtkWidget *icon;

      if (row_id == self->row_id || is_follow_up (self, row_id) ||
          !(card = rh_deck_store_dup_card (self->database, row_id, NULL)))
        continue;

      row = new_card_row (card);
      icon = gtk_image_new_from_icon_name ("list-add-symbolic");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "rh-card", g_steal_pointer (&card), g_object_unref);
      gtk_list_box_append (self->result_list, row);
      shown++;
    }

  if (shown == 0)
    set_label_error (self->follow_ups_error, _("No other card matches"));
  gtk_widget_set_visible (GTK_WIDGET (self->result_list), shown > 0);
}

static void
update_preview (RhCardEditor *self)
{
  g_autofree char *front = dup_text (self->front_view);
  g_autofree char *back = dup_text (self->back_view);

  rh_markdown_view_set_markdown (self->front_preview, front);
  rh_markdown_view_set_markdown (self->back_preview, back);
}

static void
buffer_changed_cb (RhCardEditor  *self,
                   GtkTextBuffer *buffer)
{
  update_preview (self);
}

static void
search_changed_cb (RhCardEditor   *self,
                   GtkSearchEntry *entry)
{
  update_results (self);
}

static void
search_activate_cb (RhCardEditor   *self,
                    GtkSearchEntry *entry)
{
  GtkListBoxRow *first = gtk_list_box_get_row_at_index (self->result_list, 0);

  if (first != NULL)
    g_signal_emit_by_name (self->result_list, "row-activated", first);
}

static void
result_activated_cb (RhCardEditor  *self,
                     GtkListBoxRow *row,
                     GtkListBox    *list)
{
  RhCard *card = g_object_get_data (G_OBJECT (row), "rh-card");

  g_return_if_fail (RH_IS_CARD (card));

  g_ptr_array_add (self->follow_ups, g_object_ref (card));
  update_follow_up_list (self);
  update_results (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->follow_up_search));
}

static void
style_dark_cb (RhCardEditor    *self,
               GParamSpec      *pspec,
               AdwStyleManager *style)
{
  update_scheme (self->front_view);
  update_scheme (self->back_view);
}

/* Keeps the keyboard on the moved row's same button. */
static void
focus_follow_up_button (RhCardEditor *self,
                        guint         position,
                        const char   *action_name)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->follow_up_list, position);

  if (row == NULL)
    {
      if (self->follow_ups->len > 0)
        row = gtk_list_box_get_row_at_index (self->follow_up_list, self->follow_ups->len - 1);
      if (row == NULL)
        {
          gtk_widget_grab_focus (GTK_WIDGET (self->follow_up_search));
          return;
        }
    }

  for (GtkWidget *child = GTK_WIDGET (row); child; )
    {
      if (GTK_IS_BUTTON (child) &&
          g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (child)), action_name) == 0 &&
          gtk_widget_get_sensitive (child))
        {
          gtk_widget_grab_focus (child);
          return;
        }

      /* Depth first through the row. */
      if (gtk_widget_get_first_child (child))
        child = gtk_widget_get_first_child (child);
      else
        {
          while (child != GTK_WIDGET (row) && !gtk_widget_get_next_sibling (child))
            child = gtk_widget_get_parent (child);
          child = child == GTK_WIDGET (row) ? NULL : gtk_widget_get_next_sibling (child);
        }
    }

  gtk_widget_grab_focus (GTK_WIDGET (row));
}

static void
move_follow_up (RhCardEditor *self,
                GVariant     *parameter,
                int           delta,
                const char   *action_name)
{
  int from = g_variant_get_int32 (parameter);
  int to = from + delta;
  gpointer card;

  if (from < 0 || to < 0 || (guint)from >= self->follow_ups->len || (guint)to >= self->follow_ups->len)
    return;

  card = g_ptr_array_steal_index (self->follow_ups, from);
  g_ptr_array_insert (self->follow_ups, to, card);
  update_follow_up_list (self);
  focus_follow_up_button (self, to, action_name);
}

static void
move_follow_up_up_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  move_follow_up (RH_CARD_EDITOR (widget), parameter, -1, action_name);
}

static void
move_follow_up_down_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  move_follow_up (RH_CARD_EDITOR (widget), parameter, 1, action_name);
}

static void
remove_follow_up_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  RhCardEditor *self = RH_CARD_EDITOR (widget);
  int position = g_variant_get_int32 (parameter);

  if (position < 0 || (guint)position >= self->follow_ups->len)
    return;

  g_ptr_array_remove_index (self->follow_ups, position);
  update_follow_up_list (self);
  update_results (self);
  focus_follow_up_button (self, position, action_name);
}

static void
rh_card_editor_dispose (GObject *object)
{
  RhCardEditor *self = (RhCardEditor *)object;
  GtkWidget *child;

  g_clear_handle_id (&self->orientation_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), RH_TYPE_CARD_EDITOR);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);

  g_clear_object (&self->database);
  g_clear_pointer (&self->follow_ups, g_ptr_array_unref);

  G_OBJECT_CLASS (rh_card_editor_parent_class)->dispose (object);
}

static void
rh_card_editor_finalize (GObject *object)
{
  RhCardEditor *self = (RhCardEditor *)object;

  g_free (self->loaded);
  g_free (self->tags_subtitle);
  g_free (self->seconds_subtitle);

  G_OBJECT_CLASS (rh_card_editor_parent_class)->finalize (object);
}

static void
rh_card_editor_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  RhCardEditor *self = RH_CARD_EDITOR (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      g_value_set_object (value, self->database);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rh_card_editor_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  RhCardEditor *self = RH_CARD_EDITOR (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      rh_card_editor_set_database (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Below this width the preview goes under the fields, not beside them. */
#define NARROW_WIDTH 600

static gboolean
narrow (RhCardEditor *self)
{
  return gtk_adjustment_get_page_size (gtk_scrolled_window_get_hadjustment (self->scroller)) < NARROW_WIDTH;
}

static gboolean
update_orientation_cb (gpointer user_data)
{
  RhCardEditor *self = user_data;

  self->orientation_id = 0;
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->columns_box),
                                  narrow (self) ? GTK_ORIENTATION_VERTICAL : GTK_ORIENTATION_HORIZONTAL);

  return G_SOURCE_REMOVE;
}

/* The width is known once allocated: the box turns after that, not in
 * the middle of an allocation. */
static void
width_changed_cb (RhCardEditor  *self,
                  GParamSpec    *pspec,
                  GtkAdjustment *adjustment)
{
  GtkOrientation wanted = narrow (self) ? GTK_ORIENTATION_VERTICAL : GTK_ORIENTATION_HORIZONTAL;

  if (wanted != gtk_orientable_get_orientation (GTK_ORIENTABLE (self->columns_box)) && self->orientation_id == 0)
    /* Before the next layout, which a busy frame clock keeps coming. */
    self->orientation_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, update_orientation_cb, self, NULL);
}

static void
rh_card_editor_class_init (RhCardEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rh_card_editor_dispose;
  object_class->finalize = rh_card_editor_finalize;
  object_class->get_property = rh_card_editor_get_property;
  object_class->set_property = rh_card_editor_set_property;

  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL, RH_TYPE_DATABASE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (GTK_SOURCE_TYPE_VIEW);
  g_type_ensure (RH_TYPE_MARKDOWN_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/rh-card-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, RhCardEditor, title_label);
  gtk_widget_class_bind_template_child (widget_class, RhCardEditor, topic_row);
  gtk_widget_class_bind_template_child (widget_class, RhCardEditor, topic_entry);
  gtk_widget_class_bind_template_child (widget_class, RhCardEditor, tags_row);
  gtk_widget_class_bind_template_child (widget_class, RhCardEditor, tags_entry);
  gtk_widget_class_bind_template_child (widget_class, RhCardEditor, kind_row);
  gtk_widget_class_bind_template_child (widget_class, RhCardEditor, seconds_row);
  gtk_widget_class_bind_template_child (widget_class, RhCardEditor, seconds_spin);
  gtk_widget_class_bind_template_child (widget_class, RhCardEditor, front_view);
  gtk_widget_class_bind_template_child (widget_class, RhCardEditor, back_view);
  gtk_widget_class_bind_template_child (widget_class, RhCardEditor, front_error);
  gtk_widget_class_bind_template_child (widget_class, RhCardEditor, back_error);
  gtk_widget_class_bind_template_child (widget_class, RhCardEditor, front_preview);
  gtk_widget_class_bind_template_child (widget_class, RhCardEditor, back_preview);
  gtk_widget_class_bind_template_child (widget_class, RhCardEditor, no_follow_ups_label);
  gtk_widget_class_bind_template_child (widget_class, RhCardEditor, follow_up_list);
  gtk_widget_class_bind_template_child (widget_class, RhCardEditor, follow_ups_error);
  gtk_widget_class_bind_template_child (widget_class, RhCardEditor, follow_up_search);
  gtk_widget_class_bind_template_child (widget_class, RhCardEditor, result_list);
  gtk_widget_class_bind_template_child (widget_class, RhCardEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, RhCardEditor, button_box);
  gtk_widget_class_bind_template_child (widget_class, RhCardEditor, scroller);
  gtk_widget_class_bind_template_child (widget_class, RhCardEditor, columns_box);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, result_activated_cb);

  gtk_widget_class_install_action (widget_class, "editor.move-follow-up-up", "i", move_follow_up_up_action);
  gtk_widget_class_install_action (widget_class, "editor.move-follow-up-down", "i", move_follow_up_down_action);
  gtk_widget_class_install_action (widget_class, "editor.remove-follow-up", "i", remove_follow_up_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
rh_card_editor_init (RhCardEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->follow_ups = g_ptr_array_new_with_free_func (g_object_unref);
  self->tags_subtitle = g_strdup (adw_action_row_get_subtitle (self->tags_row));
  self->seconds_subtitle = g_strdup (adw_action_row_get_subtitle (self->seconds_row));

  g_signal_connect_object (gtk_scrolled_window_get_hadjustment (self->scroller), "notify::page-size",
                           G_CALLBACK (width_changed_cb), self, G_CONNECT_SWAPPED);

  setup_markdown (self->front_view);
  setup_markdown (self->back_view);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (style_dark_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->front_view)), "changed",
                           G_CALLBACK (buffer_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->back_view)), "changed",
                           G_CALLBACK (buffer_changed_cb), self, G_CONNECT_SWAPPED);
}

GtkWidget *
rh_card_editor_new (void)
{
  return g_object_new (RH_TYPE_CARD_EDITOR, NULL);
}

/* The deck the topics, tags and follow-ups come from. */
void
rh_card_editor_set_database (RhCardEditor *self,
                             RhDatabase   *database)
{
  g_return_if_fail (RH_IS_CARD_EDITOR (self));
  g_return_if_fail (database == NULL || RH_IS_DATABASE (database));

  if (!g_set_object (&self->database, database))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATABASE]);
}

RhDatabase *
rh_card_editor_get_database (RhCardEditor *self)
{
  g_return_val_if_fail (RH_IS_CARD_EDITOR (self), NULL);

  return self->database;
}

/* The heading above the fields; %NULL hides it, for a window with a title. */
void
rh_card_editor_set_title (RhCardEditor *self,
                          const char   *title)
{
  g_return_if_fail (RH_IS_CARD_EDITOR (self));

  gtk_label_set_label (self->title_label, title ? title : "");
  gtk_widget_set_visible (GTK_WIDGET (self->title_label), title != NULL);
}

/* Whether Cancel and Save are shown below the fields, for a container
 * that has them elsewhere (a header bar). */
void
rh_card_editor_set_show_buttons (RhCardEditor *self,
                                 gboolean      show_buttons)
{
  g_return_if_fail (RH_IS_CARD_EDITOR (self));

  gtk_widget_set_visible (self->button_box, show_buttons);
}

/**
 * rh_card_editor_load:
 * @card: a stored card (row id set), or a new one
 *
 * Fills the fields from @card; what is loaded counts as unmodified.
 */
void
rh_card_editor_load (RhCardEditor *self,
                     RhCard       *card)
{
  const char * const *tags;
  const char * const *follow_ups;
  g_autofree char *joined = NULL;

  g_return_if_fail (RH_IS_CARD_EDITOR (self));
  g_return_if_fail (RH_IS_CARD (card));

  tags = rh_card_get_tags (card);
  joined = tags ? g_strjoinv (", ", (char **)tags) : g_strdup ("");
  self->row_id = rh_card_get_row_id (card);

  gtk_editable_set_text (GTK_EDITABLE (self->topic_entry), rh_card_get_topic (card) ? rh_card_get_topic (card) : "");
  gtk_editable_set_text (GTK_EDITABLE (self->tags_entry), joined);
  adw_combo_row_set_selected (self->kind_row, rh_card_get_kind (card));
  gtk_spin_button_set_value (self->seconds_spin, rh_card_get_seconds (card));
  set_text (self->front_view, rh_card_get_front (card));
  set_text (self->back_view, rh_card_get_back (card));

  /* A follow-up deleted meanwhile is left out, not linked. */
  g_ptr_array_set_size (self->follow_ups, 0);
  follow_ups = rh_card_get_follow_ups (card);
  for (guint i = 0; self->database && follow_ups && follow_ups[i]; i++)
    {
      RhCard *follow_up = rh_deck_store_dup_card_by_uid (self->database, follow_ups[i], NULL);

      if (follow_up != NULL)
        g_ptr_array_add (self->follow_ups, follow_up);
    }
  update_follow_up_list (self);
  gtk_editable_set_text (GTK_EDITABLE (self->follow_up_search), "");
  update_results (self);

  clear_errors (self);
  load_completions (self);

  g_free (self->loaded);
  self->loaded = dup_fields (self);
}

/* The topic as typed, not checked. */
const char *
rh_card_editor_get_topic (RhCardEditor *self)
{
  g_return_val_if_fail (RH_IS_CARD_EDITOR (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->topic_entry));
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
 * Copies the fields into @card after checking them as the model checks a
 * card (rh_card_check()); @card is unchanged when they are not valid, and
 * the message is shown beside the field at fault.
 *
 * Returns: %FALSE with an %RH_CARD_ERROR naming the field
 */
gboolean
rh_card_editor_apply (RhCardEditor  *self,
                      RhCard        *card,
                      GError       **error)
{
  g_autoptr(RhCard) checked = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *front = NULL;
  g_autofree char *back = NULL;
  g_auto(GStrv) tags = NULL;
  g_auto(GStrv) follow_ups = NULL;

  g_return_val_if_fail (RH_IS_CARD_EDITOR (self), FALSE);
  g_return_val_if_fail (RH_IS_CARD (card), FALSE);

  front = dup_text (self->front_view);
  back = dup_text (self->back_view);
  tags = parse_tags (gtk_editable_get_text (GTK_EDITABLE (self->tags_entry)));
  follow_ups = dup_follow_up_uids (self);

  checked = rh_card_new (rh_card_get_uid (card));
  rh_card_update_from (checked, card);
  rh_card_set_topic (checked, gtk_editable_get_text (GTK_EDITABLE (self->topic_entry)));
  rh_card_set_tags (checked, tags[0] ? (const char * const *)tags : NULL);
  rh_card_set_kind (checked, adw_combo_row_get_selected (self->kind_row));
  rh_card_set_seconds (checked, gtk_spin_button_get_value_as_int (self->seconds_spin));
  rh_card_set_front (checked, front);
  rh_card_set_back (checked, back);
  rh_card_set_follow_ups (checked, follow_ups[0] ? (const char * const *)follow_ups : NULL);

  clear_errors (self);
  if (!rh_card_check (checked, &local_error))
    {
      rh_card_editor_show_error (self, local_error);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  rh_card_update_from (card, checked);

  return TRUE;
}

/**
 * rh_card_editor_show_error:
 * @error: why a save failed; an %RH_CARD_ERROR is shown beside its field
 *
 * Shows @error and gives the keyboard to the field at fault.
 */
void
rh_card_editor_show_error (RhCardEditor *self,
                           const GError *error)
{
  GtkWidget *focus = NULL;

  g_return_if_fail (RH_IS_CARD_EDITOR (self));
  g_return_if_fail (error != NULL);

  clear_errors (self);

  if (error->domain != RH_CARD_ERROR)
    {
      set_label_error (self->error_label, error->message);
      return;
    }

  switch ((RhCardField)error->code)
    {
    case RH_CARD_FIELD_TOPIC:
      set_row_error (self->topic_row, error->message, NULL);
      focus = GTK_WIDGET (self->topic_entry);
      break;
    case RH_CARD_FIELD_TAGS:
      set_row_error (self->tags_row, error->message, NULL);
      focus = GTK_WIDGET (self->tags_entry);
      break;
    case RH_CARD_FIELD_SECONDS:
      set_row_error (self->seconds_row, error->message, NULL);
      focus = GTK_WIDGET (self->seconds_spin);
      break;
    case RH_CARD_FIELD_FRONT:
      set_label_error (self->front_error, error->message);
      focus = GTK_WIDGET (self->front_view);
      break;
    case RH_CARD_FIELD_BACK:
      set_label_error (self->back_error, error->message);
      focus = GTK_WIDGET (self->back_view);
      break;
    case RH_CARD_FIELD_FOLLOW_UPS:
      set_label_error (self->follow_ups_error, error->message);
      focus = GTK_WIDGET (self->follow_up_search);
      break;
    case RH_CARD_FIELD_NONE:
    case RH_CARD_FIELD_UID:
    case RH_CARD_FIELD_KIND:
    default:
      set_label_error (self->error_label, error->message);
      break;
    }

  if (focus != NULL)
    gtk_widget_grab_focus (focus);
}

/* Shows why the last save failed, or hides the messages for %NULL. */
void
rh_card_editor_set_error (RhCardEditor *self,
                          const char   *message)
{
  g_return_if_fail (RH_IS_CARD_EDITOR (self));

  clear_errors (self);
  set_label_error (self->error_label, message);
}

void
rh_card_editor_focus (RhCardEditor *self)
{
  g_return_if_fail (RH_IS_CARD_EDITOR (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->front_view));
}

/* For a new card whose topic is set: the keyboard starts in the topic
 * when it is empty, in the question otherwise. */
void
rh_card_editor_focus_first_empty (RhCardEditor *self)
{
  g_return_if_fail (RH_IS_CARD_EDITOR (self));

  if (*gtk_editable_get_text (GTK_EDITABLE (self->topic_entry)) == '\0')
    gtk_widget_grab_focus (GTK_WIDGET (self->topic_entry));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->front_view));
}
