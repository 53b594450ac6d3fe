/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "ds-setup-check-testing.h"

/* PagerDuty's setup checks against a loopback PagerDuty written, like the
 * one in test-pagerduty-zenhub.c, from its REST API v2 documentation: it
 * wants the token and the Accept header, answers a schedule with its layers
 * (their users, in turn order) and renders their entries over the range
 * asked (since/until), as PagerDuty does; an unknown id is a 404, a
 * schedule the user may not see a 403, each in PagerDuty's error shape.
 * The schedule's entries are laid out around the real time, which is what
 * the workspace and the check read. One test per failing check, one where
 * every check passes. */

#define PD_TOKEN "u+pdTOKEN"
#define ME "PXPGF42"
#define ANA "PANA001"
#define ALICE "PALI001"

typedef struct
{
  const char *id;
  const char *name;
} Person;

static const Person people[] = {
  { ME, "Earline Greenholt" },
  { ANA, "Ana Lima" },
  { ALICE, "Alice Nakamura" },
};

typedef struct
{
  DsTestServer ts;
  gboolean     me_in_day_layer;   /* whether Layer 2's users include the user */
  gint64       my_start, my_end;  /* the user's turn on Layer 2; 0: none */
  gint64       ana_start, ana_end;
  gint64       night_start, night_end;  /* Alice, on Layer 1 */
  gboolean     limited;           /* /users/me answers 429, as over PagerDuty's rate limit */
  gboolean     schedule_down;     /* the schedule answers 500 */
} Fixture;

static const char *
name_of (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    if (g_str_equal (people[i].id, id))
      return people[i].name;
  return NULL;
}

static void
pd_error (SoupServerMessage *msg,
          guint              status,
          const char        *message,
          int                code)
{
  g_autofree char *body = g_strdup_printf ("{\"error\": {\"message\": \"%s\", \"code\": %d}}",
                                           message, code);
  ds_test_respond_json (msg, status, body);
}

static void
add_time (JsonBuilder *b,
          const char  *member,
          gint64       t)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (t);
  g_autofree char *iso = g_date_time_format_iso8601 (dt);

  json_builder_set_member_name (b, member);
  json_builder_add_string_value (b, iso);
}

static void
add_reference (JsonBuilder *b,
               const char  *id)
{
  g_autofree char *self = g_strdup_printf ("https://api.pagerduty.com/users/%s", id);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, id);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, "user_reference");
  json_builder_set_member_name (b, "summary");
  json_builder_add_string_value (b, name_of (id));
  json_builder_set_member_name (b, "self");
  json_builder_add_string_value (b, self);
  json_builder_end_object (b);
}

typedef struct
{
  int         layer;   /* 1 or 2 */
  const char *user;
  gint64      start, end;
} Turn;

/* The turns that overlap [since, until), cut to it, as PagerDuty renders
 * them; @layer 0: every layer (the final schedule, with no overrides). */
static void
add_entries (JsonBuilder *b,
             const Turn  *turns,
             guint        n,
             int          layer,
             gint64       since,
             gint64       until)
{
  json_builder_set_member_name (b, "rendered_schedule_entries");
  json_builder_begin_array (b);
  for (guint i = 0; i < n; i++)
    {
      if ((layer != 0 && turns[i].layer != layer) || turns[i].start == 0 ||
          turns[i].end <= since || turns[i].start >= until)
        continue;
      json_builder_begin_object (b);
      add_time (b, "start", MAX (turns[i].start, since));
      add_time (b, "end", MIN (turns[i].end, until));
      json_builder_set_member_name (b, "user");
      add_reference (b, turns[i].user);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
add_layer (JsonBuilder *b,
           const char  *id,
           int          number,
           const char  *user_ids[],
           const Turn  *turns,
           guint        n,
           gint64       since,
           gint64       until)
{
  g_autofree char *name = g_strdup_printf ("Layer %d", number);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, id);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, name);
  json_builder_set_member_name (b, "rotation_turn_length_seconds");
  json_builder_add_int_value (b, 7 * 24 * 3600);
  json_builder_set_member_name (b, "users");
  json_builder_begin_array (b);
  for (guint i = 0; user_ids[i] != NULL; i++)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "user");
      add_reference (b, user_ids[i]);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  add_entries (b, turns, n, number, since, until);
  json_builder_end_object (b);
}

