/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ds-settings-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "ds-profile-location.h"
#include "ds-settings-private.h"
#include "ds-time-picker.h"

/* Settings, in one model: every setting applies as it is changed, like
 * other GNOME settings, and there is nothing to press before closing; a
 * token typed is saved too, at the latest when the window is closed
 * (ds-settings-tokens.c). Pages: the team (its profile and the tokens it
 * needs), notifications, replies, and Dayshift itself (start at login, how
 * often it reads). */

G_DEFINE_FINAL_TYPE (DsSettingsDialog, ds_settings_dialog, GTK_TYPE_DIALOG)

enum { TOKENS_SAVED, N_SIGNALS };
static guint signals[N_SIGNALS];

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

      ds_settings_add_token_row (self, GTK_GRID (grid), info, FALSE);
      if (info->app_secret != NULL)
        ds_settings_add_token_row (self, GTK_GRID (grid), info, TRUE);
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

/* Closed (its title bar, Escape): a typed token is saved first. */
static gboolean
ds_settings_dialog_delete_event (GtkWidget   *widget,
                                 GdkEventAny *event)
{
  if (ds_settings_close_tokens (DS_SETTINGS_DIALOG (widget)))
    return GDK_EVENT_STOP;
  return GTK_WIDGET_CLASS (ds_settings_dialog_parent_class)->delete_event (widget, event);
}

static void
ds_settings_dialog_class_init (DsSettingsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ds_settings_dialog_dispose;
  widget_class->delete_event = ds_settings_dialog_delete_event;

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
  ds_settings_refresh_tokens (self);
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
  ds_settings_refresh_tokens (self);
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
