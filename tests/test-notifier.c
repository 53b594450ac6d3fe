/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "ds-notifier.h"

/* Against python-dbusmock's notification daemon on a private bus: what the
 * server receives, and what its signals make Dayshift do. meson runs the
 * /with-actions cases against a server with "body actions body-markup" and
 * /without-actions against one with "body" only. */

typedef struct
{
  GApplication    *app;
  DsNotifier      *notifier;
  GDBusConnection *bus;
  GMainLoop       *loop;
  char            *activated_action;
  char            *activated_param;
} Fixture;

static void
on_activate (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  Fixture *f = user_data;

  g_free (f->activated_action);
  g_free (f->activated_param);
  f->activated_action = g_strdup (g_action_get_name (G_ACTION (action)));
  f->activated_param = param != NULL ? g_variant_dup_string (param, NULL) : NULL;
  g_main_loop_quit (f->loop);
}

static GVariant *
mock_call (Fixture    *f,
           const char *method,
           GVariant   *params)
{
  g_autoptr(GError) error = NULL;
  GVariant *ret = g_dbus_connection_call_sync (f->bus, "org.freedesktop.Notifications",
                                               "/org/freedesktop/Notifications",
                                               "org.freedesktop.DBus.Mock", method, params,
                                               NULL, G_DBUS_CALL_FLAGS_NONE, 5000, NULL,
                                               &error);
  g_assert_no_error (error);
  return ret;
}

/* The argument tuples of every call of @method the server received. */
static GPtrArray *
calls_of (Fixture    *f,
          const char *method)
{
  g_autoptr(GVariant) ret = mock_call (f, "GetMethodCalls", g_variant_new ("(s)", method));
  g_autoptr(GVariant) calls = g_variant_get_child_value (ret, 0);
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify)g_variant_unref);

  for (gsize i = 0; i < g_variant_n_children (calls); i++)
    {
      g_autoptr(GVariant) call = g_variant_get_child_value (calls, i);
      g_autoptr(GVariant) args = g_variant_get_child_value (call, 1);
      GVariantBuilder b;

      /* "av" -> a plain tuple of the values. */
      g_variant_builder_init (&b, G_VARIANT_TYPE_TUPLE);
      for (gsize j = 0; j < g_variant_n_children (args); j++)
        {
          g_autoptr(GVariant) boxed = g_variant_get_child_value (args, j);
          g_autoptr(GVariant) value = g_variant_get_variant (boxed);

          g_variant_builder_add_value (&b, value);
        }
      g_ptr_array_add (out, g_variant_ref_sink (g_variant_builder_end (&b)));
    }
  return out;
}

static void
emit_signal (Fixture    *f,
             const char *name,
             const char *signature,
             GVariant   *args)
{
  g_variant_unref (mock_call (f, "EmitSignal",
                              g_variant_new ("(sss@av)", "org.freedesktop.Notifications",
                                             name, signature, args)));
}

static gboolean
on_timeout (gpointer user_data)
{
  Fixture *f = user_data;

  g_main_loop_quit (f->loop);
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until an action is activated, or 5 s pass. */
static void
wait_for_activation (Fixture *f)
{
  guint id = g_timeout_add_seconds (5, on_timeout, f);

  g_main_loop_run (f->loop);
  g_source_remove (id);
}

static void
spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  static const GActionEntry actions[] = {
    { "open", on_activate },
    { "open-item", on_activate, "s" },
    { "acknowledge", on_activate, "s" },
    { "delegate", on_activate, "s" },
    { "file-issue", on_activate, "s" },
    { "defer", on_activate, "s" },
  };
  g_autoptr(GError) error = NULL;

  f->loop = g_main_loop_new (NULL, FALSE);
  f->bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  f->app = g_application_new ("io.github.dayshift.Dayshift.Test", G_APPLICATION_NON_UNIQUE);
  g_action_map_add_action_entries (G_ACTION_MAP (f->app), actions, G_N_ELEMENTS (actions), f);
  g_assert_true (g_application_register (f->app, NULL, &error));
  g_assert_no_error (error);
  f->notifier = ds_notifier_new (f->app);
  g_variant_unref (mock_call (f, "ClearCalls", NULL));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_assert_finalize_object (f->notifier);
  g_clear_object (&f->app);
  g_clear_object (&f->bus);
  g_clear_pointer (&f->loop, g_main_loop_unref);
  g_free (f->activated_action);
  g_free (f->activated_param);
}

