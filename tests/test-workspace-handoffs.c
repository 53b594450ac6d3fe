/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>

#include "ds-demo-testing.h"
#include "ds-handoff.h"
#include "ds-workspace.h"

/* The handoffs on the super-epics, read from the demo world's GitHub over
 * loopback: the same handoff on both super-epics is one rotation; a broken
 * block is told once, naming its comment, and the others still count; at
 * Start rotation the newest one before it is handed in, and its items still
 * open are marked in the inbox and the store; a handoff Dayshift posts is
 * read back the same. */

typedef struct
{
  GPtrArray *problems;
  guint      handoffs;
} Seen;

static void
on_problem (DsWorkspace *ws,
            const char  *summary,
            const char  *detail,
            Seen        *seen)
{
  g_ptr_array_add (seen->problems, g_strdup_printf ("%s: %s", summary, detail));
}

static void
on_handoffs (DsWorkspace *ws,
             Seen        *seen)
{
  seen->handoffs++;
}

static void
spin_until_handoffs (Seen  *seen,
                     guint  n)
{
  gint64 end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (seen->handoffs < n && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (seen->handoffs, >=, n);
}

static DsItem *
spin_until_item (DsInbox    *inbox,
                 const char *id)
{
  gint64 end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (ds_inbox_lookup (inbox, id) == NULL && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (ds_inbox_lookup (inbox, id));
  return ds_inbox_lookup (inbox, id);
}

static void
test_read_and_hand_in (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ds-handoffs-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "dayshift.db", NULL);
  g_autoptr(DsStore) store = NULL;
  g_autoptr(DsInbox) inbox = ds_inbox_new ();
  g_autoptr(DsWorkspace) ws = NULL;
  g_autoptr(DsDemo) demo = ds_demo_new ();
  g_autoptr(DsTeamProfile) profile = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) kept = NULL;
  g_autoptr(DsHandoff) in = NULL;
  g_autofree char *json = NULL;
  Seen seen = { g_ptr_array_new_with_free_func (g_free), 0 };
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  DsItem *pm;
  DsHandoff *last;
  guint comments;

  g_assert_true (ds_demo_start (demo, &error));
  g_assert_no_error (error);
  /* A block that is not Dayshift's to read; a good one by a stranger; one
   * by a teammate whose rotation ends after it was posted; and the user's
   * own handoff, newer than Alice's, which is never handed in to them. */
  ds_demo_add_comment (demo, "demo-co/ops", 2, "mallory",
                       "Handoff.\n\n<!-- dayshift-handoff\n{\"version\":1,\"start\":\"soon\"}\n-->\n",
                       now - 3600);
  {
    g_autoptr(DsHandoff) h = g_new0 (DsHandoff, 1);
    g_autofree char *block = NULL;
    g_autofree char *forged = NULL;

    h->start = now - 3 * 3600;
    h->end = now - 2 * 3600;
    h->ack_median = -1;
    h->left = g_ptr_array_new_with_free_func ((GDestroyNotify)ds_handoff_item_free);
    block = ds_handoff_format_block (h);
    ds_demo_add_comment (demo, "demo-co/ops", 1, "mallory", block, now - 3600);
    ds_demo_add_comment (demo, "demo-co/ops", 1, "you", block, now - 3600);
    h->start = now - 3600;
    h->end = now + 10 * 86400;
    forged = ds_handoff_format_block (h);
    ds_demo_add_comment (demo, "demo-co/ops", 1, "bogdan-i", forged, now - 3600);
  }
  comments = ds_demo_get_n_comments (demo);
  store = ds_store_open (path, &error);
  g_assert_no_error (error);
  ws = ds_workspace_new (inbox, store);
  g_signal_connect (ws, "problem", G_CALLBACK (on_problem), &seen);
  g_signal_connect (ws, "handoffs", G_CALLBACK (on_handoffs), &seen);
  json = ds_demo_dup_profile_json (demo);
  profile = ds_team_profile_new_from_data (json, strlen (json), "demo", &error);
  g_assert_no_error (error);
  g_assert_true (ds_workspace_start_demo (ws, profile, DS_DEMO_TOKEN, &error));

  /* Read at start-up: the demo's six rotations, each posted on both
   * super-epics, are six, and the user's own a seventh; the broken one,
   * the stranger's and the one ending in ten days are told, with their
   * addresses, in one problem. */
  spin_until_handoffs (&seen, 1);
  kept = ds_store_load_handoffs (store, 8, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (kept->len, ==, 7);
  g_assert_cmpstr (((DsHandoff *)kept->pdata[6])->author, ==, "you");
  g_ptr_array_remove_index (kept, 6);
  for (guint i = 1; i < kept->len; i++)
    g_assert_cmpint (((DsHandoff *)kept->pdata[i - 1])->end, <,
                     ((DsHandoff *)kept->pdata[i])->end);
  last = kept->pdata[kept->len - 1];
  g_assert_cmpstr (last->author, ==, "alice-n");
  g_assert_cmpuint (last->left->len, ==, 2);
  g_assert_cmpuint (last->by_kind[DS_ITEM_KIND_REQUEST], ==, 16);
  g_assert_nonnull (strstr (last->url, "https://github.com/demo-co/ops/issues/"));
  g_assert_cmpuint (seen.problems->len, ==, 1);
  g_assert_nonnull (strstr (seen.problems->pdata[0], "GitHub"));
  g_assert_nonnull (strstr (seen.problems->pdata[0], "#issuecomment-"));
  g_assert_nonnull (strstr (seen.problems->pdata[0], "“start” is not a whole number"));
  g_assert_nonnull (strstr (seen.problems->pdata[0], "posted by @mallory, who is not one of"));
  g_assert_nonnull (strstr (seen.problems->pdata[0], "its rotation ends after the comment"));
  g_assert_null (ds_workspace_dup_handoff_in (ws));

  /* Start rotation: read again, and the newest is handed in. The
   * postmortem item it left is in the inbox, and marked. */
  pm = spin_until_item (inbox, "github:demo-co/ops#12");
  g_assert_null (ds_item_get_handed_over (pm));
  ds_workspace_read_handoffs (ws, now);
  spin_until_handoffs (&seen, 2);
  g_assert_cmpstr (ds_item_get_handed_over (pm), ==, "alice-n");
  in = ds_workspace_dup_handoff_in (ws);
  g_assert_nonnull (in);
  g_assert_cmpstr (in->author, ==, "alice-n");
  g_assert_cmpint (in->start, ==, last->start);
  /* The broken comments are not told again. */
  g_assert_cmpuint (seen.problems->len, ==, 1);

  /* What the store keeps, another start reads the same: the mark stays. */
  {
    g_autoptr(GPtrArray) items = ds_store_load_items (store, &error);
    gboolean found = FALSE;

    g_assert_no_error (error);
    for (guint i = 0; i < items->len; i++)
      if (g_str_equal (ds_item_get_id (items->pdata[i]), "github:demo-co/ops#12"))
        {
          g_assert_cmpstr (ds_item_get_handed_over (items->pdata[i]), ==, "alice-n");
          found = TRUE;
        }
    g_assert_true (found);
  }
  g_assert_cmpuint (ds_demo_get_n_comments (demo), ==, comments);

  /* Let go while a read is under way (another profile is chosen): the
   * answers that come after change nothing and break nothing. */
  ds_workspace_read_handoffs (ws, now);
  g_object_run_dispose (G_OBJECT (ws));
  {
    gint64 end = g_get_monotonic_time () + G_USEC_PER_SEC;

    while (g_get_monotonic_time () < end)
      g_main_context_iteration (NULL, FALSE);
  }
  g_assert_cmpuint (seen.problems->len, ==, 1);

  g_clear_object (&ws);
  g_clear_object (&demo);
  g_assert_finalize_object (g_steal_pointer (&store));
  ds_store_delete_files (path);
  g_rmdir (dir);
  g_ptr_array_unref (seen.problems);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ds/workspace-handoffs/read-and-hand-in", test_read_and_hand_in);

  return g_test_run ();
}
