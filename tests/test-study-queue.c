/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "rh-study-queue.h"
#include "rh-test-utils.h"

#define DAY (G_GINT64_CONSTANT (86400))

typedef struct
{
  GTimeZone       *tz;
  RhClock         *clock;
  RhDatabase      *db;
  RhStudySettings *settings;
  RhScheduler     *scheduler;
} Fixture;

static gint64
local_time (GTimeZone *tz,
            int        year,
            int        month,
            int        day,
            int        hour,
            int        minute)
{
  g_autoptr(GDateTime) dt = g_date_time_new (tz, year, month, day, hour, minute, 0);

  return g_date_time_to_unix (dt);
}

/* Cards in deck order: go-0..2 in Go::Runtime, syn-0..1 in Go::Syntax,
 * redis-0..1 in Redis. */
static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *runtime = rh_test_make_deck (3, "Go::Runtime", "go");
  g_autofree char *syntax = rh_test_make_deck (2, "Go::Syntax", "syn");
  g_autofree char *redis = rh_test_make_deck (2, "Redis", "redis");

  f->tz = g_time_zone_new_identifier ("Asia/Shanghai");
  g_assert_nonnull (f->tz);
  /* 2026-03-02 10:00 in Shanghai. */
  f->clock = rh_clock_new_fake (local_time (f->tz, 2026, 3, 2, 10, 0) * G_USEC_PER_SEC, f->tz);
  f->db = rh_test_open_database (":memory:", f->clock);
  if (data == NULL)
    {
      rh_test_import (f->db, runtime, NULL);
      rh_test_import (f->db, syntax, NULL);
      rh_test_import (f->db, redis, NULL);
    }
  f->settings = rh_study_settings_new ();
  f->scheduler = rh_scheduler_new (f->db, f->settings);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_assert_finalize_object (f->scheduler);
  g_assert_finalize_object (f->settings);
  g_assert_finalize_object (f->db);
  g_assert_finalize_object (f->clock);
  g_time_zone_unref (f->tz);
}

static gint64
now (Fixture *f)
{
  return rh_clock_get_now_seconds (f->clock);
}

static gint64
today (Fixture *f)
{
  return rh_scheduler_get_day_start (f->scheduler, now (f));
}

static gint64
tomorrow (Fixture *f)
{
  return rh_scheduler_get_day_start_after (f->scheduler, now (f), 1);
}

static gint64
card_id (Fixture    *f,
         const char *uid)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM cards WHERE uid = '%s';", uid);

  return rh_test_query_int (f->db, sql);
}

/* Changes a card's review state behind the model's back, as another
 * process would; callers emit ::changed when the queue should see it. */
static void
set_state (Fixture     *f,
           const char  *uid,
           RhCardState  state,
           gint64       due)
{
  g_autofree char *sql = NULL;

  sql = g_strdup_printf ("UPDATE review_state SET state = %d, stability = 5.0, difficulty = 5.0,"
                         " due = %" G_GINT64_FORMAT ", last_review = %" G_GINT64_FORMAT ", reps = 2"
                         " WHERE card_id = (SELECT id FROM cards WHERE uid = '%s');",
                         state, due, now (f) - 3 * DAY, uid);
  rh_test_exec (f->db, sql);
}

static const char *
current_uid (RhStudyQueue *queue)
{
  RhCard *card = rh_study_queue_get_current_card (queue);

  return card ? rh_card_get_uid (card) : NULL;
}

static void
answer (RhStudyQueue *queue,
        RhRating      rating)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (rh_study_queue_answer (queue, rating, 2000, &error));
  g_assert_no_error (error);
}

