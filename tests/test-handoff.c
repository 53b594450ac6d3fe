/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>
#include <time.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "ds-error.h"
#include "ds-handoff.h"

/* The handoff's hidden block: written from a store (the report's fixture
 * week, tests/data/report-week.sql, whose figures are worked out by hand in
 * its comment, and a Monday of items made for the response clock), read
 * back from a comment as the next person's Dayshift reads it; a stranger's
 * comments that must be refused or read with care; the store's copy as
 * JSON; one handoff per rotation when it was posted on each super-epic. */

#define WEEK_START 1794819600  /* the fixture's rotation: Mon 2026-11-16 09:00 UTC */
#define WEEK_END   1795194000  /* to Fri 2026-11-20 17:00 UTC */
#define MONDAY     1795392000  /* Mon 2026-11-23 00:00 UTC, after the fixture's week */
#define HOUR       3600

typedef struct
{
  char    *dir;
  char    *db;
  DsStore *store;
} Fixture;

static void
exec_sql (Fixture    *f,
          const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (f->db, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "report-week.sql", NULL);
  g_autofree char *sql = NULL;
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("ds-handoff-XXXXXX", NULL);
  f->db = g_build_filename (f->dir, "dayshift.db", NULL);
  f->store = ds_store_open (f->db, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &sql, NULL, NULL));
  exec_sql (f, sql);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  ds_store_delete_files (f->db);
  g_rmdir (f->dir);
  g_free (f->db);
  g_free (f->dir);
}

static DsTeamProfile *
example_profile (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data",
                                                 "team-profile.example.json", NULL);
  g_autofree char *data = NULL;
  gsize length;
  DsTeamProfile *p;

  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  p = ds_team_profile_new_from_data (data, length, path, NULL);
  g_assert_nonnull (p);
  g_assert_nonnull (p->response);
  return p;
}

