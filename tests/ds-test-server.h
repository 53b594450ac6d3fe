/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* A loopback SoupServer and a way to wait for an async call, for the tests
 * of the service clients. */

#include <string.h>

#include <libsoup/soup.h>

typedef struct
{
  SoupServer   *server;
  char         *base;   /* http://127.0.0.1:PORT, no trailing slash */
  GMainLoop    *loop;
  GAsyncResult *result;
} DsTestServer;

static inline void
ds_test_server_start (DsTestServer          *ts,
                      SoupServerCallback     handler,
                      gpointer               user_data)
{
  g_autoptr(GError) error = NULL;
  GSList *uris;

  ts->loop = g_main_loop_new (NULL, FALSE);
  ts->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (ts->server, NULL, handler, user_data, NULL);
  g_assert_true (soup_server_listen_local (ts->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (ts->server);
  ts->base = g_uri_to_string (uris->data);
  if (g_str_has_suffix (ts->base, "/"))
    ts->base[strlen (ts->base) - 1] = '\0';
  g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);
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

/* Runs the loop until ds_test_server_done() was called; returns its result. */
static inline GAsyncResult *
ds_test_server_wait (DsTestServer *ts)
{
  g_main_loop_run (ts->loop);
  return ts->result;
}

/* The request's JSON body. */
static inline JsonNode *
ds_test_request_json (SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);

  return json_from_string (g_bytes_get_data (bytes, NULL), NULL);
}
