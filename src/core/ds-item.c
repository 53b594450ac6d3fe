/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-item"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ds-error.h"
#include "ds-item-private.h"
#include "ds-service.h"
#include "ds-text.h"

struct _DsItem
{
  GObject      parent_instance;

  char        *id;
  char        *source;
  char        *remote_id;
  DsItemKind   kind;
  DsItemState  state;
  char        *title;
  char        *text;
  char        *url;
  char        *requester;
  gint64       created;
  char        *delegated_to;
  char        *issue_url;
  char        *channel;
  char        *claimed_by;
  gboolean     mine;
  gboolean     emergency;
  gboolean     notified;
  gint64       due;
  gint64       responded;   /* its first response, Unix time; 0: none yet */
  gboolean     response_reminded;
  char        *problem;
  char        *unkept;      /* never saved: the database is what failed */
  char        *standup_note;
  char        *handed_over; /* who handed it over (a GitHub login), or NULL */
  char        *search_key;  /* what a search looks in, case-folded; made when asked */
  GPtrArray   *replies;     /* the thread as a poll read it; NULL: not read */
};

G_DEFINE_FINAL_TYPE (DsItem, ds_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_SOURCE,
  PROP_REMOTE_ID,
  PROP_KIND,
  PROP_STATE,
  PROP_TITLE,
  PROP_TEXT,
  PROP_URL,
  PROP_REQUESTER,
  PROP_CREATED,
  PROP_DELEGATED_TO,
  PROP_ISSUE_URL,
  PROP_EMERGENCY,
  PROP_CHANNEL,
  PROP_CLAIMED_BY,
  PROP_MINE,
  PROP_NOTIFIED,
  PROP_DUE,
  PROP_PROBLEM,
  PROP_UNKEPT,
  PROP_STANDUP_NOTE,
  PROP_RESPONDED,
  PROP_RESPONSE_REMINDED,
  PROP_HANDED_OVER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define S(st) DS_STATE_BIT (DS_ITEM_STATE_##st)

/* Which states each state may move to. Done is final; a dismissed item can
 * be brought back (the user dismissed the wrong one); a snoozed item wakes
 * up as new. */
static const guint transitions[DS_ITEM_STATE_LAST + 1] = {
  [DS_ITEM_STATE_NEW] = S (ACKNOWLEDGED) | S (DELEGATED) | S (FILED) | S (DEFERRED) |
                        S (SNOOZED) | S (DONE) | S (DISMISSED),
  [DS_ITEM_STATE_ACKNOWLEDGED] = S (DELEGATED) | S (FILED) | S (DEFERRED) | S (SNOOZED) |
                                 S (DONE) | S (DISMISSED),
  [DS_ITEM_STATE_DELEGATED] = S (DELEGATED) | S (FILED) | S (DONE) | S (DISMISSED),
  [DS_ITEM_STATE_FILED] = S (DELEGATED) | S (DONE),
  [DS_ITEM_STATE_DEFERRED] = S (ACKNOWLEDGED) | S (DELEGATED) | S (FILED) | S (SNOOZED) |
                             S (DONE) | S (DISMISSED),
  [DS_ITEM_STATE_SNOOZED] = S (NEW) | S (ACKNOWLEDGED) | S (DELEGATED) | S (FILED) |
                            S (DEFERRED) | S (DONE) | S (DISMISSED),
  [DS_ITEM_STATE_DONE] = 0,
  [DS_ITEM_STATE_DISMISSED] = S (NEW),
};

/* The moves that answer whoever asked: the item's first response. Deferring
 * to standup and snoozing tell them nothing. */
static const guint answering = S (ACKNOWLEDGED) | S (DELEGATED) | S (FILED) | S (DONE) |
                               S (DISMISSED);

#undef S

char *
ds_item_make_id (const char *source,
                 const char *remote_id)
{
  g_return_val_if_fail (source != NULL && *source != '\0', NULL);
  g_return_val_if_fail (remote_id != NULL && *remote_id != '\0', NULL);

  return g_strconcat (source, ":", remote_id, NULL);
}

static void
ds_item_finalize (GObject *object)
{
  DsItem *self = (DsItem *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->source, g_free);
  g_clear_pointer (&self->remote_id, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->requester, g_free);
  g_clear_pointer (&self->delegated_to, g_free);
  g_clear_pointer (&self->issue_url, g_free);
  g_clear_pointer (&self->channel, g_free);
  g_clear_pointer (&self->claimed_by, g_free);
  g_clear_pointer (&self->problem, g_free);
  g_clear_pointer (&self->unkept, g_free);
  g_clear_pointer (&self->standup_note, g_free);
  g_clear_pointer (&self->handed_over, g_free);
  g_clear_pointer (&self->search_key, g_free);
  g_clear_pointer (&self->replies, g_ptr_array_unref);

  G_OBJECT_CLASS (ds_item_parent_class)->finalize (object);
}

static void
ds_item_constructed (GObject *object)
{
  DsItem *self = (DsItem *)object;

  G_OBJECT_CLASS (ds_item_parent_class)->constructed (object);

  g_assert (self->source != NULL && self->remote_id != NULL);
  self->id = ds_item_make_id (self->source, self->remote_id);
  if (self->created == 0)
    self->created = g_get_real_time () / G_USEC_PER_SEC;
}

static void
ds_item_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  DsItem *self = DS_ITEM (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_string (value, self->id); break;
    case PROP_SOURCE: g_value_set_string (value, self->source); break;
    case PROP_REMOTE_ID: g_value_set_string (value, self->remote_id); break;
    case PROP_KIND: g_value_set_enum (value, self->kind); break;
    case PROP_STATE: g_value_set_enum (value, self->state); break;
    case PROP_TITLE: g_value_set_string (value, self->title); break;
    case PROP_TEXT: g_value_set_string (value, self->text); break;
    case PROP_URL: g_value_set_string (value, self->url); break;
    case PROP_REQUESTER: g_value_set_string (value, self->requester); break;
    case PROP_CREATED: g_value_set_int64 (value, self->created); break;
    case PROP_DELEGATED_TO: g_value_set_string (value, self->delegated_to); break;
    case PROP_ISSUE_URL: g_value_set_string (value, self->issue_url); break;
    case PROP_EMERGENCY: g_value_set_boolean (value, self->emergency); break;
    case PROP_CHANNEL: g_value_set_string (value, self->channel); break;
    case PROP_CLAIMED_BY: g_value_set_string (value, self->claimed_by); break;
    case PROP_MINE: g_value_set_boolean (value, self->mine); break;
    case PROP_NOTIFIED: g_value_set_boolean (value, self->notified); break;
    case PROP_DUE: g_value_set_int64 (value, self->due); break;
    case PROP_PROBLEM: g_value_set_string (value, self->problem); break;
    case PROP_UNKEPT: g_value_set_string (value, self->unkept); break;
    case PROP_STANDUP_NOTE: g_value_set_string (value, self->standup_note); break;
    case PROP_RESPONDED: g_value_set_int64 (value, self->responded); break;
    case PROP_RESPONSE_REMINDED: g_value_set_boolean (value, self->response_reminded); break;
    case PROP_HANDED_OVER: g_value_set_string (value, self->handed_over); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ds_item_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  DsItem *self = DS_ITEM (object);

  switch (prop_id)
    {
    case PROP_SOURCE: self->source = g_value_dup_string (value); break;
    case PROP_REMOTE_ID: self->remote_id = g_value_dup_string (value); break;
    case PROP_KIND: ds_item_set_kind (self, g_value_get_enum (value)); break;
    case PROP_TITLE: ds_item_set_title (self, g_value_get_string (value)); break;
    case PROP_TEXT: ds_item_set_text (self, g_value_get_string (value)); break;
    case PROP_URL: ds_item_set_url (self, g_value_get_string (value)); break;
    case PROP_REQUESTER: ds_item_set_requester (self, g_value_get_string (value)); break;
    case PROP_CREATED: ds_item_set_created (self, g_value_get_int64 (value)); break;
    case PROP_DELEGATED_TO: ds_item_set_delegated_to (self, g_value_get_string (value)); break;
    case PROP_ISSUE_URL: ds_item_set_issue_url (self, g_value_get_string (value)); break;
    case PROP_EMERGENCY: ds_item_set_emergency (self, g_value_get_boolean (value)); break;
    case PROP_CHANNEL: ds_item_set_channel (self, g_value_get_string (value)); break;
    case PROP_CLAIMED_BY: ds_item_set_claimed_by (self, g_value_get_string (value)); break;
    case PROP_MINE: ds_item_set_mine (self, g_value_get_boolean (value)); break;
    case PROP_NOTIFIED: ds_item_set_notified (self, g_value_get_boolean (value)); break;
    case PROP_DUE: ds_item_set_due (self, g_value_get_int64 (value)); break;
    case PROP_PROBLEM: ds_item_set_problem (self, g_value_get_string (value)); break;
    case PROP_UNKEPT: ds_item_set_unkept (self, g_value_get_string (value)); break;
    case PROP_STANDUP_NOTE: ds_item_set_standup_note (self, g_value_get_string (value)); break;
    case PROP_RESPONDED: ds_item_set_responded (self, g_value_get_int64 (value)); break;
    case PROP_RESPONSE_REMINDED:
      ds_item_set_response_reminded (self, g_value_get_boolean (value));
      break;
    case PROP_HANDED_OVER: ds_item_set_handed_over (self, g_value_get_string (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ds_item_class_init (DsItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;
  const GParamFlags co = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = ds_item_finalize;
  object_class->constructed = ds_item_constructed;
  object_class->get_property = ds_item_get_property;
  object_class->set_property = ds_item_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SOURCE] = g_param_spec_string ("source", NULL, NULL, NULL, co);
  properties[PROP_REMOTE_ID] = g_param_spec_string ("remote-id", NULL, NULL, NULL, co);
  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, DS_TYPE_ITEM_KIND, DS_ITEM_KIND_REQUEST, rw);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, DS_TYPE_ITEM_STATE, DS_ITEM_STATE_NEW,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, rw);
  properties[PROP_TEXT] = g_param_spec_string ("text", NULL, NULL, NULL, rw);
  properties[PROP_URL] = g_param_spec_string ("url", NULL, NULL, NULL, rw);
  properties[PROP_REQUESTER] = g_param_spec_string ("requester", NULL, NULL, NULL, rw);
  properties[PROP_CREATED] =
    g_param_spec_int64 ("created", NULL, NULL, 0, G_MAXINT64, 0, rw);
  properties[PROP_DELEGATED_TO] = g_param_spec_string ("delegated-to", NULL, NULL, NULL, rw);
  properties[PROP_ISSUE_URL] = g_param_spec_string ("issue-url", NULL, NULL, NULL, rw);
  properties[PROP_EMERGENCY] = g_param_spec_boolean ("emergency", NULL, NULL, FALSE, rw);
  /* Where it came from, as people say it: "#ops-support", "acme/api". */
  properties[PROP_CHANNEL] = g_param_spec_string ("channel", NULL, NULL, NULL, rw);
  /* A teammate who took it before the person on rotation did. */
  properties[PROP_CLAIMED_BY] = g_param_spec_string ("claimed-by", NULL, NULL, NULL, rw);
  /* Asked of the user directly (a review request, a mention, a page). */
  properties[PROP_MINE] = g_param_spec_boolean ("mine", NULL, NULL, FALSE, rw);
  /* The user was told about it once (a notification or a summary): never again. */
  properties[PROP_NOTIFIED] = g_param_spec_boolean ("notified", NULL, NULL, FALSE, rw);
  /* When it asks for attention again (a snooze ends, a delegation's follow-up), Unix time. */
  properties[PROP_DUE] = g_param_spec_int64 ("due", NULL, NULL, 0, G_MAXINT64, 0, rw);
  /* A write to a service that failed for good, said so the user can act. */
  properties[PROP_PROBLEM] = g_param_spec_string ("problem", NULL, NULL, NULL, rw);
  /* What the user did to it that could not be kept (the database failed):
   * not done, and said until something done to it is kept. */
  properties[PROP_UNKEPT] = g_param_spec_string ("unkept", NULL, NULL, NULL, rw);
  /* Why it goes to the standup though it is not deferred ("brought to the team"). */
  properties[PROP_STANDUP_NOTE] = g_param_spec_string ("standup-note", NULL, NULL, NULL, rw);
  /* Its first response, Unix time, 0 while it has none: the user acted on it
   * (ds_item_state_answers()), a teammate took it or answered in its thread.
   * What stops its response clock. */
  properties[PROP_RESPONDED] =
    g_param_spec_int64 ("responded", NULL, NULL, 0, G_MAXINT64, 0, rw);
  /* Its response reminder was told, once in its life. */
  properties[PROP_RESPONSE_REMINDED] =
    g_param_spec_boolean ("response-reminded", NULL, NULL, FALSE, rw);
  /* Who handed it over, still open, at the start of the rotation: the
   * GitHub login of the handoff's author, or NULL. */
  properties[PROP_HANDED_OVER] = g_param_spec_string ("handed-over", NULL, NULL, NULL, rw);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ds_item_init (DsItem *self)
{
  self->kind = DS_ITEM_KIND_REQUEST;
  self->state = DS_ITEM_STATE_NEW;
}

DsItem *
ds_item_new (const char *source,
             const char *remote_id,
             DsItemKind  kind,
             const char *title)
{
  g_return_val_if_fail (source != NULL && *source != '\0', NULL);
  g_return_val_if_fail (remote_id != NULL && *remote_id != '\0', NULL);
  g_return_val_if_fail (kind <= DS_ITEM_KIND_LAST, NULL);

  return g_object_new (DS_TYPE_ITEM,
                       "source", source,
                       "remote-id", remote_id,
                       "kind", kind,
                       "title", title,
                       NULL);
}

static void
set_string (DsItem      *self,
            char       **field,
            const char  *value,
            guint        prop_id)
{
  g_autofree char *clean = ds_text_strip_hidden (value);

  /* g_set_str() is GLib 2.76; this is the same for 2.74. */
  if (g_strcmp0 (*field, clean) == 0)
    return;
  g_free (*field);
  *field = g_steal_pointer (&clean);
  g_clear_pointer (&self->search_key, g_free);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

/**
 * ds_item_get_search_key:
 *
 * Returns: the title, text, who asked, where and the id, case-folded, in
 *   one string: what a search looks in (kept until one of them changes)
 */
const char *
ds_item_get_search_key (DsItem *self)
{
  g_return_val_if_fail (DS_IS_ITEM (self), NULL);

  if (self->search_key == NULL)
    {
      g_autofree char *all = g_strjoin ("\n", self->title ? self->title : "",
                                        self->text ? self->text : "",
                                        self->requester ? self->requester : "",
                                        self->channel ? self->channel : "", self->id, NULL);
      self->search_key = g_utf8_casefold (all, -1);
    }
  return self->search_key;
}

const char *
ds_item_get_id (DsItem *self)
{
  g_return_val_if_fail (DS_IS_ITEM (self), NULL);
  return self->id;
}

const char *
ds_item_get_source (DsItem *self)
{
  g_return_val_if_fail (DS_IS_ITEM (self), NULL);
  return self->source;
}

const char *
ds_item_get_remote_id (DsItem *self)
{
  g_return_val_if_fail (DS_IS_ITEM (self), NULL);
  return self->remote_id;
}

DsItemKind
ds_item_get_kind (DsItem *self)
{
  g_return_val_if_fail (DS_IS_ITEM (self), DS_ITEM_KIND_REQUEST);
  return self->kind;
}

void
ds_item_set_kind (DsItem     *self,
                  DsItemKind  kind)
{
  g_return_if_fail (DS_IS_ITEM (self));
  g_return_if_fail (kind <= DS_ITEM_KIND_LAST);

  if (self->kind == kind)
    return;
  self->kind = kind;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
}

DsItemState
ds_item_get_state (DsItem *self)
{
  g_return_val_if_fail (DS_IS_ITEM (self), DS_ITEM_STATE_NEW);
  return self->state;
}

void
ds_item_set_state_unchecked (DsItem      *self,
                             DsItemState  state)
{
  g_return_if_fail (DS_IS_ITEM (self));
  g_return_if_fail (state <= DS_ITEM_STATE_LAST);

  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

#define DEFINE_STRING_ACCESSORS(field, PROP)                  \
  const char *                                                \
  ds_item_get_##field (DsItem *self)                          \
  {                                                           \
    g_return_val_if_fail (DS_IS_ITEM (self), NULL);           \
    return self->field;                                       \
  }                                                           \
  void                                                        \
  ds_item_set_##field (DsItem *self, const char *value)       \
  {                                                           \
    g_return_if_fail (DS_IS_ITEM (self));                     \
    set_string (self, &self->field, value, PROP);             \
  }

DEFINE_STRING_ACCESSORS (title, PROP_TITLE)
DEFINE_STRING_ACCESSORS (text, PROP_TEXT)
DEFINE_STRING_ACCESSORS (url, PROP_URL)
DEFINE_STRING_ACCESSORS (requester, PROP_REQUESTER)
DEFINE_STRING_ACCESSORS (delegated_to, PROP_DELEGATED_TO)
DEFINE_STRING_ACCESSORS (issue_url, PROP_ISSUE_URL)
DEFINE_STRING_ACCESSORS (channel, PROP_CHANNEL)
DEFINE_STRING_ACCESSORS (claimed_by, PROP_CLAIMED_BY)
DEFINE_STRING_ACCESSORS (problem, PROP_PROBLEM)
DEFINE_STRING_ACCESSORS (unkept, PROP_UNKEPT)
DEFINE_STRING_ACCESSORS (standup_note, PROP_STANDUP_NOTE)
DEFINE_STRING_ACCESSORS (handed_over, PROP_HANDED_OVER)

#undef DEFINE_STRING_ACCESSORS

/**
 * ds_item_get_trouble:
 *
 * Returns: (nullable): what went wrong with it that the user should read
 *   where the item is: an action not kept, else a write that failed
 */
const char *
ds_item_get_trouble (DsItem *self)
{
  g_return_val_if_fail (DS_IS_ITEM (self), NULL);
  return self->unkept != NULL ? self->unkept : self->problem;
}

gint64
ds_item_get_created (DsItem *self)
{
  g_return_val_if_fail (DS_IS_ITEM (self), 0);
  return self->created;
}

void
ds_item_set_created (DsItem *self,
                     gint64  created)
{
  g_return_if_fail (DS_IS_ITEM (self));

  if (self->created == created)
    return;
  self->created = created;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CREATED]);
}

gboolean
ds_item_get_mine (DsItem *self)
{
  g_return_val_if_fail (DS_IS_ITEM (self), FALSE);
  return self->mine;
}

void
ds_item_set_mine (DsItem   *self,
                  gboolean  mine)
{
  g_return_if_fail (DS_IS_ITEM (self));

  mine = !!mine;
  if (self->mine == mine)
    return;
  self->mine = mine;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MINE]);
}

gboolean
ds_item_get_notified (DsItem *self)
{
  g_return_val_if_fail (DS_IS_ITEM (self), FALSE);
  return self->notified;
}

void
ds_item_set_notified (DsItem   *self,
                      gboolean  notified)
{
  g_return_if_fail (DS_IS_ITEM (self));

  notified = !!notified;
  if (self->notified == notified)
    return;
  self->notified = notified;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTIFIED]);
}

