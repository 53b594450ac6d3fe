/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-slack"

#include "config.h"

#include "ds-error.h"
#include "ds-json-private.h"
#include "ds-slack.h"

/* Slack's errors (HTTP 200 with "ok": false) are turned into GErrors by
 * DsHttp; the parsers here only see successful answers. */

/* -- parsers --------------------------------------------------------------- */

gpointer
ds_slack_parse_auth (JsonNode           *root,
                     const DsJsonScope  *scope,
                     GError            **error)
{
  JsonObject *o = ds_json_root_object (root, scope, error);
  g_autoptr(DsSlackAuth) a = g_new0 (DsSlackAuth, 1);

  if (o == NULL ||
      !ds_json_dup_string (o, "user_id", TRUE, &a->user_id, scope, error) ||
      !ds_json_dup_string (o, "user", FALSE, &a->user, scope, error) ||
      !ds_json_dup_string (o, "team_id", FALSE, &a->team_id, scope, error) ||
      !ds_json_dup_string (o, "team", FALSE, &a->team, scope, error) ||
      !ds_json_dup_string (o, "bot_id", FALSE, &a->bot_id, scope, error))
    return NULL;
  return g_steal_pointer (&a);
}

static gboolean
parse_channel_object (JsonObject         *o,
                      DsSlackChannel    **out,
                      const DsJsonScope  *scope,
                      GError            **error)
{
  g_autoptr(DsSlackChannel) c = g_new0 (DsSlackChannel, 1);

  if (!ds_json_dup_string (o, "id", TRUE, &c->id, scope, error) ||
      !ds_json_dup_string (o, "name", FALSE, &c->name, scope, error) ||
      !ds_json_bool (o, "is_private", FALSE, &c->is_private, scope, error) ||
      !ds_json_bool (o, "is_member", FALSE, &c->is_member, scope, error) ||
      !ds_json_bool (o, "is_archived", FALSE, &c->is_archived, scope, error))
    return FALSE;
  *out = g_steal_pointer (&c);
  return TRUE;
}

static gboolean
parse_message_object (JsonObject         *o,
                      DsSlackMessage    **out,
                      const DsJsonScope  *scope,
                      GError            **error)
{
  g_autoptr(DsSlackMessage) m = g_new0 (DsSlackMessage, 1);
  JsonArray *reactions = NULL;

  m->reactions = g_ptr_array_new_with_free_func ((GDestroyNotify)ds_slack_reaction_free);
  if (!ds_json_dup_string (o, "ts", TRUE, &m->ts, scope, error) ||
      !ds_json_dup_string (o, "user", FALSE, &m->user, scope, error) ||
      !ds_json_dup_string (o, "bot_id", FALSE, &m->bot_id, scope, error) ||
      !ds_json_dup_string (o, "username", FALSE, &m->username, scope, error) ||
      !ds_json_dup_string (o, "subtype", FALSE, &m->subtype, scope, error) ||
      !ds_json_dup_string (o, "text", FALSE, &m->text, scope, error) ||
      !ds_json_dup_string (o, "thread_ts", FALSE, &m->thread_ts, scope, error) ||
      !ds_json_int (o, "reply_count", FALSE, &m->reply_count, scope, error) ||
      !ds_json_array (o, "reactions", FALSE, &reactions, scope, error))
    return FALSE;

  for (guint i = 0; reactions != NULL && i < json_array_get_length (reactions); i++)
    {
      JsonObject *ro = ds_json_array_object (reactions, i, "reactions", scope, error);
      DsSlackReaction *r;

      if (ro == NULL)
        return FALSE;
      r = g_new0 (DsSlackReaction, 1);
      g_ptr_array_add (m->reactions, r);
      if (!ds_json_dup_string (ro, "name", TRUE, &r->name, scope, error) ||
          !ds_json_strv (ro, "users", "id", &r->users, scope, error) ||
          !ds_json_int (ro, "count", FALSE, &r->count, scope, error))
        return FALSE;
    }
  *out = g_steal_pointer (&m);
  return TRUE;
}

