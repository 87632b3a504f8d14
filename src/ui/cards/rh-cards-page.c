/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rh-cards-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "rh-button-names.h"
#include "rh-card-cell.h"
#include "rh-card-column-sorter.h"
#include "rh-card-info.h"
#include "rh-card-list.h"
#include "rh-card-operation.h"
#include "rh-cards-page.h"
#include "rh-clock.h"
#include "rh-deck-store.h"
#include "rh-entry-completion.h"
#include "rh-toasts.h"

/* The Cards page is a browser: a column view over the lazy card list,
 * sorted in SQL by the column the user clicks, with a multiple selection
 * that the bulk operations (RhCardOperation) work on. The last operation
 * can be undone from its toast or with Ctrl+Z. Activating a row opens
 * Card info. */

struct _RhCardsPage
{
  AdwBin             parent_instance;

  /* Template widgets */
  GtkSearchBar      *search_bar;
  GtkSearchEntry    *search_entry;
  GtkLabel          *count_label;
  GtkStack          *content_stack;
  GtkColumnView     *column_view;
  AdwStatusPage     *empty_page;
  GtkWidget         *empty_import_button;
  GtkMenuButton     *columns_button;
  GtkRevealer       *selection_revealer;
  GtkLabel          *selection_label;

  /* Owned */
  RhDatabase        *database;
  RhCardList        *card_list;
  RhTopic           *topic;
  GtkMultiSelection *selection;
  GSettings         *settings;
  GSimpleActionGroup *column_actions;
  RhCardOperation   *last_operation;
  AdwToast          *undo_toast;

  /* Borrowed: the view's columns, by RhCardSort */
  GtkColumnViewColumn *columns[RH_CARD_SORT_MODIFIED + 1];

  guint              keep_focus_id;

  /* Mapped once: until then the list reads nothing, so that a window
   * opening on the Study page waits for no deck's list of cards. */
  guint              shown : 1;
  guint              restoring_sort : 1;
  guint              busy : 1;           /* an operation runs on its worker */
};

G_DEFINE_FINAL_TYPE (RhCardsPage, rh_cards_page, ADW_TYPE_BIN)

enum { PROP_0, PROP_DATABASE, PROP_TOPIC, PROP_SEARCH_MODE, N_PROPS };
static GParamSpec *properties[N_PROPS];

/* The columns, in order, with their names in GSettings. */
static const struct {
  RhCardSort  column;
  const char *id;
  const char *title;
  int         fixed_width;  /* -1: as wide as its cells */
} column_info[] = {
  { RH_CARD_SORT_QUESTION, "question", N_("Question"), 220 },
  { RH_CARD_SORT_TOPIC, "topic", N_("Topic"), 120 },
  { RH_CARD_SORT_STATE, "state", N_("State"), -1 },
  { RH_CARD_SORT_DUE, "due", N_("Due"), -1 },
  { RH_CARD_SORT_INTERVAL, "interval", N_("Interval"), -1 },
  { RH_CARD_SORT_STABILITY, "stability", N_("Stability"), -1 },
  { RH_CARD_SORT_DIFFICULTY, "difficulty", N_("Difficulty"), -1 },
  { RH_CARD_SORT_REPS, "reviews", N_("Reviews"), -1 },
  { RH_CARD_SORT_LAPSES, "lapses", N_("Lapses"), -1 },
  { RH_CARD_SORT_MODIFIED, "modified", N_("Modified"), -1 },
};

static const char *
column_id (RhCardSort column)
{
  for (guint i = 0; i < G_N_ELEMENTS (column_info); i++)
    if (column_info[i].column == column)
      return column_info[i].id;

  return NULL;
}

static GtkWidget *
find_overlay (RhCardsPage *self)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay == NULL && gtk_widget_get_root (GTK_WIDGET (self)) != NULL)
    overlay = GTK_WIDGET (rh_toasts_find_overlay (GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (self)))));

  return overlay;
}

static void
show_toast (RhCardsPage *self,
            AdwToast    *toast_in)
{
  g_autoptr(AdwToast) toast = toast_in;
  GtkWidget *overlay = find_overlay (self);

  if (overlay != NULL)
    rh_toasts_add (ADW_TOAST_OVERLAY (overlay), g_steal_pointer (&toast));
  else
    g_message ("%s", adw_toast_get_title (toast));
}

static void
show_error (RhCardsPage  *self,
            const GError *error)
{
  show_toast (self, adw_toast_new (error->message));
}

