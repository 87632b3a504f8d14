/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <gtksourceview/gtksource.h>

#include "rh-study-page.h"
#include "rh-test-utils.h"
#include "rh-test-widget-utils.h"

static const char deck[] =
  "{\"rehearse_deck\": 1, \"cards\": ["
  " {\"id\": \"chan\", \"topic\": \"Go::并发\", \"front\": \"无缓冲 channel 的发送什么时候返回？\","
  "  \"back\": \"接收方取走数据时。\\n\\n```go\\nch := make(chan int)\\ngo func() { ch <- 1 }()\\n<-ch\\n```\","
  "  \"follow_ups\": [\"hchan\"]},"
  " {\"id\": \"hchan\", \"topic\": \"Go::并发\", \"front\": \"hchan 里有什么？\", \"back\": \"buf、sendq、recvq、lock。\"}"
  "]}";

typedef struct
{
  RhClock         *clock;
  RhDatabase      *db;
  RhStudySettings *settings;
  RhScheduler     *scheduler;
  RhStudyQueue    *queue;
  GtkWindow       *window;
  RhStudyPage      *view;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->clock = rh_clock_new_fake (RH_TEST_NOW_US, NULL);
  f->db = rh_test_open_database (":memory:", f->clock);
  rh_test_import (f->db, deck, NULL);
  f->settings = rh_study_settings_new ();
  f->scheduler = rh_scheduler_new (f->db, f->settings);
  f->queue = rh_study_queue_new (f->scheduler, "Go");

  /* Both held by the test, so that their finalization can be asserted. */
  f->window = g_object_ref (GTK_WINDOW (gtk_window_new ()));
  f->view = g_object_ref_sink (RH_STUDY_PAGE (rh_study_page_new (f->queue)));
  gtk_window_set_child (f->window, GTK_WIDGET (f->view));
  gtk_window_present (f->window);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gtk_window_destroy (f->window);
  g_assert_finalize_object (f->window);
  g_assert_finalize_object (f->view);
  g_assert_finalize_object (f->queue);
  g_assert_finalize_object (f->scheduler);
  g_assert_finalize_object (f->settings);
  g_assert_finalize_object (f->db);
  g_assert_finalize_object (f->clock);
}

static gint64
query (Fixture    *f,
       const char *sql)
{
  return rh_test_query_int (f->db, sql);
}

/* @parameter: (transfer floating) (nullable): sunk and released here, as
 * gtk_widget_activate_action_variant() does not take it. */
static void
activate (Fixture    *f,
          const char *action,
          GVariant   *parameter)
{
  g_autoptr(GVariant) owned = parameter ? g_variant_ref_sink (parameter) : NULL;

  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (f->view), action, owned));
}

static void
test_reveal_and_grade (Fixture       *f,
                       gconstpointer  data)
{
  RhCard *first = rh_study_queue_get_current_card (f->queue);

  g_assert_nonnull (first);
  g_assert_cmpstr (rh_card_get_uid (first), ==, "chan");
  g_assert_cmpstr (rh_study_page_get_screen (f->view), ==, "card");
  g_assert_false (rh_study_page_get_revealed (f->view));

  /* Grading is not possible before the answer is shown. */
  gtk_widget_activate_action (GTK_WIDGET (f->view), "card.grade", "i", 3);
  g_assert_cmpint (query (f, "SELECT count(*) FROM review_log;"), ==, 0);

  activate (f, "card.reveal", NULL);
  g_assert_true (rh_study_page_get_revealed (f->view));

  /* Forty seconds on the card, then Good. */
  rh_clock_advance (f->clock, 40 * G_USEC_PER_SEC);
  activate (f, "card.grade", g_variant_new_int32 (RH_RATING_GOOD));

  g_assert_cmpint (query (f, "SELECT count(*) FROM review_log;"), ==, 1);
  g_assert_cmpint (query (f, "SELECT rating FROM review_log;"), ==, RH_RATING_GOOD);
  g_assert_cmpint (query (f, "SELECT duration_ms FROM review_log;"), ==, 40000);
  g_assert_cmpint (query (f, "SELECT source = 'study' FROM review_log;"), ==, 1);
  g_assert_cmpint (query (f, "SELECT state FROM review_state WHERE card_id = (SELECT id FROM cards WHERE uid = 'chan');"),
                   ==, RH_CARD_STATE_LEARNING);

  /* The next card is shown, hidden again. */
  g_assert_cmpstr (rh_card_get_uid (rh_study_queue_get_current_card (f->queue)), ==, "hchan");
  g_assert_false (rh_study_page_get_revealed (f->view));

  /* Undo puts the first card back exactly as it was. */
  activate (f, "card.undo", NULL);
  g_assert_cmpint (query (f, "SELECT count(*) FROM review_log;"), ==, 0);
  g_assert_cmpint (query (f, "SELECT state FROM review_state WHERE card_id = (SELECT id FROM cards WHERE uid = 'chan');"),
                   ==, RH_CARD_STATE_NEW);
  g_assert_cmpstr (rh_card_get_uid (rh_study_queue_get_current_card (f->queue)), ==, "chan");
}

