/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-settings-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "ds-profile-chooser.h"
#include "ds-profile-location.h"
#include "ds-secrets.h"
#include "ds-settings-dialog.h"
#include "ds-team-profile.h"

/* Tokens, one row per service. The dialog never shows a saved token: it
 * only says whether one is saved. What is typed is sent to the keyring and
 * cleared from the entry. */
struct _DsSettingsDialog
{
  GtkDialog     parent_instance;

  GCancellable *cancellable;
  GSettings    *settings;
  GPtrArray    *rows;     /* Row */
  guint         pending;  /* keyring saves under way */
  GString      *errors;

  GtkGrid      *grid;
  GtkLabel     *message;
  GtkBox       *profile_box;
  DsProfileChooser *chooser;
  GtkWidget    *save_button;
  DsTeamProfile *profile;  /* the profile in force: where each token goes */
};

G_DEFINE_FINAL_TYPE (DsSettingsDialog, ds_settings_dialog, GTK_TYPE_DIALOG)

enum { TOKENS_SAVED, N_SIGNALS };
static guint signals[N_SIGNALS];

typedef struct
{
  const char *service;
  GtkEntry   *entry;
  GtkLabel   *status;
} Row;

static const char * const services[] = {
  DS_SECRET_GITHUB, DS_SECRET_SLACK, DS_SECRET_SLACK_APP, DS_SECRET_PAGERDUTY, DS_SECRET_ZENHUB,
};

static const char *
host_for (DsSettingsDialog *self,
          const char       *service)
{
  /* The team profile's addresses first: a token is saved for the origin
   * Dayshift will send it to. */
  if (self->profile != NULL)
    {
      const char *url = NULL;

      if (g_strcmp0 (service, DS_SECRET_GITHUB) == 0)
        url = self->profile->github_url;
      else if (g_strcmp0 (service, DS_SECRET_SLACK) == 0 ||
               g_strcmp0 (service, DS_SECRET_SLACK_APP) == 0)
        url = self->profile->slack_url;
      else if (g_strcmp0 (service, DS_SECRET_PAGERDUTY) == 0)
        url = self->profile->pagerduty_url;
      else if (g_strcmp0 (service, DS_SECRET_ZENHUB) == 0)
        url = self->profile->zenhub_url;
      if (url != NULL)
        return ds_secrets_origin_key (service, url);
    }
  if (g_strcmp0 (service, DS_SECRET_GITHUB) == 0)
    {
      /* Kept alive by the settings object's cache until the next change. */
      g_autofree char *host = g_settings_get_string (self->settings, "github-host");
      return g_intern_string (host);
    }
  return ds_secrets_default_host (service);
}

static void
set_message (DsSettingsDialog *self,
             const char       *text,
             gboolean          is_error)
{
  GtkStyleContext *style = gtk_widget_get_style_context (GTK_WIDGET (self->message));

  gtk_label_set_text (self->message, text);
  gtk_widget_set_visible (GTK_WIDGET (self->message), text != NULL && *text != '\0');
  if (is_error)
    gtk_style_context_add_class (style, "error");
  else
    gtk_style_context_remove_class (style, "error");
}

typedef struct
{
  DsSettingsDialog *self; /* weak */
  Row              *row;
} RowCall;

static void
row_call_free (RowCall *call)
{
  g_clear_weak_pointer (&call->self);
  g_free (call);
}

static RowCall *
row_call_new (DsSettingsDialog *self,
              Row              *row)
{
  RowCall *call = g_new0 (RowCall, 1);

  g_set_weak_pointer (&call->self, self);
  call->row = row;
  return call;
}

static void
on_lookup_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  RowCall *call = user_data;
  g_autoptr(GError) error = NULL;
  char *secret = ds_secrets_lookup_finish (result, &error);

  if (call->self != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (error != NULL)
        {
          gtk_label_set_text (call->row->status, _("Keyring unavailable"));
          /* One keyring, one problem: the first message says it. */
          if (!gtk_widget_get_visible (GTK_WIDGET (call->self->message)))
            set_message (call->self, error->message, TRUE);
        }
      else
        gtk_label_set_text (call->row->status, secret != NULL ? _("Saved") : _("Not set"));
    }
  ds_secrets_free (secret);
  row_call_free (call);
}

