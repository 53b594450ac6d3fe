/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-application"

#include "config.h"

#include <glib/gi18n.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "ds-application-private.h"
#include "ds-books.h"
#include "ds-error.h"
#include "ds-profile-location.h"
#include "ds-report.h"
#include "ds-settings-dialog.h"
#include "ds-setup-check.h"

/* The command line: its options, and --report and --status, which read the
 * database and print without a display. */

static const GOptionEntry option_entries[] = {
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the version and exit"), NULL },
  { "background", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Start in the tray without opening the window"), NULL },
  { "demo", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Run the built-in demo workspace (no accounts needed)"), NULL },
  { "team-profile", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Use this team profile file (instead of the one in Settings)"), N_("PATH") },
  { "report", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Print the rotation report (Markdown) and exit: the current or last rotation, "
       "or --since/--until"), NULL },
  { "since", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("The report starts on this day (YYYY-MM-DD) or at this time (ISO 8601)"), N_("DATE") },
  { "until", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("The report ends with this day (YYYY-MM-DD) or at this time (ISO 8601)"), N_("DATE") },
  { "status", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Print the rotation, the shift, the support timer and the items per state, and exit"),
    NULL },
  { "check-setup", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Check every token, permission, channel and id the team profile needs against the "
       "services, print what is wrong and how to fix it, and exit (1 when a check fails)"),
    NULL },
  { "json", 0, 0, G_OPTION_ARG_NONE, NULL, N_("With --status or --check-setup: print JSON"),
    NULL },
  { NULL }
};

/* "2026-11-20" is that day, local time (its end, for --until); anything
 * else is ISO 8601, local time unless it says otherwise. */
static gboolean
parse_date (const char *text,
            gboolean    end_of_day,
            gint64     *out)
{
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  g_autoptr(GDateTime) dt = NULL;
  guint y, m, d;
  char rest;

  if (sscanf (text, "%4u-%2u-%2u%c", &y, &m, &d, &rest) == 3)
    {
      g_autoptr(GDateTime) day = g_date_time_new (local, (int)y, (int)m, (int)d, 0, 0, 0);
      if (day != NULL)
        dt = end_of_day ? g_date_time_add_days (day, 1) : g_date_time_ref (day);
    }
  else
    dt = g_date_time_new_from_iso8601 (text, local);
  if (dt == NULL)
    return FALSE;
  *out = g_date_time_to_unix (dt);
  return TRUE;
}

/* The team profile this run uses: --team-profile, else the setting ("" for
 * the demo), as the running Dayshift decides (ds-application.c). */
static char *
configured_location (DsApplication *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema =
    source != NULL ? g_settings_schema_source_lookup (source, BASE_APP_ID, TRUE) : NULL;
  g_autoptr(GSettings) settings = schema != NULL ? g_settings_new (BASE_APP_ID) : NULL;

  if (self->profile_path != NULL)
    return g_strdup (self->profile_path);
  return settings != NULL ? g_settings_get_string (settings, "team-profile") : g_strdup ("");
}

static DsTeamProfile *
load_profile_for_report (const char *location)
{
  /* A profile kept on GitHub is not read for a report: the epics stay unnamed. */
  if (*location == '\0' || ds_profile_location_parse_github (location, NULL, NULL))
    return NULL;
  return ds_profile_location_read_file (location, NULL);
}

/* A failure of --status or --report: as JSON with --json (a script reads
 * it), else in words on stderr. */
static int
say_failure (GVariantDict *options,
             int           status,
             const char   *message)
{
  if (g_variant_dict_contains (options, "json"))
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *text = NULL;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "error");
      json_builder_add_string_value (b, message);
      json_builder_end_object (b);
      root = json_builder_get_root (b);
      text = json_to_string (root, TRUE);
      g_print ("%s\n", text);
    }
  else
    g_printerr ("%s\n", message);
  return status;
}

/* The database a running Dayshift uses is the state of its "database"
 * action, which scripts and --status read over D-Bus (org.gtk.Actions). */
void
ds_app_tell_database (DsApplication *self,
                      const char    *path)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), "database");

  g_simple_action_set_state (G_SIMPLE_ACTION (action), g_variant_new_string (path));
}

/* The database of the Dayshift running in this session, or NULL when none
 * runs (or it does not say). */
