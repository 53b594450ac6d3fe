/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-application"

#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "ds-actions.h"
#include "ds-application-private.h"
#include "ds-suggest.h"
#include "ds-delegate-dialog.h"
#include "ds-error.h"
#include "ds-outbox.h"
#include "ds-quick-actions.h"
#include "ds-reminders.h"
#include "ds-text.h"

/* What the user does to an item (acknowledge, delegate, file an issue,
 * defer, snooze, dismiss, show it in the window, open its page in the
 * browser), pausing notifications, and Check now: each an action on the
 * application, from the tray, a notification, the window or
 * `gapplication action`. */


/* The texts the user chose for what Dayshift writes on their behalf. */
typedef struct
{
  DsActionTexts texts;
  char         *strings[4];
} Texts;

static void
texts_load (DsApplication *self,
            Texts         *t)
{
  GSettings *settings = ds_app_settings_of (self);
  static const char * const keys[] = {
    "acknowledge-reaction", "acknowledge-reply", "delegate-reply", "issue-reply"
  };

  memset (t, 0, sizeof *t);
  for (guint i = 0; settings != NULL && i < G_N_ELEMENTS (keys); i++)
    t->strings[i] = g_settings_get_string (settings, keys[i]);
  t->texts.reaction = t->strings[0] != NULL ? t->strings[0] : "eyes";
  t->texts.ack_reply = t->strings[1];
  t->texts.delegate_reply = t->strings[2];
  t->texts.issue_reply = t->strings[3];
}

static void
texts_clear (Texts *t)
{
  for (guint i = 0; i < G_N_ELEMENTS (t->strings); i++)
    g_free (t->strings[i]);
}

/* After acknowledging or filing from a notification: the timer, one click away. */
static void
offer_timer (DsApplication *self,
             DsItem        *item,
             const char    *summary)
{
  const DsQuickAction *timer = ds_quick_action (DS_QUICK_TIMER);
  g_autofree char *label = ds_quick_action_label (timer, FALSE);
  DsNotifierButton buttons[] = { { label, timer->action, ds_item_get_id (item) } };
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  g_autofree char *title = NULL;

  if (self->notifier == NULL || !ds_notifier_get_has_actions (self->notifier) ||
      self->store == NULL)
    return;
  key = g_strconcat ("timer-offer:", ds_item_get_id (item), NULL);
  /* Translators: "Acknowledged: <title>" */
  title = g_strdup_printf (_("%s: %s"), summary, ds_item_get_title (item));
  if (!ds_notifier_show_prompt (self->notifier, key, title,
                                _("Start the support timer to track the time it takes."),
                                buttons, G_N_ELEMENTS (buttons), &error))
    g_debug ("Could not show a notification: %s", error->message);
}

static void
acknowledge_activated (GSimpleAction *action,
                       GVariant      *param,
                       gpointer       user_data)
{
  DsApplication *self = user_data;
  DsItem *item = ds_app_lookup (self, g_variant_get_string (param, NULL));
  g_autoptr(GPtrArray) writes = NULL;
  Texts t;

  if (item == NULL)
    return;
  texts_load (self, &t);
  writes = ds_actions_acknowledge (item, &t.texts);
  if (ds_app_perform (self, item, DS_ITEM_STATE_ACKNOWLEDGED, writes, NULL) &&
      ds_item_get_kind (item) == DS_ITEM_KIND_REQUEST)
    offer_timer (self, item, _("Acknowledged"));
  texts_clear (&t);
}

/* The chooser of teammates, best placed first: for Delegate, and for Add
 * teammate (@action, "delegate-to" or "add-teammate"). */
