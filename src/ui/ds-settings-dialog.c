/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-settings-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "ds-profile-chooser.h"
#include "ds-profile-location.h"
#include "ds-secrets.h"
#include "ds-settings-dialog.h"
#include "ds-team-profile.h"
#include "ds-time-picker.h"
#include "ds-token-check.h"

/* Settings, in one model: every setting applies as it is changed, like
 * other GNOME settings, and there is nothing to press before closing.
 * Pages: the team (its profile and the tokens it needs), notifications,
 * replies, and Dayshift itself (start at login, how often it reads).
 *
 * Tokens, one row per service, are saved one at a time. The dialog never
 * shows a saved token, only whether one is saved; what is typed is sent to
 * the keyring, and cleared from the field once the keyring has it (kept
 * there, with the keyring's answer, when the keyring refuses it). Test asks
 * the service who the token belongs to: the typed one, else the saved one. */
struct _DsSettingsDialog
{
  GtkDialog         parent_instance;

  GCancellable     *cancellable;
  GSettings        *settings;
  GPtrArray        *rows;     /* Row */
  DsProfileChooser *chooser;
  DsTeamProfile    *profile;  /* the profile in force: where each token goes */
};

G_DEFINE_FINAL_TYPE (DsSettingsDialog, ds_settings_dialog, GTK_TYPE_DIALOG)

enum { TOKENS_SAVED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* A token's row: one for each service in the table of services
 * (ds-service.c), and one more for a second token a service takes. */
typedef struct
{
  DsSettingsDialog    *self;     /* the dialog the row is in */
  const DsServiceInfo *info;
  gboolean             app;      /* the service's second token (info->app_secret) */
  GtkEntry            *entry;
  GtkLabel            *status;
  GtkWidget           *test;
} Row;

/* The token's name in the keyring. */
static const char *
secret_of (Row *row)
{
  return row->app ? row->info->app_secret : row->info->id;
}

/* The API address a row's token is for: the team profile's, else the
 * public one (GitHub's from the github-host setting). */
static char *
url_for (DsSettingsDialog *self,
         Row              *row)
{
  const char *url = self->profile != NULL
    ? ds_team_profile_get_url (self->profile, row->info->service) : NULL;

  if (url != NULL)
    return g_strdup (url);
  if (row->info->service == DS_SERVICE_GITHUB)
    {
      g_autofree char *host = g_settings_get_string (self->settings, "github-host");
      return g_strconcat ("https://", host, NULL);
    }
  return NULL;
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
  GtkStyleContext *style = gtk_widget_get_style_context (GTK_WIDGET (row->status));

  gtk_label_set_text (row->status, text);
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

  if (!call_is_over (call, error))
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
refresh_status (DsSettingsDialog *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      Row *row = g_ptr_array_index (self->rows, i);

      set_status (row, _("Checking…"), FALSE);
      ds_secrets_lookup_async (secret_of (row), host_for (self, row), 0, self->cancellable,
                               on_lookup_done, row_call_new (self, row));
    }
}

static void
on_store_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  RowCall *call = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = ds_secrets_store_finish (result, &error);

  if (!call_is_over (call, error))
    {
      gtk_widget_set_sensitive (GTK_WIDGET (call->row->entry), TRUE);
      if (ok)
        {
          /* The keyring has it: the field lets go of it. */
          gtk_entry_set_text (call->row->entry, "");
          set_status (call->row, _("Saved in the keyring"), FALSE);
          g_signal_emit (call->self, signals[TOKENS_SAVED], 0);
        }
      else /* Kept in the field, to save again once the keyring is back. */
        set_status (call->row, error->message, TRUE);
    }
  row_call_free (call);
}

