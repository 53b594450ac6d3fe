/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-reminders"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ds-reminders.h"

/* Items that ask for attention again at a time: a snooze that ends brings
 * the item back as new; a delegation still open after the follow-up time
 * is a reminder, once. The time is the wall clock, passed in, so that a
 * suspend or a restart changes nothing. */

/**
 * ds_reminders_next:
 *
 * Returns: the earliest time an item asks again, or 0
 */
gint64
ds_reminders_next (DsInbox *inbox)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (inbox));
  gint64 earliest = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DsItem) item = g_list_model_get_item (G_LIST_MODEL (inbox), i);
      gint64 due = ds_item_get_due (item);

      if (due > 0 && (earliest == 0 || due < earliest))
        earliest = due;
    }
  return earliest;
}

/**
 * ds_reminders_run:
 * @store: (nullable): where the changes are saved
 * @now: the wall clock, Unix seconds
 * @woke: (element-type DsItem): receives (a reference to) each snoozed item
 *   that is new again
 * @remind: (element-type DsItem): receives (a reference to) each delegated
 *   item still open
 *
 * Returns: the next time something is due, or 0
 */
gint64
ds_reminders_run (DsStore    *store,
                  DsInbox    *inbox,
                  gint64      now,
                  GPtrArray  *woke,
                  GPtrArray  *remind,
                  GError    **error)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (inbox));
  g_autoptr(GPtrArray) due = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DsItem) item = g_list_model_get_item (G_LIST_MODEL (inbox), i);

      if (ds_item_get_due (item) > 0 && ds_item_get_due (item) <= now)
        g_ptr_array_add (due, g_steal_pointer (&item));
    }

  for (guint i = 0; i < due->len; i++)
    {
      DsItem *item = due->pdata[i];
      DsItemState state = ds_item_get_state (item);
      gint64 was = ds_item_get_due (item);
      gboolean ok;

      ds_item_set_due (item, 0);
      if (state == DS_ITEM_STATE_SNOOZED)
        ok = store != NULL
          ? ds_store_transition (store, item, DS_ITEM_STATE_NEW, "snooze", _("Snooze ended"),
                                 error)
          : ds_item_transition (item, DS_ITEM_STATE_NEW, error);
      else
        ok = store == NULL || ds_store_save_local (store, item, error);
      if (!ok)
        {
          /* Kept as it was: the next run tries again. */
          ds_item_set_due (item, was);
          return ds_reminders_next (inbox);
        }
      if (state == DS_ITEM_STATE_SNOOZED)
        g_ptr_array_add (woke, g_object_ref (item));
      else if (state == DS_ITEM_STATE_DELEGATED)
        g_ptr_array_add (remind, g_object_ref (item));
    }
  return ds_reminders_next (inbox);
}
