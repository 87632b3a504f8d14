/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The least work an import of a deck can do, for build-aux/bench.sh to
 * measure Rehearse against: parse the file into a json-glib tree, then one
 * transaction of prepared inserts into the same cards table with the same
 * indexes (rh-database-schema.c: uid, topic, kind, created), and the same
 * Chinese-capable index (FTS5 with the app's rh_cjk tokenizer) filled in
 * one statement. Nothing is validated beyond what reading the fields needs.
 *
 * usage: bench-least-import NEW.db DECK.json [TOKENIZE]
 *
 * TOKENIZE is the index's tokenize option instead, such as "trigram", to
 * compare with another index.
 */

#include <stdio.h>
#include <stdlib.h>

#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "rh-search-tokenizer-private.h"

static const char schema[] =
  "CREATE TABLE topics ("
  "  id INTEGER PRIMARY KEY, parent_id INTEGER, name TEXT NOT NULL, path TEXT NOT NULL UNIQUE);"
  "CREATE TABLE cards ("
  "  id INTEGER PRIMARY KEY, uid TEXT NOT NULL UNIQUE, topic_id INTEGER NOT NULL REFERENCES topics (id),"
  "  front TEXT NOT NULL, back TEXT NOT NULL, tags TEXT NOT NULL DEFAULT '',"
  "  kind TEXT NOT NULL DEFAULT 'concept', seconds INTEGER, created INTEGER NOT NULL,"
  "  modified INTEGER NOT NULL, suspended INTEGER NOT NULL DEFAULT 0);"
  "CREATE INDEX cards_topic ON cards (topic_id);"
  "CREATE INDEX cards_kind ON cards (kind);"
  "CREATE INDEX cards_created ON cards (created);"
  "CREATE INDEX cards_suspended ON cards (suspended) WHERE suspended <> 0;";

static void
check (sqlite3 *db,
       int      rc)
{
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      fprintf (stderr, "bench-least-import: %s\n", sqlite3_errmsg (db));
      exit (EXIT_FAILURE);
    }
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) ? json_node_get_string (node) : NULL;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) topics = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GString) tags = g_string_new (NULL);
  g_autofree char *index = NULL;
  sqlite3 *db;
  sqlite3_stmt *topic_insert, *card_insert;
  JsonArray *cards;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (argc != 3 && argc != 4)
    {
      fprintf (stderr, "usage: %s NEW.db DECK.json [TOKENIZE]\n", argv[0]);
      return EXIT_FAILURE;
    }

  if (!json_parser_load_from_mapped_file (parser, argv[2], &error))
    {
      fprintf (stderr, "bench-least-import: %s\n", error->message);
      return EXIT_FAILURE;
    }

  check (NULL, sqlite3_open (argv[1], &db));
  check (db, sqlite3_exec (db, "PRAGMA journal_mode = WAL;", NULL, NULL, NULL));
  check (db, rh_search_tokenizer_register (db));
  check (db, sqlite3_exec (db, schema, NULL, NULL, NULL));
  index = g_strdup_printf ("CREATE VIRTUAL TABLE cards_fts USING fts5 (front, back, tags, tokenize = '%s');",
                           argc == 4 ? argv[3] : RH_SEARCH_TOKENIZER " remove_diacritics 0");
  check (db, sqlite3_exec (db, index, NULL, NULL, NULL));
  check (db, sqlite3_exec (db, "BEGIN;", NULL, NULL, NULL));
  check (db, sqlite3_prepare_v2 (db, "INSERT INTO topics (name, path) VALUES (?1, ?1);", -1, &topic_insert, NULL));
  check (db, sqlite3_prepare_v2 (db,
                                 "INSERT INTO cards (uid, topic_id, front, back, tags, kind, seconds, created, modified)"
                                 " VALUES (?, ?, ?, ?, ?, ?, ?, ?8, ?8);",
                                 -1, &card_insert, NULL));

  cards = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "cards");
  for (guint i = 0; i < json_array_get_length (cards); i++)
    {
      JsonObject *card = json_array_get_object_element (cards, i);
      const char *topic = member_string (card, "topic");
      gpointer topic_id;
      JsonNode *node;

      if (!g_hash_table_lookup_extended (topics, topic, NULL, &topic_id))
        {
          sqlite3_bind_text (topic_insert, 1, topic, -1, SQLITE_STATIC);
          check (db, sqlite3_step (topic_insert));
          sqlite3_reset (topic_insert);
          topic_id = GINT_TO_POINTER ((int)sqlite3_last_insert_rowid (db));
          g_hash_table_insert (topics, g_strdup (topic), topic_id);
        }

      g_string_truncate (tags, 0);
      if ((node = json_object_get_member (card, "tags")) != NULL && JSON_NODE_HOLDS_ARRAY (node))
        {
          JsonArray *array = json_node_get_array (node);

          for (guint j = 0; j < json_array_get_length (array); j++)
            g_string_append_printf (tags, "%s%s", j ? " " : "", json_array_get_string_element (array, j));
        }

      sqlite3_bind_text (card_insert, 1, member_string (card, "id"), -1, SQLITE_STATIC);
      sqlite3_bind_int64 (card_insert, 2, GPOINTER_TO_INT (topic_id));
      sqlite3_bind_text (card_insert, 3, member_string (card, "front"), -1, SQLITE_STATIC);
      sqlite3_bind_text (card_insert, 4, member_string (card, "back"), -1, SQLITE_STATIC);
      sqlite3_bind_text (card_insert, 5, tags->str, -1, SQLITE_STATIC);
      sqlite3_bind_text (card_insert, 6, member_string (card, "kind"), -1, SQLITE_STATIC);
      if ((node = json_object_get_member (card, "seconds")) != NULL && JSON_NODE_HOLDS_VALUE (node))
        sqlite3_bind_int64 (card_insert, 7, json_node_get_int (node));
      else
        sqlite3_bind_null (card_insert, 7);
      sqlite3_bind_int64 (card_insert, 8, now);
      check (db, sqlite3_step (card_insert));
      sqlite3_reset (card_insert);
    }

  check (db, sqlite3_exec (db,
                           "INSERT INTO cards_fts (rowid, front, back, tags) SELECT id, front, back, tags FROM cards;",
                           NULL, NULL, NULL));
  sqlite3_finalize (topic_insert);
  sqlite3_finalize (card_insert);
  check (db, sqlite3_exec (db, "COMMIT;", NULL, NULL, NULL));
  check (db, sqlite3_close (db));

  printf ("Imported %s: %u cards\n", argv[2], json_array_get_length (cards));

  return EXIT_SUCCESS;
}
