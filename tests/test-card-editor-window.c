/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <gtksourceview/gtksource.h>
#include <string.h>

#include "rh-card-editor-window.h"
#include "rh-markdown-view.h"
#include "rh-test-utils.h"
#include "rh-test-widget-utils.h"

static const char deck[] =
  "{\"rehearse_deck\": 1, \"cards\": ["
  " {\"id\": \"chan\", \"topic\": \"Go::并发\", \"front\": \"无缓冲 channel 的发送什么时候返回？\","
  "  \"back\": \"接收方取走数据时。\", \"tags\": [\"go\"], \"follow_ups\": [\"hchan\"]},"
  " {\"id\": \"hchan\", \"topic\": \"Go::并发\", \"front\": \"hchan 里有什么？\", \"back\": \"buf、sendq、recvq、lock。\","
  "  \"tags\": [\"go\", \"runtime\"]},"
  " {\"id\": \"gmp\", \"topic\": \"Go::调度\", \"front\": \"What are G, M and P?\", \"back\": \"Goroutines, threads, processors.\"}"
  "]}";

typedef struct
{
  RhDatabase         *db;
  RhCardEditorWindow *window;
  RhCard             *saved;
  gboolean            added;
} Fixture;

static void
saved_cb (RhCardEditorWindow *window,
          RhCard             *card,
          gboolean            added,
          Fixture            *f)
{
  g_set_object (&f->saved, card);
  f->added = added;
}

static void
open_window (Fixture            *f,
             RhCardEditorWindow *window)
{
  /* Held by the test, so that its finalization can be asserted. */
  f->window = g_object_ref (window);
  g_signal_connect (window, "saved", G_CALLBACK (saved_cb), f);
  gtk_window_present (GTK_WINDOW (window));
  rh_test_settle ();
}

static gboolean
window_is_open (Fixture *f)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (toplevel == GTK_WINDOW (f->window))
        return TRUE;
    }

  return FALSE;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->db = rh_test_open_database (":memory:", NULL);
  rh_test_import (f->db, deck, NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  /* A question left open goes first: it holds its parent. */
  for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i - 1);

      if (ADW_IS_MESSAGE_DIALOG (toplevel))
        gtk_window_destroy (toplevel);
    }

  /* Completions read on a worker report in an idle. */
  while (g_main_context_iteration (NULL, FALSE))
    ;

  if (f->window != NULL)
    {
      if (window_is_open (f))
        gtk_window_destroy (GTK_WINDOW (f->window));
      g_assert_finalize_object (f->window);
    }
  if (f->saved != NULL)
    g_assert_finalize_object (f->saved);
  g_assert_finalize_object (f->db);
}

static gint64
query (Fixture    *f,
       const char *sql)
{
  return rh_test_query_int (f->db, sql);
}

static void
activate (Fixture    *f,
          const char *action,
          GVariant   *parameter)
{
  g_autoptr(GVariant) owned = parameter ? g_variant_ref_sink (parameter) : NULL;

  GtkWidget *widget = GTK_WIDGET (f->window);

  /* The editor's own actions act on the editor, below the window. */
  if (g_str_has_prefix (action, "editor."))
    widget = GTK_WIDGET (rh_card_editor_window_get_editor (f->window));

  g_assert_true (gtk_widget_activate_action_variant (widget, action, owned));
}

/* The @n-th widget of @type in the window: the source views are the
 * question's, then the answer's. */
static GtkWidget *
find (Fixture *f,
      GType    type,
      guint    n)
{
  return rh_test_find_nth (GTK_WIDGET (f->window), type, n);
}

static GtkEditable *
topic_entry (Fixture *f)
{
  return GTK_EDITABLE (find (f, GTK_TYPE_ENTRY, 0));
}

static GtkEditable *
tags_entry (Fixture *f)
{
  return GTK_EDITABLE (find (f, GTK_TYPE_ENTRY, 1));
}

static GtkTextBuffer *
buffer (Fixture *f,
        guint    n)
{
  return gtk_text_view_get_buffer (GTK_TEXT_VIEW (find (f, GTK_SOURCE_TYPE_VIEW, n)));
}

static char *
dup_buffer_text (GtkTextBuffer *text)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (text, &start, &end);

  return gtk_text_buffer_get_text (text, &start, &end, FALSE);
}

static AdwMessageDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel))
        return ADW_MESSAGE_DIALOG (toplevel);
    }

  return NULL;
}

