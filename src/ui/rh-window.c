/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rh-window"

#include "config.h"

#include <glib/gi18n.h>

#include "rh-card-editor-window.h"
#include "rh-cards-page.h"
#include "rh-check-database.h"
#include "rh-deck-store.h"
#include "rh-interview-page.h"
#include "rh-scheduler.h"
#include "rh-statistics-page.h"
#include "rh-study-page.h"
#include "rh-study-queue.h"
#include "rh-topic-dialogs.h"
#include "rh-topic-model.h"
#include "rh-topic-row.h"
#include "rh-window.h"
#include "rh-toasts.h"
#include "rh-button-names.h"

struct _RhWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwLeaflet           *leaflet;
  GtkWidget            *content_box;
  GtkListView          *topic_view;
  AdwViewSwitcherTitle *switcher_title;
  AdwViewSwitcherBar   *switcher_bar;
  AdwViewStack         *view_stack;
  AdwBin               *study_bin;
  AdwBin               *interview_bin;
  AdwBin               *cards_bin;
  AdwBin               *statistics_bin;
  GtkToggleButton      *search_button;
  AdwToastOverlay      *toast_overlay;
  GtkRevealer          *damage_revealer;
  GtkLabel             *damage_label;
  GtkRevealer          *import_revealer;
  GtkLabel             *import_label;
  GtkProgressBar       *import_progress;

  /* Owned, a child of topic_view: the menu of a topic */
  GtkWidget            *topic_menu;

  /* Borrowed: the pages, owned by their bins */
  RhStudyPage          *study_page;
  RhCardsPage          *cards_page;
  RhStatisticsPage     *statistics_page;

  /* Owned */
  RhDatabase           *database;
  RhStudySettings      *study_settings;
  RhScheduler          *scheduler;
  RhStudyQueue         *queue;
  RhTopicModel         *top_model;
  GtkTreeListModel     *tree_model;
  GtkSingleSelection   *topic_selection;
  RhTopic              *selected_topic;
  GSignalGroup         *topic_signals;
  GSettings            *settings;
  GtkFileChooserNative *chooser;
  GCancellable         *import_cancellable;   /* while an import runs */
  char                 *import_name;
};

G_DEFINE_FINAL_TYPE (RhWindow, rh_window, ADW_TYPE_APPLICATION_WINDOW)

enum { PROP_0, PROP_DATABASE, PROP_STUDY_SETTINGS, PROP_SELECTED_TOPIC, PROP_IMPORTING, N_PROPS };
static GParamSpec *properties[N_PROPS];

/* The header says what the selected topic holds. */
static void
update_title (RhWindow *self)
{
  g_autofree char *subtitle = NULL;
  RhTopic *topic = self->selected_topic;

  if (topic == NULL)
    return;

  adw_view_switcher_title_set_title (self->switcher_title, rh_topic_get_name (topic));
  subtitle = rh_topic_dup_counts_text (topic);
  adw_view_switcher_title_set_subtitle (self->switcher_title, subtitle);
}

static void
topic_notify_cb (RhWindow   *self,
                 GParamSpec *pspec,
                 RhTopic    *topic)
{
  update_title (self);
}

static void
set_selected_topic (RhWindow *self,
                    RhTopic  *topic)
{
  if (!g_set_object (&self->selected_topic, topic))
    return;

  g_signal_group_set_target (self->topic_signals, topic);

  if (topic != NULL)
    {
      rh_cards_page_set_topic (self->cards_page, topic);
      rh_statistics_page_set_topic_path (self->statistics_page, rh_topic_get_path (topic));
      rh_study_queue_set_topic_path (self->queue, rh_topic_get_path (topic));
      g_settings_set_string (self->settings, "selected-topic", rh_topic_get_path (topic));
    }

  update_title (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_TOPIC]);
}

static void
selection_changed_cb (RhWindow           *self,
                      GParamSpec         *pspec,
                      GtkSingleSelection *selection)
{
  GtkTreeListRow *row = gtk_single_selection_get_selected_item (selection);
  g_autoptr(RhTopic) topic = NULL;

  /* get_item() returns a reference of our own. */
  if (row != NULL && (topic = gtk_tree_list_row_get_item (row)))
    set_selected_topic (self, topic);
}

/* A topic was chosen: show its page, with the keys working at once. */
static void
show_content (RhWindow *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
  rh_window_focus_content (self);
}

static void
topic_activate_cb (RhWindow    *self,
                   guint        position,
                   GtkListView *view)
{
  show_content (self);
}

/* The menu of @topic, at @rect of the sidebar; "All Topics" has none. */
static void
open_topic_menu (RhWindow           *self,
                 RhTopic            *topic,
                 const GdkRectangle *rect)
{
  g_autoptr(GMenu) menu = NULL;
  g_autoptr(GMenuItem) item = NULL;
  static const struct { const char *label; const char *action; } items[] = {
    { N_("_Rename…"), "win.rename-topic" },
    { N_("_Move…"), "win.move-topic" },
    { N_("_Delete…"), "win.delete-topic" },
  };

  /* Folded away behind the page, the sidebar has no rows to point at. */
  if (topic == NULL || rh_topic_is_root (topic) || !gtk_widget_get_mapped (GTK_WIDGET (self->topic_view)))
    return;

  menu = g_menu_new ();
  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      item = g_menu_item_new (_(items[i].label), NULL);
      g_menu_item_set_action_and_target_value (item, items[i].action,
                                               g_variant_new_string (rh_topic_get_path (topic)));
      g_menu_append_item (menu, item);
      g_clear_object (&item);
    }

  gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (self->topic_menu), G_MENU_MODEL (menu));
  gtk_popover_set_pointing_to (GTK_POPOVER (self->topic_menu), rect);
  gtk_popover_popup (GTK_POPOVER (self->topic_menu));
}

