/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "ds-classifier.h"
#include "ds-github.h"
#include "ds-pagerduty.h"
#include "ds-slack.h"

/* Table tests: each case in tests/data/classification.json is a payload of
 * the shape a service sends, run through the real parser and classifier
 * with the example team profile, and what should come of it. */

static DsTeamProfile *
load_profile (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data",
                                                 "team-profile.example.json", NULL);
  g_autofree char *data = NULL;
  gsize len;
  g_autoptr(GError) error = NULL;
  DsTeamProfile *p;

  g_assert_true (g_file_get_contents (path, &data, &len, &error));
  p = ds_team_profile_new_from_data (data, len, "example", &error);
  g_assert_no_error (error);
  return p;
}

static JsonNode *
wrap (const char *member,
      JsonNode   *payload)
{
  JsonObject *o = json_object_new ();
  JsonArray *a = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_array_add_element (a, json_node_copy (payload));
  json_object_set_array_member (o, member, a);
  json_node_take_object (node, o);
  return node;
}

static GPtrArray *
parse_list (DsHttpPageFunc  parse,
            GDestroyNotify  free_func,
            JsonNode       *root)
{
  static const DsJsonScope scope = { "Test", "fixture" };
  g_autoptr(GError) error = NULL;
  GPtrArray *items = g_ptr_array_new_with_free_func (free_func);

  g_assert_true (parse (root, items, &scope, &error));
  g_assert_no_error (error);
  return items;
}

static DsItem *
classify (DsTeamProfile    *profile,
          const DsIdentity *me,
          JsonObject       *c)
{
  const char *source = json_object_get_string_member (c, "source");
  JsonNode *payload = json_object_get_member (c, "payload");

  if (g_str_equal (source, "slack"))
    {
      g_autoptr(JsonNode) root = wrap ("messages", payload);
      g_autoptr(GPtrArray) msgs = parse_list (ds_slack_parse_messages,
                                              (GDestroyNotify)ds_slack_message_free, root);
      g_autoptr(GPtrArray) replies = NULL;

      if (json_object_has_member (c, "replies"))
        {
          g_autoptr(JsonNode) rroot = json_node_new (JSON_NODE_OBJECT);
          JsonObject *ro = json_object_new ();
          json_object_set_member (ro, "messages",
                                  json_node_copy (json_object_get_member (c, "replies")));
          json_node_take_object (rroot, ro);
          replies = parse_list (ds_slack_parse_messages, (GDestroyNotify)ds_slack_message_free,
                                rroot);
        }
      return ds_classify_slack_message (profile, me, json_object_get_string_member (c, "channel"),
                                        msgs->pdata[0], replies, NULL);
    }
  if (g_str_equal (source, "github-issue"))
    {
      static const DsJsonScope scope = { "Test", "fixture" };
      g_autoptr(GError) error = NULL;
      g_autoptr(DsGhIssue) issue = ds_github_parse_issue (payload, &scope, &error);
      DsItemKind kind;

      g_assert_no_error (error);
      g_assert_true (ds_item_kind_from_string (json_object_get_string_member (c, "kind"), &kind));
      return ds_classify_github_issue (profile, me, issue, kind,
                                       json_object_get_boolean_member (c, "mine"));
    }
  if (g_str_equal (source, "github-run"))
    {
      g_autoptr(JsonNode) root = wrap ("workflow_runs", payload);
      g_autoptr(GPtrArray) runs = parse_list (ds_github_parse_runs,
                                              (GDestroyNotify)ds_gh_run_free, root);
      return ds_classify_github_run (profile, json_object_get_string_member (c, "repo"),
                                     runs->pdata[0]);
    }
  if (g_str_equal (source, "github-notification"))
    {
      g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);
      g_autoptr(GPtrArray) list = NULL;
      JsonArray *a = json_array_new ();

      json_array_add_element (a, json_node_copy (payload));
      json_node_take_array (root, a);
      list = parse_list (ds_github_parse_notifications,
                         (GDestroyNotify)ds_gh_notification_free, root);
      return ds_classify_github_notification (profile, list->pdata[0]);
    }
  if (g_str_equal (source, "pagerduty"))
    {
      g_autoptr(JsonNode) root = wrap ("incidents", payload);
      g_autoptr(GPtrArray) list = parse_list (ds_pagerduty_parse_incidents,
                                              (GDestroyNotify)ds_pd_incident_free, root);
      return ds_classify_incident (profile, me, list->pdata[0]);
    }
  g_assert_not_reached ();
}

