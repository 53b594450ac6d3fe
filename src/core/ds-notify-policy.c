/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-notify-policy"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n-lib.h>

#include "ds-notify-policy.h"

/* Calm by default:
 *  - an item is notified once in its life (the store keeps that across
 *    restarts), never when a teammate already took it or it is not new;
 *  - off rotation, only what is asked of the user directly;
 *  - an emergency always gets its own notification, whatever else holds;
 *  - during quiet hours and while paused, other items wait in the inbox;
 *  - more than a few items in a short time (a busy channel, the catch-up
 *    after a night offline) become one summary, which grows while the burst
 *    lasts, instead of a flood. */

#define SUMMARY_MAX_LINES 3

struct _DsNotifyPolicy
{
  GObject  parent_instance;

  guint    burst_max;
  guint    burst_window;
  int      quiet_start;    /* minutes after midnight; -1: no quiet hours */
  int      quiet_end;
  gint64   paused_until;
  GArray  *recent;         /* gint64: when each of the latest notifications was shown */
  gint64   burst_until;    /* a summary is growing until then */
  gboolean on_rotation;    /* off rotation, only what is asked of the user */
  gboolean do_not_disturb; /* the desktop's: as quiet hours, for as long as it is on */
};

G_DEFINE_FINAL_TYPE (DsNotifyPolicy, ds_notify_policy, G_TYPE_OBJECT)

static void
ds_notify_policy_finalize (GObject *object)
{
  g_array_unref (DS_NOTIFY_POLICY (object)->recent);
  G_OBJECT_CLASS (ds_notify_policy_parent_class)->finalize (object);
}

static void
ds_notify_policy_class_init (DsNotifyPolicyClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ds_notify_policy_finalize;
}

static void
ds_notify_policy_init (DsNotifyPolicy *self)
{
  self->burst_max = 3;
  self->burst_window = 10;
  self->quiet_start = -1;
  self->quiet_end = -1;
  self->on_rotation = TRUE;
  self->recent = g_array_new (FALSE, FALSE, sizeof (gint64));
}

DsNotifyPolicy *
ds_notify_policy_new (void)
{
  return g_object_new (DS_TYPE_NOTIFY_POLICY, NULL);
}

/**
 * ds_notify_policy_set_burst:
 * @max_items: at most this many notifications within @window_seconds;
 *   beyond, one summary
 */
void
ds_notify_policy_set_burst (DsNotifyPolicy *self,
                            guint           max_items,
                            guint           window_seconds)
{
  g_return_if_fail (DS_IS_NOTIFY_POLICY (self));
  self->burst_max = MAX (max_items, 1);
  self->burst_window = MAX (window_seconds, 1);
}

static int
parse_hhmm (const char *s)
{
  guint h, m;
  char end;

  if (s == NULL || sscanf (s, "%2u:%2u%c", &h, &m, &end) != 2 || h > 23 || m > 59)
    return -1;
  return (int)(h * 60 + m);
}

/**
 * ds_notify_policy_set_quiet_hours:
 * @start: (nullable): "HH:MM", or %NULL for none
 * @end: (nullable): "HH:MM"; before @start means the next morning
 *
 * Returns: %FALSE (and no quiet hours) if a time is not HH:MM
 */
gboolean
ds_notify_policy_set_quiet_hours (DsNotifyPolicy *self,
                                  const char     *start,
                                  const char     *end)
{
  g_return_val_if_fail (DS_IS_NOTIFY_POLICY (self), FALSE);

  self->quiet_start = self->quiet_end = -1;
  if (start == NULL || end == NULL)
    return TRUE;
  self->quiet_start = parse_hhmm (start);
  self->quiet_end = parse_hhmm (end);
  if (self->quiet_start < 0 || self->quiet_end < 0)
    {
      self->quiet_start = self->quiet_end = -1;
      return FALSE;
    }
  return TRUE;
}

/**
 * ds_notify_policy_set_on_rotation:
 *
 * Off rotation only the user's own items are notified: review requests to
 * them, mentions, incidents assigned to them.
 */
void
ds_notify_policy_set_on_rotation (DsNotifyPolicy *self,
                                  gboolean        on_rotation)
{
  g_return_if_fail (DS_IS_NOTIFY_POLICY (self));
  self->on_rotation = !!on_rotation;
}