static DsItem *
hostile_item (void)
{
  DsItem *item = ds_item_new ("slack", "C0SUPPORT/1700000000.000200", DS_ITEM_KIND_REQUEST,
                              "Deploy <b>api</b> failed");

  ds_item_set_requester (item, "dep<l>oy-bot");
  ds_item_set_channel (item, "#ops-support");
  ds_item_set_text (item, "<a href='http://evil.example'>click</a> & run\n  line two  \n\n"
                          "line three\nline four is not shown");
  return item;
}

static void
test_notify_escaped_with_actions (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(DsItem) item = hostile_item ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) calls = NULL;
  g_autoptr(GVariant) hints = NULL;
  g_autofree const char **actions = NULL;
  const char *app_name, *icon, *summary, *body;
  guint32 replaces;
  guchar urgency;
  const char *entry;

  g_assert_true (ds_notifier_get_has_actions (f->notifier));
  g_assert_true (ds_notifier_show_item (f->notifier, item, &error));
  g_assert_no_error (error);

  calls = calls_of (f, "Notify");
  g_assert_cmpuint (calls->len, ==, 1);
  g_variant_get (calls->pdata[0], "(&su&s&s&s^a&s@a{sv}i)", &app_name, &replaces, &icon,
                 &summary, &body, &actions, &hints, NULL);
  g_assert_cmpstr (app_name, ==, "Dayshift");
  /* Dayshift's own full-colour icon: the title says the kind. */
  g_assert_cmpstr (icon, ==, "io.github.dayshift.Dayshift");
  /* The summary is plain text for every server. */
  g_assert_cmpstr (summary, ==, "Support request · Slack #ops-support");
  g_assert_cmpstr (body, ==,
                   "From dep&lt;l&gt;oy-bot\n"
                   "Deploy &lt;b&gt;api&lt;/b&gt; failed\n"
                   "&lt;a href=&apos;http://evil.example&apos;&gt;click&lt;/a&gt; &amp; run\n"
                   "line two");
  g_assert_cmpuint (g_strv_length ((char **)actions), ==, 10);
  g_assert_cmpstr (actions[0], ==, "default");
  g_assert_cmpstr (actions[1], ==, "Open");
  g_assert_cmpstr (actions[2], ==, "acknowledge");
  g_assert_cmpstr (actions[3], ==, "Acknowledge");
  g_assert_cmpstr (actions[4], ==, "delegate");
  g_assert_cmpstr (actions[5], ==, "Delegate…");
  g_assert_cmpstr (actions[6], ==, "file-issue");
  g_assert_cmpstr (actions[7], ==, "File Issue");
  g_assert_cmpstr (actions[8], ==, "defer");
  g_assert_cmpstr (actions[9], ==, "Defer to Standup");
  g_assert_true (g_variant_lookup (hints, "urgency", "y", &urgency));
  g_assert_cmpuint (urgency, ==, 1);
  g_assert_true (g_variant_lookup (hints, "desktop-entry", "&s", &entry));
  g_assert_cmpstr (entry, ==, "io.github.dayshift.Dayshift");

  /* A long one-line message: its title is the line cut short; the body says
   * the message once. Bidi overrides and zero-width spaces are gone. */
  {
    g_autofree char *xs = g_strnfill (200, 'x');
    g_autofree char *line = g_strconcat ("The \u202Egnp.exe\u202C build of api\u200B is red ",
                                         xs, NULL);
    g_autofree char *cut = g_utf8_substring (line, 0, 119);
    g_autofree char *title = g_strconcat (cut, "…", NULL);
    g_autoptr(DsItem) long_item = ds_item_new ("slack", "C0SUPPORT/1700000000.000900",
                                               DS_ITEM_KIND_REQUEST, title);
    g_autofree char *body2 = NULL;

    ds_item_set_text (long_item, line);
    body2 = ds_notifier_format_body (f->notifier, long_item);
    g_assert_null (strstr (body2, "\u202E"));
    g_assert_null (strstr (body2, "\u200B"));
    g_assert_nonnull (strstr (body2, "The gnp.exe build of api is red"));
    g_assert_null (strstr (strstr (body2, "is red") + 1, "is red"));
    g_assert_null (strstr (ds_item_get_title (long_item), "\u202E"));
  }
}

