/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ds-classifier.h"
#include "ds-http.h"
#include "ds-ingest.h"
#include "ds-store.h"
#include "ds-team-profile.h"

G_BEGIN_DECLS

#define DS_TYPE_SOURCE (ds_source_get_type ())

G_DECLARE_DERIVABLE_TYPE (DsSource, ds_source, DS, SOURCE, GObject)

/* One service watched for the inbox. A poll reads what is new or changed,
 * classifies it and hands it to the ingest; the poller decides when. */
struct _DsSourceClass
{
  GObjectClass parent_class;

  void     (*poll_async)  (DsSource            *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data);
  gboolean (*poll_finish) (DsSource            *self,
                           GAsyncResult        *result,
                           GError             **error);
  /* The token sent to the service changed: who it belongs to is asked again. */
  void     (*token_changed) (DsSource          *self);
};

/* The wall clock in Unix seconds, on a clock of the caller's. */
typedef gint64 (*DsSourceClock) (gpointer user_data);

void           ds_source_poll_async   (DsSource            *self,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
gboolean       ds_source_poll_finish  (DsSource            *self,
                                       GAsyncResult        *result,
                                       GError             **error);
void           ds_source_token_changed (DsSource           *self);
const char    *ds_source_get_name     (DsSource            *self);
DsService      ds_source_get_service  (DsSource            *self);
guint          ds_source_get_interval (DsSource            *self);
void           ds_source_set_interval (DsSource            *self,
                                       guint                seconds);
void           ds_source_set_server_interval (DsSource     *self,
                                              guint         seconds);
DsHttp        *ds_source_get_http     (DsSource            *self);
DsIngest      *ds_source_get_ingest   (DsSource            *self);
DsStore       *ds_source_get_store    (DsSource            *self);
DsTeamProfile *ds_source_get_profile  (DsSource            *self);
char          *ds_source_get_cursor   (DsSource            *self,
                                       const char          *key);
void           ds_source_set_cursor   (DsSource            *self,
                                       const char          *key,
                                       const char          *value);
void           ds_source_set_clock    (DsSource            *self,
                                       DsSourceClock        clock,
                                       gpointer             user_data);
gint64         ds_source_now          (DsSource            *self);

DsSource *ds_slack_source_new     (DsHttp *http, DsTeamProfile *profile, DsIngest *ingest,
                                   DsStore *store) G_GNUC_WARN_UNUSED_RESULT;
void      ds_slack_source_hint    (DsSource *source, const char *channel, const char *ts);
gboolean  ds_slack_source_take_event (DsSource *source, const DsSlackEvent *event);
void      ds_slack_source_set_follow_age (DsSource *source, guint seconds);
DsSource *ds_github_source_new    (DsHttp *http, DsTeamProfile *profile, DsIngest *ingest,
                                   DsStore *store) G_GNUC_WARN_UNUSED_RESULT;
DsSource *ds_pagerduty_source_new (DsHttp *http, DsTeamProfile *profile, DsIngest *ingest,
                                   DsStore *store) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
