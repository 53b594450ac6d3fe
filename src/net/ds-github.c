/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-github"

#include "config.h"

#include <string.h>

#include "ds-error.h"
#include "ds-github.h"
#include "ds-json-private.h"

/* GitHub's REST API on DsHttp: each call builds its request, tags it
 * with its _async function (ds_http_call_set_source_tag()) and hands it to
 * DsHttp with its parser from ds-github-parse.c; DsHttp guarantees that it
 * ends, and each typed _finish checks the tag. A bad argument (a
 * repository that is not "owner/name", a path out of the repository) is
 * never sent: it is reported on a task with the call's tag, so that the
 * call's _finish gives it as an error. Listings ask for 100 a page. */

/* -- calls ----------------------------------------------------------------- */

/* One rule for a repository name, the team profile's too (core). */
gboolean
ds_github_valid_repo (const char *repo)
{
  return ds_gh_repo_name_is_valid (repo);
}

/* A bad argument is reported on a task of @http with the call's source
 * tag, so that the call's _finish gives it as an error. */
static gboolean
check_repo (DsHttp              *http,
            const char          *repo,
            GAsyncReadyCallback  callback,
            gpointer             user_data,
            gpointer             source_tag)
{
  if (ds_github_valid_repo (repo))
    return TRUE;
  g_task_report_new_error (http, callback, user_data, source_tag, DS_ERROR,
                           DS_ERROR_INVALID_ARGUMENT,
                           "“%s” is not a GitHub repository name (owner/name).",
                           repo != NULL ? repo : "");
  return FALSE;
}

static void
fetch (DsHttp              *http,
       DsHttpCall          *call,
       DsHttpParseFunc      parse,
       GDestroyNotify       free_func,
       GCancellable        *cancellable,
       GAsyncReadyCallback  callback,
       gpointer             user_data)
{
  ds_http_fetch_async (http, call, parse, free_func, cancellable, callback, user_data);
}

static void
pages (DsHttp              *http,
       DsHttpCall          *call,
       DsHttpPageFunc       parse,
       GDestroyNotify       free_func,
       GCancellable        *cancellable,
       GAsyncReadyCallback  callback,
       gpointer             user_data)
{
  ds_http_call_add_query (call, "per_page", "100");
  ds_http_fetch_pages_async (http, call, parse, free_func, DS_HTTP_DEFAULT_MAX_PAGES,
                             cancellable, callback, user_data);
}

void
ds_github_get_user_async (DsHttp              *http,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  DsHttpCall *call = ds_http_call_new (DS_SERVICE_GITHUB, "GET", "/user");


  ds_http_call_set_source_tag (call, ds_github_get_user_async);
  fetch (http, call, ds_github_parse_user, (GDestroyNotify)ds_gh_user_free, cancellable, callback,
         user_data);
}

void
ds_github_list_notifications_async (DsHttp              *http,
                                    gboolean             participating,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  DsHttpCall *call = ds_http_call_new (DS_SERVICE_GITHUB, "GET", "/notifications");

  if (participating)
    ds_http_call_add_query (call, "participating", "true");
  /* GitHub's advice: poll with If-Modified-Since; a 304 costs no rate limit. */
  ds_http_call_set_conditional (call, TRUE);
  ds_http_call_add_query (call, "per_page", "50");
  ds_http_call_set_source_tag (call, ds_github_list_notifications_async);
  ds_http_fetch_pages_async (http, call, ds_github_parse_notifications,
                             (GDestroyNotify)ds_gh_notification_free, 1, cancellable, callback,
                             user_data);
}

void
ds_github_search_issues_async (DsHttp              *http,
                               const char          *query,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  DsHttpCall *call = ds_http_call_new (DS_SERVICE_GITHUB, "GET", "/search/issues");

  ds_http_call_add_query (call, "q", query);
  ds_http_call_set_source_tag (call, ds_github_search_issues_async);
  pages (http, call, ds_github_parse_search, (GDestroyNotify)ds_gh_issue_free, cancellable,
         callback, user_data);
}

