/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* libFuzzer targets for the JSON parsers: whatever a service sends, a parser
 * returns a record or an error, never crashes, never leaks, never logs a
 * critical. */

#include <stdint.h>

#include "ds-error.h"
#include "ds-http.h"
#include "ds-json-guard.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static const DsJsonScope fuzz_scope = { "Fuzz", "GET /fuzz" };

static inline JsonNode *
fuzz_parse (const uint8_t *data,
            size_t         size)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();

  /* json-glib criticals on broken input would be bugs; make them fatal. */
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  /* As Dayshift reads answers: nothing nested too deep reaches the parser.
   * Blank input parses, to no root at all. */
  if (ds_json_check_shape ((const char *)data, size) != DS_JSON_SHAPE_OK ||
      !json_parser_load_from_data (parser, (const char *)data, size, NULL) ||
      json_parser_get_root (parser) == NULL)
    return NULL;
  return json_node_ref (json_parser_get_root (parser));
}

/* Runs a single-record parser and frees what it gives. */
static inline void
fuzz_one (DsHttpParseFunc  parse,
          GDestroyNotify   free_func,
          JsonNode        *root)
{
  g_autoptr(GError) error = NULL;
  gpointer result = parse (root, &fuzz_scope, &error);

  g_assert ((result == NULL) == (error != NULL));
  if (result != NULL && free_func != NULL)
    free_func (result);
}

/* Runs a list parser and frees what it gives. */
static inline void
fuzz_list (DsHttpPageFunc  parse,
           GDestroyNotify  free_func,
           JsonNode       *root)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (free_func);
  gboolean ok = parse (root, items, &fuzz_scope, &error);

  g_assert (ok == (error == NULL));
}
