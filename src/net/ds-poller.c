/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-poller"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ds-error.h"
#include "ds-poller.h"

/* When each source is read, and the watch that no source can leave:
 *
 *  - each source on its own schedule; never two polls of one source at
 *    once (a request while one runs is kept for after it); a service that
 *    asked to wait is left alone until then; offline, nothing is polled,
 *    and when the network returns each source catches up once;
 *  - every poll has a deadline (five times the HTTP timeout): past it, the
 *    poll is cancelled, counted as a failure ("polled" with a timeout
 *    error), its answer ignored should it ever come, and the next one is
 *    scheduled;
 *  - a source not read successfully for three intervals (ten minutes at
 *    the least) is stale: "stale-changed" says so once, and again when a
 *    read succeeds;
 *  - at the start, when the network returns and after a suspend
 *    (ds_poller_catch_up()), every source owes a read: "caught-up" says
 *    when each has been read once since (a read that failed counts: what
 *    could be read was).
 *
 * Time is the poller's clock: the monotonic clock, with one timer armed for
 * the next thing due; or the caller's (ds_poller_set_clock()), moved by the
 * caller, who calls ds_poller_tick() after moving it. */

#define DEFAULT_DEADLINE  (5 * 30)
#define STALE_INTERVALS   3
#define STALE_AT_LEAST    (10 * 60)
#define LONGEST_SLEEP     60         /* seconds: the timer is re-armed at least this often */

typedef struct
{
  gatomicrefcount ref;
  DsSource     *source;
  gint64        next_at;      /* µs on the poller's clock; 0: nothing planned */
  gint64        deadline_at;  /* while running */
  gint64        last_read;    /* last successful read, or when watching began */
  GCancellable *cancellable;  /* the running poll's */
  guint         generation;   /* the poll whose answer is awaited */
  guint         n_polls;
  guint         n_good;
  gboolean      running;
  gboolean      again;        /* poll again as soon as the running one ends */
  gboolean      stale;
  gboolean      ever_read;
  gboolean      owed;         /* the catch-up under way waits for a read of it */
  gboolean      counts;       /* the running poll began since: it is that read */
} Entry;

struct _DsPoller
{
  GObject        parent_instance;

  DsHttp        *http;
  GPtrArray     *entries;  /* Entry */
  DsPollerClock  clock;
  gpointer       clock_data;
  guint          timer;
  guint          deadline;   /* seconds */
  gboolean       started;
  gboolean       online;
  gboolean       ticking;
  gboolean       catching_up;
};

G_DEFINE_FINAL_TYPE (DsPoller, ds_poller, G_TYPE_OBJECT)

enum { SIGNAL_POLLED, SIGNAL_STALE_CHANGED, SIGNAL_CAUGHT_UP, N_SIGNALS };
static guint signals[N_SIGNALS];

static void poll_entry (DsPoller *self, Entry *entry);
static void rearm (DsPoller *self);

static Entry *
entry_ref (Entry *entry)
{
  g_atomic_ref_count_inc (&entry->ref);
  return entry;
}

static void
entry_unref (Entry *entry)
{
  if (!g_atomic_ref_count_dec (&entry->ref))
    return;
  g_clear_object (&entry->cancellable);
  g_clear_object (&entry->source);
  g_free (entry);
}

static gint64
now_of (DsPoller *self)
{
  return self->clock != NULL ? self->clock (self->clock_data) : g_get_monotonic_time ();
}

/* What the poller's clock reads as @at, on the wall clock (Unix seconds). */
static gint64
wall_of (DsPoller *self,
         gint64    at)
{
  if (self->clock != NULL)
    return at / G_USEC_PER_SEC;
  return (g_get_real_time () - (g_get_monotonic_time () - at)) / G_USEC_PER_SEC;
}

static gint64
stale_after (Entry *entry)
{
  return MAX ((gint64)STALE_INTERVALS * ds_source_get_interval (entry->source),
              (gint64)STALE_AT_LEAST) * G_USEC_PER_SEC;
}

/* The next poll, one interval from now (or when the service allows). */
static void
schedule (DsPoller *self,
          Entry    *entry)
{
  gint64 wall = g_get_real_time () / G_USEC_PER_SEC;
  gint64 backoff = ds_http_get_backoff_until (self->http, ds_source_get_service (entry->source));
  gint64 delay = ds_source_get_interval (entry->source);

  if (backoff > wall + delay)
    delay = backoff - wall + 1;
  entry->next_at = now_of (self) + delay * G_USEC_PER_SEC;
}

