/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-tray"

#include "config.h"

#include <glib/gi18n.h>

#if HAVE_APPINDICATOR
#include <libayatana-appindicator/app-indicator.h>
#endif

#include "ds-icons.h"
#include "ds-quick-actions.h"
#include "ds-text.h"
#include "ds-tray.h"

/* The tray icon and its menu. Hosts differ: some open the menu on any
 * click, some do nothing on a left click, so everything Dayshift can do is
 * in the menu. Each entry activates an application action, the same one the
 * notifications and the window use.
 *
 * With libayatana-appindicator the icon is a StatusNotifierItem; when no
 * StatusNotifierWatcher is on the bus the library itself falls back to a
 * GtkStatusIcon. Without the library Dayshift uses a GtkStatusIcon. */
struct _DsTray
{
  GObject        parent_instance;

  GApplication  *app;   /* weak */
  GtkMenu       *menu;
  GtkWidget     *status_item;
  GtkWidget     *stale_item;
  char          *stale;       /* "GitHub not read since 11:48", or NULL */
  GtkWidget     *unread_item;
  char          *unread;      /* "Nothing is read: the team profile was not loaded", or NULL */
  GtkWidget     *pause_item;
  const char    *pause_action;     /* what it activates now: pause- or resume-notifications */
  GtkWidget     *rotation_item;
  const char    *rotation_action;  /* start-rotation or end-rotation */
  GtkWidget     *timer_item;
  GtkWidget     *quiet_item;    /* "Quiet hours until 08:00", when they hold */
  GtkWidget     *waiting_item;  /* "2 requests past their response target" */
  GtkWidget     *items_sep;     /* under the status lines, when items follow */
  GPtrArray     *item_widgets;  /* the menu entries of the latest items */
  char          *rotation;      /* "on rotation until 17:00", or NULL */
  GPtrArray     *idle_widgets;  /* postmortem action items, when there is time */
#if HAVE_APPINDICATOR
  AppIndicator  *indicator;
  gboolean       connected;
#endif
  GtkStatusIcon *status_icon;
  gboolean       demo;
  guint          n_open;
  gboolean       attention;
};

G_DEFINE_FINAL_TYPE (DsTray, ds_tray, G_TYPE_OBJECT)

#define ICON_NAME BASE_APP_ID "-symbolic"
#define ATTENTION_ICON_NAME "mail-unread-symbolic"
#define STALE_ICON_NAME "dialog-warning-symbolic"

static void
activate (DsTray     *self,
          const char *action,
          GVariant   *param)
{
  if (self->app == NULL)
    return;
  g_debug ("Tray menu: app.%s", action);
  g_action_group_activate_action (G_ACTION_GROUP (self->app), action, param);
}

/* What an entry activates, held by its handler. */
typedef struct
{
  DsTray   *self;    /* which holds the menu */
  char     *action;
  GVariant *param;   /* or NULL */
} Entry;

static void
entry_free (gpointer  data,
            GClosure *closure)
{
  Entry *entry = data;

  g_free (entry->action);
  g_clear_pointer (&entry->param, g_variant_unref);
  g_free (entry);
}

static void
on_menu_item_activate (GtkMenuItem *item,
                       Entry       *entry)
{
  activate (entry->self, entry->action, entry->param);
}

/* The two entries whose action follows a state. */
static void
on_pause_activate (GtkMenuItem *item,
                   DsTray      *self)
{
  activate (self, self->pause_action, NULL);
}

static void
on_rotation_activate (GtkMenuItem *item,
                      DsTray      *self)
{
  activate (self, self->rotation_action, NULL);
}

/* An entry that activates app.@action (with @param, sunk here). */
static GtkWidget *
new_entry (DsTray     *self,
           const char *label,
           const char *action,
           GVariant   *param)
{
  GtkWidget *item = gtk_menu_item_new_with_mnemonic (label);

  if (action != NULL)
    {
      Entry *entry = g_new0 (Entry, 1);

      entry->self = self;
      entry->action = g_strdup (action);
      entry->param = param != NULL ? g_variant_ref_sink (param) : NULL;
      g_signal_connect_data (item, "activate", G_CALLBACK (on_menu_item_activate), entry,
                             entry_free, 0);
    }
  gtk_widget_show (item);
  return item;
}

