/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-report-charts"

#include "config.h"

#include <stdlib.h>

#include <glib/gi18n-lib.h>

#include "ds-books.h"
#include "ds-handoff.h"
#include "ds-report-charts.h"
#include "ds-report-figures.h"
#include "ds-store-private.h"
#include "ds-text.h"

/* The rotation drawn: where the interruptions fell hour by hour and of what
 * kind, how long each waited for you, how many first responses kept their
 * target, the support time per item, and where the load came from; straight
 * from the database, for a window of time; and the team's past rotations,
 * from the handoffs read back from GitHub. The window's Rotation page draws
 * them (src/ui/ds-chart.c); the report and the handoff write them as Mermaid
 * charts. Text of a handoff is a stranger's: its author is shown without
 * what a terminal or a label would obey (ds_text_strip_hidden()). */

#define TOP 10  /* items or places in a chart: the most, then the rest left out */

#define WHAT _("draw the rotation")

static sqlite3_stmt *
prepare (DsStore     *store,
         const char  *sql,
         gint64       since,
         gint64       until,
         GError     **error)
{
  return ds_store_prepare_window (store, sql, WHAT, since, until, error);
}

static gboolean
step (DsStore       *store,
      sqlite3_stmt  *stmt,
      gboolean      *failed,
      GError       **error)
{
  return ds_store_next_row (store, stmt, WHAT, failed, error);
}

/**
 * ds_report_chart_load:
 *
 * Returns: (transfer full) (nullable): new items per hour of each day, by
 *   kind; every hour from the day's first to its last, on each day with items
 */
DsChartModel *
ds_report_chart_load (DsStore  *store,
                      gint64    since,
                      gint64    until,
                      GError  **error)
{
  g_autoptr(DsChartModel) chart = ds_chart_model_new (_("Interruptions per hour"),
                                                      _("requests"));
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (gint64) * 2);
  gboolean failed = FALSE;
  guint series[DS_ITEM_KIND_LAST + 1];

  for (DsItemKind k = 0; k <= DS_ITEM_KIND_LAST; k++)
    series[k] = ds_chart_model_add_series (chart, ds_item_kind_label (k));
  stmt = prepare (store, "SELECT first_seen, kind FROM items WHERE first_seen >= ?1 AND "
                         "first_seen < ?2 ORDER BY first_seen", since, until, error);
  if (stmt == NULL)
    return NULL;
  while (step (store, stmt, &failed, error))
    {
      gint64 row[2];
      DsItemKind kind = DS_ITEM_KIND_REQUEST;

      row[0] = sqlite3_column_int64 (stmt, 0);
      (void)ds_item_kind_from_string ((const char *)sqlite3_column_text (stmt, 1), &kind);
      row[1] = kind;
      g_array_append_vals (rows, row, 1);
    }
  if (failed)
    return NULL;

  /* The hours of each day, from its first item's hour to its last's. */
  {
    g_autoptr(GDateTime) day = NULL;
    int first = 24, last = -1;

    for (guint i = 0; i <= rows->len; i++)
      {
        g_autoptr(GDateTime) at = i < rows->len
          ? g_date_time_new_from_unix_local (((gint64 *)rows->data)[i * 2]) : NULL;

        if (day != NULL && (at == NULL || g_date_time_get_day_of_year (at) !=
                                          g_date_time_get_day_of_year (day) ||
                            g_date_time_get_year (at) != g_date_time_get_year (day)))
          {
            for (int h = first; h <= last; h++)
              {
                g_autoptr(GDateTime) hour = g_date_time_new_local (
                  g_date_time_get_year (day), g_date_time_get_month (day),
                  g_date_time_get_day_of_month (day), h, 0, 0);
                gint64 start = g_date_time_to_unix (hour);
                g_autofree char *label = g_date_time_format (hour, "%a %H");

                g_array_append_val (starts, start);
                ds_chart_model_add_category (chart, label);
              }
            g_clear_pointer (&day, g_date_time_unref);
            first = 24;
            last = -1;
          }
        if (at == NULL)
          break;
        if (day == NULL)
          day = g_date_time_ref (at);
        first = MIN (first, g_date_time_get_hour (at));
        last = MAX (last, g_date_time_get_hour (at));
      }
  }
  for (guint i = 0; i < rows->len; i++)
    {
      gint64 at = ((gint64 *)rows->data)[i * 2];
      DsItemKind kind = ((gint64 *)rows->data)[i * 2 + 1];

      for (guint c = 0; c < starts->len; c++)
        if (at >= g_array_index (starts, gint64, c) && at < g_array_index (starts, gint64, c) + 3600)
          {
            ds_chart_model_set (chart, c, series[kind],
                                ds_chart_model_get (chart, c, series[kind]) + 1);
            break;
          }
    }
  return g_steal_pointer (&chart);
}

