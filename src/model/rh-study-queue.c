/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rh-study-queue"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rh-database-private.h"
#include "rh-deck-store.h"
#include "rh-study-queue.h"

/* Picks the next card of a study session from the database each time
 * something changes, so it never holds a stale list: each pick is one
 * indexed query on review_state (state, due), or (topic_id, state, due)
 * in a topic, LIMIT 1. */
struct _RhStudyQueue
{
  GObject          parent_instance;

  /* Owned */
  RhScheduler     *scheduler;
  char            *topic_path;
  RhCard          *current_card;
  RhCard          *shown_card;    /* overrides the queue until answered */
  GPtrArray       *waiting;       /* RhCard: opened a follow-up, not graded yet */
  GArray          *undo;          /* UndoEntry, oldest first */

  /* Borrowed */
  RhDatabase      *database;
  RhStudySettings *settings;

  RhCardState      current_state;
  guint            n_learning;
  guint            n_review;
  guint            n_new;
  guint            n_cards;
  gint64           next_due;

  /* shown_card came back from waiting: its answer was already seen. */
  guint            returned : 1;
  /* Set while this queue writes, which refreshes once afterwards. */
  guint            writing : 1;
};

G_DEFINE_FINAL_TYPE (RhStudyQueue, rh_study_queue, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SCHEDULER,
  PROP_TOPIC_PATH,
  PROP_CURRENT_CARD,
  PROP_CURRENT_STATE,
  PROP_N_LEARNING,
  PROP_N_REVIEW,
  PROP_N_NEW,
  PROP_NEXT_DUE,
  PROP_N_CARDS,
  PROP_CAN_UNDO,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum { LEECH, N_SIGNALS };
static guint signals[N_SIGNALS];

/* An answer this queue can take back, and the topic it was given in: undo
 * stays with its topic, so that it never brings back a card of a topic the
 * user has left, and is still there on coming back. */
typedef struct
{
  gint64      log_id;
  const char *topic_path;   /* interned */
  RhRating    rating;
  RhCard     *returned;     /* owned: the waiting card this answer brought back */
} UndoEntry;

static void
undo_entry_clear (gpointer data)
{
  UndoEntry *entry = data;

  g_clear_object (&entry->returned);
}

/* Like Anki: when nothing else is left, learning cards due this soon are
 * shown rather than making the user wait. */
#define LEARN_AHEAD_SECONDS (20 * 60)

/* ?9 is a subtree's topic id; the root needs no topic at all. */
#define PICK_SQL                                                              \
  "SELECT rs.card_id FROM review_state rs"                                    \
  " JOIN cards c ON c.id = rs.card_id"                                        \
  " WHERE rs.state = ?1 AND rs.due <= ?2 AND c.suspended = 0"                 \
  " ORDER BY rs.due, rs.card_id LIMIT 1;"

/* In a subtree, the first card of each of its topics, each found on the
 * (topic_id, state, due) index, then the first of those: the deck's other
 * topics are never walked. */
#define PICK_SUBTREE_SQL                                                      \
  "SELECT rs.card_id FROM review_state rs WHERE rs.card_id IN ("              \
  "  SELECT (SELECT r.card_id FROM review_state r JOIN cards c ON c.id = r.card_id" \
  "          WHERE r.topic_id = tc.descendant_id AND r.state = ?1 AND r.due <= ?2" \
  "            AND c.suspended = 0 ORDER BY r.due, r.card_id LIMIT 1)"        \
  "  FROM topic_closure tc WHERE tc.ancestor_id = ?9)"                        \
  " ORDER BY rs.due, rs.card_id LIMIT 1;"

/* Active (not suspended), new and all cards: summed from each topic's own
 * counters, however many cards the subtree holds. */
#define ACTIVE_ROOT_SQL                                                       \
  "SELECT coalesce(sum(active), 0), coalesce(sum(new), 0), coalesce(sum(cards), 0)" \
  " FROM topic_counts;"
#define ACTIVE_SUBTREE_SQL                                                    \
  "SELECT coalesce(sum(n.active), 0), coalesce(sum(n.new), 0), coalesce(sum(n.cards), 0)" \
  " FROM topic_closure tc JOIN topic_counts n ON n.topic_id = tc.descendant_id" \
  " WHERE tc.ancestor_id = ?9;"

/* Learning cards are the few answered lately; reviews are counted only up
 * to what the day's limit still lets through (?3), so neither walks more
 * of the (state, due) index than the queue could show today. Where no card
 * is suspended, which the counters tell, the count reads the index alone;
 * otherwise it looks at each card. */
#define DUE_COUNTS_SQL(from, active)                                          \
  "SELECT (SELECT count(*) FROM " from                                        \
  "        WHERE rs.state IN (1, 3) AND rs.due < ?1" active "),"              \
  "  (SELECT count(*) FROM (SELECT 1 FROM " from                              \
  "        WHERE rs.state = 2 AND rs.due < ?2" active " LIMIT ?3));"
#define DUE_FROM_ROOT "review_state rs"
/* Topic by topic on the (topic_id, state, due) index. */
#define DUE_FROM_SUBTREE                                                      \
  "topic_closure tc CROSS JOIN review_state rs"                               \
  " ON rs.topic_id = tc.descendant_id AND tc.ancestor_id = ?9"
#define DUE_ACTIVE                                                            \
  " AND (SELECT c.suspended FROM cards c WHERE c.id = rs.card_id) = 0"

static const char * const due_counts_sql[2][2] = {
  /* [subtree][some suspended] */
  { DUE_COUNTS_SQL (DUE_FROM_ROOT, ""), DUE_COUNTS_SQL (DUE_FROM_ROOT, DUE_ACTIVE) },
  { DUE_COUNTS_SQL (DUE_FROM_SUBTREE, ""), DUE_COUNTS_SQL (DUE_FROM_SUBTREE, DUE_ACTIVE) },
};

/* The daily limits count answers in every topic and from interviews too:
 * they are about the user's day, not one topic's. */
static const char done_today_sql[] =
  "SELECT coalesce(sum(state_before = 0), 0), coalesce(sum(state_before = 2), 0)"
  " FROM review_log WHERE reviewed_at >= ?1 AND source IN ('study', 'interview');";

static gboolean
lookup_topic (RhStudyQueue  *self,
              gint64        *topic_id,
              GError       **error)
{
  g_autoptr(RhStatement) stmt = NULL;
  int rc;

  *topic_id = 0;
  if (*self->topic_path == '\0')
    return TRUE;

  if (!(stmt = rh_database_prepare (self->database, "SELECT id FROM topics WHERE path = ?;", error)))
    return FALSE;

  sqlite3_bind_text (stmt, 1, self->topic_path, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *topic_id = sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_DONE)
    return rh_database_set_error (self->database, error, rc);
  else
    *topic_id = -1;

  return TRUE;
}

/* The first card in @state due at or before @due_max, with its due time,
 * or 0 when there is none. */
static gboolean
pick (RhStudyQueue  *self,
      gint64         topic_id,
      RhCardState    state,
      gint64         due_max,
      gint64        *card_id,
      GError       **error)
{
  g_autoptr(RhStatement) stmt = NULL;
  int rc;

  *card_id = 0;

  stmt = rh_database_prepare (self->database,
                              topic_id > 0 ? PICK_SUBTREE_SQL : PICK_SQL,
                              error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int (stmt, 1, state);
  sqlite3_bind_int64 (stmt, 2, due_max);
  if (topic_id > 0)
    sqlite3_bind_int64 (stmt, 9, topic_id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *card_id = sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_DONE)
    return rh_database_set_error (self->database, error, rc);

  return TRUE;
}

static gint64
get_due (RhStudyQueue *self,
         gint64        card_id)
{
  RhReviewState state;

  if (card_id == 0 || !rh_scheduler_get_state (self->scheduler, card_id, &state, NULL))
    return G_MAXINT64;

  return state.due;
}

/* The learning or relearning card due first, at or before @due_max. */
static gboolean
pick_learning (RhStudyQueue  *self,
               gint64         topic_id,
               gint64         due_max,
               gint64        *card_id,
               GError       **error)
{
  gint64 learning, relearning;

  /* One query per state keeps each on the (state, due) index. */
  if (!pick (self, topic_id, RH_CARD_STATE_LEARNING, due_max, &learning, error) ||
      !pick (self, topic_id, RH_CARD_STATE_RELEARNING, due_max, &relearning, error))
    return FALSE;

  if (learning == 0 || relearning == 0)
    *card_id = learning ? learning : relearning;
  else
    *card_id = get_due (self, relearning) < get_due (self, learning) ? relearning : learning;

  return TRUE;
}

static gint64
log_card_id (RhStudyQueue  *self,
             gint64         log_id,
             GError       **error)
{
  g_autoptr(RhStatement) stmt = NULL;
  int rc;

  if (!(stmt = rh_database_prepare (self->database, "SELECT card_id FROM review_log WHERE id = ?;", error)))
    return -1;

  sqlite3_bind_int64 (stmt, 1, log_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return sqlite3_column_int64 (stmt, 0);
  if (rc != SQLITE_DONE)
    {
      rh_database_set_error (self->database, error, rc);
      return -1;
    }

  return 0;
}

typedef struct
{
  guint  n_learning;
  guint  n_review;
  guint  n_new;
  guint  n_cards;
  gint64 next_due;
  gint64 card_id;
} Snapshot;

static gboolean
read_snapshot (RhStudyQueue  *self,
               Snapshot      *snap,
               GError       **error)
{
  g_autoptr(RhStatement) counts = NULL;
  g_autoptr(RhStatement) done = NULL;
  RhClock *clock = rh_database_get_clock (self->database);
  gint64 now = rh_clock_get_now_seconds (clock);
  gint64 day_start = rh_scheduler_get_day_start (self->scheduler, now);
  gint64 day_end = rh_scheduler_get_day_start_after (self->scheduler, now, 1);
  guint new_per_day = rh_study_settings_get_new_per_day (self->settings);
  guint reviews_per_day = rh_study_settings_get_reviews_per_day (self->settings);
  gint64 topic_id, new_done, reviews_done, reviews_due, new_available;
  gint64 learning_before, review_before;
  gboolean some_suspended;
  int rc;

  memset (snap, 0, sizeof *snap);

  if (!lookup_topic (self, &topic_id, error))
    return FALSE;
  if (topic_id < 0)
    return TRUE;

  if (!(done = rh_database_prepare (self->database, done_today_sql, error)))
    return FALSE;

  sqlite3_bind_int64 (done, 1, day_start);
  if ((rc = sqlite3_step (done)) != SQLITE_ROW)
    return rh_database_set_error (self->database, error, rc);

  new_done = sqlite3_column_int64 (done, 0);
  reviews_done = sqlite3_column_int64 (done, 1);
  rh_statement_release (g_steal_pointer (&done));

  if (!(counts = rh_database_prepare (self->database,
                                      topic_id > 0 ? ACTIVE_SUBTREE_SQL : ACTIVE_ROOT_SQL,
                                      error)))
    return FALSE;

  if (topic_id > 0)
    sqlite3_bind_int64 (counts, 9, topic_id);
  if ((rc = sqlite3_step (counts)) != SQLITE_ROW)
    return rh_database_set_error (self->database, error, rc);

  snap->n_cards = sqlite3_column_int (counts, 0);
  new_available = sqlite3_column_int64 (counts, 1);
  some_suspended = sqlite3_column_int64 (counts, 2) != snap->n_cards;
  rh_statement_release (g_steal_pointer (&counts));

  if (!(counts = rh_database_prepare (self->database, due_counts_sql[topic_id > 0][some_suspended], error)))
    return FALSE;

  rh_study_queue_get_due_before (clock, now, &learning_before, &review_before);
  sqlite3_bind_int64 (counts, 1, learning_before);
  sqlite3_bind_int64 (counts, 2, review_before);
  sqlite3_bind_int64 (counts, 3, MAX ((gint64)reviews_per_day - reviews_done, 0));
  if (topic_id > 0)
    sqlite3_bind_int64 (counts, 9, topic_id);
  if ((rc = sqlite3_step (counts)) != SQLITE_ROW)
    return rh_database_set_error (self->database, error, rc);

  snap->n_learning = sqlite3_column_int (counts, 0);
  reviews_due = sqlite3_column_int64 (counts, 1);
  rh_statement_release (g_steal_pointer (&counts));

  snap->n_review = (guint)MIN (reviews_due, MAX ((gint64)reviews_per_day - reviews_done, 0));
  snap->n_new = (guint)MIN (new_available, MAX ((gint64)new_per_day - new_done, 0));

  if (!pick_learning (self, topic_id, now, &snap->card_id, error))
    return FALSE;

  if (snap->card_id == 0 && snap->n_review > 0 &&
      !pick (self, topic_id, RH_CARD_STATE_REVIEW, day_end - 1, &snap->card_id, error))
    return FALSE;

  if (snap->card_id == 0 && snap->n_new > 0 &&
      !pick (self, topic_id, RH_CARD_STATE_NEW, G_MAXINT64, &snap->card_id, error))
    return FALSE;

  if (snap->card_id == 0 &&
      !pick_learning (self, topic_id, now + LEARN_AHEAD_SECONDS, &snap->card_id, error))
    return FALSE;

  if (snap->card_id == 0)
    {
      gint64 learning, review, due;

      if (!pick_learning (self, topic_id, G_MAXINT64, &learning, error) ||
          !pick (self, topic_id, RH_CARD_STATE_REVIEW, G_MAXINT64, &review, error))
        return FALSE;

      due = get_due (self, learning);
      /* A review left over today waits for tomorrow's limit. */
      if (review != 0)
        due = MIN (due, MAX (get_due (self, review), day_end));

      snap->next_due = due == G_MAXINT64 ? 0 : due;
    }

  return TRUE;
}

static void
set_uint (RhStudyQueue *self,
          guint        *field,
          guint         value,
          guint         prop_id)
{
  if (*field == value)
    return;

  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

/* Keeps the same object when the same card stays current, so a view
 * showing it (answer revealed, say) is left alone; edits to its text are
 * copied in. */
static void
set_current (RhStudyQueue *self,
             RhCard       *card,
             gint64        card_id,
             gboolean      force_notify)
{
  g_autoptr(RhCard) fresh = NULL;
  RhCardState state = RH_CARD_STATE_NEW;
  RhReviewState review_state;

  if (card == NULL && card_id != 0)
    {
      g_autoptr(GError) error = NULL;

      if (!(fresh = rh_deck_store_dup_card (self->database, card_id, &error)))
        g_warning ("Cannot read the card to study: %s", error->message);
      card = fresh;
    }

  if (card != NULL && self->current_card != NULL && card != self->current_card &&
      rh_card_get_row_id (card) == rh_card_get_row_id (self->current_card))
    {
      if (!rh_card_content_equal (card, self->current_card) ||
          rh_card_get_suspended (card) != rh_card_get_suspended (self->current_card))
        rh_card_update_from (self->current_card, card);
      card = self->current_card;
    }

  if (card != NULL &&
      rh_scheduler_get_state (self->scheduler, rh_card_get_row_id (card), &review_state, NULL))
    state = review_state.state;

  g_object_freeze_notify (G_OBJECT (self));

  if (g_set_object (&self->current_card, card) || force_notify)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_CARD]);

  if (self->current_state != state)
    {
      self->current_state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_STATE]);
    }

  g_object_thaw_notify (G_OBJECT (self));
}

