/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-github-device"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ds-error.h"
#include "ds-github-device.h"
#include "ds-json-private.h"
#include "ds-secrets.h"

/* GitHub's device flow (OAuth 2.0 Device Authorization Grant), on the
 * GitHub web site that goes with the profile's API address:
 *
 *   POST {web}/login/device/code         client_id, scope
 *     → device_code, user_code, verification_uri, expires_in, interval
 *   POST {web}/login/oauth/access_token  client_id, device_code, grant_type
 *     → access_token, or an error: authorization_pending (ask again after
 *       the interval), slow_down (ask less often), expired_token,
 *       access_denied, or one saying the app is not set up for this
 *
 * Both go through DsHttp as OAuth calls (ds_http_call_set_oauth()): https
 * only (http on this computer, for tests), a deadline on each, a capped
 * answer through the JSON gate, and a client of their own that holds no
 * token. The device code and the token are never logged; the token is
 * handed to the caller, who keeps it in the keyring. The asks are spaced
 * by a GLib timeout of the interval GitHub gives, never less than a
 * second; a code is given up on when it expires, at the latest after an
 * hour, whatever GitHub says. Every failure is said in words: what
 * happened, and what to do. */

#define MAX_ANSWER (64 * 1024)
#define MAX_CODE   1024  /* the device code and the token, in characters */

struct _DsGithubDevice
{
  GObject         parent_instance;

  DsHttp         *http;        /* at GitHub's web site, holding no token */
  char           *client_id;
  char           *scope;       /* the scopes of the service table, space-separated */
  DsGhDeviceCode *code;        /* from the start, until the token came */
  guint           interval;    /* seconds between two asks, as GitHub last said */
  gint64          expires_at;  /* monotonic µs: when the code is no more */
  guint           tick;        /* ms in one of those seconds: 1000, but in tests */
};

G_DEFINE_FINAL_TYPE (DsGithubDevice, ds_github_device, G_TYPE_OBJECT)

static void
wipe_free (char *secret)
{
  if (secret != NULL)
    {
      memset (secret, 0, strlen (secret));
      g_free (secret);
    }
}

void
ds_gh_device_code_free (DsGhDeviceCode *code)
{
  if (code == NULL)
    return;
  wipe_free (code->device_code);
  g_free (code->user_code);
  g_free (code->verification_uri);
  g_free (code);
}

void
ds_gh_device_answer_free (DsGhDeviceAnswer *answer)
{
  if (answer == NULL)
    return;
  wipe_free (answer->access_token);
  g_free (answer->error);
  g_free (answer);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DsGhDeviceCode, ds_gh_device_code_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DsGhDeviceAnswer, ds_gh_device_answer_free)

/* -- the answers ----------------------------------------------------------- */

/* What GitHub's errors mean to the user, and what to do. */
static const struct
{
  const char *code;
  DsError     kind;
  const char *words;
} refusals[] = {
  { "expired_token", DS_ERROR_TIMED_OUT,
    N_("The code expired before it was approved on GitHub. Choose Try Again for a new code.") },
  { "access_denied", DS_ERROR_AUTH,
    N_("Sign-in was refused on GitHub, so Dayshift has no token. Choose Try Again to approve it.") },
  { "device_flow_disabled", DS_ERROR_SERVICE,
    N_("The team's GitHub OAuth app does not allow signing in with a code: whoever owns it "
       "should tick “Enable Device Flow” in its settings on GitHub.") },
  { "incorrect_client_credentials", DS_ERROR_SERVICE,
    N_("GitHub does not know the OAuth app the team profile names (github.oauth_client_id). "
       "Check the client id there against the app's page on GitHub.") },
  { "incorrect_device_code", DS_ERROR_SERVICE,
    N_("GitHub did not know the code Dayshift asked about. Choose Try Again for a new code.") },
  { "unsupported_grant_type", DS_ERROR_SERVICE,
    N_("GitHub refused the way Dayshift asked for the token (unsupported_grant_type). Check "
       "that the team profile's GitHub address is right.") },
};

static GError *
refusal (const char *code)
{
  for (guint i = 0; i < G_N_ELEMENTS (refusals); i++)
    if (g_str_equal (refusals[i].code, code))
      return g_error_new_literal (DS_ERROR, refusals[i].kind, _(refusals[i].words));
  /* Translators: %s is GitHub's code for the error, e.g. "unknown_error" */
  return g_error_new (DS_ERROR, DS_ERROR_SERVICE, _("GitHub refused the sign-in (%s)."), code);
}

