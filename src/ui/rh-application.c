/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rh-application"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include <gtksourceview/gtksource.h>

#include "rh-application.h"
#include "rh-button-names.h"
#include "rh-check-database.h"
#include "rh-database-check.h"
#include "rh-deck-store.h"
#include "rh-preferences-window.h"
#include "rh-window.h"

struct _RhApplication
{
  AdwApplication  parent_instance;

  /* Owned */
  RhDatabase     *database;
  RhStudySettings *study_settings;
  GSettings      *settings;
  char           *db_path;

  /* How long a command waits for another process's write, or 0 */
  guint           busy_timeout_ms;
};

G_DEFINE_FINAL_TYPE (RhApplication, rh_application, ADW_TYPE_APPLICATION)

#define BUILTIN_DECK_RESOURCE RESOURCE_PREFIX "/decks/builtin.json"

static char *
dup_db_path (RhApplication  *self,
             GError        **error)
{
  g_autofree char *path = NULL;
  g_autofree char *dir = NULL;

  if (self->db_path != NULL)
    return g_strdup (self->db_path);

  path = rh_database_dup_default_path ();
  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Cannot create the folder “%s”: %s"), dir, g_strerror (saved_errno));
      return NULL;
    }

  return g_steal_pointer (&path);
}

static RhDatabase *
open_database_file (RhApplication        *self,
                    RhDatabaseOpenFlags   flags,
                    GError              **error)
{
  g_autoptr(RhClock) clock = rh_clock_new ();
  g_autoptr(RhDatabase) database = NULL;
  g_autofree char *path = NULL;

  if (!(path = dup_db_path (self, error)) ||
      !(database = rh_database_new_full (path, clock, flags, error)))
    return NULL;

  if (self->busy_timeout_ms > 0)
    rh_database_set_busy_timeout (database, self->busy_timeout_ms);

  return g_steal_pointer (&database);
}

/* Merges the built-in deck when it is new or changed since the last
 * start; takes @database and returns it, or NULL with @error set. */
static RhDatabase *
merge_builtin (RhDatabase  *database_in,
               GError     **error)
{
  g_autoptr(RhDatabase) database = database_in;
  g_autoptr(GBytes) builtin = NULL;
  g_autoptr(GError) import_error = NULL;
  RhImportResult result;

  builtin = g_resources_lookup_data (BUILTIN_DECK_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (builtin == NULL)
    return NULL;

  /* A damaged file still opens, untouched, so that the window can say so
   * and offer Check Database. */
  if (!rh_deck_store_import_builtin (database, builtin, &result, &import_error))
    {
      if (!rh_database_get_damaged (database))
        {
          g_propagate_error (error, g_steal_pointer (&import_error));
          return NULL;
        }
      g_warning ("%s", import_error->message);
      return g_steal_pointer (&database);
    }

  if (result.added + result.updated > 0)
    g_debug ("Built-in deck: %u added, %u updated, %u unchanged",
             result.added, result.updated, result.unchanged);

  return g_steal_pointer (&database);
}

/* Opens the database and merges the built-in deck. */
static RhDatabase *
open_database (RhApplication        *self,
               RhDatabaseOpenFlags   flags,
               GError              **error)
{
  RhDatabase *database = open_database_file (self, flags, error);

  return database != NULL ? merge_builtin (database, error) : NULL;
}

/* The deck read on a second thread while an existing file opens. */
typedef struct
{
  GFile  *file;
  RhDeck *deck;
  GError *error;
} DeckRead;

static gpointer
read_deck_thread (gpointer data)
{
  DeckRead *read = data;

  read->deck = rh_deck_new_from_file (read->file, &read->error);

  return NULL;
}

static char *
format_result (const char           *file_name,
               const RhImportResult *result)
{
  /* Translators: a one-line summary after importing a deck file */
  return g_strdup_printf (_("Imported %s: %u added, %u updated, %u unchanged"),
                          file_name, result->added, result->updated, result->unchanged);
}

/* On a terminal only: a script reading stderr gets errors and nothing else. */
static void
print_import_progress_cb (RhImportStage stage,
                          guint         done,
                          guint         total,
                          gpointer      user_data)
{
  if (stage == RH_IMPORT_STAGE_INDEXING && done < total)
    {
      /* Translators: shown on a terminal while a deck imports */
      g_autofree char *line = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "Making cards searchable… %u of %u card",
                                                             "Making cards searchable… %u of %u cards",
                                                             total),
                                                done, total);

      g_printerr ("\r\033[K%s", line);
    }
  else if (stage == RH_IMPORT_STAGE_WRITING && done < total)
    {
      /* Translators: shown on a terminal while a deck imports */
      g_autofree char *line = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "Importing… %u of %u card",
                                                             "Importing… %u of %u cards",
                                                             total),
                                                done, total);

      g_printerr ("\r%s", line);
    }
  else
    g_printerr ("\r\033[K");
}

