/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "ds-item.h"

G_BEGIN_DECLS

#define DS_TYPE_STORE (ds_store_get_type ())

G_DECLARE_FINAL_TYPE (DsStore, ds_store, DS, STORE, GObject)

/**
 * DsHistoryEntry:
 * @at: when it happened, Unix time in seconds
 * @actor: who did it ("me", a teammate, a service)
 * @from: the state before
 * @to: the state after
 * @note: (nullable): what was done, free text
 *
 * One row of an item's state history.
 */
typedef struct
{
  gint64       at;
  char        *actor;
  DsItemState  from;
  DsItemState  to;
  char        *note;
} DsHistoryEntry;

void ds_history_entry_free (DsHistoryEntry *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DsHistoryEntry, ds_history_entry_free)

/* A handoff read back from GitHub (ds-handoff.h). */
typedef struct _DsHandoff DsHandoff;

#define DS_STORE_SCHEMA_VERSION 8

char       *ds_store_default_path       (gboolean        demo);
void        ds_store_delete_files       (const char   *path);
DsStore    *ds_store_open               (const char   *path,
                                         GError      **error) G_GNUC_WARN_UNUSED_RESULT;
DsStore    *ds_store_open_for_reading   (const char   *path,
                                         GError      **error) G_GNUC_WARN_UNUSED_RESULT;
const char *ds_store_get_path           (DsStore      *self);
int         ds_store_get_schema_version (DsStore      *self);
gboolean    ds_store_save_item          (DsStore      *self,
                                         DsItem       *item,
                                         GError      **error);
gboolean    ds_store_save_items         (DsStore      *self,
                                         GPtrArray    *items,
                                         GError      **error);
gboolean    ds_store_transition         (DsStore      *self,
                                         DsItem       *item,
                                         DsItemState   to,
                                         const char   *actor,
                                         const char   *note,
                                         GError      **error);
gboolean    ds_store_transition_full    (DsStore      *self,
                                         DsItem       *item,
                                         DsItemState   to,
                                         const char   *actor,
                                         const char   *note,
                                         GPtrArray    *writes,
                                         GError      **error);
gboolean    ds_store_record             (DsStore      *self,
                                         DsItem       *item,
                                         const char   *actor,
                                         const char   *note,
                                         GPtrArray    *writes,
                                         GError      **error);
gboolean    ds_store_save_local         (DsStore      *self,
                                         DsItem       *item,
                                         GError      **error);
gboolean    ds_store_mark_notified      (DsStore      *self,
                                         GPtrArray    *items,
                                         GError      **error);
gboolean    ds_store_mark_response_reminded (DsStore  *self,
                                             GPtrArray *items,
                                             GError  **error);
GPtrArray  *ds_store_load_items         (DsStore      *self,
                                         GError      **error);
GPtrArray  *ds_store_load_history       (DsStore      *self,
                                         const char   *item_id,
                                         GError      **error);
gboolean    ds_store_save_threads       (DsStore      *self,
                                         GPtrArray    *items,
                                         GError      **error);
GPtrArray  *ds_store_load_replies       (DsStore      *self,
                                         const char   *item_id,
                                         gint64       *read_at,
                                         GError      **error);
char       *ds_store_get_meta           (DsStore      *self,
                                         const char   *key,
                                         GError      **error);
gboolean    ds_store_set_meta           (DsStore      *self,
                                         const char   *key,
                                         const char   *value,
                                         GError      **error);

/* The handoffs read back from the super-epics' comments (ds-store-handoffs.c):
 * the team's past rotations, and the one handed over to whoever starts the
 * next rotation (the items it left, marked with who handed them over). */
gboolean    ds_store_save_handoffs      (DsStore          *self,
                                         GPtrArray        *handoffs,
                                         GError          **error);
GPtrArray  *ds_store_load_handoffs      (DsStore          *self,
                                         guint             n,
                                         GError          **error);
GPtrArray  *ds_store_load_handoffs_before (DsStore        *self,
                                           gint64          since,
                                           gint64          until,
                                           guint           n,
                                           GError        **error);
gboolean    ds_store_mark_handed_over   (DsStore          *self,
                                         const DsHandoff  *handoff,
                                         GError          **error);

G_END_DECLS
