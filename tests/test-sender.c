/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "ds-actions.h"
#include "ds-error.h"
#include "ds-handoff.h"
#include "ds-report.h"
#include "ds-sender.h"
#include "ds-test-server.h"

/* The outbox, sent to loopback Slack, GitHub, PagerDuty and ZenHub: each
 * action produces exactly the requests it should (asserted on the server),
 * in order; transient trouble is retried, permanent trouble is told once and
 * not retried; a write that may have arrived before a crash is looked for
 * before it is sent again. */

typedef struct
{
  DsTestServer ts;
  char        *dir;
  DsStore     *store;
  DsInbox     *inbox;
  DsHttp      *http;
  DsSender    *sender;
  GPtrArray   *requests;      /* "METHOD /path" */
  GPtrArray   *bodies;        /* the request bodies, as text */
  GPtrArray   *replies;       /* "CHANNEL THREAD_TS USER TEXT" posted in threads */
  GPtrArray   *issues;        /* JSON text of filed issues */
  GPtrArray   *comments;      /* "OWNER/REPO/NUMBER" and the JSON text of a comment, in turns */
  char        *fail_prefix;   /* requests whose path starts so fail */
  guint        fail_status;   /* with this HTTP status, or */
  char        *slack_error;   /* this Slack error */
  guint        fail_count;    /* how many more times; 0: always */
  GPtrArray   *failures;      /* the "failed" signal's messages */
} Fixture;

static GHashTable *
form (const char *body)
{
  return soup_form_decode (body != NULL ? body : "");
}

static char *
issue_json (Fixture    *f,
            const char *repo,
            gint64      number,
            const char *title,
            const char *body)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *url = g_strdup_printf ("https://github.com/%s/issues/%" G_GINT64_FORMAT,
                                          repo, number);
  g_autofree char *api = g_strdup_printf ("%s/github/repos/%s", f->ts.base, repo);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_int_value (b, 5000 + number);
  json_builder_set_member_name (b, "number");
  json_builder_add_int_value (b, number);
  json_builder_set_member_name (b, "title");
  json_builder_add_string_value (b, title);
  json_builder_set_member_name (b, "body");
  json_builder_add_string_value (b, body);
  json_builder_set_member_name (b, "state");
  json_builder_add_string_value (b, "open");
  json_builder_set_member_name (b, "html_url");
  json_builder_add_string_value (b, url);
  json_builder_set_member_name (b, "repository_url");
  json_builder_add_string_value (b, api);
  json_builder_set_member_name (b, "created_at");
  json_builder_add_string_value (b, "2026-11-26T09:00:00Z");
  json_builder_set_member_name (b, "updated_at");
  json_builder_add_string_value (b, "2026-11-26T09:00:00Z");
  json_builder_set_member_name (b, "user");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "login");
  json_builder_add_string_value (b, "me");
  json_builder_end_object (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  return json_to_string (root, FALSE);
}

static void
slack (Fixture           *f,
       SoupServerMessage *msg,
       const char        *method,
       const char        *body,
       GHashTable        *query)
{
  g_autoptr(GHashTable) params = form (body);

  if (g_str_equal (method, "auth.test"))
    ds_test_respond_json (msg, 200, "{\"ok\": true, \"user_id\": \"UME\", \"user\": \"me\", "
                                    "\"team_id\": \"T1\", \"team\": \"Acme\"}");
  else if (g_str_equal (method, "reactions.add"))
    ds_test_respond_json (msg, 200, "{\"ok\": true}");
  else if (g_str_equal (method, "chat.getPermalink"))
    ds_test_respond_json (msg, 200, "{\"ok\": true, \"channel\": \"C1\", \"permalink\": "
                                    "\"https://acme.slack.com/archives/C1/p1700000000000100\"}");
  else if (g_str_equal (method, "chat.postMessage"))
    {
      /* Slack hands links back in angle brackets. */
      g_autofree char *text = NULL;
      const char *t = g_hash_table_lookup (params, "text");
      g_autoptr(GRegex) link = g_regex_new ("(https://[^ ]+)", 0, 0, NULL);

      text = g_regex_replace (link, t != NULL ? t : "", -1, 0, "<\\1>", 0, NULL);
      g_ptr_array_add (f->replies, g_strdup_printf ("%s %s UME %s",
                                                    (char *)g_hash_table_lookup (params, "channel"),
                                                    (char *)g_hash_table_lookup (params, "thread_ts"),
                                                    text));
      ds_test_respond_json (msg, 200,
                            "{\"ok\": true, \"channel\": \"C1\", \"ts\": \"1700000100.000200\"}");
    }
  else if (g_str_equal (method, "conversations.replies"))
    {
      const char *ts = g_hash_table_lookup (query, "ts");
      g_autoptr(GString) out = g_string_new ("{\"ok\": true, \"has_more\": false, \"messages\": [");
      g_autofree char *parent = g_strdup_printf ("{\"type\": \"message\", \"ts\": \"%s\", "
                                                 "\"user\": \"U2\", \"text\": \"help\"}", ts);

      g_string_append (out, parent);
      for (guint i = 0; i < f->replies->len; i++)
        {
          g_auto(GStrv) parts = g_strsplit (f->replies->pdata[i], " ", 4);
          g_autoptr(JsonNode) text = json_node_init_string (json_node_alloc (), parts[3]);
          g_autofree char *quoted = json_to_string (text, FALSE);

          if (g_strcmp0 (parts[1], ts) == 0)
            g_string_append_printf (out, ", {\"type\": \"message\", \"ts\": \"1700000100.%06u\", "
                                         "\"thread_ts\": \"%s\", \"user\": \"%s\", \"text\": %s}",
                                    i, ts, parts[2], quoted);
        }
      g_string_append (out, "]}");
      ds_test_respond_json (msg, 200, out->str);
    }
  else
    ds_test_respond_json (msg, 200, "{\"ok\": false, \"error\": \"unknown_method\"}");
}

