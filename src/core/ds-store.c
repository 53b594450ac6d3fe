/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "ds-error.h"
#include "ds-item-private.h"
#include "ds-store-private.h"

/* The local state of Dayshift: every item seen and everything done with it,
 * so that a restart never notifies twice or forgets an action. One SQLite
 * file in WAL mode, private to the user (0600). Every write is one
 * transaction. The schema only ever moves forward, one migration at a time,
 * from the first version on. */
G_DEFINE_FINAL_TYPE (DsStore, ds_store, G_TYPE_OBJECT)

enum { SIGNAL_OUTBOX_CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* migrations[N - 1] takes a database from version N - 1 to N, with the
 * steps of the tables that belong to other parts (the outbox's in
 * ds-outbox.c, the books' in ds-books.c, the handoffs' in
 * ds-store-handoffs.c), in the same transaction. Never
 * edit one that has shipped: add a new one. */
static const char * const migrations[DS_STORE_SCHEMA_VERSION] = {
  /* 1: items and their history */
  "CREATE TABLE items ("
  "  id TEXT PRIMARY KEY NOT NULL,"
  "  source TEXT NOT NULL,"
  "  remote_id TEXT NOT NULL,"
  "  kind TEXT NOT NULL,"
  "  state TEXT NOT NULL,"
  "  title TEXT,"
  "  body TEXT,"
  "  url TEXT,"
  "  requester TEXT,"
  "  created INTEGER NOT NULL,"
  "  delegated_to TEXT,"
  "  issue_url TEXT,"
  "  emergency INTEGER NOT NULL DEFAULT 0,"
  "  first_seen INTEGER NOT NULL"
  ");"
  "CREATE TABLE history ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  item_id TEXT NOT NULL REFERENCES items(id) ON DELETE CASCADE,"
  "  at INTEGER NOT NULL,"
  "  actor TEXT NOT NULL,"
  "  from_state TEXT NOT NULL,"
  "  to_state TEXT NOT NULL,"
  "  note TEXT"
  ");"
  "CREATE INDEX history_item ON history(item_id);",

  /* 2: when an item last changed; key/value state (poll cursors, rotation) */
  "ALTER TABLE items ADD COLUMN updated INTEGER NOT NULL DEFAULT 0;"
  "UPDATE items SET updated = first_seen;"
  "CREATE INDEX items_state ON items(state);"
  "CREATE TABLE meta ("
  "  key TEXT PRIMARY KEY NOT NULL,"
  "  value TEXT NOT NULL"
  ");",

  /* 3: where an item came from, who claimed it, whether it was asked of the user */
  "ALTER TABLE items ADD COLUMN channel TEXT;"
  "ALTER TABLE items ADD COLUMN claimed_by TEXT;"
  "ALTER TABLE items ADD COLUMN mine INTEGER NOT NULL DEFAULT 0;",

  /* 4: told once; asks again at; a write that failed (and the outbox) */
  "ALTER TABLE items ADD COLUMN notified INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE items ADD COLUMN due INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE items ADD COLUMN problem TEXT;"
  "UPDATE items SET notified = 1;",

  /* 5: standup notes (and the books, and outbox writes not about one item) */
  "ALTER TABLE items ADD COLUMN standup_note TEXT;"
  "CREATE INDEX history_at ON history(at);"
  "CREATE INDEX items_first_seen ON items(first_seen);",

  /* 6: a request's thread, as Dayshift last read it */
  "CREATE TABLE replies ("
  "  item_id TEXT NOT NULL REFERENCES items(id) ON DELETE CASCADE,"
  "  seq INTEGER NOT NULL,"
  "  at INTEGER NOT NULL,"
  "  author TEXT,"
  "  text TEXT,"
  "  read_at INTEGER NOT NULL,"
  "  PRIMARY KEY (item_id, seq)"
  ");",

  /* 7: an item's first response (what stops its response clock), from the
   * first move that answered it (the states of ds_item_state_answers(), as
   * they were when this shipped), else, for one a teammate took, when it
   * was first seen; and whether its response reminder was told, which every
   * item kept so far counts as told, so that an update does not remind of
   * old requests all at once. */
  "ALTER TABLE items ADD COLUMN responded INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE items ADD COLUMN response_reminded INTEGER NOT NULL DEFAULT 0;"
  "UPDATE items SET responded = COALESCE((SELECT MIN(h.at) FROM history h "
  "  WHERE h.item_id = items.id AND h.to_state IN ('acknowledged', 'delegated', 'filed', "
  "  'done', 'dismissed')), 0);"
  "UPDATE items SET responded = first_seen WHERE responded = 0 AND claimed_by IS NOT NULL;"
  "UPDATE items SET response_reminded = 1;",

  /* 8: who handed an item over, as their handoff listed it (a GitHub login),
   * and the handoffs read back from GitHub (ds-store-handoffs.c) */
  "ALTER TABLE items ADD COLUMN handed_over TEXT;",
};

static gboolean
is_corruption (int rc)
{
  rc &= 0xff;
  return rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB;
}

/* Turns the last SQLite error into a message that says what to do. */
void
ds_store_set_sqlite_error (DsStore     *self,
                  int          rc,
                  GError     **error,
                  const char  *what)
{
  const char *detail = self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc);
  int sys = self->db != NULL ? sqlite3_system_errno (self->db) : 0;

