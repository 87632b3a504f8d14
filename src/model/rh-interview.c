/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rh-interview"

#include "config.h"

#include <glib/gi18n.h>

#include "rh-interview.h"
#include "rh-interview-planner.h"
#include "rh-interview-store.h"

/* The planner chooses the questions; the store writes each change as it
 * happens. No timer counts: the active time before the running stretch is
 * kept and the stretch is read from the monotonic clock on demand. Only
 * amounts of time are saved: monotonic stamps mean nothing after a restart. */
struct _RhInterview
{
  GObject              parent_instance;

  /* Owned */
  RhScheduler         *scheduler;
  RhInterviewTemplate *template;      /* a snapshot, edits elsewhere do not reach it */
  RhInterviewPlanner  *planner;
  RhInterviewQuestion  question;      /* being asked; no card before the start or at the end */
  char                *notes;

  /* Borrowed */
  RhDatabase          *database;
  RhClock             *clock;

  guint64              seed;
  gint64               session_id;
  RhInterviewState     state;
  RhInterviewState     state_before_pause;
  guint                n_answered;

  /* Wall-clock microseconds: a date. */
  gint64               started_at_us;

  /* Monotonic microseconds. */
  gint64               resumed_at_us;       /* start of the running stretch */
  gint64               saved_at_us;

  /* Amounts, microseconds. */
  gint64               total_active_us;     /* before the running stretch */
  gint64               question_active_us;  /* likewise, for the current question */

  /* What was last notified, so that tick() only notifies changes. */
  gint64               shown_question_elapsed;
  gint64               shown_total_elapsed;
  guint                shown_overtime : 1;
  guint                shown_warning : 1;
  guint                shown_total_overtime : 1;
};

G_DEFINE_FINAL_TYPE (RhInterview, rh_interview, G_TYPE_OBJECT)

G_DEFINE_QUARK (rh-interview-error-quark, rh_interview_error)

G_DEFINE_ENUM_TYPE (RhInterviewState, rh_interview_state,
  G_DEFINE_ENUM_VALUE (RH_INTERVIEW_STATE_NOT_STARTED, "not-started"),
  G_DEFINE_ENUM_VALUE (RH_INTERVIEW_STATE_ASKING, "asking"),
  G_DEFINE_ENUM_VALUE (RH_INTERVIEW_STATE_REVEALED, "revealed"),
  G_DEFINE_ENUM_VALUE (RH_INTERVIEW_STATE_PAUSED, "paused"),
  G_DEFINE_ENUM_VALUE (RH_INTERVIEW_STATE_FINISHED, "finished"))

