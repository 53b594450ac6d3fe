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
 * (ds-settings-tokens.c). A preferences window from a template
 * (data/ui/ds-settings-dialog.ui) whose pages are the team (its profile,
 * the tokens it needs, Check Setup), notifications, replies, and Dayshift
 * itself (start at login, how often it reads); what the template cannot
 * say (the bindings to the settings, each spin button's range, the time
 * pickers, the profile chooser and the token rows) is done here. */

G_DEFINE_FINAL_TYPE (DsSettingsDialog, ds_settings_dialog, HDY_TYPE_PREFERENCES_WINDOW)

enum { TOKENS_SAVED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* Each control of the template and the key it shows and sets. */
static const struct
{
  const char *id;
  const char *key;
} bound[] = {
  { "notify_switch", "notifications-enabled" },
  { "quiet_switch", "quiet-hours-enabled" },
  { "burst_spin", "burst-size" },
  { "reminder_spin", "delegate-reminder" },
  { "lead_spin", "rotation-lead-minutes" },
  { "reaction_entry", "acknowledge-reaction" },
  { "ack_reply_entry", "acknowledge-reply" },
  { "delegate_reply_entry", "delegate-reply" },
  { "issue_reply_entry", "issue-reply" },
  { "login_switch", "start-at-login" },
  { "github_poll_spin", "github-poll-interval" },
  { "slack_poll_spin", "slack-poll-interval" },
  { "pagerduty_poll_spin", "pagerduty-poll-interval" },
  { "realtime_combo", "slack-realtime" },
  { "follow_spin", "follow-open-hours" },
};

/* A number of seconds, minutes or hours, within the key's range. */
static void
bound_spin (DsSettingsDialog *self,
            GtkSpinButton    *spin,
            const char       *key)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettingsSchemaKey) schema_key = NULL;
  g_autoptr(GVariant) range = NULL;
  GVariant *bounds = NULL;
  const char *kind = NULL;
  guint32 lo = 0, hi = 100000;

  g_object_get (self->settings, "settings-schema", &schema, NULL);
  schema_key = g_settings_schema_get_key (schema, key);
  range = g_settings_schema_key_get_range (schema_key);
  g_variant_get (range, "(&sv)", &kind, &bounds);
  if (g_str_equal (kind, "range"))
    g_variant_get (bounds, "(uu)", &lo, &hi);
  g_variant_unref (bounds);

  gtk_spin_button_set_range (spin, lo, hi);
  gtk_spin_button_set_increments (spin, 1, 10);
  g_settings_bind (self->settings, key, spin, "value", G_SETTINGS_BIND_DEFAULT);
}

/* bound_switch, bound_spin and bound_entry, for the template's controls. */
static void
bind_controls (DsSettingsDialog *self)
{
  for (gsize i = 0; i < G_N_ELEMENTS (bound); i++)
    {
      GObject *control = gtk_widget_get_template_child (GTK_WIDGET (self),
                                                        DS_TYPE_SETTINGS_DIALOG, bound[i].id);

      g_assert (control != NULL);
      if (GTK_IS_SWITCH (control))
        g_settings_bind (self->settings, bound[i].key, control, "active",
                         G_SETTINGS_BIND_DEFAULT);
      else if (GTK_IS_SPIN_BUTTON (control))
        bound_spin (self, GTK_SPIN_BUTTON (control), bound[i].key);
      else if (GTK_IS_ENTRY (control))
        g_settings_bind (self->settings, bound[i].key, control, "text",
                         G_SETTINGS_BIND_DEFAULT);
      else if (GTK_IS_COMBO_BOX (control))
        g_settings_bind (self->settings, bound[i].key, control, "active-id",
                         G_SETTINGS_BIND_DEFAULT);
      else
        g_assert_not_reached ();
    }
}

/* A control at the end of @row, centred on its line. */
static void
add_suffix (HdyActionRow *row,
            GtkWidget    *control)
{
  gtk_widget_set_valign (control, GTK_ALIGN_CENTER);
  gtk_widget_show_all (control);
  gtk_container_add (GTK_CONTAINER (row), control);
}

static void
team_page (DsSettingsDialog *self)
{
  self->chooser = DS_PROFILE_CHOOSER (ds_profile_chooser_new ());
  gtk_widget_show (GTK_WIDGET (self->chooser));
  gtk_container_add (GTK_CONTAINER (self->profile_group), GTK_WIDGET (self->chooser));
  for (DsService s = 0; s < DS_N_SERVICES; s++)
    {
      const DsServiceInfo *info = ds_service_info (s);

      ds_settings_add_token_row (self, self->tokens_group, info, FALSE);
      if (info->app_secret != NULL)
        ds_settings_add_token_row (self, self->tokens_group, info, TRUE);
    }
}

