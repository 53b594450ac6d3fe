/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-workspace"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ds-github.h"
#include "ds-pagerduty.h"
#include "ds-rotation.h"
#include "ds-secrets.h"
#include "ds-sender.h"
#include "ds-slack.h"
#include "ds-slack-socket.h"
#include "ds-profile-location.h"
#include "ds-readers.h"
#include "ds-workspace-private.h"

/* Everything that turns a team profile and the user's tokens into a
 * running inbox: the HTTP layer, a source per service the user has a token
 * for, and the poller. A new profile (the file changed) replaces the
 * sources; a profile that does not load leaves the running one in force
 * and says why ("problem" signal). A token saved or a poll interval changed
 * applies to the running HTTP layer and sources instead: nothing the
 * services answered is forgotten. The demo workspace is the same, with the
 * built-in loopback services and their demo tokens. */


G_DEFINE_FINAL_TYPE (DsWorkspace, ds_workspace, G_TYPE_OBJECT)

enum
{
  SIGNAL_PROBLEM,
  SIGNAL_PROBLEM_GONE,
  SIGNAL_CHANGED,
  SIGNAL_SHIFT,
  SIGNAL_STALE,
  SIGNAL_WAITING,
  SIGNAL_NEW_ITEM,
  SIGNAL_WRITE_FAILED,
  SIGNAL_TOKENS,
  SIGNAL_PROFILE_ERROR,
  SIGNAL_TIME_AWAY,
  SIGNAL_CAUGHT_UP,
  SIGNAL_HANDOFFS,
  SIGNAL_HANDED_IN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

void
_ds_workspace_problem (DsWorkspace *self,
                       const char  *summary,
                       const char  *detail)
{
  g_signal_emit (self, signals[SIGNAL_PROBLEM], 0, summary, detail);
}

/* The problem said with @summary is over. */
void
_ds_workspace_problem_gone (DsWorkspace *self,
                            const char  *summary)
{
  g_signal_emit (self, signals[SIGNAL_PROBLEM_GONE], 0, summary);
}

/* The team profile could not be loaded: said as a problem, and to whoever
 * shows the profile's state. */
void
_ds_workspace_profile_problem (DsWorkspace *self,
                               const char  *summary,
                               const char  *detail)
{
  g_signal_emit (self, signals[SIGNAL_PROFILE_ERROR], 0, detail);
  _ds_workspace_problem (self, summary, detail);
}

void
_ds_workspace_emit_stale (DsWorkspace *self,
                          DsService    service,
                          gboolean     stale,
                          gint64       since)
{
  g_signal_emit (self, signals[SIGNAL_STALE], 0, ds_service_info (service)->id, stale, since);
}

void
_ds_workspace_emit_waiting (DsWorkspace *self,
                            DsService    service,
                            gint64       until)
{
  g_signal_emit (self, signals[SIGNAL_WAITING], 0, ds_service_info (service)->id, until);
}

void
_ds_workspace_emit_time_away (DsWorkspace *self,
                              gint64       since,
                              gint64       until)
{
  g_signal_emit (self, signals[SIGNAL_TIME_AWAY], 0, since, until);
}

void
_ds_workspace_emit_caught_up (DsWorkspace *self,
                              gint64       since,
                              gint64       until)
{
  g_signal_emit (self, signals[SIGNAL_CAUGHT_UP], 0, since, until);
}

void
_ds_workspace_emit_tokens (DsWorkspace *self)
{
  g_signal_emit (self, signals[SIGNAL_TOKENS], 0);
}

void
_ds_workspace_emit_shift (DsWorkspace *self,
                          gint64       start,
                          gint64       end,
                          const char  *next_person)
{
  g_signal_emit (self, signals[SIGNAL_SHIFT], 0, start, end, next_person);
}

/* How often Slack is read. With Socket Mode up, events say when to read:
 * polling becomes a slow safety net. Without it, polling is the watch, at
 * slack-poll-interval on rotation. Off rotation only what is asked of the
 * user is notified (ds-notify-policy.c), which can wait a few minutes; and
 * a team sharing one Slack app shares its budget for reading messages
 * (conversations.history, Tier 3: about 50 calls a minute for the app), so
 * those off rotation leave it to the person on rotation. With six channels,
 * seven teammates off rotation read 7 × 6 / 5 = 8.4 times a minute (84
 * every 30 s), nineteen 23, and the person on rotation 0.6 (the safety net)
 * besides the reads events ask for. */
#define SAFETY_NET_INTERVAL   (10 * 60)
#define OFF_ROTATION_INTERVAL (5 * 60)

/**
 * ds_workspace_slack_interval:
 * @setting: slack-poll-interval, in seconds
 * @realtime: whether Socket Mode is up
 * @on_rotation: whether the user's rotation is on
 *
 * Returns: the seconds between reads of Slack
 */
guint
ds_workspace_slack_interval (guint    setting,
                             gboolean realtime,
                             gboolean on_rotation)
{
  if (realtime)
    return MAX (setting, SAFETY_NET_INTERVAL);
  if (!on_rotation)
    return MAX (setting, OFF_ROTATION_INTERVAL);
  return setting;
}

static void
plan_slack (DsWorkspace *self)
{
  DsSource *slack = self->sources[DS_SERVICE_SLACK];
  gboolean up = ds_workspace_get_realtime (self);
  guint interval = ds_workspace_slack_interval (self->slack_interval, up, self->on_rotation);

  if (slack == NULL || self->slack_interval == 0)
    return;
  g_debug ("Socket Mode %s, %s rotation: Slack read every %u s", up ? "up" : "down",
           self->on_rotation ? "on" : "off", interval);
  ds_source_set_interval (slack, interval);
}

void
_ds_workspace_stop_socket (DsWorkspace *self)
{
  if (self->socket == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self->socket, self);
  ds_slack_socket_stop (self->socket);
  g_clear_object (&self->socket);
  plan_slack (self);
}

/* Something happened in Slack: a message an event carries is taken in at
 * once, whatever the budget for reading messages has left; what the event
 * names (its channel, a reaction's message, a thread) is read now rather
 * than at the next poll (ds_slack_source_take_event()). */
static void
on_socket_event (DsSlackSocket *socket,
                 const char    *type,
                 JsonNode      *payload,
                 DsWorkspace   *self)
{
  DsJsonScope scope = { _("Slack"), "Socket Mode" };
  DsSource *slack = self->sources[DS_SERVICE_SLACK];
  g_autoptr(DsSlackEvent) event = NULL;
  g_autoptr(GError) error = NULL;

  if (slack == NULL || g_strcmp0 (type, "events_api") != 0)
    return;
  event = ds_slack_parse_event (payload, &scope, &error);
  if (event == NULL)
    {
      g_debug ("Ignoring a Slack event Dayshift cannot read: %s", error->message);
      return;
    }
  g_debug ("Socket Mode: news in %s%s%s", event->channel != NULL ? event->channel : "Slack",
           event->ts != NULL ? " on " : "", event->ts != NULL ? event->ts : "");
  if (ds_slack_source_take_event (slack, event))
    ds_poller_poll_source (self->poller, slack);
}

static void
on_socket_state (DsSlackSocket *socket,
                 GParamSpec    *pspec,
                 DsWorkspace   *self)
{
  plan_slack (self);
}

void
_ds_workspace_start_socket (DsWorkspace *self)
{
  if (self->sources[DS_SERVICE_SLACK] == NULL || self->socket != NULL || !self->realtime_wanted ||
      !self->socket_mode)
    return;
  self->socket = ds_slack_socket_new (self->http);
  g_signal_connect (self->socket, "event", G_CALLBACK (on_socket_event), self);
  g_signal_connect (self->socket, "notify::state", G_CALLBACK (on_socket_state), self);
  ds_slack_socket_start (self->socket);
}

/**
 * ds_workspace_set_realtime_wanted:
 *
 * Whether to connect Socket Mode (when a Slack app token is saved). Slack
 * gives each event to one of an app's connections: with a team sharing one
 * app, only the person on rotation should connect.
 */
void
ds_workspace_set_realtime_wanted (DsWorkspace *self,
                                  gboolean     wanted)
{
  g_return_if_fail (DS_IS_WORKSPACE (self));

  wanted = !!wanted;
  if (self->realtime_wanted == wanted)
    return;
  self->realtime_wanted = wanted;
  if (!wanted)
    _ds_workspace_stop_socket (self);
  else if (self->poller != NULL && self->pending_tokens == 0)
    _ds_workspace_start_socket (self);
}

/**
 * ds_workspace_set_on_rotation:
 *
 * Whether the user's rotation is on: off rotation, Slack is read less
 * often (ds_workspace_slack_interval()). %TRUE until told.
 */
void
ds_workspace_set_on_rotation (DsWorkspace *self,
                              gboolean     on_rotation)
{
  g_return_if_fail (DS_IS_WORKSPACE (self));

  on_rotation = !!on_rotation;
  if (self->on_rotation == on_rotation)
    return;
  self->on_rotation = on_rotation;
  plan_slack (self);
}

static void
reset_sources (DsWorkspace *self)
{
  g_clear_handle_id (&self->shift_timer, g_source_remove);
  _ds_workspace_stop_socket (self);
  memset (self->sources, 0, sizeof self->sources);
  self->socket_mode = FALSE;
  if (self->poller != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->poller, self);
      ds_poller_stop (self->poller);
    }
  g_clear_object (&self->poller);
  _ds_workspace_forget_all_stale (self);
  if (self->sender != NULL)
    ds_sender_set_http (self->sender, NULL);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_clear_object (&self->http);
  self->http = ds_http_new ();
  self->poller = ds_poller_new (self->http);
  ds_poller_set_online (self->poller, self->online);
  g_signal_connect (self->poller, "polled", G_CALLBACK (_ds_workspace_on_polled), self);
  g_signal_connect (self->poller, "stale-changed", G_CALLBACK (_ds_workspace_on_stale_changed),
                    self);
  g_signal_connect (self->poller, "caught-up", G_CALLBACK (_ds_workspace_on_caught_up), self);
}