/* The buttons of an item's notification, "label|label|…", the click aside. */
static char *
buttons_of (Fixture *f,
            DsItem  *item)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) calls = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree const char **actions = NULL;

  g_variant_unref (mock_call (f, "ClearCalls", NULL));
  g_assert_true (ds_notifier_show_item (f->notifier, item, &error));
  g_assert_no_error (error);
  calls = calls_of (f, "Notify");
  g_assert_cmpuint (calls->len, ==, 1);
  g_variant_get (calls->pdata[0], "(&su&s&s&s^a&s@a{sv}i)", NULL, NULL, NULL, NULL, NULL,
                 &actions, NULL, NULL);
  for (guint i = 0; actions[i] != NULL && actions[i + 1] != NULL; i += 2)
    if (!g_str_equal (actions[i], "default"))
      g_string_append_printf (out, "%s%s", out->len > 0 ? "|" : "", actions[i + 1]);
  return g_strdup (out->str);
}

/* Only the quick actions that apply to the item as it is: not Acknowledge
 * again, not File Issue on what is an issue already, none on a done item. */
static void
test_buttons_that_apply (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(DsItem) slack = hostile_item ();
  g_autoptr(DsItem) github = ds_item_new ("github", "acme/ops#7", DS_ITEM_KIND_ACCESS,
                                          "Grant me the billing dashboard");
  g_autofree char *fresh = buttons_of (f, slack);
  g_autofree char *acked = NULL;
  g_autofree char *issue = NULL;
  g_autofree char *filed = NULL;
  g_autofree char *done = NULL;

  g_assert_cmpstr (fresh, ==, "Acknowledge|Delegate…|File Issue|Defer to Standup");
  g_assert_true (ds_item_transition (slack, DS_ITEM_STATE_ACKNOWLEDGED, NULL));
  acked = buttons_of (f, slack);
  g_assert_cmpstr (acked, ==, "Delegate…|File Issue|Defer to Standup");
  g_assert_true (ds_item_transition (slack, DS_ITEM_STATE_FILED, NULL));
  filed = buttons_of (f, slack);
  g_assert_cmpstr (filed, ==, "Delegate…");
  g_assert_true (ds_item_transition (slack, DS_ITEM_STATE_DONE, NULL));
  done = buttons_of (f, slack);
  g_assert_cmpstr (done, ==, "");
  issue = buttons_of (f, github);
  g_assert_cmpstr (issue, ==, "Acknowledge|Delegate…|Defer to Standup");
}

static void
test_action_invoked_activates (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(DsItem) item = hostile_item ();
  g_autoptr(GError) error = NULL;
  struct { const char *button; const char *action; } cases[] = {
    { "acknowledge", "acknowledge" },
    { "defer", "defer" },
    { "file-issue", "file-issue" },
    { "default", "open-item" },
  };

  g_assert_true (ds_notifier_show_item (f->notifier, item, &error));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      guint id = ds_notifier_get_server_id (f->notifier, ds_item_get_id (item));

      g_assert_cmpuint (id, >, 0);
      g_clear_pointer (&f->activated_action, g_free);
      emit_signal (f, "ActionInvoked", "us",
                   g_variant_new_parsed ("[<%u>, <%s>]", id, cases[i].button));
      wait_for_activation (f);
      g_assert_cmpstr (f->activated_action, ==, cases[i].action);
      g_assert_cmpstr (f->activated_param, ==, ds_item_get_id (item));
    }

  /* A click on someone else's notification does nothing. */
  g_clear_pointer (&f->activated_action, g_free);
  emit_signal (f, "ActionInvoked", "us", g_variant_new_parsed ("[<%u>, <'acknowledge'>]",
                                                               (guint32)9999));
  spin (300);
  g_assert_null (f->activated_action);
}

