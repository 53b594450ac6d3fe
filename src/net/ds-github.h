/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ds-http.h"
#include "ds-github-records.h"

G_BEGIN_DECLS

/* The GitHub REST API, as plain records. Every call is *_async on a DsHttp
 * and finishes with its own *_finish: one record, or a GPtrArray of records
 * for a listing. Repos are "owner/name". */

gboolean ds_github_valid_repo (const char *repo);

/* DsGhUser */
void ds_github_get_user_async           (DsHttp *http, GCancellable *cancellable,
                                         GAsyncReadyCallback callback, gpointer user_data);
DsGhUser *ds_github_get_user_finish (DsHttp *http, GAsyncResult *result, GError **error);
/* DsGhNotification; conditional (If-Modified-Since), see DsHttpInfo */
void ds_github_list_notifications_async (DsHttp *http, gboolean participating,
                                         GCancellable *cancellable,
                                         GAsyncReadyCallback callback, gpointer user_data);
GPtrArray *ds_github_list_notifications_finish (DsHttp *http, GAsyncResult *result,
                                                DsHttpInfo *info, GError **error);
/* DsGhIssue, e.g. "is:open is:pr team-review-requested:org/team" */
void ds_github_search_issues_async      (DsHttp *http, const char *query,
                                         GCancellable *cancellable,
                                         GAsyncReadyCallback callback, gpointer user_data);
GPtrArray *ds_github_search_issues_finish (DsHttp *http, GAsyncResult *result, GError **error);
/* DsGhIssue; @labels comma-separated or NULL */
void ds_github_list_issues_async        (DsHttp *http, const char *repo, const char *labels,
                                         const char *state, GCancellable *cancellable,
                                         GAsyncReadyCallback callback, gpointer user_data);
GPtrArray *ds_github_list_issues_finish (DsHttp *http, GAsyncResult *result, GError **error);
/* DsGhIssue */
void ds_github_get_issue_async          (DsHttp *http, const char *repo, gint64 number,
                                         GCancellable *cancellable,
                                         GAsyncReadyCallback callback, gpointer user_data);
DsGhIssue *ds_github_get_issue_finish (DsHttp *http, GAsyncResult *result, GError **error);
/* DsGhIssue */
void ds_github_create_issue_async       (DsHttp *http, const char *repo, const char *title,
                                         const char *body, const char * const *labels,
                                         const char * const *assignees,
                                         GCancellable *cancellable,
                                         GAsyncReadyCallback callback, gpointer user_data);
DsGhIssue *ds_github_create_issue_finish (DsHttp *http, GAsyncResult *result, GError **error);
/* DsGhIssue; @state "open" or "closed" */
void ds_github_set_issue_state_async    (DsHttp *http, const char *repo, gint64 number,
                                         const char *state, GCancellable *cancellable,
                                         GAsyncReadyCallback callback, gpointer user_data);
DsGhIssue *ds_github_set_issue_state_finish (DsHttp *http, GAsyncResult *result, GError **error);
/* DsGhIssue */
void ds_github_add_assignees_async      (DsHttp *http, const char *repo, gint64 number,
                                         const char * const *logins, GCancellable *cancellable,
                                         GAsyncReadyCallback callback, gpointer user_data);
DsGhIssue *ds_github_add_assignees_finish (DsHttp *http, GAsyncResult *result, GError **error);
/* DsGhIssue */
void ds_github_remove_assignees_async   (DsHttp *http, const char *repo, gint64 number,
                                         const char * const *logins, GCancellable *cancellable,
                                         GAsyncReadyCallback callback, gpointer user_data);
DsGhIssue *ds_github_remove_assignees_finish (DsHttp *http, GAsyncResult *result, GError **error);
/* non-NULL on success */
void ds_github_request_reviewers_async  (DsHttp *http, const char *repo, gint64 number,
                                         const char * const *logins, GCancellable *cancellable,
                                         GAsyncReadyCallback callback, gpointer user_data);
gboolean ds_github_request_reviewers_finish (DsHttp *http, GAsyncResult *result, GError **error);
/* DsGhComment */
void ds_github_create_comment_async     (DsHttp *http, const char *repo, gint64 number,
                                         const char *body, GCancellable *cancellable,
                                         GAsyncReadyCallback callback, gpointer user_data);
DsGhComment *ds_github_create_comment_finish (DsHttp *http, GAsyncResult *result, GError **error);
/* DsGhComment, oldest first */
void ds_github_list_comments_async      (DsHttp *http, const char *repo, gint64 number,
                                         GCancellable *cancellable,
                                         GAsyncReadyCallback callback, gpointer user_data);
GPtrArray *ds_github_list_comments_finish (DsHttp *http, GAsyncResult *result, GError **error);
/* DsGhIssue (pull requests) */
void ds_github_list_pulls_async         (DsHttp *http, const char *repo, const char *state,
                                         GCancellable *cancellable,
                                         GAsyncReadyCallback callback, gpointer user_data);
GPtrArray *ds_github_list_pulls_finish (DsHttp *http, GAsyncResult *result, GError **error);
/* DsGhRun; only runs whose status is "failure" */
void ds_github_list_failed_runs_async   (DsHttp *http, const char *repo,
                                         GCancellable *cancellable,
                                         GAsyncReadyCallback callback, gpointer user_data);
