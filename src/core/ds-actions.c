/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-actions"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "ds-actions.h"
#include "ds-text.h"
#include "ds-error.h"
#include "ds-writes.h"

#define TITLE_MAX_CHARS 100

/* Adds a write; the builder holds an open object, closed here. */
static void
add (GPtrArray   *writes,
     DsWriteKind  kind,
     JsonBuilder *builder)
{
  ds_write_add (writes, kind, builder);
  g_object_unref (builder);
}

static void
member (JsonBuilder *builder,
        const char  *name,
        const char  *value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

static void
member_int (JsonBuilder *builder,
            const char  *name,
            gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

static void
member_strv (JsonBuilder        *builder,
             const char         *name,
             const char * const *values)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    json_builder_add_string_value (builder, values[i]);
  json_builder_end_array (builder);
}

/**
 * ds_actions_split_slack_id:
 *
 * A Slack item's remote id is "CHANNEL/TS".
 */
gboolean
ds_actions_split_slack_id (DsItem  *item,
                           char   **channel,
                           char   **ts)
{
  const char *id = ds_item_get_remote_id (item);
  const char *slash = strchr (id, '/');

  if (g_strcmp0 (ds_item_get_source (item), "slack") != 0 || slash == NULL || slash == id ||
      slash[1] == '\0')
    return FALSE;
  *channel = g_strndup (id, slash - id);
  *ts = g_strdup (slash + 1);
  return TRUE;
}

/**
 * ds_actions_split_github_id:
 *
 * An issue or pull request's remote id is "OWNER/REPO#NUMBER"; runs and
 * notifications have other shapes and are refused. @repo and @number may
 * be %NULL to ask only whether it is one.
 */
gboolean
ds_actions_split_github_id (DsItem  *item,
                            char   **repo,
                            gint64  *number)
{
  const char *id = ds_item_get_remote_id (item);
  const char *hash = strrchr (id, '#');
  char *end = NULL;
  gint64 n;

  if (g_strcmp0 (ds_item_get_source (item), "github") != 0 || hash == NULL || hash == id)
    return FALSE;
  n = g_ascii_strtoll (hash + 1, &end, 10);
  if (end == hash + 1 || *end != '\0' || n <= 0)
    return FALSE;
  if (repo != NULL)
    *repo = g_strndup (id, hash - id);
  if (number != NULL)
    *number = n;
  return TRUE;
}

/* Puts @value where the user's template says "%s" (or after it, if it
 * does not): never a printf format, so a template cannot misbehave. */
static char *
fill (const char *template,
      const char *value)
{
  g_auto(GStrv) parts = NULL;

  if (template == NULL || *template == '\0')
    return g_strdup (value);
  if (strstr (template, "%s") == NULL)
    return g_strconcat (template, " ", value, NULL);
  parts = g_strsplit (template, "%s", -1);
  return g_strjoinv (value, parts);
}

static void
add_slack_reply (GPtrArray  *writes,
                 const char *channel,
                 const char *ts,
                 const char *text)
{
  JsonBuilder *b = ds_write_begin ();

  member (b, "channel", channel);
  member (b, "thread_ts", ts);
  member (b, "text", text);
  add (writes, DS_WRITE_SLACK_REPLY, b);
}

/**
 * ds_actions_acknowledge:
 *
 * Slack: the reaction, and the reply if one is set. PagerDuty: acknowledge
 * the incident. GitHub: nothing to write (the state is Dayshift's).
 *
 * Returns: (transfer container) (element-type DsOutboxEntry): the writes
 */
GPtrArray *
ds_actions_acknowledge (DsItem              *item,
                        const DsActionTexts *texts)
{
  GPtrArray *writes = ds_writes_new ();
  g_autofree char *channel = NULL;
  g_autofree char *ts = NULL;

  if (ds_actions_split_slack_id (item, &channel, &ts))
    {
      if (texts->reaction != NULL && *texts->reaction != '\0')
        {
          JsonBuilder *b = ds_write_begin ();

          member (b, "channel", channel);
          member (b, "ts", ts);
          member (b, "name", texts->reaction);
          add (writes, DS_WRITE_SLACK_REACT, b);
        }
      if (texts->ack_reply != NULL && *texts->ack_reply != '\0')
        add_slack_reply (writes, channel, ts, texts->ack_reply);
    }
  else if (g_strcmp0 (ds_item_get_source (item), "pagerduty") == 0)
    {
      JsonBuilder *b = ds_write_begin ();

      member (b, "incident", ds_item_get_remote_id (item));
      add (writes, DS_WRITE_PAGERDUTY_ACKNOWLEDGE, b);
    }
  return writes;
}

/**
 * ds_actions_delegate:
 *
 * Slack: a thread reply that mentions the teammate. GitHub: a review
 * request on a pull request, an assignee on an issue. PagerDuty: reassign.
 * A teammate without an account on the item's service is an error that
 * names what the team profile lacks.
 *
 * Returns: (transfer container) (element-type DsOutboxEntry): the writes
 */
GPtrArray *
ds_actions_delegate (DsItem               *item,
                     const DsTeammate     *teammate,
                     const DsActionTexts  *texts,
                     GError              **error)
{
  g_autoptr(GPtrArray) writes = ds_writes_new ();
  g_autofree char *channel = NULL;
  g_autofree char *ts = NULL;
  g_autofree char *repo = NULL;
  const char *source = ds_item_get_source (item);
  const char *needed = NULL;
  gint64 number = 0;

  if (ds_actions_split_slack_id (item, &channel, &ts))
    {
      if (teammate->slack == NULL)
        needed = "slack";
      else
        {
          g_autofree char *mention = g_strdup_printf ("<@%s>", teammate->slack);
          g_autofree char *text = fill (texts->delegate_reply, mention);

          add_slack_reply (writes, channel, ts, text);
        }
    }
  else if (ds_actions_split_github_id (item, &repo, &number))
    {
      if (teammate->github == NULL)
        needed = "github";
      else
        {
          JsonBuilder *b = ds_write_begin ();

          member (b, "repo", repo);
          member_int (b, "number", number);
          member (b, "login", teammate->github);
          add (writes, ds_item_get_kind (item) == DS_ITEM_KIND_REVIEW
                       ? DS_WRITE_GITHUB_REQUEST_REVIEW : DS_WRITE_GITHUB_ASSIGN, b);
        }
    }
  else if (g_strcmp0 (source, "pagerduty") == 0)
    {
      if (teammate->pagerduty == NULL)
        needed = "pagerduty";
      else
        {
          JsonBuilder *b = ds_write_begin ();

          member (b, "incident", ds_item_get_remote_id (item));
          member (b, "user", teammate->pagerduty);
          add (writes, DS_WRITE_PAGERDUTY_REASSIGN, b);
        }
    }

  if (needed != NULL)
    {
      g_set_error (error, DS_ERROR, DS_ERROR_PROFILE,
                   _("%s has no %s account in the team profile (teammates[].%s): add it to "
                     "delegate this item to them."),
                   teammate->name, ds_item_source_label (source), needed);
      return NULL;
    }
  return g_steal_pointer (&writes);
}

/**
 * ds_actions_issue_title:
 *
 * Returns: (transfer full): the first non-empty line of the item's text (or
 *   its title), at most 100 characters
 */
char *
ds_actions_issue_title (DsItem *item)
{
  const char *text = ds_item_get_text (item);
  g_auto(GStrv) lines = g_strsplit (text != NULL && *text != '\0' ? text
                                    : ds_item_get_title (item) != NULL
                                    ? ds_item_get_title (item) : "", "\n", -1);
  g_autofree char *first = NULL;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_strstrip (lines[i]);
      if (*lines[i] != '\0')
        {
          first = g_strdup (lines[i]);
          break;
        }
    }
  if (first == NULL)
    return g_strdup (_("Support request"));
  if (g_utf8_strlen (first, -1) > TITLE_MAX_CHARS)
    {
      char *cut = g_utf8_offset_to_pointer (first, TITLE_MAX_CHARS - 1);
      *cut = '\0';
      return g_strconcat (first, "…", NULL);
    }
  return g_steal_pointer (&first);
}

