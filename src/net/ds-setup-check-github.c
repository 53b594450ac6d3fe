/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-setup-check"

#include "config.h"

#include <string.h>

#include "ds-error.h"
#include "ds-github.h"
#include "ds-setup-check-private.h"

/* GitHub's checks: whose token it is, its kind and scopes; then, once
 * GitHub said whose it is, what the profile names: the team and the user's
 * membership of it, the team repository and what the user may do there,
 * each deploy repository's Actions runs, the super-epics, and the
 * teammates' logins. Every row is begun at once, so that all are seen
 * pending; a token GitHub refused skips the rows after it. Nothing is
 * written: what the token may do is read from what GitHub answers. */

#define SCOPES_PAGE "https://docs.github.com/en/apps/oauth-apps/building-oauth-apps/scopes-for-oauth-apps"
#define FINE_GRAINED_PAGE "https://docs.github.com/en/rest/activity/notifications"
#define TOKENS_PAGE "https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/managing-your-personal-access-tokens"
#define TEAM_MEMBERS_PAGE "https://docs.github.com/en/organizations/organizing-members-into-teams/adding-organization-members-to-a-team"
#define ROLES_PAGE "https://docs.github.com/en/organizations/managing-user-access-to-your-organizations-repositories/managing-repository-roles/repository-roles-for-an-organization"
#define ISSUES_OFF_PAGE "https://docs.github.com/en/repositories/managing-your-repositorys-settings-and-features/enabling-features-for-your-repository/disabling-issues"
#define USERNAME_PAGE "https://docs.github.com/en/account-and-profile/setting-up-and-managing-your-personal-account-on-github/managing-personal-account-settings/changing-your-github-username"

/* The roles Dayshift's writes need (issues, labels, assignees, comments):
 * Triage or higher. */
#define WRITES (DS_GH_PERMISSION_TRIAGE | DS_GH_PERMISSION_PUSH | DS_GH_PERMISSION_MAINTAIN | \
                DS_GH_PERMISSION_ADMIN)

/* GitHub's names of its repository roles, as its pages show them (not
 * translated: GitHub's pages are not), the highest first. */
static const struct
{
  DsGhPermissions  permission;
  const char      *role;
} roles[] = {
  { DS_GH_PERMISSION_ADMIN, "Admin" },
  { DS_GH_PERMISSION_MAINTAIN, "Maintain" },
  { DS_GH_PERMISSION_PUSH, "Write" },
  { DS_GH_PERMISSION_TRIAGE, "Triage" },
  { DS_GH_PERMISSION_PULL, "Read" },
};

/* The checks of one run, shared by every answer awaited. */
typedef struct
{
  DsSetupCheck *self;
  DsCheckRow   *token;
  DsCheckRow   *kind;
  DsCheckRow   *scopes;
  DsCheckRow   *team;          /* NULL when the profile names no team */
  DsCheckRow   *membership;
  DsCheckRow   *repo;
  GPtrArray    *actions;       /* DsCheckRow, a deploy repository each */
  GPtrArray    *epics;         /* DsCheckRow, a super-epic each */
  DsCheckRow   *teammates;     /* NULL when no teammate names a login */
  GPtrArray    *logins;        /* the DsTeammates that name one */
  GError      **login_errors;  /* each one's answer: NULL when the user exists */
  guint         logins_left;
  gboolean      classic;       /* a classic token: the fixes name its scopes */
  char         *login;         /* the token's user */
} GithubCheck;

/* One answer awaited: it holds the run and the checks. */
typedef struct
{
  GithubCheck   *check;
  DsCheckRow    *row;
  gconstpointer  what;         /* the repository, DsSuperEpic or DsTeammate asked about */
  guint          index;
} Ask;

