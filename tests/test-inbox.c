/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "ds-inbox.h"
#include "ds-inbox-filter.h"

typedef struct
{
  DsInbox *inbox;
  GString *changes; /* "pos-removed+added;" for each items-changed */
} Fixture;

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  GString    *log)
{
  g_string_append_printf (log, "%u-%u+%u;", position, removed, added);
}

static DsItem *
make_item (const char *remote_id,
           DsItemKind  kind,
           gint64      created)
{
  DsItem *item = ds_item_new ("slack", remote_id, kind, remote_id);

  ds_item_set_created (item, created);
  return item;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->inbox = ds_inbox_new ();
  f->changes = g_string_new (NULL);
  g_signal_connect (f->inbox, "items-changed", G_CALLBACK (on_items_changed), f->changes);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_assert_finalize_object (f->inbox);
  g_string_free (f->changes, TRUE);
}

static char *
titles (GListModel *model)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(DsItem) item = g_list_model_get_item (model, i);

      g_string_append_printf (s, "%s%s", i ? "," : "", ds_item_get_title (item));
    }
  return g_string_free (s, FALSE);
}

static void
test_sorted_newest_first (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(DsItem) a = make_item ("a", DS_ITEM_KIND_REQUEST, 100);
  g_autoptr(DsItem) b = make_item ("b", DS_ITEM_KIND_REQUEST, 300);
  g_autoptr(DsItem) c = make_item ("c", DS_ITEM_KIND_REQUEST, 200);
  g_autofree char *order = NULL;
  g_autofree char *order2 = NULL;

  g_assert_true (ds_inbox_add (f->inbox, a));
  g_assert_true (ds_inbox_add (f->inbox, b));
  g_assert_true (ds_inbox_add (f->inbox, c));
  order = titles (G_LIST_MODEL (f->inbox));
  g_assert_cmpstr (order, ==, "b,c,a");
  g_assert_cmpstr (f->changes->str, ==, "0-0+1;0-0+1;1-0+1;");
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (f->inbox)) == DS_TYPE_ITEM);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (f->inbox), 3));

  /* An item whose time changes moves to its new place. */
  ds_item_set_created (a, 400);
  order2 = titles (G_LIST_MODEL (f->inbox));
  g_assert_cmpstr (order2, ==, "a,b,c");
}

/* Batches merge into the sorted inbox: several batches, interleaved in
 * time, some items known already, make one sorted list; each batch is one
 * change for the views; items of a batch still move when their time does. */
static void
test_batches_merge (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  guint n_changes = 0;

  for (guint batch = 0; batch < 5; batch++)
    {
      g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; i < 40; i++)
        {
          g_autofree char *id = g_strdup_printf ("m%u", g_rand_int_range (rand, 0, 150));
          DsItem *item = make_item (id, DS_ITEM_KIND_REQUEST, g_rand_int_range (rand, 0, 1000));

          g_ptr_array_add (items, item);
        }
      ds_inbox_add_items (f->inbox, items);
      n_changes++;
    }
  /* One change per batch. */
  {
    guint count = 0;
    for (const char *p = f->changes->str; *p != '\0'; p++)
      count += *p == ';';
    g_assert_cmpuint (count, ==, n_changes);
  }
  /* Newest first, ties by id, no id twice. */
  {
    GListModel *model = G_LIST_MODEL (f->inbox);
    g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);

    g_assert_cmpuint (g_list_model_get_n_items (model), >, 40);
    for (guint i = 0; i < g_list_model_get_n_items (model); i++)
      {
        g_autoptr(DsItem) item = g_list_model_get_item (model, i);

        g_assert_false (g_hash_table_contains (ids, ds_item_get_id (item)));
        g_hash_table_add (ids, (gpointer)ds_item_get_id (item));
        if (i > 0)
          {
            g_autoptr(DsItem) prev = g_list_model_get_item (model, i - 1);

            g_assert_true (ds_item_get_created (prev) > ds_item_get_created (item) ||
                           (ds_item_get_created (prev) == ds_item_get_created (item) &&
                            g_strcmp0 (ds_item_get_id (prev), ds_item_get_id (item)) < 0));
          }
      }
    /* An item merged in a batch still moves when its time changes. */
    {
      g_autoptr(DsItem) last = g_list_model_get_item (model, g_list_model_get_n_items (model) - 1);
      g_autoptr(DsItem) first = NULL;

      ds_item_set_created (last, 5000);
      first = g_list_model_get_item (model, 0);
      g_assert_true (first == last);
    }
  }
}

