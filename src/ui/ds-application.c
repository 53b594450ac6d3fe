/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-application"

#include "config.h"

#include <glib/gi18n.h>

#include <handy.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "ds-actions.h"
#include "ds-books.h"
#include "ds-bookkeeper.h"
#include "ds-application-private.h"
#include "ds-confirm-dialog.h"
#include "ds-delegate-dialog.h"
#include "ds-notify-policy.h"
#include "ds-outbox.h"
#include "ds-reminders.h"
#include "ds-report.h"
#include "ds-error.h"
#include "ds-github-sign-in.h"
#include "ds-notifier.h"
#include "ds-settings-dialog.h"
#include "ds-setup-check-dialog.h"
#include "ds-tray.h"
#include "ds-window.h"
#include "ds-workspace.h"

/* The one running Dayshift. A second launch talks to this one (GApplication
 * uniqueness) and opens its window. Everything the user can do is an action
 * on the application, so the tray menu, the notifications, the window and
 * `gapplication action` all take the same path.
 *
 * This file is the application's life cycle and what its parts share; each
 * part adds its own actions and connects its own signals in its _init:
 *
 *   ds-application-cli.c      the command line: options, --report, --status
 *   ds-application-actions.c  what the user does to an item, pausing, Check now
 *   ds-application-alerts.c   notifications, the tray's list, stale services,
 *                             snoozes and reminders
 *   ds-application-books.c    the rotation, the support timer, the standup
 *   ds-application-items.c    the database opened; an item found by its id,
 *                             and changed
 *   ds-application-settings.c start at login, how often each service is read
 *
 * The parts never call each other: what one changes, the others hear from
 * the inbox, the workspace, or the application's "refresh" signal. */

G_DEFINE_FINAL_TYPE (DsApplication, ds_application, GTK_TYPE_APPLICATION)

enum { REFRESH, WORKSPACE, N_SIGNALS };
static guint signals[N_SIGNALS];



static void
update_tray (DsApplication *self)
{
  if (self->tray == NULL)
    return;
  ds_tray_set_status (self->tray,
                      ds_inbox_count_waiting (self->inbox, DS_OPEN_STATES),
                      ds_inbox_count_waiting (self->inbox, DS_STATE_BIT (DS_ITEM_STATE_NEW)) > 0);
}

/* --team-profile for this run, else the setting. */
static char *
current_location (DsApplication *self)
{
  if (self->profile_path != NULL)
    return g_strdup (self->profile_path);
  return g_settings_get_string (ds_app_settings_of (self), "team-profile");
}

static const char *
demo_banner (void)
{
  return _("This is the demo workspace: a simulated team on Slack, GitHub and PagerDuty. "
           "Nothing here is real and nothing leaves this computer.");
}

/* Whether what a window shows of the setup changed since it was last told
 * (@said: what it was told, NULL for a new window): what the user reads
 * there (an error of their own choosing) stays until then. */
static gboolean
setup_changed (DsApplication  *self,
               char          **said,
               const char     *location)
{
  DsTeamProfile *profile = ds_app_profile_of (self);
  g_autofree char *key = g_strdup_printf ("%d|%p|%u|%s|%s", self->demo, (void *)profile,
                                          self->workspace != NULL
                                            ? ds_workspace_get_missing_tokens (self->workspace)
                                            : 0,
                                          location, ds_desk_get_profile_error (self->desk) ? ds_desk_get_profile_error (self->desk) : "");

  if (g_strcmp0 (*said, key) == 0)
    return FALSE;
  g_free (*said);
  *said = g_steal_pointer (&key);
  return TRUE;
}

/* The window says what Dayshift still needs: a team profile (its first-run
 * page, with the error in place), the tokens the profile names, or that
 * this is the demo. */