/* The search waits for typing to pause; wait for what it finds. */
static GtkListBox *
wait_for_results (Fixture *f)
{
  GtkListBox *results = GTK_LIST_BOX (find (f, GTK_TYPE_LIST_BOX, 2));
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!gtk_widget_get_visible (GTK_WIDGET (results)))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
    }

  return results;
}

/* A project card from the template, as the first step: the
 * template fills the fields, the user edits them and picks a follow-up,
 * and Save writes one card in a new topic, then closes. */
static void
test_new_project_card (Fixture       *f,
                       gconstpointer  data)
{
  RhCardEditor *editor;
  g_autofree char *front = NULL;
  g_autofree char *back = NULL;
  GtkListBox *follow_ups;
  GtkListBox *results;
  GtkWidget *search;

  open_window (f, rh_card_editor_window_new (NULL, f->db, "Go::调度"));
  editor = rh_card_editor_window_get_editor (f->window);
  g_assert_cmpstr (gtk_editable_get_text (topic_entry (f)), ==, "Go::调度");
  g_assert_false (rh_card_editor_get_modified (editor));

  activate (f, "card-window.template", g_variant_new_string ("project"));
  front = dup_buffer_text (buffer (f, 0));
  back = dup_buffer_text (buffer (f, 1));
  g_assert_cmpstr (front, ==, "Walk me through your project: …");
  g_assert_nonnull (strstr (back, "## Background"));
  g_assert_nonnull (strstr (back, "## Retrospective"));
  g_assert_cmpstr (gtk_editable_get_text (tags_entry (f)), ==, "project");
  g_assert_cmpstr (gtk_editable_get_text (topic_entry (f)), ==, "Go::调度");
  /* The preview shows the card as the Study page would. */
  g_assert_nonnull (rh_test_find_label (GTK_WIDGET (f->window), "Walk me through your project: …"));
  g_assert_nonnull (rh_test_find_label (GTK_WIDGET (f->window), "Retrospective"));

  gtk_editable_set_text (topic_entry (f), "Projects::Rehearse");
  gtk_editable_set_text (tags_entry (f), "project, 项目，gtk");
  gtk_text_buffer_set_text (buffer (f, 0), "Walk me through your project: Rehearse", -1);
  g_assert_true (rh_card_editor_get_modified (editor));
  g_assert_nonnull (rh_test_find_label (GTK_WIDGET (f->window), "Walk me through your project: Rehearse"));

  /* A follow-up found by search, Enter taking the best match. */
  search = find (f, GTK_TYPE_SEARCH_ENTRY, 0);
  gtk_editable_set_text (GTK_EDITABLE (search), "hchan");
  results = wait_for_results (f);
  g_assert_cmpuint (rh_test_count_rows (results), ==, 1);
  g_signal_emit_by_name (search, "activate");
  follow_ups = GTK_LIST_BOX (find (f, GTK_TYPE_LIST_BOX, 1));
  g_assert_cmpuint (rh_test_count_rows (follow_ups), ==, 1);
  /* Found once: a card already asked is not offered again. */
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (results)));

  activate (f, "card.save-edit", NULL);
  g_assert_false (window_is_open (f));
  g_assert_nonnull (f->saved);
  g_assert_true (f->added);
  g_assert_true (g_str_has_prefix (rh_card_get_uid (f->saved), "user-"));

  g_assert_cmpint (query (f, "SELECT count(*) FROM cards;"), ==, 4);
  g_assert_cmpint (query (f, "SELECT count(*) FROM cards c JOIN topics t ON t.id = c.topic_id"
                             " WHERE t.path = 'Projects::Rehearse' AND c.uid LIKE 'user-%'"
                             " AND c.front = 'Walk me through your project: Rehearse' AND c.kind = 'behavioral'"
                             " AND c.seconds = 300 AND c.tags = 'project' || char (10) || '项目' || char (10) || 'gtk'"
                             " AND c.back LIKE '## Background%';"), ==, 1);
  g_assert_cmpint (query (f, "SELECT count(*) FROM follow_ups fu JOIN cards f ON f.id = fu.follow_up_id"
                             " WHERE f.uid = 'hchan' AND fu.card_id = (SELECT id FROM cards WHERE uid LIKE 'user-%');"),
                   ==, 1);
  g_assert_cmpint (query (f, "SELECT cards FROM topic_counts WHERE topic_id = (SELECT id FROM topics WHERE path = 'Projects::Rehearse');"),
                   ==, 1);
}

