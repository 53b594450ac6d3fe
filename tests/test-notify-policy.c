/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "ds-inbox.h"
#include "ds-notify-policy.h"

/* The notification policy, under a clock the test sets. */

static GPtrArray *
make_items (guint       n,
            const char *prefix,
            guint       n_channels)
{
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("%s/%u", prefix, i);
      g_autofree char *channel = g_strdup_printf ("#ch%u", i % MAX (n_channels, 1));
      g_autofree char *title = g_strdup_printf ("Request %u", i);
      DsItem *item = ds_item_new ("slack", id, DS_ITEM_KIND_REQUEST, title);

      ds_item_set_channel (item, channel);
      g_ptr_array_add (items, item);
    }
  return items;
}

static GDateTime *
at (int hour,
    int minute,
    int second)
{
  return g_date_time_new_local (2026, 11, 26, hour, minute, second);
}

static void
plan (DsNotifyPolicy *policy,
      GPtrArray      *items,
      GDateTime      *now,
      guint          *n_show,
      guint          *n_summary)
{
  g_autoptr(GPtrArray) show = g_ptr_array_new ();
  g_autoptr(GPtrArray) summary = g_ptr_array_new ();

  ds_notify_policy_plan (policy, items, now, show, summary);
  *n_show = show->len;
  *n_summary = summary->len;
}

static void
test_flood_is_one_summary (void)
{
  g_autoptr(DsNotifyPolicy) policy = ds_notify_policy_new ();
  g_autoptr(GPtrArray) items = make_items (50, "C1", 3);
  g_autoptr(GDateTime) now = at (10, 0, 0);
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  guint show, summary;

  plan (policy, items, now, &show, &summary);
  g_assert_cmpuint (show, ==, 0);
  g_assert_cmpuint (summary, ==, 50);
  title = ds_notify_summary_title (items);
  g_assert_cmpstr (title, ==, "50 new requests in 3 channels");
  body = ds_notify_summary_body (items);
  g_assert_cmpstr (body, ==, "#ch1: Request 49\n#ch0: Request 48\n#ch2: Request 47\n…and 47 more");
}

static void
test_burst_over_time (void)
{
  g_autoptr(DsNotifyPolicy) policy = ds_notify_policy_new ();
  g_autoptr(GPtrArray) first = make_items (3, "A", 1);
  g_autoptr(GPtrArray) second = make_items (1, "B", 1);
  g_autoptr(GPtrArray) third = make_items (1, "C", 1);
  g_autoptr(GPtrArray) later = make_items (2, "D", 1);
  g_autoptr(GDateTime) t0 = at (10, 0, 0);
  g_autoptr(GDateTime) t5 = at (10, 0, 5);
  g_autoptr(GDateTime) t12 = at (10, 0, 12);
  g_autoptr(GDateTime) t40 = at (10, 0, 40);
  guint show, summary;

  ds_notify_policy_set_burst (policy, 3, 10);
  plan (policy, first, t0, &show, &summary);
  g_assert_cmpuint (show, ==, 3);
  g_assert_cmpuint (summary, ==, 0);
  /* A fourth within ten seconds: the burst becomes a summary ... */
  plan (policy, second, t5, &show, &summary);
  g_assert_cmpuint (show, ==, 0);
  g_assert_cmpuint (summary, ==, 1);
  /* ... which keeps growing while the burst lasts ... */
  plan (policy, third, t12, &show, &summary);
  g_assert_cmpuint (summary, ==, 1);
  /* ... and once it is over, items are notified one by one again. */
  plan (policy, later, t40, &show, &summary);
  g_assert_cmpuint (show, ==, 2);
  g_assert_cmpuint (summary, ==, 0);
}