static void
update_window_setup (DsApplication *self)
{
  g_autofree char *location = NULL;
  DsTeamProfile *profile = ds_app_profile_of (self);
  guint missing = 0;

  if (self->window == NULL)
    return;
  location = current_location (self);
  if (!setup_changed (self, &self->window_said, location))
    return;
  ds_window_set_setup (self->window, self->demo, !self->demo && profile == NULL, location,
                       ds_desk_get_profile_error (self->desk));
  if (!self->demo && profile != NULL && self->workspace != NULL)
    missing = ds_workspace_get_missing_tokens (self->workspace);
  if (self->demo)
    ds_window_set_notice (self->window, demo_banner (), _("Set Up Your _Team…"), "set-up");
  else if (missing != 0)
    {
      g_autofree char *names = ds_service_join_labels (missing);
      /* Translators: %s is "GitHub" or "GitHub and Slack" */
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
        "Your team profile uses %s, and no token is saved for it: Dayshift reads nothing "
        "there until you save one in Settings.",
        "Your team profile uses %s, and no token is saved for them: Dayshift reads nothing "
        "there until you save them in Settings.", (gulong)__builtin_popcount (missing)), names);
      ds_window_set_notice (self->window, text, _("Open _Settings"), "settings");
    }
  else
    ds_window_set_notice (self->window, NULL, NULL, NULL);
}

static void
update_settings_dialog (DsApplication *self)
{
  g_autofree char *location = NULL;

  if (self->settings_dialog == NULL)
    return;
  location = current_location (self);
  if (!setup_changed (self, &self->settings_said, location))
    return;
  ds_settings_dialog_set_profile (DS_SETTINGS_DIALOG (self->settings_dialog),
                                  self->demo ? NULL : ds_app_profile_of (self), location,
                                  ds_desk_get_profile_error (self->desk));
}

DsWindow *
ds_app_ensure_window (DsApplication *self)
{
  if (self->window == NULL)
    {
      self->window = ds_window_new (GTK_APPLICATION (self), self->inbox);
      g_object_add_weak_pointer (G_OBJECT (self->window), (gpointer *)&self->window);
      ds_window_set_store (self->window, self->store);
      ds_window_set_response_clock (self->window, ds_app_response_clock_of (self));
      ds_app_show_handoff_in (self);
      g_clear_pointer (&self->window_said, g_free);
      if (ds_desk_get_startup_problem (self->desk) != NULL)
        ds_window_show_banner (self->window, "store", _("Dayshift needs your attention"),
                               ds_desk_get_startup_problem (self->desk), GTK_MESSAGE_WARNING);
      update_window_setup (self);
      ds_app_schedule_tray (self);
    }
  return self->window;
}

/* app.set-up: the window's first-run page. */
static void
set_up_activated (GSimpleAction *action,
                  GVariant      *param,
                  gpointer       user_data)
{
  DsApplication *self = user_data;
  DsWindow *window = ds_app_ensure_window (self);

  ds_window_show_setup (window);
  gtk_window_present (GTK_WINDOW (window));
}

static void
open_activated (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  DsApplication *self = user_data;

  gtk_window_present (GTK_WINDOW (ds_app_ensure_window (self)));
}

/* The window, on the inbox (what came in while Dayshift was away). */
static void
open_inbox_activated (GSimpleAction *action,
                      GVariant      *param,
                      gpointer       user_data)
{
  DsWindow *window = ds_app_ensure_window (user_data);

  ds_window_show_inbox (window);
  gtk_window_present (GTK_WINDOW (window));
}

static void
on_tokens_saved (DsApplication *self)
{
  if (self->workspace != NULL)
    ds_workspace_reload_tokens (self->workspace);
}

/* The team's GitHub OAuth app, when the profile in force names one. */
static const char *
github_client_id (DsApplication *self)
{
  DsTeamProfile *profile = self->demo ? NULL : ds_app_profile_of (self);

  return profile != NULL ? profile->github_oauth_client_id : NULL;
}

/* A token came from signing in: used at once, and said in Settings. */
static void
on_signed_in (DsApplication *self)
{
  on_tokens_saved (self);
  if (self->settings_dialog != NULL)
    ds_settings_dialog_refresh_tokens (DS_SETTINGS_DIALOG (self->settings_dialog));
}

/* app.github-sign-in: "Sign in with GitHub…" (Settings, the Set Up page),
 * there only while the profile in force names the team's OAuth app. One
 * sign-in at a time: asked again, the one under way is shown. */
