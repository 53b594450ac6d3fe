/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-report"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "ds-books.h"
#include "ds-handoff.h"
#include "ds-report.h"
#include "ds-report-charts.h"
#include "ds-report-figures.h"
#include "ds-store-private.h"
#include "ds-text.h"

/* The end-of-rotation report and the status line, straight from the
 * database with SQL (no item is loaded into memory), so that they stay fast
 * on a store of many rotations; the handoff comment around the report.
 * Times are shown in local time. Text of the database or a service (a
 * title, a channel's or a person's name, a note) is never markup: in the
 * report and the handoff it reads on GitHub as it does on a terminal and
 * pings nobody (ds_text_append_markdown()); nothing of it printed carries
 * a control character a terminal would obey. */

typedef struct
{
  DsStore       *store;
  DsTeamProfile *profile;
  gint64         since;
  gint64         until;
  GString       *out;
  GError       **error;
  gboolean       failed;
} Report;

static sqlite3_stmt *
query (Report     *r,
       const char *sql)
{
  sqlite3_stmt *stmt;

  if (r->failed)
    return NULL;
  stmt = ds_store_prepare (r->store, sql, _("write the report"), r->error);
  if (stmt == NULL)
    {
      r->failed = TRUE;
      return NULL;
    }
  /* ?1 and ?2 are always the window. */
  sqlite3_bind_int64 (stmt, 1, r->since);
  sqlite3_bind_int64 (stmt, 2, r->until);
  return stmt;
}

/* Steps @stmt; FALSE at the end or on an error (which is kept). */
static gboolean
next_row (Report       *r,
          sqlite3_stmt *stmt)
{
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc != SQLITE_DONE && !r->failed)
    {
      ds_store_set_sqlite_error (r->store, rc, r->error, _("write the report"));
      r->failed = TRUE;
    }
  return FALSE;
}

static const char *
text (sqlite3_stmt *stmt,
      int           col)
{
  const char *s = (const char *)sqlite3_column_text (stmt, col);
  return s != NULL ? s : "";
}

char *
ds_report_format_time (gint64 t)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (t);

  return g_date_time_format (dt, "%Y-%m-%d %H:%M");
}

/**
 * ds_report_format_duration:
 *
 * Returns: (transfer full): "45 min", "2 h 05 min"
 */
char *
ds_report_format_duration (gint64 seconds)
{
  gint64 minutes = (seconds + 30) / 60;

  /* As long: a format with G_GINT64_FORMAT cannot be translated. */
  if (minutes < 60)
    return g_strdup_printf (_("%ld min"), (long)minutes);
  return g_strdup_printf (_("%ld h %02ld min"), (long)(minutes / 60), (long)(minutes % 60));
}

static void
heading (Report     *r,
         const char *title)
{
  g_string_append_printf (r->out, "\n## %s\n\n", title);
}

static void
none (Report *r)
{
  g_string_append_printf (r->out, "%s\n", _("None."));
}

/* Most first, then by name. */
static int
most_first (gconstpointer a,
            gconstpointer b,
            gpointer      counts)
{
  DsItemKind x = *(const DsItemKind *)a, y = *(const DsItemKind *)b;
  guint nx = ((const guint *)counts)[x], ny = ((const guint *)counts)[y];

  if (nx != ny)
    return nx > ny ? -1 : 1;
  return strcmp (ds_item_kind_to_string (x), ds_item_kind_to_string (y));
}

/* Items that arrived in the window, per kind and per channel or repository. */
static void
section_counts (Report *r)
{
  g_autoptr(sqlite3_stmt) places = NULL;
  guint counts[DS_ITEM_KIND_LAST + 1];
  DsItemKind kinds[DS_ITEM_KIND_LAST + 1];
  guint n = 0;

  heading (r, _("Requests"));
  if (r->failed || !ds_report_count_kinds (r->store, r->since, r->until, counts, r->error))
    {
      r->failed = TRUE;
      return;
    }
  for (DsItemKind k = 0; k <= DS_ITEM_KIND_LAST; k++)
    if (counts[k] > 0)
      kinds[n++] = k;
  g_qsort_with_data (kinds, (gint)n, sizeof kinds[0], most_first, counts);
  for (guint i = 0; i < n; i++)
    {
      if (i == 0)
        g_string_append_printf (r->out, "| %s | %s |\n| --- | ---: |\n", _("Kind"), _("Items"));
      g_string_append (r->out, "| ");
      ds_text_append_markdown (r->out, ds_item_kind_label (kinds[i]));
      g_string_append_printf (r->out, " | %u |\n", counts[kinds[i]]);
    }
  if (n == 0)
    {
      none (r);
      return;
    }

  g_string_append_c (r->out, '\n');
  places = query (r, "SELECT COALESCE(channel, source), count(*) FROM items "
                     "WHERE first_seen >= ?1 AND first_seen < ?2 "
                     "GROUP BY 1 ORDER BY count(*) DESC, 1");
  g_string_append_printf (r->out, "| %s | %s |\n| --- | ---: |\n", _("Where"), _("Items"));
  while (next_row (r, places))
    {
      g_string_append (r->out, "| ");
      ds_text_append_markdown (r->out, text (places, 0));
      g_string_append_printf (r->out, " | %d |\n", sqlite3_column_int (places, 1));
    }
}

