/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rh-interview-report"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <math.h>

#include "rh-database-private.h"
#include "rh-interview-report.h"
#include "rh-interview-template.h"

/* A read-only view of one session's rows, computed once when loaded. */
struct _RhInterviewReport
{
  GObject    parent_instance;

  /* Owned */
  char      *template_id;
  char      *template_name;
  GArray    *answers;          /* RhInterviewAnswer */
  GStrv      weakest_topics;

  gint64     session_id;
  gint64     started_at;
  gint64     ended_at;
  gint64     elapsed_ms;
  gint64     total_budget;
  guint      n_planned;
  int        score;
  guint      finished : 1;
  guint      abandoned : 1;
  guint      counts_toward_schedule : 1;
};

G_DEFINE_FINAL_TYPE (RhInterviewReport, rh_interview_report, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SESSION_ID,
  PROP_TEMPLATE_ID,
  PROP_TEMPLATE_NAME,
  PROP_FINISHED,
  PROP_ABANDONED,
  PROP_STARTED_AT,
  PROP_ENDED_AT,
  PROP_TOTAL_ELAPSED,
  PROP_TOTAL_BUDGET,
  PROP_OVERTIME,
  PROP_SCORE,
  PROP_N_ANSWERS,
  PROP_N_PLANNED,
  PROP_COUNTS_TOWARD_SCHEDULE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  const char *topic;
  double      sum;
  guint       n;
  gint64      over_ms;
  guint       first;
  gboolean    weak;
} TopicStats;

static void
clear_answer (gpointer data)
{
  RhInterviewAnswer *answer = data;

  g_clear_pointer (&answer->title, g_free);
  g_clear_pointer (&answer->topic, g_free);
  g_clear_pointer (&answer->notes, g_free);
}

static int
compare_topics (gconstpointer a,
                gconstpointer b)
{
  const TopicStats *x = *(const TopicStats * const *)a;
  const TopicStats *y = *(const TopicStats * const *)b;
  double mean_x = x->sum / x->n;
  double mean_y = y->sum / y->n;

  if (mean_x != mean_y)
    return mean_x < mean_y ? -1 : 1;
  if (x->over_ms != y->over_ms)
    return x->over_ms > y->over_ms ? -1 : 1;

  return x->first < y->first ? -1 : x->first > y->first;
}

static void
compute_summary (RhInterviewReport *self)
{
  g_autoptr(GHashTable) by_topic = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(GPtrArray) topics = g_ptr_array_new ();
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  double sum = 0;

  for (guint i = 0; i < self->answers->len; i++)
    {
      const RhInterviewAnswer *answer = &g_array_index (self->answers, RhInterviewAnswer, i);
      TopicStats *stats = g_hash_table_lookup (by_topic, answer->topic);

      sum += rh_interview_report_rating_score (answer->rating, answer->skipped);

      if (stats == NULL)
        {
          stats = g_new0 (TopicStats, 1);
          stats->topic = answer->topic;
          stats->first = i;
          g_hash_table_insert (by_topic, (gpointer)answer->topic, stats);
          g_ptr_array_add (topics, stats);
        }

      stats->sum += answer->skipped ? RH_RATING_AGAIN : answer->rating;
      stats->n++;
      stats->over_ms += MAX (answer->spent_ms - (gint64)answer->budget_seconds * 1000, 0);
      stats->weak |= rh_interview_answer_is_weak (answer);
    }

  self->score = self->answers->len > 0 ? (int)lround (sum / self->answers->len) : -1;

  /* A topic answered well throughout is nothing to study next, however it
   * ranks among the others. */
  g_ptr_array_sort (topics, compare_topics);
  for (guint i = 0; i < topics->len; i++)
    {
      const TopicStats *stats = g_ptr_array_index (topics, i);

      if (stats->weak)
        g_strv_builder_add (builder, stats->topic);
    }

  g_strfreev (self->weakest_topics);
  self->weakest_topics = g_strv_builder_end (builder);
}

static guint
count_plan (const char *plan)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (plan == NULL || !json_parser_load_from_data (parser, plan, -1, NULL) ||
      !(root = json_parser_get_root (parser)) || !JSON_NODE_HOLDS_ARRAY (root))
    return 0;

  return json_array_get_length (json_node_get_array (root));
}