static char *
running_database (DsApplication *self)
{
  const char *id = g_application_get_application_id (G_APPLICATION (self));
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) states = NULL;
  g_autoptr(GVariant) state = NULL;
  g_autofree char *object_path = NULL;

  if (bus == NULL || id == NULL)
    return NULL;
  object_path = g_strconcat ("/", id, NULL);
  g_strdelimit (object_path, ".", '/');
  g_strdelimit (object_path, "-", '_');
  reply = g_dbus_connection_call_sync (bus, id, object_path, "org.gtk.Actions", "Describe",
                                       g_variant_new ("(s)", "database"),
                                       G_VARIANT_TYPE ("((bgav))"),
                                       G_DBUS_CALL_FLAGS_NO_AUTO_START, 5000, NULL, NULL);
  if (reply == NULL)
    return NULL;
  g_variant_get (reply, "((bg@av))", NULL, NULL, &states);
  if (g_variant_n_children (states) != 1)
    return NULL;
  g_variant_get_child (states, 0, "v", &state);
  if (!g_variant_is_of_type (state, G_VARIANT_TYPE_STRING) ||
      *g_variant_get_string (state, NULL) == '\0')
    return NULL;
  return g_variant_dup_string (state, NULL);
}

/* --report and --status: read the database in use (the running Dayshift's;
 * else the demo's when no team profile is set) and print; no window, no
 * display. */
static int
print_books (DsApplication *self,
             GVariantDict  *options)
{
  g_autofree char *location = configured_location (self);
  gboolean demo = self->demo || *location == '\0';
  g_autofree char *running = self->demo || self->profile_path != NULL
    ? NULL : running_database (self);
  g_autofree char *path = running != NULL ? g_strdup (running) : ds_store_default_path (demo);
  g_autoptr(DsStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  const char *since_text = NULL, *until_text = NULL;

  if (running != NULL)
    demo = g_str_has_suffix (running, G_DIR_SEPARATOR_S "demo.db");

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *message =
        g_strdup_printf (_("Dayshift has no database yet (%s): start Dayshift first."), path);
      return say_failure (options, 1, message);
    }
  store = ds_store_open_for_reading (path, &error);
  if (store == NULL)
    return say_failure (options, 1, error->message);

  if (g_variant_dict_contains (options, "status"))
    out = ds_report_status (store, now, g_variant_dict_contains (options, "json"), &error);
  else
    {
      g_autoptr(DsTeamProfile) profile = demo ? NULL : load_profile_for_report (location);
      gint64 since = 0, until = 0;

      g_variant_dict_lookup (options, "since", "&s", &since_text);
      g_variant_dict_lookup (options, "until", "&s", &until_text);
      if ((since_text != NULL && !parse_date (since_text, FALSE, &since)) ||
          (until_text != NULL && !parse_date (until_text, TRUE, &until)))
        {
          g_autofree char *message =
            g_strdup_printf (_("Dates are YYYY-MM-DD or ISO 8601 (2026-11-20T17:00): “%s” is "
                               "neither."),
                             since_text != NULL && !parse_date (since_text, FALSE, &since)
                             ? since_text : until_text);
          return say_failure (options, 2, message);
        }
      ds_report_window (store, now, &since, &until);
      out = ds_report_markdown (store, profile, since, until, &error);
    }
  if (out == NULL)
    return say_failure (options, 1, error->message);
  g_print ("%s", out);
  return 0;
}

typedef struct
{
  GMainLoop     *loop;
  DsTeamProfile *profile;
  GPtrArray     *rows;
  GError        *error;
} CheckRun;

static void
on_check_profile (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  CheckRun *run = user_data;

  run->profile = ds_setup_check_load_profile_finish (result, &run->error);
  g_main_loop_quit (run->loop);
}

static void
on_check_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  CheckRun *run = user_data;

  run->rows = ds_setup_check_run_finish (DS_SETUP_CHECK (source), result, &run->error);
  g_main_loop_quit (run->loop);
}

/* --check-setup: the setup check for the team profile this run would use,
 * printed; 0 when every check passed, 1 when one failed or could not be
 * made, 2 when there is nothing to check. */
