/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "ds-setup-check-testing.h"

/* GitHub's and ZenHub's setup checks against a loopback GitHub and ZenHub
 * that answer in the shapes their documentation gives: the team and the
 * user's membership, the team repository's role, each deploy repository's
 * Actions runs, the super-epics, the teammates' logins, and ZenHub's token
 * and epics by REST and by GraphQL. Each test breaks one thing in the
 * world and looks at the row that must say it, and at its fix. */

#define REPO_ID 1296269   /* acme/ops on the loopback GitHub */

typedef struct
{
  gboolean     team_missing;
  gboolean     not_member;
  gboolean     invited;          /* the membership is pending */
  gboolean     read_only;        /* the Read role in acme/ops */
  gboolean     issues_off;
  const char  *runs_refused;     /* a deploy repository whose runs answer 403 */
  gint64       epic_missing;     /* an issue number that answers 404 */
  gint64       epic_closed;
  gint64       epic_is_pull;
  const char  *unknown_login;
  gint64       zenhub_not_epic;  /* an issue ZenHub does not have as an epic */
  gint64       zenhub_down;      /* an epic ZenHub answers 502 about */
  gboolean     zenhub_all_down;  /* every epic answers 502 */
  gint64       zenhub_odd;       /* an epic REST answers with JSON that is no epic's */
  /* What the services were asked. */
  GPtrArray   *asked;            /* "METHOD /path?query" */
  gint64       zenhub_repo;      /* the repository id ZenHub was last given */
  char        *base;             /* the last run's server */
} World;