static gboolean
load_session (RhInterviewReport  *self,
              RhDatabase         *database,
              GError            **error)
{
  g_autoptr(RhStatement) stmt = NULL;
  g_autoptr(RhInterviewTemplate) template = NULL;
  const char *state;
  int rc;

  if (!(stmt = rh_database_prepare (database,
                                    "SELECT template, plan, state, started_at, ended_at, elapsed_ms, total_seconds"
                                    " FROM interview_sessions WHERE id = ?;",
                                    error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, self->session_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, RH_DATABASE_ERROR, RH_DATABASE_ERROR_NOT_FOUND,
                   _("This interview is no longer in the database"));
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    return rh_database_set_error (database, error, rc);

  if (!(template = rh_interview_template_new_from_json ((const char *)sqlite3_column_text (stmt, 0), error)))
    return FALSE;

  self->template_id = g_strdup (rh_interview_template_get_id (template));
  self->template_name = g_strdup (rh_interview_template_get_name (template));
  self->counts_toward_schedule = rh_interview_template_get_counts_toward_schedule (template);
  self->n_planned = count_plan ((const char *)sqlite3_column_text (stmt, 1));
  state = (const char *)sqlite3_column_text (stmt, 2);
  self->finished = g_strcmp0 (state, "finished") == 0;
  self->abandoned = g_strcmp0 (state, "abandoned") == 0;
  self->started_at = sqlite3_column_int64 (stmt, 3);
  self->ended_at = sqlite3_column_int64 (stmt, 4);
  self->elapsed_ms = MAX (sqlite3_column_int64 (stmt, 5), 0);
  self->total_budget = MAX (sqlite3_column_int64 (stmt, 6), 0);

  return TRUE;
}

static gboolean
load_answers (RhInterviewReport  *self,
              RhDatabase         *database,
              GError            **error)
{
  g_autoptr(RhStatement) stmt = NULL;
  int rc;

  if (!(stmt = rh_database_prepare (database,
                                    "SELECT id, position, question_index, card_id, title, topic, kind, depth,"
                                    "  parent_id, budget_seconds, spent_ms, rating, skipped, overtime, notes,"
                                    "  answered_at"
                                    " FROM interview_answers WHERE session_id = ? ORDER BY position;",
                                    error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, self->session_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RhInterviewAnswer answer = { 0, };
      RhCardKind kind = RH_CARD_KIND_CONCEPT;
      int rating = sqlite3_column_int (stmt, 11);

      answer.answer_id = sqlite3_column_int64 (stmt, 0);
      answer.position = sqlite3_column_int (stmt, 1);
      answer.question_index = sqlite3_column_int (stmt, 2);
      answer.card_id = sqlite3_column_int64 (stmt, 3);
      answer.title = g_strdup ((const char *)sqlite3_column_text (stmt, 4));
      answer.topic = g_strdup ((const char *)sqlite3_column_text (stmt, 5));
      rh_card_kind_from_string ((const char *)sqlite3_column_text (stmt, 6), &kind);
      answer.kind = kind;
      answer.depth = sqlite3_column_int (stmt, 7);
      answer.parent_id = sqlite3_column_int64 (stmt, 8);
      answer.budget_seconds = sqlite3_column_int (stmt, 9);
      answer.spent_ms = sqlite3_column_int64 (stmt, 10);
      answer.skipped = !!sqlite3_column_int (stmt, 12);
      answer.rating = answer.skipped || !rh_fsrs_rating_is_valid (rating) ? 0 : (RhRating)rating;
      answer.overtime = !!sqlite3_column_int (stmt, 13);
      answer.notes = g_strdup ((const char *)sqlite3_column_text (stmt, 14));
      answer.answered_at = sqlite3_column_int64 (stmt, 15);

      g_array_append_val (self->answers, answer);
    }

  if (rc != SQLITE_DONE)
    return rh_database_set_error (database, error, rc);

  return TRUE;
}

static void
rh_interview_report_finalize (GObject *object)
{
  RhInterviewReport *self = (RhInterviewReport *)object;

  g_clear_pointer (&self->template_id, g_free);
  g_clear_pointer (&self->template_name, g_free);
  g_clear_pointer (&self->answers, g_array_unref);
  g_clear_pointer (&self->weakest_topics, g_strfreev);

  G_OBJECT_CLASS (rh_interview_report_parent_class)->finalize (object);
}

static void
rh_interview_report_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  RhInterviewReport *self = RH_INTERVIEW_REPORT (object);

  switch (prop_id)
    {
    case PROP_SESSION_ID:
      g_value_set_int64 (value, self->session_id);
      break;

    case PROP_TEMPLATE_ID:
      g_value_set_string (value, self->template_id);
      break;

    case PROP_TEMPLATE_NAME:
      g_value_set_string (value, self->template_name);
      break;

    case PROP_FINISHED:
      g_value_set_boolean (value, self->finished);
      break;

    case PROP_ABANDONED:
      g_value_set_boolean (value, self->abandoned);
      break;

    case PROP_STARTED_AT:
      g_value_set_int64 (value, self->started_at);
      break;

    case PROP_ENDED_AT:
      g_value_set_int64 (value, self->ended_at);
      break;

    case PROP_TOTAL_ELAPSED:
      g_value_set_int64 (value, rh_interview_report_get_total_elapsed (self));
      break;

    case PROP_TOTAL_BUDGET:
      g_value_set_int64 (value, self->total_budget);
      break;

    case PROP_OVERTIME:
      g_value_set_boolean (value, rh_interview_report_get_overtime (self));
      break;

    case PROP_SCORE:
      g_value_set_int (value, self->score);
      break;

    case PROP_N_ANSWERS:
      g_value_set_uint (value, self->answers->len);
      break;

    case PROP_N_PLANNED:
      g_value_set_uint (value, self->n_planned);
      break;

    case PROP_COUNTS_TOWARD_SCHEDULE:
      g_value_set_boolean (value, self->counts_toward_schedule);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rh_interview_report_class_init (RhInterviewReportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = rh_interview_report_finalize;
  object_class->get_property = rh_interview_report_get_property;

  properties[PROP_SESSION_ID] = g_param_spec_int64 ("session-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_TEMPLATE_ID] = g_param_spec_string ("template-id", NULL, NULL, NULL, flags);
  properties[PROP_TEMPLATE_NAME] = g_param_spec_string ("template-name", NULL, NULL, NULL, flags);
  properties[PROP_FINISHED] = g_param_spec_boolean ("finished", NULL, NULL, FALSE, flags);
  properties[PROP_ABANDONED] = g_param_spec_boolean ("abandoned", NULL, NULL, FALSE, flags);
  properties[PROP_STARTED_AT] = g_param_spec_int64 ("started-at", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_ENDED_AT] = g_param_spec_int64 ("ended-at", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_TOTAL_ELAPSED] = g_param_spec_int64 ("total-elapsed", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_TOTAL_BUDGET] = g_param_spec_int64 ("total-budget", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_OVERTIME] = g_param_spec_boolean ("overtime", NULL, NULL, FALSE, flags);
  properties[PROP_SCORE] = g_param_spec_int ("score", NULL, NULL, -1, 100, -1, flags);
  properties[PROP_N_ANSWERS] = g_param_spec_uint ("n-answers", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_N_PLANNED] = g_param_spec_uint ("n-planned", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_COUNTS_TOWARD_SCHEDULE] =
    g_param_spec_boolean ("counts-toward-schedule", NULL, NULL, TRUE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rh_interview_report_init (RhInterviewReport *self)
{
  self->answers = g_array_new (FALSE, TRUE, sizeof (RhInterviewAnswer));
  g_array_set_clear_func (self->answers, clear_answer);
  self->weakest_topics = g_new0 (char *, 1);
  self->score = -1;
}

/**
 * rh_interview_report_load:
 *
 * Works for unfinished and discarded sessions too.
 *
 * Returns: (transfer full) (nullable): the report of @session_id
 */
RhInterviewReport *
rh_interview_report_load (RhDatabase  *database,
                          gint64       session_id,
                          GError     **error)
{
  g_autoptr(RhInterviewReport) self = NULL;

  g_return_val_if_fail (RH_IS_DATABASE (database), NULL);

  self = g_object_new (RH_TYPE_INTERVIEW_REPORT, NULL);
  self->session_id = session_id;

  if (!load_session (self, database, error) || !load_answers (self, database, error))
    return NULL;

  compute_summary (self);

  return g_steal_pointer (&self);
}

/**
 * rh_interview_report_list_history:
 *
 * Returns: (transfer full) (nullable): a #GListModel of #RhInterviewReport
 *   for the finished sessions, the newest first
 */
GListModel *
rh_interview_report_list_history (RhDatabase  *database,
                                  GError     **error)
{
  g_autoptr(GListStore) store = g_list_store_new (RH_TYPE_INTERVIEW_REPORT);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(RhStatement) stmt = NULL;
  int rc;

  g_return_val_if_fail (RH_IS_DATABASE (database), NULL);

  if (!(stmt = rh_database_prepare (database,
                                    "SELECT id FROM interview_sessions WHERE state = 'finished'"
                                    " ORDER BY ended_at DESC, id DESC;",
                                    error)))
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  if (rc != SQLITE_DONE)
    {
      rh_database_set_error (database, error, rc);
      return NULL;
    }
  rh_statement_release (g_steal_pointer (&stmt));

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(RhInterviewReport) report = NULL;

      if (!(report = rh_interview_report_load (database, g_array_index (ids, gint64, i), error)))
        return NULL;

      g_list_store_append (store, report);
    }

  return G_LIST_MODEL (g_steal_pointer (&store));
}

gint64
rh_interview_report_get_session_id (RhInterviewReport *self)
{
  g_return_val_if_fail (RH_IS_INTERVIEW_REPORT (self), 0);
  return self->session_id;
}

const char *
rh_interview_report_get_template_id (RhInterviewReport *self)
{
  g_return_val_if_fail (RH_IS_INTERVIEW_REPORT (self), NULL);
  return self->template_id;
}

const char *
rh_interview_report_get_template_name (RhInterviewReport *self)
{
  g_return_val_if_fail (RH_IS_INTERVIEW_REPORT (self), NULL);
  return self->template_name;
}

gboolean
rh_interview_report_get_finished (RhInterviewReport *self)
{
  g_return_val_if_fail (RH_IS_INTERVIEW_REPORT (self), FALSE);
  return self->finished;
}

gboolean
rh_interview_report_get_abandoned (RhInterviewReport *self)
{
  g_return_val_if_fail (RH_IS_INTERVIEW_REPORT (self), FALSE);
  return self->abandoned;
}

gint64
rh_interview_report_get_started_at (RhInterviewReport *self)
{
  g_return_val_if_fail (RH_IS_INTERVIEW_REPORT (self), 0);
  return self->started_at;
}

gint64
rh_interview_report_get_ended_at (RhInterviewReport *self)
{
  g_return_val_if_fail (RH_IS_INTERVIEW_REPORT (self), 0);
  return self->ended_at;
}

/* In seconds, pauses and time the app was closed excluded. */
gint64
rh_interview_report_get_total_elapsed (RhInterviewReport *self)
{
  g_return_val_if_fail (RH_IS_INTERVIEW_REPORT (self), 0);
  return self->elapsed_ms / 1000;
}

gint64
rh_interview_report_get_total_budget (RhInterviewReport *self)
{
  g_return_val_if_fail (RH_IS_INTERVIEW_REPORT (self), 0);
  return self->total_budget;
}

gboolean
rh_interview_report_get_overtime (RhInterviewReport *self)
{
  g_return_val_if_fail (RH_IS_INTERVIEW_REPORT (self), FALSE);
  return self->elapsed_ms > self->total_budget * 1000;
}

int
rh_interview_report_get_score (RhInterviewReport *self)
{
  g_return_val_if_fail (RH_IS_INTERVIEW_REPORT (self), -1);
  return self->score;
}

guint
rh_interview_report_get_n_planned (RhInterviewReport *self)
{
  g_return_val_if_fail (RH_IS_INTERVIEW_REPORT (self), 0);
  return self->n_planned;
}

gboolean
rh_interview_report_get_counts_toward_schedule (RhInterviewReport *self)
{
  g_return_val_if_fail (RH_IS_INTERVIEW_REPORT (self), FALSE);
  return self->counts_toward_schedule;
}

guint
rh_interview_report_get_n_answers (RhInterviewReport *self)
{
  g_return_val_if_fail (RH_IS_INTERVIEW_REPORT (self), 0);
  return self->answers->len;
}

/**
 * rh_interview_report_get_answer:
 *
 * Returns: (transfer none): the @index-th question asked
 */
const RhInterviewAnswer *
rh_interview_report_get_answer (RhInterviewReport *self,
                                guint              index)
{
  g_return_val_if_fail (RH_IS_INTERVIEW_REPORT (self), NULL);
  g_return_val_if_fail (index < self->answers->len, NULL);

  return &g_array_index (self->answers, RhInterviewAnswer, index);
}

/**
 * rh_interview_report_get_weakest_topics:
 *
 * The topics with at least one answer that rh_interview_answer_is_weak()
 * calls weak, ordered as the header says.
 *
 * Returns: (transfer none): the weak topics, the weakest first; empty when
 *   no answer was weak
 */
const char * const *
rh_interview_report_get_weakest_topics (RhInterviewReport *self)
{
  g_return_val_if_fail (RH_IS_INTERVIEW_REPORT (self), NULL);
  return (const char * const *)self->weakest_topics;
}

double
rh_interview_report_rating_score (RhRating rating,
                                  gboolean skipped)
{
  if (skipped || !rh_fsrs_rating_is_valid (rating))
    return 0.0;

  return (rating - RH_RATING_AGAIN) * 100.0 / (RH_RATING_EASY - RH_RATING_AGAIN);
}

gboolean
rh_interview_answer_is_weak (const RhInterviewAnswer *answer)
{
  g_return_val_if_fail (answer != NULL, FALSE);

  if (answer->card_id <= 0)
    return FALSE;

  return answer->skipped || answer->rating == RH_RATING_AGAIN || answer->rating == RH_RATING_HARD;
}

/* The answers that rh_interview_answer_is_weak() calls weak. */
guint
rh_interview_report_count_weak (RhInterviewReport *self)
{
  guint n = 0;

  g_return_val_if_fail (RH_IS_INTERVIEW_REPORT (self), 0);

  for (guint i = 0; i < rh_interview_report_get_n_answers (self); i++)
    if (rh_interview_answer_is_weak (rh_interview_report_get_answer (self, i)))
      n++;

  return n;
}