static int
compare_int64 (const void *a,
               const void *b)
{
  gint64 x = *(const gint64 *)a, y = *(const gint64 *)b;
  return x < y ? -1 : x > y;
}

/* From the time an item reached the inbox to the user's first move on it. */
static void
section_time_to_ack (Report *r)
{
  g_autoptr(GArray) waits = NULL;

  heading (r, _("Time to acknowledge"));
  if (r->failed || (waits = ds_report_ack_waits (r->store, r->since, r->until, r->error)) == NULL)
    {
      r->failed = TRUE;
      return;
    }
  if (waits->len == 0)
    {
      none (r);
      return;
    }
  {
    g_autofree char *median = ds_report_format_duration (ds_report_percentile (waits, 50));
    g_autofree char *p90 = ds_report_format_duration (ds_report_percentile (waits, 90));

    g_string_append_printf (r->out,
                            g_dngettext (GETTEXT_PACKAGE,
                                         "Median %s, 90th percentile %s (%u item you took up).\n",
                                         "Median %s, 90th percentile %s (%u items you took up).\n",
                                         waits->len),
                            median, p90, waits->len);
  }
}

static int
slowest_first (gconstpointer a,
               gconstpointer b)
{
  const DsFirstResponse *x = *(DsFirstResponse * const *)a, *y = *(DsFirstResponse * const *)b;

  return x->wait > y->wait ? -1 : x->wait < y->wait;
}

#define SLOWEST_SHOWN 3

/* The requests counted (ds_report_first_responses()), per kind with a
 * response target in the team profile: how many of them were answered
 * within it; the median of the first responses; the slowest three. */
