/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ds-http.h"

G_BEGIN_DECLS

typedef enum
{
  DS_SLACK_SOCKET_STOPPED,
  DS_SLACK_SOCKET_CONNECTING,
  DS_SLACK_SOCKET_CONNECTED,
} DsSlackSocketState;

#define DS_TYPE_SLACK_SOCKET (ds_slack_socket_get_type ())

G_DECLARE_FINAL_TYPE (DsSlackSocket, ds_slack_socket, DS, SLACK_SOCKET, GObject)

DsSlackSocket      *ds_slack_socket_new       (DsHttp        *http) G_GNUC_WARN_UNUSED_RESULT;
void                ds_slack_socket_start     (DsSlackSocket *self);
void                ds_slack_socket_stop      (DsSlackSocket *self);
DsSlackSocketState  ds_slack_socket_get_state (DsSlackSocket *self);
guint               ds_slack_socket_get_n_connections (DsSlackSocket *self);

/* The call that opens a connection, for whoever wants to know whether
 * Socket Mode opens (the setup check). It is here rather than in
 * ds-slack.h because Slack's published API description, which every call
 * there is tested against (tests/test-contract.c), lacks this method: it is
 * tested against a loopback Slack (test-slack-socket.c,
 * test-setup-check-slack.c). */
void  ds_slack_socket_open_url_async  (DsHttp              *http,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
char *ds_slack_socket_open_url_finish (DsHttp              *http,
                                       GAsyncResult        *result,
                                       GError             **error);

G_END_DECLS
