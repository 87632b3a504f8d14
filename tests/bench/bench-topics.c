/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Topic counts, answering and picking at 100k cards against a deck of the
 * built-in deck's size (1.5k), measured side by side in one run:
 *
 *   bench-topics CACHE_DIR [--decks-only]
 *
 * The two decks are made once and kept in CACHE_DIR; each measure works
 * on a fresh copy. The model objects are driven as the window drives
 * them: the sidebar's top level with every topic expanded, and a study
 * queue, all listening to the same database and clock. */
#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>

#include "rh-database-private.h"
#include "rh-deck-store.h"
#include "rh-scheduler.h"
#include "rh-study-queue.h"
#include "rh-study-settings.h"
#include "rh-topic-model.h"

/* 2026-03-01 12:00:00 UTC: a fixed "now", so due times in the cached
 * decks mean the same at every run. */
#define BENCH_NOW_US (G_GINT64_CONSTANT (1772366400) * G_USEC_PER_SEC)
#define N_TOP 20
#define N_CHILDREN 5
#define ROUNDS 15

typedef struct
{
  const char *name;
  guint       n_cards;
  char       *path;
} Deck;

/* 20 top-level topics of 5 children each, every card in a child, each
 * topic's cards together as a deck imports them. A fifth of the cards have
 * been answered: reviews due over the last and the next week. Learning
 * cards are those answered today, as many at any deck size: 40, due
 * within the hour. */
static void
make_deck (Deck *deck)
{
  g_autoptr(GString) json = g_string_new ("{\"rehearse_deck\": 1, \"cards\": [");
  g_autoptr(RhClock) clock = rh_clock_new_fake (BENCH_NOW_US, NULL);
  g_autoptr(RhDatabase) db = NULL;
  g_autoptr(RhDeck) parsed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = g_strconcat (deck->path, ".part", NULL);
  g_autofree char *answered = NULL;
  gint64 now = BENCH_NOW_US / G_USEC_PER_SEC;
  /* A multiple of 5, so each of them is among the answered. */
  guint learn_every = MAX (deck->n_cards / 200 * 5, 5);
  RhStatement *stmt;

  for (guint i = 0; i < deck->n_cards; i++)
    {
      guint leaf = (guint)((guint64)i * N_TOP * N_CHILDREN / deck->n_cards);

      g_string_append_printf (json,
                              "%s{\"id\": \"c%u\", \"topic\": \"T%u::S%u\","
                              " \"front\": \"What does step %u of the **%u** procedure do?\","
                              " \"back\": \"It checks the invariant, then moves on:\\n\\n* first %u\\n* then %u\"}",
                              i ? "," : "", i, leaf / N_CHILDREN, leaf % N_CHILDREN, i, leaf, i, i + 1);
    }
  g_string_append (json, "]}");

  g_unlink (tmp);
  if (!(parsed = rh_deck_new_from_data (json->str, json->len, "bench.json", &error)) ||
      !(db = rh_database_new_with_clock (tmp, clock, &error)) ||
      !rh_deck_store_import_deck (db, parsed, NULL, &error) ||
      !rh_database_begin (db, &error))
    g_error ("Cannot make %s: %s", deck->path, error->message);

  answered = g_strdup_printf ("UPDATE review_state SET"
                              "  state = CASE WHEN card_id %% %u = 0 THEN 1 ELSE 2 END, step = 0,"
                              "  stability = 10, difficulty = 5, reps = 3, last_review = %" G_GINT64_FORMAT ","
                              "  due = CASE WHEN card_id %% %u = 0 THEN %" G_GINT64_FORMAT " + card_id %% 3600"
                              "        ELSE %" G_GINT64_FORMAT " + (card_id * 7919) %% 1209600 END"
                              " WHERE card_id %% 5 = 0;",
                              learn_every, now - 86400, learn_every,
                              now - 600, now - 604800);
  if (!(stmt = rh_database_prepare_uncached (db, answered, &error)) ||
      !rh_database_step_done (db, stmt, &error) ||
      !rh_database_commit (db, RH_DATABASE_CHANGE_REVIEWS, &error))
    g_error ("Cannot answer cards in %s: %s", deck->path, error->message);
  sqlite3_finalize (stmt);

  g_clear_object (&db);
  if (g_rename (tmp, deck->path) != 0)
    g_error ("Cannot rename %s: %s", tmp, g_strerror (errno));
}

