/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Text from the services (a message, a title, a channel's name) made safe
 * for where it is shown: a label's markup, a terminal, a GitHub comment. */

char     *ds_text_strip_hidden    (const char *text);
char     *ds_text_linkify_markup  (const char *text);
void      ds_text_append_markdown (GString    *out,
                                   const char *text);
char     *ds_text_markdown        (const char *text);
gboolean  ds_text_is_web_link     (const char *url);
gboolean  ds_text_is_secure_link  (const char *url);
gboolean  ds_text_host_is_loopback (const char *host);
char     *ds_text_ellipsize       (const char *text,
                                   glong       max) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
