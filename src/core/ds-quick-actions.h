/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ds-item.h"

G_BEGIN_DECLS

/* The quick actions on an item, said once: every surface that offers them
 * (a notification's buttons, the tray's submenu, an inbox row's menu, the
 * detail pane's buttons, the shortcuts window) reads this table for the
 * action's name, its label, its key and which items it applies to. */

typedef enum
{
  DS_QUICK_OPEN,
  DS_QUICK_ACKNOWLEDGE,
  DS_QUICK_DELEGATE,
  DS_QUICK_FILE_ISSUE,
  DS_QUICK_DEFER,
  DS_QUICK_OPEN_LINK,
  DS_QUICK_SNOOZE,
  DS_QUICK_TIMER,
  DS_QUICK_DISMISS,
  DS_QUICK_LINK_TO_EPIC,
  DS_QUICK_ADD_TEAMMATE,
  DS_QUICK_NOTE,
  DS_QUICK_COPY_ID,
  DS_N_QUICK_ACTIONS
} DsQuickActionId;

/* Where an action is offered. */
typedef enum
{
  DS_SURFACE_NOTIFICATION = 1 << 0,
  DS_SURFACE_TRAY         = 1 << 1,
  DS_SURFACE_ROW_MENU     = 1 << 2,
  DS_SURFACE_DETAIL       = 1 << 3,
} DsSurface;

typedef struct
{
  DsQuickActionId  id;
  const char      *action;     /* the application's action, without "app." */
  const char      *label;      /* untranslated, with its mnemonic: use ds_quick_action_label() */
  const char      *key;        /* the key that does it on the selected item, or NULL */
  guint            surfaces;   /* DsSurface */
  int              to_state;   /* the state it moves an item to, or -1 */
} DsQuickAction;

/* How long DS_QUICK_SNOOZE snoozes an item: the surfaces offer these as
 * its choices, each activating the application's "snooze-for" with
 * (item id, how). */
typedef struct
{
  const char *label;  /* untranslated: use ds_quick_snooze_label() */
  const char *how;    /* "15m", "1h", "tomorrow" */
} DsSnoozeChoice;

#define DS_SNOOZE_ACTION "snooze-for"

const DsQuickAction  *ds_quick_action         (DsQuickActionId      id);
char                 *ds_quick_action_label   (const DsQuickAction *action,
                                               gboolean             mnemonic);
char                 *ds_quick_action_choices_label (const DsQuickAction *action);
gboolean              ds_quick_action_applies (const DsQuickAction *action,
                                               DsItem              *item);
const DsSnoozeChoice *ds_quick_snooze_choices (guint               *n_choices);
const char           *ds_quick_snooze_label   (const DsSnoozeChoice *choice);

G_END_DECLS