  /* SQLite says "disk I/O error" when a write finds the disk full. */
  if ((rc & 0xff) == SQLITE_IOERR && (sys == ENOSPC || sys == EDQUOT))
    rc = SQLITE_FULL;

  switch (rc & 0xff)
    {
    case SQLITE_FULL:
      g_set_error (error, DS_ERROR, DS_ERROR_STORE_IO,
                   _("The disk is full: Dayshift could not %s in %s. Free some space on that "
                     "disk; what was saved before is kept."), what, self->path);
      break;
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_CANTOPEN:
      g_set_error (error, DS_ERROR, DS_ERROR_STORE_IO,
                   _("Dayshift could not %s: %s is not writable (%s). Check the file's "
                     "permissions."), what, self->path, detail);
      break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, DS_ERROR, DS_ERROR_STORE_CORRUPT,
                   _("The Dayshift database %s is damaged (%s)."), self->path, detail);
      break;
    default:
      g_set_error (error, DS_ERROR, DS_ERROR_STORE_IO,
                   _("Dayshift could not %s in %s: %s."), what, self->path, detail);
      break;
    }
}

gboolean
ds_store_exec (DsStore     *self,
      const char  *sql,
      const char  *what,
      GError     **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      ds_store_set_sqlite_error (self, rc, error, what);
      return FALSE;
    }
  return TRUE;
}

sqlite3_stmt *
ds_store_prepare (DsStore     *self,
         const char  *sql,
         const char  *what,
         GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      ds_store_set_sqlite_error (self, rc, error, what);
      return NULL;
    }
  return stmt;
}

/* A query of a time window: ?1 and ?2 are @since and @until. */
sqlite3_stmt *
ds_store_prepare_window (DsStore     *self,
                         const char  *sql,
                         const char  *what,
                         gint64       since,
                         gint64       until,
                         GError     **error)
{
  sqlite3_stmt *stmt = ds_store_prepare (self, sql, what, error);

  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, since);
      sqlite3_bind_int64 (stmt, 2, until);
    }
  return stmt;
}

/* Steps @stmt: TRUE on a row; FALSE at the end, or on an error, which sets
 * @failed and @error. */
gboolean
ds_store_next_row (DsStore       *self,
                   sqlite3_stmt  *stmt,
                   const char    *what,
                   gboolean      *failed,
                   GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc != SQLITE_DONE)
    {
      ds_store_set_sqlite_error (self, rc, error, what);
      *failed = TRUE;
    }
  return FALSE;
}

