/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "ds-error.h"
#include "ds-pagerduty.h"
#include "ds-test-server.h"
#include "ds-zenhub.h"

/* PagerDuty and ZenHub publish no machine-readable description that can be
 * used here, so this server is written from their documentation (PagerDuty
 * REST API v2; ZenHub REST /p1 and GraphQL) and refuses, as they do, what
 * they would refuse: a wrong Accept or auth header, a write without From, a
 * body of the wrong shape. */

#define PD_TOKEN "u+pdTOKEN"
#define ZH_TOKEN "zhTOKEN"

typedef struct
{
  DsTestServer ts;
  DsHttp      *http;
  GPtrArray   *requests;   /* "METHOD /path?query" */
  GString     *last_body;
  gboolean     graphql_not_epic;
} Fixture;

static void
pd_error (SoupServerMessage *msg,
          guint              status,
          const char        *message)
{
  g_autofree char *body = g_strdup_printf ("{\"error\": {\"message\": \"%s\", \"code\": 2001}}",
                                           message);
  ds_test_respond_json (msg, status, body);
}

static void
reply (SoupServerMessage *msg,
       const char        *json)
{
  ds_test_respond_json (msg, 200, json);
}

static const char incident_json[] =
  "{\"id\": \"PT4KHLK\", \"type\": \"incident\", \"incident_number\": 1234,"
  " \"title\": \"The server is on fire.\", \"status\": \"%s\", \"urgency\": \"high\","
  " \"html_url\": \"https://subdomain.pagerduty.com/incidents/PT4KHLK\","
  " \"created_at\": \"2026-11-26T09:00:00Z\","
  " \"service\": {\"id\": \"PIJ90N7\", \"type\": \"service_reference\", \"summary\": \"My Mail Service\"},"
  " \"assignments\": [{\"at\": \"2026-11-26T09:00:00Z\", \"assignee\": {\"id\": \"%s\","
  "   \"type\": \"user_reference\", \"summary\": \"Earline Greenholt\"}}]}";