/* The issue's body, in GitHub's Markdown: what was asked, quoted, and who
 * asked where, each shown as written (no HTML, links or @mentions of its
 * own: ds_text_append_markdown()); the item's link only if it is a web
 * link ($permalink is the Slack message's, filled in when it is sent). */
static char *
issue_body (DsItem *item)
{
  GString *body = g_string_new (NULL);
  const char *text = ds_item_get_text (item);
  const char *requester = ds_item_get_requester (item);
  const char *channel = ds_item_get_channel (item);
  const char *url = ds_item_get_url (item);
  const char *link = g_strcmp0 (ds_item_get_source (item), "slack") == 0
    ? "$permalink" : ds_text_is_web_link (url) ? url : NULL;
  g_autoptr(GString) who = g_string_new (NULL);
  g_autoptr(GString) where = g_string_new (NULL);

  if (text != NULL && *text != '\0')
    {
      g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

      for (guint i = 0; lines[i] != NULL; i++)
        {
          g_string_append (body, "> ");
          ds_text_append_markdown (body, lines[i]);
          g_string_append_c (body, '\n');
        }
      g_string_append_c (body, '\n');
    }
  ds_text_append_markdown (who, requester != NULL ? requester : _("someone"));
  ds_text_append_markdown (where, channel != NULL
                                    ? channel
                                    : ds_item_source_label (ds_item_get_source (item)));
  /* Translators: in a filed issue: "Requested by alice in #ops-support" */
  g_string_append_printf (body, _("Requested by %s in %s"), who->str, where->str);
  if (link != NULL)
    g_string_append_printf (body, ": %s", link);
  g_string_append_c (body, '\n');
  return g_string_free (body, FALSE);
}

