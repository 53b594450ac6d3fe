/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "ds-types.h"
#include "ds-enum-types.h"

G_BEGIN_DECLS

#define DS_TYPE_ITEM (ds_item_get_type ())

G_DECLARE_FINAL_TYPE (DsItem, ds_item, DS, ITEM, GObject)

DsItem      *ds_item_new              (const char  *source,
                                       const char  *remote_id,
                                       DsItemKind   kind,
                                       const char  *title) G_GNUC_WARN_UNUSED_RESULT;
char        *ds_item_make_id          (const char  *source,
                                       const char  *remote_id);

const char  *ds_item_get_id           (DsItem      *self);
const char  *ds_item_get_source       (DsItem      *self);
const char  *ds_item_get_remote_id    (DsItem      *self);
DsItemKind   ds_item_get_kind         (DsItem      *self);
void         ds_item_set_kind         (DsItem      *self,
                                       DsItemKind   kind);
DsItemState  ds_item_get_state        (DsItem      *self);
const char  *ds_item_get_title        (DsItem      *self);
const char  *ds_item_get_search_key   (DsItem      *self);
gboolean     ds_item_is_for_standup   (DsItem      *self);
void         ds_item_set_title        (DsItem      *self,
                                       const char  *title);
const char  *ds_item_get_text         (DsItem      *self);
void         ds_item_set_text         (DsItem      *self,
                                       const char  *text);
const char  *ds_item_get_url          (DsItem      *self);
void         ds_item_set_url          (DsItem      *self,
                                       const char  *url);
const char  *ds_item_get_requester    (DsItem      *self);
void         ds_item_set_requester    (DsItem      *self,
                                       const char  *requester);
gint64       ds_item_get_created      (DsItem      *self);
void         ds_item_set_created      (DsItem      *self,
                                       gint64       created);
const char  *ds_item_get_delegated_to (DsItem      *self);
void         ds_item_set_delegated_to (DsItem      *self,
                                       const char  *delegated_to);
const char  *ds_item_get_issue_url    (DsItem      *self);
void         ds_item_set_issue_url    (DsItem      *self,
                                       const char  *issue_url);
const char  *ds_item_get_channel      (DsItem      *self);
void         ds_item_set_channel      (DsItem      *self,
                                       const char  *channel);
const char  *ds_item_get_claimed_by   (DsItem      *self);
void         ds_item_set_claimed_by   (DsItem      *self,
                                       const char  *claimed_by);
gboolean     ds_item_get_mine         (DsItem      *self);
void         ds_item_set_mine         (DsItem      *self,
                                       gboolean     mine);
gboolean     ds_item_get_notified     (DsItem      *self);
void         ds_item_set_notified     (DsItem      *self,
                                       gboolean     notified);
gint64       ds_item_get_due          (DsItem      *self);
void         ds_item_set_due          (DsItem      *self,
                                       gint64       due);
const char  *ds_item_get_problem      (DsItem      *self);
void         ds_item_set_problem      (DsItem      *self,
                                       const char  *problem);
const char  *ds_item_get_unkept       (DsItem      *self);
void         ds_item_set_unkept       (DsItem      *self,
                                       const char  *unkept);
const char  *ds_item_get_trouble      (DsItem      *self);
const char  *ds_item_get_standup_note (DsItem      *self);
void         ds_item_set_standup_note (DsItem      *self,
                                       const char  *note);
const char  *ds_item_get_handed_over  (DsItem      *self);
void         ds_item_set_handed_over  (DsItem      *self,
                                       const char  *login);
gint64       ds_item_get_responded    (DsItem      *self);
void         ds_item_set_responded    (DsItem      *self,
                                       gint64       responded);
void         ds_item_note_response    (DsItem      *self,
                                       gint64       at);
gboolean     ds_item_get_response_reminded (DsItem *self);
void         ds_item_set_response_reminded (DsItem *self,
                                            gboolean reminded);
gboolean     ds_item_get_emergency    (DsItem      *self);
void         ds_item_set_emergency    (DsItem      *self,
                                       gboolean     emergency);

/**
 * DsItemReply:
 * @at: when it was posted, Unix time in seconds
 * @author: who wrote it, as people see the name
 * @text: what they wrote, as plain text
 *
 * One reply in a request's thread.
 */
typedef struct
{
  gint64  at;
  char   *author;
  char   *text;
} DsItemReply;

DsItemReply *ds_item_reply_new        (gint64       at,
                                       const char  *author,
                                       const char  *text);
void         ds_item_reply_free       (DsItemReply *reply);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DsItemReply, ds_item_reply_free)

GPtrArray   *ds_item_get_replies      (DsItem      *self);
void         ds_item_set_replies      (DsItem      *self,
                                       GPtrArray   *replies);

gboolean     ds_item_can_transition   (DsItemState  from,
                                       DsItemState  to);
gboolean     ds_item_state_answers    (DsItemState  state);
gboolean     ds_item_transition       (DsItem      *self,
                                       DsItemState  to,
                                       GError     **error);

const char  *ds_item_kind_to_string   (DsItemKind   kind);
gboolean     ds_item_kind_from_string (const char  *str,
                                       DsItemKind  *kind);
const char  *ds_item_kind_label       (DsItemKind   kind);
const char  *ds_item_state_to_string  (DsItemState  state);
gboolean     ds_item_state_from_string (const char *str,
                                        DsItemState *state);
const char  *ds_item_state_label      (DsItemState  state);
const char  *ds_item_source_label     (const char  *source);

G_END_DECLS