static void
pagerduty (Fixture           *f,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query)
{
  SoupMessageHeaders *h = soup_server_message_get_request_headers (msg);
  const char *method = soup_server_message_get_method (msg);
  gboolean write = g_strcmp0 (method, "GET") != 0;

  if (g_strcmp0 (soup_message_headers_get_one (h, "Authorization"), "Token token=" PD_TOKEN) != 0)
    return pd_error (msg, 401, "Authentication failed");
  if (g_strcmp0 (soup_message_headers_get_one (h, "Accept"),
                 "application/vnd.pagerduty+json;version=2") != 0)
    return pd_error (msg, 406, "Not acceptable");
  /* "The From header is required when using a user token to create or
   * update" — and it must be the email of a valid user. */
  if (write && g_strcmp0 (soup_message_headers_get_one (h, "From"), "oncall@example.com") != 0)
    return pd_error (msg, 400, "You must specify a user's email address in the From header");

  if (g_str_equal (path, "/users/me"))
    reply (msg, "{\"user\": {\"id\": \"PXPGF42\", \"type\": \"user\", \"name\": \"Earline Greenholt\","
                " \"email\": \"oncall@example.com\", \"time_zone\": \"Europe/Berlin\"}}");
  else if (g_str_equal (path, "/users/P1234AB"))
    reply (msg, "{\"user\": {\"id\": \"P1234AB\", \"type\": \"user\", \"name\": \"Bob\","
                " \"email\": \"bob@example.com\"}}");
  else if (g_str_equal (path, "/users"))
    {
      const char *offset = query ? g_hash_table_lookup (query, "offset") : NULL;
      if (offset == NULL)
        reply (msg, "{\"users\": [{\"id\": \"PXPGF42\", \"name\": \"Earline\"}], \"limit\": 1,"
                    " \"offset\": 0, \"more\": true}");
      else
        reply (msg, "{\"users\": [{\"id\": \"P1234AB\", \"name\": \"Bob\"}], \"limit\": 1,"
                    " \"offset\": 1, \"more\": false}");
    }
  else if (g_str_equal (path, "/oncalls"))
    {
      const char *sched = query ? g_hash_table_lookup (query, "schedule_ids[]") : NULL;
      const char *since = query ? g_hash_table_lookup (query, "since") : NULL;
      const char *until = query ? g_hash_table_lookup (query, "until") : NULL;
      g_autoptr(GDateTime) s = since ? g_date_time_new_from_iso8601 (since, NULL) : NULL;
      g_autoptr(GDateTime) u = until ? g_date_time_new_from_iso8601 (until, NULL) : NULL;

      if (g_strcmp0 (sched, "PI7DH85") != 0 || s == NULL || u == NULL)
        return pd_error (msg, 400, "Invalid Input Provided");
      reply (msg, "{\"oncalls\": [{\"escalation_policy\": {\"id\": \"PT20YPA\"},"
                  " \"escalation_level\": 2, \"schedule\": {\"id\": \"PI7DH85\"},"
                  " \"user\": {\"id\": \"PXPGF42\", \"summary\": \"Earline Greenholt\"},"
                  " \"start\": \"2026-11-30T08:00:00Z\", \"end\": \"2026-12-07T08:00:00Z\"}],"
                  " \"limit\": 25, \"offset\": 0, \"more\": false}");
    }
  else if (g_str_equal (path, "/schedules/PI7DH85"))
    reply (msg, "{\"schedule\": {\"id\": \"PI7DH85\", \"name\": \"Daytime support\","
                " \"time_zone\": \"Europe/Berlin\", \"schedule_layers\": ["
                "  {\"id\": \"PG68P1M\", \"name\": \"Layer 1\", \"rendered_schedule_entries\": []},"
                "  {\"id\": \"PG68P1N\", \"name\": \"Layer 2\","
                "   \"users\": [{\"user\": {\"id\": \"PXPGF42\", \"type\": \"user_reference\","
                "     \"summary\": \"Earline Greenholt\"}}, {\"user\": {\"id\": \"P1234AB\","
                "     \"type\": \"user_reference\", \"summary\": \"Bob\"}}],"
                "   \"rendered_schedule_entries\": ["
                "    {\"start\": \"2026-11-30T08:00:00+01:00\", \"end\": \"2026-12-07T08:00:00+01:00\","
                "     \"user\": {\"id\": \"PXPGF42\", \"summary\": \"Earline Greenholt\"}}]}],"
                " \"final_schedule\": {\"name\": \"Final Schedule\", \"rendered_schedule_entries\": ["
                "    {\"start\": \"2026-11-30T08:00:00+01:00\", \"end\": \"2026-12-07T08:00:00+01:00\","
                "     \"user\": {\"id\": \"PXPGF42\", \"summary\": \"Earline Greenholt\"}}]}}}");
  else if (g_str_equal (path, "/incidents") && !write)
    {
      g_autofree char *one = g_strdup_printf (incident_json, "triggered", "PXPGF42");
      g_autofree char *body = g_strdup_printf ("{\"incidents\": [%s], \"limit\": 100, "
                                               "\"offset\": 0, \"more\": false}", one);
      reply (msg, body);
    }
  else if (g_str_equal (path, "/incidents/PT4KHLK") && g_str_equal (method, "PUT"))
    {
      g_autoptr(JsonNode) root = ds_test_request_json (msg);
      JsonObject *inc = root && JSON_NODE_HOLDS_OBJECT (root) &&
                        json_object_has_member (json_node_get_object (root), "incident")
                          ? json_object_get_object_member (json_node_get_object (root), "incident")
                          : NULL;
      g_autofree char *body = NULL;

      if (inc == NULL || g_strcmp0 (json_object_get_string_member_with_default (inc, "type", ""),
                                    "incident_reference") != 0)
        return pd_error (msg, 400, "Invalid Input Provided");
      if (json_object_has_member (inc, "status"))
        {
          if (g_strcmp0 (json_object_get_string_member (inc, "status"), "acknowledged") != 0)
            return pd_error (msg, 400, "Invalid status");
          body = g_strdup_printf (incident_json, "acknowledged", "PXPGF42");
        }
      else if (json_object_has_member (inc, "assignments"))
        {
          JsonArray *a = json_object_get_array_member (inc, "assignments");
          JsonObject *assignee = json_object_get_object_member (
            json_array_get_object_element (a, 0), "assignee");

          if (g_strcmp0 (json_object_get_string_member (assignee, "type"), "user_reference") != 0)
            return pd_error (msg, 400, "Invalid assignee");
          body = g_strdup_printf (incident_json, "triggered",
                                  json_object_get_string_member (assignee, "id"));
        }
      else
        return pd_error (msg, 400, "Nothing to update");
      {
        g_autofree char *wrapped = g_strdup_printf ("{\"incident\": %s}", body);
        reply (msg, wrapped);
      }
    }
  else if (g_str_equal (path, "/incidents/PT4KHLK/notes") && g_str_equal (method, "POST"))
    {
      g_autoptr(JsonNode) root = ds_test_request_json (msg);
      JsonObject *note = root && JSON_NODE_HOLDS_OBJECT (root) &&
                         json_object_has_member (json_node_get_object (root), "note")
                           ? json_object_get_object_member (json_node_get_object (root), "note")
                           : NULL;
      if (note == NULL || !json_object_has_member (note, "content"))
        return pd_error (msg, 400, "Invalid Input Provided");
      g_string_assign (f->last_body, json_object_get_string_member (note, "content"));
      reply (msg, "{\"note\": {\"id\": \"PWL7QXS\", \"content\": \"x\"}}");
    }
  else
    pd_error (msg, 404, "Not Found");
}

