/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>

#include "ds-demo-testing.h"
#include "ds-poller.h"

/* The sources, the ingest and the poller against the demo workspace: every
 * kind arrives, once; restarts and network loss lose and repeat nothing;
 * GitHub polls with nothing new cost no rate limit; Slack requests are
 * followed until a teammate finishes them, on a clock the test moves. */

typedef struct
{
  DsDemo        *demo;
  char          *dir;
  char          *db;
  DsTeamProfile *profile;
  /* What lives as long as one run of the app: */
  DsHttp        *http;
  DsStore       *store;
  DsInbox       *inbox;
  DsIngest      *ingest;
  DsPoller      *poller;
  GPtrArray     *sources;
  guint          notified;
  guint          added;
  GPtrArray     *errors;
  gint64         ahead;   /* seconds the Slack source's clock is ahead of the real one */
} Fixture;

/* The wall clock the Slack source goes by: the real one, moved on by the test. */
static gint64
fixture_clock (gpointer user_data)
{
  Fixture *f = user_data;

  return g_get_real_time () / G_USEC_PER_SEC + f->ahead;
}

static void
on_new_item (DsIngest *ingest,
             DsItem   *item,
             gboolean  notify,
             Fixture  *f)
{
  f->added++;
  if (notify)
    f->notified++;
}

static void
on_polled (DsPoller *poller,
           DsSource *source,
           GError   *error,
           Fixture  *f)
{
  if (error != NULL)
    g_ptr_array_add (f->errors, g_strdup_printf ("%s: %s", ds_source_get_name (source),
                                                 error->message));
}

/* One run of the app: everything but the demo world and the database file. */
static void
start_app (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;

  f->http = ds_http_new ();
  for (DsService s = DS_SERVICE_GITHUB; s <= DS_SERVICE_PAGERDUTY; s++)
    g_assert_true (ds_http_set_base_url (f->http, s, ds_team_profile_get_url (f->profile, s),
                                         &error));
  for (DsService s = 0; s < DS_N_SERVICES; s++)
    ds_http_set_token (f->http, s, DS_DEMO_TOKEN);

  f->store = ds_store_open (f->db, &error);
  g_assert_no_error (error);
  f->inbox = ds_inbox_new ();
  items = ds_store_load_items (f->store, &error);
  for (guint i = 0; i < items->len; i++)
    ds_inbox_add (f->inbox, items->pdata[i]);
  f->ingest = ds_ingest_new (f->inbox, f->store);
  g_signal_connect (f->ingest, "new-item", G_CALLBACK (on_new_item), f);

  f->sources = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (f->sources, ds_slack_source_new (f->http, f->profile, f->ingest, f->store));
  ds_source_set_clock (f->sources->pdata[0], fixture_clock, f);
  g_ptr_array_add (f->sources, ds_github_source_new (f->http, f->profile, f->ingest, f->store));
  g_ptr_array_add (f->sources, ds_pagerduty_source_new (f->http, f->profile, f->ingest, f->store));
  f->poller = ds_poller_new (f->http);
  g_signal_connect (f->poller, "polled", G_CALLBACK (on_polled), f);
  for (guint i = 0; i < f->sources->len; i++)
    {
      ds_source_set_interval (f->sources->pdata[i], 3600);
      ds_poller_add (f->poller, f->sources->pdata[i]);
    }
}

static void
stop_app (Fixture *f)
{
  ds_poller_stop (f->poller);
  g_assert_finalize_object (g_steal_pointer (&f->poller));
  g_clear_pointer (&f->sources, g_ptr_array_unref);
  g_assert_finalize_object (g_steal_pointer (&f->ingest));
  g_clear_object (&f->inbox);
  g_assert_finalize_object (g_steal_pointer (&f->store));
  g_assert_finalize_object (g_steal_pointer (&f->http));
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;

  f->demo = ds_demo_new ();
  g_assert_true (ds_demo_start (f->demo, &error));
  json = ds_demo_dup_profile_json (f->demo);
  f->profile = ds_team_profile_new_from_data (json, strlen (json), "demo", &error);
  g_assert_no_error (error);
  f->dir = g_dir_make_tmp ("ds-poller-XXXXXX", &error);
  f->db = g_build_filename (f->dir, "dayshift.db", NULL);
  f->errors = g_ptr_array_new_with_free_func (g_free);
  start_app (f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  if (f->poller != NULL)
    stop_app (f);
  g_assert_finalize_object (f->demo);
  ds_team_profile_unref (f->profile);
  ds_store_delete_files (f->db);
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->db);
  g_ptr_array_unref (f->errors);
}

