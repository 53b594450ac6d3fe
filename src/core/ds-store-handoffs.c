/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ds-handoff.h"
#include "ds-store-private.h"

/* The handoffs as GitHub showed them: one row per rotation (who was on and
 * when it began), its figures and what it left kept as the block's JSON
 * (ds_handoff_to_json()), which is read back with the same checks as a
 * comment's (ds_handoff_from_json()). Each call is one transaction; a
 * failure keeps nothing of it and is said as the store says every other
 * (ds_store_set_sqlite_error()). */

/* The handoffs' table, one step per schema version (NULL: no change), run by
 * the store's migration in the same transaction. Never edit one that has
 * shipped: add a new one. */
const char * const ds_handoffs_migrations[DS_STORE_SCHEMA_VERSION] = {
  NULL,
  NULL,
  NULL,
  NULL,
  NULL,
  NULL,
  NULL,
  /* 8: the handoffs read back from the super-epics' comments; the same
   * rotation posted on each super-epic is one row */
  "CREATE TABLE handoffs ("
  "  author TEXT NOT NULL,"
  "  start INTEGER NOT NULL,"
  "  end INTEGER NOT NULL,"
  "  url TEXT,"
  "  posted INTEGER NOT NULL DEFAULT 0,"
  "  block TEXT NOT NULL,"
  "  PRIMARY KEY (author, start)"
  ");"
  "CREATE INDEX handoffs_end ON handoffs(end);",
};

/**
 * ds_store_save_handoffs:
 * @handoffs: (element-type DsHandoff): handoffs read from GitHub
 *
 * Keeps each handoff, in one transaction: one row per author and start,
 * replaced when the same rotation is read again (its comment edited). A
 * handoff with no author (a deleted account) is passed over: who was on is
 * not known; so is one that would not read back (ds_handoff_from_json()
 * checks what the store keeps as it checks a stranger's block).
 */
gboolean
ds_store_save_handoffs (DsStore    *self,
                        GPtrArray  *handoffs,
                        GError    **error)
{
  g_auto(DsStoreTransaction) txn = DS_STORE_TRANSACTION_INIT;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *what = _("save the team's handoffs");

  g_return_val_if_fail (DS_IS_STORE (self), FALSE);
  g_return_val_if_fail (handoffs != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!ds_store_begin (self, &txn, what, error))
    return FALSE;
  stmt = ds_store_prepare (self,
                           "INSERT INTO handoffs (author, start, end, url, posted, block) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
                           "ON CONFLICT(author, start) DO UPDATE SET end = ?3, url = ?4, "
                           "  posted = ?5, block = ?6", what, error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < handoffs->len; i++)
    {
      const DsHandoff *handoff = g_ptr_array_index (handoffs, i);
      g_autofree char *block = NULL;
      g_autoptr(DsHandoff) again = NULL;
      g_autoptr(GError) unread = NULL;

      if (handoff->author == NULL || *handoff->author == '\0')
        continue;
      block = ds_handoff_to_json (handoff);
      again = ds_handoff_from_json (block, &unread);
      if (again == NULL)
        {
          g_message ("A handoff read from GitHub is not kept: %s", unread->message);
          continue;
        }
      sqlite3_reset (stmt);
      ds_store_bind_text (stmt, 1, handoff->author);
      sqlite3_bind_int64 (stmt, 2, handoff->start);
      sqlite3_bind_int64 (stmt, 3, handoff->end);
      ds_store_bind_text (stmt, 4, handoff->url);
      sqlite3_bind_int64 (stmt, 5, handoff->posted);
      ds_store_bind_text (stmt, 6, block);
      if (!ds_store_step_done (self, stmt, what, error))
        return FALSE;
    }
  return ds_store_commit (&txn, error);
}

/**
 * ds_store_load_handoffs_before:
 * @since: the rotations that began before this…
 * @until: …and ended by this, Unix time
 * @n: at most so many, the newest
 *
 * The rotations before a window, for its report: neither the window's own
 * handoff (read back once it was posted) nor one after it. A row whose
 * block no longer reads is passed over, with a warning.
 *
 * Returns: (transfer container) (element-type DsHandoff): the newest @n by
 *   their end, oldest first, or %NULL with @error set
 */
