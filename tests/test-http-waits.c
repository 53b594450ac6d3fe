/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include <libsoup/soup.h>

#include "ds-error.h"
#include "ds-http.h"
#include "ds-test-server.h"

/* Waits a service asks for, against a loopback server that asks for absurd
 * ones: however large, negative, far or garbled the header, every service's
 * reader keeps the wait within an hour of now, says it in words (the
 * service, the local time), and computes it without overflow (these tests
 * also run under UndefinedBehaviorSanitizer). And a redirect to another
 * port of the same host says which server it meant. Part of test-http. */

#define TOKEN "tok-waits-0123456789"

/* Each service's rate-limit reader, as the services send their headers. */
typedef struct
{
  DsService   service;
  guint       status;
  const char *header;
  gboolean    reset;      /* a reset time (Unix time or seconds), not a Retry-After */
  const char *remaining;  /* x-ratelimit-remaining sent with it, if any */
} Reader;

static const Reader readers[] = {
  { DS_SERVICE_GITHUB, 429, "Retry-After", FALSE, NULL },
  { DS_SERVICE_GITHUB, 403, "x-ratelimit-reset", TRUE, "0" },
  { DS_SERVICE_SLACK, 429, "Retry-After", FALSE, NULL },
  { DS_SERVICE_PAGERDUTY, 429, "ratelimit-reset", TRUE, NULL },
  { DS_SERVICE_PAGERDUTY, 429, "Retry-After", FALSE, NULL },
  { DS_SERVICE_ZENHUB, 429, "X-RateLimit-Reset", TRUE, NULL },
};

typedef enum
{
  WAIT_LONGEST,   /* taken, and cut to the longest wait */
  WAIT_BACKOFF,   /* not a time: the first back-off, a minute */
} Expect;

typedef struct
{
  const char *name;
  const char *value;
  Expect      retry_after;  /* what a Retry-After reader makes of it */
  Expect      reset;        /* what a reset reader makes of it */
} Value;

static const Value values[] = {
  { "eleven-days", "999999", WAIT_LONGEST, WAIT_LONGEST },
  { "year-9999", "Fri, 31 Dec 9999 23:59:59 GMT", WAIT_LONGEST, WAIT_BACKOFF },
  { "year-5138", "99999999999", WAIT_LONGEST, WAIT_LONGEST },
  { "int64-max", "9223372036854775807", WAIT_LONGEST, WAIT_LONGEST },
  { "negative", "-5", WAIT_BACKOFF, WAIT_BACKOFF },
  { "garbage", "soon, maybe", WAIT_BACKOFF, WAIT_BACKOFF },
};

typedef struct
{
  DsTestServer ts;
  guint        requests;
} Fixture;

