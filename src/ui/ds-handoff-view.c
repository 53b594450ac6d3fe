/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-handoff-view"

#include "config.h"

#include <glib/gi18n.h>

#include "ds-handoff-view.h"
#include "ds-text.h"

/* The handoff in, on the Rotation page: who handed over and when, what
 * their rotation left (still open, on the standup list, waiting over
 * target), and each item it left: one in the inbox opens there, one that
 * is not opens its page. Hidden when nothing was handed in. */
struct _DsHandoffView
{
  GtkBox     parent_instance;

  GtkLabel  *heading;
  GtkLabel  *summary;
  GtkWidget *list;
};

G_DEFINE_FINAL_TYPE (DsHandoffView, ds_handoff_view, GTK_TYPE_BOX)

static void
ds_handoff_view_class_init (DsHandoffViewClass *klass)
{
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "handoff");
}

static void
ds_handoff_view_init (DsHandoffView *self)
{
  GtkWidget *heading = gtk_label_new (NULL);
  GtkWidget *summary = gtk_label_new (NULL);
  GtkWidget *list = gtk_list_box_new ();

  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 6);
  gtk_widget_set_margin_top (GTK_WIDGET (self), 12);
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_label_set_line_wrap (GTK_LABEL (heading), TRUE);
  {
    PangoAttrList *attrs = pango_attr_list_new ();
    pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
    gtk_label_set_attributes (GTK_LABEL (heading), attrs);
    pango_attr_list_unref (attrs);
  }
  gtk_label_set_xalign (GTK_LABEL (summary), 0);
  gtk_label_set_line_wrap (GTK_LABEL (summary), TRUE);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_style_context_add_class (gtk_widget_get_style_context (list), "frame");
  gtk_container_add (GTK_CONTAINER (self), heading);
  gtk_container_add (GTK_CONTAINER (self), summary);
  gtk_container_add (GTK_CONTAINER (self), list);
  self->heading = GTK_LABEL (heading);
  self->summary = GTK_LABEL (summary);
  self->list = list;
  gtk_widget_show_all (GTK_WIDGET (self));
  gtk_widget_set_no_show_all (GTK_WIDGET (self), TRUE);
  gtk_widget_hide (GTK_WIDGET (self));
}

GtkWidget *
ds_handoff_view_new (void)
{
  return g_object_new (DS_TYPE_HANDOFF_VIEW, NULL);
}

/* One item it left: its title (a button that opens it), what it is and
 * where it was. */
static GtkWidget *
left_row (const DsHandoffItem *it,
          DsInbox             *inbox)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *meta = gtk_label_new (NULL);
  GtkWidget *title;
  g_autofree char *meta_text = NULL;
  /* A stranger's text: shown as it reads, with nothing hidden in it. */
  g_autofree char *shown = ds_text_strip_hidden (it->title != NULL && *it->title != '\0'
                                                   ? it->title : it->id);
  gboolean here = inbox != NULL && ds_inbox_lookup (inbox, it->id) != NULL;

  if (here)
    {
      title = gtk_button_new_with_label (shown);
      gtk_actionable_set_action_target (GTK_ACTIONABLE (title), "s", it->id);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (title), "app.open-item");
      gtk_widget_set_tooltip_text (title, _("Show it in the inbox"));
    }
  else if (ds_text_is_web_link (it->url))
    {
      title = gtk_link_button_new_with_label (it->url, shown);
      gtk_widget_set_tooltip_text (title, it->url);
    }
  else
    title = gtk_label_new (shown);
  if (GTK_IS_BUTTON (title))
    {
      GtkWidget *label = gtk_bin_get_child (GTK_BIN (title));

      gtk_button_set_relief (GTK_BUTTON (title), GTK_RELIEF_NONE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
    }
  else
    {
      /* Where a button's label would be. */
      gtk_label_set_xalign (GTK_LABEL (title), 0);
      gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
      gtk_widget_set_margin_start (title, 12);
      gtk_widget_set_margin_top (title, 8);
      gtk_widget_set_margin_bottom (title, 4);
    }
  gtk_widget_set_halign (title, GTK_ALIGN_FILL);
  if (it->over_target)
    /* Translators: "Support request · Deferred to standup · waiting over target" */
    meta_text = g_strdup_printf (_("%s · %s · waiting over target"),
                                 ds_item_kind_label (it->kind), ds_item_state_label (it->state));
  else
    /* Translators: "Support request · Deferred to standup" */
    meta_text = g_strdup_printf (_("%s · %s"), ds_item_kind_label (it->kind),
                                 ds_item_state_label (it->state));
  gtk_label_set_text (GTK_LABEL (meta), meta_text);
  gtk_label_set_xalign (GTK_LABEL (meta), 0);
  gtk_style_context_add_class (gtk_widget_get_style_context (meta), "dim-label");
  gtk_widget_set_margin_start (meta, 12);
  gtk_widget_set_margin_bottom (meta, 6);
  gtk_container_add (GTK_CONTAINER (box), title);
  gtk_container_add (GTK_CONTAINER (box), meta);
  gtk_widget_show_all (box);
  return box;
}

/* "Fri 17:30": a handoff is of the days just before. */
static char *
day_and_time (gint64 t)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (t);

  return dt != NULL ? g_date_time_format (dt, "%a %H:%M") : g_strdup ("?");
}

/**
 * ds_handoff_view_set_handoff:
 * @handoff: (nullable): the handoff in, or %NULL: nothing is shown
 * @inbox: (nullable): where an item it left may be shown
 */
void
ds_handoff_view_set_handoff (DsHandoffView   *self,
                             const DsHandoff *handoff,
                             DsInbox         *inbox)
{
  g_autoptr(GList) rows = NULL;

  g_return_if_fail (DS_IS_HANDOFF_VIEW (self));

  rows = gtk_container_get_children (GTK_CONTAINER (self->list));
  for (GList *l = rows; l != NULL; l = l->next)
    gtk_widget_destroy (l->data);
  gtk_widget_set_visible (GTK_WIDGET (self), handoff != NULL);
  if (handoff == NULL)
    return;
  {
    g_autofree char *from = day_and_time (handoff->start);
    g_autofree char *to = day_and_time (handoff->end);
    /* Translators: "Handed over by @dana: the rotation from <when> to <when>" */
    g_autofree char *heading = g_strdup_printf (_("Handed over by @%s: the rotation from %s to %s"),
                                                handoff->author, from, to);
    g_autofree char *summary = ds_handoff_describe (handoff);

    gtk_label_set_text (self->heading, heading);
    gtk_label_set_text (self->summary, summary);
  }
  for (guint i = 0; i < handoff->left->len; i++)
    gtk_container_add (GTK_CONTAINER (self->list),
                       left_row (g_ptr_array_index (handoff->left, i), inbox));
  gtk_widget_set_visible (self->list, handoff->left->len > 0);
}
