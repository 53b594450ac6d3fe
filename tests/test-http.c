/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include <libsoup/soup.h>

#include "ds-error.h"
#include "ds-github.h"
#include "ds-http.h"
#include "ds-test-server.h"

/* The HTTP layer against an in-process server that misbehaves in every way
 * the services do. After each fault the next call must work. */

#define TOKEN "tok-SECRET-1234567890"

typedef struct
{
  DsTestServer ts;
  DsHttp      *http;
  GHashTable  *hits;       /* path -> count */
  GPtrArray   *paused;     /* SoupServerMessage held forever */
  GString     *last_auth;
  GString     *last_headers;
} Fixture;

static void
count_hit (Fixture    *f,
           const char *path)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (f->hits, path));
  g_hash_table_replace (f->hits, g_strdup (path), GUINT_TO_POINTER (n + 1));
}

static guint
hits (Fixture    *f,
      const char *path)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (f->hits, path));
}

#define JSON "application/json"

/* An X-OAuth-Scopes list of 2,000 bytes: "s0000, s0001, …", as long as a
 * token with many scopes can make it. */
static char *
long_scopes (void)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; s->len < 2000; i++)
    g_string_append_printf (s, "%ss%04u", i > 0 ? ", " : "", i);
  g_string_truncate (s, 2000);
  return g_string_free (s, FALSE);
}