static void
test_deduplicates_by_id (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(DsItem) a = make_item ("same", DS_ITEM_KIND_REQUEST, 100);
  g_autoptr(DsItem) again = make_item ("same", DS_ITEM_KIND_ALERT, 999);

  g_assert_true (ds_inbox_add (f->inbox, a));
  g_assert_false (ds_inbox_add (f->inbox, again));
  g_assert_false (ds_inbox_add (f->inbox, a));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->inbox)), ==, 1);
  g_assert_true (ds_inbox_lookup (f->inbox, "slack:same") == a);
  g_assert_null (ds_inbox_lookup (f->inbox, "slack:other"));

  g_assert_true (ds_inbox_remove (f->inbox, "slack:same"));
  g_assert_false (ds_inbox_remove (f->inbox, "slack:same"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->inbox)), ==, 0);
  /* Removed items are no longer watched by the inbox. */
  g_string_truncate (f->changes, 0);
  ds_item_set_title (a, "changed");
  g_assert_cmpstr (f->changes->str, ==, "");
}

static void
test_state_change_is_reported (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(DsItem) a = make_item ("a", DS_ITEM_KIND_REQUEST, 100);
  g_autoptr(DsItem) b = make_item ("b", DS_ITEM_KIND_REQUEST, 200);

  ds_inbox_add (f->inbox, a);
  ds_inbox_add (f->inbox, b);
  g_string_truncate (f->changes, 0);
  g_assert_true (ds_item_transition (a, DS_ITEM_STATE_ACKNOWLEDGED, NULL));
  g_assert_cmpstr (f->changes->str, ==, "1-1+1;");
}

