/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "ds-quick-actions.h"

/* The table of quick actions: one row an action, each with its own name,
 * key and mnemonic; and which items each applies to. */

static void
test_table_is_consistent (void)
{
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) keys = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) mnemonics = g_hash_table_new (g_direct_hash, g_direct_equal);

  for (DsQuickActionId id = 0; id < DS_N_QUICK_ACTIONS; id++)
    {
      const DsQuickAction *a = ds_quick_action (id);
      const char *underscore = strchr (a->label, '_');
      g_autofree char *plain = ds_quick_action_label (a, FALSE);
      g_autofree char *with = ds_quick_action_label (a, TRUE);

      g_assert_cmpint (a->id, ==, id);
      g_assert_true (g_hash_table_add (names, (gpointer)a->action));
      if (a->key != NULL)
        g_assert_true (g_hash_table_add (keys, (gpointer)a->key));
      /* One mnemonic each, and none shared among the actions of one menu. */
      g_assert_nonnull (underscore);
      g_assert_null (strchr (underscore + 1, '_'));
      g_assert_true (g_hash_table_add (mnemonics,
                                       GUINT_TO_POINTER (g_ascii_tolower (underscore[1]))));
      g_assert_null (strchr (plain, '_'));
      g_assert_cmpuint (strlen (plain), ==, strlen (with) - 1);
      g_assert_cmpuint (a->surfaces, !=, 0);
    }
  /* Open comes first, in the tray; then the four the notification offers,
   * in order, each with its key. */
  g_assert_cmpint (DS_QUICK_OPEN, ==, 0);
  for (DsQuickActionId id = 0; id < DS_N_QUICK_ACTIONS; id++)
    g_assert_cmpint (!!(ds_quick_action (id)->surfaces & DS_SURFACE_NOTIFICATION), ==,
                     id >= DS_QUICK_ACKNOWLEDGE && id <= DS_QUICK_DEFER);
  g_assert_cmpstr (ds_quick_action (DS_QUICK_ACKNOWLEDGE)->key, ==, "a");
  g_assert_cmpstr (ds_quick_action (DS_QUICK_DELEGATE)->key, ==, "d");
  g_assert_cmpstr (ds_quick_action (DS_QUICK_FILE_ISSUE)->key, ==, "i");
  g_assert_cmpstr (ds_quick_action (DS_QUICK_DEFER)->key, ==, "s");
}

static guint
applying (DsItem *item)
{
  guint mask = 0;

  for (DsQuickActionId id = 0; id < DS_N_QUICK_ACTIONS; id++)
    if (ds_quick_action_applies (ds_quick_action (id), item))
      mask |= 1u << id;
  return mask;
}

#define Q(x) (1u << DS_QUICK_##x)

static void
test_which_items (void)
{
  g_autoptr(DsItem) slack = ds_item_new ("slack", "C1/1.1", DS_ITEM_KIND_REQUEST, "VPN?");
  g_autoptr(DsItem) github = ds_item_new ("github", "acme/ops#7", DS_ITEM_KIND_ACCESS, "grant");
  guint everything_open = Q (ACKNOWLEDGE) | Q (DELEGATE) | Q (DEFER) | Q (OPEN) | Q (SNOOZE) |
                          Q (TIMER) | Q (DISMISS) | Q (ADD_TEAMMATE) | Q (NOTE) | Q (COPY_ID);

  /* A new Slack request: everything but what needs a GitHub issue or a link. */
  g_assert_cmphex (applying (slack), ==, everything_open | Q (FILE_ISSUE));
  /* Acknowledged: not again. */
  g_assert_true (ds_item_transition (slack, DS_ITEM_STATE_ACKNOWLEDGED, NULL));
  g_assert_cmphex (applying (slack), ==, (everything_open | Q (FILE_ISSUE)) & ~Q (ACKNOWLEDGE));
  /* Filed: only delegating and what does not change its state. */
  g_assert_true (ds_item_transition (slack, DS_ITEM_STATE_FILED, NULL));
  g_assert_cmphex (applying (slack), ==, Q (DELEGATE) | Q (OPEN) | Q (TIMER) | Q (ADD_TEAMMATE) |
                                         Q (NOTE) | Q (COPY_ID));
  /* Done: nothing moves it. */
  g_assert_true (ds_item_transition (slack, DS_ITEM_STATE_DONE, NULL));
  g_assert_cmphex (applying (slack), ==, Q (OPEN) | Q (COPY_ID));

  /* A GitHub item is an issue already: linked to a super-epic, opened in
   * the browser, never filed again. */
  ds_item_set_url (github, "https://github.com/acme/ops/issues/7");
  g_assert_cmphex (applying (github), ==, everything_open | Q (LINK_TO_EPIC) | Q (OPEN_LINK));
  ds_item_set_url (github, "file:///etc/passwd");
  g_assert_false (ds_quick_action_applies (ds_quick_action (DS_QUICK_OPEN_LINK), github));
  g_assert_true (ds_item_transition (github, DS_ITEM_STATE_DISMISSED, NULL));
  g_assert_false (ds_quick_action_applies (ds_quick_action (DS_QUICK_LINK_TO_EPIC), github));
}

static void
test_labels (void)
{
  g_autofree char *plain = ds_quick_action_label (ds_quick_action (DS_QUICK_DEFER), FALSE);
  g_autofree char *with = ds_quick_action_label (ds_quick_action (DS_QUICK_DEFER), TRUE);
  g_autofree char *delegate = ds_quick_action_choices_label (ds_quick_action (DS_QUICK_DELEGATE));
  g_autofree char *snooze = ds_quick_action_choices_label (ds_quick_action (DS_QUICK_SNOOZE));
  const DsSnoozeChoice *choices;
  guint n = 0;

  g_assert_cmpstr (plain, ==, "Defer to Standup");
  g_assert_cmpstr (with, ==, "Defer to _Standup");
  /* A submenu of choices is no dialog: no "…". */
  g_assert_cmpstr (delegate, ==, "_Delegate");
  g_assert_cmpstr (snooze, ==, "Snoo_ze");

  /* Snooze's choices, the shortest first, each a "how" snooze-for reads. */
  choices = ds_quick_snooze_choices (&n);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpstr (choices[0].how, ==, "15m");
  g_assert_cmpstr (ds_quick_snooze_label (&choices[0]), ==, "15 minutes");
  g_assert_cmpstr (choices[1].how, ==, "1h");
  g_assert_cmpstr (choices[2].how, ==, "tomorrow");
  g_assert_cmpstr (ds_quick_snooze_label (&choices[2]), ==, "Until tomorrow morning");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ds/quick-actions/table-is-consistent", test_table_is_consistent);
  g_test_add_func ("/ds/quick-actions/which-items", test_which_items);
  g_test_add_func ("/ds/quick-actions/labels", test_labels);
  return g_test_run ();
}
