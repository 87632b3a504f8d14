/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <gtksourceview/gtksource.h>

#include "rh-card-editor.h"
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
  undo = rh_test_find_button (GTK_WIDGET (f->view), "Undo");
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
  unsuspend = rh_test_find_button (GTK_WIDGET (f->view), "Unsuspend");
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
  GtkWidget *reveal = rh_test_find_button (GTK_WIDGET (f->view), "Show Answer");
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

/* A follow-up opened from a revealed card is studied, then the card comes
 * back, answer shown, to be graded: its grade is never lost. */
static void
test_follow_up (Fixture       *f,
                gconstpointer  data)
{
  activate (f, "card.reveal", NULL);
  rh_clock_advance (f->clock, 30 * G_USEC_PER_SEC);
  activate (f, "card.open-follow-up", g_variant_new_string ("hchan"));

  g_assert_cmpstr (rh_card_get_uid (rh_study_queue_get_current_card (f->queue)), ==, "hchan");
  g_assert_false (rh_study_page_get_revealed (f->view));

  activate (f, "card.reveal", NULL);
  rh_clock_advance (f->clock, 10 * G_USEC_PER_SEC);
  activate (f, "card.grade", g_variant_new_int32 (RH_RATING_EASY));
  g_assert_cmpint (query (f, "SELECT count(*) FROM review_log;"), ==, 1);

  g_assert_cmpstr (rh_card_get_uid (rh_study_queue_get_current_card (f->queue)), ==, "chan");
  g_assert_cmpstr (rh_study_page_get_screen (f->view), ==, "card");
  g_assert_true (rh_study_page_get_revealed (f->view));
  activate (f, "card.grade", g_variant_new_int32 (RH_RATING_HARD));

  /* Timed as the time spent on the card itself. */
  g_assert_cmpint (query (f, "SELECT rating FROM review_log WHERE card_id = (SELECT id FROM cards WHERE uid = 'chan');"),
                   ==, RH_RATING_HARD);
  g_assert_cmpint (query (f, "SELECT duration_ms FROM review_log WHERE card_id = (SELECT id FROM cards WHERE uid = 'chan');"),
                   ==, 30000);
}

/* The toast names the grade and the card that were undone. */
static void
test_undo_toast (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  AdwToast *toast;

  g_assert_null (rh_study_page_undo (f->view, &error));
  g_assert_error (error, RH_DATABASE_ERROR, RH_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  activate (f, "card.reveal", NULL);
  activate (f, "card.grade", g_variant_new_int32 (RH_RATING_GOOD));
  toast = rh_study_page_undo (f->view, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (adw_toast_get_title (toast), ==, "Undid “Good” on “无缓冲 channel 的发送什么时候返回？”");
  g_assert_cmpint (query (f, "SELECT count(*) FROM review_log;"), ==, 0);
  g_assert_finalize_object (toast);
}

/* Forgetting a card for the eighth time makes it a leech: a toast says
 * so, and undoing the answer takes back the suspension and the tag. */
static void
test_leech_toast (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *sql = NULL;
  gint64 now = RH_TEST_NOW_US / G_USEC_PER_SEC;

  sql = g_strdup_printf ("UPDATE review_state SET state = 2, stability = 20.0, difficulty = 5.0,"
                         " due = %lld, last_review = %lld, reps = 10, lapses = 7"
                         " WHERE card_id = (SELECT id FROM cards WHERE uid = 'chan');",
                         (long long)now, (long long)(now - 20 * 86400));
  rh_test_exec (f->db, sql);
  rh_study_queue_refresh (f->queue);
  g_assert_cmpstr (rh_card_get_uid (rh_study_queue_get_current_card (f->queue)), ==, "chan");

  activate (f, "card.reveal", NULL);
  activate (f, "card.grade", g_variant_new_int32 (RH_RATING_AGAIN));
  g_assert_cmpint (query (f, "SELECT suspended FROM cards WHERE uid = 'chan';"), ==, 1);
  g_assert_cmpint (query (f, "SELECT tags = 'leech' FROM cards WHERE uid = 'chan';"), ==, 1);
  /* Suspended, it leaves the queue at once. */
  g_assert_cmpstr (rh_card_get_uid (rh_study_queue_get_current_card (f->queue)), ==, "hchan");
  rh_test_settle ();
  g_assert_nonnull (rh_test_find_label (GTK_WIDGET (f->view),
                                        "“无缓冲 channel 的发送什么时候返回？” is a leech: suspended and tagged “leech”"));

  activate (f, "card.undo", NULL);
  g_assert_cmpint (query (f, "SELECT suspended FROM cards WHERE uid = 'chan';"), ==, 0);
  g_assert_cmpint (query (f, "SELECT tags = '' FROM cards WHERE uid = 'chan';"), ==, 1);
  g_assert_cmpint (query (f, "SELECT lapses FROM review_state WHERE card_id = (SELECT id FROM cards WHERE uid = 'chan');"),
                   ==, 7);
  g_assert_cmpstr (rh_card_get_uid (rh_study_queue_get_current_card (f->queue)), ==, "chan");
}

/* The editor's first source view is the question; the card's own code
 * blocks are source views too. */
static GtkTextBuffer *
find_front_buffer (GtkWidget *widget,
                   gboolean   in_editor)
{
  in_editor = in_editor || RH_IS_CARD_EDITOR (widget);
  if (in_editor && GTK_SOURCE_IS_VIEW (widget))
    return gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget));

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkTextBuffer *found = find_front_buffer (child, in_editor);

      if (found)
        return found;
    }

  return NULL;
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

