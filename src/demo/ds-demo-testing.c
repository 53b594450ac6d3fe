/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-demo"

#include "ds-demo-private.h"
#include "ds-demo-testing.h"

/* What tests and benchmarks ask of the demo world (ds-demo-testing.h): the
 * story a beat at a time, people, a backlog, faults, Slack's limit and the
 * counts. Built into libdayshift_demo_testing only: the application has the
 * world without it, and its handler without faults (faults_answer unset). */

/* -- faults and limits ----------------------------------------------------- */

typedef struct
{
  char   *failing;          /* a service (or a path of one) that answers with an error */
  guint   failing_status;
  char   *failing_channel;  /* a Slack channel whose history Slack refuses to read */
  guint   limit_calls;      /* Slack's per-app limit on reading messages, if set */
  guint   limit_window;     /* seconds */
  GArray *limit_times;      /* gint64: when the reads within the window came */
  guint   n_limited;        /* reads refused with 429 */
  guint   n_reads;          /* reads the limit let through */
} Faults;

static void
faults_free (gpointer data)
{
  Faults *f = data;

  g_free (f->failing);
  g_free (f->failing_channel);
  g_array_unref (f->limit_times);
  g_free (f);
}

/* Answers @msg as the faults and limits say, or leaves it to the world. */
static gboolean
faults_answer (DsDemo            *self,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query)
{
  Faults *f = self->faults;

  /* One budget for every client of the app, as Slack counts (Tier 3). */
  if (f->limit_calls > 0 && (g_str_equal (path, "/slack/api/conversations.history") ||
                             g_str_equal (path, "/slack/api/conversations.replies")))
    {
      gint64 now = g_get_monotonic_time ();
      gint64 window = (gint64)f->limit_window * G_USEC_PER_SEC;
      guint kept = 0;

      for (guint i = 0; i < f->limit_times->len; i++)
        if (now - g_array_index (f->limit_times, gint64, i) < window)
          g_array_index (f->limit_times, gint64, kept++) =
            g_array_index (f->limit_times, gint64, i);
      g_array_set_size (f->limit_times, kept);
      if (kept >= f->limit_calls)
        {
          gint64 wait = window - (now - g_array_index (f->limit_times, gint64, 0));
          g_autofree char *after = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                    MAX ((wait + G_USEC_PER_SEC - 1) /
                                                         G_USEC_PER_SEC, 1));

          f->n_limited++;
          soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                        "Retry-After", after);
          _ds_demo_reply_text (msg, 429, "{\"ok\": false, \"error\": \"ratelimited\"}");
          return TRUE;
        }
      g_array_append_val (f->limit_times, now);
      f->n_reads++;
    }
  if (f->failing_channel != NULL && g_str_equal (path, "/slack/api/conversations.history") &&
      query != NULL && g_strcmp0 (g_hash_table_lookup (query, "channel"),
                                  f->failing_channel) == 0)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "Retry-After", "30");
      _ds_demo_reply_text (msg, 429, "{\"ok\": false, \"error\": \"ratelimited\"}");
      return TRUE;
    }
  if (f->failing != NULL && g_str_has_prefix (path + 1, f->failing))
    {
      soup_server_message_set_status (msg, f->failing_status, NULL);
      soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC,
                                        "<html>Service unavailable</html>", 31);
      return TRUE;
    }
  return FALSE;
}

static Faults *
faults_of (DsDemo *self)
{
  if (self->faults == NULL)
    {
      Faults *f = g_new0 (Faults, 1);

      f->limit_times = g_array_new (FALSE, FALSE, sizeof (gint64));
      self->faults = f;
      self->faults_answer = faults_answer;
      self->faults_free = faults_free;
    }
  return self->faults;
}

/* Makes @service ("slack", "github", "pagerduty") answer @status with an
 * HTML page to everything, or only what a path starts with
 * ("github/search/issues"); or answer normally again with %NULL. */
void
ds_demo_set_failing (DsDemo     *self,
                     const char *service,
                     guint       status)
{
  Faults *f;

  g_return_if_fail (DS_IS_DEMO (self));
  f = faults_of (self);
  g_free (f->failing);
  f->failing = g_strdup (service);
  f->failing_status = status;
}

/* Slack's per-app limit: at most @calls reads of messages (history,
 * replies) in any @window seconds, for all clients together; 0: none. */
void
ds_demo_set_slack_limit (DsDemo *self,
                         guint   calls,
                         guint   window)
{
  Faults *f;

  g_return_if_fail (DS_IS_DEMO (self));
  f = faults_of (self);
  f->limit_calls = calls;
  f->limit_window = MAX (window, 1);
  g_array_set_size (f->limit_times, 0);
}

/* Slack answers reads of @channel's history with 429 (NULL: no more). */
void
ds_demo_set_failing_channel (DsDemo     *self,
                             const char *channel)
{
  Faults *f;

  g_return_if_fail (DS_IS_DEMO (self));
  f = faults_of (self);
  g_free (f->failing_channel);
  f->failing_channel = g_strdup (channel);
}

/* -- the story and its people ---------------------------------------------- */