void
ds_notify_policy_set_paused_until (DsNotifyPolicy *self,
                                   gint64          until)
{
  g_return_if_fail (DS_IS_NOTIFY_POLICY (self));
  self->paused_until = until;
}

gint64
ds_notify_policy_get_paused_until (DsNotifyPolicy *self)
{
  g_return_val_if_fail (DS_IS_NOTIFY_POLICY (self), 0);
  return self->paused_until;
}

/**
 * ds_notify_policy_is_quiet:
 * @now: the local time
 *
 * Returns: whether ordinary items wait silently now (quiet hours, or paused)
 */
gboolean
ds_notify_policy_is_quiet (DsNotifyPolicy *self,
                           GDateTime      *now)
{
  int minute;

  g_return_val_if_fail (DS_IS_NOTIFY_POLICY (self), FALSE);

  if (g_date_time_to_unix (now) < self->paused_until || self->do_not_disturb)
    return TRUE;
  if (self->quiet_start < 0 || self->quiet_start == self->quiet_end)
    return FALSE;
  minute = g_date_time_get_hour (now) * 60 + g_date_time_get_minute (now);
  if (self->quiet_start < self->quiet_end)
    return minute >= self->quiet_start && minute < self->quiet_end;
  return minute >= self->quiet_start || minute < self->quiet_end;
}

/**
 * ds_notify_policy_set_do_not_disturb:
 * @on: the desktop's Do Not Disturb (GNOME: show-banners off)
 *
 * While it is on, everything but emergencies waits in the inbox, as in
 * quiet hours.
 */
void
ds_notify_policy_set_do_not_disturb (DsNotifyPolicy *self,
                                     gboolean        on)
{
  g_return_if_fail (DS_IS_NOTIFY_POLICY (self));
  self->do_not_disturb = on;
}

/**
 * ds_notify_policy_quiet_until:
 * @now: the local time
 *
 * Returns: (transfer full) (nullable): when the quiet hours @now is in end
 *   (today or tomorrow), or %NULL outside quiet hours. A pause is not
 *   quiet hours: the user chose it and the tray says so.
 */
GDateTime *
ds_notify_policy_quiet_until (DsNotifyPolicy *self,
                              GDateTime      *now)
{
  int minute;
  g_autoptr(GDateTime) midnight = NULL;
  g_autoptr(GDateTime) end = NULL;

  g_return_val_if_fail (DS_IS_NOTIFY_POLICY (self), NULL);

  if (self->quiet_start < 0 || self->quiet_start == self->quiet_end)
    return NULL;
  minute = g_date_time_get_hour (now) * 60 + g_date_time_get_minute (now);
  if (self->quiet_start < self->quiet_end
      ? !(minute >= self->quiet_start && minute < self->quiet_end)
      : !(minute >= self->quiet_start || minute < self->quiet_end))
    return NULL;
  midnight = g_date_time_new (g_date_time_get_timezone (now), g_date_time_get_year (now),
                              g_date_time_get_month (now), g_date_time_get_day_of_month (now),
                              0, 0, 0);
  end = g_date_time_add_minutes (midnight, self->quiet_end);
  /* Past today's end (quiet since the evening): tomorrow's. */
  if (minute >= self->quiet_end)
    return g_date_time_add_days (end, 1);
  return g_steal_pointer (&end);
}

/**
 * ds_notify_policy_wants:
 *
 * Returns: whether @item may be notified at all: new, not taken by a
 *   teammate, not notified before
 */
gboolean
ds_notify_policy_wants (DsItem *item)
{
  /* Postmortem action items are offered in the tray when it is quiet,
   * never raised as an interruption. */
  if (ds_item_get_kind (item) == DS_ITEM_KIND_POSTMORTEM)
    return FALSE;
  return ds_item_get_state (item) == DS_ITEM_STATE_NEW && !ds_item_get_notified (item) &&
         ds_item_get_claimed_by (item) == NULL;
}

/**
 * ds_notify_policy_plan:
 * @items: (element-type DsItem): what just arrived
 * @now: the local time
 * @show: (element-type DsItem): receives the items to notify one by one
 * @summary: (element-type DsItem): receives the items for the summary
 *
 * What is in neither array is not notified now (unwanted, quiet hours,
 * paused); it is in the inbox.
 */
