/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "rh-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(RhApplication) app = NULL;
  /* build-aux/dev.sh runs the app from the build tree, whose po/ holds the
   * compiled translations in the layout an installed prefix has. */
  const char *localedir = g_getenv ("REHEARSE_LOCALEDIR");

  /* Before any option is parsed: the command-line messages are translated too. */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && *localedir != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = rh_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