static void
section_first_responses (Report *r)
{
  DsResponseClock *clock = r->profile != NULL ? r->profile->response : NULL;
  g_autoptr(GPtrArray) counted = NULL;
  GPtrArray *per_kind[DS_ITEM_KIND_LAST + 1] = { NULL };  /* DsFirstResponse, of counted */
  g_autoptr(GString) slowest = g_string_new (NULL);
  g_autofree char *hours = NULL;
  guint rows = 0;

  if (clock == NULL)
    return;
  heading (r, _("First responses"));
  if (r->failed ||
      (counted = ds_report_first_responses (r->store, clock, r->since, r->until,
                                            r->error)) == NULL)
    {
      r->failed = TRUE;
      return;
    }
  for (guint i = 0; i < counted->len; i++)
    {
      DsFirstResponse *resp = counted->pdata[i];

      if (per_kind[resp->kind] == NULL)
        per_kind[resp->kind] = g_ptr_array_new ();
      g_ptr_array_add (per_kind[resp->kind], resp);
    }

  for (DsItemKind k = 0; k <= DS_ITEM_KIND_LAST; k++)
    {
      g_autoptr(GPtrArray) all = g_steal_pointer (&per_kind[k]);
      g_autoptr(GArray) waits = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autofree char *target = NULL;
      g_autofree char *median = NULL;
      guint within = 0;

      if (all == NULL)
        continue;
      for (guint i = 0; i < all->len; i++)
        {
          DsFirstResponse *resp = all->pdata[i];

          if (!resp->answered)
            continue;
          g_array_append_val (waits, resp->wait);
          within += resp->wait <= resp->target;
        }
      if (rows++ == 0)
        {
          hours = ds_response_clock_describe_hours (clock);
          /* Translators: under "First responses": "In working time: 09:00–17:00, Mon–Fri,
           * Europe/Madrid." */
          g_string_append_printf (r->out, _("In working time: %s.\n\n"), hours);
          g_string_append_printf (r->out, "| %s | %s | %s | %s |\n| --- | ---: | ---: | ---: |\n",
                                  _("Kind"), _("Target"), _("Within target"), _("Median"));
        }
      if (waits->len > 1)
        qsort (waits->data, waits->len, sizeof (gint64), compare_int64);
      target = ds_response_format_span (ds_response_clock_get_target (clock, k));
      median = waits->len > 0 ? ds_response_format_span (ds_report_percentile (waits, 50))
                              : g_strdup ("—");
      g_string_append (r->out, "| ");
      ds_text_append_markdown (r->out, ds_item_kind_label (k));
      g_string_append_printf (r->out, " | %s | ", target);
      /* Translators: first responses within target: "5 of 7 (71%)" */
      g_string_append_printf (r->out, _("%u of %u (%u%%)"), within, all->len,
                              (within * 200 + all->len) / (2 * all->len));
      g_string_append_printf (r->out, " | %s |\n", median);

      /* The slowest, answered or not. */
      g_ptr_array_sort (all, slowest_first);
      for (guint i = 0; i < MIN (all->len, SLOWEST_SHOWN); i++)
        {
          DsFirstResponse *resp = all->pdata[i];
          g_autofree char *wait = ds_response_format_span (resp->wait);
          g_autofree char *said = resp->answered
            ? g_strdup (wait)
            /* Translators: the wait of a request still unanswered: "29 h, no response yet" */
            : g_strdup_printf (_("%s, no response yet"), wait);

          g_string_append (slowest, "| ");
          ds_text_append_markdown (slowest, ds_item_kind_label (k));
          g_string_append (slowest, " | ");
          ds_text_append_markdown (slowest, resp->title);
          g_string_append (slowest, " | ");
          ds_text_append_markdown (slowest, resp->where);
          g_string_append_printf (slowest, " | %s |\n", said);
        }
    }
  if (rows == 0)
    {
      none (r);
      return;
    }
  g_string_append_printf (r->out, "\n| %s | %s | %s | %s |\n| --- | --- | --- | ---: |\n%s",
                          _("Slowest"), _("Item"), _("Where"), _("Wait"), slowest->str);
}

static void
section_delegations (Report *r)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  guint n = 0;

  heading (r, _("Delegations"));
  stmt = query (r, "SELECT COALESCE(i.delegated_to, '?'), count(DISTINCT i.id) FROM history h "
                   "JOIN items i ON i.id = h.item_id WHERE h.at >= ?1 AND h.at < ?2 "
                   "AND h.actor = 'me' AND h.to_state = 'delegated' "
                   "GROUP BY 1 ORDER BY 2 DESC, 1");
  while (next_row (r, stmt))
    {
      if (n++ == 0)
        g_string_append_printf (r->out, "| %s | %s |\n| --- | ---: |\n", _("To"), _("Items"));
      g_string_append (r->out, "| ");
      ds_text_append_markdown (r->out, text (stmt, 0));
      g_string_append_printf (r->out, " | %d |\n", sqlite3_column_int (stmt, 1));
    }
  if (n == 0)
    none (r);
}

static void
section_issues (Report *r)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  guint n = 0;

  heading (r, _("Issues filed"));
  stmt = query (r, "SELECT DISTINCT i.title, i.issue_url, i.kind FROM history h "
                   "JOIN items i ON i.id = h.item_id WHERE h.at >= ?1 AND h.at < ?2 "
                   "AND h.actor = 'me' AND h.to_state = 'filed' ORDER BY h.at, i.id");
  while (next_row (r, stmt))
    {
      DsItemKind kind;
      const DsSuperEpic *epic = NULL;

      if (r->profile != NULL && ds_item_kind_from_string (text (stmt, 2), &kind))
        epic = ds_team_profile_super_epic_for (r->profile, kind);
      g_string_append (r->out, "- ");
      ds_text_append_markdown (r->out, text (stmt, 0));
      if (*text (stmt, 1) != '\0')
        {
          g_string_append (r->out, ": ");
          ds_text_append_markdown (r->out, text (stmt, 1));
        }
      else
        g_string_append_printf (r->out, " (%s)", _("not created yet"));
      if (epic != NULL)
        {
          g_string_append (r->out, " — ");
          ds_text_append_markdown (r->out, epic->name);
        }
      g_string_append_c (r->out, '\n');
      n++;
    }
  if (n == 0)
    none (r);
}

