/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <time.h>

#include <glib/gstdio.h>

#include "ds-books.h"
#include "ds-bookkeeper.h"

/* What the rotation asks of the user, under a clock the test moves: the
 * support timer's 15-minute and 2-hour prompts (none of the second for an
 * emergency), the standup list once at standup time, the shift's start and
 * end; each once, across a restart too. */

typedef struct
{
  char         *dir;
  char         *path;
  DsStore      *store;
  DsInbox      *inbox;
  DsBookkeeper *keeper;
  GPtrArray    *prompts;   /* "prompt item count" */
} Fixture;

static void
on_prompt (DsBookkeeper *keeper,
           int           prompt,
           DsItem       *item,
           guint         count,
           Fixture      *f)
{
  g_ptr_array_add (f->prompts, g_strdup_printf ("%d %s %u", prompt,
                                                item != NULL ? ds_item_get_remote_id (item) : "-",
                                                count));
}

static void
open_keeper (Fixture *f)
{
  g_autoptr(GPtrArray) items = NULL;

  f->store = ds_store_open (f->path, NULL);
  g_assert_nonnull (f->store);
  f->inbox = ds_inbox_new ();
  items = ds_store_load_items (f->store, NULL);
  ds_inbox_add_items (f->inbox, items);
  f->keeper = ds_bookkeeper_new (f->store, f->inbox);
  ds_bookkeeper_set_standup_time (f->keeper, "09:30");
  ds_bookkeeper_set_shift_lead (f->keeper, 15);
  g_signal_connect (f->keeper, "prompt", G_CALLBACK (on_prompt), f);
}

static void
close_keeper (Fixture *f)
{
  g_clear_object (&f->keeper);
  g_clear_object (&f->inbox);
  g_clear_object (&f->store);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = g_dir_make_tmp ("ds-keeper-XXXXXX", NULL);
  f->path = g_build_filename (f->dir, "dayshift.db", NULL);
  f->prompts = g_ptr_array_new_with_free_func (g_free);
  open_keeper (f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  close_keeper (f);
  ds_store_delete_files (f->path);
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->path);
  g_ptr_array_unref (f->prompts);
}

static DsItem *
add (Fixture    *f,
     const char *remote_id,
     gboolean    emergency)
{
  g_autoptr(DsItem) item = ds_item_new ("slack", remote_id, DS_ITEM_KIND_REQUEST, remote_id);

  ds_item_set_emergency (item, emergency);
  g_assert_true (ds_store_save_item (f->store, item, NULL));
  ds_inbox_add (f->inbox, item);
  return item;
}

static gint64
at (int day,
    int hour,
    int minute)
{
  g_autoptr(GDateTime) dt = g_date_time_new_local (2026, 11, day, hour, minute, 0);
  return g_date_time_to_unix (dt);
}

static void
test_timer_prompts (Fixture       *f,
                    gconstpointer  data)
{
  gint64 t = at (23, 10, 0);
  DsItem *urgent;

  add (f, "C1/1.0", FALSE);
  g_assert_true (ds_store_timer_start (f->store, "slack:C1/1.0", t, NULL));
  ds_bookkeeper_tick (f->keeper, t + 14 * 60 + 59);
  g_assert_cmpuint (f->prompts->len, ==, 0);
  ds_bookkeeper_tick (f->keeper, t + 15 * 60);
  ds_bookkeeper_tick (f->keeper, t + 16 * 60);
  g_assert_cmpuint (f->prompts->len, ==, 1);
  g_assert_cmpstr (f->prompts->pdata[0], ==, "0 C1/1.0 1");

  /* A restart; two hours of wall clock later, whatever ran in between. */
  close_keeper (f);
  open_keeper (f);
  ds_bookkeeper_tick (f->keeper, t + 2 * 3600 - 1);
  g_assert_cmpuint (f->prompts->len, ==, 1);
  ds_bookkeeper_tick (f->keeper, t + 2 * 3600);
  ds_bookkeeper_tick (f->keeper, t + 3 * 3600);
  g_assert_cmpuint (f->prompts->len, ==, 2);
  g_assert_cmpstr (f->prompts->pdata[1], ==, "1 C1/1.0 1");

  /* An emergency: the 15-minute prompt, never the 2-hour one. */
  urgent = add (f, "C1/2.0", TRUE);
  g_assert_true (ds_store_timer_start (f->store, ds_item_get_id (urgent), t + 4 * 3600, NULL));
  ds_bookkeeper_tick (f->keeper, t + 4 * 3600 + 15 * 60);
  ds_bookkeeper_tick (f->keeper, t + 7 * 3600);
  g_assert_cmpuint (f->prompts->len, ==, 3);
  g_assert_cmpstr (f->prompts->pdata[2], ==, "0 C1/2.0 1");

  /* With an issue filed, no offer to file one. */
  {
    DsItem *filed = add (f, "C1/3.0", FALSE);
    ds_item_set_issue_url (filed, "https://github.com/acme/ops/issues/1");
    g_assert_true (ds_store_timer_start (f->store, "slack:C1/3.0", t + 8 * 3600, NULL));
    ds_bookkeeper_tick (f->keeper, t + 8 * 3600 + 30 * 60);
    g_assert_cmpuint (f->prompts->len, ==, 3);
  }
}

