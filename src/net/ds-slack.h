/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ds-http.h"

G_BEGIN_DECLS

/* The Slack Web API, as plain records. Each call is *_async on a DsHttp and
 * finishes with ds_http_fetch_finish() or ds_http_fetch_pages_finish(), as
 * noted. Reads are GETs with query parameters; writes are form posts. */

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

void ds_slack_auth_free    (DsSlackAuth    *auth);
void ds_slack_channel_free (DsSlackChannel *channel);
void ds_slack_message_free (DsSlackMessage *message);
void ds_slack_user_free    (DsSlackUser    *user);
void ds_slack_posted_free  (DsSlackPosted  *posted);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DsSlackAuth, ds_slack_auth_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DsSlackChannel, ds_slack_channel_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DsSlackMessage, ds_slack_message_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DsSlackUser, ds_slack_user_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DsSlackPosted, ds_slack_posted_free)

/* fetch_finish: DsSlackAuth */
void ds_slack_auth_test_async          (DsHttp *http, GCancellable *cancellable,
                                        GAsyncReadyCallback callback, gpointer user_data);
/* pages_finish: DsSlackChannel (public and private channels the token sees) */
void ds_slack_list_channels_async      (DsHttp *http, GCancellable *cancellable,
                                        GAsyncReadyCallback callback, gpointer user_data);
/* pages_finish: DsSlackMessage, newest first; @oldest: a ts, or NULL */
void ds_slack_history_async            (DsHttp *http, const char *channel, const char *oldest,
                                        GCancellable *cancellable,
                                        GAsyncReadyCallback callback, gpointer user_data);
/* pages_finish: DsSlackMessage, the parent first */
void ds_slack_replies_async            (DsHttp *http, const char *channel, const char *ts,
                                        GCancellable *cancellable,
                                        GAsyncReadyCallback callback, gpointer user_data);
/* fetch_finish: DsSlackChannel */
void ds_slack_channel_info_async       (DsHttp *http, const char *channel,
                                        GCancellable *cancellable,
                                        GAsyncReadyCallback callback, gpointer user_data);
/* fetch_finish: non-NULL on success; "already_reacted" is success */
void ds_slack_add_reaction_async       (DsHttp *http, const char *channel, const char *ts,
                                        const char *name, GCancellable *cancellable,
                                        GAsyncReadyCallback callback, gpointer user_data);
/* fetch_finish: DsSlackPosted; @thread_ts: reply in that thread, or NULL */
void ds_slack_post_message_async       (DsHttp *http, const char *channel, const char *text,
                                        const char *thread_ts, GCancellable *cancellable,
                                        GAsyncReadyCallback callback, gpointer user_data);
/* fetch_finish: the permalink (char *) */
void ds_slack_get_permalink_async      (DsHttp *http, const char *channel, const char *ts,
                                        GCancellable *cancellable,
                                        GAsyncReadyCallback callback, gpointer user_data);
/* fetch_finish: DsSlackUser */
void ds_slack_user_info_async          (DsHttp *http, const char *user,
                                        GCancellable *cancellable,
                                        GAsyncReadyCallback callback, gpointer user_data);
/* pages_finish: DsSlackUser */
void ds_slack_list_users_async         (DsHttp *http, GCancellable *cancellable,
                                        GAsyncReadyCallback callback, gpointer user_data);

/* Users change rarely: a cache in front of users.info / users.list. */
typedef struct _DsSlackUsers DsSlackUsers;

DsSlackUsers      *ds_slack_users_new     (void);
void               ds_slack_users_free    (DsSlackUsers *users);
const DsSlackUser *ds_slack_users_lookup  (DsSlackUsers *users, const char *id);
void               ds_slack_users_add     (DsSlackUsers *users, DsSlackUser *user);
/* Finishes with ds_slack_users_resolve_finish(): from the cache, or asked once. */
void               ds_slack_users_resolve_async  (DsSlackUsers *users, DsHttp *http,
                                                  const char *id, GCancellable *cancellable,
                                                  GAsyncReadyCallback callback,
                                                  gpointer user_data);
const DsSlackUser *ds_slack_users_resolve_finish (DsSlackUsers *users, GAsyncResult *result,
                                                  GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DsSlackUsers, ds_slack_users_free)

/* The parsers, for tests and fuzzing. */
gboolean ds_slack_parse_messages (JsonNode *root, GPtrArray *items, const DsJsonScope *scope,
                                  GError **error);
gboolean ds_slack_parse_channels (JsonNode *root, GPtrArray *items, const DsJsonScope *scope,
                                  GError **error);
gboolean ds_slack_parse_users    (JsonNode *root, GPtrArray *items, const DsJsonScope *scope,
                                  GError **error);
gpointer ds_slack_parse_auth     (JsonNode *root, const DsJsonScope *scope, GError **error);
gpointer ds_slack_parse_posted   (JsonNode *root, const DsJsonScope *scope, GError **error);

G_END_DECLS