/**
 * ds_slack_parse_event:
 * @root: a Socket Mode envelope's payload (the Events API's "event_callback")
 *
 * What its event tells. A message event carries the message as a read of
 * the channel gives it, and is read by the same parser; "message_changed"
 * (and "message_replied") carry the message as it now is in "message",
 * "message_deleted" its ts in "deleted_ts". A reaction (and whatever else
 * is done to a message) names the message in "item"; another event may
 * name a channel (as a string: some give an object, which names none).
 *
 * Returns: (transfer full): a #DsSlackEvent
 */
gpointer
ds_slack_parse_event (JsonNode           *root,
                      const DsJsonScope  *scope,
                      GError            **error)
{
  JsonObject *o = ds_json_root_object (root, scope, error);
  JsonObject *event = NULL;
  JsonObject *inner = NULL;
  const char *type = NULL;
  const char *subtype = NULL;
  g_autoptr(DsSlackEvent) e = g_new0 (DsSlackEvent, 1);

  if (o == NULL || !ds_json_object (o, "event", TRUE, &event, scope, error) ||
      !ds_json_string (event, "type", TRUE, &type, scope, error))
    return NULL;

  if (g_str_equal (type, "message"))
    {
      if (!ds_json_string (event, "subtype", FALSE, &subtype, scope, error) ||
          !ds_json_dup_string (event, "channel", TRUE, &e->channel, scope, error))
        return NULL;
      if (g_strcmp0 (subtype, "message_deleted") == 0)
        {
          e->kind = DS_SLACK_EVENT_DELETED;
          if (!ds_json_dup_string (event, "deleted_ts", TRUE, &e->ts, scope, error))
            return NULL;
          return g_steal_pointer (&e);
        }
      if (g_strcmp0 (subtype, "message_changed") == 0 ||
          g_strcmp0 (subtype, "message_replied") == 0)
        {
          e->kind = DS_SLACK_EVENT_EDITED;
          if (!ds_json_object (event, "message", TRUE, &inner, scope, error))
            return NULL;
        }
      else
        e->kind = DS_SLACK_EVENT_MESSAGE;
      if (!parse_message_object (inner != NULL ? inner : event, &e->message, scope, error))
        return NULL;
      e->ts = g_strdup (e->message->ts);
      return g_steal_pointer (&e);
    }

  if (!ds_json_object (event, "item", FALSE, &inner, scope, error))
    return NULL;
  if (inner != NULL)
    {
      const char *item_type = NULL;

      if (!ds_json_string (inner, "type", FALSE, &item_type, scope, error))
        return NULL;
      if (g_strcmp0 (item_type, "message") == 0)
        {
          if (!ds_json_dup_string (inner, "channel", FALSE, &e->channel, scope, error) ||
              !ds_json_dup_string (inner, "ts", FALSE, &e->ts, scope, error))
            return NULL;
          if (e->ts != NULL)
            e->kind = DS_SLACK_EVENT_REACTION;
          return g_steal_pointer (&e);
        }
    }
  {
    JsonNode *channel = json_object_get_member (event, "channel");

    if (channel != NULL && JSON_NODE_HOLDS_VALUE (channel) &&
        json_node_get_value_type (channel) == G_TYPE_STRING)
      e->channel = g_strdup (json_node_get_string (channel));
  }
  return g_steal_pointer (&e);
}