static void
show_empty (RhCardsPage *self,
            const char  *icon_name,
            const char  *title,
            const char  *description,
            gboolean     offer_import)
{
  adw_status_page_set_icon_name (self->empty_page, icon_name);
  adw_status_page_set_title (self->empty_page, title);
  adw_status_page_set_description (self->empty_page, description);
  gtk_widget_set_visible (self->empty_import_button, offer_import);
  gtk_stack_set_visible_child_name (self->content_stack, "empty");
}

/* While searching, how many cards match, under the entry. */
static void
update_count (RhCardsPage *self)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->card_list));
  const char *search_error = rh_card_list_get_search_error (self->card_list);
  g_autofree char *text = NULL;

  if (*rh_card_list_get_search (self->card_list) == '\0')
    {
      gtk_widget_set_visible (GTK_WIDGET (self->count_label), FALSE);
      return;
    }

  /* A filter it cannot read: what is wrong, in place of the count. */
  if (search_error != NULL)
    {
      gtk_label_set_label (self->count_label, search_error);
      gtk_widget_remove_css_class (GTK_WIDGET (self->count_label), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (self->count_label), "error");
      gtk_widget_set_visible (GTK_WIDGET (self->count_label), TRUE);
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->count_label), "error");
  gtk_widget_add_css_class (GTK_WIDGET (self->count_label), "dim-label");

  /* Translators: how many cards match the search */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u card", "%u cards", n_items), n_items);
  gtk_label_set_label (self->count_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->count_label), TRUE);
}

static void
update_content (RhCardsPage *self)
{
  if (!self->shown)
    return;

  update_count (self);

  if (g_list_model_get_n_items (G_LIST_MODEL (self->card_list)) > 0)
    gtk_stack_set_visible_child_name (self->content_stack, "cards");
  else if (rh_card_list_get_search_error (self->card_list) != NULL)
    show_empty (self, "edit-find-symbolic", _("Search Not Understood"),
                _("The message under the search field says why"), FALSE);
  else if (*rh_card_list_get_search (self->card_list) != '\0')
    show_empty (self, "edit-find-symbolic", _("No Results Found"), _("Try a different search"), FALSE);
  else if (rh_deck_store_count_cards (self->database) == 0)
    show_empty (self, APP_ID "-symbolic", _("No Cards Yet"),
                _("Write a card, or import a deck in JSON format or drop one on this window"), TRUE);
  else
    show_empty (self, "view-list-symbolic", _("No Cards in This Topic"), NULL, FALSE);
}

static guint
count_selected (RhCardsPage *self)
{
  g_autoptr(GtkBitset) set = NULL;

  if (self->selection == NULL)
    return 0;

  set = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));

  return (guint)MIN (gtk_bitset_get_size (set), G_MAXUINT);
}

static void
update_selection (RhCardsPage *self)
{
  guint n = count_selected (self);
  static const char * const actions[] = {
    "cards.info", "cards.suspend", "cards.unsuspend", "cards.move", "cards.add-tag",
    "cards.remove-tag", "cards.forget", "cards.reschedule", "cards.delete",
  };

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), actions[i], n > 0 && (!self->busy || i == 0));

  if (n > 0)
    {
      /* Translators: how many cards are selected in the card browser */
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u selected", "%u selected", n), n);

      gtk_label_set_label (self->selection_label, text);
    }
  gtk_revealer_set_reveal_child (self->selection_revealer, n > 0);
}

static void
selection_changed_cb (RhCardsPage    *self,
                      guint           position,
                      guint           n_items,
                      GtkSelectionModel *model)
{
  update_selection (self);
}

/* A new search or topic starts at the top with fresh rows and nothing
 * selected. GTK 4.8's list views also lose their place when most rows
 * change at once, and show nothing until scrolled; a new selection
 * model resets them. */
static void
restart_list (RhCardsPage *self)
{
  if (!self->shown)
    return;

  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_func (self->selection, selection_changed_cb, self);
  g_clear_object (&self->selection);

  self->selection = gtk_multi_selection_new (G_LIST_MODEL (g_object_ref (self->card_list)));
  g_signal_connect_object (self->selection, "selection-changed", G_CALLBACK (selection_changed_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  update_selection (self);
}

/* The row ids of the selected cards, in list order; no card is read. */
static GArray *
dup_selected_ids (RhCardsPage *self)
{
  g_autoptr(GtkBitset) set = NULL;
  GtkBitsetIter iter;
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint position;

  if (self->selection == NULL)
    return ids;

  set = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  for (gboolean more = gtk_bitset_iter_init_first (&iter, set, &position); more;
       more = gtk_bitset_iter_next (&iter, &position))
    {
      gint64 id = rh_card_list_get_id (self->card_list, position);

      if (id > 0)
        g_array_append_val (ids, id);
    }

  return ids;
}

static void
setup_cell_cb (RhCardsPage              *self,
               GtkListItem              *item,
               GtkSignalListItemFactory *factory)
{
  RhCardSort column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "rh-column"));

  gtk_list_item_set_child (item, rh_card_cell_new (column));
}

