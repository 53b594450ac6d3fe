/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ds-http.h"

G_BEGIN_DECLS

gboolean ds_token_check_supported (DsService             service);
void     ds_token_check_async     (DsService             service,
                                   const char           *base_url,
                                   const char           *token,
                                   GCancellable         *cancellable,
                                   GAsyncReadyCallback   callback,
                                   gpointer              user_data);
char    *ds_token_check_finish    (GAsyncResult         *result,
                                   GError              **error);

G_END_DECLS
