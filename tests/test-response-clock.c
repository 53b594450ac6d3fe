/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include <glib/gstdio.h>

#include "ds-ingest.h"
#include "ds-item-private.h"
#include "ds-response-clock.h"

/* Working time as the team lives it, in its own time zone: weekends and
 * nights do not count, a request that arrives out of hours waits from the
 * next opening, summer time moves the hours with the wall clock, and the
 * machine's own zone (UTC here, set before anything reads it) changes
 * nothing. Each instant is written as the team's local time and checked
 * against the UTC instant worked out by hand. */

#define HOUR 3600
#define MINUTE 60

static gint64
at (const char *zone,
    int         year,
    int         month,
    int         day,
    int         hour,
    int         minute)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (zone);
  g_autoptr(GDateTime) dt = NULL;

  g_assert_nonnull (tz);
  dt = g_date_time_new (tz, year, month, day, hour, minute, 0);
  g_assert_nonnull (dt);
  return g_date_time_to_unix (dt);
}

static gint64
utc (int year,
     int month,
     int day,
     int hour,
     int minute)
{
  return at ("UTC", year, month, day, hour, minute);
}

/* 09:00 to 17:00, Monday to Friday, in @zone. */
static DsResponseClock *
office (const char *zone)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (zone);

  g_assert_nonnull (tz);
  return ds_response_clock_new (tz, 9 * 60, 17 * 60, DS_WORKING_WEEK);
}

#define MADRID "Europe/Madrid"

static void
test_weekend (void)
{
  g_autoptr(DsResponseClock) clock = office (MADRID);
  /* Friday 2026-11-20 16:00 in Madrid (UTC+1) is 15:00 UTC. */
  gint64 friday = at (MADRID, 2026, 11, 20, 16, 0);

  g_assert_cmpint (friday, ==, utc (2026, 11, 20, 15, 0));
  /* Four working hours: one on Friday, three on Monday: Monday 12:00. */
  g_assert_cmpint (ds_response_clock_reached (clock, friday, 4 * HOUR), ==,
                   utc (2026, 11, 23, 11, 0));
  g_assert_cmpint (ds_response_clock_working_between (clock, friday, utc (2026, 11, 23, 11, 0)),
                   ==, 4 * HOUR);
  /* The whole weekend is nothing. */
  g_assert_cmpint (ds_response_clock_working_between (clock, at (MADRID, 2026, 11, 21, 10, 0),
                                                      at (MADRID, 2026, 11, 22, 18, 0)), ==, 0);
  /* Friday evening to Monday morning before the opening: nothing either. */
  g_assert_cmpint (ds_response_clock_working_between (clock, at (MADRID, 2026, 11, 20, 17, 0),
                                                      at (MADRID, 2026, 11, 23, 8, 59)), ==, 0);
  /* A week, Monday 00:00 to Monday 00:00: five days of eight hours. */
  g_assert_cmpint (ds_response_clock_working_between (clock, at (MADRID, 2026, 11, 16, 0, 0),
                                                      at (MADRID, 2026, 11, 23, 0, 0)),
                   ==, 5 * 8 * HOUR);
  /* A clock that works Saturdays counts them. */
  {
    g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (MADRID);
    g_autoptr(DsResponseClock) six = ds_response_clock_new (tz, 9 * 60, 17 * 60,
                                                            DS_WORKING_WEEK |
                                                            DS_WEEKDAY_BIT (G_DATE_SATURDAY));

    g_assert_cmpint (ds_response_clock_reached (six, friday, 4 * HOUR), ==,
                     at (MADRID, 2026, 11, 21, 12, 0));
  }
}

