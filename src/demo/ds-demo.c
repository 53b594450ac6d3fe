/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-demo"

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "ds-demo.h"

/* A small world: a team's Slack channels, its GitHub repositories, a
 * PagerDuty service and a ZenHub workspace, answering at loopback addresses
 * the way the real services do (the same paths, the same shapes, ETags on
 * GitHub). Every few seconds something happens: a support question, a
 * failed deploy, a review request, an access request, a page, a message a
 * teammate claims, an alert, a mention. Writes are taken and counted. */

#define ME_SLACK  "U0DEMOYOU"
#define ME_GITHUB "you"
#define ME_PD     "PDEMOYOU"

typedef struct
{
  char      *name;
  GPtrArray *users;   /* char * */
} Reaction;

typedef struct
{
  char      *channel;
  char      *ts;
  char      *user;
  char      *bot_id;
  char      *username;
  char      *text;
  char      *thread_ts;
  GPtrArray *reactions;  /* Reaction */
  guint      replies;
} Msg;

typedef struct
{
  char    *repo;
  gint64   number;
  char    *title;
  char    *body;
  char    *author;
  char    *label;
  char    *assignee;
  gboolean is_pr;
  gboolean team_review;
  gboolean my_review;
  gboolean closed;
  gint64   created;
} Issue;

typedef struct
{
  char   *repo;
  gint64  id;
  char   *name;
  char   *branch;
  char   *actor;
  char   *title;
  gint64  created;
} Run;

typedef struct
{
  char   *id;
  char   *title;
  char   *repo;
  gint64  updated;
} Mention;

typedef struct
{
  char   *id;
  gint64  number;
  char   *title;
  char   *status;
  char   *urgency;
  char   *service;
  gint64  created;
} Incident;

struct _DsDemo
{
  GObject     parent_instance;

  SoupServer *server;
  char       *base;
  guint       timer;
  guint       interval;
  guint       steps;
  guint       ts_seq;
  GPtrArray  *messages;
  GPtrArray  *issues;
  GPtrArray  *runs;
  GPtrArray  *mentions;
  GPtrArray  *incidents;
  GHashTable *requests;  /* service -> count */
  guint       not_modified;
  guint       writes;
  GPtrArray  *sockets;   /* SoupWebsocketConnection: Socket Mode clients */
  char       *failing;   /* a service that answers every request with an error */
  guint       failing_status;
  char       *failing_channel;  /* a Slack channel whose history Slack refuses to read */
  guint       limit_calls;      /* Slack's per-app limit on reading messages, if set */
  guint       limit_window;     /* seconds */
  GArray     *limit_times;      /* gint64: when the reads within the window came */
  guint       n_limited;        /* reads refused with 429 */
  guint       envelopes;
};

G_DEFINE_FINAL_TYPE (DsDemo, ds_demo, G_TYPE_OBJECT)

static void
reaction_free (Reaction *r)
{
  g_free (r->name);
  g_ptr_array_unref (r->users);
  g_free (r);
}

static void
msg_free (Msg *m)
{
  g_free (m->channel);
  g_free (m->ts);
  g_free (m->user);
  g_free (m->bot_id);
  g_free (m->username);
  g_free (m->text);
  g_free (m->thread_ts);
  g_ptr_array_unref (m->reactions);
  g_free (m);
}

static void
issue_free (Issue *i)
{
  g_free (i->repo);
  g_free (i->title);
  g_free (i->body);
  g_free (i->author);
  g_free (i->label);
  g_free (i->assignee);
  g_free (i);
}

static void
run_free (Run *r)
{
  g_free (r->repo);
  g_free (r->name);
  g_free (r->branch);
  g_free (r->actor);
  g_free (r->title);
  g_free (r);
}

static void
mention_free (Mention *m)
{
  g_free (m->id);
  g_free (m->title);
  g_free (m->repo);
  g_free (m);
}

static void
incident_free (Incident *i)
{
  g_free (i->id);
  g_free (i->title);
  g_free (i->status);
  g_free (i->urgency);
  g_free (i->service);
  g_free (i);
}

static gint64
now_s (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

/* -- the world ------------------------------------------------------------- */

/* Socket Mode: every connected client hears of a new message (or of a
 * @reaction on it) at once, in the shapes Slack sends. */
static void
push_event_full (DsDemo     *self,
                 Msg        *m,
                 const char *reaction)
{
  g_autoptr(JsonBuilder) b = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  g_autofree char *envelope = NULL;

  if (self->sockets == NULL || self->sockets->len == 0)
    return;
  b = json_builder_new ();
  envelope = g_strdup_printf ("demo-envelope-%u", ++self->envelopes);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "envelope_id");
  json_builder_add_string_value (b, envelope);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, "events_api");
  json_builder_set_member_name (b, "payload");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "event");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "type");
  if (reaction != NULL)
    {
      json_builder_add_string_value (b, "reaction_added");
      json_builder_set_member_name (b, "reaction");
      json_builder_add_string_value (b, reaction);
      json_builder_set_member_name (b, "item");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "type");
      json_builder_add_string_value (b, "message");
    }
  else
    json_builder_add_string_value (b, "message");
  json_builder_set_member_name (b, "channel");
  json_builder_add_string_value (b, m->channel);
  json_builder_set_member_name (b, "ts");
  json_builder_add_string_value (b, m->ts);
  if (reaction != NULL)
    json_builder_end_object (b);
  json_builder_end_object (b);
  json_builder_end_object (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  text = json_to_string (root, FALSE);
  for (guint i = 0; i < self->sockets->len; i++)
    if (soup_websocket_connection_get_state (self->sockets->pdata[i]) == SOUP_WEBSOCKET_STATE_OPEN)
      soup_websocket_connection_send_text (self->sockets->pdata[i], text);
}