GPtrArray *ds_github_list_failed_runs_finish (DsHttp *http, GAsyncResult *result, GError **error);
/* DsGhDeployment; @environment may be NULL */
void ds_github_list_deployments_async   (DsHttp *http, const char *repo,
                                         const char *environment, GCancellable *cancellable,
                                         GAsyncReadyCallback callback, gpointer user_data);
GPtrArray *ds_github_list_deployments_finish (DsHttp *http, GAsyncResult *result, GError **error);
/* DsGhDeploymentStatus */
void ds_github_list_deployment_statuses_async (DsHttp *http, const char *repo, gint64 id,
                                               GCancellable *cancellable,
                                               GAsyncReadyCallback callback,
                                               gpointer user_data);
GPtrArray *ds_github_list_deployment_statuses_finish (DsHttp *http, GAsyncResult *result,
                                                      GError **error);
/* DsGhUser */
void ds_github_list_team_members_async  (DsHttp *http, const char *org, const char *team,
                                         GCancellable *cancellable,
                                         GAsyncReadyCallback callback, gpointer user_data);
GPtrArray *ds_github_list_team_members_finish (DsHttp *http, GAsyncResult *result, GError **error);
/* DsGhRepo, with what the token's user may do in it */
void ds_github_get_repo_async           (DsHttp *http, const char *repo,
                                         GCancellable *cancellable,
                                         GAsyncReadyCallback callback, gpointer user_data);
DsGhRepo *ds_github_get_repo_finish (DsHttp *http, GAsyncResult *result, GError **error);
/* DsGhTeam; @team is its slug */
void ds_github_get_team_async           (DsHttp *http, const char *org, const char *team,
                                         GCancellable *cancellable,
                                         GAsyncReadyCallback callback, gpointer user_data);
DsGhTeam *ds_github_get_team_finish (DsHttp *http, GAsyncResult *result, GError **error);
/* DsGhMembership; not a member is DS_ERROR_NOT_FOUND */
void ds_github_get_team_membership_async (DsHttp *http, const char *org, const char *team,
                                          const char *login, GCancellable *cancellable,
                                          GAsyncReadyCallback callback, gpointer user_data);
DsGhMembership *ds_github_get_team_membership_finish (DsHttp *http, GAsyncResult *result,
                                                      GError **error);
/* DsGhUser; no such user is DS_ERROR_NOT_FOUND */
void ds_github_get_user_by_login_async  (DsHttp *http, const char *login,
                                         GCancellable *cancellable,
                                         GAsyncReadyCallback callback, gpointer user_data);
DsGhUser *ds_github_get_user_by_login_finish (DsHttp *http, GAsyncResult *result,
                                              GError **error);
/* DsGhRun: the @count latest runs of every workflow (1 to 100), one page */
void ds_github_list_runs_async          (DsHttp *http, const char *repo, guint count,
                                         GCancellable *cancellable,
                                         GAsyncReadyCallback callback, gpointer user_data);
GPtrArray *ds_github_list_runs_finish (DsHttp *http, GAsyncResult *result, GError **error);

/* GBytes, the file's contents */
void ds_github_get_file_async           (DsHttp *http, const char *repo, const char *path,
                                         GCancellable *cancellable,
                                         GAsyncReadyCallback callback, gpointer user_data);
GBytes *ds_github_get_file_finish (DsHttp *http, GAsyncResult *result, DsHttpInfo *info,
                                   GError **error);

/* The parsers (ds-github-parse.c), for the calls, tests and fuzzing. */
gpointer ds_github_parse_user   (JsonNode *root, const DsJsonScope *scope, GError **error);
gpointer ds_github_parse_issue  (JsonNode *root, const DsJsonScope *scope, GError **error);
gboolean ds_github_parse_issues (JsonNode *root, GPtrArray *items, const DsJsonScope *scope,
                                 GError **error);
gboolean ds_github_parse_search (JsonNode *root, GPtrArray *items, const DsJsonScope *scope,
                                 GError **error);
gboolean ds_github_parse_notifications (JsonNode *root, GPtrArray *items,
                                        const DsJsonScope *scope, GError **error);
gboolean ds_github_parse_runs   (JsonNode *root, GPtrArray *items, const DsJsonScope *scope,
                                 GError **error);
gboolean ds_github_parse_deployments (JsonNode *root, GPtrArray *items,
                                      const DsJsonScope *scope, GError **error);
gboolean ds_github_parse_deployment_statuses (JsonNode *root, GPtrArray *items,
                                              const DsJsonScope *scope, GError **error);
gpointer ds_github_parse_file   (JsonNode *root, const DsJsonScope *scope, GError **error);
gpointer ds_github_parse_comment (JsonNode *root, const DsJsonScope *scope, GError **error);
gpointer ds_github_parse_repo   (JsonNode *root, const DsJsonScope *scope, GError **error);
gpointer ds_github_parse_team   (JsonNode *root, const DsJsonScope *scope, GError **error);
gpointer ds_github_parse_membership (JsonNode *root, const DsJsonScope *scope, GError **error);
gboolean ds_github_parse_comments (JsonNode *root, GPtrArray *items, const DsJsonScope *scope,
                                   GError **error);
gboolean ds_github_parse_users  (JsonNode *root, GPtrArray *items, const DsJsonScope *scope,
                                 GError **error);

G_END_DECLS
