/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rh-markdown-view"

#include "config.h"

#include <math.h>

#include <adwaita.h>
#include <glib/gi18n.h>
#include <gtksourceview/gtksource.h>

#include "rh-markdown.h"
#include "rh-markdown-view.h"

/* Lays out a card's Markdown as widgets: wrapped labels for text, a
 * marker beside a wrapped label for each list item, a read-only
 * GtkSourceView per code block, highlighted for the fence's language and
 * following the light or dark style, a grid for tables. */

/* One list level: a marker column and the gap after it */
#define MARKER_WIDTH 18
#define MARKER_GAP   6
#define LEVEL_INDENT (MARKER_WIDTH + MARKER_GAP)

/* Between blocks, and between the items and blocks of one list */
#define BLOCK_SPACING 12
#define LIST_SPACING  4
struct _RhMarkdownView
{
  GtkWidget  parent_instance;

  /* Owned */
  char      *markdown;
  GPtrArray *buffers;   /* GtkSourceBuffer, restyled when the style changes */

  guint      large : 1;
};

G_DEFINE_FINAL_TYPE (RhMarkdownView, rh_markdown_view, GTK_TYPE_WIDGET)

enum { PROP_0, PROP_MARKDOWN, PROP_LARGE, N_PROPS };
static GParamSpec *properties[N_PROPS];

/* Fence words as people write them → GtkSourceView language ids. */
static const struct { const char *fence; const char *id; } language_aliases[] = {
  { "go", "go" }, { "golang", "go" },
  { "c", "c" }, { "h", "c" }, { "cpp", "cpp" }, { "c++", "cpp" },
  { "sh", "sh" }, { "bash", "sh" }, { "shell", "sh" }, { "console", "sh" }, { "zsh", "sh" },
  { "sql", "sql" }, { "mysql", "sql" },
  { "json", "json" }, { "yaml", "yaml" }, { "yml", "yaml" }, { "toml", "toml" }, { "ini", "ini" },
  { "python", "python3" }, { "py", "python3" },
  { "java", "java" }, { "js", "js" }, { "javascript", "js" }, { "ts", "typescript" },
  { "lua", "lua" }, { "rust", "rust" }, { "diff", "diff" }, { "xml", "xml" }, { "html", "html" },
  { "makefile", "makefile" }, { "dockerfile", "dockerfile" }, { "proto", "proto" },
  { "protobuf", "proto" }, { "nginx", "nginx" },
};

static const char *
scheme_id (void)
{
  return adw_style_manager_get_dark (adw_style_manager_get_default ()) ? "Adwaita-dark" : "Adwaita";
}

static void
apply_scheme (GtkSourceBuffer *buffer)
{
  GtkSourceStyleSchemeManager *schemes = gtk_source_style_scheme_manager_get_default ();

  gtk_source_buffer_set_style_scheme (buffer, gtk_source_style_scheme_manager_get_scheme (schemes, scheme_id ()));
}

static void
dark_changed_cb (RhMarkdownView  *self,
                 GParamSpec      *pspec,
                 AdwStyleManager *manager)
{
  for (guint i = 0; i < self->buffers->len; i++)
    apply_scheme (g_ptr_array_index (self->buffers, i));
}

static GtkWidget *
make_text (RhMarkdownView  *self,
           const char      *markup)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_markup (GTK_LABEL (label), markup);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_halign (label, GTK_ALIGN_FILL);
  /* Selectable labels take focus, and the card's keys must keep working.
   * Not focusable is not enough: GTK 4.8's selectable label still claims
   * Tab without taking focus, so Tab would stop on the widget before it. */
  gtk_widget_set_can_focus (label, FALSE);

  return label;
}

/* Code blocks scroll sideways only, but GTK 4.8's scrolled
 * window keeps every wheel event it gets, so the answer around them would
 * not scroll under the pointer. Vertical motion goes to the scrolled
 * window the view sits in. */
