/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <gtksourceview/gtksource.h>

#include "rh-button-names.h"
#include "rh-card-editor-window.h"
#include "rh-study-page.h"
#include "rh-test-utils.h"
#include "rh-test-widget-utils.h"
#include "rh-card-info.h"
#include "rh-window.h"

static const char deck[] =
  "{\"rehearse_deck\": 1, \"cards\": ["
  " {\"id\": \"gmp\", \"topic\": \"Go::调度\", \"front\": \"讲讲 GMP\", \"back\": \"G M P\"},"
  " {\"id\": \"gc\", \"topic\": \"Go::GC\", \"front\": \"三色标记\", \"back\": \"…\"},"
  " {\"id\": \"rdb\", \"topic\": \"Redis\", \"front\": \"RDB\", \"back\": \"快照\"}"
  "]}";

/* Iterates the main context until @done or a generous deadline. */
static void
wait_until (gboolean (*done) (gpointer),
            gpointer   data)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!done (data))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
    }
}

static gboolean
import_done (gpointer data)
{
  return !rh_window_get_importing (data);
}

/* The card browser is the column view whose items are cards. */
static GtkWidget *
find_card_list (GtkWidget *widget)
{
  if (GTK_IS_COLUMN_VIEW (widget))
    {
      GtkSelectionModel *model = gtk_column_view_get_model (GTK_COLUMN_VIEW (widget));

      if (GTK_IS_MULTI_SELECTION (model) &&
          g_list_model_get_item_type (gtk_multi_selection_get_model (GTK_MULTI_SELECTION (model))) == RH_TYPE_CARD)
        return widget;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_card_list (child);

      if (found)
        return found;
    }

  return NULL;
}

static GtkWidget *
find_css_name (GtkWidget  *widget,
               const char *name)
{
  if (g_strcmp0 (gtk_widget_get_css_name (widget), name) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_css_name (child, name);

      if (found)
        return found;
    }

  return NULL;
}

/* The text a toast shows, as the user reads it: its label outside the
 * buttons. */
static const char *
find_toast_title (GtkWidget *widget)
{
  if (GTK_IS_BUTTON (widget))
    return NULL;

  if (GTK_IS_LABEL (widget))
    return gtk_label_get_text (GTK_LABEL (widget));

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      const char *found = find_toast_title (child);

      if (found)
        return found;
    }

  return NULL;
}

static GListModel *
card_model (RhWindow *window)
{
  GtkWidget *view = find_card_list (GTK_WIDGET (window));

  g_assert_nonnull (view);

  return G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (view)));
}

/* The newest message dialog with @heading, or %NULL. */
static AdwMessageDialog *
find_message (const char *heading)
{
  AdwMessageDialog *found = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (gtk_window_get_toplevels ()); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (gtk_window_get_toplevels (), i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel) &&
          (heading == NULL ||
           g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (toplevel)), heading) == 0))
        found = ADW_MESSAGE_DIALOG (toplevel);
    }

  return found;
}

static gboolean
no_message (gpointer data)
{
  return find_message (NULL) == NULL;
}

static gboolean
report_shown (gpointer data)
{
  return find_message (data) != NULL;
}

