/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-http"

#include "config.h"

#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <glib/gi18n-lib.h>

#include "ds-error.h"
#include "ds-http-private.h"
#include "ds-json-guard.h"

/* One SoupSession for every service Dayshift talks to, and everything that
 * makes talking to other people's APIs safe:
 *
 *  - each service's token goes in its own header, never in a URL or a log;
 *  - only https:// base URLs (http:// on loopback, for tests), TLS errors
 *    are errors, and redirects to another host are refused;
 *  - conditional GETs (If-None-Match / If-Modified-Since) with the last
 *    answer cached, so that an unchanged poll costs nothing;
 *  - each service's rate-limit headers set a back-off for that service
 *    only; while it lasts its calls fail at once with the time it ends;
 *  - every answer is capped in size and nesting depth, parsed (in a thread
 *    when large), and every error names the service and the endpoint, and
 *    says what to do;
 *  - every request ends: an exchange that has not ended by its deadline
 *    (three times the timeout, renewed for each page) is abandoned with a
 *    timeout error, and cancelling ends it at once, whatever the socket
 *    underneath does.
 *
 * libsoup 3.2 loses a request queued on a pooled connection in the very
 * main-loop turn that the connection's idle timeout closes it: neither the
 * I/O timeout nor the cancellable ends it (a poll every 60 s against an
 * idle-timeout of 60 s hit it within hours). Dayshift never closes idle
 * connections itself (servers do, which libsoup handles), and the deadline
 * above ends whatever else may hang. */

#define PARSE_IN_THREAD_ABOVE (256 * 1024)
#define MAX_REDIRECTS 3

typedef struct
{
  char   *etag;
  char   *last_modified;
  GBytes *body;
  guint   poll_interval;
} CacheEntry;

typedef struct
{
  char   *base_url;
  char   *token;
  gboolean conditional;    /* every GET conditional */
  gint64  backoff_until;   /* monotonic-free: Unix seconds */
  guint   failures;        /* consecutive rate-limit answers without a reset time */
} ServiceState;

struct _DsHttp
{
  GObject       parent_instance;

  SoupSession  *session;
  ServiceState  services[DS_N_SERVICES];
  char         *slack_app_token;
  char         *pagerduty_from;
  GHashTable   *cache;     /* URL -> CacheEntry */
  gsize         max_body;
  guint         max_pages;
  guint         timeout;
  guint         deadline;  /* seconds; 0: three times the timeout */
};

G_DEFINE_FINAL_TYPE (DsHttp, ds_http, G_TYPE_OBJECT)

static void
wipe_free (char *secret)
{
  if (secret != NULL)
    {
      memset (secret, 0, strlen (secret));
      g_free (secret);
    }
}

static void
cache_entry_free (CacheEntry *entry)
{
  g_free (entry->etag);
  g_free (entry->last_modified);
  g_clear_pointer (&entry->body, g_bytes_unref);
  g_free (entry);
}


static const char * const default_base_urls[DS_N_SERVICES] = {
  [DS_SERVICE_GITHUB] = "https://api.github.com",
  [DS_SERVICE_SLACK] = "https://slack.com/api",
  [DS_SERVICE_PAGERDUTY] = "https://api.pagerduty.com",
  [DS_SERVICE_ZENHUB] = "https://api.zenhub.com",
};

static void
ds_http_finalize (GObject *object)
{
  DsHttp *self = (DsHttp *)object;

  for (guint i = 0; i < DS_N_SERVICES; i++)
    {
      g_free (self->services[i].base_url);
      wipe_free (self->services[i].token);
    }
  wipe_free (self->slack_app_token);
  g_free (self->pagerduty_from);
  g_clear_pointer (&self->cache, g_hash_table_unref);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (ds_http_parent_class)->finalize (object);
}

static void
ds_http_class_init (DsHttpClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ds_http_finalize;
}

static void
ds_http_init (DsHttp *self)
{
  self->timeout = DS_HTTP_DEFAULT_TIMEOUT;
  self->max_body = DS_HTTP_DEFAULT_MAX_BODY;
  self->max_pages = DS_HTTP_DEFAULT_MAX_PAGES;
  self->session = soup_session_new_with_options ("user-agent", "Dayshift/" PACKAGE_VERSION,
                                                 "timeout", self->timeout,
                                                 "idle-timeout", 0,
                                                 NULL);
  self->cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify)cache_entry_free);
  for (guint i = 0; i < DS_N_SERVICES; i++)
    self->services[i].base_url = g_strdup (default_base_urls[i]);
}

DsHttp *
ds_http_new (void)
{
  return g_object_new (DS_TYPE_HTTP, NULL);
}

/**
 * ds_http_get_session:
 *
 * Returns: (transfer none): the one session, for WebSocket connections
 */
SoupSession *
ds_http_get_session (DsHttp *self)
{
  g_return_val_if_fail (DS_IS_HTTP (self), NULL);
  return self->session;
}

/**
 * ds_http_set_timeout:
 * @seconds: how long a request may wait for the server to say anything
 */
void
ds_http_set_timeout (DsHttp *self,
                     guint   seconds)
{
  g_return_if_fail (DS_IS_HTTP (self));
  g_return_if_fail (seconds > 0);

  self->timeout = seconds;
  g_object_set (self->session, "timeout", seconds, NULL);
}

/**
 * ds_http_set_deadline:
 * @seconds: how long one exchange may last in all before it is abandoned,
 *   or 0 for three times the timeout
 */
void
ds_http_set_deadline (DsHttp *self,
                      guint   seconds)
{
  g_return_if_fail (DS_IS_HTTP (self));
  self->deadline = seconds;
}

static guint
deadline_of (DsHttp *self)
{
  return self->deadline > 0 ? self->deadline : 3 * self->timeout;
}