static void
push_event (DsDemo *self,
            Msg    *m)
{
  push_event_full (self, m, NULL);
}

static Msg *
add_message (DsDemo     *self,
             const char *channel,
             const char *user,
             const char *bot,
             const char *text)
{
  Msg *m = g_new0 (Msg, 1);

  m->channel = g_strdup (channel);
  /* Unique, increasing timestamps, as Slack's are. */
  m->ts = g_strdup_printf ("%" G_GINT64_FORMAT ".%06u", now_s (), ++self->ts_seq);
  m->user = bot ? NULL : g_strdup (user);
  m->bot_id = bot ? g_strdup ("B0DEMOBOT") : NULL;
  m->username = bot ? g_strdup (bot) : NULL;
  m->text = g_strdup (text);
  m->reactions = g_ptr_array_new_with_free_func ((GDestroyNotify)reaction_free);
  g_ptr_array_add (self->messages, m);
  push_event (self, m);
  return m;
}

static void
react (Msg        *m,
       const char *name,
       const char *user)
{
  Reaction *r = NULL;

  for (guint i = 0; i < m->reactions->len && r == NULL; i++)
    if (g_str_equal (((Reaction *)m->reactions->pdata[i])->name, name))
      r = m->reactions->pdata[i];
  if (r == NULL)
    {
      r = g_new0 (Reaction, 1);
      r->name = g_strdup (name);
      r->users = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (m->reactions, r);
    }
  if (!g_ptr_array_find_with_equal_func (r->users, user, g_str_equal, NULL))
    g_ptr_array_add (r->users, g_strdup (user));
}

static Issue *
add_issue (DsDemo     *self,
           const char *repo,
           gint64      number,
           const char *title,
           const char *author)
{
  Issue *i = g_new0 (Issue, 1);

  i->repo = g_strdup (repo);
  i->number = number;
  i->title = g_strdup (title);
  i->author = g_strdup (author);
  i->created = now_s ();
  g_ptr_array_add (self->issues, i);
  return i;
}

