/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-item-detail"

#include "config.h"

#include <glib/gi18n.h>

#include "ds-item-detail.h"
#include "ds-item-row.h"
#include "ds-outbox.h"
#include "ds-quick-actions.h"
#include "ds-text.h"
#include "ds-writes.h"

/* One item, read whole: what was asked (links clickable), who asked,
 * where and when, who took it, its response clock (how long it has waited
 * of its target, or how soon it was answered), its history, what Dayshift wrote to the
 * services for it and whether that arrived, and the quick actions as
 * buttons. Follows the item as it changes. Its sections are in
 * data/ui/ds-item-detail.ui; the quick actions' buttons are built here from
 * their table, into its flow box. */

struct _DsItemDetail
{
  GtkBox     parent_instance;

  DsItem    *item;
  DsStore   *store;
  DsResponseClock *clock;  /* the team's, or NULL */

  GtkLabel  *kind;
  GtkLabel  *title;
  GtkLabel  *meta;
  GtkLabel  *wait;
  GtkLabel  *text;
  GtkWidget *text_heading;
  GtkLabel  *problem;
  GtkLabel  *thread;
  GtkWidget *thread_heading;
  /* The markup each label was last set (see set_markup()) */
  char      *meta_markup;
  char      *text_markup;
  char      *thread_markup;
  GtkWidget *actions;  /* the buttons' GtkFlowBox */
  GtkWidget *buttons[DS_N_QUICK_ACTIONS];  /* the pane's quick actions, targeted at the item */
  char      *snooze_for;  /* the item the Snooze button's choices are for */
  GtkLabel  *history;
  GtkLabel  *writes;
};

G_DEFINE_FINAL_TYPE (DsItemDetail, ds_item_detail, GTK_TYPE_BOX)

static char *
format_when (gint64 when)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (when);

  /* Translators: a date and time, see g_date_time_format() */
  return dt != NULL ? g_date_time_format (dt, _("%a %e %b, %H:%M")) : g_strdup ("?");
}


/* Markup set only when it changed: a label's links are new objects each
 * time, and an accessibility client may still hold the old ones. */
static void
set_markup (GtkLabel    *label,
            char       **shown,
            const char  *markup)
{
  if (g_strcmp0 (*shown, markup) == 0)
    return;
  g_free (*shown);
  *shown = g_strdup (markup);
  gtk_label_set_markup (label, markup);
}

/* The request's thread as Dayshift last read it, hidden when it has none. */
static void
update_thread (DsItemDetail *self,
               const char   *id)
{
  GtkWidget *heading = self->thread_heading;
  gint64 read_at = 0;
  g_autoptr(GPtrArray) replies = self->store != NULL
    ? ds_store_load_replies (self->store, id, &read_at, NULL) : NULL;
  GString *markup = g_string_new (NULL);

  for (guint i = 0; replies != NULL && i < replies->len; i++)
    {
      const DsItemReply *reply = g_ptr_array_index (replies, i);
      g_autofree char *at = format_when (reply->at);
      g_autofree char *author = g_markup_escape_text (reply->author ? reply->author : "?", -1);
      g_autofree char *text = ds_text_linkify_markup (reply->text ? reply->text : "");

      if (markup->len > 0)
        g_string_append (markup, "\n\n");
      /* Translators: a reply's heading: "<who> · <when>" */
      g_string_append_printf (markup, _("<b>%s</b> · %s"), author, at);
      g_string_append_printf (markup, "\n%s", text);
    }
  if (replies != NULL && replies->len > 0)
    {
      g_autofree char *when = format_when (read_at);
      g_autofree char *title = NULL;

      /* Translators: "<n> replies, as read <when>" */
      title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u reply, as read %s",
                                            "%u replies, as read %s", replies->len),
                               replies->len, when);
      gtk_label_set_text (GTK_LABEL (heading), title);
    }
  set_markup (self->thread, &self->thread_markup, markup->str);
  gtk_widget_set_visible (GTK_WIDGET (self->thread), markup->len > 0);
  gtk_widget_set_visible (heading, markup->len > 0);
  g_string_free (markup, TRUE);
}

/* Only the quick actions that apply to the item as it is, in the table's
 * order and without holes; the first of Acknowledge and Delegate that
 * applies is the one suggested. */
