/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-error"

#include "ds-error.h"

G_DEFINE_QUARK (ds-error-quark, ds_error)
