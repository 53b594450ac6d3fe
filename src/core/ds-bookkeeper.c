/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-bookkeeper"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include <glib/gi18n-lib.h>

#include "ds-books.h"
#include "ds-bookkeeper.h"
#include "ds-enum-types.h"
#include "ds-text.h"

/* What the rotation asks of the user over a day, decided by the wall clock
 * the caller passes in (a tick every few seconds in the app, any time in a
 * test): the support timer's two rules, the standup list at standup time,
 * the shift's start and end. Each prompt is given once, and remembered in
 * the store, so a restart does not repeat it. The bookkeeper decides and
 * tells ("prompt" signal); the application shows. */

struct _DsBookkeeper
{
  GObject  parent_instance;

  DsStore *store;
  DsInbox *inbox;
  int      standup_minute;   /* minutes after midnight; -1: none */
  guint    shift_lead;       /* seconds before the shift to say so */
};

G_DEFINE_FINAL_TYPE (DsBookkeeper, ds_bookkeeper, G_TYPE_OBJECT)

enum { SIGNAL_PROMPT, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
ds_bookkeeper_dispose (GObject *object)
{
  DsBookkeeper *self = DS_BOOKKEEPER (object);

  g_clear_object (&self->store);
  g_clear_object (&self->inbox);
  G_OBJECT_CLASS (ds_bookkeeper_parent_class)->dispose (object);
}

static void
ds_bookkeeper_class_init (DsBookkeeperClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = ds_bookkeeper_dispose;

  /**
   * DsBookkeeper::prompt:
   * @prompt: a #DsPrompt
   * @item: (nullable): the item it is about
   * @count: the number of items (the standup list)
   */
  signals[SIGNAL_PROMPT] =
    g_signal_new ("prompt", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_INT, DS_TYPE_ITEM, G_TYPE_UINT);
}

static void
ds_bookkeeper_init (DsBookkeeper *self)
{
  self->standup_minute = -1;
  self->shift_lead = 15 * 60;
}

DsBookkeeper *
ds_bookkeeper_new (DsStore *store,
                   DsInbox *inbox)
{
  DsBookkeeper *self;

  g_return_val_if_fail (DS_IS_STORE (store), NULL);
  g_return_val_if_fail (DS_IS_INBOX (inbox), NULL);

  self = g_object_new (DS_TYPE_BOOKKEEPER, NULL);
  self->store = g_object_ref (store);
  self->inbox = g_object_ref (inbox);
  return self;
}

/**
 * ds_bookkeeper_set_standup_time:
 * @hhmm: (nullable): "09:30", local time; %NULL or a bad time: no standup prompt
 */
void
ds_bookkeeper_set_standup_time (DsBookkeeper *self,
                                const char   *hhmm)
{
  guint h, m;
  char end;

  g_return_if_fail (DS_IS_BOOKKEEPER (self));

  self->standup_minute = -1;
  if (hhmm != NULL && sscanf (hhmm, "%2u:%2u%c", &h, &m, &end) == 2 && h < 24 && m < 60)
    self->standup_minute = (int)(h * 60 + m);
}

void
ds_bookkeeper_set_shift_lead (DsBookkeeper *self,
                              guint         minutes)
{
  g_return_if_fail (DS_IS_BOOKKEEPER (self));
  self->shift_lead = minutes * 60;
}

/**
 * ds_bookkeeper_set_shift:
 * @start: the user's current or next shift (0: none known)
 * @next_person: (nullable): who is on call after it
 *
 * Kept in the store: `dayshift --status` shows it, and it survives restarts.
 */
void
ds_bookkeeper_set_shift (DsBookkeeper *self,
                         gint64        start,
                         gint64        end,
                         const char   *next_person)
{
  g_autofree char *value = g_strdup_printf ("%" G_GINT64_FORMAT " %" G_GINT64_FORMAT, start, end);
  g_autoptr(GError) error = NULL;

  g_return_if_fail (DS_IS_BOOKKEEPER (self));

  if (!ds_store_set_meta (self->store, "shift", value, &error) ||
      !ds_store_set_meta (self->store, "next-person", next_person != NULL ? next_person : "",
                          &error))
    g_message ("%s", error->message);
}

gboolean
ds_bookkeeper_get_shift (DsBookkeeper *self,
                         gint64       *start,
                         gint64       *end)
{
  g_autofree char *value = ds_store_get_meta (self->store, "shift", NULL);

  return value != NULL &&
         sscanf (value, "%" G_GINT64_FORMAT " %" G_GINT64_FORMAT, start, end) == 2 && *end > 0;
}

char *
ds_bookkeeper_dup_next_person (DsBookkeeper *self)
{
  char *name = ds_store_get_meta (self->store, "next-person", NULL);

  if (name != NULL && *name == '\0')
    g_clear_pointer (&name, g_free);
  return name;
}

gboolean
ds_bookkeeper_get_on_rotation (DsBookkeeper *self)
{
  gint64 started = 0, ended = 0;

  return ds_store_rotation_last (self->store, &started, &ended, NULL) && ended == 0;
}

/* "Told" marks: a prompt once per key. */
static gboolean
told (DsBookkeeper *self,
      const char   *key,
      const char   *value)
{
  g_autofree char *have = ds_store_get_meta (self->store, key, NULL);
  return g_strcmp0 (have, value) == 0;
}

static void
tell (DsBookkeeper *self,
      const char   *key,
      const char   *value,
      DsPrompt      prompt,
      DsItem       *item,
      guint         count)
{
  g_autoptr(GError) error = NULL;

  /* Remembered first: a crash right after must not make it repeat. */
  if (!ds_store_set_meta (self->store, key, value, &error))
    g_message ("%s", error->message);
  g_signal_emit (self, signals[SIGNAL_PROMPT], 0, (int)prompt, item, count);
}

static void
check_timer (DsBookkeeper *self,
             gint64        now)
{
  g_autofree char *id = ds_store_timer_running (self->store, NULL, NULL);
  g_autofree char *key = NULL;
  g_autofree char *was = NULL;
  DsItem *item;
  DsTimerEvent event;
  gint64 tracked;
  int told_minutes;

  if (id == NULL || (item = ds_inbox_lookup (self->inbox, id)) == NULL)
    return;
  /* Done or dismissed (a PagerDuty incident resolved, a request a teammate
   * finished): the work on it is over, and so is the timer; nothing more
   * is asked of it. */
  if (ds_item_get_state (item) == DS_ITEM_STATE_DONE ||
      ds_item_get_state (item) == DS_ITEM_STATE_DISMISSED)
    {
      g_autoptr(GError) error = NULL;

      if (!ds_store_timer_stop (self->store, now, &error))
        g_message ("%s", error->message);
      return;
    }
  tracked = ds_store_tracked (self->store, id, now, NULL);
  key = g_strconcat ("timer-told:", id, NULL);
  was = ds_store_get_meta (self->store, key, NULL);
  told_minutes = was != NULL ? atoi (was) : 0;
  event = ds_timer_event (tracked, ds_item_get_issue_url (item) != NULL,
                          ds_item_get_emergency (item), told_minutes);
  if (event == DS_TIMER_OFFER_ISSUE)
    tell (self, key, "15", DS_PROMPT_OFFER_ISSUE, item, 1);
  else if (event == DS_TIMER_BRING_TO_TEAM)
    tell (self, key, "120", DS_PROMPT_BRING_TO_TEAM, item, 1);
}

/**
 * ds_bookkeeper_standup_items:
 *
 * Returns: (transfer container) (element-type DsItem): the standup list:
 *   items deferred to the standup, and items brought to the team
 */
GPtrArray *
ds_bookkeeper_standup_items (DsBookkeeper *self)
{
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->inbox));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DsItem) item = g_list_model_get_item (G_LIST_MODEL (self->inbox), i);

      if (ds_item_is_for_standup (item))
        g_ptr_array_add (items, g_steal_pointer (&item));
    }
  return items;
}

