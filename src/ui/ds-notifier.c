/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-notifier"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libnotify/notify.h>

#include "ds-icons.h"
#include "ds-notifier.h"
#include "ds-notify-policy.h"
#include "ds-quick-actions.h"

/* Desktop notifications through libnotify. Every button on a notification
 * activates an action of the application with the item's id, exactly as the
 * tray menu and the window do, so there is one code path for each action.
 *
 * A reference to each shown NotifyNotification is kept until the server
 * says it closed: libnotify only delivers action callbacks for live
 * objects. */
struct _DsNotifier
{
  GObject       parent_instance;

  GApplication *app;       /* weak: the application owns us */
  GHashTable   *open;      /* key -> NotifyNotification */
  /* NotifyNotification -> the DsItem it follows, until forgotten; each is
   * also in open, which holds it */
  GHashTable   *items;
  gboolean      has_actions;
  gboolean      has_markup;
  char         *failing;   /* the notification server's last refusal, as logged */
};

G_DEFINE_FINAL_TYPE (DsNotifier, ds_notifier, G_TYPE_OBJECT)

#define BODY_MAX_LINES 3
#define BODY_MAX_CHARS 240

typedef struct
{
  DsNotifier *self;
  char       *action;  /* an application action name */
  char       *item_id;
} ActionData;

static void
action_data_free (gpointer data)
{
  ActionData *ad = data;

  g_clear_weak_pointer (&ad->self);
  g_free (ad->action);
  g_free (ad->item_id);
  g_free (ad);
}

static void
on_action (NotifyNotification *notification,
           char               *action,
           gpointer            user_data)
{
  ActionData *ad = user_data;

  if (ad->self == NULL || ad->self->app == NULL)
    return;

  g_debug ("Notification action %s on %s", ad->action, ad->item_id ? ad->item_id : "-");
  g_action_group_activate_action (G_ACTION_GROUP (ad->self->app), ad->action,
                                  ad->item_id != NULL ? g_variant_new_string (ad->item_id)
                                                      : NULL);
}

static void
add_action (DsNotifier         *self,
            NotifyNotification *notification,
            const char         *id,
            const char         *label,
            const char         *app_action,
            const char         *item_id)
{
  ActionData *ad = g_new0 (ActionData, 1);

  g_set_weak_pointer (&ad->self, self);
  ad->action = g_strdup (app_action);
  ad->item_id = g_strdup (item_id);
  notify_notification_add_action (notification, id, label, on_action, ad, action_data_free);
}

static void on_item_changed (DsItem *item, GParamSpec *pspec, DsNotifier *self);

/* Stops following the item a notification is about; and the notification itself. */
static void
forget (DsNotifier         *self,
        NotifyNotification *notification)
{
  DsItem *item = g_hash_table_lookup (self->items, notification);

  if (item != NULL)
    {
      g_signal_handlers_disconnect_by_func (item, on_item_changed, self);
      g_hash_table_remove (self->items, notification);
    }
  g_signal_handlers_disconnect_by_data (notification, self);
}

static void
on_closed (NotifyNotification *notification,
           DsNotifier         *self)
{
  GHashTableIter iter;
  gpointer key, value;

  /* Only forget it if it is still the one shown under its key. */
  g_hash_table_iter_init (&iter, self->open);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (value == notification)
      {
        forget (self, notification);
        g_hash_table_iter_remove (&iter);
        break;
      }
}

/* Handled elsewhere (in Slack, by a teammate, in the window): the
 * notification has nothing left to ask. */
static void
on_item_changed (DsItem     *item,
                 GParamSpec *pspec,
                 DsNotifier *self)
{
  if (ds_item_get_state (item) != DS_ITEM_STATE_NEW || ds_item_get_claimed_by (item) != NULL)
    ds_notifier_withdraw (self, ds_item_get_id (item));
}

