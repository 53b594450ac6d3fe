/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-http"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ds-error.h"
#include "ds-http-private.h"

/* What differs between the services Dayshift talks to, as one table: where
 * the token goes, how a listing says there is another page, and whether a
 * successful answer can still say it failed. To talk to another service,
 * add its row (and its rate-limit headers in ds-http-limits.c). */

static void
set_bearer (SoupMessageHeaders *headers,
            const char         *scheme,
            const char         *token)
{
  g_autofree char *value = NULL;

  if (token == NULL)
    return;
  value = g_strconcat (scheme, token, NULL);
  soup_message_headers_replace (headers, "Authorization", value);
  memset (value, 0, strlen (value));
}

/* A next-page link is only ever followed on the server the request went to:
 * a link naming another host is taken for its path and query alone, so the
 * token never travels elsewhere. */
static void
rebase_on_origin (const char *url,
                  DsHttpCall *next)
{
  g_autoptr(GUri) current = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  g_autoptr(GUri) link = g_uri_parse (next->path->str, G_URI_FLAGS_ENCODED, NULL);
  g_autoptr(GUri) rebased = NULL;
  g_autofree char *rebased_str = NULL;

  if (current == NULL || link == NULL ||
      (g_ascii_strcasecmp (g_uri_get_host (current), g_uri_get_host (link)) == 0 &&
       g_uri_get_port (current) == g_uri_get_port (link) &&
       g_ascii_strcasecmp (g_uri_get_scheme (current), g_uri_get_scheme (link)) == 0))
    return;
  rebased = g_uri_build (G_URI_FLAGS_ENCODED, g_uri_get_scheme (current), NULL,
                         g_uri_get_host (current), g_uri_get_port (current),
                         g_uri_get_path (link), g_uri_get_query (link), NULL);
  rebased_str = g_uri_to_string (rebased);
  g_debug ("Next page link names another server; asking %s instead", g_uri_get_host (current));
  g_string_assign (next->path, rebased_str);
}

/* -- GitHub ---------------------------------------------------------------- */

static void
github_headers (const DsHttpCall   *call,
                const char         *token,
                const char         *from,
                SoupMessageHeaders *headers)
{
  soup_message_headers_replace (headers, "Accept", "application/vnd.github+json");
  soup_message_headers_replace (headers, "X-GitHub-Api-Version", "2022-11-28");
  set_bearer (headers, "Bearer ", token);
}

/* Link: <…>; rel="next" */
static DsHttpCall *
github_next_page (const DsHttpCall   *call,
                  const char         *url,
                  SoupMessageHeaders *answer,
                  JsonNode           *root,
                  const DsJsonScope  *scope)
{
  const char *link = soup_message_headers_get_one (answer, "Link");
  g_auto(GStrv) parts = link != NULL ? g_strsplit (link, ",", -1) : NULL;

  for (guint i = 0; parts != NULL && parts[i] != NULL; i++)
    {
      char *lt = strchr (parts[i], '<');
      char *gt = lt != NULL ? strchr (lt, '>') : NULL;

      if (gt != NULL && strstr (gt, "rel=\"next\"") != NULL)
        {
          DsHttpCall *next = ds_http_call_copy (call);
          g_autofree char *link_url = g_strndup (lt + 1, gt - lt - 1);

          g_string_assign (next->path, link_url);
          rebase_on_origin (url, next);
          return next;
        }
    }
  return NULL;
}

/* -- Slack ----------------------------------------------------------------- */

static void
slack_headers (const DsHttpCall   *call,
               const char         *token,
               const char         *from,
               SoupMessageHeaders *headers)
{
  soup_message_headers_replace (headers, "Accept", "application/json");
  set_bearer (headers, "Bearer ", token);
}

/* "response_metadata": {"next_cursor": "…"} */
static DsHttpCall *
slack_next_page (const DsHttpCall   *call,
                 const char         *url,
                 SoupMessageHeaders *answer,
                 JsonNode           *root,
                 const DsJsonScope  *scope)
{
  JsonObject *obj = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  JsonNode *meta = obj ? json_object_get_member (obj, "response_metadata") : NULL;
  JsonNode *cursor = meta && JSON_NODE_HOLDS_OBJECT (meta)
    ? json_object_get_member (json_node_get_object (meta), "next_cursor") : NULL;
  DsHttpCall *next;

  if (cursor == NULL || !JSON_NODE_HOLDS_VALUE (cursor) ||
      json_node_get_value_type (cursor) != G_TYPE_STRING ||
      *json_node_get_string (cursor) == '\0')
    return NULL;
  next = ds_http_call_copy (call);
  ds_http_call_set_query (next, "cursor", json_node_get_string (cursor));
  return next;
}

