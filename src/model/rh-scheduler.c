/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rh-scheduler"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "rh-database-private.h"
#include "rh-scheduler.h"

/* FSRS-6 decides how well a card is remembered; short (re)learning steps,
 * counted in seconds, come first, and review intervals are whole study
 * days. Everything is computed from the stored state, the clock and the
 * settings, so a preview and the answer that follows agree. */
struct _RhScheduler
{
  GObject          parent_instance;

  /* Owned */
  RhDatabase      *database;
  RhStudySettings *settings;
  /* The answers that made their card a leech (log row → LeechChange), so
   * that undoing one takes back exactly what it changed. Kept as long as
   * an answer can be undone: by this object's owners, in memory. */
  GHashTable      *leeches;
};

G_DEFINE_FINAL_TYPE (RhScheduler, rh_scheduler, G_TYPE_OBJECT)

enum { PROP_0, PROP_DATABASE, PROP_SETTINGS, N_PROPS };
static GParamSpec *properties[N_PROPS];

#define SECONDS_PER_DAY (24 * 60 * 60)

/* What marking a leech changed on its card. */
typedef enum
{
  LEECH_SUSPENDED = 1 << 0,  /* it was not suspended */
  LEECH_TAGGED    = 1 << 1,  /* it had no "leech" tag; the tag went last */
} LeechChange;

#define LEECH_TAG "leech"

static const char * const source_names[] = { "study", "interview" };

static gint64
now_seconds (RhScheduler *self)
{
  return rh_clock_get_now_seconds (rh_database_get_clock (self->database));
}

static void
study_date (RhScheduler *self,
            gint64       at,
            GDate       *date)
{
  rh_clock_get_study_date (rh_database_get_clock (self->database), at,
                           rh_study_settings_get_day_rollover_hour (self->settings), date);
}

static gint64
day_number (RhScheduler *self,
            gint64       at)
{
  GDate date;

  study_date (self, at, &date);

  /* Julian day 719163 is 1970-01-01. */
  return (gint64)g_date_get_julian (&date) - 719163;
}

static void
init_params (RhScheduler  *self,
             RhFsrsParams *params)
{
  rh_fsrs_params_init_default (params);
  params->desired_retention = rh_study_settings_get_desired_retention (self->settings);
  params->maximum_interval = (int)rh_study_settings_get_maximum_interval (self->settings);
}

static int
review_interval (const RhFsrsParams *params,
                 double              stability,
                 int                 elapsed_days,
                 guint64             seed)
{
  int ivl = rh_fsrs_next_interval (params, stability);

  return rh_fsrs_fuzz_interval (ivl, elapsed_days, params->maximum_interval, seed);
}

static void
graduate (RhScheduler        *self,
          gint64              now,
          int                 interval,
          RhReviewState      *next)
{
  next->state = RH_CARD_STATE_REVIEW;
  next->step = 0;
  next->due = rh_scheduler_get_day_start_after (self, now, interval);
}

/* Hard repeats the current step; on the first step it waits halfway to the
 * second, or half as long again when there is only one. */
static gint64
hard_delay (const guint *steps,
            guint        n_steps,
            guint        step)
{
  if (step > 0)
    return steps[step];
  if (n_steps >= 2)
    return ((gint64)steps[0] + steps[1]) / 2;

  return (gint64)steps[0] * 3 / 2;
}

static void
next_learning (RhScheduler        *self,
               const RhFsrsParams *params,
               gint64              now,
               int                 elapsed_days,
               guint64             seed,
               const guint        *steps,
               guint               n_steps,
               RhCardState         state,
               guint               step,
               RhRating            rating,
               RhReviewState      *next)
{
  /* Steps may have been shortened in the settings since. */
  if (n_steps > 0)
    step = MIN (step, n_steps - 1);

  if (n_steps == 0 || rating == RH_RATING_EASY ||
      (rating == RH_RATING_GOOD && step + 1 >= n_steps))
    {
      int ivl = review_interval (params, next->stability, elapsed_days, seed);

      graduate (self, now, rating == RH_RATING_AGAIN ? 1 : ivl, next);
      return;
    }

  next->state = state;

  switch ((int)rating)
    {
    case RH_RATING_AGAIN:
      next->step = 0;
      next->due = now + steps[0];
      break;

    case RH_RATING_HARD:
      next->step = step;
      next->due = now + hard_delay (steps, n_steps, step);
      break;

    case RH_RATING_GOOD:
    default:
      next->step = step + 1;
      next->due = now + steps[step + 1];
      break;
    }
}

