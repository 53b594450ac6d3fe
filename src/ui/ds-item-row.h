/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "ds-item.h"
#include "ds-response-clock.h"

G_BEGIN_DECLS

#define DS_TYPE_ITEM_ROW (ds_item_row_get_type ())
G_DECLARE_FINAL_TYPE (DsItemRow, ds_item_row, DS, ITEM_ROW, GtkListBoxRow)

GtkWidget  *ds_item_row_new          (DsItem          *item,
                                      DsResponseClock *clock,
                                      GCallback        on_menu,
                                      gpointer         user_data);
DsItem     *ds_item_row_get_item     (GtkWidget       *row);
void        ds_item_row_refresh_time (GtkWidget       *row,
                                      DsResponseClock *clock);
void        ds_item_show_wait        (GtkLabel        *label,
                                      DsResponseClock *clock,
                                      DsItem          *item,
                                      gboolean         answered_too);
GMenuModel *ds_item_row_menu         (DsItem    *item) G_GNUC_WARN_UNUSED_RESULT;
GMenuModel *ds_item_snooze_menu      (DsItem    *item) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
