/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ds-http.h"

G_BEGIN_DECLS

/* ZenHub: adding an issue to an epic, the one thing Dayshift asks of it;
 * and, for the setup check, whether an epic can be reached. */

typedef enum
{
  DS_ZENHUB_REST,    /* POST /p1/repositories/{repo_id}/epics/{n}/update_issues */
  DS_ZENHUB_GRAPHQL, /* POST /public/graphql: addIssuesToEpics */
} DsZenhubApi;

/* The repository ids are GitHub's (ds_github_get_repo_async() gives them). */
void ds_zenhub_add_to_epic_async (DsHttp              *http,
                                  DsZenhubApi          api,
                                  gint64               repo_id,
                                  gint64               issue_number,
                                  gint64               epic_repo_id,
                                  gint64               epic_number,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data);
gboolean ds_zenhub_add_to_epic_finish (DsHttp        *http,
                                       GAsyncResult  *result,
                                       GError       **error);

/* Whether the token reaches the super-epic @epic_number of the repository
 * @repo_id (GitHub's id), as lightly as each API allows: REST GET
 * /p1/repositories/{repo_id}/epics/{n}; GraphQL the issue and its epic. A
 * refused token is DS_ERROR_AUTH; an issue ZenHub does not know
 * DS_ERROR_NOT_FOUND (from REST too when the issue is not an epic); an
 * answer that is not an epic's (REST: no "issues") DS_ERROR_BAD_RESPONSE. */
void ds_zenhub_get_epic_async (DsHttp              *http,
                               DsZenhubApi          api,
                               gint64               repo_id,
                               gint64               epic_number,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data);
gboolean ds_zenhub_get_epic_finish (DsHttp        *http,
                                    GAsyncResult  *result,
                                    GError       **error);

/* ZenHub's own ids of an issue and of the epic it goes to (GraphQL). */
typedef struct
{
  char *issue_id;
  char *epic_id;
} DsZenhubIds;

void ds_zenhub_ids_free (DsZenhubIds *ids);

/* The parsers, for tests and fuzzing. */
gpointer ds_zenhub_parse_issue_ids (JsonNode *root, const DsJsonScope *scope, GError **error);
gpointer ds_zenhub_parse_mutation  (JsonNode *root, const DsJsonScope *scope, GError **error);
gpointer ds_zenhub_parse_epic      (JsonNode *root, const DsJsonScope *scope, GError **error);
gpointer ds_zenhub_parse_rest_epic (JsonNode *root, const DsJsonScope *scope, GError **error);

G_END_DECLS
