/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <pango/pango.h>
#include <string.h>

#include "rh-markdown.h"

/* Every markup string must parse, and only with the tags and attributes
 * the renderer means to produce: anything else would be HTML leaking
 * through from the source. GMarkup checks the tags, then Pango parses it
 * as GtkLabel does, which takes the <a> tags out first. */
static void
check_start_element (GMarkupParseContext  *context,
                     const char           *element,
                     const char          **names,
                     const char          **values,
                     gpointer              user_data,
                     GError              **error)
{
  static const char * const tags[] = { "markup", "b", "i", "s", "tt", "span", "a" };
  gboolean known = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (tags); i++)
    known |= g_str_equal (element, tags[i]);

  if (!known)
    {
      g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_UNKNOWN_ELEMENT, "unexpected <%s>", element);
      return;
    }

  for (guint i = 0; names[i] != NULL; i++)
    {
      gboolean ok = (g_str_equal (element, "span") &&
                     (g_str_equal (names[i], "size") || g_str_equal (names[i], "weight"))) ||
                    (g_str_equal (element, "a") &&
                     (g_str_equal (names[i], "href") || g_str_equal (names[i], "title")));

      if (!ok)
        {
          g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_UNKNOWN_ATTRIBUTE,
                       "unexpected %s on <%s>", names[i], element);
          return;
        }
    }
}

static void
assert_valid_markup (const char *markup)
{
  static const GMarkupParser parser = { check_start_element, NULL, NULL, NULL, NULL };
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRegex) anchors = NULL;
  g_autofree char *wrapped = NULL;
  g_autofree char *for_pango = NULL;

  g_assert_nonnull (markup);
  g_assert_true (g_utf8_validate (markup, -1, NULL));

  wrapped = g_strconcat ("<markup>", markup, "</markup>", NULL);
  context = g_markup_parse_context_new (&parser, 0, NULL, NULL);
  if (!g_markup_parse_context_parse (context, wrapped, -1, &error) ||
      !g_markup_parse_context_end_parse (context, &error))
    g_error ("invalid markup %s: %s", markup, error->message);

  /* Attribute values are escaped, so no ">" ends an <a> tag early */
  anchors = g_regex_new ("<a( [^>]*)?>|</a>", 0, 0, NULL);
  for_pango = g_regex_replace_literal (anchors, markup, -1, 0, "", 0, NULL);
  if (!pango_parse_markup (for_pango, -1, 0, NULL, NULL, NULL, &error))
    g_error ("Pango rejects %s: %s", markup, error->message);
}

/* Renders and validates all the markup, so every test checks it */
static GPtrArray *
render (const char *markdown)
{
  GPtrArray *blocks = rh_markdown_render (markdown);

  g_assert_nonnull (blocks);

  for (guint i = 0; i < blocks->len; i++)
    {
      RhMarkdownBlock *block = g_ptr_array_index (blocks, i);

      switch (rh_markdown_block_get_kind (block))
        {
        case RH_MARKDOWN_BLOCK_TEXT:
          assert_valid_markup (rh_markdown_block_get_markup (block));
          g_assert_null (rh_markdown_block_get_code (block));
          break;

        case RH_MARKDOWN_BLOCK_CODE:
          g_assert_nonnull (rh_markdown_block_get_code (block));
          g_assert_null (rh_markdown_block_get_markup (block));
          break;

        case RH_MARKDOWN_BLOCK_TABLE:
          g_assert_null (rh_markdown_block_get_markup (block));
          for (guint row = 0; row < rh_markdown_block_get_n_rows (block); row++)
            for (guint col = 0; col < rh_markdown_block_get_n_columns (block); col++)
              assert_valid_markup (rh_markdown_block_get_cell (block, row, col));
          break;

        case RH_MARKDOWN_BLOCK_RULE:
          g_assert_null (rh_markdown_block_get_markup (block));
          break;

        default:
          g_assert_not_reached ();
        }
    }

  return blocks;
}

static RhMarkdownBlock *
block_at (GPtrArray           *blocks,
          guint                index,
          RhMarkdownBlockKind  kind)
{
  RhMarkdownBlock *block;

  g_assert_cmpuint (index, <, blocks->len);
  block = g_ptr_array_index (blocks, index);
  g_assert_cmpint (rh_markdown_block_get_kind (block), ==, kind);

  return block;
}