static void
test_night (void)
{
  g_autoptr(DsResponseClock) clock = office (MADRID);
  /* Tuesday 15:00: two hours today, two tomorrow: Wednesday 11:00. */
  gint64 tuesday = at (MADRID, 2026, 11, 17, 15, 0);
  gint64 due = ds_response_clock_reached (clock, tuesday, 4 * HOUR);

  g_assert_cmpint (due, ==, utc (2026, 11, 18, 10, 0));
  g_assert_cmpint (ds_response_clock_working_between (clock, tuesday, due), ==, 4 * HOUR);
  /* At Wednesday 10:00 it has waited three hours; the night counts nothing. */
  g_assert_cmpint (ds_response_clock_working_between (clock, tuesday,
                                                      at (MADRID, 2026, 11, 18, 10, 0)),
                   ==, 3 * HOUR);
  /* Exactly at the closing: the rest is the next morning. */
  g_assert_cmpint (ds_response_clock_reached (clock, tuesday, 2 * HOUR), ==,
                   at (MADRID, 2026, 11, 17, 17, 0));
  g_assert_cmpint (ds_response_clock_reached (clock, tuesday, 2 * HOUR + 1), ==,
                   at (MADRID, 2026, 11, 18, 9, 0) + 1);
}

static void
test_out_of_hours (void)
{
  g_autoptr(DsResponseClock) clock = office (MADRID);
  gint64 evening = at (MADRID, 2026, 11, 17, 20, 30);
  gint64 early = at (MADRID, 2026, 11, 18, 7, 45);
  gint64 saturday = at (MADRID, 2026, 11, 21, 11, 0);

  /* The clock starts at the next opening. */
  g_assert_cmpint (ds_response_clock_reached (clock, evening, 0), ==, utc (2026, 11, 18, 8, 0));
  g_assert_cmpint (ds_response_clock_reached (clock, early, 0), ==, utc (2026, 11, 18, 8, 0));
  g_assert_cmpint (ds_response_clock_reached (clock, saturday, 0), ==, utc (2026, 11, 23, 8, 0));
  g_assert_cmpint (ds_response_clock_working_between (clock, evening,
                                                      at (MADRID, 2026, 11, 18, 10, 30)),
                   ==, 90 * MINUTE);
  g_assert_cmpint (ds_response_clock_reached (clock, evening, 4 * HOUR), ==,
                   at (MADRID, 2026, 11, 18, 13, 0));
  /* Within the hours, it starts at once. */
  g_assert_cmpint (ds_response_clock_reached (clock, at (MADRID, 2026, 11, 18, 9, 10), 0), ==,
                   at (MADRID, 2026, 11, 18, 9, 10));
  g_assert_cmpint (ds_response_clock_working_between (clock, early, early - 60), ==, 0);
}

/* Europe/Madrid: summer time from 02:00 on the last Sunday of March
 * (2026-03-29) to 03:00 on the last Sunday of October (2026-10-25). */
static void
test_summer_time (void)
{
  g_autoptr(DsResponseClock) clock = office (MADRID);
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (MADRID);
  g_autoptr(DsResponseClock) always = ds_response_clock_new (tz, 0, 24 * 60, 0x7f);
  /* Friday 16:00 winter time (UTC+1): one hour, then Monday 09:00 summer
   * time (UTC+2) and three more: Monday 12:00, 10:00 UTC, 67 hours later. */
  gint64 friday = at (MADRID, 2026, 3, 27, 16, 0);
  gint64 due = ds_response_clock_reached (clock, friday, 4 * HOUR);

  g_assert_cmpint (friday, ==, utc (2026, 3, 27, 15, 0));
  g_assert_cmpint (due, ==, utc (2026, 3, 30, 10, 0));
  g_assert_cmpint (due - friday, ==, 67 * HOUR);
  g_assert_cmpint (ds_response_clock_working_between (clock, friday, due), ==, 4 * HOUR);

  /* Back in October: Friday 16:00 summer time (14:00 UTC) to Monday 12:00
   * winter time (11:00 UTC). */
  friday = at (MADRID, 2026, 10, 23, 16, 0);
  due = ds_response_clock_reached (clock, friday, 4 * HOUR);
  g_assert_cmpint (friday, ==, utc (2026, 10, 23, 14, 0));
  g_assert_cmpint (due, ==, utc (2026, 10, 26, 11, 0));
  g_assert_cmpint (ds_response_clock_working_between (clock, friday, due), ==, 4 * HOUR);

  /* Hours that span the change: the day is 23 hours long in March, 25 in
   * October, as lived. */
  g_assert_cmpint (ds_response_clock_working_between (always, at (MADRID, 2026, 3, 29, 0, 0),
                                                      at (MADRID, 2026, 3, 30, 0, 0)),
                   ==, 23 * HOUR);
  g_assert_cmpint (ds_response_clock_working_between (always, at (MADRID, 2026, 10, 25, 0, 0),
                                                      at (MADRID, 2026, 10, 26, 0, 0)),
                   ==, 25 * HOUR);
  g_assert_cmpint (ds_response_clock_reached (always, at (MADRID, 2026, 3, 29, 1, 0), 2 * HOUR),
                   ==, at (MADRID, 2026, 3, 29, 4, 0));
}

