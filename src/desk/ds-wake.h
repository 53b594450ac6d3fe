/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define DS_TYPE_WAKE (ds_wake_get_type ())

G_DECLARE_FINAL_TYPE (DsWake, ds_wake, DS, WAKE, GObject)

/* A clock in µs, of the caller's: the wall clock or the monotonic one. */
typedef gint64 (*DsWakeClock) (gpointer user_data);

DsWake *ds_wake_new        (gboolean     logind) G_GNUC_WARN_UNUSED_RESULT;
void    ds_wake_set_clocks (DsWake      *self,
                            DsWakeClock  real,
                            DsWakeClock  monotonic,
                            gpointer     user_data);
void    ds_wake_check      (DsWake      *self);

G_END_DECLS