/* GitHub items linked to a super-epic as they are (app.link-to-epic); the
 * history keeps "Linked to super-epic: <name>" as written. */
static void
section_linked (Report *r)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  guint n = 0;

  stmt = query (r, "SELECT DISTINCT i.title, COALESCE(i.channel, i.source), "
                   "  substr(h.note, length('Linked to super-epic: ') + 1) FROM history h "
                   "JOIN items i ON i.id = h.item_id WHERE h.at >= ?1 AND h.at < ?2 "
                   "AND h.actor = 'me' AND h.note LIKE 'Linked to super-epic: %' "
                   "ORDER BY h.at, i.id");
  while (next_row (r, stmt))
    {
      if (n++ == 0)
        heading (r, _("Linked to super-epics"));
      g_string_append (r->out, "- ");
      ds_text_append_markdown (r->out, text (stmt, 0));
      g_string_append (r->out, " (");
      ds_text_append_markdown (r->out, text (stmt, 1));
      g_string_append (r->out, ") — ");
      ds_text_append_markdown (r->out, text (stmt, 2));
      g_string_append_c (r->out, '\n');
    }
}

/* Support time within the window; only what passed 15 minutes counts. */
static void
section_tracked (Report *r)
{
  g_autoptr(GPtrArray) items = NULL;
  gint64 total = 0;
  guint n = 0;

  heading (r, _("Tracked support time"));
  if (r->failed ||
      (items = ds_report_tracked (r->store, r->since, r->until, &total, r->error)) == NULL)
    {
      r->failed = TRUE;
      return;
    }
  for (; n < items->len; n++)
    {
      DsTrackedItem *item = items->pdata[n];
      g_autofree char *d = ds_report_format_duration (item->seconds);

      if (n == 0)
        g_string_append_printf (r->out, "| %s | %s | %s |\n| --- | --- | ---: |\n", _("Item"),
                                _("Where"), _("Time"));
      g_string_append (r->out, "| ");
      ds_text_append_markdown (r->out, item->title);
      g_string_append (r->out, " | ");
      ds_text_append_markdown (r->out, item->where);
      g_string_append_printf (r->out, " | %s |\n", d);
    }
  if (n == 0)
    {
      g_string_append_printf (r->out, "%s\n", _("No item took more than 15 minutes."));
      return;
    }
  {
    g_autofree char *d = ds_report_format_duration (total);
    g_string_append_printf (r->out, "\n%s %s (%s)\n", _("Total:"), d,
                            _("items over 15 minutes only"));
  }
}

static void
list_items (Report     *r,
            const char *sql,
            gboolean    with_state)
{
  g_autoptr(sqlite3_stmt) stmt = query (r, sql);
  guint n = 0;

  while (next_row (r, stmt))
    {
      g_string_append (r->out, "- ");
      if (with_state)
        {
          DsItemState state;
          if (ds_item_state_from_string (text (stmt, 2), &state))
            g_string_append_printf (r->out, "[%s] ", ds_item_state_label (state));
        }
      ds_text_append_markdown (r->out, text (stmt, 0));
      g_string_append (r->out, " (");
      ds_text_append_markdown (r->out, text (stmt, 1));
      g_string_append_c (r->out, ')');
      if (sqlite3_column_count (stmt) > 3 && *text (stmt, 3) != '\0')
        {
          g_string_append (r->out, " — ");
          ds_text_append_markdown (r->out, text (stmt, 3));
        }
      g_string_append_c (r->out, '\n');
      n++;
    }
  if (n == 0)
    none (r);
}

