/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-settings-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "ds-secrets.h"
#include "ds-settings-private.h"
#include "ds-status-label.h"
#include "ds-token-check.h"

/* Settings' token rows, one per service in the table of services
 * (ds-service.c) and one more for a second token a service takes.
 *
 * The dialog never shows a saved token, only whether one is saved. A typed
 * token is never lost: it is sent to the keyring on Enter, on Save, when
 * the field loses the focus, and when the window is closed (which then
 * waits, hidden, for the keyring's answer). The field lets go of it once
 * the keyring has it, and keeps it, with the keyring's answer, when the
 * keyring refuses it; a window closed on such a refusal comes back to say
 * so. The row's status says what is true of the typed text: "Not saved yet"
 * until the keyring has it, never "Saved". Test asks the service who the
 * token belongs to: the typed one, else the saved one. Every answer is
 * shown whole, wrapped on the row's second line.
 *
 * A row is a preferences row of the Tokens group, so the window's search
 * finds it by its service's name: the name, the field, Save and Test on its
 * first line, the status under them. */

struct _DsTokenRow
{
  DsSettingsDialog    *self;     /* the dialog the row is in */
  const DsServiceInfo *info;
  gboolean             app;      /* the service's second token (info->app_secret) */
  GtkEntry            *entry;
  GtkLabel            *status;
  GtkWidget           *test;
  gboolean             typed;    /* the field holds text not yet sent to the keyring */
  gboolean             quiet;    /* the row itself is changing the field */
};

typedef DsTokenRow Row;

/* The token's name in the keyring. */
static const char *
secret_of (Row *row)
{
  return row->app ? row->info->app_secret : row->info->id;
}

/**
 * ds_settings_github_url:
 * @settings: (nullable): Dayshift's settings; %NULL where its schema is not
 *   installed
 *
 * Returns: (transfer full): the GitHub API address of the github-host
 *   setting (GitHub Enterprise for the whole computer)
 */
char *
ds_settings_github_url (GSettings *settings)
{
  g_autofree char *host = settings != NULL ? g_settings_get_string (settings, "github-host")
                                           : NULL;

  return g_strconcat ("https://", host != NULL ? host : ds_service_default_host (DS_SERVICE_GITHUB),
                      NULL);
}

/**
 * ds_settings_token_url:
 * @profile: (nullable): the team profile in force
 *
 * Returns: (transfer full) (nullable): the API address a token of @service
 *   is for, where the workspace reads it (ds_team_profile_api_url()):
 *   the team profile's, else GitHub's from the github-host setting, %NULL
 *   for the service's default
 */
char *
ds_settings_token_url (GSettings     *settings,
                       DsTeamProfile *profile,
                       DsService      service)
{
  g_autofree char *github_url = ds_settings_github_url (settings);

  return g_strdup (ds_team_profile_api_url (profile, service, github_url));
}

/* The API address a row's token is for. */
static char *
url_for (DsSettingsDialog *self,
         Row              *row)
{
  return ds_settings_token_url (self->settings, self->profile, row->info->service);
}

/* The keyring's key for a row: the origin Dayshift will send the token to. */
static const char *
host_for (DsSettingsDialog *self,
          Row              *row)
{
  g_autofree char *url = url_for (self, row);

  return url != NULL ? ds_secrets_origin_key (secret_of (row), url)
                     : ds_secrets_default_host (secret_of (row));
}

static void
set_status (Row        *row,
            const char *text,
            gboolean    is_error)
{
  ds_status_label_set (row->status, text, is_error);
}

