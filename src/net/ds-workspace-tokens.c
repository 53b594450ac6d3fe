/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-workspace"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ds-readers.h"
#include "ds-workspace-private.h"

/* The user's tokens: looked up in the keyring, each for the address the
 * team profile sends it to, and taken by the running DsHttp. Looked up
 * again (Settings saved one), a token that changed goes to the same
 * DsHttp and sources, so that what the services answered before (the
 * conditional cache, a wait one asked for) is kept; a service whose token
 * is gone is read no more.
 *
 * A keyring that fails (it does not answer in time, no Secret Service
 * runs, it stays locked) is not a token that is not saved: the token in
 * use stays, the failure is said once, saying that Dayshift tries again,
 * and every token is looked up again 30 seconds after the round ended,
 * then after twice as long each time, ten minutes at most. One timer for
 * the workspace, and no round while another is under way, so a keyring
 * whose 10 s timeout runs faster (libfaketime) is asked no more often than
 * that. When the keyring answers, the problem goes and what its tokens
 * allow is read. A token not saved is not asked for again until one is. */

#define KEYRING_RETRY_FIRST 30
#define KEYRING_RETRY_MAX   (10 * 60)

typedef struct
{
  DsWorkspace *self;
  DsService    service;
  gboolean     app_token;  /* the service's second token (Slack's Socket Mode one) */
  guint        round;      /* the lookups it is one of: a later round replaces them */
} TokenCall;

/* The token of @service (its app token when @app), as the keyring holds it
 * now, goes to the running DsHttp: what the services answered before (the
 * conditional cache, a wait they asked for) is kept. A service with a new
 * token is read again at once; one whose token is gone is read no more. */
static void
take_token (DsWorkspace *self,
            DsService    service,
            gboolean     app,
            const char  *token)
{
  gboolean changed;

  if (app)
    {
      changed = ds_http_set_slack_app_token (self->http, token);
      self->socket_mode = token != NULL;
      if (changed)
        _ds_workspace_stop_socket (self);  /* started again, with the new token, when the round ends */
      return;
    }
  changed = ds_http_set_token (self->http, service, token);
  if (changed)
    self->round_changed |= 1u << service;
  if (token == NULL)
    {
      _ds_workspace_remove_source (self, service);
      if (ds_reader (service)->needed (self->profile))
        self->round_missing |= 1u << service;
    }
  else if (self->sources[service] == NULL)
    _ds_workspace_add_source (self, service);
  else if (changed)
    {
      ds_source_token_changed (self->sources[service]);
      ds_poller_poll_source (self->poller, self->sources[service]);
    }
}

static gboolean
on_keyring_retry (gpointer user_data)
{
  DsWorkspace *self = user_data;

  self->keyring_retry = 0;
  g_debug ("Asking the keyring again");
  /* The tokens; or, for a team profile kept on GitHub, the token that reads it. */
  ds_workspace_reload_tokens (self);
  return G_SOURCE_REMOVE;
}

/* "30 seconds", "2 minutes" */
static char *
format_delay (guint seconds)
{
  if (seconds < 60)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u second", "%u seconds", seconds),
                            seconds);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u minute", "%u minutes",
                                       seconds / 60), seconds / 60);
}

/* The detail of a keyring failure: @error's message, when Dayshift tries
 * again, and what is not read until then. */
static char *
keyring_detail (DsWorkspace  *self,
                const GError *error,
                guint         unread)
{
  g_autofree char *delay = format_delay (self->keyring_delay);

  if (unread != 0)
    {
      g_autofree char *names = ds_service_join_labels (unread);

      /* Translators: the first %s is the keyring's error, which says what to do; then "30
       * seconds"; the last "GitHub and Slack" */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
        "%s Dayshift tries again by itself in %s, then less often (every 10 minutes at most), "
        "until the keyring answers. Until then %s is not read.",
        "%s Dayshift tries again by itself in %s, then less often (every 10 minutes at most), "
        "until the keyring answers. Until then %s are not read.",
        (gulong)__builtin_popcount (unread)), error->message, delay, names);
    }
  /* Translators: the first %s is the keyring's error, which says what to do; then "30
   * seconds" */
  return g_strdup_printf (_("%s Dayshift tries again by itself in %s, then less often "
                            "(every 10 minutes at most), until the keyring answers."),
                          error->message, delay);
}

