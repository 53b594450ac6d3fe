/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-books"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ds-books.h"
#include "ds-error.h"
#include "ds-store-private.h"

/* The books' tables (rotations, support time), one step per schema version
 * (NULL: no change), run by the store's migration in the same transaction.
 * Never edit one that has shipped: add a new one. */
const char * const ds_books_migrations[DS_STORE_SCHEMA_VERSION] = {
  NULL,
  NULL,
  NULL,
  NULL,
  /* 5: rotations and the time spent on each request */
  "CREATE TABLE rotations ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  started INTEGER NOT NULL,"
  "  ended INTEGER,"
  "  report TEXT"
  ");"
  "CREATE TABLE work ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  item_id TEXT NOT NULL REFERENCES items(id) ON DELETE CASCADE,"
  "  started INTEGER NOT NULL,"
  "  ended INTEGER"
  ");"
  "CREATE INDEX work_item ON work(item_id);",
  NULL,
};

static gboolean
run_stmt (DsStore     *self,
          const char  *sql,
          const char  *what,
          GError     **error,
          gint64       a,
          const char  *b)
{
  g_autoptr(sqlite3_stmt) stmt = ds_store_prepare (self, sql, what, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, a);
  if (b != NULL)
    ds_store_bind_text (stmt, 2, b);
  return ds_store_step_done (self, stmt, what, error);
}

/**
 * ds_store_rotation_last:
 * @started: (out): when the latest rotation started
 * @ended: (out): when it ended, 0 while it goes on
 *
 * Returns: %FALSE, without @error, when there never was a rotation
 */
gboolean
ds_store_rotation_last (DsStore  *self,
                        gint64   *started,
                        gint64   *ended,
                        GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *what = _("read the rotation");
  int rc;

  g_return_val_if_fail (DS_IS_STORE (self), FALSE);

  stmt = ds_store_prepare (self, "SELECT started, ended FROM rotations ORDER BY id DESC LIMIT 1",
                           what, error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *started = sqlite3_column_int64 (stmt, 0);
      *ended = sqlite3_column_int64 (stmt, 1);
      return TRUE;
    }
  if (rc != SQLITE_DONE)
    ds_store_set_sqlite_error (self, rc, error, what);
  return FALSE;
}

/**
 * ds_store_rotations:
 *
 * Returns: (transfer full) (element-type DsRotationSpan): every rotation,
 *   newest first (a rotation under way has @ended 0)
 */
GArray *
ds_store_rotations (DsStore  *self,
                    GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) spans = g_array_new (FALSE, TRUE, sizeof (DsRotationSpan));
  const char *what = _("read the rotations");
  int rc;

  g_return_val_if_fail (DS_IS_STORE (self), NULL);

  stmt = ds_store_prepare (self, "SELECT started, COALESCE(ended, 0) FROM rotations "
                                 "ORDER BY started DESC, id DESC", what, error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DsRotationSpan span = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1) };
      g_array_append_val (spans, span);
    }
  if (rc != SQLITE_DONE)
    {
      ds_store_set_sqlite_error (self, rc, error, what);
      return NULL;
    }
  return g_steal_pointer (&spans);
}

/**
 * ds_store_rotation_report:
 *
 * Returns: (transfer full) (nullable): the report of the latest rotation
 *   that ended, or %NULL
 */
char *
ds_store_rotation_report (DsStore  *self,
                          GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *what = _("read the rotation");

  g_return_val_if_fail (DS_IS_STORE (self), NULL);

  stmt = ds_store_prepare (self, "SELECT report FROM rotations WHERE ended IS NOT NULL "
                                 "AND report IS NOT NULL ORDER BY id DESC LIMIT 1", what, error);
  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return g_strdup ((const char *)sqlite3_column_text (stmt, 0));
}

/**
 * ds_store_rotation_start:
 * @writes: (nullable) (element-type DsOutboxEntry): what starting implies
 *   (the user as assignee of the super-epics), queued in the same transaction
 */
