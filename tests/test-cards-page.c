/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <string.h>
#include <gtksourceview/gtksource.h>

#include "rh-card-cell.h"
#include "rh-card-info.h"
#include "rh-cards-page.h"
#include "rh-scheduler.h"
#include "rh-study-settings.h"
#include "rh-test-utils.h"
#include "rh-test-widget-utils.h"

typedef struct
{
  RhDatabase      *db;
  GtkWindow       *window;
  AdwToastOverlay *overlay;
  RhCardsPage     *page;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *bulk = rh_test_make_deck (300, "Bulk", "bulk");
  static const char rare[] =
    "{\"rehearse_deck\": 1, \"cards\": ["
    " {\"id\": \"tw1\", \"topic\": \"网络::TCP\", \"front\": \"TIME_WAIT 在哪一方？\", \"back\": \"主动关闭方\", \"tags\": [\"tcp\", \"挥手\"]},"
    " {\"id\": \"tw2\", \"topic\": \"网络::TCP\", \"front\": \"大量 TIME_WAIT 怎么办？\", \"back\": \"复用连接\"},"
    " {\"id\": \"tw3\", \"topic\": \"网络::TCP\", \"front\": \"2MSL 是多久？\", \"back\": \"TIME_WAIT 的时长\"}"
    "]}";

  f->db = rh_test_open_database (":memory:", NULL);
  rh_test_import (f->db, bulk, NULL);
  rh_test_import (f->db, rare, NULL);

  /* Both held by the test, so that their finalization can be asserted. */
  f->window = g_object_ref (GTK_WINDOW (gtk_window_new ()));
  f->page = g_object_ref_sink (RH_CARDS_PAGE (rh_cards_page_new (f->db)));
  /* Toasts, with their Undo, show in the overlay around the page. */
  f->overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_toast_overlay_set_child (f->overlay, GTK_WIDGET (f->page));
  gtk_window_set_default_size (f->window, 600, 500);
  gtk_window_set_child (f->window, GTK_WIDGET (f->overlay));
  gtk_window_present (f->window);
  /* The page reads its list when it first maps. */
  rh_test_wait_mapped (GTK_WIDGET (f->page));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gtk_window_destroy (f->window);
  g_assert_finalize_object (f->window);
  /* The overlay went with the window; the page is held by the test. */
  g_assert_finalize_object (f->page);
  g_assert_finalize_object (f->db);
}

static void
count_visible_rows (GtkWidget *widget,
                    GtkWidget *viewport,
                    guint     *n_rows)
{
  if (RH_IS_CARD_CELL (widget) && gtk_widget_get_mapped (widget) &&
      rh_card_cell_get_card (RH_CARD_CELL (widget)) != NULL &&
      gtk_widget_get_hexpand (widget) /* the question's */)
    {
      graphene_rect_t bounds;

      /* Inside what the scrolled window shows, not parked out of sight. */
      if (gtk_widget_compute_bounds (widget, viewport, &bounds) &&
          bounds.size.height > 0 &&
          bounds.origin.y + bounds.size.height > 0 &&
          bounds.origin.y < gtk_widget_get_height (viewport))
        (*n_rows)++;
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    count_visible_rows (child, viewport, n_rows);
}

static guint
visible_rows (Fixture *f)
{
  /* The list's own, not one in a menu's popover. */
  GtkWidget *list = rh_test_find_widget (GTK_WIDGET (f->page), GTK_TYPE_COLUMN_VIEW, NULL);
  GtkWidget *scroller = gtk_widget_get_ancestor (list, GTK_TYPE_SCROLLED_WINDOW);
  guint n_rows = 0;

  /* Under sanitizers the list may need more than one settle to lay out
   * its rows; a list that shows none (the bug this guards) never does. */
  for (guint i = 0; i < 20 && n_rows == 0; i++)
    {
      rh_test_settle ();
      count_visible_rows (scroller, scroller, &n_rows);
    }

  return n_rows;
}

static void
search (Fixture    *f,
        const char *text)
{
  GtkWidget *entry = rh_test_find_widget (GTK_WIDGET (f->page), GTK_TYPE_SEARCH_ENTRY, NULL);

  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  /* The entry waits a moment before it says the search changed. */
  g_signal_emit_by_name (entry, "search-changed");
}

/* Clearing a search shows the whole list at once, not an empty one until
 * the mouse wheel moves it. */
static void
test_search_and_clear (Fixture       *f,
                       gconstpointer  data)
{
  GtkWidget *list = rh_test_find_widget (GTK_WIDGET (f->page), GTK_TYPE_COLUMN_VIEW, NULL);
  GListModel *model = G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (list)));

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 303);
  g_assert_cmpuint (visible_rows (f), >, 3);

  rh_cards_page_start_search (f->page);
  g_assert_true (rh_cards_page_get_search_mode (f->page));
  search (f, "TIME_WAIT");
  model = G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (list)));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
  g_assert_cmpuint (visible_rows (f), ==, 3);

  search (f, "");
  model = G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (list)));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 303);
  g_assert_cmpuint (visible_rows (f), >, 3);

  /* Nothing found, then everything again. */
  search (f, "\"");
  search (f, "*");
  search (f, "");
  g_assert_cmpuint (visible_rows (f), >, 3);
}