/* The topic's last undoable answer, or -1. */
static int
find_undo (RhStudyQueue *self)
{
  const char *topic_path;

  /* Between dispose and finalize. */
  if (self->undo == NULL)
    return -1;

  topic_path = g_intern_string (self->topic_path);
  for (guint i = self->undo->len; i > 0; i--)
    if (g_array_index (self->undo, UndoEntry, i - 1).topic_path == topic_path)
      return (int)i - 1;

  return -1;
}

static gboolean
card_in_topic (RhCard     *card,
               const char *topic_path)
{
  const char *topic = rh_card_get_topic (card);
  gsize len = strlen (topic_path);

  return len == 0 ||
         (strncmp (topic, topic_path, len) == 0 && (topic[len] == '\0' || strncmp (topic + len, "::", 2) == 0));
}

static void
set_shown (RhStudyQueue *self,
           RhCard       *card,
           gboolean      returned)
{
  g_set_object (&self->shown_card, card);
  self->returned = card != NULL && returned;
}

static void
refresh (RhStudyQueue *self,
         gboolean      force_notify)
{
  g_autoptr(GError) error = NULL;
  Snapshot snap;

  /* A signal may still arrive between dispose and finalize. */
  if (self->scheduler == NULL)
    return;

  if (!read_snapshot (self, &snap, &error))
    {
      g_warning ("Cannot read the study queue of “%s”: %s", self->topic_path, error->message);
      return;
    }

  g_object_freeze_notify (G_OBJECT (self));

  set_current (self, self->shown_card, self->shown_card ? 0 : snap.card_id, force_notify);
  set_uint (self, &self->n_learning, snap.n_learning, PROP_N_LEARNING);
  set_uint (self, &self->n_review, snap.n_review, PROP_N_REVIEW);
  set_uint (self, &self->n_new, snap.n_new, PROP_N_NEW);
  set_uint (self, &self->n_cards, snap.n_cards, PROP_N_CARDS);

  if (self->current_card != NULL)
    snap.next_due = 0;
  if (self->next_due != snap.next_due)
    {
      self->next_due = snap.next_due;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NEXT_DUE]);
    }

  g_object_thaw_notify (G_OBJECT (self));
}