/* Between 1 and @max characters, each printable ASCII other than a space:
 * what a code, a token or an error's name is made of. */
static gboolean
is_word (const char *s,
         gsize       max)
{
  gsize n = 0;

  for (; s != NULL && *s != '\0'; s++, n++)
    if ((guchar)*s < 0x21 || (guchar)*s > 0x7e || n >= max)
      return FALSE;
  return n > 0;
}

static gpointer
unusable (const DsJsonScope  *scope,
          const char         *member,
          GError            **error)
{
  g_set_error (error, DS_ERROR, DS_ERROR_BAD_RESPONSE,
               /* Translators: "GitHub sent an unexpected answer to POST /login/device/code:
                * the field “user_code” is not one Dayshift can use." */
               _("%s sent an unexpected answer to %s: the field “%s” is not one Dayshift can "
                 "use."),
               scope->service, scope->endpoint, member);
  return NULL;
}

/* GitHub's refusal, if the answer is one ("error": its name). */
static gboolean
refused (JsonObject         *o,
         const DsJsonScope  *scope,
         const char        **code,
         GError            **error)
{
  *code = NULL;
  if (!ds_json_string (o, "error", FALSE, code, scope, error))
    return TRUE;
  if (*code != NULL && !is_word (*code, 64))
    {
      unusable (scope, "error", error);
      return TRUE;
    }
  return FALSE;
}

/**
 * ds_github_device_parse_code:
 *
 * Returns: (transfer full): a #DsGhDeviceCode, or %NULL with GitHub's
 *   refusal in words, or with the field that is wrong
 */
gpointer
ds_github_device_parse_code (JsonNode           *root,
                             const DsJsonScope  *scope,
                             GError            **error)
{
  JsonObject *o = ds_json_root_object (root, scope, error);
  g_autoptr(DsGhDeviceCode) code = NULL;
  const char *said = NULL;

  if (o == NULL || refused (o, scope, &said, error))
    return NULL;
  if (said != NULL)
    {
      g_propagate_error (error, refusal (said));
      return NULL;
    }
  code = g_new0 (DsGhDeviceCode, 1);
  if (!ds_json_dup_string (o, "device_code", TRUE, &code->device_code, scope, error) ||
      !ds_json_dup_string (o, "user_code", TRUE, &code->user_code, scope, error) ||
      !ds_json_dup_string (o, "verification_uri", TRUE, &code->verification_uri, scope, error) ||
      !ds_json_int (o, "expires_in", TRUE, &code->expires_in, scope, error) ||
      !ds_json_int (o, "interval", FALSE, &code->interval, scope, error))
    return NULL;
  if (!is_word (code->device_code, MAX_CODE))
    return unusable (scope, "device_code", error);
  if (!is_word (code->user_code, 64))
    return unusable (scope, "user_code", error);
  /* Opened in the browser: a web page, on a server as safe as the API's. */
  if (!ds_http_check_url (DS_SERVICE_GITHUB, code->verification_uri, NULL))
    return unusable (scope, "verification_uri", error);
  if (code->expires_in <= 0)
    return unusable (scope, "expires_in", error);
  if (code->interval < 0)
    return unusable (scope, "interval", error);
  return g_steal_pointer (&code);
}

/**
 * ds_github_device_parse_answer:
 *
 * Returns: (transfer full): a #DsGhDeviceAnswer holding the token or the
 *   name of GitHub's error, or %NULL with the field that is wrong
 */
gpointer
ds_github_device_parse_answer (JsonNode           *root,
                               const DsJsonScope  *scope,
                               GError            **error)
{
  JsonObject *o = ds_json_root_object (root, scope, error);
  g_autoptr(DsGhDeviceAnswer) answer = NULL;
  const char *said = NULL;

  if (o == NULL || refused (o, scope, &said, error))
    return NULL;
  answer = g_new0 (DsGhDeviceAnswer, 1);
  answer->error = g_strdup (said);
  if (!ds_json_int (o, "interval", FALSE, &answer->interval, scope, error))
    return NULL;
  if (said != NULL)
    return g_steal_pointer (&answer);
  if (!ds_json_dup_string (o, "access_token", TRUE, &answer->access_token, scope, error))
    return NULL;
  if (!is_word (answer->access_token, MAX_CODE))
    return unusable (scope, "access_token", error);
  return g_steal_pointer (&answer);
}

