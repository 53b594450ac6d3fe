/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-workspace"

#include "config.h"

#include "ds-workspace-private.h"

/* Time away: when Dayshift last read a service well (kept in the store, so
 * that the next start knows), and the times it read nothing: not running,
 * the computer asleep, offline. Coming back, every source is read at once
 * (the poller's catch-up); "time-away" says such a time began to be read,
 * "caught-up" that all of it is read, each with when it began and ended,
 * so that what came in meanwhile can be told as one. A time shorter than
 * AWAY_AT_LEAST is none: what came in then is told as it always is. */

#define AWAY_AT_LEAST   (10 * 60)
#define LAST_READ_KEY   "last-read"
#define LAST_READ_GRAIN 60   /* the store is told at most once a minute */

static gint64
wall_now (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

/* Nothing was read from @since until @until: a time away, unless short.
 * One not yet read whole grows to take the new one in. */
static void
begin_away (DsWorkspace *self,
            gint64       since,
            gint64       until)
{
  if (since <= 0 || until - since < AWAY_AT_LEAST)
    return;
  if (self->away_until != 0)
    since = MIN (since, self->away_since);
  self->away_since = since;
  self->away_until = until;
  g_debug ("Away from %" G_GINT64_FORMAT " to %" G_GINT64_FORMAT ": catching up", since, until);
  _ds_workspace_emit_time_away (self, since, until);
}

/* A new workspace on its store: Dayshift read last when the store says,
 * and nothing since, until now. */
void
_ds_workspace_away_init (DsWorkspace *self)
{
  g_autofree char *kept = self->store != NULL
    ? ds_store_get_meta (self->store, LAST_READ_KEY, NULL) : NULL;

  if (kept == NULL)
    return;
  self->last_read = self->last_kept = g_ascii_strtoll (kept, NULL, 10);
  begin_away (self, self->last_read, wall_now ());
}

static void
keep_last_read (DsWorkspace *self,
                gint64       now)
{
  g_autofree char *value = g_strdup_printf ("%" G_GINT64_FORMAT, now);
  g_autoptr(GError) error = NULL;

  if (!ds_store_set_meta (self->store, LAST_READ_KEY, value, &error))
    g_debug ("Could not keep when Dayshift last read: %s", error->message);
  else
    self->last_kept = now;
}

/* A source was read well: kept, a minute at most behind; but not while a
 * time away is caught up, so that Dayshift stopped then still finds it at
 * the next start (it is kept once every source is read again). */
void
_ds_workspace_read_well (DsWorkspace *self)
{
  gint64 now = wall_now ();

  self->last_read = now;
  if (self->store == NULL || self->away_until != 0 || now - self->last_kept < LAST_READ_GRAIN)
    return;
  keep_last_read (self, now);
}

/* The network came back: the time offline is a time away. */
void
_ds_workspace_back_online (DsWorkspace *self)
{
  begin_away (self, self->last_read, wall_now ());
}

void
_ds_workspace_on_caught_up (DsPoller    *poller,
                            DsWorkspace *self)
{
  gint64 since = self->away_since, until = self->away_until;

  if (until == 0)
    return;
  self->away_since = self->away_until = 0;
  if (self->store != NULL)
    keep_last_read (self, wall_now ());
  _ds_workspace_emit_caught_up (self, since, until);
}

/**
 * ds_workspace_woke:
 * @asleep_since: when the computer went to sleep (Unix seconds)
 *
 * The computer woke up: every source is read at once, what waits in the
 * outbox is tried again and the shift read again; the time asleep is a
 * time away (from the last good read before it).
 */
void
ds_workspace_woke (DsWorkspace *self,
                   gint64       asleep_since)
{
  g_return_if_fail (DS_IS_WORKSPACE (self));

  begin_away (self, self->last_read > 0 ? MIN (self->last_read, asleep_since) : asleep_since,
              wall_now ());
  if (self->poller != NULL)
    ds_poller_catch_up (self->poller);
  if (self->sender != NULL)
    ds_sender_retry_now (self->sender);
  ds_workspace_read_shift (self);
}

/**
 * ds_workspace_get_time_away:
 * @since: (out): when the time away began (the last good read before it)
 * @until: (out): when it ended (Dayshift started, woke, came online)
 *
 * Returns: whether a time away is being caught up now: until "caught-up",
 *   what came in then is still being read
 */
gboolean
ds_workspace_get_time_away (DsWorkspace *self,
                            gint64      *since,
                            gint64      *until)
{
  g_return_val_if_fail (DS_IS_WORKSPACE (self), FALSE);

  *since = self->away_since;
  *until = self->away_until;
  return self->away_until != 0;
}