static void
say_not_saved (Row *row)
{
  set_status (row, _("Not saved yet: press Enter, or leave the field, to save it"), FALSE);
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

static gboolean
call_is_over (RowCall *call,
              GError  *error)
{
  return call->self == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
on_lookup_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  RowCall *call = user_data;
  g_autoptr(GError) error = NULL;
  char *secret = ds_secrets_lookup_finish (result, &error);

  if (!call_is_over (call, error) && !call->row->typed)
    {
      if (error != NULL)
        set_status (call->row, error->message, TRUE);
      else
        set_status (call->row, secret != NULL ? _("Saved") : _("Not set"), FALSE);
    }
  ds_secrets_free (secret);
  row_call_free (call);
}

static void
look_up (DsSettingsDialog *self,
         Row              *row)
{
  set_status (row, _("Checking…"), FALSE);
  ds_secrets_lookup_async (secret_of (row), host_for (self, row), 0, self->cancellable,
                           on_lookup_done, row_call_new (self, row));
}

void
ds_settings_refresh_tokens (DsSettingsDialog *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      Row *row = g_ptr_array_index (self->rows, i);

      if (row->typed)
        say_not_saved (row);
      else
        look_up (self, row);
    }
}

/* The window was closed while tokens were on their way: it goes once the
 * keyring has them all, and comes back if it refused one. */
static void
finish_close (DsSettingsDialog *self)
{
  if (!self->closing || self->saving > 0)
    return;
  self->closing = FALSE;
  if (self->refused)
    gtk_window_present (GTK_WINDOW (self));
  else
    gtk_widget_destroy (GTK_WIDGET (self));
}

/* The reveal button: shows the typed token, or hides it again. */
static void
on_reveal (GtkEntry             *entry,
           GtkEntryIconPosition  position,
           GdkEvent             *event,
           gpointer              user_data)
{
  gboolean shown = !gtk_entry_get_visibility (entry);

  gtk_entry_set_visibility (entry, shown);
  gtk_entry_set_icon_from_icon_name (entry, GTK_ENTRY_ICON_SECONDARY,
                                     shown ? "view-conceal-symbolic" : "view-reveal-symbolic");
  gtk_entry_set_icon_tooltip_text (entry, GTK_ENTRY_ICON_SECONDARY,
                                   shown ? _("Hide what was typed") : _("Show what was typed"));
}

static void
on_store_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  RowCall *call = user_data;
  DsSettingsDialog *self = call->self;
  Row *row = call->row;
  g_autoptr(GError) error = NULL;
  gboolean ok = ds_secrets_store_finish (result, &error);

  if (self != NULL)
    {
      self->saving--;
      gtk_widget_set_sensitive (GTK_WIDGET (row->entry), TRUE);
      if (ok)
        {
          /* The keyring has it: the field lets go of it. */
          row->quiet = TRUE;
          gtk_entry_set_text (row->entry, "");
          row->quiet = FALSE;
          /* Hidden again for the next one. */
          if (gtk_entry_get_visibility (row->entry))
            on_reveal (row->entry, GTK_ENTRY_ICON_SECONDARY, NULL, NULL);
          set_status (row, _("Saved in the keyring"), FALSE);
          g_signal_emit_by_name (self, "tokens-saved");
        }
      else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          /* Still in the field, still to save. */
          row->typed = TRUE;
          say_not_saved (row);
        }
      else
        {
          /* Kept in the field, with the keyring's answer, to save again once
           * the keyring is back (Enter or Save). */
          set_status (row, error->message, TRUE);
          self->refused = TRUE;
        }
      finish_close (self);
    }
  row_call_free (call);
}

static void
save_row (DsSettingsDialog *self,
          Row              *row)
{
  g_autofree char *token = NULL;

  if (!gtk_widget_get_sensitive (GTK_WIDGET (row->entry)))
    return; /* on its way already */
  token = g_strstrip (g_strdup (gtk_entry_get_text (row->entry)));
  if (*token == '\0')
    {
      set_status (row, _("Type or paste a token, then Save"), FALSE);
      return;
    }
  row->typed = FALSE;
  self->saving++;
  set_status (row, _("Saving…"), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (row->entry), FALSE);
  ds_secrets_store_async (secret_of (row), host_for (self, row), token, 0, self->cancellable,
                          on_store_done, row_call_new (self, row));
  memset (token, 0, strlen (token));
}

