/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "fuzz-common.h"
#include "ds-github.h"
#include "ds-github-device.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(JsonNode) root = fuzz_parse (data, size);

  if (root == NULL)
    return 0;
  fuzz_one (ds_github_parse_user, (GDestroyNotify)ds_gh_user_free, root);
  fuzz_one (ds_github_parse_issue, (GDestroyNotify)ds_gh_issue_free, root);
  fuzz_list (ds_github_parse_issues, (GDestroyNotify)ds_gh_issue_free, root);
  fuzz_list (ds_github_parse_search, (GDestroyNotify)ds_gh_issue_free, root);
  fuzz_list (ds_github_parse_notifications, (GDestroyNotify)ds_gh_notification_free, root);
  fuzz_list (ds_github_parse_runs, (GDestroyNotify)ds_gh_run_free, root);
  fuzz_list (ds_github_parse_deployments, (GDestroyNotify)ds_gh_deployment_free, root);
  fuzz_list (ds_github_parse_deployment_statuses,
             (GDestroyNotify)ds_gh_deployment_status_free, root);
  fuzz_list (ds_github_parse_users, (GDestroyNotify)ds_gh_user_free, root);
  fuzz_one (ds_github_parse_repo, (GDestroyNotify)ds_gh_repo_free, root);
  fuzz_one (ds_github_parse_team, (GDestroyNotify)ds_gh_team_free, root);
  fuzz_one (ds_github_parse_membership, (GDestroyNotify)ds_gh_membership_free, root);
  fuzz_one (ds_github_device_parse_code, (GDestroyNotify)ds_gh_device_code_free, root);
  fuzz_one (ds_github_device_parse_answer, (GDestroyNotify)ds_gh_device_answer_free, root);
  return 0;
}
