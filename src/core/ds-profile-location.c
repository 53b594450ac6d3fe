/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-profile-location"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "ds-error.h"

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
/* A profile file's bytes: a regular file only (not /dev/zero, a FIFO or a
 * folder), and never more than a profile may hold, however the file grows
 * while it is read. */
static gboolean
read_bounded (const char  *path,
              char       **data,
              gsize       *length,
              GError     **error)
{
  g_autofree char *buf = NULL;
  struct stat st;
  gsize len = 0;
  int fd, saved;

  fd = g_open (path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY, 0);
  if (fd < 0)
    {
      saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("The team profile %s could not be opened: %s"), path, g_strerror (saved));
      return FALSE;
    }
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      g_close (fd, NULL);
      g_set_error (error, DS_ERROR, DS_ERROR_PROFILE,
                   _("The team profile %s is not a file (a folder or a device?). Choose the "
                     "profile's .json file."), path);
      return FALSE;
    }
  buf = g_malloc (DS_TEAM_PROFILE_MAX_SIZE + 2);
  for (;;)
    {
      gssize n = read (fd, buf + len, DS_TEAM_PROFILE_MAX_SIZE + 1 - len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          saved = errno;
          g_close (fd, NULL);
          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                       _("The team profile %s could not be read: %s"), path, g_strerror (saved));
          return FALSE;
        }
      len += (gsize)n;
      if (n == 0 || len > DS_TEAM_PROFILE_MAX_SIZE)
        break;
    }
  g_close (fd, NULL);
  buf[len] = '\0';
  /* One byte more than a profile may hold: the parse says it is too large. */
  *data = g_steal_pointer (&buf);
  *length = len;
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

  if (!read_bounded (path, &data, &len, error))
    return NULL;
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
