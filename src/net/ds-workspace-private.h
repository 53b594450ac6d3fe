/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ds-secrets.h"
#include "ds-sender.h"
#include "ds-slack-socket.h"
#include "ds-workspace.h"
#include "ds-pagerduty-records.h"

G_BEGIN_DECLS

/* The workspace's insides, shared by its files: the sources, Socket Mode and
 * the life cycle (ds-workspace.c), the tokens (ds-workspace-tokens.c), the
 * team profile from a file or a GitHub repository (ds-workspace-profile.c),
 * the user's shift from PagerDuty (ds-workspace-shift.c), the handoffs on
 * the super-epics (ds-workspace-handoffs.c), what it says
 * about reading the services and Check now (ds-workspace-health.c), time
 * away and catching up (ds-workspace-away.c). */

#define SHIFT_RECHECK (4 * 60 * 60)

struct _DsWorkspace
{
  GObject        parent_instance;

  DsInbox       *inbox;
  DsStore       *store;
  DsIngest      *ingest;
  DsHttp        *http;
  DsPoller      *poller;
  DsSender      *sender;         /* NULL without a store */
  DsSource      *sources[DS_N_SERVICES]; /* borrowed from the poller; NULL: not read */
  DsSlackSocket *socket;         /* Socket Mode, when an app token is saved */
  gboolean       socket_mode;    /* a Slack app token is saved */
  guint          slack_interval; /* slack-poll-interval: between Slack polls on rotation */
  guint          follow_age;     /* seconds an open Slack request is followed; 0: default */
  gboolean       realtime_wanted;
  gboolean       on_rotation;
  DsTeamProfile *profile;
  char          *demo_token;     /* the demo world's token, for every service; else NULL */
  GFileMonitor  *monitor;
  char          *path;
  char          *github_url;      /* the github-host setting's: where a profile kept on
                                   * GitHub is read, and GitHub for a profile naming none */
  DsHttp        *profile_http;    /* reads it, with its own conditional cache */
  char          *profile_repo;
  char          *profile_file;
  guint          profile_timer;
  guint          shift_timer;     /* reads the PagerDuty schedule a few times a day */
  GCancellable  *cancellable;
  guint          token_round;               /* the keyring lookups whose answers count */
  guint          pending_tokens;            /* of that round, still to answer */
  guint          round_missing;             /* 1 << DsService, as that round finds them */
  guint          round_changed;             /* 1 << DsService: a token that round changed */
  guint          missing_tokens;            /* 1 << DsService, as of the last round */
  guint          round_keyring;             /* 1 << DsService: the keyring failed that round */
  GError        *round_error;               /* the first of those failures */
  gboolean       round_error_app;           /* it is of a second token (Slack's app token) */
  guint          keyring_unread;            /* 1 << DsService: unread for it, last round */
  guint          keyring_retry;             /* the timer that asks the keyring again */
  guint          keyring_delay;             /* seconds of the last wait planned; 0: none */
  gint64         keyring_retry_at;          /* when it asks (Unix seconds) */
  int            keyring_told;              /* the failure's code + 1, as said; 0: none */
  char          *keyring_said;              /* the summary it was said with */
  guint          intervals[DS_N_SERVICES];  /* seconds between polls; 0: the default */
  GHashTable    *last_errors;               /* source name -> Told */
  guint          stale;                     /* 1 << DsService: told unread too long */
  char          *schedule_error;            /* the PagerDuty schedule's, as told */
  DsPdSchedule  *schedule;                  /* as last read: who is away */
  GHashTable    *handoffs_told;             /* the handoff blocks told as not read */
  char          *github_login;              /* whose the GitHub token is, once asked */
  gboolean       profile_token_failed;      /* the keyring did not give the token that
                                             * reads the team profile from GitHub */
  gboolean       online;
  gint64         last_read;                 /* the last good read of any source (Unix s) */
  gint64         last_kept;                 /* the last read the store was told of */
  gint64         away_since;                /* a time away being caught up, */
  gint64         away_until;                /* or 0 */
};

