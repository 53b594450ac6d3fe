/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include <glib/gstdio.h>

#include "ds-demo-testing.h"
#include "ds-error.h"
#include "ds-poller.h"

/* A team on one Slack app: Slack's limits are per method, per workspace,
 * per app, so every teammate's Dayshift shares one budget. Several
 * instances, each with its own database, poll one loopback Slack that
 * enforces a shared limit on reading history (429 with Retry-After past
 * it): every instance still sees every request. */

#define N_INSTANCES 6
#define N_REQUESTS  10

typedef struct
{
  DsHttp    *http;
  DsStore   *store;
  DsInbox   *inbox;
  DsIngest  *ingest;
  DsSource  *source;
  DsPoller  *poller;
  guint      limited;   /* polls refused for the rate limit */
} Instance;

static void
on_polled (DsPoller *poller,
           DsSource *source,
           GError   *error,
           Instance *in)
{
  if (g_error_matches (error, DS_ERROR, DS_ERROR_RATE_LIMITED))
    in->limited++;
}

static guint
seen (Instance   *in,
      GPtrArray  *ids)
{
  guint n = 0;

  for (guint i = 0; i < ids->len; i++)
    if (ds_inbox_lookup (in->inbox, ids->pdata[i]) != NULL)
      n++;
  return n;
}

static void
test_every_instance_full_recall (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DsDemo) demo = ds_demo_new ();
  g_autofree char *json = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(DsTeamProfile) profile = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  Instance instances[N_INSTANCES] = { 0 };
  gint64 start, last_post = 0;
  guint posted = 0, complete = 0;

  g_assert_true (ds_demo_start (demo, &error));
  /* Eight history reads a second, shared by all: each instance wants six
   * a poll (one per channel), every second. */
  ds_demo_set_slack_limit (demo, 8, 1);
  json = ds_demo_dup_profile_json (demo);
  profile = ds_team_profile_new_from_data (json, strlen (json), "demo", &error);
  g_assert_no_error (error);
  dir = g_dir_make_tmp ("ds-shared-XXXXXX", &error);
  g_assert_no_error (error);

  for (guint i = 0; i < N_INSTANCES; i++)
    {
      Instance *in = &instances[i];
      g_autofree char *db = g_strdup_printf ("%s/%u.db", dir, i);

      in->http = ds_http_new ();
      g_assert_true (ds_http_set_base_url (in->http, DS_SERVICE_SLACK,
                                           ds_team_profile_get_url (profile, DS_SERVICE_SLACK),
                                           NULL));
      ds_http_set_token (in->http, DS_SERVICE_SLACK, DS_DEMO_TOKEN);
      in->store = ds_store_open (db, &error);
      g_assert_no_error (error);
      in->inbox = ds_inbox_new ();
      in->ingest = ds_ingest_new (in->inbox, in->store);
      in->source = ds_slack_source_new (in->http, profile, in->ingest, in->store);
      ds_source_set_interval (in->source, 1);
      in->poller = ds_poller_new (in->http);
      g_signal_connect (in->poller, "polled", G_CALLBACK (on_polled), in);
      ds_poller_add (in->poller, in->source);
      ds_poller_start (in->poller);
    }

  /* A request every half second in the sre channel, third of six: a poll
   * cut short by a 429 after the first two channels still reaches it. No
   * deadline: however slow the machine, every instance gets every request
   * (the test's timeout ends one that never would). */
  start = g_get_monotonic_time ();
  while (complete < N_INSTANCES)
    {
      g_main_context_iteration (NULL, FALSE);
      if (posted < N_REQUESTS && g_get_monotonic_time () - last_post > G_USEC_PER_SEC / 2)
        {
          g_autofree char *text = g_strdup_printf ("Could someone check host %u?", posted);
          g_autofree char *ts = ds_demo_post_slack_at (demo, "C0DEMOSRE", "U0DEMOSAM", text,
                                                       g_get_real_time () / G_USEC_PER_SEC);

          g_ptr_array_add (ids, g_strdup_printf ("slack:C0DEMOSRE/%s", ts));
          posted++;
          last_post = g_get_monotonic_time ();
        }
      complete = 0;
      for (guint i = 0; posted == N_REQUESTS && i < N_INSTANCES; i++)
        if (seen (&instances[i], ids) == N_REQUESTS)
          complete++;
      g_usleep (2000);
    }

  g_test_message ("%u 429s from the shared limit; all %u instances had all %u requests after "
                  "%.1f s", ds_demo_get_n_limited (demo), N_INSTANCES, N_REQUESTS,
                  (g_get_monotonic_time () - start) / (double)G_USEC_PER_SEC);
  g_assert_cmpuint (ds_demo_get_n_limited (demo), >, 0);
  for (guint i = 0; i < N_INSTANCES; i++)
    {
      g_test_message ("instance %u: %u of %u, %u polls rate limited", i,
                      seen (&instances[i], ids), N_REQUESTS, instances[i].limited);
      g_assert_cmpuint (seen (&instances[i], ids), ==, N_REQUESTS);
    }

  for (guint i = 0; i < N_INSTANCES; i++)
    {
      Instance *in = &instances[i];
      g_autofree char *db = g_strdup_printf ("%s/%u.db", dir, i);

      ds_poller_stop (in->poller);
      g_clear_object (&in->poller);
      g_clear_object (&in->source);
      g_clear_object (&in->ingest);
      g_clear_object (&in->inbox);
      g_clear_object (&in->store);
      g_clear_object (&in->http);
      ds_store_delete_files (db);
    }
  while (g_main_context_iteration (NULL, FALSE));
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ds/shared-app/every-instance-full-recall", test_every_instance_full_recall);
  return g_test_run ();
}