static gint64
count_sql (Fixture    *f,
           const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_open (f->db, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

/* The block as a comment carries it: after the report, before the
 * outbox's key. */
static DsHandoff *
read_back (const char *block)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *body = g_strconcat ("Handoff to @dana, on call next.\n\n# Rotation report\n\n",
                                       block, "\n\n<!-- dayshift:outbox-17 -->\n", NULL);
  DsHandoff *handoff = ds_handoff_parse (body, &error);

  g_assert_no_error (error);
  g_assert_nonnull (handoff);
  return handoff;
}

/* The JSON of a block: between the marker's line and "-->". */
static void
assert_block_shape (const char *block)
{
  const char *json = block + strlen (DS_HANDOFF_MARKER "\n");
  const char *end = strstr (block, "-->");

  g_assert_true (g_str_has_prefix (block, DS_HANDOFF_MARKER "\n{"));
  g_assert_true (g_str_has_suffix (block, "}\n-->\n"));
  /* Nothing ends the HTML comment early: one "-->", the last. */
  g_assert_true (end == block + strlen (block) - strlen ("-->\n"));
  for (const char *p = json; p < end; p++)
    g_assert_true (*p != '<' && *p != '>' && *p != '&');
}

static DsHandoffItem *
left_item (DsHandoff  *h,
           const char *id)
{
  for (guint i = 0; i < h->left->len; i++)
    if (g_str_equal (((DsHandoffItem *)h->left->pdata[i])->id, id))
      return h->left->pdata[i];
  return NULL;
}

static DsHandoffItem *
must_left (DsHandoff  *h,
           const char *id)
{
  DsHandoffItem *item = left_item (h, id);

  if (item == NULL)
    g_error ("%s should be left", id);
  return item;
}

/* The fixture's week, written and read back: each figure as the fixture's
 * comment works it out, and as the store counts it. */
static void
test_block_round_trip (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(DsTeamProfile) profile = example_profile ();
  g_autoptr(GError) error = NULL;
  g_autofree char *block = NULL;
  g_autoptr(DsHandoff) h = NULL;
  const char *newest_first[] = {
    "github:notifications/1", "slack:C0SUPPORT1/1795172400.000100", "github:acme/api/runs/7001",
    "github:acme/ops#12", "github:acme/ops#9", "slack:C0OPERATE1/1794996000.000100",
    "slack:C0OPERATE1/1794992400.000100", "slack:C0SUPPORT1/1794913200.000100",
    "slack:C0SUPPORT1/1794906000.000100", "slack:C0SUPPORT1/1794821400.000100",
    "slack:C0SUPPORT1/1794564000.000100",
  };
  guint sum = 0;
  DsHandoffItem *item;

  /* Titles and links as hostile as a request's can be. */
  exec_sql (f, "UPDATE items SET url = 'https://acme.slack.com/archives/C0SUPPORT1/p1', "
               "  title = 'Who owns the flaky runner? --> <b>now</b> & \"then\" \\ é' "
               "WHERE id = 'slack:C0SUPPORT1/1795172400.000100';"
               "UPDATE items SET url = 'javascript:alert(1)' "
               "WHERE id = 'slack:C0OPERATE1/1794996000.000100';"
               "UPDATE items SET url = 'http://127.0.0.1:8080/ops/issues/12' "
               "WHERE id = 'github:acme/ops#12';");

  block = ds_handoff_block (f->store, profile, WEEK_START, WEEK_END, &error);
  g_assert_no_error (error);
  assert_block_shape (block);
  h = read_back (block);

  g_assert_cmpint (h->start, ==, WEEK_START);
  g_assert_cmpint (h->end, ==, WEEK_END);
  g_assert_null (h->author);
  g_assert_null (h->url);
  /* Requests per kind, as the report's table has them. */
  g_assert_cmpuint (h->by_kind[DS_ITEM_KIND_REQUEST], ==, 7);
  g_assert_cmpuint (h->by_kind[DS_ITEM_KIND_REVIEW], ==, 1);
  g_assert_cmpuint (h->by_kind[DS_ITEM_KIND_ACCESS], ==, 1);
  g_assert_cmpuint (h->by_kind[DS_ITEM_KIND_POSTMORTEM], ==, 1);
  g_assert_cmpuint (h->by_kind[DS_ITEM_KIND_DEPLOY], ==, 1);
  g_assert_cmpuint (h->by_kind[DS_ITEM_KIND_INCIDENT], ==, 1);
  g_assert_cmpuint (h->by_kind[DS_ITEM_KIND_MENTION], ==, 1);
  g_assert_cmpuint (h->by_kind[DS_ITEM_KIND_ALERT], ==, 0);
  for (DsItemKind k = 0; k <= DS_ITEM_KIND_LAST; k++)
    sum += h->by_kind[k];
  g_assert_cmpint (sum, ==, count_sql (f, "SELECT count(*) FROM items WHERE first_seen >= "
                                          G_STRINGIFY (WEEK_START) " AND first_seen < "
                                          G_STRINGIFY (WEEK_END)));
  /* Median of 1..10 minutes, nearest rank: 5 min. */
  g_assert_cmpint (h->ack_median, ==, 5 * 60);
  /* Requests 5 of 7, access 1 of 1, incident 0 of 1. */
  g_assert_cmpuint (h->responses_within, ==, 6);
  g_assert_cmpuint (h->responses_total, ==, 9);
  /* 40 min on the staging deploys and 2 h 05 on the failed deploy; the
   * 10 minutes on the DB password do not count. */
  g_assert_cmpint (h->tracked, ==, 40 * 60 + 125 * 60);

  /* Every item open and unclaimed at the end, newest first. */
  g_assert_cmpuint (h->left->len, ==, G_N_ELEMENTS (newest_first));
  g_assert_cmpint (h->left->len, ==,
                   count_sql (f, "SELECT count(*) FROM items WHERE state NOT IN ('done', "
                                 "'dismissed') AND claimed_by IS NULL"));
  for (guint i = 0; i < h->left->len; i++)
    {
      item = h->left->pdata[i];
      g_assert_cmpstr (item->id, ==, newest_first[i]);
      /* Past their 4 h without a response: the flaky runner (6 h) and the
       * log retention (29 h), no other. */
      g_assert_cmpint (item->over_target, ==,
                       g_str_equal (item->id, "slack:C0SUPPORT1/1795172400.000100") ||
                       g_str_equal (item->id, "slack:C0SUPPORT1/1794913200.000100"));
    }
  item = must_left (h, "slack:C0SUPPORT1/1795172400.000100");
  g_assert_cmpstr (item->title, ==, "Who owns the flaky runner? --> <b>now</b> & \"then\" \\ é");
  g_assert_cmpstr (item->url, ==, "https://acme.slack.com/archives/C0SUPPORT1/p1");
  g_assert_cmpint (item->kind, ==, DS_ITEM_KIND_REQUEST);
  g_assert_cmpint (item->state, ==, DS_ITEM_STATE_NEW);
  item = must_left (h, "slack:C0SUPPORT1/1794913200.000100");
  g_assert_cmpint (item->state, ==, DS_ITEM_STATE_DEFERRED);
  g_assert_cmpstr (item->title, ==, "Log retention | how long?");
  /* A script is no link; a loopback one is. */
  g_assert_null (must_left (h, "slack:C0OPERATE1/1794996000.000100")->url);
  g_assert_cmpstr (must_left (h, "github:acme/ops#12")->url, ==,
                   "http://127.0.0.1:8080/ops/issues/12");
  g_assert_cmpint (must_left (h, "github:acme/ops#12")->kind, ==, DS_ITEM_KIND_POSTMORTEM);
  g_assert_cmpint (must_left (h, "github:acme/ops#9")->state, ==, DS_ITEM_STATE_DELEGATED);
  g_assert_cmpint (must_left (h, "github:acme/api/runs/7001")->state, ==, DS_ITEM_STATE_FILED);
  /* Done: not left. */
  g_assert_null (left_item (h, "slack:C0SUPPORT1/1794820200.000100"));
  g_assert_null (left_item (h, "pagerduty:PINC0001"));
}

/* A Monday made for the response clock (09:00-17:00 Madrid, 08:00-16:00
 * UTC; a request's target 4 h, access 8 h), handed over at 13:00 UTC, five
 * working hours in. Each item's state then is what its history says. */
static void
fill_monday (Fixture *f)
{
  g_autofree char *sql = g_strdup_printf (
    "INSERT INTO items (id, source, remote_id, kind, state, title, created, first_seen, updated, "
    "  claimed_by, responded) VALUES "
    /* A: unanswered 5 h: over. */
    "('slack:M/a', 'slack', 'M/a', 'request', 'new', 'A', %1$ld, %1$ld, %1$ld, NULL, 0),"
    /* B: unanswered 2 h: not yet. */
    "('slack:M/b', 'slack', 'M/b', 'request', 'new', 'B', %2$ld, %2$ld, %2$ld, NULL, 0),"
    /* C: answered after 1 h. */
    "('slack:M/c', 'slack', 'M/c', 'request', 'acknowledged', 'C', %1$ld, %1$ld, %1$ld, NULL, "
    "  %3$ld),"
    /* D: answered after the handoff: waiting then, over. */
    "('slack:M/d', 'slack', 'M/d', 'request', 'acknowledged', 'D', %1$ld, %1$ld, %1$ld, NULL, "
    "  %4$ld),"
    /* E: an alert has no target. */
    "('pagerduty:M-E', 'pagerduty', 'M-E', 'alert', 'new', 'E', %1$ld, %1$ld, %1$ld, NULL, 0),"
    /* F: access, 5 h of its 8. */
    "('github:acme/ops#70', 'github', 'acme/ops#70', 'access', 'new', 'F', %1$ld, %1$ld, %1$ld, "
    "  NULL, 0),"
    /* G: a teammate took it. */
    "('slack:M/g', 'slack', 'M/g', 'request', 'new', 'G', %1$ld, %1$ld, %1$ld, 'Sam Ortega', "
    "  %1$ld),"
    /* H: done before the handoff. */
    "('slack:M/h', 'slack', 'M/h', 'request', 'done', 'H', %1$ld, %1$ld, %1$ld, NULL, %5$ld),"
    /* I: done after it: open then, over. */
    "('slack:M/i', 'slack', 'M/i', 'request', 'done', 'I', %1$ld, %1$ld, %1$ld, NULL, %4$ld),"
    /* J: arrived after it. */
    "('slack:M/j', 'slack', 'M/j', 'request', 'new', 'J', %4$ld, %4$ld, %4$ld, NULL, 0);"
    "INSERT INTO history (item_id, at, actor, from_state, to_state) VALUES "
    "('slack:M/c', %3$ld, 'me', 'new', 'acknowledged'),"
    "('slack:M/d', %4$ld, 'me', 'new', 'acknowledged'),"
    "('slack:M/h', %5$ld, 'slack', 'new', 'done'),"
    "('slack:M/i', %4$ld, 'slack', 'new', 'done');"
    "INSERT INTO work (item_id, started, ended) VALUES ('slack:M/a', %6$ld, %7$ld),"
    "  ('slack:M/b', %7$ld, %8$ld);",
    (long)(MONDAY + 8 * HOUR), (long)(MONDAY + 11 * HOUR), (long)(MONDAY + 9 * HOUR),
    (long)(MONDAY + 14 * HOUR), (long)(MONDAY + 10 * HOUR), (long)(MONDAY + 9 * HOUR),
    (long)(MONDAY + 9 * HOUR + 1800), (long)(MONDAY + 9 * HOUR + 2400));

  exec_sql (f, sql);
}

static void
test_over_target (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(DsTeamProfile) profile = example_profile ();
  g_autoptr(GError) error = NULL;
  const gint64 since = MONDAY + 7 * HOUR, until = MONDAY + 13 * HOUR;
  const struct { const char *id; gboolean left; gboolean over; DsItemState state; } want[] = {
    { "slack:M/a", TRUE, TRUE, DS_ITEM_STATE_NEW },
    { "slack:M/b", TRUE, FALSE, DS_ITEM_STATE_NEW },
    { "slack:M/c", TRUE, FALSE, DS_ITEM_STATE_ACKNOWLEDGED },
    { "slack:M/d", TRUE, TRUE, DS_ITEM_STATE_NEW },
    { "pagerduty:M-E", TRUE, FALSE, DS_ITEM_STATE_NEW },
    { "github:acme/ops#70", TRUE, FALSE, DS_ITEM_STATE_NEW },
    { "slack:M/g", FALSE, FALSE, 0 },
    { "slack:M/h", FALSE, FALSE, 0 },
    { "slack:M/i", TRUE, TRUE, DS_ITEM_STATE_NEW },
    { "slack:M/j", FALSE, FALSE, 0 },
  };

  fill_monday (f);
  for (guint with_profile = 0; with_profile < 2; with_profile++)
    {
      g_autofree char *block = ds_handoff_block (f->store, with_profile ? profile : NULL, since,
                                                 until, &error);
      g_autoptr(DsHandoff) h = NULL;

      g_assert_no_error (error);
      assert_block_shape (block);
      h = read_back (block);
      for (guint i = 0; i < G_N_ELEMENTS (want); i++)
        {
          DsHandoffItem *item = left_item (h, want[i].id);

          if (!want[i].left)
            {
              if (item != NULL)
                g_error ("%s should not be left", want[i].id);
              continue;
            }
          item = must_left (h, want[i].id);
          g_assert_cmpint (item->state, ==, want[i].state);
          /* Without a profile no clock runs: nothing is over. */
          if (item->over_target != (with_profile && want[i].over))
            g_error ("%s: over_target should be %d", want[i].id, with_profile && want[i].over);
        }
      /* What the fixture's week left, and these seven. */
      g_assert_cmpuint (h->left->len, ==, 11 + 7);
      g_assert_cmpuint (h->by_kind[DS_ITEM_KIND_REQUEST], ==, 7);
      g_assert_cmpuint (h->by_kind[DS_ITEM_KIND_ALERT], ==, 1);
      g_assert_cmpuint (h->by_kind[DS_ITEM_KIND_ACCESS], ==, 1);
      /* C after 1 h, D after 6 h (the report counts a move after the end). */
      g_assert_cmpint (h->ack_median, ==, HOUR);
      /* Counted: A, D, I (over, unanswered), C, G, H (answered within);
       * not B (still under), F (under its 8 h), E (no target), J. */
      g_assert_cmpuint (h->responses_within, ==, with_profile ? 3 : 0);
      g_assert_cmpuint (h->responses_total, ==, with_profile ? 6 : 0);
      /* 30 minutes on A; B's 10 do not count. */
      g_assert_cmpint (h->tracked, ==, 1800);
    }
}

/* What a block can carry: a rotation over 31 days hands over its last 31;
 * one of no length, a second; a time no reader accepts is an error; past
 * DS_HANDOFF_MAX_LEFT items, the newest; a long title cut where a
 * character starts, one stored with a byte that is not UTF-8 made valid;
 * an id a reader would refuse, left out. */
static void
test_block_limits (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *block = NULL;
  g_autoptr(DsHandoff) h = NULL;
  g_autoptr(GString) sql = g_string_new ("INSERT INTO items (id, source, remote_id, kind, state, "
                                         "title, created, first_seen, updated) VALUES ");
  g_autoptr(GString) long_title = g_string_new ("a");

  block = ds_handoff_block (f->store, NULL, WEEK_END - 40 * 24 * HOUR, WEEK_END, &error);
  g_assert_no_error (error);
  h = read_back (block);
  g_assert_cmpint (h->end - h->start, ==, 31 * 24 * HOUR);
  g_clear_pointer (&block, g_free);
  g_clear_pointer (&h, ds_handoff_free);

  block = ds_handoff_block (f->store, NULL, WEEK_END, WEEK_END, &error);
  g_assert_no_error (error);
  h = read_back (block);
  g_assert_cmpint (h->start, ==, WEEK_END - 1);
  g_clear_pointer (&block, g_free);
  g_clear_pointer (&h, ds_handoff_free);

  block = ds_handoff_block (f->store, NULL, WEEK_START, G_GINT64_CONSTANT (7258118400), &error);
  g_assert_null (block);
  g_assert_error (error, DS_ERROR, DS_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "clock"));
  g_clear_error (&error);

  /* 150 open items on Monday, a title of 3,001 bytes, an id with a tab. */
  while (long_title->len < 3000)
    g_string_append (long_title, "é");
  for (guint i = 0; i < 150; i++)
    g_string_append_printf (sql, "%s('slack:N/%03u', 'slack', 'N/%03u', 'request', 'new', '%s', "
                                 "%ld, %ld, %ld)", i > 0 ? ", " : "", i, i,
                            i == 149 ? long_title->str : "t",
                            (long)(MONDAY + i), (long)(MONDAY + i), (long)(MONDAY + i));
  g_string_append_printf (sql, ", ('slack:N/\t', 'slack', 'N/\t', 'request', 'new', 'tab', "
                               "%ld, %ld, %ld);", (long)(MONDAY + 500), (long)(MONDAY + 500),
                          (long)(MONDAY + 500));
  exec_sql (f, sql->str);
  exec_sql (f, "UPDATE items SET title = CAST(X'4F6B20FF21' AS TEXT) WHERE id = 'slack:N/100'");
  block = ds_handoff_block (f->store, NULL, MONDAY, MONDAY + HOUR, &error);
  g_assert_no_error (error);
  h = read_back (block);
  g_assert_cmpuint (h->left->len, ==, DS_HANDOFF_MAX_LEFT);
  g_assert_cmpstr (((DsHandoffItem *)h->left->pdata[0])->id, ==, "slack:N/149");
  g_assert_cmpstr (((DsHandoffItem *)h->left->pdata[99])->id, ==, "slack:N/050");
  {
    const char *title = ((DsHandoffItem *)h->left->pdata[0])->title;

    g_assert_cmpuint (strlen (title), <=, 1024);
    g_assert_cmpuint (strlen (title), >=, 1023);
    g_assert_true (g_utf8_validate (title, -1, NULL));
    g_assert_true (g_str_has_prefix (long_title->str, title));
  }
  g_assert_cmpstr (must_left (h, "slack:N/100")->title, ==, "Ok \357\277\275!");
  g_assert_cmpuint (h->by_kind[DS_ITEM_KIND_REQUEST], ==, 151);
  g_clear_pointer (&block, g_free);
  g_clear_pointer (&h, ds_handoff_free);

  /* Every title a kilobyte: the block keeps to half a GitHub comment, the
   * newest items kept, the oldest left out. */
  exec_sql (f, "UPDATE items SET title = printf('%.1000c', 'w') WHERE id LIKE 'slack:N/%'");
  block = ds_handoff_block (f->store, NULL, MONDAY, MONDAY + HOUR, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (block), <=, DS_HANDOFF_BLOCK_MAX);
  h = read_back (block);
  g_assert_cmpuint (h->left->len, >=, 25);
  g_assert_cmpuint (h->left->len, <, DS_HANDOFF_MAX_LEFT);
  g_assert_cmpstr (((DsHandoffItem *)h->left->pdata[0])->id, ==, "slack:N/149");
  g_assert_cmpuint (h->by_kind[DS_ITEM_KIND_REQUEST], ==, 151);
}

