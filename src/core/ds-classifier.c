/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-classifier"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ds-classifier.h"
#include "ds-item-private.h"

#define TITLE_MAX_CHARS 120

/* The first non-empty line, short enough for a title. */
static char *
title_of (const char *text)
{
  const char *p = text != NULL ? text : "";

  while (*p != '\0')
    {
      const char *end = strchr (p, '\n');
      g_autofree char *line = end ? g_strndup (p, end - p) : g_strdup (p);

      g_strstrip (line);
      if (*line != '\0')
        {
          if (g_utf8_strlen (line, -1) > TITLE_MAX_CHARS)
            {
              g_autofree char *cut = g_utf8_substring (line, 0, TITLE_MAX_CHARS - 1);
              return g_strconcat (cut, "…", NULL);
            }
          return g_steal_pointer (&line);
        }
      if (end == NULL)
        break;
      p = end + 1;
    }
  return g_strdup (_("(no text)"));
}

static const char *
person (DsTeamProfile *profile,
        DsSlackUsers  *users,
        const char    *slack_id)
{
  const DsTeammate *mate = ds_team_profile_find_teammate_by_slack (profile, slack_id);
  const DsSlackUser *user;

  if (mate != NULL)
    return mate->name;
  user = users != NULL && slack_id != NULL ? ds_slack_users_lookup (users, slack_id) : NULL;
  if (user != NULL)
    {
      if (user->real_name != NULL && *user->real_name != '\0')
        return user->real_name;
      if (user->display_name != NULL && *user->display_name != '\0')
        return user->display_name;
      if (user->name != NULL)
        return user->name;
    }
  return slack_id;
}

static gint64
ts_seconds (const char *ts)
{
  return ts != NULL ? g_ascii_strtoll (ts, NULL, 10) : 0;
}

static DsItemKind
kind_for_role (DsChannelRole role)
{
  switch (role)
    {
    case DS_CHANNEL_ALERTS: return DS_ITEM_KIND_ALERT;
    case DS_CHANNEL_DEPLOYS: return DS_ITEM_KIND_DEPLOY;
    case DS_CHANNEL_SUPPORT:
    case DS_CHANNEL_OPERATIONS:
    case DS_CHANNEL_SRE:
    case DS_CHANNEL_ONCALL:
    default:
      return DS_ITEM_KIND_REQUEST;
    }
}

/* Someone other than the user who reacted with @reaction, or NULL. */
static const char *
reacted_by_other (const DsSlackMessage *message,
                  const char           *reaction,
                  const DsIdentity     *me)
{
  for (guint i = 0; message->reactions != NULL && i < message->reactions->len; i++)
    {
      DsSlackReaction *r = g_ptr_array_index (message->reactions, i);

      if (g_strcmp0 (r->name, reaction) != 0 || r->users == NULL)
        continue;
      for (guint u = 0; r->users[u] != NULL; u++)
        if (g_strcmp0 (r->users[u], me->slack_id) != 0)
          return r->users[u];
    }
  return NULL;
}

static gboolean
has_reaction (const DsSlackMessage *message,
              const char           *reaction)
{
  for (guint i = 0; message->reactions != NULL && i < message->reactions->len; i++)
    if (g_strcmp0 (((DsSlackReaction *)g_ptr_array_index (message->reactions, i))->name,
                   reaction) == 0)
      return TRUE;
  return FALSE;
}

/* A teammate (not the asker, not the user) who answered in the thread. */
static const char *
replied_by_teammate (DsTeamProfile        *profile,
                     const DsSlackMessage *message,
                     GPtrArray            *replies,
                     const DsIdentity     *me)
{
  for (guint i = 0; replies != NULL && i < replies->len; i++)
    {
      DsSlackMessage *reply = g_ptr_array_index (replies, i);

      if (g_strcmp0 (reply->ts, message->ts) == 0 || reply->user == NULL)
        continue;
      if (g_strcmp0 (reply->user, message->user) == 0 || g_strcmp0 (reply->user, me->slack_id) == 0)
        continue;
      if (ds_team_profile_find_teammate_by_slack (profile, reply->user) != NULL)
        return reply->user;
    }
  return NULL;
}

/* When the team first answered in the thread: the earliest reply by the
 * user or a teammate, not by whoever asked; 0 if none. */
static gint64
first_answer (DsTeamProfile        *profile,
              const DsSlackMessage *message,
              GPtrArray            *replies,
              const DsIdentity     *me)
{
  gint64 first = 0;

  for (guint i = 0; replies != NULL && i < replies->len; i++)
    {
      DsSlackMessage *reply = g_ptr_array_index (replies, i);
      gint64 at = ts_seconds (reply->ts);

      if (g_strcmp0 (reply->ts, message->ts) == 0 || reply->user == NULL ||
          g_strcmp0 (reply->user, message->user) == 0 || at <= 0)
        continue;
      if (((me->slack_id != NULL && g_strcmp0 (reply->user, me->slack_id) == 0) ||
           ds_team_profile_find_teammate_by_slack (profile, reply->user) != NULL) &&
          (first == 0 || at < first))
        first = at;
    }
  return first;
}