/* One round of the script; later rounds are the same story with new numbers. */
static void
step (DsDemo *self)
{
  guint round = self->steps / 9;
  guint n = self->steps % 9;
  g_autofree char *suffix = round > 0 ? g_strdup_printf (" (%u)", round + 1) : g_strdup ("");

  self->steps++;
  switch (n)
    {
    case 0:
      {
        g_autofree char *t = g_strdup_printf ("Hi! Could someone reset my VPN certificate? It "
                                              "expired this morning and I have a customer call "
                                              "at 11.%s", suffix);
        add_message (self, "C0DEMOSUP", "U0DEMOSAM", NULL, t);
      }
      break;
    case 1:
      {
        Run *r = g_new0 (Run, 1);
        g_autofree char *t = g_strdup_printf ("Deployment of api to production failed: readiness "
                                              "probe timed out%s", suffix);

        add_message (self, "C0DEMODEP", NULL, "argocd", t);
        r->repo = g_strdup ("demo-co/api");
        r->id = 7000 + self->steps;
        r->name = g_strdup ("deploy.yml");
        r->branch = round > 0 ? g_strdup_printf ("release-%u", round + 1) : g_strdup ("main");
        r->actor = g_strdup ("renovate[bot]");
        r->title = g_strdup ("Bump express from 4.19 to 4.21");
        r->created = now_s ();
        g_ptr_array_add (self->runs, r);
      }
      break;
    case 2:
      {
        g_autofree char *t = g_strdup_printf ("Raise the RDS storage alarm threshold to 85%%%s",
                                              suffix);
        Issue *i = add_issue (self, "demo-co/infra", 41 + 100 * round, t, "alice-n");
        i->is_pr = TRUE;
        i->team_review = TRUE;
        i->body = g_strdup ("The alarm fires every night during the backup window.");
      }
      break;
    case 3:
      {
        g_autofree char *t = g_strdup_printf ("Read-only access to prod-eu Grafana for the new "
                                              "SRE%s", suffix);
        Issue *i = add_issue (self, "demo-co/ops", 58 + 100 * round, t, "jordan-k");
        i->label = g_strdup ("access-request");
        i->body = g_strdup ("Approved by @chioma-e. Team: SRE. Duration: permanent.");
      }
      break;
    case 4:
      {
        Incident *inc = g_new0 (Incident, 1);

        inc->id = g_strdup_printf ("PDEMO%03u", self->steps);
        inc->number = 4200 + self->steps;
        inc->title = g_strdup_printf ("api: p99 latency above 2 s for 5 minutes%s", suffix);
        inc->status = g_strdup ("triggered");
        inc->urgency = g_strdup ("high");
        inc->service = g_strdup ("api (production)");
        inc->created = now_s ();
        g_ptr_array_add (self->incidents, inc);
      }
      break;
    case 5:
      {
        g_autofree char *t = g_strdup_printf ("Is the staging database read-only again? Migrations "
                                              "fail with 'cannot execute in a read-only "
                                              "transaction'.%s", suffix);
        Msg *m = add_message (self, "C0DEMOSRE", "U0DEMOLEE", NULL, t);

        /* Bogdan is on it before the person on rotation even sees it. */
        react (m, "eyes", "U0DEMOBOG");
      }
      break;
    case 6:
      {
        g_autofree char *t = g_strdup_printf ("[FIRING:1] DiskFull db-replica-3 (92%% used)%s",
                                              suffix);
        add_message (self, "C0DEMOALR", NULL, "Alertmanager", t);
      }
      break;
    case 7:
      {
        Mention *m = g_new0 (Mention, 1);

        m->id = g_strdup_printf ("%u", 9000 + self->steps);
        m->title = g_strdup_printf ("Who can own the backup restore drill this quarter?%s",
                                    suffix);
        m->repo = g_strdup ("demo-co/ops");
        m->updated = now_s ();
        g_ptr_array_add (self->mentions, m);
      }
      break;
    case 8:
      {
        g_autofree char *t = g_strdup_printf ("Retry idempotent calls to the payment provider%s",
                                              suffix);
        Issue *i = add_issue (self, "demo-co/api", 310 + 100 * round, t, "bogdan-i");
        i->is_pr = TRUE;
        i->my_review = TRUE;
      }
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
seed (DsDemo *self)
{
  Issue *pm = add_issue (self, "demo-co/ops", 12, "Add alerting on replication lag",
                         "chioma-e");

  pm->label = g_strdup ("Postmortem Action Item");
  pm->created = now_s () - 6 * 86400;
}

/* -- JSON helpers ---------------------------------------------------------- */

static void
member_str (JsonBuilder *b,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (b, name);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
member_int (JsonBuilder *b,
            const char  *name,
            gint64       value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_int_value (b, value);
}

static void
member_bool (JsonBuilder *b,
             const char  *name,
             gboolean     value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_boolean_value (b, value);
}

static void
member_login (JsonBuilder *b,
              const char  *name,
              const char  *login)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_object (b);
  member_str (b, "login", login);
  json_builder_end_object (b);
}

static char *
iso (gint64 t)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (t);
  return g_date_time_format_iso8601 (dt);
}

static void
member_time (JsonBuilder *b,
             const char  *name,
             gint64       t)
{
  g_autofree char *s = iso (t);
  member_str (b, name, s);
}

static void
reply_json (SoupServerMessage *msg,
            JsonBuilder       *b)
{
  g_autoptr(JsonNode) root = json_builder_get_root (b);
  char *text = json_to_string (root, FALSE);

  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, text,
                                    strlen (text));
}

static void
reply_text (SoupServerMessage *msg,
            guint              status,
            const char        *json)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, json,
                                    strlen (json));
}

/* -- Slack ----------------------------------------------------------------- */

