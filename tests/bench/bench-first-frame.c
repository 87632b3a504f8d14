/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Time to the first frame of the window, as the app starts it:
 *
 *   bench-first-frame DATABASE
 *
 * Runs the application on DATABASE (made with the built-in deck if it is
 * not there) and prints the milliseconds from main() to the end of the
 * window's first painted frame, then quits. build-aux/bench.sh runs it
 * under Xvfb and a private D-Bus, on a 100k-card database and on one with
 * the built-in deck only, taking turns. */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <stdlib.h>

#include "rh-application.h"

static gint64 start_us;
static gboolean painted;

static void
after_paint_cb (GdkFrameClock *frame_clock,
                GApplication  *app)
{
  if (painted)
    return;

  painted = TRUE;
  printf ("%.3f\n", (g_get_monotonic_time () - start_us) / 1000.0);
  fflush (stdout);
  g_application_quit (app);
}

static void
realize_cb (GtkWidget    *window,
            GApplication *app)
{
  g_signal_connect_object (gtk_widget_get_frame_clock (window), "after-paint",
                           G_CALLBACK (after_paint_cb), app, 0);
}

static void
window_added_cb (GtkApplication *app,
                 GtkWindow      *window)
{
  g_signal_connect_object (window, "realize", G_CALLBACK (realize_cb), app, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(RhApplication) app = NULL;
  char *app_argv[4];
  int status;

  start_us = g_get_monotonic_time ();

  if (argc != 2)
    {
      fprintf (stderr, "Usage: %s DATABASE\n", argv[0]);
      return EXIT_FAILURE;
    }

  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = rh_application_new ();
  g_signal_connect (app, "window-added", G_CALLBACK (window_added_cb), NULL);

  app_argv[0] = argv[0];
  app_argv[1] = (char *)"--db";
  app_argv[2] = argv[1];
  app_argv[3] = NULL;
  status = g_application_run (G_APPLICATION (app), 3, app_argv);

  if (!painted)
    {
      fprintf (stderr, "%s: the window never painted a frame\n", argv[0]);
      return EXIT_FAILURE;
    }

  return status;
}