void
ds_github_list_issues_async (DsHttp              *http,
                             const char          *repo,
                             const char          *labels,
                             const char          *state,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  DsHttpCall *call;

  if (!check_repo (http, repo, callback, user_data, ds_github_list_issues_async))
    return;
  call = ds_http_call_newv (DS_SERVICE_GITHUB, "GET", "/repos/%s/issues", repo);
  if (labels != NULL)
    ds_http_call_add_query (call, "labels", labels);
  ds_http_call_add_query (call, "state", state != NULL ? state : "open");
  ds_http_call_set_source_tag (call, ds_github_list_issues_async);
  pages (http, call, ds_github_parse_issues, (GDestroyNotify)ds_gh_issue_free, cancellable,
         callback, user_data);
}

void
ds_github_get_issue_async (DsHttp              *http,
                           const char          *repo,
                           gint64               number,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  DsHttpCall *call;

  if (!check_repo (http, repo, callback, user_data, ds_github_get_issue_async))
    return;
  call = ds_http_call_newv (DS_SERVICE_GITHUB, "GET", "/repos/%s/issues/%" G_GINT64_FORMAT, repo,
                            number);
  ds_http_call_set_source_tag (call, ds_github_get_issue_async);
  fetch (http, call, ds_github_parse_issue, (GDestroyNotify)ds_gh_issue_free, cancellable,
         callback, user_data);
}

static JsonNode *
strv_node (const char * const *values)
{
  JsonArray *array = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    json_array_add_string_element (array, values[i]);
  json_node_take_array (node, array);
  return node;
}

void
ds_github_create_issue_async (DsHttp              *http,
                              const char          *repo,
                              const char          *title,
                              const char          *body,
                              const char * const  *labels,
                              const char * const  *assignees,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  JsonObject *o = json_object_new ();
  DsHttpCall *call;

  g_return_if_fail (title != NULL);
  if (!check_repo (http, repo, callback, user_data, ds_github_create_issue_async))
    return;

  json_object_set_string_member (o, "title", title);
  if (body != NULL)
    json_object_set_string_member (o, "body", body);
  if (labels != NULL)
    json_object_set_member (o, "labels", strv_node (labels));
  if (assignees != NULL)
    json_object_set_member (o, "assignees", strv_node (assignees));
  json_node_take_object (node, o);

  call = ds_http_call_newv (DS_SERVICE_GITHUB, "POST", "/repos/%s/issues", repo);
  ds_http_call_set_json (call, node);
  ds_http_call_set_source_tag (call, ds_github_create_issue_async);
  fetch (http, call, ds_github_parse_issue, (GDestroyNotify)ds_gh_issue_free, cancellable,
         callback, user_data);
}

void
ds_github_set_issue_state_async (DsHttp              *http,
                                 const char          *repo,
                                 gint64               number,
                                 const char          *state,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  JsonObject *o = json_object_new ();
  DsHttpCall *call;

  g_return_if_fail (g_strcmp0 (state, "open") == 0 || g_strcmp0 (state, "closed") == 0);
  if (!check_repo (http, repo, callback, user_data, ds_github_set_issue_state_async))
    return;

  json_object_set_string_member (o, "state", state);
  json_node_take_object (node, o);
  call = ds_http_call_newv (DS_SERVICE_GITHUB, "PATCH", "/repos/%s/issues/%" G_GINT64_FORMAT,
                            repo, number);
  ds_http_call_set_json (call, node);
  ds_http_call_set_source_tag (call, ds_github_set_issue_state_async);
  fetch (http, call, ds_github_parse_issue, (GDestroyNotify)ds_gh_issue_free, cancellable,
         callback, user_data);
}

/* A write whose body is a list of logins under @member. */
static void
logins_call (DsHttp              *http,
             const char          *method,
             const char          *repo,
             const char          *path,
             const char          *member,
             const char * const  *logins,
             DsHttpParseFunc      parse,
             GDestroyNotify       free_result,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data,
             gpointer             tag)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  JsonObject *o = json_object_new ();
  DsHttpCall *call;

  if (!check_repo (http, repo, callback, user_data, tag))
    return;
  json_object_set_member (o, member, strv_node (logins));
  json_node_take_object (node, o);
  call = ds_http_call_new (DS_SERVICE_GITHUB, method, path);
  ds_http_call_set_json (call, node);
  ds_http_call_set_source_tag (call, tag);
  fetch (http, call, parse, free_result, cancellable, callback, user_data);
}

