/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-profile-location"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ds-github-records.h"
#include "ds-profile-location.h"

/**
 * ds_profile_location_parse_github:
 * @repo: (out): "owner/repo"
 * @path: (out): the file's path in the repository
 *
 * Returns: %TRUE if @location is "owner/repo:path" and not a file on this
 *   computer
 */
gboolean
ds_profile_location_parse_github (const char  *location,
                                  char       **repo,
                                  char       **path)
{
  const char *colon;
  g_autofree char *r = NULL;

  g_return_val_if_fail (location != NULL, FALSE);

  colon = strchr (location, ':');
  if (colon == NULL || colon[1] == '\0' || g_file_test (location, G_FILE_TEST_EXISTS))
    return FALSE;
  r = g_strndup (location, colon - location);
  if (!ds_gh_repo_name_is_valid (r))
    return FALSE;
  if (repo != NULL)
    *repo = g_steal_pointer (&r);
  if (path != NULL)
    *path = g_strdup (colon + 1);
  return TRUE;
}

/**
 * ds_profile_location_read_file:
 * @path: a team profile on this computer
 *
 * Returns: (transfer full): the profile, or %NULL with an error that says
 *   which file and, for a bad profile, which key
 */
DsTeamProfile *
ds_profile_location_read_file (const char  *path,
                               GError     **error)
{
  g_autofree char *data = NULL;
  g_autofree char *name = NULL;
  gsize len = 0;

  g_return_val_if_fail (path != NULL, NULL);

  /* Small and local: read at once (the size is checked while parsing). */
  if (!g_file_get_contents (path, &data, &len, error))
    {
      g_prefix_error (error, _("The team profile could not be read: "));
      return NULL;
    }
  name = g_path_get_basename (path);
  return ds_team_profile_new_from_data (data, len, name, error);
}

/**
 * ds_profile_location_describe:
 *
 * Returns: what @profile holds, in a line: "Platform team: 2 channels,
 *   5 teammates, PagerDuty schedule"
 */
char *
ds_profile_location_describe (DsTeamProfile *profile)
{
  GString *s = g_string_new (NULL);

  g_return_val_if_fail (profile != NULL, NULL);

  g_string_append_printf (s, g_dngettext (GETTEXT_PACKAGE, "%s: %u Slack channel",
                                          "%s: %u Slack channels", profile->channels->len),
                          profile->name != NULL ? profile->name : _("Team profile"),
                          profile->channels->len);
  g_string_append (s, ", ");
  g_string_append_printf (s, g_dngettext (GETTEXT_PACKAGE, "%u teammate", "%u teammates",
                                          profile->teammates->len),
                          profile->teammates->len);
  if (profile->team_repo != NULL)
    {
      g_string_append (s, ", ");
      /* Translators: the team's GitHub repository, e.g. "issues in acme/ops" */
      g_string_append_printf (s, _("issues in %s"), profile->team_repo);
    }
  if (profile->pagerduty_schedule != NULL)
    {
      g_string_append (s, ", ");
      g_string_append (s, _("a PagerDuty schedule"));
    }
  return g_string_free (s, FALSE);
}