static void
message_json (JsonBuilder *b,
              Msg         *m)
{
  json_builder_begin_object (b);
  member_str (b, "type", "message");
  member_str (b, "ts", m->ts);
  if (m->user)
    member_str (b, "user", m->user);
  if (m->bot_id)
    {
      member_str (b, "bot_id", m->bot_id);
      member_str (b, "subtype", "bot_message");
      member_str (b, "username", m->username);
    }
  member_str (b, "text", m->text);
  if (m->replies > 0)
    {
      member_str (b, "thread_ts", m->ts);
      member_int (b, "reply_count", m->replies);
    }
  if (m->reactions->len > 0)
    {
      json_builder_set_member_name (b, "reactions");
      json_builder_begin_array (b);
      for (guint i = 0; i < m->reactions->len; i++)
        {
          Reaction *r = m->reactions->pdata[i];
          json_builder_begin_object (b);
          member_str (b, "name", r->name);
          member_int (b, "count", r->users->len);
          json_builder_set_member_name (b, "users");
          json_builder_begin_array (b);
          for (guint u = 0; u < r->users->len; u++)
            json_builder_add_string_value (b, r->users->pdata[u]);
          json_builder_end_array (b);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
    }
  json_builder_end_object (b);
}

static const char *
param (GHashTable *query,
       GHashTable *form,
       const char *name)
{
  const char *v = form ? g_hash_table_lookup (form, name) : NULL;
  return v != NULL ? v : (query ? g_hash_table_lookup (query, name) : NULL);
}

static Msg *
find_message (DsDemo     *self,
              const char *channel,
              const char *ts)
{
  for (guint i = 0; i < self->messages->len; i++)
    {
      Msg *m = self->messages->pdata[i];
      if (g_strcmp0 (m->channel, channel) == 0 && g_strcmp0 (m->ts, ts) == 0)
        return m;
    }
  return NULL;
}

static const struct { const char *id; const char *name; } slack_people[] = {
  { "U0DEMOSAM", "Sam Ortega" }, { "U0DEMOLEE", "Lee Park" }, { "U0DEMOALI", "Alice Nakamura" },
  { "U0DEMOBOG", "Bogdan Ilić" }, { "U0DEMOCHI", "Chioma Eze" }, { ME_SLACK, "You" },
};

static void
slack (DsDemo            *self,
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
  member_bool (b, "ok", TRUE);
  if (g_str_equal (method, "auth.test"))
    {
      member_str (b, "user_id", ME_SLACK);
      member_str (b, "user", "you");
      member_str (b, "team", "Demo Co");
      member_str (b, "team_id", "T0DEMO");
    }
  else if (g_str_equal (method, "conversations.history"))
    {
      const char *channel = param (query, NULL, "channel");
      const char *oldest = param (query, NULL, "oldest");
      double since = oldest ? g_ascii_strtod (oldest, NULL) : 0;

      json_builder_set_member_name (b, "messages");
      json_builder_begin_array (b);
      for (guint i = self->messages->len; i > 0; i--)
        {
          Msg *m = self->messages->pdata[i - 1];
          if (g_strcmp0 (m->channel, channel) == 0 && g_ascii_strtod (m->ts, NULL) > since)
            message_json (b, m);
        }
      json_builder_end_array (b);
      member_bool (b, "has_more", FALSE);
    }
  else if (g_str_equal (method, "conversations.replies"))
    {
      Msg *m = find_message (self, param (query, NULL, "channel"), param (query, NULL, "ts"));

      json_builder_set_member_name (b, "messages");
      json_builder_begin_array (b);
      if (m != NULL)
        message_json (b, m);
      json_builder_end_array (b);
    }
  else if (g_str_equal (method, "users.info"))
    {
      const char *id = param (query, NULL, "user");
      const char *name = id;

      for (guint i = 0; i < G_N_ELEMENTS (slack_people); i++)
        if (g_strcmp0 (slack_people[i].id, id) == 0)
          name = slack_people[i].name;
      json_builder_set_member_name (b, "user");
      json_builder_begin_object (b);
      member_str (b, "id", id);
      member_str (b, "name", name);
      member_str (b, "real_name", name);
      json_builder_end_object (b);
    }
  else if (g_str_equal (method, "reactions.add"))
    {
      Msg *m = find_message (self, param (query, form, "channel"),
                             param (query, form, "timestamp"));

      self->writes++;
      if (m == NULL)
        {
          reply_text (msg, 200, "{\"ok\": false, \"error\": \"message_not_found\"}");
          return;
        }
      react (m, param (query, form, "name"), ME_SLACK);
    }
  else if (g_str_equal (method, "chat.postMessage"))
    {
      Msg *parent = find_message (self, param (query, form, "channel"),
                                  param (query, form, "thread_ts"));

      self->writes++;
      if (parent != NULL)
        parent->replies++;
      member_str (b, "channel", param (query, form, "channel"));
      {
        g_autofree char *ts = g_strdup_printf ("%" G_GINT64_FORMAT ".%06u", now_s (),
                                               ++self->ts_seq);
        member_str (b, "ts", ts);
      }
    }
  else if (g_str_equal (method, "apps.connections.open"))
    {
      g_autofree char *url = g_strdup_printf ("ws%s/slack/socket", self->base + strlen ("http"));
      member_str (b, "url", url);
    }
  else if (g_str_equal (method, "chat.getPermalink"))
    {
      g_autofree char *link = g_strdup_printf ("https://demo-co.slack.com/archives/%s/p%s",
                                               param (query, NULL, "channel"),
                                               param (query, NULL, "message_ts"));
      member_str (b, "permalink", link);
    }
  else
    {
      reply_text (msg, 200, "{\"ok\": false, \"error\": \"unknown_method\"}");
      return;
    }
  json_builder_end_object (b);
  reply_json (msg, b);
}

/* -- GitHub ---------------------------------------------------------------- */

static void
issue_json (DsDemo      *self,
            JsonBuilder *b,
            Issue       *i)
{
  g_autofree char *url = g_strdup_printf ("https://github.com/%s/%s/%" G_GINT64_FORMAT, i->repo,
                                          i->is_pr ? "pull" : "issues", i->number);
  g_autofree char *repo_url = g_strdup_printf ("%s/github/repos/%s", self->base, i->repo);

  json_builder_begin_object (b);
  member_int (b, "number", i->number);
  member_str (b, "title", i->title);
  member_str (b, "body", i->body);
  member_str (b, "html_url", url);
  member_str (b, "state", i->closed ? "closed" : "open");
  member_login (b, "user", i->author);
  member_str (b, "repository_url", repo_url);
  member_time (b, "created_at", i->created);
  member_time (b, "updated_at", i->created);
  json_builder_set_member_name (b, "labels");
  json_builder_begin_array (b);
  if (i->label)
    {
      json_builder_begin_object (b);
      member_str (b, "name", i->label);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "assignees");
  json_builder_begin_array (b);
  if (i->assignee)
    {
      json_builder_begin_object (b);
      member_str (b, "login", i->assignee);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  if (i->is_pr)
    {
      json_builder_set_member_name (b, "pull_request");
      json_builder_begin_object (b);
      member_str (b, "html_url", url);
      json_builder_end_object (b);
    }
  json_builder_end_object (b);
}

/* GitHub answers an unchanged resource with 304, free of rate limit. */
static void
reply_github (DsDemo            *self,
              SoupServerMessage *msg,
              JsonBuilder       *b)
{
  g_autoptr(JsonNode) root = json_builder_get_root (b);
  char *text = json_to_string (root, FALSE);
  g_autofree char *etag = g_strdup_printf ("\"%08x%08zx\"", g_str_hash (text), strlen (text));
  const char *inm = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                  "If-None-Match");
  SoupMessageHeaders *h = soup_server_message_get_response_headers (msg);

  soup_message_headers_replace (h, "ETag", etag);
  soup_message_headers_replace (h, "X-RateLimit-Remaining", "4999");
  if (g_strcmp0 (inm, etag) == 0)
    {
      self->not_modified++;
      g_free (text);
      soup_server_message_set_status (msg, 304, NULL);
      return;
    }
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, text,
                                    strlen (text));
}

