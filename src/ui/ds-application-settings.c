/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-application"

#include "config.h"

#include <glib/gi18n.h>

#include "ds-application-private.h"
#include "ds-autostart.h"

/* What follows the settings as they change, whichever workspace runs: start
 * at login (Dayshift's file in the autostart folder, or the Background
 * portal in a sandbox), how often each service is read and how long an
 * open request is followed (set before the desk starts its first
 * workspace). A change that cannot be made is said. */

/* Inside a Flatpak sandbox the autostart folder is the sandbox's own:
 * the Background portal asks the desktop to start Dayshift at login. Its
 * answer comes as a Response signal on the request's handle. */
typedef struct
{
  DsApplication *self;
  gboolean       enabled;
  guint          signal;
} BackgroundRequest;

static void
on_background_response (GDBusConnection *bus,
                        const char      *sender,
                        const char      *path,
                        const char      *iface,
                        const char      *signal,
                        GVariant        *params,
                        gpointer         user_data)
{
  BackgroundRequest *request = user_data;
  g_autoptr(GVariant) results = NULL;
  guint32 response = 2;
  gboolean autostart = FALSE;

  g_variant_get (params, "(u@a{sv})", &response, &results);
  if (!g_variant_lookup (results, "autostart", "b", &autostart))
    autostart = FALSE;
  g_debug ("Background portal: response %u, autostart %d", response, autostart);
  if (response != 0 || autostart != request->enabled)
    ds_app_report_problem (request->self, _("Start at login was not changed"),
                           _("The desktop did not allow it (the Background portal). Check "
                             "Dayshift in Settings → Apps → Background, then try again."));
  g_dbus_connection_signal_unsubscribe (bus, request->signal);
}

static void
background_request_free (gpointer data)
{
  BackgroundRequest *request = data;

  g_object_unref (request->self);
  g_free (request);
}

static void
on_background_requested (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  DsApplication *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result,
                                                             &error);

  if (reply == NULL)
    ds_app_report_problem (self, _("Start at login was not changed"), error->message);
  g_object_unref (self);
}

static void
request_background (DsApplication *self,
                    gboolean       enabled)
{
  GDBusConnection *bus = g_application_get_dbus_connection (G_APPLICATION (self));
  const char *argv[] = { "dayshift", "--background", NULL };
  g_autofree char *token = g_strdup_printf ("dayshift%u", g_random_int ());
  g_autofree char *sender = NULL;
  g_autofree char *handle = NULL;
  BackgroundRequest *request;
  GVariantBuilder options;

  if (bus == NULL)
    return;
  sender = g_strdup (g_dbus_connection_get_unique_name (bus) + 1);
  g_strdelimit (sender, ".", '_');
  handle = g_strdup_printf ("/org/freedesktop/portal/desktop/request/%s/%s", sender, token);
  request = g_new0 (BackgroundRequest, 1);
  request->self = g_object_ref (self);
  request->enabled = enabled;
  request->signal = g_dbus_connection_signal_subscribe (bus, "org.freedesktop.portal.Desktop",
                                                        "org.freedesktop.portal.Request",
                                                        "Response", handle, NULL,
                                                        G_DBUS_SIGNAL_FLAGS_NO_MATCH_RULE,
                                                        on_background_response, request,
                                                        background_request_free);
  g_variant_builder_init (&options, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&options, "{sv}", "handle_token", g_variant_new_string (token));
  g_variant_builder_add (&options, "{sv}", "reason",
                         g_variant_new_string (_("Dayshift watches your team's services from "
                                                 "the tray from the moment you log in.")));
  g_variant_builder_add (&options, "{sv}", "autostart", g_variant_new_boolean (enabled));
  g_variant_builder_add (&options, "{sv}", "commandline", g_variant_new_strv (argv, -1));
  g_dbus_connection_call (bus, "org.freedesktop.portal.Desktop", "/org/freedesktop/portal/desktop",
                          "org.freedesktop.portal.Background", "RequestBackground",
                          g_variant_new ("(sa{sv})", "", &options), G_VARIANT_TYPE ("(o)"),
                          G_DBUS_CALL_FLAGS_NONE, -1, NULL, on_background_requested,
                          g_object_ref (self));
}

/* Start at login: Dayshift's own file in the autostart folder follows the
 * setting; when on, it is rewritten at each start so that it names the
 * Dayshift that runs now. In a Flatpak sandbox, the Background portal. */
static void
sync_autostart (DsApplication *self,
                gboolean       changed)
{
  GSettings *settings = ds_app_settings_of (self);
  gboolean enabled = g_settings_get_boolean (settings, "start-at-login");
  g_autoptr(GError) error = NULL;
  g_autofree char *exe = NULL;
  const char *native[] = { NULL, NULL };

  if (!enabled && !changed)
    return;
  if (g_getenv ("FLATPAK_ID") != NULL)
    {
      request_background (self, enabled);
      return;
    }
  exe = g_file_read_link ("/proc/self/exe", NULL);
  native[0] = exe != NULL ? exe : "dayshift";
  if (!ds_autostart_set (APP_ID, native, enabled, &error))
    ds_app_report_problem (self, _("Start at login was not changed"), error->message);
}

static void
on_start_at_login_changed (GSettings     *settings,
                           const char    *key,
                           DsApplication *self)
{
  sync_autostart (self, TRUE);
}

/* How often each service is read, and how long a request is followed: the
 * desk keeps them for every workspace it runs, and gives them to the one
 * that runs now. */
static void
set_intervals (DsApplication *self)
{
  GSettings *settings = ds_app_settings_of (self);

  ds_desk_set_interval (self->desk, DS_SERVICE_GITHUB,
                        g_settings_get_uint (settings, "github-poll-interval"));
  ds_desk_set_interval (self->desk, DS_SERVICE_SLACK,
                        g_settings_get_uint (settings, "slack-poll-interval"));
  ds_desk_set_interval (self->desk, DS_SERVICE_PAGERDUTY,
                        g_settings_get_uint (settings, "pagerduty-poll-interval"));
  ds_desk_set_follow_age (self->desk, g_settings_get_uint (settings, "follow-open-hours") * 3600);
}

static gboolean
apply_intervals (gpointer user_data)
{
  DsApplication *self = user_data;

  self->intervals_timer = 0;
  set_intervals (self);
  return G_SOURCE_REMOVE;
}

/* Changed in Settings: applied once the spin button rests. */
static void
on_interval_changed (DsApplication *self)
{
  g_clear_handle_id (&self->intervals_timer, g_source_remove);
  self->intervals_timer = g_timeout_add_seconds (2, apply_intervals, self);
}

static const char * const interval_keys[] = {
  "changed::github-poll-interval", "changed::slack-poll-interval",
  "changed::pagerduty-poll-interval", "changed::follow-open-hours",
};

void
_ds_application_settings_init (DsApplication *self)
{
  GSettings *settings = ds_app_settings_of (self);

  g_signal_connect_object (settings, "changed::start-at-login",
                           G_CALLBACK (on_start_at_login_changed), self, 0);
  for (guint i = 0; i < G_N_ELEMENTS (interval_keys); i++)
    g_signal_connect_object (settings, interval_keys[i], G_CALLBACK (on_interval_changed), self,
                             G_CONNECT_SWAPPED);
  set_intervals (self);
  sync_autostart (self, FALSE);
}
