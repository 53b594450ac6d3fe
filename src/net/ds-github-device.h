/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ds-http.h"

G_BEGIN_DECLS

/* Signing in to GitHub without pasting a token: OAuth's device flow, with
 * the team's own OAuth app (the team profile's github.oauth_client_id).
 * GitHub gives a code, the user types it on GitHub's page and approves, and
 * GitHub gives Dayshift a token with the scopes of the service table. */

#define DS_GH_DEVICE_DEFAULT_INTERVAL 5     /* seconds, when GitHub does not say */
#define DS_GH_DEVICE_SLOW_DOWN        5     /* seconds more, at each slow_down */
#define DS_GH_DEVICE_LONGEST          3600  /* seconds: the longest a code is waited for */

/* What GitHub answers to the start of a sign-in. */
typedef struct
{
  char   *device_code;      /* sent back with each ask; never shown, never logged */
  char   *user_code;        /* what the user types on GitHub's page ("WDJB-MJHT") */
  char   *verification_uri; /* that page: https://, or http:// on this computer */
  gint64  expires_in;       /* seconds the code lasts */
  gint64  interval;         /* seconds between two asks for the token; 0: not said */
} DsGhDeviceCode;

/* What GitHub answers to one ask for the token: the token, or why not yet. */
typedef struct
{
  char   *access_token;      /* the user approved */
  char   *error;             /* else "authorization_pending", "slow_down", … */
  gint64  interval;          /* with slow_down: the interval from now on; 0: not said */
} DsGhDeviceAnswer;

void      ds_gh_device_code_free        (DsGhDeviceCode    *code);
void      ds_gh_device_answer_free      (DsGhDeviceAnswer  *answer);
gpointer  ds_github_device_parse_code   (JsonNode          *root,
                                         const DsJsonScope *scope,
                                         GError           **error);
gpointer  ds_github_device_parse_answer (JsonNode          *root,
                                         const DsJsonScope *scope,
                                         GError           **error);

char     *ds_github_web_origin          (const char        *api_url);

#define DS_TYPE_GITHUB_DEVICE (ds_github_device_get_type ())

G_DECLARE_FINAL_TYPE (DsGithubDevice, ds_github_device, DS, GITHUB_DEVICE, GObject)

DsGithubDevice *ds_github_device_new          (const char          *api_url,
                                               const char          *client_id,
                                               GError             **error);
void            ds_github_device_start_async  (DsGithubDevice      *self,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gboolean        ds_github_device_start_finish (DsGithubDevice      *self,
                                               GAsyncResult        *result,
                                               GError             **error);
const char     *ds_github_device_get_user_code (DsGithubDevice     *self);
const char     *ds_github_device_get_verification_uri (DsGithubDevice *self);
guint           ds_github_device_get_interval (DsGithubDevice      *self);
void            ds_github_device_wait_async   (DsGithubDevice      *self,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
char           *ds_github_device_wait_finish  (DsGithubDevice      *self,
                                               GAsyncResult        *result,
                                               GError             **error);

/* For tests only: how many milliseconds each of GitHub's seconds lasts
 * (its intervals and the code's life), 1000 unless a test shortens it. */
void            ds_github_device_set_tick     (DsGithubDevice      *self,
                                               guint                ms);

G_END_DECLS