/* -- where ----------------------------------------------------------------- */

/**
 * ds_github_web_origin:
 * @api_url: (nullable): the GitHub API address of the team profile; %NULL
 *   for the public one
 *
 * GitHub's web site for an API address, where its OAuth endpoints are:
 * https://github.com for https://api.github.com; https://NAME.ghe.com for
 * GitHub Enterprise Cloud's https://api.NAME.ghe.com; and the API's own
 * origin (scheme, host and port) for any other, as GitHub Enterprise
 * Server's https://HOST/api/v3 and a server on this computer.
 *
 * Returns: (transfer full) (nullable): the origin, without a trailing
 *   slash, or %NULL when @api_url is not a web address
 */
char *
ds_github_web_origin (const char *api_url)
{
  const char *url = api_url != NULL ? api_url : ds_service_info (DS_SERVICE_GITHUB)->default_url;
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  g_autofree char *host = NULL;
  g_autofree char *scheme = NULL;

  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    return NULL;
  host = g_ascii_strdown (g_uri_get_host (uri), -1);
  scheme = g_ascii_strdown (g_uri_get_scheme (uri), -1);
  if (!g_str_equal (scheme, "https") && !g_str_equal (scheme, "http"))
    return NULL;
  if (g_str_equal (host, "api.github.com"))
    return g_strdup ("https://github.com");
  if (g_str_has_prefix (host, "api.") && g_str_has_suffix (host, ".ghe.com"))
    return g_strconcat ("https://", host + strlen ("api."), NULL);
  return g_uri_join (G_URI_FLAGS_NONE, scheme, NULL, host, g_uri_get_port (uri), "", NULL, NULL);
}

/* -- the flow -------------------------------------------------------------- */

static void
ds_github_device_finalize (GObject *object)
{
  DsGithubDevice *self = DS_GITHUB_DEVICE (object);

  g_clear_object (&self->http);
  g_free (self->client_id);
  g_free (self->scope);
  g_clear_pointer (&self->code, ds_gh_device_code_free);

  G_OBJECT_CLASS (ds_github_device_parent_class)->finalize (object);
}

static void
ds_github_device_class_init (DsGithubDeviceClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ds_github_device_finalize;
}

static void
ds_github_device_init (DsGithubDevice *self)
{
  self->tick = 1000;
}

/**
 * ds_github_device_new:
 * @api_url: (nullable): the GitHub API address of the team profile; %NULL
 *   for the public one
 * @client_id: the team's OAuth app's (github.oauth_client_id)
 *
 * Returns: (transfer full): a sign-in, or %NULL when the address is not
 *   one Dayshift talks to
 */
DsGithubDevice *
ds_github_device_new (const char  *api_url,
                      const char  *client_id,
                      GError     **error)
{
  g_autoptr(DsGithubDevice) self = NULL;
  g_autofree char *origin = NULL;
  const DsServiceInfo *info = ds_service_info (DS_SERVICE_GITHUB);

  g_return_val_if_fail (client_id != NULL && *client_id != '\0', NULL);

  if (api_url != NULL && !ds_http_check_url (DS_SERVICE_GITHUB, api_url, error))
    return NULL;
  origin = ds_github_web_origin (api_url);
  if (origin == NULL)
    {
      /* Not reached: an address the check takes has a web site. */
      g_set_error_literal (error, DS_ERROR, DS_ERROR_INVALID_ARGUMENT,
                           "No GitHub web site for that address");
      return NULL;
    }
  self = g_object_new (DS_TYPE_GITHUB_DEVICE, NULL);
  self->http = ds_http_new ();
  if (!ds_http_set_base_url (self->http, DS_SERVICE_GITHUB, origin, error))
    return NULL;
  /* Nothing asks again on its own: the user does, with Try Again. */
  ds_http_set_one_off (self->http, TRUE);
  ds_http_set_max_body (self->http, MAX_ANSWER);
  self->client_id = g_strdup (client_id);
  self->scope = g_strjoinv (" ", (char **)info->scopes);
  return g_steal_pointer (&self);
}

/* A failure of either call, in words: GitHub answers 404 to an app it does
 * not know. */
static GError *
in_words (GError *error)
{
  if (!g_error_matches (error, DS_ERROR, DS_ERROR_NOT_FOUND))
    return error;
  g_error_free (error);
  return refusal ("incorrect_client_credentials");
}

