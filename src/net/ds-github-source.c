/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-github-source"

#include "config.h"

#include "ds-github.h"
#include "ds-source.h"

/* GitHub: review requests to the team and to the user (kept apart by the
 * item's "mine"), access requests and postmortem action items in the team
 * repo, failed runs of the deploy workflows, and mentions. Every read is a
 * conditional request, so a poll where nothing changed costs no rate
 * limit. A poll is a list of steps, run one after the other. */

struct _DsGithubSource
{
  DsSource  parent_instance;

  char     *login;
};

G_DECLARE_FINAL_TYPE (DsGithubSource, ds_github_source, DS, GITHUB_SOURCE, DsSource)
G_DEFINE_FINAL_TYPE (DsGithubSource, ds_github_source, DS_TYPE_SOURCE)

typedef enum
{
  STEP_USER,
  STEP_TEAM_REVIEWS,
  STEP_MY_REVIEWS,
  STEP_ACCESS,
  STEP_POSTMORTEM,
  STEP_RUNS,
  STEP_MENTIONS,
  STEP_DONE,
} Step;

typedef struct
{
  Step        step;
  guint       repo;       /* STEP_RUNS: index into the deploy repos */
  GPtrArray  *reviews;    /* DsItem */
  GPtrArray  *issues;     /* DsItem: access and postmortem */
  GPtrArray  *other;      /* DsItem: runs and mentions */
  gboolean    quiet;
} Poll;

static void
poll_free (Poll *p)
{
  g_ptr_array_unref (p->reviews);
  g_ptr_array_unref (p->issues);
  g_ptr_array_unref (p->other);
  g_free (p);
}

static void run_step (GTask *task);

static void
return_error (GTask  *task,
              GError *error)
{
  g_task_return_error (task, error);
  g_object_unref (task);
}

/* Adds a review item, or marks the one already there as the user's own. */
static void
add_review (GPtrArray *reviews,
            DsItem    *item)
{
  for (guint i = 0; i < reviews->len; i++)
    {
      DsItem *known = g_ptr_array_index (reviews, i);

      if (g_str_equal (ds_item_get_id (known), ds_item_get_id (item)))
        {
          ds_item_set_mine (known, ds_item_get_mine (known) || ds_item_get_mine (item));
          g_object_unref (item);
          return;
        }
    }
  g_ptr_array_add (reviews, item);
}

static void
on_list (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  DsGithubSource *self = g_task_get_source_object (task);
  DsTeamProfile *profile = ds_source_get_profile (DS_SOURCE (self));
  Poll *p = g_task_get_task_data (task);
  DsIdentity me = { NULL, self->login, NULL };
  GError *error = NULL;
  DsHttpInfo info = { 0 };
  g_autoptr(GPtrArray) list = ds_http_fetch_pages_finish (DS_HTTP (source), result, &info, &error);

  if (list == NULL)
    {
      return_error (task, error);
      return;
    }

  for (guint i = 0; i < list->len; i++)
    {
      DsItem *item = NULL;

      switch (p->step)
        {
        case STEP_TEAM_REVIEWS:
        case STEP_MY_REVIEWS:
          item = ds_classify_github_issue (profile, &me, list->pdata[i], DS_ITEM_KIND_REVIEW,
                                           p->step == STEP_MY_REVIEWS);
          if (item != NULL)
            add_review (p->reviews, item);
          continue;
        case STEP_ACCESS:
          item = ds_classify_github_issue (profile, &me, list->pdata[i], DS_ITEM_KIND_ACCESS,
                                           FALSE);
          break;
        case STEP_POSTMORTEM:
          item = ds_classify_github_issue (profile, &me, list->pdata[i], DS_ITEM_KIND_POSTMORTEM,
                                           FALSE);
          break;
        case STEP_RUNS:
          item = ds_classify_github_run (profile, profile->deploy_repos[p->repo], list->pdata[i]);
          break;
        case STEP_MENTIONS:
          item = ds_classify_github_notification (profile, list->pdata[i]);
          break;
        case STEP_USER:
        case STEP_DONE:
        default:
          g_assert_not_reached ();
        }
      if (item != NULL)
        g_ptr_array_add (p->step == STEP_ACCESS || p->step == STEP_POSTMORTEM ? p->issues
                                                                                : p->other, item);
    }

  /* GitHub says how often /notifications may be polled. */
  if (p->step == STEP_MENTIONS)
    ds_source_set_server_interval (DS_SOURCE (self), info.poll_interval);

  if (p->step == STEP_RUNS && profile->deploy_repos[++p->repo] != NULL)
    {
      run_step (task);
      return;
    }
  p->step++;
  run_step (task);
}

static void
on_user (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  DsGithubSource *self = g_task_get_source_object (task);
  Poll *p = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(DsGhUser) user = ds_github_get_user_finish (DS_HTTP (source), result, &error);

  if (user == NULL)
    {
      return_error (task, error);
      return;
    }
  self->login = g_strdup (user->login);
  p->step++;
  run_step (task);
}

