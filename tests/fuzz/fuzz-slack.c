/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "fuzz-common.h"
#include "ds-slack.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(JsonNode) root = fuzz_parse (data, size);

  if (root == NULL)
    return 0;
  fuzz_one (ds_slack_parse_auth, (GDestroyNotify)ds_slack_auth_free, root);
  fuzz_one (ds_slack_parse_posted, (GDestroyNotify)ds_slack_posted_free, root);
  fuzz_one (ds_slack_parse_event, (GDestroyNotify)ds_slack_event_free, root);
  fuzz_list (ds_slack_parse_messages, (GDestroyNotify)ds_slack_message_free, root);
  fuzz_list (ds_slack_parse_channels, (GDestroyNotify)ds_slack_channel_free, root);
  fuzz_list (ds_slack_parse_users, (GDestroyNotify)ds_slack_user_free, root);
  return 0;
}