/* The thread as people read it: names, plain text, oldest first, the last
 * DS_THREAD_KEEP replies at most. */
#define DS_THREAD_KEEP 100

static GPtrArray *
thread_of (DsTeamProfile        *profile,
           const DsSlackMessage *message,
           GPtrArray            *replies,
           DsSlackUsers         *users)
{
  GPtrArray *thread = g_ptr_array_new_with_free_func ((GDestroyNotify)ds_item_reply_free);
  guint first = replies->len > DS_THREAD_KEEP ? replies->len - DS_THREAD_KEEP : 0;

  for (guint i = first; i < replies->len; i++)
    {
      DsSlackMessage *reply = g_ptr_array_index (replies, i);
      g_autofree char *plain = NULL;
      const char *author;

      if (reply->ts == NULL || g_strcmp0 (reply->ts, message->ts) == 0)
        continue;
      if (reply->bot_id != NULL || reply->user == NULL)
        author = reply->username != NULL ? reply->username : _("a bot");
      else
        author = person (profile, users, reply->user);
      plain = ds_slack_plain_text (reply->text, profile, users);
      g_ptr_array_add (thread, ds_item_reply_new (ts_seconds (reply->ts), author, plain));
    }
  return thread;
}

/**
 * ds_classify_slack_message:
 * @replies: (nullable) (element-type DsSlackMessage): the thread, if read
 * @users: (nullable): names for user ids
 *
 * A new top-level message in a watched channel. Requests come from people;
 * bots count only where the channel's role wants them (alerts, deploys);
 * in the deploys channel only failures count. A message a teammate claimed
 * (an :eyes: or :white_check_mark: reaction, or a reply in its thread)
 * becomes an item claimed by them; :white_check_mark: also makes it done.
 * The first reply by the user or a teammate in the thread is the item's
 * first response.
 */
/**
 * ds_slack_plain_text:
 *
 * Slack's message format as people read it: "<@U123>" is "@Name",
 * "<#C123|ops>" is "#ops", "<https://x|label>" is "label",
 * "<https://x>" is the address, and "&lt;", "&gt;", "&amp;" (the only
 * escapes Slack uses) are the characters. Whatever markup the text holds
 * is then plain text, never markup.
 *
 * Returns: (transfer full): the text
 */
char *
ds_slack_plain_text (const char    *text,
                     DsTeamProfile *profile,
                     DsSlackUsers  *users)
{
  GString *out;

  if (text == NULL)
    return NULL;
  out = g_string_sized_new (strlen (text));
  for (const char *p = text; *p != '\0'; p++)
    {
      const char *end;

      if (*p == '&')
        {
          if (g_str_has_prefix (p, "&lt;"))
            g_string_append_c (out, '<'), p += 3;
          else if (g_str_has_prefix (p, "&gt;"))
            g_string_append_c (out, '>'), p += 3;
          else if (g_str_has_prefix (p, "&amp;"))
            g_string_append_c (out, '&'), p += 4;
          else
            g_string_append_c (out, '&');
          continue;
        }
      if (*p != '<' || (end = strchr (p, '>')) == NULL)
        {
          g_string_append_c (out, *p);
          continue;
        }
      {
        g_autofree char *inner = g_strndup (p + 1, end - p - 1);
        char *bar = strchr (inner, '|');
        g_autofree char *label = NULL;

        if (bar != NULL)
          {
            *bar = '\0';
            label = ds_slack_plain_text (bar + 1, NULL, NULL);
          }
        if (inner[0] == '@')
          g_string_append_printf (out, "@%s", label != NULL ? label
                                              : profile != NULL ? person (profile, users, inner + 1)
                                              : inner + 1);
        else if (inner[0] == '#')
          g_string_append_printf (out, "#%s", label != NULL ? label : inner + 1);
        else if (inner[0] == '!')
          g_string_append_printf (out, "@%s", label != NULL ? label : inner + 1);
        else
          {
            g_autofree char *address = ds_slack_plain_text (inner, NULL, NULL);
            g_string_append (out, label != NULL ? label : address);
          }
        p = end;
      }
    }
  return g_string_free (out, FALSE);
}

