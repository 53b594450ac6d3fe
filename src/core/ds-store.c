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

/* migrations[N - 1] takes a database from version N - 1 to N. Never edit one
 * that has shipped: add a new one. */
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

  /* 4: told once; asks again at; a write that failed; the outbox of writes to services */
  "ALTER TABLE items ADD COLUMN notified INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE items ADD COLUMN due INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE items ADD COLUMN problem TEXT;"
  "UPDATE items SET notified = 1;"
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

  /* 5: the rotation's books: rotations, support time, standup notes; writes
   * not about one item (a super-epic's assignee) */
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
  "CREATE INDEX work_item ON work(item_id);"
  "ALTER TABLE items ADD COLUMN standup_note TEXT;"
  "CREATE INDEX history_at ON history(at);"
  "CREATE INDEX items_first_seen ON items(first_seen);"
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
};

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
  g_return_val_if_fail (txn->store == NULL, FALSE);

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
  g_return_val_if_fail (txn->store != NULL, FALSE);

  if (!ds_store_exec (txn->store, "COMMIT", txn->what, error))
    return FALSE;
  txn->store = NULL;
  return TRUE;
}

void
ds_store_transaction_clear (DsStoreTransaction *txn)
{
  if (txn->store != NULL)
    ds_store_rollback (txn->store);
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

  G_OBJECT_CLASS (ds_store_parent_class)->finalize (object);
}

static void
ds_store_class_init (DsStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ds_store_finalize;
}

static void
ds_store_init (DsStore *self)
{
}

/**
 * ds_store_default_path:
 *
 * Returns: (transfer full): `$XDG_DATA_HOME/dayshift/dayshift.db`
 */
char *
ds_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "dayshift", "dayshift.db", NULL);
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
                   _("Dayshift could not open its database %s: %s."), path, g_strerror (saved));
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

  /* When it arrived is the row's first_seen; the history holds what was
   * done with it. */
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
                  "  channel, claimed_by, mine) "
                  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?14, "
                  "  ?15, ?16, ?17) "
                  "ON CONFLICT(id) DO UPDATE SET kind = ?4, title = ?6, body = ?7, url = ?8, "
                  "  requester = ?9, created = ?10, delegated_to = ?11, issue_url = ?12, "
                  "  emergency = ?13, updated = ?14, channel = ?15, claimed_by = ?16, mine = ?17",
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
 * it asks again, a write that failed, whether the user was told. */
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
                           "  updated = ?4, due = ?5, problem = ?6, notified = ?7 "
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
 * (delegating again) when the table allows it.
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

  if (!ds_store_update_local (self, item, ds_item_state_to_string (to), now, error) ||
      !insert_history (self, ds_item_get_id (item), now, actor, from, to, note, error) ||
      (writes != NULL && !ds_store_outbox_insert (self, ds_item_get_id (item), writes, now,
                                                  error)) ||
      !ds_store_commit (&txn, error))
    return FALSE;

  ds_item_set_state_unchecked (item, to);
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
  g_auto(DsStoreTransaction) txn = DS_STORE_TRANSACTION_INIT;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *what = _("save which items were notified");

  g_return_val_if_fail (DS_IS_STORE (self), FALSE);
  g_return_val_if_fail (items != NULL, FALSE);

  if (!ds_store_begin (self, &txn, what, error))
    return FALSE;
  stmt = ds_store_prepare (self, "UPDATE items SET notified = 1 WHERE id = ?", what, error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < items->len; i++)
    {
      sqlite3_reset (stmt);
      ds_store_bind_text (stmt, 1, ds_item_get_id (g_ptr_array_index (items, i)));
      if (!ds_store_step_done (self, stmt, what, error))
        return FALSE;
    }
  if (!ds_store_commit (&txn, error))
    return FALSE;
  for (guint i = 0; i < items->len; i++)
    ds_item_set_notified (g_ptr_array_index (items, i), TRUE);
  return TRUE;
}

static const char *
column_text (sqlite3_stmt *stmt,
             int           col)
{
  return (const char *)sqlite3_column_text (stmt, col);
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
                  "  notified, due, problem, standup_note "
                  "FROM items "
                  "ORDER BY created DESC", what, error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DsItemKind kind;
      DsItemState state;
      DsItem *item;

      if (!ds_item_kind_from_string (column_text (stmt, 2), &kind) ||
          !ds_item_state_from_string (column_text (stmt, 3), &state))
        {
          g_warning ("Skipping item %s:%s with unknown kind or state",
                     column_text (stmt, 0), column_text (stmt, 1));
          continue;
        }

      item = g_object_new (DS_TYPE_ITEM,
                           "source", column_text (stmt, 0),
                           "remote-id", column_text (stmt, 1),
                           "kind", kind,
                           "title", column_text (stmt, 4),
                           "text", column_text (stmt, 5),
                           "url", column_text (stmt, 6),
                           "requester", column_text (stmt, 7),
                           "created", (gint64)sqlite3_column_int64 (stmt, 8),
                           "delegated-to", column_text (stmt, 9),
                           "issue-url", column_text (stmt, 10),
                           "emergency", sqlite3_column_int (stmt, 11) != 0,
                           "channel", column_text (stmt, 12),
                           "claimed-by", column_text (stmt, 13),
                           "mine", sqlite3_column_int (stmt, 14) != 0,
                           "notified", sqlite3_column_int (stmt, 15) != 0,
                           "due", (gint64)sqlite3_column_int64 (stmt, 16),
                           "problem", column_text (stmt, 17),
                           "standup-note", column_text (stmt, 18),
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
      entry->actor = g_strdup (column_text (stmt, 1));
      if (!ds_item_state_from_string (column_text (stmt, 2), &entry->from))
        entry->from = DS_ITEM_STATE_NEW;
      if (!ds_item_state_from_string (column_text (stmt, 3), &entry->to))
        entry->to = DS_ITEM_STATE_NEW;
      entry->note = g_strdup (column_text (stmt, 4));
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
    return g_strdup (column_text (stmt, 0));
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
