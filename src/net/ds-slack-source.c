/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-slack-source"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "ds-error.h"
#include "ds-slack.h"
#include "ds-source.h"

/* The team's Slack channels. Each poll reads channels' messages since their
 * cursors, and re-reads the last two hours to see which requests a
 * teammate claimed or finished since (reactions, thread replies). Older
 * requests still open are followed one by one, each message with its
 * thread (conversations.replies: the message, its reactions and its
 * replies in one call), until they are done, dismissed or older than the
 * follow age (36 hours by default: past the end of the next shift): one
 * nobody took every five minutes at most, to see who takes it; one a
 * teammate took every twenty minutes, to see it finished. A poll follows
 * three at most, those longest due first, besides the messages an event
 * named: with Slack read every 30 seconds, six conversations.replies a
 * minute at most, well within the 50 of Slack's Tier 3 (a read a Socket
 * Mode event brings follows too, but no request is looked at more often).
 * A first look at a channel goes back twelve hours and notifies nothing.
 *
 * With Socket Mode, a message an event carries is taken in at once, as a
 * read of its channel would take it (the same classifier and the same
 * ingest, so the same id and one notification), without waiting for that
 * read, which still follows: it brings what the event could not say (the
 * reactions on the channel's recent messages: Slack's app sends no event
 * for a reaction, so a teammate's claim is read), whenever Slack's budget
 * for reading messages allows. An edit is taken as a read would take the
 * message as it now is, and a deletion changes nothing, as a read finds
 * nothing to take. */

#define REFRESH_WINDOW       (2 * 60 * 60)
#define FIRST_LOOK           (12 * 60 * 60)
#define FOLLOW_AGE           (36 * 60 * 60)
#define FOLLOW_EVERY         (5 * 60)
#define FOLLOW_CLAIMED_EVERY (20 * 60)
#define FOLLOW_PER_POLL      3

/* A poll reads at most this many channels: with a profile of thousands, a
 * poll is not a thousand history calls in a row (Slack allows about 50 a
 * minute of conversations.history). The channels an event named come
 * first; the rest are read in turn, each poll going on where the last one
 * stopped and starting over after the last channel, so that every channel
 * is read, CHANNELS_PER_POLL at a time. */
#define CHANNELS_PER_POLL 20

struct _DsSlackSource
{
  DsSource      parent_instance;

  char         *me;      /* the user's Slack id */
  DsSlackUsers *users;
  GHashTable   *followed;  /* item id -> when its message was last re-read */
  guint         follow_age;
  GHashTable   *hint_channels;  /* channels an event named since the last poll */
  GHashTable   *hint_messages;  /* "channel/ts" of messages an event named (reactions) */
  gint64        last_full;      /* when channels were last read in turn */
  guint         resume_at;      /* the next channel to read in turn */
  GQueue       *taking;         /* Taken: messages events carried, in order */
  gboolean      resolving;      /* the first one's author is being asked for */
};

G_DECLARE_FINAL_TYPE (DsSlackSource, ds_slack_source, DS, SLACK_SOURCE, DsSource)
G_DEFINE_FINAL_TYPE (DsSlackSource, ds_slack_source, DS_TYPE_SOURCE)

typedef struct
{
  GArray     *order;          /* guint: the channels to read, as indexes in the profile */
  guint       in_turn;        /* order[in_turn…] are the channels read in turn */
  guint       visited;        /* entries of order done (read or refused) */
  GPtrArray  *messages;       /* DsSlackMessage of the current channel */
  guint       next_thread;    /* next message whose thread to read */
  GHashTable *threads;        /* ts -> GPtrArray of replies */
  GPtrArray  *unknown_users;  /* ids to resolve */
  GPtrArray  *items;          /* DsItem: what following older requests found */
  gboolean    first_look;     /* the current channel has no cursor yet */
  GPtrArray  *follow;         /* DsItem: older open requests to re-read */
  GError     *error;          /* the first channel that could not be read */
  GHashTable *seen;           /* ids of the items this poll's history reads held */
  GHashTable *named;          /* "channel/ts" to re-read (events named them) */
  gboolean    full;           /* channels are read in turn, not only those named */
  guint       classified;     /* messages of the current channel taken in so far */
  char       *newest;         /* the newest ts among them */
} Poll;