static gboolean
parse_user_object (JsonObject         *o,
                   DsSlackUser       **out,
                   const DsJsonScope  *scope,
                   GError            **error)
{
  g_autoptr(DsSlackUser) u = g_new0 (DsSlackUser, 1);
  JsonObject *profile = NULL;

  if (!ds_json_dup_string (o, "id", TRUE, &u->id, scope, error) ||
      !ds_json_dup_string (o, "name", FALSE, &u->name, scope, error) ||
      !ds_json_dup_string (o, "real_name", FALSE, &u->real_name, scope, error) ||
      !ds_json_bool (o, "is_bot", FALSE, &u->is_bot, scope, error) ||
      !ds_json_bool (o, "deleted", FALSE, &u->deleted, scope, error) ||
      !ds_json_object (o, "profile", FALSE, &profile, scope, error))
    return FALSE;
  if (profile != NULL &&
      !ds_json_dup_string (profile, "display_name", FALSE, &u->display_name, scope, error))
    return FALSE;
  *out = g_steal_pointer (&u);
  return TRUE;
}

gboolean
ds_slack_parse_messages (JsonNode           *root,
                         GPtrArray          *items,
                         const DsJsonScope  *scope,
                         GError            **error)
{
  return ds_json_parse_member_array (root, "messages", (DsJsonObjectParser)parse_message_object,
                                     items, scope,
                            error);
}

gboolean
ds_slack_parse_channels (JsonNode           *root,
                         GPtrArray          *items,
                         const DsJsonScope  *scope,
                         GError            **error)
{
  return ds_json_parse_member_array (root, "channels", (DsJsonObjectParser)parse_channel_object,
                                     items, scope,
                            error);
}

gboolean
ds_slack_parse_users (JsonNode           *root,
                      GPtrArray          *items,
                      const DsJsonScope  *scope,
                      GError            **error)
{
  return ds_json_parse_member_array (root, "members", (DsJsonObjectParser)parse_user_object,
                                     items, scope,
                            error);
}

static gpointer
parse_channel_info (JsonNode           *root,
                    const DsJsonScope  *scope,
                    GError            **error)
{
  return ds_json_parse_member (root, "channel", (DsJsonObjectParser)parse_channel_object, scope,
                               error);
}

static gpointer
parse_user_info (JsonNode           *root,
                 const DsJsonScope  *scope,
                 GError            **error)
{
  return ds_json_parse_member (root, "user", (DsJsonObjectParser)parse_user_object, scope, error);
}

gpointer
ds_slack_parse_posted (JsonNode           *root,
                       const DsJsonScope  *scope,
                       GError            **error)
{
  JsonObject *o = ds_json_root_object (root, scope, error);
  g_autoptr(DsSlackPosted) p = g_new0 (DsSlackPosted, 1);

  if (o == NULL ||
      !ds_json_dup_string (o, "channel", TRUE, &p->channel, scope, error) ||
      !ds_json_dup_string (o, "ts", TRUE, &p->ts, scope, error))
    return NULL;
  return g_steal_pointer (&p);
}

static gpointer
parse_permalink (JsonNode           *root,
                 const DsJsonScope  *scope,
                 GError            **error)
{
  JsonObject *o = ds_json_root_object (root, scope, error);
  char *link = NULL;

  if (o == NULL || !ds_json_dup_string (o, "permalink", TRUE, &link, scope, error))
    return NULL;
  return link;
}

/* -- calls ----------------------------------------------------------------- */

static DsHttpCall *
get (const char *method)
{
  g_autofree char *path = g_strconcat ("/", method, NULL);
  return ds_http_call_new (DS_SERVICE_SLACK, "GET", path);
}

static DsHttpCall *
post (const char *method)
{
  g_autofree char *path = g_strconcat ("/", method, NULL);
  return ds_http_call_new (DS_SERVICE_SLACK, "POST", path);
}

static void
pages (DsHttp              *http,
       DsHttpCall          *call,
       DsHttpPageFunc       parse,
       GDestroyNotify       free_func,
       GCancellable        *cancellable,
       GAsyncReadyCallback  callback,
       gpointer             user_data)
{
  ds_http_fetch_pages_async (http, call, parse, free_func, DS_HTTP_DEFAULT_MAX_PAGES, cancellable,
                             callback, user_data);
}

