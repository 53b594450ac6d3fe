/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define DS_TYPE_GITHUB_SIGN_IN (ds_github_sign_in_get_type ())

G_DECLARE_FINAL_TYPE (DsGithubSignIn, ds_github_sign_in, DS, GITHUB_SIGN_IN, GtkDialog)

GtkWidget *ds_github_sign_in_new (GtkApplication *app,
                                  GtkWindow      *parent,
                                  const char     *api_url,
                                  const char     *client_id);

G_END_DECLS