void
ds_http_set_max_body (DsHttp *self,
                      gsize   bytes)
{
  g_return_if_fail (DS_IS_HTTP (self));
  g_return_if_fail (bytes > 0);
  self->max_body = bytes;
}

/* Makes every GET to @service conditional (GitHub: a 304 is free). */
void
ds_http_set_conditional (DsHttp    *self,
                         DsService  service,
                         gboolean   conditional)
{
  g_return_if_fail (DS_IS_HTTP (self));
  g_return_if_fail (service < DS_N_SERVICES);
  self->services[service].conditional = conditional;
}

/* The most pages any listing follows. */
void
ds_http_set_max_pages (DsHttp *self,
                       guint   pages)
{
  g_return_if_fail (DS_IS_HTTP (self));
  g_return_if_fail (pages > 0);
  self->max_pages = pages;
}

static gboolean
host_is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (host == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;
  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

/**
 * ds_http_check_url:
 *
 * Refuses any URL that is not https://, except http:// on this computer.
 */
gboolean
ds_http_check_url (DsService    service,
                   const char  *url,
                   GError     **error)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  const char *scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;

  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_set_error (error, DS_ERROR, DS_ERROR_INSECURE_URL,
                   _("The %s address “%s” is not a web address. Correct it in the team "
                     "profile."), ds_service_label (service), url);
      return FALSE;
    }
  if (g_ascii_strcasecmp (scheme, "https") == 0 ||
      (g_ascii_strcasecmp (scheme, "http") == 0 && host_is_loopback (g_uri_get_host (uri))))
    return TRUE;

  g_set_error (error, DS_ERROR, DS_ERROR_INSECURE_URL,
               _("The %s address “%s” is not secure: Dayshift only sends tokens to https:// "
                 "addresses. Correct it in the team profile."),
               ds_service_label (service), url);
  return FALSE;
}

/**
 * ds_http_set_base_url:
 * @url: e.g. "https://github.example.com/api/v3" for GitHub Enterprise
 *
 * Returns: %FALSE, keeping the previous base URL, if @url is refused
 */
gboolean
ds_http_set_base_url (DsHttp      *self,
                      DsService    service,
                      const char  *url,
                      GError     **error)
{
  g_autofree char *trimmed = NULL;

  g_return_val_if_fail (DS_IS_HTTP (self), FALSE);
  g_return_val_if_fail (service < DS_N_SERVICES, FALSE);
  g_return_val_if_fail (url != NULL, FALSE);

  if (!ds_http_check_url (service, url, error))
    return FALSE;

  trimmed = g_strdup (url);
  while (g_str_has_suffix (trimmed, "/"))
    trimmed[strlen (trimmed) - 1] = '\0';
  g_free (self->services[service].base_url);
  self->services[service].base_url = g_steal_pointer (&trimmed);
  return TRUE;
}

const char *
ds_http_get_base_url (DsHttp    *self,
                      DsService  service)
{
  g_return_val_if_fail (DS_IS_HTTP (self), NULL);
  g_return_val_if_fail (service < DS_N_SERVICES, NULL);
  return self->services[service].base_url;
}

void
ds_http_set_token (DsHttp     *self,
                   DsService   service,
                   const char *token)
{
  g_return_if_fail (DS_IS_HTTP (self));
  g_return_if_fail (service < DS_N_SERVICES);

  wipe_free (self->services[service].token);
  self->services[service].token = g_strdup (token);
}

gboolean
ds_http_has_token (DsHttp    *self,
                   DsService  service)
{
  g_return_val_if_fail (DS_IS_HTTP (self), FALSE);
  g_return_val_if_fail (service < DS_N_SERVICES, FALSE);
  return self->services[service].token != NULL;
}

void
ds_http_set_slack_app_token (DsHttp     *self,
                             const char *token)
{
  g_return_if_fail (DS_IS_HTTP (self));

  wipe_free (self->slack_app_token);
  self->slack_app_token = g_strdup (token);
}

/* PagerDuty wants to know who makes each change. */
void
ds_http_set_pagerduty_from (DsHttp     *self,
                            const char *email)
{
  g_return_if_fail (DS_IS_HTTP (self));

  g_free (self->pagerduty_from);
  self->pagerduty_from = g_strdup (email);
}

/**
 * ds_http_get_backoff_until:
 *
 * Returns: the Unix time until which calls to @service are held back, or 0
 */
gint64
ds_http_get_backoff_until (DsHttp    *self,
                           DsService  service)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  g_return_val_if_fail (DS_IS_HTTP (self), 0);
  g_return_val_if_fail (service < DS_N_SERVICES, 0);

  return self->services[service].backoff_until > now ? self->services[service].backoff_until : 0;
}

/* -- one exchange ---------------------------------------------------------- */

typedef struct _Guard Guard;

typedef struct
{
  Guard           *guard;      /* the caller's side of the exchange */
  DsHttpCall      *call;       /* the page being fetched */
  DsHttpParseFunc  parse;
  GDestroyNotify   free_result;
  DsHttpPageFunc   page;
  GPtrArray       *items;
  guint            max_pages;
  guint            pages;

  char            *url;
  char            *endpoint;   /* "GET /path", no query */
  SoupMessage     *msg;
  GInputStream    *stream;
  GByteArray      *buf;
  GBytes          *body;
  guint            redirects;
  gboolean         authed;     /* a token went with the request */
  DsHttpInfo       info;
} Request;

#define TRIM_AFTER (1 << 20)

#ifdef __GLIBC__
static gboolean
give_memory_back (gpointer user_data)
{
  malloc_trim (0);
  return G_SOURCE_REMOVE;
}
#endif

static void
request_free (Request *r)
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

static void start_exchange (GTask *task);

/* -- the caller's side: a deadline, and cancelling that ends at once ----- */

