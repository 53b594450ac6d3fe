/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "ds-github-records.h"

void
ds_gh_user_free (DsGhUser *user)
{
  if (user == NULL)
    return;
  g_free (user->login);
  g_free (user->name);
  g_free (user->email);
  g_free (user);
}

void
ds_gh_issue_free (DsGhIssue *issue)
{
  if (issue == NULL)
    return;
  g_free (issue->title);
  g_free (issue->body);
  g_free (issue->html_url);
  g_free (issue->state);
  g_free (issue->author);
  g_free (issue->repo);
  g_strfreev (issue->assignees);
  g_strfreev (issue->labels);
  g_strfreev (issue->requested_reviewers);
  g_strfreev (issue->requested_teams);
  g_free (issue);
}

void
ds_gh_notification_free (DsGhNotification *n)
{
  if (n == NULL)
    return;
  g_free (n->id);
  g_free (n->reason);
  g_free (n->title);
  g_free (n->type);
  g_free (n->url);
  g_free (n->repo);
  g_free (n);
}

void
ds_gh_run_free (DsGhRun *run)
{
  if (run == NULL)
    return;
  g_free (run->name);
  g_free (run->display_title);
  g_free (run->head_branch);
  g_free (run->event);
  g_free (run->status);
  g_free (run->conclusion);
  g_free (run->html_url);
  g_free (run->actor);
  g_free (run->triggering_actor);
  g_free (run);
}

void
ds_gh_deployment_free (DsGhDeployment *d)
{
  if (d == NULL)
    return;
  g_free (d->environment);
  g_free (d->ref);
  g_free (d->sha);
  g_free (d->creator);
  g_free (d->description);
  g_free (d);
}

void
ds_gh_deployment_status_free (DsGhDeploymentStatus *s)
{
  if (s == NULL)
    return;
  g_free (s->state);
  g_free (s->description);
  g_free (s->creator);
  g_free (s->log_url);
  g_free (s);
}

void
ds_gh_comment_free (DsGhComment *c)
{
  if (c == NULL)
    return;
  g_free (c->html_url);
  g_free (c->body);
  g_free (c->author);
  g_free (c);
}

void
ds_gh_repo_free (DsGhRepo *r)
{
  if (r == NULL)
    return;
  g_free (r->full_name);
  g_free (r->html_url);
  g_free (r);
}

void
ds_gh_team_free (DsGhTeam *team)
{
  if (team == NULL)
    return;
  g_free (team->slug);
  g_free (team->name);
  g_free (team->html_url);
  g_free (team);
}

void
ds_gh_membership_free (DsGhMembership *membership)
{
  if (membership == NULL)
    return;
  g_free (membership->role);
  g_free (membership);
}

/* "owner/name", each part made of what GitHub allows (letters, digits, '-',
 * '_', '.'), and no "..": a value from a team profile can never reach
 * another path of the API. */
gboolean
ds_gh_repo_name_is_valid (const char *repo)
{
  const char *slash;

  if (repo == NULL || (slash = strchr (repo, '/')) == NULL || slash == repo ||
      slash[1] == '\0' || strchr (slash + 1, '/') != NULL)
    return FALSE;
  for (const char *p = repo; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_' && *p != '.' && *p != '/')
      return FALSE;
  return strstr (repo, "..") == NULL;
}
