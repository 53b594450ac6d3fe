/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-demo"

#include "config.h"

#include <string.h>

#include "ds-demo-private.h"

/* Slack's Web API, as the demo world answers it. */

/* A message's members, as history and Socket Mode's events give them. */
void
_ds_demo_message_members (JsonBuilder *b,
                          Msg         *m)
{
  _ds_demo_member_str (b, "type", "message");
  _ds_demo_member_str (b, "ts", m->ts);
  if (m->user)
    _ds_demo_member_str (b, "user", m->user);
  if (m->bot_id)
    {
      _ds_demo_member_str (b, "bot_id", m->bot_id);
      _ds_demo_member_str (b, "subtype", "bot_message");
      _ds_demo_member_str (b, "username", m->username);
    }
  _ds_demo_member_str (b, "text", m->text);
  if (m->thread_ts != NULL)
    _ds_demo_member_str (b, "thread_ts", m->thread_ts);
  else if (m->replies > 0)
    {
      _ds_demo_member_str (b, "thread_ts", m->ts);
      _ds_demo_member_int (b, "reply_count", m->replies);
    }
  if (m->reactions->len > 0)
    {
      json_builder_set_member_name (b, "reactions");
      json_builder_begin_array (b);
      for (guint i = 0; i < m->reactions->len; i++)
        {
          Reaction *r = m->reactions->pdata[i];
          json_builder_begin_object (b);
          _ds_demo_member_str (b, "name", r->name);
          _ds_demo_member_int (b, "count", r->users->len);
          json_builder_set_member_name (b, "users");
          json_builder_begin_array (b);
          for (guint u = 0; u < r->users->len; u++)
            json_builder_add_string_value (b, r->users->pdata[u]);
          json_builder_end_array (b);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
    }
}

void
_ds_demo_message_json (JsonBuilder *b,
                       Msg         *m)
{
  json_builder_begin_object (b);
  _ds_demo_message_members (b, m);
  json_builder_end_object (b);
}

const char *
_ds_demo_param (GHashTable *query,
                GHashTable *form,
                const char *name)
{
  const char *v = form ? g_hash_table_lookup (form, name) : NULL;
  return v != NULL ? v : (query ? g_hash_table_lookup (query, name) : NULL);
}

Msg *
_ds_demo_find_message (DsDemo     *self,
                       const char *channel,
                       const char *ts)
{
  for (guint i = 0; i < self->messages->len; i++)
    {
      Msg *m = self->messages->pdata[i];
      if (!m->deleted && g_strcmp0 (m->channel, channel) == 0 && g_strcmp0 (m->ts, ts) == 0)
        return m;
    }
  return NULL;
}

static const struct { const char *id; const char *name; } slack_people[] = {
  { "U0DEMOSAM", "Sam Ortega" }, { "U0DEMOLEE", "Lee Park" }, { "U0DEMOALI", "Alice Nakamura" },
  { "U0DEMOBOG", "Bogdan Ilić" }, { "U0DEMOCHI", "Chioma Eze" }, { "U0DEMOPRI", "Priya Raman" },
  { "U0DEMOTOM", "Tomás Ruiz" }, { ME_SLACK, "You" },
};

void
_ds_demo_slack (DsDemo            *self,
                SoupServerMessage *msg,
                const char        *method,
                GHashTable        *query)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(GHashTable) form = NULL;
  SoupMessageBody *body = soup_server_message_get_request_body (msg);

  if (g_str_equal (soup_server_message_get_method (msg), "POST") && body->length > 0)
    form = soup_form_decode (body->data);

  json_builder_begin_object (b);
  _ds_demo_member_bool (b, "ok", TRUE);
  if (g_str_equal (method, "auth.test"))
    {
      _ds_demo_member_str (b, "user_id", ME_SLACK);
      _ds_demo_member_str (b, "user", "you");
      _ds_demo_member_str (b, "team", "Demo Co");
      _ds_demo_member_str (b, "team_id", "T0DEMO");
    }
  else if (g_str_equal (method, "conversations.history"))
    {
      const char *channel = _ds_demo_param (query, NULL, "channel");
      const char *oldest = _ds_demo_param (query, NULL, "oldest");
      double since = oldest ? g_ascii_strtod (oldest, NULL) : 0;

      json_builder_set_member_name (b, "messages");
      json_builder_begin_array (b);
      for (guint i = self->messages->len; i > 0; i--)
        {
          Msg *m = self->messages->pdata[i - 1];
          /* Replies stay in their thread, as on Slack. */
          if (!m->deleted && g_strcmp0 (m->channel, channel) == 0 &&
              g_ascii_strtod (m->ts, NULL) > since && m->thread_ts == NULL)
            _ds_demo_message_json (b, m);
        }
      json_builder_end_array (b);
      _ds_demo_member_bool (b, "has_more", FALSE);
    }
  else if (g_str_equal (method, "conversations.replies"))
    {
      Msg *m = _ds_demo_find_message (self, _ds_demo_param (query, NULL, "channel"), _ds_demo_param (query, NULL, "ts"));

      if (m != NULL)
        m->thread_reads++;
      json_builder_set_member_name (b, "messages");
      json_builder_begin_array (b);
      if (m != NULL)
        _ds_demo_message_json (b, m);
      for (guint i = 0; m != NULL && i < self->messages->len; i++)
        {
          Msg *r = self->messages->pdata[i];

          if (!r->deleted && g_strcmp0 (r->thread_ts, m->ts) == 0 &&
              g_strcmp0 (r->channel, m->channel) == 0)
            _ds_demo_message_json (b, r);
        }
      json_builder_end_array (b);
    }
  else if (g_str_equal (method, "users.info"))
    {
      const char *id = _ds_demo_param (query, NULL, "user");
      const char *name = id;

      for (guint i = 0; i < G_N_ELEMENTS (slack_people); i++)
        if (g_strcmp0 (slack_people[i].id, id) == 0)
          name = slack_people[i].name;
      json_builder_set_member_name (b, "user");
      json_builder_begin_object (b);
      _ds_demo_member_str (b, "id", id);
      _ds_demo_member_str (b, "name", name);
      _ds_demo_member_str (b, "real_name", name);
      json_builder_end_object (b);
    }
  else if (g_str_equal (method, "reactions.add"))
    {
      Msg *m = _ds_demo_find_message (self, _ds_demo_param (query, form, "channel"),
                             _ds_demo_param (query, form, "timestamp"));

      self->writes++;
      if (m == NULL)
        {
          _ds_demo_reply_text (msg, 200, "{\"ok\": false, \"error\": \"message_not_found\"}");
          return;
        }
      _ds_demo_react (m, _ds_demo_param (query, form, "name"), ME_SLACK);
    }
  else if (g_str_equal (method, "chat.postMessage"))
    {
      Msg *parent = _ds_demo_find_message (self, _ds_demo_param (query, form, "channel"),
                                  _ds_demo_param (query, form, "thread_ts"));

      self->writes++;
      if (parent != NULL)
        parent->replies++;
      _ds_demo_member_str (b, "channel", _ds_demo_param (query, form, "channel"));
      {
        g_autofree char *ts = g_strdup_printf ("%" G_GINT64_FORMAT ".%06u", _ds_demo_now (),
                                               ++self->ts_seq);
        _ds_demo_member_str (b, "ts", ts);
      }
    }
  else if (g_str_equal (method, "apps.connections.open"))
    {
      g_autofree char *url = g_strdup_printf ("ws%s/slack/socket", self->base + strlen ("http"));
      _ds_demo_member_str (b, "url", url);
    }
  else if (g_str_equal (method, "chat.getPermalink"))
    {
      g_autofree char *link = g_strdup_printf ("https://demo-co.slack.com/archives/%s/p%s",
                                               _ds_demo_param (query, NULL, "channel"),
                                               _ds_demo_param (query, NULL, "message_ts"));
      _ds_demo_member_str (b, "permalink", link);
    }
  else
    {
      _ds_demo_reply_text (msg, 200, "{\"ok\": false, \"error\": \"unknown_method\"}");
      return;
    }
  json_builder_end_object (b);
  _ds_demo_reply_json (msg, b);
}
