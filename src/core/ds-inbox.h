/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "ds-item.h"

G_BEGIN_DECLS

#define DS_TYPE_INBOX (ds_inbox_get_type ())

G_DECLARE_FINAL_TYPE (DsInbox, ds_inbox, DS, INBOX, GObject)

DsInbox    *ds_inbox_new    (void) G_GNUC_WARN_UNUSED_RESULT;
gboolean    ds_inbox_add    (DsInbox     *self,
                             DsItem      *item);
guint       ds_inbox_add_items (DsInbox   *self,
                                GPtrArray *items);
DsItem     *ds_inbox_lookup (DsInbox     *self,
                             const char  *id);
gboolean    ds_inbox_remove (DsInbox     *self,
                             const char  *id);
guint       ds_inbox_clear  (DsInbox     *self);
guint       ds_inbox_count  (DsInbox     *self,
                             guint        state_mask,
                             guint        kind_mask);
guint       ds_inbox_count_waiting (DsInbox *self,
                                    guint    state_mask);

G_END_DECLS