gint64
ds_item_get_due (DsItem *self)
{
  g_return_val_if_fail (DS_IS_ITEM (self), 0);
  return self->due;
}

void
ds_item_set_due (DsItem *self,
                 gint64  due)
{
  g_return_if_fail (DS_IS_ITEM (self));

  if (self->due == due)
    return;
  self->due = due;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DUE]);
}

gint64
ds_item_get_responded (DsItem *self)
{
  g_return_val_if_fail (DS_IS_ITEM (self), 0);
  return self->responded;
}

void
ds_item_set_responded (DsItem *self,
                       gint64  responded)
{
  g_return_if_fail (DS_IS_ITEM (self));

  if (self->responded == responded)
    return;
  self->responded = responded;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESPONDED]);
}

/**
 * ds_item_note_response:
 * @at: when something answered it, Unix seconds
 *
 * Keeps the earliest response: a thread read later may show a reply from
 * before the acknowledgement that was seen first.
 */
void
ds_item_note_response (DsItem *self,
                       gint64  at)
{
  g_return_if_fail (DS_IS_ITEM (self));

  if (at > 0 && (self->responded == 0 || at < self->responded))
    ds_item_set_responded (self, at);
}

/**
 * ds_item_state_answers:
 *
 * Returns: whether moving an item to @state is a response to whoever asked
 *   (acknowledged, delegated, filed, done, dismissed)
 */
