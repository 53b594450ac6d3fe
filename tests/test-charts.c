/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>
#include <time.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "ds-chart-model.h"
#include "ds-handoff-testing.h"
#include "ds-report-charts.h"

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

/* A store of its own, in a folder that goes with the test. */
typedef struct
{
  char    *dir;
  char    *path;
  DsStore *store;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("ds-charts-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "dayshift.db", NULL);
  f->store = ds_store_open (f->path, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_assert_finalize_object (f->store);
  ds_store_delete_files (f->path);
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

#define DAY 1795392000  /* Mon 2026-11-23 00:00 UTC */
#define HOUR 3600

/* An item as a poll kept it: arrived at @created, first seen then, with
 * its first response at @responded (0: none). */
static void
insert_item (Fixture    *f,
             const char *id,
             const char *kind,
             const char *state,
             gint64      created,
             gint64      responded)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO items (id, source, remote_id, kind, "
                                           "state, title, created, first_seen, updated, "
                                           "responded) VALUES (?1, 'slack', ?1, ?2, ?3, ?1, "
                                           "?4, ?4, ?4, ?5)", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, state, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, created);
  sqlite3_bind_int64 (stmt, 5, responded);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

/* The first responses of a Monday (09:00–17:00 UTC, Monday to Friday; a
 * request's target 4 h, an access request's 8 h), per kind: answered
 * within and over the target, and unanswered past it; not a request still
 * under its target, one dismissed, one of a kind with no target, nor one
 * of the week before. The same in the report's Mermaid, side by side. */
static void
test_responses (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(DsResponseClock) clock = ds_response_clock_new (utc, 9 * 60, 17 * 60,
                                                            DS_WORKING_WEEK);
  g_autoptr(DsChartModel) chart = NULL;
  g_autoptr(DsChartModel) none = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *markdown = NULL;

  ds_response_clock_set_target (clock, DS_ITEM_KIND_REQUEST, 4 * HOUR);
  ds_response_clock_set_target (clock, DS_ITEM_KIND_ACCESS, 8 * HOUR);
  insert_item (f, "r1", "request", "acknowledged", DAY + 9 * HOUR, DAY + 9 * HOUR + 1800);
  insert_item (f, "r2", "request", "done", DAY + 9 * HOUR, DAY + 14 * HOUR);
  insert_item (f, "r3", "request", "new", DAY + 10 * HOUR, 0);
  insert_item (f, "r4", "request", "new", DAY + 16 * HOUR, 0);
  insert_item (f, "r5", "request", "dismissed", DAY + 9 * HOUR, DAY + 15 * HOUR);
  insert_item (f, "r6", "request", "acknowledged", DAY - 3 * 86400, DAY + 10 * HOUR);
  insert_item (f, "a1", "access", "delegated", DAY + 9 * HOUR, DAY + 10 * HOUR);
  insert_item (f, "x1", "alert", "new", DAY + 9 * HOUR, 0);

  chart = ds_report_chart_responses (f->store, clock, DAY, DAY + 86400, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ds_chart_model_get_title (chart), ==, "First responses");
  g_assert_cmpuint (ds_chart_model_get_n_series (chart), ==, 2);
  g_assert_cmpstr (ds_chart_model_get_series (chart, 0), ==, "within target");
  g_assert_cmpstr (ds_chart_model_get_series (chart, 1), ==, "over target");
  g_assert_cmpuint (ds_chart_model_get_n_categories (chart), ==, 2);
  g_assert_cmpstr (ds_chart_model_get_category (chart, 0), ==, "Support request");
  g_assert_cmpfloat (ds_chart_model_get (chart, 0, 0), ==, 1);  /* r1 */
  g_assert_cmpfloat (ds_chart_model_get (chart, 0, 1), ==, 2);  /* r2, r3 */
  g_assert_cmpstr (ds_chart_model_get_category (chart, 1), ==, "Access request");
  g_assert_cmpfloat (ds_chart_model_get (chart, 1, 0), ==, 1);  /* a1 */
  g_assert_cmpfloat (ds_chart_model_get (chart, 1, 1), ==, 0);

  markdown = ds_report_charts_markdown (f->store, clock, DAY, DAY + 86400, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (markdown,
                            "    title \"First responses\"\n"
                            "    x-axis [\"Support request · within target\", "
                            "\"Support request · over target\", "
                            "\"Access request · within target\", "
                            "\"Access request · over target\"]\n"
                            "    y-axis \"requests\" 0 --> 2\n"
                            "    bar [1, 2, 1, 0]\n"));

  /* No targets in the team profile: nothing counted, nothing drawn. */
  none = ds_report_chart_responses (f->store, NULL, DAY, DAY + 86400, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ds_chart_model_get_n_categories (none), ==, 0);
  g_clear_pointer (&markdown, g_free);
  markdown = ds_report_charts_markdown (f->store, NULL, DAY, DAY + 86400, &error);
  g_assert_null (strstr (markdown, "First responses"));
}

#define WEEK (7 * 86400)
#define SUNDAY_NIGHT 1764545400  /* Sun 2025-11-30 23:30 UTC: Mon 1 Dec 00:30 in Madrid */

/* The last eight rotations before this one, from the handoffs: oldest
 * first, each by who was on and the day it began in local time (Madrid
 * here), its requests stacked by kind; not this rotation's own handoff
 * (read back once posted), nor a later one, nor what is older than eight.
 * The same in the report's Mermaid, each rotation's total. */
static void
test_past (Fixture       *f,
           gconstpointer  data)
{
  static const char * const who[] = { "dana", "lee", "sam" };
  g_autoptr(GPtrArray) handoffs = g_ptr_array_new_with_free_func (
    (GDestroyNotify)ds_handoff_free);
  g_autoptr(DsChartModel) chart = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *markdown = NULL;
  gint64 since = SUNDAY_NIGHT + WEEK, until = since + 4 * 86400;

  /* Ten weeks up to Mon 1 Dec, then this rotation's and the next. */
  for (int k = -9; k <= 2; k++)
    {
      gint64 start = SUNDAY_NIGHT + k * WEEK;
      DsHandoff *handoff = ds_test_handoff_new (who[(k + 9) % 3], start,
                                                start + 4 * 86400 + 17 * HOUR + 1800);

      handoff->by_kind[DS_ITEM_KIND_REQUEST] = 10 + k;
      handoff->by_kind[DS_ITEM_KIND_ALERT] = 2;
      handoff->by_kind[DS_ITEM_KIND_ACCESS] = k == 0 ? 3 : 0;
      g_ptr_array_add (handoffs, handoff);
    }
  g_assert_true (ds_store_save_handoffs (f->store, handoffs, &error));
  g_assert_no_error (error);

  chart = ds_report_chart_past (f->store, since, until, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ds_chart_model_get_title (chart), ==, "Past rotations");
  g_assert_cmpuint (ds_chart_model_get_n_categories (chart), ==, 8);
  /* k = -7, on summer time still: Mon 13 Oct 01:30 in Madrid. */
  g_assert_cmpstr (ds_chart_model_get_category (chart, 0), ==, "sam · Mon 13 Oct");
  g_assert_cmpstr (ds_chart_model_get_category (chart, 6), ==, "sam · Mon 24 Nov");
  g_assert_cmpstr (ds_chart_model_get_category (chart, 7), ==, "dana · Mon 1 Dec");
  g_assert_cmpuint (ds_chart_model_get_n_series (chart), ==, DS_ITEM_KIND_LAST + 1);
  g_assert_cmpstr (ds_chart_model_get_series (chart, DS_ITEM_KIND_ACCESS), ==, "Access request");
  g_assert_cmpfloat (ds_chart_model_get (chart, 0, DS_ITEM_KIND_REQUEST), ==, 3);
  g_assert_cmpfloat (ds_chart_model_get (chart, 7, DS_ITEM_KIND_REQUEST), ==, 10);
  g_assert_cmpfloat (ds_chart_model_get (chart, 7, DS_ITEM_KIND_ALERT), ==, 2);
  g_assert_cmpfloat (ds_chart_model_get (chart, 7, DS_ITEM_KIND_ACCESS), ==, 3);
  g_assert_cmpfloat (ds_chart_model_get_total (chart, 7), ==, 15);
  g_assert_cmpfloat (ds_chart_model_get_total (chart, 6), ==, 11);

  markdown = ds_report_charts_markdown (f->store, NULL, since, until, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (markdown,
                            "    title \"Past rotations\"\n"
                            "    x-axis [\"sam · Mon 13 Oct\", \"dana · Mon 20 Oct\", "
                            "\"lee · Mon 27 Oct\", \"sam · Mon 3 Nov\", \"dana · Mon 10 Nov\", "
                            "\"lee · Mon 17 Nov\", \"sam · Mon 24 Nov\", "
                            "\"dana · Mon 1 Dec\"]\n"
                            "    y-axis \"requests\" 0 --> 15\n"
                            "    bar [5, 6, 7, 8, 9, 10, 11, 15]\n"));

  /* Before the first rotation: none. */
  g_clear_pointer (&chart, ds_chart_model_free);
  chart = ds_report_chart_past (f->store, SUNDAY_NIGHT - 9 * WEEK, until, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ds_chart_model_get_n_categories (chart), ==, 0);
}

/* Each past rotation's median time to acknowledge (minutes) and share of
 * first responses within target (%), by who was on and the day it began;
 * none where the handoff had nothing to say. The Rotation page and the
 * report draw from one list, in its order, and the report's Mermaid has
 * both. */
static void
test_past_pace (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) handoffs = g_ptr_array_new_with_free_func (
    (GDestroyNotify)ds_handoff_free);
  g_autoptr(DsChartModel) ack = NULL;
  g_autoptr(DsChartModel) within = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *markdown = NULL;
  gint64 since = SUNDAY_NIGHT + WEEK, until = since + 4 * 86400;
  DsHandoff *h;

  h = ds_test_handoff_new ("dana", SUNDAY_NIGHT - WEEK, SUNDAY_NIGHT - WEEK + 4 * 86400);
  h->ack_median = 9 * 60;
  h->responses_within = 3;
  h->responses_total = 4;
  g_ptr_array_add (handoffs, h);
  /* Nothing acknowledged, no targets: no bars. */
  h = ds_test_handoff_new ("lee", SUNDAY_NIGHT, SUNDAY_NIGHT + 4 * 86400);
  g_ptr_array_add (handoffs, h);
  g_assert_true (ds_store_save_handoffs (f->store, handoffs, &error));
  g_assert_no_error (error);

  ack = ds_report_chart (DS_REPORT_CHART_PAST_ACK, f->store, NULL, since, until, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ds_chart_model_get_n_categories (ack), ==, 2);
  g_assert_cmpstr (ds_chart_model_get_category (ack, 0), ==, "dana · Mon 24 Nov");
  g_assert_cmpfloat (ds_chart_model_get (ack, 0, 0), ==, 9);
  g_assert_cmpfloat (ds_chart_model_get (ack, 1, 0), ==, 0);
  within = ds_report_chart (DS_REPORT_CHART_PAST_RESPONSES, f->store, NULL, since, until,
                            &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (ds_chart_model_get (within, 0, 0), ==, 75);
  g_assert_cmpfloat (ds_chart_model_get (within, 1, 0), ==, 0);

  markdown = ds_report_charts_markdown (f->store, NULL, since, until, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (markdown, "    title \"Past rotations: time to acknowledge\"\n"));
  g_assert_nonnull (strstr (markdown, "    bar [9, 0]\n"));
  g_assert_nonnull (strstr (markdown,
                            "    title \"Past rotations: first responses within target\"\n"));
  g_assert_nonnull (strstr (markdown, "    bar [75, 0]\n"));
  /* In the table's order: the load by kind, then the pace. */
  g_assert_true (strstr (markdown, "\"Past rotations\"") <
                 strstr (markdown, "\"Past rotations: time to acknowledge\""));
}

int
main (int   argc,
      char *argv[])
{
  /* The past rotations' days are local time: Madrid's, not UTC's. */
  g_setenv ("TZ", "Europe/Madrid", TRUE);
  tzset ();
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ds/charts/layout", test_layout);
  g_test_add_func ("/ds/charts/mermaid", test_mermaid);
  g_test_add ("/ds/charts/responses", Fixture, NULL, fixture_setup, test_responses,
              fixture_teardown);
  g_test_add ("/ds/charts/past", Fixture, NULL, fixture_setup, test_past, fixture_teardown);
  g_test_add ("/ds/charts/past-pace", Fixture, NULL, fixture_setup, test_past_pace,
              fixture_teardown);
  return g_test_run ();
}