static guint
total_polls (Fixture *f)
{
  guint n = 0;

  for (guint i = 0; i < f->sources->len; i++)
    n += ds_poller_get_n_polls (f->poller, f->sources->pdata[i]);
  return n;
}

/* Runs the main loop until every source finished @rounds more polls,
 * whatever they said. */
static void
run_polls (Fixture *f,
           guint    rounds)
{
  guint target = total_polls (f) + rounds * f->sources->len;
  gint64 end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (total_polls (f) < target && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (total_polls (f), >=, target);
}

/* The same, each poll without an error. */
static void
wait_polls (Fixture *f,
            guint    rounds)
{
  run_polls (f, rounds);
  for (guint i = 0; i < f->errors->len; i++)
    g_printerr ("poll error: %s\n", (char *)f->errors->pdata[i]);
  g_assert_cmpuint (f->errors->len, ==, 0);
}

/* One Slack poll, @minutes later on the Slack source's clock. */
static void
poll_slack_later (Fixture *f,
                  guint    minutes)
{
  DsSource *slack = f->sources->pdata[0];
  guint target = ds_poller_get_n_polls (f->poller, slack) + 1;
  gint64 end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  f->ahead += minutes * 60;
  ds_poller_poll_source (f->poller, slack);
  while (ds_poller_get_n_polls (f->poller, slack) < target && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (ds_poller_get_n_polls (f->poller, slack), ==, target);
  g_assert_cmpuint (f->errors->len, ==, 0);
}

static guint
count_kind (DsInbox   *inbox,
            DsItemKind kind)
{
  return ds_inbox_count (inbox, DS_ALL_STATES, DS_KIND_BIT (kind));
}

static DsItem *
find_claimed (DsInbox *inbox)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (inbox)); i++)
    {
      g_autoptr(DsItem) item = g_list_model_get_item (G_LIST_MODEL (inbox), i);
      if (ds_item_get_claimed_by (item) != NULL)
        return item;
    }
  return NULL;
}

static void
test_every_kind_once (Fixture       *f,
                      gconstpointer  data)
{
  DsItem *claimed;
  guint n_items;

  ds_poller_start (f->poller);
  wait_polls (f, 1);
  /* The first look is quiet: the seeded postmortem item, told to nobody. */
  g_assert_cmpuint (count_kind (f->inbox, DS_ITEM_KIND_POSTMORTEM), ==, 1);
  g_assert_cmpuint (f->notified, ==, 0);

  for (guint i = 0; i < 9; i++)
    ds_demo_step (f->demo);
  ds_poller_poll_now (f->poller);
  wait_polls (f, 1);

  g_assert_cmpuint (count_kind (f->inbox, DS_ITEM_KIND_REQUEST), ==, 2);
  g_assert_cmpuint (count_kind (f->inbox, DS_ITEM_KIND_DEPLOY), ==, 2);  /* Slack + GitHub */
  g_assert_cmpuint (count_kind (f->inbox, DS_ITEM_KIND_REVIEW), ==, 2);  /* team + mine */
  g_assert_cmpuint (count_kind (f->inbox, DS_ITEM_KIND_ACCESS), ==, 1);
  g_assert_cmpuint (count_kind (f->inbox, DS_ITEM_KIND_INCIDENT), ==, 1);
  g_assert_cmpuint (count_kind (f->inbox, DS_ITEM_KIND_ALERT), ==, 1);
  g_assert_cmpuint (count_kind (f->inbox, DS_ITEM_KIND_MENTION), ==, 1);
  n_items = g_list_model_get_n_items (G_LIST_MODEL (f->inbox));
  g_assert_cmpuint (n_items, ==, 11);

  claimed = find_claimed (f->inbox);
  g_assert_nonnull (claimed);
  g_assert_cmpstr (ds_item_get_claimed_by (claimed), ==, "Bogdan Ilić");
  /* Ten new items, one of them claimed by a teammate: nine notifications. */
  g_assert_cmpuint (f->notified, ==, 9);

  /* Polling again brings nothing twice. */
  ds_poller_poll_now (f->poller);
  wait_polls (f, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->inbox)), ==, n_items);
  g_assert_cmpuint (f->notified, ==, 9);
}

/* Requests claimed or finished more than two hours after they were asked
 * are seen: each open, unclaimed one is followed on its own. */
