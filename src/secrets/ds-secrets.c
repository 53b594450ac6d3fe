/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-secrets"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>

#include "ds-error.h"
#include "ds-service.h"
#include "ds-secrets.h"

/* Tokens live in the Secret Service (GNOME Keyring, KeePassXC, …) and
 * nowhere else. Items carry two attributes, the service and its API host,
 * so a GitHub Enterprise token and a github.com token can sit side by side.
 * Attributes are stored unencrypted by design: they never hold a secret.
 *
 * From a script: secret-tool store --label="Dayshift GitHub token" \
 *   service github host api.github.com   (reads the token from stdin) */

static const SecretSchema schema = {
  BASE_APP_ID, SECRET_SCHEMA_NONE,
  {
    { "service", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "host", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { NULL, 0 },
  },
  0, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
};

typedef enum { OP_STORE, OP_LOOKUP, OP_CLEAR } Op;

typedef struct
{
  Op            op;
  char         *service;
  char         *host;
  GCancellable *inner;     /* cancelled by the timeout or the caller */
  guint         timeout_id;
  gulong        outer_id;
  gboolean      timed_out;
  guint         timeout_ms;
} CallData;

static void
call_data_free (CallData *data)
{
  g_clear_handle_id (&data->timeout_id, g_source_remove);
  g_clear_object (&data->inner);
  g_free (data->service);
  g_free (data->host);
  g_free (data);
}

const char *
ds_secrets_schema_name (void)
{
  return schema.name;
}

const char *
ds_secrets_service_label (const char *service)
{
  gboolean app = FALSE;
  const DsServiceInfo *info = ds_service_info_for_secret (service, &app);

  if (info == NULL)
    return service;
  return app ? g_dgettext (GETTEXT_PACKAGE, info->app_label) : ds_service_label (info->service);
}

/**
 * ds_secrets_origin_key:
 * @url: (nullable): the service's API address from the team profile
 *
 * A token is bound to the origin it was saved for: scheme, host and port.
 * The key is the host alone for https on the default port (what the README
 * tells people to save with secret-tool), "scheme://host:port" otherwise,
 * so a profile cannot send the token to another port or to plain http on
 * the same host.
 *
 * Returns: the key for the "host" attribute (interned), or the service's
 *   default host when @url is %NULL or not an address
 */
const char *
ds_secrets_origin_key (const char *service,
                       const char *url)
{
  g_autoptr(GUri) uri = url != NULL ? g_uri_parse (url, G_URI_FLAGS_NONE, NULL) : NULL;
  g_autofree char *key = NULL;
  const char *scheme;
  int port;

  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return ds_secrets_default_host (service);
  scheme = g_uri_get_scheme (uri);
  port = g_uri_get_port (uri);
  if (g_ascii_strcasecmp (scheme, "https") == 0 && (port == -1 || port == 443))
    return g_intern_string (g_uri_get_host (uri));
  key = g_strdup_printf ("%s://%s:%d", scheme, g_uri_get_host (uri),
                         port != -1 ? port : g_ascii_strcasecmp (scheme, "http") == 0 ? 80 : 443);
  return g_intern_string (key);
}

/* The API host a service's token is for, unless the team profile names
 * another (GitHub Enterprise). */
const char *
ds_secrets_default_host (const char *service)
{
  const DsServiceInfo *info = ds_service_info_for_secret (service, NULL);

  return info != NULL ? ds_service_default_host (info->service) : NULL;
}

static const char *
op_verb (Op op)
{
  switch (op)
    {
    case OP_STORE: return _("save");
    case OP_LOOKUP: return _("read");
    case OP_CLEAR: return _("remove");
    default: return "?";
    }
}

static gboolean
is_locked_error (const GError *error)
{
  g_autofree char *remote = NULL;

  if (g_error_matches (error, SECRET_ERROR, SECRET_ERROR_IS_LOCKED))
    return TRUE;
  if (g_dbus_error_is_remote_error (error))
    remote = g_dbus_error_get_remote_error (error);
  return remote != NULL && g_str_has_suffix (remote, ".IsLocked");
}

static gboolean
is_unavailable_error (const GError *error)
{
  return g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_SERVICE_UNKNOWN) ||
         g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_NAME_HAS_NO_OWNER) ||
         g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_SPAWN_SERVICE_NOT_FOUND) ||
         g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_SPAWN_CHILD_EXITED) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

static GError *
locked_error (CallData *data)
{
  return g_error_new (DS_ERROR, DS_ERROR_KEYRING_LOCKED,
                      _("The keyring is locked, so Dayshift could not %s the %s token. "
                        "Unlock it (Passwords and Keys) and try again."), op_verb (data->op),
                      ds_secrets_service_label (data->service));
}

