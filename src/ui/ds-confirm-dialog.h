/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

GtkWidget *ds_confirm_dialog_new (GtkApplication *app,
                                  GtkWindow      *parent,
                                  const char     *title,
                                  const char     *question,
                                  const char     *detail,
                                  const char     *accept,
                                  const char     *action,
                                  GVariant       *target);

G_END_DECLS
