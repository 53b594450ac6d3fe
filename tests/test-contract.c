/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "ds-error.h"
#include "ds-github.h"
#include "ds-slack-socket.h"
#include "ds-slack.h"

#include <string.h>

/* Every GitHub and Slack call Dayshift makes, against Prism serving the
 * vendors' own API descriptions (GitHub's whole description from the npm
 * package @octokit/openapi; Slack's from ../shared/api-specs, its tests
 * skipped when that is absent): Prism answers 4xx with an sl-violations
 * header when a request is not what the vendor documents, and answers valid
 * ones with the vendor's examples, which the parsers must take. */

#define REPO "octo-org/octo-repo"

typedef struct
{
  DsHttp       *http;
  GMainLoop    *loop;
  GAsyncResult *result;
} Fixture;

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Fixture *f = user_data;

  f->result = g_object_ref (result);
  g_main_loop_quit (f->loop);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->loop = g_main_loop_new (NULL, FALSE);
  f->http = ds_http_new ();
  ds_http_set_timeout (f->http, 20);
  /* The examples' next-page links point at a placeholder path. */
  ds_http_set_max_pages (f->http, 1);
  ds_http_set_token (f->http, DS_SERVICE_GITHUB, "ghp_contract_test_token");
  ds_http_set_token (f->http, DS_SERVICE_SLACK, "xoxb-contract-test-token");
  g_assert_true (ds_http_set_base_url (f->http, DS_SERVICE_GITHUB,
                                       g_getenv ("DS_PRISM_GITHUB"), &error));
  if (g_getenv ("DS_PRISM_SLACK") != NULL)
    g_assert_true (ds_http_set_base_url (f->http, DS_SERVICE_SLACK,
                                         g_getenv ("DS_PRISM_SLACK"), &error));
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->result);
  g_assert_finalize_object (f->http);
  g_main_loop_unref (f->loop);
}

static gpointer
one (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  gpointer result;

  g_main_loop_run (f->loop);
  result = ds_http_fetch_finish (f->http, f->result, NULL, &error);
  g_clear_object (&f->result);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  return result;
}

static GPtrArray *
many (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *result;

  g_main_loop_run (f->loop);
  result = ds_http_fetch_pages_finish (f->http, f->result, NULL, &error);
  g_clear_object (&f->result);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  return result;
}

static void
test_user (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(DsGhUser) user = NULL;

  ds_github_get_user_async (f->http, NULL, on_done, f);
  user = one (f);
  g_assert_cmpstr (user->login, ==, "octocat");
}

static void
test_notifications (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) list = NULL;
  DsGhNotification *n;

  ds_github_list_notifications_async (f->http, TRUE, NULL, on_done, f);
  list = many (f);
  g_assert_cmpuint (list->len, >=, 1);
  n = list->pdata[0];
  g_assert_cmpstr (n->repo, ==, "octocat/Hello-World");
  g_assert_nonnull (n->title);
}

static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) list = NULL;
  DsGhIssue *issue;

  ds_github_search_issues_async (f->http, "is:open is:pr team-review-requested:octo-org/devops",
                                 NULL, on_done, f);
  list = many (f);
  g_assert_cmpuint (list->len, >=, 1);
  issue = list->pdata[0];
  g_assert_cmpstr (issue->repo, ==, "batterseapower/pinyin-toolkit");
  g_assert_cmpint (issue->number, >, 0);
}

