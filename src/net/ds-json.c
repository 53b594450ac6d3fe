/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-json"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ds-error.h"
#include "ds-json-private.h"

/* Typed access to JSON from a service. Whatever the service sends, a missing
 * field or a value of the wrong type is a GError that names the service, the
 * endpoint and the field: never a crash, never a g_critical from json-glib
 * (whose getters assert on wrong types). */

static void
set_type_error (const DsJsonScope  *scope,
                const char         *member,
                const char         *expected,
                GError            **error)
{
  g_set_error (error, DS_ERROR, DS_ERROR_BAD_RESPONSE,
               /* Translators: e.g. "GitHub sent an unexpected answer to GET /user: the field
                * “login” should be a string." */
               _("%s sent an unexpected answer to %s: the field “%s” should be %s."),
               scope->service, scope->endpoint, member, expected);
}

static void
set_missing_error (const DsJsonScope  *scope,
                   const char         *member,
                   GError            **error)
{
  g_set_error (error, DS_ERROR, DS_ERROR_BAD_RESPONSE,
               _("%s sent an unexpected answer to %s: the field “%s” is missing."),
               scope->service, scope->endpoint, member);
}

/* The member's node, or NULL when it is absent or null. */
static JsonNode *
member_node (JsonObject *object,
             const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  return node;
}

JsonObject *
ds_json_root_object (JsonNode           *root,
                     const DsJsonScope  *scope,
                     GError            **error)
{
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      set_type_error (scope, _("(the whole answer)"), _("an object"), error);
      return NULL;
    }
  return json_node_get_object (root);
}

JsonArray *
ds_json_root_array (JsonNode           *root,
                    const DsJsonScope  *scope,
                    GError            **error)
{
  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    {
      set_type_error (scope, _("(the whole answer)"), _("a list"), error);
      return NULL;
    }
  return json_node_get_array (root);
}

/* Checks presence and kind; *node is NULL for an absent optional member. */
static gboolean
lookup (JsonObject         *object,
        const char         *member,
        gboolean            required,
        JsonNodeType        type,
        GType               value_type,
        const char         *expected,
        JsonNode          **node,
        const DsJsonScope  *scope,
        GError            **error)
{
  *node = member_node (object, member);
  if (*node == NULL)
    {
      if (required)
        {
          set_missing_error (scope, member, error);
          return FALSE;
        }
      return TRUE;
    }
  if (JSON_NODE_TYPE (*node) != type ||
      (value_type != G_TYPE_INVALID && json_node_get_value_type (*node) != value_type))
    {
      set_type_error (scope, member, expected, error);
      return FALSE;
    }
  return TRUE;
}

/**
 * ds_json_string:
 * @out: (out): the string, owned by @object; %NULL for an absent optional one
 */
gboolean
ds_json_string (JsonObject         *object,
                const char         *member,
                gboolean            required,
                const char        **out,
                const DsJsonScope  *scope,
                GError            **error)
{
  JsonNode *node;

  *out = NULL;
  if (!lookup (object, member, required, JSON_NODE_VALUE, G_TYPE_STRING, _("a string"), &node,
               scope, error))
    return FALSE;
  if (node != NULL)
    *out = json_node_get_string (node);
  return TRUE;
}

gboolean
ds_json_int (JsonObject         *object,
             const char         *member,
             gboolean            required,
             gint64             *out,
             const DsJsonScope  *scope,
             GError            **error)
{
  JsonNode *node;

  *out = 0;
  if (!lookup (object, member, required, JSON_NODE_VALUE, G_TYPE_INVALID, _("a number"), &node,
               scope, error))
    return FALSE;
  if (node == NULL)
    return TRUE;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    *out = json_node_get_int (node);
  else if (json_node_get_value_type (node) == G_TYPE_DOUBLE &&
           json_node_get_double (node) > -9.2e18 && json_node_get_double (node) < 9.2e18)
    *out = (gint64)json_node_get_double (node);
  else
    {
      /* Not a number, or one no whole number of 64 bits holds (1e300, NaN). */
      set_type_error (scope, member, _("a number"), error);
      return FALSE;
    }
  return TRUE;
}

gboolean
ds_json_bool (JsonObject         *object,
              const char         *member,
              gboolean            required,
              gboolean           *out,
              const DsJsonScope  *scope,
              GError            **error)
{
  JsonNode *node;

  *out = FALSE;
  if (!lookup (object, member, required, JSON_NODE_VALUE, G_TYPE_BOOLEAN, _("true or false"),
               &node, scope, error))
    return FALSE;
  if (node != NULL)
    *out = json_node_get_boolean (node);
  return TRUE;
}

gboolean
ds_json_object (JsonObject         *object,
                const char         *member,
                gboolean            required,
                JsonObject        **out,
                const DsJsonScope  *scope,
                GError            **error)
{
  JsonNode *node;

  *out = NULL;
  if (!lookup (object, member, required, JSON_NODE_OBJECT, G_TYPE_INVALID, _("an object"),
               &node, scope, error))
    return FALSE;
  if (node != NULL)
    *out = json_node_get_object (node);
  return TRUE;
}

gboolean
ds_json_array (JsonObject         *object,
               const char         *member,
               gboolean            required,
               JsonArray         **out,
               const DsJsonScope  *scope,
               GError            **error)
{
  JsonNode *node;

  *out = NULL;
  if (!lookup (object, member, required, JSON_NODE_ARRAY, G_TYPE_INVALID, _("a list"), &node,
               scope, error))
    return FALSE;
  if (node != NULL)
    *out = json_node_get_array (node);
  return TRUE;
}