static void
section_lists (Report *r)
{
  heading (r, _("Deferred to standup"));
  list_items (r, "SELECT title, COALESCE(channel, source), state, COALESCE(standup_note, '') "
                 "FROM items WHERE (state = 'deferred' OR standup_note IS NOT NULL) "
                 "AND first_seen < ?2 AND (?1 IS NOT NULL) ORDER BY created, id", FALSE);

  heading (r, _("Still open"));
  list_items (r, "SELECT title, COALESCE(channel, source), state FROM items "
                 "WHERE state IN ('new', 'acknowledged', 'delegated', 'filed', 'snoozed') "
                 "AND first_seen < ?2 AND claimed_by IS NULL AND (?1 IS NOT NULL) "
                 "ORDER BY created, id", TRUE);

  heading (r, _("Postmortem action items worked"));
  list_items (r, "SELECT DISTINCT i.title, COALESCE(i.channel, i.source), i.state FROM items i "
                 "JOIN history h ON h.item_id = i.id WHERE i.kind = 'postmortem' "
                 "AND h.actor = 'me' AND h.at >= ?1 AND h.at < ?2 ORDER BY i.created, i.id",
              FALSE);

  heading (r, _("Pull requests reviewed"));
  list_items (r, "SELECT DISTINCT i.title, COALESCE(i.channel, i.source), i.state FROM items i "
                 "JOIN history h ON h.item_id = i.id WHERE i.kind = 'review' "
                 "AND h.at >= ?1 AND h.at < ?2 AND (h.actor = 'me' OR h.to_state = 'done') "
                 /* Delegated or dismissed: someone else's review, or none. */
                 "AND i.delegated_to IS NULL AND i.state != 'dismissed' "
                 "ORDER BY i.created, i.id", FALSE);
}

#define PAST_LISTED 8

/* The team's rotations before this one, from the handoffs read back from
 * GitHub, newest first: who was on (their name when the team profile knows
 * their login), when, the requests that came in, the median time to
 * acknowledge, the first responses within target. What a handoff says is a
 * stranger's text. Nothing at all when none was read. */
static void
section_past (Report *r)
{
  g_autoptr(GPtrArray) past = NULL;

  if (r->failed)
    return;
  past = ds_store_load_handoffs_before (r->store, r->since, r->until, PAST_LISTED, r->error);
  if (past == NULL)
    {
      r->failed = TRUE;
      return;
    }
  if (past->len == 0)
    return;
  heading (r, _("Past rotations"));
  g_string_append_printf (r->out, "| %s | %s | %s | %s | %s |\n"
                                  "| --- | --- | ---: | ---: | ---: |\n",
                          _("Who"), _("From – to"), _("Requests"),
                          _("Time to acknowledge (median)"), _("First responses within target"));
  for (guint i = past->len; i-- > 0;)
    {
      const DsHandoff *handoff = past->pdata[i];
      const DsTeammate *mate = r->profile != NULL
        ? ds_team_profile_find_teammate_by_github (r->profile, handoff->author) : NULL;
      g_autofree char *from = ds_report_format_time (handoff->start);
      g_autofree char *to = ds_report_format_time (handoff->end);
      g_autofree char *ack = handoff->ack_median >= 0
        ? ds_report_format_duration (handoff->ack_median) : g_strdup ("—");
      guint requests = 0;

      for (DsItemKind k = 0; k <= DS_ITEM_KIND_LAST; k++)
        requests += handoff->by_kind[k];
      g_string_append (r->out, "| ");
      ds_text_append_markdown (r->out, mate != NULL ? mate->name : handoff->author);
      g_string_append_printf (r->out, " | %s – %s | %u | %s | ", from, to, requests, ack);
      if (handoff->responses_total > 0)
        /* Translators: first responses within target in a past rotation: "10 of 12" */
        g_string_append_printf (r->out, _("%u of %u"), handoff->responses_within,
                                handoff->responses_total);
      else
        g_string_append (r->out, "—");
      g_string_append (r->out, " |\n");
    }
}

/**
 * ds_report_markdown:
 * @profile: (nullable): names the super-epic of each filed issue
 * @since: the window's start, Unix seconds
 * @until: its end (not included)
 *
 * Returns: (transfer full): the report, Markdown
 */
char *
ds_report_markdown (DsStore        *store,
                    DsTeamProfile  *profile,
                    gint64          since,
                    gint64          until,
                    GError        **error)
{
  Report r = { store, profile, since, until, g_string_new (NULL), error, FALSE };
  g_autofree char *from = ds_report_format_time (since);
  g_autofree char *to = ds_report_format_time (until);

  g_return_val_if_fail (DS_IS_STORE (store), NULL);

  /* A rotation begun this very minute: one time, not "18:17 – 18:17". */
  if (g_strcmp0 (from, to) == 0)
    /* Translators: the report's title when it spans less than a minute */
    g_string_append_printf (r.out, _("# Rotation report: %s\n"), from);
  else
    /* Translators: the report's title: "Rotation report: <from> – <to>" */
    g_string_append_printf (r.out, _("# Rotation report: %s – %s\n"), from, to);
  section_counts (&r);
  section_time_to_ack (&r);
  section_first_responses (&r);
  section_delegations (&r);
  section_issues (&r);
  section_linked (&r);
  section_tracked (&r);
  section_lists (&r);
  section_past (&r);
  if (!r.failed)
    {
      /* The same, drawn: Mermaid charts, which GitHub draws in a comment. */
      g_autofree char *charts = ds_report_charts_markdown (store, profile != NULL
                                                           ? profile->response : NULL,
                                                           since, until, error);

      if (charts == NULL)
        r.failed = TRUE;
      else
        g_string_append (r.out, charts);
    }
  if (r.failed)
    {
      g_string_free (r.out, TRUE);
      return NULL;
    }
  return g_string_free (r.out, FALSE);
}