gboolean
ds_store_rotation_start (DsStore    *self,
                         gint64      now,
                         GPtrArray  *writes,
                         GError    **error)
{
  g_auto(DsStoreTransaction) txn = DS_STORE_TRANSACTION_INIT;
  const char *what = _("start the rotation");
  gint64 started = 0, ended = 0;
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (DS_IS_STORE (self), FALSE);

  if (ds_store_rotation_last (self, &started, &ended, &local) && ended == 0)
    {
      g_set_error_literal (error, DS_ERROR, DS_ERROR_INVALID_ARGUMENT,
                           _("The rotation is already on."));
      return FALSE;
    }
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (!ds_store_begin (self, &txn, what, error))
    return FALSE;
  if (!run_stmt (self, "INSERT INTO rotations (started) VALUES (?)", what, error, now, NULL) ||
      (writes != NULL && !ds_store_outbox_insert (self, NULL, writes, now, error)) ||
      !ds_store_commit (&txn, error))
    return FALSE;
  return TRUE;
}

/**
 * ds_store_rotation_end:
 * @report: (nullable): the end-of-rotation report, kept with it
 * @writes: (nullable) (element-type DsOutboxEntry): what ending implies
 *
 * Ends the rotation that is on, and stops the support timer.
 */
gboolean
ds_store_rotation_end (DsStore    *self,
                       gint64      now,
                       const char *report,
                       GPtrArray  *writes,
                       GError    **error)
{
  g_auto(DsStoreTransaction) txn = DS_STORE_TRANSACTION_INIT;
  const char *what = _("end the rotation");
  gint64 started = 0, ended = 0;

  g_return_val_if_fail (DS_IS_STORE (self), FALSE);

  if (!ds_store_rotation_last (self, &started, &ended, error) || ended != 0)
    {
      if (error == NULL || *error == NULL)
        g_set_error_literal (error, DS_ERROR, DS_ERROR_INVALID_ARGUMENT,
                             _("There is no rotation on to end."));
      return FALSE;
    }
  if (!ds_store_begin (self, &txn, what, error))
    return FALSE;
  if (!run_stmt (self, "UPDATE rotations SET ended = ?1, report = ?2 WHERE ended IS NULL",
                 what, error, now, report) ||
      !run_stmt (self, "UPDATE work SET ended = ? WHERE ended IS NULL", what, error, now, NULL) ||
      (writes != NULL && !ds_store_outbox_insert (self, NULL, writes, now, error)) ||
      !ds_store_commit (&txn, error))
    return FALSE;
  return TRUE;
}

/**
 * ds_store_timer_start:
 *
 * Starts the support timer on @item_id; one that runs on another item is
 * stopped first, in the same transaction (only one runs at a time).
 */
gboolean
ds_store_timer_start (DsStore     *self,
                      const char  *item_id,
                      gint64       now,
                      GError     **error)
{
  g_auto(DsStoreTransaction) txn = DS_STORE_TRANSACTION_INIT;
  const char *what = _("start the support timer");

  g_return_val_if_fail (DS_IS_STORE (self), FALSE);
  g_return_val_if_fail (item_id != NULL, FALSE);

  if (!ds_store_begin (self, &txn, what, error))
    return FALSE;
  if (!run_stmt (self, "UPDATE work SET ended = ? WHERE ended IS NULL", what, error, now, NULL) ||
      !run_stmt (self, "INSERT INTO work (started, item_id) VALUES (?, ?)", what, error, now,
                 item_id) ||
      !ds_store_commit (&txn, error))
    return FALSE;
  return TRUE;
}

gboolean
ds_store_timer_stop (DsStore  *self,
                     gint64    now,
                     GError  **error)
{
  g_return_val_if_fail (DS_IS_STORE (self), FALSE);
  return run_stmt (self, "UPDATE work SET ended = ? WHERE ended IS NULL",
                   _("stop the support timer"), error, now, NULL);
}

/**
 * ds_store_timer_running:
 * @started: (out) (optional): since when
 *
 * Returns: (transfer full) (nullable): the item the timer runs on, or %NULL
 */