static void
test_replace_withdraw_and_close (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(DsItem) item = hostile_item ();
  g_autoptr(DsItem) other = ds_item_new ("pagerduty", "PABC", DS_ITEM_KIND_INCIDENT,
                                         "db-primary disk 95%");
  g_autoptr(GPtrArray) closes = NULL;
  g_autoptr(GError) error = NULL;
  guint first, second, other_id;
  guchar urgency;

  ds_item_set_emergency (other, TRUE);
  g_assert_true (ds_notifier_show_item (f->notifier, item, &error));
  first = ds_notifier_get_server_id (f->notifier, ds_item_get_id (item));
  g_assert_true (ds_notifier_show_item (f->notifier, item, &error));
  second = ds_notifier_get_server_id (f->notifier, ds_item_get_id (item));
  g_assert_cmpuint (first, !=, second);
  g_assert_true (ds_notifier_show_item (f->notifier, other, &error));
  other_id = ds_notifier_get_server_id (f->notifier, ds_item_get_id (other));
  g_assert_cmpuint (ds_notifier_get_n_open (f->notifier), ==, 2);

  {
    g_autoptr(GPtrArray) notifies = calls_of (f, "Notify");
    g_autoptr(GVariant) hints = g_variant_get_child_value (notifies->pdata[2], 6);
    g_assert_true (g_variant_lookup (hints, "urgency", "y", &urgency));
    g_assert_cmpuint (urgency, ==, 2);
  }

  /* Showing the item again closed the first notification. */
  closes = calls_of (f, "CloseNotification");
  g_assert_cmpuint (closes->len, ==, 1);
  {
    gint32 closed_id;
    /* The mock declares the id as a signed int. */
    g_variant_get (closes->pdata[0], "(i)", &closed_id);
    g_assert_cmpint (closed_id, ==, (gint32)first);
  }

  /* Handled elsewhere: Dayshift closes it. */
  ds_notifier_withdraw (f->notifier, ds_item_get_id (item));
  g_clear_pointer (&closes, g_ptr_array_unref);
  closes = calls_of (f, "CloseNotification");
  g_assert_cmpuint (closes->len, ==, 2);
  g_assert_cmpuint (ds_notifier_get_n_open (f->notifier), ==, 1);

  /* The user closed it on the server: Dayshift lets go of it. */
  emit_signal (f, "NotificationClosed", "uu",
               g_variant_new_parsed ("[<%u>, <%u>]", other_id, (guint32)2));
  for (guint i = 0; i < 50 && ds_notifier_get_n_open (f->notifier) > 0; i++)
    spin (20);
  g_assert_cmpuint (ds_notifier_get_n_open (f->notifier), ==, 0);
}

static void
test_without_actions (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(DsItem) item = hostile_item ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) calls = NULL;
  g_autofree const char **actions = NULL;
  const char *body;

  g_assert_false (ds_notifier_get_has_actions (f->notifier));
  g_assert_false (ds_notifier_get_has_markup (f->notifier));
  g_assert_true (ds_notifier_show_item (f->notifier, item, &error));
  g_assert_no_error (error);

  calls = calls_of (f, "Notify");
  g_assert_cmpuint (calls->len, ==, 1);
  g_variant_get (calls->pdata[0], "(&su&s&s&s^a&s@a{sv}i)", NULL, NULL, NULL, NULL, &body,
                 &actions, NULL, NULL);
  g_assert_cmpuint (g_strv_length ((char **)actions), ==, 0);
  /* No markup on this server: the text goes as it is, and is shown as text. */
  g_assert_cmpstr (body, ==,
                   "From dep<l>oy-bot\n"
                   "Deploy <b>api</b> failed\n"
                   "<a href='http://evil.example'>click</a> & run\n"
                   "line two");
}

