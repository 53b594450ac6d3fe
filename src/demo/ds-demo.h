/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define DS_TYPE_DEMO (ds_demo_get_type ())

G_DECLARE_FINAL_TYPE (DsDemo, ds_demo, DS, DEMO, GObject)

/* The built-in demo workspace: Slack, GitHub, PagerDuty and ZenHub as one
 * loopback server, with a scripted stream of interruptions. The app runs
 * its real code against it. */

DsDemo   *ds_demo_new              (void) G_GNUC_WARN_UNUSED_RESULT;
gboolean  ds_demo_start            (DsDemo      *self,
                                    GError     **error);
void      ds_demo_run_story        (DsDemo      *self,
                                    gint64       epoch);
guint     ds_demo_get_story_duration (void);
void      ds_demo_step             (DsDemo      *self);
guint     ds_demo_get_n_steps      (DsDemo      *self);
char     *ds_demo_dup_base_url     (DsDemo      *self);
char     *ds_demo_dup_profile_json (DsDemo      *self);
guint     ds_demo_get_n_requests   (DsDemo      *self,
                                    const char  *service);
guint     ds_demo_get_n_not_modified (DsDemo    *self);
void      ds_demo_post_slack       (DsDemo      *self,
                                    const char  *channel,
                                    const char  *user,
                                    const char  *text);
char     *ds_demo_post_slack_at    (DsDemo      *self,
                                    const char  *channel,
                                    const char  *user,
                                    const char  *text,
                                    gint64       at);
char     *ds_demo_reply_slack      (DsDemo      *self,
                                    const char  *channel,
                                    const char  *parent_ts,
                                    const char  *user,
                                    const char  *text);
void      ds_demo_add_access_requests (DsDemo   *self,
                                    guint        n);
void      ds_demo_react_slack      (DsDemo      *self,
                                    const char  *channel,
                                    const char  *ts,
                                    const char  *name,
                                    const char  *user);
void      ds_demo_set_slack_limit  (DsDemo      *self,
                                    guint        calls,
                                    guint        window);
guint     ds_demo_get_n_limited    (DsDemo      *self);
void      ds_demo_set_failing_channel (DsDemo   *self,
                                       const char *channel);
guint     ds_demo_get_n_writes     (DsDemo      *self);
void      ds_demo_set_failing      (DsDemo      *self,
                                    const char  *service,
                                    guint        status);

#define DS_DEMO_TOKEN "demo-token-not-secret"

G_END_DECLS
