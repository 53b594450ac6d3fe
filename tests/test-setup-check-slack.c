/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "ds-service.h"
#include "ds-setup-check.h"

#include "ds-setup-check-testing.h"

/* Slack's setup checks against a loopback Slack answering as Slack
 * documents it (HTTP 200 with {"ok": false, "error": "..."} for a
 * refusal): the token's scopes, each channel of the profile (there, and the
 * bot or user in it), Socket Mode with the app-level token, the teammates'
 * Slack ids; each failing check once, and a run where every one passes. */

#define BOT_TOKEN "xoxb-setup-check"
#define USER_TOKEN "xoxp-setup-check"
#define APP_TOKEN "xapp-setup-check"

/* What the loopback Slack knows; a test changes what it needs. */
typedef struct
{
  char       *scopes;           /* auth.test's x-oauth-scopes */
  GHashTable *channels;         /* id → conversations.info's answer */
  GHashTable *users;            /* id → users.info's answer */
  const char *socket;           /* apps.connections.open's answer */
  char       *socket_auth;      /* the Authorization apps.connections.open got */
  guint       socket_opens;
  gboolean    down;             /* every method answers 503 */
} Slack;

static const char *
string_or (GHashTable *query,
           const char *name)
{
  return query != NULL ? g_hash_table_lookup (query, name) : NULL;
}

static void
handler (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  Slack *slack = user_data;
  const char *auth = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                   "Authorization");
  SoupMessageHeaders *answer = soup_server_message_get_response_headers (msg);
  const char *found;

  if (slack->down)
    {
      ds_test_respond (msg, 503, "text/plain", "Service Unavailable");
      return;
    }
  if (g_str_equal (path, "/slack/apps.connections.open"))
    {
      g_free (slack->socket_auth);
      slack->socket_auth = g_strdup (auth);
      slack->socket_opens++;
      ds_test_respond_json (msg, 200, slack->socket);
      return;
    }
  if (g_strcmp0 (auth, "Bearer " BOT_TOKEN) != 0 && g_strcmp0 (auth, "Bearer " USER_TOKEN) != 0)
    {
      ds_test_respond_json (msg, 200, "{\"ok\": false, \"error\": \"invalid_auth\"}");
      return;
    }
  /* Slack says every token's scopes on every answer. */
  soup_message_headers_append (answer, "x-oauth-scopes", slack->scopes);
  if ((g_str_equal (path, "/slack/conversations.info") &&
       strstr (slack->scopes, "channels:read") == NULL) ||
      (g_str_equal (path, "/slack/users.info") && strstr (slack->scopes, "users:read") == NULL))
    ds_test_respond_json (msg, 200, "{\"ok\": false, \"error\": \"missing_scope\", "
                          "\"needed\": \"users:read\", \"provided\": \"chat:write\"}");
  else if (g_str_equal (path, "/slack/auth.test"))
    ds_test_respond_json (msg, 200, g_str_equal (auth, "Bearer " BOT_TOKEN)
      ? "{\"ok\": true, \"url\": \"https://acme.slack.com/\", \"team\": \"Acme\", "
        "\"user\": \"dayshift\", \"team_id\": \"T0ACME0001\", \"user_id\": \"U0DAYSHIFT\", "
        "\"bot_id\": \"B0DAYSHIFT\", \"is_enterprise_install\": false}"
      : "{\"ok\": true, \"url\": \"https://acme.slack.com/\", \"team\": \"Acme\", "
        "\"user\": \"alice\", \"team_id\": \"T0ACME0001\", \"user_id\": \"U0ALICE001\", "
        "\"is_enterprise_install\": false}");
  else if (g_str_equal (path, "/slack/conversations.info") &&
           (found = g_hash_table_lookup (slack->channels, string_or (query, "channel"))) != NULL)
    ds_test_respond_json (msg, 200, found);
  else if (g_str_equal (path, "/slack/conversations.info"))
    ds_test_respond_json (msg, 200, "{\"ok\": false, \"error\": \"channel_not_found\"}");
  else if (g_str_equal (path, "/slack/users.info") &&
           (found = g_hash_table_lookup (slack->users, string_or (query, "user"))) != NULL)
    ds_test_respond_json (msg, 200, found);
  else if (g_str_equal (path, "/slack/users.info"))
    ds_test_respond_json (msg, 200, "{\"ok\": false, \"error\": \"user_not_found\"}");
  else
    ds_test_respond_json (msg, 200, "{\"ok\": false, \"error\": \"unknown_method\"}");
}