static void
handler (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  Fixture *f = user_data;
  SoupMessageHeaders *req = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *resp = soup_server_message_get_response_headers (msg);
  const char *auth = soup_message_headers_get_one (req, "Authorization");
  GUri *uri = soup_server_message_get_uri (msg);

  count_hit (f, path);
  g_string_assign (f->last_auth, auth ? auth : "");
  g_string_truncate (f->last_headers, 0);
  {
    SoupMessageHeadersIter iter;
    const char *name, *value;
    soup_message_headers_iter_init (&iter, req);
    while (soup_message_headers_iter_next (&iter, &name, &value))
      g_string_append_printf (f->last_headers, "%s: %s\n", name, value);
  }
  /* No token ever travels in a URL. */
  g_assert_null (strstr (g_uri_get_path (uri), "SECRET"));
  g_assert_true (g_uri_get_query (uri) == NULL || strstr (g_uri_get_query (uri), "SECRET") == NULL);

  if (g_str_equal (path, "/ok"))
    ds_test_respond (msg, 200, JSON, "{\"login\": \"octocat\", \"id\": 1}");
  else if (g_str_equal (path, "/many-scopes"))
    {
      g_autofree char *scopes = long_scopes ();

      soup_message_headers_replace (resp, "X-OAuth-Scopes", scopes);
      ds_test_respond (msg, 200, JSON, "{\"login\": \"octocat\", \"id\": 1}");
    }
  else if (g_str_equal (path, "/repos/acme/ops/issues/5/comments"))
    ds_test_respond (msg, 200, JSON,
                     "[{\"id\": 1, \"html_url\": "
                     "\"https://github.com/acme/ops/issues/5#issuecomment-1\", "
                     "\"body\": \"Handoff.\", \"user\": {\"login\": \"dana-levi\", \"id\": 7}, "
                     "\"created_at\": \"2026-11-20T17:05:00Z\"}, "
                     "{\"id\": 2, \"body\": \"Thanks\", \"user\": null}]");
  else if (g_str_equal (path, "/repos/acme/ops/issues/6/comments"))
    ds_test_respond (msg, 200, JSON, "[{\"id\": 3, \"user\": {\"login\": 42}}]");
  else if (g_str_equal (path, "/401"))
    ds_test_respond (msg, 401, JSON, "{\"message\": \"Bad credentials\"}");
  else if (g_str_equal (path, "/403"))
    ds_test_respond (msg, 403, JSON, "{\"message\": \"Resource not accessible by integration\"}");
  else if (g_str_equal (path, "/403-limit"))
    {
      g_autofree char *reset = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                g_get_real_time () / G_USEC_PER_SEC + 600);
      soup_message_headers_replace (resp, "x-ratelimit-remaining", "0");
      soup_message_headers_replace (resp, "x-ratelimit-reset", reset);
      ds_test_respond (msg, 403, JSON, "{\"message\": \"API rate limit exceeded\"}");
    }
  else if (g_str_equal (path, "/403-secondary"))
    ds_test_respond (msg, 403, JSON,
                     "{\"message\": \"You have exceeded a secondary rate limit\"}");
  else if (g_str_equal (path, "/404"))
    ds_test_respond (msg, 404, JSON, "{\"message\": \"Not Found\"}");
  else if (g_str_equal (path, "/429"))
    {
      soup_message_headers_replace (resp, "Retry-After", "30");
      ds_test_respond (msg, 429, JSON, "{\"ok\": false, \"error\": \"ratelimited\"}");
    }
  else if (g_str_equal (path, "/pd-429"))
    {
      soup_message_headers_replace (resp, "ratelimit-reset", "45");
      ds_test_respond (msg, 429, JSON,
                       "{\"error\": {\"message\": \"Rate Limit Exceeded\", \"code\": 2020}}");
    }
  else if (g_str_equal (path, "/zh-403"))
    {
      g_autofree char *reset = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                g_get_real_time () / G_USEC_PER_SEC + 50);
      soup_message_headers_replace (resp, "X-RateLimit-Reset", reset);
      ds_test_respond (msg, 403, JSON, "{\"message\": \"Rate limit\"}");
    }
  else if (g_str_equal (path, "/500"))
    ds_test_respond (msg, 500, JSON, "{\"message\": \"Server Error\"}");
  else if (g_str_equal (path, "/502"))
    ds_test_respond (msg, 502, "text/html", "<html><body><h1>502 Bad Gateway</h1></body></html>");
  else if (g_str_equal (path, "/etag-then-stall"))
    {
      /* 200 with an ETag, 304 to the conditional GET on the same connection,
       * then nothing at all to the third, then 200 again. */
      guint n = hits (f, path);
      const char *inm = soup_message_headers_get_one (
        soup_server_message_get_request_headers (msg), "If-None-Match");

      soup_message_headers_replace (resp, "ETag", "\"v1\"");
      if (n == 3)
        {
          soup_server_message_pause (msg);
          g_ptr_array_add (f->paused, g_object_ref (msg));
        }
      else if (n == 2 && inm != NULL)
        ds_test_respond (msg, 304, JSON, NULL);
      else
        ds_test_respond (msg, 200, JSON, "{\"login\": \"octocat\", \"id\": 1}");
    }
  else if (g_str_equal (path, "/hang"))
    {
      soup_server_message_pause (msg);
      g_ptr_array_add (f->paused, g_object_ref (msg));
    }
  else if (g_str_equal (path, "/big"))
    {
      g_autofree char *body = g_strnfill (8192, 'x');
      ds_test_respond (msg, 200, JSON, body);
    }
  else if (g_str_equal (path, "/big-chunked"))
    {
      g_autofree char *chunk = g_strnfill (4096, ' ');
      soup_message_headers_set_encoding (resp, SOUP_ENCODING_CHUNKED);
      soup_server_message_set_status (msg, 200, NULL);
      for (int i = 0; i < 4; i++)
        soup_message_body_append (soup_server_message_get_response_body (msg), SOUP_MEMORY_COPY,
                                  chunk, strlen (chunk));
      soup_message_body_complete (soup_server_message_get_response_body (msg));
    }
  else if (g_str_equal (path, "/huge-valid"))
    {
      GString *s = g_string_new ("{\"login\": \"big\", \"pad\": [");
      for (int i = 0; i < 40000; i++)
        g_string_append_printf (s, "%s\"padding-%d\"", i ? "," : "", i);
      g_string_append (s, "]}");
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, JSON, SOUP_MEMORY_TAKE, s->str, s->len);
      g_string_free (s, FALSE);
    }
  else if (g_str_equal (path, "/deep"))
    {
      /* 400 KB of nested arrays (parsed in a thread: above 256 KiB). */
      GString *s = g_string_new (NULL);
      for (int i = 0; i < 200000; i++)
        g_string_append_c (s, '[');
      for (int i = 0; i < 200000; i++)
        g_string_append_c (s, ']');
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, JSON, SOUP_MEMORY_TAKE, s->str, s->len);
      g_string_free (s, FALSE);
    }
  else if (g_str_equal (path, "/deep-error"))
    {
      g_autofree char *open = g_strnfill (50000, '[');
      g_autofree char *close = g_strnfill (50000, ']');
      g_autofree char *body = g_strconcat ("{\"message\": ", open, close, "}", NULL);
      ds_test_respond (msg, 500, JSON, body);
    }
  else if (g_str_equal (path, "/hidden-deep") || g_str_equal (path, "/hidden-deep-error") ||
           g_str_equal (path, "/hidden-deep-small"))
    {
      /* Nesting behind a single-quoted string json-glib takes, which once
       * hid it from the look-ahead: 200 KB, parsed on the main loop; or
       * 40 KB; or as a 500's body. */
      int n = g_str_equal (path, "/hidden-deep-small") ? 20000 : 100000;
      GString *s = g_string_new ("{\"ok\":true,\"x\":'\"',\"messages\":");
      for (int i = 0; i < n; i++)
        g_string_append_c (s, '[');
      for (int i = 0; i < n; i++)
        g_string_append_c (s, ']');
      g_string_append_c (s, '}');
      soup_server_message_set_status (msg, g_str_has_suffix (path, "error") ? 500 : 200, NULL);
      soup_server_message_set_response (msg, JSON, SOUP_MEMORY_TAKE, s->str, s->len);
      g_string_free (s, FALSE);
    }
  else if (g_str_equal (path, "/hidden-many"))
    {
      /* ['"',{},{},…]: 3.75 MB of values behind the same quote. */
      GString *s = g_string_new ("['\"'");
      for (int i = 0; i < 1250000; i++)
        g_string_append (s, ",{}");
      g_string_append_c (s, ']');
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, JSON, SOUP_MEMORY_TAKE, s->str, s->len);
      g_string_free (s, FALSE);
    }
  else if (g_str_equal (path, "/comment"))
    ds_test_respond (msg, 200, JSON, "{\"login\": /* hidden */ \"octocat\", \"id\": 1}");
  else if (g_str_equal (path, "/many"))
    {
      GString *s = g_string_new ("{\"login\": \"many\", \"pad\": [");
      for (int i = 0; i < 300000; i++)
        g_string_append (s, i ? ",0" : "0");
      g_string_append (s, "]}");
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, JSON, SOUP_MEMORY_TAKE, s->str, s->len);
      g_string_free (s, FALSE);
    }
  else if (g_str_equal (path, "/malformed"))
    ds_test_respond (msg, 200, JSON, "{\"login\": \"octo");
  else if (g_str_equal (path, "/wrong-types"))
    ds_test_respond (msg, 200, JSON, "{\"login\": 42, \"id\": \"one\"}");
  else if (g_str_equal (path, "/huge-number"))
    ds_test_respond (msg, 200, JSON, "{\"login\": \"octocat\", \"id\": 3.58667e+102}");
  else if (g_str_equal (path, "/slack-not-in-channel"))
    ds_test_respond (msg, 200, JSON, "{\"ok\": false, \"error\": \"not_in_channel\"}");
  else if (g_str_equal (path, "/slack-invalid-auth"))
    ds_test_respond (msg, 200, JSON, "{\"ok\": false, \"error\": \"invalid_auth\"}");
  else if (g_str_equal (path, "/slack-already-reacted"))
    ds_test_respond (msg, 200, JSON, "{\"ok\": false, \"error\": \"already_reacted\"}");
  else if (g_str_equal (path, "/slack-ok"))
    ds_test_respond (msg, 200, JSON, "{\"ok\": true, \"login\": \"slackbot\"}");
  else if (g_str_equal (path, "/redirect-other"))
    {
      soup_message_headers_replace (resp, "Location", "http://203.0.113.9/steal");
      ds_test_respond (msg, 302, NULL, NULL);
    }
  else if (g_str_equal (path, "/redirect-same"))
    {
      soup_message_headers_replace (resp, "Location", "/ok");
      ds_test_respond (msg, 301, NULL, NULL);
    }
  else if (g_str_equal (path, "/cond"))
    {
      const char *inm = soup_message_headers_get_one (req, "If-None-Match");
      const char *ims = soup_message_headers_get_one (req, "If-Modified-Since");

      soup_message_headers_replace (resp, "X-Poll-Interval", "60");
      if (g_strcmp0 (inm, "\"v1\"") == 0 &&
          g_strcmp0 (ims, "Thu, 26 Nov 2026 10:00:00 GMT") == 0)
        ds_test_respond (msg, 304, NULL, NULL);
      else
        {
          soup_message_headers_replace (resp, "ETag", "\"v1\"");
          soup_message_headers_replace (resp, "Last-Modified", "Thu, 26 Nov 2026 10:00:00 GMT");
          ds_test_respond (msg, 200, JSON, "{\"login\": \"cached\", \"id\": 7}");
        }
    }
  else if (g_str_equal (path, "/gh-pages"))
    {
      const char *page = query ? g_hash_table_lookup (query, "page") : NULL;
      int n = page ? atoi (page) : 1;
      g_autofree char *body = g_strdup_printf ("[{\"id\": %d}, {\"id\": %d}]", n * 10, n * 10 + 1);

      if (n < 3)
        {
          g_autofree char *link = g_strdup_printf ("<%s/gh-pages?per_page=2&page=%d>; rel=\"next\", "
                                                   "<%s/gh-pages?per_page=2&page=3>; rel=\"last\"",
                                                   f->ts.base, n + 1, f->ts.base);
          soup_message_headers_replace (resp, "Link", link);
        }
      ds_test_respond (msg, 200, JSON, body);
    }
  else if (g_str_equal (path, "/slack-pages"))
    {
      const char *cursor = query ? g_hash_table_lookup (query, "cursor") : NULL;

      if (cursor == NULL)
        ds_test_respond (msg, 200, JSON, "{\"ok\": true, \"items\": [{\"id\": 1}], "
                                 "\"response_metadata\": {\"next_cursor\": \"c2\"}}");
      else if (g_str_equal (cursor, "c2"))
        ds_test_respond (msg, 200, JSON, "{\"ok\": true, \"items\": [{\"id\": 2}], "
                                 "\"response_metadata\": {\"next_cursor\": \"\"}}");
      else
        ds_test_respond (msg, 400, JSON, "{\"ok\": false, \"error\": \"invalid_cursor\"}");
    }
  else if (g_str_equal (path, "/pd-pages"))
    {
      const char *offset = query ? g_hash_table_lookup (query, "offset") : NULL;
      int o = offset ? atoi (offset) : 0;
      g_autofree char *body = g_strdup_printf ("{\"items\": [{\"id\": %d}], \"offset\": %d, "
                                               "\"limit\": 1, \"more\": %s}",
                                               o, o, o < 2 ? "true" : "false");
      ds_test_respond (msg, 200, JSON, body);
    }
  else if (g_str_equal (path, "/echo"))
    ds_test_respond (msg, 200, JSON, "{\"login\": \"echo\", \"id\": 2}");
  else
    ds_test_respond (msg, 404, JSON, "{\"message\": \"no such test path\"}");
}