static void
notifications_page (DsSettingsDialog *self)
{
  GtkWidget *quiet = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *start = ds_time_picker_new (self->settings, "quiet-hours-start",
                                         _("Quiet hours start"));
  GtkWidget *end = ds_time_picker_new (self->settings, "quiet-hours-end", _("Quiet hours end"));

  gtk_container_add (GTK_CONTAINER (quiet), start);
  gtk_container_add (GTK_CONTAINER (quiet), gtk_label_new (_("to")));
  gtk_container_add (GTK_CONTAINER (quiet), end);
  g_settings_bind (self->settings, "quiet-hours-enabled", quiet, "sensitive",
                   G_SETTINGS_BIND_GET);
  add_suffix (self->quiet_from_row, quiet);
  add_suffix (self->standup_row,
              ds_time_picker_new (self->settings, "standup-time", _("Standup time")));
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

/* Closed (its title bar, Escape, which the preferences window takes as
 * closing it when no search is open): a typed token is saved first. */
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
  GtkWidgetClass *bar_class;
  GType bar_accessible;

  object_class->dispose = ds_settings_dialog_dispose;
  widget_class->delete_event = ds_settings_dialog_delete_event;

  /**
   * DsSettingsDialog::tokens-saved:
   *
   * A token was saved in the keyring: the workspace reads them again.
   */
  signals[TOKENS_SAVED] = g_signal_new ("tokens-saved", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /* The title bar's Close, like any header bar's, among what assistive
   * technologies see: a libhandy header bar keeps its window buttons to
   * itself otherwise. GTK's header bars show theirs with an accessible type
   * it does not declare in its headers, registered with their class. */
  g_type_class_unref (g_type_class_ref (GTK_TYPE_HEADER_BAR));
  bar_accessible = g_type_from_name ("GtkHeaderBarAccessible");
  bar_class = g_type_class_ref (HDY_TYPE_HEADER_BAR);
  if (bar_accessible != G_TYPE_INVALID)
    gtk_widget_class_set_accessible_type (bar_class, bar_accessible);
  g_type_class_unref (bar_class);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/ds-settings-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, DsSettingsDialog, profile_group);
  gtk_widget_class_bind_template_child (widget_class, DsSettingsDialog, tokens_group);
  gtk_widget_class_bind_template_child (widget_class, DsSettingsDialog, check_button);
  gtk_widget_class_bind_template_child (widget_class, DsSettingsDialog, sign_in_row);
  gtk_widget_class_bind_template_child (widget_class, DsSettingsDialog, quiet_from_row);
  gtk_widget_class_bind_template_child (widget_class, DsSettingsDialog, standup_row);
  for (gsize i = 0; i < G_N_ELEMENTS (bound); i++)
    gtk_widget_class_bind_template_child_full (widget_class, bound[i].id, FALSE, 0);
}

static void
ds_settings_dialog_init (DsSettingsDialog *self)
{
  self->cancellable = g_cancellable_new ();
  self->settings = g_settings_new (BASE_APP_ID);
  self->rows = g_ptr_array_new_with_free_func (g_free);

  gtk_widget_init_template (GTK_WIDGET (self));
  bind_controls (self);
  team_page (self);
  notifications_page (self);
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
  /* Check Setup is off (app.check-setup) while there is nothing to check:
   * its tooltip says why. */
  if (profile != NULL)
    gtk_widget_set_tooltip_text (self->check_button,
                                 _("Ask each service what the saved tokens can do"));
  else if (location == NULL || *location == '\0')
    gtk_widget_set_tooltip_text (self->check_button, _("The demo needs no setup"));
  else
    gtk_widget_set_tooltip_text (self->check_button, _("No team profile is in use to check"));
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

/* A token was saved elsewhere (signing in with GitHub): each row says
 * what the keyring holds now. */
void
ds_settings_dialog_refresh_tokens (DsSettingsDialog *self)
{
  g_return_if_fail (DS_IS_SETTINGS_DIALOG (self));
  ds_settings_refresh_tokens (self);
}

GtkWidget *
ds_settings_dialog_new (GtkApplication *app)
{
  DsSettingsDialog *self;
  GAction *sign_in;

  g_return_val_if_fail (GTK_IS_APPLICATION (app), NULL);

  self = g_object_new (DS_TYPE_SETTINGS_DIALOG,
                       "application", app,
                       NULL);
  /* Signing in with GitHub is offered while the application can: the
   * profile in force names the team's OAuth app. */
  sign_in = g_action_map_lookup_action (G_ACTION_MAP (app), "github-sign-in");
  if (sign_in != NULL)
    g_object_bind_property (sign_in, "enabled", self->sign_in_row, "visible",
                            G_BINDING_SYNC_CREATE);
  return GTK_WIDGET (self);
}
