/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include <json-glib/json-glib.h>

#include "ds-error.h"
#include "ds-profile-location.h"
#include "ds-team-profile.h"

static char *
example (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data",
                                                 "team-profile.example.json", NULL);
  char *data = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_get_contents (path, &data, NULL, &error));
  g_assert_no_error (error);
  return data;
}

static void
test_example_loads (void)
{
  g_autofree char *data = example ();
  g_autoptr(GError) error = NULL;
  g_autoptr(DsTeamProfile) p = ds_team_profile_new_from_data (data, strlen (data), "example",
                                                              &error);
  const DsSuperEpic *epic;

  g_assert_no_error (error);
  g_assert_cmpstr (p->name, ==, "Platform Operations");
  g_assert_cmpstr (p->team_repo, ==, "acme/ops");
  g_assert_cmpuint (p->channels->len, ==, 6);
  g_assert_cmpint (ds_team_profile_find_channel (p, "C0ALERTS01")->role, ==, DS_CHANNEL_ALERTS);
  g_assert_true (ds_team_profile_find_channel (p, "C0ALERTS01")->bots);
  g_assert_false (ds_team_profile_find_channel (p, "C0SUPPORT1")->bots);
  g_assert_null (ds_team_profile_find_channel (p, "C0NOPE"));
  g_assert_cmpint (p->pagerduty_layer, ==, 2);
  g_assert_true (p->zenhub_graphql);
  epic = ds_team_profile_super_epic_for (p, DS_ITEM_KIND_INCIDENT);
  g_assert_cmpstr (epic->name, ==, "Incident Response");
  g_assert_cmpint (epic->number, ==, 1);
  g_assert_cmpstr (ds_team_profile_super_epic_for (p, DS_ITEM_KIND_REQUEST)->repo, ==, "acme/ops");
  g_assert_null (ds_team_profile_super_epic_for (p, DS_ITEM_KIND_POSTMORTEM));
  g_assert_cmpstr (ds_team_profile_find_teammate_by_slack (p, "U0BOGDAN01")->github, ==,
                   "bogdan-i");
  g_assert_cmpstr (p->standup_time, ==, "09:30");
  g_assert_cmpstr (p->deploy_workflows[1], ==, "release.yml");
  /* Sign-in by the device flow needs the team's own OAuth app. */
  g_assert_null (p->github_oauth_client_id);
  /* The example names each service at its public address. */
  for (DsService s = 0; s < DS_N_SERVICES; s++)
    g_assert_cmpstr (ds_team_profile_get_url (p, s), ==, ds_service_info (s)->default_url);

  g_assert_true (ds_team_profile_is_emergency (p, "We have an OUTAGE on eu-west"));
  g_assert_true (ds_team_profile_is_emergency (p, "sev1: checkout down"));
  g_assert_false (ds_team_profile_is_emergency (p, "sev10 is not a thing"));
  g_assert_false (ds_team_profile_is_emergency (p, "can I get access to grafana?"));
  g_assert_true (ds_team_profile_is_deploy_failure (p, "Deployment of api to prod FAILED"));
  g_assert_true (ds_team_profile_is_deploy_failure (p, ":x: web deploy #812"));
  g_assert_false (ds_team_profile_is_deploy_failure (p, "deploy of api succeeded"));

  /* Response targets, in working time: a day is as long as the working hours. */
  g_assert_nonnull (p->response);
  g_assert_cmpint (ds_response_clock_get_target (p->response, DS_ITEM_KIND_REQUEST), ==,
                   4 * 3600);
  g_assert_cmpint (ds_response_clock_get_target (p->response, DS_ITEM_KIND_ACCESS), ==,
                   8 * 3600);
  g_assert_cmpint (ds_response_clock_get_target (p->response, DS_ITEM_KIND_INCIDENT), ==, 900);
  g_assert_cmpint (ds_response_clock_get_target (p->response, DS_ITEM_KIND_REVIEW), ==, 0);
}