/* The machine says UTC; the team works in New York (UTC-5 in January). */
static void
test_team_zone_not_the_machine_s (void)
{
  g_autoptr(DsResponseClock) clock = office ("America/New_York");
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  /* Monday 2027-01-11 13:30 UTC is 08:30 in New York: before the opening. */
  gint64 monday = utc (2027, 1, 11, 13, 30);

  g_assert_cmpint (g_time_zone_get_offset (local, 0), ==, 0);
  g_assert_cmpint (ds_response_clock_reached (clock, monday, 0), ==, utc (2027, 1, 11, 14, 0));
  /* By UTC's hours a whole hour; by New York's, half of one. */
  g_assert_cmpint (ds_response_clock_working_between (clock, monday, utc (2027, 1, 11, 14, 30)),
                   ==, 30 * MINUTE);
  /* 21:30 UTC is 16:30 there: half an hour left today, the rest Tuesday. */
  g_assert_cmpint (ds_response_clock_reached (clock, utc (2027, 1, 11, 21, 30), 4 * HOUR), ==,
                   utc (2027, 1, 12, 17, 30));
  /* Friday 23:00 UTC is 18:00 there: Monday 09:00 New York, 14:00 UTC. */
  g_assert_cmpint (ds_response_clock_reached (clock, utc (2027, 1, 15, 23, 0), 0), ==,
                   utc (2027, 1, 18, 14, 0));
}

/* An item against its kind's target, and what its row says. */
static void
test_measure (void)
{
  g_autoptr(DsResponseClock) clock = office (MADRID);
  g_autoptr(DsItem) item = ds_item_new ("slack", "C1/1.0", DS_ITEM_KIND_REQUEST, "VPN");
  g_autoptr(DsItem) review = ds_item_new ("github", "o/r#1", DS_ITEM_KIND_REVIEW, "PR");
  gint64 arrived = at (MADRID, 2026, 11, 17, 15, 0);
  DsResponseWait wait;
  g_autofree char *text = NULL;

  ds_response_clock_set_target (clock, DS_ITEM_KIND_REQUEST, 4 * HOUR);
  ds_item_set_created (item, arrived);

  /* A kind without a target has no clock. */
  g_assert_false (ds_response_clock_measure (clock, review, arrived, &wait));
  g_assert_false (ds_response_clock_waiting (clock, review, arrived, &wait));

  g_assert_true (ds_response_clock_waiting (clock, item, arrived + 2 * HOUR + 10 * MINUTE,
                                            &wait));
  g_assert_cmpint (wait.waited, ==, 2 * HOUR);  /* the day closed at 17:00 */
  g_assert_cmpint (wait.due, ==, at (MADRID, 2026, 11, 18, 11, 0));
  g_assert_false (ds_response_wait_is_near (&wait));
  text = ds_response_wait_describe (&wait, arrived + 2 * HOUR + 10 * MINUTE);
  g_assert_cmpstr (text, ==, "waiting 2 h of 4 h");
  g_clear_pointer (&text, g_free);

  /* Wednesday 10:10: 3 h 10 min of 4 h, past three quarters. */
  g_assert_true (ds_response_clock_waiting (clock, item, at (MADRID, 2026, 11, 18, 10, 10),
                                            &wait));
  g_assert_cmpint (wait.waited, ==, 3 * HOUR + 10 * MINUTE);
  g_assert_true (ds_response_wait_is_near (&wait));
  g_assert_false (ds_response_wait_is_late (&wait));
  text = ds_response_wait_describe (&wait, at (MADRID, 2026, 11, 18, 10, 10));
  g_assert_cmpstr (text, ==, "waiting 3 h 10 min of 4 h");
  g_clear_pointer (&text, g_free);

  /* Wednesday 11:05: late. */
  g_assert_true (ds_response_clock_waiting (clock, item, at (MADRID, 2026, 11, 18, 11, 5),
                                            &wait));
  g_assert_true (ds_response_wait_is_late (&wait));
  text = ds_response_wait_describe (&wait, at (MADRID, 2026, 11, 18, 11, 5));
  g_assert_cmpstr (text, ==, "waiting 4 h 05 min: past the 4 h target");
  g_clear_pointer (&text, g_free);

  /* Arrived at night: its clock has not started (the machine's zone, UTC,
   * says when). */
  ds_item_set_created (item, at (MADRID, 2026, 11, 17, 22, 0));
  g_assert_true (ds_response_clock_waiting (clock, item, at (MADRID, 2026, 11, 17, 23, 0),
                                            &wait));
  g_assert_cmpint (wait.waited, ==, 0);
  text = ds_response_wait_describe (&wait, at (MADRID, 2026, 11, 17, 23, 0));
  g_assert_cmpstr (text, ==, "waiting; the 4 h clock starts Wed 08:00");
  g_clear_pointer (&text, g_free);

  /* A teammate took it: answered, its clock stops. */
  ds_item_set_created (item, arrived);
  ds_item_set_claimed_by (item, "Bogdan");
  g_assert_false (ds_response_clock_waiting (clock, item, arrived + HOUR, &wait));
  ds_item_set_claimed_by (item, NULL);

  /* Acknowledged 25 minutes in: the clock stopped then, whatever the time. */
  ds_item_note_response (item, arrived + 25 * MINUTE);
  ds_item_note_response (item, arrived + 50 * MINUTE);  /* not the first */
  g_assert_cmpint (ds_item_get_responded (item), ==, arrived + 25 * MINUTE);
  g_assert_false (ds_response_clock_waiting (clock, item, arrived + 30 * HOUR, &wait));
  g_assert_true (ds_response_clock_measure (clock, item, arrived + 30 * HOUR, &wait));
  g_assert_true (wait.answered);
  g_assert_cmpint (wait.waited, ==, 25 * MINUTE);
  text = ds_response_wait_describe (&wait, arrived + 30 * HOUR);
  g_assert_cmpstr (text, ==, "answered after 25 min, within the 4 h target");
}

