/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-ingest"

#include "config.h"

#include "ds-ingest.h"
#include "ds-item-private.h"

/* Where what the sources found meets what Dayshift already knows. Each
 * remote thing becomes one item, once, across restarts (the store holds
 * every id ever seen); what changed elsewhere (claimed by a teammate,
 * acknowledged in PagerDuty, closed on GitHub) updates the item; the rest
 * of the app hears of new items through the "new-item" signal, with
 * whether the person on rotation should be told. */

struct _DsIngest
{
  GObject  parent_instance;

  DsInbox *inbox;
  DsStore *store;   /* may be NULL: then nothing outlives the process */
};

G_DEFINE_FINAL_TYPE (DsIngest, ds_ingest, G_TYPE_OBJECT)

enum { SIGNAL_NEW_ITEM, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
ds_ingest_dispose (GObject *object)
{
  DsIngest *self = (DsIngest *)object;

  g_clear_object (&self->inbox);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (ds_ingest_parent_class)->dispose (object);
}

static void
ds_ingest_class_init (DsIngestClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = ds_ingest_dispose;

  /**
   * DsIngest::new-item:
   * @item: the item
   * @notify: whether to tell the user: new, not claimed by anyone, not a
   *   first look at the source
   */
  signals[SIGNAL_NEW_ITEM] =
    g_signal_new ("new-item", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, DS_TYPE_ITEM, G_TYPE_BOOLEAN);
}

static void
ds_ingest_init (DsIngest *self)
{
}

DsIngest *
ds_ingest_new (DsInbox *inbox,
               DsStore *store)
{
  DsIngest *self;

  g_return_val_if_fail (DS_IS_INBOX (inbox), NULL);
  g_return_val_if_fail (store == NULL || DS_IS_STORE (store), NULL);

  self = g_object_new (DS_TYPE_INGEST, NULL);
  self->inbox = g_object_ref (inbox);
  self->store = store != NULL ? g_object_ref (store) : NULL;
  return self;
}

/**
 * ds_ingest_lookup:
 *
 * Returns: (transfer none) (nullable): the known item with @id
 */
DsItem *
ds_ingest_lookup (DsIngest   *self,
                           const char *id)
{
  g_return_val_if_fail (DS_IS_INGEST (self), NULL);
  return ds_inbox_lookup (self->inbox, id);
}

static gboolean
is_open (DsItem *item)
{
  DsItemState s = ds_item_get_state (item);
  return s != DS_ITEM_STATE_DONE && s != DS_ITEM_STATE_DISMISSED;
}

/**
 * ds_ingest_open:
 * @source: e.g. "slack"
 *
 * Returns: (transfer container) (element-type DsItem): the items of @source
 *   still open (claimed by a teammate or not), to follow until they are done
 */
GPtrArray *
ds_ingest_open (DsIngest   *self,
                const char *source)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_object_unref);
  guint n;

  g_return_val_if_fail (DS_IS_INGEST (self), out);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->inbox));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DsItem) item = g_list_model_get_item (G_LIST_MODEL (self->inbox), i);

      if (g_strcmp0 (ds_item_get_source (item), source) == 0 && is_open (item))
        g_ptr_array_add (out, g_steal_pointer (&item));
    }
  return out;
}

/* Moves @item to @to because a service said so, if the move is allowed. */
static gboolean
follow_remote (DsIngest     *self,
               DsItem       *item,
               DsItemState   to,
               const char   *actor,
               GError      **error)
{
  if (ds_item_get_state (item) == to || !ds_item_can_transition (ds_item_get_state (item), to))
    return TRUE;
  if (self->store != NULL)
    return ds_store_transition (self->store, item, to, actor, NULL, error);
  return ds_item_transition (item, to, error);
}

/* The first response the service shows on a fresh item: a reply in its
 * thread (the classifier gave its time), else, when it comes claimed by a
 * teammate or already answered there (done, acknowledged), @now, when
 * Dayshift first sees it so. */
static void
note_remote_response (DsItem *fresh,
                      gint64  now)
{
  if (ds_item_get_responded (fresh) == 0 &&
      (ds_item_get_claimed_by (fresh) != NULL ||
       ds_item_state_answers (ds_item_get_state (fresh))))
    ds_item_note_response (fresh, now);
}

/* Copies what may change on the service's side onto the known item.
 * Returns whether anything changed. */
static gboolean
refresh (DsItem *known,
         DsItem *fresh)
{
  gboolean changed = FALSE;
  gint64 responded = ds_item_get_responded (known);

  if (g_strcmp0 (ds_item_get_claimed_by (known), ds_item_get_claimed_by (fresh)) != 0 &&
      ds_item_get_claimed_by (fresh) != NULL)
    {
      ds_item_set_claimed_by (known, ds_item_get_claimed_by (fresh));
      changed = TRUE;
    }
  /* A teammate's claim or a reply: the first response, if it is the first. */
  if (ds_item_get_claimed_by (fresh) != NULL || ds_item_get_responded (fresh) > 0)
    {
      ds_item_note_response (known, ds_item_get_responded (fresh));
      changed |= ds_item_get_responded (known) != responded;
    }
  if (g_strcmp0 (ds_item_get_title (known), ds_item_get_title (fresh)) != 0)
    {
      ds_item_set_title (known, ds_item_get_title (fresh));
      ds_item_set_text (known, ds_item_get_text (fresh));
      changed = TRUE;
    }
  if (ds_item_get_emergency (known) != ds_item_get_emergency (fresh))
    {
      ds_item_set_emergency (known, ds_item_get_emergency (fresh));
      changed = TRUE;
    }
  /* Named by a later read (a Slack event taken in before its author's name
   * could be asked for). */
  if (ds_item_get_requester (fresh) != NULL &&
      g_strcmp0 (ds_item_get_requester (known), ds_item_get_requester (fresh)) != 0)
    {
      ds_item_set_requester (known, ds_item_get_requester (fresh));
      changed = TRUE;
    }
  return changed;
}

