/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ds-team-profile.h"

G_BEGIN_DECLS

/* Where a team profile is kept: a file on this computer, or a file in a
 * GitHub repository written "owner/repo:path/in/repo". */

gboolean       ds_profile_location_parse_github (const char  *location,
                                                 char       **repo,
                                                 char       **path);
DsTeamProfile *ds_profile_location_read_file    (const char  *path,
                                                 GError     **error);
char          *ds_profile_location_describe     (DsTeamProfile *profile);

G_END_DECLS
