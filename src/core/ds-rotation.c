/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-rotation"

#include "config.h"

#include <stdlib.h>

#include "ds-rotation.h"

/* The user's daytime shifts, from the team's PagerDuty schedule: the
 * times the chosen layer (the daytime rotation, e.g. "Layer 2") covers and
 * the final schedule (with overrides) gives to the user. An override that
 * takes a day away is honoured, and so is one that gives the user a day;
 * back-to-back pieces (a shift over a weekend, cut by the renderer at
 * midnight) are one shift. All times are Unix seconds: time zones and
 * daylight saving changes are PagerDuty's to render, and come as offsets. */

/**
 * ds_rotation_read_window:
 * @now: the time of the read (Unix seconds)
 *
 * The span of the schedule to ask PagerDuty for at @now.
 */
void
ds_rotation_read_window (gint64  now,
                         gint64 *since,
                         gint64 *until)
{
  *since = now - 24 * 60 * 60;
  *until = now + DS_ROTATION_WEEKS_AHEAD * 7 * 24 * 60 * 60;
}

/**
 * ds_rotation_find_layer:
 * @layer: the layer's number, 1-based, as the team profile gives it
 *
 * Returns: (nullable): the layer named "Layer @layer", or else the @layer-th
 *   layer of the answer; %NULL when the schedule has neither
 */
const DsPdLayer *
ds_rotation_find_layer (const DsPdSchedule *schedule,
                        gint64              layer)
{
  g_autofree char *name = g_strdup_printf ("Layer %" G_GINT64_FORMAT, layer);

  if (schedule->layers == NULL)
    return NULL;
  for (guint i = 0; i < schedule->layers->len; i++)
    {
      const DsPdLayer *l = g_ptr_array_index (schedule->layers, i);
      if (g_strcmp0 (l->name, name) == 0)
        return l;
    }
  /* Renamed layers: by position, as PagerDuty numbers them. */
  if (layer >= 1 && (guint)layer <= schedule->layers->len)
    return g_ptr_array_index (schedule->layers, layer - 1);
  return NULL;
}

static int
compare_shift (gconstpointer a,
               gconstpointer b)
{
  const DsShift *x = a, *y = b;
  return x->start < y->start ? -1 : x->start > y->start;
}

/* Sorts and joins overlapping or touching intervals. */
static void
merge (GArray *shifts)
{
  guint kept = 0;

  g_array_sort (shifts, compare_shift);
  for (guint i = 0; i < shifts->len; i++)
    {
      DsShift *s = &g_array_index (shifts, DsShift, i);

      if (kept > 0 && s->start <= g_array_index (shifts, DsShift, kept - 1).end)
        {
          DsShift *last = &g_array_index (shifts, DsShift, kept - 1);
          last->end = MAX (last->end, s->end);
        }
      else
        g_array_index (shifts, DsShift, kept++) = *s;
    }
  g_array_set_size (shifts, kept);
}

/**
 * ds_rotation_shifts:
 * @layer: the layer of the daytime rotation, 1-based
 * @user_id: the user's PagerDuty id
 *
 * Returns: (transfer full) (element-type DsShift): the user's shifts,
 *   earliest first
 */
GArray *
ds_rotation_shifts (const DsPdSchedule *schedule,
                    gint64              layer,
                    const char         *user_id)
{
  GArray *shifts = g_array_new (FALSE, FALSE, sizeof (DsShift));
  g_autoptr(GArray) covered = g_array_new (FALSE, FALSE, sizeof (DsShift));
  const DsPdLayer *l = ds_rotation_find_layer (schedule, layer);
  GPtrArray *mine = schedule->final_entries;

  if (l != NULL)
    for (guint i = 0; i < l->entries->len; i++)
      {
        const DsPdEntry *e = g_ptr_array_index (l->entries, i);
        DsShift s = { e->start, e->end };
        g_array_append_val (covered, s);
      }
  merge (covered);

  /* Without a final schedule (not rendered), the layer's own entries. */
  if (mine == NULL || mine->len == 0)
    mine = l != NULL ? l->entries : NULL;

  for (guint i = 0; mine != NULL && i < mine->len; i++)
    {
      const DsPdEntry *e = g_ptr_array_index (mine, i);

      if (g_strcmp0 (e->user_id, user_id) != 0)
        continue;
      if (l == NULL)
        {
          DsShift s = { e->start, e->end };
          g_array_append_val (shifts, s);
          continue;
        }
      for (guint j = 0; j < covered->len; j++)
        {
          const DsShift *c = &g_array_index (covered, DsShift, j);
          DsShift s = { MAX (e->start, c->start), MIN (e->end, c->end) };

          if (s.start < s.end)
            g_array_append_val (shifts, s);
        }
    }
  merge (shifts);
  return shifts;
}