static int
run_import (RhApplication *self,
            const char    *file_name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RhDeck) deck = NULL;
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (file_name);
  g_autofree char *summary = NULL;
  g_autofree char *path = NULL;
  g_autoptr(RhDatabase) opened = NULL;
  g_autoptr(GError) open_error = NULL;
  gboolean existed;
  RhImportResult result;

  if (!(path = dup_db_path (self, &error)))
    {
      g_printerr ("rehearse: %s\n", error->message);
      return EXIT_FAILURE;
    }

  /* Another rehearse may be importing into the same file: wait for it. */
  self->busy_timeout_ms = 60 * 1000;
  existed = g_file_test (path, G_FILE_TEST_EXISTS);

  /* A deck that is broken in itself never creates a database and never
   * adds to one: an existing file is opened while the deck is read, so its
   * check of every page runs meanwhile on a thread of its own (an older
   * file is upgraded, as any start would); the built-in deck and the
   * import come only after the deck is known to be sound. */
  if (existed)
    {
      DeckRead read = { file, NULL, NULL };
      GThread *thread = g_thread_new ("rh-read-deck", read_deck_thread, &read);

      opened = open_database_file (self, RH_DATABASE_OPEN_NONE, &open_error);
      g_thread_join (thread);
      deck = read.deck;
      if (read.error != NULL)
        g_propagate_error (&error, read.error);
    }
  else
    deck = rh_deck_new_from_file (file, &error);

  if (deck == NULL)
    {
      g_printerr ("rehearse: %s\n", error->message);
      return EXIT_FAILURE;
    }

  /* A new database would start with the built-in deck, so links into it
   * are fine; anything else that would be refused must not make a file. */
  if (!existed)
    {
      g_autoptr(GBytes) builtin_json = NULL;
      g_autoptr(RhDeck) builtin = NULL;
      const char *data;
      gsize length;

      if (!(builtin_json = g_resources_lookup_data (BUILTIN_DECK_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, &error)) ||
          !(data = g_bytes_get_data (builtin_json, &length)) ||
          !(builtin = rh_deck_new_from_data (data, length, _("built-in deck"), &error)) ||
          !rh_deck_store_check_new_deck (deck, builtin, &error))
        {
          g_printerr ("rehearse: %s\n", error->message);
          return EXIT_FAILURE;
        }
    }

  if (existed && opened == NULL)
    {
      g_printerr ("rehearse: %s\n", open_error->message);
      return EXIT_FAILURE;
    }

  if (!(self->database = existed ? merge_builtin (g_steal_pointer (&opened), &error)
                                 : open_database (self, RH_DATABASE_OPEN_NONE, &error)) ||
      !rh_deck_store_import_deck_full (self->database, deck, NULL,
                                       isatty (STDERR_FILENO) ? print_import_progress_cb : NULL, NULL,
                                       &result, &error))
    {
      g_printerr ("rehearse: %s\n", error->message);
      /* Such as a disk that filled up: a database made for this goes again. */
      if (!existed)
        {
          g_clear_object (&self->database);
          rh_database_remove_files (path);
        }
      return EXIT_FAILURE;
    }

  summary = format_result (file_name, &result);
  g_print ("%s\n", summary);

  return EXIT_SUCCESS;
}