static void
schedule (Fixture           *f,
          SoupServerMessage *msg,
          GHashTable        *query)
{
  const char *since_s = query != NULL ? g_hash_table_lookup (query, "since") : NULL;
  const char *until_s = query != NULL ? g_hash_table_lookup (query, "until") : NULL;
  g_autoptr(GDateTime) since = since_s != NULL ? g_date_time_new_from_iso8601 (since_s, NULL)
                                               : NULL;
  g_autoptr(GDateTime) until = until_s != NULL ? g_date_time_new_from_iso8601 (until_s, NULL)
                                               : NULL;
  const Turn turns[] = {
    { 1, ALICE, f->night_start, f->night_end },
    { 2, ANA, f->ana_start, f->ana_end },
    { 2, ME, f->my_start, f->my_end },
  };
  const char *night[] = { ALICE, NULL };
  const char *day[] = { ANA, f->me_in_day_layer ? ME : NULL, NULL };
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *body = NULL;
  gint64 s, u;

  /* Without a range, PagerDuty renders no entries: Dayshift always asks
   * for one. */
  if (since == NULL || until == NULL)
    return pd_error (msg, 400, "Invalid Input Provided", 2001);
  s = g_date_time_to_unix (since);
  u = g_date_time_to_unix (until);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "schedule");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, "PI7DH85");
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, "schedule");
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, "Daytime support");
  json_builder_set_member_name (b, "time_zone");
  json_builder_add_string_value (b, "Europe/Berlin");
  json_builder_set_member_name (b, "schedule_layers");
  json_builder_begin_array (b);
  add_layer (b, "PG68P1M", 1, night, turns, G_N_ELEMENTS (turns), s, u);
  add_layer (b, "PG68P1N", 2, day, turns, G_N_ELEMENTS (turns), s, u);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "final_schedule");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, "Final Schedule");
  add_entries (b, turns, G_N_ELEMENTS (turns), 0, s, u);
  json_builder_end_object (b);
  json_builder_end_object (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  body = json_to_string (root, FALSE);
  ds_test_respond_json (msg, 200, body);
}

static void
handler (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  Fixture *f = user_data;
  SoupMessageHeaders *h = soup_server_message_get_request_headers (msg);

  if (!g_str_has_prefix (path, "/pd/"))
    return ds_test_respond_json (msg, 404, "{\"message\": \"Not Found\"}");
  path += strlen ("/pd");
  if (g_strcmp0 (soup_message_headers_get_one (h, "Authorization"), "Token token=" PD_TOKEN) != 0)
    return pd_error (msg, 401, "Authentication failed", 2006);
  if (g_strcmp0 (soup_message_headers_get_one (h, "Accept"),
                 "application/vnd.pagerduty+json;version=2") != 0)
    return pd_error (msg, 406, "Not acceptable", 2001);

  if (g_str_equal (path, "/users/me") && f->limited)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "ratelimit-reset", "30");
      pd_error (msg, 429, "Rate Limit Exceeded", 2020);
    }
  else if (g_str_equal (path, "/schedules/PI7DH85") && f->schedule_down)
    pd_error (msg, 500, "Internal Server Error", 2000);
  else if (g_str_equal (path, "/users/me"))
    ds_test_respond_json (msg, 200, "{\"user\": {\"id\": \"" ME "\", \"type\": \"user\","
                                    " \"name\": \"Earline Greenholt\","
                                    " \"email\": \"earline@example.com\","
                                    " \"time_zone\": \"Europe/Berlin\"}}");
  else if (g_str_has_prefix (path, "/users/") && name_of (path + strlen ("/users/")) != NULL)
    {
      const char *id = path + strlen ("/users/");
      g_autofree char *body = g_strdup_printf ("{\"user\": {\"id\": \"%s\", \"type\": \"user\","
                                               " \"name\": \"%s\","
                                               " \"email\": \"%s@example.com\"}}",
                                               id, name_of (id), id);
      ds_test_respond_json (msg, 200, body);
    }
  else if (g_str_equal (path, "/schedules/PI7DH85"))
    schedule (f, msg, query);
  /* A schedule of a private team the user is not on. */
  else if (g_str_equal (path, "/schedules/PPRIV01"))
    pd_error (msg, 403, "Access Denied", 2010);
  else
    pd_error (msg, 404, "Not Found", 2100);
}

