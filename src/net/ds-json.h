/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/**
 * DsJsonScope:
 * @service: the service's name as people write it ("GitHub")
 * @endpoint: what was asked ("GET /user")
 *
 * Where a JSON value came from, so that an error can say it.
 */
typedef struct
{
  const char *service;
  const char *endpoint;
} DsJsonScope;

JsonObject  *ds_json_root_object (JsonNode           *root,
                                  const DsJsonScope  *scope,
                                  GError            **error);
JsonArray   *ds_json_root_array  (JsonNode           *root,
                                  const DsJsonScope  *scope,
                                  GError            **error);
gboolean     ds_json_string      (JsonObject         *object,
                                  const char         *member,
                                  gboolean            required,
                                  const char        **out,
                                  const DsJsonScope  *scope,
                                  GError            **error);
gboolean     ds_json_int         (JsonObject         *object,
                                  const char         *member,
                                  gboolean            required,
                                  gint64             *out,
                                  const DsJsonScope  *scope,
                                  GError            **error);
gboolean     ds_json_bool        (JsonObject         *object,
                                  const char         *member,
                                  gboolean            required,
                                  gboolean           *out,
                                  const DsJsonScope  *scope,
                                  GError            **error);
gboolean     ds_json_object      (JsonObject         *object,
                                  const char         *member,
                                  gboolean            required,
                                  JsonObject        **out,
                                  const DsJsonScope  *scope,
                                  GError            **error);
gboolean     ds_json_array       (JsonObject         *object,
                                  const char         *member,
                                  gboolean            required,
                                  JsonArray         **out,
                                  const DsJsonScope  *scope,
                                  GError            **error);
JsonObject  *ds_json_array_object (JsonArray         *array,
                                   guint              index,
                                   const char        *what,
                                   const DsJsonScope *scope,
                                   GError           **error);
gint64       ds_json_parse_time  (const char         *iso8601);

G_END_DECLS