static int
run_export (RhApplication *self,
            const char    *file_name,
            const char    *topic)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RhDeck) deck = NULL;
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (file_name);
  g_autofree char *normalized = NULL;
  g_autofree char *path = NULL;

  if (topic != NULL && !(normalized = rh_topic_path_normalize (topic, &error)))
    {
      g_printerr ("rehearse: %s\n", error->message);
      return EXIT_FAILURE;
    }

  /* Reading needs no write access, and exports what the file holds. A
   * file of an older Rehearse is upgraded first, as the window would. */
  if ((path = dup_db_path (self, &error)) &&
      !(self->database = rh_database_new_read_only (path, &error)) &&
      g_error_matches (error, RH_DATABASE_ERROR, RH_DATABASE_ERROR_READ_ONLY) &&
      g_access (path, W_OK) == 0)
    {
      g_clear_error (&error);
      self->database = rh_database_new (path, &error);
    }

  if (self->database == NULL ||
      !(deck = rh_deck_store_export_deck (self->database, normalized, &error)) ||
      !rh_deck_save_to_file (deck, file, &error))
    {
      g_printerr ("rehearse: %s\n", error->message);
      return EXIT_FAILURE;
    }

  g_print (g_dngettext (GETTEXT_PACKAGE, "Exported %u card to %s\n", "Exported %u cards to %s\n",
                        rh_deck_get_n_cards (deck)),
           rh_deck_get_n_cards (deck), file_name);

  return EXIT_SUCCESS;
}

/* Never creates the database: a missing file is an error that names it. */
static int
run_check (RhApplication *self,
           const char    *repair_to)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RhDatabaseCheck) check = NULL;
  g_autofree char *path = self->db_path ? g_strdup (self->db_path) : rh_database_dup_default_path ();
  g_autofree char *report = NULL;
  RhRepairResult result;
  gboolean healthy;

  if (!(check = rh_database_check_run (path, NULL, &error)))
    {
      g_printerr ("rehearse: %s\n", error->message);
      return EXIT_FAILURE;
    }

  report = rh_database_check_dup_report (check);
  healthy = rh_database_check_get_healthy (check);
  g_print ("%s\n", report);

  if (repair_to != NULL)
    {
      g_autofree char *summary = NULL;

      if (!rh_database_check_repair (check, repair_to, NULL, &result, &error))
        {
          g_printerr ("rehearse: %s\n", error->message);
          return EXIT_FAILURE;
        }
      summary = rh_repair_result_format (&result, repair_to);
      g_print ("%s\n", summary);
    }
  else if (!healthy)
    {
      g_print ("%s\n", _("Rehearse will not write to this file. Restore it from a backup, or save a repaired copy with --repair-to NEW-FILE."));
    }

  return healthy ? EXIT_SUCCESS : EXIT_FAILURE;
}

static int
rh_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  RhApplication *self = RH_APPLICATION (app);
  const char *import_file = NULL;
  const char *export_file = NULL;
  const char *topic = NULL;
  const char *db_path = NULL;
  const char *repair_to = NULL;
  gboolean check;

  if (g_variant_dict_contains (options, "version"))
    {
      /* Translators: what rehearse --version prints; %s is the version number */
      g_autofree char *line = g_strdup_printf (_("rehearse %s"), PACKAGE_VERSION);

      g_print ("%s\n", line);
      return EXIT_SUCCESS;
    }

  if (g_variant_dict_lookup (options, "db", "^&ay", &db_path))
    {
      g_free (self->db_path);
      self->db_path = g_strdup (db_path);
    }
  g_variant_dict_lookup (options, "import", "^&ay", &import_file);
  g_variant_dict_lookup (options, "export", "^&ay", &export_file);
  g_variant_dict_lookup (options, "topic", "&s", &topic);
  g_variant_dict_lookup (options, "repair-to", "^&ay", &repair_to);
  check = g_variant_dict_contains (options, "check");

  if (check && (import_file || export_file))
    {
      g_printerr ("rehearse: %s\n", _("--check cannot be used with --import or --export"));
      return EXIT_FAILURE;
    }

  if (repair_to && !check)
    {
      g_printerr ("rehearse: %s\n", _("--repair-to only applies to --check"));
      return EXIT_FAILURE;
    }

  if (check)
    return run_check (self, repair_to);

  if (import_file && export_file)
    {
      g_printerr ("rehearse: %s\n", _("--import and --export cannot be used together"));
      return EXIT_FAILURE;
    }

  if (topic && !export_file)
    {
      g_printerr ("rehearse: %s\n", _("--topic only applies to --export"));
      return EXIT_FAILURE;
    }

  if (import_file)
    return run_import (self, import_file);

  if (export_file)
    return run_export (self, export_file, topic);

  /* Another database is another app: don't hand the request to a running
   * instance that has its own file open. */
  if (self->db_path != NULL)
    g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);

  return -1;
}

