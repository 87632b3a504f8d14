/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "rh-button-names.h"

void
rh_button_names_drop_mnemonics (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  if (GTK_IS_BUTTON (root) && gtk_button_get_label (GTK_BUTTON (root)) != NULL &&
      gtk_button_get_use_underline (GTK_BUTTON (root)))
    {
      /* A fresh label, as the old one keeps its mnemonic relation. */
      g_autofree char *label = g_strdup (gtk_button_get_label (GTK_BUTTON (root)));
      GString *plain = g_string_new (NULL);

      /* "_Close" shows as "Close"; "__" is a literal underscore. */
      for (const char *p = label; *p; p++)
        if (*p != '_' || p[1] == '_')
          g_string_append_c (plain, *p == '_' ? *p++ : *p);

      gtk_button_set_use_underline (GTK_BUTTON (root), FALSE);
      gtk_button_set_child (GTK_BUTTON (root), NULL);
      gtk_button_set_label (GTK_BUTTON (root), plain->str);
      g_string_free (plain, TRUE);
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    rh_button_names_drop_mnemonics (child);
}
