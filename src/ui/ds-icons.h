/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean ds_icon_is_installed (const char *folder,
                               const char *file);

G_END_DECLS
