/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rh-interview"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "rh-database-private.h"
#include "rh-deck-store.h"
#include "rh-interview.h"
#include "rh-interview-planner.h"

/* The plan is chosen once, when the session is built, and kept in the
 * session row; follow-ups are decided as answers come in. */
struct _RhInterviewPlanner
{
  GObject              parent_instance;

  /* Owned */
  RhScheduler         *scheduler;
  RhInterviewTemplate *template;
  GArray              *plan_ids;      /* gint64 card ids */
  GArray              *plan_seconds;  /* guint fixed budgets, 0 = none */
  GArray              *plan_scale;    /* guint per mille, follow-up budgets of its chain */
  GHashTable          *asked;         /* gint64 card ids, the current one included */

  /* Borrowed */
  RhDatabase          *database;

  guint64              seed;
};

G_DEFINE_FINAL_TYPE (RhInterviewPlanner, rh_interview_planner, G_TYPE_OBJECT)

/* Question choice, see the header. */
#define NEW_CARD_WEAKNESS 0.4
#define DUE_BONUS         0.5
#define MAX_JITTER        0.2

/* Budgets, see the header. */
#define MIN_BUDGET        60
#define FULL_SCALE        1000
#define MAX_CHAIN         16  /* more than the deepest follow-up depth */

/* ?1 is the subtree's path; the root needs no join. */
#define SUBTREE_JOIN \
  " JOIN topic_closure tc ON tc.descendant_id = c.topic_id" \
  "  AND tc.ancestor_id = (SELECT id FROM topics WHERE path = ?1)"

#define CANDIDATES_SQL(join)                                                          \
  "SELECT c.id, c.kind, rs.state, coalesce(rs.stability, 0), rs.due,"                 \
  "  coalesce(rs.last_review, 0),"                                                    \
  "  EXISTS (SELECT 1 FROM follow_ups f WHERE f.card_id = c.id), coalesce(c.seconds, 0)" \
  " FROM cards c JOIN review_state rs ON rs.card_id = c.id" join                      \
  " WHERE c.suspended = 0 ORDER BY c.id;"

/* The follow-ups that can be asked: not suspended, and no design
 * question after a card of another kind, because a design question is a
 * round's planned whiteboard time, not a follow-up. */
#define FOLLOW_UPS_SQL                                                                \
  "SELECT fu.card_id, f.id, coalesce(f.seconds, 0)"                                   \
  " FROM follow_ups fu JOIN cards f ON f.id = fu.follow_up_id"                        \
  " JOIN cards c ON c.id = fu.card_id"                                                \
  " WHERE f.suspended = 0 AND (f.kind <> 'design' OR c.kind = 'design')"              \
  " ORDER BY fu.card_id, fu.position;"

typedef struct
{
  gint64 card_id;
  guint  seconds;  /* the card's, 0 for none */
} Edge;

typedef struct
{
  gint64 card_id;
  double score;
  guint  seconds;
} Candidate;

/* A planned question while the plan is made, for fitting the budgets. */
typedef struct
{
  guint    seconds;   /* its budget before fitting */
  gboolean fixed;     /* the part's, kept */
  guint    chain;     /* the budgets of the follow-ups it is expected to have */
} Expected;

typedef struct
{
  GArray  *candidates;  /* Candidate, best first */
  guint64  order;
} Group;

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

static gboolean
asked (RhInterviewPlanner *self,
       gint64              card_id)
{
  return g_hash_table_contains (self->asked, &card_id);
}

static void
add_planned (RhInterviewPlanner *self,
             gint64              card_id,
             guint               seconds,
             guint               scale)
{
  g_array_append_val (self->plan_ids, card_id);
  g_array_append_val (self->plan_seconds, seconds);
  g_array_append_val (self->plan_scale, scale);
}

static gboolean
planned_from (RhInterviewPlanner *self,
              guint               from,
              gint64              card_id)
{
  for (guint i = from; i < self->plan_ids->len; i++)
    if (g_array_index (self->plan_ids, gint64, i) == card_id)
      return TRUE;

  return FALSE;
}

static guint
natural_budget (RhInterviewPlanner *self,
                guint               card_seconds)
{
  return card_seconds > 0 ? card_seconds : rh_interview_template_get_question_seconds (self->template);
}