/* Seconds as minutes, to the tenth: a chart, not an account. */
static double
tenths_of_minutes (gint64 seconds)
{
  return (double)(gint64)(seconds / 60.0 * 10 + 0.5) / 10;
}

/**
 * ds_report_chart_waits:
 *
 * Returns: (transfer full) (nullable): how long each item waited for your
 *   first move on it, in minutes, shortest first, with the median and the
 *   90th percentile marked
 */
DsChartModel *
ds_report_chart_waits (DsStore  *store,
                       gint64    since,
                       gint64    until,
                       GError  **error)
{
  g_autoptr(DsChartModel) chart = ds_chart_model_new (_("Time to acknowledge"), _("minutes"));
  /* The report's, counted once (ds-report-figures.c). */
  g_autoptr(GArray) waits = ds_report_ack_waits (store, since, until, error);
  guint series = ds_chart_model_add_series (chart, _("Waited"));

  if (waits == NULL)
    return NULL;
  for (guint i = 0; i < waits->len; i++)
    {
      g_autofree char *label = g_strdup_printf ("%u", i + 1);
      guint c = ds_chart_model_add_category (chart, label);

      ds_chart_model_set (chart, c, series, tenths_of_minutes (g_array_index (waits, gint64, i)));
    }
  if (waits->len > 0)
    {
      ds_chart_model_add_mark (chart, tenths_of_minutes (ds_report_percentile (waits, 50)),
                               _("median"));
      ds_chart_model_add_mark (chart, tenths_of_minutes (ds_report_percentile (waits, 90)),
                               _("90th percentile"));
    }
  return g_steal_pointer (&chart);
}

/* A label that fits under a bar: "Deploy failed: deploy…". */
static char *
shorten (const char *label)
{
  g_autofree char *start = NULL;

  if (g_utf8_strlen (label, -1) <= 24)
    return g_strdup (label);
  start = g_utf8_substring (label, 0, 23);
  return g_strconcat (g_strchomp (start), "…", NULL);
}

/* A chart of one series from "SELECT label, value" rows, the top ones. */
static DsChartModel *
top_chart (DsStore     *store,
           const char  *title,
           const char  *unit,
           const char  *sql,
           double       scale,
           gint64       since,
           gint64       until,
           GError     **error)
{
  g_autoptr(DsChartModel) chart = ds_chart_model_new (title, unit);
  g_autoptr(sqlite3_stmt) stmt = prepare (store, sql, since, until, error);
  gboolean failed = FALSE;
  guint series = ds_chart_model_add_series (chart, unit);
  guint n = 0;

  if (stmt == NULL)
    return NULL;
  /* ?3, where the query has it: the least time that counts as tracked. */
  if (sqlite3_bind_parameter_count (stmt) >= 3)
    sqlite3_bind_int64 (stmt, 3, DS_TRACKED_MIN);
  while (step (store, stmt, &failed, error))
    if (n++ < TOP)
      {
        const char *name = (const char *)sqlite3_column_text (stmt, 0);
        g_autofree char *label = ds_text_strip_hidden (name);
        g_autofree char *shortened = shorten (label != NULL ? label : "?");
        guint c = ds_chart_model_add_category (chart, shortened);

        ds_chart_model_set (chart, c, series,
                            (double)(gint64)(sqlite3_column_int64 (stmt, 1) * scale * 10 + 0.5)
                            / 10);
      }
  if (failed)
    return NULL;
  return g_steal_pointer (&chart);
}

