/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rh-toasts"

#include "config.h"

#include <glib/gi18n.h>

#include "rh-button-names.h"
#include "rh-toasts.h"

/* Inside a toast: the close button is the one with an icon and no label;
 * the action button's mnemonic would make GTK 4.8 read "Undo Undo". */
static void
name_toast_buttons (GtkWidget *widget)
{
  if (GTK_IS_BUTTON (widget))
    {
      if (gtk_button_get_label (GTK_BUTTON (widget)) != NULL)
        rh_button_names_drop_mnemonics (widget);
      else if (gtk_button_get_icon_name (GTK_BUTTON (widget)) != NULL)
        gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, _("Dismiss"),
                                        -1);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    name_toast_buttons (child);
}

/* The toasts are the overlay's children with the CSS name "toast". */
static void
name_close_buttons (GtkWidget *overlay)
{
  for (GtkWidget *child = gtk_widget_get_first_child (overlay); child; child = gtk_widget_get_next_sibling (child))
    if (g_strcmp0 (gtk_widget_get_css_name (child), "toast") == 0)
      name_toast_buttons (child);
}

void
rh_toasts_add (AdwToastOverlay *overlay,
               AdwToast        *toast)
{
  g_autofree char *title = NULL;

  g_return_if_fail (ADW_IS_TOAST_OVERLAY (overlay));
  g_return_if_fail (ADW_IS_TOAST (toast));

  /* libadwaita 1.2 always reads the title as markup; escaping here means
   * no caller can forget, and "R&D.json" shows as written. */
  title = g_markup_escape_text (adw_toast_get_title (toast), -1);
  adw_toast_set_title (toast, title);

  adw_toast_overlay_add_toast (overlay, toast);
  /* The widget of a toast shown at once exists now; one queued behind
   * another keeps libadwaita's unnamed button. */
  name_close_buttons (GTK_WIDGET (overlay));
}

AdwToastOverlay *
rh_toasts_find_overlay (GtkWidget *root)
{
  g_return_val_if_fail (GTK_IS_WIDGET (root), NULL);

  if (!gtk_widget_get_mapped (root))
    return NULL;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      AdwToastOverlay *inner = rh_toasts_find_overlay (child);

      if (inner != NULL)
        return inner;
    }

  return ADW_IS_TOAST_OVERLAY (root) ? ADW_TOAST_OVERLAY (root) : NULL;
}