/* Each case: what "response" holds, and a target's seconds it gives. */
static void
test_response_defaults (void)
{
  const struct { const char *response; DsItemKind kind; gint64 seconds; } cases[] = {
    /* Not said: 09:00 to 17:00, so a day is 8 hours. */
    { "{ \"targets\": { \"access\": \"1d\" } }", DS_ITEM_KIND_ACCESS, 8 * 3600 },
    { "{ \"working_hours\": \"08:30-24:00\", \"targets\": { \"alert\": \"1d2h\" } }",
      DS_ITEM_KIND_ALERT, (15 * 60 + 30 + 2 * 60) * 60 },
    { "{ \"targets\": { \"review\": \"1h30m\" }, \"time_zone\": null }",
      DS_ITEM_KIND_REVIEW, 5400 },
    { "{ \"targets\": { \"mention\": \"90m\" }, \"working_days\": [\"sun\"] }",
      DS_ITEM_KIND_MENTION, 5400 },
  };
  g_autofree char *good = example ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *start = g_strrstr (good, ",\n  \"response\"") != NULL
        ? g_strndup (good, g_strrstr (good, ",\n  \"response\"") - good) : NULL;
      g_autofree char *data = g_strdup_printf ("%s, \"response\": %s }", start, cases[i].response);
      g_autoptr(GError) error = NULL;
      g_autoptr(DsTeamProfile) p = ds_team_profile_new_from_data (data, strlen (data), "team.json",
                                                                  &error);

      g_assert_no_error (error);
      g_assert_nonnull (p->response);
      g_assert_cmpint (ds_response_clock_get_target (p->response, cases[i].kind), ==,
                       cases[i].seconds);
      g_assert_cmpint (ds_response_clock_get_target (p->response, DS_ITEM_KIND_REQUEST), ==, 0);
      if (start != NULL)
        {
          /* Without the object: no clock at all. */
          g_autofree char *without = g_strconcat (start, " }", NULL);
          g_autoptr(DsTeamProfile) none = ds_team_profile_new_from_data (without, strlen (without),
                                                                         "team.json", &error);
          g_assert_no_error (error);
          g_assert_null (none->response);
        }
    }
}

/* Each case: a change to the example, and words the message must hold. */
typedef struct
{
  const char *what;
  const char *from;
  const char *to;
  const char *words;
} Bad;

