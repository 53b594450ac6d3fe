/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "ds-item.h"

G_BEGIN_DECLS

#define DS_TYPE_DELEGATE_DIALOG (ds_delegate_dialog_get_type ())

G_DECLARE_FINAL_TYPE (DsDelegateDialog, ds_delegate_dialog, DS, DELEGATE_DIALOG, GtkDialog)

GtkWidget *ds_delegate_dialog_new (GtkApplication     *app,
                                   DsItem             *item,
                                   const char * const *teammates,
                                   const char * const *reasons,
                                   const char         *action);

G_END_DECLS
