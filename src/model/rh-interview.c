/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rh-interview"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "rh-database-private.h"
#include "rh-deck-store.h"
#include "rh-interview.h"

/* The questions are chosen once, when the session is built, and kept in
 * the session row; follow-ups are decided as answers come in. Time is
 * never counted by a timer: the active time before the current running
 * stretch is kept, and the stretch is read from the clock on demand. */
struct _RhInterview
{
  GObject              parent_instance;

  /* Owned */
  RhScheduler         *scheduler;
  RhInterviewTemplate *template;      /* a snapshot, edits elsewhere do not reach it */
  GArray              *plan_ids;      /* gint64 card ids */
  GArray              *plan_seconds;  /* guint fixed budgets, 0 = none */
  GHashTable          *asked;         /* gint64 card ids, the current one included */
  RhCard              *current_card;
  char                *notes;

  /* Borrowed */
  RhDatabase          *database;
  RhClock             *clock;

  guint64              seed;
  gint64               session_id;
  RhInterviewState     state;
  RhInterviewState     state_before_pause;

  /* Clock microseconds. */
  gint64               started_at_us;
  gint64               resumed_at_us;       /* start of the running stretch */
  gint64               total_active_us;     /* before that stretch */
  gint64               question_active_us;  /* likewise, for the current question */
  gint64               saved_at_us;

