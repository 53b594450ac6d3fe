/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-zenhub"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ds-error.h"
#include "ds-json-private.h"
#include "ds-zenhub.h"

/* The REST API takes GitHub's numbers directly. The GraphQL API wants
 * ZenHub's own ids: first look up the issue and the epic, then add. GraphQL
 * reports errors with HTTP 200 and an "errors" list. */

static const char issue_ids_query[] =
  "query DayshiftIds($repo: Int!, $number: Int!, $epicRepo: Int!, $epicNumber: Int!) {"
  " issue: issueByInfo(repositoryGhId: $repo, issueNumber: $number) { id }"
  " epic: issueByInfo(repositoryGhId: $epicRepo, issueNumber: $epicNumber) { id epic { id } }"
  " }";

/* The setup check's: the epic's issue and its epic. */
static const char epic_query[] =
  "query DayshiftEpic($repo: Int!, $number: Int!) {"
  " issueByInfo(repositoryGhId: $repo, issueNumber: $number) { id epic { id } }"
  " }";

static const char add_mutation[] =
  "mutation DayshiftAdd($input: AddIssuesToEpicsInput!) {"
  " addIssuesToEpics(input: $input) { epics { id } }"
  " }";

void
ds_zenhub_ids_free (DsZenhubIds *ids)
{
  if (ids == NULL)
    return;
  g_free (ids->issue_id);
  g_free (ids->epic_id);
  g_free (ids);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DsZenhubIds, ds_zenhub_ids_free)

/* {"errors": [{"message": "..."}]} -> an error in ZenHub's words. */
static gboolean
check_graphql_errors (JsonObject         *o,
                      const DsJsonScope  *scope,
                      GError            **error)
{
  JsonArray *errors = NULL;
  JsonObject *first;
  const char *message = NULL;

  if (!ds_json_array (o, "errors", FALSE, &errors, scope, error))
    return FALSE;
  if (errors == NULL || json_array_get_length (errors) == 0)
    return TRUE;
  first = ds_json_array_object (errors, 0, "errors", scope, error);
  if (first == NULL || !ds_json_string (first, "message", FALSE, &message, scope, error))
    return FALSE;
  g_set_error (error, DS_ERROR, DS_ERROR_SERVICE, _("ZenHub refused %s: %s"), scope->endpoint,
               message != NULL ? message : "?");
  return FALSE;
}

/* An issue issueByInfo found (the one to add, or the epic's): null when
 * ZenHub does not know it. */
static gboolean
check_known (JsonObject         *issue,
             gboolean            epic,
             const DsJsonScope  *scope,
             GError            **error)
{
  if (issue != NULL)
    return TRUE;
  if (epic)
    g_set_error (error, DS_ERROR, DS_ERROR_NOT_FOUND,
                 _("ZenHub does not know the epic (%s). Check that the repository is in the "
                   "team's ZenHub workspace."), scope->endpoint);
  else
    g_set_error (error, DS_ERROR, DS_ERROR_NOT_FOUND,
                 _("ZenHub does not know the issue (%s). Check that the repository is in the "
                   "team's ZenHub workspace."), scope->endpoint);
  return FALSE;
}

/* The epic of the super-epic's issue: null when the issue is not one. */
static gboolean
get_epic (JsonObject         *issue,
          JsonObject        **epic,
          const DsJsonScope  *scope,
          GError            **error)
{
  if (!ds_json_object (issue, "epic", FALSE, epic, scope, error))
    return FALSE;
  if (*epic != NULL)
    return TRUE;
  g_set_error (error, DS_ERROR, DS_ERROR_SERVICE,
               _("The super-epic issue is not an epic in ZenHub. Convert it to an epic, or "
                 "correct the team profile."));
  return FALSE;
}

