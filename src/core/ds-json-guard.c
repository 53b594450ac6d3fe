/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "ds-json-guard.h"

/* A look at a JSON text before it is parsed: how deep its arrays and
 * objects nest, and how many values it holds. json-glib parses nesting by
 * recursion, so 80,000 nested arrays (160 KB) overflow the stack; and
 * millions of tiny values cost hundreds of MB as nodes. One pass, no
 * allocation; it does not validate (the parser does that). */
DsJsonShape
ds_json_check_shape (const char *data,
                     gsize       length)
{
  gsize depth = 0, nodes = 1;
  gboolean in_string = FALSE;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }
      switch (c)
        {
        case '"':
          in_string = TRUE;
          break;
        case '[':
        case '{':
          if (++depth > DS_JSON_MAX_DEPTH)
            return DS_JSON_SHAPE_TOO_DEEP;
          nodes++;
          break;
        case ']':
        case '}':
          if (depth > 0)
            depth--;
          break;
        case ',':
          if (++nodes > DS_JSON_MAX_NODES)
            return DS_JSON_SHAPE_TOO_MANY;
          break;
        default:
          break;
        }
    }
  return DS_JSON_SHAPE_OK;
}