static void
error_dialog_response_cb (AdwMessageDialog *dialog,
                          const char       *response,
                          RhApplication    *self)
{
  /* A damaged file that could not even open can still be checked and
   * copied out; the check's dialogs hold the application meanwhile. */
  if (g_strcmp0 (response, "check") == 0)
    {
      g_autofree char *path = dup_db_path (self, NULL);

      if (path != NULL)
        rh_check_database_run (NULL, path);
    }

  g_application_release (G_APPLICATION (self));
}

static void
show_open_error (RhApplication *self,
                 const GError  *error)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (NULL, _("Could Not Open Your Deck"), error->message));
  adw_message_dialog_add_response (dialog, "close", _("Close"));
  if (g_error_matches (error, RH_DATABASE_ERROR, RH_DATABASE_ERROR_CORRUPT))
    {
      adw_message_dialog_add_response (dialog, "check", _("Check Database…"));
      adw_message_dialog_set_response_appearance (dialog, "check", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (dialog, "check");
    }
  rh_button_names_drop_mnemonics (GTK_WIDGET (dialog));
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  g_signal_connect_object (dialog, "response", G_CALLBACK (error_dialog_response_cb), self, 0);

  g_application_hold (G_APPLICATION (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Once the first frames are drawn: idle at low priority comes after them. */
static gboolean
start_check_idle_cb (gpointer user_data)
{
  rh_database_start_check (user_data);

  return G_SOURCE_REMOVE;
}

static void
rh_application_activate (GApplication *app)
{
  RhApplication *self = RH_APPLICATION (app);
  g_autoptr(GError) error = NULL;
  GtkWindow *window;

  if ((window = gtk_application_get_active_window (GTK_APPLICATION (app))))
    {
      gtk_window_present (window);
      return;
    }

  /* The check of the whole file waits until the window is on screen. */
  if (self->database == NULL &&
      !(self->database = open_database (self, RH_DATABASE_OPEN_DEFER_CHECK, &error)))
    {
      g_warning ("%s", error->message);
      show_open_error (self, error);
      return;
    }

  window = GTK_WINDOW (rh_window_new (self, self->database));
  gtk_window_present (window);
  g_idle_add_full (G_PRIORITY_LOW, start_check_idle_cb, g_object_ref (self->database), g_object_unref);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  static const char *developers[] = { "The Rehearse developers", NULL };
  GtkApplication *app = GTK_APPLICATION (user_data);

  adw_show_about_window (gtk_application_get_active_window (app),
                         "application-name", _("Rehearse"),
                         "application-icon", APP_ID,
                         "developer-name", _("The Rehearse developers"),
                         "version", PACKAGE_VERSION,
                         "website", "https://github.com/rehearse/Rehearse",
                         "issue-url", "https://github.com/rehearse/Rehearse/issues",
                         "comments", _("Prepare for backend interviews with spaced-repetition flashcards and timed mock interviews."),
                         "developers", developers,
                         "copyright", "© 2026 The Rehearse developers",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static gboolean
focus_content_idle_cb (gpointer data)
{
  g_autoptr(RhWindow) window = data;

  rh_window_focus_content (window);

  return G_SOURCE_REMOVE;
}

/* Otherwise the keyboard goes back to the first button of the window, and
 * Space would import a deck instead of showing the answer. Done once the
 * modal window has let go of its grab, which refuses focus before. */
static void
preferences_destroy_cb (RhWindow  *window,
                        GtkWidget *preferences)
{
  g_idle_add (focus_content_idle_cb, g_object_ref (window));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  RhApplication *self = RH_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWidget *preferences = rh_preferences_window_new (parent, self->settings);

  if (RH_IS_WINDOW (parent))
    g_signal_connect_object (preferences, "destroy", G_CALLBACK (preferences_destroy_cb),
                             parent, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (preferences));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action },
  { "about", about_action },
  { "preferences", preferences_action },
};

static void
style_changed_cb (RhApplication *self,
                  const char    *key,
                  GSettings     *settings)
{
  g_autofree char *style = g_settings_get_string (settings, "style");
  AdwColorScheme scheme = ADW_COLOR_SCHEME_DEFAULT;

  if (g_str_equal (style, "light"))
    scheme = ADW_COLOR_SCHEME_FORCE_LIGHT;
  else if (g_str_equal (style, "dark"))
    scheme = ADW_COLOR_SCHEME_FORCE_DARK;

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), scheme);
}

/* The scheduler reads the model's settings object; GSettings only feeds it. */
static void
bind_study_settings (RhApplication *self)
{
  static const char * const keys[] = {
    "desired-retention", "new-per-day", "reviews-per-day",
    "learning-steps", "relearning-steps", "day-rollover-hour", "leech-threshold",
  };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_settings_bind (self->settings, keys[i], self->study_settings, keys[i], G_SETTINGS_BIND_GET);
}

static void
rh_application_startup (GApplication *app)
{
  RhApplication *self = RH_APPLICATION (app);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };

  G_APPLICATION_CLASS (rh_application_parent_class)->startup (app);

  gtk_source_init ();

  self->settings = g_settings_new (APP_ID);
  self->study_settings = rh_study_settings_new ();
  bind_study_settings (self);
  g_signal_connect_object (self->settings, "changed::style", G_CALLBACK (style_changed_cb), self, G_CONNECT_SWAPPED);
  style_changed_cb (self, "style", self->settings);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "window.close", close_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.preferences", preferences_accels);
}

static void
rh_application_dispose (GObject *object)
{
  RhApplication *self = (RhApplication *)object;

  g_clear_object (&self->database);
  g_clear_object (&self->study_settings);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (rh_application_parent_class)->dispose (object);
}

static void
rh_application_finalize (GObject *object)
{
  RhApplication *self = (RhApplication *)object;

  g_clear_pointer (&self->db_path, g_free);

  G_OBJECT_CLASS (rh_application_parent_class)->finalize (object);
}

static void
rh_application_class_init (RhApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = rh_application_dispose;
  object_class->finalize = rh_application_finalize;

  app_class->handle_local_options = rh_application_handle_local_options;
  app_class->startup = rh_application_startup;
  app_class->activate = rh_application_activate;
}

static void
rh_application_init (RhApplication *self)
{
  static const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Use this database file instead of the default one"), N_("FILE") },
    { "import", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Import a deck from a JSON file, then exit"), N_("FILE") },
    { "export", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Export the deck to a JSON file, then exit"), N_("FILE") },
    { "topic", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("With --export, export only this topic and its subtopics"), N_("TOPIC") },
    { "check", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Check the database for damage, print what was found, then exit"), NULL },
    { "repair-to", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("With --check, write what can be saved of the database to this new file"), N_("FILE") },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Print the version and exit"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), NULL);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Flashcards and mock interviews for backend engineers."));
}

/**
 * rh_application_new:
 *
 * Returns: (transfer full): the application
 */
RhApplication *
rh_application_new (void)
{
  return g_object_new (RH_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", RESOURCE_PREFIX,
                       NULL);
}

/**
 * rh_application_get_database:
 *
 * Returns: (transfer none) (nullable): the open database
 */
RhDatabase *
rh_application_get_database (RhApplication *self)
{
  g_return_val_if_fail (RH_IS_APPLICATION (self), NULL);
  return self->database;
}

/**
 * rh_application_get_study_settings:
 *
 * Returns: (transfer none) (nullable): the study preferences, once started
 */
RhStudySettings *
rh_application_get_study_settings (RhApplication *self)
{
  g_return_val_if_fail (RH_IS_APPLICATION (self), NULL);
  return self->study_settings;
}