enum {
  PROP_0,
  PROP_SCHEDULER,
  PROP_TEMPLATE,
  PROP_SEED,
  PROP_SESSION_ID,
  PROP_STATE,
  PROP_CURRENT_CARD,
  PROP_QUESTION_INDEX,
  PROP_N_QUESTIONS,
  PROP_N_ANSWERED,
  PROP_FOLLOW_UP_DEPTH,
  PROP_QUESTION_BUDGET,
  PROP_QUESTION_ELAPSED,
  PROP_QUESTION_REMAINING,
  PROP_TOTAL_BUDGET,
  PROP_TOTAL_ELAPSED,
  PROP_TOTAL_REMAINING,
  PROP_OVERTIME,
  PROP_WARNING,
  PROP_TOTAL_OVERTIME,
  PROP_NOTES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Timing is saved this often while running, so a crash loses little. */
#define SAVE_INTERVAL_US (15 * G_USEC_PER_SEC)

/* Monotonic: for how long, never for when. */
static gint64
now_us (RhInterview *self)
{
  return rh_clock_get_monotonic (self->clock);
}

static gboolean
is_running (RhInterview *self)
{
  return self->state == RH_INTERVIEW_STATE_ASKING || self->state == RH_INTERVIEW_STATE_REVEALED;
}

static gint64
running_us (RhInterview *self,
            gint64       now)
{
  return is_running (self) ? MAX (now - self->resumed_at_us, 0) : 0;
}

static gint64
question_elapsed_us (RhInterview *self,
                     gint64       now)
{
  return self->question_active_us + running_us (self, now);
}

static gint64
total_elapsed_us (RhInterview *self,
                  gint64       now)
{
  return self->total_active_us + running_us (self, now);
}

static gboolean
has_question (RhInterview *self)
{
  return self->question.card != NULL && self->state != RH_INTERVIEW_STATE_FINISHED;
}

static gboolean
overtime_at (RhInterview *self,
             gint64       now)
{
  return has_question (self) &&
         question_elapsed_us (self, now) > (gint64)self->question.budget * G_USEC_PER_SEC;
}

/* The last fifth of the budget, before it runs out. */
static gboolean
warning_at (RhInterview *self,
            gint64       now)
{
  gint64 budget_us = (gint64)self->question.budget * G_USEC_PER_SEC;

  return has_question (self) && !overtime_at (self, now) &&
         question_elapsed_us (self, now) * 5 >= budget_us * 4;
}

static guint
total_budget (RhInterview *self)
{
  return rh_interview_planner_get_total_budget (self->planner);
}

static gboolean
total_overtime_at (RhInterview *self,
                   gint64       now)
{
  return total_elapsed_us (self, now) > (gint64)total_budget (self) * G_USEC_PER_SEC;
}

/* Moves the running stretch into the accumulated times. */
static void
fold_time (RhInterview *self,
           gint64       now)
{
  gint64 stretch = running_us (self, now);

  self->total_active_us += stretch;
  self->question_active_us += stretch;
  self->resumed_at_us = now;
}

static void
notify (RhInterview *self,
        guint        prop_id)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
notify_timing (RhInterview *self)
{
  gint64 now = now_us (self);
  gint64 question_elapsed = has_question (self) ? question_elapsed_us (self, now) / G_USEC_PER_SEC : 0;
  gint64 total_elapsed = total_elapsed_us (self, now) / G_USEC_PER_SEC;
  gboolean overtime = overtime_at (self, now);
  gboolean warning = warning_at (self, now);
  gboolean total_overtime = total_overtime_at (self, now);

  if (question_elapsed != self->shown_question_elapsed)
    {
      self->shown_question_elapsed = question_elapsed;
      notify (self, PROP_QUESTION_ELAPSED);
      notify (self, PROP_QUESTION_REMAINING);
    }

  if (total_elapsed != self->shown_total_elapsed)
    {
      self->shown_total_elapsed = total_elapsed;
      notify (self, PROP_TOTAL_ELAPSED);
      notify (self, PROP_TOTAL_REMAINING);
    }

  if (overtime != self->shown_overtime)
    {
      self->shown_overtime = overtime;
      notify (self, PROP_OVERTIME);
    }

  if (warning != self->shown_warning)
    {
      self->shown_warning = warning;
      notify (self, PROP_WARNING);
    }

  if (total_overtime != self->shown_total_overtime)
    {
      self->shown_total_overtime = total_overtime;
      notify (self, PROP_TOTAL_OVERTIME);
    }
}

static void
set_state (RhInterview      *self,
           RhInterviewState  state)
{
  if (self->state == state)
    return;

  self->state = state;
  notify (self, PROP_STATE);
}

/* Makes @next current, taking its card; the caller has saved it. */
static void
set_question (RhInterview         *self,
              RhInterviewQuestion *next,
              gint64               now)
{
  g_auto(RhInterviewQuestion) old = self->question;

  g_object_freeze_notify (G_OBJECT (self));

  fold_time (self, now);
  self->question_active_us = 0;
  self->question = *next;
  next->card = NULL;

  if (self->question.card != NULL)
    rh_interview_planner_mark_asked (self->planner, rh_card_get_row_id (self->question.card));

  if (self->question.card != old.card)
    notify (self, PROP_CURRENT_CARD);
  if (self->question.index != old.index)
    notify (self, PROP_QUESTION_INDEX);
  if (self->question.depth != old.depth)
    notify (self, PROP_FOLLOW_UP_DEPTH);
  if (self->question.budget != old.budget)
    {
      notify (self, PROP_QUESTION_BUDGET);
      notify (self, PROP_QUESTION_REMAINING);
    }

  if (*self->notes != '\0')
    {
      g_free (self->notes);
      self->notes = g_strdup ("");
      notify (self, PROP_NOTES);
    }

  set_state (self, self->question.card ? RH_INTERVIEW_STATE_ASKING : RH_INTERVIEW_STATE_FINISHED);
  notify_timing (self);

  g_object_thaw_notify (G_OBJECT (self));
}

/* What is saved at @now (monotonic) in @state, for a question just
 * come. The pauses are what the wall clock says went by beyond the active
 * time: the only measure across a restart. */
static RhInterviewProgress
progress_at (RhInterview      *self,
             RhInterviewState  state,
             gint64            now)
{
  gint64 wall = rh_clock_get_now (self->clock);
  gint64 total_ms = total_elapsed_us (self, now) / 1000;

  return (RhInterviewProgress) {
    .finished = state == RH_INTERVIEW_STATE_FINISHED,
    .paused = state == RH_INTERVIEW_STATE_PAUSED,
    .notes = "",
    .total_ms = total_ms,
    .paused_ms = MAX (wall - self->started_at_us, 0) / 1000 - total_ms,
    .saved_at = wall / G_USEC_PER_SEC,
  };
}

/* Saves the current question as it is at @now, in @state; a paused
 * question keeps whether its answer was shown. */
static gboolean
save (RhInterview       *self,
      RhInterviewState   state,
      gint64             now,
      GError           **error)
{
  RhInterviewState shown = state == RH_INTERVIEW_STATE_PAUSED ? self->state_before_pause : state;
  RhInterviewProgress progress = progress_at (self, state, now);

  progress.revealed = shown == RH_INTERVIEW_STATE_REVEALED;
  progress.notes = self->notes;
  progress.question_ms = question_elapsed_us (self, now) / 1000;
  if (!rh_interview_store_save (self->database, self->session_id, &self->question, &progress, error))
    return FALSE;

  self->saved_at_us = now;

  return TRUE;
}

/* Records the current question, rated or (@rating 0) skipped, and moves
 * on; with @ending, to the end. Nothing changes when it fails. */
static gboolean
answer (RhInterview  *self,
        RhRating      rating,
        gboolean      ending,
        GError      **error)
{
  g_auto(RhInterviewQuestion) next = { NULL, };
  g_autofree char *title = NULL;
  const RhInterviewQuestion *q = &self->question;
  RhCard *card = q->card;
  RhInterviewProgress progress;
  RhInterviewAnswer given;
  gint64 now = now_us (self);
  gint64 spent_us = question_elapsed_us (self, now);
  gint64 log_id = 0;

  g_assert (card != NULL);

  /* The review's date is the scheduler's: wall-clock time. */
  if (rating != 0 && rh_interview_template_get_counts_toward_schedule (self->template) &&
      !rh_scheduler_answer (self->scheduler, rh_card_get_row_id (card), rating, spent_us / 1000,
                            RH_REVIEW_SOURCE_INTERVIEW, &log_id, error))
    return FALSE;

  if (ending)
    {
      next.index = q->index;
      next.next_planned = q->next_planned;
    }
  else if (!rh_interview_planner_next (self->planner, q, rating >= RH_RATING_GOOD, &next, error))
    goto undo;

  title = rh_card_dup_title (card);
  given = (RhInterviewAnswer) {
    .position = self->n_answered, .question_index = q->index, .depth = q->depth, .parent_id = q->parent_answer_id,
    .card_id = rh_card_get_row_id (card), .title = title, .topic = (char *)rh_card_get_topic (card),
    .kind = rh_card_get_kind (card), .budget_seconds = q->budget, .spent_ms = spent_us / 1000,
    .overtime = spent_us > (gint64)q->budget * G_USEC_PER_SEC, .rating = rating, .skipped = rating == 0,
    .notes = self->notes, .answered_at = rh_clock_get_now_seconds (self->clock),
  };

  progress = progress_at (self, next.card ? RH_INTERVIEW_STATE_ASKING : RH_INTERVIEW_STATE_FINISHED, now);
  if (!rh_interview_store_commit_answer (self->database, self->session_id, &given, log_id,
                                         &next, &progress, error))
    goto undo;

  self->saved_at_us = now;
  self->n_answered++;
  notify (self, PROP_N_ANSWERED);
  set_question (self, &next, now);

  return TRUE;

undo:
  if (log_id > 0)
    rh_scheduler_undo (self->scheduler, log_id, NULL);
  return FALSE;
}

static RhInterview *
create (RhScheduler         *scheduler,
        RhInterviewTemplate *template,
        guint64              seed)
{
  g_autoptr(RhInterviewTemplate) snapshot = rh_interview_template_copy (template, NULL);

  return g_object_new (RH_TYPE_INTERVIEW,
                       "scheduler", scheduler,
                       "template", snapshot,
                       "seed", seed,
                       NULL);
}

static void
clock_notify_now_cb (RhInterview *self,
                     GParamSpec  *pspec,
                     RhClock     *clock)
{
  rh_interview_tick (self);
}

static void
rh_interview_constructed (GObject *object)
{
  RhInterview *self = (RhInterview *)object;

  G_OBJECT_CLASS (rh_interview_parent_class)->constructed (object);

  g_assert (RH_IS_SCHEDULER (self->scheduler));
  g_assert (RH_IS_INTERVIEW_TEMPLATE (self->template));

  self->database = rh_scheduler_get_database (self->scheduler);
  self->clock = rh_database_get_clock (self->database);

  self->planner = rh_interview_planner_new (self->scheduler, self->template, self->seed);

  /* A fake clock's wall-clock step notifies too; the tick then finds no
   * time passed. */
  g_signal_connect_object (self->clock, "notify::now",
                           G_CALLBACK (clock_notify_now_cb), self,
                           G_CONNECT_SWAPPED);
}

static void
rh_interview_dispose (GObject *object)
{
  RhInterview *self = (RhInterview *)object;

  if (self->clock != NULL)
    g_signal_handlers_disconnect_by_func (self->clock, clock_notify_now_cb, self);

  rh_interview_question_clear (&self->question);
  g_clear_object (&self->planner);
  g_clear_object (&self->template);
  g_clear_object (&self->scheduler);
  self->database = NULL;
  self->clock = NULL;

  G_OBJECT_CLASS (rh_interview_parent_class)->dispose (object);
}

static void
rh_interview_finalize (GObject *object)
{
  RhInterview *self = (RhInterview *)object;

  g_clear_pointer (&self->notes, g_free);

  G_OBJECT_CLASS (rh_interview_parent_class)->finalize (object);
}

static void
rh_interview_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  RhInterview *self = RH_INTERVIEW (object);

