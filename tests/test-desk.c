/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include <glib/gstdio.h>

#include "ds-actions.h"
#include "ds-desk.h"

/* The desk below the window: the demo and a team take turns, each with its
 * own database and workspace, without a restart; a profile that fails is
 * said and kept until one loads, and goes with its workspace; what the
 * user does is kept with its writes in one transaction, and the outbox
 * says so. The setup check is the profile's in force, and none in the
 * demo. */

typedef struct
{
  GPtrArray *events;   /* "switching", "workspace-changed", "problem KEY", "gone KEY" */
} Log;

static void
on_switching (DsDesk *desk,
              Log    *log)
{
  g_ptr_array_add (log->events, g_strdup ("switching"));
}

static void
on_workspace_changed (DsDesk *desk,
                      Log    *log)
{
  g_ptr_array_add (log->events, g_strdup ("workspace-changed"));
}

static void
on_problem (DsDesk     *desk,
            const char *key,
            const char *summary,
            const char *detail,
            Log        *log)
{
  g_ptr_array_add (log->events, g_strdup_printf ("problem %s", key));
}

static void
on_problem_gone (DsDesk     *desk,
                 const char *key,
                 Log        *log)
{
  g_ptr_array_add (log->events, g_strdup_printf ("gone %s", key));
}

static char *
events (Log *log)
{
  g_autofree char *joined = NULL;

  g_ptr_array_add (log->events, NULL);
  joined = g_strjoinv (", ", (char **)log->events->pdata);
  g_ptr_array_set_size (log->events, 0);
  return g_steal_pointer (&joined);
}

static gboolean
has_items (DsDesk *desk)
{
  return g_list_model_get_n_items (G_LIST_MODEL (ds_desk_get_inbox (desk))) > 0;
}

static void
spin_until (gboolean (*pred) (DsDesk *),
            DsDesk   *desk)
{
  gint64 end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (!pred (desk) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
}

static void
on_outbox_changed (DsStore    *store,
                   const char *item_id,
                   gboolean    queued,
                   GPtrArray  *told)
{
  if (queued)
    g_ptr_array_add (told, g_strdup (item_id));
}

static void
test_turns (void)
{
  g_autoptr(DsDesk) desk = ds_desk_new ();
  Log log = { g_ptr_array_new_with_free_func (g_free) };
  g_autofree char *said = NULL;
  g_autoptr(GPtrArray) told = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  DsItem *item;

  g_signal_connect (desk, "switching", G_CALLBACK (on_switching), &log);
  g_signal_connect (desk, "workspace-changed", G_CALLBACK (on_workspace_changed), &log);
  g_signal_connect (desk, "problem", G_CALLBACK (on_problem), &log);
  g_signal_connect (desk, "problem-gone", G_CALLBACK (on_problem_gone), &log);
  ds_desk_set_interval (desk, DS_SERVICE_SLACK, 3);

  /* No profile: the demo, in its own database; its story brings items. */
  ds_desk_use (desk, "");
  said = events (&log);
  g_assert_cmpstr (said, ==, "workspace-changed");
  g_clear_pointer (&said, g_free);
  g_assert_true (ds_desk_get_is_demo (desk));
  g_assert_true (g_str_has_suffix (ds_desk_get_store_path (desk), "/dayshift/demo.db"));
  g_assert_true (ds_workspace_get_is_demo (ds_desk_get_workspace (desk)));
  spin_until (has_items, desk);
  g_assert_true (has_items (desk));

  /* What the user does: kept with its writes, and the outbox says so. */
  item = g_list_model_get_item (G_LIST_MODEL (ds_desk_get_inbox (desk)), 0);
  g_object_unref (item);
  g_signal_connect (ds_desk_get_store (desk), "outbox-changed", G_CALLBACK (on_outbox_changed),
                    told);
  {
    DsActionTexts texts = { "eyes", NULL, NULL, NULL };
    g_autoptr(GPtrArray) writes = ds_actions_acknowledge (item, &texts);

    if (ds_item_get_state (item) == DS_ITEM_STATE_NEW)
      {
        g_assert_true (ds_desk_perform (desk, item, DS_ITEM_STATE_ACKNOWLEDGED, writes, NULL,
                                        &error));
        g_assert_no_error (error);
        g_assert_cmpint (ds_item_get_state (item), ==, DS_ITEM_STATE_ACKNOWLEDGED);
        if (writes != NULL && writes->len > 0)
          {
            g_assert_cmpuint (told->len, ==, 1);
            g_assert_cmpstr (told->pdata[0], ==, ds_item_get_id (item));
          }
        /* Again: done already, nothing written twice. */
        g_assert_true (ds_desk_perform (desk, item, DS_ITEM_STATE_ACKNOWLEDGED, NULL, NULL,
                                        &error));
        g_assert_cmpuint (told->len, <=, 1);
      }
  }

  /* A team profile that cannot be read: the team's own database and
   * workspace, the failure said and kept. */
  ds_desk_use (desk, "/nonexistent/team.json");
  said = events (&log);
  g_assert_cmpstr (said, ==, "switching, workspace-changed, problem profile");
  g_clear_pointer (&said, g_free);
  g_assert_false (ds_desk_get_is_demo (desk));
  g_assert_true (g_str_has_suffix (ds_desk_get_store_path (desk), "/dayshift/dayshift.db"));
  g_assert_nonnull (strstr (ds_desk_get_profile_error (desk), "/nonexistent/team.json"));
  g_assert_false (has_items (desk));

  /* Back to the demo: its items, where it left off; the failure went with
   * the team's workspace. */
  ds_desk_use (desk, "");
  said = events (&log);
  g_assert_cmpstr (said, ==, "switching, workspace-changed");
  g_clear_pointer (&said, g_free);
  g_assert_null (ds_desk_get_profile_error (desk));
  g_assert_true (has_items (desk));
  g_assert_true (g_str_has_suffix (ds_desk_get_store_path (desk), "/dayshift/demo.db"));

  g_ptr_array_unref (log.events);
}

static void
on_checked (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GPtrArray **rows = user_data;
  g_autoptr(GError) error = NULL;

  *rows = ds_setup_check_run_finish (DS_SETUP_CHECK (source), result, &error);
  g_assert_no_error (error);
}

static void
test_setup_check (void)
{
  g_autoptr(DsDesk) desk = ds_desk_new ();
  g_autoptr(DsSetupCheck) check = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ds-desk-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "team.json", NULL);
  /* An address no other profile has: the check must be of this one. */
  const char *json =
    "{\"version\": 1, \"name\": \"T\", \"github\": {\"api_url\": "
    "\"http://127.0.0.1:9/desk-gh\", \"org\": \"acme\", \"team\": \"devops\", "
    "\"repo\": \"acme/ops\"}, \"super_epics\": [{\"name\": \"E\", \"issue\": "
    "\"acme/ops#1\", \"kinds\": [\"request\"]}], \"teammates\": [{\"name\": \"A\", "
    "\"github\": \"a\"}]}";
  DsCheckRow *token = NULL;

  /* The demo needs no setup. */
  ds_desk_use (desk, "");
  check = ds_desk_new_setup_check (desk, &error);
  g_assert_null (check);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "demo"));
  g_clear_error (&error);

  /* A profile that was not loaded: nothing to check, and why. */
  ds_desk_use (desk, "/nonexistent/team.json");
  check = ds_desk_new_setup_check (desk, &error);
  g_assert_null (check);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "/nonexistent/team.json"));
  g_clear_error (&error);

  /* The profile in force: its address is the one checked. */
  g_assert_true (g_file_set_contents (path, json, -1, NULL));
  ds_desk_use (desk, path);
  g_assert_null (ds_desk_get_profile_error (desk));
  check = ds_desk_new_setup_check (desk, &error);
  g_assert_no_error (error);
  g_assert_nonnull (check);
  ds_setup_check_set_use_keyring (check, FALSE);
  ds_setup_check_run_async (check, NULL, on_checked, &rows);
  while (rows == NULL)
    g_main_context_iteration (NULL, TRUE);
  for (guint i = 0; i < rows->len; i++)
    if (g_str_equal (((DsCheckRow *)rows->pdata[i])->id, "github.token"))
      token = rows->pdata[i];
  g_assert_nonnull (token);
  g_assert_cmpint (token->state, ==, DS_CHECK_FAILED);
  g_assert_nonnull (strstr (token->detail, "http://127.0.0.1:9/desk-gh"));

  g_unlink (path);
  g_rmdir (dir);
}