/* Slack says what went wrong in the body, with HTTP 200. */
static DsHttpBodyCheck
slack_check_body (JsonNode           *root,
                  const DsJsonScope  *scope,
                  GError            **error)
{
  static const char * const auth_errors[] = {
    "invalid_auth", "not_authed", "token_revoked", "token_expired", "account_inactive", NULL
  };
  JsonObject *obj = ds_json_root_object (root, scope, error);
  const char *err = "unknown_error";
  JsonNode *ok, *err_node;

  if (obj == NULL)
    return DS_HTTP_BODY_REFUSED;
  ok = json_object_get_member (obj, "ok");
  if (ok != NULL && JSON_NODE_HOLDS_VALUE (ok) &&
      json_node_get_value_type (ok) == G_TYPE_BOOLEAN && json_node_get_boolean (ok))
    return DS_HTTP_BODY_OK;

  err_node = json_object_get_member (obj, "error");
  if (err_node != NULL && JSON_NODE_HOLDS_VALUE (err_node) &&
      json_node_get_value_type (err_node) == G_TYPE_STRING)
    err = json_node_get_string (err_node);

  /* Asking twice for the same reaction is no failure. */
  if (g_strcmp0 (err, "already_reacted") == 0)
    return DS_HTTP_BODY_OK;
  if (g_strcmp0 (err, "ratelimited") == 0)
    return DS_HTTP_BODY_RATE_LIMITED;

  if (g_strv_contains (auth_errors, err))
    g_set_error (error, DS_ERROR, DS_ERROR_AUTH,
                 _("Slack rejected the token (%s: %s). Save a new token in Dayshift's "
                   "Settings."), scope->endpoint, err);
  else if (g_strcmp0 (err, "not_in_channel") == 0 || g_strcmp0 (err, "channel_not_found") == 0)
    /* A private channel the token is not in is not found either. */
    g_set_error (error, DS_ERROR,
                 g_str_equal (err, "not_in_channel") ? DS_ERROR_SERVICE : DS_ERROR_NOT_FOUND,
                 _("Slack refused %s: %s. Invite Dayshift's Slack app (or the token's user) to "
                   "the channel."), scope->endpoint, err);
  else if (g_strcmp0 (err, "user_not_found") == 0)
    g_set_error (error, DS_ERROR, DS_ERROR_NOT_FOUND, _("Slack refused %s: %s."),
                 scope->endpoint, err);
  else if (g_strcmp0 (err, "missing_scope") == 0)
    g_set_error (error, DS_ERROR, DS_ERROR_FORBIDDEN,
                 _("Slack refused %s: missing_scope. The token needs another scope; see the "
                   "README."), scope->endpoint);
  else
    g_set_error (error, DS_ERROR, DS_ERROR_SERVICE, _("Slack refused %s: %s."), scope->endpoint,
                 err);
  return DS_HTTP_BODY_REFUSED;
}

/* -- PagerDuty ------------------------------------------------------------- */

static void
pagerduty_headers (const DsHttpCall   *call,
                   const char         *token,
                   const char         *from,
                   SoupMessageHeaders *headers)
{
  soup_message_headers_replace (headers, "Accept", "application/vnd.pagerduty+json;version=2");
  set_bearer (headers, "Token token=", token);
  /* PagerDuty wants to know who makes each change. */
  if (g_strcmp0 (call->method, "GET") != 0 && from != NULL)
    soup_message_headers_replace (headers, "From", from);
}

/* "more": true, "offset", "limit" */
static DsHttpCall *
pagerduty_next_page (const DsHttpCall   *call,
                     const char         *url,
                     SoupMessageHeaders *answer,
                     JsonNode           *root,
                     const DsJsonScope  *scope)
{
  JsonObject *obj = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  gboolean more = FALSE;
  gint64 offset = 0, limit = 0;
  g_autofree char *value = NULL;
  DsHttpCall *next;

  if (obj == NULL || !ds_json_bool (obj, "more", FALSE, &more, scope, NULL) || !more ||
      !ds_json_int (obj, "offset", FALSE, &offset, scope, NULL) ||
      !ds_json_int (obj, "limit", FALSE, &limit, scope, NULL) || limit <= 0)
    return NULL;
  next = ds_http_call_copy (call);
  value = g_strdup_printf ("%" G_GINT64_FORMAT, offset + limit);
  ds_http_call_set_query (next, "offset", value);
  return next;
}

