/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-setup-check"

#include "config.h"

#include "ds-error.h"
#include "ds-setup-check-private.h"
#include "ds-slack-socket.h"
#include "ds-slack.h"

/* Slack's checks: whose token it is (a user's or the app's bot) and in
 * which workspace, and its scopes (auth.test); then each channel of the
 * profile, that it exists and the token's user or bot is in it
 * (conversations.info), and each teammate's Slack id (users.info), each
 * list asked one at a time so that a long one stays under Slack's rate
 * limits; and, with an app-level token, that Socket Mode opens
 * (apps.connections.open). */

#define ID_PAGE     "https://slack.com/help/articles/221769328-Locate-your-Slack-URL-or-ID"
#define INVITE_PAGE "https://slack.com/help/articles/201980108-Add-people-to-a-channel"
#define SOCKET_PAGE "https://api.slack.com/apis/socket-mode"
#define MANIFEST    PKGDATADIR "/slack-app-manifest.json"

typedef struct
{
  DsSetupCheck *self;
  DsCheckRow   *token;
  DsCheckRow   *scopes;
  GPtrArray    *channels;     /* DsCheckRow, one a channel of the profile, in its order */
  DsCheckRow   *teammates;    /* NULL when no teammate has a Slack id */
  char         *user;         /* the token's user or bot, as "@name" */
  gboolean      bot;
  guint         next_channel;
  guint         next_mate;    /* in the profile's teammates */
  guint         mates;        /* Slack ids asked */
  GPtrArray    *wrong_mates;  /* what is wrong with a teammate's id, said */
  guint         lists;        /* lists still being asked */
} SlackCheck;

static void
slack_check_free (SlackCheck *check)
{
  g_ptr_array_unref (check->channels);
  g_ptr_array_unref (check->wrong_mates);
  g_free (check->user);
  g_free (check);
}

static void
list_done (SlackCheck *check)
{
  if (--check->lists == 0)
    slack_check_free (check);
}

/* The profile's channel as people know it: "#ops-support", or its id. */
static char *
channel_label (const DsProfileChannel *channel)
{
  return channel->name != NULL ? g_strconcat ("#", channel->name, NULL) : g_strdup (channel->id);
}

/* -- scopes ---------------------------------------------------------------- */

static void
check_scopes (SlackCheck       *check,
              const DsHttpInfo *info)
{
  const char * const *needed = ds_service_info (DS_SERVICE_SLACK)->scopes;
  g_auto(GStrv) granted = NULL;
  g_autoptr(GPtrArray) missing = g_ptr_array_new ();

  if (!info->has_scopes)
    {
      _ds_setup_skip (check->self, check->scopes, _("Slack did not say the token’s scopes."));
      return;
    }
  granted = g_strsplit (info->scopes, ",", -1);
  for (guint i = 0; granted[i] != NULL; i++)
    g_strstrip (granted[i]);
  for (guint i = 0; needed[i] != NULL; i++)
    if (!g_strv_contains ((const char * const *)granted, needed[i]))
      g_ptr_array_add (missing, (gpointer)needed[i]);
  g_ptr_array_add (missing, NULL);

  if (missing->len == 1)
    {
      g_autofree char *all = g_strjoinv (", ", (char **)needed);
      g_autofree char *detail = g_strdup_printf (_("It has %s."), all);

      _ds_setup_pass (check->self, check->scopes, detail);
    }
  else
    {
      g_autofree char *list = g_strjoinv (", ", (char **)missing->pdata);
      g_autofree char *detail = *info->scopes != '\0'
        ? g_strdup_printf (_("It lacks %s (it has: %s)."), list, info->scopes)
        : g_strdup_printf (_("It lacks %s (it has no scope)."), list);
      g_autofree char *fix =
        /* Translators: the second %s is "Bot Token Scopes" or "User Token
         * Scopes", as Slack's page says; the third is a file's path. */
        g_strdup_printf (_("On api.slack.com/apps, open the app, then OAuth & Permissions → "
                           "Scopes: add %s under %s, and Reinstall to Workspace (if Slack "
                           "shows a new token, save it in Settings → Team). Or make the app "
                           "from the manifest that comes with Dayshift, which asks for every "
                           "scope: Create New App → From an app manifest, with %s."),
                         list, check->bot ? _("Bot Token Scopes") : _("User Token Scopes"),
                         MANIFEST);

      _ds_setup_fail (check->self, check->scopes, detail, fix,
                      ds_service_info (DS_SERVICE_SLACK)->token_page);
    }
}

