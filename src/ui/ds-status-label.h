/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void ds_status_label_set (GtkLabel   *label,
                          const char *text,
                          gboolean    is_error);

G_END_DECLS
