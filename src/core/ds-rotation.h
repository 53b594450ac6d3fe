/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ds-pagerduty-records.h"

G_BEGIN_DECLS

typedef struct
{
  gint64 start;
  gint64 end;
} DsShift;

/* How much of the schedule Dayshift reads: from a day back (a shift under
 * way) to this many weeks ahead. */
#define DS_ROTATION_WEEKS_AHEAD 2

void           ds_rotation_read_window (gint64              now,
                                        gint64             *since,
                                        gint64             *until);
const DsPdLayer *ds_rotation_find_layer (const DsPdSchedule *schedule,
                                         gint64              layer);
GArray        *ds_rotation_shifts      (const DsPdSchedule *schedule,
                                        gint64              layer,
                                        const char         *user_id);
const DsShift *ds_rotation_current_or_next (GArray         *shifts,
                                            gint64          now);
const char    *ds_rotation_next_person (const DsPdSchedule *schedule,
                                        gint64              layer,
                                        const char         *user_id,
                                        gint64              after);

/**
 * DsAway:
 * @DS_AWAY_OFF: the daytime layer had them and an override gave the time
 *   to someone else: a day off
 * @DS_AWAY_NIGHT: another layer (the night rotation) has them on call
 *
 * Why PagerDuty says a teammate should not be asked to take a request.
 */
typedef enum
{
  DS_AWAY_OFF = 1,
  DS_AWAY_NIGHT,
} DsAway;

GHashTable    *ds_rotation_away        (const DsPdSchedule *schedule,
                                        gint64              layer,
                                        gint64              now);

G_END_DECLS
