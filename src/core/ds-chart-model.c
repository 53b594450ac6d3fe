/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-chart-model"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "ds-chart-model.h"

struct _DsChartModel
{
  char      *title;
  char      *unit;        /* "requests", "minutes" */
  GPtrArray *series;      /* char * */
  GPtrArray *categories;  /* char * */
  GArray    *values;      /* double, categories × series, grown as needed */
  GArray    *marks;       /* DsChartMark */
  GPtrArray *mark_labels; /* char *, owning the marks' labels */
};

#define GAP 0.25  /* of each category's width, between bars */

DsChartModel *
ds_chart_model_new (const char *title,
                    const char *unit)
{
  DsChartModel *self = g_new0 (DsChartModel, 1);

  self->title = g_strdup (title);
  self->unit = g_strdup (unit);
  self->series = g_ptr_array_new_with_free_func (g_free);
  self->categories = g_ptr_array_new_with_free_func (g_free);
  self->values = g_array_new (FALSE, TRUE, sizeof (double));
  self->marks = g_array_new (FALSE, TRUE, sizeof (DsChartMark));
  self->mark_labels = g_ptr_array_new_with_free_func (g_free);
  return self;
}

void
ds_chart_model_free (DsChartModel *self)
{
  if (self == NULL)
    return;
  g_free (self->title);
  g_free (self->unit);
  g_ptr_array_unref (self->series);
  g_ptr_array_unref (self->categories);
  g_array_unref (self->values);
  g_array_unref (self->marks);
  g_ptr_array_unref (self->mark_labels);
  g_free (self);
}

/* The values, categories × series, after a series or category was added. */
static void
reshape (DsChartModel *self,
         guint         old_series)
{
  guint n_cat = self->categories->len;
  guint n_ser = self->series->len;
  g_autoptr(GArray) old = self->values;

  self->values = g_array_new (FALSE, TRUE, sizeof (double));
  g_array_set_size (self->values, n_cat * n_ser);
  for (guint c = 0; c < n_cat; c++)
    for (guint s = 0; s < old_series && s < n_ser; s++)
      if (c * old_series + s < old->len)
        g_array_index (self->values, double, c * n_ser + s) =
          g_array_index (old, double, c * old_series + s);
}

guint
ds_chart_model_add_series (DsChartModel *self,
                           const char   *name)
{
  guint old = self->series->len;

  g_ptr_array_add (self->series, g_strdup (name));
  reshape (self, old);
  return self->series->len - 1;
}

guint
ds_chart_model_add_category (DsChartModel *self,
                             const char   *label)
{
  g_ptr_array_add (self->categories, g_strdup (label));
  reshape (self, self->series->len);
  return self->categories->len - 1;
}

void
ds_chart_model_set (DsChartModel *self,
                    guint         category,
                    guint         series,
                    double        value)
{
  g_return_if_fail (category < self->categories->len && series < self->series->len);
  g_array_index (self->values, double, category * self->series->len + series) = MAX (value, 0);
}

void
ds_chart_model_add_mark (DsChartModel *self,
                         double        value,
                         const char   *label)
{
  char *owned = g_strdup (label);
  DsChartMark mark = { value, owned };

  g_ptr_array_add (self->mark_labels, owned);
  g_array_append_val (self->marks, mark);
}

const char *
ds_chart_model_get_title (DsChartModel *self)
{
  return self->title;
}

guint
ds_chart_model_get_n_categories (DsChartModel *self)
{
  return self->categories->len;
}

guint
ds_chart_model_get_n_series (DsChartModel *self)
{
  return self->series->len;
}

const char *
ds_chart_model_get_category (DsChartModel *self,
                             guint         category)
{
  g_return_val_if_fail (category < self->categories->len, NULL);
  return g_ptr_array_index (self->categories, category);
}

const char *
ds_chart_model_get_series (DsChartModel *self,
                           guint         series)
{
  g_return_val_if_fail (series < self->series->len, NULL);
  return g_ptr_array_index (self->series, series);
}

double
ds_chart_model_get (DsChartModel *self,
                    guint         category,
                    guint         series)
{
  g_return_val_if_fail (category < self->categories->len && series < self->series->len, 0);
  return g_array_index (self->values, double, category * self->series->len + series);
}

double
ds_chart_model_get_total (DsChartModel *self,
                          guint         category)
{
  double total = 0;

  for (guint s = 0; s < self->series->len; s++)
    total += ds_chart_model_get (self, category, s);
  return total;
}

/* The top of the scale: the tallest bar or mark, rounded up to a whole number. */
double
ds_chart_model_get_max (DsChartModel *self)
{
  double max = 0;

  for (guint c = 0; c < self->categories->len; c++)
    max = MAX (max, ds_chart_model_get_total (self, c));
  for (guint m = 0; m < self->marks->len; m++)
    max = MAX (max, g_array_index (self->marks, DsChartMark, m).value);
  return max > 0 ? ceil (max) : 1;
}

GArray *
ds_chart_model_get_marks (DsChartModel *self)
{
  return self->marks;
}

