/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-rotation-page"

#include "config.h"

#include <glib/gi18n.h>

#include "ds-chart.h"
#include "ds-report.h"
#include "ds-report-charts.h"
#include "ds-rotation-page.h"

/* The rotation: the shift (now or next), the support timer, Start and End,
 * the report; and the current rotation drawn: interruptions per hour by
 * kind, time to acknowledge, support time per item, where the load came
 * from. Drawn again when the page is shown and each minute while it is. */
struct _DsRotationPage
{
  GtkBox     parent_instance;

  DsStore   *store;
  guint      timer;
  GtkLabel  *rotation;
  GtkLabel  *timer_label;
  GtkWidget *start;
  GtkWidget *end;
  GtkWidget *stop;
  GtkLabel  *window;
  DsChart   *charts[4];
};

G_DEFINE_FINAL_TYPE (DsRotationPage, ds_rotation_page, GTK_TYPE_BOX)

static DsChartModel *(* const loaders[4]) (DsStore *, gint64, gint64, GError **) = {
  ds_report_chart_load, ds_report_chart_waits, ds_report_chart_tracked, ds_report_chart_places,
};

/* The current (or last) rotation, from the database, drawn again. */
void
ds_rotation_page_refresh (DsRotationPage *self)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 since = 0, until = 0;

  g_return_if_fail (DS_IS_ROTATION_PAGE (self));

  if (self->store == NULL)
    return;
  ds_report_window (self->store, now, &since, &until);
  {
    g_autofree char *from = ds_report_format_time (since);
    g_autofree char *to = ds_report_format_time (until);
    /* Translators: "The rotation from <when> to <when>" */
    g_autofree char *text = g_strdup_printf (_("The rotation from %s to %s"), from, to);
    gtk_label_set_text (self->window, text);
  }
  for (guint i = 0; i < G_N_ELEMENTS (loaders); i++)
    {
      g_autoptr(GError) error = NULL;
      DsChartModel *model = loaders[i] (self->store, since, until, &error);

      if (model == NULL)
        g_message ("The rotation could not be drawn: %s", error->message);
      else
        ds_chart_set_model (self->charts[i], model);
    }
}

static gboolean
on_minute (gpointer user_data)
{
  ds_rotation_page_refresh (user_data);
  return G_SOURCE_CONTINUE;
}

static void
on_map (DsRotationPage *self)
{
  ds_rotation_page_refresh (self);
  if (self->timer == 0)
    self->timer = g_timeout_add_seconds (60, on_minute, self);
}

static void
on_unmap (DsRotationPage *self)
{
  g_clear_handle_id (&self->timer, g_source_remove);
}

static void
ds_rotation_page_dispose (GObject *object)
{
  DsRotationPage *self = (DsRotationPage *)object;

  g_clear_handle_id (&self->timer, g_source_remove);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (ds_rotation_page_parent_class)->dispose (object);
}

static void
ds_rotation_page_class_init (DsRotationPageClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = ds_rotation_page_dispose;
}

static GtkWidget *
heading (const char *text)
{
  GtkWidget *label = gtk_label_new (text);
  PangoAttrList *bold = pango_attr_list_new ();

  pango_attr_list_insert (bold, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  gtk_label_set_attributes (GTK_LABEL (label), bold);
  pango_attr_list_unref (bold);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  g_object_set (label, "margin-top", 12, NULL);
  return label;
}

static GtkWidget *
action_button (const char *label,
               const char *action)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  return button;
}

