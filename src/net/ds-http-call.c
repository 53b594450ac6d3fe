/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-http"

#include "config.h"

#include <string.h>

#include "ds-http-private.h"

/* What to ask a service: method, path and query, body, and how to
 * authenticate. Built by the clients, sent by DsHttp. */

DsHttpCall *
ds_http_call_new (DsService   service,
                  const char *method,
                  const char *path)
{
  DsHttpCall *call;

  g_return_val_if_fail (service < DS_N_SERVICES, NULL);
  g_return_val_if_fail (method != NULL && path != NULL, NULL);

  call = g_new0 (DsHttpCall, 1);
  call->service = service;
  call->method = g_strdup (method);
  call->path = g_string_new (path);
  return call;
}

DsHttpCall *
ds_http_call_newv (DsService   service,
                   const char *method,
                   const char *format,
                   ...)
{
  g_autofree char *path = NULL;
  va_list args;

  va_start (args, format);
  path = g_strdup_vprintf (format, args);
  va_end (args);
  return ds_http_call_new (service, method, path);
}

DsHttpCall *
ds_http_call_copy (const DsHttpCall *call)
{
  DsHttpCall *copy = ds_http_call_new (call->service, call->method, call->path->str);

  copy->body = call->body != NULL ? g_bytes_ref (call->body) : NULL;
  copy->content_type = g_strdup (call->content_type);
  copy->form = call->form != NULL ? g_string_new (call->form->str) : NULL;
  copy->conditional = call->conditional;
  copy->bearer = call->bearer;
  copy->app_token = call->app_token;
  copy->oauth = call->oauth;
  copy->source_tag = call->source_tag;
  return copy;
}

void
ds_http_call_free (DsHttpCall *call)
{
  if (call == NULL)
    return;
  g_free (call->method);
  g_string_free (call->path, TRUE);
  g_clear_pointer (&call->body, g_bytes_unref);
  g_free (call->content_type);
  if (call->form != NULL)
    g_string_free (call->form, TRUE);
  g_free (call);
}

static void
append_pair (GString    *s,
             char        separator,
             const char *name,
             const char *value)
{
  g_autofree char *n = g_uri_escape_string (name, NULL, FALSE);
  g_autofree char *v = g_uri_escape_string (value, NULL, FALSE);

  if (s->len > 0)
    g_string_append_c (s, separator);
  g_string_append_printf (s, "%s=%s", n, v);
}

static void
append_query (DsHttpCall *call,
              const char *name,
              const char *value)
{
  g_autoptr(GString) pair = g_string_new (NULL);

  append_pair (pair, '&', name, value);
  g_string_append_c (call->path, strchr (call->path->str, '?') ? '&' : '?');
  g_string_append (call->path, pair->str);
}

/* Adds a query parameter; adding one name twice sends it twice (PagerDuty's
 * "statuses[]" lists). */
void
ds_http_call_add_query (DsHttpCall *call,
                        const char *name,
                        const char *value)
{
  g_return_if_fail (call != NULL && name != NULL && value != NULL);
  append_query (call, name, value);
}

/* Sets a query parameter, replacing any earlier value (the next page's
 * cursor or offset). */
void
ds_http_call_set_query (DsHttpCall *call,
           const char *name,
           const char *value)
{
  g_autofree char *escaped = g_uri_escape_string (name, NULL, FALSE);
  g_autofree char *prefix = g_strconcat (escaped, "=", NULL);
  const char *q = strchr (call->path->str, '?');

  if (q != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (q + 1, "&", -1);
      g_autoptr(GString) kept = g_string_new (NULL);

      for (guint i = 0; parts[i] != NULL; i++)
        if (!g_str_has_prefix (parts[i], prefix) && *parts[i] != '\0')
          g_string_append_printf (kept, "%s%s", kept->len ? "&" : "", parts[i]);
      g_string_truncate (call->path, q - call->path->str);
      if (kept->len > 0)
        g_string_append_printf (call->path, "?%s", kept->str);
    }
  append_query (call, name, value);
}

/* Sends @body as JSON. */
void
ds_http_call_set_json (DsHttpCall *call,
                       JsonNode   *body)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  char *data;
  gsize len;

  g_return_if_fail (call != NULL && body != NULL);

  json_generator_set_root (gen, body);
  data = json_generator_to_data (gen, &len);
  g_clear_pointer (&call->body, g_bytes_unref);
  call->body = g_bytes_new_take (data, len);
  g_free (call->content_type);
  call->content_type = g_strdup ("application/json");
}

/* Adds a field of an application/x-www-form-urlencoded body (Slack). */
void
ds_http_call_add_form (DsHttpCall *call,
                       const char *name,
                       const char *value)
{
  g_return_if_fail (call != NULL && name != NULL && value != NULL);

  if (call->form == NULL)
    call->form = g_string_new (NULL);
  append_pair (call->form, '&', name, value);
}

/* Sends If-None-Match / If-Modified-Since and uses the cached answer on 304. */
void
ds_http_call_set_conditional (DsHttpCall *call,
                              gboolean    conditional)
{
  g_return_if_fail (call != NULL);
  call->conditional = conditional;
}

/* ZenHub's GraphQL API takes a Bearer token; its REST API its own header. */
void
ds_http_call_set_bearer (DsHttpCall *call,
                         gboolean    bearer)
{
  g_return_if_fail (call != NULL);
  call->bearer = bearer;
}

/* Slack's apps.connections.open takes the app-level (xapp-) token. */
void
ds_http_call_set_app_token (DsHttpCall *call,
                            gboolean    app_token)
{
  g_return_if_fail (call != NULL);
  call->app_token = app_token;
}

/* An OAuth endpoint of the service's web site (GitHub's device flow), not
 * its API: no token goes with it, whatever the client holds; JSON is asked
 * for (GitHub answers a form otherwise); and an answer of 400 or 401, which
 * OAuth uses for its errors (RFC 6749, 5.2), is handed to the parser, which
 * reads the error in the body. */
void
ds_http_call_set_oauth (DsHttpCall *call,
                        gboolean    oauth)
{
  g_return_if_fail (call != NULL);
  call->oauth = oauth;
}

gpointer
ds_http_parse_nothing (JsonNode           *root,
                       const DsJsonScope  *scope,
                       GError            **error)
{
  return GINT_TO_POINTER (TRUE);
}


/* Tags the call's task with the client function that made it, for that
 * function's typed _finish. */
void
ds_http_call_set_source_tag (DsHttpCall *call,
                             gpointer    source_tag)
{
  g_return_if_fail (call != NULL);
  call->source_tag = source_tag;
}