/* A valid block's JSON, which the hostile ones below are made from. */
#define GOOD_JSON \
  "{\"version\":1,\"start\":1794819600,\"end\":1795194000," \
  "\"by_kind\":{\"request\":7,\"access\":1},\"ack_median\":300," \
  "\"responses\":{\"within\":6,\"total\":9},\"tracked\":9900," \
  "\"left\":[{\"id\":\"slack:C1/1\",\"title\":\"VPN\",\"url\":\"https://acme.slack.com/x\"," \
  "\"kind\":\"request\",\"state\":\"new\",\"over_target\":true}]}"

static char *
comment (const char *json)
{
  return g_strdup_printf ("Handoff to @dana, on call next.\n\n# Rotation report\n\n"
                          DS_HANDOFF_MARKER "\n%s\n-->\n", json);
}

/* GOOD_JSON with its first @from made @to, in a comment. */
static char *
good_but (const char *from,
          const char *to)
{
  const char *at = strstr (GOOD_JSON, from);
  g_autofree char *json = NULL;

  g_assert_nonnull (at);
  json = g_strdup_printf ("%.*s%s%s", (int)(at - GOOD_JSON), GOOD_JSON, to, at + strlen (from));
  return comment (json);
}

static char *
repeat (const char *piece,
        guint       times)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < times; i++)
    g_string_append (out, piece);
  return g_string_free (out, FALSE);
}