struct _Guard
{
  GTask          *outer;         /* the caller's task, until it has returned */
  GCancellable   *cancellable;   /* the exchange's own */
  GSource        *watch;         /* fires when the caller cancels */
  guint           deadline;
  GDestroyNotify  free_result;
  Request        *request;       /* while the exchange runs */
  gboolean        exchange_done;
};

/* No more deadline, no more watching the caller's cancellable. */
static void
guard_disarm (Guard *g)
{
  g_clear_handle_id (&g->deadline, g_source_remove);
  if (g->watch != NULL)
    {
      g_source_destroy (g->watch);
      g_clear_pointer (&g->watch, g_source_unref);
    }
}

static void
guard_free (Guard *g)
{
  guard_disarm (g);
  g_clear_object (&g->cancellable);
  g_free (g);
}

/* Ends the caller's task with @error (taken) unless it has ended. */
static void
guard_return_error (Guard  *g,
                    GError *error)
{
  GTask *outer = g_steal_pointer (&g->outer);

  guard_disarm (g);
  if (outer == NULL)
    {
      g_error_free (error);
      return;
    }
  g_task_return_error (outer, error);
  g_object_unref (outer);
}

/* Gives up on the exchange: the caller hears @error now, and the exchange
 * is cancelled; if it ever ends, its answer is dropped. */
static void
guard_abandon (Guard  *g,
               GError *error)
{
  g_autoptr(GCancellable) cancellable = g_object_ref (g->cancellable);

  guard_return_error (g, error);
  g_cancellable_cancel (cancellable);
}

static gboolean
on_deadline (gpointer user_data)
{
  Guard *g = user_data;
  DsHttp *self = g->outer != NULL ? g_task_get_source_object (g->outer) : NULL;
  Request *r = g->request;
  GError *error;

  g->deadline = 0;
  error = g_error_new (DS_ERROR, DS_ERROR_TIMED_OUT,
                       _("%s did not finish answering %s within %u seconds; Dayshift stopped "
                         "waiting and will try again."),
                       ds_service_label (r->call->service),
                       r->endpoint != NULL ? r->endpoint : r->call->method,
                       self != NULL ? deadline_of (self) : 0);
  g_message ("%s", error->message);
  guard_abandon (g, error);
  return G_SOURCE_REMOVE;
}

static gboolean
on_caller_cancelled (GCancellable *cancellable,
                     gpointer      user_data)
{
  Guard *g = user_data;

  guard_abandon (g, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                         "Operation was cancelled"));
  return G_SOURCE_REMOVE;
}

/* (Re)starts the deadline: each page of a listing has its own. */
static void
guard_arm (DsHttp *self,
           Guard  *g)
{
  if (g->outer == NULL)
    return;
  g_clear_handle_id (&g->deadline, g_source_remove);
  g->deadline = g_timeout_add_seconds (deadline_of (self), on_deadline, g);
}

/* The exchange ended (for the last time: no more callbacks). */
static void
on_exchange_done (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Guard *g = user_data;
  GError *error = NULL;
  gpointer value;

  g->exchange_done = TRUE;
  if (g->outer != NULL)
    {
      DsHttpInfo *info = g_task_get_task_data (g->outer);
      *info = g->request->info;
    }
  g->request = NULL;
  value = g_task_propagate_pointer (G_TASK (result), &error);
  if (value == NULL)
    guard_return_error (g, error != NULL ? error
                                         : g_error_new_literal (DS_ERROR, DS_ERROR_BAD_RESPONSE,
                                                                "no result"));
  else if (g->outer == NULL)
    {
      /* Given up on already: the answer goes nowhere. */
      if (g->free_result != NULL)
        g->free_result (value);
    }
  else
    {
      GTask *outer = g_steal_pointer (&g->outer);

      guard_disarm (g);
      g_task_return_pointer (outer, value, g->free_result);
      g_object_unref (outer);
    }
  guard_free (g);
}

static DsJsonScope
scope_of (Request *r)
{
  DsJsonScope scope = { ds_service_label (r->call->service), r->endpoint };
  return scope;
}

static char *
format_until (gint64 until)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (until);
  return g_date_time_format (dt, "%H:%M");
}

static void
return_rate_limited (GTask  *task,
                     gint64  until)
{
  Request *r = g_task_get_task_data (task);
  g_autofree char *when = format_until (until);

  g_task_return_new_error (task, DS_ERROR, DS_ERROR_RATE_LIMITED,
                           _("%s is rate limited until %s; Dayshift will try again then (%s)."),
                           ds_service_label (r->call->service), when, r->endpoint);
}

/* Resolves the call's path against the service's base URL. An absolute URL
 * (a next-page link) must point at the same server. */
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
          g_set_error (error, DS_ERROR, DS_ERROR_BAD_RESPONSE,
                       _("%s pointed Dayshift to another server (%s); Dayshift does not send "
                         "its token there."), ds_service_label (call->service),
                       p != NULL && g_uri_get_host (p) != NULL ? g_uri_get_host (p) : "?");
          return NULL;
        }
      return g_strdup (path);
    }
  return g_strconcat (base, path, NULL);
}

static char *
endpoint_of (const char *method,
             const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);

  return g_strdup_printf ("%s %s", method, uri != NULL ? g_uri_get_path (uri) : "?");
}