GPtrArray *
ds_store_load_handoffs_before (DsStore  *self,
                               gint64    since,
                               gint64    until,
                               guint     n,
                               GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) handoffs = NULL;
  const char *what = _("read the team's handoffs");
  int rc;

  g_return_val_if_fail (DS_IS_STORE (self), NULL);

  stmt = ds_store_prepare (self,
                           "SELECT author, start, end, url, posted, block FROM handoffs "
                           "WHERE start < ?1 AND end <= ?2 "
                           "ORDER BY end DESC, start DESC, author LIMIT ?3", what, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, since);
  sqlite3_bind_int64 (stmt, 2, until);
  sqlite3_bind_int64 (stmt, 3, n);

  handoffs = g_ptr_array_new_with_free_func ((GDestroyNotify)ds_handoff_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(GError) unread = NULL;
      DsHandoff *handoff = ds_handoff_from_json (ds_store_column_text (stmt, 5), &unread);

      if (handoff == NULL)
        {
          g_warning ("Skipping a handoff kept at %" G_GINT64_FORMAT ": %s",
                     (gint64)sqlite3_column_int64 (stmt, 1), unread->message);
          continue;
        }
      /* Who posted it and where: the comment's, not the block's. */
      g_free (handoff->author);
      handoff->author = g_strdup (ds_store_column_text (stmt, 0));
      g_free (handoff->url);
      handoff->url = g_strdup (ds_store_column_text (stmt, 3));
      handoff->posted = sqlite3_column_int64 (stmt, 4);
      g_ptr_array_insert (handoffs, 0, handoff);
    }
  if (rc != SQLITE_DONE)
    {
      ds_store_set_sqlite_error (self, rc, error, what);
      return NULL;
    }
  return g_steal_pointer (&handoffs);
}

/**
 * ds_store_load_handoffs:
 * @n: at most so many, the newest
 *
 * Returns: (transfer container) (element-type DsHandoff): the newest @n
 *   handoffs by their end, oldest first, or %NULL with @error set
 */
GPtrArray *
ds_store_load_handoffs (DsStore  *self,
                        guint     n,
                        GError  **error)
{
  return ds_store_load_handoffs_before (self, G_MAXINT64, G_MAXINT64, n, error);
}

/**
 * ds_store_mark_handed_over:
 * @handoff: (nullable): the handoff in, or %NULL for none
 *
 * Marks the items @handoff left, those the store has, as handed over by its
 * author, and no other item, in one transaction: the handoff in replaces
 * the one before. The items in memory are the caller's to set
 * (ds_item_set_handed_over()).
 */
gboolean
ds_store_mark_handed_over (DsStore          *self,
                           const DsHandoff  *handoff,
                           GError          **error)
{
  g_auto(DsStoreTransaction) txn = DS_STORE_TRANSACTION_INIT;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *what = _("mark the items handed over");

  g_return_val_if_fail (DS_IS_STORE (self), FALSE);
  g_return_val_if_fail (handoff == NULL || handoff->author != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!ds_store_begin (self, &txn, what, error) ||
      !ds_store_exec (self, "UPDATE items SET handed_over = NULL WHERE handed_over IS NOT NULL",
                      what, error))
    return FALSE;
  if (handoff != NULL && handoff->left != NULL && handoff->left->len > 0)
    {
      stmt = ds_store_prepare (self, "UPDATE items SET handed_over = ?1 WHERE id = ?2", what,
                               error);
      if (stmt == NULL)
        return FALSE;
      for (guint i = 0; i < handoff->left->len; i++)
        {
          const DsHandoffItem *left = g_ptr_array_index (handoff->left, i);

          sqlite3_reset (stmt);
          ds_store_bind_text (stmt, 1, handoff->author);
          ds_store_bind_text (stmt, 2, left->id);
          if (!ds_store_step_done (self, stmt, what, error))
            return FALSE;
        }
    }
  return ds_store_commit (&txn, error);
}
