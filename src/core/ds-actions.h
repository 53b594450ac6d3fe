/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ds-outbox.h"
#include "ds-team-profile.h"

G_BEGIN_DECLS

/* What each quick action, and each step of the rotation, must write to the
 * services, as outbox entries (the writes are listed in ds-writes.h). Plain
 * functions of the item and the team profile: no network, no UI. */

typedef struct
{
  const char *reaction;        /* Slack reaction for Acknowledge, e.g. "eyes"; NULL: none */
  const char *ack_reply;       /* thread reply on Acknowledge; NULL or "": none */
  const char *delegate_reply;  /* thread reply on Delegate; "%s" is the mention */
  const char *issue_reply;     /* thread reply after filing; "%s" is the issue link */
} DsActionTexts;

gboolean   ds_actions_split_slack_id  (DsItem               *item,
                                       char                **channel,
                                       char                **ts);
gboolean   ds_actions_split_github_id (DsItem               *item,
                                       char                **repo,
                                       gint64               *number);
gboolean   ds_actions_issue_target    (DsItem               *item,
                                       char                **repo,
                                       gint64               *number);
GPtrArray *ds_actions_acknowledge     (DsItem               *item,
                                       const DsActionTexts  *texts);
GPtrArray *ds_actions_delegate        (DsItem               *item,
                                       const DsTeammate     *teammate,
                                       const DsActionTexts  *texts,
                                       GError              **error);
GPtrArray *ds_actions_file_issue      (DsItem               *item,
                                       DsTeamProfile        *profile,
                                       const DsActionTexts  *texts,
                                       GError              **error);
char      *ds_actions_issue_title     (DsItem               *item);
GPtrArray *ds_actions_rotation_start  (DsTeamProfile        *profile);
GPtrArray *ds_actions_rotation_end    (DsTeamProfile        *profile);
GPtrArray *ds_actions_handoff         (DsTeamProfile        *profile,
                                       const char           *body);
GPtrArray *ds_actions_timer_notes     (DsItem               *item,
                                       const char           *text);
GPtrArray *ds_actions_take_postmortem (DsItem               *item);
GPtrArray *ds_actions_link_to_epic    (DsItem               *item,
                                       DsTeamProfile        *profile,
                                       const char          **epic_name,
                                       GError              **error);
GPtrArray *ds_actions_add_teammate    (DsItem               *item,
                                       const DsTeammate     *teammate,
                                       GError              **error);

G_END_DECLS
