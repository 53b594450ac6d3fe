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

const char *ds_service_label (DsService service);

G_END_DECLS