/* For inputs that make a single text block */
static void
assert_single_markup (const char *markdown,
                      const char *expected)
{
  g_autoptr(GPtrArray) blocks = render (markdown);

  g_assert_cmpuint (blocks->len, ==, 1);
  g_assert_cmpstr (rh_markdown_block_get_markup (block_at (blocks, 0, RH_MARKDOWN_BLOCK_TEXT)), ==, expected);
}

static void
test_empty (void)
{
  const char *inputs[] = { "", "   ", "\n\n\n", " \t\n  \n" };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(GPtrArray) blocks = render (inputs[i]);
      g_autofree char *plain = rh_markdown_to_plain_text (inputs[i]);

      g_assert_cmpuint (blocks->len, ==, 0);
      g_assert_cmpstr (plain, ==, "");
    }
}

static void
test_paragraphs (void)
{
  g_autoptr(GPtrArray) blocks = render ("First line\nsame paragraph\n\nSecond  \nhard break");
  RhMarkdownBlock *block;

  g_assert_cmpuint (blocks->len, ==, 2);

  block = block_at (blocks, 0, RH_MARKDOWN_BLOCK_TEXT);
  g_assert_cmpstr (rh_markdown_block_get_markup (block), ==, "First line same paragraph");
  g_assert_cmpuint (rh_markdown_block_get_indent (block), ==, 0);
  g_assert_cmpuint (rh_markdown_block_get_quote_depth (block), ==, 0);
  g_assert_cmpuint (rh_markdown_block_get_heading_level (block), ==, 0);

  block = block_at (blocks, 1, RH_MARKDOWN_BLOCK_TEXT);
  g_assert_cmpstr (rh_markdown_block_get_markup (block), ==, "Second\nhard break");
}

static void
test_headings (void)
{
  g_autoptr(GPtrArray) blocks = render ("# One\n\nTwo\n---\n\n### Three *x*\n\n###### Six\n\nbody");

  g_assert_cmpuint (blocks->len, ==, 5);
  g_assert_cmpstr (rh_markdown_block_get_markup (block_at (blocks, 0, RH_MARKDOWN_BLOCK_TEXT)), ==,
                   "<span size=\"x-large\" weight=\"bold\">One</span>");
  g_assert_cmpstr (rh_markdown_block_get_markup (block_at (blocks, 1, RH_MARKDOWN_BLOCK_TEXT)), ==,
                   "<span size=\"large\" weight=\"bold\">Two</span>");
  g_assert_cmpstr (rh_markdown_block_get_markup (block_at (blocks, 2, RH_MARKDOWN_BLOCK_TEXT)), ==,
                   "<span weight=\"bold\">Three <i>x</i></span>");
  g_assert_cmpstr (rh_markdown_block_get_markup (block_at (blocks, 3, RH_MARKDOWN_BLOCK_TEXT)), ==,
                   "<span weight=\"bold\">Six</span>");
  g_assert_cmpstr (rh_markdown_block_get_markup (block_at (blocks, 4, RH_MARKDOWN_BLOCK_TEXT)), ==, "body");

  g_assert_cmpuint (rh_markdown_block_get_heading_level (g_ptr_array_index (blocks, 0)), ==, 1);
  g_assert_cmpuint (rh_markdown_block_get_heading_level (g_ptr_array_index (blocks, 1)), ==, 2);
  g_assert_cmpuint (rh_markdown_block_get_heading_level (g_ptr_array_index (blocks, 2)), ==, 3);
  g_assert_cmpuint (rh_markdown_block_get_heading_level (g_ptr_array_index (blocks, 3)), ==, 6);
  g_assert_cmpuint (rh_markdown_block_get_heading_level (g_ptr_array_index (blocks, 4)), ==, 0);
}

static void
test_emphasis (void)
{
  assert_single_markup ("*em* _em_ **strong** __strong__ ~~gone~~ ~one~",
                        "<i>em</i> <i>em</i> <b>strong</b> <b>strong</b> <s>gone</s> <s>one</s>");
  assert_single_markup ("**bold *both* bold**", "<b>bold <i>both</i> bold</b>");
  assert_single_markup ("not * emphasis * and snake_case_name", "not * emphasis * and snake_case_name");
  assert_single_markup ("\\*escaped\\*", "*escaped*");
}