gboolean
ds_item_state_answers (DsItemState state)
{
  return state <= DS_ITEM_STATE_LAST && (answering & DS_STATE_BIT (state)) != 0;
}

gboolean
ds_item_get_response_reminded (DsItem *self)
{
  g_return_val_if_fail (DS_IS_ITEM (self), FALSE);
  return self->response_reminded;
}

void
ds_item_set_response_reminded (DsItem   *self,
                               gboolean  reminded)
{
  g_return_if_fail (DS_IS_ITEM (self));

  reminded = !!reminded;
  if (self->response_reminded == reminded)
    return;
  self->response_reminded = reminded;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESPONSE_REMINDED]);
}

gboolean
ds_item_get_emergency (DsItem *self)
{
  g_return_val_if_fail (DS_IS_ITEM (self), FALSE);
  return self->emergency;
}

void
ds_item_set_emergency (DsItem   *self,
                       gboolean  emergency)
{
  g_return_if_fail (DS_IS_ITEM (self));

  emergency = !!emergency;
  if (self->emergency == emergency)
    return;
  self->emergency = emergency;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EMERGENCY]);
}

/**
 * ds_item_reply_new:
 *
 * Returns: (transfer full): a reply, its author and text kept as the
 *   item's own strings are: without hidden or control characters
 *   (ds_text_strip_hidden()), whether from a service or from the store
 */