void     _ds_workspace_problem            (DsWorkspace       *self,
                                           const char        *summary,
                                           const char        *detail);
void     _ds_workspace_profile_problem    (DsWorkspace       *self,
                                           const char        *summary,
                                           const char        *detail);
void     _ds_workspace_problem_gone       (DsWorkspace       *self,
                                           const char        *summary);
void     _ds_workspace_emit_stale         (DsWorkspace       *self,
                                           DsService          service,
                                           gboolean           stale,
                                           gint64             since);
void     _ds_workspace_emit_waiting       (DsWorkspace       *self,
                                           DsService          service,
                                           gint64             until);
void     _ds_workspace_emit_time_away     (DsWorkspace       *self,
                                           gint64             since,
                                           gint64             until);
void     _ds_workspace_emit_caught_up     (DsWorkspace       *self,
                                           gint64             since,
                                           gint64             until);
void     _ds_workspace_emit_shift         (DsWorkspace       *self,
                                           gint64             start,
                                           gint64             end,
                                           const char        *next_person);
gboolean _ds_workspace_apply_profile      (DsWorkspace       *self,
                                           DsTeamProfile     *profile,
                                           GError           **error);

void     _ds_workspace_emit_tokens        (DsWorkspace       *self);
void     _ds_workspace_add_source         (DsWorkspace       *self,
                                           DsService          service);
void     _ds_workspace_remove_source      (DsWorkspace       *self,
                                           DsService          service);
void     _ds_workspace_start_socket       (DsWorkspace       *self);
void     _ds_workspace_stop_socket        (DsWorkspace       *self);

/* ds-workspace-tokens.c */
const char *_ds_workspace_host_of         (const char        *url,
                                           DsService          service);
void     _ds_workspace_start_with_tokens  (DsWorkspace       *self);
void     _ds_workspace_tokens_dispose     (DsWorkspace       *self);
void     _ds_workspace_keyring_failed     (DsWorkspace       *self,
                                           const GError      *error,
                                           guint              unread,
                                           gboolean           profile);

/* ds-workspace-profile.c */
gboolean _ds_workspace_load_file          (DsWorkspace       *self,
                                           const char        *path,
                                           GError           **error);
gboolean _ds_workspace_load_from_github   (DsWorkspace       *self,
                                           GError           **error);
void     _ds_workspace_on_profile_changed (GFileMonitor      *monitor,
                                           GFile             *file,
                                           GFile             *other,
                                           GFileMonitorEvent  event,
                                           DsWorkspace       *self);

/* ds-workspace-health.c */
void     _ds_workspace_on_polled          (DsPoller          *poller,
                                           DsSource          *source,
                                           GError            *error,
                                           DsWorkspace       *self);
void     _ds_workspace_on_stale_changed   (DsPoller          *poller,
                                           DsSource          *source,
                                           gboolean           stale,
                                           gint64             since,
                                           DsWorkspace       *self);
void     _ds_workspace_forget_stale       (DsWorkspace       *self,
                                           DsService          service);
void     _ds_workspace_forget_all_stale   (DsWorkspace       *self);

/* ds-workspace-away.c */
void     _ds_workspace_away_init          (DsWorkspace       *self);
void     _ds_workspace_read_well          (DsWorkspace       *self);
void     _ds_workspace_back_online        (DsWorkspace       *self);
void     _ds_workspace_on_caught_up       (DsPoller          *poller,
                                           DsWorkspace       *self);

/* ds-workspace-handoffs.c */
void     _ds_workspace_read_handoffs_if_old (DsWorkspace     *self);

/* ds-workspace-shift.c */
void     _ds_workspace_read_shift_now     (DsWorkspace       *self);
void     _ds_workspace_start_shift_watch  (DsWorkspace       *self);

G_END_DECLS
