/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <signal.h>

#include <glib/gstdio.h>

#include "ds-demo-testing.h"
#include "ds-error.h"
#include "ds-secrets.h"
#include "ds-workspace.h"
#include "ds-test-server.h"

/* The team profile file is watched: a valid new version replaces the one in
 * force; a broken one is refused with its message, and the old one stays.
 * A time away (not running, asleep) is caught up and said once read. */

typedef struct
{
  GPtrArray *problems;
  guint      changes;
  guint      tokens;   /* "tokens" signals */
} Seen;

static void
on_problem (DsWorkspace *ws,
            const char  *summary,
            const char  *detail,
            Seen        *seen)
{
  g_ptr_array_add (seen->problems, g_strdup_printf ("%s: %s", summary, detail));
}

static void
on_changed (DsWorkspace *ws,
            Seen        *seen)
{
  seen->changes++;
}

static char *
example_with (const char *from,
              const char *to)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data",
                                                 "team-profile.example.json", NULL);
  g_autofree char *data = NULL;
  const char *at;

  g_assert_true (g_file_get_contents (path, &data, NULL, NULL));
  if (from == NULL)
    return g_steal_pointer (&data);
  at = strstr (data, from);
  g_assert_nonnull (at);
  return g_strdup_printf ("%.*s%s%s", (int)(at - data), data, to, at + strlen (from));
}

static gboolean
spin_until (gboolean (*done) (Seen *),
            Seen      *seen)
{
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!done (seen) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  return done (seen);
}

static gboolean
refused (Seen *seen)
{
  for (guint i = 0; i < seen->problems->len; i++)
    if (strstr (seen->problems->pdata[i], "not loaded") != NULL)
      return TRUE;
  return FALSE;
}

static gboolean
changed_twice (Seen *seen)
{
  return seen->changes >= 2;
}

static void
test_reload (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ds-ws-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "team.json", NULL);
  g_autofree char *good = example_with (NULL, NULL);
  g_autofree char *bad = example_with ("\"role\": \"sre\"", "\"role\": \"ops\"");
  g_autofree char *renamed = example_with ("\"Platform Operations\"", "\"Platform Ops (renamed)\"");
  g_autoptr(DsInbox) inbox = ds_inbox_new ();
  g_autoptr(DsWorkspace) ws = ds_workspace_new (inbox, NULL);
  Seen seen = { g_ptr_array_new_with_free_func (g_free), 0 };

  g_signal_connect (ws, "problem", G_CALLBACK (on_problem), &seen);
  g_signal_connect (ws, "changed", G_CALLBACK (on_changed), &seen);

  g_assert_true (g_file_set_contents (path, good, -1, &error));
  g_assert_true (ds_workspace_load_profile (ws, path, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (ds_workspace_get_profile (ws)->name, ==, "Platform Operations");
  g_assert_cmpuint (seen.changes, ==, 1);

  /* A broken edit: refused, said so, the old profile in force. */
  g_assert_true (g_file_set_contents (path, bad, -1, &error));
  g_assert_true (spin_until (refused, &seen));
  g_assert_cmpstr (ds_workspace_get_profile (ws)->name, ==, "Platform Operations");
  g_assert_cmpuint (seen.changes, ==, 1);
  for (guint i = 0; i < seen.problems->len; i++)
    if (strstr (seen.problems->pdata[i], "not loaded"))
      {
        g_assert_nonnull (strstr (seen.problems->pdata[i], "slack.channels[2].role"));
        g_assert_nonnull (strstr (seen.problems->pdata[i], "previous profile stays in force"));
      }

  /* A good edit: in force. */
  g_assert_true (g_file_set_contents (path, renamed, -1, &error));
  g_assert_true (spin_until (changed_twice, &seen));
  g_assert_cmpstr (ds_workspace_get_profile (ws)->name, ==, "Platform Ops (renamed)");

  /* A file that is not there at all: refused at once. */
  g_assert_false (ds_workspace_load_profile (ws, "/nonexistent/team.json", &error));
  g_assert_nonnull (error);
  g_assert_cmpstr (ds_workspace_get_profile (ws)->name, ==, "Platform Ops (renamed)");

  g_ptr_array_unref (seen.problems);
  g_remove (path);
  g_rmdir (dir);
}

static gboolean
changed_once (Seen *seen)
{
  return seen->changes >= 1;
}

static void
on_stored (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (ds_secrets_store_finish (result, &error));
  g_assert_no_error (error);
  *(gboolean *)user_data = TRUE;
}

/* A profile kept in the team's GitHub repo, read with the saved token. */
static void
on_tokens (Seen *seen)
{
  seen->tokens++;
}

static gboolean
tokens_read (Seen *seen)
{
  return seen->tokens > 0;
}

static void
test_from_github (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DsDemo) demo = ds_demo_new ();
  g_autoptr(DsInbox) inbox = ds_inbox_new ();
  g_autoptr(DsWorkspace) ws = ds_workspace_new (inbox, NULL);
  g_autofree char *base = NULL;
  g_autofree char *github = NULL;
  Seen seen = { g_ptr_array_new_with_free_func (g_free), 0 };
  gboolean stored = FALSE;

  g_assert_true (ds_demo_start (demo, &error));
  base = ds_demo_dup_base_url (demo);
  github = g_strconcat (base, "/github", NULL);
  g_signal_connect (ws, "problem", G_CALLBACK (on_problem), &seen);
  g_signal_connect (ws, "changed", G_CALLBACK (on_changed), &seen);
  ds_workspace_set_github_url (ws, github);

  /* No token saved yet: said so, nothing loaded. */
  g_assert_true (ds_workspace_load_profile (ws, "demo-co/ops:dayshift-team.json", &error));
  g_assert_true (spin_until (refused, &seen));
  g_assert_nonnull (strstr (seen.problems->pdata[0], "no GitHub token is saved"));
  g_assert_null (ds_workspace_get_profile (ws));

  /* Saved for another port on the same host: not sent there. */
  {
    g_autofree char *other = g_strdup_printf ("http://127.0.0.1:%d", 1);
    gboolean stored_other = FALSE;

    ds_secrets_store_async (DS_SECRET_GITHUB, other, DS_DEMO_TOKEN, 0, NULL, on_stored,
                            &stored_other);
    while (!stored_other)
      g_main_context_iteration (NULL, TRUE);
    g_ptr_array_set_size (seen.problems, 0);
    g_assert_true (ds_workspace_load_profile (ws, "demo-co/ops:dayshift-team.json", &error));
    g_assert_true (spin_until (refused, &seen));
    g_assert_nonnull (strstr (seen.problems->pdata[0], "no GitHub token is saved"));
  }
  ds_secrets_store_async (DS_SECRET_GITHUB, ds_secrets_origin_key (DS_SECRET_GITHUB, github),
                          DS_DEMO_TOKEN, 0, NULL, on_stored, &stored);
  while (!stored)
    g_main_context_iteration (NULL, TRUE);

  /* Saved in Settings: the workspace reads the profile again, no restart. */
  g_signal_connect_swapped (ws, "tokens", G_CALLBACK (on_tokens), &seen);
  ds_workspace_reload_tokens (ws);
  g_assert_true (spin_until (changed_once, &seen));
  g_assert_cmpstr (ds_workspace_get_profile (ws)->name, ==, "Demo Co Operations (demo workspace)");
  /* The profile names Slack and PagerDuty too, and no token is saved for them. */
  g_assert_true (spin_until (tokens_read, &seen));
  g_assert_cmpuint (ds_workspace_get_missing_tokens (ws), ==,
                    (1u << DS_SERVICE_SLACK) | (1u << DS_SERVICE_PAGERDUTY) |
                    (ds_team_profile_get_url (ds_workspace_get_profile (ws), DS_SERVICE_ZENHUB)
                     != NULL ? 1u << DS_SERVICE_ZENHUB : 0));
  g_assert_cmpuint (ds_workspace_get_profile (ws)->channels->len, ==, 6);

  /* A file that is not there: a clear error, the profile in force stays. */
  g_ptr_array_set_size (seen.problems, 0);
  g_assert_true (ds_workspace_load_profile (ws, "demo-co/ops:nope.json", &error));
  g_assert_true (spin_until (refused, &seen));
  g_assert_nonnull (strstr (seen.problems->pdata[0], "HTTP 404"));
  g_assert_cmpstr (ds_workspace_get_profile (ws)->name, ==, "Demo Co Operations (demo workspace)");

  /* A profile that names no GitHub address: GitHub is read at the
   * github-host setting's, with the token saved for it there, as Settings
   * and Sign in with GitHub save it. */
  {
    g_autoptr(DsWorkspace) plain = ds_workspace_new (inbox, NULL);
    g_autoptr(JsonNode) root = NULL;
    g_autofree char *demo_json = ds_demo_dup_profile_json (demo);
    g_autofree char *json = NULL, *path = NULL;
    Seen plain_seen = { g_ptr_array_new_with_free_func (g_free), 0 };
    int fd;

    root = json_from_string (demo_json, &error);
    g_assert_no_error (error);
    json_object_remove_member (json_object_get_object_member (json_node_get_object (root),
                                                              "github"), "api_url");
    json = json_to_string (root, FALSE);
    fd = g_file_open_tmp ("dayshift-team-XXXXXX.json", &path, &error);
    g_assert_no_error (error);
    close (fd);
    g_assert_true (g_file_set_contents (path, json, -1, &error));
    g_signal_connect (plain, "problem", G_CALLBACK (on_problem), &plain_seen);
    g_signal_connect_swapped (plain, "tokens", G_CALLBACK (on_tokens), &plain_seen);
    ds_workspace_set_github_url (plain, github);
    g_assert_true (ds_workspace_load_profile (plain, path, &error));
    g_assert_no_error (error);
    g_assert_null (ds_team_profile_get_url (ds_workspace_get_profile (plain),
                                            DS_SERVICE_GITHUB));
    g_assert_true (spin_until (tokens_read, &plain_seen));
    g_assert_false (ds_workspace_get_missing_tokens (plain) & (1u << DS_SERVICE_GITHUB));
    g_unlink (path);
    g_ptr_array_unref (plain_seen.problems);
  }

  g_ptr_array_unref (seen.problems);
}

