/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The window on an inbox of N open items (default 10,000): the time from
 * creating it to its first frame drawn, the memory it adds (RSS, after the
 * tray-only state), the row widgets it built, and a search over the items.
 * Needs a display (Xvfb will do). Prints medians of RUNS searches.
 *   build/bench/bench-window [N] [RUNS] */
#include <stdlib.h>

#include <handy.h>

#include "bench-common.h"
#include "ds-resources.h"
#include "ds-window.h"

static long
rss_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmRSS:");
  return line != NULL ? strtol (line + 6, NULL, 10) : -1;
}

static gboolean drawn;

static gboolean
on_draw (GtkWidget *widget,
         cairo_t   *cr,
         gpointer   user_data)
{
  drawn = TRUE;
  return FALSE;
}

static guint
count_rows (GtkWidget *widget)
{
  guint n = GTK_IS_LIST_BOX_ROW (widget) ? 1 : 0;

  if (GTK_IS_CONTAINER (widget))
    {
      g_autoptr(GList) children = gtk_container_get_children (GTK_CONTAINER (widget));
      for (GList *l = children; l != NULL; l = l->next)
        n += count_rows (l->data);
    }
  return n;
}

int
main (int   argc,
      char *argv[])
{
  guint n = argc > 1 ? (guint)atoi (argv[1]) : 10000;
  guint runs = argc > 2 ? (guint)atoi (argv[2]) : 9;
  g_autoptr(GtkApplication) app = NULL;
  g_autoptr(DsInbox) inbox = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  static const DsItemKind kinds[] = { DS_ITEM_KIND_REQUEST, DS_ITEM_KIND_ALERT,
                                      DS_ITEM_KIND_REVIEW, DS_ITEM_KIND_INCIDENT };
  DsWindow *window;
  long before, after;
  gint64 t0, t1;

  /* Links the window's resources in (registered when loaded). */
  (void)ds_get_resource ();
  gtk_init (&argc, &argv);
  hdy_init ();
  app = gtk_application_new ("io.github.dayshift.BenchWindow", G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, NULL);
  inbox = ds_inbox_new ();
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("C1/%u.000100", 1700000000 + i);
      g_autofree char *title = g_strdup_printf ("Request number %u about the staging database",
                                                i);
      DsItem *item = ds_item_new ("slack", id, kinds[i % G_N_ELEMENTS (kinds)], title);

      ds_item_set_created (item, 1700000000 + i);
      ds_item_set_requester (item, i % 2 ? "Sam Ortega" : "Dana Levi");
      ds_item_set_channel (item, i % 3 ? "#ops-support" : "#sre");
      g_ptr_array_add (items, item);
    }
  ds_inbox_add_items (inbox, items);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  before = rss_kb ();

  t0 = g_get_monotonic_time ();
  window = ds_window_new (app, inbox);
  g_signal_connect_after (window, "draw", G_CALLBACK (on_draw), NULL);
  gtk_window_present (GTK_WINDOW (window));
  while (!drawn)
    g_main_context_iteration (NULL, TRUE);
  t1 = g_get_monotonic_time ();
  after = rss_kb ();

  g_print ("items                 %u\n", n);
  g_print ("window to first frame %.1f ms\n", (t1 - t0) / 1000.0);
  g_print ("RSS added by window   %.1f MB\n", (after - before) / 1024.0);
  g_print ("row widgets built     %u\n", count_rows (GTK_WIDGET (window)));

  /* A search over them, as typed: the list follows at each keystroke. */
  {
    g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
    static const char * const words[] = { "sam", "sam stag", "number 4242", "" };

    for (guint r = 0; r < runs; r++)
      {
        gint64 s0 = g_get_monotonic_time ();
        double ms;

        ds_window_set_search (window, words[r % G_N_ELEMENTS (words)]);
        while (g_main_context_iteration (NULL, FALSE))
          ;
        ms = (g_get_monotonic_time () - s0) / 1000.0;
        g_array_append_val (times, ms);
      }
    g_array_sort (times, bench_compare_double);
    g_print ("search, median        %.1f ms (%u searches)\n",
             g_array_index (times, double, times->len / 2), runs);
    ds_window_set_search (window, "number 4242");
    g_print ("\"number 4242\" finds    %u\n", ds_window_get_n_listed (window));
  }
  gtk_widget_destroy (GTK_WIDGET (window));
  return 0;
}