/**
 * ds_report_chart_tracked:
 *
 * Returns: (transfer full) (nullable): support time per item, in minutes,
 *   the ten longest (only items past 15 minutes count, as in the report)
 */
DsChartModel *
ds_report_chart_tracked (DsStore  *store,
                         gint64    since,
                         gint64    until,
                         GError  **error)
{
  return top_chart (store, _("Support time per item"), _("minutes"),
                    "SELECT i.title, SUM(MIN(COALESCE(w.ended, ?2), ?2) - MAX(w.started, ?1)) "
                    "  AS t FROM work w JOIN items i ON i.id = w.item_id "
                    "WHERE w.started < ?2 AND COALESCE(w.ended, ?2) > ?1 "
                    "GROUP BY i.id HAVING t >= ?3 ORDER BY t DESC, i.id",
                    1 / 60.0, since, until, error);
}

/**
 * ds_report_chart_places:
 *
 * Returns: (transfer full) (nullable): items per channel or repository, the
 *   ten busiest
 */
DsChartModel *
ds_report_chart_places (DsStore  *store,
                        gint64    since,
                        gint64    until,
                        GError  **error)
{
  return top_chart (store, _("Where the load came from"), _("requests"),
                    "SELECT COALESCE(channel, source), count(*) FROM items "
                    "WHERE first_seen >= ?1 AND first_seen < ?2 "
                    "GROUP BY 1 ORDER BY count(*) DESC, 1",
                    1, since, until, error);
}

/**
 * ds_report_chart_responses:
 * @clock: (nullable): the team's targets and working time; %NULL: none set,
 *   and the chart is empty
 *
 * Returns: (transfer full) (nullable): the window's first responses per
 *   kind with a target, within it and over it, as the report counts them
 *   (ds_report_first_responses())
 */
DsChartModel *
ds_report_chart_responses (DsStore          *store,
                           DsResponseClock  *clock,
                           gint64            since,
                           gint64            until,
                           GError          **error)
{
  g_autoptr(DsChartModel) chart = ds_chart_model_new (_("First responses"), _("requests"));
  g_autoptr(GPtrArray) counted = ds_report_first_responses (store, clock, since, until, error);
  guint within = ds_chart_model_add_series (chart, _("within target"));
  guint over = ds_chart_model_add_series (chart, _("over target"));
  guint n[DS_ITEM_KIND_LAST + 1][2] = { { 0 } };

  if (counted == NULL)
    return NULL;
  for (guint i = 0; i < counted->len; i++)
    {
      const DsFirstResponse *resp = counted->pdata[i];
      n[resp->kind][resp->answered && resp->wait <= resp->target ? 0 : 1]++;
    }
  for (DsItemKind k = 0; k <= DS_ITEM_KIND_LAST; k++)
    if (n[k][0] + n[k][1] > 0)
      {
        guint c = ds_chart_model_add_category (chart, ds_item_kind_label (k));

        ds_chart_model_set (chart, c, within, n[k][0]);
        ds_chart_model_set (chart, c, over, n[k][1]);
      }
  return g_steal_pointer (&chart);
}

#define PAST_SHOWN 8

/* "dana · Mon 1 Dec": who was on and the day the rotation began. */
static char *
past_label (const DsHandoff *handoff)
{
  g_autoptr(GDateTime) start = g_date_time_new_from_unix_local (handoff->start);
  g_autofree char *day = start != NULL ? g_date_time_format (start, "%a %-d %b") : g_strdup ("?");
  g_autofree char *who = ds_text_strip_hidden (handoff->author);

  return g_strdup_printf (_("%s · %s"), who, day);
}

