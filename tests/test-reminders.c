/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>

#include "ds-reminders.h"

/* Snoozes end and delegations are followed up, by the wall clock the test
 * sets; what was done is saved, so a restart neither repeats nor forgets. */

static DsItem *
add (DsStore    *store,
     DsInbox    *inbox,
     const char *id,
     DsItemState state,
     gint64      due)
{
  g_autoptr(DsItem) item = ds_item_new ("slack", id, DS_ITEM_KIND_REQUEST, id);

  g_assert_true (ds_store_save_item (store, item, NULL));
  ds_item_set_due (item, due);
  if (state == DS_ITEM_STATE_DONE)
    ds_item_set_delegated_to (item, "Sam");
  g_assert_true (ds_store_transition (store, item, state == DS_ITEM_STATE_DONE
                                      ? DS_ITEM_STATE_DELEGATED : state, "me", NULL, NULL));
  if (state == DS_ITEM_STATE_DONE)
    g_assert_true (ds_store_transition (store, item, DS_ITEM_STATE_DONE, "slack", NULL, NULL));
  ds_inbox_add (inbox, item);
  return item;
}

static void
test_due (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ds-reminders-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "dayshift.db", NULL);
  g_autoptr(GPtrArray) woke = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) remind = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  gint64 t0 = 1795700000;

  {
    g_autoptr(DsStore) store = ds_store_open (path, NULL);
    g_autoptr(DsInbox) inbox = ds_inbox_new ();
    DsItem *snoozed = add (store, inbox, "C1/1.0", DS_ITEM_STATE_SNOOZED, t0 + 900);
    DsItem *delegated = add (store, inbox, "C1/2.0", DS_ITEM_STATE_DELEGATED, t0 + 7200);
    DsItem *done = add (store, inbox, "C1/3.0", DS_ITEM_STATE_DONE, t0 + 60);

    g_assert_cmpint (ds_reminders_next (inbox), ==, t0 + 60);

    /* Before anything is due: nothing happens. */
    g_assert_cmpint (ds_reminders_run (store, inbox, t0, woke, remind, &error), ==, t0 + 60);
    g_assert_cmpuint (woke->len + remind->len, ==, 0);

    /* 15 minutes later: the done item is forgotten quietly; the snooze ends. */
    g_assert_cmpint (ds_reminders_run (store, inbox, t0 + 900, woke, remind, &error), ==,
                     t0 + 7200);
    g_assert_no_error (error);
    g_assert_cmpuint (woke->len, ==, 1);
    g_assert_true (woke->pdata[0] == snoozed);
    g_assert_cmpint (ds_item_get_state (snoozed), ==, DS_ITEM_STATE_NEW);
    g_assert_cmpint (ds_item_get_due (snoozed), ==, 0);
    g_assert_cmpuint (remind->len, ==, 0);
    g_assert_cmpint (ds_item_get_due (done), ==, 0);

    /* Two hours: the delegation is still open, a reminder, once. */
    g_assert_cmpint (ds_reminders_run (store, inbox, t0 + 7300, woke, remind, &error), ==, 0);
    g_assert_cmpuint (remind->len, ==, 1);
    g_assert_true (remind->pdata[0] == delegated);
    g_assert_cmpint (ds_item_get_state (delegated), ==, DS_ITEM_STATE_DELEGATED);
    g_assert_cmpint (ds_reminders_run (store, inbox, t0 + 9000, woke, remind, &error), ==, 0);
    g_assert_cmpuint (remind->len, ==, 1);
    g_assert_cmpuint (woke->len, ==, 1);
  }

  /* After a restart: nothing is due again, the snoozed item is new. */
  {
    g_autoptr(DsStore) store = ds_store_open (path, NULL);
    g_autoptr(GPtrArray) items = ds_store_load_items (store, NULL);
    g_autoptr(DsInbox) inbox = ds_inbox_new ();

    ds_inbox_add_items (inbox, items);
    g_assert_cmpint (ds_reminders_next (inbox), ==, 0);
    g_assert_cmpint (ds_item_get_state (ds_inbox_lookup (inbox, "slack:C1/1.0")), ==,
                     DS_ITEM_STATE_NEW);
  }
  ds_store_delete_files (path);
  g_rmdir (dir);
}

/* Tuesday 2026-11-17 in Madrid, where the team works 09:00 to 17:00; the
 * machine's zone is UTC (set in main()). */
static gint64
madrid (int hour,
        int minute)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Madrid");
  g_autoptr(GDateTime) dt = g_date_time_new (tz, 2026, 11, 17, hour, minute, 0);

  return g_date_time_to_unix (dt);
}

static DsItem *
request (DsStore    *store,
         DsInbox    *inbox,
         const char *id,
         DsItemKind  kind,
         gint64      created)
{
  g_autoptr(DsItem) item = ds_item_new ("slack", id, kind, id);

  ds_item_set_created (item, created);
  ds_item_set_channel (item, "#ops-support");
  g_assert_true (ds_store_save_item (store, item, NULL));
  ds_inbox_add (inbox, item);
  return item;
}

static gboolean
holds (GPtrArray *items,
       DsItem    *item)
{
  return g_ptr_array_find (items, item, NULL);
}

/* On rotation, a request that has used three quarters of its target
 * unanswered and unclaimed is told once in its life (not again after a
 * restart); several at once are one summary; quiet hours hold all but an
 * emergency until they end. The clock is fixed by the test. */
