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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ds/reminders/due", test_due);
  return g_test_run ();
}
