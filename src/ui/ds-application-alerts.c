/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-application"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "ds-application-private.h"
#include "ds-quick-actions.h"
#include "ds-reminders.h"

/* What Dayshift tells the user without being asked: a notification for what
 * arrived (one by one, in a summary, or quietly, as the policy says), what
 * came in while Dayshift was away (one summary, once), the tray's list of
 * what waits, a service not read for too long (and, when a rate limit is
 * why, until when it asked Dayshift to wait; Check now says that too),
 * snoozes that end and delegations to check on, requests near their
 * response target (a line in the tray; on rotation, a reminder), writes
 * that failed. */

static void schedule_due (DsApplication *self);


/* Until when the service of @id asked Dayshift to leave it alone, or 0. */
static gint64
waiting_until (DsApplication *self,
               const char    *id)
{
  const DsServiceInfo *info = ds_service_info_for_id (id);

  return self->workspace != NULL && info != NULL
    ? ds_workspace_get_waiting_until (self->workspace, info->service) : 0;
}

/* The name people know the service of @id by, as the workspace gives it. */
static const char *
label_of (const char *id)
{
  const DsServiceInfo *info = ds_service_info_for_id (id);

  return info != NULL ? ds_service_label (info->service) : id;
}

static char *
stale_line (DsApplication *self,
            const char    *id,
            gint64         since)
{
  const char *service = label_of (id);
  g_autofree char *when = ds_app_format_clock (since);
  gint64 until = waiting_until (self, id);
  g_autofree char *then = until > 0 ? ds_app_format_clock (until) : NULL;

  if (then != NULL)
    /* Translators: in the tray and a notification: "GitHub not read since 11:48: it asked
     * Dayshift to wait until 12:30" (a rate limit) */
    return g_strdup_printf (_("%s not read since %s: it asked Dayshift to wait until %s"),
                            service, when, then);
  /* Translators: in the tray and a notification: "GitHub not read since 11:48" */
  return g_strdup_printf (_("%s not read since %s"), service, when);
}

static void
update_stale (DsApplication *self)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *text = NULL;
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->stale);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_ptr_array_add (lines, stale_line (self, key, *(gint64 *)value));
  g_ptr_array_sort (lines, (GCompareFunc)g_strcmp0);
  g_ptr_array_add (lines, NULL);
  if (lines->len > 1)
    text = g_strjoinv ("; ", (char **)lines->pdata);
  if (self->tray != NULL)
    ds_tray_set_stale (self->tray, text);
}

/* A service unread too long is told once, in a notification and in the
 * tray until it is read again; then the notification goes by itself. */
static void
on_workspace_stale (DsWorkspace   *workspace,
                    const char    *id,
                    gboolean       stale,
                    gint64         since,
                    DsApplication *self)
{
  g_autofree char *key = g_strconcat ("stale:", id, NULL);
  const char *service = label_of (id);
  g_autoptr(GError) error = NULL;

  if (!stale)
    {
      g_hash_table_remove (self->stale, id);
      if (self->notifier != NULL)
        ds_notifier_withdraw (self->notifier, key);
      update_stale (self);
      return;
    }
  g_hash_table_replace (self->stale, g_strdup (id), g_memdup2 (&since, sizeof since));
  update_stale (self);
  {
    g_autofree char *summary = stale_line (self, id, since);
    gint64 until = waiting_until (self, id);
    g_autofree char *then = until > 0 ? ds_app_format_clock (until) : NULL;
    g_autofree char *body = NULL;

    if (then != NULL)
      body = g_strdup_printf (
        _("Requests on %s may be waiting unseen: %s asked Dayshift to wait until %s before "
          "reading it again (a rate limit). Dayshift reads it then by itself; Check now cannot "
          "read it sooner."), service, service, then);
    else
      body = g_strdup_printf (
        _("Requests on %s may be waiting unseen. Dayshift keeps trying by itself; check your "
          "network and %s's status page, or choose Check now in the tray menu."),
        service, service);

    g_message ("%s", summary);
    if (self->notifier != NULL &&
        !ds_notifier_show_message (self->notifier, key, summary, body, &error))
      g_debug ("Could not show a notification: %s", error->message);
  }
}

/* Check now cannot read a service that asked Dayshift to wait: says when
 * its next read is, rather than nothing. */