static gboolean
set_base_urls (DsWorkspace  *self,
               GError      **error)
{
  for (DsService s = 0; s < DS_N_SERVICES; s++)
    {
      const char *url = ds_team_profile_api_url (self->profile, s, self->github_url);

      if (url != NULL && !ds_http_set_base_url (self->http, s, url, error))
        return FALSE;
    }
  return TRUE;
}

void
_ds_workspace_add_source (DsWorkspace *self,
                          DsService    service)
{
  const DsReader *reader = ds_reader (service);
  g_autoptr(DsSource) source = NULL;

  /* Read only what the profile gives something to read. */
  if (reader->new_source == NULL || !reader->needed (self->profile))
    return;
  source = reader->new_source (self->http, self->profile, self->ingest, self->store);
  if (self->demo_token != NULL)
    ds_source_set_interval (source, 3);
  else if (self->intervals[service] > 0)
    ds_source_set_interval (source, self->intervals[service]);
  if (service == DS_SERVICE_SLACK)
    {
      ds_slack_source_set_follow_age (source, self->follow_age);
      self->slack_interval = ds_source_get_interval (source);
    }
  self->sources[service] = source;
  ds_poller_add (self->poller, source);
}

/* @service is read no more (its token was taken out of the keyring). */
void
_ds_workspace_remove_source (DsWorkspace *self,
                             DsService    service)
{
  DsSource *source = self->sources[service];

  if (source == NULL)
    return;
  self->sources[service] = NULL;
  if (service == DS_SERVICE_SLACK)
    _ds_workspace_stop_socket (self);
  ds_poller_remove (self->poller, source);
  _ds_workspace_forget_stale (self, service);
}