static void
assignees_call (DsHttp              *http,
                const char          *method,
                const char          *repo,
                gint64               number,
                const char * const  *logins,
                GCancellable        *cancellable,
                GAsyncReadyCallback  callback,
                gpointer             user_data,
                gpointer             tag)
{
  g_autofree char *path = g_strdup_printf ("/repos/%s/issues/%" G_GINT64_FORMAT "/assignees",
                                           repo, number);

  logins_call (http, method, repo, path, "assignees", logins, ds_github_parse_issue,
               (GDestroyNotify)ds_gh_issue_free, cancellable, callback, user_data, tag);
}

void
ds_github_add_assignees_async (DsHttp              *http,
                               const char          *repo,
                               gint64               number,
                               const char * const  *logins,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  assignees_call (http, "POST", repo, number, logins, cancellable, callback, user_data,
                  ds_github_add_assignees_async);
}

void
ds_github_remove_assignees_async (DsHttp              *http,
                                  const char          *repo,
                                  gint64               number,
                                  const char * const  *logins,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  assignees_call (http, "DELETE", repo, number, logins, cancellable, callback, user_data,
                  ds_github_remove_assignees_async);
}

/* The answer is the pull request; only success matters here. */
void
ds_github_request_reviewers_async (DsHttp              *http,
                                   const char          *repo,
                                   gint64               number,
                                   const char * const  *logins,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autofree char *path = g_strdup_printf ("/repos/%s/pulls/%" G_GINT64_FORMAT
                                           "/requested_reviewers", repo, number);

  logins_call (http, "POST", repo, path, "reviewers", logins, ds_http_parse_nothing, NULL,
               cancellable, callback, user_data, ds_github_request_reviewers_async);
}

void
ds_github_create_comment_async (DsHttp              *http,
                                const char          *repo,
                                gint64               number,
                                const char          *body,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  JsonObject *o = json_object_new ();
  DsHttpCall *call;

  g_return_if_fail (body != NULL);
  if (!check_repo (http, repo, callback, user_data, ds_github_create_comment_async))
    return;
  json_object_set_string_member (o, "body", body);
  json_node_take_object (node, o);
  call = ds_http_call_newv (DS_SERVICE_GITHUB, "POST",
                            "/repos/%s/issues/%" G_GINT64_FORMAT "/comments", repo, number);
  ds_http_call_set_json (call, node);
  ds_http_call_set_source_tag (call, ds_github_create_comment_async);
  fetch (http, call, ds_github_parse_comment, (GDestroyNotify)ds_gh_comment_free, cancellable,
         callback,
         user_data);
}

void
ds_github_list_comments_async (DsHttp              *http,
                               const char          *repo,
                               gint64               number,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  DsHttpCall *call;

  if (!check_repo (http, repo, callback, user_data, ds_github_list_comments_async))
    return;
  call = ds_http_call_newv (DS_SERVICE_GITHUB, "GET",
                            "/repos/%s/issues/%" G_GINT64_FORMAT "/comments", repo, number);
  ds_http_call_set_source_tag (call, ds_github_list_comments_async);
  pages (http, call, ds_github_parse_comments, (GDestroyNotify)ds_gh_comment_free, cancellable,
         callback, user_data);
}

void
ds_github_list_pulls_async (DsHttp              *http,
                            const char          *repo,
                            const char          *state,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  DsHttpCall *call;

  if (!check_repo (http, repo, callback, user_data, ds_github_list_pulls_async))
    return;
  call = ds_http_call_newv (DS_SERVICE_GITHUB, "GET", "/repos/%s/pulls", repo);
  ds_http_call_add_query (call, "state", state != NULL ? state : "open");
  ds_http_call_set_source_tag (call, ds_github_list_pulls_async);
  pages (http, call, ds_github_parse_issues, (GDestroyNotify)ds_gh_issue_free, cancellable,
         callback, user_data);
}

void
ds_github_list_failed_runs_async (DsHttp              *http,
                                  const char          *repo,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  DsHttpCall *call;

  if (!check_repo (http, repo, callback, user_data, ds_github_list_failed_runs_async))
    return;
  call = ds_http_call_newv (DS_SERVICE_GITHUB, "GET", "/repos/%s/actions/runs", repo);
  ds_http_call_add_query (call, "status", "failure");
  ds_http_call_set_source_tag (call, ds_github_list_failed_runs_async);
  pages (http, call, ds_github_parse_runs, (GDestroyNotify)ds_gh_run_free, cancellable, callback,
         user_data);
}