/**
 * ds_settings_close_tokens:
 *
 * The window is being closed: every typed token is sent to the keyring.
 *
 * Returns: %TRUE if the window is to stay (hidden) until the keyring
 *   answers
 */
gboolean
ds_settings_close_tokens (DsSettingsDialog *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      Row *row = g_ptr_array_index (self->rows, i);

      if (row->typed)
        save_row (self, row);
    }
  if (self->saving == 0)
    return FALSE;
  self->closing = TRUE;
  self->refused = FALSE;
  gtk_widget_hide (GTK_WIDGET (self));
  return TRUE;
}

static void
on_checked (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  RowCall *call = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *who = ds_token_check_finish (result, &error);

  if (!call_is_over (call, error))
    {
      gtk_widget_set_sensitive (call->row->test, TRUE);
      if (who != NULL)
        {
          /* Translators: "Works: GitHub user octocat (Mona)" */
          g_autofree char *said = g_strdup_printf (_("Works: %s"), who);
          set_status (call->row, said, FALSE);
        }
      else
        set_status (call->row, error->message, TRUE);
    }
  row_call_free (call);
}

static void
check_token (DsSettingsDialog *self,
             Row              *row,
             const char       *token)
{
  g_autofree char *url = url_for (self, row);

  set_status (row, _("Asking the service…"), FALSE);
  ds_token_check_async (row->info->service, url, token, self->cancellable, on_checked,
                        row_call_new (self, row));
}

static void
on_saved_for_test (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  RowCall *call = user_data;
  g_autoptr(GError) error = NULL;
  char *token = ds_secrets_lookup_finish (result, &error);

  if (!call_is_over (call, error))
    {
      if (token != NULL)
        check_token (call->self, call->row, token);
      else
        {
          gtk_widget_set_sensitive (call->row->test, TRUE);
          set_status (call->row, error != NULL ? error->message
                                               : _("No token saved: type one to test it"),
                      error != NULL);
        }
    }
  ds_secrets_free (token);
  row_call_free (call);
}

/* The typed token if there is one, else the saved one. */
static void
test_row (DsSettingsDialog *self,
          Row              *row)
{
  g_autofree char *typed = g_strstrip (g_strdup (gtk_entry_get_text (row->entry)));

  gtk_widget_set_sensitive (row->test, FALSE);
  if (*typed != '\0')
    check_token (self, row, typed);
  else
    ds_secrets_lookup_async (secret_of (row), host_for (self, row), 0, self->cancellable,
                             on_saved_for_test, row_call_new (self, row));
  memset (typed, 0, strlen (typed));
}

static void
on_save_clicked (GtkWidget *button,
                 Row       *row)
{
  save_row (row->self, row);
}

static void
on_test_clicked (GtkWidget *button,
                 Row       *row)
{
  test_row (row->self, row);
}

static void
on_changed (GtkEntry *entry,
            Row      *row)
{
  g_autofree char *text = NULL;

  if (row->quiet)
    return;
  text = g_strstrip (g_strdup (gtk_entry_get_text (entry)));
  row->typed = *text != '\0';
  if (row->typed)
    say_not_saved (row);
  else /* Nothing typed: what the keyring holds. */
    look_up (row->self, row);
  memset (text, 0, strlen (text));
}

static gboolean
on_focus_out (GtkWidget *entry,
              GdkEvent  *event,
              Row       *row)
{
  if (row->typed)
    save_row (row->self, row);
  return GDK_EVENT_PROPAGATE;
}

