/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-workspace"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ds-error.h"
#include "ds-workspace-private.h"

/* What the workspace says about reading the services: trouble told once
 * (the "problem" signal), a service unread too long ("stale"), the wait a
 * service asked for ("waiting", when Check now cannot read it sooner), and
 * Check now itself. */

/* A source in trouble is told about once, until it has read well for ten
 * minutes in a row: a flapping service is not a notification a minute. A
 * different kind of trouble (a rejected token after timeouts) is told, and
 * replaces the last message. */
#define RECOVERED_AFTER (10 * 60)

typedef struct
{
  int     code;
  gint64  good_since;   /* Unix seconds of the first good read since, or 0 */
} Told;

void
_ds_workspace_on_polled (DsPoller    *poller,
                         DsSource    *source,
                         GError      *error,
                         DsWorkspace *self)
{
  const char *name = ds_source_get_name (source);
  Told *told = g_hash_table_lookup (self->last_errors, name);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (error == NULL)
    {
      _ds_workspace_read_well (self);
      if (told != NULL && told->good_since == 0)
        told->good_since = now;
      else if (told != NULL && now - told->good_since >= RECOVERED_AFTER)
        g_hash_table_remove (self->last_errors, name);
      return;
    }
  if (g_error_matches (error, DS_ERROR, DS_ERROR_RATE_LIMITED))
    return;
  if (told != NULL)
    {
      gboolean same = told->code == error->code ||
        /* Timeouts, unreachable, 5xx, bad answers: all one trouble. */
        (told->code != DS_ERROR_AUTH && told->code != DS_ERROR_FORBIDDEN &&
         error->code != DS_ERROR_AUTH && error->code != DS_ERROR_FORBIDDEN);
      told->good_since = 0;
      if (same)
        {
          g_debug ("%s: already told: %s", name, error->message);
          return;
        }
    }
  told = g_new0 (Told, 1);
  told->code = error->domain == DS_ERROR ? error->code : -1;
  g_hash_table_replace (self->last_errors, g_strdup (name), told);
  _ds_workspace_problem (self, _("Dayshift could not read a service"), error->message);
}

void
_ds_workspace_on_stale_changed (DsPoller    *poller,
                                DsSource    *source,
                                gboolean     stale,
                                gint64       since,
                                DsWorkspace *self)
{
  DsService service = ds_source_get_service (source);
  guint bit = 1u << service;

  if (stale)
    self->stale |= bit;
  else if ((self->stale & bit) == 0)
    return;
  else
    self->stale &= ~bit;
  _ds_workspace_emit_stale (self, service, stale, since);
}

/* @service is no longer read: it is not stale either. */
void
_ds_workspace_forget_stale (DsWorkspace *self,
                            DsService    service)
{
  guint bit = 1u << service;

  if ((self->stale & bit) == 0)
    return;
  self->stale &= ~bit;
  _ds_workspace_emit_stale (self, service, FALSE, 0);
}

/* Sources replaced: what was stale is no longer watched. */
void
_ds_workspace_forget_all_stale (DsWorkspace *self)
{
  for (DsService s = 0; s < DS_N_SERVICES; s++)
    _ds_workspace_forget_stale (self, s);
}

/**
 * ds_workspace_get_waiting_until:
 * @service: a service
 *
 * Returns: the Unix time until which @service asked Dayshift to leave it
 *   alone (a rate limit, at most an hour from when it asked), or 0
 */
gint64
ds_workspace_get_waiting_until (DsWorkspace *self,
                                DsService    service)
{
  g_return_val_if_fail (DS_IS_WORKSPACE (self), 0);
  g_return_val_if_fail (service < DS_N_SERVICES, 0);

  return self->http != NULL ? ds_http_get_backoff_until (self->http, service) : 0;
}

/* Check now asks nothing of a service that asked to wait: says until when. */
static void
tell_waits (DsWorkspace *self)
{
  for (DsService s = 0; s < DS_N_SERVICES && self->http != NULL; s++)
    {
      gint64 until = ds_http_get_backoff_until (self->http, s);

      if (until > 0)
        _ds_workspace_emit_waiting (self, s, until);
    }
}

/* "Check now": every source reads at once, what waits in the outbox is
 * tried again, and the shift is read again; a service that asked to be
 * left alone is not asked, and "waiting" says until when. */
void
ds_workspace_check_now (DsWorkspace *self)
{
  g_return_if_fail (DS_IS_WORKSPACE (self));

  tell_waits (self);
  ds_poller_poll_now (self->poller);
  if (self->sender != NULL)
    ds_sender_retry_now (self->sender);
  ds_workspace_read_shift (self);
}

void
ds_workspace_set_online (DsWorkspace *self,
                         gboolean     online)
{
  g_return_if_fail (DS_IS_WORKSPACE (self));

  if (online && !self->online)
    _ds_workspace_back_online (self);
  self->online = online;
  if (self->poller != NULL)
    ds_poller_set_online (self->poller, online);
  if (self->sender != NULL)
    ds_sender_set_online (self->sender, online);
}