/**
 * ds_report_chart_past:
 * @since: the rotation's start: those before it are drawn…
 * @until: …that ended by its end
 *
 * Returns: (transfer full) (nullable): the requests of each of the last
 *   eight rotations before the window, by kind, from the handoffs read
 *   back from GitHub, oldest first: "dana · Mon 1 Dec", who was on (their
 *   GitHub login) and the day it began, in local time
 */
DsChartModel *
ds_report_chart_past (DsStore  *store,
                      gint64    since,
                      gint64    until,
                      GError  **error)
{
  g_autoptr(DsChartModel) chart = ds_chart_model_new (_("Past rotations"), _("requests"));
  g_autoptr(GPtrArray) past = ds_store_load_handoffs_before (store, since, until, PAST_SHOWN,
                                                             error);
  guint series[DS_ITEM_KIND_LAST + 1];

  if (past == NULL)
    return NULL;
  for (DsItemKind k = 0; k <= DS_ITEM_KIND_LAST; k++)
    series[k] = ds_chart_model_add_series (chart, ds_item_kind_label (k));
  for (guint i = 0; i < past->len; i++)
    {
      const DsHandoff *handoff = past->pdata[i];
      g_autofree char *label = past_label (handoff);
      guint c = ds_chart_model_add_category (chart, label);

      for (DsItemKind k = 0; k <= DS_ITEM_KIND_LAST; k++)
        ds_chart_model_set (chart, c, series[k], handoff->by_kind[k]);
    }
  return g_steal_pointer (&chart);
}

/**
 * ds_report_chart_past_ack:
 *
 * Returns: (transfer full) (nullable): the median time to acknowledge of
 *   each of the last eight rotations before @since, in minutes (none where
 *   nothing was acknowledged)
 */
DsChartModel *
ds_report_chart_past_ack (DsStore  *store,
                          gint64    since,
                          gint64    until,
                          GError  **error)
{
  g_autoptr(DsChartModel) chart = ds_chart_model_new (_("Past rotations: time to acknowledge"),
                                                      _("minutes"));
  g_autoptr(GPtrArray) past = ds_store_load_handoffs_before (store, since, until, PAST_SHOWN,
                                                             error);
  guint median;

  if (past == NULL)
    return NULL;
  median = ds_chart_model_add_series (chart, _("median"));
  for (guint i = 0; i < past->len; i++)
    {
      const DsHandoff *handoff = past->pdata[i];
      g_autofree char *label = past_label (handoff);
      guint c = ds_chart_model_add_category (chart, label);

      if (handoff->ack_median >= 0)
        ds_chart_model_set (chart, c, median, handoff->ack_median / 60.0);
    }
  return g_steal_pointer (&chart);
}

/**
 * ds_report_chart_past_responses:
 *
 * Returns: (transfer full) (nullable): the share of first responses within
 *   target of each of the last eight rotations before @since, in percent
 *   (none where no request had a target)
 */
DsChartModel *
ds_report_chart_past_responses (DsStore  *store,
                                gint64    since,
                                gint64    until,
                                GError  **error)
{
  g_autoptr(DsChartModel) chart =
    ds_chart_model_new (_("Past rotations: first responses within target"), "%");
  g_autoptr(GPtrArray) past = ds_store_load_handoffs_before (store, since, until, PAST_SHOWN,
                                                             error);
  guint within;

  if (past == NULL)
    return NULL;
  within = ds_chart_model_add_series (chart, _("within target"));
  for (guint i = 0; i < past->len; i++)
    {
      const DsHandoff *handoff = past->pdata[i];
      g_autofree char *label = past_label (handoff);
      guint c = ds_chart_model_add_category (chart, label);

      if (handoff->responses_total > 0)
        ds_chart_model_set (chart, c, within,
                            100.0 * handoff->responses_within / handoff->responses_total);
    }
  return g_steal_pointer (&chart);
}

