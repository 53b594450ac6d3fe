/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-wake"

#include "config.h"

#include "ds-wake.h"

/* The computer waking up, said once ("woke", with when it went to sleep):
 *
 *  - logind's PrepareForSleep(false) on the system bus, when there is one
 *    to ask (PrepareForSleep(true) said when it went to sleep);
 *  - else the wall clock moving much further than the monotonic one, which
 *    stands still while the computer sleeps: looked at every TICK seconds,
 *    a jump of JUMP_AT_LEAST or more is a sleep that ended (a suspend
 *    logind did not tell of, a paused virtual machine, a clock set ahead).
 *
 * Whichever says it first says it: the other then sees nothing new. Without
 * a system bus only the clocks are watched, and nothing is said of it. */

#define TICK          30
#define JUMP_AT_LEAST (60 * G_USEC_PER_SEC)

#define LOGIND_NAME  "org.freedesktop.login1"
#define LOGIND_PATH  "/org/freedesktop/login1"
#define LOGIND_IFACE "org.freedesktop.login1.Manager"

struct _DsWake
{
  GObject          parent_instance;

  DsWakeClock      real;
  DsWakeClock      monotonic;
  gpointer         clock_data;
  gint64           last_real;      /* µs, at the last look */
  gint64           last_monotonic;
  gint64           asleep_since;   /* µs on the wall clock, when logind said so */
  gboolean         asleep;         /* logind said it went to sleep, and not yet that it woke */
  guint            timer;
  GCancellable    *cancellable;
  GDBusConnection *bus;
  guint            subscription;
};

G_DEFINE_FINAL_TYPE (DsWake, ds_wake, G_TYPE_OBJECT)

enum { SIGNAL_WOKE, N_SIGNALS };
static guint signals[N_SIGNALS];

static gint64
real_time (gpointer user_data)
{
  return g_get_real_time ();
}

static gint64
monotonic_time (gpointer user_data)
{
  return g_get_monotonic_time ();
}

/* From now on, a jump is measured from here. */
static void
look (DsWake *self)
{
  self->last_real = self->real (self->clock_data);
  self->last_monotonic = self->monotonic (self->clock_data);
}

static void
woke (DsWake *self,
      gint64  asleep_since)
{
  self->asleep = FALSE;
  look (self);
  g_debug ("Woke up; asleep since %" G_GINT64_FORMAT, asleep_since / G_USEC_PER_SEC);
  g_signal_emit (self, signals[SIGNAL_WOKE], 0, asleep_since / G_USEC_PER_SEC);
}

/**
 * ds_wake_check:
 *
 * Looks at the clocks now (the timer does, every TICK seconds): the wall
 * clock far ahead of the monotonic one since the last look is a sleep that
 * ended.
 */
void
ds_wake_check (DsWake *self)
{
  gint64 real, monotonic;

  g_return_if_fail (DS_IS_WAKE (self));

  real = self->real (self->clock_data);
  monotonic = self->monotonic (self->clock_data);
  if ((real - self->last_real) - (monotonic - self->last_monotonic) >= JUMP_AT_LEAST)
    woke (self, self->asleep ? self->asleep_since : self->last_real);
  else
    look (self);
}

static gboolean
on_tick (gpointer user_data)
{
  ds_wake_check (user_data);
  return G_SOURCE_CONTINUE;
}

static void
on_prepare_for_sleep (GDBusConnection *bus,
                      const char      *sender,
                      const char      *path,
                      const char      *iface,
                      const char      *name,
                      GVariant        *params,
                      gpointer         user_data)
{
  g_autoptr(DsWake) self = g_weak_ref_get (user_data);
  gboolean going;

  if (self == NULL || !g_variant_is_of_type (params, G_VARIANT_TYPE ("(b)")))
    return;
  g_variant_get (params, "(b)", &going);
  if (going)
    {
      self->asleep = TRUE;
      self->asleep_since = self->real (self->clock_data);
    }
  else if (self->asleep)
    woke (self, self->asleep_since);
}

static void
weak_free (gpointer data)
{
  g_weak_ref_clear (data);
  g_free (data);
}

static void
on_system_bus (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  GDBusConnection *bus = g_bus_get_finish (result, &error);
  DsWake *self;
  GWeakRef *ref;

  if (bus == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("No system bus (%s): a sleep is told by the clocks alone", error->message);
      return;
    }
  self = user_data;
  self->bus = bus;
  ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (ref, self);
  self->subscription = g_dbus_connection_signal_subscribe (bus, LOGIND_NAME, LOGIND_IFACE,
                                                           "PrepareForSleep", LOGIND_PATH, NULL,
                                                           G_DBUS_SIGNAL_FLAGS_NONE,
                                                           on_prepare_for_sleep, ref, weak_free);
}

static void
ds_wake_dispose (GObject *object)
{
  DsWake *self = (DsWake *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->timer, g_source_remove);
  if (self->subscription != 0)
    g_dbus_connection_signal_unsubscribe (self->bus, self->subscription);
  self->subscription = 0;
  g_clear_object (&self->bus);

  G_OBJECT_CLASS (ds_wake_parent_class)->dispose (object);
}

static void
ds_wake_class_init (DsWakeClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = ds_wake_dispose;

  /**
   * DsWake::woke:
   * @asleep_since: when the computer went to sleep (Unix seconds)
   */
  signals[SIGNAL_WOKE] =
    g_signal_new ("woke", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
ds_wake_init (DsWake *self)
{
  self->real = real_time;
  self->monotonic = monotonic_time;
  self->cancellable = g_cancellable_new ();
  look (self);
  self->timer = g_timeout_add_seconds (TICK, on_tick, self);
}

/**
 * ds_wake_new:
 * @logind: whether to listen to logind on the system bus, besides the clocks
 */
DsWake *
ds_wake_new (gboolean logind)
{
  DsWake *self = g_object_new (DS_TYPE_WAKE, NULL);

  /* The callback runs only if not cancelled, which dispose does first. */
  if (logind)
    g_bus_get (G_BUS_TYPE_SYSTEM, self->cancellable, on_system_bus, self);
  return self;
}

/**
 * ds_wake_set_clocks:
 * @real: the wall clock, µs
 * @monotonic: a clock that stands still while the computer sleeps, µs
 *
 * Clocks of the caller's (tests), looked at from now on.
 */
void
ds_wake_set_clocks (DsWake      *self,
                    DsWakeClock  real,
                    DsWakeClock  monotonic,
                    gpointer     user_data)
{
  g_return_if_fail (DS_IS_WAKE (self));
  g_return_if_fail (real != NULL && monotonic != NULL);

  self->real = real;
  self->monotonic = monotonic;
  self->clock_data = user_data;
  look (self);
}
