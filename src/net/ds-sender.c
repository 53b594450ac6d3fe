/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-sender"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ds-error.h"
#include "ds-github.h"
#include "ds-pagerduty.h"
#include "ds-sender-private.h"
#include "ds-slack.h"
#include "ds-writes.h"

/* Sends the outbox, one entry at a time, oldest first. An entry waits while
 * an earlier one for the same item is unfinished (the thread reply with the
 * link waits for the issue). A service that cannot take a write now (offline,
 * rate limited, failing) gets it again later, with back-off; one that refuses
 * it (a bad token, a missing channel, a validation error) gets it never
 * again, and the user is told once ("failed" signal).
 *
 * Writes that would show twice if repeated are checked first when an earlier
 * attempt may have arrived (the entry was "sending" when Dayshift stopped):
 * a thread reply is looked for in the thread, an issue by the entry's key,
 * which its body carries in an HTML comment. The other writes are the same
 * when repeated (a reaction, an assignee, an acknowledgement).
 *
 * Each write is sent by its service's file (ds-sender-slack.c,
 * ds-sender-github.c, ds-sender-zenhub.c; PagerDuty's two are here), as
 * the table at the end of this file says. */

#define BACKOFF_FIRST 15
#define BACKOFF_MAX   (15 * 60)
#define GIVE_UP_AFTER (24 * 60 * 60)

G_DEFINE_FINAL_TYPE (DsSender, ds_sender, G_TYPE_OBJECT)

enum { SIGNAL_SENT, SIGNAL_FAILED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void run (DsSender *self);

static void
job_free (Job *job)
{
  g_clear_object (&job->self);
  g_clear_pointer (&job->entry, ds_outbox_entry_free);
  g_clear_object (&job->item);
  g_clear_pointer (&job->args, json_object_unref);
  g_free (job->text);
  g_strfreev (job->logins);
  g_free (job->repo);
  g_free (job);
}

const char *
_ds_sender_arg (Job        *job,
                const char *name)
{
  JsonNode *node = json_object_get_member (job->args, name);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_STRING ? json_node_get_string (node) : NULL;
}

gint64
_ds_sender_arg_int (Job        *job,
                    const char *name)
{
  JsonNode *node = json_object_get_member (job->args, name);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_INT64 ? json_node_get_int (node) : 0;
}

GStrv
_ds_sender_arg_strv (Job        *job,
                     const char *name)
{
  JsonNode *node = json_object_get_member (job->args, name);
  GStrvBuilder *b = g_strv_builder_new ();
  GStrv v;

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *a = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (a); i++)
        {
          const char *s = json_array_get_string_element (a, i);
          if (s != NULL && *s != '\0')
            g_strv_builder_add (b, s);
        }
    }
  v = g_strv_builder_end (b);
  g_strv_builder_unref (b);
  return v;
}

static const char *
about (DsOutboxEntry *entry)
{
  return entry->item_id != NULL ? entry->item_id : "the rotation";
}

/* Trouble that passes: try again later. Everything else is the service
 * saying no, and saying it again will not help. */
static gboolean
is_transient (const GError *error)
{
  return error->domain != DS_ERROR ||
         error->code == DS_ERROR_NETWORK || error->code == DS_ERROR_TIMED_OUT ||
         error->code == DS_ERROR_RATE_LIMITED || error->code == DS_ERROR_SERVER ||
         error->code == DS_ERROR_BAD_RESPONSE || error->code == DS_ERROR_FAILED;
}

