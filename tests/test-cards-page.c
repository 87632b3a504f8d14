/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <string.h>
#include <gtksourceview/gtksource.h>

#include "rh-card-row.h"
#include "rh-cards-page.h"
#include "rh-test-utils.h"
#include "rh-test-widget-utils.h"

typedef struct
{
  RhDatabase  *db;
  GtkWindow   *window;
  RhCardsPage *page;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *bulk = rh_test_make_deck (300, "Bulk", "bulk");
  static const char rare[] =
    "{\"rehearse_deck\": 1, \"cards\": ["
    " {\"id\": \"tw1\", \"topic\": \"网络::TCP\", \"front\": \"TIME_WAIT 在哪一方？\", \"back\": \"主动关闭方\"},"
    " {\"id\": \"tw2\", \"topic\": \"网络::TCP\", \"front\": \"大量 TIME_WAIT 怎么办？\", \"back\": \"复用连接\"},"
    " {\"id\": \"tw3\", \"topic\": \"网络::TCP\", \"front\": \"2MSL 是多久？\", \"back\": \"TIME_WAIT 的时长\"}"
    "]}";

  f->db = rh_test_open_database (":memory:", NULL);
  rh_test_import (f->db, bulk, NULL);
  rh_test_import (f->db, rare, NULL);

  /* Both held by the test, so that their finalization can be asserted. */
  f->window = g_object_ref (GTK_WINDOW (gtk_window_new ()));
  f->page = g_object_ref_sink (RH_CARDS_PAGE (rh_cards_page_new (f->db)));
  gtk_window_set_default_size (f->window, 600, 500);
  gtk_window_set_child (f->window, GTK_WIDGET (f->page));
  gtk_window_present (f->window);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gtk_window_destroy (f->window);
  g_assert_finalize_object (f->window);
  g_assert_finalize_object (f->page);
  g_assert_finalize_object (f->db);
}

static void
count_visible_rows (GtkWidget *widget,
                    GtkWidget *viewport,
                    guint     *n_rows)
{
  if (RH_IS_CARD_ROW (widget) && gtk_widget_get_mapped (widget))
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
  GtkWidget *scroller = rh_test_find_widget (GTK_WIDGET (f->page), GTK_TYPE_SCROLLED_WINDOW, NULL);
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
  GtkWidget *list = rh_test_find_widget (GTK_WIDGET (f->page), GTK_TYPE_LIST_VIEW, NULL);
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list)));

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 303);
  g_assert_cmpuint (visible_rows (f), >, 3);

  rh_cards_page_start_search (f->page);
  g_assert_true (rh_cards_page_get_search_mode (f->page));
  search (f, "TIME_WAIT");
  model = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list)));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
  g_assert_cmpuint (visible_rows (f), ==, 3);

  search (f, "");
  model = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list)));
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

/* A suspended card offers Unsuspend in its row. */
static void
test_unsuspend (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(RhCard) card = rh_deck_store_dup_card_by_uid (f->db, "tw2", NULL);
  GtkWidget *button;

  rh_cards_page_start_search (f->page);
  search (f, "TIME_WAIT");
  rh_test_settle ();
  g_assert_null (rh_test_find_button (GTK_WIDGET (f->page), "Unsuspend"));

  g_assert_true (rh_deck_store_set_card_suspended (f->db, rh_card_get_row_id (card), TRUE, NULL));
  rh_test_settle ();
  button = rh_test_find_button (GTK_WIDGET (f->page), "Unsuspend");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT suspended FROM cards WHERE uid = 'tw2';"), ==, 0);
  rh_test_settle ();
  g_assert_null (rh_test_find_button (GTK_WIDGET (f->page), "Unsuspend"));
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
  if (RH_IS_CARD_ROW (widget) && rh_card_row_get_card (RH_CARD_ROW (widget)) != NULL)
    {
      GtkWidget *title = rh_test_find_widget (widget, GTK_TYPE_LABEL, NULL);

      g_string_append_printf (titles, "%s|", gtk_label_get_label (GTK_LABEL (title)));
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
  collect_titles (rh_test_find_widget (GTK_WIDGET (f->page), GTK_TYPE_LIST_VIEW, NULL), titles);

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

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  gtk_source_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/cards-page/search-and-clear", test_search_and_clear);
  ADD ("/cards-page/unsuspend", test_unsuspend);
  ADD ("/cards-page/search-count-and-highlight", test_search_count_and_highlight);
  ADD ("/cards-page/search-error", test_search_error);

  return g_test_run ();
}