static void
refresh_status (DsSettingsDialog *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      Row *row = g_ptr_array_index (self->rows, i);

      gtk_label_set_text (row->status, _("Checking…"));
      ds_secrets_lookup_async (row->service, host_for (self, row->service), 0, self->cancellable,
                               on_lookup_done, row_call_new (self, row));
    }
}

static void
on_store_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  RowCall *call = user_data;
  DsSettingsDialog *self = call->self;
  g_autoptr(GError) error = NULL;

  if (!ds_secrets_store_finish (result, &error) && self != NULL &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (self->errors->len > 0)
        g_string_append_c (self->errors, '\n');
      g_string_append (self->errors, error->message);
    }

  if (self != NULL && --self->pending == 0)
    {
      gtk_widget_set_sensitive (self->save_button, TRUE);
      if (self->errors->len > 0)
        set_message (self, self->errors->str, TRUE);
      else
        set_message (self, _("Saved in the keyring."), FALSE);
      refresh_status (self);
      g_signal_emit (self, signals[TOKENS_SAVED], 0);
    }
  row_call_free (call);
}

static void
save (DsSettingsDialog *self)
{
  g_string_truncate (self->errors, 0);
  set_message (self, NULL, FALSE);

  for (guint i = 0; i < self->rows->len; i++)
    {
      Row *row = g_ptr_array_index (self->rows, i);
      g_autofree char *token = g_strstrip (g_strdup (gtk_entry_get_text (row->entry)));

      /* Wipe the entry at once: the token lives in the keyring only. */
      gtk_entry_set_text (row->entry, "");
      if (*token == '\0')
        continue;
      self->pending++;
      gtk_label_set_text (row->status, _("Saving…"));
      ds_secrets_store_async (row->service, host_for (self, row->service), token, 0,
                              self->cancellable, on_store_done, row_call_new (self, row));
      memset (token, 0, strlen (token));
    }

  if (self->pending > 0)
    gtk_widget_set_sensitive (self->save_button, FALSE);
  else
    set_message (self, _("Type a token to save it."), FALSE);
}

static void
on_response (GtkDialog *dialog,
             int        response)
{
  DsSettingsDialog *self = DS_SETTINGS_DIALOG (dialog);

  if (response == GTK_RESPONSE_APPLY)
    save (self);
  else
    gtk_widget_destroy (GTK_WIDGET (dialog));
}

static void
add_row (DsSettingsDialog *self,
         const char       *service,
         int               top)
{
  Row *row = g_new0 (Row, 1);
  GtkWidget *label = gtk_label_new (ds_secrets_service_label (service));
  GtkWidget *entry = gtk_entry_new ();
  GtkWidget *status = gtk_label_new (NULL);
  g_autofree char *a11y = g_strdup_printf (_("%s token"), ds_secrets_service_label (service));

  row->service = service;
  row->entry = GTK_ENTRY (entry);
  row->status = GTK_LABEL (status);

  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), entry);
  gtk_entry_set_visibility (GTK_ENTRY (entry), FALSE);
  gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_PASSWORD);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_entry_set_width_chars (GTK_ENTRY (entry), 32);
  gtk_widget_set_hexpand (entry, TRUE);
  atk_object_set_name (gtk_widget_get_accessible (entry), a11y);
  gtk_label_set_xalign (GTK_LABEL (status), 0);
  gtk_label_set_width_chars (GTK_LABEL (status), 16);
  gtk_style_context_add_class (gtk_widget_get_style_context (status), "dim-label");

  gtk_grid_attach (self->grid, label, 0, top, 1, 1);
  gtk_grid_attach (self->grid, entry, 1, top, 1, 1);
  gtk_grid_attach (self->grid, status, 2, top, 1, 1);
  gtk_widget_show (label);
  gtk_widget_show (entry);
  gtk_widget_show (status);
  g_ptr_array_add (self->rows, row);
}