static void
bind_cell_cb (RhCardsPage              *self,
              GtkListItem              *item,
              GtkSignalListItemFactory *factory)
{
  RhCardCell *cell = RH_CARD_CELL (gtk_list_item_get_child (item));

  rh_card_cell_set_search (cell, rh_card_list_get_search (self->card_list));
  rh_card_cell_set_card (cell, gtk_list_item_get_item (item));
}

static void
unbind_cell_cb (RhCardsPage              *self,
                GtkListItem              *item,
                GtkSignalListItemFactory *factory)
{
  rh_card_cell_set_card (RH_CARD_CELL (gtk_list_item_get_child (item)), NULL);
}

static void
items_changed_cb (RhCardsPage *self,
                  guint        position,
                  guint        removed,
                  guint        added,
                  GListModel  *model)
{
  update_content (self);
}

static void
search_changed_cb (RhCardsPage    *self,
                   GtkSearchEntry *entry)
{
  rh_card_list_set_search (self->card_list, gtk_editable_get_text (GTK_EDITABLE (entry)));
  restart_list (self);
  update_content (self);
}

static void
stop_search_cb (RhCardsPage    *self,
                GtkSearchEntry *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  rh_cards_page_set_search_mode (self, FALSE);
}

static void
search_mode_cb (RhCardsPage  *self,
                GParamSpec   *pspec,
                GtkSearchBar *search_bar)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH_MODE]);
}

static void
open_info (RhCardsPage *self,
           gint64       card_id)
{
  GtkWidget *info = rh_card_info_new (self->database, card_id);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (info), GTK_WINDOW (root));
  gtk_window_present (GTK_WINDOW (info));
}

/* Enter or a double click on a row shows its Card info. */
static void
activate_cb (RhCardsPage   *self,
             guint          position,
             GtkColumnView *view)
{
  gint64 id = rh_card_list_get_id (self->card_list, position);

  if (id > 0)
    open_info (self, id);
}

/* The column the user clicked, read from the view (see
 * rh-card-column-sorter.h), sorts the list in SQL, and is remembered. */
static void
sorter_changed_cb (RhCardsPage      *self,
                   GtkSorterChange   change,
                   GtkSorter        *sorter)
{
  gboolean descending = FALSE;
  RhCardSort sort = rh_card_column_sorter_read (sorter, &descending);
  g_autofree char *value = NULL;

  /* Most rows move: a fresh start, as for a new search. */
  rh_card_list_set_sort (self->card_list, sort, descending);
  restart_list (self);

  if (self->restoring_sort)
    return;

  value = sort == RH_CARD_SORT_DEFAULT ? g_strdup ("") : g_strdup_printf ("%s%s", descending ? "-" : "", column_id (sort));
  g_settings_set_string (self->settings, "card-sort", value);
}

static void
save_columns (RhCardsPage *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) ids = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (column_info); i++)
    if (gtk_column_view_column_get_visible (self->columns[column_info[i].column]))
      g_strv_builder_add (builder, column_info[i].id);

  ids = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "card-columns", (const char * const *)ids);
}

/* GTK 4.8 names neither the header row nor its sort buttons: each title
 * is named by its label, the row by what it does. */
static void
name_column_titles (RhCardsPage *self)
{
  GtkWidget *header = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));

  if (header == NULL || GTK_IS_SCROLLED_WINDOW (header))
    return;

  gtk_accessible_update_property (GTK_ACCESSIBLE (header), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Sort by Column"), -1);
  for (GtkWidget *title = gtk_widget_get_first_child (header); title != NULL;
       title = gtk_widget_get_next_sibling (title))
    {
      GtkWidget *label = title;

      while (label != NULL && !GTK_IS_LABEL (label))
        label = gtk_widget_get_first_child (label);
      if (label != NULL)
        gtk_accessible_update_property (GTK_ACCESSIBLE (title), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                        gtk_label_get_text (GTK_LABEL (label)), -1);
    }
}