static const Bad bad_cases[] = {
  { "unknown key", "\"standup_time\"", "\"standup_tmie\"", "“standup_tmie” is not a key" },
  { "unknown nested key", "\"role\": \"alerts\"", "\"role\": \"alerts\", \"mute\": true",
    "“slack.channels[4].mute” is not a key" },
  { "wrong type", "\"layer\": 2", "\"layer\": \"two\"", "“pagerduty.layer” should be a whole number" },
  { "missing required", "\"org\": \"acme\",", "", "“github.org” is missing" },
  { "bad role", "\"role\": \"sre\"", "\"role\": \"ops\"", "“slack.channels[2].role” should be one of" },
  { "bad regex", "\":x: .*deploy\"", "\"deploy (failed\"",
    "“rules.deploy_failure_patterns[2]” is not a valid pattern" },
  { "bad repo", "\"repo\": \"acme/ops\"", "\"repo\": \"acme\"", "“github.repo” should be a repository" },
  { "repo reaching up", "\"repo\": \"acme/ops\"", "\"repo\": \"acme/..\"",
    "“github.repo” should be a repository" },
  { "bad epic issue", "\"acme/ops#1\"", "\"acme/ops#one\"", "“super_epics[0].issue”" },
  { "kind twice", "\"incident\", \"alert\"", "\"incident\", \"request\"", "second super-epic" },
  { "unknown kind", "\"incident\", \"alert\"", "\"incident\", \"pager\"", "“pager”, which is not a kind" },
  { "version", "\"version\": 1", "\"version\": 2", "“version” should be 1" },
  { "time", "\"09:30\"", "\"9.30am\"", "“standup_time” should be a time" },
  { "not json", "{", "{{", "not valid JSON" },
  { "huge epic number", "\"acme/ops#1\"", "\"acme/ops#99999999999999999999999\"",
    "“super_epics[0].issue” should be an issue" },
  { "epic number with a rest", "\"acme/ops#1\"", "\"acme/ops#1x\"", "“super_epics[0].issue”" },
  { "empty org", "\"org\": \"acme\"", "\"org\": \"\"", "“github.org” is empty" },
  { "org with a slash", "\"org\": \"acme\"", "\"org\": \"acme/x\"",
    "“github.org” should hold only letters" },
  { "empty channel id", "\"C0SRE00001\"", "\"\"", "“slack.channels[2].id” is empty" },
  { "teammate twice", "\"Chioma Eze\"", "\"alice nakamura\"",
    "“teammates[2]” names “alice nakamura”, who is listed twice" },
  { "slack id twice", "\"U0DANA0001\"", "\"U0BOGDAN01\"",
    "“teammates[3].slack” is “U0BOGDAN01”, which teammates[1] has too" },
  { "login with markup", "\"danalevi\"", "\"dana <b>@team</b>\"",
    "“teammates[3].github” should hold only letters" },
  { "empty teammate", "\"Dana Levi\"", "\"  \"", "“teammates[3].name” is empty" },
  { "bad url", "\"https://api.pagerduty.com\"", "\"api.pagerduty.com\"",
    "“pagerduty.api_url” should be a web address" },
  { "empty client id", "\"team\": \"devops\",",
    "\"team\": \"devops\", \"oauth_client_id\": \"\",",
    "“github.oauth_client_id” is empty" },
  { "client id with a space", "\"team\": \"devops\",",
    "\"team\": \"devops\", \"oauth_client_id\": \"Ov23li Abc\",",
    "“github.oauth_client_id” should be a client id" },
  { "client id beyond ASCII", "\"team\": \"devops\",",
    "\"team\": \"devops\", \"oauth_client_id\": \"Ov23li\u00e9\",",
    "“github.oauth_client_id” should be a client id" },
  { "client id too long", "\"team\": \"devops\",",
    "\"team\": \"devops\", \"oauth_client_id\": \"Ov23li"
    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\",",
    "“github.oauth_client_id” is longer than any client id" },
  { "client id not a string", "\"team\": \"devops\",",
    "\"team\": \"devops\", \"oauth_client_id\": 42,",
    "“github.oauth_client_id” should be a string" },
  { "hours backwards", "\"09:00-17:00\"", "\"17:00-09:00\"",
    "“response.working_hours” should be the opening and closing times" },
  { "hours not HH:MM", "\"09:00-17:00\"", "\"9-5\"",
    "“response.working_hours” should be the opening and closing times" },
  { "24:00 opening", "\"09:00-17:00\"", "\"24:00-24:00\"",
    "“response.working_hours” should be" },
  { "not a day", "\"thu\", \"fri\"", "\"thu\", \"friday\"",
    "“response.working_days” names “friday”, which is not a day" },
  { "day twice", "\"thu\", \"fri\"", "\"thu\", \"mon\"",
    "“response.working_days” names “mon” twice" },
  { "no day", "[\"mon\", \"tue\", \"wed\", \"thu\", \"fri\"]", "[]",
    "“response.working_days” lists no day" },
  { "unknown zone", "\"Europe/Madrid\"", "\"Europe/Atlantis\"",
    "“response.time_zone” is “Europe/Atlantis”, a time zone this computer does not know" },
  { "empty zone", "\"Europe/Madrid\"", "\"\"", "“response.time_zone” is empty" },
  { "unknown kind of target", "\"access\": \"1d\"", "\"pager\": \"1d\"",
    "“response.targets.pager” is not a kind; the kinds are request, alert, deploy, review, "
    "access, incident, postmortem, mention" },
  { "target in words", "\"request\": \"4h\"", "\"request\": \"4 hours\"",
    "“response.targets.request” should be a time in working hours" },
  { "target of nothing", "\"request\": \"4h\"", "\"request\": \"0h\"",
    "“response.targets.request” should be a time in working hours" },
  { "target smallest first", "\"request\": \"4h\"", "\"request\": \"30m4h\"",
    "“response.targets.request” should be a time in working hours" },
  { "target too long", "\"request\": \"4h\"", "\"request\": \"61d\"",
    "“response.targets.request” should be a time in working hours" },
  { "target a number", "\"request\": \"4h\"", "\"request\": 4",
    "“response.targets.request” should be a string" },
  { "no targets", "{ \"request\": \"4h\", \"access\": \"1d\", \"incident\": \"15m\" }",
    "{}", "“response.targets” names no kind" },
  { "targets missing", ",\n    \"targets\": { \"request\": \"4h\", \"access\": \"1d\", "
    "\"incident\": \"15m\" }", "", "“response.targets” is missing" },
  { "unknown response key", "\"working_hours\"", "\"hours\"",
    "“response.hours” is not a key" },
};