static void
github (Fixture           *f,
        SoupServerMessage *msg,
        const char        *method,
        const char        *path,
        const char        *body)
{
  g_auto(GStrv) parts = g_strsplit (path, "/", -1);  /* "", "repos", o, r, ... */
  guint n = g_strv_length (parts);

  if (g_str_equal (path, "/user"))
    ds_test_respond_json (msg, 200, "{\"login\": \"me\", \"id\": 1}");
  else if (n == 4 && g_str_equal (parts[1], "repos") && g_str_equal (method, "GET"))
    {
      g_autofree char *json = g_strdup_printf ("{\"id\": %u, \"full_name\": \"%s/%s\", "
                                               "\"html_url\": \"https://github.com/%s/%s\"}",
                                               g_str_equal (parts[3], "support") ? 101 : 202,
                                               parts[2], parts[3], parts[2], parts[3]);
      ds_test_respond_json (msg, 200, json);
    }
  else if (n == 5 && g_str_equal (parts[4], "issues") && g_str_equal (method, "POST"))
    {
      g_autoptr(JsonNode) root = json_from_string (body, NULL);
      JsonObject *o = json_node_get_object (root);
      g_autofree char *repo = g_strdup_printf ("%s/%s", parts[2], parts[3]);
      char *json = issue_json (f, repo, 40 + f->issues->len,
                               json_object_get_string_member (o, "title"),
                               json_object_get_string_member (o, "body"));

      g_ptr_array_add (f->issues, json);
      ds_test_respond_json (msg, 201, json);
    }
  else if (n == 5 && g_str_equal (parts[4], "issues"))
    {
      g_autoptr(GString) out = g_string_new ("[");

      for (guint i = 0; i < f->issues->len; i++)
        g_string_append_printf (out, "%s%s", i > 0 ? ", " : "", (char *)f->issues->pdata[i]);
      g_string_append (out, "]");
      ds_test_respond_json (msg, 200, out->str);
    }
  else if (n == 7 && g_str_equal (parts[6], "assignees"))
    {
      g_autofree char *repo = g_strdup_printf ("%s/%s", parts[2], parts[3]);
      g_autofree char *json = issue_json (f, repo, g_ascii_strtoll (parts[5], NULL, 10), "t", "b");
      ds_test_respond_json (msg, 201, json);
    }
  else if (n == 7 && g_str_equal (parts[6], "requested_reviewers"))
    ds_test_respond_json (msg, 201, "{\"number\": 7}");
  else if (n == 7 && g_str_equal (parts[6], "comments") && g_str_equal (method, "POST"))
    {
      /* As GitHub documents it: the comment, with its address; kept for
       * the issue's list of comments. */
      g_autoptr(JsonNode) root = json_from_string (body, NULL);
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) comment = NULL;
      guint id = 900 + f->comments->len / 2;
      g_autofree char *url = g_strdup_printf ("https://github.com/%s/%s/issues/%s#issuecomment-%u",
                                              parts[2], parts[3], parts[5], id);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_int_value (b, id);
      json_builder_set_member_name (b, "body");
      json_builder_add_string_value (b, json_object_get_string_member (json_node_get_object (root),
                                                                        "body"));
      json_builder_set_member_name (b, "html_url");
      json_builder_add_string_value (b, url);
      json_builder_set_member_name (b, "user");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "login");
      json_builder_add_string_value (b, "me");
      json_builder_end_object (b);
      json_builder_set_member_name (b, "created_at");
      json_builder_add_string_value (b, "2026-11-26T09:00:00Z");
      json_builder_end_object (b);
      comment = json_builder_get_root (b);
      g_ptr_array_add (f->comments, g_strdup_printf ("%s/%s/%s", parts[2], parts[3], parts[5]));
      g_ptr_array_add (f->comments, json_to_string (comment, FALSE));
      ds_test_respond_json (msg, 201, f->comments->pdata[f->comments->len - 1]);
    }
  else if (n == 7 && g_str_equal (parts[6], "comments"))
    {
      g_autofree char *issue = g_strdup_printf ("%s/%s/%s", parts[2], parts[3], parts[5]);
      g_autoptr(GString) out = g_string_new ("[");

      for (guint i = 0; i < f->comments->len; i += 2)
        if (g_str_equal (f->comments->pdata[i], issue))
          g_string_append_printf (out, "%s%s", out->len > 1 ? ", " : "",
                                  (char *)f->comments->pdata[i + 1]);
      g_string_append (out, "]");
      ds_test_respond_json (msg, 200, out->str);
    }
  else
    ds_test_respond_json (msg, 404, "{\"message\": \"Not Found\"}");
}

static void
handler (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  Fixture *f = user_data;
  const char *method = soup_server_message_get_method (msg);
  SoupMessageBody *req = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (req);
  g_autofree char *body = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_autoptr(GHashTable) empty = g_hash_table_new (g_str_hash, g_str_equal);

  g_ptr_array_add (f->requests, g_strdup_printf ("%s %s", method, path));
  g_ptr_array_add (f->bodies, g_strdup (body));

  if (f->fail_prefix != NULL && g_str_has_prefix (path, f->fail_prefix) &&
      (f->fail_count == 0 || f->fail_count-- > 0))
    {
      if (f->slack_error != NULL)
        {
          g_autofree char *json = g_strdup_printf ("{\"ok\": false, \"error\": \"%s\"}",
                                                   f->slack_error);
          ds_test_respond_json (msg, 200, json);
        }
      else
        ds_test_respond_json (msg, f->fail_status, "{\"message\": \"trouble\"}");
      if (f->fail_count == 0 && f->slack_error == NULL && f->fail_status == 0)
        g_clear_pointer (&f->fail_prefix, g_free);
      return;
    }

  if (g_str_has_prefix (path, "/slack/api/"))
    slack (f, msg, path + strlen ("/slack/api/"), body, query != NULL ? query : empty);
  else if (g_str_has_prefix (path, "/github/"))
    github (f, msg, method, path + strlen ("/github"), body);
  else if (g_str_has_prefix (path, "/pagerduty/incidents/"))
    ds_test_respond_json (msg, 200,
                          "{\"incident\": {\"id\": \"PT4KHLK\", \"type\": \"incident\", "
                          "\"incident_number\": 1, \"title\": \"fire\", "
                          "\"status\": \"acknowledged\", \"urgency\": \"high\", "
                          "\"html_url\": \"https://x.pagerduty.com/incidents/PT4KHLK\", "
                          "\"created_at\": \"2026-11-26T09:00:00Z\"}}");
  else if (g_str_has_prefix (path, "/zenhub/p1/repositories/"))
    ds_test_respond_json (msg, 200, "{\"added\": [], \"removed\": []}");
  else
    ds_test_respond_json (msg, 404, "{}");
}

