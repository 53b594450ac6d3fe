/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ds-error.h"
#include "ds-item-private.h"
#include "ds-outbox.h"
#include "ds-store-private.h"

/* The items and their history: saved as the services show them, moved from
 * state to state by the user with the writes each move implies (in one
 * transaction with the outbox), and loaded back at start-up. */

void
ds_history_entry_free (DsHistoryEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->actor);
  g_free (entry->note);
  g_free (entry);
}

static gboolean
insert_history (DsStore      *self,
                const char   *item_id,
                gint64        at,
                const char   *actor,
                DsItemState   from,
                DsItemState   to,
                const char   *note,
                GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *what = _("record the item's history");

  stmt = ds_store_prepare (self,
                  "INSERT INTO history (item_id, at, actor, from_state, to_state, note) "
                  "VALUES (?, ?, ?, ?, ?, ?)", what, error);
  if (stmt == NULL)
    return FALSE;
  ds_store_bind_text (stmt, 1, item_id);
  sqlite3_bind_int64 (stmt, 2, at);
  ds_store_bind_text (stmt, 3, actor);
  ds_store_bind_text (stmt, 4, ds_item_state_to_string (from));
  ds_store_bind_text (stmt, 5, ds_item_state_to_string (to));
  ds_store_bind_text (stmt, 6, note);
  return ds_store_step_done (self, stmt, what, error);
}

/* The first response kept: the earliest one known, never taken back
 * (ds_item_note_response()). ?R is the item's. */
#define KEEP_FIRST_RESPONSE(R) \
  "responded = CASE WHEN " R " > 0 AND (responded = 0 OR " R " < responded) " \
  "THEN " R " ELSE responded END"

/* Inserts or updates one item; the caller holds the transaction. */
static gboolean
upsert_one (DsStore       *self,
            sqlite3_stmt  *stmt,
            DsItem        *item,
            gint64         now,
            const char    *what,
            GError       **error)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  ds_store_bind_text (stmt, 1, ds_item_get_id (item));
  ds_store_bind_text (stmt, 2, ds_item_get_source (item));
  ds_store_bind_text (stmt, 3, ds_item_get_remote_id (item));
  ds_store_bind_text (stmt, 4, ds_item_kind_to_string (ds_item_get_kind (item)));
  ds_store_bind_text (stmt, 5, ds_item_state_to_string (ds_item_get_state (item)));
  ds_store_bind_text (stmt, 6, ds_item_get_title (item));
  ds_store_bind_text (stmt, 7, ds_item_get_text (item));
  ds_store_bind_text (stmt, 8, ds_item_get_url (item));
  ds_store_bind_text (stmt, 9, ds_item_get_requester (item));
  sqlite3_bind_int64 (stmt, 10, ds_item_get_created (item));
  ds_store_bind_text (stmt, 11, ds_item_get_delegated_to (item));
  ds_store_bind_text (stmt, 12, ds_item_get_issue_url (item));
  sqlite3_bind_int (stmt, 13, ds_item_get_emergency (item));
  sqlite3_bind_int64 (stmt, 14, now);
  ds_store_bind_text (stmt, 15, ds_item_get_channel (item));
  ds_store_bind_text (stmt, 16, ds_item_get_claimed_by (item));
  sqlite3_bind_int (stmt, 17, ds_item_get_mine (item));
  sqlite3_bind_int64 (stmt, 18, ds_item_get_responded (item));
  ds_store_bind_text (stmt, 19, ds_item_get_handed_over (item));

  /* When it arrived is the row's first_seen; the history holds what was
   * done with it. Who handed it over is kept when a poll, which does not
   * know it, saves the item again; ds_store_mark_handed_over() changes it. */
  return ds_store_step_done (self, stmt, what, error);
}

/**
 * ds_store_save_items:
 * @items: (element-type DsItem): what a poll brought
 *
 * Inserts new items and updates what may change of known ones (everything
 * but the state, which only ds_store_transition() changes), all in one
 * transaction: either every item is saved or none is. The time an item was
 * first seen is kept; its history records what was done with it.
 */
