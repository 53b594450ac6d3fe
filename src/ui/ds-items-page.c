/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-items-page"

#include "config.h"

#include <glib/gi18n.h>

#include <handy.h>

#include "ds-books.h"
#include "ds-inbox-filter.h"
#include "ds-report.h"
#include "ds-item-detail.h"
#include "ds-item-row.h"
#include "ds-items-page.h"
#include "ds-quick-actions.h"
#include "ds-slice-model.h"

/* A list of items and, beside it, the one chosen, read whole: the window's
 * Inbox (open items) and History (every item ever seen). A search over
 * title, text, who asked and where, and filters by kind, source and state,
 * narrow the list as they are typed. Rows are built for the first items
 * only, more as the list is scrolled (the inbox may hold thousands). On a
 * narrow window the two fold into one, and Back returns to the list.
 * Keyboard: A, D, I, S act on the selected item (the quick actions' keys:
 * Acknowledge, Delegate…, File Issue, Defer to Standup), when they apply. */
struct _DsItemsPage
{
  GtkBox          parent_instance;

  gboolean        history;
  gboolean        bound;      /* rows built (History: once first shown) */
  DsInboxFilter  *filter;
  DsSliceModel   *shown;
  DsStore        *store;
  DsResponseClock *clock;     /* the team's, or NULL: rows show no wait */
  GtkWidget      *row_menu;   /* the popover of the last row menu opened */

  HdyLeaflet     *leaflet;
  GtkWidget      *list_column;
  GtkWidget      *detail_column;
  GtkSearchBar   *search_bar;
  GtkSearchEntry *search_entry;
  GtkComboBoxText *kind_combo;
  GtkComboBoxText *source_combo;
  GtkComboBoxText *state_combo;
  GtkComboBoxText *rotation_combo;  /* History: all time, or one rotation */
  GtkWidget      *report_button;
  GtkWidget      *rotation_line;
  GtkStack       *list_stack;
  GtkWidget      *quiet_page;       /* the inbox's when empty */
  GtkWidget      *nothing_yet_page; /* History's when empty */
  GtkLabel       *unread_body;   /* shown when empty because nothing is read: why */
  char           *unread;        /* why, or NULL */
  GtkScrolledWindow *list_scroller;
  GtkListBox     *list;
  GtkStack       *detail_stack;
  DsItemDetail   *detail;
  GtkWidget      *back;
};

G_DEFINE_FINAL_TYPE (DsItemsPage, ds_items_page, GTK_TYPE_BOX)

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

#define ROWS_AT_ONCE 30

/* One popover for every row's menu, made for the row whose button was
 * pressed. */
static void
on_row_menu (GtkButton *button,
             DsItemsPage *self)
{
  DsItem *item = ds_item_row_get_item (gtk_widget_get_ancestor (GTK_WIDGET (button),
                                                                DS_TYPE_ITEM_ROW));
  g_autoptr(GMenuModel) menu = NULL;

  if (item == NULL)
    return;
  menu = ds_item_row_menu (item);
  if (self->row_menu != NULL)
    gtk_widget_destroy (self->row_menu);
  self->row_menu = gtk_popover_new_from_model (GTK_WIDGET (button), menu);
  g_object_add_weak_pointer (G_OBJECT (self->row_menu), (gpointer *)&self->row_menu);
  gtk_popover_popup (GTK_POPOVER (self->row_menu));
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  DsItemsPage *self = user_data;

  return ds_item_row_new (item, self->clock, G_CALLBACK (on_row_menu), user_data);
}

static void
update_list_page (DsItemsPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->filter));
  const char *search = gtk_entry_get_text (GTK_ENTRY (self->search_entry));
  gboolean filtered = *search != '\0' ||
                      g_strcmp0 (gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->kind_combo)),
                                 "all") != 0 ||
                      g_strcmp0 (gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->source_combo)),
                                 "all") != 0 ||
                      gtk_combo_box_get_active (GTK_COMBO_BOX (self->state_combo)) != 0;

  gtk_stack_set_visible_child_name (self->list_stack, n > 0 ? "list" : filtered ? "none"
                                                     : self->unread != NULL ? "unread" : "empty");
  g_signal_emit (self, signals[CHANGED], 0);
}

