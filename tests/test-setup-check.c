/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "ds-setup-check-testing.h"

/* The setup check's run and its rows, against a loopback GitHub: a refused
 * token, a fine-grained one, a classic one missing a scope, a GitHub that
 * does not answer; a token not saved; the fixes where the profile names the
 * team's OAuth app; GitHub's pages on the web site of the profile's
 * address; the rows as text and JSON. Each service's own checks are in
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
      if (strstr (auth, "down") != NULL)
        {
          ds_test_respond (msg, 502, "text/html", "<html><h1>502 Bad Gateway</h1></html>");
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

/* A profile whose GitHub is @api_url (none if NULL), naming the OAuth app
 * @client_id (or none). */
static DsTeamProfile *
profile_at (const char *api_url,
            const char *client_id)
{
  g_autofree char *app = client_id != NULL
    ? g_strdup_printf (", \"oauth_client_id\": \"%s\"", client_id) : g_strdup ("");
  g_autofree char *at = api_url != NULL
    ? g_strdup_printf ("\"api_url\": \"%s\", ", api_url) : g_strdup ("");
  g_autofree char *json = g_strdup_printf (
    "{\"version\": 1, \"name\": \"T\", \"github\": {%s\"org\": \"acme\", "
    "\"team\": \"devops\", \"repo\": \"acme/ops\"%s}, \"super_epics\": [{\"name\": \"E\", "
    "\"issue\": \"acme/ops#1\", \"kinds\": [\"request\"]}], \"teammates\": [{\"name\": \"A\", "
    "\"github\": \"a\"}]}", at, app);
  g_autoptr(GError) error = NULL;
  DsTeamProfile *profile = ds_team_profile_new_from_data (json, strlen (json), "test", &error);

  g_assert_no_error (error);
  return profile;
}

static GPtrArray *
run_with (DsTestServer *ts,
          const char   *github_token,
          const char   *client_id)
{
  g_autofree char *api_url = g_strconcat (ts->base, "/gh", NULL);
  g_autoptr(DsTeamProfile) profile = profile_at (api_url, client_id);
  g_autoptr(DsSetupCheck) check = ds_setup_check_new (profile);

  ds_setup_check_set_token (check, DS_SERVICE_GITHUB, FALSE, github_token);
  return ds_test_setup_run (ts, check);
}

static GPtrArray *
run (DsTestServer *ts,
     const char   *github_token)
{
  return run_with (ts, github_token, NULL);
}

/* The row @id is in @state, its detail and its fix say what is given (if
 * given). */
static void
assert_row (GPtrArray    *rows,
            const char   *id,
            DsCheckState  state,
            const char   *detail,
            const char   *fix)
{
  const DsCheckRow *r = ds_test_setup_row (rows, id);

  if (r->state != state)
    g_error ("%s is %s, not %s: %s", id, ds_check_state_to_string (r->state),
             ds_check_state_to_string (state), r->detail);
  if (detail != NULL && strstr (r->detail, detail) == NULL)
    g_error ("%s: “%s” is not in “%s”", id, detail, r->detail);
  if (fix != NULL && (r->fix == NULL || strstr (r->fix, fix) == NULL))
    g_error ("%s: the fix “%s” does not say “%s”", id, r->fix ? r->fix : "(none)", fix);
}

static void
test_github_token (void)
{
  DsTestServer ts = { 0 };
  g_autoptr(GPtrArray) refused = NULL, fine = NULL, some = NULL, all = NULL, repo = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autofree char *tokens_page = NULL;

  ds_test_server_start (&ts, handler, NULL);

  refused = run (&ts, "refused");
  g_assert_cmpint (ds_test_setup_row (refused, "github.token")->state, ==, DS_CHECK_FAILED);
  g_assert_nonnull (strstr (ds_test_setup_row (refused, "github.token")->detail, "Bad credentials"));
  g_assert_nonnull (strstr (ds_test_setup_row (refused, "github.token")->fix, "Make a new classic token"));
  /* GitHub's page on the web site of the profile's address. */
  tokens_page = g_strconcat (ts.base, "/settings/tokens", NULL);
  g_assert_cmpstr (ds_test_setup_row (refused, "github.token")->link, ==, tokens_page);
  assert_row (refused, "github.scopes", DS_CHECK_SKIPPED, "which was refused", NULL);

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

/* A row by hand, in @state. */
static DsCheckRow *
row_new (DsCheckState state)
{
  DsCheckRow *row = g_new0 (DsCheckRow, 1);

  row->section = DS_SERVICE_GITHUB;
  row->id = g_strdup ("github.x");
  row->title = g_strdup ("X");
  row->state = state;
  return row;
}

static void
row_free (DsCheckRow *row)
{
  g_free (row->id);
  g_free (row->title);
  g_free (row);
}

/* @passed, @failed and @skipped rows: what they come to, in words and in
 * JSON. */
static char *
summary_of (guint     passed,
            guint     failed,
            guint     skipped,
            gboolean *ok,
            gint64   *json_skipped)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify)row_free);
  g_autofree char *json = NULL;
  g_autoptr(JsonNode) root = NULL;

  for (guint i = 0; i < passed; i++)
    g_ptr_array_add (rows, row_new (DS_CHECK_PASSED));
  for (guint i = 0; i < failed; i++)
    g_ptr_array_add (rows, row_new (DS_CHECK_FAILED));
  for (guint i = 0; i < skipped; i++)
    g_ptr_array_add (rows, row_new (DS_CHECK_SKIPPED));
  json = ds_check_rows_to_json (rows);
  root = json_from_string (json, NULL);
  *ok = json_object_get_boolean_member (json_node_get_object (root), "ok");
  *json_skipped = json_object_get_int_member (json_node_get_object (root), "skipped");
  g_assert_true (*ok == ds_check_rows_ok (rows));
  return ds_check_rows_summary (rows);
}