/* A copy to work on, so every run starts from the same deck. */
static char *
copy_deck (const Deck *deck)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  char *copy = g_strdup_printf ("%s.work", deck->path);
  gsize len;

  g_unlink (copy);
  if (!g_file_get_contents (deck->path, &contents, &len, &error) ||
      !g_file_set_contents (copy, contents, len, &error))
    g_error ("Cannot copy %s: %s", deck->path, error->message);

  return copy;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return x < y ? -1 : x > y;
}

static double
median (GArray *values)
{
  g_array_sort (values, compare_doubles);
  return g_array_index (values, double, values->len / 2);
}

/* What the window holds open: the top level, every topic expanded (as a
 * GtkTreeListModel asks for each row), and the study queue. */
typedef struct
{
  RhClock         *clock;
  RhDatabase      *db;
  RhStudySettings *settings;
  RhScheduler     *scheduler;
  RhTopicModel    *top;
  GPtrArray       *children;
  RhStudyQueue    *queue;
} Window;

static void
open_sidebar (Window *w)
{
  w->top = rh_topic_model_new (w->db, "");
  w->children = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (w->top)); i++)
    {
      g_autoptr(RhTopic) topic = g_list_model_get_item (G_LIST_MODEL (w->top), i);
      GListModel *children = rh_topic_model_create_children (topic, w->db);

      if (children != NULL)
        {
          /* The rows read their counts. */
          for (guint j = 0; j < g_list_model_get_n_items (children); j++)
            g_object_unref (g_list_model_get_item (children, j));
          g_ptr_array_add (w->children, children);
        }
    }
}

static void
window_open (Window     *w,
             const char *path)
{
  g_autoptr(GError) error = NULL;

  w->clock = rh_clock_new_fake (BENCH_NOW_US, NULL);
  if (!(w->db = rh_database_new_with_clock (path, w->clock, &error)))
    g_error ("Cannot open %s: %s", path, error->message);
  /* The default daily limits. */
  w->settings = rh_study_settings_new ();
  w->scheduler = rh_scheduler_new (w->db, w->settings);
}

static void
window_close (Window *w)
{
  g_clear_object (&w->queue);
  g_clear_pointer (&w->children, g_ptr_array_unref);
  g_clear_object (&w->top);
  g_clear_object (&w->scheduler);
  g_clear_object (&w->settings);
  g_clear_object (&w->db);
  g_clear_object (&w->clock);
}

typedef struct
{
  double sidebar_ms;
  double sidebar_queries;
  double answer_ms;
  double answer_queries;
  double tick_ms;
  double tick_queries;
  double pick_ms;
  double pick_topic_ms;
} Result;