void
ds_store_rollback (DsStore *self)
{
  /* Nothing to report: the error that made us roll back is the one that counts. */
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

gboolean
ds_store_begin (DsStore            *self,
                DsStoreTransaction *txn,
                const char         *what,
                GError            **error)
{
  int moved = 0;

  g_return_val_if_fail (txn->store == NULL, FALSE);

  /* The file replaced or taken away while Dayshift runs (a folder in its
   * place, a backup restored): what is written now would be lost with the
   * file SQLite still holds open. Refused, and said. */
  if (sqlite3_file_control (self->db, "main", SQLITE_FCNTL_HAS_MOVED, &moved) == SQLITE_OK &&
      moved)
    {
      g_set_error (error, DS_ERROR, DS_ERROR_STORE_IO,
                   _("Dayshift could not %s: its database %s was moved, deleted or replaced "
                     "while Dayshift ran. Put the file back, or quit Dayshift and start it "
                     "again."), what, self->path);
      return FALSE;
    }
  if (!ds_store_exec (self, "BEGIN IMMEDIATE", what, error))
    return FALSE;
  txn->store = self;
  txn->what = what;
  return TRUE;
}

gboolean
ds_store_commit (DsStoreTransaction *txn,
                 GError            **error)
{
  DsStore *self = txn->store;
  g_autofree char *item = NULL;
  gboolean queued;

  g_return_val_if_fail (self != NULL, FALSE);

  if (!ds_store_exec (self, "COMMIT", txn->what, error))
    return FALSE;
  txn->store = NULL;
  /* What the transaction queued is kept: the sender may send it. */
  queued = self->queued;
  item = g_steal_pointer (&self->queued_item);
  self->queued = FALSE;
  if (queued)
    ds_store_outbox_changed (self, item, TRUE);
  return TRUE;
}

void
ds_store_transaction_clear (DsStoreTransaction *txn)
{
  if (txn->store != NULL)
    {
      ds_store_rollback (txn->store);
      txn->store->queued = FALSE;
      g_clear_pointer (&txn->store->queued_item, g_free);
    }
  txn->store = NULL;
}

static int
read_user_version (DsStore *self,
                   int     *version)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, "PRAGMA user_version", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return rc;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return rc;
  *version = sqlite3_column_int (stmt, 0);
  return SQLITE_OK;
}

/* Runs SQLite's own consistency check. Returns SQLITE_CORRUPT with @detail
 * set when the file is damaged. */
static int
check_integrity (DsStore  *self,
                 char    **detail)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *result;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, "PRAGMA quick_check(1)", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      *detail = g_strdup (sqlite3_errmsg (self->db));
      return rc;
    }
  result = (const char *)sqlite3_column_text (stmt, 0);
  if (g_strcmp0 (result, "ok") != 0)
    {
      *detail = g_strdup (result != NULL ? result : "?");
      return SQLITE_CORRUPT;
    }
  return SQLITE_OK;
}

/* Moves the damaged file (and its WAL and shared-memory files) aside, so that
 * it can be looked at or recovered, and a fresh database can take its place. */
static char *
move_aside (const char  *path,
            GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *target = g_strdup_printf ("%s.damaged-%s", path, stamp);
  static const char * const suffixes[] = { "-wal", "-shm" };

  if (g_rename (path, target) != 0)
    {
      int saved = errno;

      g_set_error (error, DS_ERROR, DS_ERROR_STORE_IO,
                   _("The Dayshift database %s is damaged and could not be moved aside (%s). "
                     "Move it away by hand and start Dayshift again."),
                   path, g_strerror (saved));
      return NULL;
    }

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *from = g_strconcat (path, suffixes[i], NULL);
      g_autofree char *to = g_strconcat (target, suffixes[i], NULL);

      if (g_file_test (from, G_FILE_TEST_EXISTS))
        (void)g_rename (from, to);
    }

  return g_steal_pointer (&target);
}

static gboolean
migrate (DsStore  *self,
         GError  **error)
{
  g_auto(DsStoreTransaction) txn = DS_STORE_TRANSACTION_INIT;
  int version = 0;
  int rc = read_user_version (self, &version);

  if (rc != SQLITE_OK)
    {
      ds_store_set_sqlite_error (self, rc, error, _("read the schema version"));
      return FALSE;
    }

  if (version > DS_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, DS_ERROR, DS_ERROR_STORE_TOO_NEW,
                   _("The Dayshift database %s was written by a newer version of Dayshift "
                     "(schema %d; this version knows up to %d). Update Dayshift; the file "
                     "was left untouched."), self->path, version, DS_STORE_SCHEMA_VERSION);
      return FALSE;
    }

  for (int v = version; v < DS_STORE_SCHEMA_VERSION; v++)
    {
      g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %d", v + 1);

      g_debug ("Migrating %s from schema %d to %d", self->path, v, v + 1);
      if (!ds_store_begin (self, &txn, _("update the database"), error))
        return FALSE;
      if (!ds_store_exec (self, migrations[v], _("update the database"), error) ||
          (ds_outbox_migrations[v] != NULL &&
           !ds_store_exec (self, ds_outbox_migrations[v], _("update the database"), error)) ||
          (ds_books_migrations[v] != NULL &&
           !ds_store_exec (self, ds_books_migrations[v], _("update the database"), error)) ||
          (ds_handoffs_migrations[v] != NULL &&
           !ds_store_exec (self, ds_handoffs_migrations[v], _("update the database"), error)) ||
          !ds_store_exec (self, bump, _("update the database"), error) ||
          !ds_store_commit (&txn, error))
        return FALSE;
    }

  return TRUE;
}

