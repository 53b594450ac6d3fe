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
char         *ds_report_charts_markdown (DsStore          *store,
                                         DsResponseClock  *clock,
                                         gint64            since,
                                         gint64            until,
                                         GError          **error);

G_END_DECLS