static void
world_clear (World *w)
{
  g_clear_pointer (&w->asked, g_ptr_array_unref);
  g_clear_pointer (&w->base, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (World, world_clear)

static void
not_found (SoupServerMessage *msg)
{
  ds_test_respond_json (msg, 404, "{\"message\": \"Not Found\", \"documentation_url\": "
                        "\"https://docs.github.com/rest\", \"status\": \"404\"}");
}

static void
github_issue (SoupServerMessage *msg,
              World             *w,
              gint64             number)
{
  g_autofree char *json = NULL;

  if (number == w->epic_missing)
    {
      not_found (msg);
      return;
    }
  json = g_strdup_printf (
    "{\"id\": %" G_GINT64_FORMAT ", \"number\": %" G_GINT64_FORMAT ", "
    "\"title\": \"Epic %" G_GINT64_FORMAT "\", \"state\": \"%s\", \"body\": null, "
    "\"html_url\": \"https://github.com/acme/ops/issues/%" G_GINT64_FORMAT "\", "
    "\"repository_url\": \"https://api.github.com/repos/acme/ops\", "
    "\"user\": {\"login\": \"octocat\", \"id\": 1}, \"labels\": [], \"assignees\": [], "
    "%s"
    "\"created_at\": \"2024-01-22T19:33:08Z\", \"updated_at\": \"2024-02-01T10:00:00Z\"}",
    1000 + number, number, number, number == w->epic_closed ? "closed" : "open", number,
    number == w->epic_is_pull
    ? "\"pull_request\": {\"url\": \"https://api.github.com/repos/acme/ops/pulls/2\"}, " : "");
  ds_test_respond_json (msg, 200, json);
}

static void
github (SoupServerMessage *msg,
        World             *w,
        const char        *auth,
        char             **p)   /* the path's parts after "gh" */
{
  guint n = g_strv_length (p);
  SoupMessageHeaders *answer = soup_server_message_get_response_headers (msg);

  if (auth == NULL || strstr (auth, "refused") != NULL)
    {
      ds_test_respond_json (msg, 401, "{\"message\": \"Bad credentials\", "
                            "\"documentation_url\": \"https://docs.github.com/rest\"}");
      return;
    }
  if (strstr (auth, "classic") != NULL)
    soup_message_headers_append (answer, "X-OAuth-Scopes", "notifications, read:org, repo");

  if (n == 1 && g_str_equal (p[0], "user"))
    ds_test_respond_json (msg, 200, "{\"login\": \"octocat\", \"id\": 1, \"type\": \"User\", "
                          "\"name\": \"The Octocat\"}");
  else if (n == 2 && g_str_equal (p[0], "users"))
    {
      g_autofree char *json = NULL;

      if (g_strcmp0 (p[1], w->unknown_login) == 0)
        {
          not_found (msg);
          return;
        }
      json = g_strdup_printf ("{\"login\": \"%s\", \"id\": %u, \"type\": \"User\"}", p[1],
                              g_str_hash (p[1]) & 0xffff);
      ds_test_respond_json (msg, 200, json);
    }
  else if (n == 4 && g_str_equal (p[0], "orgs") && g_str_equal (p[1], "acme") &&
           g_str_equal (p[2], "teams") && g_str_equal (p[3], "devops") && !w->team_missing)
    ds_test_respond_json (msg, 200, "{\"id\": 1, \"node_id\": \"MDQ6VGVhbTE=\", "
                          "\"url\": \"https://api.github.com/teams/1\", "
                          "\"html_url\": \"https://github.com/orgs/acme/teams/devops\", "
                          "\"name\": \"DevOps\", \"slug\": \"devops\", "
                          "\"description\": \"Operations\", \"privacy\": \"closed\", "
                          "\"notification_setting\": \"notifications_enabled\", "
                          "\"permission\": \"pull\", \"parent\": null, \"members_count\": 4, "
                          "\"repos_count\": 3, \"created_at\": \"2017-07-14T16:53:42Z\", "
                          "\"updated_at\": \"2017-08-17T12:37:15Z\"}");
  else if (n == 6 && g_str_equal (p[0], "orgs") && g_str_equal (p[3], "devops") &&
           g_str_equal (p[4], "memberships") && g_str_equal (p[5], "octocat") &&
           !w->team_missing && !w->not_member)
    ds_test_respond_json (msg, 200, w->invited
                          ? "{\"url\": \"https://api.github.com/teams/1/memberships/octocat\", "
                            "\"role\": \"member\", \"state\": \"pending\"}"
                          : "{\"url\": \"https://api.github.com/teams/1/memberships/octocat\", "
                            "\"role\": \"maintainer\", \"state\": \"active\"}");
  else if (n == 3 && g_str_equal (p[0], "repos") && g_str_equal (p[1], "acme") &&
           g_str_equal (p[2], "ops"))
    {
      g_autofree char *json = g_strdup_printf (
        "{\"id\": %d, \"node_id\": \"MDEwOlJlcG9zaXRvcnkxMjk2MjY5\", \"name\": \"ops\", "
        "\"full_name\": \"acme/ops\", \"private\": true, "
        "\"html_url\": \"https://github.com/acme/ops\", \"has_issues\": %s, "
        "\"permissions\": {\"admin\": false, \"maintain\": false, \"push\": %s, "
        "\"triage\": %s, \"pull\": true}}",
        REPO_ID, w->issues_off ? "false" : "true", w->read_only ? "false" : "true",
        w->read_only ? "false" : "true");
      ds_test_respond_json (msg, 200, json);
    }
  else if (n == 5 && g_str_equal (p[0], "repos") && g_str_equal (p[3], "actions") &&
           g_str_equal (p[4], "runs"))
    {
      g_autofree char *repo = g_strdup_printf ("%s/%s", p[1], p[2]);

      if (g_strcmp0 (repo, w->runs_refused) == 0)
        ds_test_respond_json (msg, 403, "{\"message\": \"Resource not accessible by personal "
                              "access token\", \"documentation_url\": \"https://docs.github.com/"
                              "rest/actions/workflow-runs#list-workflow-runs-for-a-repository\", "
                              "\"status\": \"403\"}");
      else if (g_str_equal (repo, "acme/web"))
        ds_test_respond_json (msg, 200, "{\"total_count\": 0, \"workflow_runs\": []}");
      else
        ds_test_respond_json (msg, 200, "{\"total_count\": 42, \"workflow_runs\": [{"
                              "\"id\": 30433642, \"name\": \"Deploy\", "
                              "\"display_title\": \"Deploy api 1.4.2\", "
                              "\"head_branch\": \"main\", \"event\": \"push\", "
                              "\"status\": \"completed\", \"conclusion\": \"success\", "
                              "\"workflow_id\": 159038, "
                              "\"html_url\": "
                              "\"https://github.com/acme/api/actions/runs/30433642\", "
                              "\"actor\": {\"login\": \"octocat\"}, "
                              "\"created_at\": \"2024-01-22T19:33:08Z\"}]}");
    }
  else if (n == 5 && g_str_equal (p[0], "repos") && g_str_equal (p[1], "acme") &&
           g_str_equal (p[2], "ops") && g_str_equal (p[3], "issues"))
    github_issue (msg, w, g_ascii_strtoll (p[4], NULL, 10));
  else
    not_found (msg);
}

/* ZenHub's REST epic, in the shape of its "Get Epic Data" example. */
static void
zenhub_rest (SoupServerMessage *msg,
             World             *w,
             char             **p)   /* p1 repositories ID epics N */
{
  if (g_strv_length (p) != 5 || !g_str_equal (p[3], "epics"))
    {
      ds_test_respond_json (msg, 404, "{\"message\": \"Not Found\"}");
      return;
    }
  w->zenhub_repo = g_ascii_strtoll (p[2], NULL, 10);
  if (w->zenhub_all_down || g_ascii_strtoll (p[4], NULL, 10) == w->zenhub_down)
    {
      ds_test_respond (msg, 502, "text/html", "<html><h1>502 Bad Gateway</h1></html>");
      return;
    }
  if (g_ascii_strtoll (p[4], NULL, 10) == w->zenhub_odd)
    {
      ds_test_respond_json (msg, 200, "{\"added\": [], \"removed\": []}");
      return;
    }
  if (w->zenhub_repo != REPO_ID || g_ascii_strtoll (p[4], NULL, 10) == w->zenhub_not_epic)
    {
      ds_test_respond_json (msg, 404, "{\"message\": \"Not Found\"}");
      return;
    }
  ds_test_respond_json (msg, 200, "{\"total_epic_estimates\": {\"value\": 60}, "
                        "\"estimate\": {\"value\": 10}, \"pipeline\": {\"name\": \"Backlog\"}, "
                        "\"issues\": [{\"issue_number\": 3161, \"is_epic\": false, "
                        "\"repo_id\": 1296269, \"estimate\": {\"value\": 40}, "
                        "\"pipeline\": {\"name\": \"New Issues\"}}]}");
}

/* ZenHub's GraphQL: issueByInfo, with the issue's epic or null. */
static void
zenhub_graphql (SoupServerMessage *msg,
                World             *w)
{
  g_autoptr(JsonNode) body = ds_test_request_json (msg);
  JsonObject *vars = json_object_get_object_member (json_node_get_object (body), "variables");
  const char *query = json_object_get_string_member (json_node_get_object (body), "query");
  gint64 number = json_object_get_int_member (vars, "number");

  g_assert_nonnull (strstr (query, "issueByInfo"));
  w->zenhub_repo = json_object_get_int_member (vars, "repo");
  if (w->zenhub_all_down || number == w->zenhub_down)
    ds_test_respond (msg, 502, "text/html", "<html><h1>502 Bad Gateway</h1></html>");
  else if (w->zenhub_repo != REPO_ID)
    ds_test_respond_json (msg, 200, "{\"data\": {\"issueByInfo\": null}}");
  else if (number == w->zenhub_not_epic)
    ds_test_respond_json (msg, 200, "{\"data\": {\"issueByInfo\": {\"id\": "
                          "\"Z2lkOi8vcmFwdG9yL0lzc3VlLzI=\", \"epic\": null}}}");
  else
    ds_test_respond_json (msg, 200, "{\"data\": {\"issueByInfo\": {\"id\": "
                          "\"Z2lkOi8vcmFwdG9yL0lzc3VlLzE=\", \"epic\": {\"id\": "
                          "\"Z2lkOi8vcmFwdG9yL0VwaWMvMQ==\"}}}}");
}

static void
handler (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  World *w = user_data;
  SoupMessageHeaders *h = soup_server_message_get_request_headers (msg);
  const char *method = soup_server_message_get_method (msg);
  g_auto(GStrv) p = g_strsplit (path + 1, "/", -1);
  g_autofree char *rest = g_strjoinv ("/", p + 1);
  g_auto(GStrv) parts = g_strsplit (rest, "/", -1);
  const char *q = g_uri_get_query (soup_server_message_get_uri (msg));

  g_ptr_array_add (w->asked, g_strdup_printf ("%s %s%s%s", method, path, q ? "?" : "",
                                              q ? q : ""));
  if (g_str_equal (p[0], "gh") && g_str_equal (method, "GET"))
    github (msg, w, soup_message_headers_get_one (h, "Authorization"), parts);
  else if (g_str_equal (p[0], "zh"))
    {
      const char *token = soup_message_headers_get_one (h, "X-Authentication-Token");
      const char *bearer = soup_message_headers_get_one (h, "Authorization");

      /* Both APIs answer a token they do not take with 401. */
      if (g_str_equal (parts[0], "public") && g_str_equal (method, "POST"))
        {
          if (g_strcmp0 (bearer, "Bearer zh-key") != 0)
            ds_test_respond_json (msg, 401, "{\"message\": \"Unauthorized\"}");
          else
            zenhub_graphql (msg, w);
        }
      else if (g_str_equal (parts[0], "p1") && g_str_equal (method, "GET"))
        {
          if (g_strcmp0 (token, "zh-key") != 0)
            ds_test_respond_json (msg, 401, "{\"message\": \"Invalid Token\"}");
          else
            zenhub_rest (msg, w, parts);
        }
      else
        ds_test_respond_json (msg, 404, "{\"message\": \"Not Found\"}");
    }
  else
    not_found (msg);
}

static DsTeamProfile *
profile_for (DsTestServer *ts,
             gboolean      graphql)
{
  g_autofree char *json = g_strdup_printf (
    "{\"version\": 1, \"name\": \"Platform Operations\", "
    "\"github\": {\"api_url\": \"%s/gh\", \"org\": \"acme\", \"team\": \"devops\", "
    "\"repo\": \"acme/ops\", \"deploys\": {\"repos\": [\"acme/api\", \"acme/web\"]}}, "
    "\"zenhub\": {\"api_url\": \"%s/zh\", \"api\": \"%s\"}, "
    "\"super_epics\": ["
    "{\"name\": \"Incident Response\", \"issue\": \"acme/ops#1\", \"kinds\": [\"incident\"]}, "
    "{\"name\": \"Global Customer Support\", \"issue\": \"acme/ops#2\", "
    "\"kinds\": [\"request\"]}], "
    "\"teammates\": [{\"name\": \"Alice Nakamura\", \"github\": \"alicen\"}, "
    "{\"name\": \"Bogdan Ilić\", \"github\": \"bogdan-i\"}, "
    "{\"name\": \"Chioma Eze\", \"github\": \"chiomae\"}, "
    "{\"name\": \"Sam Ortiz\"}]}",
    ts->base, ts->base, graphql ? "graphql" : "rest");
  g_autoptr(GError) error = NULL;
  DsTeamProfile *profile = ds_team_profile_new_from_data (json, strlen (json), "test", &error);

  g_assert_no_error (error);
  return profile;
}

/* Runs the whole check on @w with these tokens; every row ends. */
static GPtrArray *
run (World      *w,
     gboolean    graphql,
     const char *github_token,
     const char *zenhub_token)
{
  DsTestServer ts = { 0 };
  g_autoptr(DsTeamProfile) profile = NULL;
  g_autoptr(DsSetupCheck) check = NULL;
  GPtrArray *rows;

  g_clear_pointer (&w->asked, g_ptr_array_unref);
  w->asked = g_ptr_array_new_with_free_func (g_free);
  ds_test_server_start (&ts, handler, w);
  g_free (w->base);
  w->base = g_strdup (ts.base);
  profile = profile_for (&ts, graphql);
  check = ds_setup_check_new (profile);
  ds_setup_check_set_token (check, DS_SERVICE_GITHUB, FALSE, github_token);
  ds_setup_check_set_token (check, DS_SERVICE_ZENHUB, FALSE, zenhub_token);
  rows = ds_test_setup_run (&ts, check);
  g_clear_object (&check);
  ds_test_server_stop (&ts);
  return rows;
}

static gboolean
was_asked (World      *w,
           const char *request)
{
  for (guint i = 0; i < w->asked->len; i++)
    if (g_str_equal (g_ptr_array_index (w->asked, i), request))
      return TRUE;
  return FALSE;
}

/* The row @id is in @state, and its detail says @text (if given). */
static void
assert_row (GPtrArray    *rows,
            const char   *id,
            DsCheckState  state,
            const char   *text)
{
  const DsCheckRow *r = ds_test_setup_row (rows, id);

  if (r->state != state)
    g_error ("%s is %s, not %s: %s", id, ds_check_state_to_string (r->state),
             ds_check_state_to_string (state), r->detail);
  if (text != NULL && strstr (r->detail, text) == NULL)
    g_error ("%s: “%s” is not in “%s”", id, text, r->detail);
}

/* The row's fix says @text. */
static void
assert_fix (GPtrArray  *rows,
            const char *id,
            const char *text)
{
  const DsCheckRow *r = ds_test_setup_row (rows, id);

  if (r->fix == NULL || strstr (r->fix, text) == NULL)
    g_error ("%s: the fix “%s” does not say “%s”", id, r->fix ? r->fix : "(none)", text);
}

static const char * const all_ids[] = {
  "github.token", "github.kind", "github.scopes", "github.team", "github.membership",
  "github.repo", "github.actions.acme/api", "github.actions.acme/web",
  "github.epic.acme/ops#1", "github.epic.acme/ops#2", "teammates.github",
  "zenhub.token", "zenhub.epic.acme/ops#1", "zenhub.epic.acme/ops#2",
};

static void
assert_all_passed (GPtrArray *rows)
{
  for (guint i = 0; i < G_N_ELEMENTS (all_ids); i++)
    assert_row (rows, all_ids[i], DS_CHECK_PASSED, NULL);
  g_assert_cmpuint (rows->len, ==, G_N_ELEMENTS (all_ids));
  g_assert_cmpuint (ds_check_rows_failed (rows), ==, 0);
}

static void
test_all_green (void)
{
  g_auto(World) w = { 0 };
  g_autoptr(GPtrArray) rest = NULL, graphql = NULL;

  rest = run (&w, FALSE, "classic-token", "zh-key");
  assert_all_passed (rest);
  assert_row (rest, "github.team", DS_CHECK_PASSED, "acme/devops (“DevOps”)");
  assert_row (rest, "github.membership", DS_CHECK_PASSED, "octocat is a maintainer");
  assert_row (rest, "github.repo", DS_CHECK_PASSED, "Your role in acme/ops is Write");
  assert_row (rest, "github.actions.acme/api", DS_CHECK_PASSED, "“Deploy api 1.4.2”");
  assert_row (rest, "github.actions.acme/web", DS_CHECK_PASSED, "none yet");
  assert_row (rest, "github.epic.acme/ops#1", DS_CHECK_PASSED, "acme/ops#1 is open");
  /* Sam Ortiz names no login: three are asked. */
  assert_row (rest, "teammates.github", DS_CHECK_PASSED, "All 3 GitHub logins exist.");
  g_assert_cmpuint (ds_test_setup_row (rest, "teammates.github")->section, ==, DS_CHECK_TEAMMATES);
  assert_row (rest, "zenhub.epic.acme/ops#2", DS_CHECK_PASSED, "acme/ops#2 as an epic");
  /* The lightest calls: one run, and ZenHub's epic by the repository's id. */
  g_assert_true (was_asked (&w, "GET /gh/repos/acme/api/actions/runs?per_page=1"));
  g_assert_true (was_asked (&w, "GET /gh/orgs/acme/teams/devops/memberships/octocat"));
  g_assert_true (was_asked (&w, "GET /zh/p1/repositories/1296269/epics/2"));

  graphql = run (&w, TRUE, "classic-token", "zh-key");
  assert_all_passed (graphql);
  g_assert_true (was_asked (&w, "POST /zh/public/graphql"));
  g_assert_cmpint (w.zenhub_repo, ==, REPO_ID);
}

static void
test_team_missing (void)
{
  g_auto(World) w = { .team_missing = TRUE };
  g_autoptr(GPtrArray) classic = NULL, fine = NULL;
  g_autofree char *teams = NULL;

  classic = run (&w, FALSE, "classic-token", "zh-key");
  assert_row (classic, "github.team", DS_CHECK_FAILED,
              "The team acme/devops does not exist, or the token cannot see it.");
  assert_fix (classic, "github.team", "github.team");
  assert_fix (classic, "github.team", "read:org");
  /* The team's page on the web site of the profile's GitHub address. */
  teams = g_strconcat ("as in ", w.base, "/orgs/acme/teams/NAME.", NULL);
  assert_fix (classic, "github.team", teams);
  g_assert_cmpstr (ds_test_setup_row (classic, "github.team")->link, ==,
                   "https://docs.github.com/en/apps/oauth-apps/building-oauth-apps/"
                   "scopes-for-oauth-apps");
  /* Not asked about a team that is not there. */
  assert_row (classic, "github.membership", DS_CHECK_SKIPPED, "team was not found");
  g_assert_false (was_asked (&w, "GET /gh/orgs/acme/teams/devops/memberships/octocat"));
  assert_row (classic, "github.repo", DS_CHECK_PASSED, NULL);

  /* A fine-grained token has no read:org: the fix names its permission. */
  fine = run (&w, FALSE, "github_pat_fine", "zh-key");
  assert_fix (fine, "github.team", "Organization permissions → Members: Read-only");
}

static void
test_not_a_member (void)
{
  g_auto(World) w = { .not_member = TRUE };
  g_autoptr(GPtrArray) rows = NULL, invited = NULL;
  g_autofree char *invitation = NULL;

  rows = run (&w, FALSE, "classic-token", "zh-key");
  assert_row (rows, "github.team", DS_CHECK_PASSED, NULL);
  assert_row (rows, "github.membership", DS_CHECK_FAILED,
              "octocat is not a member of the team acme/devops.");
  assert_fix (rows, "github.membership",
              "Ask an owner of the acme organization or a maintainer of the team devops to add "
              "octocat");
  g_assert_cmpstr (ds_test_setup_row (rows, "github.membership")->link, ==,
                   "https://docs.github.com/en/organizations/organizing-members-into-teams/"
                   "adding-organization-members-to-a-team");

  w.not_member = FALSE;
  w.invited = TRUE;
  invited = run (&w, FALSE, "classic-token", "zh-key");
  assert_row (invited, "github.membership", DS_CHECK_FAILED, "has not accepted");
  /* On the web site of the profile's GitHub address. */
  invitation = g_strconcat (w.base, "/orgs/acme/invitation.", NULL);
  assert_fix (invited, "github.membership", invitation);
}

static void
test_repo_read_only (void)
{
  g_auto(World) w = { .read_only = TRUE };
  g_autoptr(GPtrArray) rows = NULL, off = NULL;

  rows = run (&w, FALSE, "classic-token", "zh-key");
  assert_row (rows, "github.repo", DS_CHECK_FAILED, "Your role in acme/ops is Read.");
  assert_row (rows, "github.repo", DS_CHECK_FAILED, "labels and assigns them");
  assert_fix (rows, "github.repo", "Ask an admin of acme/ops to give you, or the team devops, "
              "the Triage role or higher");
  g_assert_nonnull (strstr (ds_test_setup_row (rows, "github.repo")->link, "repository-roles"));

  w.read_only = FALSE;
  w.issues_off = TRUE;
  off = run (&w, FALSE, "classic-token", "zh-key");
  assert_row (off, "github.repo", DS_CHECK_FAILED, "Issues are turned off in acme/ops");
  assert_fix (off, "github.repo", "Features → Issues");
}

static void
test_actions_unreadable (void)
{
  g_auto(World) w = { .runs_refused = "acme/web" };
  g_autoptr(GPtrArray) classic = NULL, fine = NULL;

  classic = run (&w, FALSE, "classic-token", "zh-key");
  assert_row (classic, "github.actions.acme/api", DS_CHECK_PASSED, NULL);
  assert_row (classic, "github.actions.acme/web", DS_CHECK_FAILED,
              "GitHub refused to show the Actions runs of acme/web.");
  assert_fix (classic, "github.actions.acme/web", "github.deploys.repos");
  assert_fix (classic, "github.actions.acme/web", "repo scope");

  fine = run (&w, FALSE, "github_pat_fine", "zh-key");
  assert_fix (fine, "github.actions.acme/web", "acme/web and Repository permissions → "
              "Actions: Read-only");
  g_assert_nonnull (strstr (ds_test_setup_row (fine, "github.actions.acme/web")->link,
                            "managing-your-personal-access-tokens"));
}

static void
test_epic_missing (void)
{
  g_auto(World) w = { .epic_missing = 2 };
  g_autoptr(GPtrArray) missing = NULL, closed = NULL, pull = NULL;

  missing = run (&w, FALSE, "classic-token", "zh-key");
  assert_row (missing, "github.epic.acme/ops#1", DS_CHECK_PASSED, NULL);
  assert_row (missing, "github.epic.acme/ops#2", DS_CHECK_FAILED,
              "acme/ops#2 does not exist, or the token cannot see it.");
  assert_fix (missing, "github.epic.acme/ops#2", "super_epics");
  assert_fix (missing, "github.epic.acme/ops#2", "“Global Customer Support”");

  w.epic_missing = 0;
  w.epic_closed = 1;
  closed = run (&w, FALSE, "classic-token", "zh-key");
  assert_row (closed, "github.epic.acme/ops#1", DS_CHECK_FAILED, "acme/ops#1 is closed");
  assert_fix (closed, "github.epic.acme/ops#1", "Reopen acme/ops#1");

  w.epic_closed = 0;
  w.epic_is_pull = 2;
  pull = run (&w, FALSE, "classic-token", "zh-key");
  assert_row (pull, "github.epic.acme/ops#2", DS_CHECK_FAILED, "is a pull request");
  assert_fix (pull, "github.epic.acme/ops#2", "Global Customer Support");
}

static void
test_teammate_unknown (void)
{
  g_auto(World) w = { .unknown_login = "bogdan-i" };
  g_autoptr(GPtrArray) rows = run (&w, FALSE, "classic-token", "zh-key");
  const DsCheckRow *mates = ds_test_setup_row (rows, "teammates.github");

  g_assert_cmpint (mates->state, ==, DS_CHECK_FAILED);
  g_assert_cmpuint (mates->section, ==, DS_CHECK_TEAMMATES);
  g_assert_cmpstr (mates->detail, ==, "bogdan-i (Bogdan Ilić) is not a GitHub user.");
  assert_fix (rows, "teammates.github", "“github” login in the teammates");
  g_assert_nonnull (strstr (mates->link, "changing-your-github-username"));
  /* Each login asked once; the one without a login not at all. */
  g_assert_true (was_asked (&w, "GET /gh/users/alicen"));
  g_assert_true (was_asked (&w, "GET /gh/users/chiomae"));
}

static void
test_zenhub_token_refused (void)
{
  g_auto(World) w = { 0 };
  g_autoptr(GPtrArray) rest = NULL, graphql = NULL;

  rest = run (&w, FALSE, "classic-token", "zh-old-key");
  assert_row (rest, "zenhub.token", DS_CHECK_FAILED, "HTTP 401");
  assert_fix (rest, "zenhub.token", "REST API");
  assert_fix (rest, "zenhub.token", "API token");
  g_assert_cmpstr (ds_test_setup_row (rest, "zenhub.token")->link, ==, "https://app.zenhub.com/settings/tokens");
  assert_row (rest, "zenhub.epic.acme/ops#1", DS_CHECK_SKIPPED, "token, which was refused");
  assert_row (rest, "zenhub.epic.acme/ops#2", DS_CHECK_SKIPPED, "token, which was refused");
  /* Said once: one failed row for ZenHub. */
  g_assert_cmpuint (ds_check_rows_failed (rest), ==, 1);

  graphql = run (&w, TRUE, "classic-token", "zh-old-key");
  assert_row (graphql, "zenhub.token", DS_CHECK_FAILED, "HTTP 401");
  assert_fix (graphql, "zenhub.token", "Personal API Key");
  g_assert_cmpuint (ds_check_rows_failed (graphql), ==, 1);
}

static void
test_zenhub_epic_unreachable (void)
{
  g_auto(World) w = { .zenhub_not_epic = 2 };
  g_autoptr(GPtrArray) rest = NULL, graphql = NULL;

  rest = run (&w, FALSE, "classic-token", "zh-key");
  assert_row (rest, "zenhub.token", DS_CHECK_PASSED, "REST API takes the token");
  assert_row (rest, "zenhub.epic.acme/ops#1", DS_CHECK_PASSED, NULL);
  assert_row (rest, "zenhub.epic.acme/ops#2", DS_CHECK_FAILED,
              "ZenHub does not have acme/ops#2 as an epic");
  assert_fix (rest, "zenhub.epic.acme/ops#2", "open acme/ops#2 and convert it to an epic");
  assert_fix (rest, "zenhub.epic.acme/ops#2", "add acme/ops to the team’s workspace");

  graphql = run (&w, TRUE, "classic-token", "zh-key");
  assert_row (graphql, "zenhub.token", DS_CHECK_PASSED, "GraphQL API takes the token");
  assert_row (graphql, "zenhub.epic.acme/ops#2", DS_CHECK_FAILED, "not an epic in ZenHub");
  assert_fix (graphql, "zenhub.epic.acme/ops#2", "convert it to an epic");
}

/* ZenHub not reached about an epic: the epic is not checked, and proves
 * nothing of the token; another epic's answer still does. Reached about
 * none: the token's row says so, with no new token asked for. */
static void
test_zenhub_unreached (void)
{
  g_auto(World) w = { .zenhub_down = 2 };

  for (guint graphql = 0; graphql < 2; graphql++)
    {
      g_autoptr(GPtrArray) one = NULL, all = NULL;

      w.zenhub_all_down = FALSE;
      one = run (&w, graphql, "classic-token", "zh-key");
      assert_row (one, "zenhub.epic.acme/ops#1", DS_CHECK_PASSED, NULL);
      assert_row (one, "zenhub.token", DS_CHECK_PASSED, "takes the token");
      assert_row (one, "zenhub.epic.acme/ops#2", DS_CHECK_SKIPPED, "ZenHub was not reached: ");
      assert_row (one, "zenhub.epic.acme/ops#2", DS_CHECK_SKIPPED, "HTTP 502");
      assert_row (one, "zenhub.epic.acme/ops#2", DS_CHECK_SKIPPED, "Run the check again.");
      g_assert_false (ds_check_rows_ok (one));

      w.zenhub_all_down = TRUE;
      all = run (&w, graphql, "classic-token", "zh-key");
      assert_row (all, "zenhub.token", DS_CHECK_FAILED, "HTTP 502");
      assert_fix (all, "zenhub.token", "Check that this computer reaches ZenHub, then run the "
                  "check again.");
      g_assert_null (ds_test_setup_row (all, "zenhub.token")->link);
      assert_row (all, "zenhub.epic.acme/ops#1", DS_CHECK_SKIPPED, "ZenHub was not reached");
      assert_row (all, "zenhub.epic.acme/ops#2", DS_CHECK_SKIPPED, "ZenHub was not reached");
    }

  /* A REST answer that is no epic's proves nothing either. */
  {
    g_autoptr(GPtrArray) odd = NULL;

    w.zenhub_all_down = FALSE;
    w.zenhub_down = 0;
    w.zenhub_odd = 2;
    odd = run (&w, FALSE, "classic-token", "zh-key");
    assert_row (odd, "zenhub.epic.acme/ops#2", DS_CHECK_SKIPPED, "the field “issues” is missing");
    assert_row (odd, "zenhub.token", DS_CHECK_PASSED, NULL);
  }
}

/* A GitHub token refused: every check after it is skipped, ZenHub's too,
 * which need GitHub's repository ids; none is asked for nothing. */
static void
test_github_refused (void)
{
  g_auto(World) w = { 0 };
  g_autoptr(GPtrArray) refused = NULL, none = NULL;

  refused = run (&w, FALSE, "refused", "zh-key");
  assert_row (refused, "github.token", DS_CHECK_FAILED, "Bad credentials");
  for (guint i = 1; i < G_N_ELEMENTS (all_ids) - 3; i++)
    assert_row (refused, all_ids[i], DS_CHECK_SKIPPED, "which was refused");
  g_assert_false (was_asked (&w, "GET /gh/orgs/acme/teams/devops"));
  assert_row (refused, "zenhub.epic.acme/ops#1", DS_CHECK_SKIPPED, "by its GitHub id");
  assert_row (refused, "zenhub.token", DS_CHECK_SKIPPED, "could be looked up on GitHub");

  none = run (&w, FALSE, NULL, "zh-key");
  assert_row (none, "zenhub.token", DS_CHECK_SKIPPED, "takes the GitHub token");
  assert_row (none, "zenhub.epic.acme/ops#2", DS_CHECK_SKIPPED, "takes the GitHub token");
  g_assert_null (ds_test_setup_find (none, "github.team"));
  g_assert_cmpuint (w.asked->len, ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ds/setup-check/github/all-green", test_all_green);
  g_test_add_func ("/ds/setup-check/github/team-missing", test_team_missing);
  g_test_add_func ("/ds/setup-check/github/not-a-member", test_not_a_member);
  g_test_add_func ("/ds/setup-check/github/repo-read-only", test_repo_read_only);
  g_test_add_func ("/ds/setup-check/github/actions-unreadable", test_actions_unreadable);
  g_test_add_func ("/ds/setup-check/github/epic-missing", test_epic_missing);
  g_test_add_func ("/ds/setup-check/github/teammate-unknown", test_teammate_unknown);
  g_test_add_func ("/ds/setup-check/github/refused", test_github_refused);
  g_test_add_func ("/ds/setup-check/zenhub/token-refused", test_zenhub_token_refused);
  g_test_add_func ("/ds/setup-check/zenhub/epic-unreachable", test_zenhub_epic_unreachable);
  g_test_add_func ("/ds/setup-check/zenhub/unreached", test_zenhub_unreached);
  return g_test_run ();
}
