/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-notes-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "ds-notes-dialog.h"

/* "What was tried, what solved it", asked when the support timer stops on
 * an item with an issue: Post the Note activates app.add-note with the
 * item's id and the text (the action that writes it to the issue); Skip,
 * or an empty text, posts nothing. Either closes the dialog. What does not
 * change with the item is in data/ui/ds-notes-dialog.ui. */

struct _DsNotesDialog
{
  GtkDialog    parent_instance;

  GtkLabel    *question;
  GtkTextView *view;
  char        *id;  /* the item's */
};

G_DEFINE_FINAL_TYPE (DsNotesDialog, ds_notes_dialog, GTK_TYPE_DIALOG)

static void
on_response (DsNotesDialog *self,
             int            response)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->view);
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
  if (response == GTK_RESPONSE_ACCEPT && *text != '\0' && app != NULL)
    g_action_group_activate_action (G_ACTION_GROUP (app), "add-note",
                                    g_variant_new ("(ss)", self->id, text));
  gtk_widget_destroy (GTK_WIDGET (self));
}

static void
ds_notes_dialog_finalize (GObject *object)
{
  DsNotesDialog *self = DS_NOTES_DIALOG (object);

  g_free (self->id);
  G_OBJECT_CLASS (ds_notes_dialog_parent_class)->finalize (object);
}

static void
ds_notes_dialog_class_init (DsNotesDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = ds_notes_dialog_finalize;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/ds-notes-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, DsNotesDialog, question);
  gtk_widget_class_bind_template_child (widget_class, DsNotesDialog, view);
  gtk_widget_class_bind_template_callback (widget_class, on_response);
}

static void
ds_notes_dialog_init (DsNotesDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * ds_notes_dialog_new:
 *
 * Returns: (transfer none): the dialog, shown
 */
GtkWidget *
ds_notes_dialog_new (GtkApplication *app,
                     DsItem         *item)
{
  DsNotesDialog *self = g_object_new (DS_TYPE_NOTES_DIALOG, NULL);
  g_autofree char *question =
    g_strdup_printf (_("What was tried on “%s”, and what worked?"), ds_item_get_title (item));

  self->id = g_strdup (ds_item_get_id (item));
  gtk_window_set_application (GTK_WINDOW (self), app);
  gtk_label_set_text (self->question, question);
  gtk_window_present (GTK_WINDOW (self));
  return GTK_WIDGET (self);
}
