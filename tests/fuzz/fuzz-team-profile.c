/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdint.h>

#include "ds-error.h"
#include "ds-team-profile.h"

/* A team profile comes from a file, or from a repository every teammate
 * reads: whatever it holds, loading gives a profile or a message, never a
 * crash, a leak or a critical. */

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DsTeamProfile) profile = NULL;

  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  profile = ds_team_profile_new_from_data ((const char *)data, size, "fuzz.json", &error);
  g_assert ((profile == NULL) != (error == NULL));
  if (error != NULL)
    g_assert_true (error->domain == DS_ERROR && error->message[0] != '\0');
  return 0;
}
