/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-slack-socket"

#include "config.h"

#ifdef __linux__
#include <linux/sockios.h>
#include <linux/tcp.h>
#include <netinet/in.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#endif

#include "ds-ws-guard.h"

/* A total size for a WebSocket message. libsoup 3.2 limits each frame, not
 * a message: a server could send 400 MB in 120 KB continuation frames and
 * libsoup would gather it all before saying a word. Where libsoup has
 * "max-total-message-size" (3.6.5 on) that is set; otherwise the guard
 * counts what was read from the connection's socket since the last whole
 * message (Linux's TCP_INFO, less what still waits in the socket) each time
 * more arrives, and when a message grows past the limit it shuts the socket:
 * libsoup sees the end of the connection, drops what it gathered and says
 * "closed". What it lets grow is the limit and one read from the socket. */

#define SLACK (64 * 1024) /* frame headers and TLS records around a message */

struct _DsWsGuard
{
  SoupMessage             *msg;       /* until attached: its socket is heard */
  GSocket                 *socket;
  SoupWebsocketConnection *conn;
  GSource                 *watch;
  gsize                    max_message;
  guint64                  at_message; /* read from the socket at the last whole message */
  DsWsGuardFunc            too_big;
  gpointer                 user_data;
};

/* Bytes read from the socket so far, where the system says. */
static gboolean
bytes_read (GSocket *socket,
            guint64 *out)
{
#if defined(__linux__) && defined(TCP_INFO) && defined(SIOCINQ)
  struct tcp_info info = { 0 };
  socklen_t len = sizeof info;
  int fd = g_socket_get_fd (socket);
  int waiting = 0;

  if (getsockopt (fd, IPPROTO_TCP, TCP_INFO, &info, &len) != 0 ||
      len < G_STRUCT_OFFSET (struct tcp_info, tcpi_bytes_received) +
              sizeof info.tcpi_bytes_received ||
      ioctl (fd, SIOCINQ, &waiting) != 0 || waiting < 0)
    return FALSE;
  *out = info.tcpi_bytes_received - (guint64)waiting;
  return TRUE;
#else
  return FALSE;
#endif
}

static void
on_network_event (SoupMessage        *msg,
                  GSocketClientEvent  event,
                  GIOStream          *connection,
                  DsWsGuard          *self)
{
  if (event == G_SOCKET_CLIENT_CONNECTED && G_IS_SOCKET_CONNECTION (connection))
    g_set_object (&self->socket,
                  g_socket_connection_get_socket (G_SOCKET_CONNECTION (connection)));
}

static void
on_message (SoupWebsocketConnection *conn,
            int                      type,
            GBytes                  *message,
            DsWsGuard               *self)
{
  if (self->socket != NULL)
    bytes_read (self->socket, &self->at_message);
}

static gboolean
on_readable (GSocket      *socket,
             GIOCondition  condition,
             gpointer      user_data)
{
  DsWsGuard *self = user_data;
  guint64 now;

  if (!bytes_read (socket, &now) || now - self->at_message <= self->max_message + SLACK)
    return G_SOURCE_CONTINUE;
  g_debug ("A WebSocket message passed %" G_GSIZE_FORMAT " bytes: closing the connection",
           self->max_message);
  g_socket_shutdown (socket, TRUE, TRUE, NULL);
  self->watch = NULL;
  if (self->too_big != NULL)
    self->too_big (self->conn, self->user_data);
  return G_SOURCE_REMOVE;
}

/**
 * ds_ws_guard_new:
 * @msg: the WebSocket handshake, before it is sent
 * @max_message: the largest message, in bytes
 */
DsWsGuard *
ds_ws_guard_new (SoupMessage *msg,
                 gsize        max_message)
{
  DsWsGuard *self = g_new0 (DsWsGuard, 1);

  self->msg = g_object_ref (msg);
  self->max_message = max_message;
  g_signal_connect (msg, "network-event", G_CALLBACK (on_network_event), self);
  return self;
}

/**
 * ds_ws_guard_attach:
 * @too_big: (scope notified): called once the connection was shut for a
 *   message past the limit; "closed" follows
 */
void
ds_ws_guard_attach (DsWsGuard               *self,
                    SoupWebsocketConnection *conn,
                    DsWsGuardFunc            too_big,
                    gpointer                 user_data)
{
  GParamSpec *total = g_object_class_find_property (G_OBJECT_GET_CLASS (conn),
                                                    "max-total-message-size");

  g_signal_handlers_disconnect_by_data (self->msg, self);
  g_clear_object (&self->msg);
  self->conn = g_object_ref (conn);
  self->too_big = too_big;
  self->user_data = user_data;
  /* The frame limit stays libsoup's (128 KiB); the message's is ours. */
  if (total != NULL)
    {
      g_auto(GValue) value = G_VALUE_INIT;

      g_value_init (&value, G_TYPE_UINT64);
      g_value_set_uint64 (&value, self->max_message);
      g_object_set_property (G_OBJECT (conn), "max-total-message-size", &value);
    }
  g_signal_connect (conn, "message", G_CALLBACK (on_message), self);
  if (self->socket != NULL && bytes_read (self->socket, &self->at_message))
    {
      self->watch = g_socket_create_source (self->socket, G_IO_IN, NULL);
      g_source_set_callback (self->watch, G_SOURCE_FUNC (on_readable), self, NULL);
      g_source_attach (self->watch, g_main_context_get_thread_default ());
      g_source_unref (self->watch);
    }
}

void
ds_ws_guard_free (DsWsGuard *self)
{
  if (self == NULL)
    return;
  if (self->watch != NULL)
    g_source_destroy (self->watch);
  if (self->msg != NULL)
    g_signal_handlers_disconnect_by_data (self->msg, self);
  if (self->conn != NULL)
    g_signal_handlers_disconnect_by_data (self->conn, self);
  g_clear_object (&self->msg);
  g_clear_object (&self->conn);
  g_clear_object (&self->socket);
  g_free (self);
}