DsItemReply *
ds_item_reply_new (gint64      at,
                   const char *author,
                   const char *text)
{
  DsItemReply *reply = g_new0 (DsItemReply, 1);

  reply->at = at;
  reply->author = ds_text_strip_hidden (author);
  reply->text = ds_text_strip_hidden (text);
  return reply;
}

void
ds_item_reply_free (DsItemReply *reply)
{
  if (reply == NULL)
    return;
  g_free (reply->author);
  g_free (reply->text);
  g_free (reply);
}

/**
 * ds_item_get_replies:
 *
 * Returns: (nullable) (element-type DsItemReply) (transfer none): the
 * replies in the request's thread as the poll that made this item read
 * them, oldest first; %NULL when that poll did not read the thread. The
 * store keeps them (ds_store_save_threads()); items in the inbox do not
 * carry them.
 */
GPtrArray *
ds_item_get_replies (DsItem *self)
{
  g_return_val_if_fail (DS_IS_ITEM (self), NULL);
  return self->replies;
}

/**
 * ds_item_set_replies:
 * @replies: (nullable) (element-type DsItemReply): the thread, oldest first
 */
void
ds_item_set_replies (DsItem    *self,
                     GPtrArray *replies)
{
  g_return_if_fail (DS_IS_ITEM (self));
  if (replies != NULL)
    g_ptr_array_ref (replies);
  g_clear_pointer (&self->replies, g_ptr_array_unref);
  self->replies = replies;
}