void
ds_slack_auth_test_async (DsHttp              *http,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  DsHttpCall *call = get ("auth.test");

  ds_http_call_set_source_tag (call, ds_slack_auth_test_async);
  ds_http_fetch_async (http, call, ds_slack_parse_auth, (GDestroyNotify)ds_slack_auth_free,
                       cancellable, callback, user_data);
}

void
ds_slack_list_channels_async (DsHttp              *http,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  DsHttpCall *call = get ("conversations.list");

  ds_http_call_add_query (call, "types", "public_channel,private_channel");
  ds_http_call_add_query (call, "exclude_archived", "true");
  ds_http_call_add_query (call, "limit", "200");
  ds_http_call_set_source_tag (call, ds_slack_list_channels_async);
  pages (http, call, ds_slack_parse_channels, (GDestroyNotify)ds_slack_channel_free, cancellable,
         callback, user_data);
}

void
ds_slack_history_async (DsHttp              *http,
                        const char          *channel,
                        const char          *oldest,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  DsHttpCall *call = get ("conversations.history");

  g_return_if_fail (channel != NULL);
  ds_http_call_add_query (call, "channel", channel);
  if (oldest != NULL)
    ds_http_call_add_query (call, "oldest", oldest);
  ds_http_call_add_query (call, "limit", "100");
  ds_http_call_set_source_tag (call, ds_slack_history_async);
  pages (http, call, ds_slack_parse_messages, (GDestroyNotify)ds_slack_message_free, cancellable,
         callback, user_data);
}

void
ds_slack_replies_async (DsHttp              *http,
                        const char          *channel,
                        const char          *ts,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  DsHttpCall *call = get ("conversations.replies");

  g_return_if_fail (channel != NULL && ts != NULL);
  ds_http_call_add_query (call, "channel", channel);
  ds_http_call_add_query (call, "ts", ts);
  ds_http_call_add_query (call, "limit", "100");
  ds_http_call_set_source_tag (call, ds_slack_replies_async);
  pages (http, call, ds_slack_parse_messages, (GDestroyNotify)ds_slack_message_free, cancellable,
         callback, user_data);
}

void
ds_slack_channel_info_async (DsHttp              *http,
                             const char          *channel,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  DsHttpCall *call = get ("conversations.info");

  g_return_if_fail (channel != NULL);
  ds_http_call_add_query (call, "channel", channel);
  ds_http_call_set_source_tag (call, ds_slack_channel_info_async);
  ds_http_fetch_async (http, call, parse_channel_info, (GDestroyNotify)ds_slack_channel_free,
                       cancellable, callback, user_data);
}

void
ds_slack_add_reaction_async (DsHttp              *http,
                             const char          *channel,
                             const char          *ts,
                             const char          *name,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  DsHttpCall *call = post ("reactions.add");

  g_return_if_fail (channel != NULL && ts != NULL && name != NULL);
  ds_http_call_add_form (call, "channel", channel);
  ds_http_call_add_form (call, "timestamp", ts);
  ds_http_call_add_form (call, "name", name);
  ds_http_call_set_source_tag (call, ds_slack_add_reaction_async);
  ds_http_fetch_async (http, call, ds_http_parse_nothing, NULL, cancellable, callback, user_data);
}

void
ds_slack_post_message_async (DsHttp              *http,
                             const char          *channel,
                             const char          *text,
                             const char          *thread_ts,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  DsHttpCall *call = post ("chat.postMessage");

  g_return_if_fail (channel != NULL && text != NULL);
  ds_http_call_add_form (call, "channel", channel);
  ds_http_call_add_form (call, "text", text);
  if (thread_ts != NULL)
    ds_http_call_add_form (call, "thread_ts", thread_ts);
  ds_http_call_set_source_tag (call, ds_slack_post_message_async);
  ds_http_fetch_async (http, call, ds_slack_parse_posted, (GDestroyNotify)ds_slack_posted_free,
                       cancellable, callback, user_data);
}

