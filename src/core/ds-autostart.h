/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* "Start at login": the desktop entry in ~/.config/autostart (the XDG
 * autostart folder) that starts Dayshift in the tray, hidden. */

char     *ds_autostart_path   (const char         *app_id);
char     *ds_autostart_entry  (const char         *app_id,
                               const char * const *argv);
gboolean  ds_autostart_set    (const char         *app_id,
                               const char * const *argv,
                               gboolean            enabled,
                               GError            **error);

G_END_DECLS
