/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-slack-socket"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ds-error.h"
#include "ds-json-private.h"
#include "ds-json-gate.h"
#include "ds-slack-socket.h"
#include "ds-ws-guard.h"

/* Slack in real time, over Socket Mode: apps.connections.open (with the
 * app-level xapp- token) gives a WebSocket URL; Slack says "hello", then
 * sends envelopes, each of which must be acknowledged with its envelope_id
 * within three seconds. A "disconnect" means: open a new connection, and
 * drop the old one once the new one said hello. A connection that dies is
 * opened again after a growing pause. Polling stays the fallback: the
 * "state" property says whether events are flowing. A message larger than
 * an answer may be (DS_JSON_MAX_SIZE) closes its connection (ds-ws-guard.c).
 *
 * Signals:
 *  - event (type, payload): an envelope's payload (events_api and others)
 *  - failed (GError): the connection could not be opened; retrying */

#define RETRY_MIN 1
#define RETRY_MAX 60

struct _DsSlackSocket
{
  GObject                  parent_instance;

  DsHttp                  *http;
  GCancellable            *cancellable;
  SoupWebsocketConnection *current;
  SoupWebsocketConnection *pending;     /* opened after a disconnect, before its hello */
  DsWsGuard               *opening_guard;
  GHashTable              *guards;      /* SoupWebsocketConnection → its DsWsGuard */
  DsSlackSocketState       state;
  guint                    retry_delay;
  guint                    retry_id;
  guint                    n_connections;
  gboolean                 opening;
};

G_DEFINE_FINAL_TYPE (DsSlackSocket, ds_slack_socket, G_TYPE_OBJECT)

enum { PROP_0, PROP_STATE, N_PROPS };
enum { SIGNAL_EVENT, SIGNAL_FAILED, N_SIGNALS };

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void open_connection (DsSlackSocket *self);

