/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-http"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ds-error.h"
#include "ds-http-private.h"
#include "ds-json-gate.h"

/* Every message a failed call gives, in one place. Each names the service
 * and the endpoint ("GET /path", never a query, never a token) and says
 * what happens next or what to do. "Dayshift will try again" is said only
 * when it will: @again is FALSE for a one-off call (Settings' Test,
 * ds_http_set_one_off()), which nothing repeats. */

GError *
ds_http_error_io (DsService   service,
                  gboolean    again,
                  const char *endpoint,
                  guint       timeout,
                  GError     *error)
{
  g_autoptr(GError) taken = error;
  const char *label = ds_service_label (service);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_steal_pointer (&taken);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return g_error_new (DS_ERROR, DS_ERROR_TIMED_OUT,
                        again ? _("%s did not answer %s within %u seconds. Dayshift will try "
                                  "again.")
                              : _("%s did not answer %s within %u seconds."),
                        label, endpoint, timeout);
  if (error->domain == G_TLS_ERROR)
    return g_error_new (DS_ERROR, DS_ERROR_NETWORK,
                        _("The secure connection to %s failed (%s); nothing was sent. Check "
                          "the address and the system's certificates."), label, error->message);
  return g_error_new (DS_ERROR, DS_ERROR_NETWORK,
                      again ? _("Dayshift could not reach %s (%s). Check your network "
                                "connection; Dayshift will try again.")
                            : _("Dayshift could not reach %s (%s). Check your network "
                                "connection and the address in the team profile."),
                      label, error->message);
}

/* The service's own words about an error, from a JSON body if there is one. */
static char *
service_message (GBytes *body)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *obj;
  JsonNode *node;

  if (body == NULL)
    return NULL;
  root = ds_json_parse (g_bytes_get_data (body, NULL), g_bytes_get_size (body), G_MAXSIZE, NULL,
                        NULL);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  obj = json_node_get_object (root);

  /* GitHub and ZenHub: "message"; Slack: "error"; PagerDuty: "error": {"message"}. */
  node = json_object_get_member (obj, "message");
  if (node == NULL)
    node = json_object_get_member (obj, "error");
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    node = json_object_get_member (json_node_get_object (node), "message");
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
      json_node_get_value_type (node) == G_TYPE_STRING)
    {
      /* Keep it short: it goes into a notification. */
      char *said = g_utf8_make_valid (json_node_get_string (node), -1);

      if (g_utf8_strlen (said, -1) > 200)
        *g_utf8_offset_to_pointer (said, 200) = '\0';
      return said;
    }
  return NULL;
}

GError *
ds_http_error_status (DsService   service,
                      gboolean    again,
                      const char *endpoint,
                      guint       status,
                      const char *reason,
                      GBytes     *body,
                      gboolean    authed)
{
  const char *label = ds_service_label (service);
  g_autofree char *said = service_message (body);
  g_autofree char *detail = said != NULL ? g_strdup_printf (": %s", said) : g_strdup ("");

  if (status == 401 && !authed)
    return g_error_new (DS_ERROR, DS_ERROR_AUTH,
                        _("%s wants a token for %s (HTTP 401), and none is saved. Save one in "
                          "Dayshift's Settings."), label, endpoint);
  if (status == 401)
    return g_error_new (DS_ERROR, DS_ERROR_AUTH,
                        _("%s rejected the token (%s: HTTP 401%s). Save a new token in "
                          "Dayshift's Settings."), label, endpoint, detail);
  if (said != NULL && status >= 400 && status < 500 && ds_http_service (service)->words_in_4xx)
    return g_error_new (DS_ERROR, DS_ERROR_SERVICE, _("%s refused %s (HTTP %u: %s)."), label,
                        endpoint, status, said);
  if (status == 403)
    return g_error_new (DS_ERROR, DS_ERROR_FORBIDDEN,
                        _("%s refused %s (HTTP 403%s). The token may lack a permission this "
                          "needs."), label, endpoint, detail);
  if (status == 404)
    return g_error_new (DS_ERROR, DS_ERROR_NOT_FOUND,
                        _("%s has nothing at %s (HTTP 404%s). Check the names in the team "
                          "profile and what the token may see."), label, endpoint, detail);
  if (status >= 500)
    return g_error_new (DS_ERROR, DS_ERROR_SERVER,
                        again ? _("%s had a problem answering %s (HTTP %u %s). Dayshift will "
                                  "try again.")
                              : _("%s had a problem answering %s (HTTP %u %s). Try again "
                                  "later."),
                        label, endpoint, status, reason != NULL ? reason : "");
  return g_error_new (DS_ERROR, DS_ERROR_SERVICE, _("%s refused %s (HTTP %u%s)."), label,
                      endpoint, status, detail);
}