static void
test_quiet_hours_and_pause (void)
{
  g_autoptr(DsNotifyPolicy) policy = ds_notify_policy_new ();
  g_autoptr(GPtrArray) items = make_items (2, "Q", 1);
  g_autoptr(GDateTime) night = at (23, 30, 0);
  g_autoptr(GDateTime) early = at (7, 59, 0);
  g_autoptr(GDateTime) morning = at (8, 0, 0);
  g_autoptr(GDateTime) noon = at (12, 0, 0);
  guint show, summary;

  g_assert_false (ds_notify_policy_set_quiet_hours (policy, "25:00", "08:00"));
  g_assert_false (ds_notify_policy_is_quiet (policy, night));
  g_assert_true (ds_notify_policy_set_quiet_hours (policy, "19:00", "08:00"));
  g_assert_true (ds_notify_policy_is_quiet (policy, night));
  g_assert_true (ds_notify_policy_is_quiet (policy, early));
  g_assert_false (ds_notify_policy_is_quiet (policy, morning));
  g_assert_false (ds_notify_policy_is_quiet (policy, noon));

  /* When they end: tomorrow at 08:00 from the evening, today from the night. */
  {
    g_autoptr(GDateTime) from_night = ds_notify_policy_quiet_until (policy, night);
    g_autoptr(GDateTime) from_early = ds_notify_policy_quiet_until (policy, early);
    g_autoptr(GDateTime) from_noon = ds_notify_policy_quiet_until (policy, noon);

    g_assert_nonnull (from_night);
    g_assert_cmpint (g_date_time_get_hour (from_night), ==, 8);
    g_assert_cmpint (g_date_time_get_minute (from_night), ==, 0);
    g_assert_cmpint (g_date_time_difference (from_night, night), ==,
                     (8 * 60 + 30) * G_TIME_SPAN_MINUTE);
    g_assert_nonnull (from_early);
    g_assert_cmpint (g_date_time_difference (from_early, early), ==, G_TIME_SPAN_MINUTE);
    g_assert_null (from_noon);
  }

  /* An emergency is notified even now; the rest waits in the inbox. */
  ds_item_set_emergency (items->pdata[1], TRUE);
  plan (policy, items, night, &show, &summary);
  g_assert_cmpuint (show, ==, 1);
  g_assert_cmpuint (summary, ==, 0);

  /* Paused for an hour at noon. */
  ds_notify_policy_set_paused_until (policy, g_date_time_to_unix (noon) + 3600);
  g_assert_true (ds_notify_policy_is_quiet (policy, noon));
  plan (policy, items, noon, &show, &summary);
  g_assert_cmpuint (show, ==, 1);
  {
    g_autoptr(GDateTime) after = g_date_time_add_minutes (noon, 61);
    g_assert_false (ds_notify_policy_is_quiet (policy, after));
  }
}

/* The desktop's Do Not Disturb: as quiet hours, at any hour, for as long as
 * it is on; emergencies still come. */
static void
test_do_not_disturb (void)
{
  g_autoptr(DsNotifyPolicy) policy = ds_notify_policy_new ();
  g_autoptr(GPtrArray) items = make_items (3, "D", 1);
  g_autoptr(GDateTime) noon = at (12, 0, 0);
  guint show, summary;

  g_assert_true (ds_notify_policy_set_quiet_hours (policy, "19:00", "08:00"));
  g_assert_false (ds_notify_policy_is_quiet (policy, noon));
  ds_notify_policy_set_do_not_disturb (policy, TRUE);
  g_assert_true (ds_notify_policy_is_quiet (policy, noon));
  ds_item_set_emergency (items->pdata[2], TRUE);
  plan (policy, items, noon, &show, &summary);
  g_assert_cmpuint (show, ==, 1);
  g_assert_cmpuint (summary, ==, 0);

  ds_notify_policy_set_do_not_disturb (policy, FALSE);
  g_assert_false (ds_notify_policy_is_quiet (policy, noon));
}

static void
test_only_new_unclaimed_once (void)
{
  g_autoptr(DsNotifyPolicy) policy = ds_notify_policy_new ();
  g_autoptr(GPtrArray) items = make_items (4, "N", 1);
  g_autoptr(GDateTime) now = at (10, 0, 0);
  guint show, summary;

  ds_item_set_claimed_by (items->pdata[0], "Sam");
  ds_item_set_notified (items->pdata[1], TRUE);
  g_assert_true (ds_item_transition (items->pdata[2], DS_ITEM_STATE_DONE, NULL));
  plan (policy, items, now, &show, &summary);
  g_assert_cmpuint (show, ==, 1);
  g_assert_cmpuint (summary, ==, 0);
  g_assert_true (ds_notify_policy_wants (items->pdata[3]));

  /* Off rotation: only what was asked of the user. */
  {
    g_autoptr(GPtrArray) more = make_items (2, "R", 1);
    ds_notify_policy_set_on_rotation (policy, FALSE);
    ds_item_set_mine (more->pdata[1], TRUE);
    plan (policy, more, now, &show, &summary);
    g_assert_cmpuint (show, ==, 1);
    g_assert_cmpuint (summary, ==, 0);
  }
}