static void
github_check_clear (GithubCheck *check)
{
  g_clear_pointer (&check->actions, g_ptr_array_unref);
  g_clear_pointer (&check->epics, g_ptr_array_unref);
  for (guint i = 0; check->logins != NULL && i < check->logins->len; i++)
    g_clear_error (&check->login_errors[i]);
  g_clear_pointer (&check->login_errors, g_free);
  g_clear_pointer (&check->logins, g_ptr_array_unref);
  g_clear_pointer (&check->login, g_free);
}

static Ask *
ask_new (GithubCheck   *check,
         DsCheckRow    *row,
         gconstpointer  what)
{
  Ask *ask = g_new0 (Ask, 1);

  ask->check = g_rc_box_acquire (check);
  ask->row = row;
  ask->what = what;
  _ds_setup_hold (check->self);
  return ask;
}

/* The answer is in: the run may end (and the check object go) after this. */
static void
ask_done (Ask *ask)
{
  DsSetupCheck *self = ask->check->self;

  g_rc_box_release_full (ask->check, (GDestroyNotify)github_check_clear);
  g_free (ask);
  _ds_setup_release (self);
}

/* Where a token is given what the fix asks: its scopes, or a fine-grained
 * token's permissions. */
static const char *
access_page (GithubCheck *check)
{
  return check->classic ? SCOPES_PAGE : TOKENS_PAGE;
}

/* Whether the profile names the team's GitHub OAuth app: a token then also
 * comes from Sign in with GitHub, which the fixes offer. */
static gboolean
signs_in (GithubCheck *check)
{
  return _ds_setup_profile (check->self)->github_oauth_client_id != NULL;
}

/* A scope that another grants too, as GitHub's pages say: its
 * notifications endpoints take "notifications or repo". */
static const struct
{
  const char *scope;
  const char *within;
} nested[] = {
  { "notifications", "repo" },
};

/* Whether the scopes granted give @scope. GitHub's scopes nest: "admin:org"
 * and "write:org" include "read:org", and the table above. */
static gboolean
grants (char       **granted,
        const char  *scope)
{
  g_autofree char *write = NULL, *admin = NULL;

  if (g_strv_contains ((const char * const *)granted, scope))
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (nested); i++)
    if (g_str_equal (nested[i].scope, scope) &&
        g_strv_contains ((const char * const *)granted, nested[i].within))
      return TRUE;
  if (!g_str_has_prefix (scope, "read:"))
    return FALSE;
  write = g_strconcat ("write:", scope + 5, NULL);
  admin = g_strconcat ("admin:", scope + 5, NULL);
  return g_strv_contains ((const char * const *)granted, write) ||
         g_strv_contains ((const char * const *)granted, admin);
}

static void
check_scopes (GithubCheck      *check,
              const DsHttpInfo *info)
{
  DsSetupCheck *self = check->self;
  DsCheckRow *row = check->scopes;
  const char * const *needed = ds_service_info (DS_SERVICE_GITHUB)->scopes;
  g_auto(GStrv) granted = g_strsplit (info->scopes, ",", -1);
  g_autoptr(GPtrArray) missing = g_ptr_array_new ();

  for (guint i = 0; granted[i] != NULL; i++)
    g_strstrip (granted[i]);
  for (guint i = 0; needed[i] != NULL; i++)
    if (!grants (granted, needed[i]))
      g_ptr_array_add (missing, (gpointer)needed[i]);
  g_ptr_array_add (missing, NULL);

  if (missing->len == 1)
    {
      g_autofree char *all = g_strjoinv (", ", (char **)needed);
      g_autofree char *detail = g_strdup_printf (_("It has %s."), all);

      _ds_setup_pass (self, row, detail);
    }
  else
    {
      g_autofree char *list = g_strjoinv (", ", (char **)missing->pdata);
      g_autofree char *all = g_strjoinv (", ", (char **)needed);
      g_autofree char *detail = *info->scopes != '\0'
        ? g_strdup_printf (_("It lacks %s (it has: %s)."), list, info->scopes)
        : g_strdup_printf (_("It lacks %s (it has no scope)."), list);
      /* A token from signing in is no classic token to edit. */
      g_autofree char *fix = signs_in (check)
        ? g_strdup_printf (_("Make a classic token with the scopes %s and save it in Settings → "
                             "Team, or sign in with GitHub again there."), all)
        : g_strdup_printf (_("On GitHub, Settings → Developer settings → Personal access "
                             "tokens (classic): edit the token, tick %s, and save."), list);

      _ds_setup_fail (self, row, detail, fix, SCOPES_PAGE);
    }
}

