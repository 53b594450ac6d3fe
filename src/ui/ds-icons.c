/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "ds-icons.h"

/* Whether hicolor/@folder/apps/@file is where other programs (a tray, a
 * notification server) can find it: installed, not only in the build tree. */
gboolean
ds_icon_is_installed (const char *folder,
                      const char *file)
{
  const char * const *dirs = g_get_system_data_dirs ();
  g_autofree char *user = g_build_filename (g_get_user_data_dir (), "icons", "hicolor", folder,
                                            "apps", file, NULL);

  if (g_file_test (user, G_FILE_TEST_EXISTS))
    return TRUE;
  for (guint i = 0; dirs[i] != NULL; i++)
    {
      g_autofree char *path = g_build_filename (dirs[i], "icons", "hicolor", folder, "apps", file,
                                                NULL);
      if (g_file_test (path, G_FILE_TEST_EXISTS))
        return TRUE;
    }
  return FALSE;
}
