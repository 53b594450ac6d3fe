/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-window"

#include "config.h"

#include <glib/gi18n.h>

#include <errno.h>

#include <handy.h>

#include "ds-inbox-filter.h"
#include "ds-profile-chooser.h"
#include "ds-quick-actions.h"
#include "ds-items-page.h"
#include "ds-rotation-page.h"
#include "ds-standup-page.h"
#include "ds-window.h"

/* The main window: the open items of the inbox, newest first. Closing it
 * only hides it; Dayshift lives on in the tray. */
struct _DsWindow
{
  GtkApplicationWindow  parent_instance;

  DsInboxFilter        *open_items;    /* for the count in the title */
  DsItemsPage          *inbox_page;
  DsItemsPage          *history_page;
  DsRotationPage       *rotation_page;
  guint                 minute_timer;  /* refreshes "5 minutes ago" */
  char                 *quiet;         /* "Quiet hours until 08:00", or NULL */

  gboolean              demo;          /* the demo workspace runs */
  gboolean              setup_needed;  /* no team profile in force, and no demo */
  gboolean              setup_asked;   /* the user asked for the first-run page */
  gboolean              setup_left;    /* and chose another page since it was needed */

  GtkHeaderBar         *header;
  GtkInfoBar           *notice;   /* the demo, or tokens to save: one at a time */
  GtkLabel             *notice_label;
  GtkButton            *notice_button;
  char                 *notice_action;  /* what the button activates, or NULL */
  GtkBox               *banners;  /* GtkInfoBar, newest first */
  GHashTable           *banner_of; /* key → its GtkInfoBar */
  GtkBox               *setup_box;
  GtkButton            *demo_button;
  GtkWidget            *check_button;  /* Check Setup, once a team profile is in use */
  GtkWidget            *sign_in_button;
  DsProfileChooser     *chooser;
  GtkStack             *stack;     /* the first-run page, or the pages */
  GtkStack             *pages;
  HdyViewSwitcherTitle *switcher_title;
  GtkToggleButton      *search_button;
};

G_DEFINE_FINAL_TYPE (DsWindow, ds_window, GTK_TYPE_APPLICATION_WINDOW)


static void
update_page (DsWindow *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->open_items));
  g_autofree char *subtitle = NULL;

  GtkWidget *setup = gtk_stack_get_child_by_name (self->pages, "setup");

  /* The first-run page is a page like the others, there while it is needed
   * or asked for; shown when it is asked for, or needed and not left. */
  if (setup != NULL)
    {
      gtk_widget_set_visible (setup, self->setup_needed || self->setup_asked);
      if (((self->setup_needed && !self->setup_left) || self->setup_asked) &&
          gtk_stack_get_visible_child (self->pages) != setup)
        gtk_stack_set_visible_child (self->pages, setup);
    }
  if (n == 0)
    subtitle = g_strdup (_("Nothing open"));
  else
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u open", "%u open", n), n);
  if (self->quiet != NULL)
    {
      /* Translators: the window's subtitle: "3 open · Quiet hours until 08:00" */
      g_autofree char *with = g_strdup_printf (_("%s · %s"), subtitle, self->quiet);
      g_free (subtitle);
      subtitle = g_steal_pointer (&with);
    }
  hdy_view_switcher_title_set_subtitle (self->switcher_title, subtitle);
}

/* "just now" becomes "1 minute ago": every row, at each minute's turn. */
static gboolean
on_minute (gpointer user_data)
{
  DsWindow *self = user_data;

  ds_items_page_refresh_times (self->inbox_page);
  ds_items_page_refresh_times (self->history_page);
  /* Again at the start of the next minute, whatever the main loop's drift. */
  self->minute_timer = g_timeout_add_seconds (60 - (guint)(g_get_real_time () / G_USEC_PER_SEC
                                                           % 60), on_minute, self);
  return G_SOURCE_REMOVE;
}

