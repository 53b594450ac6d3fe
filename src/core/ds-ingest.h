/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ds-inbox.h"
#include "ds-store.h"

G_BEGIN_DECLS

#define DS_TYPE_INGEST (ds_ingest_get_type ())

G_DECLARE_FINAL_TYPE (DsIngest, ds_ingest, DS, INGEST, GObject)

/**
 * DsIngestFlags:
 * @DS_INGEST_QUIET: a first look at a source (or a catch-up): keep the
 *   items, notify none of them one by one
 * @DS_INGEST_CLOSE_MISSING: the batch is the complete list of what is open
 *   for its source and kinds: open items not in it were closed elsewhere
 */
typedef enum
{
  DS_INGEST_NONE = 0,
  DS_INGEST_QUIET = 1 << 0,
  DS_INGEST_CLOSE_MISSING = 1 << 1,
} DsIngestFlags;

DsIngest *ds_ingest_new    (DsInbox        *inbox,
                            DsStore        *store) G_GNUC_WARN_UNUSED_RESULT;
DsItem   *ds_ingest_lookup (DsIngest   *self,
                                     const char *id);
GPtrArray *ds_ingest_open   (DsIngest       *self,
                            const char     *source);
gboolean  ds_ingest_merge  (DsIngest       *self,
                            GPtrArray      *items,
                            const char     *source,
                            guint           kinds,
                            DsIngestFlags   flags,
                            GError        **error);

G_END_DECLS