static void
assert_counts (RhStudyQueue *queue,
               guint         n_learning,
               guint         n_review,
               guint         n_new)
{
  g_assert_cmpuint (rh_study_queue_get_n_learning (queue), ==, n_learning);
  g_assert_cmpuint (rh_study_queue_get_n_review (queue), ==, n_review);
  g_assert_cmpuint (rh_study_queue_get_n_new (queue), ==, n_new);
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
advance_to (Fixture *f,
            gint64   seconds)
{
  rh_clock_set_now (f->clock, seconds * G_USEC_PER_SEC);
}

static void
test_order (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(RhStudyQueue) queue = NULL;

  set_state (f, "syn-0", RH_CARD_STATE_LEARNING, now (f) - 60);
  set_state (f, "redis-0", RH_CARD_STATE_RELEARNING, now (f) - 120);
  set_state (f, "go-1", RH_CARD_STATE_REVIEW, today (f));
  set_state (f, "go-2", RH_CARD_STATE_REVIEW, tomorrow (f));
  set_state (f, "redis-1", RH_CARD_STATE_LEARNING, now (f) + 3600);

  queue = rh_study_queue_new (f->scheduler, "");
  g_assert_cmpstr (rh_study_queue_get_topic_path (queue), ==, "");
  g_assert_true (rh_study_queue_get_scheduler (queue) == f->scheduler);
  g_assert_cmpuint (rh_study_queue_get_n_cards (queue), ==, 7);

  /* Learning and relearning first, the one due longest first; redis-1,
   * due later today, is left today too. */
  g_assert_cmpstr (current_uid (queue), ==, "redis-0");
  g_assert_cmpuint (rh_study_queue_get_current_state (queue), ==, RH_CARD_STATE_RELEARNING);
  assert_counts (queue, 3, 1, 2);
  g_assert_cmpint (rh_study_queue_get_next_due (queue), ==, 0);
  answer (queue, RH_RATING_EASY);

  g_assert_cmpstr (current_uid (queue), ==, "syn-0");
  g_assert_cmpuint (rh_study_queue_get_current_state (queue), ==, RH_CARD_STATE_LEARNING);
  assert_counts (queue, 2, 1, 2);
  answer (queue, RH_RATING_EASY);

  /* Then reviews due today; tomorrow's wait. */
  g_assert_cmpstr (current_uid (queue), ==, "go-1");
  g_assert_cmpuint (rh_study_queue_get_current_state (queue), ==, RH_CARD_STATE_REVIEW);
  assert_counts (queue, 1, 1, 2);
  answer (queue, RH_RATING_GOOD);

  /* Then new cards in deck order. */
  g_assert_cmpstr (current_uid (queue), ==, "go-0");
  g_assert_cmpuint (rh_study_queue_get_current_state (queue), ==, RH_CARD_STATE_NEW);
  assert_counts (queue, 1, 0, 2);
  answer (queue, RH_RATING_EASY);
  g_assert_cmpstr (current_uid (queue), ==, "syn-1");
  assert_counts (queue, 1, 0, 1);
  answer (queue, RH_RATING_EASY);

  /* Caught up: redis-1 is due in an hour, too far to learn ahead, but
   * still left today. */
  g_assert_null (rh_study_queue_get_current_card (queue));
  assert_counts (queue, 1, 0, 0);
  g_assert_cmpint (rh_study_queue_get_next_due (queue), ==, now (f) + 3600);

  /* When it comes due, it is shown. */
  advance_to (f, now (f) + 3600);
  g_assert_cmpstr (current_uid (queue), ==, "redis-1");
  assert_counts (queue, 1, 0, 0);
  g_assert_cmpint (rh_study_queue_get_next_due (queue), ==, 0);
  answer (queue, RH_RATING_EASY);

  /* Then the next thing is tomorrow's review. */
  g_assert_null (rh_study_queue_get_current_card (queue));
  g_assert_cmpint (rh_study_queue_get_next_due (queue), ==, tomorrow (f));

  g_assert_finalize_object (g_steal_pointer (&queue));
}

static void
test_learn_ahead (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(RhStudyQueue) queue = NULL;

  rh_study_settings_set_new_per_day (f->settings, 0);
  set_state (f, "redis-0", RH_CARD_STATE_LEARNING, now (f) + 600);
  set_state (f, "redis-1", RH_CARD_STATE_RELEARNING, now (f) + 900);

  /* Nothing else left: a card due within 20 minutes is shown now, and
   * both are left today. */
  queue = rh_study_queue_new (f->scheduler, "");
  g_assert_cmpstr (current_uid (queue), ==, "redis-0");
  assert_counts (queue, 2, 0, 0);
  g_assert_cmpint (rh_study_queue_get_next_due (queue), ==, 0);

  /* Anything due now comes first. */
  set_state (f, "go-0", RH_CARD_STATE_REVIEW, today (f));
  rh_database_emit_changed (f->db, RH_DATABASE_CHANGE_REVIEWS);
  g_assert_cmpstr (current_uid (queue), ==, "go-0");
  assert_counts (queue, 2, 1, 0);

  set_state (f, "go-0", RH_CARD_STATE_REVIEW, tomorrow (f));
  set_state (f, "redis-0", RH_CARD_STATE_LEARNING, now (f) + 1800);
  set_state (f, "redis-1", RH_CARD_STATE_RELEARNING, now (f) + 1500);
  rh_database_emit_changed (f->db, RH_DATABASE_CHANGE_REVIEWS);
  g_assert_null (rh_study_queue_get_current_card (queue));
  g_assert_cmpint (rh_study_queue_get_next_due (queue), ==, now (f) + 1500);

  advance_to (f, now (f) + 300);
  g_assert_cmpstr (current_uid (queue), ==, "redis-1");
  g_assert_cmpuint (rh_study_queue_get_current_state (queue), ==, RH_CARD_STATE_RELEARNING);

  g_assert_finalize_object (g_steal_pointer (&queue));
}

static void
test_new_limit (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(RhStudyQueue) queue = NULL;
  g_autoptr(GError) error = NULL;
  gint64 next_rollover;

  rh_study_settings_set_new_per_day (f->settings, 2);
  queue = rh_study_queue_new (f->scheduler, "");
  assert_counts (queue, 0, 0, 2);
  g_assert_cmpstr (current_uid (queue), ==, "go-0");

  answer (queue, RH_RATING_EASY);
  assert_counts (queue, 0, 0, 1);
  g_assert_cmpstr (current_uid (queue), ==, "go-1");

  /* New cards answered in an interview count too. */
  g_assert_true (rh_scheduler_answer (f->scheduler, card_id (f, "redis-1"), RH_RATING_EASY, 0,
                                      RH_REVIEW_SOURCE_INTERVIEW, NULL, &error));
  g_assert_no_error (error);
  assert_counts (queue, 0, 0, 0);
  g_assert_null (rh_study_queue_get_current_card (queue));

  /* Raising the limit lets one more in at once. */
  rh_study_settings_set_new_per_day (f->settings, 3);
  assert_counts (queue, 0, 0, 1);
  g_assert_cmpstr (current_uid (queue), ==, "go-1");
  rh_study_settings_set_new_per_day (f->settings, 2);
  g_assert_null (rh_study_queue_get_current_card (queue));

  /* Just before 04:00 it is still the same study day. */
  next_rollover = local_time (f->tz, 2026, 3, 3, 4, 0);
  advance_to (f, next_rollover - 60);
  assert_counts (queue, 0, 0, 0);
  g_assert_null (rh_study_queue_get_current_card (queue));

  /* At 04:00 the limit starts over. */
  advance_to (f, next_rollover);
  assert_counts (queue, 0, 0, 2);
  g_assert_cmpstr (current_uid (queue), ==, "go-1");

  g_assert_finalize_object (g_steal_pointer (&queue));
}

static void
test_review_limit (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(RhStudyQueue) queue = NULL;
  const char * const reviews[] = { "go-0", "go-1", "go-2", "syn-0" };

  rh_study_settings_set_new_per_day (f->settings, 0);
  rh_study_settings_set_reviews_per_day (f->settings, 2);
  for (guint i = 0; i < G_N_ELEMENTS (reviews); i++)
    set_state (f, reviews[i], RH_CARD_STATE_REVIEW, today (f) - (gint64)(G_N_ELEMENTS (reviews) - i) * DAY);

  queue = rh_study_queue_new (f->scheduler, "");
  assert_counts (queue, 0, 2, 0);
  g_assert_cmpstr (current_uid (queue), ==, "go-0");
  answer (queue, RH_RATING_GOOD);
  assert_counts (queue, 0, 1, 0);
  g_assert_cmpstr (current_uid (queue), ==, "go-1");

  /* A lapse counts as a review done; the card relearns outside the limit,
   * first learnt ahead since nothing else is left, then when due. */
  answer (queue, RH_RATING_AGAIN);
  assert_counts (queue, 1, 0, 0);
  g_assert_cmpstr (current_uid (queue), ==, "go-1");
  g_assert_cmpuint (rh_study_queue_get_current_state (queue), ==, RH_CARD_STATE_RELEARNING);

  advance_to (f, now (f) + 600);
  g_assert_cmpstr (current_uid (queue), ==, "go-1");
  assert_counts (queue, 1, 0, 0);
  answer (queue, RH_RATING_GOOD);

  /* The reviews left over wait for the next study day. */
  g_assert_null (rh_study_queue_get_current_card (queue));
  g_assert_cmpint (rh_study_queue_get_next_due (queue), ==, tomorrow (f));

  advance_to (f, tomorrow (f));
  assert_counts (queue, 0, 2, 0);
  g_assert_cmpstr (current_uid (queue), ==, "go-2");

  g_assert_finalize_object (g_steal_pointer (&queue));
}

static void
test_suspended (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(RhStudyQueue) queue = NULL;
  g_autoptr(RhStudyQueue) all = NULL;
  g_autoptr(GError) error = NULL;

  set_state (f, "go-2", RH_CARD_STATE_LEARNING, now (f) - 60);
  set_state (f, "redis-1", RH_CARD_STATE_REVIEW, now (f) - 60);
  rh_deck_store_set_card_suspended (f->db, card_id (f, "go-2"), TRUE, &error);
  g_assert_no_error (error);
  rh_deck_store_set_card_suspended (f->db, card_id (f, "redis-1"), TRUE, &error);
  g_assert_no_error (error);

  /* Nowhere counted, in a topic or in all of them. */
  all = rh_study_queue_new (f->scheduler, "");
  g_assert_cmpuint (rh_study_queue_get_n_learning (all), ==, 0);
  g_assert_cmpuint (rh_study_queue_get_n_review (all), ==, 0);
  rh_deck_store_set_card_suspended (f->db, card_id (f, "redis-1"), FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rh_study_queue_get_n_review (all), ==, 1);
  g_assert_finalize_object (g_steal_pointer (&all));

  queue = rh_study_queue_new (f->scheduler, "Go");
  g_assert_cmpuint (rh_study_queue_get_n_cards (queue), ==, 4);
  assert_counts (queue, 0, 0, 4);
  g_assert_cmpstr (current_uid (queue), ==, "go-0");

  rh_deck_store_set_card_suspended (f->db, card_id (f, "go-0"), TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rh_study_queue_get_n_cards (queue), ==, 3);
  assert_counts (queue, 0, 0, 3);
  g_assert_cmpstr (current_uid (queue), ==, "go-1");

  rh_deck_store_set_card_suspended (f->db, card_id (f, "go-2"), FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (current_uid (queue), ==, "go-2");
  assert_counts (queue, 1, 0, 3);

  g_assert_finalize_object (g_steal_pointer (&queue));
}

static void
test_topic_subtree (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(RhStudyQueue) queue = NULL;
  guint notified = 0;

  set_state (f, "redis-1", RH_CARD_STATE_LEARNING, now (f) - 60);
  set_state (f, "syn-1", RH_CARD_STATE_REVIEW, today (f));

  queue = rh_study_queue_new (f->scheduler, "Go");
  g_assert_cmpuint (rh_study_queue_get_n_cards (queue), ==, 5);
  assert_counts (queue, 0, 1, 4);
  g_assert_cmpstr (current_uid (queue), ==, "syn-1");

  g_signal_connect (queue, "notify::topic-path", G_CALLBACK (count_notify_cb), &notified);

  rh_study_queue_set_topic_path (queue, "Go::Runtime");
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpuint (rh_study_queue_get_n_cards (queue), ==, 3);
  assert_counts (queue, 0, 0, 3);
  g_assert_cmpstr (current_uid (queue), ==, "go-0");

  rh_study_queue_set_topic_path (queue, "Go::Runtime");
  g_assert_cmpuint (notified, ==, 1);

  g_object_set (queue, "topic-path", "Redis", NULL);
  g_assert_cmpuint (notified, ==, 2);
  g_assert_cmpuint (rh_study_queue_get_n_cards (queue), ==, 2);
  assert_counts (queue, 1, 0, 1);
  g_assert_cmpstr (current_uid (queue), ==, "redis-1");

  /* A path is not a prefix: "Go" does not contain "Gopher". */
  rh_test_import (f->db, "{\"rehearse_deck\": 1, \"cards\": [{\"id\": \"gopher\", \"topic\": \"Gopher\","
                         " \"front\": \"q\", \"back\": \"a\"}]}", NULL);
  rh_study_queue_set_topic_path (queue, "Go");
  g_assert_cmpuint (rh_study_queue_get_n_cards (queue), ==, 5);

  rh_study_queue_set_topic_path (queue, NULL);
  g_assert_cmpstr (rh_study_queue_get_topic_path (queue), ==, "");
  g_assert_cmpuint (rh_study_queue_get_n_cards (queue), ==, 8);
  assert_counts (queue, 1, 1, 6);
  g_assert_cmpstr (current_uid (queue), ==, "redis-1");

  g_assert_finalize_object (g_steal_pointer (&queue));
}

static void
test_empty_topic (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(RhStudyQueue) queue = NULL;
  g_autofree char *deck = rh_test_make_deck (1, "Later", "later");

  /* A topic that does not exist (yet). */
  queue = rh_study_queue_new (f->scheduler, "Later");
  g_assert_cmpuint (rh_study_queue_get_n_cards (queue), ==, 0);
  g_assert_null (rh_study_queue_get_current_card (queue));
  g_assert_cmpint (rh_study_queue_get_next_due (queue), ==, 0);
  assert_counts (queue, 0, 0, 0);

  /* It appears with an import. */
  rh_test_import (f->db, deck, NULL);
  g_assert_cmpuint (rh_study_queue_get_n_cards (queue), ==, 1);
  g_assert_cmpstr (current_uid (queue), ==, "later-0");

  /* All suspended counts as empty. */
  rh_test_exec (f->db, "UPDATE cards SET suspended = 1 WHERE uid = 'later-0';");
  rh_database_emit_changed (f->db, RH_DATABASE_CHANGE_CARDS);
  g_assert_cmpuint (rh_study_queue_get_n_cards (queue), ==, 0);
  g_assert_null (rh_study_queue_get_current_card (queue));

  g_assert_finalize_object (g_steal_pointer (&queue));
}

static void
test_empty_database (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(RhStudyQueue) queue = rh_study_queue_new (f->scheduler, NULL);

  g_assert_cmpstr (rh_study_queue_get_topic_path (queue), ==, "");
  g_assert_cmpuint (rh_study_queue_get_n_cards (queue), ==, 0);
  g_assert_null (rh_study_queue_get_current_card (queue));
  g_assert_cmpint (rh_study_queue_get_next_due (queue), ==, 0);
  g_assert_false (rh_study_queue_get_can_undo (queue));
  assert_counts (queue, 0, 0, 0);

  g_assert_finalize_object (g_steal_pointer (&queue));
}

static void
test_refresh_on_change (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(RhStudyQueue) queue = rh_study_queue_new (f->scheduler, "Go::Runtime");
  g_autoptr(GError) error = NULL;
  g_autoptr(RhCard) edited = NULL;
  g_autofree char *more = rh_test_make_deck (5, "Go::Runtime", "more");
  RhCard *current;
  guint card_notified = 0, new_notified = 0;

  current = rh_study_queue_get_current_card (queue);
  g_assert_cmpstr (rh_card_get_uid (current), ==, "go-0");
  g_signal_connect (queue, "notify::current-card", G_CALLBACK (count_notify_cb), &card_notified);
  g_signal_connect (queue, "notify::n-new", G_CALLBACK (count_notify_cb), &new_notified);

  /* A change that leaves the same card current keeps its object. */
  rh_database_emit_changed (f->db, RH_DATABASE_CHANGE_REVIEWS);
  g_assert_true (rh_study_queue_get_current_card (queue) == current);
  g_assert_cmpuint (card_notified, ==, 0);

  /* An edit to the current card is copied into that object. */
  edited = rh_deck_store_dup_card (f->db, rh_card_get_row_id (current), &error);
  g_assert_no_error (error);
  rh_card_set_front (edited, "Edited question");
  rh_deck_store_update_card (f->db, edited, &error);
  g_assert_no_error (error);
  g_assert_true (rh_study_queue_get_current_card (queue) == current);
  g_assert_cmpstr (rh_card_get_front (current), ==, "Edited question");
  g_assert_cmpuint (card_notified, ==, 0);

  /* Answered elsewhere (in an interview): the queue moves on. */
  g_assert_true (rh_scheduler_answer (f->scheduler, rh_card_get_row_id (current), RH_RATING_EASY, 0,
                                      RH_REVIEW_SOURCE_INTERVIEW, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (card_notified, ==, 1);
  g_assert_cmpstr (current_uid (queue), ==, "go-1");
  g_assert_cmpuint (rh_study_queue_get_n_new (queue), ==, 2);

  /* Imported cards join the queue. */
  rh_test_import (f->db, more, NULL);
  g_assert_cmpuint (rh_study_queue_get_n_new (queue), ==, 7);
  g_assert_cmpuint (rh_study_queue_get_n_cards (queue), ==, 8);
  g_assert_cmpstr (current_uid (queue), ==, "go-1");

  /* And settings apply at once. */
  rh_study_settings_set_new_per_day (f->settings, 3);
  g_assert_cmpuint (rh_study_queue_get_n_new (queue), ==, 2);
  g_assert_cmpuint (new_notified, ==, 3);

  g_assert_finalize_object (g_steal_pointer (&queue));
}

static void
test_same_card_again (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(RhStudyQueue) queue = rh_study_queue_new (f->scheduler, "Redis");
  RhCard *card;
  guint card_notified = 0, state_notified = 0;

  rh_study_settings_set_new_per_day (f->settings, 1);
  card = rh_study_queue_get_current_card (queue);
  g_assert_cmpstr (rh_card_get_uid (card), ==, "redis-0");
  g_signal_connect (queue, "notify::current-card", G_CALLBACK (count_notify_cb), &card_notified);
  g_signal_connect (queue, "notify::current-state", G_CALLBACK (count_notify_cb), &state_notified);

  /* Again: back in a minute, and nothing else to do, so it is shown again
   * (the same object) with a notification so that a view starts over. */
  answer (queue, RH_RATING_AGAIN);
  g_assert_true (rh_study_queue_get_current_card (queue) == card);
  g_assert_cmpuint (card_notified, ==, 1);
  g_assert_cmpuint (state_notified, ==, 1);
  g_assert_cmpuint (rh_study_queue_get_current_state (queue), ==, RH_CARD_STATE_LEARNING);
  assert_counts (queue, 1, 0, 0);

  advance_to (f, now (f) + 60);
  assert_counts (queue, 1, 0, 0);
  g_assert_cmpuint (card_notified, ==, 1);

  g_assert_finalize_object (g_steal_pointer (&queue));
}

static char *
dup_state_row (Fixture *f,
               gint64   id)
{
  g_autofree char *sql = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RhStatement) stmt = NULL;

  stmt = rh_database_prepare (f->db,
                              "SELECT quote(state) || quote(step) || quote(stability) || quote(difficulty)"
                              " || quote(due) || quote(last_review) || quote(reps) || quote(lapses)"
                              " FROM review_state WHERE card_id = ?;",
                              &error);
  g_assert_no_error (error);
  sqlite3_bind_int64 (stmt, 1, id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);

  return g_strdup ((const char *)sqlite3_column_text (stmt, 0));
}

static void
test_undo (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(RhStudyQueue) queue = rh_study_queue_new (f->scheduler, "Go");
  g_autoptr(GError) error = NULL;
  g_autofree char *go0 = dup_state_row (f, card_id (f, "go-0"));
  g_autofree char *go1 = dup_state_row (f, card_id (f, "go-1"));
  g_autofree char *row = NULL;
  RhCard *first;
  guint undo_notified = 0, card_notified = 0;

  g_assert_false (rh_study_queue_get_can_undo (queue));
  g_assert_false (rh_study_queue_undo (queue, NULL, &error));
  g_assert_error (error, RH_DATABASE_ERROR, RH_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_signal_connect (queue, "notify::can-undo", G_CALLBACK (count_notify_cb), &undo_notified);
  first = rh_study_queue_get_current_card (queue);
  g_object_ref (first);

  answer (queue, RH_RATING_AGAIN);
  g_assert_true (rh_study_queue_get_can_undo (queue));
  g_assert_cmpuint (undo_notified, ==, 1);
  g_assert_cmpstr (current_uid (queue), ==, "go-1");
  answer (queue, RH_RATING_GOOD);
  g_assert_cmpuint (undo_notified, ==, 1);
  g_assert_cmpstr (current_uid (queue), ==, "go-2");
  assert_counts (queue, 2, 0, 3);

  /* go-0's learning step comes due and takes over. */
  advance_to (f, now (f) + 60);
  g_assert_cmpstr (current_uid (queue), ==, "go-0");
  g_signal_connect (queue, "notify::current-card", G_CALLBACK (count_notify_cb), &card_notified);

  /* Last answer first: go-1 is current again, in its old state, although
   * the queue's own order would show go-0. */
  g_assert_true (rh_study_queue_undo (queue, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (current_uid (queue), ==, "go-1");
  g_assert_cmpuint (rh_study_queue_get_current_state (queue), ==, RH_CARD_STATE_NEW);
  g_assert_cmpuint (card_notified, ==, 1);
  row = dup_state_row (f, card_id (f, "go-1"));
  g_assert_cmpstr (row, ==, go1);
  g_assert_true (rh_study_queue_get_can_undo (queue));
  assert_counts (queue, 1, 0, 4);
  rh_database_emit_changed (f->db, RH_DATABASE_CHANGE_REVIEWS);
  g_assert_cmpstr (current_uid (queue), ==, "go-1");

  /* Then go-0. */
  g_assert_true (rh_study_queue_undo (queue, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (current_uid (queue), ==, "go-0");
  g_clear_pointer (&row, g_free);
  row = dup_state_row (f, card_id (f, "go-0"));
  g_assert_cmpstr (row, ==, go0);
  g_assert_false (rh_study_queue_get_can_undo (queue));
  g_assert_cmpuint (undo_notified, ==, 2);
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT count(*) FROM review_log;"), ==, 0);
  assert_counts (queue, 0, 0, 5);

  g_object_unref (first);
  g_assert_finalize_object (g_steal_pointer (&queue));
}

static void
test_undo_refused (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(RhStudyQueue) queue = rh_study_queue_new (f->scheduler, "Redis");
  g_autoptr(GError) error = NULL;
  gint64 id = card_id (f, "redis-0");
  gint64 log_id = 0;

  answer (queue, RH_RATING_AGAIN);

  /* The card was answered again elsewhere since: the queue's answer can no
   * longer be undone, and stays on the stack until that one is. */
  g_assert_true (rh_scheduler_answer (f->scheduler, id, RH_RATING_GOOD, 0,
                                      RH_REVIEW_SOURCE_INTERVIEW, &log_id, &error));
  g_assert_no_error (error);
  g_assert_false (rh_study_queue_undo (queue, NULL, &error));
  g_assert_error (error, RH_DATABASE_ERROR, RH_DATABASE_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_true (rh_study_queue_get_can_undo (queue));
  g_assert_cmpstr (current_uid (queue), ==, "redis-1");

  g_assert_true (rh_scheduler_undo (f->scheduler, log_id, &error));
  g_assert_no_error (error);
  g_assert_true (rh_study_queue_undo (queue, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (current_uid (queue), ==, "redis-0");
  g_assert_false (rh_study_queue_get_can_undo (queue));

  g_assert_finalize_object (g_steal_pointer (&queue));
}

static void
test_show_card (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(RhStudyQueue) queue = rh_study_queue_new (f->scheduler, "Go");
  g_autoptr(GError) error = NULL;
  g_autoptr(RhCard) redis = rh_deck_store_dup_card (f->db, card_id (f, "redis-1"), &error);
  RhReviewState state;

  g_assert_no_error (error);
  set_state (f, "redis-1", RH_CARD_STATE_REVIEW, tomorrow (f) + 5 * DAY);

  /* A card outside the queue, even one not due, is shown on request… */
  rh_study_queue_show_card (queue, redis);
  g_assert_true (rh_study_queue_get_current_card (queue) == redis);
  g_assert_cmpuint (rh_study_queue_get_current_state (queue), ==, RH_CARD_STATE_REVIEW);
  rh_database_emit_changed (f->db, RH_DATABASE_CHANGE_REVIEWS);
  g_assert_true (rh_study_queue_get_current_card (queue) == redis);

  /* …scheduled as usual when answered, and then the queue goes on. */
  answer (queue, RH_RATING_AGAIN);
  g_assert_true (rh_scheduler_get_state (f->scheduler, card_id (f, "redis-1"), &state, &error));
  g_assert_cmpint (state.state, ==, RH_CARD_STATE_RELEARNING);
  g_assert_cmpuint (state.lapses, ==, 1);
  g_assert_cmpstr (current_uid (queue), ==, "go-0");

  /* NULL goes back to the queue's order. */
  rh_study_queue_show_card (queue, redis);
  g_assert_cmpstr (current_uid (queue), ==, "redis-1");
  rh_study_queue_show_card (queue, NULL);
  g_assert_cmpstr (current_uid (queue), ==, "go-0");

  g_assert_finalize_object (g_steal_pointer (&queue));
}

static void
test_counts (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(RhStudyQueue) queue = NULL;
  guint n_learning = 0, n_review = 0, n_new = 0;

  /* Due now, later today, tomorrow; learning now and in 5 minutes. */
  set_state (f, "go-0", RH_CARD_STATE_REVIEW, today (f));
  set_state (f, "go-1", RH_CARD_STATE_REVIEW, now (f) + 3 * 3600);
  set_state (f, "go-2", RH_CARD_STATE_REVIEW, tomorrow (f));
  set_state (f, "syn-0", RH_CARD_STATE_LEARNING, now (f));
  set_state (f, "syn-1", RH_CARD_STATE_RELEARNING, now (f) + 300);

  queue = rh_study_queue_new (f->scheduler, "");
  g_object_get (queue, "n-learning", &n_learning, "n-review", &n_review, "n-new", &n_new, NULL);
  g_assert_cmpuint (n_learning, ==, 2);
  g_assert_cmpuint (n_review, ==, 2);
  g_assert_cmpuint (n_new, ==, 2);
  g_assert_cmpstr (current_uid (queue), ==, "syn-0");

  rh_study_settings_set_reviews_per_day (f->settings, 1);
  assert_counts (queue, 2, 1, 2);
  rh_study_settings_set_new_per_day (f->settings, 0);
  assert_counts (queue, 2, 1, 0);

  /* The relearning card comes due, and stays counted; the rollover brings
   * go-2 in. */
  advance_to (f, now (f) + 300);
  assert_counts (queue, 2, 1, 0);
  rh_study_settings_set_reviews_per_day (f->settings, 10);
  advance_to (f, tomorrow (f));
  assert_counts (queue, 2, 3, 0);

  g_assert_finalize_object (g_steal_pointer (&queue));
}

/* The header counts what the queue will show today: a card in its
 * learning steps is counted from the answer that put it there, whether it
 * is due now, learnt ahead, or later today, and still after a restart. */
static void
test_counts_learning (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "counts.db", NULL);
  g_autofree char *deck = rh_test_make_deck (2, "Redis", "redis");
  RhStudySettings *settings = rh_study_settings_new ();
  RhDatabase *db;
  RhScheduler *scheduler;
  RhStudyQueue *queue;

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  db = rh_test_open_database (path, f->clock);
  scheduler = rh_scheduler_new (db, settings);
  rh_test_import (db, deck, NULL);
  queue = rh_study_queue_new (scheduler, "Redis");
  assert_counts (queue, 0, 0, 2);

  /* Again: back in a minute; the other new card first. */
  answer (queue, RH_RATING_AGAIN);
  assert_counts (queue, 1, 0, 1);
  g_assert_cmpstr (current_uid (queue), ==, "redis-1");

  /* Good: its next step is minutes away; redis-0 is learnt ahead. */
  answer (queue, RH_RATING_GOOD);
  assert_counts (queue, 2, 0, 0);
  g_assert_cmpstr (current_uid (queue), ==, "redis-0");
  g_assert_cmpuint (rh_study_queue_get_current_state (queue), ==, RH_CARD_STATE_LEARNING);

  /* A restart reads the same. */
  g_assert_finalize_object (queue);
  g_assert_finalize_object (scheduler);
  g_assert_finalize_object (settings);
  g_assert_finalize_object (db);
  db = rh_test_open_database (path, f->clock);
  settings = rh_study_settings_new ();
  scheduler = rh_scheduler_new (db, settings);
  queue = rh_study_queue_new (scheduler, "Redis");
  g_assert_cmpstr (current_uid (queue), ==, "redis-0");
  assert_counts (queue, 2, 0, 0);

  /* Graduating leaves learning. */
  advance_to (f, now (f) + 3600);
  while (rh_study_queue_get_current_card (queue) != NULL &&
         rh_study_queue_get_current_state (queue) == RH_CARD_STATE_LEARNING)
    answer (queue, RH_RATING_EASY);
  assert_counts (queue, 0, 0, 0);

  g_assert_finalize_object (queue);
  g_assert_finalize_object (scheduler);
  g_assert_finalize_object (settings);
  g_assert_finalize_object (db);
}

/* An undone card belongs to its topic, and so does the undo history: a
 * topic's Ctrl+Z never reaches into another topic's answers, and they are
 * still there on coming back. */
static void
test_undo_topics (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(RhStudyQueue) queue = rh_study_queue_new (f->scheduler, "Redis");
  g_autoptr(GError) error = NULL;
  RhRating rating = 0;

  answer (queue, RH_RATING_AGAIN);
  answer (queue, RH_RATING_GOOD);
  g_assert_true (rh_study_queue_undo (queue, &rating, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rating, ==, RH_RATING_GOOD);
  g_assert_cmpstr (current_uid (queue), ==, "redis-1");

  /* Another topic: its own next card, and nothing of Redis to undo. */
  rh_study_queue_set_topic_path (queue, "Go::Runtime");
  g_assert_cmpstr (current_uid (queue), ==, "go-0");
  g_assert_false (rh_study_queue_get_can_undo (queue));
  g_assert_false (rh_study_queue_undo (queue, NULL, &error));
  g_assert_error (error, RH_DATABASE_ERROR, RH_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Undone there, go-1 stays shown over go-0's learning step, also in the
   * parent topic that holds it. */
  answer (queue, RH_RATING_AGAIN);
  answer (queue, RH_RATING_GOOD);
  g_assert_true (rh_study_queue_undo (queue, &rating, &error));
  g_assert_cmpint (rating, ==, RH_RATING_GOOD);
  advance_to (f, now (f) + 60);
  g_assert_cmpstr (current_uid (queue), ==, "go-1");
  rh_study_queue_set_topic_path (queue, "Go");
  g_assert_cmpstr (current_uid (queue), ==, "go-1");
  g_assert_false (rh_study_queue_get_can_undo (queue));

  /* Back in Redis, its remaining answer can be undone. */
  rh_study_queue_set_topic_path (queue, "Redis");
  g_assert_cmpstr (current_uid (queue), ==, "redis-0");
  g_assert_true (rh_study_queue_get_can_undo (queue));
  g_assert_true (rh_study_queue_undo (queue, &rating, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rating, ==, RH_RATING_AGAIN);
  g_assert_cmpuint (rh_study_queue_get_current_state (queue), ==, RH_CARD_STATE_NEW);
  g_assert_false (rh_study_queue_get_can_undo (queue));

  g_assert_finalize_object (g_steal_pointer (&queue));
}

/* Opening a follow-up keeps the card it came from waiting for its grade. */
static void
test_follow_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(RhStudyQueue) queue = rh_study_queue_new (f->scheduler, "Go");
  g_autoptr(GError) error = NULL;
  g_autoptr(RhCard) redis = rh_deck_store_dup_card (f->db, card_id (f, "redis-1"), &error);
  RhCard *parent = rh_study_queue_get_current_card (queue);

  g_assert_no_error (error);
  g_assert_cmpstr (rh_card_get_uid (parent), ==, "go-0");
  g_assert_false (rh_study_queue_get_current_returned (queue));

  rh_study_queue_open_follow_up (queue, redis);
  g_assert_true (rh_study_queue_get_current_card (queue) == redis);
  g_assert_cmpuint (rh_study_queue_get_n_waiting (queue), ==, 1);
  g_assert_false (rh_study_queue_get_current_returned (queue));

  /* Answering the follow-up brings go-0 back, ungraded, to be graded. */
  answer (queue, RH_RATING_GOOD);
  g_assert_true (rh_study_queue_get_current_card (queue) == parent);
  g_assert_true (rh_study_queue_get_current_returned (queue));
  g_assert_cmpuint (rh_study_queue_get_n_waiting (queue), ==, 0);
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT count(*) FROM review_log;"), ==, 1);

  /* Undoing the follow-up's answer puts go-0 back in waiting. */
  g_assert_true (rh_study_queue_undo (queue, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (current_uid (queue), ==, "redis-1");
  g_assert_cmpuint (rh_study_queue_get_n_waiting (queue), ==, 1);
  answer (queue, RH_RATING_EASY);
  g_assert_true (rh_study_queue_get_current_card (queue) == parent);

  /* go-0's own grade is logged, then the queue goes on. */
  answer (queue, RH_RATING_HARD);
  g_assert_cmpint (rh_test_query_int (f->db, "SELECT count(*) FROM review_log WHERE card_id = "
                                             "(SELECT id FROM cards WHERE uid = 'go-0');"), ==, 1);
  g_assert_false (rh_study_queue_get_current_returned (queue));
  g_assert_cmpstr (current_uid (queue), ==, "go-1");

  /* A waiting card belongs to its topic too. */
  rh_study_queue_open_follow_up (queue, redis);
  rh_study_queue_set_topic_path (queue, "Redis");
  g_assert_cmpuint (rh_study_queue_get_n_waiting (queue), ==, 0);
  g_assert_true (rh_study_queue_get_current_card (queue) == redis);

  g_assert_finalize_object (g_steal_pointer (&queue));
}

/* An answer while an import writes the file on a worker (a sibling
 * connection) is refused at once, saying why, instead of waiting for the
 * import with the window frozen; the card stays to be graded after it. */
static void
test_answer_during_import (void)
{
  g_autofree char *dir = g_dir_make_tmp ("rehearse-queue-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "import.db", NULL);
  g_autofree char *deck = rh_test_make_deck (3, "Go", "go");
  g_autoptr(RhDatabase) db = rh_test_open_database (path, NULL);
  g_autoptr(RhDatabase) worker = NULL;
  g_autoptr(RhStudySettings) settings = rh_study_settings_new ();
  g_autoptr(RhScheduler) scheduler = NULL;
  g_autoptr(RhStudyQueue) queue = NULL;
  g_autoptr(GError) error = NULL;
  guint64 queries;
  RhCard *card;

  rh_test_import (db, deck, NULL);
  scheduler = rh_scheduler_new (db, settings);
  queue = rh_study_queue_new (scheduler, "");
  card = rh_study_queue_get_current_card (queue);
  g_assert_cmpstr (rh_card_get_uid (card), ==, "go-0");

  worker = rh_database_new_sibling (db, &error);
  g_assert_no_error (error);
  g_assert_true (rh_database_begin (worker, &error));
  g_assert_no_error (error);

  /* Refused before any statement runs, so nothing waits on the lock. */
  queries = rh_database_get_n_queries (db);
  g_assert_false (rh_database_begin (db, &error));
  g_assert_error (error, RH_DATABASE_ERROR, RH_DATABASE_ERROR_BUSY);
  g_clear_error (&error);
  g_assert_cmpuint (rh_database_get_n_queries (db), ==, queries);

  g_assert_false (rh_study_queue_answer (queue, RH_RATING_GOOD, 1000, &error));
  g_assert_error (error, RH_DATABASE_ERROR, RH_DATABASE_ERROR_BUSY);
  g_clear_error (&error);
  g_assert_true (rh_study_queue_get_current_card (queue) == card);
  g_assert_cmpint (rh_test_query_int (db, "SELECT count(*) FROM review_log;"), ==, 0);

  /* The import is in: the same answer goes through. */
  g_assert_true (rh_database_commit (worker, RH_DATABASE_CHANGE_CARDS, &error));
  g_assert_no_error (error);
  g_assert_true (rh_study_queue_answer (queue, RH_RATING_GOOD, 1000, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rh_test_query_int (db, "SELECT count(*) FROM review_log;"), ==, 1);
  g_assert_cmpstr (rh_card_get_uid (rh_study_queue_get_current_card (queue)), ==, "go-1");

  /* A worker still waits for this connection's writes, which are short. */
  g_assert_true (rh_database_begin (db, &error));
  g_assert_no_error (error);
  rh_database_rollback (db);
  g_assert_true (rh_database_begin (worker, &error));
  g_assert_no_error (error);
  rh_database_rollback (worker);

  g_assert_finalize_object (g_steal_pointer (&queue));
  g_assert_finalize_object (g_steal_pointer (&scheduler));
  g_assert_finalize_object (g_steal_pointer (&worker));
  g_assert_finalize_object (g_steal_pointer (&db));
  rh_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func, data) \
  g_test_add ("/study-queue/" path, Fixture, data, fixture_setup, func, fixture_teardown)

  ADD ("order", test_order, NULL);
  ADD ("learn-ahead", test_learn_ahead, NULL);
  ADD ("limits/new", test_new_limit, NULL);
  ADD ("limits/review", test_review_limit, NULL);
  ADD ("suspended", test_suspended, NULL);
  ADD ("topic/subtree", test_topic_subtree, NULL);
  ADD ("topic/empty", test_empty_topic, NULL);
  ADD ("topic/empty-database", test_empty_database, "empty");
  ADD ("counts", test_counts, NULL);
  ADD ("counts/learning", test_counts_learning, "empty");
  ADD ("refresh/on-change", test_refresh_on_change, NULL);
  ADD ("refresh/same-card-again", test_same_card_again, NULL);
  ADD ("undo/restores", test_undo, NULL);
  ADD ("undo/refused", test_undo_refused, NULL);
  ADD ("undo/topics", test_undo_topics, NULL);
  ADD ("follow-up", test_follow_up, NULL);
  ADD ("show-card", test_show_card, NULL);
  g_test_add_func ("/study-queue/answer-during-import", test_answer_during_import);

#undef ADD

  return g_test_run ();
}