static char *
replace_once (const char *s,
              const char *from,
              const char *to)
{
  const char *at = strstr (s, from);

  g_assert_nonnull (at);
  return g_strdup_printf ("%.*s%s%s", (int)(at - s), s, to, at + strlen (from));
}

/* The example profile's deploy failure patterns, as written there. */
#define EXAMPLE_PATTERNS "\"deploy_failure_patterns\": [\"deploy(ment)? .*fail\", " \
  "\"rollout .*(failed|aborted)\", \":x: .*deploy\"]"

static void
test_bad_profiles_refused (void)
{
  g_autofree char *good = example ();

  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      g_autofree char *bad = replace_once (good, bad_cases[i].from, bad_cases[i].to);
      g_autoptr(GError) error = NULL;
      g_autoptr(DsTeamProfile) p = ds_team_profile_new_from_data (bad, strlen (bad),
                                                                  "team.json", &error);

      g_test_message ("%s: %s", bad_cases[i].what, error ? error->message : "(accepted!)");
      g_assert_null (p);
      g_assert_error (error, DS_ERROR, DS_ERROR_PROFILE);
      g_assert_nonnull (strstr (error->message, "team.json"));
      g_assert_nonnull (strstr (error->message, bad_cases[i].words));
    }
}

/* The example with its top-level @key set to @value (JSON). */
static char *
example_with_member (const char *key,
                     const char *value)
{
  g_autofree char *good = example ();
  g_autoptr(JsonNode) root = json_from_string (good, NULL);

  json_object_set_member (json_node_get_object (root), key, json_from_string (value, NULL));
  return json_to_string (root, TRUE);
}

/* Each top-level key null, and of a wrong type: a message naming the key
 * and what to do, never a critical. */