/* The search and the filters, as they are now. */
static void
apply_filters (DsItemsPage *self)
{
  const char *kind = gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->kind_combo));
  const char *source = gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->source_combo));
  const char *state = gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->state_combo));
  guint kinds = DS_ALL_KINDS;
  guint states = self->history ? DS_ALL_STATES : DS_OPEN_STATES;

  if (kind != NULL && g_strcmp0 (kind, "all") != 0)
    kinds = DS_KIND_BIT (atoi (kind));
  if (g_strcmp0 (state, "open") == 0)
    states = DS_OPEN_STATES;
  else if (g_strcmp0 (state, "new") == 0)
    states = DS_STATE_BIT (DS_ITEM_STATE_NEW);
  else if (g_strcmp0 (state, "deferred") == 0)
    states = DS_STATE_BIT (DS_ITEM_STATE_DEFERRED);
  else if (g_strcmp0 (state, "done") == 0)
    states = DS_STATE_BIT (DS_ITEM_STATE_DONE) | DS_STATE_BIT (DS_ITEM_STATE_DISMISSED);
  if (self->rotation_combo != NULL)
    {
      const char *rotation = gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->rotation_combo));
      gint64 since = 0, until = 0;

      if (rotation != NULL && !g_str_equal (rotation, "all"))
        {
          char *end = NULL;
          since = g_ascii_strtoll (rotation, &end, 10);
          until = end != NULL && *end == ':' ? g_ascii_strtoll (end + 1, NULL, 10) : 0;
          if (until == 0)
            until = G_MAXINT64;
        }
      ds_inbox_filter_set_window (self->filter, since, until);
      gtk_widget_set_sensitive (self->report_button, since != 0);
    }
  ds_inbox_filter_set_masks (self->filter, states, kinds);
  ds_inbox_filter_set_source (self->filter, g_strcmp0 (source, "all") != 0 ? source : NULL);
  ds_inbox_filter_set_search (self->filter, gtk_entry_get_text (GTK_ENTRY (self->search_entry)));
  update_list_page (self);
}

/* History: the rotations in the database, newest first. */
static void
fill_rotations (DsItemsPage *self)
{
  g_autoptr(GArray) spans = NULL;
  g_autofree char *active = NULL;

  if (self->rotation_combo == NULL)
    return;
  active = g_strdup (gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->rotation_combo)));
  g_signal_handlers_block_by_func (self->rotation_combo, apply_filters, self);
  gtk_combo_box_text_remove_all (self->rotation_combo);
  gtk_combo_box_text_append (self->rotation_combo, "all", _("Every rotation"));
  spans = self->store != NULL ? ds_store_rotations (self->store, NULL) : NULL;
  for (guint i = 0; spans != NULL && i < spans->len; i++)
    {
      DsRotationSpan *span = &g_array_index (spans, DsRotationSpan, i);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT,
                                             span->started, span->ended);
      g_autofree char *from = ds_report_format_time (span->started);
      g_autofree char *to = span->ended != 0 ? ds_report_format_time (span->ended) : NULL;
      /* Translators: a rotation in the History page: "<from> – <to>", or "<from> – now" */
      g_autofree char *label = to != NULL ? g_strdup_printf (_("%s – %s"), from, to)
                                          : g_strdup_printf (_("%s – now"), from);

      gtk_combo_box_text_append (self->rotation_combo, id, label);
    }
  if (active == NULL || !gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->rotation_combo), active))
    gtk_combo_box_set_active (GTK_COMBO_BOX (self->rotation_combo), 0);
  g_signal_handlers_unblock_by_func (self->rotation_combo, apply_filters, self);
}

static void
on_open_report (DsItemsPage *self)
{
  const char *id = gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->rotation_combo));
  GApplication *app = g_application_get_default ();

  if (id == NULL || g_str_equal (id, "all") || app == NULL)
    return;
  g_action_group_activate_action (G_ACTION_GROUP (app), "show-rotation-report",
                                  g_variant_new_int64 (g_ascii_strtoll (id, NULL, 10)));
}

/* A selected row about to go (a search, the item handled): unselected
 * first. GTK's accessibility bridge otherwise asks later about the row it
 * last heard was selected, and that row is gone. The pane keeps the item. */