/* Closing with edits asks first; Keep Editing keeps the window and the
 * edits, Discard closes it and writes nothing. */
static void
test_discard_prompt (Fixture       *f,
                     gconstpointer  data)
{
  AdwMessageDialog *dialog;

  open_window (f, rh_card_editor_window_new (NULL, f->db, NULL));
  gtk_text_buffer_set_text (buffer (f, 0), "A question I will not keep", -1);

  activate (f, "card.cancel-edit", NULL);
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Discard Changes?");
  g_assert_true (window_is_open (f));
  adw_message_dialog_response (dialog, "keep");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_true (window_is_open (f));
  g_assert_true (rh_card_editor_get_modified (rh_card_editor_window_get_editor (f->window)));

  gtk_window_close (GTK_WINDOW (f->window));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "discard");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_false (window_is_open (f));
  g_assert_null (f->saved);
  g_assert_cmpint (query (f, "SELECT count(*) FROM cards;"), ==, 3);
}

/* Without edits there is nothing to lose: it closes at once. */
static void
test_close_unmodified (Fixture       *f,
                       gconstpointer  data)
{
  open_window (f, rh_card_editor_window_new (NULL, f->db, "Go"));
  activate (f, "card-window.template", g_variant_new_string ("project"));
  activate (f, "card.cancel-edit", NULL);
  g_assert_null (find_dialog ());
  g_assert_false (window_is_open (f));
}

/* A refused field says why beside it; nothing is written and the window
 * stays open with the text. */
static void
test_validation (Fixture       *f,
                 gconstpointer  data)
{
  open_window (f, rh_card_editor_window_new (NULL, f->db, "Go"));
  gtk_text_buffer_set_text (buffer (f, 1), "An answer without a question", -1);

  g_assert_null (rh_test_find_label (GTK_WIDGET (f->window), "Must not be empty"));
  activate (f, "card.save-edit", NULL);
  g_assert_true (window_is_open (f));
  g_assert_nonnull (rh_test_find_label (GTK_WIDGET (f->window), "Must not be empty"));
  g_assert_cmpint (query (f, "SELECT count(*) FROM cards;"), ==, 3);

  gtk_text_buffer_set_text (buffer (f, 0), "A question", -1);
  gtk_editable_set_text (tags_entry (f), "go, go");
  activate (f, "card.save-edit", NULL);
  g_assert_true (window_is_open (f));
  g_assert_null (rh_test_find_label (GTK_WIDGET (f->window), "Must not be empty"));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (gtk_widget_get_ancestor (GTK_WIDGET (tags_entry (f)),
                                                                                          ADW_TYPE_ACTION_ROW))),
                   ==, "“go” is listed twice");
  g_assert_cmpint (query (f, "SELECT count(*) FROM cards;"), ==, 3);

  gtk_editable_set_text (tags_entry (f), "go");
  activate (f, "card.save-edit", NULL);
  g_assert_false (window_is_open (f));
  g_assert_cmpint (query (f, "SELECT count(*) FROM cards;"), ==, 4);
}

/* The same editor on a stored card saves kind, seconds and follow-ups,
 * and reorders and removes follow-ups. */
static void
test_edit_card (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(RhCard) card = rh_deck_store_dup_card_by_uid (f->db, "chan", NULL);
  GtkListBox *follow_ups;
  GtkWidget *search;

  open_window (f, rh_card_editor_window_new_for_card (NULL, f->db, card));
  follow_ups = GTK_LIST_BOX (find (f, GTK_TYPE_LIST_BOX, 1));
  g_assert_cmpuint (rh_test_count_rows (follow_ups), ==, 1);

  search = find (f, GTK_TYPE_SEARCH_ENTRY, 0);
  gtk_editable_set_text (GTK_EDITABLE (search), "G M P");
  wait_for_results (f);
  g_signal_emit_by_name (search, "activate");
  g_assert_cmpuint (rh_test_count_rows (follow_ups), ==, 2);

  /* gmp first, then hchan. */
  activate (f, "editor.move-follow-up-up", g_variant_new_int32 (1));
  adw_combo_row_set_selected (ADW_COMBO_ROW (find (f, ADW_TYPE_COMBO_ROW, 0)), RH_CARD_KIND_CODING);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (find (f, GTK_TYPE_SPIN_BUTTON, 0)), 240);

  activate (f, "card.save-edit", NULL);
  g_assert_false (window_is_open (f));
  g_assert_false (f->added);
  g_assert_cmpint (query (f, "SELECT count(*) FROM cards WHERE uid = 'chan' AND kind = 'coding' AND seconds = 240;"), ==, 1);
  g_assert_cmpint (query (f, "SELECT f.uid = 'gmp' FROM follow_ups fu JOIN cards f ON f.id = fu.follow_up_id"
                             " WHERE fu.card_id = (SELECT id FROM cards WHERE uid = 'chan') AND fu.position = 0;"), ==, 1);
  g_assert_cmpint (query (f, "SELECT f.uid = 'hchan' FROM follow_ups fu JOIN cards f ON f.id = fu.follow_up_id"
                             " WHERE fu.card_id = (SELECT id FROM cards WHERE uid = 'chan') AND fu.position = 1;"), ==, 1);
  g_assert_cmpint (query (f, "SELECT count(*) FROM cards;"), ==, 3);
}