static void
on_failed (DsSender   *sender,
           DsItem     *item,
           const char *message,
           Fixture    *f)
{
  g_ptr_array_add (f->failures, g_strdup (message));
}

static void
open_sender (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "dayshift.db", NULL);
  g_autoptr(GPtrArray) items = NULL;

  f->store = ds_store_open (path, &error);
  g_assert_no_error (error);
  f->inbox = ds_inbox_new ();
  items = ds_store_load_items (f->store, NULL);
  ds_inbox_add_items (f->inbox, items);
  f->sender = ds_sender_new (f->store, f->inbox);
  g_signal_connect (f->sender, "failed", G_CALLBACK (on_failed), f);
  ds_sender_set_http (f->sender, f->http);
}

static void
close_sender (Fixture *f)
{
  g_clear_object (&f->sender);
  g_clear_object (&f->inbox);
  g_clear_object (&f->store);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  static const struct { DsService service; const char *path; } bases[] = {
    { DS_SERVICE_SLACK, "/slack/api" }, { DS_SERVICE_GITHUB, "/github" },
    { DS_SERVICE_PAGERDUTY, "/pagerduty" }, { DS_SERVICE_ZENHUB, "/zenhub" },
  };

  f->requests = g_ptr_array_new_with_free_func (g_free);
  f->bodies = g_ptr_array_new_with_free_func (g_free);
  f->replies = g_ptr_array_new_with_free_func (g_free);
  f->issues = g_ptr_array_new_with_free_func (g_free);
  f->comments = g_ptr_array_new_with_free_func (g_free);
  f->failures = g_ptr_array_new_with_free_func (g_free);
  ds_test_server_start (&f->ts, handler, f);
  f->dir = g_dir_make_tmp ("ds-sender-XXXXXX", NULL);
  f->http = ds_http_new ();
  for (guint i = 0; i < G_N_ELEMENTS (bases); i++)
    {
      g_autofree char *url = g_strconcat (f->ts.base, bases[i].path, NULL);
      g_assert_true (ds_http_set_base_url (f->http, bases[i].service, url, NULL));
      ds_http_set_token (f->http, bases[i].service, "t0ken");
    }
  ds_http_set_pagerduty_from (f->http, "me@example.com");
  open_sender (f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "dayshift.db", NULL);

  close_sender (f);
  g_clear_object (&f->http);
  ds_test_server_stop (&f->ts);
  ds_store_delete_files (path);
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->fail_prefix);
  g_free (f->slack_error);
  g_ptr_array_unref (f->requests);
  g_ptr_array_unref (f->bodies);
  g_ptr_array_unref (f->replies);
  g_ptr_array_unref (f->issues);
  g_ptr_array_unref (f->comments);
  g_ptr_array_unref (f->failures);
}

/* Runs the loop until the outbox is empty or stuck (nothing due), at most 5 s. */
static void
drain (Fixture *f)
{
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  gint64 quiet_since = 0;

  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      if (ds_sender_get_busy (f->sender) || g_main_context_pending (NULL))
        {
          quiet_since = 0;
          continue;
        }
      if (quiet_since == 0)
        quiet_since = g_get_monotonic_time ();
      else if (g_get_monotonic_time () - quiet_since > 100 * 1000)
        return;
      g_usleep (1000);
    }
}

static DsItem *
add_item (Fixture    *f,
          const char *source,
          const char *remote_id,
          DsItemKind  kind,
          const char *text)
{
  g_autoptr(DsItem) item = ds_item_new (source, remote_id, kind, "A title");

  ds_item_set_text (item, text);
  ds_item_set_requester (item, "Dana");
  ds_item_set_channel (item, "#ops-support");
  g_assert_true (ds_store_save_item (f->store, item, NULL));
  ds_inbox_add (f->inbox, item);
  return item;
}

static void
queue (Fixture     *f,
       DsItem      *item,
       DsItemState  to,
       GPtrArray   *writes)
{
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (writes);
  g_assert_true (ds_store_transition_full (f->store, item, to, "me", NULL, writes, &error));
  g_assert_no_error (error);
  g_ptr_array_unref (writes);
  /* No kick: the store tells the sender of what was queued. */
}

static const DsActionTexts texts = {
  .reaction = "eyes",
  .ack_reply = "On it.",
  .delegate_reply = "%s could you take this one?",
  .issue_reply = "Filed as %s",
};

static char *
requests_text (Fixture *f)
{
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint i = 0; i < f->requests->len; i++)
    g_string_append_printf (s, "%s\n", (char *)f->requests->pdata[i]);
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static const char *
body_of (Fixture    *f,
         const char *request)
{
  for (guint i = 0; i < f->requests->len; i++)
    if (g_str_equal (f->requests->pdata[i], request))
      return f->bodies->pdata[i];
  return NULL;
}

/* The sender idle, its first look at the outbox done: a write queued with
 * a state change is sent without anyone asking (the store says so). */
static void
test_queued_sent_unasked (Fixture       *f,
                          gconstpointer  data)
{
  DsItem *incident = add_item (f, "pagerduty", "PQUEUED", DS_ITEM_KIND_INCIDENT, "fire");

  drain (f);
  g_assert_cmpuint (f->requests->len, ==, 0);
  queue (f, incident, DS_ITEM_STATE_ACKNOWLEDGED, ds_actions_acknowledge (incident, &texts));
  drain (f);
  g_assert_cmpuint (f->requests->len, ==, 1);
  g_assert_cmpstr (f->requests->pdata[0], ==, "PUT /pagerduty/incidents/PQUEUED");
}