static void
on_workspace_waiting (DsWorkspace   *workspace,
                      const char    *id,
                      gint64         until,
                      DsApplication *self)
{
  g_autofree char *key = g_strconcat ("waiting:", id, NULL);
  const char *service = label_of (id);
  g_autofree char *then = ds_app_format_clock (until);
  /* Translators: a notification after Check now: "Slack asked Dayshift to wait until 14:05" */
  g_autofree char *summary = g_strdup_printf (_("%s asked Dayshift to wait until %s"), service,
                                              then);
  g_autofree char *body = g_strdup_printf (
    _("It limits how often it may be read. Dayshift reads %s again at %s, by itself; Check now "
      "cannot read it sooner."), service, then);
  g_autoptr(GError) error = NULL;

  g_message ("%s", summary);
  update_stale (self);
  if (self->notifier != NULL &&
      !ds_notifier_show_message (self->notifier, key, summary, body, &error))
    g_debug ("Could not show a notification: %s", error->message);
}

/* GNOME's Do Not Disturb (org.gnome.desktop.notifications show-banners
 * off), when that schema is installed: held like quiet hours. */
static gboolean
desktop_do_not_disturb (DsApplication *self)
{
  return self->gnome_notifications != NULL &&
         !g_settings_get_boolean (self->gnome_notifications, "show-banners");
}

static void
on_do_not_disturb_changed (DsApplication *self)
{
  ds_app_schedule_tray (self);
}

static void
watch_do_not_disturb (DsApplication *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = source != NULL
    ? g_settings_schema_source_lookup (source, "org.gnome.desktop.notifications", TRUE) : NULL;

  if (schema == NULL || !g_settings_schema_has_key (schema, "show-banners"))
    return;
  g_clear_object (&self->gnome_notifications);
  self->gnome_notifications = g_settings_new ("org.gnome.desktop.notifications");
  g_signal_connect_object (self->gnome_notifications, "changed::show-banners",
                           G_CALLBACK (on_do_not_disturb_changed), self, G_CONNECT_SWAPPED);
}

/* Quiet hours and the burst size, as set now. */
static void
apply_settings (DsApplication *self)
{
  GSettings *settings = ds_app_settings_of (self);
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;

  if (settings == NULL)
    return;
  start = g_settings_get_string (settings, "quiet-hours-start");
  end = g_settings_get_string (settings, "quiet-hours-end");
  /* The demo shows what Dayshift does, whatever the hour. */
  if (self->demo || !g_settings_get_boolean (settings, "quiet-hours-enabled"))
    ds_notify_policy_set_quiet_hours (self->policy, NULL, NULL);
  else if (!ds_notify_policy_set_quiet_hours (self->policy, start, end) &&
           g_strcmp0 (start, self->told_bad_quiet) != 0)
    {
      g_message ("Quiet hours %s–%s are not HH:MM times; there are none until they are fixed",
                 start, end);
      g_free (self->told_bad_quiet);
      self->told_bad_quiet = g_strdup (start);
    }
  ds_notify_policy_set_burst (self->policy, g_settings_get_uint (settings, "burst-size"), 10);
  ds_notify_policy_set_do_not_disturb (self->policy, desktop_do_not_disturb (self));
}

/* Quiet hours holding notifications: the tray and the window say until when. */
static void
update_quiet (DsApplication *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) until = NULL;
  g_autofree char *text = NULL;

  apply_settings (self);
  until = ds_notify_policy_quiet_until (self->policy, now);
  if (desktop_do_not_disturb (self))
    /* Translators: in the tray and the window, while GNOME's Do Not Disturb is on */
    text = g_strdup (_("Do Not Disturb: only emergencies notify"));
  else if (until != NULL)
    {
      g_autofree char *when = g_date_time_format (until, "%H:%M");

      /* Translators: in the tray and the window: "Quiet hours until 08:00" */
      text = g_strdup_printf (_("Quiet hours until %s"), when);
    }
  if (self->tray != NULL)
    ds_tray_set_quiet (self->tray, text);
  if (self->window != NULL)
    ds_window_set_quiet (self->window, text);
}

/* -- what came in while away ----------------------------------------------- */

/* A time away read and not yet told (Dayshift started off rotation), kept
 * in the store as "SINCE UNTIL" ("" for none): told when the rotation
 * starts, even after a restart. */