/* The search bar of the page shown follows the search button (Ctrl+F). */
static void
on_search_toggled (DsWindow *self)
{
  GtkWidget *page = gtk_stack_get_visible_child (self->pages);

  if (DS_IS_ITEMS_PAGE (page))
    gtk_search_bar_set_search_mode (ds_items_page_get_search_bar (DS_ITEMS_PAGE (page)),
                                    gtk_toggle_button_get_active (self->search_button));
}

static void
on_page_changed (DsWindow *self)
{
  GtkWidget *page = gtk_stack_get_visible_child (self->pages);
  gboolean searchable = DS_IS_ITEMS_PAGE (page);

  /* Another page chosen: the first-run page is left (and goes, unless the
   * window has nothing else to show). */
  if (page != NULL && page != gtk_stack_get_child_by_name (self->pages, "setup") &&
      (self->setup_asked || !self->setup_left))
    {
      self->setup_asked = FALSE;
      self->setup_left = TRUE;
      update_page (self);
    }

  gtk_widget_set_sensitive (GTK_WIDGET (self->search_button), searchable);
  gtk_toggle_button_set_active (self->search_button,
                                searchable &&
                                gtk_search_bar_get_search_mode (
                                  ds_items_page_get_search_bar (DS_ITEMS_PAGE (page))));
}

static void
find_activated (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  DsWindow *self = user_data;

  if (!DS_IS_ITEMS_PAGE (gtk_stack_get_visible_child (self->pages)))
    gtk_stack_set_visible_child (self->pages, GTK_WIDGET (self->inbox_page));
  gtk_toggle_button_set_active (self->search_button, TRUE);
  on_search_toggled (self);
}

static void
page_activated (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  DsWindow *self = user_data;

  gtk_stack_set_visible_child_name (self->pages, g_variant_get_string (param, NULL));
}

static void
close_activated (GSimpleAction *action,
                 GVariant      *param,
                 gpointer       user_data)
{
  gtk_widget_hide (GTK_WIDGET (user_data));
}

static const GActionEntry win_actions[] = {
  { "find", find_activated },
  { "close", close_activated },
  { "page", page_activated, "s" },
};

/* A copy of the example that comes with Dayshift, opened in the user's
 * editor: a team starts its profile from it. */
static void
on_open_example (DsWindow *self)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "dayshift", NULL);
  g_autofree char *path = g_build_filename (dir, "team-profile.example.json", NULL);
  g_autofree char *uri = NULL;
  g_autofree char *said = NULL;

  bytes = g_resources_lookup_data (RESOURCE_PREFIX "/team-profile.example.json",
                                   G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (bytes != NULL && g_mkdir_with_parents (dir, 0700) != 0)
    g_set_error (&error, G_FILE_ERROR, g_file_error_from_errno (errno), "%s",
                 g_strerror (errno));
  if (error == NULL)
    (void)g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                               &error);
  if (error != NULL)
    {
      /* Translators: "… written to <path>: <why>" */
      said = g_strdup_printf (_("The example could not be written to %s: %s"), path,
                              error->message);
      ds_profile_chooser_set_status (self->chooser, said, TRUE);
      return;
    }
  uri = g_filename_to_uri (path, NULL, NULL);
  if (uri != NULL && gtk_show_uri_on_window (GTK_WINDOW (self), uri, GDK_CURRENT_TIME, &error))
    /* Translators: %s is a file's path */
    said = g_strdup_printf (_("The example is open, and kept in %s. Save your team's copy "
                              "elsewhere, fill it in, and choose it here."), path);
  else
    said = g_strdup_printf (_("The example is in %s (no application here opens it). Copy it, "
                              "fill it in, and choose your copy here."), path);
  ds_profile_chooser_set_status (self->chooser, said, FALSE);
}

static void
on_demo_clicked (DsWindow *self)
{
  GApplication *app = g_application_get_default ();

  /* In the demo: back to it. Otherwise: the demo, in place of the team. */
  if (self->demo)
    {
      self->setup_asked = FALSE;
      update_page (self);
    }
  else if (app != NULL)
    g_action_group_activate_action (G_ACTION_GROUP (app), "use-profile",
                                    g_variant_new_string (""));
}

