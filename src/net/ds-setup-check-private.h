/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib/gi18n-lib.h>

#include "ds-setup-check.h"

G_BEGIN_DECLS

/* What a service's checks (ds-setup-check-SERVICE.c) use. A check begins
 * its row (shown as pending), asks, and ends it once: passed, failed with
 * the fix and a link, or skipped. An answer awaited holds the run; the run
 * ends when nothing holds it. */

DsHttp        *_ds_setup_http        (DsSetupCheck *self);
DsTeamProfile *_ds_setup_profile     (DsSetupCheck *self);
GCancellable  *_ds_setup_cancellable (DsSetupCheck *self);
gboolean       _ds_setup_has_token   (DsSetupCheck *self,
                                      DsService     service,
                                      gboolean      app);
const char    *_ds_setup_app_token   (DsSetupCheck *self,
                                      DsService     service);

DsCheckRow    *_ds_setup_begin       (DsSetupCheck *self,
                                      guint         section,
                                      const char   *title,
                                      const char   *id_format,
                                      ...) G_GNUC_PRINTF (4, 5);
/* A pending row's title once the answer tells it (a schedule's name where
 * only its id was known): shown when the row ends. */
void           _ds_setup_retitle     (DsSetupCheck *self,
                                      DsCheckRow   *row,
                                      const char   *title);
void           _ds_setup_pass        (DsSetupCheck *self,
                                      DsCheckRow   *row,
                                      const char   *detail);
void           _ds_setup_fail        (DsSetupCheck *self,
                                      DsCheckRow   *row,
                                      const char   *detail,
                                      const char   *fix,
                                      const char   *link);
void           _ds_setup_skip        (DsSetupCheck *self,
                                      DsCheckRow   *row,
                                      const char   *why);
/* A row that fails because the service answered with an error: the
 * error's words, and the fix given. */
void           _ds_setup_fail_error  (DsSetupCheck *self,
                                      DsCheckRow   *row,
                                      const GError *error,
                                      const char   *fix,
                                      const char   *link);

/* Whether @error is the service's own answer to what was asked (a token
 * refused, a refusal in its words, nothing there), rather than no answer
 * to go by (offline, a timeout, a 5xx, a rate limit, an answer that could
 * not be read). */
gboolean       _ds_setup_answered    (const GError *error);
/* A row whose call got no answer to go by: the error's words, and to
 * check the connection and run the check again. */
void           _ds_setup_fail_unreached (DsSetupCheck *self,
                                         DsCheckRow   *row,
                                         DsService     service,
                                         const GError *error);
/* Why a check that needed such an answer was not asked: "Not asked:
 * GitHub could not be reached." */
char          *_ds_setup_unreached_why (DsService   service);
/* The page where a token of @service is made: GitHub's on the web site of
 * the API address checked (GitHub Enterprise's own). */
char          *_ds_setup_token_page  (DsSetupCheck *self,
                                      DsService     service);
/* @path ("/orgs/acme/invitation") on the GitHub web site of the API
 * address checked. */
char          *_ds_setup_github_page (DsSetupCheck *self,
                                      const char   *path);

/* An answer awaited: the run does not end before it is released. */
DsSetupCheck  *_ds_setup_hold        (DsSetupCheck *self);
void           _ds_setup_release     (DsSetupCheck *self);

/* Each service's checks, started once its tokens are known; the table is in
 * ds-setup-check.c. Each may assume its token is set on the client. */
void _ds_setup_check_github    (DsSetupCheck *self);
void _ds_setup_check_slack     (DsSetupCheck *self);
void _ds_setup_check_pagerduty (DsSetupCheck *self);
void _ds_setup_check_zenhub    (DsSetupCheck *self);

G_END_DECLS