static void
ds_rotation_page_init (DsRotationPage *self)
{
  GtkWidget *scroller = gtk_scrolled_window_new (NULL, NULL);
  GtkWidget *column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *timer_line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  static const char *titles[4] = {
    N_("Interruptions per hour"), N_("Time to acknowledge (minutes; median and 90th percentile)"),
    N_("Support time per item (minutes)"), N_("Where the load came from"),
  };
  PangoAttrList *big = pango_attr_list_new ();

  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  self->rotation = GTK_LABEL (gtk_label_new (NULL));
  pango_attr_list_insert (big, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  pango_attr_list_insert (big, pango_attr_scale_new (1.3));
  gtk_label_set_attributes (self->rotation, big);
  pango_attr_list_unref (big);
  gtk_label_set_xalign (self->rotation, 0);
  gtk_label_set_line_wrap (self->rotation, TRUE);

  self->timer_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->timer_label, 0);
  gtk_widget_set_hexpand (GTK_WIDGET (self->timer_label), TRUE);
  self->stop = action_button (_("Stop the _Timer"), "app.timer-stop");
  gtk_container_add (GTK_CONTAINER (timer_line), GTK_WIDGET (self->timer_label));
  gtk_container_add (GTK_CONTAINER (timer_line), self->stop);

  self->start = action_button (_("_Start Rotation"), "app.start-rotation");
  gtk_style_context_add_class (gtk_widget_get_style_context (self->start), "suggested-action");
  self->end = action_button (_("_End Rotation…"), "app.end-rotation");
  gtk_container_add (GTK_CONTAINER (buttons), self->start);
  gtk_container_add (GTK_CONTAINER (buttons), self->end);
  gtk_container_add (GTK_CONTAINER (buttons), action_button (_("Show the _Report"),
                                                             "app.show-report"));

  self->window = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->window, 0);
  gtk_style_context_add_class (gtk_widget_get_style_context (GTK_WIDGET (self->window)),
                               "dim-label");

  gtk_container_add (GTK_CONTAINER (column), GTK_WIDGET (self->rotation));
  gtk_container_add (GTK_CONTAINER (column), timer_line);
  gtk_container_add (GTK_CONTAINER (column), buttons);
  gtk_container_add (GTK_CONTAINER (column), heading (_("The rotation, drawn")));
  gtk_container_add (GTK_CONTAINER (column), GTK_WIDGET (self->window));
  for (guint i = 0; i < G_N_ELEMENTS (self->charts); i++)
    {
      self->charts[i] = DS_CHART (ds_chart_new ());
      gtk_container_add (GTK_CONTAINER (column), heading (_(titles[i])));
      gtk_container_add (GTK_CONTAINER (column), GTK_WIDGET (self->charts[i]));
    }
  g_object_set (column, "margin", 24, NULL);
  gtk_widget_set_size_request (column, 420, -1);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_container_add (GTK_CONTAINER (scroller), column);
  gtk_container_add (GTK_CONTAINER (self), scroller);
  g_signal_connect (self, "map", G_CALLBACK (on_map), NULL);
  g_signal_connect (self, "unmap", G_CALLBACK (on_unmap), NULL);
  gtk_widget_show_all (GTK_WIDGET (self));
  ds_rotation_page_set_status (self, NULL, NULL, FALSE);
}

GtkWidget *
ds_rotation_page_new (void)
{
  return g_object_new (DS_TYPE_ROTATION_PAGE, NULL);
}

void
ds_rotation_page_set_store (DsRotationPage *self,
                            DsStore        *store)
{
  g_return_if_fail (DS_IS_ROTATION_PAGE (self));

  g_set_object (&self->store, store);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    ds_rotation_page_refresh (self);
}

/**
 * ds_rotation_page_set_status:
 * @rotation: (nullable): "On rotation until 17:00", "Next shift Mon 09:00"
 * @timer: (nullable): the running support timer, or %NULL
 * @on_rotation: whether a rotation is under way
 */
void
ds_rotation_page_set_status (DsRotationPage *self,
                             const char     *rotation,
                             const char     *timer,
                             gboolean        on_rotation)
{
  g_return_if_fail (DS_IS_ROTATION_PAGE (self));

  gtk_label_set_text (self->rotation, rotation != NULL ? rotation
                                      : on_rotation ? _("On rotation")
                                      : _("Not on rotation"));
  gtk_label_set_text (self->timer_label, timer != NULL ? timer : _("No support timer running"));
  gtk_widget_set_visible (self->stop, timer != NULL);
  gtk_widget_set_visible (self->start, !on_rotation);
  gtk_widget_set_visible (self->end, on_rotation);
}
