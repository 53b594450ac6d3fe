/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-demo"

#include "config.h"

#include <string.h>

#include "ds-demo-private.h"

/* The demo object: a loopback server for the world's four services (see
 * ds-demo-private.h for where each lives) and the clock that runs the
 * script. What tests ask of it, faults, limits and counts, is in
 * ds-demo-testing.c. */

G_DEFINE_FINAL_TYPE (DsDemo, ds_demo, G_TYPE_OBJECT)

static void
handler (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  DsDemo *self = user_data;
  const char *auth = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                   "Authorization");
  const char *zh = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                 "X-Authentication-Token");
  const char *service = NULL;

  /* Like the real services: no token, no answer. */
  if ((auth == NULL || strstr (auth, DS_DEMO_TOKEN) == NULL) && g_strcmp0 (zh, DS_DEMO_TOKEN) != 0)
    {
      _ds_demo_reply_text (msg, 401, "{\"ok\": false, \"error\": \"not_authed\", \"message\": \"Requires "
                            "authentication\"}");
      return;
    }

  /* What a test asked for: a fault, a limit. */
  if (self->faults_answer != NULL && self->faults_answer (self, msg, path, query))
    return;

  if (g_str_has_prefix (path, "/slack/api/"))
    _ds_demo_slack (self, msg, path + strlen ("/slack/api/"), query), service = "slack";
  else if (g_str_has_prefix (path, "/github/"))
    _ds_demo_github (self, msg, path + strlen ("/github"), query), service = "github";
  else if (g_str_has_prefix (path, "/pagerduty/"))
    _ds_demo_pagerduty (self, msg, path + strlen ("/pagerduty")), service = "pagerduty";
  else if (g_str_has_prefix (path, "/zenhub/"))
    _ds_demo_zenhub (self, msg), service = "zenhub";
  else
    _ds_demo_reply_text (msg, 404, "{}");

  if (service != NULL)
    {
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (self->requests, service));
      g_hash_table_replace (self->requests, (gpointer)service, GUINT_TO_POINTER (n + 1));
    }
}

/* -- the object ------------------------------------------------------------ */

static void
on_socket_closed (SoupWebsocketConnection *conn,
                  DsDemo                  *self)
{
  g_ptr_array_remove (self->sockets, conn);
}

static void
on_socket (SoupServer              *server,
           SoupServerMessage       *msg,
           const char              *path,
           SoupWebsocketConnection *conn,
           gpointer                 user_data)
{
  DsDemo *self = user_data;

  g_ptr_array_add (self->sockets, g_object_ref (conn));
  g_signal_connect_object (conn, "closed", G_CALLBACK (on_socket_closed), self, 0);
  soup_websocket_connection_send_text (conn, "{\"type\": \"hello\", \"num_connections\": 1}");
}

static void schedule_beat (DsDemo *self);

static gboolean
on_beat (gpointer user_data)
{
  DsDemo *self = user_data;

  self->timer = 0;
  _ds_demo_world_step (self);
  schedule_beat (self);
  return G_SOURCE_REMOVE;
}

/* The next beat at its time in the story; none after the last. */
static void
schedule_beat (DsDemo *self)
{
  gint64 due, now = g_get_real_time () / 1000;

  if (self->epoch == 0 || self->steps >= _ds_demo_story_length ())
    return;
  due = (self->epoch + _ds_demo_story_offset (self->steps)) * 1000;
  self->timer = g_timeout_add ((guint)CLAMP (due - now, 0, G_MAXINT), on_beat, self);
}