static void
update_buttons (DsItemDetail *self,
                DsItem       *item)
{
  const char *id = ds_item_get_id (item);
  gboolean suggested = FALSE;
  gboolean any = FALSE;

  for (DsQuickActionId q = 0; q < DS_N_QUICK_ACTIONS; q++)
    {
      GtkWidget *button = self->buttons[q];
      const DsQuickAction *a = ds_quick_action (q);
      gboolean applies;
      GtkStyleContext *style;

      if (button == NULL)
        continue;
      applies = ds_quick_action_applies (a, item);
      if (q == DS_QUICK_SNOOZE)
        {
          if (g_strcmp0 (self->snooze_for, id) != 0)
            {
              g_autoptr(GMenuModel) how = ds_item_snooze_menu (item);

              gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), how);
              g_free (self->snooze_for);
              self->snooze_for = g_strdup (id);
            }
        }
      else
        {
          g_autofree char *action = g_strconcat ("app.", a->action, NULL);

          /* The target first: an action with a parameter and no target is refused. */
          gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button),
                                                  g_variant_new_string (id));
          gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
        }
      /* The flow box's child, not the button: a hidden button leaves a hole. */
      gtk_widget_set_visible (gtk_widget_get_parent (button), applies);
      style = gtk_widget_get_style_context (button);
      if (applies && !suggested && (q == DS_QUICK_ACKNOWLEDGE || q == DS_QUICK_DELEGATE))
        {
          gtk_style_context_add_class (style, "suggested-action");
          suggested = TRUE;
        }
      else
        gtk_style_context_remove_class (style, "suggested-action");
      any |= applies;
    }
  gtk_widget_set_visible (self->actions, any);
}

static void
update (DsItemDetail *self)
{
  DsItem *item = self->item;
  g_autofree char *kind = NULL;
  g_autofree char *when = NULL;
  g_autofree char *markup = NULL;
  GString *meta = g_string_new (NULL);
  GString *history = g_string_new (NULL);
  GString *writes = g_string_new (NULL);
  const char *id;

  if (item == NULL)
    return;
  id = ds_item_get_id (item);
  kind = ds_item_get_emergency (item)
    ? g_strdup_printf ("%s · %s", _("Emergency"), ds_item_kind_label (ds_item_get_kind (item)))
    : g_strdup (ds_item_kind_label (ds_item_get_kind (item)));
  gtk_label_set_text (self->kind, kind);
  gtk_label_set_text (self->title, ds_item_get_title (item));

  when = format_when (ds_item_get_created (item));
  if (ds_item_get_requester (item) != NULL)
    /* Translators: "Asked by <who>" */
    g_string_append_printf (meta, _("Asked by %s"), ds_item_get_requester (item));
  else
    g_string_append (meta, ds_item_source_label (ds_item_get_source (item)));
  if (ds_item_get_channel (item) != NULL)
    /* Translators: " in <channel or repository>" */
    g_string_append_printf (meta, _(" in %s"), ds_item_get_channel (item));
  g_string_append_printf (meta, " · %s\n", when);
  if (ds_item_get_claimed_by (item) != NULL)
    g_string_append_printf (meta, _("Taken by %s"), ds_item_get_claimed_by (item));
  else if (ds_item_get_state (item) == DS_ITEM_STATE_DELEGATED &&
           ds_item_get_delegated_to (item) != NULL)
    g_string_append_printf (meta, _("Delegated to %s"), ds_item_get_delegated_to (item));
  else
    g_string_append (meta, ds_item_state_label (ds_item_get_state (item)));
  if (ds_item_get_issue_url (item) != NULL)
    g_string_append_printf (meta, " · %s", ds_item_get_issue_url (item));
  markup = ds_text_linkify_markup (meta->str);
  set_markup (self->meta, &self->meta_markup, markup);
  g_clear_pointer (&markup, g_free);
  ds_item_show_wait (self->wait, self->clock, item, TRUE);

  if (ds_item_get_text (item) != NULL && *ds_item_get_text (item) != '\0')
    markup = ds_text_linkify_markup (ds_item_get_text (item));
  else if (ds_item_get_url (item) != NULL)
    markup = ds_text_linkify_markup (ds_item_get_url (item));
  set_markup (self->text, &self->text_markup, markup != NULL ? markup : "");
  gtk_widget_set_visible (GTK_WIDGET (self->text), markup != NULL);
  gtk_widget_set_visible (self->text_heading, markup != NULL);

  gtk_label_set_text (self->problem, ds_item_get_trouble (item));
  gtk_widget_set_visible (GTK_WIDGET (self->problem), ds_item_get_trouble (item) != NULL);

  update_thread (self, id);

  /* Arrived, then each change with who made it. */
  {
    g_autofree char *first = format_when (ds_item_get_created (item));
    g_autoptr(GPtrArray) entries = self->store != NULL
      ? ds_store_load_history (self->store, id, NULL) : NULL;

    /* Translators: a line of the item's history: "<when> arrived" */
    g_string_append_printf (history, _("%s arrived"), first);
    for (guint i = 0; entries != NULL && i < entries->len; i++)
      {
        DsHistoryEntry *e = g_ptr_array_index (entries, i);
        g_autofree char *at = format_when (e->at);
        const char *who = g_strcmp0 (e->actor, "me") == 0 ? _("you") : e->actor;

        /* Translators: "<when> <who>: <state before> → <state after>" */
        g_string_append_printf (history, _("\n%s %s: %s → %s"), at, who,
                                ds_item_state_label (e->from), ds_item_state_label (e->to));
        if (e->note != NULL && *e->note != '\0')
          g_string_append_printf (history, " (%s)", e->note);
      }
  }
  gtk_label_set_text (self->history, history->str);

  /* What Dayshift wrote for it, and whether it arrived. */
  {
    g_autoptr(GPtrArray) entries = self->store != NULL
      ? ds_store_outbox_for_item (self->store, id, NULL) : NULL;


    for (guint i = 0; entries != NULL && i < entries->len; i++)
      {
        DsOutboxEntry *e = g_ptr_array_index (entries, i);
        const DsWrite *write = ds_write_lookup (e->op);
        const char *what = write != NULL ? ds_write_label (write) : e->op;


        if (writes->len > 0)
          g_string_append_c (writes, '\n');
        switch (e->state)
          {
          case DS_OUTBOX_DONE:
            /* Translators: "<what was written>: sent" */
            g_string_append_printf (writes, _("%s: sent"), what);
            break;
          case DS_OUTBOX_FAILED:
            g_string_append_printf (writes, _("%s: failed (%s)"), what,
                                    e->last_error ? e->last_error : "?");
            break;
          case DS_OUTBOX_PENDING:
          case DS_OUTBOX_SENDING:
          default:
            if (e->attempts > 0)
              g_string_append_printf (writes, g_dngettext (GETTEXT_PACKAGE,
                                                           "%s: waiting (tried %d time)",
                                                           "%s: waiting (tried %d times)",
                                                           e->attempts), what, e->attempts);
            else
              g_string_append_printf (writes, _("%s: waiting to be sent"), what);
            break;
          }
      }
    if (writes->len == 0)
      g_string_append (writes, _("None"));
  }
  gtk_label_set_text (self->writes, writes->str);

  update_buttons (self, item);
  g_string_free (meta, TRUE);
  g_string_free (history, TRUE);
  g_string_free (writes, TRUE);
}

