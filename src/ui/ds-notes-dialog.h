/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "ds-item.h"

G_BEGIN_DECLS

GtkWidget *ds_notes_dialog_new (GtkApplication *app,
                                DsItem         *item);

G_END_DECLS
