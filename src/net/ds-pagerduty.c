/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-pagerduty"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ds-error.h"
#include "ds-json-private.h"
#include "ds-pagerduty.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DsPdOncall, ds_pd_oncall_free)

/* -- parsers --------------------------------------------------------------- */

static gboolean
parse_user_object (JsonObject         *o,
                   DsPdUser          **out,
                   const DsJsonScope  *scope,
                   GError            **error)
{
  g_autoptr(DsPdUser) u = g_new0 (DsPdUser, 1);

  if (!ds_json_dup_string (o, "id", TRUE, &u->id, scope, error) ||
      !ds_json_dup_string (o, "name", FALSE, &u->name, scope, error) ||
      !ds_json_dup_string (o, "email", FALSE, &u->email, scope, error) ||
      !ds_json_dup_string (o, "time_zone", FALSE, &u->time_zone, scope, error))
    return FALSE;
  *out = g_steal_pointer (&u);
  return TRUE;
}

static gboolean
parse_oncall_object (JsonObject         *o,
                     DsPdOncall        **out,
                     const DsJsonScope  *scope,
                     GError            **error)
{
  g_autoptr(DsPdOncall) oc = g_new0 (DsPdOncall, 1);

  if (!ds_json_nested_string (o, "user", "id", &oc->user_id, scope, error) ||
      !ds_json_nested_string (o, "user", "summary", &oc->user_name, scope, error) ||
      !ds_json_nested_string (o, "schedule", "id", &oc->schedule_id, scope, error) ||
      !ds_json_int (o, "escalation_level", FALSE, &oc->escalation_level, scope, error) ||
      !ds_json_time (o, "start", &oc->start, scope, error) ||
      !ds_json_time (o, "end", &oc->end, scope, error))
    return FALSE;
  if (oc->user_id == NULL)
    {
      g_set_error (error, DS_ERROR, DS_ERROR_BAD_RESPONSE,
                   /* Translators: "PagerDuty sent an unexpected answer to GET /oncalls: …" */
                   _("%s sent an unexpected answer to %s: an on-call entry names no user."),
                   scope->service, scope->endpoint);
      return FALSE;
    }
  *out = g_steal_pointer (&oc);
  return TRUE;
}

/* A layer's user: {"user": {"id", "summary"}}. */
static gboolean
parse_layer_user (JsonObject         *o,
                  DsPdUser          **out,
                  const DsJsonScope  *scope,
                  GError            **error)
{
  g_autoptr(DsPdUser) u = g_new0 (DsPdUser, 1);

  if (!ds_json_nested_string (o, "user", "id", &u->id, scope, error) ||
      !ds_json_nested_string (o, "user", "summary", &u->name, scope, error))
    return FALSE;
  if (u->id == NULL)
    {
      g_set_error (error, DS_ERROR, DS_ERROR_BAD_RESPONSE,
                   _("%s sent an unexpected answer to %s: a schedule layer’s user has no id."),
                   scope->service, scope->endpoint);
      return FALSE;
    }
  *out = g_steal_pointer (&u);
  return TRUE;
}

static gboolean
parse_entries (JsonObject         *o,
               const char         *member,
               GPtrArray         **out,
               const DsJsonScope  *scope,
               GError            **error)
{
  JsonArray *array = NULL;

  *out = g_ptr_array_new_with_free_func ((GDestroyNotify)ds_pd_entry_free);
  if (o == NULL || !ds_json_array (o, member, FALSE, &array, scope, error))
    return o == NULL;
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *eo = ds_json_array_object (array, i, member, scope, error);
      DsPdEntry *e;

      if (eo == NULL)
        return FALSE;
      e = g_new0 (DsPdEntry, 1);
      g_ptr_array_add (*out, e);
      if (!ds_json_nested_string (eo, "user", "id", &e->user_id, scope, error) ||
          !ds_json_nested_string (eo, "user", "summary", &e->user_name, scope, error) ||
          !ds_json_time (eo, "start", &e->start, scope, error) ||
          !ds_json_time (eo, "end", &e->end, scope, error))
        return FALSE;
    }
  return TRUE;
}