/* Acknowledged in Slack, claimed by a teammate, resolved in PagerDuty: the
 * notification closes by itself; a summary stands for a burst. */
static void
test_closed_when_handled_elsewhere (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(DsItem) item = hostile_item ();
  g_autoptr(DsItem) other = ds_item_new ("slack", "C0SUPPORT/1700000000.000300",
                                         DS_ITEM_KIND_REQUEST, "Another");
  g_autoptr(GPtrArray) closes = NULL;
  g_autoptr(GPtrArray) notifies = NULL;
  g_autoptr(GPtrArray) burst = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *summary, *body;

  ds_item_set_channel (other, "#ops-support");
  g_assert_true (ds_notifier_show_item (f->notifier, item, &error));
  g_assert_true (ds_notifier_show_item (f->notifier, other, &error));
  g_assert_cmpuint (ds_notifier_get_n_open (f->notifier), ==, 2);

  g_assert_true (ds_item_transition (item, DS_ITEM_STATE_DONE, NULL));
  ds_item_set_claimed_by (other, "Sam");
  closes = calls_of (f, "CloseNotification");
  g_assert_cmpuint (closes->len, ==, 2);
  g_assert_cmpuint (ds_notifier_get_n_open (f->notifier), ==, 0);

  g_ptr_array_add (burst, item);
  g_ptr_array_add (burst, other);
  g_assert_true (ds_notifier_show_summary (f->notifier, burst, &error));
  g_assert_no_error (error);
  notifies = calls_of (f, "Notify");
  g_variant_get (notifies->pdata[2], "(&su&s&s&s^a&s@a{sv}i)", NULL, NULL, NULL, &summary,
                 &body, NULL, NULL, NULL);
  g_assert_cmpstr (summary, ==, "2 new requests");
  g_assert_cmpstr (body, ==, "#ops-support: Another\n#ops-support: Deploy &lt;b&gt;api&lt;/b&gt; failed");
}

/* The server refuses (MaxNotificationsExceeded): the caller hears it, the
 * log says it once, not at every notification. */
static void
test_server_refuses (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GVariant) ret = NULL;
  g_autoptr(GError) error = NULL;

  ret = mock_call (f, "AddMethod",
                   g_variant_new ("(sssss)", "org.freedesktop.Notifications", "Notify",
                                  "susssasa{sv}i", "u",
                                  "raise dbus.exceptions.DBusException('Too many', name="
                                  "'org.freedesktop.Notifications.MaxNotificationsExceeded')"));
  g_test_expect_message ("ds-notifier", G_LOG_LEVEL_MESSAGE, "*refused a notification*Too many*");
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(DsItem) item = hostile_item ();

      g_assert_false (ds_notifier_show_item (f->notifier, item, &error));
      g_assert_nonnull (error);
      g_assert_nonnull (strstr (error->message, "Too many"));
      g_clear_error (&error);
    }
  g_test_assert_expected_messages ();
  g_assert_cmpuint (ds_notifier_get_n_open (f->notifier), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/ds/notifier/with-actions/escaped", test_notify_escaped_with_actions);
  ADD ("/ds/notifier/with-actions/action-invoked", test_action_invoked_activates);
  ADD ("/ds/notifier/with-actions/buttons-that-apply", test_buttons_that_apply);
  ADD ("/ds/notifier/with-actions/replace-withdraw-close", test_replace_withdraw_and_close);
  ADD ("/ds/notifier/with-actions/closed-when-handled-elsewhere",
       test_closed_when_handled_elsewhere);
  /* Last: it breaks the mock server's Notify for good. */
  ADD ("/ds/notifier/with-actions/z-server-refuses", test_server_refuses);
  ADD ("/ds/notifier/without-actions", test_without_actions);
#undef ADD

  return g_test_run ();
}