static gboolean
window_drawn (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

static void
test_window_topics (void)
{
  g_autoptr(RhDatabase) db = rh_test_open_database (":memory:", NULL);
  g_autofree char *dir = g_dir_make_tmp ("rehearse-window-XXXXXX", NULL);
  g_autofree char *more = rh_test_make_deck (5, "MySQL::Index", "mysql");
  g_autofree char *more_path = rh_test_write_file (dir, "more.json", more);
  g_autofree char *bad_path = rh_test_write_file (dir, "bad.json", "{");
  g_autofree char *export_path = g_build_filename (dir, "export.json", NULL);
  g_autoptr(GFile) more_file = g_file_new_for_path (more_path);
  g_autoptr(GFile) bad_file = g_file_new_for_path (bad_path);
  g_autoptr(GFile) export_file = g_file_new_for_path (export_path);
  g_autoptr(RhDeck) exported = NULL;
  g_autoptr(GError) error = NULL;
  RhWindow *window;
  RhTopic *topic;
  GtkWindow *dialog;

  rh_test_import (db, deck, NULL);

  /* Held by the test so that its finalization can be asserted. */
  window = g_object_ref_sink (rh_window_new (NULL, db));
  gtk_window_present (GTK_WINDOW (window));
  wait_until (window_drawn, window);

  /* "All Topics" starts selected and lists every card. */
  topic = rh_window_get_selected_topic (window);
  g_assert_nonnull (topic);
  g_assert_true (rh_topic_is_root (topic));
  g_assert_cmpuint (rh_topic_get_total_count (topic), ==, 3);

  /* The card browser reads its list when first shown, not at startup. */
  g_assert_null (find_card_list (GTK_WIDGET (window)));
  rh_window_set_page (window, "cards");
  g_assert_cmpuint (g_list_model_get_n_items (card_model (window)), ==, 3);

  /* A nested topic, reached by expanding its parent. */
  g_assert_true (rh_window_select_topic (window, "Go::调度"));
  topic = rh_window_get_selected_topic (window);
  g_assert_cmpstr (rh_topic_get_path (topic), ==, "Go::调度");
  g_assert_cmpuint (g_list_model_get_n_items (card_model (window)), ==, 1);
  g_assert_false (rh_window_select_topic (window, "Go::Nope"));

  g_assert_true (rh_window_select_topic (window, "Go"));
  g_assert_cmpuint (g_list_model_get_n_items (card_model (window)), ==, 2);

  /* Activating a card in the browser shows its Card info, whose Study
   * Now opens it in the Study page. */
  rh_window_set_page (window, "cards");
  g_signal_emit_by_name (find_card_list (GTK_WIDGET (window)), "activate", 1);
  {
    GtkWidget *info = NULL;
    GtkWidget *study;

    for (guint i = 0; i < g_list_model_get_n_items (gtk_window_get_toplevels ()); i++)
      {
        g_autoptr(GtkWindow) toplevel = g_list_model_get_item (gtk_window_get_toplevels (), i);

        if (RH_IS_CARD_INFO (toplevel))
          info = GTK_WIDGET (toplevel);
      }
    g_assert_nonnull (info);
    g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (info)) == GTK_WINDOW (window));
    rh_test_settle ();
    study = rh_test_find_button (info, "Study Now");
    g_assert_nonnull (study);
    g_signal_emit_by_name (study, "clicked");
  }
  g_assert_cmpstr (rh_card_get_uid (rh_study_queue_get_current_card (
                     rh_study_page_get_queue (RH_STUDY_PAGE (rh_window_get_study_page (window))))), ==, "gc");

  /* Importing updates the sidebar and the counts live; its toast shows in
   * the Study page's own overlay, above the answer buttons. */
  g_assert_true (rh_window_import_file (window, more_file));
  wait_until (import_done, window);
  g_assert_nonnull (find_css_name (rh_window_get_study_page (window), "toast"));
  g_assert_true (rh_window_select_topic (window, ""));
  g_assert_cmpuint (rh_topic_get_total_count (rh_window_get_selected_topic (window)), ==, 8);
  g_assert_true (rh_window_select_topic (window, "MySQL::Index"));
  g_assert_cmpuint (g_list_model_get_n_items (card_model (window)), ==, 5);

  /* Export writes the selected subtree. */
  g_assert_true (rh_window_export_file (window, export_file));
  exported = rh_deck_new_from_file (export_file, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rh_deck_get_n_cards (exported), ==, 5);

  /* A bad file explains itself in a dialog and changes nothing. */
  g_assert_true (rh_window_import_file (window, bad_file));
  wait_until (import_done, window);
  dialog = GTK_WINDOW (find_message (NULL));
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), "bad.json: line 1, column 2"));
  g_assert_cmpuint (rh_deck_store_count_cards (db), ==, 8);
  gtk_window_destroy (dialog);

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
  g_remove (more_path);
  g_remove (bad_path);
  g_remove (export_path);
  g_rmdir (dir);

  g_assert_finalize_object (g_steal_pointer (&db));
}

/* Every topic the sidebar showed or selected dies with the window: the
 * selection holds no reference of its own. */
static void
test_window_topics_finalized (void)
{
  g_autoptr(RhDatabase) db = rh_test_open_database (":memory:", NULL);
  RhWindow *window;
  RhTopic *selected = NULL;
  RhTopic *nested = NULL;

  rh_test_import (db, deck, NULL);
  window = g_object_ref_sink (rh_window_new (NULL, db));
  gtk_window_present (GTK_WINDOW (window));
  wait_until (window_drawn, window);

  g_assert_true (rh_window_select_topic (window, "Redis"));
  selected = rh_window_get_selected_topic (window);
  g_object_add_weak_pointer (G_OBJECT (selected), (gpointer *)&selected);
  g_assert_true (rh_window_select_topic (window, "Go::调度"));
  nested = rh_window_get_selected_topic (window);
  g_object_add_weak_pointer (G_OBJECT (nested), (gpointer *)&nested);
  g_assert_cmpstr (rh_topic_get_path (nested), ==, "Go::调度");

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
  g_assert_null (selected);
  g_assert_null (nested);

  g_assert_finalize_object (g_steal_pointer (&db));
}