static void
save_row (DsSettingsDialog *self,
          Row              *row)
{
  g_autofree char *token = g_strstrip (g_strdup (gtk_entry_get_text (row->entry)));

  if (*token == '\0')
    {
      set_status (row, _("Type or paste a token, then Save"), FALSE);
      return;
    }
  set_status (row, _("Saving…"), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (row->entry), FALSE);
  ds_secrets_store_async (secret_of (row), host_for (self, row), token, 0, self->cancellable,
                          on_store_done, row_call_new (self, row));
  memset (token, 0, strlen (token));
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

static GtkWidget *
heading (const char *text)
{
  GtkWidget *label = gtk_label_new (text);
  PangoAttrList *bold = pango_attr_list_new ();

  pango_attr_list_insert (bold, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  gtk_label_set_attributes (GTK_LABEL (label), bold);
  pango_attr_list_unref (bold);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  return label;
}

static GtkWidget *
explanation (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_line_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 60);
  gtk_label_set_width_chars (GTK_LABEL (label), 60);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_style_context_add_class (gtk_widget_get_style_context (label), "dim-label");
  return label;
}

static GtkWidget *
new_grid (void)
{
  GtkWidget *grid = gtk_grid_new ();

  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  return grid;
}

static GtkWidget *
new_page (void)
{
  GtkWidget *page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

  g_object_set (page, "margin", 18, NULL);
  return page;
}

static void
add_token_row (DsSettingsDialog    *self,
               GtkGrid             *grid,
               const DsServiceInfo *info,
               gboolean             app)
{
  Row *row = g_new0 (Row, 1);
  const char *name = ds_secrets_service_label (app ? info->app_secret : info->id);
  GtkWidget *label = gtk_label_new (name);
  GtkWidget *entry = gtk_entry_new ();
  GtkWidget *save = gtk_button_new_with_label (_("Save"));
  GtkWidget *test = gtk_button_new_with_label (_("Test"));
  GtkWidget *status = gtk_label_new (NULL);
  g_autofree char *a11y = g_strdup_printf (_("%s token"), name);
  g_autofree char *save_name = g_strdup_printf (_("Save the %s token"), name);
  g_autofree char *test_name = g_strdup_printf (_("Test the %s token"), name);
  int top = (int)self->rows->len * 2;

  row->self = self;
  row->info = info;
  row->app = app;
  row->entry = GTK_ENTRY (entry);
  row->status = GTK_LABEL (status);
  row->test = test;

  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), entry);
  gtk_entry_set_visibility (GTK_ENTRY (entry), FALSE);
  gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_PASSWORD);
  gtk_entry_set_width_chars (GTK_ENTRY (entry), 28);
  gtk_widget_set_hexpand (entry, TRUE);
  atk_object_set_name (gtk_widget_get_accessible (entry), a11y);
  g_signal_connect (entry, "activate", G_CALLBACK (on_save_clicked), row);
  g_signal_connect (save, "clicked", G_CALLBACK (on_save_clicked), row);
  atk_object_set_name (gtk_widget_get_accessible (save), save_name);
  gtk_widget_set_tooltip_text (save, save_name);
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
  gtk_label_set_xalign (GTK_LABEL (status), 0);
  gtk_label_set_ellipsize (GTK_LABEL (status), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (status), 50);
  gtk_label_set_selectable (GTK_LABEL (status), TRUE);
  gtk_style_context_add_class (gtk_widget_get_style_context (status), "dim-label");
  /* A long answer (an error) is read whole in the tooltip. */
  g_object_bind_property (status, "label", status, "tooltip-text", G_BINDING_DEFAULT);

  gtk_grid_attach (grid, label, 0, top, 1, 1);
  gtk_grid_attach (grid, entry, 1, top, 1, 1);
  gtk_grid_attach (grid, save, 2, top, 1, 1);
  gtk_grid_attach (grid, test, 3, top, 1, 1);
  gtk_grid_attach (grid, status, 1, top + 1, 3, 1);
  g_ptr_array_add (self->rows, row);
}