/* From the keyboard: the selected topic's menu, at its focused row. */
static void
open_selected_topic_menu (RhWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  GdkRectangle rect = { 0, 0, gtk_widget_get_width (GTK_WIDGET (self->topic_view)), 1 };
  graphene_rect_t bounds;

  if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->topic_view)) &&
      gtk_widget_compute_bounds (focus, GTK_WIDGET (self->topic_view), &bounds))
    rect = (GdkRectangle) { bounds.origin.x, bounds.origin.y, bounds.size.width, bounds.size.height };

  open_topic_menu (self, self->selected_topic, &rect);
}

/* A right click or a long press selects the row under it and opens its
 * menu there. */
static void
open_topic_menu_at (RhWindow *self,
                    double    x,
                    double    y)
{
  GtkWidget *picked = gtk_widget_pick (GTK_WIDGET (self->topic_view), x, y, GTK_PICK_DEFAULT);
  GtkTreeListRow *row = NULL;

  for (GtkWidget *w = picked; w != NULL && w != GTK_WIDGET (self->topic_view); w = gtk_widget_get_parent (w))
    if (GTK_IS_TREE_EXPANDER (w))
      {
        row = gtk_tree_expander_get_list_row (GTK_TREE_EXPANDER (w));
        break;
      }

  if (row == NULL)
    return;

  gtk_single_selection_set_selected (self->topic_selection, gtk_tree_list_row_get_position (row));
  open_topic_menu (self, self->selected_topic, &(GdkRectangle) { x, y, 1, 1 });
}

static void
topic_secondary_pressed_cb (RhWindow        *self,
                            int              n_press,
                            double           x,
                            double           y,
                            GtkGestureClick *gesture)
{
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  open_topic_menu_at (self, x, y);
}

static void
topic_long_pressed_cb (RhWindow            *self,
                       double               x,
                       double               y,
                       GtkGestureLongPress *gesture)
{
  open_topic_menu_at (self, x, y);
}

/* The sidebar is one Tab stop, with the arrows inside it: GTK 4.8's list
 * view stops Tab on every row. Tab leaves it by looking past the list as
 * if it could not take focus. */
static gboolean
topic_key_pressed_cb (RhWindow              *self,
                      guint                  keyval,
                      guint                  keycode,
                      GdkModifierType        state,
                      GtkEventControllerKey *controller)
{
  GtkDirectionType direction;
  gboolean moved;

  if (keyval == GDK_KEY_Menu || (keyval == GDK_KEY_F10 && (state & GDK_SHIFT_MASK)))
    {
      open_selected_topic_menu (self);
      return GDK_EVENT_STOP;
    }

  if (keyval == GDK_KEY_Tab || keyval == GDK_KEY_KP_Tab)
    direction = (state & GDK_SHIFT_MASK) ? GTK_DIR_TAB_BACKWARD : GTK_DIR_TAB_FORWARD;
  else if (keyval == GDK_KEY_ISO_Left_Tab)
    direction = GTK_DIR_TAB_BACKWARD;
  else
    return GDK_EVENT_PROPAGATE;

  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK))
    return GDK_EVENT_PROPAGATE;

  gtk_widget_set_can_focus (GTK_WIDGET (self->topic_view), FALSE);
  moved = gtk_widget_child_focus (GTK_WIDGET (self), direction);
  gtk_widget_set_can_focus (GTK_WIDGET (self->topic_view), TRUE);

  return moved ? GDK_EVENT_STOP : GDK_EVENT_PROPAGATE;
}

/* A click picks a topic (the row selects itself first); a click on an
 * expander arrow only opens or closes the subtopics. */
static void
topic_released_cb (RhWindow        *self,
                   int              n_press,
                   double           x,
                   double           y,
                   GtkGestureClick *gesture)
{
  GtkWidget *picked = gtk_widget_pick (GTK_WIDGET (self->topic_view), x, y, GTK_PICK_DEFAULT);

  for (GtkWidget *w = picked; w != NULL && w != GTK_WIDGET (self->topic_view); w = gtk_widget_get_parent (w))
    if (g_strcmp0 (gtk_widget_get_css_name (w), "expander") == 0)
      return;

  if (picked != NULL && n_press == 1)
    show_content (self);
}

static void
topic_setup_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  GtkWidget *expander = gtk_tree_expander_new ();
  GtkWidget *row = rh_topic_row_new ();

  gtk_widget_set_hexpand (row, TRUE);
  gtk_tree_expander_set_child (GTK_TREE_EXPANDER (expander), row);
  gtk_list_item_set_child (item, expander);
}

