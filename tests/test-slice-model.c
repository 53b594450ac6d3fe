/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "ds-slice-model.h"

/* A view of the slice as GtkListBox keeps one: it applies each
 * items-changed as it comes, reading the added items from the slice then.
 * After any change to the whole list it must hold the list's first
 * `limit` items, in order, having been told no more than needed. */

typedef struct
{
  GPtrArray *rows;   /* GObject, as the view built them */
  guint      built;  /* rows built since the last check */
} View;

static void
on_changed (GListModel *slice,
            guint       position,
            guint       removed,
            guint       added,
            View       *view)
{
  g_assert_cmpuint (position + removed, <=, view->rows->len);
  g_ptr_array_remove_range (view->rows, position, removed);
  for (guint i = 0; i < added; i++)
    {
      GObject *item = g_list_model_get_item (slice, position + i);

      g_assert_nonnull (item);
      g_ptr_array_insert (view->rows, position + i, item);
    }
  view->built += added;
}

static void
assert_view (View       *view,
             GListModel *whole,
             guint       limit)
{
  guint n = MIN (limit, g_list_model_get_n_items (whole));

  g_assert_cmpuint (view->rows->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (whole, i);
      g_assert_true (g_ptr_array_index (view->rows, i) == item);
    }
}

static void
test_follows (void)
{
  GRand *rand = g_rand_new_with_seed (42);

  for (guint limit = 0; limit < 12; limit++)
    {
      g_autoptr(GListStore) whole = g_list_store_new (G_TYPE_OBJECT);
      g_autoptr(DsSliceModel) slice = NULL;
      View view = { g_ptr_array_new_with_free_func (g_object_unref), 0 };

      for (guint i = 0; i < 5; i++)
        {
          g_autoptr(GObject) o = g_object_new (G_TYPE_OBJECT, NULL);
          g_list_store_append (whole, o);
        }
      slice = ds_slice_model_new (G_LIST_MODEL (whole), limit);
      on_changed (G_LIST_MODEL (slice), 0, 0, g_list_model_get_n_items (G_LIST_MODEL (slice)),
                  &view);
      g_signal_connect (slice, "items-changed", G_CALLBACK (on_changed), &view);
      assert_view (&view, G_LIST_MODEL (whole), limit);

      for (guint step = 0; step < 400; step++)
        {
          guint n = g_list_model_get_n_items (G_LIST_MODEL (whole));
          guint pos = g_rand_int_range (rand, 0, n + 1);
          guint removed = pos < n ? g_rand_int_range (rand, 0, MIN (n - pos, 4) + 1) : 0;
          guint added = g_rand_int_range (rand, 0, n > 20 ? 3 : 5);
          g_autoptr(GPtrArray) news = g_ptr_array_new_with_free_func (g_object_unref);

          for (guint i = 0; i < added; i++)
            g_ptr_array_add (news, g_object_new (G_TYPE_OBJECT, NULL));
          g_list_store_splice (whole, pos, removed, news->pdata, added);
          assert_view (&view, G_LIST_MODEL (whole), ds_slice_model_get_limit (slice));
          g_assert_cmpuint (ds_slice_model_get_hidden (slice), ==,
                            g_list_model_get_n_items (G_LIST_MODEL (whole)) -
                            view.rows->len);
          if (step % 50 == 49)
            {
              /* Scrolled to the end: more; or back to fewer. */
              ds_slice_model_set_limit (slice, g_rand_int_range (rand, 0, 15));
              assert_view (&view, G_LIST_MODEL (whole), ds_slice_model_get_limit (slice));
            }
        }
      g_signal_handlers_disconnect_by_data (slice, &view);
      g_ptr_array_unref (view.rows);
    }
  g_rand_free (rand);
}

/* A new item at the top of a full slice of 100 among 10,000: one row built. */
static void
test_builds_little (void)
{
  g_autoptr(GListStore) whole = g_list_store_new (G_TYPE_OBJECT);
  g_autoptr(DsSliceModel) slice = NULL;
  g_autoptr(GObject) top = g_object_new (G_TYPE_OBJECT, NULL);
  View view = { g_ptr_array_new_with_free_func (g_object_unref), 0 };

  for (guint i = 0; i < 10000; i++)
    {
      g_autoptr(GObject) o = g_object_new (G_TYPE_OBJECT, NULL);
      g_list_store_append (whole, o);
    }
  slice = ds_slice_model_new (G_LIST_MODEL (whole), 100);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (slice)), ==, 100);
  on_changed (G_LIST_MODEL (slice), 0, 0, 100, &view);
  g_signal_connect (slice, "items-changed", G_CALLBACK (on_changed), &view);
  view.built = 0;

  g_list_store_insert (whole, 0, top);
  g_assert_cmpuint (view.built, ==, 1);
  g_list_store_remove (whole, 5000);
  g_assert_cmpuint (view.built, ==, 1);
  ds_slice_model_set_limit (slice, 200);
  g_assert_cmpuint (view.built, ==, 101);
  g_assert_cmpuint (ds_slice_model_get_hidden (slice), ==, 9800);
  assert_view (&view, G_LIST_MODEL (whole), 200);
  g_signal_handlers_disconnect_by_data (slice, &view);
  g_ptr_array_unref (view.rows);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ds/slice-model/follows-the-list", test_follows);
  g_test_add_func ("/ds/slice-model/builds-little", test_builds_little);
  return g_test_run ();
}