static void
github (DsDemo            *self,
        SoupServerMessage *msg,
        const char        *path,
        GHashTable        *query)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  const char *method = soup_server_message_get_method (msg);
  g_auto(GStrv) parts = g_strsplit (path, "/", -1);  /* "", "repos", o, r, ... */

  if (!g_str_equal (method, "GET"))
    {
      /* Issues, comments, assignees: taken, with a plausible answer. */
      self->writes++;
      json_builder_begin_object (b);
      member_int (b, "id", 1000 + self->writes);
      member_int (b, "number", 900 + self->writes);
      member_str (b, "title", "Filed from Dayshift");
      {
        g_autofree char *url = g_strdup_printf ("https://github.com/demo-co/ops/issues/%u",
                                                900 + self->writes);
        member_str (b, "html_url", url);
      }
      member_str (b, "state", "open");
      json_builder_end_object (b);
      reply_json (msg, b);
      soup_server_message_set_status (msg, g_str_equal (method, "POST") ? 201 : 200, NULL);
      return;
    }

  if (g_str_equal (path, "/user"))
    {
      json_builder_begin_object (b);
      member_str (b, "login", ME_GITHUB);
      member_int (b, "id", 4242);
      json_builder_end_object (b);
    }
  else if (g_str_equal (path, "/search/issues"))
    {
      const char *q = query ? g_hash_table_lookup (query, "q") : NULL;
      gboolean team = q && strstr (q, "team-review-requested:") != NULL;

      json_builder_begin_object (b);
      member_bool (b, "incomplete_results", FALSE);
      json_builder_set_member_name (b, "items");
      json_builder_begin_array (b);
      for (guint i = 0; i < self->issues->len; i++)
        {
          Issue *is = self->issues->pdata[i];
          if (is->is_pr && !is->closed && (team ? is->team_review : is->my_review))
            issue_json (self, b, is);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  else if (g_strv_length (parts) == 5 && g_str_equal (parts[1], "repos") &&
           g_str_equal (parts[4], "issues"))
    {
      g_autofree char *repo = g_strdup_printf ("%s/%s", parts[2], parts[3]);
      const char *labels = query ? g_hash_table_lookup (query, "labels") : NULL;

      json_builder_begin_array (b);
      for (guint i = 0; i < self->issues->len; i++)
        {
          Issue *is = self->issues->pdata[i];
          if (!is->closed && g_str_equal (is->repo, repo) && g_strcmp0 (is->label, labels) == 0)
            issue_json (self, b, is);
        }
      json_builder_end_array (b);
    }
  else if (g_strv_length (parts) == 6 && g_str_equal (parts[4], "actions") &&
           g_str_equal (parts[5], "runs"))
    {
      g_autofree char *repo = g_strdup_printf ("%s/%s", parts[2], parts[3]);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "workflow_runs");
      json_builder_begin_array (b);
      for (guint i = 0; i < self->runs->len; i++)
        {
          Run *r = self->runs->pdata[i];
          g_autofree char *url = NULL;

          if (!g_str_equal (r->repo, repo))
            continue;
          url = g_strdup_printf ("https://github.com/%s/actions/runs/%" G_GINT64_FORMAT, r->repo,
                                 r->id);
          json_builder_begin_object (b);
          member_int (b, "id", r->id);
          member_str (b, "name", r->name);
          member_str (b, "head_branch", r->branch);
          member_str (b, "display_title", r->title);
          member_str (b, "status", "completed");
          member_str (b, "conclusion", "failure");
          member_str (b, "html_url", url);
          member_login (b, "actor", r->actor);
          member_login (b, "triggering_actor", r->actor);
          member_time (b, "created_at", r->created);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  else if (g_str_equal (path, "/notifications"))
    {
      /* As GitHub does: how often this may be polled. */
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "X-Poll-Interval", "2");
      json_builder_begin_array (b);
      for (guint i = 0; i < self->mentions->len; i++)
        {
          Mention *m = self->mentions->pdata[i];

          json_builder_begin_object (b);
          member_str (b, "id", m->id);
          member_str (b, "reason", "mention");
          member_bool (b, "unread", TRUE);
          member_time (b, "updated_at", m->updated);
          json_builder_set_member_name (b, "subject");
          json_builder_begin_object (b);
          member_str (b, "title", m->title);
          member_str (b, "type", "Issue");
          json_builder_end_object (b);
          json_builder_set_member_name (b, "repository");
          json_builder_begin_object (b);
          member_str (b, "full_name", m->repo);
          json_builder_end_object (b);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
    }
  else if (g_strv_length (parts) >= 6 && g_str_equal (parts[1], "repos") &&
           g_str_equal (parts[4], "contents"))
    {
      /* The team keeps its profile in its repo: serve ours there. */
      g_autofree char *profile = ds_demo_dup_profile_json (self);
      g_autofree char *encoded = g_base64_encode ((const guchar *)profile, strlen (profile));

      if (!g_str_equal (parts[5], "dayshift-team.json"))
        {
          reply_text (msg, 404, "{\"message\": \"Not Found\"}");
          return;
        }
      json_builder_begin_object (b);
      member_str (b, "type", "file");
      member_str (b, "encoding", "base64");
      member_str (b, "name", parts[5]);
      member_str (b, "path", parts[5]);
      member_str (b, "content", encoded);
      json_builder_end_object (b);
    }
  else if (g_strv_length (parts) == 4 && g_str_equal (parts[1], "repos"))
    {
      g_autofree char *full = g_strdup_printf ("%s/%s", parts[2], parts[3]);

      json_builder_begin_object (b);
      member_int (b, "id", g_str_hash (full) & 0xffffff);
      member_str (b, "full_name", full);
      json_builder_end_object (b);
    }
  else
    {
      reply_text (msg, 404, "{\"message\": \"Not Found\"}");
      return;
    }
  reply_github (self, msg, b);
}

/* -- PagerDuty and ZenHub -------------------------------------------------- */

static void
pagerduty (DsDemo            *self,
           SoupServerMessage *msg,
           const char        *path)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  const char *method = soup_server_message_get_method (msg);

  json_builder_begin_object (b);
  if (g_str_equal (path, "/users/me"))
    {
      json_builder_set_member_name (b, "user");
      json_builder_begin_object (b);
      member_str (b, "id", ME_PD);
      member_str (b, "name", "You");
      member_str (b, "email", "you@demo-co.example");
      json_builder_end_object (b);
    }
  else if (g_str_has_prefix (path, "/schedules/"))
    {
      /* You are on the daytime layer today, 08:00 to 18:00; Chioma tomorrow. */
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autoptr(GDateTime) today = g_date_time_new_local (g_date_time_get_year (now),
                                                          g_date_time_get_month (now),
                                                          g_date_time_get_day_of_month (now),
                                                          8, 0, 0);
      gint64 t = g_date_time_to_unix (today);
      const struct { gint64 start, end; const char *id, *name; } entries[] = {
        { t, t + 10 * 3600, ME_PD, "You" },
        { t + 24 * 3600, t + 34 * 3600, "PDEMOCHI", "Chioma Eze" },
      };

      json_builder_set_member_name (b, "schedule");
      json_builder_begin_object (b);
      member_str (b, "id", path + strlen ("/schedules/"));
      member_str (b, "name", "Daytime support");
      json_builder_set_member_name (b, "schedule_layers");
      json_builder_begin_array (b);
      json_builder_begin_object (b);
      member_str (b, "name", "Layer 2");
      for (int pass = 0; pass < 2; pass++)
        {
          if (pass == 1)
            {
              json_builder_end_object (b);
              json_builder_end_array (b);
              json_builder_set_member_name (b, "final_schedule");
              json_builder_begin_object (b);
            }
          json_builder_set_member_name (b, "rendered_schedule_entries");
          json_builder_begin_array (b);
          for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
            {
              json_builder_begin_object (b);
              member_time (b, "start", entries[i].start);
              member_time (b, "end", entries[i].end);
              json_builder_set_member_name (b, "user");
              json_builder_begin_object (b);
              member_str (b, "id", entries[i].id);
              member_str (b, "summary", entries[i].name);
              json_builder_end_object (b);
              json_builder_end_object (b);
            }
          json_builder_end_array (b);
        }
      json_builder_end_object (b);
      json_builder_end_object (b);
    }
  else if (g_str_equal (path, "/incidents") && g_str_equal (method, "GET"))
    {
      json_builder_set_member_name (b, "incidents");
      json_builder_begin_array (b);
      for (guint i = 0; i < self->incidents->len; i++)
        {
          Incident *inc = self->incidents->pdata[i];
          g_autofree char *url = g_strdup_printf ("https://demo-co.pagerduty.com/incidents/%s",
                                                  inc->id);

          if (g_str_equal (inc->status, "resolved"))
            continue;
          json_builder_begin_object (b);
          member_str (b, "id", inc->id);
          member_int (b, "incident_number", inc->number);
          member_str (b, "title", inc->title);
          member_str (b, "status", inc->status);
          member_str (b, "urgency", inc->urgency);
          member_str (b, "html_url", url);
          member_time (b, "created_at", inc->created);
          json_builder_set_member_name (b, "service");
          json_builder_begin_object (b);
          member_str (b, "summary", inc->service);
          json_builder_end_object (b);
          json_builder_set_member_name (b, "assignments");
          json_builder_begin_array (b);
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "assignee");
          json_builder_begin_object (b);
          member_str (b, "id", ME_PD);
          json_builder_end_object (b);
          json_builder_end_object (b);
          json_builder_end_array (b);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      member_bool (b, "more", FALSE);
    }
  else if (g_str_has_prefix (path, "/incidents/"))
    {
      const char *id = path + strlen ("/incidents/");
      g_autofree char *plain_id = g_strndup (id, strcspn (id, "/"));

      self->writes++;
      for (guint i = 0; i < self->incidents->len; i++)
        {
          Incident *inc = self->incidents->pdata[i];
          if (g_str_equal (inc->id, plain_id) && g_str_equal (method, "PUT"))
            {
              g_free (inc->status);
              inc->status = g_strdup ("acknowledged");
            }
        }
      json_builder_set_member_name (b, strstr (id, "/notes") ? "note" : "incident");
      json_builder_begin_object (b);
      member_str (b, "id", plain_id);
      json_builder_end_object (b);
    }
  else
    {
      json_builder_end_object (b);
      reply_text (msg, 404, "{\"error\": {\"message\": \"Not Found\"}}");
      return;
    }
  json_builder_end_object (b);
  reply_json (msg, b);
}

static void
zenhub (DsDemo            *self,
        SoupServerMessage *msg)
{
  self->writes++;
  reply_text (msg, 200, "{\"data\": {\"issue\": {\"id\": \"Z_i\"}, \"epic\": {\"id\": \"Z_e\", "
                        "\"epic\": {\"id\": \"Z_epic\"}}, \"addIssuesToEpics\": {\"epics\": []}}, "
                        "\"added_issues\": []}");
}

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
      reply_text (msg, 401, "{\"ok\": false, \"error\": \"not_authed\", \"message\": \"Requires "
                            "authentication\"}");
      return;
    }

  /* One budget for every client of the app, as Slack counts (Tier 3). */
  if (self->limit_calls > 0 && (g_str_equal (path, "/slack/api/conversations.history") ||
                                g_str_equal (path, "/slack/api/conversations.replies")))
    {
      gint64 now = g_get_monotonic_time ();
      gint64 window = (gint64)self->limit_window * G_USEC_PER_SEC;
      guint kept = 0;

      for (guint i = 0; i < self->limit_times->len; i++)
        if (now - g_array_index (self->limit_times, gint64, i) < window)
          g_array_index (self->limit_times, gint64, kept++) =
            g_array_index (self->limit_times, gint64, i);
      g_array_set_size (self->limit_times, kept);
      if (kept >= self->limit_calls)
        {
          gint64 wait = window - (now - g_array_index (self->limit_times, gint64, 0));
          g_autofree char *after = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                    MAX ((wait + G_USEC_PER_SEC - 1) /
                                                         G_USEC_PER_SEC, 1));

          self->n_limited++;
          soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                        "Retry-After", after);
          reply_text (msg, 429, "{\"ok\": false, \"error\": \"ratelimited\"}");
          return;
        }
      g_array_append_val (self->limit_times, now);
    }
  if (self->failing_channel != NULL && g_str_equal (path, "/slack/api/conversations.history") &&
      query != NULL && g_strcmp0 (g_hash_table_lookup (query, "channel"),
                                  self->failing_channel) == 0)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "Retry-After", "30");
      reply_text (msg, 429, "{\"ok\": false, \"error\": \"ratelimited\"}");
      return;
    }
  if (self->failing != NULL && g_str_has_prefix (path + 1, self->failing))
    {
      soup_server_message_set_status (msg, self->failing_status, NULL);
      soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC,
                                        "<html>Service unavailable</html>", 31);
      return;
    }

  if (g_str_has_prefix (path, "/slack/api/"))
    slack (self, msg, path + strlen ("/slack/api/"), query), service = "slack";
  else if (g_str_has_prefix (path, "/github/"))
    github (self, msg, path + strlen ("/github"), query), service = "github";
  else if (g_str_has_prefix (path, "/pagerduty/"))
    pagerduty (self, msg, path + strlen ("/pagerduty")), service = "pagerduty";
  else if (g_str_has_prefix (path, "/zenhub/"))
    zenhub (self, msg), service = "zenhub";
  else
    reply_text (msg, 404, "{}");

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

