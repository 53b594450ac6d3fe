/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-workspace"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ds-error.h"
#include "ds-github.h"
#include "ds-profile-location.h"
#include "ds-pagerduty.h"
#include "ds-rotation.h"
#include "ds-workspace-private.h"

/* The team profile: read from a file (and read again when it changes), or
 * from a GitHub repository (read again every few minutes, conditionally). */

gboolean
_ds_workspace_load_file (DsWorkspace  *self,
                         const char   *path,
                         GError      **error)
{
  g_autoptr(DsTeamProfile) profile = ds_profile_location_read_file (path, error);

  return profile != NULL && _ds_workspace_apply_profile (self, profile, error);
}

#define PROFILE_RECHECK (10 * 60)

static void fetch_github_profile (DsWorkspace *self);

static gboolean
on_profile_timer (gpointer user_data)
{
  fetch_github_profile (user_data);
  return G_SOURCE_CONTINUE;
}

static void
on_github_profile (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(DsWorkspace) self = user_data;
  g_autoptr(GError) error = NULL;
  DsHttpInfo info = { 0 };
  g_autoptr(GBytes) bytes = ds_github_get_file_finish (DS_HTTP (source), result, &info, &error);
  g_autoptr(DsTeamProfile) profile = NULL;
  g_autofree char *origin = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (bytes == NULL)
    {
      _ds_workspace_profile_problem (self, _("The team profile was not loaded"), error->message);
      return;
    }
  /* Unchanged since the last look: nothing to do. */
  if (info.from_cache && self->profile != NULL)
    return;
  origin = g_strdup_printf ("%s:%s", self->profile_repo, self->profile_file);
  profile = ds_team_profile_new_from_data (g_bytes_get_data (bytes, NULL),
                                           g_bytes_get_size (bytes), origin, &error);
  if (profile == NULL || !_ds_workspace_apply_profile (self, profile, &error))
    {
      g_autofree char *detail = self->profile != NULL
        ? g_strdup_printf (_("%s The previous profile stays in force."), error->message)
        : g_strdup (error->message);
      _ds_workspace_profile_problem (self, _("The team profile was not loaded"), detail);
    }
}

static void
fetch_github_profile (DsWorkspace *self)
{
  ds_github_get_file_async (self->profile_http, self->profile_repo, self->profile_file,
                            self->cancellable, on_github_profile, g_object_ref (self));
}

static void
on_profile_token (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(DsWorkspace) self = user_data;
  g_autoptr(GError) error = NULL;
  char *token = ds_secrets_lookup_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (ds_secrets_error_is_keyring (error))
    {
      /* Asked again, as the tokens are. */
      self->profile_token_failed = TRUE;
      _ds_workspace_keyring_failed (self, error, 0, TRUE);
      return;
    }
  self->profile_token_failed = FALSE;
  if (token == NULL)
    {
      _ds_workspace_profile_problem (self, _("The team profile was not loaded"),
               error != NULL ? error->message
                             : _("The team profile is kept on GitHub, and no GitHub token is "
                                 "saved. Save one in Settings."));
      ds_secrets_free (token);
      return;
    }
  ds_http_set_token (self->profile_http, DS_SERVICE_GITHUB, token);
  ds_secrets_free (token);
  fetch_github_profile (self);
  self->profile_timer = g_timeout_add_seconds (PROFILE_RECHECK, on_profile_timer, self);
}

gboolean
_ds_workspace_load_from_github (DsWorkspace  *self,
                                GError      **error)
{
  const DsServiceInfo *github = ds_service_info (DS_SERVICE_GITHUB);
  const char *url = self->github_url != NULL ? self->github_url : github->default_url;

  g_clear_object (&self->profile_http);
  self->profile_http = ds_http_new ();
  ds_http_set_conditional (self->profile_http, DS_SERVICE_GITHUB, TRUE);
  if (!ds_http_set_base_url (self->profile_http, DS_SERVICE_GITHUB, url, error))
    return FALSE;
  ds_secrets_lookup_async (github->id, _ds_workspace_host_of (url, DS_SERVICE_GITHUB), 0,
                           self->cancellable, on_profile_token, g_object_ref (self));
  return TRUE;
}

void
_ds_workspace_on_profile_changed (GFileMonitor      *monitor,
                                  GFile             *file,
                                  GFile             *other,
                                  GFileMonitorEvent  event,
                                  DsWorkspace       *self)
{
  g_autoptr(GError) error = NULL;

  if (event != G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT && event != G_FILE_MONITOR_EVENT_CREATED)
    return;
  g_debug ("The team profile changed; loading it again");
  if (!_ds_workspace_load_file (self, self->path, &error))
    {
      g_autofree char *detail = g_strdup_printf (_("%s The previous profile stays in force."),
                                                 error->message);
      _ds_workspace_profile_problem (self, _("The new team profile was not loaded"), detail);
    }
}
