/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdint.h>
#include <stdlib.h>

#include "ds-json-gate.h"

/* The JSON gate against json-glib: whatever the gate lets through,
 * json-glib parses, within the limits, without a critical; the gate itself
 * never reads past the end and never recurses. */

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) error = NULL;
  DsJsonGate verdict;

  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  verdict = ds_json_gate ((const char *)data, size, DS_JSON_MAX_SIZE, NULL, NULL);
  if (verdict != DS_JSON_GATE_OK)
    return 0;
  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, (const char *)data, (gssize)size, &error))
    {
      /* abort(), not g_error(): libFuzzer keeps the input that aborts. */
      g_printerr ("the gate let through what json-glib refuses: %s\n", error->message);
      abort ();
    }
  return 0;
}
