/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-json"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ds-error.h"
#include "ds-json-gate.h"

/* The gate every JSON text passes before it is parsed: an answer, an error
 * body, a Socket Mode message, a team profile. It reads the text once, with
 * no recursion and no allocation, and lets through exactly RFC 8259 JSON in
 * UTF-8 (no single quotes, no comments, no trailing commas, no bare words,
 * no NaN) that is no larger, no deeper and holds no more values than the
 * limits above. json-glib parses more than RFC 8259 (single quotes,
 * comments) and recurses once per level, so what it would read differently
 * from this gate, or too deep for its stack, never reaches it.
 *
 * ds_json_parse() is the only way Dayshift turns text into JSON nodes: the
 * gate, then json-glib. What either refuses is a DS_ERROR_BAD_RESPONSE
 * whose message says what is wrong and where (the caller names the file or
 * the service). */

typedef struct
{
  const guchar *start;
  const guchar *p;
  const guchar *end;
  const char   *why;
} Scan;

static void
skip_blanks (Scan *s)
{
  while (s->p < s->end && (*s->p == ' ' || *s->p == '\t' || *s->p == '\n' || *s->p == '\r'))
    s->p++;
}

static gboolean
fail (Scan       *s,
      const char *why)
{
  s->why = why;
  return FALSE;
}

static gboolean
scan_string (Scan *s)
{
  s->p++; /* the opening quote */
  while (s->p < s->end)
    {
      guchar c = *s->p;

      if (c == '"')
        {
          s->p++;
          return TRUE;
        }
      if (c < 0x20)
        return fail (s, N_("a control character in a string"));
      if (c == '\\')
        {
          if (++s->p == s->end)
            break;
          switch (*s->p)
            {
            case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
              break;
            case 'u':
              {
                guint unit = 0;

                for (int i = 0; i < 4; i++)
                  {
                    if (++s->p == s->end)
                      return fail (s, N_("an end before the text is complete"));
                    if (!g_ascii_isxdigit (*s->p))
                      return fail (s, N_("a wrong escape in a string"));
                    unit = unit * 16 + (guint)g_ascii_xdigit_value (*s->p);
                  }
                /* A surrogate only as a pair, \uD8xx\uDCxx, as json-glib
                 * reads them. */
                if (unit >= 0xDC00 && unit <= 0xDFFF)
                  return fail (s, N_("a wrong escape in a string"));
                if (unit >= 0xD800 && unit <= 0xDBFF)
                  {
                    guint low = 0;

                    if (s->end - s->p < 7 || s->p[1] != '\\' || s->p[2] != 'u')
                      return fail (s, N_("a wrong escape in a string"));
                    for (int i = 3; i < 7; i++)
                      {
                        if (!g_ascii_isxdigit (s->p[i]))
                          return fail (s, N_("a wrong escape in a string"));
                        low = low * 16 + (guint)g_ascii_xdigit_value (s->p[i]);
                      }
                    if (low < 0xDC00 || low > 0xDFFF)
                      return fail (s, N_("a wrong escape in a string"));
                    s->p += 6;
                  }
              }
              break;
            default:
              return fail (s, N_("a wrong escape in a string"));
            }
        }
      s->p++;
    }
  return fail (s, N_("an end before the text is complete"));
}

static gboolean
scan_digits (Scan *s)
{
  const guchar *first = s->p;

  while (s->p < s->end && g_ascii_isdigit (*s->p))
    s->p++;
  return s->p > first || fail (s, N_("a wrong number"));
}

/* -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
static gboolean
scan_number (Scan *s)
{
  if (*s->p == '-')
    s->p++;
  if (s->p < s->end && *s->p == '0')
    s->p++;
  else if (s->p == s->end || !g_ascii_isdigit (*s->p))
    return fail (s, N_("something that is not a value"));
  else if (!scan_digits (s))
    return FALSE;
  if (s->p < s->end && *s->p == '.')
    {
      s->p++;
      if (!scan_digits (s))
        return FALSE;
    }
  if (s->p < s->end && (*s->p == 'e' || *s->p == 'E'))
    {
      s->p++;
      if (s->p < s->end && (*s->p == '+' || *s->p == '-'))
        s->p++;
      if (!scan_digits (s))
        return FALSE;
    }
  return TRUE;
}

static gboolean
scan_word (Scan       *s,
           const char *word)
{
  gsize n = strlen (word);

  if ((gsize)(s->end - s->p) < n || memcmp (s->p, word, n) != 0)
    return fail (s, N_("something that is not a value"));
  s->p += n;
  return TRUE;
}

static gboolean
scan_scalar (Scan *s)
{
  switch (*s->p)
    {
    case '"':
      return scan_string (s);
    case 't':
      return scan_word (s, "true");
    case 'f':
      return scan_word (s, "false");
    case 'n':
      return scan_word (s, "null");
    case '\'':
      return fail (s, N_("a single quote"));
    case '/':
      return fail (s, N_("a comment"));
    default:
      return scan_number (s);
    }
}

/* An object's member name and its colon; *s->p is where the name starts. */
static gboolean
scan_name (Scan *s)
{
  skip_blanks (s);
  if (s->p == s->end)
    return fail (s, N_("an end before the text is complete"));
  if (*s->p != '"')
    return fail (s, *s->p == '}' ? N_("a comma before a closing brace")
                                  : N_("a member name that is not in double quotes"));
  if (!scan_string (s))
    return FALSE;
  skip_blanks (s);
  if (s->p == s->end || *s->p != ':')
    return fail (s, N_("a member without a colon"));
  s->p++;
  return TRUE;
}

