/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "ds-error.h"
#include "ds-item.h"

static void
count_notify (guint *count)
{
  (*count)++;
}

static void
test_id_is_stable (void)
{
  g_autoptr(DsItem) a = ds_item_new ("slack", "C024BE91L/1700000000.000100",
                                     DS_ITEM_KIND_REQUEST, "Can I get access to prod?");
  g_autoptr(DsItem) b = ds_item_new ("slack", "C024BE91L/1700000000.000100",
                                     DS_ITEM_KIND_ALERT, "something else");
  g_autoptr(DsItem) c = ds_item_new ("github", "C024BE91L/1700000000.000100",
                                     DS_ITEM_KIND_REQUEST, NULL);

  g_assert_cmpstr (ds_item_get_id (a), ==, "slack:C024BE91L/1700000000.000100");
  g_assert_cmpstr (ds_item_get_id (a), ==, ds_item_get_id (b));
  g_assert_cmpstr (ds_item_get_id (a), !=, ds_item_get_id (c));
  g_assert_cmpint (ds_item_get_state (a), ==, DS_ITEM_STATE_NEW);
  g_assert_cmpint (ds_item_get_created (a), >, 1600000000);
}

static void
test_allowed_transitions (void)
{
  g_autoptr(DsItem) item = ds_item_new ("slack", "x", DS_ITEM_KIND_REQUEST, "t");
  g_autoptr(GError) error = NULL;

  g_assert_true (ds_item_transition (item, DS_ITEM_STATE_ACKNOWLEDGED, &error));
  g_assert_no_error (error);
  g_assert_true (ds_item_transition (item, DS_ITEM_STATE_DELEGATED, &error));
  g_assert_true (ds_item_transition (item, DS_ITEM_STATE_DELEGATED, &error));
  g_assert_true (ds_item_transition (item, DS_ITEM_STATE_DONE, &error));
  g_assert_cmpint (ds_item_get_state (item), ==, DS_ITEM_STATE_DONE);
}

static void
test_refused_transitions (void)
{
  g_autoptr(DsItem) item = ds_item_new ("github", "o/r#1", DS_ITEM_KIND_ACCESS, "t");
  g_autoptr(GError) error = NULL;
  guint notifies = 0;

  g_assert_true (ds_item_transition (item, DS_ITEM_STATE_DONE, NULL));
  g_signal_connect_swapped (item, "notify::state", G_CALLBACK (count_notify), &notifies);

  for (DsItemState s = DS_ITEM_STATE_NEW; s <= DS_ITEM_STATE_LAST; s++)
    {
      g_clear_error (&error);
      g_assert_false (ds_item_transition (item, s, &error));
      g_assert_error (error, DS_ERROR, DS_ERROR_INVALID_TRANSITION);
    }
  g_assert_cmpstr (error->message, ==, "An item that is done cannot become dismissed.");
  g_assert_cmpint (ds_item_get_state (item), ==, DS_ITEM_STATE_DONE);
  g_assert_cmpuint (notifies, ==, 0);
}

static void
test_transition_table (void)
{
  /* The process in a few rules: nothing comes back from done; a filed
   * issue is not snoozed or deferred; a snoozed item wakes up as new. */
  g_assert_false (ds_item_can_transition (DS_ITEM_STATE_DONE, DS_ITEM_STATE_NEW));
  g_assert_false (ds_item_can_transition (DS_ITEM_STATE_FILED, DS_ITEM_STATE_SNOOZED));
  g_assert_false (ds_item_can_transition (DS_ITEM_STATE_FILED, DS_ITEM_STATE_DEFERRED));
  g_assert_false (ds_item_can_transition (DS_ITEM_STATE_NEW, DS_ITEM_STATE_NEW));
  g_assert_false (ds_item_can_transition (DS_ITEM_STATE_ACKNOWLEDGED, DS_ITEM_STATE_NEW));
  g_assert_true (ds_item_can_transition (DS_ITEM_STATE_SNOOZED, DS_ITEM_STATE_NEW));
  g_assert_true (ds_item_can_transition (DS_ITEM_STATE_DISMISSED, DS_ITEM_STATE_NEW));
  g_assert_true (ds_item_can_transition (DS_ITEM_STATE_DEFERRED, DS_ITEM_STATE_DELEGATED));
  g_assert_false (ds_item_can_transition (DS_ITEM_STATE_NEW, DS_ITEM_STATE_LAST + 1));
  g_assert_false (ds_item_can_transition (DS_ITEM_STATE_LAST + 1, DS_ITEM_STATE_NEW));
}

