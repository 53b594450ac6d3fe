/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-demo"

#include "config.h"

#include <string.h>

#include "ds-demo-private.h"

/* GitHub's REST API, as the demo world answers it: ETags and 304s as
 * GitHub gives them. */

void
_ds_demo_issue_json (DsDemo      *self,
                     JsonBuilder *b,
                     Issue       *i)
{
  g_autofree char *url = g_strdup_printf ("https://github.com/%s/%s/%" G_GINT64_FORMAT, i->repo,
                                          i->is_pr ? "pull" : "issues", i->number);
  g_autofree char *repo_url = g_strdup_printf ("%s/github/repos/%s", self->base, i->repo);

  json_builder_begin_object (b);
  _ds_demo_member_int (b, "number", i->number);
  _ds_demo_member_str (b, "title", i->title);
  _ds_demo_member_str (b, "body", i->body);
  _ds_demo_member_str (b, "html_url", url);
  _ds_demo_member_str (b, "state", i->closed ? "closed" : "open");
  _ds_demo_member_login (b, "user", i->author);
  _ds_demo_member_str (b, "repository_url", repo_url);
  _ds_demo_member_time (b, "created_at", i->created);
  _ds_demo_member_time (b, "updated_at", i->created);
  json_builder_set_member_name (b, "labels");
  json_builder_begin_array (b);
  if (i->label)
    {
      json_builder_begin_object (b);
      _ds_demo_member_str (b, "name", i->label);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "assignees");
  json_builder_begin_array (b);
  if (i->assignee)
    {
      json_builder_begin_object (b);
      _ds_demo_member_str (b, "login", i->assignee);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  if (i->is_pr)
    {
      json_builder_set_member_name (b, "pull_request");
      json_builder_begin_object (b);
      _ds_demo_member_str (b, "html_url", url);
      json_builder_end_object (b);
    }
  json_builder_end_object (b);
}

/* GitHub answers an unchanged resource with 304, free of rate limit. */
static void
reply_github (DsDemo            *self,
              SoupServerMessage *msg,
              JsonBuilder       *b)
{
  g_autoptr(JsonNode) root = json_builder_get_root (b);
  char *text = json_to_string (root, FALSE);
  g_autofree char *etag = g_strdup_printf ("\"%08x%08zx\"", g_str_hash (text), strlen (text));
  const char *inm = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                  "If-None-Match");
  SoupMessageHeaders *h = soup_server_message_get_response_headers (msg);

  soup_message_headers_replace (h, "ETag", etag);
  soup_message_headers_replace (h, "X-RateLimit-Remaining", "4999");
  if (g_strcmp0 (inm, etag) == 0)
    {
      self->not_modified++;
      g_free (text);
      soup_server_message_set_status (msg, 304, NULL);
      return;
    }
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, text,
                                    strlen (text));
}

static void
comment_json (JsonBuilder *b,
              Comment     *c)
{
  g_autofree char *url = g_strdup_printf ("https://github.com/%s/issues/%" G_GINT64_FORMAT
                                          "#issuecomment-%" G_GINT64_FORMAT,
                                          c->repo, c->number, c->id);

  json_builder_begin_object (b);
  _ds_demo_member_int (b, "id", c->id);
  _ds_demo_member_str (b, "body", c->body);
  _ds_demo_member_str (b, "html_url", url);
  _ds_demo_member_login (b, "user", c->author);
  _ds_demo_member_time (b, "created_at", c->created);
  _ds_demo_member_time (b, "updated_at", c->created);
  json_builder_end_object (b);
}