void
ds_github_list_deployments_async (DsHttp              *http,
                                  const char          *repo,
                                  const char          *environment,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  DsHttpCall *call;

  if (!check_repo (http, repo, callback, user_data, ds_github_list_deployments_async))
    return;
  call = ds_http_call_newv (DS_SERVICE_GITHUB, "GET", "/repos/%s/deployments", repo);
  if (environment != NULL)
    ds_http_call_add_query (call, "environment", environment);
  ds_http_call_set_source_tag (call, ds_github_list_deployments_async);
  pages (http, call, ds_github_parse_deployments, (GDestroyNotify)ds_gh_deployment_free,
         cancellable, callback, user_data);
}

void
ds_github_list_deployment_statuses_async (DsHttp              *http,
                                          const char          *repo,
                                          gint64               id,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  DsHttpCall *call;

  if (!check_repo (http, repo, callback, user_data, ds_github_list_deployment_statuses_async))
    return;
  call = ds_http_call_newv (DS_SERVICE_GITHUB, "GET",
                            "/repos/%s/deployments/%" G_GINT64_FORMAT "/statuses", repo, id);
  ds_http_call_set_source_tag (call, ds_github_list_deployment_statuses_async);
  pages (http, call, ds_github_parse_deployment_statuses,
         (GDestroyNotify)ds_gh_deployment_status_free, cancellable, callback, user_data);
}

void
ds_github_list_team_members_async (DsHttp              *http,
                                   const char          *org,
                                   const char          *team,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autofree char *o = g_uri_escape_string (org, NULL, FALSE);
  g_autofree char *t = g_uri_escape_string (team, NULL, FALSE);
  DsHttpCall *call;

  call = ds_http_call_newv (DS_SERVICE_GITHUB, "GET", "/orgs/%s/teams/%s/members", o, t);

  ds_http_call_set_source_tag (call, ds_github_list_team_members_async);

  pages (http, call, ds_github_parse_users, (GDestroyNotify)ds_gh_user_free, cancellable, callback,
         user_data);
}

void
ds_github_get_repo_async (DsHttp              *http,
                          const char          *repo,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  DsHttpCall *call;

  if (!check_repo (http, repo, callback, user_data, ds_github_get_repo_async))
    return;
  call = ds_http_call_newv (DS_SERVICE_GITHUB, "GET", "/repos/%s", repo);
  ds_http_call_set_source_tag (call, ds_github_get_repo_async);
  fetch (http, call, ds_github_parse_repo, (GDestroyNotify)ds_gh_repo_free, cancellable,
         callback,
         user_data);
}

void
ds_github_get_team_async (DsHttp              *http,
                          const char          *org,
                          const char          *team,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autofree char *o = g_uri_escape_string (org, NULL, FALSE);
  g_autofree char *t = g_uri_escape_string (team, NULL, FALSE);
  DsHttpCall *call = ds_http_call_newv (DS_SERVICE_GITHUB, "GET", "/orgs/%s/teams/%s", o, t);

  ds_http_call_set_source_tag (call, ds_github_get_team_async);
  fetch (http, call, ds_github_parse_team, (GDestroyNotify)ds_gh_team_free, cancellable,
         callback, user_data);
}

void
ds_github_get_team_membership_async (DsHttp              *http,
                                     const char          *org,
                                     const char          *team,
                                     const char          *login,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autofree char *o = g_uri_escape_string (org, NULL, FALSE);
  g_autofree char *t = g_uri_escape_string (team, NULL, FALSE);
  g_autofree char *l = g_uri_escape_string (login, NULL, FALSE);
  DsHttpCall *call = ds_http_call_newv (DS_SERVICE_GITHUB, "GET",
                                        "/orgs/%s/teams/%s/memberships/%s", o, t, l);

  ds_http_call_set_source_tag (call, ds_github_get_team_membership_async);
  fetch (http, call, ds_github_parse_membership, (GDestroyNotify)ds_gh_membership_free,
         cancellable, callback, user_data);
}

void
ds_github_get_user_by_login_async (DsHttp              *http,
                                   const char          *login,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autofree char *l = g_uri_escape_string (login, NULL, FALSE);
  DsHttpCall *call = ds_http_call_newv (DS_SERVICE_GITHUB, "GET", "/users/%s", l);

  ds_http_call_set_source_tag (call, ds_github_get_user_by_login_async);
  fetch (http, call, ds_github_parse_user, (GDestroyNotify)ds_gh_user_free, cancellable,
         callback, user_data);
}

