/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-demo"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "ds-demo-team.h"
#include "ds-poller.h"
#include "ds-slack.h"
#include "ds-slack-socket.h"
#include "ds-workspace.h"

/* A team on one Slack app (ds-demo-team.h), run on the main context of the
 * caller's thread, the world included: what it measures is how Slack's
 * shared budget and the way Dayshift reads it delay a request, not how
 * fast the computer serves it. */

/* Slack's Tier 3, per app: conversations.history and .replies. */
#define TIER3_CALLS  50
#define TIER3_WINDOW 60

/* slack-poll-interval's default (data/…gschema.xml). */
#define POLL_SETTING 30

/* The channels where people ask (each makes a request of a message). */
static const char * const asking[] = { "C0DEMOSUP", "C0DEMOOPS", "C0DEMOSRE", "C0DEMOONC" };

typedef struct
{
  gint64 at;   /* µs, monotonic: first taken in */
  guint  n;    /* times taken in as new */
} Seen;

typedef struct
{
  DsHttp        *http;
  DsStore       *store;
  DsInbox       *inbox;
  DsIngest      *ingest;
  DsSource      *source;
  DsPoller      *poller;
  DsSlackSocket *socket;    /* the one on rotation's */
  char          *db;
  GHashTable    *seen;      /* item id -> Seen */
  guint          interval;  /* real seconds between polls */
  guint          start_id;
  gboolean       started;
} Member;

static void
on_new_item (DsIngest *ingest,
             DsItem   *item,
             gboolean  notify,
             Member   *m)
{
  Seen *seen = g_hash_table_lookup (m->seen, ds_item_get_id (item));

  if (seen == NULL)
    {
      seen = g_new0 (Seen, 1);
      seen->at = g_get_monotonic_time ();
      g_hash_table_insert (m->seen, g_strdup (ds_item_get_id (item)), seen);
    }
  seen->n++;
}

static const char *
string_member (JsonNode   *node,
               const char *name)
{
  JsonNode *v = node != NULL && JSON_NODE_HOLDS_OBJECT (node)
    ? json_object_get_member (json_node_get_object (node), name) : NULL;

  return v != NULL && JSON_NODE_HOLDS_VALUE (v) && json_node_get_value_type (v) == G_TYPE_STRING
    ? json_node_get_string (v) : NULL;
}

/* As the workspace has an event taken in (on_socket_event()). */
static void
on_event (DsSlackSocket *socket,
          const char    *type,
          JsonNode      *payload,
          Member        *m)
{
  DsJsonScope scope = { "Slack", "Socket Mode" };
  g_autoptr(DsSlackEvent) event = NULL;
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (type, "events_api") != 0)
    return;
  event = ds_slack_parse_event (payload, &scope, &error);
  if (event == NULL)
    {
      g_warning ("The demo world sent an event Dayshift cannot read: %s", error->message);
      return;
    }
  if (ds_slack_source_take_event (m->source, event))
    ds_poller_poll_source (m->poller, m->source);
}

/* Before: an event only named the channel (or a reaction's message) to
 * read now, as the workspace did. */
static void
on_event_before (DsSlackSocket *socket,
                 const char    *type,
                 JsonNode      *payload,
                 Member        *m)
{
  JsonNode *event = JSON_NODE_HOLDS_OBJECT (payload)
    ? json_object_get_member (json_node_get_object (payload), "event") : NULL;
  JsonNode *item = event != NULL && JSON_NODE_HOLDS_OBJECT (event)
    ? json_object_get_member (json_node_get_object (event), "item") : NULL;
  const char *channel = string_member (event, "channel");
  const char *ts = NULL;

  if (channel == NULL)
    {
      channel = string_member (item, "channel");
      ts = string_member (item, "ts");
    }
  if (channel == NULL)
    return;
  ds_slack_source_hint (m->source, channel, ts);
  ds_poller_poll_source (m->poller, m->source);
}

static gboolean
start_member (gpointer data)
{
  Member *m = data;

  m->start_id = 0;
  m->started = TRUE;
  ds_poller_start (m->poller);
  return G_SOURCE_REMOVE;
}

