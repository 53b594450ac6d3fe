/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * DsItemKind:
 *
 * What an inbox item is, which decides how it is notified and which
 * super-epic a filed issue goes to.
 */
typedef enum
{
  DS_ITEM_KIND_REQUEST,
  DS_ITEM_KIND_ALERT,
  DS_ITEM_KIND_DEPLOY,
  DS_ITEM_KIND_REVIEW,
  DS_ITEM_KIND_ACCESS,
  DS_ITEM_KIND_INCIDENT,
  DS_ITEM_KIND_POSTMORTEM,
  DS_ITEM_KIND_MENTION,
} DsItemKind;

#define DS_ITEM_KIND_LAST DS_ITEM_KIND_MENTION

/**
 * DsItemState:
 *
 * Where an item is in the rotation's handling of it. The allowed moves
 * between states are enforced by ds_item_can_transition().
 */
typedef enum
{
  DS_ITEM_STATE_NEW,
  DS_ITEM_STATE_ACKNOWLEDGED,
  DS_ITEM_STATE_DELEGATED,
  DS_ITEM_STATE_FILED,
  DS_ITEM_STATE_DEFERRED,
  DS_ITEM_STATE_SNOOZED,
  DS_ITEM_STATE_DONE,
  DS_ITEM_STATE_DISMISSED,
} DsItemState;

#define DS_ITEM_STATE_LAST DS_ITEM_STATE_DISMISSED

/* Masks for filtering: one bit per kind or state. */
#define DS_KIND_BIT(k)  (1u << (k))
#define DS_STATE_BIT(s) (1u << (s))
#define DS_ALL_KINDS    ((1u << (DS_ITEM_KIND_LAST + 1)) - 1)
#define DS_ALL_STATES   ((1u << (DS_ITEM_STATE_LAST + 1)) - 1)
#define DS_OPEN_STATES  (DS_ALL_STATES & ~(DS_STATE_BIT (DS_ITEM_STATE_DONE) | \
                                           DS_STATE_BIT (DS_ITEM_STATE_DISMISSED)))

G_END_DECLS
