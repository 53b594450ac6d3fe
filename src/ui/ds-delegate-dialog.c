/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-delegate-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "ds-delegate-dialog.h"

/* "Delegate…" from a notification: a small window with the item and one
 * button per teammate, best placed first, each saying why in a few words
 * (see ds_suggest_owners()). A button activates app.delegate-to, the action
 * the tray's Delegate submenu uses, and closes the window. What does not
 * change with the item is in data/ui/ds-delegate-dialog.ui; the buttons are
 * built here, into its box of choices. */

struct _DsDelegateDialog
{
  GtkDialog  parent_instance;

  GtkLabel  *question;
  GtkBox    *choices;       /* the teammates' buttons */
  GtkWidget *no_teammates;  /* shown when there are none */
};

G_DEFINE_FINAL_TYPE (DsDelegateDialog, ds_delegate_dialog, GTK_TYPE_DIALOG)

static gboolean
destroy_later (gpointer dialog)
{
  gtk_widget_destroy (dialog);
  return G_SOURCE_REMOVE;
}

/* Hidden now, destroyed once the click that closed it is over: an
 * accessibility client may still be asking about the button. */
static void
close_dialog (GtkWidget *dialog)
{
  gtk_widget_hide (dialog);
  g_idle_add (destroy_later, dialog);
}

static void
ds_delegate_dialog_class_init (DsDelegateDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/ds-delegate-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, DsDelegateDialog, question);
  gtk_widget_class_bind_template_child (widget_class, DsDelegateDialog, choices);
  gtk_widget_class_bind_template_child (widget_class, DsDelegateDialog, no_teammates);
  gtk_widget_class_bind_template_callback (widget_class, close_dialog);
}

static void
ds_delegate_dialog_init (DsDelegateDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* One teammate's button: what its click activates, held by its handler. */
typedef struct
{
  GtkWidget    *dialog;   /* which holds the button */
  GApplication *app;
  char         *action;
  char         *id;       /* the item's */
  char         *name;     /* the teammate's */
} Choice;

static void
choice_free (gpointer  data,
             GClosure *closure)
{
  Choice *choice = data;

  g_object_unref (choice->app);
  g_free (choice->action);
  g_free (choice->id);
  g_free (choice->name);
  g_free (choice);
}

static void
on_teammate_clicked (GtkButton *button,
                     Choice    *choice)
{
  g_action_group_activate_action (G_ACTION_GROUP (choice->app), choice->action,
                                  g_variant_new ("(ss)", choice->id, choice->name));
  close_dialog (choice->dialog);
}

/**
 * ds_delegate_dialog_new:
 * @teammates: the names from the team profile, best placed first
 * @reasons: (nullable): for each, why, or "" when nothing is known
 * @action: "delegate-to", or "add-teammate" (someone joins, the item stays yours)
 *
 * Returns: (transfer none): the dialog, not yet shown
 */
GtkWidget *
ds_delegate_dialog_new (GtkApplication     *app,
                        DsItem             *item,
                        const char * const *teammates,
                        const char * const *reasons,
                        const char         *action)
{
  /* Cancel in the header bar, as GNOME dialogs have it. */
  DsDelegateDialog *self = g_object_new (DS_TYPE_DELEGATE_DIALOG, "use-header-bar", TRUE, NULL);
  GtkWidget *dialog = GTK_WIDGET (self);
  g_autofree char *question = NULL;

  gtk_window_set_application (GTK_WINDOW (dialog), app);
  gtk_window_set_title (GTK_WINDOW (dialog), g_str_equal (action, "delegate-to")
                                             ? _("Delegate") : _("Add a Teammate"));
  gtk_window_set_keep_above (GTK_WINDOW (dialog), TRUE);

  /* Translators: above the list of teammates: "Who should take “VPN is down”?" */
  question = g_strdup_printf (g_str_equal (action, "delegate-to")
                              ? _("Who should take “%s”?")
                              /* Translators: the teammate joins; the item stays the user's */
                              : _("Who joins you on “%s”?"),
                              ds_item_get_title (item) != NULL ? ds_item_get_title (item) : "");
  gtk_label_set_text (self->question, question);

  for (guint i = 0; teammates != NULL && teammates[i] != NULL; i++)
    {
      GtkWidget *button = gtk_button_new ();
      GtkWidget *lines = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      GtkWidget *name = gtk_label_new (teammates[i]);
      const char *why = reasons != NULL ? reasons[i] : NULL;
      Choice *choice = g_new0 (Choice, 1);

      gtk_label_set_xalign (GTK_LABEL (name), 0);
      gtk_container_add (GTK_CONTAINER (lines), name);
      if (why != NULL && *why != '\0')
        {
          GtkWidget *reason = gtk_label_new (why);
          g_autofree char *a11y = g_strdup_printf ("%s: %s", teammates[i], why);

          gtk_label_set_xalign (GTK_LABEL (reason), 0);
          gtk_label_set_ellipsize (GTK_LABEL (reason), PANGO_ELLIPSIZE_END);
          gtk_style_context_add_class (gtk_widget_get_style_context (reason), "dim-label");
          gtk_container_add (GTK_CONTAINER (lines), reason);
          atk_object_set_name (gtk_widget_get_accessible (button), a11y);
        }
      else
        atk_object_set_name (gtk_widget_get_accessible (button), teammates[i]);
      /* The best placed, first and marked, when the history says so. */
      if (i == 0 && why != NULL && *why != '\0')
        gtk_style_context_add_class (gtk_widget_get_style_context (button), "suggested-action");
      gtk_container_add (GTK_CONTAINER (button), lines);
      choice->dialog = dialog;
      choice->app = G_APPLICATION (g_object_ref (app));
      choice->action = g_strdup (action);
      choice->id = g_strdup (ds_item_get_id (item));
      choice->name = g_strdup (teammates[i]);
      g_signal_connect_data (button, "clicked", G_CALLBACK (on_teammate_clicked), choice,
                             choice_free, 0);
      gtk_widget_show_all (button);
      gtk_box_pack_start (self->choices, button, FALSE, FALSE, 0);
    }
  gtk_widget_set_visible (self->no_teammates, teammates == NULL || teammates[0] == NULL);
  return dialog;
}
