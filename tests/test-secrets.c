/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include <libsecret/secret.h>

#include "ds-error.h"
#include "ds-secrets.h"

/* Run in three sessions by meson: with an unlocked gnome-keyring
 * (/ds/secrets/keyring/...), with a bus and no keyring
 * (/ds/secrets/absent), with a Secret Service that never answers
 * (/ds/secrets/hang, served by this process), and as in a sandbox, with
 * the Secret portal only (/ds/secrets/portal). */

typedef struct
{
  GMainLoop    *loop;
  GAsyncResult *result;
} Wait;

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Wait *w = user_data;

  w->result = g_object_ref (result);
  g_main_loop_quit (w->loop);
}

static GAsyncResult *
wait_result (Wait *w)
{
  g_main_loop_run (w->loop);
  return w->result;
}

#define WAIT_INIT { g_main_loop_new (NULL, FALSE), NULL }

static void
wait_clear (Wait *w)
{
  g_clear_pointer (&w->loop, g_main_loop_unref);
  g_clear_object (&w->result);
}

static gboolean
store_sync (const char  *service,
            const char  *host,
            const char  *secret,
            guint        timeout_ms,
            GError     **error)
{
  Wait w = WAIT_INIT;
  gboolean ok;

  ds_secrets_store_async (service, host, secret, timeout_ms, NULL, on_done, &w);
  ok = ds_secrets_store_finish (wait_result (&w), error);
  wait_clear (&w);
  return ok;
}

static char *
lookup_sync (const char  *service,
             const char  *host,
             guint        timeout_ms,
             GError     **error)
{
  Wait w = WAIT_INIT;
  char *secret;

  ds_secrets_lookup_async (service, host, timeout_ms, NULL, on_done, &w);
  secret = ds_secrets_lookup_finish (wait_result (&w), error);
  wait_clear (&w);
  return secret;
}

static gboolean
clear_sync (const char  *service,
            const char  *host,
            GError     **error)
{
  Wait w = WAIT_INIT;
  gboolean ok;

  ds_secrets_clear_async (service, host, 0, NULL, on_done, &w);
  ok = ds_secrets_clear_finish (wait_result (&w), error);
  wait_clear (&w);
  return ok;
}

static void
test_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  char *secret;

  g_assert_true (store_sync (DS_SECRET_GITHUB, "api.github.com", "ghp_first", 0, &error));
  g_assert_no_error (error);
  g_assert_true (store_sync (DS_SECRET_GITHUB, "github.example.com", "ghp_enterprise", 0,
                             &error));
  g_assert_no_error (error);
  /* Saving again replaces. */
  g_assert_true (store_sync (DS_SECRET_GITHUB, "api.github.com", "ghp_second", 0, &error));

  secret = lookup_sync (DS_SECRET_GITHUB, "api.github.com", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (secret, ==, "ghp_second");
  ds_secrets_free (secret);
  secret = lookup_sync (DS_SECRET_GITHUB, "github.example.com", 0, &error);
  g_assert_cmpstr (secret, ==, "ghp_enterprise");
  ds_secrets_free (secret);

  /* Nothing stored: no token, no error. */
  secret = lookup_sync (DS_SECRET_PAGERDUTY, "api.pagerduty.com", 0, &error);
  g_assert_no_error (error);
  g_assert_null (secret);

  g_assert_true (clear_sync (DS_SECRET_GITHUB, "api.github.com", &error));
  g_assert_no_error (error);
  secret = lookup_sync (DS_SECRET_GITHUB, "api.github.com", 0, &error);
  g_assert_no_error (error);
  g_assert_null (secret);
  /* Clearing what is not there is fine. */
  g_assert_true (clear_sync (DS_SECRET_GITHUB, "api.github.com", &error));
  g_assert_no_error (error);
}

static void
test_attributes_hold_no_secret (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SecretService) service = NULL;
  g_autoptr(GHashTable) query = g_hash_table_new (g_str_hash, g_str_equal);
  GList *items;
  guint found = 0;

  g_assert_true (store_sync (DS_SECRET_SLACK, "slack.com", "xoxp-very-secret", 0, &error));
  g_assert_no_error (error);

  service = secret_service_get_sync (SECRET_SERVICE_LOAD_COLLECTIONS, NULL, &error);
  g_assert_no_error (error);
  g_hash_table_insert (query, "xdg:schema", (gpointer)ds_secrets_schema_name ());
  items = secret_service_search_sync (service, NULL, query, SECRET_SEARCH_ALL, NULL, &error);
  g_assert_no_error (error);

  for (GList *l = items; l != NULL; l = l->next)
    {
      g_autoptr(GHashTable) attrs = secret_item_get_attributes (l->data);
      g_autofree char *label = secret_item_get_label (l->data);
      GHashTableIter iter;
      gpointer key, value;

      if (g_strcmp0 (g_hash_table_lookup (attrs, "service"), DS_SECRET_SLACK) != 0)
        continue;
      found++;
      g_assert_cmpstr (g_hash_table_lookup (attrs, "host"), ==, "slack.com");
      g_assert_cmpstr (ds_secrets_schema_name (), ==, "io.github.dayshift.Dayshift");
      g_hash_table_iter_init (&iter, attrs);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          g_assert_null (strstr (key, "xoxp"));
          g_assert_null (strstr (value, "xoxp"));
        }
      g_assert_cmpstr (label, ==, "Dayshift: Slack token (slack.com)");
    }
  g_list_free_full (items, g_object_unref);
  g_assert_cmpuint (found, ==, 1);
}

