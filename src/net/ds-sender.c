/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-sender"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "ds-actions.h"
#include "ds-error.h"
#include "ds-github.h"
#include "ds-pagerduty.h"
#include "ds-sender.h"
#include "ds-slack.h"
#include "ds-zenhub.h"

/* Sends the outbox, one entry at a time, oldest first. An entry waits while
 * an earlier one for the same item is unfinished (the thread reply with the
 * link waits for the issue). A service that cannot take a write now (offline,
 * rate limited, failing) gets it again later, with back-off; one that refuses
 * it (a bad token, a missing channel, a validation error) gets it never
 * again, and the user is told once ("failed" signal).
 *
 * Writes that would show twice if repeated are checked first when an earlier
 * attempt may have arrived (the entry was "sending" when Dayshift stopped):
 * a thread reply is looked for in the thread, an issue by the entry's key,
 * which its body carries in an HTML comment. The other writes are the same
 * when repeated (a reaction, an assignee, an acknowledgement). */

#define BACKOFF_FIRST 15
#define BACKOFF_MAX   (15 * 60)
#define GIVE_UP_AFTER (24 * 60 * 60)
#define MARKER_FMT    "<!-- dayshift:%s -->"

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

G_DEFINE_FINAL_TYPE (DsSender, ds_sender, G_TYPE_OBJECT)

enum { SIGNAL_SENT, SIGNAL_FAILED, N_SIGNALS };
static guint signals[N_SIGNALS];

typedef struct
{
  DsSender      *self;
  DsOutboxEntry *entry;
  DsItem        *item;     /* nullable: an item no longer in the inbox */
  JsonObject    *args;
  DsService      service;
  gboolean       check;    /* an earlier attempt may have arrived */
  char          *text;     /* the text or body as sent */
  char         **logins;   /* $me resolved */
  gint64         ids[2];   /* ZenHub: the issue's and the epic's repository ids */
  char          *repo;     /* the issue a ZenHub write is about */
  gint64         number;
  GDestroyNotify free_answer;  /* frees what the call answered */
} Job;

static void run (DsSender *self);

static void
job_free (Job *job)
{
  g_clear_object (&job->self);
  g_clear_pointer (&job->entry, ds_outbox_entry_free);
  g_clear_object (&job->item);
  g_clear_pointer (&job->args, json_object_unref);
  g_free (job->text);
  g_strfreev (job->logins);
  g_free (job->repo);
  g_free (job);
}

static const char *
arg (Job        *job,
     const char *name)
{
  JsonNode *node = json_object_get_member (job->args, name);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_STRING ? json_node_get_string (node) : NULL;
}

static gint64
arg_int (Job        *job,
         const char *name)
{
  JsonNode *node = json_object_get_member (job->args, name);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_INT64 ? json_node_get_int (node) : 0;
}

static GStrv
arg_strv (Job        *job,
          const char *name)
{
  JsonNode *node = json_object_get_member (job->args, name);
  GStrvBuilder *b = g_strv_builder_new ();
  GStrv v;

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *a = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (a); i++)
        {
          const char *s = json_array_get_string_element (a, i);
          if (s != NULL && *s != '\0')
            g_strv_builder_add (b, s);
        }
    }
  v = g_strv_builder_end (b);
  g_strv_builder_unref (b);
  return v;
}

static const char *
about (DsOutboxEntry *entry)
{
  return entry->item_id != NULL ? entry->item_id : "the rotation";
}

static const char *
op_label (const char *op)
{
  if (g_str_equal (op, "slack.react")) return _("Adding the Slack reaction");
  if (g_str_equal (op, "slack.reply")) return _("Replying in the Slack thread");
  if (g_str_equal (op, "pagerduty.acknowledge")) return _("Acknowledging the PagerDuty incident");
  if (g_str_equal (op, "pagerduty.reassign")) return _("Reassigning the PagerDuty incident");
  if (g_str_equal (op, "github.assign")) return _("Assigning the GitHub issue");
  if (g_str_equal (op, "github.request-review")) return _("Requesting the GitHub review");
  if (g_str_equal (op, "github.create-issue")) return _("Filing the GitHub issue");
  if (g_str_equal (op, "github.unassign")) return _("Unassigning the GitHub issue");
  if (g_str_equal (op, "github.comment")) return _("Commenting on the GitHub issue");
  if (g_str_equal (op, "zenhub.add-to-epic")) return _("Adding the issue to the ZenHub epic");
  return op;
}