static void
test_primary_and_caught_up (Fixture       *f,
                            gconstpointer  data)
{
  /* Space reveals, Space again answers Good; twice for two new cards... */
  for (guint i = 0; i < 2; i++)
    {
      activate (f, "card.primary", NULL);
      g_assert_true (rh_study_page_get_revealed (f->view));
      activate (f, "card.primary", NULL);
    }

  /* ...then both are learning, due in ten minutes: learn-ahead shows one. */
  g_assert_cmpint (query (f, "SELECT count(*) FROM review_log WHERE rating = 3;"), ==, 2);

  /* Easy on whatever is left graduates it. */
  while (rh_study_queue_get_current_card (f->queue) != NULL)
    {
      activate (f, "card.reveal", NULL);
      activate (f, "card.grade", g_variant_new_int32 (RH_RATING_EASY));
    }

  g_assert_cmpstr (rh_study_page_get_screen (f->view), ==, "caught-up");
  g_assert_cmpint (rh_study_queue_get_next_due (f->queue), >, RH_TEST_NOW_US / G_USEC_PER_SEC);
}

static void
test_edit_and_suspend (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(RhCard) stored = NULL;
  RhCard *card = rh_study_queue_get_current_card (f->queue);
  gint64 row_id = rh_card_get_row_id (card);

  activate (f, "card.edit", NULL);
  g_assert_cmpstr (rh_study_page_get_screen (f->view), ==, "edit");
  /* Grades and reveal are off while editing. */
  gtk_widget_activate_action (GTK_WIDGET (f->view), "card.reveal", NULL);
  g_assert_false (rh_study_page_get_revealed (f->view));
  activate (f, "card.save-edit", NULL);
  g_assert_cmpstr (rh_study_page_get_screen (f->view), ==, "card");

  stored = rh_deck_store_dup_card (f->db, row_id, NULL);
  g_assert_cmpstr (rh_card_get_front (stored), ==, rh_card_get_front (card));
  g_assert_cmpstr (rh_card_get_topic (stored), ==, "Go::并发");

  activate (f, "card.suspend", NULL);
  g_assert_cmpint (query (f, "SELECT suspended FROM cards WHERE uid = 'chan';"), ==, 1);
  g_assert_cmpstr (rh_card_get_uid (rh_study_queue_get_current_card (f->queue)), ==, "hchan");

  activate (f, "card.unsuspend", g_variant_new_int64 (row_id));
  g_assert_cmpint (query (f, "SELECT suspended FROM cards WHERE uid = 'chan';"), ==, 0);
}

static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
      g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found)
        return found;
    }

  return NULL;
}

/* The toast's Undo brings a suspended card back; a suspended card opened
 * from the browser says so and offers Unsuspend. */
static void
test_suspend_undo_and_mark (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(RhCard) chan = rh_deck_store_dup_card_by_uid (f->db, "chan", NULL);
  GtkWidget *undo, *unsuspend;

  activate (f, "card.suspend", NULL);
  g_assert_cmpint (query (f, "SELECT suspended FROM cards WHERE uid = 'chan';"), ==, 1);
  rh_test_settle ();
  undo = find_button (GTK_WIDGET (f->view), "_Undo");
  g_assert_nonnull (undo);
  g_assert_true (gtk_widget_is_sensitive (undo));
  g_signal_emit_by_name (undo, "clicked");
  g_assert_cmpint (query (f, "SELECT suspended FROM cards WHERE uid = 'chan';"), ==, 0);

  /* Suspended, then opened for study anyway. */
  g_assert_true (rh_deck_store_set_card_suspended (f->db, rh_card_get_row_id (chan), TRUE, NULL));
  g_object_unref (chan);
  chan = rh_deck_store_dup_card_by_uid (f->db, "chan", NULL);
  rh_study_queue_show_card (f->queue, chan);
  rh_test_settle ();
  unsuspend = find_button (GTK_WIDGET (f->view), "Unsuspend");
  g_assert_nonnull (unsuspend);
  g_signal_emit_by_name (unsuspend, "clicked");
  g_assert_cmpint (query (f, "SELECT suspended FROM cards WHERE uid = 'chan';"), ==, 0);
  rh_test_settle ();
  g_assert_false (gtk_widget_get_mapped (unsuspend));
}