static void
column_state_cb (RhCardsPage   *self,
                 GVariant      *state,
                 GSimpleAction *action)
{
  const char *name = g_action_get_name (G_ACTION (action));

  for (guint i = 0; i < G_N_ELEMENTS (column_info); i++)
    if (g_str_equal (column_info[i].id, name))
      {
        /* The question always shows: a row must say which card it is. */
        gboolean visible = g_variant_get_boolean (state) || column_info[i].column == RH_CARD_SORT_QUESTION;

        gtk_column_view_column_set_visible (self->columns[column_info[i].column], visible);
        g_simple_action_set_state (action, g_variant_new_boolean (visible));
      }

  save_columns (self);
}

static void
toast_undo_cb (RhCardsPage *self,
               AdwToast    *toast)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "cards.undo", NULL);
}

static void
toast_dismissed_cb (RhCardsPage *self,
                    AdwToast    *toast)
{
  if (self->undo_toast == toast)
    g_clear_object (&self->undo_toast);
}

/* The focused row can go with the cards an operation took out of the
 * list; the focus then stays in the page, on the next thing a Tab
 * reaches, so that the keys (Ctrl+Z first) still reach the page. Run
 * once the list has laid out its rows again. */
static gboolean
keep_focus_cb (gpointer user_data)
{
  RhCardsPage *self = user_data;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  self->keep_focus_id = 0;
  if (root != NULL && gtk_widget_get_mapped (GTK_WIDGET (self)) && gtk_root_get_focus (root) == NULL &&
      !gtk_widget_child_focus (GTK_WIDGET (self->column_view), GTK_DIR_TAB_FORWARD))
    gtk_widget_child_focus (GTK_WIDGET (self), GTK_DIR_TAB_FORWARD);

  return G_SOURCE_REMOVE;
}

/* No second operation starts while one runs on its worker. */
static void
set_busy (RhCardsPage *self,
          gboolean     busy)
{
  if (!busy && self->keep_focus_id == 0)
    self->keep_focus_id = g_idle_add (keep_focus_cb, self);

  self->busy = busy;
  update_selection (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "cards.undo", !busy && self->last_operation != NULL);
}

static void
apply_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(RhCardsPage) self = user_data;
  RhCardOperation *operation = RH_CARD_OPERATION (source);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  AdwToast *toast;

  if (!rh_card_operation_apply_finish (operation, result, &error))
    {
      if (self->database != NULL)
        {
          set_busy (self, FALSE);
          show_error (self, error);
        }
      return;
    }

  /* Closed meanwhile: the change stays, with nothing to undo it from. */
  if (self->database == NULL)
    return;

  g_set_object (&self->last_operation, operation);
  set_busy (self, FALSE);

  if (self->undo_toast != NULL)
    adw_toast_dismiss (self->undo_toast);

  title = rh_card_operation_dup_title (operation);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (toast_undo_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (toast_dismissed_cb), self, G_CONNECT_SWAPPED);
  g_set_object (&self->undo_toast, toast);
  show_toast (self, toast);
}

/* Applies @operation (transfer full) on a worker, then says so in a toast
 * with Undo and keeps it for Ctrl+Z. */
static void
run_operation (RhCardsPage     *self,
               RhCardOperation *operation_in)
{
  g_autoptr(RhCardOperation) operation = operation_in;

  if (self->busy)
    return;

  set_busy (self, TRUE);
  rh_card_operation_apply_async (operation, NULL, apply_done_cb, g_object_ref (self));
}

static void
undo_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(RhCardsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean undone = rh_card_operation_undo_finish (RH_CARD_OPERATION (source), result, &error);

  if (self->database == NULL)
    return;

  set_busy (self, FALSE);
  if (!undone)
    show_error (self, error);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  RhCardsPage *self = RH_CARDS_PAGE (widget);
  g_autoptr(RhCardOperation) operation = NULL;

  if (self->busy)
    return;

  operation = g_steal_pointer (&self->last_operation);
  gtk_widget_action_set_enabled (widget, "cards.undo", FALSE);
  if (self->undo_toast != NULL)
    adw_toast_dismiss (self->undo_toast);

  if (operation == NULL || !rh_card_operation_get_applied (operation))
    return;

  set_busy (self, TRUE);
  rh_card_operation_undo_async (operation, NULL, undo_done_cb, g_object_ref (self));
}

static void
info_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  RhCardsPage *self = RH_CARDS_PAGE (widget);
  g_autoptr(GArray) ids = dup_selected_ids (self);

  if (ids->len > 0)
    open_info (self, g_array_index (ids, gint64, 0));
}

