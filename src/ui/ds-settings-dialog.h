/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>
#include <handy.h>

G_BEGIN_DECLS

#define DS_TYPE_SETTINGS_DIALOG (ds_settings_dialog_get_type ())

G_DECLARE_FINAL_TYPE (DsSettingsDialog, ds_settings_dialog, DS, SETTINGS_DIALOG,
                      HdyPreferencesWindow)

#include "ds-team-profile.h"

GtkWidget *ds_settings_dialog_new (GtkApplication *app) G_GNUC_WARN_UNUSED_RESULT;
void       ds_settings_dialog_set_profile (DsSettingsDialog *self,
                                           DsTeamProfile    *profile,
                                           const char       *location,
                                           const char       *error);
void       ds_settings_dialog_refresh_tokens (DsSettingsDialog *self);
char      *ds_settings_github_url (GSettings        *settings);
char      *ds_settings_token_url  (GSettings        *settings,
                                   DsTeamProfile    *profile,
                                   DsService         service);

G_END_DECLS
