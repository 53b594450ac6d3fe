/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ds-store.h"
#include "ds-team-profile.h"

G_BEGIN_DECLS

char *ds_report_markdown        (DsStore        *store,
                                 DsTeamProfile  *profile,
                                 gint64          since,
                                 gint64          until,
                                 GError        **error);
char *ds_report_handoff         (DsTeamProfile  *profile,
                                 const char     *next_person,
                                 const char     *report,
                                 const char     *block);
void  ds_report_window          (DsStore        *store,
                                 gint64          now,
                                 gint64         *since,
                                 gint64         *until);
char *ds_report_status          (DsStore        *store,
                                 gint64          now,
                                 gboolean        json,
                                 GError        **error);
char *ds_report_format_time     (gint64          t);
char *ds_report_format_duration (gint64          seconds);

G_END_DECLS