static void
github_sign_in_activated (GSimpleAction *action,
                          GVariant      *param,
                          gpointer       user_data)
{
  DsApplication *self = user_data;
  const char *client_id = github_client_id (self);
  g_autofree char *url = NULL;
  GtkWidget *dialog;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (DS_IS_GITHUB_SIGN_IN (l->data))
      {
        gtk_window_present (l->data);
        return;
      }
  if (client_id == NULL)
    return;
  url = ds_settings_token_url (ds_app_settings_of (self), ds_app_profile_of (self),
                               DS_SERVICE_GITHUB);
  dialog = ds_github_sign_in_new (GTK_APPLICATION (self),
                                  gtk_application_get_active_window (GTK_APPLICATION (self)),
                                  url, client_id);
  g_signal_connect_object (dialog, "token-saved", G_CALLBACK (on_signed_in), self,
                           G_CONNECT_SWAPPED);
}

static void
update_sign_in (DsApplication *self)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), "github-sign-in");

  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), github_client_id (self) != NULL);
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
      g_signal_connect_object (self->settings_dialog, "tokens-saved",
                               G_CALLBACK (on_tokens_saved), self, G_CONNECT_SWAPPED);
      g_clear_pointer (&self->settings_said, g_free);
    }
  update_settings_dialog (self);
  /* Over the window when there is one, and holding it until closed, as
   * preferences do; opened from the tray, on its own. */
  gtk_window_set_transient_for (GTK_WINDOW (self->settings_dialog),
                                self->window != NULL ? GTK_WINDOW (self->window) : NULL);
  gtk_window_present (GTK_WINDOW (self->settings_dialog));
}

/* app.check-setup: the setup check of the team profile in force, checked
 * again if its dialog is open already. Over the window it was asked from
 * (Settings, or the main window), and holding it, as Settings does. There
 * is none to check in the demo, nor while no profile is in force: the
 * action is off then (update_check_setup). */
static void
check_setup_activated (GSimpleAction *action,
                       GVariant      *param,
                       gpointer       user_data)
{
  DsApplication *self = user_data;

  if (self->check_dialog == NULL)
    {
      GtkWindow *over = self->settings_dialog != NULL &&
                        gtk_widget_get_visible (self->settings_dialog)
        ? GTK_WINDOW (self->settings_dialog) : GTK_WINDOW (self->window);

      self->check_dialog = ds_setup_check_dialog_new (GTK_APPLICATION (self), self->desk);
      g_object_add_weak_pointer (G_OBJECT (self->check_dialog), (gpointer *)&self->check_dialog);
      gtk_window_set_transient_for (GTK_WINDOW (self->check_dialog), over);
    }
  ds_setup_check_dialog_run (DS_SETUP_CHECK_DIALOG (self->check_dialog));
  gtk_window_present (GTK_WINDOW (self->check_dialog));
}

static void
update_check_setup (DsApplication *self)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), "check-setup");

  g_simple_action_set_enabled (G_SIMPLE_ACTION (action),
                               !self->demo && ds_app_profile_of (self) != NULL);
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
  ds_app_report_problem_about (self, summary, summary, detail);
}

/* A problem about @key: a second one about the same replaces it in the
 * window, and ds_app_problem_gone() takes it away. */
void
ds_app_report_problem_about (DsApplication *self,
                             const char    *key,
                             const char    *summary,
                             const char    *detail)
{
  g_autoptr(GError) error = NULL;

  /* Expected trouble (disk, network, a damaged file), not a bug: a message, not a warning. */
  g_message ("%s: %s", summary, detail);
  if (self->window != NULL)
    ds_window_show_banner (self->window, key, summary, detail, GTK_MESSAGE_WARNING);
  if (self->notifier != NULL &&
      !ds_notifier_show_message (self->notifier, "problem", summary, detail, &error))
    g_debug ("Could not show a notification: %s", error->message);
}

/* @text on the clipboard, kept after Dayshift quits. */
void
ds_app_copy_text (const char *text)
{
  GtkClipboard *clipboard = gtk_clipboard_get (GDK_SELECTION_CLIPBOARD);

  gtk_clipboard_set_text (clipboard, text, -1);
  gtk_clipboard_store (clipboard);
}

/* "14:05", or "Mon 09:00" on another day. */
char *
ds_app_format_clock (gint64 when)
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

GSettings *
ds_app_settings_of (DsApplication *self)
{
  return self->settings;
}