/* The item the timer runs on is resolved on its service (a PagerDuty
 * incident) before fifteen minutes: the timer stops, and no offer to file
 * an issue for it comes. */
static void
test_timer_stops_when_done (Fixture       *f,
                            gconstpointer  data)
{
  gint64 t = at (23, 10, 0);
  g_autoptr(DsItem) page = ds_item_new ("pagerduty", "PINC1", DS_ITEM_KIND_INCIDENT, "DB down");
  g_autofree char *running = NULL;

  g_assert_true (ds_store_save_item (f->store, page, NULL));
  ds_inbox_add (f->inbox, page);
  g_assert_true (ds_store_timer_start (f->store, "pagerduty:PINC1", t, NULL));
  ds_bookkeeper_tick (f->keeper, t + 5 * 60);
  g_assert_true (ds_store_transition (f->store, page, DS_ITEM_STATE_DONE, "pagerduty", NULL,
                                      NULL));
  ds_bookkeeper_tick (f->keeper, t + 10 * 60);
  running = ds_store_timer_running (f->store, NULL, NULL);
  g_assert_null (running);
  g_assert_cmpint (ds_store_tracked (f->store, "pagerduty:PINC1", t + 3 * 3600, NULL), ==,
                   10 * 60);
  ds_bookkeeper_tick (f->keeper, t + 15 * 60);
  ds_bookkeeper_tick (f->keeper, t + 3 * 3600);
  g_assert_cmpuint (f->prompts->len, ==, 0);
}

static void
test_standup_once (Fixture       *f,
                   gconstpointer  data)
{
  DsItem *a = add (f, "C1/1.0", FALSE);
  DsItem *b = add (f, "C1/2.0", FALSE);
  g_autofree char *markdown = NULL;

  /* Nothing deferred: no standup prompt. */
  ds_bookkeeper_tick (f->keeper, at (24, 9, 30));
  g_assert_cmpuint (f->prompts->len, ==, 0);

  g_assert_true (ds_store_transition (f->store, a, DS_ITEM_STATE_DEFERRED, "me", NULL, NULL));
  g_assert_true (ds_store_set_standup_note (f->store, b, "Brought to the team after 2 h", NULL));
  ds_bookkeeper_tick (f->keeper, at (25, 9, 29));
  g_assert_cmpuint (f->prompts->len, ==, 0);
  ds_bookkeeper_tick (f->keeper, at (25, 9, 30));
  ds_bookkeeper_tick (f->keeper, at (25, 9, 31));
  close_keeper (f);
  open_keeper (f);
  ds_bookkeeper_tick (f->keeper, at (25, 9, 45));
  g_assert_cmpuint (f->prompts->len, ==, 1);
  g_assert_cmpstr (f->prompts->pdata[0], ==, "2 - 2");

  markdown = ds_bookkeeper_standup_markdown (f->keeper);
  g_assert_cmpstr (markdown, ==,
                   "## For the standup\n\n"
                   "- C1/1.0 (Slack)\n"
                   "- C1/2.0 (Slack) — Brought to the team after 2 h\n");

  /* The next day, again; an item delegated since leaves the list. */
  a = ds_inbox_lookup (f->inbox, "slack:C1/1.0");
  g_assert_true (ds_store_transition (f->store, a, DS_ITEM_STATE_DELEGATED, "me", NULL, NULL));
  ds_bookkeeper_tick (f->keeper, at (26, 9, 30));
  g_assert_cmpuint (f->prompts->len, ==, 2);
  g_assert_cmpstr (f->prompts->pdata[1], ==, "2 - 1");
}

/* An item for the standup list, as a service wrote it. */
static void
add_for_standup (Fixture    *f,
                 const char *source,
                 const char *remote_id,
                 gint64      created,
                 const char *title,
                 const char *channel,
                 const char *requester,
                 const char *url,
                 const char *note)
{
  g_autoptr(DsItem) item = ds_item_new (source, remote_id, DS_ITEM_KIND_REQUEST, title);

  ds_item_set_created (item, created);
  ds_item_set_channel (item, channel);
  ds_item_set_requester (item, requester);
  ds_item_set_url (item, url);
  g_assert_true (ds_store_save_item (f->store, item, NULL));
  ds_inbox_add (f->inbox, item);
  if (note != NULL)
    g_assert_true (ds_store_set_standup_note (f->store, item, note, NULL));
  else
    g_assert_true (ds_store_transition (f->store, item, DS_ITEM_STATE_DEFERRED, "me", NULL,
                                        NULL));
}