static void
suspend_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  RhCardsPage *self = RH_CARDS_PAGE (widget);
  g_autoptr(GArray) ids = dup_selected_ids (self);

  if (ids->len > 0)
    run_operation (self, rh_card_operation_new_suspend (self->database, (gint64 *)ids->data, ids->len,
                                                        g_str_equal (action_name, "cards.suspend")));
}

static void
forget_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RhCardsPage *self = RH_CARDS_PAGE (widget);
  g_autoptr(GArray) ids = dup_selected_ids (self);

  if (ids->len > 0)
    run_operation (self, rh_card_operation_new_forget (self->database, (gint64 *)ids->data, ids->len));
}

/* A question with a field; the entry's text goes to the response. */
typedef void (*TextFunc) (RhCardsPage *self,
                          GArray      *ids,
                          const char  *response,
                          GtkWidget   *field);

static void
text_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  RhCardsPage      *self)
{
  TextFunc func = g_object_get_data (G_OBJECT (dialog), "rh-func");
  GArray *ids = g_object_get_data (G_OBJECT (dialog), "rh-ids");
  GtkWidget *field = adw_message_dialog_get_extra_child (dialog);

  if (!g_str_equal (response, "cancel"))
    func (self, ids, response, field);
}

static void
ask (RhCardsPage *self,
     const char  *heading,
     const char  *body,
     GtkWidget   *field,
     const char  *response,
     const char  *response_label,
     TextFunc     func)
{
  g_autoptr(GArray) ids = dup_selected_ids (self);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  if (ids->len == 0)
    return;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    response, response_label,
                                    NULL);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), response);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  if (g_str_equal (response, "delete"))
    adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), response, ADW_RESPONSE_DESTRUCTIVE);
  else
    adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), response, ADW_RESPONSE_SUGGESTED);
  if (field != NULL)
    adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), field);

  g_object_set_data_full (G_OBJECT (dialog), "rh-ids", g_steal_pointer (&ids), (GDestroyNotify)g_array_unref);
  g_object_set_data (G_OBJECT (dialog), "rh-func", func);
  g_signal_connect_object (dialog, "response", G_CALLBACK (text_response_cb), self, 0);
  rh_button_names_drop_mnemonics (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* An entry whose Enter answers the dialog it is in. */
static void
entry_activate_cb (GtkEntry *entry,
                   gpointer  user_data)
{
  GtkWidget *dialog = gtk_widget_get_ancestor (GTK_WIDGET (entry), ADW_TYPE_MESSAGE_DIALOG);

  /* As the default button would: answer, then close. */
  if (dialog != NULL)
    {
      adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog),
                                   adw_message_dialog_get_default_response (ADW_MESSAGE_DIALOG (dialog)));
      gtk_window_close (GTK_WINDOW (dialog));
    }
}

static GtkWidget *
new_entry (const char *text,
           const char *accessible_name)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_editable_set_text (GTK_EDITABLE (entry), text ? text : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_name, -1);
  g_signal_connect (entry, "activate", G_CALLBACK (entry_activate_cb), NULL);

  return entry;
}

static void
move_response (RhCardsPage *self,
               GArray      *ids,
               const char  *response,
               GtkWidget   *field)
{
  const char *path = gtk_editable_get_text (GTK_EDITABLE (field));
  RhCardOperation *operation = rh_card_operation_new_move (self->database, (gint64 *)ids->data, ids->len, path);

  if (operation == NULL)
    {
      show_toast (self, adw_toast_new (_("That is not a topic: write names joined by “::”")));
      return;
    }

  run_operation (self, operation);
}

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  RhCardsPage *self = RH_CARDS_PAGE (widget);
  GtkWidget *entry = new_entry (self->topic ? rh_topic_get_path (self->topic) : "", _("Topic"));

  rh_entry_complete_topics (GTK_ENTRY (entry), self->database);
  ask (self, _("Move to Topic"), _("Write the topic's path, such as “Redis::Persistence”. A new topic is made."),
       entry, "move", _("_Move"), move_response);
}

static void
tag_response (RhCardsPage *self,
              GArray      *ids,
              const char  *response,
              GtkWidget   *field)
{
  const char *tag = gtk_editable_get_text (GTK_EDITABLE (field));
  RhCardOperation *operation = rh_card_operation_new_tag (self->database, (gint64 *)ids->data, ids->len, tag,
                                                          g_str_equal (response, "add"));

  if (operation == NULL)
    {
      show_toast (self, adw_toast_new (_("A tag cannot be empty")));
      return;
    }

  run_operation (self, operation);
}