gpointer
ds_pagerduty_parse_schedule (JsonNode           *root,
                             const DsJsonScope  *scope,
                             GError            **error)
{
  JsonObject *o = ds_json_root_object (root, scope, error);
  JsonObject *so = NULL, *final = NULL;
  JsonArray *layers = NULL;
  g_autoptr(DsPdSchedule) s = g_new0 (DsPdSchedule, 1);

  s->layers = g_ptr_array_new_with_free_func ((GDestroyNotify)ds_pd_layer_free);
  if (o == NULL || !ds_json_object (o, "schedule", TRUE, &so, scope, error) ||
      !ds_json_dup_string (so, "id", TRUE, &s->id, scope, error) ||
      !ds_json_dup_string (so, "name", FALSE, &s->name, scope, error) ||
      !ds_json_dup_string (so, "time_zone", FALSE, &s->time_zone, scope, error) ||
      !ds_json_array (so, "schedule_layers", FALSE, &layers, scope, error) ||
      !ds_json_object (so, "final_schedule", FALSE, &final, scope, error) ||
      !parse_entries (final, "rendered_schedule_entries", &s->final_entries, scope, error))
    return NULL;

  for (guint i = 0; layers != NULL && i < json_array_get_length (layers); i++)
    {
      JsonObject *lo = ds_json_array_object (layers, i, "schedule_layers", scope, error);
      JsonArray *users = NULL;
      DsPdLayer *l;

      if (lo == NULL)
        return NULL;
      l = g_new0 (DsPdLayer, 1);
      g_ptr_array_add (s->layers, l);
      l->users = g_ptr_array_new_with_free_func ((GDestroyNotify)ds_pd_user_free);
      if (!ds_json_dup_string (lo, "id", FALSE, &l->id, scope, error) ||
          !ds_json_dup_string (lo, "name", FALSE, &l->name, scope, error) ||
          !ds_json_array (lo, "users", FALSE, &users, scope, error) ||
          (users != NULL && !ds_json_parse_array (users, "users",
                                                  (DsJsonObjectParser)parse_layer_user,
                                                  l->users, scope, error)) ||
          !parse_entries (lo, "rendered_schedule_entries", &l->entries, scope, error))
        return NULL;
    }
  return g_steal_pointer (&s);
}

static gboolean
parse_incident_object (JsonObject         *o,
                       DsPdIncident      **out,
                       const DsJsonScope  *scope,
                       GError            **error)
{
  g_autoptr(DsPdIncident) inc = g_new0 (DsPdIncident, 1);
  g_autoptr(GStrvBuilder) assignees = g_strv_builder_new ();
  JsonArray *assignments = NULL;

  if (!ds_json_dup_string (o, "id", TRUE, &inc->id, scope, error) ||
      !ds_json_int (o, "incident_number", FALSE, &inc->number, scope, error) ||
      !ds_json_dup_string (o, "title", FALSE, &inc->title, scope, error) ||
      !ds_json_dup_string (o, "status", FALSE, &inc->status, scope, error) ||
      !ds_json_dup_string (o, "urgency", FALSE, &inc->urgency, scope, error) ||
      !ds_json_dup_string (o, "html_url", FALSE, &inc->html_url, scope, error) ||
      !ds_json_nested_string (o, "service", "summary", &inc->service, scope, error) ||
      !ds_json_time (o, "created_at", &inc->created, scope, error) ||
      !ds_json_array (o, "assignments", FALSE, &assignments, scope, error))
    return FALSE;

  for (guint i = 0; assignments != NULL && i < json_array_get_length (assignments); i++)
    {
      JsonObject *ao = ds_json_array_object (assignments, i, "assignments", scope, error);
      g_autofree char *id = NULL;

      if (ao == NULL || !ds_json_nested_string (ao, "assignee", "id", &id, scope, error))
        return FALSE;
      if (id != NULL)
        g_strv_builder_add (assignees, id);
    }
  inc->assignees = g_strv_builder_end (assignees);
  *out = g_steal_pointer (&inc);
  return TRUE;
}

gpointer
ds_pagerduty_parse_incident (JsonNode           *root,
                             const DsJsonScope  *scope,
                             GError            **error)
{
  return ds_json_parse_member (root, "incident", (DsJsonObjectParser)parse_incident_object, scope,
                               error);
}

gboolean
ds_pagerduty_parse_incidents (JsonNode           *root,
                              GPtrArray          *items,
                              const DsJsonScope  *scope,
                              GError            **error)
{
  return ds_json_parse_member_array (root, "incidents", (DsJsonObjectParser)parse_incident_object,
                                     items, scope,
                            error);
}

gboolean
ds_pagerduty_parse_oncalls (JsonNode           *root,
                            GPtrArray          *items,
                            const DsJsonScope  *scope,
                            GError            **error)
{
  return ds_json_parse_member_array (root, "oncalls", (DsJsonObjectParser)parse_oncall_object,
                                     items, scope,
                            error);
}

static gboolean
parse_users (JsonNode           *root,
             GPtrArray          *items,
             const DsJsonScope  *scope,
             GError            **error)
{
  return ds_json_parse_member_array (root, "users", (DsJsonObjectParser)parse_user_object, items,
                                     scope, error);
}

