/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-chart"

#include "config.h"

#include <glib/gi18n.h>

#include "ds-chart.h"

/* A bar chart drawn with Cairo from a DsChartModel: stacked bars in colours
 * that read on light and dark themes alike, the scale on the left, the
 * categories below (as many as fit), the marks as dashed lines, a legend
 * when there is more than one series; and the chart in words as its
 * accessible description and tooltip. */
struct _DsChart
{
  GtkDrawingArea  parent_instance;

  DsChartModel   *model;
};

G_DEFINE_FINAL_TYPE (DsChart, ds_chart, GTK_TYPE_DRAWING_AREA)

/* GNOME's palette, middle shades: seen on white and on dark grey. */
static const double palette[][3] = {
  { 0x35 / 255., 0x84 / 255., 0xe4 / 255. },  /* blue */
  { 0xe0 / 255., 0x1b / 255., 0x24 / 255. },  /* red */
  { 0x33 / 255., 0xd1 / 255., 0x7a / 255. },  /* green */
  { 0xff / 255., 0x78 / 255., 0x00 / 255. },  /* orange */
  { 0x91 / 255., 0x41 / 255., 0xac / 255. },  /* purple */
  { 0xf6 / 255., 0xd3 / 255., 0x2d / 255. },  /* yellow */
  { 0x98 / 255., 0x6a / 255., 0x44 / 255. },  /* brown */
  { 0x77 / 255., 0x76 / 255., 0x7b / 255. },  /* grey */
};

#define LEFT 40
#define BOTTOM 22
#define TOP 8
#define RIGHT 8
#define LEGEND 20

static void
text_at (cairo_t    *cr,
         const char *text,
         double      x,
         double      y,
         double      align)  /* 0 left, 0.5 centre, 1 right of x */
{
  cairo_text_extents_t ext;

  cairo_text_extents (cr, text, &ext);
  cairo_move_to (cr, x - ext.x_advance * align, y);
  cairo_show_text (cr, text);
}

static gboolean
has_legend (DsChartModel *model)
{
  return ds_chart_model_get_n_series (model) > 1;
}

/**
 * ds_chart_draw:
 * @fg: the theme's text colour, for the scale and the labels
 *
 * Draws @model in a @width × @height area of @cr.
 *
 * Returns: (transfer full) (element-type DsChartBar): the bars as drawn, in
 *   @cr's coordinates
 */
