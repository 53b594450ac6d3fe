/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* What Dayshift parses at most: no answer, profile or event it reads comes
 * near any of these, and json-glib recurses once per level. */
#define DS_JSON_MAX_DEPTH 64
#define DS_JSON_MAX_NODES 250000
#define DS_JSON_MAX_SIZE  (4 << 20) /* bytes: an answer, a Socket Mode message */

typedef enum
{
  DS_JSON_GATE_OK,
  DS_JSON_GATE_EMPTY,     /* nothing but blanks */
  DS_JSON_GATE_TOO_LARGE,
  DS_JSON_GATE_TOO_DEEP,
  DS_JSON_GATE_TOO_MANY,
  DS_JSON_GATE_INVALID,   /* not RFC 8259 JSON */
} DsJsonGate;

DsJsonGate  ds_json_gate  (const char  *data,
                           gsize        length,
                           gsize        max_size,
                           gsize       *offset,
                           const char **why);

JsonNode   *ds_json_parse (const char  *data,
                           gsize        length,
                           gsize        max_size,
                           DsJsonGate  *verdict,
                           GError     **error);

G_END_DECLS
