/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-http"

#include "config.h"

#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "ds-error.h"
#include "ds-http-private.h"
#include "ds-json-gate.h"

/* One exchange with a service: the request with its token and conditional
 * headers, the answer read in chunks up to the size cap, rate limits,
 * redirects on the same server, the JSON checked for shape and parsed (in
 * a thread when large), and the next page, until the listing ends.
 *
 * Each step owns the exchange's task (g_autoptr) and either hands it on
 * with g_steal_pointer() or returns on it: every path returns exactly once. */

#define PARSE_IN_THREAD_ABOVE (256 * 1024)
#define MAX_REDIRECTS 3
#define TRIM_AFTER (1 << 20)

#ifdef __GLIBC__
static gboolean
give_memory_back (gpointer user_data)
{
  malloc_trim (0);
  return G_SOURCE_REMOVE;
}
#endif

void
ds_http_request_free (DsHttpRequest *r)
{
#ifdef __GLIBC__
  /* A large answer's buffers and nodes are freed by now (or with this
   * request): let the system have the pages back, once things settle. */
  if ((r->body != NULL && g_bytes_get_size (r->body) > TRIM_AFTER) ||
      (r->buf != NULL && r->buf->len > TRIM_AFTER))
    g_idle_add_full (G_PRIORITY_LOW, give_memory_back, NULL, NULL);
#endif
  ds_http_call_free (r->call);
  g_clear_pointer (&r->items, g_ptr_array_unref);
  g_free (r->url);
  g_free (r->endpoint);
  g_clear_object (&r->msg);
  g_clear_object (&r->stream);
  g_clear_pointer (&r->buf, g_byte_array_unref);
  g_clear_pointer (&r->body, g_bytes_unref);
  g_free (r);
}

static DsJsonScope
scope_of (DsHttpRequest *r)
{
  DsJsonScope scope = { ds_service_label (r->call->service), r->endpoint };
  return scope;
}

/* "host", or "host:port" when @uri names a port: another port of the same
 * host is another server, and the user is told which. */
static char *
server_of (GUri *uri)
{
  const char *host = uri != NULL ? g_uri_get_host (uri) : NULL;

  if (host == NULL)
    return NULL;
  if (g_uri_get_port (uri) == -1)
    return g_strdup (host);
  return g_strdup_printf (strchr (host, ':') != NULL ? "[%s]:%d" : "%s:%d", host,
                          g_uri_get_port (uri));
}

/* Resolves the call's path against the service's base URL. An absolute URL
 * (a next-page link, a redirect) must point at the same server. */
static char *
resolve_url (DsHttp      *self,
             DsHttpCall  *call,
             GError     **error)
{
  const char *base = self->services[call->service].base_url;
  const char *path = call->path->str;

  if (g_str_has_prefix (path, "https://") || g_str_has_prefix (path, "http://"))
    {
      g_autoptr(GUri) b = g_uri_parse (base, G_URI_FLAGS_NONE, NULL);
      g_autoptr(GUri) p = g_uri_parse (path, G_URI_FLAGS_NONE, NULL);

      if (b == NULL || p == NULL ||
          g_ascii_strcasecmp (g_uri_get_scheme (b), g_uri_get_scheme (p)) != 0 ||
          g_ascii_strcasecmp (g_uri_get_host (b), g_uri_get_host (p)) != 0 ||
          g_uri_get_port (b) != g_uri_get_port (p))
        {
          g_autofree char *server = server_of (p);

          g_propagate_error (error, ds_http_error_other_server (call->service, server));
          return NULL;
        }
      return g_strdup (path);
    }
  return g_strconcat (base, path, NULL);
}

/* Whether Dayshift will ask again after a failure: not for a one-off call. */
static gboolean
again_of (GTask *task)
{
  DsHttp *self = g_task_get_source_object (task);

  return self == NULL || !self->one_off;
}

static char *
endpoint_of (const char *method,
             const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);

  return g_strdup_printf ("%s %s", method, uri != NULL ? g_uri_get_path (uri) : "?");
}

static void on_sent (GObject *source, GAsyncResult *result, gpointer user_data);

