/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-sender"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ds-error.h"
#include "ds-github.h"
#include "ds-zenhub.h"
#include "ds-sender-private.h"

/* ZenHub's write: the item's issue added to the epic, by the repositories'
 * GitHub ids (asked once each). */

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
      _ds_sender_job_finish (job, NULL, error);
      return;
    }
  /* Keyed by the name it was asked by: GitHub may spell it differently. */
  g_hash_table_insert (job->self->repo_ids,
                       g_ascii_strdown (job->ids[0] == 0 ? job->repo : _ds_sender_arg (job, "epic_repo"), -1),
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
  _ds_sender_job_finish (user_data, NULL, error);
}

static void
zenhub_next (Job *job)
{
  job->ids[0] = repo_id (job->self, job->repo);
  job->ids[1] = repo_id (job->self, _ds_sender_arg (job, "epic_repo"));
  if (job->ids[0] == 0)
    ds_github_get_repo_async (job->self->http, job->repo, job->self->cancellable, on_repo, job);
  else if (job->ids[1] == 0)
    ds_github_get_repo_async (job->self->http, _ds_sender_arg (job, "epic_repo"), job->self->cancellable,
                              on_repo, job);
  else
    {
      JsonNode *graphql = json_object_get_member (job->args, "graphql");
      DsZenhubApi api = graphql != NULL && JSON_NODE_HOLDS_VALUE (graphql) &&
                        json_node_get_boolean (graphql) ? DS_ZENHUB_GRAPHQL : DS_ZENHUB_REST;

      ds_zenhub_add_to_epic_async (job->self->http, api, job->ids[0], job->number, job->ids[1],
                                   _ds_sender_arg_int (job, "epic_number"), job->self->cancellable,
                                   on_added_to_epic, job);
    }
}

void
_ds_sender_zenhub_add_to_epic (Job *job)
{
  /* A pull request linked as it is, or the item's filed issue. */
  if (_ds_sender_arg (job, "repo") != NULL && _ds_sender_arg_int (job, "number") > 0)
    {
      job->repo = g_strdup (_ds_sender_arg (job, "repo"));
      job->number = _ds_sender_arg_int (job, "number");
    }
  else if (job->item == NULL ||
           !_ds_sender_split_issue_url (ds_item_get_issue_url (job->item), &job->repo, &job->number))
    {
      _ds_sender_fail_job (job, _("the issue to add was not filed"));
      return;
    }
  if (_ds_sender_arg (job, "epic_repo") == NULL || _ds_sender_arg_int (job, "epic_number") <= 0)
    {
      _ds_sender_fail_job (job, _("the queued epic is incomplete"));
      return;
    }
  zenhub_next (job);
}