static gboolean
on_timer (gpointer user_data)
{
  step (user_data);
  return G_SOURCE_CONTINUE;
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
  g_free (self->failing);
  g_free (self->failing_channel);
  g_clear_pointer (&self->limit_times, g_array_unref);
  g_ptr_array_unref (self->messages);
  g_ptr_array_unref (self->issues);
  g_ptr_array_unref (self->runs);
  g_ptr_array_unref (self->mentions);
  g_ptr_array_unref (self->incidents);
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
  self->messages = g_ptr_array_new_with_free_func ((GDestroyNotify)msg_free);
  self->issues = g_ptr_array_new_with_free_func ((GDestroyNotify)issue_free);
  self->runs = g_ptr_array_new_with_free_func ((GDestroyNotify)run_free);
  self->mentions = g_ptr_array_new_with_free_func ((GDestroyNotify)mention_free);
  self->incidents = g_ptr_array_new_with_free_func ((GDestroyNotify)incident_free);
  self->requests = g_hash_table_new (g_str_hash, g_str_equal);
  self->sockets = g_ptr_array_new_with_free_func (g_object_unref);
  seed (self);
}

DsDemo *
ds_demo_new (void)
{
  return g_object_new (DS_TYPE_DEMO, NULL);
}

/* Listens on a free loopback port, and starts the script (see
 * ds_demo_set_interval()). */
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

