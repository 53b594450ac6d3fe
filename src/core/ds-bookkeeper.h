/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ds-inbox.h"
#include "ds-store.h"

G_BEGIN_DECLS

#define DS_TYPE_BOOKKEEPER (ds_bookkeeper_get_type ())

G_DECLARE_FINAL_TYPE (DsBookkeeper, ds_bookkeeper, DS, BOOKKEEPER, GObject)

/**
 * DsPrompt:
 * @DS_PROMPT_OFFER_ISSUE: 15 minutes on an item with no issue
 * @DS_PROMPT_BRING_TO_TEAM: 2 hours on an item (not an emergency)
 * @DS_PROMPT_STANDUP: the standup list, at standup time
 * @DS_PROMPT_SHIFT_START: the user's shift starts soon
 * @DS_PROMPT_SHIFT_END: the shift is over and the rotation still on
 *
 * What the bookkeeper asks the user about, once each.
 */
typedef enum
{
  DS_PROMPT_OFFER_ISSUE,
  DS_PROMPT_BRING_TO_TEAM,
  DS_PROMPT_STANDUP,
  DS_PROMPT_SHIFT_START,
  DS_PROMPT_SHIFT_END,
} DsPrompt;

DsBookkeeper *ds_bookkeeper_new              (DsStore      *store,
                                              DsInbox      *inbox) G_GNUC_WARN_UNUSED_RESULT;
void          ds_bookkeeper_set_standup_time (DsBookkeeper *self,
                                              const char   *hhmm);
void          ds_bookkeeper_set_shift_lead   (DsBookkeeper *self,
                                              guint         minutes);
void          ds_bookkeeper_set_shift        (DsBookkeeper *self,
                                              gint64        start,
                                              gint64        end,
                                              const char   *next_person);
gboolean      ds_bookkeeper_get_shift        (DsBookkeeper *self,
                                              gint64       *start,
                                              gint64       *end);
char         *ds_bookkeeper_dup_next_person  (DsBookkeeper *self);
void          ds_bookkeeper_tick             (DsBookkeeper *self,
                                              gint64        now);
GPtrArray    *ds_bookkeeper_standup_items    (DsBookkeeper *self);
char         *ds_bookkeeper_standup_markdown (DsBookkeeper *self);
gboolean      ds_bookkeeper_get_on_rotation  (DsBookkeeper *self);

G_END_DECLS