static char *
channel_answer (const char *id,
                const char *name,
                gboolean    is_private,
                gboolean    is_member)
{
  return g_strdup_printf ("{\"ok\": true, \"channel\": {\"id\": \"%s\", \"name\": \"%s\", "
                          "\"is_channel\": %s, \"is_group\": false, \"is_im\": false, "
                          "\"is_private\": %s, \"is_archived\": false, \"is_general\": false, "
                          "\"is_member\": %s, \"created\": 1449252889, "
                          "\"creator\": \"U0ALICE001\"}}",
                          id, name, is_private ? "false" : "true", is_private ? "true" : "false",
                          is_member ? "true" : "false");
}

static char *
user_answer (const char *id,
             const char *name,
             gboolean    deleted)
{
  return g_strdup_printf ("{\"ok\": true, \"user\": {\"id\": \"%s\", \"team_id\": "
                          "\"T0ACME0001\", \"name\": \"%s\", \"deleted\": %s, "
                          "\"real_name\": \"%s\", \"is_bot\": false, "
                          "\"profile\": {\"display_name\": \"%s\"}}}",
                          id, name, deleted ? "true" : "false", name, name);
}

/* The scopes of the service table, less @drop, and one Dayshift does not
 * need, as Slack lists them. */
static char *
scopes_without (const char *drop)
{
  const char * const *needed = ds_service_info (DS_SERVICE_SLACK)->scopes;
  GString *s = g_string_new ("incoming-webhook");

  for (guint i = 0; needed[i] != NULL; i++)
    if (g_strcmp0 (drop, needed[i]) != 0)
      g_string_append_printf (s, ",%s", needed[i]);
  return g_string_free (s, FALSE);
}

/* A Slack where everything is as it should be. */
static void
slack_init (Slack *slack)
{
  slack->scopes = scopes_without (NULL);
  slack->channels = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  slack->users = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_hash_table_insert (slack->channels, "C0SUPPORT1",
                       channel_answer ("C0SUPPORT1", "ops-support", FALSE, TRUE));
  g_hash_table_insert (slack->channels, "G0PRIVATE1",
                       channel_answer ("G0PRIVATE1", "sre-private", TRUE, TRUE));
  g_hash_table_insert (slack->users, "U0ALICE001", user_answer ("U0ALICE001", "alice", FALSE));
  g_hash_table_insert (slack->users, "U0BOGDAN01", user_answer ("U0BOGDAN01", "bogdan", FALSE));
  slack->socket = "{\"ok\": true, \"url\": \"wss://wss-primary.slack.com/link/"
                  "?ticket=1234-5678&app_id=A0DAYSHIFT\"}";
}

static void
slack_clear (Slack *slack)
{
  g_free (slack->scopes);
  g_free (slack->socket_auth);
  g_hash_table_unref (slack->channels);
  g_hash_table_unref (slack->users);
}

static DsTeamProfile *
profile_for (DsTestServer *ts)
{
  g_autofree char *json = g_strdup_printf (
    "{\"version\": 1, \"name\": \"T\", "
    "\"github\": {\"org\": \"acme\", \"team\": \"devops\", \"repo\": \"acme/ops\"}, "
    "\"slack\": {\"api_url\": \"%s/slack\", \"channels\": ["
    "{\"id\": \"C0SUPPORT1\", \"name\": \"ops-support\", \"role\": \"support\"}, "
    "{\"id\": \"G0PRIVATE1\", \"name\": \"sre-private\", \"role\": \"sre\"}]}, "
    "\"super_epics\": [{\"name\": \"E\", \"issue\": \"acme/ops#1\", \"kinds\": [\"request\"]}], "
    "\"teammates\": [{\"name\": \"Alice Nakamura\", \"github\": \"alicen\", "
    "\"slack\": \"U0ALICE001\"}, {\"name\": \"Bogdan Ilić\", \"github\": \"bogdan-i\", "
    "\"slack\": \"U0BOGDAN01\"}, {\"name\": \"Chioma Eze\", \"github\": \"chiomae\"}]}",
    ts->base);
  g_autoptr(GError) error = NULL;
  DsTeamProfile *profile = ds_team_profile_new_from_data (json, strlen (json), "test", &error);

  g_assert_no_error (error);
  return profile;
}

static GPtrArray *
run (DsTestServer *ts,
     const char   *token,
     const char   *app_token)
{
  g_autoptr(DsTeamProfile) profile = profile_for (ts);
  g_autoptr(DsSetupCheck) check = ds_setup_check_new (profile);

  ds_setup_check_set_token (check, DS_SERVICE_SLACK, FALSE, token);
  ds_setup_check_set_token (check, DS_SERVICE_SLACK, TRUE, app_token);
  return ds_test_setup_run (ts, check);
}