/* The @index-th element of @array, which must be an object. */
JsonObject *
ds_json_array_object (JsonArray          *array,
                      guint               index,
                      const char         *what,
                      const DsJsonScope  *scope,
                      GError            **error)
{
  JsonNode *node = json_array_get_element (array, index);

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      set_type_error (scope, what, _("a list of objects"), error);
      return NULL;
    }
  return json_node_get_object (node);
}

/**
 * ds_json_parse_time:
 * @iso8601: (nullable): a time such as "2026-11-26T14:03:57Z"
 *
 * Returns: Unix time in seconds, or 0 if @iso8601 is not a time
 */
gint64
ds_json_parse_time (const char *iso8601)
{
  g_autoptr(GDateTime) dt = NULL;

  if (iso8601 == NULL)
    return 0;
  dt = g_date_time_new_from_iso8601 (iso8601, NULL);
  return dt != NULL ? g_date_time_to_unix (dt) : 0;
}

gboolean
ds_json_dup_string (JsonObject         *object,
                    const char         *member,
                    gboolean            required,
                    char              **out,
                    const DsJsonScope  *scope,
                    GError            **error)
{
  const char *value;

  if (!ds_json_string (object, member, required, &value, scope, error))
    return FALSE;
  g_free (*out);
  *out = g_strdup (value);
  return TRUE;
}

/* An optional ISO 8601 time, as Unix seconds (0 when absent or unreadable). */
gboolean
ds_json_time (JsonObject         *object,
              const char         *member,
              gint64             *out,
              const DsJsonScope  *scope,
              GError            **error)
{
  const char *value = NULL;

  if (!ds_json_string (object, member, FALSE, &value, scope, error))
    return FALSE;
  *out = ds_json_parse_time (value);
  return TRUE;
}

/* object.member.inner, all optional: {"user": {"login": "x"}} */
gboolean
ds_json_nested_string (JsonObject         *object,
                       const char         *member,
                       const char         *inner,
                       char              **out,
                       const DsJsonScope  *scope,
                       GError            **error)
{
  JsonObject *child = NULL;

  if (!ds_json_object (object, member, FALSE, &child, scope, error))
    return FALSE;
  if (child == NULL)
    return TRUE;
  return ds_json_dup_string (child, inner, FALSE, out, scope, error);
}

/* The @inner string of each object in the optional list @member:
 * {"labels": [{"name": "a"}, {"name": "b"}]} -> ["a", "b"]. Plain strings
 * in the list are taken as they are. */
gboolean
ds_json_strv (JsonObject         *object,
              const char         *member,
              const char         *inner,
              char             ***out,
              const DsJsonScope  *scope,
              GError            **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array = NULL;

  if (!ds_json_array (object, member, FALSE, &array, scope, error))
    return FALSE;
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      const char *value = NULL;

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        value = json_node_get_string (node);
      else if (JSON_NODE_HOLDS_OBJECT (node))
        {
          if (!ds_json_string (json_node_get_object (node), inner, FALSE, &value, scope, error))
            return FALSE;
        }
      else
        {
          g_set_error (error, DS_ERROR, DS_ERROR_BAD_RESPONSE,
                       _("%s sent an unexpected answer to %s: the field “%s” should be %s."),
                       scope->service, scope->endpoint, member, _("a list of objects"));
          return FALSE;
        }
      if (value != NULL)
        g_strv_builder_add (builder, value);
    }
  g_strfreev (*out);
  *out = g_strv_builder_end (builder);
  return TRUE;
}

/* Parses each object of @array with @parse into @items. */
gboolean
ds_json_parse_array (JsonArray          *array,
                     const char         *what,
                     DsJsonObjectParser  parse,
                     GPtrArray          *items,
                     const DsJsonScope  *scope,
                     GError            **error)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *o = ds_json_array_object (array, i, what, scope, error);
      gpointer item = NULL;

      if (o == NULL || !parse (o, &item, scope, error))
        return FALSE;
      g_ptr_array_add (items, item);
    }
  return TRUE;
}

/* [{...}, {...}] */
gboolean
ds_json_parse_root_array (JsonNode           *root,
                          DsJsonObjectParser  parse,
                          GPtrArray          *items,
                          const DsJsonScope  *scope,
                          GError            **error)
{
  JsonArray *array = ds_json_root_array (root, scope, error);

  return array != NULL && ds_json_parse_array (array, "[]", parse, items, scope, error);
}

/* {"member": [{...}, {...}], ...} */
gboolean
ds_json_parse_member_array (JsonNode           *root,
                            const char         *member,
                            DsJsonObjectParser  parse,
                            GPtrArray          *items,
                            const DsJsonScope  *scope,
                            GError            **error)
{
  JsonObject *o = ds_json_root_object (root, scope, error);
  JsonArray *array = NULL;

  return o != NULL && ds_json_array (o, member, TRUE, &array, scope, error) &&
         ds_json_parse_array (array, member, parse, items, scope, error);
}

/* {"member": {...}} */
gpointer
ds_json_parse_member (JsonNode           *root,
                      const char         *member,
                      DsJsonObjectParser  parse,
                      const DsJsonScope  *scope,
                      GError            **error)
{
  JsonObject *o = ds_json_root_object (root, scope, error);
  JsonObject *inner = NULL;
  gpointer parsed = NULL;

  if (o == NULL || !ds_json_object (o, member, TRUE, &inner, scope, error) ||
      !parse (inner, &parsed, scope, error))
    return NULL;
  return parsed;
}
