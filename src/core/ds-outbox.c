/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-outbox"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ds-outbox.h"
#include "ds-store-private.h"
#include "ds-writes.h"

/* The outbox: every write to a service (a reaction, a thread reply, an
 * issue, an assignee, an acknowledgement) is a row here first, saved in the
 * same transaction as the item's state change, and only then sent. A row
 * goes pending → sending → done, or back to pending with a later next_at
 * when the service could not take it now, or failed when it never will.
 * A row found "sending" at start-up was perhaps sent before a crash: the
 * sender checks before sending it again. */

/* The outbox's table, one step per schema version (NULL: no change), run
 * by the store's migration in the same transaction. Never edit one that
 * has shipped: add a new one. */
const char * const ds_outbox_migrations[DS_STORE_SCHEMA_VERSION] = {
  NULL,
  NULL,
  NULL,
  /* 4: the outbox of writes to services */
  "CREATE TABLE outbox ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  item_id TEXT NOT NULL REFERENCES items(id) ON DELETE CASCADE,"
  "  op TEXT NOT NULL,"
  "  args TEXT NOT NULL,"
  "  key TEXT NOT NULL UNIQUE,"
  "  state TEXT NOT NULL DEFAULT 'pending',"
  "  attempts INTEGER NOT NULL DEFAULT 0,"
  "  next_at INTEGER NOT NULL DEFAULT 0,"
  "  last_error TEXT,"
  "  result TEXT,"
  "  created INTEGER NOT NULL,"
  "  updated INTEGER NOT NULL"
  ");"
  "CREATE INDEX outbox_state ON outbox(state);",

  /* 5: writes not about one item (a super-epic's assignee): item_id may be NULL */
  "CREATE TABLE outbox_v5 ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  item_id TEXT REFERENCES items(id) ON DELETE CASCADE,"
  "  op TEXT NOT NULL,"
  "  args TEXT NOT NULL,"
  "  key TEXT NOT NULL UNIQUE,"
  "  state TEXT NOT NULL DEFAULT 'pending',"
  "  attempts INTEGER NOT NULL DEFAULT 0,"
  "  next_at INTEGER NOT NULL DEFAULT 0,"
  "  last_error TEXT,"
  "  result TEXT,"
  "  created INTEGER NOT NULL,"
  "  updated INTEGER NOT NULL"
  ");"
  "INSERT INTO outbox_v5 SELECT * FROM outbox;"
  "DROP TABLE outbox;"
  "ALTER TABLE outbox_v5 RENAME TO outbox;"
  "CREATE INDEX outbox_state ON outbox(state);",
  NULL,
};

static const char * const state_names[] = { "pending", "sending", "done", "failed" };

const char *
ds_outbox_state_to_string (DsOutboxState state)
{
  g_return_val_if_fail (state <= DS_OUTBOX_FAILED, NULL);
  return state_names[state];
}

static DsOutboxState
state_from_string (const char *str)
{
  for (guint i = 0; i < G_N_ELEMENTS (state_names); i++)
    if (g_strcmp0 (str, state_names[i]) == 0)
      return i;
  return DS_OUTBOX_FAILED;
}

/**
 * ds_outbox_entry_new:
 * @op: the operation
 * @args_json: its arguments, a JSON object
 *
 * Returns: (transfer full): a new entry with a fresh idempotency key, not yet saved
 */
DsOutboxEntry *
ds_outbox_entry_new (const char *op,
                     const char *args_json)
{
  DsOutboxEntry *entry;

  g_return_val_if_fail (op != NULL && args_json != NULL, NULL);

  entry = g_new0 (DsOutboxEntry, 1);
  entry->op = g_strdup (op);
  entry->args = g_strdup (args_json);
  entry->key = g_uuid_string_random ();
  return entry;
}

void
ds_outbox_entry_free (DsOutboxEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->item_id);
  g_free (entry->op);
  g_free (entry->args);
  g_free (entry->key);
  g_free (entry->last_error);
  g_free (entry->result);
  g_free (entry);
}

