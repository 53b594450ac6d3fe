/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "ds-wake.h"

/* The computer waking up, said once: the wall clock jumping ahead of the
 * monotonic one (clocks the test moves), and logind's PrepareForSleep on a
 * system bus of the test's own (python-dbusmock's logind), whichever says
 * it first. */

typedef struct
{
  gint64  real;       /* µs */
  gint64  monotonic;  /* µs */
  GArray *woke;       /* gint64: asleep_since of each "woke" */
} Clocks;

#define T0 ((gint64)1796025600 * G_USEC_PER_SEC)  /* 2026-12-01 08:00 UTC */

static gint64
real_clock (gpointer user_data)
{
  return ((Clocks *)user_data)->real;
}

static gint64
monotonic_clock (gpointer user_data)
{
  return ((Clocks *)user_data)->monotonic;
}

static void
on_woke (DsWake *wake,
         gint64  asleep_since,
         Clocks *c)
{
  g_array_append_val (c->woke, asleep_since);
}

/* Both clocks move @seconds; the wall clock @more besides; then a look. */
static void
pass (DsWake *wake,
      Clocks *c,
      gint64  seconds,
      gint64  more)
{
  c->monotonic += seconds * G_USEC_PER_SEC;
  c->real += (seconds + more) * G_USEC_PER_SEC;
  ds_wake_check (wake);
}

static gint64
woke_at (Clocks *c,
         guint   i)
{
  return g_array_index (c->woke, gint64, i);
}

static void
test_clock_jump (void)
{
  Clocks c = { T0, 5 * G_USEC_PER_SEC, g_array_new (FALSE, FALSE, sizeof (gint64)) };
  g_autoptr(DsWake) wake = ds_wake_new (FALSE);

  g_signal_connect (wake, "woke", G_CALLBACK (on_woke), &c);
  ds_wake_set_clocks (wake, real_clock, monotonic_clock, &c);

  /* Awake: the clocks keep pace, a little drift is nothing. */
  for (guint i = 0; i < 10; i++)
    pass (wake, &c, 30, 0);
  pass (wake, &c, 30, 2);
  g_assert_cmpuint (c.woke->len, ==, 0);

  /* Asleep from 08:05:32 for nine hours: the monotonic clock stood still. */
  pass (wake, &c, 10, 9 * 3600);
  g_assert_cmpuint (c.woke->len, ==, 1);
  g_assert_cmpint (woke_at (&c, 0), ==, T0 / G_USEC_PER_SEC + 332);

  /* Once: the next look sees the clocks keep pace again. */
  pass (wake, &c, 30, 0);
  pass (wake, &c, 30, 0);
  g_assert_cmpuint (c.woke->len, ==, 1);

  /* A wall clock set back is no sleep; nor is one set a few seconds ahead. */
  pass (wake, &c, 30, -3600);
  pass (wake, &c, 30, 45);
  g_assert_cmpuint (c.woke->len, ==, 1);

  /* Two minutes asleep is one. */
  pass (wake, &c, 1, 120);
  g_assert_cmpuint (c.woke->len, ==, 2);

  g_array_unref (c.woke);
}

/* -- logind ---------------------------------------------------------------- */

static void
prepare_for_sleep (GDBusConnection *system,
                   gboolean         going)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;
  GVariantBuilder args;

  g_variant_builder_init (&args, G_VARIANT_TYPE ("av"));
  g_variant_builder_add (&args, "v", g_variant_new_boolean (going));
  reply = g_dbus_connection_call_sync (system, "org.freedesktop.login1", "/org/freedesktop/login1",
                                       "org.freedesktop.DBus.Mock", "EmitSignal",
                                       g_variant_new ("(sssav)", "org.freedesktop.login1.Manager",
                                                      "PrepareForSleep", "b", &args),
                                       NULL, G_DBUS_CALL_FLAGS_NONE, 5000, NULL, &error);
  g_assert_no_error (error);
}

static void
spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

static void
test_logind (void)
{
  Clocks c = { T0, 5 * G_USEC_PER_SEC, g_array_new (FALSE, FALSE, sizeof (gint64)) };
  g_autoptr(GError) error = NULL;
  g_autoptr(GDBusConnection) system = g_bus_get_sync (G_BUS_TYPE_SYSTEM, NULL, &error);
  g_autoptr(DsWake) wake = NULL;
  gint64 end;

  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (g_getenv ("DBUS_SYSTEM_BUS_ADDRESS"), "unix:"));
  wake = ds_wake_new (TRUE);
  g_signal_connect (wake, "woke", G_CALLBACK (on_woke), &c);
  ds_wake_set_clocks (wake, real_clock, monotonic_clock, &c);

  /* Until it listens: a sleep and a wake-up, as often as it takes. */
  end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (c.woke->len == 0 && g_get_monotonic_time () < end)
    {
      prepare_for_sleep (system, TRUE);
      prepare_for_sleep (system, FALSE);
      spin (100);
    }
  g_assert_cmpuint (c.woke->len, ==, 1);
  g_assert_cmpint (woke_at (&c, 0), ==, T0 / G_USEC_PER_SEC);
  spin (300);
  g_array_set_size (c.woke, 0);

  /* To sleep at 08:10; nine hours later logind says it woke: once, with
   * when it went to sleep, and the clocks say nothing more of it. */
  c.real += 600 * G_USEC_PER_SEC;
  c.monotonic += 600 * G_USEC_PER_SEC;
  ds_wake_check (wake);
  prepare_for_sleep (system, TRUE);
  spin (200);
  c.real += (gint64)9 * 3600 * G_USEC_PER_SEC;
  prepare_for_sleep (system, FALSE);
  spin (200);
  g_assert_cmpuint (c.woke->len, ==, 1);
  g_assert_cmpint (woke_at (&c, 0), ==, T0 / G_USEC_PER_SEC + 600);
  ds_wake_check (wake);
  g_assert_cmpuint (c.woke->len, ==, 1);

  /* The clocks first (logind late): one wake-up all the same, from when
   * logind said it went to sleep. */
  prepare_for_sleep (system, TRUE);
  spin (200);
  c.real += (gint64)3600 * G_USEC_PER_SEC;
  ds_wake_check (wake);
  g_assert_cmpuint (c.woke->len, ==, 2);
  g_assert_cmpint (woke_at (&c, 1), ==, T0 / G_USEC_PER_SEC + 600 + 9 * 3600);
  prepare_for_sleep (system, FALSE);
  spin (200);
  g_assert_cmpuint (c.woke->len, ==, 2);

  g_array_unref (c.woke);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ds/wake/clock-jump", test_clock_jump);
  g_test_add_func ("/ds/wake/logind", test_logind);
  return g_test_run ();
}