static void
ds_settings_dialog_dispose (GObject *object)
{
  DsSettingsDialog *self = (DsSettingsDialog *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->profile, ds_team_profile_unref);
  if (self->errors != NULL)
    g_string_free (g_steal_pointer (&self->errors), TRUE);

  G_OBJECT_CLASS (ds_settings_dialog_parent_class)->dispose (object);
}

static void
ds_settings_dialog_class_init (DsSettingsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkDialogClass *dialog_class = GTK_DIALOG_CLASS (klass);

  object_class->dispose = ds_settings_dialog_dispose;
  dialog_class->response = on_response;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/ds-settings-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, DsSettingsDialog, grid);
  gtk_widget_class_bind_template_child (widget_class, DsSettingsDialog, message);
  gtk_widget_class_bind_template_child (widget_class, DsSettingsDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, DsSettingsDialog, profile_box);

  /**
   * DsSettingsDialog::tokens-saved:
   *
   * Tokens were saved in the keyring: the workspace reads them again.
   */
  signals[TOKENS_SAVED] = g_signal_new ("tokens-saved", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static GtkWidget *
setting_label (const char *text)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  return label;
}

static GtkWidget *
bound_entry (DsSettingsDialog *self,
             const char       *key,
             const char       *name,
             int               width)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_entry_set_width_chars (GTK_ENTRY (entry), width);
  atk_object_set_name (gtk_widget_get_accessible (entry), name);
  g_settings_bind (self->settings, key, entry, "text", G_SETTINGS_BIND_DEFAULT);
  return entry;
}

/* How Dayshift notifies: on or off, quiet hours, the reply on Acknowledge.
 * Saved as they are changed, like other GNOME settings. */
static void
add_notification_settings (DsSettingsDialog *self)
{
  GtkWidget *area = gtk_dialog_get_content_area (GTK_DIALOG (self));
  GtkWidget *title = gtk_label_new (_("Notifications"));
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *enabled = gtk_switch_new ();
  GtkWidget *quiet = gtk_switch_new ();
  GtkWidget *login = gtk_switch_new ();
  GtkWidget *hours = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *start = bound_entry (self, "quiet-hours-start", _("Quiet hours start"), 5);
  GtkWidget *end = bound_entry (self, "quiet-hours-end", _("Quiet hours end"), 5);
  GtkWidget *reply = bound_entry (self, "acknowledge-reply", _("Reply when acknowledging"), 24);
  PangoAttrList *bold = pango_attr_list_new ();

  pango_attr_list_insert (bold, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  gtk_label_set_attributes (GTK_LABEL (title), bold);
  pango_attr_list_unref (bold);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);

  atk_object_set_name (gtk_widget_get_accessible (enabled), _("Notify new requests"));
  atk_object_set_name (gtk_widget_get_accessible (quiet), _("Quiet hours"));
  atk_object_set_name (gtk_widget_get_accessible (login), _("Start at login"));
  gtk_widget_set_halign (login, GTK_ALIGN_END);
  g_settings_bind (self->settings, "start-at-login", login, "active", G_SETTINGS_BIND_DEFAULT);
  gtk_widget_set_halign (enabled, GTK_ALIGN_END);
  gtk_widget_set_halign (quiet, GTK_ALIGN_END);
  g_settings_bind (self->settings, "notifications-enabled", enabled, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "quiet-hours-enabled", quiet, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "quiet-hours-enabled", hours, "sensitive",
                   G_SETTINGS_BIND_GET);
  gtk_container_add (GTK_CONTAINER (hours), gtk_label_new (_("from")));
  gtk_container_add (GTK_CONTAINER (hours), start);
  gtk_container_add (GTK_CONTAINER (hours), gtk_label_new (_("to")));
  gtk_container_add (GTK_CONTAINER (hours), end);
  gtk_entry_set_placeholder_text (GTK_ENTRY (reply), _("none: the reaction alone"));

  gtk_grid_attach (GTK_GRID (grid), setting_label (_("Notify new requests")), 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), enabled, 1, 0, 2, 1);
  gtk_grid_attach (GTK_GRID (grid), setting_label (_("Quiet hours (emergencies still come)")),
                   0, 1, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), hours, 1, 1, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), quiet, 2, 1, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), setting_label (_("Reply in Slack when acknowledging")),
                   0, 2, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), reply, 1, 2, 2, 1);
  gtk_grid_attach (GTK_GRID (grid), setting_label (_("Start Dayshift in the tray when you log in")),
                   0, 3, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), login, 1, 3, 2, 1);

  /* After the team profile and its explanation. */
  {
    GtkWidget *profile_box = GTK_WIDGET (self->profile_box);
    int position = 0;

    gtk_container_child_get (GTK_CONTAINER (area), profile_box, "position", &position, NULL);
    gtk_box_pack_start (GTK_BOX (area), title, FALSE, FALSE, 0);
    gtk_box_reorder_child (GTK_BOX (area), title, position + 2);
    gtk_box_pack_start (GTK_BOX (area), grid, FALSE, FALSE, 0);
    gtk_box_reorder_child (GTK_BOX (area), grid, position + 3);
  }
  gtk_widget_show_all (title);
  gtk_widget_show_all (grid);
}