static guint
scaled (guint seconds,
        guint scale)
{
  if (scale >= FULL_SCALE)
    return seconds;

  return MAX ((guint)((guint64)seconds * scale / FULL_SCALE), MIN (seconds, MIN_BUDGET));
}

static guint
card_budget (RhInterviewPlanner *self,
             RhCard             *card,
             guint               fixed)
{
  if (fixed > 0)
    return fixed;

  return natural_budget (self, rh_card_get_seconds (card));
}

/* card id → GArray of Edge, in the cards' order. */
static GHashTable *
load_follow_ups (RhInterviewPlanner  *self,
                 GError             **error)
{
  g_autoptr(GHashTable) graph = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                       (GDestroyNotify)g_array_unref);
  g_autoptr(RhStatement) stmt = rh_database_prepare (self->database, FOLLOW_UPS_SQL, error);
  int rc;

  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 card_id = sqlite3_column_int64 (stmt, 0);
      Edge edge = { sqlite3_column_int64 (stmt, 1), (guint)MAX (sqlite3_column_int (stmt, 2), 0) };
      GArray *edges = g_hash_table_lookup (graph, &card_id);

      if (edges == NULL)
        {
          edges = g_array_new (FALSE, FALSE, sizeof (Edge));
          g_hash_table_insert (graph, g_memdup2 (&card_id, sizeof card_id), edges);
        }
      g_array_append_val (edges, edge);
    }

  if (rc != SQLITE_DONE)
    {
      rh_database_set_error (self->database, error, rc);
      return NULL;
    }

  return g_steal_pointer (&graph);
}

typedef struct
{
  GHashTable *graph;
  GHashTable *reserved;     /* nullable: chains kept for questions planned before */
  guint       next_planned; /* cards planned from here on come later */
  gint64      path[MAX_CHAIN];
  guint       path_len;
} Walk;

static gboolean
can_follow (RhInterviewPlanner *self,
            Walk               *walk,
            gint64              card_id)
{
  if (asked (self, card_id) || planned_from (self, walk->next_planned, card_id) ||
      (walk->reserved && g_hash_table_contains (walk->reserved, &card_id)))
    return FALSE;

  for (guint i = 0; i < walk->path_len; i++)
    if (walk->path[i] == card_id)
      return FALSE;

  return TRUE;
}

/* How deep, up to @max_depth, the chain under @card_id can go; @best: the
 * follow-up to take for that, the first of the deepest. */
static guint
chain_depth (RhInterviewPlanner *self,
             Walk               *walk,
             gint64              card_id,
             guint               max_depth,
             const Edge        **best)
{
  GArray *edges = g_hash_table_lookup (walk->graph, &card_id);
  guint deepest = 0;

  if (best != NULL)
    *best = NULL;
  if (max_depth == 0 || edges == NULL || walk->path_len >= MAX_CHAIN)
    return 0;

  walk->path[walk->path_len++] = card_id;
  for (guint i = 0; i < edges->len && deepest < max_depth; i++)
    {
      const Edge *edge = &g_array_index (edges, Edge, i);
      guint depth;

      if (!can_follow (self, walk, edge->card_id))
        continue;

      depth = 1 + chain_depth (self, walk, edge->card_id, max_depth - 1, NULL);
      if (depth > deepest)
        {
          deepest = depth;
          if (best != NULL)
            *best = edge;
        }
    }
  walk->path_len--;

  return deepest;
}

static gboolean
dup_askable (RhInterviewPlanner  *self,
             gint64               card_id,
             const char          *uid,
             RhCard             **card,
             GError             **error)
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

/* The follow-up of @current whose chain goes deepest, if the chain may
 * go deeper. */
static gboolean
find_follow_up (RhInterviewPlanner         *self,
                const RhInterviewQuestion  *current,
                RhInterviewQuestion        *next,
                GError                    **error)
{
  g_autoptr(GHashTable) graph = NULL;
  g_autoptr(RhCard) card = NULL;
  guint max_depth = rh_interview_template_get_follow_up_depth (self->template);
  Walk walk = { NULL, NULL, current->next_planned, { 0, }, 0 };
  const Edge *best = NULL;
  guint scale = FULL_SCALE;

  if (current->card == NULL || current->depth >= max_depth)
    return TRUE;

  if (!(graph = load_follow_ups (self, error)))
    return FALSE;

  walk.graph = graph;
  chain_depth (self, &walk, rh_card_get_row_id (current->card), max_depth - current->depth, &best);
  if (best == NULL)
    return TRUE;

  if (!dup_askable (self, best->card_id, NULL, &card, error))
    return FALSE;
  if (card == NULL)
    return TRUE;

  if (current->index < self->plan_scale->len)
    scale = g_array_index (self->plan_scale, guint, current->index);

  next->budget = scaled (card_budget (self, card, 0), scale);
  next->card = g_steal_pointer (&card);
  next->index = current->index;
  next->depth = current->depth + 1;
  next->parent_answer_id = 0;
  next->next_planned = current->next_planned;

  return TRUE;
}