/* -- running the check -------------------------------------------------------- */

static DsTeamProfile *
profile_for (Fixture    *f,
             const char *schedule_id,
             int         layer,
             const char *bogdan)
{
  g_autofree char *json = g_strdup_printf (
    "{\"version\": 1, \"name\": \"T\", \"github\": {\"api_url\": \"%s/gh\", \"org\": \"acme\", "
    "\"team\": \"devops\", \"repo\": \"acme/ops\"}, \"super_epics\": [{\"name\": \"E\", "
    "\"issue\": \"acme/ops#1\", \"kinds\": [\"request\"]}], "
    "\"pagerduty\": {\"api_url\": \"%s/pd\", \"schedule_id\": \"%s\", \"layer\": %d}, "
    "\"teammates\": [{\"name\": \"Ana Lima\", \"github\": \"ana\", \"pagerduty\": \"" ANA "\"}, "
    "{\"name\": \"Bogdan Ilić\", \"github\": \"bogdan-i\", \"pagerduty\": \"%s\"}, "
    "{\"name\": \"Chen Wu\", \"github\": \"chen\"}]}",
    f->ts.base, f->ts.base, schedule_id, layer, bogdan);
  g_autoptr(GError) error = NULL;
  DsTeamProfile *profile = ds_team_profile_new_from_data (json, strlen (json), "test", &error);

  g_assert_no_error (error);
  return profile;
}

static GPtrArray *
run_with (Fixture    *f,
          const char *schedule_id,
          int         layer,
          const char *bogdan,
          const char *token)
{
  g_autoptr(DsTeamProfile) profile = profile_for (f, schedule_id, layer, bogdan);
  g_autoptr(DsSetupCheck) check = ds_setup_check_new (profile);

  ds_setup_check_set_token (check, DS_SERVICE_PAGERDUTY, FALSE, token);
  return ds_test_setup_run (&f->ts, check);
}

/* The team's profile as it should be, but for what a test changes. */
static GPtrArray *
run (Fixture *f)
{
  return run_with (f, "PI7DH85", 2, "PALI001", PD_TOKEN);
}

static void
assert_has (const char *text,
            const char *part)
{
  if (text == NULL || strstr (text, part) == NULL)
    g_error ("“%s” does not say “%s”", text, part);
}

