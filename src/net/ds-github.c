/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-github"

#include "config.h"

#include <string.h>

#include "ds-error.h"
#include "ds-github.h"
#include "ds-json-private.h"

/* Only what Dayshift shows or decides on is kept from GitHub's large
 * records; anything may be missing except what identifies the record. */

/* -- parsers --------------------------------------------------------------- */

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DsGhNotification, ds_gh_notification_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DsGhRun, ds_gh_run_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DsGhDeployment, ds_gh_deployment_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DsGhDeploymentStatus, ds_gh_deployment_status_free)


static gboolean
parse_user_object (JsonObject         *o,
                   DsGhUser          **out,
                   const DsJsonScope  *scope,
                   GError            **error)
{
  g_autoptr(DsGhUser) u = g_new0 (DsGhUser, 1);

  if (!ds_json_dup_string (o, "login", TRUE, &u->login, scope, error) ||
      !ds_json_int (o, "id", FALSE, &u->id, scope, error) ||
      !ds_json_dup_string (o, "name", FALSE, &u->name, scope, error) ||
      !ds_json_dup_string (o, "email", FALSE, &u->email, scope, error))
    return FALSE;
  *out = g_steal_pointer (&u);
  return TRUE;
}

gpointer
ds_github_parse_user (JsonNode           *root,
                      const DsJsonScope  *scope,
                      GError            **error)
{
  JsonObject *o = ds_json_root_object (root, scope, error);
  DsGhUser *u = NULL;

  if (o == NULL || !parse_user_object (o, &u, scope, error))
    return NULL;
  return u;
}

/* "https://api.github.com/repos/OWNER/NAME" -> "OWNER/NAME" */
static char *
repo_from_url (const char *url)
{
  const char *p = url != NULL ? strstr (url, "/repos/") : NULL;
  g_auto(GStrv) parts = NULL;

  if (p == NULL)
    return NULL;
  parts = g_strsplit (p + strlen ("/repos/"), "/", 3);
  if (parts[0] == NULL || parts[1] == NULL)
    return NULL;
  return g_strdup_printf ("%s/%s", parts[0], parts[1]);
}

static gboolean
parse_issue_object (JsonObject         *o,
                    DsGhIssue         **out,
                    const DsJsonScope  *scope,
                    GError            **error)
{
  g_autoptr(DsGhIssue) issue = g_new0 (DsGhIssue, 1);
  JsonObject *pr = NULL;
  JsonObject *base = NULL;
  const char *repository_url = NULL;

  if (!ds_json_int (o, "number", TRUE, &issue->number, scope, error) ||
      !ds_json_dup_string (o, "title", TRUE, &issue->title, scope, error) ||
      !ds_json_dup_string (o, "body", FALSE, &issue->body, scope, error) ||
      !ds_json_dup_string (o, "html_url", FALSE, &issue->html_url, scope, error) ||
      !ds_json_dup_string (o, "state", FALSE, &issue->state, scope, error) ||
      !ds_json_nested_string (o, "user", "login", &issue->author, scope, error) ||
      !ds_json_strv (o, "assignees", "login", &issue->assignees, scope, error) ||
      !ds_json_strv (o, "labels", "name", &issue->labels, scope, error) ||
      !ds_json_strv (o, "requested_reviewers", "login", &issue->requested_reviewers, scope,
                     error) ||
      !ds_json_strv (o, "requested_teams", "slug", &issue->requested_teams, scope, error) ||
      !ds_json_object (o, "pull_request", FALSE, &pr, scope, error) ||
      !ds_json_string (o, "repository_url", FALSE, &repository_url, scope, error) ||
      !ds_json_time (o, "created_at", &issue->created, scope, error) ||
      !ds_json_time (o, "updated_at", &issue->updated, scope, error))
    return FALSE;

  /* A pull request from /pulls has a head and a base; from /issues or
   * search, a "pull_request" member. */
  if (!ds_json_object (o, "base", FALSE, &base, scope, error))
    return FALSE;
  issue->is_pull_request = pr != NULL || base != NULL;
  issue->repo = repo_from_url (repository_url);
  if (issue->repo == NULL && base != NULL)
    {
      JsonObject *base_repo = NULL;
      if (!ds_json_object (base, "repo", FALSE, &base_repo, scope, error))
        return FALSE;
      if (base_repo != NULL &&
          !ds_json_dup_string (base_repo, "full_name", FALSE, &issue->repo, scope, error))
        return FALSE;
    }
  *out = g_steal_pointer (&issue);
  return TRUE;
}

gpointer
ds_github_parse_issue (JsonNode           *root,
                       const DsJsonScope  *scope,
                       GError            **error)
{
  JsonObject *o = ds_json_root_object (root, scope, error);
  DsGhIssue *issue = NULL;

  if (o == NULL || !parse_issue_object (o, &issue, scope, error))
    return NULL;
  return issue;
}