/* -- the team and the membership ------------------------------------------ */

static void
on_membership (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Ask *ask = user_data;
  GithubCheck *check = ask->check;
  DsTeamProfile *profile = _ds_setup_profile (check->self);
  const char *org = profile->github_org, *team = profile->github_team;
  g_autoptr(GError) error = NULL;
  g_autoptr(DsGhMembership) membership =
    ds_github_get_team_membership_finish (DS_HTTP (source), result, &error);
  g_autofree char *detail = NULL, *fix = NULL;

  if (membership == NULL && !g_error_matches (error, DS_ERROR, DS_ERROR_NOT_FOUND))
    _ds_setup_fail_error (check->self, ask->row, error,
                          _("Try the check again; if it fails the same way, ask an owner of "
                            "the organization whether you are in the team."),
                          TEAM_MEMBERS_PAGE);
  else if (membership == NULL)
    {
      detail = g_strdup_printf (_("%s is not a member of the team %s/%s."), check->login, org,
                                team);
      /* Translators: "Ask an owner of the acme organization or a maintainer of
       * the team devops to add octocat to the team (…)" */
      fix = g_strdup_printf (_("Ask an owner of the %s organization or a maintainer of the team "
                               "%s to add %s to the team (on GitHub: the team’s page → "
                               "Members → Add a member)."), org, team, check->login);
      _ds_setup_fail (check->self, ask->row, detail, fix, TEAM_MEMBERS_PAGE);
    }
  else if (membership->pending)
    {
      g_autofree char *path = g_strdup_printf ("/orgs/%s/invitation", org);
      g_autofree char *page = _ds_setup_github_page (check->self, path);

      detail = g_strdup_printf (_("%s was invited to the team %s/%s and has not accepted yet."),
                                check->login, org, team);
      fix = g_strdup_printf (_("Accept the invitation: GitHub sent it by email, and shows it at "
                               "%s."), page);
      _ds_setup_fail (check->self, ask->row, detail, fix, TEAM_MEMBERS_PAGE);
    }
  else
    {
      detail = g_strcmp0 (membership->role, "maintainer") == 0
        ? g_strdup_printf (_("%s is a maintainer of the team %s/%s."), check->login, org, team)
        : g_strdup_printf (_("%s is a member of the team %s/%s."), check->login, org, team);
      _ds_setup_pass (check->self, ask->row, detail);
    }
  ask_done (ask);
}