/* -- channels -------------------------------------------------------------- */

static void ask_next_channel (SlackCheck *check);

static void
say_channel (SlackCheck             *check,
             DsCheckRow             *row,
             const DsProfileChannel *wanted,
             const DsSlackChannel   *channel)
{
  DsSetupCheck *self = check->self;
  g_autofree char *label = channel->name != NULL ? g_strconcat ("#", channel->name, NULL)
                                                 : channel_label (wanted);

  if (channel->is_archived)
    {
      g_autofree char *detail = g_strdup_printf (_("%s is archived: nothing new is posted in "
                                                   "it."), label);

      _ds_setup_fail (self, row, detail,
                      _("Unarchive the channel in Slack, or take it out of the team "
                        "profile’s Slack channels."), NULL);
    }
  else if (!channel->is_member)
    {
      /* Translators: "@dayshift is not in #ops-support." */
      g_autofree char *detail = g_strdup_printf (_("%s is not in %s."), check->user, label);
      g_autofree char *fix = check->bot
        /* Translators: a Slack command, then the channel to type it in:
         * "/invite @dayshift" in #ops-support. */
        ? g_strdup_printf (_("In Slack, type /invite %s in %s."), check->user, label)
        : g_strdup_printf (_("Join %s in Slack (as %s)."), label, check->user);

      _ds_setup_fail (self, row, detail, fix, INVITE_PAGE);
    }
  else
    {
      g_autofree char *detail = NULL;

      if (wanted->name != NULL && channel->name != NULL &&
          !g_str_equal (wanted->name, channel->name))
        /* Translators: "@dayshift is in it (Slack calls it #ops-help now)." */
        detail = g_strdup_printf (_("%s is in it (Slack calls it %s now)."), check->user, label);
      else
        detail = g_strdup_printf (_("%s is in it."), check->user);
      _ds_setup_pass (self, row, detail);
    }
}

static void
on_channel (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  SlackCheck *check = user_data;
  DsSetupCheck *self = check->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(DsSlackChannel) channel =
    ds_slack_channel_info_finish (DS_HTTP (source), result, &error);
  DsCheckRow *row = g_ptr_array_index (check->channels, check->next_channel);
  const DsProfileChannel *wanted =
    g_ptr_array_index (_ds_setup_profile (self)->channels, check->next_channel);
  g_autofree char *label = channel_label (wanted);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* The run was stopped: what is left is said not checked. */
      list_done (check);
      _ds_setup_release (self);
      return;
    }

  if (channel != NULL)
    say_channel (check, row, wanted, channel);
  else if (g_error_matches (error, DS_ERROR, DS_ERROR_NOT_FOUND))
    {
      g_autofree char *detail =
        g_strdup_printf (_("Slack shows no channel %s to the token: the id is wrong, or the "
                           "channel is private and %s is not in it."), wanted->id, check->user);
      g_autofree char *fix = check->bot
        ? g_strdup_printf (_("Check the id in the team profile (in Slack, the channel’s "
                             "details show its Channel ID at the bottom). If %s is private, "
                             "type /invite %s in it."), label, check->user)
        : g_strdup_printf (_("Check the id in the team profile (in Slack, the channel’s "
                             "details show its Channel ID at the bottom). If %s is private, "
                             "ask one of its members to add %s."), label, check->user);

      _ds_setup_fail (self, row, detail, fix, ID_PAGE);
    }
  else if (g_error_matches (error, DS_ERROR, DS_ERROR_FORBIDDEN))
    _ds_setup_skip (self, row, _("Not asked: the token lacks a scope Slack needs to show a "
                                 "channel (see its scopes above)."));
  else
    _ds_setup_fail_unreached (self, row, DS_SERVICE_SLACK, error);

  check->next_channel++;
  ask_next_channel (check);
  _ds_setup_release (self);
}

static void
ask_next_channel (SlackCheck *check)
{
  DsSetupCheck *self = check->self;
  GPtrArray *channels = _ds_setup_profile (self)->channels;
  const DsProfileChannel *channel;

  if (check->next_channel >= channels->len)
    {
      list_done (check);
      return;
    }
  channel = g_ptr_array_index (channels, check->next_channel);
  _ds_setup_hold (self);
  ds_slack_channel_info_async (_ds_setup_http (self), channel->id, _ds_setup_cancellable (self),
                               on_channel, check);
}

/* -- teammates ------------------------------------------------------------- */

static void ask_next_mate (SlackCheck *check);

