/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "ds-status-label.h"

/* A status line under a field: @text, in the error style (red) when it says
 * what went wrong, else dimmed. */
void
ds_status_label_set (GtkLabel   *label,
                     const char *text,
                     gboolean    is_error)
{
  GtkStyleContext *style = gtk_widget_get_style_context (GTK_WIDGET (label));

  gtk_label_set_text (label, text != NULL ? text : "");
  if (is_error)
    {
      gtk_style_context_add_class (style, "error");
      gtk_style_context_remove_class (style, "dim-label");
    }
  else
    {
      gtk_style_context_remove_class (style, "error");
      gtk_style_context_add_class (style, "dim-label");
    }
}