/* A write of the item shown was queued, sent, retried or failed: the store
 * says so once it is kept, and the pane reads it again. */
static void
on_outbox_changed (DsStore      *store,
                   const char   *item_id,
                   gboolean      queued,
                   DsItemDetail *self)
{
  if (self->item != NULL && g_strcmp0 (item_id, ds_item_get_id (self->item)) == 0)
    update (self);
}

static void
ds_item_detail_dispose (GObject *object)
{
  DsItemDetail *self = (DsItemDetail *)object;

  if (self->item != NULL)
    g_signal_handlers_disconnect_by_data (self->item, self);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->item);
  g_clear_object (&self->store);
  g_clear_pointer (&self->clock, ds_response_clock_unref);
  g_clear_pointer (&self->snooze_for, g_free);
  g_clear_pointer (&self->meta_markup, g_free);
  g_clear_pointer (&self->text_markup, g_free);
  g_clear_pointer (&self->thread_markup, g_free);

  G_OBJECT_CLASS (ds_item_detail_parent_class)->dispose (object);
}

static void
ds_item_detail_class_init (DsItemDetailClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = ds_item_detail_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/ds-item-detail.ui");
  gtk_widget_class_bind_template_child (widget_class, DsItemDetail, kind);
  gtk_widget_class_bind_template_child (widget_class, DsItemDetail, title);
  gtk_widget_class_bind_template_child (widget_class, DsItemDetail, meta);
  gtk_widget_class_bind_template_child (widget_class, DsItemDetail, wait);
  gtk_widget_class_bind_template_child (widget_class, DsItemDetail, problem);
  gtk_widget_class_bind_template_child (widget_class, DsItemDetail, actions);
  gtk_widget_class_bind_template_child (widget_class, DsItemDetail, text);
  gtk_widget_class_bind_template_child (widget_class, DsItemDetail, text_heading);
  gtk_widget_class_bind_template_child (widget_class, DsItemDetail, thread);
  gtk_widget_class_bind_template_child (widget_class, DsItemDetail, thread_heading);
  gtk_widget_class_bind_template_child (widget_class, DsItemDetail, history);
  gtk_widget_class_bind_template_child (widget_class, DsItemDetail, writes);
}