GError *
ds_http_error_rate_limited (DsService   service,
                            gboolean    again,
                            const char *endpoint,
                            gint64      until)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (until);
  g_autofree char *when = g_date_time_format (dt, "%H:%M");

  if (!again)
    return g_error_new (DS_ERROR, DS_ERROR_RATE_LIMITED,
                        /* Translators: "GitHub asked Dayshift to wait until 14:05 (GET
                         * /user); try again then." (a rate limit) */
                        _("%s asked Dayshift to wait until %s (%s); try again then."),
                        ds_service_label (service), when, endpoint);
  return g_error_new (DS_ERROR, DS_ERROR_RATE_LIMITED,
                      /* Translators: "GitHub asked Dayshift to wait until 14:05; …" (a rate
                       * limit); the last %s is the request, e.g. "GET /user" */
                      _("%s asked Dayshift to wait until %s; Dayshift will try again then (%s)."),
                      ds_service_label (service), when, endpoint);
}

GError *
ds_http_error_too_large (DsService   service,
                         const char *endpoint,
                         gsize       max_body)
{
  return g_error_new (DS_ERROR, DS_ERROR_BAD_RESPONSE,
                      _("%s sent more than %u KiB for %s; Dayshift ignored the answer."),
                      ds_service_label (service), (guint)(max_body / 1024), endpoint);
}

GError *
ds_http_error_cut_short (DsService     service,
                         gboolean      again,
                         const char   *endpoint,
                         const GError *error)
{
  return g_error_new (DS_ERROR, DS_ERROR_BAD_RESPONSE,
                      again ? _("The answer from %s to %s was cut short (%s). Dayshift will "
                                "try again.")
                            : _("The answer from %s to %s was cut short (%s)."),
                      ds_service_label (service), endpoint, error->message);
}

/* An answer the JSON gate or the parser refused (ds_json_parse()). */
GError *
ds_http_error_malformed (DsService     service,
                         gboolean      again,
                         const char   *endpoint,
                         const GError *error)
{
  return g_error_new (DS_ERROR, DS_ERROR_BAD_RESPONSE,
                      /* Translators: the last %s is e.g. "nested deeper than 64 levels" */
                      again ? _("%s sent an answer to %s that Dayshift cannot read: %s. "
                                "Dayshift will try again.")
                            : _("%s sent an answer to %s that Dayshift cannot read: %s."),
                      ds_service_label (service), endpoint, error->message);
}

GError *
ds_http_error_redirect (DsService   service,
                        const char *endpoint)
{
  return g_error_new (DS_ERROR, DS_ERROR_BAD_RESPONSE,
                      _("%s redirected %s somewhere Dayshift does not follow."),
                      ds_service_label (service), endpoint);
}

GError *
ds_http_error_deadline (DsService   service,
                        gboolean    again,
                        const char *endpoint,
                        guint       seconds)
{
  return g_error_new (DS_ERROR, DS_ERROR_TIMED_OUT,
                      again ? _("%s did not finish answering %s within %u seconds; Dayshift "
                                "stopped waiting and will try again.")
                            : _("%s did not finish answering %s within %u seconds; Dayshift "
                                "stopped waiting."),
                      ds_service_label (service), endpoint, seconds);
}

/* @server: "host", or "host:port" when the address names a port */
GError *
ds_http_error_other_server (DsService   service,
                            const char *server)
{
  return g_error_new (DS_ERROR, DS_ERROR_BAD_RESPONSE,
                      _("%s pointed Dayshift to another server (%s); Dayshift does not send its "
                        "token there."), ds_service_label (service),
                      server != NULL ? server : "?");
}