static void
test_issues (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(DsGhIssue) got = NULL;
  g_autoptr(DsGhIssue) created = NULL;
  g_autoptr(DsGhIssue) closed = NULL;
  g_autoptr(DsGhIssue) assigned = NULL;
  g_autoptr(DsGhIssue) unassigned = NULL;
  g_autoptr(DsGhComment) comment = NULL;
  const char *labels[] = { "support", NULL };
  const char *me[] = { "octocat", NULL };

  ds_github_list_issues_async (f->http, REPO, "Postmortem Action Item", "open", NULL, on_done, f);
  list = many (f);
  g_assert_cmpuint (list->len, >=, 1);

  ds_github_get_issue_async (f->http, REPO, 1347, NULL, on_done, f);
  got = one (f);
  g_assert_cmpint (got->number, ==, 1347);

  ds_github_create_issue_async (f->http, REPO, "VPN down for alice",
                                "> quoted request\n\nFrom: alice", labels, me, NULL, on_done, f);
  created = one (f);
  g_assert_nonnull (created->html_url);

  ds_github_set_issue_state_async (f->http, REPO, 1347, "closed", NULL, on_done, f);
  closed = one (f);

  ds_github_add_assignees_async (f->http, REPO, 1347, me, NULL, on_done, f);
  assigned = one (f);
  ds_github_remove_assignees_async (f->http, REPO, 1347, me, NULL, on_done, f);
  unassigned = one (f);

  ds_github_create_comment_async (f->http, REPO, 1347, "Tried: restart. Solved: new cert.",
                                  NULL, on_done, f);
  comment = one (f);
  g_assert_cmpint (comment->id, >, 0);
}

static void
test_pulls_runs_deployments (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GPtrArray) pulls = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GPtrArray) deployments = NULL;
  g_autoptr(GPtrArray) statuses = NULL;
  g_autoptr(GPtrArray) members = NULL;
  g_autoptr(DsGhRepo) repo = NULL;

  ds_github_list_pulls_async (f->http, REPO, "open", NULL, on_done, f);
  pulls = many (f);
  g_assert_cmpuint (pulls->len, >=, 1);
  g_assert_true (((DsGhIssue *)pulls->pdata[0])->is_pull_request);

  ds_github_list_failed_runs_async (f->http, REPO, NULL, on_done, f);
  runs = many (f);
  g_assert_cmpuint (runs->len, >=, 1);
  g_assert_cmpstr (((DsGhRun *)runs->pdata[0])->actor, ==, "octocat");

  ds_github_list_deployments_async (f->http, REPO, "production", NULL, on_done, f);
  deployments = many (f);
  g_assert_cmpuint (deployments->len, >=, 1);

  ds_github_list_deployment_statuses_async (f->http, REPO, 42, NULL, on_done, f);
  statuses = many (f);
  g_assert_cmpstr (((DsGhDeploymentStatus *)statuses->pdata[0])->state, ==, "success");

  ds_github_list_team_members_async (f->http, "octo-org", "devops", NULL, on_done, f);
  members = many (f);
  g_assert_cmpuint (members->len, >=, 1);

  ds_github_get_repo_async (f->http, REPO, NULL, on_done, f);
  repo = one (f);
  g_assert_cmpint (repo->id, >, 0);
}

/* The three calls added since the first description: an issue's comments
 * (looked for before a note is posted again), reviewers requested on a pull
 * request (Delegate), and a file's contents (a team profile kept on GitHub). */
static void
test_comments_reviewers_contents (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GPtrArray) comments = NULL;
  g_autoptr(GBytes) file = NULL;
  g_autoptr(GError) error = NULL;
  const char *reviewers[] = { "octocat", NULL };

  ds_github_list_comments_async (f->http, REPO, 1347, NULL, on_done, f);
  g_main_loop_run (f->loop);
  comments = ds_github_list_comments_finish (f->http, f->result, &error);
  g_clear_object (&f->result);
  g_assert_no_error (error);
  g_assert_cmpuint (comments->len, >=, 1);
  /* Who wrote it and when: GitHub's example comment, by octocat. */
  g_assert_cmpstr (((DsGhComment *)comments->pdata[0])->author, ==, "octocat");
  g_assert_cmpint (((DsGhComment *)comments->pdata[0])->created, >, 0);

  ds_github_request_reviewers_async (f->http, REPO, 1347, reviewers, NULL, on_done, f);
  g_main_loop_run (f->loop);
  g_assert_true (ds_github_request_reviewers_finish (f->http, f->result, &error));
  g_clear_object (&f->result);
  g_assert_no_error (error);

  ds_github_get_file_async (f->http, REPO, "dayshift-team.json", NULL, on_done, f);
  g_main_loop_run (f->loop);
  file = ds_github_get_file_finish (f->http, f->result, NULL, &error);
  g_clear_object (&f->result);
  g_assert_no_error (error);
  g_assert_nonnull (file);
}

