/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ds-json.h"

G_BEGIN_DECLS

/* Conveniences for the clients' parsers. Each copies what it reads. */
gboolean ds_json_dup_string    (JsonObject         *object,
                                const char         *member,
                                gboolean            required,
                                char              **out,
                                const DsJsonScope  *scope,
                                GError            **error);
gboolean ds_json_time          (JsonObject         *object,
                                const char         *member,
                                gint64             *out,
                                const DsJsonScope  *scope,
                                GError            **error);
gboolean ds_json_nested_string (JsonObject         *object,
                                const char         *member,
                                const char         *inner,
                                char              **out,
                                const DsJsonScope  *scope,
                                GError            **error);
gboolean ds_json_strv          (JsonObject         *object,
                                const char         *member,
                                const char         *inner,
                                char             ***out,
                                const DsJsonScope  *scope,
                                GError            **error);

/* Parses one object of a list into a new record. */
typedef gboolean (*DsJsonObjectParser) (JsonObject         *object,
                                        gpointer           *out,
                                        const DsJsonScope  *scope,
                                        GError            **error);

gboolean ds_json_parse_array        (JsonArray          *array,
                                     const char         *what,
                                     DsJsonObjectParser  parse,
                                     GPtrArray          *items,
                                     const DsJsonScope  *scope,
                                     GError            **error);
gboolean ds_json_parse_root_array   (JsonNode           *root,
                                     DsJsonObjectParser  parse,
                                     GPtrArray          *items,
                                     const DsJsonScope  *scope,
                                     GError            **error);
gboolean ds_json_parse_member_array (JsonNode           *root,
                                     const char         *member,
                                     DsJsonObjectParser  parse,
                                     GPtrArray          *items,
                                     const DsJsonScope  *scope,
                                     GError            **error);
gpointer ds_json_parse_member       (JsonNode           *root,
                                     const char         *member,
                                     DsJsonObjectParser  parse,
                                     const DsJsonScope  *scope,
                                     GError            **error);

G_END_DECLS