#define AWAY_UNTOLD "away-untold"

static void
keep_away (DsApplication *self)
{
  g_autofree char *value = NULL;
  gint64 since, until;

  if (self->store == NULL)
    return;
  value = ds_notify_policy_get_away (self->policy, &since, &until)
    ? g_strdup_printf ("%" G_GINT64_FORMAT " %" G_GINT64_FORMAT, since, until) : g_strdup ("");
  (void)ds_store_set_meta (self->store, AWAY_UNTOLD, value, NULL);
}

/* What came in while away and is still open, told in one notification when
 * the policy says it is due: all read, on rotation, not quiet. */
static void
tell_away (DsApplication *self)
{
  GSettings *settings = ds_app_settings_of (self);
  g_autoptr(GPtrArray) told = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GError) error = NULL;
  gint64 since, until;

  /* Most of the time, nothing away waits to be told. */
  if (!ds_notify_policy_get_away (self->policy, &since, &until) || self->notifier == NULL ||
      self->inbox == NULL ||
      (settings != NULL && !g_settings_get_boolean (settings, "notifications-enabled")))
    return;
  told = g_ptr_array_new_with_free_func (g_object_unref);
  now = g_date_time_new_now_local ();
  apply_settings (self);
  if (!ds_notify_policy_take_away (self->policy, G_LIST_MODEL (self->inbox), now, told, &since))
    return;
  if (told->len > 0)
    {
      g_message ("%u requests came in while Dayshift was away", told->len);
      if (!ds_notifier_show_away (self->notifier, told, since, &error))
        g_debug ("Could not show a notification: %s", error->message);
      else if (self->store != NULL && !ds_store_mark_notified (self->store, told, &error))
        g_message ("%s", error->message);
      else if (self->store == NULL)
        for (guint i = 0; i < told->len; i++)
          ds_item_set_notified (told->pdata[i], TRUE);
    }
  keep_away (self);
}

static void
on_time_away (DsWorkspace   *workspace,
              gint64         since,
              gint64         until,
              DsApplication *self)
{
  ds_notify_policy_add_away (self->policy, since, until, FALSE);
}

static void
on_caught_up (DsWorkspace   *workspace,
              gint64         since,
              gint64         until,
              DsApplication *self)
{
  ds_notify_policy_add_away (self->policy, since, until, TRUE);
  keep_away (self);
  tell_away (self);
}

/* The workspace's times away: one kept untold, and the one it reads now. */
static void
load_away (DsApplication *self)
{
  g_autofree char *kept = self->store != NULL ? ds_store_get_meta (self->store, AWAY_UNTOLD, NULL)
                                              : NULL;
  gint64 since, until;

  ds_notify_policy_forget_away (self->policy);
  if (kept != NULL && sscanf (kept, "%" G_GINT64_FORMAT " %" G_GINT64_FORMAT, &since, &until) == 2
      && until > since)
    ds_notify_policy_add_away (self->policy, since, until, TRUE);
  if (self->workspace != NULL && ds_workspace_get_time_away (self->workspace, &since, &until))
    ds_notify_policy_add_away (self->policy, since, until, FALSE);
}

/* On rotation, a request that has used three quarters of its response
 * target unanswered is told once in its life: alone, with Open and
 * Acknowledge, in the place of its own notification (and gone with it once
 * the user acts on it), or with the others that reached it in the same
 * minute in one summary. Quiet hours, Do Not Disturb and a pause hold all
 * but emergencies until they end (ds_reminders_response()). */