static void
on_tokens (gboolean *looked_up)
{
  *looked_up = TRUE;
}

/* No keyring on the bus: the services the profile reads are said unread
 * until the keyring answers, with when Dayshift asks it again; not as
 * having no token saved. */
static void
test_keyring_unread (void)
{
  g_autoptr(DsDesk) desk = ds_desk_new ();
  g_autofree char *dir = g_dir_make_tmp ("ds-desk-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "team.json", NULL);
  g_autofree char *unread = NULL;
  g_autofree char *said = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) soon = NULL;
  g_autofree char *at = NULL, *later = NULL;
  const char *json =
    "{\"version\": 1, \"name\": \"T\", \"github\": {\"api_url\": "
    "\"http://127.0.0.1:9/desk-gh\", \"org\": \"acme\", \"team\": \"devops\", "
    "\"repo\": \"acme/ops\"}, \"super_epics\": [{\"name\": \"E\", \"issue\": "
    "\"acme/ops#1\", \"kinds\": [\"request\"]}], \"teammates\": [{\"name\": \"A\", "
    "\"github\": \"a\"}]}";
  Log log = { g_ptr_array_new_with_free_func (g_free) };
  gboolean looked_up = FALSE;

  g_signal_connect (desk, "problem", G_CALLBACK (on_problem), &log);
  g_signal_connect (desk, "problem-gone", G_CALLBACK (on_problem_gone), &log);
  g_assert_true (g_file_set_contents (path, json, -1, NULL));
  ds_desk_use (desk, path);
  g_assert_null (ds_desk_get_profile_error (desk));
  g_signal_connect_swapped (ds_desk_get_workspace (desk), "tokens", G_CALLBACK (on_tokens),
                            &looked_up);
  while (!looked_up)
    g_main_context_iteration (NULL, TRUE);

  said = events (&log);
  g_assert_cmpstr (said, ==, "problem Dayshift could not read a token");
  unread = ds_desk_dup_unread (desk);
  /* The next try is 30 s away: this minute's clock or the next's. */
  now = g_date_time_new_now_local ();
  soon = g_date_time_add_seconds (now, 31);
  at = g_date_time_format (now, "%H:%M");
  later = g_date_time_format (soon, "%H:%M");
  g_test_message ("%s", unread);
  g_assert_true (g_str_has_prefix (unread, "GitHub not read until the keyring answers: Dayshift "
                                           "asks it again at "));
  g_assert_true (g_str_has_suffix (unread, at) || g_str_has_suffix (unread, later));
  g_assert_null (strstr (unread, "no token saved"));

  g_ptr_array_unref (log.events);
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ds/desk/turns", test_turns);
  g_test_add_func ("/ds/desk/setup-check", test_setup_check);
  g_test_add_func ("/ds/desk/keyring-unread", test_keyring_unread);
  return g_test_run ();
}
