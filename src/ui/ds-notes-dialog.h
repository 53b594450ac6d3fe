/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "ds-item.h"

G_BEGIN_DECLS

#define DS_TYPE_NOTES_DIALOG (ds_notes_dialog_get_type ())

G_DECLARE_FINAL_TYPE (DsNotesDialog, ds_notes_dialog, DS, NOTES_DIALOG, GtkDialog)

GtkWidget *ds_notes_dialog_new (GtkApplication *app,
                                DsItem         *item);

G_END_DECLS