/* The tray's line: the late ones when there are, else how many wait and
 * the one nearest its target; nothing when none waits. */
static void
test_waiting_line (void)
{
  g_autoptr(DsResponseClock) clock = office (MADRID);
  g_autoptr(GListStore) inbox = g_list_store_new (DS_TYPE_ITEM);
  g_autoptr(DsItem) vpn = ds_item_new ("slack", "C1/1.0", DS_ITEM_KIND_REQUEST, "VPN");
  g_autoptr(DsItem) grafana = ds_item_new ("github", "o/r#2", DS_ITEM_KIND_ACCESS, "Grafana");
  g_autoptr(DsItem) review = ds_item_new ("github", "o/r#3", DS_ITEM_KIND_REVIEW, "PR");
  g_autofree char *line = NULL;

  ds_response_clock_set_target (clock, DS_ITEM_KIND_REQUEST, 4 * HOUR);
  ds_response_clock_set_target (clock, DS_ITEM_KIND_ACCESS, 8 * HOUR);
  ds_item_set_created (vpn, at (MADRID, 2026, 11, 17, 12, 0));
  ds_item_set_created (grafana, at (MADRID, 2026, 11, 17, 9, 0));
  ds_item_set_created (review, at (MADRID, 2026, 11, 16, 9, 0));
  g_list_store_append (inbox, review);
  g_assert_null (ds_response_clock_waiting_line (clock, G_LIST_MODEL (inbox),
                                                 at (MADRID, 2026, 11, 17, 14, 0)));
  g_list_store_append (inbox, vpn);
  g_list_store_append (inbox, grafana);

  /* 14:00: 2 h of 4 (half), 5 h of 8 (more): the access request is nearest. */
  line = ds_response_clock_waiting_line (clock, G_LIST_MODEL (inbox),
                                         at (MADRID, 2026, 11, 17, 14, 0));
  g_assert_cmpstr (line, ==, "2 requests waiting, the longest 5 h of 8 h");
  g_clear_pointer (&line, g_free);
  /* 16:30: the request is late. */
  line = ds_response_clock_waiting_line (clock, G_LIST_MODEL (inbox),
                                         at (MADRID, 2026, 11, 17, 16, 30));
  g_assert_cmpstr (line, ==, "1 request past its response target");
  g_clear_pointer (&line, g_free);
  /* Acknowledged: one waits. */
  ds_item_note_response (vpn, at (MADRID, 2026, 11, 17, 16, 40));
  line = ds_response_clock_waiting_line (clock, G_LIST_MODEL (inbox),
                                         at (MADRID, 2026, 11, 17, 16, 45));
  g_assert_cmpstr (line, ==, "1 request waiting: 7 h 45 min of 8 h");
}