static void
set_state (DsSlackSocket      *self,
           DsSlackSocketState  state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
drop_connection (DsSlackSocket            *self,
                 SoupWebsocketConnection **conn)
{
  if (*conn == NULL)
    return;
  g_signal_handlers_disconnect_by_data (*conn, self);
  g_hash_table_remove (self->guards, *conn);
  if (soup_websocket_connection_get_state (*conn) == SOUP_WEBSOCKET_STATE_OPEN)
    soup_websocket_connection_close (*conn, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
  g_clear_object (conn);
}

static gboolean
on_retry (gpointer user_data)
{
  DsSlackSocket *self = user_data;

  self->retry_id = 0;
  open_connection (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_retry (DsSlackSocket *self)
{
  if (self->retry_id != 0 || self->state == DS_SLACK_SOCKET_STOPPED)
    return;
  /* apps.connections.open allows about one call a minute per app: a team's
   * instances that lost Slack together must not all come back together. */
  {
    guint delay = self->retry_delay + (guint)g_random_int_range (0, (gint32)self->retry_delay + 1);

    g_debug ("Reconnecting in %u s", delay);
    self->retry_id = g_timeout_add_seconds (delay, on_retry, self);
  }
  self->retry_delay = MIN (self->retry_delay * 2, RETRY_MAX);
}

static void
send_ack (SoupWebsocketConnection *conn,
          const char              *envelope_id)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "envelope_id");
  json_builder_add_string_value (b, envelope_id);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  text = json_to_string (root, FALSE);
  soup_websocket_connection_send_text (conn, text);
}

static void
on_message (SoupWebsocketConnection *conn,
            int                      type,
            GBytes                  *message,
            DsSlackSocket           *self)
{
  DsJsonScope scope = { _("Slack"), "Socket Mode" };
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *o;
  const char *kind = NULL;
  const char *envelope_id = NULL;
  JsonNode *payload;

  if (type != SOUP_WEBSOCKET_DATA_TEXT ||
      (root = ds_json_parse (g_bytes_get_data (message, NULL), g_bytes_get_size (message),
                             DS_JSON_MAX_SIZE, NULL, &error)) == NULL ||
      (o = ds_json_root_object (root, &scope, &error)) == NULL ||
      !ds_json_string (o, "type", TRUE, &kind, &scope, &error) ||
      !ds_json_string (o, "envelope_id", FALSE, &envelope_id, &scope, &error))
    {
      g_debug ("Ignoring a Socket Mode message Dayshift cannot read: %s",
               error != NULL ? error->message : "not text");
      return;
    }

  if (g_str_equal (kind, "hello"))
    {
      /* The new connection is up: now the old one may go. */
      if (conn == self->pending)
        {
          drop_connection (self, &self->current);
          self->current = g_steal_pointer (&self->pending);
        }
      self->retry_delay = RETRY_MIN;
      set_state (self, DS_SLACK_SOCKET_CONNECTED);
      return;
    }

  if (g_str_equal (kind, "disconnect"))
    {
      g_debug ("Slack asked for a new Socket Mode connection");
      if (self->pending == NULL)
        open_connection (self);
      return;
    }

  /* Acknowledge first: Slack retries envelopes not acknowledged in time. */
  if (envelope_id != NULL)
    send_ack (conn, envelope_id);
  payload = json_object_get_member (o, "payload");
  if (payload != NULL)
    g_signal_emit (self, signals[SIGNAL_EVENT], 0, kind, payload);
}

static void
on_closed (SoupWebsocketConnection *conn,
           DsSlackSocket           *self)
{
  gboolean was_current = conn == self->current;

  g_debug ("Socket Mode connection closed (code %u)",
           soup_websocket_connection_get_close_code (conn));
  if (conn == self->current)
    drop_connection (self, &self->current);
  else if (conn == self->pending)
    drop_connection (self, &self->pending);

  if (was_current && self->pending == NULL && self->state != DS_SLACK_SOCKET_STOPPED)
    {
      set_state (self, DS_SLACK_SOCKET_CONNECTING);
      schedule_retry (self);
    }
}

static void
fail (DsSlackSocket *self,
      GError        *error)
{
  g_debug ("Socket Mode: %s", error->message);
  g_signal_emit (self, signals[SIGNAL_FAILED], 0, error);
  if (self->current == NULL)
    set_state (self, DS_SLACK_SOCKET_CONNECTING);
  schedule_retry (self);
}

static void
on_too_big (SoupWebsocketConnection *conn,
            gpointer                 user_data)
{
  DsSlackSocket *self = user_data;
  g_autoptr(GError) error = NULL;

  /* The connection ends ("closed" follows) and is opened again. */
  error = g_error_new (DS_ERROR, DS_ERROR_BAD_RESPONSE,
                       _("Slack sent a Socket Mode message larger than %u KiB; Dayshift closed "
                         "the connection and opens a new one."),
                       (guint)(DS_JSON_MAX_SIZE / 1024));
  g_debug ("Socket Mode: %s", error->message);
  g_signal_emit (self, signals[SIGNAL_FAILED], 0, error);
}

static void
on_websocket (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(DsSlackSocket) self = user_data;
  g_autoptr(GError) error = NULL;
  SoupWebsocketConnection *conn;

  g_autoptr(DsWsGuard) guard = g_steal_pointer (&self->opening_guard);

  conn = soup_session_websocket_connect_finish (SOUP_SESSION (source), result, &error);
  self->opening = FALSE;
  if (conn == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        fail (self, error);
      return;
    }

  self->n_connections++;
  ds_ws_guard_attach (guard, conn, on_too_big, self);
  g_hash_table_insert (self->guards, conn, g_steal_pointer (&guard));
  g_signal_connect (conn, "message", G_CALLBACK (on_message), self);
  g_signal_connect (conn, "closed", G_CALLBACK (on_closed), self);
  if (self->current == NULL)
    self->current = conn;
  else
    {
      drop_connection (self, &self->pending);
      self->pending = conn;
    }
}

static gpointer
parse_url (JsonNode           *root,
           const DsJsonScope  *scope,
           GError            **error)
{
  JsonObject *o = ds_json_root_object (root, scope, error);
  char *url = NULL;

  if (o == NULL || !ds_json_dup_string (o, "url", TRUE, &url, scope, error))
    return NULL;
  return url;
}

static gboolean
websocket_url_allowed (const char *url)
{
  g_autofree char *as_http = NULL;

  /* The same rule as for HTTP: secure, or on this computer. */
  if (g_str_has_prefix (url, "wss://"))
    as_http = g_strconcat ("https://", url + strlen ("wss://"), NULL);
  else if (g_str_has_prefix (url, "ws://"))
    as_http = g_strconcat ("http://", url + strlen ("ws://"), NULL);
  else
    return FALSE;
  return ds_http_check_url (DS_SERVICE_SLACK, as_http, NULL);
}

static void
on_url (GObject      *source,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(DsSlackSocket) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = ds_slack_socket_open_url_finish (DS_HTTP (source), result, &error);
  g_autoptr(SoupMessage) msg = NULL;

  if (url == NULL)
    {
      self->opening = FALSE;
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        fail (self, error);
      return;
    }
  if (!websocket_url_allowed (url))
    {
      self->opening = FALSE;
      error = g_error_new (DS_ERROR, DS_ERROR_INSECURE_URL,
                           _("Slack gave a Socket Mode address that is not secure; Dayshift "
                             "keeps polling instead."));
      fail (self, error);
      return;
    }

  msg = soup_message_new (SOUP_METHOD_GET, url);
  if (msg == NULL)
    {
      self->opening = FALSE;
      error = g_error_new (DS_ERROR, DS_ERROR_BAD_RESPONSE,
                           _("Slack gave a Socket Mode address Dayshift cannot use."));
      fail (self, error);
      return;
    }
  g_clear_pointer (&self->opening_guard, ds_ws_guard_free);
  self->opening_guard = ds_ws_guard_new (msg, DS_JSON_MAX_SIZE);
  soup_session_websocket_connect_async (ds_http_get_session (self->http), msg, NULL, NULL,
                                        G_PRIORITY_DEFAULT, self->cancellable, on_websocket,
                                        g_object_ref (self));
}

static void
open_connection (DsSlackSocket *self)
{
  if (self->opening)
    return;
  self->opening = TRUE;
  if (self->current == NULL)
    set_state (self, DS_SLACK_SOCKET_CONNECTING);
  ds_slack_socket_open_url_async (self->http, self->cancellable, on_url, g_object_ref (self));
}

/**
 * ds_slack_socket_open_url_async:
 *
 * apps.connections.open, with the app-level token set on @http
 * (ds_http_set_slack_app_token()): a WebSocket URL for one Socket Mode
 * connection. Finishes with ds_slack_socket_open_url_finish().
 */
void
ds_slack_socket_open_url_async (DsHttp              *http,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  DsHttpCall *call = ds_http_call_new (DS_SERVICE_SLACK, "POST", "/apps.connections.open");

  ds_http_call_set_app_token (call, TRUE);
  ds_http_call_set_source_tag (call, ds_slack_socket_open_url_async);
  ds_http_fetch_async (http, call, parse_url, g_free, cancellable, callback, user_data);
}

/* Returns: (transfer full): the wss:// URL Slack gave */
DS_HTTP_DEFINE_FINISH (ds_slack_socket_open_url, char *)

static void
ds_slack_socket_dispose (GObject *object)
{
  DsSlackSocket *self = (DsSlackSocket *)object;

  self->state = DS_SLACK_SOCKET_STOPPED;
  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->retry_id, g_source_remove);
  drop_connection (self, &self->pending);
  drop_connection (self, &self->current);
  g_clear_pointer (&self->opening_guard, ds_ws_guard_free);
  g_clear_pointer (&self->guards, g_hash_table_unref);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->http);

  G_OBJECT_CLASS (ds_slack_socket_parent_class)->dispose (object);
}