static void
choose_teammate (DsApplication *self,
                 DsItem        *item,
                 const char    *action)
{
  g_auto(GStrv) names = NULL;
  g_auto(GStrv) reasons = NULL;
  GtkWidget *dialog;

  if (item == NULL)
    return;
  names = ds_app_teammate_names (self);
  /* Best placed first, from the history, when there is one to read. */
  if (self->store != NULL && ds_app_profile_of (self) != NULL)
    {
      g_autoptr(GError) error = NULL;
      gint64 now = g_get_real_time () / G_USEC_PER_SEC;
      g_autoptr(GHashTable) away = self->workspace != NULL
        ? ds_workspace_get_away (self->workspace, now) : NULL;
      g_autoptr(GPtrArray) ranked = ds_suggest_owners (self->store, ds_app_profile_of (self),
                                                       item, away, now, &error);

      if (ranked == NULL)
        g_message ("No suggestion for who should take it: %s", error->message);
      else
        {
          GStrvBuilder *n = g_strv_builder_new ();
          GStrvBuilder *w = g_strv_builder_new ();

          for (guint i = 0; i < ranked->len; i++)
            {
              DsSuggestion *s = g_ptr_array_index (ranked, i);
              g_strv_builder_add (n, s->name);
              g_strv_builder_add (w, s->why != NULL ? s->why : "");
            }
          g_strfreev (names);
          names = g_strv_builder_end (n);
          reasons = g_strv_builder_end (w);
          g_strv_builder_unref (n);
          g_strv_builder_unref (w);
        }
    }
  dialog = ds_delegate_dialog_new (GTK_APPLICATION (self), item, (const char * const *)names,
                                   (const char * const *)reasons, action);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
delegate_activated (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  DsApplication *self = user_data;
  DsItem *item = ds_app_lookup (self, g_variant_get_string (param, NULL));

  if (item != NULL)
    choose_teammate (self, item, "delegate-to");
}

static void
choose_teammate_activated (GSimpleAction *action,
                           GVariant      *param,
                           gpointer       user_data)
{
  DsApplication *self = user_data;
  DsItem *item = ds_app_lookup (self, g_variant_get_string (param, NULL));

  if (item != NULL)
    choose_teammate (self, item, "add-teammate");
}

/* app.link-to-epic: a pull request reviewed in a moment, or any GitHub item
 * that needs no issue of its own, into the super-epic for its kind. */
static void
link_to_epic_activated (GSimpleAction *action,
                        GVariant      *param,
                        gpointer       user_data)
{
  DsApplication *self = user_data;
  DsItem *item = ds_app_lookup (self, g_variant_get_string (param, NULL));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) writes = NULL;
  g_autofree char *note = NULL;
  const char *epic = NULL;

  if (item == NULL)
    return;
  if (ds_app_profile_of (self) == NULL)
    {
      ds_app_report_problem (self, _("Dayshift could not link the item"),
                             _("No team profile is in force: it names the super-epics."));
      return;
    }
  writes = ds_actions_link_to_epic (item, ds_app_profile_of (self), &epic, &error);
  if (writes == NULL)
    {
      ds_app_report_problem (self, _("Dayshift could not link the item"), error->message);
      return;
    }
  /* Kept as written (the report reads it): "Linked to super-epic: <name>". */
  note = g_strdup_printf ("Linked to super-epic: %s", epic);
  ds_app_record (self, item, note, writes, _("Dayshift could not link the item"));
}

/* app.add-teammate (id, name): someone joins on the item. */
static void
add_teammate_activated (GSimpleAction *action,
                        GVariant      *param,
                        gpointer       user_data)
{
  DsApplication *self = user_data;
  DsTeamProfile *profile = ds_app_profile_of (self);
  const char *id, *name;
  const DsTeammate *teammate = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) writes = NULL;
  g_autofree char *note = NULL;
  DsItem *item;

  g_variant_get (param, "(&s&s)", &id, &name);
  item = ds_app_lookup (self, id);
  if (item == NULL)
    return;
  if (profile != NULL)
    teammate = ds_team_profile_find_teammate (profile, name);
  if (teammate == NULL)
    {
      g_autofree char *shown = ds_app_shorten (name);
      g_autofree char *detail = g_strdup_printf (_("The team profile has no teammate “%s”."),
                                                 shown);
      ds_app_report_problem (self, _("Dayshift could not add the teammate"), detail);
      return;
    }
  writes = ds_actions_add_teammate (item, teammate, &error);
  if (writes == NULL)
    {
      ds_app_report_problem (self, _("Dayshift could not add the teammate"), error->message);
      return;
    }
  /* Translators: a line of the item's history */
  note = g_strdup_printf (_("%s joined"), teammate->name);
  ds_app_record (self, item, note, writes, _("Dayshift could not add the teammate"));
}

