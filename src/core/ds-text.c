/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-text"

#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "ds-text.h"

/* What a service's text may not carry to where Dayshift shows it, in one
 * place. Each function takes any text (NULL, invalid UTF-8, markup of any
 * kind, which it shows as the characters they are) and returns text that
 * is always valid where it goes: it never fails. */

/* Characters that change how the rest of a line reads without being seen:
 * bidi embeddings, overrides and isolates (a cut could leave one open and
 * turn the notification around it), and zero-width spaces and joiners that
 * hide words. Marks (LRM, RLM) and the ZWJ of emoji stay. And the control
 * characters, which a terminal obeys (ESC starts a sequence that colours,
 * clears the screen or sets the window's title, BEL rings, U+009B is CSI):
 * C0 but the line break and the tab, DEL, and C1. */
static gboolean
is_hidden_control (gunichar c)
{
  return (c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7F && c <= 0x9F) ||
         (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) ||
         c == 0x200B || c == 0x2060 || c == 0xFEFF;
}

/**
 * ds_text_strip_hidden:
 *
 * Returns: (transfer full) (nullable): @text, valid UTF-8, without
 *   invisible characters that reorder or hide text, nor control characters
 *   but line breaks and tabs: what may be printed on a terminal
 */
char *
ds_text_strip_hidden (const char *text)
{
  g_autofree char *valid = NULL;
  GString *out;

  if (text == NULL)
    return NULL;
  valid = g_utf8_make_valid (text, -1);
  out = g_string_sized_new (strlen (valid));
  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      /* A carriage return would let what follows it overwrite the line:
       * one that ends a line goes, one alone is a line break. */
      if (c == '\r' && p[1] != '\n')
        g_string_append_c (out, '\n');
      else if (!is_hidden_control (c))
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/**
 * ds_text_linkify_markup:
 *
 * The links are found in the plain text, and then every piece is escaped
 * (the text around them, each link's address and its label), so the
 * result is valid markup whatever the text holds (quotes, ampersands,
 * angle brackets around or after a link).
 *
 * Returns: (transfer full): @text as Pango markup for a #GtkLabel, its web
 *   links clickable (`<a href>`); nothing else of it is markup
 */
char *
ds_text_linkify_markup (const char *text)
{
  static GRegex *url;
  g_autofree char *valid = g_utf8_make_valid (text != NULL ? text : "", -1);
  g_autoptr(GMatchInfo) match = NULL;
  GString *out = g_string_sized_new (strlen (valid) + 16);
  int done = 0;

  if (g_once_init_enter (&url))
    g_once_init_leave (&url, g_regex_new ("https?://[^\\s<>\"']+[^\\s<>\"'.,;:!?)]",
                                          G_REGEX_OPTIMIZE, 0, NULL));
  g_regex_match (url, valid, 0, &match);
  while (g_match_info_matches (match))
    {
      int start = 0, end = 0;
      g_autofree char *before = NULL;
      g_autofree char *link = NULL;

      g_match_info_fetch_pos (match, 0, &start, &end);
      before = g_markup_escape_text (valid + done, start - done);
      link = g_markup_escape_text (valid + start, end - start);
      g_string_append_printf (out, "%s<a href=\"%s\">%s</a>", before, link, link);
      done = end;
      g_match_info_next (match, NULL);
    }
  {
    g_autofree char *rest = g_markup_escape_text (valid + done, -1);
    g_string_append (out, rest);
  }
  return g_string_free (out, FALSE);
}

/**
 * ds_text_is_web_link:
 * @url: (nullable): an address from a service (an item's link)
 *
 * Whether Dayshift may use @url as a link: open it, or write it as a link
 * in Markdown as it is. It must be http or https with a host (no file, no
 * script), and hold only the characters an address is written with
 * (RFC 3986: letters, digits, "-._~:/?#[]@!$&'()*+,;=" and %-escapes), so
 * it ends where a reader sees it end: no space, quote, angle bracket,
 * backtick, backslash, control or non-ASCII character carries on past it.
 *
 * Returns: %TRUE if @url is such a web address
 */
gboolean
ds_text_is_web_link (const char *url)
{
  g_autoptr(GUri) uri = NULL;
  const char *host;

  if (url == NULL || (g_ascii_strncasecmp (url, "https://", 8) != 0 &&
                      g_ascii_strncasecmp (url, "http://", 7) != 0))
    return FALSE;
  for (const char *p = url; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && strchr ("-._~:/?#[]@!$&'()*+,;=%", *p) == NULL)
      return FALSE;
  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  host = uri != NULL ? g_uri_get_host (uri) : NULL;
  return host != NULL && *host != '\0';
}

/**
 * ds_text_host_is_loopback:
 * @host: (nullable): a URL's host
 *
 * Returns: %TRUE if @host is this computer ("localhost", 127.0.0.1, ::1)
 */
gboolean
ds_text_host_is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (host == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;
  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

/**
 * ds_text_is_secure_link:
 * @url: (nullable): an address someone else wrote
 *
 * Returns: %TRUE if @url is a web address (ds_text_is_web_link()) that is
 *   https://, or http:// on this computer
 */
gboolean
ds_text_is_secure_link (const char *url)
{
  g_autoptr(GUri) uri = NULL;

  if (!ds_text_is_web_link (url))
    return FALSE;
  if (g_ascii_strncasecmp (url, "https://", 8) == 0)
    return TRUE;
  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  return uri != NULL && ds_text_host_is_loopback (g_uri_get_host (uri));
}

/* A letter, a digit or _: what GitHub reads as part of a word before an @. */
static gboolean
is_word (char c)
{
  return g_ascii_isalnum (c) || c == '_';
}

/* Where a line starts, what would make it a heading ("# "), a list item
 * ("- ", "+ ", "1. ", "2) ") or a rule ("---"): escaped, the rest of the
 * text as it is. Returns where the rest starts. */
static const char *
append_line_start (GString    *out,
                   const char *p)
{
  const char *after = p + strspn (p, p[0] == '#' ? "#" : "0123456789");
  gboolean ends_marker = *after == ' ' || *after == '\t' || *after == '\0';

  if ((p[0] == '#' && ends_marker) ||
      ((p[0] == '-' || p[0] == '+') && (p[1] == ' ' || p[1] == '\t' || p[1] == '\0' ||
                                        p[1] == '-')))
    {
      g_string_append_c (out, '\\');
      return p;
    }
  if (after > p && after - p <= 9 && (*after == '.' || *after == ')') &&
      (after[1] == ' ' || after[1] == '\t' || after[1] == '\0'))
    {
      g_string_append_len (out, p, after - p);
      g_string_append_c (out, '\\');
      return after;
    }
  return p;
}

/**
 * ds_text_append_markdown:
 * @out: the Markdown being written
 * @text: (nullable): plain text: a title, a channel's or a person's name
 *
 * Appends @text, on one line (a list item, a table's cell), as Markdown
 * that GitHub shows as these very characters: the control and hidden
 * characters gone (ds_text_strip_hidden()), line breaks as spaces, and no
 * HTML, entity, link, image, emphasis, code, heading, list, quote, table
 * cell or math of its own (backslash escapes). A mention ("@team",
 * "@org/team") is put in a code span, where GitHub neither links nor
 * notifies: the text of a request pings nobody from the user's account.
 * Words, numbers, apostrophes and non-ASCII are as they were.
 */
void
ds_text_append_markdown (GString    *out,
                         const char *text)
{
  g_autofree char *clean = ds_text_strip_hidden (text != NULL ? text : "");
  /* Spaces before it would make code of a list item's text. */
  const char *p = clean + strspn (clean, " \t\n");

  for (p = append_line_start (out, p); *p != '\0'; p++)
    {
      if (*p == '\n')
        g_string_append_c (out, ' ');
      else if (*p == '@' && (p == clean || !is_word (p[-1])) && g_ascii_isalnum (p[1]))
        {
          gsize name = 1 + strspn (p + 1, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                          "0123456789-_/");

          g_string_append_c (out, '`');
          g_string_append_len (out, p, name);
          g_string_append_c (out, '`');
          p += name - 1;
        }
      /* Inside a word, as in snake_case, _ is no emphasis. */
      else if (*p == '_' && p > clean && g_ascii_isalnum (p[-1]) && g_ascii_isalnum (p[1]))
        g_string_append_c (out, '_');
      else if (strchr ("\\`*_[]<>&|~$", *p) != NULL)
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, *p);
        }
      else
        g_string_append_c (out, *p);
    }
}

/**
 * ds_text_markdown:
 *
 * Returns: (transfer full): @text as ds_text_append_markdown() writes it
 */
char *
ds_text_markdown (const char *text)
{
  GString *out = g_string_new (NULL);

  ds_text_append_markdown (out, text);
  return g_string_free (out, FALSE);
}

/**
 * ds_text_ellipsize:
 * @text: (nullable): valid UTF-8 (from a service, or a script's argument)
 * @max: the most characters to keep, the ellipsis counted
 *
 * Returns: (transfer full) (nullable): @text, or its start and "…" where it
 *   was cut: what a message may quote of it, however long it is
 */
char *
ds_text_ellipsize (const char *text,
                   glong       max)
{
  const char *end = text;
  g_autofree char *cut = NULL;

  if (text == NULL)
    return NULL;
  /* Counted up to the cut only: @text may be long. */
  for (glong n = 0; *end != '\0' && n < max; n++)
    end = g_utf8_next_char (end);
  if (*end == '\0')
    return g_strdup (text);
  cut = g_utf8_substring (text, 0, MAX (max - 1, 1));
  return g_strconcat (g_strchomp (cut), "…", NULL);
}