static void
ds_notifier_dispose (GObject *object)
{
  DsNotifier *self = (DsNotifier *)object;

  if (self->open != NULL)
    {
      GHashTableIter iter;
      gpointer value;

      g_hash_table_iter_init (&iter, self->open);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        forget (self, value);
    }
  g_clear_pointer (&self->open, g_hash_table_unref);
  g_clear_pointer (&self->items, g_hash_table_unref);
  g_clear_pointer (&self->failing, g_free);
  g_clear_weak_pointer (&self->app);

  G_OBJECT_CLASS (ds_notifier_parent_class)->dispose (object);
}

static void
ds_notifier_class_init (DsNotifierClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = ds_notifier_dispose;
}

static void
ds_notifier_init (DsNotifier *self)
{
  self->open = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->items = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_object_unref);
}

/**
 * ds_notifier_new:
 * @app: the application whose actions the notifications' buttons activate
 *
 * Initialises libnotify (once per process) and reads what the notification
 * server can do. Without the "actions" capability notifications carry no
 * buttons; the tray menu and the window offer the same actions.
 */
DsNotifier *
ds_notifier_new (GApplication *app)
{
  DsNotifier *self;
  GList *caps;

  g_return_val_if_fail (G_IS_APPLICATION (app), NULL);

  self = g_object_new (DS_TYPE_NOTIFIER, NULL);
  g_set_weak_pointer (&self->app, app);

  if (!notify_is_initted ())
    notify_init (g_application_get_application_id (app));

  caps = notify_get_server_caps ();
  self->has_actions = g_list_find_custom (caps, "actions", (GCompareFunc)g_strcmp0) != NULL;
  self->has_markup = g_list_find_custom (caps, "body-markup", (GCompareFunc)g_strcmp0) != NULL;
  g_list_free_full (caps, g_free);

  if (!self->has_actions)
    g_message ("The notification server shows no buttons; Dayshift's actions are in the tray "
               "menu and the window.");

  return self;
}

gboolean
ds_notifier_get_has_actions (DsNotifier *self)
{
  g_return_val_if_fail (DS_IS_NOTIFIER (self), FALSE);
  return self->has_actions;
}

gboolean
ds_notifier_get_has_markup (DsNotifier *self)
{
  g_return_val_if_fail (DS_IS_NOTIFIER (self), FALSE);
  return self->has_markup;
}

guint
ds_notifier_get_n_open (DsNotifier *self)
{
  g_return_val_if_fail (DS_IS_NOTIFIER (self), 0);
  return g_hash_table_size (self->open);
}

/**
 * ds_notifier_get_server_id:
 *
 * Returns: the notification server's id of the notification shown under
 *   @key, or 0 if none is open
 */
guint
ds_notifier_get_server_id (DsNotifier *self,
                           const char *key)
{
  NotifyNotification *notification;
  int id = 0;

  g_return_val_if_fail (DS_IS_NOTIFIER (self), 0);
  g_return_val_if_fail (key != NULL, 0);

  notification = g_hash_table_lookup (self->open, key);
  if (notification != NULL)
    g_object_get (notification, "id", &id, NULL);
  return (guint)id;
}

/* Every notification shows Dayshift's own, full-colour icon: symbolic
 * icons render as black glyphs on some servers and themes, and the title
 * already says the kind. Run from the build tree, where the icon is not
 * installed for the server to find, its pixels go with the notification. */
static NotifyNotification *
new_notification (const char *summary,
                  const char *body)
{
  static int installed = -1;  /* looked for once */
  NotifyNotification *notification = notify_notification_new (summary, body, BASE_APP_ID);

  if (installed < 0)
    installed = ds_icon_is_installed ("scalable", BASE_APP_ID ".svg");
  notify_notification_set_app_name (notification, _("Dayshift"));
  notify_notification_set_hint_string (notification, "desktop-entry", APP_ID);
  if (!installed)
    {
      g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new_from_resource_at_scale (
        RESOURCE_PREFIX "/icons/hicolor/scalable/apps/" BASE_APP_ID ".svg", 48, 48, TRUE, NULL);
      if (pixbuf != NULL)
        notify_notification_set_image_from_pixbuf (notification, pixbuf);
    }
  return notification;
}