static void
before_rows_change (GListModel  *model,
                    guint        position,
                    guint        removed,
                    guint        added,
                    DsItemsPage *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->list);
  int index = row != NULL ? gtk_list_box_row_get_index (row) : -1;

  if (index >= (int)position && index < (int)(position + removed))
    gtk_list_box_unselect_all (self->list);
}

/* Scrolled to the end of the rows built: the next ones. */
static void
on_edge_reached (GtkScrolledWindow *scroller,
                 GtkPositionType    pos,
                 DsItemsPage       *self)
{
  if (pos == GTK_POS_BOTTOM && ds_slice_model_get_hidden (self->shown) > 0)
    ds_slice_model_set_limit (self->shown, ds_slice_model_get_limit (self->shown) + ROWS_AT_ONCE);
}

static void
show_detail (DsItemsPage *self,
             DsItem      *item)
{
  ds_item_detail_set_item (self->detail, item, self->store);
  gtk_stack_set_visible_child_name (self->detail_stack, item != NULL ? "item" : "none");
}

static void
on_row_selected (GtkListBox    *list,
                 GtkListBoxRow *row,
                 DsItemsPage   *self)
{
  if (row != NULL)
    show_detail (self, ds_item_row_get_item (GTK_WIDGET (row)));
}

/* Enter or a click: the item, read whole (on a narrow window, in place of the list). */
static void
on_row_activated (GtkListBox    *list,
                  GtkListBoxRow *row,
                  DsItemsPage   *self)
{
  show_detail (self, ds_item_row_get_item (GTK_WIDGET (row)));
  hdy_leaflet_set_visible_child (self->leaflet, self->detail_column);
}

static void
on_back (DsItemsPage *self)
{
  hdy_leaflet_set_visible_child (self->leaflet, self->list_column);
}

static void
on_folded (DsItemsPage *self)
{
  gtk_widget_set_visible (self->back, hdy_leaflet_get_folded (self->leaflet));
}

/* A, D, I, S on the selected item: the quick actions with a key. One that
 * does not apply to the item as it is (Acknowledge on what is acknowledged,
 * anything on what is done) is refused with the error bell. */
static gboolean
on_list_key (GtkWidget   *widget,
             GdkEventKey *event,
             DsItemsPage *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->list);
  GApplication *app = g_application_get_default ();
  guint keyval = gdk_keyval_to_lower (event->keyval);
  DsItem *item;

  if (row == NULL || app == NULL ||
      (event->state & gtk_accelerator_get_default_mod_mask ()) != 0)
    return GDK_EVENT_PROPAGATE;
  item = ds_item_row_get_item (GTK_WIDGET (row));
  for (DsQuickActionId q = 0; q < DS_N_QUICK_ACTIONS; q++)
    {
      const DsQuickAction *a = ds_quick_action (q);

      if (a->key == NULL || gdk_keyval_from_name (a->key) != keyval)
        continue;
      if (ds_quick_action_applies (a, item))
        g_action_group_activate_action (G_ACTION_GROUP (app), a->action,
                                        g_variant_new_string (ds_item_get_id (item)));
      else
        gtk_widget_error_bell (widget);
      return GDK_EVENT_STOP;
    }
  return GDK_EVENT_PROPAGATE;
}

/* Narrow: three side by side must fit the list's column. */
static void
narrow_cells (GtkComboBoxText *combo)
{
  g_autoptr(GList) cells = gtk_cell_layout_get_cells (GTK_CELL_LAYOUT (combo));

  for (GList *l = cells; l != NULL; l = l->next)
    if (GTK_IS_CELL_RENDERER_TEXT (l->data))
      g_object_set (l->data, "ellipsize", PANGO_ELLIPSIZE_END, "width-chars", 6,
                    "max-width-chars", 10, NULL);
}

/* What the template leaves to the page: which it is, Inbox or History, and
 * the filters' entries. */