gboolean
ds_item_can_transition (DsItemState from,
                        DsItemState to)
{
  if (from > DS_ITEM_STATE_LAST || to > DS_ITEM_STATE_LAST)
    return FALSE;
  return (transitions[from] & DS_STATE_BIT (to)) != 0;
}

void
ds_item_set_transition_error (DsItemState   from,
                              DsItemState   to,
                              GError      **error)
{
  g_set_error (error, DS_ERROR, DS_ERROR_INVALID_TRANSITION,
               /* Translators: e.g. "An item that is done cannot become deferred to standup." */
               _("An item that is %s cannot become %s."),
               ds_item_state_label (from),
               to <= DS_ITEM_STATE_LAST ? ds_item_state_label (to) : "?");
}

gboolean
ds_item_transition (DsItem       *self,
                    DsItemState   to,
                    GError      **error)
{
  g_return_val_if_fail (DS_IS_ITEM (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!ds_item_can_transition (self->state, to))
    {
      ds_item_set_transition_error (self->state, to, error);
      return FALSE;
    }

  if (ds_item_state_answers (to))
    ds_item_note_response (self, g_get_real_time () / G_USEC_PER_SEC);
  ds_item_set_state_unchecked (self, to);
  return TRUE;
}

static const char *
enum_nick (GType type,
           int   value)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);
  GEnumValue *ev = g_enum_get_value (klass, value);

  return ev != NULL ? ev->value_nick : NULL;
}

