/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-workspace"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ds-error.h"
#include "ds-github.h"
#include "ds-pagerduty.h"
#include "ds-rotation.h"
#include "ds-workspace-private.h"

/* The user's shift, from PagerDuty: the schedule's final layer for the
 * user, read at start, every few hours and on Check now; a failure told
 * once until it changes. */

typedef struct
{
  DsWorkspace *self;
  DsHttp      *http;
  char        *user_id;
} ShiftCall;

static void
shift_call_free (ShiftCall *call)
{
  g_object_unref (call->self);
  g_object_unref (call->http);
  g_free (call->user_id);
  g_free (call);
}

/* Told once while it keeps failing the same way, like a source. */
static void
shift_problem (DsWorkspace  *self,
               const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_strcmp0 (self->schedule_error, error->message) == 0)
    return;
  g_free (self->schedule_error);
  self->schedule_error = g_strdup (error->message);
  _ds_workspace_problem (self, _("Dayshift could not read your PagerDuty schedule"), error->message);
}

static void
on_schedule (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  ShiftCall *call = user_data;
  DsWorkspace *self = call->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(DsPdSchedule) schedule = ds_pagerduty_get_schedule_finish (DS_HTTP (source), result,
                                                                       &error);
  g_autoptr(GArray) shifts = NULL;
  const DsShift *shift;
  const char *next = NULL;

  if (schedule == NULL)
    {
      shift_problem (self, error);
      shift_call_free (call);
      return;
    }
  g_clear_pointer (&self->schedule_error, g_free);
  shifts = ds_rotation_shifts (schedule, self->profile->pagerduty_layer, call->user_id);
  shift = ds_rotation_current_or_next (shifts, g_get_real_time () / G_USEC_PER_SEC);
  if (shift != NULL)
    next = ds_rotation_next_person (schedule, self->profile->pagerduty_layer, call->user_id,
                                    shift->end);
  g_debug ("PagerDuty: %u shifts; next person %s", shifts->len, next ? next : "-");
  g_clear_pointer (&self->schedule, ds_pd_schedule_free);
  self->schedule = g_steal_pointer (&schedule);
  _ds_workspace_emit_shift (self, shift != NULL ? shift->start : 0,
                            shift != NULL ? shift->end : 0, next);
  shift_call_free (call);
}

static void
on_pd_me (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  ShiftCall *call = user_data;
  DsWorkspace *self = call->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(DsPdUser) me = ds_pagerduty_get_me_finish (DS_HTTP (source), result, &error);
  gint64 since, until;

  if (me == NULL)
    {
      shift_problem (self, error);
      shift_call_free (call);
      return;
    }
  call->user_id = g_strdup (me->id);
  ds_rotation_read_window (g_get_real_time () / G_USEC_PER_SEC, &since, &until);
  ds_pagerduty_get_schedule_async (call->http, self->profile->pagerduty_schedule, since, until,
                                   self->cancellable, on_schedule, call);
}

void
_ds_workspace_read_shift_now (DsWorkspace *self)
{
  ShiftCall *call;

  if (self->http == NULL || self->profile == NULL || self->profile->pagerduty_schedule == NULL ||
      !ds_http_has_token (self->http, DS_SERVICE_PAGERDUTY) || !self->online)
    return;
  call = g_new0 (ShiftCall, 1);
  call->self = g_object_ref (self);
  call->http = g_object_ref (self->http);
  ds_pagerduty_get_me_async (self->http, self->cancellable, on_pd_me, call);
}

static gboolean
on_shift_timer (gpointer user_data)
{
  _ds_workspace_read_shift_now (user_data);
  return G_SOURCE_CONTINUE;
}

void
_ds_workspace_start_shift_watch (DsWorkspace *self)
{
  g_clear_handle_id (&self->shift_timer, g_source_remove);
  if (self->profile == NULL || self->profile->pagerduty_schedule == NULL ||
      !ds_http_has_token (self->http, DS_SERVICE_PAGERDUTY))
    return;
  _ds_workspace_read_shift_now (self);
  self->shift_timer = g_timeout_add_seconds (SHIFT_RECHECK, on_shift_timer, self);
}

/**
 * ds_workspace_read_shift:
 *
 * Reads the user's shift from PagerDuty now (at start-up it is read, then
 * every four hours); the answer comes as the "shift" signal.
 */
void
ds_workspace_read_shift (DsWorkspace *self)
{
  g_return_if_fail (DS_IS_WORKSPACE (self));
  _ds_workspace_read_shift_now (self);
}

/**
 * ds_workspace_get_away:
 * @now: the time asked about (Unix seconds)
 *
 * The teammates the PagerDuty schedule, as last read, says are away around
 * @now: off today (an override gave their daytime shift away) or on the
 * night rotation. Empty without a schedule.
 *
 * Returns: (transfer full) (element-type utf8 utf8): teammate name to why
 */
GHashTable *
ds_workspace_get_away (DsWorkspace *self,
                       gint64       now)
{
  GHashTable *away = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) ids = NULL;

  g_return_val_if_fail (DS_IS_WORKSPACE (self), away);

  if (self->schedule == NULL || self->profile == NULL)
    return away;
  ids = ds_rotation_away (self->schedule, self->profile->pagerduty_layer, now);
  for (guint i = 0; i < self->profile->teammates->len; i++)
    {
      const DsTeammate *mate = g_ptr_array_index (self->profile->teammates, i);
      DsAway why = GPOINTER_TO_INT (mate->pagerduty != NULL
                                    ? g_hash_table_lookup (ids, mate->pagerduty) : NULL);

      if (why == DS_AWAY_OFF)
        g_hash_table_insert (away, g_strdup (mate->name), (gpointer)_("off today (PagerDuty)"));
      else if (why == DS_AWAY_NIGHT)
        g_hash_table_insert (away, g_strdup (mate->name),
                             (gpointer)_("on the night rotation (PagerDuty)"));
    }
  return away;
}