static void
test_top_level_null_and_wrong_types (void)
{
  const struct { const char *key; const char *value; const char *words; } cases[] = {
    { "version", "null", "“version” is null; it is required and should be a whole number." },
    { "version", "\"1\"", "“version” should be a whole number." },
    { "version", "1.0", "“version” should be a whole number." },
    { "name", "null", "“name” is null; it is required and should be a string." },
    { "name", "7", "“name” should be a string." },
    { "github", "null", "“github” is null; it is required and should be an object." },
    { "github", "1", "“github” should be an object." },
    { "github", "[]", "“github” should be an object." },
    { "slack", "null", "“slack” is null; it should be an object, or leave the key out." },
    { "slack", "0", "“slack” should be an object." },
    { "slack", "\"C0SUPPORT1\"", "“slack” should be an object." },
    { "slack", "false", "“slack” should be an object." },
    { "pagerduty", "null", "“pagerduty” is null; it should be an object, or leave the key out." },
    { "pagerduty", "12", "“pagerduty” should be an object." },
    { "zenhub", "null", "“zenhub” is null; it should be an object, or leave the key out." },
    { "zenhub", "[\"graphql\"]", "“zenhub” should be an object." },
    { "super_epics", "null", "“super_epics” is null; it is required and should be a list." },
    { "super_epics", "{}", "“super_epics” should be a list." },
    { "teammates", "null", "“teammates” is null; it is required and should be a list." },
    { "teammates", "4", "“teammates” should be a list." },
    { "rules", "null", "“rules” is null; it should be an object, or leave the key out." },
    { "rules", "[]", "“rules” should be an object." },
    { "standup_time", "930", "“standup_time” should be a string." },
    { "response", "null", "“response” is null; it should be an object, or leave the key out." },
    { "response", "\"4h\"", "“response” should be an object." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *data = example_with_member (cases[i].key, cases[i].value);
      g_autoptr(GError) error = NULL;
      g_autoptr(DsTeamProfile) p = ds_team_profile_new_from_data (data, strlen (data),
                                                                  "team.json", &error);

      g_test_message ("%s: %s: %s", cases[i].key, cases[i].value,
                      error != NULL ? error->message : "(accepted!)");
      g_assert_null (p);
      g_assert_error (error, DS_ERROR, DS_ERROR_PROFILE);
      g_assert_nonnull (strstr (error->message, "The team profile team.json is not valid"));
      g_assert_nonnull (strstr (error->message, cases[i].words));
    }

  /* A single value that is null is not given: no standup time. */
  {
    g_autofree char *data = example_with_member ("standup_time", "null");
    g_autoptr(GError) error = NULL;
    g_autoptr(DsTeamProfile) p = ds_team_profile_new_from_data (data, strlen (data), "team.json",
                                                                &error);

    g_assert_no_error (error);
    g_assert_null (p->standup_time);
  }
}

/* Every key of the example, each top-level one and each within, set to
 * null and to a value of each other JSON type: the profile loads, or is
 * refused with a message naming that key; never a critical (the harness
 * makes one fatal). A section (an object or a list) that is null is
 * refused: "slack": null would otherwise read as Slack left out. */
static const char * const json_values[] = { "null", "42", "1.5", "true", "\"text\"", "[]", "{}" };

static void
try_every_type (JsonNode   *root,
                JsonObject *parent,
                const char *key,
                const char *path,
                guint      *refused)
{
  g_autoptr(JsonNode) saved = json_node_copy (json_object_get_member (parent, key));
  gboolean section = JSON_NODE_HOLDS_OBJECT (saved) || JSON_NODE_HOLDS_ARRAY (saved);

  for (guint v = 0; v < G_N_ELEMENTS (json_values); v++)
    {
      g_autofree char *data = NULL;
      g_autofree char *quoted = g_strdup_printf ("“%s”", path);
      g_autoptr(GError) error = NULL;
      g_autoptr(DsTeamProfile) p = NULL;

      json_object_set_member (parent, key, json_from_string (json_values[v], NULL));
      data = json_to_string (root, FALSE);
      p = ds_team_profile_new_from_data (data, strlen (data), "team.json", &error);
      g_assert_true ((p == NULL) != (error == NULL));
      if (error != NULL)
        {
          g_assert_error (error, DS_ERROR, DS_ERROR_PROFILE);
          /* The key itself, or one within it ("slack.channels" for "slack"
           * given an object without it). */
          if (strstr (error->message, quoted) == NULL)
            {
              g_autofree char *within = g_strdup_printf ("“%s.", path);
              g_autofree char *item = g_strdup_printf ("“%s[", path);

              if (strstr (error->message, within) == NULL && strstr (error->message, item) == NULL)
                g_error ("%s set to %s: %s", path, json_values[v], error->message);
            }
          (*refused)++;
        }
      /* A section that is null is never taken as left out. */
      if (v == 0 && section)
        {
          if (p != NULL)
            g_error ("%s set to null: accepted", path);
          g_assert_nonnull (strstr (error->message, "is null"));
          g_assert_true (strstr (error->message, "leave the key out") != NULL ||
                         strstr (error->message, "it is required") != NULL);
        }
    }
  json_object_set_member (parent, key, g_steal_pointer (&saved));
}

static void
walk_keys (JsonNode   *root,
           JsonNode   *node,
           const char *path,
           guint      *keys,
           guint      *refused)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *o = json_node_get_object (node);
      g_autoptr(GList) members = json_object_get_members (o);
      g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
      g_auto(GStrv) keys_here = NULL;

      /* Setting a member frees its name: take copies first. */
      for (GList *l = members; l != NULL; l = l->next)
        g_strv_builder_add (names, l->data);
      keys_here = g_strv_builder_end (names);
      for (guint i = 0; keys_here[i] != NULL; i++)
        {
          g_autofree char *p = *path != '\0' ? g_strconcat (path, ".", keys_here[i], NULL)
                                             : g_strdup (keys_here[i]);

          (*keys)++;
          try_every_type (root, o, keys_here[i], p, refused);
          walk_keys (root, json_object_get_member (o, keys_here[i]), p, keys, refused);
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autofree char *p = g_strdup_printf ("%s[%u]", path, i);

          walk_keys (root, json_array_get_element (array, i), p, keys, refused);
        }
    }
}

