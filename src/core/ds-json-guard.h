/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What Dayshift parses at most: no answer, profile or event it reads comes
 * near either, and json-glib recurses once per level. */
#define DS_JSON_MAX_DEPTH 64
#define DS_JSON_MAX_NODES 250000

typedef enum
{
  DS_JSON_SHAPE_OK,
  DS_JSON_SHAPE_TOO_DEEP,
  DS_JSON_SHAPE_TOO_MANY,
} DsJsonShape;

DsJsonShape ds_json_check_shape (const char *data,
                                 gsize       length);

G_END_DECLS