static void
poll_free (Poll *p)
{
  g_clear_pointer (&p->messages, g_ptr_array_unref);
  g_clear_pointer (&p->threads, g_hash_table_unref);
  g_clear_pointer (&p->unknown_users, g_ptr_array_unref);
  g_clear_pointer (&p->items, g_ptr_array_unref);
  g_clear_pointer (&p->follow, g_ptr_array_unref);
  g_clear_error (&p->error);
  g_clear_pointer (&p->seen, g_hash_table_unref);
  g_clear_pointer (&p->order, g_array_unref);
  g_clear_pointer (&p->named, g_hash_table_unref);
  g_free (p->newest);
  g_free (p);
}

static void next_channel (GTask *task);

static DsSlackSource *
source_of (GTask *task)
{
  return DS_SLACK_SOURCE (g_task_get_source_object (task));
}

static guint
channel_index (GTask *task)
{
  Poll *p = g_task_get_task_data (task);

  return g_array_index (p->order, guint, p->visited);
}

/* The channels a poll reads: those events named (@hinted, taken from it),
 * then, for a @full poll, the others in the profile's order, starting where
 * the last poll stopped (cut short by a rate limit, or by the cap): with a
 * team sharing one Slack app, or thousands of channels, none is starved by
 * polls that never get past the first ones. What the cap leaves of @hinted
 * is kept for the next poll. */
static void
plan_channels (DsSlackSource *self,
               Poll          *p,
               GHashTable    *hinted)
{
  GPtrArray *channels = ds_source_get_profile (DS_SOURCE (self))->channels;
  g_autofree gboolean *planned = g_new0 (gboolean, channels->len + 1);

  p->order = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; hinted != NULL && i < channels->len; i++)
    {
      const char *id = ((DsProfileChannel *)g_ptr_array_index (channels, i))->id;

      if (p->order->len < CHANNELS_PER_POLL && g_hash_table_remove (hinted, id))
        {
          g_array_append_val (p->order, i);
          planned[i] = TRUE;
        }
    }
  p->in_turn = p->order->len;
  for (guint k = 0; p->full && k < channels->len && p->order->len < CHANNELS_PER_POLL; k++)
    {
      guint i = (self->resume_at + k) % channels->len;

      if (!planned[i])
        g_array_append_val (p->order, i);
    }
  /* Named, and not read now: next time. */
  if (hinted != NULL)
    {
      GHashTableIter iter;
      gpointer id;

      g_hash_table_iter_init (&iter, hinted);
      while (g_hash_table_iter_next (&iter, &id, NULL))
        g_hash_table_add (self->hint_channels, g_strdup (id));
    }
}

/* The current channel is done (read, or refused): the next one. */
static void
channel_done (GTask *task)
{
  DsSlackSource *self = source_of (task);
  Poll *p = g_task_get_task_data (task);
  guint n = ds_source_get_profile (DS_SOURCE (self))->channels->len;

  if (p->visited >= p->in_turn)
    self->resume_at = (channel_index (task) + 1) % n;
  p->visited++;
  next_channel (task);
}

static const DsProfileChannel *
current_channel (GTask *task)
{
  return g_ptr_array_index (ds_source_get_profile (DS_SOURCE (source_of (task)))->channels,
                            channel_index (task));
}

/* A channel's messages are taken in CLASSIFY_SLICE at a time, each slice
 * classified and saved in one transaction, the next one after the main
 * loop has run: a catch-up of thousands of messages never holds the
 * window and the tray for long. */
#define CLASSIFY_SLICE 400

static gboolean classify_slice (gpointer user_data);

/* One message of @channel, as every read (and every event) classifies it. */
static DsItem *
classify (DsSlackSource        *self,
          const char           *channel,
          const DsSlackMessage *m,
          GPtrArray            *replies)
{
  DsIdentity me = { self->me, NULL, NULL };

  return ds_classify_slack_message (ds_source_get_profile (DS_SOURCE (self)), &me, channel, m,
                                    replies, self->users);
}

/* Each channel's items are kept as soon as it is read, and only then does
 * its cursor move: trouble with a later channel (a 429) loses nothing. */
