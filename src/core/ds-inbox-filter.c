/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-inbox-filter"

#include "config.h"

#include "ds-inbox-filter.h"

/* A live view of the inbox with only some states and kinds, in the inbox's
 * order. The inbox holds at most a few thousand items, so the view simply
 * recomputes itself on every change and reports the smallest changed span. */
struct _DsInboxFilter
{
  GObject    parent_instance;

  DsInbox   *inbox;
  GPtrArray *visible; /* DsItem, borrowed from the inbox */
  guint      state_mask;
  guint      kind_mask;
  char      *source;  /* "slack", "github", "pagerduty"; NULL: all */
  GStrv      words;   /* the search, case-folded; NULL: none */
  gint64     since;   /* items created in [since, until); 0, 0: any time */
  gint64     until;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DsInboxFilter, ds_inbox_filter, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

/* Whether each word is in the title, the text, who asked, or where. */
static gboolean
matches_words (DsInboxFilter *self,
               DsItem        *item)
{
  const char *folded;

  if (self->words == NULL)
    return TRUE;
  folded = ds_item_get_search_key (item);
  for (guint i = 0; self->words[i] != NULL; i++)
    if (strstr (folded, self->words[i]) == NULL)
      return FALSE;
  return TRUE;
}

static gboolean
matches (DsInboxFilter *self,
         DsItem        *item)
{
  return (self->state_mask & DS_STATE_BIT (ds_item_get_state (item))) &&
         (self->kind_mask & DS_KIND_BIT (ds_item_get_kind (item))) &&
         (self->source == NULL || g_strcmp0 (self->source, ds_item_get_source (item)) == 0) &&
         (self->until == 0 || (ds_item_get_created (item) >= self->since &&
                               ds_item_get_created (item) < self->until)) &&
         matches_words (self, item);
}

static void
refilter (DsInboxFilter *self)
{
  g_autoptr(GPtrArray) old = g_steal_pointer (&self->visible);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->inbox));
  guint prefix = 0;
  guint suffix = 0;

  self->visible = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DsItem) item = g_list_model_get_item (G_LIST_MODEL (self->inbox), i);

      if (matches (self, item))
        g_ptr_array_add (self->visible, g_steal_pointer (&item));
    }

  while (prefix < old->len && prefix < self->visible->len &&
         old->pdata[prefix] == self->visible->pdata[prefix])
    prefix++;
  while (suffix < old->len - prefix && suffix < self->visible->len - prefix &&
         old->pdata[old->len - 1 - suffix] ==
         self->visible->pdata[self->visible->len - 1 - suffix])
    suffix++;

  if (old->len != self->visible->len || prefix != old->len)
    g_list_model_items_changed (G_LIST_MODEL (self), prefix,
                                old->len - prefix - suffix,
                                self->visible->len - prefix - suffix);
}

static void
on_inbox_items_changed (GListModel    *model,
                        guint          position,
                        guint          removed,
                        guint          added,
                        DsInboxFilter *self)
{
  /* A change in place (the item's state) must be reported even when the
   * visible set stays the same, so views redraw the row. */
  if (removed == 1 && added == 1)
    {
      g_autoptr(DsItem) item = g_list_model_get_item (model, position);
      guint pos;

      if (g_ptr_array_find (self->visible, item, &pos) && matches (self, item))
        {
          g_list_model_items_changed (G_LIST_MODEL (self), pos, 1, 1);
          return;
        }
    }
  refilter (self);
}

static GType
get_item_type (GListModel *model)
{
  return DS_TYPE_ITEM;
}

