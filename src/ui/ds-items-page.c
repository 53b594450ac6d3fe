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
  GtkStack       *list_stack;
  GtkWidget      *unread_page;   /* shown when empty because nothing is read */
  char           *unread;        /* why, or NULL */
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
  return ds_item_row_new (item, G_CALLBACK (on_row_menu), user_data);
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

static GtkWidget *
status_page (const char *icon,
             const char *title,
             const char *text)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *image = gtk_image_new_from_icon_name (icon, GTK_ICON_SIZE_DIALOG);
  GtkWidget *heading = gtk_label_new (title);
  GtkWidget *body = gtk_label_new (text);
  PangoAttrList *attrs = pango_attr_list_new ();

  gtk_image_set_pixel_size (GTK_IMAGE (image), 96);
  gtk_style_context_add_class (gtk_widget_get_style_context (image), "dim-label");
  pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  pango_attr_list_insert (attrs, pango_attr_scale_new (1.6));
  gtk_label_set_attributes (GTK_LABEL (heading), attrs);
  pango_attr_list_unref (attrs);
  gtk_label_set_line_wrap (GTK_LABEL (body), TRUE);
  gtk_label_set_justify (GTK_LABEL (body), GTK_JUSTIFY_CENTER);
  gtk_label_set_max_width_chars (GTK_LABEL (body), 40);
  gtk_style_context_add_class (gtk_widget_get_style_context (body), "dim-label");
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_widget_set_halign (box, GTK_ALIGN_CENTER);
  g_object_set (box, "margin", 36, NULL);
  gtk_container_add (GTK_CONTAINER (box), image);
  gtk_container_add (GTK_CONTAINER (box), heading);
  gtk_container_add (GTK_CONTAINER (box), body);
  return box;
}

static GtkComboBoxText *
filter_combo (DsItemsPage *self,
              const char  *name)
{
  GtkWidget *combo = gtk_combo_box_text_new ();
  g_autoptr(GList) cells = gtk_cell_layout_get_cells (GTK_CELL_LAYOUT (combo));

  /* Narrow: three side by side must fit the list's column. */
  for (GList *l = cells; l != NULL; l = l->next)
    if (GTK_IS_CELL_RENDERER_TEXT (l->data))
      g_object_set (l->data, "ellipsize", PANGO_ELLIPSIZE_END, "width-chars", 6,
                    "max-width-chars", 10, NULL);
  atk_object_set_name (gtk_widget_get_accessible (combo), name);
  gtk_widget_set_tooltip_text (combo, name);
  return GTK_COMBO_BOX_TEXT (combo);
}

