/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-workspace"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ds-error.h"
#include "ds-github.h"
#include "ds-handoff.h"
#include "ds-workspace-private.h"

/* The handoffs on the super-epics: the comment each rotation's end posts,
 * whose hidden block carries the rotation's figures and what it left.
 * Read at start-up (when the last read is older than HANDOFFS_RECHECK), and
 * at Start rotation, when the newest handoff is the one handed in: its
 * items still open are marked in the inbox. The handoffs read are kept in
 * the store, so the team's past rotations are drawn offline too. A broken
 * block is told once, naming its comment; the others still count. */

#define HANDOFFS_RECHECK (12 * 60 * 60)
#define META_READ        "handoffs-read"
#define META_IN          "handoff-in"

typedef struct
{
  DsWorkspace *self;
  DsHttp      *http;
  GPtrArray   *handoffs;     /* DsHandoff */
  GString     *broken;       /* the comments whose block could not be read */
  GError      *error;        /* the first failed read */
  guint        pending;
  gint64       rotation_start;  /* > 0: hand in the newest handoff before it */
} HandoffRead;

static void
handoff_read_free (HandoffRead *read)
{
  g_object_unref (read->self);
  g_object_unref (read->http);
  g_ptr_array_unref (read->handoffs);
  g_string_free (read->broken, TRUE);
  g_clear_error (&read->error);
  g_free (read);
}

/* The newest handoff of a rotation before @rotation_start, from the store. */
static DsHandoff *
newest_before (DsWorkspace *self,
               gint64       rotation_start)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = ds_store_load_handoffs (self->store, 8, &error);

  if (all == NULL)
    {
      g_message ("The handoffs could not be read from the store: %s", error->message);
      return NULL;
    }
  for (guint i = all->len; i > 0; i--)
    {
      DsHandoff *h = g_ptr_array_index (all, i - 1);

      if (h->start < rotation_start)
        return ds_handoff_copy (h);
    }
  return NULL;
}

/* The inbox follows the store: the items @handoff left are marked, the
 * others not. */
static void
mark_inbox (DsWorkspace     *self,
            const DsHandoff *handoff)
{
  g_autoptr(GHashTable) left = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->inbox));

  for (guint i = 0; handoff != NULL && i < handoff->left->len; i++)
    {
      DsHandoffItem *it = g_ptr_array_index (handoff->left, i);

      g_hash_table_add (left, it->id);
    }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DsItem) item = g_list_model_get_item (G_LIST_MODEL (self->inbox), i);
      gboolean in = g_hash_table_contains (left, ds_item_get_id (item));

      ds_item_set_handed_over (item, in ? handoff->author : NULL);
    }
}

/**
 * ds_workspace_hand_in:
 * @rotation_start: the rotation just started (Unix seconds)
 *
 * Takes the newest handoff the store has of a rotation before
 * @rotation_start as the one handed in: its items still open are marked
 * in the store and the inbox, and it is remembered (meta "handoff-in").
 *
 * Returns: whether there was one
 */
gboolean
ds_workspace_hand_in (DsWorkspace *self,
                      gint64       rotation_start)
{
  g_autoptr(DsHandoff) handoff = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;

  g_return_val_if_fail (DS_IS_WORKSPACE (self), FALSE);

  if (self->store == NULL)
    return FALSE;
  handoff = newest_before (self, rotation_start);
  if (handoff == NULL)
    return FALSE;
  key = g_strdup_printf ("%s %" G_GINT64_FORMAT, handoff->author, handoff->start);
  if (!ds_store_mark_handed_over (self->store, handoff, &error) ||
      !ds_store_set_meta (self->store, META_IN, key, &error))
    {
      _ds_workspace_problem (self, _("Dayshift could not keep the handoff"), error->message);
      return FALSE;
    }
  mark_inbox (self, handoff);
  g_signal_emit_by_name (self, "handoffs");
  g_signal_emit_by_name (self, "handed-in", handoff);
  return TRUE;
}

/**
 * ds_workspace_dup_handoff_in:
 *
 * Returns: (transfer full) (nullable): the handoff last handed in
 */
DsHandoff *
ds_workspace_dup_handoff_in (DsWorkspace *self)
{
  g_autofree char *key = NULL;
  g_autoptr(GPtrArray) all = NULL;

  g_return_val_if_fail (DS_IS_WORKSPACE (self), NULL);

  if (self->store == NULL)
    return NULL;
  key = ds_store_get_meta (self->store, META_IN, NULL);
  if (key == NULL)
    return NULL;
  all = ds_store_load_handoffs (self->store, 64, NULL);
  for (guint i = 0; all != NULL && i < all->len; i++)
    {
      DsHandoff *h = g_ptr_array_index (all, i);
      g_autofree char *k = g_strdup_printf ("%s %" G_GINT64_FORMAT, h->author, h->start);

      if (g_str_equal (k, key))
        return ds_handoff_copy (h);
    }
  return NULL;
}