static void
on_team (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Ask *ask = user_data;
  GithubCheck *check = ask->check;
  DsTeamProfile *profile = _ds_setup_profile (check->self);
  const char *org = profile->github_org, *team = profile->github_team;
  g_autoptr(GError) error = NULL;
  g_autoptr(DsGhTeam) found = ds_github_get_team_finish (DS_HTTP (source), result, &error);
  g_autofree char *detail = NULL, *fix = NULL;

  if (found == NULL)
    {
      g_autofree char *path = g_strdup_printf ("/orgs/%s/teams/NAME", org);
      g_autofree char *page = _ds_setup_github_page (check->self, path);

      detail = g_error_matches (error, DS_ERROR, DS_ERROR_NOT_FOUND)
        ? g_strdup_printf (_("The team %s/%s does not exist, or the token cannot see it."), org,
                           team)
        : g_strdup (error->message);
      fix = check->classic
        /* Translators: the %s is the team's page: https://github.com/orgs/acme/teams/NAME */
        ? g_strdup_printf (_("Check github.team in the team profile: it is the team’s short "
                             "name, as in %s. The token needs the read:org scope to see the "
                             "team."), page)
        /* Translators: "…, as in https://github.com/orgs/acme/teams/NAME. The token needs
         * acme as its resource owner …" */
        : g_strdup_printf (_("Check github.team in the team profile: it is the team’s short "
                             "name, as in %s. The token needs %s as its resource owner and "
                             "Organization permissions → Members: Read-only."), page, org);
      _ds_setup_fail (check->self, ask->row, detail, fix, access_page (check));
      _ds_setup_skip (check->self, check->membership, _("Not asked: the team was not found."));
    }
  else
    {
      detail = found->name != NULL && g_strcmp0 (found->name, found->slug) != 0
        ? g_strdup_printf (_("The team %s/%s (“%s”) exists."), org, found->slug, found->name)
        : g_strdup_printf (_("The team %s/%s exists."), org, found->slug);
      _ds_setup_pass (check->self, ask->row, detail);
      ds_github_get_team_membership_async (_ds_setup_http (check->self), org, team, check->login,
                                           _ds_setup_cancellable (check->self), on_membership,
                                           ask_new (check, check->membership, NULL));
    }
  ask_done (ask);
}

/* -- the team repository --------------------------------------------------- */

static const char *
role_of (DsGhPermissions permissions)
{
  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    if (permissions & roles[i].permission)
      return roles[i].role;
  return NULL;
}

static void
on_repo (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Ask *ask = user_data;
  GithubCheck *check = ask->check;
  DsTeamProfile *profile = _ds_setup_profile (check->self);
  const char *name = ask->what;
  g_autoptr(GError) error = NULL;
  g_autoptr(DsGhRepo) repo = ds_github_get_repo_finish (DS_HTTP (source), result, &error);
  g_autofree char *detail = NULL, *fix = NULL;

  if (repo == NULL)
    {
      detail = g_error_matches (error, DS_ERROR, DS_ERROR_NOT_FOUND)
        ? g_strdup_printf (_("%s does not exist, or the token cannot see it."), name)
        : g_strdup (error->message);
      fix = check->classic
        ? g_strdup (_("Check github.repo in the team profile. To see a private repository, a "
                      "classic token needs the repo scope."))
        : g_strdup_printf (_("Check github.repo in the team profile, and that the token’s "
                             "Repository access includes %s."), name);
      _ds_setup_fail (check->self, ask->row, detail, fix, access_page (check));
    }
  else if (!repo->has_issues)
    {
      detail = g_strdup_printf (_("Issues are turned off in %s, so Dayshift cannot file them "
                                  "there."), name);
      fix = g_strdup_printf (_("Ask an admin of %s to turn them on: the repository’s Settings → "
                               "General → Features → Issues."), name);
      _ds_setup_fail (check->self, ask->row, detail, fix, ISSUES_OFF_PAGE);
    }
  else if (!repo->has_permissions || !(repo->permissions & WRITES))
    {
      const char *role = role_of (repo->permissions);

      if (!repo->has_permissions)
        detail = g_strdup_printf (_("GitHub did not say what you may do in %s."), name);
      else if (role == NULL)
        detail = g_strdup_printf (_("You have no role in %s. Dayshift files issues there, labels "
                                    "and assigns them, and comments on them, which takes the "
                                    "Triage role or higher."), name);
      else
        /* Translators: the second %s is GitHub's name of a role, "Read" */
        detail = g_strdup_printf (_("Your role in %s is %s. Dayshift files issues there, labels "
                                    "and assigns them, and comments on them, which takes the "
                                    "Triage role or higher."), name, role);
      fix = profile->github_team != NULL
        ? g_strdup_printf (_("Ask an admin of %s to give you, or the team %s, the Triage role "
                             "or higher (on GitHub: the repository’s Settings → Collaborators "
                             "and teams)."), name, profile->github_team)
        : g_strdup_printf (_("Ask an admin of %s to give you the Triage role or higher (on "
                             "GitHub: the repository’s Settings → Collaborators and teams)."),
                           name);
      _ds_setup_fail (check->self, ask->row, detail, fix, ROLES_PAGE);
    }
  else
    {
      /* Translators: the second %s is GitHub's name of a role, "Write" */
      detail = g_strdup_printf (_("Your role in %s is %s: Dayshift can file issues there, label "
                                  "and assign them, and comment on them."), name,
                                role_of (repo->permissions));
      _ds_setup_pass (check->self, ask->row, detail);
    }
  ask_done (ask);
}

