/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-demo"

#include "config.h"

#include <string.h>

#include "ds-demo-private.h"

/* The scripted world: the team's messages, issues, runs, mentions and
 * pages, and the script that adds to them every few seconds. */

void
_ds_demo_reaction_free (Reaction *r)
{
  g_free (r->name);
  g_ptr_array_unref (r->users);
  g_free (r);
}

void
_ds_demo_msg_free (Msg *m)
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

void
_ds_demo_issue_free (Issue *i)
{
  g_free (i->repo);
  g_free (i->title);
  g_free (i->body);
  g_free (i->author);
  g_free (i->label);
  g_free (i->assignee);
  g_free (i);
}

void
_ds_demo_run_free (Run *r)
{
  g_free (r->repo);
  g_free (r->name);
  g_free (r->branch);
  g_free (r->actor);
  g_free (r->title);
  g_free (r);
}

void
_ds_demo_mention_free (Mention *m)
{
  g_free (m->id);
  g_free (m->title);
  g_free (m->repo);
  g_free (m);
}

void
_ds_demo_incident_free (Incident *i)
{
  g_free (i->id);
  g_free (i->title);
  g_free (i->status);
  g_free (i->urgency);
  g_free (i->service);
  g_free (i);
}

gint64
_ds_demo_now (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

/* Socket Mode: every connected client hears of a new message (or of a
 * @reaction on it) at once, in the shapes Slack sends. */
void
_ds_demo_push_event_full (DsDemo     *self,
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

void
_ds_demo_push_event (DsDemo *self,
                     Msg    *m)
{
  _ds_demo_push_event_full (self, m, NULL);
}

Msg *
_ds_demo_add_message (DsDemo     *self,
                      const char *channel,
                      const char *user,
                      const char *bot,
                      const char *text)
{
  Msg *m = g_new0 (Msg, 1);

  m->channel = g_strdup (channel);
  /* Unique, increasing timestamps, as Slack's are. */
  m->ts = g_strdup_printf ("%" G_GINT64_FORMAT ".%06u", _ds_demo_now (), ++self->ts_seq);
  m->user = bot ? NULL : g_strdup (user);
  m->bot_id = bot ? g_strdup ("B0DEMOBOT") : NULL;
  m->username = bot ? g_strdup (bot) : NULL;
  m->text = g_strdup (text);
  m->reactions = g_ptr_array_new_with_free_func ((GDestroyNotify)_ds_demo_reaction_free);
  g_ptr_array_add (self->messages, m);
  _ds_demo_push_event (self, m);
  return m;
}

void
_ds_demo_react (Msg        *m,
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

Issue *
_ds_demo_add_issue (DsDemo     *self,
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
  i->created = _ds_demo_now ();
  g_ptr_array_add (self->issues, i);
  return i;
}

/* One round of the script; later rounds are the same story with new numbers. */
void
_ds_demo_world_step (DsDemo *self)
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
        _ds_demo_add_message (self, "C0DEMOSUP", "U0DEMOSAM", NULL, t);
      }
      break;
    case 1:
      {
        Run *r = g_new0 (Run, 1);
        g_autofree char *t = g_strdup_printf ("Deployment of api to production failed: readiness "
                                              "probe timed out%s", suffix);

        _ds_demo_add_message (self, "C0DEMODEP", NULL, "argocd", t);
        r->repo = g_strdup ("demo-co/api");
        r->id = 7000 + self->steps;
        r->name = g_strdup ("deploy.yml");
        r->branch = round > 0 ? g_strdup_printf ("release-%u", round + 1) : g_strdup ("main");
        r->actor = g_strdup ("renovate[bot]");
        r->title = g_strdup ("Bump express from 4.19 to 4.21");
        r->created = _ds_demo_now ();
        g_ptr_array_add (self->runs, r);
      }
      break;
    case 2:
      {
        g_autofree char *t = g_strdup_printf ("Raise the RDS storage alarm threshold to 85%%%s",
                                              suffix);
        Issue *i = _ds_demo_add_issue (self, "demo-co/infra", 41 + 100 * round, t, "alice-n");
        i->is_pr = TRUE;
        i->team_review = TRUE;
        i->body = g_strdup ("The alarm fires every night during the backup window.");
      }
      break;
    case 3:
      {
        g_autofree char *t = g_strdup_printf ("Read-only access to prod-eu Grafana for the new "
                                              "SRE%s", suffix);
        Issue *i = _ds_demo_add_issue (self, "demo-co/ops", 58 + 100 * round, t, "jordan-k");
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
        inc->created = _ds_demo_now ();
        g_ptr_array_add (self->incidents, inc);
      }
      break;
    case 5:
      {
        g_autofree char *t = g_strdup_printf ("Is the staging database read-only again? Migrations "
                                              "fail with 'cannot execute in a read-only "
                                              "transaction'.%s", suffix);
        Msg *m = _ds_demo_add_message (self, "C0DEMOSRE", "U0DEMOLEE", NULL, t);

        /* Bogdan is on it before the person on rotation even sees it. */
        _ds_demo_react (m, "eyes", "U0DEMOBOG");
      }
      break;
    case 6:
      {
        g_autofree char *t = g_strdup_printf ("[FIRING:1] DiskFull db-replica-3 (92%% used)%s",
                                              suffix);
        _ds_demo_add_message (self, "C0DEMOALR", NULL, "Alertmanager", t);
      }
      break;
    case 7:
      {
        Mention *m = g_new0 (Mention, 1);

        m->id = g_strdup_printf ("%u", 9000 + self->steps);
        m->title = g_strdup_printf ("Who can own the backup restore drill this quarter?%s",
                                    suffix);
        m->repo = g_strdup ("demo-co/ops");
        m->updated = _ds_demo_now ();
        g_ptr_array_add (self->mentions, m);
      }
      break;
    case 8:
      {
        g_autofree char *t = g_strdup_printf ("Retry idempotent calls to the payment provider%s",
                                              suffix);
        Issue *i = _ds_demo_add_issue (self, "demo-co/api", 310 + 100 * round, t, "bogdan-i");
        i->is_pr = TRUE;
        i->my_review = TRUE;
      }
      break;
    default:
      g_assert_not_reached ();
    }
}

void
_ds_demo_world_seed (DsDemo *self)
{
  Issue *pm = _ds_demo_add_issue (self, "demo-co/ops", 12, "Add alerting on replication lag",
                         "chioma-e");

  pm->label = g_strdup ("Postmortem Action Item");
  pm->created = _ds_demo_now () - 6 * 86400;
}