static gboolean
has_threads (GPtrArray *items)
{
  for (guint i = 0; i < items->len; i++)
    if (ds_item_get_replies (g_ptr_array_index (items, i)) != NULL)
      return TRUE;
  return FALSE;
}

/**
 * ds_ingest_merge:
 * @items: (element-type DsItem): what a poll found, classified
 * @source: the source the items come from ("slack", "github", "pagerduty")
 * @kinds: DS_KIND_BIT()s the poll covered, for %DS_INGEST_CLOSE_MISSING
 *
 * Adds new items, updates known ones, and saves both in one transaction.
 * New items are saved before anyone hears of them, so a crash never
 * notifies twice. Returns %FALSE if the store refused; then nothing of the
 * batch was saved, and the next poll brings it again.
 */
gboolean
ds_ingest_merge (DsIngest       *self,
                 GPtrArray      *items,
                 const char     *source,
                 guint           kinds,
                 DsIngestFlags   flags,
                 GError        **error)
{
  g_autoptr(GPtrArray) to_save = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) remote_changes = g_ptr_array_new_with_free_func (g_object_unref);
  /* The state each of remote_changes has on the service (DsItem -> DsItemState). */
  g_autoptr(GHashTable) remote_states = g_hash_table_new (g_direct_hash, g_direct_equal);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  g_return_val_if_fail (DS_IS_INGEST (self), FALSE);
  g_return_val_if_fail (items != NULL && source != NULL, FALSE);

  for (guint i = 0; i < items->len; i++)
    {
      DsItem *fresh = g_ptr_array_index (items, i);
      DsItem *known = ds_inbox_lookup (self->inbox, ds_item_get_id (fresh));

      g_hash_table_add (seen, (gpointer)ds_item_get_id (fresh));
      note_remote_response (fresh, now);
      if (known == NULL)
        {
          g_ptr_array_add (to_save, g_object_ref (fresh));
          g_ptr_array_add (added, g_object_ref (fresh));
          continue;
        }
      if (refresh (known, fresh))
        g_ptr_array_add (to_save, g_object_ref (known));
      /* Done or acknowledged on the service's side. */
      if (ds_item_get_state (fresh) == DS_ITEM_STATE_DONE ||
          (ds_item_get_state (fresh) == DS_ITEM_STATE_ACKNOWLEDGED &&
           ds_item_get_state (known) == DS_ITEM_STATE_NEW))
        {
          g_hash_table_insert (remote_states, known,
                               GINT_TO_POINTER (ds_item_get_state (fresh)));
          g_ptr_array_add (remote_changes, g_object_ref (known));
        }
    }

  if (self->store != NULL && to_save->len > 0 && !ds_store_save_items (self->store, to_save, error))
    return FALSE;
  /* Threads as read now (the items in the inbox do not carry them). They
   * only show what was said: one not kept is read again at the next poll. */
  if (self->store != NULL && has_threads (items))
    {
      g_autoptr(GError) thread_error = NULL;

      if (!ds_store_save_threads (self->store, items, &thread_error))
        g_message ("Could not keep the %s threads read now: %s", source, thread_error->message);
    }
  for (guint i = 0; i < added->len; i++)
    ds_item_set_replies (g_ptr_array_index (added, i), NULL);

  for (guint i = 0; i < remote_changes->len; i++)
    {
      DsItem *known = g_ptr_array_index (remote_changes, i);
      DsItemState to = GPOINTER_TO_INT (g_hash_table_lookup (remote_states, known));

      if (!follow_remote (self, known, to, source, error))
        return FALSE;
    }

  /* Open items of this source and kinds that the service no longer lists
   * were closed, merged or resolved there. */
  if (flags & DS_INGEST_CLOSE_MISSING)
    for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->inbox)); i++)
      {
        g_autoptr(DsItem) item = g_list_model_get_item (G_LIST_MODEL (self->inbox), i);

        if (g_strcmp0 (ds_item_get_source (item), source) == 0 &&
            (kinds & DS_KIND_BIT (ds_item_get_kind (item))) && is_open (item) &&
            !g_hash_table_contains (seen, ds_item_get_id (item)) &&
            !follow_remote (self, item, DS_ITEM_STATE_DONE, source, error))
          return FALSE;
      }

  ds_inbox_add_items (self->inbox, added);
  for (guint i = 0; i < added->len; i++)
    {
      DsItem *item = g_ptr_array_index (added, i);
      gboolean notify = !(flags & DS_INGEST_QUIET) && ds_item_get_claimed_by (item) == NULL &&
                        ds_item_get_state (item) == DS_ITEM_STATE_NEW;

      g_signal_emit (self, signals[SIGNAL_NEW_ITEM], 0, item, notify);
    }
  return TRUE;
}