static DsService
op_service (const char *op)
{
  if (g_str_has_prefix (op, "slack.")) return DS_SERVICE_SLACK;
  if (g_str_has_prefix (op, "pagerduty.")) return DS_SERVICE_PAGERDUTY;
  if (g_str_has_prefix (op, "zenhub.")) return DS_SERVICE_ZENHUB;
  return DS_SERVICE_GITHUB;
}

/* Trouble that passes: try again later. Everything else is the service
 * saying no, and saying it again will not help. */
static gboolean
is_transient (const GError *error)
{
  return error->domain != DS_ERROR ||
         error->code == DS_ERROR_NETWORK || error->code == DS_ERROR_TIMED_OUT ||
         error->code == DS_ERROR_RATE_LIMITED || error->code == DS_ERROR_SERVER ||
         error->code == DS_ERROR_BAD_RESPONSE || error->code == DS_ERROR_FAILED;
}

static gboolean
on_run_idle (gpointer user_data)
{
  DsSender *self = user_data;

  self->idle = 0;
  run (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_run (DsSender *self)
{
  if (self->idle == 0)
    self->idle = g_idle_add (on_run_idle, self);
}

static void
job_finish (Job          *job,
            const char   *result,
            const GError *error)
{
  DsSender *self = job->self;
  DsOutboxEntry *entry = job->entry;
  g_autoptr(GError) local = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* Shutting down: the entry stays "sending" and is checked at the next start. */
      job_free (job);
      return;
    }

  if (error == NULL)
    {
      g_debug ("Sent %s for %s", entry->op, about (entry));
      if (!ds_store_outbox_done (self->store, entry, result, job->item, &local))
        g_message ("%s", local->message);
      else
        g_signal_emit (self, signals[SIGNAL_SENT], 0, entry->op, entry->item_id);
    }
  else if (is_transient (error) && now - entry->created < GIVE_UP_AFTER)
    {
      gint64 until = self->http != NULL ? ds_http_get_backoff_until (self->http, job->service) : 0;
      gint64 delay = BACKOFF_FIRST << MIN (MAX (entry->attempts - 1, 0), 6);

      delay = MIN (delay, BACKOFF_MAX);
      g_debug ("%s for %s did not go out (%s); again in %" G_GINT64_FORMAT " s", entry->op,
               about (entry), error->message, MAX (until - now, delay));
      if (!ds_store_outbox_retry (self->store, entry, MAX (until, now + delay), error->message,
                                  &local))
        g_message ("%s", local->message);
    }
  else
    {
      g_autofree char *message = g_strdup_printf (_("%s failed: %s"), op_label (entry->op),
                                                  error->message);

      if (!ds_store_outbox_fail (self->store, entry, message, job->item, &local))
        g_message ("%s", local->message);
      g_signal_emit (self, signals[SIGNAL_FAILED], 0, job->item, message);
    }

  self->busy = FALSE;
  job_free (job);
  schedule_run (self);
}

static void
fail_job (Job        *job,
          const char *message)
{
  g_autoptr(GError) error = g_error_new_literal (DS_ERROR, DS_ERROR_INVALID_ARGUMENT, message);

  job_finish (job, NULL, error);
}

/* -- what each write does ------------------------------------------------- */

static void
on_fetched_nothing (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Job *job = user_data;
  g_autoptr(GError) error = NULL;
  gpointer answer = ds_http_fetch_finish (DS_HTTP (source), result, NULL, &error);

  if (answer != NULL && job->free_answer != NULL)
    job->free_answer (answer);
  job_finish (job, NULL, error);
}

/* Slack returns text with entities escaped and links in angle brackets:
 * compare what is left of the words. */
static char *
normalise_slack_text (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text != NULL ? text : ""; *p != '\0'; p++)
    {
      if (g_str_has_prefix (p, "&amp;"))
        g_string_append_c (out, '&'), p += 4;
      else if (g_str_has_prefix (p, "&lt;") || g_str_has_prefix (p, "&gt;"))
        p += 3;
      else if (*p != '<' && *p != '>')
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

static void
post_reply (Job *job)
{
  job->free_answer = (GDestroyNotify)ds_slack_posted_free;
  ds_slack_post_message_async (job->self->http, arg (job, "channel"), job->text,
                               arg (job, "thread_ts"), job->self->cancellable,
                               on_fetched_nothing, job);
}

static void
on_replies (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Job *job = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) messages = ds_slack_replies_finish (DS_HTTP (source), result, &error);
  g_autofree char *wanted = NULL;

  if (messages == NULL)
    {
      job_finish (job, NULL, error);
      return;
    }
  wanted = normalise_slack_text (job->text);
  for (guint i = 0; i < messages->len; i++)
    {
      DsSlackMessage *m = g_ptr_array_index (messages, i);
      g_autofree char *have = normalise_slack_text (m->text);

      if (g_strcmp0 (m->user, job->self->slack_me) == 0 && g_str_equal (have, wanted))
        {
          g_debug ("The reply for %s is already in the thread", job->entry->item_id);
          job_finish (job, NULL, NULL);
          return;
        }
    }
  post_reply (job);
}

static void
check_reply (Job *job)
{
  ds_slack_replies_async (job->self->http, arg (job, "channel"), arg (job, "thread_ts"),
                          job->self->cancellable, on_replies, job);
}

static void
on_slack_me (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Job *job = user_data;
  g_autoptr(GError) error = NULL;
  DsSlackAuth *auth = ds_slack_auth_test_finish (DS_HTTP (source), result, &error);

  if (auth == NULL)
    {
      job_finish (job, NULL, error);
      return;
    }
  g_free (job->self->slack_me);
  job->self->slack_me = g_strdup (auth->user_id);
  ds_slack_auth_free (auth);
  check_reply (job);
}

static void
send_slack_reply (Job *job)
{
  const char *text = arg (job, "text");

  if (text == NULL || arg (job, "channel") == NULL || arg (job, "thread_ts") == NULL)
    {
      fail_job (job, _("the queued reply is incomplete"));
      return;
    }
  if (strstr (text, "$issue_url") != NULL)
    {
      const char *url = job->item != NULL ? ds_item_get_issue_url (job->item) : NULL;
      g_auto(GStrv) parts = NULL;

      if (url == NULL)
        {
          fail_job (job, _("the issue it links to was not filed"));
          return;
        }
      parts = g_strsplit (text, "$issue_url", -1);
      job->text = g_strjoinv (url, parts);
    }
  else
    job->text = g_strdup (text);

  if (!job->check)
    post_reply (job);
  else if (job->self->slack_me == NULL)
    ds_slack_auth_test_async (job->self->http, job->self->cancellable, on_slack_me, job);
  else
    check_reply (job);
}

/* GitHub: "$me" is the token's own user, asked once. */
static void resolve_me_then (Job *job, void (*next) (Job *job));

typedef struct
{
  Job  *job;
  void (*next) (Job *job);
} MeWait;

static void
on_github_me (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  MeWait *wait = user_data;
  Job *job = wait->job;
  void (*next) (Job *) = wait->next;
  g_autoptr(GError) error = NULL;
  DsGhUser *user = ds_github_get_user_finish (DS_HTTP (source), result, &error);

  g_free (wait);
  if (user == NULL)
    {
      job_finish (job, NULL, error);
      return;
    }
  g_free (job->self->github_me);
  job->self->github_me = g_strdup (user->login);
  ds_gh_user_free (user);
  resolve_me_then (job, next);
}

static void
resolve_me_then (Job   *job,
                 void (*next) (Job *job))
{
  g_auto(GStrv) wanted = NULL;
  GStrvBuilder *b;

  if (json_object_has_member (job->args, "login"))
    {
      wanted = g_new0 (char *, 2);
      wanted[0] = g_strdup (arg (job, "login"));
    }
  else
    wanted = arg_strv (job, "assignees");

  if (job->self->github_me == NULL && wanted[0] != NULL &&
      g_strv_contains ((const char * const *)wanted, "$me"))
    {
      MeWait *wait = g_new0 (MeWait, 1);

      wait->job = job;
      wait->next = next;
      ds_github_get_user_async (job->self->http, job->self->cancellable, on_github_me, wait);
      return;
    }

  b = g_strv_builder_new ();
  for (guint i = 0; wanted[i] != NULL; i++)
    g_strv_builder_add (b, g_str_equal (wanted[i], "$me") ? job->self->github_me : wanted[i]);
  job->logins = g_strv_builder_end (b);
  g_strv_builder_unref (b);
  next (job);
}

static void
assign (Job *job)
{
  if (job->logins[0] == NULL || arg (job, "repo") == NULL || arg_int (job, "number") <= 0)
    {
      fail_job (job, _("the queued assignment is incomplete"));
      return;
    }
  job->free_answer = g_str_equal (job->entry->op, "github.request-review")
    ? NULL : (GDestroyNotify)ds_gh_issue_free;
  if (g_str_equal (job->entry->op, "github.unassign"))
    ds_github_remove_assignees_async (job->self->http, arg (job, "repo"),
                                      arg_int (job, "number"), (const char * const *)job->logins,
                                      job->self->cancellable, on_fetched_nothing, job);
  else if (g_str_equal (job->entry->op, "github.request-review"))
    ds_github_request_reviewers_async (job->self->http, arg (job, "repo"),
                                       arg_int (job, "number"),
                                       (const char * const *)job->logins,
                                       job->self->cancellable, on_fetched_nothing, job);
  else
    ds_github_add_assignees_async (job->self->http, arg (job, "repo"), arg_int (job, "number"),
                                   (const char * const *)job->logins, job->self->cancellable,
                                   on_fetched_nothing, job);
}

static void
on_issue_created (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Job *job = user_data;
  g_autoptr(GError) error = NULL;
  DsGhIssue *issue = ds_github_create_issue_finish (DS_HTTP (source), result, &error);
  g_autofree char *url = NULL;

  if (issue == NULL)
    {
      job_finish (job, NULL, error);
      return;
    }
  url = g_strdup (issue->html_url);
  ds_gh_issue_free (issue);
  if (job->item != NULL)
    ds_item_set_issue_url (job->item, url);
  job_finish (job, url, NULL);
}

static void
create_issue (Job *job)
{
  g_auto(GStrv) labels = arg_strv (job, "labels");

  ds_github_create_issue_async (job->self->http, arg (job, "repo"), arg (job, "title"),
                                job->text, (const char * const *)labels,
                                (const char * const *)job->logins, job->self->cancellable,
                                on_issue_created, job);
}

static void
on_issues_listed (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Job *job = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) issues = ds_github_list_issues_finish (DS_HTTP (source), result, &error);
  g_autofree char *marker = g_strdup_printf (MARKER_FMT, job->entry->key);

  if (issues == NULL)
    {
      job_finish (job, NULL, error);
      return;
    }
  for (guint i = 0; i < issues->len; i++)
    {
      DsGhIssue *issue = g_ptr_array_index (issues, i);

      if (issue->body != NULL && strstr (issue->body, marker) != NULL)
        {
          g_debug ("The issue for %s was already filed: %s", job->entry->item_id,
                   issue->html_url);
          if (job->item != NULL)
            ds_item_set_issue_url (job->item, issue->html_url);
          job_finish (job, issue->html_url, NULL);
          return;
        }
    }
  create_issue (job);
}

