/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-reminders"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ds-reminders.h"

/* Items that ask for attention again at a time: a snooze that ends brings
 * the item back as new; a delegation still open after the follow-up time
 * is a reminder, once; a request that has used three quarters of its
 * response target unanswered is a reminder, once in its life. The time is
 * the wall clock, passed in, so that a suspend or a restart changes
 * nothing. */

#define RESPONSE_BODY_LINES 3

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

/**
 * ds_reminders_response:
 * @store: (nullable): where it is kept that each was told
 * @clock: (nullable): the team's working time and targets; without it,
 *   nothing is due
 * @now: the wall clock, Unix seconds
 * @quiet: quiet hours, Do Not Disturb or a pause: only emergencies are
 *   told now; the others wait until it is not quiet, and are told then if
 *   still unanswered
 * @remind: (element-type DsItem): receives (a reference to) each request
 *   that has used three quarters of its target (ds_response_wait_is_near()),
 *   unanswered and taken by no teammate, and was never reminded of
 *
 * Each is kept as told (ds_store_mark_response_reminded()) before it is
 * returned: a restart does not tell it again.
 *
 * Returns: %FALSE if the store refused; then none is returned, and the next
 *   run tries again
 */
gboolean
ds_reminders_response (DsStore          *store,
                       DsInbox          *inbox,
                       DsResponseClock  *clock,
                       gint64            now,
                       gboolean          quiet,
                       GPtrArray        *remind,
                       GError          **error)
{
  g_autoptr(GPtrArray) due = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (inbox));

  if (clock == NULL)
    return TRUE;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DsItem) item = g_list_model_get_item (G_LIST_MODEL (inbox), i);
      DsResponseWait wait;

      if (ds_item_get_response_reminded (item) || (quiet && !ds_item_get_emergency (item)) ||
          !ds_response_clock_waiting (clock, item, now, &wait) ||
          !ds_response_wait_is_near (&wait))
        continue;
      g_ptr_array_add (due, g_steal_pointer (&item));
    }
  if (due->len == 0)
    return TRUE;
  if (store != NULL)
    {
      if (!ds_store_mark_response_reminded (store, due, error))
        return FALSE;
    }
  else
    for (guint i = 0; i < due->len; i++)
      ds_item_set_response_reminded (due->pdata[i], TRUE);
  g_ptr_array_extend_and_steal (remind, g_steal_pointer (&due));
  return TRUE;
}

static char *
wait_of (DsResponseClock *clock,
         DsItem          *item,
         gint64           now)
{
  DsResponseWait wait;

  if (!ds_response_clock_measure (clock, item, now, &wait))
    return g_strdup ("");
  return ds_response_wait_describe (&wait, now);
}

static const char *
place_of (DsItem *item)
{
  return ds_item_get_channel (item) != NULL ? ds_item_get_channel (item)
                                            : ds_item_source_label (ds_item_get_source (item));
}

/**
 * ds_reminders_response_title:
 * @items: (element-type DsItem): what ds_reminders_response() gave, one or more
 *
 * Returns: (transfer full): the reminder's title: "Answer soon: VPN is down"
 *   for one, "3 requests near their response target" for several
 */
char *
ds_reminders_response_title (DsResponseClock *clock,
                             GPtrArray       *items,
                             gint64           now)
{
  g_return_val_if_fail (items != NULL && items->len > 0, NULL);

  if (items->len == 1)
    {
      DsItem *item = items->pdata[0];
      DsResponseWait wait;
      gboolean late = ds_response_clock_measure (clock, item, now, &wait) &&
                      ds_response_wait_is_late (&wait);

      return late
        /* Translators: a reminder's title: "Past its response target: <title>" */
        ? g_strdup_printf (_("Past its response target: %s"), ds_item_get_title (item))
        /* Translators: a reminder's title: "Answer soon: <title>" */
        : g_strdup_printf (_("Answer soon: %s"), ds_item_get_title (item));
    }
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u request near its response target",
                                       "%u requests near their response target", items->len),
                          items->len);
}

/**
 * ds_reminders_response_body:
 *
 * Returns: (transfer full): where each is and how long it waited, "#ops-
 *   support · waiting 3 h 05 min of 4 h"; for several, with their titles,
 *   the first few and how many more (plain text: the notifier escapes it)
 */
char *
ds_reminders_response_body (DsResponseClock *clock,
                            GPtrArray       *items,
                            gint64           now)
{
  GString *body = g_string_new (NULL);
  guint shown = MIN (items->len, RESPONSE_BODY_LINES);

  g_return_val_if_fail (items != NULL && items->len > 0, NULL);

  if (items->len == 1)
    {
      g_autofree char *wait = wait_of (clock, items->pdata[0], now);

      /* Translators: a reminder's body: "<where> · <how long it waited>" */
      g_string_printf (body, _("%s · %s"), place_of (items->pdata[0]), wait);
      return g_string_free (body, FALSE);
    }
  for (guint i = 0; i < shown; i++)
    {
      DsItem *item = items->pdata[i];
      g_autofree char *wait = wait_of (clock, item, now);

      if (body->len > 0)
        g_string_append_c (body, '\n');
      /* Translators: a line of a reminder: "<where>: <title> · <how long it waited>" */
      g_string_append_printf (body, _("%s: %s · %s"), place_of (item),
                              ds_item_get_title (item) != NULL ? ds_item_get_title (item) : "",
                              wait);
    }
  if (items->len > shown)
    {
      guint more = items->len - shown;

      g_string_append_c (body, '\n');
      g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE, "…and %u more",
                                                 "…and %u more", more), more);
    }
  return g_string_free (body, FALSE);
}