/* Hard ≤ Good ≤ Easy, a day apart, so each button means something. */
static int
ordered_review_interval (const RhFsrsParams  *params,
                         const RhMemoryState *prev,
                         int                  elapsed_days,
                         guint64              seed,
                         RhRating             rating)
{
  int ivl[3];

  for (int r = RH_RATING_HARD; r <= RH_RATING_EASY; r++)
    {
      RhMemoryState mem;

      rh_fsrs_next_state (params, prev, elapsed_days, (RhRating)r, &mem);
      ivl[r - RH_RATING_HARD] = review_interval (params, mem.stability, elapsed_days, seed);
    }

  ivl[0] = MIN (ivl[0], ivl[1]);
  ivl[1] = MAX (ivl[1], ivl[0] + 1);
  ivl[2] = MAX (ivl[2], ivl[1] + 1);

  return MIN (ivl[rating - RH_RATING_HARD], params->maximum_interval);
}

static gboolean
read_state (RhScheduler    *self,
            gint64          card_id,
            RhReviewState  *state,
            GError        **error)
{
  g_autoptr(RhStatement) stmt = NULL;
  int rc;

  if (!(stmt = rh_database_prepare (self->database,
                                    "SELECT state, step, stability, difficulty, due, last_review, reps, lapses"
                                    " FROM review_state WHERE card_id = ?;",
                                    error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, card_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, RH_DATABASE_ERROR, RH_DATABASE_ERROR_NOT_FOUND,
                   _("The card to study no longer exists"));
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    return rh_database_set_error (self->database, error, rc);

  state->state = CLAMP (sqlite3_column_int (stmt, 0), RH_CARD_STATE_NEW, RH_CARD_STATE_RELEARNING);
  state->step = MAX (sqlite3_column_int (stmt, 1), 0);
  state->stability = sqlite3_column_double (stmt, 2);
  state->difficulty = sqlite3_column_double (stmt, 3);
  state->due = sqlite3_column_int64 (stmt, 4);
  state->last_review = sqlite3_column_int64 (stmt, 5);
  state->reps = MAX (sqlite3_column_int (stmt, 6), 0);
  state->lapses = MAX (sqlite3_column_int (stmt, 7), 0);

  return TRUE;
}

static void
bind_memory (RhStatement         *stmt,
             int                  index,
             const RhReviewState *state)
{
  /* A new card has no memory state yet. */
  if (state->state == RH_CARD_STATE_NEW)
    return;

  sqlite3_bind_double (stmt, index, state->stability);
  sqlite3_bind_double (stmt, index + 1, state->difficulty);
}

/* As Anki: at the threshold, then every half threshold more. */
static gboolean
is_leech_lapse (guint threshold,
                guint lapses)
{
  if (threshold == 0 || lapses < threshold)
    return FALSE;

  return (lapses - threshold) % MAX (threshold / 2, 1) == 0;
}

/* Suspends @card_id and tags it "leech", inside the answer's transaction;
 * @change says what that changed (nothing, when it already was both). */
static gboolean
mark_leech (RhScheduler  *self,
            gint64        card_id,
            LeechChange  *change,
            GError      **error)
{
  g_autoptr(RhStatement) read = NULL;
  g_autoptr(RhStatement) mark = NULL;
  int rc;

  *change = 0;

  if (!(read = rh_database_prepare (self->database,
                                    "SELECT suspended, rh_search_has_tag (tags, '" LEECH_TAG "') FROM cards WHERE id = ?;",
                                    error)))
    return FALSE;

  sqlite3_bind_int64 (read, 1, card_id);
  if ((rc = sqlite3_step (read)) != SQLITE_ROW)
    return rh_database_set_error (self->database, error, rc == SQLITE_DONE ? SQLITE_NOTFOUND : rc);
  if (!sqlite3_column_int (read, 0))
    *change |= LEECH_SUSPENDED;
  if (!sqlite3_column_int (read, 1))
    *change |= LEECH_TAGGED;
  rh_statement_release (g_steal_pointer (&read));

  if (*change == 0)
    return TRUE;

  if (!(mark = rh_database_prepare (self->database,
                                    "UPDATE cards SET suspended = 1,"
                                    " tags = CASE WHEN NOT ?2 THEN tags WHEN tags = '' THEN '" LEECH_TAG "'"
                                    "   ELSE tags || char (10) || '" LEECH_TAG "' END"
                                    " WHERE id = ?1;",
                                    error)))
    return FALSE;

  sqlite3_bind_int64 (mark, 1, card_id);
  sqlite3_bind_int (mark, 2, (*change & LEECH_TAGGED) != 0);

  return rh_database_step_done (self->database, mark, error);
}

/* Takes back what mark_leech() changed, inside the undo's transaction. */
static gboolean
unmark_leech (RhScheduler  *self,
              gint64        card_id,
              LeechChange   change,
              GError      **error)
{
  g_autoptr(RhStatement) unmark = NULL;

  if (!(unmark = rh_database_prepare (self->database,
                                      "UPDATE cards SET"
                                      " suspended = CASE WHEN ?2 THEN 0 ELSE suspended END,"
                                      " tags = CASE WHEN NOT ?3 THEN tags WHEN tags = '" LEECH_TAG "' THEN ''"
                                      "   WHEN substr (tags, -6) = char (10) || '" LEECH_TAG "'"
                                      "     THEN substr (tags, 1, length (tags) - 6)"
                                      "   ELSE tags END"
                                      " WHERE id = ?1;",
                                      error)))
    return FALSE;

  sqlite3_bind_int64 (unmark, 1, card_id);
  sqlite3_bind_int (unmark, 2, (change & LEECH_SUSPENDED) != 0);
  sqlite3_bind_int (unmark, 3, (change & LEECH_TAGGED) != 0);

  return rh_database_step_done (self->database, unmark, error);
}

static void
rh_scheduler_dispose (GObject *object)
{
  RhScheduler *self = (RhScheduler *)object;

  g_clear_object (&self->database);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->leeches, g_hash_table_unref);

  G_OBJECT_CLASS (rh_scheduler_parent_class)->dispose (object);
}

static void
rh_scheduler_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  RhScheduler *self = RH_SCHEDULER (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      g_value_set_object (value, self->database);
      break;

    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rh_scheduler_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  RhScheduler *self = RH_SCHEDULER (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      self->database = g_value_dup_object (value);
      break;

    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rh_scheduler_constructed (GObject *object)
{
  RhScheduler *self = (RhScheduler *)object;

  G_OBJECT_CLASS (rh_scheduler_parent_class)->constructed (object);

  /* The clock announces the study days these settings define. */
  g_object_bind_property (self->settings, "day-rollover-hour",
                          rh_database_get_clock (self->database), "day-rollover-hour",
                          G_BINDING_SYNC_CREATE);
}

static void
rh_scheduler_class_init (RhSchedulerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = rh_scheduler_constructed;
  object_class->dispose = rh_scheduler_dispose;
  object_class->get_property = rh_scheduler_get_property;
  object_class->set_property = rh_scheduler_set_property;

  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL, RH_TYPE_DATABASE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, RH_TYPE_STUDY_SETTINGS,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rh_scheduler_init (RhScheduler *self)
{
  self->leeches = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}

/**
 * rh_scheduler_new:
 *
 * Returns: (transfer full): a scheduler for @database's cards
 */
RhScheduler *
rh_scheduler_new (RhDatabase      *database,
                  RhStudySettings *settings)
{
  g_return_val_if_fail (RH_IS_DATABASE (database), NULL);
  g_return_val_if_fail (RH_IS_STUDY_SETTINGS (settings), NULL);

  return g_object_new (RH_TYPE_SCHEDULER,
                       "database", database,
                       "settings", settings,
                       NULL);
}

/**
 * rh_scheduler_get_database:
 *
 * Returns: (transfer none): the database
 */
RhDatabase *
rh_scheduler_get_database (RhScheduler *self)
{
  g_return_val_if_fail (RH_IS_SCHEDULER (self), NULL);
  return self->database;
}

/**
 * rh_scheduler_get_settings:
 *
 * Returns: (transfer none): the settings
 */
RhStudySettings *
rh_scheduler_get_settings (RhScheduler *self)
{
  g_return_val_if_fail (RH_IS_SCHEDULER (self), NULL);
  return self->settings;
}

/* When the study day containing @at started, in Unix seconds. */
gint64
rh_scheduler_get_day_start (RhScheduler *self,
                            gint64       at)
{
  g_return_val_if_fail (RH_IS_SCHEDULER (self), 0);

  return rh_scheduler_get_day_start_after (self, at, 0);
}

/**
 * rh_scheduler_get_day_start_after:
 * @n_days: how many study days after the one containing @at
 *
 * Returns: when that study day starts, in Unix seconds; with @n_days = 1,
 *   the end of today
 */
gint64
rh_scheduler_get_day_start_after (RhScheduler *self,
                                  gint64       at,
                                  int          n_days)
{
  g_return_val_if_fail (RH_IS_SCHEDULER (self), 0);

  return rh_clock_get_study_day_start (rh_database_get_clock (self->database), at,
                                       rh_study_settings_get_day_rollover_hour (self->settings),
                                       n_days);
}

/* A count of study days that grows by one at each rollover, whatever the
 * length of the day. */
gint64
rh_scheduler_get_day_number (RhScheduler *self,
                             gint64       at)
{
  g_return_val_if_fail (RH_IS_SCHEDULER (self), 0);

  return day_number (self, at);
}

/**
 * rh_scheduler_get_elapsed_days:
 *
 * Returns: whole study days from @last_review to @at, 0 on the same
 *   study day or when @last_review is 0 (never)
 */
int
rh_scheduler_get_elapsed_days (RhScheduler *self,
                               gint64       last_review,
                               gint64       at)
{
  gint64 days;

  g_return_val_if_fail (RH_IS_SCHEDULER (self), 0);

  if (last_review <= 0)
    return 0;

  days = day_number (self, at) - day_number (self, last_review);

  return (int)CLAMP (days, 0, G_MAXINT);
}

/* Stable for one card and review, so a preview and the answer agree;
 * different for the next review and for cards learnt together. */
guint64
rh_scheduler_get_fuzz_seed (gint64 card_id,
                            guint  reps)
{
  return ((guint64)card_id << 32) ^ (guint64)reps;
}

gboolean
rh_scheduler_get_state (RhScheduler    *self,
                        gint64          card_id,
                        RhReviewState  *state,
                        GError        **error)
{
  g_return_val_if_fail (RH_IS_SCHEDULER (self), FALSE);
  g_return_val_if_fail (state != NULL, FALSE);

  return read_state (self, card_id, state, error);
}

void
rh_scheduler_next_state (RhScheduler         *self,
                         gint64               card_id,
                         const RhReviewState *current,
                         RhRating             rating,
                         RhReviewState       *next)
{
  RhFsrsParams params;
  RhMemoryState prev, mem;
  const guint *steps;
  guint n_steps;
  gint64 now;
  int elapsed;
  guint64 seed;
  gboolean has_memory;

  g_return_if_fail (RH_IS_SCHEDULER (self));
  g_return_if_fail (current != NULL);
  g_return_if_fail (next != NULL);
  g_return_if_fail (rh_fsrs_rating_is_valid (rating));

  init_params (self, &params);
  now = now_seconds (self);
  elapsed = rh_scheduler_get_elapsed_days (self, current->last_review, now);

  *next = *current;
  next->reps = current->reps + 1;
  next->last_review = now;
  seed = rh_scheduler_get_fuzz_seed (card_id, next->reps);

  /* A card without a stored memory state starts one, as a new card does. */
  has_memory = current->state != RH_CARD_STATE_NEW && current->stability > 0.0;
  prev.stability = current->stability;
  prev.difficulty = current->difficulty;
  rh_fsrs_next_state (&params, has_memory ? &prev : NULL, elapsed, rating, &mem);
  next->stability = mem.stability;
  next->difficulty = mem.difficulty;

  switch (current->state)
    {
    case RH_CARD_STATE_NEW:
    case RH_CARD_STATE_LEARNING:
    default:
      steps = rh_study_settings_get_learning_step_seconds (self->settings, &n_steps);
      next_learning (self, &params, now, elapsed, seed, steps, n_steps,
                     RH_CARD_STATE_LEARNING,
                     current->state == RH_CARD_STATE_NEW ? 0 : current->step,
                     rating, next);
      break;

    case RH_CARD_STATE_RELEARNING:
      steps = rh_study_settings_get_relearning_step_seconds (self->settings, &n_steps);
      next_learning (self, &params, now, elapsed, seed, steps, n_steps,
                     RH_CARD_STATE_RELEARNING, current->step, rating, next);
      break;

    case RH_CARD_STATE_REVIEW:
      if (rating == RH_RATING_AGAIN)
        {
          steps = rh_study_settings_get_relearning_step_seconds (self->settings, &n_steps);
          next->lapses = current->lapses + 1;
          if (n_steps > 0)
            {
              next->state = RH_CARD_STATE_RELEARNING;
              next->step = 0;
              next->due = now + steps[0];
            }
          else
            graduate (self, now, 1, next);
        }
      else
        {
          int ivl = ordered_review_interval (&params, has_memory ? &prev : NULL,
                                             elapsed, seed, rating);

          graduate (self, now, ivl, next);
        }
      break;
    }
}

/**
 * rh_scheduler_preview:
 * @intervals: (out caller-allocates) (array fixed-size=4): for Again …
 *   Easy, the seconds until the card would be due
 *
 * A learning step counts from now; a review interval counts whole study
 * days (n × 86400 s), which is what a user expects to read ("1 d") even
 * though the card comes due at the start of that day.
 */
gboolean
rh_scheduler_preview (RhScheduler  *self,
                      gint64        card_id,
                      gint64        intervals[4],
                      GError      **error)
{
  RhReviewState current;
  gint64 now;

  g_return_val_if_fail (RH_IS_SCHEDULER (self), FALSE);
  g_return_val_if_fail (intervals != NULL, FALSE);

  if (!read_state (self, card_id, &current, error))
    return FALSE;

  now = now_seconds (self);

  for (int rating = RH_RATING_AGAIN; rating <= RH_RATING_EASY; rating++)
    {
      RhReviewState next;

      rh_scheduler_next_state (self, card_id, &current, (RhRating)rating, &next);

      if (next.state == RH_CARD_STATE_REVIEW)
        intervals[rating - 1] = (day_number (self, next.due) - day_number (self, now)) * SECONDS_PER_DAY;
      else
        intervals[rating - 1] = MAX (next.due - now, 0);
    }

  return TRUE;
}

gboolean
rh_scheduler_answer (RhScheduler     *self,
                     gint64           card_id,
                     RhRating         rating,
                     gint64           duration_ms,
                     RhReviewSource   source,
                     gint64          *log_id,
                     GError         **error)
{
  g_autoptr(RhStatement) log = NULL;
  g_autoptr(RhStatement) update = NULL;
  RhReviewState current, next;
  RhDatabaseChange changes = RH_DATABASE_CHANGE_REVIEWS;
  LeechChange leech = 0;
  gint64 new_log_id;

  g_return_val_if_fail (RH_IS_SCHEDULER (self), FALSE);
  g_return_val_if_fail (rh_fsrs_rating_is_valid (rating), FALSE);
  g_return_val_if_fail (source == RH_REVIEW_SOURCE_STUDY || source == RH_REVIEW_SOURCE_INTERVIEW, FALSE);

  if (!rh_database_begin (self->database, error))
    return FALSE;

  if (!read_state (self, card_id, &current, error))
    goto failed;

  rh_scheduler_next_state (self, card_id, &current, rating, &next);

  /* The "before" columns are copied from the row itself, NULLs included,
   * so that undo restores it bit for bit. */
  if (!(log = rh_database_prepare (self->database,
                                   "INSERT INTO review_log (card_id, reviewed_at, rating, duration_ms, source,"
                                   "  state_before, step_before, stability_before, difficulty_before,"
                                   "  due_before, last_review_before, reps_before, lapses_before,"
                                   "  state_after, step_after, stability_after, difficulty_after, due_after)"
                                   " SELECT card_id, ?2, ?3, ?4, ?5,"
                                   "  state, step, stability, difficulty, due, last_review, reps, lapses,"
                                   "  ?6, ?7, ?8, ?9, ?10"
                                   " FROM review_state WHERE card_id = ?1"
                                   " RETURNING id;",
                                   error)))
    goto failed;

  sqlite3_bind_int64 (log, 1, card_id);
  sqlite3_bind_int64 (log, 2, next.last_review);
  sqlite3_bind_int (log, 3, rating);
  sqlite3_bind_int64 (log, 4, MAX (duration_ms, 0));
  sqlite3_bind_text (log, 5, source_names[source], -1, SQLITE_STATIC);
  sqlite3_bind_int (log, 6, next.state);
  sqlite3_bind_int (log, 7, next.step);
  bind_memory (log, 8, &next);
  sqlite3_bind_int64 (log, 10, next.due);

  if (sqlite3_step (log) != SQLITE_ROW)
    {
      rh_database_step_done (self->database, log, error);
      goto failed;
    }
  new_log_id = sqlite3_column_int64 (log, 0);
  if (!rh_database_step_done (self->database, log, error))
    goto failed;
  rh_statement_release (g_steal_pointer (&log));

  if (!(update = rh_database_prepare (self->database,
                                      "UPDATE review_state SET state = ?2, step = ?3, stability = ?4,"
                                      " difficulty = ?5, due = ?6, last_review = ?7, reps = ?8, lapses = ?9"
                                      " WHERE card_id = ?1;",
                                      error)))
    goto failed;

  sqlite3_bind_int64 (update, 1, card_id);
  sqlite3_bind_int (update, 2, next.state);
  sqlite3_bind_int (update, 3, next.step);
  bind_memory (update, 4, &next);
  sqlite3_bind_int64 (update, 6, next.due);
  sqlite3_bind_int64 (update, 7, next.last_review);
  sqlite3_bind_int64 (update, 8, next.reps);
  sqlite3_bind_int64 (update, 9, next.lapses);
  if (!rh_database_step_done (self->database, update, error))
    goto failed;
  rh_statement_release (g_steal_pointer (&update));

  if (next.lapses > current.lapses &&
      is_leech_lapse (rh_study_settings_get_leech_threshold (self->settings), next.lapses))
    {
      if (!mark_leech (self, card_id, &leech, error))
        goto failed;
      if (leech != 0)
        changes |= RH_DATABASE_CHANGE_CARDS;
    }

  /* Known before ::changed, so that its handlers can ask. */
  if (leech != 0)
    g_hash_table_insert (self->leeches, g_memdup2 (&new_log_id, sizeof new_log_id), GUINT_TO_POINTER (leech));

  if (!rh_database_commit (self->database, changes, error))
    {
      g_hash_table_remove (self->leeches, &new_log_id);
      return FALSE;
    }

  if (log_id)
    *log_id = new_log_id;

  return TRUE;

failed:
  rh_database_rollback (self->database);
  return FALSE;
}

gboolean
rh_scheduler_undo (RhScheduler  *self,
                   gint64        log_id,
                   GError      **error)
{
  g_autoptr(RhStatement) find = NULL;
  g_autoptr(RhStatement) restore = NULL;
  g_autoptr(RhStatement) forget = NULL;
  RhDatabaseChange changes = RH_DATABASE_CHANGE_REVIEWS;
  LeechChange leech;
  gint64 card_id;
  gboolean newest;
  int rc;

  g_return_val_if_fail (RH_IS_SCHEDULER (self), FALSE);

  if (!rh_database_begin (self->database, error))
    return FALSE;

  /* Row ids grow with each answer, unlike timestamps that can tie. */
  if (!(find = rh_database_prepare (self->database,
                                    "SELECT card_id,"
                                    "  id = (SELECT max(id) FROM review_log n WHERE n.card_id = l.card_id)"
                                    " FROM review_log l WHERE id = ?;",
                                    error)))
    goto failed;

  sqlite3_bind_int64 (find, 1, log_id);
  rc = sqlite3_step (find);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, RH_DATABASE_ERROR, RH_DATABASE_ERROR_NOT_FOUND,
                   _("This answer was already undone"));
      goto failed;
    }
  if (rc != SQLITE_ROW)
    {
      rh_database_set_error (self->database, error, rc);
      goto failed;
    }
  card_id = sqlite3_column_int64 (find, 0);
  newest = sqlite3_column_int (find, 1);
  rh_statement_release (g_steal_pointer (&find));

  if (!newest)
    {
      g_set_error (error, RH_DATABASE_ERROR, RH_DATABASE_ERROR_FAILED,
                   _("This card was answered again since, so this answer can no longer be undone"));
      goto failed;
    }

  if (!(restore = rh_database_prepare (self->database,
                                       "UPDATE review_state SET"
                                       " (state, step, stability, difficulty, due, last_review, reps, lapses) ="
                                       " (SELECT state_before, step_before, stability_before, difficulty_before,"
                                       "    due_before, last_review_before, reps_before, lapses_before"
                                       "  FROM review_log WHERE id = ?2)"
                                       " WHERE card_id = ?1;",
                                       error)))
    goto failed;

  sqlite3_bind_int64 (restore, 1, card_id);
  sqlite3_bind_int64 (restore, 2, log_id);
  if (!rh_database_step_done (self->database, restore, error))
    goto failed;
  rh_statement_release (g_steal_pointer (&restore));

  if (!(forget = rh_database_prepare (self->database, "DELETE FROM review_log WHERE id = ?;", error)))
    goto failed;

  sqlite3_bind_int64 (forget, 1, log_id);
  if (!rh_database_step_done (self->database, forget, error))
    goto failed;
  rh_statement_release (g_steal_pointer (&forget));

  leech = GPOINTER_TO_UINT (g_hash_table_lookup (self->leeches, &log_id));
  if (leech != 0)
    {
      if (!unmark_leech (self, card_id, leech, error))
        goto failed;
      changes |= RH_DATABASE_CHANGE_CARDS;
    }

  if (!rh_database_commit (self->database, changes, error))
    return FALSE;

  g_hash_table_remove (self->leeches, &log_id);

  return TRUE;

failed:
  rh_database_rollback (self->database);
  return FALSE;
}

/**
 * rh_scheduler_format_interval:
 * @seconds: a duration; negative counts as 0
 *
 * Returns: (transfer full): the duration in the largest unit that fits
 */
char *
rh_scheduler_format_interval (gint64 seconds)
{
  double days;

  seconds = MAX (seconds, 0);

  if (seconds < 60)
    /* Translators: an interval in seconds, keep it short */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d s", "%d s", (gulong)seconds), (int)seconds);

  /* Rounded first, so that 59.6 minutes read "1 h", not "60 min". */
  if (llround (seconds / 60.0) < 60)
    {
      int minutes = (int)llround (seconds / 60.0);

      /* Translators: an interval in minutes, keep it short */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d min", "%d min", minutes), minutes);
    }

  if (llround (seconds / 3600.0) < 24)
    {
      int hours = (int)llround (seconds / 3600.0);

      /* Translators: an interval in hours, keep it short */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d h", "%d h", hours), hours);
    }

  days = seconds / (double)SECONDS_PER_DAY;
  if (llround (days) < 30)
    /* Translators: an interval in days, keep it short */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d d", "%d d", (gulong)llround (days)), (int)llround (days));

  if (llround (days) < 365)
    {
      double months = round (days / (365.0 / 12.0) * 10.0) / 10.0;

      if (months == floor (months))
        /* Translators: an interval in months, keep it short */
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d mo", "%d mo", (gulong)months), (int)months);

      /* Translators: an interval in months with one decimal, keep it short */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%.1f mo", "%.1f mo", (gulong)ceil (months)), months);
    }

  {
    double years = round (days / 365.0 * 10.0) / 10.0;

    if (years == floor (years))
      /* Translators: an interval in years, keep it short */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d y", "%d y", (gulong)years), (int)years);

    /* Translators: an interval in years with one decimal, keep it short */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%.1f y", "%.1f y", (gulong)ceil (years)), years);
  }
}

/**
 * rh_scheduler_get_answer_leech:
 * @log_id: an answer's review_log row
 *
 * Whether that answer made its card a leech: it was forgotten for the
 * leech-threshold'th time (or every half as many again) and this
 * scheduler suspended it and tagged it "leech" in the same transaction.
 * Undoing the answer takes that back too, and this is %FALSE again.
 */
gboolean
rh_scheduler_get_answer_leech (RhScheduler *self,
                               gint64       log_id)
{
  g_return_val_if_fail (RH_IS_SCHEDULER (self), FALSE);

  return g_hash_table_contains (self->leeches, &log_id);
}
