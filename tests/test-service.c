/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "ds-item.h"
#include "ds-service.h"

/* The table of services: each found by its id and by its tokens' names,
 * and named the same wherever its name is asked. */

static void
test_table (void)
{
  for (DsService s = 0; s < DS_N_SERVICES; s++)
    {
      const DsServiceInfo *info = ds_service_info (s);
      gboolean app = TRUE;

      g_assert_cmpint (info->service, ==, s);
      g_assert_true (ds_service_info_for_id (info->id) == info);
      g_assert_true (ds_service_info_for_secret (info->id, &app) == info);
      g_assert_false (app);
      g_assert_cmpstr (ds_item_source_label (info->id), ==, ds_service_label (s));
      g_assert_true (g_str_has_prefix (info->default_url, "https://"));
      g_assert_nonnull (ds_service_default_host (s));
      if (info->app_secret != NULL)
        {
          g_assert_true (ds_service_info_for_secret (info->app_secret, &app) == info);
          g_assert_true (app);
          g_assert_nonnull (info->app_label);
        }
    }
  g_assert_cmpstr (ds_service_label (DS_SERVICE_PAGERDUTY), ==, "PagerDuty");
  g_assert_cmpstr (ds_service_default_host (DS_SERVICE_SLACK), ==, "slack.com");
  g_assert_cmpstr (ds_service_default_host (DS_SERVICE_GITHUB), ==, "api.github.com");
  g_assert_true (ds_service_info_for_id ("slack-app") == NULL);
  g_assert_true (ds_service_info_for_secret ("slack-app", NULL)->service == DS_SERVICE_SLACK);
  g_assert_null (ds_service_info_for_id ("opsgenie"));
  g_assert_null (ds_service_info_for_id (NULL));
  /* An unknown source is shown as it is. */
  g_assert_cmpstr (ds_item_source_label ("opsgenie"), ==, "opsgenie");
  /* Only GitHub is in every team profile. */
  g_assert_true (ds_service_info (DS_SERVICE_GITHUB)->required);
  g_assert_false (ds_service_info (DS_SERVICE_SLACK)->required);
  /* ZenHub is only written to. */
  g_assert_true (ds_service_info (DS_SERVICE_PAGERDUTY)->read);
  g_assert_false (ds_service_info (DS_SERVICE_ZENHUB)->read);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ds/service/table", test_table);
  return g_test_run ();
}