static GtkWidget *
add_item (DsTray     *self,
          const char *label,
          const char *action)
{
  GtkWidget *item = new_entry (self, label, action, NULL);

  gtk_menu_shell_append (GTK_MENU_SHELL (self->menu), item);
  return item;
}

static void
build_menu (DsTray *self)
{
  GtkWidget *sep;

  self->menu = GTK_MENU (g_object_ref_sink (gtk_menu_new ()));

  self->status_item = add_item (self, _("No open requests"), NULL);
  gtk_widget_set_sensitive (self->status_item, FALSE);
  /* A service not read for a while: says so, and a click reads it now. */
  self->stale_item = add_item (self, "", "refresh");
  gtk_menu_item_set_use_underline (GTK_MENU_ITEM (self->stale_item), FALSE);
  gtk_widget_hide (self->stale_item);
  /* What is not read at all, and why: a click opens Settings to mend it. */
  self->unread_item = add_item (self, "", "settings");
  gtk_menu_item_set_use_underline (GTK_MENU_ITEM (self->unread_item), FALSE);
  gtk_widget_hide (self->unread_item);
  self->quiet_item = add_item (self, "", NULL);
  gtk_widget_set_sensitive (self->quiet_item, FALSE);
  gtk_widget_hide (self->quiet_item);
  /* Requests waiting for a first response, by the team's targets: a click
   * opens the window, where each says how long. */
  self->waiting_item = add_item (self, "", "open");
  gtk_menu_item_set_use_underline (GTK_MENU_ITEM (self->waiting_item), FALSE);
  gtk_widget_hide (self->waiting_item);
  /* The items (and postmortem items) come between two separators. */
  self->items_sep = gtk_separator_menu_item_new ();
  gtk_menu_shell_append (GTK_MENU_SHELL (self->menu), self->items_sep);
  sep = gtk_separator_menu_item_new ();
  gtk_menu_shell_append (GTK_MENU_SHELL (self->menu), sep);
  gtk_widget_show (sep);

  self->rotation_item = add_item (self, _("_Start rotation"), NULL);
  self->rotation_action = "start-rotation";
  g_signal_connect (self->rotation_item, "activate", G_CALLBACK (on_rotation_activate), self);
  self->timer_item = add_item (self, _("Stop support timer"), "timer-stop");
  gtk_widget_hide (self->timer_item);
  add_item (self, _("_Check now"), "refresh");
  self->pause_item = add_item (self, _("_Pause notifications for 1 hour"), NULL);
  self->pause_action = "pause-notifications";
  g_signal_connect (self->pause_item, "activate", G_CALLBACK (on_pause_activate), self);
  add_item (self, _("_Open Dayshift"), "open");
  add_item (self, _("_Settings…"), "settings");
  sep = gtk_separator_menu_item_new ();
  gtk_menu_shell_append (GTK_MENU_SHELL (self->menu), sep);
  gtk_widget_show (sep);
  add_item (self, _("_Quit"), "quit");
}

static void
on_status_icon_activate (GtkStatusIcon *icon,
                         DsTray        *self)
{
  if (self->app != NULL)
    g_action_group_activate_action (G_ACTION_GROUP (self->app), "open", NULL);
}

static void
on_status_icon_popup (GtkStatusIcon *icon,
                      guint          button,
                      guint          time,
                      DsTray        *self)
{
  gtk_menu_popup_at_pointer (self->menu, NULL);
}

static void
create_status_icon (DsTray *self)
{
  self->status_icon = gtk_status_icon_new_from_icon_name (ICON_NAME);
  gtk_status_icon_set_title (self->status_icon, _("Dayshift"));
  gtk_status_icon_set_tooltip_text (self->status_icon, _("Dayshift"));
  gtk_status_icon_set_name (self->status_icon, "dayshift");
  g_signal_connect (self->status_icon, "activate", G_CALLBACK (on_status_icon_activate), self);
  g_signal_connect (self->status_icon, "popup-menu", G_CALLBACK (on_status_icon_popup), self);
}

#if HAVE_APPINDICATOR
static void
on_connection_changed (AppIndicator *indicator,
                       gboolean      connected,
                       DsTray       *self)
{
  self->connected = connected;
  if (connected)
    g_debug ("Tray: registered with the StatusNotifierWatcher");
  else
    g_debug ("Tray: no StatusNotifierWatcher; the icon is a GtkStatusIcon");
}

