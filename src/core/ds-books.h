/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ds-store.h"

G_BEGIN_DECLS

/* The rotation's books, kept in the store: when rotations started and
 * ended, the support time spent on each item (wall clock, so a restart or a
 * suspend loses nothing), and notes for the standup. */

#define DS_TIMER_FILE_ISSUE_AFTER (15 * 60)
#define DS_TIMER_BRING_TO_TEAM_AFTER (2 * 60 * 60)
#define DS_TRACKED_MIN DS_TIMER_FILE_ISSUE_AFTER

typedef enum
{
  DS_TIMER_NOTHING,
  DS_TIMER_OFFER_ISSUE,   /* 15 minutes on an item with no issue */
  DS_TIMER_BRING_TO_TEAM, /* 2 hours, not an emergency */
} DsTimerEvent;

typedef struct
{
  gint64 started;
  gint64 ended;  /* 0: under way */
} DsRotationSpan;

GArray      *ds_store_rotations        (DsStore    *self,
                                        GError    **error);
gboolean     ds_store_rotation_start   (DsStore    *self,
                                        gint64      now,
                                        GPtrArray  *writes,
                                        GError    **error);
gboolean     ds_store_rotation_end     (DsStore    *self,
                                        gint64      now,
                                        const char *report,
                                        GPtrArray  *writes,
                                        GError    **error);
char        *ds_store_rotation_report  (DsStore    *self,
                                        GError    **error);
gboolean     ds_store_rotation_last    (DsStore    *self,
                                        gint64     *started,
                                        gint64     *ended,
                                        GError    **error);

gboolean     ds_store_timer_start      (DsStore    *self,
                                        const char *item_id,
                                        gint64      now,
                                        GError    **error);
gboolean     ds_store_timer_stop       (DsStore    *self,
                                        gint64      now,
                                        GError    **error);
char        *ds_store_timer_running    (DsStore    *self,
                                        gint64     *started,
                                        GError    **error);
gint64       ds_store_tracked          (DsStore    *self,
                                        const char *item_id,
                                        gint64      now,
                                        GError    **error);
gboolean     ds_store_set_standup_note (DsStore    *self,
                                        DsItem     *item,
                                        const char *note,
                                        GError    **error);

DsTimerEvent ds_timer_event            (gint64      tracked,
                                        gboolean    has_issue,
                                        gboolean    emergency,
                                        int         told);
gint64       ds_timer_next_check       (gint64      tracked,
                                        gboolean    has_issue,
                                        gboolean    emergency,
                                        int         told);

G_END_DECLS
