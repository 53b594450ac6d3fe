/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "ds-chart-model.h"

G_BEGIN_DECLS

#define DS_TYPE_CHART (ds_chart_get_type ())

G_DECLARE_FINAL_TYPE (DsChart, ds_chart, DS, CHART, GtkDrawingArea)

GtkWidget    *ds_chart_new       (void);
void          ds_chart_set_model (DsChart       *self,
                                  DsChartModel  *model);
DsChartModel *ds_chart_get_model (DsChart       *self);
GArray       *ds_chart_draw      (DsChartModel  *model,
                                  cairo_t       *cr,
                                  double         width,
                                  double         height,
                                  const GdkRGBA *fg);

G_END_DECLS