static void
build (DsItemsPage *self)
{
  atk_object_set_name (gtk_widget_get_accessible (GTK_WIDGET (self->search_entry)),
                       self->history ? _("Search every item") : _("Search the inbox"));
  atk_object_set_name (gtk_widget_get_accessible (GTK_WIDGET (self->list)),
                       self->history ? _("History") : _("Inbox"));
  /* The empty list's page: the one this page shows, under the name the
   * code asks for. */
  gtk_widget_destroy (self->history ? self->quiet_page : self->nothing_yet_page);
  gtk_container_child_set (GTK_CONTAINER (self->list_stack),
                           self->history ? self->nothing_yet_page : self->quiet_page,
                           "name", "empty", NULL);
  self->quiet_page = self->nothing_yet_page = NULL;

  gtk_combo_box_text_append (self->kind_combo, "all", _("All kinds"));
  for (DsItemKind k = 0; k <= DS_ITEM_KIND_LAST; k++)
    {
      g_autofree char *id = g_strdup_printf ("%d", k);
      gtk_combo_box_text_append (self->kind_combo, id, ds_item_kind_label (k));
    }
  gtk_combo_box_text_append (self->source_combo, "all", _("All sources"));
  gtk_combo_box_text_append (self->source_combo, "slack", "Slack");
  gtk_combo_box_text_append (self->source_combo, "github", "GitHub");
  gtk_combo_box_text_append (self->source_combo, "pagerduty", "PagerDuty");
  if (self->history)
    {
      gtk_combo_box_text_append (self->state_combo, "any", _("Any state"));
      /* Translators: a filter: the items still open (not the verb) */
      gtk_combo_box_text_append (self->state_combo, "open", C_("items", "Open"));
      gtk_combo_box_text_append (self->state_combo, "done", _("Done or dismissed"));
    }
  else
    {
      gtk_combo_box_text_append (self->state_combo, "any", C_("items", "Open"));
      gtk_combo_box_text_append (self->state_combo, "new", _("New"));
      gtk_combo_box_text_append (self->state_combo, "deferred", _("Deferred to standup"));
    }
  for (GtkComboBoxText **c = (GtkComboBoxText *[]){ self->kind_combo, self->source_combo,
                                                    self->state_combo, NULL }; *c; c++)
    {
      narrow_cells (*c);
      gtk_combo_box_set_active (GTK_COMBO_BOX (*c), 0);
      g_signal_connect_swapped (*c, "changed", G_CALLBACK (apply_filters), self);
    }
  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (apply_filters),
                            self);
  if (self->history)
    {
      /* One rotation's items, and its report. */
      narrow_cells (self->rotation_combo);
      gtk_combo_box_text_append (self->rotation_combo, "all", _("Every rotation"));
      gtk_combo_box_set_active (GTK_COMBO_BOX (self->rotation_combo), 0);
      g_signal_connect_swapped (self->rotation_combo, "changed", G_CALLBACK (apply_filters), self);
    }
  else
    {
      gtk_widget_destroy (self->rotation_line);
      self->rotation_line = NULL;
      self->rotation_combo = NULL;
      self->report_button = NULL;
    }
  /* A rotation ended since: it is in the list when the page is shown. */
  g_signal_connect (self, "map", G_CALLBACK (fill_rotations), NULL);
  on_folded (self);
}

static void
ds_items_page_dispose (GObject *object)
{
  DsItemsPage *self = (DsItemsPage *)object;

  g_clear_object (&self->shown);
  g_clear_object (&self->filter);
  g_clear_object (&self->store);
  g_clear_pointer (&self->clock, ds_response_clock_unref);
  g_clear_pointer (&self->unread, g_free);

  G_OBJECT_CLASS (ds_items_page_parent_class)->dispose (object);
}