/* The sidebar is the list view over a tree of topics. */
static GtkWidget *
find_topic_list (GtkWidget *widget)
{
  if (GTK_IS_LIST_VIEW (widget))
    {
      GtkSelectionModel *model = gtk_list_view_get_model (GTK_LIST_VIEW (widget));

      if (GTK_IS_SINGLE_SELECTION (model) &&
          GTK_IS_TREE_LIST_MODEL (gtk_single_selection_get_model (GTK_SINGLE_SELECTION (model))))
        return widget;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_topic_list (child);

      if (found)
        return found;
    }

  return NULL;
}

/* A click on a response answers, then closes the dialog. */
static void
answer (AdwMessageDialog *dialog,
        const char       *response)
{
  g_assert_nonnull (dialog);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, response));
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  wait_until (no_message, NULL);
}

static const char *
selected_path (RhWindow *window)
{
  return rh_topic_get_path (rh_window_get_selected_topic (window));
}

static gboolean
popover_shown (gpointer data)
{
  GtkWidget *popover = rh_test_find_widget (find_topic_list (data), GTK_TYPE_POPOVER_MENU, NULL);

  return popover != NULL && gtk_widget_get_mapped (popover);
}

/* The sidebar's topic menu renames, moves and deletes topics through
 * dialogs that check what is typed; the selection follows a renamed
 * topic, and the toast's Undo puts it back. */
static void
test_window_topic_menu (void)
{
  g_autoptr(RhDatabase) db = rh_test_open_database (":memory:", NULL);
  AdwMessageDialog *dialog;
  GtkWidget *popover;
  GtkEditable *entry;
  GMenuModel *menu;
  g_autofree char *target = NULL;
  RhWindow *window;

  rh_test_import (db, deck, NULL);
  window = g_object_ref_sink (rh_window_new (NULL, db));
  gtk_window_present (GTK_WINDOW (window));
  wait_until (window_drawn, window);

  /* A popover needs the window on its monitor first. */
  rh_test_settle ();

  /* "All Topics" has no menu; a topic has Rename, Move and Delete. */
  g_assert_true (rh_window_select_topic (window, ""));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.topic-menu", NULL));
  rh_test_settle ();
  g_assert_false (popover_shown (window));
  g_assert_true (rh_window_select_topic (window, "Go::GC"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.topic-menu", NULL));
  wait_until (popover_shown, window);
  popover = rh_test_find_widget (find_topic_list (GTK_WIDGET (window)), GTK_TYPE_POPOVER_MENU, NULL);
  menu = gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (popover));
  g_assert_cmpint (g_menu_model_get_n_items (menu), ==, 3);
  g_assert_true (g_menu_model_get_item_attribute (menu, 0, G_MENU_ATTRIBUTE_TARGET, "s", &target));
  g_assert_cmpstr (target, ==, "Go::GC");
  gtk_popover_popdown (GTK_POPOVER (popover));

  /* Rename: a name in use is refused where it is typed. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.rename-topic", "s", "Go::GC"));
  dialog = find_message ("Rename Topic");
  g_assert_nonnull (dialog);
  entry = GTK_EDITABLE (rh_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_ENTRY, NULL));
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "GC");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "apply"));
  gtk_editable_set_text (entry, "调度");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "apply"));
  rh_test_settle ();
  g_assert_nonnull (rh_test_find_label (GTK_WIDGET (dialog), "There is already a topic “Go::调度”: choose another name"));
  gtk_editable_set_text (entry, " 垃圾回收 ");
  answer (dialog, "apply");
  g_assert_cmpstr (selected_path (window), ==, "Go::垃圾回收");
  g_assert_cmpint (rh_test_query_int (db, "SELECT count(*) FROM cards c JOIN topics t ON t.id = c.topic_id"
                                          " WHERE t.path = 'Go::垃圾回收';"), ==, 1);
  g_assert_nonnull (find_css_name (rh_window_get_study_page (window), "toast"));

  /* The toast's Undo. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo-rename-topic", "(ss)",
                                             "Go::垃圾回收", "Go::GC"));
  g_assert_cmpstr (selected_path (window), ==, "Go::GC");

  /* Move: a new parent, made when missing; not into itself. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.move-topic", "s", "Go"));
  dialog = find_message ("Move Topic");
  entry = GTK_EDITABLE (rh_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_ENTRY, NULL));
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "");
  gtk_editable_set_text (entry, "Go::调度");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "apply"));
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  wait_until (no_message, NULL);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.move-topic", "s", "Go::GC"));
  dialog = find_message ("Move Topic");
  entry = GTK_EDITABLE (rh_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_ENTRY, NULL));
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "Go");
  gtk_editable_set_text (entry, "Empty::Box");
  /* Enter in the entry answers and closes, as the button does. */
  g_signal_emit_by_name (entry, "activate");
  wait_until (no_message, NULL);
  g_assert_cmpstr (selected_path (window), ==, "Empty::Box::GC");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.move-topic", "s", "Empty::Box::GC"));
  dialog = find_message ("Move Topic");
  entry = GTK_EDITABLE (rh_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_ENTRY, NULL));
  gtk_editable_set_text (entry, "Redis");
  answer (dialog, "apply");
  g_assert_cmpstr (selected_path (window), ==, "Redis::GC");
  g_assert_cmpuint (rh_topic_get_total_count (rh_window_get_selected_topic (window)), ==, 1);

  /* Delete: a topic with cards says why not; an empty one goes, with
   * its subtopics, after asking. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.delete-topic", "s", "Redis"));
  dialog = find_message ("Could Not Delete Topic");
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==, "“Redis” still holds 2 cards: move or delete them first");
  answer (dialog, "close");

  g_assert_true (rh_window_select_topic (window, "Empty::Box"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.delete-topic", "s", "Empty"));
  answer (find_message ("Delete Topic?"), "delete");
  g_assert_false (rh_window_select_topic (window, "Empty"));
  g_assert_cmpint (rh_test_query_int (db, "SELECT count(*) FROM topics WHERE path LIKE 'Empty%';"), ==, 0);
  g_assert_cmpuint (rh_deck_store_count_cards (db), ==, 3);

  /* A selected topic that gains its first subtopic stays selected, and
   * can be opened. */
  g_assert_true (rh_window_select_topic (window, "Go::调度"));
  rh_test_import (db,
                  "{\"rehearse_deck\": 1, \"cards\": ["
                  " {\"id\": \"m\", \"topic\": \"Go::调度::M\", \"front\": \"M\", \"back\": \"线程\"}]}",
                  NULL);
  g_assert_cmpstr (selected_path (window), ==, "Go::调度");
  g_assert_true (rh_window_select_topic (window, "Go::调度::M"));

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
  g_assert_finalize_object (g_steal_pointer (&db));
}

