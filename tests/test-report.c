/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "ds-books.h"
#include "ds-handoff-testing.h"
#include "ds-handoff.h"
#include "ds-report.h"

/* The end-of-rotation report over a fixture week with every kind of event
 * (tests/data/report-week.sql; its comment gives the percentiles worked out
 * by hand), in process and from `dayshift --report`, against the golden file;
 * `--status` and `--status --json`; a bad date. */

typedef struct
{
  char *dir;
  char *db;
  gboolean as_demo;   /* run the binary with no team profile set */
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *sql = NULL;
  g_autofree char *sql_path = g_test_build_filename (G_TEST_DIST, "data", "report-week.sql", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = NULL;
  sqlite3 *db = NULL;
  char *message = NULL;

  f->dir = g_dir_make_tmp ("ds-report-XXXXXX", NULL);
  folder = g_build_filename (f->dir, "dayshift", NULL);
  f->db = g_build_filename (folder, "dayshift.db", NULL);
  {
    g_autoptr(DsStore) store = ds_store_open (f->db, &error);
    g_assert_no_error (error);
    g_assert_nonnull (store);
  }
  g_assert_true (g_file_get_contents (sql_path, &sql, NULL, NULL));
  g_assert_cmpint (sqlite3_open (f->db, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s", message);
  sqlite3_close (db);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *folder = g_path_get_dirname (f->db);

  ds_store_delete_files (f->db);
  g_rmdir (folder);
  g_rmdir (f->dir);
  g_free (f->db);
  g_free (f->dir);
}

static char *
golden (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "report-week.md", NULL);
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

static DsTeamProfile *
example_profile (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data",
                                                 "team-profile.example.json", NULL);
  g_autofree char *data = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  return ds_team_profile_new_from_data (data, length, path, NULL);
}

/* Runs the real binary on the fixture; returns its exit status. */
static int
run_dayshift (Fixture             *f,
              const char * const  *args,
              char               **out,
              char               **err)
{
  g_autofree char *binary = g_build_filename (g_getenv ("DS_BUILD_ROOT"), "src", "dayshift",
                                              NULL);
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
  g_auto(GStrv) argv = NULL;
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  int status = -1;

  g_strv_builder_add (b, binary);
  g_strv_builder_addv (b, (const char **)args);
  /* The fixture's database is a team's: Dayshift reads it when a team
   * profile is set, and the demo's when none is. */
  if (!f->as_demo && !g_strv_contains (args, "--team-profile"))
    {
      g_autofree char *profile = g_test_build_filename (G_TEST_DIST, "..", "data",
                                                        "team-profile.example.json", NULL);
      g_strv_builder_add (b, "--team-profile");
      g_strv_builder_add (b, profile);
    }
  argv = g_strv_builder_end (b);
  envp = g_environ_setenv (envp, "XDG_DATA_HOME", f->dir, TRUE);
  envp = g_environ_setenv (envp, "TZ", "UTC", TRUE);
  envp = g_environ_setenv (envp, "LANG", "C.UTF-8", TRUE);
  envp = g_environ_unsetenv (envp, "LC_ALL");
  g_assert_true (g_spawn_sync (NULL, argv, envp, G_SPAWN_DEFAULT, NULL, NULL, out, err, &status,
                               &error));
  g_assert_no_error (error);
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

static void
test_golden (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *expected = golden ();
  g_autoptr(DsTeamProfile) profile = example_profile ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *in_process = NULL;
  const char * const args[] = { "--report", "--since", "2026-11-16", "--until", "2026-11-20",
                                "--team-profile", NULL, NULL };
  g_autofree char *profile_path = g_test_build_filename (G_TEST_DIST, "..", "data",
                                                         "team-profile.example.json", NULL);
  const char *argv[G_N_ELEMENTS (args)];

  /* In process: Mon 00:00 to Sat 00:00, UTC. */
  {
    g_autoptr(DsStore) store = ds_store_open (f->db, &error);
    g_assert_no_error (error);
    in_process = ds_report_markdown (store, profile, 1794787200, 1795219200, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (in_process, ==, expected);
  }

  /* From the command line, as a user runs it. */
  memcpy (argv, args, sizeof args);
  argv[6] = profile_path;
  g_assert_cmpint (run_dayshift (f, argv, &out, &err), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_cmpstr (out, ==, expected);

  /* The percentiles, worked out by hand in the fixture. */
  g_assert_nonnull (strstr (out, "Median 5 min, 90th percentile 9 min (10 items you took up)."));
  /* So are the first responses, in the profile's working time. */
  g_assert_nonnull (strstr (out, "| Support request | 4 h | 5 of 7 (71%) | 3 min |\n"));
  g_assert_nonnull (strstr (out, "| Log retention \\| how long? | #ops-support | "
                                 "29 h, no response yet |\n"));
}

static void
test_default_window_is_the_rotation (Fixture       *f,
                                     gconstpointer  data)
{
  /* A profile kept on GitHub, which a report does not read. */
  const char * const args[] = { "--report", "--team-profile", "acme/ops:dayshift-team.json",
                                NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_dayshift (f, args, &out, &err), ==, 0);
  g_assert_true (g_str_has_prefix (out, "# Rotation report: 2026-11-16 09:00 – 2026-11-20 17:00\n"));
  /* No profile read: no response targets to count against, and the issues
   * filed name no super-epic (a link made by hand names the one it was made
   * to, from the history). */
  g_assert_null (strstr (out, "## First responses"));
  g_assert_null (strstr (out, "issues/101 — "));
  g_assert_nonnull (strstr (out, "(acme/api) — Global Customer Support"));
}

static void
test_status (Fixture       *f,
             gconstpointer  data)
{
  const char * const text_args[] = { "--status", NULL };
  const char * const json_args[] = { "--status", "--json", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *o, *items;

  g_assert_cmpint (run_dayshift (f, text_args, &out, &err), ==, 0);
  g_assert_cmpstr (out, ==,
                   "Rotation: off\n"
                   "Timer: stopped\n"
                   "acknowledged: 3\n"
                   "deferred to standup: 1\n"
                   "delegated: 3\n"
                   "done: 3\n"
                   "filed: 2\n"
                   "new: 2\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Start a rotation and a timer: --status --json says so. */
  {
    g_autoptr(DsStore) store = ds_store_open (f->db, NULL);
    gint64 now = g_get_real_time () / G_USEC_PER_SEC;
    g_assert_true (ds_store_rotation_start (store, now - 3600, NULL, NULL));
    g_assert_true (ds_store_timer_start (store, "slack:C0SUPPORT1/1795172400.000100", now - 600,
                                         NULL));
  }
  g_assert_cmpint (run_dayshift (f, json_args, &out, &err), ==, 0);
  root = json_from_string (out, NULL);
  g_assert_nonnull (root);
  o = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (o, "rotation"), ==, "on");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (o, "timer"),
                                                  "title"), ==, "Who owns the flaky runner?");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (o, "timer"),
                                               "seconds"), >=, 600);
  items = json_object_get_object_member (o, "items");
  g_assert_cmpint (json_object_get_int_member (items, "new"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (items, "delegated"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (o, "outbox_unfinished"), ==, 0);
}

/* Pull requests the user reviewed, not those they handed on; and a report
 * of a rotation begun this minute says one time, not "18:17 – 18:17". */
static void
test_reviews_and_a_fresh_rotation (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DsStore) store = ds_store_open (f->db, &error);
  g_autoptr(DsItem) mine = ds_item_new ("github", "acme/api#50", DS_ITEM_KIND_REVIEW,
                                        "Cache the feature flags");
  g_autoptr(DsItem) handed = ds_item_new ("github", "acme/api#51", DS_ITEM_KIND_REVIEW,
                                          "Drop the v1 endpoints");
  gint64 at = g_get_real_time () / G_USEC_PER_SEC;  /* after the fixture week */
  g_autofree char *report = NULL;
  const char *reviewed;

  g_assert_no_error (error);
  ds_item_set_created (mine, at);
  ds_item_set_created (handed, at);
  g_assert_true (ds_store_save_item (store, mine, &error));
  g_assert_true (ds_store_save_item (store, handed, &error));
  g_assert_true (ds_store_transition (store, mine, DS_ITEM_STATE_ACKNOWLEDGED, "me", NULL,
                                      &error));
  ds_item_set_delegated_to (handed, "Dana Levi");
  g_assert_true (ds_store_transition (store, handed, DS_ITEM_STATE_DELEGATED, "me",
                                      "Delegated to Dana Levi", &error));
  g_assert_no_error (error);

  report = ds_report_markdown (store, NULL, 0, at + 86400, &error);
  g_assert_no_error (error);
  reviewed = strstr (report, "## Pull requests reviewed");
  g_assert_nonnull (reviewed);
  g_assert_nonnull (strstr (reviewed, "Cache the feature flags"));
  g_assert_null (strstr (reviewed, "Drop the v1 endpoints"));

  g_clear_pointer (&report, g_free);
  report = ds_report_markdown (store, NULL, at - at % 60, at - at % 60 + 20, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (report, "# Rotation report: "));
  {
    g_autofree char *title = g_strndup (report, strchr (report, '\n') - report);

    g_assert_null (strstr (title, " – "));
  }
}

/* Text that came from Slack or GitHub into the database, as it was stored
 * (before the item's setters cleaned it, or by another way in). */
static void
insert_item (sqlite3    *db,
             const char *id,
             const char *state,
             const char *title,
             const char *channel,
             const char *delegated_to,
             const char *note,
             gint64      at)
{
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO items (id, source, remote_id, kind, "
                                           "state, title, body, created, delegated_to, "
                                           "first_seen, updated, channel, standup_note) "
                                           "VALUES (?1, 'slack', ?1, 'request', ?2, ?3, ?3, "
                                           "?4, ?5, ?4, ?4, ?6, ?7)", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, state, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, title, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, at);
  sqlite3_bind_text (stmt, 5, delegated_to, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, channel, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, note, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
}

#define HOSTILE_DAY 1795392000  /* Mon 2026-11-23 00:00 UTC, after the fixture's week */
#define ORDINARY "It's 3.5 GB in Zürich — 10:30–11:00 (#42), 2026-11-20!"

/* What the first responses count, on a Monday after the fixture's week
 * (Madrid's 09:00 is 08:00 UTC): an answer within 4 h and one after 6 h
 * count; a request dismissed (not one) and one still under its target
 * without an answer do not; an access request answered on Tuesday after
 * one working day and a half is past its 8 h. */
static void
test_first_responses_counted (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(DsTeamProfile) profile = example_profile ();
  g_autoptr(GError) error = NULL;
  g_autofree char *report = NULL;
  gint64 day = HOSTILE_DAY;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (f->db, &db), ==, SQLITE_OK);
  insert_item (db, "slack:C1/1", "acknowledged", "Quick one", "#ops-support", NULL, NULL,
               day + 8 * 3600 + 1800);
  insert_item (db, "slack:C1/2", "dismissed", "Not a request", "#ops-support", NULL, NULL,
               day + 8 * 3600 + 1800);
  insert_item (db, "slack:C1/3", "new", "Still fresh", "#ops-support", NULL, NULL,
               day + 15 * 3600);
  insert_item (db, "slack:C1/4", "done", "Slow one", "#operations", NULL, NULL,
               day + 8 * 3600);
  insert_item (db, "slack:C1/5", "delegated", "Grafana for Lee", "acme/ops", NULL, NULL,
               day + 8 * 3600);
  {
    g_autofree char *sql = g_strdup_printf (
      "UPDATE items SET responded = %" G_GINT64_FORMAT " WHERE id = 'slack:C1/1';"
      "UPDATE items SET responded = %" G_GINT64_FORMAT " WHERE id = 'slack:C1/2';"
      "UPDATE items SET responded = %" G_GINT64_FORMAT " WHERE id = 'slack:C1/4';"
      "UPDATE items SET responded = %" G_GINT64_FORMAT ", kind = 'access' "
      "  WHERE id = 'slack:C1/5';",
      day + 9 * 3600, day + 8 * 3600 + 1860, day + 14 * 3600, day + 86400 + 12 * 3600);

    g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  }
  sqlite3_close (db);

  {
    g_autoptr(DsStore) store = ds_store_open (f->db, &error);

    g_assert_no_error (error);
    report = ds_report_markdown (store, profile, day, day + 86400, &error);
    g_assert_no_error (error);
  }
  /* The access request, answered after the window, is counted to its end:
   * 8 h, not past its target yet. */
  g_assert_nonnull (strstr (report, "| Kind | Target | Within target | Median |\n"
                                    "| --- | ---: | ---: | ---: |\n"
                                    "| Support request | 4 h | 1 of 2 (50%) | 30 min |\n\n"));
  g_assert_nonnull (strstr (report, "| Support request | Slow one | #operations | 6 h |\n"
                                    "| Support request | Quick one | #ops-support | 30 min |\n"));
  g_assert_null (strstr (report, "Not a request |"));
  g_assert_null (strstr (report, "Still fresh |"));
  g_assert_null (strstr (report, "| Access request | 8 h"));

  /* Over two days, the access request is answered after 12 h: past 8 h. */
  g_clear_pointer (&report, g_free);
  {
    g_autoptr(DsStore) store = ds_store_open (f->db, &error);

    report = ds_report_markdown (store, profile, day, day + 2 * 86400, &error);
    g_assert_no_error (error);
  }
  g_assert_nonnull (strstr (report, "| Access request | 8 h | 0 of 1 (0%) | 12 h |\n"));
}

#define WEEK_OF_16_NOV 1794787200  /* Mon 2026-11-16 00:00 UTC, the fixture's week */

/* The team's rotations before this one, from the handoffs read back from
 * GitHub: newest first, who was on by the name the team profile gives their
 * GitHub login (else the login, as text that pings nobody and breaks no
 * table), when, the requests that came in, the median time to acknowledge,
 * the first responses within target; a dash where a rotation had none. Not
 * this rotation's own handoff, nor a later one; no more than eight. */
static void
test_past_rotations (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(DsTeamProfile) profile = example_profile ();
  g_autoptr(GPtrArray) handoffs = g_ptr_array_new_with_free_func (
    (GDestroyNotify)ds_handoff_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *report = NULL;
  const gint64 week = 7 * 86400, since = WEEK_OF_16_NOV, until = since + 5 * 86400;
  DsHandoff *dana = ds_test_handoff_new ("DanaLevi", since - week + 9 * 3600,
                                         since - week + 4 * 86400 + 17 * 3600);
  DsHandoff *stranger = ds_test_handoff_new ("@acme/everyone|x", since - 2 * week + 9 * 3600,
                                             since - 2 * week + 4 * 86400 + 17 * 3600);
  const char *table = NULL;

  dana->by_kind[DS_ITEM_KIND_REQUEST] = 12;
  dana->by_kind[DS_ITEM_KIND_ACCESS] = 3;
  dana->by_kind[DS_ITEM_KIND_ALERT] = 1;
  dana->ack_median = 540;
  dana->responses_within = 10;
  dana->responses_total = 12;
  ds_test_handoff_leave (dana, "slack:C01/1.1", "**Owned** <img src=x> @acme/ops",
                         DS_ITEM_KIND_REQUEST, DS_ITEM_STATE_NEW, TRUE);
  g_ptr_array_add (handoffs, dana);
  g_ptr_array_add (handoffs, stranger);
  /* Eight older rotations, of which six fit under the eight shown. */
  for (int k = 3; k <= 10; k++)
    {
      DsHandoff *old = ds_test_handoff_new (k % 2 ? "alicen" : "chiomae", since - k * week,
                                            since - k * week + 4 * 86400);
      old->by_kind[DS_ITEM_KIND_REQUEST] = k;
      g_ptr_array_add (handoffs, old);
    }
  /* This rotation's own, read back once posted, and the next one's. */
  g_ptr_array_add (handoffs, ds_test_handoff_new ("bogdan-i", since, until));
  g_ptr_array_add (handoffs, ds_test_handoff_new ("alicen", since + week, until + week));

  {
    g_autoptr(DsStore) store = ds_store_open (f->db, &error);

    g_assert_no_error (error);
    g_assert_true (ds_store_save_handoffs (store, handoffs, &error));
    g_assert_no_error (error);
    report = ds_report_markdown (store, profile, since, until, &error);
    g_assert_no_error (error);
  }
  table = strstr (report, "\n## Past rotations\n\n");
  g_assert_nonnull (table);
  g_assert_true (g_str_has_prefix (table,
    "\n## Past rotations\n\n"
    "| Who | From – to | Requests | Time to acknowledge (median) | "
    "First responses within target |\n"
    "| --- | --- | ---: | ---: | ---: |\n"
    "| Dana Levi | 2026-11-09 09:00 – 2026-11-13 17:00 | 16 | 9 min | 10 of 12 |\n"
    "| `@acme/everyone`\\|x | 2026-11-02 09:00 – 2026-11-06 17:00 | 0 | — | — |\n"
    "| Alice Nakamura | 2026-10-26 00:00 – 2026-10-30 00:00 | 3 | — | — |\n"
    "| Chioma Eze | 2026-10-19 00:00 – 2026-10-23 00:00 | 4 | — | — |\n"
    "| Alice Nakamura | 2026-10-12 00:00 – 2026-10-16 00:00 | 5 | — | — |\n"
    "| Chioma Eze | 2026-10-05 00:00 – 2026-10-09 00:00 | 6 | — | — |\n"
    "| Alice Nakamura | 2026-09-28 00:00 – 2026-10-02 00:00 | 7 | — | — |\n"
    "| Chioma Eze | 2026-09-21 00:00 – 2026-09-25 00:00 | 8 | — | — |\n"
    "\n## Charts\n"));
  g_assert_null (strstr (report, "Bogdan"));
}

/* --status prints the support timer's item as plain text: without the
 * control characters a terminal would obey, ordinary text as it is. */
static void
test_status_text (Fixture       *f,
                  gconstpointer  data)
{
  const char * const status_args[] = { "--status", NULL };
  gint64 at = HOSTILE_DAY + 9 * 3600;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (f->db, &db), ==, SQLITE_OK);
  insert_item (db, "slack:C1/1", "new",
               "\033[31mRed\033[0m alert\033]0;pwned\007 now\033[2J\302\2332J\177\u202E!",
               "#ops", NULL, NULL, at);
  insert_item (db, "slack:C1/5", "acknowledged", ORDINARY, "#général", NULL, NULL, at + 240);
  sqlite3_close (db);

  {
    g_autoptr(DsStore) store = ds_store_open (f->db, NULL);
    gint64 now = g_get_real_time () / G_USEC_PER_SEC;

    g_assert_true (ds_store_timer_start (store, "slack:C1/1", now - 600, NULL));
  }
  g_assert_cmpint (run_dayshift (f, status_args, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "\nTimer: [31mRed[0m alert]0;pwned now[2J2J! (10 min)\n"));
  {
    g_autoptr(DsStore) store = ds_store_open (f->db, NULL);
    gint64 now = g_get_real_time () / G_USEC_PER_SEC;

    g_assert_true (ds_store_timer_stop (store, now - 600, NULL));
    g_assert_true (ds_store_timer_start (store, "slack:C1/5", now - 600, NULL));
  }
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_dayshift (f, status_args, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "\nTimer: " ORDINARY " (10 min)\n"));
}

/* Escape sequences, HTML, links, images, mentions and Markdown in the
 * text of items: the report printed (`--report`) obeys no control
 * character, and the report posted on GitHub shows each text as it was
 * written: no markup of its own, nobody pinged. Ordinary text reads as it
 * is. */
static void
test_item_text_is_text (Fixture       *f,
                        gconstpointer  data)
{
  const char * const report_args[] = { "--report", "--since", "2026-11-23", "--until",
                                       "2026-11-23", NULL };
  gint64 at = HOSTILE_DAY + 9 * 3600;
  g_autoptr(GError) error = NULL;
  g_autofree char *in_process = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (f->db, &db), ==, SQLITE_OK);
  insert_item (db, "slack:C1/1", "new",
               "\033[31mRed\033[0m alert\033]0;pwned\007 now\033[2J\302\2332J\177\u202E!",
               "#ops\033[2J", NULL, NULL, at);
  insert_item (db, "slack:C1/2", "new",
               "<b>Bold</b> <span foreground=\"red\">red</span> [link](https://evil.example) "
               "![img](https://evil.example/x.png) ping @team and @acme/ops-team & &amp; a@b.co",
               "#ops-support", NULL, NULL, at + 60);
  insert_item (db, "slack:C1/3", "deferred",
               "# *not* _emph_ | ~~gone~~ `code` $x$ \\ snake_case\nsecond line",
               "#ops-support", NULL, "@here - see <https://x.example>", at + 120);
  insert_item (db, "slack:C1/4", "delegated", "1. First, then 2) second", "acme/ops",
               "@dana <i>Levi</i>", NULL, at + 180);
  insert_item (db, "slack:C1/5", "acknowledged", ORDINARY, "#général", NULL, NULL, at + 240);
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO history (item_id, at, actor, from_state, "
                                     "to_state) VALUES ('slack:C1/4', 1795424800, 'me', 'new', "
                                     "'delegated');"
                                     "INSERT INTO work (item_id, started, ended) VALUES "
                                     "('slack:C1/5', 1795425000, 1795426200);",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  {
    /* The binary reads the example profile: so does this, and its response
     * targets list the slowest requests by their titles too. */
    g_autoptr(DsTeamProfile) profile = example_profile ();
    g_autoptr(DsStore) store = ds_store_open (f->db, &error);
    g_assert_no_error (error);
    in_process = ds_report_markdown (store, profile, HOSTILE_DAY, HOSTILE_DAY + 86400, &error);
    g_assert_no_error (error);
  }
  /* On a terminal, the same Markdown as posted. */
  g_assert_cmpint (run_dayshift (f, report_args, &out, &err), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_cmpstr (out, ==, in_process);

  /* Nothing a terminal obeys, nor the bidi override. */
  for (const char *p = out; *p != '\0'; p++)
    g_assert_true ((guchar)*p >= 0x20 || *p == '\n');
  g_assert_null (strstr (out, "\302\233"));
  g_assert_null (strstr (out, "\177"));
  g_assert_null (strstr (out, "\u202E"));

  /* The report's own markup stays: its tables and lists, each text in them as text. */
  g_assert_nonnull (strstr (out, "| Where | Items |\n"
                                 "| --- | ---: |\n"
                                 "| #ops-support | 2 |\n"
                                 "| #général | 1 |\n"
                                 "| #ops\\[2J | 1 |\n"
                                 "| acme/ops | 1 |\n"));
  g_assert_nonnull (strstr (out, "| To | Items |\n"
                                 "| --- | ---: |\n"
                                 "| `@dana` \\<i\\>Levi\\</i\\> | 1 |\n"));
  g_assert_nonnull (strstr (out, "| Item | Where | Time |\n"
                                 "| --- | --- | ---: |\n"
                                 "| " ORDINARY " | #général | 20 min |\n"));
  g_assert_nonnull (strstr (out, "\n| Support request | \\[31mRed\\[0m alert\\]0;pwned "
                                 "now\\[2J2J! | #ops\\[2J | "));
  g_assert_nonnull (strstr (out, "\n- \\# \\*not\\* \\_emph\\_ \\| \\~\\~gone\\~\\~ \\`code\\` "
                                 "\\$x\\$ \\\\ snake_case second line (#ops-support)"
                                 " — `@here` - see \\<https://x.example\\>\n"));
  g_assert_nonnull (strstr (out, "\n- [new] \\[31mRed\\[0m alert\\]0;pwned now\\[2J2J! "
                                 "(#ops\\[2J)\n"));
  g_assert_nonnull (strstr (out, "\n- [new] \\<b\\>Bold\\</b\\> \\<span foreground=\"red\"\\>"
                                 "red\\</span\\> \\[link\\](https://evil.example) "
                                 "!\\[img\\](https://evil.example/x.png) ping `@team` and "
                                 "`@acme/ops-team` \\& \\&amp; a@b.co (#ops-support)\n"));
  g_assert_nonnull (strstr (out, "\n- [delegated] 1\\. First, then 2) second (acme/ops)\n"));
  g_assert_nonnull (strstr (out, "\n- [acknowledged] " ORDINARY " (#général)\n"));
  g_assert_null (strstr (out, "<b>"));
  g_assert_null (strstr (out, " @team"));
  g_assert_null (strstr (out, "[link]"));
}

/* The example profile, where Chioma Eze has no GitHub login. */
static DsTeamProfile *
profile_without_login (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data",
                                                 "team-profile.example.json", NULL);
  g_autofree char *data = NULL;
  g_autofree char *edited = NULL;
  g_auto(GStrv) parts = NULL;

  g_assert_true (g_file_get_contents (path, &data, NULL, NULL));
  parts = g_strsplit (data, "\"github\": \"chiomae\", ", -1);
  g_assert_cmpuint (g_strv_length (parts), ==, 2);
  edited = g_strjoinv ("", parts);
  return ds_team_profile_new_from_data (edited, strlen (edited), path, NULL);
}

/* The handoff comment's first line: who is on call next, mentioned by the
 * GitHub login the team profile gives them; a name from PagerDuty that has
 * none there is text, and pings nobody. */
static void
test_handoff_first_line (void)
{
  const char *report = "# Rotation report: 23 Nov 09:00 – 27 Nov 17:00\n";
  g_autoptr(DsTeamProfile) profile = example_profile ();
  g_autoptr(DsTeamProfile) no_login = profile_without_login ();
  const struct { DsTeamProfile *profile; const char *next; const char *first; } cases[] = {
    { profile, "Dana Levi", "Handoff to @danalevi, on call next." },
    { profile, "<b>@team</b> [x](y)",
      "Handoff to \\<b\\>`@team`\\</b\\> \\[x\\](y), on call next." },
    { no_login, "Chioma Eze", "Handoff to Chioma Eze, on call next." },
    { no_login, "<b>@team</b> [x](y)",
      "Handoff to \\<b\\>`@team`\\</b\\> \\[x\\](y), on call next." },
    { profile, "# @acme/ops *now* `x`\033[2J\342\200\256",
      "Handoff to \\# `@acme/ops` \\*now\\* \\`x\\`\\[2J, on call next." },
    { profile, "dana levi", "Handoff to dana levi, on call next." },
    { NULL, "Dana Levi", "Handoff to Dana Levi, on call next." },
    { NULL, "@danalevi", "Handoff to `@danalevi`, on call next." },
    { profile, NULL, "Handoff." },
    { profile, "\342\200\213\033", "Handoff." },
    { NULL, NULL, "Handoff." },
  };

  g_assert_nonnull (profile);
  g_assert_nonnull (no_login);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *body = ds_report_handoff (cases[i].profile, cases[i].next, report,
                                                 NULL);
      g_autofree char *want = g_strconcat (cases[i].first, "\n\n", report, NULL);

      g_assert_cmpstr (body, ==, want);
    }

  /* The hidden block ends the comment, on lines of its own after a blank
   * one, whether the report ends its last line or not. */
  for (guint i = 0; i < 2; i++)
    {
      const char *block = "<!-- dayshift-handoff\n{}\n-->\n";
      const char *report_text = i == 0 ? "# Report\n\nNone." : "# Report\n\nNone.\n";
      g_autofree char *body = ds_report_handoff (profile, "Dana Levi", report_text, block);

      g_assert_cmpstr (body, ==, "Handoff to @danalevi, on call next.\n\n# Report\n\nNone.\n\n"
                                 "<!-- dayshift-handoff\n{}\n-->\n");
    }

  /* A report longer than GitHub takes in a comment is cut at a line, and
   * says so; the block stays whole at the end, and the outbox's marker
   * still fits. */
  {
    g_autoptr(GString) long_report = g_string_new ("# Report\n\n");
    g_autofree char *block = NULL;
    g_autofree char *body = NULL;

    while (long_report->len < 100 * 1024)
      g_string_append (long_report, "- Ünïcödé line of the report, each the same\n");
    block = g_strdup_printf ("<!-- dayshift-handoff\n{\"pad\":\"%0*d\"}\n-->\n", 30000, 0);
    body = ds_report_handoff (profile, "Dana Levi", long_report->str, block);
    g_assert_cmpuint (strlen (body), <=, DS_HANDOFF_COMMENT_MAX - 512);
    g_assert_true (g_utf8_validate (body, -1, NULL));
    g_assert_true (g_str_has_suffix (body, block));
    /* Cut after a whole line, then the note. */
    g_assert_nonnull (strstr (body, "each the same\n\n… The report is cut here"));
  }
}

/* With no team profile set, Dayshift runs the demo, in its own database:
 * --status reads that one (not the team's), and an error with --json is
 * JSON. */
static void
test_status_reads_the_demo (Fixture       *f,
                            gconstpointer  data)
{
  const char * const json_args[] = { "--status", "--json", NULL };
  const char * const text_args[] = { "--status", NULL };
  g_autofree char *demo_db = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *folder = g_path_get_dirname (f->db);

  f->as_demo = TRUE;
  demo_db = g_build_filename (folder, "demo.db", NULL);
  g_assert_cmpint (run_dayshift (f, json_args, &out, &err), ==, 1);
  root = json_from_string (out, NULL);
  g_assert_nonnull (root);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (json_node_get_object (root),
                                                                  "error"),
                                   "Dayshift has no database yet ("));
  g_assert_nonnull (strstr (out, "demo.db"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* The demo's database, with nothing in it: not the team's items. */
  {
    g_autoptr(DsStore) store = ds_store_open (demo_db, NULL);
    g_assert_nonnull (store);
  }
  g_assert_cmpint (run_dayshift (f, text_args, &out, &err), ==, 0);
  g_assert_cmpstr (out, ==, "Rotation: off\nTimer: stopped\n");
  ds_store_delete_files (demo_db);
}

/* --team-profile naming a file that is not there: said, exit 1, before
 * anything starts. */
static void
test_missing_profile_said (Fixture       *f,
                           gconstpointer  data)
{
  const char * const args[] = { "--team-profile", "/nonexistent/team.json", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_dayshift (f, args, &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "The team profile /nonexistent/team.json could not be opened"));
}

static void
test_bad_date (Fixture       *f,
               gconstpointer  data)
{
  const char * const args[] = { "--report", "--since", "last tuesday", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_dayshift (f, args, &out, &err), ==, 2);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, "last tuesday"));
}

int
main (int   argc,
      char *argv[])
{
  /* The fixture's times are UTC. */
  g_setenv ("TZ", "UTC", TRUE);
  tzset ();
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/ds/report/golden", test_golden);
  ADD ("/ds/report/first-responses-counted", test_first_responses_counted);
  ADD ("/ds/report/past-rotations", test_past_rotations);
  ADD ("/ds/report/default-window-is-the-rotation", test_default_window_is_the_rotation);
  ADD ("/ds/report/status", test_status);
  ADD ("/ds/report/bad-date", test_bad_date);
  ADD ("/ds/report/status-reads-the-demo", test_status_reads_the_demo);
  ADD ("/ds/report/missing-profile-said", test_missing_profile_said);
  ADD ("/ds/report/reviews-and-a-fresh-rotation", test_reviews_and_a_fresh_rotation);
  ADD ("/ds/report/status-text", test_status_text);
  ADD ("/ds/report/item-text-is-text", test_item_text_is_text);
#undef ADD
  g_test_add_func ("/ds/report/handoff-first-line", test_handoff_first_line);

  return g_test_run ();
}