/* The test's own parser: a user with a string login and a numeric id. */
typedef struct { char *login; gint64 id; } User;

static void
user_free (User *u)
{
  g_free (u->login);
  g_free (u);
}

static gpointer
parse_user (JsonNode           *root,
            const DsJsonScope  *scope,
            GError            **error)
{
  JsonObject *obj = ds_json_root_object (root, scope, error);
  const char *login;
  gint64 id;
  User *u;

  if (obj == NULL ||
      !ds_json_string (obj, "login", TRUE, &login, scope, error) ||
      !ds_json_int (obj, "id", FALSE, &id, scope, error))
    return NULL;
  u = g_new0 (User, 1);
  u->login = g_strdup (login);
  u->id = id;
  return u;
}

static gboolean
page_ids (JsonNode           *root,
          GPtrArray          *items,
          const DsJsonScope  *scope,
          GError            **error)
{
  JsonArray *array;

  if (JSON_NODE_HOLDS_OBJECT (root))
    {
      if (!ds_json_array (json_node_get_object (root), "items", TRUE, &array, scope, error))
        return FALSE;
    }
  else if ((array = ds_json_root_array (root, scope, error)) == NULL)
    return FALSE;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *o = ds_json_array_object (array, i, "items", scope, error);
      gint64 id;

      if (o == NULL || !ds_json_int (o, "id", TRUE, &id, scope, error))
        return FALSE;
      g_ptr_array_add (items, g_strdup_printf ("%" G_GINT64_FORMAT, id));
    }
  return TRUE;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->hits = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  f->paused = g_ptr_array_new_with_free_func (g_object_unref);
  f->last_auth = g_string_new (NULL);
  f->last_headers = g_string_new (NULL);
  ds_test_server_start (&f->ts, handler, f);

  f->http = ds_http_new ();
  ds_http_set_timeout (f->http, 1);
  ds_http_set_max_body (f->http, 4096);
  for (DsService s = 0; s < DS_N_SERVICES; s++)
    {
      g_assert_true (ds_http_set_base_url (f->http, s, f->ts.base, &error));
      g_assert_no_error (error);
      ds_http_set_token (f->http, s, TOKEN);
    }
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  /* The last result holds its task, and the task the DsHttp. */
  g_clear_object (&f->ts.result);
  g_assert_finalize_object (f->http);
  for (guint i = 0; i < f->paused->len; i++)
    soup_server_message_unpause (f->paused->pdata[i]);
  g_ptr_array_unref (f->paused);
  ds_test_server_stop (&f->ts);
  g_hash_table_unref (f->hits);
  g_string_free (f->last_auth, TRUE);
  g_string_free (f->last_headers, TRUE);
}

static User *
fetch_user (Fixture     *f,
            DsService    service,
            const char  *path,
            DsHttpInfo  *info,
            GError     **error)
{
  User *u;

  ds_http_fetch_async (f->http, ds_http_call_new (service, "GET", path), parse_user,
                       (GDestroyNotify)user_free, NULL, ds_test_server_done, &f->ts);
  u = ds_http_fetch_finish (f->http, ds_test_server_wait (&f->ts), info, error);
  return u;
}

/* The call fails with @code, its message naming the service, holding @words
 * (if not NULL) and no token. Returns the message. */