static gboolean
sideways_scroll_cb (GtkEventControllerScroll *controller,
                    double                    dx,
                    double                    dy,
                    gpointer                  user_data)
{
  GtkWidget *inner = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  GtkWidget *outer = gtk_widget_get_parent (inner);
  GtkAdjustment *adjustment;
  double step;

  if (dy == 0 || ABS (dx) > ABS (dy))
    return GDK_EVENT_PROPAGATE;

  while (outer != NULL && !GTK_IS_SCROLLED_WINDOW (outer))
    outer = gtk_widget_get_parent (outer);
  if (outer == NULL)
    return GDK_EVENT_PROPAGATE;

  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (outer));
  /* A wheel click moves as far as GTK's own scrolling would. */
  step = gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_WHEEL
         ? pow (gtk_adjustment_get_page_size (adjustment), 2.0 / 3.0)
         : 1.0;
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + dy * step);

  return GDK_EVENT_STOP;
}

static GtkWidget *
new_sideways_scroller (GtkWidget *child)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkEventController *scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_AUTOMATIC, GTK_POLICY_NEVER);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), child);

  gtk_event_controller_set_propagation_phase (scroll, GTK_PHASE_CAPTURE);
  g_signal_connect (scroll, "scroll", G_CALLBACK (sideways_scroll_cb), NULL);
  gtk_widget_add_controller (scroller, scroll);

  return scroller;
}

static GtkWidget *
make_code (RhMarkdownView        *self,
           const RhMarkdownBlock *block)
{
  g_autoptr(GtkSourceBuffer) buffer = NULL;
  GtkSourceLanguageManager *languages = gtk_source_language_manager_get_default ();
  const char *id = rh_markdown_view_language_id (rh_markdown_block_get_language (block));
  GtkWidget *view, *scroller;

  buffer = gtk_source_buffer_new (NULL);
  if (id != NULL)
    gtk_source_buffer_set_language (buffer, gtk_source_language_manager_get_language (languages, id));
  gtk_source_buffer_set_highlight_matching_brackets (buffer, FALSE);
  gtk_text_buffer_set_text (GTK_TEXT_BUFFER (buffer), rh_markdown_block_get_code (block), -1);
  apply_scheme (buffer);
  g_ptr_array_add (self->buffers, g_object_ref (buffer));

  view = gtk_source_view_new_with_buffer (buffer);
  gtk_text_view_set_editable (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_cursor_visible (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_monospace (GTK_TEXT_VIEW (view), TRUE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 9);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 9);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 12);
  gtk_source_view_set_tab_width (GTK_SOURCE_VIEW (view), 4);
  gtk_widget_set_focusable (view, FALSE);
  gtk_widget_add_css_class (view, "rh-code");
  gtk_accessible_update_property (GTK_ACCESSIBLE (view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Code"),
                                  -1);

  /* Long lines scroll sideways instead of wrapping code. */
  scroller = new_sideways_scroller (view);
  gtk_widget_add_css_class (scroller, "card");
  gtk_widget_add_css_class (scroller, "rh-code-block");
  gtk_widget_set_overflow (scroller, GTK_OVERFLOW_HIDDEN);

  return scroller;
}

/* A list item: the marker at the top of its column, right-aligned so
 * that "9." and "10." line up, and the text wrapping beside it. */
static GtkWidget *
make_list_item (RhMarkdownView        *self,
                const RhMarkdownBlock *block)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, MARKER_GAP);
  GtkWidget *marker = gtk_label_new (rh_markdown_block_get_marker (block));
  GtkWidget *text = make_text (self, rh_markdown_block_get_markup (block));

  gtk_label_set_xalign (GTK_LABEL (marker), 1);
  gtk_label_set_yalign (GTK_LABEL (marker), 0);
  gtk_widget_set_size_request (marker, MARKER_WIDTH, -1);
  gtk_widget_set_valign (marker, GTK_ALIGN_START);
  gtk_widget_add_css_class (marker, "rh-list-marker");

  gtk_widget_set_hexpand (text, TRUE);

  gtk_box_append (GTK_BOX (box), marker);
  gtk_box_append (GTK_BOX (box), text);
  gtk_widget_add_css_class (box, "rh-list-item");

  return box;
}