static void
topic_bind_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GtkTreeExpander *expander = GTK_TREE_EXPANDER (gtk_list_item_get_child (item));
  GtkTreeListRow *row = gtk_list_item_get_item (item);
  g_autoptr(RhTopic) topic = gtk_tree_list_row_get_item (row);

  g_autofree char *subtopics = NULL;

  gtk_tree_expander_set_list_row (expander, row);
  rh_topic_row_set_topic (RH_TOPIC_ROW (gtk_tree_expander_get_child (expander)), topic);

  /* GTK names every expander arrow just "Expand"; say whose subtopics it
   * shows (its expanded state is read out on its own). */
  /* Translators: the accessible name of the arrow that shows a topic's subtopics */
  subtopics = g_strdup_printf (_("Subtopics of %s"), rh_topic_get_name (topic));
  gtk_accessible_update_property (GTK_ACCESSIBLE (expander),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, rh_topic_get_name (topic), -1);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (expander)); child; child = gtk_widget_get_next_sibling (child))
    if (g_strcmp0 (gtk_widget_get_css_name (child), "expander") == 0)
      gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL, subtopics, -1);
}

static void
topic_unbind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  GtkTreeExpander *expander = GTK_TREE_EXPANDER (gtk_list_item_get_child (item));

  gtk_tree_expander_set_list_row (expander, NULL);
  rh_topic_row_set_topic (RH_TOPIC_ROW (gtk_tree_expander_get_child (expander)), NULL);
}

static void
show_error (RhWindow   *self,
            const char *heading,
            const char *body)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("Close"));
  rh_button_names_drop_mnemonics (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* In the visible page's own overlay when it has one, above its buttons. */
static void
add_toast (RhWindow *self,
           AdwToast *toast)
{
  AdwToastOverlay *overlay = rh_toasts_find_overlay (adw_view_stack_get_visible_child (self->view_stack));

  rh_toasts_add (overlay ? overlay : self->toast_overlay, toast);
}

static void
show_toast (RhWindow   *self,
            const char *title)
{
  AdwToast *toast = adw_toast_new (title);

  adw_toast_set_timeout (toast, 5);
  add_toast (self, toast);
}

static char *
dup_display_name (GFile *file)
{
  g_autofree char *basename = g_file_get_basename (file);

  return basename ? g_filename_display_name (basename) : g_file_get_parse_name (file);
}

/* Making cards searchable takes about twice as long as writing them, so
 * writing fills the first third of the bar. */
#define WRITING_SHARE (1.0 / 3.0)

static void
set_import_progress (RhWindow      *self,
                     RhImportStage  stage,
                     guint          done,
                     guint          total)
{
  g_autofree char *text = NULL;
  double fraction = total > 0 ? (double)done / total : 0.0;

  if (stage == RH_IMPORT_STAGE_INDEXING)
    {
      /* Translators: in the bar shown while a deck imports; %s is a file name */
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Importing “%s”: making %u of %u card searchable",
                                           "Importing “%s”: making %u of %u cards searchable",
                                           total),
                              self->import_name, done, total);
      fraction = total > 0 ? WRITING_SHARE + (1.0 - WRITING_SHARE) * fraction : 1.0;
    }
  else
    {
      /* Translators: in the bar shown while a deck imports; %s is a file name */
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Importing “%s”: %u of %u card",
                                           "Importing “%s”: %u of %u cards",
                                           total),
                              self->import_name, done, total);
      fraction *= WRITING_SHARE;
    }
  gtk_label_set_text (self->import_label, text);
  gtk_progress_bar_set_fraction (self->import_progress, fraction);
}

static void
import_progress_cb (RhImportStage stage,
                    guint         done,
                    guint         total,
                    gpointer      user_data)
{
  RhWindow *self = user_data;

  if (self->import_cancellable != NULL)
    set_import_progress (self, stage, done, total);
}

static void
import_done_cb (GObject      *object,
                GAsyncResult *res,
                gpointer      user_data)
{
  g_autoptr(RhWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *name = g_steal_pointer (&self->import_name);
  RhImportResult result;
  gboolean imported;

  imported = rh_deck_store_import_file_finish (RH_DATABASE (object), res, &result, &error);

  g_clear_object (&self->import_cancellable);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IMPORTING]);

  /* Closed meanwhile: nobody to tell. */
  if (self->database == NULL)
    return;

  gtk_revealer_set_reveal_child (self->import_revealer, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-import", FALSE);

  if (!imported)
    {
      /* Translators: shown when Cancel stopped an import; %s is a file name */
      g_autofree char *cancelled = g_strdup_printf (_("Import of “%s” cancelled, nothing changed"), name);

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_toast (self, cancelled);
      else
        show_error (self, _("Could Not Import Deck"), error->message);
      return;
    }

  /* Translators: shown after importing; %s is a file name */
  summary = g_strdup_printf (_("Imported “%s”: %u added, %u updated, %u unchanged"),
                             name, result.added, result.updated, result.unchanged);
  show_toast (self, summary);
}

static void
import_response_cb (RhWindow             *self,
                    int                   response,
                    GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))))
    rh_window_import_file (self, file);

  g_clear_object (&self->chooser);
}

static void
export_response_cb (RhWindow             *self,
                    int                   response,
                    GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))))
    rh_window_export_file (self, file);

  g_clear_object (&self->chooser);
}

static GtkFileFilter *
json_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Rehearse decks (JSON)"));
  gtk_file_filter_add_mime_type (filter, "application/json");
  gtk_file_filter_add_suffix (filter, "json");

  return filter;
}

