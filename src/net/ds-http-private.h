/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ds-http.h"

G_BEGIN_DECLS

/* DsHttp's insides, shared by its files:
 *
 *   ds-http.c           the object, its settings, the caller's side of a
 *                       call (deadline, cancelling) and the public calls
 *   ds-http-exchange.c  one exchange: request, answer, redirect, pages
 *   ds-http-services.c  what differs between services, as one table
 *   ds-http-errors.c    every message a failed call gives
 *   ds-http-limits.c    each service's rate-limit headers
 *   ds-http-call.c      DsHttpCall, what to ask */

struct _DsHttpCall
{
  DsService  service;
  char      *method;
  GString   *path;         /* path and query, relative to the base URL, or absolute */
  GBytes    *body;
  char      *content_type;
  GString   *form;
  gboolean   conditional;
  gboolean   bearer;       /* ZenHub GraphQL */
  gboolean   app_token;    /* Slack Socket Mode */
  gboolean   oauth;        /* an OAuth endpoint: no token, JSON asked for, errors in the body */
  gpointer   source_tag;   /* the client call's, for its typed _finish */
};

typedef struct
{
  char   *etag;
  char   *last_modified;
  GBytes *body;
  guint   poll_interval;
} DsHttpCacheEntry;

typedef struct
{
  char    *base_url;
  char    *token;
  gboolean conditional;    /* every GET conditional */
  gint64   backoff_until;  /* Unix seconds */
  guint    failures;       /* consecutive rate-limit answers without a reset time */
} DsHttpServiceState;

struct _DsHttp
{
  GObject             parent_instance;

  SoupSession        *session;
  DsHttpServiceState  services[DS_N_SERVICES];
  char               *slack_app_token;
  char               *pagerduty_from;
  GHashTable         *cache;     /* URL -> DsHttpCacheEntry */
  gsize               max_body;
  guint               max_pages;
  guint               timeout;
  guint               deadline;  /* seconds; 0: three times the timeout */
  gboolean            one_off;   /* nothing repeats its calls (ds_http_set_one_off()) */
};

typedef struct _DsHttpGuard DsHttpGuard;

/* One call in flight: the exchange's task data. */
typedef struct
{
  DsHttpGuard     *guard;      /* the caller's side of the exchange */
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
} DsHttpRequest;

/* ds-http.c */
guint       ds_http_deadline_of      (DsHttp             *self);
void        ds_http_guard_arm        (DsHttp             *self,
                                      DsHttpGuard        *guard);

/* ds-http-exchange.c: sends the request's current call; takes @task and
 * returns on it exactly once. */
void        ds_http_exchange_start   (GTask              *task);
void        ds_http_request_free     (DsHttpRequest      *r);

/* ds-http-services.c */
typedef enum
{
  DS_HTTP_BODY_OK,
  DS_HTTP_BODY_REFUSED,        /* the error says why */
  DS_HTTP_BODY_RATE_LIMITED,
} DsHttpBodyCheck;

/* How each service speaks HTTP; what else is known of it is in core
 * (ds-service.c: its name, its default address, its tokens). */
typedef struct
{
  /* Accept, the token in the header the service reads, and anything else
   * it wants on every request. */
  void            (*set_headers) (const DsHttpCall   *call,
                                  const char         *token,
                                  const char         *from,
                                  SoupMessageHeaders *headers);
  /* The next page of a listing, or NULL; @url is the page just read. */
  DsHttpCall     *(*next_page)   (const DsHttpCall   *call,
                                  const char         *url,
                                  SoupMessageHeaders *answer,
                                  JsonNode           *root,
                                  const DsJsonScope  *scope);
  /* A successful answer that may still say it failed (Slack's "ok"). */
  DsHttpBodyCheck (*check_body)  (JsonNode           *root,
                                  const DsJsonScope  *scope,
                                  GError            **error);
  /* Its 4xx answers explain themselves in the body. */
  gboolean          words_in_4xx;
  /* Its rate-limit headers: until when it must be left alone (a Unix time,
   * or 0 for no time said), and whether this answer is a refusal. */
  gint64          (*rate_limit)  (guint               status,
                                  SoupMessageHeaders *headers,
                                  gint64              now,
                                  gboolean           *limited);
} DsHttpService;

const DsHttpService *ds_http_service (DsService service);

/* ds-http-errors.c: each takes what it needs and names the service. */
GError     *ds_http_error_io          (DsService           service,
                                       gboolean            again,
                                       const char         *endpoint,
                                       guint               timeout,
                                       GError             *error);
GError     *ds_http_error_status      (DsService           service,
                                       gboolean            again,
                                       const char         *endpoint,
                                       guint               status,
                                       const char         *reason,
                                       GBytes             *body,
                                       gboolean            authed);
GError     *ds_http_error_rate_limited (DsService          service,
                                        gboolean           again,
                                        const char        *endpoint,
                                        gint64             until);
GError     *ds_http_error_too_large   (DsService           service,
                                       const char         *endpoint,
                                       gsize               max_body);
GError     *ds_http_error_cut_short   (DsService           service,
                                       gboolean            again,
                                       const char         *endpoint,
                                       const GError       *error);
GError     *ds_http_error_malformed   (DsService           service,
                                       gboolean            again,
                                       const char         *endpoint,
                                       const GError       *error);
GError     *ds_http_error_redirect    (DsService           service,
                                       const char         *endpoint);
GError     *ds_http_error_deadline    (DsService           service,
                                       gboolean            again,
                                       const char         *endpoint,
                                       guint               seconds);
GError     *ds_http_error_other_server (DsService          service,
                                        const char        *server);

/* ds-http-call.c */
DsHttpCall *ds_http_call_copy        (const DsHttpCall   *call);
void        ds_http_call_set_query   (DsHttpCall         *call,
                                      const char         *name,
                                      const char         *value);

/* ds-http-limits.c */
gint64      ds_http_backoff_after    (guint              *failures);
gint64      ds_http_parse_retry_after (const char        *value,
                                       gint64             now);
gint64      ds_http_parse_reset       (const char        *value,
                                       gint64             now);
gint64      ds_http_rate_limit_until (DsService           service,
                                      guint               status,
                                      SoupMessageHeaders *headers,
                                      guint              *failures,
                                      gboolean           *limited);
guint       ds_http_poll_interval    (SoupMessageHeaders *headers);

G_END_DECLS