static gboolean
on_run_idle (gpointer user_data)
{
  DsSender *self = user_data;

  self->idle = 0;
  run (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_run (DsSender *self)
{
  if (self->idle == 0)
    self->idle = g_idle_add (on_run_idle, self);
}

void
_ds_sender_job_finish (Job          *job,
                       const char   *result,
                       const GError *error)
{
  DsSender *self = job->self;
  DsOutboxEntry *entry = job->entry;
  g_autoptr(GError) local = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* Shutting down: the entry stays "sending" and is checked at the next start. */
      job_free (job);
      return;
    }

  if (error == NULL)
    {
      g_debug ("Sent %s for %s", entry->op, about (entry));
      if (!ds_store_outbox_done (self->store, entry, result, job->item, &local))
        g_message ("%s", local->message);
      else
        g_signal_emit (self, signals[SIGNAL_SENT], 0, entry->op, entry->item_id);
    }
  else if (is_transient (error) && now - entry->created < GIVE_UP_AFTER)
    {
      gint64 until = self->http != NULL ? ds_http_get_backoff_until (self->http, job->service) : 0;
      gint64 delay = BACKOFF_FIRST << MIN (MAX (entry->attempts - 1, 0), 6);

      delay = MIN (delay, BACKOFF_MAX);
      g_debug ("%s for %s did not go out (%s); again in %" G_GINT64_FORMAT " s", entry->op,
               about (entry), error->message, MAX (until - now, delay));
      if (!ds_store_outbox_retry (self->store, entry, MAX (until, now + delay), error->message,
                                  &local))
        g_message ("%s", local->message);
    }
  else
    {
      g_autofree char *message = g_strdup_printf (_("%s failed: %s"), ds_write_label (ds_write_lookup (entry->op)),
                                                  error->message);

      if (!ds_store_outbox_fail (self->store, entry, message, job->item, &local))
        g_message ("%s", local->message);
      g_signal_emit (self, signals[SIGNAL_FAILED], 0, job->item, message);
    }

  self->busy = FALSE;
  job_free (job);
  schedule_run (self);
}

void
_ds_sender_fail_job (Job        *job,
                     const char *message)
{
  g_autoptr(GError) error = g_error_new_literal (DS_ERROR, DS_ERROR_INVALID_ARGUMENT, message);

  _ds_sender_job_finish (job, NULL, error);
}

/* -- what each write does ------------------------------------------------- */

void
_ds_sender_on_fetched_nothing (GObject      *source,
                               GAsyncResult *result,
                               gpointer      user_data)
{
  Job *job = user_data;
  g_autoptr(GError) error = NULL;
  gpointer answer = ds_http_fetch_finish (DS_HTTP (source), result, NULL, &error);

  if (answer != NULL && job->free_answer != NULL)
    job->free_answer (answer);
  _ds_sender_job_finish (job, NULL, error);
}

static void
slack_react (Job *job)
{
  ds_slack_add_reaction_async (job->self->http, _ds_sender_arg (job, "channel"),
                               _ds_sender_arg (job, "ts"), _ds_sender_arg (job, "name"),
                               job->self->cancellable, _ds_sender_on_fetched_nothing, job);
}

static void
pagerduty_acknowledge (Job *job)
{
  job->free_answer = (GDestroyNotify)ds_pd_incident_free;
  ds_pagerduty_acknowledge_async (job->self->http, _ds_sender_arg (job, "incident"),
                                  job->self->cancellable, _ds_sender_on_fetched_nothing, job);
}

static void
pagerduty_reassign (Job *job)
{
  job->free_answer = (GDestroyNotify)ds_pd_incident_free;
  ds_pagerduty_reassign_async (job->self->http, _ds_sender_arg (job, "incident"),
                               _ds_sender_arg (job, "user"), job->self->cancellable,
                               _ds_sender_on_fetched_nothing, job);
}

/* Who sends each write (ds-writes.h). */
static void (* const senders[DS_N_WRITES]) (Job *job) = {
  [DS_WRITE_SLACK_REACT] = slack_react,
  [DS_WRITE_SLACK_REPLY] = _ds_sender_slack_reply,
  [DS_WRITE_PAGERDUTY_ACKNOWLEDGE] = pagerduty_acknowledge,
  [DS_WRITE_PAGERDUTY_REASSIGN] = pagerduty_reassign,
  [DS_WRITE_GITHUB_ASSIGN] = _ds_sender_github_assign,
  [DS_WRITE_GITHUB_UNASSIGN] = _ds_sender_github_assign,
  [DS_WRITE_GITHUB_REQUEST_REVIEW] = _ds_sender_github_assign,
  [DS_WRITE_GITHUB_CREATE_ISSUE] = _ds_sender_github_create_issue,
  [DS_WRITE_GITHUB_COMMENT] = _ds_sender_github_comment,
  [DS_WRITE_ZENHUB_ADD_TO_EPIC] = _ds_sender_zenhub_add_to_epic,
};

static void
start_job (DsSender      *self,
           DsOutboxEntry *entry)
{
  Job *job = g_new0 (Job, 1);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  DsItem *item = entry->item_id != NULL ? ds_inbox_lookup (self->inbox, entry->item_id) : NULL;
  const char *op = entry->op;

  job->self = g_object_ref (self);
  job->entry = entry;
  job->item = item != NULL ? g_object_ref (item) : NULL;
  job->write = ds_write_lookup (op);
  job->service = job->write != NULL ? job->write->service : DS_SERVICE_GITHUB;
  job->check = entry->state == DS_OUTBOX_SENDING;
  self->busy = TRUE;

  root = json_from_string (entry->args, NULL);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      job->args = json_object_new ();
      _ds_sender_fail_job (job, _("the queued write is damaged"));
      return;
    }
  job->args = json_object_ref (json_node_get_object (root));

  /* ZenHub also needs GitHub, for the repositories' ids. */
  if (!ds_http_has_token (self->http, job->service) ||
      (job->service == DS_SERVICE_ZENHUB && !ds_http_has_token (self->http, DS_SERVICE_GITHUB)))
    {
      g_autofree char *message =
        g_strdup_printf (_("Dayshift has no %s token. Save one in Settings; the item was only "
                           "changed in Dayshift."),
                         ds_service_label (job->service == DS_SERVICE_ZENHUB &&
                                           ds_http_has_token (self->http, DS_SERVICE_ZENHUB)
                                           ? DS_SERVICE_GITHUB : job->service));
      _ds_sender_fail_job (job, message);
      return;
    }

  /* From here on, a crash leaves it "sending": the next start checks first. */
  if (!ds_store_outbox_begin (self->store, entry, &error))
    {
      g_message ("%s", error->message);
      self->busy = FALSE;
      job->entry = NULL;
      job_free (job);
      return;
    }

  g_debug ("Sending %s for %s (attempt %d%s)", op, about (entry), entry->attempts,
           job->check ? ", checking first" : "");
  if (job->write == NULL)
    _ds_sender_fail_job (job, _("Dayshift does not know this kind of write"));
  else
    senders[job->write->kind] (job);
}