/* {"user": {...}}: /users/me and /users/{id}. */
static gpointer
parse_user (JsonNode           *root,
            const DsJsonScope  *scope,
            GError            **error)
{
  return ds_json_parse_member (root, "user", (DsJsonObjectParser)parse_user_object, scope, error);
}

static gpointer
parse_note (JsonNode           *root,
            const DsJsonScope  *scope,
            GError            **error)
{
  JsonObject *o = ds_json_root_object (root, scope, error);
  JsonObject *no = NULL;
  char *id = NULL;

  if (o == NULL || !ds_json_object (o, "note", TRUE, &no, scope, error) ||
      !ds_json_dup_string (no, "id", TRUE, &id, scope, error))
    return NULL;
  return id;
}

/* -- calls ----------------------------------------------------------------- */

static char *
iso (gint64 t)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (t);
  return g_date_time_format_iso8601 (dt);
}

static void
add_range (DsHttpCall *call,
           gint64      since,
           gint64      until)
{
  g_autofree char *s = iso (since);
  g_autofree char *u = iso (until);

  ds_http_call_add_query (call, "since", s);
  ds_http_call_add_query (call, "until", u);
}

static char *
escaped (const char *id)
{
  return g_uri_escape_string (id, NULL, FALSE);
}

void
ds_pagerduty_get_me_async (DsHttp              *http,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  DsHttpCall *call = ds_http_call_new (DS_SERVICE_PAGERDUTY, "GET", "/users/me");


  ds_http_call_set_source_tag (call, ds_pagerduty_get_me_async);
  ds_http_fetch_async (http, call, parse_user, (GDestroyNotify)ds_pd_user_free, cancellable,
                       callback, user_data);
}

void
ds_pagerduty_get_user_async (DsHttp              *http,
                             const char          *user_id,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autofree char *id = escaped (user_id);
  DsHttpCall *call = ds_http_call_newv (DS_SERVICE_PAGERDUTY, "GET", "/users/%s", id);

  ds_http_call_set_source_tag (call, ds_pagerduty_get_user_async);
  ds_http_fetch_async (http, call, parse_user, (GDestroyNotify)ds_pd_user_free, cancellable,
                       callback, user_data);
}

void
ds_pagerduty_list_users_async (DsHttp              *http,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  DsHttpCall *call = ds_http_call_new (DS_SERVICE_PAGERDUTY, "GET", "/users");

  ds_http_call_add_query (call, "limit", "100");
  ds_http_call_set_source_tag (call, ds_pagerduty_list_users_async);
  ds_http_fetch_pages_async (http, call, parse_users, (GDestroyNotify)ds_pd_user_free,
                             DS_HTTP_DEFAULT_MAX_PAGES, cancellable, callback, user_data);
}

void
ds_pagerduty_list_oncalls_async (DsHttp              *http,
                                 const char          *schedule_id,
                                 const char          *user_id,
                                 gint64               since,
                                 gint64               until,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  DsHttpCall *call = ds_http_call_new (DS_SERVICE_PAGERDUTY, "GET", "/oncalls");

  if (schedule_id != NULL)
    ds_http_call_add_query (call, "schedule_ids[]", schedule_id);
  if (user_id != NULL)
    ds_http_call_add_query (call, "user_ids[]", user_id);
  add_range (call, since, until);
  ds_http_call_add_query (call, "limit", "100");
  ds_http_call_set_source_tag (call, ds_pagerduty_list_oncalls_async);
  ds_http_fetch_pages_async (http, call, ds_pagerduty_parse_oncalls,
                             (GDestroyNotify)ds_pd_oncall_free, DS_HTTP_DEFAULT_MAX_PAGES,
                             cancellable, callback, user_data);
}

void
ds_pagerduty_get_schedule_async (DsHttp              *http,
                                 const char          *schedule_id,
                                 gint64               since,
                                 gint64               until,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autofree char *id = escaped (schedule_id);
  DsHttpCall *call = ds_http_call_newv (DS_SERVICE_PAGERDUTY, "GET", "/schedules/%s", id);

  add_range (call, since, until);
  ds_http_call_set_source_tag (call, ds_pagerduty_get_schedule_async);
  ds_http_fetch_async (http, call, ds_pagerduty_parse_schedule,
                       (GDestroyNotify)ds_pd_schedule_free, cancellable, callback, user_data);
}