static void
tag_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  RhCardsPage *self = RH_CARDS_PAGE (widget);
  GtkWidget *entry = new_entry (NULL, _("Tag"));

  rh_entry_complete_tags (GTK_ENTRY (entry), self->database, RH_ENTRY_TAGS_READ_NOW);
  if (g_str_equal (action_name, "cards.add-tag"))
    ask (self, _("Add Tag"), NULL, entry, "add", _("_Add"), tag_response);
  else
    ask (self, _("Remove Tag"), NULL, entry, "remove", _("_Remove"), tag_response);
}

static void
reschedule_response (RhCardsPage *self,
                     GArray      *ids,
                     const char  *response,
                     GtkWidget   *field)
{
  gint64 now = rh_clock_get_now_seconds (rh_database_get_clock (self->database));
  gint64 days = gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (field));

  run_operation (self, rh_card_operation_new_reschedule (self->database, (gint64 *)ids->data, ids->len,
                                                         now + days * 86400));
}

static void
reschedule_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  RhCardsPage *self = RH_CARDS_PAGE (widget);
  GtkWidget *days = gtk_spin_button_new_with_range (0, 36500, 1);

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (days), 1);
  gtk_widget_set_halign (days, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (days), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Days from now"), -1);
  ask (self, _("Reschedule"),
       _("In how many days should the cards be due? Cards never studied stay new."),
       days, "reschedule", _("_Reschedule"), reschedule_response);
}

static void
delete_response (RhCardsPage *self,
                 GArray      *ids,
                 const char  *response,
                 GtkWidget   *field)
{
  run_operation (self, rh_card_operation_new_delete (self->database, (gint64 *)ids->data, ids->len));
}

/* Cards that were never answered go at once (Undo brings them back);
 * losing a history is asked first. */
static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RhCardsPage *self = RH_CARDS_PAGE (widget);
  g_autoptr(GArray) ids = dup_selected_ids (self);
  g_autoptr(RhCardOperation) operation = NULL;
  g_autofree char *heading = NULL;

  if (ids->len == 0)
    return;

  operation = rh_card_operation_new_delete (self->database, (gint64 *)ids->data, ids->len);
  if (!rh_card_operation_has_reviews (operation))
    {
      run_operation (self, g_steal_pointer (&operation));
      return;
    }

  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Delete %u Card?", "Delete %u Cards?", ids->len), ids->len);
  ask (self, heading,
       g_dngettext (GETTEXT_PACKAGE, "Its review history is deleted with it.",
                    "Their review history is deleted with them.", ids->len),
       NULL, "delete", _("_Delete"), delete_response);
}