/* The first widget under @widget, itself included, that @match accepts. */
static GtkWidget *
find_first (GtkWidget  *widget,
            gboolean  (*match) (GtkWidget *, const char *),
            const char *arg)
{
  if (match (widget, arg))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_first (child, match, arg);

      if (found)
        return found;
    }

  return NULL;
}

static gboolean
is_label_with_class (GtkWidget  *widget,
                     const char *css_class)
{
  return GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, css_class);
}

static void
collect_titles (GtkWidget *widget,
                GString   *titles)
{
  if (RH_IS_CARD_CELL (widget) && rh_card_cell_get_card (RH_CARD_CELL (widget)) != NULL &&
      gtk_widget_get_hexpand (widget))
    {
      g_string_append_printf (titles, "%s|", rh_card_cell_get_text (RH_CARD_CELL (widget)));
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_titles (child, titles);
}

/* The title markup of every bound row, in widget order. */
static char *
row_titles (Fixture *f)
{
  GString *titles = g_string_new (NULL);

  rh_test_settle ();
  collect_titles (rh_test_find_widget (GTK_WIDGET (f->page), GTK_TYPE_COLUMN_VIEW, NULL), titles);

  return g_string_free (titles, FALSE);
}

/* A search says how many cards it found and shows where in their titles. */
static void
test_search_count_and_highlight (Fixture       *f,
                                 gconstpointer  data)
{
  GtkWidget *bar = rh_test_find_widget (GTK_WIDGET (f->page), GTK_TYPE_SEARCH_BAR, NULL);
  GtkWidget *count = find_first (bar, is_label_with_class, "caption");
  g_autofree char *titles = NULL;

  g_assert_nonnull (count);
  g_assert_false (gtk_widget_get_visible (count));

  rh_cards_page_start_search (f->page);
  search (f, "time_wait");
  g_assert_true (gtk_widget_get_visible (count));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (count)), ==, "3 cards");
  titles = row_titles (f);
  g_assert_nonnull (strstr (titles, "<b>TIME_WAIT</b> 在哪一方？|"));
  g_assert_nonnull (strstr (titles, "大量 <b>TIME_WAIT</b> 怎么办？|"));
  /* Found by its back; its title has nothing to mark. */
  g_assert_nonnull (strstr (titles, "2MSL 是多久？|"));
  g_clear_pointer (&titles, g_free);

  /* Two Chinese characters inside a word, and a symbol kept literal. */
  search (f, "哪一 <");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (count)), ==, "0 cards");
  search (f, "哪一");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (count)), ==, "1 card");
  titles = row_titles (f);
  g_assert_cmpstr (titles, ==, "TIME_WAIT 在<b>哪一</b>方？|");
  g_clear_pointer (&titles, g_free);

  search (f, "");
  g_assert_false (gtk_widget_get_visible (count));
  titles = row_titles (f);
  g_assert_null (strstr (titles, "<b>"));
}

/* A filter the search cannot read says what is wrong in place of the
 * count, and the list is empty; a search it can read counts again. */
static void
test_search_error (Fixture       *f,
                   gconstpointer  data)
{
  GtkWidget *bar = rh_test_find_widget (GTK_WIDGET (f->page), GTK_TYPE_SEARCH_BAR, NULL);
  GtkWidget *count = find_first (bar, is_label_with_class, "caption");

  rh_cards_page_start_search (f->page);
  search (f, "time_wait foo:bar");
  g_assert_true (gtk_widget_get_visible (count));
  g_assert_true (g_str_has_prefix (gtk_label_get_label (GTK_LABEL (count)), "“foo:bar” is not a filter"));
  g_assert_true (gtk_widget_has_css_class (count, "error"));
  g_assert_cmpuint (visible_rows (f), ==, 0);

  search (f, "time_wait is:nope");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (count)), ==,
                   "“is:nope” is not one of new, learning, review, due, suspended, leech");

  search (f, "time_wait is:new");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (count)), ==, "3 cards");
  g_assert_false (gtk_widget_has_css_class (count, "error"));
}