/**
 * ds_bookkeeper_standup_markdown:
 *
 * One line an item: its title, where it came from and who asked, its link,
 * the standup note. Each text shows on GitHub as it was written and pings
 * nobody (ds_text_append_markdown()); the link is written as it is only
 * when it is a web address (ds_text_is_web_link()), else as text.
 *
 * Returns: (transfer full): the standup list as Markdown, for the team's notes
 */
char *
ds_bookkeeper_standup_markdown (DsBookkeeper *self)
{
  g_autoptr(GPtrArray) items = ds_bookkeeper_standup_items (self);
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, "## %s\n\n", _("For the standup"));
  if (items->len == 0)
    g_string_append_printf (out, "%s\n", _("Nothing."));
  for (guint i = 0; i < items->len; i++)
    {
      DsItem *item = items->pdata[i];
      const char *where = ds_item_get_channel (item) != NULL
        ? ds_item_get_channel (item) : ds_item_source_label (ds_item_get_source (item));
      const char *url = ds_item_get_url (item);

      g_string_append (out, "- ");
      ds_text_append_markdown (out, ds_item_get_title (item));
      g_string_append (out, " (");
      ds_text_append_markdown (out, where);
      if (ds_item_get_requester (item) != NULL)
        {
          g_string_append (out, ", ");
          ds_text_append_markdown (out, ds_item_get_requester (item));
        }
      g_string_append_c (out, ')');
      if (url != NULL)
        {
          g_string_append_c (out, ' ');
          if (ds_text_is_web_link (url))
            g_string_append (out, url);
          else
            ds_text_append_markdown (out, url);
        }
      if (ds_item_get_standup_note (item) != NULL)
        {
          g_string_append (out, " — ");
          ds_text_append_markdown (out, ds_item_get_standup_note (item));
        }
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

static void
check_standup (DsBookkeeper *self,
               gint64        now)
{
  g_autoptr(GDateTime) local = g_date_time_new_from_unix_local (now);
  g_autofree char *today = g_date_time_format (local, "%Y-%m-%d");
  int minute = g_date_time_get_hour (local) * 60 + g_date_time_get_minute (local);
  g_autoptr(GPtrArray) items = NULL;

  /* Within the hour after standup time (Dayshift may have been off at the
   * minute), once a day. */
  if (self->standup_minute < 0 || minute < self->standup_minute ||
      minute >= self->standup_minute + 60 || told (self, "standup-told", today))
    return;
  items = ds_bookkeeper_standup_items (self);
  if (items->len == 0)
    return;
  tell (self, "standup-told", today, DS_PROMPT_STANDUP, NULL, items->len);
}

static void
check_shift (DsBookkeeper *self,
             gint64        now)
{
  gint64 start = 0, end = 0;
  g_autofree char *mark = NULL;

  if (!ds_bookkeeper_get_shift (self, &start, &end))
    return;
  mark = g_strdup_printf ("%" G_GINT64_FORMAT, start);
  if (!ds_bookkeeper_get_on_rotation (self) && now >= start - (gint64)self->shift_lead &&
      now < end && !told (self, "shift-told-start", mark))
    tell (self, "shift-told-start", mark, DS_PROMPT_SHIFT_START, NULL, 0);
  else if (ds_bookkeeper_get_on_rotation (self) && now >= end &&
           !told (self, "shift-told-end", mark))
    tell (self, "shift-told-end", mark, DS_PROMPT_SHIFT_END, NULL, 0);
}

/**
 * ds_bookkeeper_tick:
 * @now: the wall clock, Unix seconds
 *
 * Looks at the clock: prompts what is due, each once.
 */
void
ds_bookkeeper_tick (DsBookkeeper *self,
                    gint64        now)
{
  g_return_if_fail (DS_IS_BOOKKEEPER (self));

  check_timer (self, now);
  check_standup (self, now);
  check_shift (self, now);
}