gboolean
ds_github_parse_issues (JsonNode           *root,
                        GPtrArray          *items,
                        const DsJsonScope  *scope,
                        GError            **error)
{
  return ds_json_parse_root_array (root, (DsJsonObjectParser)parse_issue_object, items, scope,
                                   error);
}

gboolean
ds_github_parse_search (JsonNode           *root,
                        GPtrArray          *items,
                        const DsJsonScope  *scope,
                        GError            **error)
{
  return ds_json_parse_member_array (root, "items", (DsJsonObjectParser)parse_issue_object, items,
                                     scope, error);
}

gboolean
ds_github_parse_users (JsonNode           *root,
                       GPtrArray          *items,
                       const DsJsonScope  *scope,
                       GError            **error)
{
  return ds_json_parse_root_array (root, (DsJsonObjectParser)parse_user_object, items, scope,
                                   error);
}

static gboolean
parse_notification_object (JsonObject         *o,
                           DsGhNotification  **out,
                           const DsJsonScope  *scope,
                           GError            **error)
{
  g_autoptr(DsGhNotification) n = g_new0 (DsGhNotification, 1);
  JsonObject *subject = NULL;

  if (!ds_json_dup_string (o, "id", TRUE, &n->id, scope, error) ||
      !ds_json_dup_string (o, "reason", FALSE, &n->reason, scope, error) ||
      !ds_json_bool (o, "unread", FALSE, &n->unread, scope, error) ||
      !ds_json_time (o, "updated_at", &n->updated, scope, error) ||
      !ds_json_nested_string (o, "repository", "full_name", &n->repo, scope, error) ||
      !ds_json_object (o, "subject", TRUE, &subject, scope, error) ||
      !ds_json_dup_string (subject, "title", FALSE, &n->title, scope, error) ||
      !ds_json_dup_string (subject, "type", FALSE, &n->type, scope, error) ||
      !ds_json_dup_string (subject, "url", FALSE, &n->url, scope, error))
    return FALSE;
  *out = g_steal_pointer (&n);
  return TRUE;
}

gboolean
ds_github_parse_notifications (JsonNode           *root,
                               GPtrArray          *items,
                               const DsJsonScope  *scope,
                               GError            **error)
{
  return ds_json_parse_root_array (root, (DsJsonObjectParser)parse_notification_object, items,
                                   scope, error);
}

static gboolean
parse_run_object (JsonObject         *o,
                  DsGhRun           **out,
                  const DsJsonScope  *scope,
                  GError            **error)
{
  g_autoptr(DsGhRun) run = g_new0 (DsGhRun, 1);

  if (!ds_json_int (o, "id", TRUE, &run->id, scope, error) ||
      !ds_json_dup_string (o, "name", FALSE, &run->name, scope, error) ||
      !ds_json_dup_string (o, "display_title", FALSE, &run->display_title, scope, error) ||
      !ds_json_dup_string (o, "head_branch", FALSE, &run->head_branch, scope, error) ||
      !ds_json_dup_string (o, "event", FALSE, &run->event, scope, error) ||
      !ds_json_dup_string (o, "status", FALSE, &run->status, scope, error) ||
      !ds_json_dup_string (o, "conclusion", FALSE, &run->conclusion, scope, error) ||
      !ds_json_dup_string (o, "html_url", FALSE, &run->html_url, scope, error) ||
      !ds_json_nested_string (o, "actor", "login", &run->actor, scope, error) ||
      !ds_json_nested_string (o, "triggering_actor", "login", &run->triggering_actor, scope,
                              error) ||
      !ds_json_int (o, "workflow_id", FALSE, &run->workflow_id, scope, error) ||
      !ds_json_time (o, "created_at", &run->created, scope, error))
    return FALSE;
  *out = g_steal_pointer (&run);
  return TRUE;
}

gboolean
ds_github_parse_runs (JsonNode           *root,
                      GPtrArray          *items,
                      const DsJsonScope  *scope,
                      GError            **error)
{
  return ds_json_parse_member_array (root, "workflow_runs", (DsJsonObjectParser)parse_run_object,
                                     items, scope, error);
}

static gboolean
parse_deployment_object (JsonObject         *o,
                         DsGhDeployment    **out,
                         const DsJsonScope  *scope,
                         GError            **error)
{
  g_autoptr(DsGhDeployment) d = g_new0 (DsGhDeployment, 1);

  if (!ds_json_int (o, "id", TRUE, &d->id, scope, error) ||
      !ds_json_dup_string (o, "environment", FALSE, &d->environment, scope, error) ||
      !ds_json_dup_string (o, "ref", FALSE, &d->ref, scope, error) ||
      !ds_json_dup_string (o, "sha", FALSE, &d->sha, scope, error) ||
      !ds_json_dup_string (o, "description", FALSE, &d->description, scope, error) ||
      !ds_json_nested_string (o, "creator", "login", &d->creator, scope, error) ||
      !ds_json_time (o, "created_at", &d->created, scope, error))
    return FALSE;
  *out = g_steal_pointer (&d);
  return TRUE;
}