char *
ds_store_timer_running (DsStore  *self,
                        gint64   *started,
                        GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *what = _("read the support timer");
  int rc;

  g_return_val_if_fail (DS_IS_STORE (self), NULL);

  stmt = ds_store_prepare (self, "SELECT item_id, started FROM work WHERE ended IS NULL "
                                 "ORDER BY id DESC LIMIT 1", what, error);
  if (stmt == NULL)
    return NULL;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      if (started != NULL)
        *started = sqlite3_column_int64 (stmt, 1);
      return g_strdup ((const char *)sqlite3_column_text (stmt, 0));
    }
  if (rc != SQLITE_DONE)
    ds_store_set_sqlite_error (self, rc, error, what);
  return NULL;
}

/**
 * ds_store_tracked:
 * @now: counts a running timer up to now
 *
 * Returns: the support time spent on @item_id, in seconds, or -1 with @error
 */
gint64
ds_store_tracked (DsStore     *self,
                  const char  *item_id,
                  gint64       now,
                  GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *what = _("read the support time");

  g_return_val_if_fail (DS_IS_STORE (self), -1);

  stmt = ds_store_prepare (self, "SELECT COALESCE(SUM(COALESCE(ended, ?1) - started), 0) "
                                 "FROM work WHERE item_id = ?2", what, error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, now);
  ds_store_bind_text (stmt, 2, item_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      ds_store_set_sqlite_error (self, sqlite3_errcode (self->db), error, what);
      return -1;
    }
  return sqlite3_column_int64 (stmt, 0);
}

/**
 * ds_store_set_standup_note:
 * @note: (nullable): why the item goes to the standup; %NULL takes it off
 */
gboolean
ds_store_set_standup_note (DsStore     *self,
                           DsItem      *item,
                           const char  *note,
                           GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *what = _("save a note for the standup");

  g_return_val_if_fail (DS_IS_STORE (self), FALSE);

  stmt = ds_store_prepare (self, "UPDATE items SET standup_note = ? WHERE id = ?", what, error);
  if (stmt == NULL)
    return FALSE;
  ds_store_bind_text (stmt, 1, note);
  ds_store_bind_text (stmt, 2, ds_item_get_id (item));
  if (!ds_store_step_done (self, stmt, what, error))
    return FALSE;
  ds_item_set_standup_note (item, note);
  return TRUE;
}

/**
 * ds_timer_event:
 * @tracked: seconds spent on the item so far
 * @told: the last threshold the user was told of, in minutes (0, 15, 120)
 *
 * The process's two rules: past 15 minutes a request with no issue gets one
 * ("track past 15 minutes"); at 2 hours it goes to the team ("stop at 2
 * hours"), except an emergency, which is worked until it is over.
 */
DsTimerEvent
ds_timer_event (gint64   tracked,
                gboolean has_issue,
                gboolean emergency,
                int      told)
{
  if (!emergency && told < 120 && tracked >= DS_TIMER_BRING_TO_TEAM_AFTER)
    return DS_TIMER_BRING_TO_TEAM;
  if (!has_issue && told < 15 && tracked >= DS_TIMER_FILE_ISSUE_AFTER)
    return DS_TIMER_OFFER_ISSUE;
  return DS_TIMER_NOTHING;
}

/**
 * ds_timer_next_check:
 *
 * Returns: in how many seconds of tracked time the next event falls, or 0
 *   if none will
 */
gint64
ds_timer_next_check (gint64   tracked,
                     gboolean has_issue,
                     gboolean emergency,
                     int      told)
{
  if (!has_issue && told < 15 && tracked < DS_TIMER_FILE_ISSUE_AFTER)
    return DS_TIMER_FILE_ISSUE_AFTER - tracked;
  if (!emergency && told < 120 && tracked < DS_TIMER_BRING_TO_TEAM_AFTER)
    return DS_TIMER_BRING_TO_TEAM_AFTER - tracked;
  return 0;
}
