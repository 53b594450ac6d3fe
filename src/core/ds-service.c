/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ds-service.h"

/* A classic GitHub token's scopes: issues, pull requests, assignees,
 * comments and Actions runs of private repositories; team members and team
 * review requests; the notifications. */
static const char * const github_scopes[] = { "repo", "read:org", "notifications", NULL };

/* A Slack app's token (user or bot): reading the channels and their
 * history, the :eyes: reaction, thread replies, people's names. The
 * manifest (data/slack-app-manifest.json) asks for exactly these. */
static const char * const slack_scopes[] = {
  "channels:history", "groups:history", "channels:read", "groups:read",
  "reactions:write", "chat:write", "users:read", NULL
};
/* Its app-level token, for Socket Mode. */
static const char * const slack_app_scopes[] = { "connections:write", NULL };

/* One row a service: adding one starts here (HACKING.md). */
static const DsServiceInfo services[DS_N_SERVICES] = {
  { DS_SERVICE_GITHUB, "github", N_("GitHub"), "https://api.github.com", "github", TRUE, TRUE,
    NULL, NULL, github_scopes, NULL, "https://github.com/settings/tokens" },
  { DS_SERVICE_SLACK, "slack", N_("Slack"), "https://slack.com/api", "slack", FALSE, TRUE,
    "slack-app", N_("Slack (Socket Mode)"), slack_scopes, slack_app_scopes,
    "https://api.slack.com/apps" },
  { DS_SERVICE_PAGERDUTY, "pagerduty", N_("PagerDuty"), "https://api.pagerduty.com",
    "pagerduty", FALSE, TRUE, NULL, NULL, NULL, NULL,
    "https://support.pagerduty.com/main/docs/api-access-keys#generate-a-user-token-rest-api-key" },
  { DS_SERVICE_ZENHUB, "zenhub", N_("ZenHub"), "https://api.zenhub.com", "zenhub", FALSE,
    FALSE, NULL, NULL, NULL, NULL, "https://app.zenhub.com/settings/tokens" },
};

const DsServiceInfo *
ds_service_info (DsService service)
{
  g_return_val_if_fail (service < DS_N_SERVICES, NULL);
  g_assert (services[service].service == service);
  return &services[service];
}

/**
 * ds_service_info_for_id:
 * @id: (nullable): an item's source, as "slack"
 *
 * Returns: (nullable): the service, or %NULL for no service Dayshift knows
 */
const DsServiceInfo *
ds_service_info_for_id (const char *id)
{
  for (guint i = 0; id != NULL && i < DS_N_SERVICES; i++)
    if (g_str_equal (services[i].id, id))
      return &services[i];
  return NULL;
}

/**
 * ds_service_info_for_secret:
 * @secret: a token's name in the keyring: a service's id or its app token's
 * @app: (out) (optional): whether it names the service's second token
 *
 * Returns: (nullable): the service the token is for
 */
const DsServiceInfo *
ds_service_info_for_secret (const char *secret,
                            gboolean   *app)
{
  for (guint i = 0; secret != NULL && i < DS_N_SERVICES; i++)
    {
      gboolean is_app = g_strcmp0 (services[i].app_secret, secret) == 0;

      if (is_app || g_str_equal (services[i].id, secret))
        {
          if (app != NULL)
            *app = is_app;
          return &services[i];
        }
    }
  return NULL;
}

/* The service's name, as people know it. */
const char *
ds_service_label (DsService service)
{
  const DsServiceInfo *info = ds_service_info (service);

  return info != NULL ? g_dgettext (GETTEXT_PACKAGE, info->label) : "?";
}

/**
 * ds_service_join_labels:
 * @mask: services, as `1 << DsService`
 *
 * Returns: (transfer full): "GitHub", "GitHub and Slack", "GitHub, Slack
 *   and PagerDuty"
 */
char *
ds_service_join_labels (guint mask)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  GString *s = g_string_new (NULL);

  for (DsService service = 0; service < DS_N_SERVICES; service++)
    if (mask & (1u << service))
      g_ptr_array_add (names, (gpointer)ds_service_label (service));
  for (guint i = 0; i < names->len; i++)
    {
      if (i > 0)
        g_string_append (s, i + 1 == names->len ? _(" and ") : ", ");
      g_string_append (s, g_ptr_array_index (names, i));
    }
  return g_string_free (s, FALSE);
}

/* The host of the service's own API: what its token is saved for unless the
 * team profile names another (GitHub Enterprise). */
const char *
ds_service_default_host (DsService service)
{
  const DsServiceInfo *info = ds_service_info (service);
  g_autoptr(GUri) uri = info != NULL ? g_uri_parse (info->default_url, G_URI_FLAGS_NONE, NULL)
                                     : NULL;

  return uri != NULL ? g_intern_string (g_uri_get_host (uri)) : NULL;
}
