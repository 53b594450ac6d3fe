/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdlib.h>
#include <time.h>

#include <glib/gstdio.h>

#include "ds-books.h"
#include "ds-report.h"
#include "ds-pagerduty.h"
#include "ds-rotation.h"

/* The user's shifts from a PagerDuty schedule (tests/data/pd-schedule.json,
 * Europe/Berlin): a night layer and the daytime layer; an override that
 * takes a day away and one that gives a day; a shift over a weekend across
 * the end of daylight saving time. And the support timer's rules. */

static DsPdSchedule *
load_schedule (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "pd-schedule.json", NULL);
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  DsJsonScope scope = { "PagerDuty", "GET /schedules/PSCHED1" };
  DsPdSchedule *schedule;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  root = json_from_string (text, &error);
  g_assert_no_error (error);
  schedule = ds_pagerduty_parse_schedule (root, &scope, &error);
  g_assert_no_error (error);
  return schedule;
}

static char *
shift_text (const DsShift *s)
{
  g_autofree char *from = ds_report_format_time (s->start);
  g_autofree char *to = ds_report_format_time (s->end);

  return g_strdup_printf ("%s – %s", from, to);
}

static void
test_shifts (void)
{
  g_autoptr(DsPdSchedule) schedule = load_schedule ();
  g_autoptr(GArray) shifts = ds_rotation_shifts (schedule, 2, "PME0001");
  static const char * const expected[] = {
    "2026-10-19 09:00 – 2026-10-19 17:00",
    "2026-10-20 09:00 – 2026-10-20 17:00",
    /* Wednesday: Dana's, by an override */
    "2026-10-22 09:00 – 2026-10-22 17:00",
    /* Friday morning to Monday evening, one shift: 81 hours, with the
     * hour the clocks went back on Sunday */
    "2026-10-23 09:00 – 2026-10-26 17:00",
    /* Thursday: given by an override */
    "2026-10-29 09:00 – 2026-10-29 17:00",
  };

  g_assert_cmpuint (shifts->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < shifts->len; i++)
    {
      g_autofree char *text = shift_text (&g_array_index (shifts, DsShift, i));
      g_assert_cmpstr (text, ==, expected[i]);
    }
  g_assert_cmpint (g_array_index (shifts, DsShift, 3).end -
                   g_array_index (shifts, DsShift, 3).start, ==, 81 * 3600);

  /* Now is Saturday noon: the weekend shift is the current one. */
  {
    g_autoptr(GDateTime) saturday = g_date_time_new_local (2026, 10, 24, 12, 0, 0);
    const DsShift *now = ds_rotation_current_or_next (shifts, g_date_time_to_unix (saturday));
    g_autofree char *text = shift_text (now);
    g_assert_cmpstr (text, ==, expected[3]);
    /* Handed over to whoever the daytime layer has next: Dana, not Lee's nights. */
    g_assert_cmpstr (ds_rotation_next_person (schedule, 2, "PME0001", now->end), ==, "Dana Levi");
  }
  /* After the last one: none. */
  {
    g_autoptr(GDateTime) later = g_date_time_new_local (2026, 11, 2, 12, 0, 0);
    g_assert_null (ds_rotation_current_or_next (shifts, g_date_time_to_unix (later)));
  }
  /* The night layer is somebody else's. */
  {
    g_autoptr(GArray) nights = ds_rotation_shifts (schedule, 1, "PME0001");
    g_assert_cmpuint (nights->len, ==, 0);
  }
}

static void
test_timer_rules (void)
{
  /* 15 minutes on an item with no issue: offer one; with an issue: nothing. */
  g_assert_cmpint (ds_timer_event (14 * 60, FALSE, FALSE, 0), ==, DS_TIMER_NOTHING);
  g_assert_cmpint (ds_timer_event (15 * 60, FALSE, FALSE, 0), ==, DS_TIMER_OFFER_ISSUE);
  g_assert_cmpint (ds_timer_event (15 * 60, TRUE, FALSE, 0), ==, DS_TIMER_NOTHING);
  g_assert_cmpint (ds_timer_event (30 * 60, FALSE, FALSE, 15), ==, DS_TIMER_NOTHING);
  /* Two hours: bring it to the team, once; never for an emergency. */
  g_assert_cmpint (ds_timer_event (2 * 3600, TRUE, FALSE, 15), ==, DS_TIMER_BRING_TO_TEAM);
  g_assert_cmpint (ds_timer_event (2 * 3600, FALSE, FALSE, 0), ==, DS_TIMER_BRING_TO_TEAM);
  g_assert_cmpint (ds_timer_event (3 * 3600, TRUE, FALSE, 120), ==, DS_TIMER_NOTHING);
  g_assert_cmpint (ds_timer_event (3 * 3600, TRUE, TRUE, 15), ==, DS_TIMER_NOTHING);
  /* When to look next. */
  g_assert_cmpint (ds_timer_next_check (60, FALSE, FALSE, 0), ==, 14 * 60);
  g_assert_cmpint (ds_timer_next_check (60, TRUE, FALSE, 0), ==, 2 * 3600 - 60);
  g_assert_cmpint (ds_timer_next_check (60, TRUE, TRUE, 0), ==, 0);
}

