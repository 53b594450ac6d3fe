/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ds-profile-chooser.h"
#include "ds-service.h"
#include "ds-settings-dialog.h"
#include "ds-team-profile.h"

G_BEGIN_DECLS

/* The settings dialog's insides, shared by its files:
 *
 *   ds-settings-dialog.c  the window, its pages (data/ui/ds-settings-dialog.ui) and their
 *                         bound settings
 *   ds-settings-tokens.c  the token rows: saving, testing, what each says */

struct _DsSettingsDialog
{
  HdyPreferencesWindow parent_instance;

  GCancellable        *cancellable;
  GSettings           *settings;
  GPtrArray           *rows;           /* DsTokenRow */
  DsProfileChooser    *chooser;
  DsTeamProfile       *profile;        /* the profile in force: where each token goes */
  guint                saving;         /* tokens on their way to the keyring */
  gboolean             closing;        /* closed while they were: gone once they are kept */
  gboolean             refused;        /* the keyring refused one of those: shown again */

  /* From the template: what the code fills in. */
  HdyPreferencesGroup *profile_group;
  HdyPreferencesGroup *tokens_group;
  GtkWidget           *check_button;
  HdyActionRow        *sign_in_row;    /* "Sign in with GitHub…" */
  HdyActionRow        *quiet_from_row;
  HdyActionRow        *standup_row;
};

typedef struct _DsTokenRow DsTokenRow;

/* ds-settings-tokens.c */
void     ds_settings_add_token_row   (DsSettingsDialog    *self,
                                      HdyPreferencesGroup *group,
                                      const DsServiceInfo *info,
                                      gboolean             app);
void     ds_settings_refresh_tokens  (DsSettingsDialog    *self);
gboolean ds_settings_close_tokens    (DsSettingsDialog    *self);

G_END_DECLS
