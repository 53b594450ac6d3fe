/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define DS_TYPE_SLICE_MODEL (ds_slice_model_get_type ())

G_DECLARE_FINAL_TYPE (DsSliceModel, ds_slice_model, DS, SLICE_MODEL, GObject)

DsSliceModel *ds_slice_model_new       (GListModel   *model,
                                        guint         limit) G_GNUC_WARN_UNUSED_RESULT;
guint         ds_slice_model_get_limit (DsSliceModel *self);
void          ds_slice_model_set_limit (DsSliceModel *self,
                                        guint         limit);
guint         ds_slice_model_get_hidden (DsSliceModel *self);

G_END_DECLS