static void
classify_channel (GTask *task)
{
  Poll *p = g_task_get_task_data (task);

  p->classified = 0;
  g_clear_pointer (&p->newest, g_free);
  if (classify_slice (task) == G_SOURCE_CONTINUE)
    g_idle_add_full (G_PRIORITY_DEFAULT, classify_slice, task, NULL);
}

static gboolean
classify_slice (gpointer user_data)
{
  GTask *task = user_data;
  DsSlackSource *self = source_of (task);
  DsSource *source = DS_SOURCE (self);
  Poll *p = g_task_get_task_data (task);
  const DsProfileChannel *channel = current_channel (task);
  g_autofree char *cursor_key = g_strconcat (channel->id, ".last_ts", NULL);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  guint end = MIN (p->classified + CLASSIFY_SLICE, p->messages->len);
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return G_SOURCE_REMOVE;
    }
  for (guint i = p->classified; i < end; i++)
    {
      DsSlackMessage *m = g_ptr_array_index (p->messages, i);
      DsItem *item = classify (self, channel->id, m, g_hash_table_lookup (p->threads, m->ts));

      if (item != NULL)
        {
          g_hash_table_add (p->seen, g_strdup (ds_item_get_id (item)));
          g_ptr_array_add (items, item);
        }
      if (p->newest == NULL || g_ascii_strtod (m->ts, NULL) > g_ascii_strtod (p->newest, NULL))
        {
          g_free (p->newest);
          p->newest = g_strdup (m->ts);
        }
    }
  p->classified = end;
  if (!ds_ingest_merge (ds_source_get_ingest (source), items, "slack", 0,
                        p->first_look ? DS_INGEST_QUIET : DS_INGEST_NONE, &error))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return G_SOURCE_REMOVE;
    }
  if (p->classified < p->messages->len)
    return G_SOURCE_CONTINUE;

  if (p->newest != NULL)
    ds_source_set_cursor (source, cursor_key, p->newest);
  else if (p->first_look)
    {
      /* An empty channel: from now on, nothing is a first look. */
      g_autofree char *now = g_strdup_printf ("%" G_GINT64_FORMAT ".000000",
                                              g_get_real_time () / G_USEC_PER_SEC);
      ds_source_set_cursor (source, cursor_key, now);
    }

  channel_done (task);
  return G_SOURCE_REMOVE;
}

static void read_next_thread (GTask *task);

static void
on_replies (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *task = user_data;
  Poll *p = g_task_get_task_data (task);
  DsSlackMessage *m = g_ptr_array_index (p->messages, p->next_thread - 1);
  g_autoptr(GError) error = NULL;
  GPtrArray *replies = ds_slack_replies_finish (DS_HTTP (source), result, &error);

  if (replies == NULL)
    {
      /* Without the thread the message is still a request: go on. */
      g_debug ("Could not read the thread of %s: %s", m->ts, error->message);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          g_object_unref (task);
          return;
        }
    }
  else
    g_hash_table_insert (p->threads, g_strdup (m->ts), replies);
  read_next_thread (task);
}

/* Threads tell who answered; only open, unclaimed requests need reading. */
static void
read_next_thread (GTask *task)
{
  DsSource *source = DS_SOURCE (source_of (task));
  Poll *p = g_task_get_task_data (task);
  const DsProfileChannel *channel = current_channel (task);

  while (p->next_thread < p->messages->len)
    {
      DsSlackMessage *m = g_ptr_array_index (p->messages, p->next_thread++);
      g_autofree char *remote = g_strdup_printf ("slack:%s/%s", channel->id, m->ts);
      DsItem *known;

      if (m->reply_count <= 0)
        continue;
      known = ds_ingest_lookup (ds_source_get_ingest (source), remote);
      if (known != NULL && (ds_item_get_claimed_by (known) != NULL ||
                            ds_item_get_state (known) != DS_ITEM_STATE_NEW))
        continue;
      ds_slack_replies_async (ds_source_get_http (source), channel->id, m->ts,
                              g_task_get_cancellable (task), on_replies, task);
      return;
    }
  classify_channel (task);
}

static void resolve_next_user (GTask *task);

