/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ds-http.h"
#include "ds-slack-records.h"

G_BEGIN_DECLS

/* The Slack Web API, as plain records. Each call is *_async on a DsHttp and
 * finishes with its own *_finish, as
 * noted. Reads are GETs with query parameters; writes are form posts. */


/* DsSlackAuth */
void ds_slack_auth_test_async          (DsHttp *http, GCancellable *cancellable,
                                        GAsyncReadyCallback callback, gpointer user_data);
DsSlackAuth *ds_slack_auth_test_finish (DsHttp *http, GAsyncResult *result, GError **error);
/* DsSlackChannel (public and private channels the token sees) */
void ds_slack_list_channels_async      (DsHttp *http, GCancellable *cancellable,
                                        GAsyncReadyCallback callback, gpointer user_data);
GPtrArray *ds_slack_list_channels_finish (DsHttp *http, GAsyncResult *result, GError **error);
/* DsSlackMessage, newest first; @oldest: a ts, or NULL */
void ds_slack_history_async            (DsHttp *http, const char *channel, const char *oldest,
                                        GCancellable *cancellable,
                                        GAsyncReadyCallback callback, gpointer user_data);
GPtrArray *ds_slack_history_finish (DsHttp *http, GAsyncResult *result, GError **error);
/* DsSlackMessage, the parent first */
void ds_slack_replies_async            (DsHttp *http, const char *channel, const char *ts,
                                        GCancellable *cancellable,
                                        GAsyncReadyCallback callback, gpointer user_data);
GPtrArray *ds_slack_replies_finish (DsHttp *http, GAsyncResult *result, GError **error);
/* DsSlackChannel */
void ds_slack_channel_info_async       (DsHttp *http, const char *channel,
                                        GCancellable *cancellable,
                                        GAsyncReadyCallback callback, gpointer user_data);
DsSlackChannel *ds_slack_channel_info_finish (DsHttp *http, GAsyncResult *result, GError **error);
/* non-NULL on success; "already_reacted" is success */
void ds_slack_add_reaction_async       (DsHttp *http, const char *channel, const char *ts,
                                        const char *name, GCancellable *cancellable,
                                        GAsyncReadyCallback callback, gpointer user_data);
gboolean ds_slack_add_reaction_finish (DsHttp *http, GAsyncResult *result, GError **error);
/* DsSlackPosted; @thread_ts: reply in that thread, or NULL */
void ds_slack_post_message_async       (DsHttp *http, const char *channel, const char *text,
                                        const char *thread_ts, GCancellable *cancellable,
                                        GAsyncReadyCallback callback, gpointer user_data);
DsSlackPosted *ds_slack_post_message_finish (DsHttp *http, GAsyncResult *result, GError **error);
/* the permalink */
void ds_slack_get_permalink_async      (DsHttp *http, const char *channel, const char *ts,
                                        GCancellable *cancellable,
                                        GAsyncReadyCallback callback, gpointer user_data);
char *ds_slack_get_permalink_finish (DsHttp *http, GAsyncResult *result, GError **error);
/* DsSlackUser */
void ds_slack_user_info_async          (DsHttp *http, const char *user,
                                        GCancellable *cancellable,
                                        GAsyncReadyCallback callback, gpointer user_data);
DsSlackUser *ds_slack_user_info_finish (DsHttp *http, GAsyncResult *result, GError **error);
/* DsSlackUser */
void ds_slack_list_users_async         (DsHttp *http, GCancellable *cancellable,
                                        GAsyncReadyCallback callback, gpointer user_data);
GPtrArray *ds_slack_list_users_finish (DsHttp *http, GAsyncResult *result, GError **error);

/* Users change rarely: a cache in front of users.info / users.list. */

/* Finishes with ds_slack_users_resolve_finish(): from the cache, or asked once. */
void               ds_slack_users_resolve_async  (DsSlackUsers *users, DsHttp *http,
                                                  const char *id, GCancellable *cancellable,
                                                  GAsyncReadyCallback callback,
                                                  gpointer user_data);
const DsSlackUser *ds_slack_users_resolve_finish (DsSlackUsers *users, GAsyncResult *result,
                                                  GError **error);


/* The parsers, for tests and fuzzing. */
gboolean ds_slack_parse_messages (JsonNode *root, GPtrArray *items, const DsJsonScope *scope,
                                  GError **error);
gboolean ds_slack_parse_channels (JsonNode *root, GPtrArray *items, const DsJsonScope *scope,
                                  GError **error);
gboolean ds_slack_parse_users    (JsonNode *root, GPtrArray *items, const DsJsonScope *scope,
                                  GError **error);
gpointer ds_slack_parse_auth     (JsonNode *root, const DsJsonScope *scope, GError **error);
gpointer ds_slack_parse_posted   (JsonNode *root, const DsJsonScope *scope, GError **error);
gpointer ds_slack_parse_event    (JsonNode *root, const DsJsonScope *scope, GError **error);

G_END_DECLS