/* Local @hour:00, @days after @now's day. */
static gint64
local_at (GDateTime *now,
          int        days,
          int        hour)
{
  g_autoptr(GDateTime) then = g_date_time_add_days (now, days);
  g_autoptr(GDateTime) at = g_date_time_new_local (g_date_time_get_year (then),
                                                   g_date_time_get_month (then),
                                                   g_date_time_get_day_of_month (then),
                                                   hour, 0, 0);
  return g_date_time_to_unix (at);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autoptr(GDateTime) local = g_date_time_new_now_local ();
  /* Monday is 1: the next Monday is one to seven days ahead. */
  int monday = 8 - g_date_time_get_day_of_week (local);

  /* The user's turn: next Monday 09:00 to Friday 17:00, less than two weeks
   * ahead whatever today is; Ana's is under way until then; Alice is on
   * the night layer. */
  f->me_in_day_layer = TRUE;
  f->my_start = local_at (local, monday, 9);
  f->my_end = local_at (local, monday + 4, 17);
  f->ana_start = now - 3 * 24 * 3600;
  f->ana_end = f->my_start;
  f->night_start = now + 3600;
  f->night_end = now + 13 * 3600;
  ds_test_server_start (&f->ts, handler, f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  ds_test_server_stop (&f->ts);
}

/* -- the tests ---------------------------------------------------------------- */

static void
test_all_pass (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = run (f);
  const char *pd[] = { "pagerduty.token", "pagerduty.schedule", "pagerduty.layer",
                       "pagerduty.rotation", "pagerduty.shift", "teammates.pagerduty" };
  guint mine = 0;

  for (guint i = 0; i < G_N_ELEMENTS (pd); i++)
    if (ds_test_setup_row (rows, pd[i])->state != DS_CHECK_PASSED)
      g_error ("%s: %s", pd[i], ds_test_setup_row (rows, pd[i])->detail);
  /* No other row is PagerDuty's. */
  for (guint i = 0; i < rows->len; i++)
    if (g_str_has_prefix (((DsCheckRow *)g_ptr_array_index (rows, i))->id, "pagerduty.") ||
        g_str_equal (((DsCheckRow *)g_ptr_array_index (rows, i))->id, "teammates.pagerduty"))
      mine++;
  g_assert_cmpuint (mine, ==, G_N_ELEMENTS (pd));

  g_assert_cmpstr (ds_test_setup_row (rows, "pagerduty.token")->detail, ==,
                   "PagerDuty user Earline Greenholt (earline@example.com)");
  /* The row is titled by the schedule's name once it is read. */
  g_assert_cmpstr (ds_test_setup_row (rows, "pagerduty.schedule")->title, ==, "Daytime support");
  g_assert_cmpstr (ds_test_setup_row (rows, "pagerduty.layer")->title, ==, "Layer 2");
  g_assert_cmpstr (ds_test_setup_row (rows, "pagerduty.layer")->detail, ==,
                   "Ana Lima, Earline Greenholt take turns.");
  assert_has (ds_test_setup_row (rows, "pagerduty.rotation")->detail, "Earline Greenholt takes turns");
  g_assert_cmpstr (ds_test_setup_row (rows, "pagerduty.shift")->detail, ==,
                   "Next shift Mon 09:00 – Fri 17:00");
  g_assert_cmpuint (ds_test_setup_row (rows, "teammates.pagerduty")->section, ==, DS_CHECK_TEAMMATES);
  g_assert_cmpstr (ds_test_setup_row (rows, "teammates.pagerduty")->detail, ==, "All 2 PagerDuty ids exist.");
}

/* A shift under way: until when. */
static void
test_on_rotation (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GDateTime) local = g_date_time_new_now_local ();
  g_autoptr(GDateTime) end = NULL;
  g_autofree char *day = NULL, *expected = NULL;

  f->ana_start = f->ana_end = 0;
  f->my_start = g_get_real_time () / G_USEC_PER_SEC - 2 * 3600;
  f->my_end = local_at (local, 1, 17);
  end = g_date_time_new_from_unix_local (f->my_end);
  day = g_date_time_format (end, "%a");
  expected = g_strdup_printf ("On rotation until %s 17:00", day);
  rows = run (f);
  g_assert_cmpint (ds_test_setup_row (rows, "pagerduty.shift")->state, ==, DS_CHECK_PASSED);
  g_assert_cmpstr (ds_test_setup_row (rows, "pagerduty.shift")->detail, ==, expected);
}

static void
test_schedule_not_found (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = run_with (f, "PWRONG1", 2, "PALI001", PD_TOKEN);
  const DsCheckRow *r = ds_test_setup_row (rows, "pagerduty.schedule");

  g_assert_cmpint (r->state, ==, DS_CHECK_FAILED);
  g_assert_cmpstr (r->title, ==, "Schedule PWRONG1");
  assert_has (r->detail, "no schedule PWRONG1");
  assert_has (r->fix, "pagerduty.schedule_id (PWRONG1)");
  g_assert_cmpstr (r->link, ==, "https://support.pagerduty.com/main/docs/schedule-basics");
  g_assert_cmpint (ds_test_setup_row (rows, "pagerduty.layer")->state, ==, DS_CHECK_SKIPPED);
  g_assert_cmpint (ds_test_setup_row (rows, "pagerduty.rotation")->state, ==, DS_CHECK_SKIPPED);
  g_assert_cmpint (ds_test_setup_row (rows, "pagerduty.shift")->state, ==, DS_CHECK_SKIPPED);
  assert_has (ds_test_setup_row (rows, "pagerduty.shift")->detail, "schedule");
  /* The teammates do not depend on the schedule. */
  g_assert_cmpint (ds_test_setup_row (rows, "teammates.pagerduty")->state, ==, DS_CHECK_PASSED);
}