typedef enum
{
  NO_BLOCK,
  READ,
  REFUSED,
} Outcome;

typedef struct
{
  const char *name;
  char       *body;
  Outcome     outcome;
  const char *says;   /* REFUSED: in the message; READ: the first left entry's url, or "-" */
  int         left;   /* READ: how many entries are read */
} Hostile;

/* Comments from strangers: each is read, or refused with a message that
 * names GitHub and says what to do, or found to hold no block. */
static void
test_hostile (void)
{
  g_autofree char *big_title = repeat ("x", 200 * 1024);
  g_autofree char *big_body = repeat ("Lorem ipsum ", 24 * 1024);
  g_autofree char *deep_open = repeat ("[", 100);
  g_autofree char *deep_close = repeat ("]", 100);
  g_autofree char *deep = g_strconcat (deep_open, deep_close, NULL);
  g_autofree char *long_id = repeat ("i", 1025);
  g_autofree char *entries = NULL;
  g_autofree char *big_title_item = g_strdup_printf ("\"title\":\"%s\"", big_title);
  g_autofree char *long_id_item = g_strdup_printf ("\"id\":\"%s\"", long_id);
  g_autofree char *deep_left = g_strdup_printf ("\"left\":[%s,", deep);
  g_autofree char *good = comment (GOOD_JSON);
  g_autofree char *big_body_with_block = g_strconcat (big_body, good, NULL);
  g_autofree char *twice = g_strconcat (good, "\n", good, NULL);
  g_autofree char *crlf = NULL;
  GString *many = g_string_new ("\"left\":[");

  for (guint i = 0; i < 1000; i++)
    g_string_append_printf (many, "%s{\"id\":\"slack:C1/%u\",\"title\":\"t\",\"url\":null,"
                                  "\"kind\":\"request\",\"state\":\"new\",\"over_target\":false}",
                            i > 0 ? "," : "", i);
  g_string_append (many, "],\"x\":[");
  entries = g_string_free (many, FALSE);
  {
    g_auto(GStrv) lines = g_strsplit (good, "\n", -1);
    crlf = g_strjoinv ("\r\n", lines);
  }

  {
    Hostile cases[] = {
      { "no block", g_strdup ("Thanks, on it!"), NO_BLOCK, NULL, 0 },
      { "the marker quoted in a line", g_strdup ("Dayshift writes `" DS_HANDOFF_MARKER "` here"),
        NO_BLOCK, NULL, 0 },
      { "a longer marker", g_strdup (DS_HANDOFF_MARKER "-v9\n{}\n-->"), NO_BLOCK, NULL, 0 },
      { "good", g_strdup (good), READ, "https://acme.slack.com/x", 1 },
      { "good, with CRLF line ends", g_strdup (crlf), READ, "https://acme.slack.com/x", 1 },
      { "truncated JSON", comment ("{\"version\":1,\"start\":17948"), REFUSED, "not valid JSON",
        0 },
      { "no end", g_strdup (DS_HANDOFF_MARKER "\n" GOOD_JSON), REFUSED, "no end", 0 },
      { "--> inside a title", good_but ("\"VPN\"", "\"VPN --> down\""), REFUSED,
        "not valid JSON", 0 },
      { "a 200 KiB title", good_but ("\"title\":\"VPN\"", big_title_item), REFUSED,
        "larger than 128 KiB", 0 },
      { "a comment over 256 KiB", g_strdup (big_body_with_block), REFUSED, "larger than 256 KiB",
        0 },
      { "deep nesting", good_but ("\"left\":[", deep_left), REFUSED, "nested deeper", 0 },
      { "a number as a string", good_but ("1794819600", "\"1794819600\""), REFUSED,
        "“start” is not a whole number", 0 },
      { "a negative count", good_but ("\"request\":7", "\"request\":-7"), REFUSED,
        "“by_kind.request” is out of range", 0 },
      { "a count past a million", good_but ("\"total\":9", "\"total\":1000001"), REFUSED,
        "“responses.total” is out of range", 0 },
      { "more within than in all", good_but ("\"within\":6", "\"within\":10"), REFUSED,
        "“responses.within” is out of range", 0 },
      { "end before start", good_but ("\"end\":1795194000", "\"end\":1794819000"), REFUSED,
        "“end” is not after “start”", 0 },
      { "a rotation of 40 days", good_but ("\"end\":1795194000", "\"end\":1798275600"), REFUSED,
        "longer than 31 days", 0 },
      { "a time before 2000", good_but ("\"start\":1794819600", "\"start\":-1"), REFUSED,
        "“start” is out of range", 0 },
      { "NaN-like 1e999", good_but ("\"tracked\":9900", "\"tracked\":1e999"), REFUSED,
        "“tracked” is not a whole number", 0 },
      { "a fraction", good_but ("\"ack_median\":300", "\"ack_median\":300.5"), REFUSED,
        "“ack_median” is not a whole number", 0 },
      { "a number past int64", good_but ("\"tracked\":9900", "\"tracked\":99999999999999999999"),
        REFUSED, "GitHub", 0 },
      { "NaN as a word", good_but ("\"tracked\":9900", "\"tracked\":NaN"), REFUSED,
        "not valid JSON", 0 },
      { "a javascript: url", good_but ("https://acme.slack.com/x", "javascript:alert(1)"), READ,
        "-", 1 },
      { "an http url elsewhere", good_but ("https://acme.slack.com/x", "http://evil.example/x"),
        READ, "-", 1 },
      { "an http url on this computer", good_but ("https://acme.slack.com/x",
                                                  "http://localhost:8080/x"),
        READ, "http://localhost:8080/x", 1 },
      { "a url with a space", good_but ("https://acme.slack.com/x", "https://acme.slack.com/x y"),
        READ, "-", 1 },
      { "an unknown kind", good_but ("\"kind\":\"request\"", "\"kind\":\"pager\""), READ, NULL,
        0 },
      { "an unknown kind counted", good_but ("\"access\":1", "\"pager\":1"), READ,
        "https://acme.slack.com/x", 1 },
      { "a kind's name with markup and escapes, counted wrong",
        good_but ("\"access\":1", "\"<b>big</b>\\u001b[2J\\u202eevil\":-1"), REFUSED,
        "“by_kind” is out of range", 0 },
      { "a closed state", good_but ("\"state\":\"new\"", "\"state\":\"done\""), READ, NULL, 0 },
      { "a kind that is a number", good_but ("\"kind\":\"request\"", "\"kind\":4"), REFUSED,
        "“left[0].kind” is not text", 0 },
      { "over_target as a word", good_but ("\"over_target\":true", "\"over_target\":\"yes\""),
        REFUSED, "“left[0].over_target” is not true or false", 0 },
      { "version 2", good_but ("\"version\":1", "\"version\":2"), REFUSED, "a newer Dayshift", 0 },
      { "version 0", good_but ("\"version\":1", "\"version\":0"), REFUSED,
        "“version” is out of range", 0 },
      { "no version", good_but ("\"version\":1,", ""), REFUSED, "“version” is missing", 0 },
      { "two blocks", g_strdup (twice), REFUSED, "two handoff blocks", 0 },
      { "a lone surrogate", good_but ("\"VPN\"", "\"VPN \\uD800 down\""), REFUSED,
        "a wrong escape", 0 },
      { "NUL in an id", good_but ("\"slack:C1/1\"", "\"slack:C1/1\\u0000evil\""), REFUSED,
        "NUL", 0 },
      { "a control character in an id", good_but ("\"slack:C1/1\"", "\"slack:C1/1\\u001b[2J\""),
        REFUSED, "“left[0].id” is empty or holds a control character", 0 },
      { "an empty id", good_but ("\"slack:C1/1\"", "\"\""), REFUSED,
        "“left[0].id” is empty", 0 },
      { "an id of 1,025 bytes", good_but ("\"id\":\"slack:C1/1\"", long_id_item), REFUSED,
        "“left[0].id” is too long", 0 },
      { "1000 left entries", good_but ("\"left\":[", entries), READ, "-", DS_HANDOFF_MAX_LEFT },
      { "an entry that is a string", good_but ("\"left\":[", "\"left\":[\"x\","), REFUSED,
        "“left[0]” is not an object", 0 },
      { "left as an object", good_but ("\"left\":[{\"id\":\"slack:C1/1\",\"title\":\"VPN\","
                                       "\"url\":\"https://acme.slack.com/x\","
                                       "\"kind\":\"request\",\"state\":\"new\","
                                       "\"over_target\":true}]", "\"left\":{}"),
        REFUSED, "“left” is not a list", 0 },
      { "no left", comment ("{\"version\":1,\"start\":1794819600,\"end\":1795194000,"
                            "\"by_kind\":{},\"ack_median\":null,"
                            "\"responses\":{\"within\":0,\"total\":0},\"tracked\":0}"),
        REFUSED, "“left” is missing", 0 },
      { "an array, not an object", comment ("[1, 2]"), REFUSED, "not a JSON object", 0 },
      { "an empty block", comment (""), REFUSED, "not a JSON object", 0 },
      { "single quotes", comment ("{'version': 1}"), REFUSED, "not valid JSON", 0 },
      { "a byte that is not UTF-8", good_but ("\"VPN\"", "\"VPN \xff\""), REFUSED,
        "not valid JSON", 0 },
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        Hostile *c = &cases[i];
        g_autoptr(GError) error = NULL;
        g_autoptr(DsHandoff) h = ds_handoff_parse (c->body, &error);

        g_test_message ("%s", c->name);
        switch (c->outcome)
          {
          case NO_BLOCK:
            if (h != NULL || error != NULL)
              g_error ("%s: should hold no block (%s)", c->name, error ? error->message : "read");
            break;
          case READ:
            if (h == NULL)
              g_error ("%s: should be read: %s", c->name, error->message);
            g_assert_cmpuint (h->left->len, ==, c->left);
            if (c->says != NULL)
              g_assert_cmpstr (((DsHandoffItem *)h->left->pdata[0])->url, ==,
                               g_str_equal (c->says, "-") ? NULL : c->says);
            /* Whatever a block says of its author, the comment's decides. */
            g_assert_null (h->author);
            break;
          case REFUSED:
            if (h != NULL)
              g_error ("%s: should be refused", c->name);
            if (error == NULL)
              g_error ("%s: refused with no error", c->name);
            g_test_message ("%s", error->message);
            g_assert_error (error, DS_ERROR, DS_ERROR_BAD_RESPONSE);
            if (strstr (error->message, c->says) == NULL)
              g_error ("%s: “%s” does not say “%s”", c->name, error->message, c->says);
            /* It names GitHub, and says what to do. */
            g_assert_nonnull (strstr (error->message, "on GitHub"));
            g_assert_true (strstr (error->message, "post the handoff again") != NULL ||
                           strstr (error->message, "Update Dayshift") != NULL);
            break;
          }
        g_free (c->body);
      }
  }
  g_assert_null (ds_handoff_parse (NULL, NULL));
}

