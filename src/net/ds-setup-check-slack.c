/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-setup-check"

#include "config.h"

#include "ds-setup-check-private.h"
#include "ds-slack.h"

/* Slack's checks: whose token it is (a user's or the app's bot) and in
 * which workspace; then the profile's channels, the scopes, Socket Mode. */

typedef struct
{
  DsSetupCheck *self;
  DsCheckRow   *token;
} AuthCheck;

static void
on_auth (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  AuthCheck *check = user_data;
  DsSetupCheck *self = check->self;
  g_autoptr(GError) error = NULL;
  DsHttpInfo info = { 0 };
  /* ds_slack_auth_test_finish() without the answer's headers: the scopes
   * are in them. */
  g_autoptr(DsSlackAuth) auth = ds_http_fetch_finish (DS_HTTP (source), result, &info, &error);

  if (auth == NULL)
    _ds_setup_fail_error (self, check->token, error,
                          _("Copy the token again from your Slack app’s OAuth & Permissions "
                            "page and save it in Settings → Team."),
                          ds_service_info (DS_SERVICE_SLACK)->token_page);
  else
    {
      g_autofree char *who =
        auth->bot_id != NULL
        /* Translators: "The bot <name> in the <team> workspace" */
        ? g_strdup_printf (_("The bot %s in the %s workspace"),
                           auth->user ? auth->user : auth->user_id,
                           auth->team ? auth->team : auth->team_id)
        : g_strdup_printf (_("Slack user %s in the %s workspace"),
                           auth->user ? auth->user : auth->user_id,
                           auth->team ? auth->team : auth->team_id);

      _ds_setup_pass (self, check->token, who);
    }
  _ds_setup_release (self);
  g_free (check);
}

void
_ds_setup_check_slack (DsSetupCheck *self)
{
  AuthCheck *check = g_new0 (AuthCheck, 1);

  check->self = _ds_setup_hold (self);
  check->token = _ds_setup_begin (self, DS_SERVICE_SLACK, _("Slack token"), "slack.token");
  ds_slack_auth_test_async (_ds_setup_http (self), _ds_setup_cancellable (self), on_auth, check);
}