static void
zenhub (Fixture           *f,
        SoupServerMessage *msg,
        const char        *path)
{
  SoupMessageHeaders *h = soup_server_message_get_request_headers (msg);
  g_autoptr(JsonNode) root = ds_test_request_json (msg);
  JsonObject *o = root && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;

  if (g_str_has_prefix (path, "/p1/repositories/100/epics/") &&
      g_str_equal (soup_server_message_get_method (msg), "GET"))
    {
      const char *number = path + strlen ("/p1/repositories/100/epics/");

      if (g_strcmp0 (soup_message_headers_get_one (h, "X-Authentication-Token"), ZH_TOKEN) != 0)
        return pd_error (msg, 401, "Invalid Token");
      /* #7 is an epic: "Get Epic Data" as ZenHub's documentation shows it. */
      if (g_str_equal (number, "7"))
        reply (msg, "{\"total_epic_estimates\": {\"value\": 60}, \"issues\": ["
                    "{\"issue_number\": 3161, \"is_epic\": true, \"repo_id\": 1099029, "
                    "\"estimate\": {\"value\": 40}, \"pipeline\": {\"name\": \"New Issues\"}}, "
                    "{\"issue_number\": 2, \"is_epic\": false, \"repo_id\": 1234567}], "
                    "\"estimate\": {\"value\": 10}, \"pipeline\": {\"name\": \"Backlog\"}}");
      /* #8 answers JSON that is no epic's. */
      else if (g_str_equal (number, "8"))
        reply (msg, "{\"removed_issues\": [], \"added_issues\": []}");
      else
        ds_test_respond_json (msg, 404, "{\"message\": \"Not Found\"}");
    }
  else if (g_str_equal (path, "/p1/repositories/100/epics/7/update_issues"))
    {
      JsonArray *add;
      JsonObject *first;

      if (g_strcmp0 (soup_message_headers_get_one (h, "X-Authentication-Token"), ZH_TOKEN) != 0)
        return pd_error (msg, 401, "Invalid Token");
      if (o == NULL || !json_object_has_member (o, "add_issues"))
        return pd_error (msg, 400, "Bad Request");
      add = json_object_get_array_member (o, "add_issues");
      first = json_array_get_object_element (add, 0);
      if (json_object_get_int_member (first, "repo_id") != 200 ||
          json_object_get_int_member (first, "issue_number") != 42)
        return pd_error (msg, 400, "Bad Request");
      reply (msg, "{\"removed_issues\": [], \"added_issues\": [{\"repo_id\": 200, \"issue_number\": 42}]}");
    }
  else if (g_str_equal (path, "/public/graphql"))
    {
      const char *query;
      JsonObject *vars;

      if (g_strcmp0 (soup_message_headers_get_one (h, "Authorization"), "Bearer " ZH_TOKEN) != 0)
        return pd_error (msg, 401, "Invalid Token");
      if (o == NULL || !json_object_has_member (o, "query"))
        return pd_error (msg, 400, "Bad Request");
      query = json_object_get_string_member (o, "query");
      vars = json_object_get_object_member (o, "variables");
      if (strstr (query, "issueByInfo") != NULL)
        {
          if (json_object_get_int_member (vars, "repo") != 200 ||
              json_object_get_int_member (vars, "epicNumber") != 7)
            return reply (msg, "{\"errors\": [{\"message\": \"bad variables\"}]}");
          if (f->graphql_not_epic)
            reply (msg, "{\"data\": {\"issue\": {\"id\": \"Z_issue\"}, \"epic\": {\"id\": \"Z_epic_issue\", \"epic\": null}}}");
          else
            reply (msg, "{\"data\": {\"issue\": {\"id\": \"Z_issue\"}, \"epic\": {\"id\": \"Z_epic_issue\", \"epic\": {\"id\": \"Z_epic\"}}}}");
        }
      else if (strstr (query, "addIssuesToEpics") != NULL)
        {
          JsonObject *input = json_object_get_object_member (vars, "input");
          JsonArray *issues = json_object_get_array_member (input, "issueIds");
          JsonArray *epics = json_object_get_array_member (input, "epicIds");

          if (g_strcmp0 (json_array_get_string_element (issues, 0), "Z_issue") != 0 ||
              g_strcmp0 (json_array_get_string_element (epics, 0), "Z_epic") != 0)
            return reply (msg, "{\"errors\": [{\"message\": \"unknown ids\"}]}");
          reply (msg, "{\"data\": {\"addIssuesToEpics\": {\"epics\": [{\"id\": \"Z_epic\"}]}}}");
        }
      else
        reply (msg, "{\"errors\": [{\"message\": \"unknown query\"}]}");
    }
  else
    pd_error (msg, 404, "Not Found");
}