gboolean
ds_store_save_items (DsStore    *self,
                     GPtrArray  *items,
                     GError    **error)
{
  g_auto(DsStoreTransaction) txn = DS_STORE_TRANSACTION_INIT;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *what = _("save items");
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  g_return_val_if_fail (DS_IS_STORE (self), FALSE);
  g_return_val_if_fail (items != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!ds_store_begin (self, &txn, what, error))
    return FALSE;

  stmt = ds_store_prepare (self,
                  "INSERT INTO items (id, source, remote_id, kind, state, title, body, url, "
                  "  requester, created, delegated_to, issue_url, emergency, first_seen, updated, "
                  "  channel, claimed_by, mine, responded, handed_over) "
                  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?14, "
                  "  ?15, ?16, ?17, ?18, ?19) "
                  "ON CONFLICT(id) DO UPDATE SET kind = ?4, title = ?6, body = ?7, url = ?8, "
                  "  requester = ?9, created = ?10, delegated_to = ?11, issue_url = ?12, "
                  "  emergency = ?13, updated = ?14, channel = ?15, claimed_by = ?16, mine = ?17, "
                  "  handed_over = COALESCE(?19, handed_over), "
                  "  " KEEP_FIRST_RESPONSE ("?18"),
                  what, error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < items->len; i++)
    if (!upsert_one (self, stmt, g_ptr_array_index (items, i), now, what, error))
      return FALSE;

  return ds_store_commit (&txn, error);
}

/**
 * ds_store_save_item:
 *
 * Saves one item; see ds_store_save_items().
 */
gboolean
ds_store_save_item (DsStore  *self,
                    DsItem   *item,
                    GError  **error)
{
  g_autoptr(GPtrArray) one = g_ptr_array_new ();

  g_return_val_if_fail (DS_IS_ITEM (item), FALSE);
  g_ptr_array_add (one, item);
  return ds_store_save_items (self, one, error);
}

/* Saves what only Dayshift knows of an item: where it went, its issue, when
 * it asks again, a write that failed, whether the user was told, its first
 * response. */
gboolean
ds_store_update_local (DsStore     *self,
                       DsItem      *item,
                       const char  *state,
                       gint64       now,
                       GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *what = _("save an item's new state");

  stmt = ds_store_prepare (self,
                           "UPDATE items SET state = ?1, delegated_to = ?2, issue_url = ?3, "
                           "  updated = ?4, due = ?5, problem = ?6, notified = ?7, "
                           "  " KEEP_FIRST_RESPONSE ("?9") " "
                           "WHERE id = ?8", what, error);
  if (stmt == NULL)
    return FALSE;
  ds_store_bind_text (stmt, 1, state);
  ds_store_bind_text (stmt, 2, ds_item_get_delegated_to (item));
  ds_store_bind_text (stmt, 3, ds_item_get_issue_url (item));
  sqlite3_bind_int64 (stmt, 4, now);
  sqlite3_bind_int64 (stmt, 5, ds_item_get_due (item));
  ds_store_bind_text (stmt, 6, ds_item_get_problem (item));
  sqlite3_bind_int (stmt, 7, ds_item_get_notified (item));
  ds_store_bind_text (stmt, 8, ds_item_get_id (item));
  sqlite3_bind_int64 (stmt, 9, ds_item_get_responded (item));
  if (!ds_store_step_done (self, stmt, what, error))
    return FALSE;
  if (sqlite3_changes (self->db) != 1)
    {
      g_set_error (error, DS_ERROR, DS_ERROR_NOT_FOUND,
                   _("The item “%s” is not in the Dayshift database; it was not changed."),
                   ds_item_get_id (item));
      return FALSE;
    }
  return TRUE;
}

/**
 * ds_store_transition:
 * @actor: who made the change: "me", a teammate's name, or a service
 * @note: (nullable): what was done
 *
 * Moves @item to @to, in the database and then in memory, and records it
 * in the item's history. A move that is not allowed is refused with
 * %DS_ERROR_INVALID_TRANSITION and changes nothing; so does any failure to
 * write.
 */
gboolean
ds_store_transition (DsStore      *self,
                     DsItem       *item,
                     DsItemState   to,
                     const char   *actor,
                     const char   *note,
                     GError      **error)
{
  return ds_store_transition_full (self, item, to, actor, note, NULL, error);
}

/**
 * ds_store_transition_full:
 * @writes: (nullable) (element-type DsOutboxEntry): what must be written to
 *   services because of this change
 *
 * Like ds_store_transition(), and in the same transaction puts @writes in
 * the outbox, so that the state change and the writes it implies are saved
 * together or not at all. What the caller set on @item beforehand (delegated
 * to, due, problem) is saved with it. @to may equal the current state
 * (delegating again) when the table allows it. A move that answers whoever
 * asked (ds_item_state_answers()) is the item's first response, if it had
 * none.
 */