static DsHandoff *
make (const char *author,
      gint64      start,
      gint64      end,
      gint64      posted)
{
  g_autofree char *json = g_strdup_printf ("{\"version\":1,\"start\":%ld,\"end\":%ld,"
                                           "\"by_kind\":{},\"ack_median\":null,"
                                           "\"responses\":{\"within\":0,\"total\":0},"
                                           "\"tracked\":0,\"left\":[]}", (long)start, (long)end);
  g_autofree char *body = comment (json);
  DsHandoff *h = ds_handoff_parse (body, NULL);

  g_assert_nonnull (h);
  h->author = g_strdup (author);
  h->posted = posted;
  return h;
}

/* The store's copy: the block's JSON with who posted it, where and when,
 * checked as a block is when it is read again. */
static void
test_json_round_trip (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(DsTeamProfile) profile = example_profile ();
  g_autoptr(GError) error = NULL;
  g_autofree char *block = ds_handoff_block (f->store, profile, WEEK_START, WEEK_END, &error);
  g_autoptr(DsHandoff) h = read_back (block);
  g_autoptr(DsHandoff) copy = NULL;
  g_autoptr(DsHandoff) again = NULL;
  g_autofree char *json = NULL;
  g_autofree char *json_again = NULL;

  h->author = g_strdup ("dana-levi");
  h->url = g_strdup ("https://github.com/acme/ops/issues/1#issuecomment-42");
  h->posted = WEEK_END + 600;
  copy = ds_handoff_copy (h);
  ds_handoff_free (g_steal_pointer (&h));

  json = ds_handoff_to_json (copy);
  g_assert_null (strchr (json, '<'));
  again = ds_handoff_from_json (json, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again->author, ==, "dana-levi");
  g_assert_cmpstr (again->url, ==, "https://github.com/acme/ops/issues/1#issuecomment-42");
  g_assert_cmpint (again->posted, ==, WEEK_END + 600);
  g_assert_cmpint (again->start, ==, WEEK_START);
  g_assert_cmpint (again->ack_median, ==, 300);
  g_assert_cmpuint (again->left->len, ==, copy->left->len);
  g_assert_cmpstr (((DsHandoffItem *)again->left->pdata[3])->title, ==,
                   ((DsHandoffItem *)copy->left->pdata[3])->title);
  /* What is written of it again is the same. */
  json_again = ds_handoff_to_json (again);
  g_assert_cmpstr (json_again, ==, json);

  /* Checked when read again: a link that is not one goes, a bad time is
   * refused, with a message naming the database. */
  {
    g_autofree char *no_link = NULL;
    g_autoptr(GString) s = g_string_new (json);

    g_string_replace (s, "https://github.com/acme/ops/issues/1#issuecomment-42", "file:///etc",
                      1);
    no_link = g_string_free (g_steal_pointer (&s), FALSE);
    g_clear_pointer (&again, ds_handoff_free);
    again = ds_handoff_from_json (no_link, &error);
    g_assert_no_error (error);
    g_assert_null (again->url);
    g_assert_cmpstr (again->author, ==, "dana-levi");
  }
  g_clear_pointer (&again, ds_handoff_free);
  again = ds_handoff_from_json ("{\"version\":1,\"start\":5}", &error);
  g_assert_null (again);
  g_assert_error (error, DS_ERROR, DS_ERROR_BAD_RESPONSE);
  g_assert_nonnull (strstr (error->message, "Dayshift database"));
  g_assert_nonnull (strstr (error->message, "“start” is out of range"));
  g_clear_error (&error);
  again = ds_handoff_from_json ("{\"version\":1,\"author\":\"x\\u0000y\"}", &error);
  g_assert_null (again);
  g_assert_nonnull (strstr (error->message, "NUL"));
}

