/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ds-handoff.h"

/* A handoff as it is read from GitHub, built by hand for the tests of the
 * store, the charts and the report: who posted it, where and when, the
 * rotation's figures, nothing left yet (ds_test_handoff_leave()). */
static inline DsHandoff *
ds_test_handoff_new (const char *author,
                     gint64      start,
                     gint64      end)
{
  DsHandoff *handoff = g_new0 (DsHandoff, 1);

  handoff->author = g_strdup (author);
  handoff->url = g_strdup_printf ("https://github.com/acme/ops/issues/1#issuecomment-%"
                                  G_GINT64_FORMAT, end);
  handoff->posted = end + 60;
  handoff->start = start;
  handoff->end = end;
  handoff->ack_median = -1;
  handoff->left = g_ptr_array_new_with_free_func ((GDestroyNotify)ds_handoff_item_free);
  return handoff;
}

static inline void
ds_test_handoff_leave (DsHandoff   *handoff,
                       const char  *id,
                       const char  *title,
                       DsItemKind   kind,
                       DsItemState  state,
                       gboolean     over_target)
{
  DsHandoffItem *item = g_new0 (DsHandoffItem, 1);

  item->id = g_strdup (id);
  item->title = g_strdup (title);
  item->url = g_strdup ("https://example.slack.com/archives/C01/p1764580000000100");
  item->kind = kind;
  item->state = state;
  item->over_target = over_target;
  g_ptr_array_add (handoff->left, item);
}