/* The timer keeps wall-clock time in the store: a restart (or a suspend)
 * loses nothing, and only one runs. */
static void
test_timer_store (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ds-timer-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "dayshift.db", NULL);
  gint64 t = 1795000000, started = 0;

  {
    g_autoptr(DsStore) store = ds_store_open (path, NULL);
    g_autoptr(DsItem) a = ds_item_new ("slack", "C1/1.0", DS_ITEM_KIND_REQUEST, "a");
    g_autoptr(DsItem) b = ds_item_new ("slack", "C1/2.0", DS_ITEM_KIND_REQUEST, "b");

    g_assert_true (ds_store_save_item (store, a, NULL));
    g_assert_true (ds_store_save_item (store, b, NULL));
    g_assert_true (ds_store_timer_start (store, "slack:C1/1.0", t, NULL));
    /* Starting on b stops a. */
    g_assert_true (ds_store_timer_start (store, "slack:C1/2.0", t + 600, NULL));
  }
  {
    /* "After a restart", an hour later: b still runs. */
    g_autoptr(DsStore) store = ds_store_open (path, NULL);
    g_autofree char *running = ds_store_timer_running (store, &started, NULL);

    g_assert_cmpstr (running, ==, "slack:C1/2.0");
    g_assert_cmpint (started, ==, t + 600);
    g_assert_cmpint (ds_store_tracked (store, "slack:C1/1.0", t + 4200, NULL), ==, 600);
    g_assert_cmpint (ds_store_tracked (store, "slack:C1/2.0", t + 4200, NULL), ==, 3600);
    g_assert_true (ds_store_timer_stop (store, t + 4200, NULL));
    g_assert_null (ds_store_timer_running (store, NULL, NULL));
    g_assert_cmpint (ds_store_tracked (store, "slack:C1/2.0", t + 9999, NULL), ==, 3600);

    /* A rotation: one at a time; ending it stops the timer. */
    g_assert_true (ds_store_rotation_start (store, t, NULL, NULL));
    g_assert_false (ds_store_rotation_start (store, t + 1, NULL, NULL));
    g_assert_true (ds_store_timer_start (store, "slack:C1/1.0", t + 5000, NULL));
    g_assert_true (ds_store_rotation_end (store, t + 5060, "# report", NULL, NULL));
    g_assert_null (ds_store_timer_running (store, NULL, NULL));
    g_assert_cmpint (ds_store_tracked (store, "slack:C1/1.0", t + 9999, NULL), ==, 660);
    g_assert_false (ds_store_rotation_end (store, t + 5070, NULL, NULL, NULL));
  }
  ds_store_delete_files (path);
  g_rmdir (dir);
}

/* Who is away: Lee on the night layer; the user given Wednesday off by an
 * override (Dana takes it); Dana given a Thursday off; nobody after the
 * nights end. */
static void
test_away (void)
{
  g_autoptr(DsPdSchedule) schedule = load_schedule ();
  struct { const char *when; const char *off; const char *night; const char *here; } cases[] = {
    { "2026-10-21T12:00:00+02:00", "PME0001", "PLEE001", "PDANA01" },
    { "2026-10-20T12:00:00+02:00", NULL, "PLEE001", "PME0001" },
    { "2026-10-29T12:00:00+01:00", "PDANA01", NULL, "PME0001" },
    { "2026-10-27T12:00:00+01:00", NULL, NULL, "PLEE001" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (cases[i].when, NULL);
      g_autoptr(GHashTable) away = ds_rotation_away (schedule, 2, g_date_time_to_unix (dt));
      guint expected = (cases[i].off != NULL) + (cases[i].night != NULL);

      g_test_message ("%s", cases[i].when);
      if (cases[i].off != NULL)
        g_assert_cmpint (GPOINTER_TO_INT (g_hash_table_lookup (away, cases[i].off)), ==,
                         DS_AWAY_OFF);
      if (cases[i].night != NULL)
        g_assert_cmpint (GPOINTER_TO_INT (g_hash_table_lookup (away, cases[i].night)), ==,
                         DS_AWAY_NIGHT);
      g_assert_false (g_hash_table_contains (away, cases[i].here));
      g_assert_cmpuint (g_hash_table_size (away), ==, expected);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "Europe/Berlin", TRUE);
  tzset ();
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ds/rotation/shifts", test_shifts);
  g_test_add_func ("/ds/rotation/away", test_away);
  g_test_add_func ("/ds/rotation/timer-rules", test_timer_rules);
  g_test_add_func ("/ds/rotation/timer-store", test_timer_store);
  return g_test_run ();
}