static void
member_init (Member              *m,
             guint                index,
             const DsDemoTeamPlan *plan,
             DsTeamProfile       *profile,
             const char          *dir)
{
  g_autoptr(GError) error = NULL;
  gboolean rotation = index == 0;
  /* Before, every instance off rotation read Slack at the setting. */
  guint interval = plan->before && !rotation
    ? POLL_SETTING : ds_workspace_slack_interval (POLL_SETTING, rotation, rotation);

  m->db = g_strdup_printf ("%s/%u.db", dir, index);
  m->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  m->http = ds_http_new ();
  if (!ds_http_set_base_url (m->http, DS_SERVICE_SLACK,
                             ds_team_profile_get_url (profile, DS_SERVICE_SLACK), &error))
    g_error ("The demo world's Slack: %s", error->message);
  ds_http_set_token (m->http, DS_SERVICE_SLACK, DS_DEMO_TOKEN);
  m->store = ds_store_open (m->db, &error);
  if (m->store == NULL)
    g_error ("%s", error->message);
  m->inbox = ds_inbox_new ();
  m->ingest = ds_ingest_new (m->inbox, m->store);
  g_signal_connect (m->ingest, "new-item", G_CALLBACK (on_new_item), m);
  m->source = ds_slack_source_new (m->http, profile, m->ingest, m->store);
  m->interval = MAX (interval / plan->scale, 1);
  ds_source_set_interval (m->source, m->interval);
  m->poller = ds_poller_new (m->http);
  ds_poller_add (m->poller, m->source);
  if (rotation)
    {
      ds_http_set_slack_app_token (m->http, DS_DEMO_TOKEN);
      m->socket = ds_slack_socket_new (m->http);
      g_signal_connect (m->socket, "event",
                        plan->before ? G_CALLBACK (on_event_before) : G_CALLBACK (on_event), m);
      ds_slack_socket_start (m->socket);
      start_member (m);
    }
  else
    /* Spread over an interval, as people start their day. */
    m->start_id = g_timeout_add ((guint)((gint64)m->interval * 1000 * index / plan->size),
                                 start_member, m);
}

static void
member_clear (Member *m)
{
  g_clear_handle_id (&m->start_id, g_source_remove);
  if (m->socket != NULL)
    {
      g_signal_handlers_disconnect_by_data (m->socket, m);
      ds_slack_socket_stop (m->socket);
      g_clear_object (&m->socket);
    }
  ds_poller_stop (m->poller);
  g_clear_object (&m->poller);
  g_clear_object (&m->source);
  g_signal_handlers_disconnect_by_data (m->ingest, m);
  g_clear_object (&m->ingest);
  g_clear_object (&m->inbox);
  g_clear_object (&m->store);
  g_clear_object (&m->http);
  ds_store_delete_files (m->db);
  g_free (m->db);
  g_hash_table_unref (m->seen);
}

/* Every instance has started and finished a poll (the one on rotation
 * has Socket Mode up too). */
static gboolean
warm (Member   *members,
      guint     size)
{
  for (guint i = 0; i < size; i++)
    if (!members[i].started || ds_poller_get_n_polls (members[i].poller, members[i].source) == 0 ||
        (members[i].socket != NULL &&
         ds_slack_socket_get_state (members[i].socket) != DS_SLACK_SOCKET_CONNECTED))
      return FALSE;
  return TRUE;
}

static guint
n_have (Member    *m,
        GPtrArray *ids)
{
  guint n = 0;

  for (guint i = 0; i < ids->len; i++)
    if (g_hash_table_contains (m->seen, ids->pdata[i]))
      n++;
  return n;
}