static void
test_locked_keyring (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SecretService) service = NULL;
  g_autoptr(SecretCollection) collection = NULL;
  GList *objects;
  gint64 start;
  char *secret;

  service = secret_service_get_sync (SECRET_SERVICE_LOAD_COLLECTIONS, NULL, &error);
  g_assert_no_error (error);
  collection = secret_collection_for_alias_sync (service, SECRET_COLLECTION_DEFAULT,
                                                 SECRET_COLLECTION_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (collection);
  objects = g_list_append (NULL, collection);
  g_assert_cmpint (secret_service_lock_sync (service, objects, NULL, NULL, &error), ==, 1);
  g_assert_no_error (error);
  g_list_free (objects);

  /* Either the keyring refuses at once, or it asks for a password that
   * nobody can type; both must end in a clear error, soon. */
  start = g_get_monotonic_time ();
  g_assert_false (store_sync (DS_SECRET_ZENHUB, "api.zenhub.com", "zh-token", 1500, &error));
  g_assert_nonnull (error);
  g_assert_true (g_error_matches (error, DS_ERROR, DS_ERROR_KEYRING_LOCKED) ||
                 g_error_matches (error, DS_ERROR, DS_ERROR_TIMED_OUT));
  g_assert_nonnull (strstr (error->message, "ZenHub"));
  g_assert_nonnull (strstr (error->message, "nlock"));
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
  g_test_message ("locked keyring, store: %s", error->message);
  g_clear_error (&error);

  /* A token the locked keyring holds: not read, and not taken for one
   * never saved (the unlock was refused: no prompt can be shown here). */
  start = g_get_monotonic_time ();
  secret = lookup_sync (DS_SECRET_SLACK, "slack.com", 1500, &error);
  g_assert_null (secret);
  g_assert_nonnull (error);
  g_assert_true (g_error_matches (error, DS_ERROR, DS_ERROR_KEYRING_LOCKED) ||
                 g_error_matches (error, DS_ERROR, DS_ERROR_TIMED_OUT));
  g_assert_true (ds_secrets_error_is_keyring (error));
  g_assert_nonnull (strstr (error->message, "Slack"));
  g_test_message ("locked keyring, lookup: %s", error->message);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
  g_clear_error (&error);

  /* One never saved: none, as in an unlocked keyring. */
  secret = lookup_sync (DS_SECRET_PAGERDUTY, "pagerduty.example.com", 1500, &error);
  g_assert_no_error (error);
  g_assert_null (secret);
}

static void
test_absent (void)
{
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  char *secret;

  g_assert_false (store_sync (DS_SECRET_GITHUB, "api.github.com", "ghp_x", 0, &error));
  g_assert_error (error, DS_ERROR, DS_ERROR_KEYRING_UNAVAILABLE);
  g_assert_nonnull (strstr (error->message, "No keyring"));
  g_assert_nonnull (strstr (error->message, "GitHub"));
  g_clear_error (&error);

  secret = lookup_sync (DS_SECRET_SLACK, "slack.com", 0, &error);
  g_assert_null (secret);
  g_assert_error (error, DS_ERROR, DS_ERROR_KEYRING_UNAVAILABLE);
  g_assert_true (ds_secrets_error_is_keyring (error));
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);
}

/* A Secret Service that takes calls and never answers them. */
static void
on_hang_call (GDBusConnection       *conn,
              const char            *sender,
              const char            *path,
              const char            *iface,
              const char            *method,
              GVariant              *params,
              GDBusMethodInvocation *invocation,
              gpointer               user_data)
{
  GPtrArray *held = user_data;

  /* The handler owns the invocation: keep it, never answer. */
  g_ptr_array_add (held, invocation);
}

static void
on_name_acquired (GDBusConnection *conn,
                  const char      *name,
                  gpointer         user_data)
{
  g_main_loop_quit (user_data);
}

