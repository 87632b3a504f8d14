/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <pango/pango.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rh-markdown.h"

/* Every markup string the renderer makes must be what a GtkLabel shows:
 * Pango markup plus <a>, which GtkLabel takes out before Pango sees it and
 * which must not nest. <a> becomes <span> here so Pango still checks that
 * it nests with the other tags. */
static void
check_markup (const char *markup)
{
  g_autoptr(GString) for_pango = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  int depth = 0;

  if (markup == NULL || !g_utf8_validate (markup, -1, NULL))
    abort ();

  for (const char *p = markup; *p;)
    {
      /* Text is escaped, so "<a" and "</a>" can only be tags */
      if (g_str_has_prefix (p, "<a ") || g_str_has_prefix (p, "<a>"))
        {
          const char *end = strchr (p, '>');

          if (end == NULL || ++depth > 1)
            abort ();
          g_string_append (for_pango, "<span>");
          p = end + 1;
        }
      else if (g_str_has_prefix (p, "</a>"))
        {
          depth--;
          g_string_append (for_pango, "</span>");
          p += strlen ("</a>");
        }
      else
        g_string_append_c (for_pango, *p++);
    }

  if (!pango_parse_markup (for_pango->str, -1, 0, NULL, NULL, NULL, &error))
    {
      g_printerr ("Invalid markup: %s\n%s\n", error->message, markup);
      abort ();
    }
}

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  /* md4c and the renderer see NUL-terminated text, as from the database */
  g_autofree char *text = g_utf8_make_valid ((const char *)data, size);
  g_autoptr(GPtrArray) blocks = rh_markdown_render (text);
  g_autofree char *plain = rh_markdown_to_plain_text (text);

  if (!g_utf8_validate (plain, -1, NULL))
    abort ();

  for (guint i = 0; i < blocks->len; i++)
    {
      RhMarkdownBlock *block = g_ptr_array_index (blocks, i);

      switch (rh_markdown_block_get_kind (block))
        {
        case RH_MARKDOWN_BLOCK_TEXT:
          check_markup (rh_markdown_block_get_markup (block));
          break;

        case RH_MARKDOWN_BLOCK_TABLE:
          for (guint row = 0; row < rh_markdown_block_get_n_rows (block); row++)
            for (guint col = 0; col < rh_markdown_block_get_n_columns (block); col++)
              check_markup (rh_markdown_block_get_cell (block, row, col));
          break;

        case RH_MARKDOWN_BLOCK_CODE:
          if (!g_utf8_validate (rh_markdown_block_get_code (block), -1, NULL))
            abort ();
          break;

        case RH_MARKDOWN_BLOCK_RULE:
        default:
          break;
        }
    }

  return 0;
}
