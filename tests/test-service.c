/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <json-glib/json-glib.h>

#include "ds-item.h"
#include "ds-service.h"

/* The table of services: each found by its id and by its tokens' names,
 * and named the same wherever its name is asked; its lists of scopes are
 * the ones the Slack app's manifest and the README ask for. */

static void
test_table (void)
{
  for (DsService s = 0; s < DS_N_SERVICES; s++)
    {
      const DsServiceInfo *info = ds_service_info (s);
      gboolean app = TRUE;

      g_assert_cmpint (info->service, ==, s);
      g_assert_true (ds_service_info_for_id (info->id) == info);
      g_assert_true (ds_service_info_for_secret (info->id, &app) == info);
      g_assert_false (app);
      g_assert_cmpstr (ds_item_source_label (info->id), ==, ds_service_label (s));
      g_assert_true (g_str_has_prefix (info->default_url, "https://"));
      g_assert_nonnull (ds_service_default_host (s));
      if (info->app_secret != NULL)
        {
          g_assert_true (ds_service_info_for_secret (info->app_secret, &app) == info);
          g_assert_true (app);
          g_assert_nonnull (info->app_label);
        }
    }
  g_assert_cmpstr (ds_service_label (DS_SERVICE_PAGERDUTY), ==, "PagerDuty");
  g_assert_cmpstr (ds_service_default_host (DS_SERVICE_SLACK), ==, "slack.com");
  g_assert_cmpstr (ds_service_default_host (DS_SERVICE_GITHUB), ==, "api.github.com");
  g_assert_true (ds_service_info_for_id ("slack-app") == NULL);
  g_assert_true (ds_service_info_for_secret ("slack-app", NULL)->service == DS_SERVICE_SLACK);
  g_assert_null (ds_service_info_for_id ("opsgenie"));
  g_assert_null (ds_service_info_for_id (NULL));
  /* An unknown source is shown as it is. */
  g_assert_cmpstr (ds_item_source_label ("opsgenie"), ==, "opsgenie");
  /* Only GitHub is in every team profile. */
  g_assert_true (ds_service_info (DS_SERVICE_GITHUB)->required);
  g_assert_false (ds_service_info (DS_SERVICE_SLACK)->required);
  /* ZenHub is only written to. */
  g_assert_true (ds_service_info (DS_SERVICE_PAGERDUTY)->read);
  g_assert_false (ds_service_info (DS_SERVICE_ZENHUB)->read);
}

/* Whether two lists hold the same scopes, each once. */
static void
assert_same_scopes (const char * const *expected,
                    GPtrArray          *got,
                    const char         *where)
{
  guint n = g_strv_length ((char **)expected);

  for (guint i = 0; i < got->len; i++)
    {
      const char *scope = g_ptr_array_index (got, i);

      if (!g_strv_contains (expected, scope))
        g_error ("%s asks for %s, which the service table does not list", where, scope);
      for (guint j = 0; j < i; j++)
        if (g_str_equal (scope, g_ptr_array_index (got, j)))
          g_error ("%s lists %s twice", where, scope);
    }
  if (got->len != n)
    g_error ("%s lists %u scopes, the service table %u", where, got->len, n);
}

static char *
source_file (const char *first,
             ...) G_GNUC_NULL_TERMINATED;
static char *
source_file (const char *first,
             ...)
{
  const char *root = g_getenv ("DS_SOURCE_ROOT");
  g_autofree char *relative = NULL;
  g_autofree char *path = NULL;
  char *text = NULL;
  g_autoptr(GError) error = NULL;
  va_list args;

  /* meson passes the source tree in (tests/meson.build). */
  g_assert_nonnull (root);
  va_start (args, first);
  relative = g_build_filename_valist (first, &args);
  va_end (args);
  path = g_build_filename (root, relative, NULL);
  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

/* data/slack-app-manifest.json, the app a team makes from it: a bot with
 * exactly the scopes of the table, Socket Mode on. */
static void
test_slack_manifest (void)
{
  g_autofree char *text = source_file ("data", "slack-app-manifest.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) bot = g_ptr_array_new ();
  JsonObject *root, *settings;
  JsonArray *scopes;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (
                     json_object_get_object_member (root, "display_information"), "name"), ==,
                   "Dayshift");
  g_assert_true (json_object_has_member (json_object_get_object_member (root, "features"),
                                         "bot_user"));
  scopes = json_object_get_array_member (
             json_object_get_object_member (json_object_get_object_member (root, "oauth_config"),
                                            "scopes"), "bot");
  for (guint i = 0; i < json_array_get_length (scopes); i++)
    g_ptr_array_add (bot, (gpointer)json_array_get_string_element (scopes, i));
  assert_same_scopes (ds_service_info (DS_SERVICE_SLACK)->scopes, bot,
                      "data/slack-app-manifest.json");

  settings = json_object_get_object_member (root, "settings");
  g_assert_true (json_object_get_boolean_member (settings, "socket_mode_enabled"));
  g_assert_false (json_object_get_boolean_member (settings, "org_deploy_enabled"));
  g_assert_false (json_object_get_boolean_member (settings, "token_rotation_enabled"));
}

/* The scopes in the last cell of the README's token table row that starts
 * with "| @service |", as `scope` items. */
static GPtrArray *
readme_scopes (const char *readme,
               const char *service)
{
  g_autofree char *start = g_strdup_printf ("\n| %s |", service);
  const char *line = strstr (readme, start);
  g_autofree char *row = NULL;
  g_auto(GStrv) cells = NULL;
  g_autoptr(GRegex) quoted = g_regex_new ("`([^`]+)`", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  GPtrArray *scopes = g_ptr_array_new_with_free_func (g_free);
  guint n;

  if (line == NULL)
    g_error ("README.md has no row for %s in its token table", service);
  line++;
  row = g_strndup (line, strcspn (line, "\n"));
  cells = g_strsplit (row, "|", -1);
  n = g_strv_length (cells);
  /* "| a | b | c |" splits into "", " a ", " b ", " c ", "". */
  g_assert_cmpuint (n, >=, 3);
  g_regex_match (quoted, cells[n - 2], 0, &match);
  while (g_match_info_matches (match))
    {
      g_ptr_array_add (scopes, g_match_info_fetch (match, 1));
      g_match_info_next (match, NULL);
    }
  return scopes;
}

/* README.md's "Which token each service needs" names Slack's scopes: the
 * same as the table, for the user or bot token and for the app-level one. */
static void
test_readme_slack_scopes (void)
{
  g_autofree char *readme = source_file ("README.md", NULL);
  const DsServiceInfo *slack = ds_service_info (DS_SERVICE_SLACK);
  g_autoptr(GPtrArray) token = readme_scopes (readme, "Slack");
  g_autoptr(GPtrArray) app = readme_scopes (readme, "Slack, real time (optional)");

  assert_same_scopes (slack->scopes, token, "README.md's Slack row");
  assert_same_scopes (slack->app_scopes, app, "README.md's Slack real-time row");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ds/service/table", test_table);
  g_test_add_func ("/ds/service/slack-manifest", test_slack_manifest);
  g_test_add_func ("/ds/service/readme-slack-scopes", test_readme_slack_scopes);
  return g_test_run ();
}
