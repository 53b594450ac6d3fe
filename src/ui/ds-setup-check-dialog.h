/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "ds-desk.h"

G_BEGIN_DECLS

#define DS_TYPE_SETUP_CHECK_DIALOG (ds_setup_check_dialog_get_type ())

G_DECLARE_FINAL_TYPE (DsSetupCheckDialog, ds_setup_check_dialog, DS, SETUP_CHECK_DIALOG,
                      GtkDialog)

GtkWidget *ds_setup_check_dialog_new (GtkApplication     *app,
                                      DsDesk             *desk) G_GNUC_WARN_UNUSED_RESULT;
void       ds_setup_check_dialog_run (DsSetupCheckDialog *self);

G_END_DECLS