static void
test_late_claims_seen (Fixture       *f,
                       gconstpointer  data)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autofree char *done_ts = ds_demo_post_slack_at (f->demo, "C0DEMOSUP", "U0DEMOSAM",
                                                    "Can someone restart the build agent?",
                                                    now - 3 * 3600);
  g_autofree char *taken_ts = ds_demo_post_slack_at (f->demo, "C0DEMOSUP", "U0DEMOLEE",
                                                     "The staging certificate expires",
                                                     now - 5 * 3600);
  g_autofree char *done_id = g_strdup_printf ("slack:C0DEMOSUP/%s", done_ts);
  g_autofree char *taken_id = g_strdup_printf ("slack:C0DEMOSUP/%s", taken_ts);
  DsItem *done, *taken;
  guint slack_calls;

  ds_poller_start (f->poller);
  wait_polls (f, 1);
  done = ds_inbox_lookup (f->inbox, done_id);
  taken = ds_inbox_lookup (f->inbox, taken_id);
  g_assert_nonnull (done);
  g_assert_nonnull (taken);
  g_assert_cmpint (ds_item_get_state (done), ==, DS_ITEM_STATE_NEW);
  g_assert_null (ds_item_get_claimed_by (taken));

  /* Hours later, a teammate finishes one and takes the other. */
  ds_demo_react_slack (f->demo, "C0DEMOSUP", done_ts, "white_check_mark", "U0DEMOBOG");
  ds_demo_react_slack (f->demo, "C0DEMOSUP", taken_ts, "eyes", "U0DEMOCHI");
  slack_calls = ds_demo_get_n_requests (f->demo, "slack");
  ds_poller_poll_now (f->poller);
  wait_polls (f, 1);
  g_assert_cmpint (ds_item_get_state (done), ==, DS_ITEM_STATE_DONE);
  g_assert_cmpstr (ds_item_get_claimed_by (done), ==, "Bogdan Ilić");
  g_assert_cmpstr (ds_item_get_claimed_by (taken), ==, "Chioma Eze");
  /* At little cost: a history read per channel, a thread read per item. */
  g_test_message ("%u Slack calls for the poll",
                  ds_demo_get_n_requests (f->demo, "slack") - slack_calls);

  /* Both are settled: no longer followed. */
  slack_calls = ds_demo_get_n_requests (f->demo, "slack");
  ds_poller_poll_now (f->poller);
  wait_polls (f, 1);
  g_assert_cmpuint (ds_demo_get_n_requests (f->demo, "slack") - slack_calls, ==,
                    f->profile->channels->len);
}

/* Followed only up to the age set: past it, a late claim is not looked for. */
static void
test_follow_age_honoured (Fixture       *f,
                          gconstpointer  data)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autofree char *young_ts = ds_demo_post_slack_at (f->demo, "C0DEMOSUP", "U0DEMOSAM",
                                                     "Is the wiki down?", now - 3 * 3600);
  g_autofree char *old_ts = ds_demo_post_slack_at (f->demo, "C0DEMOSUP", "U0DEMOLEE",
                                                   "Renew the staging cert", now - 5 * 3600);
  g_autofree char *young_id = g_strdup_printf ("slack:C0DEMOSUP/%s", young_ts);
  g_autofree char *old_id = g_strdup_printf ("slack:C0DEMOSUP/%s", old_ts);

  ds_slack_source_set_follow_age (f->sources->pdata[0], 4 * 3600);
  ds_poller_start (f->poller);
  wait_polls (f, 1);
  ds_demo_react_slack (f->demo, "C0DEMOSUP", young_ts, "eyes", "U0DEMOBOG");
  ds_demo_react_slack (f->demo, "C0DEMOSUP", old_ts, "eyes", "U0DEMOBOG");
  ds_poller_poll_now (f->poller);
  wait_polls (f, 1);
  g_assert_cmpstr (ds_item_get_claimed_by (ds_inbox_lookup (f->inbox, young_id)), ==,
                   "Bogdan Ilić");
  g_assert_null (ds_item_get_claimed_by (ds_inbox_lookup (f->inbox, old_id)));
}

/* Slack refuses the last channel (429): what the others held is kept,
 * and read once, not again at the next poll. */
static void
test_slack_channel_by_channel (Fixture       *f,
                               gconstpointer  data)
{
  guint before;

  ds_poller_start (f->poller);
  wait_polls (f, 1);
  before = f->added;
  ds_demo_post_slack (f->demo, "C0DEMOSUP", "U0DEMOSAM", "Could someone look at the VPN?");
  ds_demo_set_failing_channel (f->demo, "C0DEMOONC");
  ds_poller_poll_now (f->poller);
  run_polls (f, 1);
  g_assert_cmpuint (f->errors->len, ==, 1);
  g_assert_nonnull (strstr (f->errors->pdata[0], "Slack asked Dayshift to wait until"));
  g_assert_cmpuint (f->added, ==, before + 1);
  g_assert_cmpuint (f->notified, ==, 1);
}

