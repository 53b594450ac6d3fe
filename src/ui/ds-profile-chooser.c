/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-profile-chooser"

#include "config.h"

#include <glib/gi18n.h>

#include "ds-profile-location.h"
#include "ds-profile-chooser.h"
#include "ds-status-label.h"

/* Where the team profile is: a field (a file, or owner/repo:path on
 * GitHub), Choose… for a file, and Use. A file is checked at once and what
 * is wrong with it is said here, naming the key; only a good one goes to
 * the application (app.use-profile), which applies it without a restart.
 * The window's first-run page and Settings both show one. */
struct _DsProfileChooser
{
  GtkBox    parent_instance;

  GtkEntry *entry;
  GtkLabel *status;
};

G_DEFINE_FINAL_TYPE (DsProfileChooser, ds_profile_chooser, GTK_TYPE_BOX)

void
ds_profile_chooser_set_status (DsProfileChooser *self,
                               const char       *text,
                               gboolean          is_error)
{
  g_return_if_fail (DS_IS_PROFILE_CHOOSER (self));

  ds_status_label_set (self->status, text, is_error);
  gtk_widget_set_visible (GTK_WIDGET (self->status), text != NULL && *text != '\0');
}

/* Checks what is in the field; a good profile is used. */
static void
use (DsProfileChooser *self)
{
  g_autofree char *location = g_strstrip (g_strdup (gtk_entry_get_text (self->entry)));
  g_autoptr(GError) error = NULL;
  GApplication *app = g_application_get_default ();

  if (*location == '\0')
    {
      ds_profile_chooser_set_status (self, _("Choose your team's profile, or type where it is: "
                                             "a file, or owner/repo:path on GitHub."), TRUE);
      return;
    }
  if (ds_profile_location_parse_github (location, NULL, NULL))
    ds_profile_chooser_set_status (self, _("Reading the team profile from GitHub with your "
                                           "GitHub token…"), FALSE);
  else
    {
      g_autoptr(DsTeamProfile) profile = ds_profile_location_read_file (location, &error);
      g_autofree char *what = NULL;

      if (profile == NULL)
        {
          ds_profile_chooser_set_status (self, error->message, TRUE);
          return;
        }
      what = ds_profile_location_describe (profile);
      ds_profile_chooser_set_status (self, what, FALSE);
    }
  if (app != NULL && g_action_group_has_action (G_ACTION_GROUP (app), "use-profile"))
    g_action_group_activate_action (G_ACTION_GROUP (app), "use-profile",
                                    g_variant_new_string (location));
}

static void
on_chosen (GtkNativeDialog  *chooser,
           int               response,
           DsProfileChooser *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autofree char *path = gtk_file_chooser_get_filename (GTK_FILE_CHOOSER (chooser));

      if (path != NULL)
        {
          gtk_entry_set_text (self->entry, path);
          use (self);
        }
    }
  g_object_unref (chooser);
}

static void
on_choose (DsProfileChooser *self)
{
  GtkWidget *top = gtk_widget_get_toplevel (GTK_WIDGET (self));
  GtkFileChooserNative *chooser;
  GtkFileFilter *filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Choose the Team Profile"),
                                         GTK_IS_WINDOW (top) ? GTK_WINDOW (top) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"),
                                         _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Team profiles (JSON)"));
  gtk_file_filter_add_mime_type (filter, "application/json");
  gtk_file_filter_add_pattern (filter, "*.json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect (chooser, "response", G_CALLBACK (on_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
ds_profile_chooser_class_init (DsProfileChooserClass *klass)
{
}

static void
ds_profile_chooser_init (DsProfileChooser *self)
{
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *entry = gtk_entry_new ();
  GtkWidget *choose = gtk_button_new_with_mnemonic (_("_Choose…"));
  GtkWidget *apply = gtk_button_new_with_mnemonic (_("_Use"));
  GtkWidget *status = gtk_label_new (NULL);

  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 6);
  self->entry = GTK_ENTRY (entry);
  self->status = GTK_LABEL (status);

  gtk_widget_set_hexpand (entry, TRUE);
  gtk_entry_set_width_chars (GTK_ENTRY (entry), 28);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry),
                                  _("/path/to/team.json or owner/repo:path"));
  atk_object_set_name (gtk_widget_get_accessible (entry), _("Team profile"));
  g_signal_connect_swapped (entry, "activate", G_CALLBACK (use), self);
  gtk_widget_set_tooltip_text (choose, _("Choose a team profile on this computer"));
  g_signal_connect_swapped (choose, "clicked", G_CALLBACK (on_choose), self);
  atk_object_set_name (gtk_widget_get_accessible (apply), _("Use this team profile"));
  gtk_widget_set_tooltip_text (apply, _("Check this team profile and use it"));
  g_signal_connect_swapped (apply, "clicked", G_CALLBACK (use), self);

  gtk_label_set_xalign (GTK_LABEL (status), 0);
  gtk_label_set_line_wrap (GTK_LABEL (status), TRUE);
  gtk_label_set_selectable (GTK_LABEL (status), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (status), 50);
  gtk_label_set_width_chars (GTK_LABEL (status), 30);

  gtk_container_add (GTK_CONTAINER (line), entry);
  gtk_container_add (GTK_CONTAINER (line), choose);
  gtk_container_add (GTK_CONTAINER (line), apply);
  gtk_container_add (GTK_CONTAINER (self), line);
  gtk_container_add (GTK_CONTAINER (self), status);
  gtk_widget_show_all (line);
  gtk_widget_set_no_show_all (status, TRUE);
}

GtkWidget *
ds_profile_chooser_new (void)
{
  return g_object_new (DS_TYPE_PROFILE_CHOOSER, NULL);
}

/* The location in force, in the field (unless the user is typing there). */
void
ds_profile_chooser_set_location (DsProfileChooser *self,
                                 const char       *location)
{
  g_return_if_fail (DS_IS_PROFILE_CHOOSER (self));

  if (gtk_widget_has_focus (GTK_WIDGET (self->entry)))
    return;
  gtk_entry_set_text (self->entry, location != NULL ? location : "");
}