/**
 * ds_actions_file_issue:
 *
 * A GitHub issue in the team repo (title from the first line, the text
 * quoted, who asked and where, the support label, assigned to the user),
 * added to the super-epic for the item's kind in ZenHub, and for a Slack
 * item, the issue's link as a thread reply.
 *
 * Returns: (transfer container) (element-type DsOutboxEntry): the writes
 */
GPtrArray *
ds_actions_file_issue (DsItem               *item,
                       DsTeamProfile        *profile,
                       const DsActionTexts  *texts,
                       GError              **error)
{
  g_autoptr(GPtrArray) writes = ds_writes_new ();
  g_autofree char *title = ds_actions_issue_title (item);
  g_autofree char *body = issue_body (item);
  g_autofree char *channel = NULL;
  g_autofree char *ts = NULL;
  const char *labels[] = { profile != NULL ? profile->support_label : NULL, NULL };
  const char *assignees[] = { "$me", NULL };
  const DsSuperEpic *epic;
  JsonBuilder *b;
  gint64 number = 0;

  if (profile == NULL || profile->team_repo == NULL)
    {
      g_set_error (error, DS_ERROR, DS_ERROR_PROFILE,
                   _("The team profile names no team repository (github.repo): Dayshift "
                     "does not know where to file the issue."));
      return NULL;
    }
  if (ds_actions_split_github_id (item, &channel, &number))
    {
      g_set_error (error, DS_ERROR, DS_ERROR_INVALID_ARGUMENT,
                   _("This item already is a GitHub issue or pull request (%s): work on it "
                     "there."), ds_item_get_remote_id (item));
      return NULL;
    }
  g_clear_pointer (&channel, g_free);
  if (ds_item_get_issue_url (item) != NULL)
    {
      g_set_error (error, DS_ERROR, DS_ERROR_INVALID_ARGUMENT,
                   _("An issue was already filed for this item: %s"),
                   ds_item_get_issue_url (item));
      return NULL;
    }

  b = ds_write_begin ();
  member (b, "repo", profile->team_repo);
  member (b, "title", title);
  member (b, "body", body);
  member_strv (b, "labels", labels);
  member_strv (b, "assignees", assignees);
  add (writes, DS_WRITE_GITHUB_CREATE_ISSUE, b);

  epic = ds_team_profile_super_epic_for (profile, ds_item_get_kind (item));
  if (epic != NULL)
    {
      b = ds_write_begin ();
      member (b, "epic_repo", epic->repo);
      member_int (b, "epic_number", epic->number);
      json_builder_set_member_name (b, "graphql");
      json_builder_add_boolean_value (b, profile->zenhub_graphql);
      add (writes, DS_WRITE_ZENHUB_ADD_TO_EPIC, b);
    }

  if (ds_actions_split_slack_id (item, &channel, &ts))
    {
      g_autofree char *text = fill (texts->issue_reply, "$issue_url");

      add_slack_reply (writes, channel, ts, text);
    }
  return g_steal_pointer (&writes);
}

