/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The loopback server of the service clients' tests: a SoupServer on a free
 * port of 127.0.0.1 (plain, or TLS with a certificate nobody signed), with
 * one handler for every path and, where a test needs them, WebSocket
 * endpoints; its base URL; answers in a line; and a way to wait for an
 * async call. Every client test starts its server here. */

#include <string.h>

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

typedef struct
{
  SoupServer   *server;
  char         *base;   /* http://127.0.0.1:PORT (https:// with TLS), no trailing slash */
  GMainLoop    *loop;
  GAsyncResult *result;
} DsTestServer;

static inline void
ds_test_server_listen (DsTestServer            *ts,
                       GTlsCertificate         *tls,
                       SoupServerCallback       handler,
                       gpointer                 user_data)
{
  g_autoptr(GError) error = NULL;
  SoupServerListenOptions options = SOUP_SERVER_LISTEN_IPV4_ONLY;
  GSList *uris;

  ts->loop = g_main_loop_new (NULL, FALSE);
  ts->server = soup_server_new ("tls-certificate", tls, NULL);
  soup_server_add_handler (ts->server, NULL, handler, user_data, NULL);
  if (tls != NULL)
    options |= SOUP_SERVER_LISTEN_HTTPS;
  g_assert_true (soup_server_listen_local (ts->server, 0, options, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (ts->server);
  ts->base = g_uri_to_string (uris->data);
  if (g_str_has_suffix (ts->base, "/"))
    ts->base[strlen (ts->base) - 1] = '\0';
  g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);
}

/* Serves plain HTTP: @handler answers every path. */
static inline void
ds_test_server_start (DsTestServer          *ts,
                      SoupServerCallback     handler,
                      gpointer               user_data)
{
  ds_test_server_listen (ts, NULL, handler, user_data);
}

/* Serves HTTPS with tests/data/tls-test-cert.pem, which no client trusts. */
static inline void
ds_test_server_start_tls (DsTestServer          *ts,
                          SoupServerCallback     handler,
                          gpointer               user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *cert = g_test_build_filename (G_TEST_DIST, "data", "tls-test-cert.pem", NULL);
  g_autofree char *key = g_test_build_filename (G_TEST_DIST, "data", "tls-test-key.pem", NULL);
  g_autoptr(GTlsCertificate) tls = g_tls_certificate_new_from_files (cert, key, &error);

  g_assert_no_error (error);
  ds_test_server_listen (ts, tls, handler, user_data);
}

/* A WebSocket endpoint at @path, before the handler of every other path. */
static inline void
ds_test_server_add_websocket (DsTestServer                *ts,
                              const char                  *path,
                              SoupServerWebsocketCallback  callback,
                              gpointer                     user_data)
{
  soup_server_add_websocket_handler (ts->server, path, NULL, NULL, callback, user_data, NULL);
}

/* The ws:// (or wss://) URL of @path on this server. */
static inline char *
ds_test_server_dup_ws_url (DsTestServer *ts,
                           const char   *path)
{
  return g_strconcat ("ws", ts->base + strlen ("http"), path, NULL);
}

static inline void
ds_test_server_stop (DsTestServer *ts)
{
  gint64 end = g_get_monotonic_time () + 50 * 1000;

  /* Let the server see the clients' connections close. */
  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  soup_server_disconnect (ts->server);
  g_assert_finalize_object (ts->server);
  g_clear_object (&ts->result);
  g_free (ts->base);
  g_main_loop_unref (ts->loop);
}

static inline void
ds_test_server_done (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  DsTestServer *ts = user_data;

  g_clear_object (&ts->result);
  ts->result = g_object_ref (result);
  g_main_loop_quit (ts->loop);
}

/* Runs the loop until ds_test_server_done() was called; returns its result,
 * which the server keeps until the next one or until it stops. */
static inline GAsyncResult *
ds_test_server_wait (DsTestServer *ts)
{
  g_main_loop_run (ts->loop);
  return ts->result;
}

/* Answers @msg with @status and @body of @type (no body if %NULL). */
static inline void
ds_test_respond (SoupServerMessage *msg,
                 guint              status,
                 const char        *type,
                 const char        *body)
{
  soup_server_message_set_status (msg, status, NULL);
  if (body != NULL)
    soup_server_message_set_response (msg, type, SOUP_MEMORY_COPY, body, strlen (body));
}

static inline void
ds_test_respond_json (SoupServerMessage *msg,
                      guint              status,
                      const char        *json)
{
  ds_test_respond (msg, status, "application/json", json);
}

/* The request's JSON body. */
static inline JsonNode *
ds_test_request_json (SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);

  return json_from_string (g_bytes_get_data (bytes, NULL), NULL);
}