static void
test_inline_code (void)
{
  assert_single_markup ("Use `a < b && c > \"d\"` here",
                        "Use <tt>a &lt; b &amp;&amp; c &gt; &quot;d&quot;</tt> here");
  /* Markdown inside code spans stays literal */
  assert_single_markup ("`*not em* &amp;`", "<tt>*not em* &amp;amp;</tt>");
  assert_single_markup ("**`GET`**", "<b><tt>GET</tt></b>");
}

static void
test_links (void)
{
  assert_single_markup ("[docs](https://example.com/a?b=1&c=\"2\")",
                        "<a href=\"https://example.com/a?b=1&amp;c=&quot;2&quot;\">docs</a>");
  assert_single_markup ("[t](http://x.org/ \"Say <hi> & 'bye'\")",
                        "<a href=\"http://x.org/\" title=\"Say &lt;hi&gt; &amp; &apos;bye&apos;\">t</a>");
  assert_single_markup ("[**bold** link](https://x.org)", "<a href=\"https://x.org\"><b>bold</b> link</a>");
  assert_single_markup ("<https://go.dev/ref>", "<a href=\"https://go.dev/ref\">https://go.dev/ref</a>");
  assert_single_markup ("see www.postgresql.org now",
                        "see <a href=\"http://www.postgresql.org\">www.postgresql.org</a> now");
  assert_single_markup ("ask ops@example.com",
                        "ask <a href=\"mailto:ops@example.com\">ops@example.com</a>");
  assert_single_markup ("[x](https://a.b/?q=&amp;&lt;)", "<a href=\"https://a.b/?q=&amp;&lt;\">x</a>");

  /* Only web and mail links are clickable; the text always stays */
  assert_single_markup ("[click](javascript:alert(1))", "click");
  assert_single_markup ("[passwd](file:///etc/passwd)", "passwd");
  assert_single_markup ("[rel](docs/intro.md)", "rel");

  /* Images cannot be shown in a label: their alt text is */
  assert_single_markup ("![a *diagram*](https://x.org/d.png)", "a <i>diagram</i>");
}

static void
test_lists (void)
{
  g_autoptr(GPtrArray) blocks = render ("- one\n"
                                        "- two\n"
                                        "  - nested *a*\n"
                                        "    1. deep\n"
                                        "    2. deeper\n"
                                        "       - deepest\n"
                                        "- three\n"
                                        "\n"
                                        "Between\n"
                                        "\n"
                                        "3. three\n"
                                        "4. four\n"
                                        "\n"
                                        "1) paren\n");
  static const struct
  {
    const char *marker;
    guint       indent;
    const char *markup;
  } expected[] = {
    { "•", 0, "one" }, { "•", 0, "two" }, { "◦", 1, "nested <i>a</i>" },
    { "1.", 2, "deep" }, { "2.", 2, "deeper" }, { "▪", 3, "deepest" }, { "•", 0, "three" },
    { NULL, 0, "Between" },
    { "3.", 0, "three" }, { "4.", 0, "four" },
    { "1)", 0, "paren" },
  };
  g_autofree char *plain = NULL;

  /* One block per item, its marker apart, so wrapped lines hang beside it */
  g_assert_cmpuint (blocks->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      RhMarkdownBlock *block = block_at (blocks, i, RH_MARKDOWN_BLOCK_TEXT);

      g_assert_cmpstr (rh_markdown_block_get_marker (block), ==, expected[i].marker);
      g_assert_cmpuint (rh_markdown_block_get_indent (block), ==, expected[i].indent);
      g_assert_cmpstr (rh_markdown_block_get_markup (block), ==, expected[i].markup);
    }

  plain = rh_markdown_to_plain_text ("- one\n- two\n  - nested *a*\n    1. deep\n    2. deeper\n       - deepest\n- three\n");
  g_assert_cmpstr (plain, ==,
                   "• one\n• two\n    ◦ nested a\n        1. deep\n        2. deeper\n            ▪ deepest\n• three");
}