/* Server-side markup is interpreted only when the server says it can; text
 * from a message is always escaped then, so nobody's message can inject
 * links or formatting into the notification. */
static void
append_text (DsNotifier *self,
             GString    *body,
             const char *text)
{
  if (self->has_markup)
    {
      g_autofree char *escaped = g_markup_escape_text (text, -1);
      g_string_append (body, escaped);
    }
  else
    g_string_append (body, text);
}

/**
 * ds_notifier_format_body:
 *
 * Returns: (transfer full): the notification body for @item: who asked, and
 *   the first lines of what they wrote
 */
char *
ds_notifier_format_body (DsNotifier *self,
                         DsItem     *item)
{
  GString *body = g_string_new (NULL);
  const char *requester = ds_item_get_requester (item);
  const char *text = ds_item_get_text (item);
  const char *title = ds_item_get_title (item);
  g_autofree char *joined = NULL;

  /* The title leads when the text does not start with it (a pull
   * request's title, then its description). A title cut from the text's
   * first line ("…") is such a start too. */
  if (title != NULL && *title != '\0')
    {
      g_autofree char *lead = g_str_has_suffix (title, "…")
        ? g_strndup (title, strlen (title) - strlen ("…")) : g_strdup (title);

      if (text == NULL || !g_str_has_prefix (text, lead))
        text = joined = g_strconcat (title, "\n", text, NULL);
    }

  if (requester != NULL && *requester != '\0')
    {
      /* Translators: the first line of a notification body, e.g. "From alice" */
      g_autofree char *from = g_strdup_printf (_("From %s"), requester);
      append_text (self, body, from);
    }

  if (text != NULL && *text != '\0')
    {
      g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
      g_autoptr(GString) excerpt = g_string_new (NULL);
      guint n = 0;

      for (guint i = 0; lines[i] != NULL && n < BODY_MAX_LINES; i++)
        {
          g_strstrip (lines[i]);
          if (*lines[i] == '\0')
            continue;
          if (excerpt->len > 0)
            g_string_append_c (excerpt, '\n');
          g_string_append (excerpt, lines[i]);
          n++;
        }
      if (g_utf8_strlen (excerpt->str, -1) > BODY_MAX_CHARS)
        {
          const char *cut = g_utf8_offset_to_pointer (excerpt->str, BODY_MAX_CHARS - 1);
          g_string_truncate (excerpt, cut - excerpt->str);
          g_string_append (excerpt, "…");
        }
      if (excerpt->len > 0)
        {
          if (body->len > 0)
            g_string_append_c (body, '\n');
          append_text (self, body, excerpt->str);
        }
    }

  return g_string_free (body, FALSE);
}

static gboolean
show (DsNotifier          *self,
      const char          *key,
      NotifyNotification  *notification,
      DsItem              *item,
      GError             **error)
{
  NotifyNotification *previous = g_hash_table_lookup (self->open, key);
  GError *local = NULL;

  g_signal_connect (notification, "closed", G_CALLBACK (on_closed), self);

  /* Replace, never stack: one notification per item. */
  if (previous != NULL)
    {
      forget (self, previous);
      (void)notify_notification_close (previous, NULL);
    }

  if (!notify_notification_show (notification, &local))
    {
      /* The server refused (MaxNotificationsExceeded, gone from the bus):
       * said once in the log; the tray menu and the window hold everything. */
      const char *why = local != NULL ? local->message : "?";

      if (g_strcmp0 (self->failing, why) != 0)
        {
          g_message ("The notification server refused a notification (%s); new requests are "
                     "in the tray menu and the window.", why);
          g_free (self->failing);
          self->failing = g_strdup (why);
        }
      g_signal_handlers_disconnect_by_data (notification, self);
      g_hash_table_remove (self->open, key);
      g_propagate_error (error, local);
      return FALSE;
    }
  g_clear_pointer (&self->failing, g_free);
  if (item != NULL)
    {
      g_hash_table_replace (self->items, notification, g_object_ref (item));
      g_signal_connect (item, "notify::state", G_CALLBACK (on_item_changed), self);
      g_signal_connect (item, "notify::claimed-by", G_CALLBACK (on_item_changed), self);
    }
  g_hash_table_replace (self->open, g_strdup (key), g_object_ref (notification));
  return TRUE;
}

