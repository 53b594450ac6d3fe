/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "ds-chart-model.h"

/* A chart's layout: stacked bars whose heights are their values on one
 * scale, the tallest reaching the top; its words; its Mermaid block. */
static void
test_layout (void)
{
  g_autoptr(DsChartModel) chart = ds_chart_model_new ("Interruptions per hour", "requests");
  guint req = ds_chart_model_add_series (chart, "Support request");
  guint alert = ds_chart_model_add_series (chart, "Alert");
  guint mon = ds_chart_model_add_category (chart, "Mon 09");
  guint tue = ds_chart_model_add_category (chart, "Tue 09");
  guint wed = ds_chart_model_add_category (chart, "Wed 09");
  g_autoptr(GArray) bars = NULL;
  g_autofree char *words = NULL;
  DsChartBar *b;

  ds_chart_model_set (chart, mon, req, 3);
  ds_chart_model_set (chart, mon, alert, 1);
  ds_chart_model_set (chart, tue, req, 2);
  /* Wed: nothing, no bar. */
  g_assert_cmpfloat (ds_chart_model_get_total (chart, mon), ==, 4);
  g_assert_cmpfloat (ds_chart_model_get_max (chart), ==, 4);

  bars = ds_chart_model_layout (chart, 300, 200);
  g_assert_cmpuint (bars->len, ==, 3);
  b = &g_array_index (bars, DsChartBar, 0);   /* Mon, requests: at the bottom */
  g_assert_cmpuint (b->category, ==, mon);
  g_assert_cmpuint (b->series, ==, req);
  g_assert_cmpfloat_with_epsilon (b->height, 150, 1e-9);
  g_assert_cmpfloat_with_epsilon (b->y, 50, 1e-9);
  b = &g_array_index (bars, DsChartBar, 1);   /* Mon, alerts: on top, to the very top */
  g_assert_cmpuint (b->series, ==, alert);
  g_assert_cmpfloat_with_epsilon (b->height, 50, 1e-9);
  g_assert_cmpfloat_with_epsilon (b->y, 0, 1e-9);
  b = &g_array_index (bars, DsChartBar, 2);   /* Tue: half as tall */
  g_assert_cmpuint (b->category, ==, tue);
  g_assert_cmpfloat_with_epsilon (b->height, 100, 1e-9);
  g_assert_cmpfloat (b->x, >, g_array_index (bars, DsChartBar, 0).x + 90);
  g_assert_cmpfloat (b->x + b->width, <, 200);
  (void)wed;

  /* A mark above every bar raises the scale. */
  ds_chart_model_add_mark (chart, 8, "90th percentile");
  g_assert_cmpfloat (ds_chart_model_get_max (chart), ==, 8);
  g_assert_cmpfloat_with_epsilon (ds_chart_model_y_of (chart, 8, 200), 0, 1e-9);
  g_assert_cmpfloat_with_epsilon (ds_chart_model_y_of (chart, 2, 200), 150, 1e-9);

  words = ds_chart_model_describe (chart);
  g_assert_cmpstr (words, ==, "Interruptions per hour. Mon 09: 4 requests (3 Support request, "
                              "1 Alert); Tue 09: 2 requests (2 Support request). "
                              "90th percentile: 8 requests.");
}

static void
test_mermaid (void)
{
  g_autoptr(DsChartModel) chart = ds_chart_model_new ("Where \"the\" load came from",
                                                      "requests");
  guint s = ds_chart_model_add_series (chart, "requests");
  guint a = ds_chart_model_add_category (chart, "#ops [support]");
  guint b = ds_chart_model_add_category (chart, "acme/api");
  g_autofree char *block = NULL;

  ds_chart_model_set (chart, a, s, 5);
  ds_chart_model_set (chart, b, s, 2.5);
  block = ds_chart_model_to_mermaid (chart);
  g_assert_cmpstr (block, ==,
                   "```mermaid\n"
                   "xychart-beta\n"
                   "    title \"Where  the  load came from\"\n"
                   "    x-axis [\"#ops  support \", \"acme/api\"]\n"
                   "    y-axis \"requests\" 0 --> 5\n"
                   "    bar [5, 2.5]\n"
                   "```\n");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ds/charts/layout", test_layout);
  g_test_add_func ("/ds/charts/mermaid", test_mermaid);
  return g_test_run ();
}