void
ds_slack_get_permalink_async (DsHttp              *http,
                              const char          *channel,
                              const char          *ts,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  DsHttpCall *call = get ("chat.getPermalink");

  g_return_if_fail (channel != NULL && ts != NULL);
  ds_http_call_add_query (call, "channel", channel);
  ds_http_call_add_query (call, "message_ts", ts);
  ds_http_call_set_source_tag (call, ds_slack_get_permalink_async);
  ds_http_fetch_async (http, call, parse_permalink, g_free, cancellable, callback, user_data);
}

void
ds_slack_user_info_async (DsHttp              *http,
                          const char          *user,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  DsHttpCall *call = get ("users.info");

  g_return_if_fail (user != NULL);
  ds_http_call_add_query (call, "user", user);
  ds_http_call_set_source_tag (call, ds_slack_user_info_async);
  ds_http_fetch_async (http, call, parse_user_info, (GDestroyNotify)ds_slack_user_free,
                       cancellable, callback, user_data);
}

void
ds_slack_list_users_async (DsHttp              *http,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  DsHttpCall *call = get ("users.list");

  ds_http_call_add_query (call, "limit", "200");
  ds_http_call_set_source_tag (call, ds_slack_list_users_async);
  pages (http, call, ds_slack_parse_users, (GDestroyNotify)ds_slack_user_free, cancellable,
         callback, user_data);
}

/* -- the user cache: resolving ---------------------------------------- */

typedef struct
{
  DsSlackUsers *users;
  char         *id;
} Resolve;

static void
resolve_free (Resolve *r)
{
  ds_slack_users_free (r->users);
  g_free (r->id);
  g_free (r);
}

static void
on_user_info (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Resolve *r = g_task_get_task_data (task);
  GError *error = NULL;
  DsSlackUser *user = ds_slack_user_info_finish (DS_HTTP (source), result, &error);

  if (user == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  ds_slack_users_add (r->users, user);
  g_task_return_pointer (task, user, NULL);
}

void
ds_slack_users_resolve_async (DsSlackUsers        *users,
                              DsHttp              *http,
                              const char          *id,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  const DsSlackUser *cached = ds_slack_users_lookup (users, id);
  Resolve *r;

  g_task_set_source_tag (task, ds_slack_users_resolve_async);
  if (cached != NULL)
    {
      g_task_return_pointer (task, (gpointer)cached, NULL);
      return;
    }
  r = g_new0 (Resolve, 1);
  r->users = ds_slack_users_ref (users);
  r->id = g_strdup (id);
  g_task_set_task_data (task, r, (GDestroyNotify)resolve_free);
  ds_slack_user_info_async (http, id, cancellable, on_user_info, g_steal_pointer (&task));
}

/**
 * ds_slack_users_resolve_finish:
 *
 * Returns: (transfer none): the user, owned by the cache
 */
const DsSlackUser *
ds_slack_users_resolve_finish (DsSlackUsers  *users,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* -- finishing --------------------------------------------------------------- */

DS_HTTP_DEFINE_FINISH (ds_slack_auth_test, DsSlackAuth *)
DS_HTTP_DEFINE_FINISH (ds_slack_list_channels, GPtrArray *)
DS_HTTP_DEFINE_FINISH (ds_slack_history, GPtrArray *)
DS_HTTP_DEFINE_FINISH (ds_slack_replies, GPtrArray *)
DS_HTTP_DEFINE_FINISH (ds_slack_channel_info, DsSlackChannel *)
DS_HTTP_DEFINE_FINISH_BOOLEAN (ds_slack_add_reaction)
DS_HTTP_DEFINE_FINISH (ds_slack_post_message, DsSlackPosted *)
DS_HTTP_DEFINE_FINISH (ds_slack_user_info, DsSlackUser *)
DS_HTTP_DEFINE_FINISH (ds_slack_list_users, GPtrArray *)
DS_HTTP_DEFINE_FINISH (ds_slack_get_permalink, char *)
