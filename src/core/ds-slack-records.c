/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "ds-slack-records.h"

void
ds_slack_auth_free (DsSlackAuth *a)
{
  if (a == NULL)
    return;
  g_free (a->user_id);
  g_free (a->user);
  g_free (a->team_id);
  g_free (a->team);
  g_free (a->bot_id);
  g_free (a);
}

void
ds_slack_channel_free (DsSlackChannel *c)
{
  if (c == NULL)
    return;
  g_free (c->id);
  g_free (c->name);
  g_free (c);
}

void
ds_slack_reaction_free (DsSlackReaction *r)
{
  g_free (r->name);
  g_strfreev (r->users);
  g_free (r);
}

void
ds_slack_message_free (DsSlackMessage *m)
{
  if (m == NULL)
    return;
  g_free (m->ts);
  g_free (m->user);
  g_free (m->bot_id);
  g_free (m->username);
  g_free (m->subtype);
  g_free (m->text);
  g_free (m->thread_ts);
  g_clear_pointer (&m->reactions, g_ptr_array_unref);
  g_free (m);
}

DsSlackMessage *
ds_slack_message_copy (const DsSlackMessage *m)
{
  DsSlackMessage *copy = g_new0 (DsSlackMessage, 1);

  copy->ts = g_strdup (m->ts);
  copy->user = g_strdup (m->user);
  copy->bot_id = g_strdup (m->bot_id);
  copy->username = g_strdup (m->username);
  copy->subtype = g_strdup (m->subtype);
  copy->text = g_strdup (m->text);
  copy->thread_ts = g_strdup (m->thread_ts);
  copy->reply_count = m->reply_count;
  copy->reactions = g_ptr_array_new_with_free_func ((GDestroyNotify)ds_slack_reaction_free);
  for (guint i = 0; m->reactions != NULL && i < m->reactions->len; i++)
    {
      const DsSlackReaction *r = g_ptr_array_index (m->reactions, i);
      DsSlackReaction *c = g_new0 (DsSlackReaction, 1);

      c->name = g_strdup (r->name);
      c->users = g_strdupv (r->users);
      c->count = r->count;
      g_ptr_array_add (copy->reactions, c);
    }
  return copy;
}

void
ds_slack_event_free (DsSlackEvent *e)
{
  if (e == NULL)
    return;
  g_free (e->channel);
  g_free (e->ts);
  g_clear_pointer (&e->message, ds_slack_message_free);
  g_free (e);
}

void
ds_slack_user_free (DsSlackUser *u)
{
  if (u == NULL)
    return;
  g_free (u->id);
  g_free (u->name);
  g_free (u->real_name);
  g_free (u->display_name);
  g_free (u);
}

void
ds_slack_posted_free (DsSlackPosted *p)
{
  if (p == NULL)
    return;
  g_free (p->channel);
  g_free (p->ts);
  g_free (p);
}

struct _DsSlackUsers
{
  GHashTable *by_id;  /* id -> DsSlackUser */
};

/* Counted: a lookup under way keeps the cache it fills
 * (ds_slack_users_ref()), whoever let it go meanwhile. */
DsSlackUsers *
ds_slack_users_new (void)
{
  DsSlackUsers *users = g_rc_box_new0 (DsSlackUsers);

  users->by_id = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                        (GDestroyNotify)ds_slack_user_free);
  return users;
}

DsSlackUsers *
ds_slack_users_ref (DsSlackUsers *users)
{
  return g_rc_box_acquire (users);
}

static void
users_clear (DsSlackUsers *users)
{
  g_hash_table_unref (users->by_id);
}

/* Lets go of @users: the cache goes with the last. */
void
ds_slack_users_free (DsSlackUsers *users)
{
  if (users == NULL)
    return;
  g_rc_box_release_full (users, (GDestroyNotify)users_clear);
}

const DsSlackUser *
ds_slack_users_lookup (DsSlackUsers *users,
                       const char   *id)
{
  g_return_val_if_fail (users != NULL && id != NULL, NULL);
  return g_hash_table_lookup (users->by_id, id);
}

/* Takes @user. */
void
ds_slack_users_add (DsSlackUsers *users,
                    DsSlackUser  *user)
{
  g_return_if_fail (users != NULL && user != NULL && user->id != NULL);
  g_hash_table_replace (users->by_id, user->id, user);
}