/**
 * _ds_workspace_keyring_failed:
 * @error: the keyring's failure (ds_secrets_error_is_keyring())
 * @unread: the services not read for it (1 << DsService)
 * @profile: whether it was the token that reads the team profile
 *
 * Plans the next try: 30 seconds from now, twice as long after each
 * failure, ten minutes at most; and says the failure, with when Dayshift
 * tries again, unless it was said already (the same kind, about the same:
 * locked after not running is said again). The problem goes when the
 * keyring answers.
 */
void
_ds_workspace_keyring_failed (DsWorkspace  *self,
                              const GError *error,
                              guint         unread,
                              gboolean      profile)
{
  const char *summary = profile ? _("The team profile was not loaded")
                                : _("Dayshift could not read a token");
  g_autofree char *detail = NULL;

  self->keyring_delay = self->keyring_delay == 0
    ? KEYRING_RETRY_FIRST : MIN (self->keyring_delay * 2, KEYRING_RETRY_MAX);
  self->keyring_retry_at = g_get_real_time () / G_USEC_PER_SEC + self->keyring_delay;
  g_clear_handle_id (&self->keyring_retry, g_source_remove);
  self->keyring_retry = g_timeout_add_seconds (self->keyring_delay, on_keyring_retry, self);
  if (self->keyring_told == error->code + 1 && g_strcmp0 (self->keyring_said, summary) == 0)
    {
      g_debug ("Keyring: already told: %s; next try in %u s", error->message,
               self->keyring_delay);
      return;
    }
  if (self->keyring_said != NULL && !g_str_equal (self->keyring_said, summary))
    _ds_workspace_problem_gone (self, self->keyring_said);
  self->keyring_told = error->code + 1;
  g_free (self->keyring_said);
  self->keyring_said = g_strdup (summary);
  detail = keyring_detail (self, error, unread);
  if (profile)
    _ds_workspace_profile_problem (self, summary, detail);
  else
    _ds_workspace_problem (self, summary, detail);
}

/* Every token was looked up: what they allow starts, or goes on. */
static void
tokens_taken (DsWorkspace *self)
{
  self->missing_tokens = self->round_missing;
  self->keyring_unread = 0;
  for (DsService s = 0; s < DS_N_SERVICES; s++)
    if ((self->round_keyring & (1u << s)) && self->sources[s] == NULL &&
        ds_service_info (s)->read && ds_reader (s)->needed (self->profile))
      self->keyring_unread |= 1u << s;
  if (self->round_keyring != 0)
    _ds_workspace_keyring_failed (self, self->round_error, self->keyring_unread, FALSE);
  else if (self->keyring_delay != 0 && !self->profile_token_failed)
    {
      /* The keyring answered every lookup: what it failed to give is read now. */
      self->keyring_delay = 0;
      self->keyring_retry_at = 0;
      self->keyring_told = 0;
      if (self->keyring_said != NULL)
        _ds_workspace_problem_gone (self, self->keyring_said);
      g_clear_pointer (&self->keyring_said, g_free);
    }
  g_clear_error (&self->round_error);
  ds_poller_start (self->poller);
  if (self->sender != NULL)
    ds_sender_set_http (self->sender, self->http);
  if (self->round_changed & (1u << DS_SERVICE_PAGERDUTY))
    _ds_workspace_start_shift_watch (self);
  if (self->round_changed & (1u << DS_SERVICE_GITHUB))
    _ds_workspace_read_handoffs_if_old (self);
  _ds_workspace_start_socket (self);
  _ds_workspace_emit_tokens (self);
}

static void
on_token (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  TokenCall *call = user_data;
  DsWorkspace *self = call->self;
  g_autoptr(GError) error = NULL;
  char *token = ds_secrets_lookup_finish (result, &error);

  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
      call->round == self->token_round)
    {
      /* A keyring that fails leaves the token in use as it is, and is
       * asked again; a token saved that cannot be used is said. */
      if (ds_secrets_error_is_keyring (error))
        {
          self->round_keyring |= 1u << call->service;
          /* Said with the first service's own token rather than Slack's
           * second one (all fail alike). */
          if (self->round_error == NULL || (self->round_error_app && !call->app_token))
            {
              g_clear_error (&self->round_error);
              self->round_error = g_error_copy (error);
              self->round_error_app = call->app_token;
            }
        }
      else if (error != NULL)
        _ds_workspace_problem (self, _("Dayshift could not read a token"), error->message);
      else
        take_token (self, call->service, call->app_token, token);
      if (--self->pending_tokens == 0)
        tokens_taken (self);
    }
  ds_secrets_free (token);
  g_object_unref (call->self);
  g_free (call);
}

