/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "ds-error.h"
#include "ds-token-check.h"

#include "ds-test-server.h"

/* Settings' "Test": who a token belongs to, asked of loopback services in
 * the shapes the vendors document; a refused token in the client's words;
 * a failure never promised to be tried again, since a check is asked once. */

static void
handler (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  const char *auth = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                   "Authorization");
  gboolean good = auth != NULL && strstr (auth, "good-token") != NULL;

  if (g_str_equal (path, "/gh/user"))
    ds_test_respond_json (msg, good ? 200 : 401,
                          good ? "{\"login\": \"octocat\", \"id\": 1, \"name\": \"Mona Octocat\"}"
                               : "{\"message\": \"Bad credentials\"}");
  else if (g_str_equal (path, "/sl/auth.test"))
    ds_test_respond_json (msg, 200,
                          good ? "{\"ok\": true, \"user\": \"jane\", \"user_id\": \"U1\", "
                                 "\"team\": \"Acme\", \"team_id\": \"T1\", \"url\": \"x\"}"
                               : "{\"ok\": false, \"error\": \"invalid_auth\"}");
  else if (g_str_equal (path, "/pd/users/me"))
    ds_test_respond_json (msg, good ? 200 : 401,
                          good ? "{\"user\": {\"id\": \"P1\", \"name\": \"Jane Doe\", "
                                 "\"email\": \"jane@acme.test\", \"time_zone\": \"UTC\"}}"
                               : "{\"error\": {\"message\": \"Unauthorized\", \"code\": 2006}}");
  else if (g_str_equal (path, "/down/user"))
    ds_test_respond_json (msg, 503, "{}");
  else
    ds_test_respond_json (msg, 404, "{}");
}

static char *
check (DsTestServer *ts,
       DsService     service,
       const char   *prefix,
       const char   *token,
       GError      **error)
{
  g_autofree char *url = g_strconcat (ts->base, prefix, NULL);

  ds_token_check_async (service, url, token, NULL, ds_test_server_done, ts);
  return ds_token_check_finish (ds_test_server_wait (ts), error);
}

static void
test_who (void)
{
  DsTestServer ts = { 0 };
  static const struct {
    DsService service; const char *prefix; const char *who; const char *refused;
  } cases[] = {
    { DS_SERVICE_GITHUB, "/gh", "GitHub user octocat (Mona Octocat)", "GitHub" },
    { DS_SERVICE_SLACK, "/sl", "Slack user jane in the Acme workspace", "invalid_auth" },
    { DS_SERVICE_PAGERDUTY, "/pd", "PagerDuty user Jane Doe (jane@acme.test)", "PagerDuty" },
  };

  ds_test_server_start (&ts, handler, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *who = check (&ts, cases[i].service, cases[i].prefix, "good-token", &error);
      g_autofree char *none = NULL;

      g_assert_no_error (error);
      g_assert_cmpstr (who, ==, cases[i].who);

      none = check (&ts, cases[i].service, cases[i].prefix, "bad-token", &error);
      g_assert_null (none);
      g_assert_error (error, DS_ERROR, DS_ERROR_AUTH);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, cases[i].refused));
    }

  /* No "who am I" for ZenHub: said, not pretended. */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *who = check (&ts, DS_SERVICE_ZENHUB, "/zh", "good-token", &error);

    g_assert_null (who);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
    g_assert_false (ds_token_check_supported (DS_SERVICE_ZENHUB));
  }

  /* A plain-HTTP address off this computer is refused before any token goes. */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *who = NULL;

    ds_token_check_async (DS_SERVICE_GITHUB, "http://203.0.113.9/api", "good-token", NULL,
                          ds_test_server_done, &ts);
    who = ds_token_check_finish (ds_test_server_wait (&ts), &error);
    g_assert_null (who);
    g_assert_nonnull (error);
  }
  ds_test_server_stop (&ts);
}

static void
test_once (void)
{
  DsTestServer ts = { 0 };
  g_autoptr(GError) down = NULL;
  g_autoptr(GError) unreachable = NULL;
  g_autofree char *who = NULL;

  ds_test_server_start (&ts, handler, NULL);
  who = check (&ts, DS_SERVICE_GITHUB, "/down", "good-token", &down);
  g_assert_null (who);
  g_assert_error (down, DS_ERROR, DS_ERROR_SERVER);
  g_test_message ("%s", down->message);
  g_assert_nonnull (strstr (down->message, "GitHub had a problem answering GET /down/user"));
  g_assert_null (strstr (down->message, "Dayshift will try again"));

  /* Nothing listens on port 1. */
  ds_token_check_async (DS_SERVICE_GITHUB, "http://127.0.0.1:1/api", "good-token", NULL,
                        ds_test_server_done, &ts);
  who = ds_token_check_finish (ds_test_server_wait (&ts), &unreachable);
  g_assert_null (who);
  g_assert_error (unreachable, DS_ERROR, DS_ERROR_NETWORK);
  g_test_message ("%s", unreachable->message);
  g_assert_nonnull (strstr (unreachable->message, "could not reach GitHub"));
  g_assert_null (strstr (unreachable->message, "try again"));
  ds_test_server_stop (&ts);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ds/token-check/who", test_who);
  g_test_add_func ("/ds/token-check/once", test_once);
  return g_test_run ();
}