/* Choosing a topic gives the keyboard to the Study page, so Space and
 * 1–4 work at once; so does the window after a dialog closes. */
static void
test_window_focus_after_topic (void)
{
  g_autoptr(RhDatabase) db = rh_test_open_database (":memory:", NULL);
  GtkWidget *topics, *study;
  RhWindow *window;

  rh_test_import (db, deck, NULL);
  window = g_object_ref_sink (rh_window_new (NULL, db));
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_window_present (GTK_WINDOW (window));
  wait_until (window_drawn, window);
  study = rh_window_get_study_page (window);

  topics = find_topic_list (GTK_WIDGET (window));
  g_assert_nonnull (topics);
  g_assert_true (gtk_widget_child_focus (topics, GTK_DIR_TAB_FORWARD));
  g_assert_true (gtk_widget_is_ancestor (gtk_window_get_focus (GTK_WINDOW (window)), topics));
  g_assert_false (gtk_window_get_focus (GTK_WINDOW (window)) == study);
  g_signal_emit_by_name (topics, "activate", 1);
  g_assert_true (gtk_window_get_focus (GTK_WINDOW (window)) == study);

  g_assert_true (gtk_widget_child_focus (topics, GTK_DIR_TAB_FORWARD));
  g_assert_false (gtk_window_get_focus (GTK_WINDOW (window)) == study);
  rh_window_focus_content (window);
  g_assert_true (gtk_window_get_focus (GTK_WINDOW (window)) == study);

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
  g_assert_finalize_object (g_steal_pointer (&db));
}

/* A page chosen on the view switcher (Alt+S, a click) takes the
 * keyboard, so Space shows the answer instead of pressing the switcher
 * button again. */
