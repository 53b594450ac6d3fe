/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-setup-check-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include <handy.h>

#include "ds-setup-check-dialog.h"

/* Check Setup, in the window: the setup check of the team profile in force
 * (the desk's), run when the dialog is opened and again on Check Again.
 * A group per section (each service, then the teammates), shown once it
 * has a row; a row per check, in the check's order, there as soon as the
 * check begins it (a spinner) and marked when it ends: ✓ passed, ✗ failed,
 * – skipped, said in its accessible name too, since a mark is not read
 * aloud. Under its title, what was found and, when it failed, the fix;
 * How to Fix opens the vendor's page. At the top, what the rows come to.
 * A run the dialog lets go of (closed, or checked again) is cancelled, and
 * nothing it says after is shown. What does not change with the check is
 * in data/ui/ds-setup-check-dialog.ui. */

struct _DsSetupCheckDialog
{
  GtkDialog            parent_instance;

  DsDesk              *desk;
  DsSetupCheck        *check;        /* the run shown, or NULL */
  GCancellable        *cancellable;  /* its */
  GPtrArray           *rows;         /* HdyPreferencesRow, one for each row of the check,
                                      * in its order */
  HdyPreferencesGroup *groups[DS_CHECK_TEAMMATES + 1];

  /* From the template. */
  GtkSpinner          *spinner;
  GtkImage            *summary_icon;
  GtkLabel            *summary;
  GtkLabel            *note;
  GtkWidget           *again_button;
  HdyPreferencesPage  *page;
};

G_DEFINE_FINAL_TYPE (DsSetupCheckDialog, ds_setup_check_dialog, GTK_TYPE_DIALOG)

/* How a check's state is shown: its mark, the mark's style, and in words. */
static const struct
{
  const char *icon;
  const char *style;
  const char *word;
} marks[] = {
  [DS_CHECK_PENDING] = { NULL, NULL, N_("checking") },
  [DS_CHECK_PASSED] = { "emblem-ok-symbolic", "success", N_("passed") },
  [DS_CHECK_FAILED] = { "dialog-error-symbolic", "error", N_("failed") },
  [DS_CHECK_SKIPPED] = { "list-remove-symbolic", "dim-label", N_("skipped") },
};

/* The themes name a colour for success and one for errors; GTK 3's own
 * style sheet gives them to labels only, this gives them to the marks. */
static GtkCssProvider *mark_css;

static void
set_mark (GtkImage   *image,
          const char *icon,
          const char *style)
{
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (image));

  for (guint i = 0; i < G_N_ELEMENTS (marks); i++)
    if (marks[i].style != NULL)
      gtk_style_context_remove_class (context, marks[i].style);
  if (style != NULL)
    gtk_style_context_add_class (context, style);
  gtk_image_set_from_icon_name (image, icon, GTK_ICON_SIZE_BUTTON);
}

static GtkWidget *
mark_new (void)
{
  GtkWidget *image = gtk_image_new ();

  gtk_style_context_add_provider (gtk_widget_get_style_context (image),
                                  GTK_STYLE_PROVIDER (mark_css),
                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  return image;
}

/* What the rows come to, at the top: @icon NULL while the check runs. */
static void
say (DsSetupCheckDialog *self,
     const char         *text,
     const char         *icon,
     const char         *style)
{
  gtk_label_set_text (self->summary, text);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), icon == NULL);
  if (icon == NULL)
    gtk_spinner_start (self->spinner);
  else
    gtk_spinner_stop (self->spinner);
  gtk_widget_set_visible (GTK_WIDGET (self->summary_icon), icon != NULL);
  if (icon != NULL)
    set_mark (self->summary_icon, icon, style);
}

/* How to Fix: the vendor's page, in the browser; if none opens, the
 * address, to open by hand. */
static gboolean
on_how (GtkLinkButton      *button,
        DsSetupCheckDialog *self)
{
  const char *uri = gtk_link_button_get_uri (button);
  g_autoptr(GError) error = NULL;

  if (!gtk_show_uri_on_window (GTK_WINDOW (self), uri, GDK_CURRENT_TIME, &error))
    {
      /* Translators: "The page did not open (<why>). Its address: <address>" */
      g_autofree char *said = g_strdup_printf (_("The page did not open (%s). Its address: %s"),
                                               error->message, uri);

      gtk_label_set_text (self->note, said);
    }
  return TRUE; /* opened here, not by GTK */
}