static void
changed_cb (RhStudyQueue     *self,
            RhDatabaseChange  changes,
            RhDatabase       *database)
{
  /* Interview sessions change no card's state by themselves; their reviews
   * come through the scheduler with their own signal. Due counts moving
   * with the clock come with the minute, which refreshes anyway. */
  if (!self->writing &&
      (changes & (RH_DATABASE_CHANGE_TOPICS | RH_DATABASE_CHANGE_CARDS | RH_DATABASE_CHANGE_REVIEWS)))
    refresh (self, FALSE);
}

static void
notify_cb (RhStudyQueue *self,
           GParamSpec   *pspec,
           GObject      *object)
{
  refresh (self, FALSE);
}

static void
clock_changed_cb (RhStudyQueue *self,
                  RhClock      *clock)
{
  refresh (self, FALSE);
}

static void
rh_study_queue_constructed (GObject *object)
{
  RhStudyQueue *self = (RhStudyQueue *)object;

  G_OBJECT_CLASS (rh_study_queue_parent_class)->constructed (object);

  g_assert (RH_IS_SCHEDULER (self->scheduler));

  self->database = rh_scheduler_get_database (self->scheduler);
  self->settings = rh_scheduler_get_settings (self->scheduler);

  g_signal_connect_object (self->database, "changed",
                           G_CALLBACK (changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "notify",
                           G_CALLBACK (notify_cb), self, G_CONNECT_SWAPPED);
  /* Learning cards fall due by the minute; limits reset with the day,
   * which also announces a new minute. */
  g_signal_connect_object (rh_database_get_clock (self->database), "minute-changed",
                           G_CALLBACK (clock_changed_cb), self, G_CONNECT_SWAPPED);

  refresh (self, FALSE);
}

static void
rh_study_queue_dispose (GObject *object)
{
  RhStudyQueue *self = (RhStudyQueue *)object;

  g_clear_object (&self->current_card);
  g_clear_object (&self->shown_card);
  g_clear_pointer (&self->waiting, g_ptr_array_unref);
  g_clear_pointer (&self->undo, g_array_unref);
  g_clear_object (&self->scheduler);
  self->database = NULL;
  self->settings = NULL;

  G_OBJECT_CLASS (rh_study_queue_parent_class)->dispose (object);
}

static void
rh_study_queue_finalize (GObject *object)
{
  RhStudyQueue *self = (RhStudyQueue *)object;

  g_clear_pointer (&self->topic_path, g_free);

  G_OBJECT_CLASS (rh_study_queue_parent_class)->finalize (object);
}

static void
rh_study_queue_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  RhStudyQueue *self = RH_STUDY_QUEUE (object);

  switch (prop_id)
    {
    case PROP_SCHEDULER:
      g_value_set_object (value, self->scheduler);
      break;

    case PROP_TOPIC_PATH:
      g_value_set_string (value, self->topic_path);
      break;

    case PROP_CURRENT_CARD:
      g_value_set_object (value, self->current_card);
      break;

    case PROP_CURRENT_STATE:
      g_value_set_uint (value, self->current_state);
      break;

    case PROP_N_LEARNING:
      g_value_set_uint (value, self->n_learning);
      break;

    case PROP_N_REVIEW:
      g_value_set_uint (value, self->n_review);
      break;

    case PROP_N_NEW:
      g_value_set_uint (value, self->n_new);
      break;

    case PROP_NEXT_DUE:
      g_value_set_int64 (value, self->next_due);
      break;

    case PROP_N_CARDS:
      g_value_set_uint (value, self->n_cards);
      break;

    case PROP_CAN_UNDO:
      g_value_set_boolean (value, rh_study_queue_get_can_undo (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rh_study_queue_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  RhStudyQueue *self = RH_STUDY_QUEUE (object);

  switch (prop_id)
    {
    case PROP_SCHEDULER:
      self->scheduler = g_value_dup_object (value);
      break;

    case PROP_TOPIC_PATH:
      rh_study_queue_set_topic_path (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rh_study_queue_class_init (RhStudyQueueClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = rh_study_queue_constructed;
  object_class->dispose = rh_study_queue_dispose;
  object_class->finalize = rh_study_queue_finalize;
  object_class->get_property = rh_study_queue_get_property;
  object_class->set_property = rh_study_queue_set_property;

  properties[PROP_SCHEDULER] =
    g_param_spec_object ("scheduler", NULL, NULL, RH_TYPE_SCHEDULER,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_TOPIC_PATH] =
    g_param_spec_string ("topic-path", NULL, NULL, "",
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_CURRENT_CARD] =
    g_param_spec_object ("current-card", NULL, NULL, RH_TYPE_CARD,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_CURRENT_STATE] =
    g_param_spec_uint ("current-state", NULL, NULL,
                       RH_CARD_STATE_NEW, RH_CARD_STATE_RELEARNING, RH_CARD_STATE_NEW,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_N_LEARNING] =
    g_param_spec_uint ("n-learning", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_N_REVIEW] =
    g_param_spec_uint ("n-review", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_N_NEW] =
    g_param_spec_uint ("n-new", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_NEXT_DUE] =
    g_param_spec_int64 ("next-due", NULL, NULL, 0, G_MAXINT64, 0,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_N_CARDS] =
    g_param_spec_uint ("n-cards", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* An answer made @card a leech: it is suspended and tagged "leech". */
  signals[LEECH] =
    g_signal_new ("leech", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, RH_TYPE_CARD);
}

static void
rh_study_queue_init (RhStudyQueue *self)
{
  self->topic_path = g_strdup ("");
  self->waiting = g_ptr_array_new_with_free_func (g_object_unref);
  self->undo = g_array_new (FALSE, TRUE, sizeof (UndoEntry));
  g_array_set_clear_func (self->undo, undo_entry_clear);
}

/**
 * rh_study_queue_new:
 * @topic_path: (nullable): the subtree to study, "" or %NULL for all
 *
 * Returns: (transfer full): the queue, already showing its first card
 */
RhStudyQueue *
rh_study_queue_new (RhScheduler *scheduler,
                    const char  *topic_path)
{
  g_return_val_if_fail (RH_IS_SCHEDULER (scheduler), NULL);

  return g_object_new (RH_TYPE_STUDY_QUEUE,
                       "scheduler", scheduler,
                       "topic-path", topic_path ? topic_path : "",
                       NULL);
}

/**
 * rh_study_queue_get_due_before:
 * @clock: the database's clock, whose rollover hour the scheduler keeps
 * @now: Unix seconds
 * @learning_before: (out): learning and relearning cards are due before this
 * @review_before: (out): review cards are due before this
 *
 * What the queue counts as due at @now, as rh-study-queue.h says.
 */
void
rh_study_queue_get_due_before (RhClock *clock,
                               gint64   now,
                               gint64  *learning_before,
                               gint64  *review_before)
{
  gint64 day_end;

  g_return_if_fail (RH_IS_CLOCK (clock));
  g_return_if_fail (learning_before != NULL && review_before != NULL);

  day_end = rh_clock_get_study_day_start (clock, now, rh_clock_get_day_rollover_hour (clock), 1);
  /* Learning cards left today: due before the day ends, or soon enough to
   * be learnt ahead, which is what the queue will show. */
  *learning_before = MAX (day_end, now + LEARN_AHEAD_SECONDS + 1);
  *review_before = day_end;
}

/**
 * rh_study_queue_get_scheduler:
 *
 * Returns: (transfer none): the scheduler
 */
RhScheduler *
rh_study_queue_get_scheduler (RhStudyQueue *self)
{
  g_return_val_if_fail (RH_IS_STUDY_QUEUE (self), NULL);
  return self->scheduler;
}

const char *
rh_study_queue_get_topic_path (RhStudyQueue *self)
{
  g_return_val_if_fail (RH_IS_STUDY_QUEUE (self), NULL);
  return self->topic_path;
}

void
rh_study_queue_set_topic_path (RhStudyQueue *self,
                               const char   *topic_path)
{
  gboolean could_undo;

  g_return_if_fail (RH_IS_STUDY_QUEUE (self));

  if (topic_path == NULL)
    topic_path = "";

  if (g_strcmp0 (self->topic_path, topic_path) == 0)
    return;

  could_undo = rh_study_queue_get_can_undo (self);
  g_free (self->topic_path);
  self->topic_path = g_strdup (topic_path);

  /* A card shown out of order (undone, opened, waiting for its grade)
   * belongs to the topic it was studied in, unless the new topic holds it. */
  if (self->shown_card != NULL && !card_in_topic (self->shown_card, topic_path))
    set_shown (self, NULL, FALSE);
  for (guint i = self->waiting->len; i > 0; i--)
    if (!card_in_topic (g_ptr_array_index (self->waiting, i - 1), topic_path))
      g_ptr_array_remove_index (self->waiting, i - 1);

  /* Before construction the scheduler may not be there yet: constructed()
   * refreshes. */
  if (self->database != NULL)
    refresh (self, FALSE);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOPIC_PATH]);
  if (could_undo != rh_study_queue_get_can_undo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
}

/**
 * rh_study_queue_get_current_card:
 *
 * Returns: (transfer none) (nullable): the card to show now
 */
RhCard *
rh_study_queue_get_current_card (RhStudyQueue *self)
{
  g_return_val_if_fail (RH_IS_STUDY_QUEUE (self), NULL);
  return self->current_card;
}

RhCardState
rh_study_queue_get_current_state (RhStudyQueue *self)
{
  g_return_val_if_fail (RH_IS_STUDY_QUEUE (self), RH_CARD_STATE_NEW);
  return self->current_state;
}

/* TRUE when the current card waited for its grade while a follow-up was
 * studied: its answer was seen already. */
gboolean
rh_study_queue_get_current_returned (RhStudyQueue *self)
{
  g_return_val_if_fail (RH_IS_STUDY_QUEUE (self), FALSE);
  return self->returned && self->current_card == self->shown_card;
}

/* How many cards wait for their grade behind the current one. */
guint
rh_study_queue_get_n_waiting (RhStudyQueue *self)
{
  g_return_val_if_fail (RH_IS_STUDY_QUEUE (self), 0);
  return self->waiting->len;
}

guint
rh_study_queue_get_n_learning (RhStudyQueue *self)
{
  g_return_val_if_fail (RH_IS_STUDY_QUEUE (self), 0);
  return self->n_learning;
}

guint
rh_study_queue_get_n_review (RhStudyQueue *self)
{
  g_return_val_if_fail (RH_IS_STUDY_QUEUE (self), 0);
  return self->n_review;
}

guint
rh_study_queue_get_n_new (RhStudyQueue *self)
{
  g_return_val_if_fail (RH_IS_STUDY_QUEUE (self), 0);
  return self->n_new;
}

guint
rh_study_queue_get_n_cards (RhStudyQueue *self)
{
  g_return_val_if_fail (RH_IS_STUDY_QUEUE (self), 0);
  return self->n_cards;
}

gint64
rh_study_queue_get_next_due (RhStudyQueue *self)
{
  g_return_val_if_fail (RH_IS_STUDY_QUEUE (self), 0);
  return self->next_due;
}

/* Whether this topic has an answer to undo: each topic keeps its own. */
gboolean
rh_study_queue_get_can_undo (RhStudyQueue *self)
{
  g_return_val_if_fail (RH_IS_STUDY_QUEUE (self), FALSE);
  return find_undo (self) >= 0;
}

/* Re-reads the queue; the database and settings trigger this already, the
 * application calls it when a learning card may have come due. */
void
rh_study_queue_refresh (RhStudyQueue *self)
{
  g_return_if_fail (RH_IS_STUDY_QUEUE (self));

  refresh (self, FALSE);
}

/* ::notify::current-card is emitted after an answer even when the same card
 * comes back (a learning step of a minute), so a view starts over. A card
 * waiting for its grade comes back once its follow-up is answered. */
gboolean
rh_study_queue_answer (RhStudyQueue  *self,
                       RhRating       rating,
                       gint64         duration_ms,
                       GError       **error)
{
  UndoEntry entry = { 0, };
  g_autoptr(RhCard) answered_card = NULL;
  gboolean was_undoable, answered;

  g_return_val_if_fail (RH_IS_STUDY_QUEUE (self), FALSE);
  g_return_val_if_fail (rh_fsrs_rating_is_valid (rating), FALSE);
  g_return_val_if_fail (self->current_card != NULL, FALSE);

  was_undoable = rh_study_queue_get_can_undo (self);
  answered_card = g_object_ref (self->current_card);

  self->writing = TRUE;
  answered = rh_scheduler_answer (self->scheduler, rh_card_get_row_id (self->current_card),
                                  rating, duration_ms, RH_REVIEW_SOURCE_STUDY, &entry.log_id, error);
  self->writing = FALSE;

  if (!answered)
    return FALSE;

  if (self->waiting->len > 0)
    {
      entry.returned = g_ptr_array_steal_index (self->waiting, self->waiting->len - 1);
      set_shown (self, entry.returned, TRUE);
    }
  else
    set_shown (self, NULL, FALSE);

  entry.topic_path = g_intern_string (self->topic_path);
  entry.rating = rating;
  g_array_append_val (self->undo, entry);

  refresh (self, TRUE);

  if (!was_undoable)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);

  if (rh_scheduler_get_answer_leech (self->scheduler, entry.log_id))
    g_signal_emit (self, signals[LEECH], 0, answered_card);

  return TRUE;
}

/**
 * rh_study_queue_undo:
 * @rating: (out) (optional): the grade that was undone
 *
 * Undoes this topic's last answer and makes that card current again.
 */
gboolean
rh_study_queue_undo (RhStudyQueue  *self,
                     RhRating      *rating,
                     GError       **error)
{
  g_autoptr(RhCard) previous = NULL;
  g_autoptr(RhCard) card = NULL;
  g_autoptr(GError) local_error = NULL;
  UndoEntry *entry;
  gboolean previous_returned;
  gint64 card_id;
  gboolean undone;
  int index;

  g_return_val_if_fail (RH_IS_STUDY_QUEUE (self), FALSE);

  previous_returned = self->returned;
  if ((index = find_undo (self)) < 0)
    {
      g_set_error_literal (error, RH_DATABASE_ERROR, RH_DATABASE_ERROR_NOT_FOUND,
                           _("There is nothing to undo"));
      return FALSE;
    }

  entry = &g_array_index (self->undo, UndoEntry, index);

  if ((card_id = log_card_id (self, entry->log_id, error)) < 0)
    return FALSE;

  if (card_id > 0)
    {
      if (self->current_card != NULL && rh_card_get_row_id (self->current_card) == card_id)
        card = g_object_ref (self->current_card);
      else if (!(card = rh_deck_store_dup_card (self->database, card_id, error)))
        return FALSE;
    }

  previous = self->shown_card ? g_object_ref (self->shown_card) : NULL;
  set_shown (self, card, FALSE);

  self->writing = TRUE;
  undone = card_id > 0 && rh_scheduler_undo (self->scheduler, entry->log_id, &local_error);
  self->writing = FALSE;

  if (!undone)
    {
      set_shown (self, previous, previous_returned);

      /* An answer undone elsewhere can never be undone here. */
      if (card_id == 0 || g_error_matches (local_error, RH_DATABASE_ERROR, RH_DATABASE_ERROR_NOT_FOUND))
        {
          g_array_remove_index (self->undo, index);
          if (!rh_study_queue_get_can_undo (self))
            g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
        }

      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error_literal (error, RH_DATABASE_ERROR, RH_DATABASE_ERROR_NOT_FOUND,
                             _("This answer was already undone"));
      return FALSE;
    }

  /* The card this answer brought back waits for its grade again. */
  if (entry->returned != NULL)
    g_ptr_array_add (self->waiting, g_steal_pointer (&entry->returned));
  if (rating != NULL)
    *rating = entry->rating;
  g_array_remove_index (self->undo, index);

  refresh (self, TRUE);

  if (!rh_study_queue_get_can_undo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);

  return TRUE;
}

/**
 * rh_study_queue_show_card:
 * @card: (nullable): a card of this queue's database, or %NULL to go back
 *   to the queue's order
 */
void
rh_study_queue_show_card (RhStudyQueue *self,
                          RhCard       *card)
{
  g_return_if_fail (RH_IS_STUDY_QUEUE (self));
  g_return_if_fail (card == NULL || RH_IS_CARD (card));

  if (card == self->shown_card)
    return;

  set_shown (self, card, FALSE);
  refresh (self, FALSE);
}

/**
 * rh_study_queue_open_follow_up:
 * @follow_up: a card of this queue's database
 *
 * Shows @follow_up now; the current card waits for its grade and becomes
 * current again once @follow_up is answered.
 */
void
rh_study_queue_open_follow_up (RhStudyQueue *self,
                               RhCard       *follow_up)
{
  g_return_if_fail (RH_IS_STUDY_QUEUE (self));
  g_return_if_fail (RH_IS_CARD (follow_up));
  g_return_if_fail (self->current_card != NULL);

  if (rh_card_get_row_id (follow_up) == rh_card_get_row_id (self->current_card))
    return;

  g_ptr_array_add (self->waiting, g_object_ref (self->current_card));
  set_shown (self, follow_up, FALSE);
  refresh (self, FALSE);
}
