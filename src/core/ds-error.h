/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define DS_ERROR (ds_error_quark ())

/**
 * DsError:
 * @DS_ERROR_FAILED: anything else
 * @DS_ERROR_INVALID_TRANSITION: an item may not move to the requested state
 * @DS_ERROR_STORE_CORRUPT: the database file is damaged and was moved aside
 * @DS_ERROR_STORE_TOO_NEW: the database was written by a newer Dayshift
 * @DS_ERROR_STORE_IO: the database could not be read or written (disk full, permissions)
 * @DS_ERROR_NOT_FOUND: no such item
 * @DS_ERROR_KEYRING_UNAVAILABLE: no Secret Service answers on the session bus
 * @DS_ERROR_KEYRING_LOCKED: the keyring is locked and was not unlocked
 * @DS_ERROR_TIMED_OUT: a service did not answer in time
 * @DS_ERROR_INVALID_ARGUMENT: a caller passed a value that cannot be used
 * @DS_ERROR_AUTH: a service rejected the token
 * @DS_ERROR_FORBIDDEN: the token may not do this
 * @DS_ERROR_RATE_LIMITED: a service asked Dayshift to wait
 * @DS_ERROR_NETWORK: a service could not be reached
 * @DS_ERROR_SERVER: a service failed (5xx)
 * @DS_ERROR_BAD_RESPONSE: an answer Dayshift cannot use (malformed, too large, cut short)
 * @DS_ERROR_INSECURE_URL: a URL that is not https:// (loopback excepted)
 * @DS_ERROR_SERVICE: the service refused the request, in its own words
 * @DS_ERROR_PROFILE: the team profile is not valid
 */
typedef enum
{
  DS_ERROR_FAILED,
  DS_ERROR_INVALID_TRANSITION,
  DS_ERROR_STORE_CORRUPT,
  DS_ERROR_STORE_TOO_NEW,
  DS_ERROR_STORE_IO,
  DS_ERROR_NOT_FOUND,
  DS_ERROR_KEYRING_UNAVAILABLE,
  DS_ERROR_KEYRING_LOCKED,
  DS_ERROR_TIMED_OUT,
  DS_ERROR_INVALID_ARGUMENT,
  DS_ERROR_AUTH,
  DS_ERROR_FORBIDDEN,
  DS_ERROR_RATE_LIMITED,
  DS_ERROR_NETWORK,
  DS_ERROR_SERVER,
  DS_ERROR_BAD_RESPONSE,
  DS_ERROR_INSECURE_URL,
  DS_ERROR_SERVICE,
  DS_ERROR_PROFILE,
} DsError;

GQuark ds_error_quark (void);

G_END_DECLS
