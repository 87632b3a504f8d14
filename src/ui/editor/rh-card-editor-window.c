/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rh-card-editor-window"

#include "config.h"

#include <glib/gi18n.h>

#include "rh-button-names.h"
#include "rh-card-editor.h"
#include "rh-card-editor-window.h"
#include "rh-card-template.h"
#include "rh-deck-store.h"

/* New Card (and Edit Card from a list): the card editor in a window of
 * its own, with a template to start from. Save writes the card in one
 * transaction and closes; closing with unsaved edits asks first. */
struct _RhCardEditorWindow
{
  AdwWindow       parent_instance;

  /* Template widgets */
  AdwWindowTitle *window_title;
  GtkWidget      *template_bar;
  RhCardEditor   *editor;

  /* Owned */
  RhDatabase     *database;
  RhCard         *card;          /* what is saved: new (row id 0) or stored */
  RhCardTemplate  template_;

  guint           closing : 1;   /* the user chose to discard */
};

G_DEFINE_FINAL_TYPE (RhCardEditorWindow, rh_card_editor_window, ADW_TYPE_WINDOW)

enum { PROP_0, PROP_TEMPLATE, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { SAVED, N_SIGNALS };
static guint signals[N_SIGNALS];

static const char *
template_nick (RhCardTemplate template_)
{
  return template_ == RH_CARD_TEMPLATE_PROJECT ? "project" : "blank";
}

/* Loads @template_ into the editor, keeping the topic chosen. */
static void
apply_template (RhCardEditorWindow *self,
                RhCardTemplate      template_)
{
  /* The topic typed so far is kept; the fields a template fills are not. */
  rh_card_set_topic (self->card, rh_card_editor_get_topic (self->editor));
  rh_card_template_apply (template_, self->card);
  rh_card_editor_load (self->editor, self->card);

  self->template_ = template_;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEMPLATE]);
}

static void
replace_response_cb (RhCardEditorWindow *self,
                     const char         *response,
                     AdwMessageDialog   *dialog)
{
  RhCardTemplate template_ = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dialog), "rh-template"));

  if (g_strcmp0 (response, "replace") == 0)
    apply_template (self, template_);
}

static AdwMessageDialog *
new_question (RhCardEditorWindow *self,
              const char         *heading,
              const char         *body,
              const char         *id,
              const char         *label)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body));

  adw_message_dialog_add_responses (dialog,
                                    "keep", _("Keep Editing"),
                                    id, label,
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, id, ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "keep");
  adw_message_dialog_set_close_response (dialog, "keep");
  rh_button_names_drop_mnemonics (GTK_WIDGET (dialog));

  return dialog;
}