static gboolean
set_auth_headers (DsHttp             *self,
                  DsHttpCall         *call,
                  SoupMessageHeaders *headers)
{
  const char *token = call->app_token ? self->slack_app_token
                                      : self->services[call->service].token;
  g_autofree char *value = NULL;

  switch (call->service)
    {
    case DS_SERVICE_GITHUB:
      soup_message_headers_replace (headers, "Accept", "application/vnd.github+json");
      soup_message_headers_replace (headers, "X-GitHub-Api-Version", "2022-11-28");
      if (token != NULL)
        value = g_strconcat ("Bearer ", token, NULL);
      break;
    case DS_SERVICE_SLACK:
      soup_message_headers_replace (headers, "Accept", "application/json");
      if (token != NULL)
        value = g_strconcat ("Bearer ", token, NULL);
      break;
    case DS_SERVICE_PAGERDUTY:
      soup_message_headers_replace (headers, "Accept", "application/vnd.pagerduty+json;version=2");
      if (token != NULL)
        value = g_strconcat ("Token token=", token, NULL);
      if (g_strcmp0 (call->method, "GET") != 0 && self->pagerduty_from != NULL)
        soup_message_headers_replace (headers, "From", self->pagerduty_from);
      break;
    case DS_SERVICE_ZENHUB:
      soup_message_headers_replace (headers, "Accept", "application/json");
      if (token != NULL && call->bearer)
        value = g_strconcat ("Bearer ", token, NULL);
      else if (token != NULL)
        soup_message_headers_replace (headers, "X-Authentication-Token", token);
      break;
    default:
      g_assert_not_reached ();
    }

  if (value != NULL)
    {
      soup_message_headers_replace (headers, "Authorization", value);
      memset (value, 0, strlen (value));
    }
  return token != NULL;
}

static void on_sent (GObject *source, GAsyncResult *result, gpointer user_data);

/* Sends the request's current call. Owns @task: every path ends in
 * exactly one return on it and drops the reference. */
static void
start_exchange (GTask *task)
{
  DsHttp *self = g_task_get_source_object (task);
  Request *r = g_task_get_task_data (task);
  ServiceState *state = &self->services[r->call->service];
  g_autoptr(GError) error = NULL;
  g_autoptr(GUri) uri = NULL;
  SoupMessageHeaders *headers;
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
      g_object_unref (task);
      return;
    }
  r->endpoint = endpoint_of (r->call->method, r->url);
  if (state->conditional)
    r->call->conditional = TRUE;

  /* Checked here too: a base URL may come from anywhere. */
  if (!ds_http_check_url (r->call->service, r->url, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  if (state->backoff_until > now)
    {
      return_rate_limited (task, state->backoff_until);
      g_object_unref (task);
      return;
    }

  uri = g_uri_parse (r->url, SOUP_HTTP_URI_FLAGS, &error);
  if (uri == NULL)
    {
      g_task_return_new_error (task, DS_ERROR, DS_ERROR_INVALID_ARGUMENT, "%s: %s",
                               r->endpoint, error->message);
      g_object_unref (task);
      return;
    }
  r->msg = soup_message_new_from_uri (r->call->method, uri);
  soup_message_set_flags (r->msg, SOUP_MESSAGE_NO_REDIRECT);
  headers = soup_message_get_request_headers (r->msg);
  r->authed = set_auth_headers (self, r->call, headers);

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
      CacheEntry *entry = g_hash_table_lookup (self->cache, r->url);

      if (entry != NULL && entry->etag != NULL)
        soup_message_headers_replace (headers, "If-None-Match", entry->etag);
      if (entry != NULL && entry->last_modified != NULL)
        soup_message_headers_replace (headers, "If-Modified-Since", entry->last_modified);
    }

  g_debug ("%s %s", r->call->method, r->endpoint + strlen (r->call->method) + 1);
  guard_arm (self, r->guard);
  soup_session_send_async (self->session, r->msg, G_PRIORITY_DEFAULT,
                           g_task_get_cancellable (task), on_sent, task);
}

static void
return_io_error (GTask  *task,
                 GError *error)
{
  DsHttp *self = g_task_get_source_object (task);
  Request *r = g_task_get_task_data (task);
  const char *service = ds_service_label (r->call->service);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_task_return_error (task, error);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    {
      g_task_return_new_error (task, DS_ERROR, DS_ERROR_TIMED_OUT,
                               _("%s did not answer %s within %u seconds. Dayshift will try "
                                 "again."), service, r->endpoint, self->timeout);
      g_error_free (error);
    }
  else if (error->domain == G_TLS_ERROR)
    {
      g_task_return_new_error (task, DS_ERROR, DS_ERROR_NETWORK,
                               _("The secure connection to %s failed (%s); nothing was sent. "
                                 "Check the address and the system's certificates."),
                               service, error->message);
      g_error_free (error);
    }
  else
    {
      g_task_return_new_error (task, DS_ERROR, DS_ERROR_NETWORK,
                               _("Dayshift could not reach %s (%s). Check your network "
                                 "connection; Dayshift will try again."), service,
                               error->message);
      g_error_free (error);
    }
}

static void on_read (GObject *source, GAsyncResult *result, gpointer user_data);
static void finish_body (GTask *task);

static void
read_more (GTask *task)
{
  Request *r = g_task_get_task_data (task);

  g_input_stream_read_bytes_async (r->stream, 64 * 1024, G_PRIORITY_DEFAULT,
                                   g_task_get_cancellable (task), on_read, task);
}

static void
return_too_large (GTask *task)
{
  DsHttp *self = g_task_get_source_object (task);
  Request *r = g_task_get_task_data (task);

  g_task_return_new_error (task, DS_ERROR, DS_ERROR_BAD_RESPONSE,
                           _("%s sent more than %u KiB for %s; Dayshift ignored the answer."),
                           ds_service_label (r->call->service), (guint)(self->max_body / 1024),
                           r->endpoint);
}

static void
on_sent (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  DsHttp *self = g_task_get_source_object (task);
  Request *r = g_task_get_task_data (task);
  GError *error = NULL;
  goffset length;

  r->stream = soup_session_send_finish (SOUP_SESSION (source), result, &error);
  if (r->stream == NULL)
    {
      return_io_error (task, error);
      g_object_unref (task);
      return;
    }

  length = soup_message_headers_get_content_length (soup_message_get_response_headers (r->msg));
  if (length > 0 && (gsize)length > self->max_body)
    {
      return_too_large (task);
      g_object_unref (task);
      return;
    }

  r->buf = g_byte_array_new ();
  read_more (task);
}