gboolean
ds_store_transition_full (DsStore      *self,
                          DsItem       *item,
                          DsItemState   to,
                          const char   *actor,
                          const char   *note,
                          GPtrArray    *writes,
                          GError      **error)
{
  g_auto(DsStoreTransaction) txn = DS_STORE_TRANSACTION_INIT;
  const char *what = _("save an item's new state");
  DsItemState from;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 responded;

  g_return_val_if_fail (DS_IS_STORE (self), FALSE);
  g_return_val_if_fail (DS_IS_ITEM (item), FALSE);
  g_return_val_if_fail (actor != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  from = ds_item_get_state (item);
  if (!ds_item_can_transition (from, to))
    {
      ds_item_set_transition_error (from, to, error);
      return FALSE;
    }

  if (!ds_store_begin (self, &txn, what, error))
    return FALSE;

  responded = ds_item_get_responded (item);
  if (ds_item_state_answers (to))
    ds_item_note_response (item, now);
  if (!ds_store_update_local (self, item, ds_item_state_to_string (to), now, error) ||
      !insert_history (self, ds_item_get_id (item), now, actor, from, to, note, error) ||
      (writes != NULL && !ds_store_outbox_insert (self, ds_item_get_id (item), writes, now,
                                                  error)) ||
      !ds_store_commit (&txn, error))
    {
      /* Nothing was kept: the item is as it was. */
      ds_item_set_responded (item, responded);
      return FALSE;
    }

  ds_item_set_state_unchecked (item, to);
  return TRUE;
}

/**
 * ds_store_record:
 * @note: what was done ("Linked to Incident Response")
 * @writes: (nullable) (element-type DsOutboxEntry): what to send for it
 *
 * Keeps in @item's history something done that does not change its state
 * (a note, a teammate added, a link to a super-epic), with the writes it
 * implies, in one transaction.
 */
gboolean
ds_store_record (DsStore     *self,
                 DsItem      *item,
                 const char  *actor,
                 const char  *note,
                 GPtrArray   *writes,
                 GError     **error)
{
  g_auto(DsStoreTransaction) txn = DS_STORE_TRANSACTION_INIT;
  const char *what = _("save what was done");
  DsItemState state;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  g_return_val_if_fail (DS_IS_STORE (self), FALSE);
  g_return_val_if_fail (DS_IS_ITEM (item), FALSE);
  g_return_val_if_fail (actor != NULL && note != NULL, FALSE);

  state = ds_item_get_state (item);
  if (!ds_store_begin (self, &txn, what, error))
    return FALSE;
  if (!insert_history (self, ds_item_get_id (item), now, actor, state, state, note, error) ||
      (writes != NULL && !ds_store_outbox_insert (self, ds_item_get_id (item), writes, now,
                                                  error)) ||
      !ds_store_commit (&txn, error))
    return FALSE;
  return TRUE;
}

/**
 * ds_store_save_local:
 *
 * Saves what Dayshift alone knows of @item (delegated to, issue, due,
 * problem, notified) without changing its state.
 */
gboolean
ds_store_save_local (DsStore  *self,
                     DsItem   *item,
                     GError  **error)
{
  g_return_val_if_fail (DS_IS_STORE (self), FALSE);
  g_return_val_if_fail (DS_IS_ITEM (item), FALSE);

  return ds_store_update_local (self, item, ds_item_state_to_string (ds_item_get_state (item)),
                                g_get_real_time () / G_USEC_PER_SEC, error);
}

/* Sets a flag column on @items in one transaction; @sql is the UPDATE, with
 * the item's id as its one parameter. */
static gboolean
mark_items (DsStore     *self,
            GPtrArray   *items,
            const char  *sql,
            const char  *what,
            GError     **error)
{
  g_auto(DsStoreTransaction) txn = DS_STORE_TRANSACTION_INIT;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!ds_store_begin (self, &txn, what, error))
    return FALSE;
  stmt = ds_store_prepare (self, sql, what, error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < items->len; i++)
    {
      sqlite3_reset (stmt);
      ds_store_bind_text (stmt, 1, ds_item_get_id (g_ptr_array_index (items, i)));
      if (!ds_store_step_done (self, stmt, what, error))
        return FALSE;
    }
  return ds_store_commit (&txn, error);
}

/**
 * ds_store_mark_notified:
 * @items: (element-type DsItem): items the user was just told about
 *
 * Remembers, in one transaction, that the user was told: they are never
 * notified again, not after a restart either.
 */
gboolean
ds_store_mark_notified (DsStore    *self,
                        GPtrArray  *items,
                        GError    **error)
{
  g_return_val_if_fail (DS_IS_STORE (self), FALSE);
  g_return_val_if_fail (items != NULL, FALSE);

  if (!mark_items (self, items, "UPDATE items SET notified = 1 WHERE id = ?",
                   _("save which items were notified"), error))
    return FALSE;
  for (guint i = 0; i < items->len; i++)
    ds_item_set_notified (g_ptr_array_index (items, i), TRUE);
  return TRUE;
}