/* Once damage is found the model refuses every write; say so where the
 * user works, naming the file and what to do. */
/* A page chosen from the switcher (Alt+S, a click, Space on a button)
 * takes the keyboard; left on the switcher, Space would press the
 * button again instead of showing the answer. */
static void
visible_page_cb (RhWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  if (focus != NULL &&
      (gtk_widget_is_ancestor (focus, GTK_WIDGET (self->switcher_title)) ||
       gtk_widget_is_ancestor (focus, GTK_WIDGET (self->switcher_bar))))
    rh_window_focus_content (self);
}

static void
damaged_cb (RhWindow   *self,
            GParamSpec *pspec,
            RhDatabase *database)
{
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;

  if (!rh_database_get_damaged (database))
    return;

  name = g_path_get_basename (rh_database_get_path (database));
  text = g_strdup_printf (_("“%s” is damaged, so Rehearse will not save any change to it. Check the database to save a repaired copy."),
                          name);
  gtk_label_set_text (self->damage_label, text);
  gtk_revealer_set_reveal_child (self->damage_revealer, TRUE);
}

static void
check_database_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  RhWindow *self = RH_WINDOW (widget);

  rh_check_database_run (GTK_WINDOW (self), rh_database_get_path (self->database));
}

static void
cancel_import_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  RhWindow *self = RH_WINDOW (widget);

  if (self->import_cancellable != NULL)
    g_cancellable_cancel (self->import_cancellable);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RhWindow *self = RH_WINDOW (widget);
  g_autoptr(GtkFileFilter) filter = json_filter ();

  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Import Deck"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Import"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (import_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RhWindow *self = RH_WINDOW (widget);
  g_autoptr(GtkFileFilter) filter = json_filter ();
  g_autofree char *name = NULL;
  const char *title;

  title = self->selected_topic && !rh_topic_is_root (self->selected_topic)
          ? rh_topic_get_name (self->selected_topic)
          : "rehearse";
  name = g_strdup_printf ("%s.json", title);
  g_strdelimit (name, "/\\:", '-');

  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Export Topic"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Export"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (export_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RhWindow *self = RH_WINDOW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
  adw_view_stack_set_visible_child_name (self->view_stack, "cards");
  rh_cards_page_start_search (self->cards_page);
}

/* A topic picked among the Statistics page's readiness rows. */
static void
statistics_open_topic_cb (RhWindow         *self,
                          const char       *path,
                          RhStatisticsPage *page)
{
  rh_window_select_topic (self, path);
}

/* Ctrl+1 … Ctrl+4: the pages in the switcher's order. */
static void
show_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  RhWindow *self = RH_WINDOW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
  rh_window_set_page (self, g_variant_get_string (parameter, NULL));
  rh_window_focus_content (self);
}

/* A card picked on the Cards page is studied right away. */
static void
study_card_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  RhWindow *self = RH_WINDOW (widget);
  g_autoptr(RhCard) card = NULL;
  g_autoptr(GError) error = NULL;

  if (!(card = rh_deck_store_dup_card (self->database, g_variant_get_int64 (parameter), &error)))
    {
      show_error (self, _("Could Not Open Card"), error->message);
      return;
    }

  rh_study_queue_show_card (self->queue, card);
  adw_view_stack_set_visible_child_name (self->view_stack, "study");
  gtk_widget_grab_focus (GTK_WIDGET (self->study_page));
}

static void
card_saved_cb (RhWindow           *self,
               RhCard             *card,
               gboolean            added,
               RhCardEditorWindow *editor)
{
  g_autofree char *title = rh_card_dup_title (card);
  g_autofree char *text = NULL;

  if (added)
    /* Translators: the card's title */
    text = g_strdup_printf (_("Added “%s”"), title);
  else
    /* Translators: the card's title */
    text = g_strdup_printf (_("Saved “%s”"), title);

  show_toast (self, text);
}

static void
present_editor (RhWindow           *self,
                RhCardEditorWindow *editor)
{
  g_signal_connect_object (editor, "saved", G_CALLBACK (card_saved_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

/* Ctrl+N from any page: a new card in the topic selected in the sidebar. */
static void
new_card_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  RhWindow *self = RH_WINDOW (widget);
  const char *topic = NULL;

  if (self->selected_topic != NULL && !rh_topic_is_root (self->selected_topic))
    topic = rh_topic_get_path (self->selected_topic);

  present_editor (self, rh_card_editor_window_new (GTK_WINDOW (self), self->database, topic));
}

/* The same editor on a stored card, by row id, for lists of cards. */
static void
edit_card_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  RhWindow *self = RH_WINDOW (widget);
  g_autoptr(RhCard) card = NULL;
  g_autoptr(GError) error = NULL;

  if (!(card = rh_deck_store_dup_card (self->database, g_variant_get_int64 (parameter), &error)))
    {
      show_error (self, _("Could Not Open Card"), error->message);
      return;
    }

  present_editor (self, rh_card_editor_window_new_for_card (GTK_WINDOW (self), self->database, card));
}

/* Ctrl+Z undoes the last answer from any page; text fields take it first. */
static void
undo_answer_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  RhWindow *self = RH_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  AdwToast *toast;

  /* Ctrl+Z undoes the last answer from any page, except on the Cards
   * page with an operation to undo, wherever the focus is: there it is
   * what the user just did. */
  if (g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "cards") == 0 &&
      rh_cards_page_get_can_undo (self->cards_page))
    {
      gtk_widget_activate_action (GTK_WIDGET (self->cards_page), "cards.undo", NULL);
      return;
    }

  if (!(toast = rh_study_page_undo (self->study_page, &error)))
    toast = adw_toast_new (error->message);
  add_toast (self, toast);
}