gboolean
ds_github_parse_deployments (JsonNode           *root,
                             GPtrArray          *items,
                             const DsJsonScope  *scope,
                             GError            **error)
{
  return ds_json_parse_root_array (root, (DsJsonObjectParser)parse_deployment_object, items,
                                   scope, error);
}

static gboolean
parse_deployment_status_object (JsonObject            *o,
                                DsGhDeploymentStatus **out,
                                const DsJsonScope     *scope,
                                GError               **error)
{
  g_autoptr(DsGhDeploymentStatus) s = g_new0 (DsGhDeploymentStatus, 1);

  if (!ds_json_int (o, "id", TRUE, &s->id, scope, error) ||
      !ds_json_dup_string (o, "state", TRUE, &s->state, scope, error) ||
      !ds_json_dup_string (o, "description", FALSE, &s->description, scope, error) ||
      !ds_json_dup_string (o, "log_url", FALSE, &s->log_url, scope, error) ||
      !ds_json_nested_string (o, "creator", "login", &s->creator, scope, error) ||
      !ds_json_time (o, "created_at", &s->created, scope, error))
    return FALSE;
  *out = g_steal_pointer (&s);
  return TRUE;
}

gboolean
ds_github_parse_deployment_statuses (JsonNode           *root,
                                     GPtrArray          *items,
                                     const DsJsonScope  *scope,
                                     GError            **error)
{
  return ds_json_parse_root_array (root, (DsJsonObjectParser)parse_deployment_status_object,
                                   items, scope, error);
}

static gboolean
parse_comment_object (JsonObject         *o,
                      DsGhComment       **out,
                      const DsJsonScope  *scope,
                      GError            **error)
{
  g_autoptr(DsGhComment) c = g_new0 (DsGhComment, 1);

  if (!ds_json_int (o, "id", TRUE, &c->id, scope, error) ||
      !ds_json_dup_string (o, "html_url", FALSE, &c->html_url, scope, error) ||
      !ds_json_dup_string (o, "body", FALSE, &c->body, scope, error))
    return FALSE;
  *out = g_steal_pointer (&c);
  return TRUE;
}

static gpointer
parse_comment (JsonNode           *root,
               const DsJsonScope  *scope,
               GError            **error)
{
  JsonObject *o = ds_json_root_object (root, scope, error);
  DsGhComment *c = NULL;

  if (o == NULL || !parse_comment_object (o, &c, scope, error))
    return NULL;
  return c;
}

gboolean
ds_github_parse_comments (JsonNode           *root,
                          GPtrArray          *items,
                          const DsJsonScope  *scope,
                          GError            **error)
{
  return ds_json_parse_root_array (root, (DsJsonObjectParser)parse_comment_object, items, scope,
                                   error);
}

static gpointer
parse_repo (JsonNode           *root,
            const DsJsonScope  *scope,
            GError            **error)
{
  JsonObject *o = ds_json_root_object (root, scope, error);
  g_autoptr(DsGhRepo) r = g_new0 (DsGhRepo, 1);

  if (o == NULL ||
      !ds_json_int (o, "id", TRUE, &r->id, scope, error) ||
      !ds_json_dup_string (o, "full_name", TRUE, &r->full_name, scope, error) ||
      !ds_json_dup_string (o, "html_url", FALSE, &r->html_url, scope, error))
    return NULL;
  return g_steal_pointer (&r);
}

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
  fetch (http, call, parse_comment, (GDestroyNotify)ds_gh_comment_free, cancellable, callback,
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
  fetch (http, call, parse_repo, (GDestroyNotify)ds_gh_repo_free, cancellable, callback,
         user_data);
}

/* {"type": "file", "encoding": "base64", "content": "..."} -> GBytes */
gpointer
ds_github_parse_file (JsonNode           *root,
                      const DsJsonScope  *scope,
                      GError            **error)
{
  JsonObject *o = ds_json_root_object (root, scope, error);
  const char *encoding = NULL;
  const char *content = NULL;
  guchar *data;
  gsize len;

  if (o == NULL || !ds_json_string (o, "encoding", TRUE, &encoding, scope, error) ||
      !ds_json_string (o, "content", TRUE, &content, scope, error))
    return NULL;
  if (!g_str_equal (encoding, "base64"))
    {
      g_set_error (error, DS_ERROR, DS_ERROR_BAD_RESPONSE,
                   "GitHub sent the file from %s as “%s”, not base64.", scope->endpoint,
                   encoding);
      return NULL;
    }
  /* GitHub wraps base64 in lines; g_base64_decode skips the newlines. */
  data = g_base64_decode (content, &len);
  return g_bytes_new_take (data, len);
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
DS_HTTP_DEFINE_FINISH_WITH_INFO (ds_github_get_file, GBytes *)