static void
on_read (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  DsHttp *self = g_task_get_source_object (task);
  Request *r = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(GBytes) chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result,
                                                              &error);

  if (chunk == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
          !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
        {
          g_task_return_new_error (task, DS_ERROR, DS_ERROR_BAD_RESPONSE,
                                   _("The answer from %s to %s was cut short (%s). Dayshift "
                                     "will try again."),
                                   ds_service_label (r->call->service), r->endpoint,
                                   error->message);
          g_error_free (error);
        }
      else
        return_io_error (task, error);
      g_object_unref (task);
      return;
    }

  if (g_bytes_get_size (chunk) == 0)
    {
      finish_body (task);
      return;
    }

  g_byte_array_append (r->buf, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));
  if (r->buf->len > self->max_body)
    {
      return_too_large (task);
      g_object_unref (task);
      return;
    }
  read_more (task);
}

/* The service's own words about an error, from a JSON body if there is one. */
static char *
service_message (Request *r)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *obj;
  JsonNode *node;

  if (r->body == NULL || g_bytes_get_size (r->body) == 0 ||
      ds_json_check_shape (g_bytes_get_data (r->body, NULL), g_bytes_get_size (r->body))
        != DS_JSON_SHAPE_OK ||
      !json_parser_load_from_data (parser, g_bytes_get_data (r->body, NULL),
                                   g_bytes_get_size (r->body), NULL))
    return NULL;
  node = json_parser_get_root (parser);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  obj = json_node_get_object (node);

  /* GitHub and ZenHub: "message"; Slack: "error"; PagerDuty: "error": {"message"}. */
  node = json_object_get_member (obj, "message");
  if (node == NULL)
    node = json_object_get_member (obj, "error");
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    node = json_object_get_member (json_node_get_object (node), "message");
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
      json_node_get_value_type (node) == G_TYPE_STRING)
    {
      /* Keep it short: it goes into a notification. */
      char *said = g_utf8_make_valid (json_node_get_string (node), -1);

      if (g_utf8_strlen (said, -1) > 200)
        *g_utf8_offset_to_pointer (said, 200) = '\0';
      return said;
    }
  return NULL;
}

static void
return_status_error (GTask *task,
                     guint  status)
{
  Request *r = g_task_get_task_data (task);
  const char *service = ds_service_label (r->call->service);
  g_autofree char *said = service_message (r);
  const char *reason = soup_message_get_reason_phrase (r->msg);
  g_autofree char *detail = said != NULL ? g_strdup_printf (": %s", said) : g_strdup ("");

  if (status == 401 && !r->authed)
    g_task_return_new_error (task, DS_ERROR, DS_ERROR_AUTH,
                             _("%s wants a token for %s (HTTP 401), and none is saved. Save "
                               "one in Dayshift's Settings."), service, r->endpoint);
  else if (status == 401)
    g_task_return_new_error (task, DS_ERROR, DS_ERROR_AUTH,
                             _("%s rejected the token (%s: HTTP 401%s). Save a new token in "
                               "Dayshift's Settings."), service, r->endpoint, detail);
  else if (status == 403)
    g_task_return_new_error (task, DS_ERROR, DS_ERROR_FORBIDDEN,
                             _("%s refused %s (HTTP 403%s). The token may lack a permission "
                               "this needs."), service, r->endpoint, detail);
  else if (status == 404)
    g_task_return_new_error (task, DS_ERROR, DS_ERROR_NOT_FOUND,
                             _("%s has nothing at %s (HTTP 404%s). Check the names in the team "
                               "profile and what the token may see."), service, r->endpoint,
                             detail);
  else if (status >= 500)
    g_task_return_new_error (task, DS_ERROR, DS_ERROR_SERVER,
                             _("%s had a problem answering %s (HTTP %u %s). Dayshift will try "
                               "again."), service, r->endpoint, status,
                             reason != NULL ? reason : "");
  else
    g_task_return_new_error (task, DS_ERROR, DS_ERROR_SERVICE,
                             _("%s refused %s (HTTP %u%s)."), service, r->endpoint, status,
                             detail);
}

/* Slack says what went wrong in the body, with HTTP 200. */
static gboolean
check_slack_ok (GTask    *task,
                JsonNode *root)
{
  DsHttp *self = g_task_get_source_object (task);
  Request *r = g_task_get_task_data (task);
  static const char * const auth_errors[] = {
    "invalid_auth", "not_authed", "token_revoked", "token_expired", "account_inactive", NULL
  };
  JsonObject *obj;
  JsonNode *ok;
  const char *err = "unknown_error";
  JsonNode *err_node;
  DsJsonScope scope = scope_of (r);
  GError *error = NULL;

  obj = ds_json_root_object (root, &scope, &error);
  if (obj == NULL)
    {
      g_task_return_error (task, error);
      return FALSE;
    }
  ok = json_object_get_member (obj, "ok");
  if (ok != NULL && JSON_NODE_HOLDS_VALUE (ok) &&
      json_node_get_value_type (ok) == G_TYPE_BOOLEAN && json_node_get_boolean (ok))
    return TRUE;

  err_node = json_object_get_member (obj, "error");
  if (err_node != NULL && JSON_NODE_HOLDS_VALUE (err_node) &&
      json_node_get_value_type (err_node) == G_TYPE_STRING)
    err = json_node_get_string (err_node);

  /* Asking twice for the same reaction is no failure. */
  if (g_strcmp0 (err, "already_reacted") == 0)
    return TRUE;

  if (g_strv_contains (auth_errors, err))
    g_task_return_new_error (task, DS_ERROR, DS_ERROR_AUTH,
                             _("Slack rejected the token (%s: %s). Save a new token in "
                               "Dayshift's Settings."), r->endpoint, err);
  else if (g_strcmp0 (err, "ratelimited") == 0)
    {
      ServiceState *state = &self->services[DS_SERVICE_SLACK];

      state->backoff_until = ds_http_backoff_after (&state->failures);
      return_rate_limited (task, state->backoff_until);
    }
  else if (g_strcmp0 (err, "not_in_channel") == 0 || g_strcmp0 (err, "channel_not_found") == 0)
    g_task_return_new_error (task, DS_ERROR, DS_ERROR_SERVICE,
                             _("Slack refused %s: %s. Invite Dayshift's Slack app (or the token's "
                               "user) to the channel."), r->endpoint, err);
  else if (g_strcmp0 (err, "missing_scope") == 0)
    g_task_return_new_error (task, DS_ERROR, DS_ERROR_FORBIDDEN,
                             _("Slack refused %s: missing_scope. The token needs another scope; "
                               "see the README."), r->endpoint);
  else
    g_task_return_new_error (task, DS_ERROR, DS_ERROR_SERVICE,
                             _("Slack refused %s: %s."), r->endpoint, err);
  return FALSE;
}