static void
delegate_to_activated (GSimpleAction *action,
                       GVariant      *param,
                       gpointer       user_data)
{
  DsApplication *self = user_data;
  DsTeamProfile *profile = ds_app_profile_of (self);
  const char *id, *name;
  const DsTeammate *teammate = NULL;
  g_autoptr(GPtrArray) writes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *note = NULL;
  g_autofree char *before = NULL;
  gint64 due;
  DsItem *item;
  GSettings *settings = ds_app_settings_of (self);
  guint reminder = settings != NULL ? g_settings_get_uint (settings, "delegate-reminder") : 0;
  Texts t;

  g_variant_get (param, "(&s&s)", &id, &name);
  item = ds_app_lookup (self, id);
  if (item == NULL)
    return;
  if (profile != NULL)
    teammate = ds_team_profile_find_teammate (profile, name);
  if (teammate == NULL)
    {
      g_autofree char *shown = ds_app_shorten (name);
      g_autofree char *detail =
        g_strdup_printf (_("“%s” is not a teammate in the team profile."), shown);
      ds_app_report_problem (self, _("Dayshift could not delegate the item"), detail);
      return;
    }

  texts_load (self, &t);
  writes = ds_actions_delegate (item, teammate, &t.texts, &error);
  texts_clear (&t);
  if (writes == NULL)
    {
      ds_app_report_problem (self, _("Dayshift could not delegate the item"), error->message);
      return;
    }
  before = g_strdup (ds_item_get_delegated_to (item));
  due = ds_item_get_due (item);
  ds_item_set_delegated_to (item, teammate->name);
  ds_item_set_due (item, reminder > 0 ? g_get_real_time () / G_USEC_PER_SEC + reminder * 60 : 0);
  /* Translators: the history note of a delegation */
  note = g_strdup_printf (_("Delegated to %s"), teammate->name);
  /* Not kept: the item stays as it was. */
  if (!ds_app_perform (self, item, DS_ITEM_STATE_DELEGATED, writes, note))
    {
      ds_item_set_delegated_to (item, before);
      ds_item_set_due (item, due);
    }
}

static void
file_issue_activated (GSimpleAction *action,
                      GVariant      *param,
                      gpointer       user_data)
{
  DsApplication *self = user_data;
  DsItem *item = ds_app_lookup (self, g_variant_get_string (param, NULL));
  g_autoptr(GPtrArray) writes = NULL;
  g_autoptr(GError) error = NULL;
  Texts t;

  if (item == NULL)
    return;
  texts_load (self, &t);
  writes = ds_actions_file_issue (item, ds_app_profile_of (self), &t.texts, &error);
  texts_clear (&t);
  if (writes == NULL)
    {
      ds_app_report_problem (self, _("Dayshift could not file an issue"), error->message);
      return;
    }
  if (ds_app_perform (self, item, DS_ITEM_STATE_FILED, writes, NULL))
    offer_timer (self, item, _("Filing an issue"));
}

/* An emergency is never deferred silently: it asks first. */
static void
defer_activated (GSimpleAction *action,
                 GVariant      *param,
                 gpointer       user_data)
{
  DsApplication *self = user_data;
  DsItem *item = ds_app_lookup (self, g_variant_get_string (param, NULL));
  g_autofree char *detail = NULL;

  if (item == NULL)
    return;
  if (!ds_item_get_emergency (item))
    {
      ds_app_perform (self, item, DS_ITEM_STATE_DEFERRED, NULL, NULL);
      return;
    }
  detail = g_strdup_printf (_("“%s” is an emergency. Deferred, it waits until the standup."),
                            ds_item_get_title (item));
  ds_app_confirm (self, _("Defer an emergency"), _("Defer an emergency to the standup?"), detail,
                  _("_Defer anyway"), "defer-emergency",
                  g_variant_new_string (ds_item_get_id (item)));
}