static GtkWidget *
find_grade_button (GtkWidget *widget,
                   RhRating   rating)
{
  GVariant *target;

  if (GTK_IS_BUTTON (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), "card.grade") == 0 &&
      (target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (widget))) &&
      g_variant_get_int32 (target) == (gint32)rating)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_grade_button (child, rating);

      if (found)
        return found;
    }

  return NULL;
}

static gboolean
is_inside (GtkWidget *widget,
           GtkWidget *ancestor)
{
  return widget && (widget == ancestor || gtk_widget_is_ancestor (widget, ancestor));
}

/* Tab goes from the page through its buttons to Show Answer, then, once
 * the answer shows, to the follow-ups and the grades: it never sticks. */
static void
test_tab_order (Fixture       *f,
                gconstpointer  data)
{
  GtkWidget *reveal = find_button (GTK_WIDGET (f->view), "_Show Answer");
  GtkWidget *good;

  rh_test_settle ();
  g_assert_nonnull (reveal);
  /* Keyboard focus moves only in the active window. */
  for (gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
       !gtk_window_is_active (f->window) && g_get_monotonic_time () < deadline;)
    g_main_context_iteration (NULL, FALSE);
  g_assert_true (gtk_window_is_active (f->window));
  gtk_widget_grab_focus (GTK_WIDGET (f->view));

  for (guint i = 0; i < 10 && gtk_window_get_focus (f->window) != reveal; i++)
    {
      GtkWidget *before = gtk_window_get_focus (f->window);

      gtk_widget_child_focus (GTK_WIDGET (f->window), GTK_DIR_TAB_FORWARD);
      g_assert_true (gtk_window_get_focus (f->window) != before);
    }
  g_assert_true (gtk_window_get_focus (f->window) == reveal);

  activate (f, "card.reveal", NULL);
  rh_test_settle ();
  good = find_grade_button (GTK_WIDGET (f->view), RH_RATING_GOOD);
  g_assert_nonnull (good);
  for (guint i = 0; i < 12 && !is_inside (gtk_window_get_focus (f->window), good); i++)
    {
      GtkWidget *before = gtk_window_get_focus (f->window);

      gtk_widget_child_focus (GTK_WIDGET (f->window), GTK_DIR_TAB_FORWARD);
      g_assert_true (gtk_window_get_focus (f->window) != before);
    }
  g_assert_true (is_inside (gtk_window_get_focus (f->window), good));
}

static void
test_follow_up (Fixture       *f,
                gconstpointer  data)
{
  activate (f, "card.reveal", NULL);
  activate (f, "card.open-follow-up", g_variant_new_string ("hchan"));

  g_assert_cmpstr (rh_card_get_uid (rh_study_queue_get_current_card (f->queue)), ==, "hchan");
  g_assert_false (rh_study_page_get_revealed (f->view));
}

static void
test_empty_topic (Fixture       *f,
                  gconstpointer  data)
{
  rh_study_queue_set_topic_path (f->queue, "Nope");
  g_assert_cmpstr (rh_study_page_get_screen (f->view), ==, "empty");
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  gtk_source_init ();

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/study-page/reveal-and-grade", test_reveal_and_grade);
  ADD ("/study-page/primary-and-caught-up", test_primary_and_caught_up);
  ADD ("/study-page/edit-and-suspend", test_edit_and_suspend);
  ADD ("/study-page/follow-up", test_follow_up);
  ADD ("/study-page/suspend-undo-and-mark", test_suspend_undo_and_mark);
  ADD ("/study-page/tab-order", test_tab_order);
  ADD ("/study-page/empty-topic", test_empty_topic);
#undef ADD

  return g_test_run ();
}
