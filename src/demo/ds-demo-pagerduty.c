/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-demo"

#include "config.h"

#include <string.h>

#include "ds-demo-private.h"

/* PagerDuty's REST API and ZenHub's, as the demo world answers them. */

void
_ds_demo_pagerduty (DsDemo            *self,
                    SoupServerMessage *msg,
                    const char        *path)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  const char *method = soup_server_message_get_method (msg);

  json_builder_begin_object (b);
  if (g_str_equal (path, "/users/me"))
    {
      json_builder_set_member_name (b, "user");
      json_builder_begin_object (b);
      _ds_demo_member_str (b, "id", ME_PD);
      _ds_demo_member_str (b, "name", "You");
      _ds_demo_member_str (b, "email", "you@demo-co.example");
      json_builder_end_object (b);
    }
  else if (g_str_has_prefix (path, "/schedules/"))
    {
      /* You are on the daytime layer (Layer 2) today, 08:00 to 18:00; Chioma
       * tomorrow. Alice is on the night layer (Layer 1), 20:00 to 08:00. */
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autoptr(GDateTime) today = g_date_time_new_local (g_date_time_get_year (now),
                                                          g_date_time_get_month (now),
                                                          g_date_time_get_day_of_month (now),
                                                          8, 0, 0);
      gint64 t = g_date_time_to_unix (today);
      const struct { int layer; gint64 start, end; const char *id, *name; } entries[] = {
        { 1, t - 12 * 3600, t, "PDEMOALI", "Alice Nakamura" },
        { 1, t + 12 * 3600, t + 24 * 3600, "PDEMOALI", "Alice Nakamura" },
        { 2, t, t + 10 * 3600, ME_PD, "You" },
        { 2, t + 24 * 3600, t + 34 * 3600, "PDEMOCHI", "Chioma Eze" },
      };

      json_builder_set_member_name (b, "schedule");
      json_builder_begin_object (b);
      _ds_demo_member_str (b, "id", path + strlen ("/schedules/"));
      _ds_demo_member_str (b, "name", "Platform on-call");
      json_builder_set_member_name (b, "schedule_layers");
      json_builder_begin_array (b);
      /* Layer 1, Layer 2, then the final schedule (0: every entry). */
      for (int pass = 1; pass <= 3; pass++)
        {
          if (pass == 3)
            {
              json_builder_end_array (b);
              json_builder_set_member_name (b, "final_schedule");
            }
          json_builder_begin_object (b);
          if (pass < 3)
            {
              g_autofree char *name = g_strdup_printf ("Layer %d", pass);
              _ds_demo_member_str (b, "name", name);
            }
          json_builder_set_member_name (b, "rendered_schedule_entries");
          json_builder_begin_array (b);
          for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
            {
              if (pass < 3 && entries[i].layer != pass)
                continue;
              json_builder_begin_object (b);
              _ds_demo_member_time (b, "start", entries[i].start);
              _ds_demo_member_time (b, "end", entries[i].end);
              json_builder_set_member_name (b, "user");
              json_builder_begin_object (b);
              _ds_demo_member_str (b, "id", entries[i].id);
              _ds_demo_member_str (b, "summary", entries[i].name);
              json_builder_end_object (b);
              json_builder_end_object (b);
            }
          json_builder_end_array (b);
          json_builder_end_object (b);
        }
      json_builder_end_object (b);
    }
  else if (g_str_equal (path, "/incidents") && g_str_equal (method, "GET"))
    {
      json_builder_set_member_name (b, "incidents");
      json_builder_begin_array (b);
      for (guint i = 0; i < self->incidents->len; i++)
        {
          Incident *inc = self->incidents->pdata[i];
          g_autofree char *url = g_strdup_printf ("https://demo-co.pagerduty.com/incidents/%s",
                                                  inc->id);

          if (g_str_equal (inc->status, "resolved"))
            continue;
          json_builder_begin_object (b);
          _ds_demo_member_str (b, "id", inc->id);
          _ds_demo_member_int (b, "incident_number", inc->number);
          _ds_demo_member_str (b, "title", inc->title);
          _ds_demo_member_str (b, "status", inc->status);
          _ds_demo_member_str (b, "urgency", inc->urgency);
          _ds_demo_member_str (b, "html_url", url);
          _ds_demo_member_time (b, "created_at", inc->created);
          json_builder_set_member_name (b, "service");
          json_builder_begin_object (b);
          _ds_demo_member_str (b, "summary", inc->service);
          json_builder_end_object (b);
          json_builder_set_member_name (b, "assignments");
          json_builder_begin_array (b);
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "assignee");
          json_builder_begin_object (b);
          _ds_demo_member_str (b, "id", ME_PD);
          json_builder_end_object (b);
          json_builder_end_object (b);
          json_builder_end_array (b);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      _ds_demo_member_bool (b, "more", FALSE);
    }
  else if (g_str_has_prefix (path, "/incidents/"))
    {
      const char *id = path + strlen ("/incidents/");
      g_autofree char *plain_id = g_strndup (id, strcspn (id, "/"));

      self->writes++;
      for (guint i = 0; i < self->incidents->len; i++)
        {
          Incident *inc = self->incidents->pdata[i];
          if (g_str_equal (inc->id, plain_id) && g_str_equal (method, "PUT"))
            {
              g_free (inc->status);
              inc->status = g_strdup ("acknowledged");
            }
        }
      json_builder_set_member_name (b, strstr (id, "/notes") ? "note" : "incident");
      json_builder_begin_object (b);
      _ds_demo_member_str (b, "id", plain_id);
      json_builder_end_object (b);
    }
  else
    {
      json_builder_end_object (b);
      _ds_demo_reply_text (msg, 404, "{\"error\": {\"message\": \"Not Found\"}}");
      return;
    }
  json_builder_end_object (b);
  _ds_demo_reply_json (msg, b);
}

void
_ds_demo_zenhub (DsDemo            *self,
                 SoupServerMessage *msg)
{
  self->writes++;
  _ds_demo_reply_text (msg, 200, "{\"data\": {\"issue\": {\"id\": \"Z_i\"}, \"epic\": {\"id\": \"Z_e\", "
                        "\"epic\": {\"id\": \"Z_epic\"}}, \"addIssuesToEpics\": {\"epics\": []}}, "
                        "\"added_issues\": []}");
}