static void
create_issue_checked (Job *job)
{
  g_auto(GStrv) labels = arg_strv (job, "labels");
  g_autofree char *joined = g_strjoinv (",", labels);

  if (!job->check)
    {
      create_issue (job);
      return;
    }
  ds_github_list_issues_async (job->self->http, arg (job, "repo"),
                               *joined != '\0' ? joined : NULL, "all", job->self->cancellable,
                               on_issues_listed, job);
}

static void
set_issue_body (Job        *job,
                const char *permalink)
{
  const char *body = arg (job, "body");
  g_auto(GStrv) parts = g_strsplit (body != NULL ? body : "", "$permalink", -1);
  g_autofree char *filled = g_strjoinv (permalink, parts);

  job->text = g_strdup_printf ("%s\n" MARKER_FMT "\n", filled, job->entry->key);
}

static void
on_permalink (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Job *job = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *link = ds_slack_get_permalink_finish (DS_HTTP (source), result, &error);

  if (link == NULL)
    {
      job_finish (job, NULL, error);
      return;
    }
  set_issue_body (job, link);
  resolve_me_then (job, create_issue_checked);
}

static void
send_create_issue (Job *job)
{
  const char *body = arg (job, "body");
  g_autofree char *channel = NULL;
  g_autofree char *ts = NULL;

  if (arg (job, "repo") == NULL || arg (job, "title") == NULL)
    {
      fail_job (job, _("the queued issue is incomplete"));
      return;
    }
  if (body != NULL && strstr (body, "$permalink") != NULL && job->item != NULL &&
      ds_actions_split_slack_id (job->item, &channel, &ts))
    {
      ds_slack_get_permalink_async (job->self->http, channel, ts, job->self->cancellable,
                                    on_permalink, job);
      return;
    }
  set_issue_body (job, job->item != NULL && ds_item_get_url (job->item) != NULL
                       ? ds_item_get_url (job->item) : "");
  resolve_me_then (job, create_issue_checked);
}