/**
 * ds_json_gate:
 * @max_size: the largest text let through, in bytes
 * @offset: (out) (optional): where the text went wrong, in bytes
 * @why: (out) (optional): what is wrong there, in untranslated words
 *
 * Returns: %DS_JSON_GATE_OK when json-glib may parse the text
 */
DsJsonGate
ds_json_gate (const char  *data,
              gsize        length,
              gsize        max_size,
              gsize       *offset,
              const char **why)
{
  Scan s = { (const guchar *)data, (const guchar *)data, (const guchar *)data + length, NULL };
  const char *bad_utf8 = NULL;
  guint64 objects = 0; /* bit n: the container at depth n is an object */
  guint depth = 0;
  gsize values = 0;
  DsJsonGate verdict = DS_JSON_GATE_INVALID;

  if (length > max_size)
    {
      verdict = DS_JSON_GATE_TOO_LARGE;
      goto out;
    }
  if (!g_utf8_validate_len (data, length, &bad_utf8))
    {
      s.p = (const guchar *)bad_utf8;
      fail (&s, *bad_utf8 == '\0' ? N_("a zero byte") : N_("bytes that are not UTF-8"));
      goto out;
    }
  skip_blanks (&s);
  if (s.p == s.end)
    {
      verdict = DS_JSON_GATE_EMPTY;
      goto out;
    }

  for (;;)
    {
      /* A value is expected here. */
      skip_blanks (&s);
      if (s.p == s.end)
        {
          fail (&s, N_("an end before the text is complete"));
          goto out;
        }
      if (++values > DS_JSON_MAX_NODES)
        {
          verdict = DS_JSON_GATE_TOO_MANY;
          goto out;
        }
      if (*s.p == '[' || *s.p == '{')
        {
          gboolean object = *s.p == '{';

          if (depth == DS_JSON_MAX_DEPTH)
            {
              verdict = DS_JSON_GATE_TOO_DEEP;
              goto out;
            }
          objects = object ? objects | (G_GUINT64_CONSTANT (1) << depth)
                           : objects & ~(G_GUINT64_CONSTANT (1) << depth);
          depth++;
          s.p++;
          skip_blanks (&s);
          if (s.p < s.end && *s.p == (object ? '}' : ']'))
            {
              s.p++;
              depth--;
            }
          else if (!object)
            continue;
          else if (!scan_name (&s))
            goto out;
          else
            continue;
        }
      else if (*s.p == ']' || *s.p == '}')
        {
          fail (&s, N_("a closing bracket or brace where a value should be"));
          goto out;
        }
      else if (!scan_scalar (&s))
        goto out;

      /* After a value: a comma, the end of its container, or the end. */
      for (;;)
        {
          gboolean object;

          skip_blanks (&s);
          if (depth == 0)
            {
              if (s.p == s.end)
                verdict = DS_JSON_GATE_OK;
              else
                fail (&s, N_("more after the end"));
              goto out;
            }
          if (s.p == s.end)
            {
              fail (&s, N_("an end before the text is complete"));
              goto out;
            }
          object = (objects >> (depth - 1)) & 1;
          if (*s.p == (object ? '}' : ']'))
            {
              s.p++;
              depth--;
              continue;
            }
          if (*s.p != ',')
            {
              fail (&s, *s.p == '/' ? N_("a comment") : N_("a missing comma"));
              goto out;
            }
          s.p++;
          if (object && !scan_name (&s))
            goto out;
          break;
        }
    }

out:
  if (offset != NULL)
    *offset = (gsize)(s.p - s.start);
  if (why != NULL)
    *why = s.why;
  return verdict;
}

/**
 * ds_json_parse:
 * @verdict: (out) (optional): what the gate said
 *
 * Parses a JSON text that passes the gate.
 *
 * Returns: (transfer full) (nullable): the root, a null node for a blank
 *   text, or %NULL with @error set
 */
JsonNode *
ds_json_parse (const char  *data,
               gsize        length,
               gsize        max_size,
               DsJsonGate  *verdict,
               GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) parse_error = NULL;
  const char *why = NULL;
  gsize offset = 0;
  DsJsonGate v = ds_json_gate (data, length, max_size, &offset, &why);

  if (verdict != NULL)
    *verdict = v;
  switch (v)
    {
    case DS_JSON_GATE_OK:
      break;
    case DS_JSON_GATE_EMPTY:
      return json_node_new (JSON_NODE_NULL);
    case DS_JSON_GATE_TOO_LARGE:
      g_set_error (error, DS_ERROR, DS_ERROR_BAD_RESPONSE,
                   _("larger than %u KiB"), (guint)(max_size / 1024));
      return NULL;
    case DS_JSON_GATE_TOO_DEEP:
      g_set_error (error, DS_ERROR, DS_ERROR_BAD_RESPONSE,
                   _("nested deeper than %u levels"), DS_JSON_MAX_DEPTH);
      return NULL;
    case DS_JSON_GATE_TOO_MANY:
      g_set_error (error, DS_ERROR, DS_ERROR_BAD_RESPONSE,
                   _("holding more than %u values"), DS_JSON_MAX_NODES);
      return NULL;
    case DS_JSON_GATE_INVALID:
    default:
      /* Translators: e.g. "not valid JSON (a single quote at byte 17)" */
      g_set_error (error, DS_ERROR, DS_ERROR_BAD_RESPONSE, _("not valid JSON (%s at byte %lu)"),
                   _(why), (gulong)offset);
      return NULL;
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, (gssize)length, &parse_error))
    {
      g_set_error (error, DS_ERROR, DS_ERROR_BAD_RESPONSE, _("not valid JSON (%s)"),
                   parse_error->message);
      return NULL;
    }
  if (json_parser_get_root (parser) == NULL)
    return json_node_new (JSON_NODE_NULL);
  return json_node_ref (json_parser_get_root (parser));
}