/**
 * ds_window_set_setup:
 * @demo: the demo workspace runs
 * @needed: no team profile is in force: the first-run page takes the window
 * @location: (nullable): the profile's location as set
 * @error: (nullable): why it is not in force
 */
void
ds_window_set_setup (DsWindow   *self,
                     gboolean    demo,
                     gboolean    needed,
                     const char *location,
                     const char *error)
{
  g_return_if_fail (DS_IS_WINDOW (self));

  if (demo != self->demo || (!needed && self->setup_needed))
    self->setup_asked = FALSE;
  if (needed && !self->setup_needed)
    self->setup_left = FALSE;
  self->demo = demo;
  self->setup_needed = needed;
  gtk_button_set_label (self->demo_button, demo ? _("Back to the _Demo") : _("Try the _Demo"));
  gtk_widget_set_visible (self->check_button, !demo && !needed);
  ds_profile_chooser_set_location (self->chooser, location);
  if (error != NULL)
    ds_profile_chooser_set_status (self->chooser, error, TRUE);
  update_page (self);
}

/* The first-run page, asked for (from the demo's notice). */
void
ds_window_show_setup (DsWindow *self)
{
  g_return_if_fail (DS_IS_WINDOW (self));

  self->setup_asked = TRUE;
  self->setup_left = FALSE;
  update_page (self);
}

static void
on_notice_clicked (GtkButton *button,
                   DsWindow  *self)
{
  const char *action = self->notice_action;
  GApplication *app = g_application_get_default ();

  if (action != NULL && app != NULL)
    g_action_group_activate_action (G_ACTION_GROUP (app), action, NULL);
}

/**
 * ds_window_set_notice:
 * @text: (nullable): what the user should know about the workspace (the
 *   demo, tokens to save), or %NULL for none
 * @button: (nullable): the label of a button that does something about it
 * @action: (nullable): the application action the button activates
 */
void
ds_window_set_notice (DsWindow   *self,
                      const char *text,
                      const char *button,
                      const char *action)
{
  g_return_if_fail (DS_IS_WINDOW (self));

  gtk_widget_set_visible (GTK_WIDGET (self->notice), text != NULL);
  if (text == NULL)
    return;
  if (g_strcmp0 (gtk_label_get_text (self->notice_label), text) != 0)
    gtk_label_set_text (self->notice_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->notice_button), button != NULL);
  if (button != NULL)
    gtk_button_set_label (self->notice_button, button);
  g_free (self->notice_action);
  self->notice_action = g_strdup (action);
}

static void
ds_window_dispose (GObject *object)
{
  DsWindow *self = (DsWindow *)object;

  g_clear_handle_id (&self->minute_timer, g_source_remove);
  g_clear_pointer (&self->notice_action, g_free);
  g_clear_object (&self->open_items);
  g_clear_pointer (&self->quiet, g_free);

  G_OBJECT_CLASS (ds_window_parent_class)->dispose (object);
}

static void
ds_window_finalize (GObject *object)
{
  DsWindow *self = (DsWindow *)object;

  /* After dispose: its banners, destroyed there, leave the table as they go. */
  g_clear_pointer (&self->banner_of, g_hash_table_unref);

  G_OBJECT_CLASS (ds_window_parent_class)->finalize (object);
}

static void
ds_window_class_init (DsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ds_window_dispose;
  object_class->finalize = ds_window_finalize;

  g_type_ensure (HDY_TYPE_VIEW_SWITCHER_TITLE);
  g_type_ensure (HDY_TYPE_VIEW_SWITCHER_BAR);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/ds-window.ui");
  gtk_widget_class_bind_template_child (widget_class, DsWindow, header);
  gtk_widget_class_bind_template_child (widget_class, DsWindow, notice);
  gtk_widget_class_bind_template_child (widget_class, DsWindow, notice_label);
  gtk_widget_class_bind_template_child (widget_class, DsWindow, notice_button);
  gtk_widget_class_bind_template_child (widget_class, DsWindow, setup_box);
  gtk_widget_class_bind_template_child (widget_class, DsWindow, demo_button);
  gtk_widget_class_bind_template_child (widget_class, DsWindow, check_button);
  gtk_widget_class_bind_template_child (widget_class, DsWindow, sign_in_button);
  gtk_widget_class_bind_template_callback (widget_class, on_open_example);
  gtk_widget_class_bind_template_callback (widget_class, on_demo_clicked);
  gtk_widget_class_bind_template_child (widget_class, DsWindow, banners);
  gtk_widget_class_bind_template_child (widget_class, DsWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, DsWindow, pages);
  gtk_widget_class_bind_template_child (widget_class, DsWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, DsWindow, search_button);
}