void
ds_notify_policy_plan (DsNotifyPolicy *self,
                       GPtrArray      *items,
                       GDateTime      *now,
                       GPtrArray      *show,
                       GPtrArray      *summary)
{
  gint64 t = g_date_time_to_unix (now);
  gboolean quiet = ds_notify_policy_is_quiet (self, now);
  g_autoptr(GPtrArray) ordinary = g_ptr_array_new ();
  guint kept = 0;

  g_return_if_fail (DS_IS_NOTIFY_POLICY (self));

  for (guint i = 0; i < items->len; i++)
    {
      DsItem *item = g_ptr_array_index (items, i);

      if (!ds_notify_policy_wants (item) || (!self->on_rotation && !ds_item_get_mine (item)))
        continue;
      if (ds_item_get_emergency (item))
        g_ptr_array_add (show, item);
      else if (!quiet)
        g_ptr_array_add (ordinary, item);
    }

  /* Forget notifications older than the window. */
  for (guint i = 0; i < self->recent->len; i++)
    if (t - g_array_index (self->recent, gint64, i) < (gint64)self->burst_window)
      g_array_index (self->recent, gint64, kept++) = g_array_index (self->recent, gint64, i);
  g_array_set_size (self->recent, kept);

  if (ordinary->len == 0)
    return;
  if (t < self->burst_until || self->recent->len + ordinary->len > self->burst_max)
    {
      /* A burst: one summary, which keeps growing while items keep coming. */
      for (guint i = 0; i < ordinary->len; i++)
        g_ptr_array_add (summary, g_ptr_array_index (ordinary, i));
      self->burst_until = t + self->burst_window;
      return;
    }
  for (guint i = 0; i < ordinary->len; i++)
    {
      g_ptr_array_add (show, g_ptr_array_index (ordinary, i));
      g_array_append_val (self->recent, t);
    }
}

/**
 * ds_notify_summary_title:
 *
 * Returns: (transfer full): e.g. "7 new requests in 3 channels"
 */
char *
ds_notify_summary_title (GPtrArray *items)
{
  g_autoptr(GHashTable) places = g_hash_table_new (g_str_hash, g_str_equal);
  guint n_places;

  for (guint i = 0; i < items->len; i++)
    {
      DsItem *item = g_ptr_array_index (items, i);
      const char *place = ds_item_get_channel (item) != NULL ? ds_item_get_channel (item)
                                                             : ds_item_get_source (item);
      g_hash_table_add (places, (gpointer)place);
    }
  n_places = g_hash_table_size (places);
  if (n_places <= 1)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u new request", "%u new requests",
                                         items->len), items->len);
  {
    /* Translators: "7 new requests" + " in 3 channels" */
    g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u new request",
                                                           "%u new requests", items->len),
                                              items->len);
    g_autofree char *where = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "in %u channel",
                                                           "in %u channels", n_places), n_places);
    return g_strdup_printf (C_("summary", "%s %s"), count, where);
  }
}

/**
 * ds_notify_summary_body:
 *
 * Returns: (transfer full): the first few, newest first: "#ops-support: VPN is down", and
 *   how many more (plain text: the notifier escapes it)
 */
char *
ds_notify_summary_body (GPtrArray *items)
{
  GString *body = g_string_new (NULL);
  guint shown = MIN (items->len, SUMMARY_MAX_LINES);

  for (guint i = 0; i < shown; i++)
    {
      DsItem *item = g_ptr_array_index (items, items->len - 1 - i);
      const char *place = ds_item_get_channel (item) != NULL
        ? ds_item_get_channel (item) : ds_item_source_label (ds_item_get_source (item));

      if (body->len > 0)
        g_string_append_c (body, '\n');
      g_string_append_printf (body, "%s: %s", place,
                              ds_item_get_title (item) != NULL ? ds_item_get_title (item) : "");
    }
  if (items->len > shown)
    {
      guint more = items->len - shown;
      g_string_append_c (body, '\n');
      g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE, "…and %u more",
                                                 "…and %u more", more), more);
    }
  return g_string_free (body, FALSE);
}