static void
remind_responses (DsApplication   *self,
                  DsResponseClock *clock,
                  gint64           now)
{
  GSettings *settings = ds_app_settings_of (self);
  g_autoptr(GDateTime) local = g_date_time_new_now_local ();
  g_autoptr(GPtrArray) remind = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;

  if (clock == NULL || self->notifier == NULL ||
      !ds_notify_policy_get_on_rotation (self->policy) ||
      (settings != NULL && !g_settings_get_boolean (settings, "notifications-enabled")))
    return;
  if (!ds_reminders_response (self->store, self->inbox, clock, now,
                              ds_notify_policy_is_quiet (self->policy, local), remind, &error))
    {
      g_message ("%s", error->message);
      return;
    }
  if (remind->len == 0)
    return;
  title = ds_reminders_response_title (clock, remind, now);
  body = ds_reminders_response_body (clock, remind, now);
  if (remind->len == 1)
    {
      DsItem *item = remind->pdata[0];
      const char *id = ds_item_get_id (item);
      const DsQuickAction *open = ds_quick_action (DS_QUICK_OPEN);
      const DsQuickAction *ack = ds_quick_action (DS_QUICK_ACKNOWLEDGE);
      g_autofree char *open_label = ds_quick_action_label (open, FALSE);
      g_autofree char *ack_label = ds_quick_action_label (ack, FALSE);
      const DsNotifierButton buttons[] = {
        { open_label, open->action, id }, { ack_label, ack->action, id },
      };

      if (!ds_notifier_show_prompt (self->notifier, id, title, body, buttons,
                                    ds_quick_action_applies (ack, item) ? 2 : 1, &error))
        g_debug ("Could not show a notification: %s", error->message);
    }
  else if (!ds_notifier_show_message (self->notifier, "response-summary", title, body, &error))
    g_debug ("Could not show a notification: %s", error->message);
}

/* The tray's line on the requests waiting for a first response, and, at
 * the minute's turn (@remind), their reminders. */
static void
update_response (DsApplication *self,
                 gboolean       remind)
{
  DsResponseClock *clock = ds_app_response_clock_of (self);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autofree char *line = clock != NULL
    ? ds_response_clock_waiting_line (clock, G_LIST_MODEL (self->inbox), now) : NULL;

  if (self->tray != NULL)
    ds_tray_set_waiting (self->tray, line);
  if (remind)
    remind_responses (self, clock, now);
}

static gboolean
on_quiet_tick (gpointer user_data)
{
  update_quiet (user_data);
  /* Quiet hours or a pause that ended may let what came in while away be told. */
  tell_away (user_data);
  /* A wait the stale line tells of may have ended. */
  update_stale (user_data);
  update_response (user_data, TRUE);
  return G_SOURCE_CONTINUE;
}

/* Everything that arrived in one go (a poll's batch) is planned together:
 * one by one, folded into the summary, or quietly into the inbox. */
static gboolean
flush_arrived (gpointer user_data)
{
  DsApplication *self = user_data;
  GSettings *settings = ds_app_settings_of (self);
  g_autoptr(GPtrArray) arrived = g_steal_pointer (&self->arrived);
  g_autoptr(GPtrArray) show = g_ptr_array_new ();
  g_autoptr(GPtrArray) summary = g_ptr_array_new ();
  g_autoptr(GPtrArray) told = g_ptr_array_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GError) error = NULL;

  self->flush_idle = 0;
  self->arrived = g_ptr_array_new_with_free_func (g_object_unref);
  if (self->notifier == NULL || arrived->len == 0 ||
      (settings != NULL && !g_settings_get_boolean (settings, "notifications-enabled")))
    return G_SOURCE_REMOVE;

  apply_settings (self);
  ds_notify_policy_plan (self->policy, arrived, now, show, summary);

  for (guint i = 0; i < show->len; i++)
    {
      if (!ds_notifier_show_item (self->notifier, show->pdata[i], &error))
        {
          g_debug ("Could not show a notification: %s", error->message);
          g_clear_error (&error);
          continue;
        }
      g_ptr_array_add (told, show->pdata[i]);
    }
  if (summary->len > 0)
    {
      /* A new burst starts a new summary; one still on screen grows. */
      if (ds_notifier_get_server_id (self->notifier, "summary") == 0)
        g_ptr_array_set_size (self->summary, 0);
      for (guint i = 0; i < summary->len; i++)
        g_ptr_array_add (self->summary, g_object_ref (summary->pdata[i]));
      if (ds_notifier_show_summary (self->notifier, self->summary, &error))
        g_ptr_array_extend (told, summary, NULL, NULL);
      else
        g_debug ("Could not show a notification: %s", error->message);
      g_clear_error (&error);
    }

  if (told->len == 0)
    return G_SOURCE_REMOVE;
  if (self->store != NULL && !ds_store_mark_notified (self->store, told, &error))
    g_message ("%s", error->message);
  else if (self->store == NULL)
    for (guint i = 0; i < told->len; i++)
      ds_item_set_notified (told->pdata[i], TRUE);
  return G_SOURCE_REMOVE;
}

