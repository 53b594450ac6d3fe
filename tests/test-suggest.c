/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>

#include "ds-profile-location.h"
#include "ds-store.h"
#include "ds-suggest.h"

/* Who should take it: a fixture month of who took what, and the order the
 * delegate chooser gets, with its reasons. Teammates (example profile):
 * Alice Nakamura, Bogdan Ilić, Chioma Eze, Dana Levi. */

#define NOW 1795000000
#define DAY (24 * 60 * 60)

static void
add (DsStore    *store,
     const char *id,
     DsItemKind  kind,
     const char *channel,
     const char *title,
     const char *delegated_to,
     const char *claimed_by,
     gint64      age)
{
  g_autoptr(DsItem) item = ds_item_new ("slack", id, kind, title);
  g_autoptr(GError) error = NULL;

  ds_item_set_channel (item, channel);
  ds_item_set_created (item, NOW - age);
  ds_item_set_delegated_to (item, delegated_to);
  ds_item_set_claimed_by (item, claimed_by);
  g_assert_true (ds_store_save_item (store, item, &error));
  g_assert_no_error (error);
}

static char *
order (GPtrArray *suggestions)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < suggestions->len; i++)
    {
      DsSuggestion *x = g_ptr_array_index (suggestions, i);
      g_string_append_printf (s, "%s%s", i ? ", " : "", x->name);
    }
  return g_string_free (s, FALSE);
}

static void
test_order (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ds-suggest-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "dayshift.db", NULL);
  g_autofree char *profile_path = g_test_build_filename (G_TEST_DIST, "..", "data",
                                                         "team-profile.example.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DsStore) store = ds_store_open (path, &error);
  g_autoptr(DsTeamProfile) profile = ds_profile_location_read_file (profile_path, &error);
  g_autoptr(DsItem) grafana = ds_item_new ("slack", "C0SUPPORT1/new", DS_ITEM_KIND_ACCESS,
                                           "Read-only Grafana access for the new SRE");
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;
  g_autofree char *o1 = NULL, *o2 = NULL;
  DsSuggestion *top;

  g_assert_no_error (error);
  ds_item_set_channel (grafana, "#ops-support");

  /* Dana took three Grafana access requests in #ops-support; Bogdan two
   * access requests elsewhere; Chioma a Grafana question in #sre; Alice
   * nothing. Old history (40 days) and someone not in the team count for
   * nothing. */
  add (store, "a1", DS_ITEM_KIND_ACCESS, "#ops-support", "Grafana access for Lee", "Dana Levi", NULL, 2 * DAY);
  add (store, "a2", DS_ITEM_KIND_ACCESS, "#ops-support", "Grafana editor access", NULL, "Dana Levi", 5 * DAY);
  add (store, "a3", DS_ITEM_KIND_ACCESS, "#ops-support", "Access to Grafana, please", "Dana Levi", NULL, 9 * DAY);
  add (store, "b1", DS_ITEM_KIND_ACCESS, "acme/ops", "Billing dashboard access", "Bogdan Ilić", NULL, 3 * DAY);
  add (store, "b2", DS_ITEM_KIND_ACCESS, "acme/ops", "VPN access for contractor", NULL, "Bogdan Ilić", 4 * DAY);
  add (store, "c1", DS_ITEM_KIND_REQUEST, "#sre", "Grafana dashboards are slow", NULL, "Chioma Eze", 6 * DAY);
  add (store, "x1", DS_ITEM_KIND_ACCESS, "#ops-support", "Grafana access again", "Alice Nakamura", NULL, 40 * DAY);
  add (store, "x2", DS_ITEM_KIND_ACCESS, "#ops-support", "Grafana viewer", "Someone Else", NULL, DAY);

  first = ds_suggest_owners (store, profile, grafana, NULL, NOW, &error);
  g_assert_no_error (error);
  o1 = order (first);
  /* Dana 3 × (3 place + 2 kind + 2 words) = 21 (3 of the 4 in #ops-support), Bogdan
   * 2 × (2 kind + 1 word, "access") = 6, Chioma 1 ("grafana"), Alice 0. */
  g_assert_cmpstr (o1, ==, "Dana Levi, Bogdan Ilić, Chioma Eze, Alice Nakamura");
  top = g_ptr_array_index (first, 0);
  g_assert_cmpfloat (top->score, ==, 21);
  g_assert_cmpfloat (((DsSuggestion *)first->pdata[1])->score, ==, 6);
  g_assert_cmpfloat (((DsSuggestion *)first->pdata[2])->score, ==, 1);
  g_assert_cmpstr (top->why, ==, "took 3 of the last 4 requests in #ops-support");
  g_assert_cmpstr (((DsSuggestion *)first->pdata[1])->why, ==,
                   "took 2 of the last 6 of this kind (Access request)");
  g_assert_cmpstr (((DsSuggestion *)first->pdata[2])->why, ==, "took 1 like it (“grafana”)");
  g_assert_null (((DsSuggestion *)first->pdata[3])->why);

  /* Dana is off today and Bogdan on the night rotation: last, each saying
   * why; with no reason given, "not available now". */
  {
    g_autoptr(GHashTable) away = g_hash_table_new (g_str_hash, g_str_equal);

    g_hash_table_insert (away, "Dana Levi", "off today");
    g_hash_table_insert (away, "Bogdan Ilić", "on the night rotation");
    second = ds_suggest_owners (store, profile, grafana, away, NOW, &error);
    g_assert_no_error (error);
    o2 = order (second);
    g_assert_cmpstr (o2, ==, "Chioma Eze, Alice Nakamura, Bogdan Ilić, Dana Levi");
    g_assert_cmpstr (((DsSuggestion *)second->pdata[2])->why, ==, "on the night rotation");
    g_assert_cmpstr (((DsSuggestion *)second->pdata[3])->why, ==, "off today");
    g_assert_cmpfloat (((DsSuggestion *)second->pdata[3])->score, ==, 0);
  }

  g_clear_object (&store);
  ds_store_delete_files (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ds/suggest/order", test_order);
  return g_test_run ();
}