static void
handler (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  Fixture *f = user_data;
  SoupMessageHeaders *resp = soup_server_message_get_response_headers (msg);
  const char *name = query != NULL ? g_hash_table_lookup (query, "name") : NULL;
  const char *value = query != NULL ? g_hash_table_lookup (query, "value") : NULL;
  const char *remaining = query != NULL ? g_hash_table_lookup (query, "remaining") : NULL;
  const char *status = query != NULL ? g_hash_table_lookup (query, "status") : NULL;
  const char *body = "{\"ok\": false, \"error\": \"ratelimited\", \"message\": \"Slow down\"}";

  f->requests++;
  if (g_str_equal (path, "/redirect-port"))
    {
      /* The same host, another port: another server. */
      soup_message_headers_replace (resp, "Location", value);
      soup_server_message_set_status (msg, 302, NULL);
      return;
    }
  if (name != NULL && value != NULL)
    soup_message_headers_replace (resp, name, value);
  if (remaining != NULL)
    soup_message_headers_replace (resp, "x-ratelimit-remaining", remaining);
  if (g_str_equal (path, "/polled"))
    body = "{\"ok\": true}";
  ds_test_respond_json (msg, status != NULL ? (guint)atoi (status) : 200, body);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  ds_test_server_start (&f->ts, handler, f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  ds_test_server_stop (&f->ts);
}

static DsHttp *
new_http (Fixture *f)
{
  DsHttp *http = ds_http_new ();

  ds_http_set_timeout (http, 5);
  for (DsService s = 0; s < DS_N_SERVICES; s++)
    {
      g_assert_true (ds_http_set_base_url (http, s, f->ts.base, NULL));
      ds_http_set_token (http, s, TOKEN);
    }
  return http;
}

/* GET @path with @query ("name", "value", …, NULL) as the server's orders. */
static gpointer
fetch (Fixture     *f,
       DsHttp      *http,
       DsService    service,
       const char  *path,
       DsHttpInfo  *info,
       GError     **error,
       ...)
{
  DsHttpCall *call = ds_http_call_new (service, "GET", path);
  const char *name;
  va_list args;

  va_start (args, error);
  while ((name = va_arg (args, const char *)) != NULL)
    {
      const char *value = va_arg (args, const char *);

      if (value != NULL)
        ds_http_call_add_query (call, name, value);
    }
  va_end (args);
  ds_http_fetch_async (http, call, ds_http_parse_nothing, NULL, NULL, ds_test_server_done,
                       &f->ts);
  return ds_http_fetch_finish (http, ds_test_server_wait (&f->ts), info, error);
}

static void
test_wait_bounded (Fixture       *f,
                   gconstpointer  data)
{
  const Value *v = data;

  for (guint i = 0; i < G_N_ELEMENTS (readers); i++)
    {
      const Reader *r = &readers[i];
      g_autoptr(DsHttp) http = new_http (f);
      g_autoptr(GError) error = NULL;
      g_autofree char *status = g_strdup_printf ("%u", r->status);
      gint64 before = g_get_real_time () / G_USEC_PER_SEC;
      gint64 after, until, wait;
      Expect expect = r->reset ? v->reset : v->retry_after;
      const char *label = ds_service_label (r->service);
      guint requests;

      g_assert_null (fetch (f, http, r->service, "/limited", NULL, &error, "status", status,
                            "name", r->header, "value", v->value, "remaining", r->remaining,
                            NULL));
      after = g_get_real_time () / G_USEC_PER_SEC;
      g_test_message ("%s %s: %s → %s", label, r->header, v->value, error->message);
      g_assert_error (error, DS_ERROR, DS_ERROR_RATE_LIMITED);

      /* Never more than an hour, never in the past. */
      until = ds_http_get_backoff_until (http, r->service);
      wait = until - before;
      g_assert_cmpint (until, >, after);
      g_assert_cmpint (until, <=, after + DS_HTTP_LONGEST_WAIT);
      if (expect == WAIT_LONGEST)
        g_assert_cmpint (wait, >=, DS_HTTP_LONGEST_WAIT - 1);
      else
        g_assert_cmpint (wait, <=, 61);

      /* Said in words: the service, and the local time it may be read again. */
      {
        g_autoptr(GDateTime) local = g_date_time_new_from_unix_local (until);
        g_autofree char *when = g_date_time_format (local, "%H:%M");
        g_autofree char *words = g_strdup_printf ("%s asked Dayshift to wait until %s", label,
                                                  when);

        g_assert_nonnull (strstr (error->message, words));
      }

      /* Held back until then: the next call asks nothing of the server. */
      g_clear_error (&error);
      requests = f->requests;
      g_assert_null (fetch (f, http, r->service, "/polled", NULL, &error, NULL));
      g_assert_error (error, DS_ERROR, DS_ERROR_RATE_LIMITED);
      g_assert_cmpuint (f->requests, ==, requests);
    }
}

/* GitHub's X-Poll-Interval sets how long until the next poll: an hour at most. */
static void
test_poll_interval_bounded (Fixture       *f,
                            gconstpointer  data)
{
  static const struct { const char *value; guint interval; } cases[] = {
    { "60", 60 },
    { "999999", DS_HTTP_LONGEST_WAIT },
    { "99999999999", DS_HTTP_LONGEST_WAIT },
    { "9223372036854775807", DS_HTTP_LONGEST_WAIT },
    { "99999999999999999999999", DS_HTTP_LONGEST_WAIT },
    { "-5", 0 },
    { "soon, maybe", 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(DsHttp) http = new_http (f);
      g_autoptr(GError) error = NULL;
      DsHttpInfo info = { 0 };

      g_assert_nonnull (fetch (f, http, DS_SERVICE_GITHUB, "/polled", &info, &error,
                               "name", "X-Poll-Interval", "value", cases[i].value, NULL));
      g_assert_no_error (error);
      g_assert_cmpuint (info.poll_interval, ==, cases[i].interval);
    }
}

/* A redirect to another port of the same host names that port. */
static void
test_redirect_names_the_port (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(DsHttp) http = new_http (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(GUri) base = g_uri_parse (f->ts.base, G_URI_FLAGS_NONE, NULL);
  gint other = g_uri_get_port (base) == 8443 ? 8444 : 8443;
  g_autofree char *location = g_strdup_printf ("http://127.0.0.1:%d/steal", other);
  g_autofree char *said = g_strdup_printf ("another server (127.0.0.1:%d)", other);

  g_assert_null (fetch (f, http, DS_SERVICE_GITHUB, "/redirect-port", NULL, &error,
                        "value", location, NULL));
  g_assert_error (error, DS_ERROR, DS_ERROR_BAD_RESPONSE);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, said));
}

void ds_test_http_waits_add (void);

void
ds_test_http_waits_add (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autofree char *name = g_strconcat ("/ds/http/wait/", values[i].name, NULL);

      g_test_add (name, Fixture, &values[i], fixture_setup, test_wait_bounded,
                  fixture_teardown);
    }
  g_test_add ("/ds/http/wait/poll-interval", Fixture, NULL, fixture_setup,
              test_poll_interval_bounded, fixture_teardown);
  g_test_add ("/ds/http/redirect-names-the-port", Fixture, NULL, fixture_setup,
              test_redirect_names_the_port, fixture_teardown);
}