static void
ds_settings_dialog_init (DsSettingsDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->settings = g_settings_new (BASE_APP_ID);
  self->rows = g_ptr_array_new_with_free_func (g_free);
  self->errors = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (services); i++)
    add_row (self, services[i], i);
  refresh_status (self);
  self->chooser = DS_PROFILE_CHOOSER (ds_profile_chooser_new ());
  gtk_container_add (GTK_CONTAINER (self->profile_box), GTK_WIDGET (self->chooser));
  gtk_widget_show (GTK_WIDGET (self->chooser));
  add_notification_settings (self);
}

/**
 * ds_settings_dialog_set_profile:
 * @profile: (nullable): the team profile in force (%NULL in the demo)
 * @location: (nullable): where the chosen profile is
 * @error: (nullable): why the chosen profile is not in force
 *
 * Shows the profile in force and its status; tokens are then looked up and
 * saved for the profile's addresses.
 */
void
ds_settings_dialog_set_profile (DsSettingsDialog *self,
                                DsTeamProfile    *profile,
                                const char       *location,
                                const char       *error)
{
  g_autofree char *what = NULL;

  g_return_if_fail (DS_IS_SETTINGS_DIALOG (self));

  ds_profile_chooser_set_location (self->chooser, location);
  if (error != NULL)
    ds_profile_chooser_set_status (self->chooser, error, TRUE);
  else if (profile != NULL)
    {
      g_autofree char *described = ds_profile_location_describe (profile);
      /* Translators: "In use: <what the profile holds>" */
      what = g_strdup_printf (_("In use: %s"), described);
      ds_profile_chooser_set_status (self->chooser, what, FALSE);
    }
  else
    ds_profile_chooser_set_status (self->chooser, _("No team profile: the demo workspace runs."),
                                   FALSE);
  if (profile == self->profile)
    return;
  g_clear_pointer (&self->profile, ds_team_profile_unref);
  self->profile = profile != NULL ? ds_team_profile_ref (profile) : NULL;
  /* Answers about the old addresses no longer matter. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  refresh_status (self);
}

GtkWidget *
ds_settings_dialog_new (GtkApplication *app)
{
  g_return_val_if_fail (GTK_IS_APPLICATION (app), NULL);

  return g_object_new (DS_TYPE_SETTINGS_DIALOG,
                       "application", app,
                       "use-header-bar", FALSE,
                       NULL);
}
