/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ds-error.h"
#include "ds-handoff.h"
#include "ds-text.h"

/* The handoff's block in a stranger's comment on GitHub: whatever the
 * comment holds, reading it gives a handoff, nothing, or a message; never
 * a crash, a leak or a critical. What it gives is what a block may carry,
 * and what the store keeps of it (its JSON) reads back the same. */

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
check (gboolean    ok,
       const char *what)
{
  /* abort(), not g_error(): libFuzzer keeps the input that aborts. */
  if (!ok)
    {
      g_printerr ("a handoff read from a comment %s\n", what);
      abort ();
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  /* A comment's text is a C string: up to its first NUL. */
  g_autofree char *body = g_strndup ((const char *)data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) again_error = NULL;
  g_autoptr(DsHandoff) handoff = NULL;
  g_autoptr(DsHandoff) again = NULL;
  g_autofree char *json = NULL;
  g_autofree char *json_again = NULL;

  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  handoff = ds_handoff_parse (body, &error);
  if (handoff == NULL)
    {
      check (error == NULL || (error->domain == DS_ERROR && strstr (error->message, "GitHub")),
             "was refused without naming GitHub");
      return 0;
    }
  check (error == NULL, "came with an error");
  check (handoff->end > handoff->start && handoff->end - handoff->start <= 31 * 24 * 3600,
         "spans no rotation");
  check (handoff->author == NULL && handoff->url == NULL, "named who posted it");
  check (handoff->left->len <= DS_HANDOFF_MAX_LEFT, "left too many");
  for (guint i = 0; i < handoff->left->len; i++)
    {
      const DsHandoffItem *item = handoff->left->pdata[i];

      check (item->id != NULL && *item->id != '\0' && strlen (item->id) <= 1024,
             "has a wrong id");
      check (item->title != NULL && strlen (item->title) <= 1024 &&
             g_utf8_validate (item->title, -1, NULL), "has a wrong title");
      check (item->url == NULL || ds_text_is_secure_link (item->url), "has an unsafe link");
      check (item->kind <= DS_ITEM_KIND_LAST && item->state <= DS_ITEM_STATE_LAST,
             "has a wrong kind or state");
    }

  /* The store's copy. */
  json = ds_handoff_to_json (handoff);
  check (strpbrk (json, "<>&") == NULL, "wrote markup");
  again = ds_handoff_from_json (json, &again_error);
  check (again != NULL, "did not read back from its JSON");
  json_again = ds_handoff_to_json (again);
  check (g_str_equal (json, json_again), "read back different");
  return 0;
}