/* -- the deploy repositories' runs ----------------------------------------- */

static void
on_runs (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Ask *ask = user_data;
  GithubCheck *check = ask->check;
  const char *name = ask->what;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) runs = ds_github_list_runs_finish (DS_HTTP (source), result, &error);
  g_autofree char *detail = NULL, *fix = NULL;

  if (runs == NULL)
    {
      if (g_error_matches (error, DS_ERROR, DS_ERROR_NOT_FOUND))
        detail = g_strdup_printf (_("%s does not exist, or the token cannot see it."), name);
      else if (g_error_matches (error, DS_ERROR, DS_ERROR_FORBIDDEN))
        detail = g_strdup_printf (_("GitHub refused to show the Actions runs of %s."), name);
      else
        detail = g_strdup (error->message);
      fix = check->classic
        ? g_strdup (_("Check github.deploys.repos in the team profile. To read the runs of a "
                      "private repository, a classic token needs the repo scope."))
        : g_strdup_printf (_("Check github.deploys.repos in the team profile, and give the "
                             "token Repository access to %s and Repository permissions → "
                             "Actions: Read-only."), name);
      _ds_setup_fail (check->self, ask->row, detail, fix, access_page (check));
    }
  else
    {
      DsGhRun *latest = runs->len > 0 ? g_ptr_array_index (runs, 0) : NULL;

      if (latest == NULL)
        detail = g_strdup (_("Its runs can be read; there are none yet."));
      else
        detail = g_strdup_printf (_("Its runs can be read; the latest is “%s”."),
                                  latest->display_title != NULL ? latest->display_title
                                  : latest->name != NULL ? latest->name : "?");
      _ds_setup_pass (check->self, ask->row, detail);
    }
  ask_done (ask);
}

/* -- the super-epics ------------------------------------------------------- */

static void
on_epic (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Ask *ask = user_data;
  GithubCheck *check = ask->check;
  const DsSuperEpic *epic = ask->what;
  g_autoptr(GError) error = NULL;
  g_autoptr(DsGhIssue) issue = ds_github_get_issue_finish (DS_HTTP (source), result, &error);
  g_autofree char *where = g_strdup_printf ("%s#%" G_GINT64_FORMAT, epic->repo, epic->number);
  g_autofree char *detail = NULL, *fix = NULL;

  if (issue == NULL)
    {
      detail = g_error_matches (error, DS_ERROR, DS_ERROR_NOT_FOUND)
        ? g_strdup_printf (_("%s does not exist, or the token cannot see it."), where)
        : g_strdup (error->message);
      /* Translators: "…: “Incident Response” should name its issue as owner/repo#number." */
      fix = g_strdup_printf (_("Check super_epics in the team profile: “%s” should name its "
                               "issue as owner/repo#number, in a repository the token can "
                               "see."), epic->name);
      _ds_setup_fail (check->self, ask->row, detail, fix, access_page (check));
    }
  else if (issue->is_pull_request)
    {
      detail = g_strdup_printf (_("%s is a pull request, not an issue."), where);
      fix = g_strdup_printf (_("Name the issue of the epic “%s” in super_epics in the team "
                               "profile."), epic->name);
      _ds_setup_fail (check->self, ask->row, detail, fix, NULL);
    }
  else if (g_strcmp0 (issue->state, "closed") == 0)
    {
      detail = g_strdup_printf (_("%s is closed: “%s”."), where, issue->title);
      fix = g_strdup_printf (_("Reopen %s on GitHub, or name the epic’s open issue in "
                               "super_epics in the team profile."), where);
      _ds_setup_fail (check->self, ask->row, detail, fix, NULL);
    }
  else
    {
      detail = g_strdup_printf (_("%s is open: “%s”."), where, issue->title);
      _ds_setup_pass (check->self, ask->row, detail);
    }
  ask_done (ask);
}