static void
measure (const Deck *deck,
         Result     *result)
{
  g_autoptr(GArray) sidebar = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) answer = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) tick = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) pick = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) pick_topic = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *path = copy_deck (deck);
  Window w = { 0 };
  guint64 queries;
  gint64 start;

  /* Opening the sidebar on a connection of its own each time, as at
   * startup. */
  for (guint i = 0; i < ROUNDS; i++)
    {
      window_open (&w, path);
      queries = rh_database_get_n_queries (w.db);
      start = g_get_monotonic_time ();
      open_sidebar (&w);
      g_array_append_val (sidebar, (double){ (g_get_monotonic_time () - start) / 1000.0 });
      result->sidebar_queries = rh_database_get_n_queries (w.db) - queries;
      window_close (&w);
    }

  window_open (&w, path);
  open_sidebar (&w);
  w.queue = rh_study_queue_new (w.scheduler, "");

  for (guint i = 0; i < ROUNDS; i++)
    {
      g_autoptr(GError) error = NULL;

      queries = rh_database_get_n_queries (w.db);
      start = g_get_monotonic_time ();
      if (!rh_study_queue_answer (w.queue, RH_RATING_GOOD, 2000, &error))
        g_error ("Cannot answer: %s", error->message);
      g_array_append_val (answer, (double){ (g_get_monotonic_time () - start) / 1000.0 });
      result->answer_queries = rh_database_get_n_queries (w.db) - queries;
    }

  for (guint i = 0; i < ROUNDS; i++)
    {
      queries = rh_database_get_n_queries (w.db);
      start = g_get_monotonic_time ();
      rh_clock_advance (w.clock, 60 * G_USEC_PER_SEC);
      g_array_append_val (tick, (double){ (g_get_monotonic_time () - start) / 1000.0 });
      result->tick_queries = rh_database_get_n_queries (w.db) - queries;
    }

  for (guint i = 0; i < ROUNDS; i++)
    {
      start = g_get_monotonic_time ();
      rh_study_queue_refresh (w.queue);
      g_array_append_val (pick, (double){ (g_get_monotonic_time () - start) / 1000.0 });
    }

  /* The last topic: its cards come last in the (state, due) index. */
  rh_study_queue_set_topic_path (w.queue, "T19");
  for (guint i = 0; i < ROUNDS; i++)
    {
      start = g_get_monotonic_time ();
      rh_study_queue_refresh (w.queue);
      g_array_append_val (pick_topic, (double){ (g_get_monotonic_time () - start) / 1000.0 });
    }

  window_close (&w);
  g_unlink (path);

  result->sidebar_ms = median (sidebar);
  result->answer_ms = median (answer);
  result->tick_ms = median (tick);
  result->pick_ms = median (pick);
  result->pick_topic_ms = median (pick_topic);
}

static void
row (const char *what,
     double      ours,
     double      baseline,
     const char *goal)
{
  printf ("%-44s | %9.3f | %9.3f | %6.2f× | %s\n", what, ours, baseline,
          baseline > 0 ? ours / baseline : 0.0, goal);
}

int
main (int   argc,
      char *argv[])
{
  Deck big = { "100k", 100000, NULL };
  Deck small = { "1.5k", 1500, NULL };
  Result ours = { 0 }, baseline = { 0 };

  if (argc != 2 && !(argc == 3 && g_str_equal (argv[2], "--decks-only")))
    {
      fprintf (stderr, "Usage: %s CACHE_DIR [--decks-only]\n", argv[0]);
      return EXIT_FAILURE;
    }

  g_mkdir_with_parents (argv[1], 0755);
  big.path = g_build_filename (argv[1], "topics-100k.db", NULL);
  small.path = g_build_filename (argv[1], "topics-1.5k.db", NULL);
  for (Deck *d = &big; d; d = d == &big ? &small : NULL)
    if (!g_file_test (d->path, G_FILE_TEST_EXISTS))
      {
        fprintf (stderr, "Making the %s deck in %s (once)…\n", d->name, d->path);
        make_deck (d);
      }

  /* For the first-frame row, which opens the same decks in the app. */
  if (argc == 3)
    {
      g_free (big.path);
      g_free (small.path);
      return EXIT_SUCCESS;
    }

  /* Side by side: the small deck first warms nothing the big one uses. */
  measure (&small, &baseline);
  measure (&big, &ours);

  printf ("%-44s | %9s | %9s | %7s | %s\n", "measure (median ms; 100k vs 1.5k)", "ours", "baseline", "ratio", "goal");
  row ("sidebar, top level + children (ms)", ours.sidebar_ms, baseline.sidebar_ms, "< 16 ms");
  row ("sidebar, statements run", ours.sidebar_queries, baseline.sidebar_queries, "one per model");
  row ("answer -> next card, sidebar open (ms)", ours.answer_ms, baseline.answer_ms, "< 16 ms and ≤ 1.5×");
  row ("answer, statements run", ours.answer_queries, baseline.answer_queries, "—");
  row ("minute tick, sidebar + queue (ms)", ours.tick_ms, baseline.tick_ms, "nothing recomputed that did not change");
  row ("minute tick, statements run", ours.tick_queries, baseline.tick_queries, "—");
  row ("pick the next card, all topics (ms)", ours.pick_ms, baseline.pick_ms, "≤ 1.5×");
  row ("pick the next card, one topic (ms)", ours.pick_topic_ms, baseline.pick_topic_ms, "≤ 1.5×");

  g_free (big.path);
  g_free (small.path);

  return EXIT_SUCCESS;
}