static GtkWidget *
team_page (DsSettingsDialog *self)
{
  GtkWidget *page = new_page ();
  GtkWidget *grid = new_grid ();

  self->chooser = DS_PROFILE_CHOOSER (ds_profile_chooser_new ());
  gtk_container_add (GTK_CONTAINER (page), heading (_("Team profile")));
  gtk_container_add (GTK_CONTAINER (page), GTK_WIDGET (self->chooser));
  gtk_container_add (GTK_CONTAINER (page), explanation (
    _("The file your team keeps in its repository (the window's Set Up page opens an example). "
      "A profile is checked when you choose it, and used at once; without one, Dayshift "
      "shows its demo workspace.")));
  gtk_container_add (GTK_CONTAINER (page), heading (_("Tokens")));
  gtk_container_add (GTK_CONTAINER (page), explanation (
    _("Kept in your keyring, never in a file, and sent only to the addresses in the team "
      "profile. Test asks the service who a token belongs to.")));
  for (DsService s = 0; s < DS_N_SERVICES; s++)
    {
      const DsServiceInfo *info = ds_service_info (s);

      add_token_row (self, GTK_GRID (grid), info, FALSE);
      if (info->app_secret != NULL)
        add_token_row (self, GTK_GRID (grid), info, TRUE);
    }
  gtk_container_add (GTK_CONTAINER (page), grid);
  return page;
}

/* A label and its control on one line of @grid. */
static void
add_setting (GtkGrid    *grid,
             int         top,
             const char *text,
             GtkWidget  *control)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_line_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 36);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), control);
  gtk_widget_set_halign (control, GTK_ALIGN_END);
  gtk_widget_set_valign (control, GTK_ALIGN_CENTER);
  gtk_grid_attach (grid, label, 0, top, 1, 1);
  gtk_grid_attach (grid, control, 1, top, 1, 1);
}

static GtkWidget *
bound_switch (DsSettingsDialog *self,
              const char       *key,
              const char       *name)
{
  GtkWidget *sw = gtk_switch_new ();

  atk_object_set_name (gtk_widget_get_accessible (sw), name);
  g_settings_bind (self->settings, key, sw, "active", G_SETTINGS_BIND_DEFAULT);
  return sw;
}

static GtkWidget *
bound_entry (DsSettingsDialog *self,
             const char       *key,
             const char       *name,
             const char       *placeholder)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_entry_set_width_chars (GTK_ENTRY (entry), 34);
  atk_object_set_name (gtk_widget_get_accessible (entry), name);
  if (placeholder != NULL)
    gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  g_settings_bind (self->settings, key, entry, "text", G_SETTINGS_BIND_DEFAULT);
  return entry;
}

/* A number of seconds, minutes or hours, within the key's range. */
static GtkWidget *
bound_spin (DsSettingsDialog *self,
            const char       *key,
            const char       *name)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettingsSchemaKey) schema_key = NULL;
  g_autoptr(GVariant) range = NULL;
  GVariant *bounds = NULL;
  const char *kind = NULL;
  guint32 lo = 0, hi = 100000;
  GtkWidget *spin;

  g_object_get (self->settings, "settings-schema", &schema, NULL);
  schema_key = g_settings_schema_get_key (schema, key);
  range = g_settings_schema_key_get_range (schema_key);
  g_variant_get (range, "(&sv)", &kind, &bounds);
  if (g_str_equal (kind, "range"))
    g_variant_get (bounds, "(uu)", &lo, &hi);
  g_variant_unref (bounds);

  spin = gtk_spin_button_new_with_range (lo, hi, 1);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_entry_set_width_chars (GTK_ENTRY (spin), 5);
  atk_object_set_name (gtk_widget_get_accessible (spin), name);
  g_settings_bind (self->settings, key, spin, "value", G_SETTINGS_BIND_DEFAULT);
  return spin;
}

