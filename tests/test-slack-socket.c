/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "ds-error.h"
#include "ds-json-gate.h"
#include "ds-slack.h"
#include "ds-slack-socket.h"
#include "ds-test-server.h"

/* A loopback Slack: apps.connections.open hands out ws:// URLs; each
 * WebSocket connection says hello; the first sends two events and then
 * asks for a new connection (disconnect). */

#define APP_TOKEN "xapp-1-SECRET"

typedef struct
{
  DsTestServer  ts;
  DsHttp       *http;
  GPtrArray    *conns;     /* server side SoupWebsocketConnection */
  GPtrArray    *acks;      /* envelope ids the client acknowledged */
  GPtrArray    *events;    /* "type:event.text" the client emitted */
  guint         opens;     /* apps.connections.open calls */
  gboolean      first_closed;
  gboolean      refuse_open;
  gboolean      flood;      /* the first connection sends one endless message */
  guint64       flooded;    /* bytes of it written */
  GByteArray   *frame;      /* the frame being written, and how far */
  gsize         frame_at;
  guint         flood_id;
} Fixture;

static void
send_json (SoupWebsocketConnection *conn,
           const char              *json)
{
  soup_websocket_connection_send_text (conn, json);
}

static void
on_server_message (SoupWebsocketConnection *conn,
                   int                      type,
                   GBytes                  *message,
                   Fixture                 *f)
{
  g_autoptr(JsonNode) root = json_from_string (g_bytes_get_data (message, NULL), NULL);
  JsonObject *o = root != NULL ? json_node_get_object (root) : NULL;

  g_assert_nonnull (o);
  g_ptr_array_add (f->acks, g_strdup (json_object_get_string_member (o, "envelope_id")));

  /* Both events acknowledged: ask for a new connection. */
  if (f->acks->len == 2)
    send_json (conn, "{\"type\": \"disconnect\", \"reason\": \"refresh_requested\"}");
}

static void
on_server_closed (SoupWebsocketConnection *conn,
                  Fixture                 *f)
{
  if (f->conns->len > 0 && conn == f->conns->pdata[0])
    f->first_closed = TRUE;
}

/* A frame as a server sends it (unmasked): FIN or not, an opcode, 64 KiB. */
static GByteArray *
make_frame (gboolean first)
{
  GByteArray *frame = g_byte_array_new ();
  guint8 head[4] = { first ? 0x01 : 0x00, 126, 0xff, 0xff };
  g_autofree char *payload = g_strnfill (0xffff, first ? '[' : ' ');

  g_byte_array_append (frame, head, sizeof head);
  g_byte_array_append (frame, (guint8 *)payload, 0xffff);
  return frame;
}

/* Writes continuation frames of one text message that never ends, as fast
 * as the client reads them, until the client closes the connection (or
 * 64 MiB went out, which fails the test). */