gpointer
ds_zenhub_parse_issue_ids (JsonNode           *root,
                           const DsJsonScope  *scope,
                           GError            **error)
{
  JsonObject *o = ds_json_root_object (root, scope, error);
  JsonObject *data = NULL, *issue = NULL, *epic = NULL, *epic_epic = NULL;
  g_autoptr(DsZenhubIds) ids = g_new0 (DsZenhubIds, 1);

  if (o == NULL || !check_graphql_errors (o, scope, error) ||
      !ds_json_object (o, "data", TRUE, &data, scope, error) ||
      !ds_json_object (data, "issue", FALSE, &issue, scope, error) ||
      !ds_json_object (data, "epic", FALSE, &epic, scope, error) ||
      !check_known (issue, FALSE, scope, error) ||
      !check_known (epic, TRUE, scope, error) ||
      !ds_json_dup_string (issue, "id", TRUE, &ids->issue_id, scope, error) ||
      !get_epic (epic, &epic_epic, scope, error) ||
      !ds_json_dup_string (epic_epic, "id", TRUE, &ids->epic_id, scope, error))
    return NULL;
  return g_steal_pointer (&ids);
}

/* {"data": {"issueByInfo": {"id", "epic": {"id"}}}}: the issue is an epic. */
gpointer
ds_zenhub_parse_epic (JsonNode           *root,
                      const DsJsonScope  *scope,
                      GError            **error)
{
  JsonObject *o = ds_json_root_object (root, scope, error);
  JsonObject *data = NULL, *issue = NULL, *epic = NULL;

  if (o == NULL || !check_graphql_errors (o, scope, error) ||
      !ds_json_object (o, "data", TRUE, &data, scope, error) ||
      !ds_json_object (data, "issueByInfo", FALSE, &issue, scope, error) ||
      !check_known (issue, TRUE, scope, error) ||
      !get_epic (issue, &epic, scope, error))
    return NULL;
  return GINT_TO_POINTER (TRUE);
}

/* REST's "Get Epic Data": {"total_epic_estimates", "issues": [{"issue_number",
 * "repo_id", "is_epic", …}], "estimate", "pipeline"}. The issues of the
 * epic are what makes it one: an answer without them is not an epic's. */
gpointer
ds_zenhub_parse_rest_epic (JsonNode           *root,
                           const DsJsonScope  *scope,
                           GError            **error)
{
  JsonObject *o = ds_json_root_object (root, scope, error);
  JsonArray *issues = NULL;

  if (o == NULL || !ds_json_array (o, "issues", TRUE, &issues, scope, error))
    return NULL;
  for (guint i = 0; i < json_array_get_length (issues); i++)
    {
      JsonObject *issue = ds_json_array_object (issues, i, "issues", scope, error);
      gint64 number = 0, repo_id = 0;

      if (issue == NULL ||
          !ds_json_int (issue, "issue_number", TRUE, &number, scope, error) ||
          !ds_json_int (issue, "repo_id", TRUE, &repo_id, scope, error))
        return NULL;
    }
  return GINT_TO_POINTER (TRUE);
}

gpointer
ds_zenhub_parse_mutation (JsonNode           *root,
                          const DsJsonScope  *scope,
                          GError            **error)
{
  JsonObject *o = ds_json_root_object (root, scope, error);
  JsonObject *data = NULL;

  if (o == NULL || !check_graphql_errors (o, scope, error) ||
      !ds_json_object (o, "data", TRUE, &data, scope, error))
    return NULL;
  return GINT_TO_POINTER (TRUE);
}

static DsHttpCall *
graphql_call (const char *query,
              JsonNode   *variables)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;
  DsHttpCall *call = ds_http_call_new (DS_SERVICE_ZENHUB, "POST", "/public/graphql");

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "query");
  json_builder_add_string_value (b, query);
  json_builder_set_member_name (b, "variables");
  json_builder_add_value (b, variables);
  json_builder_end_object (b);
  body = json_builder_get_root (b);
  ds_http_call_set_json (call, body);
  ds_http_call_set_bearer (call, TRUE);
  return call;
}

/* The last call of either API: its result is the operation's. */
static void
on_mutation_done (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (ds_http_fetch_finish (DS_HTTP (source), result, NULL, &error) == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, GINT_TO_POINTER (TRUE), NULL);
}

static void
on_ids_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DsHttp *http = DS_HTTP (source);
  GError *error = NULL;
  g_autoptr(DsZenhubIds) ids = ds_http_fetch_finish (http, result, NULL, &error);
  g_autoptr(JsonBuilder) b = NULL;

  if (ids == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "input");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "issueIds");
  json_builder_begin_array (b);
  json_builder_add_string_value (b, ids->issue_id);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "epicIds");
  json_builder_begin_array (b);
  json_builder_add_string_value (b, ids->epic_id);
  json_builder_end_array (b);
  json_builder_end_object (b);
  json_builder_end_object (b);

  ds_http_fetch_async (http, graphql_call (add_mutation, json_builder_get_root (b)),
                       ds_zenhub_parse_mutation, NULL, g_task_get_cancellable (task),
                       on_mutation_done, g_object_ref (task));
}

