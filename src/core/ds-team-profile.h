/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "ds-response-clock.h"
#include "ds-service.h"
#include "ds-types.h"

G_BEGIN_DECLS

/* The team's own description of its rotation: channels and their roles,
 * repositories, labels, super-epics, schedule, teammates and rules. A JSON
 * file the team keeps in its repo; see data/team-profile.example.json. A
 * loaded profile never changes: a new file makes a new profile. */

#define DS_TEAM_PROFILE_MAX_SIZE     (256 * 1024)
#define DS_TEAM_PROFILE_MAX_CHANNELS 100
#define DS_TEAM_PROFILE_MAX_CLIENT_ID 100

typedef enum
{
  DS_CHANNEL_SUPPORT,
  DS_CHANNEL_OPERATIONS,
  DS_CHANNEL_SRE,
  DS_CHANNEL_DEPLOYS,
  DS_CHANNEL_ALERTS,
  DS_CHANNEL_ONCALL,
} DsChannelRole;

typedef struct
{
  char          *id;
  char          *name;
  DsChannelRole  role;
  gboolean       bots;     /* take bot messages (alerts, deploys by default) */
} DsProfileChannel;

typedef struct
{
  char *name;
  char *github;
  char *slack;
  char *pagerduty;
} DsTeammate;

typedef struct
{
  char   *name;
  char   *repo;
  gint64  number;
  guint   kinds;           /* DS_KIND_BIT()s of the items filed under it */
} DsSuperEpic;

typedef struct
{
  char       *name;
  /* Each service's API as its object names it ("api_url"), or NULL for its
   * default: ds_team_profile_get_url(). */
  char       *urls[DS_N_SERVICES];

  char       *github_org;
  char       *github_team;
  /* The team's GitHub OAuth app ("Sign in with GitHub"), or NULL. */
  char       *github_oauth_client_id;
  char       *team_repo;
  char       *access_label;
  char       *postmortem_label;
  char       *support_label;
  GStrv       deploy_repos;
  GStrv       deploy_workflows;

  GPtrArray  *channels;    /* DsProfileChannel */

  char       *pagerduty_schedule;
  gint64      pagerduty_layer;
  char       *pagerduty_team;

  gboolean    zenhub_graphql;

  GPtrArray  *super_epics; /* DsSuperEpic */
  GPtrArray  *teammates;   /* DsTeammate */
  GStrv       emergency_keywords;
  GStrv       emergency_folded;  /* the same, case-folded */
  GPtrArray  *deploy_patterns; /* GRegex */
  char       *standup_time;    /* HH:MM */
  /* The team's working time and first-response targets; NULL: it set
   * none, and no response clock runs. */
  DsResponseClock *response;
} DsTeamProfile;

#define DS_TYPE_TEAM_PROFILE (ds_team_profile_get_type ())

GType                   ds_team_profile_get_type   (void) G_GNUC_CONST;
DsTeamProfile          *ds_team_profile_new_from_data (const char     *data,
                                                       gsize           length,
                                                       const char     *origin,
                                                       GError        **error);
DsTeamProfile          *ds_team_profile_ref        (DsTeamProfile  *self);
void                    ds_team_profile_unref      (DsTeamProfile  *self);
const char             *ds_team_profile_get_url    (DsTeamProfile  *self,
                                                    DsService       service);
const char             *ds_team_profile_api_url    (DsTeamProfile  *self,
                                                    DsService       service,
                                                    const char     *github_url);
const DsProfileChannel *ds_team_profile_find_channel (DsTeamProfile *self,
                                                      const char    *id);
const DsTeammate       *ds_team_profile_find_teammate (DsTeamProfile *self,
                                                       const char    *name);
const DsTeammate       *ds_team_profile_find_teammate_by_github (DsTeamProfile *self,
                                                                 const char    *login);
const DsTeammate       *ds_team_profile_find_teammate_by_slack (DsTeamProfile *self,
                                                                const char    *slack_id);
const DsSuperEpic      *ds_team_profile_super_epic_for (DsTeamProfile *self,
                                                        DsItemKind     kind);
gboolean                ds_team_profile_is_emergency (DsTeamProfile *self,
                                                      const char    *text);
gboolean                ds_team_profile_is_deploy_failure (DsTeamProfile *self,
                                                           const char    *text);
const char             *ds_channel_role_to_string  (DsChannelRole   role);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DsTeamProfile, ds_team_profile_unref)

G_END_DECLS