/* How long the story lasts, in seconds. */
guint
ds_demo_get_story_duration (void)
{
  return _ds_demo_story_offset (_ds_demo_story_length () - 1);
}

void
ds_demo_step (DsDemo *self)
{
  g_return_if_fail (DS_IS_DEMO (self));
  _ds_demo_world_step (self);
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
  _ds_demo_add_message (self, channel, user, NULL, text);
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
  m = _ds_demo_new_message (self, channel, user, NULL, text);
  g_free (m->ts);
  m->ts = g_strdup_printf ("%" G_GINT64_FORMAT ".%06u", at, ++self->ts_seq);
  _ds_demo_push_event (self, m, DS_DEMO_EVENT_POSTED, NULL, NULL);
  return g_strdup (m->ts);
}

/**
 * ds_demo_reply_slack:
 *
 * A reply by @user in the thread of the message @parent_ts.
 *
 * Returns: (transfer full): the reply's ts
 */
char *
ds_demo_reply_slack (DsDemo     *self,
                     const char *channel,
                     const char *parent_ts,
                     const char *user,
                     const char *text)
{
  Msg *parent;

  g_return_val_if_fail (DS_IS_DEMO (self), NULL);
  parent = _ds_demo_find_message (self, channel, parent_ts);
  g_return_val_if_fail (parent != NULL, NULL);
  return g_strdup (_ds_demo_add_reply (self, parent, user, text)->ts);
}

/**
 * ds_demo_add_access_requests:
 *
 * @n open access requests in the team's repository, as a backlog a
 * catch-up finds (benchmarks).
 */
void
ds_demo_add_access_requests (DsDemo *self,
                             guint   n)
{
  g_return_if_fail (DS_IS_DEMO (self));
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *title = g_strdup_printf ("Read-only access to prod-eu for person %u", i);
      Issue *issue = _ds_demo_add_issue (self, "demo-co/ops", 10000 + i, title, "someone");

      issue->label = g_strdup ("access-request");
      issue->body = g_strdup ("Approved by the lead.");
    }
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
  m = _ds_demo_find_message (self, channel, ts);
  g_return_if_fail (m != NULL);
  _ds_demo_react (m, name, user);
  _ds_demo_push_event (self, m, DS_DEMO_EVENT_REACTION, name, user);
}

/* The message's author changes its text (Socket Mode: message_changed). */
void
ds_demo_edit_slack (DsDemo     *self,
                    const char *channel,
                    const char *ts,
                    const char *text)
{
  Msg *m;

  g_return_if_fail (DS_IS_DEMO (self));
  m = _ds_demo_find_message (self, channel, ts);
  g_return_if_fail (m != NULL);
  g_free (m->text);
  m->text = g_strdup (text);
  _ds_demo_push_event (self, m, DS_DEMO_EVENT_EDITED, NULL, NULL);
}

/* The message is deleted: no read finds it any more (Socket Mode:
 * message_deleted). */
void
ds_demo_delete_slack (DsDemo     *self,
                      const char *channel,
                      const char *ts)
{
  Msg *m;

  g_return_if_fail (DS_IS_DEMO (self));
  m = _ds_demo_find_message (self, channel, ts);
  g_return_if_fail (m != NULL);
  m->deleted = TRUE;
  _ds_demo_push_event (self, m, DS_DEMO_EVENT_DELETED, NULL, NULL);
}

/* -- counts ---------------------------------------------------------------- */

guint
ds_demo_get_n_requests (DsDemo     *self,
                        const char *service)
{
  g_return_val_if_fail (DS_IS_DEMO (self), 0);
  return GPOINTER_TO_UINT (g_hash_table_lookup (self->requests, service));
}

/* How often the message @ts in @channel was read with its thread
 * (conversations.replies). */
guint
ds_demo_get_n_thread_reads (DsDemo     *self,
                            const char *channel,
                            const char *ts)
{
  Msg *m;

  g_return_val_if_fail (DS_IS_DEMO (self), 0);
  m = _ds_demo_find_message (self, channel, ts);
  return m != NULL ? m->thread_reads : 0;
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

/* How many reads of messages (history, replies) the limit let through. */
guint
ds_demo_get_n_reads (DsDemo *self)
{
  g_return_val_if_fail (DS_IS_DEMO (self), 0);
  return self->faults != NULL ? ((Faults *)self->faults)->n_reads : 0;
}

/* How many reads the limit refused. */
guint
ds_demo_get_n_limited (DsDemo *self)
{
  g_return_val_if_fail (DS_IS_DEMO (self), 0);
  return self->faults != NULL ? ((Faults *)self->faults)->n_limited : 0;
}

/* A comment on an issue, e.g. a handoff on a super-epic, by @author. */
void
ds_demo_add_comment (DsDemo     *self,
                     const char *repo,
                     gint64      number,
                     const char *author,
                     const char *body,
                     gint64      created)
{
  g_return_if_fail (DS_IS_DEMO (self));

  _ds_demo_add_comment (self, repo, number, author, body, created);
}

/* The comments on every issue, the seeded handoffs and those posted. */
guint
ds_demo_get_n_comments (DsDemo *self)
{
  g_return_val_if_fail (DS_IS_DEMO (self), 0);

  return self->comments->len;
}