static gboolean
enum_from_nick (GType       type,
                const char *nick,
                int        *value)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);
  GEnumValue *ev;

  if (nick == NULL)
    return FALSE;
  ev = g_enum_get_value_by_nick (klass, nick);
  if (ev == NULL)
    return FALSE;
  *value = ev->value;
  return TRUE;
}

const char *
ds_item_kind_to_string (DsItemKind kind)
{
  return enum_nick (DS_TYPE_ITEM_KIND, kind);
}

gboolean
ds_item_kind_from_string (const char *str,
                          DsItemKind *kind)
{
  int v;

  g_return_val_if_fail (kind != NULL, FALSE);
  if (!enum_from_nick (DS_TYPE_ITEM_KIND, str, &v))
    return FALSE;
  *kind = v;
  return TRUE;
}

const char *
ds_item_state_to_string (DsItemState state)
{
  return enum_nick (DS_TYPE_ITEM_STATE, state);
}

gboolean
ds_item_state_from_string (const char  *str,
                           DsItemState *state)
{
  int v;

  g_return_val_if_fail (state != NULL, FALSE);
  if (!enum_from_nick (DS_TYPE_ITEM_STATE, str, &v))
    return FALSE;
  *state = v;
  return TRUE;
}

const char *
ds_item_kind_label (DsItemKind kind)
{
  switch (kind)
    {
    case DS_ITEM_KIND_REQUEST: return _("Support request");
    case DS_ITEM_KIND_ALERT: return _("Alert");
    case DS_ITEM_KIND_DEPLOY: return _("Failed deploy");
    case DS_ITEM_KIND_REVIEW: return _("Review request");
    case DS_ITEM_KIND_ACCESS: return _("Access request");
    case DS_ITEM_KIND_INCIDENT: return _("Incident");
    case DS_ITEM_KIND_POSTMORTEM: return _("Postmortem action item");
    case DS_ITEM_KIND_MENTION: return _("Mention");
    default: return "?";
    }
}

