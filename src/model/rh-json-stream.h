/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Called with each element of the streamed array, in order; the element is
 * freed when the call returns. */
typedef void (*RhJsonStreamElementFunc) (JsonNode *element,
                                         guint     position,
                                         gpointer  user_data);

JsonNode *rh_json_stream_parse (const char               *data,
                                gsize                     length,
                                const char               *array_member,
                                RhJsonStreamElementFunc   func,
                                gpointer                  user_data,
                                GError                  **error);

G_END_DECLS