static guint
count_open (DsInbox    *inbox,
            const char *source,
            DsItemKind  kind)
{
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (inbox)); i++)
    {
      g_autoptr(DsItem) item = g_list_model_get_item (G_LIST_MODEL (inbox), i);

      if (g_strcmp0 (ds_item_get_source (item), source) == 0 && ds_item_get_kind (item) == kind &&
          ds_item_get_state (item) != DS_ITEM_STATE_DONE)
        n++;
    }
  return n;
}

/* GitHub's search answers 200 with an HTML page: that is said, naming the
 * endpoint, and in the same poll the team repo's access request, a failed
 * deploy and a mention arrive. The review merged meanwhile stays open: its
 * listing was not read, so nothing says it is gone. */
static void
test_github_listings_stand_alone (Fixture       *f,
                                  gconstpointer  data)
{
  ds_poller_start (f->poller);
  wait_polls (f, 1);
  for (guint i = 0; i < 9; i++)
    ds_demo_step (f->demo);
  ds_poller_poll_now (f->poller);
  wait_polls (f, 1);
  g_assert_cmpuint (count_open (f->inbox, "github", DS_ITEM_KIND_REVIEW), ==, 2);
  g_assert_cmpuint (count_open (f->inbox, "github", DS_ITEM_KIND_ACCESS), ==, 1);
  g_assert_cmpuint (count_open (f->inbox, "github", DS_ITEM_KIND_DEPLOY), ==, 1);
  g_assert_cmpuint (count_open (f->inbox, "github", DS_ITEM_KIND_MENTION), ==, 1);

  /* A review merged, a deploy failed, access asked for, a mention. */
  ds_demo_set_failing (f->demo, "github/search/issues", 200);
  for (guint i = 0; i < 9; i++)
    ds_demo_step (f->demo);
  ds_poller_poll_now (f->poller);
  run_polls (f, 1);
  for (guint i = 0; i < f->errors->len; i++)
    g_test_message ("%s", (char *)f->errors->pdata[i]);
  g_assert_cmpuint (f->errors->len, ==, 1);
  g_assert_true (g_str_has_prefix (f->errors->pdata[0], "github: GitHub"));
  g_assert_nonnull (strstr (f->errors->pdata[0], "/search/issues"));
  g_assert_cmpuint (count_open (f->inbox, "github", DS_ITEM_KIND_ACCESS), ==, 2);
  g_assert_cmpuint (count_open (f->inbox, "github", DS_ITEM_KIND_DEPLOY), ==, 2);
  g_assert_cmpuint (count_open (f->inbox, "github", DS_ITEM_KIND_MENTION), ==, 2);
  g_assert_cmpuint (count_open (f->inbox, "github", DS_ITEM_KIND_REVIEW), ==, 2);

  /* Search answers again: the merged review is done. */
  ds_demo_set_failing (f->demo, NULL, 0);
  g_ptr_array_set_size (f->errors, 0);
  ds_poller_poll_now (f->poller);
  wait_polls (f, 1);
  g_assert_cmpuint (count_open (f->inbox, "github", DS_ITEM_KIND_REVIEW), ==, 1);
}

static guint
channels_read (Fixture *f)
{
  guint n = 0;

  for (guint i = 0; i < f->profile->channels->len; i++)
    {
      DsProfileChannel *c = g_ptr_array_index (f->profile->channels, i);
      g_autofree char *key = g_strconcat ("slack.", c->id, ".last_ts", NULL);
      g_autofree char *cursor = ds_store_get_meta (f->store, key, NULL);

      n += cursor != NULL;
    }
  return n;
}

/* Slack calls of the next poll of every source (no more than history reads:
 * the channels are empty). */
static guint
slack_calls_of_a_poll (Fixture *f)
{
  guint before = ds_demo_get_n_requests (f->demo, "slack");

  ds_poller_poll_now (f->poller);
  wait_polls (f, 1);
  return ds_demo_get_n_requests (f->demo, "slack") - before;
}

/* A profile with many channels: each poll reads twenty, going on where the
 * last one stopped and starting over after the last, so every channel is
 * read; one an event names is read at once, out of turn. */
