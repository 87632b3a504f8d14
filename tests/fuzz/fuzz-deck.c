/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rh-clock.h"
#include "rh-database.h"
#include "rh-deck-store.h"
#include "rh-deck.h"

/* libFuzzer target: any bytes as a deck. What parses must import into an
 * empty database, export, and import again elsewhere to the same bytes;
 * what is refused must say so in valid UTF-8. build-aux/fuzz.sh runs it. */

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
check (gboolean    condition,
       const char *what)
{
  if (!condition)
    {
      fprintf (stderr, "fuzz-deck: %s\n", what);
      abort ();
    }
}

static void
check_error (GError *error)
{
  check (error != NULL, "a failure without an error");
  check (g_utf8_validate (error->message, -1, NULL), "an error message that is not valid UTF-8");
}

/* Imports @deck into a new database and returns its export. */
static char *
import_and_export (RhDeck      *deck,
                   RhDatabase **out_database,
                   GError     **error)
{
  g_autoptr(RhClock) clock = rh_clock_new_fake (G_GINT64_CONSTANT (1772366400) * G_USEC_PER_SEC, NULL);
  g_autoptr(RhDatabase) database = rh_database_new_with_clock (":memory:", clock, error);
  g_autoptr(RhDeck) exported = NULL;
  RhImportResult result;

  check (database != NULL, "cannot open an in-memory database");

  if (!rh_deck_store_import_deck (database, deck, &result, error))
    return NULL;
  check (result.added == rh_deck_get_n_cards (deck), "an import into an empty database that did not add every card");

  exported = rh_deck_store_export_deck (database, NULL, error);
  check (exported != NULL, "an export that failed");
  check (rh_deck_get_n_cards (exported) == rh_deck_get_n_cards (deck), "an export that lost cards");

  *out_database = g_steal_pointer (&database);

  return rh_deck_to_json (exported);
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RhDeck) deck = NULL;
  g_autoptr(RhDeck) again = NULL;
  g_autoptr(RhDatabase) first = NULL;
  g_autoptr(RhDatabase) second = NULL;
  g_autofree char *json = NULL;
  g_autofree char *json_again = NULL;
  RhImportResult result;

  deck = rh_deck_new_from_data ((const char *)data, size, "fuzz.json", &error);
  if (deck == NULL)
    {
      check_error (error);
      return 0;
    }

  /* Follow-ups to cards outside the file are refused in an empty database. */
  json = import_and_export (deck, &first, &error);
  if (json == NULL)
    {
      check_error (error);
      check (g_error_matches (error, RH_DECK_ERROR, RH_DECK_ERROR_UNKNOWN_FOLLOW_UP),
             "a parsed deck that does not import for another reason than a follow-up");
      return 0;
    }

  /* Round trip: the export is a deck that imports elsewhere... */
  again = rh_deck_new_from_data (json, strlen (json), "export.json", &error);
  if (again == NULL)
    fprintf (stderr, "fuzz-deck: %s\n", error->message);
  check (again != NULL, "an export that does not parse");
  json_again = import_and_export (again, &second, &error);
  if (json_again == NULL)
    fprintf (stderr, "fuzz-deck: %s\n", error->message);
  check (json_again != NULL, "an export that does not import");

  /* ...to the same bytes, and importing it again changes nothing. */
  check (strcmp (json, json_again) == 0, "export → import → export is not idempotent");
  check (rh_deck_store_import_deck (first, again, &result, &error), "re-importing an export failed");
  check (result.added == 0 && result.updated == 0, "re-importing an export changed cards");

  return 0;
}