static void
test_acknowledge (Fixture       *f,
                  gconstpointer  data)
{
  DsItem *slack_item = add_item (f, "slack", "C1/1700000000.000100", DS_ITEM_KIND_REQUEST,
                                 "Can someone look at the VPN?");
  DsItem *incident = add_item (f, "pagerduty", "PT4KHLK", DS_ITEM_KIND_INCIDENT, "fire");
  DsItem *review = add_item (f, "github", "acme/api#7", DS_ITEM_KIND_REVIEW, "PR");
  g_autofree char *all = NULL;
  g_autoptr(GHashTable) reaction = NULL;
  g_autoptr(GHashTable) reply = NULL;

  queue (f, slack_item, DS_ITEM_STATE_ACKNOWLEDGED, ds_actions_acknowledge (slack_item, &texts));
  queue (f, incident, DS_ITEM_STATE_ACKNOWLEDGED, ds_actions_acknowledge (incident, &texts));
  queue (f, review, DS_ITEM_STATE_ACKNOWLEDGED, ds_actions_acknowledge (review, &texts));
  drain (f);

  all = requests_text (f);
  g_assert_cmpstr (all, ==,
                   "POST /slack/api/reactions.add\n"
                   "POST /slack/api/chat.postMessage\n"
                   "PUT /pagerduty/incidents/PT4KHLK\n");
  reaction = form (body_of (f, "POST /slack/api/reactions.add"));
  g_assert_cmpstr (g_hash_table_lookup (reaction, "channel"), ==, "C1");
  g_assert_cmpstr (g_hash_table_lookup (reaction, "timestamp"), ==, "1700000000.000100");
  g_assert_cmpstr (g_hash_table_lookup (reaction, "name"), ==, "eyes");
  reply = form (body_of (f, "POST /slack/api/chat.postMessage"));
  g_assert_cmpstr (g_hash_table_lookup (reply, "thread_ts"), ==, "1700000000.000100");
  g_assert_cmpstr (g_hash_table_lookup (reply, "text"), ==, "On it.");
  g_assert_nonnull (strstr (body_of (f, "PUT /pagerduty/incidents/PT4KHLK"),
                            "\"status\":\"acknowledged\""));
  g_assert_cmpuint (ds_sender_get_n_unfinished (f->sender), ==, 0);
  g_assert_cmpuint (f->failures->len, ==, 0);
}

static void
test_delegate (Fixture       *f,
               gconstpointer  data)
{
  DsTeammate sam = { .name = "Sam", .github = "sam-gh", .slack = "USAM", .pagerduty = "PSAM" };
  DsTeammate nobody = { .name = "Kim" };
  DsItem *slack_item = add_item (f, "slack", "C1/1700000000.000100", DS_ITEM_KIND_REQUEST, "x");
  DsItem *review = add_item (f, "github", "acme/api#7", DS_ITEM_KIND_REVIEW, "PR");
  DsItem *access = add_item (f, "github", "acme/support#9", DS_ITEM_KIND_ACCESS, "access");
  DsItem *incident = add_item (f, "pagerduty", "PT4KHLK", DS_ITEM_KIND_INCIDENT, "fire");
  g_autoptr(GError) error = NULL;
  g_autofree char *all = NULL;
  g_autoptr(GHashTable) reply = NULL;

  g_assert_null (ds_actions_delegate (slack_item, &nobody, &texts, &error));
  g_assert_error (error, DS_ERROR, DS_ERROR_PROFILE);
  g_assert_nonnull (strstr (error->message, "Kim"));
  g_clear_error (&error);

  ds_item_set_delegated_to (slack_item, "Sam");
  queue (f, slack_item, DS_ITEM_STATE_DELEGATED,
         ds_actions_delegate (slack_item, &sam, &texts, NULL));
  queue (f, review, DS_ITEM_STATE_DELEGATED, ds_actions_delegate (review, &sam, &texts, NULL));
  queue (f, access, DS_ITEM_STATE_DELEGATED, ds_actions_delegate (access, &sam, &texts, NULL));
  queue (f, incident, DS_ITEM_STATE_DELEGATED,
         ds_actions_delegate (incident, &sam, &texts, NULL));
  drain (f);

  all = requests_text (f);
  g_assert_cmpstr (all, ==,
                   "POST /slack/api/chat.postMessage\n"
                   "POST /github/repos/acme/api/pulls/7/requested_reviewers\n"
                   "POST /github/repos/acme/support/issues/9/assignees\n"
                   "PUT /pagerduty/incidents/PT4KHLK\n");
  reply = form (body_of (f, "POST /slack/api/chat.postMessage"));
  g_assert_cmpstr (g_hash_table_lookup (reply, "text"), ==, "<@USAM> could you take this one?");
  g_assert_cmpstr (body_of (f, "POST /github/repos/acme/api/pulls/7/requested_reviewers"), ==,
                   "{\"reviewers\":[\"sam-gh\"]}");
  g_assert_cmpstr (body_of (f, "POST /github/repos/acme/support/issues/9/assignees"), ==,
                   "{\"assignees\":[\"sam-gh\"]}");
  g_assert_nonnull (strstr (body_of (f, "PUT /pagerduty/incidents/PT4KHLK"), "\"PSAM\""));
  g_assert_cmpstr (ds_item_get_delegated_to (slack_item), ==, "Sam");
}

static DsTeamProfile *
profile (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data",
                                                 "team-profile.example.json", NULL);
  g_autofree char *data = NULL;
  gsize length;
  DsTeamProfile *p;

  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  p = ds_team_profile_new_from_data (data, length, path, NULL);
  g_assert_nonnull (p);
  return p;
}