static void
defer_emergency_activated (GSimpleAction *action,
                           GVariant      *param,
                           gpointer       user_data)
{
  DsApplication *self = user_data;
  DsItem *item = ds_app_lookup (self, g_variant_get_string (param, NULL));

  if (item != NULL)
    ds_app_perform (self, item, DS_ITEM_STATE_DEFERRED, NULL,
                    _("An emergency, deferred on purpose"));
}

static void
dismiss_activated (GSimpleAction *action,
                   GVariant      *param,
                   gpointer       user_data)
{
  DsApplication *self = user_data;
  DsItem *item = ds_app_lookup (self, g_variant_get_string (param, NULL));

  if (item != NULL)
    ds_app_perform (self, item, DS_ITEM_STATE_DISMISSED, NULL, NULL);
}

/* "15m", "1h", "tomorrow" (the next morning, when quiet hours end). */
static gint64
snooze_until (DsApplication *self,
              const char    *how)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GSettings *settings = ds_app_settings_of (self);

  if (g_strcmp0 (how, "15m") == 0)
    return g_date_time_to_unix (now) + 15 * 60;
  if (g_strcmp0 (how, "tomorrow") == 0)
    {
      g_autofree char *morning = settings != NULL
        ? g_settings_get_string (settings, "quiet-hours-end") : g_strdup ("08:00");
      guint h = 8, m = 0;
      g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);
      g_autoptr(GDateTime) then = NULL;

      if (sscanf (morning, "%u:%u", &h, &m) != 2 || h > 23 || m > 59)
        h = 8, m = 0;
      then = g_date_time_new_local (g_date_time_get_year (tomorrow),
                                    g_date_time_get_month (tomorrow),
                                    g_date_time_get_day_of_month (tomorrow), (int)h, (int)m, 0);
      return g_date_time_to_unix (then);
    }
  return g_date_time_to_unix (now) + 60 * 60;
}

static void
snooze (DsApplication *self,
        const char    *id,
        const char    *how)
{
  DsItem *item = ds_app_lookup (self, id);
  gint64 due;

  if (item == NULL)
    return;
  due = ds_item_get_due (item);
  ds_item_set_due (item, snooze_until (self, how));
  if (!ds_app_perform (self, item, DS_ITEM_STATE_SNOOZED, NULL, NULL))
    ds_item_set_due (item, due);
}

static void
snooze_activated (GSimpleAction *action,
                  GVariant      *param,
                  gpointer       user_data)
{
  snooze (user_data, g_variant_get_string (param, NULL), "1h");
}

static void
snooze_for_activated (GSimpleAction *action,
                      GVariant      *param,
                      gpointer       user_data)
{
  const char *id, *how;

  g_variant_get (param, "(&s&s)", &id, &how);
  snooze (user_data, id, how);
}

/* The item, shown in the window: selected in the list and read whole, the
 * keys acting on it. From a notification's click too: the user sees the
 * item they clicked, and its page on the service is one button away. */
static void
open_item_activated (GSimpleAction *action,
                     GVariant      *param,
                     gpointer       user_data)
{
  DsApplication *self = user_data;
  DsItem *item = ds_app_lookup (self, g_variant_get_string (param, NULL));
  DsWindow *window;

  if (item == NULL)
    return;
  if (self->notifier != NULL)
    ds_notifier_withdraw (self->notifier, ds_item_get_id (item));
  window = ds_app_ensure_window (self);
  ds_window_show_item (window, item);
  gtk_window_present (GTK_WINDOW (window));
}

/* The item's page on its service, in the browser. */
static void
open_link_activated (GSimpleAction *action,
                     GVariant      *param,
                     gpointer       user_data)
{
  DsApplication *self = user_data;
  DsItem *item = ds_app_lookup (self, g_variant_get_string (param, NULL));
  g_autoptr(GError) error = NULL;

  if (item == NULL)
    return;
  /* Only web links are opened: a message cannot make Dayshift run a file. */
  if (!ds_text_is_web_link (ds_item_get_url (item)))
    {
      g_autofree char *detail = g_strdup_printf (_("“%s” has no web page to open."),
                                                 ds_item_get_title (item));
      ds_app_report_problem (self, _("Dayshift did not open the item"), detail);
      return;
    }
  if (!gtk_show_uri_on_window (self->window != NULL ? GTK_WINDOW (self->window) : NULL,
                               ds_item_get_url (item), GDK_CURRENT_TIME, &error))
    ds_app_report_problem (self, _("Dayshift did not open the item"), error->message);
}

