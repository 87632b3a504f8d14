/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rh-json-stream"

#include "config.h"

#include <string.h>
#include <yajl/yajl_parse.h>

#include "rh-json-stream.h"

/* A JSON document read as a stream (yajl), building json-glib nodes as
 * json-glib's own parser would, except for one top-level array whose
 * elements are handed over one at a time and never kept: a deck of
 * 100,000 cards never sits in memory as one tree.
 *
 * The caller trusts the result only once rh_json_check() has accepted the
 * input, which is stricter than either parser (no duplicate keys, no
 * U+0000, no 65-bit numbers), so the nodes are the same as json-glib would
 * make. */

typedef struct
{
  JsonNode *node;   /* an object or array being filled */
  char     *key;    /* the member name waiting for its value, in an object */
} Frame;

typedef struct
{
  GArray                  *stack;        /* Frame */
  JsonNode                *root;
  const char              *array_member;
  RhJsonStreamElementFunc  func;
  gpointer                 user_data;
  guint                    position;     /* of the next streamed element */
  gboolean                 streaming;    /* stack[1] is the streamed array */
  GString                 *scratch;      /* a string value, ended by a NUL */
} Stream;

static void
clear_frame (gpointer data)
{
  Frame *frame = data;

  g_clear_pointer (&frame->node, json_node_unref);
  g_clear_pointer (&frame->key, g_free);
}

/* Puts a finished value where it belongs; takes @node. */
static int
add_value (Stream   *stream,
           JsonNode *node)
{
  Frame *top;

  if (stream->stack->len == 0)
    {
      g_clear_pointer (&stream->root, json_node_unref);
      stream->root = node;
      return 1;
    }

  top = &g_array_index (stream->stack, Frame, stream->stack->len - 1);

  if (stream->streaming && stream->stack->len == 2)
    {
      stream->func (node, stream->position++, stream->user_data);
      json_node_unref (node);
    }
  else if (JSON_NODE_HOLDS_ARRAY (top->node))
    json_array_add_element (json_node_get_array (top->node), node);
  else
    {
      /* json_object_set_member() takes the node and copies the name. */
      json_object_set_member (json_node_get_object (top->node), top->key, node);
      g_clear_pointer (&top->key, g_free);
    }

  return 1;
}

static int
on_null (void *ctx)
{
  return add_value (ctx, json_node_new (JSON_NODE_NULL));
}

static int
on_boolean (void *ctx,
            int   value)
{
  return add_value (ctx, json_node_init_boolean (json_node_alloc (), value));
}

/* Whole numbers as 64-bit integers, anything with a fraction or exponent
 * as a double, as json-glib reads them. */
static int
on_number (void       *ctx,
           const char *text,
           size_t      length)
{
  g_autofree char *number = g_strndup (text, length);
  JsonNode *node = json_node_alloc ();

  if (strpbrk (number, ".eE") != NULL)
    json_node_init_double (node, g_ascii_strtod (number, NULL));
  else
    json_node_init_int (node, g_ascii_strtoll (number, NULL, 10));

  return add_value (ctx, node);
}

static int
on_string (void                *ctx,
           const unsigned char *text,
           size_t               length)
{
  Stream *stream = ctx;

  /* json-glib copies it, so one buffer serves every string. */
  g_string_truncate (stream->scratch, 0);
  g_string_append_len (stream->scratch, (const char *)text, length);

  return add_value (stream, json_node_init_string (json_node_alloc (), stream->scratch->str));
}

static int
on_map_key (void                *ctx,
            const unsigned char *text,
            size_t               length)
{
  Stream *stream = ctx;
  Frame *top = &g_array_index (stream->stack, Frame, stream->stack->len - 1);

  g_free (top->key);
  top->key = g_strndup ((const char *)text, length);

  return 1;
}

/* As deep as rh_json_check() allows: the stream also runs beside the check
 * and must not build a tree too deep for json-glib to free recursively. */
#define MAX_DEPTH 257

static int
open_container (Stream   *stream,
                JsonNode *node)
{
  Frame frame = { node, NULL };

  if (stream->stack->len >= MAX_DEPTH)
    {
      json_node_unref (node);
      return 0;
    }

  /* The root's array_member: its elements go to the callback. */
  if (stream->stack->len == 1 && JSON_NODE_HOLDS_ARRAY (node) &&
      JSON_NODE_HOLDS_OBJECT (g_array_index (stream->stack, Frame, 0).node) &&
      g_strcmp0 (g_array_index (stream->stack, Frame, 0).key, stream->array_member) == 0)
    stream->streaming = TRUE;

  g_array_append_val (stream->stack, frame);

  return 1;
}

static int
on_start_map (void *ctx)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, json_object_new ());

  return open_container (ctx, node);
}

static int
on_start_array (void *ctx)
{
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  json_node_take_array (node, json_array_new ());

  return open_container (ctx, node);
}

static int
on_end_container (void *ctx)
{
  Stream *stream = ctx;
  Frame *top = &g_array_index (stream->stack, Frame, stream->stack->len - 1);
  JsonNode *node = g_steal_pointer (&top->node);

  if (stream->stack->len == 2)
    stream->streaming = FALSE;
  g_array_set_size (stream->stack, stream->stack->len - 1);

  return add_value (stream, node);
}

static const yajl_callbacks callbacks = {
  .yajl_null = on_null,
  .yajl_boolean = on_boolean,
  .yajl_number = on_number,
  .yajl_string = on_string,
  .yajl_start_map = on_start_map,
  .yajl_map_key = on_map_key,
  .yajl_end_map = on_end_container,
  .yajl_start_array = on_start_array,
  .yajl_end_array = on_end_container,
};

/**
 * rh_json_stream_parse:
 * @data: a JSON document that rh_json_check() accepted
 * @array_member: the member of the root object whose array is streamed
 * @func: (scope call): called with each element of that array
 *
 * Parses @data, handing each element of the root's @array_member to @func
 * instead of keeping it. The root is returned with that array empty; any
 * other value of @array_member (not an array) is kept as it is.
 *
 * Returns: (transfer full) (nullable): the root, %NULL for blank input or
 *   with @error set
 */
JsonNode *
rh_json_stream_parse (const char               *data,
                      gsize                     length,
                      const char               *array_member,
                      RhJsonStreamElementFunc   func,
                      gpointer                  user_data,
                      GError                  **error)
{
  Stream stream = {
    g_array_new (FALSE, TRUE, sizeof (Frame)), NULL, array_member, func, user_data, 0, FALSE, g_string_new (NULL),
  };
  yajl_handle handle;
  yajl_status status;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (array_member != NULL && func != NULL, NULL);

  g_array_set_clear_func (stream.stack, clear_frame);
  handle = yajl_alloc (&callbacks, NULL, &stream);
  /* The caller checks the encoding and the escapes (rh_json_check()) and
   * only trusts the result once both pass. */
  yajl_config (handle, yajl_dont_validate_strings, 1);

  status = yajl_parse (handle, (const unsigned char *)data, length);
  if (status == yajl_status_ok)
    status = yajl_complete_parse (handle);

  if (status != yajl_status_ok)
    {
      unsigned char *message = yajl_get_error (handle, FALSE, (const unsigned char *)data, length);

      g_set_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_PARSE, "%s", g_strchomp ((char *)message));
      yajl_free_error (handle, message);
      g_clear_pointer (&stream.root, json_node_unref);
    }

  yajl_free (handle);
  g_array_unref (stream.stack);
  g_string_free (stream.scratch, TRUE);

  return stream.root;
}