static gboolean
find_planned (RhInterviewPlanner         *self,
              const RhInterviewQuestion  *current,
              RhInterviewQuestion        *next,
              GError                    **error)
{
  for (guint i = current->next_planned; i < self->plan_ids->len; i++)
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
  next->index = current->index;
  next->next_planned = self->plan_ids->len;

  return TRUE;
}

static gboolean
load_candidates (RhInterviewPlanner  *self,
                 const char          *topic,
                 guint                kinds,
                 gboolean             needs_follow_ups,
                 GArray              *candidates,
                 GError             **error)
{
  g_autoptr(RhStatement) stmt = NULL;
  RhFsrsParams params;
  /* Retrievability and due dates are dates: wall-clock time. */
  gint64 now = rh_clock_get_now_seconds (rh_database_get_clock (self->database));
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
      candidate.seconds = (guint)MAX (sqlite3_column_int (stmt, 7), 0);

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

/* Keeps the follow-ups @card_id is expected to have (every answer rated
 * Good) in @taken, so that no later question takes them and cuts its
 * chain short, and returns their budgets. */
static guint
reserve_chain (RhInterviewPlanner *self,
               GHashTable         *graph,
               GHashTable         *taken,
               gint64              card_id)
{
  guint seconds = 0;

  for (guint left = rh_interview_template_get_follow_up_depth (self->template); left > 0; left--)
    {
      Walk walk = { graph, taken, 0, { 0, }, 0 };
      const Edge *best = NULL;

      chain_depth (self, &walk, card_id, left, &best);
      if (best == NULL)
        break;

      card_id = best->card_id;
      g_hash_table_add (taken, g_memdup2 (&card_id, sizeof card_id));
      seconds += natural_budget (self, best->seconds);
    }

  return seconds;
}

/* Scales the budgets that are not fixed, and those of the follow-ups, so
 * that the plan and its expected follow-ups fit total-minutes. */
static void
fit_budgets (RhInterviewPlanner *self,
             GArray             *expected)
{
  guint64 total = rh_interview_template_get_total_minutes (self->template) * 60;
  guint64 fixed = 0;
  guint64 rest = 0;
  guint scale;

  for (guint i = 0; i < expected->len; i++)
    {
      const Expected *planned = &g_array_index (expected, Expected, i);

      *(planned->fixed ? &fixed : &rest) += planned->seconds;
      rest += planned->chain;
    }

  if (rest == 0 || fixed + rest <= total)
    return;

  scale = total > fixed ? (guint)((total - fixed) * FULL_SCALE / rest) : 0;
  for (guint i = 0; i < expected->len; i++)
    {
      const Expected *planned = &g_array_index (expected, Expected, i);

      if (!planned->fixed)
        g_array_index (self->plan_seconds, guint, i) = scaled (planned->seconds, scale);
      g_array_index (self->plan_scale, guint, i) = scale;
    }
}

/* Picks one part's questions, taking from its topics in turn. */
static gboolean
plan_part (RhInterviewPlanner     *self,
           const RhInterviewPart  *part,
           GHashTable             *graph,
           GHashTable             *taken,
           GArray                 *expected,
           GError                **error)
{
  guint min_depth = part->needs_follow_ups ? MAX (rh_interview_template_get_follow_up_depth (self->template), 1) : 0;
  const char * const *topics = (const char * const *)part->topics;
  g_autoptr(GArray) groups = g_array_new (FALSE, TRUE, sizeof (Group));
  guint n_picked = 0;
  gboolean progress = TRUE;

  g_array_set_clear_func (groups, group_clear);

  if (topics == NULL || topics[0] == NULL)
    topics = rh_interview_template_get_topics (self->template);

  for (guint i = 0; i == 0 || (topics && topics[i]); i++)
    {
      Group group = { g_array_new (FALSE, FALSE, sizeof (Candidate)), 0 };
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

  /* Deep chains first: a part that needs follow-ups takes the roots that
   * reach the template's depth, then shallower ones if there are too few. */
  for (;;)
    {
      while (n_picked < part->n_questions && progress)
        {
          progress = FALSE;

          for (guint i = 0; i < groups->len && n_picked < part->n_questions; i++)
            {
              GArray *candidates = g_array_index (groups, Group, i).candidates;

              for (guint j = 0; j < candidates->len; j++)
                {
                  const Candidate *candidate = &g_array_index (candidates, Candidate, j);
                  Walk walk = { graph, taken, 0, { 0, }, 0 };
                  Expected planned;

                  if (g_hash_table_contains (taken, &candidate->card_id) ||
                      (min_depth > 0 && chain_depth (self, &walk, candidate->card_id, min_depth, NULL) < min_depth))
                    continue;

                  add_planned (self, candidate->card_id, part->seconds, FULL_SCALE);
                  g_hash_table_add (taken, g_memdup2 (&candidate->card_id, sizeof candidate->card_id));
                  planned.fixed = part->seconds > 0;
                  planned.seconds = planned.fixed ? part->seconds : natural_budget (self, candidate->seconds);
                  planned.chain = reserve_chain (self, graph, taken, candidate->card_id);
                  g_array_append_val (expected, planned);
                  n_picked++;
                  progress = TRUE;
                  break;
                }
            }
        }

      if (n_picked >= part->n_questions || min_depth <= (part->needs_follow_ups ? 1 : 0))
        break;

      min_depth--;
      progress = TRUE;
    }

  return TRUE;
}

static gboolean
make_plan (RhInterviewPlanner  *self,
           GError             **error)
{
  g_autoptr(GHashTable) taken = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GArray) expected = g_array_new (FALSE, FALSE, sizeof (Expected));
  g_autoptr(GHashTable) graph = NULL;
  guint n_parts = rh_interview_template_get_n_parts (self->template);

  if (!(graph = load_follow_ups (self, error)))
    return FALSE;

  if (n_parts == 0)
    {
      RhInterviewPart all = { NULL, 0, rh_interview_template_get_n_questions (self->template), 0, FALSE };

      if (!plan_part (self, &all, graph, taken, expected, error))
        return FALSE;
    }

  for (guint i = 0; i < n_parts; i++)
    if (!plan_part (self, rh_interview_template_get_part (self->template, i), graph, taken, expected, error))
      return FALSE;

  fit_budgets (self, expected);

  return TRUE;
}

static gboolean
check_plan (RhInterviewPlanner  *self,
            GError             **error)
{
  if (self->plan_ids->len > 0)
    return TRUE;

  g_set_error (error, RH_INTERVIEW_ERROR, RH_INTERVIEW_ERROR_NO_QUESTIONS,
               _("No cards fit “%s”: add cards to its topics or unsuspend some"),
               rh_interview_template_get_name (self->template));
  return FALSE;
}

/* The plan as JSON: [[card id, fixed seconds, follow-up scale], …]; the
 * scale is per mille, left out (older sessions) it is 1000. */
static gboolean
load_plan (RhInterviewPlanner  *self,
           const char          *json,
           GError             **error)
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
      guint n;

      if (!JSON_NODE_HOLDS_ARRAY (element) ||
          (n = json_array_get_length (pair = json_node_get_array (element))) < 2 || n > 3)
        goto corrupt;

      add_planned (self,
                   json_array_get_int_element (pair, 0),
                   (guint)CLAMP (json_array_get_int_element (pair, 1), 0, G_MAXINT),
                   n > 2 ? (guint)CLAMP (json_array_get_int_element (pair, 2), 0, FULL_SCALE) : FULL_SCALE);
    }

  return TRUE;

