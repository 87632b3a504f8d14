/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rh-entry-completion"

#include "config.h"

#include "rh-deck-store.h"
#include "rh-entry-completion.h"

/* What a tag completion keeps, as data on its GtkEntryCompletion. */
typedef struct
{
  RhDatabase   *database;
  GCancellable *cancellable;
  gboolean      many;           /* a comma-separated list, or one tag */
  gboolean      listed;
} Tags;

#define TAGS_KEY "rh-entry-completion-tags"

static void
tags_free (Tags *tags)
{
  g_cancellable_cancel (tags->cancellable);
  g_clear_object (&tags->cancellable);
  g_clear_object (&tags->database);
  g_free (tags);
}

static GtkEntryCompletion *
completion_new (GtkEntry *entry)
{
  GtkEntryCompletion *completion = gtk_entry_completion_new ();
  GtkListStore *store = gtk_list_store_new (1, G_TYPE_STRING);

  gtk_entry_completion_set_model (completion, GTK_TREE_MODEL (store));
  gtk_entry_completion_set_text_column (completion, 0);
  gtk_entry_set_completion (entry, completion);
  g_object_unref (store);
  g_object_unref (completion);

  return completion;
}

static void
fill_store (GtkEntryCompletion *completion,
            const char * const *strings)
{
  GtkListStore *store = GTK_LIST_STORE (gtk_entry_completion_get_model (completion));

  gtk_list_store_clear (store);
  for (guint i = 0; strings && strings[i]; i++)
    gtk_list_store_insert_with_values (store, NULL, -1, 0, strings[i], -1);
}

static gboolean
topic_match_func (GtkEntryCompletion *completion,
                  const char         *key,
                  GtkTreeIter        *iter,
                  gpointer            user_data)
{
  g_autofree char *path = NULL;
  g_autofree char *folded = NULL;

  gtk_tree_model_get (gtk_entry_completion_get_model (completion), iter, 0, &path, -1);
  if (path == NULL || *key == '\0')
    return FALSE;

  /* The key comes casefolded. */
  folded = g_utf8_casefold (path, -1);

  return strstr (folded, key) != NULL;
}

void
rh_entry_complete_topics (GtkEntry   *entry,
                          RhDatabase *database)
{
  GtkEntryCompletion *completion;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) paths = NULL;

  g_return_if_fail (GTK_IS_ENTRY (entry));
  g_return_if_fail (!database || RH_IS_DATABASE (database));

  if (!(completion = gtk_entry_get_completion (entry)))
    {
      completion = completion_new (entry);
      gtk_entry_completion_set_match_func (completion, topic_match_func, NULL, NULL);
    }

  if (database == NULL)
    fill_store (completion, NULL);
  else if ((paths = rh_deck_store_dup_topic_paths (database, &error)))
    fill_store (completion, (const char * const *)paths);
  else
    g_debug ("No topics to complete: %s", error->message);
}

/* The tag being typed: what follows the last comma, ASCII or Chinese. */
static const char *
last_tag_start (const char *text)
{
  const char *start = text;

  for (const char *at = text; *at; at = g_utf8_next_char (at))
    {
      gunichar c = g_utf8_get_char (at);

      if (c == ',' || c == 0xFF0C || c == 0x3001)
        start = g_utf8_next_char (at);
    }

  while (*start == ' ')
    start++;

  return start;
}

static gboolean
tag_match_func (GtkEntryCompletion *completion,
                const char         *key,
                GtkTreeIter        *iter,
                gpointer            user_data)
{
  GtkEntry *entry = user_data;
  g_autofree char *tag = NULL;
  g_autofree char *folded_tag = NULL;
  g_autofree char *folded_word = NULL;
  const char *word = last_tag_start (gtk_editable_get_text (GTK_EDITABLE (entry)));

  gtk_tree_model_get (gtk_entry_completion_get_model (completion), iter, 0, &tag, -1);
  if (tag == NULL || *word == '\0')
    return FALSE;

  folded_tag = g_utf8_casefold (tag, -1);
  folded_word = g_utf8_casefold (word, -1);

  return g_str_has_prefix (folded_tag, folded_word) && strcmp (folded_tag, folded_word) != 0;
}

/* A chosen tag replaces the one being typed, not the whole list. */
static gboolean
tag_match_selected_cb (GtkEntryCompletion *completion,
                       GtkTreeModel       *model,
                       GtkTreeIter        *iter,
                       GtkEntry           *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autofree char *tag = NULL;
  g_autofree char *head = NULL;
  g_autofree char *replaced = NULL;
  Tags *tags = g_object_get_data (G_OBJECT (completion), TAGS_KEY);

  /* One tag: the completion's own insert, the whole text. */
  if (tags == NULL || !tags->many)
    return FALSE;

  gtk_tree_model_get (model, iter, 0, &tag, -1);
  head = g_strndup (text, last_tag_start (text) - text);
  replaced = g_strconcat (head, tag, ", ", NULL);
  gtk_editable_set_text (GTK_EDITABLE (entry), replaced);
  gtk_editable_set_position (GTK_EDITABLE (entry), -1);

  return TRUE;
}

static void
tags_listed_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GtkEntryCompletion) completion = user_data;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) tags = rh_deck_store_list_tags_finish (RH_DATABASE (object), result, &error);

  if (tags == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("No tags to complete: %s", error->message);
      return;
    }

  fill_store (completion, (const char * const *)tags);
}

static void
list_tags (GtkEntry *entry)
{
  GtkEntryCompletion *completion = gtk_entry_get_completion (entry);
  Tags *tags = completion ? g_object_get_data (G_OBJECT (completion), TAGS_KEY) : NULL;

  if (tags == NULL || tags->listed || tags->database == NULL)
    return;

  tags->listed = TRUE;
  tags->cancellable = g_cancellable_new ();
  rh_deck_store_list_tags_async (tags->database, tags->cancellable, tags_listed_cb, g_object_ref (completion));
}

static void
tags_focus_enter_cb (GtkEventControllerFocus *controller,
                     gpointer                 user_data)
{
  list_tags (GTK_ENTRY (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller))));
}

void
rh_entry_complete_tags (GtkEntry    *entry,
                        RhDatabase  *database,
                        RhEntryTags  flags)
{
  GtkEntryCompletion *completion;
  Tags *tags;

  g_return_if_fail (GTK_IS_ENTRY (entry));
  g_return_if_fail (!database || RH_IS_DATABASE (database));

  if (!(completion = gtk_entry_get_completion (entry)))
    {
      GtkEventController *focus = gtk_event_controller_focus_new ();

      completion = completion_new (entry);
      gtk_entry_completion_set_match_func (completion, tag_match_func, entry, NULL);
      g_signal_connect_object (completion, "match-selected", G_CALLBACK (tag_match_selected_cb), entry, 0);
      g_signal_connect (focus, "enter", G_CALLBACK (tags_focus_enter_cb), NULL);
      gtk_widget_add_controller (GTK_WIDGET (entry), focus);
    }

  /* A fresh state: the deck is read again at the next focus. */
  tags = g_new0 (Tags, 1);
  tags->database = database ? g_object_ref (database) : NULL;
  tags->many = (flags & RH_ENTRY_TAGS_MANY) != 0;
  g_object_set_data_full (G_OBJECT (completion), TAGS_KEY, tags, (GDestroyNotify)tags_free);
  fill_store (completion, NULL);

  if ((flags & RH_ENTRY_TAGS_READ_NOW) || gtk_widget_has_focus (GTK_WIDGET (entry)))
    list_tags (entry);
}