static guint
get_n_items (GListModel *model)
{
  return DS_INBOX_FILTER (model)->visible->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  DsInboxFilter *self = DS_INBOX_FILTER (model);

  if (position >= self->visible->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->visible, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
ds_inbox_filter_dispose (GObject *object)
{
  DsInboxFilter *self = (DsInboxFilter *)object;

  if (self->inbox != NULL)
    g_signal_handlers_disconnect_by_data (self->inbox, self);
  g_clear_object (&self->inbox);

  G_OBJECT_CLASS (ds_inbox_filter_parent_class)->dispose (object);
}

static void
ds_inbox_filter_finalize (GObject *object)
{
  DsInboxFilter *self = (DsInboxFilter *)object;

  g_clear_pointer (&self->visible, g_ptr_array_unref);
  g_clear_pointer (&self->source, g_free);
  g_clear_pointer (&self->words, g_strfreev);

  G_OBJECT_CLASS (ds_inbox_filter_parent_class)->finalize (object);
}

static void
ds_inbox_filter_class_init (DsInboxFilterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ds_inbox_filter_dispose;
  object_class->finalize = ds_inbox_filter_finalize;
}

static void
ds_inbox_filter_init (DsInboxFilter *self)
{
  self->visible = g_ptr_array_new_with_free_func (g_object_unref);
}

DsInboxFilter *
ds_inbox_filter_new (DsInbox *inbox,
                     guint    state_mask,
                     guint    kind_mask)
{
  DsInboxFilter *self;

  g_return_val_if_fail (DS_IS_INBOX (inbox), NULL);

  self = g_object_new (DS_TYPE_INBOX_FILTER, NULL);
  self->inbox = g_object_ref (inbox);
  self->state_mask = state_mask;
  self->kind_mask = kind_mask;
  g_signal_connect (inbox, "items-changed", G_CALLBACK (on_inbox_items_changed), self);
  refilter (self);

  return self;
}

void
ds_inbox_filter_set_masks (DsInboxFilter *self,
                           guint          state_mask,
                           guint          kind_mask)
{
  g_return_if_fail (DS_IS_INBOX_FILTER (self));

  if (self->state_mask == state_mask && self->kind_mask == kind_mask)
    return;
  self->state_mask = state_mask;
  self->kind_mask = kind_mask;
  refilter (self);
}

/**
 * ds_inbox_filter_set_source:
 * @source: (nullable): "slack", "github" or "pagerduty"; %NULL for all
 */
void
ds_inbox_filter_set_source (DsInboxFilter *self,
                            const char    *source)
{
  g_return_if_fail (DS_IS_INBOX_FILTER (self));

  if (g_strcmp0 (self->source, source) == 0)
    return;
  g_free (self->source);
  self->source = g_strdup (source);
  refilter (self);
}

/**
 * ds_inbox_filter_set_search:
 * @text: (nullable): words that must all be in an item's title, text,
 *   requester, channel or repository, or id, in any case; %NULL or "" for
 *   all items
 */
void
ds_inbox_filter_set_search (DsInboxFilter *self,
                            const char    *text)
{
  g_autofree char *folded = NULL;
  GStrv words;

  g_return_if_fail (DS_IS_INBOX_FILTER (self));

  folded = text != NULL ? g_utf8_casefold (text, -1) : g_strdup ("");
  words = g_strsplit_set (g_strstrip (folded), " \t\n", -1);
  {
    /* Without the empty strings of repeated spaces. */
    guint j = 0;
    for (guint i = 0; words[i] != NULL; i++)
      if (*words[i] != '\0')
        words[j++] = words[i];
      else
        g_free (words[i]);
    words[j] = NULL;
  }
  if (words[0] == NULL)
    g_clear_pointer (&words, g_strfreev);
  if ((words == NULL && self->words == NULL) ||
      (words != NULL && self->words != NULL &&
       g_strv_equal ((const char * const *)words, (const char * const *)self->words)))
    {
      g_strfreev (words);
      return;
    }
  g_strfreev (self->words);
  self->words = words;
  refilter (self);
}

/**
 * ds_inbox_filter_set_window:
 * @since: the first second of the window
 * @until: the end of the window (not in it); 0 for any time
 *
 * Only items that arrived within the window: a rotation's.
 */
void
ds_inbox_filter_set_window (DsInboxFilter *self,
                            gint64         since,
                            gint64         until)
{
  g_return_if_fail (DS_IS_INBOX_FILTER (self));

  if (self->since == since && self->until == until)
    return;
  self->since = since;
  self->until = until;
  refilter (self);
}

/**
 * ds_inbox_filter_find:
 * @position: (out) (optional): where @item is in the view
 *
 * Returns: whether the view shows @item
 */
gboolean
ds_inbox_filter_find (DsInboxFilter *self,
                      DsItem        *item,
                      guint         *position)
{
  g_return_val_if_fail (DS_IS_INBOX_FILTER (self), FALSE);

  return g_ptr_array_find (self->visible, item, position);
}
