/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-desk"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ds-desk.h"
#include "ds-error.h"

/* The rotation's desk, below any window: what Dayshift does whatever shows
 * it. It owns the workspace in force and its life: the inbox, the database
 * (the demo keeps its own), the workspace that reads the services, the demo
 * world while the demo runs; the team profile chosen or the demo, switched
 * without a restart; a profile that fails, said and kept until one loads.
 * It performs what the user does to an item: the state change and the
 * writes it implies, in one transaction (the store then tells the sender).
 *
 * Signals:
 *  - switching: the workspace in force is about to go (its items with it)
 *  - workspace-changed: another workspace is in force (a new store, a new
 *    DsWorkspace): connect to it here, before it starts reading
 *  - problem (key, summary, detail): something the user must know; a
 *    second one with the same key replaces the first
 *  - problem-gone (key): what caused it has gone
 *  - changed: the profile in force, its error or its tokens changed
 *
 * Problems are keyed by what they are about: "store", "demo", "profile",
 * or the workspace's own (its summary), so that each goes when its cause
 * does, and all of them with the workspace they were about. */

struct _DsDesk
{
  GObject       parent_instance;

  DsInbox      *inbox;
  DsStore      *store;          /* NULL when the database could not be opened */
  char         *store_path;
  char         *store_error;    /* why, naming the file and what to do */
  char         *startup_problem;
  DsWorkspace  *workspace;
  DsDemo       *demo_world;     /* while the demo runs */
  char         *location;       /* the team profile's location; "" for the demo */
  char         *profile_error;  /* why the chosen profile is not in force */
  gboolean      demo;
  gboolean      started;
  gboolean      online;
  char         *github_url;
  guint         intervals[DS_N_SERVICES];
  guint         follow_age;
};

G_DEFINE_FINAL_TYPE (DsDesk, ds_desk, G_TYPE_OBJECT)