#define assert_has(text, part) \
  G_STMT_START { \
    const char *t_ = (text); \
    if (t_ == NULL || strstr (t_, (part)) == NULL) \
      g_error ("“%s” does not say “%s”", t_ != NULL ? t_ : "(null)", (part)); \
  } G_STMT_END

static void
test_all_green (void)
{
  DsTestServer ts = { 0 };
  Slack slack = { 0 };
  g_autoptr(GPtrArray) rows = NULL;
  guint slack_rows = 0;

  slack_init (&slack);
  ds_test_server_start (&ts, handler, &slack);
  rows = run (&ts, BOT_TOKEN, APP_TOKEN);

  for (guint i = 0; i < rows->len; i++)
    {
      const DsCheckRow *r = g_ptr_array_index (rows, i);

      if (r->section != DS_SERVICE_SLACK && !g_str_equal (r->id, "teammates.slack"))
        continue;
      if (r->state != DS_CHECK_PASSED)
        g_error ("%s: %s", r->id, r->detail);
      g_assert_null (r->fix);
      slack_rows++;
    }
  /* The token, its scopes, two channels, Socket Mode, the teammates. */
  g_assert_cmpuint (slack_rows, ==, 6);
  g_assert_cmpstr (ds_test_setup_row (rows, "slack.token")->detail, ==, "The bot dayshift in the Acme workspace");
  assert_has (ds_test_setup_row (rows, "slack.scopes")->detail, "users:read");
  g_assert_cmpstr (ds_test_setup_row (rows, "slack.channel.C0SUPPORT1")->title, ==, "#ops-support");
  g_assert_cmpstr (ds_test_setup_row (rows, "slack.channel.C0SUPPORT1")->detail, ==, "@dayshift is in it.");
  g_assert_cmpstr (ds_test_setup_row (rows, "slack.channel.G0PRIVATE1")->title, ==, "#sre-private");
  assert_has (ds_test_setup_row (rows, "slack.socket")->detail, "Socket Mode opens");
  /* Socket Mode is asked with the app-level token, not the bot's. */
  g_assert_cmpuint (slack.socket_opens, ==, 1);
  g_assert_cmpstr (slack.socket_auth, ==, "Bearer " APP_TOKEN);
  /* Chioma has no Slack id: two asked. */
  g_assert_cmpuint (ds_test_setup_row (rows, "teammates.slack")->section, ==, DS_CHECK_TEAMMATES);
  g_assert_cmpstr (ds_test_setup_row (rows, "teammates.slack")->detail, ==,
                   "All 2 teammates’ Slack ids exist.");

  ds_test_server_stop (&ts);
  slack_clear (&slack);
}

static void
test_missing_scopes (void)
{
  DsTestServer ts = { 0 };
  Slack slack = { 0 };
  g_autoptr(GPtrArray) rows = NULL, no_users = NULL;
  const DsCheckRow *scopes;

  slack_init (&slack);
  g_free (slack.scopes);
  slack.scopes = scopes_without ("groups:read");
  ds_test_server_start (&ts, handler, &slack);
  rows = run (&ts, BOT_TOKEN, NULL);

  scopes = ds_test_setup_row (rows, "slack.scopes");
  g_assert_cmpint (scopes->state, ==, DS_CHECK_FAILED);
  assert_has (scopes->detail, "It lacks groups:read (it has: incoming-webhook,");
  assert_has (scopes->fix, "OAuth & Permissions");
  assert_has (scopes->fix, "add groups:read under Bot Token Scopes");
  assert_has (scopes->fix, "Reinstall to Workspace");
  assert_has (scopes->fix, "Create New App → From an app manifest");
  assert_has (scopes->fix, "slack-app-manifest.json");
  g_assert_cmpstr (scopes->link, ==, ds_service_info (DS_SERVICE_SLACK)->token_page);

  /* Without users:read Slack shows nobody: the teammates are not asked. */
  g_free (slack.scopes);
  slack.scopes = scopes_without ("users:read");
  no_users = run (&ts, USER_TOKEN, NULL);
  assert_has (ds_test_setup_row (no_users, "slack.scopes")->fix, "add users:read under User Token Scopes");
  g_assert_cmpint (ds_test_setup_row (no_users, "teammates.slack")->state, ==, DS_CHECK_SKIPPED);
  assert_has (ds_test_setup_row (no_users, "teammates.slack")->detail, "lacks a scope");

  ds_test_server_stop (&ts);
  slack_clear (&slack);
}