static gboolean
on_timer (gpointer user_data)
{
  DsSender *self = user_data;

  self->timer = 0;
  run (self);
  return G_SOURCE_REMOVE;
}

static void
run (DsSender *self)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GHashTable) waiting = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 earliest = 0;

  if (self->busy || !self->online || self->http == NULL)
    return;
  g_clear_handle_id (&self->timer, g_source_remove);

  entries = ds_store_outbox_load (self->store, TRUE, &error);
  if (entries == NULL)
    {
      g_message ("%s", error->message);
      self->timer = g_timeout_add_seconds (BACKOFF_FIRST, on_timer, self);
      return;
    }

  waiting = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < entries->len; i++)
    {
      DsOutboxEntry *entry = g_ptr_array_index (entries, i);

      /* Later writes for an item wait for its earlier ones (writes about
       * no item, like a rotation's, wait for each other). */
      if (!g_hash_table_add (waiting, entry->item_id != NULL ? entry->item_id : ""))
        continue;
      if (entry->next_at > now)
        {
          earliest = earliest == 0 ? entry->next_at : MIN (earliest, entry->next_at);
          continue;
        }
      g_hash_table_remove_all (waiting);
      start_job (self, g_ptr_array_steal_index (entries, i));
      return;
    }

  if (earliest != 0)
    self->timer = g_timeout_add_seconds ((guint)MIN (earliest - now, BACKOFF_MAX), on_timer,
                                         self);
}

static void
ds_sender_dispose (GObject *object)
{
  DsSender *self = (DsSender *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->timer, g_source_remove);
  g_clear_handle_id (&self->idle, g_source_remove);
  g_clear_object (&self->http);
  g_clear_object (&self->store);
  g_clear_object (&self->inbox);

  G_OBJECT_CLASS (ds_sender_parent_class)->dispose (object);
}