/* A check's row: a preferences row, as Settings' token rows are, whose
 * lines are labels of its own, so that each is read by assistive
 * technologies and can be selected (a scope's name, a channel's id, to
 * copy): the mark, the title, what was found under it (dimmed, as a
 * subtitle), the fix under that, and How to Fix at the end. */
typedef struct
{
  GtkStack  *mark;     /* "pending": a spinner; "done": the mark */
  GtkImage  *image;
  GtkLabel  *title;
  GtkLabel  *detail;
  GtkLabel  *fix;
  GtkWidget *line;     /* the row's line, where How to Fix goes */
  GtkWidget *how;      /* or NULL */
} Row;

static GtkWidget *
line_label (const char *style)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_line_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_line_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 60);
  if (style != NULL)
    gtk_style_context_add_class (gtk_widget_get_style_context (label), style);
  return label;
}

/* A row as its check now stands: its title (which the answer may have
 * given, as a schedule's name), its mark, its words, and How to Fix once it
 * failed with a page to say how. */
static void
show_row (DsSetupCheckDialog *self,
          GtkWidget          *item,
          const DsCheckRow   *row)
{
  Row *r = g_object_get_data (G_OBJECT (item), "row");
  AtkObject *a11y = gtk_widget_get_accessible (item);
  const char *word = _(marks[row->state].word);
  /* Translators: a row of the setup check, as screen readers say it:
   * "GitHub token: passed" */
  g_autofree char *name = g_strdup_printf (_("%s: %s"), row->title, word);
  /* Translators: what to do about a failed check: "Fix: Save a new token …" */
  g_autofree char *fix = row->fix != NULL ? g_strdup_printf (_("Fix: %s"), row->fix) : NULL;
  g_autofree char *said = fix != NULL
    ? g_strdup_printf ("%s\n%s", row->detail != NULL ? row->detail : "", fix)
    : g_strdup (row->detail);

  gtk_label_set_text (r->title, row->title);
  hdy_preferences_row_set_title (HDY_PREFERENCES_ROW (item), row->title);
  if (row->state == DS_CHECK_PENDING)
    gtk_stack_set_visible_child_name (r->mark, "pending");
  else
    {
      set_mark (r->image, marks[row->state].icon, marks[row->state].style);
      gtk_stack_set_visible_child_name (r->mark, "done");
    }
  atk_object_set_name (gtk_widget_get_accessible (GTK_WIDGET (r->image)), word);
  gtk_widget_set_tooltip_text (GTK_WIDGET (r->mark), word);
  atk_object_set_name (a11y, name);
  atk_object_set_description (a11y, said != NULL ? said : "");

  gtk_label_set_text (r->detail, row->detail != NULL ? row->detail : "");
  gtk_widget_set_visible (GTK_WIDGET (r->detail), row->detail != NULL);
  gtk_label_set_text (r->fix, fix != NULL ? fix : "");
  gtk_widget_set_visible (GTK_WIDGET (r->fix), fix != NULL);

  if (row->link != NULL && row->state != DS_CHECK_PENDING && r->how == NULL)
    {
      /* Translators: the link to the vendor's page for a check's fix, as
       * screen readers say it: "How to fix “Kind of token”" */
      g_autofree char *how_name = g_strdup_printf (_("How to fix “%s”"), row->title);

      r->how = gtk_link_button_new_with_label (row->link, _("How to Fix"));
      gtk_widget_set_valign (r->how, GTK_ALIGN_CENTER);
      atk_object_set_name (gtk_widget_get_accessible (r->how), how_name);
      g_signal_connect_object (r->how, "activate-link", G_CALLBACK (on_how), self, 0);
      gtk_widget_show (r->how);
      gtk_container_add (GTK_CONTAINER (r->line), r->how);
    }
}