static void
on_new_item (DsWorkspace   *workspace,
             DsItem        *item,
             gboolean       notify,
             DsApplication *self)
{
  if (notify && ds_item_get_kind (item) != DS_ITEM_KIND_POSTMORTEM)
    self->last_new_at = g_get_real_time () / G_USEC_PER_SEC;
  ds_app_schedule_tray (self);
  if (!notify)
    return;
  g_ptr_array_add (self->arrived, g_object_ref (item));
  if (self->flush_idle == 0)
    self->flush_idle = g_idle_add (flush_arrived, self);
}

/* -- the tray's list, snoozes and reminders -------------------------------- */

#define TRAY_ITEMS 5

static gboolean
wants_attention (DsItem *item)
{
  DsItemState state = ds_item_get_state (item);

  return (state == DS_ITEM_STATE_NEW || state == DS_ITEM_STATE_ACKNOWLEDGED) &&
         ds_item_get_claimed_by (item) == NULL;
}

/* The same request more than once (an alert that fires again, a page
 * repeated): one entry, with how many. */
static gint
find_alike (GPtrArray *items,
            DsItem    *item)
{
  for (guint i = 0; i < items->len; i++)
    if (ds_item_get_kind (items->pdata[i]) == ds_item_get_kind (item) &&
        g_strcmp0 (ds_item_get_title (items->pdata[i]), ds_item_get_title (item)) == 0)
      return (gint)i;
  return -1;
}

static void
update_tray_items (DsApplication *self)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) repeats = g_array_new (FALSE, TRUE, sizeof (guint));
  g_auto(GStrv) names = ds_app_teammate_names (self);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->inbox));
  guint waiting = 0, shown = 0;

  if (self->tray == NULL)
    return;
  /* Emergencies first, then the newest; repeats folded into one entry. */
  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < n; i++)
      {
        g_autoptr(DsItem) item = g_list_model_get_item (G_LIST_MODEL (self->inbox), i);
        gint alike;

        if (!wants_attention (item) || ds_item_get_emergency (item) != (pass == 0))
          continue;
        waiting++;
        alike = find_alike (items, item);
        if (alike >= 0)
          {
            g_array_index (repeats, guint, alike)++;
            shown++;
          }
        else if (items->len < TRAY_ITEMS)
          {
            guint one = 1;

            g_ptr_array_add (items, g_steal_pointer (&item));
            g_array_append_val (repeats, one);
            shown++;
          }
      }
  ds_tray_set_items (self->tray, items, (const guint *)(gpointer)repeats->data,
                     waiting - shown, (const char * const *)names,
                     ds_notify_policy_get_paused_until (self->policy) >
                     g_get_real_time () / G_USEC_PER_SEC);
}

/* A snooze that ended brings the item back, notified again; a delegation
 * still open after the reminder time is told once. */
static gboolean
on_due (gpointer user_data)
{
  DsApplication *self = user_data;
  g_autoptr(GPtrArray) woke = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) remind = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;

  self->due_timer = 0;
  ds_reminders_run (self->store, self->inbox, g_get_real_time () / G_USEC_PER_SEC, woke, remind,
                    &error);
  if (error != NULL)
    g_message ("%s", error->message);

  for (guint i = 0; self->notifier != NULL && i < woke->len; i++)
    {
      g_clear_error (&error);
      if (!ds_notifier_show_item (self->notifier, woke->pdata[i], &error))
        g_debug ("Could not show a notification: %s", error->message);
    }
  for (guint i = 0; self->notifier != NULL && i < remind->len; i++)
    {
      DsItem *item = remind->pdata[i];
      g_autofree char *key = g_strconcat ("reminder:", ds_item_get_id (item), NULL);
      /* Translators: a reminder: "Still open: <title>" */
      g_autofree char *summary = g_strdup_printf (_("Still open: %s"), ds_item_get_title (item));
      g_autofree char *body = g_strdup_printf (_("Delegated to %s. Check in with them, or take "
                                                 "it back."), ds_item_get_delegated_to (item));

      g_clear_error (&error);
      if (!ds_notifier_show_message (self->notifier, key, summary, body, &error))
        g_debug ("Could not show a notification: %s", error->message);
    }
  ds_app_schedule_tray (self);
  return G_SOURCE_REMOVE;
}