/* The setup check's calls: the team, the user's membership of it, a user
 * by login, the latest run, and what the user may do in a repository. */
static void
test_setup_check (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(DsGhTeam) team = NULL;
  g_autoptr(DsGhMembership) membership = NULL;
  g_autoptr(DsGhUser) user = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(DsGhRepo) repo = NULL;

  ds_github_get_team_async (f->http, "octo-org", "justice-league", NULL, on_done, f);
  team = one (f);
  g_assert_cmpstr (team->slug, ==, "justice-league");

  ds_github_get_team_membership_async (f->http, "octo-org", "justice-league", "octocat", NULL,
                                       on_done, f);
  membership = one (f);
  g_assert_cmpstr (membership->role, ==, "maintainer");
  g_assert_false (membership->pending);

  ds_github_get_user_by_login_async (f->http, "octocat", NULL, on_done, f);
  user = one (f);
  g_assert_cmpstr (user->login, ==, "octocat");

  ds_github_list_runs_async (f->http, REPO, 1, NULL, on_done, f);
  runs = many (f);
  g_assert_cmpuint (runs->len, ==, 1);

  ds_github_get_repo_async (f->http, REPO, NULL, on_done, f);
  repo = one (f);
  g_assert_true (repo->has_permissions);
  g_assert_cmpint (repo->permissions, ==, DS_GH_PERMISSION_PULL);
  g_assert_true (repo->has_issues);
}

/* Every call the GitHub and Slack clients offer is exercised above: a call
 * added to a client without its contract test fails here. (This file is
 * read for the calls it makes; the clients' headers for the calls there are.) */
static void
test_every_call_covered (Fixture       *f,
                         gconstpointer  data)
{
  const char *root = g_getenv ("DS_SOURCE_ROOT");
  g_autofree char *self_path = NULL;
  g_autofree char *self = NULL;
  g_autoptr(GRegex) call = g_regex_new ("ds_(github|slack)_[a-z_]+_async", 0, 0, NULL);
  const char *headers[] = { "ds-github.h", "ds-slack.h" };
  guint n = 0;

  g_assert_nonnull (root);
  self_path = g_build_filename (root, "tests", "test-contract.c", NULL);
  g_assert_true (g_file_get_contents (self_path, &self, NULL, NULL));
  for (guint h = 0; h < G_N_ELEMENTS (headers); h++)
    {
      g_autofree char *path = g_build_filename (root, "src", "net", headers[h], NULL);
      g_autofree char *text = NULL;
      g_autoptr(GMatchInfo) match = NULL;

      g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
      g_regex_match (call, text, 0, &match);
      while (g_match_info_matches (match))
        {
          g_autofree char *name = g_match_info_fetch (match, 0);
          g_autofree char *used = g_strconcat (name, " (", NULL);

          if (strstr (self, used) == NULL)
            g_error ("%s (%s) has no contract test", name, headers[h]);
          n++;
          g_match_info_next (match, NULL);
        }
    }
  g_test_message ("%u client calls, each against the vendor's description", n);
  g_assert_cmpuint (n, >=, 30);
}

