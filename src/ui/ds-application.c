/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-application"

#include "config.h"

#include <glib/gi18n.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "ds-actions.h"
#include "ds-books.h"
#include "ds-bookkeeper.h"
#include "ds-application-private.h"
#include "ds-delegate-dialog.h"
#include "ds-demo.h"
#include "ds-notify-policy.h"
#include "ds-outbox.h"
#include "ds-reminders.h"
#include "ds-report.h"
#include "ds-error.h"
#include "ds-notifier.h"
#include "ds-settings-dialog.h"
#include "ds-tray.h"
#include "ds-window.h"
#include "ds-workspace.h"

/* The one running Dayshift. A second launch talks to this one (GApplication
 * uniqueness) and opens its window. Everything the user can do is an action
 * on the application, so the tray menu, the notifications, the window and
 * `gapplication action` all take the same path. */

G_DEFINE_FINAL_TYPE (DsApplication, ds_application, GTK_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the version and exit"), NULL },
  { "background", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Start in the tray without opening the window"), NULL },
  { "demo", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Run the built-in demo workspace (no accounts needed)"), NULL },
  { "team-profile", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Use this team profile file (instead of the one in Settings)"), N_("PATH") },
  { "report", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Print the rotation report (Markdown) and exit: the current or last rotation, "
       "or --since/--until"), NULL },
  { "since", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("The report starts on this day (YYYY-MM-DD) or at this time (ISO 8601)"), N_("DATE") },
  { "until", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("The report ends with this day (YYYY-MM-DD) or at this time (ISO 8601)"), N_("DATE") },
  { "status", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Print the rotation, the shift, the support timer and the items per state, and exit"),
    NULL },
  { "json", 0, 0, G_OPTION_ARG_NONE, NULL, N_("With --status: print JSON"), NULL },
  { NULL }
};

static void
update_tray (DsApplication *self)
{
  if (self->tray == NULL)
    return;
  ds_tray_set_status (self->tray,
                      ds_inbox_count (self->inbox, DS_OPEN_STATES, DS_ALL_KINDS),
                      ds_inbox_count (self->inbox, DS_STATE_BIT (DS_ITEM_STATE_NEW),
                                      DS_ALL_KINDS) > 0);
}

static const char *
demo_banner (void)
{
  return _("This is the demo workspace: a simulated team on Slack, GitHub and PagerDuty. "
           "Nothing here is real and nothing leaves this computer. To use Dayshift for your "
           "team, save your tokens in Settings and point it at your team profile.");
}

DsWindow *
ds_app_ensure_window (DsApplication *self)
{
  if (self->window == NULL)
    {
      self->window = ds_window_new (GTK_APPLICATION (self), self->inbox);
      g_object_add_weak_pointer (G_OBJECT (self->window), (gpointer *)&self->window);
      if (self->startup_problem != NULL)
        ds_window_set_banner (self->window, self->startup_problem);
      else if (self->demo)
        ds_window_set_banner (self->window, demo_banner ());
    }
  return self->window;
}

static void
open_activated (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  DsApplication *self = user_data;

  gtk_window_present (GTK_WINDOW (ds_app_ensure_window (self)));
}

static void
settings_activated (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  DsApplication *self = user_data;

  if (self->settings_dialog == NULL)
    {
      self->settings_dialog = ds_settings_dialog_new (GTK_APPLICATION (self));
      g_object_add_weak_pointer (G_OBJECT (self->settings_dialog),
                                 (gpointer *)&self->settings_dialog);
    }
  if (!self->demo)
    ds_settings_dialog_set_profile (DS_SETTINGS_DIALOG (self->settings_dialog),
                                    ds_app_profile_of (self));
  gtk_window_present (GTK_WINDOW (self->settings_dialog));
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *param,
                 gpointer       user_data)
{
  DsApplication *self = user_data;
  static const char *authors[] = { "The Dayshift developers", NULL };

  gtk_show_about_dialog (self->window != NULL ? GTK_WINDOW (self->window) : NULL,
                         "program-name", _("Dayshift"),
                         "logo-icon-name", BASE_APP_ID,
                         "version", PACKAGE_VERSION,
                         "comments", _("One inbox for the daytime on-call support rotation"),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "authors", authors,
                         NULL);
}

void
ds_app_report_problem (DsApplication *self,
                const char    *summary,
                const char    *detail)
{
  g_autoptr(GError) error = NULL;

  /* Expected trouble (disk, network, a damaged file), not a bug: a message, not a warning. */
  g_message ("%s: %s", summary, detail);
  if (self->window != NULL)
    ds_window_set_banner (self->window, detail);
  if (self->notifier != NULL &&
      !ds_notifier_show_message (self->notifier, "problem", summary, detail, &error))
    g_debug ("Could not show a notification: %s", error->message);
}

DsItem *
ds_app_lookup (DsApplication *self,
        const char    *id)
{
  DsItem *item = ds_inbox_lookup (self->inbox, id);

  if (item == NULL)
    g_debug ("No item %s", id);
  return item;
}

GSettings *
ds_app_settings_of (DsApplication *self)
{
  return g_object_get_data (G_OBJECT (self), "ds-settings");
}

DsTeamProfile *
ds_app_profile_of (DsApplication *self)
{
  return self->workspace != NULL ? ds_workspace_get_profile (self->workspace) : NULL;
}

DsSender *
ds_app_sender_of (DsApplication *self)
{
  return self->workspace != NULL ? ds_workspace_get_sender (self->workspace) : NULL;
}

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

static void schedule_due (DsApplication *self);


/* Moves an item to a new state, saving it and the writes it implies in one
 * transaction; then the notification goes and the outbox is sent. */
gboolean
ds_app_perform (DsApplication *self,
         DsItem        *item,
         DsItemState    to,
         GPtrArray     *writes,
         const char    *note)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  /* Acknowledging what is already acknowledged (from an older menu, a
   * second click): done already, nothing to write again. */
  if (ds_item_get_state (item) == to && !ds_item_can_transition (to, to))
    {
      if (self->notifier != NULL)
        ds_notifier_withdraw (self->notifier, ds_item_get_id (item));
      return TRUE;
    }

  if (self->store != NULL)
    ok = ds_store_transition_full (self->store, item, to, "me", note, writes, &error);
  else
    ok = ds_item_transition (item, to, &error);
  if (!ok)
    {
      ds_app_report_problem (self, _("Dayshift could not change the item"), error->message);
      return FALSE;
    }
  if (self->notifier != NULL)
    ds_notifier_withdraw (self->notifier, ds_item_get_id (item));
  if (writes != NULL && writes->len > 0 && ds_app_sender_of (self) != NULL)
    ds_sender_kick (ds_app_sender_of (self));
  schedule_due (self);
  ds_app_schedule_tray (self);
  return TRUE;
}

/* After acknowledging or filing from a notification: the timer, one click away. */
static void
offer_timer (DsApplication *self,
             DsItem        *item,
             const char    *summary)
{
  DsNotifierButton buttons[] = {
    { _("Start support timer"), "timer-start", ds_item_get_id (item) },
  };
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

static GStrv
teammate_names (DsApplication *self)
{
  DsTeamProfile *profile = ds_app_profile_of (self);
  GStrvBuilder *b = g_strv_builder_new ();
  GStrv names;

  for (guint i = 0; profile != NULL && i < profile->teammates->len; i++)
    g_strv_builder_add (b, ((DsTeammate *)g_ptr_array_index (profile->teammates, i))->name);
  names = g_strv_builder_end (b);
  g_strv_builder_unref (b);
  return names;
}

static void
delegate_activated (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  DsApplication *self = user_data;
  DsItem *item = ds_app_lookup (self, g_variant_get_string (param, NULL));
  g_auto(GStrv) names = NULL;
  GtkWidget *dialog;

  if (item == NULL)
    return;
  names = teammate_names (self);
  dialog = ds_delegate_dialog_new (GTK_APPLICATION (self), item, (const char * const *)names);
  gtk_window_present (GTK_WINDOW (dialog));
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
  DsItem *item;
  GSettings *settings = ds_app_settings_of (self);
  guint reminder = settings != NULL ? g_settings_get_uint (settings, "delegate-reminder") : 0;
  Texts t;

  g_variant_get (param, "(&s&s)", &id, &name);
  item = ds_app_lookup (self, id);
  if (item == NULL)
    return;
  for (guint i = 0; profile != NULL && i < profile->teammates->len; i++)
    if (g_strcmp0 (((DsTeammate *)g_ptr_array_index (profile->teammates, i))->name, name) == 0)
      teammate = g_ptr_array_index (profile->teammates, i);
  if (teammate == NULL)
    {
      g_autofree char *detail =
        g_strdup_printf (_("“%s” is not a teammate in the team profile."), name);
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
  ds_item_set_delegated_to (item, teammate->name);
  ds_item_set_due (item, reminder > 0 ? g_get_real_time () / G_USEC_PER_SEC + reminder * 60 : 0);
  /* Translators: the history note of a delegation */
  note = g_strdup_printf (_("Delegated to %s"), teammate->name);
  ds_app_perform (self, item, DS_ITEM_STATE_DELEGATED, writes, note);
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

static void
on_confirm_response (GtkDialog     *dialog,
                     int            response,
                     DsApplication *self)
{
  const char *action = g_object_get_data (G_OBJECT (dialog), "ds-action");
  GVariant *target = g_object_get_data (G_OBJECT (dialog), "ds-target");

  if (response == GTK_RESPONSE_ACCEPT)
    g_action_group_activate_action (G_ACTION_GROUP (self), action, target);
  gtk_widget_destroy (GTK_WIDGET (dialog));
}

/**
 * ds_app_confirm:
 * @action: what the accept button activates (app.@action with @target)
 * @target: (nullable) (transfer floating): its parameter
 *
 * Asks before something that is not undone lightly.
 */
void
ds_app_confirm (DsApplication *self,
                const char    *title,
                const char    *question,
                const char    *detail,
                const char    *accept,
                const char    *action,
                GVariant      *target)
{
  GtkWidget *dialog = gtk_message_dialog_new (self->window != NULL ? GTK_WINDOW (self->window)
                                                                   : NULL,
                                              GTK_DIALOG_DESTROY_WITH_PARENT,
                                              GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE, "%s",
                                              question);

  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", detail);
  gtk_dialog_add_buttons (GTK_DIALOG (dialog), _("_Cancel"), GTK_RESPONSE_CANCEL,
                          accept, GTK_RESPONSE_ACCEPT, NULL);
  gtk_window_set_title (GTK_WINDOW (dialog), title);
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  g_object_set_data_full (G_OBJECT (dialog), "ds-action", g_strdup (action), g_free);
  if (target != NULL)
    g_object_set_data_full (G_OBJECT (dialog), "ds-target", g_variant_ref_sink (target),
                            (GDestroyNotify)g_variant_unref);
  g_signal_connect (dialog, "response", G_CALLBACK (on_confirm_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
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

  if (item == NULL)
    return;
  ds_item_set_due (item, snooze_until (self, how));
  ds_app_perform (self, item, DS_ITEM_STATE_SNOOZED, NULL, NULL);
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

static void
open_item_activated (GSimpleAction *action,
                     GVariant      *param,
                     gpointer       user_data)
{
  DsApplication *self = user_data;
  DsItem *item = ds_inbox_lookup (self->inbox, g_variant_get_string (param, NULL));
  const char *url = item != NULL ? ds_item_get_url (item) : NULL;

  if (item != NULL && self->notifier != NULL)
    ds_notifier_withdraw (self->notifier, ds_item_get_id (item));
  /* Only web links are opened: a message cannot make Dayshift run a file. */
  if (url != NULL && (g_str_has_prefix (url, "https://") || g_str_has_prefix (url, "http://")))
    gtk_show_uri_on_window (self->window != NULL ? GTK_WINDOW (self->window) : NULL, url,
                            GDK_CURRENT_TIME, NULL);
  else
    gtk_window_present (GTK_WINDOW (ds_app_ensure_window (self)));
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
  DsPoller *poller = self->workspace != NULL ? ds_workspace_get_poller (self->workspace) : NULL;

  if (poller != NULL)
    ds_poller_poll_now (poller);
  if (ds_app_sender_of (self) != NULL)
    ds_sender_retry_now (ds_app_sender_of (self));
  if (self->workspace != NULL)
    ds_workspace_read_shift (self->workspace);
  if (self->keeper != NULL)
    ds_bookkeeper_tick (self->keeper, g_get_real_time () / G_USEC_PER_SEC);
}

static const GActionEntry app_actions[] = {
  { "open", open_activated },
  { "settings", settings_activated },
  { "about", about_activated },
  { "quit", quit_activated },
  { "open-item", open_item_activated, "s" },
  { "acknowledge", acknowledge_activated, "s" },
  { "delegate", delegate_activated, "s" },
  { "delegate-to", delegate_to_activated, "(ss)" },
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

static void
open_store (DsApplication *self)
{
  g_autofree char *path = ds_store_default_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;

  /* The demo keeps its own history, apart from the real one. */
  if (self->demo)
    {
      g_autofree char *dir = g_path_get_dirname (path);
      g_free (path);
      path = g_build_filename (dir, "demo.db", NULL);
    }
  self->store = ds_store_open (path, &error);
  if (self->store == NULL && g_error_matches (error, DS_ERROR, DS_ERROR_STORE_CORRUPT))
    {
      /* The damaged file was moved aside: say so, and go on with a new one. */
      self->startup_problem = g_strdup (error->message);
      g_clear_error (&error);
      self->store = ds_store_open (path, &error);
    }
  if (self->store == NULL)
    {
      g_free (self->startup_problem);
      self->startup_problem = g_strdup_printf (_("%s Dayshift keeps working, but will not "
                                                 "remember anything until this is fixed."),
                                               error->message);
      return;
    }

  items = ds_store_load_items (self->store, &error);
  if (items == NULL)
    {
      g_free (self->startup_problem);
      self->startup_problem = g_strdup (error->message);
      return;
    }
  for (guint i = 0; i < items->len; i++)
    ds_inbox_add (self->inbox, g_ptr_array_index (items, i));
}

static void
on_workspace_problem (DsWorkspace   *workspace,
                      const char    *summary,
                      const char    *detail,
                      DsApplication *self)
{
  ds_app_report_problem (self, summary, detail);
}

static char *
format_clock (gint64 when)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (when);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  if (dt == NULL)
    return g_strdup ("?");
  /* Another day: say which. */
  if (g_date_time_get_day_of_year (dt) != g_date_time_get_day_of_year (now) ||
      g_date_time_get_year (dt) != g_date_time_get_year (now))
    return g_date_time_format (dt, "%a %H:%M");
  return g_date_time_format (dt, "%H:%M");
}

static char *
stale_line (const char *service,
            gint64      since)
{
  g_autofree char *when = format_clock (since);

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
    g_ptr_array_add (lines, stale_line (key, *(gint64 *)value));
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
                    const char    *service,
                    gboolean       stale,
                    gint64         since,
                    DsApplication *self)
{
  g_autofree char *key = g_strconcat ("stale:", service, NULL);
  g_autoptr(GError) error = NULL;

  if (!stale)
    {
      g_hash_table_remove (self->stale, service);
      if (self->notifier != NULL)
        ds_notifier_withdraw (self->notifier, key);
      update_stale (self);
      return;
    }
  g_hash_table_replace (self->stale, g_strdup (service), g_memdup2 (&since, sizeof since));
  update_stale (self);
  {
    g_autofree char *summary = stale_line (service, since);
    g_autofree char *body = g_strdup_printf (
      _("Requests on %s may be waiting unseen. Dayshift keeps trying by itself; check your "
        "network and %s's status page, or choose Check now in the tray menu."),
      service, service);

    g_message ("%s", summary);
    if (self->notifier != NULL &&
        !ds_notifier_show_message (self->notifier, key, summary, body, &error))
      g_debug ("Could not show a notification: %s", error->message);
  }
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

  if (settings != NULL)
    {
      g_autofree char *start = g_settings_get_string (settings, "quiet-hours-start");
      g_autofree char *end = g_settings_get_string (settings, "quiet-hours-end");

      if (!g_settings_get_boolean (settings, "quiet-hours-enabled"))
        ds_notify_policy_set_quiet_hours (self->policy, NULL, NULL);
      else if (!ds_notify_policy_set_quiet_hours (self->policy, start, end))
        g_message ("Quiet hours %s–%s are not HH:MM times; there are none until they are fixed",
                   start, end);
      ds_notify_policy_set_burst (self->policy, g_settings_get_uint (settings, "burst-size"), 10);
    }
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
on_new_item (DsIngest      *ingest,
             DsItem        *item,
             gboolean       notify,
             DsApplication *self)
{
  if (notify && ds_item_get_kind (item) != DS_ITEM_KIND_POSTMORTEM)
    self->last_new_at = g_get_real_time () / G_USEC_PER_SEC;
  schedule_due (self);
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

static gboolean
update_tray_items (gpointer user_data)
{
  DsApplication *self = user_data;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_auto(GStrv) names = teammate_names (self);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->inbox));

  self->tray_idle = 0;
  if (self->tray == NULL)
    return G_SOURCE_REMOVE;
  /* Emergencies first, then the newest. */
  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < n && items->len < TRAY_ITEMS; i++)
      {
        g_autoptr(DsItem) item = g_list_model_get_item (G_LIST_MODEL (self->inbox), i);

        if (wants_attention (item) && ds_item_get_emergency (item) == (pass == 0))
          g_ptr_array_add (items, g_steal_pointer (&item));
      }
  ds_tray_set_items (self->tray, items, (const char * const *)names,
                     ds_notify_policy_get_paused_until (self->policy) >
                     g_get_real_time () / G_USEC_PER_SEC);
  ds_app_update_tray_books (self);
  update_tray (self);
  return G_SOURCE_REMOVE;
}

void
ds_app_schedule_tray (DsApplication *self)
{
  if (self->tray_idle == 0)
    self->tray_idle = g_idle_add (update_tray_items, self);
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
  schedule_due (self);
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
on_write_failed (DsSender      *sender,
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

static void
on_network_changed (GNetworkMonitor *monitor,
                    gboolean         available,
                    DsApplication   *self)
{
  ds_workspace_set_online (self->workspace, available);
}

/* The demo world: Slack, GitHub, PagerDuty and ZenHub on this computer,
 * where something happens every five seconds; the workspace runs against
 * it as against the real services. */
static gboolean
start_demo_world (DsApplication  *self,
                  GError        **error)
{
  g_autofree char *json = NULL;
  g_autoptr(DsTeamProfile) profile = NULL;

  self->demo_world = ds_demo_new ();
  if (!ds_demo_start (self->demo_world, error))
    return FALSE;
  json = ds_demo_dup_profile_json (self->demo_world);
  profile = ds_team_profile_new_from_data (json, strlen (json), "demo", error);
  if (profile == NULL ||
      !ds_workspace_start_demo (self->workspace, profile, DS_DEMO_TOKEN, error))
    return FALSE;
  ds_demo_set_interval (self->demo_world, 5000);
  return TRUE;
}

/* The team profile from the command line, else from Settings; without one,
 * the demo workspace, so that a new user sees what Dayshift does. */
static void
start_workspace (DsApplication *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = g_settings_new (BASE_APP_ID);
  g_autofree char *configured = g_settings_get_string (settings, "team-profile");
  const char *path = self->profile_path != NULL ? self->profile_path : configured;

  g_object_set_data_full (G_OBJECT (self), "ds-settings", g_object_ref (settings),
                          g_object_unref);
  self->workspace = ds_workspace_new (self->inbox, self->store);
  {
    g_autofree char *host = g_settings_get_string (settings, "github-host");
    g_autofree char *url = g_strconcat ("https://", host, NULL);
    ds_workspace_set_github_url (self->workspace, url);
  }
  ds_workspace_set_interval (self->workspace, DS_SERVICE_GITHUB,
                             g_settings_get_uint (settings, "github-poll-interval"));
  ds_workspace_set_interval (self->workspace, DS_SERVICE_SLACK,
                             g_settings_get_uint (settings, "slack-poll-interval"));
  ds_workspace_set_interval (self->workspace, DS_SERVICE_PAGERDUTY,
                             g_settings_get_uint (settings, "pagerduty-poll-interval"));
  ds_workspace_set_follow_age (self->workspace,
                               g_settings_get_uint (settings, "follow-open-hours") * 3600);
  g_signal_connect_object (self->workspace, "stale", G_CALLBACK (on_workspace_stale), self,
                           0);
  g_signal_connect_object (settings, "changed::slack-realtime",
                           G_CALLBACK (ds_app_update_realtime), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->workspace, "problem", G_CALLBACK (on_workspace_problem), self,
                           0);
  g_signal_connect_object (ds_workspace_get_ingest (self->workspace), "new-item",
                           G_CALLBACK (on_new_item), self, 0);
  g_signal_connect_object (self->workspace, "changed", G_CALLBACK (ds_app_schedule_tray), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->workspace, "changed", G_CALLBACK (ds_app_start_books), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->workspace, "shift", G_CALLBACK (ds_app_on_shift), self, 0);
  if (ds_workspace_get_sender (self->workspace) != NULL)
    g_signal_connect_object (ds_workspace_get_sender (self->workspace), "failed",
                             G_CALLBACK (on_write_failed), self, 0);
  self->network = g_object_ref (g_network_monitor_get_default ());
  g_signal_connect_object (self->network, "network-changed", G_CALLBACK (on_network_changed),
                           self, 0);
  ds_workspace_set_online (self->workspace,
                           g_network_monitor_get_network_available (self->network));

  if (!self->demo && (path == NULL || *path == '\0'))
    self->demo = TRUE;

  ds_app_start_books (self);
  if (self->demo)
    {
      ds_tray_set_demo (self->tray, TRUE);
      if (!start_demo_world (self, &error))
        ds_app_report_problem (self, _("The demo workspace did not start"), error->message);
      /* The demo shows a rotation under way. */
      else if (!ds_app_on_rotation (self))
        ds_app_start_rotation (self);
      return;
    }
  if (!ds_workspace_load_profile (self->workspace, path, &error))
    ds_app_report_problem (self, _("The team profile was not loaded"), error->message);
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
ds_application_startup (GApplication *app)
{
  DsApplication *self = DS_APPLICATION (app);
  static const char *quit_accels[] = { "<Control>q", NULL };

  G_APPLICATION_CLASS (ds_application_parent_class)->startup (app);

  g_set_application_name (_("Dayshift"));
  gtk_window_set_default_icon_name (BASE_APP_ID);
  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_default (),
                                    RESOURCE_PREFIX "/icons/hicolor");
  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  g_action_map_add_action_entries (G_ACTION_MAP (self), ds_app_books_actions,
                                   ds_app_n_books_actions, self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);

  /* A tray app lives on with no window open. */
  g_application_hold (app);

  open_store (self);
  self->notifier = ds_notifier_new (app);
  self->tray = ds_tray_new (app);
  g_signal_connect_object (self->inbox, "items-changed", G_CALLBACK (ds_app_schedule_tray), self,
                           G_CONNECT_SWAPPED);
  if (self->store != NULL)
    {
      g_autofree char *paused = ds_store_get_meta (self->store, "notifications-paused-until",
                                                   NULL);
      if (paused != NULL)
        set_paused_until (self, g_ascii_strtoll (paused, NULL, 10));
    }
  update_tray (self);
  update_tray_items (self);
  schedule_due (self);

  if (self->startup_problem != NULL)
    ds_app_report_problem (self, _("Dayshift needs your attention"), self->startup_problem);
  tell_no_actions_once (self);

  start_workspace (self);
}

static void
ds_application_activate (GApplication *app)
{
  DsApplication *self = DS_APPLICATION (app);

  if (self->start_hidden)
    {
      self->start_hidden = FALSE;
      return;
    }
  gtk_window_present (GTK_WINDOW (ds_app_ensure_window (self)));
}

/* "2026-11-20" is that day, local time (its end, for --until); anything
 * else is ISO 8601, local time unless it says otherwise. */
static gboolean
parse_date (const char *text,
            gboolean    end_of_day,
            gint64     *out)
{
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  g_autoptr(GDateTime) dt = NULL;
  guint y, m, d;
  char rest;

  if (sscanf (text, "%4u-%2u-%2u%c", &y, &m, &d, &rest) == 3)
    {
      g_autoptr(GDateTime) day = g_date_time_new (local, (int)y, (int)m, (int)d, 0, 0, 0);
      if (day != NULL)
        dt = end_of_day ? g_date_time_add_days (day, 1) : g_date_time_ref (day);
    }
  else
    dt = g_date_time_new_from_iso8601 (text, local);
  if (dt == NULL)
    return FALSE;
  *out = g_date_time_to_unix (dt);
  return TRUE;
}

static DsTeamProfile *
load_profile_for_report (DsApplication *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema =
    source != NULL ? g_settings_schema_source_lookup (source, BASE_APP_ID, TRUE) : NULL;
  g_autoptr(GSettings) settings = schema != NULL ? g_settings_new (BASE_APP_ID) : NULL;
  g_autofree char *configured = settings != NULL
    ? g_settings_get_string (settings, "team-profile") : NULL;
  const char *path = self->profile_path != NULL ? self->profile_path : configured;
  g_autofree char *data = NULL;
  gsize length = 0;

  /* A profile kept on GitHub is not read for a report: the epics stay unnamed. */
  if (path == NULL || *path == '\0' || !g_file_get_contents (path, &data, &length, NULL))
    return NULL;
  return ds_team_profile_new_from_data (data, length, path, NULL);
}

/* --report and --status: read the database and print; no window, no display. */
static int
print_books (DsApplication *self,
             GVariantDict  *options)
{
  g_autofree char *path = ds_store_default_path ();
  g_autoptr(DsStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  const char *since_text = NULL, *until_text = NULL;

  if (self->demo)
    {
      g_autofree char *dir = g_path_get_dirname (path);
      g_free (path);
      path = g_build_filename (dir, "demo.db", NULL);
    }
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_printerr (_("Dayshift has no database yet (%s): start Dayshift first.\n"), path);
      return 1;
    }
  store = ds_store_open_for_reading (path, &error);
  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  if (g_variant_dict_contains (options, "status"))
    out = ds_report_status (store, now, g_variant_dict_contains (options, "json"), &error);
  else
    {
      g_autoptr(DsTeamProfile) profile = load_profile_for_report (self);
      gint64 since = 0, until = 0;

      g_variant_dict_lookup (options, "since", "&s", &since_text);
      g_variant_dict_lookup (options, "until", "&s", &until_text);
      if ((since_text != NULL && !parse_date (since_text, FALSE, &since)) ||
          (until_text != NULL && !parse_date (until_text, TRUE, &until)))
        {
          g_printerr (_("Dates are YYYY-MM-DD or ISO 8601 (2026-11-20T17:00): “%s” is neither.\n"),
                      since_text != NULL && !parse_date (since_text, FALSE, &since)
                      ? since_text : until_text);
          return 2;
        }
      ds_report_window (store, now, &since, &until);
      out = ds_report_markdown (store, profile, since, until, &error);
    }
  if (out == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  g_print ("%s", out);
  return 0;
}

static int
ds_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  DsApplication *self = DS_APPLICATION (app);
  g_autoptr(GError) error = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", _("Dayshift"), PACKAGE_VERSION);
      return 0;
    }

  if (g_variant_dict_contains (options, "demo"))
    self->demo = TRUE;
  if (g_variant_dict_lookup (options, "team-profile", "^ay", &self->profile_path))
    {
      /* Relative to where it was started. */
      if (!g_path_is_absolute (self->profile_path))
        {
          g_autofree char *cwd = g_get_current_dir ();
          char *abs = g_build_filename (cwd, self->profile_path, NULL);
          g_free (self->profile_path);
          self->profile_path = abs;
        }
    }

  if (g_variant_dict_contains (options, "report") || g_variant_dict_contains (options, "status"))
    return print_books (self, options);

  if (g_variant_dict_contains (options, "background"))
    {
      if (!g_application_register (app, NULL, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      /* Already running: nothing to do. */
      if (g_application_get_is_remote (app))
        return 0;
      self->start_hidden = TRUE;
    }

  return -1;
}

static void
ds_application_shutdown (GApplication *app)
{
  DsApplication *self = DS_APPLICATION (app);

  if (self->settings_dialog != NULL)
    gtk_widget_destroy (self->settings_dialog);
  if (self->window != NULL)
    gtk_widget_destroy (GTK_WIDGET (self->window));
  g_clear_handle_id (&self->flush_idle, g_source_remove);
  g_clear_handle_id (&self->tray_idle, g_source_remove);
  g_clear_handle_id (&self->due_timer, g_source_remove);
  g_clear_handle_id (&self->due_idle, g_source_remove);
  g_clear_handle_id (&self->pause_timer, g_source_remove);
  g_clear_handle_id (&self->tick_timer, g_source_remove);
  g_clear_object (&self->keeper);
  g_clear_object (&self->workspace);
  g_clear_object (&self->demo_world);
  g_clear_object (&self->network);
  g_clear_object (&self->tray);
  g_clear_object (&self->notifier);

  G_APPLICATION_CLASS (ds_application_parent_class)->shutdown (app);
}

static void
ds_application_finalize (GObject *object)
{
  DsApplication *self = (DsApplication *)object;

  g_clear_object (&self->inbox);
  g_clear_object (&self->store);
  g_clear_object (&self->policy);
  g_clear_pointer (&self->arrived, g_ptr_array_unref);
  g_clear_pointer (&self->summary, g_ptr_array_unref);
  g_clear_pointer (&self->startup_problem, g_free);
  g_clear_pointer (&self->stale, g_hash_table_unref);
  g_clear_pointer (&self->profile_path, g_free);

  G_OBJECT_CLASS (ds_application_parent_class)->finalize (object);
}

static void
ds_application_class_init (DsApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = ds_application_finalize;
  app_class->startup = ds_application_startup;
  app_class->activate = ds_application_activate;
  app_class->handle_local_options = ds_application_handle_local_options;
  app_class->shutdown = ds_application_shutdown;
}

static void
ds_application_init (DsApplication *self)
{
  self->inbox = ds_inbox_new ();
  self->policy = ds_notify_policy_new ();
  self->arrived = g_ptr_array_new_with_free_func (g_object_unref);
  self->summary = g_ptr_array_new_with_free_func (g_object_unref);
  self->stale = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("One inbox for the daytime on-call support "
                                              "rotation: Slack, GitHub and PagerDuty in the "
                                              "tray."));
}

DsApplication *
ds_application_new (void)
{
  return g_object_new (DS_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       NULL);
}

DsInbox *
ds_application_get_inbox (DsApplication *self)
{
  g_return_val_if_fail (DS_IS_APPLICATION (self), NULL);
  return self->inbox;
}

DsStore *
ds_application_get_store (DsApplication *self)
{
  g_return_val_if_fail (DS_IS_APPLICATION (self), NULL);
  return self->store;
}
