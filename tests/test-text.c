/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "ds-text.h"

/* Text from the services made safe for where it is shown: the detail
 * pane's markup with its links, a terminal, GitHub's Markdown. */

/* What a GtkLabel makes of link markup: GMarkup (which Pango parses with
 * too) reads it inside a root element; only <a href> is allowed, not
 * nested, its label its address. */
typedef struct
{
  GString  *text;   /* the characters, markup stripped */
  GString  *label;  /* of the link being read */
  char     *href;
  guint     links;
} Read;

static void
on_start (GMarkupParseContext  *context,
          const char           *element,
          const char          **names,
          const char          **values,
          gpointer              user_data,
          GError              **error)
{
  Read *r = user_data;

  if (strcmp (element, "markup") == 0 && g_markup_parse_context_get_element_stack (context)->next
      == NULL)
    return;
  if (strcmp (element, "a") != 0 || r->href != NULL || names[0] == NULL ||
      strcmp (names[0], "href") != 0 || names[1] != NULL)
    {
      g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_UNKNOWN_ELEMENT, "<%s> unexpected",
                   element);
      return;
    }
  r->href = g_strdup (values[0]);
  g_string_truncate (r->label, 0);
}

static void
on_end (GMarkupParseContext  *context,
        const char           *element,
        gpointer              user_data,
        GError              **error)
{
  Read *r = user_data;

  if (strcmp (element, "a") != 0)
    return;
  g_assert_cmpstr (r->label->str, ==, r->href);
  g_assert_true (g_str_has_prefix (r->href, "http://") || g_str_has_prefix (r->href, "https://"));
  g_clear_pointer (&r->href, g_free);
  r->links++;
}

static void
on_text (GMarkupParseContext  *context,
         const char           *text,
         gsize                 length,
         gpointer              user_data,
         GError              **error)
{
  Read *r = user_data;

  g_string_append_len (r->text, text, length);
  if (r->href != NULL)
    g_string_append_len (r->label, text, length);
}

static void
on_passthrough (GMarkupParseContext  *context,
                const char           *text,
                gsize                 length,
                gpointer              user_data,
                GError              **error)
{
  g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT, "not text: %.*s",
               (int)length, text);
}

/* Parses @markup as a label would; returns its text, and its links' count. */
static char *
read_markup (const char *markup,
             guint      *links)
{
  static const GMarkupParser parser = { on_start, on_end, on_text, on_passthrough, NULL };
  Read r = { g_string_new (NULL), g_string_new (NULL), NULL, 0 };
  g_autofree char *whole = g_strconcat ("<markup>", markup, "</markup>", NULL);
  g_autoptr(GMarkupParseContext) context = g_markup_parse_context_new (&parser, 0, &r, NULL);
  g_autoptr(GError) error = NULL;

  if (!g_markup_parse_context_parse (context, whole, -1, &error) ||
      !g_markup_parse_context_end_parse (context, &error))
    g_error ("%s: %s", markup, error->message);
  g_assert_null (r.href);
  g_string_free (r.label, TRUE);
  if (links != NULL)
    *links = r.links;
  return g_string_free (r.text, FALSE);
}