/* Something happens every @milliseconds; 0 stops the script. */
void
ds_demo_set_interval (DsDemo *self,
                      guint   milliseconds)
{
  g_return_if_fail (DS_IS_DEMO (self));

  g_clear_handle_id (&self->timer, g_source_remove);
  self->interval = milliseconds;
  if (milliseconds > 0)
    self->timer = g_timeout_add (milliseconds, on_timer, self);
}

void
ds_demo_step (DsDemo *self)
{
  g_return_if_fail (DS_IS_DEMO (self));
  step (self);
}

guint
ds_demo_get_n_steps (DsDemo *self)
{
  g_return_val_if_fail (DS_IS_DEMO (self), 0);
  return self->steps;
}

char *
ds_demo_dup_base_url (DsDemo *self)
{
  g_return_val_if_fail (DS_IS_DEMO (self), NULL);
  return g_strdup (self->base);
}

/* A person posts in a channel (tests: messages while the app was away). */
void
ds_demo_post_slack (DsDemo     *self,
                    const char *channel,
                    const char *user,
                    const char *text)
{
  g_return_if_fail (DS_IS_DEMO (self));
  add_message (self, channel, user, NULL, text);
}

/**
 * ds_demo_post_slack_at:
 * @at: when it was posted (Unix seconds), in the past
 *
 * Returns: (transfer full): the message's ts
 */
