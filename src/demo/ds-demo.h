/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define DS_TYPE_DEMO (ds_demo_get_type ())

G_DECLARE_FINAL_TYPE (DsDemo, ds_demo, DS, DEMO, GObject)

/* The built-in demo workspace: Slack, GitHub, PagerDuty and ZenHub as one
 * loopback server, with a scripted stream of interruptions. The app runs
 * its real code against it: it starts the world, tells its story, reads the
 * team profile that points at it and signs in with DS_DEMO_TOKEN; dropping
 * the last reference stops it. (What tests and benchmarks ask of the world,
 * faults, limits and counts, is in ds-demo-testing.h.) */

DsDemo   *ds_demo_new              (void) G_GNUC_WARN_UNUSED_RESULT;
gboolean  ds_demo_start            (DsDemo      *self,
                                    GError     **error);
void      ds_demo_run_story        (DsDemo      *self,
                                    gint64       epoch);
char     *ds_demo_dup_profile_json (DsDemo      *self);

#define DS_DEMO_TOKEN "demo-token-not-secret"

G_END_DECLS
