/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rh-check-database"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "rh-check-database.h"
#include "rh-database-check.h"
#include "rh-button-names.h"

/* One run of Check Database, from the progress dialog to the last
 * message; freed when it ends. */
typedef struct
{
  /* Borrowed, weak */
  GtkWindow            *parent;
  AdwMessageDialog     *progress;

  /* Owned */
  GCancellable         *cancellable;
  RhDatabaseCheck      *check;
  GtkFileChooserNative *chooser;
  char                 *path;

  /* Run with no window (the file would not open): holds the application */
  gboolean              standalone;
} CheckRun;

/* The window it was started from went away: nothing more to show. */
static gboolean
run_abandoned (CheckRun *run)
{
  return !run->standalone && run->parent == NULL;
}

static void
close_progress (CheckRun *run)
{
  AdwMessageDialog *progress = g_steal_pointer (&run->progress);

  if (progress == NULL)
    return;

  g_signal_handlers_disconnect_by_data (progress, run);
  g_object_remove_weak_pointer (G_OBJECT (progress), (gpointer *)&run->progress);
  gtk_window_destroy (GTK_WINDOW (progress));
}

static void
check_run_free (CheckRun *run)
{
  if (run->parent != NULL)
    g_object_remove_weak_pointer (G_OBJECT (run->parent), (gpointer *)&run->parent);
  close_progress (run);
  if (run->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (run->chooser));
  g_clear_object (&run->chooser);
  g_clear_object (&run->cancellable);
  g_clear_object (&run->check);
  g_free (run->path);
  if (run->standalone)
    g_application_release (g_application_get_default ());
  g_free (run);
}

static AdwMessageDialog *
message_new (CheckRun   *run,
             const char *heading,
             const char *body)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (run->parent, heading, body));

  if (run->standalone)
    gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (g_application_get_default ()));
  adw_message_dialog_add_response (dialog, "close", _("Close"));
  rh_button_names_drop_mnemonics (GTK_WIDGET (dialog));

  return dialog;
}

static void
repair_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  CheckRun *run = user_data;
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;
  RhRepairResult repair;

  if (run_abandoned (run))
    {
      check_run_free (run);
      return;
    }

  if (!rh_database_check_repair_finish (RH_DATABASE_CHECK (object), result, &repair, &error))
    dialog = message_new (run, _("Could Not Save a Repaired Copy"), error->message);
  else
    {
      g_autofree char *saved = rh_repair_result_format (&repair, run->path);
      g_autofree char *body = g_strdup_printf ("%s\n\n%s", saved,
                                               _("To use it, quit Rehearse and put it in place of the damaged file, or open it with “rehearse --db FILE”."));

      dialog = message_new (run, _("Repaired Copy Saved"), body);
    }

  gtk_window_present (GTK_WINDOW (dialog));
  check_run_free (run);
}

static void
chooser_response_cb (GtkFileChooserNative *chooser,
                     int                   response,
                     CheckRun             *run)
{
  g_autoptr(GFile) file = NULL;

  if (response != GTK_RESPONSE_ACCEPT ||
      !(file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))))
    {
      check_run_free (run);
      return;
    }

  g_free (run->path);
  run->path = g_file_get_path (file);
  rh_database_check_repair_async (run->check, run->path, NULL, repair_done_cb, run);
}

static void
report_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    CheckRun         *run)
{
  g_autofree char *base = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GFile) parent_folder = NULL;

  if (g_strcmp0 (response, "repair") != 0 || run_abandoned (run))
    {
      check_run_free (run);
      return;
    }

  base = g_path_get_basename (rh_database_check_get_path (run->check));
  if (g_str_has_suffix (base, ".db"))
    base[strlen (base) - 3] = '\0';
  /* TRANSLATORS: the file name offered for a repaired copy of "%s.db" */
  name = g_strdup_printf (_("%s-repaired.db"), base);

  run->chooser = gtk_file_chooser_native_new (_("Save Repaired Copy"), run->parent,
                                              GTK_FILE_CHOOSER_ACTION_SAVE,
                                              _("_Save"), _("_Cancel"));
  folder = g_file_new_for_path (rh_database_check_get_path (run->check));
  parent_folder = g_file_get_parent (folder);
  if (parent_folder != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (run->chooser), parent_folder, NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (run->chooser), name);
  g_signal_connect (run->chooser, "response", G_CALLBACK (chooser_response_cb), run);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (run->chooser));
}