static char *
assert_fails (Fixture    *f,
              DsService   service,
              const char *path,
              int         code,
              const char *words)
{
  g_autoptr(GError) error = NULL;
  User *u = fetch_user (f, service, path, NULL, &error);

  g_assert_null (u);
  g_assert_error (error, DS_ERROR, code);
  g_test_message ("%s: %s", path, error->message);
  g_assert_nonnull (strstr (error->message, ds_service_label (service)));
  if (words != NULL)
    g_assert_nonnull (strstr (error->message, words));
  g_assert_null (strstr (error->message, "SECRET"));
  return g_strdup (error->message);
}

static void
assert_fault_only (Fixture    *f,
                   DsService   service,
                   const char *path,
                   int         code,
                   const char *words)
{
  g_autofree char *message = assert_fails (f, service, path, code, words);

  g_assert_null (strstr (message, "rejected"));
}

/* After a fault, the same service answers the next call normally. */
static void
assert_next_call_works (Fixture   *f,
                        DsService  service)
{
  g_autoptr(GError) error = NULL;
  User *u = fetch_user (f, service, service == DS_SERVICE_SLACK ? "/slack-ok" : "/ok", NULL,
                        &error);

  g_assert_no_error (error);
  g_assert_nonnull (u);
  user_free (u);
}

static void
assert_fault (Fixture    *f,
              DsService   service,
              const char *path,
              int         code,
              const char *words)
{
  g_free (assert_fails (f, service, path, code, words));
  assert_next_call_works (f, service);
}

static void
test_ok_and_auth_headers (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  User *u;

  u = fetch_user (f, DS_SERVICE_GITHUB, "/ok", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (u->login, ==, "octocat");
  g_assert_cmpint (u->id, ==, 1);
  user_free (u);
  g_assert_cmpstr (f->last_auth->str, ==, "Bearer " TOKEN);
  g_assert_nonnull (strstr (f->last_headers->str, "Accept: application/vnd.github+json"));
  g_assert_nonnull (strstr (f->last_headers->str, "X-GitHub-Api-Version: 2022-11-28"));

  u = fetch_user (f, DS_SERVICE_PAGERDUTY, "/ok", NULL, &error);
  user_free (u);
  g_assert_cmpstr (f->last_auth->str, ==, "Token token=" TOKEN);
  g_assert_nonnull (strstr (f->last_headers->str,
                            "Accept: application/vnd.pagerduty+json;version=2"));

  u = fetch_user (f, DS_SERVICE_ZENHUB, "/ok", NULL, &error);
  user_free (u);
  g_assert_cmpstr (f->last_auth->str, ==, "");
  g_assert_nonnull (strstr (f->last_headers->str, "X-Authentication-Token: " TOKEN));

  u = fetch_user (f, DS_SERVICE_SLACK, "/slack-ok", NULL, &error);
  g_assert_no_error (error);
  user_free (u);
  g_assert_cmpstr (f->last_auth->str, ==, "Bearer " TOKEN);
}

static void
test_status_faults (Fixture       *f,
                    gconstpointer  data)
{
  assert_fault (f, DS_SERVICE_GITHUB, "/401", DS_ERROR_AUTH, "Settings");
  assert_fault (f, DS_SERVICE_GITHUB, "/403", DS_ERROR_FORBIDDEN, "permission");
  assert_fault (f, DS_SERVICE_GITHUB, "/404", DS_ERROR_NOT_FOUND, "GET /404");
  assert_fault (f, DS_SERVICE_PAGERDUTY, "/500", DS_ERROR_SERVER, "HTTP 500");
  assert_fault (f, DS_SERVICE_ZENHUB, "/502", DS_ERROR_SERVER, "HTTP 502");
}

static void
test_body_faults (Fixture       *f,
                  gconstpointer  data)
{
  assert_fault (f, DS_SERVICE_GITHUB, "/malformed", DS_ERROR_BAD_RESPONSE, "not valid JSON");
  assert_fault (f, DS_SERVICE_GITHUB, "/wrong-types", DS_ERROR_BAD_RESPONSE,
                "GET /wrong-types: the field “login” should be a string");
  /* A number no 64-bit integer holds (found by the fuzzer: the cast was
   * undefined behaviour). */
  assert_fault (f, DS_SERVICE_GITHUB, "/huge-number", DS_ERROR_BAD_RESPONSE,
                "GET /huge-number: the field “id” should be a number");
  assert_fault (f, DS_SERVICE_GITHUB, "/big", DS_ERROR_BAD_RESPONSE, "more than 4 KiB");
  assert_fault (f, DS_SERVICE_GITHUB, "/big-chunked", DS_ERROR_BAD_RESPONSE, "more than 4 KiB");
}

static void
test_large_valid_body_parsed_in_thread (Fixture       *f,
                                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  User *u;

  ds_http_set_max_body (f->http, 4 << 20);
  /* Building the answer takes a while under sanitizers. */
  ds_http_set_timeout (f->http, 20);
  u = fetch_user (f, DS_SERVICE_GITHUB, "/huge-valid", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (u->login, ==, "big");
  user_free (u);
}

static void
test_hang_times_out (Fixture       *f,
                     gconstpointer  data)
{
  gint64 start = g_get_monotonic_time ();

  assert_fault (f, DS_SERVICE_GITHUB, "/hang", DS_ERROR_TIMED_OUT, "within 1 seconds");
  g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);
}

/* However long the socket's own timeout, an exchange ends by its deadline. */
static void
test_deadline_ends_a_hung_request (Fixture       *f,
                                   gconstpointer  data)
{
  gint64 start = g_get_monotonic_time ();

  ds_http_set_timeout (f->http, 60);
  ds_http_set_deadline (f->http, 1);
  assert_fault (f, DS_SERVICE_GITHUB, "/hang", DS_ERROR_TIMED_OUT, "stopped waiting");
  g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);
}

/* A 304 on a kept connection, then a request that is never answered: the
 * request ends by its deadline and the next one is read normally. */
static void
test_304_then_stall (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  DsHttpInfo info = { 0 };
  gint64 start;
  User *u;

  ds_http_set_timeout (f->http, 60);
  ds_http_set_deadline (f->http, 1);
  ds_http_set_conditional (f->http, DS_SERVICE_GITHUB, TRUE);
  u = fetch_user (f, DS_SERVICE_GITHUB, "/etag-then-stall", &info, &error);
  g_assert_no_error (error);
  user_free (u);
  u = fetch_user (f, DS_SERVICE_GITHUB, "/etag-then-stall", &info, &error);
  g_assert_no_error (error);
  g_assert_true (info.from_cache);
  user_free (u);

  start = g_get_monotonic_time ();
  u = fetch_user (f, DS_SERVICE_GITHUB, "/etag-then-stall", &info, &error);
  g_assert_null (u);
  g_assert_error (error, DS_ERROR, DS_ERROR_TIMED_OUT);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);
  g_clear_error (&error);

  u = fetch_user (f, DS_SERVICE_GITHUB, "/etag-then-stall", &info, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (u->login, ==, "octocat");
  user_free (u);
  g_assert_cmpuint (hits (f, "/etag-then-stall"), ==, 4);
}