/* The teammates' row, once every id was asked. */
static void
say_mates (SlackCheck *check)
{
  if (check->wrong_mates->len == 0)
    {
      g_autofree char *detail =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "The Slack id of the %u teammate "
                                      "exists.", "All %u teammates’ Slack ids exist.",
                                      check->mates), check->mates);

      _ds_setup_pass (check->self, check->teammates, detail);
    }
  else
    {
      g_autofree char *detail = NULL;

      g_ptr_array_add (check->wrong_mates, NULL);
      detail = g_strjoinv ("; ", (char **)check->wrong_mates->pdata);
      _ds_setup_fail (check->self, check->teammates, detail,
                      _("In Slack, open the teammate’s profile, then ⋮ → Copy member ID, and "
                        "put that id as their “slack” in the team profile’s teammates; take "
                        "out whoever has left."), ID_PAGE);
    }
}

static void
on_mate (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  SlackCheck *check = user_data;
  DsSetupCheck *self = check->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(DsSlackUser) user = ds_slack_user_info_finish (DS_HTTP (source), result, &error);
  const DsTeammate *mate = g_ptr_array_index (_ds_setup_profile (self)->teammates,
                                              check->next_mate);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      list_done (check);
      _ds_setup_release (self);
      return;
    }

  check->mates++;
  if (user != NULL && user->deleted)
    g_ptr_array_add (check->wrong_mates,
                     /* Translators: "U0BOGDAN01 is deactivated in Slack (Bogdan Ilić)" */
                     g_strdup_printf (_("%s is deactivated in Slack (%s)"), mate->slack,
                                      mate->name));
  else if (g_error_matches (error, DS_ERROR, DS_ERROR_NOT_FOUND))
    g_ptr_array_add (check->wrong_mates,
                     /* Translators: "U0BOGDAN01 is not a Slack user (Bogdan Ilić)" */
                     g_strdup_printf (_("%s is not a Slack user (%s)"), mate->slack,
                                      mate->name));
  else if (user == NULL)
    {
      /* Slack answered no more than this for anyone: said once, the others
       * not asked. */
      if (g_error_matches (error, DS_ERROR, DS_ERROR_FORBIDDEN))
        _ds_setup_skip (self, check->teammates, _("Not asked: the token lacks a scope Slack "
                                                  "needs to show people (see its scopes "
                                                  "above)."));
      else
        _ds_setup_fail_unreached (self, check->teammates, DS_SERVICE_SLACK, error);
      list_done (check);
      _ds_setup_release (self);
      return;
    }

  check->next_mate++;
  ask_next_mate (check);
  _ds_setup_release (self);
}

static void
ask_next_mate (SlackCheck *check)
{
  DsSetupCheck *self = check->self;
  GPtrArray *mates = _ds_setup_profile (self)->teammates;

  while (check->next_mate < mates->len &&
         ((DsTeammate *)g_ptr_array_index (mates, check->next_mate))->slack == NULL)
    check->next_mate++;
  if (check->next_mate >= mates->len)
    {
      if (check->teammates != NULL)
        say_mates (check);
      list_done (check);
      return;
    }
  _ds_setup_hold (self);
  ds_slack_user_info_async (_ds_setup_http (self),
                            ((DsTeammate *)g_ptr_array_index (mates, check->next_mate))->slack,
                            _ds_setup_cancellable (self), on_mate, check);
}

/* -- the token ------------------------------------------------------------- */

static void
on_auth (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  SlackCheck *check = user_data;
  DsSetupCheck *self = check->self;
  g_autoptr(GError) error = NULL;
  DsHttpInfo info = { 0 };
  /* ds_slack_auth_test_finish() without the answer's headers: the scopes
   * are in them. */
  g_autoptr(DsSlackAuth) auth = ds_http_fetch_finish (DS_HTTP (source), result, &info, &error);

  if (auth == NULL)
    {
      g_autofree char *why = NULL;

      if (_ds_setup_answered (error))
        {
          why = g_strdup (_("Depends on the token, which was refused."));
          _ds_setup_fail_error (self, check->token, error,
                                _("Copy the token again from your Slack app’s OAuth & "
                                  "Permissions page and save it in Settings → Team."),
                                ds_service_info (DS_SERVICE_SLACK)->token_page);
        }
      else
        {
          why = _ds_setup_unreached_why (DS_SERVICE_SLACK);
          _ds_setup_fail_unreached (self, check->token, DS_SERVICE_SLACK, error);
        }
      _ds_setup_skip (self, check->scopes, why);
      for (guint i = 0; i < check->channels->len; i++)
        _ds_setup_skip (self, g_ptr_array_index (check->channels, i), why);
      if (check->teammates != NULL)
        _ds_setup_skip (self, check->teammates, why);
      slack_check_free (check);
    }
  else
    {
      const char *name = auth->user ? auth->user : auth->user_id;
      g_autofree char *who =
        auth->bot_id != NULL
        /* Translators: "The bot <name> in the <team> workspace" */
        ? g_strdup_printf (_("The bot %s in the %s workspace"), name,
                           auth->team ? auth->team : auth->team_id)
        : g_strdup_printf (_("Slack user %s in the %s workspace"), name,
                           auth->team ? auth->team : auth->team_id);

      _ds_setup_pass (self, check->token, who);
      check->bot = auth->bot_id != NULL;
      check->user = g_strconcat ("@", name, NULL);
      check_scopes (check, &info);
      check->lists = 2;
      ask_next_channel (check);
      ask_next_mate (check);
    }
  _ds_setup_release (self);
}

