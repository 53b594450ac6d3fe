/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define DS_TYPE_PROFILE_CHOOSER (ds_profile_chooser_get_type ())

G_DECLARE_FINAL_TYPE (DsProfileChooser, ds_profile_chooser, DS, PROFILE_CHOOSER, GtkBox)

GtkWidget *ds_profile_chooser_new          (void);
void       ds_profile_chooser_set_location (DsProfileChooser *self,
                                            const char       *location);
void       ds_profile_chooser_set_status   (DsProfileChooser *self,
                                            const char       *text,
                                            gboolean          is_error);

G_END_DECLS
