/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>

#include "ds-chart.h"

/* The Rotation page's chart, drawn to a PNG as the widget draws it: each bar
 * where the model's layout put it, its height its value on the scale, in
 * its series' colour, inside the plot; nothing drawn where there is no bar. */
static void
test_draw (void)
{
  g_autoptr(DsChartModel) model = ds_chart_model_new ("Interruptions per hour", "requests");
  guint req = ds_chart_model_add_series (model, "Support request");
  guint alert = ds_chart_model_add_series (model, "Alert");
  guint mon = ds_chart_model_add_category (model, "Mon 09");
  guint tue = ds_chart_model_add_category (model, "Mon 10");
  guint wed = ds_chart_model_add_category (model, "Mon 11");
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 400, 200);
  cairo_t *cr = cairo_create (surface);
  const GdkRGBA fg = { 0.1, 0.1, 0.1, 1 };
  g_autofree char *png = g_build_filename (g_get_tmp_dir (), "ds-chart-draw.png", NULL);
  g_autoptr(GArray) bars = NULL;
  double plot_bottom = 0;
  guchar *data;
  int stride;

  ds_chart_model_set (model, mon, req, 4);
  ds_chart_model_set (model, mon, alert, 2);
  ds_chart_model_set (model, wed, req, 3);
  (void)tue;
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  bars = ds_chart_draw (model, cr, 400, 200, &fg);
  cairo_surface_flush (surface);
  g_assert_cmpint (cairo_surface_write_to_png (surface, png), ==, CAIRO_STATUS_SUCCESS);
  g_test_message ("drawn to %s", png);

  g_assert_cmpuint (bars->len, ==, 3);
  {
    DsChartBar *a = &g_array_index (bars, DsChartBar, 0);
    DsChartBar *b = &g_array_index (bars, DsChartBar, 1);
    DsChartBar *c = &g_array_index (bars, DsChartBar, 2);
    double unit = a->height / 4;

    /* One scale: 4, 2 and 3 requests; the tallest stack (6) fills the plot. */
    g_assert_cmpfloat_with_epsilon (b->height, 2 * unit, 1e-6);
    g_assert_cmpfloat_with_epsilon (c->height, 3 * unit, 1e-6);
    g_assert_cmpfloat_with_epsilon (b->y + b->height, a->y, 1e-6);  /* stacked */
    plot_bottom = a->y + a->height;
    g_assert_cmpfloat_with_epsilon (c->y + c->height, plot_bottom, 1e-6);
    g_assert_cmpuint (c->category, ==, wed);
  }

  /* The pixels: each bar's middle in its series' colour, the empty slot blank. */
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (guint i = 0; i < bars->len; i++)
    {
      DsChartBar *bar = &g_array_index (bars, DsChartBar, i);
      int x = (int)(bar->x + bar->width / 2), y = (int)(bar->y + bar->height / 2);
      guint32 pixel = *(guint32 *)(data + y * stride + x * 4);

      if (bar->series == req)
        g_assert_cmphex (pixel & 0xffffff, ==, 0x3584e4);
      else
        g_assert_cmphex (pixel & 0xffffff, ==, 0xe01b24);
    }
  {
    /* The middle of the empty Mon 10 slot, half way up the plot: background. */
    DsChartBar *a = &g_array_index (bars, DsChartBar, 0);
    int x = (int)(a->x + a->width * 1.5 + a->width * 0.25 / 0.75);
    int y = (int)(plot_bottom - a->height / 2);
    guint32 pixel = *(guint32 *)(data + y * stride + x * 4);

    g_assert_cmphex (pixel & 0xffffff, ==, 0xffffff);
  }
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ds/chart/draw", test_draw);
  return g_test_run ();
}
