/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ds-chart-model.h"
#include "ds-response-clock.h"
#include "ds-store.h"

G_BEGIN_DECLS

/**
 * DsFirstResponse:
 * @kind: the request's kind, one with a response target
 * @wait: working seconds to its first response, or to the window's end
 * @answered: it had its first response within the window
 * @within: answered within its kind's target
 * @title: (nullable): the request's title
 * @where: its channel or repository (else its service)
 *
 * One request that arrived in a window, measured against its kind's
 * target as the report counts it (ds_report_first_responses()).
 */
typedef struct
{
  DsItemKind  kind;
  gint64      wait;
  gboolean    answered;
  gboolean    within;
  char       *title;
  char       *where;
} DsFirstResponse;

void          ds_first_response_free    (DsFirstResponse  *response);
GPtrArray    *ds_report_first_responses (DsStore          *store,
                                         DsResponseClock  *clock,
                                         gint64            since,
                                         gint64            until,
                                         GError          **error);

DsChartModel *ds_report_chart_load      (DsStore  *store,
                                         gint64    since,
                                         gint64    until,
                                         GError  **error);
DsChartModel *ds_report_chart_waits     (DsStore  *store,
                                         gint64    since,
                                         gint64    until,
                                         GError  **error);
DsChartModel *ds_report_chart_tracked   (DsStore  *store,
                                         gint64    since,
                                         gint64    until,
                                         GError  **error);
DsChartModel *ds_report_chart_places    (DsStore  *store,
                                         gint64    since,
                                         gint64    until,
                                         GError  **error);
DsChartModel *ds_report_chart_responses (DsStore          *store,
                                         DsResponseClock  *clock,
                                         gint64            since,
                                         gint64            until,
                                         GError          **error);
DsChartModel *ds_report_chart_past      (DsStore  *store,
                                         gint64    since,
                                         gint64    until,
                                         GError  **error);
char         *ds_report_charts_markdown (DsStore          *store,
                                         DsResponseClock  *clock,
                                         gint64            since,
                                         gint64            until,
                                         GError          **error);

G_END_DECLS
