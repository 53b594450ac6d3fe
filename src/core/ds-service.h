/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The services Dayshift talks to. */
typedef enum
{
  DS_SERVICE_GITHUB,
  DS_SERVICE_SLACK,
  DS_SERVICE_PAGERDUTY,
  DS_SERVICE_ZENHUB,
} DsService;

#define DS_N_SERVICES (DS_SERVICE_ZENHUB + 1)

/* What Dayshift knows of a service, said once (ds-service.c). The HTTP
 * dialect of each is in src/net/ds-http-services.c. */
typedef struct
{
  DsService   service;
  const char *id;            /* an item's source, a token's name in the keyring */
  const char *label;         /* the name people know it by (untranslated) */
  const char *default_url;   /* its API, unless the team profile names another */
  const char *profile_key;   /* the team profile's object for it */
  gboolean    required;      /* every team profile has it */
  gboolean    read;          /* Dayshift reads it (ZenHub is only written to) */
  const char *app_secret;    /* a second token it may take (Slack's app-level one), or NULL */
  const char *app_label;     /* what that token is for (untranslated), or NULL */
  /* What its token must be allowed (the scopes the service names), or NULL
   * where the service has no scopes: the one list the setup check, the
   * README's token table and data/slack-app-manifest.json follow. */
  const char * const *scopes;
  const char * const *app_scopes; /* the same for the second token */
  const char *token_page;    /* the vendor's page where a token is made */
} DsServiceInfo;

const DsServiceInfo *ds_service_info           (DsService   service);
const DsServiceInfo *ds_service_info_for_id    (const char *id);
const DsServiceInfo *ds_service_info_for_secret (const char *secret,
                                                 gboolean   *app);
const char          *ds_service_label          (DsService   service);
const char          *ds_service_default_host   (DsService   service);
char                *ds_service_join_labels    (guint       mask);

G_END_DECLS