/**
 * ds_rotation_current_or_next:
 *
 * Returns: (nullable): the shift under way at @now, or else the next one
 */
const DsShift *
ds_rotation_current_or_next (GArray *shifts,
                             gint64  now)
{
  for (guint i = 0; i < shifts->len; i++)
    {
      const DsShift *s = &g_array_index (shifts, DsShift, i);
      if (s->end > now)
        return s;
    }
  return NULL;
}

/**
 * ds_rotation_next_person:
 * @after: the end of the user's shift
 *
 * Returns: (nullable): the name of whoever the layer has next after @after
 *   (the person to hand over to), from the final schedule
 */
const char *
ds_rotation_next_person (const DsPdSchedule *schedule,
                         gint64              layer,
                         const char         *user_id,
                         gint64              after)
{
  const DsPdLayer *l = ds_rotation_find_layer (schedule, layer);
  GPtrArray *entries = schedule->final_entries != NULL && schedule->final_entries->len > 0
    ? schedule->final_entries : l != NULL ? l->entries : NULL;
  const DsPdEntry *best = NULL;

  for (guint i = 0; entries != NULL && i < entries->len; i++)
    {
      const DsPdEntry *e = g_ptr_array_index (entries, i);
      gboolean in_layer = l == NULL;

      if (e->end <= after || g_strcmp0 (e->user_id, user_id) == 0)
        continue;
      for (guint j = 0; l != NULL && j < l->entries->len && !in_layer; j++)
        {
          const DsPdEntry *c = g_ptr_array_index (l->entries, j);
          in_layer = e->start < c->end && c->start < e->end;
        }
      if (in_layer && (best == NULL || e->start < best->start))
        best = e;
    }
  return best != NULL ? best->user_name : NULL;
}

/* Whether the final schedule (when rendered) has @user_id in [start, end). */
static gboolean
final_has (const DsPdSchedule *schedule,
           const char         *user_id,
           gint64              start,
           gint64              end)
{
  if (schedule->final_entries == NULL || schedule->final_entries->len == 0)
    return TRUE;
  for (guint i = 0; i < schedule->final_entries->len; i++)
    {
      const DsPdEntry *e = g_ptr_array_index (schedule->final_entries, i);

      if (g_strcmp0 (e->user_id, user_id) == 0 && e->start < end && start < e->end)
        return TRUE;
    }
  return FALSE;
}

#define AWAY_WINDOW (12 * 60 * 60)

/**
 * ds_rotation_away:
 * @layer: the layer of the daytime rotation, 1-based
 * @now: the time asked about (Unix seconds)
 *
 * Who PagerDuty says is away in the twelve hours either side of @now:
 * on call in another layer (the night rotation, so resting by day), or
 * given a day off by an override of the daytime layer. Overrides are
 * honoured both ways: a night shift handed to someone else frees its
 * owner.
 *
 * Returns: (transfer full) (element-type utf8 DsAway): PagerDuty user id
 *   to why
 */
GHashTable *
ds_rotation_away (const DsPdSchedule *schedule,
                  gint64              layer,
                  gint64              now)
{
  GHashTable *away = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const DsPdLayer *day = ds_rotation_find_layer (schedule, layer);
  gint64 from = now - AWAY_WINDOW, to = now + AWAY_WINDOW;

  for (guint i = 0; schedule->layers != NULL && i < schedule->layers->len; i++)
    {
      const DsPdLayer *l = g_ptr_array_index (schedule->layers, i);

      for (guint j = 0; l->entries != NULL && j < l->entries->len; j++)
        {
          const DsPdEntry *e = g_ptr_array_index (l->entries, j);
          gboolean covers = final_has (schedule, e->user_id, e->start, e->end);

          if (e->user_id == NULL || e->end <= from || e->start >= to)
            continue;
          if (l != day && covers)
            g_hash_table_insert (away, g_strdup (e->user_id), GINT_TO_POINTER (DS_AWAY_NIGHT));
          else if (l == day && !covers && !g_hash_table_contains (away, e->user_id))
            g_hash_table_insert (away, g_strdup (e->user_id), GINT_TO_POINTER (DS_AWAY_OFF));
        }
    }
  return away;
}