static void handle_json (GTask *task, JsonNode *root);

static void
parse_in_thread (GTask        *subtask,
                 gpointer      source,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  GBytes *body = task_data;
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  GError *error = NULL;

  if (!json_parser_load_from_data (parser, g_bytes_get_data (body, NULL),
                                   g_bytes_get_size (body), &error))
    g_task_return_error (subtask, error);
  else if (json_parser_get_root (parser) == NULL)
    g_task_return_pointer (subtask, json_node_new (JSON_NODE_NULL),
                           (GDestroyNotify)json_node_unref);
  else
    g_task_return_pointer (subtask, json_node_ref (json_parser_get_root (parser)),
                           (GDestroyNotify)json_node_unref);
}

static void
return_malformed (GTask        *task,
                  const GError *error)
{
  Request *r = g_task_get_task_data (task);

  g_task_return_new_error (task, DS_ERROR, DS_ERROR_BAD_RESPONSE,
                           _("%s sent an answer to %s that is not valid JSON (%s). Dayshift "
                             "will try again."), ds_service_label (r->call->service),
                           r->endpoint, error->message);
}

static void
on_parsed_in_thread (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(GError) error = NULL;
  JsonNode *root = g_task_propagate_pointer (G_TASK (result), &error);

  if (root == NULL)
    {
      return_malformed (task, error);
      g_object_unref (task);
      return;
    }
  handle_json (task, root);
  json_node_unref (root);
}

static void
parse_body (GTask *task)
{
  Request *r = g_task_get_task_data (task);
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) error = NULL;
  gsize size = g_bytes_get_size (r->body);

  if (size == 0)
    {
      /* 204 No Content and the like: nothing to parse. */
      g_autoptr(JsonNode) empty = json_node_new (JSON_NODE_NULL);
      handle_json (task, empty);
      return;
    }

  if (ds_json_check_shape (g_bytes_get_data (r->body, NULL), size) != DS_JSON_SHAPE_OK)
    {
      g_task_return_new_error (task, DS_ERROR, DS_ERROR_BAD_RESPONSE,
                               _("%s sent an answer to %s nested deeper than %u levels or with "
                                 "more than %u values; Dayshift ignored it and will try again."),
                               ds_service_label (r->call->service), r->endpoint,
                               DS_JSON_MAX_DEPTH, DS_JSON_MAX_NODES);
      g_object_unref (task);
      return;
    }

  if (size > PARSE_IN_THREAD_ABOVE)
    {
      GTask *subtask = g_task_new (NULL, g_task_get_cancellable (task), on_parsed_in_thread, task);

      g_task_set_task_data (subtask, g_bytes_ref (r->body), (GDestroyNotify)g_bytes_unref);
      g_task_run_in_thread (subtask, parse_in_thread);
      g_object_unref (subtask);
      return;
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, g_bytes_get_data (r->body, NULL), size, &error))
    {
      return_malformed (task, error);
      g_object_unref (task);
      return;
    }
  if (json_parser_get_root (parser) == NULL)
    {
      /* Only blanks: as good as no body. */
      g_autoptr(JsonNode) empty = json_node_new (JSON_NODE_NULL);
      handle_json (task, empty);
      return;
    }
  handle_json (task, json_parser_get_root (parser));
}

static void
remember (DsHttp  *self,
          Request *r)
{
  SoupMessageHeaders *h = soup_message_get_response_headers (r->msg);
  const char *etag = soup_message_headers_get_one (h, "ETag");
  const char *modified = soup_message_headers_get_one (h, "Last-Modified");
  CacheEntry *entry;

  if (etag == NULL && modified == NULL)
    return;
  entry = g_new0 (CacheEntry, 1);
  entry->etag = g_strdup (etag);
  entry->last_modified = g_strdup (modified);
  entry->body = g_bytes_ref (r->body);
  entry->poll_interval = r->info.poll_interval;
  g_hash_table_replace (self->cache, g_strdup (r->url), entry);
}

static gboolean
follow_redirect (GTask *task,
                 guint  status)
{
  Request *r = g_task_get_task_data (task);
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
  start_exchange (task);
  return TRUE;
}