/* A postmortem action item is never a notification, even alone at noon. */
static void
test_postmortem_not_notified (void)
{
  g_autoptr(DsNotifyPolicy) policy = ds_notify_policy_new ();
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GDateTime) now = at (12, 0, 0);
  guint show, summary;

  g_ptr_array_add (items, ds_item_new ("github", "team/ops#7", DS_ITEM_KIND_POSTMORTEM,
                                       "Add an alert on disk usage"));
  g_assert_false (ds_notify_policy_wants (items->pdata[0]));
  plan (policy, items, now, &show, &summary);
  g_assert_cmpuint (show, ==, 0);
  g_assert_cmpuint (summary, ==, 0);
}

/* An item of #ops created at @created, in @inbox. */
static DsItem *
arrived (DsInbox    *inbox,
         const char *id,
         DsItemKind  kind,
         gint64      created)
{
  g_autofree char *title = g_strdup_printf ("Request %s", id);
  DsItem *item = ds_item_new ("slack", id, kind, title);

  ds_item_set_channel (item, "#ops");
  ds_item_set_created (item, created);
  ds_inbox_add (inbox, item);
  g_object_unref (item);
  return item;
}

/* What came in while Dayshift was away waits, on rotation, for one summary
 * once it is all read: emergencies aside, none of it one by one; not told
 * off rotation or while quiet; told once, of what is open and untold. */
static void
test_time_away (void)
{
  g_autoptr(DsNotifyPolicy) policy = ds_notify_policy_new ();
  g_autoptr(DsInbox) inbox = ds_inbox_new ();
  g_autoptr(GDateTime) now = at (9, 0, 0);
  g_autoptr(GDateTime) yesterday = g_date_time_new_local (2026, 11, 25, 17, 25, 0);
  gint64 since = g_date_time_to_unix (yesterday);
  gint64 until = g_date_time_to_unix (now) - 15 * 60;
  g_autoptr(GPtrArray) fresh = g_ptr_array_new ();
  g_autoptr(GPtrArray) show = g_ptr_array_new ();
  g_autoptr(GPtrArray) summary = g_ptr_array_new ();
  g_autoptr(GPtrArray) told = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  DsItem *emergency, *live, *before;
  gint64 told_since = 0;

  /* Overnight: four nobody took, two teammates took, one acknowledged in
   * Slack, one done, a postmortem item and an emergency; one the evening
   * before the time away, one after it (this morning, live). */
  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *id = g_strdup_printf ("open%u", i);
      g_ptr_array_add (fresh, arrived (inbox, id, DS_ITEM_KIND_REQUEST, since + 3600 * (i + 1)));
    }
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *id = g_strdup_printf ("taken%u", i);
      DsItem *item = arrived (inbox, id, DS_ITEM_KIND_REQUEST, since + 600 * (i + 1));

      ds_item_set_claimed_by (item, "Bogdan");
      g_ptr_array_add (fresh, item);
    }
  g_ptr_array_add (fresh, arrived (inbox, "acked", DS_ITEM_KIND_REQUEST, since + 60));
  g_assert_true (ds_item_transition (fresh->pdata[fresh->len - 1],
                                     DS_ITEM_STATE_ACKNOWLEDGED, NULL));
  g_ptr_array_add (fresh, arrived (inbox, "done", DS_ITEM_KIND_REQUEST, since + 120));
  g_assert_true (ds_item_transition (fresh->pdata[fresh->len - 1], DS_ITEM_STATE_DONE, NULL));
  g_ptr_array_add (fresh, arrived (inbox, "pm", DS_ITEM_KIND_POSTMORTEM, since + 180));
  emergency = arrived (inbox, "outage", DS_ITEM_KIND_INCIDENT, since + 240);
  ds_item_set_emergency (emergency, TRUE);
  g_ptr_array_add (fresh, emergency);
  live = arrived (inbox, "live", DS_ITEM_KIND_REQUEST, until + 60);
  g_ptr_array_add (fresh, live);
  before = arrived (inbox, "before", DS_ITEM_KIND_REQUEST, since - 3600);

  /* Being read, on rotation: the emergency and this morning's are told as
   * they come; the night's wait. */
  ds_notify_policy_add_away (policy, since, until, FALSE);
  ds_notify_policy_plan (policy, fresh, now, show, summary);
  g_assert_cmpuint (show->len, ==, 2);
  g_assert_true (g_ptr_array_find (show, emergency, NULL) && g_ptr_array_find (show, live, NULL));
  g_assert_cmpuint (summary->len, ==, 0);
  ds_item_set_notified (emergency, TRUE);
  ds_item_set_notified (live, TRUE);
  g_assert_false (ds_notify_policy_take_away (policy, G_LIST_MODEL (inbox), now, told,
                                              &told_since));

  /* All read; off rotation, or while quiet: not now. */
  ds_notify_policy_add_away (policy, since, until, TRUE);
  ds_notify_policy_set_on_rotation (policy, FALSE);
  g_assert_false (ds_notify_policy_take_away (policy, G_LIST_MODEL (inbox), now, told,
                                              &told_since));
  ds_notify_policy_set_on_rotation (policy, TRUE);
  ds_notify_policy_set_paused_until (policy, g_date_time_to_unix (now) + 60);
  g_assert_false (ds_notify_policy_take_away (policy, G_LIST_MODEL (inbox), now, told,
                                              &told_since));
  ds_notify_policy_set_paused_until (policy, 0);
  g_assert_cmpuint (told->len, ==, 0);

  /* On rotation: the seven open and untold, once. */
  g_assert_true (ds_notify_policy_take_away (policy, G_LIST_MODEL (inbox), now, told,
                                             &told_since));
  g_assert_cmpint (told_since, ==, since);
  g_assert_cmpuint (told->len, ==, 7);
  g_assert_false (g_ptr_array_find (told, before, NULL));
  title = ds_notify_away_title (told, told_since, now);
  g_assert_cmpstr (title, ==, "7 requests came in since 17:25 yesterday");
  body = ds_notify_away_body (told);
  g_assert_cmpstr (body, ==, "4 need an answer:\n#ops: Request open3\n#ops: Request open2\n"
                             "#ops: Request open1\n…and 1 more");
  g_clear_pointer (&told, g_ptr_array_unref);
  told = g_ptr_array_new_with_free_func (g_object_unref);
  g_assert_false (ds_notify_policy_take_away (policy, G_LIST_MODEL (inbox), now, told,
                                              &told_since));

  /* Gone, a new item of that night is told one by one again. */
  {
    g_autoptr(GPtrArray) late = g_ptr_array_new ();

    g_ptr_array_add (late, before);
    g_ptr_array_set_size (show, 0);
    ds_notify_policy_plan (policy, late, now, show, summary);
    g_assert_cmpuint (show->len, ==, 1);
  }
}