static gboolean
on_pause_over (gpointer user_data)
{
  DsApplication *self = user_data;

  self->pause_timer = 0;
  ds_app_schedule_tray (self);
  return G_SOURCE_REMOVE;
}

static void
set_paused_until (DsApplication *self,
                  gint64         until)
{
  g_autofree char *value = g_strdup_printf ("%" G_GINT64_FORMAT, until);
  g_autoptr(GError) error = NULL;

  ds_notify_policy_set_paused_until (self->policy, until);
  if (self->store != NULL && !ds_store_set_meta (self->store, "notifications-paused-until",
                                                 value, &error))
    g_message ("%s", error->message);
  g_clear_handle_id (&self->pause_timer, g_source_remove);
  if (until > g_get_real_time () / G_USEC_PER_SEC)
    self->pause_timer = g_timeout_add_seconds (until - g_get_real_time () / G_USEC_PER_SEC + 1,
                                               on_pause_over, self);
  ds_app_schedule_tray (self);
}

static void
pause_activated (GSimpleAction *action,
                 GVariant      *param,
                 gpointer       user_data)
{
  set_paused_until (user_data, g_get_real_time () / G_USEC_PER_SEC + 60 * 60);
}

static void
resume_activated (GSimpleAction *action,
                  GVariant      *param,
                  gpointer       user_data)
{
  set_paused_until (user_data, 0);
}

/* "Check now": every source reads at once, what waits in the outbox is
 * tried again, the shift is read again and the clock looked at. */
static void
refresh_activated (GSimpleAction *action,
                   GVariant      *param,
                   gpointer       user_data)
{
  DsApplication *self = user_data;

  if (self->workspace != NULL)
    ds_workspace_check_now (self->workspace);
  if (self->keeper != NULL)
    ds_bookkeeper_tick (self->keeper, g_get_real_time () / G_USEC_PER_SEC);
}

/* For scripts: the item's id, as `gapplication action` takes it. */
static void
copy_item_id_activated (GSimpleAction *action,
                        GVariant      *param,
                        gpointer       user_data)
{
  DsApplication *self = user_data;
  DsItem *item = ds_app_lookup (self, g_variant_get_string (param, NULL));

  if (item != NULL)
    ds_app_copy_text (ds_item_get_id (item));
}

static const GActionEntry item_actions[] = {
  { "copy-item-id", copy_item_id_activated, "s" },
  { "open-item", open_item_activated, "s" },
  { "open-link", open_link_activated, "s" },
  { "acknowledge", acknowledge_activated, "s" },
  { "delegate", delegate_activated, "s" },
  { "delegate-to", delegate_to_activated, "(ss)" },
  { "choose-teammate", choose_teammate_activated, "s" },
  { "add-teammate", add_teammate_activated, "(ss)" },
  { "link-to-epic", link_to_epic_activated, "s" },
  { "file-issue", file_issue_activated, "s" },
  { "defer", defer_activated, "s" },
  { "defer-emergency", defer_emergency_activated, "s" },
  { "snooze", snooze_activated, "s" },
  { "snooze-for", snooze_for_activated, "(ss)" },
  { "dismiss", dismiss_activated, "s" },
  { "refresh", refresh_activated },
  { "pause-notifications", pause_activated },
  { "resume-notifications", resume_activated },
};

void
_ds_application_actions_init (DsApplication *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self), item_actions,
                                   G_N_ELEMENTS (item_actions), self);
  /* A pause outlives a restart. */
  if (self->store != NULL)
    {
      g_autofree char *paused = ds_store_get_meta (self->store, "notifications-paused-until",
                                                   NULL);
      if (paused != NULL)
        set_paused_until (self, g_ascii_strtoll (paused, NULL, 10));
    }
}
