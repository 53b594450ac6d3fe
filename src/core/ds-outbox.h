/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ds-store.h"

G_BEGIN_DECLS

/**
 * DsOutboxState:
 * @DS_OUTBOX_PENDING: waiting to be sent (first time, or again after a transient failure)
 * @DS_OUTBOX_SENDING: handed to the network: after a crash it may or may not have arrived
 * @DS_OUTBOX_DONE: the service took it
 * @DS_OUTBOX_FAILED: the service refused it for good; not retried
 */
typedef enum
{
  DS_OUTBOX_PENDING,
  DS_OUTBOX_SENDING,
  DS_OUTBOX_DONE,
  DS_OUTBOX_FAILED,
} DsOutboxState;

/**
 * DsOutboxEntry:
 * @id: the row id, which is also the order entries are sent in
 * @item_id: (nullable): the item the write is about, if any
 * @op: what to do, e.g. "slack.react" (see DsSender)
 * @args: the operation's arguments, a JSON object
 * @key: unique per entry: how a retry recognises a write that already arrived
 * @attempts: how many times it was handed to the network
 * @next_at: not before this Unix time
 *
 * One write to a service, saved before it is sent.
 */
typedef struct
{
  gint64         id;
  char          *item_id;
  char          *op;
  char          *args;
  char          *key;
  DsOutboxState  state;
  int            attempts;
  gint64         next_at;
  gint64         created;
  char          *last_error;
  char          *result;
} DsOutboxEntry;

DsOutboxEntry *ds_outbox_entry_new    (const char     *op,
                                       const char     *args_json) G_GNUC_WARN_UNUSED_RESULT;
void           ds_outbox_entry_free   (DsOutboxEntry  *entry);
const char    *ds_outbox_state_to_string (DsOutboxState state);
gboolean       ds_outbox_op_is_needed_later (const char *op);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DsOutboxEntry, ds_outbox_entry_free)

GPtrArray *ds_store_outbox_load  (DsStore        *self,
                                  gboolean        unfinished_only,
                                  GError        **error);
GPtrArray *ds_store_outbox_for_item (DsStore      *self,
                                     const char   *item_id,
                                     GError      **error);
gboolean   ds_store_outbox_begin (DsStore        *self,
                                  DsOutboxEntry  *entry,
                                  GError        **error);
gboolean   ds_store_outbox_done  (DsStore        *self,
                                  DsOutboxEntry  *entry,
                                  const char     *result,
                                  DsItem         *item,
                                  GError        **error);
gboolean   ds_store_outbox_retry (DsStore        *self,
                                  DsOutboxEntry  *entry,
                                  gint64          next_at,
                                  const char     *message,
                                  GError        **error);
gboolean   ds_store_outbox_fail  (DsStore        *self,
                                  DsOutboxEntry  *entry,
                                  const char     *message,
                                  DsItem         *item,
                                  GError        **error);
gboolean   ds_store_outbox_queue (DsStore        *self,
                                  GPtrArray      *writes,
                                  GError        **error);
gboolean   ds_store_outbox_queue_for (DsStore    *self,
                                      DsItem     *item,
                                      GPtrArray  *writes,
                                      GError    **error);
gboolean   ds_store_outbox_wake  (DsStore        *self,
                                  GError        **error);

G_END_DECLS
