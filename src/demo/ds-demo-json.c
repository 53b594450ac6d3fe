/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-demo"

#include "config.h"

#include <string.h>

#include "ds-demo-private.h"

/* Helpers the vendors' answers share: JSON members, times, replies. */

void
_ds_demo_member_str (JsonBuilder *b,
                     const char  *name,
                     const char  *value)
{
  json_builder_set_member_name (b, name);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

void
_ds_demo_member_int (JsonBuilder *b,
                     const char  *name,
                     gint64       value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_int_value (b, value);
}

void
_ds_demo_member_bool (JsonBuilder *b,
                      const char  *name,
                      gboolean     value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_boolean_value (b, value);
}

void
_ds_demo_member_login (JsonBuilder *b,
                       const char  *name,
                       const char  *login)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_object (b);
  _ds_demo_member_str (b, "login", login);
  json_builder_end_object (b);
}

char *
_ds_demo_iso (gint64 t)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (t);
  return g_date_time_format_iso8601 (dt);
}

void
_ds_demo_member_time (JsonBuilder *b,
                      const char  *name,
                      gint64       t)
{
  g_autofree char *s = _ds_demo_iso (t);
  _ds_demo_member_str (b, name, s);
}

void
_ds_demo_reply_json (SoupServerMessage *msg,
                     JsonBuilder       *b)
{
  g_autoptr(JsonNode) root = json_builder_get_root (b);
  char *text = json_to_string (root, FALSE);

  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, text,
                                    strlen (text));
}

void
_ds_demo_reply_text (SoupServerMessage *msg,
                     guint              status,
                     const char        *json)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, json,
                                    strlen (json));
}