/* Every keyring error becomes one that names the service and says what to do. */
static GError *
translate_error (CallData *data,
                 GError   *error)
{
  const char *label = ds_secrets_service_label (data->service);
  const char *verb = op_verb (data->op);

  if (data->timed_out)
    return g_error_new (DS_ERROR, DS_ERROR_TIMED_OUT,
                        _("The keyring did not answer within %u seconds, so Dayshift could not "
                          "%s the %s token. The keyring may be waiting to be unlocked: unlock it "
                          "(Passwords and Keys) and try again."),
                        (data->timeout_ms + 999) / 1000, verb, label);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_copy (error);
  if (is_locked_error (error))
    return locked_error (data);
  if (is_unavailable_error (error))
    return g_error_new (DS_ERROR, DS_ERROR_KEYRING_UNAVAILABLE,
                        _("No keyring (Secret Service) is running, so Dayshift could not %s the "
                          "%s token. Start GNOME Keyring or another Secret Service and try "
                          "again."), verb, label);
  return g_error_new (DS_ERROR, DS_ERROR_KEYRING_UNAVAILABLE,
                      _("The keyring could not %s the %s token: %s"), verb, label,
                      error->message);
}

/* The call is over: neither the timeout nor the caller's cancellable may
 * touch it any more. */
static CallData *
end_call (GTask *task)
{
  CallData *data = g_task_get_task_data (task);

  g_cancellable_disconnect (g_task_get_cancellable (task), data->outer_id);
  data->outer_id = 0;
  g_clear_handle_id (&data->timeout_id, g_source_remove);
  return data;
}

static void
return_error (GTask  *task,
              GError *error)
{
  g_task_return_error (task, translate_error (end_call (task), error));
  g_error_free (error);
}

static void
on_store_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!secret_password_store_finish (result, &error))
    return_error (task, error);
  else
    {
      end_call (task);
      g_task_return_boolean (task, TRUE);
    }
}

/**
 * ds_secrets_clean_token:
 * @raw: a token as pasted or saved (`echo TOKEN | secret-tool store` adds
 *   a newline)
 *
 * Returns: (transfer full) (nullable): @raw without surrounding whitespace,
 *   or %NULL, with an error naming @service, when a character inside it is
 *   not one a token can hold (a line break, a control character, non-ASCII)
 */
char *
ds_secrets_clean_token (const char  *service,
                        const char  *raw,
                        GError     **error)
{
  const char *start = raw, *end;

  g_return_val_if_fail (raw != NULL, NULL);

  while (*start != '\0' && g_ascii_isspace (*start))
    start++;
  end = start + strlen (start);
  while (end > start && g_ascii_isspace (end[-1]))
    end--;
  if (end == start)
    {
      g_set_error (error, DS_ERROR, DS_ERROR_INVALID_ARGUMENT,
                   _("The %s token is empty. Copy the token again and save it in Dayshift's "
                     "Settings."), ds_secrets_service_label (service));
      return NULL;
    }
  for (const char *c = start; c < end; c++)
    if ((guchar)*c < 0x21 || (guchar)*c > 0x7e)
      {
        g_set_error (error, DS_ERROR, DS_ERROR_INVALID_ARGUMENT,
                     _("The %s token has a space, a line break or another character inside it "
                       "that no token has. Copy the token again and save it in Dayshift's "
                       "Settings."), ds_secrets_service_label (service));
        return NULL;
      }
  return g_strndup (start, end - start);
}

/* The lookup found no token it could read: either none is saved, or the
 * keyring holds one and kept it locked (the unlock prompt refused or
 * dismissed, or no prompt could be shown), which libsecret does not tell
 * apart. A search that unlocks nothing says which. */
static void
on_lookup_searched (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  GList *items = secret_password_search_finish (result, &error);
  CallData *data;

  if (error != NULL)
    {
      return_error (task, error);
      return;
    }
  data = end_call (task);
  if (items == NULL)
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }
  g_list_free_full (items, g_object_unref);
  g_task_return_error (task, locked_error (data));
}

static void
on_lookup_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  char *secret = secret_password_lookup_finish (result, &error);
  CallData *data;
  char *clean;

  if (error != NULL)
    {
      return_error (task, error);
      return;
    }
  data = g_task_get_task_data (task);
  if (secret == NULL)
    {
      secret_password_search (&schema, SECRET_SEARCH_NONE, data->inner, on_lookup_searched,
                              g_steal_pointer (&task),
                              "service", data->service, "host", data->host, NULL);
      return;
    }
  end_call (task);
  clean = ds_secrets_clean_token (data->service, secret, &error);
  secret_password_free (secret);
  if (clean == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, clean, (GDestroyNotify)ds_secrets_free);
}

static void
on_clear_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  /* FALSE without an error means there was nothing to remove: that is fine. */
  if (!secret_password_clear_finish (result, &error) && error != NULL)
    return_error (task, error);
  else
    {
      end_call (task);
      g_task_return_boolean (task, TRUE);
    }
}

static gboolean
on_timeout (gpointer user_data)
{
  CallData *data = user_data;

  data->timeout_id = 0;
  data->timed_out = TRUE;
  g_cancellable_cancel (data->inner);
  return G_SOURCE_REMOVE;
}

