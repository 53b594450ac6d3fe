/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include <json-glib/json-glib.h>

#include "ds-actions.h"
#include "ds-writes.h"

/* Every write Dayshift makes is in the one table, once, with its service
 * by its name; and what core builds is always in it, as valid JSON with
 * the members the table names. */

static void
test_table (void)
{
  static const char * const prefixes[] = {
    [DS_SERVICE_GITHUB] = "github.", [DS_SERVICE_SLACK] = "slack.",
    [DS_SERVICE_PAGERDUTY] = "pagerduty.", [DS_SERVICE_ZENHUB] = "zenhub.",
  };

  for (guint i = 0; i < DS_N_WRITES; i++)
    {
      const DsWrite *w = ds_write_get (i);

      g_assert_cmpint (w->kind, ==, i);
      g_assert_true (ds_write_lookup (w->op) == w);
      g_assert_true (g_str_has_prefix (w->op, prefixes[w->service]));
      g_assert_cmpstr (ds_write_label (w), !=, "");
      for (guint j = 0; j < i; j++)
        g_assert_cmpstr (ds_write_get (j)->op, !=, w->op);
    }
  g_assert_null (ds_write_lookup ("github.delete-repo"));
  g_assert_null (ds_write_lookup (NULL));
  g_assert_true (ds_write_lookup ("github.create-issue")->needed_later);
  g_assert_false (ds_write_lookup ("slack.reply")->needed_later);
}

/* The example profile: super-epics acme/ops#1 and acme/ops#2. */
static DsTeamProfile *
profile (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data",
                                                 "team-profile.example.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;
  DsTeamProfile *p;

  g_assert_true (g_file_get_contents (path, &data, &length, &error));
  p = ds_team_profile_new_from_data (data, length, "example", &error);
  g_assert_no_error (error);
  return p;
}

/* The write's arguments, parsed back. */
static JsonObject *
args_of (GPtrArray   *writes,
         guint        i,
         DsWriteKind  kind)
{
  DsOutboxEntry *entry = g_ptr_array_index (writes, i);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (entry->op, ==, ds_write_get (kind)->op);
  root = json_from_string (entry->args, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  return json_object_ref (json_node_get_object (root));
}

static void
test_rotation_writes (void)
{
  g_autoptr(DsTeamProfile) p = profile ();
  g_autoptr(GPtrArray) start = ds_actions_rotation_start (p);
  g_autoptr(GPtrArray) end = ds_actions_rotation_end (p);
  /* Quotes, a backslash, a newline and a brace: JSON made by hand broke on these. */
  const char *body = "Handing over to @sam: \"db\" is {flaky}\\ still\nsee #12";
  g_autoptr(GPtrArray) handoff = ds_actions_handoff (p, body);
  g_autoptr(JsonObject) a = NULL, b = NULL, c = NULL;

  g_assert_cmpuint (start->len, ==, 2);
  g_assert_cmpuint (end->len, ==, 2);
  g_assert_cmpuint (handoff->len, ==, 2);
  a = args_of (start, 1, DS_WRITE_GITHUB_ASSIGN);
  g_assert_cmpstr (json_object_get_string_member (a, "repo"), ==, "acme/ops");
  g_assert_cmpint (json_object_get_int_member (a, "number"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (a, "login"), ==, "$me");
  b = args_of (end, 0, DS_WRITE_GITHUB_UNASSIGN);
  g_assert_cmpstr (json_object_get_string_member (b, "repo"), ==, "acme/ops");
  c = args_of (handoff, 0, DS_WRITE_GITHUB_COMMENT);
  g_assert_cmpstr (json_object_get_string_member (c, "body"), ==, body);
  g_assert_cmpint (json_object_get_int_member (c, "number"), ==, 1);
}

static void
test_item_writes (void)
{
  g_autoptr(DsItem) pm = ds_item_new ("github", "acme/ops#42", DS_ITEM_KIND_POSTMORTEM,
                                      "Add an alert");
  g_autoptr(DsItem) slack = ds_item_new ("slack", "C01/1700000000.000100", DS_ITEM_KIND_REQUEST,
                                         "Help");
  g_autoptr(GPtrArray) take = ds_actions_take_postmortem (pm);
  g_autoptr(GPtrArray) none = ds_actions_take_postmortem (slack);
  g_autoptr(GPtrArray) notes = ds_actions_timer_notes (slack, "Tried \"restart\"\n→ fixed");
  g_autoptr(JsonObject) a = NULL, b = NULL;

  g_assert_cmpuint (take->len, ==, 1);
  a = args_of (take, 0, DS_WRITE_GITHUB_ASSIGN);
  g_assert_cmpstr (json_object_get_string_member (a, "repo"), ==, "acme/ops");
  g_assert_cmpint (json_object_get_int_member (a, "number"), ==, 42);
  g_assert_cmpuint (none->len, ==, 0);
  b = args_of (notes, 0, DS_WRITE_GITHUB_COMMENT);
  g_assert_cmpstr (json_object_get_string_member (b, "body"), ==, "Tried \"restart\"\n→ fixed");
}

/* A filed issue quotes what was asked as text: an @mention in a request
 * pings nobody on GitHub, HTML and links stay characters, and a link that
 * is not a web address is not written as one. */
static void
test_issue_body_is_text (void)
{
  g_autoptr(DsTeamProfile) p = profile ();
  g_autoptr(DsItem) page = ds_item_new ("pagerduty", "P123", DS_ITEM_KIND_INCIDENT,
                                        "DB down");
  DsActionTexts texts = { NULL, NULL, NULL, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) writes = NULL;
  g_autoptr(JsonObject) a = NULL;

  ds_item_set_text (page, "@acme/ops-team <b>now</b>\n[click](https://evil.example)");
  ds_item_set_requester (page, "<i>Eve</i>");
  ds_item_set_url (page, "javascript:alert(1)");
  writes = ds_actions_file_issue (page, p, &texts, &error);
  g_assert_no_error (error);
  a = args_of (writes, 0, DS_WRITE_GITHUB_CREATE_ISSUE);
  g_assert_cmpstr (json_object_get_string_member (a, "body"), ==,
                   "> `@acme/ops-team` \\<b\\>now\\</b\\>\n"
                   "> \\[click\\](https://evil.example)\n"
                   "\n"
                   "Requested by \\<i\\>Eve\\</i\\> in PagerDuty\n");

  ds_item_set_url (page, "https://acme.pagerduty.com/incidents/P123");
  g_clear_pointer (&writes, g_ptr_array_unref);
  g_clear_pointer (&a, json_object_unref);
  writes = ds_actions_file_issue (page, p, &texts, &error);
  a = args_of (writes, 0, DS_WRITE_GITHUB_CREATE_ISSUE);
  g_assert_true (g_str_has_suffix (json_object_get_string_member (a, "body"),
                                   "in PagerDuty: https://acme.pagerduty.com/incidents/P123\n"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ds/writes/table", test_table);
  g_test_add_func ("/ds/writes/rotation", test_rotation_writes);
  g_test_add_func ("/ds/writes/item", test_item_writes);
  g_test_add_func ("/ds/writes/issue-body-is-text", test_issue_body_is_text);
  return g_test_run ();
}