static void
ds_items_page_class_init (DsItemsPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = ds_items_page_dispose;
  g_type_ensure (HDY_TYPE_LEAFLET);
  g_type_ensure (DS_TYPE_ITEM_DETAIL);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/ds-items-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DsItemsPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, DsItemsPage, list_column);
  gtk_widget_class_bind_template_child (widget_class, DsItemsPage, detail_column);
  gtk_widget_class_bind_template_child (widget_class, DsItemsPage, search_bar);
  gtk_widget_class_bind_template_child (widget_class, DsItemsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, DsItemsPage, kind_combo);
  gtk_widget_class_bind_template_child (widget_class, DsItemsPage, source_combo);
  gtk_widget_class_bind_template_child (widget_class, DsItemsPage, state_combo);
  gtk_widget_class_bind_template_child (widget_class, DsItemsPage, rotation_line);
  gtk_widget_class_bind_template_child (widget_class, DsItemsPage, rotation_combo);
  gtk_widget_class_bind_template_child (widget_class, DsItemsPage, report_button);
  gtk_widget_class_bind_template_child (widget_class, DsItemsPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, DsItemsPage, quiet_page);
  gtk_widget_class_bind_template_child (widget_class, DsItemsPage, nothing_yet_page);
  gtk_widget_class_bind_template_child (widget_class, DsItemsPage, unread_body);
  gtk_widget_class_bind_template_child (widget_class, DsItemsPage, list_scroller);
  gtk_widget_class_bind_template_child (widget_class, DsItemsPage, list);
  gtk_widget_class_bind_template_child (widget_class, DsItemsPage, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, DsItemsPage, detail);
  gtk_widget_class_bind_template_child (widget_class, DsItemsPage, back);
  gtk_widget_class_bind_template_callback (widget_class, on_folded);
  gtk_widget_class_bind_template_callback (widget_class, on_open_report);
  gtk_widget_class_bind_template_callback (widget_class, on_edge_reached);
  gtk_widget_class_bind_template_callback (widget_class, on_row_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_list_key);
  gtk_widget_class_bind_template_callback (widget_class, on_back);

  /* The number of items listed, or the page shown instead, changed. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
ds_items_page_init (DsItemsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_search_bar_connect_entry (self->search_bar, GTK_ENTRY (self->search_entry));
  /* The row given the focus (the keys, an item shown) scrolls into view. */
  gtk_container_set_focus_vadjustment (GTK_CONTAINER (self->list),
                                       gtk_scrolled_window_get_vadjustment (self->list_scroller));
}

static void
bind_rows (DsItemsPage *self)
{
  if (self->bound)
    return;
  self->bound = TRUE;
  gtk_list_box_bind_model (self->list, G_LIST_MODEL (self->shown), create_row, self, NULL);
}

/**
 * ds_items_page_new:
 * @history: every item ever seen; else the open ones
 */
GtkWidget *
ds_items_page_new (DsInbox  *inbox,
                   gboolean  history)
{
  DsItemsPage *self;

  g_return_val_if_fail (DS_IS_INBOX (inbox), NULL);

  self = g_object_new (DS_TYPE_ITEMS_PAGE, NULL);
  self->history = history;
  build (self);
  self->filter = ds_inbox_filter_new (inbox, history ? DS_ALL_STATES : DS_OPEN_STATES,
                                      DS_ALL_KINDS);
  /* Rows for the first items only, more as the user scrolls down: the page
   * opens as fast on 10,000 items as on 100. */
  self->shown = ds_slice_model_new (G_LIST_MODEL (self->filter), ROWS_AT_ONCE);
  /* Before the list box hears of it (connected first). */
  g_signal_connect (self->shown, "items-changed", G_CALLBACK (before_rows_change), self);
  /* The inbox's rows at once; History's when it is first shown. */
  if (history)
    g_signal_connect (self, "map", G_CALLBACK (bind_rows), NULL);
  else
    bind_rows (self);
  g_signal_connect_object (self->filter, "items-changed", G_CALLBACK (update_list_page), self,
                           G_CONNECT_SWAPPED);
  update_list_page (self);
  return GTK_WIDGET (self);
}

/**
 * ds_items_page_set_unread:
 * @text: (nullable): what is not read, and why; an empty list then says so
 *   rather than "All quiet"
 */
void
ds_items_page_set_unread (DsItemsPage *self,
                          const char  *text)
{
  g_return_if_fail (DS_IS_ITEMS_PAGE (self));

  if (g_strcmp0 (self->unread, text) == 0)
    return;
  g_free (self->unread);
  self->unread = g_strdup (text);
  gtk_label_set_text (self->unread_body, text != NULL ? text : "");
  update_list_page (self);
}

void
ds_items_page_set_store (DsItemsPage *self,
                         DsStore     *store)
{
  g_return_if_fail (DS_IS_ITEMS_PAGE (self));

  g_set_object (&self->store, store);
  show_detail (self, NULL);
  fill_rotations (self);
}

/* The items the page lists now (after search and filters). */
guint
ds_items_page_get_n_items (DsItemsPage *self)
{
  g_return_val_if_fail (DS_IS_ITEMS_PAGE (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->filter));
}

GtkSearchBar *
ds_items_page_get_search_bar (DsItemsPage *self)
{
  g_return_val_if_fail (DS_IS_ITEMS_PAGE (self), NULL);
  return self->search_bar;
}