static void
test_linkify_examples (void)
{
  static const struct { const char *text; const char *markup; } cases[] = {
    /* A quoted link: the quote after it is not cut in half. */
    { "see \"https://grafana.example.com/d/abc\" since 9",
      "see &quot;<a href=\"https://grafana.example.com/d/abc\">"
      "https://grafana.example.com/d/abc</a>&quot; since 9" },
    /* In angle brackets, as Slack writes them. */
    { "<https://ci.example.com/run/7>",
      "&lt;<a href=\"https://ci.example.com/run/7\">https://ci.example.com/run/7</a>&gt;" },
    { "https://ci.example.com/run/7>x",
      "<a href=\"https://ci.example.com/run/7\">https://ci.example.com/run/7</a>&gt;x" },
    /* An ampersand in the address, and one after it. */
    { "https://example.com/q?a=1&b=2 & more",
      "<a href=\"https://example.com/q?a=1&amp;b=2\">https://example.com/q?a=1&amp;b=2</a>"
      " &amp; more" },
    { "it's https://example.com/x's",
      "it&apos;s <a href=\"https://example.com/x\">https://example.com/x</a>&apos;s" },
    /* A sentence's end is not the link's. */
    { "Down (https://status.example.com/), again.",
      "Down (<a href=\"https://status.example.com/\">https://status.example.com/</a>), again." },
    { "<b>not bold</b> &amp; café",
      "&lt;b&gt;not bold&lt;/b&gt; &amp;amp; café" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *markup = ds_text_linkify_markup (cases[i].text);
      g_autofree char *back = read_markup (markup, NULL);

      g_assert_cmpstr (markup, ==, cases[i].markup);
      g_assert_cmpstr (back, ==, cases[i].text);
    }
}

/* Any text of quotes, ampersands, angle brackets, apostrophes, links,
 * entities, non-ASCII and spaces: valid markup, whose text is the text. */
static void
test_linkify_any_text (void)
{
  static const char *pieces[] = {
    "\"", "'", "&", "<", ">", " ", "\n", "\t", ";", ".", ",", ")", "(", "!", "?", "#",
    "&quot;", "&amp;", "&lt;", "&#39;", "&#x1F600;", "<b>", "</a>", "<a href=\"x\">",
    "<![CDATA[", "]]>", "<!--", "-->", "café", "日本語", "😀", "\u00A0", "9",
    "https://grafana.example.com/d/abc", "http://a.example/?x=1&y=<2>", "https://x.example/é",
    "https://", "http://a", "www.example.com", "mailto:a@example.com",
  };
  guint links = 0;

  for (guint n = 0; n < 2000; n++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      guint count = g_test_rand_int_range (0, 12);
      g_autofree char *markup = NULL;
      g_autofree char *back = NULL;
      guint found = 0;

      for (guint i = 0; i < count; i++)
        g_string_append (text, pieces[g_test_rand_int_range (0, G_N_ELEMENTS (pieces))]);
      markup = ds_text_linkify_markup (text->str);
      back = read_markup (markup, &found);
      g_assert_cmpstr (back, ==, text->str);
      links += found;
    }
  /* The texts had links, and they were found. */
  g_assert_cmpuint (links, >, 500);
}

/* What a terminal would obey goes; what it prints stays. */
static void
test_strip_controls (void)
{
  static const struct { const char *text; const char *clean; } cases[] = {
    { "\033[31mred\033[0m", "[31mred[0m" },
    { "\033]0;title\007 after", "]0;title after" },
    { "\033[2Jclear\177", "[2Jclear" },
    { "C1 \302\2332J and \302\205NEL", "C1 2J and NEL" },
    { "bidi \u202Egnp.exe\u202C \u2066isolate\u2069 zero\u200Bwidth",
      "bidi gnp.exe isolate zerowidth" },
    { "lines\r\nand\ttabs\rstay\n", "lines\nand\ttabs\nstay\n" },
    { "It's 3.5 GB in Zürich — 10:30–11:00 \u200E😀\u200D👍", NULL },
  };

  g_assert_null (ds_text_strip_hidden (NULL));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *clean = ds_text_strip_hidden (cases[i].text);

      g_assert_cmpstr (clean, ==, cases[i].clean != NULL ? cases[i].clean : cases[i].text);
    }
}

/* Text in the report's Markdown: as GitHub shows it, the characters
 * written; no markup, no mention; ordinary text unchanged. */