static void
test_filter_by_state_and_kind (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(DsItem) req = make_item ("req", DS_ITEM_KIND_REQUEST, 100);
  g_autoptr(DsItem) alert = make_item ("alert", DS_ITEM_KIND_ALERT, 200);
  g_autoptr(DsItem) review = make_item ("review", DS_ITEM_KIND_REVIEW, 300);
  g_autoptr(DsInboxFilter) open = NULL;
  g_autoptr(DsInboxFilter) reviews = NULL;
  g_autoptr(GString) log = g_string_new (NULL);
  g_autofree char *t1 = NULL;
  g_autofree char *t2 = NULL;
  g_autofree char *t3 = NULL;
  g_autofree char *t4 = NULL;

  ds_inbox_add (f->inbox, req);
  ds_inbox_add (f->inbox, alert);
  open = ds_inbox_filter_new (f->inbox, DS_OPEN_STATES, DS_ALL_KINDS);
  reviews = ds_inbox_filter_new (f->inbox, DS_ALL_STATES, DS_KIND_BIT (DS_ITEM_KIND_REVIEW));
  g_signal_connect (open, "items-changed", G_CALLBACK (on_items_changed), log);

  t1 = titles (G_LIST_MODEL (open));
  g_assert_cmpstr (t1, ==, "alert,req");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (reviews)), ==, 0);

  /* Live: a new item shows up, a done one leaves. */
  ds_inbox_add (f->inbox, review);
  g_assert_true (ds_item_transition (alert, DS_ITEM_STATE_DONE, NULL));
  t2 = titles (G_LIST_MODEL (open));
  g_assert_cmpstr (t2, ==, "review,req");
  g_assert_cmpstr (log->str, ==, "0-0+1;1-1+0;");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (reviews)), ==, 1);

  /* A change that keeps the item visible is reported in place. */
  g_string_truncate (log, 0);
  g_assert_true (ds_item_transition (req, DS_ITEM_STATE_DEFERRED, NULL));
  g_assert_cmpstr (log->str, ==, "1-1+1;");

  ds_inbox_filter_set_masks (open, DS_STATE_BIT (DS_ITEM_STATE_DONE), DS_ALL_KINDS);
  t3 = titles (G_LIST_MODEL (open));
  g_assert_cmpstr (t3, ==, "alert");

  g_assert_cmpuint (ds_inbox_count (f->inbox, DS_OPEN_STATES, DS_ALL_KINDS), ==, 2);
  g_assert_cmpuint (ds_inbox_count (f->inbox, DS_ALL_STATES,
                                    DS_KIND_BIT (DS_ITEM_KIND_ALERT)), ==, 1);
  g_assert_cmpuint (ds_inbox_count (f->inbox, DS_STATE_BIT (DS_ITEM_STATE_NEW),
                                    DS_KIND_BIT (DS_ITEM_KIND_ALERT)), ==, 0);

  /* What a teammate took waits for them, not for the user. */
  g_assert_cmpuint (ds_inbox_count_waiting (f->inbox, DS_OPEN_STATES), ==, 2);
  ds_item_set_claimed_by (review, "Bogdan Ilić");
  g_assert_cmpuint (ds_inbox_count_waiting (f->inbox, DS_OPEN_STATES), ==, 1);
  g_assert_cmpuint (ds_inbox_count (f->inbox, DS_OPEN_STATES, DS_ALL_KINDS), ==, 2);

  g_assert_finalize_object (g_steal_pointer (&open));
  g_assert_finalize_object (g_steal_pointer (&reviews));
  /* The inbox still works once its views are gone. */
  ds_inbox_remove (f->inbox, "slack:review");
  t4 = titles (G_LIST_MODEL (f->inbox));
  g_assert_cmpstr (t4, ==, "alert,req");
}

/* Another workspace takes over: every item goes in one change, the views
 * follow, the items are released, and the inbox takes new ones. */
static void
test_clear (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(DsInboxFilter) open = ds_inbox_filter_new (f->inbox, DS_OPEN_STATES, DS_ALL_KINDS);
  DsItem *kept = make_item ("kept", DS_ITEM_KIND_REQUEST, 100);
  g_autoptr(DsItem) again = make_item ("kept", DS_ITEM_KIND_REQUEST, 300);
  g_autofree char *after = NULL;

  g_object_add_weak_pointer (G_OBJECT (kept), (gpointer *)&kept);
  g_assert_cmpuint (ds_inbox_clear (f->inbox), ==, 0);
  ds_inbox_add (f->inbox, kept);
  g_object_unref (kept);
  for (int i = 0; i < 3; i++)
    {
      g_autofree char *id = g_strdup_printf ("other%d", i);
      g_autoptr(DsItem) item = make_item (id, DS_ITEM_KIND_ALERT, 200 + i);
      ds_inbox_add (f->inbox, item);
    }
  g_string_truncate (f->changes, 0);

  g_assert_cmpuint (ds_inbox_clear (f->inbox), ==, 4);
  g_assert_cmpstr (f->changes->str, ==, "0-4+0;");
  g_assert_null (kept);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (open)), ==, 0);
  g_assert_null (ds_inbox_lookup (f->inbox, "slack:kept"));
  g_assert_cmpuint (ds_inbox_count (f->inbox, DS_ALL_STATES, DS_ALL_KINDS), ==, 0);

  /* The same id from the other workspace is a new item. */
  g_assert_true (ds_inbox_add (f->inbox, again));
  after = titles (G_LIST_MODEL (open));
  g_assert_cmpstr (after, ==, "kept");
}

/* Search: every word, in any case, in the title, text, who asked or where;
 * with the source and state filters at once. */