/* Checks the items of a one-level list: marker and markup, in turn */
static void
assert_items (const char         *markdown,
              const char * const *expected)
{
  g_autoptr(GPtrArray) blocks = render (markdown);
  guint n = g_strv_length ((char **)expected) / 2;

  g_assert_cmpuint (blocks->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      RhMarkdownBlock *block = block_at (blocks, i, RH_MARKDOWN_BLOCK_TEXT);

      g_assert_cmpstr (rh_markdown_block_get_marker (block), ==, expected[2 * i]);
      g_assert_cmpstr (rh_markdown_block_get_markup (block), ==, expected[2 * i + 1]);
      g_assert_cmpuint (rh_markdown_block_get_indent (block), ==, 0);
    }
}

static void
test_loose_list (void)
{
  /* An item's paragraphs stay in its block, beside the marker */
  assert_items ("- first\n\n  more about first\n\n- second\n",
                (const char * const[]) { "•", "first\n\nmore about first", "•", "second", NULL });
  assert_items ("- [ ] todo\n- [x] done\n",
                (const char * const[]) { "•", "☐ todo", "•", "☑ done", NULL });
  assert_items ("- line  \n  break", (const char * const[]) { "•", "line\nbreak", NULL });
  assert_items ("7. seven\n8.\n", (const char * const[]) { "7.", "seven", "8.", "", NULL });
}

/* ~~strike~~ is GitHub's: it becomes <s>, in paragraphs, items and cells */
static void
test_strikethrough (void)
{
  g_autoptr(GPtrArray) blocks = render ("Was ~~old~~ new\n\n- an ~~item~~\n\n| a |\n|---|\n| ~~cell~~ |\n");

  g_assert_cmpuint (blocks->len, ==, 3);
  g_assert_cmpstr (rh_markdown_block_get_markup (block_at (blocks, 0, RH_MARKDOWN_BLOCK_TEXT)), ==,
                   "Was <s>old</s> new");
  g_assert_cmpstr (rh_markdown_block_get_markup (block_at (blocks, 1, RH_MARKDOWN_BLOCK_TEXT)), ==,
                   "an <s>item</s>");
  g_assert_cmpstr (rh_markdown_block_get_cell (block_at (blocks, 2, RH_MARKDOWN_BLOCK_TABLE), 1, 0), ==,
                   "<s>cell</s>");
}

static void
test_blockquote (void)
{
  g_autoptr(GPtrArray) blocks = render ("before\n\n> quoted *text*\n> on two lines\n>\n> second\n>\n> > nested\n\nafter");
  RhMarkdownBlock *block;

  g_assert_cmpuint (blocks->len, ==, 4);
  g_assert_cmpstr (rh_markdown_block_get_markup (block_at (blocks, 0, RH_MARKDOWN_BLOCK_TEXT)), ==, "before");

  block = block_at (blocks, 1, RH_MARKDOWN_BLOCK_TEXT);
  g_assert_cmpstr (rh_markdown_block_get_markup (block), ==, "<i>quoted <i>text</i> on two lines\n\nsecond</i>");
  g_assert_cmpuint (rh_markdown_block_get_quote_depth (block), ==, 1);

  block = block_at (blocks, 2, RH_MARKDOWN_BLOCK_TEXT);
  g_assert_cmpstr (rh_markdown_block_get_markup (block), ==, "<i>nested</i>");
  g_assert_cmpuint (rh_markdown_block_get_quote_depth (block), ==, 2);

  block = block_at (blocks, 3, RH_MARKDOWN_BLOCK_TEXT);
  g_assert_cmpstr (rh_markdown_block_get_markup (block), ==, "after");
  g_assert_cmpuint (rh_markdown_block_get_quote_depth (block), ==, 0);
}

static void
test_rule (void)
{
  g_autoptr(GPtrArray) blocks = render ("above\n\n***\n\nbelow\n\n- - -\n");

  g_assert_cmpuint (blocks->len, ==, 4);
  block_at (blocks, 0, RH_MARKDOWN_BLOCK_TEXT);
  block_at (blocks, 1, RH_MARKDOWN_BLOCK_RULE);
  block_at (blocks, 2, RH_MARKDOWN_BLOCK_TEXT);
  block_at (blocks, 3, RH_MARKDOWN_BLOCK_RULE);
}