static void
test_window_focus_after_switcher (void)
{
  g_autoptr(RhDatabase) db = rh_test_open_database (":memory:", NULL);
  GtkWidget *switcher, *study;
  RhWindow *window;

  rh_test_import (db, deck, NULL);
  window = g_object_ref_sink (rh_window_new (NULL, db));
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_window_present (GTK_WINDOW (window));
  wait_until (window_drawn, window);
  study = rh_window_get_study_page (window);

  switcher = rh_test_find_widget (GTK_WIDGET (window), ADW_TYPE_VIEW_SWITCHER, NULL);
  g_assert_nonnull (switcher);
  g_assert_true (gtk_widget_child_focus (switcher, GTK_DIR_TAB_FORWARD));
  rh_window_set_page (window, "cards");
  g_assert_false (gtk_widget_is_ancestor (gtk_window_get_focus (GTK_WINDOW (window)), switcher));

  g_assert_true (gtk_widget_child_focus (switcher, GTK_DIR_TAB_FORWARD));
  rh_window_set_page (window, "study");
  g_assert_true (gtk_window_get_focus (GTK_WINDOW (window)) == study);

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
  g_assert_finalize_object (g_steal_pointer (&db));
}

/* Ctrl+Z undoes the last answer from any page of the window. */
static void
test_window_undo_answer (void)
{
  g_autoptr(RhDatabase) db = rh_test_open_database (":memory:", NULL);
  RhWindow *window;
  GtkWidget *page;
  RhStudyQueue *queue;

  rh_test_import (db, deck, NULL);
  window = g_object_ref_sink (rh_window_new (NULL, db));
  gtk_window_present (GTK_WINDOW (window));
  wait_until (window_drawn, window);

  page = rh_window_get_study_page (window);
  queue = rh_study_page_get_queue (RH_STUDY_PAGE (page));
  g_assert_true (rh_window_select_topic (window, "Redis"));
  rh_window_set_page (window, "study");
  g_assert_true (gtk_widget_activate_action (page, "card.reveal", NULL));
  g_assert_true (gtk_widget_activate_action (page, "card.grade", "i", RH_RATING_EASY));
  g_assert_cmpint (rh_test_query_int (db, "SELECT count(*) FROM review_log;"), ==, 1);
  g_assert_null (rh_study_queue_get_current_card (queue));

  /* From the Cards page, the window's shortcut reaches the queue. */
  rh_window_set_page (window, "cards");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo-answer", NULL));
  g_assert_cmpint (rh_test_query_int (db, "SELECT count(*) FROM review_log;"), ==, 0);
  g_assert_cmpstr (rh_card_get_uid (rh_study_queue_get_current_card (queue)), ==, "rdb");

  /* Nothing left to undo says so, and changes nothing. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo-answer", NULL));
  g_assert_cmpstr (rh_card_get_uid (rh_study_queue_get_current_card (queue)), ==, "rdb");

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
  g_assert_finalize_object (g_steal_pointer (&db));
}

/* The title a toast in @window shows, as the user reads it. */
static const char *
shown_toast_title (RhWindow *window)
{
  GtkWidget *toast = find_css_name (GTK_WIDGET (window), "toast");

  g_assert_nonnull (toast);

  return find_toast_title (toast);
}

/* A toast shows a file name as it is written, even one that looks like
 * markup. One window each: the second toast would wait for the first. */
static void
test_window_toast_file_names (void)
{
  g_autoptr(RhDatabase) db = rh_test_open_database (":memory:", NULL);
  g_autofree char *dir = g_dir_make_tmp ("rehearse-window-XXXXXX", NULL);
  g_autofree char *path = rh_test_write_file (dir, "R&D.json", deck);
  g_autofree char *export_path = g_build_filename (dir, "<b>x.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) export_file = g_file_new_for_path (export_path);
  RhWindow *window;

  window = g_object_ref_sink (rh_window_new (NULL, db));
  gtk_window_present (GTK_WINDOW (window));
  wait_until (window_drawn, window);
  g_assert_true (rh_window_import_file (window, file));
  wait_until (import_done, window);
  g_assert_cmpstr (shown_toast_title (window), ==, "Imported “R&D.json”: 3 added, 0 updated, 0 unchanged");
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);

  window = g_object_ref_sink (rh_window_new (NULL, db));
  gtk_window_present (GTK_WINDOW (window));
  wait_until (window_drawn, window);
  g_assert_true (rh_window_export_file (window, export_file));
  g_assert_cmpstr (shown_toast_title (window), ==, "Exported 3 cards to “<b>x.json”");
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);

  g_remove (path);
  g_remove (export_path);
  g_rmdir (dir);

  g_assert_finalize_object (g_steal_pointer (&db));
}

