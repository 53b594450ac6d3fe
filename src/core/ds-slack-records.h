/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What Dayshift keeps of Slack's records: plain structs shared by the
 * classifier, the rotation and the sources. The net layer parses them from
 * the API (src/net/ds-slack.c); nothing here does I/O. */

typedef struct
{
  char *user_id;
  char *user;
  char *team_id;
  char *team;
  char *bot_id;
} DsSlackAuth;

typedef struct
{
  char    *id;
  char    *name;
  gboolean is_private;
  gboolean is_member;
  gboolean is_archived;
} DsSlackChannel;

typedef struct
{
  char    *name;
  char   **users;
  gint64   count;
} DsSlackReaction;

typedef struct
{
  char      *ts;
  char      *user;
  char      *bot_id;
  char      *username;
  char      *subtype;
  char      *text;
  char      *thread_ts;
  gint64     reply_count;
  GPtrArray *reactions;   /* DsSlackReaction */
} DsSlackMessage;

typedef struct
{
  char    *id;
  char    *name;
  char    *real_name;
  char    *display_name;
  gboolean is_bot;
  gboolean deleted;
} DsSlackUser;

typedef struct
{
  char *channel;
  char *ts;
} DsSlackPosted;

/* What a Socket Mode event (the Events API's) tells, as far as Dayshift
 * acts on it. */
typedef enum
{
  DS_SLACK_EVENT_OTHER,     /* something else, in @channel if it names one */
  DS_SLACK_EVENT_MESSAGE,   /* a message posted: @message */
  DS_SLACK_EVENT_EDITED,    /* a message changed: @message as it now is */
  DS_SLACK_EVENT_DELETED,   /* the message @ts deleted */
  DS_SLACK_EVENT_REACTION,  /* something done to the message @ts (a reaction) */
} DsSlackEventKind;

typedef struct
{
  DsSlackEventKind  kind;
  char             *channel;
  char             *ts;       /* the message it is about, if any */
  DsSlackMessage   *message;  /* posted or edited: the message, as a read gives it */
} DsSlackEvent;

void ds_slack_reaction_free (DsSlackReaction *reaction);
void ds_slack_auth_free    (DsSlackAuth    *auth);
void ds_slack_channel_free (DsSlackChannel *channel);
void ds_slack_message_free (DsSlackMessage *message);
void ds_slack_user_free    (DsSlackUser    *user);
void ds_slack_posted_free  (DsSlackPosted  *posted);
void ds_slack_event_free   (DsSlackEvent   *event);
DsSlackMessage *ds_slack_message_copy (const DsSlackMessage *message);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DsSlackAuth, ds_slack_auth_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DsSlackChannel, ds_slack_channel_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DsSlackMessage, ds_slack_message_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DsSlackUser, ds_slack_user_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DsSlackPosted, ds_slack_posted_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DsSlackEvent, ds_slack_event_free)

/* Users change rarely: what is known of them (net asks Slack for the rest). */
typedef struct _DsSlackUsers DsSlackUsers;
DsSlackUsers      *ds_slack_users_new     (void);
DsSlackUsers      *ds_slack_users_ref     (DsSlackUsers *users);
void               ds_slack_users_free    (DsSlackUsers *users);
const DsSlackUser *ds_slack_users_lookup  (DsSlackUsers *users, const char *id);
void               ds_slack_users_add     (DsSlackUsers *users, DsSlackUser *user);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DsSlackUsers, ds_slack_users_free)

G_END_DECLS
