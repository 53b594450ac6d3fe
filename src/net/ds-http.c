/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-http"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ds-error.h"
#include "ds-http-private.h"
#include "ds-text.h"

/* One SoupSession for every service Dayshift talks to, and everything that
 * makes talking to other people's APIs safe:
 *
 *  - each service's token goes in its own header, never in a URL or a log;
 *  - only https:// base URLs (http:// on loopback, for tests), TLS errors
 *    are errors, and redirects to another host are refused;
 *  - conditional GETs (If-None-Match / If-Modified-Since) with the last
 *    answer cached, so that an unchanged poll costs nothing;
 *  - each service's rate-limit headers set a back-off for that service
 *    only, an hour at most whatever they say (ds-http-limits.c); while it
 *    lasts its calls fail at once with the time it ends;
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
cache_entry_free (DsHttpCacheEntry *entry)
{
  g_free (entry->etag);
  g_free (entry->last_modified);
  g_clear_pointer (&entry->body, g_bytes_unref);
  g_free (entry);
}

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
    self->services[i].base_url = g_strdup (ds_service_info (i)->default_url);
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

/**
 * ds_http_set_one_off:
 * @one_off: %TRUE when nothing will repeat this client's calls (Settings'
 *   Test): its errors then do not say that Dayshift will try again
 */
void
ds_http_set_one_off (DsHttp   *self,
                     gboolean  one_off)
{
  g_return_if_fail (DS_IS_HTTP (self));
  self->one_off = one_off;
}

guint
ds_http_deadline_of (DsHttp *self)
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
      (g_ascii_strcasecmp (scheme, "http") == 0 && ds_text_host_is_loopback (g_uri_get_host (uri))))
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

/**
 * ds_http_set_token:
 * @token: (nullable): the token sent to @service from now on; %NULL: none
 *
 * What the service answered before (the conditional cache, a wait it asked
 * for) is kept.
 *
 * Returns: whether the token changed
 */
gboolean
ds_http_set_token (DsHttp     *self,
                   DsService   service,
                   const char *token)
{
  g_return_val_if_fail (DS_IS_HTTP (self), FALSE);
  g_return_val_if_fail (service < DS_N_SERVICES, FALSE);

  if (g_strcmp0 (self->services[service].token, token) == 0)
    return FALSE;
  wipe_free (self->services[service].token);
  self->services[service].token = g_strdup (token);
  return TRUE;
}

gboolean
ds_http_has_token (DsHttp    *self,
                   DsService  service)
{
  g_return_val_if_fail (DS_IS_HTTP (self), FALSE);
  g_return_val_if_fail (service < DS_N_SERVICES, FALSE);
  return self->services[service].token != NULL;
}

/* Slack's app-level token, for Socket Mode (%NULL: none). Returns whether
 * it changed. */
