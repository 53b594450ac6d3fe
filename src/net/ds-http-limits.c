/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-http"

#include "config.h"

#include "ds-http-private.h"

/* What each service says about its rate limits, and how long to wait when
 * it says nothing: at least a minute (GitHub's advice for its secondary
 * limits), doubling each time. Whatever a header says, no wait lasts more
 * than DS_HTTP_LONGEST_WAIT (an hour) from now: a number too large for any
 * integer, a date in the year 9999, a reset time centuries away or garbage
 * cannot stop a service until Dayshift restarts. */

#define BACKOFF_MIN 60

/* @seconds from @now, between a second and the longest wait, without
 * overflowing whatever @seconds is. */
static gint64
wait_from_now (gint64 now,
               gint64 seconds)
{
  return now + CLAMP (seconds, 1, DS_HTTP_LONGEST_WAIT);
}

/* Counts one more refusal and returns when to try again. */
gint64
ds_http_backoff_after (guint *failures)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  guint shift = MIN (*failures, 6);

  (*failures)++;
  return wait_from_now (now, (gint64)BACKOFF_MIN << shift);
}

/* A Retry-After header: seconds, or an HTTP date; 0 when it says neither. */
gint64
ds_http_parse_retry_after (const char *value,
                   gint64      now)
{
  g_autoptr(GDateTime) date = NULL;
  char *end;
  gint64 seconds;

  if (value == NULL)
    return 0;
  seconds = g_ascii_strtoll (value, &end, 10);
  if (end != value && *end == '\0')
    return seconds >= 0 ? wait_from_now (now, seconds) : 0;
  date = soup_date_time_new_from_http_string (value);
  return date != NULL ? g_date_time_to_unix (date) : 0;
}

/* A reset header holds either a Unix time or a number of seconds. */
gint64
ds_http_parse_reset (const char *value,
             gint64      now)
{
  char *end;
  gint64 n;

  if (value == NULL)
    return 0;
  n = g_ascii_strtoll (value, &end, 10);
  if (end == value || n < 0)
    return 0;
  return n > 1000000000 ? n : wait_from_now (now, n);
}

/**
 * ds_http_rate_limit_until:
 * @failures: (inout): rate-limit answers in a row that gave no time
 * @limited: (out): whether this answer is a rate-limit refusal
 *
 * Reads the service's rate-limit headers.
 *
 * Returns: the Unix time until which the service must be left alone, or 0
 */
gint64
ds_http_rate_limit_until (DsService           service,
                          guint               status,
                          SoupMessageHeaders *h,
                          guint              *failures,
                          gboolean           *limited)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 until = 0;

  *limited = FALSE;
  /* Each service's own headers, read by its row of ds-http-services.c. */
  if (ds_http_service (service)->rate_limit != NULL)
    until = ds_http_service (service)->rate_limit (status, h, now, limited);

  if (*limited && until <= now)
    until = ds_http_backoff_after (failures);
  else if (*limited)
    *failures = 0;
  /* A Unix time or a date, however far: at most the longest wait. */
  return until > now ? MIN (until, now + DS_HTTP_LONGEST_WAIT) : until;
}

/**
 * ds_http_poll_interval:
 *
 * Returns: the seconds GitHub asked for between polls (X-Poll-Interval),
 *   at most the longest wait, or 0
 */
guint
ds_http_poll_interval (SoupMessageHeaders *h)
{
  const char *value = soup_message_headers_get_one (h, "X-Poll-Interval");
  guint64 seconds;

  /* Not a number of seconds (a sign, garbage): as if not said. */
  if (value == NULL || !g_ascii_isdigit (*value))
    return 0;
  seconds = g_ascii_strtoull (value, NULL, 10);
  return (guint)MIN (seconds, DS_HTTP_LONGEST_WAIT);
}