/* The keyring's key for @service's token: its name, and the origin of
 * @url, where the token is sent. */
const char *
_ds_workspace_host_of (const char *url,
                       DsService   service)
{
  return ds_secrets_origin_key (ds_service_info (service)->id, url);
}

static void
look_up (DsWorkspace *self,
         DsService    service,
         gboolean     app)
{
  const DsServiceInfo *info = ds_service_info (service);
  TokenCall *call = g_new0 (TokenCall, 1);

  call->self = g_object_ref (self);
  call->service = service;
  call->app_token = app;
  call->round = self->token_round;
  self->pending_tokens++;
  ds_secrets_lookup_async (app ? info->app_secret : info->id,
                           _ds_workspace_host_of (ds_team_profile_api_url (self->profile,
                                                                           service,
                                                                           self->github_url),
                                                  service),
                           0, self->cancellable, on_token, call);
}

/* Looks up each service's tokens (a round of lookups, replacing any under
 * way); sources start, or take the new tokens, when all answered. */
void
_ds_workspace_start_with_tokens (DsWorkspace *self)
{
  self->token_round++;
  self->pending_tokens = 0;
  self->round_missing = 0;
  self->round_changed = 0;
  self->round_keyring = 0;
  g_clear_error (&self->round_error);
  /* A round under way: the keyring is asked now, not when planned. */
  g_clear_handle_id (&self->keyring_retry, g_source_remove);
  for (DsService s = 0; s < DS_N_SERVICES; s++)
    {
      look_up (self, s, FALSE);
      if (ds_service_info (s)->app_secret != NULL)
        look_up (self, s, TRUE);
    }
}

/**
 * ds_workspace_get_missing_tokens:
 *
 * Returns: a bit (1 << DsService) for each service the team profile uses
 *   and the keyring holds no token for, as of the last "tokens" signal
 */
guint
ds_workspace_get_missing_tokens (DsWorkspace *self)
{
  g_return_val_if_fail (DS_IS_WORKSPACE (self), 0);
  return self->missing_tokens;
}

/**
 * ds_workspace_get_keyring_unread:
 * @retry_at: (out) (optional): when Dayshift asks the keyring again (Unix
 *   seconds), or 0
 *
 * Returns: a bit (1 << DsService) for each service the team profile uses
 *   that is not read because the keyring failed to give its token (it did
 *   not answer, is not running, stayed locked), as of the last "tokens"
 *   signal. Dayshift asks it again by itself.
 */
guint
ds_workspace_get_keyring_unread (DsWorkspace *self,
                                 gint64      *retry_at)
{
  g_return_val_if_fail (DS_IS_WORKSPACE (self), 0);

  if (retry_at != NULL)
    *retry_at = self->keyring_retry != 0 ? self->keyring_retry_at : 0;
  return self->keyring_unread;
}

/* The workspace goes: no try is left planned. */
void
_ds_workspace_tokens_dispose (DsWorkspace *self)
{
  g_clear_handle_id (&self->keyring_retry, g_source_remove);
  g_clear_error (&self->round_error);
  g_clear_pointer (&self->keyring_said, g_free);
}

/* Tokens were saved or removed: the running sources take what the keyring
 * holds now. A service whose token changed is read again at once, with
 * what it answered before still known (a 304 for what did not change, a
 * wait it asked for); one whose token is gone is read no more. */
void
ds_workspace_reload_tokens (DsWorkspace *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (DS_IS_WORKSPACE (self));

  if (self->demo_token != NULL)
    return;
  if (self->profile == NULL || self->profile_token_failed)
    {
      /* Not loaded yet (or another one is in force meanwhile), perhaps for
       * want of the token that reads it from GitHub. */
      g_autofree char *path = g_strdup (self->path);

      if (path != NULL && !ds_workspace_load_profile (self, path, &error))
        _ds_workspace_profile_problem (self, _("The team profile was not loaded"),
                                       error->message);
      return;
    }
  _ds_workspace_start_with_tokens (self);
}