/* Posted on each super-epic, read from each: one per author and start,
 * oldest first; of two for one rotation, the one that ends later, then
 * the one posted later. Whatever the array's free function, nothing is
 * freed twice or lost (the sanitizers' build runs this). */
static void
test_dedupe (void)
{
  for (guint with_free = 0; with_free < 2; with_free++)
    {
      GPtrArray *in = with_free ? g_ptr_array_new_with_free_func ((GDestroyNotify)
                                                                  ds_handoff_free)
                                : g_ptr_array_new ();
      g_autoptr(GPtrArray) out = NULL;
      DsHandoff *h;

      g_ptr_array_add (in, make ("sam", WEEK_START + 7 * 24 * HOUR, WEEK_END + 7 * 24 * HOUR,
                                 10));
      g_ptr_array_add (in, make ("dana", WEEK_START, WEEK_END, 1));
      g_ptr_array_add (in, make ("dana", WEEK_START, WEEK_END, 2));  /* posted again, later */
      g_ptr_array_add (in, NULL);
      g_ptr_array_add (in, make ("dana", WEEK_START, WEEK_END - HOUR, 3));  /* an earlier end */
      g_ptr_array_add (in, make ("sam", WEEK_START + 7 * 24 * HOUR, WEEK_END + 7 * 24 * HOUR,
                                 10));
      g_ptr_array_add (in, make ("lee", WEEK_START, WEEK_END - 2 * HOUR, 5));
      g_ptr_array_add (in, make (NULL, WEEK_START - 7 * 24 * HOUR, WEEK_START, 7));
      g_ptr_array_add (in, make (NULL, WEEK_START - 7 * 24 * HOUR, WEEK_START, 8));

      out = ds_handoff_dedupe (in);
      g_assert_cmpuint (out->len, ==, 4);
      h = out->pdata[0];
      g_assert_null (h->author);
      g_assert_cmpint (h->posted, ==, 8);
      h = out->pdata[1];
      g_assert_cmpstr (h->author, ==, "lee");
      h = out->pdata[2];
      g_assert_cmpstr (h->author, ==, "dana");
      g_assert_cmpint (h->end, ==, WEEK_END);
      g_assert_cmpint (h->posted, ==, 2);
      h = out->pdata[3];
      g_assert_cmpstr (h->author, ==, "sam");
    }
  {
    g_autoptr(GPtrArray) none = ds_handoff_dedupe (NULL);
    g_assert_cmpuint (none->len, ==, 0);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "UTC", TRUE);
  tzset ();
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/ds/handoff/block-round-trip", test_block_round_trip);
  ADD ("/ds/handoff/over-target", test_over_target);
  ADD ("/ds/handoff/block-limits", test_block_limits);
  ADD ("/ds/handoff/json-round-trip", test_json_round_trip);
#undef ADD
  g_test_add_func ("/ds/handoff/hostile", test_hostile);
  g_test_add_func ("/ds/handoff/dedupe", test_dedupe);

  return g_test_run ();
}
