/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-autostart"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "ds-autostart.h"
#include "ds-error.h"

/* The file is Dayshift's own (named by the application id): written when
 * the user turns Start at login on, removed when they turn it off. A file
 * the user edited by hand is replaced only when they turn it on again. */

char *
ds_autostart_path (const char *app_id)
{
  g_autofree char *name = g_strconcat (app_id, ".desktop", NULL);

  return g_build_filename (g_get_user_config_dir (), "autostart", name, NULL);
}

/* One argument of Exec, quoted as the Desktop Entry specification says
 * when it holds anything but plain characters. */
static void
append_arg (GString    *line,
            const char *arg)
{
  if (line->len > 0)
    g_string_append_c (line, ' ');
  if (*arg != '\0' && strspn (arg, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                    "0123456789/._-=+:,@") == strlen (arg))
    {
      g_string_append (line, arg);
      return;
    }
  g_string_append_c (line, '"');
  for (const char *p = arg; *p != '\0'; p++)
    {
      if (strchr ("\"`$\\", *p) != NULL)
        g_string_append_c (line, '\\');
      g_string_append_c (line, *p);
    }
  g_string_append_c (line, '"');
}

/* @argv: the command that starts Dayshift, without --background */
char *
ds_autostart_entry (const char         *app_id,
                    const char * const *argv)
{
  g_autoptr(GString) exec = g_string_new (NULL);

  for (guint i = 0; argv[i] != NULL; i++)
    append_arg (exec, argv[i]);
  append_arg (exec, "--background");
  return g_strdup_printf ("[Desktop Entry]\n"
                          "Type=Application\n"
                          "Name=Dayshift\n"
                          "Comment=%s\n"
                          "Exec=%s\n"
                          "Icon=%s\n"
                          "Terminal=false\n"
                          "NoDisplay=true\n"
                          "X-GNOME-Autostart-enabled=true\n"
                          "X-GNOME-UsesNotifications=true\n",
                          _("One inbox for the daytime on-call support rotation"), exec->str,
                          app_id);
}

gboolean
ds_autostart_set (const char         *app_id,
                  const char * const *argv,
                  gboolean            enabled,
                  GError            **error)
{
  g_autofree char *path = ds_autostart_path (app_id);
  g_autofree char *dir = g_path_get_dirname (path);

  if (!enabled)
    {
      if (g_unlink (path) != 0 && errno != ENOENT)
        {
          int saved = errno;

          g_set_error (error, DS_ERROR, DS_ERROR_FAILED,
                       _("Dayshift could not remove %s (%s), so it will still start at login. "
                         "Remove the file by hand."), path, g_strerror (saved));
          return FALSE;
        }
      return TRUE;
    }

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, DS_ERROR, DS_ERROR_FAILED,
                   _("Dayshift could not create %s (%s), so it will not start at login."),
                   dir, g_strerror (saved));
      return FALSE;
    }
  {
    g_autofree char *entry = ds_autostart_entry (app_id, argv);
    g_autoptr(GError) local = NULL;

    if (!g_file_set_contents_full (path, entry, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0644,
                                   &local))
      {
        g_set_error (error, DS_ERROR, DS_ERROR_FAILED,
                     _("Dayshift could not write %s (%s), so it will not start at login."),
                     path, local->message);
        return FALSE;
      }
  }
  return TRUE;
}
