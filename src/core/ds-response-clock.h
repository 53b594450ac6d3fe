/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "ds-item.h"

G_BEGIN_DECLS

/* The team's working time (its hours, its days, its time zone) and the first
 * response it promises for each kind of item, counted in that working time:
 * a request that arrives on Friday evening waits from Monday's opening. No
 * clock of its own: the caller passes the time. */

typedef struct _DsResponseClock DsResponseClock;

/* The days of the week, as bits: DS_WEEKDAY_BIT (G_DATE_MONDAY)… */
#define DS_WEEKDAY_BIT(d)  (1u << ((d) - 1))
#define DS_WORKING_WEEK    0x1fu   /* Monday to Friday */

/**
 * DsResponseWait:
 * @target: the working time promised for the item's kind, seconds
 * @waited: the working time from its arrival to its first response, or to
 *   now while it has none
 * @answered: it had its first response
 * @starts: when its clock starts: the first working moment from its arrival
 * @due: when its target is reached, the instant
 *
 * One item measured against its kind's target.
 */
typedef struct
{
  gint64   target;
  gint64   waited;
  gboolean answered;
  gint64   starts;
  gint64   due;
} DsResponseWait;

#define DS_TYPE_RESPONSE_CLOCK (ds_response_clock_get_type ())

GType            ds_response_clock_get_type        (void) G_GNUC_CONST;
DsResponseClock *ds_response_clock_new             (GTimeZone       *time_zone,
                                                    int              open,
                                                    int              close,
                                                    guint            days);
DsResponseClock *ds_response_clock_ref             (DsResponseClock *self);
void             ds_response_clock_unref           (DsResponseClock *self);
void             ds_response_clock_set_target      (DsResponseClock *self,
                                                    DsItemKind       kind,
                                                    gint64           seconds);
gint64           ds_response_clock_get_target      (DsResponseClock *self,
                                                    DsItemKind       kind);
gint64           ds_response_clock_get_day_length  (DsResponseClock *self);
char            *ds_response_clock_describe_hours  (DsResponseClock *self);
gint64           ds_response_clock_working_between (DsResponseClock *self,
                                                    gint64           from,
                                                    gint64           to);
gint64           ds_response_clock_reached         (DsResponseClock *self,
                                                    gint64           from,
                                                    gint64           seconds);
gboolean         ds_response_clock_measure         (DsResponseClock *self,
                                                    DsItem          *item,
                                                    gint64           now,
                                                    DsResponseWait  *wait);
gboolean         ds_response_clock_waiting         (DsResponseClock *self,
                                                    DsItem          *item,
                                                    gint64           now,
                                                    DsResponseWait  *wait);
char            *ds_response_wait_describe         (const DsResponseWait *wait,
                                                    gint64                now);
gboolean         ds_response_wait_is_late          (const DsResponseWait *wait);
gboolean         ds_response_wait_is_near          (const DsResponseWait *wait);
char            *ds_response_format_span           (gint64           seconds);
char            *ds_response_clock_waiting_line    (DsResponseClock *self,
                                                    GListModel      *items,
                                                    gint64           now);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DsResponseClock, ds_response_clock_unref)

G_END_DECLS