/* When Dayshift runs from its build tree the icon is not installed; point the
 * tray host at the source tree's icons so it can still draw it. */
static void
set_icon_theme_path (DsTray *self)
{
  g_autofree char *dir = NULL;

  if (ds_icon_is_installed ("symbolic", ICON_NAME ".svg"))
    return;
  dir = g_build_filename (SOURCE_DATA_DIR, "icons", NULL);
  if (g_file_test (dir, G_FILE_TEST_IS_DIR))
    app_indicator_set_icon_theme_path (self->indicator, dir);
}
#endif

static void
ds_tray_dispose (GObject *object)
{
  DsTray *self = (DsTray *)object;

#if HAVE_APPINDICATOR
  if (self->indicator != NULL)
    g_signal_handlers_disconnect_by_data (self->indicator, self);
  g_clear_object (&self->indicator);
#endif
  if (self->status_icon != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->status_icon, self);
      gtk_status_icon_set_visible (self->status_icon, FALSE);
    }
  g_clear_object (&self->status_icon);
  g_clear_pointer (&self->item_widgets, g_ptr_array_unref);
  g_clear_pointer (&self->idle_widgets, g_ptr_array_unref);
  g_clear_pointer (&self->stale, g_free);
  g_clear_pointer (&self->unread, g_free);
  g_clear_pointer (&self->rotation, g_free);
  if (self->menu != NULL)
    gtk_widget_destroy (GTK_WIDGET (self->menu));
  g_clear_object (&self->menu);
  g_clear_weak_pointer (&self->app);

  G_OBJECT_CLASS (ds_tray_parent_class)->dispose (object);
}

static void
ds_tray_class_init (DsTrayClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = ds_tray_dispose;
}

static void
ds_tray_init (DsTray *self)
{
}

DsTray *
ds_tray_new (GApplication *app)
{
  DsTray *self;

  g_return_val_if_fail (G_IS_APPLICATION (app), NULL);

  self = g_object_new (DS_TYPE_TRAY, NULL);
  g_set_weak_pointer (&self->app, app);
  build_menu (self);

#if HAVE_APPINDICATOR
  if (g_getenv ("DAYSHIFT_TRAY") == NULL || g_strcmp0 (g_getenv ("DAYSHIFT_TRAY"), "xembed") != 0)
    {
      self->indicator = app_indicator_new (BASE_APP_ID, ICON_NAME,
                                           APP_INDICATOR_CATEGORY_COMMUNICATIONS);
      set_icon_theme_path (self);
      app_indicator_set_title (self->indicator, _("Dayshift"));
      app_indicator_set_attention_icon_full (self->indicator, ATTENTION_ICON_NAME,
                                             _("New requests"));
      g_signal_connect (self->indicator, "connection-changed",
                        G_CALLBACK (on_connection_changed), self);
      app_indicator_set_menu (self->indicator, self->menu);
      app_indicator_set_status (self->indicator, APP_INDICATOR_STATUS_ACTIVE);
      return self;
    }
#endif

  create_status_icon (self);
  return self;
}

DsTrayMode
ds_tray_get_mode (DsTray *self)
{
  g_return_val_if_fail (DS_IS_TRAY (self), DS_TRAY_MODE_NONE);

#if HAVE_APPINDICATOR
  if (self->indicator != NULL)
    return self->connected ? DS_TRAY_MODE_INDICATOR : DS_TRAY_MODE_STATUS_ICON;
#endif
  return self->status_icon != NULL ? DS_TRAY_MODE_STATUS_ICON : DS_TRAY_MODE_NONE;
}

GtkMenu *
ds_tray_get_menu (DsTray *self)
{
  g_return_val_if_fail (DS_IS_TRAY (self), NULL);
  return self->menu;
}

/**
 * ds_tray_set_status:
 * @n_open: how many items wait for the user
 * @attention: whether some of them are new
 *
 * Updates the first line of the menu, the tooltip and the icon.
 */
