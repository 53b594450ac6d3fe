/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ds-inbox.h"
#include "ds-store.h"

G_BEGIN_DECLS

gint64 ds_reminders_run  (DsStore    *store,
                          DsInbox    *inbox,
                          gint64      now,
                          GPtrArray  *woke,
                          GPtrArray  *remind,
                          GError    **error);
gint64 ds_reminders_next (DsInbox    *inbox);

G_END_DECLS
