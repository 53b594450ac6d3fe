/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "ds-item.h"

G_BEGIN_DECLS

#define DS_TYPE_TRAY (ds_tray_get_type ())

G_DECLARE_FINAL_TYPE (DsTray, ds_tray, DS, TRAY, GObject)

typedef enum
{
  DS_TRAY_MODE_NONE,
  DS_TRAY_MODE_INDICATOR,   /* StatusNotifierItem, through libayatana-appindicator */
  DS_TRAY_MODE_STATUS_ICON, /* XEmbed GtkStatusIcon */
} DsTrayMode;

DsTray     *ds_tray_new        (GApplication *app) G_GNUC_WARN_UNUSED_RESULT;
DsTrayMode  ds_tray_get_mode   (DsTray       *self);
void        ds_tray_set_status (DsTray       *self,
                                guint         n_open,
                                gboolean      attention);
GtkMenu    *ds_tray_get_menu   (DsTray       *self);
void        ds_tray_set_unread (DsTray       *self,
                                const char   *text);
void        ds_tray_set_stale  (DsTray       *self,
                                const char   *text);
void        ds_tray_set_demo   (DsTray       *self,
                                gboolean      demo);
void        ds_tray_set_quiet  (DsTray       *self,
                                const char   *text);
void        ds_tray_set_waiting (DsTray      *self,
                                 const char  *text);

void        ds_tray_set_items  (DsTray             *self,
                                GPtrArray          *items,
                                const guint        *repeats,
                                guint               more,
                                const char * const *teammates,
                                gboolean            paused);
void        ds_tray_set_books  (DsTray             *self,
                                gboolean            on_rotation,
                                const char         *rotation,
                                const char         *timer,
                                GPtrArray          *postmortems);

G_END_DECLS