gboolean
_ds_workspace_apply_profile (DsWorkspace    *self,
                             DsTeamProfile  *profile,
                             GError        **error)
{
  DsTeamProfile *previous = self->profile;

  self->profile = ds_team_profile_ref (profile);
  reset_sources (self);
  if (!set_base_urls (self, error))
    {
      /* The old profile stays in force. */
      ds_team_profile_unref (self->profile);
      self->profile = previous;
      if (previous != NULL)
        {
          g_autoptr(GError) again = NULL;
          reset_sources (self);
          set_base_urls (self, &again);
          _ds_workspace_start_with_tokens (self);
        }
      return FALSE;
    }
  g_clear_pointer (&previous, ds_team_profile_unref);

  if (self->demo_token != NULL)
    {
      for (DsService s = 0; s < DS_N_SERVICES; s++)
        {
          ds_http_set_token (self->http, s, self->demo_token);
          _ds_workspace_add_source (self, s);
        }
      ds_http_set_slack_app_token (self->http, self->demo_token);
      self->socket_mode = TRUE;
      ds_poller_start (self->poller);
      if (self->sender != NULL)
        ds_sender_set_http (self->sender, self->http);
      _ds_workspace_start_shift_watch (self);
      _ds_workspace_start_socket (self);
      _ds_workspace_read_handoffs_if_old (self);
    }
  else
    _ds_workspace_start_with_tokens (self);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
  return TRUE;
}

