/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-standup-page"

#include "config.h"

#include <glib/gi18n.h>

#include "ds-standup-page.h"

/* The standup list: what was deferred to the standup and what was brought
 * to the team, each with the note to say about it (typed in place), Remove
 * (back in your hands), and Copy as Markdown for the team's notes. It
 * follows the inbox; it holds a handful of items, so it is simply built
 * again when one changes. */
struct _DsStandupPage
{
  GtkBox      parent_instance;

  DsInbox    *inbox;
  GtkListBox *list;
  GtkStack   *stack;
  GtkLabel   *count;
  guint       rebuild;
};

G_DEFINE_FINAL_TYPE (DsStandupPage, ds_standup_page, GTK_TYPE_BOX)

/* An item's note entry: which item, and the note as kept. Held by both of
 * its handlers. */
typedef struct
{
  char *id;
  char *saved;   /* or NULL */
} Note;

static void
note_clear (gpointer data)
{
  Note *note = data;

  g_free (note->id);
  g_free (note->saved);
}

static void
note_release (gpointer  data,
              GClosure *closure)
{
  g_rc_box_release_full (data, note_clear);
}

static void
on_note_activate (GtkEntry *entry,
                  Note     *note)
{
  const char *id = note->id;
  GApplication *app = g_application_get_default ();

  if (app != NULL && g_action_group_has_action (G_ACTION_GROUP (app), "standup-note"))
    g_action_group_activate_action (G_ACTION_GROUP (app), "standup-note",
                                    g_variant_new ("(ss)", id, gtk_entry_get_text (entry)));
}

static gboolean
on_note_focus_out (GtkEntry *entry,
                   GdkEvent *event,
                   Note     *note)
{
  const char *saved = note->saved;

  if (g_strcmp0 (saved != NULL ? saved : "", gtk_entry_get_text (entry)) != 0)
    on_note_activate (entry, note);
  return GDK_EVENT_PROPAGATE;
}

static GtkWidget *
make_row (DsItem *item)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *title = gtk_label_new (ds_item_get_title (item));
  GtkWidget *meta = gtk_label_new (NULL);
  GtkWidget *note = gtk_entry_new ();
  GtkWidget *remove = gtk_button_new_with_label (_("Remove"));
  g_autofree char *where = NULL;
  g_autofree char *note_name = g_strdup_printf (_("Note for “%s”"), ds_item_get_title (item));
  g_autofree char *remove_name = g_strdup_printf (_("Remove “%s” from the standup"),
                                                  ds_item_get_title (item));
  PangoAttrList *bold = pango_attr_list_new ();
  Note *kept = g_rc_box_new0 (Note);

  pango_attr_list_insert (bold, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  gtk_label_set_attributes (GTK_LABEL (title), bold);
  pango_attr_list_unref (bold);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (title, TRUE);
  where = g_strdup_printf ("%s · %s%s%s", ds_item_kind_label (ds_item_get_kind (item)),
                           ds_item_state_label (ds_item_get_state (item)),
                           ds_item_get_channel (item) != NULL ? " · " : "",
                           ds_item_get_channel (item) != NULL ? ds_item_get_channel (item) : "");
  gtk_label_set_text (GTK_LABEL (meta), where);
  gtk_label_set_xalign (GTK_LABEL (meta), 0);
  gtk_style_context_add_class (gtk_widget_get_style_context (meta), "dim-label");

  gtk_entry_set_placeholder_text (GTK_ENTRY (note), _("What to say about it at the standup"));
  if (ds_item_get_standup_note (item) != NULL)
    gtk_entry_set_text (GTK_ENTRY (note), ds_item_get_standup_note (item));
  atk_object_set_name (gtk_widget_get_accessible (note), note_name);
  kept->id = g_strdup (ds_item_get_id (item));
  kept->saved = g_strdup (ds_item_get_standup_note (item));
  g_signal_connect_data (note, "activate", G_CALLBACK (on_note_activate), kept,
                         note_release, 0);
  g_signal_connect_data (note, "focus-out-event", G_CALLBACK (on_note_focus_out),
                         g_rc_box_acquire (kept), note_release, 0);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (remove),
                                          g_variant_new_string (ds_item_get_id (item)));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "app.standup-remove");
  atk_object_set_name (gtk_widget_get_accessible (remove), remove_name);
  gtk_widget_set_tooltip_text (remove, _("Off the standup list, back in your hands"));
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);

  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 4);
  g_object_set (grid, "margin", 12, NULL);
  gtk_grid_attach (GTK_GRID (grid), title, 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), meta, 0, 1, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), note, 0, 2, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), remove, 1, 0, 1, 3);
  gtk_container_add (GTK_CONTAINER (row), grid);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_show_all (row);
  return row;
}

static gboolean
rebuild (gpointer user_data)
{
  DsStandupPage *self = user_data;
  g_autoptr(GList) old = gtk_container_get_children (GTK_CONTAINER (self->list));
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->inbox));
  guint shown = 0;

  self->rebuild = 0;
  for (GList *l = old; l != NULL; l = l->next)
    gtk_widget_destroy (l->data);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DsItem) item = g_list_model_get_item (G_LIST_MODEL (self->inbox), i);

      if (ds_item_is_for_standup (item))
        {
          gtk_container_add (GTK_CONTAINER (self->list), make_row (item));
          shown++;
        }
    }
  gtk_stack_set_visible_child_name (self->stack, shown > 0 ? "list" : "empty");
  {
    g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                           "%u item for the standup",
                                                           "%u items for the standup", shown),
                                              shown);
    gtk_label_set_text (self->count, count);
  }
  return G_SOURCE_REMOVE;
}

/* Once per main loop turn, however much changed; not while a note is typed. */
static void
schedule_rebuild (DsStandupPage *self)
{
  GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (gtk_widget_get_toplevel (GTK_WIDGET (self))));

  if (self->rebuild != 0)
    return;
  if (focus != NULL && GTK_IS_ENTRY (focus) && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->list)))
    self->rebuild = g_timeout_add_seconds (2, rebuild, self);
  else
    self->rebuild = g_idle_add (rebuild, self);
}

static void
ds_standup_page_dispose (GObject *object)
{
  DsStandupPage *self = (DsStandupPage *)object;

  g_clear_handle_id (&self->rebuild, g_source_remove);
  if (self->inbox != NULL)
    g_signal_handlers_disconnect_by_data (self->inbox, self);
  g_clear_object (&self->inbox);

  G_OBJECT_CLASS (ds_standup_page_parent_class)->dispose (object);
}

static void
ds_standup_page_class_init (DsStandupPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = ds_standup_page_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/ds-standup-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DsStandupPage, list);
  gtk_widget_class_bind_template_child (widget_class, DsStandupPage, stack);
  gtk_widget_class_bind_template_child (widget_class, DsStandupPage, count);
}

static void
ds_standup_page_init (DsStandupPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
ds_standup_page_new (DsInbox *inbox)
{
  DsStandupPage *self;

  g_return_val_if_fail (DS_IS_INBOX (inbox), NULL);

  self = g_object_new (DS_TYPE_STANDUP_PAGE, NULL);
  self->inbox = g_object_ref (inbox);
  g_signal_connect_swapped (inbox, "items-changed", G_CALLBACK (schedule_rebuild), self);
  rebuild (self);
  return GTK_WIDGET (self);
}
