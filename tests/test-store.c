/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "ds-books.h"
#include "ds-error.h"
#include "ds-handoff-testing.h"
#include "ds-outbox.h"
#include "ds-store.h"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("ds-store-XXXXXX", &error);
  g_assert_no_error (error);
  /* A folder that does not exist yet, as on a first start. */
  f->path = g_build_filename (f->dir, "dayshift", "dayshift.db", NULL);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (path, name, NULL);
        remove_tree (child);
      }
  g_remove (path);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static DsStore *
open_store (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  DsStore *store = ds_store_open (f->path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

static DsItem *
find_item (GPtrArray  *items,
           const char *id)
{
  for (guint i = 0; i < items->len; i++)
    if (g_strcmp0 (ds_item_get_id (items->pdata[i]), id) == 0)
      return items->pdata[i];
  return NULL;
}

static void
test_items_survive_reopen (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) history = NULL;
  DsItem *loaded;

  {
    g_autoptr(DsStore) store = open_store (f);
    g_autoptr(DsItem) item = ds_item_new ("slack", "C1/1.2", DS_ITEM_KIND_DEPLOY,
                                          "deploy api-gateway failed");

    ds_item_set_text (item, "step 3 of 5: <timeout>");
    ds_item_set_requester (item, "deploy-bot");
    ds_item_set_url (item, "https://example.slack.com/archives/C1/p12");
    ds_item_set_created (item, 1700000000);
    ds_item_set_emergency (item, TRUE);
    ds_item_set_channel (item, "#deploys");
    ds_item_set_claimed_by (item, "Alice");
    ds_item_set_mine (item, TRUE);
    g_assert_true (ds_store_save_item (store, item, &error));
    g_assert_no_error (error);
    ds_item_set_delegated_to (item, "alice");
    g_assert_true (ds_store_transition (store, item, DS_ITEM_STATE_DELEGATED, "me",
                                        "alice knows the gateway", &error));
    g_assert_no_error (error);
    /* Saving again updates, never duplicates. */
    ds_item_set_title (item, "deploy api-gateway failed (retry 2)");
    g_assert_true (ds_store_save_item (store, item, &error));
    g_assert_cmpint (ds_store_get_schema_version (store), ==, DS_STORE_SCHEMA_VERSION);
    g_assert_finalize_object (g_steal_pointer (&store));
  }

  {
    g_autoptr(DsStore) store = open_store (f);

    items = ds_store_load_items (store, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (items->len, ==, 1);
    loaded = items->pdata[0];
    g_assert_cmpstr (ds_item_get_id (loaded), ==, "slack:C1/1.2");
    g_assert_cmpstr (ds_item_get_title (loaded), ==, "deploy api-gateway failed (retry 2)");
    g_assert_cmpstr (ds_item_get_text (loaded), ==, "step 3 of 5: <timeout>");
    g_assert_cmpstr (ds_item_get_requester (loaded), ==, "deploy-bot");
    g_assert_cmpstr (ds_item_get_delegated_to (loaded), ==, "alice");
    g_assert_cmpint (ds_item_get_kind (loaded), ==, DS_ITEM_KIND_DEPLOY);
    g_assert_cmpint (ds_item_get_state (loaded), ==, DS_ITEM_STATE_DELEGATED);
    g_assert_cmpint (ds_item_get_created (loaded), ==, 1700000000);
    g_assert_true (ds_item_get_emergency (loaded));
    g_assert_cmpstr (ds_item_get_channel (loaded), ==, "#deploys");
    g_assert_cmpstr (ds_item_get_claimed_by (loaded), ==, "Alice");
    g_assert_true (ds_item_get_mine (loaded));

    history = ds_store_load_history (store, "slack:C1/1.2", &error);
    g_assert_no_error (error);
    g_assert_cmpuint (history->len, ==, 1);
    {
      DsHistoryEntry *delegated = history->pdata[0];

      g_assert_cmpstr (delegated->actor, ==, "me");
      g_assert_cmpint (delegated->from, ==, DS_ITEM_STATE_NEW);
      g_assert_cmpint (delegated->to, ==, DS_ITEM_STATE_DELEGATED);
      g_assert_cmpstr (delegated->note, ==, "alice knows the gateway");
      g_assert_cmpint (delegated->at, >=, 1700000000);
    }
  }
}

static void
test_batch_save (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(DsStore) store = open_store (f);
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 500; i++)
    {
      g_autofree char *rid = g_strdup_printf ("C1/%u", i);
      g_ptr_array_add (batch, ds_item_new ("slack", rid, DS_ITEM_KIND_REQUEST, "q"));
    }
  g_assert_true (ds_store_save_items (store, batch, &error));
  g_assert_no_error (error);
  /* The same batch again: updates, no duplicates. */
  g_assert_true (ds_store_save_items (store, batch, &error));
  items = ds_store_load_items (store, &error);
  g_assert_cmpuint (items->len, ==, 500);
  history = ds_store_load_history (store, "slack:C1/42", &error);
  g_assert_cmpuint (history->len, ==, 0);
}

static void
test_file_is_private (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(DsStore) store = open_store (f);
  g_autofree char *dir = g_path_get_dirname (f->path);
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autoptr(DsItem) item = ds_item_new ("github", "o/r#7", DS_ITEM_KIND_REVIEW, "PR");
  struct stat st;

  g_assert_true (ds_store_save_item (store, item, NULL));
  g_assert_cmpint (g_stat (f->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  /* WAL mode: the write-ahead log exists beside the file, private too. */
  g_assert_cmpint (g_stat (wal, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0077, ==, 0);
}

static void
test_refused_transition_changes_nothing (Fixture       *f,
                                         gconstpointer  data)
{
  g_autoptr(DsStore) store = open_store (f);
  g_autoptr(DsItem) item = ds_item_new ("github", "o/r#9", DS_ITEM_KIND_ACCESS, "access");
  g_autoptr(DsItem) unsaved = ds_item_new ("github", "o/r#10", DS_ITEM_KIND_ACCESS, "x");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GPtrArray) items = NULL;

  g_assert_true (ds_store_save_item (store, item, NULL));
  g_assert_true (ds_store_transition (store, item, DS_ITEM_STATE_DONE, "github", NULL, NULL));

  g_assert_false (ds_store_transition (store, item, DS_ITEM_STATE_ACKNOWLEDGED, "me", NULL,
                                       &error));
  g_assert_error (error, DS_ERROR, DS_ERROR_INVALID_TRANSITION);
  g_assert_cmpint (ds_item_get_state (item), ==, DS_ITEM_STATE_DONE);
  g_clear_error (&error);

  /* An item the store does not know is refused, and keeps its state. */
  g_assert_false (ds_store_transition (store, unsaved, DS_ITEM_STATE_ACKNOWLEDGED, "me", NULL,
                                       &error));
  g_assert_error (error, DS_ERROR, DS_ERROR_NOT_FOUND);
  g_assert_cmpint (ds_item_get_state (unsaved), ==, DS_ITEM_STATE_NEW);

  history = ds_store_load_history (store, "github:o/r#9", NULL);
  g_assert_cmpuint (history->len, ==, 1);
  items = ds_store_load_items (store, NULL);
  g_assert_cmpint (ds_item_get_state (find_item (items, "github:o/r#9")), ==,
                   DS_ITEM_STATE_DONE);
  g_assert_null (find_item (items, "github:o/r#10"));
}

static void
test_migrates_from_v1 (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *sql_path = g_test_build_filename (G_TEST_DIST, "data", "store-v1.sql", NULL);
  g_autofree char *sql = NULL;
  g_autofree char *dir = g_path_get_dirname (f->path);
  g_autoptr(GError) error = NULL;
  g_autoptr(DsStore) store = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autofree char *cursor = NULL;
  sqlite3 *db;

  g_assert_true (g_file_get_contents (sql_path, &sql, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = ds_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ds_store_get_schema_version (store), ==, DS_STORE_SCHEMA_VERSION);

  items = ds_store_load_items (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 2);
  g_assert_cmpint (ds_item_get_state (find_item (items, "slack:C1/1700000000.000100")), ==,
                   DS_ITEM_STATE_ACKNOWLEDGED);
  g_assert_true (ds_item_get_emergency (find_item (items, "pagerduty:PT4KHLK")));
  history = ds_store_load_history (store, "slack:C1/1700000000.000100", &error);
  g_assert_cmpuint (history->len, ==, 2);
  /* Its first response, from the history; none for the incident. Neither
   * reminds of its response target after the update. */
  g_assert_cmpint (ds_item_get_responded (find_item (items, "slack:C1/1700000000.000100")), ==,
                   1700000060);
  g_assert_cmpint (ds_item_get_responded (find_item (items, "pagerduty:PT4KHLK")), ==, 0);
  g_assert_true (ds_item_get_response_reminded (find_item (items, "pagerduty:PT4KHLK")));

  /* What version 2 added works on the migrated file. */
  g_assert_true (ds_store_set_meta (store, "slack.C1.last_ts", "1700000000.000100", &error));
  g_assert_no_error (error);
  cursor = ds_store_get_meta (store, "slack.C1.last_ts", &error);
  g_assert_cmpstr (cursor, ==, "1700000000.000100");
  g_assert_null (ds_store_get_meta (store, "never.set", &error));
  g_assert_no_error (error);
  g_assert_true (ds_store_transition (store, find_item (items, "pagerduty:PT4KHLK"),
                                      DS_ITEM_STATE_ACKNOWLEDGED, "me", NULL, &error));
  g_assert_no_error (error);
}

/* Runs a fixture's SQL on a new database at the store's path. */
static void
load_sql (Fixture    *f,
          const char *fixture)
{
  g_autofree char *sql_path = g_test_build_filename (G_TEST_DIST, "data", fixture, NULL);
  g_autofree char *sql = NULL;
  g_autofree char *dir = g_path_get_dirname (f->path);
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  g_assert_true (g_file_get_contents (sql_path, &sql, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

/* A database of schema 7 (a rotation under way): what it held is kept,
 * no item is handed over, and the handoffs are kept and marked on it. */
static void
test_migrates_from_v7 (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DsStore) store = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) handoffs = g_ptr_array_new_with_free_func (
    (GDestroyNotify)ds_handoff_free);
  g_autoptr(GPtrArray) loaded = NULL;
  DsHandoff *dana;
  gint64 started = 0, ended = -1;

  load_sql (f, "store-v7.sql");
  store = ds_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ds_store_get_schema_version (store), ==, DS_STORE_SCHEMA_VERSION);

  items = ds_store_load_items (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 3);
  for (guint i = 0; i < items->len; i++)
    g_assert_null (ds_item_get_handed_over (items->pdata[i]));
  g_assert_cmpint (ds_item_get_state (find_item (items, "github:acme/infra#77")), ==,
                   DS_ITEM_STATE_DEFERRED);
  g_assert_cmpint (ds_item_get_responded (find_item (items, "slack:C01/1764580000.000100")),
                   ==, 1764580300);
  g_assert_true (ds_store_rotation_last (store, &started, &ended, &error));
  g_assert_cmpint (started, ==, 1764572400);
  g_assert_cmpint (ended, ==, 0);
  loaded = ds_store_load_handoffs (store, 8, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (loaded->len, ==, 0);
  g_clear_pointer (&loaded, g_ptr_array_unref);

  /* The table and the column schema 8 added work on the migrated file. */
  dana = ds_test_handoff_new ("dana", 1763971200, 1764349200);
  ds_test_handoff_leave (dana, "slack:C01/1764590000.000200", "Access to the billing bucket",
                         DS_ITEM_KIND_ACCESS, DS_ITEM_STATE_NEW, TRUE);
  g_ptr_array_add (handoffs, dana);
  g_assert_true (ds_store_save_handoffs (store, handoffs, &error));
  g_assert_no_error (error);
  g_assert_true (ds_store_mark_handed_over (store, dana, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  store = open_store (f);
  loaded = ds_store_load_handoffs (store, 8, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (loaded->len, ==, 1);
  g_assert_cmpstr (((DsHandoff *)loaded->pdata[0])->author, ==, "dana");
  g_clear_pointer (&items, g_ptr_array_unref);
  items = ds_store_load_items (store, &error);
  g_assert_cmpstr (ds_item_get_handed_over (find_item (items, "slack:C01/1764590000.000200")),
                   ==, "dana");
  g_assert_null (ds_item_get_handed_over (find_item (items, "github:acme/infra#77")));
}

/* The handoffs read from GitHub: kept with every figure and what each
 * left, one per author and start (read again: replaced), the newest n by
 * their end, oldest first; before a window, neither its own nor a later
 * one; none without an author, nor one that would not read back (a
 * control character in who posted it); kept after a restart. */
static void
test_handoffs (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) handoffs = g_ptr_array_new_with_free_func (
    (GDestroyNotify)ds_handoff_free);
  g_autoptr(GPtrArray) loaded = NULL;
  DsHandoff *lee = ds_test_handoff_new ("lee", 1763366400, 1763744400);    /* Mon 17 Nov */
  DsHandoff *dana = ds_test_handoff_new ("dana", 1763971200, 1764349200);  /* Mon 24 Nov */
  DsHandoff *sam = ds_test_handoff_new ("sam", 1764576000, 1764954000);    /* Mon 1 Dec */
  DsHandoff *ghost = ds_test_handoff_new (NULL, 1765180800, 1765558800);
  DsHandoff *hostile = ds_test_handoff_new ("lee\033[2J", 1765180800, 1765558800);
  const DsHandoff *h;
  const DsHandoffItem *left;

  dana->by_kind[DS_ITEM_KIND_REQUEST] = 12;
  dana->by_kind[DS_ITEM_KIND_ACCESS] = 3;
  dana->by_kind[DS_ITEM_KIND_ALERT] = 1;
  dana->ack_median = 540;
  dana->responses_within = 10;
  dana->responses_total = 12;
  dana->tracked = 3600;
  ds_test_handoff_leave (dana, "slack:C01/1764300000.000100", "VPN for the new hire",
                         DS_ITEM_KIND_REQUEST, DS_ITEM_STATE_DEFERRED, FALSE);
  ds_test_handoff_leave (dana, "github:acme/ops#12", "Access to prod logs",
                         DS_ITEM_KIND_ACCESS, DS_ITEM_STATE_NEW, TRUE);
  sam->by_kind[DS_ITEM_KIND_REQUEST] = 4;
  /* Newest first, as a caller may pass them. */
  g_ptr_array_add (handoffs, ghost);
  g_ptr_array_add (handoffs, hostile);
  g_ptr_array_add (handoffs, sam);
  g_ptr_array_add (handoffs, lee);
  g_ptr_array_add (handoffs, dana);

  {
    g_autoptr(DsStore) store = open_store (f);

    g_autoptr(GPtrArray) again = g_ptr_array_new ();

    g_assert_true (ds_store_save_handoffs (store, handoffs, &error));
    g_assert_no_error (error);
    /* Sam's comment edited and read again: one rotation still, as edited. */
    sam->by_kind[DS_ITEM_KIND_REQUEST] = 5;
    g_ptr_array_add (again, sam);
    g_assert_true (ds_store_save_handoffs (store, again, &error));
    g_assert_no_error (error);
  }

  {
    g_autoptr(DsStore) store = open_store (f);

    loaded = ds_store_load_handoffs (store, 8, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (loaded->len, ==, 3);
    g_assert_cmpstr (((DsHandoff *)loaded->pdata[0])->author, ==, "lee");
    g_assert_cmpstr (((DsHandoff *)loaded->pdata[2])->author, ==, "sam");
    g_assert_cmpuint (((DsHandoff *)loaded->pdata[2])->by_kind[DS_ITEM_KIND_REQUEST], ==, 5);

    h = loaded->pdata[1];
    g_assert_cmpstr (h->author, ==, "dana");
    g_assert_cmpstr (h->url, ==, "https://github.com/acme/ops/issues/1#issuecomment-1764349200");
    g_assert_cmpint (h->posted, ==, 1764349260);
    g_assert_cmpint (h->start, ==, 1763971200);
    g_assert_cmpint (h->end, ==, 1764349200);
    g_assert_cmpuint (h->by_kind[DS_ITEM_KIND_REQUEST], ==, 12);
    g_assert_cmpuint (h->by_kind[DS_ITEM_KIND_ACCESS], ==, 3);
    g_assert_cmpuint (h->by_kind[DS_ITEM_KIND_ALERT], ==, 1);
    g_assert_cmpuint (h->by_kind[DS_ITEM_KIND_REVIEW], ==, 0);
    g_assert_cmpint (h->ack_median, ==, 540);
    g_assert_cmpuint (h->responses_within, ==, 10);
    g_assert_cmpuint (h->responses_total, ==, 12);
    g_assert_cmpint (h->tracked, ==, 3600);
    g_assert_cmpuint (h->left->len, ==, 2);
    left = h->left->pdata[1];
    g_assert_cmpstr (left->id, ==, "github:acme/ops#12");
    g_assert_cmpstr (left->title, ==, "Access to prod logs");
    g_assert_cmpint (left->kind, ==, DS_ITEM_KIND_ACCESS);
    g_assert_cmpint (left->state, ==, DS_ITEM_STATE_NEW);
    g_assert_true (left->over_target);
    g_clear_pointer (&loaded, g_ptr_array_unref);

    /* The newest two, oldest first. */
    loaded = ds_store_load_handoffs (store, 2, &error);
    g_assert_cmpuint (loaded->len, ==, 2);
    g_assert_cmpstr (((DsHandoff *)loaded->pdata[0])->author, ==, "dana");
    g_assert_cmpstr (((DsHandoff *)loaded->pdata[1])->author, ==, "sam");
    g_clear_pointer (&loaded, g_ptr_array_unref);

    /* Before sam's rotation, read back after it was posted: not sam's. */
    loaded = ds_store_load_handoffs_before (store, 1764576000, 1764954000, 8, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (loaded->len, ==, 2);
    g_assert_cmpstr (((DsHandoff *)loaded->pdata[1])->author, ==, "dana");
    g_clear_pointer (&loaded, g_ptr_array_unref);
    /* A report of lee's week, written again later: not what came after. */
    loaded = ds_store_load_handoffs_before (store, 1763366400, 1763744400, 8, &error);
    g_assert_cmpuint (loaded->len, ==, 0);
  }
}

/* Who handed an item over: kept and loaded as the item's; a poll that
 * does not know it keeps it; the next handoff in replaces it, on the items
 * the store has only; no handoff clears it. Each is one transaction: one
 * that fails keeps nothing of it. */
static void
test_handed_over (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DsStore) store = open_store (f);
  g_autoptr(DsItem) vpn = ds_item_new ("slack", "C01/1.1", DS_ITEM_KIND_REQUEST, "VPN");
  g_autoptr(DsItem) logs = ds_item_new ("github", "acme/ops#12", DS_ITEM_KIND_ACCESS, "Logs");
  g_autoptr(DsItem) polled = ds_item_new ("slack", "C01/1.1", DS_ITEM_KIND_REQUEST, "VPN!");
  g_autoptr(DsHandoff) dana = ds_test_handoff_new ("dana", 1763971200, 1764349200);
  g_autoptr(DsHandoff) sam = ds_test_handoff_new ("sam", 1764576000, 1764954000);
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) handoffs = g_ptr_array_new ();
  sqlite3 *db;

  ds_item_set_handed_over (vpn, "lee");
  g_assert_true (ds_store_save_item (store, vpn, &error));
  g_assert_true (ds_store_save_item (store, logs, &error));
  g_assert_true (ds_store_save_item (store, polled, &error));
  g_assert_no_error (error);
  items = ds_store_load_items (store, &error);
  g_assert_cmpstr (ds_item_get_handed_over (find_item (items, "slack:C01/1.1")), ==, "lee");
  g_assert_cmpstr (ds_item_get_title (find_item (items, "slack:C01/1.1")), ==, "VPN!");
  g_assert_null (ds_item_get_handed_over (find_item (items, "github:acme/ops#12")));
  g_clear_pointer (&items, g_ptr_array_unref);

  ds_test_handoff_leave (dana, "github:acme/ops#12", "Logs", DS_ITEM_KIND_ACCESS,
                         DS_ITEM_STATE_NEW, TRUE);
  ds_test_handoff_leave (dana, "slack:C01/9.9", "Never seen here", DS_ITEM_KIND_REQUEST,
                         DS_ITEM_STATE_ACKNOWLEDGED, FALSE);
  g_assert_true (ds_store_mark_handed_over (store, dana, &error));
  g_assert_no_error (error);
  items = ds_store_load_items (store, &error);
  g_assert_cmpuint (items->len, ==, 2);
  g_assert_null (ds_item_get_handed_over (find_item (items, "slack:C01/1.1")));
  g_assert_cmpstr (ds_item_get_handed_over (find_item (items, "github:acme/ops#12")), ==,
                   "dana");
  g_clear_pointer (&items, g_ptr_array_unref);

  /* A failure halfway (here, on the second item) keeps dana's marks and
   * saves none of the handoffs. */
  ds_test_handoff_leave (sam, "slack:C01/1.1", "VPN", DS_ITEM_KIND_REQUEST, DS_ITEM_STATE_NEW,
                         FALSE);
  ds_test_handoff_leave (sam, "github:acme/ops#12", "Logs", DS_ITEM_KIND_ACCESS,
                         DS_ITEM_STATE_NEW, TRUE);
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "CREATE TRIGGER refuse BEFORE UPDATE OF handed_over ON items "
                                 "WHEN NEW.handed_over = 'sam' AND NEW.id LIKE 'github:%' "
                                 "BEGIN SELECT RAISE(ABORT, 'refused'); END;"
                                 "CREATE TRIGGER refuse_save BEFORE INSERT ON handoffs "
                                 "WHEN NEW.author = 'sam' "
                                 "BEGIN SELECT RAISE(ABORT, 'refused'); END;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_false (ds_store_mark_handed_over (store, sam, &error));
  g_assert_error (error, DS_ERROR, DS_ERROR_STORE_IO);
  g_assert_nonnull (strstr (error->message, f->path));
  g_clear_error (&error);
  g_ptr_array_add (handoffs, dana);
  g_ptr_array_add (handoffs, sam);
  g_assert_false (ds_store_save_handoffs (store, handoffs, &error));
  g_assert_error (error, DS_ERROR, DS_ERROR_STORE_IO);
  g_clear_error (&error);
  {
    g_autoptr(GPtrArray) loaded = ds_store_load_handoffs (store, 8, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (loaded->len, ==, 0);
  }
  items = ds_store_load_items (store, &error);
  g_assert_null (ds_item_get_handed_over (find_item (items, "slack:C01/1.1")));
  g_assert_cmpstr (ds_item_get_handed_over (find_item (items, "github:acme/ops#12")), ==,
                   "dana");
  g_clear_pointer (&items, g_ptr_array_unref);

  /* No handoff in: nothing handed over. */
  g_assert_true (ds_store_mark_handed_over (store, NULL, &error));
  g_assert_no_error (error);
  items = ds_store_load_items (store, &error);
  for (guint i = 0; i < items->len; i++)
    g_assert_null (ds_item_get_handed_over (items->pdata[i]));
}

/* The first response: the first move that answers, kept through later
 * moves, later polls and a restart; a move that fails keeps none; the
 * response reminder, once told, is told for good. */
static void
test_first_response (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DsItem) item = ds_item_new ("slack", "C1/1700000000.000100", DS_ITEM_KIND_REQUEST,
                                        "VPN certificate");
  g_autoptr(DsItem) polled = ds_item_new ("slack", "C1/1700000000.000100", DS_ITEM_KIND_REQUEST,
                                          "VPN certificate");
  g_autoptr(DsItem) unsaved = ds_item_new ("slack", "C1/1700000099.000100",
                                           DS_ITEM_KIND_REQUEST, "Never saved");
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) told = g_ptr_array_new ();
  gint64 before = g_get_real_time () / G_USEC_PER_SEC;
  gint64 first;

  {
    g_autoptr(DsStore) store = open_store (f);

    g_assert_true (ds_store_save_item (store, item, &error));
    /* Snoozing and deferring tell whoever asked nothing. */
    g_assert_true (ds_store_transition (store, item, DS_ITEM_STATE_SNOOZED, "me", NULL, &error));
    g_assert_true (ds_store_transition (store, item, DS_ITEM_STATE_DEFERRED, "me", NULL, &error));
    g_assert_cmpint (ds_item_get_responded (item), ==, 0);
    g_assert_true (ds_store_transition (store, item, DS_ITEM_STATE_ACKNOWLEDGED, "me", NULL,
                                        &error));
    g_assert_no_error (error);
    first = ds_item_get_responded (item);
    g_assert_cmpint (first, >=, before);
    g_assert_cmpint (first, <=, g_get_real_time () / G_USEC_PER_SEC);

    /* Done later: still the first. A poll with what the service shows (no
     * response of its own) takes nothing away. */
    ds_item_set_responded (item, first - 600);  /* as if acknowledged ten minutes before */
    g_assert_true (ds_store_save_local (store, item, &error));
    g_assert_true (ds_store_save_item (store, polled, &error));
    g_assert_true (ds_store_transition (store, item, DS_ITEM_STATE_DONE, "slack", NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpint (ds_item_get_responded (item), ==, first - 600);

    /* A move refused by the store leaves the item as it was. */
    g_assert_false (ds_store_transition (store, unsaved, DS_ITEM_STATE_ACKNOWLEDGED, "me", NULL,
                                         &error));
    g_clear_error (&error);
    g_assert_cmpint (ds_item_get_responded (unsaved), ==, 0);

    g_ptr_array_add (told, item);
    g_assert_true (ds_store_mark_response_reminded (store, told, &error));
    g_assert_true (ds_item_get_response_reminded (item));
  }

  {
    g_autoptr(DsStore) store = open_store (f);

    items = ds_store_load_items (store, &error);
    g_assert_no_error (error);
    g_assert_cmpint (ds_item_get_responded (find_item (items, ds_item_get_id (item))), ==,
                     first - 600);
    g_assert_true (ds_item_get_response_reminded (find_item (items, ds_item_get_id (item))));
  }
}

/* A request's thread is kept as last read: replaced whole by a newer read,
 * left as it was when a poll did not read it, never for an unsaved item. */
static void
test_threads (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DsStore) store = open_store (f);
  g_autoptr(DsItem) item = ds_item_new ("slack", "C1/1700000000.000100", DS_ITEM_KIND_REQUEST,
                                        "VPN certificate");
  g_autoptr(DsItem) unsaved = ds_item_new ("slack", "C1/1700000099.000100",
                                           DS_ITEM_KIND_REQUEST, "Never saved");
  g_autoptr(GPtrArray) thread = g_ptr_array_new_with_free_func ((GDestroyNotify)ds_item_reply_free);
  g_autoptr(GPtrArray) batch = g_ptr_array_new ();
  g_autoptr(GPtrArray) replies = NULL;
  gint64 read_at = -1;

  g_assert_true (ds_store_save_item (store, item, &error));
  g_assert_no_error (error);
  replies = ds_store_load_replies (store, ds_item_get_id (item), &read_at, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (replies->len, ==, 0);
  g_assert_cmpint (read_at, ==, 0);
  g_clear_pointer (&replies, g_ptr_array_unref);

  g_ptr_array_add (thread, ds_item_reply_new (1700000060, "Sam Ortiz", "Berlin office"));
  g_ptr_array_add (thread, ds_item_reply_new (1700000120, "Bogdan Ilić", "Looking"));
  ds_item_set_replies (item, thread);
  ds_item_set_replies (unsaved, thread);
  g_ptr_array_add (batch, item);
  g_ptr_array_add (batch, unsaved);
  g_assert_true (ds_store_save_threads (store, batch, &error));
  g_assert_no_error (error);
  replies = ds_store_load_replies (store, ds_item_get_id (item), &read_at, &error);
  g_assert_cmpuint (replies->len, ==, 2);
  g_assert_cmpstr (((DsItemReply *)replies->pdata[0])->author, ==, "Sam Ortiz");
  g_assert_cmpstr (((DsItemReply *)replies->pdata[1])->text, ==, "Looking");
  g_assert_cmpint (((DsItemReply *)replies->pdata[1])->at, ==, 1700000120);
  g_assert_cmpint (ABS (read_at - g_get_real_time () / G_USEC_PER_SEC), <=, 5);
  g_clear_pointer (&replies, g_ptr_array_unref);
  replies = ds_store_load_replies (store, ds_item_get_id (unsaved), NULL, &error);
  g_assert_cmpuint (replies->len, ==, 0);
  g_clear_pointer (&replies, g_ptr_array_unref);

  /* Not read this time: kept. Read again with one reply: replaced. */
  ds_item_set_replies (item, NULL);
  g_assert_true (ds_store_save_threads (store, batch, &error));
  replies = ds_store_load_replies (store, ds_item_get_id (item), NULL, &error);
  g_assert_cmpuint (replies->len, ==, 2);
  g_clear_pointer (&replies, g_ptr_array_unref);
  g_ptr_array_remove_index (thread, 0);
  ds_item_set_replies (item, thread);
  g_assert_true (ds_store_save_threads (store, batch, &error));
  g_assert_no_error (error);
  replies = ds_store_load_replies (store, ds_item_get_id (item), NULL, &error);
  g_assert_cmpuint (replies->len, ==, 1);
  g_assert_cmpstr (((DsItemReply *)replies->pdata[0])->author, ==, "Bogdan Ilić");
}

static void
test_newer_schema_is_refused (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DsStore) store = NULL;
  g_autofree char *dir = g_path_get_dirname (f->path);
  sqlite3 *db;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE future (x); PRAGMA user_version = 99",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = ds_store_open (f->path, &error);
  g_assert_null (store);
  g_assert_error (error, DS_ERROR, DS_ERROR_STORE_TOO_NEW);
  g_assert_nonnull (strstr (error->message, "newer version of Dayshift"));
  /* Left untouched: still there, still version 99. */
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  {
    sqlite3_stmt *stmt;
    g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL), ==,
                     SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 99);
    sqlite3_finalize (stmt);
  }
  sqlite3_close (db);
}

static char *
find_moved (Fixture *f)
{
  g_autofree char *dir = g_path_get_dirname (f->path);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_prefix (name, "dayshift.db.damaged-") && !g_str_has_suffix (name, "-wal") &&
        !g_str_has_suffix (name, "-shm"))
      return g_build_filename (dir, name, NULL);
  return NULL;
}

static void
check_corrupt_file_moved_aside (Fixture    *f,
                                const char *garbage,
                                gsize       len)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DsStore) store = NULL;
  g_autofree char *moved = NULL;
  g_autofree char *moved_contents = NULL;
  gsize moved_len = 0;

  store = ds_store_open (f->path, &error);
  g_assert_null (store);
  g_assert_error (error, DS_ERROR, DS_ERROR_STORE_CORRUPT);

  moved = find_moved (f);
  g_assert_nonnull (moved);
  g_assert_nonnull (strstr (error->message, moved));
  g_assert_nonnull (strstr (error->message, "damaged"));
  g_assert_true (g_file_get_contents (moved, &moved_contents, &moved_len, NULL));
  g_assert_cmpmem (moved_contents, moved_len, garbage, len);
  g_assert_false (g_file_test (f->path, G_FILE_TEST_EXISTS));

  /* The next start gets a fresh, working database. */
  g_clear_error (&error);
  store = ds_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ds_store_get_schema_version (store), ==, DS_STORE_SCHEMA_VERSION);
}

static void
test_corrupt_header_moved_aside (Fixture       *f,
                                 gconstpointer  data)
{
  g_autofree char *dir = g_path_get_dirname (f->path);
  g_autoptr(GString) garbage = g_string_new (NULL);

  for (int i = 0; i < 512; i++)
    g_string_append (garbage, "this is not an SQLite database; ");
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (f->path, garbage->str, garbage->len, NULL));
  check_corrupt_file_moved_aside (f, garbage->str, garbage->len);
}