/* -- ZenHub ---------------------------------------------------------------- */

static void
zenhub_headers (const DsHttpCall   *call,
                const char         *token,
                const char         *from,
                SoupMessageHeaders *headers)
{
  soup_message_headers_replace (headers, "Accept", "application/json");
  /* GraphQL takes a bearer token, the REST API its own header. */
  if (call->bearer)
    set_bearer (headers, "Bearer ", token);
  else if (token != NULL)
    soup_message_headers_replace (headers, "X-Authentication-Token", token);
}

/* GitHub: a 403 or 429 with Retry-After, or with no requests left until
 * x-ratelimit-reset; a 403 with none of these is a permission problem, not
 * a limit. No requests left is a limit, whatever the reset says. */
static gint64
github_rate_limit (guint               status,
                   SoupMessageHeaders *h,
                   gint64              now,
                   gboolean           *limited)
{
  const char *remaining = soup_message_headers_get_one (h, "x-ratelimit-remaining");
  const char *reset = soup_message_headers_get_one (h, "x-ratelimit-reset");
  const char *retry = soup_message_headers_get_one (h, "retry-after");
  gint64 until = 0;

  if (status == 403 || status == 429)
    {
      if (retry != NULL)
        until = ds_http_parse_retry_after (retry, now);
      else if (g_strcmp0 (remaining, "0") == 0)
        until = ds_http_parse_reset (reset, now);
      *limited = until > 0 || status == 429 || g_strcmp0 (remaining, "0") == 0;
    }
  else if (g_strcmp0 (remaining, "0") == 0)
    until = ds_http_parse_reset (reset, now);
  return until;
}

/* Slack: a 429 with Retry-After. */
static gint64
slack_rate_limit (guint               status,
                  SoupMessageHeaders *h,
                  gint64              now,
                  gboolean           *limited)
{
  if (status != 429)
    return 0;
  *limited = TRUE;
  return ds_http_parse_retry_after (soup_message_headers_get_one (h, "retry-after"), now);
}

/* PagerDuty: a 429 with ratelimit-reset, or Retry-After. */
static gint64
pagerduty_rate_limit (guint               status,
                      SoupMessageHeaders *h,
                      gint64              now,
                      gboolean           *limited)
{
  gint64 until;

  if (status != 429)
    return 0;
  *limited = TRUE;
  until = ds_http_parse_reset (soup_message_headers_get_one (h, "ratelimit-reset"), now);
  if (until == 0)
    until = ds_http_parse_retry_after (soup_message_headers_get_one (h, "retry-after"), now);
  return until;
}

/* ZenHub: a 429, or a 403 with x-ratelimit-reset. */
static gint64
zenhub_rate_limit (guint               status,
                   SoupMessageHeaders *h,
                   gint64              now,
                   gboolean           *limited)
{
  const char *reset = soup_message_headers_get_one (h, "x-ratelimit-reset");

  if (status != 429 && !(status == 403 && reset != NULL))
    return 0;
  *limited = TRUE;
  return ds_http_parse_reset (reset, now);
}

static const DsHttpService services[DS_N_SERVICES] = {
  [DS_SERVICE_GITHUB] = {
    .set_headers = github_headers,
    .next_page = github_next_page,
    .rate_limit = github_rate_limit,
  },
  [DS_SERVICE_SLACK] = {
    .set_headers = slack_headers,
    .next_page = slack_next_page,
    .check_body = slack_check_body,
    .words_in_4xx = TRUE,   /* as from mock servers */
    .rate_limit = slack_rate_limit,
  },
  [DS_SERVICE_PAGERDUTY] = {
    .set_headers = pagerduty_headers,
    .next_page = pagerduty_next_page,
    .rate_limit = pagerduty_rate_limit,
  },
  [DS_SERVICE_ZENHUB] = {
    .set_headers = zenhub_headers,
    .rate_limit = zenhub_rate_limit,
  },
};

const DsHttpService *
ds_http_service (DsService service)
{
  g_assert (service < DS_N_SERVICES);
  return &services[service];
}