static void
test_hang (void)
{
  static const GDBusInterfaceVTable vtable = { on_hang_call, NULL, NULL, { 0 } };
  const char *xml =
    "<node><interface name='org.freedesktop.Secret.Service'>"
    "<method name='OpenSession'><arg type='s' direction='in'/><arg type='v' direction='in'/>"
    "<arg type='v' direction='out'/><arg type='o' direction='out'/></method>"
    "<method name='SearchItems'><arg type='a{ss}' direction='in'/>"
    "<arg type='ao' direction='out'/><arg type='ao' direction='out'/></method>"
    "</interface></node>";
  g_autoptr(GError) error = NULL;
  g_autoptr(GDBusConnection) conn = NULL;
  g_autoptr(GDBusNodeInfo) info = NULL;
  g_autoptr(GPtrArray) held = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autofree char *address = g_dbus_address_get_for_bus_sync (G_BUS_TYPE_SESSION, NULL, &error);
  gint64 start;
  guint reg, own;
  char *secret;

  g_assert_no_error (error);
  conn = g_dbus_connection_new_for_address_sync (address,
                                                 G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                 G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                 NULL, NULL, &error);
  g_assert_no_error (error);
  info = g_dbus_node_info_new_for_xml (xml, &error);
  g_assert_no_error (error);
  reg = g_dbus_connection_register_object (conn, "/org/freedesktop/secrets",
                                           info->interfaces[0], &vtable, held, NULL, &error);
  g_assert_no_error (error);
  own = g_bus_own_name_on_connection (conn, "org.freedesktop.secrets", 0, on_name_acquired,
                                      NULL, loop, NULL);
  g_main_loop_run (loop);

  start = g_get_monotonic_time ();
  secret = lookup_sync (DS_SECRET_PAGERDUTY, "api.pagerduty.com", 700, &error);
  g_assert_null (secret);
  g_assert_error (error, DS_ERROR, DS_ERROR_TIMED_OUT);
  g_assert_true (ds_secrets_error_is_keyring (error));
  g_assert_nonnull (strstr (error->message, "did not answer"));
  g_assert_nonnull (strstr (error->message, "PagerDuty"));
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 600 * 1000);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
  g_assert_cmpuint (held->len, >=, 1);

  g_bus_unown_name (own);
  g_dbus_connection_unregister_object (conn, reg);
  g_clear_error (&error);
  g_assert_true (g_dbus_connection_close_sync (conn, NULL, &error));
  g_assert_no_error (error);
  /* Calls that arrived meanwhile wait in the main context: take them too. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_ptr_array_set_size (held, 0);
}

/* The README's way to provision a token from a script. */
static void
test_secret_tool_provisioning (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  char *secret;

  proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE, &error,
                           "secret-tool", "store", "--label=Dayshift: PagerDuty token",
                           "xdg:schema", "io.github.dayshift.Dayshift",
                           "service", "pagerduty", "host", "api.pagerduty.com", NULL);
  g_assert_no_error (error);
  /* As `echo TOKEN | secret-tool store ...` saves it: with a newline. */
  g_assert_true (g_subprocess_communicate_utf8 (proc, "u+pd-token-from-a-script\n", NULL, NULL,
                                                NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (proc));

  secret = lookup_sync (DS_SECRET_PAGERDUTY, "api.pagerduty.com", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (secret, ==, "u+pd-token-from-a-script");
  ds_secrets_free (secret);
}

/* A token is bound to its origin: scheme, host and port. */
static void
test_origin_key (void)
{
  g_assert_cmpstr (ds_secrets_origin_key (DS_SECRET_GITHUB, "https://api.github.com"), ==,
                   "api.github.com");
  g_assert_cmpstr (ds_secrets_origin_key (DS_SECRET_GITHUB, "https://ghe.acme.com:443/api/v3"),
                   ==, "ghe.acme.com");
  g_assert_cmpstr (ds_secrets_origin_key (DS_SECRET_GITHUB, "https://ghe.acme.com:8443/api/v3"),
                   ==, "https://ghe.acme.com:8443");
  g_assert_cmpstr (ds_secrets_origin_key (DS_SECRET_GITHUB, "http://127.0.0.1:4010/github"), ==,
                   "http://127.0.0.1:4010");
  g_assert_cmpstr (ds_secrets_origin_key (DS_SECRET_SLACK, NULL), ==, "slack.com");
}

/* Pasted with spaces and a newline: saved without them. A line break or a
 * control character inside: refused, naming the service, nothing saved. */
static void
test_token_cleaned (void)
{
  g_autoptr(GError) error = NULL;
  char *secret;

  g_assert_true (store_sync (DS_SECRET_GITHUB, "api.github.com", "  ghp_pasted\r\n", 0, &error));
  g_assert_no_error (error);
  secret = lookup_sync (DS_SECRET_GITHUB, "api.github.com", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (secret, ==, "ghp_pasted");
  ds_secrets_free (secret);

  g_assert_false (store_sync (DS_SECRET_GITHUB, "api.github.com", "ghp_two\nlines", 0, &error));
  g_assert_error (error, DS_ERROR, DS_ERROR_INVALID_ARGUMENT);
  /* Not the keyring's failure: asking it again would not help. */
  g_assert_false (ds_secrets_error_is_keyring (error));
  g_assert_nonnull (strstr (error->message, "GitHub token"));
  g_assert_null (strstr (error->message, "ghp_"));
  g_clear_error (&error);
  g_assert_false (store_sync (DS_SECRET_GITHUB, "api.github.com", " \n", 0, &error));
  g_assert_error (error, DS_ERROR, DS_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  secret = lookup_sync (DS_SECRET_GITHUB, "api.github.com", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (secret, ==, "ghp_pasted");
  ds_secrets_free (secret);
}

static void
test_caller_cancels (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Wait w = WAIT_INIT;

  ds_secrets_lookup_async (DS_SECRET_GITHUB, "api.github.com", 0, cancellable, on_done, &w);
  g_cancellable_cancel (cancellable);
  g_assert_null (ds_secrets_lookup_finish (wait_result (&w), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  wait_clear (&w);
}

/* In a sandbox: no Secret Service on the bus, only the Secret portal.
 * libsecret keeps the tokens in the application's own keyring file,
 * encrypted with the master secret the portal gives; Dayshift's calls are
 * the same. libsecret takes that path inside Flatpak (/.flatpak-info) or a
 * Snap (SNAP_NAME), the latter being what a test can set. */
static void
test_portal (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *keyring = g_build_filename (g_get_user_data_dir (), "keyrings",
                                               "default.keyring", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *log = NULL;
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GVariant) owned = NULL;
  gsize length = 0;
  char *secret;

  if (g_getenv ("DS_PORTAL_LOG") == NULL)
    {
      g_test_skip ("needs the harness's desktop portals (--portals)");
      return;
    }
  g_setenv ("SECRET_BACKEND", "file", TRUE);
  g_setenv ("SNAP_NAME", "dayshift", TRUE);

  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  owned = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", "org.freedesktop.secrets"),
                                       G_VARIANT_TYPE ("(b)"), 0, -1, NULL, &error);
  g_assert_no_error (error);
  {
    gboolean has_owner = TRUE;

    g_variant_get (owned, "(b)", &has_owner);
    g_assert_false (has_owner);
  }

  g_assert_true (store_sync (DS_SECRET_SLACK, "slack.com", "xoxb-portal-kept", 0, &error));
  g_assert_no_error (error);
  secret = lookup_sync (DS_SECRET_SLACK, "slack.com", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (secret, ==, "xoxb-portal-kept");
  ds_secrets_free (secret);

  /* The file holds it encrypted, never as it is. */
  g_assert_true (g_file_get_contents (keyring, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 0);
  g_assert_null (g_strstr_len (contents, length, "xoxb-portal-kept"));
  /* The master secret came from the portal. */
  g_assert_true (g_file_get_contents (g_getenv ("DS_PORTAL_LOG"), &log, NULL, &error));
  g_assert_nonnull (strstr (log, "\"RetrieveSecret\""));

  g_assert_true (clear_sync (DS_SECRET_SLACK, "slack.com", &error));
  g_assert_no_error (error);
  secret = lookup_sync (DS_SECRET_SLACK, "slack.com", 0, &error);
  g_assert_no_error (error);
  g_assert_null (secret);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ds/secrets/keyring/round-trip", test_round_trip);
  g_test_add_func ("/ds/secrets/keyring/attributes-hold-no-secret", test_attributes_hold_no_secret);
  g_test_add_func ("/ds/secrets/keyring/caller-cancels", test_caller_cancels);
  g_test_add_func ("/ds/secrets/keyring/token-cleaned", test_token_cleaned);
  g_test_add_func ("/ds/secrets/keyring/origin-key", test_origin_key);
  g_test_add_func ("/ds/secrets/keyring/secret-tool", test_secret_tool_provisioning);
  /* Last: it leaves the keyring locked. */
  g_test_add_func ("/ds/secrets/keyring/z-locked", test_locked_keyring);
  g_test_add_func ("/ds/secrets/absent", test_absent);
  g_test_add_func ("/ds/secrets/hang", test_hang);
  g_test_add_func ("/ds/secrets/portal", test_portal);

  return g_test_run ();
}