/* Renames @path to @new_path, the sidebar's selection following the
 * topic it was on, and says so in a toast that can undo it. */
static void
rename_topic (RhWindow   *self,
              const char *path,
              const char *new_path,
              gboolean    undoable)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *normalized = NULL;
  g_autofree char *moved = NULL;
  g_autofree char *title = NULL;
  /* The selected row goes away with the old path while the sidebar
   * refreshes: remember where it was. */
  g_autofree char *selected = g_strdup (self->selected_topic ? rh_topic_get_path (self->selected_topic) : "");
  AdwToast *toast;

  if (!(normalized = rh_topic_path_normalize (new_path, &error)) ||
      !rh_deck_store_rename_topic (self->database, path, normalized, &error))
    {
      show_error (self, _("Could Not Rename Topic"), error->message);
      return;
    }

  moved = rh_topic_path_rebase (selected, path, normalized);
  if (!rh_window_select_topic (self, moved ? moved : selected))
    rh_window_select_topic (self, "");

  /* Translators: in a toast after a topic was renamed or moved; both are topic paths */
  title = g_strdup_printf (_("“%1$s” is now “%2$s”"), path, normalized);
  toast = adw_toast_new (title);
  adw_toast_set_timeout (toast, 5);
  if (undoable)
    {
      adw_toast_set_button_label (toast, _("Undo"));
      adw_toast_set_action_name (toast, "win.undo-rename-topic");
      adw_toast_set_action_target_value (toast, g_variant_new ("(ss)", normalized, path));
    }
  add_toast (self, toast);
}

/* What a topic dialog chose: a new path, or NULL to delete. */
static void
topic_chosen_cb (GtkWindow  *parent,
                 const char *path,
                 const char *new_path)
{
  RhWindow *self = RH_WINDOW (parent);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  if (new_path != NULL)
    {
      rename_topic (self, path, new_path, TRUE);
      return;
    }

  if (!rh_deck_store_delete_topic (self->database, path, &error))
    {
      show_error (self, _("Could Not Delete Topic"), error->message);
      return;
    }

  /* Translators: in a toast; %s is a topic path */
  title = g_strdup_printf (_("Deleted topic “%s”"), path);
  show_toast (self, title);
}

static void
rename_topic_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  RhWindow *self = RH_WINDOW (widget);

  rh_topic_dialogs_ask_rename (GTK_WINDOW (self), self->database, g_variant_get_string (parameter, NULL),
                               g_str_equal (action_name, "win.move-topic"), topic_chosen_cb);
}

static void
delete_topic_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  RhWindow *self = RH_WINDOW (widget);

  rh_topic_dialogs_ask_delete (GTK_WINDOW (self), self->database, g_variant_get_string (parameter, NULL),
                               topic_chosen_cb);
}

/* From the toast of a rename: (the path now, the path before). */
static void
undo_rename_topic_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  const char *path, *old_path;

  g_variant_get (parameter, "(&s&s)", &path, &old_path);
  rename_topic (RH_WINDOW (widget), path, old_path, FALSE);
}

static void
topic_menu_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  open_selected_topic_menu (RH_WINDOW (widget));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  adw_leaflet_navigate (RH_WINDOW (widget)->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static gboolean
drop_cb (RhWindow      *self,
         const GValue  *value,
         double         x,
         double         y,
         GtkDropTarget *target)
{
  GSList *files;
  gboolean any = FALSE;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;

  files = g_value_get_boxed (value);
  for (GSList *l = files; l != NULL; l = l->next)
    {
      GFile *file = l->data;
      g_autofree char *name = dup_display_name (file);

      if (!g_str_has_suffix (name, ".json"))
        {
          g_autofree char *body =
            g_strdup_printf (_("“%s” is not a deck: Rehearse imports decks saved as .json files."), name);
          show_error (self, _("Could Not Import Deck"), body);
          continue;
        }

      any |= rh_window_import_file (self, file);
    }

  return any;
}

static gboolean
rh_window_close_request (GtkWindow *window)
{
  RhWindow *self = RH_WINDOW (window);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));

  return GTK_WINDOW_CLASS (rh_window_parent_class)->close_request (window);
}

