/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ds-demo.h"
#include "ds-setup-check.h"
#include "ds-workspace.h"

G_BEGIN_DECLS

#define DS_TYPE_DESK (ds_desk_get_type ())

G_DECLARE_FINAL_TYPE (DsDesk, ds_desk, DS, DESK, GObject)

DsDesk        *ds_desk_new               (void) G_GNUC_WARN_UNUSED_RESULT;
void           ds_desk_use               (DsDesk       *self,
                                          const char   *location);
gboolean       ds_desk_perform           (DsDesk       *self,
                                          DsItem       *item,
                                          DsItemState   to,
                                          GPtrArray    *writes,
                                          const char   *note,
                                          GError      **error);
gboolean       ds_desk_record            (DsDesk       *self,
                                          DsItem       *item,
                                          const char   *note,
                                          GPtrArray    *writes,
                                          GError      **error);
void           ds_desk_set_github_url    (DsDesk       *self,
                                          const char   *url);
void           ds_desk_set_interval      (DsDesk       *self,
                                          DsService     service,
                                          guint         seconds);
void           ds_desk_set_follow_age    (DsDesk       *self,
                                          guint         seconds);
void           ds_desk_set_online        (DsDesk       *self,
                                          gboolean      online);
void           ds_desk_woke              (DsDesk       *self,
                                          gint64        asleep_since);

DsInbox       *ds_desk_get_inbox         (DsDesk       *self);
DsStore       *ds_desk_get_store         (DsDesk       *self);
const char    *ds_desk_get_store_path    (DsDesk       *self);
const char    *ds_desk_get_store_error   (DsDesk       *self);
DsWorkspace   *ds_desk_get_workspace     (DsDesk       *self);
gboolean       ds_desk_get_is_demo       (DsDesk       *self);
const char    *ds_desk_get_location      (DsDesk       *self);
const char    *ds_desk_get_profile_error (DsDesk       *self);
const char    *ds_desk_get_startup_problem (DsDesk     *self);
char          *ds_desk_dup_unread        (DsDesk       *self);
DsSetupCheck  *ds_desk_new_setup_check   (DsDesk       *self,
                                          GError      **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
