/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ds-http.h"

G_BEGIN_DECLS

struct _DsHttpCall
{
  DsService  service;
  char      *method;
  GString   *path;         /* path and query, relative to the base URL, or absolute */
  GBytes    *body;
  char      *content_type;
  GString   *form;
  gboolean   conditional;
  gboolean   bearer;       /* ZenHub GraphQL */
  gboolean   app_token;    /* Slack Socket Mode */
};

DsHttpCall *ds_http_call_copy        (const DsHttpCall   *call);
void        ds_http_call_set_query   (DsHttpCall         *call,
                                      const char         *name,
                                      const char         *value);
gint64      ds_http_backoff_after    (guint              *failures);
gint64      ds_http_rate_limit_until (DsService           service,
                                      guint               status,
                                      SoupMessageHeaders *headers,
                                      guint              *failures,
                                      gboolean           *limited);

G_END_DECLS
