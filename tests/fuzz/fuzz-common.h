/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* libFuzzer targets for the JSON parsers: whatever a service sends, a parser
 * returns a record or an error, never crashes, never leaks, never logs a
 * critical. */

#include <stdint.h>

#include "ds-error.h"
#include "ds-http.h"
#include "ds-json-gate.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static const DsJsonScope fuzz_scope = { "Fuzz", "GET /fuzz" };

static inline JsonNode *
fuzz_parse (const uint8_t *data,
            size_t         size)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;

  /* json-glib criticals on broken input would be bugs; make them fatal. */
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  /* As Dayshift reads answers: through the JSON gate, then json-glib. */
  root = ds_json_parse ((const char *)data, size, DS_JSON_MAX_SIZE, NULL, &error);
  g_assert ((root == NULL) == (error != NULL));
  if (root == NULL || JSON_NODE_HOLDS_NULL (root))
    return NULL;
  return g_steal_pointer (&root);
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
