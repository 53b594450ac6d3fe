/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-sender"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ds-actions.h"
#include "ds-error.h"
#include "ds-github.h"
#include "ds-slack.h"
#include "ds-sender-private.h"

/* GitHub's writes: assignees and reviewers ("$me" is the token's user,
 * asked once), an issue (looked for by its marker first when an earlier
 * attempt may have arrived, with the Slack message's link in its body), a
 * comment (looked for likewise). */

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
      _ds_sender_job_finish (job, NULL, error);
      return;
    }
  g_free (job->self->github_me);
  job->self->github_me = g_strdup (user->login);
  ds_gh_user_free (user);
  _ds_sender_resolve_me_then (job, next);
}

void
_ds_sender_resolve_me_then (Job   *job,
                            void (*next) (Job *job))
{
  g_auto(GStrv) wanted = NULL;
  GStrvBuilder *b;

  if (json_object_has_member (job->args, "login"))
    {
      wanted = g_new0 (char *, 2);
      wanted[0] = g_strdup (_ds_sender_arg (job, "login"));
    }
  else
    wanted = _ds_sender_arg_strv (job, "assignees");

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

/* The issue a write is about: its own arguments, else the item's filed issue. */
static gboolean
target_issue (Job *job)
{
  if (_ds_sender_arg (job, "repo") != NULL)
    {
      g_free (job->repo);
      job->repo = g_strdup (_ds_sender_arg (job, "repo"));
      job->number = _ds_sender_arg_int (job, "number");
      return job->number > 0;
    }
  return job->item != NULL &&
         _ds_sender_split_issue_url (ds_item_get_issue_url (job->item), &job->repo, &job->number);
}

static void
assign (Job *job)
{
  if (job->logins[0] == NULL || !target_issue (job))
    {
      _ds_sender_fail_job (job, _("the queued assignment is incomplete"));
      return;
    }
  job->free_answer = job->write->kind == DS_WRITE_GITHUB_REQUEST_REVIEW
    ? NULL : (GDestroyNotify)ds_gh_issue_free;
  if (job->write->kind == DS_WRITE_GITHUB_UNASSIGN)
    ds_github_remove_assignees_async (job->self->http, job->repo, job->number,
                                      (const char * const *)job->logins,
                                      job->self->cancellable, _ds_sender_on_fetched_nothing, job);
  else if (job->write->kind == DS_WRITE_GITHUB_REQUEST_REVIEW)
    ds_github_request_reviewers_async (job->self->http, job->repo, job->number,
                                       (const char * const *)job->logins,
                                       job->self->cancellable, _ds_sender_on_fetched_nothing, job);
  else
    ds_github_add_assignees_async (job->self->http, job->repo, job->number,
                                   (const char * const *)job->logins, job->self->cancellable,
                                   _ds_sender_on_fetched_nothing, job);
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
      _ds_sender_job_finish (job, NULL, error);
      return;
    }
  url = g_strdup (issue->html_url);
  ds_gh_issue_free (issue);
  if (job->item != NULL)
    ds_item_set_issue_url (job->item, url);
  _ds_sender_job_finish (job, url, NULL);
}

static void
create_issue (Job *job)
{
  g_auto(GStrv) labels = _ds_sender_arg_strv (job, "labels");

  ds_github_create_issue_async (job->self->http, _ds_sender_arg (job, "repo"), _ds_sender_arg (job, "title"),
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
      _ds_sender_job_finish (job, NULL, error);
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
          _ds_sender_job_finish (job, issue->html_url, NULL);
          return;
        }
    }
  create_issue (job);
}

static void
create_issue_checked (Job *job)
{
  g_auto(GStrv) labels = _ds_sender_arg_strv (job, "labels");
  g_autofree char *joined = g_strjoinv (",", labels);

  if (!job->check)
    {
      create_issue (job);
      return;
    }
  ds_github_list_issues_async (job->self->http, _ds_sender_arg (job, "repo"),
                               *joined != '\0' ? joined : NULL, "all", job->self->cancellable,
                               on_issues_listed, job);
}

static void
set_issue_body (Job        *job,
                const char *permalink)
{
  const char *body = _ds_sender_arg (job, "body");
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
      _ds_sender_job_finish (job, NULL, error);
      return;
    }
  set_issue_body (job, link);
  _ds_sender_resolve_me_then (job, create_issue_checked);
}

void
_ds_sender_github_create_issue (Job *job)
{
  const char *body = _ds_sender_arg (job, "body");
  g_autofree char *channel = NULL;
  g_autofree char *ts = NULL;

  if (_ds_sender_arg (job, "repo") == NULL || _ds_sender_arg (job, "title") == NULL)
    {
      _ds_sender_fail_job (job, _("the queued issue is incomplete"));
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
  _ds_sender_resolve_me_then (job, create_issue_checked);
}

/* A comment carries the entry's key in an HTML comment: after a crash the
 * issue's comments are read, and one with the key means it arrived. */
static void
post_comment (Job *job)
{
  job->free_answer = (GDestroyNotify)ds_gh_comment_free;
  ds_github_create_comment_async (job->self->http, job->repo, job->number, job->text,
                                  job->self->cancellable, _ds_sender_on_fetched_nothing, job);
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
      _ds_sender_job_finish (job, NULL, error);
      return;
    }
  for (guint i = 0; i < comments->len; i++)
    {
      DsGhComment *c = g_ptr_array_index (comments, i);

      if (c->body != NULL && strstr (c->body, marker) != NULL)
        {
          _ds_sender_job_finish (job, c->html_url, NULL);
          return;
        }
    }
  post_comment (job);
}

void
_ds_sender_github_comment (Job *job)
{
  const char *body = _ds_sender_arg (job, "body");

  if (!target_issue (job) && _ds_sender_arg (job, "repo") == NULL)
    {
      _ds_sender_fail_job (job, _("the issue to comment on was not filed"));
      return;
    }
  if (body == NULL || job->number <= 0)
    {
      _ds_sender_fail_job (job, _("the queued comment is incomplete"));
      return;
    }
  job->text = g_strdup_printf ("%s\n\n" MARKER_FMT "\n", body, job->entry->key);
  if (job->check)
    ds_github_list_comments_async (job->self->http, job->repo, job->number,
                                   job->self->cancellable, on_comments, job);
  else
    post_comment (job);
}

/* "https://github.example/OWNER/REPO/issues/N" → OWNER/REPO, N */
gboolean
_ds_sender_split_issue_url (const char  *url,
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

/* Assign, unassign, request a review: "$me" resolved first. */
void
_ds_sender_github_assign (Job *job)
{
  _ds_sender_resolve_me_then (job, assign);
}
