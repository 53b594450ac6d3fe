/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ds-source.h"

G_BEGIN_DECLS

/* How the workspace reads each service, said once (ds-readers.c): whether a
 * team profile gives it anything to read or write, and its source. The
 * rest of what is known of a service is in core (ds-service.c) and in the
 * HTTP table (ds-http-services.c). */
typedef struct
{
  /* The profile gives it something to read or write. */
  gboolean  (*needed)     (DsTeamProfile *profile);
  /* Its source, or NULL for a service that is not read (ZenHub). */
  DsSource *(*new_source) (DsHttp        *http,
                           DsTeamProfile *profile,
                           DsIngest      *ingest,
                           DsStore       *store);
} DsReader;

const DsReader *ds_reader (DsService service);

G_END_DECLS