/* Removing the only follow-up saves an empty list. */
static void
test_remove_follow_up (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(RhCard) card = rh_deck_store_dup_card_by_uid (f->db, "chan", NULL);

  open_window (f, rh_card_editor_window_new_for_card (NULL, f->db, card));
  activate (f, "editor.remove-follow-up", g_variant_new_int32 (0));
  g_assert_cmpuint (rh_test_count_rows (GTK_LIST_BOX (find (f, GTK_TYPE_LIST_BOX, 1))), ==, 0);
  activate (f, "card.save-edit", NULL);
  g_assert_false (window_is_open (f));
  g_assert_cmpint (query (f, "SELECT count(*) FROM follow_ups;"), ==, 0);
}

/* Where @widget starts in @window, to tell beside from under. */
static graphene_point_t
origin_in (GtkWidget *widget,
           GtkWidget *window)
{
  graphene_point_t point = GRAPHENE_POINT_INIT (0, 0);

  g_assert_true (gtk_widget_compute_point (widget, window, &point, &point));
  return point;
}

/* Wide, the preview is beside the Markdown; at 360 px it goes under it,
 * and back beside once the window is wide again. */
static void
test_narrow (Fixture       *f,
             gconstpointer  data)
{
  GtkWidget *question, *preview;
  graphene_point_t q, p;

  open_window (f, rh_card_editor_window_new (NULL, f->db, NULL));
  gtk_window_set_default_size (GTK_WINDOW (f->window), 900, 700);
  rh_test_settle ();
  question = find (f, GTK_SOURCE_TYPE_VIEW, 0);
  preview = find (f, RH_TYPE_MARKDOWN_VIEW, 0);
  q = origin_in (question, GTK_WIDGET (f->window));
  p = origin_in (preview, GTK_WIDGET (f->window));
  g_assert_cmpfloat (p.x, >=, q.x + gtk_widget_get_width (question));

  gtk_window_set_default_size (GTK_WINDOW (f->window), 360, 700);
  rh_test_settle ();
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->window)), <=, 360);
  q = origin_in (question, GTK_WIDGET (f->window));
  p = origin_in (preview, GTK_WIDGET (f->window));
  g_assert_cmpfloat (p.y, >=, q.y + gtk_widget_get_height (question));

  gtk_window_set_default_size (GTK_WINDOW (f->window), 900, 700);
  rh_test_settle ();
  q = origin_in (question, GTK_WIDGET (f->window));
  p = origin_in (preview, GTK_WIDGET (f->window));
  g_assert_cmpfloat (p.x, >=, q.x + gtk_widget_get_width (question));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/card-editor-window/new-project-card", Fixture, NULL, fixture_setup, test_new_project_card, fixture_teardown);
  g_test_add ("/card-editor-window/discard-prompt", Fixture, NULL, fixture_setup, test_discard_prompt, fixture_teardown);
  g_test_add ("/card-editor-window/close-unmodified", Fixture, NULL, fixture_setup, test_close_unmodified, fixture_teardown);
  g_test_add ("/card-editor-window/validation", Fixture, NULL, fixture_setup, test_validation, fixture_teardown);
  g_test_add ("/card-editor-window/edit-card", Fixture, NULL, fixture_setup, test_edit_card, fixture_teardown);
  g_test_add ("/card-editor-window/narrow", Fixture, NULL, fixture_setup, test_narrow, fixture_teardown);
  g_test_add ("/card-editor-window/remove-follow-up", Fixture, NULL, fixture_setup, test_remove_follow_up, fixture_teardown);

  return g_test_run ();
}
