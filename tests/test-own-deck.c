/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <gtksourceview/gtksource.h>

#include "rh-card-editor-window.h"
#include "rh-card-info.h"
#include "rh-cards-page.h"
#include "rh-study-page.h"
#include "rh-test-utils.h"
#include "rh-test-widget-utils.h"
#include "rh-window.h"

/* Issue 13's journey, in the window as a user meets it: write a project
 * card from the template, find it with tag: and is:new, study it, read
 * its history in Card info, move it, delete it and undo the delete. Each
 * step goes through the action its button and its key trigger, and the
 * database is checked after it. */

static const char deck[] =
  "{\"rehearse_deck\": 1, \"cards\": ["
  " {\"id\": \"gmp\", \"topic\": \"Go::调度\", \"front\": \"什么是 GMP？\", \"back\": \"G、M、P。\"},"
  " {\"id\": \"steal\", \"topic\": \"Go::调度\", \"front\": \"work stealing 怎么做？\", \"back\": \"偷一半。\"}"
  "]}";

#define QUESTION "Walk me through your project: Rehearse"

/* The uid New Card gave, found by what was written. */
#define OUR_CARD "(SELECT id FROM cards WHERE front = '" QUESTION "')"

typedef struct
{
  char       *dir;
  RhDatabase *db;
  RhWindow   *window;
} Fixture;

static gboolean
mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

static gboolean
no_editor (gpointer data)
{
  return rh_test_find_toplevel (RH_TYPE_CARD_EDITOR_WINDOW) == NULL;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *path = NULL;

  /* A file, as the app has: bulk operations then run on a worker. */
  f->dir = g_dir_make_tmp ("rehearse-own-deck-XXXXXX", NULL);
  path = g_build_filename (f->dir, "deck.db", NULL);
  f->db = rh_test_open_database (path, NULL);
  rh_test_import (f->db, deck, NULL);
  f->window = g_object_ref_sink (rh_window_new (NULL, f->db));
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1000, 700);
  gtk_window_present (GTK_WINDOW (f->window));
  rh_test_wait_until (mapped, f->window);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_assert_finalize_object (g_steal_pointer (&f->window));
  g_assert_finalize_object (g_steal_pointer (&f->db));
  rh_test_remove_dir (f->dir);
  g_free (f->dir);
}

/* Activates @action from the widget with the keyboard focus, as its
 * shortcut does. */
static void
activate_from_focus (Fixture    *f,
                     const char *action,
                     GVariant   *parameter)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (f->window));
  /* activate_action_variant() does not take a floating reference. */
  g_autoptr(GVariant) owned = parameter ? g_variant_ref_sink (parameter) : NULL;

  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_activate_action_variant (focus, action, owned));
  rh_test_settle ();
}

static RhCardsPage *
cards_page (Fixture *f)
{
  return RH_CARDS_PAGE (rh_test_find_widget (GTK_WIDGET (f->window), RH_TYPE_CARDS_PAGE, NULL));
}

static GtkSelectionModel *
card_selection (Fixture *f)
{
  return gtk_column_view_get_model (GTK_COLUMN_VIEW (rh_test_find_widget (GTK_WIDGET (cards_page (f)),
                                                                          GTK_TYPE_COLUMN_VIEW, NULL)));
}

static void
show_cards (Fixture    *f,
            const char *topic)
{
  g_assert_true (rh_window_select_topic (f->window, topic));
  rh_window_set_page (f->window, "cards");
  rh_window_focus_content (f->window);
  rh_test_settle ();
}

static void
search (Fixture    *f,
        const char *text)
{
  GtkWidget *entry;

  rh_cards_page_start_search (cards_page (f));
  entry = rh_test_find_widget (GTK_WIDGET (cards_page (f)), GTK_TYPE_SEARCH_ENTRY, NULL);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  /* The entry waits a moment before it says the search changed. */
  g_signal_emit_by_name (entry, "search-changed");
  rh_test_settle ();
}

/* Every column of the card's rows, to compare bit for bit. */
static char *
dump_card (RhDatabase *db)
{
  static const char * const queries[] = {
    "SELECT * FROM cards WHERE front = '" QUESTION "';",
    "SELECT * FROM review_state WHERE card_id = " OUR_CARD ";",
    "SELECT * FROM review_log WHERE card_id = " OUR_CARD " ORDER BY id;",
  };
  g_autoptr(GString) dump = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autofree char *rows = rh_test_dump_rows (db, queries[i]);

      g_string_append (dump, rows);
    }

  return g_string_free (g_steal_pointer (&dump), FALSE);
}