static gboolean
cancel_soon (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

/* Cancelling ends the call at once, not when the server or the socket's
 * timeout lets it. */
static void
test_cancel_ends_at_once (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  ds_http_set_timeout (f->http, 60);
  ds_http_fetch_async (f->http, ds_http_call_new (DS_SERVICE_GITHUB, "GET", "/hang"), parse_user,
                       (GDestroyNotify)user_free, cancellable, ds_test_server_done, &f->ts);
  g_timeout_add (100, cancel_soon, cancellable);
  g_assert_null (ds_http_fetch_finish (f->http, ds_test_server_wait (&f->ts), NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);
  assert_next_call_works (f, DS_SERVICE_GITHUB);
}

/* Answers nested too deep for the parser's stack, or holding too many
 * values: refused with a message, and the next call works. */
static void
test_deep_and_huge_json_refused (Fixture       *f,
                                 gconstpointer  data)
{
  ds_http_set_max_body (f->http, 4 << 20);
  ds_http_set_timeout (f->http, 20);
  assert_fault (f, DS_SERVICE_GITHUB, "/deep", DS_ERROR_BAD_RESPONSE, "nested deeper");
  assert_fault (f, DS_SERVICE_GITHUB, "/deep-error", DS_ERROR_SERVER, "HTTP 500");
  assert_fault (f, DS_SERVICE_GITHUB, "/many", DS_ERROR_BAD_RESPONSE, "more than");
}

/* What json-glib reads and RFC 8259 does not (single quotes, comments)
 * never reaches it: the nesting they once hid is refused, whether parsed
 * on the main loop, in a thread or read as an error's body, and the next
 * call works. */
static void
test_json_gate_strict (Fixture       *f,
                       gconstpointer  data)
{
  ds_http_set_max_body (f->http, 4 << 20);
  ds_http_set_timeout (f->http, 20);
  assert_fault (f, DS_SERVICE_GITHUB, "/hidden-deep-small", DS_ERROR_BAD_RESPONSE,
                "not valid JSON (a single quote at byte 15)");
  assert_fault (f, DS_SERVICE_GITHUB, "/hidden-deep", DS_ERROR_BAD_RESPONSE,
                "not valid JSON (a single quote");
  assert_fault (f, DS_SERVICE_GITHUB, "/hidden-deep-error", DS_ERROR_SERVER, "HTTP 500");
  assert_fault (f, DS_SERVICE_SLACK, "/hidden-deep-error", DS_ERROR_SERVER, "HTTP 500");
  assert_fault (f, DS_SERVICE_GITHUB, "/hidden-many", DS_ERROR_BAD_RESPONSE, "single quote");
  assert_fault (f, DS_SERVICE_GITHUB, "/comment", DS_ERROR_BAD_RESPONSE,
                "GitHub sent an answer to GET /comment that Dayshift cannot read: not valid "
                "JSON (a comment at byte 10)");
}

/* A 401 to a request that went out without a token is no rejection. */
static void
test_401_without_token (Fixture       *f,
                        gconstpointer  data)
{
  ds_http_set_token (f->http, DS_SERVICE_GITHUB, NULL);
  assert_fault_only (f, DS_SERVICE_GITHUB, "/401", DS_ERROR_AUTH, "none is saved");
}

/* A client given a bad argument (a repository name or a path that would
 * reach elsewhere in the API) says so as an error, sends nothing, and logs
 * no warning. */
static void
test_github_bad_arguments (Fixture       *f,
                           gconstpointer  data)
{
  static const char * const repos[] = { "../orgs", "acme/..", "acme", "acme/ops/x", "ac me/ops",
                                        "", NULL };
  guint before = g_hash_table_size (f->hits);

  for (guint i = 0; repos[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) issues = NULL;

      ds_github_list_issues_async (f->http, repos[i], NULL, "open", NULL, ds_test_server_done,
                                   &f->ts);
      issues = ds_github_list_issues_finish (f->http, ds_test_server_wait (&f->ts), &error);
      g_assert_null (issues);
      g_assert_error (error, DS_ERROR, DS_ERROR_INVALID_ARGUMENT);
      g_assert_false (ds_github_valid_repo (repos[i]));
    }
  {
    g_autoptr(GError) error = NULL;

    ds_github_get_file_async (f->http, "acme/ops", "../../user", NULL, ds_test_server_done,
                              &f->ts);
    g_assert_null (ds_github_get_file_finish (f->http, ds_test_server_wait (&f->ts), NULL,
                                              &error));
    g_assert_error (error, DS_ERROR, DS_ERROR_INVALID_ARGUMENT);
  }
  g_assert_true (ds_github_valid_repo ("acme-co/ops.tools_2"));
  g_assert_cmpuint (g_hash_table_size (f->hits), ==, before);
}

/* A comment's author and when it was posted (who was on, for a
 * handoff); a deleted account has no author; a login that is not text is
 * an error that names it. */
static void
test_github_comments (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) comments = NULL;
  DsGhComment *c;

  ds_github_list_comments_async (f->http, "acme/ops", 5, NULL, ds_test_server_done, &f->ts);
  comments = ds_github_list_comments_finish (f->http, ds_test_server_wait (&f->ts), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (comments->len, ==, 2);
  c = comments->pdata[0];
  g_assert_cmpint (c->id, ==, 1);
  g_assert_cmpstr (c->author, ==, "dana-levi");
  g_assert_cmpint (c->created, ==, 1795194300);
  g_assert_cmpstr (c->body, ==, "Handoff.");
  c = comments->pdata[1];
  g_assert_null (c->author);
  g_assert_cmpint (c->created, ==, 0);
  g_clear_pointer (&comments, g_ptr_array_unref);

  ds_github_list_comments_async (f->http, "acme/ops", 6, NULL, ds_test_server_done, &f->ts);
  comments = ds_github_list_comments_finish (f->http, ds_test_server_wait (&f->ts), &error);
  g_assert_null (comments);
  g_assert_error (error, DS_ERROR, DS_ERROR_BAD_RESPONSE);
  g_assert_nonnull (strstr (error->message, "login"));
}

static void
test_connection_refused (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autofree char *dead = NULL;
  guint16 port;
  User *u;

  /* A port that was just free: nothing listens there. */
  port = g_socket_listener_add_any_inet_port (listener, NULL, &error);
  g_assert_no_error (error);
  g_socket_listener_close (listener);
  dead = g_strdup_printf ("http://127.0.0.1:%u", port);
  g_assert_true (ds_http_set_base_url (f->http, DS_SERVICE_SLACK, dead, &error));

  u = fetch_user (f, DS_SERVICE_SLACK, "/slack-ok", NULL, &error);
  g_assert_null (u);
  g_assert_error (error, DS_ERROR, DS_ERROR_NETWORK);
  g_assert_nonnull (strstr (error->message, "could not reach Slack"));
  g_clear_error (&error);

  g_assert_true (ds_http_set_base_url (f->http, DS_SERVICE_SLACK, f->ts.base, &error));
  assert_next_call_works (f, DS_SERVICE_SLACK);
}

/* A server that promises 1000 bytes, sends a few and hangs up. */
static gboolean
on_truncating_client (GThreadedSocketService *service,
                      GSocketConnection      *conn,
                      GObject                *source,
                      gpointer                user_data)
{
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (conn));
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (conn));
  const char *reply = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                      "Content-Length: 1000\r\n\r\n{\"login\": \"oc";
  char buf[4096];

  (void)g_input_stream_read (in, buf, sizeof buf, NULL, NULL);
  (void)g_output_stream_write_all (out, reply, strlen (reply), NULL, NULL, NULL);
  (void)g_io_stream_close (G_IO_STREAM (conn), NULL, NULL);
  return TRUE;
}

