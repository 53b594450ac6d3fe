/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ds-setup-check.h"

#include "ds-test-server.h"

/* What every test of the setup check does: run a check to its end against
 * a loopback server, and find its rows by id. */

/* Runs @check with the tokens given (none from the keyring) on @ts's loop.
 * Every row has ended, and a failed one says what to do. */
static inline GPtrArray *
ds_test_setup_run (DsTestServer *ts,
                   DsSetupCheck *check)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *rows;

  ds_setup_check_set_use_keyring (check, FALSE);
  ds_setup_check_run_async (check, NULL, ds_test_server_done, ts);
  rows = ds_setup_check_run_finish (check, ds_test_server_wait (ts), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < rows->len; i++)
    {
      DsCheckRow *row = g_ptr_array_index (rows, i);

      g_assert_cmpint (row->state, !=, DS_CHECK_PENDING);
      if (row->state == DS_CHECK_FAILED)
        g_assert_nonnull (row->fix);
    }
  {
    g_autofree char *text = ds_check_rows_to_text (rows);

    g_test_message ("%s", text);
  }
  return rows;
}

/* The row @id, or NULL. */
static inline const DsCheckRow *
ds_test_setup_find (GPtrArray  *rows,
                    const char *id)
{
  for (guint i = 0; i < rows->len; i++)
    if (g_str_equal (((DsCheckRow *)g_ptr_array_index (rows, i))->id, id))
      return g_ptr_array_index (rows, i);
  return NULL;
}

/* The row @id, which must be there. */
static inline const DsCheckRow *
ds_test_setup_row (GPtrArray  *rows,
                   const char *id)
{
  const DsCheckRow *row = ds_test_setup_find (rows, id);

  if (row == NULL)
    g_error ("no row %s", id);
  return row;
}
