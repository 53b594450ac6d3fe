/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-setup-check"

#include "config.h"

#include <string.h>

#include "ds-github.h"
#include "ds-setup-check-private.h"

/* GitHub's checks: whose token it is, its kind and scopes; then what the
 * profile names. */

#define SCOPES_PAGE "https://docs.github.com/en/apps/oauth-apps/building-oauth-apps/scopes-for-oauth-apps"
#define FINE_GRAINED_PAGE "https://docs.github.com/en/rest/activity/notifications"

typedef struct
{
  DsSetupCheck *self;
  DsCheckRow   *token;
  DsCheckRow   *kind;
  DsCheckRow   *scopes;
} UserCheck;

/* Whether a comma-separated scope list grants @scope. GitHub's scopes nest:
 * "admin:org" and "write:org" include "read:org". */
static gboolean
grants (char       **granted,
        const char  *scope)
{
  g_autofree char *write = NULL, *admin = NULL;

  if (g_strv_contains ((const char * const *)granted, scope))
    return TRUE;
  if (!g_str_has_prefix (scope, "read:"))
    return FALSE;
  write = g_strconcat ("write:", scope + 5, NULL);
  admin = g_strconcat ("admin:", scope + 5, NULL);
  return g_strv_contains ((const char * const *)granted, write) ||
         g_strv_contains ((const char * const *)granted, admin);
}

static void
check_scopes (DsSetupCheck     *self,
              DsCheckRow       *row,
              const DsHttpInfo *info)
{
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
      g_autofree char *detail = g_strdup_printf (_("It lacks %s (it has: %s)."), list,
                                                 *info->scopes != '\0' ? info->scopes
                                                                       : _("no scope"));
      g_autofree char *fix = g_strdup_printf (_("On GitHub, Settings → Developer settings → "
                                                "Personal access tokens (classic): edit the "
                                                "token, tick %s, and save."), list);

      _ds_setup_fail (self, row, detail, fix, SCOPES_PAGE);
    }
}

static void
on_user (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  UserCheck *check = user_data;
  DsSetupCheck *self = check->self;
  g_autoptr(GError) error = NULL;
  DsHttpInfo info = { 0 };
  /* ds_github_get_user_finish() without the answer's headers: the scopes are
   * in them. */
  g_autoptr(DsGhUser) user = ds_http_fetch_finish (DS_HTTP (source), result, &info, &error);

  if (user == NULL)
    {
      const char *why = _("Depends on the token, which was refused.");

      _ds_setup_fail_error (self, check->token, error,
                            _("Make a new classic token on GitHub and save it in Settings → "
                              "Team."), ds_service_info (DS_SERVICE_GITHUB)->token_page);
      _ds_setup_skip (self, check->kind, why);
      _ds_setup_skip (self, check->scopes, why);
    }
  else
    {
      g_autofree char *who = user->name != NULL && *user->name != '\0'
        ? g_strdup_printf (_("GitHub user %s (%s)"), user->login, user->name)
        : g_strdup_printf (_("GitHub user %s"), user->login);

      _ds_setup_pass (self, check->token, who);
      if (info.has_scopes)
        {
          _ds_setup_pass (self, check->kind, _("A classic token: it can read your "
                                               "notifications."));
          check_scopes (self, check->scopes, &info);
        }
      else
        {
          /* A fine-grained token says no scopes: /notifications refuses it. */
          _ds_setup_fail (self, check->kind,
                          _("A fine-grained token: GitHub does not let it read your "
                            "notifications, so mentions and review requests to you are "
                            "not seen."),
                          _("Make a classic token (Personal access tokens → Tokens "
                            "(classic)) with the scopes below, and save it in Settings → "
                            "Team."), FINE_GRAINED_PAGE);
          _ds_setup_skip (self, check->scopes, _("A fine-grained token has no scopes to "
                                                 "read; its permissions are checked "
                                                 "below."));
        }
    }
  _ds_setup_release (self);
  g_free (check);
}

void
_ds_setup_check_github (DsSetupCheck *self)
{
  UserCheck *check = g_new0 (UserCheck, 1);

  check->self = _ds_setup_hold (self);
  check->token = _ds_setup_begin (self, DS_SERVICE_GITHUB, _("GitHub token"), "github.token");
  check->kind = _ds_setup_begin (self, DS_SERVICE_GITHUB, _("Kind of token"), "github.kind");
  check->scopes = _ds_setup_begin (self, DS_SERVICE_GITHUB, _("The token’s scopes"),
                                   "github.scopes");
  ds_github_get_user_async (_ds_setup_http (self), _ds_setup_cancellable (self), on_user,
                            check);
}