static void
handler (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  Fixture *f = user_data;
  GUri *uri = soup_server_message_get_uri (msg);

  g_ptr_array_add (f->requests, g_strdup_printf ("%s %s%s%s", soup_server_message_get_method (msg),
                                                 path, g_uri_get_query (uri) ? "?" : "",
                                                 g_uri_get_query (uri) ? g_uri_get_query (uri) : ""));
  if (g_str_has_prefix (path, "/zh"))
    zenhub (f, msg, path + 3);
  else
    pagerduty (f, msg, path, query);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *zh = NULL;

  ds_test_server_start (&f->ts, handler, f);
  f->requests = g_ptr_array_new_with_free_func (g_free);
  f->last_body = g_string_new (NULL);
  f->http = ds_http_new ();
  g_assert_true (ds_http_set_base_url (f->http, DS_SERVICE_PAGERDUTY, f->ts.base, &error));
  zh = g_strconcat (f->ts.base, "/zh", NULL);
  g_assert_true (ds_http_set_base_url (f->http, DS_SERVICE_ZENHUB, zh, &error));
  ds_http_set_token (f->http, DS_SERVICE_PAGERDUTY, PD_TOKEN);
  ds_http_set_token (f->http, DS_SERVICE_ZENHUB, ZH_TOKEN);
  ds_http_set_pagerduty_from (f->http, "oncall@example.com");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  /* The last result holds its task, and the task the DsHttp. */
  g_clear_object (&f->ts.result);
  g_assert_finalize_object (f->http);
  ds_test_server_stop (&f->ts);
  g_ptr_array_unref (f->requests);
  g_string_free (f->last_body, TRUE);
}

static gpointer
one (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  gpointer r = ds_http_fetch_finish (f->http, ds_test_server_wait (&f->ts), NULL, &error);

  g_assert_no_error (error);
  return r;
}

static GPtrArray *
many (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *r = ds_http_fetch_pages_finish (f->http, ds_test_server_wait (&f->ts), NULL, &error);

  g_assert_no_error (error);
  return r;
}