static void
ds_window_init (DsWindow *self)
{
  self->banner_of = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gtk_widget_init_template (GTK_WIDGET (self));
  self->chooser = DS_PROFILE_CHOOSER (ds_profile_chooser_new ());
  gtk_widget_set_halign (GTK_WIDGET (self->chooser), GTK_ALIGN_FILL);
  gtk_box_pack_start (self->setup_box, GTK_WIDGET (self->chooser), FALSE, FALSE, 0);
  gtk_box_reorder_child (self->setup_box, GTK_WIDGET (self->chooser), 3);
  gtk_widget_show (GTK_WIDGET (self->chooser));
  g_signal_connect (self->notice_button, "clicked", G_CALLBACK (on_notice_clicked), self);
  g_action_map_add_action_entries (G_ACTION_MAP (self), win_actions, G_N_ELEMENTS (win_actions),
                                   self);
  g_signal_connect_swapped (self->search_button, "toggled", G_CALLBACK (on_search_toggled), self);
  g_signal_connect_swapped (self->pages, "notify::visible-child", G_CALLBACK (on_page_changed),
                            self);
  /* Tray app: closing the window hides it. */
  g_signal_connect (self, "delete-event", G_CALLBACK (gtk_widget_hide_on_delete), NULL);
}

/* The shortcuts window of gtk/help-overlay.ui, with the quick actions' keys
 * and labels from their table, so that it says what the keys do. */
static void
set_help_overlay (DsWindow *self)
{
  g_autoptr(GtkBuilder) builder =
    gtk_builder_new_from_resource (RESOURCE_PREFIX "/gtk/help-overlay.ui");
  GtkShortcutsWindow *overlay = GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder,
                                                                              "help_overlay"));
  GtkContainer *group = GTK_CONTAINER (gtk_builder_get_object (builder, "item_shortcuts"));
  GtkShortcutsWindow *old;

  for (DsQuickActionId q = 0; q < DS_N_QUICK_ACTIONS; q++)
    {
      const DsQuickAction *a = ds_quick_action (q);
      g_autofree char *title = NULL;

      if (a->key == NULL)
        continue;
      title = ds_quick_action_label (a, FALSE);
      gtk_container_add (group, g_object_new (GTK_TYPE_SHORTCUTS_SHORTCUT, "visible", TRUE,
                                              "accelerator", a->key, "title", title, NULL));
    }
  /* GtkApplication made one from the same file: this one takes its place. */
  old = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (self));
  if (old != NULL)
    g_object_ref (old);
  gtk_application_window_set_help_overlay (GTK_APPLICATION_WINDOW (self), overlay);
  if (old != NULL)
    {
      gtk_widget_destroy (GTK_WIDGET (old));
      g_object_unref (old);
    }
}