/* A move that answers whoever asked is the first response; deferring and
 * snoozing are not. */
static void
test_states_that_answer (void)
{
  g_assert_true (ds_item_state_answers (DS_ITEM_STATE_ACKNOWLEDGED));
  g_assert_true (ds_item_state_answers (DS_ITEM_STATE_DELEGATED));
  g_assert_true (ds_item_state_answers (DS_ITEM_STATE_FILED));
  g_assert_true (ds_item_state_answers (DS_ITEM_STATE_DONE));
  g_assert_true (ds_item_state_answers (DS_ITEM_STATE_DISMISSED));
  g_assert_false (ds_item_state_answers (DS_ITEM_STATE_NEW));
  g_assert_false (ds_item_state_answers (DS_ITEM_STATE_DEFERRED));
  g_assert_false (ds_item_state_answers (DS_ITEM_STATE_SNOOZED));
}

/* What a poll shows stops the clock: a teammate's claim, the service's own
 * acknowledgement or close, a reply in the thread (at its own time). What
 * is seen is kept, across a restart. */
static DsItem *
fresh (const char *remote_id,
       gint64      created)
{
  DsItem *item = ds_item_new ("slack", remote_id, DS_ITEM_KIND_REQUEST, remote_id);

  ds_item_set_created (item, created);
  return item;
}

static void
merge (DsIngest *ingest,
       DsItem   *item)
{
  g_autoptr(GPtrArray) batch = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (batch, item);
  g_assert_true (ds_ingest_merge (ingest, batch, "slack", DS_KIND_BIT (DS_ITEM_KIND_REQUEST),
                                  DS_INGEST_NONE, &error));
  g_assert_no_error (error);
}