static void
test_every_key_every_type (void)
{
  g_autofree char *good = example ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = json_from_string (good, &error);
  guint keys = 0, refused = 0;

  g_assert_no_error (error);
  walk_keys (root, root, "", &keys, &refused);
  g_test_message ("%u keys, %u of %u changes refused", keys, refused,
                  keys * (guint)G_N_ELEMENTS (json_values));
  g_assert_cmpuint (keys, >, 60);
  g_assert_cmpuint (refused, >, keys * 4);
}

/* The team's OAuth app, kept as written. */
static void
test_oauth_client_id (void)
{
  g_autofree char *good = example ();
  g_autofree char *data = replace_once (good, "\"team\": \"devops\",",
                                        "\"team\": \"devops\", "
                                        "\"oauth_client_id\": \"Ov23liAbC.12_x-Y\",");
  g_autoptr(GError) error = NULL;
  g_autoptr(DsTeamProfile) p = ds_team_profile_new_from_data (data, strlen (data), "team",
                                                              &error);

  g_assert_no_error (error);
  g_assert_cmpstr (p->github_oauth_client_id, ==, "Ov23liAbC.12_x-Y");
}

/* Keywords beyond ASCII are matched in any case too. */
static void
test_non_ascii_keyword (void)
{
  g_autofree char *good = example ();
  g_autofree char *data = replace_once (good, "\"outage\"", "\"Störung\"");
  g_autoptr(GError) error = NULL;
  g_autoptr(DsTeamProfile) p = ds_team_profile_new_from_data (data, strlen (data), "de", &error);

  g_assert_no_error (error);
  g_assert_true (ds_team_profile_is_emergency (p, "Große STÖRUNG im Rechenzentrum"));
  g_assert_true (ds_team_profile_is_emergency (p, "störung."));
  g_assert_false (ds_team_profile_is_emergency (p, "Störungsmeldung ist alt"));
  g_assert_false (ds_team_profile_is_emergency (p, "outage"));
}

static void
test_oversized_refused (void)
{
  g_autoptr(GError) error = NULL;
  gsize size = DS_TEAM_PROFILE_MAX_SIZE + 1;
  g_autofree char *big = g_malloc (size);
  g_autoptr(DsTeamProfile) p = NULL;

  memset (big, ' ', size);
  big[0] = '{';
  big[size - 1] = '}';
  p = ds_team_profile_new_from_data (big, size, "huge.json", &error);
  g_assert_null (p);
  g_assert_error (error, DS_ERROR, DS_ERROR_PROFILE);
  g_assert_nonnull (strstr (error->message, "larger than"));
}

/* A profile with more channels than a poll can read: refused, saying
 * how many Dayshift reads. */