static GtkWidget *
notifications_page (DsSettingsDialog *self)
{
  GtkWidget *page = new_page ();
  GtkWidget *grid = new_grid ();
  GtkWidget *quiet = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *start = ds_time_picker_new (self->settings, "quiet-hours-start", _("Quiet hours start"));
  GtkWidget *end = ds_time_picker_new (self->settings, "quiet-hours-end", _("Quiet hours end"));
  int top = 0;

  gtk_container_add (GTK_CONTAINER (quiet), start);
  gtk_container_add (GTK_CONTAINER (quiet), gtk_label_new (_("to")));
  gtk_container_add (GTK_CONTAINER (quiet), end);
  g_settings_bind (self->settings, "quiet-hours-enabled", quiet, "sensitive",
                   G_SETTINGS_BIND_GET);

  add_setting (GTK_GRID (grid), top++, _("_Notify new requests"),
               bound_switch (self, "notifications-enabled", _("Notify new requests")));
  add_setting (GTK_GRID (grid), top++, _("_Quiet hours: only emergencies notify"),
               bound_switch (self, "quiet-hours-enabled", _("Quiet hours")));
  add_setting (GTK_GRID (grid), top++, _("Quiet from"), quiet);
  add_setting (GTK_GRID (grid), top++, _("Most notifications in ten seconds (the rest in one "
                                         "summary)"),
               bound_spin (self, "burst-size", _("Most notifications in ten seconds")));
  add_setting (GTK_GRID (grid), top++, _("Remind me of a delegated item after (minutes, 0 "
                                         "for never)"),
               bound_spin (self, "delegate-reminder", _("Delegation reminder")));
  add_setting (GTK_GRID (grid), top++, _("Tell me my shift starts this many minutes before"),
               bound_spin (self, "rotation-lead-minutes", _("Shift lead time")));
  add_setting (GTK_GRID (grid), top++, _("Standup (when the team profile does not say)"),
               ds_time_picker_new (self->settings, "standup-time", _("Standup time")));
  gtk_container_add (GTK_CONTAINER (page), heading (_("Notifications")));
  gtk_container_add (GTK_CONTAINER (page), grid);
  return page;
}

static GtkWidget *
replies_page (DsSettingsDialog *self)
{
  GtkWidget *page = new_page ();
  GtkWidget *grid = new_grid ();
  int top = 0;

  add_setting (GTK_GRID (grid), top++, _("Reaction when acknowledging"),
               bound_entry (self, "acknowledge-reaction", _("Reaction when acknowledging"),
                            _("an emoji name, e.g. eyes")));
  add_setting (GTK_GRID (grid), top++, _("Reply when acknowledging"),
               bound_entry (self, "acknowledge-reply", _("Reply when acknowledging"),
                            _("none: the reaction alone")));
  add_setting (GTK_GRID (grid), top++, _("Reply when delegating (%s: the teammate)"),
               bound_entry (self, "delegate-reply", _("Reply when delegating"), NULL));
  add_setting (GTK_GRID (grid), top++, _("Reply after filing an issue (%s: the issue)"),
               bound_entry (self, "issue-reply", _("Reply after filing an issue"), NULL));
  gtk_container_add (GTK_CONTAINER (page), heading (_("Replies in Slack")));
  gtk_container_add (GTK_CONTAINER (page), explanation (
    _("What Dayshift says in a request's thread when you act on it from a notification, the "
      "tray or the window.")));
  gtk_container_add (GTK_CONTAINER (page), grid);
  return page;
}