/* ZenHub's REST API wants GitHub's repository ids. */
static gint64
repo_id (DsSender   *self,
         const char *repo)
{
  g_autofree char *key = g_ascii_strdown (repo, -1);
  gint64 *id = g_hash_table_lookup (self->repo_ids, key);

  return id != NULL ? *id : 0;
}

static void zenhub_next (Job *job);

static void
on_repo (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Job *job = user_data;
  g_autoptr(GError) error = NULL;
  DsGhRepo *repo = ds_github_get_repo_finish (DS_HTTP (source), result, &error);

  if (repo == NULL)
    {
      job_finish (job, NULL, error);
      return;
    }
  /* Keyed by the name it was asked by: GitHub may spell it differently. */
  g_hash_table_insert (job->self->repo_ids,
                       g_ascii_strdown (job->ids[0] == 0 ? job->repo : arg (job, "epic_repo"), -1),
                       g_memdup2 (&repo->id, sizeof repo->id));
  ds_gh_repo_free (repo);
  zenhub_next (job);
}

static void
on_added_to_epic (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  (void)ds_zenhub_add_to_epic_finish (DS_HTTP (source), result, &error);
  job_finish (user_data, NULL, error);
}

static void
zenhub_next (Job *job)
{
  job->ids[0] = repo_id (job->self, job->repo);
  job->ids[1] = repo_id (job->self, arg (job, "epic_repo"));
  if (job->ids[0] == 0)
    ds_github_get_repo_async (job->self->http, job->repo, job->self->cancellable, on_repo, job);
  else if (job->ids[1] == 0)
    ds_github_get_repo_async (job->self->http, arg (job, "epic_repo"), job->self->cancellable,
                              on_repo, job);
  else
    {
      JsonNode *graphql = json_object_get_member (job->args, "graphql");
      DsZenhubApi api = graphql != NULL && JSON_NODE_HOLDS_VALUE (graphql) &&
                        json_node_get_boolean (graphql) ? DS_ZENHUB_GRAPHQL : DS_ZENHUB_REST;

      ds_zenhub_add_to_epic_async (job->self->http, api, job->ids[0], job->number, job->ids[1],
                                   arg_int (job, "epic_number"), job->self->cancellable,
                                   on_added_to_epic, job);
    }
}