/* Escape with typed edits asks before throwing them away; without edits
 * it just closes. */
static void
test_edit_cancel (Fixture       *f,
                  gconstpointer  data)
{
  GtkTextBuffer *front;
  AdwMessageDialog *dialog;

  activate (f, "card.edit", NULL);
  activate (f, "card.cancel-edit", NULL);
  g_assert_cmpstr (rh_study_page_get_screen (f->view), ==, "card");
  g_assert_null (find_dialog ());

  activate (f, "card.edit", NULL);
  front = find_front_buffer (GTK_WIDGET (f->view), FALSE);
  g_assert_nonnull (front);
  gtk_text_buffer_set_text (front, "改过的问题", -1);
  activate (f, "card.cancel-edit", NULL);
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (rh_study_page_get_screen (f->view), ==, "edit");

  adw_message_dialog_response (dialog, "keep");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_cmpstr (rh_study_page_get_screen (f->view), ==, "edit");

  activate (f, "card.cancel-edit", NULL);
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "discard");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_cmpstr (rh_study_page_get_screen (f->view), ==, "card");
  g_assert_cmpint (query (f, "SELECT count(*) FROM cards WHERE front = '改过的问题';"), ==, 0);
}

/* The queue moving on while editing (another topic, an answer elsewhere)
 * keeps the editor and its edits, and saves them to the card edited. */
static void
test_edit_queue_moves (Fixture       *f,
                       gconstpointer  data)
{
  activate (f, "card.edit", NULL);
  gtk_text_buffer_set_text (find_front_buffer (GTK_WIDGET (f->view), FALSE), "改过的问题", -1);

  rh_study_queue_set_topic_path (f->queue, "Nope");
  g_assert_cmpstr (rh_study_page_get_screen (f->view), ==, "edit");
  rh_study_queue_set_topic_path (f->queue, "Go");
  g_assert_true (rh_deck_store_set_card_suspended (f->db, rh_card_get_row_id (rh_study_queue_get_current_card (f->queue)),
                                                   TRUE, NULL));
  g_assert_cmpstr (rh_card_get_uid (rh_study_queue_get_current_card (f->queue)), ==, "hchan");
  g_assert_cmpstr (rh_study_page_get_screen (f->view), ==, "edit");

  activate (f, "card.save-edit", NULL);
  g_assert_cmpstr (rh_study_page_get_screen (f->view), ==, "card");
  g_assert_cmpint (query (f, "SELECT uid = 'chan' FROM cards WHERE front = '改过的问题';"), ==, 1);
  g_assert_cmpint (query (f, "SELECT count(*) FROM cards WHERE uid = 'hchan' AND front = 'hchan 里有什么？';"), ==, 1);
}

static void
test_empty_topic (Fixture       *f,
                  gconstpointer  data)
{
  rh_study_queue_set_topic_path (f->queue, "Nope");
  g_assert_cmpstr (rh_study_page_get_screen (f->view), ==, "empty");
}

/* While a deck imports, the revealed card waits to be graded, saying why,
 * and nothing that would write can be done; then it grades as before. */
static void
test_importing (Fixture       *f,
                gconstpointer  data)
{
  RhCard *first = rh_study_queue_get_current_card (f->queue);

  activate (f, "card.reveal", NULL);
  rh_study_page_set_importing (f->view, TRUE);
  g_assert_true (rh_study_page_get_importing (f->view));

  /* Disabled actions do nothing when activated, keys and buttons alike. */
  gtk_widget_activate_action (GTK_WIDGET (f->view), "card.grade", "i", RH_RATING_GOOD);
  gtk_widget_activate_action (GTK_WIDGET (f->view), "card.primary", NULL);
  gtk_widget_activate_action (GTK_WIDGET (f->view), "card.suspend", NULL);
  gtk_widget_activate_action (GTK_WIDGET (f->view), "card.edit", NULL);
  g_assert_cmpstr (rh_study_page_get_screen (f->view), ==, "card");
  g_assert_false (rh_card_get_suspended (first));
  g_assert_nonnull (rh_test_find_label (GTK_WIDGET (f->view), "A deck is being imported: grade this card when it is done"));
  g_assert_cmpint (query (f, "SELECT count(*) FROM review_log;"), ==, 0);
  g_assert_true (rh_study_queue_get_current_card (f->queue) == first);
  g_assert_true (rh_study_page_get_revealed (f->view));

  rh_study_page_set_importing (f->view, FALSE);
  activate (f, "card.grade", g_variant_new_int32 (RH_RATING_GOOD));
  g_assert_cmpint (query (f, "SELECT count(*) FROM review_log;"), ==, 1);
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
  ADD ("/study-page/undo-toast", test_undo_toast);
  ADD ("/study-page/leech-toast", test_leech_toast);
  ADD ("/study-page/edit-cancel", test_edit_cancel);
  ADD ("/study-page/edit-queue-moves", test_edit_queue_moves);
  ADD ("/study-page/suspend-undo-and-mark", test_suspend_undo_and_mark);
  ADD ("/study-page/tab-order", test_tab_order);
  ADD ("/study-page/empty-topic", test_empty_topic);
  ADD ("/study-page/importing", test_importing);
#undef ADD

  return g_test_run ();
}