enum { SWITCHING, WORKSPACE_CHANGED, PROBLEM, PROBLEM_GONE, CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
problem (DsDesk     *self,
         const char *key,
         const char *summary,
         const char *detail)
{
  g_signal_emit (self, signals[PROBLEM], 0, key, summary, detail);
}

/* The database of the workspace in force, its items into the inbox. */
static void
open_store (DsDesk *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;

  g_free (self->store_path);
  self->store_path = ds_store_default_path (self->demo);
  self->store = ds_store_open (self->store_path, &error);
  if (self->store == NULL && g_error_matches (error, DS_ERROR, DS_ERROR_STORE_CORRUPT))
    {
      /* The damaged file was moved aside: say so, and go on with a new one. */
      self->startup_problem = g_strdup (error->message);
      g_clear_error (&error);
      self->store = ds_store_open (self->store_path, &error);
    }
  if (self->store == NULL)
    {
      self->store_error = g_strdup (error->message);
      g_free (self->startup_problem);
      self->startup_problem = g_strdup_printf (_("%s Until then Dayshift shows what arrives, "
                                                 "but cannot keep what you do with it."),
                                               error->message);
      return;
    }
  items = ds_store_load_items (self->store, &error);
  if (items == NULL)
    {
      g_free (self->startup_problem);
      self->startup_problem = g_strdup (error->message);
      return;
    }
  for (guint i = 0; i < items->len; i++)
    ds_inbox_add (self->inbox, g_ptr_array_index (items, i));
}

static void
on_workspace_problem (DsWorkspace *workspace,
                      const char  *summary,
                      const char  *detail,
                      DsDesk      *self)
{
  problem (self, summary, summary, detail);
}

/* What the workspace said is over (the keyring answered at last). */
static void
on_workspace_problem_gone (DsWorkspace *workspace,
                           const char  *summary,
                           DsDesk      *self)
{
  g_signal_emit (self, signals[PROBLEM_GONE], 0, summary);
}

static void
on_profile_error (DsWorkspace *workspace,
                  const char  *detail,
                  DsDesk      *self)
{
  g_free (self->profile_error);
  self->profile_error = g_strdup (detail);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* A profile is in force: what went wrong before is past. */
static void
on_workspace_changed (DsDesk *self)
{
  if (self->profile_error != NULL)
    {
      g_clear_pointer (&self->profile_error, g_free);
      g_signal_emit (self, signals[PROBLEM_GONE], 0, "profile");
    }
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_tokens (DsDesk *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
create_workspace (DsDesk *self)
{
  self->workspace = ds_workspace_new (self->inbox, self->store);
  if (self->github_url != NULL)
    ds_workspace_set_github_url (self->workspace, self->github_url);
  for (DsService s = 0; s < DS_N_SERVICES; s++)
    if (self->intervals[s] > 0)
      ds_workspace_set_interval (self->workspace, s, self->intervals[s]);
  if (self->follow_age > 0)
    ds_workspace_set_follow_age (self->workspace, self->follow_age);
  ds_workspace_set_online (self->workspace, self->online);
  g_signal_connect_object (self->workspace, "problem", G_CALLBACK (on_workspace_problem), self,
                           0);
  g_signal_connect_object (self->workspace, "problem-gone",
                           G_CALLBACK (on_workspace_problem_gone), self, 0);
  g_signal_connect_object (self->workspace, "changed", G_CALLBACK (on_workspace_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->workspace, "tokens", G_CALLBACK (on_tokens), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->workspace, "profile-error", G_CALLBACK (on_profile_error),
                           self, 0);
}

/* The demo world: Slack, GitHub, PagerDuty and ZenHub on this computer,
 * telling a morning on the rotation; the workspace runs against it as
 * against the real services. The story's start is kept in the demo's
 * database, so that a restart goes on with it. */
static gboolean
start_demo_world (DsDesk  *self,
                  GError **error)
{
  g_autofree char *json = NULL;
  g_autofree char *started = NULL;
  g_autoptr(DsTeamProfile) profile = NULL;
  gint64 epoch = 0;

  self->demo_world = ds_demo_new ();
  if (!ds_demo_start (self->demo_world, error))
    return FALSE;
  if (self->store != NULL)
    started = ds_store_get_meta (self->store, "demo-story-start", NULL);
  if (started != NULL)
    epoch = g_ascii_strtoll (started, NULL, 10);
  if (epoch <= 0)
    {
      g_autofree char *value = NULL;

      epoch = g_get_real_time () / G_USEC_PER_SEC;
      value = g_strdup_printf ("%" G_GINT64_FORMAT, epoch);
      if (self->store != NULL)
        (void)ds_store_set_meta (self->store, "demo-story-start", value, NULL);
    }
  ds_demo_run_story (self->demo_world, epoch);
  json = ds_demo_dup_profile_json (self->demo_world);
  profile = ds_team_profile_new_from_data (json, strlen (json), "demo", error);
  return profile != NULL &&
         ds_workspace_start_demo (self->workspace, profile, DS_DEMO_TOKEN, error);
}

static void
load_profile (DsDesk *self)
{
  g_autoptr(GError) error = NULL;
  gboolean had_error = self->profile_error != NULL;

  g_clear_pointer (&self->profile_error, g_free);
  if (self->demo)
    {
      if (!start_demo_world (self, &error))
        problem (self, "demo", _("The demo workspace did not start"), error->message);
      return;
    }
  if (!ds_workspace_load_profile (self->workspace, self->location, &error))
    {
      self->profile_error = g_strdup (error->message);
      problem (self, "profile", _("The team profile was not loaded"), error->message);
      return;
    }
  if (had_error)
    g_signal_emit (self, signals[PROBLEM_GONE], 0, "profile");
}

/* The workspace in force goes, its database closed, its items out of the
 * inbox; the new one opens its database and starts. */
static void
switch_to (DsDesk   *self,
           gboolean  demo)
{
  if (self->started)
    g_signal_emit (self, signals[SWITCHING], 0);
  if (self->workspace != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->workspace, self);
      g_object_run_dispose (G_OBJECT (self->workspace));
      g_clear_object (&self->workspace);
    }
  g_clear_object (&self->demo_world);
  ds_inbox_clear (self->inbox);
  g_clear_object (&self->store);
  g_clear_pointer (&self->store_error, g_free);
  g_clear_pointer (&self->startup_problem, g_free);
  g_clear_pointer (&self->profile_error, g_free);

  self->demo = demo;
  self->started = TRUE;
  open_store (self);
  create_workspace (self);
  /* Whoever shows the desk lets go of the old workspace and takes this one
   * before it reads anything; what was said of the old one goes. */
  g_signal_emit (self, signals[WORKSPACE_CHANGED], 0);
  if (self->startup_problem != NULL)
    problem (self, "store", _("Dayshift needs your attention"), self->startup_problem);
  load_profile (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

/**
 * ds_desk_use:
 * @location: a team profile (a file, or owner/repo:path on GitHub); "" for
 *   the demo
 *
 * Puts the profile in force: at the first call, or when the demo and a team
 * take turns, with its own workspace and database; else the same workspace
 * reads the profile again (a file mended, another chosen).
 */
void
ds_desk_use (DsDesk     *self,
             const char *location)
{
  gboolean demo;

  g_return_if_fail (DS_IS_DESK (self));
  g_return_if_fail (location != NULL);

  demo = *location == '\0';
  g_free (self->location);
  self->location = g_strdup (location);
  if (!self->started || demo != self->demo)
    switch_to (self, demo);
  else
    {
      load_profile (self);
      g_signal_emit (self, signals[CHANGED], 0);
    }
}

/**
 * ds_desk_perform:
 * @writes: (nullable) (element-type DsOutboxEntry): what to send for it
 * @note: (nullable): kept in the item's history
 *
 * Moves @item to @to, saving it and the writes it implies in one
 * transaction; the store then tells the sender. Doing again what is done
 * (acknowledging what is acknowledged) succeeds and writes nothing. What
 * cannot be kept is not done: without a database, the error says why.
 */
gboolean
ds_desk_perform (DsDesk       *self,
                 DsItem       *item,
                 DsItemState   to,
                 GPtrArray    *writes,
                 const char   *note,
                 GError      **error)
{
  g_return_val_if_fail (DS_IS_DESK (self), FALSE);
  g_return_val_if_fail (DS_IS_ITEM (item), FALSE);

  if (ds_item_get_state (item) == to && !ds_item_can_transition (to, to))
    return TRUE;
  if (self->store == NULL)
    {
      g_set_error_literal (error, DS_ERROR, DS_ERROR_STORE_IO, self->store_error);
      return FALSE;
    }
  return ds_store_transition_full (self->store, item, to, "me", note, writes, error);
}

/**
 * ds_desk_record:
 * @writes: (nullable) (element-type DsOutboxEntry): what to send for it
 *
 * Keeps in @item's history something done that changes no state, with the
 * writes it implies, in one transaction.
 */
gboolean
ds_desk_record (DsDesk      *self,
                DsItem      *item,
                const char  *note,
                GPtrArray   *writes,
                GError     **error)
{
  g_return_val_if_fail (DS_IS_DESK (self), FALSE);

  if (self->store == NULL)
    {
      g_set_error_literal (error, DS_ERROR, DS_ERROR_STORE_IO, self->store_error);
      return FALSE;
    }
  return ds_store_record (self->store, item, "me", note, writes, error);
}

/* Settings that outlive a workspace: applied to the one in force, and to
 * every one after it. */
void
ds_desk_set_github_url (DsDesk     *self,
                        const char *url)
{
  g_return_if_fail (DS_IS_DESK (self));

  g_free (self->github_url);
  self->github_url = g_strdup (url);
  if (self->workspace != NULL)
    ds_workspace_set_github_url (self->workspace, url);
}

void
ds_desk_set_interval (DsDesk    *self,
                      DsService  service,
                      guint      seconds)
{
  g_return_if_fail (DS_IS_DESK (self));
  g_return_if_fail (service < DS_N_SERVICES);

  self->intervals[service] = seconds;
  if (self->workspace != NULL)
    ds_workspace_set_interval (self->workspace, service, seconds);
}

void
ds_desk_set_follow_age (DsDesk *self,
                        guint   seconds)
{
  g_return_if_fail (DS_IS_DESK (self));

  self->follow_age = seconds;
  if (self->workspace != NULL)
    ds_workspace_set_follow_age (self->workspace, seconds);
}

void
ds_desk_set_online (DsDesk   *self,
                    gboolean  online)
{
  g_return_if_fail (DS_IS_DESK (self));

  self->online = online;
  if (self->workspace != NULL)
    ds_workspace_set_online (self->workspace, online);
}

/**
 * ds_desk_woke:
 * @asleep_since: when the computer went to sleep (Unix seconds)
 *
 * The computer woke up (DsWake): the workspace in force reads everything
 * at once, and what came in while it slept is caught up as a time away.
 */
void
ds_desk_woke (DsDesk *self,
              gint64  asleep_since)
{
  g_return_if_fail (DS_IS_DESK (self));

  if (self->workspace != NULL)
    ds_workspace_woke (self->workspace, asleep_since);
}

DsInbox *
ds_desk_get_inbox (DsDesk *self)
{
  g_return_val_if_fail (DS_IS_DESK (self), NULL);
  return self->inbox;
}

/* Returns: (nullable): the database in force, %NULL when it could not be opened */
DsStore *
ds_desk_get_store (DsDesk *self)
{
  g_return_val_if_fail (DS_IS_DESK (self), NULL);
  return self->store;
}

const char *
ds_desk_get_store_path (DsDesk *self)
{
  g_return_val_if_fail (DS_IS_DESK (self), NULL);
  return self->store_path;
}

const char *
ds_desk_get_store_error (DsDesk *self)
{
  g_return_val_if_fail (DS_IS_DESK (self), NULL);
  return self->store_error;
}

DsWorkspace *
ds_desk_get_workspace (DsDesk *self)
{
  g_return_val_if_fail (DS_IS_DESK (self), NULL);
  return self->workspace;
}

gboolean
ds_desk_get_is_demo (DsDesk *self)
{
  g_return_val_if_fail (DS_IS_DESK (self), FALSE);
  return self->demo;
}

const char *
ds_desk_get_location (DsDesk *self)
{
  g_return_val_if_fail (DS_IS_DESK (self), NULL);
  return self->location != NULL ? self->location : "";
}

const char *
ds_desk_get_profile_error (DsDesk *self)
{
  g_return_val_if_fail (DS_IS_DESK (self), NULL);
  return self->profile_error;
}

const char *
ds_desk_get_startup_problem (DsDesk *self)
{
  g_return_val_if_fail (DS_IS_DESK (self), NULL);
  return self->startup_problem;
}

/**
 * ds_desk_dup_unread:
 *
 * Returns: (transfer full) (nullable): what is not read, and why, in a few
 *   words ("Nothing is read: the team profile was not loaded"), or %NULL
 *   when every service the profile names is read (or the demo runs)
 */
char *
ds_desk_dup_unread (DsDesk *self)
{
  g_autofree char *no_token = NULL;
  g_autofree char *keyring = NULL;
  guint missing, failed;
  gint64 retry_at = 0;

  g_return_val_if_fail (DS_IS_DESK (self), NULL);

  if (self->demo || self->workspace == NULL)
    return NULL;
  if (self->profile_error != NULL || ds_workspace_get_profile (self->workspace) == NULL)
    return g_strdup (_("Nothing is read: the team profile was not loaded"));
  missing = ds_workspace_get_missing_tokens (self->workspace);
  failed = ds_workspace_get_keyring_unread (self->workspace, &retry_at);
  /* ZenHub is written to, not read: its missing token is said where the
   * tokens are (the window's notice, Settings), not as something unread. */
  for (DsService s = 0; s < DS_N_SERVICES; s++)
    if (!ds_service_info (s)->read)
      missing &= ~(1u << s);
  if (missing != 0)
    {
      g_autofree char *names = ds_service_join_labels (missing);

      /* Translators: "GitHub and Slack not read: no token saved" */
      no_token = g_strdup_printf (_("%s not read: no token saved"), names);
    }
  if (failed != 0)
    {
      g_autofree char *names = ds_service_join_labels (failed);
      g_autoptr(GDateTime) at = retry_at > 0 ? g_date_time_new_from_unix_local (retry_at) : NULL;
      g_autofree char *clock = at != NULL ? g_date_time_format (at, "%H:%M") : NULL;

      keyring = clock != NULL
        /* Translators: "GitHub and Slack not read until the keyring answers: Dayshift asks it
         * again at 14:05" */
        ? g_strdup_printf (_("%s not read until the keyring answers: Dayshift asks it again "
                             "at %s"), names, clock)
        /* Translators: "GitHub and Slack not read until the keyring answers" */
        : g_strdup_printf (_("%s not read until the keyring answers"), names);
    }
  if (no_token != NULL && keyring != NULL)
    /* Translators: two of the lines above, said together */
    return g_strdup_printf (_("%s; %s"), no_token, keyring);
  return no_token != NULL ? g_steal_pointer (&no_token) : g_steal_pointer (&keyring);
}

/**
 * ds_desk_new_setup_check:
 *
 * The setup check of the team profile in force, as the workspace read it
 * (a profile kept on GitHub is not fetched again), with the tokens the
 * keyring holds for its addresses.
 *
 * Returns: (transfer full) (nullable): the check, not yet run; %NULL in the
 *   demo, which needs no setup, or while no team profile is in force, with
 *   @error saying so
 */
DsSetupCheck *
ds_desk_new_setup_check (DsDesk  *self,
                         GError **error)
{
  DsTeamProfile *profile;
  DsSetupCheck *check;

  g_return_val_if_fail (DS_IS_DESK (self), NULL);

  if (self->demo)
    {
      g_set_error_literal (error, DS_ERROR, DS_ERROR_INVALID_ARGUMENT,
                           _("Dayshift runs the demo, which needs no setup. Choose your team "
                             "profile in Settings → Team, and check again."));
      return NULL;
    }
  profile = self->workspace != NULL ? ds_workspace_get_profile (self->workspace) : NULL;
  if (profile == NULL)
    {
      if (self->profile_error != NULL)
        g_set_error (error, DS_ERROR, DS_ERROR_PROFILE, _("The team profile was not loaded: %s"),
                     self->profile_error);
      else
        g_set_error_literal (error, DS_ERROR, DS_ERROR_PROFILE,
                             _("The team profile is still being read. Check again in a "
                               "moment."));
      return NULL;
    }
  check = ds_setup_check_new (profile);
  /* GitHub where the workspace reads it. */
  ds_setup_check_set_github_url (check, self->github_url);
  return check;
}

static void
ds_desk_dispose (GObject *object)
{
  DsDesk *self = (DsDesk *)object;

  if (self->workspace != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->workspace, self);
      g_object_run_dispose (G_OBJECT (self->workspace));
      g_clear_object (&self->workspace);
    }
  g_clear_object (&self->demo_world);
  g_clear_object (&self->store);
  g_clear_object (&self->inbox);

  G_OBJECT_CLASS (ds_desk_parent_class)->dispose (object);
}

static void
ds_desk_finalize (GObject *object)
{
  DsDesk *self = (DsDesk *)object;

  g_free (self->store_path);
  g_free (self->store_error);
  g_free (self->startup_problem);
  g_free (self->location);
  g_free (self->profile_error);
  g_free (self->github_url);

  G_OBJECT_CLASS (ds_desk_parent_class)->finalize (object);
}

static void
ds_desk_class_init (DsDeskClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ds_desk_dispose;
  object_class->finalize = ds_desk_finalize;

  signals[SWITCHING] =
    g_signal_new ("switching", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
  signals[WORKSPACE_CHANGED] =
    g_signal_new ("workspace-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 0);
  signals[PROBLEM] =
    g_signal_new ("problem", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING);
  signals[PROBLEM_GONE] =
    g_signal_new ("problem-gone", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
ds_desk_init (DsDesk *self)
{
  self->inbox = ds_inbox_new ();
  self->online = TRUE;
}

DsDesk *
ds_desk_new (void)
{
  return g_object_new (DS_TYPE_DESK, NULL);
}