static GtkWidget *
general_page (DsSettingsDialog *self)
{
  GtkWidget *page = new_page ();
  GtkWidget *start = new_grid ();
  GtkWidget *grid = new_grid ();
  GtkWidget *realtime = gtk_combo_box_text_new ();
  int top = 0;

  add_setting (GTK_GRID (start), 0, _("Start Dayshift in the tray when you _log in"),
               bound_switch (self, "start-at-login", _("Start at login")));
  gtk_combo_box_text_append (GTK_COMBO_BOX_TEXT (realtime), "on-rotation",
                             _("While on rotation"));
  gtk_combo_box_text_append (GTK_COMBO_BOX_TEXT (realtime), "always", _("Always"));
  gtk_combo_box_text_append (GTK_COMBO_BOX_TEXT (realtime), "never", _("Never (poll)"));
  atk_object_set_name (gtk_widget_get_accessible (realtime), _("Slack in real time"));
  g_settings_bind (self->settings, "slack-realtime", realtime, "active-id",
                   G_SETTINGS_BIND_DEFAULT);
  add_setting (GTK_GRID (grid), top++, _("Seconds between GitHub reads"),
               bound_spin (self, "github-poll-interval", _("GitHub poll interval")));
  add_setting (GTK_GRID (grid), top++, _("Seconds between Slack reads"),
               bound_spin (self, "slack-poll-interval", _("Slack poll interval")));
  add_setting (GTK_GRID (grid), top++, _("Seconds between PagerDuty reads"),
               bound_spin (self, "pagerduty-poll-interval", _("PagerDuty poll interval")));
  add_setting (GTK_GRID (grid), top++, _("Slack in real time (Socket Mode)"), realtime);
  add_setting (GTK_GRID (grid), top++, _("Hours to watch an open Slack request for a "
                                         "teammate's claim"),
               bound_spin (self, "follow-open-hours", _("Hours to follow a request")));
  gtk_container_add (GTK_CONTAINER (page), heading (_("Start")));
  gtk_container_add (GTK_CONTAINER (page), start);
  gtk_container_add (GTK_CONTAINER (page), heading (_("Reading the services")));
  gtk_container_add (GTK_CONTAINER (page), explanation (
    _("Dayshift asks only for what changed, and reads less often when a service asks it "
      "to.")));
  gtk_container_add (GTK_CONTAINER (page), grid);
  return page;
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

  G_OBJECT_CLASS (ds_settings_dialog_parent_class)->dispose (object);
}

static void
ds_settings_dialog_class_init (DsSettingsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ds_settings_dialog_dispose;

  /**
   * DsSettingsDialog::tokens-saved:
   *
   * A token was saved in the keyring: the workspace reads them again.
   */
  signals[TOKENS_SAVED] = g_signal_new ("tokens-saved", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
ds_settings_dialog_init (DsSettingsDialog *self)
{
  GtkWidget *area = gtk_dialog_get_content_area (GTK_DIALOG (self));
  GtkWidget *stack = gtk_stack_new ();
  GtkWidget *switcher = gtk_stack_switcher_new ();

  self->cancellable = g_cancellable_new ();
  self->settings = g_settings_new (BASE_APP_ID);
  self->rows = g_ptr_array_new_with_free_func (g_free);

  gtk_window_set_title (GTK_WINDOW (self), _("Dayshift Settings"));
  /* The size of the largest page, whichever is shown. */
  gtk_window_set_resizable (GTK_WINDOW (self), FALSE);
  gtk_stack_set_homogeneous (GTK_STACK (stack), TRUE);
  gtk_stack_set_transition_type (GTK_STACK (stack), GTK_STACK_TRANSITION_TYPE_CROSSFADE);
  gtk_stack_add_titled (GTK_STACK (stack), team_page (self), "team", _("Team"));
  gtk_stack_add_titled (GTK_STACK (stack), notifications_page (self), "notifications",
                        _("Notifications"));
  gtk_stack_add_titled (GTK_STACK (stack), replies_page (self), "replies", _("Replies"));
  gtk_stack_add_titled (GTK_STACK (stack), general_page (self), "general", _("General"));
  gtk_stack_switcher_set_stack (GTK_STACK_SWITCHER (switcher), GTK_STACK (stack));
  gtk_widget_set_halign (switcher, GTK_ALIGN_CENTER);
  g_object_set (switcher, "margin-top", 12, NULL);
  gtk_container_add (GTK_CONTAINER (area), switcher);
  gtk_container_add (GTK_CONTAINER (area), stack);
  gtk_widget_show_all (area);
  refresh_status (self);
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
  g_return_if_fail (DS_IS_SETTINGS_DIALOG (self));

  ds_profile_chooser_set_location (self->chooser, location);
  if (error != NULL)
    ds_profile_chooser_set_status (self->chooser, error, TRUE);
  else if (profile != NULL)
    {
      g_autofree char *described = ds_profile_location_describe (profile);
      /* Translators: "In use: <what the profile holds>" */
      g_autofree char *what = g_strdup_printf (_("In use: %s"), described);

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
                       "use-header-bar", TRUE,
                       NULL);
}