static void
build (DsItemsPage *self)
{
  GtkWidget *filters = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *search_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *scroller = gtk_scrolled_window_new (NULL, NULL);
  GtkWidget *detail_scroller = gtk_scrolled_window_new (NULL, NULL);
  GtkWidget *separator = gtk_separator_new (GTK_ORIENTATION_VERTICAL);
  GtkWidget *back_bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  self->leaflet = HDY_LEAFLET (hdy_leaflet_new ());
  hdy_leaflet_set_can_swipe_back (self->leaflet, TRUE);
  hdy_leaflet_set_transition_type (self->leaflet, HDY_LEAFLET_TRANSITION_TYPE_OVER);
  gtk_widget_set_vexpand (GTK_WIDGET (self->leaflet), TRUE);

  /* The list, with its search and filters. */
  self->list_column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_size_request (self->list_column, 380, -1);
  gtk_widget_set_hexpand (self->list_column, FALSE);
  self->search_entry = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  atk_object_set_name (gtk_widget_get_accessible (GTK_WIDGET (self->search_entry)),
                       self->history ? _("Search every item") : _("Search the inbox"));
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->search_entry),
                                  _("Title, text, who asked, channel or repository"));
  self->kind_combo = filter_combo (self, _("Kind"));
  gtk_combo_box_text_append (self->kind_combo, "all", _("All kinds"));
  for (DsItemKind k = 0; k <= DS_ITEM_KIND_LAST; k++)
    {
      g_autofree char *id = g_strdup_printf ("%d", k);
      gtk_combo_box_text_append (self->kind_combo, id, ds_item_kind_label (k));
    }
  self->source_combo = filter_combo (self, _("Source"));
  gtk_combo_box_text_append (self->source_combo, "all", _("All sources"));
  gtk_combo_box_text_append (self->source_combo, "slack", "Slack");
  gtk_combo_box_text_append (self->source_combo, "github", "GitHub");
  gtk_combo_box_text_append (self->source_combo, "pagerduty", "PagerDuty");
  self->state_combo = filter_combo (self, _("State"));
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
      gtk_combo_box_set_active (GTK_COMBO_BOX (*c), 0);
      g_signal_connect_swapped (*c, "changed", G_CALLBACK (apply_filters), self);
      gtk_box_pack_start (GTK_BOX (filters), GTK_WIDGET (*c), TRUE, TRUE, 0);
    }
  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (apply_filters),
                            self);
  gtk_container_add (GTK_CONTAINER (search_box), GTK_WIDGET (self->search_entry));
  gtk_container_add (GTK_CONTAINER (search_box), filters);
  if (self->history)
    {
      /* One rotation's items, and its report. */
      GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

      self->rotation_combo = filter_combo (self, _("Rotation"));
      gtk_combo_box_text_append (self->rotation_combo, "all", _("Every rotation"));
      gtk_combo_box_set_active (GTK_COMBO_BOX (self->rotation_combo), 0);
      g_signal_connect_swapped (self->rotation_combo, "changed", G_CALLBACK (apply_filters), self);
      self->report_button = gtk_button_new_with_mnemonic (_("_Report"));
      atk_object_set_name (gtk_widget_get_accessible (self->report_button),
                           _("Open the rotation's report"));
      gtk_widget_set_tooltip_text (self->report_button, _("The report of this rotation"));
      gtk_widget_set_sensitive (self->report_button, FALSE);
      g_signal_connect_swapped (self->report_button, "clicked", G_CALLBACK (on_open_report), self);
      gtk_box_pack_start (GTK_BOX (line), GTK_WIDGET (self->rotation_combo), TRUE, TRUE, 0);
      gtk_container_add (GTK_CONTAINER (line), self->report_button);
      gtk_container_add (GTK_CONTAINER (search_box), line);
    }
  self->search_bar = GTK_SEARCH_BAR (gtk_search_bar_new ());
  gtk_search_bar_connect_entry (self->search_bar, GTK_ENTRY (self->search_entry));
  gtk_search_bar_set_show_close_button (self->search_bar, FALSE);
  gtk_container_add (GTK_CONTAINER (self->search_bar), search_box);

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_SINGLE);
  gtk_list_box_set_activate_on_single_click (self->list, TRUE);
  atk_object_set_name (gtk_widget_get_accessible (GTK_WIDGET (self->list)),
                       self->history ? _("History") : _("Inbox"));
  g_signal_connect (self->list, "row-selected", G_CALLBACK (on_row_selected), self);
  g_signal_connect (self->list, "row-activated", G_CALLBACK (on_row_activated), self);
  g_signal_connect (self->list, "key-press-event", G_CALLBACK (on_list_key), self);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  g_signal_connect (scroller, "edge-reached", G_CALLBACK (on_edge_reached), self);
  gtk_container_add (GTK_CONTAINER (scroller), GTK_WIDGET (self->list));
  /* The row given the focus (the keys, an item shown) scrolls into view. */
  gtk_container_set_focus_vadjustment (GTK_CONTAINER (self->list),
                                       gtk_scrolled_window_get_vadjustment (
                                         GTK_SCROLLED_WINDOW (scroller)));

  self->list_stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->list_stack), TRUE);
  gtk_stack_add_named (self->list_stack,
                       self->history
                       ? status_page ("document-open-recent-symbolic", _("Nothing yet"),
                                      _("Every item Dayshift sees stays here, with what was "
                                        "done about it."))
                       : status_page (BASE_APP_ID "-symbolic", _("All quiet"),
                                      _("New requests from Slack, GitHub and PagerDuty appear "
                                        "here, and Dayshift tells you about each one once.")),
                       "empty");
  gtk_stack_add_named (self->list_stack,
                       status_page ("edit-find-symbolic", _("No item matches"),
                                    _("Try other words, or another kind, source or state.")),
                       "none");
  /* Empty because nothing is read: not "All quiet". */
  self->unread_page = status_page ("dialog-warning-symbolic", _("Nothing Is Read Yet"), "");
  gtk_stack_add_named (self->list_stack, self->unread_page, "unread");
  gtk_stack_add_named (self->list_stack, scroller, "list");
  gtk_container_add (GTK_CONTAINER (self->list_column), GTK_WIDGET (self->search_bar));
  gtk_container_add (GTK_CONTAINER (self->list_column), GTK_WIDGET (self->list_stack));

  /* The item, read whole. */
  self->detail_column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_hexpand (self->detail_column, TRUE);
  self->back = gtk_button_new_from_icon_name ("go-previous-symbolic", GTK_ICON_SIZE_BUTTON);
  atk_object_set_name (gtk_widget_get_accessible (self->back), _("Back to the list"));
  gtk_widget_set_tooltip_text (self->back, _("Back to the list"));
  g_signal_connect_swapped (self->back, "clicked", G_CALLBACK (on_back), self);
  g_object_set (back_bar, "margin", 6, NULL);
  gtk_container_add (GTK_CONTAINER (back_bar), self->back);
  self->detail = DS_ITEM_DETAIL (ds_item_detail_new ());
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (detail_scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_container_add (GTK_CONTAINER (detail_scroller), GTK_WIDGET (self->detail));
  self->detail_stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->detail_stack), TRUE);
  gtk_stack_add_named (self->detail_stack,
                       status_page ("view-reveal-symbolic", _("Nothing chosen"),
                                    _("Choose an item to read it whole, with its history and "
                                      "what Dayshift wrote for it.")),
                       "none");
  gtk_stack_add_named (self->detail_stack, detail_scroller, "item");
  gtk_container_add (GTK_CONTAINER (self->detail_column), back_bar);
  gtk_container_add (GTK_CONTAINER (self->detail_column), GTK_WIDGET (self->detail_stack));

  gtk_container_add (GTK_CONTAINER (self->leaflet), self->list_column);
  gtk_container_add (GTK_CONTAINER (self->leaflet), separator);
  gtk_container_child_set (GTK_CONTAINER (self->leaflet), separator, "navigatable", FALSE,
                           NULL);
  gtk_container_add (GTK_CONTAINER (self->leaflet), self->detail_column);
  g_signal_connect_swapped (self->leaflet, "notify::folded", G_CALLBACK (on_folded), self);
  /* A rotation ended since: it is in the list when the page is shown. */
  g_signal_connect (self, "map", G_CALLBACK (fill_rotations), NULL);
  gtk_container_add (GTK_CONTAINER (self), GTK_WIDGET (self->leaflet));
  gtk_widget_show_all (GTK_WIDGET (self));
  on_folded (self);
}

