/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ds-http.h"

G_BEGIN_DECLS

/* The PagerDuty REST API v2, as plain records. Calls are *_async on a
 * DsHttp and finish with ds_http_fetch_finish() or
 * ds_http_fetch_pages_finish(), as noted. Writes carry the From header set
 * with ds_http_set_pagerduty_from(). Times are Unix seconds. */

typedef struct
{
  char *id;
  char *name;
  char *email;
  char *time_zone;
} DsPdUser;

typedef struct
{
  char   *user_id;
  char   *user_name;
  char   *schedule_id;
  gint64  escalation_level;
  gint64  start;   /* 0: always on call */
  gint64  end;
} DsPdOncall;

typedef struct
{
  char   *user_id;
  char   *user_name;
  gint64  start;
  gint64  end;
} DsPdEntry;

typedef struct
{
  char      *id;
  char      *name;
  GPtrArray *entries;      /* DsPdEntry, rendered */
} DsPdLayer;

typedef struct
{
  char      *id;
  char      *name;
  char      *time_zone;
  GPtrArray *layers;       /* DsPdLayer */
  GPtrArray *final_entries; /* DsPdEntry: layers with overrides applied */
} DsPdSchedule;

typedef struct
{
  char    *id;
  gint64   number;
  char    *title;
  char    *status;        /* triggered, acknowledged, resolved */
  char    *urgency;       /* high, low */
  char    *html_url;
  char    *service;
  char   **assignees;     /* user ids */
  gint64   created;
} DsPdIncident;

void ds_pd_user_free     (DsPdUser     *user);
void ds_pd_oncall_free   (DsPdOncall   *oncall);
void ds_pd_schedule_free (DsPdSchedule *schedule);
void ds_pd_incident_free (DsPdIncident *incident);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DsPdUser, ds_pd_user_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DsPdSchedule, ds_pd_schedule_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DsPdIncident, ds_pd_incident_free)

/* fetch_finish: DsPdUser */
void ds_pagerduty_get_me_async       (DsHttp *http, GCancellable *cancellable,
                                      GAsyncReadyCallback callback, gpointer user_data);
/* pages_finish: DsPdUser */
void ds_pagerduty_list_users_async   (DsHttp *http, GCancellable *cancellable,
                                      GAsyncReadyCallback callback, gpointer user_data);
/* pages_finish: DsPdOncall; @schedule_id and @user_id may be NULL */
void ds_pagerduty_list_oncalls_async (DsHttp *http, const char *schedule_id, const char *user_id,
                                      gint64 since, gint64 until, GCancellable *cancellable,
                                      GAsyncReadyCallback callback, gpointer user_data);
/* fetch_finish: DsPdSchedule, rendered between @since and @until */
void ds_pagerduty_get_schedule_async (DsHttp *http, const char *schedule_id, gint64 since,
                                      gint64 until, GCancellable *cancellable,
                                      GAsyncReadyCallback callback, gpointer user_data);
/* pages_finish: DsPdIncident, triggered or acknowledged; ids may be NULL */
void ds_pagerduty_list_incidents_async (DsHttp *http, const char *user_id, const char *team_id,
                                        GCancellable *cancellable,
                                        GAsyncReadyCallback callback, gpointer user_data);
/* fetch_finish: DsPdIncident */
void ds_pagerduty_get_incident_async (DsHttp *http, const char *incident_id,
                                      GCancellable *cancellable,
                                      GAsyncReadyCallback callback, gpointer user_data);
/* fetch_finish: DsPdIncident */
void ds_pagerduty_acknowledge_async  (DsHttp *http, const char *incident_id,
                                      GCancellable *cancellable,
                                      GAsyncReadyCallback callback, gpointer user_data);
/* fetch_finish: DsPdIncident */
void ds_pagerduty_reassign_async     (DsHttp *http, const char *incident_id, const char *user_id,
                                      GCancellable *cancellable,
                                      GAsyncReadyCallback callback, gpointer user_data);
/* fetch_finish: the note's id (char *) */
void ds_pagerduty_add_note_async     (DsHttp *http, const char *incident_id, const char *content,
                                      GCancellable *cancellable,
                                      GAsyncReadyCallback callback, gpointer user_data);

/* The parsers, for tests and fuzzing. */
gpointer ds_pagerduty_parse_schedule  (JsonNode *root, const DsJsonScope *scope, GError **error);
gpointer ds_pagerduty_parse_incident  (JsonNode *root, const DsJsonScope *scope, GError **error);
gboolean ds_pagerduty_parse_incidents (JsonNode *root, GPtrArray *items,
                                       const DsJsonScope *scope, GError **error);
gboolean ds_pagerduty_parse_oncalls   (JsonNode *root, GPtrArray *items,
                                       const DsJsonScope *scope, GError **error);

G_END_DECLS