static void
test_pd_reads (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(DsPdUser) me = NULL;
  g_autoptr(DsPdUser) bob = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) users = NULL;
  g_autoptr(GPtrArray) oncalls = NULL;
  g_autoptr(DsPdSchedule) schedule = NULL;
  g_autoptr(GPtrArray) incidents = NULL;
  g_autoptr(DsPdIncident) incident = NULL;
  DsPdOncall *oc;
  DsPdLayer *layer2;
  DsPdIncident *inc;

  ds_pagerduty_get_me_async (f->http, NULL, ds_test_server_done, &f->ts);
  me = one (f);
  g_assert_cmpstr (me->email, ==, "oncall@example.com");

  ds_pagerduty_get_user_async (f->http, "P1234AB", NULL, ds_test_server_done, &f->ts);
  bob = ds_pagerduty_get_user_finish (f->http, ds_test_server_wait (&f->ts), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bob->name, ==, "Bob");
  /* An id PagerDuty does not know: a 404, said as such. */
  ds_pagerduty_get_user_async (f->http, "PNOSUCH", NULL, ds_test_server_done, &f->ts);
  g_assert_null (ds_pagerduty_get_user_finish (f->http, ds_test_server_wait (&f->ts), &error));
  g_assert_error (error, DS_ERROR, DS_ERROR_NOT_FOUND);
  g_clear_error (&error);

  ds_pagerduty_list_users_async (f->http, NULL, ds_test_server_done, &f->ts);
  users = many (f);
  g_assert_cmpuint (users->len, ==, 2);

  ds_pagerduty_list_oncalls_async (f->http, "PI7DH85", "PXPGF42", 1795996800, 1796601600, NULL,
                                   ds_test_server_done, &f->ts);
  oncalls = many (f);
  g_assert_cmpuint (oncalls->len, ==, 1);
  oc = oncalls->pdata[0];
  g_assert_cmpstr (oc->user_id, ==, "PXPGF42");
  g_assert_cmpint (oc->escalation_level, ==, 2);
  g_assert_cmpint (oc->end - oc->start, ==, 7 * 86400);

  ds_pagerduty_get_schedule_async (f->http, "PI7DH85", 1795996800, 1796601600, NULL,
                                   ds_test_server_done, &f->ts);
  schedule = one (f);
  g_assert_cmpuint (schedule->layers->len, ==, 2);
  layer2 = schedule->layers->pdata[1];
  g_assert_cmpstr (layer2->name, ==, "Layer 2");
  /* Its users, in turn order, named as PagerDuty summarises them. */
  g_assert_cmpuint (layer2->users->len, ==, 2);
  g_assert_cmpstr (((DsPdUser *)layer2->users->pdata[1])->id, ==, "P1234AB");
  g_assert_cmpstr (((DsPdUser *)layer2->users->pdata[1])->name, ==, "Bob");
  g_assert_cmpuint (((DsPdLayer *)schedule->layers->pdata[0])->users->len, ==, 0);
  g_assert_cmpuint (layer2->entries->len, ==, 1);
  g_assert_cmpint (((DsPdEntry *)layer2->entries->pdata[0])->start, ==, 1796022000 /* 2026-11-30 07:00 UTC */);
  g_assert_cmpuint (schedule->final_entries->len, ==, 1);

  ds_pagerduty_list_incidents_async (f->http, "PXPGF42", NULL, NULL, ds_test_server_done, &f->ts);
  incidents = many (f);
  inc = incidents->pdata[0];
  g_assert_cmpstr (inc->urgency, ==, "high");
  g_assert_cmpstr (inc->service, ==, "My Mail Service");
  g_assert_cmpstr (inc->assignees[0], ==, "PXPGF42");
  /* Both statuses went, as repeated parameters. */
  g_assert_nonnull (strstr (f->requests->pdata[f->requests->len - 1],
                            "statuses%5B%5D=triggered&statuses%5B%5D=acknowledged"));
  (void)incident;
}

static void
test_pd_writes (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(DsPdIncident) acked = NULL;
  g_autoptr(DsPdIncident) reassigned = NULL;
  g_autofree char *note = NULL;
  g_autoptr(GError) error = NULL;

  ds_pagerduty_acknowledge_async (f->http, "PT4KHLK", NULL, ds_test_server_done, &f->ts);
  acked = one (f);
  g_assert_cmpstr (acked->status, ==, "acknowledged");

  ds_pagerduty_reassign_async (f->http, "PT4KHLK", "P1234AB", NULL, ds_test_server_done, &f->ts);
  reassigned = one (f);
  g_assert_cmpstr (reassigned->assignees[0], ==, "P1234AB");

  ds_pagerduty_add_note_async (f->http, "PT4KHLK", "Delegated to Bob at standup.", NULL,
                               ds_test_server_done, &f->ts);
  note = one (f);
  g_assert_cmpstr (note, ==, "PWL7QXS");
  g_assert_cmpstr (f->last_body->str, ==, "Delegated to Bob at standup.");

  /* Without From, PagerDuty refuses writes; so does this server. */
  ds_http_set_pagerduty_from (f->http, NULL);
  ds_pagerduty_acknowledge_async (f->http, "PT4KHLK", NULL, ds_test_server_done, &f->ts);
  g_assert_null (ds_http_fetch_finish (f->http, ds_test_server_wait (&f->ts), NULL, &error));
  g_assert_error (error, DS_ERROR, DS_ERROR_SERVICE);
  g_assert_nonnull (strstr (error->message, "From header"));
}

