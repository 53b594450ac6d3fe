/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "fuzz-common.h"
#include "ds-pagerduty.h"
#include "ds-zenhub.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(JsonNode) root = fuzz_parse (data, size);

  if (root == NULL)
    return 0;
  fuzz_one (ds_pagerduty_parse_schedule, (GDestroyNotify)ds_pd_schedule_free, root);
  fuzz_one (ds_pagerduty_parse_incident, (GDestroyNotify)ds_pd_incident_free, root);
  fuzz_list (ds_pagerduty_parse_incidents, (GDestroyNotify)ds_pd_incident_free, root);
  fuzz_list (ds_pagerduty_parse_oncalls, (GDestroyNotify)ds_pd_oncall_free, root);
  fuzz_one (ds_zenhub_parse_issue_ids, (GDestroyNotify)ds_zenhub_ids_free, root);
  fuzz_one (ds_zenhub_parse_mutation, NULL, root);
  fuzz_one (ds_zenhub_parse_epic, NULL, root);
  fuzz_one (ds_zenhub_parse_rest_epic, NULL, root);
  return 0;
}