/* A button that opens a menu of the action's choices (Snooze: how long). */
static GtkWidget *
choices_button (const DsQuickAction *a)
{
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  g_autofree char *label = ds_quick_action_choices_label (a);
  g_autofree char *name = ds_quick_action_label (a, FALSE);
  GtkWidget *text = gtk_label_new_with_mnemonic (label);
  GtkWidget *child = gtk_bin_get_child (GTK_BIN (button));

  if (child != NULL)
    gtk_container_remove (GTK_CONTAINER (button), child);
  gtk_box_set_center_widget (GTK_BOX (box), text);
  gtk_box_pack_end (GTK_BOX (box), gtk_image_new_from_icon_name ("pan-down-symbolic",
                                                                  GTK_ICON_SIZE_BUTTON),
                    FALSE, FALSE, 0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (text), button);
  gtk_container_add (GTK_CONTAINER (button), box);
  atk_object_set_name (gtk_widget_get_accessible (button), name);
  return button;
}

static void
ds_item_detail_init (DsItemDetail *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* The quick actions that show here, in the table's order. */
  for (DsQuickActionId q = 0; q < DS_N_QUICK_ACTIONS; q++)
    {
      const DsQuickAction *a = ds_quick_action (q);
      g_autofree char *label = NULL;
      GtkWidget *button;

      if ((a->surfaces & DS_SURFACE_DETAIL) == 0)
        continue;
      if (q == DS_QUICK_SNOOZE)
        button = choices_button (a);
      else
        {
          label = ds_quick_action_label (a, TRUE);
          button = gtk_button_new_with_mnemonic (label);
        }
      gtk_widget_show_all (button);
      gtk_container_add (GTK_CONTAINER (self->actions), button);
      /* Then only update_buttons() shows or hides its flow box child. */
      gtk_widget_show (gtk_widget_get_parent (button));
      self->buttons[q] = button;
    }
}

GtkWidget *
ds_item_detail_new (void)
{
  return g_object_new (DS_TYPE_ITEM_DETAIL, NULL);
}

static void
on_item_notify (DsItemDetail *self)
{
  update (self);
}

/**
 * ds_item_detail_set_item:
 * @item: (nullable): the item to show
 * @store: (nullable): where its history and writes are kept
 */
void
ds_item_detail_set_item (DsItemDetail *self,
                         DsItem       *item,
                         DsStore      *store)
{
  g_return_if_fail (DS_IS_ITEM_DETAIL (self));

  if (item == self->item && store == self->store)
    return;
  if (self->item != NULL)
    g_signal_handlers_disconnect_by_data (self->item, self);
  if (store != self->store)
    {
      if (self->store != NULL)
        g_signal_handlers_disconnect_by_data (self->store, self);
      g_set_object (&self->store, store);
      if (store != NULL)
        g_signal_connect_object (store, "outbox-changed", G_CALLBACK (on_outbox_changed), self,
                                 0);
    }
  g_set_object (&self->item, item);
  if (item != NULL)
    g_signal_connect_object (item, "notify", G_CALLBACK (on_item_notify), self,
                             G_CONNECT_SWAPPED);
  update (self);
}

DsItem *
ds_item_detail_get_item (DsItemDetail *self)
{
  g_return_val_if_fail (DS_IS_ITEM_DETAIL (self), NULL);
  return self->item;
}

/**
 * ds_item_detail_set_response_clock:
 * @clock: (nullable): the team's response clock; %NULL: none is shown
 */
void
ds_item_detail_set_response_clock (DsItemDetail    *self,
                                   DsResponseClock *clock)
{
  g_return_if_fail (DS_IS_ITEM_DETAIL (self));

  if (clock == self->clock)
    return;
  g_clear_pointer (&self->clock, ds_response_clock_unref);
  self->clock = clock != NULL ? ds_response_clock_ref (clock) : NULL;
  if (self->item != NULL)
    ds_item_show_wait (self->wait, self->clock, self->item, TRUE);
}

/* The wait moves on, at the minute's turn. */
void
ds_item_detail_refresh_time (DsItemDetail *self)
{
  g_return_if_fail (DS_IS_ITEM_DETAIL (self));

  if (self->item != NULL)
    ds_item_show_wait (self->wait, self->clock, self->item, TRUE);
}