/* "Support request · Slack #ops-support": what it is and where it came from;
 * the body says who asked and what. */
static char *
format_summary (DsItem *item)
{
  const char *service = ds_item_source_label (ds_item_get_source (item));
  const char *channel = ds_item_get_channel (item);
  g_autofree char *where = NULL;

  if (channel != NULL && *channel != '\0' && g_strcmp0 (channel, service) != 0)
    /* Translators: where an item came from: "<service> <channel or repository>" */
    where = g_strdup_printf (C_("notification", "%s %s"), service, channel);
  else
    where = g_strdup (service);
  /* Translators: a notification's title: "<kind> · <where>" */
  return g_strdup_printf (_("%s · %s"), ds_item_kind_label (ds_item_get_kind (item)), where);
}

/**
 * ds_notifier_show_item:
 *
 * Shows one notification for @item, replacing an earlier one for the same
 * item, with the quick actions when the server can show them.
 */
gboolean
ds_notifier_show_item (DsNotifier  *self,
                       DsItem      *item,
                       GError     **error)
{
  NotifyNotification *notification;
  gboolean ok;
  g_autofree char *summary = NULL;
  g_autofree char *body = NULL;
  const char *id;

  g_return_val_if_fail (DS_IS_NOTIFIER (self), FALSE);
  g_return_val_if_fail (DS_IS_ITEM (item), FALSE);

  id = ds_item_get_id (item);
  summary = format_summary (item);
  body = ds_notifier_format_body (self, item);

  notification = new_notification (summary, body);
  notify_notification_set_category (notification, "im.received");
  notify_notification_set_urgency (notification, ds_item_get_emergency (item)
                                   ? NOTIFY_URGENCY_CRITICAL : NOTIFY_URGENCY_NORMAL);

  if (self->has_actions)
    {
      const DsQuickAction *open = ds_quick_action (DS_QUICK_OPEN);
      g_autofree char *open_label = ds_quick_action_label (open, FALSE);

      /* A click opens the item; the buttons are the quick actions that
       * apply to it as it is now, as the other surfaces offer them. */
      add_action (self, notification, "default", open_label, open->action, id);
      for (DsQuickActionId q = 0; q < DS_N_QUICK_ACTIONS; q++)
        {
          const DsQuickAction *a = ds_quick_action (q);
          g_autofree char *label = NULL;

          if ((a->surfaces & DS_SURFACE_NOTIFICATION) == 0 || !ds_quick_action_applies (a, item))
            continue;
          label = ds_quick_action_label (a, FALSE);
          add_action (self, notification, a->action, label, a->action, id);
        }
    }

  ok = show (self, id, notification, item, error);
  g_object_unref (notification);
  return ok;
}

/* A message from Dayshift itself, whose click activates app.@action (one
 * without a parameter). */
static gboolean
show_text (DsNotifier  *self,
           const char  *key,
           const char  *summary,
           const char  *body,
           const char  *action,
           const char  *label,
           GError     **error)
{
  NotifyNotification *notification;
  gboolean ok;
  g_autoptr(GString) escaped = g_string_new (NULL);

  if (body != NULL)
    append_text (self, escaped, body);
  notification = new_notification (summary, escaped->str);
  if (self->has_actions)
    add_action (self, notification, "default", label, action, NULL);
  ok = show (self, key, notification, NULL, error);
  g_object_unref (notification);
  return ok;
}

/**
 * ds_notifier_show_message:
 * @key: identifies the message, so that a newer one replaces it
 *
 * Shows a plain message from Dayshift itself (an error, a summary) with a
 * button that opens the window.
 */