static void
on_code (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DsGithubDevice *self = g_task_get_source_object (task);
  GError *error = NULL;
  DsGhDeviceCode *code = ds_http_fetch_finish (DS_HTTP (source), result, NULL, &error);

  if (code == NULL)
    {
      g_task_return_error (task, in_words (error));
      return;
    }
  g_clear_pointer (&self->code, ds_gh_device_code_free);
  self->code = code;
  self->interval = code->interval > 0 ? CLAMP (code->interval, 1, DS_GH_DEVICE_LONGEST)
                                      : DS_GH_DEVICE_DEFAULT_INTERVAL;
  self->expires_at = g_get_monotonic_time () +
                     MIN (code->expires_in, DS_GH_DEVICE_LONGEST) * self->tick * 1000;
  g_debug ("GitHub gave a code for %" G_GINT64_FORMAT " seconds, to be asked about every %u",
           code->expires_in, self->interval);
  g_task_return_boolean (task, TRUE);
}

/**
 * ds_github_device_start_async:
 *
 * Asks GitHub for a code; then show it (ds_github_device_get_user_code())
 * and its page, and wait for the token (ds_github_device_wait_async()).
 * Starting again asks for a new code.
 */
void
ds_github_device_start_async (DsGithubDevice      *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GTask *task;
  DsHttpCall *call;

  g_return_if_fail (DS_IS_GITHUB_DEVICE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ds_github_device_start_async);
  call = ds_http_call_new (DS_SERVICE_GITHUB, "POST", "/login/device/code");
  ds_http_call_set_oauth (call, TRUE);
  ds_http_call_add_form (call, "client_id", self->client_id);
  ds_http_call_add_form (call, "scope", self->scope);
  ds_http_fetch_async (self->http, call, ds_github_device_parse_code,
                       (GDestroyNotify)ds_gh_device_code_free, cancellable, on_code, task);
}

