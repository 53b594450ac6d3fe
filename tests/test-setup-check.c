/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "ds-setup-check-testing.h"

/* The setup check's run and its rows, against a loopback GitHub: a refused
 * token, a fine-grained one, a classic one missing a scope; a token not
 * saved; the rows as text and JSON. Each service's own checks are in
 * test-setup-check-SERVICE.c. */

static void
handler (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  const char *auth = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                   "Authorization");
  SoupMessageHeaders *answer = soup_server_message_get_response_headers (msg);

  if (g_str_equal (path, "/gh/user"))
    {
      if (auth == NULL || strstr (auth, "refused") != NULL)
        {
          ds_test_respond_json (msg, 401, "{\"message\": \"Bad credentials\"}");
          return;
        }
      /* A classic token says its scopes; a fine-grained one says none. */
      if (strstr (auth, "classic-all") != NULL)
        soup_message_headers_append (answer, "X-OAuth-Scopes",
                                     "admin:org, notifications, repo, workflow");
      else if (strstr (auth, "classic-some") != NULL)
        soup_message_headers_append (answer, "X-OAuth-Scopes", "notifications");
      else if (strstr (auth, "classic-repo") != NULL)
        soup_message_headers_append (answer, "X-OAuth-Scopes", "repo, read:org");
      ds_test_respond_json (msg, 200, "{\"login\": \"octocat\", \"id\": 1, \"name\": null}");
    }
  else
    ds_test_respond_json (msg, 404, "{\"message\": \"Not Found\"}");
}

static DsTeamProfile *
profile_for (DsTestServer *ts)
{
  g_autofree char *json = g_strdup_printf (
    "{\"version\": 1, \"name\": \"T\", \"github\": {\"api_url\": \"%s/gh\", \"org\": \"acme\", "
    "\"team\": \"devops\", \"repo\": \"acme/ops\"}, \"super_epics\": [{\"name\": \"E\", \"issue\": \"acme/ops#1\", "
    "\"kinds\": [\"request\"]}], \"teammates\": [{\"name\": \"A\", \"github\": \"a\"}]}",
    ts->base);
  g_autoptr(GError) error = NULL;
  DsTeamProfile *profile = ds_team_profile_new_from_data (json, strlen (json), "test", &error);

  g_assert_no_error (error);
  return profile;
}

static GPtrArray *
run (DsTestServer *ts,
     const char   *github_token)
{
  g_autoptr(DsTeamProfile) profile = profile_for (ts);
  g_autoptr(DsSetupCheck) check = ds_setup_check_new (profile);

  ds_setup_check_set_token (check, DS_SERVICE_GITHUB, FALSE, github_token);
  return ds_test_setup_run (ts, check);
}

static void
test_github_token (void)
{
  DsTestServer ts = { 0 };
  g_autoptr(GPtrArray) refused = NULL, fine = NULL, some = NULL, all = NULL, repo = NULL;
  g_autoptr(GPtrArray) none = NULL;

  ds_test_server_start (&ts, handler, NULL);

  refused = run (&ts, "refused");
  g_assert_cmpint (ds_test_setup_row (refused, "github.token")->state, ==, DS_CHECK_FAILED);
  g_assert_nonnull (strstr (ds_test_setup_row (refused, "github.token")->detail, "Bad credentials"));
  g_assert_cmpstr (ds_test_setup_row (refused, "github.token")->link, ==, "https://github.com/settings/tokens");
  g_assert_cmpint (ds_test_setup_row (refused, "github.scopes")->state, ==, DS_CHECK_SKIPPED);

  fine = run (&ts, "github_pat_fine");
  g_assert_cmpint (ds_test_setup_row (fine, "github.token")->state, ==, DS_CHECK_PASSED);
  g_assert_cmpstr (ds_test_setup_row (fine, "github.token")->detail, ==, "GitHub user octocat");
  g_assert_cmpint (ds_test_setup_row (fine, "github.kind")->state, ==, DS_CHECK_FAILED);
  g_assert_nonnull (strstr (ds_test_setup_row (fine, "github.kind")->detail, "fine-grained"));
  g_assert_nonnull (strstr (ds_test_setup_row (fine, "github.kind")->fix, "classic"));

  some = run (&ts, "classic-some");
  g_assert_cmpint (ds_test_setup_row (some, "github.kind")->state, ==, DS_CHECK_PASSED);
  g_assert_cmpint (ds_test_setup_row (some, "github.scopes")->state, ==, DS_CHECK_FAILED);
  g_assert_cmpstr (ds_test_setup_row (some, "github.scopes")->detail, ==,
                   "It lacks repo, read:org (it has: notifications).");
  g_assert_nonnull (strstr (ds_test_setup_row (some, "github.scopes")->fix, "repo, read:org"));

  /* admin:org covers read:org. */
  all = run (&ts, "classic-all");
  g_assert_cmpint (ds_test_setup_row (all, "github.scopes")->state, ==, DS_CHECK_PASSED);

  /* repo covers notifications, as GitHub's notifications endpoints say. */
  repo = run (&ts, "classic-repo");
  g_assert_cmpint (ds_test_setup_row (repo, "github.scopes")->state, ==, DS_CHECK_PASSED);

  none = run (&ts, NULL);
  g_assert_cmpint (ds_test_setup_row (none, "github.token")->state, ==, DS_CHECK_FAILED);
  g_assert_nonnull (strstr (ds_test_setup_row (none, "github.token")->detail, "No GitHub token is saved"));
  g_assert_nonnull (strstr (ds_test_setup_row (none, "github.token")->fix, "Settings"));

  ds_test_server_stop (&ts);
}

static void
test_rows_said (void)
{
  DsTestServer ts = { 0 };
  g_autoptr(GPtrArray) some = NULL;
  g_autofree char *text = NULL, *json = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *o;

  ds_test_server_start (&ts, handler, NULL);
  some = run (&ts, "classic-some");
  text = ds_check_rows_to_text (some);
  g_assert_nonnull (strstr (text, "GitHub\n  ✓ GitHub token: GitHub user octocat\n"));
  g_assert_nonnull (strstr (text, "  ✗ The token’s scopes: It lacks repo, read:org"));
  g_assert_nonnull (strstr (text, "      Fix: On GitHub"));
  g_assert_nonnull (strstr (text, "checks failed."));

  json = ds_check_rows_to_json (some);
  root = json_from_string (json, NULL);
  g_assert_nonnull (root);
  o = json_node_get_object (root);
  g_assert_false (json_object_get_boolean_member (o, "ok"));
  g_assert_cmpint (json_object_get_int_member (o, "failed"), ==, ds_check_rows_failed (some));
  g_assert_cmpint (json_array_get_length (json_object_get_array_member (o, "checks")), ==,
                   some->len);
  ds_test_server_stop (&ts);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ds/setup-check/github-token", test_github_token);
  g_test_add_func ("/ds/setup-check/rows-said", test_rows_said);
  return g_test_run ();
}