static void
test_slack_channels_capped_per_poll (Fixture       *f,
                                     gconstpointer  data)
{
  g_autofree char *json = ds_demo_dup_profile_json (f->demo);
  g_autoptr(JsonNode) root = json_from_string (json, NULL);
  JsonArray *channels = json_object_get_array_member (
    json_object_get_object_member (json_node_get_object (root), "slack"), "channels");
  g_autofree char *big = NULL;
  g_autoptr(GError) error = NULL;
  DsProfileChannel *last;
  guint n;

  for (guint i = 0; i < 45; i++)
    {
      JsonObject *c = json_object_new ();
      g_autofree char *id = g_strdup_printf ("C0EXTRA%02u", i);
      g_autofree char *name = g_strdup_printf ("extra-%02u", i);

      json_object_set_string_member (c, "id", id);
      json_object_set_string_member (c, "name", name);
      json_object_set_string_member (c, "role", "support");
      json_array_add_object_element (channels, c);
    }
  big = json_to_string (root, FALSE);
  stop_app (f);
  ds_team_profile_unref (f->profile);
  f->profile = ds_team_profile_new_from_data (big, strlen (big), "many channels", &error);
  g_assert_no_error (error);
  n = f->profile->channels->len;
  g_assert_cmpuint (n, ==, 51);
  last = g_ptr_array_index (f->profile->channels, n - 1);
  start_app (f);

  ds_poller_start (f->poller);
  wait_polls (f, 1);
  /* auth.test, then twenty channels. */
  g_assert_cmpuint (ds_demo_get_n_requests (f->demo, "slack"), ==, 1 + 20);
  g_assert_cmpuint (channels_read (f), ==, 20);
  g_assert_cmpuint (slack_calls_of_a_poll (f), ==, 20);
  g_assert_cmpuint (channels_read (f), ==, 40);

  /* An event names the last channel: read now, alone. */
  ds_slack_source_hint (f->sources->pdata[0], last->id, NULL);
  g_assert_cmpuint (slack_calls_of_a_poll (f), ==, 1);
  g_assert_cmpuint (channels_read (f), ==, 41);

  /* The rest in turn, then from the first again. */
  g_assert_cmpuint (slack_calls_of_a_poll (f), ==, 20);
  g_assert_cmpuint (channels_read (f), ==, n);
  g_assert_cmpuint (slack_calls_of_a_poll (f), ==, 20);
}

static void
test_restart_misses_and_repeats_nothing (Fixture       *f,
                                         gconstpointer  data)
{
  g_autoptr(GPtrArray) stored = NULL;
  g_autoptr(GError) error = NULL;

  ds_poller_start (f->poller);
  wait_polls (f, 1);
  ds_demo_step (f->demo);  /* a support question */
  ds_poller_poll_now (f->poller);
  wait_polls (f, 1);
  g_assert_cmpuint (f->notified, ==, 1);
  stop_app (f);

  /* While Dayshift is away, two more people ask. */
  ds_demo_post_slack (f->demo, "C0DEMOSUP", "U0DEMOSAM", "Is the wiki down?");
  ds_demo_post_slack (f->demo, "C0DEMOOPS", "U0DEMOLEE", "Can I get a staging DB dump?");

  f->notified = 0;
  start_app (f);
  ds_poller_start (f->poller);
  wait_polls (f, 1);

  /* Both new ones, once, notified; the old one not again. */
  g_assert_cmpuint (count_kind (f->inbox, DS_ITEM_KIND_REQUEST), ==, 3);
  g_assert_cmpuint (f->notified, ==, 2);
  stored = ds_store_load_items (f->store, &error);
  g_assert_cmpuint (stored->len, ==, g_list_model_get_n_items (G_LIST_MODEL (f->inbox)));
}

static void
test_offline_then_one_catch_up (Fixture       *f,
                                gconstpointer  data)
{
  guint requests, polls;

  for (guint i = 0; i < f->sources->len; i++)
    ds_source_set_interval (f->sources->pdata[i], 1);
  ds_poller_start (f->poller);
  wait_polls (f, 1);

  ds_poller_set_online (f->poller, FALSE);
  requests = ds_demo_get_n_requests (f->demo, "slack") + ds_demo_get_n_requests (f->demo, "github") +
             ds_demo_get_n_requests (f->demo, "pagerduty");
  polls = total_polls (f);
  for (guint i = 0; i < 3; i++)
    ds_demo_step (f->demo);
  {
    gint64 end = g_get_monotonic_time () + 2500 * 1000;
    while (g_get_monotonic_time () < end)
      g_main_context_iteration (NULL, FALSE);
  }
  /* Offline: not one request. */
  g_assert_cmpuint (ds_demo_get_n_requests (f->demo, "slack") +
                    ds_demo_get_n_requests (f->demo, "github") +
                    ds_demo_get_n_requests (f->demo, "pagerduty"), ==, requests);
  g_assert_cmpuint (total_polls (f), ==, polls);

  /* Back: each source catches up once, and everything comes once. */
  for (guint i = 0; i < f->sources->len; i++)
    ds_source_set_interval (f->sources->pdata[i], 3600);
  ds_poller_set_online (f->poller, TRUE);
  wait_polls (f, 1);
  g_assert_cmpuint (total_polls (f), ==, polls + f->sources->len);
  g_assert_cmpuint (count_kind (f->inbox, DS_ITEM_KIND_REQUEST), ==, 1);
  g_assert_cmpuint (count_kind (f->inbox, DS_ITEM_KIND_DEPLOY), ==, 2);
  g_assert_cmpuint (count_kind (f->inbox, DS_ITEM_KIND_REVIEW), ==, 1);
}

