/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-suggest"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ds-store-private.h"
#include "ds-suggest.h"

/* Who is best placed to take an item, from Dayshift's own history of the
 * last 30 days: who took (claimed, or was delegated) items from the same
 * channel or repository, of the same kind, or with the same words in the
 * title. Each such item counts for its teammate: 3 for the place, 2 for the
 * kind, 1 for each shared word (up to 3). Teammates who are not available
 * (off today, on the night rotation) come last, whatever their score. The
 * order is stable: by score, then as the profile lists them. */

#define WINDOW (30 * 24 * 60 * 60)

void
ds_suggestion_free (DsSuggestion *suggestion)
{
  if (suggestion == NULL)
    return;
  g_free (suggestion->name);
  g_free (suggestion->why);
  g_free (suggestion);
}

/* The words of a title that say what it is about: lower case, four
 * letters or more. */
static GHashTable *
words_of (const char *title)
{
  GHashTable *words = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *folded = g_utf8_casefold (title != NULL ? title : "", -1);
  g_auto(GStrv) parts = g_regex_split_simple ("[^[:alnum:]]+", folded, 0, 0);

  for (guint i = 0; parts[i] != NULL; i++)
    if (g_utf8_strlen (parts[i], -1) >= 4)
      g_hash_table_add (words, g_strdup (parts[i]));
  return words;
}

typedef struct
{
  guint  index;     /* in the profile */
  double score;
  guint  place;     /* items taken from the same place */
  guint  kind;      /* of the same kind */
  guint  similar;   /* with shared words */
  char  *word;      /* one shared word, to say */
} Tally;

static int
compare_tallies (gconstpointer a,
                 gconstpointer b)
{
  const Tally *x = *(const Tally * const *)a, *y = *(const Tally * const *)b;

  if (x->score != y->score)
    return x->score > y->score ? -1 : 1;
  return x->index < y->index ? -1 : x->index > y->index;
}

/**
 * ds_suggest_owners:
 * @item: the item to delegate
 * @away: (nullable) (element-type utf8 utf8): teammates who cannot take it
 *   now, by name, with why in a few words ("on the night rotation")
 * @now: the time (Unix seconds): the history is the 30 days before it
 *
 * Returns: (transfer full) (element-type DsSuggestion): every teammate of
 *   @profile, best placed first, each with why in a few words when the
 *   history says something
 */