void
ds_tray_set_status (DsTray   *self,
                    guint     n_open,
                    gboolean  attention)
{
  g_autofree char *text = NULL;
  const char *warning;

  g_return_if_fail (DS_IS_TRAY (self));

  self->n_open = n_open;
  self->attention = attention;
  if (n_open == 0)
    text = g_strdup (_("No open requests"));
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u open request",
                                         "%u open requests", n_open), n_open);
  if (self->rotation != NULL)
    {
      /* Translators: the tray's first line: "3 open requests · On rotation until 17:00" */
      g_autofree char *with = g_strdup_printf (_("%s · %s"), text, self->rotation);
      g_free (text);
      text = g_steal_pointer (&with);
    }
  if (self->demo)
    {
      /* Translators: the tray's first line in the demo, e.g. "Demo · 3 open requests" */
      g_autofree char *demo = g_strdup_printf (_("Demo · %s"), text);
      g_free (text);
      text = g_steal_pointer (&demo);
    }
  gtk_menu_item_set_label (GTK_MENU_ITEM (self->status_item), text);

  /* A service unread outweighs new requests: the icon says something is wrong. */
  warning = self->unread != NULL ? self->unread : self->stale;
#if HAVE_APPINDICATOR
  if (self->indicator != NULL)
    {
      app_indicator_set_icon_full (self->indicator, warning != NULL ? STALE_ICON_NAME : ICON_NAME,
                                   warning != NULL ? warning : _("Dayshift"));
      app_indicator_set_status (self->indicator, attention ? APP_INDICATOR_STATUS_ATTENTION
                                                           : APP_INDICATOR_STATUS_ACTIVE);
    }
#endif
  if (self->status_icon != NULL)
    {
      g_autofree char *tip = warning != NULL ? g_strdup_printf ("%s\n%s", text, warning)
                                             : g_strdup (text);

      gtk_status_icon_set_from_icon_name (self->status_icon,
                                          warning != NULL ? STALE_ICON_NAME
                                          : attention ? ATTENTION_ICON_NAME : ICON_NAME);
      gtk_status_icon_set_tooltip_text (self->status_icon, tip);
    }
}

/**
 * ds_tray_set_unread:
 * @text: (nullable): what is not read at all, and why, or %NULL
 *
 * Shows it as a menu entry (a click opens Settings) and in the icon.
 */
void
ds_tray_set_unread (DsTray     *self,
                    const char *text)
{
  g_return_if_fail (DS_IS_TRAY (self));

  if (g_strcmp0 (self->unread, text) == 0)
    return;
  g_free (self->unread);
  self->unread = g_strdup (text);
  if (text != NULL)
    {
      /* Translators: the tray entry when nothing or a service is not read; a click opens
       * Settings */
      g_autofree char *label = g_strdup_printf (_("⚠ %s · Settings…"), text);
      gtk_menu_item_set_label (GTK_MENU_ITEM (self->unread_item), label);
      gtk_widget_show (self->unread_item);
    }
  else
    gtk_widget_hide (self->unread_item);
  ds_tray_set_status (self, self->n_open, self->attention);
}

/**
 * ds_tray_set_stale:
 * @text: (nullable): which services have not been read since when, e.g.
 *   "GitHub not read since 11:48", or %NULL when every one is read
 *
 * Shows it as a menu entry (a click checks now) and in the icon.
 */
void
ds_tray_set_stale (DsTray     *self,
                   const char *text)
{
  g_return_if_fail (DS_IS_TRAY (self));

  if (g_strcmp0 (self->stale, text) == 0)
    return;
  g_free (self->stale);
  self->stale = g_strdup (text);
  if (text != NULL)
    {
      /* Translators: the tray entry of a service not read lately; a click checks now */
      g_autofree char *label = g_strdup_printf (_("⚠ %s · Check now"), text);
      gtk_menu_item_set_label (GTK_MENU_ITEM (self->stale_item), label);
      gtk_widget_show (self->stale_item);
    }
  else
    gtk_widget_hide (self->stale_item);
  ds_tray_set_status (self, self->n_open, self->attention);
}

/**
 * ds_tray_set_quiet:
 * @text: (nullable): e.g. "Quiet hours until 08:00", or %NULL outside them
 */
void
ds_tray_set_quiet (DsTray     *self,
                   const char *text)
{
  g_return_if_fail (DS_IS_TRAY (self));

  if (text != NULL)
    gtk_menu_item_set_label (GTK_MENU_ITEM (self->quiet_item), text);
  gtk_widget_set_visible (self->quiet_item, text != NULL);
}