void
ds_http_exchange_start (GTask *task_in)
{
  g_autoptr(GTask) task = task_in;
  DsHttp *self = g_task_get_source_object (task);
  DsHttpRequest *r = g_task_get_task_data (task);
  DsHttpServiceState *state = &self->services[r->call->service];
  g_autoptr(GError) error = NULL;
  g_autoptr(GUri) uri = NULL;
  SoupMessageHeaders *headers;
  GCancellable *cancellable;
  const char *token;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  g_clear_pointer (&r->url, g_free);
  g_clear_pointer (&r->endpoint, g_free);
  g_clear_object (&r->msg);
  g_clear_object (&r->stream);
  g_clear_pointer (&r->buf, g_byte_array_unref);
  g_clear_pointer (&r->body, g_bytes_unref);

  r->url = resolve_url (self, r->call, &error);
  if (r->url == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  r->endpoint = endpoint_of (r->call->method, r->url);
  if (state->conditional)
    r->call->conditional = TRUE;

  /* Checked here too: a base URL may come from anywhere. */
  if (!ds_http_check_url (r->call->service, r->url, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (state->backoff_until > now)
    {
      g_task_return_error (task, ds_http_error_rate_limited (r->call->service,
                                                             again_of (task), r->endpoint,
                                                             state->backoff_until));
      return;
    }

  uri = g_uri_parse (r->url, SOUP_HTTP_URI_FLAGS, &error);
  if (uri == NULL)
    {
      g_task_return_new_error (task, DS_ERROR, DS_ERROR_INVALID_ARGUMENT, "%s: %s",
                               r->endpoint, error->message);
      return;
    }
  r->msg = soup_message_new_from_uri (r->call->method, uri);
  soup_message_set_flags (r->msg, SOUP_MESSAGE_NO_REDIRECT);
  headers = soup_message_get_request_headers (r->msg);
  token = r->call->app_token ? self->slack_app_token : state->token;
  if (r->call->oauth)
    {
      /* Not the API: the service's token never goes there. */
      token = NULL;
      soup_message_headers_replace (headers, "Accept", "application/json");
    }
  else
    ds_http_service (r->call->service)->set_headers (r->call, token, self->pagerduty_from,
                                                     headers);
  r->authed = token != NULL;

  if (r->call->body != NULL)
    soup_message_set_request_body_from_bytes (r->msg, r->call->content_type, r->call->body);
  else if (r->call->form != NULL)
    {
      g_autoptr(GBytes) form = g_bytes_new (r->call->form->str, r->call->form->len);
      soup_message_set_request_body_from_bytes (r->msg, "application/x-www-form-urlencoded",
                                                form);
    }

  if (r->call->conditional && g_strcmp0 (r->call->method, "GET") == 0)
    {
      DsHttpCacheEntry *entry = g_hash_table_lookup (self->cache, r->url);

      if (entry != NULL && entry->etag != NULL)
        soup_message_headers_replace (headers, "If-None-Match", entry->etag);
      if (entry != NULL && entry->last_modified != NULL)
        soup_message_headers_replace (headers, "If-Modified-Since", entry->last_modified);
    }

  g_debug ("%s %s", r->call->method, r->endpoint + strlen (r->call->method) + 1);
  ds_http_guard_arm (self, r->guard);
  cancellable = g_task_get_cancellable (task);
  soup_session_send_async (self->session, r->msg, G_PRIORITY_DEFAULT, cancellable, on_sent,
                           g_steal_pointer (&task));
}

static void on_read (GObject *source, GAsyncResult *result, gpointer user_data);
static void finish_body (GTask *task);

static void
read_more (GTask *task)
{
  DsHttpRequest *r = g_task_get_task_data (task);

  g_input_stream_read_bytes_async (r->stream, 64 * 1024, G_PRIORITY_DEFAULT,
                                   g_task_get_cancellable (task), on_read, task);
}

static void
on_sent (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DsHttp *self = g_task_get_source_object (task);
  DsHttpRequest *r = g_task_get_task_data (task);
  GError *error = NULL;
  goffset length;

  r->stream = soup_session_send_finish (SOUP_SESSION (source), result, &error);
  if (r->stream == NULL)
    {
      g_task_return_error (task, ds_http_error_io (r->call->service, again_of (task), r->endpoint,
                                                   self->timeout, error));
      return;
    }

  length = soup_message_headers_get_content_length (soup_message_get_response_headers (r->msg));
  if (length > 0 && (gsize)length > self->max_body)
    {
      g_task_return_error (task, ds_http_error_too_large (r->call->service, r->endpoint,
                                                          self->max_body));
      return;
    }

  r->buf = g_byte_array_new ();
  read_more (g_steal_pointer (&task));
}

static void
on_read (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DsHttp *self = g_task_get_source_object (task);
  DsHttpRequest *r = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(GBytes) chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result,
                                                              &error);

  if (chunk == NULL && (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
                        g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT)))
    {
      g_task_return_error (task, ds_http_error_io (r->call->service, again_of (task), r->endpoint,
                                                   self->timeout, error));
      return;
    }
  if (chunk == NULL)
    {
      g_task_return_error (task, ds_http_error_cut_short (r->call->service,
                                                          again_of (task), r->endpoint,
                                                          error));
      g_error_free (error);
      return;
    }

  if (g_bytes_get_size (chunk) == 0)
    {
      finish_body (g_steal_pointer (&task));
      return;
    }

  g_byte_array_append (r->buf, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));
  if (r->buf->len > self->max_body)
    {
      g_task_return_error (task, ds_http_error_too_large (r->call->service, r->endpoint,
                                                          self->max_body));
      return;
    }
  read_more (g_steal_pointer (&task));
}