static void
ds_store_finalize (GObject *object)
{
  DsStore *self = (DsStore *)object;

  g_clear_pointer (&self->db, sqlite3_close);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->queued_item, g_free);

  G_OBJECT_CLASS (ds_store_parent_class)->finalize (object);
}

static void
ds_store_class_init (DsStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ds_store_finalize;

  /**
   * DsStore::outbox-changed:
   * @item_id: (nullable): the item the writes are about, or %NULL
   * @queued: new writes were queued (else one was sent, retried or failed)
   *
   * Said once what changed in the outbox is committed: the sender sends
   * what was queued without being asked, and whoever shows the item reads
   * how its writes went.
   */
  signals[SIGNAL_OUTBOX_CHANGED] =
    g_signal_new ("outbox-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_BOOLEAN);
}

void
ds_store_outbox_changed (DsStore    *self,
                         const char *item_id,
                         gboolean    queued)
{
  g_signal_emit (self, signals[SIGNAL_OUTBOX_CHANGED], 0, item_id, queued);
}

static void
ds_store_init (DsStore *self)
{
}

/**
 * ds_store_default_path:
 * @demo: for the demo workspace, which keeps its own history apart so that
 *   the real database never holds a demo item
 *
 * Returns: (transfer full): `$XDG_DATA_HOME/dayshift/dayshift.db`, or
 *   `demo.db` beside it
 */
char *
ds_store_default_path (gboolean demo)
{
  return g_build_filename (g_get_user_data_dir (), "dayshift", demo ? "demo.db" : "dayshift.db",
                           NULL);
}

/**
 * ds_store_delete_files:
 * @path: a database no store has open
 *
 * Removes the database and its write-ahead log and shared-memory files.
 */
void
ds_store_delete_files (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm" };

  g_return_if_fail (path != NULL);

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      (void)g_remove (file);
    }
}

/* Creates the file 0600 before SQLite does, so that it is never readable by
 * others, not even for a moment; and tightens an existing one. */
static gboolean
ensure_private_file (const char  *path,
                     GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, DS_ERROR, DS_ERROR_STORE_IO,
                   _("Dayshift could not create the folder %s for its database: %s."),
                   dir, g_strerror (saved));
      return FALSE;
    }
  /* Dayshift's own folder, made earlier or by hand with 0755: only the user
   * may look inside (the database names people and what they asked). */
  {
    g_autofree char *base = g_path_get_basename (dir);

    if (g_str_equal (base, "dayshift") && g_chmod (dir, 0700) != 0)
      g_message ("Could not make %s private: %s", dir, g_strerror (errno));
  }

  fd = g_open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0 || fchmod (fd, 0600) != 0)
    {
      int saved = errno;

      if (fd >= 0)
        close (fd);
      g_set_error (error, DS_ERROR, DS_ERROR_STORE_IO,
                   _("Dayshift could not open its database %s: %s. Make it a file you may "
                     "write, or move it away for a new one, then start Dayshift again."),
                   path, g_strerror (saved));
      return FALSE;
    }
  close (fd);
  return TRUE;
}

/**
 * ds_store_open:
 * @path: the database file; created if missing
 * @error: a #GError
 *
 * Opens the database and brings its schema up to date. A damaged file is
 * moved aside and %DS_ERROR_STORE_CORRUPT is returned, with a message that
 * says where it went; opening again then starts an empty database.
 *
 * Returns: (transfer full): the store, or %NULL with @error set
 */