static void
on_new_item (DsIngest    *ingest,
             DsItem      *item,
             gboolean     notify,
             DsWorkspace *self)
{
  g_signal_emit (self, signals[SIGNAL_NEW_ITEM], 0, item, notify);
}

static void
on_write_failed (DsSender    *sender,
                 DsItem      *item,
                 const char  *message,
                 DsWorkspace *self)
{
  g_signal_emit (self, signals[SIGNAL_WRITE_FAILED], 0, item, message);
}

static void
ds_workspace_dispose (GObject *object)
{
  DsWorkspace *self = (DsWorkspace *)object;

  g_cancellable_cancel (self->cancellable);
  _ds_workspace_tokens_dispose (self);
  _ds_workspace_stop_socket (self);
  if (self->poller != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->poller, self);
      ds_poller_stop (self->poller);
    }
  g_clear_object (&self->poller);
  g_clear_object (&self->sender);
  g_clear_object (&self->http);
  g_clear_object (&self->monitor);
  g_clear_handle_id (&self->profile_timer, g_source_remove);
  g_clear_handle_id (&self->shift_timer, g_source_remove);
  g_clear_object (&self->profile_http);
  g_clear_pointer (&self->profile_repo, g_free);
  g_clear_pointer (&self->profile_file, g_free);
  g_clear_pointer (&self->github_url, g_free);
  g_clear_pointer (&self->last_errors, g_hash_table_unref);
  g_clear_pointer (&self->schedule_error, g_free);
  g_clear_pointer (&self->schedule, ds_pd_schedule_free);
  g_clear_pointer (&self->demo_token, g_free);
  g_clear_object (&self->ingest);
  g_clear_object (&self->inbox);
  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->profile, ds_team_profile_unref);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->handoffs_told, g_hash_table_unref);
  g_clear_pointer (&self->github_login, g_free);

  G_OBJECT_CLASS (ds_workspace_parent_class)->dispose (object);
}

