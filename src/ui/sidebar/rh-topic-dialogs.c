/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rh-topic-dialogs"

#include "config.h"

#include <glib/gi18n.h>

#include "rh-button-names.h"
#include "rh-deck-store.h"
#include "rh-topic-dialogs.h"
#include "rh-topic.h"

/* One open dialog: what it is about, and where the answer goes. */
typedef struct
{
  GWeakRef           parent;
  RhDatabase        *database;
  char              *path;
  char              *parent_path;   /* of @path, "" at the top level */
  char              *name;          /* @path's last segment */
  gboolean           move;
  RhTopicDialogFunc  func;
  GtkEditable       *entry;         /* borrowed from the dialog */
  GtkLabel          *message;
} Ask;

static void
ask_free (gpointer data)
{
  Ask *ask = data;

  g_weak_ref_clear (&ask->parent);
  g_clear_object (&ask->database);
  g_free (ask->path);
  g_free (ask->parent_path);
  g_free (ask->name);
  g_free (ask);
}

static Ask *
ask_new (GtkWindow         *parent,
         RhDatabase        *database,
         const char        *path,
         RhTopicDialogFunc  func)
{
  Ask *ask = g_new0 (Ask, 1);

  g_weak_ref_init (&ask->parent, parent);
  ask->database = g_object_ref (database);
  ask->path = g_strdup (path);
  ask->parent_path = rh_topic_path_dup_parent (path);
  ask->name = g_strdup (path + (*ask->parent_path ? strlen (ask->parent_path) + strlen (RH_TOPIC_SEPARATOR) : 0));
  ask->func = func;

  return ask;
}

static void
ask_done (Ask        *ask,
          const char *new_path)
{
  g_autoptr(GtkWindow) parent = g_weak_ref_get (&ask->parent);

  if (parent != NULL)
    ask->func (parent, ask->path, new_path);
}

/* The path the entry asks for: a new name beside the old one, or the old
 * name under a new parent; "" when there is no name. */
static char *
dup_new_path (Ask *ask)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (ask->entry)));

  if (ask->move)
    return *text ? g_strjoin (RH_TOPIC_SEPARATOR, text, ask->name, NULL) : g_strdup (ask->name);

  if (*text == '\0')
    return g_strdup ("");

  return *ask->parent_path ? g_strjoin (RH_TOPIC_SEPARATOR, ask->parent_path, text, NULL) : g_strdup (text);
}

static void
entry_changed_cb (GtkEditable      *entry,
                  AdwMessageDialog *dialog)
{
  Ask *ask = g_object_get_data (G_OBJECT (dialog), "rh-ask");
  g_autofree char *new_path = dup_new_path (ask);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = rh_deck_store_check_rename_topic (ask->database, ask->path, new_path, &error);
  gtk_label_set_text (ask->message, ok ? "" : error->message);
  gtk_widget_set_visible (GTK_WIDGET (ask->message), !ok);
  /* The same path is nothing to do. */
  adw_message_dialog_set_response_enabled (dialog, "apply", ok && g_strcmp0 (new_path, ask->path) != 0);
  gtk_accessible_update_state (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_STATE_INVALID,
                               ok ? GTK_ACCESSIBLE_INVALID_FALSE : GTK_ACCESSIBLE_INVALID_TRUE, -1);
}

static void
rename_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    gpointer          user_data)
{
  Ask *ask = g_object_get_data (G_OBJECT (dialog), "rh-ask");
  g_autofree char *new_path = NULL;

  if (g_strcmp0 (response, "apply") != 0)
    return;

  new_path = dup_new_path (ask);
  ask_done (ask, new_path);
}

static void
delete_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    gpointer          user_data)
{
  Ask *ask = g_object_get_data (G_OBJECT (dialog), "rh-ask");

  if (g_strcmp0 (response, "delete") == 0)
    ask_done (ask, NULL);
}

/* Enter in the entry answers, when the answer can be given, and closes
 * the dialog as its button would. */
static void
entry_activate_cb (GtkEntry         *entry,
                   AdwMessageDialog *dialog)
{
  if (!adw_message_dialog_get_response_enabled (dialog, "apply"))
    return;

  adw_message_dialog_response (dialog, "apply");
  gtk_window_close (GTK_WINDOW (dialog));
}