/* A check not made is not passed: counted, and the setup is not proved. */
static void
test_skipped_counted (void)
{
  gboolean ok;
  gint64 skipped;
  g_autofree char *all = summary_of (23, 0, 0, &ok, &skipped);
  g_autofree char *one = NULL, *unchecked = NULL, *failed = NULL, *both = NULL;

  g_assert_cmpstr (all, ==, "All 23 checks passed.");
  g_assert_true (ok);
  g_assert_cmpint (skipped, ==, 0);
  one = summary_of (1, 0, 0, &ok, &skipped);
  g_assert_cmpstr (one, ==, "1 check passed.");
  unchecked = summary_of (21, 0, 2, &ok, &skipped);
  g_assert_cmpstr (unchecked, ==, "21 of 23 checks passed, 2 not checked.");
  g_assert_false (ok);
  g_assert_cmpint (skipped, ==, 2);
  failed = summary_of (20, 3, 0, &ok, &skipped);
  g_assert_cmpstr (failed, ==, "3 of 23 checks failed.");
  g_assert_false (ok);
  both = summary_of (18, 3, 2, &ok, &skipped);
  g_assert_cmpstr (both, ==, "3 of 23 checks failed, 2 not checked.");
  g_assert_false (ok);
  g_assert_cmpint (skipped, ==, 2);
}

/* GitHub not reached: said with its words, no new token asked for, and
 * what needed it not asked. */
static void
test_github_unreached (void)
{
  DsTestServer ts = { 0 };
  g_autoptr(GPtrArray) down = NULL;
  const DsCheckRow *token;

  ds_test_server_start (&ts, handler, NULL);
  down = run (&ts, "classic-down");
  token = ds_test_setup_row (down, "github.token");
  assert_row (down, "github.token", DS_CHECK_FAILED, "HTTP 502",
              "Check that this computer reaches GitHub, then run the check again.");
  g_assert_null (strstr (token->fix, "token"));
  g_assert_null (token->link);
  assert_row (down, "github.kind", DS_CHECK_SKIPPED, "Not asked: GitHub could not be reached.",
              NULL);
  assert_row (down, "github.scopes", DS_CHECK_SKIPPED, "Not asked: GitHub could not be reached.",
              NULL);
  assert_row (down, "teammates.github", DS_CHECK_SKIPPED, "GitHub could not be reached", NULL);
  ds_test_server_stop (&ts);
}

/* Where the profile names the team's OAuth app, a token also comes from
 * signing in: each fix that asks for a token says so, and none asks to edit
 * a classic token that may be an OAuth one. */
static void
test_github_sign_in_fixes (void)
{
  DsTestServer ts = { 0 };
  const char *app = "Ov23liTESTclient1";
  g_autoptr(GPtrArray) refused = NULL, fine = NULL, some = NULL, none = NULL;

  ds_test_server_start (&ts, handler, NULL);
  refused = run_with (&ts, "refused", app);
  assert_row (refused, "github.token", DS_CHECK_FAILED, NULL,
              "or Sign in with GitHub in Settings → Team");
  fine = run_with (&ts, "github_pat_fine", app);
  assert_row (fine, "github.kind", DS_CHECK_FAILED, NULL,
              "or Sign in with GitHub in Settings → Team");
  some = run_with (&ts, "classic-some", app);
  assert_row (some, "github.scopes", DS_CHECK_FAILED, "It lacks repo, read:org",
              "Make a classic token with the scopes repo, read:org, notifications and save it "
              "in Settings → Team, or sign in with GitHub again there.");
  g_assert_null (strstr (ds_test_setup_row (some, "github.scopes")->fix, "edit the token"));
  none = run_with (&ts, NULL, app);
  assert_row (none, "github.token", DS_CHECK_FAILED, "No GitHub token is saved",
              "or Sign in with GitHub in Settings → Team");
  ds_test_server_stop (&ts);
}

