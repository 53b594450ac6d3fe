/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Dayshift's live path in one process, as the app runs it (workspace,
 * poller, sources, ingest, store) against the demo world on loopback.
 *
 *   build/bench/bench-live latency [RUNS]
 *       a Slack message posted → the item in the inbox: with Socket Mode,
 *       and polling only (the demo polls Slack every 3 s); medians
 *   build/bench/bench-live catchup [N]
 *       N Slack messages (over the last 11 hours, across the team's
 *       channels) and N/10 access requests waiting when Dayshift starts:
 *       the longest the main loop went without running a 1 ms heartbeat
 *       while it caught up, the CPU time the catch-up took, and the time
 *       until every item was in the inbox
 *
 * The demo world runs in a thread of its own, with its own main loop, as
 * the services run elsewhere: the main loop measured is Dayshift's alone
 * (the CPU time is the process's, the world's serving included). */
#include <string.h>
#include <time.h>

#include <glib/gstdio.h>

#include "config.h"

#include "bench-common.h"

#include "ds-demo-testing.h"
#include "ds-workspace.h"

static void
spin_until (gboolean (*done) (gpointer), gpointer data, guint timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64)timeout_ms * 1000;

  while (!done (data) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
}

static void
spin_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + (gint64)ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

/* The demo world on its own thread and main context. */
typedef struct
{
  DsDemo       *demo;
  GMainContext *context;
  GMainLoop    *loop;
  GThread      *thread;
  GMutex        lock;
  GCond         started;
  gboolean      up;
  double        cpu_ms;   /* what serving took, once stopped */
} World;

static gpointer
world_thread (gpointer data)
{
  World *w = data;
  g_autoptr(GError) error = NULL;

  g_main_context_push_thread_default (w->context);
  g_assert_true (ds_demo_start (w->demo, &error));
  g_mutex_lock (&w->lock);
  w->up = TRUE;
  g_cond_signal (&w->started);
  g_mutex_unlock (&w->lock);
  g_main_loop_run (w->loop);
  g_main_context_pop_thread_default (w->context);
  {
    struct timespec ts;

    clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
    w->cpu_ms = ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
  }
  return NULL;
}

static void
world_start (World *w)
{
  w->context = g_main_context_new ();
  w->loop = g_main_loop_new (w->context, FALSE);
  g_mutex_init (&w->lock);
  g_cond_init (&w->started);
  w->thread = g_thread_new ("demo world", world_thread, w);
  g_mutex_lock (&w->lock);
  while (!w->up)
    g_cond_wait (&w->started, &w->lock);
  g_mutex_unlock (&w->lock);
}

static gboolean
quit_loop (gpointer loop)
{
  g_main_loop_quit (loop);
  return G_SOURCE_REMOVE;
}

static void
world_stop (World *w)
{
  g_main_context_invoke (w->context, quit_loop, w->loop);
  g_thread_join (w->thread);
  g_main_loop_unref (w->loop);
  g_main_context_unref (w->context);
}

typedef struct
{
  DsDemo *demo;
  char   *text;
} Post;

static gboolean
post_in_world (gpointer data)
{
  Post *post = data;

  ds_demo_post_slack (post->demo, "C0DEMOSUP", "U0DEMOSAM", post->text);
  g_free (post->text);
  g_free (post);
  return G_SOURCE_REMOVE;
}

static DsTeamProfile *
start (DsWorkspace *ws,
       DsDemo      *demo)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = ds_demo_dup_profile_json (demo);
  DsTeamProfile *profile = ds_team_profile_new_from_data (json, strlen (json), "demo", &error);

  g_assert_no_error (error);
  g_assert_true (ds_workspace_start_demo (ws, profile, DS_DEMO_TOKEN, &error));
  g_assert_no_error (error);
  return profile;
}

typedef struct
{
  DsInbox *inbox;
  guint    want;
} Count;

static gboolean
has_count (gpointer data)
{
  Count *c = data;

  return g_list_model_get_n_items (G_LIST_MODEL (c->inbox)) >= c->want;
}

static gboolean
is_realtime (gpointer ws)
{
  return ds_workspace_get_realtime (ws);
}

/* Posted → in the inbox, @runs times; returns the median in ms. */
static double
latency (DsWorkspace *ws,
         World       *world,
         DsInbox     *inbox,
         guint        runs)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint r = 0; r < runs; r++)
    {
      Count c = { inbox, g_list_model_get_n_items (G_LIST_MODEL (inbox)) + 1 };
      g_autofree char *text = g_strdup_printf ("Could someone look at login problem %u?", r);
      gint64 posted;
      double ms;

      /* Somewhere within the poll interval, as a person would ask. */
      spin_for (g_random_int_range (200, 3000));
      posted = g_get_monotonic_time ();
      {
        Post *post = g_new0 (Post, 1);

        post->demo = world->demo;
        post->text = g_strdup (text);
        g_main_context_invoke (world->context, post_in_world, post);
      }
      spin_until (has_count, &c, 20000);
      g_assert_true (has_count (&c));
      ms = (g_get_monotonic_time () - posted) / 1000.0;
      g_array_append_val (times, ms);
    }
  return bench_median (times);
}