DsItem *
ds_classify_slack_message (DsTeamProfile        *profile,
                           const DsIdentity     *me,
                           const char           *channel_id,
                           const DsSlackMessage *message,
                           GPtrArray            *replies,
                           DsSlackUsers         *users)
{
  const DsProfileChannel *channel;
  g_autofree char *remote_id = NULL;
  g_autofree char *title = NULL;
  g_autofree char *label = NULL;
  g_autofree char *mention = NULL;
  g_autofree char *plain = NULL;
  gboolean is_bot;
  const char *claimer;
  DsItemKind kind;
  DsItem *item;

  g_return_val_if_fail (profile != NULL && me != NULL && message != NULL, NULL);

  channel = ds_team_profile_find_channel (profile, channel_id);
  if (channel == NULL || message->ts == NULL)
    return NULL;

  /* Thread replies and channel events (joins, topic changes) are not requests. */
  if (message->thread_ts != NULL && g_strcmp0 (message->thread_ts, message->ts) != 0)
    return NULL;
  is_bot = message->bot_id != NULL || g_strcmp0 (message->subtype, "bot_message") == 0;
  if (message->subtype != NULL && g_strcmp0 (message->subtype, "bot_message") != 0 &&
      g_strcmp0 (message->subtype, "thread_broadcast") != 0)
    return NULL;
  if (is_bot && !channel->bots)
    return NULL;
  if (!is_bot && me->slack_id != NULL && g_strcmp0 (message->user, me->slack_id) == 0)
    return NULL;

  kind = kind_for_role (channel->role);
  if (kind == DS_ITEM_KIND_DEPLOY && !ds_team_profile_is_deploy_failure (profile, message->text))
    return NULL;

  remote_id = g_strdup_printf ("%s/%s", channel_id, message->ts);
  plain = ds_slack_plain_text (message->text, profile, users);
  title = title_of (plain);
  item = ds_item_new ("slack", remote_id, kind, title);
  ds_item_set_text (item, plain);
  ds_item_set_created (item, ts_seconds (message->ts));
  ds_item_set_requester (item, is_bot ? (message->username ? message->username : _("a bot"))
                                      : person (profile, users, message->user));
  label = g_strdup_printf ("#%s", channel->name != NULL ? channel->name : channel_id);
  ds_item_set_channel (item, label);
  ds_item_set_emergency (item, ds_team_profile_is_emergency (profile, plain));
  if (me->slack_id != NULL)
    {
      mention = g_strdup_printf ("<@%s>", me->slack_id);
      ds_item_set_mine (item, message->text != NULL && strstr (message->text, mention) != NULL);
    }

  claimer = reacted_by_other (message, DS_DONE_REACTION, me);
  if (claimer == NULL)
    claimer = reacted_by_other (message, DS_CLAIM_REACTION, me);
  if (claimer == NULL)
    claimer = replied_by_teammate (profile, message, replies, me);
  if (claimer != NULL)
    ds_item_set_claimed_by (item, person (profile, users, claimer));
  ds_item_note_response (item, first_answer (profile, message, replies, me));
  if (has_reaction (message, DS_DONE_REACTION))
    ds_item_set_state_unchecked (item, DS_ITEM_STATE_DONE);
  if (replies != NULL)
    {
      g_autoptr(GPtrArray) thread = thread_of (profile, message, replies, users);

      ds_item_set_replies (item, thread);
    }

  return item;
}

static char *
issue_remote_id (const DsGhIssue *issue)
{
  return g_strdup_printf ("%s#%" G_GINT64_FORMAT, issue->repo != NULL ? issue->repo : "?",
                          issue->number);
}

/**
 * ds_classify_github_issue:
 * @kind: what the query that found it looks for (review, access, postmortem)
 * @mine: asked of the user directly (a review request to them)
 */
DsItem *
ds_classify_github_issue (DsTeamProfile    *profile,
                          const DsIdentity *me,
                          const DsGhIssue  *issue,
                          DsItemKind        kind,
                          gboolean          mine)
{
  g_autofree char *remote_id = NULL;
  DsItem *item;

  g_return_val_if_fail (profile != NULL && issue != NULL, NULL);

  if (issue->repo == NULL || issue->title == NULL)
    return NULL;
  /* The user's own pull request asks nothing of them. */
  if (kind == DS_ITEM_KIND_REVIEW && me != NULL && me->github_login != NULL &&
      g_strcmp0 (issue->author, me->github_login) == 0)
    return NULL;

  remote_id = issue_remote_id (issue);
  item = ds_item_new ("github", remote_id, kind, issue->title);
  ds_item_set_text (item, issue->body);
  ds_item_set_url (item, issue->html_url);
  ds_item_set_requester (item, issue->author);
  ds_item_set_channel (item, issue->repo);
  ds_item_set_created (item, issue->created > 0 ? issue->created : issue->updated);
  ds_item_set_mine (item, mine);
  ds_item_set_emergency (item, ds_team_profile_is_emergency (profile, issue->title));
  if (g_strcmp0 (issue->state, "closed") == 0)
    ds_item_set_state_unchecked (item, DS_ITEM_STATE_DONE);
  /* Someone of the team already took it. */
  if (kind != DS_ITEM_KIND_REVIEW && issue->assignees != NULL && issue->assignees[0] != NULL &&
      (me == NULL || g_strcmp0 (issue->assignees[0], me->github_login) != 0))
    ds_item_set_claimed_by (item, issue->assignees[0]);
  return item;
}