static void
test_strings_round_trip (void)
{
  for (DsItemKind k = 0; k <= DS_ITEM_KIND_LAST; k++)
    {
      DsItemKind back;

      g_assert_nonnull (ds_item_kind_to_string (k));
      g_assert_true (ds_item_kind_from_string (ds_item_kind_to_string (k), &back));
      g_assert_cmpint (back, ==, k);
    }
  for (DsItemState s = 0; s <= DS_ITEM_STATE_LAST; s++)
    {
      DsItemState back;

      g_assert_true (ds_item_state_from_string (ds_item_state_to_string (s), &back));
      g_assert_cmpint (back, ==, s);
    }
  g_assert_cmpstr (ds_item_kind_to_string (DS_ITEM_KIND_POSTMORTEM), ==, "postmortem");
  g_assert_cmpstr (ds_item_state_to_string (DS_ITEM_STATE_ACKNOWLEDGED), ==, "acknowledged");
  {
    DsItemKind k = DS_ITEM_KIND_ALERT;
    g_assert_false (ds_item_kind_from_string ("pager", &k));
    g_assert_false (ds_item_kind_from_string (NULL, &k));
    g_assert_cmpint (k, ==, DS_ITEM_KIND_ALERT);
  }
}

static void
test_setters_notify_on_change_only (void)
{
  g_autoptr(DsItem) item = ds_item_new ("pagerduty", "PT4KHLK", DS_ITEM_KIND_INCIDENT, "db down");
  guint count = 0;

  g_signal_connect_swapped (item, "notify", G_CALLBACK (count_notify), &count);
  ds_item_set_title (item, "db down");
  ds_item_set_emergency (item, FALSE);
  g_assert_cmpuint (count, ==, 0);
  ds_item_set_title (item, "db really down");
  ds_item_set_emergency (item, 7);
  g_assert_cmpuint (count, ==, 2);
  g_assert_true (ds_item_get_emergency (item));
  g_assert_finalize_object (g_steal_pointer (&item));
}

/* What a service sends is kept without what a terminal would obey. */
static void
test_strings_without_controls (void)
{
  g_autoptr(DsItem) item = ds_item_new ("slack", "C1/1", DS_ITEM_KIND_REQUEST,
                                        "\033]0;pwned\007Deploy \033[31mfailed\302\233");

  ds_item_set_text (item, "line\r\nline\033[2J");
  ds_item_set_channel (item, "#ops\177");
  g_assert_cmpstr (ds_item_get_title (item), ==, "]0;pwnedDeploy [31mfailed");
  g_assert_cmpstr (ds_item_get_text (item), ==, "line\nline[2J");
  g_assert_cmpstr (ds_item_get_channel (item), ==, "#ops");
}

/* A thread's replies too: the detail pane and the store get them clean. */
static void
test_reply_without_controls (void)
{
  g_autoptr(DsItemReply) reply =
    ds_item_reply_new (1700000000, "Sam\342\200\256 Ortiz\033[8m",
                       "\033]0;pwned\007Try\342\200\213 again\r\nnow\rplease\302\233\377");
  g_autoptr(DsItemReply) none = ds_item_reply_new (1700000001, NULL, NULL);

  g_assert_cmpint (reply->at, ==, 1700000000);
  g_assert_cmpstr (reply->author, ==, "Sam Ortiz[8m");
  g_assert_cmpstr (reply->text, ==, "]0;pwnedTry again\nnow\nplease\357\277\275");
  g_assert_null (none->author);
  g_assert_null (none->text);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ds/item/id-is-stable", test_id_is_stable);
  g_test_add_func ("/ds/item/allowed-transitions", test_allowed_transitions);
  g_test_add_func ("/ds/item/refused-transitions", test_refused_transitions);
  g_test_add_func ("/ds/item/transition-table", test_transition_table);
  g_test_add_func ("/ds/item/strings-round-trip", test_strings_round_trip);
  g_test_add_func ("/ds/item/notify-on-change-only", test_setters_notify_on_change_only);
  g_test_add_func ("/ds/item/strings-without-controls", test_strings_without_controls);
  g_test_add_func ("/ds/item/reply-without-controls", test_reply_without_controls);

  return g_test_run ();
}