GPtrArray *
ds_suggest_owners (DsStore            *store,
                   DsTeamProfile      *profile,
                   DsItem             *item,
                   GHashTable         *away,
                   gint64              now,
                   GError            **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GHashTable) words = words_of (ds_item_get_title (item));
  g_autoptr(GPtrArray) tallies = g_ptr_array_new ();
  g_autoptr(GHashTable) by_name = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree Tally *all = NULL;
  const char *place = ds_item_get_channel (item) != NULL ? ds_item_get_channel (item)
                                                        : ds_item_get_source (item);
  const char *kind = ds_item_kind_to_string (ds_item_get_kind (item));
  guint place_total = 0, kind_total = 0;
  GPtrArray *result;
  int rc;

  g_return_val_if_fail (DS_IS_STORE (store), NULL);
  g_return_val_if_fail (profile != NULL, NULL);
  g_return_val_if_fail (DS_IS_ITEM (item), NULL);

  all = g_new0 (Tally, MAX (profile->teammates->len, 1));
  for (guint i = 0; i < profile->teammates->len; i++)
    {
      DsTeammate *t = g_ptr_array_index (profile->teammates, i);

      all[i].index = i;
      g_ptr_array_add (tallies, &all[i]);
      g_hash_table_insert (by_name, t->name, &all[i]);
    }

  stmt = ds_store_prepare (store,
                           "SELECT COALESCE(claimed_by, delegated_to), kind, "
                           "  COALESCE(channel, source), title FROM items "
                           "WHERE created >= ? AND created <= ? AND id != ? AND "
                           "  COALESCE(claimed_by, delegated_to) IS NOT NULL",
                           _("suggest who should take it"), error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, now - WINDOW);
  sqlite3_bind_int64 (stmt, 2, now);
  ds_store_bind_text (stmt, 3, ds_item_get_id (item));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *who = (const char *)sqlite3_column_text (stmt, 0);
      gboolean same_kind = g_strcmp0 ((const char *)sqlite3_column_text (stmt, 1), kind) == 0;
      gboolean same_place = g_strcmp0 ((const char *)sqlite3_column_text (stmt, 2), place) == 0;
      g_autoptr(GHashTable) theirs = words_of ((const char *)sqlite3_column_text (stmt, 3));
      Tally *t = g_hash_table_lookup (by_name, who);
      GHashTableIter iter;
      gpointer word;
      guint shared = 0;
      const char *a_word = NULL;

      place_total += same_place;
      kind_total += same_kind;
      if (t == NULL)
        continue;   /* not in the team (any more) */
      g_hash_table_iter_init (&iter, words);
      while (g_hash_table_iter_next (&iter, &word, NULL))
        if (g_hash_table_contains (theirs, word))
          {
            shared++;
            if (a_word == NULL || g_strcmp0 (word, a_word) < 0)
              a_word = word;
          }
      t->score += 3 * same_place + 2 * same_kind + MIN (shared, 3);
      t->place += same_place;
      t->kind += same_kind;
      if (shared > 0)
        {
          t->similar++;
          if (t->word == NULL || g_strcmp0 (a_word, t->word) < 0)
            {
              g_free (t->word);
              t->word = g_strdup (a_word);
            }
        }
    }
  if (rc != SQLITE_DONE)
    {
      ds_store_set_sqlite_error (store, rc, error, _("suggest who should take it"));
      for (guint i = 0; i < profile->teammates->len; i++)
        g_free (all[i].word);
      return NULL;
    }

  /* Not available: last, in the profile's order. */
  if (away != NULL)
    {
      GHashTableIter iter;
      gpointer name;

      g_hash_table_iter_init (&iter, away);
      while (g_hash_table_iter_next (&iter, &name, NULL))
        {
          Tally *t = g_hash_table_lookup (by_name, name);
          if (t != NULL)
            t->score = -1;
        }
    }
  g_ptr_array_sort (tallies, compare_tallies);

  result = g_ptr_array_new_with_free_func ((GDestroyNotify)ds_suggestion_free);
  for (guint i = 0; i < tallies->len; i++)
    {
      Tally *t = g_ptr_array_index (tallies, i);
      DsSuggestion *s = g_new0 (DsSuggestion, 1);
      DsTeammate *mate = g_ptr_array_index (profile->teammates, t->index);

      s->name = g_strdup (mate->name);
      s->score = MAX (t->score, 0);
      if (t->score < 0)
        s->why = g_strdup (g_hash_table_lookup (away, mate->name) != NULL
                           ? g_hash_table_lookup (away, mate->name) : _("not available now"));
      else if (t->place > 0)
        /* Translators: "took 3 of the last 4 requests in #sre" */
        s->why = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "took %u of the last %u request in %s",
                                               "took %u of the last %u requests in %s",
                                               place_total),
                                  t->place, place_total, place);
      else if (t->kind > 0)
        /* Translators: "took 2 of the last 5 of this kind (Access request)" */
        s->why = g_strdup_printf (_("took %u of the last %u of this kind (%s)"), t->kind,
                                  kind_total, ds_item_kind_label (ds_item_get_kind (item)));
      else if (t->similar > 0)
        /* Translators: "took 2 like it (“grafana”)" */
        s->why = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "took %u like it (“%s”)",
                                               "took %u like it (“%s”)", t->similar),
                                  t->similar, t->word);
      g_free (t->word);
      g_ptr_array_add (result, s);
    }
  return result;
}