static void
ds_slack_socket_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  DsSlackSocket *self = DS_SLACK_SOCKET (object);

  switch (prop_id)
    {
    case PROP_STATE: g_value_set_int (value, self->state); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ds_slack_socket_class_init (DsSlackSocketClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ds_slack_socket_dispose;
  object_class->get_property = ds_slack_socket_get_property;

  properties[PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL, DS_SLACK_SOCKET_STOPPED, DS_SLACK_SOCKET_CONNECTED,
                      DS_SLACK_SOCKET_STOPPED,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_EVENT] =
    g_signal_new ("event", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, JSON_TYPE_NODE);
  signals[SIGNAL_FAILED] =
    g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
ds_slack_socket_init (DsSlackSocket *self)
{
  self->retry_delay = RETRY_MIN;
  self->guards = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify)ds_ws_guard_free);
}

DsSlackSocket *
ds_slack_socket_new (DsHttp *http)
{
  DsSlackSocket *self;

  g_return_val_if_fail (DS_IS_HTTP (http), NULL);

  self = g_object_new (DS_TYPE_SLACK_SOCKET, NULL);
  self->http = g_object_ref (http);
  return self;
}

void
ds_slack_socket_start (DsSlackSocket *self)
{
  g_return_if_fail (DS_IS_SLACK_SOCKET (self));

  if (self->state != DS_SLACK_SOCKET_STOPPED)
    return;
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->retry_delay = RETRY_MIN;
  set_state (self, DS_SLACK_SOCKET_CONNECTING);
  open_connection (self);
}

void
ds_slack_socket_stop (DsSlackSocket *self)
{
  g_return_if_fail (DS_IS_SLACK_SOCKET (self));

  set_state (self, DS_SLACK_SOCKET_STOPPED);
  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->retry_id, g_source_remove);
  drop_connection (self, &self->pending);
  drop_connection (self, &self->current);
  self->opening = FALSE;
}

DsSlackSocketState
ds_slack_socket_get_state (DsSlackSocket *self)
{
  g_return_val_if_fail (DS_IS_SLACK_SOCKET (self), DS_SLACK_SOCKET_STOPPED);
  return self->state;
}

/* How many WebSocket connections were opened since the start. */
guint
ds_slack_socket_get_n_connections (DsSlackSocket *self)
{
  g_return_val_if_fail (DS_IS_SLACK_SOCKET (self), 0);
  return self->n_connections;
}