static void
test_table (void)
{
  g_autoptr(GPtrArray) blocks = render ("| Operation | Cost | Note |\n"
                                        "|:--|--:|:-:|\n"
                                        "| `get` | O(1) | a < b |\n"
                                        "| **put** |\n");
  RhMarkdownBlock *block;

  g_assert_cmpuint (blocks->len, ==, 1);
  block = block_at (blocks, 0, RH_MARKDOWN_BLOCK_TABLE);

  g_assert_cmpuint (rh_markdown_block_get_n_rows (block), ==, 3);
  g_assert_cmpuint (rh_markdown_block_get_n_columns (block), ==, 3);
  g_assert_true (rh_markdown_block_row_is_header (block, 0));
  g_assert_false (rh_markdown_block_row_is_header (block, 1));
  g_assert_false (rh_markdown_block_row_is_header (block, 2));

  g_assert_cmpstr (rh_markdown_block_get_cell (block, 0, 0), ==, "Operation");
  g_assert_cmpstr (rh_markdown_block_get_cell (block, 0, 2), ==, "Note");
  g_assert_cmpstr (rh_markdown_block_get_cell (block, 1, 0), ==, "<tt>get</tt>");
  g_assert_cmpstr (rh_markdown_block_get_cell (block, 1, 1), ==, "O(1)");
  g_assert_cmpstr (rh_markdown_block_get_cell (block, 1, 2), ==, "a &lt; b");
  g_assert_cmpstr (rh_markdown_block_get_cell (block, 2, 0), ==, "<b>put</b>");
  g_assert_cmpstr (rh_markdown_block_get_cell (block, 2, 1), ==, "");
  g_assert_cmpstr (rh_markdown_block_get_cell (block, 2, 2), ==, "");

  g_assert_cmpfloat (rh_markdown_block_get_column_xalign (block, 0), ==, 0.0f);
  g_assert_cmpfloat (rh_markdown_block_get_column_xalign (block, 1), ==, 1.0f);
  g_assert_cmpfloat (rh_markdown_block_get_column_xalign (block, 2), ==, 0.5f);

  g_assert_cmpstr (rh_markdown_block_get_plain_text (block), ==,
                   "Operation\tCost\tNote\nget\tO(1)\ta < b\nput\t\t");
}

static void
test_fenced_code (void)
{
  g_autoptr(GPtrArray) blocks = render ("```go\n"
                                        "if a < b && c > d {\n"
                                        "\tfmt.Println(\"&amp; <b>\")\n"
                                        "}\n"
                                        "```\n"
                                        "\n"
                                        "```\n"
                                        "plain\n"
                                        "\n"
                                        "```\n"
                                        "\n"
                                        "~~~sql extra words\n"
                                        "SELECT 1;\n"
                                        "~~~\n"
                                        "\n"
                                        "```\n"
                                        "```\n");
  RhMarkdownBlock *block;

  g_assert_cmpuint (blocks->len, ==, 4);

  block = block_at (blocks, 0, RH_MARKDOWN_BLOCK_CODE);
  g_assert_cmpstr (rh_markdown_block_get_code (block), ==,
                   "if a < b && c > d {\n\tfmt.Println(\"&amp; <b>\")\n}");
  g_assert_cmpstr (rh_markdown_block_get_language (block), ==, "go");
  g_assert_cmpuint (rh_markdown_block_get_indent (block), ==, 0);

  block = block_at (blocks, 1, RH_MARKDOWN_BLOCK_CODE);
  g_assert_cmpstr (rh_markdown_block_get_code (block), ==, "plain\n");
  g_assert_null (rh_markdown_block_get_language (block));

  block = block_at (blocks, 2, RH_MARKDOWN_BLOCK_CODE);
  g_assert_cmpstr (rh_markdown_block_get_code (block), ==, "SELECT 1;");
  g_assert_cmpstr (rh_markdown_block_get_language (block), ==, "sql");

  block = block_at (blocks, 3, RH_MARKDOWN_BLOCK_CODE);
  g_assert_cmpstr (rh_markdown_block_get_code (block), ==, "");
  g_assert_null (rh_markdown_block_get_language (block));
}

static void
test_indented_code (void)
{
  g_autoptr(GPtrArray) blocks = render ("Run:\n\n    $ ls -l <dir> && echo ok\n      indented more\n\nDone");
  RhMarkdownBlock *block;

  g_assert_cmpuint (blocks->len, ==, 3);
  block = block_at (blocks, 1, RH_MARKDOWN_BLOCK_CODE);
  g_assert_cmpstr (rh_markdown_block_get_code (block), ==, "$ ls -l <dir> && echo ok\n  indented more");
  g_assert_null (rh_markdown_block_get_language (block));
}