static void
ds_demo_dispose (GObject *object)
{
  DsDemo *self = (DsDemo *)object;

  g_clear_handle_id (&self->timer, g_source_remove);
  if (self->sockets != NULL)
    {
      for (guint i = 0; i < self->sockets->len; i++)
        {
          SoupWebsocketConnection *conn = self->sockets->pdata[i];
          g_signal_handlers_disconnect_by_data (conn, self);
          if (soup_websocket_connection_get_state (conn) == SOUP_WEBSOCKET_STATE_OPEN)
            soup_websocket_connection_close (conn, SOUP_WEBSOCKET_CLOSE_GOING_AWAY, NULL);
        }
      g_clear_pointer (&self->sockets, g_ptr_array_unref);
    }
  if (self->server != NULL)
    soup_server_disconnect (self->server);
  g_clear_object (&self->server);

  G_OBJECT_CLASS (ds_demo_parent_class)->dispose (object);
}

static void
ds_demo_finalize (GObject *object)
{
  DsDemo *self = (DsDemo *)object;

  g_free (self->base);
  if (self->faults_free != NULL)
    self->faults_free (self->faults);
  g_ptr_array_unref (self->messages);
  g_ptr_array_unref (self->issues);
  g_ptr_array_unref (self->runs);
  g_ptr_array_unref (self->mentions);
  g_ptr_array_unref (self->incidents);
  g_ptr_array_unref (self->comments);
  g_hash_table_unref (self->requests);

  G_OBJECT_CLASS (ds_demo_parent_class)->finalize (object);
}

static void
ds_demo_class_init (DsDemoClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ds_demo_dispose;
  object_class->finalize = ds_demo_finalize;
}

static void
ds_demo_init (DsDemo *self)
{
  self->messages = g_ptr_array_new_with_free_func ((GDestroyNotify)_ds_demo_msg_free);
  self->issues = g_ptr_array_new_with_free_func ((GDestroyNotify)_ds_demo_issue_free);
  self->runs = g_ptr_array_new_with_free_func ((GDestroyNotify)_ds_demo_run_free);
  self->mentions = g_ptr_array_new_with_free_func ((GDestroyNotify)_ds_demo_mention_free);
  self->incidents = g_ptr_array_new_with_free_func ((GDestroyNotify)_ds_demo_incident_free);
  self->comments = g_ptr_array_new_with_free_func ((GDestroyNotify)_ds_demo_comment_free);
  self->requests = g_hash_table_new (g_str_hash, g_str_equal);
  self->sockets = g_ptr_array_new_with_free_func (g_object_unref);
  _ds_demo_world_seed (self);
}

DsDemo *
ds_demo_new (void)
{
  return g_object_new (DS_TYPE_DEMO, NULL);
}

/* Listens on a free loopback port (the story starts with
 * ds_demo_run_story(), or a beat at a time with ds_demo_step()). */
gboolean
ds_demo_start (DsDemo  *self,
               GError **error)
{
  GSList *uris;

  g_return_val_if_fail (DS_IS_DEMO (self), FALSE);

  self->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (self->server, NULL, handler, self, NULL);
  soup_server_add_websocket_handler (self->server, "/slack/socket", NULL, NULL, on_socket, self,
                                     NULL);
  if (!soup_server_listen_local (self->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, error))
    return FALSE;
  uris = soup_server_get_uris (self->server);
  self->base = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);
  return TRUE;
}

/**
 * ds_demo_run_story:
 * @epoch: when the story started (Unix seconds): now, or when it first
 *   started, so that a restart goes on with it instead of telling it again
 *
 * Tells the story at its own pace: what should have happened by now
 * happens at once, each beat at its own time (so with the same ids as when
 * it was first told), and the rest when its time comes. A story that has
 * ended stays as it ended.
 */
void
ds_demo_run_story (DsDemo *self,
                   gint64  epoch)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  g_return_if_fail (DS_IS_DEMO (self));
  g_return_if_fail (epoch > 0);

  g_clear_handle_id (&self->timer, g_source_remove);
  self->epoch = epoch;
  while (self->steps < _ds_demo_story_length () &&
         epoch + _ds_demo_story_offset (self->steps) <= now)
    {
      self->clock = epoch + _ds_demo_story_offset (self->steps);
      _ds_demo_world_step (self);
    }
  self->clock = 0;
  schedule_beat (self);
}