static void
on_user (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  DsSlackSource *self = source_of (task);
  g_autoptr(GError) error = NULL;

  if (ds_slack_users_resolve_finish (self->users, result, &error) == NULL)
    g_debug ("Could not read a Slack user: %s", error->message);
  resolve_next_user (task);
}

static void
resolve_next_user (GTask *task)
{
  DsSlackSource *self = source_of (task);
  Poll *p = g_task_get_task_data (task);

  if (p->unknown_users->len > 0)
    {
      g_autofree char *id = g_ptr_array_steal_index (p->unknown_users, p->unknown_users->len - 1);

      ds_slack_users_resolve_async (self->users, ds_source_get_http (DS_SOURCE (self)), id,
                                    g_task_get_cancellable (task), on_user, task);
      return;
    }
  read_next_thread (task);
}

static void
on_history (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *task = user_data;
  DsSlackSource *self = source_of (task);
  DsTeamProfile *profile = ds_source_get_profile (DS_SOURCE (self));
  Poll *p = g_task_get_task_data (task);
  GError *error = NULL;

  g_clear_pointer (&p->messages, g_ptr_array_unref);
  p->messages = ds_slack_history_finish (DS_HTTP (source), result, &error);
  if (p->messages == NULL)
    {
      /* Rate limited or cancelled: the rest would fail alike. Otherwise
       * (a channel the app cannot read) the other channels are read. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
          g_error_matches (error, DS_ERROR, DS_ERROR_RATE_LIMITED) ||
          g_error_matches (error, DS_ERROR, DS_ERROR_AUTH))
        {
          /* The next poll reads this channel in turn first. */
          g_task_return_error (task, error);
          g_object_unref (task);
          return;
        }
      if (p->error == NULL)
        p->error = error;
      else
        g_error_free (error);
      channel_done (task);
      return;
    }

  /* Names for the people who asked, once per person. */
  g_hash_table_remove_all (p->threads);
  p->next_thread = 0;
  for (guint i = 0; i < p->messages->len; i++)
    {
      DsSlackMessage *m = g_ptr_array_index (p->messages, i);

      if (m->user != NULL && ds_slack_users_lookup (self->users, m->user) == NULL &&
          ds_team_profile_find_teammate_by_slack (profile, m->user) == NULL &&
          !g_ptr_array_find_with_equal_func (p->unknown_users, m->user, g_str_equal, NULL))
        g_ptr_array_add (p->unknown_users, g_strdup (m->user));
    }
  resolve_next_user (task);
}