static void
check_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  CheckRun *run = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *report = NULL;
  AdwMessageDialog *dialog;
  gboolean healthy;

  run->check = rh_database_check_run_finish (result, &error);

  close_progress (run);

  if (run_abandoned (run) || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      check_run_free (run);
      return;
    }

  if (run->check == NULL)
    {
      gtk_window_present (GTK_WINDOW (message_new (run, _("Could Not Check the Database"), error->message)));
      check_run_free (run);
      return;
    }

  healthy = rh_database_check_get_healthy (run->check);
  report = rh_database_check_dup_report (run->check);
  if (healthy)
    dialog = message_new (run, _("No Problems Found"), report);
  else
    {
      g_autofree char *body = g_strdup_printf ("%s\n\n%s", report,
                                               _("Rehearse will not write to this file. Save what can be read of it to a new file."));

      dialog = message_new (run, _("The Database Is Damaged"), body);
      adw_message_dialog_add_response (dialog, "repair", _("Save Repaired Copy…"));
      adw_message_dialog_set_response_appearance (dialog, "repair", ADW_RESPONSE_SUGGESTED);
      rh_button_names_drop_mnemonics (GTK_WIDGET (dialog));
      adw_message_dialog_set_default_response (dialog, "repair");
    }

  g_signal_connect (dialog, "response", G_CALLBACK (report_response_cb), run);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
progress_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      CheckRun         *run)
{
  /* The dialog closes itself; the check ends with "cancelled". */
  g_object_remove_weak_pointer (G_OBJECT (run->progress), (gpointer *)&run->progress);
  run->progress = NULL;
  g_cancellable_cancel (run->cancellable);
}

void
rh_check_database_run (GtkWindow  *parent,
                       const char *path)
{
  g_autofree char *name = NULL;
  CheckRun *run;
  GtkWidget *spinner;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (path != NULL);

  run = g_new0 (CheckRun, 1);
  run->parent = parent;
  if (parent != NULL)
    g_object_add_weak_pointer (G_OBJECT (parent), (gpointer *)&run->parent);
  else
    {
      run->standalone = TRUE;
      g_application_hold (g_application_get_default ());
    }
  run->cancellable = g_cancellable_new ();
  run->path = g_strdup (path);

  name = g_path_get_basename (path);
  run->progress = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, _("Checking the Database…"), NULL));
  if (run->standalone)
    gtk_window_set_application (GTK_WINDOW (run->progress), GTK_APPLICATION (g_application_get_default ()));
  adw_message_dialog_format_body (run->progress,
                                  _("Reading every page of “%s”. This can take a minute for a large deck."),
                                  name);
  spinner = gtk_spinner_new ();
  gtk_spinner_start (GTK_SPINNER (spinner));
  adw_message_dialog_set_extra_child (run->progress, spinner);
  adw_message_dialog_add_response (run->progress, "cancel", _("Cancel"));
  adw_message_dialog_set_close_response (run->progress, "cancel");
  rh_button_names_drop_mnemonics (GTK_WIDGET (run->progress));
  g_object_add_weak_pointer (G_OBJECT (run->progress), (gpointer *)&run->progress);
  g_signal_connect (run->progress, "response", G_CALLBACK (progress_response_cb), run);
  gtk_window_present (GTK_WINDOW (run->progress));

  rh_database_check_run_async (path, run->cancellable, check_done_cb, run);
}
