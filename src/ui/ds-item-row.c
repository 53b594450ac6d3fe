/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-item-row"

#include "config.h"

#include <glib/gi18n.h>

#include "ds-item-row.h"
#include "ds-quick-actions.h"

/* One item in a list of the window: its kind, title, who asked, where and
 * when, its state, how long it has waited of its response target while it
 * waits, what went wrong with it, and a button for its menu of quick
 * actions. The row follows the item as it changes; "5 minutes ago" and
 * the wait move on when asked (ds_item_row_refresh_time()). */
struct _DsItemRow
{
  GtkListBoxRow    parent_instance;

  DsItem          *item;
  GtkLabel        *meta;   /* who asked, where and when: for the minute's refresh */
  GtkLabel        *wait;   /* "waiting 2 h 10 min of 4 h", while the clock runs */
  DsResponseClock *clock;  /* the team's, or NULL: no clock shown */
};

G_DEFINE_FINAL_TYPE (DsItemRow, ds_item_row, GTK_TYPE_LIST_BOX_ROW)

static void
ds_item_row_finalize (GObject *object)
{
  DsItemRow *self = DS_ITEM_ROW (object);

  g_clear_object (&self->item);
  g_clear_pointer (&self->clock, ds_response_clock_unref);
  G_OBJECT_CLASS (ds_item_row_parent_class)->finalize (object);
}

static void
ds_item_row_class_init (DsItemRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ds_item_row_finalize;
}

static void
ds_item_row_init (DsItemRow *self)
{
}

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

/* The quick actions that apply to the item as it is, as the notification
 * and the tray offer them: first those with a key (A, D, I, S), then the
 * others; Snooze as how long. */
GMenuModel *
ds_item_row_menu (DsItem *item)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) first = g_menu_new ();
  g_autoptr(GMenu) later = g_menu_new ();
  const char *id = ds_item_get_id (item);

  for (DsQuickActionId q = 0; q < DS_N_QUICK_ACTIONS; q++)
    {
      const DsQuickAction *a = ds_quick_action (q);
      g_autofree char *label = NULL;
      GMenu *section = a->key != NULL ? first : later;

      if ((a->surfaces & DS_SURFACE_ROW_MENU) == 0 || !ds_quick_action_applies (a, item))
        continue;
      if (q == DS_QUICK_SNOOZE)
        {
          g_autoptr(GMenuModel) how = ds_item_snooze_menu (item);

          label = ds_quick_action_choices_label (a);
          g_menu_append_submenu (section, label, how);
        }
      else
        {
          g_autoptr(GMenuItem) entry = NULL;
          g_autofree char *action = g_strconcat ("app.", a->action, NULL);

          label = ds_quick_action_label (a, TRUE);
          entry = g_menu_item_new (label, NULL);
          g_menu_item_set_action_and_target_value (entry, action, g_variant_new_string (id));
          g_menu_append_item (section, entry);
        }
    }
  if (g_menu_model_get_n_items (G_MENU_MODEL (first)) > 0)
    g_menu_append_section (menu, NULL, G_MENU_MODEL (first));
  if (g_menu_model_get_n_items (G_MENU_MODEL (later)) > 0)
    g_menu_append_section (menu, NULL, G_MENU_MODEL (later));
  return G_MENU_MODEL (menu);
}

/**
 * ds_item_snooze_menu:
 *
 * Returns: (transfer full): how long @item may be snoozed, each entry
 *   snoozing it for that long
 */
GMenuModel *
ds_item_snooze_menu (DsItem *item)
{
  GMenu *menu = g_menu_new ();
  guint n = 0;
  const DsSnoozeChoice *choices = ds_quick_snooze_choices (&n);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GMenuItem) entry = g_menu_item_new (ds_quick_snooze_label (&choices[i]), NULL);

      g_menu_item_set_action_and_target_value (entry, "app." DS_SNOOZE_ACTION,
                                               g_variant_new ("(ss)", ds_item_get_id (item),
                                                              choices[i].how));
      g_menu_append_item (menu, entry);
    }
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

  if (ds_item_get_handed_over (item) != NULL)
    /* Translators: "<who and where> · <when> · <state> · handed over by @dana": the item
     * was still open in the handoff of the rotation before this one */
    return g_strdup_printf (_("%s · %s · %s · handed over by @%s"), where, age, status,
                            ds_item_get_handed_over (item));
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

