/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-sender"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ds-error.h"
#include "ds-slack.h"
#include "ds-sender-private.h"

/* Slack's writes: a thread reply, looked for in the thread first when an
 * earlier attempt may have arrived. (A reaction is the same when repeated:
 * ds-sender.c sends it.) */

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
  ds_slack_post_message_async (job->self->http, _ds_sender_arg (job, "channel"), job->text,
                               _ds_sender_arg (job, "thread_ts"), job->self->cancellable,
                               _ds_sender_on_fetched_nothing, job);
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
      _ds_sender_job_finish (job, NULL, error);
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
          _ds_sender_job_finish (job, NULL, NULL);
          return;
        }
    }
  post_reply (job);
}

static void
check_reply (Job *job)
{
  ds_slack_replies_async (job->self->http, _ds_sender_arg (job, "channel"), _ds_sender_arg (job, "thread_ts"),
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
      _ds_sender_job_finish (job, NULL, error);
      return;
    }
  g_free (job->self->slack_me);
  job->self->slack_me = g_strdup (auth->user_id);
  ds_slack_auth_free (auth);
  check_reply (job);
}

void
_ds_sender_slack_reply (Job *job)
{
  const char *text = _ds_sender_arg (job, "text");

  if (text == NULL || _ds_sender_arg (job, "channel") == NULL || _ds_sender_arg (job, "thread_ts") == NULL)
    {
      _ds_sender_fail_job (job, _("the queued reply is incomplete"));
      return;
    }
  if (strstr (text, "$issue_url") != NULL)
    {
      const char *url = job->item != NULL ? ds_item_get_issue_url (job->item) : NULL;
      g_auto(GStrv) parts = NULL;

      if (url == NULL)
        {
          _ds_sender_fail_job (job, _("the issue it links to was not filed"));
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