static void
check_string (const char *name,
              JsonObject *expect,
              const char *member,
              const char *got)
{
  JsonNode *node = json_object_get_member (expect, member);

  if (node == NULL)
    return;
  if (JSON_NODE_HOLDS_NULL (node))
    {
      if (got != NULL)
        g_error ("%s: %s should be null, is “%s”", name, member, got);
      return;
    }
  if (g_strcmp0 (json_node_get_string (node), got) != 0)
    g_error ("%s: %s should be “%s”, is “%s”", name, member, json_node_get_string (node),
             got ? got : "(null)");
}

static void
check_bool (const char *name,
            JsonObject *expect,
            const char *member,
            gboolean    got)
{
  if (json_object_has_member (expect, member) &&
      json_object_get_boolean_member (expect, member) != got)
    g_error ("%s: %s should be %s", name, member, got ? "false" : "true");
}

static void
check_int (const char *name,
           JsonObject *expect,
           const char *member,
           gint64      got)
{
  if (json_object_has_member (expect, member) &&
      json_object_get_int_member (expect, member) != got)
    g_error ("%s: %s should be %" G_GINT64_FORMAT ", is %" G_GINT64_FORMAT, name, member,
             json_object_get_int_member (expect, member), got);
}

static void
test_table (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "classification.json",
                                                 NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(DsTeamProfile) profile = load_profile ();
  JsonObject *root, *me_o;
  JsonArray *cases;
  DsIdentity me;
  guint kinds_seen = 0;

  g_assert_true (json_parser_load_from_file (parser, path, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  me_o = json_object_get_object_member (root, "me");
  me.slack_id = json_object_get_string_member (me_o, "slack");
  me.github_login = json_object_get_string_member (me_o, "github");
  me.pagerduty_id = json_object_get_string_member (me_o, "pagerduty");
  cases = json_object_get_array_member (root, "cases");

  for (guint i = 0; i < json_array_get_length (cases); i++)
    {
      JsonObject *c = json_array_get_object_element (cases, i);
      const char *name = json_object_get_string_member (c, "name");
      JsonNode *expect_node = json_object_get_member (c, "expect");
      g_autoptr(DsItem) item = classify (profile, &me, c);
      JsonObject *expect;

      g_test_message ("case: %s", name);
      if (JSON_NODE_HOLDS_NULL (expect_node))
        {
          if (item != NULL)
            g_error ("%s: should be ignored, became a %s", name,
                     ds_item_kind_to_string (ds_item_get_kind (item)));
          continue;
        }
      if (item == NULL)
        g_error ("%s: was ignored", name);
      expect = json_node_get_object (expect_node);
      check_string (name, expect, "kind", ds_item_kind_to_string (ds_item_get_kind (item)));
      check_string (name, expect, "state", ds_item_state_to_string (ds_item_get_state (item)));
      check_string (name, expect, "title", ds_item_get_title (item));
      check_string (name, expect, "requester", ds_item_get_requester (item));
      check_string (name, expect, "channel", ds_item_get_channel (item));
      check_string (name, expect, "claimed_by", ds_item_get_claimed_by (item));
      check_bool (name, expect, "emergency", ds_item_get_emergency (item));
      check_bool (name, expect, "mine", ds_item_get_mine (item));
      /* The first response the thread shows (the user's or a teammate's reply). */
      check_int (name, expect, "responded", ds_item_get_responded (item));
      kinds_seen |= DS_KIND_BIT (ds_item_get_kind (item));
    }

  /* The table covers every kind. */
  g_assert_cmpuint (kinds_seen, ==, DS_ALL_KINDS);
}

/* Slack's format, as people read it; markup in a message stays text. */
static void
test_slack_plain_text (void)
{
  g_autoptr(DsTeamProfile) profile = load_profile ();
  static const struct { const char *in; const char *out; } cases[] = {
    { "plain", "plain" },
    { "&lt;b&gt;bold&lt;/b&gt; &amp; &amp;amp;", "<b>bold</b> & &amp;" },
    { "hi <@U0ALICE001>, see <#C0SRE00001|sre>", "hi @Alice Nakamura, see #sre" },
    { "<@U0NOBODY1> <!here>", "@U0NOBODY1 @here" },
    { "<https://x.example/a?b=1&amp;c=2|the docs> or <https://y.example>",
      "the docs or https://y.example" },
    { "a < b but no end", "a < b but no end" },
    { "&unknown; &", "&unknown; &" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = ds_slack_plain_text (cases[i].in, profile, NULL);
      g_assert_cmpstr (out, ==, cases[i].out);
    }
  g_assert_null (ds_slack_plain_text (NULL, profile, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ds/classifier/table", test_table);
  g_test_add_func ("/ds/classifier/slack-plain-text", test_slack_plain_text);
  return g_test_run ();
}
