/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-report"

#include "config.h"

#include <stdlib.h>

#include <glib/gi18n-lib.h>

#include "ds-books.h"
#include "ds-report-figures.h"
#include "ds-store-private.h"

/* The figures of a window of time straight from the database, so that the
 * report and the handoff's block say the same numbers: the requests per
 * kind, the time to acknowledge, the support time, the first responses.
 * Nothing is loaded but the rows counted. A database error fails the call
 * with the store's message (ds_store_set_sqlite_error()); nothing is
 * half-counted. */

#define WHAT _("write the report")

static sqlite3_stmt *
query (DsStore     *store,
       const char  *sql,
       gint64       since,
       gint64       until,
       GError     **error)
{
  return ds_store_prepare_window (store, sql, WHAT, since, until, error);
}

static gboolean
next_row (DsStore       *store,
          sqlite3_stmt  *stmt,
          gboolean      *failed,
          GError       **error)
{
  return ds_store_next_row (store, stmt, WHAT, failed, error);
}

static const char *
text (sqlite3_stmt *stmt,
      int           col)
{
  const char *s = ds_store_column_text (stmt, col);
  return s != NULL ? s : "";
}

void
ds_tracked_item_free (DsTrackedItem *item)
{
  if (item == NULL)
    return;
  g_free (item->title);
  g_free (item->where);
  g_free (item);
}

void
ds_first_response_free (DsFirstResponse *response)
{
  if (response == NULL)
    return;
  g_free (response->title);
  g_free (response->where);
  g_free (response);
}

/**
 * ds_report_count_kinds:
 * @counts: (out caller-allocates): the items that arrived in the window,
 *   per kind
 *
 * Returns: %FALSE with @error set if the database could not be read
 */
gboolean
ds_report_count_kinds (DsStore  *store,
                       gint64    since,
                       gint64    until,
                       guint     counts[DS_ITEM_KIND_LAST + 1],
                       GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean failed = FALSE;

  g_return_val_if_fail (DS_IS_STORE (store), FALSE);

  for (DsItemKind k = 0; k <= DS_ITEM_KIND_LAST; k++)
    counts[k] = 0;
  stmt = query (store, "SELECT kind, count(*) FROM items WHERE first_seen >= ?1 "
                       "AND first_seen < ?2 GROUP BY kind", since, until, error);
  if (stmt == NULL)
    return FALSE;
  while (next_row (store, stmt, &failed, error))
    {
      DsItemKind kind;

      if (ds_item_kind_from_string (text (stmt, 0), &kind))
        counts[kind] = (guint)sqlite3_column_int64 (stmt, 1);
    }
  return !failed;
}

static int
compare_int64 (const void *a,
               const void *b)
{
  gint64 x = *(const gint64 *)a, y = *(const gint64 *)b;
  return x < y ? -1 : x > y;
}

/**
 * ds_report_ack_waits:
 *
 * The time to acknowledge: from the time each item that arrived in the
 * window reached the inbox to the user's first move on it.
 *
 * Returns: (transfer full) (nullable) (element-type gint64): the waits in
 *   seconds, shortest first; %NULL with @error set if the database could
 *   not be read
 */
GArray *
ds_report_ack_waits (DsStore  *store,
                     gint64    since,
                     gint64    until,
                     GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) waits = g_array_new (FALSE, FALSE, sizeof (gint64));
  gboolean failed = FALSE;

  g_return_val_if_fail (DS_IS_STORE (store), NULL);

  stmt = query (store, "SELECT MIN(h.at) - i.first_seen FROM items i "
                       "JOIN history h ON h.item_id = i.id "
                       "WHERE i.first_seen >= ?1 AND i.first_seen < ?2 AND h.actor = 'me' "
                       "AND h.from_state = 'new' GROUP BY i.id", since, until, error);
  if (stmt == NULL)
    return NULL;
  while (next_row (store, stmt, &failed, error))
    {
      gint64 wait = MAX (sqlite3_column_int64 (stmt, 0), 0);
      g_array_append_val (waits, wait);
    }
  if (failed)
    return NULL;
  /* qsort of no data is undefined. */
  if (waits->len > 1)
    qsort (waits->data, waits->len, sizeof (gint64), compare_int64);
  return g_steal_pointer (&waits);
}

/**
 * ds_report_percentile:
 * @sorted: (element-type gint64): values, smallest first, at least one
 * @p: 1 to 100
 *
 * Returns: the nearest-rank percentile
 */
gint64
ds_report_percentile (GArray *sorted,
                      guint   p)
{
  guint rank = (p * sorted->len + 99) / 100;

  g_return_val_if_fail (sorted != NULL && sorted->len > 0, 0);
  return g_array_index (sorted, gint64, MAX (rank, 1) - 1);
}