static void
test_corrupt_pages_moved_aside (Fixture       *f,
                                gconstpointer  data)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  /* A real database whose pages were overwritten after the header. */
  {
    g_autoptr(DsStore) store = open_store (f);
    for (int i = 0; i < 200; i++)
      {
        g_autofree char *rid = g_strdup_printf ("C1/%d", i);
        g_autoptr(DsItem) item = ds_item_new ("slack", rid, DS_ITEM_KIND_REQUEST,
                                              "a request with a long enough title to fill pages");
        g_assert_true (ds_store_save_item (store, item, NULL));
      }
  }
  {
    /* Fold the WAL into the main file first, as a clean shutdown would. */
    sqlite3 *db;
    g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
    sqlite3_exec (db, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
    sqlite3_close (db);
  }
  g_assert_true (g_file_get_contents (f->path, &contents, &len, NULL));
  g_assert_cmpuint (len, >, 8192);
  for (gsize i = 4096 + 100; i < len; i += 7)
    contents[i] = (char)(i * 31);
  g_assert_true (g_file_set_contents (f->path, contents, len, NULL));
  check_corrupt_file_moved_aside (f, contents, len);
}

static GPtrArray *
two_writes (void)
{
  GPtrArray *writes = g_ptr_array_new_with_free_func ((GDestroyNotify)ds_outbox_entry_free);

  g_ptr_array_add (writes, ds_outbox_entry_new ("github.create-issue", "{\"repo\":\"a/b\"}"));
  g_ptr_array_add (writes, ds_outbox_entry_new ("slack.reply", "{\"text\":\"$issue_url\"}"));
  return writes;
}