static void
ds_sender_finalize (GObject *object)
{
  DsSender *self = (DsSender *)object;

  g_clear_object (&self->cancellable);
  g_free (self->github_me);
  g_free (self->slack_me);
  g_hash_table_unref (self->repo_ids);

  G_OBJECT_CLASS (ds_sender_parent_class)->finalize (object);
}

static void
ds_sender_class_init (DsSenderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ds_sender_dispose;
  object_class->finalize = ds_sender_finalize;

  /**
   * DsSender::sent:
   * @op: the operation
   * @item_id: the item it was about
   */
  signals[SIGNAL_SENT] =
    g_signal_new ("sent", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
  /**
   * DsSender::failed:
   * @item: (nullable): the item
   * @message: what failed, and why, for the user
   *
   * A write was refused for good and will not be tried again.
   */
  signals[SIGNAL_FAILED] =
    g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, DS_TYPE_ITEM, G_TYPE_STRING);
}

static void
ds_sender_init (DsSender *self)
{
  self->cancellable = g_cancellable_new ();
  self->online = TRUE;
  self->repo_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

static void
on_outbox_changed (DsStore    *store,
                   const char *item_id,
                   gboolean    queued,
                   DsSender   *self)
{
  if (queued)
    schedule_run (self);
}

DsSender *
ds_sender_new (DsStore *store,
               DsInbox *inbox)
{
  DsSender *self;

  g_return_val_if_fail (DS_IS_STORE (store), NULL);
  g_return_val_if_fail (DS_IS_INBOX (inbox), NULL);

  self = g_object_new (DS_TYPE_SENDER, NULL);
  self->store = g_object_ref (store);
  self->inbox = g_object_ref (inbox);
  /* What is queued is sent without being asked. */
  g_signal_connect_object (store, "outbox-changed", G_CALLBACK (on_outbox_changed), self, 0);
  return self;
}

/**
 * ds_sender_set_http:
 * @http: (nullable): the HTTP layer with the user's tokens; %NULL holds the
 *   outbox until there is one
 */
void
ds_sender_set_http (DsSender *self,
                    DsHttp   *http)
{
  g_return_if_fail (DS_IS_SENDER (self));

  if (self->http == http)
    return;
  /* A write in flight on the old one finishes or is cancelled with it; a
   * cancelled one is checked before it is sent again. */
  if (self->busy)
    {
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
      self->cancellable = g_cancellable_new ();
      self->busy = FALSE;
    }
  g_set_object (&self->http, http);
  g_clear_pointer (&self->github_me, g_free);
  g_clear_pointer (&self->slack_me, g_free);
  schedule_run (self);
}

void
ds_sender_set_online (DsSender *self,
                      gboolean  online)
{
  g_return_if_fail (DS_IS_SENDER (self));

  online = !!online;
  if (online && !self->online)
    {
      g_autoptr(GError) error = NULL;

      /* What waited for the network goes out now, not at its back-off time. */
      if (!ds_store_outbox_wake (self->store, &error))
        g_message ("%s", error->message);
    }
  self->online = online;
  if (self->online)
    schedule_run (self);
}

/**
 * ds_sender_kick:
 *
 * Something was queued: send it now if nothing else is going out.
 */
void
ds_sender_kick (DsSender *self)
{
  g_return_if_fail (DS_IS_SENDER (self));
  schedule_run (self);
}

guint
ds_sender_get_n_unfinished (DsSender *self)
{
  g_autoptr(GPtrArray) entries = NULL;

  g_return_val_if_fail (DS_IS_SENDER (self), 0);

  entries = ds_store_outbox_load (self->store, TRUE, NULL);
  return entries != NULL ? entries->len : 0;
}

gboolean
ds_sender_get_busy (DsSender *self)
{
  g_return_val_if_fail (DS_IS_SENDER (self), FALSE);
  return self->busy;
}

/**
 * ds_sender_retry_now:
 *
 * Sends what waits for a back-off now ("Check now").
 */
void
ds_sender_retry_now (DsSender *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (DS_IS_SENDER (self));

  if (!ds_store_outbox_wake (self->store, &error))
    g_message ("%s", error->message);
  schedule_run (self);
}
