/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "ds-error.h"
#include "ds-json-gate.h"

/* The JSON gate: exactly RFC 8259, whatever json-glib would also take, and
 * the limits on size, depth and values, read without recursion. */

static DsJsonGate
gate (const char *text)
{
  return ds_json_gate (text, strlen (text), DS_JSON_MAX_SIZE, NULL, NULL);
}

static void
test_rfc_accepted (void)
{
  static const char *const texts[] = {
    "{}", "[]", " [ ] ", "0", "-0", "12", "-1.5e+10", "3.25E-2", "1e5", "true", "false",
    "null", "\"\"", "\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\\u00e9\\uD83D\\uDE00\"",
    "{\"a\":1,\"b\":[1,2,{\"c\":null}],\"d\":\"é ✓ 😀\"}", "\r\n\t{ \"a\" : [ true , false ] }\n",
    "[[[[[]]]]]", "{\"\":{}}", "\"'\"", "\"/* not a comment */\"",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) root = NULL;

      g_test_message ("%s", texts[i]);
      g_assert_cmpint (gate (texts[i]), ==, DS_JSON_GATE_OK);
      root = ds_json_parse (texts[i], strlen (texts[i]), DS_JSON_MAX_SIZE, NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (root);
    }
}

/* What json-glib 1.6 takes and RFC 8259 does not, and what neither takes:
 * refused by the gate, with where and why. */
static void
test_rfc_refused (void)
{
  static const struct { const char *text; gsize offset; const char *why; } cases[] = {
    { "{'a':1}", 1, "a member name that is not in double quotes" },
    { "['\"']", 1, "a single quote" },
    { "[1 /* two */]", 3, "a comment" },
    { "/* x */ []", 0, "a comment" },
    { "[1,]", 3, "a closing bracket or brace where a value should be" },
    { "{\"a\":1,}", 7, "a comma before a closing brace" },
    { "[01]", 2, "a missing comma" },
    { "[1.]", 3, "a wrong number" },
    { "[.5]", 1, "something that is not a value" },
    { "[+1]", 1, "something that is not a value" },
    { "[NaN]", 1, "something that is not a value" },
    { "[Infinity]", 1, "something that is not a value" },
    { "[tru]", 1, "something that is not a value" },
    { "[True]", 1, "something that is not a value" },
    { "{a:1}", 1, "a member name that is not in double quotes" },
    { "{\"a\" 1}", 5, "a member without a colon" },
    { "[1 2]", 3, "a missing comma" },
    { "[1", 2, "an end before the text is complete" },
    { "{\"a\":", 5, "an end before the text is complete" },
    { "\"abc", 4, "an end before the text is complete" },
    { "\"a\tb\"", 2, "a control character in a string" },
    { "\"\\x41\"", 2, "a wrong escape in a string" },
    { "\"\\u12g4\"", 5, "a wrong escape in a string" },
    { "[] []", 3, "more after the end" },
    { "]", 0, "a closing bracket or brace where a value should be" },
    { "[\"\xff\"]", 2, "bytes that are not UTF-8" },
    { "\xef\xbb\xbf[]", 0, "something that is not a value" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) root = NULL;
      const char *why = NULL;
      gsize offset = 0;

      g_test_message ("%s", cases[i].text);
      g_assert_cmpint (ds_json_gate (cases[i].text, strlen (cases[i].text), DS_JSON_MAX_SIZE,
                                     &offset, &why), ==, DS_JSON_GATE_INVALID);
      g_assert_cmpstr (why, ==, cases[i].why);
      g_assert_cmpuint (offset, ==, cases[i].offset);
      root = ds_json_parse (cases[i].text, strlen (cases[i].text), DS_JSON_MAX_SIZE, NULL, &error);
      g_assert_null (root);
      g_assert_error (error, DS_ERROR, DS_ERROR_BAD_RESPONSE);
      g_assert_nonnull (strstr (error->message, "not valid JSON"));
    }

  /* A zero byte, inside a string or out. */
  g_assert_cmpint (ds_json_gate ("[\"a\0\"]", 6, DS_JSON_MAX_SIZE, NULL, NULL), ==,
                   DS_JSON_GATE_INVALID);
}

/* The crafted input that hid 100,000 levels from the old look-ahead (a
 * single-quoted string holding a double quote): refused as too deep, and
 * json-glib never sees it. */
static void
test_quote_bypass_refused (void)
{
  g_autoptr(GString) s = g_string_new ("{\"ok\":true,\"x\":'\"',\"messages\":");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  DsJsonGate verdict;

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (s, '[');
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (s, ']');
  g_string_append_c (s, '}');
  g_assert_cmpint (gate (s->str), ==, DS_JSON_GATE_INVALID);

  /* With the quote made right, the depth is what stops it. */
  memcpy (s->str + strlen ("{\"ok\":true,\"x\":"), "\"'\"", 3);
  root = ds_json_parse (s->str, s->len, DS_JSON_MAX_SIZE, &verdict, &error);
  g_assert_null (root);
  g_assert_cmpint (verdict, ==, DS_JSON_GATE_TOO_DEEP);
  g_assert_nonnull (strstr (error->message, "nested deeper than 64 levels"));

  /* The same behind a comment. */
  g_string_assign (s, "{\"a\":/*\"*/");
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (s, '[');
  g_assert_cmpint (gate (s->str), ==, DS_JSON_GATE_INVALID);
}

