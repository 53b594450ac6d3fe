/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-window"

#include "config.h"

#include <glib/gi18n.h>

#include <errno.h>

#include "ds-inbox-filter.h"
#include "ds-profile-chooser.h"
#include "ds-slice-model.h"
#include "ds-window.h"

/* The main window: the open items of the inbox, newest first. Closing it
 * only hides it; Dayshift lives on in the tray. */
struct _DsWindow
{
  GtkApplicationWindow  parent_instance;

  DsInboxFilter        *open_items;
  DsSliceModel         *shown;         /* the rows built: the first of open_items */
  guint                 minute_timer;  /* refreshes "5 minutes ago" */
  char                 *quiet;         /* "Quiet hours until 08:00", or NULL */

  gboolean              demo;          /* the demo workspace runs */
  gboolean              setup_needed;  /* no team profile in force, and no demo */
  gboolean              setup_asked;   /* the user asked for the first-run page */

  GtkHeaderBar         *header;
  GtkInfoBar           *notice;   /* the demo, or tokens to save: one at a time */
  GtkLabel             *notice_label;
  GtkButton            *notice_button;
  GtkBox               *banners;  /* GtkInfoBar, newest first */
  GtkBox               *setup_box;
  GtkButton            *demo_button;
  DsProfileChooser     *chooser;
  GtkWidget            *row_menu;  /* the popover of the last row menu opened */
  GtkStack             *stack;
  GtkListBox           *list;
};

G_DEFINE_FINAL_TYPE (DsWindow, ds_window, GTK_TYPE_APPLICATION_WINDOW)

#define ROWS_AT_ONCE 50

static char *
format_age (gint64 created)
{
  gint64 age = g_get_real_time () / G_USEC_PER_SEC - created;

  if (age < 60)
    return g_strdup (_("just now"));
  if (age < 3600)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d minute ago", "%d minutes ago",
                                         (int)(age / 60)), (int)(age / 60));
  if (age < 86400)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d hour ago", "%d hours ago",
                                         (int)(age / 3600)), (int)(age / 3600));
  if (age < 7 * 86400)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day ago", "%d days ago",
                                         (int)(age / 86400)), (int)(age / 86400));
  {
    g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (created);
    /* Translators: a date, see g_date_time_format() */
    return g_date_time_format (when, _("%e %b %Y"));
  }
}