static void
test_channel_not_found (void)
{
  DsTestServer ts = { 0 };
  Slack slack = { 0 };
  g_autoptr(GPtrArray) rows = NULL;
  const DsCheckRow *channel;

  slack_init (&slack);
  /* A private channel the bot is not in is not found. */
  g_hash_table_remove (slack.channels, "G0PRIVATE1");
  ds_test_server_start (&ts, handler, &slack);
  rows = run (&ts, BOT_TOKEN, NULL);

  channel = ds_test_setup_row (rows, "slack.channel.G0PRIVATE1");
  g_assert_cmpint (channel->state, ==, DS_CHECK_FAILED);
  g_assert_cmpstr (channel->title, ==, "#sre-private");
  assert_has (channel->detail, "no channel G0PRIVATE1");
  assert_has (channel->detail, "the id is wrong, or the channel is private");
  assert_has (channel->fix, "Channel ID");
  assert_has (channel->fix, "If #sre-private is private, type /invite @dayshift in it.");
  g_assert_nonnull (channel->link);
  /* The other channel is still checked. */
  g_assert_cmpint (ds_test_setup_row (rows, "slack.channel.C0SUPPORT1")->state, ==, DS_CHECK_PASSED);

  ds_test_server_stop (&ts);
  slack_clear (&slack);
}

static void
test_not_a_member (void)
{
  DsTestServer ts = { 0 };
  Slack slack = { 0 };
  g_autoptr(GPtrArray) bot = NULL, user = NULL;
  const DsCheckRow *channel;

  slack_init (&slack);
  g_hash_table_insert (slack.channels, "C0SUPPORT1",
                       channel_answer ("C0SUPPORT1", "ops-support", FALSE, FALSE));
  ds_test_server_start (&ts, handler, &slack);

  bot = run (&ts, BOT_TOKEN, NULL);
  channel = ds_test_setup_row (bot, "slack.channel.C0SUPPORT1");
  g_assert_cmpint (channel->state, ==, DS_CHECK_FAILED);
  g_assert_cmpstr (channel->detail, ==, "@dayshift is not in #ops-support.");
  g_assert_cmpstr (channel->fix, ==, "In Slack, type /invite @dayshift in #ops-support.");
  g_assert_cmpint (ds_test_setup_row (bot, "slack.channel.G0PRIVATE1")->state, ==, DS_CHECK_PASSED);

  /* A user's token: the user joins. */
  user = run (&ts, USER_TOKEN, NULL);
  g_assert_cmpstr (ds_test_setup_row (user, "slack.token")->detail, ==, "Slack user alice in the Acme workspace");
  channel = ds_test_setup_row (user, "slack.channel.C0SUPPORT1");
  g_assert_cmpint (channel->state, ==, DS_CHECK_FAILED);
  g_assert_cmpstr (channel->fix, ==, "Join #ops-support in Slack (as @alice).");

  ds_test_server_stop (&ts);
  slack_clear (&slack);
}

static void
test_socket_mode (void)
{
  DsTestServer ts = { 0 };
  Slack slack = { 0 };
  g_autoptr(GPtrArray) refused = NULL, none = NULL;
  const DsCheckRow *socket;

  slack_init (&slack);
  slack.socket = "{\"ok\": false, \"error\": \"access_denied\"}";
  ds_test_server_start (&ts, handler, &slack);

  refused = run (&ts, BOT_TOKEN, APP_TOKEN);
  socket = ds_test_setup_row (refused, "slack.socket");
  g_assert_cmpint (socket->state, ==, DS_CHECK_FAILED);
  assert_has (socket->detail, "access_denied");
  assert_has (socket->fix, "Enable Socket Mode");
  assert_has (socket->fix, "App-Level Tokens");
  assert_has (socket->fix, "connections:write");
  g_assert_cmpstr (slack.socket_auth, ==, "Bearer " APP_TOKEN);
  /* The bot's token works all the same. */
  g_assert_cmpint (ds_test_setup_row (refused, "slack.token")->state, ==, DS_CHECK_PASSED);

  /* No app-level token: polled, which is no failure; Slack is not asked. */
  none = run (&ts, BOT_TOKEN, NULL);
  socket = ds_test_setup_row (none, "slack.socket");
  g_assert_cmpint (socket->state, ==, DS_CHECK_PASSED);
  assert_has (socket->detail, "No app-level token: Slack is polled");
  g_assert_cmpuint (slack.socket_opens, ==, 1);

  ds_test_server_stop (&ts);
  slack_clear (&slack);
}