/* Not in a scrolled window: one that may scroll sideways measures its
 * height for the grid's narrowest width, where every cell wraps, and
 * leaves that much space under the table. The cells wrap to fit instead. */
static GtkWidget *
make_table (RhMarkdownView        *self,
            const RhMarkdownBlock *block)
{
  GtkWidget *grid = gtk_grid_new ();

  gtk_grid_set_column_spacing (GTK_GRID (grid), 18);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_widget_add_css_class (grid, "rh-table");

  for (guint row = 0; row < rh_markdown_block_get_n_rows (block); row++)
    for (guint col = 0; col < rh_markdown_block_get_n_columns (block); col++)
      {
        GtkWidget *cell = make_text (self, rh_markdown_block_get_cell (block, row, col));

        gtk_label_set_xalign (GTK_LABEL (cell), rh_markdown_block_get_column_xalign (block, col));
        gtk_label_set_max_width_chars (GTK_LABEL (cell), 40);
        if (rh_markdown_block_row_is_header (block, row))
          gtk_widget_add_css_class (cell, "heading");
        gtk_grid_attach (GTK_GRID (grid), cell, col, row, 1, 1);
      }

  return grid;
}

static void
clear (RhMarkdownView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);

  g_ptr_array_set_size (self->buffers, 0);
}

static void
rebuild (RhMarkdownView *self)
{
  g_autoptr(GPtrArray) blocks = NULL;
  gboolean previous_in_list = FALSE;

  clear (self);

  if (self->markdown == NULL)
    return;

  blocks = rh_markdown_render (self->markdown);
  for (guint i = 0; i < blocks->len; i++)
    {
      RhMarkdownBlock *block = g_ptr_array_index (blocks, i);
      GtkWidget *child = NULL;

      gboolean in_list = rh_markdown_block_get_marker (block) != NULL ||
                         rh_markdown_block_get_indent (block) > 0;

      switch (rh_markdown_block_get_kind (block))
        {
        case RH_MARKDOWN_BLOCK_TEXT:
          if (rh_markdown_block_get_marker (block) != NULL)
            child = make_list_item (self, block);
          else
            child = make_text (self, rh_markdown_block_get_markup (block));
          if (rh_markdown_block_get_heading_level (block) > 0)
            gtk_widget_add_css_class (child, "rh-heading");
          if (rh_markdown_block_get_quote_depth (block) > 0)
            gtk_widget_add_css_class (child, "rh-quote");
          break;

        case RH_MARKDOWN_BLOCK_CODE:
          child = make_code (self, block);
          break;

        case RH_MARKDOWN_BLOCK_RULE:
          child = gtk_separator_new (GTK_ORIENTATION_HORIZONTAL);
          break;

        case RH_MARKDOWN_BLOCK_TABLE:
          child = make_table (self, block);
          break;

        default:
          g_assert_not_reached ();
        }

      /* A list's items sit closer together than paragraphs do */
      if (i > 0)
        gtk_widget_set_margin_top (child, in_list && previous_in_list ? LIST_SPACING : BLOCK_SPACING);
      previous_in_list = in_list;

      gtk_widget_set_margin_start (child, LEVEL_INDENT * rh_markdown_block_get_indent (block));
      gtk_widget_set_parent (child, GTK_WIDGET (self));
    }
}

static void
rh_markdown_view_dispose (GObject *object)
{
  RhMarkdownView *self = (RhMarkdownView *)object;

  clear (self);

  G_OBJECT_CLASS (rh_markdown_view_parent_class)->dispose (object);
}