static gboolean
flood_more (gpointer user_data)
{
  Fixture *f = user_data;
  SoupWebsocketConnection *conn = f->conns->pdata[0];
  GOutputStream *out = g_io_stream_get_output_stream (soup_websocket_connection_get_io_stream (conn));
  g_autoptr(GError) error = NULL;

  for (guint n = 0; n < 16; n++)
    {
      gssize written;

      if (f->frame == NULL)
        {
          f->frame = make_frame (f->flooded == 0);
          f->frame_at = 0;
        }
      written = g_pollable_output_stream_write_nonblocking (G_POLLABLE_OUTPUT_STREAM (out),
                                                            f->frame->data + f->frame_at,
                                                            f->frame->len - f->frame_at,
                                                            NULL, &error);
      if (written < 0 && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
        return G_SOURCE_CONTINUE;
      if (written < 0 || f->flooded >= 64 << 20)
        {
          f->flood_id = 0;
          return G_SOURCE_REMOVE;
        }
      f->frame_at += (gsize)written;
      f->flooded += (guint64)written;
      if (f->frame_at == f->frame->len)
        g_clear_pointer (&f->frame, g_byte_array_unref);
    }
  return G_SOURCE_CONTINUE;
}

static void
on_websocket (SoupServer              *server,
              SoupServerMessage       *msg,
              const char              *path,
              SoupWebsocketConnection *conn,
              gpointer                 user_data)
{
  Fixture *f = user_data;
  gboolean first = f->conns->len == 0;

  g_ptr_array_add (f->conns, g_object_ref (conn));
  g_signal_connect (conn, "message", G_CALLBACK (on_server_message), f);
  g_signal_connect (conn, "closed", G_CALLBACK (on_server_closed), f);
  send_json (conn, "{\"type\": \"hello\", \"num_connections\": 1, "
                   "\"connection_info\": {\"app_id\": \"A123\"}}");
  if (first && f->flood)
    f->flood_id = g_timeout_add (1, flood_more, f);
  else if (first)
    {
      send_json (conn, "{\"envelope_id\": \"e1\", \"type\": \"events_api\", "
                       "\"accepts_response_payload\": false, \"payload\": {\"event\": "
                       "{\"type\": \"message\", \"channel\": \"C0SUPPORT\", \"user\": \"U42\", "
                       "\"text\": \"VPN is down\", \"ts\": \"1700000000.000100\"}}}");
      send_json (conn, "not json at all");
      {
        /* 60,000 nested arrays (120 KB, under the frame limit): enough to
         * overflow json-glib's stack. */
        g_autofree char *open = g_strnfill (60000, '[');
        g_autofree char *close = g_strnfill (60000, ']');
        g_autofree char *deep = g_strconcat (open, close, NULL);
        send_json (conn, deep);
      }
      {
        /* The same behind a single-quoted string json-glib would read. */
        g_autofree char *open = g_strnfill (60000, '[');
        g_autofree char *close = g_strnfill (60000, ']');
        g_autofree char *hidden = g_strconcat ("{\"type\":'\"',\"x\":", open, close, "}",
                                               NULL);
        send_json (conn, hidden);
      }
      send_json (conn, "{\"envelope_id\": \"e2\", \"type\": \"events_api\", "
                       "\"payload\": {\"event\": {\"type\": \"reaction_added\", "
                       "\"text\": \"eyes\"}}}");
    }
}

static void
handler (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  Fixture *f = user_data;
  SoupMessageHeaders *h = soup_server_message_get_request_headers (msg);
  g_autofree char *body = NULL;
  g_autofree char *ws = NULL;

  if (!g_str_equal (path, "/apps.connections.open"))
    {
      soup_server_message_set_status (msg, 404, NULL);
      return;
    }
  f->opens++;
  /* Socket Mode takes the app-level token, and only that. */
  g_assert_cmpstr (soup_message_headers_get_one (h, "Authorization"), ==, "Bearer " APP_TOKEN);
  ws = ds_test_server_dup_ws_url (&f->ts, "/link");
  if (f->refuse_open)
    body = g_strdup ("{\"ok\": false, \"error\": \"invalid_auth\"}");
  else
    body = g_strdup_printf ("{\"ok\": true, \"url\": \"%s\"}", ws);
  ds_test_respond_json (msg, 200, body);
}

static void
on_event (DsSlackSocket *socket,
          const char    *type,
          JsonNode      *payload,
          Fixture       *f)
{
  JsonObject *event = json_object_get_object_member (json_node_get_object (payload), "event");

  g_ptr_array_add (f->events, g_strdup_printf ("%s:%s", type,
                                               json_object_get_string_member (event, "text")));
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->conns = g_ptr_array_new_with_free_func (g_object_unref);
  f->acks = g_ptr_array_new_with_free_func (g_free);
  f->events = g_ptr_array_new_with_free_func (g_free);
  ds_test_server_start (&f->ts, handler, f);
  ds_test_server_add_websocket (&f->ts, "/link", on_websocket, f);
  f->http = ds_http_new ();
  g_assert_true (ds_http_set_base_url (f->http, DS_SERVICE_SLACK, f->ts.base, &error));
  ds_http_set_token (f->http, DS_SERVICE_SLACK, "xoxb-not-this-one");
  ds_http_set_slack_app_token (f->http, APP_TOKEN);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  for (guint i = 0; i < f->conns->len; i++)
    if (soup_websocket_connection_get_state (f->conns->pdata[i]) == SOUP_WEBSOCKET_STATE_OPEN)
      soup_websocket_connection_close (f->conns->pdata[i], SOUP_WEBSOCKET_CLOSE_GOING_AWAY, NULL);
  g_clear_handle_id (&f->flood_id, g_source_remove);
  g_clear_pointer (&f->frame, g_byte_array_unref);
  g_assert_finalize_object (f->http);
  ds_test_server_stop (&f->ts);
  g_ptr_array_unref (f->conns);
  g_ptr_array_unref (f->acks);
  g_ptr_array_unref (f->events);
}

static gboolean
spin_until (gboolean (*pred) (Fixture *),
            Fixture  *f)
{
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!pred (f) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  return pred (f);
}

static gboolean
reconnected (Fixture *f)
{
  return f->conns->len == 2 && f->first_closed;
}

static void
test_events_acks_and_reconnect (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(DsSlackSocket) socket = ds_slack_socket_new (f->http);

  g_signal_connect (socket, "event", G_CALLBACK (on_event), f);
  ds_slack_socket_start (socket);
  g_assert_cmpint (ds_slack_socket_get_state (socket), ==, DS_SLACK_SOCKET_CONNECTING);

  g_assert_true (spin_until (reconnected, f));

  /* Each envelope was acknowledged, once, by its id. */
  g_assert_cmpuint (f->acks->len, ==, 2);
  g_assert_cmpstr (f->acks->pdata[0], ==, "e1");
  g_assert_cmpstr (f->acks->pdata[1], ==, "e2");
  /* Both events reached the app, in order; the garbage did not. */
  g_assert_cmpuint (f->events->len, ==, 2);
  g_assert_cmpstr (f->events->pdata[0], ==, "events_api:VPN is down");
  g_assert_cmpstr (f->events->pdata[1], ==, "events_api:eyes");
  /* A new connection was opened, then the old one dropped. */
  g_assert_cmpuint (f->opens, ==, 2);
  g_assert_cmpuint (ds_slack_socket_get_n_connections (socket), ==, 2);
  g_assert_cmpint (ds_slack_socket_get_state (socket), ==, DS_SLACK_SOCKET_CONNECTED);

  ds_slack_socket_stop (socket);
  g_assert_cmpint (ds_slack_socket_get_state (socket), ==, DS_SLACK_SOCKET_STOPPED);
  g_assert_finalize_object (g_steal_pointer (&socket));
}

static void
on_failed (DsSlackSocket *socket,
           GError        *error,
           GError       **out)
{
  if (*out == NULL)
    *out = g_error_copy (error);
}

static gboolean
opened_once (Fixture *f)
{
  return f->opens >= 1;
}

static void
test_refused_token_reports (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(DsSlackSocket) socket = ds_slack_socket_new (f->http);
  g_autoptr(GError) failure = NULL;

  f->refuse_open = TRUE;
  g_signal_connect (socket, "failed", G_CALLBACK (on_failed), &failure);
  ds_slack_socket_start (socket);
  g_assert_true (spin_until (opened_once, f));
  while (failure == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (strstr (failure->message, "invalid_auth"));
  g_assert_null (strstr (failure->message, "SECRET"));
  g_assert_cmpint (ds_slack_socket_get_state (socket), ==, DS_SLACK_SOCKET_CONNECTING);
  ds_slack_socket_stop (socket);
  g_assert_finalize_object (g_steal_pointer (&socket));
}

static gboolean
first_closed_and_again (Fixture *f)
{
  return f->first_closed && f->conns->len >= 2;
}

/* One message in endless 64 KiB continuation frames: the client closes the
 * connection once the message passes what an answer may be (4 MiB), long
 * before the 64 MiB the server would send, says so, and connects again. */
static void
test_message_size_capped (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(DsSlackSocket) socket = ds_slack_socket_new (f->http);
  g_autoptr(GError) failure = NULL;

  f->flood = TRUE;
  g_signal_connect (socket, "failed", G_CALLBACK (on_failed), &failure);
  ds_slack_socket_start (socket);
  g_assert_true (spin_until (first_closed_and_again, f));
  g_test_message ("%" G_GUINT64_FORMAT " bytes written before the client closed", f->flooded);
  g_assert_cmpuint (f->flooded, >, 4 << 20);
  /* What sat in the two sockets' buffers, at most, beyond the limit. */
  g_assert_cmpuint (f->flooded, <, 16 << 20);
  g_assert_nonnull (failure);
  g_assert_cmpstr (failure->message, ==, "Slack sent a Socket Mode message larger than 4096 KiB; "
                   "Dayshift closed the connection and opens a new one.");
  /* The new connection says hello and events flow again. */
  while (ds_slack_socket_get_n_connections (socket) < 2 ||
         ds_slack_socket_get_state (socket) != DS_SLACK_SOCKET_CONNECTED)
    g_main_context_iteration (NULL, TRUE);
  ds_slack_socket_stop (socket);
  g_assert_finalize_object (g_steal_pointer (&socket));
}

static DsSlackEvent *
parse_event (const char  *json,
             GError     **error)
{
  DsJsonScope scope = { "Slack", "Socket Mode" };
  g_autoptr(JsonNode) root = ds_json_parse (json, strlen (json), DS_JSON_MAX_SIZE, NULL, error);

  g_assert_nonnull (root);
  return ds_slack_parse_event (root, &scope, error);
}

/* What each kind of event tells, as Slack's Events API sends it: a message
 * carries the message as history gives it; an edit the message as it now
 * is; a deletion the message's ts; a reaction its message in "item";
 * another event a channel if it names one as a string. */
static void
test_events_parsed (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DsSlackEvent) e = NULL;

  e = parse_event ("{\"type\": \"event_callback\", \"event\": {\"type\": \"message\", "
                   "\"channel\": \"C1\", \"user\": \"U1\", \"text\": \"Help <@U2>\", "
                   "\"ts\": \"1700000000.000100\", \"event_ts\": \"1700000000.000100\", "
                   "\"channel_type\": \"channel\"}}", &error);
  g_assert_no_error (error);
  g_assert_cmpint (e->kind, ==, DS_SLACK_EVENT_MESSAGE);
  g_assert_cmpstr (e->channel, ==, "C1");
  g_assert_cmpstr (e->ts, ==, "1700000000.000100");
  g_assert_cmpstr (e->message->user, ==, "U1");
  g_assert_cmpstr (e->message->text, ==, "Help <@U2>");
  g_assert_null (e->message->thread_ts);
  g_clear_pointer (&e, ds_slack_event_free);

  e = parse_event ("{\"event\": {\"type\": \"message\", \"subtype\": \"bot_message\", "
                   "\"channel\": \"C1\", \"bot_id\": \"B1\", \"username\": \"argocd\", "
                   "\"text\": \"deploy failed\", \"ts\": \"1700000001.000100\", "
                   "\"thread_ts\": \"1700000000.000100\"}}", &error);
  g_assert_no_error (error);
  g_assert_cmpint (e->kind, ==, DS_SLACK_EVENT_MESSAGE);
  g_assert_cmpstr (e->message->bot_id, ==, "B1");
  g_assert_cmpstr (e->message->subtype, ==, "bot_message");
  g_assert_cmpstr (e->message->thread_ts, ==, "1700000000.000100");
  g_clear_pointer (&e, ds_slack_event_free);

  e = parse_event ("{\"event\": {\"type\": \"message\", \"subtype\": \"message_changed\", "
                   "\"hidden\": true, \"channel\": \"C1\", \"ts\": \"1700000060.000200\", "
                   "\"message\": {\"type\": \"message\", \"user\": \"U1\", "
                   "\"text\": \"Help, please\", \"ts\": \"1700000000.000100\", "
                   "\"edited\": {\"user\": \"U1\", \"ts\": \"1700000060.000000\"}, "
                   "\"reactions\": [{\"name\": \"eyes\", \"users\": [\"U3\"], "
                   "\"count\": 1}]}}}", &error);
  g_assert_no_error (error);
  g_assert_cmpint (e->kind, ==, DS_SLACK_EVENT_EDITED);
  g_assert_cmpstr (e->ts, ==, "1700000000.000100");
  g_assert_cmpstr (e->message->text, ==, "Help, please");
  g_assert_cmpuint (e->message->reactions->len, ==, 1);
  g_clear_pointer (&e, ds_slack_event_free);

  e = parse_event ("{\"event\": {\"type\": \"message\", \"subtype\": \"message_deleted\", "
                   "\"hidden\": true, \"channel\": \"C1\", \"ts\": \"1700000120.000300\", "
                   "\"deleted_ts\": \"1700000000.000100\"}}", &error);
  g_assert_no_error (error);
  g_assert_cmpint (e->kind, ==, DS_SLACK_EVENT_DELETED);
  g_assert_cmpstr (e->ts, ==, "1700000000.000100");
  g_assert_null (e->message);
  g_clear_pointer (&e, ds_slack_event_free);

  e = parse_event ("{\"event\": {\"type\": \"reaction_added\", \"user\": \"U3\", "
                   "\"reaction\": \"eyes\", \"item\": {\"type\": \"message\", "
                   "\"channel\": \"C1\", \"ts\": \"1700000000.000100\"}}}", &error);
  g_assert_no_error (error);
  g_assert_cmpint (e->kind, ==, DS_SLACK_EVENT_REACTION);
  g_assert_cmpstr (e->channel, ==, "C1");
  g_assert_cmpstr (e->ts, ==, "1700000000.000100");
  g_clear_pointer (&e, ds_slack_event_free);

  e = parse_event ("{\"event\": {\"type\": \"channel_created\", "
                   "\"channel\": {\"id\": \"C9\", \"name\": \"new\"}}}", &error);
  g_assert_no_error (error);
  g_assert_cmpint (e->kind, ==, DS_SLACK_EVENT_OTHER);
  g_assert_null (e->channel);
  g_clear_pointer (&e, ds_slack_event_free);

  e = parse_event ("{\"event\": {\"type\": \"member_joined_channel\", \"user\": \"U4\", "
                   "\"channel\": \"C1\"}}", &error);
  g_assert_no_error (error);
  g_assert_cmpint (e->kind, ==, DS_SLACK_EVENT_OTHER);
  g_assert_cmpstr (e->channel, ==, "C1");
  g_clear_pointer (&e, ds_slack_event_free);

  /* A message without its channel, or its ts: said, naming what is missing. */
  e = parse_event ("{\"event\": {\"type\": \"message\", \"user\": \"U1\", "
                   "\"ts\": \"1700000000.000100\"}}", &error);
  g_assert_null (e);
  g_assert_error (error, DS_ERROR, DS_ERROR_BAD_RESPONSE);
  g_assert_nonnull (strstr (error->message, "channel"));
  g_clear_error (&error);
  e = parse_event ("{\"event\": {\"type\": \"message\", \"subtype\": \"message_changed\", "
                   "\"channel\": \"C1\", \"message\": {\"text\": \"x\"}}}", &error);
  g_assert_null (e);
  g_assert_nonnull (strstr (error->message, "ts"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ds/slack-socket/events-parsed", test_events_parsed);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/ds/slack-socket/events-acks-reconnect", test_events_acks_and_reconnect);
  ADD ("/ds/slack-socket/refused-token", test_refused_token_reports);
  ADD ("/ds/slack-socket/message-size-capped", test_message_size_capped);
#undef ADD

  return g_test_run ();
}
