/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "ds-handoff.h"

#include "ds-inbox.h"
#include "ds-response-clock.h"
#include "ds-store.h"

G_BEGIN_DECLS

#define DS_TYPE_WINDOW (ds_window_get_type ())

G_DECLARE_FINAL_TYPE (DsWindow, ds_window, DS, WINDOW, GtkApplicationWindow)

DsWindow *ds_window_new        (GtkApplication *app,
                                DsInbox        *inbox) G_GNUC_WARN_UNUSED_RESULT;
void      ds_window_set_quiet     (DsWindow       *self,
                                   const char     *text);
void      ds_window_set_setup     (DsWindow       *self,
                                   gboolean        demo,
                                   gboolean        needed,
                                   const char     *location,
                                   const char     *error);
void      ds_window_show_setup    (DsWindow       *self);
void      ds_window_set_notice    (DsWindow       *self,
                                   const char     *text,
                                   const char     *button,
                                   const char     *action);
void      ds_window_set_store     (DsWindow       *self,
                                   DsStore        *store);
void      ds_window_set_response_clock (DsWindow        *self,
                                        DsResponseClock *clock);
void      ds_window_set_handoff_in (DsWindow        *self,
                                    const DsHandoff *handoff,
                                    DsInbox         *inbox);
void      ds_window_set_rotation_status (DsWindow *self,
                                         const char *rotation,
                                         const char *timer,
                                         gboolean    on_rotation);
void      ds_window_set_search    (DsWindow       *self,
                                   const char     *text);
guint     ds_window_get_n_listed  (DsWindow       *self);
void      ds_window_show_rotation (DsWindow *self);
void      ds_window_show_inbox    (DsWindow       *self);
void      ds_window_show_item     (DsWindow       *self,
                                   DsItem         *item);
void      ds_window_set_unread    (DsWindow       *self,
                                   const char     *text);
void      ds_window_show_banner   (DsWindow       *self,
                                   const char     *key,
                                   const char     *title,
                                   const char     *message,
                                   GtkMessageType  type);
void      ds_window_remove_banner (DsWindow       *self,
                                   const char     *key);
void      ds_window_clear_banners (DsWindow       *self);

G_END_DECLS