static void
test_truncated_body (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketService) service = g_threaded_socket_service_new (1);
  g_autofree char *url = NULL;
  guint16 port;
  User *u;

  port = g_socket_listener_add_any_inet_port (G_SOCKET_LISTENER (service), NULL, &error);
  g_assert_no_error (error);
  g_signal_connect (service, "run", G_CALLBACK (on_truncating_client), NULL);
  g_socket_service_start (service);
  url = g_strdup_printf ("http://127.0.0.1:%u", port);
  g_assert_true (ds_http_set_base_url (f->http, DS_SERVICE_PAGERDUTY, url, &error));

  u = fetch_user (f, DS_SERVICE_PAGERDUTY, "/users/me", NULL, &error);
  g_assert_null (u);
  g_assert_error (error, DS_ERROR, DS_ERROR_BAD_RESPONSE);
  g_assert_nonnull (strstr (error->message, "cut short"));
  g_test_message ("truncated: %s", error->message);
  g_clear_error (&error);
  /* Stopped, and closed only when its pending accept lets go of it (the
   * service's last reference): closed while that accept is pending, GLib's
   * accept fails ("Listener/Socket is already closed") and warns. */
  g_socket_service_stop (service);

  g_assert_true (ds_http_set_base_url (f->http, DS_SERVICE_PAGERDUTY, f->ts.base, &error));
  assert_next_call_works (f, DS_SERVICE_PAGERDUTY);
}

static void
test_slack_errors_in_body (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  User *u;

  assert_fault (f, DS_SERVICE_SLACK, "/slack-not-in-channel", DS_ERROR_SERVICE, "Invite");
  assert_fault (f, DS_SERVICE_SLACK, "/slack-invalid-auth", DS_ERROR_AUTH, "invalid_auth");

  /* already_reacted is success; the parser sees the body. */
  u = fetch_user (f, DS_SERVICE_SLACK, "/slack-already-reacted", NULL, &error);
  g_assert_null (u);
  /* ...which has no login, so the test parser says so: the call itself passed. */
  g_assert_error (error, DS_ERROR, DS_ERROR_BAD_RESPONSE);
  g_assert_nonnull (strstr (error->message, "“login” is missing"));
}