DsStore *
ds_store_open (const char  *path,
               GError     **error)
{
  g_autoptr(DsStore) self = NULL;
  g_autofree char *detail = NULL;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (DS_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  if (!ensure_private_file (path, error))
    return NULL;

  rc = sqlite3_open_v2 (path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_extended_result_codes (self->db, TRUE);
      sqlite3_busy_timeout (self->db, 2000);
      rc = check_integrity (self, &detail);
    }

  if (is_corruption (rc))
    {
      g_autofree char *moved = NULL;

      g_clear_pointer (&self->db, sqlite3_close);
      moved = move_aside (path, error);
      if (moved == NULL)
        return NULL;
      g_set_error (error, DS_ERROR, DS_ERROR_STORE_CORRUPT,
                   _("The Dayshift database %s was damaged (%s). It was moved to %s, where "
                     "it can be inspected; Dayshift starts again with an empty history."),
                   path, detail != NULL ? detail : "?", moved);
      return NULL;
    }
  if (rc != SQLITE_OK)
    {
      ds_store_set_sqlite_error (self, rc, error, _("open the database"));
      return NULL;
    }

  if (!ds_store_exec (self, "PRAGMA journal_mode = WAL", _("open the database"), error) ||
      !ds_store_exec (self, "PRAGMA synchronous = NORMAL", _("open the database"), error) ||
      !ds_store_exec (self, "PRAGMA foreign_keys = ON", _("open the database"), error) ||
      !migrate (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * ds_store_open_for_reading:
 *
 * Opens the database read-only, for a quick look from the command line
 * (`--status`, `--report`) while Dayshift may be running: no integrity
 * check, no migration. A database of another schema version is refused
 * with a message that says what to do.
 *
 * Returns: (transfer full): the store, or %NULL with @error set
 */
DsStore *
ds_store_open_for_reading (const char  *path,
                           GError     **error)
{
  g_autoptr(DsStore) self = NULL;
  int version = 0;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (DS_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  rc = sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_extended_result_codes (self->db, TRUE);
      sqlite3_busy_timeout (self->db, 2000);
      rc = read_user_version (self, &version);
    }
  if (rc != SQLITE_OK)
    {
      ds_store_set_sqlite_error (self, rc, error, _("open the database"));
      return NULL;
    }
  if (version != DS_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, DS_ERROR, version > DS_STORE_SCHEMA_VERSION
                                    ? DS_ERROR_STORE_TOO_NEW : DS_ERROR_STORE_IO,
                   _("The Dayshift database %s has schema %d; this Dayshift reads %d. Start "
                     "Dayshift (the same version) once, then ask again."),
                   path, version, DS_STORE_SCHEMA_VERSION);
      return NULL;
    }
  return g_steal_pointer (&self);
}

const char *
ds_store_get_path (DsStore *self)
{
  g_return_val_if_fail (DS_IS_STORE (self), NULL);
  return self->path;
}

int
ds_store_get_schema_version (DsStore *self)
{
  int version = -1;

  g_return_val_if_fail (DS_IS_STORE (self), -1);

  if (read_user_version (self, &version) != SQLITE_OK)
    return -1;
  return version;
}

const char *
ds_store_column_text (sqlite3_stmt *stmt,
                      int           col)
{
  return (const char *)sqlite3_column_text (stmt, col);
}

void
ds_store_bind_text (sqlite3_stmt *stmt,
           int           index,
           const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

gboolean
ds_store_step_done (DsStore       *self,
           sqlite3_stmt  *stmt,
           const char    *what,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE)
    {
      ds_store_set_sqlite_error (self, rc, error, what);
      return FALSE;
    }
  return TRUE;
}

/**
 * ds_store_get_meta:
 *
 * Returns: (transfer full) (nullable): the value, or %NULL (and no error)
 *   if @key was never set
 */
char *
ds_store_get_meta (DsStore     *self,
                   const char  *key,
                   GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *what = _("read a setting");
  int rc;

  g_return_val_if_fail (DS_IS_STORE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  stmt = ds_store_prepare (self, "SELECT value FROM meta WHERE key = ?", what, error);
  if (stmt == NULL)
    return NULL;
  ds_store_bind_text (stmt, 1, key);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return g_strdup (ds_store_column_text (stmt, 0));
  if (rc != SQLITE_DONE)
    ds_store_set_sqlite_error (self, rc, error, what);
  return NULL;
}

gboolean
ds_store_set_meta (DsStore     *self,
                   const char  *key,
                   const char  *value,
                   GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *what = _("save a setting");

  g_return_val_if_fail (DS_IS_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL && value != NULL, FALSE);

  stmt = ds_store_prepare (self,
                  "INSERT INTO meta (key, value) VALUES (?, ?) "
                  "ON CONFLICT(key) DO UPDATE SET value = excluded.value", what, error);
  if (stmt == NULL)
    return FALSE;
  ds_store_bind_text (stmt, 1, key);
  ds_store_bind_text (stmt, 2, value);
  return ds_store_step_done (self, stmt, what, error);
}