/**
 * ds_demo_dup_profile_json:
 *
 * Returns: (transfer full): the demo team's profile, pointing at this server
 */
char *
ds_demo_dup_profile_json (DsDemo *self)
{
  g_return_val_if_fail (DS_IS_DEMO (self) && self->base != NULL, NULL);

  return g_strdup_printf (
    "{\n"
    "  \"version\": 1,\n"
    "  \"name\": \"Demo Co Operations (demo workspace)\",\n"
    "  \"github\": { \"api_url\": \"%1$s/github\", \"org\": \"demo-co\", \"team\": \"devops\",\n"
    "    \"repo\": \"demo-co/ops\",\n"
    "    \"deploys\": { \"repos\": [\"demo-co/api\"], \"workflows\": [\"deploy.yml\"] } },\n"
    "  \"slack\": { \"api_url\": \"%1$s/slack/api\", \"channels\": [\n"
    "    { \"id\": \"C0DEMOSUP\", \"name\": \"ops-support\", \"role\": \"support\" },\n"
    "    { \"id\": \"C0DEMOOPS\", \"name\": \"operations\", \"role\": \"operations\" },\n"
    "    { \"id\": \"C0DEMOSRE\", \"name\": \"sre\", \"role\": \"sre\" },\n"
    "    { \"id\": \"C0DEMODEP\", \"name\": \"deploys\", \"role\": \"deploys\" },\n"
    "    { \"id\": \"C0DEMOALR\", \"name\": \"alerts\", \"role\": \"alerts\" },\n"
    "    { \"id\": \"C0DEMOONC\", \"name\": \"oncall\", \"role\": \"oncall\" } ] },\n"
    "  \"pagerduty\": { \"api_url\": \"%1$s/pagerduty\", \"schedule_id\": \"PDEMOSCH\",\n"
    "    \"layer\": 2 },\n"
    "  \"zenhub\": { \"api_url\": \"%1$s/zenhub\", \"api\": \"graphql\" },\n"
    "  \"super_epics\": [\n"
    "    { \"name\": \"Incident Response\", \"issue\": \"demo-co/ops#1\",\n"
    "      \"kinds\": [\"incident\", \"alert\", \"deploy\"] },\n"
    "    { \"name\": \"Global Customer Support\", \"issue\": \"demo-co/ops#2\",\n"
    "      \"kinds\": [\"request\", \"access\", \"review\", \"mention\"] } ],\n"
    "  \"teammates\": [\n"
    "    { \"name\": \"Alice Nakamura\", \"github\": \"alice-n\", \"slack\": \"U0DEMOALI\",\n"
    "      \"pagerduty\": \"PDEMOALI\" },\n"
    "    { \"name\": \"Bogdan Ilić\", \"github\": \"bogdan-i\", \"slack\": \"U0DEMOBOG\",\n"
    "      \"pagerduty\": \"PDEMOBOG\" },\n"
    "    { \"name\": \"Chioma Eze\", \"github\": \"chioma-e\", \"slack\": \"U0DEMOCHI\",\n"
    "      \"pagerduty\": \"PDEMOCHI\" } ],\n"
    "  \"rules\": { \"emergency_keywords\": [\"sev1\", \"outage\", \"down for everyone\"],\n"
    "    \"deploy_failure_patterns\": [\"deploy(ment)? .*fail\"] },\n"
    "  \"standup_time\": \"09:30\",\n"
    /* The demo shows its response clocks whatever the hour: it works all
     * day, every day, and its targets are short enough to see one run. */
    "  \"response\": { \"working_hours\": \"00:00-24:00\",\n"
    "    \"working_days\": [\"mon\", \"tue\", \"wed\", \"thu\", \"fri\", \"sat\", \"sun\"],\n"
    "    \"time_zone\": \"UTC\",\n"
    "    \"targets\": { \"request\": \"30m\", \"access\": \"1h\", \"incident\": \"15m\" } }\n"
    "}\n", self->base);
}