/* The suite can fail: a request GitHub would refuse is refused here too. */
static void
test_malformed_request_is_rejected (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) body = json_from_string ("{\"body\": \"an issue without a title\"}", NULL);
  DsHttpCall *call = ds_http_call_new (DS_SERVICE_GITHUB, "POST", "/repos/" REPO "/issues");
  gpointer result;

  ds_http_call_set_json (call, body);
  ds_http_fetch_async (f->http, call, ds_github_parse_issue, (GDestroyNotify)ds_gh_issue_free,
                       NULL, on_done, f);
  g_main_loop_run (f->loop);
  result = ds_http_fetch_finish (f->http, f->result, NULL, &error);
  g_clear_object (&f->result);
  g_assert_null (result);
  g_assert_error (error, DS_ERROR, DS_ERROR_SERVICE);
  g_assert_nonnull (strstr (error->message, "HTTP 422"));
}

static void
test_slack_reads (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(DsSlackAuth) auth = NULL;
  g_autoptr(GPtrArray) channels = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GPtrArray) replies = NULL;
  g_autoptr(GPtrArray) users = NULL;
  g_autoptr(DsSlackChannel) info = NULL;
  g_autoptr(DsSlackUser) user = NULL;
  g_autofree char *permalink = NULL;

  ds_slack_auth_test_async (f->http, NULL, on_done, f);
  auth = one (f);
  g_assert_cmpstr (auth->user_id, ==, "W12345678");

  ds_slack_list_channels_async (f->http, NULL, on_done, f);
  channels = many (f);
  g_assert_cmpstr (((DsSlackChannel *)channels->pdata[0])->name, ==, "general");

  ds_slack_history_async (f->http, "C012AB3CD", "1512085950.000000", NULL, on_done, f);
  history = many (f);
  g_assert_cmpuint (history->len, ==, 2);
  g_assert_cmpstr (((DsSlackMessage *)history->pdata[0])->user, ==, "U012AB3CDE");

  ds_slack_replies_async (f->http, "C012AB3CD", "1482960137.003543", NULL, on_done, f);
  replies = many (f);
  g_assert_cmpint (((DsSlackMessage *)replies->pdata[0])->reply_count, ==, 3);

  ds_slack_channel_info_async (f->http, "C012AB3CD", NULL, on_done, f);
  info = one (f);
  g_assert_cmpstr (info->id, ==, "C012AB3CD");

  ds_slack_get_permalink_async (f->http, "C1H9RESGA", "1358546515.000008", NULL, on_done, f);
  permalink = one (f);
  g_assert_true (g_str_has_prefix (permalink, "https://"));

  ds_slack_user_info_async (f->http, "W012A3CDE", NULL, on_done, f);
  user = one (f);
  g_assert_cmpstr (user->display_name, ==, "spengler");

  ds_slack_list_users_async (f->http, NULL, on_done, f);
  users = many (f);
  g_assert_cmpuint (users->len, >=, 1);
}

static void
test_slack_writes (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(DsSlackPosted) posted = NULL;
  gpointer ok;

  ds_slack_add_reaction_async (f->http, "C012AB3CD", "1512085950.000216", "eyes", NULL, on_done,
                               f);
  ok = one (f);
  g_assert_nonnull (ok);

  ds_slack_post_message_async (f->http, "C012AB3CD", "On it — filed as octo-org/ops#12",
                               "1512085950.000216", NULL, on_done, f);
  posted = one (f);
  g_assert_cmpstr (posted->ts, ==, "1503435956.000247");
}

static void
test_slack_malformed_request_is_rejected (Fixture       *f,
                                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  DsHttpCall *call = ds_http_call_new (DS_SERVICE_SLACK, "POST", "/reactions.add");
  gpointer result;

  /* No reaction name: Slack documents it as required. */
  ds_http_call_add_form (call, "channel", "C012AB3CD");
  ds_http_call_add_form (call, "timestamp", "1512085950.000216");
  ds_http_fetch_async (f->http, call, ds_http_parse_nothing, NULL, NULL, on_done, f);
  g_main_loop_run (f->loop);
  result = ds_http_fetch_finish (f->http, f->result, NULL, &error);
  g_clear_object (&f->result);
  g_assert_null (result);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "Slack refused POST /reactions.add"));
}