static GtkWidget *
row_new (DsSetupCheckDialog *self,
         const DsCheckRow   *row)
{
  GtkWidget *item = hdy_preferences_row_new ();
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *lines = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *mark = gtk_stack_new ();
  GtkWidget *spinner = gtk_spinner_new ();
  GtkWidget *image = mark_new ();
  GtkWidget *title = line_label (NULL);
  GtkWidget *detail = line_label ("subtitle");
  GtkWidget *fix = line_label (NULL);
  Row *r = g_new0 (Row, 1);

  r->mark = GTK_STACK (mark);
  r->image = GTK_IMAGE (image);
  r->title = GTK_LABEL (title);
  r->detail = GTK_LABEL (detail);
  r->fix = GTK_LABEL (fix);
  r->line = line;
  g_object_set_data_full (G_OBJECT (item), "row", r, g_free);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (item), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (item), FALSE);
  g_object_set (line, "margin-start", 12, "margin-end", 12, "margin-top", 8,
                "margin-bottom", 8, NULL);
  gtk_spinner_start (GTK_SPINNER (spinner));
  gtk_stack_add_named (GTK_STACK (mark), spinner, "pending");
  gtk_stack_add_named (GTK_STACK (mark), image, "done");
  gtk_widget_set_valign (mark, GTK_ALIGN_CENTER);
  gtk_label_set_selectable (GTK_LABEL (detail), TRUE);
  gtk_label_set_selectable (GTK_LABEL (fix), TRUE);
  gtk_widget_set_hexpand (lines, TRUE);
  gtk_widget_set_valign (lines, GTK_ALIGN_CENTER);

  gtk_container_add (GTK_CONTAINER (lines), title);
  gtk_container_add (GTK_CONTAINER (lines), detail);
  gtk_container_add (GTK_CONTAINER (lines), fix);
  gtk_container_add (GTK_CONTAINER (line), mark);
  gtk_container_add (GTK_CONTAINER (line), lines);
  gtk_container_add (GTK_CONTAINER (item), line);
  gtk_widget_show_all (item);
  show_row (self, item, row);
  return item;
}

/* A row begun: in its place among the rows, at the end of its section's
 * group (the check keeps a section's rows in the order they began). */
static void
on_row_added (DsSetupCheck       *check,
              DsCheckRow         *row,
              guint               position,
              DsSetupCheckDialog *self)
{
  GtkWidget *item = row_new (self, row);

  g_return_if_fail (position <= self->rows->len);

  g_ptr_array_insert (self->rows, (int)position, item);
  gtk_container_add (GTK_CONTAINER (self->groups[row->section]), item);
  gtk_widget_show (GTK_WIDGET (self->groups[row->section]));
}

static void
on_row_changed (DsSetupCheck       *check,
                DsCheckRow         *row,
                DsSetupCheckDialog *self)
{
  guint position;

  if (g_ptr_array_find (ds_setup_check_get_rows (check), row, &position) &&
      position < self->rows->len)
    show_row (self, g_ptr_array_index (self->rows, position), row);
}

static void
on_run_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(DsSetupCheckDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = ds_setup_check_run_finish (DS_SETUP_CHECK (source), result,
                                                         &error);
  g_autofree char *summary = NULL;
  DsCheckState state;

  if (DS_SETUP_CHECK (source) != self->check)
    return; /* a run let go of */
  if (rows == NULL)
    {
      say (self, error->message, marks[DS_CHECK_FAILED].icon, marks[DS_CHECK_FAILED].style);
      return;
    }
  summary = ds_check_rows_summary (rows);
  state = ds_check_rows_failed (rows) > 0 ? DS_CHECK_FAILED
          : ds_check_rows_ok (rows) ? DS_CHECK_PASSED : DS_CHECK_SKIPPED;
  say (self, summary, marks[state].icon, marks[state].style);
}

/* The run shown is let go of: cancelled, and not heard from again. */
static void
let_go (DsSetupCheckDialog *self)
{
  if (self->check != NULL)
    g_signal_handlers_disconnect_by_data (self->check, self);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->check);
}

/**
 * ds_setup_check_dialog_run:
 *
 * Checks the setup of the team profile in force, in place of what the
 * dialog shows; a run under way is let go of.
 */