static void
test_file_issue (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(DsTeamProfile) p = profile ();
  DsItem *item = add_item (f, "slack", "C1/1700000000.000100", DS_ITEM_KIND_REQUEST,
                           "Deploys to staging hang\nsince this morning, at the migrate step");
  const DsSuperEpic *epic = ds_team_profile_super_epic_for (p, DS_ITEM_KIND_REQUEST);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) issue = NULL;
  g_autoptr(GHashTable) reply = NULL;
  g_autofree char *all = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *create = NULL;
  g_autofree char *zenhub = NULL;
  JsonObject *o;

  g_assert_nonnull (epic);
  p->zenhub_graphql = FALSE;  /* the REST API here; GraphQL has its own test */

  /* An item that already is an issue is not filed again. */
  {
    g_autoptr(DsItem) pr = ds_item_new ("github", "acme/api#7", DS_ITEM_KIND_REVIEW, "PR");
    g_assert_null (ds_actions_file_issue (pr, p, &texts, &error));
    g_assert_error (error, DS_ERROR, DS_ERROR_INVALID_ARGUMENT);
    g_clear_error (&error);
  }
  queue (f, item, DS_ITEM_STATE_FILED, ds_actions_file_issue (item, p, &texts, &error));
  drain (f);

  create = g_strdup_printf ("POST /github/repos/%s/issues", p->team_repo);
  zenhub = g_strdup_printf ("POST /zenhub/p1/repositories/%u/epics/%" G_GINT64_FORMAT
                            "/update_issues", g_str_has_suffix (epic->repo, "/support") ? 101 : 202,
                            epic->number);
  expected = g_strdup_printf ("GET /slack/api/chat.getPermalink\n"
                              "GET /github/user\n"
                              "%s\n"
                              "GET /github/repos/%s\n"
                              "%s\n"
                              "POST /slack/api/chat.postMessage\n",
                              create, p->team_repo, zenhub);
  /* The epic is in the team repo: its id is asked once. */
  g_assert_cmpstr (epic->repo, ==, p->team_repo);
  all = requests_text (f);
  g_assert_cmpstr (all, ==, expected);

  issue = json_from_string (body_of (f, create), NULL);
  o = json_node_get_object (issue);
  g_assert_cmpstr (json_object_get_string_member (o, "title"), ==, "Deploys to staging hang");
  g_assert_nonnull (strstr (json_object_get_string_member (o, "body"),
                            "> Deploys to staging hang\n> since this morning, at the migrate step"));
  g_assert_nonnull (strstr (json_object_get_string_member (o, "body"),
                            "Requested by Dana in #ops-support: "
                            "https://acme.slack.com/archives/C1/p1700000000000100"));
  g_assert_nonnull (strstr (json_object_get_string_member (o, "body"), "<!-- dayshift:"));
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (o, "labels"), 0),
                   ==, p->support_label);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (o, "assignees"),
                                                  0), ==, "me");
  g_assert_nonnull (strstr (body_of (f, zenhub), "\"issue_number\":40"));

  reply = form (body_of (f, "POST /slack/api/chat.postMessage"));
  {
    g_autofree char *want = g_strdup_printf ("Filed as https://github.com/%s/issues/40",
                                             p->team_repo);
    g_assert_cmpstr (g_hash_table_lookup (reply, "text"), ==, want);
    g_assert_cmpstr (ds_item_get_issue_url (item), ==, want + strlen ("Filed as "));
  }

  /* The issue link was saved with the item. */
  close_sender (f);
  open_sender (f);
  g_assert_nonnull (ds_item_get_issue_url (ds_inbox_lookup (f->inbox, "slack:C1/1700000000.000100")));
}

/* The rotation's process steps that change no state: a pull request reviewed
 * in a moment linked to its super-epic as it is, and a teammate added to an
 * item (assignee and a comment saying who joined); each kept in the item's
 * history, with its writes in one transaction. */