static void
rh_window_constructed (GObject *object)
{
  RhWindow *self = (RhWindow *)object;
  g_autoptr(GListStore) parts = g_list_store_new (G_TYPE_LIST_MODEL);
  g_autoptr(GListStore) root = g_list_store_new (RH_TYPE_TOPIC);
  GtkFlattenListModel *flat;

  /* Read before the sidebar's first selection overwrites it. */
  g_autofree char *remembered = g_settings_get_string (self->settings, "selected-topic");

  G_OBJECT_CLASS (rh_window_parent_class)->constructed (object);

  g_assert (self->database != NULL);

  if (self->study_settings == NULL)
    self->study_settings = rh_study_settings_new ();
  self->scheduler = rh_scheduler_new (self->database, self->study_settings);
  self->queue = rh_study_queue_new (self->scheduler, "");
  self->study_page = RH_STUDY_PAGE (rh_study_page_new (self->queue));
  adw_bin_set_child (self->study_bin, GTK_WIDGET (self->study_page));
  /* An import holds the file: answers wait for it instead of the window. */
  g_object_bind_property (self, "importing", self->study_page, "importing", G_BINDING_SYNC_CREATE);
  self->cards_page = RH_CARDS_PAGE (rh_cards_page_new (self->database));
  adw_bin_set_child (self->cards_bin, GTK_WIDGET (self->cards_page));
  g_object_bind_property (self->search_button, "active", self->cards_page, "search-mode",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  adw_bin_set_child (self->interview_bin, rh_interview_page_new (self->scheduler));
  {
    g_autoptr(RhStatistics) statistics = rh_statistics_new (self->database, self->study_settings);

    self->statistics_page = RH_STATISTICS_PAGE (rh_statistics_page_new (statistics));
    adw_bin_set_child (self->statistics_bin, GTK_WIDGET (self->statistics_page));
    g_signal_connect_object (self->statistics_page, "open-topic", G_CALLBACK (statistics_open_topic_cb), self,
                             G_CONNECT_SWAPPED);
  }

  /* An in-memory database has no file to check. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.check-database",
                                 rh_database_get_path (self->database) != NULL);
  g_signal_connect_object (self->database, "notify::damaged", G_CALLBACK (damaged_cb), self, G_CONNECT_SWAPPED);
  damaged_cb (self, NULL, self->database);

  /* "All Topics" first, then the top-level topics beside it. */
  self->top_model = rh_topic_model_new (self->database, "");
  g_list_store_append (root, rh_topic_model_get_parent (self->top_model));
  g_list_store_append (parts, root);
  g_list_store_append (parts, self->top_model);
  flat = gtk_flatten_list_model_new (G_LIST_MODEL (g_steal_pointer (&parts)));

  self->tree_model = gtk_tree_list_model_new (G_LIST_MODEL (flat), FALSE, FALSE,
                                              rh_topic_model_create_children,
                                              g_object_ref (self->database), g_object_unref);
  self->topic_selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->tree_model)));
  gtk_single_selection_set_autoselect (self->topic_selection, TRUE);
  gtk_list_view_set_model (self->topic_view, GTK_SELECTION_MODEL (self->topic_selection));

  g_signal_connect_object (self->topic_selection, "notify::selected-item",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
  selection_changed_cb (self, NULL, self->topic_selection);

  /* Come back to the topic studied last time. */
  if (!rh_window_select_topic (self, remembered))
    rh_window_select_topic (self, "");

  /* Open on the card, folded or not, so that Space shows the answer from
   * the start rather than pressing the first header button. */
  adw_leaflet_set_visible_child (self->leaflet, self->content_box);
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->study_page));
}

static void
rh_window_dispose (GObject *object)
{
  RhWindow *self = (RhWindow *)object;

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);

  /* An import that was running is rolled back; it still finishes. */
  if (self->import_cancellable != NULL)
    g_cancellable_cancel (self->import_cancellable);

  g_clear_pointer (&self->topic_menu, gtk_widget_unparent);
  gtk_widget_dispose_template (GTK_WIDGET (self), RH_TYPE_WINDOW);
  /* Borrowed from their bins, which went with the template. */
  self->study_page = NULL;
  self->cards_page = NULL;
  self->statistics_page = NULL;

  g_clear_object (&self->topic_signals);
  g_clear_object (&self->selected_topic);
  g_clear_object (&self->topic_selection);
  g_clear_object (&self->tree_model);
  g_clear_object (&self->top_model);
  g_clear_object (&self->queue);
  g_clear_object (&self->scheduler);
  g_clear_object (&self->study_settings);
  g_clear_object (&self->settings);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (rh_window_parent_class)->dispose (object);
}