static void
rh_markdown_view_finalize (GObject *object)
{
  RhMarkdownView *self = (RhMarkdownView *)object;

  g_clear_pointer (&self->markdown, g_free);
  g_clear_pointer (&self->buffers, g_ptr_array_unref);

  G_OBJECT_CLASS (rh_markdown_view_parent_class)->finalize (object);
}

static void
rh_markdown_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  RhMarkdownView *self = RH_MARKDOWN_VIEW (object);

  switch (prop_id)
    {
    case PROP_MARKDOWN:
      g_value_set_string (value, self->markdown);
      break;

    case PROP_LARGE:
      g_value_set_boolean (value, self->large);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rh_markdown_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  RhMarkdownView *self = RH_MARKDOWN_VIEW (object);

  switch (prop_id)
    {
    case PROP_MARKDOWN:
      rh_markdown_view_set_markdown (self, g_value_get_string (value));
      break;

    case PROP_LARGE:
      rh_markdown_view_set_large (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rh_markdown_view_class_init (RhMarkdownViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rh_markdown_view_dispose;
  object_class->finalize = rh_markdown_view_finalize;
  object_class->get_property = rh_markdown_view_get_property;
  object_class->set_property = rh_markdown_view_set_property;

  properties[PROP_MARKDOWN] =
    g_param_spec_string ("markdown", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /* For the question: larger text, as on the front of a card. */
  properties[PROP_LARGE] =
    g_param_spec_boolean ("large", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "rh-markdown");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
rh_markdown_view_init (RhMarkdownView *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  /* Each block sets its own space above it */
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 0);

  self->buffers = g_ptr_array_new_with_free_func (g_object_unref);

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (dark_changed_cb), self, G_CONNECT_SWAPPED);
}

GtkWidget *
rh_markdown_view_new (void)
{
  return g_object_new (RH_TYPE_MARKDOWN_VIEW, NULL);
}

const char *
rh_markdown_view_get_markdown (RhMarkdownView *self)
{
  g_return_val_if_fail (RH_IS_MARKDOWN_VIEW (self), NULL);
  return self->markdown;
}

void
rh_markdown_view_set_markdown (RhMarkdownView *self,
                               const char     *markdown)
{
  g_return_if_fail (RH_IS_MARKDOWN_VIEW (self));

  if (g_strcmp0 (self->markdown, markdown) == 0)
    return;

  g_free (self->markdown);
  self->markdown = g_strdup (markdown);
  rebuild (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MARKDOWN]);
}

gboolean
rh_markdown_view_get_large (RhMarkdownView *self)
{
  g_return_val_if_fail (RH_IS_MARKDOWN_VIEW (self), FALSE);
  return self->large;
}

void
rh_markdown_view_set_large (RhMarkdownView *self,
                            gboolean        large)
{
  g_return_if_fail (RH_IS_MARKDOWN_VIEW (self));

  large = !!large;
  if (self->large == large)
    return;

  self->large = large;
  if (large)
    gtk_widget_add_css_class (GTK_WIDGET (self), "large");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "large");

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LARGE]);
}

/**
 * rh_markdown_view_dup_text:
 *
 * Returns: (transfer full): the plain text shown, for tests and accessibility
 */
char *
rh_markdown_view_dup_text (RhMarkdownView *self)
{
  g_return_val_if_fail (RH_IS_MARKDOWN_VIEW (self), NULL);

  return rh_markdown_to_plain_text (self->markdown ? self->markdown : "");
}

const char *
rh_markdown_view_language_id (const char *fence_language)
{
  g_autofree char *lower = NULL;

  if (fence_language == NULL)
    return NULL;

  lower = g_ascii_strdown (fence_language, -1);
  for (guint i = 0; i < G_N_ELEMENTS (language_aliases); i++)
    if (g_str_equal (lower, language_aliases[i].fence))
      return language_aliases[i].id;

  return NULL;
}