static void
ds_items_page_dispose (GObject *object)
{
  DsItemsPage *self = (DsItemsPage *)object;

  g_clear_object (&self->shown);
  g_clear_object (&self->filter);
  g_clear_object (&self->store);
  g_clear_pointer (&self->unread, g_free);

  G_OBJECT_CLASS (ds_items_page_parent_class)->dispose (object);
}

static void
ds_items_page_class_init (DsItemsPageClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = ds_items_page_dispose;

  /* The number of items listed, or the page shown instead, changed. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
ds_items_page_init (DsItemsPage *self)
{
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
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
  g_autoptr(GList) parts = NULL;

  g_return_if_fail (DS_IS_ITEMS_PAGE (self));

  if (g_strcmp0 (self->unread, text) == 0)
    return;
  g_free (self->unread);
  self->unread = g_strdup (text);
  /* The status page's body: its third part, under the icon and the title. */
  parts = gtk_container_get_children (GTK_CONTAINER (self->unread_page));
  gtk_label_set_text (GTK_LABEL (g_list_nth_data (parts, 2)), text != NULL ? text : "");
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

/* "just now" becomes "1 minute ago": every row built, at the minute's turn. */
void
ds_items_page_refresh_times (DsItemsPage *self)
{
  g_autoptr(GList) rows = NULL;

  g_return_if_fail (DS_IS_ITEMS_PAGE (self));

  rows = gtk_container_get_children (GTK_CONTAINER (self->list));
  for (GList *l = rows; l != NULL; l = l->next)
    ds_item_row_refresh_time (l->data);
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