  switch (prop_id)
    {
    case PROP_SCHEDULER:
      g_value_set_object (value, self->scheduler);
      break;

    case PROP_TEMPLATE:
      g_value_set_object (value, self->template);
      break;

    case PROP_SEED:
      g_value_set_uint64 (value, self->seed);
      break;

    case PROP_SESSION_ID:
      g_value_set_int64 (value, self->session_id);
      break;

    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;

    case PROP_CURRENT_CARD:
      g_value_set_object (value, self->question.card);
      break;

    case PROP_QUESTION_INDEX:
      g_value_set_uint (value, self->question.index);
      break;

    case PROP_N_QUESTIONS:
      g_value_set_uint (value, rh_interview_get_n_questions (self));
      break;

    case PROP_N_ANSWERED:
      g_value_set_uint (value, self->n_answered);
      break;

    case PROP_FOLLOW_UP_DEPTH:
      g_value_set_uint (value, self->question.depth);
      break;

    case PROP_QUESTION_BUDGET:
      g_value_set_uint (value, rh_interview_get_question_budget (self));
      break;

    case PROP_QUESTION_ELAPSED:
      g_value_set_int64 (value, rh_interview_get_question_elapsed (self));
      break;

    case PROP_QUESTION_REMAINING:
      g_value_set_int64 (value, rh_interview_get_question_remaining (self));
      break;

    case PROP_TOTAL_BUDGET:
      g_value_set_uint (value, total_budget (self));
      break;

    case PROP_TOTAL_ELAPSED:
      g_value_set_int64 (value, rh_interview_get_total_elapsed (self));
      break;

    case PROP_TOTAL_REMAINING:
      g_value_set_int64 (value, rh_interview_get_total_remaining (self));
      break;

    case PROP_OVERTIME:
      g_value_set_boolean (value, rh_interview_get_overtime (self));
      break;

    case PROP_WARNING:
      g_value_set_boolean (value, rh_interview_get_warning (self));
      break;

    case PROP_TOTAL_OVERTIME:
      g_value_set_boolean (value, rh_interview_get_total_overtime (self));
      break;

    case PROP_NOTES:
      g_value_set_string (value, self->notes);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rh_interview_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  RhInterview *self = RH_INTERVIEW (object);

  switch (prop_id)
    {
    case PROP_SCHEDULER:
      self->scheduler = g_value_dup_object (value);
      break;

    case PROP_TEMPLATE:
      self->template = g_value_dup_object (value);
      break;

    case PROP_SEED:
      self->seed = g_value_get_uint64 (value);
      break;

    case PROP_NOTES:
      rh_interview_set_notes (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rh_interview_class_init (RhInterviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags readable = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = rh_interview_constructed;
  object_class->dispose = rh_interview_dispose;
  object_class->finalize = rh_interview_finalize;
  object_class->get_property = rh_interview_get_property;
  object_class->set_property = rh_interview_set_property;

  properties[PROP_SCHEDULER] =
    g_param_spec_object ("scheduler", NULL, NULL, RH_TYPE_SCHEDULER,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_TEMPLATE] =
    g_param_spec_object ("template", NULL, NULL, RH_TYPE_INTERVIEW_TEMPLATE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SEED] =
    g_param_spec_uint64 ("seed", NULL, NULL, 0, G_MAXUINT64, 0,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SESSION_ID] =
    g_param_spec_int64 ("session-id", NULL, NULL, 0, G_MAXINT64, 0, readable);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, RH_TYPE_INTERVIEW_STATE, RH_INTERVIEW_STATE_NOT_STARTED, readable);
  properties[PROP_CURRENT_CARD] =
    g_param_spec_object ("current-card", NULL, NULL, RH_TYPE_CARD, readable);
  properties[PROP_QUESTION_INDEX] =
    g_param_spec_uint ("question-index", NULL, NULL, 0, G_MAXUINT, 0, readable);
  properties[PROP_N_QUESTIONS] =
    g_param_spec_uint ("n-questions", NULL, NULL, 0, G_MAXUINT, 0, readable);
  properties[PROP_N_ANSWERED] =
    g_param_spec_uint ("n-answered", NULL, NULL, 0, G_MAXUINT, 0, readable);
  properties[PROP_FOLLOW_UP_DEPTH] =
    g_param_spec_uint ("follow-up-depth", NULL, NULL, 0, G_MAXUINT, 0, readable);
  properties[PROP_QUESTION_BUDGET] =
    g_param_spec_uint ("question-budget", NULL, NULL, 0, G_MAXUINT, 0, readable);
  properties[PROP_QUESTION_ELAPSED] =
    g_param_spec_int64 ("question-elapsed", NULL, NULL, 0, G_MAXINT64, 0, readable);
  properties[PROP_QUESTION_REMAINING] =
    g_param_spec_int64 ("question-remaining", NULL, NULL, G_MININT64, G_MAXINT64, 0, readable);
  properties[PROP_TOTAL_BUDGET] =
    g_param_spec_uint ("total-budget", NULL, NULL, 0, G_MAXUINT, 0, readable);
  properties[PROP_TOTAL_ELAPSED] =
    g_param_spec_int64 ("total-elapsed", NULL, NULL, 0, G_MAXINT64, 0, readable);
  properties[PROP_TOTAL_REMAINING] =
    g_param_spec_int64 ("total-remaining", NULL, NULL, G_MININT64, G_MAXINT64, 0, readable);
  properties[PROP_OVERTIME] =
    g_param_spec_boolean ("overtime", NULL, NULL, FALSE, readable);
  properties[PROP_WARNING] =
    g_param_spec_boolean ("warning", NULL, NULL, FALSE, readable);
  properties[PROP_TOTAL_OVERTIME] =
    g_param_spec_boolean ("total-overtime", NULL, NULL, FALSE, readable);
  properties[PROP_NOTES] =
    g_param_spec_string ("notes", NULL, NULL, "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rh_interview_init (RhInterview *self)
{
  self->notes = g_strdup ("");
  self->state = RH_INTERVIEW_STATE_NOT_STARTED;
}

/**
 * rh_interview_new:
 *
 * Chooses the questions with a random seed.
 *
 * Returns: (transfer full) (nullable): a session not started yet, or
 *   %NULL with %RH_INTERVIEW_ERROR_NO_QUESTIONS when no card fits
 */
RhInterview *
rh_interview_new (RhScheduler          *scheduler,
                  RhInterviewTemplate  *template,
                  GError              **error)
{
  guint64 seed = ((guint64)g_random_int () << 32) | g_random_int ();

  return rh_interview_new_with_seed (scheduler, template, seed, error);
}

/**
 * rh_interview_new_with_seed:
 * @seed: the same seed over the same cards and review state gives the
 *   same questions
 *
 * Returns: (transfer full) (nullable): a session not started yet
 */
RhInterview *
rh_interview_new_with_seed (RhScheduler          *scheduler,
                            RhInterviewTemplate  *template,
                            guint64               seed,
                            GError              **error)
{
  g_autoptr(RhInterview) self = NULL;

  g_return_val_if_fail (RH_IS_SCHEDULER (scheduler), NULL);
  g_return_val_if_fail (RH_IS_INTERVIEW_TEMPLATE (template), NULL);

  self = create (scheduler, template, seed);

  if (!rh_interview_planner_choose (self->planner, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * rh_interview_new_for_cards:
 * @card_ids: (array length=n_cards): row ids, in the order to ask them
 *
 * Returns: (transfer full) (nullable): a session not started yet
 */
RhInterview *
rh_interview_new_for_cards (RhScheduler          *scheduler,
                            RhInterviewTemplate  *template,
                            const gint64         *card_ids,
                            guint                 n_cards,
                            GError              **error)
{
  g_autoptr(RhInterview) self = NULL;

  g_return_val_if_fail (RH_IS_SCHEDULER (scheduler), NULL);
  g_return_val_if_fail (RH_IS_INTERVIEW_TEMPLATE (template), NULL);
  g_return_val_if_fail (card_ids != NULL || n_cards == 0, NULL);

  self = create (scheduler, template, 0);
  if (!rh_interview_planner_add_cards (self->planner, card_ids, NULL, n_cards, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * rh_interview_new_retry:
 *
 * Returns: (transfer full) (nullable): a session not started yet, or
 *   %NULL with %RH_INTERVIEW_ERROR_NO_QUESTIONS when nothing was weak
 *   (see rh_interview_answer_is_weak())
 */
RhInterview *
rh_interview_new_retry (RhScheduler  *scheduler,
                        gint64        session_id,
                        GError      **error)
{
  g_autoptr(RhInterviewReport) report = NULL;
  g_autoptr(RhInterviewTemplate) template = NULL;
  g_autoptr(RhInterview) self = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (RH_IS_SCHEDULER (scheduler), NULL);

  if (!(report = rh_interview_report_load (rh_scheduler_get_database (scheduler), session_id, error)))
    return NULL;

  /* Translators: the name of a session that asks again the questions
   * answered poorly in a session of the template named %s. */
  name = g_strdup_printf (_("Retry: %s"), rh_interview_report_get_template_name (report));
  template = rh_interview_template_new ("retry", name);
  rh_interview_template_set_follow_up_depth (template, 0);
  rh_interview_template_set_counts_toward_schedule (template,
                                                    rh_interview_report_get_counts_toward_schedule (report));

  self = create (scheduler, template, 0);
  if (!rh_interview_planner_add_weak (self->planner, report, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * rh_interview_restore:
 *
 * Reopens an unfinished session, paused, at the question it was on, with
 * the time saved last; rh_interview_resume() goes on.
 *
 * Returns: (transfer full) (nullable): the session
 */
RhInterview *
rh_interview_restore (RhScheduler  *scheduler,
                      gint64        session_id,
                      GError      **error)
{
  g_auto(RhInterviewSavedSession) saved = { NULL, };
  g_autoptr(RhInterviewTemplate) template = NULL;
  g_autoptr(RhInterview) self = NULL;
  gboolean moved_on;
  gint64 now;

  g_return_val_if_fail (RH_IS_SCHEDULER (scheduler), NULL);

  if (!rh_interview_store_load (rh_scheduler_get_database (scheduler), session_id, &saved, error))
    return NULL;

  if (!(template = rh_interview_template_new_from_json (saved.template_json, error)))
    return NULL;

  self = create (scheduler, template, saved.seed);
  self->session_id = session_id;
  self->started_at_us = saved.started_at * G_USEC_PER_SEC;
  self->total_active_us = saved.total_ms * 1000;
  self->question_active_us = saved.question_ms * 1000;
  rh_interview_set_notes (self, saved.notes);

  self->n_answered = saved.answered->len;
  self->question = saved.question;
  if (!rh_interview_planner_restore (self->planner, saved.plan_json,
                                     (const gint64 *)(gpointer)saved.answered->data, saved.answered->len,
                                     saved.card_id, &self->question, &moved_on, error))
    return NULL;
  if (moved_on)
    self->question_active_us = 0;

  now = now_us (self);
  self->resumed_at_us = now;
  self->saved_at_us = now;
  self->state = RH_INTERVIEW_STATE_PAUSED;
  self->state_before_pause = saved.revealed ? RH_INTERVIEW_STATE_REVEALED : RH_INTERVIEW_STATE_ASKING;

  /* The time it was closed counts as paused from here on. */
  if (!save (self, RH_INTERVIEW_STATE_PAUSED, now, error))
    return NULL;

  /* Nobody listens yet: this only remembers what is shown. */
  notify_timing (self);

  return g_steal_pointer (&self);
}

/**
 * rh_interview_get_scheduler:
 *
 * Returns: (transfer none): the scheduler
 */
RhScheduler *
rh_interview_get_scheduler (RhInterview *self)
{
  g_return_val_if_fail (RH_IS_INTERVIEW (self), NULL);
  return self->scheduler;
}

/**
 * rh_interview_get_template:
 *
 * Returns: (transfer none): the session's own copy of its template
 */
RhInterviewTemplate *
rh_interview_get_template (RhInterview *self)
{
  g_return_val_if_fail (RH_IS_INTERVIEW (self), NULL);
  return self->template;
}

guint64
rh_interview_get_seed (RhInterview *self)
{
  g_return_val_if_fail (RH_IS_INTERVIEW (self), 0);
  return self->seed;
}

gint64
rh_interview_get_session_id (RhInterview *self)
{
  g_return_val_if_fail (RH_IS_INTERVIEW (self), 0);
  return self->session_id;
}

RhInterviewState
rh_interview_get_state (RhInterview *self)
{
  g_return_val_if_fail (RH_IS_INTERVIEW (self), RH_INTERVIEW_STATE_NOT_STARTED);
  return self->state;
}

/**
 * rh_interview_get_current_card:
 *
 * Returns: (transfer none) (nullable): the question being asked
 */
RhCard *
rh_interview_get_current_card (RhInterview *self)
{
  g_return_val_if_fail (RH_IS_INTERVIEW (self), NULL);
  return self->question.card;
}

guint
rh_interview_get_question_index (RhInterview *self)
{
  g_return_val_if_fail (RH_IS_INTERVIEW (self), 0);
  return self->question.index;
}

guint
rh_interview_get_n_questions (RhInterview *self)
{
  g_return_val_if_fail (RH_IS_INTERVIEW (self), 0);
  return rh_interview_planner_get_n_planned (self->planner);
}

guint
rh_interview_get_n_answered (RhInterview *self)
{
  g_return_val_if_fail (RH_IS_INTERVIEW (self), 0);
  return self->n_answered;
}

guint
rh_interview_get_follow_up_depth (RhInterview *self)
{
  g_return_val_if_fail (RH_IS_INTERVIEW (self), 0);
  return self->question.depth;
}

/**
 * rh_interview_get_plan:
 * @n_cards: (out): the length
 *
 * Returns: (transfer none) (array length=n_cards): the planned card ids
 */
const gint64 *
rh_interview_get_plan (RhInterview *self,
                       guint       *n_cards)
{
  g_return_val_if_fail (RH_IS_INTERVIEW (self), NULL);
  g_return_val_if_fail (n_cards != NULL, NULL);

  return rh_interview_planner_get_plan (self->planner, n_cards);
}

/* 0 when no question is being asked. */
guint
rh_interview_get_question_budget (RhInterview *self)
{
  g_return_val_if_fail (RH_IS_INTERVIEW (self), 0);
  return has_question (self) ? self->question.budget : 0;
}

gint64
rh_interview_get_question_elapsed (RhInterview *self)
{
  g_return_val_if_fail (RH_IS_INTERVIEW (self), 0);

  if (!has_question (self))
    return 0;

  return question_elapsed_us (self, now_us (self)) / G_USEC_PER_SEC;
}

gint64
rh_interview_get_question_remaining (RhInterview *self)
{
  g_return_val_if_fail (RH_IS_INTERVIEW (self), 0);

  return (gint64)rh_interview_get_question_budget (self) - rh_interview_get_question_elapsed (self);
}

guint
rh_interview_get_total_budget (RhInterview *self)
{
  g_return_val_if_fail (RH_IS_INTERVIEW (self), 0);
  return total_budget (self);
}

gint64
rh_interview_get_total_elapsed (RhInterview *self)
{
  g_return_val_if_fail (RH_IS_INTERVIEW (self), 0);
  return total_elapsed_us (self, now_us (self)) / G_USEC_PER_SEC;
}

gint64
rh_interview_get_total_remaining (RhInterview *self)
{
  g_return_val_if_fail (RH_IS_INTERVIEW (self), 0);
  return (gint64)total_budget (self) - rh_interview_get_total_elapsed (self);
}

gboolean
rh_interview_get_overtime (RhInterview *self)
{
  g_return_val_if_fail (RH_IS_INTERVIEW (self), FALSE);
  return overtime_at (self, now_us (self));
}

gboolean
rh_interview_get_warning (RhInterview *self)
{
  g_return_val_if_fail (RH_IS_INTERVIEW (self), FALSE);
  return warning_at (self, now_us (self));
}

gboolean
rh_interview_get_total_overtime (RhInterview *self)
{
  g_return_val_if_fail (RH_IS_INTERVIEW (self), FALSE);
  return total_overtime_at (self, now_us (self));
}

const char *
rh_interview_get_notes (RhInterview *self)
{
  g_return_val_if_fail (RH_IS_INTERVIEW (self), NULL);
  return self->notes;
}

/* Kept with the question; saved with the next save or answer. */
void
rh_interview_set_notes (RhInterview *self,
                        const char  *notes)
{
  g_return_if_fail (RH_IS_INTERVIEW (self));

  if (notes == NULL)
    notes = "";

  if (g_strcmp0 (self->notes, notes) == 0)
    return;

  g_free (self->notes);
  self->notes = g_strdup (notes);
  notify (self, PROP_NOTES);
}
gboolean
rh_interview_start (RhInterview  *self,
                    GError      **error)
{
  g_auto(RhInterviewQuestion) first = { NULL, };
  g_autofree char *template = NULL;
  g_autofree char *plan = NULL;
  RhInterviewProgress progress;
  gint64 now, session_id;

  g_return_val_if_fail (RH_IS_INTERVIEW (self), FALSE);
  g_return_val_if_fail (self->state == RH_INTERVIEW_STATE_NOT_STARTED, FALSE);

  now = now_us (self);

  if (!rh_interview_planner_next (self->planner, &self->question, FALSE, &first, error))
    return FALSE;
  if (first.card == NULL)
    {
      g_set_error (error, RH_INTERVIEW_ERROR, RH_INTERVIEW_ERROR_NO_QUESTIONS,
                   _("The cards of this interview were deleted or suspended"));
      return FALSE;
    }

  template = rh_interview_template_to_json (self->template);
  plan = rh_interview_planner_dup_plan_json (self->planner);
  self->started_at_us = rh_clock_get_now (self->clock);
  progress = progress_at (self, RH_INTERVIEW_STATE_ASKING, now);
  if (!(session_id = rh_interview_store_insert_session (self->database, template, self->seed, plan,
                                                        total_budget (self), &first, &progress, error)))
    return FALSE;

  self->session_id = session_id;
  self->saved_at_us = now;
  self->resumed_at_us = now;
  self->total_active_us = 0;

  g_object_freeze_notify (G_OBJECT (self));
  notify (self, PROP_SESSION_ID);
  set_question (self, &first, now);
  g_object_thaw_notify (G_OBJECT (self));

  return TRUE;
}

gboolean
rh_interview_reveal (RhInterview  *self,
                     GError      **error)
{
  gint64 now;

  g_return_val_if_fail (RH_IS_INTERVIEW (self), FALSE);
  g_return_val_if_fail (self->state == RH_INTERVIEW_STATE_ASKING, FALSE);

  now = now_us (self);
  if (!save (self, RH_INTERVIEW_STATE_REVEALED, now, error))
    return FALSE;

  set_state (self, RH_INTERVIEW_STATE_REVEALED);
  notify_timing (self);

  return TRUE;
}

gboolean
rh_interview_rate (RhInterview  *self,
                   RhRating      rating,
                   const char   *notes,
                   GError      **error)
{
  g_return_val_if_fail (RH_IS_INTERVIEW (self), FALSE);
  g_return_val_if_fail (rh_fsrs_rating_is_valid (rating), FALSE);
  g_return_val_if_fail (is_running (self), FALSE);

  if (notes != NULL)
    rh_interview_set_notes (self, notes);

  return answer (self, rating, FALSE, error);
}

gboolean
rh_interview_skip (RhInterview  *self,
                   GError      **error)
{
  g_return_val_if_fail (RH_IS_INTERVIEW (self), FALSE);
  g_return_val_if_fail (is_running (self), FALSE);

  return answer (self, 0, FALSE, error);
}

gboolean
rh_interview_pause (RhInterview  *self,
                    GError      **error)
{
  RhInterviewState before;
  gint64 now;

  g_return_val_if_fail (RH_IS_INTERVIEW (self), FALSE);
  g_return_val_if_fail (is_running (self), FALSE);

  now = now_us (self);
  before = self->state;
  fold_time (self, now);

  /* Paused from here even if saving fails: the time is kept. */
  self->state_before_pause = before;
  set_state (self, RH_INTERVIEW_STATE_PAUSED);
  notify_timing (self);

  return save (self, RH_INTERVIEW_STATE_PAUSED, now, error);
}

gboolean
rh_interview_resume (RhInterview  *self,
                     GError      **error)
{
  gint64 now;

  g_return_val_if_fail (RH_IS_INTERVIEW (self), FALSE);
  g_return_val_if_fail (self->state == RH_INTERVIEW_STATE_PAUSED, FALSE);

  now = now_us (self);
  self->resumed_at_us = now;
  set_state (self, self->state_before_pause);
  notify_timing (self);

  return save (self, self->state, now, error);
}

gboolean
rh_interview_end (RhInterview  *self,
                  GError      **error)
{
  g_return_val_if_fail (RH_IS_INTERVIEW (self), FALSE);
  g_return_val_if_fail (self->state != RH_INTERVIEW_STATE_FINISHED, FALSE);

  if (self->state == RH_INTERVIEW_STATE_NOT_STARTED)
    {
      set_state (self, RH_INTERVIEW_STATE_FINISHED);
      return TRUE;
    }

  return answer (self, 0, TRUE, error);
}

void
rh_interview_tick (RhInterview *self)
{
  g_autoptr(GError) error = NULL;
  gint64 now;

  g_return_if_fail (RH_IS_INTERVIEW (self));

  now = now_us (self);

  if (is_running (self) && rh_interview_template_get_auto_advance (self->template) &&
      question_elapsed_us (self, now) >= (gint64)self->question.budget * G_USEC_PER_SEC)
    {
      if (!answer (self, 0, FALSE, &error))
        g_warning ("Could not skip a question of the interview: %s", error->message);
      return;
    }

  if (is_running (self) && now - self->saved_at_us >= SAVE_INTERVAL_US &&
      !save (self, self->state, now, &error))
    g_warning ("Could not save the interview: %s", error->message);

  notify_timing (self);
}

/**
 * rh_interview_dup_report:
 *
 * Returns: (transfer full) (nullable): the report so far
 */
RhInterviewReport *
rh_interview_dup_report (RhInterview  *self,
                         GError      **error)
{
  g_return_val_if_fail (RH_IS_INTERVIEW (self), NULL);
  g_return_val_if_fail (self->session_id > 0, NULL);

  return rh_interview_report_load (self->database, self->session_id, error);
}