/* "https://github.example/OWNER/REPO/issues/N" → OWNER/REPO, N */
static gboolean
split_issue_url (const char  *url,
                 char       **repo,
                 gint64      *number)
{
  g_auto(GStrv) parts = NULL;
  guint n;
  char *end = NULL;

  if (url == NULL)
    return FALSE;
  parts = g_strsplit (url, "/", -1);
  n = g_strv_length (parts);
  if (n < 7 || !g_str_equal (parts[n - 2], "issues"))
    return FALSE;
  *number = g_ascii_strtoll (parts[n - 1], &end, 10);
  if (end == parts[n - 1] || *end != '\0' || *number <= 0)
    return FALSE;
  *repo = g_strdup_printf ("%s/%s", parts[n - 4], parts[n - 3]);
  return TRUE;
}

static void
send_zenhub (Job *job)
{
  if (job->item == NULL ||
      !split_issue_url (ds_item_get_issue_url (job->item), &job->repo, &job->number))
    {
      fail_job (job, _("the issue to add was not filed"));
      return;
    }
  if (arg (job, "epic_repo") == NULL || arg_int (job, "epic_number") <= 0)
    {
      fail_job (job, _("the queued epic is incomplete"));
      return;
    }
  zenhub_next (job);
}

/* A comment carries the entry's key in an HTML comment: after a crash the
 * issue's comments are read, and one with the key means it arrived. */