/**
 * ds_store_mark_response_reminded:
 * @items: (element-type DsItem): items whose response reminder was just told
 *
 * Remembers, in one transaction, that their reminder was told: never again
 * in their life, not after a restart either.
 */
gboolean
ds_store_mark_response_reminded (DsStore    *self,
                                 GPtrArray  *items,
                                 GError    **error)
{
  g_return_val_if_fail (DS_IS_STORE (self), FALSE);
  g_return_val_if_fail (items != NULL, FALSE);

  if (!mark_items (self, items, "UPDATE items SET response_reminded = 1 WHERE id = ?",
                   _("save which reminders were told"), error))
    return FALSE;
  for (guint i = 0; i < items->len; i++)
    ds_item_set_response_reminded (g_ptr_array_index (items, i), TRUE);
  return TRUE;
}

/**
 * ds_store_load_items:
 *
 * Returns: (transfer container) (element-type DsItem): every stored item
 */
GPtrArray *
ds_store_load_items (DsStore  *self,
                     GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  const char *what = _("read the items");
  int rc;

  g_return_val_if_fail (DS_IS_STORE (self), NULL);

  stmt = ds_store_prepare (self,
                  "SELECT source, remote_id, kind, state, title, body, url, requester, "
                  "  created, delegated_to, issue_url, emergency, channel, claimed_by, mine, "
                  "  notified, due, problem, standup_note, responded, response_reminded, "
                  "  handed_over "
                  "FROM items "
                  "ORDER BY created DESC", what, error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DsItemKind kind;
      DsItemState state;
      DsItem *item;

      if (!ds_item_kind_from_string (ds_store_column_text (stmt, 2), &kind) ||
          !ds_item_state_from_string (ds_store_column_text (stmt, 3), &state))
        {
          g_warning ("Skipping item %s:%s with unknown kind or state",
                     ds_store_column_text (stmt, 0), ds_store_column_text (stmt, 1));
          continue;
        }

      item = g_object_new (DS_TYPE_ITEM,
                           "source", ds_store_column_text (stmt, 0),
                           "remote-id", ds_store_column_text (stmt, 1),
                           "kind", kind,
                           "title", ds_store_column_text (stmt, 4),
                           "text", ds_store_column_text (stmt, 5),
                           "url", ds_store_column_text (stmt, 6),
                           "requester", ds_store_column_text (stmt, 7),
                           "created", (gint64)sqlite3_column_int64 (stmt, 8),
                           "delegated-to", ds_store_column_text (stmt, 9),
                           "issue-url", ds_store_column_text (stmt, 10),
                           "emergency", sqlite3_column_int (stmt, 11) != 0,
                           "channel", ds_store_column_text (stmt, 12),
                           "claimed-by", ds_store_column_text (stmt, 13),
                           "mine", sqlite3_column_int (stmt, 14) != 0,
                           "notified", sqlite3_column_int (stmt, 15) != 0,
                           "due", (gint64)sqlite3_column_int64 (stmt, 16),
                           "problem", ds_store_column_text (stmt, 17),
                           "standup-note", ds_store_column_text (stmt, 18),
                           "responded", (gint64)sqlite3_column_int64 (stmt, 19),
                           "response-reminded", sqlite3_column_int (stmt, 20) != 0,
                           "handed-over", ds_store_column_text (stmt, 21),
                           NULL);
      ds_item_set_state_unchecked (item, state);
      g_ptr_array_add (items, item);
    }

  if (rc != SQLITE_DONE)
    {
      ds_store_set_sqlite_error (self, rc, error, what);
      return NULL;
    }
  return g_steal_pointer (&items);
}

/**
 * ds_store_load_history:
 *
 * Returns: (transfer container) (element-type DsHistoryEntry): the item's
 *   history, oldest first
 */
GPtrArray *
ds_store_load_history (DsStore     *self,
                       const char  *item_id,
                       GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  const char *what = _("read an item's history");
  int rc;

  g_return_val_if_fail (DS_IS_STORE (self), NULL);
  g_return_val_if_fail (item_id != NULL, NULL);

  stmt = ds_store_prepare (self,
                  "SELECT at, actor, from_state, to_state, note FROM history "
                  "WHERE item_id = ? ORDER BY id", what, error);
  if (stmt == NULL)
    return NULL;
  ds_store_bind_text (stmt, 1, item_id);

  entries = g_ptr_array_new_with_free_func ((GDestroyNotify)ds_history_entry_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DsHistoryEntry *entry = g_new0 (DsHistoryEntry, 1);

      entry->at = sqlite3_column_int64 (stmt, 0);
      entry->actor = g_strdup (ds_store_column_text (stmt, 1));
      if (!ds_item_state_from_string (ds_store_column_text (stmt, 2), &entry->from))
        entry->from = DS_ITEM_STATE_NEW;
      if (!ds_item_state_from_string (ds_store_column_text (stmt, 3), &entry->to))
        entry->to = DS_ITEM_STATE_NEW;
      entry->note = g_strdup (ds_store_column_text (stmt, 4));
      g_ptr_array_add (entries, entry);
    }

  if (rc != SQLITE_DONE)
    {
      ds_store_set_sqlite_error (self, rc, error, what);
      return NULL;
    }
  return g_steal_pointer (&entries);
}

