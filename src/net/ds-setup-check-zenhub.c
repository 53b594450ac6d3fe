/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-setup-check"

#include "config.h"

#include "ds-error.h"
#include "ds-github.h"
#include "ds-setup-check-private.h"
#include "ds-zenhub.h"

/* ZenHub's checks: the token works and each super-epic can be reached,
 * through the API the profile names (REST or GraphQL). ZenHub has no "who
 * am I": the token is proved by ZenHub's first answer about an epic (the
 * epic, or ZenHub's own refusal: not found, forbidden, not an epic), and a
 * refused one is said once, on the token's row. An epic whose call got no
 * answer to go by (offline, a timeout, a 5xx, a rate limit, an answer that
 * could not be read) is not checked, and proves nothing of the token.
 * ZenHub knows a repository by its GitHub id, so each epic's repository is
 * first looked up on GitHub; without a GitHub token nothing here can be
 * asked. */

#define EPICS_PAGE "https://help.zenhub.com/support/solutions/articles/43000010341-an-introduction-to-zenhub-epics"

/* The checks of one run, shared by every answer awaited. */
typedef struct
{
  DsSetupCheck *self;
  DsCheckRow   *token;
  DsZenhubApi   api;
  GError       *unreached;     /* the first call that got no answer to go by */
} ZenhubCheck;

/* One super-epic's answers: GitHub's about its repository, then ZenHub's. */
typedef struct
{
  ZenhubCheck       *check;
  DsCheckRow        *row;
  const DsSuperEpic *epic;
} EpicAsk;

/* The last answer is in: a token row nothing could test says why. */
static void
zenhub_check_clear (ZenhubCheck *check)
{
  if (check->token->state == DS_CHECK_PENDING && check->unreached != NULL)
    _ds_setup_fail_unreached (check->self, check->token, DS_SERVICE_ZENHUB, check->unreached);
  else if (check->token->state == DS_CHECK_PENDING)
    _ds_setup_skip (check->self, check->token,
                    _("Not asked: no super-epic’s repository could be looked up on GitHub."));
  g_clear_error (&check->unreached);
}

static void
epic_ask_done (EpicAsk *ask)
{
  DsSetupCheck *self = ask->check->self;

  g_rc_box_release_full (ask->check, (GDestroyNotify)zenhub_check_clear);
  g_free (ask);
  _ds_setup_release (self);
}

static void
on_epic (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  EpicAsk *ask = user_data;
  ZenhubCheck *check = ask->check;
  const DsSuperEpic *epic = ask->epic;
  g_autoptr(GError) error = NULL;
  g_autofree char *where = g_strdup_printf ("%s#%" G_GINT64_FORMAT, epic->repo, epic->number);
  g_autofree char *detail = NULL, *fix = NULL;
  gboolean reached = ds_zenhub_get_epic_finish (DS_HTTP (source), result, &error);

  if (g_error_matches (error, DS_ERROR, DS_ERROR_AUTH))
    {
      if (check->token->state == DS_CHECK_PENDING)
        _ds_setup_fail_error (check->self, check->token, error,
                              check->api == DS_ZENHUB_GRAPHQL
                              ? _("The team profile uses ZenHub’s GraphQL API: make a Personal "
                                  "API Key in ZenHub (Dashboard → API) and save it in "
                                  "Settings → Team.")
                              : _("The team profile uses ZenHub’s REST API: make an API token "
                                  "in ZenHub (Dashboard → API Tokens) and save it in Settings "
                                  "→ Team."),
                              ds_service_info (DS_SERVICE_ZENHUB)->token_page);
      _ds_setup_skip (check->self, ask->row, _("Depends on the token, which was refused."));
      epic_ask_done (ask);
      return;
    }

  if (!reached && !_ds_setup_answered (error))
    {
      /* Translators: "ZenHub was not reached: <why, in sentences> Run the check again." */
      g_autofree char *why = g_strdup_printf (_("ZenHub was not reached: %s Run the check "
                                                "again."), error->message);

      _ds_setup_skip (check->self, ask->row, why);
      if (check->unreached == NULL)
        check->unreached = g_error_copy (error);
      epic_ask_done (ask);
      return;
    }

  /* ZenHub's own answer about the epic: it took the token. */
  if (check->token->state == DS_CHECK_PENDING)
    _ds_setup_pass (check->self, check->token,
                    check->api == DS_ZENHUB_GRAPHQL
                    ? _("ZenHub’s GraphQL API takes the token.")
                    : _("ZenHub’s REST API takes the token."));
  if (reached)
    {
      detail = g_strdup_printf (_("ZenHub has %s as an epic."), where);
      _ds_setup_pass (check->self, ask->row, detail);
    }
  else
    {
      detail = g_error_matches (error, DS_ERROR, DS_ERROR_NOT_FOUND)
        ? g_strdup_printf (_("ZenHub does not have %s as an epic, or cannot see %s."), where,
                           epic->repo)
        : g_strdup (error->message);
      /* Translators: "In ZenHub, open acme/ops#1 and convert it to an epic. If ZenHub
       * does not show it, add acme/ops to the team’s workspace (…)" */
      fix = g_strdup_printf (_("In ZenHub, open %s and convert it to an epic. If ZenHub does "
                               "not show it, add %s to the team’s workspace (the workspace’s "
                               "settings → Repositories); the token must belong to a member of "
                               "that workspace."), where, epic->repo);
      _ds_setup_fail (check->self, ask->row, detail, fix, EPICS_PAGE);
    }
  epic_ask_done (ask);
}