static void
test_journey (Fixture       *f,
              gconstpointer  data)
{
  GtkWidget *editor;
  GtkWidget *study;
  GtkWidget *info;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  /* Write: Ctrl+N, My Project, the question, a topic of its own; Ctrl+S. */
  g_assert_true (rh_window_select_topic (f->window, "Go::调度"));
  rh_window_set_page (f->window, "study");
  rh_window_focus_content (f->window);
  activate_from_focus (f, "win.new-card", NULL);
  editor = rh_test_find_toplevel (RH_TYPE_CARD_EDITOR_WINDOW);
  g_assert_nonnull (editor);
  g_assert_true (gtk_widget_activate_action (editor, "card-window.template", "s", "project"));
  rh_test_settle ();
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (rh_test_find_nth (editor, GTK_SOURCE_TYPE_VIEW, 0))),
                            QUESTION, -1);
  gtk_editable_set_text (GTK_EDITABLE (rh_test_find_nth (editor, GTK_TYPE_ENTRY, 0)), "项目面::Rehearse");
  g_assert_true (gtk_widget_activate_action (editor, "card.save-edit", NULL));
  rh_test_wait_until (no_editor, NULL);
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT count(*) FROM cards c JOIN topics t ON t.id = c.topic_id"
                                             " WHERE c.front = '" QUESTION "' AND c.uid LIKE 'user-%'"
                                             " AND t.path = '项目面::Rehearse' AND c.kind = 'behavioral'"
                                             " AND c.tags LIKE '%project%' AND c.back LIKE '%Retrospective%';"), ==, 1);
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT count(*) FROM review_state WHERE card_id = " OUR_CARD
                                             " AND reps = 0;"), ==, 1);

  /* Find: tag: and is:new pick it out of the whole deck. */
  show_cards (f, "");
  search (f, "tag:project is:new");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (card_selection (f))), ==, 1);
  g_assert_nonnull (rh_test_find_label (GTK_WIDGET (cards_page (f)), QUESTION));
  search (f, "tag:project -is:new");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (card_selection (f))), ==, 0);
  search (f, "");

  /* Study: in its topic it is the card asked; Space shows the answer, 3 is Good. */
  g_assert_true (rh_window_select_topic (f->window, "项目面::Rehearse"));
  rh_window_set_page (f->window, "study");
  rh_window_focus_content (f->window);
  rh_test_settle ();
  study = rh_window_get_study_page (f->window);
  g_assert_nonnull (rh_test_find_label (study, QUESTION));
  activate_from_focus (f, "card.primary", NULL);
  activate_from_focus (f, "card.grade", g_variant_new_int32 (RH_RATING_GOOD));
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT count(*) FROM review_log WHERE card_id = " OUR_CARD
                                             " AND rating = 3 AND source = 'study';"), ==, 1);
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT reps FROM review_state WHERE card_id = " OUR_CARD ";"), ==, 1);

  /* Card info (Ctrl+I): its one answer. */
  show_cards (f, "项目面::Rehearse");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (card_selection (f))), ==, 1);
  gtk_selection_model_select_item (card_selection (f), 0, TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (cards_page (f)), "cards.info", NULL));
  rh_test_settle ();
  info = rh_test_find_toplevel (RH_TYPE_CARD_INFO);
  g_assert_nonnull (info);
  g_assert_cmpint (rh_card_info_get_card_id (RH_CARD_INFO (info)), ==,
                   rh_test_query_int (f->db, "SELECT " OUR_CARD ";"));
  g_assert_nonnull (rh_test_find_label (info, QUESTION));
  g_assert_cmpuint (rh_test_count_rows_titled (info, " · Good"), ==, 1);
  gtk_window_destroy (GTK_WINDOW (info));
  rh_test_settle ();

  /* Move (Ctrl+M) to another topic, typed in the dialog. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (cards_page (f)), "cards.move", NULL));
  rh_test_respond ("move", "项目面::个人项目");
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT count(*) FROM cards c JOIN topics t ON t.id = c.topic_id"
                                             " WHERE c.front = '" QUESTION "' AND t.path = '项目面::个人项目';"), ==, 1);
  /* The sidebar counts follow: the card left one topic for a new one. */
  g_assert_true (rh_window_select_topic (f->window, ""));
  g_assert_cmpuint (rh_topic_get_total_count (rh_window_get_selected_topic (f->window)), ==, 3);
  g_assert_true (rh_window_select_topic (f->window, "项目面"));
  g_assert_cmpuint (rh_topic_get_total_count (rh_window_get_selected_topic (f->window)), ==, 1);

  /* Delete (Delete): it has an answer, so it asks first; Ctrl+Z undoes. */
  show_cards (f, "项目面::个人项目");
  gtk_selection_model_select_item (card_selection (f), 0, TRUE);
  before = dump_card (f->db);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (cards_page (f)), "cards.delete", NULL));
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT count(*) FROM cards WHERE front = '" QUESTION "';"), ==, 1);
  rh_test_respond ("delete", NULL);
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT count(*) FROM cards WHERE front = '" QUESTION "';"), ==, 0);
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT count(*) FROM review_log WHERE rating = 3;"), ==, 0);
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT count(*) FROM deleted_cards WHERE uid LIKE 'user-%';"), ==, 1);

  /* The focus stayed in the page though its row went; and Ctrl+Z from
   * anywhere in the window undoes the delete, not the answer. */
  g_assert_nonnull (gtk_root_get_focus (GTK_ROOT (f->window)));
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (f->window)), GTK_WIDGET (cards_page (f))));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo-answer", NULL));
  rh_test_settle ();
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT count(*) FROM review_log WHERE rating = 3;"), ==, 1);
  after = dump_card (f->db);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT count(*) FROM deleted_cards;"), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (card_selection (f))), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  gtk_source_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add ("/own-deck/journey", Fixture, NULL, fixture_setup, test_journey, fixture_teardown);

  return g_test_run ();
}