  /* The current question. */
  guint                question_index;
  guint                depth;
  gint64               parent_answer_id;
  guint                question_budget;
  guint                next_planned;
  guint                n_answered;

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

/* Question choice, see the header. */
#define NEW_CARD_WEAKNESS 0.4
#define DUE_BONUS         0.5
#define MAX_JITTER        0.2

/* The SQL names of the states a session row can be in; a session that
 * is not started has no row. */
static const char * const state_names[] = {
  [RH_INTERVIEW_STATE_NOT_STARTED] = "asking",
  [RH_INTERVIEW_STATE_ASKING] = "asking",
  [RH_INTERVIEW_STATE_REVEALED] = "revealed",
  [RH_INTERVIEW_STATE_PAUSED] = "paused",
  [RH_INTERVIEW_STATE_FINISHED] = "finished",
};

#define UNFINISHED_STATES "('asking', 'revealed', 'paused')"

/* ?1 is the subtree's path; the root needs no join. */
#define SUBTREE_JOIN \
  " JOIN topic_closure tc ON tc.descendant_id = c.topic_id" \
  "  AND tc.ancestor_id = (SELECT id FROM topics WHERE path = ?1)"

#define CANDIDATES_SQL(join)                                                          \
  "SELECT c.id, c.kind, rs.state, coalesce(rs.stability, 0), rs.due,"                 \
  "  coalesce(rs.last_review, 0),"                                                    \
  "  EXISTS (SELECT 1 FROM follow_ups f WHERE f.card_id = c.id)"                      \
  " FROM cards c JOIN review_state rs ON rs.card_id = c.id" join                      \
  " WHERE c.suspended = 0 ORDER BY c.id;"

/* What comes after the current question; card NULL when nothing does. */
typedef struct
{
  RhCard *card;
  guint   index;
  guint   depth;
  gint64  parent_answer_id;
  guint   budget;
  guint   next_planned;
} Question;

static void
question_clear (Question *question)
{
  g_clear_object (&question->card);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Question, question_clear)

typedef struct
{
  gint64 card_id;
  double score;
} Candidate;

/* splitmix64: a well-mixed hash, so the jitter of one card does not depend
 * on which other cards there are. */
static guint64
mix64 (guint64 x)
{
  x += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15);
  x = (x ^ (x >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  x = (x ^ (x >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);

  return x ^ (x >> 31);
}

static double
unit_hash (guint64 seed,
           guint64 value)
{
  return (mix64 (seed ^ mix64 (value)) >> 11) * (1.0 / 9007199254740992.0);
}

static gint64
now_us (RhInterview *self)
{
  return rh_clock_get_now (self->clock);
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
  return self->current_card != NULL && self->state != RH_INTERVIEW_STATE_FINISHED;
}

static gboolean
overtime_at (RhInterview *self,
             gint64       now)
{
  return has_question (self) &&
         question_elapsed_us (self, now) > (gint64)self->question_budget * G_USEC_PER_SEC;
}

/* The last fifth of the budget, before it runs out. */
static gboolean
warning_at (RhInterview *self,
            gint64       now)
{
  gint64 budget_us = (gint64)self->question_budget * G_USEC_PER_SEC;

  return has_question (self) && !overtime_at (self, now) &&
         question_elapsed_us (self, now) * 5 >= budget_us * 4;
}

static guint
total_budget (RhInterview *self)
{
  return rh_interview_template_get_total_minutes (self->template) * 60;
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

static gboolean
asked (RhInterview *self,
       gint64       card_id)
{
  return g_hash_table_contains (self->asked, &card_id);
}

static void
add_asked (RhInterview *self,
           gint64       card_id)
{
  g_hash_table_add (self->asked, g_memdup2 (&card_id, sizeof card_id));
}

static guint
card_budget (RhInterview *self,
             RhCard      *card,
             guint        fixed)
{
  if (fixed > 0)
    return fixed;
  if (rh_card_get_seconds (card) > 0)
    return rh_card_get_seconds (card);

  return rh_interview_template_get_question_seconds (self->template);
}

/* A card that can be asked: still there and not suspended. Sets *card to
 * NULL without an error when it cannot. */
static gboolean
dup_askable (RhInterview  *self,
             gint64        card_id,
             const char   *uid,
             RhCard      **card,
             GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(RhCard) found = NULL;

  *card = NULL;

  if (uid != NULL)
    found = rh_deck_store_dup_card_by_uid (self->database, uid, &local_error);
  else
    found = rh_deck_store_dup_card (self->database, card_id, &local_error);

  if (found == NULL)
    {
      if (g_error_matches (local_error, RH_DATABASE_ERROR, RH_DATABASE_ERROR_NOT_FOUND))
        return TRUE;

      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (!rh_card_get_suspended (found))
    *card = g_steal_pointer (&found);

  return TRUE;
}

static gboolean
planned_later (RhInterview *self,
               gint64       card_id)
{
  for (guint i = self->next_planned; i < self->plan_ids->len; i++)
    if (g_array_index (self->plan_ids, gint64, i) == card_id)
      return TRUE;

  return FALSE;
}

/* The first follow-up of the current card that can be asked, if the chain
 * may go deeper. */
static gboolean
find_follow_up (RhInterview  *self,
                gint64        answer_id,
                Question     *next,
                GError      **error)
{
  const char * const *follow_ups;

  if (self->current_card == NULL ||
      self->depth >= rh_interview_template_get_follow_up_depth (self->template))
    return TRUE;

  follow_ups = rh_card_get_follow_ups (self->current_card);
  for (guint i = 0; follow_ups && follow_ups[i]; i++)
    {
      g_autoptr(RhCard) card = NULL;
      gint64 card_id;

      if (!dup_askable (self, 0, follow_ups[i], &card, error))
        return FALSE;
      if (card == NULL)
        continue;

      card_id = rh_card_get_row_id (card);
      if (asked (self, card_id) || planned_later (self, card_id))
        continue;

      next->budget = card_budget (self, card, 0);
      next->card = g_steal_pointer (&card);
      next->index = self->question_index;
      next->depth = self->depth + 1;
      next->parent_answer_id = answer_id;
      next->next_planned = self->next_planned;
      return TRUE;
    }

  return TRUE;
}

static gboolean
find_planned (RhInterview  *self,
              Question     *next,
              GError      **error)
{
  for (guint i = self->next_planned; i < self->plan_ids->len; i++)
    {
      g_autoptr(RhCard) card = NULL;
      gint64 card_id = g_array_index (self->plan_ids, gint64, i);

      if (asked (self, card_id))
        continue;
      if (!dup_askable (self, card_id, NULL, &card, error))
        return FALSE;
      if (card == NULL)
        continue;

      next->budget = card_budget (self, card, g_array_index (self->plan_seconds, guint, i));
      next->card = g_steal_pointer (&card);
      next->index = i;
      next->depth = 0;
      next->parent_answer_id = 0;
      next->next_planned = i + 1;
      return TRUE;
    }

  next->card = NULL;
  next->index = self->question_index;
  next->next_planned = self->plan_ids->len;

  return TRUE;
}

/* @follow: whether the chain goes on (rated Good or better). */
static gboolean
find_next (RhInterview  *self,
           gboolean      follow,
           gint64        answer_id,
           Question     *next,
           GError      **error)
{
  memset (next, 0, sizeof *next);

  if (follow && !find_follow_up (self, answer_id, next, error))
    return FALSE;

  if (next->card == NULL && !find_planned (self, next, error))
    return FALSE;

  return TRUE;
}

/* Makes @next current; the caller has saved it. */
static void
set_question (RhInterview *self,
              Question    *next,
              gint64       now)
{
  g_object_freeze_notify (G_OBJECT (self));

  fold_time (self, now);
  self->question_active_us = 0;

  if (g_set_object (&self->current_card, next->card))
    notify (self, PROP_CURRENT_CARD);
  if (next->card != NULL)
    add_asked (self, rh_card_get_row_id (next->card));

  if (self->question_index != next->index)
    {
      self->question_index = next->index;
      notify (self, PROP_QUESTION_INDEX);
    }

  if (self->depth != next->depth)
    {
      self->depth = next->depth;
      notify (self, PROP_FOLLOW_UP_DEPTH);
    }

  if (self->question_budget != next->budget)
    {
      self->question_budget = next->budget;
      notify (self, PROP_QUESTION_BUDGET);
      notify (self, PROP_QUESTION_REMAINING);
    }

  self->parent_answer_id = next->parent_answer_id;
  self->next_planned = next->next_planned;

  if (*self->notes != '\0')
    {
      g_free (self->notes);
      self->notes = g_strdup ("");
      notify (self, PROP_NOTES);
    }

  set_state (self, next->card ? RH_INTERVIEW_STATE_ASKING : RH_INTERVIEW_STATE_FINISHED);
  notify_timing (self);

  g_object_thaw_notify (G_OBJECT (self));
}

static char *
plan_to_json (RhInterview *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; i < self->plan_ids->len; i++)
    {
      json_builder_begin_array (builder);
      json_builder_add_int_value (builder, g_array_index (self->plan_ids, gint64, i));
      json_builder_add_int_value (builder, g_array_index (self->plan_seconds, guint, i));
      json_builder_end_array (builder);
    }
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);

  return json_generator_to_data (generator, NULL);
}

static void
add_planned (RhInterview *self,
             gint64       card_id,
             guint        seconds)
{
  g_array_append_val (self->plan_ids, card_id);
  g_array_append_val (self->plan_seconds, seconds);
}

static gboolean
plan_from_json (RhInterview  *self,
                const char   *json,
                GError      **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;
  JsonArray *array;

  if (json == NULL || !json_parser_load_from_data (parser, json, -1, NULL) ||
      !(root = json_parser_get_root (parser)) || !JSON_NODE_HOLDS_ARRAY (root))
    goto corrupt;

  array = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonArray *pair;

      if (!JSON_NODE_HOLDS_ARRAY (element) || json_array_get_length (pair = json_node_get_array (element)) != 2)
        goto corrupt;

      add_planned (self,
                   json_array_get_int_element (pair, 0),
                   (guint)CLAMP (json_array_get_int_element (pair, 1), 0, G_MAXINT));
    }

  return TRUE;

corrupt:
  g_set_error (error, RH_DATABASE_ERROR, RH_DATABASE_ERROR_CORRUPT,
               _("The saved questions of this interview are damaged"));
  return FALSE;
}

/* Writes where the session is: @question is the one being asked (its
 * card NULL when finished), with @question_ms spent on it. Call inside a
 * transaction. */
static gboolean
write_session (RhInterview       *self,
               RhInterviewState   state,
               const Question    *question,
               gint64             question_ms,
               const char        *notes,
               gboolean           revealed,
               gint64             total_ms,
               gint64             now,
               GError           **error)
{
  g_autoptr(RhStatement) stmt = NULL;
  gint64 wall_ms = MAX (now - self->started_at_us, 0) / 1000;

  if (!(stmt = rh_database_prepare (self->database,
                                    "UPDATE interview_sessions SET state = ?2, saved_at = ?3, ended_at = ?4,"
                                    "  elapsed_ms = ?5, paused_ms = ?6, next_planned = ?7, current_card = ?8,"
                                    "  current_index = ?9, current_depth = ?10, current_parent = ?11,"
                                    "  current_seconds = ?12, current_elapsed_ms = ?13, current_notes = ?14,"
                                    "  current_revealed = ?15"
                                    " WHERE id = ?1;",
                                    error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, self->session_id);
  sqlite3_bind_text (stmt, 2, state_names[state], -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, now / G_USEC_PER_SEC);
  if (state == RH_INTERVIEW_STATE_FINISHED)
    sqlite3_bind_int64 (stmt, 4, now / G_USEC_PER_SEC);
  sqlite3_bind_int64 (stmt, 5, total_ms);
  sqlite3_bind_int64 (stmt, 6, MAX (wall_ms - total_ms, 0));
  sqlite3_bind_int (stmt, 7, question->next_planned);
  if (question->card != NULL)
    sqlite3_bind_int64 (stmt, 8, rh_card_get_row_id (question->card));
  sqlite3_bind_int (stmt, 9, question->index);
  sqlite3_bind_int (stmt, 10, question->depth);
  if (question->parent_answer_id > 0)
    sqlite3_bind_int64 (stmt, 11, question->parent_answer_id);
  sqlite3_bind_int (stmt, 12, question->budget);
  sqlite3_bind_int64 (stmt, 13, question_ms);
  sqlite3_bind_text (stmt, 14, notes, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 15, !!revealed);

  return rh_database_step_done (self->database, stmt, error);
}

static void
current_question (RhInterview *self,
                  Question    *question)
{
  question->card = self->current_card;
  question->index = self->question_index;
  question->depth = self->depth;
  question->parent_answer_id = self->parent_answer_id;
  question->budget = self->question_budget;
  question->next_planned = self->next_planned;
}

/* Saves the current question as it is at @now, in @state. */
static gboolean
save (RhInterview       *self,
      RhInterviewState   state,
      gboolean           revealed,
      gint64             now,
      GError           **error)
{
  Question question;

  current_question (self, &question);

  if (!rh_database_begin (self->database, error))
    return FALSE;

  if (!write_session (self, state, &question,
                      question_elapsed_us (self, now) / 1000, self->notes, revealed,
                      total_elapsed_us (self, now) / 1000, now, error))
    {
      rh_database_rollback (self->database);
      return FALSE;
    }

  if (!rh_database_commit (self->database, 0, error))
    return FALSE;

  self->saved_at_us = now;

  return TRUE;
}

static gint64
insert_answer (RhInterview  *self,
               RhRating      rating,
               gint64        spent_ms,
               gboolean      overtime,
               gint64        log_id,
               gint64        now,
               GError      **error)
{
  g_autoptr(RhStatement) stmt = NULL;
  g_autofree char *title = rh_card_dup_title (self->current_card);
  gint64 answer_id;
  int rc;

  if (!(stmt = rh_database_prepare (self->database,
                                    "INSERT INTO interview_answers (session_id, position, question_index, card_id,"
                                    "  title, topic, kind, depth, parent_id, budget_seconds, spent_ms, rating,"
                                    "  overtime, skipped, notes, answered_at, review_log_id)"
                                    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15,"
                                    "  ?16, ?17)"
                                    " RETURNING id;",
                                    error)))
    return -1;

  sqlite3_bind_int64 (stmt, 1, self->session_id);
  sqlite3_bind_int (stmt, 2, self->n_answered);
  sqlite3_bind_int (stmt, 3, self->question_index);
  sqlite3_bind_int64 (stmt, 4, rh_card_get_row_id (self->current_card));
  sqlite3_bind_text (stmt, 5, title, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, rh_card_get_topic (self->current_card), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, rh_card_kind_to_string (rh_card_get_kind (self->current_card)), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 8, self->depth);
  if (self->parent_answer_id > 0)
    sqlite3_bind_int64 (stmt, 9, self->parent_answer_id);
  sqlite3_bind_int (stmt, 10, self->question_budget);
  sqlite3_bind_int64 (stmt, 11, spent_ms);
  if (rating != 0)
    sqlite3_bind_int (stmt, 12, rating);
  sqlite3_bind_int (stmt, 13, !!overtime);
  sqlite3_bind_int (stmt, 14, rating == 0);
  sqlite3_bind_text (stmt, 15, self->notes, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 16, now / G_USEC_PER_SEC);
  if (log_id > 0)
    sqlite3_bind_int64 (stmt, 17, log_id);

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      rh_database_set_error (self->database, error, rc);
      return -1;
    }
  answer_id = sqlite3_column_int64 (stmt, 0);
  if (!rh_database_step_done (self->database, stmt, error))
    return -1;

  return answer_id;
}

/* Records the current question, rated or (@rating 0) skipped, and moves
 * on; with @ending, to the end. Nothing changes when it fails. */
static gboolean
answer (RhInterview  *self,
        RhRating      rating,
        gboolean      ending,
        GError      **error)
{
  g_auto(Question) next = { NULL, };
  gint64 now = now_us (self);
  gint64 spent_us = question_elapsed_us (self, now);
  gint64 spent_ms = spent_us / 1000;
  gboolean overtime = spent_us > (gint64)self->question_budget * G_USEC_PER_SEC;
  gint64 log_id = 0, answer_id;

  g_assert (self->current_card != NULL);

  if (rating != 0 && rh_interview_template_get_counts_toward_schedule (self->template) &&
      !rh_scheduler_answer (self->scheduler, rh_card_get_row_id (self->current_card), rating, spent_ms,
                            RH_REVIEW_SOURCE_INTERVIEW, &log_id, error))
    return FALSE;

  if (!rh_database_begin (self->database, error))
    goto undo;

  if ((answer_id = insert_answer (self, rating, spent_ms, overtime, log_id, now, error)) < 0)
    goto failed;

  if (ending)
    {
      next.index = self->question_index;
      next.next_planned = self->next_planned;
    }
  else if (!find_next (self, rating >= RH_RATING_GOOD, answer_id, &next, error))
    goto failed;

  if (!write_session (self,
                      next.card ? RH_INTERVIEW_STATE_ASKING : RH_INTERVIEW_STATE_FINISHED,
                      &next, 0, "", FALSE, total_elapsed_us (self, now) / 1000, now, error))
    goto failed;

  if (!rh_database_commit (self->database, RH_DATABASE_CHANGE_INTERVIEWS, error))
    goto undo;

  self->saved_at_us = now;
  self->n_answered++;
  notify (self, PROP_N_ANSWERED);
  set_question (self, &next, now);

  return TRUE;

failed:
  rh_database_rollback (self->database);
undo:
  if (log_id > 0)
    rh_scheduler_undo (self->scheduler, log_id, NULL);
  return FALSE;
}

static gboolean
load_candidates (RhInterview  *self,
                 const char   *topic,
                 guint         kinds,
                 gboolean      needs_follow_ups,
                 GArray       *candidates,
                 GError      **error)
{
  g_autoptr(RhStatement) stmt = NULL;
  RhFsrsParams params;
  gint64 now = rh_clock_get_now_seconds (self->clock);
  gint64 day_end = rh_scheduler_get_day_start_after (self->scheduler, now, 1);
  int rc;

  stmt = rh_database_prepare (self->database,
                              topic != NULL ? CANDIDATES_SQL (SUBTREE_JOIN) : CANDIDATES_SQL (""),
                              error);
  if (stmt == NULL)
    return FALSE;

  rh_fsrs_params_init_default (&params);
  params.desired_retention = rh_study_settings_get_desired_retention (rh_scheduler_get_settings (self->scheduler));

  if (topic != NULL)
    sqlite3_bind_text (stmt, 1, topic, -1, SQLITE_STATIC);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Candidate candidate;
      RhCardKind kind = RH_CARD_KIND_CONCEPT;
      RhCardState state = sqlite3_column_int (stmt, 2);
      double stability = sqlite3_column_double (stmt, 3);
      gint64 due = sqlite3_column_int64 (stmt, 4);
      gint64 last_review = sqlite3_column_int64 (stmt, 5);

      rh_card_kind_from_string ((const char *)sqlite3_column_text (stmt, 1), &kind);
      if (kinds != 0 && (kinds & RH_INTERVIEW_KIND (kind)) == 0)
        continue;
      if (needs_follow_ups && !sqlite3_column_int (stmt, 6))
        continue;

      candidate.card_id = sqlite3_column_int64 (stmt, 0);

      if (state == RH_CARD_STATE_NEW || stability <= 0.0)
        candidate.score = NEW_CARD_WEAKNESS;
      else
        candidate.score = 1.0 - rh_fsrs_retrievability (&params, MAX (now - last_review, 0) / 86400.0, stability);

      if (state != RH_CARD_STATE_NEW && due < day_end)
        candidate.score += DUE_BONUS;

      candidate.score += MAX_JITTER * unit_hash (self->seed, (guint64)candidate.card_id);

      g_array_append_val (candidates, candidate);
    }

  if (rc != SQLITE_DONE)
    return rh_database_set_error (self->database, error, rc);

  return TRUE;
}

static int
compare_candidates (gconstpointer a,
                    gconstpointer b)
{
  const Candidate *x = a;
  const Candidate *y = b;

  if (x->score != y->score)
    return x->score > y->score ? -1 : 1;

  return x->card_id < y->card_id ? -1 : x->card_id > y->card_id;
}

typedef struct
{
  GArray  *candidates;  /* Candidate, best first */
  guint    next;
  guint64  order;
} Group;

static void
group_clear (gpointer data)
{
  Group *group = data;

  g_clear_pointer (&group->candidates, g_array_unref);
}

static int
compare_groups (gconstpointer a,
                gconstpointer b)
{
  const Group *x = a;
  const Group *y = b;

  return x->order < y->order ? -1 : x->order > y->order;
}

/* Picks one part's questions, taking from its topics in turn. */
static gboolean
plan_part (RhInterview            *self,
           const RhInterviewPart  *part,
           GHashTable             *taken,
           GError                **error)
{
  const char * const *topics = (const char * const *)part->topics;
  g_autoptr(GArray) groups = g_array_new (FALSE, TRUE, sizeof (Group));
  guint n_picked = 0;
  gboolean progress = TRUE;

  g_array_set_clear_func (groups, group_clear);

  if (topics == NULL || topics[0] == NULL)
    topics = rh_interview_template_get_topics (self->template);

  for (guint i = 0; i == 0 || (topics && topics[i]); i++)
    {
      Group group = { g_array_new (FALSE, FALSE, sizeof (Candidate)), 0, 0 };
      const char *topic = topics ? topics[i] : NULL;

      g_array_append_val (groups, group);
      if (!load_candidates (self, topic, part->kinds, part->needs_follow_ups,
                            g_array_index (groups, Group, groups->len - 1).candidates, error))
        return FALSE;

      g_array_sort (g_array_index (groups, Group, groups->len - 1).candidates, compare_candidates);
      g_array_index (groups, Group, groups->len - 1).order = topic ? mix64 (self->seed ^ g_str_hash (topic)) : 0;

      if (topic == NULL)
        break;
    }

  g_array_sort (groups, compare_groups);

  while (n_picked < part->n_questions && progress)
    {
      progress = FALSE;

      for (guint i = 0; i < groups->len && n_picked < part->n_questions; i++)
        {
          Group *group = &g_array_index (groups, Group, i);

          while (group->next < group->candidates->len)
            {
              gint64 card_id = g_array_index (group->candidates, Candidate, group->next++).card_id;

              if (g_hash_table_contains (taken, &card_id))
                continue;

              g_hash_table_add (taken, g_memdup2 (&card_id, sizeof card_id));
              add_planned (self, card_id, part->seconds);
              n_picked++;
              progress = TRUE;
              break;
            }
        }
    }

  return TRUE;
}

static gboolean
make_plan (RhInterview  *self,
           GError      **error)
{
  g_autoptr(GHashTable) taken = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  guint n_parts = rh_interview_template_get_n_parts (self->template);

  if (n_parts == 0)
    {
      RhInterviewPart all = { NULL, 0, rh_interview_template_get_n_questions (self->template), 0, FALSE };

      return plan_part (self, &all, taken, error);
    }

  for (guint i = 0; i < n_parts; i++)
    if (!plan_part (self, rh_interview_template_get_part (self->template, i), taken, error))
      return FALSE;

  return TRUE;
}

static gboolean
check_plan (RhInterview  *self,
            GError      **error)
{
  if (self->plan_ids->len > 0)
    return TRUE;

  g_set_error (error, RH_INTERVIEW_ERROR, RH_INTERVIEW_ERROR_NO_QUESTIONS,
               _("No cards fit “%s”: add cards to its topics or unsuspend some"),
               rh_interview_template_get_name (self->template));
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
warn_failure (const char *what,
              GError     *error)
{
  g_warning ("Could not %s the interview: %s", what, error->message);
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

  g_clear_object (&self->current_card);
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

  g_clear_pointer (&self->plan_ids, g_array_unref);
  g_clear_pointer (&self->plan_seconds, g_array_unref);
  g_clear_pointer (&self->asked, g_hash_table_unref);
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
      g_value_set_object (value, self->current_card);
      break;

    case PROP_QUESTION_INDEX:
      g_value_set_uint (value, self->question_index);
      break;

    case PROP_N_QUESTIONS:
      g_value_set_uint (value, self->plan_ids->len);
      break;

    case PROP_N_ANSWERED:
      g_value_set_uint (value, self->n_answered);
      break;

    case PROP_FOLLOW_UP_DEPTH:
      g_value_set_uint (value, self->depth);
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
  self->plan_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->plan_seconds = g_array_new (FALSE, FALSE, sizeof (guint));
  self->asked = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
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

  if (!make_plan (self, error) || !check_plan (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

static RhInterview *
new_for_cards (RhScheduler          *scheduler,
               RhInterviewTemplate  *template,
               const gint64         *card_ids,
               const guint          *seconds,
               guint                 n_cards,
               GError              **error)
{
  g_autoptr(RhInterview) self = create (scheduler, template, 0);

  for (guint i = 0; i < n_cards; i++)
    {
      g_autoptr(RhCard) card = NULL;

      if (!dup_askable (self, card_ids[i], NULL, &card, error))
        return NULL;

      if (card != NULL && !planned_later (self, card_ids[i]))
        add_planned (self, card_ids[i], seconds ? seconds[i] : 0);
    }

  if (!check_plan (self, error))
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
  g_return_val_if_fail (RH_IS_SCHEDULER (scheduler), NULL);
  g_return_val_if_fail (RH_IS_INTERVIEW_TEMPLATE (template), NULL);
  g_return_val_if_fail (card_ids != NULL || n_cards == 0, NULL);

  return new_for_cards (scheduler, template, card_ids, NULL, n_cards, error);
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
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) seconds = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree char *name = NULL;
  guint total = 0;

  g_return_val_if_fail (RH_IS_SCHEDULER (scheduler), NULL);

  if (!(report = rh_interview_report_load (rh_scheduler_get_database (scheduler), session_id, error)))
    return NULL;

  for (guint i = 0; i < rh_interview_report_get_n_answers (report); i++)
    {
      const RhInterviewAnswer *weak = rh_interview_report_get_answer (report, i);

      if (!rh_interview_answer_is_weak (weak))
        continue;

      g_array_append_val (ids, weak->card_id);
      g_array_append_val (seconds, weak->budget_seconds);
      total += weak->budget_seconds;
    }

  if (ids->len == 0)
    {
      g_set_error_literal (error, RH_INTERVIEW_ERROR, RH_INTERVIEW_ERROR_NO_QUESTIONS,
                           _("No question of this interview was skipped or rated Again or Hard"));
      return NULL;
    }

  /* Translators: the name of a session that asks again the questions
   * answered poorly in a session of the template named %s. */
  name = g_strdup_printf (_("Retry: %s"), rh_interview_report_get_template_name (report));
  template = rh_interview_template_new ("retry", name);
  rh_interview_template_set_n_questions (template, MAX (ids->len, 1));
  rh_interview_template_set_total_minutes (template, (total + 59) / 60);
  rh_interview_template_set_follow_up_depth (template, 0);
  rh_interview_template_set_counts_toward_schedule (template,
                                                    rh_interview_report_get_counts_toward_schedule (report));

  return new_for_cards (scheduler, template,
                        (const gint64 *)(gpointer)ids->data, (const guint *)(gpointer)seconds->data,
                        ids->len, error);
}

gint64
rh_interview_find_unfinished (RhDatabase  *database,
                              GError     **error)
{
  g_autoptr(RhStatement) stmt = NULL;
  int rc;

  g_return_val_if_fail (RH_IS_DATABASE (database), -1);

  if (!(stmt = rh_database_prepare (database,
                                    "SELECT id FROM interview_sessions WHERE state IN " UNFINISHED_STATES
                                    " ORDER BY started_at DESC, id DESC LIMIT 1;",
                                    error)))
    return -1;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return sqlite3_column_int64 (stmt, 0);
  if (rc != SQLITE_DONE)
    {
      rh_database_set_error (database, error, rc);
      return -1;
    }

  return 0;
}

static gboolean
load_asked (RhInterview  *self,
            GError      **error)
{
  g_autoptr(RhStatement) stmt = NULL;
  int rc;

  if (!(stmt = rh_database_prepare (self->database,
                                    "SELECT card_id FROM interview_answers WHERE session_id = ? ORDER BY position;",
                                    error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, self->session_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (sqlite3_column_type (stmt, 0) != SQLITE_NULL)
        add_asked (self, sqlite3_column_int64 (stmt, 0));
      self->n_answered++;
    }

  if (rc != SQLITE_DONE)
    return rh_database_set_error (self->database, error, rc);

  return TRUE;
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
  g_autoptr(RhStatement) stmt = NULL;
  g_autoptr(RhInterviewTemplate) template = NULL;
  g_autoptr(RhInterview) self = NULL;
  g_autoptr(RhCard) card = NULL;
  g_autofree char *plan = NULL;
  RhDatabase *database;
  const char *state;
  gint64 current_card = 0, now;
  gboolean revealed;
  int rc;

  g_return_val_if_fail (RH_IS_SCHEDULER (scheduler), NULL);

  database = rh_scheduler_get_database (scheduler);
  if (!(stmt = rh_database_prepare (database,
                                    "SELECT template, seed, plan, state, started_at, elapsed_ms, next_planned,"
                                    "  current_card, current_index, current_depth, current_parent,"
                                    "  current_seconds, current_elapsed_ms, current_notes, current_revealed"
                                    " FROM interview_sessions WHERE id = ?;",
                                    error)))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, session_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, RH_INTERVIEW_ERROR, RH_INTERVIEW_ERROR_NOT_FOUND,
                   _("This interview is no longer in the database"));
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      rh_database_set_error (database, error, rc);
      return NULL;
    }

  state = (const char *)sqlite3_column_text (stmt, 3);
  if (g_strcmp0 (state, "finished") == 0 || g_strcmp0 (state, "abandoned") == 0)
    {
      g_set_error (error, RH_INTERVIEW_ERROR, RH_INTERVIEW_ERROR_CLOSED,
                   _("This interview is over and cannot be resumed"));
      return NULL;
    }

  if (!(template = rh_interview_template_new_from_json ((const char *)sqlite3_column_text (stmt, 0), error)))
    return NULL;

  self = g_object_new (RH_TYPE_INTERVIEW,
                       "scheduler", scheduler,
                       "template", template,
                       "seed", (guint64)sqlite3_column_int64 (stmt, 1),
                       NULL);
  plan = g_strdup ((const char *)sqlite3_column_text (stmt, 2));
  self->session_id = session_id;
  self->started_at_us = sqlite3_column_int64 (stmt, 4) * G_USEC_PER_SEC;
  self->total_active_us = MAX (sqlite3_column_int64 (stmt, 5), 0) * 1000;
  self->next_planned = MAX (sqlite3_column_int (stmt, 6), 0);
  current_card = sqlite3_column_int64 (stmt, 7);
  self->question_index = MAX (sqlite3_column_int (stmt, 8), 0);
  self->depth = MAX (sqlite3_column_int (stmt, 9), 0);
  self->parent_answer_id = sqlite3_column_int64 (stmt, 10);
  self->question_budget = MAX (sqlite3_column_int (stmt, 11), 1);
  self->question_active_us = MAX (sqlite3_column_int64 (stmt, 12), 0) * 1000;
  g_free (self->notes);
  self->notes = g_strdup ((const char *)sqlite3_column_text (stmt, 13));
  revealed = sqlite3_column_int (stmt, 14);
  rh_statement_release (g_steal_pointer (&stmt));

  if (!plan_from_json (self, plan, error) || !load_asked (self, error))
    return NULL;

  if (current_card > 0 && !dup_askable (self, current_card, NULL, &card, error))
    return NULL;

  now = now_us (self);
  self->resumed_at_us = now;
  self->saved_at_us = now;

  if (card != NULL)
    {
      self->current_card = g_steal_pointer (&card);
      add_asked (self, current_card);
    }
  else
    {
      g_auto(Question) next = { NULL, };

      /* Its card is gone: go on with the next planned one. */
      self->next_planned = MIN (self->next_planned, self->plan_ids->len);
      if (!find_next (self, FALSE, 0, &next, error))
        return NULL;
      if (next.card == NULL)
        {
          g_set_error (error, RH_INTERVIEW_ERROR, RH_INTERVIEW_ERROR_NO_QUESTIONS,
                       _("The questions left in this interview were deleted"));
          return NULL;
        }
      self->current_card = g_steal_pointer (&next.card);
      add_asked (self, rh_card_get_row_id (self->current_card));
      self->question_index = next.index;
      self->depth = 0;
      self->parent_answer_id = 0;
      self->question_budget = next.budget;
      self->next_planned = next.next_planned;
      self->question_active_us = 0;
    }

  self->state = RH_INTERVIEW_STATE_PAUSED;
  self->state_before_pause = revealed ? RH_INTERVIEW_STATE_REVEALED : RH_INTERVIEW_STATE_ASKING;

  /* The time it was closed counts as paused from here on. */
  if (!save (self, RH_INTERVIEW_STATE_PAUSED, revealed, now, error))
    return NULL;

  self->shown_question_elapsed = question_elapsed_us (self, now) / G_USEC_PER_SEC;
  self->shown_total_elapsed = total_elapsed_us (self, now) / G_USEC_PER_SEC;
  self->shown_overtime = overtime_at (self, now);
  self->shown_warning = warning_at (self, now);
  self->shown_total_overtime = total_overtime_at (self, now);

  return g_steal_pointer (&self);
}

gboolean
rh_interview_discard (RhDatabase  *database,
                      gint64       session_id,
                      GError     **error)
{
  g_autoptr(RhStatement) stmt = NULL;
  gboolean found;
  int rc;

  g_return_val_if_fail (RH_IS_DATABASE (database), FALSE);

  if (!rh_database_begin (database, error))
    return FALSE;

  if (!(stmt = rh_database_prepare (database,
                                    "UPDATE interview_sessions SET state = 'abandoned', ended_at = ?2"
                                    " WHERE id = ?1 AND state IN " UNFINISHED_STATES " RETURNING id;",
                                    error)))
    goto failed;

  sqlite3_bind_int64 (stmt, 1, session_id);
  sqlite3_bind_int64 (stmt, 2, rh_clock_get_now_seconds (rh_database_get_clock (database)));
  rc = sqlite3_step (stmt);
  found = rc == SQLITE_ROW;
  if (found)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      rh_database_set_error (database, error, rc);
      goto failed;
    }
  rh_statement_release (g_steal_pointer (&stmt));

  if (!found)
    {
      g_set_error (error, RH_INTERVIEW_ERROR, RH_INTERVIEW_ERROR_NOT_FOUND,
                   _("There is no unfinished interview to discard"));
      goto failed;
    }

  return rh_database_commit (database, RH_DATABASE_CHANGE_INTERVIEWS, error);

failed:
  rh_database_rollback (database);
  return FALSE;
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
  return self->current_card;
}

guint
rh_interview_get_question_index (RhInterview *self)
{
  g_return_val_if_fail (RH_IS_INTERVIEW (self), 0);
  return self->question_index;
}

guint
rh_interview_get_n_questions (RhInterview *self)
{
  g_return_val_if_fail (RH_IS_INTERVIEW (self), 0);
  return self->plan_ids->len;
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
  return self->depth;
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

  *n_cards = self->plan_ids->len;

  return (const gint64 *)(gpointer)self->plan_ids->data;
}

/* 0 when no question is being asked. */
guint
rh_interview_get_question_budget (RhInterview *self)
{
  g_return_val_if_fail (RH_IS_INTERVIEW (self), 0);
  return has_question (self) ? self->question_budget : 0;
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
  g_autoptr(RhStatement) stmt = NULL;
  g_auto(Question) first = { NULL, };
  g_autofree char *template = NULL;
  g_autofree char *plan = NULL;
  gint64 now, session_id;
  int rc;

  g_return_val_if_fail (RH_IS_INTERVIEW (self), FALSE);
  g_return_val_if_fail (self->state == RH_INTERVIEW_STATE_NOT_STARTED, FALSE);

  now = now_us (self);

  if (!find_next (self, FALSE, 0, &first, error))
    return FALSE;
  if (first.card == NULL)
    {
      g_set_error (error, RH_INTERVIEW_ERROR, RH_INTERVIEW_ERROR_NO_QUESTIONS,
                   _("The cards of this interview were deleted or suspended"));
      return FALSE;
    }

  if (!rh_database_begin (self->database, error))
    return FALSE;

  if (!(stmt = rh_database_prepare (self->database,
                                    "INSERT INTO interview_sessions (template, seed, plan, state, started_at,"
                                    "  saved_at, total_seconds)"
                                    " VALUES (?1, ?2, ?3, 'asking', ?4, ?4, ?5) RETURNING id;",
                                    error)))
    goto failed;

  template = rh_interview_template_to_json (self->template);
  plan = plan_to_json (self);
  sqlite3_bind_text (stmt, 1, template, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, (gint64)self->seed);
  sqlite3_bind_text (stmt, 3, plan, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, now / G_USEC_PER_SEC);
  sqlite3_bind_int (stmt, 5, total_budget (self));
  if ((rc = sqlite3_step (stmt)) != SQLITE_ROW)
    {
      rh_database_set_error (self->database, error, rc);
      goto failed;
    }
  session_id = sqlite3_column_int64 (stmt, 0);
  if (!rh_database_step_done (self->database, stmt, error))
    goto failed;
  rh_statement_release (g_steal_pointer (&stmt));

  self->session_id = session_id;
  self->started_at_us = now;
  if (!write_session (self, RH_INTERVIEW_STATE_ASKING, &first, 0, "", FALSE, 0, now, error) ||
      !rh_database_commit (self->database, RH_DATABASE_CHANGE_INTERVIEWS, error))
    {
      self->session_id = 0;
      goto failed;
    }

  self->saved_at_us = now;
  self->resumed_at_us = now;
  self->total_active_us = 0;

  g_object_freeze_notify (G_OBJECT (self));
  notify (self, PROP_SESSION_ID);
  set_question (self, &first, now);
  g_object_thaw_notify (G_OBJECT (self));

  return TRUE;

failed:
  rh_database_rollback (self->database);
  return FALSE;
}

gboolean
rh_interview_reveal (RhInterview  *self,
                     GError      **error)
{
  gint64 now;

  g_return_val_if_fail (RH_IS_INTERVIEW (self), FALSE);
  g_return_val_if_fail (self->state == RH_INTERVIEW_STATE_ASKING, FALSE);

  now = now_us (self);
  if (!save (self, RH_INTERVIEW_STATE_REVEALED, TRUE, now, error))
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

  return save (self, RH_INTERVIEW_STATE_PAUSED, before == RH_INTERVIEW_STATE_REVEALED, now, error);
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

  return save (self, self->state, self->state == RH_INTERVIEW_STATE_REVEALED, now, error);
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
      question_elapsed_us (self, now) >= (gint64)self->question_budget * G_USEC_PER_SEC)
    {
      if (!answer (self, 0, FALSE, &error))
        warn_failure ("skip a question of", error);
      return;
    }

  if (is_running (self) && now - self->saved_at_us >= SAVE_INTERVAL_US &&
      !save (self, self->state, self->state == RH_INTERVIEW_STATE_REVEALED, now, &error))
    warn_failure ("save", error);

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