static void
set_stale (DsPoller *self,
           Entry    *entry,
           gboolean  stale)
{
  if (entry->stale == stale)
    return;
  entry->stale = stale;
  g_signal_emit (self, signals[SIGNAL_STALE_CHANGED], 0, entry->source, stale,
                 wall_of (self, entry->last_read));
}

/* A read of @entry ended (well or not): if the catch-up waited for it,
 * and for nothing else, the catch-up is over. */
static void
read_ended (DsPoller *self,
            Entry    *entry)
{
  if (entry != NULL && entry->counts)
    entry->owed = entry->counts = FALSE;
  if (!self->catching_up)
    return;
  for (guint i = 0; i < self->entries->len; i++)
    if (((Entry *)g_ptr_array_index (self->entries, i))->owed)
      return;
  self->catching_up = FALSE;
  g_debug ("Every source read: caught up");
  g_signal_emit (self, signals[SIGNAL_CAUGHT_UP], 0);
}

/* Every source owes a read, and is read now. */
static void
catch_up (DsPoller *self)
{
  self->catching_up = TRUE;
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);

      entry->owed = TRUE;
      entry->counts = FALSE;
    }
  ds_poller_poll_now (self);
  read_ended (self, NULL);
}

typedef struct
{
  GWeakRef  poller;
  Entry    *entry;
  guint     generation;
} Running;

static void
on_polled (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Running *run = user_data;
  g_autoptr(DsPoller) self = g_weak_ref_get (&run->poller);
  Entry *entry = run->entry;
  g_autoptr(GError) error = NULL;

  ds_source_poll_finish (DS_SOURCE (source), result, &error);

  if (self == NULL || !entry->running || entry->generation != run->generation)
    {
      /* A poll given up on (deadline, stop) that ended after all. */
      g_debug ("%s: a late answer ignored", ds_source_get_name (entry->source));
    }
  else
    {
      entry->running = FALSE;
      entry->n_polls++;
      g_clear_object (&entry->cancellable);

      if (error != NULL)
        g_debug ("%s: %s", ds_source_get_name (entry->source), error->message);
      else
        {
          entry->n_good++;
          entry->ever_read = TRUE;
          entry->last_read = now_of (self);
        }
      g_signal_emit (self, signals[SIGNAL_POLLED], 0, entry->source, error);
      if (error == NULL)
        set_stale (self, entry, FALSE);
      read_ended (self, entry);

      if (entry->again && self->started && self->online)
        {
          entry->again = FALSE;
          poll_entry (self, entry);
        }
      else
        schedule (self, entry);
      rearm (self);
    }

  g_weak_ref_clear (&run->poller);
  entry_unref (run->entry);
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
  entry->next_at = 0;
  entry->running = TRUE;
  entry->counts = entry->owed;
  entry->generation++;
  entry->deadline_at = now_of (self) + (gint64)self->deadline * G_USEC_PER_SEC;
  g_clear_object (&entry->cancellable);
  entry->cancellable = g_cancellable_new ();
  run = g_new0 (Running, 1);
  g_weak_ref_init (&run->poller, self);
  run->entry = entry_ref (entry);
  run->generation = entry->generation;
  ds_source_poll_async (entry->source, entry->cancellable, on_polled, run);
  rearm (self);
}

/* Forgets the running poll of @entry: its answer, if it comes, is ignored. */
static void
give_up (Entry *entry)
{
  g_autoptr(GCancellable) cancellable = g_steal_pointer (&entry->cancellable);

  entry->running = FALSE;
  entry->again = FALSE;
  entry->counts = FALSE;
  entry->generation++;
  if (cancellable != NULL)
    g_cancellable_cancel (cancellable);
}

static void
pass_deadline (DsPoller *self,
               Entry    *entry)
{
  g_autoptr(GError) error = NULL;

  error = g_error_new (DS_ERROR, DS_ERROR_TIMED_OUT,
                       _("Reading %s took longer than %u seconds; Dayshift stopped waiting and "
                         "will read it again."),
                       ds_service_label (ds_source_get_service (entry->source)), self->deadline);
  g_message ("%s: %s", ds_source_get_name (entry->source), error->message);
  if (entry->counts)
    entry->owed = FALSE;
  give_up (entry);
  entry->n_polls++;
  schedule (self, entry);
  g_signal_emit (self, signals[SIGNAL_POLLED], 0, entry->source, error);
  read_ended (self, NULL);
}