static void
test_first_response_from_services (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ds-response-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "dayshift.db", NULL);
  gint64 t0 = g_get_real_time () / G_USEC_PER_SEC - 3 * HOUR;
  gint64 before = g_get_real_time () / G_USEC_PER_SEC;

  {
    g_autoptr(DsStore) store = ds_store_open (path, NULL);
    g_autoptr(DsInbox) inbox = ds_inbox_new ();
    g_autoptr(DsIngest) ingest = ds_ingest_new (inbox, store);
    g_autoptr(DsItem) asked = fresh ("C1/1.0", t0);
    g_autoptr(DsItem) asked_again = fresh ("C1/1.0", t0);
    g_autoptr(DsItem) claimed = fresh ("C1/2.0", t0);
    g_autoptr(DsItem) closed = fresh ("C1/3.0", t0);
    g_autoptr(DsItem) answered = fresh ("C1/4.0", t0);
    g_autoptr(DsItem) answered_again = fresh ("C1/4.0", t0);
    g_autoptr(DsItem) acked = fresh ("C1/5.0", t0);
    g_autoptr(DsItem) acked_again = fresh ("C1/5.0", t0);
    DsItem *known;

    /* New, and nobody answered: no response. */
    merge (ingest, asked);
    g_assert_cmpint (ds_item_get_responded (ds_inbox_lookup (inbox, "slack:C1/1.0")), ==, 0);
    /* A later poll: a teammate's :eyes:, seen now (a reaction has no time). */
    ds_item_set_claimed_by (asked_again, "Bogdan Ilić");
    merge (ingest, asked_again);
    known = ds_inbox_lookup (inbox, "slack:C1/1.0");
    g_assert_cmpint (ds_item_get_responded (known), >=, before);

    /* Claimed, or closed, before Dayshift first saw it: seen now. */
    ds_item_set_claimed_by (claimed, "Dana Levi");
    merge (ingest, claimed);
    g_assert_cmpint (ds_item_get_responded (ds_inbox_lookup (inbox, "slack:C1/2.0")), >=, before);
    ds_item_set_state_unchecked (closed, DS_ITEM_STATE_DONE);
    merge (ingest, closed);
    g_assert_cmpint (ds_item_get_responded (ds_inbox_lookup (inbox, "slack:C1/3.0")), >=, before);

    /* A reply in the thread, read later: its own time. */
    merge (ingest, answered);
    ds_item_note_response (answered_again, t0 + 20 * MINUTE);
    merge (ingest, answered_again);
    g_assert_cmpint (ds_item_get_responded (ds_inbox_lookup (inbox, "slack:C1/4.0")), ==,
                     t0 + 20 * MINUTE);

    /* Acknowledged on the service (PagerDuty's way): the move is the response. */
    merge (ingest, acked);
    ds_item_set_state_unchecked (acked_again, DS_ITEM_STATE_ACKNOWLEDGED);
    merge (ingest, acked_again);
    known = ds_inbox_lookup (inbox, "slack:C1/5.0");
    g_assert_cmpint (ds_item_get_state (known), ==, DS_ITEM_STATE_ACKNOWLEDGED);
    g_assert_cmpint (ds_item_get_responded (known), >=, before);
  }

  {
    g_autoptr(DsStore) store = ds_store_open (path, NULL);
    g_autoptr(GPtrArray) items = ds_store_load_items (store, NULL);
    guint answered = 0;

    for (guint i = 0; i < items->len; i++)
      {
        DsItem *item = items->pdata[i];

        if (g_str_equal (ds_item_get_id (item), "slack:C1/4.0"))
          g_assert_cmpint (ds_item_get_responded (item), ==, t0 + 20 * MINUTE);
        else
          g_assert_cmpint (ds_item_get_responded (item), >=, before);
        answered++;
      }
    g_assert_cmpuint (answered, ==, 5);
  }
  ds_store_delete_files (path);
  g_rmdir (dir);
}

static void
test_describe_hours (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (MADRID);
  g_autoptr(DsResponseClock) week = ds_response_clock_new (tz, 9 * 60, 17 * 60, DS_WORKING_WEEK);
  g_autoptr(DsResponseClock) odd = ds_response_clock_new (tz, 8 * 60 + 30, 24 * 60,
                                                          DS_WEEKDAY_BIT (G_DATE_MONDAY) |
                                                          DS_WEEKDAY_BIT (G_DATE_WEDNESDAY) |
                                                          DS_WEEKDAY_BIT (G_DATE_SATURDAY) |
                                                          DS_WEEKDAY_BIT (G_DATE_SUNDAY));
  g_autofree char *a = ds_response_clock_describe_hours (week);
  g_autofree char *b = ds_response_clock_describe_hours (odd);

  g_assert_cmpstr (a, ==, "09:00–17:00, Mon–Fri, Europe/Madrid");
  g_assert_cmpstr (b, ==, "08:30–24:00, Mon, Wed, Sat, Sun, Europe/Madrid");
}

int
main (int   argc,
      char *argv[])
{
  /* The machine's zone is not the team's. */
  g_setenv ("TZ", "UTC", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ds/response-clock/weekend", test_weekend);
  g_test_add_func ("/ds/response-clock/night", test_night);
  g_test_add_func ("/ds/response-clock/out-of-hours", test_out_of_hours);
  g_test_add_func ("/ds/response-clock/summer-time", test_summer_time);
  g_test_add_func ("/ds/response-clock/team-zone-not-the-machine-s",
                   test_team_zone_not_the_machine_s);
  g_test_add_func ("/ds/response-clock/measure", test_measure);
  g_test_add_func ("/ds/response-clock/states-that-answer", test_states_that_answer);
  g_test_add_func ("/ds/response-clock/waiting-line", test_waiting_line);
  g_test_add_func ("/ds/response-clock/describe-hours", test_describe_hours);
  g_test_add_func ("/ds/response-clock/first-response-from-services",
                   test_first_response_from_services);
  return g_test_run ();
}
