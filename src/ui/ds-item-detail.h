/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "ds-item.h"
#include "ds-response-clock.h"
#include "ds-store.h"

G_BEGIN_DECLS

#define DS_TYPE_ITEM_DETAIL (ds_item_detail_get_type ())

G_DECLARE_FINAL_TYPE (DsItemDetail, ds_item_detail, DS, ITEM_DETAIL, GtkBox)

GtkWidget *ds_item_detail_new      (void);
void       ds_item_detail_set_item (DsItemDetail *self,
                                    DsItem       *item,
                                    DsStore      *store);
DsItem    *ds_item_detail_get_item (DsItemDetail *self);
void       ds_item_detail_set_response_clock (DsItemDetail    *self,
                                              DsResponseClock *clock);
void       ds_item_detail_refresh_time (DsItemDetail *self);

G_END_DECLS