static void
test_unchanged_github_costs_nothing (Fixture       *f,
                                     gconstpointer  data)
{
  guint before_requests, before_304;

  ds_poller_start (f->poller);
  wait_polls (f, 1);
  ds_poller_poll_now (f->poller);
  wait_polls (f, 1);

  before_requests = ds_demo_get_n_requests (f->demo, "github");
  before_304 = ds_demo_get_n_not_modified (f->demo);
  ds_poller_poll_now (f->poller);
  wait_polls (f, 1);
  /* Every GitHub request of an unchanged poll was answered 304. */
  g_assert_cmpuint (ds_demo_get_n_requests (f->demo, "github") - before_requests, >, 0);
  g_assert_cmpuint (ds_demo_get_n_not_modified (f->demo) - before_304, ==,
                    ds_demo_get_n_requests (f->demo, "github") - before_requests);

  /* The demo's GitHub asks for 2 s between polls: a shorter interval is not used. */
  ds_source_set_interval (f->sources->pdata[1], 1);
  g_assert_cmpuint (ds_source_get_interval (f->sources->pdata[1]), ==, 2);
  ds_source_set_interval (f->sources->pdata[1], 120);
  g_assert_cmpuint (ds_source_get_interval (f->sources->pdata[1]), ==, 120);
}

/* A request's thread is kept as the poll read it, with people's names: the
 * detail pane shows it. A later reply replaces it at the next read. */
static void
test_thread_kept (Fixture       *f,
                  gconstpointer  data)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autofree char *ts = ds_demo_post_slack_at (f->demo, "C0DEMOSUP", "U0DEMOSAM",
                                               "Can someone restart the build agent?",
                                               now - 600);
  g_autofree char *id = g_strdup_printf ("slack:C0DEMOSUP/%s", ts);
  g_autofree char *first = ds_demo_reply_slack (f->demo, "C0DEMOSUP", ts, "U0DEMOSAM",
                                                "It is <https://ci.example/agent-3|agent-3>");
  g_autoptr(GPtrArray) replies = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *second = NULL;
  const DsItemReply *reply;

  ds_poller_start (f->poller);
  wait_polls (f, 1);
  g_assert_nonnull (ds_inbox_lookup (f->inbox, id));
  /* The reply is not a request of its own. */
  {
    g_autofree char *reply_id = g_strdup_printf ("slack:C0DEMOSUP/%s", first);

    g_assert_null (ds_inbox_lookup (f->inbox, reply_id));
  }
  replies = ds_store_load_replies (f->store, id, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (replies->len, ==, 1);
  reply = replies->pdata[0];
  g_assert_cmpstr (reply->author, ==, "Sam Ortega");
  g_assert_cmpstr (reply->text, ==, "It is agent-3");
  g_assert_cmpint (reply->at, ==, g_ascii_strtoll (first, NULL, 10));
  /* The inbox's item does not carry the thread. */
  g_assert_null (ds_item_get_replies (ds_inbox_lookup (f->inbox, id)));
  g_clear_pointer (&replies, g_ptr_array_unref);

  second = ds_demo_reply_slack (f->demo, "C0DEMOSUP", ts, "U0DEMOSAM", "Still down.");
  ds_poller_poll_now (f->poller);
  wait_polls (f, 1);
  replies = ds_store_load_replies (f->store, id, NULL, &error);
  g_assert_cmpuint (replies->len, ==, 2);
  g_assert_cmpstr (((DsItemReply *)replies->pdata[1])->text, ==, "Still down.");
}

/* A channel with more messages than one slice takes (a catch-up): every
 * one is taken in, the cursor moves only after the last, and the next poll
 * brings none again. */
static void
test_large_channel_in_slices (Fixture       *f,
                              gconstpointer  data)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  guint before, after_first;

  ds_poller_start (f->poller);
  wait_polls (f, 1);
  before = g_list_model_get_n_items (G_LIST_MODEL (f->inbox));
  for (guint i = 0; i < 1000; i++)
    {
      g_autofree char *text = g_strdup_printf ("Request number %u, can someone look?", i);
      g_free (ds_demo_post_slack_at (f->demo, "C0DEMOSUP", "U0DEMOSAM", text, now - 3000 + i));
    }
  ds_poller_poll_now (f->poller);
  wait_polls (f, 1);
  after_first = g_list_model_get_n_items (G_LIST_MODEL (f->inbox));
  g_assert_cmpuint (after_first - before, ==, 1000);
  g_assert_cmpuint (f->notified, >=, 1000);
  ds_poller_poll_now (f->poller);
  wait_polls (f, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->inbox)), ==, after_first);
}

