/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "ds-inbox.h"
#include "ds-store.h"

G_BEGIN_DECLS

#define DS_TYPE_APPLICATION (ds_application_get_type ())

G_DECLARE_FINAL_TYPE (DsApplication, ds_application, DS, APPLICATION, GtkApplication)

DsApplication *ds_application_new       (void) G_GNUC_WARN_UNUSED_RESULT;
DsInbox       *ds_application_get_inbox (DsApplication *self);
DsStore       *ds_application_get_store (DsApplication *self);

G_END_DECLS
