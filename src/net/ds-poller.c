/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-poller"

#include "config.h"

#include "ds-poller.h"

/* When each source is read. Each source on its own timer; never two polls
 * of one source at once (a request while one runs is kept for after it);
 * a service that asked to wait is left alone until then; offline, nothing
 * is polled, and when the network returns each source catches up once. */

typedef struct
{
  DsSource *source;
  guint     timer;
  guint     n_polls;
  gboolean  running;
  gboolean  again;     /* poll again as soon as the running one ends */
} Entry;

struct _DsPoller
{
  GObject       parent_instance;

  DsHttp       *http;
  GPtrArray    *entries;  /* Entry */
  GCancellable *cancellable;
  gboolean      started;
  gboolean      online;
};

G_DEFINE_FINAL_TYPE (DsPoller, ds_poller, G_TYPE_OBJECT)

enum { SIGNAL_POLLED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void poll_entry (DsPoller *self, Entry *entry);

static void
entry_free (Entry *entry)
{
  g_clear_handle_id (&entry->timer, g_source_remove);
  g_clear_object (&entry->source);
  g_free (entry);
}

typedef struct
{
  DsPoller *self;
  Entry    *entry;
} Tick;

static gboolean
on_timer (gpointer user_data)
{
  Tick *tick = user_data;

  tick->entry->timer = 0;
  poll_entry (tick->self, tick->entry);
  return G_SOURCE_REMOVE;
}

static void
schedule (DsPoller *self,
          Entry    *entry)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 backoff = ds_http_get_backoff_until (self->http, ds_source_get_service (entry->source));
  guint delay = ds_source_get_interval (entry->source);
  Tick *tick;

  if (!self->started || !self->online)
    return;
  if (backoff > now + delay)
    delay = (guint)(backoff - now + 1);
  g_clear_handle_id (&entry->timer, g_source_remove);
  tick = g_new0 (Tick, 1);
  tick->self = self;
  tick->entry = entry;
  entry->timer = g_timeout_add_seconds_full (G_PRIORITY_DEFAULT, delay, on_timer, tick, g_free);
}

typedef struct
{
  DsPoller *self;   /* strong: the poll keeps the poller */
  Entry    *entry;
} Running;

static void
on_polled (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Running *run = user_data;
  DsPoller *self = run->self;
  Entry *entry = run->entry;
  g_autoptr(GError) error = NULL;

  ds_source_poll_finish (DS_SOURCE (source), result, &error);
  entry->running = FALSE;
  entry->n_polls++;

  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (error != NULL)
        g_debug ("%s: %s", ds_source_get_name (entry->source), error->message);
      g_signal_emit (self, signals[SIGNAL_POLLED], 0, entry->source, error);

      if (entry->again && self->online)
        {
          entry->again = FALSE;
          poll_entry (self, entry);
        }
      else
        schedule (self, entry);
    }

  g_object_unref (run->self);
  g_free (run);
}

static void
poll_entry (DsPoller *self,
            Entry    *entry)
{
  Running *run;

  if (!self->started || !self->online)
    return;
  if (entry->running)
    {
      entry->again = TRUE;
      return;
    }
  g_clear_handle_id (&entry->timer, g_source_remove);
  entry->running = TRUE;
  run = g_new0 (Running, 1);
  run->self = g_object_ref (self);
  run->entry = entry;
  ds_source_poll_async (entry->source, self->cancellable, on_polled, run);
}

static void
ds_poller_dispose (GObject *object)
{
  DsPoller *self = (DsPoller *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->http);

  G_OBJECT_CLASS (ds_poller_parent_class)->dispose (object);
}

static void
ds_poller_class_init (DsPollerClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = ds_poller_dispose;

  /**
   * DsPoller::polled:
   * @source: the source
   * @error: (nullable): what went wrong, or %NULL
   */
  signals[SIGNAL_POLLED] =
    g_signal_new ("polled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, DS_TYPE_SOURCE, G_TYPE_ERROR);
}

static void
ds_poller_init (DsPoller *self)
{
  self->entries = g_ptr_array_new_with_free_func ((GDestroyNotify)entry_free);
  self->cancellable = g_cancellable_new ();
  self->online = TRUE;
}

DsPoller *
ds_poller_new (DsHttp *http)
{
  DsPoller *self;

  g_return_val_if_fail (DS_IS_HTTP (http), NULL);
  self = g_object_new (DS_TYPE_POLLER, NULL);
  self->http = g_object_ref (http);
  return self;
}

void
ds_poller_add (DsPoller *self,
               DsSource *source)
{
  Entry *entry;

  g_return_if_fail (DS_IS_POLLER (self));
  g_return_if_fail (DS_IS_SOURCE (source));

  entry = g_new0 (Entry, 1);
  entry->source = g_object_ref (source);
  g_ptr_array_add (self->entries, entry);
  if (self->started)
    poll_entry (self, entry);
}

/* Polls every source now, then each on its interval. */
void
ds_poller_start (DsPoller *self)
{
  g_return_if_fail (DS_IS_POLLER (self));

  if (self->started)
    return;
  self->started = TRUE;
  ds_poller_poll_now (self);
}

void
ds_poller_stop (DsPoller *self)
{
  g_return_if_fail (DS_IS_POLLER (self));

  self->started = FALSE;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);
      g_clear_handle_id (&entry->timer, g_source_remove);
      entry->again = FALSE;
    }
}

/* Polls each source once now (a poll under way is followed by one more). */
void
ds_poller_poll_now (DsPoller *self)
{
  g_return_if_fail (DS_IS_POLLER (self));

  for (guint i = 0; i < self->entries->len; i++)
    poll_entry (self, g_ptr_array_index (self->entries, i));
}

/**
 * ds_poller_set_online:
 *
 * Pauses polling while offline; coming back, each source catches up once.
 */
void
ds_poller_set_online (DsPoller *self,
                      gboolean  online)
{
  g_return_if_fail (DS_IS_POLLER (self));

  online = !!online;
  if (self->online == online)
    return;
  self->online = online;
  g_debug ("Network %s", online ? "back: catching up" : "gone: polling paused");
  if (!online)
    {
      for (guint i = 0; i < self->entries->len; i++)
        {
          Entry *entry = g_ptr_array_index (self->entries, i);
          g_clear_handle_id (&entry->timer, g_source_remove);
        }
      return;
    }
  ds_poller_poll_now (self);
}

/* Polls @source now (something happened there: a Socket Mode event). */
void
ds_poller_poll_source (DsPoller *self,
                       DsSource *source)
{
  g_return_if_fail (DS_IS_POLLER (self));

  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);
      if (entry->source == source)
        poll_entry (self, entry);
    }
}

gboolean
ds_poller_get_online (DsPoller *self)
{
  g_return_val_if_fail (DS_IS_POLLER (self), FALSE);
  return self->online;
}

/* How many polls of @source have finished. */
guint
ds_poller_get_n_polls (DsPoller *self,
                       DsSource *source)
{
  g_return_val_if_fail (DS_IS_POLLER (self), 0);

  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);
      if (entry->source == source)
        return entry->n_polls;
    }
  return 0;
}