/* A request a teammate took is followed too, less often than one nobody
 * took, until it is finished: hours later, its ✅ is seen. */
static void
test_taken_followed_to_done (Fixture       *f,
                             gconstpointer  data)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autofree char *taken_ts = ds_demo_post_slack_at (f->demo, "C0DEMOSUP", "U0DEMOSAM",
                                                     "The VPN drops every hour", now - 3 * 3600);
  g_autofree char *open_ts = ds_demo_post_slack_at (f->demo, "C0DEMOSUP", "U0DEMOLEE",
                                                    "Who owns the wiki?", now - 3 * 3600);
  g_autofree char *taken_id = g_strdup_printf ("slack:C0DEMOSUP/%s", taken_ts);
  DsItem *taken;
  guint taken_reads, open_reads;

  /* The channel went on since: its history is read from there. */
  g_free (ds_demo_post_slack_at (f->demo, "C0DEMOSUP", "U0DEMOSAM", "Thanks!", now - 600));
  ds_poller_start (f->poller);
  wait_polls (f, 1);
  taken = ds_inbox_lookup (f->inbox, taken_id);
  g_assert_nonnull (taken);
  /* Three requests and the seeded postmortem item wait for the user. */
  g_assert_cmpuint (ds_inbox_count_waiting (f->inbox, DS_OPEN_STATES), ==, 4);
  ds_demo_react_slack (f->demo, "C0DEMOSUP", taken_ts, "eyes", "U0DEMOBOG");
  poll_slack_later (f, 0);
  g_assert_cmpstr (ds_item_get_claimed_by (taken), ==, "Bogdan Ilić");
  g_assert_cmpint (ds_item_get_state (taken), ==, DS_ITEM_STATE_NEW);
  /* Open, but Bogdan's: the tray's count of what waits for the user leaves it out. */
  g_assert_cmpuint (ds_inbox_count_waiting (f->inbox, DS_OPEN_STATES), ==, 3);

  /* Four hours, a poll every ten minutes: the request nobody took is read
   * at each, the one Bogdan took every twenty minutes. */
  taken_reads = ds_demo_get_n_thread_reads (f->demo, "C0DEMOSUP", taken_ts);
  open_reads = ds_demo_get_n_thread_reads (f->demo, "C0DEMOSUP", open_ts);
  for (guint i = 0; i < 24; i++)
    poll_slack_later (f, 10);
  g_assert_cmpuint (ds_demo_get_n_thread_reads (f->demo, "C0DEMOSUP", open_ts) - open_reads, ==,
                    24);
  g_assert_cmpuint (ds_demo_get_n_thread_reads (f->demo, "C0DEMOSUP", taken_ts) - taken_reads, ==,
                    12);
  g_assert_cmpint (ds_item_get_state (taken), ==, DS_ITEM_STATE_NEW);

  /* Four hours after taking it, Bogdan finishes it: seen within twenty minutes. */
  ds_demo_react_slack (f->demo, "C0DEMOSUP", taken_ts, "white_check_mark", "U0DEMOBOG");
  poll_slack_later (f, 10);
  poll_slack_later (f, 10);
  g_assert_cmpint (ds_item_get_state (taken), ==, DS_ITEM_STATE_DONE);

  /* Done: read no more. */
  taken_reads = ds_demo_get_n_thread_reads (f->demo, "C0DEMOSUP", taken_ts);
  for (guint i = 0; i < 6; i++)
    poll_slack_later (f, 10);
  g_assert_cmpuint (ds_demo_get_n_thread_reads (f->demo, "C0DEMOSUP", taken_ts), ==,
                    taken_reads);
}

/* A request taken and never finished is followed until it is as old as the
 * follow age, and then read no more. */