/* Every page fits a phone-sized window, as the metainfo promises. */
static void
test_window_narrow (void)
{
  static const char * const pages[] = { "study", "interview", "cards" };
  g_autoptr(RhDatabase) db = rh_test_open_database (":memory:", NULL);
  RhWindow *window;

  rh_test_import (db, deck, NULL);
  window = g_object_ref_sink (rh_window_new (NULL, db));
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 640);
  gtk_window_present (GTK_WINDOW (window));
  wait_until (window_drawn, window);

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      int minimum = 0;

      rh_window_set_page (window, pages[i]);
      for (int j = 0; j < 20; j++)
        g_main_context_iteration (NULL, FALSE);
      /* The content, without the shadow the window draws around it. */
      gtk_widget_measure (adw_application_window_get_content (ADW_APPLICATION_WINDOW (window)),
                          GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
      g_test_message ("%s: minimum width %d", pages[i], minimum);
      g_assert_cmpint (minimum, <=, 360);
    }

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
  g_assert_finalize_object (g_steal_pointer (&db));
}

/* Check Database… runs off the main thread and reports in a dialog. */
static void
test_window_check_database (void)
{
  g_autofree char *dir = g_dir_make_tmp ("rehearse-window-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "rehearse.db", NULL);
  g_autoptr(RhDatabase) db = rh_test_open_database (path, NULL);
  AdwMessageDialog *dialog;
  RhWindow *window;

  rh_test_import (db, deck, NULL);
  window = g_object_ref_sink (rh_window_new (NULL, db));
  gtk_window_present (GTK_WINDOW (window));
  wait_until (window_drawn, window);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.check-database", NULL));
  g_assert_nonnull (find_message ("Checking the Database…"));
  wait_until (report_shown, (gpointer)"No Problems Found");
  g_assert_null (find_message ("Checking the Database…"));
  dialog = find_message ("No Problems Found");
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==, "No problems found in “rehearse.db” (3 cards).");
  /* A click on Close answers, then closes. */
  adw_message_dialog_response (dialog, "close");
  gtk_window_destroy (GTK_WINDOW (dialog));
  wait_until (no_message, NULL);

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
  g_assert_finalize_object (g_steal_pointer (&db));
  rh_test_remove_dir (dir);
}

typedef struct
{
  RhWindow *window;
  GArray   *fractions;
} ImportWatch;

static void
progress_changed_cb (GtkProgressBar *bar,
                     GParamSpec     *pspec,
                     ImportWatch    *watch)
{
  double fraction = gtk_progress_bar_get_fraction (bar);

  g_array_append_val (watch->fractions, fraction);
}

/* An import on a file runs on a worker: a bar above the pages shows the
 * cards done of the total, the window keeps answering, and the sidebar
 * has the new cards when it is in. */
static void
test_window_import_worker (void)
{
  g_autofree char *dir = g_dir_make_tmp ("rehearse-window-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "rehearse.db", NULL);
  g_autofree char *big = rh_test_make_deck (5000, "Bulk", "bulk");
  g_autofree char *big_path = rh_test_write_file (dir, "big.json", big);
  g_autoptr(GFile) big_file = g_file_new_for_path (big_path);
  g_autoptr(RhDatabase) db = rh_test_open_database (path, NULL);
  g_autoptr(GArray) fractions = g_array_new (FALSE, FALSE, sizeof (double));
  ImportWatch watch = { NULL, fractions };
  GtkWidget *button, *revealer, *bar;
  RhWindow *window;

  rh_test_import (db, deck, NULL);
  window = g_object_ref_sink (rh_window_new (NULL, db));
  watch.window = window;
  gtk_window_present (GTK_WINDOW (window));
  wait_until (window_drawn, window);

  button = rh_test_find_widget (GTK_WIDGET (window), GTK_TYPE_BUTTON, "win.cancel-import");
  g_assert_nonnull (button);
  revealer = gtk_widget_get_ancestor (button, GTK_TYPE_REVEALER);
  bar = rh_test_find_widget (revealer, GTK_TYPE_PROGRESS_BAR, NULL);
  g_assert_nonnull (bar);
  g_signal_connect (bar, "notify::fraction", G_CALLBACK (progress_changed_cb), &watch);
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));

  /* Cancel: the bar goes, nothing changed, and a toast says so. */
  g_assert_true (rh_window_import_file (window, big_file));
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.cancel-import", NULL));
  wait_until (import_done, window);
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  g_assert_cmpstr (shown_toast_title (window), ==, "Import of “big.json” cancelled, nothing changed");
  g_assert_cmpuint (rh_deck_store_count_cards (db), ==, 3);

  /* Meanwhile the main thread reads, answers wait for the import rather
   * than for the file, and a second import waits its turn. */
  g_assert_true (rh_window_import_file (window, big_file));
  g_assert_true (rh_study_page_get_importing (RH_STUDY_PAGE (rh_window_get_study_page (window))));
  g_assert_false (rh_window_import_file (window, big_file));
  g_assert_true (rh_window_select_topic (window, "Go"));
  wait_until (import_done, window);
  g_assert_false (rh_study_page_get_importing (RH_STUDY_PAGE (rh_window_get_study_page (window))));
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  g_assert_cmpuint (rh_deck_store_count_cards (db), ==, 5003);
  g_assert_true (rh_window_select_topic (window, ""));
  g_assert_cmpuint (rh_topic_get_total_count (rh_window_get_selected_topic (window)), ==, 5003);

  /* The bar moved forward, from nothing to every card. */
  g_assert_cmpuint (fractions->len, >=, 3);
  for (guint i = 1; i < fractions->len; i++)
    g_assert_cmpfloat (g_array_index (fractions, double, i - 1), <=, g_array_index (fractions, double, i));
  g_assert_cmpfloat (g_array_index (fractions, double, fractions->len - 1), ==, 1.0);

  g_signal_handlers_disconnect_by_data (bar, &watch);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
  g_assert_finalize_object (g_steal_pointer (&db));
  rh_test_remove_dir (dir);
}

