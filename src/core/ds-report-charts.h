/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ds-chart-model.h"
#include "ds-response-clock.h"
#include "ds-store.h"

G_BEGIN_DECLS

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
DsChartModel *ds_report_chart_past_ack  (DsStore  *store,
                                         gint64    since,
                                         gint64    until,
                                         GError  **error);
DsChartModel *ds_report_chart_past_responses (DsStore  *store,
                                              gint64    since,
                                              gint64    until,
                                              GError  **error);

/* Every chart of a rotation, in the order the Rotation page and the report
 * show them: the one list both draw from. */
typedef enum
{
  DS_REPORT_CHART_LOAD,
  DS_REPORT_CHART_WAITS,
  DS_REPORT_CHART_RESPONSES,     /* only with the team's response targets */
  DS_REPORT_CHART_TRACKED,
  DS_REPORT_CHART_PLACES,
  DS_REPORT_CHART_PAST,          /* the team's past rotations, from the handoffs */
  DS_REPORT_CHART_PAST_ACK,
  DS_REPORT_CHART_PAST_RESPONSES,
  DS_REPORT_N_CHARTS
} DsReportChart;

#define DS_REPORT_CHART_IS_PAST(c) ((c) >= DS_REPORT_CHART_PAST)

DsChartModel *ds_report_chart           (DsReportChart     which,
                                         DsStore          *store,
                                         DsResponseClock  *clock,
                                         gint64            since,
                                         gint64            until,
                                         GError          **error);
char         *ds_report_charts_markdown (DsStore          *store,
                                         DsResponseClock  *clock,
                                         gint64            since,
                                         gint64            until,
                                         GError          **error);

G_END_DECLS