DsWindow *
ds_window_new (GtkApplication *app,
               DsInbox        *inbox)
{
  DsWindow *self;

  g_return_val_if_fail (GTK_IS_APPLICATION (app), NULL);
  g_return_val_if_fail (DS_IS_INBOX (inbox), NULL);

  self = g_object_new (DS_TYPE_WINDOW, "application", app, NULL);
  set_help_overlay (self);
  /* Signing in with GitHub is offered while the application can: the
   * profile in force names the team's OAuth app. */
  {
    GAction *sign_in = g_action_map_lookup_action (G_ACTION_MAP (app), "github-sign-in");

    if (sign_in != NULL)
      g_object_bind_property (sign_in, "enabled", self->sign_in_button, "visible",
                              G_BINDING_SYNC_CREATE);
  }
  self->open_items = ds_inbox_filter_new (inbox, DS_OPEN_STATES, DS_ALL_KINDS);
  g_signal_connect_object (self->open_items, "items-changed", G_CALLBACK (update_page), self,
                           G_CONNECT_SWAPPED);
  self->inbox_page = DS_ITEMS_PAGE (ds_items_page_new (inbox, FALSE));
  self->history_page = DS_ITEMS_PAGE (ds_items_page_new (inbox, TRUE));
  gtk_stack_add_titled (self->pages, GTK_WIDGET (self->inbox_page), "inbox", _("Inbox"));
  gtk_container_child_set (GTK_CONTAINER (self->pages), GTK_WIDGET (self->inbox_page),
                           "icon-name", BASE_APP_ID "-symbolic", NULL);
  gtk_stack_add_titled (self->pages, ds_standup_page_new (inbox), "standup", _("Standup"));
  gtk_container_child_set (GTK_CONTAINER (self->pages),
                           gtk_stack_get_child_by_name (self->pages, "standup"),
                           "icon-name", "view-list-symbolic", NULL);
  self->rotation_page = DS_ROTATION_PAGE (ds_rotation_page_new ());
  gtk_stack_add_titled (self->pages, GTK_WIDGET (self->rotation_page), "rotation",
                        _("Rotation"));
  gtk_container_child_set (GTK_CONTAINER (self->pages), GTK_WIDGET (self->rotation_page),
                           "icon-name", "x-office-calendar-symbolic", NULL);
  gtk_stack_add_titled (self->pages, GTK_WIDGET (self->history_page), "history", _("History"));
  gtk_container_child_set (GTK_CONTAINER (self->pages), GTK_WIDGET (self->history_page),
                           "icon-name", "document-open-recent-symbolic", NULL);
  {
    GtkWidget *setup = g_object_ref (gtk_stack_get_child_by_name (self->stack, "setup"));

    gtk_container_remove (GTK_CONTAINER (self->stack), setup);
    gtk_stack_add_titled (self->pages, setup, "setup", _("Set Up"));
    gtk_container_child_set (GTK_CONTAINER (self->pages), setup,
                             "icon-name", "preferences-system-symbolic", NULL);
    g_object_unref (setup);
  }
  update_page (self);
  self->minute_timer = g_timeout_add_seconds (60 - (guint)(g_get_real_time () / G_USEC_PER_SEC
                                                           % 60), on_minute, self);
  return self;
}

/**
 * ds_window_set_quiet:
 * @text: (nullable): e.g. "Quiet hours until 08:00", or %NULL outside them
 */
void
ds_window_set_quiet (DsWindow   *self,
                     const char *text)
{
  g_return_if_fail (DS_IS_WINDOW (self));

  if (g_strcmp0 (text, self->quiet) == 0)
    return;
  g_free (self->quiet);
  self->quiet = g_strdup (text);
  update_page (self);
}

#define MAX_BANNERS 4

static void
on_banner_destroyed (GtkWidget *bar,
                     DsWindow  *self)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->banner_of);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (value == bar)
      g_hash_table_iter_remove (&iter);
}