GtkWidget *
rh_topic_dialogs_ask_rename (GtkWindow         *parent,
                             RhDatabase        *database,
                             const char        *path,
                             gboolean           move,
                             RhTopicDialogFunc  func)
{
  Ask *ask;
  GtkWidget *dialog, *box, *entry, *label, *message;
  g_autofree char *body = NULL;

  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (RH_IS_DATABASE (database), NULL);
  g_return_val_if_fail (path != NULL && *path != '\0', NULL);
  g_return_val_if_fail (func != NULL, NULL);

  ask = ask_new (parent, database, path, func);
  ask->move = move;

  if (move)
    /* Translators: %s is a topic path */
    body = g_strdup_printf (_("Choose the topic to put “%s” in, with its cards and subtopics. Leave it empty for the top level."),
                            path);
  else
    /* Translators: %s is a topic path */
    body = g_strdup_printf (_("“%s” keeps its cards and subtopics."), path);

  dialog = adw_message_dialog_new (parent, move ? _("Move Topic") : _("Rename Topic"), body);
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  g_object_set_data_full (G_OBJECT (dialog), "rh-ask", ask, ask_free);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  label = gtk_label_new_with_mnemonic (move ? _("_Parent topic") : _("_Name"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  entry = gtk_entry_new ();
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), entry);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  move ? _("Parent topic") : _("Name"), -1);
  if (move)
    {
      gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Top level"));
      gtk_editable_set_text (GTK_EDITABLE (entry), ask->parent_path);
    }
  else
    gtk_editable_set_text (GTK_EDITABLE (entry), ask->name);
  message = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (message), TRUE);
  gtk_label_set_xalign (GTK_LABEL (message), 0);
  gtk_widget_add_css_class (message, "error");
  gtk_widget_set_visible (message, FALSE);
  /* Read out with the entry, as it changes. */
  gtk_accessible_update_relation (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, message, NULL, -1);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), message);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);

  ask->entry = GTK_EDITABLE (entry);
  ask->message = GTK_LABEL (message);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "apply", move ? _("_Move") : _("_Rename"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "apply", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "apply");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  rh_button_names_drop_mnemonics (dialog);

  g_signal_connect_object (entry, "changed", G_CALLBACK (entry_changed_cb), dialog, 0);
  g_signal_connect_object (entry, "activate", G_CALLBACK (entry_activate_cb), dialog, 0);
  g_signal_connect (dialog, "response", G_CALLBACK (rename_response_cb), NULL);
  entry_changed_cb (GTK_EDITABLE (entry), ADW_MESSAGE_DIALOG (dialog));

  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
  gtk_editable_select_region (GTK_EDITABLE (entry), 0, -1);

  return dialog;
}

GtkWidget *
rh_topic_dialogs_ask_delete (GtkWindow         *parent,
                             RhDatabase        *database,
                             const char        *path,
                             RhTopicDialogFunc  func)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (RH_IS_DATABASE (database), NULL);
  g_return_val_if_fail (path != NULL && *path != '\0', NULL);
  g_return_val_if_fail (func != NULL, NULL);

  if (!rh_deck_store_check_delete_topic (database, path, &error))
    {
      dialog = adw_message_dialog_new (parent, _("Could Not Delete Topic"), error->message);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("Close"));
    }
  else
    {
      /* Translators: %s is a topic path */
      body = g_strdup_printf (_("“%s” holds no cards. It and its subtopics will be deleted."), path);
      dialog = adw_message_dialog_new (parent, _("Delete Topic?"), body);
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                        "cancel", _("_Cancel"),
                                        "delete", _("_Delete"),
                                        NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete", ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
      adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
      g_object_set_data_full (G_OBJECT (dialog), "rh-ask", ask_new (parent, database, path, func), ask_free);
      g_signal_connect (dialog, "response", G_CALLBACK (delete_response_cb), NULL);
    }

  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  rh_button_names_drop_mnemonics (dialog);
  gtk_window_present (GTK_WINDOW (dialog));

  return dialog;
}
