/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-slice-model"

#include "config.h"

#include "ds-slice-model.h"

/* The first @limit items of another list: what a view shows of a long
 * list, so that it builds widgets for those only (GTK 3 has no list that
 * builds only its visible rows). The view raises the limit as the user
 * scrolls to the end. A change in the list is passed on as the smallest
 * change of the slice: a new item at the top is one row added (and, when
 * the slice is full, one taken off its end), never the slice rebuilt. */
struct _DsSliceModel
{
  GObject     parent_instance;

  GListModel *model;
  guint       limit;
  guint       shown;  /* min (limit, items in the model), as last told */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DsSliceModel, ds_slice_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
ds_slice_model_get_item_type (GListModel *list)
{
  return g_list_model_get_item_type (DS_SLICE_MODEL (list)->model);
}

static guint
ds_slice_model_get_n_items (GListModel *list)
{
  return DS_SLICE_MODEL (list)->shown;
}

static gpointer
ds_slice_model_get_item (GListModel *list,
                         guint       position)
{
  DsSliceModel *self = DS_SLICE_MODEL (list);

  if (position >= self->shown)
    return NULL;
  return g_list_model_get_item (self->model, position);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = ds_slice_model_get_item_type;
  iface->get_n_items = ds_slice_model_get_n_items;
  iface->get_item = ds_slice_model_get_item;
}

static void
on_items_changed (GListModel   *model,
                  guint         position,
                  guint         removed,
                  guint         added,
                  DsSliceModel *self)
{
  guint old_shown = self->shown;
  guint new_shown = MIN (self->limit, g_list_model_get_n_items (model));
  guint removed_in, added_in, now;

  self->shown = new_shown;
  if (position >= old_shown && position >= new_shown)
    return;
  removed_in = position < old_shown ? MIN (removed, old_shown - position) : 0;
  added_in = position < new_shown ? MIN (added, new_shown - position) : 0;
  /* The change within the slice... */
  if (removed_in > 0 || added_in > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), position, removed_in, added_in);
  /* ...then what it pushed off the end, or what came up from beyond it. */
  now = old_shown - removed_in + added_in;
  if (now > new_shown)
    g_list_model_items_changed (G_LIST_MODEL (self), new_shown, now - new_shown, 0);
  else if (now < new_shown)
    g_list_model_items_changed (G_LIST_MODEL (self), now, 0, new_shown - now);
}

static void
ds_slice_model_dispose (GObject *object)
{
  DsSliceModel *self = (DsSliceModel *)object;

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (ds_slice_model_parent_class)->dispose (object);
}

static void
ds_slice_model_class_init (DsSliceModelClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = ds_slice_model_dispose;
}

static void
ds_slice_model_init (DsSliceModel *self)
{
}

/**
 * ds_slice_model_new:
 * @model: (transfer none): the whole list
 * @limit: how many of its first items to show
 */
DsSliceModel *
ds_slice_model_new (GListModel *model,
                    guint       limit)
{
  DsSliceModel *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (model), NULL);

  self = g_object_new (DS_TYPE_SLICE_MODEL, NULL);
  self->model = g_object_ref (model);
  self->limit = limit;
  self->shown = MIN (limit, g_list_model_get_n_items (model));
  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed), self);
  return self;
}

guint
ds_slice_model_get_limit (DsSliceModel *self)
{
  g_return_val_if_fail (DS_IS_SLICE_MODEL (self), 0);
  return self->limit;
}

/* More (the user scrolled to the end), or fewer. */
void
ds_slice_model_set_limit (DsSliceModel *self,
                          guint         limit)
{
  guint old_shown, new_shown;

  g_return_if_fail (DS_IS_SLICE_MODEL (self));

  old_shown = self->shown;
  new_shown = MIN (limit, g_list_model_get_n_items (self->model));
  self->limit = limit;
  self->shown = new_shown;
  if (new_shown > old_shown)
    g_list_model_items_changed (G_LIST_MODEL (self), old_shown, 0, new_shown - old_shown);
  else if (new_shown < old_shown)
    g_list_model_items_changed (G_LIST_MODEL (self), new_shown, old_shown - new_shown, 0);
}

/* How many items of the whole list the slice does not show. */
guint
ds_slice_model_get_hidden (DsSliceModel *self)
{
  g_return_val_if_fail (DS_IS_SLICE_MODEL (self), 0);
  return g_list_model_get_n_items (self->model) - self->shown;
}