/* Searches as if @text were typed (for scripts and benchmarks). */
void
ds_items_page_set_search (DsItemsPage *self,
                          const char  *text)
{
  g_return_if_fail (DS_IS_ITEMS_PAGE (self));

  gtk_search_bar_set_search_mode (self->search_bar, text != NULL && *text != '\0');
  gtk_entry_set_text (GTK_ENTRY (self->search_entry), text != NULL ? text : "");
  apply_filters (self);
}

/* "just now" becomes "1 minute ago", and waits move on: every row built,
 * and the pane, at the minute's turn. */
void
ds_items_page_refresh_times (DsItemsPage *self)
{
  g_autoptr(GList) rows = NULL;

  g_return_if_fail (DS_IS_ITEMS_PAGE (self));

  rows = gtk_container_get_children (GTK_CONTAINER (self->list));
  for (GList *l = rows; l != NULL; l = l->next)
    ds_item_row_refresh_time (l->data, self->clock);
  ds_item_detail_refresh_time (self->detail);
}

/**
 * ds_items_page_set_response_clock:
 * @clock: (nullable): the team's response clock (its profile's); %NULL
 *   when it set no targets
 */
void
ds_items_page_set_response_clock (DsItemsPage     *self,
                                  DsResponseClock *clock)
{
  g_return_if_fail (DS_IS_ITEMS_PAGE (self));

  if (clock == self->clock)
    return;
  g_clear_pointer (&self->clock, ds_response_clock_unref);
  self->clock = clock != NULL ? ds_response_clock_ref (clock) : NULL;
  ds_item_detail_set_response_clock (self->detail, clock);
  ds_items_page_refresh_times (self);
}

/* Everything the page can list: no search, every kind, source and state,
 * every rotation. */
static void
clear_filters (DsItemsPage *self)
{
  GtkComboBox *combos[] = { GTK_COMBO_BOX (self->kind_combo), GTK_COMBO_BOX (self->source_combo),
                            GTK_COMBO_BOX (self->state_combo),
                            self->rotation_combo != NULL
                              ? GTK_COMBO_BOX (self->rotation_combo) : NULL };

  g_signal_handlers_block_by_func (self->search_entry, apply_filters, self);
  gtk_entry_set_text (GTK_ENTRY (self->search_entry), "");
  g_signal_handlers_unblock_by_func (self->search_entry, apply_filters, self);
  for (guint i = 0; i < G_N_ELEMENTS (combos) && combos[i] != NULL; i++)
    {
      g_signal_handlers_block_by_func (combos[i], apply_filters, self);
      gtk_combo_box_set_active (combos[i], 0);
      g_signal_handlers_unblock_by_func (combos[i], apply_filters, self);
    }
  apply_filters (self);
}

/**
 * ds_items_page_show_item:
 *
 * Selects @item in the list, scrolled to, with the focus (the keys act on
 * it), and reads it whole in the pane; a search or a filter that hides it
 * is cleared first.
 *
 * Returns: whether the page lists @item (the inbox lists open items only)
 */
gboolean
ds_items_page_show_item (DsItemsPage *self,
                         DsItem      *item)
{
  GtkListBoxRow *row;
  guint position;

  g_return_val_if_fail (DS_IS_ITEMS_PAGE (self), FALSE);
  g_return_val_if_fail (DS_IS_ITEM (item), FALSE);

  bind_rows (self);
  if (!ds_inbox_filter_find (self->filter, item, &position))
    {
      clear_filters (self);
      if (!ds_inbox_filter_find (self->filter, item, &position))
        return FALSE;
    }
  /* Rows are built down to it. */
  if (position >= ds_slice_model_get_limit (self->shown))
    ds_slice_model_set_limit (self->shown, (position / ROWS_AT_ONCE + 1) * ROWS_AT_ONCE);
  row = gtk_list_box_get_row_at_index (self->list, (int)position);
  if (row != NULL)
    {
      gtk_list_box_select_row (self->list, row);
      gtk_widget_grab_focus (GTK_WIDGET (row));
    }
  show_detail (self, item);
  if (hdy_leaflet_get_folded (self->leaflet))
    hdy_leaflet_set_visible_child (self->leaflet, self->detail_column);
  return TRUE;
}
