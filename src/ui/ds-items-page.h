/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "ds-inbox.h"
#include "ds-response-clock.h"
#include "ds-store.h"

G_BEGIN_DECLS

#define DS_TYPE_ITEMS_PAGE (ds_items_page_get_type ())

G_DECLARE_FINAL_TYPE (DsItemsPage, ds_items_page, DS, ITEMS_PAGE, GtkBox)

GtkWidget    *ds_items_page_new            (DsInbox     *inbox,
                                            gboolean     history);
void          ds_items_page_set_unread     (DsItemsPage *self,
                                            const char  *text);
void          ds_items_page_set_store      (DsItemsPage *self,
                                            DsStore     *store);
guint         ds_items_page_get_n_items    (DsItemsPage *self);
GtkSearchBar *ds_items_page_get_search_bar (DsItemsPage *self);
void          ds_items_page_set_search     (DsItemsPage *self,
                                            const char  *text);
void          ds_items_page_refresh_times  (DsItemsPage *self);
void          ds_items_page_set_response_clock (DsItemsPage     *self,
                                                DsResponseClock *clock);
gboolean      ds_items_page_show_item      (DsItemsPage *self,
                                            DsItem      *item);

G_END_DECLS