static void
test_link_and_teammate (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(DsTeamProfile) p = profile ();
  DsTeammate sam = { .name = "Sam", .github = "sam-gh", .slack = "USAM", .pagerduty = "PSAM" };
  DsTeammate nogh = { .name = "Kim", .slack = "UKIM" };
  DsItem *review = add_item (f, "github", "acme/api#7", DS_ITEM_KIND_REVIEW, "PR");
  DsItem *chat = add_item (f, "slack", "C1/1700000000.000100", DS_ITEM_KIND_REQUEST, "x");
  const DsSuperEpic *epic = ds_team_profile_super_epic_for (p, DS_ITEM_KIND_REVIEW);
  const char *epic_name = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) writes = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autofree char *all = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *zenhub = NULL;
  g_autofree char *comment = NULL;

  g_assert_nonnull (epic);
  p->zenhub_graphql = FALSE;

  /* Refused, with the reason: a Slack request has no issue to link or join. */
  g_assert_null (ds_actions_link_to_epic (chat, p, NULL, &error));
  g_assert_error (error, DS_ERROR, DS_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_null (ds_actions_add_teammate (chat, &sam, &error));
  g_assert_error (error, DS_ERROR, DS_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_null (ds_actions_add_teammate (review, &nogh, &error));
  g_assert_error (error, DS_ERROR, DS_ERROR_PROFILE);
  g_assert_nonnull (strstr (error->message, "teammates[].github"));
  g_clear_error (&error);

  writes = ds_actions_link_to_epic (review, p, &epic_name, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (epic_name, ==, epic->name);
  g_assert_true (ds_store_record (f->store, review, "me", "Linked to a super-epic", writes,
                                  &error));
  g_clear_pointer (&writes, g_ptr_array_unref);
  writes = ds_actions_add_teammate (review, &sam, &error);
  g_assert_no_error (error);
  g_assert_true (ds_store_record (f->store, review, "me", "Sam joined", writes, &error));
  g_assert_no_error (error);
  drain (f);

  zenhub = g_strdup_printf ("POST /zenhub/p1/repositories/202/epics/%" G_GINT64_FORMAT
                            "/update_issues", epic->number);
  comment = g_strdup ("POST /github/repos/acme/api/issues/7/comments");
  expected = g_strdup_printf ("GET /github/repos/acme/api\n"
                              "GET /github/repos/%s\n"
                              "%s\n"
                              "POST /github/repos/acme/api/issues/7/assignees\n"
                              "%s\n", epic->repo, zenhub, comment);
  all = requests_text (f);
  g_assert_cmpstr (all, ==, expected);
  /* The pull request itself, number 7 of its repository, into the epic. */
  g_assert_nonnull (strstr (body_of (f, zenhub), "\"issue_number\":7"));
  g_assert_nonnull (strstr (body_of (f, zenhub), "\"repo_id\":202"));
  g_assert_cmpstr (body_of (f, "POST /github/repos/acme/api/issues/7/assignees"), ==,
                   "{\"assignees\":[\"sam-gh\"]}");
  g_assert_nonnull (strstr (body_of (f, comment), "@sam-gh joined on this"));
  g_assert_cmpuint (f->failures->len, ==, 0);

  /* Kept in the item's history, its state unchanged. */
  history = ds_store_load_history (f->store, "github:acme/api#7", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 2);
  g_assert_cmpstr (((DsHistoryEntry *)history->pdata[0])->note, ==, "Linked to a super-epic");
  g_assert_cmpint (((DsHistoryEntry *)history->pdata[1])->from, ==,
                   ((DsHistoryEntry *)history->pdata[1])->to);
  g_assert_cmpint (ds_item_get_state (review), ==, DS_ITEM_STATE_NEW);
}

/* ZenHub refuses the epic link: the requester still hears the issue exists
 * (the reply needs the issue, not the link); the link is told as failed. */
static void
test_zenhub_refusal_spares_reply (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(DsTeamProfile) p = profile ();
  DsItem *item = add_item (f, "slack", "C1/1700000000.000100", DS_ITEM_KIND_REQUEST,
                           "Deploys to staging hang");
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GHashTable) reply = NULL;

  p->zenhub_graphql = FALSE;
  f->fail_prefix = g_strdup ("/zenhub/");
  f->fail_status = 403;
  queue (f, item, DS_ITEM_STATE_FILED, ds_actions_file_issue (item, p, &texts, NULL));
  drain (f);

  reply = form (body_of (f, "POST /slack/api/chat.postMessage"));
  g_assert_nonnull (reply);
  g_assert_true (g_str_has_prefix (g_hash_table_lookup (reply, "text"), "Filed as https://"));
  g_assert_cmpuint (f->failures->len, ==, 1);
  g_assert_nonnull (strstr (f->failures->pdata[0], "ZenHub"));
  entries = ds_store_outbox_load (f->store, FALSE, NULL);
  for (guint i = 0; i < entries->len; i++)
    {
      DsOutboxEntry *e = entries->pdata[i];
      g_assert_cmpint (e->state, ==, g_str_has_prefix (e->op, "zenhub.") ? DS_OUTBOX_FAILED
                                                                         : DS_OUTBOX_DONE);
    }
}

/* Killed after the request left but before it was marked done: at the next
 * start the reply is found in the thread and the issue by its key, so
 * neither is posted twice. */
static void
test_no_repeat_after_crash (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(DsTeamProfile) p = profile ();
  DsItem *item = add_item (f, "slack", "C1/1700000000.000100", DS_ITEM_KIND_REQUEST,
                           "Please rotate the staging key");
  DsItem *other = add_item (f, "slack", "C1/1700000000.000300", DS_ITEM_KIND_REQUEST, "Hi");
  g_autoptr(GPtrArray) entries = NULL;
  guint posts = 0, creates = 0;

  p->zenhub_graphql = FALSE;

  queue (f, item, DS_ITEM_STATE_FILED, ds_actions_file_issue (item, p, &texts, NULL));
  queue (f, other, DS_ITEM_STATE_ACKNOWLEDGED, ds_actions_acknowledge (other, &texts));
  drain (f);
  g_assert_cmpuint (f->issues->len, ==, 1);
  g_assert_cmpuint (f->replies->len, ==, 2);

  /* Make it as if every write was in flight when Dayshift died. */
  {
    g_autoptr(GPtrArray) all = ds_store_outbox_load (f->store, FALSE, NULL);
    for (guint i = 0; i < all->len; i++)
      {
        DsOutboxEntry *e = all->pdata[i];
        g_assert_cmpint (e->state, ==, DS_OUTBOX_DONE);
      }
  }
  close_sender (f);
  {
    g_autofree char *path = g_build_filename (f->dir, "dayshift.db", NULL);
    sqlite3 *db = NULL;
    g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, "UPDATE outbox SET state = 'sending'", NULL, NULL, NULL),
                     ==, SQLITE_OK);
    sqlite3_close (db);
  }
  g_ptr_array_set_size (f->requests, 0);
  g_ptr_array_set_size (f->bodies, 0);
  open_sender (f);
  ds_item_set_issue_url (ds_inbox_lookup (f->inbox, "slack:C1/1700000000.000100"), NULL);
  ds_sender_kick (f->sender);
  drain (f);

  for (guint i = 0; i < f->requests->len; i++)
    {
      posts += g_str_equal (f->requests->pdata[i], "POST /slack/api/chat.postMessage");
      creates += g_str_has_suffix (f->requests->pdata[i], "/issues") &&
                 g_str_has_prefix (f->requests->pdata[i], "POST");
    }
  g_assert_cmpuint (posts, ==, 0);
  g_assert_cmpuint (creates, ==, 0);
  g_assert_cmpuint (f->issues->len, ==, 1);
  g_assert_cmpuint (f->replies->len, ==, 2);
  /* The issue was recognised, and its link given back to the item. */
  g_assert_nonnull (ds_item_get_issue_url (ds_inbox_lookup (f->inbox,
                                                            "slack:C1/1700000000.000100")));
  entries = ds_store_outbox_load (f->store, TRUE, NULL);
  g_assert_cmpuint (entries->len, ==, 0);
}

/* The handoff, its hidden block at its end, posted on each super-epic;
 * killed before it was marked done, it is looked for at the next start
 * and found by its key, not posted again: one comment per super-epic,
 * whose block reads back. */
