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
  { "json", 0, 0, G_OPTION_ARG_NONE, NULL, N_("With --status: print JSON"), NULL },
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

static DsTeamProfile *
load_profile_for_report (DsApplication *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema =
    source != NULL ? g_settings_schema_source_lookup (source, BASE_APP_ID, TRUE) : NULL;
  g_autoptr(GSettings) settings = schema != NULL ? g_settings_new (BASE_APP_ID) : NULL;
  g_autofree char *configured = settings != NULL
    ? g_settings_get_string (settings, "team-profile") : NULL;
  const char *path = self->profile_path != NULL ? self->profile_path : configured;

  /* A profile kept on GitHub is not read for a report: the epics stay unnamed. */
  if (path == NULL || *path == '\0' || ds_profile_location_parse_github (path, NULL, NULL))
    return NULL;
  return ds_profile_location_read_file (path, NULL);
}

/* --report and --status: read the database and print; no window, no display. */
static int
print_books (DsApplication *self,
             GVariantDict  *options)
{
  g_autofree char *path = ds_store_default_path ();
  g_autoptr(DsStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  const char *since_text = NULL, *until_text = NULL;

  if (self->demo)
    {
      g_autofree char *dir = g_path_get_dirname (path);
      g_free (path);
      path = g_build_filename (dir, "demo.db", NULL);
    }
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_printerr (_("Dayshift has no database yet (%s): start Dayshift first.\n"), path);
      return 1;
    }
  store = ds_store_open_for_reading (path, &error);
  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  if (g_variant_dict_contains (options, "status"))
    out = ds_report_status (store, now, g_variant_dict_contains (options, "json"), &error);
  else
    {
      g_autoptr(DsTeamProfile) profile = load_profile_for_report (self);
      gint64 since = 0, until = 0;

      g_variant_dict_lookup (options, "since", "&s", &since_text);
      g_variant_dict_lookup (options, "until", "&s", &until_text);
      if ((since_text != NULL && !parse_date (since_text, FALSE, &since)) ||
          (until_text != NULL && !parse_date (until_text, TRUE, &until)))
        {
          g_printerr (_("Dates are YYYY-MM-DD or ISO 8601 (2026-11-20T17:00): “%s” is neither.\n"),
                      since_text != NULL && !parse_date (since_text, FALSE, &since)
                      ? since_text : until_text);
          return 2;
        }
      ds_report_window (store, now, &since, &until);
      out = ds_report_markdown (store, profile, since, until, &error);
    }
  if (out == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  g_print ("%s", out);
  return 0;
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
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("One inbox for the daytime on-call support "
                                              "rotation: Slack, GitHub and PagerDuty in the "
                                              "tray."));
  g_signal_connect (self, "handle-local-options", G_CALLBACK (on_handle_local_options), NULL);
}