static void
test_zenhub_rest (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  ds_zenhub_add_to_epic_async (f->http, DS_ZENHUB_REST, 200, 42, 100, 7, NULL,
                               ds_test_server_done, &f->ts);
  g_assert_true (ds_zenhub_add_to_epic_finish (f->http, ds_test_server_wait (&f->ts), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->requests->len, ==, 1);
}

/* The setup check's REST epic: an epic's answer has its issues; any other
 * JSON is not one. */
static void
test_zenhub_rest_epic (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  ds_zenhub_get_epic_async (f->http, DS_ZENHUB_REST, 100, 7, NULL, ds_test_server_done, &f->ts);
  g_assert_true (ds_zenhub_get_epic_finish (f->http, ds_test_server_wait (&f->ts), &error));
  g_assert_no_error (error);
  g_assert_cmpstr (g_ptr_array_index (f->requests, 0), ==, "GET /zh/p1/repositories/100/epics/7");

  ds_zenhub_get_epic_async (f->http, DS_ZENHUB_REST, 100, 8, NULL, ds_test_server_done, &f->ts);
  g_assert_false (ds_zenhub_get_epic_finish (f->http, ds_test_server_wait (&f->ts), &error));
  g_assert_error (error, DS_ERROR, DS_ERROR_BAD_RESPONSE);
  g_assert_nonnull (strstr (error->message, "“issues”"));
  g_clear_error (&error);

  ds_zenhub_get_epic_async (f->http, DS_ZENHUB_REST, 100, 9, NULL, ds_test_server_done, &f->ts);
  g_assert_false (ds_zenhub_get_epic_finish (f->http, ds_test_server_wait (&f->ts), &error));
  g_assert_error (error, DS_ERROR, DS_ERROR_NOT_FOUND);
}

static void
test_zenhub_graphql (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  ds_zenhub_add_to_epic_async (f->http, DS_ZENHUB_GRAPHQL, 200, 42, 100, 7, NULL,
                               ds_test_server_done, &f->ts);
  g_assert_true (ds_zenhub_add_to_epic_finish (f->http, ds_test_server_wait (&f->ts), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->requests->len, ==, 2);

  /* An issue that is not an epic gives a clear error. */
  f->graphql_not_epic = TRUE;
  ds_zenhub_add_to_epic_async (f->http, DS_ZENHUB_GRAPHQL, 200, 42, 100, 7, NULL,
                               ds_test_server_done, &f->ts);
  g_assert_false (ds_zenhub_add_to_epic_finish (f->http, ds_test_server_wait (&f->ts), &error));
  g_assert_error (error, DS_ERROR, DS_ERROR_SERVICE);
  g_assert_nonnull (strstr (error->message, "not an epic"));
  g_clear_error (&error);

  /* GraphQL errors come with HTTP 200. */
  ds_zenhub_add_to_epic_async (f->http, DS_ZENHUB_GRAPHQL, 999, 42, 100, 7, NULL,
                               ds_test_server_done, &f->ts);
  g_assert_false (ds_zenhub_add_to_epic_finish (f->http, ds_test_server_wait (&f->ts), &error));
  g_assert_error (error, DS_ERROR, DS_ERROR_SERVICE);
  g_assert_nonnull (strstr (error->message, "bad variables"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/ds/pagerduty/reads", test_pd_reads);
  ADD ("/ds/pagerduty/writes", test_pd_writes);
  ADD ("/ds/zenhub/rest", test_zenhub_rest);
  ADD ("/ds/zenhub/rest-epic", test_zenhub_rest_epic);
  ADD ("/ds/zenhub/graphql", test_zenhub_graphql);
#undef ADD

  return g_test_run ();
}