/* md4c hands over indentation as spaces; the tabs must come back */
static void
test_code_tabs (void)
{
  static const struct
  {
    const char *markdown;
    const char *code;
  } cases[] = {
    { "```make\nall:\n\tcc -o x x.c\n\t\t@echo done\n```", "all:\n\tcc -o x x.c\n\t\t@echo done" },
    { "```go\nfunc f() {\n\tif x {\n\t\treturn\n\t}\n}\n```", "func f() {\n\tif x {\n\t\treturn\n\t}\n}" },
    { "  ```\n  \tindented fence\n   three\n  ```", "\tindented fence\n three" },
    { "\tcode\n\t\tdeeper\n", "code\n\tdeeper" },
    { "    a\n     \tb\n", "a\n \tb" },
    { "- item\n\n  ```\n  \tx\n  ```", "\tx" },
    { "- item\n\n  ```\n\tx\n  ```", "  x" },
    { "> ```\n> \tx\n>     y\n> ```", "\tx\n    y" },
    { "```\nkeep  \tinner\ttabs\n\n```", "keep  \tinner\ttabs\n" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) blocks = render (cases[i].markdown);
      RhMarkdownBlock *code = NULL;

      for (guint j = 0; j < blocks->len && code == NULL; j++)
        if (rh_markdown_block_get_kind (g_ptr_array_index (blocks, j)) == RH_MARKDOWN_BLOCK_CODE)
          code = g_ptr_array_index (blocks, j);

      g_assert_nonnull (code);
      g_assert_cmpstr (rh_markdown_block_get_code (code), ==, cases[i].code);
    }
}

static void
test_code_in_list (void)
{
  g_autoptr(GPtrArray) blocks = render ("1. Build:\n"
                                        "\n"
                                        "   ```bash\n"
                                        "   make\n"
                                        "   ```\n"
                                        "   then run it.\n"
                                        "2. Ship\n");
  RhMarkdownBlock *block;

  g_assert_cmpuint (blocks->len, ==, 4);

  block = block_at (blocks, 0, RH_MARKDOWN_BLOCK_TEXT);
  g_assert_cmpstr (rh_markdown_block_get_marker (block), ==, "1.");
  g_assert_cmpstr (rh_markdown_block_get_markup (block), ==, "Build:");
  g_assert_cmpuint (rh_markdown_block_get_indent (block), ==, 0);

  block = block_at (blocks, 1, RH_MARKDOWN_BLOCK_CODE);
  g_assert_cmpstr (rh_markdown_block_get_code (block), ==, "make");
  g_assert_cmpstr (rh_markdown_block_get_language (block), ==, "bash");
  g_assert_cmpuint (rh_markdown_block_get_indent (block), ==, 1);

  /* The item's text after the code sits at the item's level */
  block = block_at (blocks, 2, RH_MARKDOWN_BLOCK_TEXT);
  g_assert_cmpstr (rh_markdown_block_get_markup (block), ==, "then run it.");
  g_assert_null (rh_markdown_block_get_marker (block));
  g_assert_cmpuint (rh_markdown_block_get_indent (block), ==, 1);

  block = block_at (blocks, 3, RH_MARKDOWN_BLOCK_TEXT);
  g_assert_cmpstr (rh_markdown_block_get_marker (block), ==, "2.");
  g_assert_cmpstr (rh_markdown_block_get_markup (block), ==, "Ship");
  g_assert_cmpuint (rh_markdown_block_get_indent (block), ==, 0);
}

static void
test_escaping (void)
{
  assert_single_markup ("a < b & c > d \"q\" 'x'",
                        "a &lt; b &amp; c &gt; d &quot;q&quot; &apos;x&apos;");
  assert_single_markup ("AT&T <= 5 &&", "AT&amp;T &lt;= 5 &amp;&amp;");
  assert_single_markup ("</span></markup>", "&lt;/span&gt;&lt;/markup&gt;");
}