DsTeamProfile *
ds_app_profile_of (DsApplication *self)
{
  return self->workspace != NULL ? ds_workspace_get_profile (self->workspace) : NULL;
}

/* The team's working time and response targets, or NULL: it set none. */
DsResponseClock *
ds_app_response_clock_of (DsApplication *self)
{
  DsTeamProfile *profile = ds_app_profile_of (self);

  return profile != NULL ? profile->response : NULL;
}

GStrv
ds_app_teammate_names (DsApplication *self)
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
  GtkWidget *dialog = ds_confirm_dialog_new (GTK_APPLICATION (self),
                                             self->window != NULL ? GTK_WINDOW (self->window)
                                                                  : NULL,
                                             title, question, detail, accept, action, target);

  gtk_window_present (GTK_WINDOW (dialog));
}

static const GActionEntry app_actions[] = {
  { "open", open_activated },
  { "open-inbox", open_inbox_activated },
  { "set-up", set_up_activated },
  { "settings", settings_activated },
  { "check-setup", check_setup_activated },
  { "github-sign-in", github_sign_in_activated },
  { "about", about_activated },
  { "quit", quit_activated },
};

/* Once per main loop turn, however much changed in it: the tray's count,
 * and each part brings what it shows up to date. */
static gboolean
refresh (gpointer user_data)
{
  DsApplication *self = user_data;

  self->tray_idle = 0;
  g_signal_emit (self, signals[REFRESH], 0);
  update_tray (self);
  {
    g_autofree char *unread = ds_desk_dup_unread (self->desk);

    if (self->tray != NULL)
      ds_tray_set_unread (self->tray, unread);
    if (self->window != NULL)
      ds_window_set_unread (self->window, unread);
  }
  update_sign_in (self);
  update_window_setup (self);
  update_settings_dialog (self);
  update_check_setup (self);
  return G_SOURCE_REMOVE;
}

void
ds_app_schedule_tray (DsApplication *self)
{
  if (self->tray_idle == 0)
    self->tray_idle = g_idle_add (refresh, self);
}

static void
on_network_changed (GNetworkMonitor *monitor,
                    gboolean         available,
                    DsApplication   *self)
{
  ds_desk_set_online (self->desk, available);
}

/* Back from a sleep: everything is read at once, and what came in is caught up. */
static void
on_woke (DsWake        *wake,
         gint64         asleep_since,
         DsApplication *self)
{
  ds_desk_woke (self->desk, asleep_since);
}

static void on_team_profile_changed (DsApplication *self);

/* Shown where the profile is chosen (the window, Settings). */
/* What lives as long as the application, whichever workspace runs. */
static void
connect_settings (DsApplication *self)
{
  self->settings = g_settings_new (BASE_APP_ID);
  g_signal_connect_object (self->settings, "changed::team-profile",
                           G_CALLBACK (on_team_profile_changed), self, G_CONNECT_SWAPPED);
  self->network = g_object_ref (g_network_monitor_get_default ());
  g_signal_connect_object (self->network, "network-changed", G_CALLBACK (on_network_changed),
                           self, 0);
  self->wake = ds_wake_new (TRUE);
  g_signal_connect_object (self->wake, "woke", G_CALLBACK (on_woke), self, 0);
}

/* The desk is about to put another workspace in force: what is shown of
 * this one goes (its notifications, what the parts hold of it). */
static void
on_desk_switching (DsApplication *self)
{
  for (guint i = 0; self->notifier != NULL &&
                    i < g_list_model_get_n_items (G_LIST_MODEL (self->inbox)); i++)
    {
      g_autoptr(DsItem) item = g_list_model_get_item (G_LIST_MODEL (self->inbox), i);
      ds_notifier_withdraw (self->notifier, ds_item_get_id (item));
    }
  g_clear_object (&self->store);
  g_clear_object (&self->workspace);
}

/* Another workspace is in force (the demo, or the team's): each part lets
 * go of the old one and takes this one, before it reads anything. */
