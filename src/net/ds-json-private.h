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

G_END_DECLS
