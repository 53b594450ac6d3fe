/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "ds-response-clock.h"
#include "ds-handoff.h"
#include "ds-inbox.h"
#include "ds-store.h"

G_BEGIN_DECLS

#define DS_TYPE_ROTATION_PAGE (ds_rotation_page_get_type ())

G_DECLARE_FINAL_TYPE (DsRotationPage, ds_rotation_page, DS, ROTATION_PAGE, GtkBox)

GtkWidget *ds_rotation_page_new        (void);
void       ds_rotation_page_set_store  (DsRotationPage *self,
                                        DsStore        *store);
void       ds_rotation_page_set_response_clock (DsRotationPage  *self,
                                                DsResponseClock *clock);
void       ds_rotation_page_set_status (DsRotationPage *self,
                                        const char     *rotation,
                                        const char     *timer,
                                        gboolean        on_rotation);
void       ds_rotation_page_refresh    (DsRotationPage *self);
void       ds_rotation_page_set_handoff_in (DsRotationPage  *self,
                                            const DsHandoff *handoff,
                                            DsInbox         *inbox);

G_END_DECLS
