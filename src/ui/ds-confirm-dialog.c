/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-confirm-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "ds-confirm-dialog.h"

/* A question before something that is not undone lightly (ending the
 * rotation, deferring an emergency): Cancel is the default, and the accept
 * button, styled as destructive, activates an action of the application. */

typedef struct
{
  GtkApplication *app;     /* weak */
  char           *action;
  GVariant       *target;  /* nullable */
} Confirm;

static void
confirm_free (Confirm *confirm,
              GClosure *closure)
{
  g_clear_weak_pointer (&confirm->app);
  g_free (confirm->action);
  g_clear_pointer (&confirm->target, g_variant_unref);
  g_free (confirm);
}

static void
on_response (GtkDialog *dialog,
             int        response,
             Confirm   *confirm)
{
  if (response == GTK_RESPONSE_ACCEPT && confirm->app != NULL)
    g_action_group_activate_action (G_ACTION_GROUP (confirm->app), confirm->action,
                                    confirm->target);
  gtk_widget_destroy (GTK_WIDGET (dialog));
}

/**
 * ds_confirm_dialog_new:
 * @parent: (nullable): the window it is about
 * @accept: the accept button's label
 * @action: what the accept button activates (app.@action with @target)
 * @target: (nullable) (transfer floating): its parameter
 */
GtkWidget *
ds_confirm_dialog_new (GtkApplication *app,
                       GtkWindow      *parent,
                       const char     *title,
                       const char     *question,
                       const char     *detail,
                       const char     *accept,
                       const char     *action,
                       GVariant       *target)
{
  GtkWidget *dialog = gtk_message_dialog_new (parent, GTK_DIALOG_DESTROY_WITH_PARENT,
                                              GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE, "%s",
                                              question);
  Confirm *confirm = g_new0 (Confirm, 1);

  g_set_weak_pointer (&confirm->app, app);
  confirm->action = g_strdup (action);
  confirm->target = target != NULL ? g_variant_ref_sink (target) : NULL;
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", detail);
  gtk_dialog_add_buttons (GTK_DIALOG (dialog), _("_Cancel"), GTK_RESPONSE_CANCEL,
                          accept, GTK_RESPONSE_ACCEPT, NULL);
  /* What is asked here cannot be taken back: styled so, and not the default. */
  gtk_style_context_add_class (
    gtk_widget_get_style_context (gtk_dialog_get_widget_for_response (GTK_DIALOG (dialog),
                                                                      GTK_RESPONSE_ACCEPT)),
    "destructive-action");
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  gtk_window_set_title (GTK_WINDOW (dialog), title);
  gtk_window_set_application (GTK_WINDOW (dialog), app);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_response), confirm,
                         (GClosureNotify)confirm_free, 0);
  return dialog;
}