/**
 * ds_tray_set_waiting:
 * @text: (nullable): the requests waiting for a first response, e.g. "2
 *   requests past their response target", or %NULL when none waits
 */
void
ds_tray_set_waiting (DsTray     *self,
                     const char *text)
{
  g_return_if_fail (DS_IS_TRAY (self));

  if (text != NULL)
    gtk_menu_item_set_label (GTK_MENU_ITEM (self->waiting_item), text);
  gtk_widget_set_visible (self->waiting_item, text != NULL);
}

/* Says in the tray that this is the demo workspace. */
void
ds_tray_set_demo (DsTray   *self,
                  gboolean  demo)
{
  g_return_if_fail (DS_IS_TRAY (self));

  self->demo = !!demo;
#if HAVE_APPINDICATOR
  if (self->indicator != NULL)
    app_indicator_set_title (self->indicator, demo ? _("Dayshift (demo)") : _("Dayshift"));
#endif
  ds_tray_set_status (self, self->n_open, self->attention);
}

static GtkWidget *
submenu_entry (DsTray     *self,
               GtkWidget  *submenu,
               const char *label,
               const char *action,
               GVariant   *param)
{
  GtkWidget *entry = new_entry (self, label, action, param);

  gtk_menu_shell_append (GTK_MENU_SHELL (submenu), entry);
  return entry;
}

#define LABEL_CHARS 50

/* "<kind>: <title>", at most LABEL_CHARS characters, and how many times
 * the same request came when more than once. */
static char *
item_label (DsItem *item,
            guint   repeats)
{
  const char *title = ds_item_get_title (item) != NULL ? ds_item_get_title (item) : "";
  /* Translators: a tray menu entry's start: "<kind>: "; "⚠ " marks an emergency */
  g_autofree char *head = g_strdup_printf (_("%s%s: "), ds_item_get_emergency (item) ? "⚠ " : "",
                                           ds_item_kind_label (ds_item_get_kind (item)));
  /* Translators: after a title in the tray: the same request came 3 times */
  g_autofree char *tail = repeats > 1 ? g_strdup_printf (_(" (×%u)"), repeats) : g_strdup ("");
  glong room = LABEL_CHARS - g_utf8_strlen (head, -1) - g_utf8_strlen (tail, -1);
  g_autofree char *short_title = ds_text_ellipsize (title, MAX (room, 10));

  return g_strconcat (head, short_title, tail, NULL);
}

/* A submenu entry labelled @label (with its mnemonic) holding @sub. */
static void
add_choices (GtkWidget  *menu,
             const char *label,
             GtkWidget  *sub)
{
  GtkWidget *parent = gtk_menu_item_new_with_mnemonic (label);

  gtk_menu_item_set_submenu (GTK_MENU_ITEM (parent), sub);
  gtk_menu_shell_append (GTK_MENU_SHELL (menu), parent);
  gtk_widget_show_all (parent);
}

/* One item's entry, with the quick actions that apply to it in its submenu:
 * Delegate as the teammates to choose from, Snooze as how long. */