/* Damage found mid-session shows above the pages, and a change the user
 * then tries fails with the message that says why. */
static void
test_window_damaged (void)
{
  g_autofree char *dir = g_dir_make_tmp ("rehearse-window-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "rehearse.db", NULL);
  g_autofree char *more = rh_test_make_deck (2, "Kafka", "kafka");
  g_autofree char *more_path = rh_test_write_file (dir, "more.json", more);
  g_autoptr(GFile) more_file = g_file_new_for_path (more_path);
  g_autoptr(RhDatabase) db = rh_test_open_database (path, NULL);
  GtkWidget *button;
  GtkWidget *revealer;
  AdwMessageDialog *dialog;
  RhWindow *window;

  rh_test_import (db, deck, NULL);
  window = g_object_ref_sink (rh_window_new (NULL, db));
  gtk_window_present (GTK_WINDOW (window));
  wait_until (window_drawn, window);

  button = rh_test_find_widget (GTK_WIDGET (window), GTK_TYPE_BUTTON, "win.check-database");
  g_assert_nonnull (button);
  revealer = gtk_widget_get_ancestor (button, GTK_TYPE_REVEALER);
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));

  rh_database_mark_damaged (db, "database disk image is malformed");
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (gtk_widget_get_prev_sibling (button))),
                            "“rehearse.db” is damaged"));

  g_assert_true (rh_window_import_file (window, more_file));
  wait_until (import_done, window);
  dialog = find_message (NULL);
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "will not write to it"));
  g_assert_cmpuint (rh_deck_store_count_cards (db), ==, 3);
  gtk_window_destroy (GTK_WINDOW (dialog));

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
  g_assert_finalize_object (g_steal_pointer (&db));
  rh_test_remove_dir (dir);
}

/* libadwaita 1.2 gives every response button a mnemonic, which GTK 4.8
 * reads twice ("Close Close"): after the fix each is a plain label. */
static void
test_window_dialog_button_names (void)
{
  GtkWidget *dialog = adw_message_dialog_new (NULL, "Heading", "Body");
  GtkWidget *close = NULL;
  GtkWidget *literal = NULL;

  g_object_ref_sink (dialog);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "close", "_Close", "odd", "A__B", NULL);
  rh_button_names_drop_mnemonics (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  rh_test_settle ();

  close = rh_test_find_button (dialog, "Close");
  literal = rh_test_find_button (dialog, "A_B");
  g_assert_nonnull (close);
  g_assert_nonnull (literal);
  g_assert_false (gtk_button_get_use_underline (GTK_BUTTON (close)));
  g_assert_false (gtk_button_get_use_underline (GTK_BUTTON (literal)));

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_finalize_object (dialog);
}

