/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-workspace"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ds-error.h"
#include "ds-github.h"
#include "ds-handoff.h"
#include "ds-text.h"
#include "ds-workspace-private.h"

/* The handoffs on the super-epics: the comment each rotation's end posts,
 * whose hidden block carries the rotation's figures and what it left.
 * Read at start-up (when the last read is older than HANDOFFS_RECHECK), and
 * at Start rotation, when the newest handoff is the one handed in: its
 * items still open are marked in the inbox. The handoffs read are kept in
 * the store, so the team's past rotations are drawn offline too. Only a
 * block posted by the user or a teammate the profile names is read, and
 * only one whose rotation ended before its comment was posted; a broken or
 * a stranger's block is told once, naming its comment, and the others
 * still count. The handoff in is the newest of a rotation before the user's
 * that someone else posted, two weeks old at most. */

#define HANDOFFS_RECHECK (12 * 60 * 60)
#define HAND_IN_SLACK    (60 * 60)           /* a rotation ending just after mine began */
#define HAND_IN_AGE      (14 * 24 * 60 * 60) /* older is not handed in */
#define POSTED_SLACK     (60 * 60)           /* a clock a little ahead */
#define META_READ        "handoffs-read"
#define META_IN          "handoff-in"

typedef struct
{
  DsWorkspace *self;         /* weak: NULL once the workspace is let go */
  DsHttp      *http;
  GPtrArray   *handoffs;     /* DsHandoff */
  GPtrArray   *broken;       /* the comments whose block is not read, and why */
  GError      *error;        /* the first failed read */
  guint        pending;
  gint64       rotation_start;  /* > 0: hand in the newest handoff before it */
} HandoffRead;

static void
handoff_read_free (HandoffRead *read)
{
  if (read->self != NULL)
    g_object_remove_weak_pointer (G_OBJECT (read->self), (gpointer *)&read->self);
  g_object_unref (read->http);
  g_ptr_array_unref (read->handoffs);
  g_ptr_array_unref (read->broken);
  g_clear_error (&read->error);
  g_free (read);
}

/* The handoff in: of a rotation before @rotation_start (ending by it, or
 * just after), posted by someone else than the user, two weeks old at
 * most; the newest, from the store. */