static void
finish_poll (GTask *task)
{
  DsSource *source = DS_SOURCE (source_of (task));
  Poll *p = g_task_get_task_data (task);
  GError *error = NULL;

  /* What following older requests found. */
  if (!ds_ingest_merge (ds_source_get_ingest (source), p->items, "slack", 0, DS_INGEST_NONE,
                        &error))
    g_task_return_error (task, error);
  else if (p->error != NULL)
    g_task_return_error (task, g_steal_pointer (&p->error));
  else
    g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

/* A Slack item's channel (returned) and message ts (@ts, in its remote id
 * "CHANNEL/TS"), or NULL. */
static char *
split_remote (DsItem      *item,
              const char **ts)
{
  const char *remote = ds_item_get_remote_id (item);
  const char *slash = remote != NULL ? strchr (remote, '/') : NULL;

  if (slash == NULL)
    return NULL;
  *ts = slash + 1;
  return g_strndup (remote, slash - remote);
}

static gint64
followed_at (DsSlackSource *self,
             DsItem        *item)
{
  gint64 *at = g_hash_table_lookup (self->followed, ds_item_get_id (item));
  return at != NULL ? *at : 0;
}

/* When @item is next due for a look: a request a teammate took is looked
 * at less often than one nobody took. */
static gint64
due_at (DsSlackSource *self,
        DsItem        *item)
{
  return followed_at (self, item) +
         (ds_item_get_claimed_by (item) != NULL ? FOLLOW_CLAIMED_EVERY : FOLLOW_EVERY);
}

static int
by_due (gconstpointer a,
        gconstpointer b,
        gpointer      user_data)
{
  gint64 da = due_at (user_data, *(DsItem **)a);
  gint64 db = due_at (user_data, *(DsItem **)b);

  return da < db ? -1 : da > db;
}

/* The older open requests due for a look, longest due first. */
static GPtrArray *
due_to_follow (DsSlackSource *self,
               GHashTable    *seen,
               GHashTable    *hinted)
{
  DsSource *source = DS_SOURCE (self);
  DsTeamProfile *profile = ds_source_get_profile (source);
  g_autoptr(GPtrArray) open = ds_ingest_open (ds_source_get_ingest (source), "slack");
  GPtrArray *due = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 now = ds_source_now (source);
  g_autoptr(GHashTable) still = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < open->len; i++)
    {
      DsItem *item = g_ptr_array_index (open, i);
      gint64 age = now - ds_item_get_created (item);
      const char *ts;
      g_autofree char *channel = split_remote (item, &ts);

      if (channel == NULL || ds_team_profile_find_channel (profile, channel) == NULL ||
          age <= REFRESH_WINDOW - 60 || age > (gint64)self->follow_age)
        continue;
      g_hash_table_add (still, (gpointer)ds_item_get_id (item));
      /* Just read with its channel's history: nothing to add. */
      if (g_hash_table_contains (seen, ds_item_get_id (item)))
        continue;
      if (now >= due_at (self, item))
        g_ptr_array_add (due, g_object_ref (item));
    }
  g_ptr_array_sort_with_data (due, by_due, self);
  if (due->len > FOLLOW_PER_POLL)
    g_ptr_array_set_size (due, FOLLOW_PER_POLL);

  /* Messages an event named (a reaction): read now, whatever their age,
   * if they are open requests in the inbox. */
  if (hinted != NULL)
    {
      GHashTableIter iter;
      gpointer key;

      g_hash_table_iter_init (&iter, hinted);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        {
          g_autofree char *id = g_strconcat ("slack:", (char *)key, NULL);
          DsItem *item = ds_ingest_lookup (ds_source_get_ingest (source), id);
          DsItemState state = item != NULL ? ds_item_get_state (item) : DS_ITEM_STATE_DONE;

          if (item == NULL || g_hash_table_contains (seen, id) ||
              state == DS_ITEM_STATE_DONE || state == DS_ITEM_STATE_DISMISSED ||
              g_ptr_array_find (due, item, NULL))
            continue;
          g_ptr_array_insert (due, 0, g_object_ref (item));
        }
    }

  /* Forget what no longer needs following. */
  {
    GHashTableIter iter;
    gpointer key;

    g_hash_table_iter_init (&iter, self->followed);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      if (!g_hash_table_contains (still, key))
        g_hash_table_iter_remove (&iter);
  }
  return due;
}

static void follow_next (GTask *task);

static void
on_followed (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GTask *task = user_data;
  DsSlackSource *self = source_of (task);
  Poll *p = g_task_get_task_data (task);
  g_autoptr(DsItem) item = g_ptr_array_steal_index (p->follow, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) messages = ds_slack_replies_finish (DS_HTTP (source), result, &error);
  const char *ts = NULL;
  g_autofree char *channel = split_remote (item, &ts);
  DsSlackMessage *parent = NULL;
  g_autoptr(GPtrArray) replies = g_ptr_array_new ();

  g_hash_table_replace (self->followed, g_strdup (ds_item_get_id (item)),
                        g_memdup2 (&(gint64){ ds_source_now (DS_SOURCE (self)) },
                                   sizeof (gint64)));
  if (messages == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          g_object_unref (task);
          return;
        }
      g_debug ("Could not re-read %s: %s", ds_item_get_id (item), error->message);
      follow_next (task);
      return;
    }
  for (guint i = 0; i < messages->len; i++)
    {
      DsSlackMessage *m = g_ptr_array_index (messages, i);

      if (g_strcmp0 (m->ts, ts) == 0)
        parent = m;
      else
        g_ptr_array_add (replies, m);
    }
  if (parent != NULL)
    {
      DsItem *fresh = classify (self, channel, parent, replies);
      if (fresh != NULL)
        g_ptr_array_add (p->items, fresh);
    }
  follow_next (task);
}