static void
merge_all (GTask *task)
{
  DsSource *source = g_task_get_source_object (task);
  DsIngest *ingest = ds_source_get_ingest (source);
  Poll *p = g_task_get_task_data (task);
  DsIngestFlags quiet = p->quiet ? DS_INGEST_QUIET : DS_INGEST_NONE;
  GError *error = NULL;

  /* Reviews, access requests and postmortem items are complete lists of
   * what is open: what is missing was merged or closed. */
  if (!ds_ingest_merge (ingest, p->reviews, "github", DS_KIND_BIT (DS_ITEM_KIND_REVIEW),
                        quiet | DS_INGEST_CLOSE_MISSING, &error) ||
      !ds_ingest_merge (ingest, p->issues, "github",
                        DS_KIND_BIT (DS_ITEM_KIND_ACCESS) | DS_KIND_BIT (DS_ITEM_KIND_POSTMORTEM),
                        quiet | DS_INGEST_CLOSE_MISSING, &error) ||
      !ds_ingest_merge (ingest, p->other, "github", 0, quiet, &error))
    {
      return_error (task, error);
      return;
    }
  ds_source_set_cursor (source, "initialized", "1");
  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

static void
run_step (GTask *task)
{
  DsGithubSource *self = g_task_get_source_object (task);
  DsSource *source = DS_SOURCE (self);
  DsTeamProfile *profile = ds_source_get_profile (source);
  DsHttp *http = ds_source_get_http (source);
  GCancellable *cancellable = g_task_get_cancellable (task);
  Poll *p = g_task_get_task_data (task);
  g_autofree char *query = NULL;

  switch (p->step)
    {
    case STEP_USER:
      if (self->login != NULL)
        break;
      ds_github_get_user_async (http, cancellable, on_user, task);
      return;
    case STEP_TEAM_REVIEWS:
      if (profile->github_team == NULL)
        break;
      query = g_strdup_printf ("is:open is:pr team-review-requested:%s/%s", profile->github_org,
                               profile->github_team);
      ds_github_search_issues_async (http, query, cancellable, on_list, task);
      return;
    case STEP_MY_REVIEWS:
      query = g_strdup_printf ("is:open is:pr review-requested:%s", self->login);
      ds_github_search_issues_async (http, query, cancellable, on_list, task);
      return;
    case STEP_ACCESS:
      ds_github_list_issues_async (http, profile->team_repo, profile->access_label, "open",
                                   cancellable, on_list, task);
      return;
    case STEP_POSTMORTEM:
      ds_github_list_issues_async (http, profile->team_repo, profile->postmortem_label, "open",
                                   cancellable, on_list, task);
      return;
    case STEP_RUNS:
      if (profile->deploy_repos[p->repo] == NULL)
        break;
      ds_github_list_failed_runs_async (http, profile->deploy_repos[p->repo], cancellable,
                                        on_list, task);
      return;
    case STEP_MENTIONS:
      ds_github_list_notifications_async (http, TRUE, cancellable, on_list, task);
      return;
    case STEP_DONE:
    default:
      merge_all (task);
      return;
    }

  /* Nothing to ask at this step. */
  p->step++;
  run_step (task);
}

static void
ds_github_source_poll_async (DsSource            *source,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task = g_task_new (source, cancellable, callback, user_data);
  Poll *p = g_new0 (Poll, 1);
  g_autofree char *initialized = ds_source_get_cursor (source, "initialized");

  g_task_set_source_tag (task, ds_github_source_poll_async);
  p->reviews = g_ptr_array_new_with_free_func (g_object_unref);
  p->issues = g_ptr_array_new_with_free_func (g_object_unref);
  p->other = g_ptr_array_new_with_free_func (g_object_unref);
  p->quiet = initialized == NULL;
  g_task_set_task_data (task, p, (GDestroyNotify)poll_free);
  run_step (task);
}

static gboolean
ds_github_source_poll_finish (DsSource      *source,
                              GAsyncResult  *result,
                              GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
ds_github_source_finalize (GObject *object)
{
  g_free (DS_GITHUB_SOURCE (object)->login);
  G_OBJECT_CLASS (ds_github_source_parent_class)->finalize (object);
}

static void
ds_github_source_class_init (DsGithubSourceClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ds_github_source_finalize;
  DS_SOURCE_CLASS (klass)->poll_async = ds_github_source_poll_async;
  DS_SOURCE_CLASS (klass)->poll_finish = ds_github_source_poll_finish;
}

static void
ds_github_source_init (DsGithubSource *self)
{
}

DsSource *
ds_github_source_new (DsHttp        *http,
                      DsTeamProfile *profile,
                      DsIngest      *ingest,
                      DsStore       *store)
{
  /* A 304 costs no rate limit: make every GitHub read conditional. */
  ds_http_set_conditional (http, DS_SERVICE_GITHUB, TRUE);
  return g_object_new (ds_github_source_get_type (),
                       "name", "github", "service", DS_SERVICE_GITHUB, "http", http,
                       "profile", profile, "ingest", ingest, "store", store, NULL);
}