/* GitHub Enterprise: the page where a token is made is on its web site. */
static void
test_github_enterprise_pages (void)
{
  g_autoptr(DsTeamProfile) cloud = profile_at ("https://api.acme.ghe.com", NULL);
  g_autoptr(DsTeamProfile) server = profile_at ("https://ghe.example.com/api/v3", NULL);
  g_autoptr(DsTeamProfile) public = profile_at ("https://api.github.com", NULL);
  DsTeamProfile *profiles[] = { cloud, server, public };
  const char *pages[] = { "https://acme.ghe.com/settings/tokens",
                          "https://ghe.example.com/settings/tokens",
                          "https://github.com/settings/tokens" };

  for (guint i = 0; i < G_N_ELEMENTS (profiles); i++)
    {
      DsTestServer ts = { 0 };
      g_autoptr(DsSetupCheck) check = NULL;
      g_autoptr(GPtrArray) rows = NULL;

      /* No token: nothing is asked of the address. */
      ds_test_server_start (&ts, handler, NULL);
      check = ds_setup_check_new (profiles[i]);
      rows = ds_test_setup_run (&ts, check);
      g_assert_cmpstr (ds_test_setup_row (rows, "github.token")->link, ==, pages[i]);
      g_clear_object (&check);
      ds_test_server_stop (&ts);
    }
}

/* A profile that names no GitHub address: GitHub is checked where the
 * workspace reads it, at the github-host setting's address, and the token
 * page is on that one's web site. */
static void
test_github_host (void)
{
  DsTestServer ts = { 0 };
  g_autoptr(DsTeamProfile) profile = profile_at (NULL, NULL);
  g_autoptr(DsSetupCheck) check = NULL, none = NULL;
  g_autoptr(GPtrArray) rows = NULL, none_rows = NULL;
  g_autofree char *github_url = NULL, *page = NULL;

  ds_test_server_start (&ts, handler, NULL);
  github_url = g_strconcat (ts.base, "/gh", NULL);
  check = ds_setup_check_new (profile);
  ds_setup_check_set_github_url (check, github_url);
  ds_setup_check_set_token (check, DS_SERVICE_GITHUB, FALSE, "classic-all");
  rows = ds_test_setup_run (&ts, check);
  assert_row (rows, "github.token", DS_CHECK_PASSED, "GitHub user octocat", NULL);

  none = ds_setup_check_new (profile);
  ds_setup_check_set_github_url (none, github_url);
  none_rows = ds_test_setup_run (&ts, none);
  assert_row (none_rows, "github.token", DS_CHECK_FAILED, github_url, NULL);
  page = g_strconcat (ts.base, "/settings/tokens", NULL);
  g_assert_cmpstr (ds_test_setup_row (none_rows, "github.token")->link, ==, page);
  g_clear_object (&check);
  g_clear_object (&none);
  ds_test_server_stop (&ts);
}

static void
test_rows_said (void)
{
  DsTestServer ts = { 0 };
  g_autoptr(GPtrArray) some = NULL, refused = NULL;
  g_autofree char *text = NULL, *json = NULL, *refused_text = NULL, *refused_json = NULL;
  g_autofree char *said = NULL;
  g_autoptr(JsonNode) root = NULL, refused_root = NULL;
  JsonObject *o;

  ds_test_server_start (&ts, handler, NULL);
  some = run (&ts, "classic-some");
  text = ds_check_rows_to_text (some);
  g_assert_nonnull (strstr (text, "GitHub\n  ✓ GitHub token: GitHub user octocat\n"));
  g_assert_nonnull (strstr (text, "  ✗ The token’s scopes: It lacks repo, read:org"));
  g_assert_nonnull (strstr (text, "      Fix: On GitHub"));
  g_assert_nonnull (strstr (text, "\n5 of 8 checks failed, 1 not checked.\n"));

  json = ds_check_rows_to_json (some);
  root = json_from_string (json, NULL);
  g_assert_nonnull (root);
  o = json_node_get_object (root);
  g_assert_false (json_object_get_boolean_member (o, "ok"));
  g_assert_cmpint (json_object_get_int_member (o, "failed"), ==, ds_check_rows_failed (some));
  g_assert_cmpint (json_array_get_length (json_object_get_array_member (o, "checks")), ==,
                   some->len);

  /* A refused token: the checks after it are not made, and said so. */
  refused = run (&ts, "refused");
  refused_text = ds_check_rows_to_text (refused);
  said = g_strdup_printf ("1 of %u checks failed, %u not checked.\n", refused->len,
                          refused->len - 1);
  g_assert_nonnull (strstr (refused_text, said));
  refused_json = ds_check_rows_to_json (refused);
  refused_root = json_from_string (refused_json, NULL);
  o = json_node_get_object (refused_root);
  g_assert_false (json_object_get_boolean_member (o, "ok"));
  g_assert_cmpint (json_object_get_int_member (o, "skipped"), ==, refused->len - 1);
  ds_test_server_stop (&ts);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ds/setup-check/github-token", test_github_token);
  g_test_add_func ("/ds/setup-check/github-unreached", test_github_unreached);
  g_test_add_func ("/ds/setup-check/github-sign-in-fixes", test_github_sign_in_fixes);
  g_test_add_func ("/ds/setup-check/github-enterprise-pages", test_github_enterprise_pages);
  g_test_add_func ("/ds/setup-check/github-host", test_github_host);
  g_test_add_func ("/ds/setup-check/rows-said", test_rows_said);
  g_test_add_func ("/ds/setup-check/skipped-counted", test_skipped_counted);
  return g_test_run ();
}