static void
test_schedule_forbidden (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = run_with (f, "PPRIV01", 2, "PALI001", PD_TOKEN);
  const DsCheckRow *r = ds_test_setup_row (rows, "pagerduty.schedule");

  g_assert_cmpint (r->state, ==, DS_CHECK_FAILED);
  assert_has (r->detail, "does not let Earline Greenholt see schedule PPRIV01");
  assert_has (r->fix, "let Earline Greenholt see it");
  g_assert_cmpstr (r->link, ==, "https://support.pagerduty.com/main/docs/advanced-permissions");
  g_assert_cmpint (ds_test_setup_row (rows, "pagerduty.layer")->state, ==, DS_CHECK_SKIPPED);
}

static void
test_layer_missing (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = run_with (f, "PI7DH85", 3, "PALI001", PD_TOKEN);
  const DsCheckRow *r = ds_test_setup_row (rows, "pagerduty.layer");

  g_assert_cmpint (ds_test_setup_row (rows, "pagerduty.schedule")->state, ==, DS_CHECK_PASSED);
  g_assert_cmpint (r->state, ==, DS_CHECK_FAILED);
  g_assert_cmpstr (r->title, ==, "Layer 3");
  g_assert_cmpstr (r->detail, ==,
                   "The schedule has no layer 3: it has 2 layers, “Layer 1”, “Layer 2”.");
  assert_has (r->fix, "pagerduty.layer");
  assert_has (r->fix, "from 1 to 2");
  g_assert_cmpint (ds_test_setup_row (rows, "pagerduty.rotation")->state, ==, DS_CHECK_SKIPPED);
  g_assert_cmpint (ds_test_setup_row (rows, "pagerduty.shift")->state, ==, DS_CHECK_SKIPPED);
}

static void
test_not_in_layer (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = NULL;
  const DsCheckRow *r;

  f->me_in_day_layer = FALSE;
  f->my_start = f->my_end = 0;
  f->ana_end = f->ana_start + 21 * 24 * 3600;
  rows = run (f);
  r = ds_test_setup_row (rows, "pagerduty.rotation");
  g_assert_cmpint (ds_test_setup_row (rows, "pagerduty.layer")->state, ==, DS_CHECK_PASSED);
  g_assert_cmpint (r->state, ==, DS_CHECK_FAILED);
  g_assert_cmpstr (r->detail, ==, "Earline Greenholt is not among the people of “Layer 2” "
                                  "(Ana Lima).");
  assert_has (r->fix, "manages the schedule “Daytime support”");
  assert_has (r->fix, "add you to “Layer 2”");
  assert_has (r->fix, "pagerduty.layer");
  g_assert_cmpstr (r->link, ==, "https://support.pagerduty.com/main/docs/edit-schedules");
  /* With no override giving them a day, they have no shift either. */
  g_assert_cmpint (ds_test_setup_row (rows, "pagerduty.shift")->state, ==, DS_CHECK_FAILED);
}

/* In the layer, but the next turn is past what Dayshift reads. */
static void
test_no_shift_ahead (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = NULL;
  const DsCheckRow *r;

  f->my_start = g_get_real_time () / G_USEC_PER_SEC + 15 * 24 * 3600;
  f->my_end = f->my_start + 8 * 3600;
  f->ana_end = f->my_start;
  rows = run (f);
  r = ds_test_setup_row (rows, "pagerduty.shift");
  g_assert_cmpint (ds_test_setup_row (rows, "pagerduty.rotation")->state, ==, DS_CHECK_PASSED);
  g_assert_cmpint (r->state, ==, DS_CHECK_FAILED);
  g_assert_cmpstr (r->detail, ==,
                   "No shift for Earline Greenholt in “Layer 2” in the next 2 weeks.");
  assert_has (r->fix, "“Layer 2”");
  assert_has (r->fix, "manages the schedule");
}

/* A turn near the end of the span: the check reads as far ahead as the
 * workspace does. */
static void
test_shift_late (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = NULL;

  f->my_start = g_get_real_time () / G_USEC_PER_SEC + 13 * 24 * 3600;
  f->my_end = f->my_start + 8 * 3600;
  f->ana_end = f->my_start;
  rows = run (f);
  g_assert_cmpint (ds_test_setup_row (rows, "pagerduty.shift")->state, ==, DS_CHECK_PASSED);
  assert_has (ds_test_setup_row (rows, "pagerduty.shift")->detail, "Next shift ");
}

