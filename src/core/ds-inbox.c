/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-inbox"

#include "config.h"

#include "ds-inbox.h"

/* The inbox is the one list of everything the person on rotation has seen:
 * newest first, each remote thing once. Views that show part of it are
 * DsInboxFilter models on top of it. */
struct _DsInbox
{
  GObject     parent_instance;

  GPtrArray  *items; /* DsItem, sorted newest first */
  GHashTable *by_id; /* id -> DsItem (borrowed from items) */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DsInbox, ds_inbox, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static int
compare_items (DsItem *a,
               DsItem *b)
{
  gint64 ca = ds_item_get_created (a);
  gint64 cb = ds_item_get_created (b);

  if (ca != cb)
    return ca > cb ? -1 : 1;
  return g_strcmp0 (ds_item_get_id (a), ds_item_get_id (b));
}

/* Where @item belongs in the sorted array. */
static guint
find_insert_position (DsInbox *self,
                      DsItem  *item)
{
  guint lo = 0;
  guint hi = self->items->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (compare_items (g_ptr_array_index (self->items, mid), item) < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static gboolean
find_position (DsInbox *self,
               DsItem  *item,
               guint   *position)
{
  return g_ptr_array_find (self->items, item, position);
}

static void
on_item_notify (DsItem     *item,
                GParamSpec *pspec,
                DsInbox    *self)
{
  guint pos;

  /* Views care about these; the rest does not move or hide a row. */
  if (!g_str_equal (pspec->name, "state") && !g_str_equal (pspec->name, "title") &&
      !g_str_equal (pspec->name, "created") && !g_str_equal (pspec->name, "claimed-by") &&
      !g_str_equal (pspec->name, "standup-note"))
    return;
  if (!find_position (self, item, &pos))
    return;

  if (g_strcmp0 (pspec->name, "created") == 0)
    {
      /* The order changed: take the item out and put it back in its place. */
      DsItem *held = g_ptr_array_steal_index (self->items, pos);
      guint new_pos;

      g_list_model_items_changed (G_LIST_MODEL (self), pos, 1, 0);
      new_pos = find_insert_position (self, held);
      g_ptr_array_insert (self->items, new_pos, held);
      g_list_model_items_changed (G_LIST_MODEL (self), new_pos, 0, 1);
      return;
    }

  g_list_model_items_changed (G_LIST_MODEL (self), pos, 1, 1);
}

static void
release_item (gpointer data)
{
  DsItem *item = data;

  /* Disconnect what the inbox connected. */
  g_signal_handlers_disconnect_matched (item, G_SIGNAL_MATCH_FUNC, 0, 0, NULL,
                                        on_item_notify, NULL);
  g_object_unref (item);
}

static GType
ds_inbox_get_item_type (GListModel *model)
{
  return DS_TYPE_ITEM;
}

static guint
ds_inbox_get_n_items (GListModel *model)
{
  return DS_INBOX (model)->items->len;
}

static gpointer
ds_inbox_get_item (GListModel *model,
                   guint       position)
{
  DsInbox *self = DS_INBOX (model);

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = ds_inbox_get_item_type;
  iface->get_n_items = ds_inbox_get_n_items;
  iface->get_item = ds_inbox_get_item;
}

static void
ds_inbox_finalize (GObject *object)
{
  DsInbox *self = (DsInbox *)object;

  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->items, g_ptr_array_unref);

  G_OBJECT_CLASS (ds_inbox_parent_class)->finalize (object);
}

static void
ds_inbox_class_init (DsInboxClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ds_inbox_finalize;
}

static void
ds_inbox_init (DsInbox *self)
{
  self->items = g_ptr_array_new_with_free_func (release_item);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
}

DsInbox *
ds_inbox_new (void)
{
  return g_object_new (DS_TYPE_INBOX, NULL);
}

/**
 * ds_inbox_add:
 * @self: the inbox
 * @item: an item
 *
 * Adds @item unless an item with the same id is already in the inbox.
 *
 * Returns: %TRUE if @item was added, %FALSE if it was a duplicate
 */
gboolean
ds_inbox_add (DsInbox *self,
              DsItem  *item)
{
  guint pos;

  g_return_val_if_fail (DS_IS_INBOX (self), FALSE);
  g_return_val_if_fail (DS_IS_ITEM (item), FALSE);

  if (g_hash_table_contains (self->by_id, ds_item_get_id (item)))
    return FALSE;

  pos = find_insert_position (self, item);
  g_ptr_array_insert (self->items, pos, g_object_ref (item));
  g_hash_table_insert (self->by_id, (gpointer)ds_item_get_id (item), item);
  /* The inbox holds the item, so the item cannot outlive the handler. */
  g_signal_connect (item, "notify", G_CALLBACK (on_item_notify), self);
  g_list_model_items_changed (G_LIST_MODEL (self), pos, 0, 1);

  return TRUE;
}

static int
compare_indirect (gconstpointer a,
                  gconstpointer b)
{
  return compare_items (*(DsItem **)a, *(DsItem **)b);
}

/**
 * ds_inbox_add_items:
 * @items: (element-type DsItem): items, in any order
 *
 * Adds the items not already in the inbox, in one change for the views:
 * the cheap way to take in a large poll.
 *
 * Returns: how many were added
 */
guint
ds_inbox_add_items (DsInbox   *self,
                    GPtrArray *items)
{
  guint old_len, added = 0;
  GPtrArray *fresh, *merged;

  g_return_val_if_fail (DS_IS_INBOX (self), 0);
  g_return_val_if_fail (items != NULL, 0);

  if (items->len < 8)
    {
      for (guint i = 0; i < items->len; i++)
        added += ds_inbox_add (self, g_ptr_array_index (items, i));
      return added;
    }

  old_len = self->items->len;
  fresh = g_ptr_array_sized_new (items->len);
  for (guint i = 0; i < items->len; i++)
    {
      DsItem *item = g_ptr_array_index (items, i);

      if (g_hash_table_contains (self->by_id, ds_item_get_id (item)))
        continue;
      g_ptr_array_add (fresh, g_object_ref (item));
      g_hash_table_insert (self->by_id, (gpointer)ds_item_get_id (item), item);
      g_signal_connect (item, "notify", G_CALLBACK (on_item_notify), self);
      added++;
    }
  if (added == 0)
    return 0;
  /* The new ones sorted, then merged with the sorted rest: a catch-up taken
   * in slices does not sort the whole inbox again for each slice. */
  g_ptr_array_sort (fresh, compare_indirect);
  merged = g_ptr_array_new_full (old_len + added, release_item);
  for (guint i = 0, j = 0; i < old_len || j < added;)
    {
      if (j == added ||
          (i < old_len && compare_items (self->items->pdata[i], fresh->pdata[j]) <= 0))
        g_ptr_array_add (merged, self->items->pdata[i++]);
      else
        g_ptr_array_add (merged, fresh->pdata[j++]);
    }
  /* The references moved to @merged. */
  g_ptr_array_set_free_func (self->items, NULL);
  g_ptr_array_unref (self->items);
  self->items = merged;
  g_ptr_array_unref (fresh);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_len, self->items->len);
  return added;
}

/**
 * ds_inbox_lookup:
 *
 * Returns: (transfer none) (nullable): the item with @id
 */
DsItem *
ds_inbox_lookup (DsInbox    *self,
                 const char *id)
{
  g_return_val_if_fail (DS_IS_INBOX (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return g_hash_table_lookup (self->by_id, id);
}

gboolean
ds_inbox_remove (DsInbox    *self,
                 const char *id)
{
  DsItem *item;
  guint pos;

  g_return_val_if_fail (DS_IS_INBOX (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  item = g_hash_table_lookup (self->by_id, id);
  if (item == NULL || !find_position (self, item, &pos))
    return FALSE;

  g_hash_table_remove (self->by_id, id);
  g_ptr_array_remove_index (self->items, pos);
  g_list_model_items_changed (G_LIST_MODEL (self), pos, 1, 0);
  return TRUE;
}

/**
 * ds_inbox_clear:
 *
 * Removes every item, in one change for the views: when another workspace
 * (the demo, or the team's) takes over the inbox.
 *
 * Returns: how many items were removed
 */
guint
ds_inbox_clear (DsInbox *self)
{
  guint n;

  g_return_val_if_fail (DS_IS_INBOX (self), 0);

  n = self->items->len;
  if (n == 0)
    return 0;
  g_hash_table_remove_all (self->by_id);
  g_ptr_array_set_size (self->items, 0);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, n, 0);
  return n;
}

/**
 * ds_inbox_count:
 * @state_mask: DS_STATE_BIT()s of the states to count
 * @kind_mask: DS_KIND_BIT()s of the kinds to count
 *
 * Returns: how many items have one of those states and one of those kinds
 */
guint
ds_inbox_count (DsInbox *self,
                guint    state_mask,
                guint    kind_mask)
{
  guint n = 0;

  g_return_val_if_fail (DS_IS_INBOX (self), 0);

  for (guint i = 0; i < self->items->len; i++)
    {
      DsItem *item = g_ptr_array_index (self->items, i);

      if ((state_mask & DS_STATE_BIT (ds_item_get_state (item))) &&
          (kind_mask & DS_KIND_BIT (ds_item_get_kind (item))))
        n++;
    }
  return n;
}

/**
 * ds_inbox_count_waiting:
 * @state_mask: DS_STATE_BIT()s of the states to count
 *
 * Returns: how many items in those states wait for the user: one a teammate
 *   took is theirs, not the user's, until it is done
 */
guint
ds_inbox_count_waiting (DsInbox *self,
                        guint    state_mask)
{
  guint n = 0;

  g_return_val_if_fail (DS_IS_INBOX (self), 0);

  for (guint i = 0; i < self->items->len; i++)
    {
      DsItem *item = g_ptr_array_index (self->items, i);

      if ((state_mask & DS_STATE_BIT (ds_item_get_state (item))) &&
          ds_item_get_claimed_by (item) == NULL)
        n++;
    }
  return n;
}
