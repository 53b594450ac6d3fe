/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <unistd.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <glib/gi18n.h>

#include "ds-application.h"

/* Memory that large answers borrowed goes back to the system. A 3 MB
 * answer once raised Dayshift's memory by 16 MB for good: json-glib's nodes
 * come from GSlice, which before GLib 2.76 keeps what it once held (it reads
 * G_SLICE when GLib loads, before main(): hence the one re-exec); the JSON
 * thread had a malloc arena of its own; and glibc kept the freed pages
 * (ds-http gives them back after a large answer). */
static void
bound_memory (char *argv[])
{
#ifdef __GLIBC__
  mallopt (M_ARENA_MAX, 1);
#endif
  if (glib_check_version (2, 76, 0) != NULL && g_getenv ("G_SLICE") == NULL)
    {
      setenv ("G_SLICE", "always-malloc", 1);
      execv ("/proc/self/exe", argv);
      /* Could not: carry on as we are. */
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(DsApplication) app = NULL;

  bound_memory (argv);
  setlocale (LC_ALL, "");
  /* DAYSHIFT_LOCALEDIR: the translations of a Dayshift run from its build
   * folder (build/po), as the tests and `meson devenv` do. */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("DAYSHIFT_LOCALEDIR") != NULL
                                   ? g_getenv ("DAYSHIFT_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = ds_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