static void
test_handoff_posted_once (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(DsTeamProfile) p = profile ();
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autofree char *block = NULL;
  g_autofree char *body = NULL;
  g_autoptr(GPtrArray) writes = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  guint posts = 0, lists = 0;

  add_item (f, "slack", "C1/1700000000.000100", DS_ITEM_KIND_REQUEST, "Deploys hang");
  /* The rotation's end a minute from now: the item is in it. */
  block = ds_handoff_block (f->store, p, now - 3600, now + 60, &error);
  g_assert_no_error (error);
  body = ds_report_handoff (p, "Dana Levi", "# Rotation report\n", block);
  writes = ds_actions_handoff (p, body);
  g_assert_cmpuint (writes->len, ==, p->super_epics->len);
  g_assert_true (ds_store_outbox_queue (f->store, writes, &error));
  g_assert_no_error (error);
  drain (f);
  g_assert_cmpuint (f->comments->len, ==, 2 * p->super_epics->len);

  close_sender (f);
  {
    g_autofree char *path = g_build_filename (f->dir, "dayshift.db", NULL);
    sqlite3 *db = NULL;
    g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, "UPDATE outbox SET state = 'sending'", NULL, NULL, NULL),
                     ==, SQLITE_OK);
    sqlite3_close (db);
  }
  g_ptr_array_set_size (f->requests, 0);
  g_ptr_array_set_size (f->bodies, 0);
  open_sender (f);
  ds_sender_kick (f->sender);
  drain (f);

  for (guint i = 0; i < f->requests->len; i++)
    {
      posts += g_str_has_prefix (f->requests->pdata[i], "POST ");
      lists += g_str_has_prefix (f->requests->pdata[i], "GET ") &&
               g_str_has_suffix (f->requests->pdata[i], "/comments");
    }
  g_assert_cmpuint (posts, ==, 0);
  g_assert_cmpuint (lists, ==, p->super_epics->len);
  g_assert_cmpuint (f->comments->len, ==, 2 * p->super_epics->len);
  entries = ds_store_outbox_load (f->store, TRUE, NULL);
  g_assert_cmpuint (entries->len, ==, 0);

  /* What GitHub keeps: the handoff, its block, the outbox's key after it. */
  for (guint i = 1; i < f->comments->len; i += 2)
    {
      g_autoptr(JsonNode) root = json_from_string (f->comments->pdata[i], NULL);
      const char *text = json_object_get_string_member (json_node_get_object (root), "body");
      g_autoptr(DsHandoff) h = ds_handoff_parse (text, &error);

      g_assert_no_error (error);
      g_assert_true (g_str_has_prefix (text, "Handoff to @danalevi, on call next."));
      g_assert_nonnull (h);
      g_assert_cmpint (h->end, ==, now + 60);
      g_assert_cmpuint (h->by_kind[DS_ITEM_KIND_REQUEST], ==, 1);
      g_assert_cmpuint (h->left->len, ==, 1);
      g_assert_cmpstr (((DsHandoffItem *)h->left->pdata[0])->id, ==,
                       "slack:C1/1700000000.000100");
    }
}

/* Offline, writes queue; back online, they go out in the order they were made. */
static void
test_offline_then_in_order (Fixture       *f,
                            gconstpointer  data)
{
  DsItem *a = add_item (f, "slack", "C1/1700000000.000001", DS_ITEM_KIND_REQUEST, "a");
  DsItem *b = add_item (f, "pagerduty", "PT4KHLK", DS_ITEM_KIND_INCIDENT, "b");
  DsItem *c = add_item (f, "slack", "C1/1700000000.000003", DS_ITEM_KIND_REQUEST, "c");
  DsActionTexts quiet = texts;
  g_autofree char *all = NULL;

  quiet.ack_reply = NULL;
  ds_sender_set_online (f->sender, FALSE);
  queue (f, a, DS_ITEM_STATE_ACKNOWLEDGED, ds_actions_acknowledge (a, &quiet));
  queue (f, b, DS_ITEM_STATE_ACKNOWLEDGED, ds_actions_acknowledge (b, &quiet));
  queue (f, c, DS_ITEM_STATE_ACKNOWLEDGED, ds_actions_acknowledge (c, &quiet));
  drain (f);
  g_assert_cmpuint (f->requests->len, ==, 0);
  g_assert_cmpuint (ds_sender_get_n_unfinished (f->sender), ==, 3);

  /* And they survive a restart while offline. */
  close_sender (f);
  open_sender (f);
  ds_sender_set_online (f->sender, FALSE);
  drain (f);
  g_assert_cmpuint (f->requests->len, ==, 0);

  ds_sender_set_online (f->sender, TRUE);
  drain (f);
  all = requests_text (f);
  g_assert_cmpstr (all, ==,
                   "POST /slack/api/reactions.add\n"
                   "PUT /pagerduty/incidents/PT4KHLK\n"
                   "POST /slack/api/reactions.add\n");
  g_assert_nonnull (strstr (f->bodies->pdata[0], "000001"));
  g_assert_nonnull (strstr (f->bodies->pdata[2], "000003"));
}

/* A failing server: the write waits and is tried again, not given up; the
 * item's later writes wait behind it. */
