/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ds-handoff.h"
#include "ds-store.h"

G_BEGIN_DECLS

/* The handoffs read back from the super-epics' comments, kept in the store:
 * the team's past rotations (the report's and the Rotation page's), and the
 * one handed over to whoever starts the next rotation (the items it left,
 * marked with who handed them over). */

gboolean   ds_store_save_handoffs        (DsStore          *self,
                                          GPtrArray        *handoffs,
                                          GError          **error);
GPtrArray *ds_store_load_handoffs        (DsStore          *self,
                                          guint             n,
                                          GError          **error);
GPtrArray *ds_store_load_handoffs_before (DsStore          *self,
                                          gint64            since,
                                          gint64            until,
                                          guint             n,
                                          GError          **error);
gboolean   ds_store_mark_handed_over     (DsStore          *self,
                                          const DsHandoff  *handoff,
                                          GError          **error);

G_END_DECLS
