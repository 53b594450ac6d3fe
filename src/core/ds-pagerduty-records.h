/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What Dayshift keeps of PagerDuty's records: plain structs shared by the
 * classifier, the rotation and the sources. The net layer parses them from
 * the API (src/net/ds-pagerduty.c); nothing here does I/O. */

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
  GPtrArray *users;        /* DsPdUser (id and name): who takes turns, in order */
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

void ds_pd_layer_free (DsPdLayer *layer);
void ds_pd_entry_free (DsPdEntry *entry);
void ds_pd_user_free     (DsPdUser     *user);
void ds_pd_oncall_free   (DsPdOncall   *oncall);
void ds_pd_schedule_free (DsPdSchedule *schedule);
void ds_pd_incident_free (DsPdIncident *incident);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DsPdUser, ds_pd_user_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DsPdSchedule, ds_pd_schedule_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DsPdIncident, ds_pd_incident_free)

G_END_DECLS