/* POST /repos/o/r/issues/n/comments: kept as the user's. */
static void
keep_comment (DsDemo            *self,
              SoupServerMessage *msg,
              char             **parts)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *repo = g_strdup_printf ("%s/%s", parts[2], parts[3]);
  JsonNode *root;

  if (!json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                   g_bytes_get_size (bytes), NULL))
    return;
  root = json_parser_get_root (parser);
  if (!JSON_NODE_HOLDS_OBJECT (root))
    return;
  _ds_demo_add_comment (self, repo, g_ascii_strtoll (parts[5], NULL, 10), ME_GITHUB,
                        json_object_get_string_member_with_default (json_node_get_object (root),
                                                                    "body", ""),
                        _ds_demo_world_now (self));
}

void
_ds_demo_github (DsDemo            *self,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  const char *method = soup_server_message_get_method (msg);
  g_auto(GStrv) parts = g_strsplit (path, "/", -1);  /* "", "repos", o, r, ... */

  if (!g_str_equal (method, "GET"))
    {
      /* Issues, comments, assignees: taken, with a plausible answer; a
       * comment is kept, so that it is read back as GitHub would. */
      self->writes++;
      if (g_str_equal (method, "POST") && g_strv_length (parts) == 7 &&
          g_str_equal (parts[6], "comments"))
        keep_comment (self, msg, parts);
      json_builder_begin_object (b);
      _ds_demo_member_int (b, "id", 1000 + self->writes);
      _ds_demo_member_int (b, "number", 900 + self->writes);
      _ds_demo_member_str (b, "title", "Filed from Dayshift");
      {
        g_autofree char *url = g_strdup_printf ("https://github.com/demo-co/ops/issues/%u",
                                                900 + self->writes);
        _ds_demo_member_str (b, "html_url", url);
      }
      _ds_demo_member_str (b, "state", "open");
      json_builder_end_object (b);
      _ds_demo_reply_json (msg, b);
      soup_server_message_set_status (msg, g_str_equal (method, "POST") ? 201 : 200, NULL);
      return;
    }

  if (g_str_equal (path, "/user"))
    {
      json_builder_begin_object (b);
      _ds_demo_member_str (b, "login", ME_GITHUB);
      _ds_demo_member_int (b, "id", 4242);
      json_builder_end_object (b);
    }
  else if (g_str_equal (path, "/search/issues"))
    {
      const char *q = query ? g_hash_table_lookup (query, "q") : NULL;
      gboolean team = q && strstr (q, "team-review-requested:") != NULL;

      json_builder_begin_object (b);
      _ds_demo_member_bool (b, "incomplete_results", FALSE);
      json_builder_set_member_name (b, "items");
      json_builder_begin_array (b);
      for (guint i = 0; i < self->issues->len; i++)
        {
          Issue *is = self->issues->pdata[i];
          if (is->is_pr && !is->closed && (team ? is->team_review : is->my_review))
            _ds_demo_issue_json (self, b, is);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  else if (g_strv_length (parts) == 5 && g_str_equal (parts[1], "repos") &&
           g_str_equal (parts[4], "issues"))
    {
      g_autofree char *repo = g_strdup_printf ("%s/%s", parts[2], parts[3]);
      const char *labels = query ? g_hash_table_lookup (query, "labels") : NULL;

      json_builder_begin_array (b);
      for (guint i = 0; i < self->issues->len; i++)
        {
          Issue *is = self->issues->pdata[i];
          if (!is->closed && g_str_equal (is->repo, repo) && g_strcmp0 (is->label, labels) == 0)
            _ds_demo_issue_json (self, b, is);
        }
      json_builder_end_array (b);
    }
  else if (g_strv_length (parts) == 7 && g_str_equal (parts[1], "repos") &&
           g_str_equal (parts[4], "issues") && g_str_equal (parts[6], "comments"))
    {
      g_autofree char *repo = g_strdup_printf ("%s/%s", parts[2], parts[3]);
      gint64 number = g_ascii_strtoll (parts[5], NULL, 10);

      json_builder_begin_array (b);
      for (guint i = 0; i < self->comments->len; i++)
        {
          Comment *c = self->comments->pdata[i];

          if (c->number == number && g_str_equal (c->repo, repo))
            comment_json (b, c);
        }
      json_builder_end_array (b);
    }
  else if (g_strv_length (parts) == 6 && g_str_equal (parts[4], "actions") &&
           g_str_equal (parts[5], "runs"))
    {
      g_autofree char *repo = g_strdup_printf ("%s/%s", parts[2], parts[3]);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "workflow_runs");
      json_builder_begin_array (b);
      for (guint i = 0; i < self->runs->len; i++)
        {
          Run *r = self->runs->pdata[i];
          g_autofree char *url = NULL;

          if (!g_str_equal (r->repo, repo))
            continue;
          url = g_strdup_printf ("https://github.com/%s/actions/runs/%" G_GINT64_FORMAT, r->repo,
                                 r->id);
          json_builder_begin_object (b);
          _ds_demo_member_int (b, "id", r->id);
          _ds_demo_member_str (b, "name", r->name);
          _ds_demo_member_str (b, "head_branch", r->branch);
          _ds_demo_member_str (b, "display_title", r->title);
          _ds_demo_member_str (b, "status", "completed");
          _ds_demo_member_str (b, "conclusion", "failure");
          _ds_demo_member_str (b, "html_url", url);
          _ds_demo_member_login (b, "actor", r->actor);
          _ds_demo_member_login (b, "triggering_actor", r->actor);
          _ds_demo_member_time (b, "created_at", r->created);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  else if (g_str_equal (path, "/notifications"))
    {
      /* As GitHub does: how often this may be polled. */
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "X-Poll-Interval", "2");
      json_builder_begin_array (b);
      for (guint i = 0; i < self->mentions->len; i++)
        {
          Mention *m = self->mentions->pdata[i];

          json_builder_begin_object (b);
          _ds_demo_member_str (b, "id", m->id);
          _ds_demo_member_str (b, "reason", "mention");
          _ds_demo_member_bool (b, "unread", TRUE);
          _ds_demo_member_time (b, "updated_at", m->updated);
          json_builder_set_member_name (b, "subject");
          json_builder_begin_object (b);
          _ds_demo_member_str (b, "title", m->title);
          _ds_demo_member_str (b, "type", "Issue");
          json_builder_end_object (b);
          json_builder_set_member_name (b, "repository");
          json_builder_begin_object (b);
          _ds_demo_member_str (b, "full_name", m->repo);
          json_builder_end_object (b);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
    }
  else if (g_strv_length (parts) >= 6 && g_str_equal (parts[1], "repos") &&
           g_str_equal (parts[4], "contents"))
    {
      /* The team keeps its profile in its repo: serve ours there. */
      g_autofree char *profile = ds_demo_dup_profile_json (self);
      g_autofree char *encoded = g_base64_encode ((const guchar *)profile, strlen (profile));

      if (!g_str_equal (parts[5], "dayshift-team.json"))
        {
          _ds_demo_reply_text (msg, 404, "{\"message\": \"Not Found\"}");
          return;
        }
      json_builder_begin_object (b);
      _ds_demo_member_str (b, "type", "file");
      _ds_demo_member_str (b, "encoding", "base64");
      _ds_demo_member_str (b, "name", parts[5]);
      _ds_demo_member_str (b, "path", parts[5]);
      _ds_demo_member_str (b, "content", encoded);
      json_builder_end_object (b);
    }
  else if (g_strv_length (parts) == 4 && g_str_equal (parts[1], "repos"))
    {
      g_autofree char *full = g_strdup_printf ("%s/%s", parts[2], parts[3]);

      json_builder_begin_object (b);
      _ds_demo_member_int (b, "id", g_str_hash (full) & 0xffffff);
      _ds_demo_member_str (b, "full_name", full);
      json_builder_end_object (b);
    }
  else
    {
      _ds_demo_reply_text (msg, 404, "{\"message\": \"Not Found\"}");
      return;
    }
  reply_github (self, msg, b);
}