/* The same quick actions as the notification and the tray, for one item. */
static GMenuModel *
item_menu (DsItem *item)
{
  GMenu *menu = g_menu_new ();
  GMenu *first = g_menu_new ();
  GMenu *later = g_menu_new ();
  const char *id = ds_item_get_id (item);
  static const struct { const char *label; const char *action; gboolean later; } entries[] = {
    { N_("Open"), "app.open-item", FALSE },
    { N_("Acknowledge"), "app.acknowledge", FALSE },
    { N_("Delegate…"), "app.delegate", FALSE },
    { N_("File issue"), "app.file-issue", FALSE },
    { N_("Defer to standup"), "app.defer", TRUE },
    { N_("Snooze for 1 hour"), "app.snooze", TRUE },
    { N_("Dismiss (not a request)"), "app.dismiss", TRUE },
    { N_("Start support timer"), "app.timer-start", TRUE },
    { N_("Copy item id (for scripts)"), "app.copy-item-id", TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    {
      g_autoptr(GMenuItem) entry = g_menu_item_new (_(entries[i].label), NULL);

      g_menu_item_set_action_and_target_value (entry, entries[i].action,
                                               g_variant_new_string (id));
      g_menu_append_item (entries[i].later ? later : first, entry);
    }
  g_menu_append_section (menu, NULL, G_MENU_MODEL (first));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (later));
  g_object_unref (first);
  g_object_unref (later);
  return G_MENU_MODEL (menu);
}

/* "<who> in <where> · <when> · <state>" */
static char *
format_meta (DsItem *item)
{
  g_autofree char *age = format_age (ds_item_get_created (item));
  const char *who = ds_item_get_requester (item) != NULL
    ? ds_item_get_requester (item)
    : ds_item_source_label (ds_item_get_source (item));
  g_autofree char *where = ds_item_get_channel (item) != NULL
    /* Translators: "<who> in <channel>", e.g. "Lee Park in #sre" */
    ? g_strdup_printf (_("%s in %s"), who, ds_item_get_channel (item))
    : g_strdup (who);
  g_autofree char *status = ds_item_get_claimed_by (item) != NULL
    /* Translators: a teammate took the request, e.g. "taken by Bogdan" */
    ? g_strdup_printf (_("taken by %s"), ds_item_get_claimed_by (item))
    : ds_item_get_state (item) == DS_ITEM_STATE_DELEGATED &&
      ds_item_get_delegated_to (item) != NULL
    /* Translators: e.g. "delegated to Sam Ortega" */
    ? g_strdup_printf (_("delegated to %s"), ds_item_get_delegated_to (item))
    : g_strdup (ds_item_state_label (ds_item_get_state (item)));

  /* Translators: "<who and where> · <when> · <state>" */
  return g_strdup_printf (_("%s · %s · %s"), where, age, status);
}

static void
update_meta (DsItem     *item,
             GParamSpec *pspec,
             GtkLabel   *meta)
{
  g_autofree char *text = format_meta (item);
  gtk_label_set_text (meta, text);
}

/* One popover for every row's menu, made for the row whose button was
 * pressed. */
static void
on_row_menu (GtkButton *button,
             DsWindow  *self)
{
  DsItem *item = g_object_get_data (G_OBJECT (button), "ds-item");
  g_autoptr(GMenuModel) menu = NULL;

  if (item == NULL)
    return;
  menu = item_menu (item);
  if (self->row_menu != NULL)
    gtk_widget_destroy (self->row_menu);
  self->row_menu = gtk_popover_new_from_model (GTK_WIDGET (button), menu);
  g_object_add_weak_pointer (G_OBJECT (self->row_menu), (gpointer *)&self->row_menu);
  gtk_popover_popup (GTK_POPOVER (self->row_menu));
}

static GtkWidget *
create_row (gpointer item_ptr,
            gpointer user_data)
{
  DsItem *item = item_ptr;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *kind = gtk_label_new (NULL);
  GtkWidget *title = gtk_label_new (ds_item_get_title (item));
  GtkWidget *meta = gtk_label_new (NULL);
  g_autofree char *kind_text = NULL;
  g_autofree char *meta_text = NULL;

  if (ds_item_get_emergency (item))
    kind_text = g_strdup_printf ("%s · %s", _("Emergency"),
                                 ds_item_kind_label (ds_item_get_kind (item)));
  else
    kind_text = g_strdup (ds_item_kind_label (ds_item_get_kind (item)));
  gtk_label_set_text (GTK_LABEL (kind), kind_text);
  gtk_style_context_add_class (gtk_widget_get_style_context (kind), "dim-label");
  gtk_label_set_xalign (GTK_LABEL (kind), 0);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  {
    PangoAttrList *attrs = pango_attr_list_new ();
    pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
    gtk_label_set_attributes (GTK_LABEL (title), attrs);
    pango_attr_list_unref (attrs);
  }

  meta_text = format_meta (item);
  gtk_label_set_text (GTK_LABEL (meta), meta_text);
  /* For the minute's refresh of "5 minutes ago". */
  g_object_set_data_full (G_OBJECT (row), "ds-item", g_object_ref (item), g_object_unref);
  g_object_set_data (G_OBJECT (row), "ds-meta", meta);
  /* Acknowledged, delegated, taken by a teammate meanwhile: the line follows. */
  g_signal_connect_object (item, "notify::state", G_CALLBACK (update_meta), meta, 0);
  g_signal_connect_object (item, "notify::claimed-by", G_CALLBACK (update_meta), meta, 0);
  gtk_label_set_xalign (GTK_LABEL (meta), 0);
  gtk_style_context_add_class (gtk_widget_get_style_context (meta), "dim-label");

  gtk_container_add (GTK_CONTAINER (box), kind);
  gtk_container_add (GTK_CONTAINER (box), title);
  gtk_container_add (GTK_CONTAINER (box), meta);
  if (ds_item_get_problem (item) != NULL)
    {
      /* A write that failed for good: say it where the item is. */
      GtkWidget *problem = gtk_label_new (ds_item_get_problem (item));

      gtk_label_set_xalign (GTK_LABEL (problem), 0);
      gtk_label_set_line_wrap (GTK_LABEL (problem), TRUE);
      gtk_style_context_add_class (gtk_widget_get_style_context (problem), "error");
      gtk_container_add (GTK_CONTAINER (box), problem);
    }
  gtk_widget_set_hexpand (box, TRUE);

  {
    GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
    GtkWidget *button = gtk_button_new_from_icon_name ("view-more-symbolic",
                                                       GTK_ICON_SIZE_BUTTON);
    g_autofree char *name = g_strdup_printf (_("Actions for “%s”"), ds_item_get_title (item));

    /* The menu is made when it is opened: a row costs its labels only. */
    g_signal_connect (button, "clicked", G_CALLBACK (on_row_menu), user_data);
    gtk_widget_set_tooltip_text (button, _("Actions"));
    atk_object_set_name (gtk_widget_get_accessible (button), name);
    gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
    gtk_button_set_relief (GTK_BUTTON (button), GTK_RELIEF_NONE);
    g_object_set_data (G_OBJECT (button), "ds-item", item);
    gtk_container_add (GTK_CONTAINER (line), box);
    gtk_container_add (GTK_CONTAINER (line), button);
    g_object_set (line, "margin", 10, NULL);
    gtk_container_add (GTK_CONTAINER (row), line);
  }
  gtk_widget_show_all (row);
  return row;
}

static void
update_page (DsWindow *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->open_items));
  g_autofree char *subtitle = NULL;

  if (self->setup_needed || self->setup_asked)
    gtk_stack_set_visible_child_name (self->stack, "setup");
  else
    gtk_stack_set_visible_child_name (self->stack, n > 0 ? "list" : "empty");
  if (n == 0)
    subtitle = g_strdup (_("Inbox"));
  else
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Inbox · %u open",
                                             "Inbox · %u open", n), n);
  if (self->quiet != NULL)
    {
      /* Translators: the window's subtitle: "Inbox · 3 open · Quiet hours until 08:00" */
      g_autofree char *with = g_strdup_printf (_("%s · %s"), subtitle, self->quiet);
      g_free (subtitle);
      subtitle = g_steal_pointer (&with);
    }
  gtk_header_bar_set_subtitle (self->header, subtitle);
}