static gboolean
arm_due_timer (gpointer user_data)
{
  DsApplication *self = user_data;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 earliest = ds_reminders_next (self->inbox);

  self->due_idle = 0;
  g_clear_handle_id (&self->due_timer, g_source_remove);
  /* Checked at least every minute: the wall clock, not the main loop's,
   * decides, so a suspend does not stretch a snooze. */
  if (earliest > 0)
    self->due_timer = g_timeout_add_seconds ((guint)CLAMP (earliest - now, 0, 60), on_due, self);
  return G_SOURCE_REMOVE;
}

/* Once per main loop turn, however many items changed in it. */
static void
schedule_due (DsApplication *self)
{
  if (self->due_idle == 0)
    self->due_idle = g_idle_add (arm_due_timer, self);
}

static void
on_write_failed (DsWorkspace   *workspace,
                 DsItem        *item,
                 const char    *message,
                 DsApplication *self)
{
  g_autofree char *detail = NULL;

  /* Translators: "<what failed>\n“<item title>”" */
  detail = item != NULL ? g_strdup_printf (_("%s\nItem: “%s”"), message, ds_item_get_title (item))
                        : g_strdup (message);
  ds_app_report_problem (self, _("Dayshift could not finish an action"), detail);
}

/* A notification server without buttons: say once, ever, where the actions are. */
static void
tell_no_actions_once (DsApplication *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *told = NULL;

  if (self->notifier == NULL || ds_notifier_get_has_actions (self->notifier))
    return;
  told = self->store != NULL ? ds_store_get_meta (self->store, "told-no-actions", NULL) : NULL;
  if (told != NULL)
    return;
  if (!ds_notifier_show_message (self->notifier, "no-actions",
                                 _("Your notifications have no buttons"),
                                 _("This desktop shows notifications without buttons. "
                                   "Acknowledge, delegate, file an issue or defer from "
                                   "Dayshift's tray menu or its window."), &error))
    g_debug ("Could not show a notification: %s", error->message);
  else if (self->store != NULL)
    (void)ds_store_set_meta (self->store, "told-no-actions", "1", NULL);
}

static void
on_refresh (DsApplication *self)
{
  update_tray_items (self);
  update_quiet (self);
  update_response (self, FALSE);
  schedule_due (self);
  /* The rotation may have started. */
  tell_away (self);
}

/* The workspace that runs now; what was waiting from another one goes. */
static void
connect_workspace (DsApplication *self)
{
  g_ptr_array_set_size (self->arrived, 0);
  g_ptr_array_set_size (self->summary, 0);
  /* What was said of the workspace before is about it, not this one. */
  if (self->notifier != NULL)
    {
      GHashTableIter iter;
      gpointer service;

      g_hash_table_iter_init (&iter, self->stale);
      while (g_hash_table_iter_next (&iter, &service, NULL))
        {
          g_autofree char *key = g_strconcat ("stale:", (const char *)service, NULL);
          ds_notifier_withdraw (self->notifier, key);
        }
    }
  g_hash_table_remove_all (self->stale);
  update_stale (self);
  if (self->window != NULL)
    ds_window_clear_banners (self->window);
  g_signal_connect_object (self->workspace, "stale", G_CALLBACK (on_workspace_stale), self, 0);
  g_signal_connect_object (self->workspace, "waiting", G_CALLBACK (on_workspace_waiting), self,
                           0);
  g_signal_connect_object (self->workspace, "new-item", G_CALLBACK (on_new_item), self, 0);
  g_signal_connect_object (self->workspace, "write-failed", G_CALLBACK (on_write_failed), self,
                           0);
  g_signal_connect_object (self->workspace, "time-away", G_CALLBACK (on_time_away), self, 0);
  g_signal_connect_object (self->workspace, "caught-up", G_CALLBACK (on_caught_up), self, 0);
  load_away (self);
}

void
_ds_application_alerts_init (DsApplication *self)
{
  g_signal_connect (self, "refresh", G_CALLBACK (on_refresh), NULL);
  g_signal_connect (self, "workspace", G_CALLBACK (connect_workspace), NULL);
  connect_workspace (self);
  watch_do_not_disturb (self);
  /* Quiet hours begin and end by the clock alone, and so do waits. */
  self->quiet_timer = g_timeout_add_seconds (60, on_quiet_tick, self);
  tell_no_actions_once (self);
}