void
ds_github_list_runs_async (DsHttp              *http,
                           const char          *repo,
                           guint                count,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autofree char *per_page = g_strdup_printf ("%u", CLAMP (count, 1, 100));
  DsHttpCall *call;

  if (!check_repo (http, repo, callback, user_data, ds_github_list_runs_async))
    return;
  call = ds_http_call_newv (DS_SERVICE_GITHUB, "GET", "/repos/%s/actions/runs", repo);
  ds_http_call_add_query (call, "per_page", per_page);
  ds_http_call_set_source_tag (call, ds_github_list_runs_async);
  ds_http_fetch_pages_async (http, call, ds_github_parse_runs, (GDestroyNotify)ds_gh_run_free, 1,
                             cancellable, callback, user_data);
}

void
ds_github_get_file_async (DsHttp              *http,
                          const char          *repo,
                          const char          *path,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autofree char *escaped = NULL;
  DsHttpCall *call;

  if (!check_repo (http, repo, callback, user_data, ds_github_get_file_async))
    return;
  if (path == NULL || *path == '\0' || *path == '/' || strstr (path, "..") != NULL)
    {
      g_task_report_new_error (http, callback, user_data, ds_github_get_file_async, DS_ERROR,
                               DS_ERROR_INVALID_ARGUMENT,
                               "“%s” is not a file path in a repository.", path ? path : "");
      return;
    }
  escaped = g_uri_escape_string (path, "/", FALSE);
  call = ds_http_call_newv (DS_SERVICE_GITHUB, "GET", "/repos/%s/contents/%s", repo, escaped);
  ds_http_call_set_source_tag (call, ds_github_get_file_async);
  fetch (http, call, ds_github_parse_file, (GDestroyNotify)g_bytes_unref, cancellable, callback,
         user_data);
}

/* -- finishing --------------------------------------------------------------- */

DS_HTTP_DEFINE_FINISH (ds_github_get_user, DsGhUser *)
DS_HTTP_DEFINE_FINISH_WITH_INFO (ds_github_list_notifications, GPtrArray *)
DS_HTTP_DEFINE_FINISH (ds_github_search_issues, GPtrArray *)
DS_HTTP_DEFINE_FINISH (ds_github_list_issues, GPtrArray *)
DS_HTTP_DEFINE_FINISH (ds_github_get_issue, DsGhIssue *)
DS_HTTP_DEFINE_FINISH (ds_github_create_issue, DsGhIssue *)
DS_HTTP_DEFINE_FINISH (ds_github_set_issue_state, DsGhIssue *)
DS_HTTP_DEFINE_FINISH (ds_github_add_assignees, DsGhIssue *)
DS_HTTP_DEFINE_FINISH (ds_github_remove_assignees, DsGhIssue *)
DS_HTTP_DEFINE_FINISH_BOOLEAN (ds_github_request_reviewers)
DS_HTTP_DEFINE_FINISH (ds_github_create_comment, DsGhComment *)
DS_HTTP_DEFINE_FINISH (ds_github_list_comments, GPtrArray *)
DS_HTTP_DEFINE_FINISH (ds_github_list_pulls, GPtrArray *)
DS_HTTP_DEFINE_FINISH (ds_github_list_failed_runs, GPtrArray *)
DS_HTTP_DEFINE_FINISH (ds_github_list_deployments, GPtrArray *)
DS_HTTP_DEFINE_FINISH (ds_github_list_deployment_statuses, GPtrArray *)
DS_HTTP_DEFINE_FINISH (ds_github_list_team_members, GPtrArray *)
DS_HTTP_DEFINE_FINISH (ds_github_get_repo, DsGhRepo *)
DS_HTTP_DEFINE_FINISH (ds_github_get_team, DsGhTeam *)
DS_HTTP_DEFINE_FINISH (ds_github_get_team_membership, DsGhMembership *)
DS_HTTP_DEFINE_FINISH (ds_github_get_user_by_login, DsGhUser *)
DS_HTTP_DEFINE_FINISH (ds_github_list_runs, GPtrArray *)
DS_HTTP_DEFINE_FINISH_WITH_INFO (ds_github_get_file, GBytes *)