GArray *
ds_chart_draw (DsChartModel  *model,
               cairo_t       *cr,
               double         width,
               double         height,
               const GdkRGBA *fg)
{
  double legend = has_legend (model) ? LEGEND : 0;
  double plot_w = MAX (width - LEFT - RIGHT, 1);
  double plot_h = MAX (height - TOP - BOTTOM - legend, 1);
  double max = ds_chart_model_get_max (model);
  guint n = ds_chart_model_get_n_categories (model);
  GArray *bars = ds_chart_model_layout (model, plot_w, plot_h);
  GArray *marks = ds_chart_model_get_marks (model);
  double last_label_end = -1e9;

  cairo_save (cr);
  cairo_select_font_face (cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, 10);

  if (n == 0)
    {
      /* Nothing to draw yet: said, not an empty frame. */
      cairo_set_font_size (cr, 12);
      cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, 0.55 * fg->alpha);
      text_at (cr, _("Nothing yet in this rotation"), width / 2, height / 2, 0.5);
      cairo_restore (cr);
      return bars;
    }

  /* The scale: 0, the middle, the top. */
  cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, 0.25 * fg->alpha);
  cairo_set_line_width (cr, 1);
  for (int i = 0; i <= 2; i++)
    {
      double y = TOP + plot_h - plot_h * i / 2.0;
      g_autofree char *label = g_strdup_printf ("%g", max * i / 2.0);

      cairo_move_to (cr, LEFT, (int)y + 0.5);
      cairo_line_to (cr, LEFT + plot_w, (int)y + 0.5);
      cairo_stroke (cr);
      cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, 0.7 * fg->alpha);
      text_at (cr, label, LEFT - 4, y + 3, 1);
      cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, 0.25 * fg->alpha);
    }

  /* The bars, in the plot's place. */
  for (guint i = 0; i < bars->len; i++)
    {
      DsChartBar *bar = &g_array_index (bars, DsChartBar, i);
      const double *c = palette[bar->series % G_N_ELEMENTS (palette)];

      bar->x += LEFT;
      bar->y += TOP;
      cairo_set_source_rgb (cr, c[0], c[1], c[2]);
      cairo_rectangle (cr, bar->x, bar->y, bar->width, bar->height);
      cairo_fill (cr);
    }

  /* The marks: dashed, labelled at the right. */
  for (guint m = 0; m < marks->len; m++)
    {
      DsChartMark *mark = &g_array_index (marks, DsChartMark, m);
      double y = TOP + ds_chart_model_y_of (model, mark->value, plot_h);
      static const double dash[] = { 4, 3 };

      cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, 0.8 * fg->alpha);
      cairo_set_dash (cr, dash, 2, 0);
      cairo_move_to (cr, LEFT, (int)y + 0.5);
      cairo_line_to (cr, LEFT + plot_w, (int)y + 0.5);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      text_at (cr, mark->label, LEFT + plot_w - 2, y - 3, 1);
    }

  /* The categories below, as many as fit without overlapping. */
  cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, 0.7 * fg->alpha);
  for (guint c = 0; c < n; c++)
    {
      const char *label = ds_chart_model_get_category (model, c);
      double x = LEFT + plot_w * (c + 0.5) / n;
      cairo_text_extents_t ext;

      cairo_text_extents (cr, label, &ext);
      if (x - ext.x_advance / 2 < last_label_end + 6)
        continue;
      text_at (cr, label, x, TOP + plot_h + 14, 0.5);
      last_label_end = x + ext.x_advance / 2;
    }

  /* The legend: the series that have a value. */
  if (legend > 0)
    {
      double x = LEFT;
      double y = height - 6;

      for (guint s = 0; s < ds_chart_model_get_n_series (model); s++)
        {
          const double *c = palette[s % G_N_ELEMENTS (palette)];
          const char *name = ds_chart_model_get_series (model, s);
          gboolean used = FALSE;
          cairo_text_extents_t ext;

          for (guint k = 0; k < n && !used; k++)
            used = ds_chart_model_get (model, k, s) > 0;
          if (!used)
            continue;
          cairo_set_source_rgb (cr, c[0], c[1], c[2]);
          cairo_rectangle (cr, x, y - 9, 10, 10);
          cairo_fill (cr);
          cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, 0.8 * fg->alpha);
          text_at (cr, name, x + 14, y, 0);
          cairo_text_extents (cr, name, &ext);
          x += 14 + ext.x_advance + 12;
        }
    }
  cairo_restore (cr);
  return bars;
}

static gboolean
ds_chart_draw_cb (GtkWidget *widget,
                  cairo_t   *cr)
{
  DsChart *self = DS_CHART (widget);
  GtkStyleContext *style = gtk_widget_get_style_context (widget);
  GdkRGBA fg;
  g_autoptr(GArray) bars = NULL;

  if (self->model == NULL)
    return GDK_EVENT_PROPAGATE;
  gtk_style_context_get_color (style, gtk_style_context_get_state (style), &fg);
  bars = ds_chart_draw (self->model, cr, gtk_widget_get_allocated_width (widget),
                        gtk_widget_get_allocated_height (widget), &fg);
  return GDK_EVENT_PROPAGATE;
}

static void
ds_chart_finalize (GObject *object)
{
  DsChart *self = (DsChart *)object;

  g_clear_pointer (&self->model, ds_chart_model_free);

  G_OBJECT_CLASS (ds_chart_parent_class)->finalize (object);
}

static void
ds_chart_class_init (DsChartClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ds_chart_finalize;
  GTK_WIDGET_CLASS (klass)->draw = ds_chart_draw_cb;
}

static void
ds_chart_init (DsChart *self)
{
  gtk_widget_set_size_request (GTK_WIDGET (self), 320, 160);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
}

GtkWidget *
ds_chart_new (void)
{
  return g_object_new (DS_TYPE_CHART, NULL);
}

/**
 * ds_chart_set_model:
 * @model: (transfer full) (nullable): what to draw
 */
void
ds_chart_set_model (DsChart      *self,
                    DsChartModel *model)
{
  g_autofree char *words = NULL;

  g_return_if_fail (DS_IS_CHART (self));

  g_clear_pointer (&self->model, ds_chart_model_free);
  self->model = model;
  if (model != NULL)
    {
      words = ds_chart_model_describe (model);
      atk_object_set_name (gtk_widget_get_accessible (GTK_WIDGET (self)),
                           ds_chart_model_get_title (model));
      atk_object_set_description (gtk_widget_get_accessible (GTK_WIDGET (self)), words);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self), words);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

DsChartModel *
ds_chart_get_model (DsChart *self)
{
  g_return_val_if_fail (DS_IS_CHART (self), NULL);
  return self->model;
}
