/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "ds-handoff.h"
#include "ds-inbox.h"

G_BEGIN_DECLS

#define DS_TYPE_HANDOFF_VIEW (ds_handoff_view_get_type ())

G_DECLARE_FINAL_TYPE (DsHandoffView, ds_handoff_view, DS, HANDOFF_VIEW, GtkBox)

GtkWidget *ds_handoff_view_new         (void);
void       ds_handoff_view_set_handoff (DsHandoffView   *self,
                                        const DsHandoff *handoff,
                                        DsInbox         *inbox);

G_END_DECLS