corrupt:
  g_set_error (error, RH_DATABASE_ERROR, RH_DATABASE_ERROR_CORRUPT,
               _("The saved questions of this interview are damaged"));
  return FALSE;
}

static void
rh_interview_planner_dispose (GObject *object)
{
  RhInterviewPlanner *self = (RhInterviewPlanner *)object;

  g_clear_object (&self->template);
  g_clear_object (&self->scheduler);
  self->database = NULL;

  G_OBJECT_CLASS (rh_interview_planner_parent_class)->dispose (object);
}

static void
rh_interview_planner_finalize (GObject *object)
{
  RhInterviewPlanner *self = (RhInterviewPlanner *)object;

  g_clear_pointer (&self->plan_ids, g_array_unref);
  g_clear_pointer (&self->plan_seconds, g_array_unref);
  g_clear_pointer (&self->plan_scale, g_array_unref);
  g_clear_pointer (&self->asked, g_hash_table_unref);

  G_OBJECT_CLASS (rh_interview_planner_parent_class)->finalize (object);
}

static void
rh_interview_planner_class_init (RhInterviewPlannerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rh_interview_planner_dispose;
  object_class->finalize = rh_interview_planner_finalize;
}

static void
rh_interview_planner_init (RhInterviewPlanner *self)
{
  self->plan_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->plan_seconds = g_array_new (FALSE, FALSE, sizeof (guint));
  self->plan_scale = g_array_new (FALSE, FALSE, sizeof (guint));
  self->asked = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}

