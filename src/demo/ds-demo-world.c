/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-demo"

#include "config.h"

#include <string.h>

#include "ds-demo-private.h"
#include "ds-handoff.h"

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

void
_ds_demo_comment_free (Comment *c)
{
  g_free (c->repo);
  g_free (c->author);
  g_free (c->body);
  g_free (c);
}

Comment *
_ds_demo_add_comment (DsDemo     *self,
                      const char *repo,
                      gint64      number,
                      const char *author,
                      const char *body,
                      gint64      created)
{
  Comment *c = g_new0 (Comment, 1);

  c->repo = g_strdup (repo);
  c->number = number;
  c->id = 7000 + self->comments->len;
  c->author = g_strdup (author);
  c->body = g_strdup (body);
  c->created = created;
  g_ptr_array_add (self->comments, c);
  return c;
}

gint64
_ds_demo_now (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

/* The time in the world: the beat's own while the story is replayed, so
 * that the same beat always makes the same ids. */
gint64
_ds_demo_world_now (DsDemo *self)
{
  return self->clock > 0 ? self->clock : _ds_demo_now ();
}

/* Socket Mode: every connected client hears at once of a message posted,
 * edited or deleted, or of a reaction on it, in the shapes the Events API
 * sends: a "message" event carries the message (its subtypes
 * "message_changed" the message as it now is, "message_deleted" its ts),
 * "reaction_added" the message it is on in "item". */
void
_ds_demo_push_event (DsDemo      *self,
                     Msg         *m,
                     DsDemoEvent  what,
                     const char  *reaction,
                     const char  *user)
{
  g_autoptr(JsonBuilder) b = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  g_autofree char *envelope = NULL;
  g_autofree char *event_ts = NULL;

  if (self->sockets == NULL || self->sockets->len == 0)
    return;
  b = json_builder_new ();
  envelope = g_strdup_printf ("demo-envelope-%u", ++self->envelopes);
  /* Not from the messages' sequence: a story told again (to no one) makes
   * the same messages with the same ts. */
  event_ts = g_strdup_printf ("%" G_GINT64_FORMAT ".%06u", _ds_demo_world_now (self),
                              self->envelopes);
  json_builder_begin_object (b);
  _ds_demo_member_str (b, "envelope_id", envelope);
  _ds_demo_member_str (b, "type", "events_api");
  json_builder_set_member_name (b, "payload");
  json_builder_begin_object (b);
  _ds_demo_member_str (b, "type", "event_callback");
  json_builder_set_member_name (b, "event");
  json_builder_begin_object (b);
  switch (what)
    {
    case DS_DEMO_EVENT_POSTED:
      _ds_demo_message_members (b, m);
      _ds_demo_member_str (b, "channel", m->channel);
      break;
    case DS_DEMO_EVENT_EDITED:
      _ds_demo_member_str (b, "type", "message");
      _ds_demo_member_str (b, "subtype", "message_changed");
      _ds_demo_member_bool (b, "hidden", TRUE);
      _ds_demo_member_str (b, "channel", m->channel);
      _ds_demo_member_str (b, "ts", event_ts);
      json_builder_set_member_name (b, "message");
      json_builder_begin_object (b);
      _ds_demo_message_members (b, m);
      json_builder_set_member_name (b, "edited");
      json_builder_begin_object (b);
      if (m->user != NULL)
        _ds_demo_member_str (b, "user", m->user);
      _ds_demo_member_str (b, "ts", event_ts);
      json_builder_end_object (b);
      json_builder_end_object (b);
      break;
    case DS_DEMO_EVENT_DELETED:
      _ds_demo_member_str (b, "type", "message");
      _ds_demo_member_str (b, "subtype", "message_deleted");
      _ds_demo_member_bool (b, "hidden", TRUE);
      _ds_demo_member_str (b, "channel", m->channel);
      _ds_demo_member_str (b, "ts", event_ts);
      _ds_demo_member_str (b, "deleted_ts", m->ts);
      break;
    case DS_DEMO_EVENT_REACTION:
      _ds_demo_member_str (b, "type", "reaction_added");
      _ds_demo_member_str (b, "user", user);
      _ds_demo_member_str (b, "reaction", reaction);
      json_builder_set_member_name (b, "item");
      json_builder_begin_object (b);
      _ds_demo_member_str (b, "type", "message");
      _ds_demo_member_str (b, "channel", m->channel);
      _ds_demo_member_str (b, "ts", m->ts);
      json_builder_end_object (b);
      break;
    default:
      g_assert_not_reached ();
    }
  _ds_demo_member_str (b, "event_ts", event_ts);
  json_builder_end_object (b);
  json_builder_end_object (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  text = json_to_string (root, FALSE);
  for (guint i = 0; i < self->sockets->len; i++)
    if (soup_websocket_connection_get_state (self->sockets->pdata[i]) == SOUP_WEBSOCKET_STATE_OPEN)
      soup_websocket_connection_send_text (self->sockets->pdata[i], text);
}

/* A message in the world, told to no one yet (_ds_demo_push_event()). */
Msg *
_ds_demo_new_message (DsDemo     *self,
                      const char *channel,
                      const char *user,
                      const char *bot,
                      const char *text)
{
  Msg *m = g_new0 (Msg, 1);

  m->channel = g_strdup (channel);
  /* Unique, increasing timestamps, as Slack's are. */
  m->ts = g_strdup_printf ("%" G_GINT64_FORMAT ".%06u", _ds_demo_world_now (self),
                           ++self->ts_seq);
  m->user = bot ? NULL : g_strdup (user);
  m->bot_id = bot ? g_strdup ("B0DEMOBOT") : NULL;
  m->username = bot ? g_strdup (bot) : NULL;
  m->text = g_strdup (text);
  m->reactions = g_ptr_array_new_with_free_func ((GDestroyNotify)_ds_demo_reaction_free);
  g_ptr_array_add (self->messages, m);
  return m;
}

/* Someone posts: Socket Mode tells of it at once. */
Msg *
_ds_demo_add_message (DsDemo     *self,
                      const char *channel,
                      const char *user,
                      const char *bot,
                      const char *text)
{
  Msg *m = _ds_demo_new_message (self, channel, user, bot, text);

  _ds_demo_push_event (self, m, DS_DEMO_EVENT_POSTED, NULL, NULL);
  return m;
}

/* A reply in @parent's thread. */
Msg *
_ds_demo_add_reply (DsDemo     *self,
                    Msg        *parent,
                    const char *user,
                    const char *text)
{
  Msg *m = _ds_demo_new_message (self, parent->channel, user, NULL, text);

  m->thread_ts = g_strdup (parent->ts);
  parent->replies++;
  _ds_demo_push_event (self, m, DS_DEMO_EVENT_POSTED, NULL, NULL);
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
  i->created = _ds_demo_world_now (self);
  g_ptr_array_add (self->issues, i);
  return i;
}

/* -- the story -------------------------------------------------------------
 *
 * A morning on the rotation, told once: one of each kind of request at
 * first, every half minute or so; then slower, with teammates taking and
 * finishing some of it, so that the inbox also empties; then quiet. Every
 * beat makes distinct items with the same ids each time it is told. */

static Msg *
remembered (DsDemo *self,
            guint   beat)
{
  return beat < G_N_ELEMENTS (self->story_msgs) ? self->story_msgs[beat] : NULL;
}

static void
say (DsDemo     *self,
     const char *channel,
     const char *user,
     const char *bot,
     const char *text)
{
  self->story_msgs[self->steps] = _ds_demo_add_message (self, channel, user, bot, text);
}

static void
react_to (DsDemo     *self,
          guint       beat,
          const char *name,
          const char *user)
{
  Msg *m = remembered (self, beat);

  if (m == NULL)
    return;
  _ds_demo_react (m, name, user);
  _ds_demo_push_event (self, m, DS_DEMO_EVENT_REACTION, name, user);
}

static void
failed_run (DsDemo     *self,
            gint64      id,
            const char *branch,
            const char *title)
{
  Run *r = g_new0 (Run, 1);

  r->repo = g_strdup ("demo-co/api");
  r->id = id;
  r->name = g_strdup ("deploy.yml");
  r->branch = g_strdup (branch);
  r->actor = g_strdup ("renovate[bot]");
  r->title = g_strdup (title);
  r->created = _ds_demo_world_now (self);
  g_ptr_array_add (self->runs, r);
}

static void
page (DsDemo     *self,
      const char *id,
      gint64      number,
      const char *title,
      const char *urgency,
      const char *service)
{
  Incident *inc = g_new0 (Incident, 1);

  inc->id = g_strdup (id);
  inc->number = number;
  inc->title = g_strdup (title);
  inc->status = g_strdup ("triggered");
  inc->urgency = g_strdup (urgency);
  inc->service = g_strdup (service);
  inc->created = _ds_demo_world_now (self);
  g_ptr_array_add (self->incidents, inc);
}

static void
mention (DsDemo     *self,
         const char *id,
         const char *repo,
         const char *title)
{
  Mention *m = g_new0 (Mention, 1);

  m->id = g_strdup (id);
  m->title = g_strdup (title);
  m->repo = g_strdup (repo);
  m->updated = _ds_demo_world_now (self);
  g_ptr_array_add (self->mentions, m);
}

static void
close_issue (DsDemo     *self,
             const char *repo,
             gint64      number)
{
  for (guint i = 0; i < self->issues->len; i++)
    {
      Issue *is = self->issues->pdata[i];

      if (is->number == number && g_str_equal (is->repo, repo))
        is->closed = TRUE;
    }
}

static void
resolve (DsDemo     *self,
         const char *id)
{
  for (guint i = 0; i < self->incidents->len; i++)
    {
      Incident *inc = self->incidents->pdata[i];

      if (g_str_equal (inc->id, id))
        {
          g_free (inc->status);
          inc->status = g_strdup ("resolved");
        }
    }
}

static void
beat_vpn (DsDemo *self)
{
  say (self, "C0DEMOSUP", "U0DEMOSAM", NULL,
       "Hi! Could someone reset my VPN certificate? It expired this morning and I have a "
       "customer call at 11.");
  _ds_demo_add_reply (self, self->story_msgs[self->steps], "U0DEMOSAM",
                      "It's the certificate for the Berlin office gateway, if that helps. "
                      "The error says https://vpn.demo-co.example/help#expired");
}

static void
beat_deploy (DsDemo *self)
{
  say (self, "C0DEMODEP", NULL, "argocd",
       "Deployment of api to production failed: readiness probe timed out");
  failed_run (self, 7001, "main", "Bump express from 4.19 to 4.21");
}

static void
beat_rds_review (DsDemo *self)
{
  Issue *i = _ds_demo_add_issue (self, "demo-co/infra", 41,
                                 "Raise the RDS storage alarm threshold to 85%", "alice-n");

  i->is_pr = TRUE;
  i->team_review = TRUE;
  i->body = g_strdup ("The alarm fires every night during the backup window.");
}

static void
beat_grafana_access (DsDemo *self)
{
  Issue *i = _ds_demo_add_issue (self, "demo-co/ops", 58,
                                 "Read-only access to prod-eu Grafana for the new SRE", "jordan-k");

  i->label = g_strdup ("access-request");
  i->body = g_strdup ("Approved by @chioma-e. Team: SRE. Duration: permanent.");
}

static void
beat_latency_page (DsDemo *self)
{
  page (self, "PDEMO001", 4201, "api: p99 latency above 2 s for 5 minutes", "high",
        "api (production)");
}

static void
beat_staging_db (DsDemo *self)
{
  say (self, "C0DEMOSRE", "U0DEMOLEE", NULL,
       "Is the staging database read-only again? Migrations fail with 'cannot execute in a "
       "read-only transaction'.");
}

static void
beat_disk_alert (DsDemo *self)
{
  /* Bogdan is on the staging question (its notification goes). */
  react_to (self, 5, "eyes", "U0DEMOBOG");
  say (self, "C0DEMOALR", NULL, "Alertmanager", "[FIRING:1] DiskFull db-replica-3 (92% used)");
}

static void
beat_drill_mention (DsDemo *self)
{
  mention (self, "9001", "demo-co/ops", "Who can own the backup restore drill this quarter?");
}

static void
beat_payments_review (DsDemo *self)
{
  Issue *i = _ds_demo_add_issue (self, "demo-co/api", 310,
                                 "Retry idempotent calls to the payment provider", "bogdan-i");

  i->is_pr = TRUE;
  i->my_review = TRUE;
}

static void
beat_staging_db_fixed (DsDemo *self)
{
  /* Bogdan fixed it: done, by a teammate. */
  react_to (self, 5, "white_check_mark", "U0DEMOBOG");
}

static void
beat_slack_group (DsDemo *self)
{
  say (self, "C0DEMOSUP", "U0DEMOPRI", NULL,
       "Could someone add me to the @oncall-platform Slack group? I join the rotation next "
       "week.");
}

static void
beat_latency_resolved (DsDemo *self)
{
  /* Chioma rolled the api back: the page resolves itself. */
  resolve (self, "PDEMO001");
}

static void
beat_disk_handled (DsDemo *self)
{
  react_to (self, 6, "white_check_mark", "U0DEMOLEE");
}

static void
beat_rds_merged (DsDemo *self)
{
  close_issue (self, "demo-co/infra", 41);
}

static void
beat_stripe_key (DsDemo *self)
{
  say (self, "C0DEMOOPS", "U0DEMOTOM", NULL,
       "The staging Stripe key showed up in a build log. Can someone rotate it and update the "
       "secret in Vault?");
}

static void
beat_worker_deploy (DsDemo *self)
{
  say (self, "C0DEMODEP", NULL, "argocd",
       "Deployment of api to staging failed: image pull back-off (registry quota)");
  failed_run (self, 7002, "release-2026.11", "Release 2026.11: search filters");
}

static void
beat_terraform_access (DsDemo *self)
{
  Issue *i = _ds_demo_add_issue (self, "demo-co/ops", 61,
                                 "Write access to the Terraform state bucket for Jordan",
                                 "jordan-k");

  i->label = g_strdup ("access-request");
  i->body = g_strdup ("Approved by @alice-n. Team: Platform. Duration: 30 days.");
}

static void
beat_flaky_mention (DsDemo *self)
{
  mention (self, "9002", "demo-co/api",
           "Flaky integration test: payments webhook times out on CI");
}

static void
beat_provider_review (DsDemo *self)
{
  Issue *i = _ds_demo_add_issue (self, "demo-co/infra", 44,
                                 "Pin the Terraform AWS provider to 5.x", "chioma-e");

  i->is_pr = TRUE;
  i->team_review = TRUE;
}

static void
beat_queue_page (DsDemo *self)
{
  page (self, "PDEMO002", 4202, "worker: queue depth above 1000 for 10 minutes", "low",
        "worker (production)");
}

static void
beat_slack_group_taken (DsDemo *self)
{
  react_to (self, 10, "white_check_mark", "U0DEMOALI");
}

/* Seconds after the beat before it; the first, after the story starts. */
static const struct
{
  guint  delay;
  void (*tell) (DsDemo *self);
} story[] = {
  { 20, beat_vpn },
  { 30, beat_deploy },
  { 25, beat_rds_review },
  { 35, beat_grafana_access },
  { 30, beat_latency_page },
  { 40, beat_staging_db },
  { 30, beat_disk_alert },
  { 35, beat_drill_mention },
  { 40, beat_payments_review },
  { 60, beat_staging_db_fixed },
  { 75, beat_slack_group },
  { 90, beat_latency_resolved },
  { 80, beat_disk_handled },
  { 100, beat_rds_merged },
  { 90, beat_stripe_key },
  { 120, beat_worker_deploy },
  { 110, beat_terraform_access },
  { 150, beat_flaky_mention },
  { 180, beat_provider_review },
  { 240, beat_queue_page },
  { 300, beat_slack_group_taken },
};

G_STATIC_ASSERT (G_N_ELEMENTS (story) <= G_N_ELEMENTS (((DsDemo *)NULL)->story_msgs));

guint
_ds_demo_story_length (void)
{
  return G_N_ELEMENTS (story);
}

/* When beat @n happens, in seconds after the story starts. */
guint
_ds_demo_story_offset (guint n)
{
  guint offset = 0;

  for (guint i = 0; i <= n && i < G_N_ELEMENTS (story); i++)
    offset += story[i].delay;
  return offset;
}

/* Tells the next beat; after the last, nothing happens any more. */
void
_ds_demo_world_step (DsDemo *self)
{
  if (self->steps >= G_N_ELEMENTS (story))
    return;
  story[self->steps].tell (self);
  self->steps++;
}

/* The team's past rotations: the handoff each one's end posted on both
 * super-epics, a rotation a day, the last one ending yesterday evening and
 * leaving the postmortem action item (in the inbox) and a request finished
 * since. */
static void
seed_handoffs (DsDemo *self)
{
  static const struct
  {
    const char *who;
    guint       load[4];     /* requests, access, alerts, reviews */
    gint        ack_minutes;
    guint       within, total;
  } past[] = {
    { "bogdan-i", { 9, 2, 4, 3 }, 6, 8, 9 },
    { "chioma-e", { 14, 3, 7, 2 }, 11, 10, 14 },
    { "alice-n", { 7, 1, 2, 4 }, 4, 7, 7 },
    { "bogdan-i", { 12, 4, 9, 1 }, 9, 11, 13 },
    { "chioma-e", { 6, 2, 3, 5 }, 5, 6, 6 },
    { "alice-n", { 16, 2, 11, 3 }, 14, 12, 17 },
  };
  static const DsItemKind kinds[4] = {
    DS_ITEM_KIND_REQUEST, DS_ITEM_KIND_ACCESS, DS_ITEM_KIND_ALERT, DS_ITEM_KIND_REVIEW,
  };
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) today = g_date_time_new_utc (g_date_time_get_year (now),
                                                    g_date_time_get_month (now),
                                                    g_date_time_get_day_of_month (now),
                                                    0, 0, 0);
  gint64 midnight = g_date_time_to_unix (today);

  for (guint i = 0; i < G_N_ELEMENTS (past); i++)
    {
      g_autoptr(DsHandoff) h = g_new0 (DsHandoff, 1);
      gint64 day = midnight - (gint64)(G_N_ELEMENTS (past) - i) * 86400;
      g_autofree char *block = NULL;
      g_autofree char *body = NULL;
      guint total = 0;

      h->author = g_strdup (past[i].who);
      h->start = day + 9 * 3600;
      h->end = day + 17 * 3600 + 30 * 60;
      for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
        {
          h->by_kind[kinds[k]] = past[i].load[k];
          total += past[i].load[k];
        }
      h->ack_median = past[i].ack_minutes * 60;
      h->responses_within = past[i].within;
      h->responses_total = past[i].total;
      h->tracked = total * 11 * 60;
      h->left = g_ptr_array_new_with_free_func ((GDestroyNotify)ds_handoff_item_free);
      if (i + 1 == G_N_ELEMENTS (past))
        {
          DsHandoffItem *pm = g_new0 (DsHandoffItem, 1);
          DsHandoffItem *tls = g_new0 (DsHandoffItem, 1);

          pm->id = g_strdup ("github:demo-co/ops#12");
          pm->title = g_strdup ("Add alerting on replication lag");
          pm->url = g_strdup ("https://github.com/demo-co/ops/issues/12");
          pm->kind = DS_ITEM_KIND_POSTMORTEM;
          pm->state = DS_ITEM_STATE_DEFERRED;
          g_ptr_array_add (h->left, pm);
          tls->id = g_strdup ("slack:C0DEMOSUP/1700000000.000100");
          tls->title = g_strdup ("Can someone renew the staging TLS certificate?");
          tls->kind = DS_ITEM_KIND_REQUEST;
          tls->state = DS_ITEM_STATE_ACKNOWLEDGED;
          tls->over_target = TRUE;
          g_ptr_array_add (h->left, tls);
        }
      block = ds_handoff_format_block (h);
      body = g_strdup_printf ("Handoff.\n\n# Rotation report\n\n%u interruptions.\n\n%s", total,
                              block);
      _ds_demo_add_comment (self, "demo-co/ops", 1, h->author, body, h->end + 60);
      _ds_demo_add_comment (self, "demo-co/ops", 2, h->author, body, h->end + 60);
    }
}

void
_ds_demo_world_seed (DsDemo *self)
{
  Issue *pm = _ds_demo_add_issue (self, "demo-co/ops", 12, "Add alerting on replication lag",
                                  "chioma-e");

  pm->label = g_strdup ("Postmortem Action Item");
  pm->created = _ds_demo_now () - 6 * 86400;
  seed_handoffs (self);
}
