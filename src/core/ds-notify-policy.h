/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "ds-item.h"

G_BEGIN_DECLS

/* Which new items become a notification of their own, which are folded
 * into one summary, and which stay quietly in the inbox. No clock of its
 * own and no display: the caller passes the time. */

#define DS_TYPE_NOTIFY_POLICY (ds_notify_policy_get_type ())

G_DECLARE_FINAL_TYPE (DsNotifyPolicy, ds_notify_policy, DS, NOTIFY_POLICY, GObject)

DsNotifyPolicy *ds_notify_policy_new             (void) G_GNUC_WARN_UNUSED_RESULT;
void            ds_notify_policy_set_burst       (DsNotifyPolicy *self,
                                                  guint           max_items,
                                                  guint           window_seconds);
gboolean        ds_notify_policy_set_quiet_hours (DsNotifyPolicy *self,
                                                  const char     *start,
                                                  const char     *end);
void            ds_notify_policy_set_on_rotation (DsNotifyPolicy *self,
                                                  gboolean        on_rotation);
gboolean        ds_notify_policy_get_on_rotation (DsNotifyPolicy *self);
void            ds_notify_policy_set_paused_until (DsNotifyPolicy *self,
                                                   gint64          until);
gint64          ds_notify_policy_get_paused_until (DsNotifyPolicy *self);
void            ds_notify_policy_set_do_not_disturb (DsNotifyPolicy *self,
                                                     gboolean        on);
gboolean        ds_notify_policy_is_quiet        (DsNotifyPolicy *self,
                                                  GDateTime      *now);
GDateTime      *ds_notify_policy_quiet_until     (DsNotifyPolicy *self,
                                                  GDateTime      *now);
void            ds_notify_policy_plan            (DsNotifyPolicy *self,
                                                  GPtrArray      *items,
                                                  GDateTime      *now,
                                                  GPtrArray      *show,
                                                  GPtrArray      *summary);
void            ds_notify_policy_add_away        (DsNotifyPolicy *self,
                                                  gint64          since,
                                                  gint64          until,
                                                  gboolean        read);
gboolean        ds_notify_policy_get_away        (DsNotifyPolicy *self,
                                                  gint64         *since,
                                                  gint64         *until);
void            ds_notify_policy_forget_away     (DsNotifyPolicy *self);
gboolean        ds_notify_policy_take_away       (DsNotifyPolicy *self,
                                                  GListModel     *items,
                                                  GDateTime      *now,
                                                  GPtrArray      *out,
                                                  gint64         *since);
gboolean        ds_notify_policy_wants           (DsItem         *item);
char           *ds_notify_summary_title          (GPtrArray      *items);
char           *ds_notify_summary_body           (GPtrArray      *items);
char           *ds_notify_away_title             (GPtrArray      *items,
                                                  gint64          since,
                                                  GDateTime      *now);
char           *ds_notify_away_body              (GPtrArray      *items);

G_END_DECLS