static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(DsInboxFilter) view = ds_inbox_filter_new (f->inbox, DS_ALL_STATES, DS_ALL_KINDS);
  static const struct { const char *source, *id, *title, *text, *who, *where; } items[] = {
    { "slack", "a", "Staging DB is read-only", "since the migration?", "Lee Park", "#sre" },
    { "github", "b", "Raise the RDS alarm", NULL, "alice-n", "demo-co/infra" },
    { "slack", "c", "Grafana access", "for the new SRE", "Jordan Kim", "#ops-support" },
    { "pagerduty", "d", "api: p99 latency above 2 s", NULL, NULL, "api (production)" },
  };
  g_autofree char *t1 = NULL, *t2 = NULL, *t3 = NULL, *t4 = NULL, *t5 = NULL, *t6 = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      g_autoptr(DsItem) item = ds_item_new (items[i].source, items[i].id, DS_ITEM_KIND_REQUEST,
                                            items[i].title);
      ds_item_set_created (item, 100 + i);
      ds_item_set_text (item, items[i].text);
      ds_item_set_requester (item, items[i].who);
      ds_item_set_channel (item, items[i].where);
      ds_inbox_add (f->inbox, item);
    }

  ds_inbox_filter_set_search (view, "sre");
  t1 = titles (G_LIST_MODEL (view));
  g_assert_cmpstr (t1, ==, "Grafana access,Staging DB is read-only");
  ds_inbox_filter_set_search (view, "  SRE   migration ");
  t2 = titles (G_LIST_MODEL (view));
  g_assert_cmpstr (t2, ==, "Staging DB is read-only");
  ds_inbox_filter_set_search (view, "alice infra");
  t3 = titles (G_LIST_MODEL (view));
  g_assert_cmpstr (t3, ==, "Raise the RDS alarm");
  ds_inbox_filter_set_search (view, "nothing like this");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (view)), ==, 0);
  ds_inbox_filter_set_search (view, "");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (view)), ==, 4);

  ds_inbox_filter_set_source (view, "slack");
  t4 = titles (G_LIST_MODEL (view));
  g_assert_cmpstr (t4, ==, "Grafana access,Staging DB is read-only");
  ds_inbox_filter_set_search (view, "grafana");
  t5 = titles (G_LIST_MODEL (view));
  g_assert_cmpstr (t5, ==, "Grafana access");
  /* A new item that matches comes in; one that does not stays out. */
  {
    g_autoptr(DsItem) yes = ds_item_new ("slack", "e", DS_ITEM_KIND_ACCESS, "Grafana admin");
    g_autoptr(DsItem) no = ds_item_new ("github", "f", DS_ITEM_KIND_ACCESS, "Grafana viewer");
    ds_item_set_created (yes, 200);
    ds_item_set_created (no, 201);
    ds_inbox_add (f->inbox, yes);
    ds_inbox_add (f->inbox, no);
  }
  ds_inbox_filter_set_source (view, NULL);
  t6 = titles (G_LIST_MODEL (view));
  g_assert_cmpstr (t6, ==, "Grafana viewer,Grafana admin,Grafana access");

  /* A rotation's window: what arrived from 200 to 201 (not included). */
  ds_inbox_filter_set_window (view, 200, 201);
  {
    g_autofree char *t7 = titles (G_LIST_MODEL (view));
    g_assert_cmpstr (t7, ==, "Grafana admin");
  }
  ds_inbox_filter_set_window (view, 0, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (view)), ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/ds/inbox/sorted-newest-first", test_sorted_newest_first);
  ADD ("/ds/inbox/deduplicates-by-id", test_deduplicates_by_id);
  ADD ("/ds/inbox/batches-merge", test_batches_merge);
  ADD ("/ds/inbox/state-change-is-reported", test_state_change_is_reported);
  ADD ("/ds/inbox/filter-by-state-and-kind", test_filter_by_state_and_kind);
  ADD ("/ds/inbox/clear", test_clear);
  ADD ("/ds/inbox/search", test_search);
#undef ADD

  return g_test_run ();
}