void
rh_interview_question_clear (RhInterviewQuestion *question)
{
  g_clear_object (&question->card);
}

/**
 * rh_interview_planner_new:
 * @template: kept as it is; pass a snapshot
 * @seed: the same seed over the same cards and review state gives the
 *   same questions
 *
 * Returns: (transfer full): a planner with an empty plan
 */
RhInterviewPlanner *
rh_interview_planner_new (RhScheduler         *scheduler,
                          RhInterviewTemplate *template,
                          guint64              seed)
{
  RhInterviewPlanner *self;

  g_return_val_if_fail (RH_IS_SCHEDULER (scheduler), NULL);
  g_return_val_if_fail (RH_IS_INTERVIEW_TEMPLATE (template), NULL);

  self = g_object_new (RH_TYPE_INTERVIEW_PLANNER, NULL);
  self->scheduler = g_object_ref (scheduler);
  self->template = g_object_ref (template);
  self->database = rh_scheduler_get_database (scheduler);
  self->seed = seed;

  return self;
}

gboolean
rh_interview_planner_choose (RhInterviewPlanner  *self,
                             GError             **error)
{
  g_return_val_if_fail (RH_IS_INTERVIEW_PLANNER (self), FALSE);

  return make_plan (self, error) && check_plan (self, error);
}

gboolean
rh_interview_planner_add_cards (RhInterviewPlanner  *self,
                                const gint64        *card_ids,
                                const guint         *seconds,
                                guint                n_cards,
                                GError             **error)
{
  g_return_val_if_fail (RH_IS_INTERVIEW_PLANNER (self), FALSE);
  g_return_val_if_fail (card_ids != NULL || n_cards == 0, FALSE);

  for (guint i = 0; i < n_cards; i++)
    {
      g_autoptr(RhCard) card = NULL;

      if (!dup_askable (self, card_ids[i], NULL, &card, error))
        return FALSE;

      if (card != NULL && !planned_from (self, 0, card_ids[i]))
        add_planned (self, card_ids[i], seconds ? seconds[i] : 0, FULL_SCALE);
    }

  return check_plan (self, error);
}

/**
 * rh_interview_planner_dup_plan_json:
 *
 * Returns: (transfer full): the plan, for rh_interview_planner_load_plan()
 */
char *
rh_interview_planner_dup_plan_json (RhInterviewPlanner *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (RH_IS_INTERVIEW_PLANNER (self), NULL);

  json_builder_begin_array (builder);
  for (guint i = 0; i < self->plan_ids->len; i++)
    {
      json_builder_begin_array (builder);
      json_builder_add_int_value (builder, g_array_index (self->plan_ids, gint64, i));
      json_builder_add_int_value (builder, g_array_index (self->plan_seconds, guint, i));
      json_builder_add_int_value (builder, g_array_index (self->plan_scale, guint, i));
      json_builder_end_array (builder);
    }
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);

  return json_generator_to_data (generator, NULL);
}

/**
 * rh_interview_planner_get_plan:
 * @n_cards: (out): the length
 *
 * Returns: (transfer none) (array length=n_cards): the planned card ids
 */
const gint64 *
rh_interview_planner_get_plan (RhInterviewPlanner *self,
                               guint              *n_cards)
{
  g_return_val_if_fail (RH_IS_INTERVIEW_PLANNER (self), NULL);
  g_return_val_if_fail (n_cards != NULL, NULL);

  *n_cards = self->plan_ids->len;

  return (const gint64 *)(gpointer)self->plan_ids->data;
}