static void
test_slack_users_cache (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(DsSlackUsers) users = ds_slack_users_new ();
  g_autoptr(GError) error = NULL;
  const DsSlackUser *first, *second;

  ds_slack_users_resolve_async (users, f->http, "W012A3CDE", NULL, on_done, f);
  g_main_loop_run (f->loop);
  first = ds_slack_users_resolve_finish (users, f->result, &error);
  g_clear_object (&f->result);
  g_assert_no_error (error);
  g_assert_cmpstr (first->name, ==, "spengler");

  /* The second time comes from the cache: Prism is not asked (its example
   * user has another id, so asking would not find this one). */
  g_assert_true (ds_slack_users_lookup (users, first->id) == first);
  ds_slack_users_resolve_async (users, f->http, first->id, NULL, on_done, f);
  g_main_loop_run (f->loop);
  second = ds_slack_users_resolve_finish (users, f->result, &error);
  g_clear_object (&f->result);
  g_assert_true (second == first);
}

/* apps.connections.open (Socket Mode) is not in Slack's published
 * description, so its call is kept out of ds-slack.h and tested against a
 * loopback Slack instead (test-slack-socket.c, test-setup-check-slack.c).
 * Prism knows no such method: once the description has it, this fails,
 * and the call moves to ds-slack.h with its test here. */
static void
test_slack_connections_open_not_described (Fixture       *f,
                                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  ds_http_set_slack_app_token (f->http, "xapp-contract-test-token");
  ds_slack_socket_open_url_async (f->http, NULL, on_done, f);
  g_main_loop_run (f->loop);
  url = ds_slack_socket_open_url_finish (f->http, f->result, &error);
  g_clear_object (&f->result);
  g_assert_null (url);
  g_assert_error (error, DS_ERROR, DS_ERROR_NOT_FOUND);
}

static void
skip_slack (Fixture       *f,
            gconstpointer  data)
{
  g_test_skip ("no Slack API description (DS_API_SPECS, by default ../shared/api-specs)");
}

/* A Slack test is skipped when Prism serves GitHub's description only. */
static void
add (const char *path,
     void      (*fn) (Fixture *, gconstpointer))
{
  if (strstr (path, "/slack/") != NULL && g_getenv ("DS_PRISM_SLACK") == NULL)
    g_test_add (path, Fixture, NULL, NULL, skip_slack, NULL);
  else
    g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  if (g_getenv ("DS_PRISM_GITHUB") == NULL)
    {
      g_test_skip ("no Prism server (run under ds-harness.py --prism)");
      return 77;
    }

#define ADD(path, fn) add (path, fn)
  ADD ("/ds/contract/github/user", test_user);
  ADD ("/ds/contract/github/notifications", test_notifications);
  ADD ("/ds/contract/github/search", test_search);
  ADD ("/ds/contract/github/issues", test_issues);
  ADD ("/ds/contract/github/pulls-runs-deployments", test_pulls_runs_deployments);
  ADD ("/ds/contract/github/comments-reviewers-contents", test_comments_reviewers_contents);
  ADD ("/ds/contract/github/setup-check", test_setup_check);
  ADD ("/ds/contract/github/malformed-request-rejected", test_malformed_request_is_rejected);
  ADD ("/ds/contract/every-call-covered", test_every_call_covered);
  ADD ("/ds/contract/slack/reads", test_slack_reads);
  ADD ("/ds/contract/slack/writes", test_slack_writes);
  ADD ("/ds/contract/slack/malformed-request-rejected", test_slack_malformed_request_is_rejected);
  ADD ("/ds/contract/slack/users-cache", test_slack_users_cache);
  ADD ("/ds/contract/slack/connections-open-not-described",
       test_slack_connections_open_not_described);
#undef ADD

  return g_test_run ();
}