/**
 * ds_poller_tick:
 *
 * Does what is due on the poller's clock: polls, deadlines, staleness.
 * Called by the poller's own timer, or by the caller after moving its clock.
 */
void
ds_poller_tick (DsPoller *self)
{
  gint64 now;

  g_return_if_fail (DS_IS_POLLER (self));

  if (self->ticking)
    return;
  self->ticking = TRUE;
  g_object_ref (self);
  now = now_of (self);
  for (guint i = 0; self->entries != NULL && i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);

      if (!self->started || !self->online)
        break;
      if (entry->running && now >= entry->deadline_at)
        pass_deadline (self, entry);
      if (!entry->running && entry->next_at != 0 && now >= entry->next_at)
        poll_entry (self, entry);
      if (!entry->running && !entry->stale && now - entry->last_read > stale_after (entry))
        set_stale (self, entry, TRUE);
    }
  self->ticking = FALSE;
  rearm (self);
  g_object_unref (self);
}

static gboolean
on_timer (gpointer user_data)
{
  DsPoller *self = user_data;

  self->timer = 0;
  ds_poller_tick (self);
  return G_SOURCE_REMOVE;
}

/* One timer, for the next thing due (with the caller's clock: none). */
static void
rearm (DsPoller *self)
{
  gint64 now, next = G_MAXINT64;
  guint delay;

  g_clear_handle_id (&self->timer, g_source_remove);
  if (self->clock != NULL || !self->started || !self->online || self->ticking ||
      self->entries == NULL)
    return;
  now = now_of (self);
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);

      if (entry->running)
        next = MIN (next, entry->deadline_at);
      else if (entry->next_at != 0)
        next = MIN (next, entry->next_at);
      if (!entry->running && !entry->stale)
        next = MIN (next, entry->last_read + stale_after (entry) + 1);
    }
  if (next <= now)
    delay = 0;
  else
    delay = (guint)MIN ((next - now + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC, LONGEST_SLEEP);
  if (delay == 0)
    self->timer = g_idle_add (on_timer, self);
  else
    self->timer = g_timeout_add_seconds (delay, on_timer, self);
}

static void
ds_poller_dispose (GObject *object)
{
  DsPoller *self = (DsPoller *)object;

  g_clear_handle_id (&self->timer, g_source_remove);
  if (self->entries != NULL)
    for (guint i = 0; i < self->entries->len; i++)
      give_up (g_ptr_array_index (self->entries, i));
  g_clear_pointer (&self->entries, g_ptr_array_unref);
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

  /**
   * DsPoller::stale-changed:
   * @source: the source
   * @stale: whether it has gone unread too long
   * @since: when it was last read (Unix seconds; when watching began if never)
   */
  signals[SIGNAL_STALE_CHANGED] =
    g_signal_new ("stale-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 3, DS_TYPE_SOURCE, G_TYPE_BOOLEAN, G_TYPE_INT64);

  /**
   * DsPoller::caught-up:
   *
   * Every source was read once since the poller started, the network came
   * back or ds_poller_catch_up() was called (a read that failed counts).
   */
  signals[SIGNAL_CAUGHT_UP] =
    g_signal_new ("caught-up", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 0);
}

static void
ds_poller_init (DsPoller *self)
{
  self->entries = g_ptr_array_new_with_free_func ((GDestroyNotify)entry_unref);
  self->online = TRUE;
  self->deadline = DEFAULT_DEADLINE;
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

/**
 * ds_poller_set_clock:
 * @clock: (nullable): returns the time in µs; %NULL for the monotonic clock
 *
 * With a clock of the caller's, the poller arms no timer: the caller calls
 * ds_poller_tick() after moving it.
 */
void
ds_poller_set_clock (DsPoller      *self,
                     DsPollerClock  clock,
                     gpointer       user_data)
{
  g_return_if_fail (DS_IS_POLLER (self));
  g_return_if_fail (!self->started);

  self->clock = clock;
  self->clock_data = user_data;
}

/* How long one poll may take before it is given up (seconds). */
void
ds_poller_set_deadline (DsPoller *self,
                        guint     seconds)
{
  g_return_if_fail (DS_IS_POLLER (self));
  g_return_if_fail (seconds > 0);
  self->deadline = seconds;
}

/* A shorter interval (Socket Mode went down: polling is the watch again)
 * applies now, not after the read planned with the longer one. */
static void
on_interval_changed (DsSource *source,
                     DsPoller *self)
{
  gint64 soon = now_of (self) + (gint64)ds_source_get_interval (source) * G_USEC_PER_SEC;

  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);

      if (entry->source != source || entry->running || entry->next_at == 0 ||
          entry->next_at <= soon)
        continue;
      g_debug ("%s: read within %u s now", ds_source_get_name (source),
               ds_source_get_interval (source));
      schedule (self, entry);
      rearm (self);
    }
}