static void
read_done (HandoffRead *read)
{
  DsWorkspace *self = read->self;
  g_autoptr(GPtrArray) handoffs = ds_handoff_dedupe (g_steal_pointer (&read->handoffs));
  g_autoptr(GError) error = NULL;

  read->handoffs = g_ptr_array_new ();
  if (read->error != NULL)
    {
      if (!g_error_matches (read->error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _ds_workspace_problem (self, _("Dayshift could not read the handoffs on GitHub"),
                               read->error->message);
    }
  else
    {
      g_autofree char *now = g_strdup_printf ("%" G_GINT64_FORMAT,
                                              g_get_real_time () / G_USEC_PER_SEC);

      ds_store_set_meta (self->store, META_READ, now, NULL);
    }
  /* A broken block is told once while it stays the same. */
  if (read->broken->len > 0 && g_strcmp0 (self->handoffs_broken, read->broken->str) != 0)
    _ds_workspace_problem (self, _("Dayshift could not read a handoff on GitHub"),
                           read->broken->str);
  if (read->error == NULL)
    {
      g_free (self->handoffs_broken);
      self->handoffs_broken = read->broken->len > 0 ? g_strdup (read->broken->str) : NULL;
    }
  g_debug ("GitHub: %u handoffs read", handoffs->len);
  if (handoffs->len > 0 && !ds_store_save_handoffs (self->store, handoffs, &error))
    _ds_workspace_problem (self, _("Dayshift could not keep the handoffs"), error->message);
  else if (read->rotation_start <= 0)
    g_signal_emit_by_name (self, "handoffs");
  /* Read or not, what the store has is handed in. */
  if (read->rotation_start > 0)
    ds_workspace_hand_in (self, read->rotation_start);
  handoff_read_free (read);
}

static void
on_comments (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  HandoffRead *read = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) comments = ds_github_list_comments_finish (DS_HTTP (source), result,
                                                                  &error);

  if (comments == NULL && read->error == NULL)
    read->error = g_steal_pointer (&error);
  for (guint i = 0; comments != NULL && i < comments->len; i++)
    {
      DsGhComment *c = g_ptr_array_index (comments, i);
      g_autoptr(GError) broken = NULL;
      DsHandoff *h;

      if (c->body == NULL || c->author == NULL)
        continue;
      h = ds_handoff_parse (c->body, &broken);
      if (h == NULL)
        {
          if (broken != NULL)
            {
              if (read->broken->len > 0)
                g_string_append_c (read->broken, '\n');
              /* Translators: "<the comment's address>: <what is wrong>" */
              g_string_append_printf (read->broken, _("%s: %s"),
                                      c->html_url != NULL ? c->html_url : "", broken->message);
            }
          continue;
        }
      g_free (h->author);
      h->author = g_strdup (c->author);
      g_free (h->url);
      h->url = g_strdup (c->html_url);
      h->posted = c->created;
      g_ptr_array_add (read->handoffs, h);
    }
  if (--read->pending == 0)
    read_done (read);
}

/**
 * ds_workspace_read_handoffs:
 * @rotation_start: 0, or the rotation just started: the newest handoff
 *   before it is handed in once read (or, when GitHub cannot be read, the
 *   newest the store has)
 *
 * Reads the handoffs on every super-epic; the "handoffs" signal says when
 * the store has them.
 */
void
ds_workspace_read_handoffs (DsWorkspace *self,
                            gint64       rotation_start)
{
  HandoffRead *read;
  g_autoptr(GHashTable) seen = NULL;

  g_return_if_fail (DS_IS_WORKSPACE (self));

  if (self->store == NULL)
    return;
  if (self->http == NULL || self->profile == NULL || self->profile->super_epics->len == 0 ||
      !ds_http_has_token (self->http, DS_SERVICE_GITHUB) || !self->online)
    {
      if (rotation_start > 0)
        ds_workspace_hand_in (self, rotation_start);
      return;
    }
  read = g_new0 (HandoffRead, 1);
  read->self = g_object_ref (self);
  read->http = g_object_ref (self->http);
  read->handoffs = g_ptr_array_new_with_free_func ((GDestroyNotify)ds_handoff_free);
  read->broken = g_string_new (NULL);
  read->rotation_start = rotation_start;
  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  /* One read per super-epic, however many times the profile names it. */
  read->pending = 1;
  for (guint i = 0; i < self->profile->super_epics->len; i++)
    {
      const DsSuperEpic *epic = g_ptr_array_index (self->profile->super_epics, i);
      char *key = g_strdup_printf ("%s#%" G_GINT64_FORMAT, epic->repo, epic->number);

      if (!g_hash_table_add (seen, key))
        continue;
      read->pending++;
      ds_github_list_comments_async (self->http, epic->repo, epic->number, self->cancellable,
                                     on_comments, read);
    }
  if (--read->pending == 0)
    read_done (read);
}

/* At start-up: read when the last read is older than HANDOFFS_RECHECK. */
void
_ds_workspace_read_handoffs_if_old (DsWorkspace *self)
{
  g_autofree char *last = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (self->store == NULL)
    return;
  last = ds_store_get_meta (self->store, META_READ, NULL);
  if (last != NULL && now - g_ascii_strtoll (last, NULL, 10) < HANDOFFS_RECHECK &&
      g_ascii_strtoll (last, NULL, 10) <= now)
    return;
  ds_workspace_read_handoffs (self, 0);
}