static void
on_outer_cancelled (GCancellable *outer,
                    GCancellable *inner)
{
  g_cancellable_cancel (inner);
}

static GTask *
start_call (Op                   op,
            const char          *service,
            guint                timeout_ms,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data,
            gpointer             source_tag)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  CallData *data = g_new0 (CallData, 1);

  g_task_set_source_tag (task, source_tag);
  /* Each finish path returns through the task, so the caller's
   * cancellation is reported by us, not twice by GTask. */
  g_task_set_check_cancellable (task, FALSE);
  data->op = op;
  data->service = g_strdup (service);
  data->timeout_ms = timeout_ms > 0 ? timeout_ms : DS_SECRETS_DEFAULT_TIMEOUT_MS;
  data->inner = g_cancellable_new ();
  data->timeout_id = g_timeout_add (data->timeout_ms, on_timeout, data);
  if (cancellable != NULL)
    data->outer_id = g_cancellable_connect (cancellable, G_CALLBACK (on_outer_cancelled),
                                            g_object_ref (data->inner), g_object_unref);
  g_task_set_task_data (task, data, (GDestroyNotify)call_data_free);

  return task;
}

/**
 * ds_secrets_store_async:
 * @service: one of the DS_SECRET_ names
 * @host: the API host the token is for, e.g. "api.github.com"
 * @secret: the token
 * @timeout_ms: how long to wait for the keyring, 0 for the default
 *
 * Saves a token in the default keyring, replacing an earlier one for the
 * same service and host.
 */
void
ds_secrets_store_async (const char          *service,
                        const char          *host,
                        const char          *secret,
                        guint                timeout_ms,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  GTask *task;
  CallData *data;
  g_autofree char *label = NULL;
  char *clean;
  GError *error = NULL;

  g_return_if_fail (service != NULL && host != NULL);
  g_return_if_fail (secret != NULL);

  task = start_call (OP_STORE, service, timeout_ms, cancellable, callback, user_data,
                     ds_secrets_store_async);
  data = g_task_get_task_data (task);
  clean = ds_secrets_clean_token (service, secret, &error);
  if (clean == NULL)
    {
      end_call (task);
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  /* Translators: the label of the keyring item, e.g. "Dayshift: GitHub token (api.github.com)" */
  label = g_strdup_printf (_("Dayshift: %s token (%s)"), ds_secrets_service_label (service), host);
  secret_password_store (&schema, SECRET_COLLECTION_DEFAULT, label, clean, data->inner,
                         on_store_done, task,
                         "service", service, "host", host, NULL);
  ds_secrets_free (clean);
}

gboolean
ds_secrets_store_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * ds_secrets_lookup_async:
 *
 * Reads a token. Finishes with %NULL and no error when none is stored;
 * with %DS_ERROR_KEYRING_LOCKED when one is, in a keyring that stayed
 * locked.
 */
void
ds_secrets_lookup_async (const char          *service,
                         const char          *host,
                         guint                timeout_ms,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  GTask *task;
  CallData *data;

  g_return_if_fail (service != NULL && host != NULL);

  task = start_call (OP_LOOKUP, service, timeout_ms, cancellable, callback, user_data,
                     ds_secrets_lookup_async);
  data = g_task_get_task_data (task);
  data->host = g_strdup (host);
  secret_password_lookup (&schema, data->inner, on_lookup_done, task,
                          "service", service, "host", host, NULL);
}

/**
 * ds_secrets_lookup_finish:
 *
 * Returns: (transfer full) (nullable): the token, to be freed with
 *   ds_secrets_free(), or %NULL
 */
char *
ds_secrets_lookup_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
ds_secrets_clear_async (const char          *service,
                        const char          *host,
                        guint                timeout_ms,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  GTask *task;
  CallData *data;

  g_return_if_fail (service != NULL && host != NULL);

  task = start_call (OP_CLEAR, service, timeout_ms, cancellable, callback, user_data,
                     ds_secrets_clear_async);
  data = g_task_get_task_data (task);
  secret_password_clear (&schema, data->inner, on_clear_done, task,
                         "service", service, "host", host, NULL);
}

gboolean
ds_secrets_clear_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * ds_secrets_error_is_keyring:
 *
 * Returns: whether @error says the keyring failed (it did not answer in
 *   time, no Secret Service runs, it stayed locked, it refused the call):
 *   asking it again later may succeed. A token that is not saved, or that
 *   cannot be used as it is, is not such an error.
 */
gboolean
ds_secrets_error_is_keyring (const GError *error)
{
  return g_error_matches (error, DS_ERROR, DS_ERROR_TIMED_OUT) ||
         g_error_matches (error, DS_ERROR, DS_ERROR_KEYRING_LOCKED) ||
         g_error_matches (error, DS_ERROR, DS_ERROR_KEYRING_UNAVAILABLE);
}

/* Wipes the token's memory before freeing it. */
void
ds_secrets_free (char *secret)
{
  secret_password_free (secret);
}
