/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef struct _DsWsGuard DsWsGuard;

typedef void (*DsWsGuardFunc) (SoupWebsocketConnection *conn,
                               gpointer                 user_data);

DsWsGuard *ds_ws_guard_new    (SoupMessage             *msg,
                               gsize                    max_message);
void       ds_ws_guard_attach (DsWsGuard               *self,
                               SoupWebsocketConnection *conn,
                               DsWsGuardFunc            too_big,
                               gpointer                 user_data);
void       ds_ws_guard_free   (DsWsGuard               *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DsWsGuard, ds_ws_guard_free)

G_END_DECLS
