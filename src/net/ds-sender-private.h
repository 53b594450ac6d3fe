/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "ds-sender.h"
#include "ds-writes.h"

G_BEGIN_DECLS

/* The sender's insides, shared by its files: the queue and the job's life
 * (ds-sender.c) and each service's writes (ds-sender-slack.c,
 * ds-sender-github.c, ds-sender-zenhub.c). */

#define MARKER_FMT "<!-- dayshift:%s -->"

struct _DsSender
{
  GObject       parent_instance;

  DsStore      *store;
  DsInbox      *inbox;
  DsHttp       *http;
  GCancellable *cancellable;
  guint         timer;
  guint         idle;
  gboolean      online;
  gboolean      busy;
  char         *github_me;
  char         *slack_me;
  GHashTable   *repo_ids;  /* GitHub repository → its id, for ZenHub */
};

typedef struct
{
  DsSender      *self;
  DsOutboxEntry *entry;
  DsItem        *item;     /* nullable: an item no longer in the inbox */
  JsonObject    *args;
  const DsWrite *write;    /* NULL: a write this version does not know */
  DsService      service;
  gboolean       check;    /* an earlier attempt may have arrived */
  char          *text;     /* the text or body as sent */
  char         **logins;   /* $me resolved */
  gint64         ids[2];   /* ZenHub: the issue's and the epic's repository ids */
  char          *repo;     /* the issue a ZenHub write is about */
  gint64         number;
  GDestroyNotify free_answer;  /* frees what the call answered */
} Job;

/* One write being sent. A handler ends it with _ds_sender_job_finish()
 * (the answer, or the error) or _ds_sender_fail_job(), exactly once. */
const char *_ds_sender_arg                (Job            *job,
                                           const char     *name);
gint64      _ds_sender_arg_int            (Job            *job,
                                           const char     *name);
GStrv       _ds_sender_arg_strv           (Job            *job,
                                           const char     *name);
void        _ds_sender_job_finish         (Job            *job,
                                           const char     *result,
                                           const GError   *error);
void        _ds_sender_fail_job           (Job            *job,
                                           const char     *message);
void        _ds_sender_on_fetched_nothing (GObject        *source,
                                           GAsyncResult   *result,
                                           gpointer        user_data);
gboolean    _ds_sender_split_issue_url    (const char     *url,
                                           char          **repo,
                                           gint64         *number);
void        _ds_sender_resolve_me_then    (Job            *job,
                                           void          (*next) (Job *job));

/* The writes, by service. */
void        _ds_sender_slack_reply        (Job            *job);
void        _ds_sender_github_assign      (Job            *job);
void        _ds_sender_github_create_issue (Job           *job);
void        _ds_sender_github_comment     (Job            *job);
void        _ds_sender_zenhub_add_to_epic (Job            *job);

G_END_DECLS
