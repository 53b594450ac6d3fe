/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "ds-readers.h"

static gboolean
github_needed (DsTeamProfile *profile)
{
  return TRUE;
}

static gboolean
slack_needed (DsTeamProfile *profile)
{
  return profile->channels->len > 0;
}

static gboolean
pagerduty_needed (DsTeamProfile *profile)
{
  return profile->pagerduty_schedule != NULL;
}

/* ZenHub: written to (issues into super-epics), when the profile has both. */
static gboolean
zenhub_needed (DsTeamProfile *profile)
{
  return ds_team_profile_get_url (profile, DS_SERVICE_ZENHUB) != NULL &&
         profile->super_epics->len > 0;
}

static const DsReader readers[DS_N_SERVICES] = {
  [DS_SERVICE_GITHUB] = { github_needed, ds_github_source_new },
  [DS_SERVICE_SLACK] = { slack_needed, ds_slack_source_new },
  [DS_SERVICE_PAGERDUTY] = { pagerduty_needed, ds_pagerduty_source_new },
  [DS_SERVICE_ZENHUB] = { zenhub_needed, NULL },
};

const DsReader *
ds_reader (DsService service)
{
  g_return_val_if_fail (service < DS_N_SERVICES, NULL);
  return &readers[service];
}