/* The editor's source views: the question's, then the answer's. */
static GtkWidget *
find_source_view (GtkWidget *root,
                  guint      n)
{
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();

  g_ptr_array_add (stack, root);
  while (stack->len > 0)
    {
      GtkWidget *widget = g_ptr_array_steal_index (stack, stack->len - 1);

      if (GTK_SOURCE_IS_VIEW (widget) && n-- == 0)
        return widget;

      for (GtkWidget *child = gtk_widget_get_last_child (widget); child; child = gtk_widget_get_prev_sibling (child))
        g_ptr_array_add (stack, child);
    }

  g_assert_not_reached ();
}

static RhCardEditorWindow *
find_card_editor_window (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (RH_IS_CARD_EDITOR_WINDOW (toplevel))
        return RH_CARD_EDITOR_WINDOW (toplevel);
    }

  return NULL;
}

static gboolean
card_editor_closed (gpointer data)
{
  return find_card_editor_window () == NULL;
}

/* New Card from any page writes a card in the topic selected in the
 * sidebar, whose counts follow; win.edit-card opens a stored card. */
static void
test_window_new_card (void)
{
  static const char * const pages[] = { "study", "interview", "cards" };
  g_autoptr(RhDatabase) db = rh_test_open_database (":memory:", NULL);
  RhCardEditorWindow *editor = NULL;
  GtkWidget *source;
  RhWindow *window;
  RhTopic *topic;

  rh_test_import (db, deck, NULL);
  window = g_object_ref_sink (rh_window_new (NULL, db));
  gtk_window_present (GTK_WINDOW (window));
  wait_until (window_drawn, window);
  g_assert_true (rh_window_select_topic (window, "Go::调度"));

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      rh_window_set_page (window, pages[i]);
      g_assert_null (find_card_editor_window ());
      /* Ctrl+N's action, from the page's own focus. */
      rh_window_focus_content (window);
      g_assert_true (gtk_widget_activate_action (gtk_root_get_focus (GTK_ROOT (window)), "win.new-card", NULL));
      editor = find_card_editor_window ();
      g_assert_nonnull (editor);
      g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (editor)) == GTK_WINDOW (window));
      g_assert_cmpstr (rh_card_editor_get_topic (rh_card_editor_window_get_editor (editor)), ==, "Go::调度");
      if (i + 1 < G_N_ELEMENTS (pages))
        {
          gtk_window_close (GTK_WINDOW (editor));
          wait_until (card_editor_closed, NULL);
        }
    }

  source = find_source_view (GTK_WIDGET (editor), 0);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (source)), "抢占是怎么实现的？", -1);
  source = find_source_view (GTK_WIDGET (editor), 1);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (source)), "异步抢占：信号。", -1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "card.save-edit", NULL));
  wait_until (card_editor_closed, NULL);

  topic = rh_window_get_selected_topic (window);
  g_assert_cmpstr (rh_topic_get_path (topic), ==, "Go::调度");
  g_assert_cmpuint (rh_topic_get_total_count (topic), ==, 2);
  g_assert_cmpuint (rh_topic_get_new_count (topic), ==, 2);
  g_assert_cmpint (rh_test_query_int (db, "SELECT count(*) FROM cards WHERE front = '抢占是怎么实现的？' AND uid LIKE 'user-%';"),
                   ==, 1);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.edit-card", "x", (gint64)1));
  editor = find_card_editor_window ();
  g_assert_nonnull (editor);
  g_assert_cmpstr (rh_card_get_uid (rh_card_editor_window_get_card (editor)), ==, "gmp");
  gtk_window_close (GTK_WINDOW (editor));
  wait_until (card_editor_closed, NULL);

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
  g_assert_finalize_object (g_steal_pointer (&db));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  gtk_source_init ();

  g_test_add_func ("/window/topics", test_window_topics);
  g_test_add_func ("/window/topics-finalized", test_window_topics_finalized);
  g_test_add_func ("/window/topic-menu", test_window_topic_menu);
  g_test_add_func ("/window/focus-after-topic", test_window_focus_after_topic);
  g_test_add_func ("/window/focus-after-switcher", test_window_focus_after_switcher);
  g_test_add_func ("/window/narrow", test_window_narrow);
  g_test_add_func ("/window/new-card", test_window_new_card);
  g_test_add_func ("/window/undo-answer", test_window_undo_answer);
  g_test_add_func ("/window/toast-file-names", test_window_toast_file_names);
  g_test_add_func ("/window/dialog-button-names", test_window_dialog_button_names);
  g_test_add_func ("/window/check-database", test_window_check_database);
  g_test_add_func ("/window/damaged", test_window_damaged);
  g_test_add_func ("/window/import-worker", test_window_import_worker);

  return g_test_run ();
}