static void
follow_next (GTask *task)
{
  DsSlackSource *self = source_of (task);
  Poll *p = g_task_get_task_data (task);
  DsItem *item;
  const char *ts = NULL;
  g_autofree char *channel = NULL;

  if (p->follow == NULL)
    p->follow = due_to_follow (self, p->seen, p->named);
  if (p->follow->len == 0)
    {
      finish_poll (task);
      return;
    }
  item = g_ptr_array_index (p->follow, 0);
  channel = split_remote (item, &ts);
  g_debug ("Following %s", ds_item_get_id (item));
  ds_slack_replies_async (ds_source_get_http (DS_SOURCE (self)), channel, ts,
                          g_task_get_cancellable (task), on_followed, task);
}

static void
next_channel (GTask *task)
{
  DsSource *source = DS_SOURCE (source_of (task));
  Poll *p = g_task_get_task_data (task);
  const DsProfileChannel *channel;
  g_autofree char *cursor_key = NULL;
  g_autofree char *cursor = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 oldest;
  char oldest_str[32];

  if (p->visited >= p->order->len)
    {
      if (p->full && p->error == NULL)
        source_of (task)->last_full = now;
      follow_next (task);
      return;
    }

  channel = current_channel (task);
  cursor_key = g_strconcat (channel->id, ".last_ts", NULL);
  cursor = ds_source_get_cursor (source, cursor_key);
  p->first_look = cursor == NULL;
  if (cursor == NULL)
    oldest = now - FIRST_LOOK;
  else
    oldest = MIN (g_ascii_strtoll (cursor, NULL, 10), now - REFRESH_WINDOW);
  g_snprintf (oldest_str, sizeof oldest_str, "%" G_GINT64_FORMAT ".000000", oldest);
  ds_slack_history_async (ds_source_get_http (source), channel->id, oldest_str,
                          g_task_get_cancellable (task), on_history, task);
}

static void
on_auth (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  DsSlackSource *self = source_of (task);
  GError *error = NULL;
  g_autoptr(DsSlackAuth) auth = ds_slack_auth_test_finish (DS_HTTP (source), result, &error);

  if (auth == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  self->me = g_strdup (auth->user_id);
  next_channel (task);
}

static void
ds_slack_source_poll_async (DsSource            *source,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  DsSlackSource *self = DS_SLACK_SOURCE (source);
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Poll *p = g_new0 (Poll, 1);
  g_autoptr(GHashTable) hinted = NULL;

  g_task_set_source_tag (task, ds_slack_source_poll_async);
  p->items = g_ptr_array_new_with_free_func (g_object_unref);
  p->threads = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                      (GDestroyNotify)g_ptr_array_unref);
  p->unknown_users = g_ptr_array_new_with_free_func (g_free);
  p->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_task_set_task_data (task, p, (GDestroyNotify)poll_free);

  /* An event named a channel or a message, and channels were read in turn
   * within the interval: read only what the events named. */
  p->full = (g_hash_table_size (self->hint_channels) == 0 &&
             g_hash_table_size (self->hint_messages) == 0) ||
            g_get_real_time () / G_USEC_PER_SEC - self->last_full >=
              (gint64)ds_source_get_interval (source);
  hinted = g_steal_pointer (&self->hint_channels);
  self->hint_channels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  plan_channels (self, p, hinted);
  p->named = g_steal_pointer (&self->hint_messages);
  self->hint_messages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (self->me == NULL)
    ds_slack_auth_test_async (ds_source_get_http (source), cancellable, on_auth, task);
  else
    next_channel (task);
}