gboolean
ds_github_device_start_finish (DsGithubDevice  *self,
                               GAsyncResult    *result,
                               GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_async_result_is_tagged (result, ds_github_device_start_async), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* What the user types on GitHub's page, once started. */
const char *
ds_github_device_get_user_code (DsGithubDevice *self)
{
  g_return_val_if_fail (DS_IS_GITHUB_DEVICE (self), NULL);
  return self->code != NULL ? self->code->user_code : NULL;
}

/* That page, once started. */
const char *
ds_github_device_get_verification_uri (DsGithubDevice *self)
{
  g_return_val_if_fail (DS_IS_GITHUB_DEVICE (self), NULL);
  return self->code != NULL ? self->code->verification_uri : NULL;
}

/* The seconds between two asks for the token, as GitHub last said. */
guint
ds_github_device_get_interval (DsGithubDevice *self)
{
  g_return_val_if_fail (DS_IS_GITHUB_DEVICE (self), 0);
  return self->interval;
}

/* A wait for the token: its timer between two asks, and the caller's
 * cancellable, which ends it at once. */
typedef struct
{
  guint    timer;
  GSource *watch;
} Wait;

static void
wait_free (Wait *w)
{
  g_clear_handle_id (&w->timer, g_source_remove);
  if (w->watch != NULL)
    {
      g_source_destroy (w->watch);
      g_source_unref (w->watch);
    }
  g_free (w);
}

static void on_answer (GObject *source, GAsyncResult *result, gpointer user_data);

/* The timer's time: ask. The timer held a reference on the task, which the
 * ask takes on. */
static gboolean
on_ask_time (gpointer user_data)
{
  GTask *task = user_data;
  DsGithubDevice *self = g_task_get_source_object (task);
  Wait *w = g_task_get_task_data (task);
  DsHttpCall *call = ds_http_call_new (DS_SERVICE_GITHUB, "POST", "/login/oauth/access_token");

  w->timer = 0;
  ds_http_call_set_oauth (call, TRUE);
  ds_http_call_add_form (call, "client_id", self->client_id);
  ds_http_call_add_form (call, "device_code", self->code->device_code);
  ds_http_call_add_form (call, "grant_type", "urn:ietf:params:oauth:grant-type:device_code");
  ds_http_fetch_async (self->http, call, ds_github_device_parse_answer,
                       (GDestroyNotify)ds_gh_device_answer_free, g_task_get_cancellable (task),
                       on_answer, g_object_ref (task));
  return G_SOURCE_REMOVE;
}

/* The next ask, an interval from now; or the end, when the code will have
 * expired by then. Takes @task_in. */
static void
ask_later (GTask *task_in)
{
  g_autoptr(GTask) task = task_in;
  DsGithubDevice *self = g_task_get_source_object (task);
  Wait *w = g_task_get_task_data (task);

  if (g_task_return_error_if_cancelled (task))
    return;
  if (g_get_monotonic_time () + (gint64)self->interval * self->tick * 1000 > self->expires_at)
    {
      g_task_return_error (task, refusal ("expired_token"));
      return;
    }
  w->timer = g_timeout_add_full (G_PRIORITY_DEFAULT, self->interval * self->tick, on_ask_time,
                                 g_steal_pointer (&task), g_object_unref);
}

static void
on_answer (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DsGithubDevice *self = g_task_get_source_object (task);
  GError *error = NULL;
  g_autoptr(DsGhDeviceAnswer) answer = ds_http_fetch_finish (DS_HTTP (source), result, NULL,
                                                             &error);

  if (answer == NULL)
    {
      g_task_return_error (task, in_words (error));
      return;
    }
  if (answer->access_token != NULL)
    {
      g_debug ("GitHub gave the token");
      /* The code has served. */
      g_clear_pointer (&self->code, ds_gh_device_code_free);
      g_task_return_pointer (task, g_steal_pointer (&answer->access_token),
                             (GDestroyNotify)ds_secrets_free);
      return;
    }
  if (g_str_equal (answer->error, "authorization_pending"))
    {
      ask_later (g_steal_pointer (&task));
      return;
    }
  if (g_str_equal (answer->error, "slow_down"))
    {
      /* The interval GitHub gives with it, else five seconds more. */
      self->interval = answer->interval > self->interval
        ? (guint)MIN (answer->interval, DS_GH_DEVICE_LONGEST)
        : MIN (self->interval + DS_GH_DEVICE_SLOW_DOWN, DS_GH_DEVICE_LONGEST);
      g_debug ("GitHub asked to be asked every %u seconds", self->interval);
      ask_later (g_steal_pointer (&task));
      return;
    }
  g_task_return_error (task, refusal (answer->error));
}

/* Cancelled while the timer runs: the wait ends now. (An ask in flight is
 * ended by the same cancellable, and returns through on_answer().) */
static gboolean
on_wait_cancelled (GCancellable *cancellable,
                   gpointer      user_data)
{
  GTask *task = user_data;
  Wait *w = g_task_get_task_data (task);

  if (w->timer != 0)
    {
      g_autoptr(GTask) held = g_object_ref (task);

      g_clear_handle_id (&w->timer, g_source_remove);
      g_task_return_error_if_cancelled (held);
    }
  return G_SOURCE_REMOVE;
}

/**
 * ds_github_device_wait_async:
 *
 * Asks GitHub for the token every interval until the user approves the
 * code, refuses it, or it expires. One wait at a time, after a start.
 */
void
ds_github_device_wait_async (DsGithubDevice      *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Wait *w;

  g_return_if_fail (DS_IS_GITHUB_DEVICE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ds_github_device_wait_async);
  if (self->code == NULL)
    {
      g_task_return_new_error (task, DS_ERROR, DS_ERROR_INVALID_ARGUMENT,
                               "No code to wait for: start the sign-in first");
      return;
    }
  w = g_new0 (Wait, 1);
  g_task_set_task_data (task, w, (GDestroyNotify)wait_free);
  if (cancellable != NULL)
    {
      w->watch = g_cancellable_source_new (cancellable);
      g_source_set_callback (w->watch, G_SOURCE_FUNC (on_wait_cancelled), task, NULL);
      g_source_attach (w->watch, g_main_context_get_thread_default ());
    }
  ask_later (g_steal_pointer (&task));
}

/**
 * ds_github_device_wait_finish:
 *
 * Returns: (transfer full): the token, to be kept in the keyring and freed
 *   with ds_secrets_free(); or %NULL with what happened in words
 */
char *
ds_github_device_wait_finish (DsGithubDevice  *self,
                              GAsyncResult    *result,
                              GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, ds_github_device_wait_async), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
ds_github_device_set_tick (DsGithubDevice *self,
                           guint           ms)
{
  g_return_if_fail (DS_IS_GITHUB_DEVICE (self));
  g_return_if_fail (ms > 0 && ms <= 1000);
  self->tick = ms;
}
