/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-notes-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "ds-notes-dialog.h"

/* "What was tried, what solved it", asked when the support timer stops on
 * an item with an issue: Post the Note activates app.add-note with the
 * item's id and the text (the action that writes it to the issue); Skip,
 * or an empty text, posts nothing. Either closes the dialog. */

/* What the response needs, held by its handler. */
typedef struct
{
  GtkTextBuffer *buffer;   /* the view's, which lives as long as the dialog */
  char          *id;       /* the item's */
} Notes;

static void
notes_free (gpointer  data,
            GClosure *closure)
{
  Notes *notes = data;

  g_free (notes->id);
  g_free (notes);
}

static void
on_response (GtkDialog *dialog,
             int        response,
             Notes     *notes)
{
  GtkTextBuffer *buffer = notes->buffer;
  const char *id = notes->id;
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (dialog));
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
  if (response == GTK_RESPONSE_ACCEPT && *text != '\0' && app != NULL)
    g_action_group_activate_action (G_ACTION_GROUP (app), "add-note",
                                    g_variant_new ("(ss)", id, text));
  gtk_widget_destroy (GTK_WIDGET (dialog));
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
  GtkWidget *dialog = gtk_dialog_new_with_buttons (_("Support notes"), NULL,
                                                   GTK_DIALOG_DESTROY_WITH_PARENT,
                                                   _("_Skip"), GTK_RESPONSE_CANCEL,
                                                   _("_Post the Note"), GTK_RESPONSE_ACCEPT,
                                                   NULL);
  GtkWidget *area = gtk_dialog_get_content_area (GTK_DIALOG (dialog));
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *scroll = gtk_scrolled_window_new (NULL, NULL);
  GtkWidget *view = gtk_text_view_new ();
  Notes *notes = g_new0 (Notes, 1);
  g_autofree char *question =
    g_strdup_printf (_("What was tried on “%s”, and what worked?"), ds_item_get_title (item));

  gtk_window_set_application (GTK_WINDOW (dialog), app);
  gtk_window_set_default_size (GTK_WINDOW (dialog), 420, 260);
  gtk_label_set_text (GTK_LABEL (label), question);
  gtk_label_set_line_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  atk_object_set_name (gtk_widget_get_accessible (view), _("Support notes"));
  gtk_container_add (GTK_CONTAINER (scroll), view);
  gtk_widget_set_vexpand (scroll, TRUE);
  gtk_container_set_border_width (GTK_CONTAINER (area), 12);
  gtk_box_set_spacing (GTK_BOX (area), 6);
  gtk_container_add (GTK_CONTAINER (area), label);
  gtk_container_add (GTK_CONTAINER (area), scroll);
  notes->buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  notes->id = g_strdup (ds_item_get_id (item));
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_response), notes, notes_free, 0);
  gtk_widget_show_all (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}
