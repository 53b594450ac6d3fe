/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ds-pagerduty-records.h"

G_BEGIN_DECLS

typedef struct
{
  gint64 start;
  gint64 end;
} DsShift;

GArray        *ds_rotation_shifts      (const DsPdSchedule *schedule,
                                        gint64              layer,
                                        const char         *user_id);
const DsShift *ds_rotation_current_or_next (GArray         *shifts,
                                            gint64          now);
const char    *ds_rotation_next_person (const DsPdSchedule *schedule,
                                        gint64              layer,
                                        const char         *user_id,
                                        gint64              after);

G_END_DECLS