/* A write on each super-epic of the team profile: the user as assignee
 * (assign, unassign), or a comment. */
static GPtrArray *
epic_writes (DsTeamProfile *profile,
             DsWriteKind    kind,
             const char    *body)
{
  GPtrArray *writes = ds_writes_new ();

  for (guint i = 0; profile != NULL && i < profile->super_epics->len; i++)
    {
      const DsSuperEpic *epic = g_ptr_array_index (profile->super_epics, i);
      JsonBuilder *b = ds_write_begin ();

      member (b, "repo", epic->repo);
      member_int (b, "number", epic->number);
      if (body != NULL)
        member (b, "body", body);
      else
        member (b, "login", "$me");
      add (writes, kind, b);
    }
  return writes;
}

/* Starting the rotation: the user as assignee of each super-epic. */
GPtrArray *
ds_actions_rotation_start (DsTeamProfile *profile)
{
  return epic_writes (profile, DS_WRITE_GITHUB_ASSIGN, NULL);
}

/* Ending it: no longer the assignee. */
GPtrArray *
ds_actions_rotation_end (DsTeamProfile *profile)
{
  return epic_writes (profile, DS_WRITE_GITHUB_UNASSIGN, NULL);
}

/* The handoff: @body as a comment on each super-epic. */
GPtrArray *
ds_actions_handoff (DsTeamProfile *profile,
                    const char    *body)
{
  g_return_val_if_fail (body != NULL, NULL);
  return epic_writes (profile, DS_WRITE_GITHUB_COMMENT, body);
}

/**
 * ds_actions_issue_target:
 * @repo: (out) (optional) (nullable): the GitHub item's repository, or %NULL
 *   for the item's filed issue
 * @number: (out) (optional): its number
 *
 * Where a write about @item's issue goes: the issue filed for it (the
 * sender reads its address when it sends), else a GitHub issue or pull
 * request itself.
 *
 * Returns: %FALSE if @item has neither
 */
gboolean
ds_actions_issue_target (DsItem  *item,
                         char   **repo,
                         gint64  *number)
{
  g_return_val_if_fail (DS_IS_ITEM (item), FALSE);

  if (ds_item_get_issue_url (item) != NULL || ds_item_get_state (item) == DS_ITEM_STATE_FILED)
    return TRUE;
  return ds_actions_split_github_id (item, repo, number);
}

/* The write's own issue, when it is not the item's filed one. */
static void
member_target (JsonBuilder *b,
               const char  *repo,
               gint64       number)
{
  if (repo == NULL)
    return;
  member (b, "repo", repo);
  member_int (b, "number", number);
}

/* Notes (of a support session, or any time), as a comment on the item's
 * issue; for a GitHub item with no issue of its own, on the item itself. */
GPtrArray *
ds_actions_timer_notes (DsItem     *item,
                        const char *text)
{
  GPtrArray *writes = ds_writes_new ();
  JsonBuilder *b = ds_write_begin ();
  g_autofree char *repo = NULL;
  gint64 number = 0;

  g_return_val_if_fail (DS_IS_ITEM (item), writes);
  if (ds_actions_issue_target (item, &repo, &number))
    member_target (b, repo, number);
  member (b, "body", text);
  add (writes, DS_WRITE_GITHUB_COMMENT, b);
  return writes;
}