gboolean
ds_store_outbox_insert (DsStore    *self,
                        const char *item_id,
                        GPtrArray  *writes,
                        gint64      now,
                        GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *what = _("queue a write to a service");

  stmt = ds_store_prepare (self,
                           "INSERT INTO outbox (item_id, op, args, key, state, created, updated) "
                           "VALUES (?, ?, ?, ?, 'pending', ?, ?)", what, error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < writes->len; i++)
    {
      DsOutboxEntry *entry = g_ptr_array_index (writes, i);

      sqlite3_reset (stmt);
      ds_store_bind_text (stmt, 1, item_id);  /* NULL: not about one item */
      ds_store_bind_text (stmt, 2, entry->op);
      ds_store_bind_text (stmt, 3, entry->args);
      ds_store_bind_text (stmt, 4, entry->key);
      sqlite3_bind_int64 (stmt, 5, now);
      sqlite3_bind_int64 (stmt, 6, now);
      if (!ds_store_step_done (self, stmt, what, error))
        return FALSE;
      entry->id = sqlite3_last_insert_rowid (self->db);
      g_free (entry->item_id);
      entry->item_id = g_strdup (item_id);
      entry->state = DS_OUTBOX_PENDING;
      entry->created = now;
    }
  /* Told when the transaction commits (ds_store_commit()). */
  if (writes->len > 0)
    {
      if (!self->queued)
        self->queued_item = g_strdup (item_id);
      else if (g_strcmp0 (self->queued_item, item_id) != 0)
        g_clear_pointer (&self->queued_item, g_free);
      self->queued = TRUE;
    }
  return TRUE;
}

/**
 * ds_store_outbox_load:
 * @unfinished_only: only pending and sending entries
 *
 * Returns: (transfer container) (element-type DsOutboxEntry): entries in
 *   the order they were queued
 */
/* The rows of a SELECT of the outbox's columns, in the order read. */
static GPtrArray *
read_entries (DsStore       *self,
              sqlite3_stmt  *stmt,
              const char    *what,
              GError       **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify)ds_outbox_entry_free);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DsOutboxEntry *entry = g_new0 (DsOutboxEntry, 1);

      entry->id = sqlite3_column_int64 (stmt, 0);
      entry->item_id = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
      entry->op = g_strdup ((const char *)sqlite3_column_text (stmt, 2));
      entry->args = g_strdup ((const char *)sqlite3_column_text (stmt, 3));
      entry->key = g_strdup ((const char *)sqlite3_column_text (stmt, 4));
      entry->state = state_from_string ((const char *)sqlite3_column_text (stmt, 5));
      entry->attempts = sqlite3_column_int (stmt, 6);
      entry->next_at = sqlite3_column_int64 (stmt, 7);
      entry->created = sqlite3_column_int64 (stmt, 8);
      entry->last_error = g_strdup ((const char *)sqlite3_column_text (stmt, 9));
      entry->result = g_strdup ((const char *)sqlite3_column_text (stmt, 10));
      g_ptr_array_add (entries, entry);
    }
  if (rc != SQLITE_DONE)
    {
      ds_store_set_sqlite_error (self, rc, error, what);
      return NULL;
    }
  return g_steal_pointer (&entries);
}

#define OUTBOX_COLUMNS "SELECT id, item_id, op, args, key, state, attempts, next_at, " \
                       "  created, last_error, result FROM outbox "

GPtrArray *
ds_store_outbox_load (DsStore   *self,
                      gboolean   unfinished_only,
                      GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *what = _("read the queued writes");

  g_return_val_if_fail (DS_IS_STORE (self), NULL);

  stmt = ds_store_prepare (self,
                           unfinished_only
                           ? OUTBOX_COLUMNS "WHERE state IN ('pending', 'sending') ORDER BY id"
                           : OUTBOX_COLUMNS "ORDER BY id",
                           what, error);
  if (stmt == NULL)
    return NULL;
  return read_entries (self, stmt, what, error);
}

/**
 * ds_store_outbox_for_item:
 *
 * Returns: (transfer container) (element-type DsOutboxEntry): every write
 *   made for @item_id, sent or not, in the order they were made
 */
GPtrArray *
ds_store_outbox_for_item (DsStore     *self,
                          const char  *item_id,
                          GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *what = _("read an item's writes");

  g_return_val_if_fail (DS_IS_STORE (self), NULL);
  g_return_val_if_fail (item_id != NULL, NULL);

  stmt = ds_store_prepare (self, OUTBOX_COLUMNS "WHERE item_id = ? ORDER BY id", what, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, item_id, -1, SQLITE_TRANSIENT);
  return read_entries (self, stmt, what, error);
}

static gboolean
update_entry (DsStore        *self,
              DsOutboxEntry  *entry,
              DsOutboxState   state,
              int             attempts,
              gint64          next_at,
              const char     *message,
              const char     *result,
              GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *what = _("save a queued write");

  stmt = ds_store_prepare (self,
                           "UPDATE outbox SET state = ?, attempts = ?, next_at = ?, "
                           "  last_error = ?, result = ?, updated = ? WHERE id = ?", what, error);
  if (stmt == NULL)
    return FALSE;
  ds_store_bind_text (stmt, 1, ds_outbox_state_to_string (state));
  sqlite3_bind_int (stmt, 2, attempts);
  sqlite3_bind_int64 (stmt, 3, next_at);
  ds_store_bind_text (stmt, 4, message);
  ds_store_bind_text (stmt, 5, result);
  sqlite3_bind_int64 (stmt, 6, g_get_real_time () / G_USEC_PER_SEC);
  sqlite3_bind_int64 (stmt, 7, entry->id);
  return ds_store_step_done (self, stmt, what, error);
}