static DsHandoff *
newest_before (DsWorkspace *self,
               gint64       rotation_start)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) before = ds_store_load_handoffs_before (self->store, rotation_start,
                                                               rotation_start + HAND_IN_SLACK,
                                                               16, &error);

  if (before == NULL)
    {
      g_message ("The handoffs could not be read from the store: %s", error->message);
      return NULL;
    }
  for (guint i = before->len; i > 0; i--)
    {
      DsHandoff *h = g_ptr_array_index (before, i - 1);

      if (h->end < rotation_start - HAND_IN_AGE)
        break;
      if (self->github_login == NULL || g_ascii_strcasecmp (h->author, self->github_login) != 0)
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

static int
by_text (gconstpointer a,
         gconstpointer b)
{
  return g_strcmp0 (*(const char * const *)a, *(const char * const *)b);
}

/* Each broken block is told once, however often it is read again. */
static void
tell_broken (DsWorkspace *self,
             GPtrArray   *broken)
{
  g_autoptr(GString) fresh = g_string_new (NULL);

  g_ptr_array_sort (broken, by_text);
  for (guint i = 0; i < broken->len; i++)
    {
      const char *line = g_ptr_array_index (broken, i);

      if (g_hash_table_contains (self->handoffs_told, line))
        continue;
      g_hash_table_add (self->handoffs_told, g_strdup (line));
      if (fresh->len > 0)
        g_string_append_c (fresh, '\n');
      g_string_append (fresh, line);
    }
  if (fresh->len > 0)
    _ds_workspace_problem (self, _("Dayshift could not read a handoff on GitHub"), fresh->str);
}

static void
read_done (HandoffRead *read)
{
  DsWorkspace *self = read->self;
  g_autoptr(GPtrArray) handoffs = NULL;
  g_autoptr(GError) error = NULL;

  /* The workspace was let go meanwhile (another profile, the demo). */
  if (self == NULL || self->store == NULL)
    {
      handoff_read_free (read);
      return;
    }
  handoffs = ds_handoff_dedupe (g_steal_pointer (&read->handoffs));
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
  tell_broken (self, read->broken);
  g_debug ("GitHub: %u handoffs read", handoffs->len);
  if (handoffs->len > 0 && !ds_store_save_handoffs (self->store, handoffs, &error))
    _ds_workspace_problem (self, _("Dayshift could not keep the handoffs"),
                           error != NULL ? error->message : "");
  else if (read->rotation_start <= 0)
    g_signal_emit_by_name (self, "handoffs");
  /* Read or not, what the store has is handed in. */
  if (read->rotation_start > 0)
    ds_workspace_hand_in (self, read->rotation_start);
  handoff_read_free (read);
}

/* Why a comment's block is not read, or NULL: only the user's and their
 * teammates' count, and a rotation cannot end after its handoff. */
static char *
not_trusted (HandoffRead       *read,
             const DsGhComment *c,
             const DsHandoff   *h)
{
  DsWorkspace *self = read->self;
  gboolean mine = self->github_login != NULL &&
                  g_ascii_strcasecmp (c->author, self->github_login) == 0;

  if (!mine && (self->profile == NULL ||
                ds_team_profile_find_teammate_by_github (self->profile, c->author) == NULL))
    /* Translators: a handoff on a super-epic posted by someone the team profile does not
     * list: "posted by @mallory, who is not one of the team profile's teammates: …" */
    return g_strdup_printf (_("posted by @%s, who is not one of the team profile’s teammates: "
                              "Dayshift does not read it. If they are on the rotation, add "
                              "them with their GitHub login."), c->author);
  if (c->created > 0 && h->end > c->created + POSTED_SLACK)
    return g_strdup (_("its rotation ends after the comment was posted: Dayshift does not "
                       "read it. Whoever posted it can post the handoff again from Dayshift."));
  return NULL;
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
  /* Nothing is read for a workspace let go meanwhile. */
  for (guint i = 0; read->self != NULL && comments != NULL && i < comments->len; i++)
    {
      DsGhComment *c = g_ptr_array_index (comments, i);
      g_autoptr(GError) broken = NULL;
      DsHandoff *h;

      if (c->body == NULL || c->author == NULL)
        continue;
      h = ds_handoff_parse (c->body, &broken);
      if (h != NULL)
        {
          g_autofree char *why = not_trusted (read, c, h);

          if (why != NULL)
            {
              g_clear_pointer (&h, ds_handoff_free);
              g_set_error_literal (&broken, DS_ERROR, DS_ERROR_BAD_RESPONSE, why);
            }
        }
      if (h == NULL)
        {
          if (broken != NULL)
            /* Translators: "<the comment's address>: <what is wrong>" */
            g_ptr_array_add (read->broken,
                             g_strdup_printf (_("%s: %s"),
                                              c->html_url != NULL ? c->html_url : "",
                                              broken->message));
          continue;
        }
      g_free (h->author);
      h->author = g_strdup (c->author);
      g_free (h->url);
      h->url = ds_text_is_secure_link (c->html_url) ? g_strdup (c->html_url) : NULL;
      h->posted = c->created;
      g_ptr_array_add (read->handoffs, h);
    }
  if (--read->pending == 0)
    read_done (read);
}

static void read_comments (HandoffRead *read);

static void
on_me (GObject      *source,
       GAsyncResult *result,
       gpointer      user_data)
{
  HandoffRead *read = user_data;
  DsWorkspace *self = read->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(DsGhUser) me = ds_github_get_user_finish (DS_HTTP (source), result, &error);

  if (me == NULL)
    {
      read->error = g_steal_pointer (&error);
      read_done (read);
      return;
    }
  if (self == NULL || self->store == NULL)
    {
      handoff_read_free (read);
      return;
    }
  g_free (self->github_login);
  self->github_login = g_strdup (me->login);
  read_comments (read);
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
  read->self = self;
  g_object_add_weak_pointer (G_OBJECT (self), (gpointer *)&read->self);
  read->http = g_object_ref (self->http);
  read->handoffs = g_ptr_array_new_with_free_func ((GDestroyNotify)ds_handoff_free);
  read->broken = g_ptr_array_new_with_free_func (g_free);
  read->rotation_start = rotation_start;
  /* Whose the token is, first: the user's own handoffs are not handed in. */
  ds_github_get_user_async (self->http, self->cancellable, on_me, read);
}

static void
read_comments (HandoffRead *read)
{
  DsWorkspace *self = read->self;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  /* One read per super-epic, however many times the profile names it. */
  read->pending = 1;
  for (guint i = 0; i < self->profile->super_epics->len; i++)
    {
      const DsSuperEpic *epic = g_ptr_array_index (self->profile->super_epics, i);
      char *key = g_strdup_printf ("%s#%" G_GINT64_FORMAT, epic->repo, epic->number);

      if (!g_hash_table_add (seen, key))
        continue;
      read->pending++;
      ds_github_list_comments_async (read->http, epic->repo, epic->number, self->cancellable,
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
