/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-response-clock"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ds-response-clock.h"

/* Working time is counted day by day in the team's time zone: each working
 * day's opening and closing are that day's local times, so a day that
 * changes to or from summer time keeps its 09:00 and 17:00, and hours that
 * span the change are an hour shorter or longer, as the team lives them.
 * Whatever the machine's own zone is, the team's decides. A span longer
 * than MAX_DAYS is counted up to that many days: a clock that has run for
 * ten years has said all it can. */

#define MAX_DAYS (10 * 366)
#define DAY_MINUTES (24 * 60)

struct _DsResponseClock
{
  gint       refcount;
  GTimeZone *time_zone;
  int        open;      /* minutes after midnight */
  int        close;     /* after open; 24 * 60 is midnight at the day's end */
  guint      days;      /* DS_WEEKDAY_BIT()s */
  gint64     targets[DS_ITEM_KIND_LAST + 1];  /* working seconds; 0: none */
};

G_DEFINE_BOXED_TYPE (DsResponseClock, ds_response_clock, ds_response_clock_ref,
                     ds_response_clock_unref)

/**
 * ds_response_clock_new:
 * @time_zone: the team's
 * @open: when a working day opens, minutes after midnight
 * @close: when it closes, after @open (24 * 60 for midnight at its end)
 * @days: the working days, DS_WEEKDAY_BIT()s, at least one
 *
 * Returns: (transfer full): a clock with no target yet
 */
DsResponseClock *
ds_response_clock_new (GTimeZone *time_zone,
                       int        open,
                       int        close,
                       guint      days)
{
  DsResponseClock *self;

  g_return_val_if_fail (time_zone != NULL, NULL);
  g_return_val_if_fail (open >= 0 && open < close && close <= DAY_MINUTES, NULL);
  g_return_val_if_fail ((days & 0x7f) != 0, NULL);

  self = g_new0 (DsResponseClock, 1);
  self->refcount = 1;
  self->time_zone = g_time_zone_ref (time_zone);
  self->open = open;
  self->close = close;
  self->days = days & 0x7f;
  return self;
}

DsResponseClock *
ds_response_clock_ref (DsResponseClock *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_int_inc (&self->refcount);
  return self;
}

void
ds_response_clock_unref (DsResponseClock *self)
{
  if (self == NULL || !g_atomic_int_dec_and_test (&self->refcount))
    return;
  g_time_zone_unref (self->time_zone);
  g_free (self);
}

/**
 * ds_response_clock_set_target:
 * @seconds: the working time within which the kind's first response is
 *   promised; 0 for no promise (and no clock)
 */
void
ds_response_clock_set_target (DsResponseClock *self,
                              DsItemKind       kind,
                              gint64           seconds)
{
  g_return_if_fail (self != NULL && kind <= DS_ITEM_KIND_LAST);
  self->targets[kind] = MAX (seconds, 0);
}

gint64
ds_response_clock_get_target (DsResponseClock *self,
                              DsItemKind       kind)
{
  g_return_val_if_fail (self != NULL, 0);
  return kind <= DS_ITEM_KIND_LAST ? self->targets[kind] : 0;
}

/* One working day, in seconds: what "1d" of a target is. */
gint64
ds_response_clock_get_day_length (DsResponseClock *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return (gint64)(self->close - self->open) * 60;
}

/* Days are counted as GDate's Julian days (day 1 is Monday, 1 January of
 * the year 1), in plain arithmetic with the zone's offsets: nothing is
 * allocated, so a clock that has run for months costs microseconds. */
#define UNIX_EPOCH_JULIAN 719163  /* 1970-01-01 */
#define DAY_SECONDS 86400