static void
test_unknown_teammate (void)
{
  DsTestServer ts = { 0 };
  Slack slack = { 0 };
  g_autoptr(GPtrArray) unknown = NULL, deleted = NULL;
  const DsCheckRow *mates;

  slack_init (&slack);
  g_hash_table_remove (slack.users, "U0BOGDAN01");
  ds_test_server_start (&ts, handler, &slack);

  unknown = run (&ts, BOT_TOKEN, NULL);
  mates = ds_test_setup_row (unknown, "teammates.slack");
  g_assert_cmpint (mates->state, ==, DS_CHECK_FAILED);
  g_assert_cmpstr (mates->detail, ==, "U0BOGDAN01 is not a Slack user (Bogdan Ilić)");
  assert_has (mates->fix, "Copy member ID");
  g_assert_nonnull (mates->link);

  g_hash_table_insert (slack.users, "U0BOGDAN01", user_answer ("U0BOGDAN01", "bogdan", TRUE));
  deleted = run (&ts, BOT_TOKEN, NULL);
  g_assert_cmpstr (ds_test_setup_row (deleted, "teammates.slack")->detail, ==,
                   "U0BOGDAN01 is deactivated in Slack (Bogdan Ilić)");

  ds_test_server_stop (&ts);
  slack_clear (&slack);
}

/* A refused token: what depends on it is not asked, and says so. */
static void
test_token_refused (void)
{
  DsTestServer ts = { 0 };
  Slack slack = { 0 };
  g_autoptr(GPtrArray) rows = NULL;

  slack_init (&slack);
  ds_test_server_start (&ts, handler, &slack);
  rows = run (&ts, "xoxb-revoked", NULL);

  g_assert_cmpint (ds_test_setup_row (rows, "slack.token")->state, ==, DS_CHECK_FAILED);
  assert_has (ds_test_setup_row (rows, "slack.token")->detail, "invalid_auth");
  assert_has (ds_test_setup_row (rows, "slack.token")->fix, "Copy the token again");
  for (guint i = 0; i < 4; i++)
    {
      const char *id = (const char *[]) { "slack.scopes", "slack.channel.C0SUPPORT1",
                                          "slack.channel.G0PRIVATE1", "teammates.slack" }[i];

      g_assert_cmpint (ds_test_setup_row (rows, id)->state, ==, DS_CHECK_SKIPPED);
      assert_has (ds_test_setup_row (rows, id)->detail, "Depends on the token");
    }

  ds_test_server_stop (&ts);
  slack_clear (&slack);
}

/* Slack not reached: said with its words, no new token asked for, and
 * what depends on it not asked. */
static void
test_unreached (void)
{
  DsTestServer ts = { 0 };
  Slack slack = { 0 };
  g_autoptr(GPtrArray) rows = NULL;
  const DsCheckRow *token;

  slack_init (&slack);
  slack.down = TRUE;
  ds_test_server_start (&ts, handler, &slack);
  rows = run (&ts, BOT_TOKEN, NULL);

  token = ds_test_setup_row (rows, "slack.token");
  g_assert_cmpint (token->state, ==, DS_CHECK_FAILED);
  assert_has (token->detail, "HTTP 503");
  g_assert_cmpstr (token->fix, ==, "Check that this computer reaches Slack, then run the check "
                   "again.");
  for (guint i = 0; i < 4; i++)
    {
      const char *id = (const char *[]) { "slack.scopes", "slack.channel.C0SUPPORT1",
                                          "slack.channel.G0PRIVATE1", "teammates.slack" }[i];

      g_assert_cmpint (ds_test_setup_row (rows, id)->state, ==, DS_CHECK_SKIPPED);
      g_assert_cmpstr (ds_test_setup_row (rows, id)->detail, ==,
                       "Not asked: Slack could not be reached.");
    }

  ds_test_server_stop (&ts);
  slack_clear (&slack);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ds/setup-check/slack/all-green", test_all_green);
  g_test_add_func ("/ds/setup-check/slack/missing-scopes", test_missing_scopes);
  g_test_add_func ("/ds/setup-check/slack/channel-not-found", test_channel_not_found);
  g_test_add_func ("/ds/setup-check/slack/not-a-member", test_not_a_member);
  g_test_add_func ("/ds/setup-check/slack/socket-mode", test_socket_mode);
  g_test_add_func ("/ds/setup-check/slack/unknown-teammate", test_unknown_teammate);
  g_test_add_func ("/ds/setup-check/slack/token-refused", test_token_refused);
  g_test_add_func ("/ds/setup-check/slack/unreached", test_unreached);
  return g_test_run ();
}
