/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ds-http.h"
#include "ds-pagerduty-records.h"

G_BEGIN_DECLS

/* The PagerDuty REST API v2, as plain records. Calls are *_async on a
 * DsHttp and finish with their own *_finish. Writes carry the From header set
 * with ds_http_set_pagerduty_from(). Times are Unix seconds. */


/* DsPdUser */
void ds_pagerduty_get_me_async       (DsHttp *http, GCancellable *cancellable,
                                      GAsyncReadyCallback callback, gpointer user_data);
DsPdUser *ds_pagerduty_get_me_finish (DsHttp *http, GAsyncResult *result, GError **error);
/* DsPdUser; a user not in the account fails with DS_ERROR_NOT_FOUND */
void ds_pagerduty_get_user_async     (DsHttp *http, const char *user_id, GCancellable *cancellable,
                                      GAsyncReadyCallback callback, gpointer user_data);
DsPdUser *ds_pagerduty_get_user_finish (DsHttp *http, GAsyncResult *result, GError **error);
/* DsPdUser */
void ds_pagerduty_list_users_async   (DsHttp *http, GCancellable *cancellable,
                                      GAsyncReadyCallback callback, gpointer user_data);
GPtrArray *ds_pagerduty_list_users_finish (DsHttp *http, GAsyncResult *result, GError **error);
/* DsPdOncall; @schedule_id and @user_id may be NULL */
void ds_pagerduty_list_oncalls_async (DsHttp *http, const char *schedule_id, const char *user_id,
                                      gint64 since, gint64 until, GCancellable *cancellable,
                                      GAsyncReadyCallback callback, gpointer user_data);
GPtrArray *ds_pagerduty_list_oncalls_finish (DsHttp *http, GAsyncResult *result, GError **error);
/* DsPdSchedule, rendered between @since and @until */
void ds_pagerduty_get_schedule_async (DsHttp *http, const char *schedule_id, gint64 since,
                                      gint64 until, GCancellable *cancellable,
                                      GAsyncReadyCallback callback, gpointer user_data);
DsPdSchedule *ds_pagerduty_get_schedule_finish (DsHttp *http, GAsyncResult *result,
                                                GError **error);
/* DsPdIncident, triggered or acknowledged; ids may be NULL */
void ds_pagerduty_list_incidents_async (DsHttp *http, const char *user_id, const char *team_id,
                                        GCancellable *cancellable,
                                        GAsyncReadyCallback callback, gpointer user_data);
GPtrArray *ds_pagerduty_list_incidents_finish (DsHttp *http, GAsyncResult *result, GError **error);
/* DsPdIncident */
void ds_pagerduty_get_incident_async (DsHttp *http, const char *incident_id,
                                      GCancellable *cancellable,
                                      GAsyncReadyCallback callback, gpointer user_data);
DsPdIncident *ds_pagerduty_get_incident_finish (DsHttp *http, GAsyncResult *result,
                                                GError **error);
/* DsPdIncident */
void ds_pagerduty_acknowledge_async  (DsHttp *http, const char *incident_id,
                                      GCancellable *cancellable,
                                      GAsyncReadyCallback callback, gpointer user_data);
DsPdIncident *ds_pagerduty_acknowledge_finish (DsHttp *http, GAsyncResult *result, GError **error);
/* DsPdIncident */
void ds_pagerduty_reassign_async     (DsHttp *http, const char *incident_id, const char *user_id,
                                      GCancellable *cancellable,
                                      GAsyncReadyCallback callback, gpointer user_data);
DsPdIncident *ds_pagerduty_reassign_finish (DsHttp *http, GAsyncResult *result, GError **error);
/* the note's id */
void ds_pagerduty_add_note_async     (DsHttp *http, const char *incident_id, const char *content,
                                      GCancellable *cancellable,
                                      GAsyncReadyCallback callback, gpointer user_data);
char *ds_pagerduty_add_note_finish (DsHttp *http, GAsyncResult *result, GError **error);

/* The parsers, for tests and fuzzing. */
gpointer ds_pagerduty_parse_schedule  (JsonNode *root, const DsJsonScope *scope, GError **error);
gpointer ds_pagerduty_parse_incident  (JsonNode *root, const DsJsonScope *scope, GError **error);
gboolean ds_pagerduty_parse_incidents (JsonNode *root, GPtrArray *items,
                                       const DsJsonScope *scope, GError **error);
gboolean ds_pagerduty_parse_oncalls   (JsonNode *root, GPtrArray *items,
                                       const DsJsonScope *scope, GError **error);

G_END_DECLS