/* Left for the note that the report is cut, and what the outbox adds (its
 * marker). */
#define HANDOFF_SPARE 1024

/**
 * ds_report_handoff:
 * @profile: (nullable): gives the GitHub login of who is on call next
 * @next_person: (nullable): who is on call next, as PagerDuty names them
 * @report: the rotation's report, Markdown
 * @block: (nullable): the handoff's hidden block (ds_handoff_block()),
 *   which ends the comment, on lines of its own
 *
 * The comment the handoff posts on each super-epic: who is on call next
 * is mentioned by the GitHub login the team profile gives them; without
 * one, their name is shown as text, which pings nobody
 * (ds_text_append_markdown()).
 *
 * Returns: (transfer full): the handoff comment, Markdown
 */
char *
ds_report_handoff (DsTeamProfile *profile,
                   const char    *next_person,
                   const char    *report,
                   const char    *block)
{
  const DsTeammate *mate = profile != NULL ? ds_team_profile_find_teammate (profile, next_person)
                                           : NULL;
  g_autofree char *who = NULL;
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (report != NULL, NULL);

  if (mate != NULL && mate->github != NULL)
    who = g_strconcat ("@", mate->github, NULL);
  else
    who = ds_text_markdown (next_person);
  if (*who == '\0')
    g_string_append_printf (out, _("Handoff.\n\n%s"), report);
  else
    /* Translators: the first line of the handoff comment: "Handoff to @dana, on call next." */
    g_string_append_printf (out, _("Handoff to %s, on call next.\n\n%s"), who, report);
  /* GitHub refuses a longer comment, and the handoff with it: the report is
   * cut at a line (bytes count at least as many as characters), and says
   * so; the block stays whole. */
  {
    gsize room = DS_HANDOFF_COMMENT_MAX - HANDOFF_SPARE - (block != NULL ? strlen (block) : 0);

    if (out->len > room)
      {
        const char *cut = g_utf8_find_prev_char (out->str, out->str + room);
        const char *line = cut != NULL ? g_strrstr_len (out->str, cut - out->str, "\n") : NULL;

        g_string_truncate (out, line != NULL ? (gsize)(line - out->str) : 0);
        g_string_append_printf (out, "\n\n%s\n",
                                _("… The report is cut here: GitHub takes a comment of 65,536 "
                                  "characters at most. The whole report is in Dayshift (Show "
                                  "the Report)."));
      }
  }
  if (block != NULL)
    {
      /* After a blank line, as an HTML block: GitHub shows none of it. */
      if (out->len > 0 && out->str[out->len - 1] != '\n')
        g_string_append_c (out, '\n');
      g_string_append_printf (out, "\n%s", block);
    }
  return g_string_free (out, FALSE);
}

/**
 * ds_report_window:
 * @since: (inout): 0 for "from the rotation's start"
 * @until: (inout): 0 for "to its end, or now"
 *
 * Fills in what the caller left open: the latest rotation, or the last
 * seven days when there never was one.
 */
void
ds_report_window (DsStore *store,
                  gint64   now,
                  gint64  *since,
                  gint64  *until)
{
  gint64 started = 0, ended = 0;
  gboolean have = ds_store_rotation_last (store, &started, &ended, NULL);

  if (*since == 0)
    *since = have ? started : now - 7 * 24 * 60 * 60;
  if (*until == 0)
    *until = have && ended != 0 && ended > *since ? ended : now;
}

static guint
count (DsStore    *store,
       const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = ds_store_prepare (store, sql, _("read the status"), NULL);

  return stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW ? (guint)sqlite3_column_int (stmt, 0)
                                                           : 0;
}

/**
 * ds_report_status:
 * @json: JSON for scripts instead of lines for people
 *
 * Returns: (transfer full): the rotation, the current shift, the support
 *   timer and the number of items in each state
 */