static void
test_taken_followed_until_age (Fixture       *f,
                               gconstpointer  data)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autofree char *ts = ds_demo_post_slack_at (f->demo, "C0DEMOSUP", "U0DEMOSAM",
                                               "Rotate the staging keys", now - 3 * 3600);
  g_autofree char *id = g_strdup_printf ("slack:C0DEMOSUP/%s", ts);
  guint reads;

  ds_demo_react_slack (f->demo, "C0DEMOSUP", ts, "eyes", "U0DEMOCHI");
  g_free (ds_demo_post_slack_at (f->demo, "C0DEMOSUP", "U0DEMOSAM", "Thanks!", now - 600));
  ds_slack_source_set_follow_age (f->sources->pdata[0], 6 * 3600);
  ds_poller_start (f->poller);
  wait_polls (f, 1);
  g_assert_cmpstr (ds_item_get_claimed_by (ds_inbox_lookup (f->inbox, id)), ==, "Chioma Eze");

  /* Three hours to go: read every twenty minutes. */
  reads = ds_demo_get_n_thread_reads (f->demo, "C0DEMOSUP", ts);
  for (guint i = 0; i < 8; i++)
    poll_slack_later (f, 20);
  g_assert_cmpuint (ds_demo_get_n_thread_reads (f->demo, "C0DEMOSUP", ts) - reads, ==, 8);

  /* Past six hours old: not read again, however long it stays open. */
  poll_slack_later (f, 21);
  reads = ds_demo_get_n_thread_reads (f->demo, "C0DEMOSUP", ts);
  for (guint i = 0; i < 6; i++)
    poll_slack_later (f, 20);
  g_assert_cmpuint (ds_demo_get_n_thread_reads (f->demo, "C0DEMOSUP", ts), ==, reads);
  g_assert_cmpint (ds_item_get_state (ds_inbox_lookup (f->inbox, id)), ==, DS_ITEM_STATE_NEW);
}

/* However many requests are open, a poll follows three: those nobody took
 * first, then the taken ones; every one is read in turn. */
static void
test_follow_budget (Fixture       *f,
                    gconstpointer  data)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  char *ts[8];
  guint reads_before = 0, all_read_after = 0;

  for (guint i = 0; i < G_N_ELEMENTS (ts); i++)
    {
      g_autofree char *text = g_strdup_printf ("Question %u about the build", i);

      ts[i] = ds_demo_post_slack_at (f->demo, "C0DEMOSUP", "U0DEMOSAM", text,
                                     now - 3 * 3600 + i);
      if (i % 2 == 1)
        ds_demo_react_slack (f->demo, "C0DEMOSUP", ts[i], "eyes", "U0DEMOBOG");
    }
  g_free (ds_demo_post_slack_at (f->demo, "C0DEMOSUP", "U0DEMOSAM", "Thanks!", now - 600));
  ds_poller_start (f->poller);
  wait_polls (f, 1);

  for (guint poll = 1; poll <= 6; poll++)
    {
      guint reads = 0, read_ones = 0, open_read = 0;

      poll_slack_later (f, 1);
      for (guint i = 0; i < G_N_ELEMENTS (ts); i++)
        {
          guint n = ds_demo_get_n_thread_reads (f->demo, "C0DEMOSUP", ts[i]);

          reads += n;
          read_ones += n > 0;
          open_read += i % 2 == 0 && n > 0;
        }
      g_assert_cmpuint (reads - reads_before, <=, 3);
      reads_before = reads;
      /* Those nobody took come first. */
      if (poll == 1)
        g_assert_cmpuint (open_read, ==, 3);
      if (read_ones == G_N_ELEMENTS (ts) && all_read_after == 0)
        all_read_after = poll;
    }
  g_assert_cmpuint (all_read_after, ==, 3);
  for (guint i = 0; i < G_N_ELEMENTS (ts); i++)
    g_free (ts[i]);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/ds/poller/thread-kept", test_thread_kept);
  ADD ("/ds/poller/large-channel-in-slices", test_large_channel_in_slices);
  ADD ("/ds/poller/every-kind-once", test_every_kind_once);
  ADD ("/ds/poller/late-claims-seen", test_late_claims_seen);
  ADD ("/ds/poller/follow-age-honoured", test_follow_age_honoured);
  ADD ("/ds/poller/taken-followed-to-done", test_taken_followed_to_done);
  ADD ("/ds/poller/taken-followed-until-age", test_taken_followed_until_age);
  ADD ("/ds/poller/follow-budget", test_follow_budget);
  ADD ("/ds/poller/slack-channel-by-channel", test_slack_channel_by_channel);
  ADD ("/ds/poller/github-listings-stand-alone", test_github_listings_stand_alone);
  ADD ("/ds/poller/slack-channels-capped-per-poll", test_slack_channels_capped_per_poll);
  ADD ("/ds/poller/restart", test_restart_misses_and_repeats_nothing);
  ADD ("/ds/poller/offline", test_offline_then_one_catch_up);
  ADD ("/ds/poller/unchanged-github-is-free", test_unchanged_github_costs_nothing);
#undef ADD

  return g_test_run ();
}