static void
set_template (RhCardEditorWindow *self,
              RhCardTemplate      template_)
{
  AdwMessageDialog *dialog;

  if (self->template_ == template_)
    return;

  if (!rh_card_editor_get_modified (self->editor))
    {
      apply_template (self, template_);
      return;
    }

  dialog = new_question (self, _("Replace Your Text?"),
                         _("The template replaces the question and answer you wrote."),
                         "replace", _("Replace"));
  g_object_set_data (G_OBJECT (dialog), "rh-template", GUINT_TO_POINTER (template_));
  g_signal_connect_object (dialog, "response", G_CALLBACK (replace_response_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
discard_response_cb (RhCardEditorWindow *self,
                     const char         *response,
                     AdwMessageDialog   *dialog)
{
  if (g_strcmp0 (response, "discard") == 0)
    {
      self->closing = TRUE;
      gtk_window_close (GTK_WINDOW (self));
    }
  else
    rh_card_editor_focus (self->editor);
}

/* Escape, Cancel and the close button: edits are not lost without asking. */
static gboolean
rh_card_editor_window_close_request (GtkWindow *window)
{
  RhCardEditorWindow *self = RH_CARD_EDITOR_WINDOW (window);
  AdwMessageDialog *dialog;

  if (self->closing || !rh_card_editor_get_modified (self->editor))
    return GTK_WINDOW_CLASS (rh_card_editor_window_parent_class)->close_request (window);

  dialog = new_question (self, _("Discard Changes?"),
                         rh_card_get_row_id (self->card) > 0
                         ? _("The changes to this card have not been saved.")
                         : _("This card has not been saved."),
                         "discard", _("Discard"));
  g_signal_connect_object (dialog, "response", G_CALLBACK (discard_response_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));

  return TRUE;
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  RhCardEditorWindow *self = RH_CARD_EDITOR_WINDOW (widget);
  g_autoptr(RhCard) edited = NULL;
  g_autoptr(GError) error = NULL;
  gboolean saved, added;

  /* Edit a copy so that a failed save leaves the card as it was. */
  edited = rh_card_new (rh_card_get_uid (self->card));
  rh_card_update_from (edited, self->card);

  if (!rh_card_editor_apply (self->editor, edited, &error))
    return;

  if (rh_card_get_row_id (edited) > 0)
    saved = rh_deck_store_update_card (self->database, edited, &error);
  else
    saved = rh_deck_store_create_card (self->database, edited, &error);

  if (!saved)
    {
      rh_card_editor_show_error (self->editor, error);
      return;
    }

  added = rh_card_get_row_id (self->card) == 0;
  g_set_object (&self->card, edited);
  g_signal_emit (self, signals[SAVED], 0, self->card, added);

  self->closing = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

static void
rh_card_editor_window_dispose (GObject *object)
{
  RhCardEditorWindow *self = (RhCardEditorWindow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), RH_TYPE_CARD_EDITOR_WINDOW);
  g_clear_object (&self->card);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (rh_card_editor_window_parent_class)->dispose (object);
}

static void
rh_card_editor_window_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  RhCardEditorWindow *self = RH_CARD_EDITOR_WINDOW (object);

  switch (prop_id)
    {
    case PROP_TEMPLATE:
      g_value_set_string (value, template_nick (self->template_));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rh_card_editor_window_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  RhCardEditorWindow *self = RH_CARD_EDITOR_WINDOW (object);

  switch (prop_id)
    {
    case PROP_TEMPLATE:
      set_template (self, g_strcmp0 (g_value_get_string (value), "project") == 0
                          ? RH_CARD_TEMPLATE_PROJECT : RH_CARD_TEMPLATE_BLANK);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rh_card_editor_window_class_init (RhCardEditorWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = rh_card_editor_window_dispose;
  object_class->get_property = rh_card_editor_window_get_property;
  object_class->set_property = rh_card_editor_window_set_property;
  window_class->close_request = rh_card_editor_window_close_request;

  /* "blank" or "project", as the template buttons' targets say. */
  properties[PROP_TEMPLATE] =
    g_param_spec_string ("template", NULL, NULL, "blank",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RhCardEditorWindow::saved:
   * @card: the card as stored
   * @added: whether it is a new card
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 2, RH_TYPE_CARD, G_TYPE_BOOLEAN);

  g_type_ensure (RH_TYPE_CARD_EDITOR);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/rh-card-editor-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RhCardEditorWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, RhCardEditorWindow, template_bar);
  gtk_widget_class_bind_template_child (widget_class, RhCardEditorWindow, editor);

  /* The names the editor's own buttons use on the Study page. */
  gtk_widget_class_install_action (widget_class, "card.save-edit", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "card.cancel-edit", NULL, cancel_action);
  gtk_widget_class_install_property_action (widget_class, "card-window.template", "template");

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "card.save-edit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "card.cancel-edit", NULL);
}

static void
rh_card_editor_window_init (RhCardEditorWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  rh_card_editor_set_title (self->editor, NULL);
  rh_card_editor_set_show_buttons (self->editor, FALSE);
}

static RhCardEditorWindow *
new_window (GtkWindow  *parent,
            RhDatabase *database,
            RhCard     *card)
{
  RhCardEditorWindow *self = g_object_new (RH_TYPE_CARD_EDITOR_WINDOW,
                                           "transient-for", parent,
                                           "application", parent ? gtk_window_get_application (parent) : NULL,
                                           NULL);

  self->database = g_object_ref (database);
  self->card = g_object_ref (card);
  rh_card_editor_set_database (self->editor, database);
  rh_card_editor_load (self->editor, card);

  return self;
}

/**
 * rh_card_editor_window_new:
 * @parent: (nullable): the window it is for
 * @topic_path: (nullable): the topic the card starts in
 *
 * Returns: (transfer none): a window writing a new card, not yet shown
 */
RhCardEditorWindow *
rh_card_editor_window_new (GtkWindow  *parent,
                           RhDatabase *database,
                           const char *topic_path)
{
  g_autoptr(RhCard) card = rh_card_new ("");
  RhCardEditorWindow *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (RH_IS_DATABASE (database), NULL);

  rh_card_set_topic (card, topic_path ? topic_path : "");
  self = new_window (parent, database, card);
  rh_card_editor_focus_first_empty (self->editor);

  return self;
}

/**
 * rh_card_editor_window_new_for_card:
 * @card: a stored card
 *
 * Returns: (transfer none): a window editing @card, not yet shown
 */
RhCardEditorWindow *
rh_card_editor_window_new_for_card (GtkWindow  *parent,
                                    RhDatabase *database,
                                    RhCard     *card)
{
  g_autoptr(RhCard) copy = NULL;
  RhCardEditorWindow *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (RH_IS_DATABASE (database), NULL);
  g_return_val_if_fail (RH_IS_CARD (card) && rh_card_get_row_id (card) > 0, NULL);

  copy = rh_card_new (rh_card_get_uid (card));
  rh_card_update_from (copy, card);
  self = new_window (parent, database, copy);
  gtk_window_set_title (GTK_WINDOW (self), _("Edit Card"));
  adw_window_title_set_title (self->window_title, _("Edit Card"));
  gtk_widget_set_visible (self->template_bar, FALSE);
  rh_card_editor_focus (self->editor);

  return self;
}

/* The editor, for tests and for a caller that fills it. */
RhCardEditor *
rh_card_editor_window_get_editor (RhCardEditorWindow *self)
{
  g_return_val_if_fail (RH_IS_CARD_EDITOR_WINDOW (self), NULL);

  return self->editor;
}

/* The card as it was loaded or last saved. */
RhCard *
rh_card_editor_window_get_card (RhCardEditorWindow *self)
{
  g_return_val_if_fail (RH_IS_CARD_EDITOR_WINDOW (self), NULL);

  return self->card;
}