/**
 * ds_item_show_wait:
 * @clock: (nullable): the team's response clock
 * @answered_too: also say how soon an answered item was answered (the
 *   detail pane); else only while the clock runs (the row)
 *
 * Shows on @label what the item's clock says (ds_response_wait_describe()),
 * emphasized, as an error, past the target; hides it when there is nothing
 * to say.
 */
void
ds_item_show_wait (GtkLabel        *label,
                   DsResponseClock *clock,
                   DsItem          *item,
                   gboolean         answered_too)
{
  GtkStyleContext *style = gtk_widget_get_style_context (GTK_WIDGET (label));
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  DsResponseWait wait;
  gboolean shown, late;
  g_autofree char *text = NULL;

  shown = clock != NULL && (answered_too ? ds_response_clock_measure (clock, item, now, &wait)
                                         : ds_response_clock_waiting (clock, item, now, &wait));
  /* A teammate's claim answers it, but not with a time to say. */
  if (shown && wait.answered && ds_item_get_responded (item) == 0)
    shown = FALSE;
  late = shown && !wait.answered && ds_response_wait_is_late (&wait);
  if (shown)
    text = ds_response_wait_describe (&wait, now);
  gtk_label_set_text (label, text);
  gtk_widget_set_visible (GTK_WIDGET (label), shown);
  if (late)
    {
      PangoAttrList *attrs = pango_attr_list_new ();

      pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
      gtk_label_set_attributes (label, attrs);
      pango_attr_list_unref (attrs);
      gtk_style_context_remove_class (style, "dim-label");
      gtk_style_context_add_class (style, "error");
    }
  else
    {
      gtk_label_set_attributes (label, NULL);
      gtk_style_context_remove_class (style, "error");
      gtk_style_context_add_class (style, "dim-label");
    }
}

static void
update_wait (DsItemRow *self)
{
  ds_item_show_wait (self->wait, self->clock, self->item, FALSE);
}

static void
update_problem (DsItem     *item,
                GParamSpec *pspec,
                GtkLabel   *label)
{
  const char *trouble = ds_item_get_trouble (item);

  gtk_label_set_text (label, trouble);
  gtk_widget_set_visible (GTK_WIDGET (label), trouble != NULL);
}

/**
 * ds_item_row_new:
 * @clock: (nullable): the team's response clock
 * @on_menu: called with @user_data when the row's menu button is clicked
 *   (the row is the button's #DsItemRow ancestor: ds_item_row_get_item())
 *
 * Returns: (transfer floating): a row of the list for @item
 */