static void
rh_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  RhWindow *self = RH_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      g_value_set_object (value, self->database);
      break;

    case PROP_STUDY_SETTINGS:
      g_value_set_object (value, self->study_settings);
      break;

    case PROP_SELECTED_TOPIC:
      g_value_set_object (value, self->selected_topic);
      break;

    case PROP_IMPORTING:
      g_value_set_boolean (value, rh_window_get_importing (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rh_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  RhWindow *self = RH_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      self->database = g_value_dup_object (value);
      break;

    case PROP_STUDY_SETTINGS:
      self->study_settings = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rh_window_class_init (RhWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = rh_window_constructed;
  object_class->dispose = rh_window_dispose;
  object_class->get_property = rh_window_get_property;
  object_class->set_property = rh_window_set_property;

  window_class->close_request = rh_window_close_request;

  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL, RH_TYPE_DATABASE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_STUDY_SETTINGS] =
    g_param_spec_object ("study-settings", NULL, NULL, RH_TYPE_STUDY_SETTINGS,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SELECTED_TOPIC] =
    g_param_spec_object ("selected-topic", NULL, NULL, RH_TYPE_TOPIC,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_IMPORTING] =
    g_param_spec_boolean ("importing", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/rh-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RhWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, RhWindow, content_box);
  gtk_widget_class_bind_template_child (widget_class, RhWindow, topic_view);
  gtk_widget_class_bind_template_child (widget_class, RhWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, RhWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, RhWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, RhWindow, study_bin);
  gtk_widget_class_bind_template_child (widget_class, RhWindow, interview_bin);
  gtk_widget_class_bind_template_child (widget_class, RhWindow, cards_bin);
  gtk_widget_class_bind_template_child (widget_class, RhWindow, statistics_bin);
  gtk_widget_class_bind_template_child (widget_class, RhWindow, search_button);
  gtk_widget_class_bind_template_child (widget_class, RhWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RhWindow, damage_revealer);
  gtk_widget_class_bind_template_child (widget_class, RhWindow, damage_label);
  gtk_widget_class_bind_template_child (widget_class, RhWindow, import_revealer);
  gtk_widget_class_bind_template_child (widget_class, RhWindow, import_label);
  gtk_widget_class_bind_template_child (widget_class, RhWindow, import_progress);

  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-import", NULL, cancel_import_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.check-database", NULL, check_database_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "win.study-card", "x", study_card_action);
  gtk_widget_class_install_action (widget_class, "win.undo-answer", NULL, undo_answer_action);
  gtk_widget_class_install_action (widget_class, "win.new-card", NULL, new_card_action);
  gtk_widget_class_install_action (widget_class, "win.edit-card", "x", edit_card_action);
  gtk_widget_class_install_action (widget_class, "win.rename-topic", "s", rename_topic_action);
  gtk_widget_class_install_action (widget_class, "win.move-topic", "s", rename_topic_action);
  gtk_widget_class_install_action (widget_class, "win.delete-topic", "s", delete_topic_action);
  gtk_widget_class_install_action (widget_class, "win.undo-rename-topic", "(ss)", undo_rename_topic_action);
  gtk_widget_class_install_action (widget_class, "win.topic-menu", NULL, topic_menu_action);
  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.import", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo-answer", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new-card", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_CONTROL_MASK, "win.show-page", "s", "study");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_CONTROL_MASK, "win.show-page", "s", "interview");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_CONTROL_MASK, "win.show-page", "s", "cards");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_4, GDK_CONTROL_MASK, "win.show-page", "s", "statistics");
}