/* What the open question's entry offers to complete, once it has read
 * the deck (tags are read on a worker). */
static gboolean
dialog_offers (const char *completion)
{
  gint64 until = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  GtkWidget *dialog;
  GtkEntryCompletion *entry_completion;
  GtkTreeModel *model;

  rh_test_settle ();
  dialog = rh_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  entry_completion = gtk_entry_get_completion (GTK_ENTRY (adw_message_dialog_get_extra_child (ADW_MESSAGE_DIALOG (dialog))));
  g_assert_nonnull (entry_completion);
  model = gtk_entry_completion_get_model (entry_completion);

  while (gtk_tree_model_iter_n_children (model, NULL) == 0 && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);

  for (int i = 0; i < gtk_tree_model_iter_n_children (model, NULL); i++)
    {
      GtkTreeIter iter;
      g_autofree char *text = NULL;

      gtk_tree_model_iter_nth_child (model, &iter, NULL, i);
      gtk_tree_model_get (model, &iter, 0, &text, -1);
      if (g_strcmp0 (text, completion) == 0)
        return TRUE;
    }

  return FALSE;
}

/* The bar of bulk actions slides in while cards are selected. */
static gboolean
selection_bar_shown (Fixture *f)
{
  GtkWidget *bar = rh_test_find_widget (GTK_WIDGET (f->page), GTK_TYPE_ACTION_BAR, NULL);

  return gtk_revealer_get_reveal_child (GTK_REVEALER (gtk_widget_get_ancestor (bar, GTK_TYPE_REVEALER)));
}

static GtkColumnView *
column_view (Fixture *f)
{
  return GTK_COLUMN_VIEW (rh_test_find_widget (GTK_WIDGET (f->page), GTK_TYPE_COLUMN_VIEW, NULL));
}

static GtkColumnViewColumn *
column_titled (Fixture    *f,
               const char *title)
{
  GListModel *columns = gtk_column_view_get_columns (column_view (f));

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_strcmp0 (gtk_column_view_column_get_title (column), title) == 0)
        return column;
    }

  g_assert_not_reached ();
}

static void
activate (Fixture    *f,
          const char *action)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), action, NULL));
  rh_test_settle ();
}

static gint64
card_id (Fixture    *f,
         const char *uid)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM cards WHERE uid = '%s';", uid);

  return rh_test_query_int (f->db, sql);
}

static void
answer (Fixture    *f,
        const char *uid)
{
  g_autoptr(RhStudySettings) settings = rh_study_settings_new ();
  g_autoptr(RhScheduler) scheduler = rh_scheduler_new (f->db, settings);
  g_autoptr(GError) error = NULL;

  rh_scheduler_answer (scheduler, card_id (f, uid), RH_RATING_GOOD, 3000, RH_REVIEW_SOURCE_STUDY, NULL, &error);
  g_assert_no_error (error);
}

/* Every column, the chosen ones shown, and the choice remembered. */
static void
test_columns (Fixture       *f,
              gconstpointer  data)
{
  static const char * const titles[] = {
    "Question", "Topic", "State", "Due", "Interval", "Stability", "Difficulty", "Reviews", "Lapses", "Modified",
  };
  GListModel *columns = gtk_column_view_get_columns (column_view (f));
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_auto(GStrv) chosen = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (columns), ==, G_N_ELEMENTS (titles));
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      g_assert_cmpstr (gtk_column_view_column_get_title (column), ==, titles[i]);
      g_assert_nonnull (gtk_column_view_column_get_sorter (column));
    }
  g_assert_true (gtk_column_view_column_get_visible (column_titled (f, "Due")));
  g_assert_false (gtk_column_view_column_get_visible (column_titled (f, "Lapses")));

  /* The Columns menu's items toggle them; the question always shows. */
  activate (f, "columns.lapses");
  activate (f, "columns.due");
  activate (f, "columns.question");
  g_assert_true (gtk_column_view_column_get_visible (column_titled (f, "Lapses")));
  g_assert_false (gtk_column_view_column_get_visible (column_titled (f, "Due")));
  g_assert_true (gtk_column_view_column_get_visible (column_titled (f, "Question")));
  chosen = g_settings_get_strv (settings, "card-columns");
  g_assert_true (g_strv_contains ((const char * const *)chosen, "lapses"));
  g_assert_false (g_strv_contains ((const char * const *)chosen, "due"));
  g_assert_true (g_strv_contains ((const char * const *)chosen, "question"));

  /* Each cell reads its card's value. */
  g_assert_nonnull (rh_test_find_label (GTK_WIDGET (f->page), "Bulk"));
  g_assert_nonnull (rh_test_find_label (GTK_WIDGET (f->page), "New"));
  g_settings_reset (settings, "card-columns");
}