const char *
ds_item_state_label (DsItemState state)
{
  switch (state)
    {
    case DS_ITEM_STATE_NEW: return _("new");
    case DS_ITEM_STATE_ACKNOWLEDGED: return _("acknowledged");
    case DS_ITEM_STATE_DELEGATED: return _("delegated");
    case DS_ITEM_STATE_FILED: return _("filed");
    case DS_ITEM_STATE_DEFERRED: return _("deferred to standup");
    case DS_ITEM_STATE_SNOOZED: return _("snoozed");
    case DS_ITEM_STATE_DONE: return _("done");
    case DS_ITEM_STATE_DISMISSED: return _("dismissed");
    default: return "?";
    }
}

/* The service's name as people write it, for a source id such as "slack". */
const char *
ds_item_source_label (const char *source)
{
  const DsServiceInfo *info = ds_service_info_for_id (source);

  return info != NULL ? ds_service_label (info->service) : source;
}

/**
 * ds_item_is_for_standup:
 *
 * Returns: whether @item is on the standup list: deferred to it, or brought
 *   to the team (a standup note) and neither delegated nor finished
 */
gboolean
ds_item_is_for_standup (DsItem *self)
{
  DsItemState state;

  g_return_val_if_fail (DS_IS_ITEM (self), FALSE);

  state = self->state;
  return state == DS_ITEM_STATE_DEFERRED ||
         (self->standup_note != NULL && state != DS_ITEM_STATE_DONE &&
          state != DS_ITEM_STATE_DISMISSED && state != DS_ITEM_STATE_DELEGATED);
}
