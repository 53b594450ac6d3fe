/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ds-http.h"
#include "ds-inbox.h"
#include "ds-outbox.h"

G_BEGIN_DECLS

#define DS_TYPE_SENDER (ds_sender_get_type ())

G_DECLARE_FINAL_TYPE (DsSender, ds_sender, DS, SENDER, GObject)

DsSender *ds_sender_new              (DsStore   *store,
                                      DsInbox   *inbox) G_GNUC_WARN_UNUSED_RESULT;
void      ds_sender_set_http         (DsSender  *self,
                                      DsHttp    *http);
void      ds_sender_set_online       (DsSender  *self,
                                      gboolean   online);
void      ds_sender_kick             (DsSender  *self);
void      ds_sender_retry_now        (DsSender  *self);
guint     ds_sender_get_n_unfinished (DsSender  *self);
gboolean  ds_sender_get_busy         (DsSender  *self);

G_END_DECLS