static void
apply (DsOutboxEntry *entry,
       DsOutboxState  state,
       int            attempts,
       gint64         next_at,
       const char    *message,
       const char    *result)
{
  entry->state = state;
  entry->attempts = attempts;
  entry->next_at = next_at;
  if (message != entry->last_error)
    {
      g_free (entry->last_error);
      entry->last_error = g_strdup (message);
    }
  if (result != entry->result)
    {
      g_free (entry->result);
      entry->result = g_strdup (result);
    }
}

/**
 * ds_store_outbox_begin:
 *
 * Marks @entry as handed to the network, before the request leaves: a
 * crash from here on leaves it "sending", which tells the next start to
 * check whether it arrived.
 */
gboolean
ds_store_outbox_begin (DsStore        *self,
                       DsOutboxEntry  *entry,
                       GError        **error)
{
  g_return_val_if_fail (DS_IS_STORE (self), FALSE);
  g_return_val_if_fail (entry != NULL && entry->id > 0, FALSE);

  if (!update_entry (self, entry, DS_OUTBOX_SENDING, entry->attempts + 1, entry->next_at,
                     entry->last_error, entry->result, error))
    return FALSE;
  apply (entry, DS_OUTBOX_SENDING, entry->attempts + 1, entry->next_at, entry->last_error,
         entry->result);
  ds_store_outbox_changed (self, entry->item_id, FALSE);
  return TRUE;
}

/**
 * ds_store_outbox_done:
 * @result: (nullable): what the service answered that later writes need
 *   (the new issue's URL)
 * @item: (nullable): the item, whose local fields are saved in the same
 *   transaction (the issue URL a filed issue got)
 */
gboolean
ds_store_outbox_done (DsStore        *self,
                      DsOutboxEntry  *entry,
                      const char     *result,
                      DsItem         *item,
                      GError        **error)
{
  g_auto(DsStoreTransaction) txn = DS_STORE_TRANSACTION_INIT;
  const char *what = _("save a queued write");

  g_return_val_if_fail (DS_IS_STORE (self), FALSE);
  g_return_val_if_fail (entry != NULL && entry->id > 0, FALSE);

  if (!ds_store_begin (self, &txn, what, error))
    return FALSE;
  if (!update_entry (self, entry, DS_OUTBOX_DONE, entry->attempts, 0, NULL, result, error) ||
      (item != NULL && !ds_store_save_local (self, item, error)) ||
      !ds_store_commit (&txn, error))
    return FALSE;
  apply (entry, DS_OUTBOX_DONE, entry->attempts, 0, NULL, result);
  ds_store_outbox_changed (self, entry->item_id, FALSE);
  return TRUE;
}

/**
 * ds_store_outbox_retry:
 * @next_at: not before this Unix time
 * @message: why it did not go out now
 */
gboolean
ds_store_outbox_retry (DsStore        *self,
                       DsOutboxEntry  *entry,
                       gint64          next_at,
                       const char     *message,
                       GError        **error)
{
  g_return_val_if_fail (DS_IS_STORE (self), FALSE);
  g_return_val_if_fail (entry != NULL && entry->id > 0, FALSE);

  if (!update_entry (self, entry, DS_OUTBOX_PENDING, entry->attempts, next_at, message,
                     entry->result, error))
    return FALSE;
  apply (entry, DS_OUTBOX_PENDING, entry->attempts, next_at, message, entry->result);
  ds_store_outbox_changed (self, entry->item_id, FALSE);
  return TRUE;
}

/**
 * ds_store_outbox_fail:
 * @message: what failed and what to do, for the user
 * @item: (nullable): the item; its problem is set to @message and saved
 *
 * Gives up on @entry, and on the writes queued after it for the same item,
 * which depended on it (a thread reply with the link of an issue that was
 * never created).
 */