static void
test_markdown (void)
{
  static const struct { const char *text; const char *markdown; } cases[] = {
    { "It's 3.5 GB in Zürich — 10:30–11:00 (#42), 2026-11-20!", NULL },
    { "#ops-support", NULL },
    { "snake_case_name and a@b.co and x.y/z?", NULL },
    { "-5 degrees, +1, 3.5 and 2026.", NULL },
    { "<b>bold</b> &amp; <!-- c -->", "\\<b\\>bold\\</b\\> \\&amp; \\<!-- c --\\>" },
    { "[link](https://x.example) ![img](y.png) [^1]",
      "\\[link\\](https://x.example) !\\[img\\](y.png) \\[^1\\]" },
    { "*a* _b_ **c** __d__ ~e~ `f` $g$ \\h | i",
      "\\*a\\* \\_b\\_ \\*\\*c\\*\\* \\_\\_d\\_\\_ \\~e\\~ \\`f\\` \\$g\\$ \\\\h \\| i" },
    { "@team, (@acme/ops-team) é@x @ @- cc:@dana.",
      "`@team`, (`@acme/ops-team`) é`@x` @ @- cc:`@dana`." },
    { "# heading", "\\# heading" },
    { "### heading", "\\### heading" },
    { "- item", "\\- item" },
    { "+ item", "\\+ item" },
    { "---", "\\---" },
    { "1. item", "1\\. item" },
    { "12) item", "12\\) item" },
    { "> quote", "\\> quote" },
    { "      code", "code" },
    { "two\nlines\r\nthree", "two lines three" },
    { "\033[31mred\033[0m\007", "\\[31mred\\[0m" },
    { NULL, "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *markdown = ds_text_markdown (cases[i].text);

      g_assert_cmpstr (markdown, ==,
                       cases[i].markdown != NULL ? cases[i].markdown : cases[i].text);
    }
}

/* Which addresses from a service are web links: opened, and written in
 * Markdown as they are; anything else is text. */
static void
test_web_link (void)
{
  static const char * const links[] = {
    "https://acme.slack.com/archives/C1/p1700000000000100",
    "https://github.com/acme/ops/issues/7?q=a_b&c=(d)#issuecomment-1",
    "http://grafana.example.com:3000/d/abc?from=now-1h&to=now",
    "HTTPS://example.com/%C3%A9",
    "https://[::1]:8080/x",
  };
  static const char * const not_links[] = {
    NULL, "", "javascript:alert(1)", "file:///etc/passwd", "data:text/html,<b>x</b>",
    "mailto:a@example.com", "www.example.com", "//example.com/x", "https://", "https:///x",
    "https://example.com/a b", "https://example.com/<b>x</b>", "https://example.com/\"q\"",
    "https://example.com/`x`", "https://example.com/a\\b", "https://example.com/a\nb",
    "https://example.com/é", "https://example.com/\033[2J", "https://example.com/%zz",
    "https://example.com/{x}|^",
  };

  for (guint i = 0; i < G_N_ELEMENTS (links); i++)
    if (!ds_text_is_web_link (links[i]))
      g_error ("not a web link: %s", links[i]);
  for (guint i = 0; i < G_N_ELEMENTS (not_links); i++)
    if (ds_text_is_web_link (not_links[i]))
      g_error ("a web link: %s", not_links[i]);
}

/* Shortened to the characters asked for, the ellipsis counted, never
 * within a character; what fits is kept whole, a megabyte is cut at once. */
static void
test_ellipsize (void)
{
  g_autofree char *huge = g_strnfill (1024 * 1024, 'x');
  g_autofree char *cut = ds_text_ellipsize (huge, 41);
  g_autofree char *fits = ds_text_ellipsize ("ñandú", 5);
  g_autofree char *accents = ds_text_ellipsize ("ñandú ñandú", 4);
  g_autofree char *forty = g_strnfill (40, 'x');
  g_autofree char *id = g_strconcat (forty, "…", NULL);

  g_assert_cmpstr (cut, ==, id);
  g_assert_cmpstr (fits, ==, "ñandú");
  g_assert_cmpstr (accents, ==, "ñan…");
  g_assert_true (g_utf8_validate (accents, -1, NULL));
  g_assert_null (ds_text_ellipsize (NULL, 10));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ds/text/linkify-examples", test_linkify_examples);
  g_test_add_func ("/ds/text/linkify-any-text", test_linkify_any_text);
  g_test_add_func ("/ds/text/strip-controls", test_strip_controls);
  g_test_add_func ("/ds/text/markdown", test_markdown);
  g_test_add_func ("/ds/text/web-link", test_web_link);
  g_test_add_func ("/ds/text/ellipsize", test_ellipsize);

  return g_test_run ();
}