static gboolean
is_deploy_workflow (DsTeamProfile *profile,
                    const DsGhRun *run)
{
  if (profile->deploy_workflows == NULL || profile->deploy_workflows[0] == NULL)
    return TRUE;
  for (guint i = 0; profile->deploy_workflows[i] != NULL; i++)
    {
      const char *w = profile->deploy_workflows[i];

      if (g_strcmp0 (run->name, w) == 0 ||
          (run->html_url != NULL && strstr (run->html_url, w) != NULL))
        return TRUE;
    }
  return FALSE;
}

/**
 * ds_classify_github_run:
 *
 * A failed run of one of the team's deploy workflows, whoever started it.
 */
DsItem *
ds_classify_github_run (DsTeamProfile *profile,
                        const char    *repo,
                        const DsGhRun *run)
{
  g_autofree char *remote_id = NULL;
  g_autofree char *title = NULL;
  DsItem *item;

  g_return_val_if_fail (profile != NULL && run != NULL, NULL);

  if (g_strcmp0 (run->conclusion, "failure") != 0 && g_strcmp0 (run->status, "failure") != 0)
    return NULL;
  if (!is_deploy_workflow (profile, run))
    return NULL;

  remote_id = g_strdup_printf ("%s/runs/%" G_GINT64_FORMAT, repo, run->id);
  /* Translators: "Deploy failed: <workflow> on <branch>" */
  title = g_strdup_printf (_("Deploy failed: %s on %s"), run->name ? run->name : "?",
                           run->head_branch ? run->head_branch : "?");
  item = ds_item_new ("github", remote_id, DS_ITEM_KIND_DEPLOY, title);
  ds_item_set_text (item, run->display_title);
  ds_item_set_url (item, run->html_url);
  ds_item_set_requester (item, run->triggering_actor ? run->triggering_actor : run->actor);
  ds_item_set_channel (item, repo);
  ds_item_set_created (item, run->created);
  return item;
}

/**
 * ds_classify_github_notification:
 *
 * A mention of the user (or their team) that GitHub notified.
 */
DsItem *
ds_classify_github_notification (DsTeamProfile          *profile,
                                 const DsGhNotification *notification)
{
  g_autofree char *remote_id = NULL;
  DsItem *item;

  g_return_val_if_fail (profile != NULL && notification != NULL, NULL);

  if (g_strcmp0 (notification->reason, "mention") != 0 &&
      g_strcmp0 (notification->reason, "team_mention") != 0)
    return NULL;

  remote_id = g_strdup_printf ("notifications/%s", notification->id);
  item = ds_item_new ("github", remote_id, DS_ITEM_KIND_MENTION,
                      notification->title ? notification->title : "?");
  ds_item_set_channel (item, notification->repo);
  ds_item_set_created (item, notification->updated);
  ds_item_set_mine (item, g_strcmp0 (notification->reason, "mention") == 0);
  ds_item_set_emergency (item, ds_team_profile_is_emergency (profile, notification->title));
  return item;
}

/**
 * ds_classify_incident:
 *
 * A PagerDuty incident; high urgency is an emergency.
 */
DsItem *
ds_classify_incident (DsTeamProfile      *profile,
                      const DsIdentity   *me,
                      const DsPdIncident *incident)
{
  DsItem *item;

  g_return_val_if_fail (profile != NULL && incident != NULL, NULL);

  item = ds_item_new ("pagerduty", incident->id, DS_ITEM_KIND_INCIDENT,
                      incident->title ? incident->title : incident->id);
  ds_item_set_url (item, incident->html_url);
  ds_item_set_requester (item, incident->service);
  ds_item_set_channel (item, "PagerDuty");
  ds_item_set_created (item, incident->created);
  ds_item_set_emergency (item, g_strcmp0 (incident->urgency, "high") == 0);
  ds_item_set_mine (item, me != NULL && me->pagerduty_id != NULL && incident->assignees != NULL &&
                          g_strv_contains ((const char * const *)incident->assignees,
                                           me->pagerduty_id));
  if (g_strcmp0 (incident->status, "resolved") == 0)
    ds_item_set_state_unchecked (item, DS_ITEM_STATE_DONE);
  else if (g_strcmp0 (incident->status, "acknowledged") == 0)
    ds_item_set_state_unchecked (item, DS_ITEM_STATE_ACKNOWLEDGED);
  return item;
}
