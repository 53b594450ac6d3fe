/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ds-http.h"
#include "ds-team-profile.h"

G_BEGIN_DECLS

/* The setup check: every permission the team profile in force needs,
 * asked of the live services, one row a check, each with what was found
 * and, when it failed, the fix in words and the vendor's page for it.
 * `dayshift --check-setup` prints it; the window shows it. */

typedef enum
{
  DS_CHECK_PENDING,   /* asked, no answer yet */
  DS_CHECK_PASSED,
  DS_CHECK_FAILED,
  DS_CHECK_SKIPPED,   /* not checked: an earlier check failed, or the service was
                       * not reached */
} DsCheckState;

/* The section a row is in: a service, or the teammates. */
#define DS_CHECK_TEAMMATES DS_N_SERVICES

typedef struct
{
  guint         section;   /* a DsService, or DS_CHECK_TEAMMATES */
  char         *id;        /* stable, for scripts and tests: "github.scopes",
                            * "slack.channel.C0123" */
  char         *title;     /* what is checked: "The token's scopes" */
  DsCheckState  state;
  char         *detail;    /* what was found */
  char         *fix;       /* what to do (failed or skipped), or NULL */
  char         *link;      /* the vendor's page for the fix, or NULL */
} DsCheckRow;

#define DS_TYPE_SETUP_CHECK (ds_setup_check_get_type ())

G_DECLARE_FINAL_TYPE (DsSetupCheck, ds_setup_check, DS, SETUP_CHECK, GObject)

DsSetupCheck *ds_setup_check_new          (DsTeamProfile  *profile);
void          ds_setup_check_set_token    (DsSetupCheck   *self,
                                           DsService       service,
                                           gboolean        app,
                                           const char     *token);
void          ds_setup_check_set_use_keyring (DsSetupCheck *self,
                                              gboolean      use_keyring);
void          ds_setup_check_set_github_url  (DsSetupCheck *self,
                                              const char   *github_url);
void          ds_setup_check_run_async    (DsSetupCheck   *self,
                                           GCancellable   *cancellable,
                                           GAsyncReadyCallback callback,
                                           gpointer        user_data);
GPtrArray    *ds_setup_check_run_finish   (DsSetupCheck   *self,
                                           GAsyncResult   *result,
                                           GError        **error);
GPtrArray    *ds_setup_check_get_rows     (DsSetupCheck   *self);

void           ds_setup_check_load_profile_async  (const char          *location,
                                                   const char          *github_url,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
DsTeamProfile *ds_setup_check_load_profile_finish (GAsyncResult        *result,
                                                   GError             **error);

const char   *ds_check_section_label      (guint           section);
const char   *ds_check_state_to_string    (DsCheckState    state);
guint         ds_check_rows_failed        (GPtrArray      *rows);
guint         ds_check_rows_skipped       (GPtrArray      *rows);
gboolean      ds_check_rows_ok            (GPtrArray      *rows);
char         *ds_check_rows_summary       (GPtrArray      *rows);
char         *ds_check_rows_to_text       (GPtrArray      *rows);
char         *ds_check_rows_to_json       (GPtrArray      *rows);

G_END_DECLS
