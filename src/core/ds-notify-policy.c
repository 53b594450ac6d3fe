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
 *    lasts, instead of a flood;
 *  - what came in while Dayshift was away (not running, asleep, offline)
 *    is told once, in one summary, when it is all read and the user is on
 *    rotation: never one by one, and not off rotation (only what is asked
 *    of the user is, as it comes). */

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
  gint64   away_since;     /* a time away whose arrivals wait for their summary, */
  gint64   away_until;     /* or 0 */
  gboolean away_read;      /* what came in then is all read */
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

gboolean
ds_notify_policy_get_on_rotation (DsNotifyPolicy *self)
{
  g_return_val_if_fail (DS_IS_NOTIFY_POLICY (self), FALSE);
  return self->on_rotation;
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
 * ds_notify_policy_add_away:
 * @since: when Dayshift last read before it (Unix seconds)
 * @until: when it came back (started, woke up, came online)
 * @read: whether what came in meanwhile is all read (caught up)
 *
 * Dayshift was away: what came in then (created after @since, up to
 * @until) waits for one summary (ds_notify_policy_take_away()), and on
 * rotation is not notified one by one, emergencies aside. A time away not
 * yet told grows to take a new one in.
 */
void
ds_notify_policy_add_away (DsNotifyPolicy *self,
                           gint64          since,
                           gint64          until,
                           gboolean        read)
{
  g_return_if_fail (DS_IS_NOTIFY_POLICY (self));
  g_return_if_fail (until > since);

  if (self->away_until != 0)
    {
      since = MIN (since, self->away_since);
      until = MAX (until, self->away_until);
    }
  self->away_since = since;
  self->away_until = until;
  self->away_read = !!read;
}

/**
 * ds_notify_policy_get_away:
 * @since: (out): when the time away not yet told began
 * @until: (out): when it ended
 *
 * Returns: whether there is a time away not yet told, all of it read
 */
gboolean
ds_notify_policy_get_away (DsNotifyPolicy *self,
                           gint64         *since,
                           gint64         *until)
{
  g_return_val_if_fail (DS_IS_NOTIFY_POLICY (self), FALSE);

  *since = self->away_since;
  *until = self->away_until;
  return self->away_until != 0 && self->away_read;
}

/* Another workspace: its times away are its own. */
void
ds_notify_policy_forget_away (DsNotifyPolicy *self)
{
  g_return_if_fail (DS_IS_NOTIFY_POLICY (self));
  self->away_since = self->away_until = 0;
  self->away_read = FALSE;
}

static gboolean
came_while_away (DsNotifyPolicy *self,
                 DsItem         *item)
{
  gint64 created = ds_item_get_created (item);

  return self->away_until != 0 && created > self->away_since && created <= self->away_until;
}

/**
 * ds_notify_policy_take_away:
 * @items: (element-type DsItem): the inbox
 * @now: the local time
 * @out: (element-type DsItem): receives a reference to each item to tell
 * @since: (out): when the time away began
 *
 * Returns: %TRUE when the summary of a time away is due (all of it read, on
 *   rotation, not quiet): @out then holds what came in while away, is still
 *   open and was not told (perhaps nothing), and the time away is
 *   forgotten; %FALSE while it is not due
 */
gboolean
ds_notify_policy_take_away (DsNotifyPolicy *self,
                            GListModel     *items,
                            GDateTime      *now,
                            GPtrArray      *out,
                            gint64         *since)
{
  guint n;

  g_return_val_if_fail (DS_IS_NOTIFY_POLICY (self), FALSE);

  if (self->away_until == 0 || !self->away_read || !self->on_rotation ||
      ds_notify_policy_is_quiet (self, now))
    return FALSE;
  n = g_list_model_get_n_items (items);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DsItem) item = g_list_model_get_item (items, i);
      DsItemState state = ds_item_get_state (item);

      if (state != DS_ITEM_STATE_DONE && state != DS_ITEM_STATE_DISMISSED &&
          ds_item_get_kind (item) != DS_ITEM_KIND_POSTMORTEM && !ds_item_get_notified (item) &&
          came_while_away (self, item))
        g_ptr_array_add (out, g_steal_pointer (&item));
    }
  *since = self->away_since;
  ds_notify_policy_forget_away (self);
  return TRUE;
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
      /* On rotation, what came in while away waits for its summary. */
      else if (self->on_rotation && came_while_away (self, item))
        continue;
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

