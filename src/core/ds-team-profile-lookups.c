/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-team-profile"

#include "config.h"

#include <string.h>

#include "ds-team-profile.h"

/* What is asked of a loaded profile: a service's address, a channel, a
 * teammate, the super-epic of a kind of item, whether a text is an
 * emergency or a failed deploy. Reading and checking the file is in
 * ds-team-profile.c. */

/**
 * ds_team_profile_get_url:
 * @service: a service the profile may name
 *
 * Returns: (nullable): the API address the profile gives @service, or
 *   %NULL when it does not name the service
 */
const char *
ds_team_profile_get_url (DsTeamProfile *self,
                         DsService      service)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_return_val_if_fail (service < DS_N_SERVICES, NULL);

  return self->urls[service];
}

/**
 * ds_team_profile_api_url:
 * @self: (nullable): the team profile in force
 * @service: a service
 * @github_url: (nullable): the GitHub API address of the github-host
 *   setting
 *
 * The one rule for where Dayshift reads @service and which address its
 * token is saved for: the address the team profile gives it; for GitHub,
 * when the profile names none, the github-host setting's (GitHub
 * Enterprise for the whole computer). The workspace, the setup check,
 * Settings' tokens and Sign in with GitHub all follow it.
 *
 * Returns: (nullable): that address, or %NULL for the service's default
 */
const char *
ds_team_profile_api_url (DsTeamProfile *self,
                         DsService      service,
                         const char    *github_url)
{
  const char *url = self != NULL ? ds_team_profile_get_url (self, service) : NULL;

  g_return_val_if_fail (service < DS_N_SERVICES, NULL);

  if (url == NULL && service == DS_SERVICE_GITHUB)
    url = github_url;
  return url;
}

const DsProfileChannel *
ds_team_profile_find_channel (DsTeamProfile *self,
                              const char    *id)
{
  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; id != NULL && i < self->channels->len; i++)
    {
      DsProfileChannel *c = g_ptr_array_index (self->channels, i);
      if (g_str_equal (c->id, id))
        return c;
    }
  return NULL;
}

const DsTeammate *
ds_team_profile_find_teammate_by_slack (DsTeamProfile *self,
                                        const char    *slack_id)
{
  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; slack_id != NULL && i < self->teammates->len; i++)
    {
      DsTeammate *t = g_ptr_array_index (self->teammates, i);
      if (g_strcmp0 (t->slack, slack_id) == 0)
        return t;
    }
  return NULL;
}

/* The teammate of that GitHub login (which GitHub reads whatever its
 * case), or %NULL. */
const DsTeammate *
ds_team_profile_find_teammate_by_github (DsTeamProfile *self,
                                         const char    *login)
{
  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; login != NULL && i < self->teammates->len; i++)
    {
      DsTeammate *t = g_ptr_array_index (self->teammates, i);
      if (t->github != NULL && g_ascii_strcasecmp (t->github, login) == 0)
        return t;
    }
  return NULL;
}

/* The teammate the profile names so, or %NULL. */
const DsTeammate *
ds_team_profile_find_teammate (DsTeamProfile *self,
                               const char    *name)
{
  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; name != NULL && i < self->teammates->len; i++)
    {
      DsTeammate *t = g_ptr_array_index (self->teammates, i);
      if (g_strcmp0 (t->name, name) == 0)
        return t;
    }
  return NULL;
}

const DsSuperEpic *
ds_team_profile_super_epic_for (DsTeamProfile *self,
                                DsItemKind     kind)
{
  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < self->super_epics->len; i++)
    {
      DsSuperEpic *e = g_ptr_array_index (self->super_epics, i);
      if (e->kinds & DS_KIND_BIT (kind))
        return e;
    }
  return NULL;
}

static gboolean
is_ascii (const char *s)
{
  for (; *s != '\0'; s++)
    if ((guchar)*s >= 0x80)
      return FALSE;
  return TRUE;
}

/* Whether @needle (lower case) stands in @haystack as a whole word. With
 * @ascii_fold, @haystack is compared ignoring ASCII case. */
static gboolean
has_word (const char *haystack,
          const char *needle,
          gboolean    ascii_fold)
{
  gsize n = strlen (needle);

  for (const char *p = haystack; *p != '\0'; p++)
    {
      gboolean start_ok;

      if ((ascii_fold ? g_ascii_tolower (*p) : *p) != needle[0])
        continue;
      if (ascii_fold ? g_ascii_strncasecmp (p, needle, n) != 0 : strncmp (p, needle, n) != 0)
        continue;
      start_ok = p == haystack || !g_ascii_isalnum (p[-1]);
      if (start_ok && !g_ascii_isalnum (p[n]))
        return TRUE;
    }
  return FALSE;
}

/* Whether @text has one of the emergency keywords, as whole words, in any
 * case. Keywords in plain ASCII (nearly all) are matched without folding
 * the whole text, which is the costly part. */
gboolean
ds_team_profile_is_emergency (DsTeamProfile *self,
                              const char    *text)
{
  g_autofree char *folded = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  if (text == NULL)
    return FALSE;
  for (guint i = 0; self->emergency_folded[i] != NULL; i++)
    {
      const char *kw = self->emergency_folded[i];

      if (*kw == '\0')
        continue;
      if (is_ascii (kw))
        {
          if (has_word (text, kw, TRUE))
            return TRUE;
          continue;
        }
      if (folded == NULL)
        folded = g_utf8_casefold (text, -1);
      if (has_word (folded, kw, FALSE))
        return TRUE;
    }
  return FALSE;
}

gboolean
ds_team_profile_is_deploy_failure (DsTeamProfile *self,
                                   const char    *text)
{
  g_return_val_if_fail (self != NULL, FALSE);
  if (text == NULL)
    return FALSE;
  for (guint i = 0; i < self->deploy_patterns->len; i++)
    {
      GRegex *re = g_ptr_array_index (self->deploy_patterns, i);
      g_autoptr(GError) error = NULL;

      if (g_regex_match_full (re, text, -1, 0, 0, NULL, &error))
        return TRUE;
      /* PCRE's backtracking limit: no answer, not "no match". Said once
       * per pattern, and the message is taken as a failure not to lose it. */
      if (error != NULL)
        {
          static GHashTable *told;
          G_LOCK_DEFINE_STATIC (told);

          G_LOCK (told);
          if (told == NULL)
            told = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          if (g_hash_table_add (told, g_strdup (g_regex_get_pattern (re))))
            g_message ("The deploy failure pattern “%s” could not be matched (%s); Dayshift "
                       "counts such messages as failures. Simplify the pattern in the team "
                       "profile.", g_regex_get_pattern (re), error->message);
          G_UNLOCK (told);
          return TRUE;
        }
    }
  return FALSE;
}