static void
test_redirects (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  User *u;

  assert_fault (f, DS_SERVICE_GITHUB, "/redirect-other", DS_ERROR_BAD_RESPONSE, "another server");

  u = fetch_user (f, DS_SERVICE_GITHUB, "/redirect-same", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (u->login, ==, "octocat");
  user_free (u);
  g_assert_cmpuint (hits (f, "/redirect-same"), ==, 1);
}

static void
test_insecure_base_url (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (ds_http_set_base_url (f->http, DS_SERVICE_GITHUB, "http://github.example.com",
                                        &error));
  g_assert_error (error, DS_ERROR, DS_ERROR_INSECURE_URL);
  g_assert_nonnull (strstr (error->message, "https://"));
  g_clear_error (&error);
  g_assert_false (ds_http_set_base_url (f->http, DS_SERVICE_GITHUB, "ftp://x", &error));
  g_clear_error (&error);
  g_assert_false (ds_http_set_base_url (f->http, DS_SERVICE_GITHUB, "not a url", &error));
  g_clear_error (&error);
  /* The earlier (loopback) base URL is still in force. */
  g_assert_cmpstr (ds_http_get_base_url (f->http, DS_SERVICE_GITHUB), ==, f->ts.base);
  g_assert_true (ds_http_set_base_url (f->http, DS_SERVICE_GITHUB,
                                       "https://github.example.com/api/v3/", &error));
  g_assert_cmpstr (ds_http_get_base_url (f->http, DS_SERVICE_GITHUB), ==,
                   "https://github.example.com/api/v3");
  g_assert_true (ds_http_check_url (DS_SERVICE_GITHUB, "http://[::1]:8080/x", NULL));
  g_assert_true (ds_http_check_url (DS_SERVICE_GITHUB, "http://localhost:8080/x", NULL));
  g_assert_false (ds_http_check_url (DS_SERVICE_GITHUB, "http://10.0.0.1/x", NULL));
}

static void
test_rate_limits_are_per_service (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  User *u;

  /* GitHub: remaining 0 and a reset time. */
  u = fetch_user (f, DS_SERVICE_GITHUB, "/403-limit", NULL, &error);
  g_assert_null (u);
  g_assert_error (error, DS_ERROR, DS_ERROR_RATE_LIMITED);
  g_assert_nonnull (strstr (error->message, "GitHub asked Dayshift to wait until"));
  g_assert_cmpint (ds_http_get_backoff_until (f->http, DS_SERVICE_GITHUB), >=, now + 590);
  g_clear_error (&error);

  /* While it lasts, GitHub calls fail at once, without a request. */
  u = fetch_user (f, DS_SERVICE_GITHUB, "/ok", NULL, &error);
  g_assert_error (error, DS_ERROR, DS_ERROR_RATE_LIMITED);
  g_assert_cmpuint (hits (f, "/ok"), ==, 0);
  g_clear_error (&error);

  /* The other services are not affected. */
  assert_next_call_works (f, DS_SERVICE_PAGERDUTY);
  assert_next_call_works (f, DS_SERVICE_SLACK);

  /* Slack: 429 + Retry-After. */
  u = fetch_user (f, DS_SERVICE_SLACK, "/429", NULL, &error);
  g_assert_error (error, DS_ERROR, DS_ERROR_RATE_LIMITED);
  g_assert_cmpint (ds_http_get_backoff_until (f->http, DS_SERVICE_SLACK), >=, now + 29);
  g_assert_cmpint (ds_http_get_backoff_until (f->http, DS_SERVICE_SLACK), <=, now + 40);
  g_clear_error (&error);

  /* PagerDuty: 429 + ratelimit-reset in seconds. */
  u = fetch_user (f, DS_SERVICE_PAGERDUTY, "/pd-429", NULL, &error);
  g_assert_error (error, DS_ERROR, DS_ERROR_RATE_LIMITED);
  g_assert_cmpint (ds_http_get_backoff_until (f->http, DS_SERVICE_PAGERDUTY), >=, now + 44);
  g_clear_error (&error);

  /* ZenHub: 403 + X-RateLimit-Reset as a Unix time. */
  u = fetch_user (f, DS_SERVICE_ZENHUB, "/zh-403", NULL, &error);
  g_assert_error (error, DS_ERROR, DS_ERROR_RATE_LIMITED);
  g_assert_cmpint (ds_http_get_backoff_until (f->http, DS_SERVICE_ZENHUB), >=, now + 49);
  g_assert_null (u);
}

static void
test_secondary_limit_backs_off (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  User *u;

  /* A 403 with no headers is a permission problem... */
  u = fetch_user (f, DS_SERVICE_GITHUB, "/403-secondary", NULL, &error);
  g_assert_error (error, DS_ERROR, DS_ERROR_FORBIDDEN);
  g_assert_null (u);
  g_clear_error (&error);
  /* ...and a 429 with none waits at least a minute. */
  u = fetch_user (f, DS_SERVICE_GITHUB, "/429", NULL, &error);
  g_assert_null (u);
  /* The 429 path sets Retry-After: 30; GitHub takes it. */
  g_assert_error (error, DS_ERROR, DS_ERROR_RATE_LIMITED);
  g_assert_cmpint (ds_http_get_backoff_until (f->http, DS_SERVICE_GITHUB), >=, now + 29);
}

static void
test_conditional_requests (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  DsHttpInfo info = { 0 };

  for (guint round = 0; round < 3; round++)
    {
      DsHttpCall *call = ds_http_call_new (DS_SERVICE_GITHUB, "GET", "/cond");
      User *u;

      ds_http_call_set_conditional (call, TRUE);
      ds_http_fetch_async (f->http, call, parse_user, (GDestroyNotify)user_free, NULL,
                           ds_test_server_done, &f->ts);
      u = ds_http_fetch_finish (f->http, ds_test_server_wait (&f->ts), &info, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (u->login, ==, "cached");
      g_assert_cmpint (u->id, ==, 7);
      g_assert_cmpuint (info.poll_interval, ==, 60);
      g_assert_true (info.from_cache == (round > 0));
      g_assert_cmpuint (info.status, ==, round > 0 ? 304 : 200);
      user_free (u);
    }
  g_assert_cmpuint (hits (f, "/cond"), ==, 3);
  g_assert_nonnull (strstr (f->last_headers->str, "If-None-Match: \"v1\""));
}

/* What the token may do comes with the answer, whole however long, and
 * only when the server said it. */
static void
test_scopes_whole (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sent = long_scopes ();
  DsHttpInfo info = { 0 }, copy;
  User *u;

  ds_http_fetch_async (f->http, ds_http_call_new (DS_SERVICE_GITHUB, "GET", "/many-scopes"),
                       parse_user, (GDestroyNotify)user_free, NULL, ds_test_server_done, &f->ts);
  u = ds_http_fetch_finish (f->http, ds_test_server_wait (&f->ts), &info, &error);
  g_assert_no_error (error);
  user_free (u);
  g_assert_true (info.has_scopes);
  g_assert_cmpuint (strlen (sent), ==, 2000);
  g_assert_cmpstr (info.scopes, ==, sent);
  /* A copy by value says the same, with nothing to free. */
  copy = info;
  g_assert_cmpstr (copy.scopes, ==, sent);

  ds_http_fetch_async (f->http, ds_http_call_new (DS_SERVICE_GITHUB, "GET", "/ok"),
                       parse_user, (GDestroyNotify)user_free, NULL, ds_test_server_done, &f->ts);
  u = ds_http_fetch_finish (f->http, ds_test_server_wait (&f->ts), &info, &error);
  g_assert_no_error (error);
  user_free (u);
  g_assert_false (info.has_scopes);
  g_assert_null (info.scopes);
}

static GPtrArray *
fetch_pages (Fixture     *f,
             DsService    service,
             const char  *path,
             guint        max_pages,
             GError     **error)
{
  GPtrArray *items;

  ds_http_fetch_pages_async (f->http, ds_http_call_new (service, "GET", path), page_ids, g_free,
                             max_pages, NULL, ds_test_server_done, &f->ts);
  items = ds_http_fetch_pages_finish (f->http, ds_test_server_wait (&f->ts), NULL, error);
  return items;
}

static char *
join (GPtrArray *items)
{
  g_ptr_array_add (items, NULL);
  return g_strjoinv (",", (char **)items->pdata);
}

static void
test_pagination (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) gh = fetch_pages (f, DS_SERVICE_GITHUB, "/gh-pages?per_page=2", 10, &error);
  g_autoptr(GPtrArray) gh_capped = NULL;
  g_autoptr(GPtrArray) slack = NULL;
  g_autoptr(GPtrArray) pd = NULL;
  g_autofree char *a = NULL, *b = NULL, *c = NULL, *d = NULL;

  g_assert_no_error (error);
  a = join (gh);
  g_assert_cmpstr (a, ==, "10,11,20,21,30,31");

  gh_capped = fetch_pages (f, DS_SERVICE_GITHUB, "/gh-pages?per_page=2", 2, &error);
  b = join (gh_capped);
  g_assert_cmpstr (b, ==, "10,11,20,21");

  slack = fetch_pages (f, DS_SERVICE_SLACK, "/slack-pages?limit=1", 10, &error);
  g_assert_no_error (error);
  c = join (slack);
  g_assert_cmpstr (c, ==, "1,2");

  pd = fetch_pages (f, DS_SERVICE_PAGERDUTY, "/pd-pages?limit=1", 10, &error);
  g_assert_no_error (error);
  d = join (pd);
  g_assert_cmpstr (d, ==, "0,1,2");
}

/* A server with a certificate nobody signed: the request fails, nothing is
 * sent in the clear, and the error says so. */
static void
test_tls_errors_are_errors (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  DsTestServer tls = { 0 };
  User *u;

  ds_test_server_start_tls (&tls, handler, f);
  g_assert_true (ds_http_set_base_url (f->http, DS_SERVICE_GITHUB, tls.base, &error));
  /* The handshake fails at once; how long it takes to fail depends on the
   * machine's load (two TLS ends in one process, under a sanitizer), so no
   * deadline decides this test. */
  ds_http_set_timeout (f->http, 120);
  u = fetch_user (f, DS_SERVICE_GITHUB, "/ok", NULL, &error);
  g_assert_null (u);
  g_assert_error (error, DS_ERROR, DS_ERROR_NETWORK);
  g_assert_nonnull (strstr (error->message, "secure connection to GitHub failed"));
  g_test_message ("tls: %s", error->message);
  g_assert_cmpuint (hits (f, "/ok"), ==, 0);
  ds_test_server_stop (&tls);
}

static GString *log_text;

static GLogWriterOutput
record_log (GLogLevelFlags   level,
            const GLogField *fields,
            gsize            n_fields,
            gpointer         user_data)
{
  for (gsize i = 0; i < n_fields; i++)
    if (g_str_equal (fields[i].key, "MESSAGE") && fields[i].length < 0)
      g_string_append_printf (log_text, "%s\n", (const char *)fields[i].value);
  /* Warnings and criticals still fail the test. */
  if (level & (G_LOG_LEVEL_WARNING | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_ERROR))
    return g_log_writer_default (level, fields, n_fields, user_data);
  return G_LOG_WRITER_HANDLED;
}

static void
test_token_never_logged (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  User *u;

  g_assert_nonnull (log_text);
  g_string_truncate (log_text, 0);
  u = fetch_user (f, DS_SERVICE_GITHUB, "/ok", NULL, &error);
  user_free (u);
  u = fetch_user (f, DS_SERVICE_GITHUB, "/401", NULL, &error);
  g_assert_null (u);
  g_assert_null (strstr (error->message, "SECRET"));
  /* Debug output was on, and said something, but never the token. */
  g_assert_nonnull (strstr (log_text->str, "GET /ok"));
  g_assert_null (strstr (log_text->str, "SECRET"));
}

/* GSocketService's pending accept can finish after the listener is closed
 * and then warns instead of seeing it cancelled: a race inside GLib (2.74)
 * when a test stops its server, not something Dayshift does. Every other
 * warning stays fatal. */
static gboolean
ignore_listener_race (const char     *log_domain,
                      GLogLevelFlags  log_level,
                      const char     *message,
                      gpointer        user_data)
{
  return !(g_strcmp0 (log_domain, "GLib-GIO") == 0 && message != NULL &&
           strstr (message, "Listener is already closed") != NULL);
}

/* test-http-waits.c: the waits a service asks for, bounded and said. */
void ds_test_http_waits_add (void);

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_log_set_fatal_handler (ignore_listener_race, NULL);

  log_text = g_string_new (NULL);
  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
  g_log_set_writer_func (record_log, NULL, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/ds/http/ok-and-auth-headers", test_ok_and_auth_headers);
  ADD ("/ds/http/status-faults", test_status_faults);
  ADD ("/ds/http/body-faults", test_body_faults);
  ADD ("/ds/http/large-body-in-thread", test_large_valid_body_parsed_in_thread);
  ADD ("/ds/http/hang-times-out", test_hang_times_out);
  ADD ("/ds/http/deadline-ends-a-hung-request", test_deadline_ends_a_hung_request);
  ADD ("/ds/http/304-then-stall", test_304_then_stall);
  ADD ("/ds/http/401-without-token", test_401_without_token);
  ADD ("/ds/http/github-bad-arguments", test_github_bad_arguments);
  ADD ("/ds/http/github-comments", test_github_comments);
  ADD ("/ds/http/deep-and-huge-json-refused", test_deep_and_huge_json_refused);
  ADD ("/ds/http/json-gate-strict", test_json_gate_strict);
  ADD ("/ds/http/cancel-ends-at-once", test_cancel_ends_at_once);
  ADD ("/ds/http/connection-refused", test_connection_refused);
  ADD ("/ds/http/truncated-body", test_truncated_body);
  ADD ("/ds/http/slack-errors-in-body", test_slack_errors_in_body);
  ADD ("/ds/http/redirects", test_redirects);
  ADD ("/ds/http/insecure-base-url", test_insecure_base_url);
  ADD ("/ds/http/rate-limits-per-service", test_rate_limits_are_per_service);
  ADD ("/ds/http/secondary-limit", test_secondary_limit_backs_off);
  ADD ("/ds/http/conditional-requests", test_conditional_requests);
  ADD ("/ds/http/scopes-whole", test_scopes_whole);
  ADD ("/ds/http/pagination", test_pagination);
  ADD ("/ds/http/token-never-logged", test_token_never_logged);
  ADD ("/ds/http/tls-errors-are-errors", test_tls_errors_are_errors);
#undef ADD
  ds_test_http_waits_add ();

  return g_test_run ();
}