void
ds_setup_check_dialog_run (DsSetupCheckDialog *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (DS_IS_SETUP_CHECK_DIALOG (self));

  let_go (self);
  for (guint i = 0; i < self->rows->len; i++)
    gtk_widget_destroy (g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
  for (guint s = 0; s < G_N_ELEMENTS (self->groups); s++)
    gtk_widget_hide (GTK_WIDGET (self->groups[s]));

  self->check = ds_desk_new_setup_check (self->desk, &error);
  if (self->check == NULL)
    {
      say (self, error->message, "dialog-information-symbolic", NULL);
      return;
    }
  self->cancellable = g_cancellable_new ();
  g_signal_connect_object (self->check, "row-added", G_CALLBACK (on_row_added), self, 0);
  g_signal_connect_object (self->check, "row-changed", G_CALLBACK (on_row_changed), self, 0);
  say (self, _("Checking…"), NULL, NULL);
  ds_setup_check_run_async (self->check, self->cancellable, on_run_done, g_object_ref (self));
}

static void
on_again_clicked (DsSetupCheckDialog *self)
{
  ds_setup_check_dialog_run (self);
}

static void
on_response (DsSetupCheckDialog *self,
             int                 response)
{
  gtk_widget_destroy (GTK_WIDGET (self));
}

static void
ds_setup_check_dialog_dispose (GObject *object)
{
  DsSetupCheckDialog *self = DS_SETUP_CHECK_DIALOG (object);

  let_go (self);
  g_clear_object (&self->desk);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (ds_setup_check_dialog_parent_class)->dispose (object);
}

static void
ds_setup_check_dialog_class_init (DsSetupCheckDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ds_setup_check_dialog_dispose;

  mark_css = gtk_css_provider_new ();
  gtk_css_provider_load_from_data (mark_css,
                                   "image.success { color: @success_color; }\n"
                                   "image.error { color: @error_color; }\n", -1, NULL);

  g_type_ensure (HDY_TYPE_PREFERENCES_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/ds-setup-check-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, DsSetupCheckDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, DsSetupCheckDialog, summary_icon);
  gtk_widget_class_bind_template_child (widget_class, DsSetupCheckDialog, summary);
  gtk_widget_class_bind_template_child (widget_class, DsSetupCheckDialog, note);
  gtk_widget_class_bind_template_child (widget_class, DsSetupCheckDialog, again_button);
  gtk_widget_class_bind_template_child (widget_class, DsSetupCheckDialog, page);
  gtk_widget_class_bind_template_callback (widget_class, on_again_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_response);
}

static void
ds_setup_check_dialog_init (DsSetupCheckDialog *self)
{
  self->rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_style_context_add_provider (gtk_widget_get_style_context (GTK_WIDGET (self->summary_icon)),
                                  GTK_STYLE_PROVIDER (mark_css),
                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  /* A group per section, each service's in the order of their table, then
   * the teammates'; each shown once it has a row. */
  for (guint s = 0; s < G_N_ELEMENTS (self->groups); s++)
    {
      GtkWidget *group = hdy_preferences_group_new ();

      hdy_preferences_group_set_title (HDY_PREFERENCES_GROUP (group),
                                       ds_check_section_label (s));
      atk_object_set_name (gtk_widget_get_accessible (group), ds_check_section_label (s));
      gtk_container_add (GTK_CONTAINER (self->page), group);
      self->groups[s] = HDY_PREFERENCES_GROUP (group);
    }
  /* The first to take the focus: a selectable line would have its words
   * selected. */
  gtk_window_set_focus (GTK_WINDOW (self), self->again_button);
}

/**
 * ds_setup_check_dialog_new:
 * @desk: whose team profile is checked
 *
 * Returns: (transfer none): the dialog, not yet shown nor run
 */
GtkWidget *
ds_setup_check_dialog_new (GtkApplication *app,
                           DsDesk         *desk)
{
  DsSetupCheckDialog *self;

  g_return_val_if_fail (GTK_IS_APPLICATION (app), NULL);
  g_return_val_if_fail (DS_IS_DESK (desk), NULL);

  /* Its title bar holds only Close: Check Again is beside what it renews. */
  self = g_object_new (DS_TYPE_SETUP_CHECK_DIALOG, "use-header-bar", TRUE, "application", app,
                       NULL);
  self->desk = g_object_ref (desk);
  return GTK_WIDGET (self);
}
