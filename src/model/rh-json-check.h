/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean rh_json_check (const char  *data,
                        gsize        length,
                        guint       *line,
                        guint       *column,
                        char       **message);

G_END_DECLS