/* Where a value sits on the scale, in an area @height tall (y down). */
double
ds_chart_model_y_of (DsChartModel *self,
                     double        value,
                     double        height)
{
  return height - value / ds_chart_model_get_max (self) * height;
}

/**
 * ds_chart_model_layout:
 *
 * Returns: (transfer full) (element-type DsChartBar): a rectangle for each
 *   non-zero value, its series stacked bottom up in category order, the
 *   tallest bar reaching @height
 */
GArray *
ds_chart_model_layout (DsChartModel *self,
                       double        width,
                       double        height)
{
  GArray *bars = g_array_new (FALSE, TRUE, sizeof (DsChartBar));
  double max = ds_chart_model_get_max (self);
  double slot;

  if (self->categories->len == 0)
    return bars;
  slot = width / self->categories->len;
  for (guint c = 0; c < self->categories->len; c++)
    {
      double bottom = height;

      for (guint s = 0; s < self->series->len; s++)
        {
          double value = ds_chart_model_get (self, c, s);
          DsChartBar bar;

          if (value <= 0)
            continue;
          bar.category = c;
          bar.series = s;
          bar.value = value;
          bar.x = c * slot + slot * GAP / 2;
          bar.width = slot * (1 - GAP);
          bar.height = value / max * height;
          bar.y = bottom - bar.height;
          bottom = bar.y;
          g_array_append_val (bars, bar);
        }
    }
  return bars;
}

/**
 * ds_chart_model_describe:
 *
 * Returns: the chart in words, for those who do not see it (its
 *   accessible description) and for the tooltip
 */
char *
ds_chart_model_describe (DsChartModel *self)
{
  GString *s = g_string_new (NULL);
  guint said = 0;

  g_string_append_printf (s, "%s.", self->title);
  for (guint c = 0; c < self->categories->len; c++)
    {
      double total = ds_chart_model_get_total (self, c);

      if (total <= 0)
        continue;
      g_string_append_printf (s, "%s %s: %g %s", said++ == 0 ? "" : ";",
                              (char *)g_ptr_array_index (self->categories, c), total, self->unit);
      if (self->series->len > 1)
        {
          guint parts = 0;

          g_string_append (s, " (");
          for (guint k = 0; k < self->series->len; k++)
            if (ds_chart_model_get (self, c, k) > 0)
              g_string_append_printf (s, "%s%g %s", parts++ == 0 ? "" : ", ",
                                      ds_chart_model_get (self, c, k),
                                      (char *)g_ptr_array_index (self->series, k));
          g_string_append_c (s, ')');
        }
    }
  if (said == 0)
    g_string_append_printf (s, " %s", _("Nothing yet."));
  else
    g_string_append_c (s, '.');
  for (guint m = 0; m < self->marks->len; m++)
    {
      DsChartMark *mark = &g_array_index (self->marks, DsChartMark, m);
      g_string_append_printf (s, " %s: %g %s.", mark->label, mark->value, self->unit);
    }
  return g_string_free (s, FALSE);
}

/* A label Mermaid reads: no quotes or brackets inside. */
static void
append_quoted (GString    *s,
               const char *text)
{
  g_string_append_c (s, '"');
  for (const char *p = text; *p != '\0'; p++)
    g_string_append_c (s, strchr ("\"[]\n\r\\`", *p) != NULL ? ' ' : *p);
  g_string_append_c (s, '"');
}

/**
 * ds_chart_model_to_mermaid:
 *
 * Returns: the chart as a Mermaid `xychart-beta` block (the totals of each
 *   category as bars; each mark as a line), which GitHub draws in issue
 *   comments and Markdown files
 */
char *
ds_chart_model_to_mermaid (DsChartModel *self)
{
  GString *s = g_string_new ("```mermaid\nxychart-beta\n");

  g_string_append (s, "    title ");
  append_quoted (s, self->title);
  g_string_append (s, "\n    x-axis [");
  for (guint c = 0; c < self->categories->len; c++)
    {
      if (c > 0)
        g_string_append (s, ", ");
      append_quoted (s, g_ptr_array_index (self->categories, c));
    }
  g_string_append (s, "]\n    y-axis ");
  append_quoted (s, self->unit);
  g_string_append_printf (s, " 0 --> %g\n    bar [", ds_chart_model_get_max (self));
  for (guint c = 0; c < self->categories->len; c++)
    g_string_append_printf (s, "%s%g", c > 0 ? ", " : "", ds_chart_model_get_total (self, c));
  g_string_append (s, "]\n");
  for (guint m = 0; m < self->marks->len; m++)
    {
      DsChartMark *mark = &g_array_index (self->marks, DsChartMark, m);

      g_string_append (s, "    line [");
      for (guint c = 0; c < self->categories->len; c++)
        g_string_append_printf (s, "%s%g", c > 0 ? ", " : "", mark->value);
      g_string_append (s, "]\n");
    }
  g_string_append (s, "```\n");
  return g_string_free (s, FALSE);
}
