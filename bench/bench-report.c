/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The report over a rotation of N items (default 5,000: every kind, each
 * with history, a third delegated or filed, support time on a tenth), and
 * the status over a store of M items (default 50,000), in process and as
 * `dayshift --status` (the whole process, start to exit). Prints medians.
 *   build/bench/bench-report [N] [M] [RUNS] */
#include <stdlib.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "bench-common.h"
#include "ds-books.h"
#include "ds-report.h"

/* Fills the store directly with SQL: the fastest way to a big realistic one. */
static void
fill (const char *path,
      guint       n,
      gint64      start)
{
  static const char * const kinds[] = { "request", "alert", "deploy", "review", "access",
                                        "incident", "postmortem", "mention" };
  static const char * const states[] = { "new", "acknowledged", "delegated", "filed", "deferred",
                                         "done", "done", "dismissed" };
  static const char * const places[] = { "#ops-support", "#operations", "#sre", "#deploys",
                                         "acme/api", "acme/ops", "PagerDuty" };
  static const char * const people[] = { "Sam Ortega", "Dana Levi", "Alice Nakamura" };
  sqlite3 *db = NULL;
  sqlite3_stmt *item = NULL, *hist = NULL, *work = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_exec (db, "BEGIN", NULL, NULL, NULL);
  sqlite3_prepare_v2 (db, "INSERT INTO items (id, source, remote_id, kind, state, title, created, "
                          "first_seen, updated, channel, delegated_to, issue_url) "
                          "VALUES (?1, 'slack', ?1, ?2, ?3, ?4, ?5, ?5, ?5, ?6, ?7, ?8)", -1,
                      &item, NULL);
  sqlite3_prepare_v2 (db, "INSERT INTO history (item_id, at, actor, from_state, to_state) "
                          "VALUES (?, ?, 'me', 'new', ?)", -1, &hist, NULL);
  sqlite3_prepare_v2 (db, "INSERT INTO work (item_id, started, ended) VALUES (?, ?, ?)", -1,
                      &work, NULL);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("C%u/%u.000100", i % 7, 1700000000 + i);
      g_autofree char *title = g_strdup_printf ("Request number %u about something", i);
      g_autofree char *issue = g_strdup_printf ("https://github.com/acme/ops/issues/%u", i);
      const char *state = states[i % G_N_ELEMENTS (states)];
      gint64 t = start + (gint64)i * 60;

      sqlite3_reset (item);
      sqlite3_bind_text (item, 1, id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (item, 2, kinds[i % G_N_ELEMENTS (kinds)], -1, SQLITE_STATIC);
      sqlite3_bind_text (item, 3, state, -1, SQLITE_STATIC);
      sqlite3_bind_text (item, 4, title, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (item, 5, t);
      sqlite3_bind_text (item, 6, places[i % G_N_ELEMENTS (places)], -1, SQLITE_STATIC);
      if (g_str_equal (state, "delegated"))
        sqlite3_bind_text (item, 7, people[i % G_N_ELEMENTS (people)], -1, SQLITE_STATIC);
      else
        sqlite3_bind_null (item, 7);
      if (g_str_equal (state, "filed"))
        sqlite3_bind_text (item, 8, issue, -1, SQLITE_TRANSIENT);
      else
        sqlite3_bind_null (item, 8);
      g_assert_cmpint (sqlite3_step (item), ==, SQLITE_DONE);
      if (!g_str_equal (state, "new"))
        {
          sqlite3_reset (hist);
          sqlite3_bind_text (hist, 1, id, -1, SQLITE_TRANSIENT);
          sqlite3_bind_int64 (hist, 2, t + 60 + i % 600);
          sqlite3_bind_text (hist, 3, state, -1, SQLITE_STATIC);
          g_assert_cmpint (sqlite3_step (hist), ==, SQLITE_DONE);
        }
      if (i % 10 == 0)
        {
          sqlite3_reset (work);
          sqlite3_bind_text (work, 1, id, -1, SQLITE_TRANSIENT);
          sqlite3_bind_int64 (work, 2, t + 120);
          sqlite3_bind_int64 (work, 3, t + 120 + (i % 5) * 600);
          g_assert_cmpint (sqlite3_step (work), ==, SQLITE_DONE);
        }
    }
  sqlite3_finalize (item);
  sqlite3_finalize (hist);
  sqlite3_finalize (work);
  sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  sqlite3_close (db);
}

static char *
make_store (const char *dir,
            guint       n,
            gint64      start)
{
  g_autofree char *folder = g_build_filename (dir, "dayshift", NULL);
  char *path = g_build_filename (folder, "dayshift.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DsStore) store = ds_store_open (path, &error);

  g_assert_no_error (error);
  g_clear_object (&store);
  fill (path, n, start);
  return path;
}

int
main (int   argc,
      char *argv[])
{
  guint n = argc > 1 ? (guint)atoi (argv[1]) : 5000;
  guint m = argc > 2 ? (guint)atoi (argv[2]) : 50000;
  guint runs = argc > 3 ? (guint)atoi (argv[3]) : 7;
  gint64 start = 1794819600;
  g_autofree char *dir = g_dir_make_tmp ("ds-bench-report-XXXXXX", NULL);
  g_autofree char *big_dir = g_build_filename (dir, "big", NULL);
  g_autofree char *path = make_store (dir, n, start);
  g_autofree char *big = make_store (big_dir, m, start);
  g_autofree char *binary = g_build_filename (BUILD_ROOT, "src", "dayshift", NULL);
  g_autoptr(GArray) report_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) status_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) process_ms = g_array_new (FALSE, FALSE, sizeof (double));
  gsize report_len = 0;

  for (guint r = 0; r < runs; r++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(DsStore) store = ds_store_open (path, &error);
      g_autoptr(DsStore) big_store = ds_store_open (big, &error);
      g_autofree char *report = NULL;
      g_autofree char *status = NULL;
      g_auto(GStrv) envp = g_environ_setenv (g_get_environ (), "XDG_DATA_HOME", big_dir, TRUE);
      const char *args[] = { binary, "--status", NULL };
      gint64 t0, t1, t2, t3;
      double v;

      t0 = g_get_monotonic_time ();
      report = ds_report_markdown (store, NULL, start, start + (gint64)n * 60 + 3600, &error);
      t1 = g_get_monotonic_time ();
      g_assert_no_error (error);
      report_len = strlen (report);
      status = ds_report_status (big_store, start + (gint64)m * 60, FALSE, &error);
      t2 = g_get_monotonic_time ();
      g_assert_no_error (error);
      g_assert_true (g_spawn_sync (NULL, (char **)args, envp, G_SPAWN_STDOUT_TO_DEV_NULL, NULL,
                                   NULL, NULL, NULL, NULL, &error));
      t3 = g_get_monotonic_time ();
      g_assert_no_error (error);

      v = (t1 - t0) / 1000.0; g_array_append_val (report_ms, v);
      v = (t2 - t1) / 1000.0; g_array_append_val (status_ms, v);
      v = (t3 - t2) / 1000.0; g_array_append_val (process_ms, v);
    }

  g_print ("report over %u items (median of %u): %.1f ms (%" G_GSIZE_FORMAT " bytes)\n", n, runs,
           bench_median (report_ms), report_len);
  g_print ("status over %u items, in process (median): %.1f ms\n", m, bench_median (status_ms));
  g_print ("dayshift --status over %u items, whole process (median): %.1f ms\n", m,
           bench_median (process_ms));

  ds_store_delete_files (path);
  ds_store_delete_files (big);
  {
    g_autofree char *f1 = g_path_get_dirname (path);
    g_autofree char *f2 = g_path_get_dirname (big);
    g_rmdir (f1);
    g_rmdir (f2);
    g_rmdir (big_dir);
    g_rmdir (dir);
  }
  return 0;
}