/* -- the teammates' logins ------------------------------------------------- */

/* Every login answered: one row says them all, in the profile's order. */
static void
say_logins (GithubCheck *check)
{
  g_autoptr(GPtrArray) unknown = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) detail = g_string_new (NULL);
  const GError *other = NULL;
  const DsTeammate *unasked = NULL;

  for (guint i = 0; i < check->logins->len; i++)
    {
      const DsTeammate *mate = g_ptr_array_index (check->logins, i);
      const GError *error = check->login_errors[i];

      if (g_error_matches (error, DS_ERROR, DS_ERROR_NOT_FOUND))
        g_ptr_array_add (unknown, g_strdup_printf ("%s (%s)", mate->github, mate->name));
      else if (error != NULL && other == NULL)
        {
          other = error;
          unasked = mate;
        }
    }

  if (unknown->len == 0 && other == NULL)
    {
      g_string_printf (detail, g_dngettext (GETTEXT_PACKAGE, "%u GitHub login exists.",
                                            "All %u GitHub logins exist.", check->logins->len),
                       check->logins->len);
      _ds_setup_pass (check->self, check->teammates, detail->str);
      return;
    }
  if (unknown->len > 0)
    {
      g_autofree char *list = NULL;

      g_ptr_array_add (unknown, NULL);
      list = g_strjoinv (", ", (char **)unknown->pdata);
      /* Translators: "bogdan-i (Bogdan Ilić) is not a GitHub user." */
      g_string_printf (detail, g_dngettext (GETTEXT_PACKAGE, "%s is not a GitHub user.",
                                            "%s are not GitHub users.", unknown->len - 1),
                       list);
    }
  if (other != NULL)
    {
      if (detail->len > 0)
        g_string_append_c (detail, ' ');
      /* Translators: "alicen could not be checked: GitHub did not answer …" */
      g_string_append_printf (detail, _("%s could not be checked: %s"), unasked->github,
                              other->message);
    }
  _ds_setup_fail (check->self, check->teammates, detail->str,
                  _("Correct the teammate’s “github” login in the teammates of the team "
                    "profile. Someone who renamed their GitHub account is found by the new "
                    "login only."), USERNAME_PAGE);
}

static void
on_login (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  Ask *ask = user_data;
  GithubCheck *check = ask->check;
  GError *error = NULL;
  DsGhUser *user = ds_github_get_user_by_login_finish (DS_HTTP (source), result, &error);

  /* Only whether the login exists matters. */
  g_clear_pointer (&user, ds_gh_user_free);
  check->login_errors[ask->index] = error;
  if (--check->logins_left == 0)
    say_logins (check);
  ask_done (ask);
}

/* -- whose token: then the rest -------------------------------------------- */