static gint64
floor_div (gint64 a,
           gint64 b)
{
  return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

/* The local day of @t in the team's zone. */
static gint64
local_day (DsResponseClock *self,
           gint64           t)
{
  int interval = g_time_zone_find_interval (self->time_zone, G_TIME_TYPE_UNIVERSAL, t);

  return floor_div (t + g_time_zone_get_offset (self->time_zone, interval), DAY_SECONDS) +
         UNIX_EPOCH_JULIAN;
}

/* The instant of @minute after the start of @day, local time; as
 * g_date_time_new() does, a time that summer time skips is taken forward. */
static gint64
local_instant (DsResponseClock *self,
               gint64           day,
               int              minute)
{
  gint64 local = (day - UNIX_EPOCH_JULIAN) * DAY_SECONDS + (gint64)minute * 60;
  int interval = g_time_zone_adjust_time (self->time_zone, G_TIME_TYPE_STANDARD, &local);

  return local - g_time_zone_get_offset (self->time_zone, interval);
}

static gboolean
is_working_day (DsResponseClock *self,
                gint64           day)
{
  /* Julian day 1 was a Monday, G_DATE_MONDAY. */
  return (self->days & DS_WEEKDAY_BIT ((day - 1) % 7 + 1)) != 0;
}

/**
 * ds_response_clock_working_between:
 * @from: Unix seconds
 * @to: Unix seconds
 *
 * Returns: the working seconds in [@from, @to): within the working hours
 *   of working days, in the team's time zone; 0 when @to is not after @from
 */
gint64
ds_response_clock_working_between (DsResponseClock *self,
                                   gint64           from,
                                   gint64           to)
{
  gint64 day, total = 0;

  g_return_val_if_fail (self != NULL, 0);

  if (to <= from || from <= 0)
    return 0;
  day = local_day (self, from);
  for (guint n = 0; n < MAX_DAYS; n++, day++)
    {
      gint64 open, close;

      if (local_instant (self, day, 0) >= to)
        break;
      if (!is_working_day (self, day))
        continue;
      open = MAX (local_instant (self, day, self->open), from);
      close = MIN (local_instant (self, day, self->close), to);
      if (close > open)
        total += close - open;
    }
  return total;
}

/**
 * ds_response_clock_reached:
 * @from: Unix seconds
 * @seconds: working seconds
 *
 * Returns: the instant at which @seconds of working time have passed
 *   since @from; with 0, the first working moment from @from (when a clock
 *   started at @from begins to run). G_MAXINT64 past MAX_DAYS.
 */
gint64
ds_response_clock_reached (DsResponseClock *self,
                           gint64           from,
                           gint64           seconds)
{
  gint64 day;

  g_return_val_if_fail (self != NULL, G_MAXINT64);

  if (from <= 0)
    return G_MAXINT64;
  day = local_day (self, from);
  for (guint n = 0; n < MAX_DAYS; n++, day++)
    {
      gint64 start, close;

      if (!is_working_day (self, day))
        continue;
      start = MAX (local_instant (self, day, self->open), from);
      close = local_instant (self, day, self->close);
      if (start >= close)
        continue;
      if (seconds <= close - start)
        return start + MAX (seconds, 0);
      seconds -= close - start;
    }
  return G_MAXINT64;
}

static gboolean
is_open (DsItem *item)
{
  DsItemState state = ds_item_get_state (item);

  return state != DS_ITEM_STATE_DONE && state != DS_ITEM_STATE_DISMISSED;
}

/**
 * ds_response_clock_measure:
 * @wait: (out): the item against its kind's target
 *
 * Returns: whether the item's kind has a target (else @wait is unset)
 */
gboolean
ds_response_clock_measure (DsResponseClock *self,
                           DsItem          *item,
                           gint64           now,
                           DsResponseWait  *wait)
{
  gint64 target, created, responded, end;

  g_return_val_if_fail (self != NULL && DS_IS_ITEM (item) && wait != NULL, FALSE);

  target = ds_response_clock_get_target (self, ds_item_get_kind (item));
  if (target <= 0)
    return FALSE;
  created = ds_item_get_created (item);
  responded = ds_item_get_responded (item);
  end = responded > 0 ? responded : now;
  wait->target = target;
  wait->answered = responded > 0 || ds_item_get_claimed_by (item) != NULL;
  wait->waited = ds_response_clock_working_between (self, created, end);
  wait->starts = ds_response_clock_reached (self, created, 0);
  wait->due = ds_response_clock_reached (self, created, target);
  return TRUE;
}

/**
 * ds_response_clock_waiting:
 * @wait: (out): how long it has waited, of what
 *
 * Returns: whether the item's clock runs now: a kind with a target, still
 *   open, no first response, taken by no teammate
 */
gboolean
ds_response_clock_waiting (DsResponseClock *self,
                           DsItem          *item,
                           gint64           now,
                           DsResponseWait  *wait)
{
  g_return_val_if_fail (self != NULL && DS_IS_ITEM (item) && wait != NULL, FALSE);

  return is_open (item) && ds_response_clock_measure (self, item, now, wait) && !wait->answered;
}

/* Past the target. */
gboolean
ds_response_wait_is_late (const DsResponseWait *wait)
{
  return wait->waited > wait->target;
}

/* Three quarters of the target used, or more: time for a reminder. */
gboolean
ds_response_wait_is_near (const DsResponseWait *wait)
{
  return wait->waited * 4 >= wait->target * 3;
}

/**
 * ds_response_format_span:
 *
 * Returns: (transfer full): a span of working time to the minute below:
 *   "45 min", "4 h", "2 h 05 min"
 */
char *
ds_response_format_span (gint64 seconds)
{
  long minutes = (long)(MAX (seconds, 0) / 60);

  if (minutes < 60)
    return g_strdup_printf (_("%ld min"), minutes);
  if (minutes % 60 == 0)
    /* Translators: a span of whole hours, "4 h" */
    return g_strdup_printf (_("%ld h"), minutes / 60);
  return g_strdup_printf (_("%ld h %02ld min"), minutes / 60, minutes % 60);
}

/**
 * ds_response_wait_describe:
 * @now: the wall clock, Unix seconds
 *
 * Returns: (transfer full): what the item's row and pane say of its clock:
 *   "waiting 2 h 10 min of 4 h", "waiting 5 h: past the 4 h target", that
 *   its clock has not started yet, or how soon it was answered
 */
char *
ds_response_wait_describe (const DsResponseWait *wait,
                           gint64                now)
{
  g_autofree char *waited = ds_response_format_span (wait->waited);
  g_autofree char *target = ds_response_format_span (wait->target);

  g_return_val_if_fail (wait != NULL, NULL);

  if (wait->answered)
    return ds_response_wait_is_late (wait)
      /* Translators: "answered after 5 h 10 min, past the 4 h target" (working time) */
      ? g_strdup_printf (_("answered after %s, past the %s target"), waited, target)
      /* Translators: "answered after 25 min, within the 4 h target" (working time) */
      : g_strdup_printf (_("answered after %s, within the %s target"), waited, target);
  if (now < wait->starts && wait->starts != G_MAXINT64)
    {
      g_autoptr(GDateTime) at = g_date_time_new_from_unix_local (wait->starts);
      /* Translators: when a response clock starts: a weekday and a time, see
       * g_date_time_format() */
      g_autofree char *when = at != NULL ? g_date_time_format (at, _("%a %H:%M"))
                                         : g_strdup ("?");

      /* Translators: arrived out of working hours: "waiting; the 4 h clock starts Mon 09:00" */
      return g_strdup_printf (_("waiting; the %s clock starts %s"), target, when);
    }
  if (ds_response_wait_is_late (wait))
    /* Translators: "waiting 5 h 10 min: past the 4 h target" (working time) */
    return g_strdup_printf (_("waiting %s: past the %s target"), waited, target);
  /* Translators: "waiting 2 h 10 min of 4 h" (working time) */
  return g_strdup_printf (_("waiting %s of %s"), waited, target);
}

/**
 * ds_response_clock_describe_hours:
 *
 * Returns: (transfer full): the working time as the report says it:
 *   "09:00–17:00, Mon–Fri, Europe/Madrid"
 */
char *
ds_response_clock_describe_hours (DsResponseClock *self)
{
  GString *days = g_string_new (NULL);
  const char *zone;
  g_autofree char *hours = NULL;
  g_autofree char *days_text = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  /* Runs of days, Monday first: "Mon–Fri", "Mon, Wed, Fri". */
  for (int d = G_DATE_MONDAY; d <= G_DATE_SUNDAY; d++)
    {
      int last = d;
      g_autoptr(GDateTime) first_day = NULL;
      g_autofree char *first_name = NULL;

      if (!(self->days & DS_WEEKDAY_BIT (d)))
        continue;
      while (last < G_DATE_SUNDAY && (self->days & DS_WEEKDAY_BIT (last + 1)))
        last++;
      /* 2024-01-01 was a Monday. */
      first_day = g_date_time_new_utc (2024, 1, d, 0, 0, 0);
      first_name = g_date_time_format (first_day, "%a");
      if (days->len > 0)
        g_string_append (days, ", ");
      g_string_append (days, first_name);
      if (last > d)
        {
          g_autoptr(GDateTime) last_day = g_date_time_new_utc (2024, 1, last, 0, 0, 0);
          g_autofree char *last_name = g_date_time_format (last_day, "%a");

          g_string_append_printf (days, last > d + 1 ? "–%s" : ", %s", last_name);
        }
      d = last;
    }
  days_text = g_string_free (days, FALSE);
  /* A day that ends at midnight ends at 24:00, as the profile says it. */
  hours = g_strdup_printf ("%02d:%02d–%02d:%02d", self->open / 60, self->open % 60,
                           self->close / 60, self->close % 60);
  zone = g_time_zone_get_identifier (self->time_zone);
  /* Translators: the team's working time: "<hours>, <days>, <time zone>",
   * e.g. "09:00–17:00, Mon–Fri, Europe/Madrid" */
  return g_strdup_printf (_("%s, %s, %s"), hours, days_text, zone);
}

/**
 * ds_response_clock_waiting_line:
 * @items: (element-type DsItem): the inbox
 *
 * Returns: (transfer full) (nullable): one line on the requests whose clock
 *   runs: "2 requests past their response target" when any is late, else
 *   "3 requests waiting, the longest 2 h 10 min of 4 h" (the one nearest
 *   its target); %NULL when none waits
 */
char *
ds_response_clock_waiting_line (DsResponseClock *self,
                                GListModel      *items,
                                gint64           now)
{
  guint n = g_list_model_get_n_items (items);
  guint waiting = 0, late = 0;
  DsResponseWait nearest = { 0 };

  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DsItem) item = g_list_model_get_item (items, i);
      DsResponseWait wait;

      if (!ds_response_clock_waiting (self, item, now, &wait))
        continue;
      waiting++;
      late += ds_response_wait_is_late (&wait);
      /* The largest share of its target: waited / target, compared without dividing. */
      if (nearest.target == 0 || wait.waited * nearest.target > nearest.waited * wait.target)
        nearest = wait;
    }
  if (late > 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u request past its response target",
                                         "%u requests past their response target", late), late);
  if (waiting > 0)
    {
      g_autofree char *waited = ds_response_format_span (nearest.waited);
      g_autofree char *target = ds_response_format_span (nearest.target);

      /* Translators: the tray's line: "1 request waiting: 2 h 10 min of 4 h", "3 requests
       * waiting, the longest 2 h 10 min of 4 h" (working time) */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u request waiting: %s of %s",
                                           "%u requests waiting, the longest %s of %s", waiting),
                              waiting, waited, target);
    }
  return NULL;
}