/* "just now" becomes "1 minute ago": every row, at each minute's turn. */
static gboolean
on_minute (gpointer user_data)
{
  DsWindow *self = user_data;
  g_autoptr(GList) rows = gtk_container_get_children (GTK_CONTAINER (self->list));

  for (GList *l = rows; l != NULL; l = l->next)
    {
      DsItem *item = g_object_get_data (l->data, "ds-item");
      GtkLabel *meta = g_object_get_data (l->data, "ds-meta");

      if (item != NULL && meta != NULL)
        update_meta (item, NULL, meta);
    }
  /* Again at the start of the next minute, whatever the main loop's drift. */
  self->minute_timer = g_timeout_add_seconds (60 - (guint)(g_get_real_time () / G_USEC_PER_SEC
                                                           % 60), on_minute, self);
  return G_SOURCE_REMOVE;
}

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
  self->demo = demo;
  self->setup_needed = needed;
  gtk_button_set_label (self->demo_button, demo ? _("Back to the _Demo") : _("Try the _Demo"));
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
  update_page (self);
}

static void
on_notice_clicked (GtkButton *button,
                   DsWindow  *self)
{
  const char *action = g_object_get_data (G_OBJECT (button), "ds-action");
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
  g_object_set_data_full (G_OBJECT (self->notice_button), "ds-action", g_strdup (action), g_free);
}

/* Scrolled to the end of the rows built: the next ones. */
static void
on_edge_reached (DsWindow        *self,
                 GtkPositionType  pos)
{
  if (pos == GTK_POS_BOTTOM && ds_slice_model_get_hidden (self->shown) > 0)
    ds_slice_model_set_limit (self->shown, ds_slice_model_get_limit (self->shown) + ROWS_AT_ONCE);
}

static void
ds_window_dispose (GObject *object)
{
  DsWindow *self = (DsWindow *)object;

  g_clear_handle_id (&self->minute_timer, g_source_remove);
  g_clear_object (&self->shown);
  g_clear_object (&self->open_items);
  g_clear_pointer (&self->quiet, g_free);

  G_OBJECT_CLASS (ds_window_parent_class)->dispose (object);
}

static void
ds_window_class_init (DsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ds_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/ds-window.ui");
  gtk_widget_class_bind_template_child (widget_class, DsWindow, header);
  gtk_widget_class_bind_template_child (widget_class, DsWindow, notice);
  gtk_widget_class_bind_template_child (widget_class, DsWindow, notice_label);
  gtk_widget_class_bind_template_child (widget_class, DsWindow, notice_button);
  gtk_widget_class_bind_template_child (widget_class, DsWindow, setup_box);
  gtk_widget_class_bind_template_child (widget_class, DsWindow, demo_button);
  gtk_widget_class_bind_template_callback (widget_class, on_open_example);
  gtk_widget_class_bind_template_callback (widget_class, on_edge_reached);
  gtk_widget_class_bind_template_callback (widget_class, on_demo_clicked);
  gtk_widget_class_bind_template_child (widget_class, DsWindow, banners);
  gtk_widget_class_bind_template_child (widget_class, DsWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, DsWindow, list);
}

