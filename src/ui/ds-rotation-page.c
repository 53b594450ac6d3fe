/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-rotation-page"

#include "config.h"

#include <glib/gi18n.h>

#include "ds-chart.h"
#include "ds-handoff-view.h"
#include "ds-report.h"
#include "ds-report-charts.h"
#include "ds-rotation-page.h"

/* The rotation: the shift (now or next), the support timer, Start and End,
 * the report; and the current rotation drawn: interruptions per hour by
 * kind, time to acknowledge, first responses within and over target (when
 * the team set targets), support time per item, where the load came from;
 * and the team's past rotations, from the handoffs read back from GitHub.
 * Drawn again when the page is shown and each minute while it is. */
struct _DsRotationPage
{
  GtkBox           parent_instance;

  DsStore         *store;
  DsResponseClock *clock;
  guint            timer;
  GtkLabel        *rotation;
  GtkLabel        *timer_label;
  GtkWidget       *start;
  GtkWidget       *end;
  GtkWidget       *stop;
  GtkLabel        *window;
  GtkWidget       *responses_heading;
  GtkWidget       *past_none;
  GtkWidget       *past_more;
  DsHandoffView   *handoff;
  DsChart         *charts[DS_REPORT_N_CHARTS];
};

G_DEFINE_FINAL_TYPE (DsRotationPage, ds_rotation_page, GTK_TYPE_BOX)

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
  for (DsReportChart i = 0; i < DS_REPORT_N_CHARTS; i++)
    {
      g_autoptr(GError) error = NULL;
      DsChartModel *model = ds_report_chart (i, self->store, self->clock, since, until, &error);

      if (model == NULL)
        {
          g_message ("The rotation could not be drawn: %s", error->message);
          continue;
        }
      /* No past rotation read yet: said in words, not as empty charts. */
      if (DS_REPORT_CHART_IS_PAST (i))
        {
          gboolean none = ds_chart_model_get_n_categories (model) == 0;

          gtk_widget_set_visible (GTK_WIDGET (self->charts[i]), !none);
          if (i == DS_REPORT_CHART_PAST)
            {
              gtk_widget_set_visible (self->past_none, none);
              gtk_widget_set_visible (self->past_more, !none);
            }
        }
      ds_chart_set_model (self->charts[i], model);
    }
  /* No targets in the team profile: no first responses to count. */
  gtk_widget_set_visible (self->responses_heading, self->clock != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->charts[DS_REPORT_CHART_RESPONSES]),
                          self->clock != NULL);
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
  g_clear_pointer (&self->clock, ds_response_clock_unref);

  G_OBJECT_CLASS (ds_rotation_page_parent_class)->dispose (object);
}

static void
ds_rotation_page_class_init (DsRotationPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  /* The charts' widgets, in the order of DsReportChart. */
  static const char *charts[DS_REPORT_N_CHARTS] = {
    "chart_load", "chart_waits", "chart_responses", "chart_tracked", "chart_places",
    "chart_past", "chart_past_ack", "chart_past_responses",
  };

  G_OBJECT_CLASS (klass)->dispose = ds_rotation_page_dispose;
  g_type_ensure (DS_TYPE_CHART);
  g_type_ensure (DS_TYPE_HANDOFF_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/ds-rotation-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DsRotationPage, rotation);
  gtk_widget_class_bind_template_child (widget_class, DsRotationPage, timer_label);
  gtk_widget_class_bind_template_child (widget_class, DsRotationPage, start);
  gtk_widget_class_bind_template_child (widget_class, DsRotationPage, end);
  gtk_widget_class_bind_template_child (widget_class, DsRotationPage, stop);
  gtk_widget_class_bind_template_child (widget_class, DsRotationPage, window);
  gtk_widget_class_bind_template_child (widget_class, DsRotationPage, responses_heading);
  gtk_widget_class_bind_template_child (widget_class, DsRotationPage, past_none);
  gtk_widget_class_bind_template_child (widget_class, DsRotationPage, past_more);
  gtk_widget_class_bind_template_child (widget_class, DsRotationPage, handoff);
  /* The charts, in the order of their loaders. */
  for (guint i = 0; i < G_N_ELEMENTS (charts); i++)
    gtk_widget_class_bind_template_child_full (widget_class, charts[i], FALSE,
                                               G_STRUCT_OFFSET (DsRotationPage, charts)
                                               + i * sizeof (DsChart *));
}

static void
ds_rotation_page_init (DsRotationPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (self, "map", G_CALLBACK (on_map), NULL);
  g_signal_connect (self, "unmap", G_CALLBACK (on_unmap), NULL);
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
 * ds_rotation_page_set_response_clock:
 * @clock: (nullable): the team profile's, or %NULL when it sets no targets
 *
 * The first responses are counted against its targets, in its working time.
 */
void
ds_rotation_page_set_response_clock (DsRotationPage  *self,
                                     DsResponseClock *clock)
{
  g_return_if_fail (DS_IS_ROTATION_PAGE (self));

  if (self->clock == clock)
    return;
  g_clear_pointer (&self->clock, ds_response_clock_unref);
  if (clock != NULL)
    self->clock = ds_response_clock_ref (clock);
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

/**
 * ds_rotation_page_set_handoff_in:
 * @handoff: (nullable): the handoff in, or %NULL
 * @inbox: (nullable): where an item it left may be shown
 *
 * What the rotation before left, above the charts; the past rotations are
 * drawn again, as the handoffs were just read.
 */
void
ds_rotation_page_set_handoff_in (DsRotationPage  *self,
                                 const DsHandoff *handoff,
                                 DsInbox         *inbox)
{
  g_return_if_fail (DS_IS_ROTATION_PAGE (self));

  ds_handoff_view_set_handoff (self->handoff, handoff, inbox);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    ds_rotation_page_refresh (self);
}