static void
finish_body (GTask *task)
{
  DsHttp *self = g_task_get_source_object (task);
  Request *r = g_task_get_task_data (task);
  ServiceState *state = &self->services[r->call->service];
  guint status = soup_message_get_status (r->msg);
  const char *poll;
  gboolean limited;
  gint64 until;

  r->body = g_byte_array_free_to_bytes (g_steal_pointer (&r->buf));
  r->info.status = status;
  r->info.from_cache = FALSE;
  poll = soup_message_headers_get_one (soup_message_get_response_headers (r->msg),
                                       "X-Poll-Interval");
  r->info.poll_interval = poll != NULL ? (guint)g_ascii_strtoull (poll, NULL, 10) : 0;
  g_debug ("%s → %u (%" G_GSIZE_FORMAT " bytes)", r->endpoint, status,
           g_bytes_get_size (r->body));

  until = ds_http_rate_limit_until (r->call->service, status,
                                    soup_message_get_response_headers (r->msg), &state->failures,
                                    &limited);
  if (until > 0)
    state->backoff_until = until;
  if (limited)
    {
      return_rate_limited (task, until);
      g_object_unref (task);
      return;
    }

  if (status == 304)
    {
      CacheEntry *entry = g_hash_table_lookup (self->cache, r->url);

      if (entry != NULL && r->call->conditional)
        {
          g_bytes_unref (r->body);
          r->body = g_bytes_ref (entry->body);
          r->info.from_cache = TRUE;
          if (r->info.poll_interval == 0)
            r->info.poll_interval = entry->poll_interval;
          parse_body (task);
          return;
        }
    }

  if (status >= 300 && status < 400 && status != 304)
    {
      if (!follow_redirect (task, status))
        {
          g_task_return_new_error (task, DS_ERROR, DS_ERROR_BAD_RESPONSE,
                                   _("%s redirected %s somewhere Dayshift does not follow."),
                                   ds_service_label (r->call->service), r->endpoint);
          g_object_unref (task);
        }
      return;
    }

  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      /* Slack errors may come as 4xx too (as from mock servers); read the body. */
      if (r->call->service == DS_SERVICE_SLACK && status >= 400 && status < 500 && status != 401 &&
          service_message (r) != NULL)
        {
          g_autofree char *said = service_message (r);
          g_task_return_new_error (task, DS_ERROR, DS_ERROR_SERVICE,
                                   _("Slack refused %s (HTTP %u: %s)."), r->endpoint, status,
                                   said);
        }
      else
        return_status_error (task, status);
      g_object_unref (task);
      return;
    }

  state->failures = 0;
  if (r->call->conditional && g_strcmp0 (r->call->method, "GET") == 0)
    remember (self, r);
  parse_body (task);
}

/* A next-page link is only ever followed on the server the request went to:
 * a link naming another host is taken for its path and query alone, so the
 * token never travels elsewhere. */
static void
rebase_on_origin (Request    *r,
                  DsHttpCall *next)
{
  g_autoptr(GUri) current = g_uri_parse (r->url, G_URI_FLAGS_NONE, NULL);
  g_autoptr(GUri) link = g_uri_parse (next->path->str, G_URI_FLAGS_ENCODED, NULL);
  g_autoptr(GUri) rebased = NULL;
  g_autofree char *rebased_str = NULL;

  if (current == NULL || link == NULL ||
      (g_ascii_strcasecmp (g_uri_get_host (current), g_uri_get_host (link)) == 0 &&
       g_uri_get_port (current) == g_uri_get_port (link) &&
       g_ascii_strcasecmp (g_uri_get_scheme (current), g_uri_get_scheme (link)) == 0))
    return;
  rebased = g_uri_build (G_URI_FLAGS_ENCODED, g_uri_get_scheme (current), NULL,
                         g_uri_get_host (current), g_uri_get_port (current),
                         g_uri_get_path (link), g_uri_get_query (link), NULL);
  rebased_str = g_uri_to_string (rebased);
  g_debug ("Next page link names another server; asking %s instead", g_uri_get_host (current));
  g_string_assign (next->path, rebased_str);
}

/* Where the next page is, if there is one: a new call, or NULL. */
static DsHttpCall *
next_page (Request  *r,
           JsonNode *root)
{
  switch (r->call->service)
    {
    case DS_SERVICE_GITHUB:
      {
        const char *link = soup_message_headers_get_one (soup_message_get_response_headers (r->msg),
                                                         "Link");
        g_auto(GStrv) parts = link != NULL ? g_strsplit (link, ",", -1) : NULL;

        for (guint i = 0; parts != NULL && parts[i] != NULL; i++)
          {
            char *lt = strchr (parts[i], '<');
            char *gt = lt != NULL ? strchr (lt, '>') : NULL;

            if (gt != NULL && strstr (gt, "rel=\"next\"") != NULL)
              {
                DsHttpCall *next = ds_http_call_copy (r->call);
                g_autofree char *link_url = g_strndup (lt + 1, gt - lt - 1);

                g_string_assign (next->path, link_url);
                rebase_on_origin (r, next);
                return next;
              }
          }
        return NULL;
      }
    case DS_SERVICE_SLACK:
      {
        JsonObject *obj = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
        JsonNode *meta = obj ? json_object_get_member (obj, "response_metadata") : NULL;
        JsonNode *cursor = meta && JSON_NODE_HOLDS_OBJECT (meta)
          ? json_object_get_member (json_node_get_object (meta), "next_cursor") : NULL;

        if (cursor != NULL && JSON_NODE_HOLDS_VALUE (cursor) &&
            json_node_get_value_type (cursor) == G_TYPE_STRING &&
            *json_node_get_string (cursor) != '\0')
          {
            DsHttpCall *next = ds_http_call_copy (r->call);
            ds_http_call_set_query (next, "cursor", json_node_get_string (cursor));
            return next;
          }
        return NULL;
      }
    case DS_SERVICE_PAGERDUTY:
      {
        JsonObject *obj = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
        gboolean more = FALSE;
        gint64 offset = 0, limit = 0;
        DsJsonScope scope = scope_of (r);

        if (obj != NULL && ds_json_bool (obj, "more", FALSE, &more, &scope, NULL) && more &&
            ds_json_int (obj, "offset", FALSE, &offset, &scope, NULL) &&
            ds_json_int (obj, "limit", FALSE, &limit, &scope, NULL) && limit > 0)
          {
            DsHttpCall *next = ds_http_call_copy (r->call);
            g_autofree char *value = g_strdup_printf ("%" G_GINT64_FORMAT, offset + limit);
            ds_http_call_set_query (next, "offset", value);
            return next;
          }
        return NULL;
      }
    case DS_SERVICE_ZENHUB:
    default:
      return NULL;
    }
}

