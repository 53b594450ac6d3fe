/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "ds-store.h"

G_BEGIN_DECLS

/* Shared by the parts of the store kept in files of their own: the items
 * (ds-store-items.c), the outbox (ds-outbox.c), the books (ds-books.c) and
 * the handoffs (ds-store-handoffs.c).
 * Each part owns its tables and their migrations. */
struct _DsStore
{
  GObject  parent_instance;

  sqlite3 *db;
  char    *path;
  /* Writes queued in the transaction under way, told once it commits. */
  gboolean queued;
  char    *queued_item;   /* the item they are about; NULL: several, or none */
};

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* Each part's step from schema N - 1 to N at [N - 1], or NULL. */
extern const char * const ds_outbox_migrations[DS_STORE_SCHEMA_VERSION];
extern const char * const ds_books_migrations[DS_STORE_SCHEMA_VERSION];
extern const char * const ds_handoffs_migrations[DS_STORE_SCHEMA_VERSION];

void          ds_store_set_sqlite_error (DsStore       *self,
                                         int            rc,
                                         GError       **error,
                                         const char    *what);
gboolean      ds_store_exec             (DsStore       *self,
                                         const char    *sql,
                                         const char    *what,
                                         GError       **error);
sqlite3_stmt *ds_store_prepare          (DsStore       *self,
                                         const char    *sql,
                                         const char    *what,
                                         GError       **error);
sqlite3_stmt *ds_store_prepare_window   (DsStore       *self,
                                         const char    *sql,
                                         const char    *what,
                                         gint64         since,
                                         gint64         until,
                                         GError       **error);
gboolean      ds_store_next_row         (DsStore       *self,
                                         sqlite3_stmt  *stmt,
                                         const char    *what,
                                         gboolean      *failed,
                                         GError       **error);
void          ds_store_rollback         (DsStore       *self);

/* A transaction that rolls back unless it was committed:
 *
 *   g_auto(DsStoreTransaction) txn = DS_STORE_TRANSACTION_INIT;
 *   if (!ds_store_begin (self, &txn, what, error) || !step (...) ||
 *       !ds_store_commit (&txn, error))
 *     return FALSE;                  (rolled back as txn goes out of scope)
 */
typedef struct
{
  DsStore    *store;   /* while open */
  const char *what;
} DsStoreTransaction;

#define DS_STORE_TRANSACTION_INIT { NULL, NULL }

gboolean      ds_store_begin            (DsStore            *self,
                                         DsStoreTransaction *txn,
                                         const char         *what,
                                         GError            **error);
gboolean      ds_store_commit           (DsStoreTransaction *txn,
                                         GError            **error);
void          ds_store_transaction_clear (DsStoreTransaction *txn);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (DsStoreTransaction, ds_store_transaction_clear)
const char   *ds_store_column_text      (sqlite3_stmt  *stmt,
                                         int            col);
void          ds_store_bind_text        (sqlite3_stmt  *stmt,
                                         int            index,
                                         const char    *text);
gboolean      ds_store_step_done        (DsStore       *self,
                                         sqlite3_stmt  *stmt,
                                         const char    *what,
                                         GError       **error);
/* Emits DsStore::outbox-changed, after the commit. */
void          ds_store_outbox_changed   (DsStore       *self,
                                         const char    *item_id,
                                         gboolean       queued);
/* The outbox's part of a transition: inserts @writes for @item_id, inside
 * the caller's transaction, and sets each entry's id. */
gboolean      ds_store_outbox_insert    (DsStore       *self,
                                         const char    *item_id,
                                         GPtrArray     *writes,
                                         gint64         now,
                                         GError       **error);
/* Saves what is local to an item (not read from a service), inside the
 * caller's transaction. */
gboolean      ds_store_update_local     (DsStore       *self,
                                         DsItem        *item,
                                         const char    *state,
                                         gint64         now,
                                         GError       **error);

G_END_DECLS
