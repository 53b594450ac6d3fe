/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-github"

#include "config.h"

#include <string.h>

#include "ds-error.h"
#include "ds-github.h"
#include "ds-json-private.h"

/* GitHub's answers as records (ds-github-records.h): one parser for each
 * kind of answer, which ds-github.c's calls hand to DsHttp and the tests
 * and fuzzers call directly. Only what Dayshift shows or decides on is
 * kept from GitHub's large records; anything may be missing except what
 * identifies the record. A field that is wrong is an error that names
 * it and the endpoint (the ds_json_* helpers). */

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
      !ds_json_dup_string (o, "body", FALSE, &c->body, scope, error) ||
      !ds_json_nested_string (o, "user", "login", &c->author, scope, error) ||
      !ds_json_time (o, "created_at", &c->created, scope, error))
    return FALSE;
  *out = g_steal_pointer (&c);
  return TRUE;
}

gpointer
ds_github_parse_comment (JsonNode           *root,
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

/* {"permissions": {"admin": false, "push": true, ...}} -> DsGhPermissions */
static gboolean
parse_permissions (JsonObject         *o,
                   DsGhPermissions    *out,
                   const DsJsonScope  *scope,
                   GError            **error)
{
  static const struct
  {
    const char      *member;
    DsGhPermissions  bit;
  } roles[] = {
    { "pull", DS_GH_PERMISSION_PULL },
    { "triage", DS_GH_PERMISSION_TRIAGE },
    { "push", DS_GH_PERMISSION_PUSH },
    { "maintain", DS_GH_PERMISSION_MAINTAIN },
    { "admin", DS_GH_PERMISSION_ADMIN },
  };

  *out = 0;
  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    {
      gboolean granted;

      if (!ds_json_bool (o, roles[i].member, FALSE, &granted, scope, error))
        return FALSE;
      if (granted)
        *out |= roles[i].bit;
    }
  return TRUE;
}

gpointer
ds_github_parse_repo (JsonNode           *root,
                      const DsJsonScope  *scope,
                      GError            **error)
{
  JsonObject *o = ds_json_root_object (root, scope, error);
  g_autoptr(DsGhRepo) r = g_new0 (DsGhRepo, 1);
  JsonObject *permissions = NULL;

  if (o == NULL ||
      !ds_json_int (o, "id", TRUE, &r->id, scope, error) ||
      !ds_json_dup_string (o, "full_name", TRUE, &r->full_name, scope, error) ||
      !ds_json_dup_string (o, "html_url", FALSE, &r->html_url, scope, error) ||
      !ds_json_object (o, "permissions", FALSE, &permissions, scope, error))
    return NULL;
  /* Issues are on unless GitHub says they are off. */
  r->has_issues = TRUE;
  if (json_object_has_member (o, "has_issues") &&
      !ds_json_bool (o, "has_issues", FALSE, &r->has_issues, scope, error))
    return NULL;
  r->has_permissions = permissions != NULL;
  if (permissions != NULL && !parse_permissions (permissions, &r->permissions, scope, error))
    return NULL;
  return g_steal_pointer (&r);
}

gpointer
ds_github_parse_team (JsonNode           *root,
                      const DsJsonScope  *scope,
                      GError            **error)
{
  JsonObject *o = ds_json_root_object (root, scope, error);
  g_autoptr(DsGhTeam) t = g_new0 (DsGhTeam, 1);

  if (o == NULL ||
      !ds_json_int (o, "id", TRUE, &t->id, scope, error) ||
      !ds_json_dup_string (o, "slug", TRUE, &t->slug, scope, error) ||
      !ds_json_dup_string (o, "name", FALSE, &t->name, scope, error) ||
      !ds_json_dup_string (o, "html_url", FALSE, &t->html_url, scope, error))
    return NULL;
  return g_steal_pointer (&t);
}

/* {"role": "member", "state": "active"}; "pending" until the invitation is
 * accepted. */
gpointer
ds_github_parse_membership (JsonNode           *root,
                            const DsJsonScope  *scope,
                            GError            **error)
{
  JsonObject *o = ds_json_root_object (root, scope, error);
  g_autoptr(DsGhMembership) m = g_new0 (DsGhMembership, 1);
  const char *state = NULL;

  if (o == NULL ||
      !ds_json_dup_string (o, "role", FALSE, &m->role, scope, error) ||
      !ds_json_string (o, "state", TRUE, &state, scope, error))
    return NULL;
  m->pending = g_str_equal (state, "pending");
  return g_steal_pointer (&m);
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
