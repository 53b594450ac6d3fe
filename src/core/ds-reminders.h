/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ds-inbox.h"
#include "ds-response-clock.h"
#include "ds-store.h"

G_BEGIN_DECLS

gint64 ds_reminders_run  (DsStore    *store,
                          DsInbox    *inbox,
                          gint64      now,
                          GPtrArray  *woke,
                          GPtrArray  *remind,
                          GError    **error);
gint64 ds_reminders_next (DsInbox    *inbox);

gboolean ds_reminders_response       (DsStore         *store,
                                      DsInbox         *inbox,
                                      DsResponseClock *clock,
                                      gint64           now,
                                      gboolean         quiet,
                                      GPtrArray       *remind,
                                      GError         **error);
char    *ds_reminders_response_title (DsResponseClock *clock,
                                      GPtrArray       *items,
                                      gint64           now);
char    *ds_reminders_response_body  (DsResponseClock *clock,
                                      GPtrArray       *items,
                                      gint64           now);

G_END_DECLS
