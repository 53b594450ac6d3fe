/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-application"

#include "config.h"

#include <glib/gi18n.h>

#include "ds-application.h"
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
struct _DsApplication
{
  GtkApplication  parent_instance;

  DsStore        *store;   /* NULL when the database could not be opened */
  DsInbox        *inbox;
  DsNotifier     *notifier;
  DsTray         *tray;
  DsWindow       *window;
  GtkWidget      *settings_dialog;
  DsWorkspace    *workspace;
  GNetworkMonitor *network;
  char           *startup_problem;
  char           *profile_path;     /* --team-profile */
  gboolean        start_hidden;
  gboolean        demo;
};

G_DEFINE_FINAL_TYPE (DsApplication, ds_application, GTK_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the version and exit"), NULL },
  { "background", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Start in the tray without opening the window"), NULL },
  { "demo", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Run the built-in demo workspace (no accounts needed)"), NULL },
  { "team-profile", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Use this team profile file (instead of the one in Settings)"), N_("PATH") },
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

static DsWindow *
ensure_window (DsApplication *self)
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

  gtk_window_present (GTK_WINDOW (ensure_window (self)));
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

static void
report_problem (DsApplication *self,
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

/* Moves an item to a new state, in the store first. */
static void
transition_item (DsApplication *self,
                 GVariant      *param,
                 DsItemState    to)
{
  const char *id = g_variant_get_string (param, NULL);
  DsItem *item = ds_inbox_lookup (self->inbox, id);
  g_autoptr(GError) error = NULL;

  if (item == NULL)
    {
      g_debug ("No item %s", id);
      return;
    }

  if (self->store != NULL)
    {
      if (!ds_store_transition (self->store, item, to, "me", NULL, &error))
        {
          report_problem (self, _("Dayshift could not change the item"), error->message);
          return;
        }
    }
  else if (!ds_item_transition (item, to, &error))
    {
      report_problem (self, _("Dayshift could not change the item"), error->message);
      return;
    }

  if (self->notifier != NULL)
    ds_notifier_withdraw (self->notifier, id);
}

static void
acknowledge_activated (GSimpleAction *action,
                       GVariant      *param,
                       gpointer       user_data)
{
  transition_item (user_data, param, DS_ITEM_STATE_ACKNOWLEDGED);
}

static void
defer_activated (GSimpleAction *action,
                 GVariant      *param,
                 gpointer       user_data)
{
  transition_item (user_data, param, DS_ITEM_STATE_DEFERRED);
}

static void
dismiss_activated (GSimpleAction *action,
                   GVariant      *param,
                   gpointer       user_data)
{
  transition_item (user_data, param, DS_ITEM_STATE_DISMISSED);
}

static void
open_item_activated (GSimpleAction *action,
                     GVariant      *param,
                     gpointer       user_data)
{
  DsApplication *self = user_data;
  DsItem *item = ds_inbox_lookup (self->inbox, g_variant_get_string (param, NULL));
  const char *url = item != NULL ? ds_item_get_url (item) : NULL;

  /* Only web links are opened: a message cannot make Dayshift run a file. */
  if (url != NULL && (g_str_has_prefix (url, "https://") || g_str_has_prefix (url, "http://")))
    gtk_show_uri_on_window (self->window != NULL ? GTK_WINDOW (self->window) : NULL, url,
                            GDK_CURRENT_TIME, NULL);
  else
    gtk_window_present (GTK_WINDOW (ensure_window (self)));
}

static void
not_yet_activated (GSimpleAction *action,
                   GVariant      *param,
                   gpointer       user_data)
{
  /* Delegating and filing issues need the team profile and the GitHub and
   * Slack clients; until those are set up, the window shows the item. */
  open_activated (action, NULL, user_data);
}

static const GActionEntry app_actions[] = {
  { "open", open_activated },
  { "settings", settings_activated },
  { "about", about_activated },
  { "quit", quit_activated },
  { "open-item", open_item_activated, "s" },
  { "acknowledge", acknowledge_activated, "s" },
  { "defer", defer_activated, "s" },
  { "dismiss", dismiss_activated, "s" },
  { "delegate", not_yet_activated, "s" },
  { "file-issue", not_yet_activated, "s" },
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
  report_problem (self, summary, detail);
}

static void
on_new_item (DsIngest      *ingest,
             DsItem        *item,
             gboolean       notify,
             DsApplication *self)
{
  g_autoptr(GError) error = NULL;
  GSettings *settings = g_object_get_data (G_OBJECT (self), "ds-settings");

  if (!notify || self->notifier == NULL ||
      (settings != NULL && !g_settings_get_boolean (settings, "notifications-enabled")))
    return;
  if (!ds_notifier_show_item (self->notifier, item, &error))
    g_debug ("Could not show a notification: %s", error->message);
}

static void
on_network_changed (GNetworkMonitor *monitor,
                    gboolean         available,
                    DsApplication   *self)
{
  ds_workspace_set_online (self->workspace, available);
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
  g_signal_connect_object (self->workspace, "problem", G_CALLBACK (on_workspace_problem), self,
                           0);
  g_signal_connect_object (ds_workspace_get_ingest (self->workspace), "new-item",
                           G_CALLBACK (on_new_item), self, 0);
  self->network = g_object_ref (g_network_monitor_get_default ());
  g_signal_connect_object (self->network, "network-changed", G_CALLBACK (on_network_changed),
                           self, 0);
  ds_workspace_set_online (self->workspace,
                           g_network_monitor_get_network_available (self->network));

  if (!self->demo && (path == NULL || *path == '\0'))
    self->demo = TRUE;

  if (self->demo)
    {
      ds_tray_set_demo (self->tray, TRUE);
      if (!ds_workspace_start_demo (self->workspace, 5000, &error))
        report_problem (self, _("The demo workspace did not start"), error->message);
      return;
    }
  if (!ds_workspace_load_profile (self->workspace, path, &error))
    report_problem (self, _("The team profile was not loaded"), error->message);
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
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);

  /* A tray app lives on with no window open. */
  g_application_hold (app);

  open_store (self);
  self->notifier = ds_notifier_new (app);
  self->tray = ds_tray_new (app);
  g_signal_connect_object (self->inbox, "items-changed", G_CALLBACK (update_tray), self,
                           G_CONNECT_SWAPPED);
  update_tray (self);

  if (self->startup_problem != NULL)
    report_problem (self, _("Dayshift needs your attention"), self->startup_problem);

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
  gtk_window_present (GTK_WINDOW (ensure_window (self)));
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
  g_clear_object (&self->workspace);
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
  g_clear_pointer (&self->startup_problem, g_free);
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
