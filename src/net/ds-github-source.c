/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-github-source"

#include "config.h"

#include "ds-error.h"
#include "ds-github.h"
#include "ds-source.h"

/* GitHub: review requests to the team and to the user (kept apart by the
 * item's "mine"), access requests and postmortem action items in the team
 * repo, failed runs of the deploy workflows, and mentions. Every read is a
 * conditional request, so a poll where nothing changed costs no rate
 * limit. A poll is a list of steps, run one after the other.
 *
 * Each step stands alone: one listing that fails (an HTML page for JSON, a
 * 404, a refusal) is said, naming its endpoint, and the other listings of
 * the poll go on and their items arrive. What a failed listing would have
 * closed stays open, and its first look stays quiet until it is read. Only
 * what would fail every step alike (a rate limit, a rejected token) ends
 * the poll early, keeping what was read. */

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

/* What a poll's items are merged as: each group is one list of what is
 * open on GitHub for its kinds. */
typedef enum
{
  GROUP_REVIEWS,
  GROUP_ISSUES,   /* access and postmortem */
  GROUP_OTHER,    /* runs and mentions: never closed for being missing */
  N_GROUPS,
} Group;

/* Each step's group, and the kinds a complete listing of it lets close. */
static const struct
{
  Group  group;
  guint  kinds;
} steps[STEP_DONE] = {
  [STEP_USER] = { GROUP_REVIEWS, DS_KIND_BIT (DS_ITEM_KIND_REVIEW) },  /* mine need the login */
  [STEP_TEAM_REVIEWS] = { GROUP_REVIEWS, DS_KIND_BIT (DS_ITEM_KIND_REVIEW) },
  [STEP_MY_REVIEWS] = { GROUP_REVIEWS, DS_KIND_BIT (DS_ITEM_KIND_REVIEW) },
  [STEP_ACCESS] = { GROUP_ISSUES, DS_KIND_BIT (DS_ITEM_KIND_ACCESS) },
  [STEP_POSTMORTEM] = { GROUP_ISSUES, DS_KIND_BIT (DS_ITEM_KIND_POSTMORTEM) },
  [STEP_RUNS] = { GROUP_OTHER, 0 },
  [STEP_MENTIONS] = { GROUP_OTHER, 0 },
};

static const char * const group_names[N_GROUPS] = { "reviews", "issues", "other" };

typedef struct
{
  Step        step;
  guint       repo;             /* STEP_RUNS: index into the deploy repos */
  GPtrArray  *items[N_GROUPS];  /* DsItem */
  gboolean    quiet[N_GROUPS];  /* the group's first look */
  gboolean    failed[N_GROUPS]; /* a listing of the group was not read */
  guint       unread;           /* DS_KIND_BIT()s a failed listing leaves unknown */
  GError     *error;            /* what failed, each endpoint said */
} Poll;

static void
poll_free (Poll *p)
{
  for (guint g = 0; g < N_GROUPS; g++)
    g_ptr_array_unref (p->items[g]);
  g_clear_error (&p->error);
  g_free (p);
}

static void run_step (GTask *task);

/* On to the next deploy repo's runs, or the next step. */
static void
next_step (GTask *task)
{
  DsTeamProfile *profile = ds_source_get_profile (g_task_get_source_object (task));
  Poll *p = g_task_get_task_data (task);

  if (p->step != STEP_RUNS || profile->deploy_repos[++p->repo] == NULL)
    p->step++;
  run_step (task);
}

/* The step's listing failed: said (with any other that failed), and the
 * poll goes on without it, unless nothing else could be read either. */
static void
step_failed (GTask  *task,
             GError *error_in)
{
  g_autoptr(GError) error = error_in;
  Poll *p = g_task_get_task_data (task);
  /* The rest would be refused alike. */
  gboolean all_refused = g_error_matches (error, DS_ERROR, DS_ERROR_RATE_LIMITED) ||
                         g_error_matches (error, DS_ERROR, DS_ERROR_AUTH);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  g_debug ("%s", error->message);
  p->failed[steps[p->step].group] = TRUE;
  p->unread |= steps[p->step].kinds;
  if (p->error == NULL)
    p->error = g_steal_pointer (&error);
  else
    {
      g_autofree char *both = g_strconcat (p->error->message, "\n", error->message, NULL);

      g_free (p->error->message);
      p->error->message = g_steal_pointer (&both);
    }

  if (all_refused)
    {
      for (Step s = p->step + 1; s < STEP_DONE; s++)
        {
          p->failed[steps[s].group] = TRUE;
          p->unread |= steps[s].kinds;
        }
      p->step = STEP_DONE;
      run_step (task);
      return;
    }
  next_step (task);
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
      step_failed (task, error);
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
            add_review (p->items[GROUP_REVIEWS], item);
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
        g_ptr_array_add (p->items[steps[p->step].group], item);
    }

  /* GitHub says how often /notifications may be polled. */
  if (p->step == STEP_MENTIONS)
    ds_source_set_server_interval (DS_SOURCE (self), info.poll_interval);

  next_step (task);
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
      step_failed (task, error);
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
  GError *error = NULL;

  for (Group g = 0; g < N_GROUPS; g++)
    {
      /* Reviews, access requests and postmortem items are complete lists
       * of what is open: what is missing was merged or closed, unless its
       * listing could not be read. */
      g_autofree char *key = g_strconcat ("initialized.", group_names[g], NULL);
      guint closing = 0;
      DsIngestFlags flags;

      for (Step s = 0; s < STEP_DONE; s++)
        if (steps[s].group == g)
          closing |= steps[s].kinds & ~p->unread;
      flags = (p->quiet[g] ? DS_INGEST_QUIET : DS_INGEST_NONE) |
              (closing != 0 ? DS_INGEST_CLOSE_MISSING : DS_INGEST_NONE);

      if (!ds_ingest_merge (ingest, p->items[g], "github", closing, flags, &error))
        {
          g_task_return_error (task, error);
          g_object_unref (task);
          return;
        }
      if (!p->failed[g])
        ds_source_set_cursor (source, key, "1");
    }
  if (p->error != NULL)
    g_task_return_error (task, g_steal_pointer (&p->error));
  else
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
      if (self->login == NULL)
        break;
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
  /* Set by versions that kept one mark for every listing. */
  g_autofree char *all = ds_source_get_cursor (source, "initialized");

  g_task_set_source_tag (task, ds_github_source_poll_async);
  for (Group g = 0; g < N_GROUPS; g++)
    {
      g_autofree char *key = g_strconcat ("initialized.", group_names[g], NULL);
      g_autofree char *initialized = ds_source_get_cursor (source, key);

      p->items[g] = g_ptr_array_new_with_free_func (g_object_unref);
      p->quiet[g] = all == NULL && initialized == NULL;
    }
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
ds_github_source_token_changed (DsSource *source)
{
  g_clear_pointer (&DS_GITHUB_SOURCE (source)->login, g_free);
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
  DS_SOURCE_CLASS (klass)->token_changed = ds_github_source_token_changed;
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