static void
handle_json (GTask    *task,
             JsonNode *root)
{
  Request *r = g_task_get_task_data (task);
  DsJsonScope scope = scope_of (r);
  GError *error = NULL;
  DsHttpCall *next;

  if (r->call->service == DS_SERVICE_SLACK && !check_slack_ok (task, root))
    {
      g_object_unref (task);
      return;
    }

  if (r->page == NULL)
    {
      gpointer result = r->parse (root, &scope, &error);

      if (result == NULL)
        g_task_return_error (task, error);
      else
        g_task_return_pointer (task, result, r->free_result);
      g_object_unref (task);
      return;
    }

  if (!r->page (root, r->items, &scope, &error))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  r->pages++;

  next = r->pages < r->max_pages ? next_page (r, root) : NULL;
  if (next == NULL)
    {
      g_task_return_pointer (task, g_ptr_array_ref (r->items), (GDestroyNotify)g_ptr_array_unref);
      g_object_unref (task);
      return;
    }
  ds_http_call_free (r->call);
  r->call = next;
  r->redirects = 0;
  start_exchange (task);
}

/**
 * ds_http_fetch_async:
 * @call: (transfer full): what to ask
 * @parse: turns the answer's JSON into a result; must set an error and
 *   return %NULL when the JSON is not what it expects
 * @free_result: frees the result
 *
 * Sends @call and parses the answer. Errors are %DS_ERROR codes whose
 * messages name the service and the endpoint.
 */
/* The task of one fetch, with its request; start it with start_exchange().
 * The caller holds another task, which the guard ends: with the exchange's
 * result, or at the deadline, or at once when the caller cancels. */
static GTask *
new_request (DsHttp              *self,
             DsHttpCall          *call,
             GDestroyNotify       free_result,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data,
             gpointer             source_tag,
             Request            **out)
{
  GTask *outer = g_task_new (self, cancellable, callback, user_data);
  Guard *g = g_new0 (Guard, 1);
  GTask *task;
  Request *r = g_new0 (Request, 1);

  g_task_set_source_tag (outer, source_tag);
  g_task_set_task_data (outer, g_new0 (DsHttpInfo, 1), g_free);
  g->outer = outer;
  g->cancellable = g_cancellable_new ();
  g->free_result = free_result;
  g->request = r;
  if (cancellable != NULL)
    {
      g->watch = g_cancellable_source_new (cancellable);
      g_source_set_callback (g->watch, G_SOURCE_FUNC (on_caller_cancelled), g, NULL);
      g_source_attach (g->watch, g_main_context_get_thread_default ());
    }

  task = g_task_new (self, g->cancellable, on_exchange_done, g);
  g_task_set_source_tag (task, source_tag);
  r->guard = g;
  r->call = call;
  g_task_set_task_data (task, r, (GDestroyNotify)request_free);
  *out = r;
  return task;
}

void
ds_http_fetch_async (DsHttp              *self,
                     DsHttpCall          *call,
                     DsHttpParseFunc      parse,
                     GDestroyNotify       free_result,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  GTask *task;
  Request *r;

  g_return_if_fail (DS_IS_HTTP (self));
  g_return_if_fail (call != NULL && parse != NULL);

  task = new_request (self, call, free_result, cancellable, callback, user_data,
                      ds_http_fetch_async, &r);
  r->parse = parse;
  r->free_result = free_result;
  start_exchange (task);
}

static void
copy_info (GTask      *task,
           DsHttpInfo *info)
{
  DsHttpInfo *known = g_task_get_task_data (task);

  if (info != NULL)
    *info = *known;
}

gpointer
ds_http_fetch_finish (DsHttp        *self,
                      GAsyncResult  *result,
                      DsHttpInfo    *info,
                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  copy_info (G_TASK (result), info);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * ds_http_fetch_pages_async:
 * @call: (transfer full): the first page
 * @page: adds a page's items to the array it is given
 * @max_pages: how many pages at most
 *
 * Follows the service's pagination (GitHub Link headers, Slack cursors,
 * PagerDuty offsets) and collects every page's items.
 */
void
ds_http_fetch_pages_async (DsHttp              *self,
                           DsHttpCall          *call,
                           DsHttpPageFunc       page,
                           GDestroyNotify       free_item,
                           guint                max_pages,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  GTask *task;
  Request *r;

  g_return_if_fail (DS_IS_HTTP (self));
  g_return_if_fail (call != NULL && page != NULL);

  task = new_request (self, call, (GDestroyNotify)g_ptr_array_unref, cancellable, callback,
                      user_data, ds_http_fetch_pages_async, &r);
  r->page = page;
  r->items = g_ptr_array_new_with_free_func (free_item);
  r->max_pages = MIN (max_pages > 0 ? max_pages : DS_HTTP_DEFAULT_MAX_PAGES, self->max_pages);
  start_exchange (task);
}

GPtrArray *
ds_http_fetch_pages_finish (DsHttp        *self,
                            GAsyncResult  *result,
                            DsHttpInfo    *info,
                            GError       **error)
{
  return ds_http_fetch_finish (self, result, info, error);
}