static void
test_transient_retried (Fixture       *f,
                        gconstpointer  data)
{
  DsItem *a = add_item (f, "slack", "C1/1700000000.000001", DS_ITEM_KIND_REQUEST, "a");
  g_autoptr(GPtrArray) entries = NULL;
  DsOutboxEntry *e;

  f->fail_prefix = g_strdup ("/slack/api/reactions.add");
  f->fail_status = 503;
  queue (f, a, DS_ITEM_STATE_ACKNOWLEDGED, ds_actions_acknowledge (a, &texts));
  drain (f);
  g_assert_cmpuint (f->requests->len, ==, 1);
  entries = ds_store_outbox_load (f->store, TRUE, NULL);
  g_assert_cmpuint (entries->len, ==, 2);
  e = entries->pdata[0];
  g_assert_cmpint (e->state, ==, DS_OUTBOX_PENDING);
  g_assert_cmpint (e->attempts, ==, 1);
  g_assert_cmpint (e->next_at, >, g_get_real_time () / G_USEC_PER_SEC);
  g_assert_nonnull (e->last_error);
  g_assert_cmpuint (f->failures->len, ==, 0);

  /* The service is back; the network "returns": both go out, in order. */
  g_clear_pointer (&f->fail_prefix, g_free);
  ds_sender_set_online (f->sender, FALSE);
  ds_sender_set_online (f->sender, TRUE);
  drain (f);
  g_assert_cmpuint (f->requests->len, ==, 3);
  g_assert_cmpstr (f->requests->pdata[1], ==, "POST /slack/api/reactions.add");
  g_assert_cmpstr (f->requests->pdata[2], ==, "POST /slack/api/chat.postMessage");
  g_assert_cmpuint (ds_sender_get_n_unfinished (f->sender), ==, 0);
}

/* not_in_channel: told once, not retried, the item marked, the reply after
 * it given up too; another item's writes still go out. */
static void
test_permanent_failure (Fixture       *f,
                        gconstpointer  data)
{
  DsItem *a = add_item (f, "slack", "C1/1700000000.000001", DS_ITEM_KIND_REQUEST, "a");
  DsItem *b = add_item (f, "pagerduty", "PT4KHLK", DS_ITEM_KIND_INCIDENT, "b");
  g_autoptr(GPtrArray) entries = NULL;

  f->fail_prefix = g_strdup ("/slack/api/");
  f->slack_error = g_strdup ("not_in_channel");
  queue (f, a, DS_ITEM_STATE_ACKNOWLEDGED, ds_actions_acknowledge (a, &texts));
  queue (f, b, DS_ITEM_STATE_ACKNOWLEDGED, ds_actions_acknowledge (b, &texts));
  drain (f);
  ds_sender_set_online (f->sender, FALSE);
  ds_sender_set_online (f->sender, TRUE);
  drain (f);

  g_assert_cmpuint (f->failures->len, ==, 1);
  g_assert_nonnull (strstr (f->failures->pdata[0], "Slack"));
  g_assert_nonnull (strstr (f->failures->pdata[0], "not_in_channel"));
  g_assert_cmpuint (f->requests->len, ==, 2);
  g_assert_cmpstr (f->requests->pdata[0], ==, "POST /slack/api/reactions.add");
  g_assert_cmpstr (f->requests->pdata[1], ==, "PUT /pagerduty/incidents/PT4KHLK");
  g_assert_cmpstr (ds_item_get_problem (a), ==, f->failures->pdata[0]);
  entries = ds_store_outbox_load (f->store, FALSE, NULL);
  g_assert_cmpuint (entries->len, ==, 3);
  g_assert_cmpint (((DsOutboxEntry *)entries->pdata[0])->state, ==, DS_OUTBOX_FAILED);
  g_assert_cmpint (((DsOutboxEntry *)entries->pdata[1])->state, ==, DS_OUTBOX_FAILED);
  g_assert_cmpint (((DsOutboxEntry *)entries->pdata[2])->state, ==, DS_OUTBOX_DONE);
}

/* A 401 from GitHub and a missing token are permanent, with what to do. */
static void
test_auth_and_missing_token (Fixture       *f,
                             gconstpointer  data)
{
  DsTeammate sam = { .name = "Sam", .github = "sam-gh" };
  DsItem *review = add_item (f, "github", "acme/api#7", DS_ITEM_KIND_REVIEW, "PR");
  DsItem *incident = add_item (f, "pagerduty", "PT4KHLK", DS_ITEM_KIND_INCIDENT, "fire");
  g_autoptr(DsHttp) http = ds_http_new ();
  g_autofree char *gh = g_strconcat (f->ts.base, "/github", NULL);

  f->fail_prefix = g_strdup ("/github/");
  f->fail_status = 401;
  queue (f, review, DS_ITEM_STATE_DELEGATED, ds_actions_delegate (review, &sam, &texts, NULL));
  drain (f);
  g_assert_cmpuint (f->failures->len, ==, 1);
  g_assert_nonnull (strstr (f->failures->pdata[0], "Settings"));

  /* No PagerDuty token at all: nothing is sent, and the user is told. */
  g_assert_true (ds_http_set_base_url (http, DS_SERVICE_GITHUB, gh, NULL));
  ds_http_set_token (http, DS_SERVICE_GITHUB, "t0ken");
  ds_sender_set_http (f->sender, http);
  queue (f, incident, DS_ITEM_STATE_ACKNOWLEDGED, ds_actions_acknowledge (incident, &texts));
  drain (f);
  g_assert_cmpuint (f->requests->len, ==, 1);
  g_assert_cmpuint (f->failures->len, ==, 2);
  g_assert_nonnull (strstr (f->failures->pdata[1], "PagerDuty"));
  g_assert_nonnull (strstr (f->failures->pdata[1], "Settings"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/ds/sender/acknowledge", test_acknowledge);
  ADD ("/ds/sender/queued-sent-unasked", test_queued_sent_unasked);
  ADD ("/ds/sender/delegate", test_delegate);
  ADD ("/ds/sender/file-issue", test_file_issue);
  ADD ("/ds/sender/zenhub-refusal-spares-reply", test_zenhub_refusal_spares_reply);
  ADD ("/ds/sender/link-and-teammate", test_link_and_teammate);
  ADD ("/ds/sender/no-repeat-after-crash", test_no_repeat_after_crash);
  ADD ("/ds/sender/handoff-posted-once", test_handoff_posted_once);
  ADD ("/ds/sender/offline-then-in-order", test_offline_then_in_order);
  ADD ("/ds/sender/transient-retried", test_transient_retried);
  ADD ("/ds/sender/permanent-failure", test_permanent_failure);
  ADD ("/ds/sender/auth-and-missing-token", test_auth_and_missing_token);
#undef ADD

  return g_test_run ();
}