static void
test_response_target (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ds-reminders-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "dayshift.db", NULL);
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Madrid");
  g_autoptr(DsResponseClock) clock = ds_response_clock_new (tz, 9 * 60, 17 * 60,
                                                            DS_WORKING_WEEK);
  g_autoptr(GError) error = NULL;

  ds_response_clock_set_target (clock, DS_ITEM_KIND_REQUEST, 4 * 3600);
  {
    g_autoptr(DsStore) store = ds_store_open (path, NULL);
    g_autoptr(DsInbox) inbox = ds_inbox_new ();
    g_autoptr(GPtrArray) remind = g_ptr_array_new_with_free_func (g_object_unref);
    DsItem *vpn = request (store, inbox, "C1/1.0", DS_ITEM_KIND_REQUEST, madrid (9, 0));
    DsItem *dns = request (store, inbox, "C1/2.0", DS_ITEM_KIND_REQUEST, madrid (9, 0));
    DsItem *taken = request (store, inbox, "C1/3.0", DS_ITEM_KIND_REQUEST, madrid (9, 0));
    DsItem *acked = request (store, inbox, "C1/4.0", DS_ITEM_KIND_REQUEST, madrid (9, 0));
    DsItem *review = request (store, inbox, "C1/5.0", DS_ITEM_KIND_REVIEW, madrid (9, 0));
    DsItem *later = request (store, inbox, "C1/6.0", DS_ITEM_KIND_REQUEST, madrid (10, 0));
    DsItem *fire = request (store, inbox, "C1/7.0", DS_ITEM_KIND_REQUEST, madrid (10, 0));
    g_autofree char *title = NULL;
    g_autofree char *body = NULL;

    ds_item_set_claimed_by (taken, "Bogdan Ilić");
    g_assert_true (ds_store_save_item (store, taken, NULL));
    g_assert_true (ds_store_transition (store, acked, DS_ITEM_STATE_ACKNOWLEDGED, "me", NULL,
                                        NULL));
    ds_item_set_emergency (fire, TRUE);
    g_assert_true (ds_store_save_item (store, fire, NULL));

    /* 11:59: 2 h 59 min of 4 h, short of three quarters. Nothing. */
    g_assert_true (ds_reminders_response (store, inbox, clock, madrid (11, 59), FALSE, remind,
                                          &error));
    g_assert_cmpuint (remind->len, ==, 0);

    /* 12:00: the two that arrived at 09:00 and wait unanswered, together. */
    g_assert_true (ds_reminders_response (store, inbox, clock, madrid (12, 0), FALSE, remind,
                                          &error));
    g_assert_no_error (error);
    g_assert_cmpuint (remind->len, ==, 2);
    g_assert_true (holds (remind, vpn) && holds (remind, dns));
    g_assert_false (holds (remind, taken) || holds (remind, acked) || holds (remind, review));
    title = ds_reminders_response_title (clock, remind, madrid (12, 0));
    g_assert_cmpstr (title, ==, "2 requests near their response target");
    body = ds_reminders_response_body (clock, remind, madrid (12, 0));
    g_assert_cmpstr (body, ==, "#ops-support: C1/1.0 · waiting 3 h of 4 h\n"
                               "#ops-support: C1/2.0 · waiting 3 h of 4 h");
    g_ptr_array_set_size (remind, 0);

    /* 16:00, in quiet hours: the two told are past their target, and not
     * told again; of the two that reached three quarters at 13:00, only the
     * emergency is told now. */
    g_assert_true (ds_reminders_response (store, inbox, clock, madrid (16, 0), TRUE, remind,
                                          &error));
    g_assert_cmpuint (remind->len, ==, 1);
    g_assert_true (remind->pdata[0] == fire);
    g_clear_pointer (&title, g_free);
    g_clear_pointer (&body, g_free);
    title = ds_reminders_response_title (clock, remind, madrid (16, 0));
    g_assert_cmpstr (title, ==, "Past its response target: C1/7.0");
    body = ds_reminders_response_body (clock, remind, madrid (16, 0));
    g_assert_cmpstr (body, ==, "#ops-support · waiting 6 h: past the 4 h target");
    g_ptr_array_set_size (remind, 0);

    /* The quiet hours end: the one they held. */
    g_assert_true (ds_reminders_response (store, inbox, clock, madrid (16, 1), FALSE, remind,
                                          &error));
    g_assert_cmpuint (remind->len, ==, 1);
    g_assert_true (remind->pdata[0] == later);
    g_ptr_array_set_size (remind, 0);
    g_assert_true (ds_reminders_response (store, inbox, clock, madrid (16, 30), FALSE, remind,
                                          &error));
    g_assert_cmpuint (remind->len, ==, 0);
  }

  /* After a restart: what was told is not told again. */
  {
    g_autoptr(DsStore) store = ds_store_open (path, NULL);
    g_autoptr(GPtrArray) items = ds_store_load_items (store, NULL);
    g_autoptr(DsInbox) inbox = ds_inbox_new ();
    g_autoptr(GPtrArray) remind = g_ptr_array_new_with_free_func (g_object_unref);

    ds_inbox_add_items (inbox, items);
    g_assert_true (ds_reminders_response (store, inbox, clock, madrid (16, 45), FALSE, remind,
                                          &error));
    g_assert_cmpuint (remind->len, ==, 0);
    /* Without targets, nothing is ever due. */
    g_assert_true (ds_reminders_response (store, inbox, NULL, madrid (16, 45), FALSE, remind,
                                          &error));
    g_assert_cmpuint (remind->len, ==, 0);
  }
  ds_store_delete_files (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "UTC", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ds/reminders/due", test_due);
  g_test_add_func ("/ds/reminders/response-target", test_response_target);
  return g_test_run ();
}
