/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-setup-check"

#include "config.h"

#include "ds-pagerduty.h"
#include "ds-setup-check-private.h"

/* PagerDuty's checks: whose token it is; then the schedule, the layer and
 * the next shift. */

typedef struct
{
  DsSetupCheck *self;
  DsCheckRow   *token;
} MeCheck;

static void
on_me (GObject      *source,
       GAsyncResult *result,
       gpointer      user_data)
{
  MeCheck *check = user_data;
  DsSetupCheck *self = check->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(DsPdUser) me = ds_pagerduty_get_me_finish (DS_HTTP (source), result, &error);

  if (me == NULL)
    _ds_setup_fail_error (self, check->token, error,
                          _("Make a user API token in PagerDuty (My Profile → User Settings → "
                            "Create API User Token) and save it in Settings → Team."),
                          ds_service_info (DS_SERVICE_PAGERDUTY)->token_page);
  else
    {
      g_autofree char *who = g_strdup_printf (_("PagerDuty user %s (%s)"), me->name,
                                              me->email ? me->email : "?");

      _ds_setup_pass (self, check->token, who);
    }
  _ds_setup_release (self);
  g_free (check);
}

void
_ds_setup_check_pagerduty (DsSetupCheck *self)
{
  MeCheck *check = g_new0 (MeCheck, 1);

  check->self = _ds_setup_hold (self);
  check->token = _ds_setup_begin (self, DS_SERVICE_PAGERDUTY, _("PagerDuty token"),
                                  "pagerduty.token");
  ds_pagerduty_get_me_async (_ds_setup_http (self), _ds_setup_cancellable (self), on_me, check);
}