gboolean
ds_http_set_slack_app_token (DsHttp     *self,
                             const char *token)
{
  g_return_val_if_fail (DS_IS_HTTP (self), FALSE);

  if (g_strcmp0 (self->slack_app_token, token) == 0)
    return FALSE;
  wipe_free (self->slack_app_token);
  self->slack_app_token = g_strdup (token);
  return TRUE;
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

/* -- the caller's side: a deadline, and cancelling that ends at once ----- */

struct _DsHttpGuard
{
  GTask          *outer;         /* the caller's task, until it has returned */
  GCancellable   *cancellable;   /* the exchange's own */
  GSource        *watch;         /* fires when the caller cancels */
  guint           deadline;
  GDestroyNotify  free_result;
  DsHttpRequest  *request;       /* while the exchange runs */
  gboolean        exchange_done;
};

/* No more deadline, no more watching the caller's cancellable. */
static void
guard_disarm (DsHttpGuard *g)
{
  g_clear_handle_id (&g->deadline, g_source_remove);
  if (g->watch != NULL)
    {
      g_source_destroy (g->watch);
      g_clear_pointer (&g->watch, g_source_unref);
    }
}

static void
guard_free (DsHttpGuard *g)
{
  guard_disarm (g);
  g_clear_object (&g->cancellable);
  g_free (g);
}

/* Ends the caller's task with @error (taken) unless it has ended. */
static void
guard_return_error (DsHttpGuard *g,
                    GError      *error)
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
guard_abandon (DsHttpGuard *g,
               GError      *error)
{
  g_autoptr(GCancellable) cancellable = g_object_ref (g->cancellable);

  guard_return_error (g, error);
  g_cancellable_cancel (cancellable);
}

static gboolean
on_deadline (gpointer user_data)
{
  DsHttpGuard *g = user_data;
  DsHttp *self = g->outer != NULL ? g_task_get_source_object (g->outer) : NULL;
  DsHttpRequest *r = g->request;
  GError *error;

  g->deadline = 0;
  error = ds_http_error_deadline (r->call->service, self == NULL || !self->one_off,
                                  r->endpoint != NULL ? r->endpoint : r->call->method,
                                  self != NULL ? ds_http_deadline_of (self) : 0);
  g_message ("%s", error->message);
  guard_abandon (g, error);
  return G_SOURCE_REMOVE;
}

static gboolean
on_caller_cancelled (GCancellable *cancellable,
                     gpointer      user_data)
{
  DsHttpGuard *g = user_data;

  guard_abandon (g, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                         "Operation was cancelled"));
  return G_SOURCE_REMOVE;
}

/* (Re)starts the deadline: each page of a listing has its own. */
void
ds_http_guard_arm (DsHttp      *self,
                   DsHttpGuard *g)
{
  if (g->outer == NULL)
    return;
  g_clear_handle_id (&g->deadline, g_source_remove);
  g->deadline = g_timeout_add_seconds (ds_http_deadline_of (self), on_deadline, g);
}

/* The exchange ended (for the last time: no more callbacks). */
static void
on_exchange_done (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  DsHttpGuard *g = user_data;
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
/* The task of one fetch, with its request; start it with
 * ds_http_exchange_start(). The caller holds another task, which the guard
 * ends: with the exchange's result, or at the deadline, or at once when the
 * caller cancels. */
static GTask *
new_request (DsHttp              *self,
             DsHttpCall          *call,
             GDestroyNotify       free_result,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data,
             gpointer             source_tag,
             DsHttpRequest      **out)
{
  GTask *outer = g_task_new (self, cancellable, callback, user_data);
  DsHttpGuard *g = g_new0 (DsHttpGuard, 1);
  GTask *task;
  DsHttpRequest *r = g_new0 (DsHttpRequest, 1);

  if (call->source_tag != NULL)
    source_tag = call->source_tag;
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
  g_task_set_task_data (task, r, (GDestroyNotify)ds_http_request_free);
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
  DsHttpRequest *r;

  g_return_if_fail (DS_IS_HTTP (self));
  g_return_if_fail (call != NULL && parse != NULL);

  task = new_request (self, call, free_result, cancellable, callback, user_data,
                      ds_http_fetch_async, &r);
  r->parse = parse;
  r->free_result = free_result;
  ds_http_exchange_start (task);
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
  DsHttpRequest *r;

  g_return_if_fail (DS_IS_HTTP (self));
  g_return_if_fail (call != NULL && page != NULL);

  task = new_request (self, call, (GDestroyNotify)g_ptr_array_unref, cancellable, callback,
                      user_data, ds_http_fetch_pages_async, &r);
  r->page = page;
  r->items = g_ptr_array_new_with_free_func (free_item);
  r->max_pages = MIN (max_pages > 0 ? max_pages : DS_HTTP_DEFAULT_MAX_PAGES, self->max_pages);
  ds_http_exchange_start (task);
}

GPtrArray *
ds_http_fetch_pages_finish (DsHttp        *self,
                            GAsyncResult  *result,
                            DsHttpInfo    *info,
                            GError       **error)
{
  return ds_http_fetch_finish (self, result, info, error);
}