static void
on_desk_workspace_changed (DsApplication *self)
{
  g_set_object (&self->store, ds_desk_get_store (self->desk));
  g_set_object (&self->workspace, ds_desk_get_workspace (self->desk));
  self->demo = ds_desk_get_is_demo (self->desk);
  ds_app_tell_database (self, ds_desk_get_store_path (self->desk));
  if (self->window != NULL)
    {
      ds_window_set_store (self->window, self->store);
      ds_window_set_response_clock (self->window, ds_app_response_clock_of (self));
    }
  if (self->tray != NULL)
    ds_tray_set_demo (self->tray, self->demo);
  if (!self->started)
    return;
  g_signal_emit (self, signals[WORKSPACE], 0);
  /* The demo shows a rotation under way. */
  if (self->demo)
    g_action_group_activate_action (G_ACTION_GROUP (self), "start-rotation", NULL);
  ds_app_schedule_tray (self);
}

static void
on_desk_problem (DsDesk        *desk,
                 const char    *key,
                 const char    *summary,
                 const char    *detail,
                 DsApplication *self)
{
  ds_app_report_problem_about (self, key, summary, detail);
}

static void
on_desk_problem_gone (DsDesk        *desk,
                      const char    *key,
                      DsApplication *self)
{
  if (self->window != NULL)
    ds_window_remove_banner (self->window, key);
}

/* The team profile in force follows the setting (from Settings, the
 * window's first-run page, or outside Dayshift): the demo when it is
 * empty. The desk switches workspaces, or reads the profile again. */
static void
apply_profile (DsApplication *self)
{
  g_autofree char *location = current_location (self);

  ds_desk_use (self->desk, location);
  ds_app_schedule_tray (self);
}

static void
on_team_profile_changed (DsApplication *self)
{
  /* The setting now says which profile: --team-profile was for the start. */
  g_clear_pointer (&self->profile_path, g_free);
  apply_profile (self);
}

/* app.use-profile: a location checked by the one who asks; "" for the demo. */
static void
use_profile_activated (GSimpleAction *action,
                       GVariant      *param,
                       gpointer       user_data)
{
  DsApplication *self = user_data;
  const char *location = g_variant_get_string (param, NULL);
  g_autofree char *current = g_settings_get_string (ds_app_settings_of (self), "team-profile");

  if (g_strcmp0 (current, location) != 0)
    g_settings_set_string (ds_app_settings_of (self), "team-profile", location);
  else /* The same file, perhaps mended: read it again. */
    on_team_profile_changed (self);
}

static const GActionEntry profile_actions[] = {
  { "use-profile", use_profile_activated, "s" },
};

