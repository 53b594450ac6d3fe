/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "ds-outbox.h"
#include "ds-service.h"

G_BEGIN_DECLS

/* Every write Dayshift makes on a service for the user, as one table: its
 * outbox operation, the service, the arguments its JSON object holds and
 * what the user is told it was doing. Only core builds them (ds-actions.c),
 * always with json-glib's builder; the sender sends them by this table. */

typedef enum
{
  DS_WRITE_SLACK_REACT,
  DS_WRITE_SLACK_REPLY,
  DS_WRITE_PAGERDUTY_ACKNOWLEDGE,
  DS_WRITE_PAGERDUTY_REASSIGN,
  DS_WRITE_GITHUB_ASSIGN,
  DS_WRITE_GITHUB_UNASSIGN,
  DS_WRITE_GITHUB_REQUEST_REVIEW,
  DS_WRITE_GITHUB_CREATE_ISSUE,
  DS_WRITE_GITHUB_COMMENT,
  DS_WRITE_ZENHUB_ADD_TO_EPIC,
} DsWriteKind;

#define DS_N_WRITES (DS_WRITE_ZENHUB_ADD_TO_EPIC + 1)

typedef struct
{
  DsWriteKind  kind;
  const char  *op;            /* the outbox's name for it: "slack.react" */
  DsService    service;
  const char  *args;          /* the members of its arguments, for people */
  const char  *label;         /* untranslated: use ds_write_label() */
  gboolean     needed_later;  /* later writes of the item use what it makes */
} DsWrite;

const DsWrite *ds_write_get    (DsWriteKind     kind);
const DsWrite *ds_write_lookup (const char     *op);
const char    *ds_write_label  (const DsWrite  *write);

/* A builder holding an open object for @kind's arguments. */
JsonBuilder   *ds_write_begin  (void);
/* Closes the builder's object and adds the write to @writes. */
void           ds_write_add    (GPtrArray      *writes,
                                DsWriteKind     kind,
                                JsonBuilder    *args);
GPtrArray     *ds_writes_new   (void);

G_END_DECLS