static void
post_comment (Job *job)
{
  job->free_answer = (GDestroyNotify)ds_gh_comment_free;
  ds_github_create_comment_async (job->self->http, job->repo, job->number, job->text,
                                  job->self->cancellable, on_fetched_nothing, job);
}

static void
on_comments (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Job *job = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) comments = ds_github_list_comments_finish (DS_HTTP (source), result,
                                                                  &error);
  g_autofree char *marker = g_strdup_printf (MARKER_FMT, job->entry->key);

  if (comments == NULL)
    {
      job_finish (job, NULL, error);
      return;
    }
  for (guint i = 0; i < comments->len; i++)
    {
      DsGhComment *c = g_ptr_array_index (comments, i);

      if (c->body != NULL && strstr (c->body, marker) != NULL)
        {
          job_finish (job, c->html_url, NULL);
          return;
        }
    }
  post_comment (job);
}

static void
send_comment (Job *job)
{
  const char *body = arg (job, "body");

  if (arg (job, "repo") != NULL)
    {
      job->repo = g_strdup (arg (job, "repo"));
      job->number = arg_int (job, "number");
    }
  else if (job->item == NULL ||
           !split_issue_url (ds_item_get_issue_url (job->item), &job->repo, &job->number))
    {
      fail_job (job, _("the issue to comment on was not filed"));
      return;
    }
  if (body == NULL || job->number <= 0)
    {
      fail_job (job, _("the queued comment is incomplete"));
      return;
    }
  job->text = g_strdup_printf ("%s\n\n" MARKER_FMT "\n", body, job->entry->key);
  if (job->check)
    ds_github_list_comments_async (job->self->http, job->repo, job->number,
                                   job->self->cancellable, on_comments, job);
  else
    post_comment (job);
}