gboolean
ds_notifier_show_message (DsNotifier  *self,
                          const char  *key,
                          const char  *summary,
                          const char  *body,
                          GError     **error)
{
  g_return_val_if_fail (DS_IS_NOTIFIER (self), FALSE);
  g_return_val_if_fail (key != NULL && summary != NULL, FALSE);

  return show_text (self, key, summary, body, "open", _("Open Dayshift"), error);
}

void
ds_notifier_withdraw (DsNotifier *self,
                      const char *key)
{
  NotifyNotification *notification;

  g_return_if_fail (DS_IS_NOTIFIER (self));
  g_return_if_fail (key != NULL);

  notification = g_hash_table_lookup (self->open, key);
  if (notification == NULL)
    return;
  forget (self, notification);
  (void)notify_notification_close (notification, NULL);
  g_hash_table_remove (self->open, key);
}

/**
 * ds_notifier_show_prompt:
 * @key: identifies the prompt, so that a newer one replaces it
 * @buttons: (array length=n_buttons): each an application action and its
 *   target; the first is also what a click on the notification does
 *
 * A question from Dayshift with its answers as buttons ("15 minutes on …:
 * File issue"). Without buttons on the server, a click opens the window,
 * where the same actions are.
 */
gboolean
ds_notifier_show_prompt (DsNotifier             *self,
                         const char             *key,
                         const char             *summary,
                         const char             *body,
                         const DsNotifierButton *buttons,
                         guint                   n_buttons,
                         GError                **error)
{
  NotifyNotification *notification;
  g_autoptr(GString) escaped = g_string_new (NULL);
  gboolean ok;

  g_return_val_if_fail (DS_IS_NOTIFIER (self), FALSE);
  g_return_val_if_fail (key != NULL && summary != NULL, FALSE);

  if (body != NULL)
    append_text (self, escaped, body);
  notification = new_notification (summary, escaped->str);
  for (guint i = 0; self->has_actions && i < n_buttons; i++)
    {
      g_autofree char *id = g_strdup_printf ("%s-%u", buttons[i].action, i);
      add_action (self, notification, id, buttons[i].label, buttons[i].action,
                  buttons[i].target);
    }
  if (self->has_actions)
    add_action (self, notification, "default", _("Open Dayshift"), "open", NULL);
  ok = show (self, key, notification, NULL, error);
  g_object_unref (notification);
  return ok;
}

/**
 * ds_notifier_show_summary:
 * @items: (element-type DsItem): the items of a burst
 *
 * One notification for many new items ("7 new requests in 3 channels"),
 * replacing the previous summary, with a button that opens the window.
 */
gboolean
ds_notifier_show_summary (DsNotifier  *self,
                          GPtrArray   *items,
                          GError     **error)
{
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;

  g_return_val_if_fail (DS_IS_NOTIFIER (self), FALSE);
  g_return_val_if_fail (items != NULL && items->len > 0, FALSE);

  /* Emergencies are never folded in here: they have their own. */
  title = ds_notify_summary_title (items);
  body = ds_notify_summary_body (items);
  return ds_notifier_show_message (self, "summary", title, body, error);
}

/**
 * ds_notifier_show_away:
 * @items: (element-type DsItem): what came in while Dayshift was away
 * @since: when the time away began (Unix seconds)
 *
 * One notification for what came in while Dayshift was away ("9 requests
 * came in since 17:25 yesterday", and how many need an answer); a click
 * opens the window on the inbox.
 */
gboolean
ds_notifier_show_away (DsNotifier  *self,
                       GPtrArray   *items,
                       gint64       since,
                       GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;

  g_return_val_if_fail (DS_IS_NOTIFIER (self), FALSE);
  g_return_val_if_fail (items != NULL && items->len > 0, FALSE);

  title = ds_notify_away_title (items, since, now);
  body = ds_notify_away_body (items);
  return show_text (self, "away", title, body, "open-inbox", _("Open the Inbox"), error);
}
