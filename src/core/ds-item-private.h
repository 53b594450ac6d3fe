/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ds-item.h"

G_BEGIN_DECLS

/* Used by the store when it loads an item whose state was already checked
 * when it was written. */
void ds_item_set_state_unchecked (DsItem      *self,
                                  DsItemState  state);

/* The error for a move between states that ds_item_can_transition() refuses. */
void ds_item_set_transition_error (DsItemState   from,
                                   DsItemState   to,
                                   GError      **error);

G_END_DECLS