static void
test_raw_html (void)
{
  g_autoptr(GPtrArray) blocks = NULL;

  assert_single_markup ("<b>x</b>", "&lt;b&gt;x&lt;/b&gt;");
  assert_single_markup ("Hi <script>alert(1)</script>", "Hi &lt;script&gt;alert(1)&lt;/script&gt;");
  assert_single_markup ("<span foreground=\"red\">x</span>",
                        "&lt;span foreground=&quot;red&quot;&gt;x&lt;/span&gt;");
  assert_single_markup ("<!-- comment -->", "&lt;!-- comment --&gt;");

  /* What would be an HTML block in CommonMark is a paragraph */
  blocks = render ("<div>\n<script>alert(1)</script>\n</div>\n\nafter");
  g_assert_cmpuint (blocks->len, ==, 2);
  g_assert_cmpstr (rh_markdown_block_get_markup (block_at (blocks, 0, RH_MARKDOWN_BLOCK_TEXT)), ==,
                   "&lt;div&gt; &lt;script&gt;alert(1)&lt;/script&gt; &lt;/div&gt;");
}

static void
test_entities (void)
{
  g_autoptr(GPtrArray) blocks = NULL;

  assert_single_markup ("&amp; &lt;b&gt; &quot;", "&amp; &lt;b&gt; &quot;");
  assert_single_markup ("&copy; &rarr; &#65; &#x4E2D; &nbsp;", "© → A 中 \u00A0");
  assert_single_markup ("&nosuchentity; & &#0; &#xD800;", "&amp;nosuchentity; &amp; \uFFFD \uFFFD");

  blocks = render ("&lt;script&gt; &amp;amp;");
  g_assert_cmpstr (rh_markdown_block_get_plain_text (block_at (blocks, 0, RH_MARKDOWN_BLOCK_TEXT)), ==,
                   "<script> &amp;");
}

static void
test_chinese (void)
{
  g_autoptr(GPtrArray) blocks = render ("# 一致性哈希\n\n在分布式缓存中，**一致性哈希**减少了节点变化时的数据迁移。\n\n- 虚拟节点\n- 环");

  g_assert_cmpuint (blocks->len, ==, 4);
  g_assert_cmpstr (rh_markdown_block_get_markup (block_at (blocks, 0, RH_MARKDOWN_BLOCK_TEXT)), ==,
                   "<span size=\"x-large\" weight=\"bold\">一致性哈希</span>");
  g_assert_cmpstr (rh_markdown_block_get_markup (block_at (blocks, 1, RH_MARKDOWN_BLOCK_TEXT)), ==,
                   "在分布式缓存中，<b>一致性哈希</b>减少了节点变化时的数据迁移。");
  g_assert_cmpstr (rh_markdown_block_get_markup (block_at (blocks, 2, RH_MARKDOWN_BLOCK_TEXT)), ==, "虚拟节点");
  g_assert_cmpstr (rh_markdown_block_get_markup (block_at (blocks, 3, RH_MARKDOWN_BLOCK_TEXT)), ==, "环");
}

static void
test_invalid_utf8 (void)
{
  g_autoptr(GPtrArray) blocks = render ("bad \xff\xfe bytes");

  g_assert_cmpuint (blocks->len, ==, 1);
  g_assert_cmpstr (rh_markdown_block_get_markup (block_at (blocks, 0, RH_MARKDOWN_BLOCK_TEXT)), ==,
                   "bad \uFFFD\uFFFD bytes");
}

static void
test_plain_text (void)
{
  g_autofree char *plain = rh_markdown_to_plain_text ("# What is a **B-tree**?\n"
                                                      "\n"
                                                      "A [balanced](https://x.org) tree; `O(log n)` &amp; <b>.\n"
                                                      "\n"
                                                      "---\n"
                                                      "\n"
                                                      "- one\n"
                                                      "- two\n"
                                                      "\n"
                                                      "```c\n"
                                                      "x < y\n"
                                                      "```\n");

  g_assert_cmpstr (plain, ==,
                   "What is a B-tree?\n"
                   "A balanced tree; O(log n) & <b>.\n"
                   "• one\n• two\n"
                   "x < y");
}

/* Inputs that mix everything: whatever md4c makes of them, the markup
 * must stay valid (render() checks it). */