static gboolean
ds_slack_source_poll_finish (DsSource      *source,
                             GAsyncResult  *result,
                             GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* A message an event carried, waiting to be taken in. */
typedef struct
{
  char           *channel;
  DsSlackMessage *message;
  gboolean        asked;    /* its author was asked for */
} Taken;

static void
taken_free (Taken *t)
{
  g_free (t->channel);
  ds_slack_message_free (t->message);
  g_free (t);
}

static void
ds_slack_source_token_changed (DsSource *source)
{
  g_clear_pointer (&DS_SLACK_SOURCE (source)->me, g_free);
}

static void
ds_slack_source_finalize (GObject *object)
{
  DsSlackSource *self = (DsSlackSource *)object;

  g_free (self->me);
  g_clear_pointer (&self->users, ds_slack_users_free);
  g_clear_pointer (&self->followed, g_hash_table_unref);
  g_clear_pointer (&self->hint_channels, g_hash_table_unref);
  g_clear_pointer (&self->hint_messages, g_hash_table_unref);
  g_queue_free_full (self->taking, (GDestroyNotify)taken_free);

  G_OBJECT_CLASS (ds_slack_source_parent_class)->finalize (object);
}

static void
ds_slack_source_class_init (DsSlackSourceClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ds_slack_source_finalize;
  DS_SOURCE_CLASS (klass)->poll_async = ds_slack_source_poll_async;
  DS_SOURCE_CLASS (klass)->poll_finish = ds_slack_source_poll_finish;
  DS_SOURCE_CLASS (klass)->token_changed = ds_slack_source_token_changed;
}

static void
ds_slack_source_init (DsSlackSource *self)
{
  self->users = ds_slack_users_new ();
  self->followed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->follow_age = FOLLOW_AGE;
  self->hint_channels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->hint_messages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->taking = g_queue_new ();
}

/* How long an open request is followed (seconds; 0: the default). */
void
ds_slack_source_set_follow_age (DsSource *source,
                                guint     seconds)
{
  DsSlackSource *self = DS_SLACK_SOURCE (source);

  self->follow_age = seconds > 0 ? seconds : FOLLOW_AGE;
}

/**
 * ds_slack_source_hint:
 * @channel: the channel an event named
 * @ts: (nullable): the message it named (a reaction), if any
 *
 * Something happened there (a Socket Mode event): the next poll reads that
 * channel (or re-reads that message) only, unless a full read is due.
 */
void
ds_slack_source_hint (DsSource   *source,
                      const char *channel,
                      const char *ts)
{
  DsSlackSource *self = DS_SLACK_SOURCE (source);

  g_return_if_fail (channel != NULL);
  if (ts != NULL)
    g_hash_table_add (self->hint_messages, g_strdup_printf ("%s/%s", channel, ts));
  else
    g_hash_table_add (self->hint_channels, g_strdup (channel));
}

/* Whether a read of @channel now would take the message @ts in, and not
 * as a first look (which notifies nothing): it reads what is newer than
 * the channel's cursor, and the refresh window (next_channel()). */
static gboolean
read_would_take (DsSlackSource *self,
                 const char    *channel,
                 const char    *ts)
{
  g_autofree char *cursor_key = g_strconcat (channel, ".last_ts", NULL);
  g_autofree char *cursor = ds_source_get_cursor (DS_SOURCE (self), cursor_key);
  gint64 now = ds_source_now (DS_SOURCE (self));

  return cursor != NULL &&
         g_ascii_strtod (ts, NULL) > MIN (g_ascii_strtoll (cursor, NULL, 10), now - REFRESH_WINDOW);
}

static void take_next (DsSlackSource *self);

static void
on_author (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GWeakRef *ref = user_data;
  g_autoptr(DsSlackSource) self = g_weak_ref_get (ref);
  g_autoptr(GError) error = NULL;

  g_weak_ref_clear (ref);
  g_free (ref);
  if (self == NULL)
    return;
  /* Without a name, the message is still a request: the next read names
   * its author. */
  if (ds_slack_users_resolve_finish (self->users, result, &error) == NULL)
    g_debug ("Could not read a Slack user: %s", error->message);
  self->resolving = FALSE;
  take_next (self);
}

/* The messages events carried, in the order they came: each with its
 * author's name, as a read has it (users.info, outside the budget of
 * reading messages), then classified and merged as a read's. */
static void
take_next (DsSlackSource *self)
{
  DsSource *source = DS_SOURCE (self);

  while (!self->resolving && !g_queue_is_empty (self->taking))
    {
      Taken *t = g_queue_peek_head (self->taking);
      const char *user = t->message->user;
      g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GError) error = NULL;
      DsItem *item;

      if (!t->asked && user != NULL && ds_slack_users_lookup (self->users, user) == NULL &&
          ds_team_profile_find_teammate_by_slack (ds_source_get_profile (source), user) == NULL)
        {
          GWeakRef *ref = g_new0 (GWeakRef, 1);

          g_weak_ref_init (ref, self);
          t->asked = TRUE;
          self->resolving = TRUE;
          ds_slack_users_resolve_async (self->users, ds_source_get_http (source), user, NULL,
                                        on_author, ref);
          return;
        }
      t = g_queue_pop_head (self->taking);
      item = classify (self, t->channel, t->message, NULL);
      if (item != NULL)
        {
          g_ptr_array_add (items, item);
          /* Not kept: the next read of its channel brings it. */
          if (!ds_ingest_merge (ds_source_get_ingest (source), items, "slack", 0, DS_INGEST_NONE,
                                &error))
            g_debug ("Could not keep %s: %s", ds_item_get_id (item), error->message);
        }
      taken_free (t);
    }
}

