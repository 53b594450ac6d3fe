/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The floor: the least a tray notifier on Dayshift's stack can be. A tray
 * item with a one-entry menu, libnotify initialised, one GET through
 * libsoup parsed by json-glib, one token looked up with libsecret, one
 * SQLite database opened; then idle in the GTK main loop until killed.
 * bench/run.sh measures it beside Dayshift, in the same session.
 *
 *   build/bench/bench-floor URL
 */
#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <json-glib/json-glib.h>
#include <libnotify/notify.h>
#include <libsecret/secret.h>
#include <libsoup/soup.h>
#include <sqlite3.h>

#include "config.h"

#if HAVE_APPINDICATOR
#include <libayatana-appindicator/app-indicator.h>
#endif

static const SecretSchema schema = {
  "io.github.dayshift.Floor", SECRET_SCHEMA_NONE,
  { { "service", SECRET_SCHEMA_ATTRIBUTE_STRING }, { NULL, 0 } },
  0, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
};

int
main (int   argc,
      char *argv[])
{
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *db_path = NULL;
  GtkWidget *menu;
  char *token;
  sqlite3 *db = NULL;

  gtk_init (&argc, &argv);
  if (argc < 2)
    {
      g_printerr ("usage: bench-floor URL\n");
      return 2;
    }

  menu = gtk_menu_new ();
  gtk_menu_shell_append (GTK_MENU_SHELL (menu), gtk_menu_item_new_with_label ("Quit"));
  gtk_widget_show_all (menu);
#if HAVE_APPINDICATOR
  {
    AppIndicator *indicator = app_indicator_new ("bench-floor", "mail-unread-symbolic",
                                                 APP_INDICATOR_CATEGORY_COMMUNICATIONS);
    app_indicator_set_status (indicator, APP_INDICATOR_STATUS_ACTIVE);
    app_indicator_set_menu (indicator, GTK_MENU (menu));
  }
#else
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_status_icon_set_visible (gtk_status_icon_new_from_icon_name ("mail-unread-symbolic"), TRUE);
  G_GNUC_END_IGNORE_DEPRECATIONS
#endif

  notify_init ("bench-floor");

  session = soup_session_new ();
  msg = soup_message_new ("GET", argv[1]);
  body = soup_session_send_and_read (session, msg, NULL, &error);
  if (body == NULL || !json_parser_load_from_data (parser, g_bytes_get_data (body, NULL),
                                                   (gssize)g_bytes_get_size (body), &error))
    g_printerr ("floor: %s\n", error->message);

  token = secret_password_lookup_sync (&schema, NULL, NULL, "service", "floor", NULL);
  secret_password_free (token);

  dir = g_dir_make_tmp ("ds-floor-XXXXXX", NULL);
  db_path = g_build_filename (dir, "floor.db", NULL);
  if (sqlite3_open (db_path, &db) != SQLITE_OK ||
      sqlite3_exec (db, "CREATE TABLE t (x)", NULL, NULL, NULL) != SQLITE_OK)
    g_printerr ("floor: %s\n", sqlite3_errmsg (db));

  g_print ("ready\n");
  gtk_main ();
  sqlite3_close (db);
  return 0;
}