static void
on_epic_repo (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  EpicAsk *ask = user_data;
  ZenhubCheck *check = ask->check;
  g_autoptr(GError) error = NULL;
  g_autoptr(DsGhRepo) repo = ds_github_get_repo_finish (DS_HTTP (source), result, &error);
  g_autofree char *why = NULL;

  if (repo == NULL)
    {
      /* Translators: "Not asked: ZenHub knows acme/ops by its GitHub id, and GitHub
       * did not give it (…)." */
      why = g_strdup_printf (_("Not asked: ZenHub knows %s by its GitHub id, and GitHub did not "
                               "give it (%s)."), ask->epic->repo, error->message);
      _ds_setup_skip (check->self, ask->row, why);
      epic_ask_done (ask);
      return;
    }
  ds_zenhub_get_epic_async (DS_HTTP (source), check->api, repo->id, ask->epic->number,
                            _ds_setup_cancellable (check->self), on_epic, ask);
}

void
_ds_setup_check_zenhub (DsSetupCheck *self)
{
  DsTeamProfile *profile = _ds_setup_profile (self);
  ZenhubCheck *check = g_rc_box_new0 (ZenhubCheck);
  gboolean github = _ds_setup_has_token (self, DS_SERVICE_GITHUB, FALSE);
  const char *no_github = _("Not asked: ZenHub knows a repository by its GitHub id, which "
                            "takes the GitHub token.");

  check->self = self;
  check->api = profile->zenhub_graphql ? DS_ZENHUB_GRAPHQL : DS_ZENHUB_REST;
  check->token = _ds_setup_begin (self, DS_SERVICE_ZENHUB, _("ZenHub token"), "zenhub.token");
  for (guint i = 0; i < profile->super_epics->len; i++)
    {
      const DsSuperEpic *epic = g_ptr_array_index (profile->super_epics, i);
      g_autofree char *title = g_strdup_printf (_("Super-epic %s"), epic->name);
      DsCheckRow *row = _ds_setup_begin (self, DS_SERVICE_ZENHUB, title,
                                         "zenhub.epic.%s#%" G_GINT64_FORMAT, epic->repo,
                                         epic->number);
      EpicAsk *ask;

      if (!github)
        {
          _ds_setup_skip (self, row, no_github);
          continue;
        }
      ask = g_new0 (EpicAsk, 1);
      ask->check = g_rc_box_acquire (check);
      ask->row = row;
      ask->epic = epic;
      _ds_setup_hold (self);
      ds_github_get_repo_async (_ds_setup_http (self), epic->repo, _ds_setup_cancellable (self),
                                on_epic_repo, ask);
    }
  if (!github)
    _ds_setup_skip (self, check->token, no_github);
  g_rc_box_release_full (check, (GDestroyNotify)zenhub_check_clear);
}