static int
by_created (gconstpointer a,
            gconstpointer b)
{
  gint64 ca = ds_item_get_created (*(DsItem **)a);
  gint64 cb = ds_item_get_created (*(DsItem **)b);

  return ca < cb ? -1 : ca > cb;
}

/**
 * ds_notify_away_title:
 * @items: (element-type DsItem): what came in while away
 * @since: when the time away began (Unix seconds)
 * @now: the local time
 *
 * Returns: (transfer full): e.g. "9 requests came in since 17:25 yesterday"
 */
char *
ds_notify_away_title (GPtrArray *items,
                      gint64     since,
                      GDateTime *now)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (since);
  g_autoptr(GDateTime) then = g_date_time_to_timezone (utc, g_date_time_get_timezone (now));
  g_autoptr(GDateTime) day_then = g_date_time_new (g_date_time_get_timezone (now),
                                                   g_date_time_get_year (then),
                                                   g_date_time_get_month (then),
                                                   g_date_time_get_day_of_month (then), 0, 0, 0);
  g_autoptr(GDateTime) day_now = g_date_time_new (g_date_time_get_timezone (now),
                                                  g_date_time_get_year (now),
                                                  g_date_time_get_month (now),
                                                  g_date_time_get_day_of_month (now), 0, 0, 0);
  /* Whole days between the two dates, a daylight saving change or not. */
  gint64 days = (g_date_time_difference (day_now, day_then) + G_TIME_SPAN_HOUR * 12) /
                G_TIME_SPAN_DAY;
  guint n = items->len;
  g_autofree char *when = NULL;

  if (days == 1)
    {
      when = g_date_time_format (then, "%H:%M");
      /* Translators: a notification's title after a night away: "9 requests came in since
       * 17:25 yesterday" */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u request came in since %s yesterday",
                                           "%u requests came in since %s yesterday", n),
                              n, when);
    }
  if (days <= 0)
    when = g_date_time_format (then, "%H:%M");
  else if (days < 7)
    when = g_date_time_format (then, "%a %H:%M");
  else
    when = g_date_time_format (then, "%-d %b");
  /* Translators: a notification's title after a time away: "3 requests came in since 12:40",
   * "since Fri 17:25", "since 3 May" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u request came in since %s",
                                       "%u requests came in since %s", n), n, when);
}

/**
 * ds_notify_away_body:
 * @items: (element-type DsItem): what came in while away
 *
 * Returns: (transfer full): how many need an answer (nobody took them and
 *   nothing was done) and the newest of those (plain text: the notifier
 *   escapes it)
 */
char *
ds_notify_away_body (GPtrArray *items)
{
  g_autoptr(GPtrArray) waiting = g_ptr_array_new ();
  g_autofree char *lines = NULL;
  g_autofree char *need = NULL;

  for (guint i = 0; i < items->len; i++)
    {
      DsItem *item = g_ptr_array_index (items, i);

      if (ds_item_get_state (item) == DS_ITEM_STATE_NEW && ds_item_get_claimed_by (item) == NULL)
        g_ptr_array_add (waiting, item);
    }
  if (waiting->len == 0)
    return g_strdup (_("None of them needs an answer."));
  g_ptr_array_sort (waiting, by_created);
  lines = ds_notify_summary_body (waiting);
  /* Translators: the first line under "9 requests came in since …", then the requests */
  need = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u needs an answer:",
                                       "%u need an answer:", waiting->len), waiting->len);
  return g_strdup_printf ("%s\n%s", need, lines);
}