/* -- Socket Mode ----------------------------------------------------------- */

typedef struct
{
  DsSetupCheck *self;
  DsCheckRow   *row;
} SocketCheck;

static void
on_socket_url (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  SocketCheck *check = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = ds_slack_socket_open_url_finish (DS_HTTP (source), result, &error);

  if (url != NULL)
    _ds_setup_pass (check->self, check->row, _("Socket Mode opens: Slack’s news comes in real "
                                               "time."));
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      const DsServiceInfo *info = ds_service_info (DS_SERVICE_SLACK);
      g_autofree char *scopes = g_strjoinv (", ", (char **)info->app_scopes);
      g_autofree char *fix =
        /* Translators: %s is the scope an app-level token needs,
         * "connections:write". */
        g_strdup_printf (_("On api.slack.com/apps, open the app: turn Socket Mode on (Socket "
                           "Mode → Enable Socket Mode), then Basic Information → App-Level "
                           "Tokens → Generate Token and Scopes, with the scope %s; save that "
                           "xapp- token in Settings → Team."), scopes);

      _ds_setup_fail_error (check->self, check->row, error, fix, SOCKET_PAGE);
    }
  _ds_setup_release (check->self);
  g_free (check);
}

static void
check_socket (DsSetupCheck *self)
{
  DsCheckRow *row = _ds_setup_begin (self, DS_SERVICE_SLACK, _("Socket Mode"), "slack.socket");
  SocketCheck *check;

  /* Real time is optional: without its token, Dayshift polls. */
  if (!_ds_setup_has_token (self, DS_SERVICE_SLACK, TRUE))
    {
      _ds_setup_pass (self, row, _("No app-level token: Slack is polled (real time is "
                                   "optional)."));
      return;
    }
  check = g_new0 (SocketCheck, 1);
  check->self = _ds_setup_hold (self);
  check->row = row;
  ds_slack_socket_open_url_async (_ds_setup_http (self), _ds_setup_cancellable (self),
                                  on_socket_url, check);
}

void
_ds_setup_check_slack (DsSetupCheck *self)
{
  DsTeamProfile *profile = _ds_setup_profile (self);
  SlackCheck *check = g_new0 (SlackCheck, 1);

  check->self = _ds_setup_hold (self);
  check->token = _ds_setup_begin (self, DS_SERVICE_SLACK, _("Slack token"), "slack.token");
  check->scopes = _ds_setup_begin (self, DS_SERVICE_SLACK, _("The token’s scopes"),
                                   "slack.scopes");
  check->channels = g_ptr_array_new ();
  for (guint i = 0; i < profile->channels->len; i++)
    {
      const DsProfileChannel *channel = g_ptr_array_index (profile->channels, i);
      g_autofree char *title = channel_label (channel);

      g_ptr_array_add (check->channels, _ds_setup_begin (self, DS_SERVICE_SLACK, title,
                                                         "slack.channel.%s", channel->id));
    }
  check_socket (self);
  for (guint i = 0; i < profile->teammates->len && check->teammates == NULL; i++)
    if (((DsTeammate *)g_ptr_array_index (profile->teammates, i))->slack != NULL)
      check->teammates = _ds_setup_begin (self, DS_CHECK_TEAMMATES, _("Slack ids"),
                                          "teammates.slack");
  check->wrong_mates = g_ptr_array_new_with_free_func (g_free);
  ds_slack_auth_test_async (_ds_setup_http (self), _ds_setup_cancellable (self), on_auth, check);
}