static void
test_always_valid (void)
{
  static const char * const inputs[] = {
    "*unclosed **mixed ~~spans",
    "[link with `code <x>`](https://a.b \"t&\") and **[bold link](http://c.d)**",
    "[outer [inner](https://a.b)](https://c.d)",
    "> - quoted list\n>   ```\n>   code\n>   ```\n> - more\n",
    "- a\n  > quote in list\n  > **bold**\n- b\n  ---\n  | x | y |\n  |---|---|\n  | 1 | 2 |\n",
    "| a |\n|---|\n| [l](https://x.y) `c` ~~s~~ &amp; <i> |\n",
    "# <h1>\n## &\n\n1. \n2. *\n-\n",
    "\\<b\\> \\& &#x110000; &#99999999;",
    "line\\\nbreak *em  \nbroken*",
    "- [x] **done** <em>\n- [ ] ~~no~~",
    "\x01\x02\x7f control",
    /* md4c 0.4.8 leaves these spans out of order or open */
    "*see [docs](https://e.com/a*b)*",
    "_see [docs](https://e.com/a_b)_",
    "~~see [docs](https://e.com/a~~b)~~",
    "**x *see [docs](https://e.com/a*b)* y**",
    "# *see [docs](https://e.com/a*b)*",
    "> *see [docs](https://e.com/a*b)*",
    "- *see [docs](https://e.com/a*b)*\n- _[x](http://a_b)_",
    /* Emphasis left open in a tight list item, then a heading inside it
     * (found by fuzz-markdown) */
    "*\t*[](*)\n\t#",
    "- *open\n  # heading*",
    "| a |\n|---|\n| [x](https://e.com/a |\n",
    "| a | b |\n|---|---|\n| *[x](https://e.com/a*b) | [y](<https://c.d |\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(GPtrArray) blocks = render (inputs[i]);
      g_autofree char *plain = rh_markdown_to_plain_text (inputs[i]);

      g_assert_cmpuint (blocks->len, >, 0);
      g_assert_true (g_utf8_validate (plain, -1, NULL));
    }
}

static void
test_boxed (void)
{
  g_autoptr(GPtrArray) blocks = render ("hello");
  g_autoptr(RhMarkdownBlock) copy = NULL;

  g_assert_true (G_TYPE_IS_BOXED (RH_TYPE_MARKDOWN_BLOCK));

  copy = g_boxed_copy (RH_TYPE_MARKDOWN_BLOCK, g_ptr_array_index (blocks, 0));
  g_clear_pointer (&blocks, g_ptr_array_unref);

  /* The copy is a reference: it outlives the array */
  g_assert_cmpstr (rh_markdown_block_get_markup (copy), ==, "hello");
  g_assert_cmpstr (rh_markdown_block_get_plain_text (copy), ==, "hello");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/markdown/empty", test_empty);
  g_test_add_func ("/markdown/paragraphs", test_paragraphs);
  g_test_add_func ("/markdown/headings", test_headings);
  g_test_add_func ("/markdown/emphasis", test_emphasis);
  g_test_add_func ("/markdown/inline-code", test_inline_code);
  g_test_add_func ("/markdown/links", test_links);
  g_test_add_func ("/markdown/lists", test_lists);
  g_test_add_func ("/markdown/loose-list", test_loose_list);
  g_test_add_func ("/markdown/strikethrough", test_strikethrough);
  g_test_add_func ("/markdown/blockquote", test_blockquote);
  g_test_add_func ("/markdown/rule", test_rule);
  g_test_add_func ("/markdown/table", test_table);
  g_test_add_func ("/markdown/code/fenced", test_fenced_code);
  g_test_add_func ("/markdown/code/indented", test_indented_code);
  g_test_add_func ("/markdown/code/tabs", test_code_tabs);
  g_test_add_func ("/markdown/code/in-list", test_code_in_list);
  g_test_add_func ("/markdown/escaping", test_escaping);
  g_test_add_func ("/markdown/raw-html", test_raw_html);
  g_test_add_func ("/markdown/entities", test_entities);
  g_test_add_func ("/markdown/chinese", test_chinese);
  g_test_add_func ("/markdown/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/markdown/plain-text", test_plain_text);
  g_test_add_func ("/markdown/always-valid", test_always_valid);
  g_test_add_func ("/markdown/boxed", test_boxed);

  return g_test_run ();
}
