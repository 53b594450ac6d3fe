/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ds-service.h"

/* The service's name, as people know it. */
const char *
ds_service_label (DsService service)
{
  switch (service)
    {
    case DS_SERVICE_GITHUB: return _("GitHub");
    case DS_SERVICE_SLACK: return _("Slack");
    case DS_SERVICE_PAGERDUTY: return _("PagerDuty");
    case DS_SERVICE_ZENHUB: return _("ZenHub");
    default: return "?";
    }
}