char *
ds_report_status (DsStore  *store,
                  gint64    now,
                  gboolean  json,
                  GError  **error)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(sqlite3_stmt) states = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *timer_item = NULL;
  g_autofree char *timer_title = NULL;
  g_autofree char *shift = NULL;
  gint64 started = 0, ended = 0, timer_started = 0;
  gboolean on;

  g_return_val_if_fail (DS_IS_STORE (store), NULL);

  on = ds_store_rotation_last (store, &started, &ended, NULL) && ended == 0;
  timer_item = ds_store_timer_running (store, &timer_started, NULL);
  shift = ds_store_get_meta (store, "shift", NULL);
  if (timer_item != NULL)
    {
      g_autoptr(sqlite3_stmt) t = ds_store_prepare (store, "SELECT title FROM items WHERE id = ?",
                                                    _("read the status"), NULL);
      if (t != NULL)
        {
          ds_store_bind_text (t, 1, timer_item);
          if (sqlite3_step (t) == SQLITE_ROW)
            timer_title = ds_text_strip_hidden (text (t, 0));
        }
    }

  states = ds_store_prepare (store, "SELECT state, count(*) FROM items GROUP BY state "
                                    "ORDER BY state", _("read the status"), error);
  if (states == NULL)
    return NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "rotation");
  json_builder_add_string_value (b, on ? "on" : "off");
  if (on)
    {
      json_builder_set_member_name (b, "rotation_started");
      json_builder_add_int_value (b, started);
    }
  if (on)
    {
      g_autofree char *since = ds_report_format_time (started);
      /* Translators: "Rotation: on since 2026-11-26 09:02" */
      g_string_append_printf (out, _("Rotation: on since %s\n"), since);
    }
  else
    g_string_append (out, _("Rotation: off\n"));
  if (shift != NULL)
    {
      gint64 s = 0, e = 0;
      if (sscanf (shift, "%" G_GINT64_FORMAT " %" G_GINT64_FORMAT, &s, &e) == 2 && e > now)
        {
          g_autofree char *from = ds_report_format_time (s);
          g_autofree char *to = ds_report_format_time (e);
          json_builder_set_member_name (b, "shift_start");
          json_builder_add_int_value (b, s);
          json_builder_set_member_name (b, "shift_end");
          json_builder_add_int_value (b, e);
          g_string_append_printf (out, "%s %s – %s\n",
                                  s <= now ? _("Shift:") : _("Next shift:"), from, to);
        }
    }
  json_builder_set_member_name (b, "timer");
  if (timer_item != NULL)
    {
      g_autofree char *d = ds_report_format_duration (now - timer_started);
      g_autofree char *item = ds_text_strip_hidden (timer_item);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "item");
      json_builder_add_string_value (b, timer_item);
      json_builder_set_member_name (b, "title");
      json_builder_add_string_value (b, timer_title != NULL ? timer_title : "");
      json_builder_set_member_name (b, "seconds");
      json_builder_add_int_value (b, now - timer_started);
      json_builder_end_object (b);
      g_string_append_printf (out, "%s %s (%s)\n", _("Timer:"),
                              timer_title != NULL ? timer_title : item, d);
    }
  else
    {
      json_builder_add_null_value (b);
      g_string_append_printf (out, "%s %s\n", _("Timer:"), _("stopped"));
    }

  json_builder_set_member_name (b, "items");
  json_builder_begin_object (b);
  while (sqlite3_step (states) == SQLITE_ROW)
    {
      DsItemState state;
      const char *name = text (states, 0);

      json_builder_set_member_name (b, name);
      json_builder_add_int_value (b, sqlite3_column_int (states, 1));
      g_string_append_printf (out, "%s: %d\n",
                              ds_item_state_from_string (name, &state)
                              ? ds_item_state_label (state) : name,
                              sqlite3_column_int (states, 1));
    }
  json_builder_end_object (b);
  json_builder_set_member_name (b, "outbox_unfinished");
  json_builder_add_int_value (b, count (store, "SELECT count(*) FROM outbox "
                                               "WHERE state IN ('pending', 'sending')"));
  json_builder_end_object (b);

  if (json)
    {
      g_autoptr(JsonNode) root = json_builder_get_root (b);
      g_autofree char *s = json_to_string (root, TRUE);
      return g_strconcat (s, "\n", NULL);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}