gboolean
ds_store_outbox_fail (DsStore        *self,
                      DsOutboxEntry  *entry,
                      const char     *message,
                      DsItem         *item,
                      GError        **error)
{
  g_auto(DsStoreTransaction) txn = DS_STORE_TRANSACTION_INIT;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *what = _("save a queued write");

  g_return_val_if_fail (DS_IS_STORE (self), FALSE);
  g_return_val_if_fail (entry != NULL && entry->id > 0 && message != NULL, FALSE);

  if (!ds_store_begin (self, &txn, what, error))
    return FALSE;
  if (!update_entry (self, entry, DS_OUTBOX_FAILED, entry->attempts, 0, message, NULL, error))
    return FALSE;
  /* The item's later writes that depend on this one fail with it: all of
   * them when it was the issue they link to; else those to the same service,
   * which would be refused alike. The others still go out (the thread reply
   * with the issue link when ZenHub refused the epic). */
  stmt = ds_store_prepare (self,
                           "UPDATE outbox SET state = 'failed', last_error = ? "
                           "WHERE item_id = ? AND id > ? AND state IN ('pending', 'sending') "
                           "AND (?4 OR substr (op, 1, instr (op, '.')) = ?5)",
                           what, error);
  if (stmt == NULL)
    return FALSE;
  ds_store_bind_text (stmt, 1, message);
  ds_store_bind_text (stmt, 2, entry->item_id);
  sqlite3_bind_int64 (stmt, 3, entry->id);
  sqlite3_bind_int (stmt, 4, ds_outbox_op_is_needed_later (entry->op));
  {
    const char *dot = strchr (entry->op, '.');
    sqlite3_bind_text (stmt, 5, entry->op, dot != NULL ? (int)(dot - entry->op + 1) : -1,
                       SQLITE_TRANSIENT);
  }
  if (!ds_store_step_done (self, stmt, what, error))
    return FALSE;
  if (item != NULL)
    {
      ds_item_set_problem (item, message);
      if (!ds_store_save_local (self, item, error))
        return FALSE;
    }
  if (!ds_store_commit (&txn, error))
    return FALSE;
  apply (entry, DS_OUTBOX_FAILED, entry->attempts, 0, message, NULL);
  ds_store_outbox_changed (self, entry->item_id, FALSE);
  return TRUE;
}

/**
 * ds_outbox_op_is_needed_later:
 *
 * Returns: whether the later writes of an item use what @op makes (the
 *   issue that the epic link, the comment and the thread reply point to)
 */
gboolean
ds_outbox_op_is_needed_later (const char *op)
{
  const DsWrite *write = ds_write_lookup (op);

  return write != NULL && write->needed_later;
}

/**
 * ds_store_outbox_wake:
 *
 * Makes every pending entry due now (the network came back; the user asked
 * to retry).
 */
gboolean
ds_store_outbox_wake (DsStore  *self,
                      GError  **error)
{
  g_return_val_if_fail (DS_IS_STORE (self), FALSE);

  return ds_store_exec (self, "UPDATE outbox SET next_at = 0 WHERE state = 'pending'",
                        _("save a queued write"), error);
}

/**
 * ds_store_outbox_queue:
 * @writes: (element-type DsOutboxEntry): writes not about one item (a
 *   super-epic's assignee, a handoff comment)
 *
 * Queues @writes in one transaction.
 */
gboolean
ds_store_outbox_queue (DsStore    *self,
                       GPtrArray  *writes,
                       GError    **error)
{
  g_auto(DsStoreTransaction) txn = DS_STORE_TRANSACTION_INIT;
  const char *what = _("queue a write to a service");

  g_return_val_if_fail (DS_IS_STORE (self), FALSE);
  g_return_val_if_fail (writes != NULL, FALSE);

  if (!ds_store_begin (self, &txn, what, error))
    return FALSE;
  if (!ds_store_outbox_insert (self, NULL, writes, g_get_real_time () / G_USEC_PER_SEC, error) ||
      !ds_store_commit (&txn, error))
    return FALSE;
  return TRUE;
}

/**
 * ds_store_outbox_queue_for:
 * @writes: (element-type DsOutboxEntry): writes about @item that change
 *   nothing of its state (notes on its issue)
 */
gboolean
ds_store_outbox_queue_for (DsStore    *self,
                           DsItem     *item,
                           GPtrArray  *writes,
                           GError    **error)
{
  g_auto(DsStoreTransaction) txn = DS_STORE_TRANSACTION_INIT;
  const char *what = _("queue a write to a service");

  g_return_val_if_fail (DS_IS_STORE (self), FALSE);
  g_return_val_if_fail (DS_IS_ITEM (item), FALSE);

  if (!ds_store_begin (self, &txn, what, error))
    return FALSE;
  if (!ds_store_outbox_insert (self, ds_item_get_id (item), writes,
                               g_get_real_time () / G_USEC_PER_SEC, error) ||
      !ds_store_commit (&txn, error))
    return FALSE;
  return TRUE;
}