/* Copy as Markdown: the list's own Markdown (its heading, one list item a
 * line, each web link as it is), and every text in it shown on GitHub as
 * it was written: no HTML, link, emphasis, code, heading or list of its
 * own, nobody pinged. An address that is not a web link is text. */
static void
test_standup_markdown_is_text (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *markdown = NULL;

  add_for_standup (f, "slack", "C1/1.0", 1700000400,
                   "<b>Deploy</b> [x](https://evil.example) ![i](y.png) ping @team",
                   "#ops-support", "@dana <i>Levi</i>",
                   "https://acme.slack.com/archives/C1/p1700000000000100", NULL);
  add_for_standup (f, "github", "acme/ops#7", 1700000300, "# Heading `code` *em* _u_ ~s~",
                   NULL, NULL, "https://github.com/acme/ops/issues/7?q=a_b&c=(d)",
                   "- [link](x) @acme/ops-team | a \\ b");
  add_for_standup (f, "slack", "C1/3.0", 1700000200, "1. First, snake_case", "#général",
                   "Sam", "javascript:alert(1)", "see `here` <script>x</script>");
  add_for_standup (f, "slack", "C1/4.0", 1700000100, "Spaces", "#ops\033[2J", NULL,
                   "https://x.example/a <b>b</b>", NULL);

  markdown = ds_bookkeeper_standup_markdown (f->keeper);
  g_assert_cmpstr (markdown, ==,
                   "## For the standup\n\n"
                   "- \\<b\\>Deploy\\</b\\> \\[x\\](https://evil.example) !\\[i\\](y.png) "
                   "ping `@team` (#ops-support, `@dana` \\<i\\>Levi\\</i\\>) "
                   "https://acme.slack.com/archives/C1/p1700000000000100\n"
                   "- \\# Heading \\`code\\` \\*em\\* \\_u\\_ \\~s\\~ (GitHub) "
                   "https://github.com/acme/ops/issues/7?q=a_b&c=(d) — "
                   "\\- \\[link\\](x) `@acme/ops-team` \\| a \\\\ b\n"
                   "- 1\\. First, snake_case (#général, Sam) javascript:alert(1) — "
                   "see \\`here\\` \\<script\\>x\\</script\\>\n"
                   "- Spaces (#ops\\[2J) https://x.example/a \\<b\\>b\\</b\\>\n");
}

static void
test_shift_prompts (Fixture       *f,
                    gconstpointer  data)
{
  ds_bookkeeper_set_shift (f->keeper, at (27, 9, 0), at (27, 17, 0), "Dana Levi");
  ds_bookkeeper_tick (f->keeper, at (27, 8, 44));
  g_assert_cmpuint (f->prompts->len, ==, 0);
  ds_bookkeeper_tick (f->keeper, at (27, 8, 45));
  ds_bookkeeper_tick (f->keeper, at (27, 8, 50));
  g_assert_cmpuint (f->prompts->len, ==, 1);
  g_assert_cmpstr (f->prompts->pdata[0], ==, "3 - 0");

  g_assert_true (ds_store_rotation_start (f->store, at (27, 9, 1), NULL, NULL));
  ds_bookkeeper_tick (f->keeper, at (27, 16, 59));
  g_assert_cmpuint (f->prompts->len, ==, 1);
  ds_bookkeeper_tick (f->keeper, at (27, 17, 0));
  close_keeper (f);
  open_keeper (f);
  ds_bookkeeper_tick (f->keeper, at (27, 17, 30));
  g_assert_cmpuint (f->prompts->len, ==, 2);
  g_assert_cmpstr (f->prompts->pdata[1], ==, "4 - 0");
  {
    g_autofree char *next = ds_bookkeeper_dup_next_person (f->keeper);
    g_assert_cmpstr (next, ==, "Dana Levi");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "Europe/Berlin", TRUE);
  tzset ();
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/ds/bookkeeper/timer-prompts", test_timer_prompts);
  ADD ("/ds/bookkeeper/timer-stops-when-done", test_timer_stops_when_done);
  ADD ("/ds/bookkeeper/standup-once", test_standup_once);
  ADD ("/ds/bookkeeper/shift-prompts", test_shift_prompts);
  ADD ("/ds/bookkeeper/standup-markdown-is-text", test_standup_markdown_is_text);
#undef ADD

  return g_test_run ();
}
