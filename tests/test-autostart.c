/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "ds-autostart.h"
#include "ds-error.h"

#define ID "io.github.dayshift.Dayshift"

static void
test_on_and_off (void)
{
  const char *argv[] = { "/usr/bin/dayshift", NULL };
  g_autofree char *path = ds_autostart_path (ID);
  g_autoptr(GKeyFile) kf = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *exec = NULL;

  g_assert_true (g_str_has_prefix (path, g_get_user_config_dir ()));
  g_assert_true (g_str_has_suffix (path, "/autostart/" ID ".desktop"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  g_assert_true (ds_autostart_set (ID, argv, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (g_key_file_load_from_file (kf, path, G_KEY_FILE_NONE, &error));
  g_assert_no_error (error);
  exec = g_key_file_get_string (kf, "Desktop Entry", "Exec", &error);
  g_assert_cmpstr (exec, ==, "/usr/bin/dayshift --background");
  g_assert_true (g_key_file_get_boolean (kf, "Desktop Entry", "NoDisplay", NULL));

  /* Turned off: gone; turned off again: nothing to do, no error. */
  g_assert_true (ds_autostart_set (ID, argv, FALSE, &error));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_true (ds_autostart_set (ID, argv, FALSE, &error));
  g_assert_no_error (error);
}

/* A path with a space or a dollar is quoted as the Desktop Entry spec says;
 * a Flatpak's command stays several arguments. */
static void
test_quoting (void)
{
  const char *odd[] = { "/home/a b/$HOME/day\"shift", NULL };
  const char *flatpak[] = { "flatpak", "run", "--command=dayshift", ID, NULL };
  g_autofree char *a = ds_autostart_entry (ID, odd);
  g_autofree char *b = ds_autostart_entry (ID, flatpak);

  g_assert_nonnull (strstr (a, "\nExec=\"/home/a b/\\$HOME/day\\\"shift\" --background\n"));
  g_assert_nonnull (strstr (b, "\nExec=flatpak run --command=dayshift " ID " --background\n"));
}

/* A folder Dayshift may not write: an error that names the file. */
static void
test_unwritable (void)
{
  const char *argv[] = { "dayshift", NULL };
  g_autofree char *path = ds_autostart_path (ID);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  if (geteuid () == 0)
    {
      g_test_skip ("root may write anywhere");
      return;
    }
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_cmpint (g_chmod (dir, 0500), ==, 0);
  g_assert_false (ds_autostart_set (ID, argv, TRUE, &error));
  g_assert_error (error, DS_ERROR, DS_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, "will not start at login"));
  g_assert_cmpint (g_chmod (dir, 0700), ==, 0);
}

int
main (int argc, char **argv)
{
  /* The harness gives each test its own XDG folders; by hand, GLib does
   * (which LeakSanitizer would count against the test). */
  if (g_getenv ("DS_TEST_TMPDIR") != NULL)
    g_test_init (&argc, &argv, NULL);
  else
    g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/ds/autostart/on-and-off", test_on_and_off);
  g_test_add_func ("/ds/autostart/quoting", test_quoting);
  g_test_add_func ("/ds/autostart/unwritable", test_unwritable);
  return g_test_run ();
}