static int
run_latency (guint runs)
{
  g_autoptr(DsInbox) inbox = ds_inbox_new ();
  g_autoptr(DsWorkspace) ws = ds_workspace_new (inbox, NULL);
  g_autoptr(DsDemo) demo = ds_demo_new ();
  g_autoptr(DsTeamProfile) profile = NULL;
  World world = { demo };
  double socket_ms, poll_ms;

  world_start (&world);
  profile = start (ws, demo);
  spin_until (is_realtime, ws, 10000);
  g_assert_true (ds_workspace_get_realtime (ws));
  spin_for (1500);
  socket_ms = latency (ws, &world, inbox, runs);

  ds_workspace_set_realtime_wanted (ws, FALSE);
  spin_for (1500);
  g_assert_false (ds_workspace_get_realtime (ws));
  poll_ms = latency (ws, &world, inbox, runs);
  g_clear_object (&ws);
  world_stop (&world);

  g_print ("latency_socket_ms %.0f\n", socket_ms);
  g_print ("latency_poll_ms %.0f\n", poll_ms);
  g_print ("latency_poll_interval_s 3\n");
  return 0;
}

typedef struct
{
  gint64 last;
  gint64 longest;
  guint  beats;
} Heartbeat;

static gboolean
beat (gpointer data)
{
  Heartbeat *h = data;
  gint64 now = g_get_monotonic_time ();

  if (h->last != 0)
    h->longest = MAX (h->longest, now - h->last);
  if (h->last != 0 && now - h->last > 20000 && g_getenv ("BENCH_STALLS") != NULL)
    g_printerr ("stall %.1f ms ending at %.3f\n", (now - h->last) / 1000.0,
                (g_get_real_time () % 100000000) / 1e6);
  h->last = now;
  h->beats++;
  return G_SOURCE_CONTINUE;
}

static int
run_catchup (guint n)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ds-bench-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "dayshift.db", NULL);
  g_autoptr(DsStore) store = ds_store_open (path, &error);
  g_autoptr(DsInbox) inbox = ds_inbox_new ();
  g_autoptr(DsWorkspace) ws = ds_workspace_new (inbox, store);
  g_autoptr(DsDemo) demo = ds_demo_new ();
  g_autoptr(DsTeamProfile) profile = NULL;
  g_autofree char *json = NULL;
  g_autoptr(GPtrArray) channels = g_ptr_array_new_with_free_func (g_free);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  World world = { demo };
  Heartbeat h = { 0 };
  Count c;
  double cpu0, cpu;
  gint64 t0, took;
  guint id;

  /* Filled before Dayshift starts: nothing asks the world anything yet. */
  world_start (&world);
  json = ds_demo_dup_profile_json (demo);
  {
    g_autoptr(DsTeamProfile) p = ds_team_profile_new_from_data (json, strlen (json), "demo",
                                                                &error);
    for (guint i = 0; i < p->channels->len; i++)
      {
        const DsProfileChannel *ch = g_ptr_array_index (p->channels, i);
        if (ch->role == DS_CHANNEL_SUPPORT || ch->role == DS_CHANNEL_OPERATIONS)
          g_ptr_array_add (channels, g_strdup (ch->id));
      }
  }
  g_assert_cmpuint (channels->len, >, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *text = g_strdup_printf ("Request %u: the VPN drops every few minutes "
                                               "since the update, can someone look?", i);
      g_free (ds_demo_post_slack_at (demo, channels->pdata[i % channels->len], "U0DEMOSAM", text,
                                     now - 11 * 3600 + (gint64)i * 11 * 3600 / n));
    }
  ds_demo_add_access_requests (demo, n / 10);

  c.inbox = inbox;
  c.want = n + n / 10;
  id = g_timeout_add (1, beat, &h);
  cpu0 = bench_cpu_ms ();
  t0 = g_get_monotonic_time ();
  profile = start (ws, demo);
  spin_until (has_count, &c, 120000);
  took = g_get_monotonic_time () - t0;
  cpu = bench_cpu_ms () - cpu0;
  g_source_remove (id);

  g_clear_object (&ws);
  world_stop (&world);
  g_print ("catchup_items %u\n", g_list_model_get_n_items (G_LIST_MODEL (inbox)));
  g_print ("catchup_longest_stall_ms %.1f\n", h.longest / 1000.0);
  /* The process's CPU time less the world's thread: Dayshift's part. */
  g_print ("catchup_cpu_ms %.0f\n", cpu - world.cpu_ms);
  g_print ("catchup_world_cpu_ms %.0f\n", world.cpu_ms);
  g_print ("catchup_wall_ms %.0f\n", took / 1000.0);
  g_print ("catchup_heartbeats %u\n", h.beats);

  g_clear_object (&store);
  ds_store_delete_files (path);
  g_rmdir (dir);
  return has_count (&c) ? 0 : 1;
}

int
main (int   argc,
      char *argv[])
{
  const char *what = argc > 1 ? argv[1] : "catchup";

  if (g_str_equal (what, "latency"))
    return run_latency (argc > 2 ? (guint)atoi (argv[2]) : 5);
  if (g_str_equal (what, "catchup"))
    return run_catchup (argc > 2 ? (guint)atoi (argv[2]) : 10000);
  g_printerr ("usage: bench-live latency [RUNS] | catchup [N]\n");
  return 2;
}
