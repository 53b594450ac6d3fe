/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "ds-inbox.h"

G_BEGIN_DECLS

#define DS_TYPE_INBOX_FILTER (ds_inbox_filter_get_type ())

G_DECLARE_FINAL_TYPE (DsInboxFilter, ds_inbox_filter, DS, INBOX_FILTER, GObject)

DsInboxFilter *ds_inbox_filter_new        (DsInbox       *inbox,
                                           guint          state_mask,
                                           guint          kind_mask) G_GNUC_WARN_UNUSED_RESULT;
void           ds_inbox_filter_set_masks  (DsInboxFilter *self,
                                           guint          state_mask,
                                           guint          kind_mask);
void           ds_inbox_filter_set_source (DsInboxFilter *self,
                                           const char    *source);
void           ds_inbox_filter_set_search (DsInboxFilter *self,
                                           const char    *text);
void           ds_inbox_filter_set_window (DsInboxFilter *self,
                                           gint64         since,
                                           gint64         until);
gboolean       ds_inbox_filter_find       (DsInboxFilter *self,
                                           DsItem        *item,
                                           guint         *position);

G_END_DECLS