/* The title says since when as people say it. */
static void
test_time_away_words (void)
{
  g_autoptr(GDateTime) now = at (9, 0, 0);
  g_autoptr(GPtrArray) one = make_items (1, "W", 1);
  g_autoptr(GPtrArray) two = make_items (2, "W", 1);
  struct { GPtrArray *items; int day, hour, minute; const char *title; } cases[] = {
    { one, 26, 7, 5, "1 request came in since 07:05" },
    { two, 25, 17, 25, "2 requests came in since 17:25 yesterday" },
    { two, 23, 17, 25, "2 requests came in since Mon 17:25" },
    { two, 16, 17, 25, "2 requests came in since 16 Nov" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GDateTime) since = g_date_time_new_local (2026, 11, cases[i].day, cases[i].hour,
                                                          cases[i].minute, 0);
      g_autofree char *title = ds_notify_away_title (cases[i].items,
                                                     g_date_time_to_unix (since), now);

      g_assert_cmpstr (title, ==, cases[i].title);
    }
  {
    g_autofree char *body = NULL;

    ds_item_set_claimed_by (one->pdata[0], "Chioma");
    body = ds_notify_away_body (one);
    g_assert_cmpstr (body, ==, "None of them needs an answer.");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ds/notify-policy/time-away", test_time_away);
  g_test_add_func ("/ds/notify-policy/time-away-words", test_time_away_words);
  g_test_add_func ("/ds/notify-policy/flood-is-one-summary", test_flood_is_one_summary);
  g_test_add_func ("/ds/notify-policy/burst-over-time", test_burst_over_time);
  g_test_add_func ("/ds/notify-policy/quiet-hours-and-pause", test_quiet_hours_and_pause);
  g_test_add_func ("/ds/notify-policy/do-not-disturb", test_do_not_disturb);
  g_test_add_func ("/ds/notify-policy/only-new-unclaimed-once", test_only_new_unclaimed_once);
  g_test_add_func ("/ds/notify-policy/postmortem-not-notified", test_postmortem_not_notified);
  return g_test_run ();
}
