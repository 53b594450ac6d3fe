/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* A bar chart as numbers: categories along the bottom, one or more series
 * stacked in each bar, and marks across (a median, a 90th percentile). The
 * layout (where each bar goes in a given size) is computed here, without
 * drawing, so that what is drawn can be checked; src/ui/ds-chart.c draws it
 * with Cairo, and the report writes it as a Mermaid chart. */

typedef struct _DsChartModel DsChartModel;

typedef struct
{
  double x, y, width, height;  /* in the chart's area, y down */
  guint  category;
  guint  series;
  double value;
} DsChartBar;

typedef struct
{
  double      value;
  const char *label;           /* "median", owned by the model */
} DsChartMark;

DsChartModel *ds_chart_model_new          (const char   *title,
                                           const char   *unit);
void          ds_chart_model_free         (DsChartModel *self);
guint         ds_chart_model_add_series   (DsChartModel *self,
                                           const char   *name);
guint         ds_chart_model_add_category (DsChartModel *self,
                                           const char   *label);
void          ds_chart_model_set          (DsChartModel *self,
                                           guint         category,
                                           guint         series,
                                           double        value);
void          ds_chart_model_add_mark     (DsChartModel *self,
                                           double        value,
                                           const char   *label);
const char   *ds_chart_model_get_title    (DsChartModel *self);
guint         ds_chart_model_get_n_categories (DsChartModel *self);
guint         ds_chart_model_get_n_series (DsChartModel *self);
const char   *ds_chart_model_get_category (DsChartModel *self,
                                           guint         category);
const char   *ds_chart_model_get_series   (DsChartModel *self,
                                           guint         series);
double        ds_chart_model_get          (DsChartModel *self,
                                           guint         category,
                                           guint         series);
double        ds_chart_model_get_total    (DsChartModel *self,
                                           guint         category);
double        ds_chart_model_get_max      (DsChartModel *self);
GArray       *ds_chart_model_get_marks    (DsChartModel *self);
GArray       *ds_chart_model_layout       (DsChartModel *self,
                                           double        width,
                                           double        height);
double        ds_chart_model_y_of         (DsChartModel *self,
                                           double        value,
                                           double        height);
char         *ds_chart_model_describe     (DsChartModel *self);
char         *ds_chart_model_to_mermaid   (DsChartModel *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DsChartModel, ds_chart_model_free)

G_END_DECLS
