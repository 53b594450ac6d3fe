/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

GtkWidget *ds_time_picker_new (GSettings  *settings,
                               const char *key,
                               const char *name);

G_END_DECLS