static void
ds_application_startup (GApplication *app)
{
  DsApplication *self = DS_APPLICATION (app);
  static const char *quit_accels[] = { "<Control>q", NULL };

  G_APPLICATION_CLASS (ds_application_parent_class)->startup (app);
  hdy_init ();

  g_set_application_name (_("Dayshift"));
  gtk_window_set_default_icon_name (BASE_APP_ID);
  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_default (),
                                    RESOURCE_PREFIX "/icons/hicolor");
  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  update_sign_in (self);
  g_action_map_add_action_entries (G_ACTION_MAP (self), profile_actions,
                                   G_N_ELEMENTS (profile_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  {
    static const struct { const char *action; const char *accels[2]; } accels[] = {
      { "win.find", { "<Control>f", NULL } },
      { "win.page::inbox", { "<Alt>1", NULL } },
      { "win.page::standup", { "<Alt>2", NULL } },
      { "win.page::rotation", { "<Alt>3", NULL } },
      { "win.page::history", { "<Alt>4", NULL } },
      { "app.settings", { "<Control>comma", NULL } },
      { "win.close", { "<Control>w", NULL } },
    };
    for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
      gtk_application_set_accels_for_action (GTK_APPLICATION (self), accels[i].action,
                                             accels[i].accels);
  }

  /* A tray app lives on with no window open. */
  g_application_hold (app);

  connect_settings (self);
  self->notifier = ds_notifier_new (app);
  self->tray = ds_tray_new (app);
  g_signal_connect_object (self->inbox, "items-changed", G_CALLBACK (ds_app_schedule_tray), self,
                           G_CONNECT_SWAPPED);

  /* The desk: the team profile from the command line, else from Settings;
   * without one, the demo (in its own database, so that the real one never
   * holds a demo item), so that a new user sees what Dayshift does. */
  {
    g_autofree char *url = ds_settings_github_url (ds_app_settings_of (self));
    g_autofree char *location = current_location (self);

    ds_desk_set_github_url (self->desk, url);
    /* The intervals set before the first workspace starts. */
    _ds_application_settings_init (self);
    ds_desk_set_online (self->desk, g_network_monitor_get_network_available (self->network));
    g_signal_connect_object (self->desk, "switching", G_CALLBACK (on_desk_switching), self,
                             G_CONNECT_SWAPPED);
    g_signal_connect_object (self->desk, "workspace-changed",
                             G_CALLBACK (on_desk_workspace_changed), self, G_CONNECT_SWAPPED);
    g_signal_connect_object (self->desk, "problem", G_CALLBACK (on_desk_problem), self, 0);
    g_signal_connect_object (self->desk, "problem-gone", G_CALLBACK (on_desk_problem_gone),
                             self, 0);
    g_signal_connect_object (self->desk, "changed", G_CALLBACK (ds_app_schedule_tray), self,
                             G_CONNECT_SWAPPED);
    ds_desk_use (self->desk, location);
  }

  _ds_application_actions_init (self);
  _ds_application_alerts_init (self);
  _ds_application_books_init (self);
  self->started = TRUE;
  g_clear_handle_id (&self->tray_idle, g_source_remove);
  refresh (self);

  if (ds_desk_get_startup_problem (self->desk) != NULL)
    ds_app_report_problem_about (self, "store", _("Dayshift needs your attention"),
                                 ds_desk_get_startup_problem (self->desk));
  if (ds_desk_get_profile_error (self->desk) != NULL)
    ds_app_report_problem_about (self, "profile", _("The team profile was not loaded"),
                                 ds_desk_get_profile_error (self->desk));
  if (self->demo)
    g_action_group_activate_action (G_ACTION_GROUP (self), "start-rotation", NULL);
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

static void
ds_application_shutdown (GApplication *app)
{
  DsApplication *self = DS_APPLICATION (app);

  if (self->check_dialog != NULL)
    gtk_widget_destroy (self->check_dialog);
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
  g_clear_handle_id (&self->quiet_timer, g_source_remove);
  g_clear_handle_id (&self->intervals_timer, g_source_remove);
  g_clear_object (&self->keeper);
  g_clear_object (&self->workspace);
  g_clear_object (&self->store);
  if (self->desk != NULL)
    g_signal_handlers_disconnect_by_data (self->desk, self);
  g_clear_object (&self->desk);
  g_clear_object (&self->network);
  g_clear_object (&self->wake);
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
  g_clear_object (&self->desk);
  g_clear_object (&self->policy);
  g_clear_pointer (&self->arrived, g_ptr_array_unref);
  g_clear_pointer (&self->summary, g_ptr_array_unref);
  g_clear_pointer (&self->stale, g_hash_table_unref);
  g_clear_pointer (&self->profile_path, g_free);
  g_clear_pointer (&self->told_bad_quiet, g_free);
  g_clear_object (&self->gnome_notifications);
  g_clear_pointer (&self->window_said, g_free);
  g_clear_pointer (&self->settings_said, g_free);
  g_clear_object (&self->settings);

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
  app_class->shutdown = ds_application_shutdown;

  /* Something changed (once per main loop turn): each part brings what it
   * shows up to date. */
  signals[REFRESH] = g_signal_new ("refresh", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* Another workspace took over (the demo, or the team's): each part lets
   * go of what it held from the old one and connects to the new one. */
  signals[WORKSPACE] = g_signal_new ("workspace", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
ds_application_init (DsApplication *self)
{
  self->desk = ds_desk_new ();
  self->inbox = g_object_ref (ds_desk_get_inbox (self->desk));
  self->policy = ds_notify_policy_new ();
  self->arrived = g_ptr_array_new_with_free_func (g_object_unref);
  self->summary = g_ptr_array_new_with_free_func (g_object_unref);
  self->stale = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  _ds_application_cli_init (self);
}

DsApplication *
ds_application_new (void)
{
  /* The same resources (the shortcuts window) for the development build. */
  return g_object_new (DS_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", RESOURCE_PREFIX,
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