GtkWidget *
ds_item_row_new (DsItem          *item,
                 DsResponseClock *clock,
                 GCallback        on_menu,
                 gpointer         user_data)
{
  DsItemRow *self = g_object_new (DS_TYPE_ITEM_ROW, NULL);
  GtkWidget *row = GTK_WIDGET (self);
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
  /* A long title does not widen the list past its column. */
  gtk_label_set_max_width_chars (GTK_LABEL (title), 40);
  gtk_label_set_width_chars (GTK_LABEL (title), 20);
  {
    PangoAttrList *attrs = pango_attr_list_new ();
    pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
    gtk_label_set_attributes (GTK_LABEL (title), attrs);
    pango_attr_list_unref (attrs);
  }

  meta_text = format_meta (item);
  gtk_label_set_text (GTK_LABEL (meta), meta_text);
  /* For the minute's refresh of "5 minutes ago". */
  self->item = g_object_ref (item);
  self->meta = GTK_LABEL (meta);
  /* Acknowledged, delegated, taken by a teammate meanwhile: the line follows. */
  g_signal_connect_object (item, "notify::state", G_CALLBACK (update_meta), meta, 0);
  g_signal_connect_object (item, "notify::claimed-by", G_CALLBACK (update_meta), meta, 0);
  g_signal_connect_object (item, "notify::handed-over", G_CALLBACK (update_meta), meta, 0);
  gtk_label_set_xalign (GTK_LABEL (meta), 0);
  gtk_label_set_ellipsize (GTK_LABEL (meta), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (meta), 40);
  gtk_style_context_add_class (gtk_widget_get_style_context (meta), "dim-label");

  gtk_container_add (GTK_CONTAINER (box), kind);
  gtk_container_add (GTK_CONTAINER (box), title);
  gtk_container_add (GTK_CONTAINER (box), meta);
  {
    /* While it waits for a first response: how long, of its target. */
    GtkWidget *wait = gtk_label_new (NULL);

    gtk_label_set_xalign (GTK_LABEL (wait), 0);
    gtk_label_set_ellipsize (GTK_LABEL (wait), PANGO_ELLIPSIZE_END);
    gtk_label_set_max_width_chars (GTK_LABEL (wait), 40);
    gtk_widget_set_no_show_all (wait, TRUE);
    self->wait = GTK_LABEL (wait);
    self->clock = clock != NULL ? ds_response_clock_ref (clock) : NULL;
    update_wait (self);
    /* Answered, taken or closed meanwhile: the clock stops at once. */
    g_signal_connect_object (item, "notify::state", G_CALLBACK (update_wait), self,
                             G_CONNECT_SWAPPED);
    g_signal_connect_object (item, "notify::claimed-by", G_CALLBACK (update_wait), self,
                             G_CONNECT_SWAPPED);
    g_signal_connect_object (item, "notify::responded", G_CALLBACK (update_wait), self,
                             G_CONNECT_SWAPPED);
    gtk_container_add (GTK_CONTAINER (box), wait);
  }
  {
    /* What went wrong with it (a write that failed for good, an action
     * that could not be kept): said where the item is, as it happens. */
    GtkWidget *problem = gtk_label_new (NULL);

    gtk_label_set_xalign (GTK_LABEL (problem), 0);
    gtk_label_set_line_wrap (GTK_LABEL (problem), TRUE);
    gtk_label_set_line_wrap_mode (GTK_LABEL (problem), PANGO_WRAP_WORD_CHAR);
    gtk_label_set_max_width_chars (GTK_LABEL (problem), 40);
    gtk_style_context_add_class (gtk_widget_get_style_context (problem), "error");
    gtk_widget_set_no_show_all (problem, TRUE);
    update_problem (item, NULL, GTK_LABEL (problem));
    g_signal_connect_object (item, "notify::problem", G_CALLBACK (update_problem), problem, 0);
    g_signal_connect_object (item, "notify::unkept", G_CALLBACK (update_problem), problem, 0);
    gtk_container_add (GTK_CONTAINER (box), problem);
  }
  gtk_widget_set_hexpand (box, TRUE);

  {
    GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
    GtkWidget *button = gtk_button_new_from_icon_name ("view-more-symbolic",
                                                       GTK_ICON_SIZE_BUTTON);
    g_autofree char *name = g_strdup_printf (_("Actions for “%s”"), ds_item_get_title (item));

    /* The menu is made when it is opened: a row costs its labels only. */
    g_signal_connect (button, "clicked", on_menu, user_data);
    gtk_widget_set_tooltip_text (button, _("Actions"));
    atk_object_set_name (gtk_widget_get_accessible (button), name);
    gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
    gtk_button_set_relief (GTK_BUTTON (button), GTK_RELIEF_NONE);
    gtk_container_add (GTK_CONTAINER (line), box);
    gtk_container_add (GTK_CONTAINER (line), button);
    g_object_set (line, "margin", 10, NULL);
    gtk_container_add (GTK_CONTAINER (row), line);
  }
  gtk_widget_show_all (row);
  return row;
}


/* "just now" becomes "1 minute ago", and the wait moves on, by @clock
 * (nullable: no clock, the team set no targets). */
void
ds_item_row_refresh_time (GtkWidget       *row,
                          DsResponseClock *clock)
{
  DsItemRow *self = DS_IS_ITEM_ROW (row) ? DS_ITEM_ROW (row) : NULL;

  if (self == NULL || self->item == NULL || self->meta == NULL)
    return;
  update_meta (self->item, NULL, self->meta);
  if (clock != self->clock)
    {
      g_clear_pointer (&self->clock, ds_response_clock_unref);
      self->clock = clock != NULL ? ds_response_clock_ref (clock) : NULL;
    }
  update_wait (self);
}

/* The row's item; NULL for a widget that is not an item's row. */
DsItem *
ds_item_row_get_item (GtkWidget *row)
{
  return DS_IS_ITEM_ROW (row) ? DS_ITEM_ROW (row)->item : NULL;
}