void
ds_settings_add_token_row (DsSettingsDialog    *self,
                           HdyPreferencesGroup *group,
                           const DsServiceInfo *info,
                           gboolean             app)
{
  Row *row = g_new0 (Row, 1);
  const char *name = ds_secrets_service_label (app ? info->app_secret : info->id);
  GtkWidget *item = hdy_preferences_row_new ();
  GtkWidget *lines = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (name);
  GtkWidget *entry = gtk_entry_new ();
  GtkWidget *save = gtk_button_new_with_label (_("Save"));
  GtkWidget *test = gtk_button_new_with_label (_("Test"));
  GtkWidget *status = gtk_label_new (NULL);
  g_autofree char *a11y = g_strdup_printf (_("%s token"), name);
  g_autofree char *save_name = g_strdup_printf (_("Save the %s token"), name);
  g_autofree char *test_name = g_strdup_printf (_("Test the %s token"), name);

  row->self = self;
  row->info = info;
  row->app = app;
  row->entry = GTK_ENTRY (entry);
  row->status = GTK_LABEL (status);
  row->test = test;

  hdy_preferences_row_set_title (HDY_PREFERENCES_ROW (item), name);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (item), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (item), FALSE);
  g_object_set (lines, "margin-start", 12, "margin-end", 12, "margin-top", 8,
                "margin-bottom", 8, NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), entry);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_entry_set_visibility (GTK_ENTRY (entry), FALSE);
  gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_PASSWORD);
  /* What was typed can be read before it is saved (it is never shown after). */
  gtk_entry_set_icon_from_icon_name (GTK_ENTRY (entry), GTK_ENTRY_ICON_SECONDARY,
                                     "view-reveal-symbolic");
  gtk_entry_set_icon_tooltip_text (GTK_ENTRY (entry), GTK_ENTRY_ICON_SECONDARY,
                                   _("Show what was typed"));
  g_signal_connect (entry, "icon-press", G_CALLBACK (on_reveal), NULL);
  gtk_entry_set_width_chars (GTK_ENTRY (entry), 28);
  atk_object_set_name (gtk_widget_get_accessible (entry), a11y);
  g_signal_connect (entry, "activate", G_CALLBACK (on_save_clicked), row);
  g_signal_connect (entry, "changed", G_CALLBACK (on_changed), row);
  g_signal_connect (entry, "focus-out-event", G_CALLBACK (on_focus_out), row);
  g_signal_connect (save, "clicked", G_CALLBACK (on_save_clicked), row);
  atk_object_set_name (gtk_widget_get_accessible (save), save_name);
  gtk_widget_set_tooltip_text (save, save_name);
  /* Clicking Test tries the typed token without saving it first. */
  gtk_widget_set_focus_on_click (save, FALSE);
  gtk_widget_set_focus_on_click (test, FALSE);
  if (ds_token_check_supported (info->service) && !app)
    {
      g_signal_connect (test, "clicked", G_CALLBACK (on_test_clicked), row);
      atk_object_set_name (gtk_widget_get_accessible (test), test_name);
      gtk_widget_set_tooltip_text (test, _("Ask the service who this token belongs to"));
    }
  else
    {
      gtk_widget_set_sensitive (test, FALSE);
      gtk_widget_set_tooltip_text (test, _("This token is checked when Dayshift first uses it"));
    }
  /* Every answer whole, an error too: wrapped under the row's first line. */
  gtk_label_set_xalign (GTK_LABEL (status), 0);
  gtk_label_set_line_wrap (GTK_LABEL (status), TRUE);
  gtk_label_set_line_wrap_mode (GTK_LABEL (status), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (status), 50);
  gtk_label_set_selectable (GTK_LABEL (status), TRUE);
  gtk_style_context_add_class (gtk_widget_get_style_context (status), "dim-label");

  gtk_container_add (GTK_CONTAINER (line), label);
  gtk_container_add (GTK_CONTAINER (line), entry);
  gtk_container_add (GTK_CONTAINER (line), save);
  gtk_container_add (GTK_CONTAINER (line), test);
  gtk_container_add (GTK_CONTAINER (lines), line);
  gtk_container_add (GTK_CONTAINER (lines), status);
  gtk_container_add (GTK_CONTAINER (item), lines);
  gtk_widget_show_all (item);
  gtk_container_add (GTK_CONTAINER (group), item);
  g_ptr_array_add (self->rows, row);
}