/* ['"',{},{},…]: the values cap held too. */
static void
test_values_cap (void)
{
  g_autoptr(GString) s = g_string_new ("[\"\\\"\"");
  DsJsonGate verdict;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;

  for (guint i = 1; i < DS_JSON_MAX_NODES - 1; i++)
    g_string_append (s, ",{}");
  g_string_append_c (s, ']');
  /* The list and its values: exactly the cap. */
  g_assert_cmpint (gate (s->str), ==, DS_JSON_GATE_OK);

  g_string_truncate (s, s->len - 1);
  g_string_append (s, ",{}]");
  root = ds_json_parse (s->str, s->len, DS_JSON_MAX_SIZE, &verdict, &error);
  g_assert_null (root);
  g_assert_cmpint (verdict, ==, DS_JSON_GATE_TOO_MANY);
  g_assert_nonnull (strstr (error->message, "more than 250000 values"));
}

static void
test_depth_cap (void)
{
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint i = 0; i < DS_JSON_MAX_DEPTH; i++)
    g_string_append (s, i % 2 ? "{\"k\":" : "[");
  g_string_append_c (s, '0');
  for (guint i = DS_JSON_MAX_DEPTH; i > 0; i--)
    g_string_append (s, (i - 1) % 2 ? "}" : "]");
  g_assert_cmpint (gate (s->str), ==, DS_JSON_GATE_OK);
  g_string_prepend_c (s, '[');
  g_string_append_c (s, ']');
  g_assert_cmpint (gate (s->str), ==, DS_JSON_GATE_TOO_DEEP);
}

static void
test_size_and_blank (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  DsJsonGate verdict;

  g_assert_cmpint (ds_json_gate ("[1,2]", 5, 4, NULL, NULL), ==, DS_JSON_GATE_TOO_LARGE);
  g_assert_cmpint (ds_json_gate ("[1,2]", 5, 5, NULL, NULL), ==, DS_JSON_GATE_OK);
  root = ds_json_parse ("", 0, 10, &verdict, &error);
  g_assert_no_error (error);
  g_assert_cmpint (verdict, ==, DS_JSON_GATE_EMPTY);
  g_assert_true (JSON_NODE_HOLDS_NULL (root));
  g_clear_pointer (&root, json_node_unref);
  root = ds_json_parse (" \n\t\r", 4, 10, &verdict, &error);
  g_assert_cmpint (verdict, ==, DS_JSON_GATE_EMPTY);
  g_assert_true (JSON_NODE_HOLDS_NULL (root));
}

/* Random bytes from JSON's alphabet: whatever the gate lets through,
 * json-glib parses: the gate is never wider than the parser. */
static void
test_random_texts_agree (void)
{
  static const char *const atoms[] = {
    "[", "]", "{", "}", ",", ":", "\"a\"", "\"", "'", "1", "-", ".", "e", "0", "true",
    "null", " ", "/*", "*/", "\\", "\"\\u00e9\"", "é", "x",
  };
  guint accepted = 0;

  for (guint n = 0; n < 200000; n++)
    {
      g_autoptr(GString) s = g_string_new (NULL);
      guint len = (guint)g_test_rand_int_range (1, 12);
      DsJsonGate verdict;

      for (guint i = 0; i < len; i++)
        g_string_append (s, atoms[g_test_rand_int_range (0, G_N_ELEMENTS (atoms))]);
      verdict = gate (s->str);
      if (verdict == DS_JSON_GATE_OK)
        {
          g_autoptr(JsonParser) parser = json_parser_new ();
          g_autoptr(GError) error = NULL;

          accepted++;
          if (!json_parser_load_from_data (parser, s->str, (gssize)s->len, &error))
            g_error ("the gate let through “%s”, which json-glib refuses: %s", s->str,
                     error->message);
        }
    }
  /* The alphabet makes valid texts often enough to mean something. */
  g_assert_cmpuint (accepted, >, 1000);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ds/json-gate/rfc-accepted", test_rfc_accepted);
  g_test_add_func ("/ds/json-gate/rfc-refused", test_rfc_refused);
  g_test_add_func ("/ds/json-gate/quote-bypass-refused", test_quote_bypass_refused);
  g_test_add_func ("/ds/json-gate/values-cap", test_values_cap);
  g_test_add_func ("/ds/json-gate/depth-cap", test_depth_cap);
  g_test_add_func ("/ds/json-gate/size-and-blank", test_size_and_blank);
  g_test_add_func ("/ds/json-gate/random-texts-agree", test_random_texts_agree);
  return g_test_run ();
}