static int
check_setup (DsApplication *self,
             GVariantDict  *options)
{
  g_autofree char *location = configured_location (self);
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema =
    source != NULL ? g_settings_schema_source_lookup (source, BASE_APP_ID, TRUE) : NULL;
  g_autoptr(GSettings) settings = schema != NULL ? g_settings_new (BASE_APP_ID) : NULL;
  g_autofree char *github_url = ds_settings_github_url (settings);
  g_autoptr(DsSetupCheck) check = NULL;
  g_autofree char *out = NULL;
  CheckRun run = { g_main_loop_new (NULL, FALSE), NULL, NULL, NULL };
  int status;

  if (self->demo || *location == '\0')
    {
      g_main_loop_unref (run.loop);
      return say_failure (options, 2,
                          _("Dayshift runs the demo, which needs no setup. Choose your team "
                            "profile in Settings → Team, or name it with --team-profile PATH, "
                            "and check again."));
    }
  ds_setup_check_load_profile_async (location, github_url, NULL, on_check_profile, &run);
  g_main_loop_run (run.loop);
  if (run.profile == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The team profile was not loaded: %s"),
                                                  run.error->message);
      g_error_free (run.error);
      g_main_loop_unref (run.loop);
      return say_failure (options, 2, message);
    }
  check = ds_setup_check_new (run.profile);
  ds_setup_check_set_github_url (check, github_url);
  ds_setup_check_run_async (check, NULL, on_check_done, &run);
  g_main_loop_run (run.loop);
  g_main_loop_unref (run.loop);
  ds_team_profile_unref (run.profile);
  if (run.rows == NULL)
    {
      status = say_failure (options, 2, run.error->message);
      g_error_free (run.error);
      return status;
    }
  out = g_variant_dict_contains (options, "json") ? ds_check_rows_to_json (run.rows)
                                                  : ds_check_rows_to_text (run.rows);
  g_print ("%s%s", out, g_str_has_suffix (out, "\n") ? "" : "\n");
  status = ds_check_rows_ok (run.rows) ? 0 : 1;
  g_ptr_array_unref (run.rows);
  return status;
}

/* --team-profile and --demo choose what this run of Dayshift reads. A
 * Dayshift already running keeps what it reads: say so rather than open
 * its window as if the option had been taken. */
static int
check_run_options (DsApplication *self)
{
  GApplication *app = G_APPLICATION (self);
  g_autoptr(GError) error = NULL;

  if (self->profile_path != NULL &&
      !ds_profile_location_parse_github (self->profile_path, NULL, NULL))
    {
      g_autoptr(DsTeamProfile) profile = ds_profile_location_read_file (self->profile_path,
                                                                        &error);

      if (profile == NULL)
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
    }
  if (self->profile_path == NULL && !self->demo)
    return -1;
  if (!g_application_register (app, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  if (g_application_get_is_remote (app))
    {
      g_printerr (_("Dayshift is already running and keeps the team profile it reads. To "
                    "start it with %s, choose Quit in its tray menu first; to change the "
                    "profile it reads, use Settings."),
                  self->demo ? "--demo" : "--team-profile");
      g_printerr ("\n");
      return 1;
    }
  return -1;
}

static int
on_handle_local_options (GApplication *app,
                         GVariantDict *options)
{
  DsApplication *self = DS_APPLICATION (app);
  g_autoptr(GError) error = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", _("Dayshift"), PACKAGE_VERSION);
      return 0;
    }

  if (g_variant_dict_contains (options, "demo"))
    self->demo = TRUE;
  if (g_variant_dict_lookup (options, "team-profile", "^ay", &self->profile_path))
    {
      /* Relative to where it was started. */
      if (!g_path_is_absolute (self->profile_path))
        {
          g_autofree char *cwd = g_get_current_dir ();
          char *abs = g_build_filename (cwd, self->profile_path, NULL);
          g_free (self->profile_path);
          self->profile_path = abs;
        }
    }

  if (g_variant_dict_contains (options, "report") || g_variant_dict_contains (options, "status"))
    return print_books (self, options);
  if (g_variant_dict_contains (options, "check-setup"))
    return check_setup (self, options);

  {
    int status = check_run_options (self);

    if (status >= 0)
      return status;
  }

  if (g_variant_dict_contains (options, "background"))
    {
      if (!g_application_register (app, NULL, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      /* Already running: nothing to do. */
      if (g_application_get_is_remote (app))
        return 0;
      self->start_hidden = TRUE;
    }

  return -1;
}

void
_ds_application_cli_init (DsApplication *self)
{
  g_autoptr(GSimpleAction) database =
    g_simple_action_new_stateful ("database", NULL, g_variant_new_string (""));

  /* Told, not done: activating it does nothing. */
  g_simple_action_set_enabled (database, FALSE);
  g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (database));
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("One inbox for the daytime on-call support "
                                              "rotation: Slack, GitHub and PagerDuty in the "
                                              "tray."));
  g_signal_connect (self, "handle-local-options", G_CALLBACK (on_handle_local_options), NULL);
}
