/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ds-github-records.h"
#include "ds-item.h"
#include "ds-pagerduty-records.h"
#include "ds-slack-records.h"
#include "ds-team-profile.h"

G_BEGIN_DECLS

/* Turning what the services say into inbox items, by the team profile's
 * rules. Pure functions: no network, no storage. Each returns a new item,
 * or NULL for what is not an interruption for the person on rotation. */

typedef struct
{
  const char *slack_id;      /* the user's Slack id */
  const char *github_login;
  const char *pagerduty_id;
} DsIdentity;

/* Reactions by which a teammate says "I have it" and "it is done". */
#define DS_CLAIM_REACTION "eyes"
#define DS_DONE_REACTION  "white_check_mark"

DsItem *ds_classify_slack_message   (DsTeamProfile        *profile,
                                     const DsIdentity     *me,
                                     const char           *channel_id,
                                     const DsSlackMessage *message,
                                     GPtrArray            *replies,
                                     DsSlackUsers         *users);
DsItem *ds_classify_github_issue    (DsTeamProfile        *profile,
                                     const DsIdentity     *me,
                                     const DsGhIssue      *issue,
                                     DsItemKind            kind,
                                     gboolean              mine);
DsItem *ds_classify_github_run      (DsTeamProfile        *profile,
                                     const char           *repo,
                                     const DsGhRun        *run);
DsItem *ds_classify_github_notification (DsTeamProfile          *profile,
                                         const DsGhNotification *notification);
DsItem *ds_classify_incident        (DsTeamProfile        *profile,
                                     const DsIdentity     *me,
                                     const DsPdIncident   *incident);

char   *ds_slack_plain_text       (const char       *text,
                                   DsTeamProfile    *profile,
                                   DsSlackUsers     *users);

G_END_DECLS