/**
 * ds_report_tracked:
 * @total: (out) (optional): the sum of their times
 *
 * The support time within the window, per item; only an item that took
 * DS_TRACKED_MIN or more counts.
 *
 * Returns: (transfer full) (nullable) (element-type DsTrackedItem): the
 *   items, longest first; %NULL with @error set if the database could not
 *   be read
 */
GPtrArray *
ds_report_tracked (DsStore  *store,
                   gint64    since,
                   gint64    until,
                   gint64   *total,
                   GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify)
                                                               ds_tracked_item_free);
  gboolean failed = FALSE;
  gint64 sum = 0;

  g_return_val_if_fail (DS_IS_STORE (store), NULL);

  stmt = query (store, "SELECT i.title, COALESCE(i.channel, i.source), "
                       "  SUM(MIN(COALESCE(w.ended, ?2), ?2) - MAX(w.started, ?1)) AS t "
                       "FROM work w JOIN items i ON i.id = w.item_id "
                       "WHERE w.started < ?2 AND COALESCE(w.ended, ?2) > ?1 "
                       "GROUP BY i.id HAVING t >= ?3 ORDER BY t DESC, i.id",
                since, until, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 3, DS_TRACKED_MIN);
  while (next_row (store, stmt, &failed, error))
    {
      DsTrackedItem *item = g_new0 (DsTrackedItem, 1);

      item->title = g_strdup (text (stmt, 0));
      item->where = g_strdup (text (stmt, 1));
      item->seconds = sqlite3_column_int64 (stmt, 2);
      sum += item->seconds;
      g_ptr_array_add (items, item);
    }
  if (failed)
    return NULL;
  if (total != NULL)
    *total = sum;
  return g_steal_pointer (&items);
}

/**
 * ds_report_measure_response:
 * @clock: the team's working time and targets
 * @created: when the item was asked, Unix time
 * @responded: its first response, or 0 while it has none
 * @until: the end of the window it is measured in
 * @out: (out caller-allocates): its measure (@title and @where untouched)
 *
 * Measures one item at @until: a response after @until had not come yet.
 *
 * Returns: %FALSE if @kind has no target
 */
gboolean
ds_report_measure_response (DsResponseClock *clock,
                            DsItemKind       kind,
                            gint64           created,
                            gint64           responded,
                            gint64           until,
                            DsFirstResponse *out)
{
  gint64 target;

  g_return_val_if_fail (out != NULL, FALSE);

  if (clock == NULL || (target = ds_response_clock_get_target (clock, kind)) <= 0)
    return FALSE;
  out->kind = kind;
  out->target = target;
  out->answered = responded > 0 && responded < until;
  out->wait = ds_response_clock_working_between (clock, created,
                                                 out->answered ? responded : until);
  return TRUE;
}

/**
 * ds_report_first_responses:
 * @clock: (nullable): the team's working time and targets; none, no request
 *   is counted
 *
 * The requests that arrived in the window, of a kind with a response target
 * in the team profile, that had their first response before its end or are
 * past their target without one: the first responses counted. Dismissed
 * items were not requests; those still under their target without a
 * response are not counted yet. Waits are working time
 * (ds-response-clock.c).
 *
 * Returns: (transfer full) (nullable) (element-type DsFirstResponse): the
 *   requests counted, oldest first; %NULL with @error set if the database
 *   could not be read
 */
GPtrArray *
ds_report_first_responses (DsStore          *store,
                           DsResponseClock  *clock,
                           gint64            since,
                           gint64            until,
                           GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func ((GDestroyNotify)
                                                             ds_first_response_free);
  gboolean failed = FALSE;

  g_return_val_if_fail (DS_IS_STORE (store), NULL);

  if (clock == NULL)
    return g_steal_pointer (&all);
  stmt = query (store, "SELECT kind, created, responded, title, COALESCE(channel, source) "
                       "FROM items WHERE first_seen >= ?1 AND first_seen < ?2 "
                       "AND state != 'dismissed' ORDER BY created, id", since, until, error);
  if (stmt == NULL)
    return NULL;
  while (next_row (store, stmt, &failed, error))
    {
      DsFirstResponse measured = { 0 };
      DsFirstResponse *resp;
      DsItemKind kind;

      if (!ds_item_kind_from_string (text (stmt, 0), &kind) ||
          !ds_report_measure_response (clock, kind, sqlite3_column_int64 (stmt, 1),
                                       sqlite3_column_int64 (stmt, 2), until, &measured) ||
          (!measured.answered && measured.wait <= measured.target))
        continue;
      resp = g_memdup2 (&measured, sizeof measured);
      resp->title = g_strdup (text (stmt, 3));
      resp->where = g_strdup (text (stmt, 4));
      g_ptr_array_add (all, resp);
    }
  if (failed)
    return NULL;
  return g_steal_pointer (&all);
}