static GtkWidget *
item_entry (DsTray             *self,
            DsItem             *item,
            guint               repeats,
            const char * const *teammates)
{
  const char *id = ds_item_get_id (item);
  g_autofree char *label = item_label (item, repeats);
  GtkWidget *entry = gtk_menu_item_new_with_label (label);
  GtkWidget *menu = gtk_menu_new ();

  /* A label, not a mnemonic: a title may hold underscores. */
  gtk_menu_item_set_use_underline (GTK_MENU_ITEM (entry), FALSE);
  gtk_menu_item_set_submenu (GTK_MENU_ITEM (entry), menu);

  for (DsQuickActionId q = 0; q < DS_N_QUICK_ACTIONS; q++)
    {
      const DsQuickAction *a = ds_quick_action (q);
      g_autofree char *text = NULL;
      GtkWidget *sub;

      if ((a->surfaces & DS_SURFACE_TRAY) == 0 || !ds_quick_action_applies (a, item))
        continue;
      if (q == DS_QUICK_DELEGATE)
        {
          /* With no teammate to name, there is no one to delegate to. */
          if (teammates == NULL || teammates[0] == NULL)
            continue;
          sub = gtk_menu_new ();
          for (guint i = 0; teammates[i] != NULL; i++)
            {
              GtkWidget *person = submenu_entry (self, sub, teammates[i], "delegate-to",
                                                 g_variant_new ("(ss)", id, teammates[i]));

              /* A name, not a mnemonic: "jo_dev" keeps its underscore. */
              gtk_menu_item_set_use_underline (GTK_MENU_ITEM (person), FALSE);
            }
          text = ds_quick_action_choices_label (a);
          add_choices (menu, text, sub);
        }
      else if (q == DS_QUICK_SNOOZE)
        {
          guint n = 0;
          const DsSnoozeChoice *choices = ds_quick_snooze_choices (&n);

          sub = gtk_menu_new ();
          for (guint i = 0; i < n; i++)
            {
              GtkWidget *how = submenu_entry (self, sub, ds_quick_snooze_label (&choices[i]),
                                              DS_SNOOZE_ACTION,
                                              g_variant_new ("(ss)", id, choices[i].how));

              gtk_menu_item_set_use_underline (GTK_MENU_ITEM (how), FALSE);
            }
          text = ds_quick_action_choices_label (a);
          add_choices (menu, text, sub);
        }
      else
        {
          text = ds_quick_action_label (a, TRUE);
          submenu_entry (self, menu, text, a->action, g_variant_new_string (id));
        }
    }
  gtk_widget_show (entry);
  return entry;
}

static void
update_items_separator (DsTray *self)
{
  gtk_widget_set_visible (self->items_sep,
                          (self->item_widgets != NULL && self->item_widgets->len > 0) ||
                          (self->idle_widgets != NULL && self->idle_widgets->len > 0));
}

/* Where the items start: right under the separator below the status lines
 * (however many status lines there are). */
static int
first_item (DsTray *self)
{
  g_autoptr(GList) children = gtk_container_get_children (GTK_CONTAINER (self->menu));

  return g_list_index (children, self->items_sep) + 1;
}

/**
 * ds_tray_set_items:
 * @items: (element-type DsItem): the items to offer, most urgent first
 * @repeats: (nullable) (array): for each item, how many times the same
 *   request came (1: once)
 * @more: how many more items wait, not in the menu
 * @teammates: (nullable): names to delegate to
 * @paused: whether notifications are paused
 *
 * Puts each item in the menu with its quick actions, so that everything a
 * notification offers can be done from the tray too.
 */
void
ds_tray_set_items (DsTray             *self,
                   GPtrArray          *items,
                   const guint        *repeats,
                   guint               more,
                   const char * const *teammates,
                   gboolean            paused)
{
  g_return_if_fail (DS_IS_TRAY (self));

  if (self->item_widgets != NULL)
    for (guint i = 0; i < self->item_widgets->len; i++)
      gtk_widget_destroy (g_ptr_array_index (self->item_widgets, i));
  g_clear_pointer (&self->item_widgets, g_ptr_array_unref);
  self->item_widgets = g_ptr_array_new ();

  for (guint i = 0; items != NULL && i < items->len; i++)
    {
      GtkWidget *entry = item_entry (self, g_ptr_array_index (items, i),
                                     repeats != NULL ? repeats[i] : 1, teammates);

      gtk_menu_shell_insert (GTK_MENU_SHELL (self->menu), entry, first_item (self) + i);
      g_ptr_array_add (self->item_widgets, entry);
    }
  if (more > 0)
    {
      /* Translators: the tray entry under the items: "and 4 more…" opens the window */
      g_autofree char *label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "and %u more…",
                                                             "and %u more…", more), more);
      GtkWidget *entry = new_entry (self, label, "open", NULL);

      gtk_menu_item_set_use_underline (GTK_MENU_ITEM (entry), FALSE);
      gtk_widget_show (entry);
      gtk_menu_shell_insert (GTK_MENU_SHELL (self->menu), entry,
                             first_item (self) + self->item_widgets->len);
      g_ptr_array_add (self->item_widgets, entry);
    }
  update_items_separator (self);

  gtk_menu_item_set_label (GTK_MENU_ITEM (self->pause_item),
                           paused ? _("_Resume notifications")
                                  : _("_Pause notifications for 1 hour"));
  self->pause_action = paused ? "resume-notifications" : "pause-notifications";
}