/* The token is the user's: ask what the profile names. */
static void
ask_profile (GithubCheck *check)
{
  DsSetupCheck *self = check->self;
  DsTeamProfile *profile = _ds_setup_profile (self);
  DsHttp *http = _ds_setup_http (self);
  GCancellable *cancellable = _ds_setup_cancellable (self);

  if (check->team != NULL)
    ds_github_get_team_async (http, profile->github_org, profile->github_team, cancellable,
                              on_team, ask_new (check, check->team, NULL));
  ds_github_get_repo_async (http, profile->team_repo, cancellable, on_repo,
                            ask_new (check, check->repo, profile->team_repo));
  for (guint i = 0; i < check->actions->len; i++)
    ds_github_list_runs_async (http, profile->deploy_repos[i], 1, cancellable, on_runs,
                               ask_new (check, g_ptr_array_index (check->actions, i),
                                        profile->deploy_repos[i]));
  for (guint i = 0; i < check->epics->len; i++)
    {
      const DsSuperEpic *epic = g_ptr_array_index (profile->super_epics, i);

      ds_github_get_issue_async (http, epic->repo, epic->number, cancellable, on_epic,
                                 ask_new (check, g_ptr_array_index (check->epics, i), epic));
    }
  check->logins_left = check->logins->len;
  for (guint i = 0; i < check->logins->len; i++)
    {
      const DsTeammate *mate = g_ptr_array_index (check->logins, i);
      Ask *ask = ask_new (check, check->teammates, mate);

      ask->index = i;
      ds_github_get_user_by_login_async (http, mate->github, cancellable, on_login, ask);
    }
}

/* The token was refused, or GitHub not reached: nothing after it can be
 * asked. */
static void
skip_profile (GithubCheck *check,
              const char  *why)
{
  DsCheckRow *single[] = { check->kind, check->scopes, check->team, check->membership,
                           check->repo, check->teammates };

  for (guint i = 0; i < G_N_ELEMENTS (single); i++)
    if (single[i] != NULL)
      _ds_setup_skip (check->self, single[i], why);
  for (guint i = 0; i < check->actions->len; i++)
    _ds_setup_skip (check->self, g_ptr_array_index (check->actions, i), why);
  for (guint i = 0; i < check->epics->len; i++)
    _ds_setup_skip (check->self, g_ptr_array_index (check->epics, i), why);
}

static void
on_user (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Ask *ask = user_data;
  GithubCheck *check = ask->check;
  DsSetupCheck *self = check->self;
  g_autoptr(GError) error = NULL;
  DsHttpInfo info = { 0 };
  /* ds_github_get_user_finish() without the answer's headers: the scopes are
   * in them. */
  g_autoptr(DsGhUser) user = ds_http_fetch_finish (DS_HTTP (source), result, &info, &error);

  if (user == NULL && !_ds_setup_answered (error))
    {
      g_autofree char *why = _ds_setup_unreached_why (DS_SERVICE_GITHUB);

      _ds_setup_fail_unreached (self, check->token, DS_SERVICE_GITHUB, error);
      skip_profile (check, why);
    }
  else if (user == NULL)
    {
      g_autofree char *page = _ds_setup_token_page (self, DS_SERVICE_GITHUB);

      _ds_setup_fail_error (self, check->token, error,
                            signs_in (check)
                            ? _("Make a new classic token on GitHub and save it in Settings → "
                                "Team; or Sign in with GitHub in Settings → Team.")
                            : _("Make a new classic token on GitHub and save it in Settings → "
                                "Team."), page);
      skip_profile (check, _("Depends on the token, which was refused."));
    }
  else
    {
      g_autofree char *who = user->name != NULL && *user->name != '\0'
        ? g_strdup_printf (_("GitHub user %s (%s)"), user->login, user->name)
        : g_strdup_printf (_("GitHub user %s"), user->login);

      _ds_setup_pass (self, check->token, who);
      check->login = g_strdup (user->login);
      check->classic = info.has_scopes;
      if (info.has_scopes)
        {
          _ds_setup_pass (self, check->kind, _("A classic or OAuth token: it can read your "
                                               "notifications."));
          check_scopes (check, &info);
        }
      else
        {
          /* A fine-grained token says no scopes: /notifications refuses it. */
          _ds_setup_fail (self, check->kind,
                          _("A fine-grained token: GitHub does not let it read your "
                            "notifications, so mentions and review requests to you are "
                            "not seen."),
                          signs_in (check)
                          ? _("Make a classic token (Personal access tokens → Tokens "
                              "(classic)) with the scopes below, and save it in Settings → "
                              "Team; or Sign in with GitHub in Settings → Team.")
                          : _("Make a classic token (Personal access tokens → Tokens "
                              "(classic)) with the scopes below, and save it in Settings → "
                              "Team."), FINE_GRAINED_PAGE);
          _ds_setup_skip (self, check->scopes, _("A fine-grained token has no scopes to "
                                                 "read; its permissions are checked "
                                                 "below."));
        }
      ask_profile (check);
    }
  ask_done (ask);
}

