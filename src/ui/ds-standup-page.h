/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "ds-inbox.h"

G_BEGIN_DECLS

#define DS_TYPE_STANDUP_PAGE (ds_standup_page_get_type ())

G_DECLARE_FINAL_TYPE (DsStandupPage, ds_standup_page, DS, STANDUP_PAGE, GtkBox)

GtkWidget *ds_standup_page_new (DsInbox *inbox);

G_END_DECLS
