/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-pagerduty-source"

#include "config.h"

#include "ds-pagerduty.h"
#include "ds-source.h"

/* PagerDuty: triggered and acknowledged incidents of the team (or of the
 * user, without a team in the profile). Incidents no longer listed were
 * resolved. */

struct _DsPagerdutySource
{
  DsSource  parent_instance;

  char     *me;
};

G_DECLARE_FINAL_TYPE (DsPagerdutySource, ds_pagerduty_source, DS, PAGERDUTY_SOURCE, DsSource)
G_DEFINE_FINAL_TYPE (DsPagerdutySource, ds_pagerduty_source, DS_TYPE_SOURCE)

static void
on_incidents (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DsPagerdutySource *self = g_task_get_source_object (task);
  DsSource *ds = DS_SOURCE (self);
  DsIdentity me = { NULL, NULL, self->me };
  GError *error = NULL;
  g_autoptr(GPtrArray) incidents = ds_pagerduty_list_incidents_finish (DS_HTTP (source), result,
                                                                       &error);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *initialized = ds_source_get_cursor (ds, "initialized");

  if (incidents == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  for (guint i = 0; i < incidents->len; i++)
    g_ptr_array_add (items, ds_classify_incident (ds_source_get_profile (ds), &me,
                                                  incidents->pdata[i]));
  if (!ds_ingest_merge (ds_source_get_ingest (ds), items, "pagerduty",
                        DS_KIND_BIT (DS_ITEM_KIND_INCIDENT),
                        DS_INGEST_CLOSE_MISSING | (initialized ? 0 : DS_INGEST_QUIET), &error))
    {
      g_task_return_error (task, error);
      return;
    }
  ds_source_set_cursor (ds, "initialized", "1");
  g_task_return_boolean (task, TRUE);
}

static void
list_incidents (GTask *task)
{
  DsPagerdutySource *self = g_task_get_source_object (task);
  DsTeamProfile *profile = ds_source_get_profile (DS_SOURCE (self));

  ds_pagerduty_list_incidents_async (ds_source_get_http (DS_SOURCE (self)),
                                     profile->pagerduty_team ? NULL : self->me,
                                     profile->pagerduty_team, g_task_get_cancellable (task),
                                     on_incidents, task);
}

static void
on_me (GObject      *source,
       GAsyncResult *result,
       gpointer      user_data)
{
  GTask *task = user_data;
  DsPagerdutySource *self = g_task_get_source_object (task);
  GError *error = NULL;
  g_autoptr(DsPdUser) me = ds_pagerduty_get_me_finish (DS_HTTP (source), result, &error);

  if (me == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  self->me = g_strdup (me->id);
  /* PagerDuty wants the user's login email on every change. */
  ds_http_set_pagerduty_from (DS_HTTP (source), me->email);
  list_incidents (task);
}

static void
ds_pagerduty_source_poll_async (DsSource            *source,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  DsPagerdutySource *self = DS_PAGERDUTY_SOURCE (source);
  GTask *task = g_task_new (source, cancellable, callback, user_data);

  g_task_set_source_tag (task, ds_pagerduty_source_poll_async);
  if (self->me == NULL)
    ds_pagerduty_get_me_async (ds_source_get_http (source), cancellable, on_me, task);
  else
    list_incidents (task);
}

static gboolean
ds_pagerduty_source_poll_finish (DsSource      *source,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
ds_pagerduty_source_token_changed (DsSource *source)
{
  g_clear_pointer (&DS_PAGERDUTY_SOURCE (source)->me, g_free);
}

static void
ds_pagerduty_source_finalize (GObject *object)
{
  g_free (DS_PAGERDUTY_SOURCE (object)->me);
  G_OBJECT_CLASS (ds_pagerduty_source_parent_class)->finalize (object);
}

static void
ds_pagerduty_source_class_init (DsPagerdutySourceClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ds_pagerduty_source_finalize;
  DS_SOURCE_CLASS (klass)->poll_async = ds_pagerduty_source_poll_async;
  DS_SOURCE_CLASS (klass)->poll_finish = ds_pagerduty_source_poll_finish;
  DS_SOURCE_CLASS (klass)->token_changed = ds_pagerduty_source_token_changed;
}

static void
ds_pagerduty_source_init (DsPagerdutySource *self)
{
}

DsSource *
ds_pagerduty_source_new (DsHttp        *http,
                         DsTeamProfile *profile,
                         DsIngest      *ingest,
                         DsStore       *store)
{
  return g_object_new (ds_pagerduty_source_get_type (),
                       "name", "pagerduty", "service", DS_SERVICE_PAGERDUTY, "http", http,
                       "profile", profile, "ingest", ingest, "store", store, NULL);
}