static GtkWidget *
banner_new (DsWindow *self)
{
  GtkWidget *bar = gtk_info_bar_new ();
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *words = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *close = gtk_button_new_from_icon_name ("window-close-symbolic",
                                                    GTK_ICON_SIZE_BUTTON);

  for (guint i = 0; i < 2; i++)
    {
      GtkWidget *label = gtk_label_new (NULL);

      gtk_label_set_line_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_selectable (GTK_LABEL (label), i == 1);
      gtk_widget_set_hexpand (label, TRUE);
      /* Wrapped within the window's width, never widening it. */
      gtk_label_set_width_chars (GTK_LABEL (label), 30);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
      if (i == 0)
        gtk_style_context_add_class (gtk_widget_get_style_context (label), "heading");
      gtk_container_add (GTK_CONTAINER (words), label);
    }
  gtk_widget_set_tooltip_text (close, _("Close this message"));
  atk_object_set_name (gtk_widget_get_accessible (close), _("Close this message"));
  gtk_button_set_relief (GTK_BUTTON (close), GTK_RELIEF_NONE);
  gtk_widget_set_valign (close, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (close, "clicked", G_CALLBACK (gtk_widget_destroy), bar);
  gtk_container_add (GTK_CONTAINER (line), words);
  gtk_container_add (GTK_CONTAINER (line), close);
  gtk_container_add (GTK_CONTAINER (gtk_info_bar_get_content_area (GTK_INFO_BAR (bar))), line);
  g_signal_connect (bar, "destroy", G_CALLBACK (on_banner_destroyed), self);
  return bar;
}

/* The banner's title and message labels. */
static GList *
banner_labels (GtkWidget *bar)
{
  GtkWidget *area = gtk_info_bar_get_content_area (GTK_INFO_BAR (bar));
  g_autoptr(GList) lines = gtk_container_get_children (GTK_CONTAINER (area));
  g_autoptr(GList) parts = gtk_container_get_children (GTK_CONTAINER (lines->data));

  return gtk_container_get_children (GTK_CONTAINER (parts->data));
}

/**
 * ds_window_show_banner:
 * @key: what the banner is about: a second one about the same replaces it
 * @title: (nullable): what happened, in a few words
 * @message: what the user should know, and do
 * @type: %GTK_MESSAGE_INFO for news, %GTK_MESSAGE_WARNING for trouble
 *
 * Shows a banner above the list, newest first, one per @key (the oldest
 * goes past four). Each has its own title and close button, and the window
 * keeps its width however long they are.
 */
void
ds_window_show_banner (DsWindow       *self,
                       const char     *key,
                       const char     *title,
                       const char     *message,
                       GtkMessageType  type)
{
  GtkWidget *bar;
  g_autoptr(GList) labels = NULL;

  g_return_if_fail (DS_IS_WINDOW (self));
  g_return_if_fail (key != NULL && message != NULL);

  bar = g_hash_table_lookup (self->banner_of, key);
  if (bar == NULL)
    {
      g_autoptr(GList) shown = gtk_container_get_children (GTK_CONTAINER (self->banners));
      guint n = 0;

      for (GList *l = shown; l != NULL; l = l->next)
        if (++n >= MAX_BANNERS)
          gtk_widget_destroy (l->data);
      bar = banner_new (self);
      g_hash_table_insert (self->banner_of, g_strdup (key), bar);
      gtk_box_pack_start (self->banners, bar, FALSE, FALSE, 0);
    }
  gtk_box_reorder_child (self->banners, bar, 0);
  gtk_info_bar_set_message_type (GTK_INFO_BAR (bar), type);
  labels = banner_labels (bar);
  gtk_label_set_text (labels->data, title != NULL ? title : "");
  gtk_widget_set_visible (labels->data, title != NULL && *title != '\0');
  gtk_label_set_text (labels->next->data, message);
  gtk_widget_show (bar);
  gtk_widget_show_all (gtk_info_bar_get_content_area (GTK_INFO_BAR (bar)));
  gtk_widget_set_visible (labels->data, title != NULL && *title != '\0');
}

/* The banner about @key goes, if there is one: what caused it has gone. */
void
ds_window_remove_banner (DsWindow   *self,
                         const char *key)
{
  GtkWidget *bar;

  g_return_if_fail (DS_IS_WINDOW (self));

  bar = g_hash_table_lookup (self->banner_of, key);
  if (bar != NULL)
    gtk_widget_destroy (bar);
}

/* Every banner goes: another workspace runs, and they were about the old. */
void
ds_window_clear_banners (DsWindow *self)
{
  g_autoptr(GList) shown = NULL;

  g_return_if_fail (DS_IS_WINDOW (self));

  shown = gtk_container_get_children (GTK_CONTAINER (self->banners));
  for (GList *l = shown; l != NULL; l = l->next)
    gtk_widget_destroy (l->data);
}

/* What is not read, and why (or NULL): the inbox says so when empty. */
void
ds_window_set_unread (DsWindow   *self,
                      const char *text)
{
  g_return_if_fail (DS_IS_WINDOW (self));
  ds_items_page_set_unread (self->inbox_page, text);
}

/* Where item histories and writes are read: the workspace's database. */
void
ds_window_set_store (DsWindow *self,
                     DsStore  *store)
{
  g_return_if_fail (DS_IS_WINDOW (self));

  ds_items_page_set_store (self->inbox_page, store);
  ds_items_page_set_store (self->history_page, store);
  ds_rotation_page_set_store (self->rotation_page, store);
}

/**
 * ds_window_set_response_clock:
 * @clock: (nullable): the team profile's, or %NULL when it sets no targets
 *
 * The rows and the pane say how long each request has waited of its
 * target, by this clock; it moves on at the minute's turn. The Rotation
 * page counts the first responses by it.
 */
void
ds_window_set_response_clock (DsWindow        *self,
                              DsResponseClock *clock)
{
  g_return_if_fail (DS_IS_WINDOW (self));

  ds_items_page_set_response_clock (self->inbox_page, clock);
  ds_items_page_set_response_clock (self->history_page, clock);
  ds_rotation_page_set_response_clock (self->rotation_page, clock);
}

/* The handoff in (or %NULL), for the Rotation page. */
void
ds_window_set_handoff_in (DsWindow        *self,
                          const DsHandoff *handoff,
                          DsInbox         *inbox)
{
  g_return_if_fail (DS_IS_WINDOW (self));
  ds_rotation_page_set_handoff_in (self->rotation_page, handoff, inbox);
}

/* The shift and the support timer, for the Rotation page. */
void
ds_window_set_rotation_status (DsWindow   *self,
                               const char *rotation,
                               const char *timer,
                               gboolean    on_rotation)
{
  g_return_if_fail (DS_IS_WINDOW (self));
  ds_rotation_page_set_status (self->rotation_page, rotation, timer, on_rotation);
}

/* Searches the inbox as if @text were typed. */
void
ds_window_set_search (DsWindow   *self,
                      const char *text)
{
  g_return_if_fail (DS_IS_WINDOW (self));

  gtk_stack_set_visible_child (self->pages, GTK_WIDGET (self->inbox_page));
  ds_items_page_set_search (self->inbox_page, text);
}

guint
ds_window_get_n_listed (DsWindow *self)
{
  g_return_val_if_fail (DS_IS_WINDOW (self), 0);
  return ds_items_page_get_n_items (self->inbox_page);
}

/* The inbox, as the user left it (a search stays). */
void
ds_window_show_inbox (DsWindow *self)
{
  g_return_if_fail (DS_IS_WINDOW (self));

  self->setup_asked = FALSE;
  update_page (self);
  gtk_stack_set_visible_child (self->pages, GTK_WIDGET (self->inbox_page));
}

/* The Rotation page: the shift, the handoff in, the charts. */
void
ds_window_show_rotation (DsWindow *self)
{
  g_return_if_fail (DS_IS_WINDOW (self));

  self->setup_asked = FALSE;
  update_page (self);
  gtk_stack_set_visible_child (self->pages, GTK_WIDGET (self->rotation_page));
}

/**
 * ds_window_show_item:
 *
 * Shows @item, selected and read whole: in the Inbox while it is open,
 * else in History.
 */
void
ds_window_show_item (DsWindow *self,
                     DsItem   *item)
{
  DsItemsPage *page;

  g_return_if_fail (DS_IS_WINDOW (self));
  g_return_if_fail (DS_IS_ITEM (item));

  page = DS_STATE_BIT (ds_item_get_state (item)) & DS_OPEN_STATES
    ? self->inbox_page : self->history_page;
  self->setup_asked = FALSE;
  update_page (self);
  gtk_stack_set_visible_child (self->pages, GTK_WIDGET (page));
  if (!ds_items_page_show_item (page, item) && page == self->inbox_page)
    {
      gtk_stack_set_visible_child (self->pages, GTK_WIDGET (self->history_page));
      ds_items_page_show_item (self->history_page, item);
    }
}