void
_ds_setup_check_github (DsSetupCheck *self)
{
  DsTeamProfile *profile = _ds_setup_profile (self);
  GithubCheck *check = g_rc_box_new0 (GithubCheck);
  g_autofree char *title = NULL;

  check->self = self;
  check->token = _ds_setup_begin (self, DS_SERVICE_GITHUB, _("GitHub token"), "github.token");
  check->kind = _ds_setup_begin (self, DS_SERVICE_GITHUB, _("Kind of token"), "github.kind");
  check->scopes = _ds_setup_begin (self, DS_SERVICE_GITHUB, _("The token’s scopes"),
                                   "github.scopes");
  if (profile->github_team != NULL)
    {
      g_autofree char *team = g_strdup_printf (_("Team %s"), profile->github_team);
      g_autofree char *member = g_strdup_printf (_("Member of %s"), profile->github_team);

      check->team = _ds_setup_begin (self, DS_SERVICE_GITHUB, team, "github.team");
      check->membership = _ds_setup_begin (self, DS_SERVICE_GITHUB, member,
                                           "github.membership");
    }
  title = g_strdup_printf (_("Team repository %s"), profile->team_repo);
  check->repo = _ds_setup_begin (self, DS_SERVICE_GITHUB, title, "github.repo");

  check->actions = g_ptr_array_new ();
  for (guint i = 0; profile->deploy_repos[i] != NULL; i++)
    {
      g_autofree char *runs = g_strdup_printf (_("Actions runs of %s"), profile->deploy_repos[i]);

      g_ptr_array_add (check->actions, _ds_setup_begin (self, DS_SERVICE_GITHUB, runs,
                                                        "github.actions.%s",
                                                        profile->deploy_repos[i]));
    }
  check->epics = g_ptr_array_new ();
  for (guint i = 0; i < profile->super_epics->len; i++)
    {
      const DsSuperEpic *epic = g_ptr_array_index (profile->super_epics, i);
      g_autofree char *name = g_strdup_printf (_("Super-epic %s"), epic->name);

      g_ptr_array_add (check->epics, _ds_setup_begin (self, DS_SERVICE_GITHUB, name,
                                                      "github.epic.%s#%" G_GINT64_FORMAT,
                                                      epic->repo, epic->number));
    }

  check->logins = g_ptr_array_new ();
  for (guint i = 0; i < profile->teammates->len; i++)
    {
      const DsTeammate *mate = g_ptr_array_index (profile->teammates, i);

      if (mate->github != NULL)
        g_ptr_array_add (check->logins, (gpointer)mate);
    }
  check->login_errors = g_new0 (GError *, check->logins->len);
  if (check->logins->len > 0)
    check->teammates = _ds_setup_begin (self, DS_CHECK_TEAMMATES, _("GitHub logins"),
                                        "teammates.github");

  ds_github_get_user_async (_ds_setup_http (self), _ds_setup_cancellable (self), on_user,
                            ask_new (check, check->token, NULL));
  g_rc_box_release_full (check, (GDestroyNotify)github_check_clear);
}