static void
build_columns (RhCardsPage *self)
{
  GMenu *menu = g_menu_new ();

  self->column_actions = g_simple_action_group_new ();

  for (guint i = 0; i < G_N_ELEMENTS (column_info); i++)
    {
      g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) column = NULL;
      g_autoptr(GSimpleAction) action = NULL;
      g_autoptr(GtkSorter) sorter = NULL;
      g_autofree char *detailed = g_strdup_printf ("columns.%s", column_info[i].id);
      RhCardSort sort = column_info[i].column;

      g_object_set_data (G_OBJECT (factory), "rh-column", GINT_TO_POINTER (sort));
      g_signal_connect_object (factory, "setup", G_CALLBACK (setup_cell_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (factory, "bind", G_CALLBACK (bind_cell_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (factory, "unbind", G_CALLBACK (unbind_cell_cb), self, G_CONNECT_SWAPPED);

      column = gtk_column_view_column_new (_(column_info[i].title), g_object_ref (factory));
      /* set_sorter takes its own reference. */
      sorter = rh_card_column_sorter_new (sort);
      gtk_column_view_column_set_sorter (column, sorter);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_expand (column, sort == RH_CARD_SORT_QUESTION);
      if (column_info[i].fixed_width > 0)
        gtk_column_view_column_set_fixed_width (column, column_info[i].fixed_width);
      gtk_column_view_append_column (self->column_view, column);
      self->columns[sort] = column;

      action = g_simple_action_new_stateful (column_info[i].id, NULL, g_variant_new_boolean (TRUE));
      g_signal_connect_object (action, "change-state", G_CALLBACK (column_state_cb), self, G_CONNECT_SWAPPED);
      g_action_map_add_action (G_ACTION_MAP (self->column_actions), G_ACTION (action));
      if (sort != RH_CARD_SORT_QUESTION)
        g_menu_append (menu, _(column_info[i].title), detailed);
    }

  gtk_widget_insert_action_group (GTK_WIDGET (self), "columns", G_ACTION_GROUP (self->column_actions));
  gtk_menu_button_set_menu_model (self->columns_button, G_MENU_MODEL (menu));
  g_object_unref (menu);
}

/* The columns and the sort the user chose last time. */
static void
restore_settings (RhCardsPage *self)
{
  g_auto(GStrv) visible = g_settings_get_strv (self->settings, "card-columns");
  g_autofree char *sort = g_settings_get_string (self->settings, "card-sort");
  gboolean descending = sort[0] == '-';

  for (guint i = 0; i < G_N_ELEMENTS (column_info); i++)
    {
      gboolean shown = column_info[i].column == RH_CARD_SORT_QUESTION ||
                       g_strv_contains ((const char * const *)visible, column_info[i].id);

      gtk_column_view_column_set_visible (self->columns[column_info[i].column], shown);
      g_action_group_change_action_state (G_ACTION_GROUP (self->column_actions), column_info[i].id,
                                          g_variant_new_boolean (shown));
    }

  self->restoring_sort = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (column_info); i++)
    if (g_str_equal (sort + descending, column_info[i].id))
      gtk_column_view_sort_by_column (self->column_view, self->columns[column_info[i].column],
                                      descending ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);
  self->restoring_sort = FALSE;
}

static void
rh_cards_page_constructed (GObject *object)
{
  RhCardsPage *self = (RhCardsPage *)object;

  G_OBJECT_CLASS (rh_cards_page_parent_class)->constructed (object);

  g_assert (RH_IS_DATABASE (self->database));

  self->card_list = rh_card_list_new (self->database, "", NULL);
  self->settings = g_settings_new (APP_ID);
  build_columns (self);
  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed",
                           G_CALLBACK (sorter_changed_cb), self, G_CONNECT_SWAPPED);
  restore_settings (self);
  name_column_titles (self);

  restart_list (self);
  g_signal_connect_object (self->card_list, "items-changed", G_CALLBACK (items_changed_cb),
                           self, G_CONNECT_SWAPPED);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "cards.undo", FALSE);
  update_selection (self);
  update_content (self);
}

/* The first time the page shows, its list is read and shown. */
static void
rh_cards_page_map (GtkWidget *widget)
{
  RhCardsPage *self = RH_CARDS_PAGE (widget);

  if (!self->shown)
    {
      self->shown = TRUE;
      restart_list (self);
      update_content (self);
    }

  GTK_WIDGET_CLASS (rh_cards_page_parent_class)->map (widget);
}

static void
rh_cards_page_dispose (GObject *object)
{
  RhCardsPage *self = (RhCardsPage *)object;

  g_clear_handle_id (&self->keep_focus_id, g_source_remove);
  if (self->undo_toast != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->undo_toast, self);
      g_clear_object (&self->undo_toast);
    }

  gtk_widget_insert_action_group (GTK_WIDGET (self), "columns", NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), RH_TYPE_CARDS_PAGE);
  g_clear_object (&self->selection);
  g_clear_object (&self->card_list);
  g_clear_object (&self->column_actions);
  g_clear_object (&self->settings);
  g_clear_object (&self->last_operation);
  g_clear_object (&self->topic);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (rh_cards_page_parent_class)->dispose (object);
}