static void
test_unknown_teammate (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = run_with (f, "PI7DH85", 2, "PBOGD01", PD_TOKEN);
  const DsCheckRow *r = ds_test_setup_row (rows, "teammates.pagerduty");

  g_assert_cmpint (r->state, ==, DS_CHECK_FAILED);
  g_assert_cmpstr (r->detail, ==, "PBOGD01 (Bogdan Ilić) is not a PagerDuty user.");
  assert_has (r->fix, "give Bogdan Ilić the right PagerDuty id");
  g_assert_cmpstr (r->link, ==, "https://support.pagerduty.com/main/docs/user-profile");
  /* The rest is not held up. */
  g_assert_cmpint (ds_test_setup_row (rows, "pagerduty.shift")->state, ==, DS_CHECK_PASSED);
}

/* A refused token: nothing else can be asked. */
static void
test_token_refused (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = run_with (f, "PI7DH85", 2, "PALI001", "u+expired");
  const char *after[] = { "pagerduty.schedule", "pagerduty.layer", "pagerduty.rotation",
                          "pagerduty.shift", "teammates.pagerduty" };

  g_assert_cmpint (ds_test_setup_row (rows, "pagerduty.token")->state, ==, DS_CHECK_FAILED);
  assert_has (ds_test_setup_row (rows, "pagerduty.token")->detail, "HTTP 401");
  assert_has (ds_test_setup_row (rows, "pagerduty.token")->fix, "Make a user API token");
  for (guint i = 0; i < G_N_ELEMENTS (after); i++)
    {
      g_assert_cmpint (ds_test_setup_row (rows, after[i])->state, ==, DS_CHECK_SKIPPED);
      assert_has (ds_test_setup_row (rows, after[i])->detail, "token");
    }
}

/* PagerDuty not reached: said with its words, no new token asked for, and
 * what depends on it not asked. */
static void
test_unreached (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = NULL, schedule_down = NULL;
  const char *after[] = { "pagerduty.schedule", "pagerduty.layer", "pagerduty.rotation",
                          "pagerduty.shift", "teammates.pagerduty" };
  const DsCheckRow *token, *row;

  f->limited = TRUE;
  rows = run_with (f, "PI7DH85", 2, "PALI001", PD_TOKEN);
  token = ds_test_setup_row (rows, "pagerduty.token");
  g_assert_cmpint (token->state, ==, DS_CHECK_FAILED);
  assert_has (token->detail, "asked Dayshift to wait");
  g_assert_cmpstr (token->fix, ==, "Check that this computer reaches PagerDuty, then run the "
                   "check again.");
  for (guint i = 0; i < G_N_ELEMENTS (after); i++)
    {
      g_assert_cmpint (ds_test_setup_row (rows, after[i])->state, ==, DS_CHECK_SKIPPED);
      g_assert_cmpstr (ds_test_setup_row (rows, after[i])->detail, ==,
                       "Not asked: PagerDuty could not be reached.");
    }

  /* The schedule not read for a 500: said so, with what to do. */
  f->limited = FALSE;
  f->schedule_down = TRUE;
  schedule_down = run_with (f, "PI7DH85", 2, "PALI001", PD_TOKEN);
  row = ds_test_setup_row (schedule_down, "pagerduty.schedule");
  g_assert_cmpint (row->state, ==, DS_CHECK_FAILED);
  assert_has (row->detail, "HTTP 500");
  assert_has (row->fix, "run the check again");
  g_assert_cmpint (ds_test_setup_row (schedule_down, "pagerduty.layer")->state, ==,
                   DS_CHECK_SKIPPED);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn) \
  g_test_add ("/ds/setup-check/pagerduty/" path, Fixture, NULL, fixture_set_up, fn, \
              fixture_tear_down)
  ADD ("all-pass", test_all_pass);
  ADD ("on-rotation", test_on_rotation);
  ADD ("schedule-not-found", test_schedule_not_found);
  ADD ("schedule-forbidden", test_schedule_forbidden);
  ADD ("layer-missing", test_layer_missing);
  ADD ("not-in-layer", test_not_in_layer);
  ADD ("no-shift-ahead", test_no_shift_ahead);
  ADD ("shift-late", test_shift_late);
  ADD ("unknown-teammate", test_unknown_teammate);
  ADD ("token-refused", test_token_refused);
  ADD ("unreached", test_unreached);
#undef ADD
  return g_test_run ();
}