static void
ds_window_init (DsWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->chooser = DS_PROFILE_CHOOSER (ds_profile_chooser_new ());
  gtk_widget_set_halign (GTK_WIDGET (self->chooser), GTK_ALIGN_FILL);
  gtk_box_pack_start (self->setup_box, GTK_WIDGET (self->chooser), FALSE, FALSE, 0);
  gtk_box_reorder_child (self->setup_box, GTK_WIDGET (self->chooser), 3);
  gtk_widget_show (GTK_WIDGET (self->chooser));
  g_signal_connect (self->notice_button, "clicked", G_CALLBACK (on_notice_clicked), self);
  /* Tray app: closing the window hides it. */
  g_signal_connect (self, "delete-event", G_CALLBACK (gtk_widget_hide_on_delete), NULL);
}

DsWindow *
ds_window_new (GtkApplication *app,
               DsInbox        *inbox)
{
  DsWindow *self;

  g_return_val_if_fail (GTK_IS_APPLICATION (app), NULL);
  g_return_val_if_fail (DS_IS_INBOX (inbox), NULL);

  self = g_object_new (DS_TYPE_WINDOW, "application", app, NULL);
  self->open_items = ds_inbox_filter_new (inbox, DS_OPEN_STATES, DS_ALL_KINDS);
  /* Rows for the first items only, more as the user scrolls down: the window
   * opens as fast on 10,000 open items as on 100. */
  self->shown = ds_slice_model_new (G_LIST_MODEL (self->open_items), ROWS_AT_ONCE);
  gtk_list_box_bind_model (self->list, G_LIST_MODEL (self->shown), create_row, self, NULL);
  g_signal_connect_object (self->open_items, "items-changed", G_CALLBACK (update_page), self,
                           G_CONNECT_SWAPPED);
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

/**
 * ds_window_add_banner:
 * @message: what the user should know
 * @type: %GTK_MESSAGE_INFO for news, %GTK_MESSAGE_WARNING for trouble
 *
 * Shows @message above the list, over the ones already there (the same
 * message is not shown twice; the oldest goes past four). Each has its own
 * close button, and the window keeps its width however long they are.
 */
void
ds_window_add_banner (DsWindow       *self,
                      const char     *message,
                      GtkMessageType  type)
{
  g_autoptr(GList) shown = NULL;
  GtkWidget *bar, *label;
  guint n = 0;

  g_return_if_fail (DS_IS_WINDOW (self));
  g_return_if_fail (message != NULL);

  shown = gtk_container_get_children (GTK_CONTAINER (self->banners));
  for (GList *l = shown; l != NULL; l = l->next)
    if (g_strcmp0 (g_object_get_data (l->data, "ds-message"), message) == 0)
      return;
  for (GList *l = shown; l != NULL; l = l->next)
    if (++n >= MAX_BANNERS)
      gtk_widget_destroy (l->data);

  bar = gtk_info_bar_new ();
  label = gtk_label_new (message);
  gtk_info_bar_set_message_type (GTK_INFO_BAR (bar), type);
  {
    GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
    GtkWidget *close = gtk_button_new_from_icon_name ("window-close-symbolic",
                                                      GTK_ICON_SIZE_BUTTON);

    gtk_widget_set_tooltip_text (close, _("Close this message"));
    atk_object_set_name (gtk_widget_get_accessible (close), _("Close this message"));
    gtk_button_set_relief (GTK_BUTTON (close), GTK_RELIEF_NONE);
    gtk_widget_set_valign (close, GTK_ALIGN_CENTER);
    g_signal_connect_swapped (close, "clicked", G_CALLBACK (gtk_widget_destroy), bar);
    gtk_label_set_line_wrap (GTK_LABEL (label), TRUE);
    gtk_label_set_xalign (GTK_LABEL (label), 0);
    gtk_widget_set_hexpand (label, TRUE);
    /* Wrapped within the window's width, never widening it. */
    gtk_label_set_width_chars (GTK_LABEL (label), 30);
    gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
    gtk_container_add (GTK_CONTAINER (line), label);
    gtk_container_add (GTK_CONTAINER (line), close);
    gtk_container_add (GTK_CONTAINER (gtk_info_bar_get_content_area (GTK_INFO_BAR (bar))), line);
  }
  g_object_set_data_full (G_OBJECT (bar), "ds-message", g_strdup (message), g_free);
  gtk_box_pack_start (self->banners, bar, FALSE, FALSE, 0);
  gtk_box_reorder_child (self->banners, bar, 0);
  gtk_widget_show_all (bar);
}