/* A state change and the writes it implies are saved together, survive a
 * restart in order with their keys, and move pending → sending → done; a
 * permanent failure also fails what was queued after it for the item. */
static void
test_outbox (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) writes = two_writes ();
  g_autoptr(GPtrArray) loaded = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autofree char *key0 = NULL;
  DsOutboxEntry *e;
  DsItem *item;

  {
    g_autoptr(DsStore) store = open_store (f);
    g_autoptr(DsItem) a = ds_item_new ("slack", "C1/1.0", DS_ITEM_KIND_REQUEST, "Help");
    g_autoptr(DsItem) b = ds_item_new ("slack", "C1/2.0", DS_ITEM_KIND_REQUEST, "Other");

    g_assert_true (ds_store_save_item (store, a, NULL));
    g_assert_true (ds_store_save_item (store, b, NULL));
    g_assert_cmpstr (((DsOutboxEntry *)writes->pdata[0])->key, !=,
                     ((DsOutboxEntry *)writes->pdata[1])->key);
    key0 = g_strdup (((DsOutboxEntry *)writes->pdata[0])->key);

    /* A refused move queues nothing. */
    g_assert_true (ds_store_transition (store, b, DS_ITEM_STATE_DONE, "me", NULL, NULL));
    g_assert_false (ds_store_transition_full (store, b, DS_ITEM_STATE_FILED, "me", NULL, writes,
                                              &error));
    g_assert_error (error, DS_ERROR, DS_ERROR_INVALID_TRANSITION);
    g_clear_error (&error);
    loaded = ds_store_outbox_load (store, FALSE, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (loaded->len, ==, 0);
    g_clear_pointer (&loaded, g_ptr_array_unref);

    ds_item_set_due (a, 1234);
    g_assert_true (ds_store_transition_full (store, a, DS_ITEM_STATE_FILED, "me", "filed",
                                             writes, &error));
    g_assert_no_error (error);
    g_assert_cmpint (((DsOutboxEntry *)writes->pdata[0])->id, <,
                     ((DsOutboxEntry *)writes->pdata[1])->id);
    g_assert_true (ds_store_outbox_begin (store, writes->pdata[0], NULL));
  }

  /* After a "crash": the first is "sending" (perhaps sent), both are unfinished. */
  {
    g_autoptr(DsStore) store = open_store (f);

    items = ds_store_load_items (store, &error);
    g_assert_no_error (error);
    item = find_item (items, "slack:C1/1.0");
    g_assert_cmpint (ds_item_get_state (item), ==, DS_ITEM_STATE_FILED);
    g_assert_cmpint (ds_item_get_due (item), ==, 1234);
    history = ds_store_load_history (store, "slack:C1/1.0", NULL);
    g_assert_cmpuint (history->len, ==, 1);

    /* The item's own writes, for its detail pane; none for the other. */
    {
      g_autoptr(GPtrArray) mine = ds_store_outbox_for_item (store, "slack:C1/1.0", &error);
      g_autoptr(GPtrArray) none = ds_store_outbox_for_item (store, "slack:C1/2.0", &error);

      g_assert_no_error (error);
      g_assert_cmpuint (mine->len, ==, 2);
      g_assert_cmpstr (((DsOutboxEntry *)mine->pdata[0])->key, ==, key0);
      g_assert_cmpint (((DsOutboxEntry *)mine->pdata[0])->state, ==, DS_OUTBOX_SENDING);
      g_assert_cmpuint (none->len, ==, 0);
    }

    loaded = ds_store_outbox_load (store, TRUE, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (loaded->len, ==, 2);
    e = loaded->pdata[0];
    g_assert_cmpstr (e->op, ==, "github.create-issue");
    g_assert_cmpstr (e->key, ==, key0);
    g_assert_cmpstr (e->item_id, ==, "slack:C1/1.0");
    g_assert_cmpint (e->state, ==, DS_OUTBOX_SENDING);
    g_assert_cmpint (e->attempts, ==, 1);
    g_assert_cmpstr (((DsOutboxEntry *)loaded->pdata[1])->args, ==, "{\"text\":\"$issue_url\"}");

    ds_item_set_issue_url (item, "https://github.com/a/b/issues/7");
    g_assert_true (ds_store_outbox_done (store, e, "https://github.com/a/b/issues/7", item, &error));
    g_assert_no_error (error);

    e = loaded->pdata[1];
    g_assert_true (ds_store_outbox_begin (store, e, NULL));
    g_assert_true (ds_store_outbox_retry (store, e, 99, "Slack could not be reached", NULL));
    g_assert_cmpint (e->state, ==, DS_OUTBOX_PENDING);
    g_assert_true (ds_store_outbox_fail (store, e, "Slack: not_in_channel", item, &error));
    g_assert_no_error (error);
    g_clear_pointer (&loaded, g_ptr_array_unref);
    g_clear_pointer (&items, g_ptr_array_unref);
  }

  {
    g_autoptr(DsStore) store = open_store (f);

    loaded = ds_store_outbox_load (store, TRUE, NULL);
    g_assert_cmpuint (loaded->len, ==, 0);
    g_clear_pointer (&loaded, g_ptr_array_unref);
    loaded = ds_store_outbox_load (store, FALSE, NULL);
    g_assert_cmpuint (loaded->len, ==, 2);
    e = loaded->pdata[0];
    g_assert_cmpint (e->state, ==, DS_OUTBOX_DONE);
    g_assert_cmpstr (e->result, ==, "https://github.com/a/b/issues/7");
    e = loaded->pdata[1];
    g_assert_cmpint (e->state, ==, DS_OUTBOX_FAILED);
    g_assert_cmpint (e->attempts, ==, 1);
    g_assert_cmpstr (e->last_error, ==, "Slack: not_in_channel");
    items = ds_store_load_items (store, NULL);
    item = find_item (items, "slack:C1/1.0");
    g_assert_cmpstr (ds_item_get_issue_url (item), ==, "https://github.com/a/b/issues/7");
    g_assert_cmpstr (ds_item_get_problem (item), ==, "Slack: not_in_channel");
    g_assert_false (ds_item_get_notified (item));
    g_assert_true (ds_store_mark_notified (store, items, NULL));
    g_assert_true (ds_item_get_notified (item));
  }
  {
    g_autoptr(DsStore) store = open_store (f);
    g_autoptr(GPtrArray) again = ds_store_load_items (store, NULL);

    g_assert_true (ds_item_get_notified (find_item (again, "slack:C1/1.0")));
  }
}

/* A data folder made earlier with 0755 is tightened to 0700. */
static void
test_existing_folder_tightened (Fixture       *f,
                                gconstpointer  data)
{
  g_autofree char *folder = g_path_get_dirname (f->path);
  g_autoptr(DsStore) store = NULL;
  GStatBuf st;

  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  g_assert_cmpint (g_chmod (folder, 0755), ==, 0);
  store = open_store (f);
  g_assert_cmpint (g_stat (folder, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
}

/* A full disk: said as such, with where, and what was saved stays. */
static void
test_full_disk_said (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *mount = g_build_filename (f->dir, "small", NULL);
  g_autofree char *path = g_build_filename (mount, "dayshift", "dayshift.db", NULL);
  g_autofree char *cmd = NULL;
  g_autoptr(DsStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pad = g_strnfill (4000, 'p');
  guint saved = 0;
  int status = -1;

  g_assert_cmpint (g_mkdir (mount, 0700), ==, 0);
  cmd = g_strdup_printf ("mount -t tmpfs -o size=1m tmpfs %s", mount);
  if (!g_spawn_command_line_sync (cmd, NULL, NULL, &status, NULL) ||
      !g_spawn_check_wait_status (status, NULL))
    {
      g_test_skip ("cannot mount a small tmpfs here (needs root)");
      return;
    }
  store = ds_store_open (path, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 1000 && error == NULL; i++)
    {
      g_autofree char *id = g_strdup_printf ("C1/%u.000000", i);
      g_autoptr(DsItem) item = ds_item_new ("slack", id, DS_ITEM_KIND_REQUEST, "Request");

      ds_item_set_text (item, pad);
      if (ds_store_save_item (store, item, &error))
        saved++;
    }
  g_assert_error (error, DS_ERROR, DS_ERROR_STORE_IO);
  g_test_message ("%u saved, then: %s", saved, error->message);
  g_assert_nonnull (strstr (error->message, "disk is full"));
  g_assert_nonnull (strstr (error->message, path));
  g_assert_null (strstr (error->message, "I/O"));
  g_assert_cmpuint (saved, >, 0);
  {
    g_autoptr(GPtrArray) items = ds_store_load_items (store, NULL);
    g_assert_cmpuint (items->len, ==, saved);
  }
  /* The handoffs read from GitHub: the same. */
  g_clear_error (&error);
  {
    g_autoptr(GPtrArray) handoffs = g_ptr_array_new_with_free_func (
      (GDestroyNotify)ds_handoff_free);
    DsHandoff *dana = ds_test_handoff_new ("dana", 1763971200, 1764349200);
    g_autoptr(GPtrArray) loaded = NULL;

    for (guint i = 0; i < 100; i++)
      {
        g_autofree char *id = g_strdup_printf ("slack:C1/%u.000000", i);
        ds_test_handoff_leave (dana, id, pad + 3000, DS_ITEM_KIND_REQUEST, DS_ITEM_STATE_NEW,
                               FALSE);
      }
    g_ptr_array_add (handoffs, dana);
    g_assert_false (ds_store_save_handoffs (store, handoffs, &error));
    g_assert_error (error, DS_ERROR, DS_ERROR_STORE_IO);
    g_assert_nonnull (strstr (error->message, "disk is full"));
    g_assert_nonnull (strstr (error->message, "save the team's handoffs"));
    loaded = ds_store_load_handoffs (store, 8, NULL);
    g_assert_cmpuint (loaded->len, ==, 0);
  }
  g_clear_object (&store);
  g_free (cmd);
  cmd = g_strdup_printf ("umount %s", mount);
  g_assert_true (g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL));
}

/* The file replaced by a folder while the store is open (as a user, a
 * backup tool or a sync client may do): a change is refused, said with the
 * file and what to do, and leaves the item and the database as they were;
 * the file put back, the same change is kept, once. */
static void
test_replaced_file_refused (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(DsStore) store = open_store (f);
  g_autoptr(DsItem) item = ds_item_new ("slack", "C1/1.0", DS_ITEM_KIND_REQUEST, "VPN");
  g_autoptr(GPtrArray) writes = g_ptr_array_new_with_free_func (
    (GDestroyNotify)ds_outbox_entry_free);
  g_autofree char *away = g_strconcat (f->path, ".away", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GPtrArray) pending = NULL;

  g_assert_true (ds_store_save_item (store, item, NULL));
  g_ptr_array_add (writes, ds_outbox_entry_new ("slack.react", "{\"name\":\"eyes\"}"));
  g_assert_cmpint (g_rename (f->path, away), ==, 0);
  g_assert_cmpint (g_mkdir (f->path, 0700), ==, 0);

  g_assert_false (ds_store_transition_full (store, item, DS_ITEM_STATE_ACKNOWLEDGED, "me", NULL,
                                            writes, &error));
  g_assert_error (error, DS_ERROR, DS_ERROR_STORE_IO);
  g_assert_nonnull (strstr (error->message, f->path));
  g_assert_nonnull (strstr (error->message, "Put the file back"));
  g_assert_cmpint (ds_item_get_state (item), ==, DS_ITEM_STATE_NEW);
  g_clear_error (&error);

  g_assert_cmpint (g_rmdir (f->path), ==, 0);
  g_assert_cmpint (g_rename (away, f->path), ==, 0);
  g_assert_true (ds_store_transition_full (store, item, DS_ITEM_STATE_ACKNOWLEDGED, "me", NULL,
                                           writes, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  store = open_store (f);
  history = ds_store_load_history (store, "slack:C1/1.0", NULL);
  g_assert_cmpuint (history->len, ==, 1);
  pending = ds_store_outbox_load (store, TRUE, NULL);
  g_assert_cmpuint (pending->len, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/ds/store/items-survive-reopen", test_items_survive_reopen);
  ADD ("/ds/store/file-is-private", test_file_is_private);
  ADD ("/ds/store/batch-save", test_batch_save);
  ADD ("/ds/store/refused-transition-changes-nothing", test_refused_transition_changes_nothing);
  ADD ("/ds/store/migrates-from-v1", test_migrates_from_v1);
  ADD ("/ds/store/migrates-from-v7", test_migrates_from_v7);
  ADD ("/ds/store/handoffs", test_handoffs);
  ADD ("/ds/store/handed-over", test_handed_over);
  ADD ("/ds/store/newer-schema-is-refused", test_newer_schema_is_refused);
  ADD ("/ds/store/corrupt-header-moved-aside", test_corrupt_header_moved_aside);
  ADD ("/ds/store/corrupt-pages-moved-aside", test_corrupt_pages_moved_aside);
  ADD ("/ds/store/outbox", test_outbox);
  ADD ("/ds/store/threads", test_threads);
  ADD ("/ds/store/first-response", test_first_response);
  ADD ("/ds/store/existing-folder-tightened", test_existing_folder_tightened);
  ADD ("/ds/store/full-disk-said", test_full_disk_said);
  ADD ("/ds/store/replaced-file-refused", test_replaced_file_refused);
#undef ADD

  return g_test_run ();
}
