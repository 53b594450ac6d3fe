/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ds-source.h"

G_BEGIN_DECLS

#define DS_TYPE_POLLER (ds_poller_get_type ())

G_DECLARE_FINAL_TYPE (DsPoller, ds_poller, DS, POLLER, GObject)

/* The time in µs, on a clock of the caller's. */
typedef gint64 (*DsPollerClock) (gpointer user_data);

DsPoller *ds_poller_new        (DsHttp   *http) G_GNUC_WARN_UNUSED_RESULT;
void      ds_poller_add        (DsPoller *self,
                                DsSource *source);
void      ds_poller_remove     (DsPoller *self,
                                DsSource *source);
void      ds_poller_start      (DsPoller *self);
void      ds_poller_stop       (DsPoller *self);
void      ds_poller_set_online (DsPoller *self,
                                gboolean  online);
gboolean  ds_poller_get_online (DsPoller *self);
void      ds_poller_poll_now   (DsPoller *self);
void      ds_poller_catch_up   (DsPoller *self);
void      ds_poller_poll_source (DsPoller *self,
                                 DsSource *source);
guint     ds_poller_get_n_polls (DsPoller *self,
                                 DsSource *source);
gboolean  ds_poller_get_busy    (DsPoller *self);
gboolean  ds_poller_get_stale   (DsPoller *self,
                                 DsSource *source,
                                 gint64   *since);
void      ds_poller_set_clock   (DsPoller      *self,
                                 DsPollerClock  clock,
                                 gpointer       user_data);
void      ds_poller_set_deadline (DsPoller *self,
                                  guint     seconds);
void      ds_poller_tick        (DsPoller *self);

G_END_DECLS