/* A postmortem action item taken: the user as its assignee. */
GPtrArray *
ds_actions_take_postmortem (DsItem *item)
{
  GPtrArray *writes = ds_writes_new ();
  g_autofree char *repo = NULL;
  gint64 number = 0;

  if (ds_actions_split_github_id (item, &repo, &number))
    {
      JsonBuilder *b = ds_write_begin ();

      member (b, "repo", repo);
      member_int (b, "number", number);
      member (b, "login", "$me");
      add (writes, DS_WRITE_GITHUB_ASSIGN, b);
    }
  return writes;
}

/**
 * ds_actions_link_to_epic:
 * @epic_name: (out) (transfer none): the super-epic's name, for the history
 *
 * A GitHub item that needs no issue of its own (a pull request reviewed in
 * under 15 minutes): the item itself added to the super-epic for its kind.
 */
GPtrArray *
ds_actions_link_to_epic (DsItem         *item,
                         DsTeamProfile  *profile,
                         const char    **epic_name,
                         GError        **error)
{
  g_autoptr(GPtrArray) writes = ds_writes_new ();
  g_autofree char *repo = NULL;
  const DsSuperEpic *epic;
  gint64 number = 0;
  JsonBuilder *b;

  g_return_val_if_fail (DS_IS_ITEM (item), NULL);
  g_return_val_if_fail (profile != NULL, NULL);

  if (!ds_actions_split_github_id (item, &repo, &number))
    {
      g_set_error (error, DS_ERROR, DS_ERROR_INVALID_ARGUMENT,
                   _("Only a GitHub issue or pull request can be linked to a super-epic: file "
                     "an issue for this one instead."));
      return NULL;
    }
  epic = ds_team_profile_super_epic_for (profile, ds_item_get_kind (item));
  if (epic == NULL)
    {
      g_set_error (error, DS_ERROR, DS_ERROR_PROFILE,
                   _("No super-epic of the team profile takes a %s (super_epics[].kinds): add "
                     "the kind to one."), ds_item_kind_label (ds_item_get_kind (item)));
      return NULL;
    }
  b = ds_write_begin ();
  member (b, "repo", repo);
  member_int (b, "number", number);
  member (b, "epic_repo", epic->repo);
  member_int (b, "epic_number", epic->number);
  json_builder_set_member_name (b, "graphql");
  json_builder_add_boolean_value (b, profile->zenhub_graphql);
  add (writes, DS_WRITE_ZENHUB_ADD_TO_EPIC, b);
  if (epic_name != NULL)
    *epic_name = epic->name;
  return g_steal_pointer (&writes);
}

/**
 * ds_actions_add_teammate:
 *
 * Someone else got involved: the teammate as an assignee of the item's
 * issue (or of the GitHub item itself), and a comment saying who joined.
 */
GPtrArray *
ds_actions_add_teammate (DsItem            *item,
                         const DsTeammate  *teammate,
                         GError           **error)
{
  g_autoptr(GPtrArray) writes = ds_writes_new ();
  g_autofree char *repo = NULL;
  g_autofree char *body = NULL;
  gint64 number = 0;
  JsonBuilder *b;

  g_return_val_if_fail (DS_IS_ITEM (item), NULL);
  g_return_val_if_fail (teammate != NULL, NULL);

  if (teammate->github == NULL)
    {
      g_set_error (error, DS_ERROR, DS_ERROR_PROFILE,
                   _("%s has no GitHub account in the team profile (teammates[].github): add it "
                     "to add them to the issue."), teammate->name);
      return NULL;
    }
  if (!ds_actions_issue_target (item, &repo, &number))
    {
      g_set_error (error, DS_ERROR, DS_ERROR_INVALID_ARGUMENT,
                   _("The item has no issue: file one first, and the teammate is added there."));
      return NULL;
    }
  b = ds_write_begin ();
  member_target (b, repo, number);
  member (b, "login", teammate->github);
  add (writes, DS_WRITE_GITHUB_ASSIGN, b);

  /* Translators: the comment on the issue when a teammate is added */
  body = g_strdup_printf (_("@%s joined on this (added by Dayshift)."), teammate->github);
  b = ds_write_begin ();
  member_target (b, repo, number);
  member (b, "body", body);
  add (writes, DS_WRITE_GITHUB_COMMENT, b);
  return g_steal_pointer (&writes);
}