/**
 * ds_tray_set_books:
 * @on_rotation: whether the user's rotation is on
 * @rotation: (nullable): what the status line says of it, e.g. "On
 *   rotation until 17:00" or "Next shift Mon 09:00"
 * @timer: (nullable): what the running support timer is on, e.g. "VPN is down · 12 min"
 * @postmortems: (nullable) (element-type DsItem): open postmortem action
 *   items to offer when there is time, unassigned first
 *
 * The rotation's part of the menu: Start rotation / End rotation…, the
 * support timer, and postmortem action items to take when it is quiet.
 */
void
ds_tray_set_books (DsTray     *self,
                   gboolean    on_rotation,
                   const char *rotation,
                   const char *timer,
                   GPtrArray  *postmortems)
{
  guint position = (guint)first_item (self) +
                   (self->item_widgets != NULL ? self->item_widgets->len : 0);
  const DsQuickAction *open = ds_quick_action (DS_QUICK_OPEN);
  g_autofree char *open_label = ds_quick_action_label (open, TRUE);

  g_return_if_fail (DS_IS_TRAY (self));

  if (g_strcmp0 (rotation, self->rotation) != 0)
    {
      g_free (self->rotation);
      self->rotation = g_strdup (rotation);
      ds_tray_set_status (self, self->n_open, self->attention);
    }
  gtk_menu_item_set_label (GTK_MENU_ITEM (self->rotation_item),
                           on_rotation ? _("_End rotation…") : _("_Start rotation"));
  self->rotation_action = on_rotation ? "end-rotation" : "start-rotation";
  if (timer != NULL)
    {
      /* Translators: the tray entry that stops the timer: "Stop support timer (VPN · 12 min)" */
      g_autofree char *label = g_strdup_printf (_("Stop support timer (%s)"), timer);
      gtk_menu_item_set_label (GTK_MENU_ITEM (self->timer_item), label);
      gtk_widget_show (self->timer_item);
    }
  else
    gtk_widget_hide (self->timer_item);

  if (self->idle_widgets != NULL)
    for (guint i = 0; i < self->idle_widgets->len; i++)
      gtk_widget_destroy (g_ptr_array_index (self->idle_widgets, i));
  g_clear_pointer (&self->idle_widgets, g_ptr_array_unref);
  self->idle_widgets = g_ptr_array_new ();
  if (postmortems == NULL || postmortems->len == 0)
    {
      update_items_separator (self);
      return;
    }
  {
    GtkWidget *title = gtk_menu_item_new_with_label (_("Postmortem action items"));

    gtk_widget_set_sensitive (title, FALSE);
    gtk_widget_show (title);
    gtk_menu_shell_insert (GTK_MENU_SHELL (self->menu), title, position++);
    g_ptr_array_add (self->idle_widgets, title);
  }
  for (guint i = 0; i < postmortems->len; i++)
    {
      DsItem *item = g_ptr_array_index (postmortems, i);
      const char *id = ds_item_get_id (item);
      g_autofree char *title = ds_text_ellipsize (ds_item_get_title (item) != NULL
                                          ? ds_item_get_title (item) : "", LABEL_CHARS - 12);
      g_autofree char *label = ds_item_get_claimed_by (item) != NULL
        /* Translators: a postmortem item someone has: "<title> (Dana)" */
        ? g_strdup_printf (_("%s (%s)"), title, ds_item_get_claimed_by (item))
        : g_strdup (title);
      GtkWidget *entry = gtk_menu_item_new_with_label (label);
      GtkWidget *menu = gtk_menu_new ();

      gtk_menu_item_set_use_underline (GTK_MENU_ITEM (entry), FALSE);
      gtk_menu_item_set_submenu (GTK_MENU_ITEM (entry), menu);
      submenu_entry (self, menu, _("Take it"), "take-postmortem", g_variant_new_string (id));
      submenu_entry (self, menu, open_label, open->action, g_variant_new_string (id));
      gtk_widget_show (entry);
      gtk_menu_shell_insert (GTK_MENU_SHELL (self->menu), entry, position++);
      g_ptr_array_add (self->idle_widgets, entry);
    }
  update_items_separator (self);
}
