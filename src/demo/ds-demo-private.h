/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "ds-demo.h"

G_BEGIN_DECLS

/* The demo's insides, shared by its files:
 *
 *   ds-demo.c            the object and its loopback server
 *   ds-demo-testing.c    what tests ask (ds-demo-testing.h), in a library
 *                        of its own that the application does not link
 *   ds-demo-team.c       a team sharing one Slack app (ds-demo-team.h),
 *                        in that library too
 *   ds-demo-world.c      the scripted world
 *   ds-demo-json.c       JSON helpers for the answers
 *   ds-demo-slack.c      Slack
 *   ds-demo-github.c     GitHub
 *   ds-demo-pagerduty.c  PagerDuty and ZenHub */

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
  guint      thread_reads;  /* conversations.replies asked of it */
  gboolean   deleted;    /* read by no one any more */
} Msg;

/* What Socket Mode tells of a message (_ds_demo_push_event()). */
typedef enum
{
  DS_DEMO_EVENT_POSTED,
  DS_DEMO_EVENT_EDITED,
  DS_DEMO_EVENT_DELETED,
  DS_DEMO_EVENT_REACTION,
} DsDemoEvent;

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

/* A comment on an issue: the handoffs on the super-epics. */
typedef struct
{
  char   *repo;
  gint64  number;
  gint64  id;
  char   *author;
  char   *body;
  gint64  created;
} Comment;

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
  gint64      epoch;       /* when the story started (Unix seconds), or 0 */
  gint64      clock;       /* the beat's time while it is told, or 0: now */
  Msg        *story_msgs[32];  /* the message each beat said, by beat */
  guint       steps;
  guint       ts_seq;
  GPtrArray  *messages;
  GPtrArray  *issues;
  GPtrArray  *runs;
  GPtrArray  *mentions;
  GPtrArray  *incidents;
  GPtrArray  *comments;  /* Comment */
  GHashTable *requests;  /* service -> count */
  guint       not_modified;
  guint       writes;
  GPtrArray  *sockets;   /* SoupWebsocketConnection: Socket Mode clients */
  /* Faults and limits a test asked for (ds-demo-testing.c), or NULL: the
   * handler lets faults_answer answer a request first, if it will. */
  gpointer    faults;
  gboolean  (*faults_answer) (DsDemo            *self,
                              SoupServerMessage *msg,
                              const char        *path,
                              GHashTable        *query);
  GDestroyNotify faults_free;
  guint       envelopes;
};

void         _ds_demo_reaction_free (Reaction *r);
void         _ds_demo_msg_free (Msg *m);
void         _ds_demo_issue_free (Issue *i);
void         _ds_demo_run_free (Run *r);
void         _ds_demo_mention_free (Mention *m);
void         _ds_demo_incident_free (Incident *i);
void         _ds_demo_comment_free (Comment *c);
Comment     *_ds_demo_add_comment (DsDemo *self, const char *repo, gint64 number,
                                   const char *author, const char *body, gint64 created);
gint64       _ds_demo_now (void);
gint64       _ds_demo_world_now (DsDemo *self);
guint        _ds_demo_story_length (void);
guint        _ds_demo_story_offset (guint n);
void         _ds_demo_push_event (DsDemo *self, Msg *m, DsDemoEvent what,
                                  const char *reaction, const char *user);
Msg         *_ds_demo_new_message (DsDemo *self, const char *channel, const char *user,
                                   const char *bot, const char *text);
Msg         *_ds_demo_add_message (DsDemo *self, const char *channel, const char *user,
                                   const char *bot, const char *text);
void         _ds_demo_react (Msg *m, const char *name, const char *user);
Issue       *_ds_demo_add_issue (DsDemo *self, const char *repo, gint64 number, const char *title,
                                 const char *author);
void         _ds_demo_world_step (DsDemo *self);
void         _ds_demo_world_seed (DsDemo *self);
void         _ds_demo_member_str (JsonBuilder *b, const char *name, const char *value);
void         _ds_demo_member_int (JsonBuilder *b, const char *name, gint64 value);
void         _ds_demo_member_bool (JsonBuilder *b, const char *name, gboolean value);
void         _ds_demo_member_login (JsonBuilder *b, const char *name, const char *login);
char        *_ds_demo_iso (gint64 t);
void         _ds_demo_member_time (JsonBuilder *b, const char *name, gint64 t);
void         _ds_demo_reply_json (SoupServerMessage *msg, JsonBuilder *b);
void         _ds_demo_reply_text (SoupServerMessage *msg, guint status, const char *json);
void         _ds_demo_message_members (JsonBuilder *b, Msg *m);
void         _ds_demo_message_json (JsonBuilder *b, Msg *m);
const char  *_ds_demo_param (GHashTable *query, GHashTable *form, const char *name);
Msg         *_ds_demo_add_reply   (DsDemo *self, Msg *parent, const char *user,
                                   const char *text);
Msg         *_ds_demo_find_message (DsDemo *self, const char *channel, const char *ts);
void         _ds_demo_slack (DsDemo *self, SoupServerMessage *msg, const char *method,
                             GHashTable *query);
void         _ds_demo_issue_json (DsDemo *self, JsonBuilder *b, Issue *i);
void         _ds_demo_github (DsDemo *self, SoupServerMessage *msg, const char *path,
                              GHashTable *query);
void         _ds_demo_pagerduty (DsDemo *self, SoupServerMessage *msg, const char *path);
void         _ds_demo_zenhub (DsDemo *self, SoupServerMessage *msg);

G_END_DECLS