char *
ds_demo_post_slack_at (DsDemo     *self,
                       const char *channel,
                       const char *user,
                       const char *text,
                       gint64      at)
{
  Msg *m;

  g_return_val_if_fail (DS_IS_DEMO (self), NULL);
  m = add_message (self, channel, user, NULL, text);
  g_free (m->ts);
  m->ts = g_strdup_printf ("%" G_GINT64_FORMAT ".%06u", at, ++self->ts_seq);
  return g_strdup (m->ts);
}

/* A reaction by @user on a message, as a teammate adds one. */
void
ds_demo_react_slack (DsDemo     *self,
                     const char *channel,
                     const char *ts,
                     const char *name,
                     const char *user)
{
  Msg *m;

  g_return_if_fail (DS_IS_DEMO (self));
  m = find_message (self, channel, ts);
  g_return_if_fail (m != NULL);
  react (m, name, user);
  push_event_full (self, m, name);
}

guint
ds_demo_get_n_requests (DsDemo     *self,
                        const char *service)
{
  g_return_val_if_fail (DS_IS_DEMO (self), 0);
  return GPOINTER_TO_UINT (g_hash_table_lookup (self->requests, service));
}

/* GitHub answers that were 304 Not Modified. */
guint
ds_demo_get_n_not_modified (DsDemo *self)
{
  g_return_val_if_fail (DS_IS_DEMO (self), 0);
  return self->not_modified;
}

guint
ds_demo_get_n_writes (DsDemo *self)
{
  g_return_val_if_fail (DS_IS_DEMO (self), 0);
  return self->writes;
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
    "    { \"name\": \"Alice Nakamura\", \"github\": \"alice-n\", \"slack\": \"U0DEMOALI\" },\n"
    "    { \"name\": \"Bogdan Ilić\", \"github\": \"bogdan-i\", \"slack\": \"U0DEMOBOG\" },\n"
    "    { \"name\": \"Chioma Eze\", \"github\": \"chioma-e\", \"slack\": \"U0DEMOCHI\" } ],\n"
    "  \"rules\": { \"emergency_keywords\": [\"sev1\", \"outage\", \"down for everyone\"],\n"
    "    \"deploy_failure_patterns\": [\"deploy(ment)? .*fail\"] },\n"
    "  \"standup_time\": \"09:30\"\n"
    "}\n", self->base);
}

/* Makes @service ("slack", "github", "pagerduty") answer @status to
 * everything, or answer normally again with %NULL. */
void
ds_demo_set_failing (DsDemo     *self,
                     const char *service,
                     guint       status)
{
  g_return_if_fail (DS_IS_DEMO (self));

  g_free (self->failing);
  self->failing = g_strdup (service);
  self->failing_status = status;
}

/* Slack's per-app limit: at most @calls reads of messages (history,
 * replies) in any @window seconds, for all clients together; 0: none. */
void
ds_demo_set_slack_limit (DsDemo *self,
                         guint   calls,
                         guint   window)
{
  g_return_if_fail (DS_IS_DEMO (self));

  self->limit_calls = calls;
  self->limit_window = MAX (window, 1);
  if (self->limit_times == NULL)
    self->limit_times = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_array_set_size (self->limit_times, 0);
}

/* How many reads the limit refused. */
guint
ds_demo_get_n_limited (DsDemo *self)
{
  g_return_val_if_fail (DS_IS_DEMO (self), 0);
  return self->n_limited;
}

/* Slack answers reads of @channel's history with 429 (NULL: no more). */
void
ds_demo_set_failing_channel (DsDemo     *self,
                             const char *channel)
{
  g_return_if_fail (DS_IS_DEMO (self));

  g_free (self->failing_channel);
  self->failing_channel = g_strdup (channel);
}
