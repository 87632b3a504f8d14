/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rh-deck"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "rh-deck.h"

/* Writing a deck out as JSON, through the deck's public accessors;
 * reading and checking one is rh-deck.c. */

/**
 * rh_deck_to_json:
 *
 * Returns: (transfer full): the deck in the format that rh_deck_new_from_data() reads
 */
char *
rh_deck_to_json (RhDeck *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  GString *json;

  g_return_val_if_fail (RH_IS_DECK (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "rehearse_deck");
  json_builder_add_int_value (builder, RH_DECK_FORMAT_VERSION);

  if (rh_deck_get_name (self))
    {
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, rh_deck_get_name (self));
    }

  if (rh_deck_get_language (self))
    {
      json_builder_set_member_name (builder, "language");
      json_builder_add_string_value (builder, rh_deck_get_language (self));
    }

  if (rh_deck_get_description (self))
    {
      json_builder_set_member_name (builder, "description");
      json_builder_add_string_value (builder, rh_deck_get_description (self));
    }

  json_builder_set_member_name (builder, "cards");
  json_builder_begin_array (builder);

  for (guint i = 0; i < rh_deck_get_n_cards (self); i++)
    {
      RhCard *card = rh_deck_get_card (self, i);
      const char * const *tags = rh_card_get_tags (card);
      const char * const *follow_ups = rh_card_get_follow_ups (card);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, rh_card_get_uid (card));
      json_builder_set_member_name (builder, "topic");
      json_builder_add_string_value (builder, rh_card_get_topic (card));
      json_builder_set_member_name (builder, "front");
      json_builder_add_string_value (builder, rh_card_get_front (card));
      json_builder_set_member_name (builder, "back");
      json_builder_add_string_value (builder, rh_card_get_back (card));

      if (tags && tags[0])
        {
          json_builder_set_member_name (builder, "tags");
          json_builder_begin_array (builder);
          for (guint j = 0; tags[j]; j++)
            json_builder_add_string_value (builder, tags[j]);
          json_builder_end_array (builder);
        }

      json_builder_set_member_name (builder, "kind");
      json_builder_add_string_value (builder, rh_card_kind_to_string (rh_card_get_kind (card)));

      if (rh_card_get_seconds (card) > 0)
        {
          json_builder_set_member_name (builder, "seconds");
          json_builder_add_int_value (builder, rh_card_get_seconds (card));
        }

      if (follow_ups && follow_ups[0])
        {
          json_builder_set_member_name (builder, "follow_ups");
          json_builder_begin_array (builder);
          for (guint j = 0; follow_ups[j]; j++)
            json_builder_add_string_value (builder, follow_ups[j]);
          json_builder_end_array (builder);
        }

      json_builder_end_object (builder);
    }

  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);

  json = g_string_new (NULL);
  json_generator_to_gstring (generator, json);
  g_string_append_c (json, '\n');

  return g_string_free (json, FALSE);
}

/**
 * rh_deck_save_to_file:
 *
 * Writes the deck to a temporary file beside @file, flushes it to the
 * disk and only then renames it over @file, so a full disk or a crash
 * leaves the old file as it was.
 */
gboolean
rh_deck_save_to_file (RhDeck  *self,
                      GFile   *file,
                      GError **error)
{
  g_autofree char *json = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *path;
  gboolean no_space;

  g_return_val_if_fail (RH_IS_DECK (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  json = rh_deck_to_json (self);

  /* GIO's replace falls back to truncating the file in place when it
   * cannot make a temporary one, which a full disk can cause. */
  if ((path = g_file_peek_path (file)) != NULL)
    {
      if (g_file_set_contents_full (path, json, -1,
                                    G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                    0666, &local_error))
        return TRUE;
    }
  else if (g_file_replace_contents (file, json, strlen (json), NULL, FALSE,
                                    G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, &local_error))
    return TRUE;

  name = g_file_get_parse_name (file);
  no_space = g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOSPC) ||
             g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);

  if (no_space)
    g_set_error (error, RH_DECK_ERROR, RH_DECK_ERROR_IO,
                 _("%s: the disk is full, so the deck was not written; the file is as it was. Free some space and try again."),
                 name);
  else
    g_set_error (error, RH_DECK_ERROR, RH_DECK_ERROR_IO,
                 _("%s: cannot write the file: %s"), name, local_error->message);

  return FALSE;
}
