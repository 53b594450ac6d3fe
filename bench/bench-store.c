/* SPDX-License-Identifier: GPL-3.0-or-later */
/* How fast the store and the inbox take in items: N new items saved (one
 * transaction each, as the pollers do), then each acknowledged, then the
 * whole file loaded back into an inbox. Prints the median of several runs.
 *
 *   build/bench/bench-store [N] [RUNS]
 */
#include <glib/gstdio.h>

#include "bench-common.h"
#include "ds-inbox.h"
#include "ds-actions.h"
#include "ds-store.h"

int
main (int   argc,
      char *argv[])
{
  guint n = argc > 1 ? (guint)atoi (argv[1]) : 2000;
  guint runs = argc > 2 ? (guint)atoi (argv[2]) : 5;
  g_autoptr(GArray) save_us = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) ack_us = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) load_ms = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint r = 0; r < runs; r++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *dir = g_dir_make_tmp ("ds-bench-XXXXXX", &error);
      g_autofree char *path = g_build_filename (dir, "dayshift.db", NULL);
      g_autoptr(DsStore) store = ds_store_open (path, &error);
      g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
      gint64 t0, t1, t2, t3;
      double v;

      g_assert_no_error (error);
      for (guint i = 0; i < n; i++)
        {
          g_autofree char *rid = g_strdup_printf ("C0SUPPORT/17000%05u.000100", i);
          DsItem *item = ds_item_new ("slack", rid, DS_ITEM_KIND_REQUEST,
                                      "Could someone look at the staging deploy?");
          ds_item_set_text (item, "It has been failing since this morning with a timeout.");
          ds_item_set_created (item, 1700000000 + i);
          g_ptr_array_add (items, item);
        }

      t0 = g_get_monotonic_time ();
      for (guint i = 0; i < n; i++)
        if (!ds_store_save_item (store, items->pdata[i], &error))
          g_error ("%s", error->message);
      t1 = g_get_monotonic_time ();
      /* A quick action as the user clicks it: the state, its history and
       * the outbox writes (a reaction and a thread reply), one transaction. */
      for (guint i = 0; i < n; i++)
        {
          static const DsActionTexts texts = { .reaction = "eyes", .ack_reply = "On it." };
          g_autoptr(GPtrArray) writes = ds_actions_acknowledge (items->pdata[i], &texts);

          if (!ds_store_transition_full (store, items->pdata[i], DS_ITEM_STATE_ACKNOWLEDGED,
                                         "me", NULL, writes, &error))
            g_error ("%s", error->message);
        }
      t2 = g_get_monotonic_time ();
      {
        g_autoptr(GPtrArray) loaded = ds_store_load_items (store, &error);
        g_autoptr(DsInbox) inbox = ds_inbox_new ();
        for (guint i = 0; i < loaded->len; i++)
          ds_inbox_add (inbox, loaded->pdata[i]);
        g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (inbox)), ==, n);
      }
      t3 = g_get_monotonic_time ();

      v = (double)(t1 - t0) / n; g_array_append_val (save_us, v);
      v = (double)(t2 - t1) / n; g_array_append_val (ack_us, v);
      v = (double)(t3 - t2) / 1000.0; g_array_append_val (load_ms, v);

      g_clear_object (&store);
      ds_store_delete_files (path);
      g_rmdir (dir);
    }

  g_print ("items: %u, runs: %u\n", n, runs);
  g_print ("save new item (median): %.1f us/item\n", bench_median (save_us));
  g_print ("acknowledge: state, history, 2 outbox writes (median): %.1f us/item\n",
           bench_median (ack_us));
  g_print ("load all into the inbox (median): %.1f ms\n", bench_median (load_ms));
  return 0;
}