static void
test_too_many_channels_refused (void)
{
  g_autofree char *data = example ();
  g_autoptr(GString) many = g_string_new (NULL);
  g_autofree char *json = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DsTeamProfile) p = NULL;

  for (guint i = 0; i < 4000; i++)
    g_string_append_printf (many, "{ \"id\": \"C%06u\", \"role\": \"support\" }, ", i);
  g_string_append (many, "{ \"id\": \"C0SUPPORT1\"");
  json = replace_once (data, "{ \"id\": \"C0SUPPORT1\"", many->str);
  p = ds_team_profile_new_from_data (json, strlen (json), "many.json", &error);
  g_assert_null (p);
  g_assert_nonnull (strstr (error->message, "“slack.channels” lists 4006 channels; Dayshift "
                                            "reads at most 100"));
}

/* A profile path that is not a file: a device read without end, a FIFO
 * that would block, a folder; and a file larger than a profile may be. */
static void
test_special_files_refused (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ds-profile-XXXXXX", NULL);
  g_autofree char *fifo = g_build_filename (dir, "fifo.json", NULL);
  g_autofree char *big = g_build_filename (dir, "big.json", NULL);
  g_autofree char *spaces = g_strnfill (DS_TEAM_PROFILE_MAX_SIZE * 4, ' ');
  const char *not_files[] = { "/dev/zero", fifo, dir };

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (not_files); i++)
    {
      g_assert_null (ds_profile_location_read_file (not_files[i], &error));
      g_assert_error (error, DS_ERROR, DS_ERROR_PROFILE);
      g_assert_nonnull (strstr (error->message, "is not a file"));
      g_clear_error (&error);
    }

  spaces[0] = '{';
  g_assert_true (g_file_set_contents (big, spaces, -1, NULL));
  g_assert_null (ds_profile_location_read_file (big, &error));
  g_assert_error (error, DS_ERROR, DS_ERROR_PROFILE);
  g_assert_nonnull (strstr (error->message, "larger than 256 KiB"));
  g_clear_error (&error);

  g_assert_null (ds_profile_location_read_file ("/nonexistent/team.json", &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_nonnull (strstr (error->message, "/nonexistent/team.json could not be opened"));

  g_unlink (fifo);
  g_unlink (big);
  g_rmdir (dir);
}

/* A deploys channel and no deploy_failure_patterns: sensible defaults, so
 * failed deploys are not dropped in silence. */
static void
test_default_deploy_patterns (void)
{
  g_autofree char *data = example ();
  g_autofree char *edited = replace_once (data, ",\n    " EXAMPLE_PATTERNS, "");
  g_autoptr(GError) error = NULL;
  g_autoptr(DsTeamProfile) p = NULL;

  p = ds_team_profile_new_from_data (edited, strlen (edited), "example", &error);
  g_assert_no_error (error);
  g_assert_nonnull (ds_team_profile_find_channel (p, "C0DEPLOYS1"));
  g_assert_true (ds_team_profile_is_deploy_failure (p, "Deploy of api to prod FAILED"));
  g_assert_true (ds_team_profile_is_deploy_failure (p, ":x: web-v2.3.1 rollout"));
  g_assert_true (ds_team_profile_is_deploy_failure (p, "api rolled back after errors"));
  g_assert_false (ds_team_profile_is_deploy_failure (p, "Deploy of api to prod succeeded"));
  g_assert_false (ds_team_profile_is_deploy_failure (p, "Deploying web v2.3.1"));
}

/* A pattern that hits PCRE's backtracking limit is said once, and counts
 * the message as a failure rather than dropping it. */
static void
test_runaway_pattern_told_once (void)
{
  g_autofree char *data = example ();
  g_autofree char *json = replace_once (data, EXAMPLE_PATTERNS,
                                        "\"deploy_failure_patterns\": [\"^(a+)+$\"]");
  g_autoptr(GError) error = NULL;
  g_autoptr(DsTeamProfile) p = NULL;
  g_autofree char *as = g_strnfill (40, 'a');
  g_autofree char *text = g_strconcat (as, "!", NULL);

  p = ds_team_profile_new_from_data (json, strlen (json), "runaway", &error);

  g_assert_no_error (error);
  g_assert_false (ds_team_profile_is_deploy_failure (p, "deploy ok"));
  g_test_expect_message ("ds-team-profile", G_LOG_LEVEL_MESSAGE, "*could not be matched*");
  g_assert_true (ds_team_profile_is_deploy_failure (p, text));
  g_test_assert_expected_messages ();
  /* Told once: a second time says nothing (an unexpected message fails). */
  g_assert_true (ds_team_profile_is_deploy_failure (p, text));
}

/* 80,000 nested arrays in 160 KB: refused with a message, no crash. */
static void
test_deep_nesting_refused (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) deep = g_string_new ("{\"version\": 1, \"name\": ");
  g_autoptr(DsTeamProfile) p = NULL;

  for (guint i = 0; i < 80000; i++)
    g_string_append_c (deep, '[');
  for (guint i = 0; i < 80000; i++)
    g_string_append_c (deep, ']');
  g_string_append_c (deep, '}');
  p = ds_team_profile_new_from_data (deep->str, deep->len, "deep.json", &error);
  g_assert_null (p);
  g_assert_error (error, DS_ERROR, DS_ERROR_PROFILE);
  g_assert_nonnull (strstr (error->message, "deep.json"));
  g_assert_nonnull (strstr (error->message, "nested deeper"));

  /* Brackets inside strings are text, not nesting. */
  g_clear_error (&error);
  g_string_assign (deep, "{\"version\": 1, \"name\": \"");
  for (guint i = 0; i < 1000; i++)
    g_string_append (deep, "[\\\"{");
  g_string_append (deep, "\"}");
  p = ds_team_profile_new_from_data (deep->str, deep->len, "brackets.json", &error);
  g_assert_true (error == NULL || strstr (error->message, "nested deeper") == NULL);

  /* Nesting behind a single-quoted string (which json-glib reads): a
   * profile anyone can push to the team's repository must not stop every
   * teammate's Dayshift. Refused, naming the file and where. */
  g_clear_error (&error);
  g_string_assign (deep, "{\"version\": 1, \"x\": '\"', \"name\": ");
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, ']');
  g_string_append_c (deep, '}');
  p = ds_team_profile_new_from_data (deep->str, deep->len, "acme/ops:team.json", &error);
  g_assert_null (p);
  g_assert_error (error, DS_ERROR, DS_ERROR_PROFILE);
  g_assert_cmpstr (error->message, ==, "The team profile acme/ops:team.json cannot be read: not "
                   "valid JSON (a single quote at byte 20). Check that it is the right file.");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ds/team-profile/deep-nesting-refused", test_deep_nesting_refused);
  g_test_add_func ("/ds/team-profile/default-deploy-patterns", test_default_deploy_patterns);
  g_test_add_func ("/ds/team-profile/runaway-pattern-told-once", test_runaway_pattern_told_once);

  g_test_add_func ("/ds/team-profile/example-loads", test_example_loads);
  g_test_add_func ("/ds/team-profile/bad-profiles-refused", test_bad_profiles_refused);
  g_test_add_func ("/ds/team-profile/top-level-null-and-wrong-types",
                   test_top_level_null_and_wrong_types);
  g_test_add_func ("/ds/team-profile/every-key-every-type", test_every_key_every_type);
  g_test_add_func ("/ds/team-profile/oversized-refused", test_oversized_refused);
  g_test_add_func ("/ds/team-profile/special-files-refused", test_special_files_refused);
  g_test_add_func ("/ds/team-profile/too-many-channels-refused", test_too_many_channels_refused);
  g_test_add_func ("/ds/team-profile/non-ascii-keyword", test_non_ascii_keyword);
  g_test_add_func ("/ds/team-profile/oauth-client-id", test_oauth_client_id);
  g_test_add_func ("/ds/team-profile/response-defaults", test_response_defaults);

  return g_test_run ();
}