void
ds_poller_add (DsPoller *self,
               DsSource *source)
{
  Entry *entry;

  g_return_if_fail (DS_IS_POLLER (self));
  g_return_if_fail (DS_IS_SOURCE (source));

  entry = g_new0 (Entry, 1);
  g_atomic_ref_count_init (&entry->ref);
  entry->source = g_object_ref (source);
  entry->last_read = now_of (self);
  entry->owed = self->catching_up;
  g_ptr_array_add (self->entries, entry);
  g_signal_connect_object (source, "interval-changed", G_CALLBACK (on_interval_changed), self, 0);
  if (self->started)
    poll_entry (self, entry);
}

/* Stops watching @source (its service is no longer read): a poll under way
 * is given up, its answer ignored should it come. */
void
ds_poller_remove (DsPoller *self,
                  DsSource *source)
{
  g_return_if_fail (DS_IS_POLLER (self));
  g_return_if_fail (DS_IS_SOURCE (source));

  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);

      if (entry->source != source)
        continue;
      g_signal_handlers_disconnect_by_func (source, on_interval_changed, self);
      give_up (entry);
      g_ptr_array_remove_index (self->entries, i);
      rearm (self);
      read_ended (self, NULL);
      return;
    }
}

/* Polls every source now, then each on its interval: a catch-up. */
void
ds_poller_start (DsPoller *self)
{
  g_return_if_fail (DS_IS_POLLER (self));

  if (self->started)
    return;
  self->started = TRUE;
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);
      if (!entry->ever_read)
        entry->last_read = now_of (self);
    }
  catch_up (self);
}

/**
 * ds_poller_catch_up:
 *
 * Reads every source now, after a time away (the computer slept): each
 * owes a read, and "caught-up" says when all have been read.
 */
void
ds_poller_catch_up (DsPoller *self)
{
  g_return_if_fail (DS_IS_POLLER (self));

  if (self->started && self->online)
    catch_up (self);
}

void
ds_poller_stop (DsPoller *self)
{
  g_return_if_fail (DS_IS_POLLER (self));

  self->started = FALSE;
  g_clear_handle_id (&self->timer, g_source_remove);
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);
      give_up (entry);
      entry->next_at = 0;
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
      g_clear_handle_id (&self->timer, g_source_remove);
      for (guint i = 0; i < self->entries->len; i++)
        ((Entry *)g_ptr_array_index (self->entries, i))->next_at = 0;
      return;
    }
  if (self->started)
    catch_up (self);
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

static Entry *
find (DsPoller *self,
      DsSource *source)
{
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);
      if (entry->source == source)
        return entry;
    }
  return NULL;
}

/* How many polls of @source have finished (a poll given up on counts). */
guint
ds_poller_get_n_polls (DsPoller *self,
                       DsSource *source)
{
  Entry *entry;

  g_return_val_if_fail (DS_IS_POLLER (self), 0);
  entry = find (self, source);
  return entry != NULL ? entry->n_polls : 0;
}

/* Whether a source is being read (a request while one runs included): a
 * caller can wait for the polls it asked for to end, instead of for a time. */
gboolean
ds_poller_get_busy (DsPoller *self)
{
  g_return_val_if_fail (DS_IS_POLLER (self), FALSE);

  for (guint i = 0; i < self->entries->len; i++)
    if (((Entry *)g_ptr_array_index (self->entries, i))->running)
      return TRUE;
  return FALSE;
}

/**
 * ds_poller_get_stale:
 * @since: (out) (optional): when @source was last read (Unix seconds)
 *
 * Returns: whether @source has gone unread too long
 */
gboolean
ds_poller_get_stale (DsPoller *self,
                     DsSource *source,
                     gint64   *since)
{
  Entry *entry;

  g_return_val_if_fail (DS_IS_POLLER (self), FALSE);
  entry = find (self, source);
  if (entry == NULL)
    return FALSE;
  if (since != NULL)
    *since = wall_of (self, entry->last_read);
  return entry->stale;
}