static gboolean
wake (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

static int
by_value (gconstpointer a,
          gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return x < y ? -1 : x > y;
}

/* The median, the 90th percentile and the largest of @values (sorted here). */
static void
spread (GArray *values,
        double *median,
        double *p90,
        double *max)
{
  guint n = values->len;

  g_array_sort (values, by_value);
  *median = *p90 = *max = 0;
  if (n == 0)
    return;
  *median = g_array_index (values, double, n / 2);
  *p90 = g_array_index (values, double, MIN ((n * 9 + 9) / 10, n) - 1);
  *max = g_array_index (values, double, n - 1);
}

void
ds_demo_team_run (const DsDemoTeamPlan *plan,
                  DsDemoTeamFigures    *figures)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DsDemo) demo = ds_demo_new ();
  g_autoptr(DsTeamProfile) profile = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) posted_at = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) rotation = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) others = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *json = NULL;
  g_autofree char *dir = NULL;
  Member *members;
  gint64 end, first, last_post = 0;
  guint limited0, reads0, polls0, waker;

  g_return_if_fail (plan->size >= 1 && plan->scale >= 1 && 30 % plan->scale == 0);
  memset (figures, 0, sizeof *figures);
  if (!ds_demo_start (demo, &error))
    g_error ("The demo world did not start: %s", error->message);
  ds_demo_set_slack_limit (demo, TIER3_CALLS, TIER3_WINDOW / plan->scale);
  json = ds_demo_dup_profile_json (demo);
  profile = ds_team_profile_new_from_data (json, strlen (json), "demo", &error);
  if (profile != NULL)
    dir = g_dir_make_tmp ("ds-team-XXXXXX", &error);
  if (dir == NULL)
    g_error ("%s", error->message);
  waker = g_timeout_add (10, wake, NULL);

  members = g_new0 (Member, plan->size);
  for (guint i = 0; i < plan->size; i++)
    member_init (&members[i], i, plan, profile, dir);

  /* Until everyone is reading (an interval, and as long again at most). */
  end = g_get_monotonic_time () + 2 * (gint64)members[plan->size - 1].interval * G_USEC_PER_SEC +
        10 * G_USEC_PER_SEC;
  while (!warm (members, plan->size) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  if (!warm (members, plan->size))
    g_error ("The team did not start reading Slack");

  limited0 = ds_demo_get_n_limited (demo);
  reads0 = ds_demo_get_n_reads (demo);
  polls0 = ds_poller_get_n_polls (members[0].poller, members[0].source);
  first = g_get_monotonic_time ();
  end = G_MAXINT64;
  for (;;)
    {
      gint64 now = g_get_monotonic_time ();
      guint complete = 0;

      if (ids->len < plan->requests &&
          (ids->len == 0 || now - last_post >= (gint64)plan->every * G_USEC_PER_SEC / plan->scale))
        {
          const char *channel = asking[ids->len % G_N_ELEMENTS (asking)];
          g_autofree char *text = g_strdup_printf ("Could someone check host %u?", ids->len);
          g_autofree char *ts = ds_demo_post_slack_at (demo, channel, "U0DEMOSAM", text,
                                                       g_get_real_time () / G_USEC_PER_SEC);

          last_post = g_get_monotonic_time ();
          g_ptr_array_add (ids, g_strdup_printf ("slack:%s/%s", channel, ts));
          g_array_append_val (posted_at, last_post);
          if (ids->len == plan->requests)
            end = last_post + (gint64)plan->settle * G_USEC_PER_SEC / plan->scale;
        }
      for (guint i = 0; ids->len == plan->requests && i < plan->size; i++)
        if (n_have (&members[i], ids) == plan->requests)
          complete++;
      if (complete == plan->size || now >= end)
        break;
      g_main_context_iteration (NULL, TRUE);
    }

  figures->posted = ids->len;
  figures->limited = ds_demo_get_n_limited (demo) - limited0;
  figures->reads = ds_demo_get_n_reads (demo) - reads0;
  figures->rotation_polls = ds_poller_get_n_polls (members[0].poller, members[0].source) - polls0;
  figures->minutes = (g_get_monotonic_time () - first) / (double)G_USEC_PER_SEC * plan->scale / 60;
  figures->instances = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint i = 0; i < plan->size; i++)
    {
      g_autoptr(GArray) mine = g_array_new (FALSE, FALSE, sizeof (double));
      double median, p90, max;

      for (guint r = 0; r < ids->len; r++)
        {
          Seen *seen = g_hash_table_lookup (members[i].seen, ids->pdata[r]);
          double s;

          if (seen == NULL)
            {
              figures->missed++;
              continue;
            }
          if (seen->n > 1)
            figures->taken_twice++;
          s = (seen->at - g_array_index (posted_at, gint64, r)) / (double)G_USEC_PER_SEC *
              plan->scale;
          g_array_append_val (i == 0 ? rotation : others, s);
          g_array_append_val (mine, s);
        }
      spread (mine, &median, &p90, &max);
      g_array_append_val (figures->instances, median);
    }
  spread (rotation, &figures->rotation_median, &figures->rotation_p90, &figures->rotation_max);
  spread (others, &figures->others_median, &figures->others_p90, &figures->others_max);

  for (guint i = 0; i < plan->size; i++)
    member_clear (&members[i]);
  g_free (members);
  g_source_remove (waker);
  while (g_main_context_iteration (NULL, FALSE));
  g_rmdir (dir);
}
