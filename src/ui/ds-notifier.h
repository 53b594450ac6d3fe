/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "ds-item.h"

G_BEGIN_DECLS

/* A button on a prompt: activates app.@action, with @target (a string) if set. */
typedef struct
{
  const char *label;
  const char *action;
  const char *target;
} DsNotifierButton;

#define DS_TYPE_NOTIFIER (ds_notifier_get_type ())

G_DECLARE_FINAL_TYPE (DsNotifier, ds_notifier, DS, NOTIFIER, GObject)

DsNotifier *ds_notifier_new             (GApplication *app) G_GNUC_WARN_UNUSED_RESULT;
gboolean    ds_notifier_get_has_actions (DsNotifier   *self);
gboolean    ds_notifier_get_has_markup  (DsNotifier   *self);
gboolean    ds_notifier_show_item       (DsNotifier   *self,
                                         DsItem       *item,
                                         GError      **error);
gboolean    ds_notifier_show_message    (DsNotifier   *self,
                                         const char   *key,
                                         const char   *summary,
                                         const char   *body,
                                         GError      **error);
gboolean    ds_notifier_show_prompt     (DsNotifier   *self,
                                         const char   *key,
                                         const char   *summary,
                                         const char   *body,
                                         const DsNotifierButton *buttons,
                                         guint         n_buttons,
                                         GError      **error);
gboolean    ds_notifier_show_summary    (DsNotifier   *self,
                                         GPtrArray    *items,
                                         GError      **error);
gboolean    ds_notifier_show_away       (DsNotifier   *self,
                                         GPtrArray    *items,
                                         gint64        since,
                                         GError      **error);
void        ds_notifier_withdraw        (DsNotifier   *self,
                                         const char   *key);
guint       ds_notifier_get_n_open      (DsNotifier   *self);
guint       ds_notifier_get_server_id   (DsNotifier   *self,
                                         const char   *key);
char       *ds_notifier_format_body     (DsNotifier   *self,
                                         DsItem       *item);

G_END_DECLS