/* A click on a column's header sorts the list in SQL by it. */
static void
test_sort (Fixture       *f,
           gconstpointer  data)
{
  RhCardList *list = rh_cards_page_get_card_list (f->page);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *stored = NULL;
  g_autofree char *titles = NULL;
  gboolean descending = FALSE;

  answer (f, "tw3");
  answer (f, "tw3");
  answer (f, "bulk-7");
  rh_test_settle ();
  g_assert_cmpint (rh_card_list_get_sort (list, NULL), ==, RH_CARD_SORT_DEFAULT);

  gtk_column_view_sort_by_column (column_view (f), column_titled (f, "Reviews"), GTK_SORT_DESCENDING);
  rh_test_settle ();
  g_assert_cmpint (rh_card_list_get_sort (list, &descending), ==, RH_CARD_SORT_REPS);
  g_assert_true (descending);
  g_assert_cmpint (rh_card_list_get_id (list, 0), ==, card_id (f, "tw3"));
  g_assert_cmpint (rh_card_list_get_id (list, 1), ==, card_id (f, "bulk-7"));
  /* The rows show it, with its reviews. */
  titles = row_titles (f);
  g_assert_nonnull (strstr (titles, "2MSL 是多久？|"));
  g_assert_nonnull (rh_test_find_label (GTK_WIDGET (f->page), "2"));
  stored = g_settings_get_string (settings, "card-sort");
  g_assert_cmpstr (stored, ==, "-reviews");

  gtk_column_view_sort_by_column (column_view (f), column_titled (f, "Question"), GTK_SORT_ASCENDING);
  rh_test_settle ();
  g_assert_cmpint (rh_card_list_get_sort (list, &descending), ==, RH_CARD_SORT_QUESTION);
  g_assert_false (descending);
  g_assert_cmpint (rh_card_list_get_id (list, 0), ==, card_id (f, "tw3"));

  /* No column: the order the cards were added. */
  gtk_column_view_sort_by_column (column_view (f), NULL, GTK_SORT_ASCENDING);
  rh_test_settle ();
  g_assert_cmpint (rh_card_list_get_sort (list, NULL), ==, RH_CARD_SORT_DEFAULT);
  g_assert_cmpint (rh_card_list_get_id (list, 0), ==, card_id (f, "bulk-0"));
  g_settings_reset (settings, "card-sort");
}

/* Ctrl+A selects every card, a bulk action works on them all, and the
 * toast's Undo and Ctrl+Z put them back. */