static void
ds_workspace_class_init (DsWorkspaceClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = ds_workspace_dispose;

  /**
   * DsWorkspace::problem:
   * @summary: one line
   * @detail: what happened and what to do
   */
  signals[SIGNAL_PROBLEM] =
    g_signal_new ("problem", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
  /**
   * DsWorkspace::handoffs:
   *
   * The store has the handoffs read on the super-epics, or one was handed in.
   */
  signals[SIGNAL_HANDOFFS] =
    g_signal_new ("handoffs", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
  /**
   * DsWorkspace::handed-in:
   * @handoff: (type gpointer): the DsHandoff handed in at Start rotation
   */
  signals[SIGNAL_HANDED_IN] =
    g_signal_new ("handed-in", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_POINTER);
  /* A (new) profile is in force. */
  /**
   * DsWorkspace::shift:
   * @start: the user's current or next shift on the daytime layer (0: none)
   * @end: its end
   * @next_person: (nullable): who the layer has next, to hand over to
   */
  signals[SIGNAL_SHIFT] =
    g_signal_new ("shift", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_INT64, G_TYPE_INT64, G_TYPE_STRING);
  /**
   * DsWorkspace::stale:
   * @service: the service's id, e.g. "github" (ds_service_info_for_id())
   * @stale: whether it has gone unread too long (or is read again)
   * @since: when it was last read (Unix seconds)
   */
  signals[SIGNAL_STALE] =
    g_signal_new ("stale", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_BOOLEAN, G_TYPE_INT64);
  /**
   * DsWorkspace::waiting:
   * @service: the service's id, e.g. "github"
   * @until: when it may be read again (Unix seconds): the wait it asked for
   *
   * Check now cannot read @service before @until.
   */
  signals[SIGNAL_WAITING] =
    g_signal_new ("waiting", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_INT64);
  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
  /**
   * DsWorkspace::new-item:
   * @item: an item seen for the first time
   * @notify: whether it is one to tell the user about
   */
  signals[SIGNAL_NEW_ITEM] =
    g_signal_new ("new-item", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, DS_TYPE_ITEM, G_TYPE_BOOLEAN);
  /**
   * DsWorkspace::write-failed:
   * @item: (nullable): the item the write was about
   * @message: what failed, and what to do
   */
  signals[SIGNAL_WRITE_FAILED] =
    g_signal_new ("write-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 2, DS_TYPE_ITEM, G_TYPE_STRING);
  /**
   * DsWorkspace::tokens:
   *
   * Every token the profile needs was looked up in the keyring: see
   * ds_workspace_get_missing_tokens().
   */
  /**
   * DsWorkspace::profile-error:
   * @detail: why the team profile (or a new version of it) was not loaded
   */
  signals[SIGNAL_PROFILE_ERROR] =
    g_signal_new ("profile-error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[SIGNAL_TOKENS] =
    g_signal_new ("tokens", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
  /**
   * DsWorkspace::time-away:
   * @since: when Dayshift last read before it (Unix seconds)
   * @until: when it came back: started, woke up, came online
   *
   * A time nothing was read is being caught up (ds-workspace-away.c).
   */
  signals[SIGNAL_TIME_AWAY] =
    g_signal_new ("time-away", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_INT64);
  /**
   * DsWorkspace::caught-up:
   * @since: when the time away began
   * @until: when it ended
   *
   * Every source was read since: what came in while away is in the inbox.
   */
  signals[SIGNAL_CAUGHT_UP] =
    g_signal_new ("caught-up", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_INT64);
  /**
   * DsWorkspace::problem-gone:
   * @summary: the summary the problem was said with
   *
   * What the problem was about is over (the keyring answered at last).
   */
  signals[SIGNAL_PROBLEM_GONE] =
    g_signal_new ("problem-gone", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
ds_workspace_init (DsWorkspace *self)
{
  self->cancellable = g_cancellable_new ();
  self->online = TRUE;
  self->realtime_wanted = TRUE;
  self->on_rotation = TRUE;
  self->last_errors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->handoffs_told = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

DsWorkspace *
ds_workspace_new (DsInbox *inbox,
                  DsStore *store)
{
  DsWorkspace *self;

  g_return_val_if_fail (DS_IS_INBOX (inbox), NULL);

  self = g_object_new (DS_TYPE_WORKSPACE, NULL);
  self->inbox = g_object_ref (inbox);
  self->store = store != NULL ? g_object_ref (store) : NULL;
  self->ingest = ds_ingest_new (inbox, store);
  g_signal_connect_object (self->ingest, "new-item", G_CALLBACK (on_new_item), self, 0);
  if (store != NULL)
    {
      self->sender = ds_sender_new (store, inbox);
      ds_sender_set_online (self->sender, self->online);
      g_signal_connect_object (self->sender, "failed", G_CALLBACK (on_write_failed), self, 0);
    }
  _ds_workspace_away_init (self);
  return self;
}

/**
 * ds_workspace_start_demo:
 * @profile: the demo world's team profile (its addresses are on this computer)
 * @token: the demo world's token, for every service
 *
 * Runs against the demo world the application started: every service
 * with @token, without the keyring.
 */
gboolean
ds_workspace_start_demo (DsWorkspace    *self,
                         DsTeamProfile  *profile,
                         const char     *token,
                         GError        **error)
{
  g_return_val_if_fail (DS_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (profile != NULL && token != NULL, FALSE);

  g_free (self->demo_token);
  self->demo_token = g_strdup (token);
  return _ds_workspace_apply_profile (self, profile, error);
}

/**
 * ds_workspace_load_profile:
 * @path: a local team profile file, watched for changes from now on; or
 *   "owner/repo:path" for a file in a GitHub repository, read with the
 *   user's GitHub token and checked again every ten minutes
 *
 * Returns: %FALSE, with the profile in force unchanged, if @path does not
 *   hold a valid profile. A profile on GitHub is read in the background:
 *   %TRUE means it is being read; trouble comes as the "problem" signal.
 */
gboolean
ds_workspace_load_profile (DsWorkspace  *self,
                           const char   *path,
                           GError      **error)
{
  g_autoptr(GFile) file = NULL;

  g_return_val_if_fail (DS_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  g_free (self->path);
  self->path = g_strdup (path);
  g_clear_object (&self->monitor);
  g_clear_handle_id (&self->profile_timer, g_source_remove);
  g_clear_pointer (&self->profile_repo, g_free);
  g_clear_pointer (&self->profile_file, g_free);
  if (ds_profile_location_parse_github (path, &self->profile_repo, &self->profile_file))
    return _ds_workspace_load_from_github (self, error);

  file = g_file_new_for_path (path);
  self->monitor = g_file_monitor_file (file, G_FILE_MONITOR_NONE, NULL, NULL);
  if (self->monitor != NULL)
    g_signal_connect (self->monitor, "changed", G_CALLBACK (_ds_workspace_on_profile_changed), self);
  return _ds_workspace_load_file (self, path, error);
}

/**
 * ds_workspace_set_interval:
 * @seconds: between polls of @service; 0: the source's own
 *
 * Applies to the running source too: its next read is planned again (sooner
 * if the new interval says so, never before a wait the service asked for),
 * and nothing it read before is forgotten. The demo keeps its pace.
 */
void
ds_workspace_set_interval (DsWorkspace *self,
                           DsService    service,
                           guint        seconds)
{
  g_return_if_fail (DS_IS_WORKSPACE (self));
  g_return_if_fail (service < DS_N_SERVICES);

  self->intervals[service] = seconds;
  if (self->demo_token != NULL || seconds == 0 || self->sources[service] == NULL)
    return;
  if (service == DS_SERVICE_SLACK)
    {
      self->slack_interval = seconds;
      plan_slack (self);
    }
  else
    ds_source_set_interval (self->sources[service], seconds);
}

/* How long an open Slack request is followed until a teammate takes and
 * finishes it (seconds; 0: 36 hours). */
void
ds_workspace_set_follow_age (DsWorkspace *self,
                             guint        seconds)
{
  g_return_if_fail (DS_IS_WORKSPACE (self));

  self->follow_age = seconds;
  if (self->sources[DS_SERVICE_SLACK] != NULL)
    ds_slack_source_set_follow_age (self->sources[DS_SERVICE_SLACK], seconds);
}

/* The GitHub API address of the github-host setting (GitHub Enterprise):
 * where a team profile kept on GitHub is read, and GitHub is read for a
 * profile that names no address (ds_team_profile_api_url()). Set before
 * the profile is loaded. */
void
ds_workspace_set_github_url (DsWorkspace *self,
                             const char  *url)
{
  g_return_if_fail (DS_IS_WORKSPACE (self));

  g_free (self->github_url);
  self->github_url = g_strdup (url);
}

/* Whether Slack events come in real time (Socket Mode connected). */
gboolean
ds_workspace_get_realtime (DsWorkspace *self)
{
  g_return_val_if_fail (DS_IS_WORKSPACE (self), FALSE);
  return self->socket != NULL &&
         ds_slack_socket_get_state (self->socket) == DS_SLACK_SOCKET_CONNECTED;
}

gboolean
ds_workspace_get_is_demo (DsWorkspace *self)
{
  g_return_val_if_fail (DS_IS_WORKSPACE (self), FALSE);
  return self->demo_token != NULL;
}

DsIngest *
ds_workspace_get_ingest (DsWorkspace *self)
{
  g_return_val_if_fail (DS_IS_WORKSPACE (self), NULL);
  return self->ingest;
}

DsPoller *
ds_workspace_get_poller (DsWorkspace *self)
{
  g_return_val_if_fail (DS_IS_WORKSPACE (self), NULL);
  return self->poller;
}

/* Returns: (transfer none) (nullable): the profile in force */
/**
 * ds_workspace_get_sender:
 *
 * Returns: (transfer none) (nullable): what sends the outbox; %NULL when
 *   there is no store to keep it in
 */
DsSender *
ds_workspace_get_sender (DsWorkspace *self)
{
  g_return_val_if_fail (DS_IS_WORKSPACE (self), NULL);
  return self->sender;
}

DsTeamProfile *
ds_workspace_get_profile (DsWorkspace *self)
{
  g_return_val_if_fail (DS_IS_WORKSPACE (self), NULL);
  return self->profile;
}