static void
start_job (DsSender      *self,
           DsOutboxEntry *entry)
{
  Job *job = g_new0 (Job, 1);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  DsItem *item = entry->item_id != NULL ? ds_inbox_lookup (self->inbox, entry->item_id) : NULL;
  const char *op = entry->op;

  job->self = g_object_ref (self);
  job->entry = entry;
  job->item = item != NULL ? g_object_ref (item) : NULL;
  job->service = op_service (op);
  job->check = entry->state == DS_OUTBOX_SENDING;
  self->busy = TRUE;

  root = json_from_string (entry->args, NULL);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      job->args = json_object_new ();
      fail_job (job, _("the queued write is damaged"));
      return;
    }
  job->args = json_object_ref (json_node_get_object (root));

  /* ZenHub also needs GitHub, for the repositories' ids. */
  if (!ds_http_has_token (self->http, job->service) ||
      (job->service == DS_SERVICE_ZENHUB && !ds_http_has_token (self->http, DS_SERVICE_GITHUB)))
    {
      g_autofree char *message =
        g_strdup_printf (_("Dayshift has no %s token. Save one in Settings; the item was only "
                           "changed in Dayshift."),
                         ds_service_label (job->service == DS_SERVICE_ZENHUB &&
                                           ds_http_has_token (self->http, DS_SERVICE_ZENHUB)
                                           ? DS_SERVICE_GITHUB : job->service));
      fail_job (job, message);
      return;
    }

  /* From here on, a crash leaves it "sending": the next start checks first. */
  if (!ds_store_outbox_begin (self->store, entry, &error))
    {
      g_message ("%s", error->message);
      self->busy = FALSE;
      job->entry = NULL;
      job_free (job);
      return;
    }

  g_debug ("Sending %s for %s (attempt %d%s)", op, about (entry), entry->attempts,
           job->check ? ", checking first" : "");
  if (g_str_equal (op, "slack.react"))
    ds_slack_add_reaction_async (self->http, arg (job, "channel"), arg (job, "ts"),
                                 arg (job, "name"), self->cancellable, on_fetched_nothing, job);
  else if (g_str_equal (op, "slack.reply"))
    send_slack_reply (job);
  else if (g_str_equal (op, "pagerduty.acknowledge"))
    job->free_answer = (GDestroyNotify)ds_pd_incident_free,
    ds_pagerduty_acknowledge_async (self->http, arg (job, "incident"), self->cancellable,
                                    on_fetched_nothing, job);
  else if (g_str_equal (op, "pagerduty.reassign"))
    job->free_answer = (GDestroyNotify)ds_pd_incident_free,
    ds_pagerduty_reassign_async (self->http, arg (job, "incident"), arg (job, "user"),
                                 self->cancellable, on_fetched_nothing, job);
  else if (g_str_equal (op, "github.assign") || g_str_equal (op, "github.unassign") ||
           g_str_equal (op, "github.request-review"))
    resolve_me_then (job, assign);
  else if (g_str_equal (op, "github.comment"))
    send_comment (job);
  else if (g_str_equal (op, "github.create-issue"))
    send_create_issue (job);
  else if (g_str_equal (op, "zenhub.add-to-epic"))
    send_zenhub (job);
  else
    fail_job (job, _("Dayshift does not know this kind of write"));
}

static gboolean
on_timer (gpointer user_data)
{
  DsSender *self = user_data;

  self->timer = 0;
  run (self);
  return G_SOURCE_REMOVE;
}

static void
run (DsSender *self)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GHashTable) waiting = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 earliest = 0;

  if (self->busy || !self->online || self->http == NULL)
    return;
  g_clear_handle_id (&self->timer, g_source_remove);

  entries = ds_store_outbox_load (self->store, TRUE, &error);
  if (entries == NULL)
    {
      g_message ("%s", error->message);
      self->timer = g_timeout_add_seconds (BACKOFF_FIRST, on_timer, self);
      return;
    }

  waiting = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < entries->len; i++)
    {
      DsOutboxEntry *entry = g_ptr_array_index (entries, i);

      /* Later writes for an item wait for its earlier ones (writes about
       * no item, like a rotation's, wait for each other). */
      if (!g_hash_table_add (waiting, entry->item_id != NULL ? entry->item_id : ""))
        continue;
      if (entry->next_at > now)
        {
          earliest = earliest == 0 ? entry->next_at : MIN (earliest, entry->next_at);
          continue;
        }
      g_hash_table_remove_all (waiting);
      start_job (self, g_ptr_array_steal_index (entries, i));
      return;
    }

  if (earliest != 0)
    self->timer = g_timeout_add_seconds ((guint)MIN (earliest - now, BACKOFF_MAX), on_timer,
                                         self);
}