static void
remember (DsHttp        *self,
          DsHttpRequest *r)
{
  SoupMessageHeaders *h = soup_message_get_response_headers (r->msg);
  const char *etag = soup_message_headers_get_one (h, "ETag");
  const char *modified = soup_message_headers_get_one (h, "Last-Modified");
  DsHttpCacheEntry *entry;

  if (etag == NULL && modified == NULL)
    return;
  entry = g_new0 (DsHttpCacheEntry, 1);
  entry->etag = g_strdup (etag);
  entry->last_modified = g_strdup (modified);
  entry->body = g_bytes_ref (r->body);
  entry->poll_interval = r->info.poll_interval;
  g_hash_table_replace (self->cache, g_strdup (r->url), entry);
}

/* Takes @task when it returns TRUE. */
static gboolean
follow_redirect (GTask *task,
                 guint  status)
{
  DsHttpRequest *r = g_task_get_task_data (task);
  const char *location = soup_message_headers_get_one (soup_message_get_response_headers (r->msg),
                                                       "Location");
  g_autoptr(GUri) base = g_uri_parse (r->url, G_URI_FLAGS_NONE, NULL);
  g_autoptr(GUri) target = NULL;
  g_autofree char *target_str = NULL;

  if (location == NULL || base == NULL || r->redirects >= MAX_REDIRECTS)
    return FALSE;
  target = g_uri_parse_relative (base, location, G_URI_FLAGS_NONE, NULL);
  if (target == NULL)
    return FALSE;
  target_str = g_uri_to_string (target);

  /* Only within the same server: the token must not travel elsewhere.
   * resolve_url() refuses the rest with a clear message. */
  r->redirects++;
  g_string_assign (r->call->path, target_str);
  if (status == 303)
    {
      g_free (r->call->method);
      r->call->method = g_strdup ("GET");
      g_clear_pointer (&r->call->body, g_bytes_unref);
    }
  ds_http_exchange_start (task);
  return TRUE;
}

static void parse_body (GTask *task);

static void
finish_body (GTask *task_in)
{
  g_autoptr(GTask) task = task_in;
  DsHttp *self = g_task_get_source_object (task);
  DsHttpRequest *r = g_task_get_task_data (task);
  DsHttpServiceState *state = &self->services[r->call->service];
  SoupMessageHeaders *answer = soup_message_get_response_headers (r->msg);
  guint status = soup_message_get_status (r->msg);
  gboolean limited;
  gint64 until;

  r->body = g_byte_array_free_to_bytes (g_steal_pointer (&r->buf));
  r->info.status = status;
  r->info.from_cache = FALSE;
  r->info.poll_interval = ds_http_poll_interval (answer);
  {
    const char *scopes = soup_message_headers_get_one (answer, "X-OAuth-Scopes");

    r->info.has_scopes = scopes != NULL;
    r->info.scopes = g_intern_string (scopes);
  }
  g_debug ("%s → %u (%" G_GSIZE_FORMAT " bytes)", r->endpoint, status,
           g_bytes_get_size (r->body));

  until = ds_http_rate_limit_until (r->call->service, status, answer, &state->failures,
                                    &limited);
  if (until > 0)
    state->backoff_until = until;
  if (limited)
    {
      g_task_return_error (task, ds_http_error_rate_limited (r->call->service,
                                                             again_of (task), r->endpoint,
                                                             until));
      return;
    }

  if (status == 304)
    {
      DsHttpCacheEntry *entry = g_hash_table_lookup (self->cache, r->url);

      if (entry != NULL && r->call->conditional)
        {
          g_bytes_unref (r->body);
          r->body = g_bytes_ref (entry->body);
          r->info.from_cache = TRUE;
          if (r->info.poll_interval == 0)
            r->info.poll_interval = entry->poll_interval;
          parse_body (g_steal_pointer (&task));
          return;
        }
    }

  if (status >= 300 && status < 400 && status != 304)
    {
      if (follow_redirect (task, status))
        (void)g_steal_pointer (&task);
      else
        g_task_return_error (task, ds_http_error_redirect (r->call->service, r->endpoint));
      return;
    }

  if (!SOUP_STATUS_IS_SUCCESSFUL (status) &&
      !(r->call->oauth && (status == 400 || status == 401)))
    {
      g_task_return_error (task, ds_http_error_status (r->call->service,
                                                       again_of (task), r->endpoint, status,
                                                       soup_message_get_reason_phrase (r->msg),
                                                       r->body, r->authed));
      return;
    }

  state->failures = 0;
  if (r->call->conditional && g_strcmp0 (r->call->method, "GET") == 0)
    remember (self, r);
  parse_body (g_steal_pointer (&task));
}

