/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "ds-json.h"
#include "ds-service.h"

G_BEGIN_DECLS


#define DS_HTTP_DEFAULT_TIMEOUT   30        /* seconds of silence before giving up */
#define DS_HTTP_DEFAULT_MAX_BODY  (4 << 20) /* bytes */
#define DS_HTTP_DEFAULT_MAX_PAGES 10
#define DS_HTTP_LONGEST_WAIT      (60 * 60) /* seconds: no service is left alone longer */

typedef struct _DsHttpCall DsHttpCall;

/**
 * DsHttpInfo:
 * @status: the HTTP status of the (last) answer
 * @from_cache: the server answered 304 and the cached answer was used
 * @poll_interval: what the server asked for between polls (X-Poll-Interval), or 0
 * @has_scopes: the answer said what its token may do (X-OAuth-Scopes, as
 *   GitHub says it for classic and OAuth tokens and Slack for every token)
 * @scopes: those scopes as the server listed them, comma-separated, whole;
 *   %NULL without @has_scopes. Interned (g_intern_string()): a service
 *   says the same list with every answer to one token, so a process holds
 *   few, and the struct is copied by value with nothing to free.
 */
typedef struct
{
  guint       status;
  gboolean    from_cache;
  guint       poll_interval;
  gboolean    has_scopes;
  const char *scopes;
} DsHttpInfo;

typedef gpointer (*DsHttpParseFunc) (JsonNode           *root,
                                     const DsJsonScope  *scope,
                                     GError            **error);
typedef gboolean (*DsHttpPageFunc)  (JsonNode           *root,
                                     GPtrArray          *items,
                                     const DsJsonScope  *scope,
                                     GError            **error);

#define DS_TYPE_HTTP (ds_http_get_type ())

G_DECLARE_FINAL_TYPE (DsHttp, ds_http, DS, HTTP, GObject)

DsHttp      *ds_http_new                (void) G_GNUC_WARN_UNUSED_RESULT;
SoupSession *ds_http_get_session        (DsHttp           *self);
void         ds_http_set_timeout        (DsHttp           *self,
                                         guint             seconds);
void         ds_http_set_deadline       (DsHttp           *self,
                                         guint             seconds);
void         ds_http_set_one_off        (DsHttp           *self,
                                         gboolean          one_off);
void         ds_http_set_max_body       (DsHttp           *self,
                                         gsize             bytes);
void         ds_http_set_max_pages      (DsHttp           *self,
                                         guint             pages);
void         ds_http_set_conditional    (DsHttp           *self,
                                         DsService         service,
                                         gboolean          conditional);
gboolean     ds_http_set_base_url       (DsHttp           *self,
                                         DsService         service,
                                         const char       *url,
                                         GError          **error);
const char  *ds_http_get_base_url       (DsHttp           *self,
                                         DsService         service);
gboolean     ds_http_set_token          (DsHttp           *self,
                                         DsService         service,
                                         const char       *token);
gboolean     ds_http_set_slack_app_token (DsHttp          *self,
                                          const char      *token);
void         ds_http_set_pagerduty_from (DsHttp           *self,
                                         const char       *email);
gint64       ds_http_get_backoff_until  (DsHttp           *self,
                                         DsService         service);
gboolean     ds_http_has_token          (DsHttp           *self,
                                         DsService         service);
gboolean     ds_http_check_url          (DsService         service,
                                         const char       *url,
                                         GError          **error);

DsHttpCall  *ds_http_call_new           (DsService         service,
                                         const char       *method,
                                         const char       *path);
DsHttpCall  *ds_http_call_newv          (DsService         service,
                                         const char       *method,
                                         const char       *format,
                                         ...) G_GNUC_PRINTF (3, 4);
void         ds_http_call_free          (DsHttpCall       *call);
void         ds_http_call_add_query     (DsHttpCall       *call,
                                         const char       *name,
                                         const char       *value);
void         ds_http_call_set_json      (DsHttpCall       *call,
                                         JsonNode         *body);
void         ds_http_call_add_form      (DsHttpCall       *call,
                                         const char       *name,
                                         const char       *value);
void         ds_http_call_set_conditional (DsHttpCall     *call,
                                           gboolean        conditional);
void         ds_http_call_set_bearer    (DsHttpCall       *call,
                                         gboolean          bearer);
void         ds_http_call_set_app_token (DsHttpCall       *call,
                                         gboolean          app_token);
void         ds_http_call_set_oauth     (DsHttpCall       *call,
                                         gboolean          oauth);
void         ds_http_call_set_source_tag (DsHttpCall      *call,
                                          gpointer         source_tag);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DsHttpCall, ds_http_call_free)

/* Defines NAME_finish() for the client call NAME_async(): the result's
 * source tag is checked and its value returned as TYPE. */
#define DS_HTTP_DEFINE_FINISH(NAME, TYPE)                                        \
  TYPE                                                                           \
  NAME##_finish (DsHttp        *http,                                            \
                 GAsyncResult  *result,                                          \
                 GError       **error)                                           \
  {                                                                              \
    g_return_val_if_fail (g_async_result_is_tagged (result, NAME##_async), NULL); \
    return ds_http_fetch_finish (http, result, NULL, error);                     \
  }

/* The same, with what the answer said about itself (DsHttpInfo). */
#define DS_HTTP_DEFINE_FINISH_WITH_INFO(NAME, TYPE)                              \
  TYPE                                                                           \
  NAME##_finish (DsHttp        *http,                                            \
                 GAsyncResult  *result,                                          \
                 DsHttpInfo    *info,                                            \
                 GError       **error)                                           \
  {                                                                              \
    g_return_val_if_fail (g_async_result_is_tagged (result, NAME##_async), NULL); \
    return ds_http_fetch_finish (http, result, info, error);                     \
  }

/* For a call whose answer only says it worked. */
#define DS_HTTP_DEFINE_FINISH_BOOLEAN(NAME)                                      \
  gboolean                                                                       \
  NAME##_finish (DsHttp        *http,                                            \
                 GAsyncResult  *result,                                          \
                 GError       **error)                                           \
  {                                                                              \
    g_return_val_if_fail (g_async_result_is_tagged (result, NAME##_async), FALSE); \
    return ds_http_fetch_finish (http, result, NULL, error) != NULL;             \
  }

void         ds_http_fetch_async        (DsHttp           *self,
                                         DsHttpCall       *call,
                                         DsHttpParseFunc   parse,
                                         GDestroyNotify    free_result,
                                         GCancellable     *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer          user_data);
gpointer     ds_http_fetch_finish       (DsHttp           *self,
                                         GAsyncResult     *result,
                                         DsHttpInfo       *info,
                                         GError          **error);
void         ds_http_fetch_pages_async  (DsHttp           *self,
                                         DsHttpCall       *call,
                                         DsHttpPageFunc    page,
                                         GDestroyNotify    free_item,
                                         guint             max_pages,
                                         GCancellable     *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer          user_data);
GPtrArray   *ds_http_fetch_pages_finish (DsHttp           *self,
                                         GAsyncResult     *result,
                                         DsHttpInfo       *info,
                                         GError          **error);

/* For parsers that only need the call to have succeeded. */
gpointer     ds_http_parse_nothing      (JsonNode           *root,
                                         const DsJsonScope  *scope,
                                         GError            **error);

G_END_DECLS
