/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What Dayshift keeps of GitHub's records: plain structs the classifier, the
 * rotation and the sources share. The net layer parses them from the API
 * (ds-github.c); nothing here does I/O. */

typedef struct
{
  char   *login;
  gint64  id;
  char   *name;
  char   *email;
} DsGhUser;

typedef struct
{
  gint64   number;
  char    *title;
  char    *body;
  char    *html_url;
  char    *state;
  char    *author;
  char    *repo;                 /* owner/name */
  char   **assignees;
  char   **labels;
  char   **requested_reviewers;  /* pull requests */
  char   **requested_teams;      /* pull requests: team slugs */
  gboolean is_pull_request;
  gint64   created;
  gint64   updated;
} DsGhIssue;

typedef struct
{
  char    *id;
  char    *reason;               /* review_requested, mention, team_mention, assign, … */
  char    *title;
  char    *type;                 /* Issue, PullRequest, … */
  char    *url;                  /* the API URL of the subject */
  char    *repo;
  gboolean unread;
  gint64   updated;
} DsGhNotification;

typedef struct
{
  gint64  id;
  char   *name;
  char   *display_title;
  char   *head_branch;
  char   *event;
  char   *status;
  char   *conclusion;
  char   *html_url;
  char   *actor;
  char   *triggering_actor;
  gint64  workflow_id;
  gint64  created;
} DsGhRun;

typedef struct
{
  gint64  id;
  char   *environment;
  char   *ref;
  char   *sha;
  char   *creator;
  char   *description;
  gint64  created;
} DsGhDeployment;

typedef struct
{
  gint64  id;
  char   *state;
  char   *description;
  char   *creator;
  char   *log_url;
  gint64  created;
} DsGhDeploymentStatus;

typedef struct
{
  gint64  id;
  char   *html_url;
  char   *body;
  char   *author;    /* user.login; NULL for a deleted account */
  gint64  created;   /* created_at, Unix time; 0 if not given */
} DsGhComment;

/* What the user may do in a repository ("permissions"), GitHub's roles
 * from Read to Admin: Write is "push". */
typedef enum
{
  DS_GH_PERMISSION_PULL     = 1 << 0,
  DS_GH_PERMISSION_TRIAGE   = 1 << 1,
  DS_GH_PERMISSION_PUSH     = 1 << 2,
  DS_GH_PERMISSION_MAINTAIN = 1 << 3,
  DS_GH_PERMISSION_ADMIN    = 1 << 4,
} DsGhPermissions;

typedef struct
{
  gint64           id;
  char            *full_name;
  char            *html_url;
  gboolean         has_issues;    /* TRUE unless GitHub says they are turned off */
  gboolean         has_permissions; /* GitHub said them (it does to a token) */
  DsGhPermissions  permissions;
} DsGhRepo;

typedef struct
{
  gint64  id;
  char   *slug;
  char   *name;
  char   *html_url;
} DsGhTeam;

/* A user's membership of a team. */
typedef struct
{
  char     *role;                 /* member, maintainer */
  gboolean  pending;              /* invited, not yet accepted */
} DsGhMembership;

void ds_gh_user_free              (DsGhUser             *user);
void ds_gh_issue_free             (DsGhIssue            *issue);
void ds_gh_notification_free      (DsGhNotification     *notification);
void ds_gh_run_free               (DsGhRun              *run);
void ds_gh_deployment_free        (DsGhDeployment       *deployment);
void ds_gh_deployment_status_free (DsGhDeploymentStatus *status);
void ds_gh_comment_free           (DsGhComment          *comment);
void ds_gh_repo_free              (DsGhRepo             *repo);
void ds_gh_team_free              (DsGhTeam             *team);
void ds_gh_membership_free        (DsGhMembership       *membership);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DsGhUser, ds_gh_user_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DsGhIssue, ds_gh_issue_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DsGhComment, ds_gh_comment_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DsGhRepo, ds_gh_repo_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DsGhTeam, ds_gh_team_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DsGhMembership, ds_gh_membership_free)

gboolean ds_gh_repo_name_is_valid (const char *repo);

G_END_DECLS