/**
 * ds_store_save_threads:
 * @items: (element-type DsItem): items as a poll made them; those that carry
 *   their thread (ds_item_get_replies()) replace the replies kept for them
 *
 * Keeps each request's thread as it was last read, in one transaction.
 * Items not saved yet are passed over.
 */
gboolean
ds_store_save_threads (DsStore    *self,
                       GPtrArray  *items,
                       GError    **error)
{
  g_auto(DsStoreTransaction) txn = DS_STORE_TRANSACTION_INIT;
  g_autoptr(sqlite3_stmt) forget = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;
  const char *what = _("save a request's thread");
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  g_return_val_if_fail (DS_IS_STORE (self), FALSE);
  g_return_val_if_fail (items != NULL, FALSE);

  if (!ds_store_begin (self, &txn, what, error))
    return FALSE;
  forget = ds_store_prepare (self, "DELETE FROM replies WHERE item_id = ?", what, error);
  insert = forget == NULL ? NULL :
    ds_store_prepare (self,
                      "INSERT INTO replies (item_id, seq, at, author, text, read_at) "
                      "SELECT ?1, ?2, ?3, ?4, ?5, ?6 WHERE EXISTS (SELECT 1 FROM items WHERE id = ?1)",
                      what, error);
  if (insert == NULL)
    return FALSE;
  for (guint i = 0; i < items->len; i++)
    {
      DsItem *item = g_ptr_array_index (items, i);
      GPtrArray *replies = ds_item_get_replies (item);

      if (replies == NULL)
        continue;
      sqlite3_reset (forget);
      ds_store_bind_text (forget, 1, ds_item_get_id (item));
      if (!ds_store_step_done (self, forget, what, error))
        return FALSE;
      for (guint r = 0; r < replies->len; r++)
        {
          const DsItemReply *reply = g_ptr_array_index (replies, r);

          sqlite3_reset (insert);
          ds_store_bind_text (insert, 1, ds_item_get_id (item));
          sqlite3_bind_int (insert, 2, r);
          sqlite3_bind_int64 (insert, 3, reply->at);
          ds_store_bind_text (insert, 4, reply->author);
          ds_store_bind_text (insert, 5, reply->text);
          sqlite3_bind_int64 (insert, 6, now);
          if (!ds_store_step_done (self, insert, what, error))
            return FALSE;
        }
    }
  return ds_store_commit (&txn, error);
}

/**
 * ds_store_load_replies:
 * @read_at: (out) (optional): when Dayshift read the thread; 0 if never
 *
 * Returns: (transfer container) (element-type DsItemReply): the request's
 *   thread as Dayshift last read it, oldest first (empty if never read)
 */
GPtrArray *
ds_store_load_replies (DsStore     *self,
                       const char  *item_id,
                       gint64      *read_at,
                       GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) replies = NULL;
  const char *what = _("read a request's thread");
  int rc;

  g_return_val_if_fail (DS_IS_STORE (self), NULL);
  g_return_val_if_fail (item_id != NULL, NULL);

  if (read_at != NULL)
    *read_at = 0;
  stmt = ds_store_prepare (self,
                  "SELECT at, author, text, read_at FROM replies WHERE item_id = ? ORDER BY seq",
                  what, error);
  if (stmt == NULL)
    return NULL;
  ds_store_bind_text (stmt, 1, item_id);
  replies = g_ptr_array_new_with_free_func ((GDestroyNotify)ds_item_reply_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_ptr_array_add (replies, ds_item_reply_new (sqlite3_column_int64 (stmt, 0),
                                                   ds_store_column_text (stmt, 1),
                                                   ds_store_column_text (stmt, 2)));
      if (read_at != NULL)
        *read_at = sqlite3_column_int64 (stmt, 3);
    }
  if (rc != SQLITE_DONE)
    {
      ds_store_set_sqlite_error (self, rc, error, what);
      return NULL;
    }
  return g_steal_pointer (&replies);
}