/* A stacked chart of a few series, for Mermaid, which draws one total per
 * bar: each category's series side by side instead ("Support request ·
 * over target"). */
static DsChartModel *
unstacked (DsChartModel *chart,
           const char   *unit)
{
  DsChartModel *flat = ds_chart_model_new (ds_chart_model_get_title (chart), unit);
  guint one = ds_chart_model_add_series (flat, unit);

  for (guint c = 0; c < ds_chart_model_get_n_categories (chart); c++)
    for (guint s = 0; s < ds_chart_model_get_n_series (chart); s++)
      {
        g_autofree char *label = g_strdup_printf (_("%s · %s"),
                                                  ds_chart_model_get_category (chart, c),
                                                  ds_chart_model_get_series (chart, s));

        ds_chart_model_set (flat, ds_chart_model_add_category (flat, label), one,
                            ds_chart_model_get (chart, c, s));
      }
  return flat;
}

/**
 * ds_report_chart:
 * @clock: (nullable): the team's response targets and working time
 *
 * Chart @which of the rotation from @since to @until (the past rotations:
 * the handoffs before it).
 *
 * Returns: (transfer full) (nullable): the chart, or %NULL on an error
 */
DsChartModel *
ds_report_chart (DsReportChart     which,
                 DsStore          *store,
                 DsResponseClock  *clock,
                 gint64            since,
                 gint64            until,
                 GError          **error)
{
  static DsChartModel *(* const loaders[DS_REPORT_N_CHARTS]) (DsStore *, gint64, gint64,
                                                               GError **) = {
    [DS_REPORT_CHART_LOAD] = ds_report_chart_load,
    [DS_REPORT_CHART_WAITS] = ds_report_chart_waits,
    [DS_REPORT_CHART_TRACKED] = ds_report_chart_tracked,
    [DS_REPORT_CHART_PLACES] = ds_report_chart_places,
    [DS_REPORT_CHART_PAST] = ds_report_chart_past,
    [DS_REPORT_CHART_PAST_ACK] = ds_report_chart_past_ack,
    [DS_REPORT_CHART_PAST_RESPONSES] = ds_report_chart_past_responses,
  };

  g_return_val_if_fail (which < DS_REPORT_N_CHARTS, NULL);

  if (which == DS_REPORT_CHART_RESPONSES)
    return ds_report_chart_responses (store, clock, since, until, error);
  return loaders[which] (store, since, until, error);
}

/**
 * ds_report_charts_markdown:
 * @clock: (nullable): the team's response targets and working time
 *
 * Returns: (transfer full) (nullable): the charts as Mermaid blocks under a
 *   heading, for the report and the handoff comment: those of the window,
 *   then the past rotations
 */
char *
ds_report_charts_markdown (DsStore          *store,
                           DsResponseClock  *clock,
                           gint64            since,
                           gint64            until,
                           GError          **error)
{
  GString *out = g_string_new (NULL);
  guint drawn = 0;

  g_string_append_printf (out, "\n## %s\n", _("Charts"));
  for (DsReportChart c = 0; c < DS_REPORT_N_CHARTS; c++)
    {
      g_autoptr(DsChartModel) chart = ds_report_chart (c, store, clock, since, until, error);
      g_autofree char *block = NULL;

      if (chart == NULL)
        {
          g_string_free (out, TRUE);
          return NULL;
        }
      if (ds_chart_model_get_n_categories (chart) == 0)
        continue;
      /* Mermaid draws one total a bar: the first responses side by side. */
      if (c == DS_REPORT_CHART_RESPONSES)
        {
          g_autoptr(DsChartModel) flat = unstacked (chart, _("requests"));
          block = ds_chart_model_to_mermaid (flat);
        }
      else
        block = ds_chart_model_to_mermaid (chart);
      g_string_append_printf (out, "\n%s", block);
      drawn++;
    }
  /* Nothing to draw: no heading either. */
  if (drawn == 0)
    g_string_truncate (out, 0);
  return g_string_free (out, FALSE);
}