static void
ds_sender_dispose (GObject *object)
{
  DsSender *self = (DsSender *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->timer, g_source_remove);
  g_clear_handle_id (&self->idle, g_source_remove);
  g_clear_object (&self->http);
  g_clear_object (&self->store);
  g_clear_object (&self->inbox);

  G_OBJECT_CLASS (ds_sender_parent_class)->dispose (object);
}

static void
ds_sender_finalize (GObject *object)
{
  DsSender *self = (DsSender *)object;

  g_clear_object (&self->cancellable);
  g_free (self->github_me);
  g_free (self->slack_me);
  g_hash_table_unref (self->repo_ids);

  G_OBJECT_CLASS (ds_sender_parent_class)->finalize (object);
}

static void
ds_sender_class_init (DsSenderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ds_sender_dispose;
  object_class->finalize = ds_sender_finalize;

  /**
   * DsSender::sent:
   * @op: the operation
   * @item_id: the item it was about
   */
  signals[SIGNAL_SENT] =
    g_signal_new ("sent", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
  /**
   * DsSender::failed:
   * @item: (nullable): the item
   * @message: what failed, and why, for the user
   *
   * A write was refused for good and will not be tried again.
   */
  signals[SIGNAL_FAILED] =
    g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, DS_TYPE_ITEM, G_TYPE_STRING);
}

static void
ds_sender_init (DsSender *self)
{
  self->cancellable = g_cancellable_new ();
  self->online = TRUE;
  self->repo_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

DsSender *
ds_sender_new (DsStore *store,
               DsInbox *inbox)
{
  DsSender *self;

  g_return_val_if_fail (DS_IS_STORE (store), NULL);
  g_return_val_if_fail (DS_IS_INBOX (inbox), NULL);

  self = g_object_new (DS_TYPE_SENDER, NULL);
  self->store = g_object_ref (store);
  self->inbox = g_object_ref (inbox);
  return self;
}

/**
 * ds_sender_set_http:
 * @http: (nullable): the HTTP layer with the user's tokens; %NULL holds the
 *   outbox until there is one
 */
void
ds_sender_set_http (DsSender *self,
                    DsHttp   *http)
{
  g_return_if_fail (DS_IS_SENDER (self));

  if (self->http == http)
    return;
  /* A write in flight on the old one finishes or is cancelled with it; a
   * cancelled one is checked before it is sent again. */
  if (self->busy)
    {
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
      self->cancellable = g_cancellable_new ();
      self->busy = FALSE;
    }
  g_set_object (&self->http, http);
  g_clear_pointer (&self->github_me, g_free);
  g_clear_pointer (&self->slack_me, g_free);
  schedule_run (self);
}

void
ds_sender_set_online (DsSender *self,
                      gboolean  online)
{
  g_return_if_fail (DS_IS_SENDER (self));

  online = !!online;
  if (online && !self->online)
    {
      g_autoptr(GError) error = NULL;

      /* What waited for the network goes out now, not at its back-off time. */
      if (!ds_store_outbox_wake (self->store, &error))
        g_message ("%s", error->message);
    }
  self->online = online;
  if (self->online)
    schedule_run (self);
}

/**
 * ds_sender_kick:
 *
 * Something was queued: send it now if nothing else is going out.
 */
void
ds_sender_kick (DsSender *self)
{
  g_return_if_fail (DS_IS_SENDER (self));
  schedule_run (self);
}

guint
ds_sender_get_n_unfinished (DsSender *self)
{
  g_autoptr(GPtrArray) entries = NULL;

  g_return_val_if_fail (DS_IS_SENDER (self), 0);

  entries = ds_store_outbox_load (self->store, TRUE, NULL);
  return entries != NULL ? entries->len : 0;
}

gboolean
ds_sender_get_busy (DsSender *self)
{
  g_return_val_if_fail (DS_IS_SENDER (self), FALSE);
  return self->busy;
}

/**
 * ds_sender_retry_now:
 *
 * Sends what waits for a back-off now ("Check now").
 */
void
ds_sender_retry_now (DsSender *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (DS_IS_SENDER (self));

  if (!ds_store_outbox_wake (self->store, &error))
    g_message ("%s", error->message);
  schedule_run (self);
}
