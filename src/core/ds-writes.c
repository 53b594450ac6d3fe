/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-writes"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ds-writes.h"

/* Arguments: "$me" is the token's user, "$issue_url" and "$permalink" are
 * filled in when sent (the issue filed before, the Slack message's link). */
static const DsWrite writes[DS_N_WRITES] = {
  { DS_WRITE_SLACK_REACT, "slack.react", DS_SERVICE_SLACK,
    "channel, ts, name", N_("Adding the Slack reaction"), FALSE },
  { DS_WRITE_SLACK_REPLY, "slack.reply", DS_SERVICE_SLACK,
    "channel, thread_ts, text", N_("Replying in the Slack thread"), FALSE },
  { DS_WRITE_PAGERDUTY_ACKNOWLEDGE, "pagerduty.acknowledge", DS_SERVICE_PAGERDUTY,
    "incident", N_("Acknowledging the PagerDuty incident"), FALSE },
  { DS_WRITE_PAGERDUTY_REASSIGN, "pagerduty.reassign", DS_SERVICE_PAGERDUTY,
    "incident, user", N_("Reassigning the PagerDuty incident"), FALSE },
  { DS_WRITE_GITHUB_ASSIGN, "github.assign", DS_SERVICE_GITHUB,
    "[repo, number,] login (the item's issue without them)", N_("Assigning the GitHub issue"),
    FALSE },
  { DS_WRITE_GITHUB_UNASSIGN, "github.unassign", DS_SERVICE_GITHUB,
    "repo, number, login", N_("Unassigning the GitHub issue"), FALSE },
  { DS_WRITE_GITHUB_REQUEST_REVIEW, "github.request-review", DS_SERVICE_GITHUB,
    "repo, number, login", N_("Requesting the GitHub review"), FALSE },
  { DS_WRITE_GITHUB_CREATE_ISSUE, "github.create-issue", DS_SERVICE_GITHUB,
    "repo, title, body, labels, assignees", N_("Filing the GitHub issue"), TRUE },
  { DS_WRITE_GITHUB_COMMENT, "github.comment", DS_SERVICE_GITHUB,
    "body, and repo and number, or else the item's issue",
    N_("Commenting on the GitHub issue"), FALSE },
  { DS_WRITE_ZENHUB_ADD_TO_EPIC, "zenhub.add-to-epic", DS_SERVICE_ZENHUB,
    "epic_repo, epic_number, graphql (the issue: the item's)",
    N_("Adding the issue to the ZenHub epic"), FALSE },
};

const DsWrite *
ds_write_get (DsWriteKind kind)
{
  g_return_val_if_fail (kind < DS_N_WRITES, NULL);
  return &writes[kind];
}

/* Returns: (nullable): the write named @op, or %NULL for one Dayshift does
 *   not know (a newer version's, a damaged row) */
const DsWrite *
ds_write_lookup (const char *op)
{
  for (guint i = 0; op != NULL && i < DS_N_WRITES; i++)
    if (g_str_equal (writes[i].op, op))
      return &writes[i];
  return NULL;
}

const char *
ds_write_label (const DsWrite *write)
{
  return write != NULL ? _(write->label) : _("Writing to a service");
}

GPtrArray *
ds_writes_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify)ds_outbox_entry_free);
}

JsonBuilder *
ds_write_begin (void)
{
  JsonBuilder *builder = json_builder_new ();

  json_builder_begin_object (builder);
  return builder;
}

void
ds_write_add (GPtrArray   *list,
              DsWriteKind  kind,
              JsonBuilder *args)
{
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *json = NULL;

  g_return_if_fail (kind < DS_N_WRITES);

  json_builder_end_object (args);
  root = json_builder_get_root (args);
  json = json_to_string (root, FALSE);
  g_ptr_array_add (list, ds_outbox_entry_new (writes[kind].op, json));
}