static void
test_select_suspend_undo (Fixture       *f,
                          gconstpointer  data)
{
  GtkSelectionModel *selection = gtk_column_view_get_model (column_view (f));
  GtkWidget *undo;

  rh_test_settle ();
  g_assert_false (selection_bar_shown (f));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (selection)), ==, 303);

  /* Ctrl+A, bound on the column view's list. */
  g_assert_true (gtk_widget_activate_action (rh_test_find_widget (GTK_WIDGET (column_view (f)), GTK_TYPE_LIST_VIEW, NULL),
                                             "list.select-all", NULL));
  rh_test_settle ();
  g_assert_nonnull (rh_test_find_label (GTK_WIDGET (f->page), "303 selected"));
  g_assert_true (selection_bar_shown (f));

  activate (f, "cards.suspend");
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT count(*) FROM cards WHERE suspended;"), ==, 303);
  g_assert_nonnull (rh_test_find_label (GTK_WIDGET (f->overlay), "303 cards suspended"));
  g_assert_nonnull (rh_test_find_label (GTK_WIDGET (f->page), "Suspended"));

  undo = rh_test_find_button (GTK_WIDGET (f->overlay), "Undo");
  g_assert_nonnull (undo);
  g_signal_emit_by_name (undo, "clicked");
  rh_test_settle ();
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT count(*) FROM cards WHERE suspended;"), ==, 0);

  /* Two cards, as Ctrl+click picks them, moved to a new topic from the
   * dialog; Ctrl+Z moves them back. */
  gtk_selection_model_unselect_all (selection);
  gtk_selection_model_select_item (selection, 0, FALSE);
  gtk_selection_model_select_item (selection, 2, FALSE);
  rh_test_settle ();
  g_assert_nonnull (rh_test_find_label (GTK_WIDGET (f->page), "2 selected"));
  activate (f, "cards.move");
  /* The topics and tags there are, to choose from as in the editor. */
  g_assert_true (dialog_offers ("网络::TCP"));
  g_assert_true (dialog_offers ("Bulk"));
  rh_test_respond ("move", "Projects::Mine");
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT count(*) FROM cards c JOIN topics t ON t.id = c.topic_id"
                                             " WHERE t.path = 'Projects::Mine' AND c.uid IN ('bulk-0', 'bulk-2');"), ==, 2);
  g_assert_nonnull (rh_test_find_label (GTK_WIDGET (f->overlay), "2 cards moved to Projects::Mine"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "cards.undo", NULL));
  rh_test_settle ();
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT count(*) FROM cards c JOIN topics t ON t.id = c.topic_id"
                                             " WHERE t.path = 'Bulk';"), ==, 300);

  /* Enter in the entry adds the tag and closes the dialog. */
  activate (f, "cards.add-tag");
  g_assert_true (dialog_offers ("挥手"));
  g_assert_true (dialog_offers ("tcp"));
  {
    GtkWidget *dialog = rh_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
    GtkWidget *entry = adw_message_dialog_get_extra_child (ADW_MESSAGE_DIALOG (dialog));

    gtk_editable_set_text (GTK_EDITABLE (entry), "mine");
    g_signal_emit_by_name (entry, "activate");
    rh_test_settle ();
    g_assert_null (rh_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  }
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT count(*) FROM cards WHERE uid IN ('bulk-0', 'bulk-2')"
                                             " AND tags LIKE '%mine%';"), ==, 2);

  gtk_selection_model_unselect_all (selection);
  rh_test_settle ();
  g_assert_false (selection_bar_shown (f));
}

/* Deleting a studied card asks first; Undo brings back it and its
 * history. Card info shows that history. */
static void
test_delete_and_info (Fixture       *f,
                      gconstpointer  data)
{
  GtkSelectionModel *selection = NULL;
  RhCardList *list = rh_cards_page_get_card_list (f->page);
  gint64 tw1 = card_id (f, "tw1");
  GtkWidget *info;

  answer (f, "tw1");
  answer (f, "tw1");
  rh_cards_page_start_search (f->page);
  search (f, "哪一方 rated:1");
  rh_test_settle ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  selection = gtk_column_view_get_model (column_view (f));
  gtk_selection_model_select_item (selection, 0, TRUE);

  /* Card info: the memory, and one row per answer. */
  activate (f, "cards.info");
  info = rh_test_find_toplevel (RH_TYPE_CARD_INFO);
  g_assert_nonnull (info);
  g_assert_cmpint (rh_card_info_get_card_id (RH_CARD_INFO (info)), ==, tw1);
  g_assert_nonnull (rh_test_find_label (info, "TIME_WAIT 在哪一方？"));
  g_assert_nonnull (rh_test_find_label (info, "Retrievability"));
  g_assert_cmpuint (rh_test_count_rows_titled (info, " · Good"), ==, 2);
  gtk_window_destroy (GTK_WINDOW (info));
  rh_test_settle ();

  activate (f, "cards.delete");
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT count(*) FROM cards WHERE uid = 'tw1';"), ==, 1);
  rh_test_respond ("delete", NULL);
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT count(*) FROM cards WHERE uid = 'tw1';"), ==, 0);
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT count(*) FROM review_log;"), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);

  activate (f, "cards.undo");
  g_assert_cmpint (card_id (f, "tw1"), ==, tw1);
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT count(*) FROM review_log;"), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  gtk_source_init ();
  /* A revealer then shows its child at once: under a sanitizer one frame
   * can take longer than a settle. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/cards-page/search-and-clear", test_search_and_clear);
  ADD ("/cards-page/columns", test_columns);
  ADD ("/cards-page/sort", test_sort);
  ADD ("/cards-page/select-suspend-undo", test_select_suspend_undo);
  ADD ("/cards-page/delete-and-info", test_delete_and_info);
  ADD ("/cards-page/search-count-and-highlight", test_search_count_and_highlight);
  ADD ("/cards-page/search-error", test_search_error);

  return g_test_run ();
}
