/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ds-demo.h"

G_BEGIN_DECLS

/* What tests and benchmarks ask of the demo world: its story a beat at a
 * time, people who post, reply and react, a backlog, faults and Slack's
 * limit on demand, and counts of what the clients asked. Built into its own
 * library (libdayshift_demo_testing_dep), which tests and benchmarks link
 * and the application does not: src/ui includes only ds-demo.h. The world
 * keeps its counts in the application too (a few integers); only reading
 * them is here. */

/* The story by hand (ds_demo_run_story() tells it by the clock). */
void      ds_demo_step               (DsDemo      *self);
guint     ds_demo_get_n_steps        (DsDemo      *self);
guint     ds_demo_get_story_duration (void);
char     *ds_demo_dup_base_url       (DsDemo      *self);

/* People and backlog. */
void      ds_demo_post_slack         (DsDemo      *self,
                                      const char  *channel,
                                      const char  *user,
                                      const char  *text);
char     *ds_demo_post_slack_at      (DsDemo      *self,
                                      const char  *channel,
                                      const char  *user,
                                      const char  *text,
                                      gint64       at);
char     *ds_demo_reply_slack        (DsDemo      *self,
                                      const char  *channel,
                                      const char  *parent_ts,
                                      const char  *user,
                                      const char  *text);
void      ds_demo_react_slack        (DsDemo      *self,
                                      const char  *channel,
                                      const char  *ts,
                                      const char  *name,
                                      const char  *user);
void      ds_demo_edit_slack         (DsDemo      *self,
                                      const char  *channel,
                                      const char  *ts,
                                      const char  *text);
void      ds_demo_delete_slack       (DsDemo      *self,
                                      const char  *channel,
                                      const char  *ts);
void      ds_demo_add_access_requests (DsDemo     *self,
                                      guint        n);
void      ds_demo_add_comment        (DsDemo      *self,
                                      const char  *repo,
                                      gint64       number,
                                      const char  *author,
                                      const char  *body,
                                      gint64       created);
guint     ds_demo_get_n_comments     (DsDemo      *self);

/* Faults and limits. */
void      ds_demo_set_failing        (DsDemo      *self,
                                      const char  *service,
                                      guint        status);
void      ds_demo_set_failing_channel (DsDemo     *self,
                                      const char  *channel);
void      ds_demo_set_slack_limit    (DsDemo      *self,
                                      guint        calls,
                                      guint        window);

/* Counts. */
guint     ds_demo_get_n_requests     (DsDemo      *self,
                                      const char  *service);
guint     ds_demo_get_n_thread_reads (DsDemo      *self,
                                      const char  *channel,
                                      const char  *ts);
guint     ds_demo_get_n_not_modified (DsDemo      *self);
guint     ds_demo_get_n_writes       (DsDemo      *self);
guint     ds_demo_get_n_limited      (DsDemo      *self);
guint     ds_demo_get_n_reads        (DsDemo      *self);

G_END_DECLS