static void
handle_json (GTask    *task_in,
             JsonNode *root)
{
  g_autoptr(GTask) task = task_in;
  DsHttp *self = g_task_get_source_object (task);
  DsHttpRequest *r = g_task_get_task_data (task);
  const DsHttpService *service = ds_http_service (r->call->service);
  DsJsonScope scope = scope_of (r);
  GError *error = NULL;
  DsHttpCall *next;

  switch (service->check_body != NULL ? service->check_body (root, &scope, &error)
                                      : DS_HTTP_BODY_OK)
    {
    case DS_HTTP_BODY_OK:
      break;
    case DS_HTTP_BODY_REFUSED:
      g_task_return_error (task, error);
      return;
    case DS_HTTP_BODY_RATE_LIMITED:
      {
        DsHttpServiceState *state = &self->services[r->call->service];

        state->backoff_until = ds_http_backoff_after (&state->failures);
        g_task_return_error (task, ds_http_error_rate_limited (r->call->service, again_of (task),
                                                               r->endpoint,
                                                               state->backoff_until));
        return;
      }
    }

  if (r->page == NULL)
    {
      gpointer result = r->parse (root, &scope, &error);

      if (result == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
      g_task_return_pointer (task, result, r->free_result);
      return;
    }

  if (!r->page (root, r->items, &scope, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  r->pages++;

  next = r->pages < r->max_pages && service->next_page != NULL
    ? service->next_page (r->call, r->url, soup_message_get_response_headers (r->msg), root,
                          &scope)
    : NULL;
  if (next == NULL)
    {
      g_task_return_pointer (task, g_ptr_array_ref (r->items),
                             (GDestroyNotify)g_ptr_array_unref);
      return;
    }
  ds_http_call_free (r->call);
  r->call = next;
  r->redirects = 0;
  ds_http_exchange_start (g_steal_pointer (&task));
}

static void
parse_in_thread (GTask        *subtask,
                 gpointer      source,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  GBytes *body = task_data;
  GError *error = NULL;
  JsonNode *root = ds_json_parse (g_bytes_get_data (body, NULL), g_bytes_get_size (body),
                                  G_MAXSIZE, NULL, &error);

  if (root == NULL)
    g_task_return_error (subtask, error);
  else
    g_task_return_pointer (subtask, root, (GDestroyNotify)json_node_unref);
}

static void
on_parsed_in_thread (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DsHttpRequest *r = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = g_task_propagate_pointer (G_TASK (result), &error);

  if (root == NULL)
    {
      g_task_return_error (task, ds_http_error_malformed (r->call->service,
                                                          again_of (task), r->endpoint,
                                                          error));
      return;
    }
  handle_json (g_steal_pointer (&task), root);
}

/* The body through the JSON gate and the parser (ds_json_parse()); a large
 * one in a thread. The size was capped as the body was read. An empty body
 * (204 No Content and the like) or only blanks is a null node. */
static void
parse_body (GTask *task_in)
{
  g_autoptr(GTask) task = task_in;
  DsHttpRequest *r = g_task_get_task_data (task);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  gsize size = g_bytes_get_size (r->body);

  if (size > PARSE_IN_THREAD_ABOVE)
    {
      GCancellable *cancellable = g_task_get_cancellable (task);
      g_autoptr(GTask) subtask = g_task_new (NULL, cancellable, on_parsed_in_thread,
                                             g_steal_pointer (&task));

      g_task_set_task_data (subtask, g_bytes_ref (r->body), (GDestroyNotify)g_bytes_unref);
      g_task_run_in_thread (subtask, parse_in_thread);
      return;
    }

  root = ds_json_parse (g_bytes_get_data (r->body, NULL), size, G_MAXSIZE, NULL, &error);
  if (root == NULL)
    {
      g_task_return_error (task, ds_http_error_malformed (r->call->service,
                                                          again_of (task), r->endpoint,
                                                          error));
      return;
    }
  handle_json (g_steal_pointer (&task), root);
}
