/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ds-response-clock.h"
#include "ds-store.h"

G_BEGIN_DECLS

/* The rotation's figures, counted once from the store with SQL for all who
 * show them: the report (ds-report.c) and the handoff's block
 * (ds-handoff.c). Each is for a window of time, [since, until). */

/**
 * DsTrackedItem:
 * @title: the item's title, as the store has it
 * @where: its channel, or its source
 * @seconds: the support time spent on it within the window
 *
 * One item whose support time counts (DS_TRACKED_MIN or more).
 */
typedef struct
{
  char   *title;
  char   *where;
  gint64  seconds;
} DsTrackedItem;

/**
 * DsFirstResponse:
 * @kind: the item's kind, which has a target
 * @target: that target, working seconds
 * @wait: working seconds from its arrival to its first response, or to the
 *   window's end while it had none
 * @answered: it had its first response before the window's end
 * @title: (nullable): the item's title (from ds_report_first_responses())
 * @where: (nullable): its channel, or its source
 *
 * One request measured against its kind's first-response target.
 */
typedef struct
{
  DsItemKind  kind;
  gint64      target;
  gint64      wait;
  gboolean    answered;
  char       *title;
  char       *where;
} DsFirstResponse;

void       ds_tracked_item_free        (DsTrackedItem   *item);
void       ds_first_response_free      (DsFirstResponse *response);

gboolean   ds_report_count_kinds       (DsStore         *store,
                                        gint64           since,
                                        gint64           until,
                                        guint            counts[DS_ITEM_KIND_LAST + 1],
                                        GError         **error);
GArray    *ds_report_ack_waits         (DsStore         *store,
                                        gint64           since,
                                        gint64           until,
                                        GError         **error);
gint64     ds_report_percentile        (GArray          *sorted,
                                        guint            p);
GPtrArray *ds_report_tracked           (DsStore         *store,
                                        gint64           since,
                                        gint64           until,
                                        gint64          *total,
                                        GError         **error);
gboolean   ds_report_measure_response  (DsResponseClock *clock,
                                        DsItemKind       kind,
                                        gint64           created,
                                        gint64           responded,
                                        gint64           until,
                                        DsFirstResponse *out);
GPtrArray *ds_report_first_responses   (DsStore         *store,
                                        DsResponseClock *clock,
                                        gint64           since,
                                        gint64           until,
                                        GError         **error);

G_END_DECLS