static void
rh_cards_page_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  RhCardsPage *self = RH_CARDS_PAGE (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      g_value_set_object (value, self->database);
      break;

    case PROP_TOPIC:
      g_value_set_object (value, self->topic);
      break;

    case PROP_SEARCH_MODE:
      g_value_set_boolean (value, rh_cards_page_get_search_mode (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rh_cards_page_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  RhCardsPage *self = RH_CARDS_PAGE (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      self->database = g_value_dup_object (value);
      break;

    case PROP_TOPIC:
      rh_cards_page_set_topic (self, g_value_get_object (value));
      break;

    case PROP_SEARCH_MODE:
      rh_cards_page_set_search_mode (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rh_cards_page_class_init (RhCardsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = rh_cards_page_constructed;
  object_class->dispose = rh_cards_page_dispose;
  object_class->get_property = rh_cards_page_get_property;
  object_class->set_property = rh_cards_page_set_property;

  widget_class->map = rh_cards_page_map;

  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL, RH_TYPE_DATABASE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_TOPIC] =
    g_param_spec_object ("topic", NULL, NULL, RH_TYPE_TOPIC,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SEARCH_MODE] =
    g_param_spec_boolean ("search-mode", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/rh-cards-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RhCardsPage, search_bar);
  gtk_widget_class_bind_template_child (widget_class, RhCardsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, RhCardsPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, RhCardsPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, RhCardsPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, RhCardsPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, RhCardsPage, empty_import_button);
  gtk_widget_class_bind_template_child (widget_class, RhCardsPage, columns_button);
  gtk_widget_class_bind_template_child (widget_class, RhCardsPage, selection_revealer);
  gtk_widget_class_bind_template_child (widget_class, RhCardsPage, selection_label);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_mode_cb);
  gtk_widget_class_bind_template_callback (widget_class, activate_cb);

  gtk_widget_class_install_action (widget_class, "cards.info", NULL, info_action);
  gtk_widget_class_install_action (widget_class, "cards.suspend", NULL, suspend_action);
  gtk_widget_class_install_action (widget_class, "cards.unsuspend", NULL, suspend_action);
  gtk_widget_class_install_action (widget_class, "cards.move", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "cards.add-tag", NULL, tag_action);
  gtk_widget_class_install_action (widget_class, "cards.remove-tag", NULL, tag_action);
  gtk_widget_class_install_action (widget_class, "cards.forget", NULL, forget_action);
  gtk_widget_class_install_action (widget_class, "cards.reschedule", NULL, reschedule_action);
  gtk_widget_class_install_action (widget_class, "cards.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "cards.undo", NULL, undo_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "cards.info", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_j, GDK_CONTROL_MASK, "cards.suspend", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_j, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "cards.unsuspend", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_m, GDK_CONTROL_MASK, "cards.move", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, GDK_CONTROL_MASK, "cards.add-tag", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "cards.remove-tag", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK | GDK_ALT_MASK,
                                       "cards.forget", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "cards.reschedule", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "cards.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "cards.undo", NULL);
}

static void
rh_cards_page_init (RhCardsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* Typing anywhere over the list starts a search. */
  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self->content_stack));
}

/**
 * rh_cards_page_new:
 *
 * Returns: (transfer floating): the Cards page over @database
 */
GtkWidget *
rh_cards_page_new (RhDatabase *database)
{
  g_return_val_if_fail (RH_IS_DATABASE (database), NULL);

  return g_object_new (RH_TYPE_CARDS_PAGE, "database", database, NULL);
}

/**
 * rh_cards_page_get_topic:
 *
 * Returns: (transfer none) (nullable): the topic whose cards are listed
 */
RhTopic *
rh_cards_page_get_topic (RhCardsPage *self)
{
  g_return_val_if_fail (RH_IS_CARDS_PAGE (self), NULL);

  return self->topic;
}

/* @topic: (nullable): lists every card when %NULL */
void
rh_cards_page_set_topic (RhCardsPage *self,
                         RhTopic     *topic)
{
  g_return_if_fail (RH_IS_CARDS_PAGE (self));
  g_return_if_fail (topic == NULL || RH_IS_TOPIC (topic));

  if (!g_set_object (&self->topic, topic))
    return;

  rh_card_list_set_topic_path (self->card_list, topic ? rh_topic_get_path (topic) : "");
  restart_list (self);
  update_content (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOPIC]);
}

gboolean
rh_cards_page_get_search_mode (RhCardsPage *self)
{
  g_return_val_if_fail (RH_IS_CARDS_PAGE (self), FALSE);

  return gtk_search_bar_get_search_mode (self->search_bar);
}

void
rh_cards_page_set_search_mode (RhCardsPage *self,
                               gboolean     search_mode)
{
  g_return_if_fail (RH_IS_CARDS_PAGE (self));

  /* The bar notifies, and search_mode_cb passes it on. */
  gtk_search_bar_set_search_mode (self->search_bar, search_mode);
}

/* Opens the search bar with the keyboard in its entry. */
void
rh_cards_page_start_search (RhCardsPage *self)
{
  g_return_if_fail (RH_IS_CARDS_PAGE (self));

  rh_cards_page_set_search_mode (self, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/**
 * rh_cards_page_get_card_list:
 *
 * Returns: (transfer none): the list the browser shows
 */
RhCardList *
rh_cards_page_get_card_list (RhCardsPage *self)
{
  g_return_val_if_fail (RH_IS_CARDS_PAGE (self), NULL);

  return self->card_list;
}

gboolean
rh_cards_page_get_can_undo (RhCardsPage *self)
{
  g_return_val_if_fail (RH_IS_CARDS_PAGE (self), FALSE);

  return !self->busy && self->last_operation != NULL && rh_card_operation_get_applied (self->last_operation);
}