void
ds_pagerduty_list_incidents_async (DsHttp              *http,
                                   const char          *user_id,
                                   const char          *team_id,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  DsHttpCall *call = ds_http_call_new (DS_SERVICE_PAGERDUTY, "GET", "/incidents");

  ds_http_call_add_query (call, "statuses[]", "triggered");
  ds_http_call_add_query (call, "statuses[]", "acknowledged");
  if (user_id != NULL)
    ds_http_call_add_query (call, "user_ids[]", user_id);
  if (team_id != NULL)
    ds_http_call_add_query (call, "team_ids[]", team_id);
  ds_http_call_add_query (call, "limit", "100");
  ds_http_call_set_source_tag (call, ds_pagerduty_list_incidents_async);
  ds_http_fetch_pages_async (http, call, ds_pagerduty_parse_incidents,
                             (GDestroyNotify)ds_pd_incident_free, DS_HTTP_DEFAULT_MAX_PAGES,
                             cancellable, callback, user_data);
}

void
ds_pagerduty_get_incident_async (DsHttp              *http,
                                 const char          *incident_id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autofree char *id = escaped (incident_id);
  DsHttpCall *call;

  call = ds_http_call_newv (DS_SERVICE_PAGERDUTY, "GET", "/incidents/%s", id);

  ds_http_call_set_source_tag (call, ds_pagerduty_get_incident_async);

  ds_http_fetch_async (http, call, ds_pagerduty_parse_incident,
                       (GDestroyNotify)ds_pd_incident_free, cancellable, callback, user_data);
}

static void
update_incident (DsHttp              *http,
                 gpointer             source_tag,
                 const char          *incident_id,
                 JsonNode            *incident,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  g_autofree char *id = escaped (incident_id);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;
  DsHttpCall *call;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "incident");
  json_builder_add_value (b, incident);
  json_builder_end_object (b);
  body = json_builder_get_root (b);

  call = ds_http_call_newv (DS_SERVICE_PAGERDUTY, "PUT", "/incidents/%s", id);
  ds_http_call_set_json (call, body);
  ds_http_call_set_source_tag (call, source_tag);
  ds_http_fetch_async (http, call, ds_pagerduty_parse_incident,
                       (GDestroyNotify)ds_pd_incident_free, cancellable, callback, user_data);
}

void
ds_pagerduty_acknowledge_async (DsHttp              *http,
                                const char          *incident_id,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, "incident_reference");
  json_builder_set_member_name (b, "status");
  json_builder_add_string_value (b, "acknowledged");
  json_builder_end_object (b);
  update_incident (http, ds_pagerduty_acknowledge_async, incident_id, json_builder_get_root (b),
                   cancellable, callback, user_data);
}

void
ds_pagerduty_reassign_async (DsHttp              *http,
                             const char          *incident_id,
                             const char          *user_id,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, "incident_reference");
  json_builder_set_member_name (b, "assignments");
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "assignee");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, user_id);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, "user_reference");
  json_builder_end_object (b);
  json_builder_end_object (b);
  json_builder_end_array (b);
  json_builder_end_object (b);
  update_incident (http, ds_pagerduty_reassign_async, incident_id, json_builder_get_root (b),
                   cancellable, callback, user_data);
}

void
ds_pagerduty_add_note_async (DsHttp              *http,
                             const char          *incident_id,
                             const char          *content,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autofree char *id = escaped (incident_id);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;
  DsHttpCall *call;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "note");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "content");
  json_builder_add_string_value (b, content);
  json_builder_end_object (b);
  json_builder_end_object (b);
  body = json_builder_get_root (b);

  call = ds_http_call_newv (DS_SERVICE_PAGERDUTY, "POST", "/incidents/%s/notes", id);
  ds_http_call_set_json (call, body);
  ds_http_call_set_source_tag (call, ds_pagerduty_add_note_async);
  ds_http_fetch_async (http, call, parse_note, g_free, cancellable, callback, user_data);
}

/* -- finishing --------------------------------------------------------------- */

DS_HTTP_DEFINE_FINISH (ds_pagerduty_get_me, DsPdUser *)
DS_HTTP_DEFINE_FINISH (ds_pagerduty_get_user, DsPdUser *)
DS_HTTP_DEFINE_FINISH (ds_pagerduty_list_users, GPtrArray *)
DS_HTTP_DEFINE_FINISH (ds_pagerduty_list_oncalls, GPtrArray *)
DS_HTTP_DEFINE_FINISH (ds_pagerduty_get_schedule, DsPdSchedule *)
DS_HTTP_DEFINE_FINISH (ds_pagerduty_list_incidents, GPtrArray *)
DS_HTTP_DEFINE_FINISH (ds_pagerduty_get_incident, DsPdIncident *)
DS_HTTP_DEFINE_FINISH (ds_pagerduty_acknowledge, DsPdIncident *)
DS_HTTP_DEFINE_FINISH (ds_pagerduty_reassign, DsPdIncident *)
DS_HTTP_DEFINE_FINISH (ds_pagerduty_add_note, char *)