/**
 * ds_slack_source_take_event:
 * @event: what a Socket Mode event told
 *
 * Takes in at once what @event says, if it can: a message posted, or one
 * edited that a read would take, becomes its item now, as a read would
 * make it. The event names what the next poll reads
 * (ds_slack_source_hint()): the channel of a message, which adds what the
 * event could not say; a thread a reply was posted in; a message a
 * reaction is on.
 *
 * Returns: whether to poll now for what the event named
 */
gboolean
ds_slack_source_take_event (DsSource           *source,
                            const DsSlackEvent *event)
{
  DsSlackSource *self = DS_SLACK_SOURCE (source);
  const DsSlackMessage *m = event->message;
  g_autofree char *id = NULL;
  DsItem *known = NULL;

  g_return_val_if_fail (event != NULL, FALSE);

  if (event->channel == NULL ||
      ds_team_profile_find_channel (ds_source_get_profile (source), event->channel) == NULL)
    return FALSE;
  switch (event->kind)
    {
    case DS_SLACK_EVENT_MESSAGE:
    case DS_SLACK_EVENT_EDITED:
      /* A reply: a teammate's claims the request, which is read again
       * with its thread, if it is one. */
      if (m->thread_ts != NULL && g_strcmp0 (m->thread_ts, m->ts) != 0)
        {
          g_autofree char *parent = g_strdup_printf ("slack:%s/%s", event->channel,
                                                     m->thread_ts);

          known = ds_ingest_lookup (ds_source_get_ingest (source), parent);
          if (known == NULL || ds_item_get_state (known) == DS_ITEM_STATE_DONE ||
              ds_item_get_state (known) == DS_ITEM_STATE_DISMISSED)
            return FALSE;
          ds_slack_source_hint (source, event->channel, m->thread_ts);
          return TRUE;
        }
      id = g_strdup_printf ("slack:%s/%s", event->channel, m->ts);
      known = ds_ingest_lookup (ds_source_get_ingest (source), id);
      if (self->me != NULL && (known != NULL || read_would_take (self, event->channel, m->ts)))
        {
          Taken *t = g_new0 (Taken, 1);

          t->channel = g_strdup (event->channel);
          t->message = ds_slack_message_copy (m);
          g_queue_push_tail (self->taking, t);
          take_next (self);
        }
      /* Else not known to a read yet (who the user is, or the channel's
       * first look): the read takes the message in. An edit a read would
       * not take changes nothing. */
      else if (event->kind == DS_SLACK_EVENT_EDITED && self->me != NULL)
        return FALSE;
      ds_slack_source_hint (source, event->channel, NULL);
      return TRUE;

    case DS_SLACK_EVENT_DELETED:
      return FALSE;

    case DS_SLACK_EVENT_REACTION:
      ds_slack_source_hint (source, event->channel, event->ts);
      return TRUE;

    case DS_SLACK_EVENT_OTHER:
    default:
      ds_slack_source_hint (source, event->channel, NULL);
      return TRUE;
    }
}

DsSource *
ds_slack_source_new (DsHttp        *http,
                     DsTeamProfile *profile,
                     DsIngest      *ingest,
                     DsStore       *store)
{
  return g_object_new (ds_slack_source_get_type (),
                       "name", "slack", "service", DS_SERVICE_SLACK, "http", http,
                       "profile", profile, "ingest", ingest, "store", store, NULL);
}