guint
rh_interview_planner_get_n_planned (RhInterviewPlanner *self)
{
  g_return_val_if_fail (RH_IS_INTERVIEW_PLANNER (self), 0);
  return self->plan_ids->len;
}

/* Seconds. */
guint
rh_interview_planner_get_total_budget (RhInterviewPlanner *self)
{
  g_return_val_if_fail (RH_IS_INTERVIEW_PLANNER (self), 0);
  return rh_interview_template_get_total_minutes (self->template) * 60;
}

void
rh_interview_planner_mark_asked (RhInterviewPlanner *self,
                                 gint64              card_id)
{
  g_return_if_fail (RH_IS_INTERVIEW_PLANNER (self));

  g_hash_table_add (self->asked, g_memdup2 (&card_id, sizeof card_id));
}

gboolean
rh_interview_planner_add_weak (RhInterviewPlanner  *self,
                               RhInterviewReport   *report,
                               GError             **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) seconds = g_array_new (FALSE, FALSE, sizeof (guint));
  guint total = 0;

  g_return_val_if_fail (RH_IS_INTERVIEW_PLANNER (self), FALSE);
  g_return_val_if_fail (RH_IS_INTERVIEW_REPORT (report), FALSE);

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
      return FALSE;
    }

  rh_interview_template_set_n_questions (self->template, MAX (ids->len, 1));
  rh_interview_template_set_total_minutes (self->template, (total + 59) / 60);

  return rh_interview_planner_add_cards (self,
                                         (const gint64 *)(gpointer)ids->data,
                                         (const guint *)(gpointer)seconds->data,
                                         ids->len, error);
}

gboolean
rh_interview_planner_restore (RhInterviewPlanner   *self,
                              const char           *plan_json,
                              const gint64         *answered,
                              guint                 n_answered,
                              gint64                card_id,
                              RhInterviewQuestion  *question,
                              gboolean             *moved_on,
                              GError              **error)
{
  g_autoptr(RhCard) card = NULL;
  g_auto(RhInterviewQuestion) next = { NULL, };

  g_return_val_if_fail (RH_IS_INTERVIEW_PLANNER (self), FALSE);
  g_return_val_if_fail (answered != NULL || n_answered == 0, FALSE);
  g_return_val_if_fail (question != NULL && question->card == NULL, FALSE);
  g_return_val_if_fail (moved_on != NULL, FALSE);

  *moved_on = FALSE;

  if (!load_plan (self, plan_json, error))
    return FALSE;

  for (guint i = 0; i < n_answered; i++)
    if (answered[i] > 0)
      rh_interview_planner_mark_asked (self, answered[i]);

  if (card_id > 0 && !dup_askable (self, card_id, NULL, &card, error))
    return FALSE;

  if (card != NULL)
    {
      question->card = g_steal_pointer (&card);
      rh_interview_planner_mark_asked (self, card_id);
      return TRUE;
    }

  /* Its card is gone: go on with the next planned one. */
  question->next_planned = MIN (question->next_planned, self->plan_ids->len);
  if (!rh_interview_planner_next (self, question, FALSE, &next, error))
    return FALSE;
  if (next.card == NULL)
    {
      g_set_error (error, RH_INTERVIEW_ERROR, RH_INTERVIEW_ERROR_NO_QUESTIONS,
                   _("The questions left in this interview were deleted"));
      return FALSE;
    }

  rh_interview_planner_mark_asked (self, rh_card_get_row_id (next.card));
  *question = next;
  next.card = NULL;
  *moved_on = TRUE;

  return TRUE;
}

gboolean
rh_interview_planner_next (RhInterviewPlanner         *self,
                           const RhInterviewQuestion  *current,
                           gboolean                    follow,
                           RhInterviewQuestion        *next,
                           GError                    **error)
{
  g_return_val_if_fail (RH_IS_INTERVIEW_PLANNER (self), FALSE);
  g_return_val_if_fail (current != NULL, FALSE);
  g_return_val_if_fail (next != NULL && next->card == NULL, FALSE);

  memset (next, 0, sizeof *next);

  if (follow && !find_follow_up (self, current, next, error))
    return FALSE;

  if (next->card == NULL && !find_planned (self, current, next, error))
    return FALSE;

  return TRUE;
}