static void
rh_window_init (RhWindow *self)
{
  GtkListItemFactory *factory;
  GtkDropTarget *target;
  GtkGesture *click;
  GtkGesture *long_press;
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-import", FALSE);
  g_signal_connect_object (self->view_stack, "notify::visible-child", G_CALLBACK (visible_page_cb),
                           self, G_CONNECT_SWAPPED);

  self->settings = g_settings_new (APP_ID);
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (topic_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (topic_bind_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (topic_unbind_cb), NULL);
  gtk_list_view_set_factory (self->topic_view, factory);
  g_object_unref (factory);
  g_signal_connect_object (self->topic_view, "activate", G_CALLBACK (topic_activate_cb), self, G_CONNECT_SWAPPED);
  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect_object (click, "released", G_CALLBACK (topic_released_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->topic_view), GTK_EVENT_CONTROLLER (click));
  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect_object (click, "pressed", G_CALLBACK (topic_secondary_pressed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->topic_view), GTK_EVENT_CONTROLLER (click));
  long_press = gtk_gesture_long_press_new ();
  g_signal_connect_object (long_press, "pressed", G_CALLBACK (topic_long_pressed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->topic_view), GTK_EVENT_CONTROLLER (long_press));
  self->topic_menu = gtk_popover_menu_new_from_model (NULL);
  gtk_popover_set_position (GTK_POPOVER (self->topic_menu), GTK_POS_BOTTOM);
  gtk_widget_set_halign (self->topic_menu, GTK_ALIGN_START);
  gtk_widget_set_parent (self->topic_menu, GTK_WIDGET (self->topic_view));
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (topic_key_pressed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->topic_view), keys);

  /* Follows whichever topic is selected: its counts are in the title. */
  self->topic_signals = g_signal_group_new (RH_TYPE_TOPIC);
  g_signal_group_connect_object (self->topic_signals, "notify", G_CALLBACK (topic_notify_cb),
                                 self, G_CONNECT_SWAPPED);

  target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_object (target, "drop", G_CALLBACK (drop_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
}

/**
 * rh_window_new:
 *
 * Returns: (transfer full): a new window on @database
 */
RhWindow *
rh_window_new (RhApplication *application,
               RhDatabase    *database)
{
  g_return_val_if_fail (RH_IS_DATABASE (database), NULL);

  return g_object_new (RH_TYPE_WINDOW,
                       "application", application,
                       "database", database,
                       "study-settings", application ? rh_application_get_study_settings (application) : NULL,
                       NULL);
}

/**
 * rh_window_get_database:
 *
 * Returns: (transfer none): the database
 */
RhDatabase *
rh_window_get_database (RhWindow *self)
{
  g_return_val_if_fail (RH_IS_WINDOW (self), NULL);
  return self->database;
}

/**
 * rh_window_get_selected_topic:
 *
 * Returns: (transfer none) (nullable): the topic chosen in the sidebar
 */
RhTopic *
rh_window_get_selected_topic (RhWindow *self)
{
  g_return_val_if_fail (RH_IS_WINDOW (self), NULL);
  return self->selected_topic;
}

/**
 * rh_window_select_topic:
 * @path: a topic path, "" for all topics
 *
 * Selects @path in the sidebar, expanding its ancestors.
 *
 * Returns: whether the topic was found
 */
gboolean
rh_window_select_topic (RhWindow   *self,
                        const char *path)
{
  GListModel *rows;
  g_auto(GStrv) parts = NULL;
  g_autoptr(GString) prefix = g_string_new (NULL);
  guint start = 0;

  g_return_val_if_fail (RH_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  rows = G_LIST_MODEL (self->tree_model);
  if (*path == '\0')
    {
      gtk_single_selection_set_selected (self->topic_selection, 0);
      return TRUE;
    }

  parts = rh_topic_path_split (path);
  for (guint i = 0; parts[i]; i++)
    {
      gboolean found = FALSE;

      if (i > 0)
        g_string_append (prefix, RH_TOPIC_SEPARATOR);
      g_string_append (prefix, parts[i]);

      for (guint pos = start; pos < g_list_model_get_n_items (rows); pos++)
        {
          g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, pos);
          RhTopic *topic = gtk_tree_list_row_get_item (row);

          if (g_strcmp0 (rh_topic_get_path (topic), prefix->str) == 0)
            {
              if (parts[i + 1] == NULL)
                gtk_single_selection_set_selected (self->topic_selection, pos);
              else
                gtk_tree_list_row_set_expanded (row, TRUE);

              start = pos + 1;
              found = TRUE;
              g_object_unref (topic);
              break;
            }

          g_object_unref (topic);
        }

      if (!found)
        return FALSE;
    }

  return TRUE;
}

/**
 * rh_window_import_file:
 *
 * Starts importing a deck on a worker thread, with a bar that shows the
 * cards done and can cancel; then says what happened in a toast, or why
 * nothing happened in a dialog. The window stays usable meanwhile.
 *
 * Returns: whether the import started; %FALSE when one is already running
 */
gboolean
rh_window_import_file (RhWindow *self,
                       GFile    *file)
{
  g_return_val_if_fail (RH_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (self->import_cancellable != NULL)
    {
      show_toast (self, _("Another deck is being imported; try again when it is done"));
      return FALSE;
    }

  self->import_cancellable = g_cancellable_new ();
  self->import_name = dup_display_name (file);
  set_import_progress (self, RH_IMPORT_STAGE_WRITING, 0, 0);
  gtk_progress_bar_set_fraction (self->import_progress, 0.0);
  gtk_revealer_set_reveal_child (self->import_revealer, TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-import", TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IMPORTING]);

  rh_deck_store_import_file_async (self->database, file, self->import_cancellable,
                                   import_progress_cb, self, import_done_cb, g_object_ref (self));

  return TRUE;
}

/**
 * rh_window_get_importing:
 *
 * Returns: whether an import started by rh_window_import_file() runs
 */
gboolean
rh_window_get_importing (RhWindow *self)
{
  g_return_val_if_fail (RH_IS_WINDOW (self), FALSE);

  return self->import_cancellable != NULL;
}

/**
 * rh_window_export_file:
 *
 * Exports the selected topic (or everything) to @file.
 *
 * Returns: whether the file was written
 */
gboolean
rh_window_export_file (RhWindow *self,
                       GFile    *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RhDeck) deck = NULL;
  g_autofree char *name = NULL;
  g_autofree char *summary = NULL;
  const char *path;

  g_return_val_if_fail (RH_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  path = self->selected_topic ? rh_topic_get_path (self->selected_topic) : "";

  if (!(deck = rh_deck_store_export_deck (self->database, path, &error)) ||
      !rh_deck_save_to_file (deck, file, &error))
    {
      show_error (self, _("Could Not Export Deck"), error->message);
      return FALSE;
    }

  name = dup_display_name (file);
  summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "Exported %u card to “%s”",
                                          "Exported %u cards to “%s”",
                                          rh_deck_get_n_cards (deck)),
                             rh_deck_get_n_cards (deck), name);
  show_toast (self, summary);

  return TRUE;
}

/**
 * rh_window_get_study_page:
 *
 * Returns: (transfer none): the card view of the Study page
 */
GtkWidget *
rh_window_get_study_page (RhWindow *self)
{
  g_return_val_if_fail (RH_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->study_page);
}

/**
 * rh_window_focus_content:
 *
 * Gives the keyboard to the visible page, so that its keys (Space, 1–4…)
 * work: after a topic is chosen, or a dialog over the window closes.
 */
void
rh_window_focus_content (RhWindow *self)
{
  GtkWidget *page;

  g_return_if_fail (RH_IS_WINDOW (self));

  /* Asked for late, by a dialog that went with the window. */
  if (self->view_stack == NULL || self->study_page == NULL)
    return;

  /* The Study page itself takes the keys, not its first button. */
  if (g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "study") == 0)
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->study_page));
      return;
    }

  page = adw_view_stack_get_visible_child (self->view_stack);
  if (page != NULL && !gtk_widget_child_focus (page, GTK_DIR_TAB_FORWARD))
    gtk_widget_grab_focus (page);
}

/* Shows the "study", "interview", "cards" or "statistics" page. */
void
rh_window_set_page (RhWindow   *self,
                    const char *name)
{
  g_return_if_fail (RH_IS_WINDOW (self));

  adw_view_stack_set_visible_child_name (self->view_stack, name);
}
