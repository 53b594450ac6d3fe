/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-token-check"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ds-github.h"
#include "ds-pagerduty.h"
#include "ds-slack.h"
#include "ds-token-check.h"

/* "Test" in Settings: asks the service who a token belongs to, with the
 * same client Dayshift polls with, and says it in words: the GitHub login,
 * the Slack user and workspace, the PagerDuty user and email; or what the
 * service answered, in the client's own words for a bad token. */


static void
on_github_user (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  g_autoptr(DsGhUser) user = ds_github_get_user_finish (DS_HTTP (source), result, &error);

  if (user == NULL)
    g_task_return_error (task, error);
  else if (user->name != NULL && *user->name != '\0')
    /* Translators: "GitHub user <login> (<full name>)" */
    g_task_return_pointer (task, g_strdup_printf (_("GitHub user %s (%s)"), user->login,
                                                  user->name), g_free);
  else
    g_task_return_pointer (task, g_strdup_printf (_("GitHub user %s"), user->login), g_free);
}

static void
on_slack_auth (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  g_autoptr(DsSlackAuth) auth = ds_slack_auth_test_finish (DS_HTTP (source), result, &error);

  if (auth == NULL)
    g_task_return_error (task, error);
  else
    /* Translators: "Slack user <name> in the <team> workspace" */
    g_task_return_pointer (task, g_strdup_printf (_("Slack user %s in the %s workspace"),
                                                  auth->user ? auth->user : auth->user_id,
                                                  auth->team ? auth->team : auth->team_id),
                           g_free);
}

static void
on_pagerduty_me (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  g_autoptr(DsPdUser) me = ds_pagerduty_get_me_finish (DS_HTTP (source), result, &error);

  if (me == NULL)
    g_task_return_error (task, error);
  else
    /* Translators: "PagerDuty user <name> (<email>)" */
    g_task_return_pointer (task, g_strdup_printf (_("PagerDuty user %s (%s)"), me->name,
                                                  me->email ? me->email : "?"), g_free);
}

/* Each service's "who am I", and how its answer is said. ZenHub has none;
 * Slack's Socket Mode token is checked when Dayshift connects with it. */
static const struct
{
  void (*ask)  (DsHttp              *http,
                GCancellable        *cancellable,
                GAsyncReadyCallback  callback,
                gpointer             user_data);
  void (*said) (GObject             *source,
                GAsyncResult        *result,
                gpointer             user_data);
} checks[DS_N_SERVICES] = {
  [DS_SERVICE_GITHUB] = { ds_github_get_user_async, on_github_user },
  [DS_SERVICE_SLACK] = { ds_slack_auth_test_async, on_slack_auth },
  [DS_SERVICE_PAGERDUTY] = { ds_pagerduty_get_me_async, on_pagerduty_me },
};

gboolean
ds_token_check_supported (DsService service)
{
  return service < DS_N_SERVICES && checks[service].ask != NULL;
}

/**
 * ds_token_check_async:
 * @base_url: (nullable): the service's API address from the team profile;
 *   %NULL for the public one
 * @token: the token to try (not kept after the call)
 */
void
ds_token_check_async (DsService            service,
                      const char          *base_url,
                      const char          *token,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  g_autoptr(DsHttp) http = ds_http_new ();
  GError *error = NULL;

  g_task_set_source_tag (task, ds_token_check_async);
  if (!ds_token_check_supported (service))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "%s",
                               _("This token is checked when Dayshift first uses it."));
      return;
    }
  if (base_url != NULL && !ds_http_set_base_url (http, service, base_url, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  ds_http_set_token (http, service, token);
  /* A check is not a poll: nothing asks again on its own. */
  ds_http_set_one_off (http, TRUE);
  /* The client lives as long as the call. */
  g_task_set_task_data (task, g_object_ref (http), g_object_unref);
  checks[service].ask (http, cancellable, checks[service].said, g_steal_pointer (&task));
}

/**
 * ds_token_check_finish:
 *
 * Returns: (transfer full): who the token belongs to, in words
 */
char *
ds_token_check_finish (GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ds_token_check_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
