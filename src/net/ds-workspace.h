/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ds-handoff.h"
#include "ds-ingest.h"
#include "ds-poller.h"
#include "ds-sender.h"
#include "ds-team-profile.h"

G_BEGIN_DECLS

#define DS_TYPE_WORKSPACE (ds_workspace_get_type ())

G_DECLARE_FINAL_TYPE (DsWorkspace, ds_workspace, DS, WORKSPACE, GObject)

DsWorkspace   *ds_workspace_new          (DsInbox      *inbox,
                                          DsStore      *store) G_GNUC_WARN_UNUSED_RESULT;
gboolean       ds_workspace_start_demo   (DsWorkspace  *self,
                                          DsTeamProfile *profile,
                                          const char   *token,
                                          GError      **error);
gboolean       ds_workspace_load_profile (DsWorkspace  *self,
                                          const char   *path,
                                          GError      **error);
void           ds_workspace_set_github_url (DsWorkspace *self,
                                            const char  *url);
void           ds_workspace_set_follow_age (DsWorkspace *self,
                                            guint        seconds);
void           ds_workspace_set_interval   (DsWorkspace *self,
                                            DsService    service,
                                            guint        seconds);
gboolean       ds_workspace_get_is_demo  (DsWorkspace  *self);
gboolean       ds_workspace_get_realtime (DsWorkspace  *self);
DsIngest      *ds_workspace_get_ingest   (DsWorkspace  *self);
DsPoller      *ds_workspace_get_poller   (DsWorkspace  *self);
DsSender      *ds_workspace_get_sender   (DsWorkspace  *self);
DsTeamProfile *ds_workspace_get_profile  (DsWorkspace  *self);
void           ds_workspace_read_shift   (DsWorkspace  *self);
GHashTable    *ds_workspace_get_away     (DsWorkspace  *self,
                                          gint64        now);
void           ds_workspace_check_now    (DsWorkspace  *self);
gint64         ds_workspace_get_waiting_until (DsWorkspace *self,
                                               DsService    service);
guint          ds_workspace_get_missing_tokens (DsWorkspace *self);
guint          ds_workspace_get_keyring_unread (DsWorkspace *self,
                                                gint64      *retry_at);
void           ds_workspace_reload_tokens (DsWorkspace *self);
void           ds_workspace_set_realtime_wanted (DsWorkspace *self,
                                                 gboolean     wanted);
void           ds_workspace_set_on_rotation (DsWorkspace *self,
                                             gboolean     on_rotation);
guint          ds_workspace_slack_interval  (guint        setting,
                                             gboolean     realtime,
                                             gboolean     on_rotation);
void           ds_workspace_set_online   (DsWorkspace  *self,
                                          gboolean      online);
void           ds_workspace_woke         (DsWorkspace  *self,
                                          gint64        asleep_since);
void           ds_workspace_read_handoffs (DsWorkspace *self,
                                           gint64       rotation_start);
gboolean       ds_workspace_hand_in      (DsWorkspace  *self,
                                          gint64        rotation_start);
DsHandoff     *ds_workspace_dup_handoff_in (DsWorkspace *self);
gboolean       ds_workspace_get_time_away (DsWorkspace *self,
                                           gint64      *since,
                                           gint64      *until);

G_END_DECLS