static gboolean
realtime (DsWorkspace *ws)
{
  return ds_workspace_get_realtime (ws);
}

static void
spin_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;
  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

/* The demo world, started as the application starts it. */
static DsDemo *
start_demo_world (DsWorkspace *ws)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DsTeamProfile) profile = NULL;
  g_autofree char *json = NULL;
  DsDemo *demo = ds_demo_new ();

  g_assert_true (ds_demo_start (demo, &error));
  json = ds_demo_dup_profile_json (demo);
  profile = ds_team_profile_new_from_data (json, strlen (json), "demo", &error);
  g_assert_no_error (error);
  g_assert_true (ds_workspace_start_demo (ws, profile, DS_DEMO_TOKEN, &error));
  g_assert_no_error (error);
  return demo;
}

/* Posts a request in the demo's support channel and waits (10 s at most)
 * for it in the inbox; returns how long it took, in µs. */
static gint64
post_and_wait (DsDemo     *demo,
               DsInbox    *inbox,
               const char *text)
{
  guint before = ds_inbox_count (inbox, DS_ALL_STATES, DS_KIND_BIT (DS_ITEM_KIND_REQUEST));
  gint64 posted = g_get_monotonic_time ();
  gint64 end = posted + 10 * G_USEC_PER_SEC;

  ds_demo_post_slack (demo, "C0DEMOSUP", "U0DEMOSAM", text);
  while (ds_inbox_count (inbox, DS_ALL_STATES, DS_KIND_BIT (DS_ITEM_KIND_REQUEST)) == before &&
         g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (ds_inbox_count (inbox, DS_ALL_STATES, DS_KIND_BIT (DS_ITEM_KIND_REQUEST)), ==,
                    before + 1);
  return g_get_monotonic_time () - posted;
}

/* With Socket Mode, a new Slack message arrives at once, not at the next poll. */
static void
test_demo_realtime (void)
{
  g_autoptr(DsInbox) inbox = ds_inbox_new ();
  g_autoptr(DsWorkspace) ws = ds_workspace_new (inbox, NULL);
  g_autoptr(DsDemo) demo = start_demo_world (ws);
  gint64 end, posted, took;

  end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (!realtime (ws) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (realtime (ws));
  /* Let the first polls finish. */
  spin_for (1500);

  /* Someone asks; the demo's Socket Mode server tells of it at once, well
   * before the next regular poll (every 3 s in the demo). */
  took = post_and_wait (demo, inbox, "Could someone look at the flaky login page?");
  g_test_message ("arrived after %" G_GINT64_FORMAT " ms", took / 1000);
  g_assert_cmpint (took, <, 1500 * 1000);

  /* A teammate takes it: the reaction event names the message (in
   * event.item), and that message alone is read again. With Socket Mode up
   * Slack is polled only every ten minutes: only the event can do this. */
  {
    DsItem *item = NULL;
    guint n = g_list_model_get_n_items (G_LIST_MODEL (inbox));

    for (guint i = 0; i < n && item == NULL; i++)
      {
        g_autoptr(DsItem) it = g_list_model_get_item (G_LIST_MODEL (inbox), i);
        if (g_strcmp0 (ds_item_get_title (it), "Could someone look at the flaky login page?") == 0)
          item = it;
      }
    g_assert_nonnull (item);
    g_assert_null (ds_item_get_claimed_by (item));
    posted = g_get_monotonic_time ();
    ds_demo_react_slack (demo, "C0DEMOSUP",
                         strchr (ds_item_get_remote_id (item), '/') + 1, "eyes", "U0DEMOBOG");
    end = posted + 10 * G_USEC_PER_SEC;
    while (ds_item_get_claimed_by (item) == NULL && g_get_monotonic_time () < end)
      g_main_context_iteration (NULL, TRUE);
    g_assert_cmpstr (ds_item_get_claimed_by (item), ==, "Bogdan Ilić");
    g_assert_cmpint (g_get_monotonic_time () - posted, <, 1500 * 1000);
  }

  /* Socket Mode off: polling is the watch again at once, not after the
   * ten-minute read planned while events came (every 3 s in the demo). */
  ds_workspace_set_realtime_wanted (ws, FALSE);
  g_assert_false (realtime (ws));
  took = post_and_wait (demo, inbox, "Is the staging VPN down again?");
  g_test_message ("polled after %" G_GINT64_FORMAT " ms", took / 1000);
  g_assert_cmpint (took, <, 5 * G_USEC_PER_SEC);
}

typedef struct
{
  char    *id;
  guint    taken;      /* new-item signals for it */
  gboolean notified;   /* one of them said to notify */
} Told;

static void
on_new_item_told (DsWorkspace *ws,
                  DsItem      *item,
                  gboolean     notify,
                  Told        *told)
{
  if (g_strcmp0 (ds_item_get_id (item), told->id) != 0)
    return;
  told->taken++;
  told->notified |= notify;
}

static gboolean
wait_for (gboolean (*done) (gpointer),
          gpointer   data,
          guint      ms)
{
  gint64 end = g_get_monotonic_time () + (gint64)ms * 1000;

  while (!done (data) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  return done (data);
}

typedef struct
{
  DsInbox    *inbox;
  const char *id;
  const char *title;    /* wanted, or NULL: any */
  const char *claimer;  /* wanted, or NULL: any */
} Want;

static gboolean
has_item (gpointer data)
{
  Want *w = data;
  DsItem *item = ds_inbox_lookup (w->inbox, w->id);

  return item != NULL && (w->title == NULL || g_strcmp0 (ds_item_get_title (item), w->title) == 0) &&
         (w->claimer == NULL || g_strcmp0 (ds_item_get_claimed_by (item), w->claimer) == 0);
}

static guint slack_polls;

static void
on_slack_polled (DsPoller *poller,
                 DsSource *source,
                 GError   *error,
                 gpointer  user_data)
{
  if (ds_source_get_service (source) == DS_SERVICE_SLACK)
    slack_polls++;
}

static gboolean
slack_polled (gpointer data)
{
  return slack_polls >= GPOINTER_TO_UINT (data);
}

static void
on_polled_error (DsPoller *poller,
                 DsSource *source,
                 GError   *error,
                 GError  **last)
{
  if (ds_source_get_service (source) != DS_SERVICE_SLACK)
    return;
  g_clear_error (last);
  if (error != NULL)
    *last = g_error_copy (error);
}

/* A message a Socket Mode event carries is in the inbox at once, made by
 * the classifier as a read makes it, and notified once: a read of its
 * channel follows and takes nothing in twice; an edit changes it at once;
 * a teammate's reply claims it when the thread is read; a deletion leaves
 * it as a read would. With Slack refusing every read of messages (the
 * app's budget spent), a message still arrives at once, and the next read
 * names its author. */
static void
test_demo_events_taken (void)
{
  g_autoptr(DsInbox) inbox = ds_inbox_new ();
  g_autoptr(DsWorkspace) ws = ds_workspace_new (inbox, NULL);
  g_autoptr(DsDemo) demo = start_demo_world (ws);
  g_autoptr(GError) last = NULL;
  g_autofree char *ts = NULL;
  g_autofree char *id = NULL;
  g_autofree char *ts2 = NULL;
  g_autofree char *id2 = NULL;
  Told told = { 0 };
  Want want = { inbox };
  gint64 end;
  guint asked;
  DsItem *item;

  end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (!realtime (ws) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (realtime (ws));
  spin_for (1500);
  g_signal_connect (ws, "new-item", G_CALLBACK (on_new_item_told), &told);
  g_signal_connect (ds_workspace_get_poller (ws), "polled", G_CALLBACK (on_slack_polled), NULL);
  g_signal_connect (ds_workspace_get_poller (ws), "polled", G_CALLBACK (on_polled_error), &last);

  slack_polls = 0;
  ts = ds_demo_post_slack_at (demo, "C0DEMOSUP", "U0DEMOSAM",
                              "Could someone unlock the billing dashboard?",
                              g_get_real_time () / G_USEC_PER_SEC);
  id = g_strdup_printf ("slack:C0DEMOSUP/%s", ts);
  told.id = id;
  want.id = id;
  g_assert_true (wait_for (has_item, &want, 1500));
  item = ds_inbox_lookup (inbox, id);
  g_assert_cmpstr (ds_item_get_title (item), ==, "Could someone unlock the billing dashboard?");
  g_assert_cmpstr (ds_item_get_requester (item), ==, "Sam Ortega");
  g_assert_cmpstr (ds_item_get_channel (item), ==, "#ops-support");
  g_assert_cmpint (ds_item_get_kind (item), ==, DS_ITEM_KIND_REQUEST);
  g_assert_cmpuint (told.taken, ==, 1);
  g_assert_true (told.notified);
  /* The read that follows finds the same message. */
  g_assert_true (wait_for (slack_polled, GUINT_TO_POINTER (1), 5000));
  g_assert_true (ds_inbox_lookup (inbox, id) == item);
  g_assert_cmpuint (told.taken, ==, 1);

  /* Edited: the item says it at once. */
  ds_demo_edit_slack (demo, "C0DEMOSUP", ts, "Could someone unlock the billing dashboard for Acme?");
  want.title = "Could someone unlock the billing dashboard for Acme?";
  g_assert_true (wait_for (has_item, &want, 1500));

  /* A teammate answers in the thread: it is read, and claims the request. */
  g_free (ds_demo_reply_slack (demo, "C0DEMOSUP", ts, "U0DEMOBOG", "On it."));
  want.claimer = "Bogdan Ilić";
  g_assert_true (wait_for (has_item, &want, 1500));

  /* Deleted: a read would find nothing to take, and changes nothing. */
  ds_demo_delete_slack (demo, "C0DEMOSUP", ts);
  slack_polls = 0;
  ds_workspace_check_now (ws);
  g_assert_true (wait_for (slack_polled, GUINT_TO_POINTER (1), 5000));
  g_assert_true (wait_for (has_item, &want, 10));
  g_assert_cmpuint (told.taken, ==, 1);

  /* One read of messages every five seconds for the app: a read of every
   * channel is refused after the first, and Slack is left alone until it
   * allows more. */
  ds_demo_set_slack_limit (demo, 1, 5);
  slack_polls = 0;
  ds_workspace_check_now (ws);
  g_assert_true (wait_for (slack_polled, GUINT_TO_POINTER (1), 5000));
  g_assert_error (last, DS_ERROR, DS_ERROR_RATE_LIMITED);
  asked = ds_demo_get_n_requests (demo, "slack");
  /* Someone Dayshift cannot ask Slack about meanwhile asks: the request is
   * in the inbox at once all the same, under the id Slack gives its author. */
  ts2 = ds_demo_post_slack_at (demo, "C0DEMOOPS", "U0DEMOTOM", "Can someone restart the runner?",
                               g_get_real_time () / G_USEC_PER_SEC);
  id2 = g_strdup_printf ("slack:C0DEMOOPS/%s", ts2);
  want = (Want){ inbox, id2, "Can someone restart the runner?", NULL };
  g_assert_true (wait_for (has_item, &want, 1500));
  g_assert_cmpstr (ds_item_get_requester (ds_inbox_lookup (inbox, id2)), ==, "U0DEMOTOM");
  g_assert_cmpuint (ds_demo_get_n_requests (demo, "slack"), ==, asked);
  /* Once Slack allows it, a read names its author. */
  spin_for (5500);
  ds_workspace_check_now (ws);
  end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (g_strcmp0 (ds_item_get_requester (ds_inbox_lookup (inbox, id2)), "Tomás Ruiz") != 0 &&
         g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpstr (ds_item_get_requester (ds_inbox_lookup (inbox, id2)), ==, "Tomás Ruiz");
}

/* Off rotation without Socket Mode, Slack is read every five minutes, not
 * at slack-poll-interval (every 3 s in the demo); on rotation again, at
 * once at that interval. */
static void
test_demo_off_rotation (void)
{
  g_autoptr(DsInbox) inbox = ds_inbox_new ();
  g_autoptr(DsWorkspace) ws = ds_workspace_new (inbox, NULL);
  g_autoptr(DsDemo) demo = NULL;
  guint asked;

  g_assert_cmpuint (ds_workspace_slack_interval (30, FALSE, TRUE), ==, 30);
  g_assert_cmpuint (ds_workspace_slack_interval (30, FALSE, FALSE), ==, 300);
  g_assert_cmpuint (ds_workspace_slack_interval (900, FALSE, FALSE), ==, 900);
  g_assert_cmpuint (ds_workspace_slack_interval (30, TRUE, TRUE), ==, 600);
  g_assert_cmpuint (ds_workspace_slack_interval (30, TRUE, FALSE), ==, 600);

  ds_workspace_set_realtime_wanted (ws, FALSE);
  demo = start_demo_world (ws);
  g_signal_connect (ds_workspace_get_poller (ws), "polled", G_CALLBACK (on_slack_polled), NULL);
  slack_polls = 0;
  g_assert_true (wait_for (slack_polled, GUINT_TO_POINTER (2), 10000));

  /* The read already planned still comes; then none for five minutes. */
  ds_workspace_set_on_rotation (ws, FALSE);
  slack_polls = 0;
  wait_for (slack_polled, GUINT_TO_POINTER (1), 4000);
  spin_for (300);
  asked = ds_demo_get_n_requests (demo, "slack");
  spin_for (4000);
  g_assert_cmpuint (ds_demo_get_n_requests (demo, "slack"), ==, asked);

  ds_workspace_set_on_rotation (ws, TRUE);
  slack_polls = 0;
  g_assert_true (wait_for (slack_polled, GUINT_TO_POINTER (1), 4000));
  g_assert_cmpuint (ds_demo_get_n_requests (demo, "slack"), >, asked);
}

static guint
count_problems (Seen       *seen,
                const char *words)
{
  guint n = 0;

  for (guint i = 0; i < seen->problems->len; i++)
    if (strstr (seen->problems->pdata[i], words) != NULL)
      n++;
  return n;
}

/* Polls every source @rounds times, each round to its end: a poll under
 * way when a round starts (Check now's, or the demo's own) is followed by
 * the round's, and the round waits for both, however slow the machine. */
static void
poll_rounds (DsWorkspace *ws,
             guint        rounds)
{
  DsPoller *poller = ds_workspace_get_poller (ws);

  for (guint r = 0; r < rounds; r++)
    {
      ds_poller_poll_now (poller);
      while (ds_poller_get_busy (poller))
        g_main_context_iteration (NULL, TRUE);
    }
}

/* A service that keeps failing is told about once, not at every poll, nor
 * at every failure of a service that flaps; another kind of trouble is. */
static void
test_failure_told_once (void)
{
  g_autoptr(DsInbox) inbox = ds_inbox_new ();
  g_autoptr(DsWorkspace) ws = ds_workspace_new (inbox, NULL);
  Seen seen = { g_ptr_array_new_with_free_func (g_free), 0 };
  g_autoptr(DsDemo) demo = NULL;

  g_signal_connect (ws, "problem", G_CALLBACK (on_problem), &seen);
  demo = start_demo_world (ws);
  poll_rounds (ws, 1);
  g_assert_cmpuint (count_problems (&seen, "could not read"), ==, 0);

  ds_demo_set_failing (demo, "pagerduty", 503);
  poll_rounds (ws, 4);
  g_assert_cmpuint (count_problems (&seen, "PagerDuty had a problem"), ==, 1);

  /* Flapping: back for a moment, then failing again, three times over. */
  for (guint i = 0; i < 3; i++)
    {
      ds_demo_set_failing (demo, NULL, 0);
      poll_rounds (ws, 1);
      ds_demo_set_failing (demo, "pagerduty", 503);
      poll_rounds (ws, 2);
    }
  g_assert_cmpuint (count_problems (&seen, "PagerDuty had a problem"), ==, 1);

  /* The token rejected now: another trouble, told. */
  ds_demo_set_failing (demo, "pagerduty", 401);
  poll_rounds (ws, 2);
  g_assert_cmpuint (count_problems (&seen, "PagerDuty rejected the token"), ==, 1);
  g_ptr_array_unref (seen.problems);
}

static void
on_waiting (DsWorkspace *ws,
            const char  *service,
            gint64       until,
            GPtrArray   *waits)
{
  g_ptr_array_add (waits, g_strdup_printf ("%s %" G_GINT64_FORMAT, service, until));
}

/* Slack asks to wait eleven days (Retry-After: 999999): Dayshift waits an
 * hour at most, and Check now, which cannot read Slack sooner, says until
 * when instead of doing nothing without a word. */
static void
test_check_now_says_the_wait (void)
{
  g_autoptr(DsInbox) inbox = ds_inbox_new ();
  g_autoptr(DsWorkspace) ws = ds_workspace_new (inbox, NULL);
  g_autoptr(GPtrArray) waits = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(DsDemo) demo = start_demo_world (ws);
  g_autofree char *said = NULL;
  gint64 now, until;

  /* Slack polled, not told of events: each round reads it, however soon
   * the demo's Socket Mode would have come up. */
  ds_workspace_set_realtime_wanted (ws, FALSE);
  g_signal_connect (ws, "waiting", G_CALLBACK (on_waiting), waits);
  poll_rounds (ws, 1);
  ds_workspace_check_now (ws);
  g_assert_cmpuint (waits->len, ==, 0);

  /* One read of messages in eleven days: the next is refused with a 429. */
  ds_demo_set_slack_limit (demo, 1, 999999);
  poll_rounds (ws, 1);
  g_assert_cmpuint (ds_demo_get_n_limited (demo), ==, 1);
  now = g_get_real_time () / G_USEC_PER_SEC;
  until = ds_workspace_get_waiting_until (ws, DS_SERVICE_SLACK);
  g_assert_cmpint (until, >, now + 3500);
  g_assert_cmpint (until, <=, now + 3600);
  g_assert_cmpint (ds_workspace_get_waiting_until (ws, DS_SERVICE_GITHUB), ==, 0);

  ds_workspace_check_now (ws);
  said = g_strdup_printf ("slack %" G_GINT64_FORMAT, until);
  g_assert_cmpuint (waits->len, ==, 1);
  g_assert_cmpstr (waits->pdata[0], ==, said);
  poll_rounds (ws, 1);
  g_assert_cmpuint (ds_demo_get_n_limited (demo), ==, 1);
}

/* A loopback GitHub that keeps what it was asked: each listing empty, with
 * an ETag (304 when asked with it), and a 429 with Retry-After on demand. */
typedef struct
{
  char     *path;
  char     *auth;
  gboolean  conditional;
  guint     status;
  gint64    at;      /* Unix seconds */
} Asked;

static void
asked_free (Asked *a)
{
  g_free (a->path);
  g_free (a->auth);
  g_free (a);
}

typedef struct
{
  GPtrArray *asked;
  guint      retry_after;  /* the next request gets a 429 saying so; 0: none */
} Github;

static void
on_github (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  Github *gh = user_data;
  SoupMessageHeaders *in = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *out = soup_server_message_get_response_headers (msg);
  const char *inm = soup_message_headers_get_one (in, "If-None-Match");
  g_autofree char *etag = g_strdup_printf ("\"%08x\"", g_str_hash (path));
  Asked *a = g_new0 (Asked, 1);
  const char *body = "[]";

  a->path = g_strdup (path);
  a->auth = g_strdup (soup_message_headers_get_one (in, "Authorization"));
  a->conditional = inm != NULL;
  a->at = g_get_real_time () / G_USEC_PER_SEC;
  g_ptr_array_add (gh->asked, a);
  if (gh->retry_after > 0)
    {
      g_autofree char *after = g_strdup_printf ("%u", gh->retry_after);

      gh->retry_after = 0;
      soup_message_headers_replace (out, "Retry-After", after);
      a->status = 429;
      soup_server_message_set_status (msg, a->status, NULL);
      return;
    }
  soup_message_headers_replace (out, "ETag", etag);
  if (g_strcmp0 (inm, etag) == 0)
    {
      a->status = 304;
      soup_server_message_set_status (msg, a->status, NULL);
      return;
    }
  if (g_str_equal (path, "/user"))
    body = "{\"login\": \"octocat\", \"id\": 1}";
  else if (g_str_equal (path, "/search/issues"))
    body = "{\"total_count\": 0, \"incomplete_results\": false, \"items\": []}";
  else if (g_str_has_suffix (path, "/actions/runs"))
    body = "{\"total_count\": 0, \"workflow_runs\": []}";
  a->status = 200;
  soup_server_message_set_status (msg, a->status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, body,
                                    strlen (body));
}

static void
on_cleared (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (ds_secrets_clear_finish (result, &error));
  g_assert_no_error (error);
  *(gboolean *)user_data = TRUE;
}

static void
store_token (const char *url,
             const char *token)
{
  gboolean stored = FALSE;

  ds_secrets_store_async ("github", ds_secrets_origin_key ("github", url), token, 0, NULL,
                          on_stored, &stored);
  while (!stored)
    g_main_context_iteration (NULL, TRUE);
}

/* Waits (@seconds at most) for GitHub to be asked for @path (any path:
 * %NULL) after its first @from requests. */
static gboolean
wait_asked (Github     *gh,
            guint       from,
            const char *path,
            guint       seconds)
{
  gint64 end = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;

  for (;;)
    {
      for (guint i = from; i < gh->asked->len; i++)
        if (path == NULL || g_str_equal (((Asked *)gh->asked->pdata[i])->path, path))
          {
            /* Its answer read, and the poll over. */
            spin_for (200);
            return TRUE;
          }
      if (g_get_monotonic_time () >= end)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
    }
}

/* Whether every request from @from on was asked with the ETag and answered
 * 304, carrying @token; how many there were in @n. */
static gboolean
all_conditional (Github     *gh,
                 guint       from,
                 const char *token,
                 guint      *n)
{
  *n = gh->asked->len - from;
  for (guint i = from; i < gh->asked->len; i++)
    {
      Asked *a = gh->asked->pdata[i];

      if (!a->conditional || a->status != 304 || strstr (a->auth, token) == NULL)
        {
          g_test_message ("%s: %s, %u, %s", a->path, a->conditional ? "conditional" : "plain",
                          a->status, a->auth);
          return FALSE;
        }
    }
  return TRUE;
}

/* Settings change while Dayshift runs: a new poll interval and a new token
 * apply to what runs. GitHub is then asked with the ETags it gave (304s,
 * which cost no rate limit), a Retry-After it sent is waited out, and a
 * new token is sent at once, the listings still conditional; a token taken
 * away stops the reads. */
static void
test_settings_keep_what_was_read (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DsInbox) inbox = ds_inbox_new ();
  g_autoptr(DsWorkspace) ws = ds_workspace_new (inbox, NULL);
  g_autofree char *dir = g_dir_make_tmp ("ds-ws-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "team.json", NULL);
  g_autofree char *api = NULL;
  g_autofree char *json = NULL;
  Github gh = { g_ptr_array_new_with_free_func ((GDestroyNotify)asked_free), 0 };
  Seen seen = { g_ptr_array_new_with_free_func (g_free), 0 };
  DsTestServer ts = { 0 };
  guint mark, n;
  gint64 until;

  ds_test_server_start (&ts, on_github, &gh);
  api = g_strdup_printf ("\"api_url\": \"%s\"", ts.base);
  json = example_with ("\"api_url\": \"https://api.github.com\"", api);
  g_assert_true (g_file_set_contents (path, json, -1, &error));
  store_token (ts.base, "token-one");
  g_signal_connect_swapped (ws, "tokens", G_CALLBACK (on_tokens), &seen);
  ds_workspace_set_interval (ws, DS_SERVICE_GITHUB, 600);
  g_assert_true (ds_workspace_load_profile (ws, path, &error));
  g_assert_no_error (error);
  g_assert_true (spin_until (tokens_read, &seen));
  /* The first read: every listing, none asked conditionally yet. */
  g_assert_true (wait_asked (&gh, 0, "/notifications", 10));
  g_assert_cmpuint (gh.asked->len, >, 3);
  g_assert_false (((Asked *)gh.asked->pdata[0])->conditional);

  /* The interval shortened: read within it, every listing answered 304. */
  mark = gh.asked->len;
  ds_workspace_set_interval (ws, DS_SERVICE_GITHUB, 1);
  g_assert_true (wait_asked (&gh, mark, "/notifications", 5));
  g_assert_true (all_conditional (&gh, mark, "token-one", &n));
  g_assert_cmpuint (n, >, 3);

  /* GitHub asks to wait three seconds; the interval changes meanwhile: no
   * request before the wait ends, and then the ETags are still there. */
  gh.retry_after = 3;
  g_assert_true (wait_asked (&gh, gh.asked->len, NULL, 5));
  g_assert_cmpuint (((Asked *)gh.asked->pdata[gh.asked->len - 1])->status, ==, 429);
  until = ds_workspace_get_waiting_until (ws, DS_SERVICE_GITHUB);
  g_assert_cmpint (until, >, 0);
  mark = gh.asked->len;
  ds_workspace_set_interval (ws, DS_SERVICE_GITHUB, 2);
  g_assert_true (wait_asked (&gh, mark, "/notifications", 8));
  g_assert_cmpint (((Asked *)gh.asked->pdata[mark])->at, >=, until);
  g_assert_true (all_conditional (&gh, mark, "token-one", &n));

  /* A new token saved: sent at once (GitHub asked again who it belongs
   * to), and what was read before is still asked conditionally. */
  ds_workspace_set_interval (ws, DS_SERVICE_GITHUB, 600);
  g_assert_true (wait_asked (&gh, gh.asked->len, "/notifications", 5));
  store_token (ts.base, "token-two");
  mark = gh.asked->len;
  seen.tokens = 0;
  ds_workspace_reload_tokens (ws);
  g_assert_true (spin_until (tokens_read, &seen));
  g_assert_true (wait_asked (&gh, mark, "/notifications", 5));
  g_assert_cmpstr (((Asked *)gh.asked->pdata[mark])->path, ==, "/user");
  g_assert_true (all_conditional (&gh, mark, "token-two", &n));
  g_assert_cmpuint (n, >, 3);

  /* The token taken out of the keyring: GitHub is said to need one, and
   * asked nothing more, however short the interval. */
  ds_workspace_set_interval (ws, DS_SERVICE_GITHUB, 1);
  {
    gboolean cleared = FALSE;

    ds_secrets_clear_async ("github", ds_secrets_origin_key ("github", ts.base), 0, NULL,
                            on_cleared, &cleared);
    while (!cleared)
      g_main_context_iteration (NULL, TRUE);
  }
  seen.tokens = 0;
  ds_workspace_reload_tokens (ws);
  g_assert_true (spin_until (tokens_read, &seen));
  g_assert_cmpuint (ds_workspace_get_missing_tokens (ws) & (1u << DS_SERVICE_GITHUB), !=, 0);
  spin_for (200);
  mark = gh.asked->len;
  g_assert_false (wait_asked (&gh, mark, NULL, 3));

  g_ptr_array_unref (seen.problems);
  g_clear_object (&ws);
  ds_test_server_stop (&ts);
  g_ptr_array_unref (gh.asked);
  g_remove (path);
  g_rmdir (dir);
}

typedef struct
{
  GPtrArray *said;   /* "time-away SINCE" and "caught-up SINCE", as the workspace says them */
  DsInbox   *inbox;
  char      *wanted; /* an item the inbox holds at "caught-up" */
  gboolean   held;
} Away;

static void
on_time_away (DsWorkspace *ws,
              gint64       since,
              gint64       until,
              Away        *away)
{
  g_assert_cmpint (until, >=, since);
  g_ptr_array_add (away->said, g_strdup_printf ("time-away %" G_GINT64_FORMAT, since));
}

static void
on_caught_up (DsWorkspace *ws,
              gint64       since,
              gint64       until,
              Away        *away)
{
  g_ptr_array_add (away->said, g_strdup_printf ("caught-up %" G_GINT64_FORMAT, since));
  away->held = away->wanted != NULL && ds_inbox_lookup (away->inbox, away->wanted) != NULL;
}

static char *
away_said (Away *away)
{
  g_autofree char *joined = NULL;

  g_ptr_array_add (away->said, NULL);
  joined = g_strjoinv (", ", (char **)away->said->pdata);
  g_ptr_array_set_size (away->said, 0);
  return g_steal_pointer (&joined);
}

static void
spin_until_said (Away  *away,
                 guint  n)
{
  gint64 end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (away->said->len < n && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
}

/* Dayshift keeps when it last read; started again an hour later, that hour
 * is a time away, caught up once every source was read, with what came in
 * meanwhile in the inbox by then. Waking from a sleep is one too, and a
 * short one is none. */
static void
test_time_away (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ds-away-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "dayshift.db", NULL);
  g_autoptr(DsStore) store = NULL;
  g_autoptr(DsInbox) inbox = ds_inbox_new ();
  g_autoptr(DsWorkspace) ws = NULL;
  g_autoptr(DsDemo) demo = NULL;
  g_autoptr(GError) error = NULL;
  Away away = { g_ptr_array_new_with_free_func (g_free), inbox, NULL, FALSE };
  g_autofree char *kept = NULL;
  g_autofree char *said = NULL;
  g_autofree char *ts = NULL;
  g_autofree char *hour_ago = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC, since = 0, until = 0;
  guint slack_calls;

  /* The first run ever: no time away; when it read is kept. */
  store = ds_store_open (path, &error);
  g_assert_no_error (error);
  ws = ds_workspace_new (inbox, store);
  g_signal_connect (ws, "time-away", G_CALLBACK (on_time_away), &away);
  g_signal_connect (ws, "caught-up", G_CALLBACK (on_caught_up), &away);
  g_assert_false (ds_workspace_get_time_away (ws, &since, &until));
  demo = start_demo_world (ws);
  {
    gint64 end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

    while (kept == NULL && g_get_monotonic_time () < end)
      {
        g_main_context_iteration (NULL, TRUE);
        kept = ds_store_get_meta (store, "last-read", NULL);
      }
  }
  g_assert_nonnull (kept);
  g_assert_cmpint (g_ascii_strtoll (kept, NULL, 10), >=, now);
  g_clear_object (&ws);

  /* Stopped for an hour; someone asked half an hour ago. */
  hour_ago = g_strdup_printf ("%" G_GINT64_FORMAT, now - 3600);
  g_assert_true (ds_store_set_meta (store, "last-read", hour_ago, &error));
  ts = ds_demo_post_slack_at (demo, "C0DEMOSUP", "U0DEMOSAM", "Is the VPN down for everyone?",
                              now - 1800);
  away.wanted = g_strdup_printf ("slack:C0DEMOSUP/%s", ts);
  ws = ds_workspace_new (inbox, store);
  g_signal_connect (ws, "time-away", G_CALLBACK (on_time_away), &away);
  g_signal_connect (ws, "caught-up", G_CALLBACK (on_caught_up), &away);
  g_assert_true (ds_workspace_get_time_away (ws, &since, &until));
  g_assert_cmpint (since, ==, now - 3600);
  g_assert_cmpint (until, >=, now);
  {
    g_autoptr(DsTeamProfile) profile = NULL;
    g_autofree char *json = ds_demo_dup_profile_json (demo);

    profile = ds_team_profile_new_from_data (json, strlen (json), "demo", &error);
    g_assert_true (ds_workspace_start_demo (ws, profile, DS_DEMO_TOKEN, &error));
  }
  spin_until_said (&away, 1);
  said = away_said (&away);
  {
    g_autofree char *expected = g_strconcat ("caught-up ", hour_ago, NULL);

    g_assert_cmpstr (said, ==, expected);
  }
  g_assert_true (away.held);
  g_assert_false (ds_workspace_get_time_away (ws, &since, &until));
  g_clear_pointer (&said, g_free);

  /* Asleep since a quarter of an hour ago: read at once, and caught up. */
  slack_calls = ds_demo_get_n_requests (demo, "slack");
  ds_workspace_woke (ws, now - 900);
  spin_until_said (&away, 2);
  said = away_said (&away);
  {
    g_autofree char *expected = g_strdup_printf ("time-away %" G_GINT64_FORMAT
                                                 ", caught-up %" G_GINT64_FORMAT,
                                                 now - 900, now - 900);
    g_assert_cmpstr (said, ==, expected);
  }
  g_assert_cmpuint (ds_demo_get_n_requests (demo, "slack"), >, slack_calls);
  g_clear_pointer (&said, g_free);

  /* A minute asleep is no time away: read at once all the same. */
  slack_calls = ds_demo_get_n_requests (demo, "slack");
  ds_workspace_woke (ws, g_get_real_time () / G_USEC_PER_SEC - 60);
  spin_for (1000);
  g_assert_cmpuint (away.said->len, ==, 0);
  g_assert_cmpuint (ds_demo_get_n_requests (demo, "slack"), >, slack_calls);

  g_clear_object (&ws);
  g_clear_object (&demo);
  g_assert_finalize_object (g_steal_pointer (&store));
  ds_store_delete_files (path);
  g_rmdir (dir);
  g_ptr_array_unref (away.said);
  g_free (away.wanted);
}

/* -- the keyring, failing then answering ------------------------------------ */

/* Run under libfaketime (the harness's --faketime): the workspace's clocks,
 * its timers and the keyring's timeout run faster than the helpers'. */

typedef struct
{
  GPtrArray *problems;
  guint      gone;        /* "problem-gone" signals */
  GArray    *rounds;      /* when each "tokens" signal came (monotonic µs, as the test sees it) */
} Keyring;

static void
on_keyring_problem (DsWorkspace *ws,
                    const char  *summary,
                    const char  *detail,
                    Keyring     *k)
{
  g_test_message ("problem: %s: %s", summary, detail);
  g_ptr_array_add (k->problems, g_strdup_printf ("%s: %s", summary, detail));
}

static void
on_keyring_gone (DsWorkspace *ws,
                 const char  *summary,
                 Keyring     *k)
{
  /* The summary the problem was said with: the window's banner goes. */
  g_assert_true (k->problems->len > 0 &&
                 g_str_has_prefix (k->problems->pdata[k->problems->len - 1], summary));
  k->gone++;
}

static void
on_keyring_round (Keyring *k)
{
  gint64 now = g_get_monotonic_time ();

  g_array_append_val (k->rounds, now);
}

/* Runs the main loop until @done or @seconds (the test's clock) pass. */
static gboolean
spin_keyring (gboolean (*done) (Keyring *, gpointer),
              Keyring   *k,
              gpointer   data,
              guint      seconds)
{
  gint64 end = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;

  while ((done == NULL || !done (k, data)) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  return done != NULL && done (k, data);
}

static gboolean
rounds_at_least (Keyring  *k,
                 gpointer  n)
{
  return k->rounds->len >= GPOINTER_TO_UINT (n);
}

static gboolean
problem_gone (Keyring  *k,
              gpointer  data)
{
  return k->gone > 0;
}

static gboolean
github_asked (Keyring  *k,
              gpointer  demo)
{
  return ds_demo_get_n_requests (demo, "github") > 0;
}

/* The demo world's team profile in a file of @dir. */
static char *
demo_profile_file (DsDemo     *demo,
                   const char *dir)
{
  g_autofree char *json = ds_demo_dup_profile_json (demo);
  char *path = g_build_filename (dir, "team.json", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, json, -1, &error));
  g_assert_no_error (error);
  return path;
}

static void
on_keyring_owned (GDBusConnection *conn,
                  const char      *name,
                  const char      *owner,
                  gpointer         user_data)
{
  *(gboolean *)user_data = TRUE;
}

/* GNOME Keyring, started now on the test's bus, unlocked, at the real
 * time (libfaketime and G_DEBUG are for the test alone). */
static GSubprocess *
start_gnome_keyring (void)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE);
  g_autoptr(GError) error = NULL;
  GSubprocess *proc;
  gboolean owned = FALSE;
  guint watch;

  g_subprocess_launcher_unsetenv (launcher, "LD_PRELOAD");
  g_subprocess_launcher_unsetenv (launcher, "FAKETIME");
  g_subprocess_launcher_unsetenv (launcher, "G_DEBUG");
  proc = g_subprocess_launcher_spawn (launcher, &error, "gnome-keyring-daemon", "--foreground",
                                      "--unlock", "--components=secrets", NULL);
  g_assert_no_error (error);
  /* The password on its standard input, which it reads to the end. */
  g_assert_true (g_output_stream_write_all (g_subprocess_get_stdin_pipe (proc), "test-pw", 7,
                                            NULL, NULL, &error));
  g_assert_true (g_output_stream_close (g_subprocess_get_stdin_pipe (proc), NULL, &error));
  g_assert_no_error (error);
  watch = g_bus_watch_name (G_BUS_TYPE_SESSION, "org.freedesktop.secrets",
                            G_BUS_NAME_WATCHER_FLAGS_NONE, on_keyring_owned, NULL, &owned, NULL);
  while (!owned)
    g_main_context_iteration (NULL, TRUE);
  g_bus_unwatch_name (watch);
  return proc;
}

/* No Secret Service on the bus when Dayshift starts: said once, with when
 * Dayshift tries again; no service is taken for one without a token. The
 * keyring starts and a token is saved in it: at the next try the problem
 * goes and GitHub is read, and the services with no token saved are not
 * asked for again. */
static void
test_keyring_late (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DsDemo) demo = ds_demo_new ();
  g_autoptr(DsInbox) inbox = ds_inbox_new ();
  g_autoptr(DsWorkspace) ws = ds_workspace_new (inbox, NULL);
  g_autoptr(GSubprocess) keyring = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ds-ws-XXXXXX", &error);
  g_autofree char *path = NULL;
  Keyring k = { g_ptr_array_new_with_free_func (g_free), 0, g_array_new (FALSE, FALSE,
                                                                          sizeof (gint64)) };
  const char *github_url;
  guint needed, unread;
  gint64 retry_at = 0, now;
  gboolean stored = FALSE;

  g_assert_true (ds_demo_start (demo, &error));
  path = demo_profile_file (demo, dir);
  g_signal_connect (ws, "problem", G_CALLBACK (on_keyring_problem), &k);
  g_signal_connect (ws, "problem-gone", G_CALLBACK (on_keyring_gone), &k);
  g_signal_connect_swapped (ws, "tokens", G_CALLBACK (on_keyring_round), &k);

  g_assert_true (ds_workspace_load_profile (ws, path, &error));
  g_assert_no_error (error);
  g_assert_true (spin_keyring (rounds_at_least, &k, GUINT_TO_POINTER (1), 60));
  now = g_get_real_time () / G_USEC_PER_SEC;

  /* Told once, naming the trouble, what to do, and when Dayshift tries again. */
  g_assert_cmpuint (k.problems->len, ==, 1);
  g_assert_nonnull (strstr (k.problems->pdata[0], "No keyring (Secret Service) is running"));
  g_assert_nonnull (strstr (k.problems->pdata[0], "Start GNOME Keyring"));
  g_assert_nonnull (strstr (k.problems->pdata[0], "Dayshift tries again by itself in 30 "
                                                  "seconds, then less often"));
  g_assert_nonnull (strstr (k.problems->pdata[0], "GitHub"));
  /* Not taken for tokens that are not saved. */
  g_assert_cmpuint (ds_workspace_get_missing_tokens (ws), ==, 0);
  needed = (1u << DS_SERVICE_GITHUB) | (1u << DS_SERVICE_SLACK) | (1u << DS_SERVICE_PAGERDUTY);
  unread = ds_workspace_get_keyring_unread (ws, &retry_at);
  g_assert_cmpuint (unread & needed, ==, needed);
  g_assert_cmpint (retry_at, >=, now + 28);
  g_assert_cmpint (retry_at, <=, now + 31);
  g_assert_cmpuint (ds_demo_get_n_requests (demo, "github"), ==, 0);

  /* The keyring starts; the GitHub token is saved in it. */
  keyring = start_gnome_keyring ();
  github_url = ds_team_profile_api_url (ds_workspace_get_profile (ws), DS_SERVICE_GITHUB, NULL);
  ds_secrets_store_async (DS_SECRET_GITHUB, ds_secrets_origin_key (DS_SECRET_GITHUB, github_url),
                          DS_DEMO_TOKEN, 0, NULL, on_stored, &stored);
  while (!stored)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (k.rounds->len, ==, 1);

  /* At the next try: the problem goes, GitHub is read. */
  g_assert_true (spin_keyring (problem_gone, &k, NULL, 60));
  g_assert_cmpuint (k.rounds->len, ==, 2);
  g_assert_cmpint (g_get_real_time () / G_USEC_PER_SEC, >=, retry_at - 1);
  g_assert_true (spin_keyring (github_asked, &k, demo, 30));
  g_assert_cmpuint (k.problems->len, ==, 1);
  g_assert_cmpuint (ds_workspace_get_keyring_unread (ws, &retry_at), ==, 0);
  g_assert_cmpint (retry_at, ==, 0);
  /* Slack and PagerDuty have no token saved: said so, and not asked for again. */
  g_assert_cmpuint (ds_workspace_get_missing_tokens (ws) & needed, ==,
                    (1u << DS_SERVICE_SLACK) | (1u << DS_SERVICE_PAGERDUTY));
  spin_keyring (NULL, &k, NULL, 35);
  g_assert_cmpuint (k.rounds->len, ==, 2);
  g_assert_cmpuint (k.gone, ==, 1);

  g_clear_object (&ws);
  g_subprocess_send_signal (keyring, SIGTERM);
  g_assert_true (g_subprocess_wait (keyring, NULL, &error));
  g_ptr_array_unref (k.problems);
  g_array_unref (k.rounds);
  g_unlink (path);
  g_rmdir (dir);
}

static gboolean
profile_loaded (Keyring  *k,
                gpointer  ws)
{
  return ds_workspace_get_profile (ws) != NULL && k->rounds->len > 0;
}

/* A team profile kept on GitHub, and no Secret Service at start-up: the
 * token that reads it is asked for again as the others are; once the
 * keyring answers, the profile is read and the problem goes. */
static void
test_keyring_late_profile (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DsDemo) demo = ds_demo_new ();
  g_autoptr(DsInbox) inbox = ds_inbox_new ();
  g_autoptr(DsWorkspace) ws = ds_workspace_new (inbox, NULL);
  g_autoptr(GSubprocess) keyring = NULL;
  g_autofree char *base = NULL;
  g_autofree char *github = NULL;
  Keyring k = { g_ptr_array_new_with_free_func (g_free), 0, g_array_new (FALSE, FALSE,
                                                                          sizeof (gint64)) };
  gboolean stored = FALSE;

  g_assert_true (ds_demo_start (demo, &error));
  base = ds_demo_dup_base_url (demo);
  github = g_strconcat (base, "/github", NULL);
  g_signal_connect (ws, "problem", G_CALLBACK (on_keyring_problem), &k);
  g_signal_connect (ws, "problem-gone", G_CALLBACK (on_keyring_gone), &k);
  g_signal_connect_swapped (ws, "tokens", G_CALLBACK (on_keyring_round), &k);
  ds_workspace_set_github_url (ws, github);
  g_assert_true (ds_workspace_load_profile (ws, "demo-co/ops:dayshift-team.json", &error));
  while (k.problems->len == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (strstr (k.problems->pdata[0], "The team profile was not loaded: No keyring"));
  g_assert_nonnull (strstr (k.problems->pdata[0], "Dayshift tries again by itself in 30 "
                                                  "seconds"));
  g_assert_null (ds_workspace_get_profile (ws));

  keyring = start_gnome_keyring ();
  ds_secrets_store_async (DS_SECRET_GITHUB, ds_secrets_origin_key (DS_SECRET_GITHUB, github),
                          DS_DEMO_TOKEN, 0, NULL, on_stored, &stored);
  while (!stored)
    g_main_context_iteration (NULL, TRUE);

  /* At the next try: the profile read, its tokens looked up, the problem gone. */
  g_assert_true (spin_keyring (profile_loaded, &k, ws, 60));
  g_assert_cmpstr (ds_workspace_get_profile (ws)->name, ==,
                   "Demo Co Operations (demo workspace)");
  g_assert_true (spin_keyring (problem_gone, &k, NULL, 10));
  g_assert_cmpuint (k.problems->len, ==, 1);
  g_assert_cmpuint (ds_workspace_get_keyring_unread (ws, NULL), ==, 0);

  g_clear_object (&ws);
  g_subprocess_send_signal (keyring, SIGTERM);
  g_assert_true (g_subprocess_wait (keyring, NULL, &error));
  g_ptr_array_unref (k.problems);
  g_array_unref (k.rounds);
}

/* A Secret Service that takes calls and never answers them (as a keyring
 * waiting on an unlock prompt nobody sees). */
static void
on_hung_call (GDBusConnection       *conn,
              const char            *sender,
              const char            *path,
              const char            *iface,
              const char            *method,
              GVariant              *params,
              GDBusMethodInvocation *invocation,
              gpointer               user_data)
{
  g_ptr_array_add (user_data, invocation);
}

static void
on_hung_name (GDBusConnection *conn,
              const char      *name,
              gpointer         user_data)
{
  *(gboolean *)user_data = TRUE;
}

/* A keyring that never answers, under a clock fifteen times as fast (its
 * 10 s timeout over in two thirds of a second): each round of lookups times
 * out, and the next waits 30 s, then 60, 120, 240 (as the workspace's
 * clock runs) after the last ended. No storm: a few rounds in five
 * minutes, the keyring asked a few times a round, the trouble told once. */
static void
test_keyring_hangs (void)
{
  static const GDBusInterfaceVTable vtable = { on_hung_call, NULL, NULL, { 0 } };
  const char *xml =
    "<node><interface name='org.freedesktop.Secret.Service'>"
    "<method name='OpenSession'><arg type='s' direction='in'/><arg type='v' direction='in'/>"
    "<arg type='v' direction='out'/><arg type='o' direction='out'/></method>"
    "<method name='SearchItems'><arg type='a{ss}' direction='in'/>"
    "<arg type='ao' direction='out'/><arg type='ao' direction='out'/></method>"
    "</interface></node>";
  g_autoptr(GError) error = NULL;
  g_autoptr(DsDemo) demo = ds_demo_new ();
  g_autoptr(DsInbox) inbox = ds_inbox_new ();
  g_autoptr(DsWorkspace) ws = ds_workspace_new (inbox, NULL);
  g_autoptr(GDBusConnection) conn = NULL;
  g_autoptr(GDBusNodeInfo) info = NULL;
  g_autoptr(GPtrArray) held = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *address = g_dbus_address_get_for_bus_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_autofree char *dir = g_dir_make_tmp ("ds-ws-XXXXXX", NULL);
  g_autofree char *path = NULL;
  Keyring k = { g_ptr_array_new_with_free_func (g_free), 0, g_array_new (FALSE, FALSE,
                                                                          sizeof (gint64)) };
  const guint waits[] = { 30, 60, 120 };
  gboolean owned = FALSE;
  gint64 start;
  guint reg, own;

  g_assert_no_error (error);
  conn = g_dbus_connection_new_for_address_sync (address,
                                                 G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                 G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                 NULL, NULL, &error);
  g_assert_no_error (error);
  info = g_dbus_node_info_new_for_xml (xml, &error);
  g_assert_no_error (error);
  reg = g_dbus_connection_register_object (conn, "/org/freedesktop/secrets",
                                           info->interfaces[0], &vtable, held, NULL, &error);
  g_assert_no_error (error);
  own = g_bus_own_name_on_connection (conn, "org.freedesktop.secrets", 0, on_hung_name, NULL,
                                      &owned, NULL);
  while (!owned)
    g_main_context_iteration (NULL, TRUE);

  g_assert_true (ds_demo_start (demo, &error));
  path = demo_profile_file (demo, dir);
  g_signal_connect (ws, "problem", G_CALLBACK (on_keyring_problem), &k);
  g_signal_connect (ws, "problem-gone", G_CALLBACK (on_keyring_gone), &k);
  g_signal_connect_swapped (ws, "tokens", G_CALLBACK (on_keyring_round), &k);
  start = g_get_monotonic_time ();
  g_assert_true (ds_workspace_load_profile (ws, path, &error));
  spin_keyring (NULL, &k, NULL, 300);

  g_test_message ("%u rounds in 300 s, %u calls to the keyring", k.rounds->len, held->len);
  /* Rounds end at about 10, 50, 120 and 250 s. */
  g_assert_cmpuint (k.rounds->len, >=, 3);
  g_assert_cmpuint (k.rounds->len, <=, 4);
  g_assert_cmpint (g_array_index (k.rounds, gint64, 0) - start, >=, 9 * G_USEC_PER_SEC);
  for (guint i = 1; i < k.rounds->len && i <= G_N_ELEMENTS (waits); i++)
    {
      gint64 gap = g_array_index (k.rounds, gint64, i) - g_array_index (k.rounds, gint64, i - 1);

      g_test_message ("round %u ended %.1f s after the one before", i + 1,
                      (double)gap / G_USEC_PER_SEC);
      /* The wait, then the lookups' own 10 s timeout; not yet the wait
       * after it (a loaded machine is late by a few of these seconds). */
      g_assert_cmpint (gap, >=, (waits[i - 1] + 9) * G_USEC_PER_SEC);
      g_assert_cmpint (gap, <, (2 * waits[i - 1] + 20) * G_USEC_PER_SEC);
    }
  /* Calls that reached the keyring before their timeout (none, when the
   * faster clock times them out first on a slow machine). */
  g_assert_cmpuint (held->len, <=, k.rounds->len * 5 * 3);
  g_assert_cmpuint (k.problems->len, ==, 1);
  g_assert_nonnull (strstr (k.problems->pdata[0], "did not answer within 10 seconds"));
  g_assert_nonnull (strstr (k.problems->pdata[0], "Dayshift tries again by itself in 30 "
                                                  "seconds"));
  g_assert_cmpuint (k.gone, ==, 0);
  g_assert_cmpuint (ds_demo_get_n_requests (demo, "github"), ==, 0);

  g_clear_object (&ws);
  g_bus_unown_name (own);
  g_dbus_connection_unregister_object (conn, reg);
  g_assert_true (g_dbus_connection_close_sync (conn, NULL, &error));
  g_assert_no_error (error);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_ptr_array_set_size (held, 0);
  g_ptr_array_unref (k.problems);
  g_array_unref (k.rounds);
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ds/workspace/reload", test_reload);
  g_test_add_func ("/ds/workspace/github", test_from_github);
  g_test_add_func ("/ds/workspace/demo-realtime", test_demo_realtime);
  g_test_add_func ("/ds/workspace/demo-events-taken", test_demo_events_taken);
  g_test_add_func ("/ds/workspace/demo-off-rotation", test_demo_off_rotation);
  g_test_add_func ("/ds/workspace/failure-told-once", test_failure_told_once);
  g_test_add_func ("/ds/workspace/check-now-says-the-wait", test_check_now_says_the_wait);
  g_test_add_func ("/ds/workspace/settings-keep-what-was-read",
                   test_settings_keep_what_was_read);
  g_test_add_func ("/ds/workspace/time-away", test_time_away);
  g_test_add_func ("/ds/workspace/keyring-late", test_keyring_late);
  g_test_add_func ("/ds/workspace/keyring-late-profile", test_keyring_late_profile);
  g_test_add_func ("/ds/workspace/keyring-hangs", test_keyring_hangs);
  return g_test_run ();
}
