/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* How long a keyring call may take before Dayshift gives up on it. A
 * keyring that wants to show an unlock prompt nobody can see would
 * otherwise make the call hang forever. */
#define DS_SECRETS_DEFAULT_TIMEOUT_MS 10000

/* The services whose tokens Dayshift keeps. */
#define DS_SECRET_GITHUB    "github"
#define DS_SECRET_SLACK     "slack"
#define DS_SECRET_SLACK_APP "slack-app"
#define DS_SECRET_PAGERDUTY "pagerduty"
#define DS_SECRET_ZENHUB    "zenhub"

const char *ds_secrets_schema_name   (void);
const char *ds_secrets_service_label (const char          *service);
const char *ds_secrets_default_host  (const char          *service);
const char *ds_secrets_origin_key    (const char          *service,
                                      const char          *url);

void        ds_secrets_store_async   (const char          *service,
                                      const char          *host,
                                      const char          *secret,
                                      guint                timeout_ms,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
gboolean    ds_secrets_store_finish  (GAsyncResult        *result,
                                      GError             **error);
void        ds_secrets_lookup_async  (const char          *service,
                                      const char          *host,
                                      guint                timeout_ms,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
char       *ds_secrets_lookup_finish (GAsyncResult        *result,
                                      GError             **error);
void        ds_secrets_clear_async   (const char          *service,
                                      const char          *host,
                                      guint                timeout_ms,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
gboolean    ds_secrets_clear_finish  (GAsyncResult        *result,
                                      GError             **error);
void        ds_secrets_free          (char                *secret);
char       *ds_secrets_clean_token   (const char          *service,
                                      const char          *raw,
                                      GError             **error);
gboolean    ds_secrets_error_is_keyring (const GError     *error);

G_END_DECLS