void
ds_zenhub_add_to_epic_async (DsHttp              *http,
                             DsZenhubApi          api,
                             gint64               repo_id,
                             gint64               issue_number,
                             gint64               epic_repo_id,
                             gint64               epic_number,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task = g_task_new (http, cancellable, callback, user_data);
  g_autoptr(JsonBuilder) b = json_builder_new ();

  g_task_set_source_tag (task, ds_zenhub_add_to_epic_async);

  if (api == DS_ZENHUB_REST)
    {
      g_autoptr(JsonNode) body = NULL;
      DsHttpCall *call = ds_http_call_newv (DS_SERVICE_ZENHUB, "POST",
                                            "/p1/repositories/%" G_GINT64_FORMAT "/epics/%"
                                            G_GINT64_FORMAT "/update_issues",
                                            epic_repo_id, epic_number);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "add_issues");
      json_builder_begin_array (b);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "repo_id");
      json_builder_add_int_value (b, repo_id);
      json_builder_set_member_name (b, "issue_number");
      json_builder_add_int_value (b, issue_number);
      json_builder_end_object (b);
      json_builder_end_array (b);
      json_builder_set_member_name (b, "remove_issues");
      json_builder_begin_array (b);
      json_builder_end_array (b);
      json_builder_end_object (b);
      body = json_builder_get_root (b);
      ds_http_call_set_json (call, body);
      ds_http_fetch_async (http, call, ds_http_parse_nothing, NULL, cancellable,
                           on_mutation_done, task);
      return;
    }

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "repo");
  json_builder_add_int_value (b, repo_id);
  json_builder_set_member_name (b, "number");
  json_builder_add_int_value (b, issue_number);
  json_builder_set_member_name (b, "epicRepo");
  json_builder_add_int_value (b, epic_repo_id);
  json_builder_set_member_name (b, "epicNumber");
  json_builder_add_int_value (b, epic_number);
  json_builder_end_object (b);
  ds_http_fetch_async (http, graphql_call (issue_ids_query, json_builder_get_root (b)),
                       ds_zenhub_parse_issue_ids, (GDestroyNotify)ds_zenhub_ids_free, cancellable,
                       on_ids_done, task);
}

void
ds_zenhub_get_epic_async (DsHttp              *http,
                          DsZenhubApi          api,
                          gint64               repo_id,
                          gint64               epic_number,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(JsonBuilder) b = NULL;
  DsHttpCall *call;

  if (api == DS_ZENHUB_REST)
    {
      call = ds_http_call_newv (DS_SERVICE_ZENHUB, "GET",
                                "/p1/repositories/%" G_GINT64_FORMAT "/epics/%" G_GINT64_FORMAT,
                                repo_id, epic_number);
      ds_http_call_set_source_tag (call, ds_zenhub_get_epic_async);
      ds_http_fetch_async (http, call, ds_zenhub_parse_rest_epic, NULL, cancellable, callback,
                           user_data);
      return;
    }

  b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "repo");
  json_builder_add_int_value (b, repo_id);
  json_builder_set_member_name (b, "number");
  json_builder_add_int_value (b, epic_number);
  json_builder_end_object (b);
  call = graphql_call (epic_query, json_builder_get_root (b));
  ds_http_call_set_source_tag (call, ds_zenhub_get_epic_async);
  ds_http_fetch_async (http, call, ds_zenhub_parse_epic, NULL, cancellable, callback,
                       user_data);
}

DS_HTTP_DEFINE_FINISH_BOOLEAN (ds_zenhub_get_epic)

gboolean
ds_zenhub_add_to_epic_finish (DsHttp        *http,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, http), FALSE);
  g_return_val_if_fail (g_async_result_is_tagged (result, ds_zenhub_add_to_epic_async), FALSE);
  return g_task_propagate_pointer (G_TASK (result), error) != NULL;
}
